/* Activities as iCalendar events (RFC 5545, through render/ical.h): one
 * VEVENT per activity, its first occurrence as DTSTART and DTEND with
 * TZID=Europe/Amsterdam, its recurrence as RRULE (UNTIL in UTC, as RFC
 * 5545 asks beside a DTSTART with a time zone), each cancelled occurrence
 * as EXDATE and a cancelled activity as STATUS:CANCELLED; SEQUENCE grows
 * with every change so that calendars take the new version. */
#ifndef WIJK_RENDER_ACTIVITY_ICAL_H
#define WIJK_RENDER_ACTIVITY_ICAL_H

#include <stdint.h>

#include "core/buf.h"
#include "model/activity.h"

/* Appends the VEVENT of act_, whose times are w (activity_when_of) and
 * whose cancelled occurrences start at exdates[0..n_ex). url (NULL: none)
 * is the absolute address of its page. */
void activity_ical_event(struct buf *b, const struct activity *act_, const struct activity_when *w,
                         const int64_t *exdates, int n_ex, const char *url);

#endif
