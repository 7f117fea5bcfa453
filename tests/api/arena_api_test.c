/* API tests of the arena over real HTTP: the arena JSON of a demo buurt
 * (its organisations and the relations among them); recording a relation
 * as an admin of one of the two organisations, and refused with 400 for
 * an end before the start, 404 naming a missing actor, 403 for a non-admin
 * (nothing changed), 409 for a duplicate; ending one; the history of a
 * buurt: an event added by a verified resident of it (201, listed with its
 * author), refused for a resident of another buurt (403, nothing added).
 * The demo (loaded by the harness) brings the organisations and their
 * relations; accounts and roles are made as an operator would. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "client.h"
#include "core/buf.h"
#include "core/mem.h"
#include "harness.h"

#define WELZIJN "Stichting Welzijn Lindenhoven"
#define HUURDERS "Huurdersvereniging Lindenhof"
#define KOOKCLUB "Vrijdagkookclub Bloemenbuurt"
#define BUURT "BU99010202"

struct fixture {
    struct harness *h;
    struct client admin; /* platform admin */
    int64_t welzijn, huurders, kookclub;
};

/* Runs `wijkregie ARGS --db URL` as the operator would. */
static void cli(const struct harness *h, const char *args, const char *input)
{
    char cmd[1000];
    snprintf(cmd, sizeof cmd, "'%s' %s --db '%s' >/dev/null", getenv("WIJKREGIE_BIN"), args,
             h->db_url);
    FILE *p = popen(cmd, "w");
    assert_non_null(p);
    if (input)
        fputs(input, p);
    assert_int_equal(pclose(p), 0);
}

static int64_t organisation_id(const struct harness *h, const char *name)
{
    struct http_resp resp;
    json_t *body = harness_get_json(h, "/api/v1/organisations", 200, &resp);
    int64_t id = 0;
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(body, "items"), i, item)
    {
        if (strcmp(json_string_value(json_object_get(item, "name")), name) == 0)
            id = json_integer_value(json_object_get(item, "id"));
    }
    http_resp_free(&resp);
    if (id == 0)
        fail_msg("the demo has no organisation called %s", name);
    return id;
}

/* A new person named organisation admin of org, acting as one. */
static struct client org_admin(struct fixture *fx, const char *email, int64_t org)
{
    struct client c = client_person(fx->h, email, "Beheerder");
    char scope[32], claim[64];
    snprintf(scope, sizeof scope, "%lld", (long long)org);
    client_grant(&fx->admin, email, "organisation_admin", scope);
    snprintf(claim, sizeof claim, "organisation_admin:%lld", (long long)org);
    client_act_as(&c, claim, 200);
    return c;
}

/* A new person, verified resident of buurt at the console, acting as one. */
static struct client resident(struct fixture *fx, const char *email, const char *buurt)
{
    struct client c = client_person(fx->h, email, "Bewoner");
    char args[300];
    snprintf(args, sizeof args, "user verify %s --buurt %s", email, buurt);
    cli(fx->h, args, NULL);
    client_act_as(&c, "resident", 200);
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
    fx->welzijn = organisation_id(fx->h, WELZIJN);
    fx->huurders = organisation_id(fx->h, HUURDERS);
    fx->kookclub = organisation_id(fx->h, KOOKCLUB);
    return 0;
}

static int group_teardown(void **state)
{
    struct fixture *fx = *state;
    bool clean = harness_stop(fx->h);
    free(fx);
    return clean ? 0 : -1;
}

static size_t count(const struct harness *h, const char *path, const char *member)
{
    struct http_resp resp;
    json_t *body = harness_get_json(h, path, 200, &resp);
    size_t n = json_array_size(json_object_get(body, member));
    http_resp_free(&resp);
    return n;
}

/* ---- the arena -------------------------------------------------------------- */

static void test_the_arena_of_a_demo_buurt(void **state)
{
    struct fixture *fx = *state;
    struct http_resp resp;
    json_t *body = harness_get_json(fx->h, "/api/v1/areas/" BUURT "/arena", 200, &resp);
    assert_string_equal(json_string_value(json_object_get(json_object_get(body, "area"), "code")),
                        BUURT);
    assert_int_equal(json_array_size(json_object_get(body, "nodes")), 3);
    json_t *edges = json_object_get(body, "edges");
    assert_int_equal(json_array_size(edges), 3);
    size_t i;
    json_t *e;
    bool funds = false;
    json_array_foreach(edges, i, e)
    {
        const char *from = json_string_value(json_object_get(json_object_get(e, "from"), "name"));
        const char *to = json_string_value(json_object_get(json_object_get(e, "to"), "name"));
        const char *kind = json_string_value(json_object_get(e, "kind"));
        funds |=
            strcmp(from, WELZIJN) == 0 && strcmp(kind, "funds") == 0 && strcmp(to, KOOKCLUB) == 0;
    }
    assert_true(funds);
    http_resp_free(&resp);
    struct http_resp missing;
    assert_true(harness_get(fx->h, "/api/v1/areas/BU99999999/arena", &missing));
    assert_int_equal(missing.status, 404);
    http_resp_free(&missing);
}

static void test_relations_are_recorded_by_an_admin_of_either_end(void **state)
{
    struct fixture *fx = *state;
    struct client boss = org_admin(fx, "kookclub-beheer@example.nl", fx->kookclub);
    char path[100], body[300];
    snprintf(path, sizeof path, "/api/v1/organisations/%lld/relations", (long long)fx->kookclub);
    size_t before = count(fx->h, path, "items");
    /* an end before the start */
    snprintf(body, sizeof body,
             "{\"from_id\": %lld, \"to_id\": %lld, \"kind\": \"collaborates_with\", "
             "\"start_date\": \"2025-05-01\", \"end_date\": \"2025-04-01\"}",
             (long long)fx->kookclub, (long long)fx->huurders);
    struct http_resp resp;
    assert_int_equal(client_send(&boss, "POST", "/api/v1/relations", body, &resp), 400);
    assert_string_equal(json_string_value(json_object_get(resp.json, "field")), "end_date");
    http_resp_free(&resp);
    /* a missing actor, named */
    snprintf(body, sizeof body,
             "{\"from_id\": %lld, \"to_id\": 987654, \"kind\": \"funds\", "
             "\"start_date\": \"2025-05-01\"}",
             (long long)fx->kookclub);
    assert_int_equal(client_send(&boss, "POST", "/api/v1/relations", body, &resp), 404);
    assert_non_null(strstr(json_string_value(json_object_get(resp.json, "message")), "987654"));
    http_resp_free(&resp);
    /* a non-admin of both */
    struct client other = org_admin(fx, "welzijn-beheer@example.nl", fx->welzijn);
    snprintf(body, sizeof body,
             "{\"from_id\": %lld, \"to_id\": %lld, \"kind\": \"is_part_of\", "
             "\"start_date\": \"2025-05-01\"}",
             (long long)fx->kookclub, (long long)fx->huurders);
    client_expect(&other, "POST", "/api/v1/relations", body, 403);
    struct client nobody = client_person(fx->h, "buur@example.nl", "Buur");
    client_expect(&nobody, "POST", "/api/v1/relations", body, 403);
    assert_int_equal(count(fx->h, path, "items"), before);
    /* the admin records it, once */
    assert_int_equal(client_send(&boss, "POST", "/api/v1/relations", body, &resp), 201);
    int64_t id = json_integer_value(json_object_get(resp.json, "id"));
    assert_string_equal(json_string_value(json_object_get(resp.json, "kind")), "is_part_of");
    http_resp_free(&resp);
    client_expect(&boss, "POST", "/api/v1/relations", body, 409);
    assert_int_equal(count(fx->h, path, "items"), before + 1);
    /* and ends it */
    char end[100];
    snprintf(end, sizeof end, "/api/v1/relations/%lld/end", (long long)id);
    client_expect(&other, "POST", end, "{}", 403);
    client_expect(&boss, "POST", end, "{\"end_date\": \"2025-04-30\"}", 400);
    client_expect(&boss, "POST", end, "{\"end_date\": \"2025-12-31\"}", 200);
    client_expect(&boss, "POST", end, "{}", 409);
}

/* ---- the history ------------------------------------------------------------ */

static void test_a_resident_adds_to_the_history_of_their_buurt_only(void **state)
{
    struct fixture *fx = *state;
    const char *path = "/api/v1/areas/" BUURT "/history";
    size_t before = count(fx->h, path, "items");
    struct client stranger = resident(fx, "elders@example.nl", "BU99010101");
    char body[400];
    snprintf(body, sizeof body,
             "{\"date\": \"2024-06-01\", \"kind\": \"initiative_started\", \"title\": "
             "\"Moestuin op het plein\", \"actors\": \"organisation:%lld\"}",
             (long long)fx->kookclub);
    client_expect(&stranger, "POST", path, body, 403);
    assert_int_equal(count(fx->h, path, "items"), before);
    struct client roos = resident(fx, "roos@example.nl", BUURT);
    client_expect(&roos, "POST", path,
                  "{\"date\": \"2999-01-01\", \"kind\": \"decision\", \"title\": \"Later\"}", 400);
    client_expect(&roos, "POST", path,
                  "{\"date\": \"2024-06-01\", \"kind\": \"decision\", \"title\": \"X\", "
                  "\"actors\": \"organisation:987654\"}",
                  404);
    struct http_resp resp;
    assert_int_equal(client_send(&roos, "POST", path, body, &resp), 201);
    assert_string_equal(json_string_value(json_object_get(resp.json, "title")),
                        "Moestuin op het plein");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(resp.json, "author"), "name")),
        "Bewoner");
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(resp.json, "actors"), 0), "name")),
                        KOOKCLUB);
    http_resp_free(&resp);
    assert_int_equal(count(fx->h, path, "items"), before + 1);
}

static void test_server_stops_cleanly(void **state)
{
    struct fixture *fx = *state;
    assert_true(harness_stop_server(fx->h));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_arena_of_a_demo_buurt),
        cmocka_unit_test(test_relations_are_recorded_by_an_admin_of_either_end),
        cmocka_unit_test(test_a_resident_adds_to_the_history_of_their_buurt_only),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
