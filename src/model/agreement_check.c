/* Checking what an agreement is made of (see agreement.h): the text of a
 * version, the parties of a draft and the initiatives it concerns, and
 * whether two texts are the same (a revision must change something). */
#include "model/agreement.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/utf8.h"
#include "db/db.h"

/* A text of min..max characters; one line when line. */
static bool text_ok(const char *s, size_t min, size_t max, bool line)
{
    size_t len = s ? strlen(s) : 0;
    if (len == 0)
        return min == 0;
    size_t chars = utf8_count(s, len);
    return utf8_valid(s, len) && !utf8_has_controls(s, len, !line) && chars >= min && chars <= max;
}

static bool kind_ok(const char *kind)
{
    for (const char *const *k = agreement_commitment_kinds(); kind && *k; k++)
        if (strcmp(*k, kind) == 0)
            return true;
    return false;
}

static enum err check_commitment(const struct agreement_commitment *c, int n_parties,
                                 struct fault *f)
{
    const char *field = "commitments";
    if (c->party < 0 || c->party >= n_parties)
        return fault_set(f, ERR_INVALID, field, "Each commitment belongs to one of the parties.",
                         NULL);
    if (!kind_ok(c->kind))
        return fault_set(f, ERR_INVALID, field,
                         "A commitment is hours, money, space or something else.", NULL);
    bool counted = strcmp(c->kind, "hours") == 0 || strcmp(c->kind, "money") == 0;
    if (counted && (c->amount < 1 || c->amount > AGREEMENT_AMOUNT_MAX))
        return fault_set(f, ERR_INVALID, field,
                         "Give hours and money as a whole number between 1 and 10000000.", NULL);
    if (!counted && c->amount >= 0)
        return fault_set(f, ERR_INVALID, field, "Only hours and money have an amount.", NULL);
    if (!text_ok(c->text, counted ? 0 : 1, AGREEMENT_ITEM_MAX, false))
        return fault_set(f, ERR_INVALID, field,
                         "Describe each commitment in at most 1000 characters; space and other "
                         "commitments need a description.",
                         NULL);
    return ERR_OK;
}

enum err agreement_check_text(const struct agreement_text *t, int n_parties, struct fault *f)
{
    if (!text_ok(t->title, 1, AGREEMENT_TITLE_MAX, true))
        return fault_set(f, ERR_INVALID, "title", "Give a title of one line, 1 to 200 characters.",
                         NULL);
    if (!text_ok(t->purpose, 1, AGREEMENT_PURPOSE_MAX, false))
        return fault_set(f, ERR_INVALID, "purpose", "Describe the purpose in 1 to 5000 characters.",
                         NULL);
    int64_t from, to;
    if (!t->term_from || !clock_parse_date(t->term_from, &from))
        return fault_set(f, ERR_INVALID, "term_from", "Give a date as YYYY-MM-DD.", NULL);
    if (!t->term_to || !clock_parse_date(t->term_to, &to))
        return fault_set(f, ERR_INVALID, "term_to", "Give a date as YYYY-MM-DD.", NULL);
    if (to < from)
        return fault_set(f, ERR_INVALID, "term_to", "An agreement cannot end before it starts.",
                         NULL);
    if (t->n_commitments < 0 || t->n_commitments > AGREEMENT_ITEMS_MAX)
        return fault_set(f, ERR_INVALID, "commitments", "Give at most 30 commitments.", NULL);
    for (int i = 0; i < t->n_commitments; i++) {
        enum err e = check_commitment(&t->commitments[i], n_parties, f);
        if (e != ERR_OK)
            return e;
    }
    if (t->n_duties < 0 || t->n_duties > AGREEMENT_ITEMS_MAX)
        return fault_set(f, ERR_INVALID, "responsibilities", "Give at most 30 responsibilities.",
                         NULL);
    for (int i = 0; i < t->n_duties; i++)
        if (t->duties[i].party < 0 || t->duties[i].party >= n_parties ||
            !text_ok(t->duties[i].subject, 1, AGREEMENT_ITEM_MAX, false))
            return fault_set(f, ERR_INVALID, "responsibilities",
                             "Name for each responsibility one of the parties and what it is "
                             "responsible for, in at most 1000 characters.",
                             NULL);
    return ERR_OK;
}

static bool same_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

bool agreement_text_equal(const struct agreement_text *a, const struct agreement_text *b)
{
    if (!same_str(a->title, b->title) || !same_str(a->purpose, b->purpose) ||
        !same_str(a->term_from, b->term_from) || !same_str(a->term_to, b->term_to) ||
        a->n_commitments != b->n_commitments || a->n_duties != b->n_duties)
        return false;
    for (int i = 0; i < a->n_commitments; i++) {
        const struct agreement_commitment *x = &a->commitments[i], *y = &b->commitments[i];
        if (x->party != y->party || !same_str(x->kind, y->kind) || x->amount != y->amount ||
            !same_str(x->text, y->text))
            return false;
    }
    for (int i = 0; i < a->n_duties; i++)
        if (a->duties[i].party != b->duties[i].party ||
            !same_str(a->duties[i].subject, b->duties[i].subject))
            return false;
    return true;
}

enum err agreement_check_parties(struct db *db, const struct agreement_party *parties, int n,
                                 struct fault *f)
{
    bool collective = false;
    if (n < 1 || n > AGREEMENT_PARTIES_MAX)
        return fault_set(f, ERR_INVALID, "parties", "Name between 1 and 10 parties.", NULL);
    for (int i = 0; i < n; i++) {
        const struct agreement_party *p = &parties[i];
        const char *sql, *field = p->kind;
        if (p->kind && strcmp(p->kind, "collective") == 0) {
            collective = true;
            sql = "SELECT COUNT(*) FROM collective WHERE CAST(id AS TEXT) = ? AND status = "
                  "'active'";
        } else if (p->kind && strcmp(p->kind, "organisation") == 0)
            sql = "SELECT COUNT(*) FROM organisation WHERE CAST(id AS TEXT) = ?";
        else if (p->kind && strcmp(p->kind, "gemeente") == 0)
            sql = "SELECT COUNT(*) FROM area WHERE code = ? AND kind = 'gemeente'";
        else
            return fault_set(f, ERR_INVALID, "parties",
                             "A party is a collective, an organisation or a gemeente.", NULL);
        char key[24];
        snprintf(key, sizeof key, "%" PRId64,
                 p->collective_id ? p->collective_id : p->organisation_id);
        struct db_stmt *st = db_prepare(db, sql);
        if (!st)
            return db_fault(db, f);
        db_bind_text(st, 1, p->gemeente_code && strcmp(field, "gemeente") == 0 ? p->gemeente_code
                                                                                : key);
        enum db_rc rc = db_step(st);
        bool found = rc == DB_ROW && db_col_int(st, 0) > 0;
        db_done(st);
        if (rc == DB_ERROR)
            return db_fault(db, f);
        if (!found)
            return fault_set(f, ERR_INVALID, field,
                             "There is no such party (a collective must be active).", NULL);
        for (int k = 0; k < i; k++)
            if (strcmp(parties[k].kind, p->kind) == 0 &&
                parties[k].collective_id == p->collective_id &&
                parties[k].organisation_id == p->organisation_id &&
                same_str(parties[k].gemeente_code, p->gemeente_code))
                return fault_set(f, ERR_INVALID, "parties", "Name each party once.", NULL);
    }
    if (!collective)
        return fault_set(f, ERR_INVALID, "parties",
                         "An agreement needs at least one resident collective among its parties.",
                         NULL);
    return ERR_OK;
}

enum err agreement_check_initiatives(struct db *db, const int64_t *ids, int n, struct fault *f)
{
    if (n < 0 || n > AGREEMENT_INITIATIVES_MAX)
        return fault_set(f, ERR_INVALID, "initiatives", "Name at most 10 initiatives.", NULL);
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < i; k++)
            if (ids[k] == ids[i])
                return fault_set(f, ERR_INVALID, "initiatives", "Name each initiative once.",
                                 NULL);
        struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM initiative WHERE id = ?");
        if (!st)
            return db_fault(db, f);
        db_bind_int(st, 1, ids[i]);
        enum db_rc rc = db_step(st);
        bool found = rc == DB_ROW && db_col_int(st, 0) > 0;
        db_done(st);
        if (rc == DB_ERROR)
            return db_fault(db, f);
        if (!found)
            return fault_set(f, ERR_INVALID, "initiatives", "There is no such initiative.", NULL);
    }
    return ERR_OK;
}

