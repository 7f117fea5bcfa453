/* API tests of the audit log's pages and API and of invitations, over real
 * HTTP (on SQLite, and on PostgreSQL with WIJKREGIE_TEST_DB_URL):
 *   - the public entries of one object and of an area, with the capacity
 *     they were written in (in words on the pages), paged with before=;
 *   - one's own restricted entries (sign-ins, ...), never another person's;
 *   - no e-mail address, session token or CSRF token in any audit answer;
 *   - invitations: made by a platform admin or a municipality admin for
 *     their gemeente, refused to a person without such a capacity with the
 *     policy's reason, days checked (1..90), a code that works once at
 *     sign-up and not after it expired.
 * The platform admin is made at the console (`wijkregie user add --admin`);
 * the municipality admin is named through the API. */
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
#include "core/arena.h"
#include "core/buf.h"
#include "core/mem.h"
#include "db/db.h"
#include "harness.h"
#include "model/capacity.h"
#include "model/invitation.h"

#define BUURT "BU99010101"
#define GEMEENTE "GM9901"

struct fixture {
    struct harness *h;
    struct client admin; /* platform admin */
    struct client muni;  /* municipality admin of GM9901 */
    int64_t verified;    /* a residency the municipality admin verified */
};

/* ---- fixture ------------------------------------------------------------- */

/* A residency in BUURT, requested by a new person and verified by muni:
 * a public entry on object ("area", BUURT) in the capacity
 * municipality_admin:GM9901. */
static void verify_someone(struct fixture *fx, const char *email)
{
    struct client c = client_person(fx->h, email, NULL);
    struct http_resp resp;
    assert_int_equal(
        client_send(&c, "POST", "/api/v1/me/residencies", "{\"buurt\": \"" BUURT "\"}", &resp),
        201);
    int64_t id = json_integer_value(json_object_get(resp.json, "id"));
    http_resp_free(&resp);
    char path[100];
    snprintf(path, sizeof path, "/api/v1/residencies/%lld/verify", (long long)id);
    client_expect(&fx->muni, "POST", path, NULL, 200);
    fx->verified = id;
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
    fx->muni = client_person(fx->h, "gemeente@example.nl", NULL);
    client_grant(&fx->admin, "gemeente@example.nl", "municipality_admin", GEMEENTE);
    client_act_as(&fx->muni, "municipality_admin:" GEMEENTE, 200);
    verify_someone(fx, "bewoner-1@example.nl");
    verify_someone(fx, "bewoner-2@example.nl");
    return 0;
}

static int group_teardown(void **state)
{
    struct fixture *fx = *state;
    bool clean = harness_stop(fx->h);
    free(fx);
    return clean ? 0 : -1;
}

/* ---- the public log ------------------------------------------------------- */

static void test_object_entries_show_who_and_in_which_capacity(void **state)
{
    struct fixture *fx = *state;
    struct client anon = client_new(fx->h);
    struct http_resp resp;
    json_t *doc = client_get_json(&anon, "/api/v1/audit?object_type=area&object_id=" BUURT, &resp);
    json_t *items = json_object_get(doc, "items");
    assert_true(json_array_size(items) >= 2);
    json_t *e = json_array_get(items, 0);
    assert_string_equal(json_string_value(json_object_get(e, "action")), "residency.verify");
    assert_string_equal(json_string_value(json_object_get(e, "object_type")), "area");
    assert_string_equal(json_string_value(json_object_get(e, "object_id")), BUURT);
    assert_string_equal(json_string_value(json_object_get(e, "area_code")), BUURT);
    assert_string_equal(json_string_value(json_object_get(e, "capacity")),
                        "municipality_admin:" GEMEENTE);
    json_t *actor = json_object_get(e, "actor");
    assert_int_equal(json_integer_value(json_object_get(actor, "id")), fx->muni.person_id);
    assert_string_equal(json_string_value(json_object_get(actor, "name")), "Buur");
    assert_non_null(strstr(json_string_value(json_object_get(e, "at")), "T"));
    assert_true(json_is_true(json_object_get(e, "public")));
    assert_true(json_is_null(json_object_get(doc, "next")));
    http_resp_free(&resp);
    /* the page says it in words */
    assert_int_equal(client_send(&anon, "GET", "/audit/area/" BUURT, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "as municipality admin of "));
    assert_non_null(strstr(buf_cstr(&resp.body), "residency.verify"));
    http_resp_free(&resp);
}

static void test_before_pages_to_older_entries(void **state)
{
    struct fixture *fx = *state;
    struct client anon = client_new(fx->h);
    struct http_resp all, older;
    json_t *items = json_object_get(
        client_get_json(&anon, "/api/v1/audit?object_type=area&object_id=" BUURT, &all), "items");
    size_t n = json_array_size(items);
    int64_t newest = json_integer_value(json_object_get(json_array_get(items, 0), "id"));
    int64_t second = json_integer_value(json_object_get(json_array_get(items, 1), "id"));
    char path[200];
    snprintf(path, sizeof path, "/api/v1/audit?object_type=area&object_id=" BUURT "&before=%lld",
             (long long)newest);
    json_t *rest = json_object_get(client_get_json(&anon, path, &older), "items");
    assert_int_equal(json_array_size(rest), n - 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(rest, 0), "id")), second);
    http_resp_free(&all);
    http_resp_free(&older);
    client_expect(&anon, "GET", "/api/v1/audit?object_type=area&object_id=" BUURT "&before=0", NULL,
                  400);
    client_expect(&anon, "GET", "/api/v1/audit?object_type=area&object_id=" BUURT "&before=x", NULL,
                  400);
    client_expect(&anon, "GET", "/api/v1/audit?object_type=Area&object_id=" BUURT, NULL, 400);
    client_expect(&anon, "GET", "/api/v1/audit?object_id=" BUURT, NULL, 400);
}

static void test_area_entries_are_public_and_unknown_areas_are_404(void **state)
{
    struct fixture *fx = *state;
    struct client anon = client_new(fx->h);
    struct http_resp resp;
    json_t *items =
        json_object_get(client_get_json(&anon, "/api/v1/areas/" BUURT "/audit", &resp), "items");
    assert_true(json_array_size(items) >= 2);
    size_t i;
    json_t *e;
    json_array_foreach(items, i, e)
    {
        assert_true(json_is_true(json_object_get(e, "public")));
        assert_string_not_equal(json_string_value(json_object_get(e, "action")),
                                "residency.request");
    }
    http_resp_free(&resp);
    client_expect(&anon, "GET", "/api/v1/areas/BU99999999/audit", NULL, 404);
    /* the area page links each row to its object's page */
    assert_int_equal(client_send(&anon, "GET", "/areas/" BUURT "/audit", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "href=\"/audit/area/" BUURT "\""));
    http_resp_free(&resp);
}

/* ---- one's own entries ---------------------------------------------------- */

static bool mentions_person(json_t *e, int64_t id)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", (long long)id);
    json_t *actor_id = json_object_get(json_object_get(e, "actor"), "id");
    return json_integer_value(actor_id) == id ||
           (strcmp(json_string_value(json_object_get(e, "object_type")), "person") == 0 &&
            strcmp(json_string_value(json_object_get(e, "object_id")), text) == 0);
}

static void test_my_entries_are_mine_only(void **state)
{
    struct fixture *fx = *state;
    struct client ann = client_person(fx->h, "ann-activity@example.nl", NULL);
    struct client bob = client_person(fx->h, "bob-activity@example.nl", NULL);
    struct http_resp resp;
    json_t *items = json_object_get(client_get_json(&ann, "/api/v1/me/audit", &resp), "items");
    bool signed_in = false;
    size_t i;
    json_t *e;
    json_array_foreach(items, i, e)
    {
        assert_true(mentions_person(e, ann.person_id));
        assert_false(mentions_person(e, bob.person_id));
        assert_true(json_is_false(json_object_get(e, "public")));
        signed_in |= strcmp(json_string_value(json_object_get(e, "action")), "session.start") == 0;
    }
    assert_true(signed_in);
    http_resp_free(&resp);
    assert_int_equal(client_send(&ann, "GET", "/account/activity", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "session.start"));
    http_resp_free(&resp);
    struct client anon = client_new(fx->h);
    client_expect(&anon, "GET", "/api/v1/me/audit", NULL, 401);
}

/* No e-mail address and no token of the client in any audit answer. */
static void test_no_address_or_token_in_audit_answers(void **state)
{
    struct fixture *fx = *state;
    struct client ann = client_person(fx->h, "ann-secret@example.nl", NULL);
    const char *paths[] = {"/api/v1/me/audit",
                           "/api/v1/audit?object_type=area&object_id=" BUURT,
                           "/api/v1/areas/" BUURT "/audit",
                           "/account/activity",
                           "/audit/area/" BUURT,
                           "/areas/" BUURT "/audit"};
    struct client *who[] = {&ann, &fx->muni, &fx->admin};
    for (size_t k = 0; k < sizeof who / sizeof who[0]; k++) {
        for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
            struct http_resp resp;
            assert_int_equal(client_send(who[k], "GET", paths[i], NULL, &resp), 200);
            const char *body = buf_cstr(&resp.body);
            if (strchr(body, '@'))
                fail_msg("'@' in %s", paths[i]);
            assert_null(strstr(body, who[k]->session));
            if (strncmp(paths[i], "/api/", 5) == 0) /* pages carry the CSRF field */
                assert_null(strstr(body, who[k]->csrf));
            http_resp_free(&resp);
        }
    }
}

/* ---- invitations ---------------------------------------------------------- */

/* Makes an invitation as c; returns the code (static) or NULL. */
static const char *invite(struct client *c, const char *body, long status)
{
    static char code[64];
    struct http_resp resp;
    long got = client_send(c, "POST", "/api/v1/invitations", body, &resp);
    if (got != status)
        fail_msg("POST /api/v1/invitations -> %ld, expected %ld: %s", got, status,
                 buf_cstr(&resp.body));
    const char *value = json_string_value(json_object_get(resp.json, "code"));
    if (status == 201) {
        assert_non_null(value);
        assert_string_equal(http_resp_header(&resp, "Cache-Control"), "no-store");
        assert_true(json_integer_value(json_object_get(resp.json, "id")) > 0);
        assert_non_null(json_string_value(json_object_get(resp.json, "expires_at")));
        snprintf(code, sizeof code, "%s", value);
    }
    http_resp_free(&resp);
    return status == 201 ? code : NULL;
}

static size_t my_invitations(struct client *c)
{
    struct http_resp resp;
    json_t *items = json_object_get(client_get_json(c, "/api/v1/invitations", &resp), "items");
    size_t i, n = json_array_size(items);
    json_t *v;
    json_array_foreach(items, i, v) assert_null(json_object_get(v, "code"));
    http_resp_free(&resp);
    return n;
}

static void test_invitation_works_once_at_sign_up(void **state)
{
    struct fixture *fx = *state;
    const char *code = invite(&fx->admin, "{\"days\": 7, \"note\": \"voor de buren\"}", 201);
    char copy[64];
    snprintf(copy, sizeof copy, "%s", code);
    struct client a = client_new(fx->h), b = client_new(fx->h);
    assert_int_equal(client_sign_up(&a, "invited-1@example.nl", NULL, copy), 201);
    assert_int_equal(client_sign_up(&b, "invited-2@example.nl", NULL, copy), 409);
    assert_int_equal(client_sign_in(&b, "invited-2@example.nl"), 401); /* nobody was made */
    assert_int_equal(
        client_sign_up(&b, "invited-3@example.nl", NULL, "0000-0000-0000-0000-0000-0000-0000-0000"),
        404);
    struct http_resp resp;
    json_t *items =
        json_object_get(client_get_json(&fx->admin, "/api/v1/invitations", &resp), "items");
    json_t *first = json_array_get(items, 0);
    assert_true(json_is_true(json_object_get(first, "used")));
    assert_string_equal(json_string_value(json_object_get(first, "note")), "voor de buren");
    http_resp_free(&resp);
}

static void test_person_without_capacity_cannot_invite(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "no-invites@example.nl", NULL);
    struct http_resp resp;
    assert_int_equal(client_send(&c, "POST", "/api/v1/invitations", "{\"days\": 7}", &resp), 403);
    const char *msg = json_string_value(json_object_get(resp.json, "message"));
    assert_non_null(msg);
    assert_non_null(strstr(msg, "Platform admins invite anyone"));
    http_resp_free(&resp);
    assert_int_equal(my_invitations(&c), 0);
    struct client anon = client_new(fx->h);
    client_expect(&anon, "POST", "/api/v1/invitations", "{\"days\": 7}", 401);
}

static void test_municipality_admin_invites_for_their_gemeente(void **state)
{
    struct fixture *fx = *state;
    size_t before = my_invitations(&fx->muni);
    invite(&fx->muni, "{\"days\": 30}", 201);
    assert_int_equal(my_invitations(&fx->muni), before + 1);
    struct http_resp resp;
    json_t *items = json_object_get(client_get_json(&fx->muni, "/api/v1/me/audit", &resp), "items");
    json_t *e = json_array_get(items, 0);
    assert_string_equal(json_string_value(json_object_get(e, "action")), "invitation.create");
    assert_string_equal(json_string_value(json_object_get(e, "capacity")),
                        "municipality_admin:" GEMEENTE);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(e, "detail"), "gemeente")), GEMEENTE);
    http_resp_free(&resp);
}

static void test_days_out_of_range_are_refused(void **state)
{
    struct fixture *fx = *state;
    size_t before = my_invitations(&fx->admin);
    const char *bad[] = {"{\"days\": 0}", "{\"days\": 91}", "{\"note\": \"no days\"}",
                         "{\"days\": 7, \"note\": \"two\\nlines\"}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct http_resp resp;
        assert_int_equal(client_send(&fx->admin, "POST", "/api/v1/invitations", bad[i], &resp),
                         400);
        const char *field = json_string_value(json_object_get(resp.json, "field"));
        assert_string_equal(field, i < 3 ? "days" : "note");
        assert_non_null(json_string_value(json_object_get(resp.json, "message")));
        http_resp_free(&resp);
    }
    struct http_resp resp;
    assert_int_equal(
        client_send(&fx->admin, "POST", "/api/v1/invitations", "{\"days\": 91}", &resp), 400);
    assert_non_null(strstr(json_string_value(json_object_get(resp.json, "message")), "1 to 90"));
    http_resp_free(&resp);
    assert_int_equal(my_invitations(&fx->admin), before);
}

/* An invitation made two hours ago for one hour, at the console. */
static void test_expired_invitation_is_refused(void **state)
{
    struct fixture *fx = *state;
    struct fault f = {0};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    struct arena *a = arena_new();
    struct actor console = {0, CAPACITY_CONSOLE, NULL, (int64_t)time(NULL) - 7200};
    const char *code = NULL;
    assert_int_equal(invitation_create(db, a, NULL, 3600, &console, &code, NULL, &f), ERR_OK);
    struct client c = client_new(fx->h);
    struct http_resp resp;
    char body[300];
    snprintf(body, sizeof body,
             "{\"email\": \"too-late@example.nl\", \"display_name\": \"Laat\", \"password\": "
             "\"" CLIENT_PASSWORD "\", \"invitation\": \"%s\"}",
             code);
    assert_int_equal(client_send(&c, "POST", "/api/v1/people", body, &resp), 409);
    assert_string_equal(json_string_value(json_object_get(resp.json, "message")),
                        "This code has expired; ask for a new one.");
    http_resp_free(&resp);
    arena_free(a);
    db_close(db);
}

static void test_server_stops_cleanly(void **state)
{
    struct fixture *fx = *state;
    assert_true(harness_stop_server(fx->h));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_object_entries_show_who_and_in_which_capacity),
        cmocka_unit_test(test_before_pages_to_older_entries),
        cmocka_unit_test(test_area_entries_are_public_and_unknown_areas_are_404),
        cmocka_unit_test(test_my_entries_are_mine_only),
        cmocka_unit_test(test_no_address_or_token_in_audit_answers),
        cmocka_unit_test(test_invitation_works_once_at_sign_up),
        cmocka_unit_test(test_person_without_capacity_cannot_invite),
        cmocka_unit_test(test_municipality_admin_invites_for_their_gemeente),
        cmocka_unit_test(test_days_out_of_range_are_refused),
        cmocka_unit_test(test_expired_invitation_is_refused),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
