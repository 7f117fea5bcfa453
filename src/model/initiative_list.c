/* Initiatives: the reads pages and the API show (see initiative.h) -- the
 * list by buurt and phase, an initiative's initiators, needs, phase history
 * and evaluation. Every list is bounded; all of it is public
 * (initiative.view), so no read takes an actor. */
#include "model/initiative.h"

#include <string.h>

#include "core/arena.h"
#include "db/db.h"

enum err initiative_evaluation_get(struct db *db, struct arena *a, int64_t initiative_id,
                                   struct initiative_evaluation *out, struct fault *f)
{
    *out = (struct initiative_evaluation){0};
    struct db_stmt *st =
        db_prepare(db, "SELECT results, worked, did_not_work, conditions, updated_by, updated_at "
                       "FROM initiative_evaluation WHERE initiative_id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *out = (struct initiative_evaluation){
            .results = arena_strdup(a, db_col_text(st, 0)),
            .worked = arena_strdup(a, db_col_text(st, 1)),
            .did_not_work = arena_strdup(a, db_col_text(st, 2)),
            .conditions = arena_strdup(a, db_col_text(st, 3)),
            .updated_by = db_col_int(st, 4),
            .updated_at = db_col_int(st, 5),
        };
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err initiative_initiators(struct db *db, struct arena *a, int64_t initiative_id,
                               struct initiative_initiator **items, int *n, struct fault *f)
{
    *n = 0;
    *items = arena_array(a, INITIATIVE_LIST_MAX, sizeof **items);
    struct db_stmt *st = db_prepare(
        db, "SELECT ii.person_id, p.display_name, ii.since_at, ii.added_by "
            "FROM initiative_initiator ii JOIN person p ON p.id = ii.person_id "
            "WHERE ii.initiative_id = ? AND ii.until_at IS NULL ORDER BY ii.since_at, ii.id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    enum db_rc rc = DB_DONE;
    while (*n < INITIATIVE_LIST_MAX && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] = (struct initiative_initiator){
            .person_id = db_col_int(st, 0),
            .display_name = arena_strdup(a, db_col_text(st, 1)),
            .since_at = db_col_int(st, 2),
            .added_by = db_col_int(st, 3),
        };
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err initiative_needs(struct db *db, struct arena *a, int64_t initiative_id,
                          struct initiative_need **items, int *n, struct fault *f)
{
    *n = 0;
    *items = arena_array(a, INITIATIVE_NEEDS_MAX, sizeof **items);
    struct db_stmt *st = db_prepare(db, "SELECT kind, description, amount FROM initiative_need "
                                        "WHERE initiative_id = ? ORDER BY id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    enum db_rc rc = DB_DONE;
    while (*n < INITIATIVE_NEEDS_MAX && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] = (struct initiative_need){
            .kind = arena_strdup(a, db_col_text(st, 0)),
            .description = arena_strdup(a, db_col_text(st, 1)),
            .amount = db_col_is_null(st, 2) ? -1 : db_col_int(st, 2),
        };
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err initiative_history(struct db *db, struct arena *a, int64_t initiative_id,
                            struct initiative_phase_change **items, int *n, struct fault *f)
{
    *n = 0;
    *items = arena_array(a, INITIATIVE_LIST_MAX, sizeof **items);
    struct db_stmt *st = db_prepare(
        db, "SELECT from_phase, to_phase, person_id, capacity, reason, at "
            "FROM initiative_phase_change WHERE initiative_id = ? ORDER BY id LIMIT 500");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    enum db_rc rc = DB_DONE;
    while (*n < INITIATIVE_LIST_MAX && (rc = db_step(st)) == DB_ROW) {
        const char *cap = db_col_text(st, 3), *reason = db_col_text(st, 4);
        (*items)[(*n)++] = (struct initiative_phase_change){
            .from = arena_strdup(a, db_col_text(st, 0)),
            .to = arena_strdup(a, db_col_text(st, 1)),
            .person_id = db_col_int(st, 2),
            .capacity = cap ? arena_strdup(a, cap) : NULL,
            .reason = reason ? arena_strdup(a, reason) : NULL,
            .at = db_col_int(st, 5),
        };
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* Lists by phase order, then newest first; the filters are optional. */
#define LIST_SQL(where)                                                                            \
    "SELECT i.id, i.title, i.aim, i.collective_id, i.phase, i.frozen_reason, "                     \
    "i.threshold_residents, i.threshold_hours, i.created_by, i.created_at, i.updated_at "          \
    "FROM initiative i " where " ORDER BY CASE i.phase WHEN 'idea' THEN 1 "                        \
    "WHEN 'awareness' THEN 2 WHEN 'execution' THEN 3 WHEN 'evaluation' THEN 4 "                    \
    "WHEN 'anchored' THEN 5 ELSE 6 END, i.created_at DESC, i.id DESC LIMIT 500"

static const char *const list_sql[2] = {
    LIST_SQL("WHERE (CAST(? AS TEXT) IS NULL OR i.phase = CAST(? AS TEXT))"),
    LIST_SQL("JOIN initiative_area ia ON ia.initiative_id = i.id AND ia.buurt_code = ? "
             "WHERE (CAST(? AS TEXT) IS NULL OR i.phase = CAST(? AS TEXT))"),
};

static struct initiative list_row(struct db_stmt *st, struct arena *a)
{
    const char *frozen = db_col_text(st, 5);
    return (struct initiative){
        .id = db_col_int(st, 0),
        .title = arena_strdup(a, db_col_text(st, 1)),
        .aim = arena_strdup(a, db_col_text(st, 2)),
        .collective_id = db_col_int(st, 3),
        .phase = arena_strdup(a, db_col_text(st, 4)),
        .frozen_reason = frozen ? arena_strdup(a, frozen) : NULL,
        .threshold_residents = (int)db_col_int(st, 6),
        .threshold_hours = (int)db_col_int(st, 7),
        .created_by = db_col_int(st, 8),
        .created_at = db_col_int(st, 9),
        .updated_at = db_col_int(st, 10),
    };
}

enum err initiative_list(struct db *db, struct arena *a, const char *buurt_code, const char *phase,
                         struct initiative **items, int *n, struct fault *f)
{
    *n = 0;
    *items = NULL;
    if (phase && !initiative_phase_valid(phase))
        return fault_set(f, ERR_INVALID, "phase",
                         "Choose a phase: idea, awareness, execution, evaluation, anchored or "
                         "stopped.",
                         NULL);
    struct db_stmt *st = db_prepare(db, list_sql[buurt_code != NULL]);
    if (!st)
        return db_fault(db, f);
    int i = 1;
    if (buurt_code)
        db_bind_text(st, i++, buurt_code);
    db_bind_text(st, i++, phase);
    db_bind_text(st, i, phase);
    *items = arena_array(a, INITIATIVE_LIST_MAX, sizeof **items);
    enum db_rc rc = DB_DONE;
    while (*n < INITIATIVE_LIST_MAX && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] = list_row(st, a);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}
