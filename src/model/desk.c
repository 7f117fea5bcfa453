/* The capacity desks: bounded lists for the residency pages, verification
 * with its public trace on the buurt, choosing a session's capacity,
 * re-authentication and naming a role by e-mail address (model/desk.h). */
#include "model/desk.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/person.h"
#include "model/residency.h"
#include "model/role.h"
#include "model/session.h"
#include "model/tx.h"

#define RESIDENCY_COLUMNS                                                                          \
    "SELECT r.id, r.buurt_code, b.name, r.status, r.method, r.vouches, r.requested_at, "           \
    "p.display_name FROM residency r JOIN area b ON b.code = r.buurt_code "                        \
    "JOIN person p ON p.id = r.person_id "

static const char mine_sql[] =
    RESIDENCY_COLUMNS "WHERE r.person_id = ? ORDER BY r.requested_at DESC, r.id DESC LIMIT 500";

/* The gemeente of a buurt is its wijk's parent; the admin's grant names it. */
static const char queue_sql[] = RESIDENCY_COLUMNS
    "JOIN area w ON w.code = b.parent_code "
    "WHERE r.status = 'requested' AND EXISTS (SELECT 1 FROM role_grant g "
    "WHERE g.person_id = ? AND g.role = 'municipality_admin' AND g.revoked_at IS NULL "
    "AND g.gemeente_code = w.parent_code) "
    "ORDER BY r.requested_at, r.id LIMIT 500";

static const char vouch_sql[] = RESIDENCY_COLUMNS
    "WHERE r.status = 'requested' AND r.person_id <> ? AND EXISTS (SELECT 1 FROM residency v "
    "WHERE v.person_id = ? AND v.buurt_code = r.buurt_code AND v.status = 'verified') "
    "AND NOT EXISTS (SELECT 1 FROM vouch x WHERE x.residency_id = r.id AND x.voucher_id = ?) "
    "ORDER BY r.requested_at, r.id LIMIT 500";

/* Runs one of the lists above, binding person_id to each of its nbind
 * placeholders. */
static enum err list(struct db *db, struct arena *a, const char *sql, int nbind, int64_t person_id,
                     struct desk_residency **items, int *n, struct fault *f)
{
    *items = arena_array(a, DESK_LIST_MAX, sizeof **items);
    *n = 0;
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    for (int i = 1; i <= nbind; i++)
        db_bind_int(st, i, person_id);
    enum db_rc rc;
    while (*n < DESK_LIST_MAX && (rc = db_step(st)) == DB_ROW) {
        (*items)[(*n)++] = (struct desk_residency){
            .id = db_col_int(st, 0),
            .buurt_code = arena_strdup(a, db_col_text(st, 1)),
            .buurt_name = arena_strdup(a, db_col_text(st, 2)),
            .status = arena_strdup(a, db_col_text(st, 3)),
            .method = db_col_is_null(st, 4) ? NULL : arena_strdup(a, db_col_text(st, 4)),
            .vouches = (int)db_col_int(st, 5),
            .requested_at = db_col_int(st, 6),
            .person_name = arena_strdup(a, db_col_text(st, 7)),
        };
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err desk_residencies_mine(struct db *db, struct arena *a, int64_t person_id,
                               struct desk_residency **items, int *n, struct fault *f)
{
    return list(db, a, mine_sql, 1, person_id, items, n, f);
}

enum err desk_residency_queue(struct db *db, struct arena *a, const struct actor *act,
                              struct desk_residency **items, int *n, struct fault *f)
{
    *n = 0;
    enum err e = capacity_check(db, act, ACT_RESIDENCY_LIST_REQUESTS, REL_MEMBER, f);
    return e != ERR_OK ? e : list(db, a, queue_sql, 1, act->person_id, items, n, f);
}

enum err desk_vouch_queue(struct db *db, struct arena *a, const struct actor *act,
                          struct desk_residency **items, int *n, struct fault *f)
{
    *n = 0;
    enum err e = capacity_check(db, act, ACT_RESIDENCY_VOUCH, REL_MEMBER, f);
    return e != ERR_OK ? e : list(db, a, vouch_sql, 3, act->person_id, items, n, f);
}

/* The public entry on the residency's buurt. Only an admin's verification
 * names its actor (an official act); a letter or vouches name nobody, so
 * that the public log never tells who lives where. */
static enum err record_public(struct db *db, int64_t residency_id, const char *method,
                              const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct residency r;
    enum err e = residency_get(db, a, residency_id, &r, f);
    if (e == ERR_OK) {
        bool official = strcmp(method, "admin") == 0;
        json_t *detail = json_pack("{s:s}", "method", method);
        struct audit_entry entry = {.at = act->now,
                                    .person_id = official ? act->person_id : 0,
                                    .capacity = official ? act->capacity : NULL,
                                    .action = "residency.verify",
                                    .object_type = "area",
                                    .object_id = r.buurt_code,
                                    .area_code = r.buurt_code,
                                    .request_id = act->request_id,
                                    .is_public = true,
                                    .detail = detail};
        e = audit_record(db, &entry, f);
        json_decref(detail);
    }
    arena_free(a);
    return e;
}

enum err desk_verify(struct db *db, int64_t residency_id, const struct actor *act, struct fault *f)
{
    bool own;
    enum err e = tx_begin(db, &own, f);
    if (e != ERR_OK)
        return e;
    e = residency_verify(db, residency_id, act, f);
    if (e == ERR_OK)
        e = record_public(db, residency_id, "admin", act, f);
    return tx_end(db, own, e, f);
}

enum err desk_redeem(struct db *db, const char *code, const struct actor *act,
                     int64_t *residency_id, struct fault *f)
{
    int64_t id = 0;
    bool own;
    enum err e = tx_begin(db, &own, f);
    if (e != ERR_OK)
        return e;
    e = residency_redeem(db, code, act, &id, f);
    if (e == ERR_OK)
        e = record_public(db, id, "letter", act, f);
    e = tx_end(db, own, e, f);
    if (residency_id)
        *residency_id = e == ERR_OK ? id : 0;
    return e;
}

enum err desk_vouch(struct db *db, int64_t residency_id, const struct actor *act, bool *verified,
                    struct fault *f)
{
    bool done = false, own;
    enum err e = tx_begin(db, &own, f);
    if (e != ERR_OK)
        return e;
    e = residency_vouch(db, residency_id, act, &done, f);
    if (e == ERR_OK && done)
        e = record_public(db, residency_id, "vouch", act, f);
    e = tx_end(db, own, e, f);
    if (verified)
        *verified = e == ERR_OK && done;
    return e;
}

enum err desk_choose_capacity(struct db *db, int64_t session_id, const char *capacity,
                              const struct actor *act, struct fault *f)
{
    if (!capacity || !*capacity || strcmp(capacity, "person") == 0)
        return session_set_capacity(db, act->person_id, session_id, NULL, act, f);
    bool may = false;
    enum err e = session_capacity_valid(capacity)
                     ? capacity_may_act(db, act->person_id, capacity, &may, f)
                     : ERR_OK;
    if (e != ERR_OK)
        return e;
    if (!may)
        return fault_set(f, ERR_FORBIDDEN, "capacity", "You do not hold the capacity you act in.",
                         NULL);
    return session_set_capacity(db, act->person_id, session_id, capacity, act, f);
}

enum err desk_reauthenticate(struct db *db, struct arena *a, const char *password, const char *ip,
                             const struct signin_limits *lim, const struct actor *act,
                             int64_t *retry_after, struct fault *f)
{
    struct person p;
    enum err e = person_get(db, a, act->person_id, &p, f);
    if (e != ERR_OK)
        return e;
    int64_t who = 0;
    e = person_authenticate(db, a, p.email ? p.email : "", password ? password : "", ip, lim,
                            act->now, &who, retry_after, f);
    if (e == ERR_UNAUTHORIZED || (e == ERR_OK && who != act->person_id))
        return fault_set(f, ERR_FORBIDDEN, "password", "The password is not right.", NULL);
    return e;
}

/* The scope a role needs from its text form. */
static enum err parse_scope(enum capacity role, const char *scope, struct role_scope *out,
                            struct fault *f)
{
    *out = (struct role_scope){0};
    if (role == CAP_MUNI_ADMIN) {
        out->gemeente = scope;
    } else if (role == CAP_ORG_ADMIN && scope) {
        char *end = NULL;
        errno = 0;
        long long id = strtoll(scope, &end, 10);
        if (errno || end == scope || *end || id <= 0)
            return fault_set(f, ERR_INVALID, "scope", "Enter the organisation's number.", NULL);
        out->organisation_id = id;
    }
    return ERR_OK;
}

enum err desk_grant_role(struct db *db, struct arena *a, const char *email, const char *role,
                         const char *scope, const struct actor *act, int64_t *id, struct fault *f)
{
    enum capacity cap;
    if (!role || !policy_capacity_parse(role, &cap) || cap < CAP_ORG_ADMIN)
        return fault_set(f, ERR_INVALID, "role", "Choose a role.", NULL);
    struct role_scope sc;
    enum err e = parse_scope(cap, scope, &sc, f);
    struct capacity_person p;
    if (e == ERR_OK)
        e = capacity_person_find(db, a, email ? email : "", &p, f);
    if (e == ERR_OK)
        e = role_grant(db, p.id, cap, &sc, act, id, f);
    return e;
}
