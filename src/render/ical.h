/* The iCalendar writer (RFC 5545): content lines ended with CRLF and
 * folded at 75 octets (never inside a UTF-8 character; a continuation
 * line begins with one space), TEXT values escaped (backslash, ';', ','
 * and newlines), date-times in Europe/Amsterdam with TZID or in UTC with
 * 'Z', and the VTIMEZONE of Europe/Amsterdam (CET/CEST with the EU rule,
 * which is the only zone the platform knows). Like the HTML and JSON
 * writers it is the only door to its output: every value goes through a
 * function here that escapes or formats it. Writes to a struct buf. */
#ifndef WIJK_RENDER_ICAL_H
#define WIJK_RENDER_ICAL_H

#include <stdint.h>

#include "core/buf.h"

#define ICAL_TZID "Europe/Amsterdam"

enum { ICAL_FOLD_OCTETS = 75 };

/* BEGIN:VCALENDAR, VERSION, PRODID, CALSCALE, METHOD:PUBLISH, the
 * calendar's name (X-WR-CALNAME, escaped; NULL: none), X-WR-TIMEZONE and
 * the VTIMEZONE. */
void ical_begin(struct buf *b, const char *name);

/* END:VCALENDAR. */
void ical_end(struct buf *b);

/* One content line "name:value", folded, with value written as it is:
 * for values the caller built from numbers and fixed words (BEGIN,
 * STATUS, RRULE). value must hold no control characters (abort: a
 * programming error). */
void ical_line(struct buf *b, const char *name, const char *value);

/* name:text with text escaped as a TEXT value (RFC 5545 3.3.11): "\\"
 * for backslash, "\;", "\,", "\n" for a line break (CR LF, LF or CR);
 * other control characters are dropped. */
void ical_text(struct buf *b, const char *name, const char *text);

/* name;TZID=Europe/Amsterdam:YYYYMMDDTHHMMSS, the local time of t. */
void ical_local(struct buf *b, const char *name, int64_t t);

/* name:YYYYMMDDTHHMMSSZ, t in UTC. */
void ical_utc(struct buf *b, const char *name, int64_t t);

/* Appends t as YYYYMMDDTHHMMSSZ (UTC) to b, unfolded: for building
 * values such as an RRULE's UNTIL. */
void ical_utc_value(struct buf *b, int64_t t);

/* Appends text escaped as a TEXT value to b, unfolded. */
void ical_escape(struct buf *b, const char *text);

#endif
