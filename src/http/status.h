/* What every response says about itself: the one mapping from an error code
 * to an HTTP status, and the headers every response carries (content type,
 * security headers, caching, request id). Nothing else in Wijkregie picks a
 * status for an error or writes these headers. */
#ifndef WIJK_HTTP_STATUS_H
#define WIJK_HTTP_STATUS_H

#include "core/err.h"

struct req;

/* The HTTP status for an error code: ERR_OK 200, ERR_INVALID 400,
 * ERR_NOT_FOUND 404, ERR_UNAUTHORIZED 401, ERR_FORBIDDEN 403, ERR_CONFLICT
 * 409, ERR_METHOD 405, ERR_TOO_LARGE 413, ERR_MEDIA_TYPE 415,
 * ERR_RATE_LIMITED 429, ERR_UNAVAILABLE 503, ERR_INTERNAL 500. A value
 * outside the enum is a bug elsewhere and gives 500. */
int http_status(enum err e);

/* Replaces r->resp.headers with the complete list to send, in this order:
 *   Content-Type            r->resp.content_type, or "text/plain;
 *                           charset=utf-8" when the handler set none;
 *   Content-Security-Policy, X-Content-Type-Options, Referrer-Policy,
 *   X-Frame-Options         fixed values (see status.c);
 *   Cache-Control           "no-store", unless the list already has one;
 *   the headers already in the list, in their order;
 *   X-Request-Id            r->request_id (when set).
 * Headers in the list that would repeat or override one of the fixed ones
 * (Content-Type, the four security headers, X-Request-Id; any case) are
 * dropped: a handler cannot weaken them. Allocates from r->arena. */
void http_finish_headers(struct req *r);

#endif
