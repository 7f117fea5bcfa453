/* Tests of schedules (src/model/schedule.c): RFC 5545-style rules parsed
 * from their parts and from RRULE text, every way a rule is refused (with
 * its field), rules that cannot occur, the days a rule gives (weekly with an
 * interval, the first and last weekday of a month, month days from the end,
 * BYMONTH, COUNT, UNTIL, a period of validity), the next openings from a
 * moment, the canonical text, and local time in Europe/Amsterdam. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "model/schedule.h"

static int64_t day(int y, int m, int d)
{
    return schedule_days_from_civil(y, m, d);
}

/* Parses in; asserts success. */
static struct schedule_rule ok(struct schedule_input in)
{
    struct schedule_rule r;
    struct fault f = {0};
    if (schedule_parse(&in, &r, &f) != ERR_OK)
        fail_msg("refused (%s): %s", f.field, f.msgid);
    return r;
}

/* Parses in; asserts ERR_INVALID on field; returns the message. */
static const char *refused(struct schedule_input in, const char *field)
{
    struct schedule_rule r;
    struct fault f = {0};
    assert_int_equal(schedule_parse(&in, &r, &f), ERR_INVALID);
    assert_non_null(f.field);
    assert_string_equal(f.field, field);
    assert_non_null(f.msgid);
    return f.msgid;
}

/* The first n days the rule gives from its start, as "YYYY-MM-DD ...". */
static void expect_days(const struct schedule_rule *r, int n, const char *want)
{
    struct schedule_occurrence occ[SCHEDULE_NEXT_MAX];
    int got = schedule_next(r, r->dtstart, 0, n, occ);
    char text[SCHEDULE_NEXT_MAX * 11 + 1] = "";
    for (int i = 0; i < got; i++) {
        char d[11];
        schedule_day_text(occ[i].day, d);
        strcat(text, i ? " " : "");
        strcat(text, d);
    }
    assert_string_equal(text, want);
}

/* The input with a first day and opening hours where in has none (""
 * stays: it is how a test says "not given"). */
static struct schedule_input with_defaults(struct schedule_input in)
{
    if (!in.dtstart)
        in.dtstart = "2025-01-01";
    if (!in.opens_at)
        in.opens_at = "09:00";
    if (!in.closes_at)
        in.closes_at = "12:00";
    return in;
}

#define BASE(...) with_defaults((struct schedule_input){__VA_ARGS__})

static void test_calendar_round_trips_and_knows_weekdays(void **state)
{
    (void)state;
    assert_int_equal(day(1970, 1, 1), 0);
    assert_int_equal(schedule_weekday(day(2025, 1, 6)), 0); /* a Monday */
    assert_int_equal(schedule_weekday(day(2024, 2, 29)), 3);
    int y, m, d;
    schedule_civil_from_days(day(2000, 2, 29), &y, &m, &d);
    assert_int_equal(y * 10000 + m * 100 + d, 20000229);
    char text[11];
    schedule_day_text(day(1999, 12, 31), text);
    assert_string_equal(text, "1999-12-31");
}

static void test_weekly_rule_gives_its_days(void **state)
{
    (void)state;
    struct schedule_rule r = ok(BASE(.freq = "WEEKLY", .byday = "MO,WE"));
    expect_days(&r, 4, "2025-01-01 2025-01-06 2025-01-08 2025-01-13");
    assert_int_equal(r.opens, 9 * 60);
    assert_int_equal(r.closes, 12 * 60);
}

static void test_weekly_interval_skips_weeks(void **state)
{
    (void)state;
    struct schedule_rule r =
        ok(BASE(.freq = "weekly", .interval = "2", .byday = "TU", .dtstart = "2025-01-06"));
    expect_days(&r, 3, "2025-01-07 2025-01-21 2025-02-04");
}

static void test_weekly_without_byday_takes_dtstart_weekday(void **state)
{
    (void)state;
    struct schedule_rule r = ok(BASE(.freq = "WEEKLY", .dtstart = "2025-01-03"));
    expect_days(&r, 2, "2025-01-03 2025-01-10");
}

static void test_monthly_first_and_last_weekday(void **state)
{
    (void)state;
    struct schedule_rule r = ok(BASE(.freq = "MONTHLY", .byday = "1TU"));
    expect_days(&r, 3, "2025-01-07 2025-02-04 2025-03-04");
    r = ok(BASE(.freq = "MONTHLY", .byday = "-1FR"));
    expect_days(&r, 3, "2025-01-31 2025-02-28 2025-03-28");
}

static void test_monthly_month_day_from_the_end(void **state)
{
    (void)state;
    struct schedule_rule r =
        ok(BASE(.freq = "MONTHLY", .bymonthday = "-1", .dtstart = "2024-01-01"));
    expect_days(&r, 3, "2024-01-31 2024-02-29 2024-03-31");
}

static void test_monthly_31st_skips_short_months(void **state)
{
    (void)state;
    struct schedule_rule r = ok(BASE(.freq = "MONTHLY", .dtstart = "2025-01-31"));
    expect_days(&r, 3, "2025-01-31 2025-03-31 2025-05-31");
}

static void test_bymonth_limits_the_months(void **state)
{
    (void)state;
    struct schedule_rule r = ok(BASE(.freq = "MONTHLY", .bymonthday = "15", .bymonth = "7,8"));
    expect_days(&r, 3, "2025-07-15 2025-08-15 2026-07-15");
}

static void test_byday_and_bymonthday_must_both_fit(void **state)
{
    (void)state;
    /* Friday the 13th. */
    struct schedule_rule r = ok(BASE(.freq = "MONTHLY", .byday = "FR", .bymonthday = "13"));
    expect_days(&r, 2, "2025-06-13 2026-02-13");
}

static void test_count_ends_the_rule(void **state)
{
    (void)state;
    struct schedule_rule r = ok(BASE(.freq = "WEEKLY", .byday = "WE", .count = "3"));
    expect_days(&r, 10, "2025-01-01 2025-01-08 2025-01-15");
    struct schedule_occurrence occ[5];
    assert_int_equal(schedule_next(&r, day(2025, 1, 9), 0, 5, occ), 1);
    assert_int_equal(occ[0].day, day(2025, 1, 15));
}

static void test_until_is_inclusive(void **state)
{
    (void)state;
    struct schedule_rule r = ok(BASE(.freq = "WEEKLY", .byday = "WE", .until = "20250115"));
    expect_days(&r, 10, "2025-01-01 2025-01-08 2025-01-15");
}

static void test_validity_period_limits_the_days(void **state)
{
    (void)state;
    struct schedule_rule r = ok(BASE(.freq = "WEEKLY", .byday = "MO", .valid_from = "2025-03-01",
                                     .valid_to = "2025-03-20"));
    struct schedule_occurrence occ[5];
    assert_int_equal(schedule_next(&r, day(2025, 1, 1), 0, 5, occ), 3);
    assert_int_equal(occ[0].day, day(2025, 3, 3));
    assert_int_equal(occ[2].day, day(2025, 3, 17));
}

static void test_next_skips_an_opening_that_is_over_today(void **state)
{
    (void)state;
    struct schedule_rule r = ok(BASE(.freq = "WEEKLY", .byday = "MO"));
    struct schedule_occurrence occ[2];
    assert_int_equal(schedule_next(&r, day(2025, 1, 6), 11 * 60, 2, occ), 2);
    assert_int_equal(occ[0].day, day(2025, 1, 6)); /* open until 12:00 */
    assert_int_equal(schedule_next(&r, day(2025, 1, 6), 12 * 60, 2, occ), 2);
    assert_int_equal(occ[0].day, day(2025, 1, 13));
    assert_int_equal(schedule_next(&r, day(2025, 1, 6), 0, 0, occ), 0);
}

static void test_february_31st_cannot_occur(void **state)
{
    (void)state;
    const char *msg =
        refused(BASE(.freq = "MONTHLY", .bymonthday = "31", .bymonth = "2"), "bymonthday");
    assert_non_null(strstr(msg, "day of the month"));
    refused(BASE(.freq = "MONTHLY", .bymonthday = "30", .bymonth = "2"), "bymonthday");
    /* The 29th of February does occur, in leap years. */
    struct schedule_rule r = ok(BASE(.freq = "MONTHLY", .bymonthday = "29", .bymonth = "2"));
    expect_days(&r, 2, "2028-02-29 2032-02-29");
}

static void test_until_before_dtstart_is_refused(void **state)
{
    (void)state;
    const char *msg = refused(BASE(.freq = "WEEKLY", .until = "2024-12-31"), "until");
    assert_non_null(strstr(msg, "DTSTART"));
}

static void test_no_fitting_day_before_until_cannot_occur(void **state)
{
    (void)state;
    const char *msg = refused(
        BASE(.freq = "MONTHLY", .byday = "1MO", .dtstart = "2025-01-07", .until = "2025-02-02"),
        "until");
    assert_non_null(strstr(msg, "never"));
    refused(
        BASE(.freq = "WEEKLY", .byday = "MO", .valid_from = "2025-01-07", .valid_to = "2025-01-12"),
        "dtstart");
}

static void test_count_zero_and_too_large_are_refused(void **state)
{
    (void)state;
    refused(BASE(.freq = "WEEKLY", .count = "0"), "count");
    refused(BASE(.freq = "WEEKLY", .count = "1001"), "count");
    refused(BASE(.freq = "WEEKLY", .count = "3", .until = "2025-02-01"), "count");
}

static void test_closing_must_follow_opening(void **state)
{
    (void)state;
    refused(BASE(.freq = "WEEKLY", .opens_at = "12:00", .closes_at = "12:00"), "closes_at");
    refused(BASE(.freq = "WEEKLY", .opens_at = "12:00", .closes_at = "09:00"), "closes_at");
    refused(BASE(.freq = "WEEKLY", .opens_at = "24:00", .closes_at = "24:00"), "opens_at");
    refused(BASE(.freq = "WEEKLY", .opens_at = "9:00"), "opens_at");
    refused(BASE(.freq = "WEEKLY", .closes_at = "12:60"), "closes_at");
    struct schedule_rule r = ok(BASE(.freq = "WEEKLY", .opens_at = "20:00", .closes_at = "24:00"));
    assert_int_equal(r.closes, 24 * 60);
}

static void test_malformed_parts_name_their_field(void **state)
{
    (void)state;
    refused(BASE(.freq = "DAILY"), "freq");
    refused(BASE(.freq = NULL), "freq");
    refused(BASE(.freq = "WEEKLY", .interval = "0"), "interval");
    refused(BASE(.freq = "WEEKLY", .interval = "100"), "interval");
    refused(BASE(.freq = "WEEKLY", .byday = "MA"), "byday");
    refused(BASE(.freq = "WEEKLY", .byday = "MO,,TU"), "byday");
    refused(BASE(.freq = "WEEKLY", .byday = "1MO"), "byday");
    refused(BASE(.freq = "MONTHLY", .byday = "6MO"), "byday");
    refused(BASE(.freq = "MONTHLY", .bymonthday = "32"), "bymonthday");
    refused(BASE(.freq = "MONTHLY", .bymonthday = "0"), "bymonthday");
    refused(BASE(.freq = "WEEKLY", .bymonthday = "1"), "bymonthday");
    refused(BASE(.freq = "MONTHLY", .bymonth = "13"), "bymonth");
    refused(BASE(.freq = "WEEKLY", .dtstart = "2025-02-30"), "dtstart");
    refused(BASE(.freq = "WEEKLY", .dtstart = ""), "dtstart");
    refused(BASE(.freq = "WEEKLY", .until = "tomorrow"), "until");
    refused(BASE(.freq = "WEEKLY", .valid_from = "2025-03-01", .valid_to = "2025-02-01"),
            "valid_to");
}

static void test_rrule_text_splits_into_parts(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    struct schedule_input in = BASE(.byday = "SU");
    assert_int_equal(
        schedule_split_rrule(a, "RRULE:freq=monthly;BYDAY=1TU,-1FR;COUNT=6", &in, NULL), ERR_OK);
    assert_string_equal(in.freq, "monthly");
    assert_string_equal(in.byday, "1TU,-1FR");
    assert_string_equal(in.count, "6");
    assert_null(in.until);
    struct schedule_rule r = ok(in);
    struct buf b = BUF_INIT;
    schedule_rrule_text(&r, &b);
    assert_string_equal(buf_cstr(&b), "FREQ=MONTHLY;BYDAY=1TU,-1FR;COUNT=6");
    buf_free(&b);
    struct fault f = {0};
    assert_int_equal(schedule_split_rrule(a, "FREQ=WEEKLY;FREQ=MONTHLY", &in, &f), ERR_INVALID);
    assert_string_equal(f.field, "rrule");
    assert_int_equal(schedule_split_rrule(a, "FREQ=WEEKLY;WKST", &in, NULL), ERR_INVALID);
    assert_int_equal(schedule_split_rrule(a, "BYDAY=MO", &in, NULL), ERR_INVALID);
    assert_int_equal(schedule_split_rrule(a, "FREQ=WEEKLY;BYHOUR=9", &in, NULL), ERR_INVALID);
    arena_free(a);
}

static void test_canonical_text_keeps_every_part(void **state)
{
    (void)state;
    struct schedule_rule r = ok(BASE(.freq = "monthly", .interval = "3", .bymonthday = "1,-1",
                                     .bymonth = "12,1", .until = "2026-06-30"));
    struct buf b = BUF_INIT;
    schedule_rrule_text(&r, &b);
    assert_string_equal(buf_cstr(&b),
                        "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1,-1;BYMONTH=1,12;UNTIL=20260630");
    buf_free(&b);
}

static void test_local_time_follows_dutch_summer_time(void **state)
{
    (void)state;
    int64_t d;
    int minute;
    schedule_local(1735732800, &d, &minute); /* 2025-01-01T12:00Z: CET */
    assert_int_equal(d, day(2025, 1, 1));
    assert_int_equal(minute, 13 * 60);
    schedule_local(1751371200, &d, &minute); /* 2025-07-01T12:00Z: CEST */
    assert_int_equal(minute, 14 * 60);
    schedule_local(1743296400 - 1, &d, &minute); /* 2025-03-30T00:59:59Z */
    assert_int_equal(minute, 1 * 60 + 59);
    schedule_local(1743296400, &d, &minute); /* 01:00Z: clocks go to 03:00 */
    assert_int_equal(minute, 3 * 60);
    schedule_local(1735689600 - 1, &d, &minute); /* 2024-12-31T23:59:59Z */
    assert_int_equal(d, day(2025, 1, 1));
    assert_int_equal(minute, 59);
}

/* schedule_utc is schedule_local's reverse; the hour the clocks skip
 * reads as the hour after, the hour they repeat as its first instance. */
static void test_local_time_back_to_utc(void **state)
{
    (void)state;
    assert_int_equal(schedule_utc(day(2025, 1, 1), 13 * 60), 1735732800);
    assert_int_equal(schedule_utc(day(2025, 7, 1), 14 * 60), 1751371200);
    assert_int_equal(schedule_utc(day(2025, 3, 30), 1 * 60 + 59), 1743296400 - 60);
    assert_int_equal(schedule_utc(day(2025, 3, 30), 3 * 60), 1743296400);
    assert_int_equal(schedule_utc(day(2025, 3, 30), 2 * 60 + 30), 1743296400 + 1800);
    /* 2025-10-26 02:30 happens twice: the first, in summer time (00:30Z) */
    assert_int_equal(schedule_utc(day(2025, 10, 26), 2 * 60 + 30),
                     day(2025, 10, 26) * 86400 + 30 * 60);
    for (int64_t t = 1735689600; t < 1767225600; t += 3600 * 7 + 60) {
        int64_t d;
        int minute;
        schedule_local(t, &d, &minute);
        int64_t back = schedule_utc(d, minute);
        if (back != t - t % 60 && back + 3600 != t - t % 60)
            fail_msg("%lld: local %lld %d back to %lld", (long long)t, (long long)d, minute,
                     (long long)back);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calendar_round_trips_and_knows_weekdays),
        cmocka_unit_test(test_weekly_rule_gives_its_days),
        cmocka_unit_test(test_weekly_interval_skips_weeks),
        cmocka_unit_test(test_weekly_without_byday_takes_dtstart_weekday),
        cmocka_unit_test(test_monthly_first_and_last_weekday),
        cmocka_unit_test(test_monthly_month_day_from_the_end),
        cmocka_unit_test(test_monthly_31st_skips_short_months),
        cmocka_unit_test(test_bymonth_limits_the_months),
        cmocka_unit_test(test_byday_and_bymonthday_must_both_fit),
        cmocka_unit_test(test_count_ends_the_rule),
        cmocka_unit_test(test_until_is_inclusive),
        cmocka_unit_test(test_validity_period_limits_the_days),
        cmocka_unit_test(test_next_skips_an_opening_that_is_over_today),
        cmocka_unit_test(test_february_31st_cannot_occur),
        cmocka_unit_test(test_until_before_dtstart_is_refused),
        cmocka_unit_test(test_no_fitting_day_before_until_cannot_occur),
        cmocka_unit_test(test_count_zero_and_too_large_are_refused),
        cmocka_unit_test(test_closing_must_follow_opening),
        cmocka_unit_test(test_malformed_parts_name_their_field),
        cmocka_unit_test(test_rrule_text_splits_into_parts),
        cmocka_unit_test(test_canonical_text_keeps_every_part),
        cmocka_unit_test(test_local_time_follows_dutch_summer_time),
        cmocka_unit_test(test_local_time_back_to_utc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
