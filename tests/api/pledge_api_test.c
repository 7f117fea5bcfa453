/* API tests of pledges and the plan over real HTTP: residents pledge hours,
 * a skill or a role during awareness and see the progress against the
 * thresholds; pledging twice updates the first; bad hours are 400 with a
 * message and change nothing; pledging outside awareness is 409 naming the
 * phase; a professional gets 403 with the facilitating explanation on
 * pledges and tasks; the initiators ask a pledger to hold a task, which
 * becomes theirs only when they accept (a task for someone who did not
 * consent is 409 and nothing is made); the RACI matrix needs exactly one
 * accountable person; responsibility questions are answered by whom they
 * are put to, with the capacity kept; the pages show progress and plan and
 * give a bad form back with the message next to its field.
 *
 * Residents are made at the console through the model (as the operator
 * would verify them); everything else goes through the API and the pages. */
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
#define BU_FAR "BU99010201"

struct fixture {
    struct harness *h;
    struct client ann, bea, far, pro;
};

/* base + id + tail: "/api/v1/tasks/" 7 "/matrix". */
static void path(char *out, size_t n, const char *base, int64_t id, const char *tail)
{
    snprintf(out, n, "%s%lld%s", base, (long long)id, tail);
}

/* An initiative of Ann's in BU with thresholds (2 residents, 10 hours a
 * month), moved on to phase ("idea", "awareness" or "execution"). */
static int64_t initiative(struct fixture *fx, const char *phase)
{
    int64_t id = client_expect(&fx->ann, "POST", "/api/v1/initiatives",
                               "{\"title\": \"Speeltuin\", \"aim\": \"Spelen\", \"areas\": [\"" BU
                               "\"], \"threshold_residents\": 2, \"threshold_hours\": 10}",
                               201);
    char p[100];
    path(p, sizeof p, "/api/v1/initiatives/", id, "/phase");
    if (strcmp(phase, "idea") != 0)
        client_expect(&fx->ann, "POST", p, "{\"phase\": \"awareness\"}", 200);
    if (strcmp(phase, "execution") == 0)
        client_expect(&fx->ann, "POST", p, "{\"phase\": \"execution\", \"reason\": \"Klaar\"}",
                      200);
    return id;
}

/* Sends body as c and returns the status, the message in msg (may be
 * NULL) and the answer's integer member key in *value (may be NULL). */
static long send(struct client *c, const char *method, const char *p, const char *body, char *msg,
                 size_t n, const char *key, int64_t *value)
{
    struct http_resp resp;
    long status = client_send(c, method, p, body, &resp);
    const char *m = json_string_value(json_object_get(resp.json, "message"));
    if (msg)
        snprintf(msg, n, "%s", m ? m : "");
    if (value)
        *value = json_integer_value(json_object_get(resp.json, key));
    http_resp_free(&resp);
    return status;
}

static void assert_totals(struct fixture *fx, int64_t id, int residents, int hours)
{
    char p[100];
    path(p, sizeof p, "/api/v1/initiatives/", id, "/pledges/totals");
    struct http_resp resp;
    json_t *o = client_get_json(&fx->far, p, &resp);
    assert_int_equal(json_integer_value(json_object_get(o, "residents")), residents);
    assert_int_equal(json_integer_value(json_object_get(o, "hours_per_month")), hours);
    assert_int_equal(json_integer_value(json_object_get(o, "threshold_residents")), 2);
    assert_int_equal(json_integer_value(json_object_get(o, "threshold_hours")), 10);
    http_resp_free(&resp);
}

static void test_residents_pledge_and_the_progress_shows(void **state)
{
    struct fixture *fx = *state;
    int64_t id = initiative(fx, "awareness");
    char p[100];
    path(p, sizeof p, "/api/v1/initiatives/", id, "/pledges");
    client_expect(&fx->bea, "POST", p,
                  "{\"hours\": \"1.5\", \"period\": \"week\", \"skill\": \"koken\"}", 201);
    assert_totals(fx, id, 1, 6);
    /* pledging again updates the first */
    client_expect(&fx->bea, "POST", p, "{\"hours\": 3, \"period\": \"week\"}", 200);
    assert_totals(fx, id, 1, 13);
    client_expect(&fx->far, "POST", p,
                  "{\"hours\": 10, \"period\": \"month\", \"role\": "
                  "\"penningmeester\"}",
                  201);
    assert_totals(fx, id, 2, 23);
    struct http_resp resp;
    json_t *o = client_get_json(&fx->ann, p, &resp);
    assert_int_equal(json_array_size(json_object_get(o, "items")), 2);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(o, "totals"), "hours_per_month")), 23);
    http_resp_free(&resp);
    client_expect(&fx->bea, "GET", p, NULL, 403); /* the list is the initiators' */
    o = client_get_json(&fx->bea, "/api/v1/me/pledges", &resp);
    json_t *mine = json_array_get(json_object_get(o, "items"), 0);
    assert_true(json_number_value(json_object_get(mine, "hours")) == 3.0);
    assert_true(json_is_null(json_object_get(mine, "skill"))); /* replaced, not merged */
    assert_string_equal(json_string_value(json_object_get(mine, "status")), "active");
    http_resp_free(&resp);
}

static void test_bad_hours_are_400_and_change_nothing(void **state)
{
    struct fixture *fx = *state;
    int64_t id = initiative(fx, "awareness");
    char p[100], msg[300];
    path(p, sizeof p, "/api/v1/initiatives/", id, "/pledges");
    int64_t before = query_count(fx->h, "SELECT COUNT(*) FROM pledge", 0);
    assert_int_equal(send(&fx->bea, "POST", p, "{\"hours\": -2, \"period\": \"week\"}", msg,
                          sizeof msg, NULL, NULL),
                     400);
    assert_non_null(strstr(msg, "between 0.5 and 40 hours a week"));
    assert_int_equal(send(&fx->bea, "POST", p, "{\"hours\": 500, \"period\": \"month\"}", msg,
                          sizeof msg, NULL, NULL),
                     400);
    assert_non_null(strstr(msg, "between 1 and 160 hours a month"));
    assert_int_equal(send(&fx->bea, "POST", p, "{\"hours\": \"veel\", \"period\": \"week\"}", msg,
                          sizeof msg, NULL, NULL),
                     400);
    assert_non_null(strstr(msg, "as a number"));
    client_expect(&fx->bea, "POST", p, "{\"hours\": 2, \"period\": \"day\"}", 400);
    client_expect(&fx->bea, "POST", p, "{}", 400);
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM pledge", 0), before);
}

static void test_pledging_outside_awareness_is_409_naming_the_phase(void **state)
{
    struct fixture *fx = *state;
    int64_t id = initiative(fx, "idea");
    char p[100], msg[300];
    path(p, sizeof p, "/api/v1/initiatives/", id, "/pledges");
    assert_int_equal(send(&fx->bea, "POST", p, "{\"hours\": 2, \"period\": \"week\"}", msg,
                          sizeof msg, NULL, NULL),
                     409);
    assert_non_null(strstr(msg, "idea phase"));
    client_expect(&fx->bea, "POST", "/api/v1/initiatives/999999/pledges",
                  "{\"hours\": 2, \"period\": \"week\"}", 404);
}

static void test_one_changes_and_withdraws_ones_own_pledge(void **state)
{
    struct fixture *fx = *state;
    int64_t id = initiative(fx, "awareness");
    char p[100];
    path(p, sizeof p, "/api/v1/initiatives/", id, "/pledges");
    client_expect(&fx->bea, "PUT", p, "{\"hours\": 2, \"period\": \"week\"}", 404);
    client_expect(&fx->bea, "POST", p, "{\"hours\": 2, \"period\": \"week\"}", 201);
    client_expect(&fx->bea, "PUT", p, "{\"hours\": 4, \"period\": \"month\"}", 200);
    assert_totals(fx, id, 1, 4);
    client_expect(&fx->bea, "PUT", p, "{\"hours\": 0.5, \"period\": \"month\"}", 400);
    client_expect(&fx->bea, "DELETE", p, NULL, 200);
    assert_totals(fx, id, 0, 0);
    client_expect(&fx->bea, "DELETE", p, NULL, 404);
}

/* One active pledge per person and initiative, also when the same pledge
 * arrives 50 times at once: one request made it (201), the 49 others
 * found it and changed it (200), and one row results -- on PostgreSQL too,
 * where the initiative's row lock makes each see the ones before it. */
static void test_fifty_simultaneous_identical_pledges_leave_one(void **state)
{
    struct fixture *fx = *state;
    int64_t id = initiative(fx, "awareness");
    char p[100];
    path(p, sizeof p, "/api/v1/initiatives/", id, "/pledges");
    enum { N = 50 };
    long statuses[N];
    client_race(&fx->bea, 1, N, "POST", p, "{\"hours\": 2, \"period\": \"week\"}", statuses);
    assert_int_equal(client_count_status(statuses, N, 201), 1);
    assert_int_equal(client_count_status(statuses, N, 200), N - 1);
    assert_int_equal(query_count(fx->h,
                                 "SELECT COUNT(*) FROM pledge WHERE initiative_id = ? AND "
                                 "status = 'active'",
                                 id),
                     1);
    assert_totals(fx, id, 1, 8);
}

static void test_a_professional_gets_403_with_the_explanation(void **state)
{
    struct fixture *fx = *state;
    int64_t id = initiative(fx, "awareness");
    char p[100], msg[400];
    path(p, sizeof p, "/api/v1/initiatives/", id, "/pledges");
    assert_int_equal(send(&fx->pro, "POST", p, "{\"hours\": 2, \"period\": \"week\"}", msg,
                          sizeof msg, NULL, NULL),
                     403);
    assert_non_null(strstr(msg, "Professionals facilitate"));
    int64_t exec = initiative(fx, "execution");
    path(p, sizeof p, "/api/v1/initiatives/", exec, "/tasks");
    assert_int_equal(
        send(&fx->pro, "POST", p, "{\"title\": \"Overnemen\"}", msg, sizeof msg, NULL, NULL), 403);
    assert_non_null(strstr(msg, "Professionals facilitate"));
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM pledge WHERE person_id IN (SELECT "
                                   "person_id FROM post)", 0),
                     0);
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM task WHERE title = 'Overnemen'", 0), 0);
    assert_true(query_count(fx->h, "SELECT COUNT(*) FROM audit_log WHERE action = "
                              "'initiative.refused'", 0) >= 2);
}

static void test_a_pledger_holds_a_task_only_after_consenting(void **state)
{
    struct fixture *fx = *state;
    int64_t id = initiative(fx, "awareness");
    char p[120], body[200], msg[300];
    path(p, sizeof p, "/api/v1/initiatives/", id, "/pledges");
    client_expect(&fx->bea, "POST", p, "{\"hours\": 2, \"period\": \"week\"}", 201);
    path(p, sizeof p, "/api/v1/initiatives/", id, "/phase");
    client_expect(&fx->ann, "POST", p, "{\"phase\": \"execution\", \"reason\": \"Genoeg\"}", 200);
    path(p, sizeof p, "/api/v1/initiatives/", id, "/tasks");
    snprintf(body, sizeof body, "{\"title\": \"Sleutel\", \"responsible_id\": %lld}",
             (long long)fx->bea.person_id);
    assert_int_equal(send(&fx->ann, "POST", p, body, msg, sizeof msg, NULL, NULL), 409);
    assert_non_null(strstr(msg, "agreeing"));
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM task WHERE title = 'Sleutel'", 0), 0);
    int64_t task = client_expect(&fx->ann, "POST", p,
                                 "{\"title\": \"Sleutel\", \"due_on\": \"2026-06-01\"}", 201);
    char tp[100];
    path(tp, sizeof tp, "/api/v1/tasks/", task, "/consent");
    snprintf(body, sizeof body, "{\"person_id\": %lld}", (long long)fx->bea.person_id);
    client_expect(&fx->bea, "POST", tp, body, 403); /* only the initiators ask */
    client_expect(&fx->ann, "POST", tp, body, 201);
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM notification WHERE kind = 'task_asked'", 0),
                     1);
    client_expect(&fx->far, "PUT", tp, "{\"answer\": \"accept\"}", 404);
    client_expect(&fx->bea, "PUT", tp, "{\"answer\": \"maybe\"}", 400);
    int64_t holder = 0;
    assert_int_equal(
        send(&fx->bea, "PUT", tp, "{\"answer\": \"accept\"}", NULL, 0, "responsible_id", &holder),
        200);
    assert_int_equal(holder, fx->bea.person_id);
    path(tp, sizeof tp, "/api/v1/tasks/", task, "");
    client_expect(&fx->bea, "PUT", tp, "{\"status\": \"in_progress\"}", 200);
    client_expect(&fx->far, "PUT", tp, "{\"status\": \"done\"}", 403);
}

static void test_a_matrix_has_exactly_one_accountable(void **state)
{
    struct fixture *fx = *state;
    int64_t id = initiative(fx, "execution");
    char p[100], body[200];
    path(p, sizeof p, "/api/v1/initiatives/", id, "/tasks");
    int64_t task = client_expect(&fx->ann, "POST", p, "{\"title\": \"Bankjes\"}", 201);
    path(p, sizeof p, "/api/v1/tasks/", task, "/matrix");
    snprintf(body, sizeof body, "{\"matrix\": \"%lld:R\"}", (long long)fx->bea.person_id);
    client_expect(&fx->ann, "PUT", p, body, 400);
    client_expect(&fx->ann, "PUT", p, "{\"matrix\": \"A\"}", 400);
    snprintf(body, sizeof body, "{\"matrix\": \"%lld:A,%lld:R,%lld:I\"}",
             (long long)fx->ann.person_id, (long long)fx->bea.person_id,
             (long long)fx->pro.person_id);
    client_expect(&fx->pro, "PUT", p, body, 403);
    client_expect(&fx->ann, "PUT", p, body, 200);
    path(p, sizeof p, "/api/v1/tasks/", task, "");
    struct http_resp resp;
    json_t *o = client_get_json(&fx->far, p, &resp);
    json_t *m = json_object_get(o, "matrix");
    assert_int_equal(json_array_size(m), 3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(m, 0), "letter")), "A");
    http_resp_free(&resp);
}

static void test_questions_are_answered_by_whom_they_are_put_to(void **state)
{
    struct fixture *fx = *state;
    int64_t id = initiative(fx, "execution");
    char p[100];
    path(p, sizeof p, "/api/v1/initiatives/", id, "/questions");
    int64_t q = client_expect(&fx->pro, "POST", p,
                              "{\"question\": \"Wie is aansprakelijk voor de speeltuin?\", "
                              "\"put_to\": \"initiators\"}",
                              201);
    client_expect(&fx->bea, "POST", p, "{\"question\": \"Wie?\", \"put_to\": \"de burgemeester\"}",
                  400);
    char a[100];
    path(a, sizeof a, "/api/v1/questions/", q, "/answer");
    client_expect(&fx->bea, "POST", a, "{\"answer\": \"Ik\"}", 403);
    client_expect(&fx->ann, "POST", a, "{\"answer\": \"De stichting, verzekerd.\"}", 200);
    struct http_resp resp;
    json_t *o = client_get_json(&fx->far, p, &resp);
    json_t *first = json_array_get(json_object_get(o, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "answered_capacity")),
                        "resident:" BU);
    assert_string_equal(json_string_value(json_object_get(first, "asked_capacity")),
                        "professional:1");
    http_resp_free(&resp);
}

static void test_pages_show_progress_and_plan(void **state)
{
    struct fixture *fx = *state;
    int64_t id = initiative(fx, "awareness");
    char p[100], body[300];
    path(p, sizeof p, "/initiatives/", id, "/pledges");
    struct http_resp resp;
    snprintf(body, sizeof body, "csrf=%s&hours=2&period=week&skill=Timmeren", fx->bea.csrf);
    assert_int_equal(client_send(&fx->bea, "POST", p, body, &resp), 303);
    http_resp_free(&resp);
    snprintf(body, sizeof body, "csrf=%s&hours=99&period=week", fx->far.csrf);
    assert_int_equal(client_send(&fx->far, "POST", p, body, &resp), 400);
    assert_non_null(strstr(buf_cstr(&resp.body), "aria-invalid"));
    assert_non_null(strstr(buf_cstr(&resp.body), "between 0.5 and 40 hours a week"));
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->ann, "GET", p, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "1 of 2 residents, 8 of 10 hours a month"));
    assert_non_null(strstr(buf_cstr(&resp.body), "Timmeren")); /* the initiators' list */
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->far, "GET", p, NULL, &resp), 200);
    assert_null(strstr(buf_cstr(&resp.body), "Timmeren"));
    http_resp_free(&resp);
    path(p, sizeof p, "/initiatives/", id, "/plan");
    assert_int_equal(client_send(&fx->far, "GET", p, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "execution phase"));
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
    fx->ann = client_resident(fx->h, "ann@example.nl", "Ann", BU);
    fx->bea = client_resident(fx->h, "bea@example.nl", "Bea", BU);
    fx->far = client_resident(fx->h, "far@example.nl", "Far", BU_FAR);
    fx->pro = client_professional(fx->h, "pro@example.nl", "Welzijn", 1);
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
        cmocka_unit_test(test_residents_pledge_and_the_progress_shows),
        cmocka_unit_test(test_bad_hours_are_400_and_change_nothing),
        cmocka_unit_test(test_pledging_outside_awareness_is_409_naming_the_phase),
        cmocka_unit_test(test_one_changes_and_withdraws_ones_own_pledge),
        cmocka_unit_test(test_fifty_simultaneous_identical_pledges_leave_one),
        cmocka_unit_test(test_a_professional_gets_403_with_the_explanation),
        cmocka_unit_test(test_a_pledger_holds_a_task_only_after_consenting),
        cmocka_unit_test(test_a_matrix_has_exactly_one_accountable),
        cmocka_unit_test(test_questions_are_answered_by_whom_they_are_put_to),
        cmocka_unit_test(test_pages_show_progress_and_plan),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
