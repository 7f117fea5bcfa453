/* API tests of capacities, residency, privacy and the area history over real
 * HTTP: who may verify a residency (not a professional, not an admin of
 * another gemeente), letter codes (single use, only in their own buurt),
 * choosing a capacity one holds (and not one one does not), the public
 * history of a buurt (the verification, no e-mail address), "download my
 * data" (only one's own, behind the password, without hashes) and erasure
 * (behind the password; afterwards no sign-in and nothing personal left).
 *
 * The first platform admin is made as an operator would, with `wijkregie
 * user add --admin`; it names the municipality admins through the API. A
 * second gemeente has no route yet, so the fixture writes it straight into
 * the test database; the organisation is added at the console (`wijkregie
 * organisation add`), and the professional's post is requested and
 * confirmed through the post model. */
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
#include "model/area.h"
#include "model/capacity.h"
#include "model/person.h"
#include "model/role.h"

#define BUURT "BU99010101"
#define OTHER_BUURT "BU99010102"

struct fixture {
    struct harness *h;
    struct client admin;        /* platform admin */
    struct client muni;         /* municipality admin of GM9901 */
    struct client elsewhere;    /* municipality admin of GM9902 */
    struct client professional; /* a confirmed post at an organisation */
};

/* Requests residency in buurt; returns its id. */
static int64_t request_residency(struct client *c, const char *buurt)
{
    char body[100];
    snprintf(body, sizeof body, "{\"buurt\": \"%s\"}", buurt);
    struct http_resp resp;
    assert_int_equal(client_send(c, "POST", "/api/v1/me/residencies", body, &resp), 201);
    int64_t id = json_integer_value(json_object_get(resp.json, "id"));
    http_resp_free(&resp);
    assert_true(id > 0);
    return id;
}

static void post_path(char *out, size_t n, int64_t id, const char *what)
{
    snprintf(out, n, "/api/v1/residencies/%lld/%s", (long long)id, what);
}

/* ---- fixture ------------------------------------------------------------- */

/* What has no route yet: a second gemeente. */
static void seed_gemeente(const struct harness *h)
{
    struct fault f = {0};
    struct db *db = db_open(h->db_url, &f);
    assert_non_null(db);
    struct area gm = {"GM9902", AREA_GEMEENTE, "Elders", NULL};
    assert_int_equal(area_upsert(db, &gm, &f), ERR_OK);
    db_close(db);
}

static int group_setup(void **state)
{
    setenv("WIJKREGIE_FAST_HASH", "1", 1);
    struct fixture *fx = xcalloc(1, sizeof *fx);
    *state = fx;
    fx->h = harness_start();
    if (!fx->h)
        return -1;
    seed_gemeente(fx->h);
    int64_t org = console_organisation(fx->h, "Welzijn Lindenhoven", "institution");
    fx->admin = console_platform_admin(fx->h, "beheer@example.nl");
    fx->muni = client_person(fx->h, "gemeente@example.nl", NULL);
    fx->elsewhere = client_person(fx->h, "elders@example.nl", NULL);
    fx->professional = client_person(fx->h, "welzijn@example.nl", NULL);
    client_grant(&fx->admin, "gemeente@example.nl", "municipality_admin", "GM9901");
    client_grant(&fx->admin, "elders@example.nl", "municipality_admin", "GM9902");
    char scope[32];
    snprintf(scope, sizeof scope, "%lld", (long long)org);
    struct client boss = client_person(fx->h, "organisatie@example.nl", NULL);
    client_grant(&fx->admin, "organisatie@example.nl", "organisation_admin", scope);
    seed_post_confirmed(fx->h, org, "welzijnswerker", fx->professional.person_id, boss.person_id);
    client_act_as(&fx->muni, "municipality_admin:GM9901", 200);
    client_act_as(&fx->elsewhere, "municipality_admin:GM9902", 200);
    client_act_as(&fx->professional, "professional", 200);
    return 0;
}

static int group_teardown(void **state)
{
    struct fixture *fx = *state;
    bool clean = harness_stop(fx->h);
    free(fx);
    return clean ? 0 : -1;
}

/* ---- residency ------------------------------------------------------------ */

static void test_professional_cannot_verify_residency(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "pro-target@example.nl", NULL);
    int64_t id = request_residency(&c, BUURT);
    char path[100];
    post_path(path, sizeof path, id, "verify");
    struct http_resp resp;
    assert_int_equal(client_send(&fx->professional, "POST", path, NULL, &resp), 403);
    const char *msg = json_string_value(json_object_get(resp.json, "message"));
    assert_non_null(msg);
    assert_non_null(strstr(msg, "Only admins of the gemeente"));
    http_resp_free(&resp);
    struct http_resp mine;
    assert_int_equal(client_send(&c, "GET", "/api/v1/me/residencies", NULL, &mine), 200);
    json_t *first = json_array_get(json_object_get(mine.json, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "status")), "requested");
    http_resp_free(&mine);
}

static void test_admin_of_another_gemeente_cannot_verify(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "other-gm@example.nl", NULL);
    int64_t id = request_residency(&c, BUURT);
    char path[100];
    post_path(path, sizeof path, id, "verify");
    client_expect(&fx->elsewhere, "POST", path, NULL, 403);
    post_path(path, sizeof path, id, "reject");
    client_expect(&fx->elsewhere, "POST", path, NULL, 403);
    struct http_resp q;
    assert_int_equal(client_send(&fx->elsewhere, "GET", "/api/v1/residencies/queue", NULL, &q),
                     200);
    assert_int_equal(json_array_size(json_object_get(q.json, "items")), 0);
    http_resp_free(&q);
}

/* The admin of the buurt's own gemeente sees the request in the queue and
 * verifies it; the buurt's public history then shows the verification. */
static void test_admin_verifies_and_area_history_shows_it(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "verified-by-admin@example.nl", NULL);
    int64_t id = request_residency(&c, BUURT);
    struct http_resp q;
    assert_int_equal(client_send(&fx->muni, "GET", "/api/v1/residencies/queue", NULL, &q), 200);
    assert_true(json_array_size(json_object_get(q.json, "items")) >= 1);
    http_resp_free(&q);
    char path[100];
    post_path(path, sizeof path, id, "verify");
    struct http_resp resp;
    assert_int_equal(client_send(&fx->muni, "POST", path, NULL, &resp), 200);
    assert_string_equal(json_string_value(json_object_get(resp.json, "status")), "verified");
    http_resp_free(&resp);
    client_expect(&fx->muni, "POST", path, NULL, 409);
    assert_true(harness_get(fx->h, "/areas/" BUURT "/audit", &resp));
    assert_int_equal(resp.status, 200);
    const char *page = buf_cstr(&resp.body);
    assert_non_null(strstr(page, "residency.verify"));
    assert_null(strchr(page, '@'));
    assert_null(strstr(page, "residency.request")); /* restricted entries stay out */
    http_resp_free(&resp);
}

/* Letters for addresses in OTHER_BUURT; returns the first code (static). */
static const char *make_letter(struct client *muni)
{
    static char code[64];
    struct http_resp resp;
    assert_int_equal(client_send(muni, "POST", "/api/v1/letters",
                                 "{\"buurt\": \"" OTHER_BUURT "\", \"addresses\": "
                                 "\"Kerkstraat 1\\nKerkstraat 2\"}",
                                 &resp),
                     201);
    json_t *letters = json_object_get(resp.json, "letters");
    assert_int_equal(json_array_size(letters), 2);
    snprintf(code, sizeof code, "%s",
             json_string_value(json_object_get(json_array_get(letters, 0), "code")));
    http_resp_free(&resp);
    assert_int_equal(strlen(code), 19);
    return code;
}

static void redeem(struct client *c, const char *code, long status)
{
    char body[100];
    snprintf(body, sizeof body, "{\"code\": \"%s\"}", code);
    client_expect(c, "POST", "/api/v1/me/residency-code", body, status);
}

static void test_letter_code_is_single_use_and_only_for_its_buurt(void **state)
{
    struct fixture *fx = *state;
    const char *code = make_letter(&fx->muni);
    struct client a = client_person(fx->h, "letter-a@example.nl", NULL);
    request_residency(&a, BUURT);
    redeem(&a, code, 409); /* no open request in the letter's buurt */
    request_residency(&a, OTHER_BUURT);
    redeem(&a, code, 200);
    struct client b = client_person(fx->h, "letter-b@example.nl", NULL);
    request_residency(&b, OTHER_BUURT);
    redeem(&b, code, 409); /* used */
    redeem(&b, "0000-0000-0000-0000", 404);
    client_act_as(&a, "resident:" OTHER_BUURT, 200);
}

static void test_professional_cannot_print_letters(void **state)
{
    struct fixture *fx = *state;
    client_expect(&fx->professional, "POST", "/api/v1/letters",
                  "{\"buurt\": \"" BUURT "\", \"addresses\": \"Markt 1\"}", 403);
    client_expect(&fx->elsewhere, "POST", "/api/v1/letters",
                  "{\"buurt\": \"" BUURT "\", \"addresses\": \"Markt 1\"}", 403);
}

static void test_two_vouches_verify_a_neighbour(void **state)
{
    struct fixture *fx = *state;
    struct client v[2] = {client_person(fx->h, "voucher-1@example.nl", NULL),
                          client_person(fx->h, "voucher-2@example.nl", NULL)};
    char path[100];
    for (int i = 0; i < 2; i++) {
        post_path(path, sizeof path, request_residency(&v[i], BUURT), "verify");
        client_expect(&fx->muni, "POST", path, NULL, 200);
        client_act_as(&v[i], "resident:" BUURT, 200);
    }
    struct client n = client_person(fx->h, "neighbour@example.nl", NULL);
    int64_t id = request_residency(&n, BUURT);
    post_path(path, sizeof path, id, "vouch");
    client_expect(&n, "POST", path, NULL, 403); /* not for oneself */
    client_expect(&v[0], "POST", path, NULL, 200);
    client_expect(&v[0], "POST", path, NULL, 409);
    struct http_resp resp;
    assert_int_equal(client_send(&v[1], "POST", path, NULL, &resp), 200);
    assert_string_equal(json_string_value(json_object_get(resp.json, "status")), "verified");
    assert_string_equal(json_string_value(json_object_get(resp.json, "method")), "vouch");
    http_resp_free(&resp);
}

/* ---- capacities ----------------------------------------------------------- */

static void test_capacity_not_held_cannot_be_chosen(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "no-capacity@example.nl", NULL);
    client_act_as(&c, "municipality_admin:GM9901", 403);
    client_act_as(&c, "resident:" BUURT, 403);
    client_act_as(&c, "console", 403);
    struct http_resp resp;
    assert_int_equal(client_send(&c, "GET", "/api/v1/me", NULL, &resp), 200);
    assert_true(json_is_null(json_object_get(resp.json, "capacity")));
    http_resp_free(&resp);
}

static void test_acting_capacity_is_shown(void **state)
{
    struct fixture *fx = *state;
    struct http_resp resp;
    assert_int_equal(client_send(&fx->muni, "GET", "/api/v1/me/capacities", NULL, &resp), 200);
    assert_string_equal(json_string_value(json_object_get(resp.json, "acting_as")),
                        "municipality_admin:GM9901");
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->muni, "GET", "/account/capacity", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "municipality_admin:GM9901"));
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->muni, "GET", "/", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "municipality_admin:GM9901"));
    http_resp_free(&resp);
}

/* ---- privacy -------------------------------------------------------------- */

static void test_export_is_only_of_oneself(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "exporter@example.nl", NULL);
    char path[100];
    snprintf(path, sizeof path, "/api/v1/people/%lld/data", (long long)fx->muni.person_id);
    struct http_resp resp;
    long status = client_send(&c, "POST", path, "{\"password\": \"" CLIENT_PASSWORD "\"}", &resp);
    assert_true(status == 404 || status == 405);
    assert_null(strstr(buf_cstr(&resp.body), "gemeente@example.nl"));
    http_resp_free(&resp);
    client_expect(&c, "POST", "/api/v1/me/data", "{\"password\": \"wrong password here\"}", 403);
}

static void test_export_holds_the_persons_rows_and_no_hash(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "my-data@example.nl", NULL);
    request_residency(&c, BUURT);
    struct http_resp resp;
    assert_int_equal(client_send(&c, "POST", "/api/v1/me/data",
                                 "{\"password\": \"" CLIENT_PASSWORD "\"}", &resp),
                     200);
    const char *disp = http_resp_header(&resp, "Content-Disposition");
    assert_non_null(disp);
    assert_int_equal(strncmp(disp, "attachment", 10), 0);
    const char *body = buf_cstr(&resp.body);
    assert_non_null(strstr(body, "my-data@example.nl"));
    assert_non_null(strstr(body, BUURT));
    assert_null(strstr(body, "$argon2"));
    assert_null(strstr(body, "password_hash"));
    assert_string_equal(json_string_value(json_object_get(resp.json, "format")),
                        "wijkregie-personal-data/1");
    http_resp_free(&resp);
}

/* The export of person_id read straight from the database. */
static char *export_of(const struct harness *h, int64_t person_id)
{
    struct fault f = {0};
    struct db *db = db_open(h->db_url, &f);
    assert_non_null(db);
    struct arena *a = arena_new();
    const char *json = NULL;
    assert_int_equal(person_export_json(db, a, person_id, time(NULL), &json, &f), ERR_OK);
    char *copy = xstrdup(json);
    arena_free(a);
    db_close(db);
    return copy;
}

/* How many rows an export holds of table; -1 when it lists no such table. */
static int table_rows(const char *export, const char *table)
{
    json_t *doc = json_loads(export, 0, NULL);
    assert_non_null(doc);
    int rows = -1;
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(doc, "tables"), i, t)
    {
        if (strcmp(json_string_value(json_object_get(t, "table")), table) == 0)
            rows = (int)json_array_size(json_object_get(t, "rows"));
    }
    json_decref(doc);
    return rows;
}

static void test_erasure_needs_the_password_and_leaves_nothing(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "erase-me@example.nl", NULL);
    request_residency(&c, BUURT);
    client_expect(&c, "POST", "/api/v1/me/erase", "{\"password\": \"not the password\"}", 403);
    client_expect(&c, "POST", "/api/v1/me/erase", "{}", 403);
    client_expect(&c, "GET", "/api/v1/me", NULL, 200); /* nothing changed */
    char *before = export_of(fx->h, c.person_id);
    assert_non_null(strstr(before, "erase-me@example.nl"));
    assert_true(table_rows(before, "session") >= 1);
    free(before);
    client_expect(&c, "POST", "/api/v1/me/erase", "{\"password\": \"" CLIENT_PASSWORD "\"}", 204);
    client_expect(&c, "GET", "/api/v1/me", NULL, 401);
    struct client again = client_new(fx->h);
    assert_int_equal(client_sign_in(&again, "erase-me@example.nl"), 401);
    char *after = export_of(fx->h, c.person_id);
    assert_null(strstr(after, "erase-me@example.nl"));
    assert_null(strstr(after, "Buur\""));
    assert_int_equal(table_rows(after, "session"), 0);
    free(after);
}

static void test_writes_need_the_csrf_token(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "no-token@example.nl", NULL);
    c.csrf[0] = '\0';
    client_expect(&c, "POST", "/api/v1/me/residencies", "{\"buurt\": \"" BUURT "\"}", 403);
    client_expect(&c, "POST", "/api/v1/me/data", "{\"password\": \"" CLIENT_PASSWORD "\"}", 403);
}

static void test_server_stops_cleanly(void **state)
{
    struct fixture *fx = *state;
    assert_true(harness_stop_server(fx->h));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_professional_cannot_verify_residency),
        cmocka_unit_test(test_admin_of_another_gemeente_cannot_verify),
        cmocka_unit_test(test_admin_verifies_and_area_history_shows_it),
        cmocka_unit_test(test_letter_code_is_single_use_and_only_for_its_buurt),
        cmocka_unit_test(test_professional_cannot_print_letters),
        cmocka_unit_test(test_two_vouches_verify_a_neighbour),
        cmocka_unit_test(test_capacity_not_held_cannot_be_chosen),
        cmocka_unit_test(test_acting_capacity_is_shown),
        cmocka_unit_test(test_export_is_only_of_oneself),
        cmocka_unit_test(test_export_holds_the_persons_rows_and_no_hash),
        cmocka_unit_test(test_erasure_needs_the_password_and_leaves_nothing),
        cmocka_unit_test(test_writes_need_the_csrf_token),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
