/* Schedules (see schedule.h): parsing an RFC 5545-style rule from its text
 * parts, refusing one that cannot occur, and walking its days. The walk is
 * day by day from DTSTART, which keeps COUNT exact and every rule simple to
 * check; a horizon of 400 years (the Gregorian cycle) bounds it, so a rule
 * that has no day in that time has none at all. */
#include "model/schedule.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"

#define N_(msgid) (msgid) /* marks a message id for xgettext */

static const char *const weekdays[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

/* ---- the calendar ------------------------------------------------------------ */

/* Howard Hinnant's days_from_civil / civil_from_days. */
int64_t schedule_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void schedule_civil_from_days(int64_t day, int *y, int *m, int *d)
{
    day += 719468;
    int64_t era = (day >= 0 ? day : day - 146096) / 146097;
    int64_t doe = day - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int schedule_weekday(int64_t day)
{
    int64_t w = (day + 3) % 7; /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w);
}

static int days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dim[m - 1];
}

void schedule_day_text(int64_t day, char out[static 11])
{
    int y, m, d;
    schedule_civil_from_days(day, &y, &m, &d);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 13u, (unsigned)d % 32u);
}

void schedule_time_text(int minutes, char out[static 6])
{
    unsigned m = (unsigned)minutes;
    snprintf(out, 6, "%02u:%02u", m / 60u % 100u, m % 60u);
}

/* The last Sunday of month m in year y, as a day. */
static int64_t last_sunday(int y, int m)
{
    int64_t last = schedule_days_from_civil(y, m, days_in_month(y, m));
    return last - schedule_weekday(last + 1);
}

void schedule_local(int64_t unix_seconds, int64_t *day, int *minute)
{
    int64_t utc_day = unix_seconds >= 0 ? unix_seconds / 86400 : -((-unix_seconds + 86399) / 86400);
    int y, m, d;
    schedule_civil_from_days(utc_day, &y, &m, &d);
    int64_t summer_from = last_sunday(y, 3) * 86400 + 3600;
    int64_t summer_to = last_sunday(y, 10) * 86400 + 3600;
    int64_t offset = unix_seconds >= summer_from && unix_seconds < summer_to ? 7200 : 3600;
    int64_t local = unix_seconds + offset;
    *day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    *minute = (int)((local - *day * 86400) / 60);
}

int64_t schedule_utc(int64_t day, int minute)
{
    int64_t local = day * 86400 + (int64_t)minute * 60, d;
    int m;
    schedule_local(local - 7200, &d, &m);
    if (d == day && m == minute)
        return local - 7200; /* summer time */
    return local - 3600;
}

/* ---- parsing the parts ------------------------------------------------------- */

static bool absent(const char *s)
{
    return !s || !*s;
}

/* A whole decimal number in [lo, hi] with an optional sign. */
static bool parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    if (absent(s) || isspace((unsigned char)*s))
        return false;
    long v = strtol(s, &end, 10);
    if (*end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* "2025-01-06" or "20250106" as a day. */
static bool parse_date(const char *s, int64_t *day)
{
    int y, m, d;
    char tail;
    size_t n = strlen(s);
    bool ok = (n == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && s[4] == '-' &&
               s[7] == '-') ||
              (n == 8 && strspn(s, "0123456789") == 8 && sscanf(s, "%4d%2d%2d", &y, &m, &d) == 3);
    if (!ok || y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return false;
    *day = schedule_days_from_civil(y, m, d);
    return true;
}

/* "09:30" (or "09:30:00") as minutes; "24:00" only when end is true. */
static bool parse_time(const char *s, bool end, int *out)
{
    size_t n = strlen(s);
    if ((n != 5 && !(n == 8 && strcmp(s + 5, ":00") == 0)) || s[2] != ':' ||
        strspn(s, "0123456789") != 2 || strspn(s + 3, "0123456789") != 2)
        return false;
    int h = (s[0] - '0') * 10 + s[1] - '0', m = (s[3] - '0') * 10 + s[4] - '0';
    if (m > 59 || h > 24 || (h == 24 && (m != 0 || !end)))
        return false;
    *out = h * 60 + m;
    return true;
}

static enum err bad(struct fault *f, const char *field, const char *msgid, const char *arg)
{
    return fault_set(f, ERR_INVALID, field, msgid, arg, NULL);
}

/* One BYDAY entry: an optional signed ordinal and a two-letter day. */
static bool parse_byday_item(const char *s, size_t n, struct schedule_byday *out)
{
    if (n < 2 || n > 4)
        return false;
    int w = -1;
    for (int i = 0; i < 7; i++)
        if (strncasecmp(s + n - 2, weekdays[i], 2) == 0)
            w = i;
    int ord = 0;
    if (n > 2) {
        char num[3] = {0};
        memcpy(num, s, n - 2);
        long v;
        if (!parse_int(num, -5, 5, &v) || v == 0)
            return false;
        ord = (int)v;
    }
    *out = (struct schedule_byday){w, ord};
    return w >= 0;
}

/* Calls item(s, n) for each comma-separated item; false at the first it
 * refuses or for an empty item. */
static bool each_item(const char *s, bool (*item)(void *ctx, const char *s, size_t n), void *ctx)
{
    while (true) {
        size_t n = strcspn(s, ",");
        if (n == 0 || !item(ctx, s, n))
            return false;
        if (!s[n])
            return true;
        s += n + 1;
    }
}

static bool add_byday(void *ctx, const char *s, size_t n)
{
    struct schedule_rule *r = ctx;
    return r->nbyday < SCHEDULE_BYDAY_MAX && parse_byday_item(s, n, &r->byday[r->nbyday++]);
}

static bool add_monthday(void *ctx, const char *s, size_t n)
{
    struct schedule_rule *r = ctx;
    char num[8] = {0};
    long v;
    if (n >= sizeof num || r->nbymonthday >= SCHEDULE_MONTHDAY_MAX)
        return false;
    memcpy(num, s, n);
    if (!parse_int(num, -31, 31, &v) || v == 0)
        return false;
    r->bymonthday[r->nbymonthday++] = (int)v;
    return true;
}

static bool add_month(void *ctx, const char *s, size_t n)
{
    struct schedule_rule *r = ctx;
    char num[8] = {0};
    long v;
    if (n >= sizeof num)
        return false;
    memcpy(num, s, n);
    if (!parse_int(num, 1, 12, &v))
        return false;
    r->bymonth |= 1u << (v - 1);
    return true;
}

static enum err parse_freq(const struct schedule_input *in, struct schedule_rule *r,
                           struct fault *f)
{
    if (!absent(in->freq) && strcasecmp(in->freq, "WEEKLY") == 0)
        r->freq = SCHEDULE_WEEKLY;
    else if (!absent(in->freq) && strcasecmp(in->freq, "MONTHLY") == 0)
        r->freq = SCHEDULE_MONTHLY;
    else
        return bad(f, "freq", N_("Choose how often it repeats: WEEKLY or MONTHLY."), NULL);
    long v = 1;
    if (!absent(in->interval) && !parse_int(in->interval, 1, SCHEDULE_INTERVAL_MAX, &v))
        return bad(f, "interval", N_("The interval is a whole number from 1 to 99."), NULL);
    r->interval = (int)v;
    return ERR_OK;
}

static enum err parse_lists(const struct schedule_input *in, struct schedule_rule *r,
                            struct fault *f)
{
    if (!absent(in->byday) && !each_item(in->byday, add_byday, r))
        return bad(
            f, "byday",
            N_("Write the days as MO, TU, WE, TH, FR, SA or SU, separated by commas; in a "
               "monthly rule a day may have a number in front (1TU: the first Tuesday, -1FR: "
               "the last Friday)."),
            NULL);
    if (!absent(in->bymonthday) && !each_item(in->bymonthday, add_monthday, r))
        return bad(f, "bymonthday",
                   N_("Write the days of the month as numbers from 1 to 31 (or -1 for the last "
                      "day), separated by commas."),
                   NULL);
    if (!absent(in->bymonth) && !each_item(in->bymonth, add_month, r))
        return bad(f, "bymonth",
                   N_("Write the months as numbers from 1 to 12, separated by commas."), NULL);
    for (int i = 0; r->freq == SCHEDULE_WEEKLY && i < r->nbyday; i++)
        if (r->byday[i].ordinal != 0)
            return bad(
                f, "byday",
                N_("A weekly rule takes days without a number; \"the first Tuesday\" (1TU) is "
                   "a monthly rule."),
                NULL);
    if (r->freq == SCHEDULE_WEEKLY && r->nbymonthday > 0)
        return bad(f, "bymonthday",
                   N_("Days of the month belong in a monthly rule, not in a weekly one."), NULL);
    return ERR_OK;
}

static enum err parse_dates(const struct schedule_input *in, struct schedule_rule *r,
                            struct fault *f)
{
    const char *date_msg = N_("Write the date as YYYY-MM-DD, a real day of the calendar.");
    if (absent(in->dtstart) || !parse_date(in->dtstart, &r->dtstart))
        return bad(f, "dtstart", N_("Give the first day it applies, as YYYY-MM-DD."), NULL);
    r->until = r->valid_from = r->valid_to = -1;
    if (!absent(in->until) && !parse_date(in->until, &r->until))
        return bad(f, "until", date_msg, NULL);
    if (!absent(in->valid_from) && !parse_date(in->valid_from, &r->valid_from))
        return bad(f, "valid_from", date_msg, NULL);
    if (!absent(in->valid_to) && !parse_date(in->valid_to, &r->valid_to))
        return bad(f, "valid_to", date_msg, NULL);
    long count = 0;
    if (!absent(in->count) && !parse_int(in->count, 1, SCHEDULE_COUNT_MAX, &count))
        return bad(f, "count",
                   N_("COUNT is how many times it happens: a whole number from 1 to 1000."), NULL);
    r->count = (int)count;
    if (r->count > 0 && r->until >= 0)
        return bad(f, "count", N_("Give COUNT or UNTIL, not both."), NULL);
    if (r->until >= 0 && r->until < r->dtstart)
        return bad(f, "until",
                   N_("UNTIL is before the first day (DTSTART): it would never happen."), NULL);
    if (r->valid_from >= 0 && r->valid_to >= 0 && r->valid_to < r->valid_from)
        return bad(f, "valid_to", N_("The end of the period is before its start."), NULL);
    return ERR_OK;
}

static enum err parse_times(const struct schedule_input *in, struct schedule_rule *r,
                            struct fault *f)
{
    const char *msg = N_("Write the time as HH:MM, from 00:00 to 23:59.");
    if (absent(in->opens_at) || !parse_time(in->opens_at, false, &r->opens))
        return bad(f, "opens_at", msg, NULL);
    if (absent(in->closes_at) || !parse_time(in->closes_at, true, &r->closes))
        return bad(f, "closes_at", msg, NULL);
    if (r->closes <= r->opens)
        return bad(f, "closes_at", N_("The closing time must be after the opening time."), NULL);
    return ERR_OK;
}

/* ---- fitting days ------------------------------------------------------------ */

static bool month_allowed(const struct schedule_rule *r, int m)
{
    return r->bymonth == 0 || (r->bymonth & (1u << (m - 1)));
}

static bool byday_fits(const struct schedule_rule *r, int y, int m, int d, int w)
{
    for (int i = 0; i < r->nbyday; i++) {
        const struct schedule_byday *b = &r->byday[i];
        if (b->weekday != w)
            continue;
        if (b->ordinal == 0 || (b->ordinal > 0 && (d - 1) / 7 == b->ordinal - 1) ||
            (b->ordinal < 0 && (days_in_month(y, m) - d) / 7 == -b->ordinal - 1))
            return true;
    }
    return false;
}

static bool monthday_fits(const struct schedule_rule *r, int y, int m, int d)
{
    for (int i = 0; i < r->nbymonthday; i++) {
        int k = r->bymonthday[i];
        if (k == d || (k < 0 && days_in_month(y, m) + k + 1 == d))
            return true;
    }
    return false;
}

/* Whether day lies in a week or month the interval counts. */
static bool in_interval(const struct schedule_rule *r, int64_t day, int y, int m)
{
    if (r->interval == 1)
        return true;
    if (r->freq == SCHEDULE_WEEKLY) {
        int64_t week0 = r->dtstart - schedule_weekday(r->dtstart);
        int64_t week = day - schedule_weekday(day);
        return ((week - week0) / 7) % r->interval == 0;
    }
    int y0, m0, d0;
    schedule_civil_from_days(r->dtstart, &y0, &m0, &d0);
    return ((y * 12 + m) - (y0 * 12 + m0)) % r->interval == 0;
}

bool schedule_day_fits(const struct schedule_rule *r, int64_t day)
{
    int y, m, d, y0, m0, d0;
    if (day < r->dtstart)
        return false;
    schedule_civil_from_days(day, &y, &m, &d);
    if (!month_allowed(r, m) || !in_interval(r, day, y, m))
        return false;
    int w = schedule_weekday(day);
    if (r->freq == SCHEDULE_WEEKLY)
        return r->nbyday ? byday_fits(r, y, m, d, w) : w == schedule_weekday(r->dtstart);
    if (r->nbyday == 0 && r->nbymonthday == 0) {
        schedule_civil_from_days(r->dtstart, &y0, &m0, &d0);
        return d == d0;
    }
    return (r->nbyday == 0 || byday_fits(r, y, m, d, w)) &&
           (r->nbymonthday == 0 || monthday_fits(r, y, m, d));
}

/* The last day the walk may look at. */
static int64_t walk_end(const struct schedule_rule *r)
{
    int64_t end = r->dtstart + SCHEDULE_HORIZON_DAYS;
    if (r->until >= 0 && r->until < end)
        end = r->until;
    if (r->valid_to >= 0 && r->valid_to < end)
        end = r->valid_to;
    return end;
}

static bool in_validity(const struct schedule_rule *r, int64_t day)
{
    return (r->valid_from < 0 || day >= r->valid_from) && (r->valid_to < 0 || day <= r->valid_to);
}

int schedule_next(const struct schedule_rule *r, int64_t from_day, int from_minute, int max,
                  struct schedule_occurrence *out)
{
    if (max < 1)
        return 0;
    if (max > SCHEDULE_NEXT_MAX)
        max = SCHEDULE_NEXT_MAX;
    int n = 0, seen = 0;
    int64_t end = walk_end(r), limit = from_day + SCHEDULE_HORIZON_DAYS;
    int64_t day = r->count > 0 || from_day < r->dtstart ? r->dtstart : from_day;
    for (; day <= end && day <= limit && n < max; day++) {
        if (!schedule_day_fits(r, day))
            continue;
        if (r->count > 0 && ++seen > r->count)
            break;
        bool ahead = day > from_day || (day == from_day && r->closes > from_minute);
        if (ahead && in_validity(r, day))
            out[n++] = (struct schedule_occurrence){day, r->opens, r->closes};
    }
    return n;
}

/* No month of the rule has a day the month days name (BYMONTHDAY=31 with
 * BYMONTH=2): said plainly rather than as "never occurs". */
static bool monthdays_impossible(const struct schedule_rule *r)
{
    if (r->nbymonthday == 0)
        return false;
    for (int m = 1; m <= 12; m++) {
        if (!month_allowed(r, m))
            continue;
        int longest = m == 2 ? 29 : days_in_month(2001, m);
        for (int i = 0; i < r->nbymonthday; i++)
            if (abs(r->bymonthday[i]) <= longest)
                return false;
    }
    return true;
}

static enum err check_occurs(const struct schedule_rule *r, struct fault *f)
{
    if (monthdays_impossible(r))
        return bad(f, "bymonthday", N_("None of the months chosen has that day of the month."),
                   NULL);
    struct schedule_occurrence first;
    int64_t from = r->valid_from > r->dtstart ? r->valid_from : r->dtstart;
    if (schedule_next(r, from, -1, 1, &first) == 0)
        return bad(f, r->until >= 0 ? "until" : "dtstart",
                   N_("This schedule never happens: no day in its period fits the rule."), NULL);
    return ERR_OK;
}

enum err schedule_parse(const struct schedule_input *in, struct schedule_rule *out, struct fault *f)
{
    struct schedule_rule r = {0};
    enum err e = parse_freq(in, &r, f);
    if (e == ERR_OK)
        e = parse_lists(in, &r, f);
    if (e == ERR_OK)
        e = parse_dates(in, &r, f);
    if (e == ERR_OK)
        e = parse_times(in, &r, f);
    if (e == ERR_OK)
        e = check_occurs(&r, f);
    if (e == ERR_OK)
        *out = r;
    return e;
}

/* ---- RRULE text -------------------------------------------------------------- */

static const char **rrule_slot(struct schedule_input *in, const char *name, size_t n)
{
    static const char *const names[] = {"FREQ",    "INTERVAL", "BYDAY", "BYMONTHDAY",
                                        "BYMONTH", "UNTIL",    "COUNT"};
    const char **slots[] = {&in->freq,    &in->interval, &in->byday, &in->bymonthday,
                            &in->bymonth, &in->until,    &in->count};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == n && strncasecmp(names[i], name, n) == 0)
            return slots[i];
    return NULL;
}

enum err schedule_split_rrule(struct arena *a, const char *rrule, struct schedule_input *in,
                              struct fault *f)
{
    const char *msg = N_("Write the rule as NAME=VALUE parts separated by ';' (FREQ, INTERVAL, "
                         "BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL), each once.");
    const char *s = rrule ? rrule : "";
    if (strncasecmp(s, "RRULE:", 6) == 0)
        s += 6;
    struct schedule_input parts = {0};
    while (*s) {
        size_t n = strcspn(s, ";"), eq = strcspn(s, "=");
        const char **slot = eq < n ? rrule_slot(&parts, s, eq) : NULL;
        if (!slot || *slot || eq + 1 >= n)
            return fault_set(f, ERR_INVALID, "rrule", msg, NULL);
        *slot = arena_strndup(a, s + eq + 1, n - eq - 1);
        s += n + (s[n] == ';');
    }
    if (!parts.freq)
        return fault_set(f, ERR_INVALID, "rrule", msg, NULL);
    in->freq = parts.freq;
    in->interval = parts.interval;
    in->byday = parts.byday;
    in->bymonthday = parts.bymonthday;
    in->bymonth = parts.bymonth;
    in->until = parts.until;
    in->count = parts.count;
    return ERR_OK;
}

void schedule_byday_text(const struct schedule_rule *r, struct buf *b)
{
    for (int i = 0; i < r->nbyday; i++) {
        if (i)
            buf_putc(b, ',');
        if (r->byday[i].ordinal)
            buf_printf(b, "%d", r->byday[i].ordinal);
        buf_puts(b, weekdays[r->byday[i].weekday]);
    }
}

void schedule_bymonthday_text(const struct schedule_rule *r, struct buf *b)
{
    for (int i = 0; i < r->nbymonthday; i++)
        buf_printf(b, "%s%d", i ? "," : "", r->bymonthday[i]);
}

void schedule_bymonth_text(const struct schedule_rule *r, struct buf *b)
{
    bool first = true;
    for (int m = 1; m <= 12; m++)
        if (r->bymonth & (1u << (m - 1))) {
            buf_printf(b, "%s%d", first ? "" : ",", m);
            first = false;
        }
}

void schedule_rrule_text(const struct schedule_rule *r, struct buf *b)
{
    buf_puts(b, r->freq == SCHEDULE_WEEKLY ? "FREQ=WEEKLY" : "FREQ=MONTHLY");
    if (r->interval != 1)
        buf_printf(b, ";INTERVAL=%d", r->interval);
    if (r->nbyday) {
        buf_puts(b, ";BYDAY=");
        schedule_byday_text(r, b);
    }
    if (r->nbymonthday) {
        buf_puts(b, ";BYMONTHDAY=");
        schedule_bymonthday_text(r, b);
    }
    if (r->bymonth) {
        buf_puts(b, ";BYMONTH=");
        schedule_bymonth_text(r, b);
    }
    if (r->count)
        buf_printf(b, ";COUNT=%d", r->count);
    if (r->until >= 0) {
        int y, m, d;
        schedule_civil_from_days(r->until, &y, &m, &d);
        buf_printf(b, ";UNTIL=%04d%02d%02d", y, m, d);
    }
}
