/* JSON responses through jansson. */
#ifndef WIJK_RENDER_JSON_H
#define WIJK_RENDER_JSON_H

#include <jansson.h>

#include "core/err.h"

struct req;

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
