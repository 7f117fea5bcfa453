/* Reading rule-free zones (see zone.h): a zone with its rules, initiatives
 * and responsibilities, the lists per gemeente or collective, the state
 * computed from the dates, and the area geometries for the map. */
#include "model/zone.h"

#include <string.h>

#include "core/arena.h"
#include "db/db.h"

const char *zone_state(const struct zone *z, const char *today)
{
    if (strcmp(z->status, "requested") == 0 || strcmp(z->status, "refused") == 0)
        return z->status;
    if (strcmp(z->status, "ended") == 0 || strcmp(today, z->valid_to) > 0)
        return "ended";
    return strcmp(today, z->valid_from) < 0 ? "granted" : "active";
}

bool zone_evaluation_overdue(const struct zone *z, const char *today)
{
    return strcmp(zone_state(z, today), "ended") == 0 && z->evaluation == NULL;
}

static const char *text_or_null(struct db_stmt *st, int col, struct arena *a)
{
    return db_col_is_null(st, col) ? NULL : db_col_text_dup(st, col, a);
}

#define ZONE_COLUMNS                                                                               \
    "SELECT z.id, z.collective_id, c.name, z.gemeente_code, g.name, z.area_code, ar.name, "        \
    "z.title, z.reason, z.evaluation_plan, z.valid_from, z.valid_to, z.status, z.requested_by, "   \
    "z.requested_capacity, z.requested_at, z.decided_by, z.decided_capacity, z.decided_at, "       \
    "z.decision_ref, z.decision_note, z.ended_at, z.evaluation, z.evaluated_by, "                  \
    "z.evaluated_capacity, z.evaluated_at FROM zone z "                                            \
    "JOIN collective c ON c.id = z.collective_id JOIN area g ON g.code = z.gemeente_code "         \
    "JOIN area ar ON ar.code = z.area_code "

static void read_row(struct db_stmt *st, struct arena *a, struct zone *z)
{
    memset(z, 0, sizeof *z);
    z->id = db_col_int(st, 0);
    z->collective_id = db_col_int(st, 1);
    z->collective_name = db_col_text_dup(st, 2, a);
    z->gemeente_code = db_col_text_dup(st, 3, a);
    z->gemeente_name = db_col_text_dup(st, 4, a);
    z->area_code = db_col_text_dup(st, 5, a);
    z->area_name = db_col_text_dup(st, 6, a);
    z->title = db_col_text_dup(st, 7, a);
    z->reason = db_col_text_dup(st, 8, a);
    z->evaluation_plan = db_col_text_dup(st, 9, a);
    z->valid_from = db_col_text_dup(st, 10, a);
    z->valid_to = db_col_text_dup(st, 11, a);
    z->status = db_col_text_dup(st, 12, a);
    z->requested_by = db_col_int(st, 13);
    z->requested_capacity = text_or_null(st, 14, a);
    z->requested_at = db_col_int(st, 15);
    z->decided_by = db_col_int(st, 16);
    z->decided_capacity = text_or_null(st, 17, a);
    z->decided_at = db_col_int(st, 18);
    z->decision_ref = text_or_null(st, 19, a);
    z->decision_note = text_or_null(st, 20, a);
    z->ended_at = db_col_int(st, 21);
    z->evaluation = text_or_null(st, 22, a);
    z->evaluated_by = db_col_int(st, 23);
    z->evaluated_capacity = text_or_null(st, 24, a);
    z->evaluated_at = db_col_int(st, 25);
}

static enum err load_rules(struct db *db, struct arena *a, struct zone *z, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT reference, legal_basis, conditions FROM zone_rule "
                                        "WHERE zone_id = ? ORDER BY position");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, z->id);
    z->rules = arena_array(a, ZONE_RULES_MAX, sizeof *z->rules);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && z->n_rules < ZONE_RULES_MAX) {
        struct zone_rule *r = &z->rules[z->n_rules++];
        r->reference = db_col_text_dup(st, 0, a);
        r->legal_basis = db_col_text_dup(st, 1, a);
        r->conditions = db_col_text_dup(st, 2, a);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err load_initiatives(struct db *db, struct arena *a, struct zone *z, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT i.id, i.title FROM zone_initiative zi "
                                        "JOIN initiative i ON i.id = zi.initiative_id "
                                        "WHERE zi.zone_id = ? ORDER BY i.id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, z->id);
    z->initiatives = arena_array(a, ZONE_INITIATIVES_MAX, sizeof *z->initiatives);
    z->initiative_titles = arena_array(a, ZONE_INITIATIVES_MAX, sizeof(char *));
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && z->n_initiatives < ZONE_INITIATIVES_MAX) {
        z->initiatives[z->n_initiatives] = db_col_int(st, 0);
        z->initiative_titles[z->n_initiatives++] = db_col_text_dup(st, 1, a);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err load_duties(struct db *db, struct arena *a, struct zone *z, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT holder, subject FROM zone_responsibility "
                                        "WHERE zone_id = ? ORDER BY position");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, z->id);
    z->duties = arena_array(a, ZONE_ITEMS_MAX, sizeof *z->duties);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && z->n_duties < ZONE_ITEMS_MAX) {
        z->duties[z->n_duties].holder = db_col_text_dup(st, 0, a);
        z->duties[z->n_duties++].subject = db_col_text_dup(st, 1, a);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err zone_get(struct db *db, struct arena *a, int64_t id, struct zone *out, struct fault *f)
{
    memset(out, 0, sizeof *out);
    struct db_stmt *st = db_prepare(db, ZONE_COLUMNS "WHERE z.id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        read_row(st, a, out);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc != DB_ROW)
        return fault_set(f, ERR_NOT_FOUND, "zone", "There is no such rule-free zone.", NULL);
    enum err e = load_rules(db, a, out, f);
    if (e == ERR_OK)
        e = load_initiatives(db, a, out, f);
    return e == ERR_OK ? load_duties(db, a, out, f) : e;
}

enum err zone_list(struct db *db, struct arena *a, const char *gemeente, int64_t collective_id,
                   struct zone **items, int *n, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, ZONE_COLUMNS "WHERE (CAST(? AS TEXT) IS NULL OR "
                                                     "z.gemeente_code = ?) AND (? = 0 OR "
                                                     "z.collective_id = ?) ORDER BY z.id DESC");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, gemeente);
    db_bind_text(st, 2, gemeente);
    db_bind_int(st, 3, collective_id);
    db_bind_int(st, 4, collective_id);
    struct zone *v = arena_array(a, ZONE_LIST_MAX, sizeof *v);
    int k = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && k < ZONE_LIST_MAX)
        read_row(st, a, &v[k++]);
    db_done(st);
    *items = v;
    *n = k;
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err zone_geometries(struct db *db, struct arena *a, const struct zone *zones, int n,
                         const char ***geo, struct fault *f)
{
    const char **v = arena_array(a, n > 0 ? (size_t)n : 1, sizeof *v);
    for (int i = 0; i < n; i++) {
        struct db_stmt *st = db_prepare(db, "SELECT geojson FROM area_boundary "
                                            "WHERE area_code = ?");
        if (!st)
            return db_fault(db, f);
        db_bind_text(st, 1, zones[i].area_code);
        enum db_rc rc = db_step(st);
        v[i] = rc == DB_ROW ? db_col_text_dup(st, 0, a) : NULL;
        db_done(st);
        if (rc == DB_ERROR)
            return db_fault(db, f);
    }
    *geo = v;
    return ERR_OK;
}
