/* JSON responses through jansson. */
#ifndef WIJK_RENDER_JSON_H
#define WIJK_RENDER_JSON_H

#include <jansson.h>

#include "core/err.h"

struct buf;
struct req;

/* Appends size bytes of JSON text (as jansson writes it) to b with every <,
 * > and & written as \u003c, \u003e and \u0026 -- they occur only inside
 * strings, so the meaning is the same -- so that no JSON answer or export
 * can close a <script> or start a tag where a browser or a proxy takes it
 * for HTML (tests/fault/hostile.py looks for raw markers). json_reply
 * writes through it. */
void json_append_safe(struct buf *b, const char *data, size_t size);

/* Writes v as the response body with status and
 * "application/json; charset=utf-8". Steals the reference to v. Returns
 * ERR_OK. */
enum err json_reply(struct req *r, int status, json_t *v);

/* The error body {"error": "<err_name>", "message": "<translated>",
 * "field": "<field or null>"} for r->fault. Used by the HTTP layer. */
json_t *json_error_body(const struct req *r);

/* json_string for a nullable C string: NULL becomes JSON null. */
json_t *json_string_or_null(const char *s);

#endif
