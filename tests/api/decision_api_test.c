/* API tests of decisions over real HTTP: a consent decision in a
 * collective with an objection that blocks until its objector resolves it,
 * then closed with the outcome recorded and everyone eligible notified;
 * fifty simultaneous identical votes leave exactly one row (the database's
 * UNIQUE constraint, on SQLite and PostgreSQL); a vote after closing -- by
 * hand or at the closing time, computed when read -- is 409 and changes
 * nothing; someone not eligible and a professional get 403 with the
 * reason; an objection without a reason and dots beyond N are 400 with the
 * field; the count stays hidden until close when the proposer asks; bad
 * proposals are 400 with the field; the pages list, show and give a bad
 * form back with the message next to its field.
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
    struct client ann, bea, cas, far, pro;
    int64_t collective; /* ann, bea and cas, active */
};

/* One statement on the test database: a count, or a write (then 0). */
static int64_t sql_int(struct fixture *fx, const char *sql)
{
    struct fault f = {0};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        fail_msg("%s: %s", sql, db_errmsg(db));
    enum db_rc rc = db_step(st);
    assert_int_not_equal(rc, DB_ERROR);
    int64_t n = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    db_close(db);
    return n;
}

static void path(char *out, size_t n, const char *base, int64_t id, const char *tail)
{
    snprintf(out, n, "%s%lld%s", base, (long long)id, tail);
}

/* Sends body as c; returns the status, the message in msg (may be NULL)
 * and the field at fault in field (may be NULL). */
static long send(struct client *c, const char *method, const char *p, const char *body, char *msg,
                 char *field)
{
    struct http_resp resp;
    long status = client_send(c, method, p, body, &resp);
    const char *m = json_string_value(json_object_get(resp.json, "message"));
    const char *fd = json_string_value(json_object_get(resp.json, "field"));
    if (msg)
        snprintf(msg, 300, "%s", m ? m : "");
    if (field)
        snprintf(field, 40, "%s", fd ? fd : "");
    http_resp_free(&resp);
    return status;
}

/* Ann proposes in the collective: method and extra JSON members. */
static int64_t propose(struct fixture *fx, const char *method, const char *extra)
{
    char body[800], p[100];
    snprintf(body, sizeof body,
             "{\"title\": \"Buurtfeest op het plein\", \"body\": \"Op 1 juni.\", \"method\": "
             "\"%s\", \"closes_at\": %lld%s}",
             method, (long long)time(NULL) + 7 * 86400, extra ? extra : "");
    path(p, sizeof p, "/api/v1/collectives/", fx->collective, "/decisions");
    return client_expect(&fx->ann, "POST", p, body, 201);
}

/* GET the decision; the caller frees resp. */
static json_t *decision(struct fixture *fx, int64_t id, struct http_resp *resp)
{
    char p[100];
    path(p, sizeof p, "/api/v1/decisions/", id, "");
    return client_get_json(&fx->ann, p, resp);
}

static const char *outcome_of(json_t *d)
{
    return json_string_value(json_object_get(d, "outcome"));
}

static void test_a_consent_decision_with_an_objection_that_is_resolved(void **state)
{
    struct fixture *fx = *state;
    int64_t id = propose(fx, "consent", NULL);
    assert_int_equal(query_count(fx->h,
                              "SELECT COUNT(*) FROM notification WHERE kind = 'decision_opened' "
                              "AND path = '/decisions/' || CAST(? AS TEXT)",
                              id),
                     2);
    char p[100], msg[300], field[40];
    path(p, sizeof p, "/api/v1/decisions/", id, "/votes");
    client_expect(&fx->bea, "POST", p, "{\"choice\": \"consent\"}", 201);
    path(p, sizeof p, "/api/v1/decisions/", id, "/objections");
    assert_int_equal(send(&fx->cas, "POST", p, "{\"reason\": \"  \"}", msg, field), 400);
    assert_string_equal(field, "reason");
    assert_non_null(strstr(msg, "reason for your objection"));
    assert_int_equal(query_count(fx->h,
                              "SELECT COUNT(*) FROM decision_objection WHERE decision_id = "
                              "?",
                              id),
                     0);
    client_expect(&fx->cas, "POST", p, "{\"reason\": \"Het plein is dan bezet.\"}", 201);
    assert_int_equal(query_count(fx->h,
                              "SELECT COUNT(*) FROM notification WHERE kind = "
                              "'decision_objection' AND person_id = ?",
                              fx->ann.person_id),
                     1);
    struct http_resp resp;
    json_t *d = decision(fx, id, &resp);
    json_t *objection = json_array_get(json_object_get(d, "objections"), 0);
    int64_t oid = json_integer_value(json_object_get(objection, "id"));
    assert_string_equal(json_string_value(json_object_get(objection, "status")), "open");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(d, "count"), "objections")),
                     1);
    http_resp_free(&resp);
    char body[100];
    snprintf(body, sizeof body, "{\"objection\": %lld, \"how\": \"resolved\"}", (long long)oid);
    path(p, sizeof p, "/api/v1/decisions/", id, "/settle");
    assert_int_equal(send(&fx->ann, "POST", p, body, msg, NULL), 403);
    assert_non_null(strstr(msg, "Only the person who objected"));
    client_expect(&fx->cas, "POST", p, body, 200);
    path(p, sizeof p, "/api/v1/decisions/", id, "/close");
    client_expect(&fx->ann, "POST", p, NULL, 200);
    d = decision(fx, id, &resp);
    assert_string_equal(outcome_of(d), "adopted");
    assert_true(json_is_true(json_object_get(d, "recorded")));
    json_t *count = json_object_get(d, "count");
    assert_int_equal(json_integer_value(json_object_get(count, "votes")), 1);
    assert_int_equal(json_integer_value(json_object_get(count, "eligible")), 3);
    http_resp_free(&resp);
    assert_int_equal(query_count(fx->h,
                              "SELECT COUNT(*) FROM notification WHERE kind = 'decision_closed' "
                              "AND path = '/decisions/' || CAST(? AS TEXT)",
                              id),
                     2);
}

static void test_fifty_simultaneous_identical_votes_leave_one_row(void **state)
{
    struct fixture *fx = *state;
    int64_t id = propose(fx, "majority", NULL);
    char p[100];
    path(p, sizeof p, "/api/v1/decisions/", id, "/votes");
    enum { N = 50 };
    long statuses[N];
    client_race(&fx->bea, 1, N, "POST", p, "{\"choice\": \"for\"}", statuses);
    assert_int_equal(client_count_status(statuses, N, 201), 1);
    assert_int_equal(client_count_status(statuses, N, 409), N - 1);
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM decision_vote WHERE decision_id = ?", id),
                     1);
}

static void test_a_vote_after_closing_is_409_and_changes_nothing(void **state)
{
    struct fixture *fx = *state;
    char p[100], msg[300];
    /* closed by hand */
    int64_t id = propose(fx, "majority", NULL);
    path(p, sizeof p, "/api/v1/decisions/", id, "/close");
    client_expect(&fx->ann, "POST", p, NULL, 200);
    path(p, sizeof p, "/api/v1/decisions/", id, "/votes");
    assert_int_equal(send(&fx->bea, "POST", p, "{\"choice\": \"for\"}", msg, NULL), 409);
    assert_non_null(strstr(msg, "closed"));
    /* at its closing time, which passed: computed when read */
    int64_t late = propose(fx, "majority", ", \"quorum\": 50");
    path(p, sizeof p, "/api/v1/decisions/", late, "/votes");
    client_expect(&fx->bea, "POST", p, "{\"choice\": \"for\"}", 201);
    client_expect(&fx->cas, "POST", p, "{\"choice\": \"against\"}", 201);
    char sql[200];
    snprintf(sql, sizeof sql,
             "UPDATE decision SET created_at = 1000, closes_at = 2000 WHERE id = %lld",
             (long long)late);
    sql_int(fx, sql);
    struct http_resp resp;
    json_t *d = decision(fx, late, &resp);
    assert_true(json_is_true(json_object_get(d, "closed")));
    assert_false(json_is_true(json_object_get(d, "recorded")));
    assert_string_equal(outcome_of(d), "rejected"); /* 1 for, 1 against */
    http_resp_free(&resp);
    assert_int_equal(send(&fx->ann, "POST", p, "{\"choice\": \"for\"}", msg, NULL), 409);
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM decision_vote WHERE decision_id = ?", late),
                     2);
    d = decision(fx, late, &resp);
    assert_true(json_is_true(json_object_get(d, "recorded")));
    assert_string_equal(outcome_of(d), "rejected");
    http_resp_free(&resp);
    assert_int_equal(query_count(fx->h, "SELECT votes_count FROM decision WHERE id = ?", late), 2);
}

static void test_someone_not_eligible_gets_403_with_the_reason(void **state)
{
    struct fixture *fx = *state;
    int64_t id = propose(fx, "majority", NULL);
    char p[100], msg[300];
    path(p, sizeof p, "/api/v1/decisions/", id, "/votes");
    assert_int_equal(send(&fx->far, "POST", p, "{\"choice\": \"for\"}", msg, NULL), 403);
    assert_non_null(strstr(msg, "eligible"));
    assert_int_equal(send(&fx->pro, "POST", p, "{\"choice\": \"for\"}", msg, NULL), 403);
    assert_non_null(strstr(msg, "Professionals facilitate"));
    path(p, sizeof p, "/api/v1/collectives/", fx->collective, "/decisions");
    char body[300];
    snprintf(body, sizeof body,
             "{\"title\": \"Overgenomen\", \"method\": \"majority\", \"closes_at\": %lld}",
             (long long)time(NULL) + 86400);
    assert_int_equal(send(&fx->pro, "POST", p, body, msg, NULL), 403);
    assert_non_null(strstr(msg, "Professionals facilitate"));
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM decision_vote WHERE decision_id = ?", id),
                     0);
    assert_int_equal(query_count(fx->h,
                              "SELECT COUNT(*) FROM decision WHERE title = 'Overgenomen' "
                              "AND id > ?",
                              0),
                     0);
}

static void test_dots_beyond_n_are_400_and_the_count_hides_until_close(void **state)
{
    struct fixture *fx = *state;
    int64_t id = propose(fx, "dot",
                         ", \"dots\": 3, \"hide_results\": true, \"options\": "
                         "\"Bankjes\\nBloembakken\\nSpeeltuin\"");
    char p[100], msg[300], field[40];
    path(p, sizeof p, "/api/v1/decisions/", id, "/votes");
    assert_int_equal(send(&fx->bea, "POST", p, "{\"dots_1\": 2, \"dots_2\": 2}", msg, field), 400);
    assert_string_equal(field, "dots");
    assert_non_null(strstr(msg, "You have 3 dots"));
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM decision_vote WHERE decision_id = ?", id),
                     0);
    client_expect(&fx->bea, "POST", p, "{\"dots_1\": 1, \"dots_3\": 2}", 201);
    client_expect(&fx->cas, "POST", p, "{\"dots_3\": 3}", 201);
    struct http_resp resp;
    json_t *d = decision(fx, id, &resp);
    assert_true(json_is_null(json_object_get(d, "count")));
    json_t *opt = json_array_get(json_object_get(d, "options"), 2);
    assert_true(json_is_null(json_object_get(opt, "dots")));
    http_resp_free(&resp);
    path(p, sizeof p, "/api/v1/decisions/", id, "/close");
    client_expect(&fx->ann, "POST", p, NULL, 200);
    d = decision(fx, id, &resp);
    assert_string_equal(outcome_of(d), "decided");
    opt = json_array_get(json_object_get(d, "options"), 2);
    assert_int_equal(json_integer_value(json_object_get(opt, "dots")), 5);
    http_resp_free(&resp);
}

static void test_bad_proposals_are_400_with_the_field(void **state)
{
    struct fixture *fx = *state;
    static const struct {
        const char *body, *field;
    } bad[] = {
        {"{\"title\": \"\", \"method\": \"consent\", ", "title"},
        {"{\"title\": \"X\", \"method\": \"loting\", ", "method"},
        {"{\"title\": \"X\", \"method\": \"consent\", \"quorum\": 50, ", "quorum"},
        {"{\"title\": \"X\", \"method\": \"dot\", \"dots\": 3, \"options\": \"Een\", ", "options"},
        {"{\"title\": \"X\", \"method\": \"majority\", \"quorum\": 10, \"closes_at\": 99}",
         "closes_at"},
    };
    char p[100], body[300], field[40];
    path(p, sizeof p, "/api/v1/collectives/", fx->collective, "/decisions");
    int64_t before = query_count(fx->h, "SELECT COUNT(*) FROM decision WHERE id > ?", 0);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        /* each but the last gets a good closing time */
        if (i + 1 < sizeof bad / sizeof bad[0])
            snprintf(body, sizeof body, "%s\"closes_at\": %lld}", bad[i].body,
                     (long long)time(NULL) + 86400);
        else
            snprintf(body, sizeof body, "%s", bad[i].body);
        assert_int_equal(send(&fx->ann, "POST", p, body, NULL, field), 400);
        assert_string_equal(field, bad[i].field);
    }
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM decision WHERE id > ?", 0), before);
}

static void test_pages_show_decisions_and_a_bad_form_again(void **state)
{
    struct fixture *fx = *state;
    int64_t id = propose(fx, "consent", NULL);
    char p[100], body[300];
    struct http_resp resp;
    path(p, sizeof p, "/collectives/", fx->collective, "/decisions");
    assert_int_equal(client_send(&fx->far, "GET", p, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Buurtfeest op het plein"));
    http_resp_free(&resp);
    path(p, sizeof p, "/decisions/", id, "/object");
    snprintf(body, sizeof body, "csrf=%s&reason=", fx->bea.csrf);
    assert_int_equal(client_send(&fx->bea, "POST", p, body, &resp), 400);
    assert_non_null(strstr(buf_cstr(&resp.body), "aria-invalid"));
    assert_non_null(strstr(buf_cstr(&resp.body), "reason for your objection"));
    http_resp_free(&resp);
    snprintf(body, sizeof body, "csrf=%s&reason=Te+laat", fx->bea.csrf);
    assert_int_equal(client_send(&fx->bea, "POST", p, body, &resp), 303);
    http_resp_free(&resp);
    path(p, sizeof p, "/decisions/", id, "");
    assert_int_equal(client_send(&fx->far, "GET", p, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Te laat"));
    assert_non_null(strstr(buf_cstr(&resp.body), "Only residents eligible"));
    http_resp_free(&resp);
    path(p, sizeof p, "/collectives/", fx->collective, "/decisions/new");
    snprintf(body, sizeof body, "csrf=%s&title=Bankjes&method=consent&closes_on=2020-01-01",
             fx->ann.csrf);
    assert_int_equal(client_send(&fx->ann, "POST", p, body, &resp), 400);
    assert_non_null(strstr(buf_cstr(&resp.body), "closes_on-error"));
    http_resp_free(&resp);
    snprintf(body, sizeof body, "csrf=%s&title=Bankjes&method=consent&closes_on=2099-01-01",
             fx->ann.csrf);
    assert_int_equal(client_send(&fx->ann, "POST", p, body, &resp), 400); /* > a year */
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
    fx->cas = client_resident(fx->h, "cas@example.nl", "Cas", BU);
    fx->far = client_resident(fx->h, "far@example.nl", "Far", BU_FAR);
    fx->pro = client_professional(fx->h, "pro@example.nl", "Welzijn", 1);
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
        cmocka_unit_test(test_a_consent_decision_with_an_objection_that_is_resolved),
        cmocka_unit_test(test_fifty_simultaneous_identical_votes_leave_one_row),
        cmocka_unit_test(test_a_vote_after_closing_is_409_and_changes_nothing),
        cmocka_unit_test(test_someone_not_eligible_gets_403_with_the_reason),
        cmocka_unit_test(test_dots_beyond_n_are_400_and_the_count_hides_until_close),
        cmocka_unit_test(test_bad_proposals_are_400_with_the_field),
        cmocka_unit_test(test_pages_show_decisions_and_a_bad_form_again),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
