/* Reading investment hours (see hours.h): a pledge and the lists of
 * pledges with their balances, the balances of a pledge, an organisation
 * or an area, the movements of a ledger and its entries for the CSV
 * export, the figures the transition monitor reads, and the check that the
 * books balance. Balances are sums of ledger entries, never stored
 * figures: the ledger is the only truth. An area takes in the pledges for
 * it and for the areas within it (a buurt's parent wijk and that wijk's
 * gemeente), through the area tree. */
#include "model/hours.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/hours_book.h"
#include "model/schedule.h"

#define SUM_OF(cond)                                                                               \
    "CAST(COALESCE(SUM(CASE WHEN " cond " THEN e.amount_tenths ELSE 0 END), 0) AS BIGINT)"
#define BALANCE_SUMS                                                                               \
    SUM_OF("m.kind = 'pledge' AND e.account = 'pledge'")                                           \
    ", " SUM_OF("e.account = 'delivered'") ", " SUM_OF(                                            \
        "m.kind = 'withdrawal' AND e.account = "                                                   \
        "'organisation'") ", " SUM_OF("e.account = 'pledge'")
#define AREA_JOINS                                                                                 \
    " JOIN area ar ON ar.code = p.area_code LEFT JOIN area pa ON pa.code = ar.parent_code"
#define IN_AREA "(p.area_code = ? OR ar.parent_code = ? OR pa.parent_code = ?)"
/* A person's public name: NULL after erasure or while a moderator hides
 * it (moderation_person_name's rule, in SQL). */
#define PUBLIC_NAME                                                                                \
    "CASE WHEN pe.erased_at IS NOT NULL OR EXISTS (SELECT 1 FROM content_hidden h "                \
    "WHERE h.object_type = 'person' AND h.object_id = CAST(pe.id AS TEXT) "                        \
    "AND h.unhidden_at IS NULL) THEN NULL ELSE pe.display_name END"
/* A movement's note unless a moderator hides it, and the moderator's
 * reason when one does (moderation_hide allows one open hiding). */
#define NOTE_HIDDEN_REASON                                                                         \
    "(SELECT h.reason FROM content_hidden h WHERE h.object_type = 'hours_note' "                   \
    "AND h.object_id = CAST(m.id AS TEXT) AND h.unhidden_at IS NULL ORDER BY h.id DESC LIMIT 1)"
#define PUBLIC_NOTE "CASE WHEN " NOTE_HIDDEN_REASON " IS NULL THEN m.note END"
#define LEDGER_FROM                                                                                \
    " FROM hours_entry e JOIN hours_movement m ON m.id = e.movement_id "                           \
    "JOIN hour_pledge p ON p.id = m.pledge_id" AREA_JOINS

static int bind_scope(struct db_stmt *st, int idx, enum hours_scope scope, int64_t id,
                      const char *area_code)
{
    if (scope != HOURS_SCOPE_AREA) {
        db_bind_int(st, idx, id);
        return idx + 1;
    }
    for (int i = 0; i < 3; i++)
        db_bind_text(st, idx + i, area_code ? area_code : "");
    return idx + 3;
}

static struct hours_balance balance_of(struct db_stmt *st, int col)
{
    return (struct hours_balance){
        .pledged = db_col_int(st, col),
        .delivered = db_col_int(st, col + 1),
        .withdrawn = db_col_int(st, col + 2),
        .open = db_col_int(st, col + 3),
    };
}

/* Statement texts are literals; the scope picks one of three. */
static const char *const balance_sql[] = {
    [HOURS_SCOPE_PLEDGE] = "SELECT " BALANCE_SUMS LEDGER_FROM " WHERE p.id = ?",
    [HOURS_SCOPE_ORGANISATION] = "SELECT " BALANCE_SUMS LEDGER_FROM " WHERE p.organisation_id = ?",
    [HOURS_SCOPE_AREA] = "SELECT " BALANCE_SUMS LEDGER_FROM " WHERE " IN_AREA,
};

enum err hours_balance_of(struct db *db, enum hours_scope scope, int64_t id, const char *area_code,
                          struct hours_balance *out, struct fault *f)
{
    *out = (struct hours_balance){0};
    struct db_stmt *st = db_prepare(db, balance_sql[scope]);
    if (!st)
        return db_fault(db, f);
    bind_scope(st, 1, scope, id, area_code);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *out = balance_of(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* One balance column of pledge p, summed from its own entries (a
 * correlated subquery: hours_movement_pledge_idx, then the entries'
 * unique index, so a list costs its pledges' movements only). */
#define PLEDGE_SUM(cond)                                                                           \
    "(SELECT " SUM_OF(cond) " FROM hours_movement m JOIN hours_entry e ON e.movement_id = m.id "   \
                            "WHERE m.pledge_id = p.id)"
#define PLEDGE_SELECT                                                                                               \
    "SELECT p.id, p.organisation_id, o.name, p.area_code, ar.name, ar.kind, p.hours_tenths, "                       \
    "p.starts_on, p.ends_on, p.initiative_id, i.title, p.collective_id, c.name, p.status, "                         \
    "p.created_by, p.created_at, p.withdrawn_at, " PLEDGE_SUM("m.kind = 'pledge' AND e.account = "                  \
                                                              "'pledge'") ", " PLEDGE_SUM("e."                      \
                                                                                          "accoun"                  \
                                                                                          "t = "                    \
                                                                                          "'deliv"                  \
                                                                                          "ered'") ", " PLEDGE_SUM( \
        "m.kind = 'withdrawal' AND e.account = 'organisation'") ", " PLEDGE_SUM("e.account = "                      \
                                                                                "'pledge'") " FRO"                  \
                                                                                            "M "                    \
                                                                                            "hour"                  \
                                                                                            "_ple"                  \
                                                                                            "dge "                  \
                                                                                            "p "                    \
                                                                                            "JOIN"                  \
                                                                                            " org"                  \
                                                                                            "anis"                  \
                                                                                            "atio"                  \
                                                                                            "n o "                  \
                                                                                            "ON "                   \
                                                                                            "o."                    \
                                                                                            "id "                   \
                                                                                            "= "                    \
                                                                                            "p."                    \
                                                                                            "orga"                  \
                                                                                            "nisa"                  \
                                                                                            "tion"                  \
                                                                                            "_i"                    \
                                                                                            "d" AREA_JOINS          \
                                                                                            " LEF"                  \
                                                                                            "T "                    \
                                                                                            "JOIN"                  \
                                                                                            " ini"                  \
                                                                                            "tiat"                  \
                                                                                            "ive "                  \
                                                                                            "i "                    \
                                                                                            "ON "                   \
                                                                                            "i."                    \
                                                                                            "id "                   \
                                                                                            "= "                    \
                                                                                            "p."                    \
                                                                                            "init"                  \
                                                                                            "iati"                  \
                                                                                            "ve_"                   \
                                                                                            "id "                   \
                                                                                            "LEFT"                  \
                                                                                            " JOI"                  \
                                                                                            "N "                    \
                                                                                            "coll"                  \
                                                                                            "ecti"                  \
                                                                                            "ve "                   \
                                                                                            "c "                    \
                                                                                            "ON "                   \
                                                                                            "c."                    \
                                                                                            "id "                   \
                                                                                            "= "                    \
                                                                                            "p."                    \
                                                                                            "coll"                  \
                                                                                            "ecti"                  \
                                                                                            "ve_"                   \
                                                                                            "id "                   \
                                                                                            "WHER"                  \
                                                                                            "E "

static const char *const pledge_sql[] = {
    [HOURS_SCOPE_PLEDGE] = PLEDGE_SELECT "p.id = ?",
    [HOURS_SCOPE_ORGANISATION] = PLEDGE_SELECT "p.organisation_id = ? ORDER BY p.id DESC LIMIT 500",
    [HOURS_SCOPE_AREA] = PLEDGE_SELECT IN_AREA " ORDER BY p.id DESC LIMIT 500",
};

static struct hours_pledge pledge_of(struct db_stmt *st, struct arena *a)
{
    return (struct hours_pledge){
        .id = db_col_int(st, 0),
        .organisation_id = db_col_int(st, 1),
        .organisation_name = db_col_text_dup(st, 2, a),
        .area_code = db_col_text_dup(st, 3, a),
        .area_name = db_col_text_dup(st, 4, a),
        .area_kind = db_col_text_dup(st, 5, a),
        .hours_tenths = db_col_int(st, 6),
        .starts_on = db_col_text_dup(st, 7, a),
        .ends_on = db_col_text_dup(st, 8, a),
        .initiative_id = db_col_int(st, 9),
        .initiative_title = db_col_text_dup(st, 10, a),
        .collective_id = db_col_int(st, 11),
        .collective_name = db_col_text_dup(st, 12, a),
        .status = db_col_text_dup(st, 13, a),
        .created_by = db_col_int(st, 14),
        .created_at = db_col_int(st, 15),
        .withdrawn_at = db_col_int(st, 16),
        .balance = balance_of(st, 17),
    };
}

/* The pledges of a scope into *items (at most HOURS_LIST_MAX). */
static enum err pledges(struct db *db, struct arena *a, enum hours_scope scope, int64_t id,
                        const char *area_code, struct hours_pledge **items, int *n, struct fault *f)
{
    *n = 0;
    *items = arena_array(a, HOURS_LIST_MAX, sizeof **items);
    struct db_stmt *st = db_prepare(db, pledge_sql[scope]);
    if (!st)
        return db_fault(db, f);
    bind_scope(st, 1, scope, id, area_code);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && *n < HOURS_LIST_MAX)
        (*items)[(*n)++] = pledge_of(st, a);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err hours_pledge_get(struct db *db, struct arena *a, int64_t id, struct hours_pledge *out,
                          struct fault *f)
{
    struct hours_pledge *items;
    int n;
    enum err e = pledges(db, a, HOURS_SCOPE_PLEDGE, id, NULL, &items, &n, f);
    if (e == ERR_OK && n == 0)
        return fault_set(f, ERR_NOT_FOUND, NULL, "There is no such pledge of hours.", NULL);
    if (e == ERR_OK)
        *out = items[0];
    return e;
}

enum err hours_pledges_of_organisation(struct db *db, struct arena *a, int64_t organisation_id,
                                       struct hours_pledge **items, int *n,
                                       struct hours_balance *total, struct fault *f)
{
    enum err e = pledges(db, a, HOURS_SCOPE_ORGANISATION, organisation_id, NULL, items, n, f);
    return e == ERR_OK
               ? hours_balance_of(db, HOURS_SCOPE_ORGANISATION, organisation_id, NULL, total, f)
               : e;
}

enum err hours_pledges_of_area(struct db *db, struct arena *a, const char *area_code,
                               struct hours_pledge **items, int *n, struct hours_balance *total,
                               struct fault *f)
{
    enum err e = pledges(db, a, HOURS_SCOPE_AREA, 0, area_code, items, n, f);
    return e == ERR_OK ? hours_balance_of(db, HOURS_SCOPE_AREA, 0, area_code, total, f) : e;
}

enum err hours_area_organisations(struct db *db, struct arena *a, const char *area_code,
                                  struct hours_org_total **items, int *n, struct fault *f)
{
    *n = 0;
    *items = arena_array(a, HOURS_LIST_MAX, sizeof **items);
    struct db_stmt *st = db_prepare(
        db, "SELECT p.organisation_id, o.name, COUNT(DISTINCT p.id), " BALANCE_SUMS LEDGER_FROM
            " JOIN organisation o ON o.id = p.organisation_id WHERE " IN_AREA
            " GROUP BY p.organisation_id, o.name ORDER BY o.name, p.organisation_id LIMIT 500");
    if (!st)
        return db_fault(db, f);
    bind_scope(st, 1, HOURS_SCOPE_AREA, 0, area_code);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && *n < HOURS_LIST_MAX)
        (*items)[(*n)++] = (struct hours_org_total){
            .organisation_id = db_col_int(st, 0),
            .organisation_name = db_col_text_dup(st, 1, a),
            .pledges = (int)db_col_int(st, 2),
            .balance = balance_of(st, 3),
        };
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static struct hours_movement movement_of(struct db_stmt *st, struct arena *a)
{
    struct hours_movement m = {
        .id = db_col_int(st, 0),
        .pledge_id = db_col_int(st, 1),
        .kind = db_col_text_dup(st, 2, a),
        .corrects_id = db_col_int(st, 3),
        .on_date = db_col_text_dup(st, 4, a),
        .initiative_id = db_col_int(st, 5),
        .initiative_title = db_col_text_dup(st, 6, a),
        .work_kind = db_col_text_dup(st, 7, a),
        .note = db_col_text_dup(st, 8, a),
        .person_id = db_col_int(st, 9),
        .person_name = db_col_text_dup(st, 10, a),
        .capacity = db_col_text_dup(st, 11, a),
        .created_at = db_col_int(st, 12),
        .amount = db_col_int(st, 13),
        .note_hidden = db_col_text_dup(st, 14, a),
    };
    m.net = m.amount;
    return m;
}

/* Adds each correction to the net hours of the delivery it corrects. */
static void apply_corrections(struct hours_movement *items, int n)
{
    for (int i = 0; i < n; i++) {
        if (items[i].corrects_id == 0)
            continue;
        for (int j = 0; j < i; j++)
            if (items[j].id == items[i].corrects_id)
                items[j].net += items[i].amount;
    }
}

enum err hours_ledger(struct db *db, struct arena *a, int64_t pledge_id,
                      struct hours_movement **items, int *n, struct fault *f)
{
    *n = 0;
    *items = arena_array(a, HOURS_LIST_MAX, sizeof **items);
    struct db_stmt *st = db_prepare(
        db, "SELECT m.id, m.pledge_id, m.kind, m.corrects_id, m.on_date, m.initiative_id, "
            "i.title, m.work_kind, " PUBLIC_NOTE ", m.person_id, " PUBLIC_NAME ", m.capacity, "
            "m.created_at, (SELECT e.amount_tenths FROM hours_entry e WHERE e.movement_id = m.id "
            "AND e.account = CASE m.kind WHEN 'pledge' THEN 'pledge' WHEN 'withdrawal' "
            "THEN 'organisation' ELSE 'delivered' END), " NOTE_HIDDEN_REASON
            " FROM hours_movement m LEFT JOIN initiative i ON i.id = m.initiative_id "
            "LEFT JOIN person pe ON pe.id = m.person_id WHERE m.pledge_id = ? "
            "ORDER BY m.id LIMIT 500");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, pledge_id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && *n < HOURS_LIST_MAX)
        (*items)[(*n)++] = movement_of(st, a);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    apply_corrections(*items, *n);
    return ERR_OK;
}

#define ENTRY_SELECT                                                                               \
    "SELECT e.movement_id, m.pledge_id, o.name, p.area_code, m.on_date, m.kind, e.account, "       \
    "e.amount_tenths, m.corrects_id, m.initiative_id, m.work_kind, " PUBLIC_NAME ", m.capacity, "  \
    "m.created_at, " PUBLIC_NOTE LEDGER_FROM " JOIN organisation o ON o.id = p.organisation_id "         \
    "LEFT JOIN person pe ON pe.id = m.person_id WHERE "
#define ENTRY_ORDER                                                                                \
    " ORDER BY m.id, CASE e.account WHEN 'organisation' THEN 0 WHEN 'pledge' THEN 1 ELSE 2 END"

static const char *const entry_sql[] = {
    [HOURS_SCOPE_PLEDGE] = ENTRY_SELECT "p.id = ?" ENTRY_ORDER,
    [HOURS_SCOPE_ORGANISATION] = ENTRY_SELECT "p.organisation_id = ?" ENTRY_ORDER,
    [HOURS_SCOPE_AREA] = ENTRY_SELECT IN_AREA ENTRY_ORDER,
};

enum err hours_entries_each(struct db *db, enum hours_scope scope, int64_t id,
                            const char *area_code,
                            enum err (*each)(const struct hours_entry_row *row, void *ctx),
                            void *ctx, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, entry_sql[scope]);
    if (!st)
        return db_fault(db, f);
    bind_scope(st, 1, scope, id, area_code);
    enum db_rc rc;
    enum err e = ERR_OK;
    while (e == ERR_OK && (rc = db_step(st)) == DB_ROW) {
        struct hours_entry_row row = {
            .movement_id = db_col_int(st, 0),
            .pledge_id = db_col_int(st, 1),
            .organisation_name = db_col_text(st, 2),
            .area_code = db_col_text(st, 3),
            .on_date = db_col_text(st, 4),
            .kind = db_col_text(st, 5),
            .account = db_col_text(st, 6),
            .amount = db_col_int(st, 7),
            .corrects_id = db_col_int(st, 8),
            .initiative_id = db_col_int(st, 9),
            .work_kind = db_col_text(st, 10),
            .person_name = db_col_text(st, 11),
            .capacity = db_col_text(st, 12),
            .created_at = db_col_int(st, 13),
            .note = db_col_text(st, 14),
        };
        e = each(&row, ctx);
    }
    db_done(st);
    if (e == ERR_OK && rc == DB_ERROR)
        return db_fault(db, f);
    return e;
}

/* The part of a pledge of hours tenths over [from, to] (day numbers)
 * that falls in [lo, hi], spread evenly, rounded down. */
static int64_t spread(int64_t hours, int64_t from, int64_t to, int64_t lo, int64_t hi)
{
    int64_t days = to - from + 1;
    int64_t a = from > lo ? from : lo, b = to < hi ? to : hi;
    return b < a || days <= 0 ? 0 : hours * (b - a + 1) / days;
}

/* The pledged part of struct hours_range, and the withdrawals in range. */
static enum err range_pledged(struct db *db, const char *area_code, int64_t lo, int64_t hi,
                              struct hours_range *out, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT p.hours_tenths, p.starts_on, p.ends_on, p.withdrawn_at FROM "
                       "hour_pledge p" AREA_JOINS " WHERE " IN_AREA);
    if (!st)
        return db_fault(db, f);
    bind_scope(st, 1, HOURS_SCOPE_AREA, 0, area_code);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t from = 0, to = -1, gone = INT64_MAX;
        int minute;
        (void)hours_day(db_col_text(st, 1), &from);
        (void)hours_day(db_col_text(st, 2), &to);
        if (!db_col_is_null(st, 3)) {
            schedule_local(db_col_int(st, 3), &gone, &minute);
            out->withdrawals += gone >= lo && gone <= hi;
        }
        out->pledged += spread(db_col_int(st, 0), from, to, lo, gone < hi ? gone : hi);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err hours_area_range(struct db *db, const char *area_code, const char *from_date,
                          const char *to_date, struct hours_range *out, struct fault *f)
{
    int64_t lo, hi;
    *out = (struct hours_range){0};
    if (!hours_day(from_date, &lo))
        return fault_set(f, ERR_INVALID, "from", "Give the first day as a date (YYYY-MM-DD).",
                         NULL);
    if (!hours_day(to_date, &hi) || hi < lo)
        return fault_set(f, ERR_INVALID, "to",
                         "Give the last day as a date (YYYY-MM-DD), on or after the first.", NULL);
    struct db_stmt *st =
        db_prepare(db, "SELECT " SUM_OF("e.account = 'delivered'") ", " SUM_OF(
                           "m.kind = 'withdrawal' AND e.account = 'organisation'") LEDGER_FROM
                   " WHERE " IN_AREA " AND m.on_date BETWEEN ? AND ?");
    if (!st)
        return db_fault(db, f);
    int idx = bind_scope(st, 1, HOURS_SCOPE_AREA, 0, area_code);
    db_bind_text(st, idx, from_date);
    db_bind_text(st, idx + 1, to_date);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        out->delivered = db_col_int(st, 0);
        out->withdrawn = db_col_int(st, 1);
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return range_pledged(db, area_code, lo, hi, out, f);
}

static enum err count(struct db *db, const char *sql, int64_t *out, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    enum db_rc rc = db_step(st);
    *out = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    return rc == DB_ROW ? ERR_OK : db_fault(db, f);
}

enum err hours_ledger_check(struct db *db, int64_t *sum, int64_t *unbalanced, int64_t *movements,
                            struct fault *f)
{
    enum err e = count(
        db, "SELECT CAST(COALESCE(SUM(amount_tenths), 0) AS BIGINT) FROM hours_entry", sum, f);
    if (e == ERR_OK)
        e = count(db,
                  "SELECT COUNT(*) FROM (SELECT m.id FROM hours_movement m "
                  "LEFT JOIN hours_entry e ON e.movement_id = m.id GROUP BY m.id "
                  "HAVING COUNT(e.id) <> 2 OR COALESCE(SUM(e.amount_tenths), 0) <> 0) x",
                  unbalanced, f);
    return e == ERR_OK ? count(db, "SELECT COUNT(*) FROM hours_movement", movements, f) : e;
}

