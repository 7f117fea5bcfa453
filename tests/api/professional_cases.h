/* The cases of tests/api/professional_api_test.c: a direct read of the test
 * database, and per route the object a professional is refused on -- a
 * pending residency to verify, a requested post to confirm, reported
 * content to hide -- with the request to send and the query that shows the
 * object's state. The table of cases is keyed by method and pattern as in
 * http/routes.c; the people in it are clients of client.h. */
#ifndef WIJK_TESTS_API_PROFESSIONAL_CASES_H
#define WIJK_TESTS_API_PROFESSIONAL_CASES_H

#include <stddef.h>
#include <stdint.h>

#include "client.h"
#include "harness.h"
#include "http/route.h"

struct catalog;

/* Who takes part, the organisation the professional has a post at, the
 * residency cases' buurt counter and the message catalogs. */
struct fixture {
    struct harness *h;
    struct client admin, muni, boss, moderator, pro;
    struct client neighbours[3]; /* request residencies; one is the content moderated */
    int64_t org;
    size_t next_buurt;
    struct catalog *cat;
};

/* What one case sends and what it watches. */
enum { ATTEMPT_FIELDS = 16 }; /* room for 8 name-value pairs */

struct attempt {
    char path[200];
    const char *fields[ATTEMPT_FIELDS]; /* name, value, ...; NULL ends, unless all are used */
    char values[3][100];                /* storage for values */
    const char *object_sql;             /* the object's state, one row; each ? is key */
    char key[40];
};

/* Makes the object a case acts on and fills at: the path (rt's pattern
 * with {id} filled in), the fields to send and the state query. */
typedef void (*prep_fn)(struct fixture *fx, const struct route *rt, struct attempt *at);

struct route_case {
    unsigned method;
    const char *pattern;
    prep_fn prep;
};

/* The cases, *n their number. Static data. */
const struct route_case *route_cases(size_t *n);

/* The case for method and pattern, or NULL. */
const struct route_case *route_case_for(unsigned method, const char *pattern);

/* The columns of the first row of sql, with key bound to each ? as text,
 * joined by '|' into out (n bytes); "-" when there is no row. */
void row_read(const struct harness *h, const char *sql, const char *key, char *out, size_t n);

#endif
