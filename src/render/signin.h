/* What the pages and the API share about being signed in: the cookie names
 * and attributes, the session and sign-in limits taken from the
 * configuration, and starting and ending the session of a request.
 *
 * The session cookie is "__Host-wr_session" on a secure request (TLS, or a
 * trusted proxy that says X-Forwarded-Proto: https) and "wr_session"
 * otherwise; the pre-session CSRF cookie likewise "__Host-wr_csrf" or
 * "wr_csrf". Both are HttpOnly, SameSite=Lax, Path=/, and Secure on a secure
 * request (the __Host- prefix requires Secure, Path=/ and no Domain). */
#ifndef WIJK_RENDER_SIGNIN_H
#define WIJK_RENDER_SIGNIN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/person.h"
#include "model/session.h"

struct config;
struct req;

/* The session policy of cfg: session_idle / session_max, or the defaults
 * (SESSION_POLICY_DEFAULT) where they are 0. */
struct session_policy signin_session_policy(const struct config *cfg);

/* The sign-in limits of cfg: SIGNIN_LIMITS_DEFAULT with the window of
 * cfg->signin_window when that is not 0. */
struct signin_limits signin_limits(const struct config *cfg);

/* The cookie names for a secure or a plain request (static strings). */
const char *signin_session_cookie(bool secure);
const char *signin_csrf_cookie(bool secure);

/* A Set-Cookie value for name=value with the attributes above and max_age
 * seconds (0 deletes the cookie), from r->arena. */
const char *signin_cookie(struct req *r, const char *name, const char *value, int64_t max_age);

/* Signs person_id in on this request: ends the request's current session
 * (if any: a sign-in always starts a new session with a new token), starts
 * one at r->actor.now with the client's address and user agent, sets the
 * session cookie and makes r->csrf_token the new session's token. r->actor
 * and *session_id (may be NULL) then name the new session's person and id.
 * Errors as session_create's, with r->fault filled. */
enum err signin_start(struct req *r, int64_t person_id, int64_t *session_id);

/* Ends the request's session, if any, and deletes the session cookie.
 * Errors as session_end's, with r->fault filled. */
enum err signin_end(struct req *r);

/* Deletes the session cookie (a session that ended elsewhere). */
void signin_clear_cookie(struct req *r);

/* The CSRF token forms and API clients send back for this request
 * (r->csrf_token), NULL when the server has no key. The first call on a
 * request without a session or pre-session cookie also sets that cookie
 * (r->csrf_cookie); the dispatcher prepared both. */
const char *signin_csrf(struct req *r);

/* True when next is a path on this site that a sign-in may send the
 * browser to: it starts with one '/' (not "//" or "/\"), and holds no
 * control characters or backslashes. */
bool signin_next_ok(const char *next);

#endif
