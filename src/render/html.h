/* HTML output that escapes by default. Views write only through these
 * functions; the one raw write has a long, greppable name. */
#ifndef WIJK_RENDER_HTML_H
#define WIJK_RENDER_HTML_H

#include "core/buf.h"

/* Escaped text content: & < > " ' become entities. NULL writes nothing. */
void html_text(struct buf *b, const char *s);

/* Escaped attribute value (same escapes; the caller writes the quotes). */
void html_attr(struct buf *b, const char *s);

/* Percent-encodes s for a path segment or query value (RFC 3986
 * unreserved characters are kept). */
void url_arg(struct buf *b, const char *s);

/* Writes s unescaped. Only for literal markup from this program's source,
 * never for data. */
void html_raw_trusted(struct buf *b, const char *s);

/* printf-like: the format is literal markup from the source; every %s
 * argument is written escaped as text (html_text), numbers as numbers.
 * Supports %s %d %u %ld %lld %zu %.Nf (N a digit) and %%. Anything else
 * aborts (a programming error). */
void html_fmt(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes a translated template as escaped text, each "%s" replaced by the
 * next argument (escaped too; missing arguments become ""), "%%" by "%".
 * For messages whose translation moves the slots around, where a printf
 * format from a catalog would be unsafe:
 *     html_fill(b, T(r, "Wijken in %s"), name, NULL);
 * The arguments are const char *, terminated by NULL. */
void html_fill(struct buf *b, const char *tmpl, ...) __attribute__((sentinel));

#endif
