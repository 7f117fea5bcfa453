/* API tests of moderation over real HTTP: reporting someone's display name
 * (not one's own, with a reason, only kinds of content that exist), a
 * moderator hiding it with a reason (not anyone else; not twice) and showing
 * it again, the public answer to "is this hidden, and why", the reports
 * desk for moderators only, the public audit entry of a hide (without the
 * reason text), and the web pages behind the same rules.
 *
 * The platform admin is made as an operator would, with `wijkregie user add
 * --admin`; it names the moderator through the API. */
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
#include "db/db.h"
#include "harness.h"

struct fixture {
    struct harness *h;
    struct client admin; /* platform admin, acting as one */
    struct client mod;   /* moderator, acting as one */
};

/* The message of a JSON error reply to a request that must get status. */
static void expect_message(struct client *c, const char *method, const char *path, const char *body,
                           long status, const char *part)
{
    struct http_resp resp;
    long got = client_send(c, method, path, body, &resp);
    if (got != status)
        fail_msg("%s %s -> %ld, expected %ld: %s", method, path, got, status, buf_cstr(&resp.body));
    const char *msg = json_string_value(json_object_get(resp.json, "message"));
    assert_non_null(msg);
    if (!strstr(msg, part))
        fail_msg("message \"%s\" lacks \"%s\"", msg, part);
    http_resp_free(&resp);
}

/* {"object_type": "person", "object_id": "<id>"[, "reason": reason]} */
static const char *object_body(char *out, size_t n, int64_t id, const char *reason)
{
    if (reason)
        snprintf(out, n,
                 "{\"object_type\": \"person\", \"object_id\": \"%lld\", \"reason\": \"%s\"}",
                 (long long)id, reason);
    else
        snprintf(out, n, "{\"object_type\": \"person\", \"object_id\": \"%lld\"}", (long long)id);
    return out;
}

/* GET /api/v1/moderation/hidden for a person, as anyone; owned by *resp. */
static json_t *hidden_state(const struct harness *h, int64_t id, struct http_resp *resp)
{
    char path[120];
    snprintf(path, sizeof path, "/api/v1/moderation/hidden?object_type=person&object_id=%lld",
             (long long)id);
    return harness_get_json(h, path, 200, resp);
}

static bool is_hidden(const struct harness *h, int64_t id)
{
    struct http_resp resp;
    json_t *state = hidden_state(h, id, &resp); /* json_is_true evaluates twice */
    bool hidden = json_is_true(json_object_get(state, "hidden"));
    http_resp_free(&resp);
    return hidden;
}

/* A number from the test database. */
static int64_t count(const struct harness *h, const char *sql, const char *arg)
{
    struct fault f = {0};
    struct db *db = db_open(h->db_url, &f);
    assert_non_null(db);
    struct db_stmt *st = db_prepare(db, sql);
    assert_non_null(st);
    if (arg)
        db_bind_text(st, 1, arg);
    assert_int_equal(db_step(st), DB_ROW);
    int64_t n = db_col_int(st, 0);
    db_done(st);
    db_close(db);
    return n;
}

static int64_t reports_on(const struct harness *h, int64_t id)
{
    char arg[24];
    snprintf(arg, sizeof arg, "%lld", (long long)id);
    return count(h,
                 "SELECT COUNT(*) FROM content_report WHERE object_type = 'person' "
                 "AND object_id = ?",
                 arg);
}

/* ---- fixture ------------------------------------------------------------- */

static int group_setup(void **state)
{
    setenv("WIJKREGIE_FAST_HASH", "1", 1);
    struct fixture *fx = xcalloc(1, sizeof *fx);
    *state = fx;
    fx->h = harness_start();
    if (!fx->h)
        return -1;
    fx->admin = console_platform_admin(fx->h, "beheer@example.nl");
    fx->mod = client_person(fx->h, "moderator@example.nl", "Moderator Mia");
    client_grant(&fx->admin, "moderator@example.nl", "moderator", NULL);
    client_act_as(&fx->mod, "moderator", 200);
    return 0;
}

static int group_teardown(void **state)
{
    struct fixture *fx = *state;
    bool clean = harness_stop(fx->h);
    free(fx);
    return clean ? 0 : -1;
}

/* ---- reports ------------------------------------------------------------- */

static void test_report_of_another_persons_name(void **state)
{
    struct fixture *fx = *state;
    struct client author = client_person(fx->h, "rude1@example.nl", "Onaardige Naam");
    struct client reader = client_person(fx->h, "reader1@example.nl", "Lezer Een");
    char body[300];
    struct http_resp resp;
    assert_int_equal(client_send(&reader, "POST", "/api/v1/reports",
                                 object_body(body, sizeof body, author.person_id, "Scheldwoord"),
                                 &resp),
                     201);
    assert_true(json_integer_value(json_object_get(resp.json, "id")) > 0);
    assert_string_equal(json_string_value(json_object_get(resp.json, "status")), "open");
    http_resp_free(&resp);
    assert_int_equal(reports_on(fx->h, author.person_id), 1);
    /* A number for the id works as well as a string. */
    snprintf(body, sizeof body,
             "{\"object_type\": \"person\", \"object_id\": %lld, \"reason\": \"Nog eens\"}",
             (long long)author.person_id);
    client_expect(&reader, "POST", "/api/v1/reports", body, 201);
    assert_int_equal(reports_on(fx->h, author.person_id), 2);
}

static void test_reporting_ones_own_name_is_forbidden(void **state)
{
    struct fixture *fx = *state;
    struct client self = client_person(fx->h, "self@example.nl", "Zelf");
    char body[300];
    expect_message(&self, "POST", "/api/v1/reports",
                   object_body(body, sizeof body, self.person_id, "Mijn eigen naam"), 403,
                   "written by others");
    assert_int_equal(reports_on(fx->h, self.person_id), 0);
}

static void test_report_without_a_reason_is_refused(void **state)
{
    struct fixture *fx = *state;
    struct client author = client_person(fx->h, "rude2@example.nl", "Naam Twee");
    struct client reader = client_person(fx->h, "reader2@example.nl", "Lezer Twee");
    char body[300];
    expect_message(&reader, "POST", "/api/v1/reports",
                   object_body(body, sizeof body, author.person_id, ""), 400,
                   "Give a reason of at most 500 characters.");
    expect_message(&reader, "POST", "/api/v1/reports",
                   object_body(body, sizeof body, author.person_id, "   "), 400, "reason");
    client_expect(&reader, "POST", "/api/v1/reports",
                  object_body(body, sizeof body, author.person_id, NULL), 400);
    assert_int_equal(reports_on(fx->h, author.person_id), 0);
}

static void test_unknown_kind_or_missing_content_is_refused(void **state)
{
    struct fixture *fx = *state;
    struct client reader = client_person(fx->h, "reader3@example.nl", "Lezer Drie");
    expect_message(&reader, "POST", "/api/v1/reports",
                   "{\"object_type\": \"invitation\", \"object_id\": \"1\", \"reason\": \"x\"}",
                   400, "This kind of content cannot be reported.");
    expect_message(&reader, "POST", "/api/v1/reports",
                   "{\"object_type\": \"person\", \"object_id\": \"987654\", \"reason\": \"x\"}",
                   404, "There is no such content.");
    client_expect(&reader, "POST", "/api/v1/reports", "{\"object_id\": \"1\", \"reason\": \"x\"}",
                  400);
    assert_int_equal(
        count(fx->h, "SELECT COUNT(*) FROM content_report WHERE object_type <> ?", "person"), 0);
}

static void test_report_needs_the_csrf_token(void **state)
{
    struct fixture *fx = *state;
    struct client author = client_person(fx->h, "rude4@example.nl", "Naam Vier");
    struct client reader = client_person(fx->h, "reader4@example.nl", "Lezer Vier");
    reader.csrf[0] = '\0';
    char body[300];
    client_expect(&reader, "POST", "/api/v1/reports",
                  object_body(body, sizeof body, author.person_id, "Grof"), 403);
    assert_int_equal(reports_on(fx->h, author.person_id), 0);
}

/* ---- hiding -------------------------------------------------------------- */

static void test_moderator_hides_a_name_with_a_reason(void **state)
{
    struct fixture *fx = *state;
    struct client author = client_person(fx->h, "rude5@example.nl", "Naam Vijf");
    struct client reader = client_person(fx->h, "reader5@example.nl", "Lezer Vijf");
    char body[300];
    client_expect(&reader, "POST", "/api/v1/reports",
                  object_body(body, sizeof body, author.person_id, "Kwetsend"), 201);
    struct http_resp resp;
    assert_int_equal(client_send(&fx->mod, "POST", "/api/v1/moderation/hide",
                                 object_body(body, sizeof body, author.person_id, "Beledigend"),
                                 &resp),
                     200);
    assert_true(json_is_true(json_object_get(resp.json, "hidden")));
    http_resp_free(&resp);
    /* Anyone, signed in or not, sees that it is hidden and why, not the name. */
    json_t *state_json = hidden_state(fx->h, author.person_id, &resp);
    assert_true(json_is_true(json_object_get(state_json, "hidden")));
    assert_string_equal(json_string_value(json_object_get(state_json, "reason")), "Beledigend");
    assert_true(json_is_null(json_object_get(state_json, "content")));
    assert_null(strstr(buf_cstr(&resp.body), "Naam Vijf"));
    http_resp_free(&resp);
    /* The person row is never edited: the name is still theirs. */
    assert_int_equal(
        count(fx->h, "SELECT COUNT(*) FROM person WHERE display_name = ?", "Naam Vijf"), 1);
}

static void test_hide_needs_a_reason(void **state)
{
    struct fixture *fx = *state;
    struct client author = client_person(fx->h, "rude6@example.nl", "Naam Zes");
    char body[300];
    expect_message(&fx->mod, "POST", "/api/v1/moderation/hide",
                   object_body(body, sizeof body, author.person_id, " "), 400, "reason");
    assert_false(is_hidden(fx->h, author.person_id));
}

static void test_non_moderators_cannot_hide_and_nothing_changes(void **state)
{
    struct fixture *fx = *state;
    struct client author = client_person(fx->h, "rude7@example.nl", "Naam Zeven");
    struct client reader = client_person(fx->h, "reader7@example.nl", "Lezer Zeven");
    char body[300];
    object_body(body, sizeof body, author.person_id, "Weg ermee");
    expect_message(&reader, "POST", "/api/v1/moderation/hide", body, 403, "moderators");
    client_expect(&fx->admin, "POST", "/api/v1/moderation/hide", body, 403);
    struct client visitor = client_new(fx->h);
    client_expect(&visitor, "POST", "/api/v1/moderation/hide", body, 401);
    assert_false(is_hidden(fx->h, author.person_id));
    /* Nor does a moderator hide their own name. */
    client_expect(&fx->mod, "POST", "/api/v1/moderation/hide",
                  object_body(body, sizeof body, fx->mod.person_id, "Eigen naam"), 403);
    assert_false(is_hidden(fx->h, fx->mod.person_id));
}

static void test_hiding_twice_conflicts(void **state)
{
    struct fixture *fx = *state;
    struct client author = client_person(fx->h, "rude8@example.nl", "Naam Acht");
    char body[300];
    object_body(body, sizeof body, author.person_id, "Eerste keer");
    client_expect(&fx->mod, "POST", "/api/v1/moderation/hide", body, 200);
    expect_message(&fx->mod, "POST", "/api/v1/moderation/hide", body, 409, "hidden already");
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)author.person_id);
    assert_int_equal(count(fx->h,
                           "SELECT COUNT(*) FROM content_hidden WHERE "
                           "object_type = 'person' AND object_id = ?",
                           id),
                     1);
}

static void test_moderator_shows_a_name_again(void **state)
{
    struct fixture *fx = *state;
    struct client author = client_person(fx->h, "rude9@example.nl", "Naam Negen");
    struct client reader = client_person(fx->h, "reader9@example.nl", "Lezer Negen");
    char body[300];
    client_expect(&fx->mod, "POST", "/api/v1/moderation/hide",
                  object_body(body, sizeof body, author.person_id, "Tijdelijk"), 200);
    object_body(body, sizeof body, author.person_id, NULL);
    client_expect(&reader, "POST", "/api/v1/moderation/unhide", body, 403);
    assert_true(is_hidden(fx->h, author.person_id));
    struct http_resp resp;
    assert_int_equal(client_send(&fx->mod, "POST", "/api/v1/moderation/unhide", body, &resp), 200);
    assert_false(json_is_true(json_object_get(resp.json, "hidden")));
    assert_string_equal(json_string_value(json_object_get(resp.json, "content")), "Naam Negen");
    http_resp_free(&resp);
    expect_message(&fx->mod, "POST", "/api/v1/moderation/unhide", body, 409, "not hidden");
}

static void test_hide_is_in_the_public_audit_log_without_the_reason(void **state)
{
    struct fixture *fx = *state;
    struct client author = client_person(fx->h, "rude10@example.nl", "Naam Tien");
    char body[300], id[24];
    snprintf(id, sizeof id, "%lld", (long long)author.person_id);
    client_expect(&fx->mod, "POST", "/api/v1/moderation/hide",
                  object_body(body, sizeof body, author.person_id, "Geheime reden XYZ"), 200);
    assert_int_equal(count(fx->h,
                           "SELECT COUNT(*) FROM audit_log WHERE action = "
                           "'moderation.hide' AND public = 1 AND object_type = 'person' "
                           "AND object_id = ?",
                           id),
                     1);
    assert_int_equal(
        count(fx->h, "SELECT COUNT(*) FROM audit_log WHERE detail LIKE ?", "%Geheime reden%"), 0);
}

/* ---- the moderators' desk ------------------------------------------------- */

static void test_only_moderators_see_the_reports(void **state)
{
    struct fixture *fx = *state;
    struct client author = client_person(fx->h, "rude11@example.nl", "Naam Elf");
    struct client reader = client_person(fx->h, "reader11@example.nl", "Lezer Elf");
    char body[300];
    client_expect(&reader, "POST", "/api/v1/reports",
                  object_body(body, sizeof body, author.person_id, "Reden elf"), 201);
    expect_message(&reader, "GET", "/api/v1/moderation/reports", NULL, 403, "moderators");
    client_expect(&fx->admin, "GET", "/api/v1/moderation/reports", NULL, 403);
    struct http_resp resp;
    assert_int_equal(client_send(&fx->mod, "GET", "/api/v1/moderation/reports", NULL, &resp), 200);
    json_t *items = json_object_get(resp.json, "items");
    bool found = false;
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *it = json_array_get(items, i);
        const char *content = json_string_value(json_object_get(it, "content"));
        if (content && strcmp(content, "Naam Elf") == 0) {
            found = true;
            assert_int_equal(json_integer_value(json_object_get(it, "count")), 1);
            assert_string_equal(
                json_string_value(json_array_get(json_object_get(it, "newest_reasons"), 0)),
                "Reden elf");
        }
    }
    assert_true(found);
    assert_true(json_is_array(json_object_get(resp.json, "hidden")));
    http_resp_free(&resp);
}

/* ---- the pages ------------------------------------------------------------ */

static void test_web_report_and_hide(void **state)
{
    struct fixture *fx = *state;
    struct client author = client_person(fx->h, "rude12@example.nl", "Naam Twaalf");
    struct client reader = client_person(fx->h, "reader12@example.nl", "Lezer Twaalf");
    char path[120], form[200];
    snprintf(path, sizeof path, "/report?type=person&id=%lld", (long long)author.person_id);
    struct http_resp resp;
    assert_int_equal(client_send(&reader, "GET", path, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Naam Twaalf"));
    assert_non_null(strstr(buf_cstr(&resp.body), "name=\"csrf\""));
    http_resp_free(&resp);
    snprintf(form, sizeof form, "type=person&id=%lld&reason=", (long long)author.person_id);
    assert_int_equal(client_send(&reader, "POST", "/report", form, &resp), 400);
    assert_non_null(strstr(buf_cstr(&resp.body), "Give a reason"));
    http_resp_free(&resp);
    snprintf(form, sizeof form, "type=person&id=%lld&reason=Grof", (long long)author.person_id);
    client_expect(&reader, "POST", "/report", form, 303);
    assert_int_equal(reports_on(fx->h, author.person_id), 1);
    client_expect(&reader, "GET", "/moderation", NULL, 403);
    /* The account page links the desk for moderators only. */
    assert_int_equal(client_send(&reader, "GET", "/account", NULL, &resp), 200);
    assert_null(strstr(buf_cstr(&resp.body), "href=\"/moderation\""));
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->mod, "GET", "/account", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "href=\"/moderation\""));
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->mod, "GET", "/moderation", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Naam Twaalf"));
    http_resp_free(&resp);
    snprintf(form, sizeof form, "type=person&id=%lld&reason=Ongepast", (long long)author.person_id);
    client_expect(&reader, "POST", "/moderation/hide", form, 403);
    client_expect(&fx->mod, "POST", "/moderation/hide", form, 303);
    assert_true(is_hidden(fx->h, author.person_id));
    assert_int_equal(client_send(&reader, "GET", path, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Hidden by a moderator: Ongepast"));
    assert_null(strstr(buf_cstr(&resp.body), "Naam Twaalf"));
    http_resp_free(&resp);
    client_expect(&fx->mod, "POST", "/moderation/unhide", form, 303);
    assert_false(is_hidden(fx->h, author.person_id));
}

static void test_server_stops_cleanly(void **state)
{
    struct fixture *fx = *state;
    assert_true(harness_stop_server(fx->h));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_of_another_persons_name),
        cmocka_unit_test(test_reporting_ones_own_name_is_forbidden),
        cmocka_unit_test(test_report_without_a_reason_is_refused),
        cmocka_unit_test(test_unknown_kind_or_missing_content_is_refused),
        cmocka_unit_test(test_report_needs_the_csrf_token),
        cmocka_unit_test(test_moderator_hides_a_name_with_a_reason),
        cmocka_unit_test(test_hide_needs_a_reason),
        cmocka_unit_test(test_non_moderators_cannot_hide_and_nothing_changes),
        cmocka_unit_test(test_hiding_twice_conflicts),
        cmocka_unit_test(test_moderator_shows_a_name_again),
        cmocka_unit_test(test_hide_is_in_the_public_audit_log_without_the_reason),
        cmocka_unit_test(test_only_moderators_see_the_reports),
        cmocka_unit_test(test_web_report_and_hide),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
