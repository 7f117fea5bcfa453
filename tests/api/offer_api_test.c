/* API tests of facilitation offers, external decisions and notifications
 * over real HTTP: a professional offers coaching and the initiator (a
 * verified resident who started the initiative through the API) hears of
 * it and accepts it, after which it is listed with who offered it; a
 * professional accepting gets 403 with the facilitating reason and nothing
 * changes; bad offers get 400/404 with the field; the maker withdraws once;
 * the gemeente's admin records a decision that leaves the initiative's
 * phase alone, while a professional may not record one; notifications are
 * one's own, marked one at a time or all at once; and the pages show the
 * offers, the forms and the header's unread count.
 *
 * The people are made as in collective_api_test: a platform admin from
 * the console names the admins through the API; residencies are verified
 * at the console; the professional's post is confirmed through the model. */
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

#define BUURT "BU99010101"

struct fixture {
    struct harness *h;
    struct client admin, muni, boss, pro, ini, neighbour;
    int64_t org, initiative;
};

static void seed_resident(const struct harness *h, int64_t person, const char *buurt)
{
    struct fault f = {0};
    struct db *db = db_open(h->db_url, &f);
    assert_non_null(db);
    struct actor console = {.capacity = CAPACITY_CONSOLE, .now = time(NULL)};
    if (residency_verify_console(db, person, buurt, &console, NULL, &f) != ERR_OK)
        fail_msg("resident: %s", f.msgid ? f.msgid : "?");
    db_close(db);
}

/* prefix, the id, then suffix: "/api/v1/initiatives/" 7 "/offers". */
static void path_of(char *out, size_t n, const char *prefix, int64_t id, const char *suffix)
{
    snprintf(out, n, "%s%lld%s", prefix, (long long)id, suffix);
}

/* POSTs body to the initiative's offers as c; returns the offer's id. */
static int64_t offer(struct fixture *fx, struct client *c, const char *body, long status)
{
    char path[100];
    path_of(path, sizeof path, "/api/v1/initiatives/", fx->initiative, "/offers");
    return client_expect(c, "POST", path, body, status);
}

static void answer(struct client *c, int64_t id, const char *verb, long status)
{
    char path[100];
    snprintf(path, sizeof path, "/api/v1/offers/%lld/%s", (long long)id, verb);
    client_expect(c, "POST", path, NULL, status);
}

/* The status of offer id, from the public list. */
static void offer_status(struct fixture *fx, int64_t id, char *out, size_t n)
{
    char path[100];
    path_of(path, sizeof path, "/api/v1/initiatives/", fx->initiative, "/offers");
    struct http_resp resp;
    json_t *body = client_get_json(&fx->neighbour, path, &resp);
    size_t i;
    json_t *item;
    snprintf(out, n, "-");
    json_array_foreach(json_object_get(body, "items"), i,
                       item) if (json_integer_value(json_object_get(item, "id")) == id)
        snprintf(out, n, "%s", json_string_value(json_object_get(item, "status")));
    http_resp_free(&resp);
}

static void test_a_professional_offers_and_an_initiator_accepts(void **state)
{
    struct fixture *fx = *state;
    int64_t id =
        offer(fx, &fx->pro, "{\"kind\": \"coaching\", \"text\": \"Ik coach jullie.\"}", 201);
    struct http_resp resp;
    json_t *me = client_get_json(&fx->ini, "/api/v1/me/notifications", &resp);
    assert_true(json_integer_value(json_object_get(me, "unread")) >= 1);
    json_t *first = json_array_get(json_object_get(me, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "kind")), "offer_new");
    assert_int_equal(json_integer_value(json_object_get(first, "initiative_id")), fx->initiative);
    http_resp_free(&resp);
    answer(&fx->ini, id, "accept", 200);
    char path[120];
    path_of(path, sizeof path, "/api/v1/initiatives/", fx->initiative, "/offers?status=accepted");
    json_t *list = client_get_json(&fx->neighbour, path, &resp);
    json_t *item = json_array_get(json_object_get(list, "items"), 0);
    assert_int_equal(json_integer_value(json_object_get(item, "id")), id);
    assert_string_equal(json_string_value(json_object_get(item, "display_name")), "Welzijnswerker");
    assert_string_equal(json_string_value(json_object_get(item, "organisation_name")),
                        "Buurtcoaches Noord");
    assert_non_null(strstr(json_string_value(json_object_get(item, "capacity")), "professional:"));
    assert_int_equal(json_integer_value(json_object_get(item, "answered_by")), fx->ini.person_id);
    http_resp_free(&resp);
    answer(&fx->ini, id, "decline", 409);
}

static void test_a_professional_cannot_answer_an_offer(void **state)
{
    struct fixture *fx = *state;
    int64_t id = offer(fx, &fx->pro, "{\"kind\": \"room\", \"text\": \"Ons buurthuis.\"}", 201);
    char path[100];
    snprintf(path, sizeof path, "/api/v1/offers/%lld/accept", (long long)id);
    struct http_resp resp;
    assert_int_equal(client_send(&fx->pro, "POST", path, NULL, &resp), 403);
    assert_string_equal(json_string_value(json_object_get(resp.json, "message")),
                        "Professionals facilitate: the initiators accept or decline offers, "
                        "including yours.");
    http_resp_free(&resp);
    answer(&fx->neighbour, id, "decline", 403);
    char status[32];
    offer_status(fx, id, status, sizeof status);
    assert_string_equal(status, "offered");
}

static void test_bad_offers_are_refused_with_the_field(void **state)
{
    struct fixture *fx = *state;
    struct http_resp resp;
    char path[100];
    path_of(path, sizeof path, "/api/v1/initiatives/", fx->initiative, "/offers");
    assert_int_equal(
        client_send(&fx->pro, "POST", path, "{\"kind\": \"hours\", \"text\": \"Uren.\"}", &resp),
        400);
    assert_string_equal(json_string_value(json_object_get(resp.json, "field")), "hours");
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->pro, "POST", path,
                                 "{\"kind\": \"connection\", \"text\": \"Ken je de bank?\", "
                                 "\"organisation_id\": 98765}",
                                 &resp),
                     404);
    assert_non_null(strstr(json_string_value(json_object_get(resp.json, "message")), "98765"));
    http_resp_free(&resp);
    offer(fx, &fx->ini, "{\"kind\": \"coaching\", \"text\": \"Ik coach mezelf.\"}", 403);
    offer(fx, &fx->pro, "{\"kind\": \"hours\", \"text\": \"Uren.\", \"hours\": 12}", 201);
    path_of(path, sizeof path, "/api/v1/initiatives/", 987654, "/offers");
    client_expect(&fx->pro, "POST", path, "{\"kind\": \"room\", \"text\": \"x\"}", 404);
}

static void test_the_maker_withdraws_once(void **state)
{
    struct fixture *fx = *state;
    int64_t id = offer(fx, &fx->pro, "{\"kind\": \"coaching\", \"text\": \"Nog een.\"}", 201);
    answer(&fx->neighbour, id, "withdraw", 403);
    answer(&fx->pro, id, "withdraw", 200);
    answer(&fx->pro, id, "withdraw", 409);
    answer(&fx->ini, id, "accept", 409);
}

static void test_external_decisions_leave_the_initiative_alone(void **state)
{
    struct fixture *fx = *state;
    char path[120], initiative[60];
    path_of(path, sizeof path, "/api/v1/initiatives/", fx->initiative, "/external-events");
    path_of(initiative, sizeof initiative, "/api/v1/initiatives/", fx->initiative, "");
    struct http_resp resp;
    json_t *before = client_get_json(&fx->neighbour, initiative, &resp);
    char *phase = xstrdup(json_string_value(json_object_get(before, "phase")));
    http_resp_free(&resp);
    const char *body = "{\"kind\": \"permit_refused\", \"date\": \"2026-02-01\", "
                       "\"text\": \"Geen vergunning voor het plein.\"}";
    client_expect(&fx->pro, "POST", path, body, 403);
    client_expect(&fx->ini, "POST", path, body, 403);
    assert_int_equal(client_send(&fx->muni, "POST", path,
                                 "{\"kind\": \"permit_refused\", \"date\": \"1 februari\", "
                                 "\"text\": \"x\"}",
                                 &resp),
                     400);
    assert_string_equal(json_string_value(json_object_get(resp.json, "field")), "date");
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->muni, "POST", path, body, &resp), 201);
    json_t *by = json_object_get(resp.json, "decided_by");
    assert_string_equal(json_string_value(json_object_get(by, "type")), "gemeente");
    assert_string_equal(json_string_value(json_object_get(by, "code")), "GM9901");
    http_resp_free(&resp);
    json_t *list = client_get_json(&fx->neighbour, path, &resp);
    assert_int_equal(json_array_size(json_object_get(list, "items")), 1);
    http_resp_free(&resp);
    json_t *after = client_get_json(&fx->neighbour, initiative, &resp);
    assert_string_equal(json_string_value(json_object_get(after, "phase")), phase);
    http_resp_free(&resp);
    free(phase);
}

static int64_t unread(struct client *c)
{
    struct http_resp resp;
    json_t *me = client_get_json(c, "/api/v1/me/notifications?limit=5", &resp);
    int64_t n = json_integer_value(json_object_get(me, "unread"));
    http_resp_free(&resp);
    return n;
}

static void test_notifications_are_ones_own_and_marked_read(void **state)
{
    struct fixture *fx = *state;
    offer(fx, &fx->pro, "{\"kind\": \"coaching\", \"text\": \"Voor de melding.\"}", 201);
    int64_t before = unread(&fx->ini);
    assert_true(before >= 1);
    struct http_resp resp;
    json_t *me = client_get_json(&fx->ini, "/api/v1/me/notifications?limit=1", &resp);
    int64_t id =
        json_integer_value(json_object_get(json_array_get(json_object_get(me, "items"), 0), "id"));
    http_resp_free(&resp);
    char body[60];
    snprintf(body, sizeof body, "{\"id\": %lld}", (long long)id);
    client_expect(&fx->neighbour, "POST", "/api/v1/me/notifications/read", body, 404);
    assert_int_equal(client_send(&fx->ini, "POST", "/api/v1/me/notifications/read", body, &resp),
                     200);
    assert_int_equal(json_integer_value(json_object_get(resp.json, "marked")), 1);
    http_resp_free(&resp);
    assert_int_equal(unread(&fx->ini), before - 1);
    client_expect(&fx->ini, "POST", "/api/v1/me/notifications/read", "{}", 200);
    assert_int_equal(unread(&fx->ini), 0);
    struct client visitor = client_new(fx->h);
    client_expect(&visitor, "GET", "/api/v1/me/notifications", NULL, 401);
    client_expect(&fx->ini, "GET", "/api/v1/me/notifications?limit=0", NULL, 400);
}

/* GETs path as c and asserts 200 and that the page holds each of want. */
static void page_holds(struct client *c, const char *path, const char *const *want)
{
    struct http_resp resp;
    assert_int_equal(client_send(c, "GET", path, NULL, &resp), 200);
    for (size_t i = 0; want[i]; i++)
        if (!strstr(buf_cstr(&resp.body), want[i]))
            fail_msg("%s lacks %s", path, want[i]);
    http_resp_free(&resp);
}

static void test_the_pages_show_offers_forms_and_the_unread_count(void **state)
{
    struct fixture *fx = *state;
    offer(fx, &fx->pro, "{\"kind\": \"coaching\", \"text\": \"Paginatest.\"}", 201);
    char path[100];
    path_of(path, sizeof path, "/initiatives/", fx->initiative, "/offers");
    page_holds(
        &fx->pro, path,
        (const char *[]){"Paginatest.", "name=\"kind\"", "Decisions of the municipality", NULL});
    page_holds(
        &fx->ini, path,
        (const char *[]){"Accept this offer", "href=\"/notifications\"", "unread-count", NULL});
    page_holds(&fx->muni, path, (const char *[]){"external-events", NULL});
    page_holds(&fx->ini, "/notifications", (const char *[]){"Mark all as read", NULL});
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
    fx->muni = client_person(fx->h, "gemeente@example.nl", NULL);
    fx->boss = client_person(fx->h, "baas@example.nl", NULL);
    fx->pro = client_person(fx->h, "coach@example.nl", "Welzijnswerker");
    fx->ini = client_person(fx->h, "initiatief@example.nl", "Initiatiefnemer");
    fx->neighbour = client_person(fx->h, "buur@example.nl", NULL);
    char org[32];
    snprintf(org, sizeof org, "%lld", (long long)fx->org);
    client_grant(&fx->admin, fx->muni.email, "municipality_admin", "GM9901");
    client_grant(&fx->admin, fx->boss.email, "organisation_admin", org);
    seed_post_confirmed(fx->h, fx->org, "welzijnswerker", fx->pro.person_id, fx->boss.person_id);
    seed_resident(fx->h, fx->ini.person_id, BUURT);
    seed_resident(fx->h, fx->neighbour.person_id, BUURT);
    client_act_as(&fx->muni, "municipality_admin:GM9901", 200);
    client_act_as(&fx->pro, "professional", 200);
    client_act_as(&fx->ini, "resident:" BUURT, 200);
    client_act_as(&fx->neighbour, "resident:" BUURT, 200);
    fx->initiative = client_expect(&fx->ini, "POST", "/api/v1/initiatives",
                                   "{\"title\": \"Speelplein\", \"aim\": \"Een plein om te "
                                   "spelen\", \"areas\": [\"" BUURT "\"]}",
                                   201);
    return fx->initiative > 0 ? 0 : -1;
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
        cmocka_unit_test(test_a_professional_offers_and_an_initiator_accepts),
        cmocka_unit_test(test_a_professional_cannot_answer_an_offer),
        cmocka_unit_test(test_bad_offers_are_refused_with_the_field),
        cmocka_unit_test(test_the_maker_withdraws_once),
        cmocka_unit_test(test_external_decisions_leave_the_initiative_alone),
        cmocka_unit_test(test_notifications_are_ones_own_and_marked_read),
        cmocka_unit_test(test_the_pages_show_offers_forms_and_the_unread_count),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
