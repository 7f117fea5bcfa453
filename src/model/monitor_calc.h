/* Inside the transition monitor (not for other modules): the counts one
 * area has in one window (the components), the formulas that turn them
 * into indicator values (monitor_calc.c, pure and tested on hand-made
 * counts), the phase and the early-warning signals, the text form in which
 * reasons and signals rest in monitor_status, and the queries that count
 * (monitor_sql.c). docs/monitor.md defines every count. */
#ifndef WIJK_MODEL_MONITOR_CALC_H
#define WIJK_MODEL_MONITOR_CALC_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/monitor.h"

struct arena;
struct buf;
struct db;

enum { MON_AGE_GROUPS = 4 };

/* The columns of monitor_value (migration 0019): four per indicator, in
 * the order of enum monitor_indicator (numerator, denominator, value,
 * suppression code), as SQL text; MON_VALUE_MARKS has a '?' for each and
 * MON_VALUE_UPDATE sets each from excluded (for ON CONFLICT). */
enum { MON_VALUE_COLUMN_COUNT = 4 * MON_INDICATOR_COUNT };
#define MON_VALUE_COLUMNS \
    "i1_num, i1_den, i1_value, i1_sup, i2_num, i2_den, i2_value, i2_sup, " \
    "i3_num, i3_den, i3_value, i3_sup, i4_num, i4_den, i4_value, i4_sup, " \
    "i5_num, i5_den, i5_value, i5_sup, i6_num, i6_den, i6_value, i6_sup, " \
    "i7_num, i7_den, i7_value, i7_sup, i8a_num, i8a_den, i8a_value, i8a_sup, " \
    "i8b_num, i8b_den, i8b_value, i8b_sup, i9_num, i9_den, i9_value, i9_sup, " \
    "i10_num, i10_den, i10_value, i10_sup, i11a_num, i11a_den, i11a_value, i11a_sup, " \
    "i11b_num, i11b_den, i11b_value, i11b_sup, i12_num, i12_den, i12_value, i12_sup, " \
    "i13_num, i13_den, i13_value, i13_sup, i14_num, i14_den, i14_value, i14_sup"
#define MON_VALUE_MARKS \
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " \
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " \
    "?, ?, ?, ?, ?, ?, ?, ?"
#define MON_VALUE_UPDATE \
    "i1_num = excluded.i1_num, i1_den = excluded.i1_den, i1_value = excluded.i1_value, " \
    "i1_sup = excluded.i1_sup, i2_num = excluded.i2_num, i2_den = excluded.i2_den, " \
    "i2_value = excluded.i2_value, i2_sup = excluded.i2_sup, i3_num = excluded.i3_num, " \
    "i3_den = excluded.i3_den, i3_value = excluded.i3_value, i3_sup = excluded.i3_sup, " \
    "i4_num = excluded.i4_num, i4_den = excluded.i4_den, i4_value = excluded.i4_value, " \
    "i4_sup = excluded.i4_sup, i5_num = excluded.i5_num, i5_den = excluded.i5_den, " \
    "i5_value = excluded.i5_value, i5_sup = excluded.i5_sup, i6_num = excluded.i6_num, " \
    "i6_den = excluded.i6_den, i6_value = excluded.i6_value, i6_sup = excluded.i6_sup, " \
    "i7_num = excluded.i7_num, i7_den = excluded.i7_den, i7_value = excluded.i7_value, " \
    "i7_sup = excluded.i7_sup, i8a_num = excluded.i8a_num, i8a_den = excluded.i8a_den, " \
    "i8a_value = excluded.i8a_value, i8a_sup = excluded.i8a_sup, i8b_num = excluded.i8b_num, " \
    "i8b_den = excluded.i8b_den, i8b_value = excluded.i8b_value, i8b_sup = excluded.i8b_sup, " \
    "i9_num = excluded.i9_num, i9_den = excluded.i9_den, i9_value = excluded.i9_value, " \
    "i9_sup = excluded.i9_sup, i10_num = excluded.i10_num, i10_den = excluded.i10_den, " \
    "i10_value = excluded.i10_value, i10_sup = excluded.i10_sup, " \
    "i11a_num = excluded.i11a_num, i11a_den = excluded.i11a_den, " \
    "i11a_value = excluded.i11a_value, i11a_sup = excluded.i11a_sup, " \
    "i11b_num = excluded.i11b_num, i11b_den = excluded.i11b_den, " \
    "i11b_value = excluded.i11b_value, i11b_sup = excluded.i11b_sup, " \
    "i12_num = excluded.i12_num, i12_den = excluded.i12_den, i12_value = excluded.i12_value, " \
    "i12_sup = excluded.i12_sup, i13_num = excluded.i13_num, i13_den = excluded.i13_den, " \
    "i13_value = excluded.i13_value, i13_sup = excluded.i13_sup, i14_num = excluded.i14_num, " \
    "i14_den = excluded.i14_den, i14_value = excluded.i14_value, i14_sup = excluded.i14_sup, "

/* The stored code of a suppression (NULL for MON_SHOWN), and back. */
const char *mon_sup_code(enum monitor_suppression s);
enum monitor_suppression mon_sup_parse(const char *code);

/* The counts of one area in one window; CBS figures < 0 are unknown. */
struct mon_comp {
    double p, p15;                      /* CBS inhabitants, inhabitants 15+ */
    double cbs_age[MON_AGE_GROUPS];     /* CBS 15-24, 25-44, 45-64, 65+ */
    double act, contributions, top5;    /* contributors, their contributions, the top 5's */
    double act_age[MON_AGE_GROUPS];     /* contributors who gave that age group */
    double active, active_end, owned_end, idle_end; /* initiatives */
    double started, converted;          /* I3 cohort */
    double content, content_pro;        /* I5 */
    double dec_resident, dec_external;  /* I6 */
    double hours_delivered, hours_pledged; /* I7, tenths of an hour */
    double orgs, linked2;               /* I8a, I8b */
    double agreements;                  /* I9 */
    double skills_used, skills_registered; /* I10 */
    double initiators, first_initiators;   /* I11a */
    double exec_cohort, continued;      /* I12 */
    double ended, evaluated;            /* I13 */
};

/* One area's values in one quarter. */
struct mon_values {
    double num[MON_INDICATOR_COUNT], den[MON_INDICATOR_COUNT], value[MON_INDICATOR_COUNT];
    enum monitor_suppression sup[MON_INDICATOR_COUNT];
};

/* The formulas: every indicator of c into *v, suppressed as monitor.h says
 * (a suppressed area gets numerator and denominator 0). */
void mon_calc_values(const struct mon_comp *c, struct mon_values *v);

/* The phase of values v (MON_PHASE_UNKNOWN when I1 is suppressed for
 * inhabitants or contributors), its reasons appended to *reasons as lines
 * "code|arg|arg|arg". */
enum monitor_phase mon_calc_phase(const struct monitor_config *cfg, const struct mon_values *v,
                                  struct buf *reasons);

/* What the early warning compares: this quarter's values and the same
 * quarter a year earlier (prev NULL: none computed). */
struct mon_momentum {
    const struct mon_values *cur;
    const struct mon_values *prev;
    double active_end, idle_end; /* initiatives active at the window's end, idle among them */
};

/* The signals that fire, as lines "code|arg|arg" appended to *signals;
 * returns how many. */
int mon_calc_signals(const struct monitor_config *cfg, const struct mon_momentum *m,
                     struct buf *signals);

/* Whether a buurt is vulnerable by its low-income share (share and
 * national in %, < 0 unknown: not vulnerable by figures). */
bool mon_calc_low_income(const struct monitor_config *cfg, double share, double national);

/* Decodes lines written by mon_calc_phase / mon_calc_signals into reasons
 * with their msgids (from a); unknown codes are skipped. */
void mon_reasons_decode(struct arena *a, const char *text, struct monitor_reason **out, int *n);

/* The window of a quarter: "2025Q3" covers [start, end) with end the first
 * second after the quarter (or now, when the quarter is still running)
 * and start 365 days before end. */
struct mon_window {
    char quarter[MONITOR_QUARTER_MAX];
    int year;
    int64_t start, end;
    char start_date[11], end_date[11]; /* YYYY-MM-DD of start and end (UTC) */
    int64_t idle_from;                 /* end - idle_days */
};

/* The window of the quarter with index qi (year * 4 + quarter - 1). */
void mon_window_of(int qi, int64_t now, int idle_days, struct mon_window *w);
/* The quarter index of unix time t (UTC). */
int mon_quarter_index(int64_t t);
/* The name of quarter index qi: "2025Q3". */
void mon_quarter_name(int qi, char out[static MONITOR_QUARTER_MAX]);
/* Parses "2025Q3" into its index; false when malformed. */
bool mon_quarter_parse(const char *q, int *qi);

/* The areas one run writes, sorted by code, with their counts. */
struct mon_area {
    char *code;
    char kind;   /* 'b', 'w', 'g' */
    int parent;  /* index, -1: none (or outside the run) */
    struct mon_comp comp;
};

struct mon_set {
    struct mon_area *areas;
    int n;
    const char *gemeente; /* NULL: every area */
};

/* The index of code in set, -1 when absent. */
int mon_set_find(const struct mon_set *set, const char *code);

/* Runs every counting query for window w and adds the counts to the areas
 * of set (CBS figures excepted). Errors: db_fault's. */
enum err mon_sql_count(struct db *db, const struct mon_window *w, struct mon_set *set,
                       struct fault *f);

/* Counts quarter qi on db into set's areas (their CBS figures first, then
 * every count): what a counting job does, on a connection and a copy of
 * the areas of its own; it only reads what the run loaded. */
typedef enum err mon_count_fn(void *ctx, struct db *db, struct mon_set *set, int qi,
                              struct fault *f);
/* Stores counted quarter qi (comps: one per area of the run, in its
 * order); called on the calling thread, in the order of the quarters. */
typedef enum err mon_store_fn(void *ctx, int qi, const struct mon_comp *comps, struct fault *f);

/* Counts the n quarters qs on `jobs` connections (at most 16) opened on
 * url, in as many threads, while the calling thread stores them in order
 * with store (monitor_jobs.c); *used says how many. Leaves *used 0 and
 * does nothing when that cannot help or cannot be done (url NULL or an
 * in-memory database, jobs or n below 2, a connection that does not
 * open, no thread that starts): the caller then counts on its own
 * connection. Otherwise the
 * first error of a count or a store (the quarters before it are stored). */
enum err mon_jobs_run(const char *url, int jobs, const struct mon_set *set, const int *qs,
                      int n, mon_count_fn *count, mon_store_fn *store, void *ctx, int *used,
                      struct fault *f);

#endif
