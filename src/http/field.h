/* Declared-field validation (kcgi's kvalid): a route lists its inputs as
 * struct field {name, type, bounds, flags} (render/req.h) and the dispatcher
 * checks them here, before the handler runs, so a handler only ever reads
 * present, well-typed, bounded values through req_in(). */
#ifndef WIJK_HTTP_FIELD_H
#define WIJK_HTTP_FIELD_H

#include <stddef.h>

#include "core/err.h"
#include "render/req.h"

struct arena;

/* Checks each field of fields (terminated by a field with a NULL name; NULL
 * is an empty list) against the values in sources[0..nsources) (e.g. the
 * path parameters and the query) and fills *in (from the arena) with the
 * accepted values, in declaration order. Undeclared keys are ignored.
 *
 * A field found under its name in more than one place, or twice in one, is
 * refused. An empty value counts as absent (an empty form input). A NULL
 * value in a source means "given, but not text or a number" (a JSON array)
 * and is refused. Values must be valid UTF-8. Per type:
 *   FIELD_LINE   no control characters; FIELD_TEXT: none but tab, CR, LF;
 *                both: min..max characters (code points, not bytes; max <= 0
 *                means no maximum);
 *   FIELD_INT    optional '-' and decimal digits, no overflow, within
 *                min..max unless both are 0; stored in canonical form;
 *   FIELD_CODE   a CBS area code (area_code_valid); lower-case letters are
 *                accepted and stored upper-cased;
 *   FIELD_DATE   YYYY-MM-DD, a real date (clock_parse_date);
 *   FIELD_CHOICE one of choices;
 *   FIELD_TOKEN  [A-Za-z0-9_-], at most max characters when max > 0.
 * On the first failure returns ERR_INVALID with f filled: field = the
 * field's name, msgid e.g. "%s is required." or "Give %s only once.", args
 * from the arena; *in then holds the fields accepted before it. */
enum err field_validate(const struct field *fields, const struct kvlist *const *sources,
                        size_t nsources, struct arena *a, struct kvlist *in, struct fault *f);

#endif
