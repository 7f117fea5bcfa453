/* API tests of conflict cases over real HTTP, on SQLite and (with
 * WIJKREGIE_TEST_DB_URL) PostgreSQL: a case raised by an initiator about
 * their initiative goes through conversation and mediation to an
 * agreement both parties confirm; anyone who is not a party or the chosen
 * mediator -- a participant who is no party, a resident elsewhere, a
 * professional, a platform admin -- gets 404 on every API route and page
 * of the case, with the same message as for a case that does not exist,
 * and nothing changes; bad input is 400 (or 409) with a message and
 * changes nothing; a professional mediates only when every party asks for
 * one; the monitor's counts per area are public and hide numbers below 5;
 * and 50 simultaneous identical confirmations (and two parties confirming
 * at once) leave exactly one confirmation each and one agreement.
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
#define MATTER "Geluidsoverlast van de speeltuin na tien uur"

struct fixture {
    struct harness *h;
    struct client ini, ann, bob, med, far, pro, admin;
};

/* A fingerprint of everything a conflict write could change. */
static int64_t state_sum(struct fixture *fx)
{
    return query_count(fx->h, "SELECT (SELECT COUNT(*) FROM conflict_case) * 1000000 + "
                         "(SELECT COUNT(*) FROM conflict_step) * 10000 + (SELECT COUNT(*) FROM "
                         "conflict_party WHERE choice_id IS NOT NULL) * 100 + (SELECT "
                         "COALESCE(SUM(agreement_version), 0) FROM conflict_case) + (SELECT "
                         "COUNT(*) FROM notification) * 7 + (SELECT COUNT(*) FROM audit_log "
                         "WHERE action LIKE 'conflict.%') * 13", 0);
}

static void path(char *out, size_t n, int64_t id, const char *tail)
{
    snprintf(out, n, "/api/v1/conflicts/%lld%s", (long long)id, tail);
}

/* Sends body as c; returns the status and the message in msg (may be NULL). */
static long send(struct client *c, const char *method, const char *p, const char *body, char *msg,
                 size_t n)
{
    struct http_resp resp;
    long status = client_send(c, method, p, body, &resp);
    const char *m = json_string_value(json_object_get(resp.json, "message"));
    if (msg)
        snprintf(msg, n, "%s", m ? m : "");
    http_resp_free(&resp);
    return status;
}

/* Ini's initiative in BU, in awareness, with ann and bob pledged. */
static int64_t initiative(struct fixture *fx)
{
    int64_t id = client_expect(
        &fx->ini, "POST", "/api/v1/initiatives",
        "{\"title\": \"Speeltuin\", \"aim\": \"Spelen\", \"areas\": [\"" BU "\"]}", 201);
    char p[100];
    snprintf(p, sizeof p, "/api/v1/initiatives/%lld/phase", (long long)id);
    client_expect(&fx->ini, "POST", p, "{\"phase\": \"awareness\"}", 200);
    snprintf(p, sizeof p, "/api/v1/initiatives/%lld/pledges", (long long)id);
    client_expect(&fx->ann, "POST", p, "{\"hours\": 2, \"period\": \"week\"}", 201);
    client_expect(&fx->bob, "POST", p, "{\"hours\": 2, \"period\": \"week\"}", 201);
    return id;
}

/* A case about initiative raised by ini naming ann. */
static int64_t raise_case(struct fixture *fx, int64_t initiative_id)
{
    char body[300];
    snprintf(body, sizeof body,
             "{\"initiative_id\": %lld, \"matter\": \"" MATTER "\", \"parties\": \"%s\"}",
             (long long)initiative_id, fx->ann.email);
    return client_expect(&fx->ini, "POST", "/api/v1/conflicts", body, 201);
}

static void choose(struct fixture *fx, struct client *party, int64_t id, struct client *mediator,
                   const char *capacity)
{
    char p[100], body[200];
    path(p, sizeof p, id, "/mediator");
    snprintf(body, sizeof body, "{\"mediator\": \"%s\", \"capacity\": \"%s\"}", mediator->email,
             capacity);
    client_expect(party, "POST", p, body, 200);
    (void)fx;
}

static void step(struct client *c, int64_t id, const char *to, long status)
{
    char p[100], body[200];
    path(p, sizeof p, id, "/steps");
    snprintf(body, sizeof body, "{\"step\": \"%s\", \"record\": \"We spraken elkaar.\"}", to);
    client_expect(c, "POST", p, body, status);
}

/* Raised, conversation, med agreed as resident, mediation. */
static int64_t in_mediation(struct fixture *fx)
{
    int64_t id = raise_case(fx, initiative(fx));
    step(&fx->ann, id, "conversation", 200);
    choose(fx, &fx->ini, id, &fx->med, "resident");
    choose(fx, &fx->ann, id, &fx->med, "resident");
    step(&fx->ini, id, "mediation", 200);
    return id;
}

static const char *case_step(struct client *c, int64_t id, char *out, size_t n)
{
    char p[100];
    path(p, sizeof p, id, "");
    struct http_resp resp;
    json_t *o = client_get_json(c, p, &resp);
    snprintf(out, n, "%s", json_string_value(json_object_get(o, "step")));
    http_resp_free(&resp);
    return out;
}

static void test_a_case_goes_through_mediation_to_agreement(void **state)
{
    struct fixture *fx = *state;
    int64_t id = in_mediation(fx);
    char p[100], s[40];
    path(p, sizeof p, id, "/agreement");
    client_expect(&fx->med, "POST", p, "{\"text\": \"Na tien uur is het stil.\"}", 200);
    path(p, sizeof p, id, "/confirm");
    client_expect(&fx->ann, "POST", p, "{\"version\": 1}", 200);
    assert_string_equal(case_step(&fx->ann, id, s, sizeof s), "mediation");
    client_expect(&fx->ini, "POST", p, "{\"version\": 1}", 200);
    assert_string_equal(case_step(&fx->med, id, s, sizeof s), "agreement");
    path(p, sizeof p, id, "");
    struct http_resp resp;
    json_t *o = client_get_json(&fx->ann, p, &resp);
    assert_string_equal(json_string_value(json_object_get(json_object_get(o, "agreement"), "text")),
                        "Na tien uur is het stil.");
    assert_false(json_is_true(json_object_get(o, "open")));
    assert_int_equal(json_array_size(json_object_get(o, "parties")), 2);
    http_resp_free(&resp);
    /* the parties and the mediator were told, never the matter */
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM notification WHERE kind = 'conflict_step' AND person_id = %lld",
             (long long)fx->med.person_id);
    assert_true(query_count(fx->h, sql, 0) >= 2);
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM audit_log WHERE action LIKE "
                                   "'conflict.%' AND (public <> 0 OR detail LIKE '%speeltuin%')", 0),
                     0);
    /* the list of one's cases */
    o = client_get_json(&fx->med, "/api/v1/conflicts", &resp);
    assert_true(json_array_size(json_object_get(o, "items")) >= 1);
    http_resp_free(&resp);
}

/* Every route of case id as c: 404 with the message a missing case gets. */
static void assert_hidden(struct fixture *fx, struct client *c, int64_t id, const char *missing)
{
    static const char *const tails[] = {"/mediator", "/steps", "/agreement", "/confirm"};
    static const char *const bodies[] = {
        "{\"mediator\": \"far@example.nl\", \"capacity\": \"resident\"}",
        "{\"step\": \"closed\", \"record\": \"Weg ermee.\"}", "{\"text\": \"Iets anders.\"}",
        "{\"version\": 1}"};
    char p[100], msg[300];
    path(p, sizeof p, id, "");
    assert_int_equal(send(c, "GET", p, NULL, msg, sizeof msg), 404);
    assert_string_equal(msg, missing);
    for (int i = 0; i < 4; i++) {
        path(p, sizeof p, id, tails[i]);
        assert_int_equal(send(c, "POST", p, bodies[i], msg, sizeof msg), 404);
        assert_string_equal(msg, missing);
    }
    snprintf(p, sizeof p, "/conflicts/%lld", (long long)id);
    assert_int_equal(send(c, "GET", p, NULL, NULL, 0), 404);
    (void)fx;
}

static void test_anyone_but_the_parties_and_mediator_gets_404_and_nothing_changes(void **state)
{
    struct fixture *fx = *state;
    int64_t id = in_mediation(fx);
    char p[100], missing[300];
    path(p, sizeof p, id, "/agreement");
    client_expect(&fx->med, "POST", p, "{\"text\": \"Na tien uur is het stil.\"}", 200);
    path(p, sizeof p, id + 100000, "");
    assert_int_equal(send(&fx->ann, "GET", p, NULL, missing, sizeof missing), 404);
    assert_string_equal(missing, "There is no such conflict case.");
    int64_t before = state_sum(fx);
    assert_hidden(fx, &fx->bob, id, missing);   /* takes part, is no party */
    assert_hidden(fx, &fx->far, id, missing);   /* a resident elsewhere */
    assert_hidden(fx, &fx->pro, id, missing);   /* a professional not asked */
    assert_hidden(fx, &fx->admin, id, missing); /* a platform admin */
    assert_int_equal(state_sum(fx), before);
    /* a visitor is asked to sign in, whether the case exists or not */
    struct client visitor = client_new(fx->h);
    path(p, sizeof p, id, "");
    assert_int_equal(send(&visitor, "GET", p, NULL, NULL, 0), 401);
    /* the parties and the mediator do see it */
    char s[40];
    assert_string_equal(case_step(&fx->ini, id, s, sizeof s), "mediation");
    assert_string_equal(case_step(&fx->med, id, s, sizeof s), "mediation");
}

static void test_bad_input_is_400_or_409_and_changes_nothing(void **state)
{
    struct fixture *fx = *state;
    int64_t ini_id = initiative(fx);
    int64_t id = raise_case(fx, ini_id);
    int64_t before = state_sum(fx);
    char body[300], p[100], msg[300];
    snprintf(body, sizeof body, "{\"initiative_id\": %lld, \"matter\": \"\", \"parties\": \"%s\"}",
             (long long)ini_id, fx->ann.email);
    assert_int_equal(send(&fx->ini, "POST", "/api/v1/conflicts", body, msg, sizeof msg), 400);
    assert_non_null(strstr(msg, "at most 2000 characters"));
    snprintf(body, sizeof body,
             "{\"initiative_id\": %lld, \"matter\": \"Ruzie\", \"parties\": \"%s\"}",
             (long long)ini_id, fx->far.email);
    assert_int_equal(send(&fx->ini, "POST", "/api/v1/conflicts", body, msg, sizeof msg), 400);
    assert_non_null(strstr(msg, "take part"));
    snprintf(body, sizeof body,
             "{\"initiative_id\": %lld, \"matter\": \"Ruzie\", \"parties\": \"nobody@example.nl\"}",
             (long long)ini_id);
    assert_int_equal(send(&fx->ini, "POST", "/api/v1/conflicts", body, msg, sizeof msg), 400);
    assert_int_equal(send(&fx->far, "POST", "/api/v1/conflicts", body, msg, sizeof msg), 403);
    assert_int_equal(send(&fx->ini, "POST", "/api/v1/conflicts",
                          "{\"matter\": \"Ruzie\", \"parties\": \"ann@example.nl\"}", msg,
                          sizeof msg),
                     400);
    path(p, sizeof p, id, "/steps");
    assert_int_equal(send(&fx->ann, "POST", p, "{\"step\": \"mediation\", \"record\": \"Nu.\"}",
                          msg, sizeof msg),
                     409);
    assert_int_equal(send(&fx->ann, "POST", p, "{\"step\": \"elsewhere\", \"record\": \"Nu.\"}",
                          msg, sizeof msg),
                     400);
    assert_int_equal(send(&fx->ann, "POST", p, "{\"step\": \"conversation\", \"record\": \" \"}",
                          msg, sizeof msg),
                     400);
    path(p, sizeof p, id, "/mediator");
    snprintf(body, sizeof body, "{\"mediator\": \"%s\", \"capacity\": \"wizard\"}", fx->med.email);
    assert_int_equal(send(&fx->ann, "POST", p, body, msg, sizeof msg), 400);
    snprintf(body, sizeof body, "{\"mediator\": \"%s\", \"capacity\": \"resident\"}",
             fx->ini.email);
    assert_int_equal(send(&fx->ann, "POST", p, body, msg, sizeof msg), 400); /* a party */
    path(p, sizeof p, id, "/confirm");
    assert_int_equal(send(&fx->ann, "POST", p, "{\"version\": 1}", msg, sizeof msg), 409);
    assert_int_equal(state_sum(fx), before);
}

static void test_a_professional_mediates_when_every_party_asks_for_one(void **state)
{
    struct fixture *fx = *state;
    int64_t id = raise_case(fx, initiative(fx));
    char p[100];
    path(p, sizeof p, id, "");
    choose(fx, &fx->ini, id, &fx->pro, "professional");
    assert_int_equal(send(&fx->pro, "GET", p, NULL, NULL, 0), 404); /* one party alone */
    choose(fx, &fx->ann, id, &fx->pro, "resident");
    assert_int_equal(send(&fx->pro, "GET", p, NULL, NULL, 0), 404); /* not the same way */
    choose(fx, &fx->ann, id, &fx->pro, "professional");
    assert_int_equal(send(&fx->pro, "GET", p, NULL, NULL, 0), 200);
    step(&fx->ann, id, "conversation", 200);
    step(&fx->ann, id, "mediation", 200);
    path(p, sizeof p, id, "/agreement");
    client_expect(&fx->pro, "POST", p, "{\"text\": \"Afspraak.\"}", 200);
    /* a party does not draft, the mediator does not take a party's step */
    client_expect(&fx->ann, "POST", p, "{\"text\": \"Mijn afspraak.\"}", 403);
    step(&fx->pro, id, "closed", 200);
}

static void test_area_counts_are_public_and_hide_numbers_below_five(void **state)
{
    struct fixture *fx = *state;
    struct client visitor = client_new(fx->h);
    struct http_resp resp;
    json_t *o = client_get_json(&visitor, "/api/v1/areas/" BU_FAR "/conflicts", &resp);
    assert_true(json_is_null(json_object_get(o, "open")));
    assert_true(json_is_null(json_object_get(o, "closed")));
    assert_int_equal(json_integer_value(json_object_get(o, "shown_from")), 5);
    http_resp_free(&resp);
    int64_t ini_id = initiative(fx);
    for (int i = 0; i < 5; i++)
        raise_case(fx, ini_id);
    o = client_get_json(&visitor, "/api/v1/areas/" BU "/conflicts", &resp);
    assert_true(json_integer_value(json_object_get(o, "open")) >= 5);
    http_resp_free(&resp);
    o = client_get_json(&visitor, "/api/v1/areas/GM9901/conflicts", &resp);
    assert_true(json_integer_value(json_object_get(o, "open")) >= 5);
    http_resp_free(&resp);
    assert_int_equal(send(&visitor, "GET", "/api/v1/areas/BU99999999/conflicts", NULL, NULL, 0),
                     404);
    assert_int_equal(client_send(&visitor, "GET", "/areas/" BU_FAR, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "fewer than 5"));
    http_resp_free(&resp);
}

static void test_fifty_simultaneous_confirmations_leave_one(void **state)
{
    struct fixture *fx = *state;
    int64_t id = in_mediation(fx);
    char p[100], sql[300];
    path(p, sizeof p, id, "/agreement");
    client_expect(&fx->med, "POST", p, "{\"text\": \"Na tien uur is het stil.\"}", 200);
    path(p, sizeof p, id, "/confirm");
    long statuses[50];
    client_race(&fx->ann, 1, 50, "POST", p, "{\"version\": 1}", statuses);
    assert_int_equal(client_count_status(statuses, 50, 200), 50);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM conflict_step WHERE case_id = %lld AND kind = 'confirmed'",
             (long long)id);
    assert_int_equal(query_count(fx->h, sql, 0), 1);
    /* the two parties at once: one agreement, one confirmation each */
    int64_t second = in_mediation(fx);
    path(p, sizeof p, second, "/agreement");
    client_expect(&fx->med, "POST", p, "{\"text\": \"Stil na half elf.\"}", 200);
    path(p, sizeof p, second, "/confirm");
    struct client parties[2] = {fx->ini, fx->ann};
    client_race(parties, 2, 50, "POST", p, "{\"version\": 1}", statuses);
    assert_int_equal(client_count_status(statuses, 50, 200) + client_count_status(statuses, 50, 409),
                     50);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM conflict_step WHERE case_id = %lld AND kind = 'confirmed'",
             (long long)second);
    assert_int_equal(query_count(fx->h, sql, 0), 2);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM conflict_step WHERE case_id = %lld AND kind = 'agreement'",
             (long long)second);
    assert_int_equal(query_count(fx->h, sql, 0), 1);
    char s[40];
    assert_string_equal(case_step(&fx->ann, second, s, sizeof s), "agreement");
}

static void test_pages_raise_a_case_and_show_a_bad_form_again(void **state)
{
    struct fixture *fx = *state;
    int64_t ini_id = initiative(fx);
    char p[100], body[400];
    struct http_resp resp;
    snprintf(p, sizeof p, "/conflicts/new?initiative_id=%lld", (long long)ini_id);
    assert_int_equal(client_send(&fx->ini, "GET", p, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Speeltuin"));
    http_resp_free(&resp);
    snprintf(body, sizeof body, "csrf=%s&initiative_id=%lld&matter=&parties=ann%%40example.nl",
             fx->ini.csrf, (long long)ini_id);
    assert_int_equal(client_send(&fx->ini, "POST", "/conflicts/new", body, &resp), 400);
    assert_non_null(strstr(buf_cstr(&resp.body), "aria-invalid"));
    http_resp_free(&resp);
    snprintf(body, sizeof body,
             "csrf=%s&initiative_id=%lld&matter=Ruzie+over+de+sleutel&parties=ann%%40example.nl",
             fx->ini.csrf, (long long)ini_id);
    assert_int_equal(client_send(&fx->ini, "POST", "/conflicts/new", body, &resp), 303);
    http_resp_free(&resp);
    int64_t id = query_count(fx->h, "SELECT MAX(id) FROM conflict_case", 0);
    snprintf(p, sizeof p, "/conflicts/%lld/steps", (long long)id);
    snprintf(body, sizeof body, "csrf=%s&step=conversation&record=", fx->ann.csrf);
    assert_int_equal(client_send(&fx->ann, "POST", p, body, &resp), 400);
    assert_non_null(strstr(buf_cstr(&resp.body), "Write a short record"));
    http_resp_free(&resp);
    snprintf(p, sizeof p, "/conflicts/%lld", (long long)id);
    assert_int_equal(client_send(&fx->ann, "GET", p, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Ruzie over de sleutel"));
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->ann, "GET", "/conflicts", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Speeltuin"));
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
    fx->ini = client_resident(fx->h, "ini@example.nl", "Ini", BU);
    fx->ann = client_resident(fx->h, "ann@example.nl", "Ann", BU);
    fx->bob = client_resident(fx->h, "bob@example.nl", "Bob", BU);
    fx->med = client_resident(fx->h, "med@example.nl", "Med", BU);
    fx->far = client_resident(fx->h, "far@example.nl", "Far", BU_FAR);
    fx->pro = client_professional(fx->h, "pro@example.nl", "Welzijn", 1);
    struct fault f = {0};
    /* pro lives in BU too, so that the parties can ask pro in either capacity */
    struct actor console = {.capacity = CAPACITY_CONSOLE, .now = time(NULL)};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    assert_int_equal(residency_verify_console(db, fx->pro.person_id, BU, &console, NULL, &f),
                     ERR_OK);
    db_close(db);
    client_act_as(&fx->pro, "professional:1", 200);
    fx->admin = console_platform_admin(fx->h, "beheer@example.nl");
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
        cmocka_unit_test(test_a_case_goes_through_mediation_to_agreement),
        cmocka_unit_test(test_anyone_but_the_parties_and_mediator_gets_404_and_nothing_changes),
        cmocka_unit_test(test_bad_input_is_400_or_409_and_changes_nothing),
        cmocka_unit_test(test_a_professional_mediates_when_every_party_asks_for_one),
        cmocka_unit_test(test_area_counts_are_public_and_hide_numbers_below_five),
        cmocka_unit_test(test_fifty_simultaneous_confirmations_leave_one),
        cmocka_unit_test(test_pages_raise_a_case_and_show_a_bad_form_again),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
