/* Tests for core/clock.c: the clocks, ISO 8601 formatting and date parsing
 * with real calendar rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/clock.h"

static void check_iso(int64_t t, const char *want)
{
    char out[21];
    clock_iso8601(t, out);
    assert_string_equal(out, want);
}

static void check_parse(const char *s, int64_t want)
{
    int64_t t = 42;
    assert_true(clock_parse_date(s, &t));
    assert_int_equal(t, want);
}

static void check_rejects(const char *s)
{
    int64_t t = 42;
    assert_false(clock_parse_date(s, &t));
    assert_int_equal(t, 42);
}

static void test_clock_now_is_the_system_time(void **state)
{
    int64_t before = (int64_t)time(NULL);
    int64_t now = clock_now();
    int64_t after = (int64_t)time(NULL);
    assert_true(now >= before && now <= after);
}

static void test_clock_mono_never_goes_back(void **state)
{
    int64_t last = clock_mono_ms();
    for (int i = 0; i < 1000; i++) {
        int64_t t = clock_mono_ms();
        assert_true(t >= last);
        last = t;
    }
}

static void test_clock_iso8601_formats_known_times(void **state)
{
    check_iso(0, "1970-01-01T00:00:00Z");
    check_iso(1795908746, "2026-11-28T23:32:26Z");
    check_iso(951868800, "2000-03-01T00:00:00Z");
    check_iso(1709164800 + 86399, "2024-02-29T23:59:59Z");
}

static void test_clock_iso8601_before_1970_rounds_down(void **state)
{
    check_iso(-1, "1969-12-31T23:59:59Z");
    check_iso(-86400, "1969-12-31T00:00:00Z");
    check_iso(-86401, "1969-12-30T23:59:59Z");
    check_iso(-30610224000, "1000-01-01T00:00:00Z");
}

static void test_clock_iso8601_clamps_to_four_digit_years(void **state)
{
    check_iso(INT64_MAX, "9999-12-31T23:59:59Z");
    check_iso(INT64_MIN, "0001-01-01T00:00:00Z");
}

static void test_clock_date_formats_day_only(void **state)
{
    char out[11];
    clock_date(1795908746, out);
    assert_string_equal(out, "2026-11-28");
    clock_date(-1, out);
    assert_string_equal(out, "1969-12-31");
}

static void test_clock_parse_date_gives_midnight_utc(void **state)
{
    check_parse("1970-01-01", 0);
    check_parse("2026-11-28", 1795908746 - (23 * 3600 + 32 * 60 + 26));
    check_parse("1000-01-01", -30610224000);
    check_parse("9999-12-31", 253402214400);
}

static void test_clock_parse_date_accepts_leap_days(void **state)
{
    check_parse("2024-02-29", 1709164800);
    check_parse("2000-02-29", 951868800 - 86400);
    check_parse("1600-02-29", -11670998400);
}

static void test_clock_parse_date_rejects_2023_02_29(void **state)
{
    check_rejects("2023-02-29");
}

static void test_clock_parse_date_rejects_century_non_leap_years(void **state)
{
    check_rejects("1900-02-29");
    check_rejects("2100-02-29");
    check_rejects("2024-02-30");
}

static void test_clock_parse_date_rejects_impossible_days_and_months(void **state)
{
    check_rejects("2026-04-31");
    check_rejects("2026-06-31");
    check_rejects("2026-01-32");
    check_rejects("2026-01-00");
    check_rejects("2026-00-10");
    check_rejects("2026-13-01");
}

static void test_clock_parse_date_rejects_years_out_of_range(void **state)
{
    check_rejects("0999-12-31");
    check_rejects("0000-01-01");
    check_rejects("10000-01-01");
}

static void test_clock_parse_date_rejects_other_shapes(void **state)
{
    check_rejects("");
    check_rejects("2026");
    check_rejects("2026-1-01");
    check_rejects("2026-01-1");
    check_rejects("2026/01/01");
    check_rejects("2026-01-01T00:00:00Z");
    check_rejects("2026-01-01 ");
    check_rejects(" 2026-01-01");
    check_rejects("+026-01-01");
    check_rejects("2026-0a-01");
    check_rejects("20260101");
    check_rejects(NULL);
}

/* Every day from 1000-01-01 to 9999-12-31 formats and parses back to the
 * same time, one day after the one before. */
static void test_clock_date_and_parse_round_trip_every_day(void **state)
{
    int64_t first = -30610224000;
    int64_t last = 253402214400;
    char s[11];
    for (int64_t t = first; t <= last; t += 86400) {
        int64_t back = 0;
        clock_date(t, s);
        if (!clock_parse_date(s, &back) || back != t)
            fail_msg("%s does not round-trip (%lld)", s, (long long)t);
    }
    clock_date(first - 86400, s);
    assert_string_equal(s, "0999-12-31");
}

/* gmtime_r() as an independent oracle, over years 1000..9999 in steps that
 * land on every time of day sooner or later. */
static void test_clock_iso8601_agrees_with_gmtime(void **state)
{
    for (int64_t t = -30610224000; t <= 253402300799; t += 10000019) {
        time_t tt = (time_t)t;
        struct tm tm;
        assert_non_null(gmtime_r(&tt, &tm));
        char want[32], got[21];
        strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", &tm);
        clock_iso8601(t, got);
        if (strcmp(want, got) != 0)
            fail_msg("%lld: %s, expected %s", (long long)t, got, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clock_now_is_the_system_time),
        cmocka_unit_test(test_clock_mono_never_goes_back),
        cmocka_unit_test(test_clock_iso8601_formats_known_times),
        cmocka_unit_test(test_clock_iso8601_before_1970_rounds_down),
        cmocka_unit_test(test_clock_iso8601_clamps_to_four_digit_years),
        cmocka_unit_test(test_clock_iso8601_agrees_with_gmtime),
        cmocka_unit_test(test_clock_date_formats_day_only),
        cmocka_unit_test(test_clock_parse_date_gives_midnight_utc),
        cmocka_unit_test(test_clock_parse_date_accepts_leap_days),
        cmocka_unit_test(test_clock_parse_date_rejects_2023_02_29),
        cmocka_unit_test(test_clock_parse_date_rejects_century_non_leap_years),
        cmocka_unit_test(test_clock_parse_date_rejects_impossible_days_and_months),
        cmocka_unit_test(test_clock_parse_date_rejects_years_out_of_range),
        cmocka_unit_test(test_clock_parse_date_rejects_other_shapes),
        cmocka_unit_test(test_clock_date_and_parse_round_trip_every_day),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
