/* Organisations: the arena's actors (DESIGN.md §3) -- institutions, formal
 * associations, informal groups, existing initiatives and businesses. This
 * is the minimal module the posts at organisations need: a name, a kind,
 * and when it was registered. Profiles, services, areas served and the
 * relations between organisations extend it later; they add functions here
 * and columns in a migration of their own, without changing these.
 *
 * Registering one is a write: it checks its actor against the policy table
 * (organisation.create: a platform admin; the operator at the console, who
 * holds the database, without a check) and records the public audit entry
 * "organisation.create" in the same transaction. Reading is open to
 * everyone (organisation.view), so the reads take no actor. */
#ifndef WIJK_MODEL_ORGANISATION_H
#define WIJK_MODEL_ORGANISATION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    ORGANISATION_NAME_MAX = 200, /* characters */
    ORGANISATION_LIST_MAX = 1000, /* rows organisation_list gives at most */
};

struct organisation {
    int64_t id;
    const char *name;
    const char *kind; /* see organisation_kind_valid */
    int64_t created_at;
};

/* The kinds, NULL-terminated: institution, formal_association,
 * informal_group, existing_initiative, business. Static storage. */
const char *const *organisation_kinds(void);

/* Whether kind is one of organisation_kinds(). */
bool organisation_kind_valid(const char *kind);

/* Registers an organisation called name (1..200 characters, one line, not
 * only spaces; else ERR_INVALID, field "name") of kind (else ERR_INVALID,
 * field "kind"). The actor acts as a platform admin they are (policy
 * organisation.create; ERR_FORBIDDEN with its reason, checked before the
 * input), or is the console (person 0, capacity CAPACITY_CONSOLE). Records
 * the public entry "organisation.create" (detail: the kind; never the name,
 * which is free text) in the same transaction, own or the caller's. *id
 * may be NULL. */
enum err organisation_create(struct db *db, const char *name, const char *kind,
                             const struct actor *act, int64_t *id, struct fault *f);

/* Loads organisation id; ERR_NOT_FOUND, field "organisation", when there is
 * none. Strings from the arena. */
enum err organisation_get(struct db *db, struct arena *a, int64_t id, struct organisation *out,
                          struct fault *f);

/* The organisations ordered by name, then id: at most limit of them (1 to
 * ORGANISATION_LIST_MAX, else ERR_INVALID, field "limit"). *items from the
 * arena, *n their number. */
enum err organisation_list(struct db *db, struct arena *a, int limit, struct organisation **items,
                           int *n, struct fault *f);

/* The id of the organisation called exactly name, 0 when there is none
 * (the lowest id when several share it). For the demo and the console. */
enum err organisation_find(struct db *db, const char *name, int64_t *id, struct fault *f);

#endif
