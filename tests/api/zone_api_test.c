/* API tests of rule-free zones over real HTTP: a collective's board
 * requests a zone; the gemeente's admin grants it with a decision
 * reference (without one: 400), and it shows on the gemeente's list and
 * map page; bad requests are 400 with their field and change nothing (a
 * zone ending before it starts, no rules); others than the board request
 * nothing and others than the gemeente's admins decide nothing (403); a
 * zone whose end date has passed reads as ended with its evaluation
 * overdue until it is recorded; 50 simultaneous identical decisions leave
 * one decision. */
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

#define BU "BU99010101"

struct fixture {
    struct harness *h;
    struct client admin, muni, ann, bea, cas, pro;
    int64_t collective;
};

static void path(char *out, size_t n, const char *base, int64_t id, const char *tail)
{
    snprintf(out, n, "%s%lld%s", base, (long long)id, tail);
}

static long send(struct client *c, const char *p, const char *body, char *msg, char *field)
{
    struct http_resp resp;
    long status = client_send(c, "POST", p, body, &resp);
    const char *m = json_string_value(json_object_get(resp.json, "message"));
    const char *fd = json_string_value(json_object_get(resp.json, "field"));
    if (msg)
        snprintf(msg, 300, "%s", m ? m : "");
    if (field)
        snprintf(field, 40, "%s", fd ? fd : "");
    http_resp_free(&resp);
    return status;
}

static const char *request_body(struct fixture *fx, char *out, size_t n, const char *title,
                                const char *from, const char *to, const char *rules)
{
    snprintf(out, n,
             "{\"collective_id\": %lld, \"area\": \"" BU "\", \"title\": \"%s\", \"reason\": "
             "\"Het plein zelf inrichten.\", \"evaluation_plan\": \"Een buurtavond.\", "
             "\"valid_from\": \"%s\", \"valid_to\": \"%s\", \"rules\": %s, "
             "\"responsibilities\": [{\"holder\": \"collective\", \"subject\": \"Opruimen\"}]}",
             (long long)fx->collective, title, from, to, rules);
    return out;
}

static const char *rule = "[{\"reference\": \"APV art. 2:10\", \"legal_basis\": \"Gemeentewet "
                          "art. 149\", \"conditions\": \"Tot 22 uur.\"}]";

static int64_t request(struct fixture *fx, const char *title, const char *from, const char *to)
{
    char body[1200];
    return client_expect(&fx->ann, "POST", "/api/v1/zones",
                         request_body(fx, body, sizeof body, title, from, to, rule), 201);
}

static json_t *zone(struct fixture *fx, int64_t id, struct http_resp *resp)
{
    char p[100];
    path(p, sizeof p, "/api/v1/zones/", id, "");
    return client_get_json(&fx->pro, p, resp);
}

static void test_request_and_grant_and_see_it_on_the_map_page(void **state)
{
    struct fixture *fx = *state;
    int64_t id = request(fx, "Pleinexperiment", "2026-01-01", "2099-12-31");
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM notification WHERE kind = "
                                  "'zone_requested' AND person_id = ?",
                              fx->muni.person_id),
                     1);
    char p[100], msg[300], field[40];
    path(p, sizeof p, "/api/v1/zones/", id, "/decision");
    assert_int_equal(send(&fx->muni, p, "{\"decision\": \"grant\"}", msg, field), 400);
    assert_string_equal(field, "decision_ref");
    assert_int_equal(send(&fx->ann, p, "{\"decision\": \"grant\", \"decision_ref\": \"B1\"}", msg,
                          field),
                     403);
    client_expect(&fx->muni, "POST", p,
                  "{\"decision\": \"grant\", \"decision_ref\": \"B&W 2026/117\"}", 200);
    struct http_resp resp;
    json_t *z = zone(fx, id, &resp);
    assert_string_equal(json_string_value(json_object_get(z, "state")), "active");
    assert_string_equal(json_string_value(json_object_get(z, "decision_ref")), "B&W 2026/117");
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->pro, "GET", "/zones?gemeente=GM9901", NULL, &resp), 200);
    const char *page = buf_cstr(&resp.body);
    assert_non_null(strstr(page, "Active rule-free zones"));
    assert_non_null(strstr(page, "Pleinexperiment"));
    http_resp_free(&resp);
    path(p, sizeof p, "/zones/", id, "");
    assert_int_equal(client_send(&fx->pro, "GET", p, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Gemeentewet art. 149"));
    http_resp_free(&resp);
}

static void test_bad_requests_are_400_and_change_nothing(void **state)
{
    struct fixture *fx = *state;
    int64_t before = query_count(fx->h, "SELECT COUNT(*) FROM zone WHERE id > ?", 0);
    char body[1200], msg[300], field[40];
    request_body(fx, body, sizeof body, "Achterstevoren", "2026-06-01", "2026-05-31", rule);
    assert_int_equal(send(&fx->ann, "/api/v1/zones", body, msg, field), 400);
    assert_string_equal(field, "valid_to");
    assert_non_null(strstr(msg, "cannot end before it starts"));
    request_body(fx, body, sizeof body, "Zonder regels", "2026-06-01", "2026-07-31", "[]");
    assert_int_equal(send(&fx->ann, "/api/v1/zones", body, msg, field), 400);
    assert_string_equal(field, "rules");
    request_body(fx, body, sizeof body, "Door een buur", "2026-06-01", "2026-07-31", rule);
    assert_int_equal(send(&fx->pro, "/api/v1/zones", body, msg, field), 403);
    assert_non_null(strstr(msg, "Professionals facilitate"));
    assert_int_equal(send(&fx->muni, "/api/v1/zones", body, msg, field), 403);
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM zone WHERE id > ?", 0), before);
}

static void test_an_ended_zone_is_overdue_until_evaluated(void **state)
{
    struct fixture *fx = *state;
    int64_t id = request(fx, "Vorig jaar", "2020-01-01", "2020-12-31");
    char p[100];
    path(p, sizeof p, "/api/v1/zones/", id, "/decision");
    client_expect(&fx->muni, "POST", p, "{\"decision\": \"grant\", \"decision_ref\": \"B2\"}",
                  200);
    struct http_resp resp;
    json_t *z = zone(fx, id, &resp);
    assert_string_equal(json_string_value(json_object_get(z, "state")), "ended");
    assert_true(json_is_true(json_object_get(z, "evaluation_overdue")));
    http_resp_free(&resp);
    path(p, sizeof p, "/zones/", id, "");
    assert_int_equal(client_send(&fx->pro, "GET", p, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "The evaluation is overdue"));
    http_resp_free(&resp);
    path(p, sizeof p, "/api/v1/zones/", id, "/evaluation");
    assert_int_equal(send(&fx->pro, p, "{\"evaluation\": \"Goed.\"}", NULL, NULL), 403);
    client_expect(&fx->bea, "POST", p, "{\"evaluation\": \"Het plein werd veel gebruikt.\"}",
                  200);
    z = zone(fx, id, &resp);
    assert_false(json_is_true(json_object_get(z, "evaluation_overdue")));
    http_resp_free(&resp);
    assert_int_equal(send(&fx->bea, p, "{\"evaluation\": \"Nog eens.\"}", NULL, NULL), 409);
}

static void test_fifty_simultaneous_identical_decisions_leave_one(void **state)
{
    struct fixture *fx = *state;
    int64_t id = request(fx, "Gelijktijdig", "2026-01-01", "2099-12-31");
    char p[100];
    path(p, sizeof p, "/api/v1/zones/", id, "/decision");
    enum { N = 50 };
    long statuses[N];
    client_race(&fx->muni, 1, N, "POST", p, "{\"decision\": \"grant\", \"decision_ref\": \"B3\"}", statuses);
    assert_int_equal(client_count_status(statuses, N, 200), 1);
    assert_int_equal(client_count_status(statuses, N, 409), N - 1);
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM audit_log WHERE action = 'zone.grant' "
                                  "AND object_id = CAST(? AS TEXT)",
                              id),
                     1);
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
    int64_t org = console_organisation(fx->h, "Buurtcoaches Noord", "institution");
    fx->admin = console_platform_admin(fx->h, "beheer@example.nl");
    fx->muni = client_person(fx->h, "gemeente@example.nl", "Gemeente");
    fx->pro = client_person(fx->h, "coach@example.nl", "Coach");
    struct client boss = client_person(fx->h, "baas@example.nl", "Baas");
    char o[32];
    snprintf(o, sizeof o, "%lld", (long long)org);
    client_grant(&fx->admin, fx->muni.email, "municipality_admin", "GM9901");
    client_grant(&fx->admin, boss.email, "organisation_admin", o);
    seed_post_confirmed(fx->h, org, "welzijnswerker", fx->pro.person_id, boss.person_id);
    client_act_as(&fx->muni, "municipality_admin:GM9901", 200);
    client_act_as(&fx->pro, "professional", 200);
    fx->ann = client_resident(fx->h, "ann@example.nl", "Ann", BU);
    fx->bea = client_resident(fx->h, "bea@example.nl", "Bea", BU);
    fx->cas = client_resident(fx->h, "cas@example.nl", "Cas", BU);
    fx->collective = client_found_collective(&fx->ann, &fx->bea, &fx->cas, BU);
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
        cmocka_unit_test(test_request_and_grant_and_see_it_on_the_map_page),
        cmocka_unit_test(test_bad_requests_are_400_and_change_nothing),
        cmocka_unit_test(test_an_ended_zone_is_overdue_until_evaluated),
        cmocka_unit_test(test_fifty_simultaneous_identical_decisions_leave_one),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
