/* API tests of initiatives over real HTTP: a resident starts one and walks
 * it from idea to anchored (scope changed, evaluation entered in the
 * evaluation phase only); skipping awareness, bad scope and an unknown
 * initiative get a 4xx with a message and change nothing; a professional
 * -- and an initiator acting as one -- gets 403 with the facilitating
 * explanation, and the attempt is in the log; an initiative whose
 * initiator moved away is frozen (409 with the reason) until the other
 * initiator removes them; the pages and the buurt page show it.
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
    int64_t ann_res, bea_res;
};

/* Runs one statement with no parameters on the test database. */
static void exec_sql(struct fixture *fx, const char *sql)
{
    struct fault f = {0};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        fail_msg("%s: %s", sql, db_errmsg(db));
    assert_int_not_equal(db_step(st), DB_ERROR);
    db_done(st);
    db_close(db);
}

/* A verified resident of buurt (at the console), signed in and acting as
 * one; *residency gets the residency's id. */
static struct client resident(struct fixture *fx, const char *email, const char *buurt,
                              int64_t *residency)
{
    struct client c = client_person(fx->h, email, "Bewoner");
    struct fault f = {0};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    struct actor console = {.capacity = CAPACITY_CONSOLE, .now = time(NULL)};
    int64_t id = 0;
    assert_int_equal(residency_verify_console(db, c.person_id, buurt, &console, &id, &f), ERR_OK);
    db_close(db);
    if (residency)
        *residency = id;
    char cap[40];
    snprintf(cap, sizeof cap, "resident:%s", buurt);
    client_act_as(&c, cap, 200);
    return c;
}

/* Gives person a confirmed post at organisation 1 of the demo. */
static void confirmed_post(struct fixture *fx, int64_t person)
{
    char sql[300];
    snprintf(sql, sizeof sql,
             "INSERT INTO post (person_id, organisation_id, title, status, requested_at, "
             "start_at) VALUES (%lld, 1, 'welzijnswerker', 'confirmed', 1, 1)",
             (long long)person);
    exec_sql(fx, sql);
}

static const char create_body[] =
    "{\"title\": \"Moestuin\", \"aim\": \"Samen kweken\", \"areas\": [\"" BU "\"], "
    "\"needs\": [{\"kind\": \"hours\", \"description\": \"Water geven\", \"amount\": 8}], "
    "\"threshold_residents\": 0, \"threshold_hours\": 0}";

static int64_t create(struct client *c)
{
    return client_expect(c, "POST", "/api/v1/initiatives", create_body, 201);
}

static void path(char *out, size_t n, int64_t id, const char *tail)
{
    snprintf(out, n, "/api/v1/initiatives/%lld%s", (long long)id, tail);
}

/* POSTs a phase change; returns the answer's status, message in *msg. */
static long phase(struct client *c, int64_t id, const char *to, const char *reason, char *msg,
                  size_t n)
{
    char p[100], body[300];
    path(p, sizeof p, id, "/phase");
    snprintf(body, sizeof body, "{\"phase\": \"%s\", \"reason\": \"%s\"}", to,
             reason ? reason : "");
    struct http_resp resp;
    long status = client_send(c, "POST", p, body, &resp);
    const char *m = json_string_value(json_object_get(resp.json, "message"));
    if (msg)
        snprintf(msg, n, "%s", m ? m : "");
    http_resp_free(&resp);
    return status;
}

static const char *phase_now(struct fixture *fx, int64_t id)
{
    static char out[40];
    char p[100];
    path(p, sizeof p, id, "");
    struct http_resp resp;
    json_t *o = client_get_json(&fx->ann, p, &resp);
    snprintf(out, sizeof out, "%s", json_string_value(json_object_get(o, "phase")));
    http_resp_free(&resp);
    return out;
}

static void test_a_resident_walks_an_initiative_to_anchored(void **state)
{
    struct fixture *fx = *state;
    int64_t id = create(&fx->ann);
    char p[100];
    path(p, sizeof p, id, "");
    struct http_resp resp;
    json_t *o = client_get_json(&fx->ann, p, &resp);
    assert_string_equal(json_string_value(json_object_get(o, "phase")), "idea");
    assert_int_equal(json_array_size(json_object_get(o, "initiators")), 1);
    assert_int_equal(json_integer_value(
                         json_object_get(json_array_get(json_object_get(o, "needs"), 0), "amount")),
                     8);
    http_resp_free(&resp);
    assert_int_equal(phase(&fx->ann, id, "awareness", NULL, NULL, 0), 200);
    client_expect(&fx->ann, "PUT", p,
                  "{\"title\": \"Moestuin Lindenlaan\", \"areas\": [\"" BU "\"], "
                  "\"threshold_residents\": 1}",
                  200);
    assert_int_equal(phase(&fx->ann, id, "execution", "We beginnen", NULL, 0), 200);
    char ev[100];
    path(ev, sizeof ev, id, "/evaluation");
    static const char evaluation[] = "{\"results\": \"Tien bakken\", \"worked\": \"Samen\", "
                                     "\"did_not_work\": \"Water\", \"conditions\": \"Een kraan\"}";
    client_expect(&fx->ann, "PUT", ev, evaluation, 409);
    assert_int_equal(phase(&fx->ann, id, "evaluation", NULL, NULL, 0), 200);
    assert_int_equal(phase(&fx->ann, id, "anchored", NULL, NULL, 0), 409);
    client_expect(&fx->ann, "PUT", ev, evaluation, 200);
    assert_int_equal(phase(&fx->ann, id, "anchored", NULL, NULL, 0), 200);
    o = client_get_json(&fx->ann, p, &resp);
    assert_string_equal(json_string_value(json_object_get(o, "title")), "Moestuin Lindenlaan");
    json_t *history = json_object_get(o, "history");
    assert_int_equal(json_array_size(history), 4);
    assert_string_equal(json_string_value(json_object_get(json_array_get(history, 1), "reason")),
                        "We beginnen");
    assert_string_equal(json_string_value(json_object_get(json_array_get(history, 3), "capacity")),
                        "resident:" BU);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(o, "evaluation"), "conditions")),
        "Een kraan");
    http_resp_free(&resp);
    o = client_get_json(&fx->far, "/api/v1/initiatives?phase=anchored&area=" BU, &resp);
    assert_int_equal(json_array_size(json_object_get(o, "items")), 1);
    http_resp_free(&resp);
}

static void test_skipping_awareness_is_400_and_changes_nothing(void **state)
{
    struct fixture *fx = *state;
    int64_t id = create(&fx->ann);
    char msg[400];
    assert_int_equal(phase(&fx->ann, id, "execution", "Snel", msg, sizeof msg), 400);
    assert_non_null(strstr(msg, "skip the awareness phase"));
    assert_int_equal(phase(&fx->ann, id, "stopped", "", msg, sizeof msg), 400);
    assert_non_null(strstr(msg, "stops"));
    assert_string_equal(phase_now(fx, id), "idea");
    assert_int_equal(phase(&fx->ann, 999999, "awareness", NULL, NULL, 0), 404);
}

static void test_bad_scope_is_400_with_the_field(void **state)
{
    struct fixture *fx = *state;
    static const char *const bodies[][2] = {
        {"{\"title\": \"Zonder buurt\"}", "areas"},
        {"{\"title\": \"X\", \"areas\": \"" BU "\"}", "areas"},
        {"{\"title\": \"X\", \"areas\": [\"BU00000000\"]}", "areas"},
        {"{\"title\": \"\", \"areas\": [\"" BU "\"]}", "title"},
        {"{\"title\": \"X\", \"areas\": [\"" BU "\"], \"needs\": [{\"kind\": \"love\", "
         "\"description\": \"veel\"}]}",
         "needs"},
        {"{\"title\": \"X\", \"areas\": [\"" BU "\"], \"threshold_hours\": -4}", "threshold_hours"},
    };
    int64_t before = query_count(fx->h, "SELECT COUNT(*) FROM initiative", 0);
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        struct http_resp resp;
        long status = client_send(&fx->ann, "POST", "/api/v1/initiatives", bodies[i][0], &resp);
        if (status != 400)
            fail_msg("%s -> %ld: %s", bodies[i][0], status, buf_cstr(&resp.body));
        assert_string_equal(json_string_value(json_object_get(resp.json, "field")), bodies[i][1]);
        http_resp_free(&resp);
    }
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM initiative", 0), before);
}

static void assert_facilitates(struct client *c, const char *method, const char *p,
                               const char *body, const char *words)
{
    struct http_resp resp;
    long status = client_send(c, method, p, body, &resp);
    const char *m = json_string_value(json_object_get(resp.json, "message"));
    if (status != 403 || !m || !strstr(m, words))
        fail_msg("%s %s -> %ld: %s", method, p, status, buf_cstr(&resp.body));
    http_resp_free(&resp);
}

static void test_a_professional_gets_403_with_the_explanation(void **state)
{
    struct fixture *fx = *state;
    int64_t id = create(&fx->ann);
    int64_t refused = query_count(fx->h, "SELECT COUNT(*) FROM audit_log "
                                    "WHERE action = 'initiative.refused'", 0);
    char p[100], body[100];
    assert_facilitates(&fx->pro, "POST", "/api/v1/initiatives", create_body,
                       "Professionals facilitate");
    path(p, sizeof p, id, "/phase");
    assert_facilitates(&fx->pro, "POST", p, "{\"phase\": \"awareness\"}",
                       "Professionals facilitate");
    path(p, sizeof p, id, "");
    assert_facilitates(&fx->pro, "PUT", p, create_body, "Professionals facilitate");
    path(p, sizeof p, id, "/initiators");
    snprintf(body, sizeof body, "{\"person_id\": %lld}", (long long)fx->pro.person_id);
    assert_facilitates(&fx->ann, "POST", p, body, "never hold the initiator role");
    assert_string_equal(phase_now(fx, id), "idea");
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM audit_log "
                                   "WHERE action = 'initiative.refused'", 0),
                     refused + 4);
}

static void test_an_initiator_acting_as_professional_cannot_steer(void **state)
{
    struct fixture *fx = *state;
    struct client cor = resident(fx, "cor@example.nl", BU, NULL);
    int64_t id = create(&cor);
    confirmed_post(fx, cor.person_id);
    client_act_as(&cor, "professional:1", 200);
    char msg[400];
    assert_int_equal(phase(&cor, id, "awareness", NULL, msg, sizeof msg), 403);
    assert_non_null(strstr(msg, "Professionals facilitate"));
    client_act_as(&cor, "resident:" BU, 200);
    assert_int_equal(phase(&cor, id, "awareness", NULL, NULL, 0), 200);
}

static void test_frozen_when_an_initiator_moves_until_removed(void **state)
{
    struct fixture *fx = *state;
    int64_t id = create(&fx->ann);
    char p[120], body[100];
    path(p, sizeof p, id, "/initiators");
    snprintf(body, sizeof body, "{\"person_id\": %lld}", (long long)fx->bea.person_id);
    client_expect(&fx->ann, "POST", p, body, 201);
    char sql[200];
    snprintf(sql, sizeof sql, "UPDATE residency SET status = 'ended', end_at = 1 WHERE id = %lld",
             (long long)fx->bea_res);
    exec_sql(fx, sql);
    path(p, sizeof p, id, "");
    struct http_resp resp;
    json_t *o = client_get_json(&fx->far, p, &resp);
    assert_true(json_is_true(json_object_get(o, "frozen")));
    assert_non_null(strstr(json_string_value(json_object_get(o, "frozen_reason")), "frozen"));
    http_resp_free(&resp);
    char msg[400];
    assert_int_equal(phase(&fx->ann, id, "awareness", NULL, msg, sizeof msg), 409);
    assert_non_null(strstr(msg, "frozen"));
    snprintf(p, sizeof p, "/api/v1/initiatives/%lld/initiators/%lld", (long long)id,
             (long long)fx->bea.person_id);
    client_expect(&fx->ann, "DELETE", p, NULL, 200);
    assert_int_equal(phase(&fx->ann, id, "awareness", NULL, NULL, 0), 200);
}

static void test_pages_show_the_initiative_and_start_one(void **state)
{
    struct fixture *fx = *state;
    int64_t id = create(&fx->ann);
    char p[100];
    snprintf(p, sizeof p, "/initiatives/%lld", (long long)id);
    struct http_resp resp;
    assert_int_equal(client_send(&fx->far, "GET", p, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Moestuin"));
    assert_non_null(strstr(buf_cstr(&resp.body), "/pledges\""));
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->far, "GET", "/areas/" BU, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Initiatives in this buurt"));
    http_resp_free(&resp);
    char body[300];
    snprintf(body, sizeof body, "csrf=%s&title=Bankje&areas=" BU "&need_skills=Timmeren",
             fx->ann.csrf);
    assert_int_equal(client_send(&fx->ann, "POST", "/initiatives/new", body, &resp), 303);
    http_resp_free(&resp);
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM initiative WHERE title = 'Bankje'", 0), 1);
    snprintf(body, sizeof body, "csrf=%s&title=&areas=" BU, fx->ann.csrf);
    assert_int_equal(client_send(&fx->ann, "POST", "/initiatives/new", body, &resp), 400);
    assert_non_null(strstr(buf_cstr(&resp.body), "aria-invalid"));
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->pro, "GET", "/initiatives/new", NULL, &resp), 403);
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
    fx->ann = resident(fx, "ann@example.nl", BU, &fx->ann_res);
    fx->bea = resident(fx, "bea@example.nl", BU, &fx->bea_res);
    fx->far = resident(fx, "far@example.nl", BU_FAR, NULL);
    fx->pro = client_person(fx->h, "pro@example.nl", "Welzijn");
    confirmed_post(fx, fx->pro.person_id);
    client_act_as(&fx->pro, "professional:1", 200);
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
        cmocka_unit_test(test_a_resident_walks_an_initiative_to_anchored),
        cmocka_unit_test(test_skipping_awareness_is_400_and_changes_nothing),
        cmocka_unit_test(test_bad_scope_is_400_with_the_field),
        cmocka_unit_test(test_a_professional_gets_403_with_the_explanation),
        cmocka_unit_test(test_an_initiator_acting_as_professional_cannot_steer),
        cmocka_unit_test(test_frozen_when_an_initiator_moves_until_removed),
        cmocka_unit_test(test_pages_show_the_initiative_and_start_one),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
