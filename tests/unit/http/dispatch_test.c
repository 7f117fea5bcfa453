/* Tests for http/dispatch.c, without sockets: requests go straight into
 * dispatch() with a small fake route table, and the filled struct req is
 * inspected: status, body, headers, validated fields, language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "../core/expect_abort.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"
#include "db/db.h"
#include "http/dispatch.h"
#include "render/req.h"

/* Writes every validated field as "name=value\n", the language and the
 * method, so tests can see what the handler saw. */
static enum err echo(struct req *r)
{
    r->resp.content_type = "text/plain; charset=utf-8";
    buf_printf(&r->resp.body, "lang=%s method=%d db=%s\n", r->lang, (int)r->method,
               r->db ? "yes" : "no");
    for (size_t i = 0; i < r->in.n; i++)
        buf_printf(&r->resp.body, "%s=%s\n", r->in.items[i].key, r->in.items[i].value);
    return ERR_OK;
}

/* Starts a page and a header, then fails: both must disappear. */
static enum err conflict(struct req *r)
{
    buf_puts(&r->resp.body, "<p>half a page");
    req_header(r, "Location", "/elsewhere");
    return req_fail(r, ERR_CONFLICT, "phase", "The initiative is already in phase %s.",
                    "execution");
}

/* Returns an error without filling the fault. */
static enum err lazy_failure(struct req *r)
{
    return ERR_NOT_FOUND;
}

static enum err cached(struct req *r)
{
    req_header(r, "Cache-Control", "public, max-age=60");
    return echo(r);
}

/* Tells whether the handler runs inside a read or a write transaction. */
static enum err db_state(struct req *r)
{
    r->resp.content_type = "text/plain; charset=utf-8";
    buf_printf(&r->resp.body, "read=%d tx=%d\n", db_in_read(r->db), db_in_transaction(r->db));
    return ERR_OK;
}

/* A GET handler that fails after reading: the read transaction still ends. */
static enum err db_state_then_fail(struct req *r)
{
    db_state(r);
    return req_fail(r, ERR_NOT_FOUND, NULL, "Nothing here.");
}

/* A GET handler that (wrongly) starts a write transaction. */
static enum err writes_in_get(struct req *r)
{
    struct fault f = {0};
    if (db_begin(r->db, &f) == ERR_OK)
        db_rollback(r->db);
    return ERR_OK;
}

static const char *const kinds[] = {"gemeente", "wijk", "buurt", NULL};

static const struct field list_fields[] = {
    {.name = "kind", .type = FIELD_CHOICE, .choices = kinds},
    {.name = "limit", .type = FIELD_INT, .min = 1, .max = 500},
    {0},
};

static const struct field code_fields[] = {
    {.name = "code", .type = FIELD_CODE, .flags = FIELD_REQUIRED},
    {0},
};

static const struct field note_fields[] = {
    {.name = "title", .type = FIELD_LINE, .min = 1, .max = 10, .flags = FIELD_REQUIRED},
    {.name = "hours", .type = FIELD_INT, .min = 0, .max = 40},
    {0},
};

#define GH (HTTP_GET | HTTP_HEAD)

static const struct route table[] = {
    {GH, "/", echo, ROUTE_NO_DB, NULL, 0, ACTION_UNKNOWN},
    {GH, "/areas/{code}", echo, ROUTE_NO_DB, code_fields, 0, ACTION_UNKNOWN},
    {GH, "/api/v1/areas", echo, ROUTE_JSON | ROUTE_NO_DB, list_fields, 0, ACTION_UNKNOWN},
    {GH, "/api/v1/areas/{code}", echo, ROUTE_JSON | ROUTE_NO_DB, code_fields, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/notes", echo, ROUTE_FORM | ROUTE_NO_DB, note_fields, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/api/v1/notes", echo, ROUTE_JSON | ROUTE_NO_DB, note_fields, 32, ACTION_UNKNOWN},
    {HTTP_POST, "/conflict", conflict, ROUTE_NO_DB, NULL, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/api/v1/conflict", conflict, ROUTE_JSON | ROUTE_NO_DB, NULL, 0, ACTION_UNKNOWN},
    {GH, "/lazy", lazy_failure, ROUTE_NO_DB, NULL, 0, ACTION_UNKNOWN},
    {GH, "/cached", cached, ROUTE_NO_DB, NULL, 0, ACTION_UNKNOWN},
    {GH, "/private", echo, ROUTE_NEED_LOGIN | ROUTE_NO_DB, NULL, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/change", echo, ROUTE_NEED_CSRF | ROUTE_FORM | ROUTE_NO_DB, NULL, 0,
     ACTION_UNKNOWN},
    {GH, "/with-db", echo, 0, NULL, 0, ACTION_UNKNOWN},
    {GH, "/db-state", db_state, 0, NULL, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/db-state", db_state, 0, NULL, 0, ACTION_UNKNOWN},
    {GH, "/db-state-fails", db_state_then_fail, 0, NULL, 0, ACTION_UNKNOWN},
    {GH, "/writes-in-get", writes_in_get, 0, NULL, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/writes-in-post", writes_in_get, 0, NULL, 0, ACTION_UNKNOWN},
    {0},
};

struct fixture {
    struct config cfg;
    struct app app;
    struct req r;
    json_t *json; /* the parsed response body, for JSON responses */
};

static int setup(void **state)
{
    struct fixture *fx = test_calloc(1, sizeof *fx);
    fx->cfg.max_body = 128;
    fx->app.cfg = &fx->cfg;
    *state = fx;
    return 0;
}

static void reset(struct fixture *fx)
{
    if (fx->r.arena) {
        dispatch_release(&fx->r);
        arena_free(fx->r.arena);
    }
    json_decref(fx->json);
    fx->json = NULL;
    fx->r = (struct req){0};
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    reset(fx);
    if (fx->app.pool)
        db_pool_free(fx->app.pool);
    test_free(fx);
    return 0;
}

/* A response header, or NULL. */
static const char *header(const struct req *r, const char *name)
{
    for (size_t i = 0; i < r->resp.headers.n; i++)
        if (strcasecmp(r->resp.headers.items[i].key, name) == 0)
            return r->resp.headers.items[i].value;
    return NULL;
}

/* Dispatches one request. headers is "Name", "value", ..., NULL (or NULL). */
static struct req *send_request(struct fixture *fx, const char *method, const char *path,
                                const char *query, const char *const *headers, const char *body)
{
    reset(fx);
    fx->r.arena = arena_new();
    fx->r.app = &fx->app;
    fx->r.request_id = "00112233aabbccdd";
    struct http_request hr = {.method = method, .path = path, .query = query};
    size_t n = 0;
    while (headers && headers[2 * n])
        n++;
    hr.headers.items = arena_array(fx->r.arena, n + 1, sizeof(struct kv));
    for (size_t i = 0; i < n; i++)
        hr.headers.items[i] = (struct kv){headers[2 * i], headers[2 * i + 1]};
    hr.headers.n = n;
    hr.body = body;
    hr.body_len = body ? strlen(body) : 0;
    dispatch(&fx->r, table, &hr);
    if (strncmp(header(&fx->r, "Content-Type"), "application/json", 16) == 0)
        fx->json = json_loads(buf_cstr(&fx->r.resp.body), 0, NULL);
    return &fx->r;
}

static struct req *get(struct fixture *fx, const char *path, const char *query)
{
    return send_request(fx, "GET", path, query, NULL, NULL);
}

static const char *body(const struct req *r)
{
    return buf_cstr(&r->resp.body);
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("\"%s\" not found in \"%s\"", needle, haystack);
}

/* Asserts a JSON error body with this error name, message and field. */
static void assert_json_error(struct fixture *fx, int status, const char *error,
                              const char *message, const char *field)
{
    assert_int_equal(fx->r.resp.status, status);
    assert_non_null(fx->json);
    assert_string_equal(json_string_value(json_object_get(fx->json, "error")), error);
    if (message)
        assert_string_equal(json_string_value(json_object_get(fx->json, "message")), message);
    json_t *f = json_object_get(fx->json, "field");
    if (field)
        assert_string_equal(json_string_value(f), field);
    else
        assert_true(json_is_null(f));
}

static void test_dispatch_runs_handler_with_validated_fields(void **state)
{
    struct fixture *fx = *state;
    struct req *r = get(fx, "/api/v1/areas", "kind=wijk&limit=20&other=x");
    assert_int_equal(r->resp.status, 200);
    assert_contains(body(r), "kind=wijk\nlimit=20\n");
    assert_null(strstr(body(r), "other"));
    assert_string_equal(header(r, "Content-Type"), "text/plain; charset=utf-8");
}

static void test_dispatch_decodes_path_params_into_fields(void **state)
{
    struct fixture *fx = *state;
    struct req *r = get(fx, "/areas/%42U03630101", NULL);
    assert_int_equal(r->resp.status, 200);
    assert_contains(body(r), "code=BU03630101\n");
    assert_string_equal(r->path, "/areas/BU03630101");
}

static void test_dispatch_unknown_path_is_404_html(void **state)
{
    struct fixture *fx = *state;
    struct req *r = get(fx, "/nowhere", NULL);
    assert_int_equal(r->resp.status, 404);
    assert_contains(header(r, "Content-Type"), "text/html; charset=utf-8");
    assert_contains(body(r), "There is no page at this address.");
}

static void test_dispatch_unknown_api_path_is_404_json(void **state)
{
    struct fixture *fx = *state;
    get(fx, "/api/v1/nothing", NULL);
    assert_json_error(fx, 404, "not_found", "There is no page at this address.", NULL);
}

static void test_dispatch_wrong_method_is_405_with_allow(void **state)
{
    struct fixture *fx = *state;
    struct req *r = send_request(fx, "DELETE", "/api/v1/areas", NULL, NULL, NULL);
    assert_json_error(fx, 405, "method_not_allowed", NULL, NULL);
    assert_string_equal(header(r, "Allow"), "GET, HEAD");
    r = send_request(fx, "BREW", "/", NULL, NULL, NULL);
    assert_int_equal(r->resp.status, 405);
    assert_string_equal(header(r, "Allow"), "GET, HEAD");
}

static void test_dispatch_head_runs_the_get_handler(void **state)
{
    struct fixture *fx = *state;
    struct req *r = send_request(fx, "HEAD", "/", NULL, NULL, NULL);
    assert_int_equal(r->resp.status, 200);
    assert_int_equal(r->method, HTTP_HEAD);
    /* The body stays, so the length is right; the server does not send it. */
    assert_contains(body(r), "lang=");
}

static void test_dispatch_missing_required_field_is_400(void **state)
{
    struct fixture *fx = *state;
    const char *const form[] = {"Content-Type", "application/x-www-form-urlencoded", NULL};
    send_request(fx, "POST", "/api/v1/notes", NULL,
                 (const char *const[]){"Content-Type", "application/json", NULL}, "{}");
    assert_json_error(fx, 400, "invalid", "title is required.", "title");
    struct req *r = send_request(fx, "POST", "/notes", NULL, form, "hours=3");
    assert_int_equal(r->resp.status, 400);
    assert_contains(body(r), "title is required.");
}

static void test_dispatch_duplicate_field_is_400(void **state)
{
    struct fixture *fx = *state;
    get(fx, "/api/v1/areas", "limit=5&limit=6");
    assert_json_error(fx, 400, "invalid", "Give limit only once.", "limit");
}

static void test_dispatch_int_overflow_is_400(void **state)
{
    struct fixture *fx = *state;
    get(fx, "/api/v1/areas", "limit=99999999999999999999");
    assert_json_error(fx, 400, "invalid", "limit must be a whole number from 1 to 500.", "limit");
}

static void test_dispatch_negative_below_min_is_400(void **state)
{
    struct fixture *fx = *state;
    get(fx, "/api/v1/areas", "limit=-3");
    assert_json_error(fx, 400, "invalid", "limit must be a whole number from 1 to 500.", "limit");
}

static void test_dispatch_choice_not_listed_is_400(void **state)
{
    struct fixture *fx = *state;
    get(fx, "/api/v1/areas", "kind=provincie");
    assert_json_error(fx, 400, "invalid", "kind must be one of: gemeente, wijk, buurt.", "kind");
}

static void test_dispatch_malformed_code_is_400(void **state)
{
    struct fixture *fx = *state;
    get(fx, "/api/v1/areas/GM03", NULL);
    assert_json_error(fx, 400, "invalid", NULL, "code");
}

static void test_dispatch_text_too_long_by_characters_is_400(void **state)
{
    struct fixture *fx = *state;
    const char *const form[] = {"Content-Type", "application/x-www-form-urlencoded", NULL};
    /* Ten characters of two bytes each fit max = 10; eleven do not. */
    struct req *r =
        send_request(fx, "POST", "/notes", NULL, form,
                     "title=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9");
    assert_int_equal(r->resp.status, 200);
    r = send_request(fx, "POST", "/notes", NULL, form,
                     "title=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9");
    assert_int_equal(r->resp.status, 400);
    assert_contains(body(r), "title must be 1 to 10 characters long.");
}

static void test_dispatch_post_takes_fields_from_the_form_not_the_query(void **state)
{
    struct fixture *fx = *state;
    const char *const form[] = {"Content-Type", "application/x-www-form-urlencoded; charset=UTF-8",
                                NULL};
    struct req *r =
        send_request(fx, "POST", "/notes", "title=fromquery", form, "title=Tuin+Noord&hours=4");
    assert_int_equal(r->resp.status, 200);
    assert_contains(body(r), "title=Tuin Noord\nhours=4\n");
}

static void test_dispatch_json_body_fields(void **state)
{
    struct fixture *fx = *state;
    const char *const json[] = {"Content-Type", "application/json", NULL};
    struct req *r =
        send_request(fx, "POST", "/api/v1/notes", NULL, json, "{\"title\":\"Tuin\",\"hours\":4}");
    assert_int_equal(r->resp.status, 200);
    assert_contains(body(r), "title=Tuin\nhours=4\n");
    assert_non_null(r->json);
}

static void test_dispatch_json_body_must_be_an_object(void **state)
{
    struct fixture *fx = *state;
    const char *const json[] = {"Content-Type", "application/json", NULL};
    send_request(fx, "POST", "/api/v1/notes", NULL, json, "[1,2]");
    assert_json_error(fx, 400, "invalid", NULL, NULL);
    send_request(fx, "POST", "/api/v1/notes", NULL, json, "{\"title\":[1]}");
    assert_json_error(fx, 400, "invalid", "title must be text or a number.", "title");
}

static void test_dispatch_body_over_limit_is_413(void **state)
{
    struct fixture *fx = *state;
    const char *const json[] = {"Content-Type", "application/json", NULL};
    /* /api/v1/notes allows 32 bytes: 32 pass, 33 do not. */
    struct req *r = send_request(fx, "POST", "/api/v1/notes", NULL, json,
                                 "{\"title\":\"abcdefghijklmnopqrst\"}");
    assert_int_equal(r->resp.status, 400); /* 32 bytes: read, then the title is too long */
    send_request(fx, "POST", "/api/v1/notes", NULL, json, "{\"title\":\"abcdefghijklmnopqrstu\"}");
    assert_json_error(fx, 413, "too_large", "The request body is too large (limit 32 bytes).",
                      NULL);
    /* /notes has the configured default, 128 bytes. */
    const char *const form[] = {"Content-Type", "application/x-www-form-urlencoded", NULL};
    char big[200];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    memcpy(big, "title=x&pad=", 12);
    r = send_request(fx, "POST", "/notes", NULL, form, big);
    assert_int_equal(r->resp.status, 413);
    assert_contains(body(r), "limit 128 bytes");
}

static void test_dispatch_body_dropped_by_the_server_is_413(void **state)
{
    struct fixture *fx = *state;
    reset(fx);
    fx->r.arena = arena_new();
    fx->r.app = &fx->app;
    struct http_request hr = {.method = "POST", .path = "/notes", .body_too_large = true};
    dispatch(&fx->r, table, &hr);
    assert_int_equal(fx->r.resp.status, 413);
}

static void test_dispatch_wrong_content_type_is_415(void **state)
{
    struct fixture *fx = *state;
    send_request(fx, "POST", "/api/v1/notes", NULL,
                 (const char *const[]){"Content-Type", "text/plain", NULL}, "{}");
    assert_json_error(fx, 415, "unsupported_media_type",
                      "Send the request body as application/json.", NULL);
    struct req *r =
        send_request(fx, "POST", "/notes", NULL,
                     (const char *const[]){"Content-Type", "application/json", NULL}, "{}");
    assert_int_equal(r->resp.status, 415);
    r = send_request(fx, "POST", "/notes", NULL,
                     (const char *const[]){
                         "Content-Type", "application/x-www-form-urlencoded; charset=latin1", NULL},
                     "title=x");
    assert_int_equal(r->resp.status, 415);
    r = send_request(fx, "POST", "/notes", NULL, NULL, "title=x");
    assert_int_equal(r->resp.status, 415);
}

static void test_dispatch_ambiguous_framing_is_400_and_closes(void **state)
{
    struct fixture *fx = *state;
    const char *const twice[] = {"Content-Length", "3", "content-length", "3", NULL};
    struct req *r = send_request(fx, "GET", "/", NULL, twice, NULL);
    assert_int_equal(r->resp.status, 400);
    assert_string_equal(header(r, "Connection"), "close");
    const char *const both[] = {"Content-Length", "3", "Transfer-Encoding", "chunked", NULL};
    r = send_request(fx, "GET", "/", NULL, both, NULL);
    assert_int_equal(r->resp.status, 400);
    const char *const one[] = {"Content-Length", "0", NULL};
    r = send_request(fx, "GET", "/", NULL, one, NULL);
    assert_int_equal(r->resp.status, 200);
    assert_null(header(r, "Connection"));
}

static void test_dispatch_malformed_query_is_400(void **state)
{
    struct fixture *fx = *state;
    get(fx, "/api/v1/areas", "kind=%zz");
    assert_json_error(fx, 400, "invalid", NULL, NULL);
    get(fx, "/api/v1/areas", "kind=%C0%AF");
    assert_json_error(fx, 400, "invalid", NULL, NULL);
}

static void test_dispatch_lang_query_sets_cookie_and_wins(void **state)
{
    struct fixture *fx = *state;
    const char *const h[] = {"Cookie", "lang=nl", "Accept-Language", "nl", NULL};
    struct req *r = send_request(fx, "GET", "/", "lang=en", h, NULL);
    assert_string_equal(r->lang, "en");
    assert_string_equal(header(r, "Set-Cookie"),
                        "lang=en; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
}

static void test_dispatch_lang_from_cookie_then_accept_language(void **state)
{
    struct fixture *fx = *state;
    const char *const cookie[] = {"Cookie", "x=1; lang=en", "Accept-Language", "nl", NULL};
    struct req *r = send_request(fx, "GET", "/", NULL, cookie, NULL);
    assert_string_equal(r->lang, "en");
    assert_null(header(r, "Set-Cookie"));
    const char *const accept[] = {"Accept-Language", "en-GB,en;q=0.9,nl;q=0.5", NULL};
    r = send_request(fx, "GET", "/", NULL, accept, NULL);
    assert_string_equal(r->lang, "en");
    r = send_request(fx, "GET", "/", "lang=fr", NULL, NULL);
    assert_string_equal(r->lang, "nl");
    assert_null(header(r, "Set-Cookie"));
}

static void test_dispatch_need_login_page_sends_to_sign_in(void **state)
{
    struct fixture *fx = *state;
    struct req *r = get(fx, "/private", NULL);
    assert_int_equal(r->resp.status, 303);
    assert_string_equal(header(r, "Location"), "/sign-in?next=%2Fprivate");
    assert_null(strstr(body(r), "method="));
}

static void test_dispatch_need_csrf_is_refused_with_403(void **state)
{
    struct fixture *fx = *state;
    const char *const form[] = {"Content-Type", "application/x-www-form-urlencoded", NULL};
    struct req *r = send_request(fx, "POST", "/change", NULL, form, "a=1");
    assert_int_equal(r->resp.status, 403);
}

static void test_dispatch_handler_error_discards_body_and_headers(void **state)
{
    struct fixture *fx = *state;
    struct req *r = send_request(fx, "POST", "/api/v1/conflict", NULL, NULL, NULL);
    assert_json_error(fx, 409, "conflict", "The initiative is already in phase execution.",
                      "phase");
    assert_null(header(r, "Location"));
    assert_null(strstr(body(r), "half a page"));

    r = send_request(fx, "POST", "/conflict", NULL, NULL, NULL);
    assert_int_equal(r->resp.status, 409);
    assert_contains(header(r, "Content-Type"), "text/html");
    assert_null(strstr(body(r), "half a page"));
    assert_contains(body(r), "The initiative is already in phase execution.");
}

static void test_dispatch_handler_error_without_fault_gets_general_message(void **state)
{
    struct fixture *fx = *state;
    struct req *r = get(fx, "/lazy", NULL);
    assert_int_equal(r->resp.status, 404);
    assert_int_equal(r->fault.code, ERR_NOT_FOUND);
}

static void test_dispatch_every_response_has_security_headers(void **state)
{
    struct fixture *fx = *state;
    const char *paths[] = {"/", "/nowhere", "/api/v1/areas/x", "/private"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        struct req *r = get(fx, paths[i], NULL);
        assert_non_null(header(r, "Content-Security-Policy"));
        assert_string_equal(header(r, "X-Content-Type-Options"), "nosniff");
        assert_string_equal(header(r, "Referrer-Policy"), "same-origin");
        assert_string_equal(header(r, "X-Frame-Options"), "DENY");
        assert_string_equal(header(r, "Cache-Control"), "no-store");
        assert_string_equal(header(r, "X-Request-Id"), "00112233aabbccdd");
        assert_contains(header(r, "Content-Type"), "charset=utf-8");
    }
}

static void test_dispatch_handler_cache_control_is_kept(void **state)
{
    struct fixture *fx = *state;
    struct req *r = get(fx, "/cached", NULL);
    assert_string_equal(header(r, "Cache-Control"), "public, max-age=60");
}

static void test_dispatch_without_database_is_503(void **state)
{
    struct fixture *fx = *state;
    struct req *r = get(fx, "/with-db", NULL);
    assert_int_equal(r->resp.status, 503);
    fx->app.pool = db_pool_new("/nonexistent-dir/sub/wijk.db");
    r = get(fx, "/with-db", NULL);
    assert_int_equal(r->resp.status, 503);
}

static void test_dispatch_gets_the_database_connection(void **state)
{
    struct fixture *fx = *state;
    fx->app.pool = db_pool_new(":memory:");
    struct req *r = get(fx, "/with-db", NULL);
    assert_int_equal(r->resp.status, 200);
    assert_contains(body(r), "db=yes");
    r = get(fx, "/", NULL);
    assert_contains(body(r), "db=no");
}

static void test_dispatch_get_and_head_handlers_run_in_a_read_transaction(void **state)
{
    struct fixture *fx = *state;
    fx->app.pool = db_pool_new(":memory:");
    struct req *r = get(fx, "/db-state", NULL);
    assert_int_equal(r->resp.status, 200);
    assert_string_equal(body(r), "read=1 tx=0\n");
    assert_false(db_in_read(r->db)); /* ended when the handler returned */
    r = send_request(fx, "HEAD", "/db-state", NULL, NULL, NULL);
    assert_string_equal(body(r), "read=1 tx=0\n");
    assert_false(db_in_read(r->db));
}

static void test_dispatch_post_handler_runs_outside_a_read_transaction(void **state)
{
    struct fixture *fx = *state;
    fx->app.pool = db_pool_new(":memory:");
    struct req *r = send_request(fx, "POST", "/db-state", NULL, NULL, NULL);
    assert_int_equal(r->resp.status, 200);
    assert_string_equal(body(r), "read=0 tx=0\n");
}

static void test_dispatch_failing_get_handler_ends_its_read_transaction(void **state)
{
    struct fixture *fx = *state;
    fx->app.pool = db_pool_new(":memory:");
    struct req *r = get(fx, "/db-state-fails", NULL);
    assert_int_equal(r->resp.status, 404);
    assert_false(db_in_read(r->db));
    r = get(fx, "/db-state", NULL); /* the thread's connection is clean */
    assert_string_equal(body(r), "read=1 tx=0\n");
}

struct one_request {
    struct fixture *fx;
    const char *method, *path;
};

static void send_one(void *arg)
{
    struct one_request *o = arg;
    send_request(o->fx, o->method, o->path, NULL, NULL, NULL);
}

static void test_dispatch_write_transaction_in_get_handler_aborts(void **state)
{
    struct fixture *fx = *state;
    fx->app.pool = db_pool_new(":memory:");
    struct buf err = BUF_INIT;
    struct one_request in_get = {fx, "GET", "/writes-in-get"};
    assert_true(dies_with_abort(send_one, &in_get, &err));
    assert_non_null(strstr(buf_cstr(&err), "inside a read transaction"));
    buf_free(&err);
    struct one_request in_post = {fx, "POST", "/writes-in-post"};
    assert_false(dies_with_abort(send_one, &in_post, NULL)); /* a POST may write */
}

static void test_dispatch_body_limit_follows_route_and_config(void **state)
{
    struct fixture *fx = *state;
    struct arena *a = arena_new();
    assert_int_equal(dispatch_body_limit(table, &fx->cfg, "/api/v1/notes", HTTP_POST, a), 32);
    assert_int_equal(dispatch_body_limit(table, &fx->cfg, "/notes", HTTP_POST, a), 128);
    assert_int_equal(dispatch_body_limit(table, NULL, "/nowhere", HTTP_POST, a),
                     DISPATCH_DEFAULT_MAX_BODY);
    arena_free(a);
}

static void test_dispatch_method_names(void **state)
{
    assert_int_equal(dispatch_method("GET"), HTTP_GET);
    assert_int_equal(dispatch_method("DELETE"), HTTP_DELETE);
    assert_int_equal(dispatch_method("get"), 0);
    assert_int_equal(dispatch_method("OPTIONS"), 0);
    assert_int_equal(dispatch_method(NULL), 0);
}

int main(void)
{
    FILE *quiet = fopen("/dev/null", "w"); /* the 503 path logs; keep the TAP clean */
    log_set_stream(quiet);
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        TEST(test_dispatch_runs_handler_with_validated_fields),
        TEST(test_dispatch_decodes_path_params_into_fields),
        TEST(test_dispatch_unknown_path_is_404_html),
        TEST(test_dispatch_unknown_api_path_is_404_json),
        TEST(test_dispatch_wrong_method_is_405_with_allow),
        TEST(test_dispatch_head_runs_the_get_handler),
        TEST(test_dispatch_missing_required_field_is_400),
        TEST(test_dispatch_duplicate_field_is_400),
        TEST(test_dispatch_int_overflow_is_400),
        TEST(test_dispatch_negative_below_min_is_400),
        TEST(test_dispatch_choice_not_listed_is_400),
        TEST(test_dispatch_malformed_code_is_400),
        TEST(test_dispatch_text_too_long_by_characters_is_400),
        TEST(test_dispatch_post_takes_fields_from_the_form_not_the_query),
        TEST(test_dispatch_json_body_fields),
        TEST(test_dispatch_json_body_must_be_an_object),
        TEST(test_dispatch_body_over_limit_is_413),
        TEST(test_dispatch_body_dropped_by_the_server_is_413),
        TEST(test_dispatch_wrong_content_type_is_415),
        TEST(test_dispatch_ambiguous_framing_is_400_and_closes),
        TEST(test_dispatch_malformed_query_is_400),
        TEST(test_dispatch_lang_query_sets_cookie_and_wins),
        TEST(test_dispatch_lang_from_cookie_then_accept_language),
        TEST(test_dispatch_need_login_page_sends_to_sign_in),
        TEST(test_dispatch_need_csrf_is_refused_with_403),
        TEST(test_dispatch_handler_error_discards_body_and_headers),
        TEST(test_dispatch_handler_error_without_fault_gets_general_message),
        TEST(test_dispatch_every_response_has_security_headers),
        TEST(test_dispatch_handler_cache_control_is_kept),
        TEST(test_dispatch_without_database_is_503),
        TEST(test_dispatch_gets_the_database_connection),
        TEST(test_dispatch_get_and_head_handlers_run_in_a_read_transaction),
        TEST(test_dispatch_post_handler_runs_outside_a_read_transaction),
        TEST(test_dispatch_failing_get_handler_ends_its_read_transaction),
        TEST(test_dispatch_write_transaction_in_get_handler_aborts),
        TEST(test_dispatch_body_limit_follows_route_and_config),
        TEST(test_dispatch_method_names),
    };
#undef TEST
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    log_set_stream(NULL);
    if (quiet)
        fclose(quiet);
    return failed;
}
