/* What the monitor's pages share (web/monitor*.c, and the collective and
 * arena pages that show the early warning): a quarter, a figure, a phase, a
 * reason or signal as a person reads them in the request's language, and
 * the early warning's section. */
#ifndef WIJK_WEB_MONITOR_WORDS_H
#define WIJK_WEB_MONITOR_WORDS_H

#include "model/monitor.h"

struct req;
struct buf;

/* Text (not HTML) from a translated template with up to two "%s" slots
 * filled by a and b ("%%" becomes "%"), from the arena. */
const char *monitor_words_fill(struct req *r, const char *tmpl, const char *a, const char *b);

/* "2025Q3" as "2025 Q3" (English) or "2025 K3" (Dutch), from the arena;
 * anything that is not such a quarter is returned as it is. */
const char *monitor_words_quarter(struct req *r, const char *quarter);

/* The figure of p for ind: its value with the indicator's decimals in the
 * request's language, or the translated "not shown". Text only. */
void monitor_words_value(struct req *r, struct buf *b, enum monitor_indicator ind,
                         const struct monitor_point *p);

/* The indicator's translated unit, or "" for a plain count. */
const char *monitor_words_unit(struct req *r, enum monitor_indicator ind);

/* The translated phase name ("Take-off"), or "Not known yet". */
const char *monitor_words_phase(struct req *r, enum monitor_phase p);

/* A reason or signal: its translated msgid with its args, escaped, into b. */
void monitor_words_reason(struct req *r, struct buf *b, const struct monitor_reason *x);

/* The early warning of an area as a <section class="monitor-warning">
 * headed (h2) "Early warning", with why the buurt counts as vulnerable and
 * the list of signals that fired, and a link to the area's dashboard. With
 * only_raised, nothing is written unless the warning is raised (for the
 * collective and arena pages); otherwise a short "no warning" section
 * is written too. */
void monitor_words_warning(struct req *r, const struct monitor_warning *w, const char *area_code,
                           const char *area_name, bool only_raised);

#endif
