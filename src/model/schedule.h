/* Schedules: when a service is open, as an RFC 5545-style recurrence rule
 * (the parts HSDS 3 keeps: FREQ, INTERVAL, BYDAY, BYMONTHDAY, plus BYMONTH,
 * COUNT and UNTIL) with a first day (DTSTART), an opening and a closing time
 * and an optional period of validity. Pure functions: no database, no
 * allocation beyond the caller's arena, no clock (the caller says "now").
 *
 * Dates are civil dates in Europe/Amsterdam, counted as days since
 * 1970-01-01; times are minutes after midnight, local. A rule is refused
 * when it is malformed and also when it can never occur (the 31st of
 * February, UNTIL before DTSTART, COUNT=0, closing before opening, no
 * fitting day in its period), each with a message that says what to fix and
 * the field it concerns. How RFC 5545 is narrowed here:
 *   - FREQ is WEEKLY or MONTHLY (what HSDS 3 allows); INTERVAL 1..99;
 *   - BYDAY: MO..SU; in a MONTHLY rule also with an ordinal, 1..5 or -1..-5
 *     ("1TU": the first Tuesday, "-1FR": the last Friday);
 *   - BYMONTHDAY (MONTHLY only): 1..31 or -31..-1 (from the end);
 *   - BYMONTH: 1..12, limits either frequency to those months;
 *   - neither BYDAY nor BYMONTHDAY: DTSTART's weekday (WEEKLY) or day of
 *     the month (MONTHLY); both: a day must fit both;
 *   - DTSTART is counted only when it fits the rule; COUNT counts the
 *     occurrences from DTSTART; UNTIL is a date and inclusive; weeks start
 *     on Monday (WKST=MO). */
#ifndef WIJK_MODEL_SCHEDULE_H
#define WIJK_MODEL_SCHEDULE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

struct arena;

enum schedule_freq { SCHEDULE_WEEKLY = 1, SCHEDULE_MONTHLY };

enum {
    SCHEDULE_INTERVAL_MAX = 99,
    SCHEDULE_COUNT_MAX = 1000,
    SCHEDULE_BYDAY_MAX = 35,        /* BYDAY entries */
    SCHEDULE_MONTHDAY_MAX = 31,     /* BYMONTHDAY entries */
    SCHEDULE_NEXT_MAX = 50,         /* occurrences schedule_next gives at most */
    SCHEDULE_HORIZON_DAYS = 146097, /* 400 years: every calendar pattern repeats */
};

/* The rule's parts as text, the way a form or a JSON body or a database row
 * has them; NULL or "" means absent. */
struct schedule_input {
    const char *freq;       /* "WEEKLY" / "MONTHLY" (any case) */
    const char *interval;   /* "2" */
    const char *byday;      /* "MO,WE" or "1TU,-1FR" */
    const char *bymonthday; /* "1,15,-1" */
    const char *bymonth;    /* "6,7,8" */
    const char *dtstart;    /* "2025-01-06" (required) */
    const char *until;      /* "2025-12-31" or "20251231" */
    const char *count;      /* "10" */
    const char *opens_at;   /* "09:30" (required) */
    const char *closes_at;  /* "12:00" (required; after opens_at) */
    const char *valid_from; /* "2025-01-01": the schedule holds from */
    const char *valid_to;   /* "2025-06-30": the schedule holds until */
};

struct schedule_byday {
    int weekday; /* 0 = Monday .. 6 = Sunday */
    int ordinal; /* 0: every one; 1..5 from the start, -1..-5 from the end */
};

/* A parsed and checked rule. */
struct schedule_rule {
    enum schedule_freq freq;
    int interval;
    struct schedule_byday byday[SCHEDULE_BYDAY_MAX];
    int nbyday;
    int bymonthday[SCHEDULE_MONTHDAY_MAX];
    int nbymonthday;
    unsigned bymonth;   /* bit m-1 for month m; 0: every month */
    int64_t dtstart;    /* days since 1970-01-01 */
    int64_t until;      /* days; -1: none */
    int count;          /* 0: none */
    int opens, closes;  /* minutes after midnight, opens < closes <= 24:00 */
    int64_t valid_from; /* days; -1: none */
    int64_t valid_to;   /* days; -1: none */
};

/* One time it is open. */
struct schedule_occurrence {
    int64_t day; /* days since 1970-01-01 */
    int opens, closes;
};

/* Parses and checks in into *out. ERR_INVALID with the field at fault
 * ("freq", "interval", "byday", "bymonthday", "bymonth", "dtstart",
 * "until", "count", "opens_at", "closes_at", "valid_from", "valid_to")
 * and a message that says what to write instead, for malformed parts and
 * for a rule that never occurs. The fault's args point into in's strings
 * or static storage. */
enum err schedule_parse(const struct schedule_input *in, struct schedule_rule *out,
                        struct fault *f);

/* Splits an RRULE value ("FREQ=MONTHLY;BYDAY=1TU;COUNT=10", an optional
 * "RRULE:" in front, parts in any order and case) into in's freq, interval,
 * byday, bymonthday, bymonth, until and count, copied into the arena a;
 * the other members of in are left alone. ERR_INVALID, field "rrule", for a
 * part that is not NAME=VALUE, a name twice, or a name not listed above. */
enum err schedule_split_rrule(struct arena *a, const char *rrule, struct schedule_input *in,
                              struct fault *f);

/* Whether the rule's day fits (ignoring COUNT and UNTIL, which depend on
 * the days before it). */
bool schedule_day_fits(const struct schedule_rule *r, int64_t day);

/* The first occurrences that end after (from_day, from_minute): at most max
 * (1..SCHEDULE_NEXT_MAX) into out, in order. Returns how many (0 when the
 * schedule is over). Looks no further than SCHEDULE_HORIZON_DAYS ahead. */
int schedule_next(const struct schedule_rule *r, int64_t from_day, int from_minute, int max,
                  struct schedule_occurrence *out);

/* The rule as an RRULE value, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE", appended
 * to b (INTERVAL only when not 1; UNTIL as YYYYMMDD). */
void schedule_rrule_text(const struct schedule_rule *r, struct buf *b);

/* Appends the parts of the rule to b in their canonical text: day lists
 * ("1TU,-1FR"), month day lists ("1,-1"), month lists ("6,7"); "" when
 * empty. */
void schedule_byday_text(const struct schedule_rule *r, struct buf *b);
void schedule_bymonthday_text(const struct schedule_rule *r, struct buf *b);
void schedule_bymonth_text(const struct schedule_rule *r, struct buf *b);

/* Calendar helpers. Days since 1970-01-01 from a civil date, and back;
 * the weekday of a day (0 = Monday); "2025-01-06" into out (11 bytes);
 * "09:30" into out (6 bytes). */
int64_t schedule_days_from_civil(int y, int m, int d);
void schedule_civil_from_days(int64_t day, int *y, int *m, int *d);
int schedule_weekday(int64_t day);
void schedule_day_text(int64_t day, char out[static 11]);
void schedule_time_text(int minutes, char out[static 6]);

/* The local (Europe/Amsterdam: CET, CEST from the last Sunday of March to
 * the last Sunday of October, 01:00 UTC) day and minute of a unix time. */
void schedule_local(int64_t unix_seconds, int64_t *day, int *minute);

/* The reverse of schedule_local: the unix time at which it is minute
 * (0..1439) of day in Europe/Amsterdam. A time the spring change skips
 * (02:30 on the last Sunday of March) is read with the offset before the
 * gap, as RFC 5545 reads it (03:30 CEST); a time the autumn change
 * repeats is its first instance (CEST). */
int64_t schedule_utc(int64_t day, int minute);

#endif
