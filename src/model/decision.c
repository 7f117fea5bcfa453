/* Decisions (see decision.h): the counting rules, checking a proposal,
 * proposing, reading one or a list with its count. Who is eligible,
 * closing, settling and amending are in decision_close.c. */
#include "model/decision.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/notification.h"
#include "model/tx.h"

/* Marks a message id for the catalogs (as render/req.h's N_). */
#define N_(msgid) (msgid)

static const char *const methods[] = {"consent", "majority", "dot", NULL};

const char *const *decision_methods(void)
{
    return methods;
}

bool decision_method_valid(const char *method)
{
    for (int i = 0; method && methods[i]; i++)
        if (strcmp(method, methods[i]) == 0)
            return true;
    return false;
}

const char *decision_outcome(const char *method, int quorum_percent, int eligible, int votes,
                             int votes_for, int votes_against, int objections)
{
    if (strcmp(method, "consent") == 0)
        return objections > 0 ? "blocked" : "adopted";
    if (votes == 0 || (int64_t)votes * 100 < (int64_t)quorum_percent * eligible)
        return "no_quorum";
    if (strcmp(method, "dot") == 0)
        return "decided";
    return votes_for > votes_against ? "adopted" : "rejected";
}

/* Whether s is valid UTF-8 of at most max characters, without control
 * characters (newlines only when lines). NULL counts as "". */
static bool text_ok(const char *s, size_t max, bool lines)
{
    size_t len = s ? strlen(s) : 0;
    return !s ||
           (utf8_valid(s, len) && !utf8_has_controls(s, len, lines) && utf8_count(s, len) <= max);
}

static bool blank(const char *s)
{
    if (!s)
        return true;
    s += strspn(s, " \t\r\n");
    return *s == '\0';
}

/* The title and the text, as for a proposal and an amendment. */
enum err decision_text_check(const char *title, const char *body, struct fault *f)
{
    if (blank(title) || !text_ok(title, DECISION_TITLE_MAX, false))
        return fault_set(f, ERR_INVALID, "title",
                         "Give the proposal a title of one line, at most 200 characters.", NULL);
    if (!text_ok(body, DECISION_TEXT_MAX, true))
        return fault_set(f, ERR_INVALID, "body",
                         "Describe the proposal in at most 10000 characters.", NULL);
    return ERR_OK;
}

int decision_split_options(struct arena *a, const char *text, const char ***options)
{
    const char **items = arena_array(a, DECISION_OPTIONS_MAX + 1, sizeof *items);
    int n = 0;
    for (const char *p = text; p && *p && n <= DECISION_OPTIONS_MAX;) {
        p += strspn(p, "\r\n \t");
        size_t len = strcspn(p, "\r\n");
        size_t keep = len;
        while (keep && (p[keep - 1] == ' ' || p[keep - 1] == '\t'))
            keep--;
        if (keep)
            items[n++] = arena_strndup(a, p, keep);
        p += len;
    }
    *options = items;
    return n;
}

static enum err options_check(const struct decision_input *in, struct fault *f)
{
    if (in->dots < 1 || in->dots > DECISION_DOTS_MAX)
        return fault_set(f, ERR_INVALID, "dots", "Give each person between 1 and 100 dots.", NULL);
    if (in->n_options < DECISION_OPTIONS_MIN || in->n_options > DECISION_OPTIONS_MAX)
        return fault_set(f, ERR_INVALID, "options",
                         "A dot vote needs between 2 and 20 options, one per line.", NULL);
    for (int i = 0; i < in->n_options; i++) {
        if (blank(in->options[i]) || !text_ok(in->options[i], DECISION_OPTION_MAX, false))
            return fault_set(f, ERR_INVALID, "options",
                             "Write each option on one line, in at most 200 characters.", NULL);
        for (int j = 0; j < i; j++)
            if (strcmp(in->options[i], in->options[j]) == 0)
                return fault_set(f, ERR_INVALID, "options", "Give each option only once.", NULL);
    }
    return ERR_OK;
}

enum err decision_input_check(const struct decision_input *in, int64_t now, struct fault *f)
{
    if ((in->collective_id != 0) == (in->initiative_id != 0))
        return fault_set(f, ERR_INVALID, "scope",
                         "A proposal belongs to one collective or one initiative.", NULL);
    enum err e = decision_text_check(in->title, in->body, f);
    if (e != ERR_OK)
        return e;
    if (!decision_method_valid(in->method))
        return fault_set(f, ERR_INVALID, "method",
                         "Choose how to decide: consent, majority vote or dot vote.", NULL);
    if (in->quorum_percent < 0 || in->quorum_percent > 100)
        return fault_set(f, ERR_INVALID, "quorum", "Give the quorum as a percentage from 0 to 100.",
                         NULL);
    if (strcmp(in->method, "consent") == 0 && in->quorum_percent != 0)
        return fault_set(f, ERR_INVALID, "quorum",
                         "A consent decision has no quorum: leave it at 0.", NULL);
    if (strcmp(in->method, "dot") == 0 && (e = options_check(in, f)) != ERR_OK)
        return e;
    if (in->closes_at < now + DECISION_OPEN_MIN || in->closes_at > now + DECISION_OPEN_MAX)
        return fault_set(f, ERR_INVALID, "closes_at",
                         "Choose a closing time at least one hour and at most one year from now.",
                         NULL);
    return ERR_OK;
}

static enum err scope_exists(struct db *db, int64_t collective_id, int64_t initiative_id,
                             struct fault *f)
{
    struct db_stmt *st = db_prepare(db, collective_id ? "SELECT 1 FROM collective WHERE id = ?"
                                                      : "SELECT 1 FROM initiative WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, collective_id ? collective_id : initiative_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_ROW)
        return ERR_OK;
    return collective_id
               ? fault_set(f, ERR_NOT_FOUND, "collective", "There is no such collective.", NULL)
               : fault_set(f, ERR_NOT_FOUND, "initiative", "There is no such initiative.", NULL);
}

static enum err insert_decision(struct db *db, const struct decision_input *in,
                                const struct actor *act, int64_t *id, struct fault *f)
{
    bool dot = strcmp(in->method, "dot") == 0;
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO decision (collective_id, initiative_id, title, body, method, "
            "quorum_percent, dots, hide_results, version, proposed_by, created_at, updated_at, "
            "closes_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, 'open') "
            "RETURNING id");
    if (!st)
        return db_fault(db, f);
    if (in->collective_id)
        db_bind_int(st, 1, in->collective_id);
    else
        db_bind_null(st, 1);
    if (in->initiative_id)
        db_bind_int(st, 2, in->initiative_id);
    else
        db_bind_null(st, 2);
    db_bind_text(st, 3, in->title);
    db_bind_text(st, 4, in->body ? in->body : "");
    db_bind_text(st, 5, in->method);
    db_bind_int(st, 6, in->quorum_percent);
    if (dot)
        db_bind_int(st, 7, in->dots);
    else
        db_bind_null(st, 7);
    db_bind_int(st, 8, in->hide_results ? 1 : 0);
    db_bind_int(st, 9, act->person_id);
    db_bind_int(st, 10, act->now);
    db_bind_int(st, 11, act->now);
    db_bind_int(st, 12, in->closes_at);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* One row of decision_version, or of decision_option (label, position). */
static enum err insert_pair(struct db *db, const char *sql, int64_t id, int64_t n, const char *a,
                            const char *b, const struct actor *act, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, n);
    db_bind_text(st, 3, a);
    if (b) {
        db_bind_text(st, 4, b);
        db_bind_int(st, 5, act->person_id);
        db_bind_int(st, 6, act->now);
    }
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err decision_version_insert(struct db *db, int64_t id, int version, const char *title,
                                 const char *body, const struct actor *act, struct fault *f)
{
    return insert_pair(db,
                       "INSERT INTO decision_version (decision_id, version, title, body, "
                       "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                       id, version, title, body ? body : "", act, f);
}

static enum err write_proposal(struct db *db, const struct decision_input *in,
                               const struct actor *act, int64_t *id, struct fault *f)
{
    enum err e = insert_decision(db, in, act, id, f);
    if (e == ERR_OK)
        e = decision_version_insert(db, *id, 1, in->title, in->body, act, f);
    for (int i = 0; e == ERR_OK && strcmp(in->method, "dot") == 0 && i < in->n_options; i++)
        e = insert_pair(db,
                        "INSERT INTO decision_option (decision_id, position, label) "
                        "VALUES (?, ?, ?)",
                        *id, i + 1, in->options[i], NULL, act, f);
    if (e == ERR_OK)
        e = decision_audit(db, act, "decision.propose", *id, "method", in->method, f);
    if (e == ERR_OK)
        e = decision_notify_eligible(db, in->collective_id, in->initiative_id, *id,
                                     "decision_opened", act->person_id, f);
    return e;
}

enum err decision_propose(struct db *db, const struct decision_input *in, const struct actor *act,
                          int64_t *id, struct fault *f)
{
    enum relation rel = REL_OTHER;
    enum err e = ERR_OK;
    if (in->collective_id || in->initiative_id)
        e = scope_exists(db, in->collective_id, in->initiative_id, f);
    if (e == ERR_OK)
        e = decision_relation(db, NULL, in->collective_id, in->initiative_id, act, &rel, f);
    if (e == ERR_OK && !capacity_is_console(act))
        e = capacity_check(db, act, ACT_DECISION_PROPOSE, rel, f);
    if (e == ERR_OK)
        e = decision_input_check(in, act->now, f);
    if (e == ERR_OK && in->initiative_id)
        e = initiative_refuse_frozen(db, in->initiative_id, ACT_DECISION_PROPOSE, act, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    int64_t new_id = 0;
    e = tx_end(db, own, write_proposal(db, in, act, &new_id, f), f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

#define DECISION_COLUMNS                                                                           \
    "d.id, d.collective_id, d.initiative_id, d.title, d.body, d.method, d.quorum_percent, "        \
    "d.dots, d.hide_results, d.version, d.proposed_by, d.created_at, d.updated_at, d.closes_at, "  \
    "d.status, d.closed_at, d.closed_by, d.outcome, d.eligible_count, d.votes_count, "             \
    "d.for_count, d.against_count, d.abstain_count, d.objection_count, "                           \
    "COALESCE(c.name, i.title), p.display_name "                                                   \
    "FROM decision d LEFT JOIN collective c ON c.id = d.collective_id "                            \
    "LEFT JOIN initiative i ON i.id = d.initiative_id JOIN person p ON p.id = d.proposed_by "

static void recorded_tally(struct db_stmt *st, struct arena *a, struct decision_tally *t)
{
    *t = (struct decision_tally){
        .shown = true,
        .outcome = arena_strdup(a, db_col_text(st, 17)),
        .eligible = (int)db_col_int(st, 18),
        .votes = (int)db_col_int(st, 19),
        .votes_for = (int)db_col_int(st, 20),
        .votes_against = (int)db_col_int(st, 21),
        .votes_abstain = (int)db_col_int(st, 22),
        .objections = (int)db_col_int(st, 23),
    };
}

static struct decision decision_of(struct db_stmt *st, struct arena *a, int64_t now)
{
    struct decision d = {
        .id = db_col_int(st, 0),
        .collective_id = db_col_int(st, 1),
        .initiative_id = db_col_int(st, 2),
        .title = arena_strdup(a, db_col_text(st, 3)),
        .body = arena_strdup(a, db_col_text(st, 4)),
        .method = arena_strdup(a, db_col_text(st, 5)),
        .quorum_percent = (int)db_col_int(st, 6),
        .dots = (int)db_col_int(st, 7),
        .hide_results = db_col_int(st, 8) != 0,
        .version = (int)db_col_int(st, 9),
        .proposed_by = db_col_int(st, 10),
        .created_at = db_col_int(st, 11),
        .updated_at = db_col_int(st, 12),
        .closes_at = db_col_int(st, 13),
        .recorded = strcmp(db_col_text(st, 14), "closed") == 0,
        .closed_at = db_col_int(st, 15),
        .closed_by = db_col_int(st, 16),
        .scope_name = db_col_text_dup(st, 24, a),
        .proposer_name = arena_strdup(a, db_col_text(st, 25)),
    };
    d.closed = d.recorded || now >= d.closes_at;
    if (d.closed && !d.recorded)
        d.closed_at = d.closes_at;
    if (d.recorded)
        recorded_tally(st, a, &d.tally);
    return d;
}

static enum err load_options(struct db *db, struct arena *a, struct decision *d, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT o.id, o.position, o.label, o.dots, COALESCE((SELECT SUM(dd.dots) FROM "
            "decision_dot dd WHERE dd.option_id = o.id), 0) FROM decision_option o "
            "WHERE o.decision_id = ? ORDER BY o.position");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, d->id);
    d->options = arena_array(a, DECISION_OPTIONS_MAX, sizeof *d->options);
    d->n_options = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && d->n_options < DECISION_OPTIONS_MAX) {
        struct decision_option *o = &d->options[d->n_options++];
        o->id = db_col_int(st, 0);
        o->position = (int)db_col_int(st, 1);
        o->label = arena_strdup(a, db_col_text(st, 2));
        o->dots = (int)db_col_int(st, d->recorded ? 3 : 4);
        if (!d->tally.shown)
            o->dots = -1;
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* The live count of an unrecorded decision, withheld while it is open
 * with hide_results. */
static enum err live_tally(struct db *db, struct decision *d, struct fault *f)
{
    if (d->recorded)
        return ERR_OK;
    enum err e = decision_count(db, d, &d->tally, f);
    if (e == ERR_OK && d->closed)
        d->tally.outcome =
            decision_outcome(d->method, d->quorum_percent, d->tally.eligible, d->tally.votes,
                             d->tally.votes_for, d->tally.votes_against, d->tally.objections);
    d->tally.shown = d->closed || !d->hide_results;
    if (!d->tally.shown)
        d->tally = (struct decision_tally){0};
    return e;
}

enum err decision_get(struct db *db, struct arena *a, int64_t id, int64_t now, struct decision *out,
                      struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT " DECISION_COLUMNS "WHERE d.id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *out = decision_of(st, a, now);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc != DB_ROW)
        return fault_set(f, ERR_NOT_FOUND, "decision", "There is no such decision.", NULL);
    enum err e = live_tally(db, out, f);
    if (e == ERR_OK && strcmp(out->method, "dot") == 0)
        e = load_options(db, a, out, f);
    return e;
}

enum err decision_list(struct db *db, struct arena *a, int64_t collective_id, int64_t initiative_id,
                       int64_t now, struct decision **items, int *n, struct fault *f)
{
    *items = NULL;
    *n = 0;
    enum err e = scope_exists(db, collective_id, initiative_id, f);
    if (e != ERR_OK)
        return e;
    struct db_stmt *st =
        db_prepare(db, collective_id ? "SELECT " DECISION_COLUMNS "WHERE d.collective_id = ? "
                                       "ORDER BY d.id DESC LIMIT 500"
                                     : "SELECT " DECISION_COLUMNS "WHERE d.initiative_id = ? "
                                       "ORDER BY d.id DESC LIMIT 500");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, collective_id ? collective_id : initiative_id);
    *items = arena_array(a, DECISION_LIST_MAX, sizeof **items);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && *n < DECISION_LIST_MAX)
        (*items)[(*n)++] = decision_of(st, a, now);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    for (int i = 0; e == ERR_OK && i < *n; i++)
        if ((*items)[i].closed)
            e = live_tally(db, &(*items)[i], f);
    return e;
}
