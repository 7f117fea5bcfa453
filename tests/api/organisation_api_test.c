/* API tests of organisations and their profiles over real HTTP: registering
 * one by each capacity that may (a platform admin, a municipality admin for
 * their gemeente, a resident an informal group of their own buurt) and the
 * refusals (anyone else, another buurt, before the input is looked at), the
 * messages for bad input and that it changes nothing, the unique KvK number
 * (409), editing by the organisation's own admin only with the kind never
 * changed, search by name, kind and area with keyset paging, declarations
 * of interest, and the pages (browse, profile, the edit form shown again
 * with its message, 303 after success).
 *
 * The demo (loaded by the harness) brings four organisations in the
 * gemeente GM9901; the first platform admin is made at the console and
 * names the others through the API, as an operator would. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "core/buf.h"
#include "core/mem.h"
#include "harness.h"

#define WELZIJN "Stichting Welzijn Lindenhoven"
#define HUURDERS "Huurdersvereniging Lindenhof"
#define GEMEENTE "GM9901"
#define BLOEMENBUURT "BU99010202"
#define WEIDEBUURT "BU99010301"

struct fixture {
    struct harness *h;
    struct client admin;    /* platform admin */
    struct client muni;     /* municipality admin of GEMEENTE, acting as one */
    struct client resident; /* verified resident of BLOEMENBUURT, acting as one */
    struct client boss;     /* organisation admin of WELZIJN, acting as one */
    struct client stranger; /* organisation admin of HUURDERS, acting as one */
    struct client nobody;   /* signed in, no capacity */
    int64_t welzijn, huurders;
};

/* ---- helpers -------------------------------------------------------------- */

/* GET path (public) and the number of items; *next the next_cursor (0: null). */
static size_t count_items(const struct harness *h, const char *path, int64_t *next)
{
    struct http_resp resp;
    json_t *body = harness_get_json(h, path, 200, &resp);
    size_t n = json_array_size(json_object_get(body, "items"));
    if (next)
        *next = json_integer_value(json_object_get(body, "next_cursor"));
    http_resp_free(&resp);
    return n;
}

/* The id of the organisation called exactly name, 0 when there is none. */
static int64_t find_id(const struct harness *h, const char *name)
{
    char path[300];
    snprintf(path, sizeof path, "/api/v1/organisations?limit=100&q=%s", name);
    for (char *p = path; *p; p++)
        *p = *p == ' ' ? '+' : *p;
    struct http_resp resp;
    json_t *body = harness_get_json(h, path, 200, &resp);
    int64_t id = 0;
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(body, "items"), i, item)
    {
        if (strcmp(json_string_value(json_object_get(item, "name")), name) == 0)
            id = json_integer_value(json_object_get(item, "id"));
    }
    http_resp_free(&resp);
    return id;
}

/* Sends body as c and checks the status and, for an error, the field and
 * a part of the message. */
static void expect_error(struct client *c, const char *method, const char *path, const char *body,
                         long status, const char *field, const char *part)
{
    struct http_resp resp;
    long got = client_send(c, method, path, body, &resp);
    if (got != status)
        fail_msg("%s %s -> %ld: %s", method, path, got, buf_cstr(&resp.body));
    if (field)
        assert_string_equal(json_string_value(json_object_get(resp.json, "field")), field);
    if (part && !strstr(json_string_value(json_object_get(resp.json, "message")), part))
        fail_msg("message without \"%s\": %s", part, buf_cstr(&resp.body));
    http_resp_free(&resp);
}

static void org_path(char *out, size_t n, int64_t id, const char *tail)
{
    snprintf(out, n, "/api/v1/organisations/%lld%s", (long long)id, tail);
}

/* ---- registering ---------------------------------------------------------- */

static void test_platform_admin_registers_a_full_profile(void **state)
{
    struct fixture *fx = *state;
    struct http_resp resp;
    const char *body =
        "{\"name\": \"Sportclub De Linde\", \"kind\": \"formal_association\", "
        "\"description\": \"Voetbal en hockey\", \"website\": \"https://linde.example.nl\", "
        "\"email\": \"Info@Linde.example.nl\", \"phone\": \"0299 111 222\", "
        "\"street\": \"Sportlaan 4\", \"postal_code\": \"9901ab\", \"city\": \"Lindenhoven\", "
        "\"legal_form\": \"vereniging\", \"kvk\": \"40000001\", \"areas\": [\"WK990104\"]}";
    assert_int_equal(client_send(&fx->admin, "POST", "/api/v1/organisations", body, &resp), 201);
    int64_t id = json_integer_value(json_object_get(resp.json, "id"));
    http_resp_free(&resp);
    char path[100];
    org_path(path, sizeof path, id, "");
    json_t *o = harness_get_json(fx->h, path, 200, &resp);
    assert_string_equal(json_string_value(json_object_get(o, "postal_code")), "9901 AB");
    assert_string_equal(json_string_value(json_object_get(o, "email")), "info@linde.example.nl");
    assert_string_equal(json_string_value(json_object_get(o, "kvk")), "40000001");
    assert_string_equal(json_string_value(json_array_get(json_object_get(o, "areas"), 0)),
                        "WK990104");
    http_resp_free(&resp);
}

static void test_municipality_admin_registers_for_their_gemeente(void **state)
{
    struct fixture *fx = *state;
    client_expect(&fx->muni, "POST", "/api/v1/organisations",
                  "{\"name\": \"Bibliotheek Centrum\", \"kind\": \"institution\", "
                  "\"areas\": [\"WK990101\"]}",
                  201);
    expect_error(&fx->muni, "POST", "/api/v1/organisations",
                 "{\"name\": \"Zonder gebied\", \"kind\": \"institution\"}", 403, NULL, "gemeente");
    assert_int_equal(find_id(fx->h, "Zonder gebied"), 0);
}

static void test_refusal_comes_before_the_input(void **state)
{
    struct fixture *fx = *state;
    expect_error(&fx->nobody, "POST", "/api/v1/organisations",
                 "{\"name\": \"\", \"kind\": \"business\", \"kvk\": \"1\"}", 403, NULL,
                 "Platform admins");
    expect_error(&fx->boss, "POST", "/api/v1/organisations",
                 "{\"name\": \"Dochter\", \"kind\": \"business\"}", 403, NULL, NULL);
    assert_int_equal(find_id(fx->h, "Dochter"), 0);
}

static void test_resident_registers_an_informal_group_of_their_buurt(void **state)
{
    struct fixture *fx = *state;
    client_expect(&fx->resident, "POST", "/api/v1/organisations",
                  "{\"name\": \"Breiclub Bloemenbuurt\", \"kind\": \"informal_group\", "
                  "\"areas\": [\"" BLOEMENBUURT "\"]}",
                  201);
    expect_error(&fx->resident, "POST", "/api/v1/organisations",
                 "{\"name\": \"Breiclub Weiden\", \"kind\": \"informal_group\", "
                 "\"areas\": [\"" WEIDEBUURT "\"]}",
                 403, NULL, "informal group");
    expect_error(&fx->resident, "POST", "/api/v1/organisations",
                 "{\"name\": \"Breiclub BV\", \"kind\": \"business\", "
                 "\"areas\": [\"" BLOEMENBUURT "\"]}",
                 403, NULL, NULL);
    expect_error(&fx->resident, "POST", "/api/v1/organisations",
                 "{\"name\": \"Breiclub Stichting\", \"kind\": \"informal_group\", "
                 "\"legal_form\": \"stichting\", \"areas\": [\"" BLOEMENBUURT "\"]}",
                 400, "legal_form", "informal group");
    assert_true(find_id(fx->h, "Breiclub Bloemenbuurt") > 0);
    assert_int_equal(find_id(fx->h, "Breiclub Weiden"), 0);
    assert_int_equal(find_id(fx->h, "Breiclub BV"), 0);
    assert_int_equal(find_id(fx->h, "Breiclub Stichting"), 0);
}

static void test_bad_input_is_named_and_changes_nothing(void **state)
{
    struct fixture *fx = *state;
    const struct {
        const char *member, *field, *part;
        long status;
    } cases[] = {
        {"\"website\": \"www.example.nl\"", "website", "https://", 400},
        {"\"postal_code\": \"12345\"", "postal_code", "1234 AB", 400},
        {"\"phone\": \"bel me\"", "phone", "digits", 400},
        {"\"email\": \"geen adres\"", "email", "e-mail", 400},
        {"\"kvk\": \"1234567\"", "kvk", "8 digits", 400},
        {"\"legal_form\": \"gmbh\"", "legal_form", "stichting", 400},
        {"\"areas\": \"WK990101\"", "areas", "list", 400},
        {"\"areas\": [\"WK990101\", \"BU12345678\"]", "areas", "BU12345678", 404},
        {"\"areas\": [\"Lindenhoven\"]", "areas", "Lindenhoven", 400},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char body[300];
        snprintf(body, sizeof body, "{\"name\": \"Fout %zu\", \"kind\": \"business\", %s}", i,
                 cases[i].member);
        expect_error(&fx->admin, "POST", "/api/v1/organisations", body, cases[i].status,
                     cases[i].field, cases[i].part);
    }
    assert_int_equal(count_items(fx->h, "/api/v1/organisations?q=Fout", NULL), 0);
}

static void test_duplicate_kvk_is_409_and_changes_nothing(void **state)
{
    struct fixture *fx = *state;
    client_expect(&fx->admin, "POST", "/api/v1/organisations",
                  "{\"name\": \"Bakkerij Kruim\", \"kind\": \"business\", \"kvk\": \"50000001\"}",
                  201);
    expect_error(&fx->admin, "POST", "/api/v1/organisations",
                 "{\"name\": \"Bakkerij Kruimel\", \"kind\": \"business\", "
                 "\"kvk\": \"50000001\", \"areas\": [\"" WEIDEBUURT "\"]}",
                 409, "kvk", "Another organisation already has this KvK number.");
    assert_int_equal(find_id(fx->h, "Bakkerij Kruimel"), 0);
    assert_int_equal(count_items(fx->h, "/api/v1/organisations?q=kruim", NULL), 1);
}

/* ---- editing -------------------------------------------------------------- */

static void test_admin_edits_the_profile_but_not_the_kind(void **state)
{
    struct fixture *fx = *state;
    char path[100];
    org_path(path, sizeof path, fx->welzijn, "");
    struct http_resp resp;
    const char *body = "{\"name\": \"" WELZIJN "\", \"kind\": \"business\", "
                       "\"description\": \"Nieuw verhaal\", \"city\": \"Lindenhoven\", "
                       "\"kvk\": \"90000001\", \"legal_form\": \"stichting\"}";
    assert_int_equal(client_send(&fx->boss, "PUT", path, body, &resp), 200);
    assert_string_equal(json_string_value(json_object_get(resp.json, "kind")), "institution");
    assert_string_equal(json_string_value(json_object_get(resp.json, "description")),
                        "Nieuw verhaal");
    assert_int_equal(json_array_size(json_object_get(resp.json, "areas")), 1); /* kept */
    http_resp_free(&resp);
    expect_error(&fx->boss, "PUT", path, "{\"name\": \"X\", \"id\": 1}", 400, "id", NULL);
}

static void test_only_its_own_admin_edits_the_profile(void **state)
{
    struct fixture *fx = *state;
    char path[100];
    org_path(path, sizeof path, fx->welzijn, "");
    const char *body = "{\"name\": \"Overgenomen\"}";
    expect_error(&fx->stranger, "PUT", path, body, 403, NULL, "Only admins");
    expect_error(&fx->admin, "PUT", path, body, 403, NULL, NULL);
    expect_error(&fx->resident, "PUT", path, body, 403, NULL, NULL);
    assert_int_equal(find_id(fx->h, "Overgenomen"), 0);
    org_path(path, sizeof path, 999999, "");
    expect_error(&fx->admin, "GET", path, NULL, 404, "organisation", NULL);
}

static void test_edit_to_a_taken_kvk_is_409(void **state)
{
    struct fixture *fx = *state;
    char path[100];
    org_path(path, sizeof path, fx->huurders, "");
    struct client boss = fx->stranger; /* admin of HUURDERS */
    expect_error(&boss, "PUT", path,
                 "{\"name\": \"" HUURDERS "\", \"legal_form\": \"vereniging\", "
                 "\"kvk\": \"90000001\"}",
                 409, "kvk", NULL);
    struct http_resp resp;
    json_t *o = harness_get_json(fx->h, path, 200, &resp);
    assert_string_equal(json_string_value(json_object_get(o, "kvk")), "90000002");
    http_resp_free(&resp);
}

/* ---- search --------------------------------------------------------------- */

static void test_search_by_name_kind_and_area(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(count_items(fx->h, "/api/v1/organisations?q=WELZIJN", NULL), 1);
    assert_int_equal(count_items(fx->h, "/api/v1/organisations?q=%25", NULL), 0);
    assert_true(count_items(fx->h, "/api/v1/organisations?kind=informal_group", NULL) >= 1);
    assert_int_equal(
        count_items(fx->h, "/api/v1/organisations?kind=existing_initiative&area=" WEIDEBUURT, NULL),
        1);
    assert_int_equal(count_items(fx->h, "/api/v1/organisations?q=welzijn&area=" WEIDEBUURT, NULL),
                     1); /* it serves the whole gemeente */
    assert_int_equal(count_items(fx->h, "/api/v1/organisations?q=huurders&area=" WEIDEBUURT, NULL),
                     0);
    expect_error(&fx->nobody, "GET", "/api/v1/organisations?kind=club", NULL, 400, "kind", NULL);
    expect_error(&fx->nobody, "GET", "/api/v1/organisations?cursor=999999", NULL, 404, "cursor",
                 NULL);
    expect_error(&fx->nobody, "GET", "/api/v1/organisations?limit=0", NULL, 400, "limit", NULL);
}

static void test_pages_follow_next_cursor(void **state)
{
    struct fixture *fx = *state;
    size_t all = count_items(fx->h, "/api/v1/organisations?limit=100", NULL);
    assert_true(all >= 4);
    size_t seen = 0;
    int64_t next = 0;
    char path[100] = "/api/v1/organisations?limit=2";
    do {
        seen += count_items(fx->h, path, &next);
        snprintf(path, sizeof path, "/api/v1/organisations?limit=2&cursor=%lld", (long long)next);
    } while (next);
    assert_int_equal(seen, all);
}

/* ---- interests ------------------------------------------------------------ */

static void test_resident_declares_an_interest(void **state)
{
    struct fixture *fx = *state;
    char body[200];
    snprintf(body, sizeof body, "{\"organisation_id\": %lld, \"note\": \"Ik werk er\"}",
             (long long)fx->welzijn);
    client_expect(&fx->resident, "POST", "/api/v1/me/interests", body, 201);
    struct http_resp resp;
    json_t *list = client_get_json(&fx->resident, "/api/v1/me/interests", &resp);
    json_t *first = json_array_get(json_object_get(list, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "organisation_name")), WELZIJN);
    http_resp_free(&resp);
    expect_error(&fx->nobody, "POST", "/api/v1/me/interests", body, 403, NULL, NULL);
    expect_error(&fx->resident, "POST", "/api/v1/me/interests", "{\"organisation_id\": 999999}",
                 404, "organisation", NULL);
    list = client_get_json(&fx->nobody, "/api/v1/me/interests", &resp);
    assert_int_equal(json_array_size(json_object_get(list, "items")), 0);
    http_resp_free(&resp);
}

/* ---- the pages ------------------------------------------------------------ */

static void test_pages_browse_and_show_a_profile(void **state)
{
    struct fixture *fx = *state;
    struct http_resp resp;
    assert_true(harness_get(fx->h, "/organisations?q=welzijn", &resp));
    assert_int_equal(resp.status, 200);
    assert_non_null(strstr(buf_cstr(&resp.body), WELZIJN));
    assert_null(strstr(buf_cstr(&resp.body), HUURDERS));
    http_resp_free(&resp);
    char path[100];
    snprintf(path, sizeof path, "/organisations/%lld",
             (long long)find_id(fx->h, "Sportclub De Linde")); /* it has a website */
    assert_true(harness_get(fx->h, path, &resp));
    assert_int_equal(resp.status, 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "rel=\"nofollow noopener\""));
    assert_non_null(strstr(buf_cstr(&resp.body), "/areas/WK990104/arena"));
    assert_null(strstr(buf_cstr(&resp.body), "/edit\""));
    http_resp_free(&resp);
}

static void test_edit_form_shows_the_message_then_saves(void **state)
{
    struct fixture *fx = *state;
    char path[100], body[400];
    snprintf(path, sizeof path, "/organisations/%lld/edit", (long long)fx->welzijn);
    struct http_resp resp;
    assert_int_equal(client_send(&fx->boss, "GET", path, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "value=\"" WELZIJN "\""));
    http_resp_free(&resp);
    client_expect(&fx->stranger, "GET", path, NULL, 403);
    snprintf(body, sizeof body,
             "csrf=%s&name=Welzijn+Lindenhoven&postal_code=99&areas=" GEMEENTE
             "&legal_form=stichting&kvk=90000001",
             fx->boss.csrf);
    assert_int_equal(client_send(&fx->boss, "POST", path, body, &resp), 400);
    assert_non_null(strstr(buf_cstr(&resp.body), "id=\"postal_code-error\""));
    assert_non_null(strstr(buf_cstr(&resp.body), "value=\"Welzijn Lindenhoven\""));
    http_resp_free(&resp);
    snprintf(body, sizeof body,
             "csrf=%s&name="
             "Stichting+Welzijn+Lindenhoven&postal_code=9901+aa&areas=" GEMEENTE
             "&legal_form=stichting&kvk=90000001",
             fx->boss.csrf);
    assert_int_equal(client_send(&fx->boss, "POST", path, body, &resp), 303);
    snprintf(path, sizeof path, "/organisations/%lld?done=saved", (long long)fx->welzijn);
    assert_string_equal(http_resp_header(&resp, "Location"), path);
    http_resp_free(&resp);
}

static void test_server_stops_cleanly(void **state)
{
    struct fixture *fx = *state;
    assert_true(harness_stop_server(fx->h));
}

/* ---- fixture -------------------------------------------------------------- */

static struct client acting(struct fixture *fx, const char *email, const char *role,
                            const char *scope, const char *claim)
{
    struct client c = client_person(fx->h, email, "Beheerder");
    client_grant(&fx->admin, email, role, scope);
    client_act_as(&c, claim, 200);
    return c;
}

static struct client verified_resident(struct fixture *fx, const char *email, const char *buurt)
{
    struct client c = client_person(fx->h, email, "Bewoner");
    char body[100], path[100];
    snprintf(body, sizeof body, "{\"buurt\": \"%s\"}", buurt);
    int64_t id = client_expect(&c, "POST", "/api/v1/me/residencies", body, 201);
    snprintf(path, sizeof path, "/api/v1/residencies/%lld/verify", (long long)id);
    client_expect(&fx->muni, "POST", path, NULL, 200);
    char claim[40];
    snprintf(claim, sizeof claim, "resident:%s", buurt);
    client_act_as(&c, claim, 200);
    return c;
}

static int group_setup(void **state)
{
    setenv("WIJKREGIE_FAST_HASH", "1", 1);
    struct fixture *fx = xcalloc(1, sizeof *fx);
    *state = fx;
    fx->h = harness_start();
    if (!fx->h)
        return -1;
    fx->admin = console_platform_admin(fx->h, "beheer@example.nl");
    fx->welzijn = find_id(fx->h, WELZIJN);
    fx->huurders = find_id(fx->h, HUURDERS);
    char scope[32], claim[64];
    snprintf(scope, sizeof scope, "%lld", (long long)fx->welzijn);
    snprintf(claim, sizeof claim, "organisation_admin:%s", scope);
    fx->boss = acting(fx, "welzijn@example.nl", "organisation_admin", scope, claim);
    snprintf(scope, sizeof scope, "%lld", (long long)fx->huurders);
    snprintf(claim, sizeof claim, "organisation_admin:%s", scope);
    fx->stranger = acting(fx, "huurders@example.nl", "organisation_admin", scope, claim);
    fx->muni = acting(fx, "gemeente@example.nl", "municipality_admin", GEMEENTE,
                      "municipality_admin:" GEMEENTE);
    fx->resident = verified_resident(fx, "bewoner@example.nl", BLOEMENBUURT);
    fx->nobody = client_person(fx->h, "niemand@example.nl", "Niemand");
    return fx->welzijn > 0 && fx->huurders > 0 ? 0 : -1;
}

static int group_teardown(void **state)
{
    struct fixture *fx = *state;
    bool ok = harness_stop(fx->h);
    free(fx);
    return ok ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_platform_admin_registers_a_full_profile),
        cmocka_unit_test(test_municipality_admin_registers_for_their_gemeente),
        cmocka_unit_test(test_refusal_comes_before_the_input),
        cmocka_unit_test(test_resident_registers_an_informal_group_of_their_buurt),
        cmocka_unit_test(test_bad_input_is_named_and_changes_nothing),
        cmocka_unit_test(test_duplicate_kvk_is_409_and_changes_nothing),
        cmocka_unit_test(test_admin_edits_the_profile_but_not_the_kind),
        cmocka_unit_test(test_only_its_own_admin_edits_the_profile),
        cmocka_unit_test(test_edit_to_a_taken_kvk_is_409),
        cmocka_unit_test(test_search_by_name_kind_and_area),
        cmocka_unit_test(test_pages_follow_next_cursor),
        cmocka_unit_test(test_resident_declares_an_interest),
        cmocka_unit_test(test_pages_browse_and_show_a_profile),
        cmocka_unit_test(test_edit_form_shows_the_message_then_saves),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
