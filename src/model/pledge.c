/* Pledges (see pledge.h). Pledging first takes the initiative's row lock
 * (a no-op UPDATE), so that pledges to one initiative are written one after
 * the other and each sees those committed before it; then it is an UPDATE
 * of the active pledge and, when there is none, an INSERT that falls back
 * to the same update on the partial unique index (ON CONFLICT ... DO
 * UPDATE). So two requests at once leave one active pledge, and only the
 * one that made it says it was made, on PostgreSQL too. Changing and withdrawing are conditional
 * UPDATEs on the pledge being active and the initiative being in a phase
 * that allows it; a read before them only chooses the message. */
#include "model/pledge.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/notification.h"
#include "model/tx.h"

enum err pledge_totals(struct db *db, int64_t initiative_id, int *residents, int *hours_per_month,
                       struct fault *f)
{
    /* twelfths of tenths: a week's tenths count 52 times, a month's 12 */
    struct db_stmt *st = db_prepare(
        db, "SELECT COUNT(DISTINCT person_id), COALESCE(SUM(CASE period WHEN 'week' THEN "
            "hours_tenths * 52 WHEN 'month' THEN hours_tenths * 12 ELSE 0 END), 0) "
            "FROM pledge WHERE initiative_id = ? AND status = 'active'");
    *residents = 0;
    *hours_per_month = 0;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *residents = (int)db_col_int(st, 0);
        *hours_per_month = (int)(db_col_int(st, 1) / 120);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err pledge_hours_parse(const char *text, int *tenths, struct fault *f)
{
    const char *p = text ? text : "";
    int whole = 0, digits = 0, frac = 0, sign = *p == '-' ? -1 : 1;
    *tenths = 0;
    p += sign < 0;
    for (; *p >= '0' && *p <= '9' && digits < 6; p++, digits++)
        whole = whole * 10 + (*p - '0');
    if ((*p == '.' || *p == ',') && p[1] >= '0' && p[1] <= '9' && digits > 0) {
        frac = p[1] - '0';
        p += 2;
    }
    if (digits == 0 || digits > 5 || *p != '\0')
        return fault_set(f, ERR_INVALID, "hours", "Write the hours as a number such as 2 or 1.5.",
                         NULL);
    *tenths = sign * (whole * 10 + frac);
    return ERR_OK;
}

static bool blank(const char *s)
{
    return !s || !*s;
}

static enum err text_check(const char *s, const char *field, struct fault *f)
{
    if (blank(s))
        return ERR_OK;
    size_t len = strlen(s);
    if (!utf8_valid(s, len) || utf8_has_controls(s, len, false) ||
        utf8_count(s, len) > PLEDGE_TEXT_MAX)
        return fault_set(f, ERR_INVALID, field, "Describe it on one line in at most 80 characters.",
                         NULL);
    return ERR_OK;
}

/* The tenths of a checked input: its hours text parsed, else
 * hours_tenths. */
static int tenths_of(const struct pledge_input *in)
{
    int tenths = in->hours_tenths;
    if (in->hours && *in->hours)
        (void)pledge_hours_parse(in->hours, &tenths, NULL);
    return tenths;
}

enum err pledge_input_check(const struct pledge_input *in, struct fault *f)
{
    struct pledge_input eff = *in;
    if (in->hours && *in->hours) {
        enum err e = pledge_hours_parse(in->hours, &eff.hours_tenths, f);
        if (e != ERR_OK)
            return e;
    }
    in = &eff;
    if (in->hours_tenths != 0) {
        bool week = in->period && strcmp(in->period, "week") == 0;
        bool month = in->period && strcmp(in->period, "month") == 0;
        if (!week && !month)
            return fault_set(f, ERR_INVALID, "period", "Choose hours per week or per month.", NULL);
        if (week && (in->hours_tenths < PLEDGE_WEEK_MIN || in->hours_tenths > PLEDGE_WEEK_MAX))
            return fault_set(f, ERR_INVALID, "hours", "Pledge between 0.5 and 40 hours a week.",
                             NULL);
        if (month && (in->hours_tenths < PLEDGE_MONTH_MIN || in->hours_tenths > PLEDGE_MONTH_MAX))
            return fault_set(f, ERR_INVALID, "hours", "Pledge between 1 and 160 hours a month.",
                             NULL);
    } else if (in->hours_tenths < 0) {
        return fault_set(f, ERR_INVALID, "hours", "Pledge between 0.5 and 40 hours a week.", NULL);
    }
    enum err e = text_check(in->skill, "skill", f);
    if (e == ERR_OK)
        e = text_check(in->role, "role", f);
    if (e == ERR_OK && in->hours_tenths == 0 && blank(in->skill) && blank(in->role))
        e = fault_set(f, ERR_INVALID, "hours", "Pledge hours, a skill or a role.", NULL);
    return e;
}

#define PLEDGE_COLUMNS                                                                             \
    "p.id, p.initiative_id, p.person_id, p.hours_tenths, p.period, p.skill, p.role, p.status, "    \
    "p.created_at, p.updated_at, p.withdrawn_at"

static struct pledge pledge_row_of(struct db_stmt *st, struct arena *a)
{
    return (struct pledge){
        .id = db_col_int(st, 0),
        .initiative_id = db_col_int(st, 1),
        .person_id = db_col_int(st, 2),
        .hours_tenths = (int)db_col_int(st, 3),
        .period = db_col_text_dup(st, 4, a),
        .skill = db_col_text_dup(st, 5, a),
        .role = db_col_text_dup(st, 6, a),
        .status = arena_strdup(a, db_col_text(st, 7)),
        .created_at = db_col_int(st, 8),
        .updated_at = db_col_int(st, 9),
        .withdrawn_at = db_col_int(st, 10),
    };
}

/* Runs a one-row SELECT of PLEDGE_COLUMNS bound with two ids (b 0: one). */
static enum err load(struct db *db, struct arena *a, const char *sql, int64_t x, int64_t b,
                     struct pledge *out, bool *found, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, sql);
    *found = false;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, x);
    if (b)
        db_bind_int(st, 2, b);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *out = pledge_row_of(st, a);
        *found = true;
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err pledge_get(struct db *db, struct arena *a, int64_t id, struct pledge *out, struct fault *f)
{
    bool found;
    enum err e = load(db, a, "SELECT " PLEDGE_COLUMNS " FROM pledge p WHERE p.id = ?", id, 0, out,
                      &found, f);
    if (e == ERR_OK && !found)
        e = fault_set(f, ERR_NOT_FOUND, NULL, "There is no such pledge.", NULL);
    return e;
}

enum err pledge_active(struct db *db, struct arena *a, int64_t initiative_id, int64_t person_id,
                       struct pledge *out, bool *found, struct fault *f)
{
    return load(db, a,
                "SELECT " PLEDGE_COLUMNS " FROM pledge p WHERE p.initiative_id = ? AND "
                "p.person_id = ? AND p.status = 'active'",
                initiative_id, person_id, out, found, f);
}

/* Marks a message id for the catalogs (as render/req.h's N_). */
#define N_(msgid) (msgid)

/* The refusals per phase, naming the phase; a phase not listed allows. */
struct phase_refusal {
    const char *phase;
    const char *msgid;
};

static const struct phase_refusal make_refusals[] = {
    {"idea", N_("Pledges are made in the awareness phase; this initiative is still in the idea "
                "phase.")},
    {"execution", N_("Pledges are made in the awareness phase; this initiative is in the "
                     "execution phase. Ask its initiators about the tasks of its plan.")},
    {"evaluation", N_("Pledges are made in the awareness phase; this initiative is in the "
                      "evaluation phase.")},
    {"anchored", N_("Pledges are made in the awareness phase; this initiative is anchored.")},
    {"stopped", N_("Pledges are made in the awareness phase; this initiative has stopped.")},
    {NULL, NULL},
};

static const struct phase_refusal change_refusals[] = {
    {"idea", N_("Pledges are changed in the awareness and execution phases; this initiative is "
                "in the idea phase.")},
    {"evaluation", N_("Pledges are changed in the awareness and execution phases; this "
                      "initiative is in the evaluation phase.")},
    {"anchored", N_("Pledges are changed in the awareness and execution phases; this "
                    "initiative is anchored.")},
    {"stopped", N_("Pledges are changed in the awareness and execution phases; this "
                   "initiative has stopped.")},
    {NULL, NULL},
};

/* ERR_NOT_FOUND for an unknown initiative; ERR_CONFLICT, field "phase",
 * with the refusal of the phase it is in, when the table lists it. */
static enum err phase_check(struct db *db, int64_t initiative_id,
                            const struct phase_refusal *refusals, struct fault *f)
{
    struct arena *a = arena_new();
    struct initiative in;
    enum err e = initiative_get(db, a, initiative_id, &in, f);
    for (int i = 0; e == ERR_OK && refusals[i].phase; i++)
        if (strcmp(in.phase, refusals[i].phase) == 0)
            e = fault_set(f, ERR_CONFLICT, "phase", refusals[i].msgid, NULL);
    arena_free(a);
    return e;
}

/* Binds a checked input (pledge_input_check) from parameter i on. */
static void bind_input(struct db_stmt *st, int i, const struct pledge_input *in)
{
    int tenths = tenths_of(in);
    if (tenths) {
        db_bind_int(st, i, tenths);
        db_bind_text(st, i + 1, in->period);
    } else {
        db_bind_null(st, i);
        db_bind_null(st, i + 1);
    }
    db_bind_text(st, i + 2, blank(in->skill) ? NULL : in->skill);
    db_bind_text(st, i + 3, blank(in->role) ? NULL : in->role);
}

static enum err run(struct db *db, struct db_stmt *st, int64_t *id, struct fault *f)
{
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW && id)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* The initiative's row lock until the transaction ends: on PostgreSQL a
 * second pledge waits here for the first to commit; SQLite's writers take
 * turns anyway. */
static enum err lock_initiative(struct db *db, int64_t initiative_id, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "UPDATE initiative SET updated_at = updated_at WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    return run(db, st, NULL, f);
}

/* The update of an active pledge, or the insert of a new one; *id the
 * pledge's, 0 when the phase changed meanwhile. */
static enum err upsert(struct db *db, int64_t initiative_id, const struct pledge_input *in,
                       const struct actor *act, int64_t *id, bool *updated, struct fault *f)
{
    enum err e = lock_initiative(db, initiative_id, f);
    if (e != ERR_OK)
        return e;
    struct db_stmt *st = db_prepare(
        db, "UPDATE pledge SET hours_tenths = ?, period = ?, skill = ?, role = ?, updated_at = ? "
            "WHERE initiative_id = ? AND person_id = ? AND status = 'active' AND EXISTS (SELECT 1 "
            "FROM initiative i WHERE i.id = pledge.initiative_id AND i.phase = 'awareness') "
            "RETURNING id");
    if (!st)
        return db_fault(db, f);
    bind_input(st, 1, in);
    db_bind_int(st, 5, act->now);
    db_bind_int(st, 6, initiative_id);
    db_bind_int(st, 7, act->person_id);
    e = run(db, st, id, f);
    *updated = *id != 0;
    if (e != ERR_OK || *updated)
        return e;
    st = db_prepare(db, "INSERT INTO pledge (initiative_id, person_id, hours_tenths, period, "
                        "skill, role, status, created_at, updated_at) SELECT i.id, ?, ?, ?, ?, ?, "
                        "'active', ?, ? FROM initiative i WHERE i.id = ? AND i.phase = 'awareness' "
                        "ON CONFLICT (initiative_id, person_id) WHERE status = 'active' DO UPDATE "
                        "SET hours_tenths = excluded.hours_tenths, period = excluded.period, "
                        "skill = excluded.skill, role = excluded.role, "
                        "updated_at = excluded.updated_at RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->person_id);
    bind_input(st, 2, in);
    db_bind_int(st, 6, act->now);
    db_bind_int(st, 7, act->now);
    db_bind_int(st, 8, initiative_id);
    return run(db, st, id, f);
}

/* A restricted audit entry on the pledge: the pledge list is the
 * initiators' only, so its history is not public either. */
static enum err record(struct db *db, const struct actor *act, const char *action, int64_t id,
                       struct fault *f)
{
    return audit_record_private(db, act, action, "pledge", id, f);
}

static enum err notify_new(struct db *db, int64_t initiative_id, const struct actor *act,
                           struct fault *f)
{
    struct arena *a = arena_new();
    const char *name = NULL;
    struct db_stmt *st = db_prepare(db, "SELECT display_name FROM person WHERE id = ?");
    if (!st) {
        arena_free(a);
        return db_fault(db, f);
    }
    db_bind_int(st, 1, act->person_id);
    if (db_step(st) == DB_ROW)
        name = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    enum err e = notify_initiators(db, initiative_id, "pledge_new", name, act->person_id, f);
    arena_free(a);
    return e;
}

enum err pledge_make(struct db *db, int64_t initiative_id, const struct pledge_input *in,
                     const struct actor *act, int64_t *id, bool *updated, struct fault *f)
{
    enum err e = initiative_authorise(db, initiative_id, ACT_PLEDGE_MAKE, act, f);
    if (e == ERR_OK)
        e = pledge_input_check(in, f);
    if (e == ERR_OK)
        e = phase_check(db, initiative_id, make_refusals, f);
    int64_t new_id = 0;
    bool upd = false, own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = upsert(db, initiative_id, in, act, &new_id, &upd, f);
    if (e == ERR_OK && new_id == 0)
        e = fault_set(f, ERR_CONFLICT, "phase",
                      "The initiative's phase changed meanwhile; reload to see it now.", NULL);
    if (e == ERR_OK)
        e = record(db, act, upd ? "pledge.change" : "pledge.make", new_id, f);
    if (e == ERR_OK && !upd)
        e = notify_new(db, initiative_id, act, f);
    e = tx_end(db, own, e, f);
    if (e == ERR_OK && id)
        *id = new_id;
    if (e == ERR_OK && updated)
        *updated = upd;
    return e;
}

/* capacity_check in a relation this module decides itself (OWN), with a
 * refusal logged as initiative_authorise logs its own (initiative_id 0:
 * not known yet). */
static enum err check_logged(struct db *db, int64_t initiative_id, enum action action,
                             enum relation rel, const struct actor *act, struct fault *f)
{
    struct fault why = {0};
    enum err e = capacity_check(db, act, action, rel, &why);
    if (e == ERR_FORBIDDEN) {
        enum err logged = initiative_log_refusal(db, initiative_id, action, act, &why, f);
        if (logged != ERR_OK)
            return logged;
    }
    if (e != ERR_OK && f)
        *f = why;
    return e;
}

/* The checks of changing or withdrawing pledge_id: a capacity that may
 * change its own pledges, then one's own (OWN), active, in a phase that
 * allows it. */
static enum err own_check(struct db *db, int64_t pledge_id, enum action action,
                          const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct pledge p;
    enum err e = check_logged(db, 0, action, REL_OWN, act, f);
    if (e == ERR_OK)
        e = pledge_get(db, a, pledge_id, &p, f);
    if (e == ERR_OK && p.person_id != act->person_id)
        e = check_logged(db, p.initiative_id, action, REL_OTHER, act, f);
    if (e == ERR_OK && strcmp(p.status, "active") != 0)
        e = fault_set(f, ERR_CONFLICT, NULL, "This pledge was withdrawn.", NULL);
    if (e == ERR_OK)
        e = phase_check(db, p.initiative_id, change_refusals, f);
    arena_free(a);
    return e;
}

#define PHASE_OPEN                                                                                 \
    "AND EXISTS (SELECT 1 FROM initiative i WHERE i.id = pledge.initiative_id "                    \
    "AND i.phase IN ('awareness', 'execution'))"

static enum err own_write(struct db *db, struct db_stmt *st, int64_t pledge_id,
                          const struct actor *act, const char *action, struct fault *f)
{
    int64_t changed = 0;
    enum err e = run(db, st, &changed, f);
    if (e == ERR_OK && changed == 0)
        e = fault_set(f, ERR_CONFLICT, NULL,
                      "This pledge is no longer open to that; reload to see it now.", NULL);
    if (e == ERR_OK)
        e = record(db, act, action, pledge_id, f);
    return e;
}

enum err pledge_change(struct db *db, int64_t pledge_id, const struct pledge_input *in,
                       const struct actor *act, struct fault *f)
{
    enum err e = own_check(db, pledge_id, ACT_PLEDGE_CHANGE, act, f);
    if (e == ERR_OK)
        e = pledge_input_check(in, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    struct db_stmt *st = db_prepare(
        db, "UPDATE pledge SET hours_tenths = ?, period = ?, skill = ?, role = ?, updated_at = ? "
            "WHERE id = ? AND status = 'active' " PHASE_OPEN " RETURNING id");
    if (!st)
        return tx_end(db, own, db_fault(db, f), f);
    bind_input(st, 1, in);
    db_bind_int(st, 5, act->now);
    db_bind_int(st, 6, pledge_id);
    return tx_end(db, own, own_write(db, st, pledge_id, act, "pledge.change", f), f);
}

enum err pledge_withdraw(struct db *db, int64_t pledge_id, const struct actor *act, struct fault *f)
{
    enum err e = own_check(db, pledge_id, ACT_PLEDGE_WITHDRAW, act, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    struct db_stmt *st =
        db_prepare(db, "UPDATE pledge SET status = 'withdrawn', withdrawn_at = ?, updated_at = ? "
                       "WHERE id = ? AND status = 'active' " PHASE_OPEN " RETURNING id");
    if (!st)
        return tx_end(db, own, db_fault(db, f), f);
    db_bind_int(st, 1, act->now);
    db_bind_int(st, 2, act->now);
    db_bind_int(st, 3, pledge_id);
    return tx_end(db, own, own_write(db, st, pledge_id, act, "pledge.withdraw", f), f);
}

#define LIST_COLUMNS                                                                               \
    "SELECT " PLEDGE_COLUMNS ", h.display_name, i.title FROM pledge p "                            \
    "JOIN person h ON h.id = p.person_id JOIN initiative i ON i.id = p.initiative_id "

static enum err list(struct db *db, struct arena *a, const char *sql, int64_t key,
                     struct pledge_row **items, int *n, struct fault *f)
{
    *items = NULL;
    *n = 0;
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, key);
    *items = arena_array(a, PLEDGE_LIST_MAX, sizeof **items);
    enum db_rc rc = DB_DONE;
    while (*n < PLEDGE_LIST_MAX && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] = (struct pledge_row){
            .pledge = pledge_row_of(st, a),
            .person_name = arena_strdup(a, db_col_text(st, 11)),
            .initiative_title = arena_strdup(a, db_col_text(st, 12)),
        };
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err pledge_list(struct db *db, struct arena *a, int64_t initiative_id, const struct actor *act,
                     struct pledge_row **items, int *n, struct fault *f)
{
    *items = NULL;
    *n = 0;
    enum relation rel = REL_OTHER;
    enum err e = initiative_relation(db, initiative_id, act, &rel, f);
    if (e == ERR_OK)
        e = capacity_check(db, act, ACT_PLEDGE_VIEW, rel, f);
    if (e != ERR_OK)
        return e;
    return list(db, a,
                LIST_COLUMNS "WHERE p.initiative_id = ? AND p.status = 'active' "
                             "ORDER BY p.created_at, p.id LIMIT 500",
                initiative_id, items, n, f);
}

enum err pledge_list_mine(struct db *db, struct arena *a, const struct actor *act,
                          struct pledge_row **items, int *n, struct fault *f)
{
    *items = NULL;
    *n = 0;
    enum err e = capacity_check(db, act, ACT_PLEDGE_VIEW, REL_OWN, f);
    if (e != ERR_OK)
        return e;
    return list(db, a,
                LIST_COLUMNS "WHERE p.person_id = ? ORDER BY p.updated_at DESC, p.id DESC "
                             "LIMIT 500",
                act->person_id, items, n, f);
}

/* act's active pledge to initiative_id: its id, after the policy's word on
 * the capacity (so that a professional learns the reason, not whether
 * they pledged). */
static enum err mine(struct db *db, int64_t initiative_id, enum action action,
                     const struct actor *act, int64_t *id, struct fault *f)
{
    struct arena *a = arena_new();
    struct pledge p;
    bool found = false;
    enum err e = check_logged(db, initiative_id, action, REL_OWN, act, f);
    if (e == ERR_OK)
        e = initiative_get(db, a, initiative_id, &(struct initiative){0}, f);
    if (e == ERR_OK)
        e = pledge_active(db, a, initiative_id, act->person_id, &p, &found, f);
    if (e == ERR_OK && !found)
        e = fault_set(f, ERR_NOT_FOUND, NULL, "You have no pledge to this initiative.", NULL);
    *id = e == ERR_OK ? p.id : 0;
    arena_free(a);
    return e;
}

enum err pledge_change_mine(struct db *db, int64_t initiative_id, const struct pledge_input *in,
                            const struct actor *act, struct fault *f)
{
    int64_t id = 0;
    enum err e = mine(db, initiative_id, ACT_PLEDGE_CHANGE, act, &id, f);
    return e == ERR_OK ? pledge_change(db, id, in, act, f) : e;
}

enum err pledge_withdraw_mine(struct db *db, int64_t initiative_id, const struct actor *act,
                              struct fault *f)
{
    int64_t id = 0;
    enum err e = mine(db, initiative_id, ACT_PLEDGE_WITHDRAW, act, &id, f);
    return e == ERR_OK ? pledge_withdraw(db, id, act, f) : e;
}
