/* The dispatcher: every check the route table's flags and fields promise,
 * once, in a fixed order, before the handler runs:
 *   framing (400) -> route (404/405) -> database connection (503) ->
 *   session (access.c) -> login flag (401; pages: 303 to /sign-in) ->
 *   query (400) -> body size (413) and type (415) and syntax (400) ->
 *   CSRF flag (403) and write quota (429) -> declared fields (400) ->
 *   handler (inside a read transaction for GET and HEAD, on the read
 *   replica when there is one: readpos.h).
 * Whatever fails becomes a fault, and the one error writer turns it into a
 * JSON error body (API routes, anything under /api/) or an HTML error page,
 * with the status from http_status(). A page's form post that fails in its
 * fields or its handler is answered with the form again (the GET handler of
 * the same path, which shows r->fault next to the field), not an error page. */
#include "http/dispatch.h"

#include <inttypes.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/utf8.h"
#include "db/db.h"
#include "http/access.h"
#include "http/field.h"
#include "http/parse.h"
#include "http/readpos.h"
#include "http/status.h"
#include "render/i18n.h"
#include "render/json.h"
#include "render/layout.h"

#define FORM_MEDIA_TYPE "application/x-www-form-urlencoded"
#define JSON_MEDIA_TYPE "application/json"

static const struct {
    const char *name;
    unsigned bit;
} methods[] = {
    {"GET", HTTP_GET}, {"HEAD", HTTP_HEAD},   {"POST", HTTP_POST},
    {"PUT", HTTP_PUT}, {"PATCH", HTTP_PATCH}, {"DELETE", HTTP_DELETE},
};

unsigned dispatch_method(const char *name)
{
    for (size_t i = 0; name && i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(name, methods[i].name) == 0)
            return methods[i].bit;
    return 0;
}

const char *dispatch_header(const struct kvlist *headers, const char *name)
{
    for (size_t i = 0; i < headers->n; i++)
        if (strcasecmp(headers->items[i].key, name) == 0)
            return headers->items[i].value;
    return NULL;
}

bool dispatch_framing_ok(const struct kvlist *headers)
{
    size_t lengths = 0, encodings = 0;
    for (size_t i = 0; i < headers->n; i++) {
        lengths += strcasecmp(headers->items[i].key, "Content-Length") == 0;
        encodings += strcasecmp(headers->items[i].key, "Transfer-Encoding") == 0;
    }
    return lengths <= 1 && encodings <= 1 && !(lengths && encodings);
}

static size_t body_limit(const struct route *rt, const struct config *cfg)
{
    if (rt && rt->max_body)
        return rt->max_body;
    return cfg && cfg->max_body ? cfg->max_body : DISPATCH_DEFAULT_MAX_BODY;
}

size_t dispatch_body_limit(const struct route *table, const struct config *cfg, const char *path,
                           unsigned method, struct arena *a)
{
    return body_limit(route_match(table, path, method, a, NULL, NULL), cfg);
}

/* The decoded path for r->path: valid UTF-8 whatever the client sent. */
static const char *display_path(struct arena *a, const char *raw)
{
    const char *decoded = parse_percent_decode(a, raw, strlen(raw), false);
    if (decoded)
        return decoded;
    return utf8_valid(raw, strlen(raw)) ? raw : "/";
}

/* ?lang=nl|en wins and is remembered in a cookie; else the cookie, else
 * Accept-Language (i18n_negotiate). */
static void choose_language(struct req *r, const struct http_request *hr)
{
    const char *asked = parse_kv_find(&r->query, "lang", NULL);
    for (size_t i = 0; asked && i18n_languages[i]; i++) {
        if (strcmp(asked, i18n_languages[i]) == 0) {
            r->lang = i18n_languages[i];
            req_header(r, "Set-Cookie",
                       arena_printf(r->arena,
                                    "lang=%s; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
                                    r->lang));
            return;
        }
    }
    r->lang = i18n_negotiate(parse_kv_find(&r->cookies, "lang", NULL),
                             dispatch_header(&hr->headers, "Accept-Language"));
}

static enum err find_route(struct req *r, const struct route *table, const struct http_request *hr,
                           const struct route **out)
{
    unsigned allowed = 0;
    *out = route_match(table, hr->path, r->method, r->arena, &r->path_params, &allowed);
    if (*out) {
        if (strstr((*out)->pattern, "{token}"))
            r->log_path = (*out)->pattern; /* a secret in the path stays out of the log */
        return ERR_OK;
    }
    if (!allowed)
        return req_fail(r, ERR_NOT_FOUND, NULL, N_("There is no page at this address."));
    const char *allow = route_method_name(allowed);
    req_header(r, "Allow", allow);
    return req_fail(r, ERR_METHOD, NULL,
                    N_("This address does not accept this method; it accepts %s."), allow);
}

/* The JSON body's members as text for field validation: strings as they
 * are, integers in decimal, booleans as true/false, null as absent, and
 * anything else with a NULL value (refused if it is a declared field). */
static void json_members(struct req *r, struct kvlist *out)
{
    const char *key;
    json_t *v;
    size_t n = json_object_size(r->json);
    *out = (struct kvlist){n ? arena_array(r->arena, n, sizeof(struct kv)) : NULL, 0};
    json_object_foreach(r->json, key, v)
    {
        const char *text = NULL;
        if (json_is_null(v))
            continue;
        if (json_is_string(v))
            text = json_string_value(v);
        else if (json_is_integer(v))
            text = arena_printf(r->arena, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        else if (json_is_boolean(v))
            text = json_is_true(v) ? "true" : "false";
        out->items[out->n++] = (struct kv){key, text};
    }
}

static enum err refuse_media_type(struct req *r, const struct route *rt)
{
    unsigned kinds = rt->flags & (ROUTE_FORM | ROUTE_JSON);
    if (!kinds)
        return req_fail(r, ERR_MEDIA_TYPE, NULL,
                        N_("This address does not accept a request body."));
    const char *types = kinds == ROUTE_FORM   ? FORM_MEDIA_TYPE
                        : kinds == ROUTE_JSON ? JSON_MEDIA_TYPE
                                              : FORM_MEDIA_TYPE ", " JSON_MEDIA_TYPE;
    return req_fail(r, ERR_MEDIA_TYPE, NULL, N_("Send the request body as %s."), types);
}

/* Size, type and syntax of the body; *fields gets its members. */
static enum err read_body(struct req *r, const struct route *rt, const struct http_request *hr,
                          struct kvlist *fields)
{
    size_t limit = body_limit(rt, r->app ? r->app->cfg : NULL);
    if (hr->body_too_large || hr->body_len > limit)
        return req_fail(r, ERR_TOO_LARGE, NULL,
                        N_("The request body is too large (limit %s bytes)."),
                        arena_printf(r->arena, "%zu", limit));
    if (hr->body_len == 0)
        return ERR_OK;
    const char *type = dispatch_header(&hr->headers, "Content-Type");
    if ((rt->flags & ROUTE_FORM) && parse_media_type_is(type, FORM_MEDIA_TYPE)) {
        if (parse_urlencoded(r->arena, hr->body, hr->body_len, &r->form) != ERR_OK)
            return req_fail(
                r, ERR_INVALID, NULL,
                N_("The form data is malformed (a bad percent escape or invalid UTF-8)."));
        *fields = r->form;
        return ERR_OK;
    }
    if ((rt->flags & ROUTE_JSON) && parse_media_type_is(type, JSON_MEDIA_TYPE)) {
        if (parse_json_object(hr->body, hr->body_len, &r->json) != ERR_OK)
            return req_fail(r, ERR_INVALID, NULL,
                            N_("The request body must be one JSON object in UTF-8, "
                               "without repeated keys."));
        json_members(r, fields);
        return ERR_OK;
    }
    return refuse_media_type(r, rt);
}

static enum err connect_db(struct req *r, const struct route *rt)
{
    if (rt->flags & ROUTE_NO_DB)
        return ERR_OK;
    r->db = r->app && r->app->pool ? db_pool_get(r->app->pool, &r->fault) : NULL;
    if (r->db)
        return ERR_OK;
    if (r->fault.code != ERR_OK)
        return r->fault.code;
    return req_fail(r, ERR_UNAVAILABLE, NULL,
                    N_("The database is busy or unreachable; try again in a moment."));
}

/* Everything before the handler; *rt gets the route when one matched and
 * *checked is set once the login and CSRF checks have passed. */
static enum err prepare(struct req *r, const struct route *table, const struct http_request *hr,
                        const struct route **rt, bool *checked)
{
    if (!dispatch_framing_ok(&hr->headers)) {
        req_header(r, "Connection", "close");
        return req_fail(r, ERR_INVALID, NULL,
                        N_("The request has conflicting Content-Length or Transfer-Encoding "
                           "headers."));
    }
    const char *q = hr->query ? hr->query : "";
    enum err query_err = parse_urlencoded(r->arena, q, strlen(q), &r->query);
    choose_language(r, hr);
    enum err e = find_route(r, table, hr, rt);
    if (e == ERR_OK)
        e = connect_db(r, *rt);
    if (e == ERR_OK)
        e = access_identify(r, *rt, hr);
    if (e == ERR_OK)
        e = access_check_login(r, *rt);
    if (e != ERR_OK)
        return e;
    if (query_err != ERR_OK)
        return req_fail(r, ERR_INVALID, NULL,
                        N_("The address contains a malformed parameter (a bad percent escape or "
                           "invalid UTF-8)."));
    struct kvlist body_fields = {0};
    if ((e = read_body(r, *rt, hr, &body_fields)) != ERR_OK)
        return e;
    if ((e = access_check_write(r, *rt, hr)) != ERR_OK)
        return e;
    *checked = true;
    const struct kvlist *sources[] = {
        &r->path_params, (r->method & (HTTP_GET | HTTP_HEAD)) ? &r->query : &body_fields};
    return field_validate((*rt)->fields, sources, 2, r->arena, &r->in, &r->fault);
}

/* Runs a GET or HEAD handler with its reads on db, in one read
 * transaction: one snapshot, and on SQLite one WAL read lock for the page
 * instead of one per statement. Such a handler must not write; db.h makes
 * that abort. r->db is the primary's connection again afterwards. */
static enum err read_on(struct req *r, const struct route *rt, struct db *db)
{
    struct db *primary = r->db;
    r->db = db;
    enum err e = db_begin_read(db, &r->fault);
    if (e == ERR_OK) {
        e = rt->handler(r);
        db_end_read(db);
    }
    r->db = primary;
    return e;
}

/* Reads go to the read replica when there is one that may answer them
 * (http/readpos.h). A read the replica cannot answer (its connection lost,
 * its query cancelled) is answered again from the primary: a read can be
 * repeated, and the replica alone never makes a request fail. */
static enum err call_handler(struct req *r, const struct route *rt)
{
    if (!r->db || !(r->method & (HTTP_GET | HTTP_HEAD)))
        return rt->handler(r);
    struct db *replica = readpos_replica(r);
    if (replica) {
        size_t headers = r->resp.headers.n;
        enum err e = read_on(r, rt, replica);
        if (e != ERR_UNAVAILABLE)
            return e;
        readpos_replica_failed(r);
        r->resp = (struct resp){.status = 200, .body = r->resp.body, .headers = r->resp.headers};
        r->resp.headers.n = headers;
        buf_reset(&r->resp.body);
        r->fault = (struct fault){0};
    }
    return read_on(r, rt, r->db);
}

/* Runs the handler; on failure its own headers are dropped with its body. */
static enum err run_handler(struct req *r, const struct route *rt)
{
    size_t before = r->resp.headers.n;
    enum err e = call_handler(r, rt);
    if (r->db && db_in_transaction(r->db)) {
        /* A handler that returns inside a transaction has a bug; rolling
         * back keeps this thread's connection usable for the next request. */
        db_rollback(r->db);
        log_event(LOG_ERROR, r->request_id, "transaction_left_open", "path", r->path, NULL);
        if (e == ERR_OK)
            e = req_fail(r, ERR_INTERNAL, NULL, NULL);
    }
    if (e != ERR_OK)
        r->resp.headers.n = before;
    return e;
}

static void write_error(struct req *r, const struct route *rt, const struct http_request *hr,
                        enum err e)
{
    if ((unsigned)e >= ERR_COUNT)
        e = ERR_INTERNAL;
    if (r->fault.code != e)
        r->fault = (struct fault){.code = e}; /* the general message for e */
    if (e == ERR_INTERNAL)
        log_event(LOG_ERROR, r->request_id, "internal_error", "path", r->path, "msgid",
                  r->fault.msgid ? r->fault.msgid : "", NULL);
    buf_free(&r->resp.body);
    r->resp.content_type = NULL;
    r->resp.status = http_status(e);
    if (e == ERR_RATE_LIMITED && r->retry_after > 0)
        req_header(r, "Retry-After", arena_printf(r->arena, "%lld", (long long)r->retry_after));
    bool api = (rt && (rt->flags & ROUTE_JSON)) || strncmp(hr->path, "/api/", 5) == 0;
    if (!api && e == ERR_UNAUTHORIZED && rt && (rt->flags & ROUTE_NEED_LOGIN) && !r->session)
        access_redirect_to_signin(r);
    else if (api)
        json_reply(r, r->resp.status, json_error_body(r));
    else
        layout_error_page(r);
}

/* A page's form post that failed in its fields or handler with an error
 * the visitor can fix is answered with the page that holds the form (the
 * GET route of the same path), showing r->fault next to its field, with the
 * error's status. False when there is no such page. */
static bool show_form_again(struct req *r, const struct route *table, const struct http_request *hr,
                            const struct route *rt, enum err e)
{
    if (!(rt->flags & ROUTE_FORM) || (rt->flags & ROUTE_JSON) || r->method != HTTP_POST ||
        e == ERR_INTERNAL || e == ERR_UNAVAILABLE || (unsigned)e >= ERR_COUNT)
        return false;
    struct kvlist params = {0};
    const struct route *page = route_match(table, hr->path, HTTP_GET, r->arena, &params, NULL);
    if (!page || r->fault.code != e)
        return false;
    size_t before = r->resp.headers.n;
    buf_reset(&r->resp.body);
    r->resp.status = http_status(e);
    if (e == ERR_RATE_LIMITED && r->retry_after > 0)
        req_header(r, "Retry-After", arena_printf(r->arena, "%lld", (long long)r->retry_after));
    if (page->handler(r) == ERR_OK)
        return true;
    r->resp.headers.n = before;
    return false;
}

void dispatch(struct req *r, const struct route *table, const struct http_request *hr)
{
    const struct route *rt = NULL;
    r->method = dispatch_method(hr->method);
    r->client_ip = hr->client_ip;
    r->path = display_path(r->arena, hr->path);
    r->resp.status = 200;
    parse_cookies(r->arena, dispatch_header(&hr->headers, "Cookie"), &r->cookies);

    bool checked = false;
    enum err e = prepare(r, table, hr, &rt, &checked);
    if (e == ERR_OK)
        e = run_handler(r, rt);
    if (e == ERR_OK && !(r->method & (HTTP_GET | HTTP_HEAD)))
        readpos_after_write(r);
    if (e != ERR_OK && !(checked && show_form_again(r, table, hr, rt, e)))
        write_error(r, rt, hr, e);
    http_finish_headers(r);
}

void dispatch_release(struct req *r)
{
    json_decref(r->json);
    r->json = NULL;
    buf_free(&r->resp.body);
}
