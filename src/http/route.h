/* The route table: every URL Wijkregie answers, as data (cgit's command
 * table). The dispatcher (http/dispatch.c) checks method, body limit,
 * content type and declared fields once, from the flags; handlers never
 * repeat those checks. */
#ifndef WIJK_HTTP_ROUTE_H
#define WIJK_HTTP_ROUTE_H

#include <stddef.h>

#include "policy/policy.h"
#include "render/req.h"

struct arena;

typedef enum err (*route_handler)(struct req *r);

enum route_flag {
    ROUTE_JSON = 1u << 0,       /* an API route: errors are JSON, accepts JSON bodies */
    ROUTE_FORM = 1u << 1,       /* accepts application/x-www-form-urlencoded bodies */
    ROUTE_NEED_LOGIN = 1u << 2, /* needs a signed-in session */
    ROUTE_NEED_CSRF = 1u << 3,  /* state-changing: checks the CSRF token and Origin */
    ROUTE_NO_DB = 1u << 4,      /* needs no database connection (static files) */
};

struct route {
    unsigned methods;    /* HTTP_GET | HTTP_HEAD ... */
    const char *pattern; /* "/api/v1/areas/{code}": {name} matches one segment; a
                            {token} is a secret: the access log shows the pattern */
    route_handler handler;
    unsigned flags;
    const struct field
        *fields;     /* declared inputs (path, query, body), {NULL}-terminated, or NULL */
    size_t max_body; /* 0: the configured default */
    /* The policy action (policy/policy.h) the handler asks about before it
     * acts; ACTION_UNKNOWN for routes that act on one's own account only or
     * on nothing (public pages, sign-in). The handler still asks the table
     * itself, with the relation it finds; this column lets tests walk the
     * routes by action (tests/api/professional_api_test.c). */
    enum action action;
};

/* The table (http/routes.c), terminated by an entry with a NULL pattern. */
extern const struct route routes[];

/* Finds the route for path and method. Path parameters are decoded, checked
 * for UTF-8 and put in *params (from the arena). Returns NULL when nothing
 * matches; then *allowed gets the methods of routes whose pattern matches
 * (non-zero means 405 rather than 404). */
const struct route *route_match(const struct route *table, const char *path, unsigned method,
                                struct arena *a, struct kvlist *params, unsigned *allowed);

/* "GET", "POST", ... for one method bit; the Allow header text for a set. */
const char *route_method_name(unsigned method);

#endif
