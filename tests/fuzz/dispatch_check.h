/* Shared half of the json and query fuzz targets: one fuzz input becomes
 * one request through the real dispatcher (http/dispatch.c), to a copy of a
 * route of the real table (http/routes.c) that keeps its declared fields
 * but needs no database, login or CSRF token and whose handler only says
 * "ok". So the body and query parsers, json_members and field_validate run
 * exactly as in the server, over the fields of every route there is, and
 * routes added later are covered without a change here.
 *
 * Input: bytes 0-1 pick the route (little-endian, modulo the number of
 * routes with fields), byte 2 is the mode (the target's own meaning), then
 * the path parameters separated by TAB up to the first LF (each is
 * percent-encoded into the path), then the query or body as raw bytes. */
#ifndef WIJK_FUZZ_DISPATCH_CHECK_H
#define WIJK_FUZZ_DISPATCH_CHECK_H

#include <stddef.h>
#include <stdint.h>

/* How the target sends the rest of the input. */
struct fuzz_send {
    const char *method;       /* "GET", "HEAD" or "POST" */
    const char *content_type; /* NULL: no Content-Type header */
    int as_query;             /* the rest is the query (else the body) */
    unsigned flags;           /* route flags added to the copy (ROUTE_JSON) */
};

/* Runs the request and aborts, naming the broken rule, when:
 * - the status is 5xx, or not one of 200, 4xx;
 * - a 200 lacks a required field, or holds a validated value that does not
 *   fit its declaration (type, length, range, choice, canonical form), or
 *   one that differs from what was sent;
 * - a JSON response is not one JSON object with an "error" member when it
 *   is not a 200;
 * - an HTML response holds the raw marker "<x-m1" (escaping). */
void fuzz_dispatch(const uint8_t *data, size_t size, const struct fuzz_send *send);

/* The mode byte of the input (0 when too short). */
unsigned fuzz_dispatch_mode(const uint8_t *data, size_t size);

#endif
