/* Request parsing as pure functions: percent-decoding, query strings and
 * application/x-www-form-urlencoded bodies, the Cookie header, JSON bodies
 * and media types. None of them touches a socket or a global, so each can be
 * unit-tested and fuzzed on arbitrary bytes (tests/fuzz). Every string they
 * produce is valid UTF-8 without NUL bytes and comes from the arena given. */
#ifndef WIJK_HTTP_PARSE_H
#define WIJK_HTTP_PARSE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "render/req.h"

struct arena;

/* Decodes s[0..n): "%XX" (two hex digits, either case) becomes that byte,
 * and '+' becomes a space when plus_is_space (query strings and forms, not
 * paths). Returns a fresh NUL-terminated arena string, or NULL when an
 * escape is malformed ("%zz", a '%' near the end) or the result is not
 * valid UTF-8 (overlong forms such as %C0%AF and NUL bytes included). */
char *parse_percent_decode(struct arena *a, const char *s, size_t n, bool plus_is_space);

/* Parses a query string or an application/x-www-form-urlencoded body
 * s[0..n) into *out (items from the arena, in the order given): pairs are
 * separated by '&', split at their first '=' (a pair without '=' has the
 * value ""), and decoded with parse_percent_decode(plus_is_space = true).
 * Empty pairs ("a=1&&b=2") are skipped; repeated keys are all kept.
 * ERR_INVALID, with *out empty, when any key or value fails to decode. */
enum err parse_urlencoded(struct arena *a, const char *s, size_t n, struct kvlist *out);

/* Parses a Cookie header (RFC 6265 section 4.2.1: "a=b; c=d") into *out
 * (arena, in order, repeats kept). Pairs are split at ';', trimmed of spaces
 * and tabs, and split at their first '='; the name must be a token
 * (RFC 7230 tchar) and the value cookie-octets, optionally inside one pair of
 * double quotes (removed). Malformed pairs are skipped, never an error;
 * values are not percent-decoded. NULL gives an empty list. */
void parse_cookies(struct arena *a, const char *header, struct kvlist *out);

/* Parses s[0..n) as JSON (jansson, duplicate keys rejected, invalid UTF-8
 * and \u0000 rejected) whose top level is an object. ERR_INVALID, with *out
 * NULL, for anything else; on success *out holds a new reference the caller
 * releases with json_decref(). */
enum err parse_json_object(const char *s, size_t n, json_t **out);

/* True when the Content-Type value content_type names the media type mt
 * ("application/json"; compared without regard to case), with or without
 * parameters. A charset parameter must say utf-8 (any case, quoted or not):
 * Wijkregie reads bodies only as UTF-8. NULL never matches. */
bool parse_media_type_is(const char *content_type, const char *mt);

/* The value of the first item whose key is key (exact comparison), or NULL;
 * *count (when count is not NULL) gets how many items have that key. */
const char *parse_kv_find(const struct kvlist *l, const char *key, size_t *count);

#endif
