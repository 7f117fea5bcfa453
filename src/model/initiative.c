/* Initiatives: the gate (see initiative.h). This file holds what every
 * write on an initiative goes through -- loading it, the actor's relation,
 * the policy verdict, invariant 1 (freezing and unfreezing) and the log of
 * refused attempts -- plus the phase names. The writes themselves are in
 * initiative_write.c and initiative_phase.c, the reads for pages in
 * initiative_list.c.
 *
 * Invariant 1 is computed from the rows every time it is asked (an
 * initiator's residency may end anywhere), and the stored frozen_reason
 * follows it through a conditional UPDATE on the value it replaces, so two
 * requests that notice the same change record it once. */
#include "model/initiative.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/notification.h"
#include "model/tx.h"

/* Marks a message id for the catalogs (xgettext's N_, as in render/req.h). */
#define N_(msgid) (msgid)

static const char *const phases[] = {"idea",     "awareness", "execution", "evaluation",
                                     "anchored", "stopped",   NULL};

static const char *const need_kinds[] = {"skills", "hours", "money", "space", NULL};

/* Why an initiative is frozen (invariant 1). */
static const char *const frozen_residency =
    N_("This initiative is frozen: one of its initiators no longer holds a verified residency "
       "in its buurt. It is open again once that initiator steps down or is verified there "
       "again.");
static const char *const frozen_no_initiators =
    N_("This initiative is frozen: it has no initiators left. It is open again once a verified "
       "resident of its buurt becomes one.");
static const char *const frozen_collective =
    N_("This initiative is frozen: the collective that owns it no longer meets the two-thirds "
       "rule for residents.");

const char *const *initiative_phases(void)
{
    return phases;
}

bool initiative_phase_valid(const char *phase)
{
    for (size_t i = 0; phase && phases[i]; i++)
        if (strcmp(phase, phases[i]) == 0)
            return true;
    return false;
}

bool initiative_phase_ended(const char *phase)
{
    return phase && (strcmp(phase, "anchored") == 0 || strcmp(phase, "stopped") == 0);
}

const char *const *initiative_need_kinds(void)
{
    return need_kinds;
}

static enum err not_found(struct fault *f)
{
    return fault_set(f, ERR_NOT_FOUND, NULL, "There is no such initiative.", NULL);
}

/* Loads the buurt codes of initiative id into out. */
static enum err load_areas(struct db *db, struct arena *a, int64_t id, struct initiative *out,
                           struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT buurt_code FROM initiative_area WHERE initiative_id = ? ORDER BY buurt_code");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    out->areas = arena_array(a, INITIATIVE_AREAS_MAX, sizeof *out->areas);
    out->n_areas = 0;
    enum db_rc rc = DB_DONE;
    while (out->n_areas < INITIATIVE_AREAS_MAX && (rc = db_step(st)) == DB_ROW)
        out->areas[out->n_areas++] = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err initiative_get(struct db *db, struct arena *a, int64_t id, struct initiative *out,
                        struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT id, title, aim, collective_id, phase, frozen_reason, threshold_residents, "
            "threshold_hours, created_by, created_at, updated_at FROM initiative WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        const char *frozen = db_col_text(st, 5);
        *out = (struct initiative){
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
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return not_found(f);
    return load_areas(db, a, id, out, f);
}

/* The owning collective of initiative id (0: none) and its stored frozen
 * reason (copied into a, "" when not frozen); ERR_NOT_FOUND when there is
 * no such initiative. */
static enum err head(struct db *db, struct arena *a, int64_t id, int64_t *collective_id,
                     const char **frozen, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT collective_id, frozen_reason FROM initiative WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *collective_id = db_col_int(st, 0);
        const char *text = db_col_text(st, 1);
        *frozen = arena_strdup(a, text ? text : "");
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_DONE ? not_found(f) : ERR_OK;
}

/* The count sql gives, binding id and (when non-zero) person_id. */
static enum err count(struct db *db, const char *sql, int64_t id, int64_t person_id, int64_t *n,
                      struct fault *f)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    if (person_id != 0)
        db_bind_int(st, 2, person_id);
    enum db_rc rc = db_step(st);
    *n = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err initiative_relation(struct db *db, int64_t initiative_id, const struct actor *act,
                             enum relation *rel, struct fault *f)
{
    struct arena *a = arena_new();
    int64_t collective_id = 0, n = 0;
    const char *frozen;
    bool board = false;
    *rel = REL_OTHER;
    enum err e = head(db, a, initiative_id, &collective_id, &frozen, f);
    arena_free(a);
    if (e != ERR_OK || act->person_id == 0)
        return e;
    e = count(db,
              "SELECT COUNT(*) FROM initiative_initiator WHERE initiative_id = ? "
              "AND person_id = ? AND until_at IS NULL",
              initiative_id, act->person_id, &n, f);
    if (e == ERR_OK && n == 0 && collective_id != 0)
        e = collective_is_board_member(db, collective_id, act->person_id, &board, f);
    if (e != ERR_OK || n > 0 || board) {
        *rel = e == ERR_OK ? REL_INITIATOR : REL_OTHER;
        return e;
    }
    e = initiative_is_resident(db, initiative_id, act->person_id, &board, f);
    *rel = e == ERR_OK && board ? REL_MEMBER : REL_OTHER;
    return e;
}

enum err initiative_is_resident(struct db *db, int64_t initiative_id, int64_t person_id, bool *is,
                                struct fault *f)
{
    int64_t n = 0;
    enum err e = count(db,
                       "SELECT COUNT(*) FROM residency r JOIN initiative_area ia "
                       "ON ia.buurt_code = r.buurt_code WHERE ia.initiative_id = ? "
                       "AND r.person_id = ? AND r.status = 'verified'",
                       initiative_id, person_id, &n, f);
    *is = e == ERR_OK && n > 0;
    return e;
}

enum err initiative_ownership(struct db *db, int64_t initiative_id, const char **reason_msgid,
                              struct fault *f)
{
    struct arena *a = arena_new();
    int64_t collective_id = 0, initiators = 0, strangers = 0;
    const char *frozen;
    bool sound = true;
    const char *why = NULL;
    *reason_msgid = NULL;
    enum err e = head(db, a, initiative_id, &collective_id, &frozen, f);
    arena_free(a);
    if (e == ERR_OK)
        e = count(db,
                  "SELECT COUNT(*) FROM initiative_initiator WHERE initiative_id = ? "
                  "AND until_at IS NULL",
                  initiative_id, 0, &initiators, f);
    if (e == ERR_OK)
        e = count(db,
                  "SELECT COUNT(*) FROM initiative_initiator ii WHERE ii.initiative_id = ? "
                  "AND ii.until_at IS NULL AND NOT EXISTS (SELECT 1 FROM residency r "
                  "JOIN initiative_area ia ON ia.buurt_code = r.buurt_code "
                  "WHERE ia.initiative_id = ii.initiative_id AND r.person_id = ii.person_id "
                  "AND r.status = 'verified')",
                  initiative_id, 0, &strangers, f);
    if (e == ERR_OK && collective_id != 0)
        e = collective_is_sound(db, collective_id, &sound, &why, f);
    if (e != ERR_OK)
        return e;
    if (strangers > 0)
        *reason_msgid = frozen_residency;
    else if (!sound)
        *reason_msgid = frozen_collective;
    else if (collective_id == 0 && initiators == 0)
        *reason_msgid = frozen_no_initiators;
    return ERR_OK;
}

/* Stores reason (NULL: unfrozen) in place of was ("": unfrozen) and
 * records the change, in the caller's transaction. */
static enum err store_frozen(struct db *db, int64_t id, const char *was, const char *reason,
                             const struct actor *act, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db,
        "UPDATE initiative SET frozen_reason = ? WHERE id = ? AND COALESCE(frozen_reason, '') = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, reason);
    db_bind_int(st, 2, id);
    db_bind_text(st, 3, was);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) == 0)
        return ERR_OK; /* another request recorded it first */
    json_t *detail = reason ? json_pack("{s:s}", "reason", reason) : NULL;
    enum err e = initiative_audit(db, id, reason ? "initiative.freeze" : "initiative.unfreeze", act,
                                  true, detail, f);
    json_decref(detail);
    /* the initiators hear of a freeze, since they are the ones to fix it */
    if (e == ERR_OK && reason)
        e = notify_initiators(db, id, "initiative_frozen", NULL, 0, f);
    return e;
}

enum err initiative_check_ownership(struct db *db, int64_t initiative_id, const struct actor *act,
                                    bool *frozen, struct fault *f)
{
    struct arena *a = arena_new();
    const char *reason = NULL, *was = "";
    int64_t collective_id = 0;
    bool own = false;
    enum err e = initiative_ownership(db, initiative_id, &reason, f);
    if (e == ERR_OK)
        e = head(db, a, initiative_id, &collective_id, &was, f);
    if (frozen)
        *frozen = reason != NULL;
    if (e == ERR_OK && !db_in_read(db) && strcmp(was, reason ? reason : "") != 0 &&
        (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, store_frozen(db, initiative_id, was, reason, act, f), f);
    arena_free(a);
    return e;
}

enum err initiative_check_ownership_of(struct db *db, int64_t person_id, int64_t collective_id,
                                       const struct actor *act, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT DISTINCT i.id FROM initiative i LEFT JOIN initiative_initiator ii "
                       "ON ii.initiative_id = i.id AND ii.until_at IS NULL "
                       "WHERE i.phase NOT IN ('anchored', 'stopped') AND (ii.person_id = ? "
                       "OR i.collective_id = ?) ORDER BY i.id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    db_bind_int(st, 2, collective_id);
    struct arena *a = arena_new();
    int64_t *ids = arena_array(a, INITIATIVE_LIST_MAX, sizeof *ids);
    int n = 0;
    enum db_rc rc = DB_DONE;
    while (n < INITIATIVE_LIST_MAX && (rc = db_step(st)) == DB_ROW)
        ids[n++] = db_col_int(st, 0);
    db_done(st);
    enum err e = rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
    for (int i = 0; e == ERR_OK && i < n; i++)
        e = initiative_check_ownership(db, ids[i], act, NULL, f);
    arena_free(a);
    return e;
}

enum err initiative_audit(struct db *db, int64_t initiative_id, const char *action,
                          const struct actor *act, bool is_public, json_t *detail, struct fault *f)
{
    char object_id[24];
    snprintf(object_id, sizeof object_id, "%" PRId64, initiative_id);
    struct arena *a = arena_new();
    const char *area = NULL;
    struct db_stmt *st = db_prepare(db, "SELECT MIN(buurt_code) FROM initiative_area "
                                        "WHERE initiative_id = ?");
    if (!st) {
        arena_free(a);
        return db_fault(db, f);
    }
    db_bind_int(st, 1, initiative_id);
    if (db_step(st) == DB_ROW && db_col_text(st, 0))
        area = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    struct audit_entry entry = {.at = act->now,
                                .person_id = act->person_id,
                                .capacity = act->capacity,
                                .action = action,
                                .object_type = "initiative",
                                .object_id = object_id,
                                .area_code = area,
                                .request_id = act->request_id,
                                .is_public = is_public,
                                .detail = detail};
    enum err e = audit_record(db, &entry, f);
    arena_free(a);
    return e;
}

enum err initiative_log_refusal(struct db *db, int64_t initiative_id, enum action action,
                                const struct actor *act, const struct fault *refusal,
                                struct fault *f)
{
    if (db_in_read(db))
        return ERR_OK; /* a read is refused, not attempted: nothing to log */
    bool own;
    json_t *detail = json_pack("{s:s, s:s, s:s}", "action", policy_action_name(action), "capacity",
                               act->capacity ? act->capacity : "", "reason",
                               refusal->msgid ? refusal->msgid : "");
    enum err e = tx_begin(db, &own, f);
    if (e == ERR_OK)
        e = tx_end(db, own,
                   initiative_audit(db, initiative_id, "initiative.refused", act, false, detail, f),
                   f);
    json_decref(detail);
    return e;
}

/* Whether action steers the initiative: refused while it is frozen. */
static bool steering(enum action action)
{
    switch (action) {
    case ACT_INITIATIVE_CHANGE_SCOPE:
    case ACT_INITIATIVE_CHANGE_PHASE:
    case ACT_INITIATIVE_CHANGE_PLAN:
    case ACT_INITIATIVE_CHANGE_BUDGET:
    case ACT_INITIATIVE_CHANGE_DECISIONS:
    case ACT_INITIATIVE_CHANGE_NEEDS:
    case ACT_INITIATIVE_ADD_INITIATOR:
    case ACT_OFFER_ACCEPT:
    case ACT_OFFER_DECLINE:
    case ACT_TASK_CREATE:
    case ACT_TASK_ASSIGN:
    case ACT_RESPONSIBILITY_SET_MATRIX:
    case ACT_DECISION_CLOSE:
        return true;
    default:
        return false;
    }
}

/* Logs the refusal in f and returns its code, or the logging's error. */
static enum err refuse(struct db *db, int64_t initiative_id, enum action action,
                       const struct actor *act, struct fault *f)
{
    struct fault keep = *f;
    enum err e = initiative_log_refusal(db, initiative_id, action, act, &keep, f);
    if (e != ERR_OK)
        return e;
    *f = keep;
    return keep.code;
}

enum err initiative_authorise(struct db *db, int64_t initiative_id, enum action action,
                              const struct actor *act, struct fault *f)
{
    struct fault local = {0};
    struct fault *out = f ? f : &local;
    enum capacity cap;
    enum relation rel = REL_OTHER;
    enum err e = initiative_relation(db, initiative_id, act, &rel, out);
    if (e != ERR_OK)
        return e;
    e = capacity_of_actor(db, act, &cap, out);
    if (e == ERR_OK)
        e = capacity_authorise(action, cap, rel, out);
    if (e == ERR_FORBIDDEN)
        return refuse(db, initiative_id, action, act, out);
    if (e != ERR_OK || !steering(action))
        return e;
    return initiative_refuse_frozen(db, initiative_id, action, act, out);
}

enum err initiative_refuse_frozen(struct db *db, int64_t initiative_id, enum action action,
                                  const struct actor *act, struct fault *f)
{
    struct fault local = {0};
    struct fault *out = f ? f : &local;
    bool frozen = false;
    enum err e = initiative_check_ownership(db, initiative_id, act, &frozen, out);
    if (e != ERR_OK || !frozen)
        return e;
    const char *reason = NULL;
    e = initiative_ownership(db, initiative_id, &reason, out);
    if (e != ERR_OK)
        return e;
    fault_set(out, ERR_CONFLICT, NULL, reason, NULL);
    return refuse(db, initiative_id, action, act, out);
}
