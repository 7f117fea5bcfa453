/* API tests of accounts and sessions over real HTTP: sign-up, sign-in, /me
 * and sign-out; the session cookie's name and flags (plain HTTP, and HTTPS
 * through a trusted proxy); a new token at every sign-in; CSRF token and
 * Origin checks; login-only routes; wrong passwords and bad sign-ups; the
 * sign-in rate limit and its cool-down; a password change ending the other
 * sessions; another person's session id; the page forms. A second server on
 * the same database (--trust-proxy, a short sign-in window) also shows that
 * every process shares the server key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/buf.h"
#include "core/mem.h"
#include "harness.h"

#define PASSWORD "correct horse battery staple"
#define WINDOW "3" /* the peer's sign-in window, seconds */

struct fixture {
    struct harness *h;    /* plain HTTP, defaults */
    struct harness *peer; /* same database: --trust-proxy --signin-window 3 */
};

/* A client: its cookies and CSRF token, and how it reaches the server. */
struct client {
    const struct harness *h;
    bool https; /* says X-Forwarded-Proto: https */
    char session[128];
    char csrf_cookie[128];
    char csrf[128];
    const char *origin; /* NULL: the server's own; "" none */
};

static const char *cookie_name(const struct client *c, bool session)
{
    if (session)
        return c->https ? "__Host-wr_session" : "wr_session";
    return c->https ? "__Host-wr_csrf" : "wr_csrf";
}

/* Takes name=value from every Set-Cookie of resp into the client. */
static void absorb_cookies(struct client *c, const struct http_resp *resp)
{
    for (size_t i = 0; i < resp->nheaders; i++) {
        if (strcasecmp(resp->headers[i].name, "Set-Cookie") != 0)
            continue;
        const char *v = resp->headers[i].value;
        const char *eq = strchr(v, '='), *end = strchr(v, ';');
        if (!eq || !end || eq > end)
            continue;
        char *slot = strncmp(v, cookie_name(c, true), (size_t)(eq - v)) == 0    ? c->session
                     : strncmp(v, cookie_name(c, false), (size_t)(eq - v)) == 0 ? c->csrf_cookie
                                                                                : NULL;
        if (slot)
            snprintf(slot, 128, "%.*s", (int)(end - eq - 1), eq + 1);
    }
    const char *token = json_string_value(json_object_get(resp->json, "csrf_token"));
    if (token)
        snprintf(c->csrf, sizeof c->csrf, "%s", token);
}

/* One request as the client; body is JSON (or a form when it does not
 * start with '{'). */
static long send(struct client *c, const char *method, const char *path, const char *body,
                 struct http_resp *resp)
{
    char cookie[400], origin[200], token[200], proto[64];
    snprintf(cookie, sizeof cookie, "Cookie: %s=%s; %s=%s", cookie_name(c, true), c->session,
             cookie_name(c, false), c->csrf_cookie);
    if (c->origin)
        snprintf(origin, sizeof origin, "Origin: %s", c->origin);
    else
        snprintf(origin, sizeof origin, "Origin: %s://127.0.0.1:%d", c->https ? "https" : "http",
                 c->h->port);
    snprintf(token, sizeof token, "X-CSRF-Token: %s", c->csrf);
    snprintf(proto, sizeof proto, "X-Forwarded-Proto: %s", c->https ? "https" : "http");
    const char *headers[6] = {cookie, proto};
    size_t n = 2;
    if (!c->origin || *c->origin)
        headers[n++] = origin;
    if (*c->csrf)
        headers[n++] = token;
    if (body)
        headers[n++] = *body == '{' ? "Content-Type: application/json"
                                    : "Content-Type: application/x-www-form-urlencoded";
    headers[n] = NULL;
    assert_true(harness_request(c->h, method, path, headers, body, body ? strlen(body) : 0, resp));
    absorb_cookies(c, resp);
    return resp->status;
}

/* send() that asserts the status and frees the response. */
static void expect(struct client *c, const char *method, const char *path, const char *body,
                   long status)
{
    struct http_resp resp;
    long got = send(c, method, path, body, &resp);
    if (got != status)
        fail_msg("%s %s -> %ld, expected %ld: %s", method, path, got, status, buf_cstr(&resp.body));
    http_resp_free(&resp);
}

static struct client client_of(const struct harness *h)
{
    struct client c = {.h = h};
    struct http_resp resp;
    assert_int_equal(send(&c, "GET", "/api/v1/session", NULL, &resp), 200);
    assert_false(json_is_true(json_object_get(resp.json, "signed_in")));
    assert_int_equal(strlen(c.csrf), 64);
    http_resp_free(&resp);
    return c;
}

/* A client whose session ended asks for a fresh pre-session token. */
static void refresh_csrf(struct client *c)
{
    expect(c, "GET", "/api/v1/session", NULL, 200);
}

static void sign_up(struct client *c, const char *email)
{
    char body[400];
    snprintf(body, sizeof body,
             "{\"email\": \"%s\", \"display_name\": \"Tester\", \"password\": \"" PASSWORD "\"}",
             email);
    expect(c, "POST", "/api/v1/people", body, 201);
}

static long sign_in(struct client *c, const char *email, const char *password)
{
    char body[400];
    snprintf(body, sizeof body, "{\"email\": \"%s\", \"password\": \"%s\"}", email, password);
    struct http_resp resp;
    long status = send(c, "POST", "/api/v1/session", body, &resp);
    http_resp_free(&resp);
    return status;
}

/* A signed-up and signed-in client. */
static struct client person(const struct harness *h, const char *email)
{
    struct client c = client_of(h);
    sign_up(&c, email);
    assert_int_equal(sign_in(&c, email, PASSWORD), 201);
    return c;
}

static int64_t my_session_id(struct client *c)
{
    struct http_resp resp;
    assert_int_equal(send(c, "GET", "/api/v1/me", NULL, &resp), 200);
    int64_t id = json_integer_value(json_object_get(json_object_get(resp.json, "session"), "id"));
    http_resp_free(&resp);
    assert_true(id > 0);
    return id;
}

/* The Set-Cookie header for the named cookie, or NULL. */
static const char *set_cookie(const struct http_resp *resp, const char *name)
{
    for (size_t i = 0; i < resp->nheaders; i++)
        if (strcasecmp(resp->headers[i].name, "Set-Cookie") == 0 &&
            strncmp(resp->headers[i].value, name, strlen(name)) == 0 &&
            resp->headers[i].value[strlen(name)] == '=')
            return resp->headers[i].value;
    return NULL;
}

static void test_sign_up_sign_in_me_sign_out(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_of(fx->h);
    sign_up(&c, "flow@example.nl");
    struct http_resp resp;
    assert_int_equal(send(&c, "POST", "/api/v1/session",
                          "{\"email\": \"Flow@Example.NL\", \"password\": \"" PASSWORD "\"}",
                          &resp),
                     201);
    json_t *p = json_object_get(resp.json, "person");
    assert_string_equal(json_string_value(json_object_get(p, "email")), "flow@example.nl");
    assert_string_equal(json_string_value(json_object_get(p, "display_name")), "Tester");
    http_resp_free(&resp);
    assert_int_equal(send(&c, "GET", "/api/v1/me", NULL, &resp), 200);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(resp.json, "person"), "email")),
        "flow@example.nl");
    http_resp_free(&resp);
    expect(&c, "DELETE", "/api/v1/session", NULL, 204);
    expect(&c, "GET", "/api/v1/me", NULL, 401);
}

static void test_session_cookie_flags_on_plain_http(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_of(fx->h);
    sign_up(&c, "flags@example.nl");
    c.https = false;
    struct http_resp resp;
    assert_int_equal(send(&c, "POST", "/api/v1/session",
                          "{\"email\": \"flags@example.nl\", \"password\": \"" PASSWORD "\"}",
                          &resp),
                     201);
    const char *sc = set_cookie(&resp, "wr_session");
    assert_non_null(sc);
    assert_non_null(strstr(sc, "; HttpOnly"));
    assert_non_null(strstr(sc, "; SameSite=Lax"));
    assert_non_null(strstr(sc, "; Path=/"));
    assert_null(strstr(sc, "Secure"));
    assert_null(set_cookie(&resp, "__Host-wr_session"));
    http_resp_free(&resp);
}

static void test_untrusted_forwarded_proto_gives_no_secure_cookie(void **state)
{
    struct fixture *fx = *state;
    /* The first server does not trust proxies: X-Forwarded-Proto is ignored. */
    struct client c = {.h = fx->h, .https = true};
    struct http_resp resp;
    assert_int_equal(send(&c, "GET", "/api/v1/session", NULL, &resp), 200);
    assert_null(set_cookie(&resp, "__Host-wr_csrf"));
    const char *sc = set_cookie(&resp, "wr_csrf");
    assert_non_null(sc);
    assert_null(strstr(sc, "Secure"));
    http_resp_free(&resp);
}

static void test_trusted_proxy_https_gives_host_cookie_with_secure(void **state)
{
    struct fixture *fx = *state;
    struct client c = {.h = fx->peer, .https = true};
    struct http_resp resp;
    assert_int_equal(send(&c, "GET", "/api/v1/session", NULL, &resp), 200);
    assert_non_null(set_cookie(&resp, "__Host-wr_csrf"));
    http_resp_free(&resp);
    sign_up(&c, "proxy@example.nl");
    assert_int_equal(send(&c, "POST", "/api/v1/session",
                          "{\"email\": \"proxy@example.nl\", \"password\": \"" PASSWORD "\"}",
                          &resp),
                     201);
    const char *sc = set_cookie(&resp, "__Host-wr_session");
    assert_non_null(sc);
    assert_non_null(strstr(sc, "; Secure"));
    assert_non_null(strstr(sc, "; HttpOnly"));
    assert_non_null(strstr(sc, "; SameSite=Lax"));
    assert_non_null(strstr(sc, "; Path=/"));
    assert_null(strstr(sc, "Domain"));
    http_resp_free(&resp);
    expect(&c, "GET", "/api/v1/me", NULL, 200);
}

static void test_every_sign_in_gets_a_new_token(void **state)
{
    struct fixture *fx = *state;
    struct client c = person(fx->h, "tokens@example.nl");
    char first[128], first_csrf[128];
    snprintf(first, sizeof first, "%s", c.session);
    snprintf(first_csrf, sizeof first_csrf, "%s", c.csrf);
    int64_t first_id = my_session_id(&c);
    assert_int_equal(sign_in(&c, "tokens@example.nl", PASSWORD), 201);
    assert_string_not_equal(first, c.session);
    assert_string_not_equal(first_csrf, c.csrf);
    assert_true(my_session_id(&c) != first_id);
    /* Signing in again ended the session the client had. */
    struct client old = c;
    snprintf(old.session, sizeof old.session, "%s", first);
    expect(&old, "GET", "/api/v1/me", NULL, 401);
}

static void test_write_without_csrf_token_is_403(void **state)
{
    struct fixture *fx = *state;
    struct client c = person(fx->h, "csrf1@example.nl");
    c.csrf[0] = '\0';
    struct http_resp resp;
    assert_int_equal(send(&c, "DELETE", "/api/v1/session", NULL, &resp), 403);
    assert_string_equal(json_string_value(json_object_get(resp.json, "error")), "forbidden");
    http_resp_free(&resp);
}

static void test_write_with_wrong_token_is_403(void **state)
{
    struct fixture *fx = *state;
    struct client c = person(fx->h, "csrf2@example.nl");
    c.csrf[0] = c.csrf[0] == 'a' ? 'b' : 'a';
    expect(&c, "DELETE", "/api/v1/session", NULL, 403);
}

static void test_write_from_another_origin_is_403(void **state)
{
    struct fixture *fx = *state;
    struct client c = person(fx->h, "csrf3@example.nl");
    c.origin = "http://evil.example";
    expect(&c, "DELETE", "/api/v1/session", NULL, 403);
    c.origin = ""; /* neither Origin nor Referer: refused on the API */
    expect(&c, "DELETE", "/api/v1/session", NULL, 403);
    c.origin = NULL;
    expect(&c, "GET", "/api/v1/me", NULL, 200); /* still signed in */
    expect(&c, "DELETE", "/api/v1/session", NULL, 204);
}

static void test_login_only_routes_refuse_strangers(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_of(fx->h);
    expect(&c, "GET", "/api/v1/me", NULL, 401);
    expect(&c, "GET", "/api/v1/me/sessions", NULL, 401);
    struct http_resp resp;
    assert_int_equal(send(&c, "GET", "/account/sessions", NULL, &resp), 303);
    assert_string_equal(http_resp_header(&resp, "Location"), "/sign-in?next=%2Faccount%2Fsessions");
    http_resp_free(&resp);
}

static void test_wrong_password_is_401(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_of(fx->h);
    sign_up(&c, "wrong@example.nl");
    assert_int_equal(sign_in(&c, "wrong@example.nl", "not the password at all"), 401);
    assert_int_equal(sign_in(&c, "nobody@example.nl", PASSWORD), 401);
    assert_string_equal(c.session, "");
    expect(&c, "GET", "/api/v1/me", NULL, 401);
}

static void expect_field(struct client *c, const char *body, long status, const char *field)
{
    struct http_resp resp;
    assert_int_equal(send(c, "POST", "/api/v1/people", body, &resp), status);
    assert_string_equal(json_string_value(json_object_get(resp.json, "field")), field);
    http_resp_free(&resp);
}

static void test_bad_sign_ups_are_refused(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_of(fx->h);
    sign_up(&c, "dup@example.nl");
    expect_field(&c,
                 "{\"email\": \"DUP@example.nl\", \"display_name\": \"X\", \"password\": "
                 "\"" PASSWORD "\"}",
                 409, "email");
    expect_field(&c,
                 "{\"email\": \"not-an-address\", \"display_name\": \"X\", \"password\": "
                 "\"" PASSWORD "\"}",
                 400, "email");
    expect_field(&c,
                 "{\"email\": \"short@example.nl\", \"display_name\": \"X\", \"password\": "
                 "\"too short\"}",
                 400, "password");
    expect_field(&c,
                 "{\"email\": \"common@example.nl\", \"display_name\": \"X\", \"password\": "
                 "\"password1234\"}",
                 400, "password");
    /* Nothing was made: these addresses can still sign up. */
    sign_up(&c, "short@example.nl");
}

static void test_role_fields_in_sign_up_are_ignored(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_of(fx->h);
    expect(&c, "POST", "/api/v1/people",
           "{\"email\": \"role@example.nl\", \"display_name\": \"R\", \"password\": \"" PASSWORD
           "\", \"role\": \"platform_admin\", \"capacity\": \"moderator\", \"person_id\": 1,"
           " \"id\": 1}",
           201);
    assert_int_equal(sign_in(&c, "role@example.nl", PASSWORD), 201);
    struct http_resp resp;
    assert_int_equal(send(&c, "GET", "/api/v1/me", NULL, &resp), 200);
    assert_true(json_is_null(json_object_get(resp.json, "capacity")));
    json_int_t id = json_integer_value(json_object_get(json_object_get(resp.json, "person"), "id"));
    assert_true(id > 1);
    http_resp_free(&resp);
}

static void test_password_change_ends_other_sessions(void **state)
{
    struct fixture *fx = *state;
    struct client a = person(fx->h, "change@example.nl");
    struct client b = client_of(fx->h);
    assert_int_equal(sign_in(&b, "change@example.nl", PASSWORD), 201);
    expect(&a, "POST", "/api/v1/me/password",
           "{\"current_password\": \"wrong wrong wrong\", \"new_password\": \"a new long "
           "passphrase\"}",
           400);
    expect(&b, "GET", "/api/v1/me", NULL, 200); /* a failed change ends nothing */
    expect(&a, "POST", "/api/v1/me/password",
           "{\"current_password\": \"" PASSWORD "\", \"new_password\": \"a new long passphrase\"}",
           204);
    expect(&a, "GET", "/api/v1/me", NULL, 200);
    expect(&b, "GET", "/api/v1/me", NULL, 401);
    refresh_csrf(&b);
    assert_int_equal(sign_in(&b, "change@example.nl", PASSWORD), 401);
    assert_int_equal(sign_in(&b, "change@example.nl", "a new long passphrase"), 201);
}

static void test_sessions_list_marks_the_current_one(void **state)
{
    struct fixture *fx = *state;
    struct client a = person(fx->h, "list@example.nl");
    struct client b = client_of(fx->h);
    assert_int_equal(sign_in(&b, "list@example.nl", PASSWORD), 201);
    struct http_resp resp;
    assert_int_equal(send(&a, "GET", "/api/v1/me/sessions", NULL, &resp), 200);
    json_t *items = json_object_get(resp.json, "items");
    assert_int_equal(json_array_size(items), 2);
    int current = 0;
    size_t i;
    json_t *s;
    json_array_foreach(items, i, s) current += json_is_true(json_object_get(s, "current"));
    assert_int_equal(current, 1);
    http_resp_free(&resp);
    char path[64];
    snprintf(path, sizeof path, "/api/v1/me/sessions/%lld", (long long)my_session_id(&b));
    expect(&a, "DELETE", path, NULL, 204);
    expect(&b, "GET", "/api/v1/me", NULL, 401);
}

static void test_another_persons_session_is_404(void **state)
{
    struct fixture *fx = *state;
    struct client a = person(fx->h, "owner-a@example.nl");
    struct client b = person(fx->h, "owner-b@example.nl");
    char path[64];
    snprintf(path, sizeof path, "/api/v1/me/sessions/%lld", (long long)my_session_id(&b));
    expect(&a, "DELETE", path, NULL, 404);
    expect(&a, "DELETE", "/api/v1/me/sessions/999999999", NULL, 404);
    expect(&b, "GET", "/api/v1/me", NULL, 200);
    /* The page route answers the same. */
    char form[200];
    snprintf(path, sizeof path, "/account/sessions/%lld/end", (long long)my_session_id(&b));
    snprintf(form, sizeof form, "csrf=%s", a.csrf);
    expect(&a, "POST", path, form, 404);
    expect(&b, "GET", "/api/v1/me", NULL, 200);
}

static void sleep_s(long s)
{
    struct timespec ts = {s, 0};
    nanosleep(&ts, NULL);
}

static void test_sign_in_rate_limit_and_cool_down(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_of(fx->peer);
    sign_up(&c, "limited@example.nl");
    long status = 0;
    struct http_resp resp = {0};
    for (int i = 0; i < 30 && status != 429; i++) {
        http_resp_free(&resp);
        status =
            send(&c, "POST", "/api/v1/session",
                 "{\"email\": \"limited@example.nl\", \"password\": \"wrong password!\"}", &resp);
        assert_true(status == 401 || status == 429);
    }
    assert_int_equal(status, 429);
    const char *retry = http_resp_header(&resp, "Retry-After");
    assert_non_null(retry);
    long wait = atol(retry);
    assert_true(wait >= 1 && wait <= atol(WINDOW));
    assert_string_equal(json_string_value(json_object_get(resp.json, "error")), "rate_limited");
    http_resp_free(&resp);
    /* Over the limit even the right password waits. */
    long now_status = sign_in(&c, "limited@example.nl", PASSWORD);
    assert_true(now_status == 429 || now_status == 201);
    if (now_status == 429) {
        sleep_s(atol(WINDOW) + 1);
        assert_int_equal(sign_in(&c, "limited@example.nl", PASSWORD), 201);
    }
}

static void test_sign_in_page_shows_429_with_retry_time(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_of(fx->peer);
    sign_up(&c, "limited-page@example.nl");
    long status = 0;
    struct http_resp resp = {0};
    char form[300];
    snprintf(form, sizeof form, "csrf=%s&email=limited-page%%40example.nl&password=nope", c.csrf);
    for (int i = 0; i < 30 && status != 429; i++) {
        http_resp_free(&resp);
        status = send(&c, "POST", "/sign-in?lang=en", form, &resp);
    }
    assert_int_equal(status, 429);
    assert_non_null(http_resp_header(&resp, "Retry-After"));
    assert_non_null(strstr(buf_cstr(&resp.body), "try again in"));
    assert_non_null(strstr(buf_cstr(&resp.body), "limited-page@example.nl")); /* kept */
    assert_null(strstr(buf_cstr(&resp.body), "value=\"nope\""));              /* never */
    http_resp_free(&resp);
}

static void test_servers_share_the_server_key(void **state)
{
    struct fixture *fx = *state;
    struct client a = person(fx->h, "shared@example.nl");
    struct client on_peer = a;
    on_peer.h = fx->peer;
    expect(&on_peer, "GET", "/api/v1/me", NULL, 200);
    expect(&on_peer, "DELETE", "/api/v1/session", NULL, 204);
    expect(&a, "GET", "/api/v1/me", NULL, 401);
}

static void test_sign_up_form_keeps_input_and_shows_field_error(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_of(fx->h);
    char form[400];
    snprintf(form, sizeof form,
             "csrf=%s&email=form%%40example.nl&display_name=Fee&password=" PASSWORD
             "&password2=something+else+entirely",
             c.csrf);
    struct http_resp resp;
    assert_int_equal(send(&c, "POST", "/sign-up", form, &resp), 400);
    const char *html = buf_cstr(&resp.body);
    assert_non_null(strstr(html, "id=\"password2-error\""));
    assert_non_null(strstr(html, "aria-describedby=\"password2-error\" aria-invalid=\"true\""));
    assert_non_null(strstr(html, "value=\"form@example.nl\""));
    assert_non_null(strstr(html, "value=\"Fee\""));
    assert_null(strstr(html, "correct horse"));
    http_resp_free(&resp);
    /* The same form without its token is refused before anything else. */
    snprintf(form, sizeof form,
             "email=form%%40example.nl&display_name=Fee&password=" PASSWORD "&password2=" PASSWORD);
    c.csrf[0] = '\0';
    expect(&c, "POST", "/sign-up", form, 403);
}

static void test_sign_up_form_signs_in_and_redirects(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_of(fx->h);
    char form[400];
    snprintf(form, sizeof form,
             "csrf=%s&email=page%%40example.nl&display_name=Page&password=" PASSWORD
             "&password2=" PASSWORD "&role=platform_admin",
             c.csrf);
    struct http_resp resp;
    assert_int_equal(send(&c, "POST", "/sign-up", form, &resp), 303);
    assert_string_equal(http_resp_header(&resp, "Location"), "/account");
    http_resp_free(&resp);
    assert_int_equal(send(&c, "GET", "/account", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "page@example.nl"));
    http_resp_free(&resp);
}

static void test_password_reset_answers_alike_for_any_address(void **state)
{
    struct fixture *fx = *state;
    struct client c = client_of(fx->h);
    sign_up(&c, "reset@example.nl");
    char form[200];
    const char *emails[] = {"reset%40example.nl", "no-account%40example.nl"};
    char location[2][200];
    for (int i = 0; i < 2; i++) {
        snprintf(form, sizeof form, "csrf=%s&email=%s", c.csrf, emails[i]);
        struct http_resp resp;
        assert_int_equal(send(&c, "POST", "/password-reset", form, &resp), 303);
        snprintf(location[i], sizeof location[i], "%s", http_resp_header(&resp, "Location"));
        http_resp_free(&resp);
    }
    assert_string_equal(location[0], location[1]);
    snprintf(form, sizeof form, "csrf=%s&email=not-an-address", c.csrf);
    expect(&c, "POST", "/password-reset", form, 400);
}

static int group_setup(void **state)
{
    setenv("WIJKREGIE_FAST_HASH", "1", 1); /* the servers inherit it */
    struct fixture *fx = xcalloc(1, sizeof *fx);
    fx->h = harness_start();
    const char *const extra[] = {"--trust-proxy", "--signin-window", WINDOW, NULL};
    fx->peer = fx->h ? harness_start_peer(fx->h, extra) : NULL;
    *state = fx;
    return fx->h && fx->peer ? 0 : -1;
}

static int group_teardown(void **state)
{
    struct fixture *fx = *state;
    bool clean = harness_stop(fx->peer);
    clean = harness_stop(fx->h) && clean;
    free(fx);
    return clean ? 0 : -1;
}

static void test_servers_stop_cleanly_on_sigterm(void **state)
{
    struct fixture *fx = *state;
    assert_true(harness_stop_server(fx->peer));
    assert_true(harness_stop_server(fx->h));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sign_up_sign_in_me_sign_out),
        cmocka_unit_test(test_session_cookie_flags_on_plain_http),
        cmocka_unit_test(test_untrusted_forwarded_proto_gives_no_secure_cookie),
        cmocka_unit_test(test_trusted_proxy_https_gives_host_cookie_with_secure),
        cmocka_unit_test(test_every_sign_in_gets_a_new_token),
        cmocka_unit_test(test_write_without_csrf_token_is_403),
        cmocka_unit_test(test_write_with_wrong_token_is_403),
        cmocka_unit_test(test_write_from_another_origin_is_403),
        cmocka_unit_test(test_login_only_routes_refuse_strangers),
        cmocka_unit_test(test_wrong_password_is_401),
        cmocka_unit_test(test_bad_sign_ups_are_refused),
        cmocka_unit_test(test_role_fields_in_sign_up_are_ignored),
        cmocka_unit_test(test_password_change_ends_other_sessions),
        cmocka_unit_test(test_sessions_list_marks_the_current_one),
        cmocka_unit_test(test_another_persons_session_is_404),
        cmocka_unit_test(test_sign_in_rate_limit_and_cool_down),
        cmocka_unit_test(test_sign_in_page_shows_429_with_retry_time),
        cmocka_unit_test(test_servers_share_the_server_key),
        cmocka_unit_test(test_sign_up_form_keeps_input_and_shows_field_error),
        cmocka_unit_test(test_sign_up_form_signs_in_and_redirects),
        cmocka_unit_test(test_password_reset_answers_alike_for_any_address),
        cmocka_unit_test(test_servers_stop_cleanly_on_sigterm),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
