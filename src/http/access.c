/* Sessions, login, CSRF and the write quota for the dispatcher (see
 * access.h for the rules and why they are what they are). */
#include "http/access.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/ratelimit.h"
#include "model/session.h"
#include "model/token.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/signin.h"

/* The pre-session CSRF cookie lives two hours: long enough to fill in a
 * form, short enough not to linger. */
enum { CSRF_COOKIE_MAX_AGE = 2 * 3600 };

static const char *cookie(const struct req *r, const char *name)
{
    for (size_t i = 0; i < r->cookies.n; i++)
        if (strcmp(r->cookies.items[i].key, name) == 0)
            return r->cookies.items[i].value;
    return NULL;
}

static bool has_secret(const struct req *r)
{
    return r->app && r->app->secret && r->app->secret_len >= 16 && r->app->secret_len <= 64;
}

static bool request_secure(const struct req *r, const struct http_request *hr)
{
    const char *proto = dispatch_header(&hr->headers, "X-Forwarded-Proto");
    return r->app && r->app->cfg && r->app->cfg->trust_proxy && proto &&
           strcasecmp(proto, "https") == 0;
}

/* The raw token behind the request's CSRF token: the session cookie's for a
 * signed-in request, else the pre-session cookie's (NULL when absent). */
static const char *csrf_base(const struct req *r)
{
    if (r->session)
        return cookie(r, signin_session_cookie(r->secure));
    const char *pre = cookie(r, signin_csrf_cookie(r->secure));
    return pre && token_well_formed(pre) ? pre : NULL;
}

/* r->csrf_token, and a new pre-session cookie when there is none yet. */
static void prepare_csrf_token(struct req *r)
{
    if (!has_secret(r))
        return;
    const char *base = csrf_base(r);
    if (!base) {
        base = token_new(r->arena);
        r->csrf_cookie = signin_cookie(r, signin_csrf_cookie(r->secure), base, CSRF_COOKIE_MAX_AGE);
    }
    r->csrf_token = session_csrf_token(r->arena, base, r->app->secret, r->app->secret_len);
}

/* The session of the session cookie, if it is live. An unknown or expired
 * one is dropped (and its cookie deleted); its fault stays in r->fault for
 * access_check_login to tell why. */
static enum err load_session(struct req *r)
{
    const char *token = cookie(r, signin_session_cookie(r->secure));
    if (!token || !*token)
        return ERR_OK;
    struct session_policy pol = signin_session_policy(r->app ? r->app->cfg : NULL);
    struct session *s = arena_alloc(r->arena, sizeof *s);
    enum err e = session_lookup(r->db, r->arena, token, &pol, r->actor.now, s, &r->fault);
    if (e == ERR_UNAUTHORIZED) {
        signin_clear_cookie(r);
        return ERR_OK;
    }
    if (e != ERR_OK)
        return e;
    r->fault = (struct fault){0};
    r->session = s;
    r->actor.person_id = s->person_id;
    r->actor.capacity = s->capacity;
    return ERR_OK;
}

enum err access_identify(struct req *r, const struct route *rt, const struct http_request *hr)
{
    r->secure = request_secure(r, hr);
    r->user_agent = dispatch_header(&hr->headers, "User-Agent");
    r->actor = (struct actor){.request_id = r->request_id, .now = clock_now()};
    if (!r->db)
        return ERR_OK;
    enum err e = load_session(r);
    if (e == ERR_OK)
        prepare_csrf_token(r);
    return e;
}

enum err access_check_login(struct req *r, const struct route *rt)
{
    if (!(rt->flags & ROUTE_NEED_LOGIN) || r->session)
        return ERR_OK;
    if (r->fault.code == ERR_UNAUTHORIZED && r->fault.msgid)
        return ERR_UNAUTHORIZED; /* the expired session's message */
    return req_fail(r, ERR_UNAUTHORIZED, NULL, N_("Please sign in first."));
}

/* Whether s starts with prefix, ignoring ASCII case, followed by end or
 * one of the characters in next. */
static bool starts_with_origin(const char *s, const char *origin, const char *next)
{
    size_t n = strlen(origin);
    return strncasecmp(s, origin, n) == 0 && (s[n] == '\0' || strchr(next, s[n]));
}

/* Origin (or Referer) against scheme://Host; see access.h for the case of
 * neither. */
static bool origin_ok(struct req *r, const struct route *rt, const struct http_request *hr)
{
    const char *host = dispatch_header(&hr->headers, "Host");
    const char *origin = dispatch_header(&hr->headers, "Origin");
    const char *referer = dispatch_header(&hr->headers, "Referer");
    if (!host || !*host)
        return false;
    const char *own = arena_printf(r->arena, "%s://%s", r->secure ? "https" : "http", host);
    if (origin)
        return strcasecmp(origin, own) == 0;
    if (referer)
        return starts_with_origin(referer, own, "/?#");
    return !(rt->flags & ROUTE_JSON);
}

static const char *sent_token(const struct req *r, const struct http_request *hr)
{
    const char *h = dispatch_header(&hr->headers, "X-CSRF-Token");
    if (h)
        return h;
    for (size_t i = 0; i < r->form.n; i++)
        if (strcmp(r->form.items[i].key, "csrf") == 0)
            return r->form.items[i].value;
    return NULL;
}

static enum err write_quota(struct req *r)
{
    if (!r->session || !r->db)
        return ERR_OK;
    const char *key = arena_printf(r->arena, "write:session:%lld", (long long)r->session->id);
    int64_t retry = 0;
    enum err e = ratelimit_hit(r->db, r->arena, key, ACCESS_WRITE_WINDOW, ACCESS_WRITE_LIMIT,
                               r->actor.now, &retry, &r->fault);
    if (e == ERR_RATE_LIMITED)
        r->retry_after = retry;
    return e;
}

enum err access_check_write(struct req *r, const struct route *rt, const struct http_request *hr)
{
    if (!(rt->flags & ROUTE_NEED_CSRF))
        return ERR_OK;
    const char *base = has_secret(r) ? csrf_base(r) : NULL;
    if (!base || !session_csrf_check(base, r->app->secret, r->app->secret_len, sent_token(r, hr)))
        return req_fail(r, ERR_FORBIDDEN, "csrf",
                        N_("This form could not be verified; reload the page and try again."));
    if (!origin_ok(r, rt, hr))
        return req_fail(r, ERR_FORBIDDEN, NULL,
                        N_("This request comes from another site and was refused."));
    return write_quota(r);
}

void access_redirect_to_signin(struct req *r)
{
    struct buf target = BUF_INIT;
    buf_puts(&target, "/sign-in?next=");
    url_arg(&target, r->path ? r->path : "/");
    const char *href = arena_strdup(r->arena, buf_cstr(&target));
    buf_free(&target);
    buf_reset(&r->resp.body);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Sign in required"));
    html_fmt(&r->resp.body, "<h1>%s</h1>\n<p><a href=\"", T(r, "Sign in required"));
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Sign in to continue"));
    layout_end(r);
}
