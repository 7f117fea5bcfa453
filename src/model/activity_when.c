/* Activities (see activity.h): checking what a person wrote -- title,
 * place, capacity, roles, the local date and times and the recurrence --
 * and expanding an activity into its occurrences. The recurrence is the
 * schedule module's (model/schedule.h): this file only turns local days
 * and minutes into UTC and back around it. Pure but for
 * activity_occurrences, which reads the exceptions. */
#include "model/activity.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"

#define N_(msgid) (msgid) /* marks a message id for the catalogs */

static bool blank(const char *s)
{
    return !s || !*s;
}

static enum err bad(struct fault *f, const char *field, const char *msgid)
{
    return fault_set(f, ERR_INVALID, field, msgid, NULL);
}

/* Text of at most max characters; one line unless lines. */
static bool text_ok(const char *s, size_t max, bool lines)
{
    size_t n = strlen(s);
    return utf8_valid(s, n) && !utf8_has_controls(s, n, lines) && utf8_count(s, n) <= max;
}

/* "2026-12-05" as a day. */
static bool parse_day(const char *s, int64_t *day)
{
    int y, m, d, y2, m2, d2;
    char tail;
    if (blank(s) || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 1970 || y > 9999)
        return false;
    *day = schedule_days_from_civil(y, m, d);
    schedule_civil_from_days(*day, &y2, &m2, &d2);
    return y2 == y && m2 == m && d2 == d;
}

/* "19:30" as minutes after midnight, 00:00..23:59. */
static bool parse_minute(const char *s, int *minute)
{
    if (blank(s) || strlen(s) != 5 || s[2] != ':' || strspn(s, "0123456789") != 2 ||
        strspn(s + 3, "0123456789") != 2)
        return false;
    int h = (s[0] - '0') * 10 + s[1] - '0', m = (s[3] - '0') * 10 + s[4] - '0';
    *minute = h * 60 + m;
    return h < 24 && m < 60;
}

static enum err check_texts(const struct activity_input *in, struct fault *f)
{
    if (blank(in->title) || !text_ok(in->title, ACTIVITY_TITLE_MAX, false))
        return bad(f, "title",
                   N_("Give the activity a title: one line of at most 200 characters."));
    if (!blank(in->description) && !text_ok(in->description, ACTIVITY_TEXT_MAX, true))
        return bad(f, "description", N_("Describe the activity in at most 5000 characters."));
    bool has_address = !blank(in->address);
    if (has_address && !text_ok(in->address, ACTIVITY_LINE_MAX, false))
        return bad(f, "address", N_("Write the address on one line of at most 200 characters."));
    if (has_address == (in->location_id > 0))
        return bad(f, "address",
                   N_("Say where it takes place: write an address or choose a location, not "
                      "both."));
    if (in->capacity < 0 || in->capacity > ACTIVITY_CAPACITY_MAX)
        return bad(f, "capacity",
                   N_("The number of places is a whole number from 1 to 100000, or empty for no "
                      "limit."));
    return ERR_OK;
}

static enum err check_roles(const struct activity_input *in, struct fault *f)
{
    const char *msg = N_("Give each volunteer role a name of at most 80 characters, once, and "
                         "how many people it needs (1 to 1000); at most 10 roles.");
    if (in->n_roles < 0 || in->n_roles > ACTIVITY_ROLES_MAX)
        return bad(f, "roles", msg);
    for (int i = 0; i < in->n_roles; i++) {
        const struct activity_role_input *r = &in->roles[i];
        if (blank(r->name) || !text_ok(r->name, ACTIVITY_ROLE_NAME_MAX, false) || r->needed < 1 ||
            r->needed > ACTIVITY_ROLE_NEEDED_MAX)
            return bad(f, "roles", msg);
        for (int j = 0; j < i; j++)
            if (strcmp(in->roles[j].name, r->name) == 0)
                return bad(f, "roles", msg);
    }
    return ERR_OK;
}

/* The first occurrence's local day, minutes and span into w. */
static enum err check_times(const struct activity_input *in, int64_t *day, struct activity_when *w,
                            struct fault *f)
{
    int64_t end_day;
    if (!parse_day(in->date, day))
        return bad(f, "date", N_("Write the date as YYYY-MM-DD, a real day of the calendar."));
    if (!parse_minute(in->starts, &w->start_minute))
        return bad(f, "starts", N_("Write the starting time as HH:MM, from 00:00 to 23:59."));
    if (!parse_minute(in->ends, &w->end_minute))
        return bad(f, "ends", N_("Write the end time as HH:MM, from 00:00 to 23:59."));
    if (blank(in->end_date))
        end_day = *day;
    else if (!parse_day(in->end_date, &end_day))
        return bad(f, "end_date", N_("Write the date as YYYY-MM-DD, a real day of the calendar."));
    if (end_day < *day || (end_day == *day && w->end_minute <= w->start_minute))
        return bad(f, "ends",
                   N_("The activity ends before it starts: give an end after the start."));
    if (end_day - *day > ACTIVITY_DAYS_MAX)
        return bad(f, "end_date", N_("An activity lasts at most 14 days; split a longer one."));
    w->span_days = (int)(end_day - *day);
    return ERR_OK;
}

/* The recurrence's parts from the rrule text or the form's fields; *none
 * true when it happens once. */
static enum err recurrence_input(struct arena *a, const struct activity_input *in,
                                 struct schedule_input *si, bool *none, struct fault *f)
{
    if (!blank(in->rrule)) {
        *none = false;
        return schedule_split_rrule(a, in->rrule, si, f);
    }
    *none = blank(in->freq) || strcasecmp(in->freq, "none") == 0;
    si->freq = in->freq;
    si->interval = in->interval;
    si->byday = in->byday;
    si->bymonthday = in->bymonthday;
    si->until = in->until;
    si->count = in->count;
    return ERR_OK;
}

/* The rule of a recurring activity; the first occurrence moves to the
 * first day that fits it (which leaves the set of days the same). */
static enum err check_rule(struct arena *a, const struct activity_input *in, int64_t *day,
                           struct activity_when *w, struct fault *f)
{
    struct schedule_input si = {0};
    bool none;
    enum err e = recurrence_input(a, in, &si, &none, f);
    if (e != ERR_OK || none)
        return e;
    char dtstart[11];
    schedule_day_text(*day, dtstart);
    si.dtstart = dtstart;
    si.opens_at = "00:00";
    si.closes_at = "24:00";
    if ((e = schedule_parse(&si, &w->rule, f)) != ERR_OK) {
        if (f && f->field && strcmp(f->field, "dtstart") == 0)
            f->field = "date";
        return e;
    }
    struct schedule_occurrence first;
    if (schedule_next(&w->rule, *day, -1, 1, &first) == 0)
        return bad(f, "until",
                   N_("This schedule never happens: no day in its period fits the "
                      "rule."));
    *day = first.day;
    w->rule.dtstart = first.day;
    w->recurs = true;
    return ERR_OK;
}

enum err activity_input_check(struct arena *a, const struct activity_input *in,
                              struct activity_when *when, struct fault *f)
{
    struct activity_when w = {0};
    int64_t day;
    enum err e = check_texts(in, f);
    if (e == ERR_OK)
        e = check_roles(in, f);
    if (e == ERR_OK)
        e = check_times(in, &day, &w, f);
    if (e == ERR_OK)
        e = check_rule(a, in, &day, &w, f);
    if (e != ERR_OK)
        return e;
    w.starts_at = schedule_utc(day, w.start_minute);
    w.ends_at = schedule_utc(day + w.span_days, w.end_minute);
    if (w.ends_at <= w.starts_at) /* 02:10 to 02:50 in the hour the clocks skip */
        return bad(f, "ends",
                   N_("The activity ends before it starts: give an end after the start."));
    if (when)
        *when = w;
    return ERR_OK;
}

enum err activity_when_of(struct arena *a, const struct activity *act_, struct activity_when *w,
                          struct fault *f)
{
    int64_t day, end_day;
    *w = (struct activity_when){.starts_at = act_->starts_at, .ends_at = act_->ends_at};
    schedule_local(act_->starts_at, &day, &w->start_minute);
    schedule_local(act_->ends_at, &end_day, &w->end_minute);
    w->span_days = (int)(end_day - day);
    if (!act_->rrule)
        return ERR_OK;
    struct schedule_input si = {0};
    char dtstart[11];
    schedule_day_text(day, dtstart);
    enum err e = schedule_split_rrule(a, act_->rrule, &si, f);
    si.dtstart = dtstart;
    si.opens_at = "00:00";
    si.closes_at = "24:00";
    if (e == ERR_OK)
        e = schedule_parse(&si, &w->rule, f);
    w->recurs = e == ERR_OK;
    return e;
}

/* One occurrence on local day. */
static struct activity_occurrence on_day(const struct activity_when *w, int64_t day)
{
    return (struct activity_occurrence){
        .starts_at = schedule_utc(day, w->start_minute),
        .ends_at = schedule_utc(day + w->span_days, w->end_minute),
    };
}

int activity_expand(const struct activity_when *w, int64_t from, int64_t to, int max,
                    struct activity_occurrence *out)
{
    if (!w->recurs) {
        if (max < 1 || w->ends_at <= from || w->starts_at >= to)
            return 0;
        out[0] = (struct activity_occurrence){w->starts_at, w->ends_at, false};
        return 1;
    }
    int64_t day;
    int minute, n = 0;
    schedule_local(from, &day, &minute);
    day -= w->span_days + 1;
    struct schedule_occurrence chunk[SCHEDULE_NEXT_MAX];
    while (n < max) {
        int got = schedule_next(&w->rule, day, -1, SCHEDULE_NEXT_MAX, chunk);
        for (int i = 0; i < got && n < max; i++) {
            struct activity_occurrence o = on_day(w, chunk[i].day);
            if (o.starts_at >= to)
                return n;
            if (o.ends_at > from)
                out[n++] = o;
        }
        if (got < SCHEDULE_NEXT_MAX)
            break;
        day = chunk[got - 1].day + 1;
    }
    return n;
}

bool activity_is_occurrence(const struct activity_when *w, int64_t starts_at)
{
    struct activity_occurrence o;
    return activity_expand(w, starts_at, starts_at + 1, 1, &o) == 1 && o.starts_at == starts_at;
}

enum err activity_exceptions(struct db *db, struct arena *a, int64_t id, int64_t **starts, int *n,
                             struct fault *f)
{
    *n = 0;
    *starts = arena_array(a, ACTIVITY_OCCURRENCES_MAX, sizeof **starts);
    struct db_stmt *st = db_prepare(
        db, "SELECT starts_at FROM activity_exception WHERE activity_id = ? ORDER BY starts_at");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = DB_DONE;
    while (*n < ACTIVITY_OCCURRENCES_MAX && (rc = db_step(st)) == DB_ROW)
        (*starts)[(*n)++] = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err activity_occurrences(struct db *db, struct arena *a, const struct activity *act_,
                              int64_t from, int64_t to, int max, struct activity_occurrence **out,
                              int *n, struct fault *f)
{
    struct activity_when w;
    int64_t *ex;
    int nex;
    *n = 0;
    if (max < 1 || max > ACTIVITY_OCCURRENCES_MAX)
        max = ACTIVITY_OCCURRENCES_MAX;
    *out = arena_array(a, (size_t)max, sizeof **out);
    enum err e = activity_when_of(a, act_, &w, f);
    if (e == ERR_OK)
        e = activity_exceptions(db, a, act_->id, &ex, &nex, f);
    if (e != ERR_OK)
        return e;
    *n = activity_expand(&w, from, to, max, *out);
    bool all = strcmp(act_->status, "cancelled") == 0;
    for (int i = 0; i < *n; i++) {
        (*out)[i].cancelled = all;
        for (int j = 0; j < nex && !all; j++)
            if (ex[j] == (*out)[i].starts_at)
                (*out)[i].cancelled = true;
    }
    return ERR_OK;
}
