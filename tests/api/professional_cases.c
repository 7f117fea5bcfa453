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

#include "core/buf.h"
#include "core/arena.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/relation.h"
#include "model/service.h"

/* Buurten of the demo gemeente GM9901; each residency case takes the next. */
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
    memcpy(at->fields, f, sizeof f);
    set_key(at, fx->neighbours[0].person_id);
    at->object_sql = "SELECT COUNT(*) FROM role_grant WHERE person_id = ?";
    path_with_key(rt, at);
}

static void prep_letters(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    const char *f[] = {"buurt", next_buurt(fx), "addresses", "Markt 1", NULL};
    memcpy(at->fields, f, sizeof f);
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
    memcpy(at->fields, f, sizeof f);
    at->object_sql = "SELECT COUNT(*) FROM organisation";
    path_with_key(rt, at);
}

/* The profile of the organisation the professional has a post at. */
static void prep_organisation_profile(struct fixture *fx, const struct route *rt,
                                      struct attempt *at)
{
    const char *f[] = {"name", "Overgenomen", "description", "Door een professional", NULL};
    memcpy(at->fields, f, sizeof f);
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
    memcpy(at->fields, f, sizeof f);
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
    memcpy(at->fields, f, sizeof f);
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
    snprintf(at->path, sizeof at->path, "%.*s%s%s", (int)(slot - rt->pattern), rt->pattern,
             at->key, slot + 6);
    const char *f[] = {"date", "2020-02-02", "kind", "decision", "title", "Besluit", NULL};
    memcpy(at->fields, f, sizeof f);
    at->object_sql = "SELECT COUNT(*) FROM history_event WHERE area_code = ?";
}

static void prep_relate(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    bool json = rt->flags & ROUTE_JSON;
    set_key(at, fx->org);
    snprintf(at->values[0], sizeof at->values[0], "%lld", (long long)fx->org);
    const char *f[] = {json ? "from_id" : "kind", json ? at->values[0] : "funds",
                       json ? "to_id" : "to", "1", "start_date", "2024-01-01",
                       json ? "kind" : NULL, "funds", NULL};
    memcpy(at->fields, f, sizeof f);
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
    const char *fields[] = {"name", "Spreekuur van de buurtcoach", "freq", "WEEKLY",
                            "dtstart", "2026-01-05", NULL};
    memcpy(at->fields, fields, sizeof fields);
    at->object_sql = "SELECT s.name, s.updated_at, (SELECT COUNT(*) FROM service_at_location "
                     "WHERE service_id = s.id), (SELECT COUNT(*) FROM schedule WHERE "
                     "service_id = s.id) FROM service s WHERE s.id = CAST(? AS BIGINT)";
    path_with_key(rt, at);
}

static void prep_new_service(struct fixture *fx, const struct route *rt, struct attempt *at)
{
    const char *f[] = {"name", "Inloop", "languages", "nl, en", NULL};
    memcpy(at->fields, f, sizeof f);
    set_key(at, fx->org);
    at->object_sql = "SELECT COUNT(*) FROM service WHERE organisation_id = CAST(? AS BIGINT)";
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
