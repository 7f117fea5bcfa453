/* API tests of cooperation agreements over real HTTP: a collective's board
 * drafts an agreement with an organisation, a party signs, the
 * organisation's admin amends the text (a new version: the signature is
 * void and signing the old version is 409), both sign and it is active;
 * the versions compare side by side and export as CSV; bad input is 400
 * with its field and changes nothing (no resident collective, a term that
 * ends before it starts, a commitment of no party); someone not authorised
 * for a party gets 403 (a professional with the facilitating reason); 50
 * simultaneous identical signatures leave exactly one row; the pages list
 * and show agreements and give a bad form back with the message. */
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
    struct client admin, ann, bea, cas, far, boss, pro;
    int64_t org, collective;
};

static void path(char *out, size_t n, const char *base, int64_t id, const char *tail)
{
    snprintf(out, n, "%s%lld%s", base, (long long)id, tail);
}

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

/* The JSON body of a draft: the collective and the organisation as
 * parties, a commitment and a responsibility of each, the term given. */
static const char *draft_body(struct fixture *fx, char *out, size_t n, const char *title,
                              const char *to)
{
    snprintf(out, n,
             "{\"parties\": [{\"kind\": \"collective\", \"id\": %lld}, {\"kind\": "
             "\"organisation\", \"id\": %lld}], \"title\": \"%s\", \"purpose\": \"Samen een "
             "moestuin.\", \"term_from\": \"2026-01-01\", \"term_to\": \"%s\", \"commitments\": "
             "[{\"party\": 0, \"kind\": \"hours\", \"amount\": 40, \"text\": \"Vrijwilligers\"}, "
             "{\"party\": 1, \"kind\": \"space\", \"text\": \"De zaal\"}], \"responsibilities\": "
             "[{\"party\": 1, \"subject\": \"Verzekering van de zaal\"}]}",
             (long long)fx->collective, (long long)fx->org, title, to);
    return out;
}

static int64_t draft(struct fixture *fx, const char *title)
{
    char body[1200];
    return client_expect(&fx->ann, "POST", "/api/v1/agreements",
                         draft_body(fx, body, sizeof body, title, "2027-12-31"), 201);
}

static void sign(struct fixture *fx, struct client *c, int64_t id, int version, int party,
                 long status)
{
    char p[100], body[80];
    path(p, sizeof p, "/api/v1/agreements/", id, "/signatures");
    snprintf(body, sizeof body, "{\"version\": %d, \"party\": %d}", version, party);
    client_expect(c, "POST", p, body, status);
}

static const char *status_of(struct fixture *fx, int64_t id, char *out)
{
    char p[100];
    path(p, sizeof p, "/api/v1/agreements/", id, "");
    struct http_resp resp;
    json_t *o = client_get_json(&fx->far, p, &resp);
    snprintf(out, 40, "%s", json_string_value(json_object_get(o, "status")));
    http_resp_free(&resp);
    return out;
}

static void test_draft_sign_amend_and_activate(void **state)
{
    struct fixture *fx = *state;
    char st[40], p[100], msg[300], field[40];
    int64_t id = draft(fx, "Moestuin aan de Linde");
    assert_string_equal(status_of(fx, id, st), "draft");
    sign(fx, &fx->bea, id, 1, 0, 201);
    assert_string_equal(status_of(fx, id, st), "signed");
    /* the organisation's admin amends: version 2, the signature is void */
    char body[1400];
    draft_body(fx, body, sizeof body, "Moestuin aan de Linde", "2028-06-30");
    char revise[1500];
    snprintf(revise, sizeof revise, "{\"expected_version\": 1, %s", body + 1);
    path(p, sizeof p, "/api/v1/agreements/", id, "/versions");
    client_expect(&fx->boss, "POST", p, revise, 201);
    assert_string_equal(status_of(fx, id, st), "draft");
    assert_int_equal(send(&fx->boss, "POST", p, revise, msg, field), 409); /* stale */
    path(p, sizeof p, "/api/v1/agreements/", id, "/signatures");
    assert_int_equal(send(&fx->bea, "POST", p, "{\"version\": 1, \"party\": 0}", msg, field), 409);
    assert_string_equal(field, "version");
    assert_non_null(strstr(msg, "superseded"));
    sign(fx, &fx->cas, id, 2, 0, 201);
    sign(fx, &fx->boss, id, 2, 1, 201);
    assert_string_equal(status_of(fx, id, st), "active");
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM agreement_signature s JOIN "
                                  "agreement_version v ON v.id = s.version_id WHERE "
                                  "v.agreement_id = ?",
                              id),
                     3);
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM notification WHERE kind = "
                                  "'agreement_version' AND person_id = ?",
                              fx->ann.person_id),
                     1);
    /* version 1 is kept and compares with version 2 */
    struct http_resp resp;
    path(p, sizeof p, "/api/v1/agreements/", id, "/versions/1");
    json_t *v1 = client_get_json(&fx->far, p, &resp);
    assert_string_equal(json_string_value(json_object_get(v1, "term_to")), "2027-12-31");
    http_resp_free(&resp);
    path(p, sizeof p, "/agreements/", id, "/compare?from=1&to=2");
    assert_int_equal(client_send(&fx->far, "GET", p, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "2027-12-31"));
    assert_non_null(strstr(buf_cstr(&resp.body), "2028-06-30"));
    assert_non_null(strstr(buf_cstr(&resp.body), "<caption>Term – changed</caption>"));
    http_resp_free(&resp);
    path(p, sizeof p, "/agreements/", id, "/export.csv");
    assert_int_equal(client_send(&fx->far, "GET", p, NULL, &resp), 200);
    const char *csv = buf_cstr(&resp.body);
    assert_non_null(strstr(csv, "record,version,party,kind,amount,text"));
    assert_non_null(strstr(csv, "commitment,2,Buurttrust De Linde,hours,40,Vrijwilligers"));
    assert_non_null(strstr(csv, "signature,1,Buurttrust De Linde"));
    assert_non_null(strstr(csv, "signature,2,Buurtcoaches Noord"));
    http_resp_free(&resp);
}

static void test_bad_input_is_400_and_changes_nothing(void **state)
{
    struct fixture *fx = *state;
    int64_t before = query_count(fx->h, "SELECT COUNT(*) FROM agreement WHERE id > ?", 0);
    char body[1200], msg[300], field[40];
    char only_orgs[400];
    snprintf(only_orgs, sizeof only_orgs,
             "{\"parties\": [{\"kind\": \"organisation\", \"id\": %lld}], \"title\": \"X\", "
             "\"purpose\": \"Y\", \"term_from\": \"2026-01-01\", \"term_to\": \"2026-12-31\"}",
             (long long)fx->org);
    assert_int_equal(send(&fx->boss, "POST", "/api/v1/agreements", only_orgs, msg, field), 400);
    assert_string_equal(field, "parties");
    assert_non_null(strstr(msg, "at least one resident collective"));
    draft_body(fx, body, sizeof body, "Te kort", "2025-12-31");
    assert_int_equal(send(&fx->ann, "POST", "/api/v1/agreements", body, msg, field), 400);
    assert_string_equal(field, "term_to");
    assert_non_null(strstr(msg, "cannot end before it starts"));
    char *bad = strstr(draft_body(fx, body, sizeof body, "Partijloos", "2026-12-31"),
                       "\"party\": 1, \"kind\": \"space\"");
    bad[9] = '7';
    assert_int_equal(send(&fx->ann, "POST", "/api/v1/agreements", body, msg, field), 400);
    assert_string_equal(field, "commitments");
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM agreement WHERE id > ?", 0), before);
}

static void test_someone_not_authorised_for_a_party_gets_403(void **state)
{
    struct fixture *fx = *state;
    int64_t id = draft(fx, "Buurtkamer");
    char p[100], msg[300];
    path(p, sizeof p, "/api/v1/agreements/", id, "/signatures");
    const char *collective_party = "{\"version\": 1, \"party\": 0}";
    assert_int_equal(send(&fx->far, "POST", p, collective_party, msg, NULL), 403);
    assert_int_equal(send(&fx->boss, "POST", p, collective_party, msg, NULL), 403);
    assert_int_equal(send(&fx->bea, "POST", p, "{\"version\": 1, \"party\": 1}", msg, NULL), 403);
    assert_int_equal(send(&fx->pro, "POST", p, "{\"version\": 1, \"party\": 1}", msg, NULL), 403);
    assert_non_null(strstr(msg, "Professionals facilitate"));
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM agreement_signature s JOIN "
                                  "agreement_version v ON v.id = s.version_id WHERE "
                                  "v.agreement_id = ?",
                              id),
                     0);
}

static void test_fifty_simultaneous_identical_signatures_leave_one_row(void **state)
{
    struct fixture *fx = *state;
    int64_t id = draft(fx, "Gelijktijdig");
    char p[100];
    path(p, sizeof p, "/api/v1/agreements/", id, "/signatures");
    enum { N = 50 };
    long statuses[N];
    client_race(&fx->bea, 1, N, "POST", p, "{\"version\": 1, \"party\": 0}", statuses);
    assert_int_equal(client_count_status(statuses, N, 201), 1);
    assert_int_equal(client_count_status(statuses, N, 409), N - 1);
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM agreement_signature s JOIN "
                                  "agreement_version v ON v.id = s.version_id WHERE "
                                  "v.agreement_id = ?",
                              id),
                     1);
}

static void test_pages_show_agreements_and_a_bad_form_again(void **state)
{
    struct fixture *fx = *state;
    int64_t id = draft(fx, "Pagina-afspraak");
    char p[100], body[600];
    struct http_resp resp;
    assert_int_equal(client_send(&fx->far, "GET", "/agreements", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Pagina-afspraak"));
    http_resp_free(&resp);
    path(p, sizeof p, "/agreements/", id, "");
    assert_int_equal(client_send(&fx->bea, "GET", p, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Sign version 1 for Buurttrust De Linde"));
    http_resp_free(&resp);
    snprintf(body, sizeof body,
             "csrf=%s&organisation1=%lld&title=Zonder+collectief&purpose=Doel&term_from=2026-01-01"
             "&term_to=2026-12-31",
             fx->boss.csrf, (long long)fx->org);
    assert_int_equal(client_send(&fx->boss, "POST", "/agreements/new", body, &resp), 400);
    assert_non_null(strstr(buf_cstr(&resp.body), "at least one resident collective"));
    http_resp_free(&resp);
    path(p, sizeof p, "/agreements/", id, "/sign");
    snprintf(body, sizeof body, "csrf=%s&version=1&party=0", fx->bea.csrf);
    assert_int_equal(client_send(&fx->bea, "POST", p, body, &resp), 303);
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->bea, "POST", p, body, &resp), 409);
    assert_non_null(strstr(buf_cstr(&resp.body), "signed this version already"));
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
    fx->org = console_organisation(fx->h, "Buurtcoaches Noord", "institution");
    fx->admin = console_platform_admin(fx->h, "beheer@example.nl");
    fx->boss = client_person(fx->h, "baas@example.nl", "Baas");
    fx->pro = client_person(fx->h, "coach@example.nl", "Coach");
    char org[32], cap[64];
    snprintf(org, sizeof org, "%lld", (long long)fx->org);
    client_grant(&fx->admin, fx->boss.email, "organisation_admin", org);
    seed_post_confirmed(fx->h, fx->org, "welzijnswerker", fx->pro.person_id, fx->boss.person_id);
    snprintf(cap, sizeof cap, "organisation_admin:%s", org);
    client_act_as(&fx->boss, cap, 200);
    client_act_as(&fx->pro, "professional", 200);
    fx->ann = client_resident(fx->h, "ann@example.nl", "Ann", BU);
    fx->bea = client_resident(fx->h, "bea@example.nl", "Bea", BU);
    fx->cas = client_resident(fx->h, "cas@example.nl", "Cas", BU);
    fx->far = client_resident(fx->h, "far@example.nl", "Far", BU_FAR);
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
        cmocka_unit_test(test_draft_sign_amend_and_activate),
        cmocka_unit_test(test_bad_input_is_400_and_changes_nothing),
        cmocka_unit_test(test_someone_not_authorised_for_a_party_gets_403),
        cmocka_unit_test(test_fifty_simultaneous_identical_signatures_leave_one_row),
        cmocka_unit_test(test_pages_show_agreements_and_a_bad_form_again),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
