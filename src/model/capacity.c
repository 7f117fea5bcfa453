/* Capacities held, checked claims, policy verdicts as errors, and
 * declarations of interest (see capacity.h). What a person holds is one
 * query over the three tables that confer capacities, so that the list, the
 * check of a claim and the operator's filter cannot disagree. */
#include "model/capacity.h"

#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/area.h"
#include "model/person.h"
#include "model/tx.h"

/* Every capacity a person holds: (name, qualifier), the first binding the
 * person id three times. */
#define HELD_SQL                                                                                   \
    "SELECT 'resident' AS name, buurt_code AS qualifier FROM residency "                           \
    "WHERE person_id = ? AND status = 'verified' "                                                 \
    "UNION ALL SELECT 'professional', CAST(organisation_id AS TEXT) FROM post "                    \
    "WHERE person_id = ? AND status = 'confirmed' "                                                \
    "UNION ALL SELECT role, COALESCE(gemeente_code, CAST(organisation_id AS TEXT)) "               \
    "FROM role_grant WHERE person_id = ? AND revoked_at IS NULL "

enum err capacity_list(struct db *db, struct arena *a, int64_t person_id,
                       struct capacity_held **items, int *n, struct fault *f)
{
    enum { MAX = 1000 };
    *items = arena_array(a, MAX, sizeof **items);
    *n = 0;
    struct db_stmt *st = db_prepare(db, HELD_SQL "ORDER BY 1, 2 LIMIT 1000");
    if (!st)
        return db_fault(db, f);
    for (int i = 1; i <= 3; i++)
        db_bind_int(st, i, person_id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct capacity_held *h = &(*items)[*n];
        if (!policy_capacity_parse(db_col_text(st, 0), &h->capacity))
            continue; /* the CHECKs allow no other name */
        h->name = policy_capacity_name(h->capacity);
        h->qualifier = arena_strdup(a, db_col_text(st, 1));
        (*n)++;
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err capacity_may_act(struct db *db, int64_t person_id, const char *capacity, bool *may,
                          struct fault *f)
{
    *may = false;
    if (!capacity)
        return ERR_OK;
    size_t name_len = strcspn(capacity, ":");
    const char *qualifier = capacity[name_len] == ':' ? capacity + name_len + 1 : NULL;
    struct db_stmt *st =
        db_prepare(db, "SELECT COUNT(*) FROM (" HELD_SQL ") held "
                       "WHERE name = ? AND (CAST(? AS TEXT) IS NULL OR qualifier = ?)");
    if (!st)
        return db_fault(db, f);
    char name[32];
    if (name_len >= sizeof name) {
        db_done(st);
        return ERR_OK;
    }
    memcpy(name, capacity, name_len);
    name[name_len] = '\0';
    for (int i = 1; i <= 3; i++)
        db_bind_int(st, i, person_id);
    db_bind_text(st, 4, name);
    db_bind_text(st, 5, qualifier);
    db_bind_text(st, 6, qualifier);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *may = db_col_int(st, 0) > 0;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err capacity_of_actor(struct db *db, const struct actor *act, enum capacity *cap,
                           struct fault *f)
{
    *cap = CAP_VISITOR;
    if (act->person_id <= 0)
        return ERR_OK;
    *cap = CAP_PERSON;
    if (!act->capacity || strcmp(act->capacity, "person") == 0)
        return ERR_OK;
    bool may = false;
    enum err e = capacity_may_act(db, act->person_id, act->capacity, &may, f);
    if (e != ERR_OK)
        return e;
    char name[32];
    size_t name_len = strcspn(act->capacity, ":");
    if (!may || name_len >= sizeof name)
        return fault_set(f, ERR_FORBIDDEN, "capacity", "You do not hold the capacity you act in.",
                         NULL);
    memcpy(name, act->capacity, name_len);
    name[name_len] = '\0';
    policy_capacity_parse(name, cap);
    return ERR_OK;
}

enum err capacity_authorise(enum action action, enum capacity cap, enum relation rel,
                            struct fault *f)
{
    struct verdict v = policy_check(action, cap, rel);
    return v.allowed ? ERR_OK : fault_set(f, ERR_FORBIDDEN, NULL, v.reason, NULL);
}

bool capacity_is_console(const struct actor *act)
{
    return act->person_id == 0 && act->capacity && strcmp(act->capacity, CAPACITY_CONSOLE) == 0;
}

const char *capacity_qualifier(const struct actor *act)
{
    const char *colon = act->capacity ? strchr(act->capacity, ':') : NULL;
    return colon && colon[1] ? colon + 1 : NULL;
}

enum err capacity_check(struct db *db, const struct actor *act, enum action action,
                        enum relation rel, struct fault *f)
{
    enum capacity cap;
    enum err e = capacity_of_actor(db, act, &cap, f);
    return e != ERR_OK ? e : capacity_authorise(action, cap, rel, f);
}

enum err capacity_buurt_gemeente(struct db *db, struct arena *a, const char *buurt_code,
                                 const char **gemeente, struct fault *f)
{
    *gemeente = NULL;
    enum area_kind kind = 0;
    if (!buurt_code || !area_code_valid(buurt_code, &kind) || kind != AREA_BUURT)
        return fault_set(f, ERR_INVALID, "buurt", "Enter a buurt code such as BU03630101.", NULL);
    struct db_stmt *st =
        db_prepare(db, "SELECT w.parent_code FROM area b JOIN area w ON w.code = b.parent_code "
                       "WHERE b.code = ? AND b.kind = 'buurt'");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, buurt_code);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *gemeente = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE || !*gemeente)
        return fault_set(f, ERR_NOT_FOUND, "buurt", "There is no buurt with code %s.", buurt_code,
                         NULL);
    return ERR_OK;
}

enum err capacity_buurt_admin(struct db *db, const char *buurt_code, int64_t person_id,
                              bool *is_admin, struct fault *f)
{
    *is_admin = false;
    struct arena *a = arena_new();
    const char *gemeente = NULL;
    enum err e = capacity_buurt_gemeente(db, a, buurt_code, &gemeente, f);
    if (e == ERR_OK && person_id > 0) {
        const char *claim = arena_printf(a, "municipality_admin:%s", gemeente);
        e = capacity_may_act(db, person_id, claim, is_admin, f);
    }
    arena_free(a);
    return e;
}

enum err capacity_conflict(struct db *db, int64_t person_id, int64_t organisation_id,
                           bool *conflict, struct fault *f)
{
    *conflict = false;
    struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM post WHERE person_id = ? "
                                        "AND organisation_id = ? AND status = 'confirmed'");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    db_bind_int(st, 2, organisation_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *conflict = db_col_int(st, 0) > 0;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err check_note(const char *note, struct fault *f)
{
    size_t n = note ? strlen(note) : 0;
    if (n > 0 && (!utf8_valid(note, n) || utf8_has_controls(note, n, true) ||
                  utf8_count(note, n) > INTEREST_NOTE_MAX))
        return fault_set(f, ERR_INVALID, "note", "The note must be at most 500 characters.", NULL);
    return ERR_OK;
}

/* Inserts the declaration when the organisation exists; *id stays 0 when not. */
static enum err insert_declaration(struct db *db, int64_t organisation_id, const char *note,
                                   const struct actor *act, int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO interest_declaration (person_id, organisation_id, note, declared_at) "
            "SELECT ?, id, ?, ? FROM organisation WHERE id = ? RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->person_id);
    db_bind_text(st, 2, note && *note ? note : NULL);
    db_bind_int(st, 3, act->now);
    db_bind_int(st, 4, organisation_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_NOT_FOUND, "organisation", "There is no such organisation.", NULL);
    return ERR_OK;
}

enum err capacity_declare_interest(struct db *db, int64_t organisation_id, const char *note,
                                   const struct actor *act, int64_t *id, struct fault *f)
{
    enum capacity cap;
    enum err e = check_note(note, f);
    if (e == ERR_OK)
        e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK)
        e = capacity_authorise(ACT_INTEREST_DECLARE, cap, REL_OWN, f);
    if (e != ERR_OK)
        return e;
    int64_t new_id = 0;
    bool own;
    if ((e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = insert_declaration(db, organisation_id, note, act, &new_id, f);
    if (e == ERR_OK)
        e = audit_record_private(db, act, "interest.declare", "interest_declaration", new_id, f);
    e = tx_end(db, own, e, f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

enum err capacity_declared(struct db *db, int64_t person_id, int64_t organisation_id,
                           bool *declared, struct fault *f)
{
    *declared = false;
    struct db_stmt *st = db_prepare(
        db,
        "SELECT COUNT(*) FROM interest_declaration WHERE person_id = ? AND organisation_id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    db_bind_int(st, 2, organisation_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *declared = db_col_int(st, 0) > 0;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err capacity_people(struct db *db, struct arena *a, const char *capacity, int limit,
                         struct capacity_person **items, int *n, struct fault *f)
{
    enum capacity cap;
    *items = NULL;
    *n = 0;
    if (limit < 1 || limit > 10000)
        return fault_set(f, ERR_INVALID, "limit", "The limit must be from 1 to 10000.", NULL);
    if (capacity && (!policy_capacity_parse(capacity, &cap) || cap < CAP_RESIDENT))
        return fault_set(f, ERR_INVALID, "role", "Unknown capacity.", NULL);
    struct db_stmt *st =
        db_prepare(db, "SELECT p.id, p.email, p.display_name, p.created_at FROM person p "
                       "WHERE p.erased_at IS NULL AND (CAST(? AS TEXT) IS NULL "
                       "OR EXISTS (SELECT 1 FROM residency r WHERE r.person_id = p.id "
                       "AND r.status = 'verified' AND CAST(? AS TEXT) = 'resident') "
                       "OR EXISTS (SELECT 1 FROM post t WHERE t.person_id = p.id "
                       "AND t.status = 'confirmed' AND CAST(? AS TEXT) = 'professional') "
                       "OR EXISTS (SELECT 1 FROM role_grant g WHERE g.person_id = p.id "
                       "AND g.revoked_at IS NULL AND g.role = ?)) ORDER BY p.id LIMIT ?");
    if (!st)
        return db_fault(db, f);
    for (int i = 1; i <= 4; i++)
        db_bind_text(st, i, capacity);
    db_bind_int(st, 5, limit);
    *items = arena_array(a, (size_t)limit, sizeof **items);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct capacity_person *p = &(*items)[(*n)++];
        p->id = db_col_int(st, 0);
        p->email = arena_strdup(a, db_col_text(st, 1));
        p->display_name = arena_strdup(a, db_col_text(st, 2));
        p->created_at = db_col_int(st, 3);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err capacity_person_find(struct db *db, struct arena *a, const char *email,
                              struct capacity_person *out, struct fault *f)
{
    const char *norm;
    enum err e = person_email_normalise(a, email, &norm, f);
    if (e != ERR_OK)
        return e;
    struct db_stmt *st = db_prepare(db, "SELECT id, email, display_name, created_at FROM person "
                                        "WHERE email = ? AND erased_at IS NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, norm);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        out->id = db_col_int(st, 0);
        out->email = arena_strdup(a, db_col_text(st, 1));
        out->display_name = arena_strdup(a, db_col_text(st, 2));
        out->created_at = db_col_int(st, 3);
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_DONE ? fault_set(f, ERR_NOT_FOUND, "email",
                                     "There is no account with this e-mail address.", NULL)
                         : ERR_OK;
}
