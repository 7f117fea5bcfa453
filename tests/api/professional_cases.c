/* The cases of the professional walk (see professional_cases.h). Each
 * prep_* function makes a real object through the API (or the model, where
 * capacity_api_test does the same) and says which row shows its state. */
#include "professional_cases.h"

#include <setjmp.h>
#include <stdarg.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "model/activity.h"
#include "model/agreement.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/decision.h"
#include "model/decision_vote.h"
#include "model/initiative.h"
#include "model/match.h"
#include "model/offer.h"
#include "model/pledge.h"
#include "model/relation.h"
#include "model/residency.h"
#include "model/service.h"
#include "model/task.h"
#include "model/zone.h"

/* Buurten of the demo gemeente GM9901; each residency case takes the next. */

/* Copies a NULL-terminated list of names and values into at; a list that
 * does not fit is a compile error, not an overflow. */
#define SET_FIELDS(at, list)                                                                       \
    do {                                                                                           \
        _Static_assert(sizeof(list) <= sizeof((at)->fields), "too many fields for an attempt");    \
        memcpy((at)->fields, (list), sizeof(list));                                                \
    } while (0)

static const char *const buurten[] = {"BU99010101", "BU99010102", "BU99010103", "BU99010104",
                                      "BU99010201", "BU99010202", "BU99010203", "BU99010204",
                                      "BU99010205", "BU99010301", "BU99010302", "BU99010303"};
#define N_BUURTEN (sizeof buurten / sizeof buurten[0])

/* ---- the database, read directly ------------------------------------------ */

/* The columns of the first row of sql (with key bound to each ?, as text),
 * joined by '|', into out; "-" when there is no row. */
void row_read(const struct harness *h, const char *sql, const char *key, char *out, size_t n)
{
    struct fault f = {0};
    struct db *db = db_open(h->db_url, &f);
    assert_non_null(db);
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        fail_msg("%s: %s", sql, db_errmsg(db));
    int params = 0;
    for (const char *p = sql; (p = strchr(p, '?')) != NULL; p++)
        db_bind_text(st, ++params, key);
    struct buf b = BUF_INIT;
    enum db_rc rc = db_step(st);
    assert_int_not_equal(rc, DB_ERROR);
    for (int i = 0; rc == DB_ROW && i < db_col_count(st); i++)
        buf_printf(&b, "%s%s", i ? "|" : "", db_col_is_null(st, i) ? "null" : db_col_text(st, i));
    snprintf(out, n, "%s", rc == DB_ROW ? buf_cstr(&b) : "-");
    buf_free(&b);
    db_done(st);
    db_close(db);
}

/* ---- the objects the cases act on ------------------------------------------ */

static const char *next_buurt(struct fixture *fx)
{
    assert_true(fx->next_buurt < N_BUURTEN * 3);
    return buurten[fx->next_buurt++ % N_BUURTEN];
}

/* The route's pattern with {id} replaced by the key. */
static void path_with_key(const struct route *rt, struct attempt *at)
{
    const char *slot = strstr(rt->pattern, "{id}");
    if (slot)
        snprintf(at->path, sizeof at->path, "%.*s%s%s", (int)(slot - rt->pattern), rt->pattern,
                 at->key, slot + 4);
    else
        snprintf(at->path, sizeof at->path, "%s", rt->pattern);
}

static void set_key(struct attempt *at, int64_t id)
{
    snprintf(at->key, sizeof at->key, "%lld", (long long)id);
}

static void prep_page(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    (void)fx;
    path_with_key(rt, at);
}

/* A neighbour's pending residency request, in a buurt of its own. */
static void prep_residency(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    struct client *n = &fx->neighbours[fx->next_buurt / N_BUURTEN];
    char body[100];
    snprintf(body, sizeof body, "{\"buurt\": \"%s\"}", next_buurt(fx));
    set_key(at, client_expect(n, "POST", "/api/v1/me/residencies", body, 201));
    at->object_sql = "SELECT status, method, verified_by, vouches FROM residency WHERE id = ?";
    path_with_key(rt, at);
}

/* The professional's own request for residency. */
static void prep_own_residency(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    at->fields[0] = "buurt";
    at->fields[1] = next_buurt(fx);
    set_key(at, fx->pro.person_id);
    at->object_sql = "SELECT COUNT(*) FROM residency WHERE person_id = ?";
    path_with_key(rt, at);
}

/* A valid letter code, made by the municipality admin. */
static void prep_letter_code(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    char body[200];
    snprintf(body, sizeof body, "{\"buurt\": \"%s\", \"addresses\": \"Markt 1\"}", next_buurt(fx));
    struct http_resp resp;
    assert_int_equal(client_send(&fx->muni, "POST", "/api/v1/letters", body, &resp), 201);
    json_t *letter = json_array_get(json_object_get(resp.json, "letters"), 0);
    snprintf(at->values[0], sizeof at->values[0], "%s",
             json_string_value(json_object_get(letter, "code")));
    http_resp_free(&resp);
    prep_own_residency(fx, rt, at);
    at->fields[0] = "code";
    at->fields[1] = at->values[0];
}

static void prep_role(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    const char *f[] = {"email", fx->neighbours[0].email, "role", "moderator", "scope", "", NULL};
    SET_FIELDS(at, f);
    set_key(at, fx->neighbours[0].person_id);
    at->object_sql = "SELECT COUNT(*) FROM role_grant WHERE person_id = ?";
    path_with_key(rt, at);
}

static void prep_letters(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    const char *f[] = {"buurt", next_buurt(fx), "addresses", "Markt 1", NULL};
    SET_FIELDS(at, f);
    at->object_sql = "SELECT COUNT(*) FROM residency_letter";
    path_with_key(rt, at);
}

/* The organisation the professional has a post at. */
static void prep_organisation(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    set_key(at, fx->org);
    at->object_sql = "SELECT COUNT(*) FROM post WHERE organisation_id = ? AND status = 'requested'";
    path_with_key(rt, at);
}

/* A post a new person requested at the organisation (through the model). */
static void prep_post(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    static int n;
    char email[80];
    snprintf(email, sizeof email, "post-%d@example.nl", ++n);
    struct client c = client_person(fx->h, email, NULL);
    set_key(at, seed_post_requested(fx->h, fx->org, "huismeester", c.person_id));
    at->object_sql = "SELECT status, confirmed_by FROM post WHERE id = ?";
    path_with_key(rt, at);
}

static void prep_new_organisation(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    (void)fx;
    const char *f[] = {"name", "Buurtkamer De Linde", "kind", "institution", NULL};
    SET_FIELDS(at, f);
    at->object_sql = "SELECT COUNT(*) FROM organisation";
    path_with_key(rt, at);
}

/* The profile of the organisation the professional has a post at. */
static void prep_organisation_profile(struct fixture *fx, const struct route *rt,
                                      struct attempt *at)
{
    const char *f[] = {"name", "Overgenomen", "description", "Door een professional", NULL};
    SET_FIELDS(at, f);
    set_key(at, fx->org);
    at->object_sql = "SELECT name, description FROM organisation WHERE id = ?";
    path_with_key(rt, at);
}

/* Moderation acts on the first neighbour's name; web forms and the API
 * name the fields differently. */
static void moderation_fields(struct fixture *fx, const struct route *rt, struct attempt *at,
                              bool reason)
{
    bool json = rt->flags & ROUTE_JSON;
    set_key(at, fx->neighbours[0].person_id);
    const char *f[] = {json ? "object_type" : "type",
                       "person",
                       json ? "object_id" : "id",
                       at->key,
                       reason ? "reason" : NULL,
                       "Scheldwoord in de naam",
                       NULL};
    SET_FIELDS(at, f);
    at->object_sql = "SELECT (SELECT COUNT(*) FROM content_hidden WHERE object_type = 'person' "
                     "AND object_id = ? AND unhidden_at IS NULL), (SELECT COUNT(*) FROM "
                     "content_report WHERE object_type = 'person' AND object_id = ? AND status "
                     "= 'open')";
    path_with_key(rt, at);
}

/* Content someone reported, not hidden. */
static void prep_reported(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    char body[200];
    snprintf(body, sizeof body,
             "{\"object_type\": \"person\", \"object_id\": \"%lld\", \"reason\": \"Grof\"}",
             (long long)fx->neighbours[0].person_id);
    struct http_resp resp;
    long status = client_send(&fx->neighbours[1], "POST", "/api/v1/reports", body, &resp);
    http_resp_free(&resp);
    assert_true(status == 201 || status == 409); /* 409: reported already */
    moderation_fields(fx, rt, at, true);
}

/* Content a moderator hid. */
static void prep_hidden(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    char body[200];
    snprintf(body, sizeof body,
             "{\"object_type\": \"person\", \"object_id\": \"%lld\", \"reason\": \"Grof\"}",
             (long long)fx->neighbours[2].person_id);
    struct http_resp resp;
    long status = client_send(&fx->moderator, "POST", "/api/v1/moderation/hide", body, &resp);
    http_resp_free(&resp);
    assert_true(status == 200 || status == 201 || status == 409); /* 409: hidden already */
    moderation_fields(fx, rt, at, false);
    set_key(at, fx->neighbours[2].person_id);
}

static void prep_invitation(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    (void)fx;
    const char *f[] = {"days", "14", "note", "Voor de bewonersavond", NULL};
    SET_FIELDS(at, f);
    at->object_sql = "SELECT COUNT(*) FROM invitation";
    path_with_key(rt, at);
}

/* network: an event for the history of a demo buurt, a relation of the
 * professional's organisation (with demo organisation 1), and a lasting
 * relation (made at the console) to end. */
static void prep_history(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    (void)fx;
    const char *slot = strstr(rt->pattern, "{code}");
    snprintf(at->key, sizeof at->key, "BU99010101");
    snprintf(at->path, sizeof at->path, "%.*s%s%s", (int)(slot - rt->pattern), rt->pattern, at->key,
             slot + 6);
    const char *f[] = {"date", "2020-02-02", "kind", "decision", "title", "Besluit", NULL};
    SET_FIELDS(at, f);
    at->object_sql = "SELECT COUNT(*) FROM history_event WHERE area_code = ?";
}

/* monitor: the vulnerable flag of a demo buurt. */
static void prep_monitor_flag(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    (void)fx;
    const char *slot = strstr(rt->pattern, "{code}");
    snprintf(at->key, sizeof at->key, "BU99010101");
    snprintf(at->path, sizeof at->path, "%.*s%s%s", (int)(slot - rt->pattern), rt->pattern, at->key,
             slot + 6);
    const char *f[] = {"flagged", "yes", "reason", "Veel leegstand", NULL};
    SET_FIELDS(at, f);
    at->object_sql = "SELECT COUNT(*) FROM area_vulnerable_flag WHERE area_code = ?";
}

static void prep_relate(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    bool json = rt->flags & ROUTE_JSON;
    set_key(at, fx->org);
    snprintf(at->values[0], sizeof at->values[0], "%lld", (long long)fx->org);
    const char *f[] = {json ? "from_id" : "kind",
                       json ? at->values[0] : "funds",
                       json ? "to_id" : "to",
                       "1",
                       "start_date",
                       "2024-01-01",
                       json ? "kind" : NULL,
                       "funds",
                       NULL};
    SET_FIELDS(at, f);
    at->object_sql = "SELECT COUNT(*) FROM relation WHERE from_id = CAST(? AS BIGINT) "
                     "OR to_id = CAST(? AS BIGINT)";
    path_with_key(rt, at);
}

static void prep_relation(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    static int n;
    char start[32];
    snprintf(start, sizeof start, "2001-01-%02d", ++n % 28 + 1);
    struct fault f = {0};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    struct arena *a = arena_new();
    struct relationship r = {.from = {.type = "organisation", .id = fx->org},
                             .to = {.type = "organisation", .id = 1},
                             .kind = "houses",
                             .start_date = start};
    struct actor console = {.capacity = CAPACITY_CONSOLE, .now = time(NULL)};
    int64_t id = 0;
    /* the relation of the case before ends, so that this one may last */
    struct db_stmt *st = db_prepare(db, "UPDATE relation SET end_date = start_date "
                                        "WHERE from_id = ? AND end_date IS NULL");
    assert_non_null(st);
    db_bind_int(st, 1, fx->org);
    assert_int_equal(db_step(st), DB_DONE);
    db_done(st);
    assert_int_equal(relation_create(db, a, &r, &console, &id, &f), ERR_OK);
    arena_free(a);
    db_close(db);
    set_key(at, id);
    at->object_sql = "SELECT end_date, ended_by FROM relation WHERE id = CAST(? AS BIGINT)";
    path_with_key(rt, at);
}

/* services: a service of the professional's organisation (made at the
 * console), its pages and the writes on it; and a new service for that
 * organisation. The object is the service's row and the number of its
 * locations and schedules. */
static void prep_service(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    struct fault f = {0};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    struct actor console = {.capacity = CAPACITY_CONSOLE, .now = time(NULL)};
    struct service_input in = {.name = "Spreekuur", .languages = "nl"};
    int64_t id = 0;
    assert_int_equal(service_create(db, fx->org, &in, &console, &id, &f), ERR_OK);
    db_close(db);
    set_key(at, id);
    /* enough for each of the forms: the service's, a location's, a schedule's */
    const char *fields[] = {
        "name", "Spreekuur van de buurtcoach", "freq", "WEEKLY", "dtstart", "2026-01-05", NULL};
    SET_FIELDS(at, fields);
    at->object_sql = "SELECT s.name, s.updated_at, (SELECT COUNT(*) FROM service_at_location "
                     "WHERE service_id = s.id), (SELECT COUNT(*) FROM schedule WHERE "
                     "service_id = s.id) FROM service s WHERE s.id = CAST(? AS BIGINT)";
    path_with_key(rt, at);
}

static void prep_new_service(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    const char *f[] = {"name", "Inloop", "languages", "nl, en", NULL};
    SET_FIELDS(at, f);
    set_key(at, fx->org);
    at->object_sql = "SELECT COUNT(*) FROM service WHERE organisation_id = CAST(? AS BIGINT)";
    path_with_key(rt, at);
}

/* An initiative in a buurt of its own, started through the model by a
 * neighbour verified there at the console, with an open coaching offer of
 * the professional's; *offer its id. */
static int64_t seed_initiative(struct fixture *fx, int64_t *offer)
{
    struct fault f = {0};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    struct arena *a = arena_new();
    struct client *n = &fx->neighbours[fx->next_buurt / N_BUURTEN];
    const char *buurt = next_buurt(fx);
    struct actor console = {.capacity = CAPACITY_CONSOLE, .now = time(NULL)};
    assert_int_equal(residency_verify_console(db, n->person_id, buurt, &console, NULL, &f), ERR_OK);
    struct actor resident = {.person_id = n->person_id,
                             .capacity = arena_printf(a, "resident:%s", buurt),
                             .now = time(NULL)};
    const char *areas[] = {buurt};
    struct initiative_scope scope = {
        .title = "Buurtmoestuin", .aim = "Samen tuinieren", .areas = areas, .n_areas = 1};
    int64_t id = 0;
    assert_int_equal(initiative_create(db, &scope, 0, &resident, &id, &f), ERR_OK);
    struct actor pro = {
        .person_id = fx->pro.person_id, .capacity = "professional", .now = time(NULL)};
    struct offer_input in = {.kind = "coaching", .text = "Ik coach de eerste bijeenkomst."};
    assert_int_equal(offer_make(db, a, id, &in, &pro, offer, &f), ERR_OK);
    arena_free(a);
    db_close(db);
    return id;
}

/* An open offer to answer: its status and who answered it. */
static void prep_offer(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    int64_t offer = 0;
    seed_initiative(fx, &offer);
    set_key(at, offer);
    at->object_sql = "SELECT status, answered_by FROM offer WHERE id = CAST(? AS BIGINT)";
    path_with_key(rt, at);
}

/* An initiative to record an external decision about: the number of its
 * external events. */
static void prep_external(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    int64_t offer = 0;
    set_key(at, seed_initiative(fx, &offer));
    const char *f[] = {"kind", "subsidy_granted", "date", "2026-02-01", "text", "5000 euro", NULL};
    SET_FIELDS(at, f);
    at->object_sql = "SELECT COUNT(*) FROM external_event WHERE initiative_id = CAST(? AS BIGINT)";
    path_with_key(rt, at);
}

/* collectives: one collective of three neighbours of BU99010101 (made
 * once, through the model) that the professional tries to join,
 * admit themselves to and put themselves on the board of; its standing
 * members and board roles are its state. And a new collective to found. */
static int64_t seed_collective(struct fixture *fx)
{
    static int64_t made;
    if (made)
        return made;
    struct fault f = {0};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    struct actor console = {.capacity = CAPACITY_CONSOLE, .now = time(NULL)};
    struct actor act[3];
    for (int i = 0; i < 3; i++) {
        char email[48];
        snprintf(email, sizeof email, "collectief-%d@example.nl", i);
        struct client c = client_person(fx->h, email, NULL);
        assert_int_equal(
            residency_verify_console(db, c.person_id, "BU99010101", &console, NULL, &f), ERR_OK);
        act[i] =
            (struct actor){.person_id = c.person_id, .capacity = "resident", .now = time(NULL)};
    }
    struct collective in = {.name = "Buurttrust",
                            .kind = "trust",
                            .area_code = "BU99010101",
                            .voting_rule = "majority"};
    int64_t co[2] = {act[1].person_id, act[2].person_id};
    assert_int_equal(collective_found(db, &in, co, &act[0], &made, &f), ERR_OK);
    assert_int_equal(collective_join(db, made, &act[1], &f), ERR_OK);
    assert_int_equal(collective_join(db, made, &act[2], &f), ERR_OK);
    db_close(db);
    return made;
}

static void prep_collective(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    set_key(at, seed_collective(fx));
    snprintf(at->values[0], sizeof at->values[0], "%lld", (long long)fx->pro.person_id);
    const char *f[] = {"person", fx->pro.email, "chair", at->values[0], NULL};
    SET_FIELDS(at, f);
    at->object_sql = "SELECT (SELECT COUNT(*) FROM collective_member WHERE collective_id = "
                     "CAST(? AS BIGINT) AND status <> 'left'), (SELECT person_id FROM "
                     "collective_member WHERE collective_id = CAST(? AS BIGINT) AND board_role "
                     "= 'chair')";
    path_with_key(rt, at);
}

static void prep_new_collective(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    seed_collective(fx);
    const char *f[] = {"name",        "Overgenomen collectief",
                       "kind",        "trust",
                       "area",        "BU99010101",
                       "voting_rule", "majority",
                       "cofounder1",  "collectief-1@example.nl",
                       "cofounder2",  "collectief-2@example.nl",
                       NULL};
    SET_FIELDS(at, f);
    at->object_sql = "SELECT COUNT(*) FROM collective";
    path_with_key(rt, at);
}

/* initiatives: one initiative in BU99010102 (made once, through the
 * model, by a resident verified there at the console) that the
 * professional tries to move on, edit, evaluate and take over; its phase,
 * title, initiators and evaluation are its state. Refusals leave it as it
 * is, so every case may share it. */
static int64_t initiative_made, initiator_made;

static int64_t seed_own_initiative(struct fixture *fx)
{
    if (initiative_made)
        return initiative_made;
    struct fault f = {0};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    struct client c = client_person(fx->h, "initiatiefnemer@example.nl", NULL);
    struct actor console = {.capacity = CAPACITY_CONSOLE, .now = time(NULL)};
    assert_int_equal(residency_verify_console(db, c.person_id, "BU99010102", &console, NULL, &f),
                     ERR_OK);
    struct actor act = {.person_id = c.person_id, .capacity = "resident", .now = time(NULL)};
    const char *areas[] = {"BU99010102"};
    struct initiative_scope scope = {
        .title = "Speeltuin", .aim = "Een plek om te spelen", .areas = areas, .n_areas = 1};
    assert_int_equal(initiative_create(db, &scope, 0, &act, &initiative_made, &f), ERR_OK);
    initiator_made = c.person_id;
    db_close(db);
    return initiative_made;
}

static void prep_initiative(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    bool json = rt->flags & ROUTE_JSON;
    set_key(at, seed_own_initiative(fx));
    snprintf(at->values[0], sizeof at->values[0], "%lld", (long long)fx->pro.person_id);
    bool in_path = strstr(rt->pattern, "{person_id}") != NULL;
    const char *f[] = {"phase",
                       "awareness",
                       "results",
                       "Alles",
                       in_path ? NULL
                       : json  ? "person_id"
                               : "person",
                       json ? at->values[0] : fx->pro.email,
                       NULL};
    SET_FIELDS(at, f);
    at->object_sql = "SELECT phase, title, updated_at, (SELECT COUNT(*) FROM "
                     "initiative_initiator WHERE initiative_id = i.id AND until_at IS NULL), "
                     "(SELECT COUNT(*) FROM initiative_evaluation WHERE initiative_id = i.id) "
                     "FROM initiative i WHERE i.id = CAST(? AS BIGINT)";
    path_with_key(rt, at);
    const char *slot = strstr(at->path, "{person_id}");
    if (slot) {
        char rest[200];
        snprintf(rest, sizeof rest, "%lld%s", (long long)initiator_made, slot + 11);
        snprintf(at->path + (slot - at->path), sizeof at->path - (size_t)(slot - at->path), "%s",
                 rest);
    }
}

/* A skill need of that initiative (model/match.h), added by its initiator
 * through the model, which the professional tries to close: its closed_at
 * is its state. */
static void prep_skill_need(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    int64_t initiative = seed_own_initiative(fx), need = 0;
    struct fault f = {0};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    struct actor act = {.person_id = initiator_made, .capacity = "resident", .now = time(NULL)};
    struct match_need_input in = {.skill_code = "carpentry", .hours_month = 4};
    assert_int_equal(match_need_add(db, initiative, &in, &act, &need, &f), ERR_OK);
    db_close(db);
    set_key(at, need);
    at->object_sql = "SELECT closed_at FROM match_need WHERE id = CAST(? AS BIGINT)";
    path_with_key(rt, at);
}

static void prep_new_initiative(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    seed_own_initiative(fx);
    const char *f[] = {"title", "Overgenomen initiatief", "aim", "Door een professional", NULL};
    SET_FIELDS(at, f);
    at->object_sql = "SELECT COUNT(*) FROM initiative";
    path_with_key(rt, at);
}

/* pledges and the plan: one initiative in BU99010103 (made once, through
 * the model) in its execution phase, with its initiator's pledge and an
 * open task; the professional tries to pledge, plan and take tasks. Its
 * pledges, tasks, requests and matrix are its state; refusals leave it as
 * it is, so every case may share it. */
static int64_t plan_made, plan_task, plan_pledger;

static void seed_plan(struct fixture *fx)
{
    if (plan_made)
        return;
    struct fault f = {0};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    struct client c = client_person(fx->h, "planner@example.nl", NULL);
    struct actor console = {.capacity = CAPACITY_CONSOLE, .now = time(NULL)};
    assert_int_equal(residency_verify_console(db, c.person_id, "BU99010103", &console, NULL, &f),
                     ERR_OK);
    struct actor act = {.person_id = c.person_id, .capacity = "resident", .now = time(NULL)};
    const char *areas[] = {"BU99010103"};
    struct initiative_scope scope = {
        .title = "Bankjes", .aim = "Zitplekken in de buurt", .areas = areas, .n_areas = 1};
    assert_int_equal(initiative_create(db, &scope, 0, &act, &plan_made, &f), ERR_OK);
    assert_int_equal(initiative_change_phase(db, plan_made, "awareness", NULL, &act, &f), ERR_OK);
    struct pledge_input pledge = {.hours_tenths = 20, .period = "week"};
    assert_int_equal(pledge_make(db, plan_made, &pledge, &act, NULL, NULL, &f), ERR_OK);
    assert_int_equal(initiative_change_phase(db, plan_made, "execution", "Genoeg", &act, &f),
                     ERR_OK);
    assert_int_equal(task_create(db, plan_made, "Bankjes plaatsen", NULL, 0, &act, &plan_task, &f),
                     ERR_OK);
    plan_pledger = c.person_id;
    db_close(db);
}

/* The plan's state: pledges, tasks and their holders and statuses,
 * requests, matrix cells. */
#define PLAN_STATE(key)                                                                            \
    "SELECT (SELECT COUNT(*) FROM pledge WHERE initiative_id = i.id), (SELECT COUNT(*) FROM "      \
    "pledge WHERE initiative_id = i.id AND status = 'active'), (SELECT COUNT(*) FROM task WHERE "  \
    "initiative_id = i.id), (SELECT COUNT(*) FROM task WHERE initiative_id = i.id AND "            \
    "(responsible_id IS NOT NULL OR status <> 'open')), (SELECT COUNT(*) FROM task_consent c "     \
    "JOIN task t ON t.id = c.task_id WHERE t.initiative_id = i.id), (SELECT COUNT(*) FROM "        \
    "task_raci r JOIN task t ON t.id = r.task_id WHERE t.initiative_id = i.id) FROM initiative "   \
    "i " key

static void plan_fields(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    bool json = rt->flags & ROUTE_JSON;
    snprintf(at->values[0], sizeof at->values[0], "%lld", (long long)plan_pledger);
    snprintf(at->values[1], sizeof at->values[1], "%lld:A", (long long)plan_pledger);
    (void)fx;
    const char *f[] = {"hours",
                       "2",
                       "title",
                       "Overgenomen",
                       "status",
                       "done",
                       "person_id",
                       at->values[0],
                       json ? "matrix" : "accountable",
                       json ? at->values[1] : at->values[0],
                       "answer",
                       "accept",
                       NULL};
    SET_FIELDS(at, f);
}

/* The initiative of the plan: pledging and planning on it. */
static void prep_plan(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    seed_plan(fx);
    set_key(at, plan_made);
    plan_fields(fx, rt, at);
    at->object_sql = PLAN_STATE("WHERE i.id = CAST(? AS BIGINT)");
    path_with_key(rt, at);
}

/* The open task of the plan: asking, taking on, updating, the matrix. */
static void prep_plan_task(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    seed_plan(fx);
    set_key(at, plan_task);
    plan_fields(fx, rt, at);
    at->object_sql =
        PLAN_STATE("WHERE i.id = (SELECT initiative_id FROM task WHERE id = CAST(? AS BIGINT))");
    path_with_key(rt, at);
}

/* Hours for the professional's own organisation: the number of its
 * pledges. */
static void prep_hours_pledge(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    const char *f[] = {"hours",     "40",         "area",    "GM9901",
                       "starts_on", "2026-01-01", "ends_on", "2026-12-31", NULL};
    SET_FIELDS(at, f);
    set_key(at, fx->org);
    at->object_sql = "SELECT COUNT(*) FROM hour_pledge WHERE organisation_id = CAST(? AS BIGINT)";
    path_with_key(rt, at);
}

/* A pledge of hours the organisation's admin made: its status and its
 * number of movements. */
static void prep_hours_withdraw(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    char capacity[64], path[80];
    snprintf(capacity, sizeof capacity, "organisation_admin:%lld", (long long)fx->org);
    snprintf(path, sizeof path, "/api/v1/organisations/%lld/hours", (long long)fx->org);
    client_act_as(&fx->boss, capacity, 200);
    set_key(at, client_expect(&fx->boss, "POST", path,
                              "{\"hours\": \"40\", \"area\": \"GM9901\", \"starts_on\": "
                              "\"2026-01-01\", \"ends_on\": \"2026-12-31\"}",
                              201));
    at->object_sql = "SELECT status, withdrawn_at, (SELECT COUNT(*) FROM hours_movement m "
                     "WHERE m.pledge_id = p.id) FROM hour_pledge p WHERE id = CAST(? AS BIGINT)";
    path_with_key(rt, at);
}

/* decisions: the collective above and the plan's initiative are where a
 * professional tries to propose; a consent proposal of the plan's
 * initiator, with the initiator's own objection, is what they try to vote
 * on, object to, settle, amend and close. Decisions, votes, objections and
 * versions are the state; refusals leave it as it is. */
static int64_t decision_made, decision_objection;

static void seed_decision(struct fixture *fx)
{
    seed_plan(fx);
    if (decision_made)
        return;
    struct fault f = {0};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    struct actor act = {.person_id = plan_pledger, .capacity = "resident", .now = time(NULL)};
    struct decision_input in = {.initiative_id = plan_made,
                                .title = "Bankjes op het plein",
                                .method = "consent",
                                .closes_at = act.now + 7 * 86400};
    assert_int_equal(decision_propose(db, &in, &act, &decision_made, &f), ERR_OK);
    assert_int_equal(
        decision_object(db, decision_made, "Te duur", &act, &decision_objection, &f), ERR_OK);
    db_close(db);
}

#define DECISION_STATE(key)                                                                        \
    "SELECT (SELECT COUNT(*) FROM decision WHERE " key "), (SELECT COUNT(*) FROM decision_vote "   \
    "v JOIN decision d ON d.id = v.decision_id WHERE d." key "), (SELECT COUNT(*) FROM "          \
    "decision_objection o JOIN decision d ON d.id = o.decision_id WHERE o.status = 'open' AND "    \
    "d." key "), (SELECT COUNT(*) FROM decision WHERE status = 'closed' OR version > 1)"

static void decision_fields(const struct route *rt, struct attempt *at)
{
    snprintf(at->values[0], sizeof at->values[0], "%lld", (long long)decision_objection);
    snprintf(at->values[1], sizeof at->values[1], "%lld", (long long)time(NULL) + 86400);
    bool json = rt->flags & ROUTE_JSON;
    const char *f[] = {"title",
                       "Overgenomen",
                       "method",
                       "majority",
                       json ? "closes_at" : "closes_on",
                       json ? at->values[1] : "2099-01-01",
                       "choice",
                       "for",
                       "reason",
                       "Overgenomen",
                       "objection",
                       at->values[0],
                       "how",
                       "withdrawn",
                       NULL};
    SET_FIELDS(at, f);
}

/* A collective or initiative to propose in. */
static void prep_decision_scope(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    seed_decision(fx);
    bool collective = strstr(rt->pattern, "/collectives/") != NULL;
    set_key(at, collective ? seed_collective(fx) : plan_made);
    decision_fields(rt, at);
    at->object_sql = collective ? DECISION_STATE("collective_id = CAST(? AS BIGINT)")
                                : DECISION_STATE("initiative_id = CAST(? AS BIGINT)");
    path_with_key(rt, at);
}

/* The consent proposal with its open objection. */
static void prep_decision(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    seed_decision(fx);
    set_key(at, decision_made);
    decision_fields(rt, at);
    at->object_sql = DECISION_STATE("id = CAST(? AS BIGINT)");
    path_with_key(rt, at);
}

/* agreements and zones: the collective above (its chair drafts and
 * requests) and the professional's organisation are the parties; an
 * agreement and a requested zone are what a professional tries to revise,
 * sign, end, decide and evaluate. Their rows are the state. */
static int64_t chair_of(struct fixture *fx, int64_t collective)
{
    char key[24], out[40];
    snprintf(key, sizeof key, "%lld", (long long)collective);
    row_read(fx->h,
             "SELECT person_id FROM collective_member WHERE collective_id = CAST(? AS BIGINT) "
             "AND board_role = 'chair'",
             key, out, sizeof out);
    return atoll(out);
}

static int64_t seed_agreement(struct fixture *fx)
{
    static int64_t made;
    if (made)
        return made;
    int64_t collective = seed_collective(fx);
    struct fault f = {0};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    struct actor chair = {.person_id = chair_of(fx, collective), .capacity = "resident",
                          .now = time(NULL)};
    struct agreement_party parties[] = {{.kind = "collective", .collective_id = collective},
                                        {.kind = "organisation", .organisation_id = fx->org}};
    struct agreement_text t = {.title = "Samenwerking", .purpose = "Samen", .term_from =
                               "2026-01-01", .term_to = "2099-12-31"};
    assert_int_equal(agreement_draft(db, parties, 2, NULL, 0, &t, &chair, &made, &f), ERR_OK);
    db_close(db);
    return made;
}

static int64_t seed_zone(struct fixture *fx)
{
    static int64_t made;
    if (made)
        return made;
    int64_t collective = seed_collective(fx);
    struct fault f = {0};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    struct actor chair = {.person_id = chair_of(fx, collective), .capacity = "resident",
                          .now = time(NULL)};
    struct zone_rule rule = {.reference = "APV art. 2:10", .legal_basis = "Gemeentewet"};
    struct zone_request in = {.collective_id = collective, .area_code = "BU99010101",
                              .title = "Plein", .reason = "Proberen", .evaluation_plan = "Avond",
                              .valid_from = "2020-01-01", .valid_to = "2020-12-31",
                              .rules = &rule, .n_rules = 1};
    assert_int_equal(zone_request(db, &in, &chair, &made, &f), ERR_OK);
    db_close(db);
    return made;
}

static void agreement_fields(struct attempt *at)
{
    const char *f[] = {"version", "1", "party", "1", "expected_version", "1",
                       "title", "Overgenomen", "purpose", "Anders", "reason", "Klaar", NULL};
    SET_FIELDS(at, f);
}

/* A new agreement or zone: their number is the state. */
static void prep_agreement_new(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    (void)fx;
    agreement_fields(at);
    set_key(at, 0);
    at->object_sql = strstr(rt->pattern, "zone")
                         ? "SELECT COUNT(*) FROM zone WHERE id > CAST(? AS BIGINT)"
                         : "SELECT COUNT(*) FROM agreement WHERE id > CAST(? AS BIGINT)";
    path_with_key(rt, at);
}

static void prep_agreement(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    set_key(at, seed_agreement(fx));
    agreement_fields(at);
    at->object_sql = "SELECT version, status, (SELECT COUNT(*) FROM agreement_signature s JOIN "
                     "agreement_version v ON v.id = s.version_id WHERE v.agreement_id = a.id) "
                     "FROM agreement a WHERE id = CAST(? AS BIGINT)";
    path_with_key(rt, at);
}

static void prep_zone(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    set_key(at, seed_zone(fx));
    const char *f[] = {"decision", "grant", "decision_ref", "B1", "note", "Klaar",
                       "evaluation", "Goed", NULL};
    SET_FIELDS(at, f);
    at->object_sql = "SELECT status, decision_ref, evaluation FROM zone WHERE id = CAST(? AS "
                     "BIGINT)";
    path_with_key(rt, at);
}

/* activities: one initiative in BU99010104 (made once, through the model)
 * with a weekly activity and a volunteer role, and the collective above;
 * the professional tries to organise, change, cancel, volunteer and see
 * who signed up. The activity's status, sequence, places, exceptions and
 * volunteers are its state; refusals leave it as it is. */
static int64_t activity_made, activity_role_made, activity_first;

static void seed_activity(struct fixture *fx)
{
    if (activity_made)
        return;
    struct fault f = {0};
    struct db *db = db_open(fx->h->db_url, &f);
    assert_non_null(db);
    struct client c = client_person(fx->h, "organisator@example.nl", NULL);
    struct actor console = {.capacity = CAPACITY_CONSOLE, .now = time(NULL)};
    assert_int_equal(residency_verify_console(db, c.person_id, "BU99010104", &console, NULL, &f),
                     ERR_OK);
    struct actor act = {.person_id = c.person_id, .capacity = "resident", .now = time(NULL)};
    const char *areas[] = {"BU99010104"};
    struct initiative_scope scope = {
        .title = "Buurtmoestuin", .aim = "Samen tuinieren", .areas = areas, .n_areas = 1};
    int64_t initiative = 0;
    assert_int_equal(initiative_create(db, &scope, 0, &act, &initiative, &f), ERR_OK);
    struct activity_role_input roles[] = {{"Gieten", 2}};
    struct activity_input in = {.title = "Tuinochtend",
                                .date = "2030-05-04",
                                .starts = "10:00",
                                .ends = "12:00",
                                .rrule = "FREQ=WEEKLY;COUNT=5",
                                .address = "Moestuin",
                                .capacity = 10,
                                .roles = roles,
                                .n_roles = 1};
    assert_int_equal(activity_create(db, initiative, 0, &in, &act, &activity_made, &f), ERR_OK);
    struct arena *a = arena_new();
    struct activity row;
    struct activity_role *r;
    int n = 0;
    assert_int_equal(activity_get(db, a, activity_made, &row, &f), ERR_OK);
    assert_int_equal(activity_roles(db, a, activity_made, &r, &n, &f), ERR_OK);
    activity_first = row.starts_at;
    activity_role_made = r[0].id;
    arena_free(a);
    db_close(db);
}

#define ACTIVITY_STATE                                                                             \
    "SELECT a.status, a.sequence, a.taken, a.title, (SELECT COUNT(*) FROM activity_exception e "  \
    "WHERE e.activity_id = a.id), (SELECT COUNT(*) FROM activity_volunteer v JOIN activity_role " \
    "r ON r.id = v.role_id WHERE r.activity_id = a.id), (SELECT COUNT(*) FROM activity) FROM "    \
    "activity a WHERE a.id = CAST(? AS BIGINT)"

static void activity_fields(struct attempt *at)
{
    snprintf(at->values[0], sizeof at->values[0], "%lld", (long long)activity_first);
    const char *f[] = {"title",  "Overgenomen", "date",    "2030-05-07", "starts",    "19:00",
                       "ends",   "20:00",       "address", "Hier",       "starts_at", at->values[0],
                       "reason", "Overgenomen", NULL};
    SET_FIELDS(at, f);
}

/* An activity's routes; {role} becomes its role. */
static void prep_activity(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    seed_activity(fx);
    set_key(at, strstr(rt->pattern, "activity-roles") ? activity_role_made : activity_made);
    activity_fields(at);
    at->object_sql = ACTIVITY_STATE;
    path_with_key(rt, at);
    char *slot = strstr(at->path, "{role}");
    if (slot) {
        char rest[100];
        snprintf(rest, sizeof rest, "%lld%s", (long long)activity_role_made, slot + 6);
        snprintf(slot, sizeof at->path - (size_t)(slot - at->path), "%s", rest);
    }
    set_key(at, activity_made);
}

/* Creating an activity of the initiative (or of the collective above). */
static void prep_new_activity(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    seed_activity(fx);
    bool collective = strstr(rt->pattern, "collectives") != NULL;
    int64_t owner = collective ? seed_collective(fx) : 0;
    if (!collective) {
        char sql_key[40];
        snprintf(sql_key, sizeof sql_key, "%lld", (long long)activity_made);
        char owner_text[40];
        row_read(fx->h, "SELECT initiative_id FROM activity WHERE id = CAST(? AS BIGINT)", sql_key,
                 owner_text, sizeof owner_text);
        owner = atoll(owner_text);
    }
    set_key(at, owner);
    activity_fields(at);
    at->object_sql = "SELECT COUNT(*), MAX(id) FROM activity WHERE CAST(? AS TEXT) IS NOT NULL";
    path_with_key(rt, at);
}

/* An invitation of a matched person (model/match_invite.h): accepting is
 * pledging, which a professional may never do; the capacity is refused
 * before the invitation is looked at, so any id shows it. */
static void prep_match_invite(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    (void)fx;
    set_key(at, 1);
    at->object_sql = "SELECT status, answered_at, pledge_id FROM match_invite "
                     "WHERE id = CAST(? AS BIGINT)";
    path_with_key(rt, at);
}

/* ---- the cases ------------------------------------------------------------ */

/* clang-format off */
static const struct route_case cases[] = {
    {HTTP_POST, "/account/residency", prep_own_residency},
    {HTTP_POST, "/api/v1/me/residencies", prep_own_residency},
    {HTTP_POST, "/account/residency/code", prep_letter_code},
    {HTTP_POST, "/api/v1/me/residency-code", prep_letter_code},
    {HTTP_GET, "/admin/roles", prep_page},
    {HTTP_POST, "/admin/roles", prep_role},
    {HTTP_POST, "/api/v1/roles", prep_role},
    {HTTP_GET, "/letters", prep_page},
    {HTTP_POST, "/letters", prep_letters},
    {HTTP_POST, "/api/v1/letters", prep_letters},
    {HTTP_GET, "/residencies", prep_page},
    {HTTP_GET, "/api/v1/residencies/queue", prep_page},
    {HTTP_GET, "/api/v1/residencies/vouchable", prep_page},
    {HTTP_POST, "/residencies/{id}/verify", prep_residency},
    {HTTP_POST, "/residencies/{id}/reject", prep_residency},
    {HTTP_POST, "/residencies/{id}/vouch", prep_residency},
    {HTTP_POST, "/api/v1/residencies/{id}/verify", prep_residency},
    {HTTP_POST, "/api/v1/residencies/{id}/reject", prep_residency},
    {HTTP_POST, "/api/v1/residencies/{id}/vouch", prep_residency},
    {HTTP_GET, "/organisations/{id}/posts", prep_organisation},
    {HTTP_GET, "/api/v1/organisations/{id}/posts", prep_organisation},
    {HTTP_POST, "/posts/{id}/confirm", prep_post},
    {HTTP_POST, "/api/v1/posts/{id}/confirm", prep_post},
    {HTTP_POST, "/api/v1/organisations", prep_new_organisation},
    {HTTP_GET, "/organisations/new", prep_page},
    {HTTP_POST, "/organisations/new", prep_new_organisation},
    {HTTP_GET, "/organisations/{id}/edit", prep_organisation_profile},
    {HTTP_POST, "/organisations/{id}/edit", prep_organisation_profile},
    {HTTP_PUT, "/api/v1/organisations/{id}", prep_organisation_profile},
    {HTTP_GET, "/moderation", prep_page},
    {HTTP_GET, "/api/v1/moderation/reports", prep_page},
    {HTTP_POST, "/moderation/hide", prep_reported},
    {HTTP_POST, "/api/v1/moderation/hide", prep_reported},
    {HTTP_POST, "/moderation/unhide", prep_hidden},
    {HTTP_POST, "/api/v1/moderation/unhide", prep_hidden},
    {HTTP_POST, "/invitations", prep_invitation},
    {HTTP_POST, "/api/v1/invitations", prep_invitation},
    {HTTP_POST, "/areas/{code}/history", prep_history},
    {HTTP_POST, "/api/v1/areas/{code}/history", prep_history},
    {HTTP_GET, "/areas/{code}/monitor/flag", prep_monitor_flag},
    {HTTP_POST, "/areas/{code}/monitor/flag", prep_monitor_flag},
    {HTTP_POST, "/api/v1/areas/{code}/monitor/flag", prep_monitor_flag},
    {HTTP_POST, "/organisations/{id}/relations", prep_relate},
    {HTTP_POST, "/api/v1/relations", prep_relate},
    {HTTP_POST, "/relations/{id}/end", prep_relation},
    {HTTP_POST, "/api/v1/relations/{id}/end", prep_relation},
    {HTTP_GET, "/services/{id}/edit", prep_service},
    {HTTP_GET, "/services/{id}/locations", prep_service},
    {HTTP_GET, "/services/{id}/schedules", prep_service},
    {HTTP_POST, "/services/{id}/edit", prep_service},
    {HTTP_POST, "/services/{id}/locations", prep_service},
    {HTTP_POST, "/services/{id}/schedules", prep_service},
    {HTTP_PUT, "/api/v1/services/{id}", prep_service},
    {HTTP_POST, "/api/v1/services/{id}/locations", prep_service},
    {HTTP_POST, "/api/v1/services/{id}/schedules", prep_service},
    {HTTP_POST, "/organisations/{id}/services", prep_new_service},
    {HTTP_POST, "/api/v1/organisations/{id}/services", prep_new_service},
    {HTTP_POST, "/offers/{id}/accept", prep_offer},
    {HTTP_POST, "/offers/{id}/decline", prep_offer},
    {HTTP_POST, "/api/v1/offers/{id}/accept", prep_offer},
    {HTTP_POST, "/api/v1/offers/{id}/decline", prep_offer},
    {HTTP_POST, "/initiatives/{id}/external-events", prep_external},
    {HTTP_POST, "/api/v1/initiatives/{id}/external-events", prep_external},
    {HTTP_GET, "/collectives/new", prep_page},
    {HTTP_POST, "/collectives/new", prep_new_collective},
    {HTTP_POST, "/api/v1/collectives", prep_new_collective},
    {HTTP_POST, "/collectives/{id}/join", prep_collective},
    {HTTP_POST, "/collectives/{id}/advisers", prep_collective},
    {HTTP_POST, "/collectives/{id}/board", prep_collective},
    {HTTP_POST, "/api/v1/collectives/{id}/members", prep_collective},
    {HTTP_POST, "/api/v1/collectives/{id}/advisers", prep_collective},
    {HTTP_PUT, "/api/v1/collectives/{id}/board", prep_collective},
    {HTTP_GET, "/initiatives/new", prep_new_initiative},
    {HTTP_POST, "/initiatives/new", prep_new_initiative},
    {HTTP_POST, "/api/v1/initiatives", prep_new_initiative},
    {HTTP_POST, "/initiatives/{id}/phase", prep_initiative},
    {HTTP_POST, "/api/v1/initiatives/{id}/phase", prep_initiative},
    {HTTP_POST, "/initiatives/{id}/initiators", prep_initiative},
    {HTTP_POST, "/api/v1/initiatives/{id}/initiators", prep_initiative},
    {HTTP_POST, "/initiatives/{id}/initiators/{person_id}/remove", prep_initiative},
    {HTTP_DELETE, "/api/v1/initiatives/{id}/initiators/{person_id}", prep_initiative},
    {HTTP_GET, "/initiatives/{id}/edit", prep_initiative},
    {HTTP_POST, "/initiatives/{id}/edit", prep_initiative},
    {HTTP_PUT, "/api/v1/initiatives/{id}", prep_initiative},
    {HTTP_GET, "/initiatives/{id}/evaluation", prep_initiative},
    {HTTP_POST, "/initiatives/{id}/evaluation", prep_initiative},
    {HTTP_PUT, "/api/v1/initiatives/{id}/evaluation", prep_initiative},
    {HTTP_POST, "/initiatives/{id}/matches", prep_initiative},
    {HTTP_POST, "/api/v1/initiatives/{id}/skill-needs", prep_initiative},
    {HTTP_POST, "/skill-needs/{id}/close", prep_skill_need},
    {HTTP_POST, "/api/v1/skill-needs/{id}/close", prep_skill_need},
    {HTTP_POST, "/initiatives/{id}/practice", prep_initiative},
    {HTTP_POST, "/api/v1/initiatives/{id}/practice", prep_initiative},
    {HTTP_POST, "/me/invitations/{id}/accept", prep_match_invite},
    {HTTP_POST, "/api/v1/match-invitations/{id}/accept", prep_match_invite},
    {HTTP_GET, "/api/v1/initiatives/{id}/pledges", prep_plan},
    {HTTP_POST, "/api/v1/initiatives/{id}/pledges", prep_plan},
    {HTTP_PUT, "/api/v1/initiatives/{id}/pledges", prep_plan},
    {HTTP_DELETE, "/api/v1/initiatives/{id}/pledges", prep_plan},
    {HTTP_GET, "/api/v1/me/pledges", prep_page},
    {HTTP_POST, "/api/v1/initiatives/{id}/tasks", prep_plan},
    {HTTP_PUT, "/api/v1/tasks/{id}", prep_plan_task},
    {HTTP_POST, "/api/v1/tasks/{id}/consent", prep_plan_task},
    {HTTP_PUT, "/api/v1/tasks/{id}/consent", prep_plan_task},
    {HTTP_POST, "/api/v1/tasks/{id}/take-on", prep_plan_task},
    {HTTP_PUT, "/api/v1/tasks/{id}/matrix", prep_plan_task},
    {HTTP_POST, "/initiatives/{id}/pledges", prep_plan},
    {HTTP_POST, "/initiatives/{id}/pledges/withdraw", prep_plan},
    {HTTP_POST, "/initiatives/{id}/plan", prep_plan},
    {HTTP_POST, "/tasks/{id}/ask", prep_plan_task},
    {HTTP_POST, "/tasks/{id}/consent", prep_plan_task},
    {HTTP_POST, "/tasks/{id}/take-on", prep_plan_task},
    {HTTP_POST, "/tasks/{id}/status", prep_plan_task},
    {HTTP_POST, "/tasks/{id}/matrix", prep_plan_task},
    {HTTP_POST, "/api/v1/organisations/{id}/hours", prep_hours_pledge},
    {HTTP_POST, "/organisations/{id}/hours", prep_hours_pledge},
    {HTTP_POST, "/api/v1/hours/{id}/withdraw", prep_hours_withdraw},
    {HTTP_POST, "/hours/{id}/withdraw", prep_hours_withdraw},
    {HTTP_POST, "/api/v1/collectives/{id}/decisions", prep_decision_scope},
    {HTTP_POST, "/api/v1/initiatives/{id}/decisions", prep_decision_scope},
    {HTTP_POST, "/collectives/{id}/decisions/new", prep_decision_scope},
    {HTTP_POST, "/initiatives/{id}/decisions/new", prep_decision_scope},
    {HTTP_PUT, "/api/v1/decisions/{id}", prep_decision},
    {HTTP_POST, "/api/v1/decisions/{id}/votes", prep_decision},
    {HTTP_POST, "/api/v1/decisions/{id}/objections", prep_decision},
    {HTTP_POST, "/api/v1/decisions/{id}/settle", prep_decision},
    {HTTP_POST, "/api/v1/decisions/{id}/close", prep_decision},
    {HTTP_POST, "/decisions/{id}/vote", prep_decision},
    {HTTP_POST, "/decisions/{id}/object", prep_decision},
    {HTTP_POST, "/decisions/{id}/settle", prep_decision},
    {HTTP_POST, "/decisions/{id}/amend", prep_decision},
    {HTTP_POST, "/decisions/{id}/close", prep_decision},
    {HTTP_POST, "/api/v1/agreements", prep_agreement_new},
    {HTTP_POST, "/agreements/new", prep_agreement_new},
    {HTTP_POST, "/api/v1/agreements/{id}/versions", prep_agreement},
    {HTTP_POST, "/api/v1/agreements/{id}/signatures", prep_agreement},
    {HTTP_POST, "/api/v1/agreements/{id}/end", prep_agreement},
    {HTTP_POST, "/agreements/{id}/sign", prep_agreement},
    {HTTP_POST, "/agreements/{id}/end", prep_agreement},
    {HTTP_POST, "/agreements/{id}/revise", prep_agreement},
    {HTTP_POST, "/api/v1/zones", prep_agreement_new},
    {HTTP_POST, "/zones/new", prep_agreement_new},
    {HTTP_POST, "/api/v1/zones/{id}/decision", prep_zone},
    {HTTP_POST, "/api/v1/zones/{id}/end", prep_zone},
    {HTTP_POST, "/api/v1/zones/{id}/evaluation", prep_zone},
    {HTTP_POST, "/zones/{id}/decide", prep_zone},
    {HTTP_POST, "/zones/{id}/end", prep_zone},
    {HTTP_POST, "/zones/{id}/evaluate", prep_zone},
    {HTTP_POST, "/api/v1/initiatives/{id}/activities", prep_new_activity},
    {HTTP_POST, "/api/v1/collectives/{id}/activities", prep_new_activity},
    {HTTP_POST, "/initiatives/{id}/activities", prep_new_activity},
    {HTTP_POST, "/collectives/{id}/activities", prep_new_activity},
    {HTTP_PUT, "/api/v1/activities/{id}", prep_activity},
    {HTTP_POST, "/api/v1/activities/{id}/cancel", prep_activity},
    {HTTP_POST, "/api/v1/activities/{id}/occurrences/cancel", prep_activity},
    {HTTP_GET, "/api/v1/activities/{id}/sign-ups", prep_activity},
    {HTTP_POST, "/api/v1/activity-roles/{id}/volunteer", prep_activity},
    {HTTP_DELETE, "/api/v1/activity-roles/{id}/volunteer", prep_activity},
    {HTTP_POST, "/activities/{id}/roles/{role}/volunteer", prep_activity},
    {HTTP_POST, "/activities/{id}/roles/{role}/withdraw", prep_activity},
    {HTTP_POST, "/activities/{id}/cancel", prep_activity},
    {HTTP_POST, "/activities/{id}/cancel-occurrence", prep_activity},
    {HTTP_POST, "/activities/{id}/edit", prep_activity},
};
/* clang-format on */
#define N_CASES (sizeof cases / sizeof cases[0])

const struct route_case *route_cases(size_t *n)
{
    *n = N_CASES;
    return cases;
}

const struct route_case *route_case_for(unsigned method, const char *pattern)
{
    for (size_t i = 0; i < N_CASES; i++)
        if (cases[i].method == method && strcmp(cases[i].pattern, pattern) == 0)
            return &cases[i];
    return NULL;
}
