/* API tests of skills, matching, invitations and the practice library over
 * real HTTP: the taxonomy is public; bad skill input (an unknown code,
 * more than 744 hours) is 400 and changes nothing; the matches of a need
 * are ranked with their explanation and a person hidden from the
 * initiator never appears; an invitation needs the invited person's yes,
 * a second one is 409, one to a paused person 400; fifty simultaneous
 * identical answers leave one answer and one pledge; a professional gets
 * 403 with the reason; a practice needs an evaluation, is then found by
 * full-text search, and bad search input is 400; an initiator closes a
 * need (200, then 409; 403 for others, 404 for none; of fifty simultaneous
 * closes one is 200), also through the needs page; an invitation's message
 * and a profile's text are reported and hidden by a moderator, and the
 * pages and the API then show the reason instead (the public state of such
 * text never shows it); the pages render.
 *
 * Residents are made at the console through the model (as the operator
 * would verify them); everything else goes through the API. */
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
    struct client ini, ann, bea, pro;
    int64_t initiative, need;
};

static void path(char *out, size_t n, const char *base, int64_t id, const char *tail)
{
    snprintf(out, n, "%s%lld%s", base, (long long)id, tail);
}

/* The status of a request, with the error's field into field (may be NULL). */
static long send(struct client *c, const char *method, const char *p, const char *body, char *field,
                 size_t n)
{
    struct http_resp resp;
    long status = client_send(c, method, p, body, &resp);
    const char *fd = json_string_value(json_object_get(resp.json, "field"));
    if (field)
        snprintf(field, n, "%s", fd ? fd : "");
    http_resp_free(&resp);
    return status;
}

static void test_the_taxonomy_is_public(void **state)
{
    struct fixture *fx = *state;
    struct client nobody = client_new(fx->h);
    struct http_resp resp;
    json_t *o = client_get_json(&nobody, "/api/v1/skills", &resp);
    assert_int_equal(json_array_size(json_object_get(o, "families")), 4);
    assert_true(json_array_size(json_object_get(o, "items")) >= 16);
    http_resp_free(&resp);
}

static void test_bad_skill_input_is_400_and_changes_nothing(void **state)
{
    struct fixture *fx = *state;
    char field[40];
    assert_int_equal(send(&fx->bea, "PUT", "/api/v1/me/skills",
                          "{\"hours_month\": 8, \"visibility\": \"public\", "
                          "\"skills\": \"juggling:expert\"}",
                          field, sizeof field),
                     400);
    assert_string_equal(field, "skill");
    assert_int_equal(send(&fx->bea, "PUT", "/api/v1/me/skills",
                          "{\"hours_month\": 745, \"visibility\": \"public\", "
                          "\"skills\": \"carpentry:expert\"}",
                          field, sizeof field),
                     400);
    assert_string_equal(field, "hours_month");
    assert_int_equal(
        query_count(fx->h, "SELECT COUNT(*) FROM skill_profile WHERE person_id = ?", fx->bea.person_id),
        0);
}

static void test_matches_are_ranked_explained_and_never_show_the_hidden(void **state)
{
    struct fixture *fx = *state;
    client_expect(&fx->ann, "PUT", "/api/v1/me/skills",
                  "{\"hours_month\": 10, \"visibility\": \"public\", "
                  "\"skills\": \"carpentry:expert, cooking:capable\"}",
                  200);
    client_expect(&fx->bea, "PUT", "/api/v1/me/skills",
                  "{\"hours_month\": 10, \"visibility\": \"allowed\", "
                  "\"skills\": \"joinery:expert\"}",
                  200);
    char p[100];
    path(p, sizeof p, "/api/v1/skill-needs/", fx->need, "/matches");
    struct http_resp resp;
    json_t *items = json_object_get(client_get_json(&fx->ini, p, &resp), "items");
    assert_int_equal(json_array_size(items), 1); /* bea hid herself from ini */
    json_t *m = json_array_get(items, 0);
    assert_int_equal(json_integer_value(json_object_get(m, "person_id")), fx->ann.person_id);
    json_t *why = json_object_get(m, "explanation");
    assert_string_equal(json_string_value(json_object_get(json_array_get(why, 0), "kind")),
                        "skill");
    assert_string_equal(json_string_value(json_object_get(json_array_get(why, 1), "kind")),
                        "same_buurt");
    json_t *hours = json_array_get(why, 2);
    assert_string_equal(json_string_value(json_object_get(hours, "kind")), "hours");
    assert_int_equal(json_integer_value(json_object_get(hours, "free")), 8);
    assert_int_equal(json_integer_value(json_object_get(hours, "needed")), 8);
    http_resp_free(&resp);
    /* a resident who is no initiator sees no matches */
    assert_int_equal(send(&fx->bea, "GET", p, NULL, NULL, 0), 403);
    /* bea allows ini: now she appears */
    char body[200];
    snprintf(body, sizeof body,
             "{\"hours_month\": 10, \"visibility\": \"allowed\", \"skills\": \"joinery:expert\", "
             "\"allowed\": \"%lld\"}",
             (long long)fx->ini.person_id);
    client_expect(&fx->bea, "PUT", "/api/v1/me/skills", body, 200);
    items = json_object_get(client_get_json(&fx->ini, p, &resp), "items");
    assert_int_equal(json_array_size(items), 2);
    http_resp_free(&resp);
}

static void test_fifty_simultaneous_answers_leave_one_answer_and_one_pledge(void **state)
{
    struct fixture *fx = *state;
    char p[100], body[100], field[40];
    path(p, sizeof p, "/api/v1/skill-needs/", fx->need, "/invitations");
    snprintf(body, sizeof body, "{\"person_id\": %lld, \"message\": \"Help je mee?\"}",
             (long long)fx->ann.person_id);
    int64_t id = client_expect(&fx->ini, "POST", p, body, 201);
    assert_int_equal(send(&fx->ini, "POST", p, body, field, sizeof field), 409);
    assert_string_equal(field, "person");
    assert_int_equal(
        query_count(fx->h, "SELECT COUNT(*) FROM pledge WHERE person_id = ?", fx->ann.person_id),
        0); /* no pledge without consent */
    char accept[100];
    path(accept, sizeof accept, "/api/v1/match-invitations/", id, "/accept");
    assert_int_equal(send(&fx->bea, "POST", accept, NULL, NULL, 0), 404); /* not hers */
    enum { N = 50 };
    long statuses[N];
    client_race(&fx->ann, 1, N, "POST", accept, NULL, statuses);
    assert_int_equal(client_count_status(statuses, N, 200), 1);
    assert_int_equal(client_count_status(statuses, N, 409), N - 1);
    assert_int_equal(query_count(fx->h,
                              "SELECT COUNT(*) FROM match_invite WHERE status = 'accepted' "
                              "AND id = ?",
                              id),
                     1);
    assert_int_equal(
        query_count(fx->h, "SELECT COUNT(*) FROM pledge WHERE person_id = ?", fx->ann.person_id), 1);
    struct http_resp resp;
    json_t *mine =
        json_object_get(client_get_json(&fx->ann, "/api/v1/me/match-invitations", &resp), "items");
    assert_int_equal(json_array_size(mine), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(mine, 0), "status")),
                        "accepted");
    http_resp_free(&resp);
}

static void test_a_paused_person_is_not_invited(void **state)
{
    struct fixture *fx = *state;
    client_expect(&fx->bea, "PUT", "/api/v1/me/skills/pause", "{\"paused\": true}", 200);
    char p[100], body[100], field[40];
    path(p, sizeof p, "/api/v1/skill-needs/", fx->need, "/invitations");
    snprintf(body, sizeof body, "{\"person_id\": %lld}", (long long)fx->bea.person_id);
    assert_int_equal(send(&fx->ini, "POST", p, body, field, sizeof field), 400);
    assert_string_equal(field, "person");
    assert_int_equal(
        query_count(fx->h, "SELECT COUNT(*) FROM match_invite WHERE person_id = ?", fx->bea.person_id),
        0);
    client_expect(&fx->bea, "PUT", "/api/v1/me/skills/pause", "{\"paused\": false}", 200);
}

static void test_a_professional_gets_403_with_the_reason(void **state)
{
    struct fixture *fx = *state;
    char p[100];
    path(p, sizeof p, "/api/v1/match-invitations/", 1, "/accept");
    struct http_resp resp;
    assert_int_equal(client_send(&fx->pro, "POST", p, NULL, &resp), 403);
    assert_non_null(json_string_value(json_object_get(resp.json, "message")));
    http_resp_free(&resp);
    path(p, sizeof p, "/api/v1/initiatives/", fx->initiative, "/practice");
    assert_int_equal(send(&fx->pro, "POST", p, "{\"themes\": \"food\"}", NULL, 0), 403);
    /* but a professional who connects people sees the matches */
    path(p, sizeof p, "/api/v1/skill-needs/", fx->need, "/matches");
    assert_int_equal(send(&fx->pro, "GET", p, NULL, NULL, 0), 200);
}

static void test_a_practice_needs_an_evaluation_and_is_then_found(void **state)
{
    struct fixture *fx = *state;
    char p[100], field[40];
    int64_t id = client_expect(&fx->ini, "POST", "/api/v1/initiatives",
                               "{\"title\": \"Repair cafe\", \"aim\": \"Samen repareren\", "
                               "\"areas\": [\"" BU "\"]}",
                               201);
    path(p, sizeof p, "/api/v1/initiatives/", id, "/practice");
    assert_int_equal(send(&fx->ini, "POST", p, "{\"themes\": \"meeting\", \"contact_me\": true}",
                          field, sizeof field),
                     409);
    assert_string_equal(field, "evaluation");
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM practice", 0), 0);
    char ph[100];
    path(ph, sizeof ph, "/api/v1/initiatives/", id, "/phase");
    client_expect(&fx->ini, "POST", ph, "{\"phase\": \"awareness\"}", 200);
    client_expect(&fx->ini, "POST", ph, "{\"phase\": \"execution\", \"reason\": \"Klaar\"}", 200);
    client_expect(&fx->ini, "POST", ph, "{\"phase\": \"evaluation\", \"reason\": \"Gedaan\"}", 200);
    char ev[100];
    path(ev, sizeof ev, "/api/v1/initiatives/", id, "/evaluation");
    client_expect(&fx->ini, "PUT", ev,
                  "{\"results\": \"Veertig reparaties\", \"worked\": \"Een vaste zaterdag en "
                  "koffie\", \"did_not_work\": \"Elektronica\", \"conditions\": \"Een ruimte\"}",
                  200);
    assert_int_equal(
        send(&fx->ini, "POST", p, "{\"themes\": \"meeting, astrology\"}", field, sizeof field),
        400);
    assert_string_equal(field, "themes");
    int64_t practice =
        client_expect(&fx->ini, "POST", p, "{\"themes\": \"meeting\", \"contact_me\": true}", 201);
    assert_true(practice > 0);
    struct client nobody = client_new(fx->h);
    struct http_resp resp;
    json_t *items = json_object_get(
        client_get_json(&nobody, "/api/v1/practices?q=koffie%20zaterdag", &resp), "items");
    assert_int_equal(json_array_size(items), 1);
    http_resp_free(&resp);
    items = json_object_get(
        client_get_json(&nobody, "/api/v1/practices?q=koffie&theme=food", &resp), "items");
    assert_int_equal(json_array_size(items), 0);
    http_resp_free(&resp);
    assert_int_equal(
        send(&nobody, "GET", "/api/v1/practices?theme=astrology", NULL, field, sizeof field), 400);
    assert_string_equal(field, "theme");
    assert_int_equal(
        send(&nobody, "GET", "/api/v1/practices?area=BU00000000", NULL, field, sizeof field), 400);
    path(p, sizeof p, "/api/v1/practices/", practice, "");
    json_t *o = client_get_json(&nobody, p, &resp);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(o, "contact"), "person_id")),
        fx->ini.person_id);
    http_resp_free(&resp);
}

/* A new open need of the fixture's initiative, as its initiator. */
static int64_t new_need(struct fixture *fx, const char *skill)
{
    char p[100], body[100];
    path(p, sizeof p, "/api/v1/initiatives/", fx->initiative, "/skill-needs");
    snprintf(body, sizeof body, "{\"skill\": \"%s\", \"hours_month\": 4}", skill);
    return client_expect(&fx->ini, "POST", p, body, 201);
}

/* Whether need is among the initiative's open needs (GET, public). */
static bool listed(struct fixture *fx, int64_t need)
{
    char p[100];
    path(p, sizeof p, "/api/v1/initiatives/", fx->initiative, "/skill-needs");
    struct client nobody = client_new(fx->h);
    struct http_resp resp;
    json_t *items = json_object_get(client_get_json(&nobody, p, &resp), "items");
    bool found = false;
    for (size_t i = 0; i < json_array_size(items); i++)
        found |= json_integer_value(json_object_get(json_array_get(items, i), "id")) == need;
    http_resp_free(&resp);
    return found;
}

static void test_an_initiator_closes_a_need_once(void **state)
{
    struct fixture *fx = *state;
    int64_t need = new_need(fx, "cooking");
    assert_true(listed(fx, need));
    char p[100];
    path(p, sizeof p, "/api/v1/skill-needs/", need, "/close");
    struct http_resp resp;
    assert_int_equal(client_send(&fx->ini, "POST", p, NULL, &resp), 200);
    assert_int_equal(json_integer_value(json_object_get(resp.json, "id")), need);
    assert_true(json_integer_value(json_object_get(resp.json, "closed_at")) > 0);
    http_resp_free(&resp);
    assert_false(listed(fx, need));
    assert_int_equal(send(&fx->ini, "POST", p, NULL, NULL, 0), 409);
    path(p, sizeof p, "/api/v1/skill-needs/", need, "/matches");
    assert_int_equal(send(&fx->ini, "GET", p, NULL, NULL, 0), 409);
    assert_int_equal(
        query_count(fx->h, "SELECT COUNT(*) FROM match_need WHERE closed_at IS NOT NULL AND id = ?",
                    need),
        1);
}

static void test_only_initiators_close_a_need(void **state)
{
    struct fixture *fx = *state;
    int64_t need = new_need(fx, "gardening");
    char p[100];
    path(p, sizeof p, "/api/v1/skill-needs/", need, "/close");
    assert_int_equal(send(&fx->bea, "POST", p, NULL, NULL, 0), 403);
    struct http_resp resp;
    assert_int_equal(client_send(&fx->pro, "POST", p, NULL, &resp), 403);
    const char *why = json_string_value(json_object_get(resp.json, "message"));
    assert_non_null(why);
    assert_non_null(strstr(why, "facilitate"));
    http_resp_free(&resp);
    assert_int_equal(
        query_count(fx->h, "SELECT COUNT(*) FROM match_need WHERE closed_at IS NULL AND id = ?",
                    need),
        1);
    assert_true(listed(fx, need));
    assert_int_equal(send(&fx->ini, "POST", "/api/v1/skill-needs/999999/close", NULL, NULL, 0),
                     404);
    client_expect(&fx->ini, "POST", p, NULL, 200);
}

static void test_fifty_simultaneous_closes_give_one_200(void **state)
{
    struct fixture *fx = *state;
    int64_t need = new_need(fx, "writing");
    char p[100];
    path(p, sizeof p, "/api/v1/skill-needs/", need, "/close");
    enum { N = 50 };
    long statuses[N];
    client_race(&fx->ini, 1, N, "POST", p, NULL, statuses);
    assert_int_equal(client_count_status(statuses, N, 200), 1);
    assert_int_equal(client_count_status(statuses, N, 409), N - 1);
    assert_false(listed(fx, need));
}

static void test_the_needs_page_closes_a_need(void **state)
{
    struct fixture *fx = *state;
    int64_t need = new_need(fx, "events");
    char p[100], page[100];
    path(page, sizeof page, "/initiatives/", fx->initiative, "/matches");
    struct http_resp resp;
    assert_int_equal(client_send(&fx->ini, "GET", page, NULL, &resp), 200);
    path(p, sizeof p, "/skill-needs/", need, "/close");
    assert_non_null(strstr(buf_cstr(&resp.body), p));
    assert_non_null(strstr(buf_cstr(&resp.body), "Close this need"));
    http_resp_free(&resp);
    /* others see no button */
    assert_int_equal(client_send(&fx->bea, "GET", page, NULL, &resp), 200);
    assert_null(strstr(buf_cstr(&resp.body), "Close this need"));
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->bea, "POST", p, "", &resp), 403);
    http_resp_free(&resp);
    assert_true(listed(fx, need));
    assert_int_equal(client_send(&fx->ini, "POST", p, "", &resp), 303);
    http_resp_free(&resp);
    assert_false(listed(fx, need));
    /* again: the needs page with the model's reason */
    assert_int_equal(client_send(&fx->ini, "POST", p, "", &resp), 409);
    assert_non_null(strstr(buf_cstr(&resp.body), "This need was closed already."));
    assert_non_null(strstr(buf_cstr(&resp.body), "Skills Bankjes needs"));
    http_resp_free(&resp);
}

/* A moderator, named by a platform admin from the console. */
static struct client moderator(struct fixture *fx)
{
    struct client admin = console_platform_admin(fx->h, "beheer@example.nl");
    struct client mod = client_person(fx->h, "moderator@example.nl", "Moderator");
    client_grant(&admin, "moderator@example.nl", "moderator", NULL);
    client_act_as(&mod, "moderator", 200);
    return mod;
}

/* The content the public state of type/id gives: NULL when none. The
 * caller frees *resp. */
static json_t *public_content(struct fixture *fx, const char *type, int64_t id,
                              struct http_resp *resp)
{
    char p[200];
    snprintf(p, sizeof p, "/api/v1/moderation/hidden?object_type=%s&object_id=%lld", type,
             (long long)id);
    struct client nobody = client_new(fx->h);
    return json_object_get(client_get_json(&nobody, p, resp), "content");
}

static void test_hidden_messages_and_profile_texts_show_the_reason(void **state)
{
    struct fixture *fx = *state;
    int64_t need = new_need(fx, "carpentry");
    char p[100], body[300];
    path(p, sizeof p, "/api/v1/skill-needs/", need, "/invitations");
    snprintf(body, sizeof body, "{\"person_id\": %lld, \"message\": \"Kom je klussen, sukkel!\"}",
             (long long)fx->ann.person_id);
    int64_t invite = client_expect(&fx->ini, "POST", p, body, 201);
    struct http_resp resp;
    assert_int_equal(client_send(&fx->ann, "GET", "/me/invitations", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Kom je klussen, sukkel!"));
    assert_non_null(strstr(buf_cstr(&resp.body), "/report?type=match_invite_message"));
    http_resp_free(&resp);
    assert_null(json_string_value(public_content(fx, "match_invite_message", invite, &resp)));
    http_resp_free(&resp);
    client_expect(&fx->ann, "PUT", "/api/v1/me/skills",
                  "{\"hours_month\": 10, \"visibility\": \"public\", \"about\": \"Bel me nooit\", "
                  "\"skills\": \"carpentry:expert, cooking:capable\"}",
                  200);
    assert_null(json_string_value(public_content(fx, "skill_about", fx->ann.person_id, &resp)));
    http_resp_free(&resp);
    snprintf(body, sizeof body,
             "{\"object_type\": \"match_invite_message\", \"object_id\": \"%lld\", \"reason\": "
             "\"Scheldwoord\"}",
             (long long)invite);
    client_expect(&fx->ann, "POST", "/api/v1/reports", body, 201);
    struct client mod = moderator(fx);
    client_expect(&mod, "POST", "/api/v1/moderation/hide", body, 200);
    snprintf(body, sizeof body,
             "{\"object_type\": \"skill_about\", \"object_id\": \"%lld\", \"reason\": "
             "\"Niet over klussen\"}",
             (long long)fx->ann.person_id);
    client_expect(&mod, "POST", "/api/v1/moderation/hide", body, 200);
    /* the page and the API give the reason, never the text */
    assert_int_equal(client_send(&fx->ann, "GET", "/me/invitations", NULL, &resp), 200);
    assert_null(strstr(buf_cstr(&resp.body), "sukkel"));
    assert_non_null(strstr(buf_cstr(&resp.body), "Hidden by a moderator: Scheldwoord"));
    http_resp_free(&resp);
    json_t *mine =
        json_object_get(client_get_json(&fx->ann, "/api/v1/me/match-invitations", &resp), "items");
    bool seen = false;
    for (size_t i = 0; i < json_array_size(mine); i++) {
        json_t *m = json_array_get(mine, i);
        if (json_integer_value(json_object_get(m, "id")) != invite)
            continue;
        seen = true;
        assert_string_equal(json_string_value(json_object_get(m, "message")), "");
        assert_string_equal(json_string_value(json_object_get(m, "message_hidden")), "Scheldwoord");
    }
    assert_true(seen);
    http_resp_free(&resp);
    path(p, sizeof p, "/api/v1/skill-needs/", need, "/invitations");
    json_t *sent = json_object_get(client_get_json(&fx->ini, p, &resp), "items");
    assert_string_equal(json_string_value(json_object_get(json_array_get(sent, 0), "message")), "");
    http_resp_free(&resp);
    json_t *o = client_get_json(&fx->ann, "/api/v1/me/skills", &resp);
    assert_string_equal(json_string_value(json_object_get(o, "about")), "");
    assert_string_equal(json_string_value(json_object_get(o, "about_hidden")), "Niet over klussen");
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->ann, "GET", "/me/skills", NULL, &resp), 200);
    assert_null(strstr(buf_cstr(&resp.body), "Bel me nooit"));
    assert_non_null(strstr(buf_cstr(&resp.body), "Hidden by a moderator: Niet over klussen"));
    http_resp_free(&resp);
    assert_int_equal(query_count(fx->h,
                                 "SELECT COUNT(*) FROM match_invite WHERE id = ? AND "
                                 "message = 'Kom je klussen, sukkel!'",
                                 invite),
                     1); /* the content itself is never changed */
}

static void test_pages_render(void **state)
{
    struct fixture *fx = *state;
    char p[100];
    struct http_resp resp;
    assert_int_equal(client_send(&fx->ann, "GET", "/me/skills", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Carpentry"));
    http_resp_free(&resp);
    path(p, sizeof p, "/skill-needs/", fx->need, "");
    assert_int_equal(client_send(&fx->ini, "GET", p, NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Ann"));
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->ann, "GET", "/me/invitations", NULL, &resp), 200);
    http_resp_free(&resp);
    assert_int_equal(client_send(&fx->ann, "GET", "/practices?q=koffie", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "Repair cafe"));
    http_resp_free(&resp);
    path(p, sizeof p, "/initiatives/", fx->initiative, "/matches");
    assert_int_equal(client_send(&fx->ini, "GET", p, NULL, &resp), 200);
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
    fx->ini = client_resident(fx->h, "ini@example.nl", "Ini", BU);
    fx->ann = client_resident(fx->h, "ann@example.nl", "Ann", BU);
    fx->bea = client_resident(fx->h, "bea@example.nl", "Bea", BU_FAR);
    fx->pro = client_professional(fx->h, "pro@example.nl", "Welzijn", 1);
    fx->initiative = client_expect(&fx->ini, "POST", "/api/v1/initiatives",
                                   "{\"title\": \"Bankjes\", \"aim\": \"Bankjes bouwen\", "
                                   "\"areas\": [\"" BU "\"]}",
                                   201);
    char p[100];
    path(p, sizeof p, "/api/v1/initiatives/", fx->initiative, "/phase");
    client_expect(&fx->ini, "POST", p, "{\"phase\": \"awareness\"}", 200);
    path(p, sizeof p, "/api/v1/initiatives/", fx->initiative, "/skill-needs");
    fx->need =
        client_expect(&fx->ini, "POST", p, "{\"skill\": \"carpentry\", \"hours_month\": 8}", 201);
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
        cmocka_unit_test(test_the_taxonomy_is_public),
        cmocka_unit_test(test_bad_skill_input_is_400_and_changes_nothing),
        cmocka_unit_test(test_matches_are_ranked_explained_and_never_show_the_hidden),
        cmocka_unit_test(test_fifty_simultaneous_answers_leave_one_answer_and_one_pledge),
        cmocka_unit_test(test_a_paused_person_is_not_invited),
        cmocka_unit_test(test_a_professional_gets_403_with_the_reason),
        cmocka_unit_test(test_a_practice_needs_an_evaluation_and_is_then_found),
        cmocka_unit_test(test_an_initiator_closes_a_need_once),
        cmocka_unit_test(test_only_initiators_close_a_need),
        cmocka_unit_test(test_fifty_simultaneous_closes_give_one_200),
        cmocka_unit_test(test_the_needs_page_closes_a_need),
        cmocka_unit_test(test_hidden_messages_and_profile_texts_show_the_reason),
        cmocka_unit_test(test_pages_render),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
