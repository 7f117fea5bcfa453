/* The desks where capacities are handled: what the capacity, residency and
 * privacy pages and their API twins need beyond the single writes of
 * model/residency.h, model/role.h and model/person.h.
 *
 * Lists: one's own residencies, the municipality admin's queue (requests in
 * the gemeenten they administer) and the requests a verified resident may
 * vouch for. Each list is bounded by who asks in its SQL, so a handler
 * cannot show more than the person may see.
 *
 * Writes: verifying a residency (by an admin, a letter code or the vouch
 * that completes it) also puts a public entry on the buurt in the audit
 * log, in the same transaction, so that the area's public history shows
 * that a resident was verified and how, but never who the resident is.
 * Choosing the capacity a session acts in checks that the person holds it.
 * Re-authentication turns a wrong password into ERR_FORBIDDEN. Times come
 * from act->now. */
#ifndef WIJK_MODEL_DESK_H
#define WIJK_MODEL_DESK_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;
struct signin_limits;

enum { DESK_LIST_MAX = 500 };

/* A residency as the lists show it. */
struct desk_residency {
    int64_t id;
    const char *buurt_code;
    const char *buurt_name;
    const char *status; /* "requested", "verified", "rejected", "ended" */
    const char *method; /* NULL until verified */
    int vouches;
    int64_t requested_at;
    const char *person_name; /* the requester's display name */
};

/* person_id's residencies, newest first (at most DESK_LIST_MAX). *items
 * from the arena. */
enum err desk_residencies_mine(struct db *db, struct arena *a, int64_t person_id,
                               struct desk_residency **items, int *n, struct fault *f);

/* The open requests in every gemeente act's person is a municipality admin
 * of now, oldest first (at most DESK_LIST_MAX). Only for someone acting as
 * a municipality admin (policy residency.list_requests, MEMBER): else
 * ERR_FORBIDDEN with the policy's reason. */
enum err desk_residency_queue(struct db *db, struct arena *a, const struct actor *act,
                              struct desk_residency **items, int *n, struct fault *f);

/* The open requests of others in the buurten act's person is a verified
 * resident of, that they have not vouched for yet, oldest first. Only for
 * someone acting as a resident (policy residency.vouch, MEMBER): else
 * ERR_FORBIDDEN with the policy's reason. */
enum err desk_vouch_queue(struct db *db, struct arena *a, const struct actor *act,
                          struct desk_residency **items, int *n, struct fault *f);

/* residency_verify, plus the public entry "residency.verify" on the buurt
 * (detail {"method": "admin"}), in one transaction. Errors as
 * residency_verify. */
enum err desk_verify(struct db *db, int64_t residency_id, const struct actor *act, struct fault *f);

/* residency_redeem, plus the public entry (method "letter", no person
 * named), in one transaction. Errors as residency_redeem. */
enum err desk_redeem(struct db *db, const char *code, const struct actor *act,
                     int64_t *residency_id, struct fault *f);

/* residency_vouch, plus the public entry (method "vouch", no person named)
 * when this vouch verified it, in one transaction. Errors as
 * residency_vouch. */
enum err desk_vouch(struct db *db, int64_t residency_id, const struct actor *act, bool *verified,
                    struct fault *f);

/* Makes session_id of act's person act in capacity ("resident:BU99010101";
 * NULL, "" or "person": none). ERR_FORBIDDEN, field "capacity", "You do not
 * hold the capacity you act in." when the person does not hold it;
 * otherwise the errors of session_set_capacity, which records
 * "session.capacity". */
enum err desk_choose_capacity(struct db *db, int64_t session_id, const char *capacity,
                              const struct actor *act, struct fault *f);

/* Asks act's person for their password again before a grave step (export,
 * erasure). ERR_FORBIDDEN, field "password", "The password is not right."
 * for a wrong or missing password; ERR_RATE_LIMITED (with *retry_after) as
 * person_authenticate under lim (may be NULL). */
enum err desk_reauthenticate(struct db *db, struct arena *a, const char *password, const char *ip,
                             const struct signin_limits *lim, const struct actor *act,
                             int64_t *retry_after, struct fault *f);

/* role_grant for the account with e-mail address email (the errors of
 * capacity_person_find), role a capacity name ("municipality_admin"; else
 * ERR_INVALID, field "role") and scope the gemeente code or organisation id
 * the role needs (may be NULL). *id may be NULL. */
enum err desk_grant_role(struct db *db, struct arena *a, const char *email, const char *role,
                         const char *scope, const struct actor *act, int64_t *id, struct fault *f);

#endif
