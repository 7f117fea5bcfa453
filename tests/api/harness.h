/* The API test harness: runs the real wijkregie binary on a temporary
 * database and talks HTTP to it, so that tests/api checks what a client sees.
 *
 * harness_start() makes a temporary directory, fills a database with
 * `wijkregie demo --db URL`, starts `wijkregie serve --db URL --port 0
 * --port-file DIR/port` and waits until the port file exists and /healthz
 * answers 200. The binary is $WIJKREGIE_BIN (set by tests/api/meson.build);
 * the database is DIR/t.db unless $WIJKREGIE_TEST_DB_URL names another (the
 * same suite runs on PostgreSQL). The server's output goes to DIR/server.log,
 * printed when it fails to start; $WIJKREGIE_TEST_KEEP=1 keeps DIR.
 *
 * For cmocka: pass harness_group_setup / harness_group_teardown to
 * cmocka_run_group_tests, and end the list with
 * test_server_stops_cleanly_on_sigterm; each test finds the harness in
 * *state. */
#ifndef WIJK_TESTS_API_HARNESS_H
#define WIJK_TESTS_API_HARNESS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/buf.h"

struct harness {
    char *dir;      /* the temporary directory */
    char *db_url;   /* what --db got */
    char *base_url; /* "http://127.0.0.1:PORT" */
    int port;
    pid_t pid; /* the serving process */
};

struct http_header {
    char *name;
    char *value;
};

/* One response. Everything is owned by it; http_resp_free releases it. */
struct http_resp {
    long status;
    struct http_header *headers; /* in the order received */
    size_t nheaders;
    struct buf body;
    json_t *json; /* the parsed body when it is JSON (else NULL) */
};

/* Starts a server as described above. NULL (with the reason on stderr)
 * when it cannot; the caller frees with harness_stop(). */
struct harness *harness_start(void);

/* Starts a second server on h's database (no demo load: the data is
 * there), in a temporary directory of its own, with extra_args (a
 * NULL-terminated list such as {"--trust-proxy", NULL}, or NULL) added to
 * the serve command line. NULL (with the reason on stderr) when it cannot;
 * the caller stops it with harness_stop(). */
struct harness *harness_start_peer(const struct harness *h, const char *const *extra_args);

/* Sends SIGTERM and waits for the server to exit (SIGKILL after a grace
 * period). Returns true when it exited by itself with status 0. Afterwards
 * h->pid is -1; a second call does nothing and returns true. */
bool harness_stop_server(struct harness *h);

/* Stops the server if it still runs (harness_stop_server), removes the
 * temporary directory and frees h. Returns what stopping returned. NULL is
 * fine (true). */
bool harness_stop(struct harness *h);

/* cmocka group fixtures around harness_start / harness_stop. */
int harness_group_setup(void **state);
int harness_group_teardown(void **state);

/* A test to list last in a group: stops the server and asserts that it
 * exited 0 after SIGTERM (a crash, a sanitizer report or a hang at shutdown
 * fails it). cmocka reports a failed group teardown without a failing exit
 * status, so the check lives in a test. */
void test_server_stops_cleanly_on_sigterm(void **state);

/* Performs one request for path (sent as written: percent-escapes and all)
 * with method ("GET", "POST", ...), extra header lines ("Name: value",
 * NULL-terminated array, or NULL) and a body (may be NULL). Redirects are not
 * followed. Fills *out (free it with http_resp_free); false, with the reason
 * on stderr, when no response came back. */
bool harness_request(const struct harness *h, const char *method, const char *path,
                     const char *const *headers, const char *body, size_t body_len,
                     struct http_resp *out);

/* GET path without extra headers. */
bool harness_get(const struct harness *h, const char *path, struct http_resp *out);

/* Writes the n bytes of a hand-made request to a fresh connection and reads
 * until the server closes it (or a 10 s read timeout). *out gets what came
 * back. For requests curl would refuse to send (duplicate headers). */
bool harness_raw(const struct harness *h, const char *request, size_t n, struct buf *out);

/* The value of the first header called name (case-insensitive), or NULL. */
const char *http_resp_header(const struct http_resp *resp, const char *name);

/* How many headers are called name (case-insensitive). */
size_t http_resp_header_count(const struct http_resp *resp, const char *name);

void http_resp_free(struct http_resp *resp);

/* For tests: GETs path, asserts the status and a JSON body, and returns the
 * parsed body (owned by *resp). */
json_t *harness_get_json(const struct harness *h, const char *path, long status,
                         struct http_resp *resp);

#endif
