/* The API tests' client (see client.h): the cookies and CSRF token a
 * browser's script would keep, the first steps of an account, and the
 * console and model helpers for what a test needs before the API can. */
#include "client.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/post.h"
#include "model/residency.h"

/* ---- HTTP as a client ----------------------------------------------------- */

/* The value of cookie name in a Set-Cookie value v, into slot (128 bytes);
 * slot is left alone when v sets another cookie. */
static void take_cookie(const char *v, const char *name, char *slot)
{
    size_t n = strlen(name);
    const char *end = strchr(v, ';');
    if (strncmp(v, name, n) == 0 && v[n] == '=' && end)
        snprintf(slot, 128, "%.*s", (int)(end - v - n - 1), v + n + 1);
}

/* Takes the cookies and the CSRF token of an answer into c. */
static void absorb(struct client *c, const struct http_resp *resp)
{
    for (size_t i = 0; i < resp->nheaders; i++) {
        if (strcasecmp(resp->headers[i].name, "Set-Cookie") != 0)
            continue;
        take_cookie(resp->headers[i].value, "wr_session", c->session);
        take_cookie(resp->headers[i].value, "wr_csrf", c->csrf_cookie);
    }
    const char *token = json_string_value(json_object_get(resp->json, "csrf_token"));
    if (token)
        snprintf(c->csrf, sizeof c->csrf, "%s", token);
}

struct client client_new(const struct harness *h)
{
    struct client c = {.h = h};
    client_expect(&c, "GET", "/api/v1/session", NULL, 200);
    return c;
}

long client_send(struct client *c, const char *method, const char *path, const char *body,
                 struct http_resp *resp)
{
    char cookie[400], origin[100], token[200], accept[60];
    snprintf(cookie, sizeof cookie, "Cookie: wr_session=%s; wr_csrf=%s%s%s", c->session,
             c->csrf_cookie, c->cookie_lang ? "; lang=" : "", c->cookie_lang ? c->cookie_lang : "");
    snprintf(origin, sizeof origin, "Origin: http://127.0.0.1:%d", c->h->port);
    snprintf(token, sizeof token, "X-CSRF-Token: %s", c->csrf);
    snprintf(accept, sizeof accept, "Accept-Language: %s", c->lang ? c->lang : "en");
    const char *headers[6] = {cookie, origin, token, accept, NULL, NULL};
    if (body)
        headers[4] = *body == '{' ? "Content-Type: application/json"
                                  : "Content-Type: application/x-www-form-urlencoded";
    assert_true(harness_request(c->h, method, path, headers, body, body ? strlen(body) : 0, resp));
    absorb(c, resp);
    return resp->status;
}

int64_t client_expect(struct client *c, const char *method, const char *path, const char *body,
                      long status)
{
    struct http_resp resp;
    long got = client_send(c, method, path, body, &resp);
    if (got != status)
        fail_msg("%s %s -> %ld, expected %ld: %s", method, path, got, status, buf_cstr(&resp.body));
    int64_t id = json_integer_value(json_object_get(resp.json, "id"));
    http_resp_free(&resp);
    return id;
}

json_t *client_get_json(struct client *c, const char *path, struct http_resp *resp)
{
    long status = client_send(c, "GET", path, NULL, resp);
    if (status != 200)
        fail_msg("GET %s -> %ld: %s", path, status, buf_cstr(&resp->body));
    assert_non_null(resp->json);
    return resp->json;
}

/* ---- an account ----------------------------------------------------------- */

long client_sign_up(struct client *c, const char *email, const char *display_name,
                    const char *invitation)
{
    char body[400];
    snprintf(body, sizeof body,
             "{\"email\": \"%s\", \"display_name\": \"%s\", \"password\": \"" CLIENT_PASSWORD
             "\"%s%s%s}",
             email, display_name ? display_name : "Buur", invitation ? ", \"invitation\": \"" : "",
             invitation ? invitation : "", invitation ? "\"" : "");
    struct http_resp resp;
    long status = client_send(c, "POST", "/api/v1/people", body, &resp);
    http_resp_free(&resp);
    return status;
}

long client_sign_in(struct client *c, const char *email)
{
    char body[300];
    snprintf(body, sizeof body, "{\"email\": \"%s\", \"password\": \"" CLIENT_PASSWORD "\"}",
             email);
    struct http_resp resp;
    long status = client_send(c, "POST", "/api/v1/session", body, &resp);
    if (status == 201) {
        json_t *person = json_object_get(resp.json, "person");
        c->person_id = json_integer_value(json_object_get(person, "id"));
        snprintf(c->email, sizeof c->email, "%s", email);
    }
    http_resp_free(&resp);
    return status;
}

struct client client_person(const struct harness *h, const char *email, const char *display_name)
{
    struct client c = client_new(h);
    assert_int_equal(client_sign_up(&c, email, display_name, NULL), 201);
    assert_int_equal(client_sign_in(&c, email), 201);
    return c;
}

void client_act_as(struct client *c, const char *capacity, long status)
{
    char body[200];
    snprintf(body, sizeof body, "{\"capacity\": \"%s\"}", capacity);
    client_expect(c, "PUT", "/api/v1/me/capacity", body, status);
}

void client_grant(struct client *admin, const char *email, const char *role, const char *scope)
{
    char body[300];
    snprintf(body, sizeof body, "{\"email\": \"%s\", \"role\": \"%s\"%s%s%s}", email, role,
             scope ? ", \"scope\": \"" : "", scope ? scope : "", scope ? "\"" : "");
    client_expect(admin, "POST", "/api/v1/roles", body, 201);
}

/* ---- at the console ------------------------------------------------------- */

struct client console_platform_admin(const struct harness *h, const char *email)
{
    char cmd[1000];
    snprintf(cmd, sizeof cmd, "'%s' user add %s --name Beheer --admin --password-stdin --db '%s'",
             getenv("WIJKREGIE_BIN"), email, h->db_url);
    FILE *p = popen(cmd, "w");
    assert_non_null(p);
    fputs(CLIENT_PASSWORD "\n", p);
    assert_int_equal(pclose(p), 0);
    struct client c = client_new(h);
    assert_int_equal(client_sign_in(&c, email), 201);
    client_act_as(&c, "platform_admin", 200);
    return c;
}

int64_t console_organisation(const struct harness *h, const char *name, const char *kind)
{
    char cmd[1000];
    snprintf(cmd, sizeof cmd, "'%s' organisation add --kind %s '%s' --db '%s'",
             getenv("WIJKREGIE_BIN"), kind, name, h->db_url);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[64] = "";
    if (!fgets(line, sizeof line, p))
        line[0] = '\0';
    assert_int_equal(pclose(p), 0);
    char *end = NULL;
    long long id = strtoll(line, &end, 10);
    if (end == line || (*end && !isspace((unsigned char)*end)) || id <= 0)
        fail_msg("wijkregie organisation add printed \"%s\", not a number", line);
    return (int64_t)id;
}

/* ---- through the model ---------------------------------------------------- */

int64_t seed_post_requested(const struct harness *h, int64_t org, const char *title, int64_t person)
{
    struct fault f = {0};
    struct db *db = db_open(h->db_url, &f);
    assert_non_null(db);
    int64_t post = 0;
    struct actor me = {.person_id = person, .now = time(NULL)};
    assert_int_equal(post_request(db, org, title, &me, &post, &f), ERR_OK);
    db_close(db);
    return post;
}

int64_t seed_post_confirmed(const struct harness *h, int64_t org, const char *title, int64_t person,
                            int64_t boss)
{
    int64_t post = seed_post_requested(h, org, title, person);
    struct fault f = {0};
    struct db *db = db_open(h->db_url, &f);
    assert_non_null(db);
    struct arena *a = arena_new();
    struct actor admin = {.person_id = boss,
                          .capacity = arena_printf(a, "organisation_admin:%lld", (long long)org),
                          .now = time(NULL)};
    assert_int_equal(post_confirm(db, post, &admin, &f), ERR_OK);
    arena_free(a);
    db_close(db);
    return post;
}

struct client client_resident(const struct harness *h, const char *email, const char *name,
                              const char *buurt)
{
    struct client c = client_person(h, email, name);
    struct fault f = {0};
    struct db *db = db_open(h->db_url, &f);
    assert_non_null(db);
    struct actor console = {.capacity = CAPACITY_CONSOLE, .now = time(NULL)};
    assert_int_equal(residency_verify_console(db, c.person_id, buurt, &console, NULL, &f), ERR_OK);
    db_close(db);
    char cap[40];
    snprintf(cap, sizeof cap, "resident:%s", buurt);
    client_act_as(&c, cap, 200);
    return c;
}

struct client client_professional(const struct harness *h, const char *email, const char *name,
                                  int64_t org)
{
    struct client c = client_person(h, email, name);
    struct fault f = {0};
    struct db *db = db_open(h->db_url, &f);
    assert_non_null(db);
    struct db_stmt *st = db_prepare(db, "INSERT INTO post (person_id, organisation_id, title, "
                                        "status, requested_at, start_at) "
                                        "VALUES (?, ?, 'welzijnswerker', 'confirmed', 1, 1)");
    assert_non_null(st);
    db_bind_int(st, 1, c.person_id);
    db_bind_int(st, 2, org);
    assert_int_not_equal(db_step(st), DB_ERROR);
    db_done(st);
    db_close(db);
    char cap[40];
    snprintf(cap, sizeof cap, "professional:%lld", (long long)org);
    client_act_as(&c, cap, 200);
    return c;
}

struct racer {
    struct client c;
    const char *method, *path, *body;
    long status;
};

static void *race_once(void *arg)
{
    struct racer *r = arg;
    struct http_resp resp;
    r->status = client_send(&r->c, r->method, r->path, r->body, &resp);
    http_resp_free(&resp);
    return NULL;
}

void client_race(const struct client *clients, int nclients, int n, const char *method,
                 const char *path, const char *body, long *statuses)
{
    struct racer *racers = calloc((size_t)n, sizeof *racers);
    pthread_t *threads = calloc((size_t)n, sizeof *threads);
    assert_non_null(racers);
    assert_non_null(threads);
    for (int i = 0; i < n; i++) {
        racers[i] = (struct racer){
            .c = clients[i % nclients], .method = method, .path = path, .body = body};
        assert_int_equal(pthread_create(&threads[i], NULL, race_once, &racers[i]), 0);
    }
    for (int i = 0; i < n; i++) {
        pthread_join(threads[i], NULL);
        statuses[i] = racers[i].status;
    }
    free(threads);
    free(racers);
}

int client_count_status(const long *statuses, int n, long status)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        k += statuses[i] == status;
    return k;
}

int64_t query_count(const struct harness *h, const char *sql, int64_t id)
{
    struct fault f = {0};
    struct db *db = db_open(h->db_url, &f);
    assert_non_null(db);
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        fail_msg("%s: %s", sql, db_errmsg(db));
    int params = 0;
    for (const char *p = sql; (p = strchr(p, '?')) != NULL; p++)
        db_bind_int(st, ++params, id);
    if (db_step(st) != DB_ROW)
        fail_msg("%s gave no row: %s", sql, db_errmsg(db));
    int64_t n = db_col_int(st, 0);
    db_done(st);
    db_close(db);
    return n;
}

int64_t client_found_collective(struct client *founder, struct client *co1, struct client *co2,
                                const char *buurt)
{
    char body[600], p[100];
    snprintf(body, sizeof body,
             "{\"name\": \"Buurttrust De Linde\", \"kind\": \"trust\", \"area\": \"%s\", "
             "\"voting_rule\": \"majority\", \"statutes\": \"\", \"cofounder1\": \"%s\", "
             "\"cofounder2\": \"%s\"}",
             buurt, co1->email, co2->email);
    int64_t id = client_expect(founder, "POST", "/api/v1/collectives", body, 201);
    snprintf(p, sizeof p, "/api/v1/collectives/%lld/members", (long long)id);
    client_expect(co1, "POST", p, NULL, 200);
    client_expect(co2, "POST", p, NULL, 200);
    return id;
}
