/* The monitor's nightly recompute inside `wijkregie serve`: one thread
 * with a connection of its own that runs monitor_run (incremental, every
 * area) once a day, and stops promptly when the server does -- between
 * quarters of a run under way, or at once while it waits. The server runs
 * nothing else in the background; everything here is this thread's. */
#ifndef WIJK_MODEL_MONITOR_NIGHTLY_H
#define WIJK_MODEL_MONITOR_NIGHTLY_H

#include <stdint.h>

#include "core/err.h"
#include "model/monitor.h"

struct monitor_nightly;

/* Starts the thread: the first run first_delay seconds from now, then one
 * every interval seconds (both >= 1; a day is 86400). db_url and *cfg are
 * copied. Each run is logged (log.h) with what it wrote or why it failed;
 * a failed run is tried again at the next turn. Returns NULL with
 * ERR_INTERNAL when the thread cannot start. Free with
 * monitor_nightly_stop. */
struct monitor_nightly *monitor_nightly_start(const char *db_url, const struct monitor_config *cfg,
                                              int64_t first_delay, int64_t interval,
                                              struct fault *f);

/* Stops the thread (a run under way ends after its current quarter),
 * waits for it and frees everything. NULL is fine. */
void monitor_nightly_stop(struct monitor_nightly *n);

/* Runs finished so far, successful or not. */
int monitor_nightly_runs(struct monitor_nightly *n);

/* Seconds from now (unix time) to the next hour_utc:00 UTC, 1..86400. */
int64_t monitor_nightly_delay(int64_t now, int hour_utc);

#endif
