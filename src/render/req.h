/* The request as a handler sees it, and the response it builds.
 *
 * By the time a handler runs, the HTTP layer (src/http) has parsed and
 * validated everything: path parameters, query, form or JSON body, cookies,
 * the language. Declared fields (struct field, listed per route) are checked
 * for presence, type, bounds and UTF-8 before the handler is called, and
 * their values are in req->in. Handlers never see raw input.
 *
 * A handler returns ERR_OK after writing the response (through render/: html
 * pages, json replies), or an error code with req->fault filled; the HTTP
 * layer then writes the error page or JSON error body in one place. */
#ifndef WIJK_RENDER_REQ_H
#define WIJK_RENDER_REQ_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;
struct db_pool;
struct db_replica;
struct catalog;
struct route;
struct session;

enum http_method {
    HTTP_GET = 1 << 0,
    HTTP_HEAD = 1 << 1,
    HTTP_POST = 1 << 2,
    HTTP_PUT = 1 << 3,
    HTTP_PATCH = 1 << 4,
    HTTP_DELETE = 1 << 5,
};

struct kv {
    const char *key;
    const char *value;
};

struct kvlist {
    struct kv *items;
    size_t n;
};

/* Configuration, read once at start-up and const afterwards. */
struct config {
    const char *db_url;
    const char *db_replica_url; /* a read replica (postgresql://...), or NULL: none */
    const char *listen_addr;    /* "127.0.0.1" */
    int port;                   /* 0: any free port (written to port_file) */
    const char *port_file;      /* where the bound port is written, or NULL */
    unsigned threads;           /* worker threads; 0 = one per core */
    unsigned conn_limit;        /* total connections */
    unsigned per_ip_limit;      /* connections per client address */
    unsigned conn_timeout;      /* seconds of inactivity */
    size_t conn_memory_limit;   /* bytes of buffer per connection */
    size_t max_body;            /* default body limit, bytes */
    bool trust_proxy;           /* honour X-Forwarded-For / -Proto */
    int64_t session_idle;       /* seconds a session lives without a request; 0: 30 min */
    int64_t session_max;        /* seconds a session lives at most; 0: 12 h */
    int signin_window;          /* sign-in rate-limit window, seconds; 0: 15 min (tests) */
    const char *public_url;     /* "https://wijk.example.nl": links in mails; NULL: paths only */
};

/* What every request shares: const after start-up. */
struct app {
    const struct config *cfg;
    struct db_pool *pool;
    struct db_replica *replica; /* reads of GET and HEAD (db/replica.h), or NULL: none */
    const struct catalog *catalog;
    const struct route *routes;  /* the route table; NULL: the built-in one (http/routes.c) */
    const unsigned char *secret; /* the server key (model/server_key.h) that keys CSRF tokens */
    size_t secret_len;           /* 16..64; 0: no key, so no request passes a CSRF check */
};

struct resp {
    int status;               /* 200 unless set */
    const char *content_type; /* with charset */
    struct buf body;
    struct kvlist headers; /* extra headers (arena) */
};

struct req {
    struct arena *arena;
    const struct app *app;
    struct db *db; /* this worker thread's connection */
    enum http_method method;
    const char *path; /* decoded path, valid UTF-8 */
    /* What the access log shows for the path: the route's pattern when a
     * path parameter is a secret ({token}), else NULL (the path itself). */
    const char *log_path;
    const char *request_id;
    const char *lang; /* "nl" or "en" */
    const char *client_ip;
    struct kvlist path_params;
    struct kvlist query;
    struct kvlist form;
    json_t *json; /* JSON body, or NULL; freed with the request */
    struct kvlist cookies;
    struct kvlist in; /* declared fields after validation */
    struct fault fault;
    struct resp resp;
    /* Filled by the dispatcher before the handler runs (http/access.c): */
    bool secure;                   /* HTTPS: TLS, or a trusted proxy said so */
    const struct session *session; /* the signed-in session, or NULL */
    struct actor actor;            /* who acts: person 0 when nobody is signed in */
    const char *csrf_token;        /* what forms send as "csrf" and the API as X-CSRF-Token */
    const char *csrf_cookie;       /* a Set-Cookie for the pre-session CSRF cookie that the
                                      first form written sends (layout_csrf_field), or NULL */
    const char *user_agent;        /* the User-Agent header, or NULL */
    int64_t retry_after;           /* seconds: a 429 gets a Retry-After header */
};

/* Field declarations, validated before the handler runs (kcgi's kvalid). */
enum field_type {
    FIELD_TEXT,   /* multi-line text: UTF-8, no control characters but \t\r\n */
    FIELD_LINE,   /* single line: no control characters at all */
    FIELD_INT,    /* decimal integer within [min, max] */
    FIELD_CODE,   /* CBS area code: GM/WK/BU + 4/6/8 letters or digits */
    FIELD_DATE,   /* YYYY-MM-DD */
    FIELD_CHOICE, /* one of choices[] */
    FIELD_TOKEN,  /* opaque token: [A-Za-z0-9_-]{1,max} */
};

#define FIELD_REQUIRED 1u

struct field {
    const char *name;
    enum field_type type;
    int64_t min; /* TEXT/LINE: min characters; INT: min value */
    int64_t max; /* TEXT/LINE: max characters; INT: max value */
    unsigned flags;
    const char *const *choices; /* FIELD_CHOICE: NULL-terminated */
};

/* A validated field's value, or NULL when it was absent. */
const char *req_in(const struct req *r, const char *name);

/* A validated integer field, or dflt when absent. */
int64_t req_in_int(const struct req *r, const char *name, int64_t dflt);

/* Adds a response header (copied into the arena). */
void req_header(struct req *r, const char *name, const char *value);

/* The translated message for msgid in the request's language. */
const char *req_tr(const struct req *r, const char *msgid);

/* Short form for page code; xgettext extracts it with --keyword=T:2. */
#define T(r, msgid) req_tr((r), (msgid))

/* Marks a string for extraction without translating it here. */
#define N_(msgid) (msgid)

/* Fills r->fault and returns code. Same contract as fault_set(). */
#define req_fail(r, code, field, ...) fault_set(&(r)->fault, (code), (field), __VA_ARGS__, NULL)

#endif
