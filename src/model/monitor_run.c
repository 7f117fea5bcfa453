/* The monitor's recompute (monitor_run, see monitor.h): loads the areas of
 * the run and their CBS figures, walks the quarters, has monitor_sql.c
 * count, monitor_calc.c compute, and stores values, phases and warnings
 * with the time of the run. One transaction per quarter, so that a reader
 * sees a quarter whole or not at all and a long run does not hold the
 * write lock for minutes. */
#include "model/monitor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/mem.h"
#include "db/db.h"
#include "model/area.h"
#include "model/monitor_calc.h"

enum { FIRST_YEAR = 1990, YEARS = 211, MAX_QUARTERS = 60 };

/* One row of area_figures; -1 for unknown. */
struct fig {
    int area;
    int year;
    double p, a0, age[MON_AGE_GROUPS], low;
};

struct run {
    struct db *db;
    const struct monitor_config *cfg;
    struct mon_set set;
    struct fig *figs;
    int nfigs;
    int *fig_first, *fig_n; /* per area */
    bool *flagged;          /* per area */
    double national[YEARS]; /* low-income share per year, < 0: unknown */
    struct mon_values *cur, *prev;
    bool *has_prev;
    int64_t now;
    struct monitor_run_result *res;
    const struct monitor_run_opts *opts;
    int total; /* quarters due */
};

#define GEM_JOIN                                                                                   \
    " JOIN area a1 ON a1.code = x.area_code LEFT JOIN area a2 ON a2.code = a1.parent_code "        \
    "LEFT JOIN area a3 ON a3.code = a2.parent_code "
#define GEM_WHERE " (CAST(? AS TEXT) IS NULL OR COALESCE(a3.code, a2.code, a1.code) = ?) "

static void bind_gem(struct db_stmt *st, int idx, const char *gemeente)
{
    for (int i = 0; i < 2; i++) {
        if (gemeente)
            db_bind_text(st, idx + i, gemeente);
        else
            db_bind_null(st, idx + i);
    }
}

static int cmp_area(const void *a, const void *b)
{
    return strcmp(((const struct mon_area *)a)->code, ((const struct mon_area *)b)->code);
}

int mon_set_find(const struct mon_set *set, const char *code)
{
    if (!code)
        return -1;
    int lo = 0, hi = set->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, c = strcmp(set->areas[mid].code, code);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* The areas of the run (every area, or those of one gemeente), sorted by
 * code in C (a database collation may sort otherwise), parents linked. */
static enum err load_areas(struct run *r, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        r->db, "SELECT x.code, x.kind, x.parent_code FROM (SELECT code AS area_code, code, kind, "
               "parent_code FROM area) x" GEM_JOIN "WHERE" GEM_WHERE);
    if (!st)
        return db_fault(r->db, f);
    bind_gem(st, 1, r->set.gemeente);
    int cap = 0;
    char **parents = NULL;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (r->set.n == cap) {
            cap = cap ? cap * 2 : 256;
            r->set.areas = xrealloc(r->set.areas, (size_t)cap * sizeof *r->set.areas);
            parents = xrealloc(parents, (size_t)cap * sizeof *parents);
        }
        struct mon_area *ar = &r->set.areas[r->set.n];
        memset(ar, 0, sizeof *ar);
        ar->code = xstrdup(db_col_text(st, 0));
        ar->kind = db_col_text(st, 1)[0];
        ar->parent = r->set.n; /* the row's own index until linked below */
        parents[r->set.n++] = db_col_is_null(st, 2) ? NULL : xstrdup(db_col_text(st, 2));
    }
    db_done(st);
    if (rc == DB_DONE && r->set.n > 1)
        qsort(r->set.areas, (size_t)r->set.n, sizeof *r->set.areas, cmp_area);
    for (int i = 0; rc == DB_DONE && i < r->set.n; i++)
        r->set.areas[i].parent = mon_set_find(&r->set, parents[r->set.areas[i].parent]);
    for (int i = 0; i < r->set.n; i++)
        free(parents[i]);
    free(parents);
    return rc == DB_DONE ? ERR_OK : db_fault(r->db, f);
}

static double opt(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? -1 : db_col_double(st, col);
}

/* The CBS figures of the run's buurten, by area and year. */
static enum err load_figures(struct run *r, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        r->db, "SELECT x.area_code, x.year, x.inhabitants, x.age_0_15, x.age_15_25, x.age_25_45, "
               "x.age_45_65, x.age_65_plus, x.low_income_share FROM area_figures x" GEM_JOIN
               "WHERE a1.kind = 'buurt' AND" GEM_WHERE "ORDER BY x.area_code, x.year");
    if (!st)
        return db_fault(r->db, f);
    bind_gem(st, 1, r->set.gemeente);
    int cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int k = mon_set_find(&r->set, db_col_text(st, 0));
        if (k < 0)
            continue;
        if (r->nfigs == cap) {
            cap = cap ? cap * 2 : 256;
            r->figs = xrealloc(r->figs, (size_t)cap * sizeof *r->figs);
        }
        struct fig *g = &r->figs[r->nfigs];
        *g = (struct fig){.area = k, .year = (int)db_col_int(st, 1), .p = opt(st, 2),
                          .a0 = opt(st, 3), .low = opt(st, 8)};
        for (int i = 0; i < MON_AGE_GROUPS; i++)
            g->age[i] = opt(st, 4 + i);
        if (r->fig_n[k]++ == 0)
            r->fig_first[k] = r->nfigs;
        r->nfigs++;
    }
    db_done(st);
    return rc == DB_DONE ? ERR_OK : db_fault(r->db, f);
}

/* The national low-income share per year: the configured one, else the
 * households-weighted share over every buurt in the database. */
static enum err load_national(struct run *r, struct fault *f)
{
    for (int y = 0; y < YEARS; y++)
        r->national[y] = r->cfg->national_low_income > 0 ? r->cfg->national_low_income : -1;
    if (r->cfg->national_low_income > 0)
        return ERR_OK;
    struct db_stmt *st = db_prepare(
        r->db, "SELECT f.year, SUM(f.low_income_share * f.households), SUM(f.households), "
               "AVG(f.low_income_share) FROM area_figures f JOIN area a ON a.code = f.area_code "
               "AND a.kind = 'buurt' WHERE f.low_income_share IS NOT NULL GROUP BY f.year");
    if (!st)
        return db_fault(r->db, f);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int y = (int)db_col_int(st, 0) - FIRST_YEAR;
        double hh = db_col_is_null(st, 2) ? 0 : db_col_double(st, 2);
        if (y >= 0 && y < YEARS)
            r->national[y] = hh > 0 ? db_col_double(st, 1) / hh : db_col_double(st, 3);
    }
    db_done(st);
    return rc == DB_DONE ? ERR_OK : db_fault(r->db, f);
}

static enum err load_flags(struct run *r, struct fault *f)
{
    struct db_stmt *st = db_prepare(r->db, "SELECT area_code FROM area_vulnerable_flag");
    if (!st)
        return db_fault(r->db, f);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int k = mon_set_find(&r->set, db_col_text(st, 0));
        if (k >= 0)
            r->flagged[k] = true;
    }
    db_done(st);
    return rc == DB_DONE ? ERR_OK : db_fault(r->db, f);
}

/* The figures of buurt k for a year: the latest not after it, else the
 * earliest. NULL: none. */
static const struct fig *figure_for(const struct run *r, int k, int year)
{
    if (r->fig_n[k] == 0)
        return NULL;
    const struct fig *best = &r->figs[r->fig_first[k]];
    for (int i = 0; i < r->fig_n[k]; i++)
        if (r->figs[r->fig_first[k] + i].year <= year)
            best = &r->figs[r->fig_first[k] + i];
    return best;
}

/* Every area's counts to zero, the buurten's CBS figures in and summed
 * into the areas above (an unknown figure adds nothing). */
static void set_figures(const struct run *r, struct mon_set *set, int year)
{
    for (int k = 0; k < set->n; k++)
        memset(&set->areas[k].comp, 0, sizeof set->areas[k].comp);
    for (int k = 0; k < set->n; k++) {
        const struct fig *g = set->areas[k].kind == 'b' ? figure_for(r, k, year) : NULL;
        struct mon_comp *c = &set->areas[k].comp;
        if (set->areas[k].kind == 'b' && !g) {
            c->p = c->p15 = -1;
            continue;
        }
        if (!g)
            continue;
        double p15 = g->p >= 0 && g->a0 >= 0 ? g->p - g->a0 : -1;
        for (int up = k; up >= 0; up = set->areas[up].parent) {
            struct mon_comp *u = &set->areas[up].comp;
            u->p += up == k || g->p >= 0 ? g->p : 0;
            u->p15 += up == k || p15 >= 0 ? p15 : 0;
            for (int i = 0; i < MON_AGE_GROUPS; i++)
                u->cbs_age[i] += up == k || g->age[i] >= 0 ? g->age[i] : 0;
        }
    }
}

/* The indicators of every area of the run for one quarter: one row per
 * area (the statement is prepared once and kept in the connection's
 * cache; db_done only resets it). */
static enum err write_values(struct run *r, const struct mon_window *w, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        r->db, "INSERT INTO monitor_value (area_code, quarter, computed_at, " MON_VALUE_COLUMNS
               ") VALUES (?, ?, ?, " MON_VALUE_MARKS ") ON CONFLICT (area_code, quarter) DO "
               "UPDATE SET " MON_VALUE_UPDATE "computed_at = excluded.computed_at");
    if (!st)
        return db_fault(r->db, f);
    enum db_rc rc = DB_DONE;
    for (int k = 0; rc == DB_DONE && k < r->set.n; k++) {
        const struct mon_values *v = &r->cur[k];
        db_reset(st);
        db_bind_text(st, 1, r->set.areas[k].code);
        db_bind_text(st, 2, w->quarter);
        db_bind_int(st, 3, r->now);
        for (int i = 0; i < MON_INDICATOR_COUNT; i++) {
            int col = 4 + 4 * i;
            db_bind_double(st, col, v->num[i]);
            db_bind_double(st, col + 1, v->den[i]);
            if (v->sup[i] == MON_SHOWN)
                db_bind_double(st, col + 2, v->value[i]);
            else
                db_bind_null(st, col + 2);
            db_bind_text(st, col + 3, mon_sup_code(v->sup[i]));
        }
        rc = db_step(st);
        r->res->values += rc == DB_DONE ? MON_INDICATOR_COUNT : 0;
    }
    enum err e = rc == DB_DONE ? ERR_OK : db_fault(r->db, f);
    db_done(st);
    return e;
}

/* The stored values of the quarter a year before w, into r->prev. */
static enum err load_prev(struct run *r, const struct mon_window *w, struct fault *f)
{
    int qi;
    char q[MONITOR_QUARTER_MAX];
    mon_quarter_parse(w->quarter, &qi);
    mon_quarter_name(qi - 4, q);
    memset(r->has_prev, 0, (size_t)r->set.n * sizeof *r->has_prev);
    struct db_stmt *st = db_prepare(r->db, "SELECT x.area_code, " MON_VALUE_COLUMNS
                                           " FROM monitor_value x" GEM_JOIN
                                           "WHERE x.quarter = ? AND" GEM_WHERE);
    if (!st)
        return db_fault(r->db, f);
    db_bind_text(st, 1, q);
    bind_gem(st, 2, r->set.gemeente);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int k = mon_set_find(&r->set, db_col_text(st, 0));
        if (k < 0)
            continue;
        struct mon_values *v = &r->prev[k];
        for (int i = 0; i < MON_INDICATOR_COUNT; i++) {
            int col = 1 + 4 * i;
            v->num[i] = db_col_double(st, col);
            v->den[i] = db_col_double(st, col + 1);
            v->value[i] = db_col_double(st, col + 2);
            v->sup[i] = mon_sup_parse(db_col_text(st, col + 3));
        }
        r->has_prev[k] = true;
    }
    db_done(st);
    return rc == DB_DONE ? ERR_OK : db_fault(r->db, f);
}

/* What the early warning of a buurt was judged on. */
struct judged {
    bool vulnerable, low;
    double share, national; /* %, < 0: unknown */
};

/* The early warning of buurt k: vulnerable, the signals, raised. */
static bool judge(struct run *r, int k, int year, struct judged *j, struct buf *sig)
{
    const struct fig *g = figure_for(r, k, year);
    int y = year - FIRST_YEAR;
    j->national = y >= 0 && y < YEARS ? r->national[y] : -1;
    j->share = g ? g->low : -1;
    j->low = g && mon_calc_low_income(r->cfg, g->low, j->national);
    j->vulnerable = j->low || r->flagged[k];
    struct mon_momentum m = {.cur = &r->cur[k],
                             .prev = r->has_prev[k] ? &r->prev[k] : NULL,
                             .active_end = r->set.areas[k].comp.active_end,
                             .idle_end = r->set.areas[k].comp.idle_end};
    int n = mon_calc_signals(r->cfg, &m, sig);
    return j->vulnerable && n >= r->cfg->min_signals;
}

static void bind_share(struct db_stmt *st, int idx, double share)
{
    if (share >= 0)
        db_bind_double(st, idx, share);
    else
        db_bind_null(st, idx);
}

/* The phase and early warning of area k, with st (status_sql, reset). */
static enum db_rc write_status(struct run *r, const struct mon_window *w, int k,
                               struct db_stmt *st)
{
    struct buf reasons, sig;
    buf_init(&reasons);
    buf_init(&sig);
    enum monitor_phase p = mon_calc_phase(r->cfg, &r->cur[k], &reasons);
    struct judged j = {.share = -1, .national = -1};
    bool raised = r->set.areas[k].kind == 'b' && judge(r, k, w->year, &j, &sig);
    r->res->warnings += raised;
    db_reset(st);
    db_bind_text(st, 1, r->set.areas[k].code);
    db_bind_text(st, 2, w->quarter);
    db_bind_text(st, 3, p == MON_PHASE_UNKNOWN ? NULL : monitor_phase_code(p));
    db_bind_text(st, 4, buf_cstr(&reasons));
    db_bind_int(st, 5, j.vulnerable);
    db_bind_int(st, 6, j.low);
    db_bind_int(st, 7, raised);
    db_bind_text(st, 8, buf_cstr(&sig));
    db_bind_int(st, 9, r->now);
    bind_share(st, 10, j.share);
    bind_share(st, 11, j.national);
    enum db_rc rc = db_step(st);
    buf_free(&reasons);
    buf_free(&sig);
    return rc;
}

/* Every area's phase and early warning for window w. */
static enum err write_statuses(struct run *r, const struct mon_window *w, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        r->db, "INSERT INTO monitor_status (area_code, quarter, phase, reasons, vulnerable, "
               "low_income, raised, signals, computed_at, low_income_share, national_share) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (area_code, quarter) DO UPDATE SET phase = excluded.phase, reasons = "
               "excluded.reasons, vulnerable = excluded.vulnerable, low_income = "
               "excluded.low_income, raised = excluded.raised, signals = excluded.signals, "
               "computed_at = excluded.computed_at, low_income_share = excluded.low_income_share, "
               "national_share = excluded.national_share");
    if (!st)
        return db_fault(r->db, f);
    r->res->warnings = 0; /* the count is the latest quarter's: they are stored in order */
    enum db_rc rc = DB_DONE;
    for (int k = 0; rc == DB_DONE && k < r->set.n; k++)
        rc = write_status(r, w, k, st);
    enum err e = rc == DB_DONE ? ERR_OK : db_fault(r->db, f);
    db_done(st);
    return e;
}

/* Counts quarter qi (a mon_count_fn): the figures, then the queries. */
static enum err count_quarter(void *ctx, struct db *db, struct mon_set *set, int qi,
                              struct fault *f)
{
    const struct run *r = ctx;
    struct mon_window w;
    mon_window_of(qi, r->now, r->cfg->idle_days, &w);
    set_figures(r, set, w.year);
    return mon_sql_count(db, &w, set, f);
}

/* Stores counted quarter qi (a mon_store_fn; comps NULL: they are in
 * r->set already): computes the values, stores them, then phases and
 * warnings, in one transaction. */
static enum err store_quarter(void *ctx, int qi, const struct mon_comp *comps, struct fault *f)
{
    struct run *r = ctx;
    struct mon_window w;
    mon_window_of(qi, r->now, r->cfg->idle_days, &w);
    for (int k = 0; comps && k < r->set.n; k++)
        r->set.areas[k].comp = comps[k];
    for (int k = 0; k < r->set.n; k++)
        mon_calc_values(&r->set.areas[k].comp, &r->cur[k]);
    enum err e = db_begin(r->db, f);
    if (e != ERR_OK)
        return e;
    e = write_values(r, &w, f);
    if (e == ERR_OK)
        e = load_prev(r, &w, f);
    if (e == ERR_OK)
        e = write_statuses(r, &w, f);
    if (e == ERR_OK)
        return db_commit(r->db, f);
    db_rollback(r->db);
    return e;
}

/* The first quarter with data (at most MAX_QUARTERS back) and which of
 * the quarters up to now need computing. Data starts with the first
 * initiative, decision or activity: every contribution is to one of them,
 * so earlier quarters would only hold suppressed figures. */
static enum err plan(struct run *r, bool full, int *first, int *last, bool *due, struct fault *f)
{
    *last = mon_quarter_index(r->now);
    struct db_stmt *st = db_prepare(
        r->db, "SELECT MIN(t) FROM (SELECT MIN(created_at) AS t FROM initiative UNION ALL "
               "SELECT MIN(created_at) FROM decision UNION ALL SELECT MIN(created_at) FROM "
               "activity) x");
    if (!st)
        return db_fault(r->db, f);
    enum db_rc rc = db_step(st);
    *first = rc == DB_ROW && !db_col_is_null(st, 0) ? mon_quarter_index(db_col_int(st, 0)) : *last;
    db_done(st);
    if (rc != DB_ROW)
        return db_fault(r->db, f);
    if (*first > *last || *first < *last - (MAX_QUARTERS - 1))
        *first = *first > *last ? *last : *last - (MAX_QUARTERS - 1);
    for (int q = *first; q <= *last; q++)
        due[q - *first] = full || q >= *last - 1;
    if (full)
        return ERR_OK;
    st = db_prepare(r->db, "SELECT x.quarter, COUNT(*) FROM monitor_status x" GEM_JOIN
                           "WHERE" GEM_WHERE "GROUP BY x.quarter");
    if (!st)
        return db_fault(r->db, f);
    bind_gem(st, 1, r->set.gemeente);
    for (int q = *first; q < *last - 1; q++)
        due[q - *first] = true;
    while ((rc = db_step(st)) == DB_ROW) {
        int qi;
        if (mon_quarter_parse(db_col_text(st, 0), &qi) && qi >= *first && qi < *last - 1)
            due[qi - *first] = db_col_int(st, 1) < r->set.n;
    }
    db_done(st);
    return rc == DB_DONE ? ERR_OK : db_fault(r->db, f);
}

/* The gemeente of area_code (NULL: every area); ERR_NOT_FOUND. */
static enum err run_gemeente(struct db *db, struct arena *a, const char *area_code,
                             const char **gemeente, struct fault *f)
{
    *gemeente = NULL;
    const char *code = area_code;
    while (code) {
        struct area ar;
        struct fault local = {0};
        enum err e = area_get(db, a, code, &ar, &local);
        if (e != ERR_OK) {
            /* The fault names the code with a copy in a, which the run
             * frees before its caller reads the fault: name the caller's
             * (only the code given can be unknown or malformed; a parent
             * always exists). */
            if (local.args[0])
                local.args[0] = area_code;
            local.field = "area";
            if (f)
                *f = local;
            return e;
        }
        *gemeente = ar.code;
        code = ar.parent_code;
    }
    return ERR_OK;
}

static void run_free(struct run *r)
{
    for (int i = 0; i < r->set.n; i++)
        free(r->set.areas[i].code);
    free(r->set.areas);
    free(r->figs);
    free(r->fig_first);
    free(r->fig_n);
    free(r->flagged);
    free(r->cur);
    free(r->prev);
    free(r->has_prev);
}

static enum err run_load(struct run *r, struct fault *f)
{
    enum err e = load_areas(r, f);
    if (e != ERR_OK)
        return e;
    size_t n = (size_t)(r->set.n ? r->set.n : 1);
    r->fig_first = xcalloc(n, sizeof *r->fig_first);
    r->fig_n = xcalloc(n, sizeof *r->fig_n);
    r->flagged = xcalloc(n, sizeof *r->flagged);
    r->cur = xcalloc(n, sizeof *r->cur);
    r->prev = xcalloc(n, sizeof *r->prev);
    r->has_prev = xcalloc(n, sizeof *r->has_prev);
    if ((e = load_figures(r, f)) == ERR_OK && (e = load_national(r, f)) == ERR_OK)
        e = load_flags(r, f);
    return e;
}

/* The run's own row: what it covers and when it started (the
 * incremental recompute and operators read these). */
static enum err run_record(struct run *r, const char *area_code, bool full, int64_t *id,
                           struct fault *f)
{
    struct db_stmt *st = db_prepare(r->db, "INSERT INTO monitor_run (area_code, full_run, "
                                           "started_at, value_count) VALUES (?, ?, ?, 0) "
                                           "RETURNING id");
    if (!st)
        return db_fault(r->db, f);
    db_bind_text(st, 1, area_code);
    db_bind_int(st, 2, full);
    db_bind_int(st, 3, r->now);
    enum db_rc rc = db_step(st);
    *id = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    return rc == DB_ROW ? ERR_OK : db_fault(r->db, f);
}

static enum err run_finish(struct run *r, int64_t id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        r->db, "UPDATE monitor_run SET finished_at = ?, value_count = ? WHERE id = ?");
    if (!st)
        return db_fault(r->db, f);
    db_bind_int(st, 1, r->now);
    db_bind_int(st, 2, r->res->values);
    db_bind_int(st, 3, id);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_DONE ? ERR_OK : db_fault(r->db, f);
}

/* Stores quarter qi (store_quarter) and says how far the run is; a
 * progress callback that answers false stops the run. */
static enum err store_and_report(void *ctx, int qi, const struct mon_comp *comps,
                                 struct fault *f)
{
    struct run *r = ctx;
    enum err e = store_quarter(r, qi, comps, f);
    if (e != ERR_OK)
        return e;
    r->res->quarters++;
    if (r->opts->progress && !r->opts->progress(r->opts->ctx, r->res->quarters, r->total) &&
        r->res->quarters < r->total)
        return fault_set(f, ERR_UNAVAILABLE, NULL, "The monitor run was stopped.", NULL);
    return ERR_OK;
}

/* The due quarters: counted by jobs of their own when the options ask
 * and it can be done, else one after the other on the run's connection. */
static enum err run_quarters(struct run *r, struct fault *f)
{
    int first = 0, last = -1, qs[MAX_QUARTERS];
    bool due[MAX_QUARTERS] = {0};
    int used = 0;
    enum err e = plan(r, r->opts->full, &first, &last, due, f);
    for (int q = first; e == ERR_OK && q <= last; q++)
        if (due[q - first])
            qs[r->total++] = q;
    r->res->areas = r->set.n;
    if (e == ERR_OK)
        e = mon_jobs_run(r->opts->db_url, r->opts->jobs, &r->set, qs, r->total, count_quarter,
                         store_and_report, r, &used, f);
    r->res->jobs = used ? used : 1;
    for (int i = 0; e == ERR_OK && !used && i < r->total; i++) {
        e = count_quarter(r, r->db, &r->set, qs[i], f);
        if (e == ERR_OK)
            e = store_and_report(r, qs[i], NULL, f);
    }
    return e;
}

enum err monitor_run(struct db *db, const struct monitor_config *cfg, const char *area_code,
                     bool full, int64_t now, monitor_progress_fn *progress, void *ctx,
                     struct monitor_run_result *res, struct fault *f)
{
    const struct monitor_run_opts o = {.area_code = area_code, .full = full, .now = now,
                                       .progress = progress, .ctx = ctx};
    return monitor_run_with(db, cfg, &o, res, f);
}

enum err monitor_run_with(struct db *db, const struct monitor_config *cfg,
                          const struct monitor_run_opts *o, struct monitor_run_result *res,
                          struct fault *f)
{
    struct monitor_config defaults;
    if (!cfg) {
        monitor_config_default(&defaults);
        cfg = &defaults;
    }
    memset(res, 0, sizeof *res);
    res->computed_at = o->now;
    struct arena *a = arena_new();
    struct run r = {.db = db, .cfg = cfg, .now = o->now, .res = res, .opts = o};
    enum err e = run_gemeente(db, a, o->area_code, &r.set.gemeente, f);
    if (e == ERR_OK)
        e = run_load(&r, f);
    int64_t run_id = 0;
    if (e == ERR_OK)
        e = run_record(&r, o->area_code, o->full, &run_id, f);
    if (e == ERR_OK)
        e = run_quarters(&r, f);
    if (e == ERR_OK)
        e = run_finish(&r, run_id, f);
    run_free(&r);
    arena_free(a);
    return e;
}
