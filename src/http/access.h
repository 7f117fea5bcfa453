/* Who is asking, and whether they may: the dispatcher's session, login,
 * CSRF and write-quota checks, run once per request from the route's flags
 * (handlers never repeat them).
 *
 *   access_identify   the request's security facts: secure or not (TLS, or
 *                     a trusted proxy's X-Forwarded-Proto: https), user
 *                     agent, the actor (request id, now); for routes with a
 *                     database, the session of the session cookie
 *                     (session_lookup) and the CSRF token forms and API
 *                     clients must send back;
 *   access_check_login  ROUTE_NEED_LOGIN without a live session: 401
 *                     (pages: write_error turns it into a 303 to /sign-in);
 *   access_check_write  ROUTE_NEED_CSRF: the token (form field "csrf", or
 *                     the X-CSRF-Token header), compared in constant time,
 *                     and the Origin; then the per-session write quota.
 *
 * The CSRF token of a session is session_csrf_token() of its cookie's
 * token; before sign-in (the sign-in, sign-up and reset forms) it is the
 * same keyed hash of a random pre-session cookie, wr_csrf (double submit).
 * Both are keyed with the server key (app->secret), so an attacker who can
 * set a cookie on the site still cannot compute a matching token.
 *
 * Origin: a state-changing request must carry an Origin equal to the
 * server's own origin (scheme of the request, host of the Host header), or
 * without Origin a Referer on that origin. A request with neither is refused
 * on the API; a form post with neither is accepted when its CSRF token is
 * valid, since some privacy tools strip both headers and the token alone
 * already proves the form came from this site. */
#ifndef WIJK_HTTP_ACCESS_H
#define WIJK_HTTP_ACCESS_H

#include "core/err.h"
#include "http/dispatch.h"
#include "http/route.h"
#include "render/req.h"

/* Writes allowed per session in each window, and the window (seconds). */
enum { ACCESS_WRITE_LIMIT = 120, ACCESS_WRITE_WINDOW = 600 };

/* Fills r->secure, r->user_agent and r->actor; for a route with a database
 * connection (r->db set), the session and the CSRF token as described
 * above. A stale session cookie is deleted. ERR_UNAVAILABLE / ERR_INTERNAL
 * when the database fails, with r->fault filled; a missing, unknown or
 * expired session is no error. */
enum err access_identify(struct req *r, const struct route *rt, const struct http_request *hr);

/* ERR_UNAUTHORIZED ("Please sign in first.", or the expiry message of the
 * session that just ended) when rt needs a login and r has no session. */
enum err access_check_login(struct req *r, const struct route *rt);

/* For a route with ROUTE_NEED_CSRF: ERR_FORBIDDEN when the token or the
 * origin is wrong (after the body is parsed: the form field lives there);
 * then, for a signed-in request, one hit on the write quota: ERR_RATE_LIMITED
 * with r->retry_after set when it is spent. */
enum err access_check_write(struct req *r, const struct route *rt, const struct http_request *hr);

/* Turns a refused login on a page into a 303 to /sign-in?next=<path> with
 * a short page that links there. */
void access_redirect_to_signin(struct req *r);

#endif
