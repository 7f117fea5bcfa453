/* Conflict cases: the writes on a case that exists -- choosing the
 * mediator, taking a step, drafting and confirming the agreement (see
 * conflict.h). Each loads the case through conflict_get first, so that
 * someone who may not see it gets ERR_NOT_FOUND before anything else, then
 * asks the policy with the relation conflict_get found. Each write starts
 * with a conditional UPDATE of the case row on the step it comes from: it
 * refuses a case that moved on meanwhile and holds the row, so that two
 * writes on one case (two parties confirming at once) run one after the
 * other and the second sees the first. */
#include "model/conflict.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/notification.h"
#include "model/tx.h"

static enum err run(struct db *db, struct db_stmt *st, int64_t *id, struct fault *f)
{
    if (!st)
        return db_fault(db, f);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW && id)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static bool is(const char *s, const char *t)
{
    return s && strcmp(s, t) == 0;
}

static bool is_open(const struct conflict_case *c)
{
    return c->closed_at == 0;
}

/* 1..max characters of valid UTF-8 (line breaks allowed) with something
 * besides white space. */
static bool text_ok(const char *s, int max)
{
    size_t len = s ? strlen(s) : 0;
    return len > 0 && strspn(s, " \t\r\n") < len && utf8_valid(s, len) &&
           !utf8_has_controls(s, len, true) && utf8_count(s, len) <= (size_t)max;
}

static enum err moved_on(struct fault *f)
{
    return fault_set(f, ERR_CONFLICT, NULL,
                     "This conflict case changed meanwhile; reload to see it now.", NULL);
}

static enum err closed_case(struct fault *f)
{
    return fault_set(f, ERR_CONFLICT, "step",
                     "This conflict case is closed; it does not change "
                     "any more.",
                     NULL);
}

/* The case (ERR_NOT_FOUND for anyone who may not see it), then the policy
 * for action with the relation found. */
static enum err load(struct db *db, struct arena *a, int64_t id, enum action action,
                     const struct actor *act, struct conflict_case *c, struct fault *f)
{
    enum err e = conflict_get(db, a, id, act, c, f);
    return e == ERR_OK ? capacity_check(db, act, action, c->viewer, f) : e;
}

static enum err add_step(struct db *db, int64_t id, const char *kind, const char *record,
                         const struct actor *act, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "INSERT INTO conflict_step (case_id, kind, record, person_id, capacity, at) "
                       "VALUES (?, ?, ?, ?, ?, ?)");
    if (st) {
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, kind);
        db_bind_text(st, 3, record ? record : "");
        db_bind_int(st, 4, act->person_id);
        db_bind_text(st, 5, act->capacity);
        db_bind_int(st, 6, act->now);
    }
    return run(db, st, NULL, f);
}

/* A restricted entry naming the step only: never the matter or a record. */
static enum err record(struct db *db, int64_t id, const char *action, json_t *detail,
                       const struct actor *act, struct fault *f)
{
    char object_id[24];
    snprintf(object_id, sizeof object_id, "%" PRId64, id);
    struct audit_entry entry = {
        .at = act->now,
        .person_id = act->person_id,
        .capacity = act->capacity,
        .action = action,
        .object_type = "conflict_case",
        .object_id = object_id,
        .request_id = act->request_id,
        .is_public = false,
        .detail = detail,
    };
    enum err e = audit_record(db, &entry, f);
    json_decref(detail);
    return e;
}

/* "conflict_step" to every party and the mediator of the case (as stored
 * now) but the actor. */
static enum err notify_others(struct db *db, struct arena *a, const struct conflict_case *c,
                              const char *detail, const struct actor *act, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT person_id FROM conflict_party WHERE case_id = ? UNION SELECT mediator_id "
            "FROM conflict_case WHERE id = ? AND mediator_id IS NOT NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, c->id);
    db_bind_int(st, 2, c->id);
    int64_t *who = arena_array(a, CONFLICT_PARTIES_MAX + 2, sizeof *who);
    int n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && n < CONFLICT_PARTIES_MAX + 2)
        who[n++] = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    const char *path = arena_printf(a, "/conflicts/%" PRId64, c->id);
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < n; i++)
        if (who[i] != act->person_id)
            e = notify_about(db, who[i], "conflict_step", c->initiative_id, path, detail, f);
    return e;
}

/* Moves the case row from step from (NULL: any open step): sets to (NULL:
 * keeps the step) and the time. *moved false when it was not in from. */
static enum err lock_case(struct db *db, int64_t id, const char *from, const char *to,
                          const struct actor *act, bool *moved, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE conflict_case SET step = COALESCE(CAST(? AS TEXT), step), updated_at = ?, "
            "closed_at = CASE WHEN CAST(? AS TEXT) IN ('agreement', 'closed') THEN ? ELSE "
            "closed_at END WHERE id = ? AND closed_at IS NULL AND (CAST(? AS TEXT) IS NULL OR "
            "step = ?) AND (COALESCE(CAST(? AS TEXT), '') <> 'mediation' OR mediator_id IS NOT "
            "NULL) RETURNING id");
    int64_t got = 0;
    if (st) {
        db_bind_text(st, 1, to);
        db_bind_int(st, 2, act->now);
        db_bind_text(st, 3, to);
        db_bind_int(st, 4, act->now);
        db_bind_int(st, 5, id);
        db_bind_text(st, 6, from);
        db_bind_text(st, 7, from);
        db_bind_text(st, 8, to);
    }
    enum err e = run(db, st, &got, f);
    *moved = got != 0;
    return e;
}

/* ---- choosing the mediator ---------------------------------------------- */

static enum err mediator_check(struct db *db, const struct conflict_case *c, int64_t mediator_id,
                               const char *capacity, struct fault *f)
{
    if (!is(capacity, "resident") && !is(capacity, "professional"))
        return fault_set(f, ERR_INVALID, "capacity",
                         "Ask the mediator as a resident or as a professional.", NULL);
    if (!is(c->step, "raised") && !is(c->step, "conversation"))
        return fault_set(f, ERR_CONFLICT, "mediator",
                         "The mediator is chosen before mediation starts.", NULL);
    bool may = mediator_id > 0;
    for (int i = 0; may && i < c->n_parties; i++)
        may = c->parties[i].person_id != mediator_id;
    enum err e = ERR_OK;
    if (may)
        e = capacity_may_act(db, mediator_id, capacity, &may, f);
    if (e == ERR_OK && !may)
        e = fault_set(f, ERR_INVALID, "mediator",
                      "Ask someone who is not a party to this case: a verified resident as a "
                      "resident, or a professional with a confirmed post as a professional.",
                      NULL);
    return e;
}

/* The mediator every party asks for, or none: *mediator 0 and *capacity
 * NULL unless all choices are the same person in the same capacity. */
static enum err unanimous(struct db *db, struct arena *a, int64_t id, int64_t *mediator,
                          const char **capacity, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT COUNT(*), COUNT(choice_id), COUNT(DISTINCT choice_id), COUNT(DISTINCT "
            "choice_capacity), MIN(choice_id), MIN(choice_capacity) FROM conflict_party "
            "WHERE case_id = ?");
    *mediator = 0;
    *capacity = NULL;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW && db_col_int(st, 0) == db_col_int(st, 1) && db_col_int(st, 2) == 1 &&
        db_col_int(st, 3) == 1) {
        *mediator = db_col_int(st, 4);
        *capacity = db_col_text_dup(st, 5, a);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err choose_write(struct db *db, struct arena *a, const struct conflict_case *c,
                             int64_t mediator_id, const char *capacity, const struct actor *act,
                             bool *agreed, struct fault *f)
{
    bool moved = false;
    enum err e = lock_case(db, c->id, c->step, NULL, act, &moved, f);
    if (e != ERR_OK || !moved)
        return e != ERR_OK ? e : moved_on(f);
    struct db_stmt *st = db_prepare(
        db, "UPDATE conflict_party SET choice_id = ?, choice_capacity = ? WHERE case_id = ? AND "
            "person_id = ?");
    if (st) {
        db_bind_int(st, 1, mediator_id);
        db_bind_text(st, 2, capacity);
        db_bind_int(st, 3, c->id);
        db_bind_int(st, 4, act->person_id);
    }
    e = run(db, st, NULL, f);
    int64_t chosen = 0;
    const char *chosen_cap = NULL;
    if (e == ERR_OK)
        e = unanimous(db, a, c->id, &chosen, &chosen_cap, f);
    if (e == ERR_OK) {
        st = db_prepare(db, "UPDATE conflict_case SET mediator_id = ?, mediator_capacity = ? "
                            "WHERE id = ?");
        if (st) {
            if (chosen)
                db_bind_int(st, 1, chosen);
            else
                db_bind_null(st, 1);
            db_bind_text(st, 2, chosen_cap);
            db_bind_int(st, 3, c->id);
        }
        e = run(db, st, NULL, f);
    }
    *agreed = chosen != 0;
    if (e == ERR_OK && *agreed && chosen != c->mediator_id)
        e = add_step(db, c->id, "mediator", "", act, f);
    if (e == ERR_OK)
        e = record(db, c->id, "conflict.ask_mediator", json_pack("{s:b}", "agreed", *agreed), act,
                   f);
    if (e == ERR_OK && *agreed && chosen != c->mediator_id)
        e = notify_others(db, a, c, "mediator", act, f);
    return e;
}

enum err conflict_choose_mediator(struct db *db, int64_t id, int64_t mediator_id,
                                  const char *capacity, const struct actor *act, bool *agreed,
                                  struct fault *f)
{
    struct arena *a = arena_new();
    struct conflict_case c;
    enum err e = load(db, a, id, ACT_CONFLICT_ASK_MEDIATOR, act, &c, f);
    if (e == ERR_OK)
        e = mediator_check(db, &c, mediator_id, capacity, f);
    bool own, got = false;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, choose_write(db, a, &c, mediator_id, capacity, act, &got, f), f);
    if (e == ERR_OK && agreed)
        *agreed = got;
    arena_free(a);
    return e;
}

/* ---- taking a step -------------------------------------------------------- */

/* Whether the case may go from where it is to to, by whom: ERR_OK or the
 * refusal. */
static enum err step_rule(const struct conflict_case *c, const char *to, struct fault *f)
{
    if (!conflict_step_valid(to))
        return fault_set(f, ERR_INVALID, "step",
                         "Choose the next step: conversation, mediation or closed.", NULL);
    if (!is_open(c))
        return closed_case(f);
    if (is(to, "agreement"))
        return fault_set(f, ERR_CONFLICT, "step",
                         "A case reaches agreement when every party has confirmed the agreement "
                         "text.",
                         NULL);
    if (is(to, "closed"))
        return ERR_OK;
    if (c->viewer != REL_OWN)
        return fault_set(f, ERR_FORBIDDEN, "step",
                         "Only the parties take their case to conversation or mediation; as "
                         "mediator you draft the agreement or close the case.",
                         NULL);
    if (is(to, "conversation") && is(c->step, "raised"))
        return ERR_OK;
    if (is(to, "mediation") && is(c->step, "conversation"))
        return c->mediator_id ? ERR_OK
                              : fault_set(f, ERR_CONFLICT, "mediator",
                                          "Choose a mediator together first: every party must "
                                          "ask for the same person.",
                                          NULL);
    return fault_set(f, ERR_CONFLICT, "step",
                     "A conflict case goes from raised to conversation, then to mediation; take "
                     "the next step.",
                     NULL);
}

static enum err advance_write(struct db *db, struct arena *a, const struct conflict_case *c,
                              const char *to, const char *rec, const struct actor *act,
                              struct fault *f)
{
    bool moved = false;
    enum err e = lock_case(db, c->id, c->step, to, act, &moved, f);
    if (e != ERR_OK || !moved)
        return e != ERR_OK ? e : moved_on(f);
    e = add_step(db, c->id, to, rec, act, f);
    if (e == ERR_OK)
        e = record(db, c->id, "conflict.step", json_pack("{s:s,s:s}", "from", c->step, "to", to),
                   act, f);
    if (e == ERR_OK)
        e = notify_others(db, a, c, to, act, f);
    return e;
}

enum err conflict_advance(struct db *db, int64_t id, const char *to, const char *rec,
                          const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct conflict_case c;
    enum err e = load(db, a, id, ACT_CONFLICT_ADVANCE, act, &c, f);
    if (e == ERR_OK)
        e = step_rule(&c, to, f);
    if (e == ERR_OK && !text_ok(rec, CONFLICT_RECORD_MAX))
        e = fault_set(f, ERR_INVALID, "record",
                      "Write a short record of this step, at most 1000 characters.", NULL);
    bool own;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, advance_write(db, a, &c, to, rec, act, f), f);
    arena_free(a);
    return e;
}

/* ---- the agreement ------------------------------------------------------ */

/* The mediator's relation for conflict.mediate: MEMBER only when acting in
 * the capacity the parties asked for; OWN for a party. */
static enum err mediate_relation(struct db *db, const struct conflict_case *c,
                                 const struct actor *act, enum relation *rel, struct fault *f)
{
    enum capacity cap;
    enum err e = capacity_of_actor(db, act, &cap, f);
    *rel = c->viewer;
    if (e == ERR_OK && c->viewer == REL_MEMBER &&
        !is(c->mediator_capacity, policy_capacity_name(cap)))
        *rel = REL_OTHER;
    return e;
}

static enum err draft_write(struct db *db, struct arena *a, const struct conflict_case *c,
                            const char *text, const struct actor *act, int *version,
                            struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE conflict_case SET agreement_text = ?, agreement_version = agreement_version + "
            "1, updated_at = ? WHERE id = ? AND step = 'mediation' RETURNING agreement_version");
    int64_t v = 0;
    if (st) {
        db_bind_text(st, 1, text);
        db_bind_int(st, 2, act->now);
        db_bind_int(st, 3, c->id);
    }
    enum err e = run(db, st, &v, f);
    if (e == ERR_OK && v == 0)
        return moved_on(f);
    *version = (int)v;
    if (e == ERR_OK)
        e = add_step(db, c->id, "draft", "", act, f);
    if (e == ERR_OK)
        e = record(db, c->id, "conflict.draft", json_pack("{s:i}", "version", *version), act, f);
    if (e == ERR_OK)
        e = notify_others(db, a, c, "draft", act, f);
    return e;
}

enum err conflict_draft(struct db *db, int64_t id, const char *text, const struct actor *act,
                        int *version, struct fault *f)
{
    struct arena *a = arena_new();
    struct conflict_case c;
    enum relation rel = REL_OTHER;
    enum err e = conflict_get(db, a, id, act, &c, f);
    if (e == ERR_OK)
        e = mediate_relation(db, &c, act, &rel, f);
    if (e == ERR_OK)
        e = capacity_check(db, act, ACT_CONFLICT_MEDIATE, rel, f);
    if (e == ERR_OK && !is(c.step, "mediation"))
        e = is_open(&c) ? fault_set(f, ERR_CONFLICT, "step",
                                    "The agreement is drafted during mediation.", NULL)
                        : closed_case(f);
    if (e == ERR_OK && !text_ok(text, CONFLICT_AGREEMENT_MAX))
        e = fault_set(f, ERR_INVALID, "text", "Write the agreement text, at most 4000 characters.",
                      NULL);
    bool own;
    int v = 0;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, draft_write(db, a, &c, text, act, &v, f), f);
    if (e == ERR_OK && version)
        *version = v;
    arena_free(a);
    return e;
}

static enum err confirm_rule(const struct conflict_case *c, int version, struct fault *f)
{
    if (c->viewer != REL_OWN)
        return fault_set(f, ERR_FORBIDDEN, NULL, "Only the parties confirm the agreement.", NULL);
    if (!is_open(c))
        return closed_case(f);
    if (!is(c->step, "mediation") || c->agreement_version == 0)
        return fault_set(f, ERR_CONFLICT, "version",
                         "There is no agreement text to confirm yet; the mediator drafts it.",
                         NULL);
    if (version != c->agreement_version)
        return fault_set(f, ERR_CONFLICT, "version",
                         "The agreement was changed; read it again before you confirm.", NULL);
    return ERR_OK;
}

/* The case reaches agreement when no party lacks a confirmation of the
 * current draft; *reached says whether it did now. */
static enum err reach(struct db *db, int64_t id, const struct actor *act, bool *reached,
                      struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE conflict_case SET step = 'agreement', closed_at = ?, updated_at = ? WHERE id "
            "= ? AND step = 'mediation' AND NOT EXISTS (SELECT 1 FROM conflict_party p WHERE "
            "p.case_id = conflict_case.id AND (p.confirmed_version IS NULL OR "
            "p.confirmed_version <> conflict_case.agreement_version)) RETURNING id");
    int64_t got = 0;
    if (st) {
        db_bind_int(st, 1, act->now);
        db_bind_int(st, 2, act->now);
        db_bind_int(st, 3, id);
    }
    enum err e = run(db, st, &got, f);
    *reached = got != 0;
    return e;
}

static enum err confirm_write(struct db *db, struct arena *a, const struct conflict_case *c,
                              int version, const struct actor *act, bool *reached, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE conflict_case SET updated_at = ? WHERE id = ? AND step = 'mediation' AND "
            "agreement_version = ? RETURNING id");
    int64_t got = 0;
    if (st) {
        db_bind_int(st, 1, act->now);
        db_bind_int(st, 2, c->id);
        db_bind_int(st, 3, version);
    }
    enum err e = run(db, st, &got, f);
    if (e != ERR_OK || !got)
        return e != ERR_OK ? e
                           : fault_set(f, ERR_CONFLICT, "version",
                                       "The agreement was changed; read it again before you "
                                       "confirm.",
                                       NULL);
    st = db_prepare(db, "UPDATE conflict_party SET confirmed_version = ? WHERE case_id = ? AND "
                        "person_id = ? AND (confirmed_version IS NULL OR confirmed_version <> ?) "
                        "RETURNING person_id");
    got = 0;
    if (st) {
        db_bind_int(st, 1, version);
        db_bind_int(st, 2, c->id);
        db_bind_int(st, 3, act->person_id);
        db_bind_int(st, 4, version);
    }
    e = run(db, st, &got, f);
    if (e != ERR_OK || !got)
        return e; /* confirmed before: nothing changes */
    e = add_step(db, c->id, "confirmed", "", act, f);
    if (e == ERR_OK)
        e = reach(db, c->id, act, reached, f);
    if (e == ERR_OK && *reached)
        e = add_step(db, c->id, "agreement", "", act, f);
    if (e == ERR_OK)
        e = record(db, c->id, "conflict.confirm",
                   json_pack("{s:i,s:b}", "version", version, "agreement", *reached), act, f);
    if (e == ERR_OK)
        e = notify_others(db, a, c, *reached ? "agreement" : "confirmed", act, f);
    return e;
}

enum err conflict_confirm(struct db *db, int64_t id, int version, const struct actor *act,
                          bool *reached, struct fault *f)
{
    struct arena *a = arena_new();
    struct conflict_case c;
    enum err e = load(db, a, id, ACT_CONFLICT_ADVANCE, act, &c, f);
    if (e == ERR_OK)
        e = confirm_rule(&c, version, f);
    bool own, got = false;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, confirm_write(db, a, &c, version, act, &got, f), f);
    if (e == ERR_OK && reached)
        *reached = got;
    arena_free(a);
    return e;
}
