/* Writing cooperation agreements (see agreement.h). Races are settled in
 * the database: a revision is a conditional UPDATE on the version the
 * author read; a signature first takes the agreement row with a conditional
 * UPDATE on the version signed (so simultaneous signers are serialised and
 * the last one counts every signature), then inserts with ON CONFLICT DO
 * NOTHING on the one-signature-per-party-per-version constraint. */
#include "model/agreement.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/notification.h"
#include "model/responsibility.h"
#include "model/tx.h"

static enum err record(struct db *db, const struct actor *act, const char *action, int64_t id,
                       json_t *detail, struct fault *f)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%" PRId64, id);
    struct audit_entry e = {.at = act->now,
                            .person_id = act->person_id,
                            .capacity = act->capacity,
                            .action = action,
                            .object_type = "agreement",
                            .object_id = oid,
                            .request_id = act->request_id,
                            .is_public = true,
                            .detail = detail};
    enum err r = audit_record(db, &e, f);
    json_decref(detail);
    return r;
}

/* Whether act, in the capacity it claims, may take action for some party
 * of ag: ERR_OK, or ERR_FORBIDDEN with the policy's reason. */
static enum err authorise_any(struct db *db, const struct agreement *ag, enum action action,
                              const struct actor *act, struct fault *f)
{
    enum capacity cap;
    enum err e = capacity_of_actor(db, act, &cap, f);
    enum relation seen = REL_OTHER;
    for (int i = 0; e == ERR_OK && i < ag->n_parties; i++) {
        enum relation rel;
        e = agreement_party_relation(db, ag, i, act, &rel, f);
        if (e == ERR_OK && policy_check(action, cap, rel).allowed)
            return ERR_OK;
        if (rel != REL_OTHER)
            seen = rel;
    }
    return e == ERR_OK ? capacity_authorise(action, cap, seen, f) : e;
}

/* A reason of 1..AGREEMENT_REASON_MAX characters. */
static bool reason_ok(const char *s)
{
    size_t len = s ? strlen(s) : 0;
    size_t chars = len ? utf8_count(s, len) : 0;
    return len > 0 && utf8_valid(s, len) && !utf8_has_controls(s, len, true) &&
           chars <= AGREEMENT_REASON_MAX;
}

static enum err step_done(struct db *db, struct db_stmt *st, struct fault *f)
{
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err insert_items(struct db *db, int64_t id, int64_t version_id,
                             const struct agreement_text *t, struct fault *f)
{
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < t->n_commitments; i++) {
        const struct agreement_commitment *c = &t->commitments[i];
        struct db_stmt *st = db_prepare(
            db, "INSERT INTO agreement_commitment (version_id, party_id, position, kind, amount, "
                "text) SELECT ?, id, ?, ?, ?, ? FROM agreement_party "
                "WHERE agreement_id = ? AND position = ?");
        if (!st)
            return db_fault(db, f);
        db_bind_int(st, 1, version_id);
        db_bind_int(st, 2, i);
        db_bind_text(st, 3, c->kind);
        c->amount >= 0 ? db_bind_int(st, 4, c->amount) : db_bind_null(st, 4);
        db_bind_text(st, 5, c->text ? c->text : "");
        db_bind_int(st, 6, id);
        db_bind_int(st, 7, c->party);
        e = step_done(db, st, f);
    }
    for (int i = 0; e == ERR_OK && i < t->n_duties; i++) {
        struct db_stmt *st = db_prepare(
            db, "INSERT INTO agreement_responsibility (version_id, party_id, position, subject) "
                "SELECT ?, id, ?, ? FROM agreement_party WHERE agreement_id = ? AND position = ?");
        if (!st)
            return db_fault(db, f);
        db_bind_int(st, 1, version_id);
        db_bind_int(st, 2, i);
        db_bind_text(st, 3, t->duties[i].subject);
        db_bind_int(st, 4, id);
        db_bind_int(st, 5, t->duties[i].party);
        e = step_done(db, st, f);
    }
    return e;
}

static enum err insert_version(struct db *db, int64_t id, int version,
                               const struct agreement_text *t, const struct actor *act,
                               struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO agreement_version (agreement_id, version, title, purpose, term_from, "
            "term_to, created_by, created_capacity, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, version);
    db_bind_text(st, 3, t->title);
    db_bind_text(st, 4, t->purpose);
    db_bind_text(st, 5, t->term_from);
    db_bind_text(st, 6, t->term_to);
    db_bind_int(st, 7, act->person_id);
    db_bind_text(st, 8, act->capacity);
    db_bind_int(st, 9, act->now);
    int64_t vid = 0;
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        vid = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return insert_items(db, id, vid, t, f);
}

/* The people who may sign for party (index) of agreement id now. */
static enum err party_signers(struct db *db, struct arena *a, int64_t id, int party,
                              int64_t **people, int *n, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT m.person_id FROM collective_member m JOIN agreement_party p "
            "ON p.collective_id = m.collective_id WHERE p.agreement_id = ? AND p.position = ? "
            "AND m.status = 'joined' AND m.board_role IS NOT NULL "
            "UNION SELECT r.person_id FROM role_grant r JOIN agreement_party p "
            "ON (p.organisation_id = r.organisation_id AND r.role = 'organisation_admin') "
            "OR (p.gemeente_code = r.gemeente_code AND r.role = 'municipality_admin') "
            "WHERE p.agreement_id = ? AND p.position = ? AND r.revoked_at IS NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, party);
    db_bind_int(st, 3, id);
    db_bind_int(st, 4, party);
    enum { SIGNERS_MAX = 100 };
    int64_t *v = arena_array(a, SIGNERS_MAX, sizeof *v);
    int k = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && k < SIGNERS_MAX)
        v[k++] = db_col_int(st, 0);
    db_done(st);
    *people = v;
    *n = k;
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* Notifies the signers of the parties in mask (bit i: party i), each once
 * per party, never the actor. */
static enum err notify_parties(struct db *db, const struct agreement *ag, unsigned mask,
                               const char *kind, const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    char path[40];
    snprintf(path, sizeof path, "/agreements/%" PRId64, ag->id);
    int64_t initiative = ag->n_initiatives ? ag->initiatives[0] : 0;
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < ag->n_parties; i++) {
        int64_t *people = NULL;
        int n = 0;
        if (!(mask & (1u << i)))
            continue;
        e = party_signers(db, a, ag->id, i, &people, &n, f);
        for (int k = 0; e == ERR_OK && k < n; k++)
            if (people[k] != act->person_id)
                e = notify_about(db, people[k], kind, initiative, path, ag->current.text.title, f);
    }
    arena_free(a);
    return e;
}

static enum err insert_party(struct db *db, int64_t id, int pos, const struct agreement_party *p,
                             struct fault *f)
{
    char key[48];
    bool gm = strcmp(p->kind, "gemeente") == 0;
    if (gm)
        snprintf(key, sizeof key, "gemeente:%s", p->gemeente_code);
    else
        snprintf(key, sizeof key, "%s:%" PRId64, p->kind,
                 p->collective_id ? p->collective_id : p->organisation_id);
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO agreement_party (agreement_id, position, kind, collective_id, "
            "organisation_id, gemeente_code, party_key) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, pos);
    db_bind_text(st, 3, p->kind);
    strcmp(p->kind, "collective") == 0 ? db_bind_int(st, 4, p->collective_id) : db_bind_null(st, 4);
    strcmp(p->kind, "organisation") == 0 ? db_bind_int(st, 5, p->organisation_id)
                                         : db_bind_null(st, 5);
    db_bind_text(st, 6, gm ? p->gemeente_code : NULL);
    db_bind_text(st, 7, key);
    return step_done(db, st, f);
}

static enum err draft_rows(struct db *db, struct agreement *ag, const struct agreement_text *text,
                           const struct actor *act, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "INSERT INTO agreement (version, status, created_by, "
                                        "created_at, updated_at) VALUES (1, 'draft', ?, ?, ?) "
                                        "RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->person_id);
    db_bind_int(st, 2, act->now);
    db_bind_int(st, 3, act->now);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        ag->id = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < ag->n_parties; i++)
        e = insert_party(db, ag->id, i, &ag->parties[i], f);
    for (int i = 0; e == ERR_OK && i < ag->n_initiatives; i++) {
        st = db_prepare(db, "INSERT INTO agreement_initiative (agreement_id, initiative_id) "
                            "VALUES (?, ?)");
        if (!st)
            return db_fault(db, f);
        db_bind_int(st, 1, ag->id);
        db_bind_int(st, 2, ag->initiatives[i]);
        e = step_done(db, st, f);
    }
    if (e == ERR_OK)
        e = insert_version(db, ag->id, 1, text, act, f);
    if (e == ERR_OK)
        e = record(db, act, "agreement.draft", ag->id,
                   json_pack("{sisi}", "parties", ag->n_parties, "initiatives",
                             ag->n_initiatives),
                   f);
    unsigned others = 0;
    for (int i = 0; e == ERR_OK && i < ag->n_parties; i++) {
        enum relation rel;
        e = agreement_party_relation(db, ag, i, act, &rel, f);
        if (rel == REL_OTHER)
            others |= 1u << i;
    }
    return e == ERR_OK ? notify_parties(db, ag, others, "agreement_signature_needed", act, f) : e;
}

enum err agreement_draft(struct db *db, const struct agreement_party *parties, int n_parties,
                         const int64_t *initiatives, int n_initiatives,
                         const struct agreement_text *text, const struct actor *act, int64_t *id,
                         struct fault *f)
{
    struct agreement ag = {.parties = (struct agreement_party *)parties,
                           .n_parties = n_parties < 0 ? 0 : n_parties,
                           .initiatives = (int64_t *)initiatives,
                           .n_initiatives = n_initiatives};
    if (ag.n_parties > AGREEMENT_PARTIES_MAX)
        ag.n_parties = AGREEMENT_PARTIES_MAX;
    for (int i = 0; i < ag.n_parties; i++)
        if (!parties[i].kind)
            return fault_set(f, ERR_INVALID, "parties",
                             "A party is a collective, an organisation or a gemeente.", NULL);
    enum err e = authorise_any(db, &ag, ACT_AGREEMENT_DRAFT, act, f);
    ag.n_parties = n_parties;
    if (e == ERR_OK)
        e = agreement_check_parties(db, parties, n_parties, f);
    if (e == ERR_OK)
        e = agreement_check_initiatives(db, initiatives, n_initiatives, f);
    if (e == ERR_OK)
        e = agreement_check_text(text, n_parties, f);
    ag.current.text = *text;
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = tx_end(db, own, draft_rows(db, &ag, text, act, f), f);
    if (e == ERR_OK && id)
        *id = ag.id;
    return e;
}

static bool over(const struct agreement *ag)
{
    return strcmp(ag->status, "ended") == 0 || strcmp(ag->status, "terminated") == 0;
}

static enum err revise_rows(struct db *db, const struct agreement *ag, int expected,
                            const struct agreement_text *text, const struct actor *act,
                            struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE agreement SET version = version + 1, status = 'draft', updated_at = ? "
            "WHERE id = ? AND version = ? AND status NOT IN ('ended', 'terminated')");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->now);
    db_bind_int(st, 2, ag->id);
    db_bind_int(st, 3, expected);
    enum err e = step_done(db, st, f);
    if (e == ERR_OK && db_changes(db) == 0)
        return fault_set(f, ERR_CONFLICT, "version",
                         "The agreement was changed meanwhile: read the current version first.",
                         NULL);
    if (e == ERR_OK)
        e = insert_version(db, ag->id, expected + 1, text, act, f);
    if (e == ERR_OK)
        e = record(db, act, "agreement.revise", ag->id,
                   json_pack("{sisi}", "version", expected + 1, "signatures_voided",
                             ag->n_signatures),
                   f);
    struct agreement now = *ag;
    now.current.text = *text;
    return e == ERR_OK ? notify_parties(db, &now, ~0u, "agreement_version", act, f) : e;
}

enum err agreement_revise(struct db *db, int64_t id, int expected, const struct agreement_text *text,
                          const struct actor *act, int *version, struct fault *f)
{
    struct arena *a = arena_new();
    struct agreement ag;
    enum err e = agreement_get(db, a, id, &ag, f);
    if (e == ERR_OK)
        e = authorise_any(db, &ag, ACT_AGREEMENT_REVISE, act, f);
    if (e == ERR_OK && over(&ag))
        e = fault_set(f, ERR_CONFLICT, "agreement", "This agreement has ended.", NULL);
    if (e == ERR_OK && expected != ag.version)
        e = fault_set(f, ERR_CONFLICT, "version",
                      "The agreement was changed meanwhile: read the current version first.",
                      NULL);
    if (e == ERR_OK)
        e = agreement_check_text(text, ag.n_parties, f);
    if (e == ERR_OK && agreement_text_equal(text, &ag.current.text))
        e = fault_set(f, ERR_INVALID, "title", "Nothing was changed.", NULL);
    bool own;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, revise_rows(db, &ag, expected, text, act, f), f);
    if (e == ERR_OK && version)
        *version = expected + 1;
    arena_free(a);
    return e;
}

/* Puts the responsibilities of ag's current version into the registers of
 * its initiatives. */
static enum err feed_register(struct db *db, struct arena *a, const struct agreement *ag,
                              const struct actor *act, struct fault *f)
{
    enum err e = ERR_OK;
    for (int k = 0; e == ERR_OK && k < ag->current.text.n_duties; k++) {
        const struct agreement_duty *d = &ag->current.text.duties[k];
        const struct agreement_party *p = &ag->parties[d->party];
        struct responsibility_target t = {.put_to = "initiators"};
        if (strcmp(p->kind, "organisation") == 0)
            t = (struct responsibility_target){.put_to = "organisation",
                                               .organisation_id = p->organisation_id};
        else if (strcmp(p->kind, "gemeente") == 0)
            t = (struct responsibility_target){.put_to = "gemeente",
                                               .gemeente = p->gemeente_code};
        const char *answer = arena_printf(a, "%s (%s, v%d)", p->name, ag->current.text.title,
                                          ag->version);
        for (int i = 0; e == ERR_OK && i < ag->n_initiatives; i++)
            e = responsibility_record(db, ag->initiatives[i], d->subject, answer, &t, ag->id, 0,
                                      act, f);
    }
    return e;
}

/* After a signature: the count of signatures on the current version makes
 * the status; the last one activates. */
static enum err settle(struct db *db, struct arena *a, int64_t id, const struct actor *act,
                       bool *active, struct fault *f)
{
    struct agreement ag;
    enum err e = agreement_get(db, a, id, &ag, f);
    if (e != ERR_OK)
        return e;
    *active = ag.n_signatures == ag.n_parties;
    struct db_stmt *st = db_prepare(db, "UPDATE agreement SET status = ? WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, *active ? "active" : "signed");
    db_bind_int(st, 2, id);
    e = step_done(db, st, f);
    if (e == ERR_OK && *active)
        e = feed_register(db, a, &ag, act, f);
    unsigned unsigned_mask = ~0u;
    for (int i = 0; i < ag.n_signatures; i++)
        unsigned_mask &= ~(1u << ag.signatures[i].party);
    if (e == ERR_OK)
        e = *active ? notify_parties(db, &ag, ~0u, "agreement_active", act, f)
                    : notify_parties(db, &ag, unsigned_mask, "agreement_signature_needed", act, f);
    return e;
}

static enum err sign_rows(struct db *db, struct arena *a, const struct agreement *ag, int version,
                          int party, const struct actor *act, bool *active, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "UPDATE agreement SET updated_at = ? WHERE id = ? AND version = ? "
                       "AND status IN ('draft', 'signed', 'active')");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->now);
    db_bind_int(st, 2, ag->id);
    db_bind_int(st, 3, version);
    enum err e = step_done(db, st, f);
    if (e == ERR_OK && db_changes(db) == 0)
        return fault_set(f, ERR_CONFLICT, "version",
                         "This version has been superseded: read and sign the current version.",
                         NULL);
    st = db_prepare(db, "INSERT INTO agreement_signature (version_id, party_id, person_id, "
                        "capacity, signed_at) SELECT v.id, p.id, ?, ?, ? "
                        "FROM agreement_version v JOIN agreement_party p "
                        "ON p.agreement_id = v.agreement_id WHERE v.agreement_id = ? "
                        "AND v.version = ? AND p.position = ? "
                        "ON CONFLICT (version_id, party_id) DO NOTHING");
    if (e != ERR_OK || !st)
        return e != ERR_OK ? e : db_fault(db, f);
    db_bind_int(st, 1, act->person_id);
    db_bind_text(st, 2, act->capacity);
    db_bind_int(st, 3, act->now);
    db_bind_int(st, 4, ag->id);
    db_bind_int(st, 5, version);
    db_bind_int(st, 6, party);
    e = step_done(db, st, f);
    if (e == ERR_OK && db_changes(db) == 0)
        return fault_set(f, ERR_CONFLICT, "party", "This party has signed this version already.",
                         NULL);
    if (e == ERR_OK)
        e = record(db, act, "agreement.sign", ag->id,
                   json_pack("{sisi}", "version", version, "party", party), f);
    return e == ERR_OK ? settle(db, a, ag->id, act, active, f) : e;
}

enum err agreement_sign(struct db *db, int64_t id, int version, int party, const struct actor *act,
                        bool *active, struct fault *f)
{
    struct arena *a = arena_new();
    struct agreement ag;
    enum capacity cap;
    enum relation rel = REL_OTHER;
    enum err e = agreement_get(db, a, id, &ag, f);
    if (e == ERR_OK && (party < 0 || party >= ag.n_parties))
        e = fault_set(f, ERR_NOT_FOUND, "party", "There is no such party.", NULL);
    if (e == ERR_OK)
        e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK)
        e = agreement_party_relation(db, &ag, party, act, &rel, f);
    if (e == ERR_OK)
        e = capacity_authorise(ACT_AGREEMENT_SIGN, cap, rel, f);
    if (e == ERR_OK && over(&ag))
        e = fault_set(f, ERR_CONFLICT, "agreement", "This agreement has ended.", NULL);
    if (e == ERR_OK && version != ag.version)
        e = fault_set(f, ERR_CONFLICT, "version",
                      "This version has been superseded: read and sign the current version.",
                      NULL);
    bool own, on = false;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, sign_rows(db, a, &ag, version, party, act, &on, f), f);
    if (e == ERR_OK && active)
        *active = on;
    arena_free(a);
    return e;
}

enum err agreement_end(struct db *db, int64_t id, const char *reason, const struct actor *act,
                       struct fault *f)
{
    struct arena *a = arena_new();
    struct agreement ag;
    enum err e = agreement_get(db, a, id, &ag, f);
    if (e == ERR_OK)
        e = authorise_any(db, &ag, ACT_AGREEMENT_END, act, f);
    if (e == ERR_OK && !reason_ok(reason))
        e = fault_set(f, ERR_INVALID, "reason", "Give a reason in 1 to 1000 characters.", NULL);
    if (e == ERR_OK && over(&ag))
        e = fault_set(f, ERR_CONFLICT, "agreement", "This agreement has ended.", NULL);
    const char *today = agreement_today(a, act->now);
    const char *to = strcmp(today, ag.current.text.term_to ? ag.current.text.term_to : "") >= 0
                         ? "ended"
                         : "terminated";
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK) {
        arena_free(a);
        return e;
    }
    struct db_stmt *st = db_prepare(
        db, "UPDATE agreement SET status = ?, ended_by = ?, ended_at = ?, end_reason = ?, "
            "updated_at = ? WHERE id = ? AND status NOT IN ('ended', 'terminated')");
    if (!st)
        e = db_fault(db, f);
    if (st) {
        db_bind_text(st, 1, to);
        db_bind_int(st, 2, act->person_id);
        db_bind_int(st, 3, act->now);
        db_bind_text(st, 4, reason);
        db_bind_int(st, 5, act->now);
        db_bind_int(st, 6, id);
        e = step_done(db, st, f);
    }
    if (e == ERR_OK && db_changes(db) == 0)
        e = fault_set(f, ERR_CONFLICT, "agreement", "This agreement has ended.", NULL);
    if (e == ERR_OK)
        e = record(db, act, "agreement.end", id, json_pack("{ss}", "status", to), f);
    e = tx_end(db, own, e, f);
    arena_free(a);
    return e;
}
