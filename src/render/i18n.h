/* Message catalogs: locale/nl.po and locale/en.po, built into the binary and
 * parsed once at start-up. Message ids are the English source strings; a
 * lookup in a language never switches a process-wide locale. */
#ifndef WIJK_RENDER_I18N_H
#define WIJK_RENDER_I18N_H

#include <stddef.h>

#include "core/err.h"

struct catalog;

/* Languages offered, in order; the first is the default. */
extern const char *const i18n_languages[]; /* {"nl", "en", NULL} */

/* Parses the embedded catalogs. NULL with f filled on a syntax error: the
 * fault names the file (its args are static strings); the line and the
 * reason go to the log (log_event "catalog_invalid"), since the catalog that
 * would hold them is freed. */
struct catalog *catalog_load(struct fault *f);

/* Parses one .po text (exposed for tests and the fuzzer). Returns the number
 * of entries added for lang, or -1 with f filled: ERR_INVALID, message
 * "Line %s of the %s catalog: %s." with args line number, lang and reason;
 * the args stay valid until c's next failed parse or catalog_free(c) (lang
 * is the caller's). Entries
 * before the error stay in c. Fuzzy, untranslated and header entries are not
 * added; msgctxt entries are stored as "context\004msgid"; of plurals only
 * msgstr[0] is kept. */
int catalog_add_po(struct catalog *c, const char *lang, const char *text, size_t len,
                   struct fault *f);
/* An empty catalog, never NULL; catalog_free frees it with every entry
 * (NULL is fine). A catalog is immutable once built and may then be read by
 * any number of threads at once. */
struct catalog *catalog_new(void);
void catalog_free(struct catalog *c);

/* The translation of msgid in lang; msgid itself when there is none. */
const char *catalog_get(const struct catalog *c, const char *lang, const char *msgid);

/* Picks "nl" or "en": a valid cookie value first, then the best supported
 * language in Accept-Language (q-values honoured), else "nl". Either may be
 * NULL. Returns a static string. */
const char *i18n_negotiate(const char *cookie, const char *accept_language);

#endif
