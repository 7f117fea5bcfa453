/* Initiatives: starting one, changing its scope, its initiators and its
 * evaluation (see initiative.h). Each write checks its input, asks
 * initiative_authorise (or, for a new initiative, the policy with the
 * relation to the chosen buurten or collective), then writes and audits in
 * one transaction. Writes that could race on "the last initiator" or on
 * the phase take the initiative's row lock first (an UPDATE of the row),
 * so that under READ COMMITTED the second request reads after the first. */
#include "model/initiative.h"

#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/area.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/notification.h"
#include "model/tx.h"

static size_t chars(const char *s)
{
    return s ? utf8_count(s, strlen(s)) : 0;
}

static bool one_line(const char *s)
{
    return s && !utf8_has_controls(s, strlen(s), false);
}

static enum err check_need(const struct initiative_need *nd, struct fault *f)
{
    bool kind_ok = false;
    for (const char *const *k = initiative_need_kinds(); *k && !kind_ok; k++)
        kind_ok = nd->kind && strcmp(nd->kind, *k) == 0;
    if (!kind_ok)
        return fault_set(f, ERR_INVALID, "needs",
                         "Choose a kind for each need: skills, hours, money or space.", NULL);
    if (chars(nd->description) < 1 || chars(nd->description) > 500 || !one_line(nd->description))
        return fault_set(f, ERR_INVALID, "needs",
                         "Describe each need in one line of at most 500 characters.", NULL);
    if (nd->amount < -1 || nd->amount > INITIATIVE_AMOUNT_MAX)
        return fault_set(f, ERR_INVALID, "needs",
                         "A need's amount is a whole number from 0 to 100000000.", NULL);
    return ERR_OK;
}

/* The buurten: 1..INITIATIVE_AREAS_MAX known buurt codes, no repeats. */
static enum err check_areas(struct db *db, const struct initiative_scope *s, struct fault *f)
{
    if (s->n_areas < 1 || s->n_areas > INITIATIVE_AREAS_MAX)
        return fault_set(f, ERR_INVALID, "areas",
                         "Choose the buurt the initiative works in (at most 20 buurten).", NULL);
    for (int i = 0; i < s->n_areas; i++) {
        enum area_kind kind = 0;
        for (int j = 0; j < i; j++)
            if (strcmp(s->areas[i], s->areas[j]) == 0)
                return fault_set(f, ERR_INVALID, "areas", "Name each buurt once.", NULL);
        if (!area_code_valid(s->areas[i], &kind) || kind != AREA_BUURT)
            return fault_set(f, ERR_INVALID, "areas",
                             "Choose buurten by their code, such as BU03630101.", NULL);
        struct db_stmt *st =
            db_prepare(db, "SELECT COUNT(*) FROM area WHERE code = ? AND kind = 'buurt'");
        if (!st)
            return db_fault(db, f);
        db_bind_text(st, 1, s->areas[i]);
        enum db_rc rc = db_step(st);
        bool known = rc == DB_ROW && db_col_int(st, 0) > 0;
        db_done(st);
        if (rc == DB_ERROR)
            return db_fault(db, f);
        if (!known)
            return fault_set(f, ERR_INVALID, "areas", "There is no buurt with the code %s.",
                             s->areas[i], NULL);
    }
    return ERR_OK;
}

static enum err check_scope(struct db *db, const struct initiative_scope *s, struct fault *f)
{
    if (chars(s->title) < 1 || chars(s->title) > INITIATIVE_TITLE_MAX || !one_line(s->title))
        return fault_set(f, ERR_INVALID, "title",
                         "Give the initiative a title of one line, at most 200 characters.", NULL);
    if (chars(s->aim) > INITIATIVE_TEXT_MAX)
        return fault_set(f, ERR_INVALID, "aim", "Describe the aim in at most 5000 characters.",
                         NULL);
    if (s->threshold_residents < 0 || s->threshold_residents > INITIATIVE_RESIDENTS_MAX)
        return fault_set(f, ERR_INVALID, "threshold_residents",
                         "The threshold of residents is a whole number from 0 to 100000.", NULL);
    if (s->threshold_hours < 0 || s->threshold_hours > INITIATIVE_HOURS_MAX)
        return fault_set(f, ERR_INVALID, "threshold_hours",
                         "The threshold of hours a month is a whole number from 0 to 1000000.",
                         NULL);
    if (s->n_needs < 0 || s->n_needs > INITIATIVE_NEEDS_MAX)
        return fault_set(f, ERR_INVALID, "needs", "An initiative lists at most 20 needs.", NULL);
    for (int i = 0; i < s->n_needs; i++) {
        enum err e = check_need(&s->needs[i], f);
        if (e != ERR_OK)
            return e;
    }
    return check_areas(db, s, f);
}

/* Runs sql binding the id, then the text. */
static enum err exec_id_text(struct db *db, const char *sql, int64_t id, const char *text,
                             struct fault *f)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    if (text)
        db_bind_text(st, 2, text);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* Replaces the buurten and needs of initiative id by s's. */
static enum err put_areas_needs(struct db *db, int64_t id, const struct initiative_scope *s,
                                struct fault *f)
{
    enum err e =
        exec_id_text(db, "DELETE FROM initiative_area WHERE initiative_id = ?", id, NULL, f);
    if (e == ERR_OK)
        e = exec_id_text(db, "DELETE FROM initiative_need WHERE initiative_id = ?", id, NULL, f);
    for (int i = 0; e == ERR_OK && i < s->n_areas; i++)
        e = exec_id_text(db,
                         "INSERT INTO initiative_area (initiative_id, buurt_code) VALUES (?, ?)",
                         id, s->areas[i], f);
    for (int i = 0; e == ERR_OK && i < s->n_needs; i++) {
        struct db_stmt *st = db_prepare(db, "INSERT INTO initiative_need (initiative_id, kind, "
                                            "description, amount) VALUES (?, ?, ?, ?)");
        if (!st)
            return db_fault(db, f);
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, s->needs[i].kind);
        db_bind_text(st, 3, s->needs[i].description);
        if (s->needs[i].amount >= 0)
            db_bind_int(st, 4, s->needs[i].amount);
        else
            db_bind_null(st, 4);
        enum db_rc rc = db_step(st);
        db_done(st);
        if (rc == DB_ERROR)
            e = db_fault(db, f);
    }
    return e;
}

static enum err insert_initiator(struct db *db, int64_t id, int64_t person_id, int64_t added_by,
                                 int64_t now, bool *added, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO initiative_initiator (initiative_id, person_id, added_by, since_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, person_id);
    if (added_by != 0)
        db_bind_int(st, 3, added_by);
    else
        db_bind_null(st, 3);
    db_bind_int(st, 4, now);
    enum db_rc rc = db_step(st);
    *added = rc == DB_ROW;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err insert_initiative(struct db *db, const struct initiative_scope *s,
                                  int64_t collective_id, const struct actor *act, int64_t *id,
                                  struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO initiative (title, aim, collective_id, phase, threshold_residents, "
            "threshold_hours, created_by, created_at, updated_at) "
            "VALUES (?, ?, ?, 'idea', ?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, s->title);
    db_bind_text(st, 2, s->aim ? s->aim : "");
    if (collective_id != 0)
        db_bind_int(st, 3, collective_id);
    else
        db_bind_null(st, 3);
    db_bind_int(st, 4, s->threshold_residents);
    db_bind_int(st, 5, s->threshold_hours);
    db_bind_int(st, 6, act->person_id);
    db_bind_int(st, 7, act->now);
    db_bind_int(st, 8, act->now);
    enum db_rc rc = db_step(st);
    *id = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    bool added = true;
    enum err e = put_areas_needs(db, *id, s, f);
    if (e == ERR_OK && collective_id == 0)
        e = insert_initiator(db, *id, act->person_id, 0, act->now, &added, f);
    json_t *detail = json_pack("{s:I}", "collective", (json_int_t)collective_id);
    if (e == ERR_OK)
        e = initiative_audit(db, *id, "initiative.create", act, true, detail, f);
    json_decref(detail);
    return e;
}

/* How act relates to the initiative it starts: INITIATOR on the board of
 * the collective, MEMBER as a verified resident of one of the buurten. */
static enum err creator_relation(struct db *db, const struct initiative_scope *s,
                                 int64_t collective_id, const struct actor *act, enum relation *rel,
                                 struct fault *f)
{
    bool yes = false;
    *rel = REL_OTHER;
    if (collective_id != 0) {
        struct arena *a = arena_new();
        struct collective c;
        enum err e = collective_get(db, a, collective_id, &c, f);
        arena_free(a);
        if (e == ERR_OK)
            e = collective_is_board_member(db, collective_id, act->person_id, &yes, f);
        *rel = yes ? REL_INITIATOR : REL_OTHER;
        return e;
    }
    for (int i = 0; i < s->n_areas && !yes; i++) {
        struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM residency WHERE person_id = ? "
                                            "AND buurt_code = ? AND status = 'verified'");
        if (!st)
            return db_fault(db, f);
        db_bind_int(st, 1, act->person_id);
        db_bind_text(st, 2, s->areas[i]);
        enum db_rc rc = db_step(st);
        yes = rc == DB_ROW && db_col_int(st, 0) > 0;
        db_done(st);
        if (rc == DB_ERROR)
            return db_fault(db, f);
    }
    *rel = yes ? REL_MEMBER : REL_OTHER;
    return ERR_OK;
}

/* Logs the refusal in f (about initiative id) and returns its code. */
static enum err refused(struct db *db, int64_t id, enum action action, const struct actor *act,
                        struct fault *f)
{
    struct fault keep = *f;
    enum err e = initiative_log_refusal(db, id, action, act, &keep, f);
    if (e != ERR_OK)
        return e;
    *f = keep;
    return keep.code;
}

enum err initiative_create(struct db *db, const struct initiative_scope *s, int64_t collective_id,
                           const struct actor *act, int64_t *id, struct fault *f)
{
    enum capacity cap;
    enum relation rel = REL_OTHER;
    enum err e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK && !policy_check(ACT_INITIATIVE_CREATE, cap, REL_MEMBER).allowed &&
        !policy_check(ACT_INITIATIVE_CREATE, cap, REL_INITIATOR).allowed)
        e = capacity_authorise(ACT_INITIATIVE_CREATE, cap, REL_MEMBER, f);
    if (e == ERR_FORBIDDEN)
        return refused(db, 0, ACT_INITIATIVE_CREATE, act, f);
    if (e == ERR_OK)
        e = check_scope(db, s, f);
    if (e == ERR_OK)
        e = creator_relation(db, s, collective_id, act, &rel, f);
    if (e == ERR_OK && (e = capacity_authorise(ACT_INITIATIVE_CREATE, cap, rel, f)) != ERR_OK)
        return refused(db, 0, ACT_INITIATIVE_CREATE, act, f);
    bool sound = true, own;
    const char *why = NULL;
    if (e == ERR_OK && collective_id != 0)
        e = collective_is_sound(db, collective_id, &sound, &why, f);
    if (e == ERR_OK && !sound)
        e = fault_set(f, ERR_CONFLICT, "collective",
                      why ? why : "This collective cannot start initiatives now.", NULL);
    int64_t new_id = 0;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = tx_end(db, own, insert_initiative(db, s, collective_id, act, &new_id, f), f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

/* Takes the row lock of an open initiative and stamps updated_at;
 * ERR_CONFLICT when it has ended (or is not in phase, when non-NULL). */
static enum err lock_open(struct db *db, int64_t id, const char *phase, const struct actor *act,
                          struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "UPDATE initiative SET updated_at = ? WHERE id = ? "
                                        "AND phase NOT IN ('anchored', 'stopped') "
                                        "AND (CAST(? AS TEXT) IS NULL OR phase = CAST(? AS TEXT))");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->now);
    db_bind_int(st, 2, id);
    db_bind_text(st, 3, phase);
    db_bind_text(st, 4, phase);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) > 0)
        return ERR_OK;
    if (phase)
        return fault_set(f, ERR_CONFLICT, "phase",
                         "The evaluation is entered while the initiative is in its evaluation "
                         "phase.",
                         NULL);
    return fault_set(f, ERR_CONFLICT, NULL, "This initiative has ended; it no longer changes.",
                     NULL);
}

static enum err update_rows(struct db *db, int64_t id, const struct initiative_scope *s,
                            const struct actor *act, struct fault *f)
{
    enum err e = lock_open(db, id, NULL, act, f);
    struct db_stmt *st = e == ERR_OK
                             ? db_prepare(db, "UPDATE initiative SET title = ?, aim = ?, "
                                              "threshold_residents = ?, threshold_hours = ? "
                                              "WHERE id = ?")
                             : NULL;
    if (e != ERR_OK)
        return e;
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, s->title);
    db_bind_text(st, 2, s->aim ? s->aim : "");
    db_bind_int(st, 3, s->threshold_residents);
    db_bind_int(st, 4, s->threshold_hours);
    db_bind_int(st, 5, id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    e = put_areas_needs(db, id, s, f);
    const char *reason = NULL;
    if (e == ERR_OK)
        e = initiative_ownership(db, id, &reason, f);
    if (e == ERR_OK && reason)
        return fault_set(f, ERR_INVALID, "areas",
                         "Every initiator must be a verified resident of one of the "
                         "initiative's buurten: keep a buurt where each of them lives.",
                         NULL);
    return e == ERR_OK ? initiative_audit(db, id, "initiative.change_scope", act, true, NULL, f)
                       : e;
}

enum err initiative_update(struct db *db, int64_t initiative_id, const struct initiative_scope *s,
                           const struct actor *act, struct fault *f)
{
    enum err e = initiative_authorise(db, initiative_id, ACT_INITIATIVE_CHANGE_SCOPE, act, f);
    if (e == ERR_OK)
        e = initiative_authorise(db, initiative_id, ACT_INITIATIVE_CHANGE_NEEDS, act, f);
    if (e == ERR_OK)
        e = check_scope(db, s, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    return tx_end(db, own, update_rows(db, initiative_id, s, act, f), f);
}

/* The capacity and relation person_id would hold the initiator role in:
 * resident and MEMBER for a verified resident of its buurten, else
 * professional for one who holds that capacity, else what they hold. */
static enum err candidate(struct db *db, int64_t initiative_id, int64_t person_id,
                          enum capacity *cap, enum relation *rel, struct fault *f)
{
    bool yes = false;
    *cap = CAP_PERSON;
    *rel = REL_OTHER;
    enum err e = initiative_is_resident(db, initiative_id, person_id, &yes, f);
    if (e != ERR_OK || yes) {
        *cap = CAP_RESIDENT;
        *rel = REL_MEMBER;
        return e;
    }
    e = capacity_may_act(db, person_id, "professional", &yes, f);
    if (e == ERR_OK && yes) {
        *cap = CAP_PROFESSIONAL;
        return e;
    }
    if (e == ERR_OK)
        e = capacity_may_act(db, person_id, "resident", &yes, f);
    if (e == ERR_OK && yes)
        *cap = CAP_RESIDENT;
    return e;
}

static enum err person_exists(struct db *db, int64_t person_id, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT COUNT(*) FROM person WHERE id = ? AND erased_at IS NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    enum db_rc rc = db_step(st);
    bool found = rc == DB_ROW && db_col_int(st, 0) > 0;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return found ? ERR_OK : fault_set(f, ERR_NOT_FOUND, "person", "There is no such person.", NULL);
}

static enum err add_rows(struct db *db, int64_t id, int64_t person_id, const struct actor *act,
                         struct fault *f)
{
    bool added = false;
    enum err e = lock_open(db, id, NULL, act, f);
    if (e == ERR_OK)
        e = insert_initiator(db, id, person_id, act->person_id, act->now, &added, f);
    if (e == ERR_OK && !added)
        return fault_set(f, ERR_CONFLICT, "person", "This person is an initiator already.", NULL);
    json_t *detail = json_pack("{s:I}", "person", (json_int_t)person_id);
    if (e == ERR_OK)
        e = initiative_audit(db, id, "initiative.add_initiator", act, true, detail, f);
    json_decref(detail);
    if (e == ERR_OK && person_id != act->person_id)
        e = notify(db, person_id, "initiator_added", id, NULL, f);
    return e;
}

enum err initiative_add_initiator(struct db *db, int64_t initiative_id, int64_t person_id,
                                  const struct actor *act, struct fault *f)
{
    enum capacity cap;
    enum relation rel;
    enum err e = initiative_authorise(db, initiative_id, ACT_INITIATIVE_ADD_INITIATOR, act, f);
    if (e == ERR_OK)
        e = person_exists(db, person_id, f);
    if (e == ERR_OK)
        e = candidate(db, initiative_id, person_id, &cap, &rel, f);
    if (e == ERR_OK && (e = capacity_authorise(ACT_INITIATIVE_BE_INITIATOR, cap, rel, f)) != ERR_OK)
        return refused(db, initiative_id, ACT_INITIATIVE_ADD_INITIATOR, act, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    return tx_end(db, own, add_rows(db, initiative_id, person_id, act, f), f);
}

static enum err remove_rows(struct db *db, int64_t id, int64_t person_id, const struct actor *act,
                            struct fault *f)
{
    enum err e = lock_open(db, id, NULL, act, f);
    struct db_stmt *st =
        e == ERR_OK
            ? db_prepare(db, "UPDATE initiative_initiator SET until_at = ? WHERE initiative_id = ? "
                             "AND person_id = ? AND until_at IS NULL AND ((SELECT collective_id "
                             "FROM initiative WHERE id = ?) IS NOT NULL OR (SELECT COUNT(*) "
                             "FROM initiative_initiator WHERE initiative_id = ? "
                             "AND until_at IS NULL) > 1)")
            : NULL;
    if (e != ERR_OK)
        return e;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->now);
    db_bind_int(st, 2, id);
    db_bind_int(st, 3, person_id);
    db_bind_int(st, 4, id);
    db_bind_int(st, 5, id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) == 0)
        return fault_set(f, ERR_CONFLICT, "person",
                         "An initiative needs at least one initiator: add another before this "
                         "one steps down, or stop the initiative.",
                         NULL);
    json_t *detail = json_pack("{s:I}", "person", (json_int_t)person_id);
    e = initiative_audit(db, id, "initiative.remove_initiator", act, true, detail, f);
    json_decref(detail);
    return e == ERR_OK ? initiative_check_ownership(db, id, act, NULL, f) : e;
}

enum err initiative_remove_initiator(struct db *db, int64_t initiative_id, int64_t person_id,
                                     const struct actor *act, struct fault *f)
{
    enum err e = initiative_authorise(db, initiative_id, ACT_INITIATIVE_REMOVE_INITIATOR, act, f);
    struct db_stmt *st = e == ERR_OK ? db_prepare(db, "SELECT COUNT(*) FROM initiative_initiator "
                                                      "WHERE initiative_id = ? AND person_id = ? "
                                                      "AND until_at IS NULL")
                                     : NULL;
    if (e != ERR_OK)
        return e;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    db_bind_int(st, 2, person_id);
    enum db_rc rc = db_step(st);
    bool is = rc == DB_ROW && db_col_int(st, 0) > 0;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (!is)
        return fault_set(f, ERR_NOT_FOUND, "person", "This person is not an initiator.", NULL);
    bool own;
    if ((e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    return tx_end(db, own, remove_rows(db, initiative_id, person_id, act, f), f);
}

static enum err check_evaluation(const struct initiative_evaluation *ev, struct fault *f)
{
    const char *values[] = {ev->results, ev->worked, ev->did_not_work, ev->conditions};
    const char *fields[] = {"results", "worked", "did_not_work", "conditions"};
    for (int i = 0; i < 4; i++)
        if (chars(values[i]) < 1 || chars(values[i]) > INITIATIVE_TEXT_MAX)
            return fault_set(f, ERR_INVALID, fields[i],
                             "Fill in each part of the evaluation, in at most 5000 characters.",
                             NULL);
    return ERR_OK;
}

static enum err evaluation_rows(struct db *db, int64_t id, const struct initiative_evaluation *ev,
                                const struct actor *act, struct fault *f)
{
    enum err e = lock_open(db, id, "evaluation", act, f);
    struct db_stmt *st =
        e == ERR_OK
            ? db_prepare(db, "INSERT INTO initiative_evaluation (initiative_id, results, worked, "
                             "did_not_work, conditions, updated_by, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (initiative_id) DO UPDATE "
                             "SET results = excluded.results, worked = excluded.worked, "
                             "did_not_work = excluded.did_not_work, "
                             "conditions = excluded.conditions, "
                             "updated_by = excluded.updated_by, updated_at = excluded.updated_at")
            : NULL;
    if (e != ERR_OK)
        return e;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, ev->results);
    db_bind_text(st, 3, ev->worked);
    db_bind_text(st, 4, ev->did_not_work);
    db_bind_text(st, 5, ev->conditions);
    db_bind_int(st, 6, act->person_id);
    db_bind_int(st, 7, act->now);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return initiative_audit(db, id, "initiative.evaluate", act, true, NULL, f);
}

enum err initiative_evaluate(struct db *db, int64_t initiative_id,
                             const struct initiative_evaluation *ev, const struct actor *act,
                             struct fault *f)
{
    enum err e = initiative_authorise(db, initiative_id, ACT_INITIATIVE_CHANGE_SCOPE, act, f);
    if (e == ERR_OK)
        e = check_evaluation(ev, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    return tx_end(db, own, evaluation_rows(db, initiative_id, ev, act, f), f);
}
