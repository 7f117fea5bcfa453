/* Capacities (DESIGN.md §2): what a person may act as, now. A capacity is
 * held through a row elsewhere -- a verified residency (resident, qualified
 * by the buurt code), a confirmed post (professional, by the organisation
 * id), a role grant that is not revoked (organisation_admin by the
 * organisation id, municipality_admin by the gemeente code, moderator and
 * platform_admin without a qualifier) -- so this module only reads them.
 *
 * It is also where the model's writes ask who their actor is: the capacity
 * an actor claims (actor.capacity, "resident" or "resident:BU03630101") is
 * believed only when the person holds it, and the verdict comes from the
 * policy table (policy/policy.h) with the relation the caller found.
 *
 * And it keeps the declarations of conflicting interests: a person who acts
 * as a resident on something their employer facilitates or funds says so. */
#ifndef WIJK_MODEL_CAPACITY_H
#define WIJK_MODEL_CAPACITY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"
#include "policy/policy.h"

struct arena;
struct db;

/* What the command line puts in actor.capacity: the operator at the
 * console, who holds the database itself. Never a session's capacity
 * (session_capacity_valid refuses it), so no request can claim it. */
#define CAPACITY_CONSOLE "console"

enum { INTEREST_NOTE_MAX = 500 }; /* characters */

struct capacity_held {
    enum capacity capacity;
    const char *name;      /* "resident", as policy_capacity_name() */
    const char *qualifier; /* buurt code, organisation id, gemeente code; NULL: none */
};

/* The capacities person_id holds now, ordered by name, then qualifier;
 * *items from the arena, *n their number (0 for a person who holds none or
 * does not exist). */
enum err capacity_list(struct db *db, struct arena *a, int64_t person_id,
                       struct capacity_held **items, int *n, struct fault *f);

/* Whether person_id may act in capacity: a name as above, optionally with
 * ":" and a qualifier ("resident:BU03630101", "professional:17"). Without a
 * qualifier, holding it anywhere is enough. An unknown name gives false. */
enum err capacity_may_act(struct db *db, int64_t person_id, const char *capacity, bool *may,
                          struct fault *f);

/* The capacity act acts in, checked: CAP_VISITOR without a person,
 * CAP_PERSON for a person who claims none (or "person"), else the claimed
 * one when the person holds it. ERR_FORBIDDEN, field "capacity", "You do
 * not hold the capacity you act in." otherwise. */
enum err capacity_of_actor(struct db *db, const struct actor *act, enum capacity *cap,
                           struct fault *f);

/* The policy's verdict as an error: ERR_OK when allowed, else
 * ERR_FORBIDDEN with the policy's reason as the message. */
enum err capacity_authorise(enum action action, enum capacity cap, enum relation rel,
                            struct fault *f);

/* Whether act is the operator at the console (person 0, CAPACITY_CONSOLE):
 * who holds the database itself and passes every model check. */
bool capacity_is_console(const struct actor *act);

/* What follows ':' in the capacity act claims ("BU03630101" of
 * "resident:BU03630101", "17" of "professional:17"); NULL without one or
 * with an empty one. Points into act->capacity. */
const char *capacity_qualifier(const struct actor *act);

/* capacity_of_actor, then capacity_authorise: ERR_OK when act, in the
 * capacity it claims, may take action on an object it relates to as rel;
 * else ERR_FORBIDDEN with the reason. What a page or a list asks before it
 * shows something only one capacity may see. */
enum err capacity_check(struct db *db, const struct actor *act, enum action action,
                        enum relation rel, struct fault *f);

/* The gemeente buurt_code lies in (from the arena) through the area tree.
 * ERR_INVALID, field "buurt", for a code that is not a buurt code;
 * ERR_NOT_FOUND for an unknown buurt. */
enum err capacity_buurt_gemeente(struct db *db, struct arena *a, const char *buurt_code,
                                 const char **gemeente, struct fault *f);

/* Whether person_id is, now, a municipality admin of the gemeente
 * buurt_code lies in (what REL_MEMBER means for the residency actions).
 * The errors of capacity_buurt_gemeente. */
enum err capacity_buurt_admin(struct db *db, const char *buurt_code, int64_t person_id,
                              bool *is_admin, struct fault *f);

/* Conflict of interest: *conflict is true when person_id holds a confirmed
 * post at organisation_id, an organisation that facilitates or funds what
 * the person acts on (for now the post is all that is known of that tie). */
enum err capacity_conflict(struct db *db, int64_t person_id, int64_t organisation_id,
                           bool *conflict, struct fault *f);

/* act's person declares an interest tied to organisation_id, with an
 * optional note (at most 500 characters; ERR_INVALID, field "note"), acting
 * as resident or professional (policy "interest.declare", OWN; else
 * ERR_FORBIDDEN). ERR_NOT_FOUND, field "organisation", for an unknown
 * organisation. Records "interest.declare". *id may be NULL. */
enum err capacity_declare_interest(struct db *db, int64_t organisation_id, const char *note,
                                   const struct actor *act, int64_t *id, struct fault *f);

/* Whether person_id has declared an interest tied to organisation_id. */
enum err capacity_declared(struct db *db, int64_t person_id, int64_t organisation_id,
                           bool *declared, struct fault *f);

/* One account as the operator's list shows it (never a password hash). */
struct capacity_person {
    int64_t id;
    const char *email;
    const char *display_name;
    int64_t created_at;
};

/* The accounts that are not erased, by id, at most limit (1..10000,
 * else ERR_INVALID); with capacity non-NULL (a name as above) only those
 * who hold it now (ERR_INVALID, field "role", for an unknown name). */
enum err capacity_people(struct db *db, struct arena *a, const char *capacity, int limit,
                         struct capacity_person **items, int *n, struct fault *f);

/* The account (not erased) with this e-mail address, normalised first
 * (person_email_normalise). ERR_INVALID, field "email", for a malformed
 * address; ERR_NOT_FOUND "There is no account with this e-mail address."
 * otherwise. */
enum err capacity_person_find(struct db *db, struct arena *a, const char *email,
                              struct capacity_person *out, struct fault *f);

#endif
