/* UTF-8 validation. Every text that enters Wijkregie (form fields, query
 * strings, JSON strings, cookies, CSV cells, GeoJSON properties) passes here
 * before a handler or model sees it. */
#ifndef WIJK_CORE_UTF8_H
#define WIJK_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) is well-formed UTF-8 (RFC 3629): no overlong forms, no
 * surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no stray continuation
 * bytes, no truncated sequences. NUL bytes are rejected as well, since no
 * text field may carry them. */
bool utf8_valid(const char *s, size_t n);

/* Number of code points in a valid UTF-8 string of n bytes (bounds on text
 * fields count characters, not bytes). Undefined for invalid input. */
size_t utf8_count(const char *s, size_t n);

/* True when s contains a C0 control character (U+0000..U+001F) or DEL.
 * With allow_newlines, tab, LF and CR are not counted (multi-line text);
 * without it they are: fields that are a single line or a name reject all
 * control characters. */
bool utf8_has_controls(const char *s, size_t n, bool allow_newlines);

#endif
