/* What a moderator's desk shows (see moderation.h): the objects with open
 * reports, grouped per object with the newest reasons, and the standing
 * hides. Both are reads for moderators only, so each asks the policy table
 * (moderation.view_reports) before it reads. */
#include "model/moderation.h"

#include "core/arena.h"
#include "db/db.h"
#include "model/capacity.h"

static enum err may_view(struct db *db, const struct actor *act, struct fault *f)
{
    enum capacity cap;
    enum err e = capacity_of_actor(db, act, &cap, f);
    return e == ERR_OK ? capacity_authorise(ACT_MODERATION_VIEW_REPORTS, cap, REL_OTHER, f) : e;
}

/* The reasons of the newest open reports on one object. */
static enum err newest_reasons(struct db *db, struct arena *a, struct moderation_reported *m,
                               struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT reason FROM content_report WHERE object_type = ? "
                                        "AND object_id = ? AND status = 'open' "
                                        "ORDER BY created_at DESC, id DESC LIMIT 3");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, m->object_type);
    db_bind_text(st, 2, m->object_id);
    enum db_rc rc;
    m->n_reasons = 0;
    while ((rc = db_step(st)) == DB_ROW && m->n_reasons < MODERATION_NEWEST_REASONS)
        m->reasons[m->n_reasons++] = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err reported_objects(struct db *db, struct arena *a, struct moderation_reported *items,
                                 size_t *n, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT object_type, object_id, COUNT(*), MAX(created_at) "
                       "FROM content_report WHERE status = 'open' "
                       "GROUP BY object_type, object_id "
                       "ORDER BY COUNT(*) DESC, MAX(created_at) DESC, object_type, object_id "
                       "LIMIT 200");
    if (!st)
        return db_fault(db, f);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && *n < MODERATION_LIST_MAX) {
        struct moderation_reported *m = &items[(*n)++];
        m->object_type = arena_strdup(a, db_col_text(st, 0));
        m->object_id = arena_strdup(a, db_col_text(st, 1));
        m->count = (int)db_col_int(st, 2);
        m->newest_at = db_col_int(st, 3);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err moderation_list_reported(struct db *db, struct arena *a, const struct actor *act,
                                  struct moderation_reported **out, size_t *n, struct fault *f)
{
    *out = NULL;
    *n = 0;
    enum err e = may_view(db, act, f);
    if (e != ERR_OK)
        return e;
    struct moderation_reported *items = arena_array(a, MODERATION_LIST_MAX, sizeof *items);
    e = reported_objects(db, a, items, n, f);
    for (size_t i = 0; e == ERR_OK && i < *n; i++)
        e = newest_reasons(db, a, &items[i], f);
    if (e != ERR_OK) {
        *n = 0;
        return e;
    }
    *out = items;
    return ERR_OK;
}

enum err moderation_list_hidden(struct db *db, struct arena *a, const struct actor *act,
                                struct moderation_hide_row **out, size_t *n, struct fault *f)
{
    *out = NULL;
    *n = 0;
    enum err e = may_view(db, act, f);
    if (e != ERR_OK)
        return e;
    struct db_stmt *st = db_prepare(db, "SELECT object_type, object_id, reason, hidden_by, "
                                        "hidden_at FROM content_hidden WHERE unhidden_at IS NULL "
                                        "ORDER BY hidden_at DESC, id DESC LIMIT 200");
    if (!st)
        return db_fault(db, f);
    struct moderation_hide_row *items = arena_array(a, MODERATION_LIST_MAX, sizeof *items);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && *n < MODERATION_LIST_MAX) {
        struct moderation_hide_row *h = &items[(*n)++];
        h->object_type = arena_strdup(a, db_col_text(st, 0));
        h->object_id = arena_strdup(a, db_col_text(st, 1));
        h->reason = arena_strdup(a, db_col_text(st, 2));
        h->hidden_by = db_col_int(st, 3);
        h->hidden_at = db_col_int(st, 4);
    }
    db_done(st);
    if (rc == DB_ERROR) {
        *n = 0;
        return db_fault(db, f);
    }
    *out = items;
    return ERR_OK;
}
