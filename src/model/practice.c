/* The practice library (see practice.h). Publishing is an upsert on the
 * practice's UNIQUE initiative, then its themes replaced, in one
 * transaction. Searching builds its SQL from constants only: the columns
 * here and the driver's full-text fragments (db_fts_from, db_fts_rank); the
 * words travel as a bound parameter (db_fts_query). */
#include "model/practice.h"

#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/tx.h"

static const char *const themes[] = {"greenery", "care",    "youth", "elderly", "food", "energy",
                                     "safety",   "culture", "sport", "meeting", NULL};

const char *const *practice_themes(void)
{
    return themes;
}

bool practice_theme_valid(const char *theme)
{
    for (int i = 0; theme && themes[i]; i++)
        if (strcmp(themes[i], theme) == 0)
            return true;
    return false;
}

static enum err input_check(const struct practice_input *in, struct fault *f)
{
    if (in->n_themes < 1 || in->n_themes > PRACTICE_THEMES_MAX)
        return fault_set(f, ERR_INVALID, "themes", "Choose one to five themes.", NULL);
    for (int i = 0; i < in->n_themes; i++) {
        if (!practice_theme_valid(in->themes[i]))
            return fault_set(f, ERR_INVALID, "themes", "Choose themes from the list.", NULL);
        for (int j = 0; j < i; j++)
            if (strcmp(in->themes[i], in->themes[j]) == 0)
                return fault_set(f, ERR_INVALID, "themes", "Choose each theme once.", NULL);
    }
    return ERR_OK;
}

static enum err step_done(struct db *db, struct db_stmt *st, int64_t *id, struct fault *f)
{
    if (!st)
        return db_fault(db, f);
    enum db_rc rc = db_step(st);
    if (id)
        *id = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err upsert(struct db *db, int64_t initiative_id, const struct initiative_evaluation *ev,
                       bool contact_me, const struct actor *act, int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO practice (initiative_id, title, aim, worked, did_not_work, conditions, "
            "buurt_code, wijk_code, gemeente_code, contact_id, published_by, published_at) "
            "SELECT i.id, i.title, i.aim, ?, ?, ?, b.code, w.code, w.parent_code, ?, ?, ? "
            "FROM initiative i JOIN area b ON b.code = (SELECT MIN(buurt_code) FROM "
            "initiative_area WHERE initiative_id = i.id) JOIN area w ON w.code = b.parent_code "
            "WHERE i.id = ? ON CONFLICT (initiative_id) DO UPDATE SET title = excluded.title, "
            "aim = excluded.aim, worked = excluded.worked, did_not_work = excluded.did_not_work, "
            "conditions = excluded.conditions, contact_id = excluded.contact_id, "
            "published_by = excluded.published_by, published_at = excluded.published_at "
            "RETURNING id");
    if (st) {
        db_bind_text(st, 1, ev->worked);
        db_bind_text(st, 2, ev->did_not_work);
        db_bind_text(st, 3, ev->conditions);
        if (contact_me)
            db_bind_int(st, 4, act->person_id);
        else
            db_bind_null(st, 4);
        db_bind_int(st, 5, act->person_id);
        db_bind_int(st, 6, act->now);
        db_bind_int(st, 7, initiative_id);
    }
    enum err e = step_done(db, st, id, f);
    if (e == ERR_OK && *id == 0)
        e = fault_set(f, ERR_CONFLICT, "areas", "This initiative works in no buurt.", NULL);
    return e;
}

static enum err write_themes(struct db *db, int64_t id, const struct practice_input *in,
                             struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "DELETE FROM practice_theme WHERE practice_id = ?");
    if (st)
        db_bind_int(st, 1, id);
    enum err e = step_done(db, st, NULL, f);
    for (int i = 0; e == ERR_OK && i < in->n_themes; i++) {
        st = db_prepare(db, "INSERT INTO practice_theme (practice_id, theme) VALUES (?, ?)");
        if (st) {
            db_bind_int(st, 1, id);
            db_bind_text(st, 2, in->themes[i]);
        }
        e = step_done(db, st, NULL, f);
    }
    return e;
}

/* ERR_CONFLICT, field "evaluation", without an evaluation; *ev from a. */
static enum err evaluated(struct db *db, struct arena *a, int64_t initiative_id,
                          struct initiative_evaluation *ev, struct fault *f)
{
    enum err e = initiative_evaluation_get(db, a, initiative_id, ev, f);
    if (e == ERR_OK && ev->updated_by == 0)
        e = fault_set(f, ERR_CONFLICT, "evaluation",
                      "This initiative has no evaluation yet: enter its evaluation first, then "
                      "publish its lesson.",
                      NULL);
    return e;
}

enum err practice_publish(struct db *db, int64_t initiative_id, const struct practice_input *in,
                          const struct actor *act, int64_t *id, struct fault *f)
{
    enum err e = initiative_authorise(db, initiative_id, ACT_PRACTICE_PUBLISH, act, f);
    if (e == ERR_OK)
        e = input_check(in, f);
    struct arena *a = arena_new();
    struct initiative_evaluation ev;
    if (e == ERR_OK)
        e = evaluated(db, a, initiative_id, &ev, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK) {
        arena_free(a);
        return e;
    }
    int64_t new_id = 0;
    e = upsert(db, initiative_id, &ev, in->contact_me, act, &new_id, f);
    if (e == ERR_OK)
        e = write_themes(db, new_id, in, f);
    json_t *detail = json_pack("{sI}", "practice", (json_int_t)new_id);
    if (e == ERR_OK)
        e = initiative_audit(db, initiative_id, "practice.publish", act, true, detail, f);
    json_decref(detail);
    arena_free(a);
    e = tx_end(db, own, e, f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}
