/* The client of the API tests: one person (or nobody) talking to the
 * server of tests/api/harness.h the way a browser's script does -- with the
 * session and CSRF cookies it was given, the CSRF token of the last JSON
 * answer in X-CSRF-Token, the server's own Origin and an Accept-Language --
 * and the steps most tests start with: a pre-session, signing up and in,
 * choosing a capacity, a platform admin naming a role.
 *
 * The console_* and seed_* helpers make what a test needs before the API
 * can: console_* run the wijkregie binary ($WIJKREGIE_BIN) as an operator
 * would, seed_* write through the model into the test database. Each
 * helper fails the running cmocka test (fail_msg / assert_*) when a step
 * does not give what it should; the values it returns are then valid.
 *
 * Every account made here has the password CLIENT_PASSWORD. The cookies
 * are the plain-HTTP ones (wr_session, wr_csrf); account_api_test.c keeps
 * a client of its own for the __Host- names behind a trusted proxy. */
#ifndef WIJK_TESTS_API_CLIENT_H
#define WIJK_TESTS_API_CLIENT_H

#include <jansson.h>
#include <stdint.h>

#include "harness.h"

#define CLIENT_PASSWORD "correct horse battery staple"

/* A client. Plain data: a copy is a second browser with the same cookies. */
struct client {
    const struct harness *h;
    char session[128];       /* the wr_session cookie, "" before one is set */
    char csrf_cookie[128];   /* the wr_csrf cookie */
    char csrf[128];          /* sent as X-CSRF-Token; "" sends an empty one */
    int64_t person_id;       /* who signed in last, 0 before */
    char email[80];          /* their address, "" before */
    const char *lang;        /* Accept-Language (a static string); NULL: "en" */
    const char *cookie_lang; /* the lang cookie (static); NULL: none sent */
};

/* A client with a pre-session: GET /api/v1/session (asserting 200) gives it
 * the CSRF cookie and token that a sign-up or sign-in needs. */
struct client client_new(const struct harness *h);

/* One request as c for path (as written), with its cookies, Origin,
 * X-CSRF-Token and Accept-Language; a body starting with '{' goes as JSON,
 * any other as a form, NULL as none. Takes the cookies and the
 * "csrf_token" of the answer into c. Returns the status; the caller frees
 * *resp with http_resp_free. Fails the test when no answer came. */
long client_send(struct client *c, const char *method, const char *path, const char *body,
                 struct http_resp *resp);

/* client_send that asserts the status (failing with the method, path,
 * status and body otherwise) and frees the answer. Returns the "id" of a
 * JSON answer, or 0. */
int64_t client_expect(struct client *c, const char *method, const char *path, const char *body,
                      long status);

/* GETs path as c, asserts 200 and a JSON body, and returns the body (owned
 * by *resp, which the caller frees). */
json_t *client_get_json(struct client *c, const char *path, struct http_resp *resp);

/* POST /api/v1/people: signs up email with display_name (NULL: "Buur"),
 * CLIENT_PASSWORD and the invitation code (NULL: none). Returns the status;
 * c is not signed in by it. */
long client_sign_up(struct client *c, const char *email, const char *display_name,
                    const char *invitation);

/* POST /api/v1/session with email and CLIENT_PASSWORD. Returns the status;
 * on 201 c's person_id and email become the signed-in person's. */
long client_sign_in(struct client *c, const char *email);

/* A new account (display_name NULL: "Buur"), signed in on a new client;
 * asserts 201 for both. */
struct client client_person(const struct harness *h, const char *email, const char *display_name);

/* PUT /api/v1/me/capacity: c asks to act in capacity ("platform_admin",
 * "resident:BU...", ...); asserts the answer is status. */
void client_act_as(struct client *c, const char *capacity, long status);

/* POST /api/v1/roles as admin (a platform admin acting as one): names the
 * person with email role, with scope (NULL: no scope in the body; "" is
 * sent as given). Asserts 201. */
void client_grant(struct client *admin, const char *email, const char *role, const char *scope);

/* `wijkregie user add EMAIL --name Beheer --admin --password-stdin` on h's
 * database with CLIENT_PASSWORD (asserting exit status 0; EMAIL goes through
 * a shell as one word), then a client signed in as that platform admin and
 * acting as one. */
struct client console_platform_admin(const struct harness *h, const char *email);

/* `wijkregie organisation add --kind KIND NAME` on h's database: returns
 * the number it prints (asserting exit status 0 and a number > 0). NAME and
 * KIND go through a shell: no single quote in NAME, one word for KIND. */
int64_t console_organisation(const struct harness *h, const char *name, const char *kind);

/* A post at organisation org with title, requested by person through the
 * model (post_request) and left requested; returns its id. */
int64_t seed_post_requested(const struct harness *h, int64_t org, const char *title,
                            int64_t person);

/* As seed_post_requested, then confirmed by boss acting as
 * organisation_admin:ORG (post_confirm); returns the post's id. */
int64_t seed_post_confirmed(const struct harness *h, int64_t org, const char *title, int64_t person,
                            int64_t boss);

/* A new account (client_person) whose residency in buurt is verified at
 * the console (residency_verify_console), acting as resident:BUURT. */
struct client client_resident(const struct harness *h, const char *email, const char *name,
                              const char *buurt);

/* A new account (client_person) with a confirmed post at organisation org,
 * written straight into the database (no admin of org needed), acting as
 * professional:ORG. */
struct client client_professional(const struct harness *h, const char *email, const char *name,
                                  int64_t org);

/* n requests method path body sent at once, each on a connection and
 * thread of its own, the i-th by a copy of clients[i % nclients] (one
 * client: n times the same session); statuses[i] is what the i-th got. For
 * the one-per-person rules: n identical requests must leave one row. */
void client_race(const struct client *clients, int nclients, int n, const char *method,
                 const char *path, const char *body, long *statuses);

/* How many of statuses[0..n) are status. */
int client_count_status(const long *statuses, int n, long status);

/* The first column of the first row of sql on h's database, with id bound
 * to every "?" in it (none: id is not used): a COUNT(*) or another number.
 * Fails the test on a database error or when there is no row. */
int64_t query_count(const struct harness *h, const char *sql, int64_t id);

/* founder founds the trust "Buurttrust De Linde" in buurt (majority vote,
 * no statutes) naming co1 and co2 as co-founders, who then join: an active
 * collective of three. All three must be verified residents of buurt
 * acting as such (client_resident). Returns its id. */
int64_t client_found_collective(struct client *founder, struct client *co1, struct client *co2,
                                const char *buurt);

#endif
