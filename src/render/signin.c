/* Signing in and out on a request: cookies, policies from the
 * configuration, and the session calls of model/session.h (see signin.h). */
#include "render/signin.h"

#include <string.h>

#include "core/arena.h"
#include "render/req.h"

struct session_policy signin_session_policy(const struct config *cfg)
{
    struct session_policy pol = SESSION_POLICY_DEFAULT;
    if (cfg && cfg->session_idle > 0)
        pol.idle_seconds = cfg->session_idle;
    if (cfg && cfg->session_max > 0)
        pol.absolute_seconds = cfg->session_max;
    return pol;
}

struct signin_limits signin_limits(const struct config *cfg)
{
    struct signin_limits lim = SIGNIN_LIMITS_DEFAULT;
    if (cfg && cfg->signin_window > 0)
        lim.window_seconds = cfg->signin_window;
    return lim;
}

const char *signin_session_cookie(bool secure)
{
    return secure ? "__Host-wr_session" : "wr_session";
}

const char *signin_csrf_cookie(bool secure)
{
    return secure ? "__Host-wr_csrf" : "wr_csrf";
}

const char *signin_cookie(struct req *r, const char *name, const char *value, int64_t max_age)
{
    return arena_printf(r->arena, "%s=%s; Path=/; Max-Age=%lld; HttpOnly; SameSite=Lax%s", name,
                        value, (long long)max_age, r->secure ? "; Secure" : "");
}

/* Ends the request's session, if any; the cookie is left to the caller. */
static enum err end_current(struct req *r)
{
    if (!r->session)
        return ERR_OK;
    enum err e = session_end(r->db, r->session->person_id, r->session->id, &r->actor, &r->fault);
    if (e != ERR_OK && e != ERR_NOT_FOUND)
        return e;
    r->fault = (struct fault){0};
    r->session = NULL;
    return ERR_OK;
}

enum err signin_start(struct req *r, int64_t person_id, int64_t *session_id)
{
    enum err e = end_current(r);
    if (e != ERR_OK)
        return e;
    const struct config *cfg = r->app ? r->app->cfg : NULL;
    struct session_policy pol = signin_session_policy(cfg);
    struct actor act = r->actor;
    act.person_id = person_id;
    act.capacity = NULL;
    const char *token = NULL;
    int64_t id = 0;
    e = session_create(r->db, r->arena, person_id, r->client_ip, r->user_agent, &pol, &act, &token,
                       &id, &r->fault);
    if (e != ERR_OK)
        return e;
    req_header(r, "Set-Cookie",
               signin_cookie(r, signin_session_cookie(r->secure), token, pol.absolute_seconds));
    r->actor = act;
    if (r->app && r->app->secret_len)
        r->csrf_token = session_csrf_token(r->arena, token, r->app->secret, r->app->secret_len);
    r->csrf_cookie = NULL;
    if (session_id)
        *session_id = id;
    return ERR_OK;
}

void signin_clear_cookie(struct req *r)
{
    req_header(r, "Set-Cookie", signin_cookie(r, signin_session_cookie(r->secure), "", 0));
}

enum err signin_end(struct req *r)
{
    bool had = r->session != NULL;
    enum err e = end_current(r);
    if (e == ERR_OK && had)
        signin_clear_cookie(r);
    return e;
}

bool signin_next_ok(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
        return false;
    for (const unsigned char *p = (const unsigned char *)next; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '\\')
            return false;
    return true;
}

const char *signin_csrf(struct req *r)
{
    if (r->csrf_cookie) {
        /* Once per response: a failed handler's headers are dropped, so
         * look for it rather than remember having sent it. */
        bool sent = false;
        for (size_t i = 0; i < r->resp.headers.n && !sent; i++)
            sent = r->resp.headers.items[i].value &&
                   strcmp(r->resp.headers.items[i].value, r->csrf_cookie) == 0;
        if (!sent)
            req_header(r, "Set-Cookie", r->csrf_cookie);
    }
    return r->csrf_token;
}
