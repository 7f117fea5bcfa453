/* API tests of collectives over real HTTP: three verified residents of a
 * demo buurt found a collective (the founder names the co-founders by
 * e-mail address and account number; it is "founding" until both have
 * joined, then active and sound); the public list by area and the
 * collective with its members, board and rule; a professional cannot
 * found, join as a voting member or sit on the board (403 with the
 * facilitating reason, nothing changed) but the board admits them as an
 * adviser who never votes; bad input is 400 with the field and founds
 * nothing; the two-thirds rule after residents move away and one of them
 * leaves; the pages found a collective through the form, show a bad form
 * again with the message next to the field, and show members and rule;
 * writes need the CSRF token.
 *
 * Residents are made through the model at the console (seed_resident
 * below), as the operator would verify them. */
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
#define OTHER_BUURT "BU99010201" /* another wijk of the demo gemeente */

struct fixture {
    struct harness *h;
    struct client admin, boss, pro;
    int64_t org;
    int n; /* people made so far, for unique addresses */
};

/* Verifies person's residency in buurt at the console; returns its id. */
static int64_t seed_resident(const struct harness *h, int64_t person, const char *buurt)
{
    struct fault f = {0};
    struct db *db = db_open(h->db_url, &f);
    assert_non_null(db);
    struct actor console = {.capacity = CAPACITY_CONSOLE, .now = time(NULL)};
    int64_t id = 0;
    if (residency_verify_console(db, person, buurt, &console, &id, &f) != ERR_OK)
        fail_msg("resident: %s", f.msgid ? f.msgid : "?");
    db_close(db);
    return id;
}

/* Ends residency id as its own resident would. */
static void end_residency(const struct harness *h, int64_t person, int64_t id)
{
    struct fault f = {0};
    struct db *db = db_open(h->db_url, &f);
    assert_non_null(db);
    struct actor self = {.person_id = person, .capacity = "resident", .now = time(NULL)};
    assert_int_equal(residency_end(db, id, &self, &f), ERR_OK);
    db_close(db);
}

/* A new person, a verified resident of BUURT acting as one. */
static struct client resident(struct fixture *fx, int64_t *residency)
{
    char email[64];
    snprintf(email, sizeof email, "bewoner-%d@example.nl", ++fx->n);
    struct client c = client_person(fx->h, email, "Bewoner");
    int64_t id = seed_resident(fx->h, c.person_id, BUURT);
    if (residency)
        *residency = id;
    client_act_as(&c, "resident:" BUURT, 200);
    return c;
}

static void path_of(char *out, size_t n, int64_t id, const char *what)
{
    snprintf(out, n, "/api/v1/collectives/%lld%s", (long long)id, what);
}

/* a founds a collective with b (by e-mail) and c (by number); 201. */
static int64_t found(struct client *a, struct client *b, struct client *c)
{
    char body[600];
    snprintf(
        body, sizeof body,
        "{\"name\": \"Buurtcoöperatie De Linde\", \"kind\": \"cooperative\", \"area\": \"" BUURT
        "\", \"voting_rule\": \"two_thirds\", \"statutes\": \"Artikel 1. Wij "
        "beheren samen.\", \"cofounder1\": \"%s\", \"cofounder2\": \"%lld\"}",
        b->email, (long long)c->person_id);
    return client_expect(a, "POST", "/api/v1/collectives", body, 201);
}

/* A collective of three residents, active. */
static int64_t active(struct fixture *fx, struct client trio[3])
{
    for (int i = 0; i < 3; i++)
        trio[i] = resident(fx, NULL);
    int64_t id = found(&trio[0], &trio[1], &trio[2]);
    char path[100];
    path_of(path, sizeof path, id, "/members");
    client_expect(&trio[1], "POST", path, NULL, 200);
    client_expect(&trio[2], "POST", path, NULL, 200);
    return id;
}

/* GET the collective (in English); the caller frees resp. */
static json_t *get(struct fixture *fx, int64_t id, struct http_resp *resp)
{
    char path[100];
    path_of(path, sizeof path, id, "");
    return client_get_json(&fx->admin, path, resp);
}

static bool is_sound(struct fixture *fx, int64_t id, int *voting, int *residents)
{
    struct http_resp resp;
    json_t *o = get(fx, id, &resp);
    bool sound = json_is_true(json_object_get(o, "sound"));
    *voting = (int)json_integer_value(json_object_get(o, "voting_members"));
    *residents = (int)json_integer_value(json_object_get(o, "resident_members"));
    http_resp_free(&resp);
    return sound;
}

/* Sends and expects 403 with the facilitating reason. */
static void expect_facilitates(struct client *c, const char *method, const char *path,
                               const char *body)
{
    struct http_resp resp;
    long status = client_send(c, method, path, body, &resp);
    if (status != 403 || !strstr(buf_cstr(&resp.body), "Professionals facilitate"))
        fail_msg("%s %s -> %ld: %s", method, path, status, buf_cstr(&resp.body));
    http_resp_free(&resp);
}

static int group_setup(void **state)
{
    setenv("WIJKREGIE_FAST_HASH", "1", 1);
    struct fixture *fx = xcalloc(1, sizeof *fx);
    *state = fx;
    fx->h = harness_start();
    if (!fx->h)
        return -1;
    fx->org = console_organisation(fx->h, "Welzijn De Linde", "institution");
    fx->admin = console_platform_admin(fx->h, "beheer@example.nl");
    fx->boss = client_person(fx->h, "organisatie@example.nl", NULL);
    fx->pro = client_person(fx->h, "welzijn@example.nl", "Wil Welzijn");
    char org[32];
    snprintf(org, sizeof org, "%lld", (long long)fx->org);
    client_grant(&fx->admin, fx->boss.email, "organisation_admin", org);
    seed_post_confirmed(fx->h, fx->org, "welzijnswerker", fx->pro.person_id, fx->boss.person_id);
    client_act_as(&fx->pro, "professional", 200);
    return 0;
}

static int group_teardown(void **state)
{
    struct fixture *fx = *state;
    bool clean = harness_stop(fx->h);
    free(fx);
    return clean ? 0 : -1;
}

/* ---- founding ----------------------------------------------------------- */

static void test_three_residents_found_and_the_cofounders_join(void **state)
{
    struct fixture *fx = *state;
    struct client t[3];
    for (int i = 0; i < 3; i++)
        t[i] = resident(fx, NULL);
    int64_t id = found(&t[0], &t[1], &t[2]);
    int voting = 0, residents = 0;
    assert_false(is_sound(fx, id, &voting, &residents));
    char path[100];
    path_of(path, sizeof path, id, "/members");
    client_expect(&t[1], "POST", path, NULL, 200);
    struct http_resp resp;
    json_t *o = get(fx, id, &resp);
    assert_string_equal(json_string_value(json_object_get(o, "status")), "founding");
    assert_non_null(strstr(json_string_value(json_object_get(o, "unsound_reason")), "founded"));
    http_resp_free(&resp);
    client_expect(&t[2], "POST", path, NULL, 200);
    client_expect(&t[2], "POST", path, NULL, 409);
    o = get(fx, id, &resp);
    assert_string_equal(json_string_value(json_object_get(o, "status")), "active");
    assert_true(json_is_true(json_object_get(o, "sound")));
    assert_true(json_is_null(json_object_get(o, "unsound_reason")));
    assert_string_equal(json_string_value(json_object_get(o, "voting_rule")), "two_thirds");
    json_t *members = json_object_get(o, "members");
    assert_int_equal(json_array_size(members), 3);
    json_t *chair = json_array_get(members, 0);
    assert_string_equal(json_string_value(json_object_get(chair, "board_role")), "chair");
    assert_int_equal(json_integer_value(json_object_get(chair, "person_id")), t[0].person_id);
    assert_string_equal(json_string_value(json_object_get(chair, "capacity")), "resident:" BUURT);
    http_resp_free(&resp);
    /* listed on the buurt and on its gemeente, not on another wijk's buurt */
    const char *lists[] = {"/api/v1/collectives?area=" BUURT, "/api/v1/collectives?area=GM9901",
                           "/api/v1/collectives?area=" OTHER_BUURT};
    for (int i = 0; i < 3; i++) {
        json_t *l = harness_get_json(fx->h, lists[i], 200, &resp);
        bool seen = false;
        size_t k;
        json_t *item;
        json_array_foreach(json_object_get(l, "items"), k, item)
        {
            if (json_integer_value(json_object_get(item, "id")) == id)
                seen = true;
        }
        assert_int_equal(seen, i < 2);
        http_resp_free(&resp);
    }
}

static void test_bad_input_is_400_and_founds_nothing(void **state)
{
    struct fixture *fx = *state;
    struct client a = resident(fx, NULL), b = resident(fx, NULL), c = resident(fx, NULL);
    struct client away = client_person(fx->h, "elders@example.nl", NULL);
    seed_resident(fx->h, away.person_id, OTHER_BUURT);
    struct {
        const char *kind, *area, *rule, *first;
        int64_t second;
        const char *field;
    } bad[] = {
        {"club", BUURT, "majority", b.email, c.person_id, "kind"},
        {"trust", "GM9901", "majority", b.email, c.person_id, "area"},
        {"trust", BUURT, "loting", b.email, c.person_id, "voting_rule"},
        {"trust", BUURT, "majority", b.email, away.person_id, "cofounder2"},
        {"trust", BUURT, "majority", "niemand@example.nl", c.person_id, "cofounder1"},
        {"trust", BUURT, "majority", a.email, c.person_id, "cofounder1"},
    };
    struct http_resp resp;
    json_t *l = harness_get_json(fx->h, "/api/v1/collectives", 200, &resp);
    size_t before = json_array_size(json_object_get(l, "items"));
    http_resp_free(&resp);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char body[600];
        snprintf(body, sizeof body,
                 "{\"name\": \"X\", \"kind\": \"%s\", \"area\": \"%s\", \"voting_rule\": "
                 "\"%s\", \"cofounder1\": \"%s\", \"cofounder2\": \"%lld\"}",
                 bad[i].kind, bad[i].area, bad[i].rule, bad[i].first, (long long)bad[i].second);
        assert_int_equal(client_send(&a, "POST", "/api/v1/collectives", body, &resp), 400);
        assert_string_equal(json_string_value(json_object_get(resp.json, "field")), bad[i].field);
        http_resp_free(&resp);
    }
    l = harness_get_json(fx->h, "/api/v1/collectives", 200, &resp);
    assert_int_equal(json_array_size(json_object_get(l, "items")), before);
    http_resp_free(&resp);
}

/* ---- professionals -------------------------------------------------------- */

static void test_a_professional_cannot_found_join_or_sit_on_the_board(void **state)
{
    struct fixture *fx = *state;
    struct client t[3];
    int64_t id = active(fx, t);
    char body[300], path[100];
    snprintf(body, sizeof body,
             "{\"name\": \"Overgenomen\", \"kind\": \"trust\", \"area\": \"" BUURT "\", "
             "\"voting_rule\": \"majority\", \"cofounder1\": \"%lld\", \"cofounder2\": \"%lld\"}",
             (long long)t[0].person_id, (long long)t[1].person_id);
    expect_facilitates(&fx->pro, "POST", "/api/v1/collectives", body);
    path_of(path, sizeof path, id, "/members");
    expect_facilitates(&fx->pro, "POST", path, NULL);
    /* the board admits the professional as an adviser, who never votes */
    path_of(path, sizeof path, id, "/advisers");
    snprintf(body, sizeof body, "{\"person\": \"%s\"}", fx->pro.email);
    expect_facilitates(&fx->pro, "POST", path, body);
    client_expect(&t[0], "POST", path, body, 201);
    int voting = 0, residents = 0;
    assert_true(is_sound(fx, id, &voting, &residents));
    assert_int_equal(voting, 3);
    /* and never sits on the board, nor sets it */
    path_of(path, sizeof path, id, "/board");
    snprintf(body, sizeof body, "{\"chair\": \"%lld\", \"secretary\": \"%lld\"}",
             (long long)t[0].person_id, (long long)fx->pro.person_id);
    struct http_resp resp;
    assert_int_equal(client_send(&t[0], "PUT", path, body, &resp), 403);
    assert_non_null(strstr(json_string_value(json_object_get(resp.json, "message")),
                           "Professionals facilitate"));
    assert_string_equal(json_string_value(json_object_get(resp.json, "field")), "secretary");
    http_resp_free(&resp);
    snprintf(body, sizeof body, "{\"chair\": \"%lld\"}", (long long)t[1].person_id);
    expect_facilitates(&fx->pro, "PUT", path, body);
    json_t *o = get(fx, id, &resp);
    json_t *members = json_object_get(o, "members");
    assert_int_equal(json_array_size(members), 4);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(members, 1), "board_role")), "secretary");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(members, 1), "person_id")),
                     t[1].person_id);
    json_t *adviser = json_array_get(members, 3);
    assert_string_equal(json_string_value(json_object_get(adviser, "role")), "adviser");
    assert_true(json_is_null(json_object_get(adviser, "board_role")));
    http_resp_free(&resp);
    /* the board itself moves roles around */
    snprintf(body, sizeof body, "{\"chair\": \"%s\", \"treasurer\": \"%lld\"}", t[2].email,
             (long long)t[0].person_id);
    client_expect(&t[1], "PUT", path, body, 200);
    o = get(fx, id, &resp);
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(o, "members"), 0), "person_id")),
                     t[2].person_id);
    http_resp_free(&resp);
}

/* ---- the two-thirds rule -------------------------------------------------- */

static void test_two_thirds_rule_after_residents_move_away(void **state)
{
    struct fixture *fx = *state;
    struct client t[3], more[2];
    int64_t res[2];
    int64_t id = active(fx, t);
    char path[100];
    path_of(path, sizeof path, id, "/members");
    for (int i = 0; i < 2; i++) {
        more[i] = resident(fx, &res[i]);
        client_expect(&more[i], "POST", path, NULL, 200);
    }
    int voting = 0, residents = 0;
    assert_true(is_sound(fx, id, &voting, &residents));
    assert_int_equal(residents, 5);
    end_residency(fx->h, more[0].person_id, res[0]);
    assert_true(is_sound(fx, id, &voting, &residents)); /* 4 of 5 */
    end_residency(fx->h, more[1].person_id, res[1]);
    assert_false(is_sound(fx, id, &voting, &residents)); /* 3 of 5 */
    assert_int_equal(voting, 5);
    assert_int_equal(residents, 3);
    struct http_resp resp;
    json_t *o = get(fx, id, &resp);
    assert_non_null(strstr(json_string_value(json_object_get(o, "unsound_reason")), "two thirds"));
    http_resp_free(&resp);
    /* one who moved lives elsewhere now and leaves: 3 of 4 restores it */
    seed_resident(fx->h, more[1].person_id, OTHER_BUURT);
    client_act_as(&more[1], "resident:" OTHER_BUURT, 200);
    path_of(path, sizeof path, id, "/leave");
    client_expect(&more[1], "DELETE", path, NULL, 200);
    client_expect(&more[1], "POST", path, NULL, 403);
    assert_true(is_sound(fx, id, &voting, &residents));
    assert_int_equal(voting, 4);
}

/* ---- pages ---------------------------------------------------------------- */

static void test_pages_found_a_collective_and_show_it(void **state)
{
    struct fixture *fx = *state;
    struct client a = resident(fx, NULL), b = resident(fx, NULL), c = resident(fx, NULL);
    struct http_resp resp;
    assert_int_equal(client_send(&a, "GET", "/collectives/new", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "value=\"" BUURT "\""));
    http_resp_free(&resp);
    expect_facilitates(&fx->pro, "GET", "/collectives/new", NULL);
    char body[600];
    snprintf(body, sizeof body,
             "csrf=%s&name=Bewonersbedrijf+Oost&kind=bewonersbedrijf&area=" BUURT
             "&voting_rule=consensus&statutes=Samen+sterk&cofounder1=%s&cofounder2=%s",
             a.csrf, "niemand%40example.nl", c.email);
    assert_int_equal(client_send(&a, "POST", "/collectives/new", body, &resp), 400);
    assert_non_null(strstr(buf_cstr(&resp.body), "id=\"cofounder1-error\""));
    assert_non_null(strstr(buf_cstr(&resp.body), "aria-invalid"));
    http_resp_free(&resp);
    snprintf(body, sizeof body,
             "csrf=%s&name=Bewonersbedrijf+Oost&kind=bewonersbedrijf&area=" BUURT
             "&voting_rule=consensus&statutes=Samen+sterk&cofounder1=%lld&cofounder2=%lld",
             a.csrf, (long long)b.person_id, (long long)c.person_id);
    assert_int_equal(client_send(&a, "POST", "/collectives/new", body, &resp), 303);
    const char *where = http_resp_header(&resp, "Location");
    assert_non_null(strstr(where, "?done=founded"));
    char page[100];
    snprintf(page, sizeof page, "%.*s", (int)(strchr(where, '?') - where), where);
    http_resp_free(&resp);
    char join[120];
    snprintf(join, sizeof join, "%s/join", page);
    snprintf(body, sizeof body, "csrf=%s", b.csrf);
    assert_int_equal(client_send(&b, "POST", join, body, &resp), 303);
    http_resp_free(&resp);
    snprintf(body, sizeof body, "csrf=%s", c.csrf);
    assert_int_equal(client_send(&c, "POST", join, body, &resp), 303);
    http_resp_free(&resp);
    assert_int_equal(client_send(&c, "GET", page, NULL, &resp), 200);
    const char *html = buf_cstr(&resp.body);
    assert_non_null(strstr(html, "Bewonersbedrijf Oost"));
    assert_non_null(strstr(html, "Consensus"));
    assert_non_null(strstr(html, "3 of 3 voting members"));
    assert_non_null(strstr(html, "<caption id=\"members-caption\">"));
    assert_non_null(strstr(html, "Samen sterk"));
    http_resp_free(&resp);
    /* a professional joining through the page reads why not */
    snprintf(body, sizeof body, "csrf=%s", fx->pro.csrf);
    assert_int_equal(client_send(&fx->pro, "POST", join, body, &resp), 403);
    assert_non_null(strstr(buf_cstr(&resp.body), "Professionals facilitate"));
    http_resp_free(&resp);
    assert_int_equal(client_send(&a, "GET", "/collectives?area=" BUURT, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Bewonersbedrijf Oost"));
    http_resp_free(&resp);
}

static void test_writes_need_the_csrf_token(void **state)
{
    struct fixture *fx = *state;
    struct client t[3];
    int64_t id = active(fx, t);
    struct client d = resident(fx, NULL);
    d.csrf[0] = '\0';
    char path[100];
    path_of(path, sizeof path, id, "/members");
    client_expect(&d, "POST", path, NULL, 403);
    int voting = 0, residents = 0;
    is_sound(fx, id, &voting, &residents);
    assert_int_equal(voting, 3);
}

static void test_server_stops_cleanly(void **state)
{
    struct fixture *fx = *state;
    assert_true(harness_stop_server(fx->h));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_three_residents_found_and_the_cofounders_join),
        cmocka_unit_test(test_bad_input_is_400_and_founds_nothing),
        cmocka_unit_test(test_a_professional_cannot_found_join_or_sit_on_the_board),
        cmocka_unit_test(test_two_thirds_rule_after_residents_move_away),
        cmocka_unit_test(test_pages_found_a_collective_and_show_it),
        cmocka_unit_test(test_writes_need_the_csrf_token),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
