/* Helpers shared by the unit tests of src/web: a request as the HTTP layer
 * hands it to a handler (arena, language, path, validated inputs, the
 * built-in catalogs), optionally with an in-memory database holding the
 * demo gemeente Lindenhoven (GM9901, model/demo.h). */
#ifndef WIJK_TESTS_WEB_TESTING_H
#define WIJK_TESTS_WEB_TESTING_H

#include "render/req.h"

/* A GET request in lang for path with one validated input name=value (both
 * may be NULL). With_db: an in-memory database, migrated, with the demo
 * data; the test fails if any of it cannot be set up. Free it with
 * web_testing_free(). */
struct req *web_testing_req(const char *lang, const char *path, const char *name, const char *value,
                            bool with_db);
void web_testing_free(struct req *r);

/* The response body as a C string. */
const char *web_testing_body(const struct req *r);

/* The value of response header name, or NULL. */
const char *web_testing_header(const struct req *r, const char *name);

/* Fails the test, showing the page, when page does (not) contain needle. */
void web_testing_contains(const char *page, const char *needle);
void web_testing_lacks(const char *page, const char *needle);

#endif
