/* Role grants (see role.h). Holding a role twice is refused by the partial
 * unique indexes of role_grant, not by a read before the write: the insert
 * says ON CONFLICT DO NOTHING and an insert that added nothing is the
 * conflict. Revoking is a conditional UPDATE for the same reason. */
#include "model/role.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/area.h"
#include "model/capacity.h"
#include "model/tx.h"

static bool is_role(enum capacity role)
{
    return role == CAP_ORG_ADMIN || role == CAP_MUNI_ADMIN || role == CAP_MODERATOR ||
           role == CAP_PLATFORM_ADMIN;
}

static enum action grant_action(enum capacity role)
{
    switch (role) {
    case CAP_ORG_ADMIN:
        return ACT_ROLE_GRANT_ORG_ADMIN;
    case CAP_MUNI_ADMIN:
        return ACT_ROLE_GRANT_MUNI_ADMIN;
    case CAP_MODERATOR:
        return ACT_ROLE_GRANT_MODERATOR;
    case CAP_PLATFORM_ADMIN:
        return ACT_ROLE_GRANT_PLATFORM_ADMIN;
    default:
        return ACTION_UNKNOWN;
    }
}

/* The number of rows of a one-parameter COUNT(*) query; -1 on a database error. */
static int64_t count_where(struct db *db, const char *sql, int64_t id, const char *text)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return -1;
    if (text)
        db_bind_text(st, 1, text);
    else
        db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    int64_t n = rc == DB_ROW ? db_col_int(st, 0) : -1;
    db_done(st);
    return n;
}

static enum err check_scope(struct db *db, enum capacity role, const struct role_scope *scope,
                            struct fault *f)
{
    int64_t org = scope ? scope->organisation_id : 0;
    const char *gm = scope ? scope->gemeente : NULL;
    enum area_kind kind = 0;
    bool fits = role == CAP_ORG_ADMIN ? org > 0 && !gm
                : role == CAP_MUNI_ADMIN
                    ? org == 0 && gm && area_code_valid(gm, &kind) && kind == AREA_GEMEENTE
                    : org == 0 && !gm;
    int64_t n = 1;
    if (fits && role == CAP_ORG_ADMIN)
        n = count_where(db, "SELECT COUNT(*) FROM organisation WHERE id = ?", org, NULL);
    else if (fits && role == CAP_MUNI_ADMIN)
        n = count_where(db, "SELECT COUNT(*) FROM area WHERE code = ? AND kind = 'gemeente'", 0,
                        gm);
    if (n < 0)
        return db_fault(db, f);
    if (!fits || n == 0)
        return fault_set(f, ERR_INVALID, "scope",
                         "An organisation admin needs a known organisation, a municipality admin "
                         "a known gemeente, and the other roles no scope.",
                         NULL);
    return ERR_OK;
}

static enum err check_grant(struct db *db, int64_t person_id, enum capacity role,
                            const struct role_scope *scope, struct fault *f)
{
    if (!is_role(role))
        return fault_set(f, ERR_INVALID, "role", "Unknown role.", NULL);
    enum err e = check_scope(db, role, scope, f);
    if (e != ERR_OK)
        return e;
    int64_t n = count_where(db, "SELECT COUNT(*) FROM person WHERE id = ? AND erased_at IS NULL",
                            person_id, NULL);
    if (n < 0)
        return db_fault(db, f);
    return n == 0 ? fault_set(f, ERR_NOT_FOUND, NULL, "There is no such person.", NULL) : ERR_OK;
}

static enum err insert_grant(struct db *db, int64_t person_id, enum capacity role,
                             const struct role_scope *scope, const struct actor *act, int64_t *id,
                             struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO role_grant (person_id, role, organisation_id, gemeente_code, granted_by, "
            "granted_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, policy_capacity_name(role));
    if (scope && scope->organisation_id > 0)
        db_bind_int(st, 3, scope->organisation_id);
    else
        db_bind_null(st, 3);
    db_bind_text(st, 4, scope ? scope->gemeente : NULL);
    if (act->person_id > 0)
        db_bind_int(st, 5, act->person_id);
    else
        db_bind_null(st, 5);
    db_bind_int(st, 6, act->now);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_CONFLICT, "role", "This person holds this role already.", NULL);
    return ERR_OK;
}

static enum err record(struct db *db, const struct actor *act, const char *action, int64_t grant,
                       int64_t person_id, enum capacity role, struct fault *f)
{
    char id[24];
    snprintf(id, sizeof id, "%" PRId64, grant);
    json_t *detail = json_pack("{s:I, s:s}", "person_id", (json_int_t)person_id, "role",
                               policy_capacity_name(role));
    struct audit_entry entry = {.at = act->now,
                                .person_id = act->person_id,
                                .capacity = act->capacity,
                                .action = action,
                                .object_type = "role_grant",
                                .object_id = id,
                                .request_id = act->request_id,
                                .detail = detail};
    enum err e = audit_record(db, &entry, f);
    json_decref(detail);
    return e;
}

static enum err grant(struct db *db, int64_t person_id, enum capacity role,
                      const struct role_scope *scope, const struct actor *act, int64_t *id,
                      struct fault *f)
{
    int64_t new_id = 0;
    bool own;
    enum err e = tx_begin(db, &own, f);
    if (e != ERR_OK)
        return e;
    e = check_grant(db, person_id, role, scope, f);
    if (e == ERR_OK)
        e = insert_grant(db, person_id, role, scope, act, &new_id, f);
    if (e == ERR_OK)
        e = record(db, act, "role.grant", new_id, person_id, role, f);
    e = tx_end(db, own, e, f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

enum err role_grant(struct db *db, int64_t person_id, enum capacity role,
                    const struct role_scope *scope, const struct actor *act, int64_t *id,
                    struct fault *f)
{
    enum capacity cap;
    if (!is_role(role))
        return fault_set(f, ERR_INVALID, "role", "Unknown role.", NULL);
    enum err e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK)
        e = capacity_authorise(grant_action(role), cap,
                               person_id == act->person_id ? REL_OWN : REL_OTHER, f);
    return e == ERR_OK ? grant(db, person_id, role, scope, act, id, f) : e;
}

enum err role_grant_console(struct db *db, int64_t person_id, enum capacity role,
                            const struct role_scope *scope, const struct actor *act, int64_t *id,
                            struct fault *f)
{
    return grant(db, person_id, role, scope, act, id, f);
}

/* The grantee and role of grant_id; ERR_NOT_FOUND when there is none. */
static enum err grant_of(struct db *db, int64_t grant_id, int64_t *person_id, enum capacity *role,
                         struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT person_id, role FROM role_grant WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, grant_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *person_id = db_col_int(st, 0);
        policy_capacity_parse(db_col_text(st, 1), role);
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_DONE ? fault_set(f, ERR_NOT_FOUND, NULL, "There is no such role grant.", NULL)
                         : ERR_OK;
}

static enum err mark_revoked(struct db *db, int64_t grant_id, const struct actor *act,
                             struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "UPDATE role_grant SET revoked_by = ?, revoked_at = ? "
                                        "WHERE id = ? AND revoked_at IS NULL");
    if (!st)
        return db_fault(db, f);
    if (act->person_id > 0)
        db_bind_int(st, 1, act->person_id);
    else
        db_bind_null(st, 1);
    db_bind_int(st, 2, act->now);
    db_bind_int(st, 3, grant_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return db_changes(db) == 0
               ? fault_set(f, ERR_CONFLICT, NULL, "This role has been taken away already.", NULL)
               : ERR_OK;
}

enum err role_revoke(struct db *db, int64_t grant_id, const struct actor *act, struct fault *f)
{
    enum capacity cap, role = CAP_VISITOR;
    int64_t person_id = 0;
    enum err e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK)
        e = grant_of(db, grant_id, &person_id, &role, f);
    if (e == ERR_OK)
        e = capacity_authorise(ACT_ROLE_REVOKE, cap,
                               person_id == act->person_id ? REL_OWN : REL_OTHER, f);
    if (e != ERR_OK)
        return e;
    bool own;
    if ((e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = mark_revoked(db, grant_id, act, f);
    if (e == ERR_OK)
        e = record(db, act, "role.revoke", grant_id, person_id, role, f);
    return tx_end(db, own, e, f);
}

enum err role_holds(struct db *db, int64_t person_id, enum capacity role,
                    const struct role_scope *scope, bool *holds, struct fault *f)
{
    *holds = false;
    if (!is_role(role))
        return ERR_OK;
    struct arena *a = arena_new();
    const char *claim = policy_capacity_name(role);
    if (scope && scope->organisation_id > 0)
        claim = arena_printf(a, "%s:%" PRId64, claim, scope->organisation_id);
    else if (scope && scope->gemeente)
        claim = arena_printf(a, "%s:%s", claim, scope->gemeente);
    enum err e = capacity_may_act(db, person_id, claim, holds, f);
    arena_free(a);
    return e;
}
