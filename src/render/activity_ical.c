/* Activities as iCalendar events (see activity_ical.h). */
#include "render/activity_ical.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "render/ical.h"

/* The RRULE value: the schedule's own text without its UNTIL (a local
 * date), and UNTIL as the UTC end of that local day. */
static void rrule(struct buf *b, const struct activity_when *w)
{
    struct schedule_rule r = w->rule;
    int64_t until = r.until;
    r.until = -1;
    struct buf value;
    buf_init(&value);
    schedule_rrule_text(&r, &value);
    if (until >= 0) {
        buf_puts(&value, ";UNTIL=");
        ical_utc_value(&value, schedule_utc(until + 1, 0) - 1);
    }
    ical_line(b, "RRULE", buf_cstr(&value));
    buf_free(&value);
}

static void description(struct buf *b, const struct activity *act_)
{
    struct buf text;
    buf_init(&text);
    buf_puts(&text, act_->description ? act_->description : "");
    if (act_->owner_name) {
        buf_puts(&text, text.len ? "\n\n" : "");
        buf_puts(&text, act_->owner_name);
    }
    if (act_->cancel_reason) {
        buf_puts(&text, text.len ? "\n\n" : "");
        buf_puts(&text, act_->cancel_reason);
    }
    ical_text(b, "DESCRIPTION", buf_cstr(&text));
    buf_free(&text);
}

void activity_ical_event(struct buf *b, const struct activity *act_, const struct activity_when *w,
                         const int64_t *exdates, int n_ex, const char *url)
{
    char uid[64];
    snprintf(uid, sizeof uid, "activity-%" PRId64 "@wijkregie", act_->id);
    char seq[16];
    snprintf(seq, sizeof seq, "%d", act_->sequence);
    bool cancelled = strcmp(act_->status, "cancelled") == 0;
    ical_line(b, "BEGIN", "VEVENT");
    ical_text(b, "UID", uid);
    ical_utc(b, "DTSTAMP", act_->updated_at);
    ical_utc(b, "CREATED", act_->created_at);
    ical_utc(b, "LAST-MODIFIED", act_->updated_at);
    ical_line(b, "SEQUENCE", seq);
    ical_local(b, "DTSTART", act_->starts_at);
    ical_local(b, "DTEND", act_->ends_at);
    if (w->recurs)
        rrule(b, w);
    for (int i = 0; w->recurs && i < n_ex; i++)
        ical_local(b, "EXDATE", exdates[i]);
    ical_text(b, "SUMMARY", act_->title);
    description(b, act_);
    ical_text(b, "LOCATION", act_->address ? act_->address : act_->location_name);
    if (url)
        ical_line(b, "URL", url);
    ical_line(b, "STATUS", cancelled ? "CANCELLED" : "CONFIRMED");
    ical_line(b, "END", "VEVENT");
}
