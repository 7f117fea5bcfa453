/* Reading cooperation agreements (see agreement.h): the agreement with its
 * parties, initiatives, a version with its commitments and
 * responsibilities, the signatures, the lists, and the actor's relation to
 * a party. A party's index is its position, so versions refer to parties
 * the same way whatever version is read. */
#include "model/agreement.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/schedule.h"

static const char *const kinds[] = {"hours", "money", "space", "other", NULL};

const char *const *agreement_commitment_kinds(void)
{
    return kinds;
}

const char *agreement_today(struct arena *a, int64_t now)
{
    int64_t day;
    int minute;
    char out[11];
    schedule_local(now, &day, &minute);
    schedule_day_text(day, out);
    return arena_strdup(a, out);
}

const char *agreement_state(const struct agreement *ag, const char *today)
{
    if (strcmp(ag->status, "active") == 0 && ag->current.text.term_to &&
        strcmp(today, ag->current.text.term_to) > 0)
        return "ended";
    return ag->status;
}

static const char *text_or_null(struct db_stmt *st, int col, struct arena *a)
{
    return db_col_is_null(st, col) ? NULL : db_col_text_dup(st, col, a);
}

static enum err load_parties(struct db *db, struct arena *a, struct agreement *ag,
                             struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT p.id, p.kind, p.collective_id, p.organisation_id, p.gemeente_code, "
            "COALESCE(c.name, o.name, g.name) FROM agreement_party p "
            "LEFT JOIN collective c ON c.id = p.collective_id "
            "LEFT JOIN organisation o ON o.id = p.organisation_id "
            "LEFT JOIN area g ON g.code = p.gemeente_code "
            "WHERE p.agreement_id = ? ORDER BY p.position");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, ag->id);
    ag->parties = arena_array(a, AGREEMENT_PARTIES_MAX, sizeof *ag->parties);
    ag->n_parties = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && ag->n_parties < AGREEMENT_PARTIES_MAX) {
        struct agreement_party *p = &ag->parties[ag->n_parties++];
        p->id = db_col_int(st, 0);
        p->kind = db_col_text_dup(st, 1, a);
        p->collective_id = db_col_int(st, 2);
        p->organisation_id = db_col_int(st, 3);
        p->gemeente_code = text_or_null(st, 4, a);
        p->name = db_col_is_null(st, 5) ? "" : db_col_text_dup(st, 5, a);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err load_initiatives(struct db *db, struct arena *a, struct agreement *ag,
                                 struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT i.id, i.title FROM agreement_initiative ai "
                                        "JOIN initiative i ON i.id = ai.initiative_id "
                                        "WHERE ai.agreement_id = ? ORDER BY i.id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, ag->id);
    ag->initiatives = arena_array(a, AGREEMENT_INITIATIVES_MAX, sizeof *ag->initiatives);
    ag->initiative_titles = arena_array(a, AGREEMENT_INITIATIVES_MAX, sizeof(char *));
    ag->n_initiatives = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && ag->n_initiatives < AGREEMENT_INITIATIVES_MAX) {
        ag->initiatives[ag->n_initiatives] = db_col_int(st, 0);
        ag->initiative_titles[ag->n_initiatives++] = db_col_text_dup(st, 1, a);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err load_commitments(struct db *db, struct arena *a, struct agreement_version *v,
                                 struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT p.position, c.kind, c.amount, c.text FROM agreement_commitment c "
                       "JOIN agreement_party p ON p.id = c.party_id "
                       "WHERE c.version_id = ? ORDER BY c.position");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, v->id);
    struct agreement_commitment *items = arena_array(a, AGREEMENT_ITEMS_MAX, sizeof *items);
    int n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && n < AGREEMENT_ITEMS_MAX) {
        items[n].party = (int)db_col_int(st, 0);
        items[n].kind = db_col_text_dup(st, 1, a);
        items[n].amount = db_col_is_null(st, 2) ? -1 : db_col_int(st, 2);
        items[n++].text = db_col_text_dup(st, 3, a);
    }
    db_done(st);
    v->text.commitments = items;
    v->text.n_commitments = n;
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err load_duties(struct db *db, struct arena *a, struct agreement_version *v,
                            struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT p.position, r.subject FROM agreement_responsibility r "
                       "JOIN agreement_party p ON p.id = r.party_id "
                       "WHERE r.version_id = ? ORDER BY r.position");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, v->id);
    struct agreement_duty *items = arena_array(a, AGREEMENT_ITEMS_MAX, sizeof *items);
    int n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && n < AGREEMENT_ITEMS_MAX) {
        items[n].party = (int)db_col_int(st, 0);
        items[n++].subject = db_col_text_dup(st, 1, a);
    }
    db_done(st);
    v->text.duties = items;
    v->text.n_duties = n;
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err agreement_version_get(struct db *db, struct arena *a, int64_t id, int version,
                               struct agreement_version *out, struct fault *f)
{
    memset(out, 0, sizeof *out);
    struct db_stmt *st = db_prepare(
        db, "SELECT v.id, v.version, v.title, v.purpose, v.term_from, v.term_to, v.created_by, "
            "p.display_name, v.created_capacity, v.created_at FROM agreement_version v "
            "JOIN person p ON p.id = v.created_by WHERE v.agreement_id = ? AND v.version = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, version);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        out->id = db_col_int(st, 0);
        out->version = (int)db_col_int(st, 1);
        out->text.title = db_col_text_dup(st, 2, a);
        out->text.purpose = db_col_text_dup(st, 3, a);
        out->text.term_from = db_col_text_dup(st, 4, a);
        out->text.term_to = db_col_text_dup(st, 5, a);
        out->created_by = db_col_int(st, 6);
        out->created_by_name = db_col_text_dup(st, 7, a);
        out->created_capacity = text_or_null(st, 8, a);
        out->created_at = db_col_int(st, 9);
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc != DB_ROW)
        return fault_set(f, ERR_NOT_FOUND, "version", "There is no such version.", NULL);
    enum err e = load_commitments(db, a, out, f);
    return e == ERR_OK ? load_duties(db, a, out, f) : e;
}

/* Signatures of agreement id: of one version (version > 0) or of all. */
static enum err load_signatures(struct db *db, struct arena *a, int64_t id, int version,
                                struct agreement_signature **items, int *n, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT s.id, v.version, p.position, s.person_id, pe.display_name, s.capacity, "
            "s.signed_at FROM agreement_signature s "
            "JOIN agreement_version v ON v.id = s.version_id "
            "JOIN agreement_party p ON p.id = s.party_id "
            "JOIN person pe ON pe.id = s.person_id "
            "WHERE v.agreement_id = ? AND (? = 0 OR v.version = ?) "
            "ORDER BY v.version, p.position");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, version);
    db_bind_int(st, 3, version);
    size_t cap = 16;
    struct agreement_signature *v = arena_array(a, cap, sizeof *v);
    int k = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if ((size_t)k == cap) {
            struct agreement_signature *w = arena_array(a, cap * 2, sizeof *w);
            memcpy(w, v, cap * sizeof *v);
            v = w;
            cap *= 2;
        }
        v[k].id = db_col_int(st, 0);
        v[k].version = (int)db_col_int(st, 1);
        v[k].party = (int)db_col_int(st, 2);
        v[k].person_id = db_col_int(st, 3);
        v[k].person_name = db_col_text_dup(st, 4, a);
        v[k].capacity = text_or_null(st, 5, a);
        v[k++].signed_at = db_col_int(st, 6);
    }
    db_done(st);
    *items = v;
    *n = k;
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err agreement_signatures(struct db *db, struct arena *a, int64_t id,
                              struct agreement_signature **items, int *n, struct fault *f)
{
    return load_signatures(db, a, id, 0, items, n, f);
}

enum err agreement_get(struct db *db, struct arena *a, int64_t id, struct agreement *out,
                       struct fault *f)
{
    memset(out, 0, sizeof *out);
    struct db_stmt *st =
        db_prepare(db, "SELECT id, version, status, created_by, created_at, updated_at, "
                       "ended_at, end_reason FROM agreement WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        out->id = db_col_int(st, 0);
        out->version = (int)db_col_int(st, 1);
        out->status = db_col_text_dup(st, 2, a);
        out->created_by = db_col_int(st, 3);
        out->created_at = db_col_int(st, 4);
        out->updated_at = db_col_int(st, 5);
        out->ended_at = db_col_int(st, 6);
        out->end_reason = text_or_null(st, 7, a);
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc != DB_ROW)
        return fault_set(f, ERR_NOT_FOUND, "agreement", "There is no such agreement.", NULL);
    enum err e = load_parties(db, a, out, f);
    if (e == ERR_OK)
        e = load_initiatives(db, a, out, f);
    if (e == ERR_OK)
        e = agreement_version_get(db, a, id, out->version, &out->current, f);
    if (e == ERR_OK)
        e = load_signatures(db, a, id, out->version, &out->signatures, &out->n_signatures, f);
    return e;
}

/* Whether act's claimed capacity names cap ("organisation_admin") with no
 * qualifier or with qualifier q. */
static bool claims(const struct actor *act, const char *cap, const char *q)
{
    size_t n = strlen(cap);
    if (!act->capacity || strncmp(act->capacity, cap, n) != 0)
        return false;
    if (act->capacity[n] == '\0')
        return true;
    return act->capacity[n] == ':' && strcmp(act->capacity + n + 1, q) == 0;
}

enum err agreement_party_relation(struct db *db, const struct agreement *ag, int party,
                                  const struct actor *act, enum relation *rel, struct fault *f)
{
    *rel = REL_OTHER;
    if (party < 0 || party >= ag->n_parties || act->person_id == 0)
        return ERR_OK;
    const struct agreement_party *p = &ag->parties[party];
    bool is = false;
    char claim[64];
    enum err e = ERR_OK;
    if (strcmp(p->kind, "collective") == 0) {
        e = collective_is_board_member(db, p->collective_id, act->person_id, &is, f);
        if (e == ERR_OK && is)
            *rel = REL_INITIATOR;
        return e;
    }
    if (strcmp(p->kind, "organisation") == 0) {
        char q[24];
        snprintf(q, sizeof q, "%" PRId64, p->organisation_id);
        snprintf(claim, sizeof claim, "organisation_admin:%s", q);
        if (!claims(act, "organisation_admin", q))
            return ERR_OK;
    } else {
        snprintf(claim, sizeof claim, "municipality_admin:%s", p->gemeente_code);
        if (!claims(act, "municipality_admin", p->gemeente_code))
            return ERR_OK;
    }
    e = capacity_may_act(db, act->person_id, claim, &is, f);
    if (e == ERR_OK && is)
        *rel = REL_MEMBER;
    return e;
}

static enum err list_rows(struct db_stmt *st, struct arena *a, const char *today,
                          struct agreement_row **items, int *n)
{
    struct agreement_row *v = arena_array(a, AGREEMENT_LIST_MAX, sizeof *v);
    int k = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && k < AGREEMENT_LIST_MAX) {
        struct agreement_row *r = &v[k++];
        r->id = db_col_int(st, 0);
        r->title = db_col_text_dup(st, 1, a);
        r->status = db_col_text_dup(st, 2, a);
        r->version = (int)db_col_int(st, 3);
        r->term_from = db_col_text_dup(st, 4, a);
        r->term_to = db_col_text_dup(st, 5, a);
        if (strcmp(r->status, "active") == 0 && strcmp(today, r->term_to) > 0)
            r->status = "ended";
    }
    *items = v;
    *n = k;
    return rc == DB_ERROR ? ERR_UNAVAILABLE : ERR_OK;
}

/* The parties' names of each row, joined. */
static enum err list_parties(struct db *db, struct arena *a, struct agreement_row *items, int n,
                             struct fault *f)
{
    for (int i = 0; i < n; i++) {
        struct agreement ag = {.id = items[i].id};
        enum err e = load_parties(db, a, &ag, f);
        if (e != ERR_OK)
            return e;
        struct buf b;
        buf_init(&b);
        for (int k = 0; k < ag.n_parties; k++)
            buf_printf(&b, "%s%s", k ? ", " : "", ag.parties[k].name);
        items[i].parties = arena_strdup(a, b.len ? b.data : "");
        buf_free(&b);
    }
    return ERR_OK;
}

enum err agreement_list(struct db *db, struct arena *a, const char *kind, const char *key,
                        const char *today, struct agreement_row **items, int *n, struct fault *f)
{
    *items = NULL;
    *n = 0;
    static const char *const allowed[] = {"collective", "organisation", "gemeente", "initiative"};
    bool ok = kind == NULL;
    for (size_t i = 0; !ok && i < sizeof allowed / sizeof allowed[0]; i++)
        ok = strcmp(kind, allowed[i]) == 0;
    if (!ok)
        return fault_set(f, ERR_INVALID, "party", "Choose a collective, an organisation, a gemeente "
                                                  "or an initiative.", NULL);
    struct db_stmt *st = db_prepare(
        db, "SELECT a.id, v.title, a.status, a.version, v.term_from, v.term_to FROM agreement a "
            "JOIN agreement_version v ON v.agreement_id = a.id AND v.version = a.version "
            "WHERE CAST(? AS TEXT) IS NULL "
            "OR (? = 'initiative' AND a.id IN (SELECT agreement_id FROM agreement_initiative "
            "WHERE CAST(initiative_id AS TEXT) = ?)) "
            "OR a.id IN (SELECT agreement_id FROM agreement_party WHERE kind = ? AND "
            "COALESCE(CAST(collective_id AS TEXT), CAST(organisation_id AS TEXT), "
            "gemeente_code) = ?) ORDER BY a.id DESC");
    if (!st)
        return db_fault(db, f);
    for (int i = 1; i <= 5; i++)
        db_bind_text(st, i, i == 3 || i == 5 ? (key ? key : "") : kind);
    enum err e = list_rows(st, a, today, items, n);
    db_done(st);
    if (e != ERR_OK)
        return db_fault(db, f);
    return list_parties(db, a, *items, *n, f);
}
