/* API tests of investment hours over real HTTP, on SQLite and (with
 * WIJKREGIE_TEST_DB_URL) PostgreSQL: an organisation's admin pledges hours
 * for an area and a period; its professional logs hours against the
 * pledge; pledged versus delivered is public per pledge, organisation and
 * area (a buurt's hours count towards its wijk and gemeente), also as CSV;
 * every bad input is 400 with its field and changes nothing; a professional
 * of another organisation, a resident and a visitor may not log, and a
 * professional may not pledge (403 with the facilitating reason); a
 * correction is a new movement; a withdrawal keeps what was delivered and
 * happens once, also when fifty identical requests race; fifty hours
 * logged at once all count. After every ledger operation the test checks
 * that all movements sum to zero (assert_balanced). The pages show the
 * pledge, its ledger and its form, and give a bad form back with the
 * message next to the field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"
#include "core/buf.h"
#include "core/mem.h"
#include "db/db.h"
#include "harness.h"
#include "model/capacity.h"
#include "model/residency.h"

#define BU "BU99010201"
#define WK "WK990102"
#define GM "GM9901"

struct fixture {
    struct harness *h;
    int64_t org;
    struct client boss;  /* the organisation's admin, acting as one */
    struct client pro;   /* a professional at it, acting as one */
    struct client other; /* a professional at demo organisation 1 */
    struct client res;   /* a verified resident of BU */
};

/* One value of sql, with id bound to each "?" (none: no binding). */
static int64_t sql_int(struct fixture *fx, const char *sql, int64_t id)
{
    struct fault f = {0};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        fail_msg("%s: %s", sql, db_errmsg(db));
    for (int i = 1; strchr(sql, '?') && i <= 1; i++)
        db_bind_int(st, i, id);
    enum db_rc rc = db_step(st);
    assert_int_not_equal(rc, DB_ERROR);
    int64_t n = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    db_close(db);
    return n;
}

/* The check after every ledger operation: the entries of all movements sum
 * to zero, and every movement is exactly two entries summing to zero. */
static void assert_balanced(struct fixture *fx)
{
    assert_int_equal(sql_int(fx, "SELECT COALESCE(SUM(amount_tenths), 0) FROM hours_entry", 0), 0);
    assert_int_equal(sql_int(fx,
                             "SELECT COUNT(*) FROM hours_movement m WHERE (SELECT COUNT(*) FROM "
                             "hours_entry e WHERE e.movement_id = m.id) <> 2 OR (SELECT "
                             "SUM(e.amount_tenths) FROM hours_entry e WHERE e.movement_id = m.id) "
                             "<> 0",
                             0),
                     0);
}

static int64_t movements(struct fixture *fx)
{
    return sql_int(fx, "SELECT COUNT(*) FROM hours_movement", 0);
}

static long send(struct client *c, const char *method, const char *p, const char *body, char *field)
{
    struct http_resp resp;
    long status = client_send(c, method, p, body, &resp);
    const char *fd = resp.json ? json_string_value(json_object_get(resp.json, "field")) : NULL;
    if (field)
        snprintf(field, 40, "%s", fd ? fd : "");
    http_resp_free(&resp);
    return status;
}

static void path(char *out, size_t n, const char *base, int64_t id, const char *tail)
{
    snprintf(out, n, "%s%lld%s", base, (long long)id, tail);
}

/* A pledge of hours in area for 2026 by the admin; its id. */
static int64_t pledge(struct fixture *fx, const char *area, const char *hours)
{
    char p[80], body[200];
    path(p, sizeof p, "/api/v1/organisations/", fx->org, "/hours");
    snprintf(body, sizeof body,
             "{\"hours\": \"%s\", \"area\": \"%s\", \"starts_on\": \"2026-01-01\", \"ends_on\": "
             "\"2026-12-31\"}",
             hours, area);
    int64_t id = client_expect(&fx->boss, "POST", p, body, 201);
    assert_balanced(fx);
    return id;
}

/* Hours logged by the professional on a day of February; the movement. */
static int64_t log_hours(struct fixture *fx, int64_t pledge_id, const char *hours)
{
    char p[80], body[200];
    path(p, sizeof p, "/api/v1/hours/", pledge_id, "/log");
    snprintf(body, sizeof body,
             "{\"on_date\": \"2026-02-10\", \"hours\": \"%s\", \"kind\": \"coaching\", \"note\": "
             "\"Begroting\"}",
             hours);
    struct http_resp resp;
    assert_int_equal(client_send(&fx->pro, "POST", p, body, &resp), 201);
    int64_t id = json_integer_value(json_object_get(resp.json, "movement_id"));
    http_resp_free(&resp);
    assert_balanced(fx);
    return id;
}

static int64_t tenths_of(json_t *balance, const char *name)
{
    double v = json_number_value(json_object_get(balance, name));
    return (int64_t)(v * 10.0 + (v < 0 ? -0.5 : 0.5));
}

/* The balance member name of /api/v1/hours/{id}, in tenths. */
static int64_t balance_of(struct fixture *fx, int64_t pledge_id, const char *name)
{
    char p[80];
    path(p, sizeof p, "/api/v1/hours/", pledge_id, "");
    struct http_resp resp;
    json_t *o = client_get_json(&fx->pro, p, &resp);
    int64_t v = tenths_of(json_object_get(o, "balance"), name);
    http_resp_free(&resp);
    return v;
}

static void test_an_admin_pledges_and_a_professional_logs(void **state)
{
    struct fixture *fx = *state;
    int64_t id = pledge(fx, WK, "400");
    assert_int_equal(balance_of(fx, id, "pledged"), 4000);
    assert_int_equal(balance_of(fx, id, "open"), 4000);
    log_hours(fx, id, "2.5");
    assert_int_equal(balance_of(fx, id, "delivered"), 25);
    assert_int_equal(balance_of(fx, id, "open"), 3975);
    char p[80];
    path(p, sizeof p, "/api/v1/hours/", id, "");
    struct http_resp resp;
    json_t *o = client_get_json(&fx->res, p, &resp); /* public */
    json_t *ledger = json_object_get(o, "ledger");
    assert_int_equal(json_array_size(ledger), 2);
    json_t *logged = json_array_get(ledger, 1);
    assert_string_equal(json_string_value(json_object_get(logged, "kind")), "delivery");
    assert_string_equal(json_string_value(json_object_get(logged, "work_kind")), "coaching");
    char capacity[40];
    snprintf(capacity, sizeof capacity, "professional:%lld", (long long)fx->org);
    assert_string_equal(json_string_value(json_object_get(logged, "capacity")), capacity);
    http_resp_free(&resp);
}

/* A pledge that must be refused with field; nothing written. */
static void pledge_refused(struct fixture *fx, const char *body, long status, const char *field)
{
    char p[80], got[40];
    path(p, sizeof p, "/api/v1/organisations/", fx->org, "/hours");
    int64_t before = sql_int(fx, "SELECT COUNT(*) FROM hour_pledge", 0), moved = movements(fx);
    assert_int_equal(send(&fx->boss, "POST", p, body, got), status);
    assert_string_equal(got, field);
    assert_int_equal(sql_int(fx, "SELECT COUNT(*) FROM hour_pledge", 0), before);
    assert_int_equal(movements(fx), moved);
    assert_balanced(fx);
}

static void test_bad_pledges_are_400_with_their_field(void **state)
{
    struct fixture *fx = *state;
    pledge_refused(fx,
                   "{\"hours\": \"0\", \"area\": \"" WK "\", \"starts_on\": \"2026-01-01\", "
                   "\"ends_on\": \"2026-12-31\"}",
                   400, "hours");
    pledge_refused(fx,
                   "{\"hours\": \"-4\", \"area\": \"" WK "\", \"starts_on\": \"2026-01-01\", "
                   "\"ends_on\": \"2026-12-31\"}",
                   400, "hours");
    pledge_refused(fx,
                   "{\"hours\": \"4\", \"area\": \"XX\", \"starts_on\": \"2026-01-01\", "
                   "\"ends_on\": \"2026-12-31\"}",
                   400, "area");
    pledge_refused(fx,
                   "{\"hours\": \"4\", \"area\": \"BU99999999\", \"starts_on\": "
                   "\"2026-01-01\", \"ends_on\": \"2026-12-31\"}",
                   404, "area");
    pledge_refused(fx,
                   "{\"hours\": \"4\", \"area\": \"" WK "\", \"starts_on\": \"2026-06-01\", "
                   "\"ends_on\": \"2026-05-31\"}",
                   400, "ends_on");
    pledge_refused(fx,
                   "{\"hours\": \"4\", \"area\": \"" WK "\", \"starts_on\": \"gisteren\", "
                   "\"ends_on\": \"2026-05-31\"}",
                   400, "starts_on");
}

/* A log that must be refused: status and field; nothing written. */
static void log_refused(struct fixture *fx, struct client *c, int64_t pledge_id, const char *body,
                        long status, const char *field)
{
    char p[80], got[40];
    path(p, sizeof p, "/api/v1/hours/", pledge_id, "/log");
    int64_t before = movements(fx);
    assert_int_equal(send(c, "POST", p, body, got), status);
    if (field)
        assert_string_equal(got, field);
    assert_int_equal(movements(fx), before);
    assert_balanced(fx);
}

static void test_bad_hours_are_400_and_change_nothing(void **state)
{
    struct fixture *fx = *state;
    int64_t id = pledge(fx, BU, "10");
    log_refused(fx, &fx->pro, id,
                "{\"on_date\": \"2025-12-31\", \"hours\": \"1\", \"kind\": \"coaching\"}", 400,
                "on_date");
    char future[11], body[200];
    time_t t = time(NULL) + 3 * 86400;
    strftime(future, sizeof future, "%Y-%m-%d", gmtime(&t));
    snprintf(body, sizeof body, "{\"on_date\": \"%s\", \"hours\": \"1\", \"kind\": \"other\"}",
             future);
    if (strcmp(future, "2026-12-31") <= 0)
        log_refused(fx, &fx->pro, id, body, 400, "on_date");
    log_refused(fx, &fx->pro, id,
                "{\"on_date\": \"2026-02-10\", \"hours\": \"0\", \"kind\": \"coaching\"}", 400,
                "hours");
    log_refused(fx, &fx->pro, id,
                "{\"on_date\": \"2026-02-10\", \"hours\": \"-2\", \"kind\": \"coaching\"}", 400,
                "hours");
    log_refused(fx, &fx->pro, id,
                "{\"on_date\": \"2026-02-10\", \"hours\": \"25\", \"kind\": \"coaching\"}", 400,
                "hours");
    log_refused(fx, &fx->pro, id,
                "{\"on_date\": \"2026-02-10\", \"hours\": \"1\", \"kind\": \"koken\"}", 400,
                "kind");
}

static void test_only_the_organisations_people_log(void **state)
{
    struct fixture *fx = *state;
    int64_t id = pledge(fx, BU, "10");
    const char *body = "{\"on_date\": \"2026-02-10\", \"hours\": \"1\", \"kind\": \"coaching\"}";
    log_refused(fx, &fx->other, id, body, 403, NULL);
    log_refused(fx, &fx->res, id, body, 403, NULL);
    struct client visitor = client_new(fx->h);
    log_refused(fx, &visitor, id, body, 401, NULL);
    /* and a professional does not pledge for the organisation */
    char p[80];
    path(p, sizeof p, "/api/v1/organisations/", fx->org, "/hours");
    struct http_resp resp;
    assert_int_equal(client_send(&fx->pro, "POST", p,
                                 "{\"hours\": \"4\", \"area\": \"" WK "\", \"starts_on\": "
                                 "\"2026-01-01\", \"ends_on\": \"2026-12-31\"}",
                                 &resp),
                     403);
    assert_non_null(strstr(json_string_value(json_object_get(resp.json, "message")),
                           "Professionals facilitate"));
    http_resp_free(&resp);
    /* the admin may log */
    char lp[80];
    path(lp, sizeof lp, "/api/v1/hours/", id, "/log");
    client_expect(&fx->boss, "POST", lp, body, 201);
    assert_balanced(fx);
}

static void test_corrections_and_the_withdrawal_keep_the_ledger(void **state)
{
    struct fixture *fx = *state;
    int64_t id = pledge(fx, BU, "10");
    int64_t d = log_hours(fx, id, "3");
    char p[80], body[200], field[40];
    path(p, sizeof p, "/api/v1/hours/", id, "/corrections");
    snprintf(body, sizeof body, "{\"movement\": %lld, \"hours\": \"2\", \"note\": \"Was 2 uur\"}",
             (long long)d);
    client_expect(&fx->pro, "POST", p, body, 201);
    assert_balanced(fx);
    assert_int_equal(balance_of(fx, id, "delivered"), 20);
    int64_t before = movements(fx);
    assert_int_equal(send(&fx->pro, "POST", p, body, field), 400); /* the same hours again */
    assert_string_equal(field, "hours");
    snprintf(body, sizeof body, "{\"movement\": %lld, \"hours\": \"1\"}", (long long)d);
    assert_int_equal(send(&fx->pro, "POST", p, body, field), 400);
    assert_string_equal(field, "note");
    assert_int_equal(movements(fx), before);
    assert_balanced(fx);
    path(p, sizeof p, "/api/v1/hours/", id, "/withdraw");
    assert_int_equal(send(&fx->pro, "POST", p, NULL, NULL), 403);
    client_expect(&fx->boss, "POST", p, NULL, 200);
    assert_balanced(fx);
    assert_int_equal(balance_of(fx, id, "delivered"), 20);
    assert_int_equal(balance_of(fx, id, "withdrawn"), 80);
    assert_int_equal(balance_of(fx, id, "open"), 0);
    log_refused(fx, &fx->pro, id,
                "{\"on_date\": \"2026-02-11\", \"hours\": \"1\", \"kind\": \"coaching\"}", 409,
                NULL);
}

/* 50 copies of c post body to p at once; counts of status ok and 409. */
static void race(struct client *c, const char *p, const char *body, long ok, int *oks,
                 int *conflicts)
{
    enum { N = 50 };
    long statuses[N];
    client_race(c, 1, N, "POST", p, body, statuses);
    *oks = client_count_status(statuses, N, ok);
    *conflicts = client_count_status(statuses, N, 409);
}

static void test_fifty_simultaneous_withdrawals_withdraw_once(void **state)
{
    struct fixture *fx = *state;
    int64_t id = pledge(fx, BU, "10");
    log_hours(fx, id, "1");
    char p[80];
    path(p, sizeof p, "/api/v1/hours/", id, "/withdraw");
    int oks, conflicts;
    race(&fx->boss, p, NULL, 200, &oks, &conflicts);
    assert_int_equal(oks, 1);
    assert_int_equal(conflicts, 49);
    assert_balanced(fx);
    assert_int_equal(sql_int(fx,
                             "SELECT COUNT(*) FROM hours_movement WHERE kind = 'withdrawal' AND "
                             "pledge_id = ?",
                             id),
                     1);
    assert_int_equal(balance_of(fx, id, "withdrawn"), 90);
}

static void test_fifty_hours_logged_at_once_all_count(void **state)
{
    struct fixture *fx = *state;
    int64_t id = pledge(fx, BU, "10");
    char p[80];
    path(p, sizeof p, "/api/v1/hours/", id, "/log");
    int oks, conflicts;
    race(&fx->pro, p, "{\"on_date\": \"2026-02-10\", \"hours\": \"0.5\", \"kind\": \"practical\"}",
         201, &oks, &conflicts);
    assert_int_equal(oks, 50);
    assert_balanced(fx);
    assert_int_equal(balance_of(fx, id, "delivered"), 250);
    assert_int_equal(balance_of(fx, id, "open"), -150);
    assert_int_equal(balance_of(fx, id, "over_delivered"), 150);
}

static void test_pledged_versus_delivered_rolls_up_to_wijk_and_gemeente(void **state)
{
    struct fixture *fx = *state;
    struct http_resp resp;
    json_t *o = client_get_json(&fx->res, "/api/v1/areas/" GM "/hours", &resp);
    int64_t gm_before = tenths_of(json_object_get(o, "total"), "pledged");
    http_resp_free(&resp);
    o = client_get_json(&fx->res, "/api/v1/areas/" WK "/hours", &resp);
    int64_t wk_before = tenths_of(json_object_get(o, "total"), "pledged");
    http_resp_free(&resp);
    pledge(fx, BU, "7");
    o = client_get_json(&fx->res, "/api/v1/areas/" WK "/hours", &resp);
    assert_int_equal(tenths_of(json_object_get(o, "total"), "pledged"), wk_before + 70);
    assert_true(json_array_size(json_object_get(o, "organisations")) >= 1);
    http_resp_free(&resp);
    o = client_get_json(&fx->res, "/api/v1/areas/" GM "/hours", &resp);
    assert_int_equal(tenths_of(json_object_get(o, "total"), "pledged"), gm_before + 70);
    http_resp_free(&resp);
    char p[80];
    path(p, sizeof p, "/api/v1/organisations/", fx->org, "/hours");
    o = client_get_json(&fx->res, p, &resp);
    assert_true(json_array_size(json_object_get(o, "items")) >= 1);
    assert_int_equal(tenths_of(json_object_get(o, "total"), "pledged"),
                     sql_int(fx,
                             "SELECT SUM(hours_tenths) FROM hour_pledge WHERE organisation_id = ?",
                             fx->org));
    http_resp_free(&resp);
}

/* The CSV of a ledger: the content type, and one line per entry plus the
 * header. */
static void test_the_ledgers_download_as_csv(void **state)
{
    struct fixture *fx = *state;
    int64_t id = pledge(fx, BU, "10");
    log_hours(fx, id, "1.5");
    char p[80];
    path(p, sizeof p, "/hours/", id, "/ledger.csv");
    struct http_resp resp;
    assert_int_equal(client_send(&fx->res, "GET", p, NULL, &resp), 200);
    assert_non_null(strstr(http_resp_header(&resp, "Content-Type"), "text/csv"));
    const char *body = buf_cstr(&resp.body);
    int lines = 0;
    for (const char *c = body; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, 5);
    assert_non_null(strstr(body, ",delivered,1.5,,"));
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->res, "GET", "/areas/" WK "/hours.csv", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "movement,date,kind,account"));
    http_resp_free(&resp);
    path(p, sizeof p, "/organisations/", fx->org, "/hours.csv");
    assert_int_equal(client_send(&fx->res, "GET", p, NULL, &resp), 200);
    http_resp_free(&resp);
}

static void test_pages_show_the_pledge_and_give_a_bad_form_back(void **state)
{
    struct fixture *fx = *state;
    int64_t id = pledge(fx, BU, "12");
    char p[80];
    path(p, sizeof p, "/hours/", id, "");
    struct http_resp resp;
    assert_int_equal(client_send(&fx->pro, "GET", p, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "name=\"on_date\""));
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->res, "GET", p, NULL, &resp), 200);
    assert_null(strstr(buf_cstr(&resp.body), "name=\"on_date\""));
    http_resp_free(&resp);
    path(p, sizeof p, "/hours/", id, "/log");
    int64_t before = movements(fx);
    assert_int_equal(
        client_send(&fx->pro, "POST", p, "on_date=2025-01-01&hours=1&kind=coaching&note=", &resp),
        400);
    assert_non_null(strstr(buf_cstr(&resp.body), "id=\"on_date-error\""));
    http_resp_free(&resp);
    assert_int_equal(movements(fx), before);
    assert_int_equal(
        client_send(&fx->pro, "POST", p, "on_date=2026-02-10&hours=1,5&kind=coaching&note=", &resp),
        303);
    http_resp_free(&resp);
    assert_balanced(fx);
    assert_int_equal(balance_of(fx, id, "delivered"), 15);
    path(p, sizeof p, "/organisations/", fx->org, "/hours");
    assert_int_equal(client_send(&fx->res, "GET", p, NULL, &resp), 200);
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->res, "GET", "/areas/" WK "/hours", NULL, &resp), 200);
    http_resp_free(&resp);
}

static void test_server_stops_cleanly(void **state)
{
    struct fixture *fx = *state;
    assert_true(harness_stop_server(fx->h));
}

static int group_setup(void **state)
{
    setenv("WIJKREGIE_FAST_HASH", "1", 1);
    struct fixture *fx = xcalloc(1, sizeof *fx);
    *state = fx;
    fx->h = harness_start();
    if (!fx->h)
        return -1;
    fx->org = console_organisation(fx->h, "Buurtwerk Oost", "institution");
    struct client admin = console_platform_admin(fx->h, "beheer@example.nl");
    fx->boss = client_person(fx->h, "baas@example.nl", "Baas");
    fx->pro = client_person(fx->h, "pro@example.nl", "Pro");
    fx->other = client_person(fx->h, "ander@example.nl", "Ander");
    char org[32], cap[64];
    snprintf(org, sizeof org, "%lld", (long long)fx->org);
    client_grant(&admin, fx->boss.email, "organisation_admin", org);
    seed_post_confirmed(fx->h, fx->org, "welzijnswerker", fx->pro.person_id, fx->boss.person_id);
    char sql[300];
    snprintf(sql, sizeof sql,
             "INSERT INTO post (person_id, organisation_id, title, status, requested_at, "
             "start_at) VALUES (%lld, 1, 'welzijnswerker', 'confirmed', 1, 1)",
             (long long)fx->other.person_id);
    sql_int(fx, sql, 0);
    snprintf(cap, sizeof cap, "organisation_admin:%s", org);
    client_act_as(&fx->boss, cap, 200);
    snprintf(cap, sizeof cap, "professional:%s", org);
    client_act_as(&fx->pro, cap, 200);
    client_act_as(&fx->other, "professional:1", 200);
    fx->res = client_resident(fx->h, "buur@example.nl", "Res", BU);
    return 0;
}

static int group_teardown(void **state)
{
    struct fixture *fx = *state;
    bool clean = harness_stop(fx->h);
    free(fx);
    return clean ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_admin_pledges_and_a_professional_logs),
        cmocka_unit_test(test_bad_pledges_are_400_with_their_field),
        cmocka_unit_test(test_bad_hours_are_400_and_change_nothing),
        cmocka_unit_test(test_only_the_organisations_people_log),
        cmocka_unit_test(test_corrections_and_the_withdrawal_keep_the_ledger),
        cmocka_unit_test(test_fifty_simultaneous_withdrawals_withdraw_once),
        cmocka_unit_test(test_fifty_hours_logged_at_once_all_count),
        cmocka_unit_test(test_pledged_versus_delivered_rolls_up_to_wijk_and_gemeente),
        cmocka_unit_test(test_the_ledgers_download_as_csv),
        cmocka_unit_test(test_pages_show_the_pledge_and_give_a_bad_form_back),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
