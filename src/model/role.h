/* Roles named by a platform admin (DESIGN.md §2): organisation admin (of
 * one organisation), municipality admin (of one gemeente), moderator and
 * platform admin. A grant stays as a row; revoking stamps it, so the
 * history of who held what remains. The very first platform admin cannot
 * be named by anyone on the platform: the operator makes them at the
 * console (`wijkregie user add --admin`, role_grant_console). */
#ifndef WIJK_MODEL_ROLE_H
#define WIJK_MODEL_ROLE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"
#include "policy/policy.h"

struct db;

/* What a role is held over: the organisation of an organisation admin, the
 * gemeente of a municipality admin; nothing for the others. */
struct role_scope {
    int64_t organisation_id; /* CAP_ORG_ADMIN only, else 0 */
    const char *gemeente;    /* CAP_MUNI_ADMIN only, else NULL */
};

/* Grants role (CAP_ORG_ADMIN, CAP_MUNI_ADMIN, CAP_MODERATOR or
 * CAP_PLATFORM_ADMIN, else ERR_INVALID, field "role") over scope to
 * person_id. The actor must act as a platform admin they are, and not for
 * themselves (policy role.grant_*; ERR_FORBIDDEN with its reason). A scope
 * that does not fit the role, an unknown organisation or a code that is no
 * known gemeente: ERR_INVALID, field "scope"; an unknown or erased person:
 * ERR_NOT_FOUND; a role the person holds already there: ERR_CONFLICT.
 * Records "role.grant" (restricted). *id (may be NULL) gets the grant. */
enum err role_grant(struct db *db, int64_t person_id, enum capacity role,
                    const struct role_scope *scope, const struct actor *act, int64_t *id,
                    struct fault *f);

/* role_grant by the operator at the console (act->person_id 0, capacity
 * CAPACITY_CONSOLE): the same checks of the role, scope and person, no
 * policy check -- whoever runs the command holds the database. For the
 * command line only; never reachable from a request. */
enum err role_grant_console(struct db *db, int64_t person_id, enum capacity role,
                            const struct role_scope *scope, const struct actor *act, int64_t *id,
                            struct fault *f);

/* Revokes grant grant_id at act->now. Only a platform admin, and not one
 * of their own grants (policy role.revoke; ERR_FORBIDDEN). ERR_NOT_FOUND
 * for an unknown grant, ERR_CONFLICT when it is revoked already. Records
 * "role.revoke". */
enum err role_revoke(struct db *db, int64_t grant_id, const struct actor *act, struct fault *f);

/* Whether person_id holds role over scope now (scope NULL: anywhere). */
enum err role_holds(struct db *db, int64_t person_id, enum capacity role,
                    const struct role_scope *scope, bool *holds, struct fault *f);

#endif
