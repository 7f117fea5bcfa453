/* Time helpers. Times are stored as integer unix seconds (UTC) everywhere, in
 * both databases; dates a person types are ISO 8601 (YYYY-MM-DD). */
#ifndef WIJK_CORE_CLOCK_H
#define WIJK_CORE_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* Seconds since the epoch, UTC. */
int64_t clock_now(void);

/* Milliseconds from a monotonic clock, for durations only. */
int64_t clock_mono_ms(void);

/* Writes "2026-11-28T23:32:26Z" (21 bytes with NUL) into out. */
void clock_iso8601(int64_t t, char out[static 21]);

/* Writes "2026-11-28" (11 bytes with NUL) into out. */
void clock_date(int64_t t, char out[static 11]);

/* Parses "YYYY-MM-DD" (a real calendar date, years 1000..9999) into unix
 * seconds at 00:00 UTC. False, and *out untouched, for anything else. */
bool clock_parse_date(const char *s, int64_t *out);

#endif
