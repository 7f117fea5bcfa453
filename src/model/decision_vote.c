/* Votes and objections (see decision_vote.h). A vote is one INSERT ...
 * SELECT from the decision while it is open, ON CONFLICT on the UNIQUE
 * (decision_id, person_id): no read decides whether someone voted, the
 * constraint does. A read after a vote that inserted nothing only chooses
 * the message. */
#include "model/decision_vote.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/decision.h"
#include "model/notification.h"
#include "model/tx.h"

/* Marks a message id for the catalogs (as render/req.h's N_). */
#define N_(msgid) (msgid)

static bool is(const char *s, const char *t)
{
    return s && strcmp(s, t) == 0;
}

/* The numbers a fault may name (its arguments must outlive it). */
static const char *const numbers[DECISION_DOTS_MAX + 1] = {
    "0",  "1",  "2",  "3",  "4",  "5",  "6",  "7",  "8",  "9",  "10", "11", "12", "13", "14",
    "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29",
    "30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44",
    "45", "46", "47", "48", "49", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59",
    "60", "61", "62", "63", "64", "65", "66", "67", "68", "69", "70", "71", "72", "73", "74",
    "75", "76", "77", "78", "79", "80", "81", "82", "83", "84", "85", "86", "87", "88", "89",
    "90", "91", "92", "93", "94", "95", "96", "97", "98", "99", "100"};

static enum err dots_check(const struct decision *d, const struct decision_ballot *b,
                           struct fault *f)
{
    if (b->n_dots < 0 || b->n_dots > d->n_options)
        return fault_set(f, ERR_INVALID, "dots", "Give dots to the options of this vote only.",
                         NULL);
    int64_t sum = 0;
    for (int i = 0; i < b->n_dots; i++) {
        if (b->dots[i] < 0)
            return fault_set(f, ERR_INVALID, "dots", "Give each option 0 dots or more.", NULL);
        sum += b->dots[i];
    }
    if (sum == 0)
        return fault_set(f, ERR_INVALID, "dots", "Give at least one dot to an option.", NULL);
    if (sum > d->dots)
        return fault_set(f, ERR_INVALID, "dots",
                         "You have %s dots to give; these add up to more. Take some away.",
                         numbers[d->dots < 0 || d->dots > DECISION_DOTS_MAX ? 0 : d->dots], NULL);
    return ERR_OK;
}

enum err decision_ballot_check(const struct decision *d, const struct decision_ballot *b,
                               struct fault *f)
{
    if (is(d->method, "dot"))
        return dots_check(d, b, f);
    if (is(d->method, "consent")
            ? !is(b->choice, "consent")
            : !is(b->choice, "for") && !is(b->choice, "against") && !is(b->choice, "abstain"))
        return fault_set(f, ERR_INVALID, "choice",
                         is(d->method, "consent")
                             ? N_("In a consent decision you consent, or raise an objection "
                                  "with your reason.")
                             : N_("Vote for, against or abstain."),
                         NULL);
    return ERR_OK;
}

/* Settles decision id, loads it (with its options) and judges act's
 * action on it; then ERR_CONFLICT for a closed decision. */
static enum err open_judged(struct db *db, struct arena *a, int64_t id, enum action action,
                            const struct actor *act, struct decision *d, struct fault *f)
{
    enum relation rel = REL_OTHER;
    enum err e = decision_settle(db, id, act->now, f);
    if (e == ERR_OK)
        e = decision_get(db, a, id, act->now, d, f);
    if (e == ERR_OK)
        e = decision_relation(db, d, 0, 0, act, &rel, f);
    if (e == ERR_OK && !capacity_is_console(act))
        e = capacity_check(db, act, action, rel, f);
    if (e == ERR_OK && d->closed)
        e = fault_set(f, ERR_CONFLICT, "decision",
                      "This decision is closed: votes and objections are no longer taken.", NULL);
    return e;
}

/* Whether person_id has an open objection to decision id. */
static enum err has_open_objection(struct db *db, int64_t id, int64_t person_id, bool *has,
                                   struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT 1 FROM decision_objection WHERE decision_id = ? "
                                        "AND person_id = ? AND status = 'open'");
    *has = false;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, person_id);
    enum db_rc rc = db_step(st);
    *has = rc == DB_ROW;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* The vote row, inserted while the decision is open; a consent moves an
 * older consent to this version. *vote_id 0 when nothing was written. */
static enum err insert_vote(struct db *db, const struct decision *d, const char *choice,
                            const struct actor *act, int64_t *vote_id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO decision_vote (decision_id, person_id, version, choice, capacity, "
            "created_at, updated_at) SELECT d.id, ?, d.version, ?, ?, ?, ? FROM decision d "
            "WHERE d.id = ? AND d.status = 'open' AND d.closes_at > ? AND d.version = ? "
            "ON CONFLICT (decision_id, person_id) DO UPDATE SET version = excluded.version, "
            "updated_at = excluded.updated_at WHERE decision_vote.choice = 'consent' "
            "AND excluded.choice = 'consent' AND decision_vote.version < excluded.version "
            "RETURNING id");
    *vote_id = 0;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->person_id);
    db_bind_text(st, 2, choice);
    db_bind_text(st, 3, act->capacity ? act->capacity : "resident");
    db_bind_int(st, 4, act->now);
    db_bind_int(st, 5, act->now);
    db_bind_int(st, 6, d->id);
    db_bind_int(st, 7, act->now);
    db_bind_int(st, 8, d->version);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *vote_id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err insert_dots(struct db *db, const struct decision *d,
                            const struct decision_ballot *b, int64_t vote_id, struct fault *f)
{
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < b->n_dots; i++) {
        if (b->dots[i] == 0)
            continue;
        struct db_stmt *st =
            db_prepare(db, "INSERT INTO decision_dot (vote_id, option_id, dots) VALUES (?, ?, ?)");
        if (!st)
            return db_fault(db, f);
        db_bind_int(st, 1, vote_id);
        db_bind_int(st, 2, d->options[i].id);
        db_bind_int(st, 3, b->dots[i]);
        enum db_rc rc = db_step(st);
        db_done(st);
        e = rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
    }
    return e;
}

/* Why a vote wrote nothing: one's vote (or consent to this version) is
 * there already, or the decision closed or changed meanwhile. */
static enum err vote_refusal(struct db *db, struct arena *a, const struct decision *d,
                             const struct actor *act, struct fault *f)
{
    struct decision_my_vote mine;
    bool found;
    enum err e = decision_my_vote(db, a, d->id, act->person_id, &mine, &found, f);
    if (e != ERR_OK)
        return e;
    if (found && mine.version == d->version)
        return fault_set(f, ERR_CONFLICT, "decision",
                         is(d->method, "consent")
                             ? N_("You have consented to this proposal already.")
                             : N_("You have voted on this decision already."),
                         NULL);
    if (found && !is(d->method, "consent"))
        return fault_set(f, ERR_CONFLICT, "decision", "You have voted on this decision already.",
                         NULL);
    return fault_set(f, ERR_CONFLICT, "decision",
                     "This decision changed meanwhile; reload to see it now.", NULL);
}

static enum err write_vote(struct db *db, struct arena *a, const struct decision *d,
                           const struct decision_ballot *b, const struct actor *act,
                           struct fault *f)
{
    const char *choice = is(d->method, "dot") ? "dots" : b->choice;
    int64_t vote_id = 0;
    enum err e = decision_lock(db, d->id, f);
    if (e == ERR_OK)
        e = insert_vote(db, d, choice, act, &vote_id, f);
    if (e == ERR_OK && vote_id == 0)
        return vote_refusal(db, a, d, act, f);
    if (e == ERR_OK && is(d->method, "dot"))
        e = insert_dots(db, d, b, vote_id, f);
    if (e == ERR_OK)
        e = decision_audit(db, act, "decision.vote", d->id, "choice",
                           d->hide_results && !is(choice, "dots") ? "hidden" : choice, f);
    return e;
}

enum err decision_vote(struct db *db, int64_t id, const struct decision_ballot *b,
                       const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct decision d;
    bool objecting = false, own;
    enum err e = open_judged(db, a, id, ACT_DECISION_VOTE, act, &d, f);
    if (e == ERR_OK)
        e = decision_ballot_check(&d, b, f);
    if (e == ERR_OK && is(d.method, "consent"))
        e = has_open_objection(db, id, act->person_id, &objecting, f);
    if (e == ERR_OK && objecting)
        e = fault_set(f, ERR_CONFLICT, "decision",
                      "You object to this proposal: resolve or withdraw your objection before "
                      "you consent.",
                      NULL);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, write_vote(db, a, &d, b, act, f), f);
    arena_free(a);
    return e;
}

static enum err reason_check(const char *reason, struct fault *f)
{
    const char *s = reason ? reason + strspn(reason, " \t\r\n") : "";
    size_t len = strlen(s);
    if (*s == '\0')
        return fault_set(f, ERR_INVALID, "reason",
                         "Give the reason for your objection: what would have to change for you "
                         "to consent?",
                         NULL);
    if (!utf8_valid(s, len) || utf8_has_controls(s, len, true) ||
        utf8_count(s, len) > DECISION_REASON_MAX)
        return fault_set(f, ERR_INVALID, "reason",
                         "Give the reason for your objection in at most 2000 characters.", NULL);
    return ERR_OK;
}

static enum err write_objection(struct db *db, const struct decision *d, const char *reason,
                                const struct actor *act, int64_t *objection_id, struct fault *f)
{
    *objection_id = 0;
    enum err locked = decision_lock(db, d->id, f);
    if (locked != ERR_OK)
        return locked;
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO decision_objection (decision_id, version, person_id, reason, status, "
            "created_at) SELECT d.id, d.version, ?, ?, 'open', ? FROM decision d WHERE d.id = ? "
            "AND d.status = 'open' AND d.closes_at > ? AND d.version = ? "
            "ON CONFLICT (decision_id, person_id) WHERE status = 'open' DO NOTHING RETURNING id");
    *objection_id = 0;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->person_id);
    db_bind_text(st, 2, reason);
    db_bind_int(st, 3, act->now);
    db_bind_int(st, 4, d->id);
    db_bind_int(st, 5, act->now);
    db_bind_int(st, 6, d->version);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *objection_id = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (*objection_id == 0)
        return fault_set(f, ERR_CONFLICT, "decision",
                         "You have an open objection to this proposal already; it stands until "
                         "you resolve or withdraw it.",
                         NULL);
    enum err e = decision_audit(db, act, "decision.object", d->id, NULL, NULL, f);
    char path[40];
    snprintf(path, sizeof path, "/decisions/%" PRId64, d->id);
    if (e == ERR_OK && d->proposed_by != act->person_id)
        e = notify_about(db, d->proposed_by, "decision_objection", d->initiative_id, path, NULL, f);
    return e;
}

enum err decision_object(struct db *db, int64_t id, const char *reason, const struct actor *act,
                         int64_t *objection_id, struct fault *f)
{
    struct arena *a = arena_new();
    struct decision d;
    bool own;
    int64_t new_id = 0;
    enum err e = open_judged(db, a, id, ACT_DECISION_OBJECT, act, &d, f);
    if (e == ERR_OK && !is(d.method, "consent"))
        e = fault_set(f, ERR_CONFLICT, "decision",
                      "Objections are raised in consent decisions; in a vote, vote against.", NULL);
    if (e == ERR_OK)
        e = reason_check(reason, f);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, write_objection(db, &d, reason, act, &new_id, f), f);
    if (e == ERR_OK && objection_id)
        *objection_id = new_id;
    arena_free(a);
    return e;
}

#define OBJECTION_COLUMNS                                                                          \
    "o.id, o.decision_id, o.version, o.person_id, p.display_name, o.reason, o.status, "            \
    "o.created_at, o.settled_at FROM decision_objection o JOIN person p ON p.id = o.person_id "

static struct decision_objection objection_of(struct db_stmt *st, struct arena *a)
{
    return (struct decision_objection){
        .id = db_col_int(st, 0),
        .decision_id = db_col_int(st, 1),
        .version = (int)db_col_int(st, 2),
        .person_id = db_col_int(st, 3),
        .person_name = arena_strdup(a, db_col_text(st, 4)),
        .reason = arena_strdup(a, db_col_text(st, 5)),
        .status = arena_strdup(a, db_col_text(st, 6)),
        .created_at = db_col_int(st, 7),
        .settled_at = db_col_int(st, 8),
    };
}

static enum err objection_get(struct db *db, struct arena *a, int64_t id,
                              struct decision_objection *out, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT " OBJECTION_COLUMNS "WHERE o.id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *out = objection_of(st, a);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_ROW
               ? ERR_OK
               : fault_set(f, ERR_NOT_FOUND, "objection", "There is no such objection.", NULL);
}

static enum err write_settlement(struct db *db, const struct decision_objection *o, const char *how,
                                 const struct actor *act, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE decision_objection SET status = ?, settled_at = ?, settled_by = ? "
            "WHERE id = ? AND status = 'open' AND EXISTS (SELECT 1 FROM decision d WHERE "
            "d.id = decision_objection.decision_id AND d.status = 'open' AND d.closes_at > ?) "
            "RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, how);
    db_bind_int(st, 2, act->now);
    db_bind_int(st, 3, act->person_id);
    db_bind_int(st, 4, o->id);
    db_bind_int(st, 5, act->now);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc != DB_ROW)
        return fault_set(f, ERR_CONFLICT, "objection",
                         "This objection changed meanwhile; reload to see it now.", NULL);
    return decision_audit(db, act,
                          is(how, "resolved") ? "decision.resolve" : "decision.withdraw_objection",
                          o->decision_id, NULL, NULL, f);
}

enum err decision_objection_settle(struct db *db, int64_t decision_id, int64_t objection_id,
                                   const char *how, const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct decision_objection o = {0};
    struct decision d;
    bool own;
    enum err e = objection_get(db, a, objection_id, &o, f);
    if (e == ERR_OK && o.decision_id != decision_id)
        e = fault_set(f, ERR_NOT_FOUND, "objection", "There is no such objection.", NULL);
    if (e == ERR_OK)
        e = open_judged(db, a, o.decision_id, ACT_DECISION_OBJECT, act, &d, f);
    if (e == ERR_OK && o.person_id != act->person_id && !capacity_is_console(act))
        e = fault_set(f, ERR_FORBIDDEN, "objection",
                      "Only the person who objected resolves or withdraws an objection.", NULL);
    if (e == ERR_OK && !is(how, "resolved") && !is(how, "withdrawn"))
        e = fault_set(f, ERR_INVALID, "how", "Say whether the objection is resolved or withdrawn.",
                      NULL);
    if (e == ERR_OK && !is(o.status, "open"))
        e = fault_set(f, ERR_CONFLICT, "objection",
                      "This objection is no longer open: it was resolved, withdrawn or set aside "
                      "by an amendment.",
                      NULL);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, write_settlement(db, &o, how, act, f), f);
    arena_free(a);
    return e;
}

enum err decision_objections(struct db *db, struct arena *a, int64_t id,
                             struct decision_objection **items, int *n, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT " OBJECTION_COLUMNS "WHERE o.decision_id = ? ORDER BY o.id LIMIT ?");
    *items = NULL;
    *n = 0;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, DECISION_LIST_MAX);
    *items = arena_array(a, DECISION_LIST_MAX, sizeof **items);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && *n < DECISION_LIST_MAX)
        (*items)[(*n)++] = objection_of(st, a);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err decision_my_vote(struct db *db, struct arena *a, int64_t id, int64_t person_id,
                          struct decision_my_vote *out, bool *found, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT choice, version, created_at FROM decision_vote "
                                        "WHERE decision_id = ? AND person_id = ?");
    *found = false;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, person_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *found = true;
        *out = (struct decision_my_vote){
            .choice = arena_strdup(a, db_col_text(st, 0)),
            .version = (int)db_col_int(st, 1),
            .created_at = db_col_int(st, 2),
        };
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}
