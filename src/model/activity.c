/* Activities (see activity.h): the reads -- one activity with its names
 * and counts, the lists per initiative, collective, area and person, the
 * agenda of occurrences the area pages and the feeds show, roles, and the
 * sign-ups the organisers see. Everything but the sign-ups is public
 * (activity.view), so only that read takes an actor. Every list is
 * bounded. */
#include "model/activity.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/initiative.h"

/* The moderator's reason while the activity's title and description are
 * hidden (moderation_hide allows one open hiding), else NULL. */
#define HIDDEN_REASON                                                                              \
    "(SELECT h.reason FROM content_hidden h WHERE h.object_type = 'activity' AND h.object_id = "   \
    "CAST(a.id AS TEXT) AND h.unhidden_at IS NULL ORDER BY h.id DESC LIMIT 1)"

#define ACTIVITY_COLUMNS                                                                           \
    "a.id, a.initiative_id, a.collective_id, COALESCE(i.title, c.name), a.buurt_code, "            \
    "ar.name, a.title, a.description, a.starts_at, a.ends_at, a.rrule, a.address, "                \
    "a.location_id, l.name, a.capacity, a.taken, (SELECT COUNT(*) FROM activity_signup s "         \
    "WHERE s.activity_id = a.id AND s.status = 'waiting'), a.status, a.cancel_reason, "            \
    "a.sequence, a.created_by, a.created_at, a.updated_at, a.cancelled_at, " HIDDEN_REASON         \
    " FROM activity a LEFT JOIN initiative i ON i.id = a.initiative_id "                           \
    "LEFT JOIN collective c ON c.id = a.collective_id JOIN area ar ON ar.code = a.buurt_code "     \
    "LEFT JOIN location l ON l.id = a.location_id "

static struct activity row_of(struct db_stmt *st, struct arena *a)
{
    const char *hidden = db_col_text_dup(st, 24, a);
    return (struct activity){
        .hidden = hidden,
        .id = db_col_int(st, 0),
        .initiative_id = db_col_int(st, 1),
        .collective_id = db_col_int(st, 2),
        .owner_name = arena_strdup(a, db_col_text(st, 3)),
        .buurt_code = arena_strdup(a, db_col_text(st, 4)),
        .buurt_name = arena_strdup(a, db_col_text(st, 5)),
        .title = hidden ? "" : arena_strdup(a, db_col_text(st, 6)), /* the content never leaves */
        .description = hidden ? "" : arena_strdup(a, db_col_text(st, 7)),
        .starts_at = db_col_int(st, 8),
        .ends_at = db_col_int(st, 9),
        .rrule = db_col_text_dup(st, 10, a),
        .address = db_col_text_dup(st, 11, a),
        .location_id = db_col_int(st, 12),
        .location_name = db_col_text_dup(st, 13, a),
        .capacity = (int)db_col_int(st, 14),
        .taken = (int)db_col_int(st, 15),
        .waiting = (int)db_col_int(st, 16),
        .status = arena_strdup(a, db_col_text(st, 17)),
        .cancel_reason = db_col_text_dup(st, 18, a),
        .sequence = (int)db_col_int(st, 19),
        .created_by = db_col_int(st, 20),
        .created_at = db_col_int(st, 21),
        .updated_at = db_col_int(st, 22),
        .cancelled_at = db_col_int(st, 23),
    };
}

enum err activity_get(struct db *db, struct arena *a, int64_t id, struct activity *out,
                      struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT " ACTIVITY_COLUMNS "WHERE a.id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *out = row_of(st, a);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc != DB_ROW)
        return fault_set(f, ERR_NOT_FOUND, NULL, "There is no such activity.", NULL);
    return ERR_OK;
}

/* The WHERE clause of each scope; the key or code is bound first (an area
 * twice), then from. */
static const char *const list_sql[] = {
    [ACTIVITY_OF_INITIATIVE] = "SELECT " ACTIVITY_COLUMNS "WHERE a.initiative_id = ? "
                               "AND (a.rrule IS NOT NULL OR a.ends_at > ?) "
                               "ORDER BY a.starts_at, a.id",
    [ACTIVITY_OF_COLLECTIVE] = "SELECT " ACTIVITY_COLUMNS "WHERE a.collective_id = ? "
                               "AND (a.rrule IS NOT NULL OR a.ends_at > ?) "
                               "ORDER BY a.starts_at, a.id",
    [ACTIVITY_IN_AREA] = "SELECT " ACTIVITY_COLUMNS "WHERE (a.buurt_code = ? OR a.buurt_code IN "
                         "(SELECT code FROM area WHERE parent_code = ?)) "
                         "AND (a.rrule IS NOT NULL OR a.ends_at > ?) "
                         "ORDER BY a.starts_at, a.id",
    [ACTIVITY_OF_PERSON] = "SELECT " ACTIVITY_COLUMNS "WHERE a.id IN (SELECT s.activity_id FROM "
                           "activity_signup s WHERE s.person_id = ? AND s.status <> 'cancelled') "
                           "AND (a.rrule IS NOT NULL OR a.ends_at > ?) "
                           "ORDER BY a.starts_at, a.id",
};

enum err activity_list(struct db *db, struct arena *a, enum activity_scope scope, int64_t key,
                       const char *code, int64_t from, struct activity **items, int *n,
                       struct fault *f)
{
    *n = 0;
    *items = arena_array(a, ACTIVITY_LIST_MAX, sizeof **items);
    if (scope < ACTIVITY_OF_INITIATIVE || scope > ACTIVITY_OF_PERSON)
        abort(); /* a programming error */
    struct db_stmt *st = db_prepare(db, list_sql[scope]);
    if (!st)
        return db_fault(db, f);
    int i = 1;
    if (scope == ACTIVITY_IN_AREA) {
        db_bind_text(st, i++, code);
        db_bind_text(st, i++, code);
    } else {
        db_bind_int(st, i++, key);
    }
    db_bind_int(st, i, from);
    enum db_rc rc = DB_DONE;
    while (*n < ACTIVITY_LIST_MAX && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] = row_of(st, a);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static int by_start(const void *x, const void *y)
{
    const struct activity_dated *p = x, *q = y;
    if (p->occurrence.starts_at != q->occurrence.starts_at)
        return p->occurrence.starts_at < q->occurrence.starts_at ? -1 : 1;
    return p->activity->id < q->activity->id ? -1 : p->activity->id > q->activity->id;
}

enum err activity_agenda(struct db *db, struct arena *a, enum activity_scope scope, int64_t key,
                         const char *code, int64_t from, int64_t to, bool with_cancelled,
                         struct activity_dated **items, int *n, struct fault *f)
{
    struct activity *acts;
    int nacts;
    *n = 0;
    *items = arena_array(a, ACTIVITY_OCCURRENCES_MAX, sizeof **items);
    enum err e = activity_list(db, a, scope, key, code, from, &acts, &nacts, f);
    for (int i = 0; e == ERR_OK && i < nacts && *n < ACTIVITY_OCCURRENCES_MAX; i++) {
        struct activity_occurrence *occ;
        int nocc;
        e = activity_occurrences(db, a, &acts[i], from, to, ACTIVITY_OCCURRENCES_MAX - *n, &occ,
                                 &nocc, f);
        for (int j = 0; e == ERR_OK && j < nocc; j++)
            if (with_cancelled || !occ[j].cancelled)
                (*items)[(*n)++] = (struct activity_dated){&acts[i], occ[j]};
    }
    if (e == ERR_OK)
        qsort(*items, (size_t)*n, sizeof **items, by_start);
    return e;
}

enum err activity_roles(struct db *db, struct arena *a, int64_t id, struct activity_role **items,
                        int *n, struct fault *f)
{
    *n = 0;
    *items = arena_array(a, ACTIVITY_ROLES_MAX, sizeof **items);
    struct db_stmt *st = db_prepare(db, "SELECT id, activity_id, name, needed, taken "
                                        "FROM activity_role WHERE activity_id = ? ORDER BY id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = DB_DONE;
    while (*n < ACTIVITY_ROLES_MAX && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] = (struct activity_role){
            .id = db_col_int(st, 0),
            .activity_id = db_col_int(st, 1),
            .name = arena_strdup(a, db_col_text(st, 2)),
            .needed = (int)db_col_int(st, 3),
            .taken = (int)db_col_int(st, 4),
        };
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err activity_relation(struct db *db, const struct activity *act_, const struct actor *act,
                           enum relation *rel, struct fault *f)
{
    *rel = REL_OTHER;
    if (act_->initiative_id)
        return initiative_relation(db, act_->initiative_id, act, rel, f);
    bool board = false;
    enum err e = act->person_id ? collective_is_board_member(db, act_->collective_id,
                                                             act->person_id, &board, f)
                                : ERR_OK;
    if (board)
        *rel = REL_INITIATOR;
    return e;
}

enum err activity_signups(struct db *db, struct arena *a, int64_t id, const struct actor *act,
                          struct activity_signup **items, int *n, struct fault *f)
{
    struct activity act_;
    enum relation rel;
    *n = 0;
    *items = NULL;
    enum err e = activity_get(db, a, id, &act_, f);
    if (e == ERR_OK)
        e = activity_relation(db, &act_, act, &rel, f);
    if (e == ERR_OK && !capacity_is_console(act))
        e = capacity_check(db, act, ACT_ACTIVITY_VIEW_SIGN_UPS, rel, f);
    if (e != ERR_OK)
        return e;
    *items = arena_array(a, ACTIVITY_LIST_MAX, sizeof **items);
    struct db_stmt *st = db_prepare(
        db, "SELECT s.id, s.activity_id, s.person_id, p.display_name, s.status, s.created_at "
            "FROM activity_signup s JOIN person p ON p.id = s.person_id WHERE s.activity_id = ? "
            "AND s.status <> 'cancelled' ORDER BY CASE s.status WHEN 'confirmed' THEN 0 ELSE 1 "
            "END, s.id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = DB_DONE;
    while (*n < ACTIVITY_LIST_MAX && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] = (struct activity_signup){
            .id = db_col_int(st, 0),
            .activity_id = db_col_int(st, 1),
            .person_id = db_col_int(st, 2),
            .person_name = arena_strdup(a, db_col_text(st, 3)),
            .status = arena_strdup(a, db_col_text(st, 4)),
            .created_at = db_col_int(st, 5),
        };
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err activity_my_status(struct db *db, int64_t id, int64_t person_id, const char **status,
                            int *position, struct fault *f)
{
    *status = NULL;
    *position = 0;
    struct db_stmt *st = db_prepare(
        db, "SELECT s.status, (SELECT COUNT(*) FROM activity_signup w WHERE w.activity_id = "
            "s.activity_id AND w.status = 'waiting' AND w.id <= s.id) FROM activity_signup s "
            "WHERE s.activity_id = ? AND s.person_id = ? AND s.status <> 'cancelled'");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, person_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        bool waiting = strcmp(db_col_text(st, 0), "waiting") == 0;
        *status = waiting ? "waiting" : "confirmed";
        *position = waiting ? (int)db_col_int(st, 1) : 0;
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err activity_roles_held(struct db *db, const struct activity_role *roles, int n,
                             int64_t person_id, bool *held, struct fault *f)
{
    for (int i = 0; i < n; i++) {
        held[i] = false;
        struct db_stmt *st = db_prepare(db, "SELECT 1 FROM activity_volunteer WHERE role_id = ? "
                                            "AND person_id = ? AND status = 'active'");
        if (!st)
            return db_fault(db, f);
        db_bind_int(st, 1, roles[i].id);
        db_bind_int(st, 2, person_id);
        enum db_rc rc = db_step(st);
        held[i] = rc == DB_ROW;
        db_done(st);
        if (rc == DB_ERROR)
            return db_fault(db, f);
    }
    return ERR_OK;
}

enum err activity_places(struct db *db, struct arena *a, int64_t initiative_id,
                         int64_t collective_id, struct activity_place **items, int *n,
                         struct fault *f)
{
    *n = 0;
    *items = arena_array(a, ACTIVITY_LIST_MAX, sizeof **items);
    struct db_stmt *st = db_prepare(
        db, initiative_id
                ? "SELECT l.id, l.name FROM location l JOIN initiative_area ia ON ia.buurt_code = "
                  "l.area_code WHERE ia.initiative_id = ? ORDER BY l.name, l.id"
                : "SELECT l.id, l.name FROM location l JOIN collective c ON l.area_code = "
                  "c.area_code OR l.area_code IN (SELECT code FROM area WHERE parent_code = "
                  "c.area_code) WHERE c.id = ? ORDER BY l.name, l.id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id ? initiative_id : collective_id);
    enum db_rc rc = DB_DONE;
    while (*n < ACTIVITY_LIST_MAX && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] =
            (struct activity_place){db_col_int(st, 0), arena_strdup(a, db_col_text(st, 1))};
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

