/* The dispatcher: from a request as it came off the wire to a complete
 * response, without sockets. It frames, routes, checks the route's flags,
 * the body's size and type, parses the query, body and cookies, validates
 * the declared fields, picks the language, gets a database connection, runs
 * the handler, and turns any error into the one error page or JSON error
 * body with the status from http_status(). server.c feeds it from
 * libmicrohttpd; the unit tests feed it directly with a small route table. */
#ifndef WIJK_HTTP_DISPATCH_H
#define WIJK_HTTP_DISPATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "http/route.h"
#include "render/req.h"

struct arena;

/* Body limit used when neither the route nor the configuration sets one. */
#define DISPATCH_DEFAULT_MAX_BODY ((size_t)1024 * 1024)

/* A request as received. Strings are borrowed for the call. */
struct http_request {
    const char *method;    /* as sent: "GET", "POST", "PROPFIND", ... */
    const char *path;      /* as sent, still percent-encoded: "/areas/GM0363" */
    const char *query;     /* as sent, without the '?'; NULL when there was none */
    struct kvlist headers; /* as sent, in order; names in any case */
    const char *body;      /* may hold NUL bytes; NULL when empty */
    size_t body_len;
    bool body_too_large;   /* the body passed the limit and was dropped */
    const char *client_ip; /* "192.0.2.1", "2001:db8::1", or NULL */
};

/* The method bit for a method name (case-sensitive, as HTTP says); 0 for a
 * method Wijkregie does not know. */
unsigned dispatch_method(const char *name);

/* The value of the first header called name (case-insensitive), or NULL. */
const char *dispatch_header(const struct kvlist *headers, const char *name);

/* False when the headers frame the body ambiguously: Content-Length given
 * twice, or together with Transfer-Encoding (request smuggling). */
bool dispatch_framing_ok(const struct kvlist *headers);

/* The body limit for a request: the matching route's max_body, else
 * cfg->max_body, else DISPATCH_DEFAULT_MAX_BODY (also when no route
 * matches). cfg may be NULL. */
size_t dispatch_body_limit(const struct route *table, const struct config *cfg, const char *path,
                           unsigned method, struct arena *a);

/* Runs one request through table. The caller sets r->arena, r->app and
 * r->request_id (and may leave everything else zero); dispatch fills the
 * rest of *r. Afterwards r->resp holds the status, the content type, the
 * body (for HEAD too: the server sends no body but the right length) and the
 * complete header list to send (http_finish_headers). Never fails: every
 * error becomes a response. r->json and r->resp.body are owned by r; release
 * them with dispatch_release(). */
void dispatch(struct req *r, const struct route *table, const struct http_request *hr);

/* Frees what dispatch() attached to r outside its arena (the JSON body and
 * the response body, if not taken). The caller frees r->arena. */
void dispatch_release(struct req *r);

#endif
