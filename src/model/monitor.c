/* The transition monitor's read side (see monitor.h): the indicators'
 * metadata, and the series, summaries, warnings and comparisons read from
 * what monitor_run stored (monitor_value, monitor_status). Nothing here
 * computes a figure. */
#include "model/monitor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/area.h"
#include "model/monitor_calc.h"

#define N_(msgid) (msgid)

static const struct monitor_meta metas[MON_INDICATOR_COUNT] = {
    [MON_I1_ACTIVATION] = {"I1", N_("Activation"), N_("per 1,000 inhabitants aged 15+"),
                           "per_1000_15plus", 1000, 1, true},
    [MON_I2_DENSITY] = {"I2", N_("Initiative density"), N_("per 1,000 inhabitants"), "per_1000",
                        1000, 2, true},
    [MON_I3_CONVERSION] = {"I3", N_("Execution conversion"), "%", "percent", 100, 0, true},
    [MON_I4_OWNERSHIP] = {"I4", N_("Ownership integrity"), "%", "percent", 100, 0, true},
    [MON_I5_PRO_VOICE] = {"I5", N_("Professional share of voice"), "%", "percent", 100, 0, false},
    [MON_I6_AUTONOMY] = {"I6", N_("Decision autonomy"), "%", "percent", 100, 0, true},
    [MON_I7_RELIABILITY] = {"I7", N_("Institutional reliability"), "%", "percent", 100, 0, true},
    [MON_I8_ORGANISATIONS] = {"I8a", N_("Organisations engaged"), N_("organisations"), "count", 1,
                              0, true},
    [MON_I8_BREADTH] = {"I8b", N_("Initiatives with two or more kinds of organisation"), "%",
                        "percent", 100, 0, true},
    [MON_I9_AGREEMENTS] = {"I9", N_("Formalisation"), N_("agreements"), "count", 1, 0, true},
    [MON_I10_SKILLS] = {"I10", N_("Capacity mobilisation"), "%", "percent", 100, 0, true},
    [MON_I11_RENEWAL] = {"I11a", N_("First-time initiators"), "%", "percent", 100, 0, true},
    [MON_I11_CONCENTRATION] = {"I11b", N_("Contributions by the top 5 residents"), "%", "percent",
                               100, 0, false},
    [MON_I12_CONTINUITY] = {"I12", N_("Continuity"), "%", "percent", 100, 0, true},
    [MON_I13_LEARNING] = {"I13", N_("Learning"), "%", "percent", 100, 0, true},
    [MON_I14_REPRESENTATIVENESS] = {"I14", N_("Representativeness gap"),
                                    N_("percentage points"), "points", 100, 1, false},
};

const struct monitor_meta *monitor_meta(enum monitor_indicator ind)
{
    if ((unsigned)ind >= MON_INDICATOR_COUNT)
        abort();
    return &metas[ind];
}

bool monitor_indicator_parse(const char *text, enum monitor_indicator *out)
{
    for (int i = 0; text && i < MON_INDICATOR_COUNT; i++)
        if (strcasecmp(text, metas[i].code) == 0) {
            *out = (enum monitor_indicator)i;
            return true;
        }
    return false;
}

const char *monitor_suppression_msgid(enum monitor_suppression s)
{
    switch (s) {
    case MON_FEW_INHABITANTS: return N_("Suppressed: fewer than 50 inhabitants.");
    case MON_FEW_CONTRIBUTORS: return N_("Suppressed: fewer than 5 contributors.");
    case MON_NO_DENOMINATOR: return N_("No figure: nothing to count it against.");
    case MON_NOT_AVAILABLE: return N_("No figure: the data is not available.");
    default: return NULL;
    }
}

static const char *const phase_codes[MON_PHASE_COUNT] = {
    "unknown", "predevelopment", "take_off", "acceleration", "stabilisation"};
static const char *const phase_names[MON_PHASE_COUNT] = {
    N_("Unknown"), N_("Predevelopment"), N_("Take-off"), N_("Acceleration"),
    N_("Stabilisation")};

const char *monitor_phase_code(enum monitor_phase p)
{
    return (unsigned)p < MON_PHASE_COUNT ? phase_codes[p] : phase_codes[0];
}

const char *monitor_phase_name(enum monitor_phase p)
{
    return (unsigned)p < MON_PHASE_COUNT ? phase_names[p] : phase_names[0];
}

static enum monitor_phase phase_parse(const char *s)
{
    for (int i = 1; s && i < MON_PHASE_COUNT; i++)
        if (strcmp(s, phase_codes[i]) == 0)
            return (enum monitor_phase)i;
    return MON_PHASE_UNKNOWN;
}

const char *const monitor_age_groups[4] = {"15_25", "25_45", "45_65", "65_plus"};

const char *monitor_age_group_name(const char *code)
{
    static const char *const names[4] = {N_("15 to 24 years"), N_("25 to 44 years"),
                                         N_("45 to 64 years"), N_("65 years or older")};
    for (int i = 0; code && i < 4; i++)
        if (strcmp(code, monitor_age_groups[i]) == 0)
            return names[i];
    return NULL;
}

/* The point of indicator ind from a row of columns quarter, computed_at,
 * MON_VALUE_COLUMNS. */
static void point_from(struct db_stmt *st, enum monitor_indicator ind, struct arena *a,
                       struct monitor_point *p)
{
    int qi = 0, col = 2 + 4 * (int)ind;
    p->quarter = db_col_text_dup(st, 0, a);
    struct mon_window w;
    mon_quarter_parse(p->quarter, &qi);
    p->computed_at = db_col_int(st, 1);
    mon_window_of(qi, p->computed_at, 90, &w);
    p->period_start = w.start;
    p->period_end = w.end;
    p->numerator = db_col_double(st, col);
    p->denominator = db_col_double(st, col + 1);
    p->value = db_col_double(st, col + 2);
    p->suppressed = mon_sup_parse(db_col_text(st, col + 3));
    if (db_col_is_null(st, col + 2) && p->suppressed == MON_SHOWN)
        p->suppressed = MON_NOT_AVAILABLE;
}

static void points_unavailable(struct monitor_point *pts)
{
    for (int i = 0; i < MON_INDICATOR_COUNT; i++)
        pts[i] = (struct monitor_point){.suppressed = MON_NOT_AVAILABLE};
}

static enum err area_known(struct db *db, struct arena *a, const char *code, struct area *ar,
                           struct fault *f)
{
    enum err e = area_get(db, a, code, ar, f);
    if (e != ERR_OK && f)
        f->field = "area";
    return e;
}

enum err monitor_series(struct db *db, struct arena *a, const char *area_code,
                        enum monitor_indicator ind, struct monitor_point **pts, int *n,
                        struct fault *f)
{
    struct area ar;
    *pts = NULL;
    *n = 0;
    enum err e = area_known(db, a, area_code, &ar, f);
    if (e != ERR_OK)
        return e;
    struct db_stmt *st = db_prepare(
        db, "SELECT quarter, computed_at, " MON_VALUE_COLUMNS " FROM monitor_value WHERE "
            "area_code = ? ORDER BY quarter");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, area_code);
    int cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            struct monitor_point *grown = arena_array(a, (size_t)cap, sizeof *grown);
            if (*n)
                memcpy(grown, *pts, (size_t)*n * sizeof *grown);
            *pts = grown;
        }
        point_from(st, ind, a, &(*pts)[(*n)++]);
    }
    db_done(st);
    return rc == DB_DONE ? ERR_OK : db_fault(db, f);
}

/* The latest values of area_code into pts (every indicator of its latest
 * quarter); *quarter NULL when none. */
static enum err latest_values(struct db *db, struct arena *a, const char *area_code,
                              struct monitor_point *pts, const char **quarter, struct fault *f)
{
    points_unavailable(pts);
    *quarter = NULL;
    struct db_stmt *st = db_prepare(
        db, "SELECT quarter, computed_at, " MON_VALUE_COLUMNS " FROM monitor_value WHERE "
            "area_code = ? AND quarter = (SELECT MAX(quarter) FROM monitor_status WHERE "
            "area_code = ?)");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, area_code);
    db_bind_text(st, 2, area_code);
    enum db_rc rc;
    if ((rc = db_step(st)) == DB_ROW) {
        for (int i = 0; i < MON_INDICATOR_COUNT; i++)
            point_from(st, (enum monitor_indicator)i, a, &pts[i]);
        *quarter = pts[0].quarter;
        rc = DB_DONE;
    }
    db_done(st);
    return rc == DB_DONE ? ERR_OK : db_fault(db, f);
}

/* The flag of a buurt, at once (not only after the next run). */
static enum err flag_of(struct db *db, struct arena *a, const char *code,
                        struct monitor_warning *w, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT reason FROM area_vulnerable_flag WHERE "
                                        "area_code = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, code);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        w->flagged = true;
        w->flag_reason = db_col_text_dup(st, 0, a);
    }
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? ERR_OK : db_fault(db, f);
}

/* The latest status of code: phase and reasons (when reasons is not NULL)
 * and the warning. */
static enum err status_of(struct db *db, struct arena *a, const char *code,
                          struct monitor_summary *s, struct monitor_warning *w, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT quarter, phase, reasons, vulnerable, low_income, raised, signals, "
            "computed_at FROM monitor_status WHERE area_code = ? ORDER BY quarter DESC LIMIT 1");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, code);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        w->quarter = db_col_text_dup(st, 0, a);
        w->low_income = db_col_int(st, 4) != 0;
        w->raised = db_col_int(st, 5) != 0;
        w->computed_at = db_col_int(st, 7);
        mon_reasons_decode(a, db_col_text(st, 6), &w->signals, &w->nsignals);
        if (s) {
            s->phase = phase_parse(db_col_text(st, 1));
            mon_reasons_decode(a, db_col_text(st, 2), &s->reasons, &s->nreasons);
        }
    }
    db_done(st);
    if (rc != DB_ROW && rc != DB_DONE)
        return db_fault(db, f);
    enum err e = flag_of(db, a, code, w, f);
    w->vulnerable = w->low_income || w->flagged;
    return e;
}

/* The buurt's low-income share and the national one, as the latest run
 * judged its warning on them (migration 0020); unknown before a run. */
static enum err shares_of(struct db *db, const char *code, struct monitor_warning *w,
                          struct fault *f)
{
    w->low_income_share = w->national_share = -1;
    struct db_stmt *st = db_prepare(
        db, "SELECT low_income_share, national_share FROM monitor_status WHERE area_code = ? "
            "ORDER BY quarter DESC LIMIT 1");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, code);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW && !db_col_is_null(st, 0))
        w->low_income_share = db_col_double(st, 0);
    if (rc == DB_ROW && !db_col_is_null(st, 1))
        w->national_share = db_col_double(st, 1);
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? ERR_OK : db_fault(db, f);
}

enum err monitor_warning_get(struct db *db, struct arena *a, const char *area_code,
                             struct monitor_warning *out, struct fault *f)
{
    struct area ar;
    memset(out, 0, sizeof *out);
    enum err e = area_known(db, a, area_code, &ar, f);
    if (e == ERR_OK)
        e = status_of(db, a, area_code, NULL, out, f);
    if (e == ERR_OK)
        e = shares_of(db, area_code, out, f);
    return e;
}

/* Buurten below code (any depth) whose latest warning is raised. */
static enum err count_warned(struct db *db, const char *code, int *n, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT COUNT(*) FROM monitor_status s JOIN area b ON b.code = s.area_code LEFT JOIN "
            "area w ON w.code = b.parent_code WHERE b.kind = 'buurt' AND (b.parent_code = ? OR "
            "w.parent_code = ?) AND s.raised = 1 AND s.quarter = (SELECT MAX(t.quarter) FROM "
            "monitor_status t WHERE t.area_code = s.area_code)");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, code);
    db_bind_text(st, 2, code);
    enum db_rc rc = db_step(st);
    *n = rc == DB_ROW ? (int)db_col_int(st, 0) : 0;
    db_done(st);
    return rc == DB_ROW ? ERR_OK : db_fault(db, f);
}

enum err monitor_area_summary(struct db *db, struct arena *a, const char *area_code,
                              struct monitor_summary *out, struct fault *f)
{
    struct area ar;
    memset(out, 0, sizeof *out);
    points_unavailable(out->latest);
    enum err e = area_known(db, a, area_code, &ar, f);
    if (e != ERR_OK)
        return e;
    out->area_code = ar.code;
    out->area_name = ar.name;
    out->area_kind = area_kind_name(ar.kind);
    e = latest_values(db, a, area_code, out->latest, &out->quarter, f);
    if (e == ERR_OK)
        e = status_of(db, a, area_code, out, &out->warning, f);
    if (e == ERR_OK && ar.kind == AREA_BUURT)
        e = shares_of(db, area_code, &out->warning, f);
    if (e == ERR_OK && ar.kind != AREA_BUURT)
        e = count_warned(db, area_code, &out->buurten_warned, f);
    if (ar.kind != AREA_BUURT)
        out->warning.raised = out->buurten_warned > 0;
    out->computed_at = out->warning.computed_at;
    return e;
}

enum err monitor_compare(struct db *db, struct arena *a, const char *wijk_code,
                         struct monitor_compare_row **rows, int *n, struct fault *f)
{
    struct area ar;
    *rows = NULL;
    *n = 0;
    enum err e = area_known(db, a, wijk_code, &ar, f);
    if (e != ERR_OK)
        return e;
    if (ar.kind != AREA_WIJK)
        return fault_set(f, ERR_INVALID, "area", "%s is not a wijk.", ar.code, NULL);
    struct area_child *kids;
    int nkids;
    if ((e = area_children(db, a, wijk_code, &kids, &nkids, f)) != ERR_OK)
        return e;
    *rows = arena_array(a, (size_t)(nkids ? nkids : 1), sizeof **rows);
    for (int i = 0; e == ERR_OK && i < nkids; i++) {
        struct monitor_summary s;
        e = monitor_area_summary(db, a, kids[i].area.code, &s, f);
        if (e != ERR_OK)
            break;
        struct monitor_compare_row *r = &(*rows)[(*n)++];
        r->code = s.area_code;
        r->name = s.area_name;
        r->quarter = s.quarter;
        memcpy(r->latest, s.latest, sizeof r->latest);
        r->phase = s.phase;
        r->warning_raised = s.warning.raised;
        r->vulnerable = s.warning.vulnerable;
    }
    return e;
}
