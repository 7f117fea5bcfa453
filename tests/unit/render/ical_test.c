/* Tests of the iCalendar writer (src/render/ical.c) and of activities as
 * events (src/render/activity_ical.c), against RFC 5545: CRLF line ends,
 * folding at 75 octets without splitting a UTF-8 character, TEXT escaping
 * of backslash, ';', ',' and line breaks, the Europe/Amsterdam VTIMEZONE,
 * local times with TZID in winter and summer, RRULE with UNTIL in UTC,
 * EXDATE and STATUS:CANCELLED. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "model/activity.h"
#include "render/activity_ical.h"
#include "render/ical.h"

/* Every line of b ends in CRLF, has no bare CR or LF, and is at most 75
 * octets; a continuation line starts with one space. */
static void assert_well_formed(const struct buf *b)
{
    const char *s = buf_cstr(b);
    size_t n = b->len, start = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r') {
            assert_true(i + 1 < n && s[i + 1] == '\n');
            if (i - start > ICAL_FOLD_OCTETS)
                fail_msg("a line of %zu octets: %.*s", i - start, (int)(i - start), s + start);
            start = i + 2;
            i++;
        } else {
            assert_int_not_equal(s[i], '\n');
        }
    }
    assert_int_equal(start, n);
}

/* The text of b with folding undone (CRLF SPACE removed), malloc'ed. */
static char *unfold(const struct buf *b)
{
    const char *s = buf_cstr(b);
    char *out = malloc(b->len + 1), *o = out;
    for (size_t i = 0; i < b->len; i++) {
        if (s[i] == '\r' && s[i + 1] == '\n' && s[i + 2] == ' ') {
            i += 2;
            continue;
        }
        *o++ = s[i];
    }
    *o = '\0';
    return out;
}

static void test_text_is_escaped(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    ical_text(&b, "SUMMARY", "Koffie; thee, taart\\ en\r\nmeer\nnog\tmeer");
    assert_string_equal(buf_cstr(&b),
                        "SUMMARY:Koffie\\; thee\\, taart\\\\ en\\nmeer\\nnog meer\r\n");
    buf_free(&b);
}

static void test_long_lines_fold_at_75_octets_between_characters(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    char text[400] = "";
    for (int i = 0; i < 60; i++)
        strcat(text, "é€"); /* 2 and 3 octets: cuts fall inside characters unless moved */
    ical_text(&b, "DESCRIPTION", text);
    assert_well_formed(&b);
    const char *s = buf_cstr(&b);
    for (const char *p = strstr(s, "\r\n "); p; p = strstr(p + 1, "\r\n "))
        assert_int_not_equal((unsigned char)p[3] & 0xC0, 0x80); /* no continuation byte */
    char *flat = unfold(&b);
    char want[420];
    snprintf(want, sizeof want, "DESCRIPTION:%s\r\n", text);
    assert_string_equal(flat, want);
    free(flat);
    buf_free(&b);
}

static void test_times_are_local_with_their_zone_or_utc(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    ical_local(&b, "DTSTART", 1772389800); /* 2026-03-01T18:30Z: 19:30 CET */
    ical_local(&b, "DTEND", 1782844200);   /* 2026-06-30T18:30Z: 20:30 CEST */
    ical_utc(&b, "DTSTAMP", 1772389800);
    assert_string_equal(buf_cstr(&b), "DTSTART;TZID=Europe/Amsterdam:20260301T193000\r\n"
                                      "DTEND;TZID=Europe/Amsterdam:20260630T203000\r\n"
                                      "DTSTAMP:20260301T183000Z\r\n");
    buf_free(&b);
}

static void test_the_calendar_carries_the_amsterdam_zone(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    ical_begin(&b, "Buurt, de Oude Haven");
    ical_end(&b);
    assert_well_formed(&b);
    const char *s = buf_cstr(&b);
    assert_true(strncmp(s, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30) == 0);
    assert_non_null(strstr(s, "X-WR-CALNAME:Buurt\\, de Oude Haven\r\n"));
    assert_non_null(strstr(s, "BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n"));
    assert_non_null(strstr(s, "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"));
    assert_non_null(strstr(s, "TZOFFSETTO:+0100\r\n"));
    assert_non_null(strstr(s, "END:VTIMEZONE\r\n"));
    assert_true(strcmp(s + b.len - 15, "END:VCALENDAR\r\n") == 0);
    buf_free(&b);
}

static struct activity sample(void)
{
    return (struct activity){.id = 7,
                             .owner_name = "Repaircafé De Haven",
                             .title = "Repareren, samen",
                             .description = "Neem mee; wat stuk is",
                             .starts_at = 1772562600, /* 2026-03-03T18:30Z: Tuesday 19:30 CET */
                             .ends_at = 1772568000,
                             .address = "Kerkstraat 1, Alkmaar",
                             .status = "scheduled",
                             .sequence = 3,
                             .created_at = 1772366400,
                             .updated_at = 1772366400};
}

static void test_a_series_is_one_event_with_rrule_and_exdate(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    struct activity act = sample();
    act.rrule = "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331";
    struct activity_when w;
    assert_int_equal(activity_when_of(a, &act, &w, NULL), ERR_OK);
    int64_t ex[] = {1772562600 + 7 * 86400};
    struct buf b = BUF_INIT;
    activity_ical_event(&b, &act, &w, ex, 1, "https://wijk.example.nl/activities/7");
    assert_well_formed(&b);
    char *s = unfold(&b);
    assert_non_null(strstr(s, "BEGIN:VEVENT\r\nUID:activity-7@wijkregie\r\n"));
    assert_non_null(strstr(s, "SEQUENCE:3\r\n"));
    assert_non_null(strstr(s, "DTSTART;TZID=Europe/Amsterdam:20260303T193000\r\n"));
    assert_non_null(strstr(s, "DTEND;TZID=Europe/Amsterdam:20260303T210000\r\n"));
    /* UNTIL: the end of 31 March, local (CEST), in UTC */
    assert_non_null(strstr(s, "RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331T215959Z\r\n"));
    assert_non_null(strstr(s, "EXDATE;TZID=Europe/Amsterdam:20260310T193000\r\n"));
    assert_non_null(strstr(s, "SUMMARY:Repareren\\, samen\r\n"));
    assert_non_null(strstr(s, "LOCATION:Kerkstraat 1\\, Alkmaar\r\n"));
    assert_non_null(strstr(s, "STATUS:CONFIRMED\r\nEND:VEVENT\r\n"));
    free(s);
    buf_free(&b);
    arena_free(a);
}

static void test_a_cancelled_activity_is_status_cancelled(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    struct activity act = sample();
    act.status = "cancelled";
    act.cancel_reason = "Zaal onder water";
    struct activity_when w;
    assert_int_equal(activity_when_of(a, &act, &w, NULL), ERR_OK);
    struct buf b = BUF_INIT;
    activity_ical_event(&b, &act, &w, NULL, 0, NULL);
    char *s = unfold(&b);
    assert_non_null(strstr(s, "STATUS:CANCELLED\r\n"));
    assert_null(strstr(s, "RRULE"));
    assert_null(strstr(s, "URL"));
    assert_non_null(strstr(s, "Zaal onder water"));
    free(s);
    buf_free(&b);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_is_escaped),
        cmocka_unit_test(test_long_lines_fold_at_75_octets_between_characters),
        cmocka_unit_test(test_times_are_local_with_their_zone_or_utc),
        cmocka_unit_test(test_the_calendar_carries_the_amsterdam_zone),
        cmocka_unit_test(test_a_series_is_one_event_with_rrule_and_exdate),
        cmocka_unit_test(test_a_cancelled_activity_is_status_cancelled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
