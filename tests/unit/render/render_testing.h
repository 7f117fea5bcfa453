/* Helpers shared by the unit tests of src/render: a request as the HTTP
 * layer would hand it to a handler (arena, language, path, the built-in
 * catalogs), and running a function in a child process to see it abort. */
#ifndef WIJK_TESTS_RENDER_TESTING_H
#define WIJK_TESTS_RENDER_TESTING_H

#include <stdbool.h>

#include "render/req.h"

/* A request in lang ("nl", "en") for path, with a fresh arena, status 200
 * and the catalogs of catalog_load() (the test fails if they do not load).
 * Free it with testing_req_free(). */
struct req *testing_req_new(const char *lang, const char *path);
void testing_req_free(struct req *r);

/* The response body so far, as a C string. */
const char *testing_body(const struct req *r);

/* Runs fn(arg) in a forked child with stderr silenced; true when the child
 * died of SIGABRT (a child where fn returns exits with status 0). */
bool testing_dies_with_abort(void (*fn)(void *), void *arg);

#endif
