/* Matching (see match.h): skill needs, and the ranked candidates for one.
 * The query gathers the facts per candidate row -- the skill, the buurt of
 * a verified residency with its wijk and gemeente, the hours a month of
 * active pledges, the recent load, an invitation for this need -- and
 * keeps only the rows the viewer may see; C folds a person's rows into
 * their best and scores them (match_score), so the explanation is made of
 * the very numbers the score is. */
#include "model/match.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/skill.h"
#include "model/task.h"
#include "model/tx.h"

enum { FIT_EXACT = 60, FIT_RELATED = 30, HOURS_FULL = 20, LOAD_STEP = 5, LOAD_MAX = 25 };

static int level_bonus(const char *level)
{
    if (level && strcmp(level, "expert") == 0)
        return 10;
    return level && strcmp(level, "capable") == 0 ? 5 : 0;
}

static void reason(struct match_candidate *c, enum match_reason_kind kind, int a, int b)
{
    if (c->n_reasons < MATCH_REASONS_MAX)
        c->reasons[c->n_reasons++] =
            (struct match_reason){.kind = kind, .skill = c->skill_code, .a = a, .b = b};
}

void match_score(const struct match_facts *facts, int need_hours, struct match_candidate *c)
{
    static const int proximity_points[] = {0, 10, 20, 30};
    static const enum match_reason_kind proximity_kind[] = {MATCH_GEMEENTE, MATCH_GEMEENTE,
                                                            MATCH_WIJK, MATCH_BUURT};
    int prox = facts->proximity < 0 ? 0 : facts->proximity > 3 ? 3 : facts->proximity;
    int free = facts->hours_month - facts->pledged_month;
    c->free_hours = free < 0 ? 0 : free;
    c->load = facts->load;
    c->n_reasons = 0;
    c->score = (facts->exact ? FIT_EXACT : FIT_RELATED) + level_bonus(facts->level);
    reason(c, facts->exact ? MATCH_EXACT : MATCH_RELATED, 0, 0);
    c->score += proximity_points[prox];
    if (prox > 0)
        reason(c, proximity_kind[prox], 0, 0);
    int needed = need_hours > 0 ? need_hours : 1;
    c->score += c->free_hours >= needed ? HOURS_FULL : HOURS_FULL * c->free_hours / needed;
    reason(c, MATCH_HOURS, c->free_hours < need_hours ? c->free_hours : need_hours, need_hours);
    int penalty = LOAD_STEP * facts->load;
    c->score -= penalty > LOAD_MAX ? LOAD_MAX : penalty;
    if (facts->load > 0)
        reason(c, MATCH_LOAD, facts->load, 0);
}

int match_score_max(bool exact, int proximity)
{
    struct match_facts best = {
        .exact = exact, .level = "expert", .proximity = proximity, .hours_month = 1};
    struct match_candidate c = {0};
    match_score(&best, 1, &c);
    return c.score;
}

/* ---- needs --------------------------------------------------------------- */

static bool blank(const char *s)
{
    return !s || !*s;
}

static enum err date_check(const char *s, const char *field, int64_t *t, struct fault *f)
{
    *t = 0;
    if (!blank(s) && !clock_parse_date(s, t))
        return fault_set(f, ERR_INVALID, field, "Give the date as a date (YYYY-MM-DD).", NULL);
    return ERR_OK;
}

enum err match_need_check(const struct match_need_input *in, struct fault *f)
{
    enum err e = skill_code_check(in->skill_code, "skill", f);
    if (e != ERR_OK)
        return e;
    if (in->hours_month < 1 || in->hours_month > SKILL_HOURS_MAX)
        return fault_set(f, ERR_INVALID, "hours_month",
                         "Ask for between 1 and 744 hours a month: a month has no more.", NULL);
    int64_t from, to;
    if ((e = date_check(in->starts_on, "starts_on", &from, f)) != ERR_OK ||
        (e = date_check(in->ends_on, "ends_on", &to, f)) != ERR_OK)
        return e;
    if (from && to && to < from)
        return fault_set(f, ERR_INVALID, "ends_on", "The period ends before it starts.", NULL);
    const char *note = in->note ? in->note : "";
    size_t len = strlen(note);
    if (!utf8_valid(note, len) || utf8_has_controls(note, len, true) ||
        utf8_count(note, len) > MATCH_NOTE_MAX)
        return fault_set(f, ERR_INVALID, "note", "Write at most 500 characters.", NULL);
    return ERR_OK;
}

#define NEED_COLUMNS                                                                               \
    "id, initiative_id, skill_code, hours_month, starts_on, ends_on, note, created_by, "           \
    "created_at, closed_at, task_id"

static struct match_need need_of(struct db_stmt *st, struct arena *a)
{
    return (struct match_need){
        .id = db_col_int(st, 0),
        .initiative_id = db_col_int(st, 1),
        .skill_code = arena_strdup(a, db_col_text(st, 2)),
        .hours_month = (int)db_col_int(st, 3),
        .starts_on = db_col_text_dup(st, 4, a),
        .ends_on = db_col_text_dup(st, 5, a),
        .note = arena_strdup(a, db_col_text(st, 6)),
        .created_by = db_col_int(st, 7),
        .created_at = db_col_int(st, 8),
        .closed_at = db_col_int(st, 9),
        .task_id = db_col_int(st, 10),
    };
}

enum err match_need_get(struct db *db, struct arena *a, int64_t id, struct match_need *out,
                        struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT " NEED_COLUMNS " FROM match_need WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *out = need_of(st, a);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_ROW ? ERR_OK
                        : fault_set(f, ERR_NOT_FOUND, NULL, "There is no such need.", NULL);
}

enum err match_needs(struct db *db, struct arena *a, int64_t initiative_id,
                     struct match_need **items, int *n, struct fault *f)
{
    *items = arena_array(a, MATCH_NEEDS_MAX, sizeof **items);
    *n = 0;
    struct db_stmt *st = db_prepare(db, "SELECT " NEED_COLUMNS " FROM match_need WHERE "
                                        "initiative_id = ? AND closed_at IS NULL ORDER BY id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && *n < MATCH_NEEDS_MAX)
        (*items)[(*n)++] = need_of(st, a);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* ERR_INVALID for a task (when given) that is not the initiative's;
 * ERR_CONFLICT for an ended initiative. */
static enum err open_check(struct db *db, int64_t initiative_id, int64_t task_id, struct fault *f)
{
    struct arena *a = arena_new();
    struct initiative in;
    struct task t = {0};
    enum err e = task_id ? task_get(db, a, task_id, &t, f) : ERR_OK;
    if (e == ERR_NOT_FOUND || (e == ERR_OK && task_id && t.initiative_id != initiative_id))
        e = fault_set(f, ERR_INVALID, "task_id", "There is no such task in this initiative.", NULL);
    if (e == ERR_OK)
        e = initiative_get(db, a, initiative_id, &in, f);
    if (e == ERR_OK && initiative_phase_ended(in.phase))
        e = fault_set(f, ERR_CONFLICT, "phase", "This initiative has ended.", NULL);
    arena_free(a);
    return e;
}

static enum err insert_need(struct db *db, int64_t initiative_id, const struct match_need_input *in,
                            const struct actor *act, int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO match_need (initiative_id, skill_code, hours_month, starts_on, ends_on, "
            "note, created_by, created_at, task_id) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE "
            "(SELECT COUNT(*) FROM match_need WHERE initiative_id = ? AND closed_at IS NULL) < ? "
            "RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    db_bind_text(st, 2, in->skill_code);
    db_bind_int(st, 3, in->hours_month);
    db_bind_text(st, 4, blank(in->starts_on) ? NULL : in->starts_on);
    db_bind_text(st, 5, blank(in->ends_on) ? NULL : in->ends_on);
    db_bind_text(st, 6, in->note ? in->note : "");
    db_bind_int(st, 7, act->person_id);
    db_bind_int(st, 8, act->now);
    if (in->task_id)
        db_bind_int(st, 9, in->task_id);
    else
        db_bind_null(st, 9);
    db_bind_int(st, 10, initiative_id);
    db_bind_int(st, 11, MATCH_NEEDS_MAX);
    enum db_rc rc = db_step(st);
    *id = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return *id ? ERR_OK
               : fault_set(f, ERR_CONFLICT, "skill",
                           "This initiative has 50 open skill needs; close one first.", NULL);
}

static enum err need_audit(struct db *db, int64_t initiative_id, const char *action, int64_t need,
                           const char *skill, const struct actor *act, struct fault *f)
{
    json_t *detail = json_pack("{sIss}", "need", (json_int_t)need, "skill", skill);
    enum err e = initiative_audit(db, initiative_id, action, act, true, detail, f);
    json_decref(detail);
    return e;
}

enum err match_need_add(struct db *db, int64_t initiative_id, const struct match_need_input *in,
                        const struct actor *act, int64_t *id, struct fault *f)
{
    enum err e = initiative_authorise(db, initiative_id, ACT_INITIATIVE_CHANGE_NEEDS, act, f);
    if (e == ERR_OK)
        e = match_need_check(in, f);
    if (e == ERR_OK)
        e = open_check(db, initiative_id, in->task_id, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    int64_t new_id = 0;
    e = insert_need(db, initiative_id, in, act, &new_id, f);
    if (e == ERR_OK)
        e = need_audit(db, initiative_id, "match.need", new_id, in->skill_code, act, f);
    e = tx_end(db, own, e, f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

enum err match_need_close(struct db *db, int64_t need_id, const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct match_need nd;
    enum err e = match_need_get(db, a, need_id, &nd, f);
    if (e == ERR_OK)
        e = initiative_authorise(db, nd.initiative_id, ACT_INITIATIVE_CHANGE_NEEDS, act, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK) {
        arena_free(a);
        return e;
    }
    struct db_stmt *st = db_prepare(
        db, "UPDATE match_need SET closed_at = ? WHERE id = ? AND closed_at IS NULL RETURNING id");
    enum db_rc rc = DB_ERROR;
    if (st) {
        db_bind_int(st, 1, act->now);
        db_bind_int(st, 2, need_id);
        rc = db_step(st);
        db_done(st);
    }
    if (rc == DB_ERROR)
        e = db_fault(db, f);
    else if (rc == DB_DONE)
        e = fault_set(f, ERR_CONFLICT, NULL, "This need was closed already.", NULL);
    if (e == ERR_OK)
        e = need_audit(db, nd.initiative_id, "match.need_close", need_id, nd.skill_code, act, f);
    arena_free(a);
    return tx_end(db, own, e, f);
}
