/* The cases of tests/api/professional_api_test.c: a small HTTP client with
 * cookies and a CSRF token, a direct read of the test database, and per
 * route the object a professional is refused on -- a pending residency to
 * verify, a requested post to confirm, reported content to hide -- with
 * the request to send and the query that shows the object's state. The
 * table of cases is keyed by method and pattern as in http/routes.c. */
#ifndef WIJK_TESTS_API_PROFESSIONAL_CASES_H
#define WIJK_TESTS_API_PROFESSIONAL_CASES_H

#include <stddef.h>
#include <stdint.h>

#include "harness.h"
#include "http/route.h"

#define PASSWORD "correct horse battery staple"

struct catalog;

/* A signed-in client: its cookies, its CSRF token, who it is. */
struct client {
    const struct harness *h;
    char session[128];
    char csrf_cookie[128];
    char csrf[128];
    int64_t person_id;
    char email[80];
};

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
struct attempt {
    char path[200];
    const char *fields[8];  /* name, value, ...; NULL ends */
    char values[3][100];    /* storage for values */
    const char *object_sql; /* the object's state, one row; each ? is key */
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

/* One request as c, with Accept-Language: lang and the lang cookie set to
 * cookie_lang unless NULL; a body starting with '{' is sent as JSON, any
 * other as a form. Takes the cookies and CSRF token of the answer. Returns
 * the status; the caller frees *resp. Fails the test when no answer came. */
long client_send_in(struct client *c, const char *method, const char *path, const char *body,
                    const char *lang, const char *cookie_lang, struct http_resp *resp);

/* As client_send_in in English, asserting the status; returns the "id" of a
 * JSON answer, or 0. */
int64_t client_expect(struct client *c, const char *method, const char *path, const char *body,
                      long status);

/* Signs c in with PASSWORD; sets its person id and e-mail address. */
void client_sign_in(struct client *c, const char *email);

/* A new account with PASSWORD, signed in. */
struct client client_new(const struct harness *h, const char *email);

/* c acts in capacity from now on (asserts 200). */
void client_act_as(struct client *c, const char *capacity);

/* The platform admin names role (with scope) for to (asserts 201). */
void client_grant(struct fixture *fx, const struct client *to, const char *role, const char *scope);

/* The columns of the first row of sql, with key bound to each ? as text,
 * joined by '|' into out (n bytes); "-" when there is no row. */
void row_read(const struct harness *h, const char *sql, const char *key, char *out, size_t n);

#endif
