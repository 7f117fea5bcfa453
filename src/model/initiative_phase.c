/* Initiatives: moving from phase to phase (see initiative.h,
 * initiative_change_phase). The moves are a small table; the rules about
 * reasons (stopping; execution below the pledge thresholds) and about the
 * evaluation before anchoring come after it. The change itself is a
 * conditional UPDATE on the phase it comes from, so two initiators who
 * move at once cannot both succeed; the change is kept in
 * initiative_phase_change, in the audit log, and told to the pledgers. */
#include "model/initiative.h"

#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/notification.h"
#include "model/pledge.h"
#include "model/tx.h"

/* The phase each open phase moves on to (besides "stopped"). */
static const char *const moves[][2] = {
    {"idea", "awareness"},
    {"awareness", "execution"},
    {"execution", "evaluation"},
    {"evaluation", "anchored"},
};

static bool is_move(const char *from, const char *to)
{
    if (strcmp(to, "stopped") == 0)
        return true;
    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
        if (strcmp(moves[i][0], from) == 0 && strcmp(moves[i][1], to) == 0)
            return true;
    return false;
}

static bool has_text(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return true;
    return false;
}

/* The move's own rule, before the thresholds and the evaluation. */
static enum err check_move(const char *from, const char *to, const char *reason, struct fault *f)
{
    if (!initiative_phase_valid(to))
        return fault_set(f, ERR_INVALID, "phase",
                         "Choose a phase: idea, awareness, execution, evaluation, anchored or "
                         "stopped.",
                         NULL);
    if (initiative_phase_ended(from))
        return fault_set(f, ERR_CONFLICT, NULL, "This initiative has ended; it no longer changes.",
                         NULL);
    if (reason && utf8_count(reason, strlen(reason)) > INITIATIVE_TEXT_MAX)
        return fault_set(f, ERR_INVALID, "reason", "Give the reason in at most 5000 characters.",
                         NULL);
    if (strcmp(from, to) == 0)
        return fault_set(f, ERR_INVALID, "phase", "The initiative is in this phase already.", NULL);
    if (strcmp(from, "idea") == 0 && strcmp(to, "awareness") != 0 && strcmp(to, "stopped") != 0)
        return fault_set(f, ERR_INVALID, "phase",
                         "An initiative cannot skip the awareness phase: move it to awareness "
                         "first and gather pledges there.",
                         NULL);
    if (!is_move(from, to))
        return fault_set(f, ERR_INVALID, "phase",
                         "An initiative moves one phase at a time -- idea, awareness, execution, "
                         "evaluation, then anchored -- and may stop at any time.",
                         NULL);
    if (strcmp(to, "stopped") == 0 && !has_text(reason))
        return fault_set(f, ERR_INVALID, "reason", "Say why the initiative stops.", NULL);
    return ERR_OK;
}

/* Execution below the thresholds needs a reason; anchoring an evaluation. */
static enum err check_conditions(struct db *db, const struct initiative *it, const char *to,
                                 const char *reason, struct fault *f)
{
    if (strcmp(to, "execution") == 0 && !has_text(reason)) {
        int residents = 0, hours = 0;
        enum err e = pledge_totals(db, it->id, &residents, &hours, f);
        if (e != ERR_OK)
            return e;
        if (residents < it->threshold_residents || hours < it->threshold_hours)
            return fault_set(f, ERR_INVALID, "reason",
                             "Fewer residents or hours are pledged than the threshold you set: "
                             "say why the initiative moves to execution anyway.",
                             NULL);
    }
    if (strcmp(to, "anchored") == 0) {
        struct arena *a = arena_new();
        struct initiative_evaluation ev;
        enum err e = initiative_evaluation_get(db, a, it->id, &ev, f);
        arena_free(a);
        if (e != ERR_OK)
            return e;
        if (ev.updated_by == 0)
            return fault_set(f, ERR_CONFLICT, "phase",
                             "Enter the evaluation before the initiative is anchored.", NULL);
    }
    return ERR_OK;
}

static enum err record_change(struct db *db, const struct initiative *it, const char *to,
                              const char *reason, const struct actor *act, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "UPDATE initiative SET phase = ?, updated_at = ? "
                                        "WHERE id = ? AND phase = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, to);
    db_bind_int(st, 2, act->now);
    db_bind_int(st, 3, it->id);
    db_bind_text(st, 4, it->phase);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) == 0)
        return fault_set(f, ERR_CONFLICT, "phase",
                         "The phase changed meanwhile; reload the page to see it now.", NULL);
    st = db_prepare(db, "INSERT INTO initiative_phase_change (initiative_id, from_phase, to_phase, "
                        "person_id, capacity, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, it->id);
    db_bind_text(st, 2, it->phase);
    db_bind_text(st, 3, to);
    db_bind_int(st, 4, act->person_id);
    db_bind_text(st, 5, act->capacity);
    db_bind_text(st, 6, has_text(reason) ? reason : NULL);
    db_bind_int(st, 7, act->now);
    rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    /* The reason is free text (it may hold an address): it stays in the
     * table, shown on the page; the log says that there was one. */
    json_t *detail =
        json_pack("{s:s, s:s, s:b}", "from", it->phase, "to", to, "reason", has_text(reason));
    enum err e = initiative_audit(db, it->id, "initiative.change_phase", act, true, detail, f);
    json_decref(detail);
    return e == ERR_OK ? notify_pledgers(db, it->id, "phase_changed", to, act->person_id, f) : e;
}

enum err initiative_change_phase(struct db *db, int64_t initiative_id, const char *to,
                                 const char *reason, const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct initiative it;
    enum err e = initiative_authorise(db, initiative_id, ACT_INITIATIVE_CHANGE_PHASE, act, f);
    if (e == ERR_OK)
        e = initiative_get(db, a, initiative_id, &it, f);
    if (e == ERR_OK)
        e = check_move(it.phase, to ? to : "", reason, f);
    if (e == ERR_OK)
        e = check_conditions(db, &it, to, reason, f);
    bool own;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, record_change(db, &it, to, reason, act, f), f);
    arena_free(a);
    return e;
}
