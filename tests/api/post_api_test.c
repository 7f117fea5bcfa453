/* API tests of organisations and posts at them over real HTTP: the public
 * list of organisations, registering one (a platform admin only, and a bad
 * name or kind refused), asking for a post (a second one at the same
 * organisation, an unknown organisation or title refused with a message),
 * a "person_id" or "status" in the body never applied, confirming as the
 * organisation's admin (not as a stranger, not twice), ending by the holder
 * and by the admin, another person's post left alone, and afterwards the
 * professional capacity chosen with PUT /api/v1/me/capacity. The pages
 * /account/posts and /organisations/{id}/posts are checked once through
 * their forms.
 *
 * The demo (loaded by the harness) brings three organisations; the first
 * platform admin is made with `wijkregie user add --admin` and names the
 * organisation admins through the API, as an operator would. */
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

struct fixture {
    struct harness *h;
    struct client admin;    /* platform admin */
    struct client boss;     /* organisation admin of WELZIJN, acting as one */
    struct client stranger; /* organisation admin of HUURDERS, acting as one */
    int64_t welzijn, huurders;
};

/* ---- posts ---------------------------------------------------------------- */

/* Asks for a post; returns its id (the reply must be 201). */
static int64_t request_post(struct client *c, int64_t org, const char *title)
{
    char body[200];
    snprintf(body, sizeof body, "{\"organisation_id\": %lld, \"title\": \"%s\"}", (long long)org,
             title);
    struct http_resp resp;
    if (client_send(c, "POST", "/api/v1/me/posts", body, &resp) != 201)
        fail_msg("request -> %ld: %s", resp.status, buf_cstr(&resp.body));
    assert_string_equal(json_string_value(json_object_get(resp.json, "status")), "requested");
    int64_t id = json_integer_value(json_object_get(resp.json, "id"));
    http_resp_free(&resp);
    assert_true(id > 0);
    return id;
}

static void post_path(char *out, size_t n, int64_t id, const char *what)
{
    snprintf(out, n, "/api/v1/posts/%lld/%s", (long long)id, what);
}

/* POSTs /api/v1/posts/{id}/what as c and checks the status. */
static void decide(struct client *c, int64_t id, const char *what, long status)
{
    char path[100];
    post_path(path, sizeof path, id, what);
    client_expect(c, "POST", path, NULL, status);
}

/* The status of post id among c's own posts; NULL when it is not there. */
static const char *my_post_status(struct client *c, int64_t id)
{
    static char status[32];
    struct http_resp resp;
    assert_int_equal(client_send(c, "GET", "/api/v1/me/posts", NULL, &resp), 200);
    const char *found = NULL;
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(resp.json, "items"), i, item)
    {
        if (json_integer_value(json_object_get(item, "id")) == id) {
            snprintf(status, sizeof status, "%s",
                     json_string_value(json_object_get(item, "status")));
            found = status;
        }
    }
    http_resp_free(&resp);
    return found;
}

/* ---- fixture -------------------------------------------------------------- */

/* The id of the demo organisation called name, from the public list. */
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

/* A new person named organisation admin of org by the platform admin. */
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
    fx->boss = org_admin(fx, "welzijn-beheer@example.nl", fx->welzijn);
    fx->stranger = org_admin(fx, "huurders-beheer@example.nl", fx->huurders);
    return 0;
}

static int group_teardown(void **state)
{
    struct fixture *fx = *state;
    bool clean = harness_stop(fx->h);
    free(fx);
    return clean ? 0 : -1;
}

/* ---- organisations -------------------------------------------------------- */

static void test_organisations_are_listed_for_everyone(void **state)
{
    struct fixture *fx = *state;
    struct http_resp resp;
    json_t *body = harness_get_json(fx->h, "/api/v1/organisations", 200, &resp);
    json_t *items = json_object_get(body, "items");
    assert_true(json_array_size(items) >= 3);
    bool found = false;
    size_t i;
    json_t *item;
    json_array_foreach(items, i, item)
    {
        if (json_integer_value(json_object_get(item, "id")) == fx->welzijn) {
            assert_string_equal(json_string_value(json_object_get(item, "name")), WELZIJN);
            assert_string_equal(json_string_value(json_object_get(item, "kind")), "institution");
            found = true;
        }
    }
    assert_true(found);
    http_resp_free(&resp);
}

/* How many organisations the public list holds. */
static size_t organisation_count(const struct harness *h)
{
    struct http_resp resp;
    json_t *body = harness_get_json(h, "/api/v1/organisations", 200, &resp);
    size_t n = json_array_size(json_object_get(body, "items"));
    http_resp_free(&resp);
    return n;
}

static void test_platform_admin_registers_an_organisation(void **state)
{
    struct fixture *fx = *state;
    size_t before = organisation_count(fx->h);
    struct http_resp resp;
    assert_int_equal(client_send(&fx->admin, "POST", "/api/v1/organisations",
                                 "{\"name\": \"Bakkerij De Linde\", \"kind\": \"business\"}",
                                 &resp),
                     201);
    assert_string_equal(json_string_value(json_object_get(resp.json, "name")), "Bakkerij De Linde");
    assert_string_equal(json_string_value(json_object_get(resp.json, "kind")), "business");
    assert_true(json_integer_value(json_object_get(resp.json, "id")) > 0);
    http_resp_free(&resp);
    assert_int_equal(organisation_count(fx->h), before + 1);
}

static void test_bad_name_or_kind_is_400_and_registers_nothing(void **state)
{
    struct fixture *fx = *state;
    size_t before = organisation_count(fx->h);
    struct http_resp resp;
    assert_int_equal(client_send(&fx->admin, "POST", "/api/v1/organisations",
                                 "{\"name\": \"Kerk\", \"kind\": \"church\"}", &resp),
                     400);
    assert_string_equal(json_string_value(json_object_get(resp.json, "field")), "kind");
    assert_non_null(
        strstr(json_string_value(json_object_get(resp.json, "message")), "existing_initiative"));
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->admin, "POST", "/api/v1/organisations",
                                 "{\"name\": \"  \", \"kind\": \"business\"}", &resp),
                     400);
    assert_string_equal(json_string_value(json_object_get(resp.json, "field")), "name");
    http_resp_free(&resp);
    client_expect(&fx->admin, "POST", "/api/v1/organisations",
                  "{\"name\": \"Twee\\nregels\", \"kind\": \"business\"}", 400);
    client_expect(&fx->admin, "POST", "/api/v1/organisations", "{\"kind\": \"business\"}", 400);
    assert_int_equal(organisation_count(fx->h), before);
}

static void test_only_a_platform_admin_registers_organisations(void **state)
{
    struct fixture *fx = *state;
    size_t before = organisation_count(fx->h);
    struct client c = client_person(fx->h, "wil-organisatie@example.nl", "Buur");
    struct http_resp resp;
    assert_int_equal(client_send(&c, "POST", "/api/v1/organisations",
                                 "{\"name\": \"Eigen club\", \"kind\": \"informal_group\"}", &resp),
                     403);
    assert_non_null(
        strstr(json_string_value(json_object_get(resp.json, "message")), "Platform admins"));
    http_resp_free(&resp);
    client_expect(&c, "POST", "/api/v1/organisations", "{}", 403); /* the policy comes first */
    client_expect(&fx->boss, "POST", "/api/v1/organisations",
                  "{\"name\": \"Dochter\", \"kind\": \"institution\"}", 403);
    struct client anonymous = client_new(fx->h);
    client_expect(&anonymous, "POST", "/api/v1/organisations",
                  "{\"name\": \"Anoniem\", \"kind\": \"business\"}", 401);
    assert_int_equal(organisation_count(fx->h), before);
}

/* ---- requesting a post ---------------------------------------------------- */

static void test_request_lists_the_post_and_a_second_one_is_409(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "aanvrager@example.nl", "Aanvrager");
    int64_t id = request_post(&c, fx->welzijn, "welzijnswerker");
    char body[200];
    snprintf(body, sizeof body, "{\"organisation_id\": %lld, \"title\": \"huismeester\"}",
             (long long)fx->welzijn);
    client_expect(&c, "POST", "/api/v1/me/posts", body, 409);
    struct http_resp resp;
    assert_int_equal(client_send(&c, "GET", "/api/v1/me/posts", NULL, &resp), 200);
    json_t *items = json_object_get(resp.json, "items");
    assert_int_equal(json_array_size(items), 1);
    json_t *first = json_array_get(items, 0);
    assert_int_equal(json_integer_value(json_object_get(first, "id")), id);
    assert_string_equal(json_string_value(json_object_get(first, "organisation_name")), WELZIJN);
    assert_string_equal(json_string_value(json_object_get(first, "title")), "welzijnswerker");
    http_resp_free(&resp);
    request_post(&c, fx->huurders, "bewonersvertegenwoordiger"); /* another organisation */
}

static void test_unknown_or_missing_organisation_is_refused(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "geen-organisatie@example.nl", "Zoeker");
    struct http_resp resp;
    assert_int_equal(client_send(&c, "POST", "/api/v1/me/posts",
                                 "{\"organisation_id\": 999999, \"title\": \"other\"}", &resp),
                     404);
    assert_string_equal(json_string_value(json_object_get(resp.json, "field")), "organisation");
    http_resp_free(&resp);
    client_expect(&c, "POST", "/api/v1/me/posts", "{\"title\": \"other\"}", 404);
    client_expect(&c, "POST", "/api/v1/me/posts",
                  "{\"organisation_id\": \"een\", \"title\": \"other\"}", 400);
    client_expect(&c, "POST", "/api/v1/me/posts", "{\"organisation_id\": 0, \"title\": \"other\"}",
                  400);
    assert_int_equal(client_send(&c, "GET", "/api/v1/me/posts", NULL, &resp), 200);
    assert_int_equal(json_array_size(json_object_get(resp.json, "items")), 0);
    http_resp_free(&resp);
}

static void test_unknown_title_is_400_with_a_message(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "directeur@example.nl", "Directeur");
    char body[200];
    snprintf(body, sizeof body, "{\"organisation_id\": %lld, \"title\": \"director\"}",
             (long long)fx->welzijn);
    struct http_resp resp;
    assert_int_equal(client_send(&c, "POST", "/api/v1/me/posts", body, &resp), 400);
    assert_string_equal(json_string_value(json_object_get(resp.json, "field")), "title");
    assert_string_equal(json_string_value(json_object_get(resp.json, "message")),
                        "Choose one of the titles for a post.");
    http_resp_free(&resp);
    assert_null(my_post_status(&c, 1));
    assert_int_equal(client_send(&c, "GET", "/api/v1/me/posts", NULL, &resp), 200);
    assert_int_equal(json_array_size(json_object_get(resp.json, "items")), 0);
    http_resp_free(&resp);
}

/* A body that names someone else and a status is the sender's own request. */
static void test_person_id_and_status_in_the_body_are_never_applied(void **state)
{
    struct fixture *fx = *state;
    struct client victim = client_person(fx->h, "slachtoffer@example.nl", "Slachtoffer");
    struct client c = client_person(fx->h, "sluw@example.nl", "Sluw");
    char body[300];
    snprintf(body, sizeof body,
             "{\"organisation_id\": %lld, \"title\": \"other\", \"person_id\": %lld, "
             "\"status\": \"confirmed\"}",
             (long long)fx->welzijn, (long long)victim.person_id);
    struct http_resp resp;
    assert_int_equal(client_send(&c, "POST", "/api/v1/me/posts", body, &resp), 201);
    assert_int_equal(json_integer_value(json_object_get(resp.json, "person_id")), c.person_id);
    assert_string_equal(json_string_value(json_object_get(resp.json, "status")), "requested");
    http_resp_free(&resp);
    assert_int_equal(client_send(&victim, "GET", "/api/v1/me/posts", NULL, &resp), 200);
    assert_int_equal(json_array_size(json_object_get(resp.json, "items")), 0);
    http_resp_free(&resp);
    client_act_as(&c, "professional", 403);
}

/* ---- confirming and ending ------------------------------------------------ */

static void test_admin_confirms_and_the_person_acts_as_professional(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "nieuwe-pro@example.nl", "Nieuwe Pro");
    int64_t id = request_post(&c, fx->welzijn, "buurtcoordinator");
    client_act_as(&c, "professional", 403);
    char path[100];
    snprintf(path, sizeof path, "/api/v1/organisations/%lld/posts?status=requested",
             (long long)fx->welzijn);
    struct http_resp resp;
    assert_int_equal(client_send(&fx->boss, "GET", path, NULL, &resp), 200);
    bool listed = false;
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(resp.json, "items"), i, item)
    {
        if (json_integer_value(json_object_get(item, "id")) == id) {
            assert_string_equal(json_string_value(json_object_get(item, "display_name")),
                                "Nieuwe Pro");
            listed = true;
        }
    }
    assert_true(listed);
    http_resp_free(&resp);
    post_path(path, sizeof path, id, "confirm");
    assert_int_equal(client_send(&fx->boss, "POST", path, NULL, &resp), 200);
    assert_string_equal(json_string_value(json_object_get(resp.json, "status")), "confirmed");
    assert_true(json_integer_value(json_object_get(resp.json, "start_at")) > 0);
    http_resp_free(&resp);
    decide(&fx->boss, id, "confirm", 409);
    char claim[64];
    snprintf(claim, sizeof claim, "professional:%lld", (long long)fx->welzijn);
    client_act_as(&c, claim, 200);
    client_act_as(&c, "professional", 200);
    assert_int_equal(client_send(&c, "GET", "/api/v1/me", NULL, &resp), 200);
    assert_string_equal(json_string_value(json_object_get(resp.json, "capacity")), "professional");
    http_resp_free(&resp);
}

static void test_strangers_cannot_confirm_or_see_the_requests(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "wacht@example.nl", "Wacht");
    int64_t id = request_post(&c, fx->welzijn, "zorgprofessional");
    struct client plain = client_person(fx->h, "voorbijganger@example.nl", "Voorbijganger");
    struct http_resp resp;
    char path[100];
    post_path(path, sizeof path, id, "confirm");
    assert_int_equal(client_send(&fx->stranger, "POST", path, NULL, &resp), 403);
    assert_non_null(
        strstr(json_string_value(json_object_get(resp.json, "message")), "organisation"));
    http_resp_free(&resp);
    decide(&plain, id, "confirm", 403);
    decide(&c, id, "confirm", 403);         /* not one's own either */
    decide(&fx->admin, id, "confirm", 403); /* a platform admin is no organisation admin */
    snprintf(path, sizeof path, "/api/v1/organisations/%lld/posts", (long long)fx->welzijn);
    client_expect(&fx->stranger, "GET", path, NULL, 403);
    client_expect(&plain, "GET", path, NULL, 403);
    client_expect(&fx->boss, "GET", "/api/v1/organisations/999999/posts", NULL, 403);
    assert_string_equal(my_post_status(&c, id), "requested");
}

static void test_a_professional_is_refused_before_the_post_is_looked_up(void **state)
{
    struct fixture *fx = *state;
    struct client pro = client_person(fx->h, "pro-vreemd@example.nl", "Pro");
    int64_t id = request_post(&pro, fx->huurders, "other");
    decide(&fx->stranger, id, "confirm", 200);
    client_act_as(&pro, "professional", 200);
    decide(&pro, 999999, "confirm", 403);
    decide(&fx->boss, 999999, "confirm", 404);
    decide(&fx->boss, 999999, "end", 404);
}

static void test_holder_and_admin_end_posts(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "stopper@example.nl", "Stopper");
    int64_t first = request_post(&c, fx->welzijn, "huismeester");
    decide(&fx->boss, first, "confirm", 200);
    client_act_as(&c, "professional", 200);
    decide(&c, first, "end", 200);
    assert_string_equal(my_post_status(&c, first), "ended");
    decide(&fx->boss, first, "end", 409);
    client_act_as(&c, "professional", 403); /* no confirmed post any more */
    client_act_as(&c, "person", 200);
    int64_t second = request_post(&c, fx->welzijn, "other");
    decide(&fx->stranger, second, "end", 403);
    assert_string_equal(my_post_status(&c, second), "requested");
    decide(&fx->boss, second, "end", 200);
    assert_string_equal(my_post_status(&c, second), "ended");
}

static void test_another_persons_post_is_refused_and_unchanged(void **state)
{
    struct fixture *fx = *state;
    struct client owner = client_person(fx->h, "eigenaar@example.nl", "Eigenaar");
    struct client other = client_person(fx->h, "ander@example.nl", "Ander");
    int64_t theirs = request_post(&owner, fx->welzijn, "welzijnswerker");
    decide(&fx->boss, theirs, "confirm", 200);
    int64_t own = request_post(&other, fx->huurders, "other");
    decide(&fx->boss, own, "confirm", 403); /* an admin of another organisation */
    decide(&other, theirs, "end", 403);     /* acting in no capacity */
    decide(&fx->stranger, own, "confirm", 200);
    client_act_as(&other, "professional", 200);
    decide(&other, theirs, "end", 403); /* a professional, but not the holder */
    assert_string_equal(my_post_status(&owner, theirs), "confirmed");
    assert_null(my_post_status(&other, theirs));
    assert_string_equal(my_post_status(&other, own), "confirmed");
}

static void test_writes_need_the_csrf_token(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "zonder-token@example.nl", "Zonder");
    c.csrf[0] = '\0';
    char body[200];
    snprintf(body, sizeof body, "{\"organisation_id\": %lld, \"title\": \"other\"}",
             (long long)fx->welzijn);
    client_expect(&c, "POST", "/api/v1/me/posts", body, 403);
    struct http_resp resp;
    assert_int_equal(client_send(&c, "GET", "/api/v1/me/posts", NULL, &resp), 200);
    assert_int_equal(json_array_size(json_object_get(resp.json, "items")), 0);
    http_resp_free(&resp);
}

/* ---- the pages ------------------------------------------------------------ */

static void test_pages_request_and_confirm_through_forms(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_person(fx->h, "via-pagina@example.nl", "Via Pagina");
    struct http_resp resp;
    assert_int_equal(client_send(&c, "GET", "/account/posts", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), WELZIJN));
    assert_non_null(strstr(buf_cstr(&resp.body), "Welfare worker"));
    http_resp_free(&resp);
    char body[300];
    snprintf(body, sizeof body, "csrf=%s&organisation=%lld&title=director", c.csrf,
             (long long)fx->welzijn);
    assert_int_equal(client_send(&c, "POST", "/account/posts", body, &resp), 400);
    assert_non_null(strstr(buf_cstr(&resp.body), "aria-invalid"));
    http_resp_free(&resp);
    snprintf(body, sizeof body, "csrf=%s&organisation=%lld&title=welzijnswerker", c.csrf,
             (long long)fx->welzijn);
    assert_int_equal(client_send(&c, "POST", "/account/posts", body, &resp), 303);
    assert_string_equal(http_resp_header(&resp, "Location"), "/account/posts?done=requested");
    http_resp_free(&resp);
    char path[100];
    snprintf(path, sizeof path, "/organisations/%lld/posts", (long long)fx->welzijn);
    client_expect(&fx->stranger, "GET", path, NULL, 403);
    assert_int_equal(client_send(&fx->boss, "GET", path, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Via Pagina"));
    http_resp_free(&resp);
}

static void test_server_stops_cleanly(void **state)
{
    struct fixture *fx = *state;
    assert_true(harness_stop_server(fx->h));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_organisations_are_listed_for_everyone),
        cmocka_unit_test(test_platform_admin_registers_an_organisation),
        cmocka_unit_test(test_bad_name_or_kind_is_400_and_registers_nothing),
        cmocka_unit_test(test_only_a_platform_admin_registers_organisations),
        cmocka_unit_test(test_request_lists_the_post_and_a_second_one_is_409),
        cmocka_unit_test(test_unknown_or_missing_organisation_is_refused),
        cmocka_unit_test(test_unknown_title_is_400_with_a_message),
        cmocka_unit_test(test_person_id_and_status_in_the_body_are_never_applied),
        cmocka_unit_test(test_admin_confirms_and_the_person_acts_as_professional),
        cmocka_unit_test(test_strangers_cannot_confirm_or_see_the_requests),
        cmocka_unit_test(test_a_professional_is_refused_before_the_post_is_looked_up),
        cmocka_unit_test(test_holder_and_admin_end_posts),
        cmocka_unit_test(test_another_persons_post_is_refused_and_unchanged),
        cmocka_unit_test(test_writes_need_the_csrf_token),
        cmocka_unit_test(test_pages_request_and_confirm_through_forms),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
