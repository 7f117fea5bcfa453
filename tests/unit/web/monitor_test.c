/* Tests of the monitor's words (src/web/monitor_words.c) and of the
 * dashboard before any computation (src/web/monitor.c): quarters and
 * figures as each language writes them, suppressed figures as words, the
 * early warning's section with why the buurt is vulnerable and which
 * signals fired, shown on other pages only when raised, a dashboard of an
 * area never computed that says so and still has every chart, and the
 * charts kept per connection (web/monitor_cache.c): the same page again,
 * per language, and a monitor run shown at once; the comparison of a
 * wijk's buurten (src/web/monitor_compare.c) with the chosen indicator as
 * a bar chart, and the route that admits only the indicators' codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "db/db.h"
#include "http/field.h"
#include "http/route_fields.h"
#include "render/req.h"
#include "web/monitor_words.h"
#include "web/web.h"
#include "web_testing.h"

static void test_quarter_is_written_per_language(void **state)
{
    (void)state;
    struct req *nl = web_testing_req("nl", "/", NULL, NULL, false);
    struct req *en = web_testing_req("en", "/", NULL, NULL, false);
    assert_string_equal(monitor_words_quarter(nl, "2025Q3"), "2025 K3");
    assert_string_equal(monitor_words_quarter(en, "2025Q3"), "2025 Q3");
    assert_string_equal(monitor_words_quarter(en, "2025-3"), "2025-3");
    assert_string_equal(monitor_words_quarter(en, NULL), "");
    web_testing_free(nl);
    web_testing_free(en);
}

static void test_figure_has_the_indicators_decimals_or_is_not_shown(void **state)
{
    (void)state;
    struct req *nl = web_testing_req("nl", "/", NULL, NULL, false);
    struct buf b = BUF_INIT;
    struct monitor_point p = {.quarter = "2025Q3", .value = 1234.56};
    /* activation has one decimal */
    assert_int_equal(monitor_meta(MON_I1_ACTIVATION)->decimals, 1);
    monitor_words_value(nl, &b, MON_I1_ACTIVATION, &p);
    assert_string_equal(buf_cstr(&b), "1.234,6");
    buf_reset(&b);
    p.suppressed = MON_FEW_CONTRIBUTORS;
    monitor_words_value(nl, &b, MON_I1_ACTIVATION, &p);
    assert_string_equal(buf_cstr(&b), "niet getoond");
    buf_free(&b);
    web_testing_free(nl);
}

static struct monitor_reason signals[] = {
    {.code = "activation_down",
     .msgid = "Activation fell from %s to %s per 1,000 inhabitants aged 15+ in a year.",
     .args = {"12.0", "8.5", NULL}},
};

static void test_raised_warning_says_why_and_which_signals_fired(void **state)
{
    (void)state;
    struct req *en = web_testing_req("en", "/", NULL, NULL, false);
    struct monitor_warning w = {.vulnerable = true,
                                .low_income = true,
                                .flagged = true,
                                .flag_reason = "Shops <closed>",
                                .low_income_share = 17.6,
                                .national_share = 8.1,
                                .raised = true,
                                .signals = signals,
                                .nsignals = 1,
                                .quarter = "2025Q3"};
    monitor_words_warning(en, &w, "BU99010404", "Kanaalzone", true);
    const char *page = web_testing_body(en);
    web_testing_contains(page, "<h2 id=\"monitor-warning-h\">Early warning</h2>");
    web_testing_contains(page, "Kanaalzone is a vulnerable buurt whose momentum is falling.");
    web_testing_contains(page, "17.6% of its households have a low income, against 8.1%");
    web_testing_contains(page, "Shops &lt;closed&gt;");
    web_testing_contains(page, "<li>Activation fell from 12.0 to 8.5 per 1,000");
    web_testing_contains(page, "href=\"/areas/BU99010404/monitor\"");
    web_testing_free(en);
}

static void test_warning_not_raised_is_left_off_other_pages(void **state)
{
    (void)state;
    struct req *en = web_testing_req("en", "/", NULL, NULL, false);
    struct monitor_warning w = {.vulnerable = true, .low_income = true, .quarter = "2025Q3"};
    monitor_words_warning(en, &w, "BU99010404", "Kanaalzone", true);
    assert_string_equal(web_testing_body(en), "");
    monitor_words_warning(en, &w, "BU99010404", "Kanaalzone", false);
    web_testing_contains(web_testing_body(en), "No early warning.");
    web_testing_free(en);
}

static void test_dashboard_of_an_area_never_computed(void **state)
{
    (void)state;
    struct req *r = web_testing_req("nl", "/areas/BU99010202/monitor", "code", "BU99010202", true);
    assert_int_equal(web_monitor_page(r), ERR_OK);
    const char *page = web_testing_body(r);
    web_testing_contains(page, "<h1>Transitiemonitor: Bloemenbuurt</h1>");
    web_testing_contains(page, "De monitor is voor dit gebied nog niet berekend.");
    web_testing_contains(page, "Fase: Nog niet bekend");
    web_testing_contains(page, "<caption id=\"chart-i1-c\">");
    web_testing_contains(page, "<caption id=\"chart-i14-c\">");
    web_testing_lacks(page, "/monitor/flag");
    web_testing_free(r);
}

static void test_unknown_area_is_not_found(void **state)
{
    (void)state;
    struct req *r = web_testing_req("nl", "/areas/BU99019999/monitor", "code", "BU99019999", true);
    assert_int_equal(web_monitor_page(r), ERR_NOT_FOUND);
    web_testing_free(r);
}

/* ---- the charts kept between requests (web/monitor_cache.c) ------------- */

static struct db *demo_db(void)
{
    struct req *r = web_testing_req("nl", "/", NULL, NULL, true);
    struct db *db = r->db;
    r->db = NULL;
    web_testing_free(r);
    return db;
}

/* The dashboard of code in lang on db, in a read transaction as the
 * dispatcher runs a GET; malloc'ed. */
static char *page_on(struct db *db, const char *lang, const char *code)
{
    struct req *r = web_testing_req(lang, "/areas/x/monitor", "code", code, false);
    r->db = db;
    struct fault f = {0};
    assert_int_equal(db_begin_read(db, &f), ERR_OK);
    assert_int_equal(web_monitor_page(r), ERR_OK);
    db_end_read(db);
    char *body = strdup(web_testing_body(r));
    r->db = NULL;
    web_testing_free(r);
    return body;
}

static void test_dashboard_shown_again_is_the_same_in_each_language(void **state)
{
    (void)state;
    struct db *db = demo_db();
    char *nl = page_on(db, "nl", "BU99010202"), *en = page_on(db, "en", "BU99010202");
    char *nl_again = page_on(db, "nl", "BU99010202"), *en_again = page_on(db, "en", "BU99010202");
    char *other = page_on(db, "nl", "BU99010201");
    assert_string_equal(nl_again, nl);
    assert_string_equal(en_again, en);
    web_testing_contains(en, "<h2 id=\"monitor-charts-h\">Over time</h2>");
    web_testing_contains(nl, "<h2 id=\"monitor-charts-h\">In de loop van de tijd</h2>");
    web_testing_contains(other, "Activering in Lindeplein");
    web_testing_lacks(other, "in Bloemenbuurt");
    free(nl);
    free(en);
    free(nl_again);
    free(en_again);
    free(other);
    db_close(db);
}

/* Before the run the charts have no quarters; after it, the page shown on
 * the same connection has the run's quarter in every table. */
static void test_dashboard_shows_a_run_at_once(void **state)
{
    (void)state;
    struct db *db = demo_db();
    char *before = page_on(db, "en", "BU99010202");
    web_testing_contains(before, "<caption id=\"chart-i1-c\">Activation in Bloemenbuurt</caption>");
    web_testing_lacks(before, "<th scope=\"row\">20");
    struct monitor_run_result res;
    struct fault f = {0};
    assert_int_equal(monitor_run(db, NULL, NULL, true, clock_now(), NULL, NULL, &res, &f), ERR_OK);
    char *after = page_on(db, "en", "BU99010202");
    web_testing_contains(after, "<th scope=\"row\">20");
    web_testing_lacks(after, "not been computed");
    free(before);
    free(after);
    db_close(db);
}

/* ---- the comparison of a wijk's buurten (web/monitor_compare.c) --------- */

/* The comparison of WK990103 in lang on db after a monitor run, with
 * ?indicator=indicator unless NULL; *e is the handler's answer. */
static char *compare_on(struct db *db, const char *lang, const char *indicator, enum err *e)
{
    struct req *r = web_testing_req(lang, "/areas/WK990103/monitor/compare", NULL, NULL, false);
    struct kv in[] = {{"code", "WK990103"}, {"indicator", indicator}};
    r->in = (struct kvlist){in, indicator ? 2 : 1};
    r->db = db;
    *e = web_monitor_compare(r);
    char *body = strdup(web_testing_body(r));
    r->db = NULL;
    web_testing_free(r);
    return body;
}

static struct db *computed_db(void)
{
    struct db *db = demo_db();
    struct monitor_run_result res;
    struct fault f = {0};
    assert_int_equal(monitor_run(db, NULL, NULL, true, clock_now(), NULL, NULL, &res, &f), ERR_OK);
    return db;
}

static void test_compare_page_draws_the_chosen_indicator_as_bars(void **state)
{
    (void)state;
    struct db *db = computed_db();
    enum err e;
    char *en = compare_on(db, "en", "I8a", &e);
    assert_int_equal(e, ERR_OK);
    web_testing_contains(en, "<h2 id=\"monitor-bars-h\">One indicator across the buurten</h2>");
    web_testing_contains(en, "<form method=\"get\" action=\"/areas/WK990103/monitor/compare\">");
    web_testing_contains(en, "<label for=\"monitor-indicator\">Indicator</label>");
    web_testing_contains(en, "<option value=\"I8a\" selected>I8a Organisations engaged</option>");
    web_testing_lacks(en, "<option value=\"I1\" selected>");
    web_testing_contains(en, "<svg class=\"chart-svg\"");
    web_testing_contains(en, "role=\"img\" aria-labelledby=\"monitor-bars-t\" "
                             "aria-describedby=\"monitor-bars-d\">");
    web_testing_contains(en,
                         "<title id=\"monitor-bars-t\">Organisations engaged in the buurten of");
    web_testing_contains(en, "<caption id=\"monitor-bars-c\">Organisations engaged in the buurten");
    web_testing_contains(en, "<th scope=\"col\" class=\"num\">Organisations engaged "
                             "(organisations)</th>");
    /* the table of every indicator is still there */
    web_testing_contains(en, "<caption id=\"monitor-compare-c\">");
    free(en);
    char *nl = compare_on(db, "nl", NULL, &e);
    assert_int_equal(e, ERR_OK);
    web_testing_contains(nl, "<option value=\"I1\" selected>I1 Activering</option>");
    web_testing_contains(nl, "<title id=\"monitor-bars-t\">Activering in de buurten van");
    web_testing_contains(nl, "<th scope=\"col\">Buurt</th>");
    free(nl);
    db_close(db);
}

/* The compare route's fields checked on ?indicator=given: the error, and
 * the field at fault in *field ("" when none). */
static enum err check_indicator(const char *given, const char **field)
{
    struct kv q[] = {{"code", "WK990103"}, {"indicator", given}};
    struct kvlist query = {q, 2}, in = {0};
    const struct kvlist *sources[] = {&query};
    struct fault f = {0};
    struct arena *a = arena_new();
    enum err e = field_validate(in_monitor_compare, sources, 1, a, &in, &f);
    *field = f.field ? f.field : ""; /* the declared name, not from the arena */
    arena_free(a);
    return e;
}

/* The route admits exactly the indicators' codes; anything else is a 400
 * naming the field before the page is written. */
static void test_compare_route_admits_only_indicator_codes(void **state)
{
    (void)state;
    int n = 0;
    while (in_indicator_codes[n])
        n++;
    assert_int_equal(n, MON_INDICATOR_COUNT);
    for (int i = 0; i < MON_INDICATOR_COUNT; i++)
        assert_string_equal(in_indicator_codes[i], monitor_meta((enum monitor_indicator)i)->code);

    const char *field;
    const char *refused[] = {"I99", "I8", "i1", "<I1>"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        assert_int_equal(check_indicator(refused[i], &field), ERR_INVALID);
        assert_string_equal(field, "indicator");
    }
    assert_int_equal(check_indicator("I11b", &field), ERR_OK);
    assert_string_equal(field, "");
}

/* The handler refuses what it cannot read even so, and writes nothing. */
static void test_compare_page_refuses_an_unknown_indicator(void **state)
{
    (void)state;
    struct db *db = demo_db();
    enum err e;
    char *page = compare_on(db, "en", "I99", &e);
    assert_int_equal(e, ERR_INVALID);
    assert_string_equal(page, "");
    free(page);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quarter_is_written_per_language),
        cmocka_unit_test(test_figure_has_the_indicators_decimals_or_is_not_shown),
        cmocka_unit_test(test_raised_warning_says_why_and_which_signals_fired),
        cmocka_unit_test(test_warning_not_raised_is_left_off_other_pages),
        cmocka_unit_test(test_dashboard_of_an_area_never_computed),
        cmocka_unit_test(test_unknown_area_is_not_found),
        cmocka_unit_test(test_dashboard_shown_again_is_the_same_in_each_language),
        cmocka_unit_test(test_dashboard_shows_a_run_at_once),
        cmocka_unit_test(test_compare_page_draws_the_chosen_indicator_as_bars),
        cmocka_unit_test(test_compare_route_admits_only_indicator_codes),
        cmocka_unit_test(test_compare_page_refuses_an_unknown_indicator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
