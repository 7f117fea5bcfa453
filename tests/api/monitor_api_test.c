/* API tests of the transition monitor's dashboard over real HTTP, on
 * SQLite and (with WIJKREGIE_TEST_DB_URL) PostgreSQL: before any run an
 * area answers with nothing computed; after monitor_run the summary, every
 * series (as JSON through the API and as the CSV and JSON exports, the
 * same data in each), one series by ?indicator= and the comparison of a
 * wijk's buurten; a suppressed figure never carries a value, numerator or
 * denominator; bad codes are 400/404. The vulnerable flag: a municipality
 * admin of the gemeente flags a buurt with a reason and takes the flag
 * away (audited); no reason, a wijk, a resident and a visitor change
 * nothing; fifty identical flags at once leave one. The pages draw the
 * charts with their tables and give the flag form only to the admin. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "core/clock.h"
#include "db/db.h"
#include "harness.h"
#include "model/monitor.h"

#define BU "BU99010202"
#define BU_FLAG "BU99010101"
#define WK "WK990102"
#define GM "GM9901"

struct fixture {
    struct harness *h;
    struct client admin;   /* a municipality admin of GM, acting as one */
    struct client res;     /* a verified resident of BU */
    struct client visitor; /* nobody signed in */
};

static struct fixture *fx_of(void **state)
{
    return *state;
}

/* monitor_run over every area, from scratch, on the server's database. */
static void run_monitor(const struct harness *h)
{
    struct fault f = {0};
    struct db *db = db_open(h->db_url, &f);
    assert_non_null(db);
    struct monitor_run_result res;
    enum err e = monitor_run(db, NULL, NULL, true, clock_now(), NULL, NULL, &res, &f);
    if (e != ERR_OK)
        fail_msg("monitor_run: %s", f.msgid ? f.msgid : "?");
    assert_true(res.values > 0);
    db_close(db);
}

static int setup(void **state)
{
    setenv("WIJKREGIE_FAST_HASH", "1", 1);
    struct fixture *fx = calloc(1, sizeof *fx);
    *state = fx;
    if (!fx || !(fx->h = harness_start()))
        return -1;
    struct client boss = console_platform_admin(fx->h, "beheer-monitor@example.nl");
    fx->admin = client_person(fx->h, "gemeente-monitor@example.nl", "Gemeente");
    client_grant(&boss, "gemeente-monitor@example.nl", "municipality_admin", GM);
    client_act_as(&fx->admin, "municipality_admin:" GM, 200);
    fx->res = client_resident(fx->h, "bewoner-monitor@example.nl", "Bewoner", BU);
    fx->visitor = client_new(fx->h);
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    bool clean = harness_stop(fx->h);
    free(fx);
    return clean ? 0 : -1;
}

static void test_server_stops_cleanly(void **state)
{
    assert_true(harness_stop_server(fx_of(state)->h));
}

static long status_of(struct client *c, const char *method, const char *path, const char *body,
                      char field[40])
{
    struct http_resp resp;
    long status = client_send(c, method, path, body, &resp);
    const char *fd = resp.json ? json_string_value(json_object_get(resp.json, "field")) : NULL;
    if (field)
        snprintf(field, 40, "%s", fd ? fd : "");
    http_resp_free(&resp);
    return status;
}

static void test_an_area_never_computed_has_no_figures(void **state)
{
    struct fixture *fx = fx_of(state);
    struct http_resp resp;
    json_t *o = client_get_json(&fx->visitor, "/api/v1/areas/" BU "/monitor", &resp);
    assert_true(json_is_null(json_object_get(o, "quarter")));
    assert_string_equal(json_string_value(json_object_get(o, "phase")), "unknown");
    json_t *figs = json_object_get(o, "figures");
    assert_int_equal(json_array_size(figs), MON_INDICATOR_COUNT);
    size_t i;
    json_t *fig;
    json_array_foreach(figs, i, fig)
    {
        assert_true(json_is_null(json_object_get(fig, "value")));
        assert_string_equal(json_string_value(json_object_get(fig, "suppressed")), "not_available");
    }
    assert_false(json_is_true(json_object_get(json_object_get(o, "warning"), "raised")));
    http_resp_free(&resp);
}

static void test_unknown_and_malformed_areas_are_refused(void **state)
{
    struct fixture *fx = fx_of(state);
    char field[40];
    assert_int_equal(
        status_of(&fx->visitor, "GET", "/api/v1/areas/BU99019999/monitor", NULL, field), 404);
    assert_int_equal(status_of(&fx->visitor, "GET", "/api/v1/areas/XX12/monitor", NULL, field),
                     400);
    assert_string_equal(field, "code");
    assert_int_equal(
        status_of(&fx->visitor, "GET", "/api/v1/areas/" BU "/monitor/compare", NULL, field), 400);
    assert_string_equal(field, "area");
    assert_int_equal(status_of(&fx->visitor, "GET", "/areas/BU99019999/monitor", NULL, NULL), 404);
}

/* After a run: a quarter, every indicator with the same figures in the
 * summary as the series' last point. */
static void test_summary_after_a_run_matches_the_series(void **state)
{
    struct fixture *fx = fx_of(state);
    run_monitor(fx->h);
    struct http_resp rs, rx;
    json_t *s = client_get_json(&fx->visitor, "/api/v1/areas/" BU "/monitor", &rs);
    json_t *x = client_get_json(&fx->visitor, "/api/v1/areas/" BU "/monitor/series", &rx);
    const char *quarter = json_string_value(json_object_get(s, "quarter"));
    assert_non_null(quarter);
    assert_non_null(json_string_value(json_object_get(json_object_get(s, "warning"), "quarter")));
    json_t *inds = json_object_get(x, "indicators");
    assert_int_equal(json_array_size(inds), MON_INDICATOR_COUNT);
    for (size_t i = 0; i < json_array_size(inds); i++) {
        json_t *ind = json_array_get(inds, i),
               *fig = json_array_get(json_object_get(s, "figures"), i);
        assert_string_equal(json_string_value(json_object_get(ind, "code")),
                            json_string_value(json_object_get(fig, "code")));
        json_t *pts = json_object_get(ind, "points");
        assert_true(json_array_size(pts) > 0);
        json_t *last = json_array_get(pts, json_array_size(pts) - 1);
        assert_string_equal(json_string_value(json_object_get(last, "quarter")), quarter);
        assert_true(json_equal(json_object_get(last, "value"), json_object_get(fig, "value")));
    }
    http_resp_free(&rs);
    http_resp_free(&rx);
}

/* No suppressed point anywhere carries a number. */
static void test_suppressed_points_carry_no_numbers(void **state)
{
    struct fixture *fx = fx_of(state);
    struct http_resp resp;
    json_t *x = client_get_json(&fx->visitor, "/api/v1/areas/" GM "/monitor/series", &resp);
    size_t i, k;
    json_t *ind, *pt;
    int suppressed = 0, shown = 0;
    json_array_foreach(json_object_get(x, "indicators"), i, ind)
    {
        json_array_foreach(json_object_get(ind, "points"), k, pt)
        {
            if (json_is_null(json_object_get(pt, "suppressed"))) {
                shown++;
                assert_true(json_is_number(json_object_get(pt, "value")));
                continue;
            }
            suppressed++;
            assert_true(json_is_null(json_object_get(pt, "value")));
            assert_true(json_is_null(json_object_get(pt, "numerator")));
            assert_true(json_is_null(json_object_get(pt, "denominator")));
        }
    }
    assert_true(suppressed + shown > 0);
    http_resp_free(&resp);
}

static void test_one_indicator_by_its_code(void **state)
{
    struct fixture *fx = fx_of(state);
    struct http_resp resp;
    json_t *x =
        client_get_json(&fx->visitor, "/api/v1/areas/" BU "/monitor/series?indicator=i8a", &resp);
    json_t *inds = json_object_get(x, "indicators");
    assert_int_equal(json_array_size(inds), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(inds, 0), "code")), "I8a");
    http_resp_free(&resp);
    char field[40];
    assert_int_equal(status_of(&fx->visitor, "GET",
                               "/api/v1/areas/" BU "/monitor/series?indicator=I99", NULL, field),
                     400);
    assert_string_equal(field, "indicator");
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* The CSV has a header and one row per point of the JSON series; the JSON
 * export is the API's series. */
static void test_exports_hold_every_point(void **state)
{
    struct fixture *fx = fx_of(state);
    struct http_resp api, csv, file;
    json_t *x = client_get_json(&fx->visitor, "/api/v1/areas/" WK "/monitor/series", &api);
    int points = 0;
    size_t i;
    json_t *ind;
    json_array_foreach(json_object_get(x, "indicators"), i, ind) points +=
        (int)json_array_size(json_object_get(ind, "points"));
    assert_int_equal(client_send(&fx->visitor, "GET", "/areas/" WK "/monitor.csv", NULL, &csv),
                     200);
    assert_non_null(strstr(http_resp_header(&csv, "Content-Type"), "text/csv"));
    assert_non_null(strstr(http_resp_header(&csv, "Content-Disposition"), "monitor-" WK ".csv"));
    const char *body = buf_cstr(&csv.body);
    assert_true(strncmp(body, "area,indicator,unit,quarter,period_start,period_end,value,", 58) ==
                0);
    assert_int_equal(count_lines(body), points + 1);
    assert_non_null(strstr(body, "\r\n" WK ",I1,per_1000_15plus,"));
    assert_int_equal(client_send(&fx->visitor, "GET", "/areas/" WK "/monitor.json", NULL, &file),
                     200);
    assert_non_null(file.json);
    assert_true(json_equal(file.json, x));
    http_resp_free(&api);
    http_resp_free(&csv);
    http_resp_free(&file);
}

/* Every buurt of the wijk, once, each with every indicator. */
static void test_compare_lists_the_buurten_of_a_wijk(void **state)
{
    struct fixture *fx = fx_of(state);
    struct http_resp resp, kids;
    json_t *o = client_get_json(&fx->visitor, "/api/v1/areas/" WK "/monitor/compare", &resp);
    json_t *list = client_get_json(&fx->visitor, "/api/v1/areas?parent=" WK "&kind=buurt", &kids);
    json_t *rows = json_object_get(o, "buurten"), *items = json_object_get(list, "items");
    assert_true(json_array_size(rows) >= 2);
    assert_int_equal(json_array_size(rows), json_array_size(items));
    size_t i, k;
    json_t *row, *item;
    json_array_foreach(rows, i, row)
    {
        const char *code = json_string_value(json_object_get(row, "code"));
        int found = 0;
        json_array_foreach(items, k, item) found +=
            strcmp(code, json_string_value(json_object_get(item, "code"))) == 0;
        assert_int_equal(found, 1);
        assert_int_equal(json_array_size(json_object_get(row, "figures")), MON_INDICATOR_COUNT);
    }
    http_resp_free(&resp);
    http_resp_free(&kids);
}

static int64_t flags(struct fixture *fx)
{
    return query_count(
        fx->h, "SELECT COUNT(*) FROM area_vulnerable_flag WHERE area_code = '" BU_FLAG "'", 0);
}

static void test_bad_flags_change_nothing(void **state)
{
    struct fixture *fx = fx_of(state);
    char field[40];
    const char *p = "/api/v1/areas/" BU_FLAG "/monitor/flag";
    assert_int_equal(status_of(&fx->admin, "POST", p, "{\"flagged\": true}", field), 400);
    assert_string_equal(field, "reason");
    assert_int_equal(status_of(&fx->admin, "POST", p, "{\"flagged\": \"maybe\"}", field), 400);
    assert_string_equal(field, "flagged");
    assert_int_equal(status_of(&fx->admin, "POST", "/api/v1/areas/" WK "/monitor/flag",
                               "{\"flagged\": true, \"reason\": \"Leegstand\"}", field),
                     400);
    assert_int_equal(
        status_of(&fx->res, "POST", p, "{\"flagged\": true, \"reason\": \"Leegstand\"}", NULL),
        403);
    assert_int_equal(
        status_of(&fx->visitor, "POST", p, "{\"flagged\": true, \"reason\": \"Leegstand\"}", NULL),
        401);
    assert_int_equal(flags(fx), 0);
}

static void test_admin_flags_and_unflags_a_buurt(void **state)
{
    struct fixture *fx = fx_of(state);
    const char *p = "/api/v1/areas/" BU_FLAG "/monitor/flag";
    struct http_resp resp;
    assert_int_equal(
        client_send(&fx->admin, "POST", p,
                    "{\"flagged\": true, \"reason\": \"Veel leegstand in de winkels\"}", &resp),
        200);
    assert_true(json_is_true(json_object_get(resp.json, "flagged")));
    assert_true(json_is_true(json_object_get(resp.json, "vulnerable")));
    assert_string_equal(json_string_value(json_object_get(resp.json, "flag_reason")),
                        "Veel leegstand in de winkels");
    http_resp_free(&resp);
    assert_int_equal(flags(fx), 1);
    assert_true(query_count(fx->h,
                            "SELECT COUNT(*) FROM audit_log WHERE action = "
                            "'area.flag_vulnerable'",
                            0) >= 1);
    /* the dashboard says why the buurt counts as vulnerable */
    assert_int_equal(
        client_send(&fx->visitor, "GET", "/areas/" BU_FLAG "/monitor?lang=en", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Veel leegstand in de winkels"));
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->admin, "POST", p, "{\"flagged\": false}", &resp), 200);
    assert_false(json_is_true(json_object_get(resp.json, "flagged")));
    http_resp_free(&resp);
    assert_int_equal(flags(fx), 0);
}

static void test_fifty_identical_flags_leave_one(void **state)
{
    struct fixture *fx = fx_of(state);
    long statuses[50];
    client_race(&fx->admin, 1, 50, "POST", "/api/v1/areas/" BU_FLAG "/monitor/flag",
                "{\"flagged\": true, \"reason\": \"Gelijktijdig\"}", statuses);
    assert_int_equal(client_count_status(statuses, 50, 200), 50);
    assert_int_equal(flags(fx), 1);
}

/* The dashboard draws a chart per indicator, each with its table, in both
 * languages, and links the exports. */
static void test_dashboard_draws_charts_with_their_tables(void **state)
{
    struct fixture *fx = fx_of(state);
    static const char *const langs[] = {"nl", "en"};
    for (int i = 0; i < 2; i++) {
        char p[80];
        struct http_resp resp;
        snprintf(p, sizeof p, "/areas/" BU "/monitor?lang=%s", langs[i]);
        assert_int_equal(client_send(&fx->visitor, "GET", p, NULL, &resp), 200);
        const char *body = buf_cstr(&resp.body);
        assert_non_null(strstr(body, "role=\"img\" aria-labelledby=\"chart-i1-t\""));
        assert_non_null(strstr(body, "<caption id=\"chart-i1-c\">"));
        assert_non_null(strstr(body, "<caption id=\"chart-i14-c\">"));
        assert_non_null(strstr(body, "href=\"/areas/" BU "/monitor.csv\""));
        /* the warning comes before the phase */
        const char *warning = strstr(body, "id=\"monitor-warning-h\"");
        const char *phase = strstr(body, "id=\"monitor-phase-h\"");
        assert_non_null(warning);
        assert_non_null(phase);
        assert_true(warning < phase);
        http_resp_free(&resp);
    }
    assert_int_equal(status_of(&fx->visitor, "GET", "/areas/" WK "/monitor/compare", NULL, NULL),
                     200);
}

static void test_flag_form_is_for_the_admin_only(void **state)
{
    struct fixture *fx = fx_of(state);
    struct http_resp resp;
    assert_int_equal(client_send(&fx->admin, "GET", "/areas/" BU "/monitor/flag", NULL, &resp),
                     200);
    assert_non_null(strstr(buf_cstr(&resp.body), "name=\"reason\""));
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->admin, "GET", "/areas/" BU "/monitor", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "href=\"/areas/" BU "/monitor/flag\""));
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->res, "GET", "/areas/" BU "/monitor", NULL, &resp), 200);
    assert_null(strstr(buf_cstr(&resp.body), "/monitor/flag"));
    http_resp_free(&resp);
    assert_int_equal(status_of(&fx->res, "GET", "/areas/" BU "/monitor/flag", NULL, NULL), 403);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_area_never_computed_has_no_figures),
        cmocka_unit_test(test_unknown_and_malformed_areas_are_refused),
        cmocka_unit_test(test_summary_after_a_run_matches_the_series),
        cmocka_unit_test(test_suppressed_points_carry_no_numbers),
        cmocka_unit_test(test_one_indicator_by_its_code),
        cmocka_unit_test(test_exports_hold_every_point),
        cmocka_unit_test(test_compare_lists_the_buurten_of_a_wijk),
        cmocka_unit_test(test_bad_flags_change_nothing),
        cmocka_unit_test(test_admin_flags_and_unflags_a_buurt),
        cmocka_unit_test(test_fifty_identical_flags_leave_one),
        cmocka_unit_test(test_dashboard_draws_charts_with_their_tables),
        cmocka_unit_test(test_flag_form_is_for_the_admin_only),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
