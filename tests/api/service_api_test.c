/* API tests of services and the HSDS export over real HTTP, on SQLite and
 * (with WIJKREGIE_TEST_DB_URL) PostgreSQL: an organisation's admin adds a
 * service, changes it, adds a location and opening hours (as parts and as
 * an RRULE); another organisation's admin, a professional and a visitor are
 * refused and nothing changes; a schedule that cannot occur is 400 with
 * its field and changes nothing; bad input names its field; the search
 * finds the demo's services by name, area and language; the HSDS
 * endpoints answer pages and objects of the HSDS shape, by UUID; the
 * service page shows the opening hours in words in Dutch.
 *
 * The demo (loaded by the harness) brings organisations with services. */
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

struct fixture {
    struct harness *h;
    struct client admin; /* platform admin */
    struct client boss;  /* organisation admin of org, acting as one */
    struct client other; /* organisation admin of another organisation */
    struct client pro;   /* a professional at org */
    int64_t org, other_org;
};

static int setup(void **state)
{
    setenv("WIJKREGIE_FAST_HASH", "1", 1);
    struct fixture *fx = xcalloc(1, sizeof *fx);
    *state = fx;
    fx->h = harness_start();
    if (!fx->h)
        return -1;
    fx->admin = console_platform_admin(fx->h, "beheer@example.nl");
    fx->org = console_organisation(fx->h, "Wijkteam Noord", "institution");
    fx->other_org = console_organisation(fx->h, "Sportclub Noord", "formal_association");
    fx->boss = client_person(fx->h, "baas@example.nl", "Baas");
    fx->other = client_person(fx->h, "ander@example.nl", "Ander");
    fx->pro = client_person(fx->h, "pro@example.nl", "Pro");
    char scope[32];
    snprintf(scope, sizeof scope, "%lld", (long long)fx->org);
    client_grant(&fx->admin, "baas@example.nl", "organisation_admin", scope);
    snprintf(scope, sizeof scope, "%lld", (long long)fx->other_org);
    client_grant(&fx->admin, "ander@example.nl", "organisation_admin", scope);
    seed_post_confirmed(fx->h, fx->org, "welzijnswerker", fx->pro.person_id, fx->boss.person_id);
    char cap[64];
    snprintf(cap, sizeof cap, "organisation_admin:%lld", (long long)fx->org);
    client_act_as(&fx->boss, cap, 200);
    client_act_as(&fx->other, "organisation_admin", 200);
    snprintf(cap, sizeof cap, "professional:%lld", (long long)fx->org);
    client_act_as(&fx->pro, cap, 200);
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    bool ok = harness_stop(fx->h);
    free(fx);
    return ok ? 0 : -1;
}

/* Adds a service to the fixture's organisation as its admin; its id. */
static int64_t add_service(struct fixture *fx, const char *name)
{
    char path[80], body[300];
    snprintf(path, sizeof path, "/api/v1/organisations/%lld/services", (long long)fx->org);
    snprintf(body, sizeof body,
             "{\"name\": \"%s\", \"languages\": \"nl, tr\", \"cost\": \"0\", "
             "\"contact_phone\": \"0299 111 222\"}",
             name);
    return client_expect(&fx->boss, "POST", path, body, 201);
}

static int64_t count(struct fixture *fx, const char *what)
{
    struct http_resp resp;
    char path[200];
    snprintf(path, sizeof path, "/api/v1/services?q=%s", what);
    json_t *doc = client_get_json(&fx->boss, path, &resp);
    int64_t n = json_integer_value(json_object_get(doc, "total"));
    http_resp_free(&resp);
    return n;
}

static void test_admin_adds_and_changes_a_service(void **state)
{
    struct fixture *fx = *state;
    int64_t id = add_service(fx, "Inloopspreekuur");
    char path[80];
    snprintf(path, sizeof path, "/api/v1/services/%lld", (long long)id);
    struct http_resp resp;
    json_t *doc = client_get_json(&fx->boss, path, &resp);
    assert_string_equal(json_string_value(json_object_get(doc, "name")), "Inloopspreekuur");
    assert_string_equal(json_string_value(json_object_get(doc, "status")), "active");
    assert_int_equal(json_array_size(json_object_get(doc, "languages")), 2);
    http_resp_free(&resp);
    client_expect(&fx->boss, "PUT", path,
                  "{\"name\": \"Inloop op maandag\", \"status\": \"temporarily closed\"}", 200);
    doc = client_get_json(&fx->boss, path, &resp);
    assert_string_equal(json_string_value(json_object_get(doc, "status")), "temporarily closed");
    assert_int_equal(json_array_size(json_object_get(doc, "languages")), 0);
    http_resp_free(&resp);
}

static void test_others_are_refused_and_nothing_changes(void **state)
{
    struct fixture *fx = *state;
    int64_t id = add_service(fx, "Alleen voor de baas");
    char path[80], create[80];
    snprintf(path, sizeof path, "/api/v1/services/%lld", (long long)id);
    snprintf(create, sizeof create, "/api/v1/organisations/%lld/services", (long long)fx->org);
    const char *body = "{\"name\": \"Overgenomen\"}";
    client_expect(&fx->other, "PUT", path, body, 403);
    client_expect(&fx->pro, "PUT", path, body, 403);
    client_expect(&fx->other, "POST", create, body, 403);
    struct client visitor = client_new(fx->h);
    client_expect(&visitor, "POST", create, body, 401);
    struct http_resp resp;
    assert_int_equal(client_send(&fx->pro, "POST", create, body, &resp), 403);
    assert_non_null(strstr(json_string_value(json_object_get(resp.json, "message")),
                           "Professionals facilitate"));
    http_resp_free(&resp);
    assert_int_equal(count(fx, "Overgenomen"), 0);
    assert_int_equal(count(fx, "Alleen"), 1);
}

static void test_bad_input_names_its_field(void **state)
{
    struct fixture *fx = *state;
    char create[80];
    snprintf(create, sizeof create, "/api/v1/organisations/%lld/services", (long long)fx->org);
    static const struct {
        const char *body, *field;
    } cases[] = {
        {"{\"name\": \"\"}", "name"},
        {"{\"name\": \"X\", \"url\": \"www.x.nl\"}", "url"},
        {"{\"name\": \"X\", \"languages\": \"Nederlands\"}", "languages"},
        {"{\"name\": \"X\", \"cost\": \"gratis\"}", "cost"},
        {"{\"name\": \"X\", \"status\": \"open\"}", "status"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct http_resp resp;
        assert_int_equal(client_send(&fx->boss, "POST", create, cases[i].body, &resp), 400);
        assert_string_equal(json_string_value(json_object_get(resp.json, "field")), cases[i].field);
        assert_non_null(json_string_value(json_object_get(resp.json, "message")));
        http_resp_free(&resp);
    }
    assert_int_equal(count(fx, "X"), 0);
}

static void test_location_and_schedules(void **state)
{
    struct fixture *fx = *state;
    int64_t id = add_service(fx, "Koffie in de Vogelbuurt");
    char path[100];
    snprintf(path, sizeof path, "/api/v1/services/%lld/locations", (long long)id);
    client_expect(&fx->boss, "POST", path,
                  "{\"name\": \"Vogelhuis\", \"street\": \"Merelstraat 2\", \"postal_code\": "
                  "\"9901ab\", \"city\": \"Lindenhoven\", \"area_code\": \"BU99010203\"}",
                  201);
    struct http_resp resp;
    assert_int_equal(client_send(&fx->boss, "POST", path,
                                 "{\"name\": \"Nergens\", \"area_code\": \"BU00000000\"}", &resp),
                     404);
    assert_string_equal(json_string_value(json_object_get(resp.json, "field")), "area_code");
    http_resp_free(&resp);
    snprintf(path, sizeof path, "/api/v1/services/%lld/schedules", (long long)id);
    client_expect(&fx->boss, "POST", path,
                  "{\"freq\": \"WEEKLY\", \"byday\": \"WE\", \"dtstart\": \"2025-01-01\", "
                  "\"opens_at\": \"10:00\", \"closes_at\": \"12:00\"}",
                  201);
    client_expect(&fx->boss, "POST", path,
                  "{\"rrule\": \"FREQ=MONTHLY;BYDAY=-1FR\", \"dtstart\": \"2025-01-01\", "
                  "\"opens_at\": \"19:00\", \"closes_at\": \"21:00\"}",
                  201);
    snprintf(path, sizeof path, "/api/v1/services/%lld", (long long)id);
    json_t *doc = client_get_json(&fx->boss, path, &resp);
    json_t *schedules = json_object_get(doc, "schedules");
    assert_int_equal(json_array_size(schedules), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(schedules, 1), "rrule")),
                        "FREQ=MONTHLY;BYDAY=-1FR");
    assert_int_equal(json_array_size(json_object_get(json_array_get(schedules, 0), "next")), 5);
    json_t *loc = json_array_get(json_object_get(doc, "locations"), 0);
    assert_string_equal(json_string_value(json_object_get(loc, "postal_code")), "9901 AB");
    http_resp_free(&resp);
}

static void test_schedule_that_cannot_occur_is_400_and_changes_nothing(void **state)
{
    struct fixture *fx = *state;
    int64_t id = add_service(fx, "Nooit open");
    char path[100];
    snprintf(path, sizeof path, "/api/v1/services/%lld/schedules", (long long)id);
    static const struct {
        const char *body, *field;
    } cases[] = {
        {"{\"freq\": \"MONTHLY\", \"bymonthday\": \"31\", \"bymonth\": \"2\", \"dtstart\": "
         "\"2025-01-01\", \"opens_at\": \"10:00\", \"closes_at\": \"12:00\"}",
         "bymonthday"},
        {"{\"freq\": \"WEEKLY\", \"dtstart\": \"2025-01-01\", \"until\": \"2024-01-01\", "
         "\"opens_at\": \"10:00\", \"closes_at\": \"12:00\"}",
         "until"},
        {"{\"rrule\": \"FREQ=WEEKLY;COUNT=0\", \"dtstart\": \"2025-01-01\", \"opens_at\": "
         "\"10:00\", \"closes_at\": \"12:00\"}",
         "count"},
        {"{\"freq\": \"WEEKLY\", \"dtstart\": \"2025-01-01\", \"opens_at\": \"12:00\", "
         "\"closes_at\": \"10:00\"}",
         "closes_at"},
        {"{\"rrule\": \"FREQ=DAILY;BYHOUR=9\", \"dtstart\": \"2025-01-01\"}", "rrule"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct http_resp resp;
        assert_int_equal(client_send(&fx->boss, "POST", path, cases[i].body, &resp), 400);
        assert_string_equal(json_string_value(json_object_get(resp.json, "field")), cases[i].field);
        http_resp_free(&resp);
    }
    /* a stranger hears 403 whatever the rule */
    client_expect(&fx->other, "POST", path, cases[0].body, 403);
    snprintf(path, sizeof path, "/api/v1/services/%lld", (long long)id);
    struct http_resp resp;
    json_t *doc = client_get_json(&fx->boss, path, &resp);
    assert_int_equal(json_array_size(json_object_get(doc, "schedules")), 0);
    http_resp_free(&resp);
}

static void test_search_finds_demo_services(void **state)
{
    struct fixture *fx = *state;
    struct client visitor = client_new(fx->h);
    struct http_resp resp;
    json_t *doc = client_get_json(&visitor, "/api/v1/services?q=koffieochtend", &resp);
    assert_int_equal(json_integer_value(json_object_get(doc, "total")), 1);
    http_resp_free(&resp);
    /* by area: the buurt, its wijk and its gemeente */
    const char *areas[] = {"BU99010201", "WK990102", "GM9901"};
    for (size_t i = 0; i < 3; i++) {
        char path[100];
        snprintf(path, sizeof path, "/api/v1/services?area=%s&q=koffieochtend", areas[i]);
        doc = client_get_json(&visitor, path, &resp);
        assert_int_equal(json_integer_value(json_object_get(doc, "total")), 1);
        http_resp_free(&resp);
    }
    doc = client_get_json(&visitor, "/api/v1/services?area=WK990104", &resp);
    assert_int_equal(json_integer_value(json_object_get(doc, "total")), 0);
    http_resp_free(&resp);
    doc = client_get_json(&visitor, "/api/v1/services?language=pap", &resp);
    assert_int_equal(json_integer_value(json_object_get(doc, "total")), 1);
    http_resp_free(&resp);
    client_expect(&visitor, "GET", "/api/v1/services?area=BU99999999", NULL, 404);
    client_expect(&visitor, "GET", "/api/v1/services?language=Nederlands", NULL, 400);
    client_expect(&visitor, "GET", "/api/v1/services?limit=101", NULL, 400);
}

static void test_hsds_pages_and_objects(void **state)
{
    struct fixture *fx = *state;
    struct client visitor = client_new(fx->h);
    struct http_resp resp;
    json_t *page = client_get_json(&visitor, "/api/v1/hsds/services?per_page=2", &resp);
    assert_int_equal(json_integer_value(json_object_get(page, "page_number")), 1);
    assert_int_equal(json_integer_value(json_object_get(page, "size")), 2);
    assert_true(json_is_true(json_object_get(page, "first_page")));
    assert_true(json_integer_value(json_object_get(page, "total_items")) >= 4);
    json_t *first = json_array_get(json_object_get(page, "contents"), 0);
    char uuid[40];
    snprintf(uuid, sizeof uuid, "%s", json_string_value(json_object_get(first, "id")));
    assert_int_equal(strlen(uuid), 36);
    assert_int_equal(uuid[14], '8'); /* version 8 */
    char path[120];
    snprintf(path, sizeof path, "/api/v1/hsds/services/%s", uuid);
    http_resp_free(&resp);
    json_t *one = client_get_json(&visitor, path, &resp);
    assert_non_null(json_object_get(one, "organization"));
    assert_non_null(json_object_get(one, "service_at_locations"));
    http_resp_free(&resp);
    page = client_get_json(&visitor, "/api/v1/hsds/organizations?search=welzijn", &resp);
    assert_int_equal(json_integer_value(json_object_get(page, "total_items")), 1);
    first = json_array_get(json_object_get(page, "contents"), 0);
    snprintf(path, sizeof path, "/api/v1/hsds/organizations/%s",
             json_string_value(json_object_get(first, "id")));
    http_resp_free(&resp);
    one = client_get_json(&visitor, path, &resp);
    assert_true(json_array_size(json_object_get(one, "locations")) >= 1);
    http_resp_free(&resp);
    /* a service's UUID is not an organization's */
    snprintf(path, sizeof path, "/api/v1/hsds/organizations/%s", uuid);
    client_expect(&visitor, "GET", path, NULL, 404);
    client_expect(&visitor, "GET", "/api/v1/hsds/services/not-a-uuid", NULL, 404);
    client_expect(&visitor, "GET", "/api/v1/hsds/services?per_page=101", NULL, 400);
}

static void test_service_page_shows_opening_hours_in_dutch(void **state)
{
    struct fixture *fx = *state;
    struct client visitor = client_new(fx->h);
    visitor.lang = "nl";
    struct http_resp resp;
    json_t *doc = client_get_json(&visitor, "/api/v1/services?q=koffieochtend", &resp);
    json_t *item = json_array_get(json_object_get(doc, "items"), 0);
    int64_t id = json_integer_value(json_object_get(item, "id"));
    http_resp_free(&resp);
    char path[80];
    snprintf(path, sizeof path, "/services/%lld", (long long)id);
    assert_int_equal(client_send(&visitor, "GET", path, NULL, &resp), 200);
    const char *body = buf_cstr(&resp.body);
    assert_non_null(strstr(body, "Elke week op dinsdag en donderdag, 09:30 tot 11:30"));
    assert_non_null(strstr(body, "Eerstvolgende openingen"));
    http_resp_free(&resp);
}

/* Last: the server stops cleanly (a crash or a sanitizer report fails it). */
static void test_server_stops_cleanly(void **state)
{
    struct fixture *fx = *state;
    assert_true(harness_stop_server(fx->h));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_admin_adds_and_changes_a_service),
        cmocka_unit_test(test_others_are_refused_and_nothing_changes),
        cmocka_unit_test(test_bad_input_names_its_field),
        cmocka_unit_test(test_location_and_schedules),
        cmocka_unit_test(test_schedule_that_cannot_occur_is_400_and_changes_nothing),
        cmocka_unit_test(test_search_finds_demo_services),
        cmocka_unit_test(test_hsds_pages_and_objects),
        cmocka_unit_test(test_service_page_shows_opening_hours_in_dutch),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
