/* Decisions (see decision.h): who is eligible and how they relate to a
 * decision, the count, and the end of a decision's life -- recording its
 * outcome at the closing time (decision_settle) or when it is closed by
 * hand, and amending a consent proposal, which reopens consent. Recording
 * is a conditional UPDATE of an open row, so two requests record it once. */
#include "model/decision.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/initiative.h"
#include "model/notification.h"
#include "model/tx.h"

/* The people eligible for an initiative's decisions: its current
 * initiators, the board of an owning collective and its pledgers (bound:
 * the initiative's id three times). */
#define INITIATIVE_ELIGIBLE                                                                        \
    "SELECT person_id FROM initiative_initiator WHERE initiative_id = ? AND until_at IS NULL "     \
    "UNION SELECT m.person_id FROM collective_member m JOIN initiative i "                         \
    "ON i.collective_id = m.collective_id WHERE i.id = ? AND m.board_role IS NOT NULL "            \
    "AND m.status = 'joined' "                                                                     \
    "UNION SELECT person_id FROM pledge WHERE initiative_id = ? AND status = 'active'"

/* The voting members of a collective (bound: its id). */
#define COLLECTIVE_ELIGIBLE                                                                        \
    "SELECT person_id FROM collective_member WHERE collective_id = ? AND role = 'member' "         \
    "AND status = 'joined'"

/* Prepares sql_collective or sql_initiative with the scope's id bound. */
static struct db_stmt *scope_stmt(struct db *db, int64_t collective_id, int64_t initiative_id,
                                  const char *sql_collective, const char *sql_initiative)
{
    struct db_stmt *st = db_prepare(db, collective_id ? sql_collective : sql_initiative);
    if (!st)
        return NULL;
    db_bind_int(st, 1, collective_id ? collective_id : initiative_id);
    if (!collective_id) {
        db_bind_int(st, 2, initiative_id);
        db_bind_int(st, 3, initiative_id);
    }
    return st;
}

enum err decision_is_eligible(struct db *db, int64_t collective_id, int64_t initiative_id,
                              int64_t person_id, bool *eligible, struct fault *f)
{
    *eligible = false;
    if (person_id == 0)
        return ERR_OK;
    if (collective_id)
        return collective_is_voting_member(db, collective_id, person_id, eligible, f);
    struct db_stmt *st = scope_stmt(db, 0, initiative_id, NULL,
                                    "SELECT COUNT(*) FROM (" INITIATIVE_ELIGIBLE ") t "
                                    "WHERE t.person_id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 4, person_id);
    enum db_rc rc = db_step(st);
    *eligible = rc == DB_ROW && db_col_int(st, 0) > 0;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err decision_eligible_count(struct db *db, int64_t collective_id, int64_t initiative_id,
                                 int *n, struct fault *f)
{
    struct db_stmt *st = scope_stmt(db, collective_id, initiative_id,
                                    "SELECT COUNT(*) FROM (" COLLECTIVE_ELIGIBLE ") t",
                                    "SELECT COUNT(*) FROM (" INITIATIVE_ELIGIBLE ") t");
    *n = 0;
    if (!st)
        return db_fault(db, f);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *n = (int)db_col_int(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err decision_relation(struct db *db, const struct decision *d, int64_t collective_id,
                           int64_t initiative_id, const struct actor *act, enum relation *rel,
                           struct fault *f)
{
    if (d) {
        collective_id = d->collective_id;
        initiative_id = d->initiative_id;
    }
    *rel = REL_OTHER;
    if (act->person_id == 0)
        return ERR_OK;
    bool top = false, eligible = false;
    enum err e;
    if (collective_id) {
        e = collective_is_board_member(db, collective_id, act->person_id, &top, f);
    } else {
        enum relation r = REL_OTHER;
        e = initiative_relation(db, initiative_id, act, &r, f);
        top = r == REL_INITIATOR;
    }
    if (e == ERR_OK && !top)
        e = decision_is_eligible(db, collective_id, initiative_id, act->person_id, &eligible, f);
    if (e == ERR_OK)
        *rel = top ? REL_INITIATOR : eligible ? REL_MEMBER : REL_OTHER;
    return e;
}

enum err decision_lock(struct db *db, int64_t id, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "UPDATE decision SET updated_at = updated_at WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err decision_count(struct db *db, const struct decision *d, struct decision_tally *out,
                        struct fault *f)
{
    *out = (struct decision_tally){.shown = true};
    enum err e = decision_eligible_count(db, d->collective_id, d->initiative_id, &out->eligible, f);
    struct db_stmt *st =
        e != ERR_OK
            ? NULL
            : db_prepare(db,
                         "SELECT COUNT(*), "
                         "COALESCE(SUM(CASE WHEN v.choice = 'for' THEN 1 ELSE 0 END), 0), "
                         "COALESCE(SUM(CASE WHEN v.choice = 'against' THEN 1 ELSE 0 END), 0), "
                         "COALESCE(SUM(CASE WHEN v.choice = 'abstain' THEN 1 ELSE 0 END), 0), "
                         "(SELECT COUNT(*) FROM decision_objection o WHERE o.decision_id = ? "
                         "AND o.status = 'open') "
                         "FROM decision_vote v WHERE v.decision_id = ? AND (v.choice <> 'consent' "
                         "OR v.version = ?)");
    if (e != ERR_OK)
        return e;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, d->id);
    db_bind_int(st, 2, d->id);
    db_bind_int(st, 3, d->version);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        out->votes = (int)db_col_int(st, 0);
        out->votes_for = (int)db_col_int(st, 1);
        out->votes_against = (int)db_col_int(st, 2);
        out->votes_abstain = (int)db_col_int(st, 3);
        out->objections = (int)db_col_int(st, 4);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err decision_notify_eligible(struct db *db, int64_t collective_id, int64_t initiative_id,
                                  int64_t id, const char *kind, int64_t except_person_id,
                                  struct fault *f)
{
    struct arena *a = arena_new();
    struct db_stmt *st =
        scope_stmt(db, collective_id, initiative_id, COLLECTIVE_ELIGIBLE " ORDER BY person_id",
                   INITIATIVE_ELIGIBLE " ORDER BY person_id");
    if (!st) {
        arena_free(a);
        return db_fault(db, f);
    }
    /* collected first: notify_about prepares statements of its own */
    int64_t *people = NULL;
    int n = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (n == cap) {
            int64_t *more = arena_array(a, (size_t)(cap = cap ? cap * 2 : 32), sizeof *more);
            if (n)
                memcpy(more, people, (size_t)n * sizeof *people);
            people = more;
        }
        people[n++] = db_col_int(st, 0);
    }
    db_done(st);
    enum err e = rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
    const char *path = arena_printf(a, "/decisions/%" PRId64, id);
    for (int i = 0; e == ERR_OK && i < n; i++)
        if (people[i] != except_person_id)
            e = notify_about(db, people[i], kind, initiative_id, path, NULL, f);
    arena_free(a);
    return e;
}

enum err decision_audit(struct db *db, const struct actor *act, const char *action, int64_t id,
                        const char *key, const char *value, struct fault *f)
{
    char object_id[24];
    snprintf(object_id, sizeof object_id, "%" PRId64, id);
    json_t *detail = key ? json_pack("{ss}", key, value) : NULL;
    struct audit_entry entry = {
        .at = act->now,
        .person_id = act->person_id,
        .capacity = act->capacity,
        .action = action,
        .object_type = "decision",
        .object_id = object_id,
        .request_id = act->request_id,
        .is_public = true,
        .detail = detail,
    };
    enum err e = audit_record(db, &entry, f);
    json_decref(detail);
    return e;
}

/* Stores the count and outcome of open decision d as closed at closed_at by
 * act (person 0: the closing time); *done false when it was closed
 * meanwhile. Audits action and notifies those eligible. */
static enum err record_outcome(struct db *db, const struct decision *d, int64_t closed_at,
                               const struct actor *act, const char *action, bool *done,
                               struct fault *f)
{
    struct decision_tally t;
    *done = false;
    enum err e = decision_lock(db, d->id, f);
    if (e == ERR_OK)
        e = decision_count(db, d, &t, f);
    if (e != ERR_OK)
        return e;
    const char *outcome = decision_outcome(d->method, d->quorum_percent, t.eligible, t.votes,
                                           t.votes_for, t.votes_against, t.objections);
    struct db_stmt *st = db_prepare(
        db, "UPDATE decision SET status = 'closed', closed_at = ?, closed_by = ?, outcome = ?, "
            "eligible_count = ?, votes_count = ?, for_count = ?, against_count = ?, "
            "abstain_count = ?, objection_count = ?, updated_at = ? "
            "WHERE id = ? AND status = 'open' AND version = ? RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, closed_at);
    if (act->person_id)
        db_bind_int(st, 2, act->person_id);
    else
        db_bind_null(st, 2);
    db_bind_text(st, 3, outcome);
    int64_t counts[] = {t.eligible,      t.votes,      t.votes_for, t.votes_against,
                        t.votes_abstain, t.objections, act->now,    d->id};
    for (int i = 0; i < 8; i++)
        db_bind_int(st, 4 + i, counts[i]);
    db_bind_int(st, 12, d->version);
    enum db_rc rc = db_step(st);
    *done = rc == DB_ROW;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (!*done)
        return ERR_OK;
    st = db_prepare(db, "UPDATE decision_option SET dots = COALESCE((SELECT SUM(dd.dots) FROM "
                        "decision_dot dd WHERE dd.option_id = decision_option.id), 0) "
                        "WHERE decision_id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, d->id);
    rc = db_step(st);
    db_done(st);
    e = rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
    if (e == ERR_OK)
        e = decision_audit(db, act, action, d->id, "outcome", outcome, f);
    if (e == ERR_OK)
        e = decision_notify_eligible(db, d->collective_id, d->initiative_id, d->id,
                                     "decision_closed", act->person_id, f);
    return e;
}

enum err decision_settle(struct db *db, int64_t id, int64_t now, struct fault *f)
{
    struct arena *a = arena_new();
    struct decision d;
    bool own, done;
    enum err e = decision_get(db, a, id, now, &d, f);
    if (e == ERR_OK && d.closed && !d.recorded && (e = tx_begin(db, &own, f)) == ERR_OK) {
        struct actor nobody = {.now = now};
        e = tx_end(db, own,
                   record_outcome(db, &d, d.closes_at, &nobody, "decision.closed", &done, f), f);
    }
    arena_free(a);
    return e;
}

/* Settles decision id, loads it and judges act's action on it (with the
 * proposer as initiator when proposer_is_initiator). */
static enum err load_judged(struct db *db, struct arena *a, int64_t id, enum action action,
                            bool proposer_is_initiator, const struct actor *act, struct decision *d,
                            struct fault *f)
{
    enum relation rel = REL_OTHER;
    enum err e = decision_settle(db, id, act->now, f);
    if (e == ERR_OK)
        e = decision_get(db, a, id, act->now, d, f);
    if (e == ERR_OK)
        e = decision_relation(db, d, 0, 0, act, &rel, f);
    if (e == ERR_OK && proposer_is_initiator && act->person_id == d->proposed_by)
        rel = REL_INITIATOR;
    if (e == ERR_OK && !capacity_is_console(act))
        e = capacity_check(db, act, action, rel, f);
    return e;
}

enum err decision_close(struct db *db, int64_t id, const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct decision d;
    bool own, done = false;
    enum err e = load_judged(db, a, id, ACT_DECISION_CLOSE, true, act, &d, f);
    if (e == ERR_OK && d.closed)
        e = fault_set(f, ERR_CONFLICT, "decision", "This decision is closed already.", NULL);
    if (e == ERR_OK && d.initiative_id)
        e = initiative_refuse_frozen(db, d.initiative_id, ACT_DECISION_CLOSE, act, f);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK) {
        e = record_outcome(db, &d, act->now, act, "decision.close", &done, f);
        if (e == ERR_OK && !done)
            e = fault_set(f, ERR_CONFLICT, "decision",
                          "This decision changed meanwhile; reload to see it now.", NULL);
        e = tx_end(db, own, e, f);
    }
    arena_free(a);
    return e;
}

/* The new version of an open consent proposal, its history row and the
 * open objections set aside. */
static enum err write_amendment(struct db *db, const struct decision *d, const char *title,
                                const char *body, const struct actor *act, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE decision SET title = ?, body = ?, version = version + 1, updated_at = ? "
            "WHERE id = ? AND status = 'open' AND closes_at > ? AND version = ? RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, title);
    db_bind_text(st, 2, body ? body : "");
    db_bind_int(st, 3, act->now);
    db_bind_int(st, 4, d->id);
    db_bind_int(st, 5, act->now);
    db_bind_int(st, 6, d->version);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc != DB_ROW)
        return rc == DB_ERROR
                   ? db_fault(db, f)
                   : fault_set(f, ERR_CONFLICT, "decision",
                               "This decision changed meanwhile; reload to see it now.", NULL);
    enum err e = decision_version_insert(db, d->id, d->version + 1, title, body, act, f);
    st =
        e != ERR_OK
            ? NULL
            : db_prepare(db, "UPDATE decision_objection SET status = 'superseded', settled_at = ?, "
                             "settled_by = ? WHERE decision_id = ? AND status = 'open'");
    if (e != ERR_OK)
        return e;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->now);
    db_bind_int(st, 2, act->person_id);
    db_bind_int(st, 3, d->id);
    rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    char version[16];
    snprintf(version, sizeof version, "%d", d->version + 1);
    e = decision_audit(db, act, "decision.amend", d->id, "version", version, f);
    if (e == ERR_OK)
        e = decision_notify_eligible(db, d->collective_id, d->initiative_id, d->id,
                                     "decision_opened", act->person_id, f);
    return e;
}

enum err decision_amend(struct db *db, int64_t id, const char *title, const char *body,
                        const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct decision d;
    bool own;
    enum err e = load_judged(db, a, id, ACT_DECISION_PROPOSE, true, act, &d, f);
    if (e == ERR_OK && act->person_id != d.proposed_by && !capacity_is_console(act))
        e = fault_set(f, ERR_FORBIDDEN, "decision", "Only the proposer amends a proposal.", NULL);
    if (e == ERR_OK && d.closed)
        e = fault_set(f, ERR_CONFLICT, "decision",
                      "This decision is closed: it can no longer be amended.", NULL);
    if (e == ERR_OK && strcmp(d.method, "consent") != 0)
        e = fault_set(f, ERR_CONFLICT, "decision",
                      "Only a consent proposal is amended while it is open; a vote is not "
                      "changed once people are voting.",
                      NULL);
    if (e == ERR_OK)
        e = decision_text_check(title, body, f);
    if (e == ERR_OK && d.initiative_id)
        e = initiative_refuse_frozen(db, d.initiative_id, ACT_DECISION_PROPOSE, act, f);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, write_amendment(db, &d, title, body, act, f), f);
    arena_free(a);
    return e;
}
