/* The transition monitor (DESIGN.md §5; docs/monitor.md defines every
 * formula exactly): indicators I1-I14 per buurt per quarter over a rolling
 * 12 months, rolled up to wijk and gemeente, the transition phase of an
 * area with the reasons for it, and the early warning for a vulnerable
 * buurt whose momentum falls.
 *
 * Every value is stored as a numerator and a denominator with the time it
 * was computed (table monitor_value, migration 0019): value = numerator /
 * denominator x the indicator's scale. A wijk or gemeente sums its buurten's
 * numerators and denominators (never averages their values); the few parts
 * that do not add up (distinct organisations, the top five contributors,
 * the age groups of I14) are counted over the area's buurten at once.
 *
 * Suppression: an area with fewer than 50 inhabitants or fewer than 5
 * contributors in the window has no figures at all (value NULL with the
 * reason), so that no indicator lets anyone identify a person.
 *
 * Reading (monitor_series, monitor_area_summary, monitor_compare,
 * monitor_warning_get) only reads what monitor_run stored; it needs no
 * configuration. Strings in results come from the caller's arena. Names,
 * units, reasons and signals are msgids (English; translate at render),
 * with up to three "%s" args filled as struct fault's are. */
#ifndef WIJK_MODEL_MONITOR_H
#define WIJK_MODEL_MONITOR_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

/* The indicators in the order the pages show them. I8 and I11 have two
 * parts each (DESIGN.md lists two figures under one id). */
enum monitor_indicator {
    MON_I1_ACTIVATION,         /* "I1"   per 1,000 inhabitants 15+ */
    MON_I2_DENSITY,            /* "I2"   per 1,000 inhabitants */
    MON_I3_CONVERSION,         /* "I3"   % */
    MON_I4_OWNERSHIP,          /* "I4"   % (must be 100) */
    MON_I5_PRO_VOICE,          /* "I5"   % (lower is better) */
    MON_I6_AUTONOMY,           /* "I6"   % */
    MON_I7_RELIABILITY,        /* "I7"   % */
    MON_I8_ORGANISATIONS,      /* "I8a"  count of distinct organisations */
    MON_I8_BREADTH,            /* "I8b"  % */
    MON_I9_AGREEMENTS,         /* "I9"   count */
    MON_I10_SKILLS,            /* "I10"  % */
    MON_I11_RENEWAL,           /* "I11a" % */
    MON_I11_CONCENTRATION,     /* "I11b" % (lower is better) */
    MON_I12_CONTINUITY,        /* "I12"  % */
    MON_I13_LEARNING,          /* "I13"  % */
    MON_I14_REPRESENTATIVENESS, /* "I14" percentage points (lower is better) */
    MON_INDICATOR_COUNT
};

struct monitor_meta {
    const char *code;      /* "I1", "I8a", ...: stable, in URLs, CSV and JSON */
    const char *name;      /* msgid: "Activation" */
    const char *unit;      /* msgid: "per 1,000 inhabitants aged 15+", "%", ... */
    const char *unit_code; /* stable: "per_1000_15plus", "per_1000", "percent", "count", "points" */
    double scale;          /* value = numerator / denominator * scale */
    int decimals;          /* digits after the decimal point when shown */
    bool higher_is_better; /* false for I5, I11b, I14 */
};

/* The metadata of ind (a static table; never NULL for a valid ind; a bad
 * ind aborts). */
const struct monitor_meta *monitor_meta(enum monitor_indicator ind);

/* The indicator whose code is text ("I1", "i8a": case-insensitive). false
 * for anything else. */
bool monitor_indicator_parse(const char *text, enum monitor_indicator *out);

/* Why a figure is missing (stored in monitor_value.suppressed). */
enum monitor_suppression {
    MON_SHOWN = 0,           /* value is valid */
    MON_FEW_INHABITANTS,     /* fewer than MONITOR_MIN_INHABITANTS (or unknown) */
    MON_FEW_CONTRIBUTORS,    /* fewer than MONITOR_MIN_CONTRIBUTORS */
    MON_NO_DENOMINATOR,      /* nothing to divide by (no initiatives, no pledged hours, ...) */
    MON_NOT_AVAILABLE,       /* the data is not held (I14 without any age groups given) */
};

enum {
    MONITOR_MIN_INHABITANTS = 50,
    MONITOR_MIN_CONTRIBUTORS = 5,
    MONITOR_QUARTER_MAX = 8, /* "2025Q3" plus NUL */
};

/* The msgid of a suppression reason ("Suppressed: fewer than 50
 * inhabitants.", ...); NULL for MON_SHOWN. */
const char *monitor_suppression_msgid(enum monitor_suppression s);

/* One quarter of one indicator of one area. */
struct monitor_point {
    const char *quarter;       /* "2025Q3": the 12 months ending with that quarter */
    int64_t period_start;      /* unix seconds, inclusive: quarter end - 365 days */
    int64_t period_end;        /* unix seconds, exclusive: the end of the quarter (or the run's time) */
    enum monitor_suppression suppressed;
    double value;              /* meaningful only when suppressed == MON_SHOWN */
    double numerator;          /* 0 when suppressed for inhabitants/contributors */
    double denominator;
    int64_t computed_at;       /* unix seconds */
};

/* The quarters of one indicator of area_code, oldest first, into *pts (from
 * a, *n of them; 0 when nothing was computed yet). Errors: ERR_NOT_FOUND
 * (field "area") for an unknown area; db_fault's. */
enum err monitor_series(struct db *db, struct arena *a, const char *area_code,
                        enum monitor_indicator ind, struct monitor_point **pts, int *n,
                        struct fault *f);

enum monitor_phase {
    MON_PHASE_UNKNOWN = 0, /* no figures (suppressed) or never computed */
    MON_PHASE_PREDEVELOPMENT,
    MON_PHASE_TAKE_OFF,
    MON_PHASE_ACCELERATION,
    MON_PHASE_STABILISATION,
    MON_PHASE_COUNT
};

/* "unknown", "predevelopment", "take_off", "acceleration", "stabilisation". */
const char *monitor_phase_code(enum monitor_phase p);
/* msgid: "Predevelopment", "Take-off", ... */
const char *monitor_phase_name(enum monitor_phase p);

/* A reason for a phase, or a signal of the early warning: a msgid with up
 * to three args (numbers already formatted, "12.5"), as struct fault. */
struct monitor_reason {
    const char *code;  /* stable: "activation_down", "threshold_i1", ... */
    const char *msgid;
    const char *args[3];
};

struct monitor_warning {
    bool vulnerable;        /* by the figures or flagged */
    bool low_income;        /* low_income_share >= 1.5 x the national share */
    bool flagged;           /* by a municipality admin (monitor_flag_vulnerable) */
    const char *flag_reason; /* NULL unless flagged */
    double low_income_share; /* % of households; < 0: unknown */
    double national_share;   /* % of households; < 0: unknown */
    bool raised;            /* vulnerable and at least the configured number of signals */
    struct monitor_reason *signals; /* the momentum signals that fired */
    int nsignals;
    const char *quarter;    /* the quarter judged; NULL: never computed */
    int64_t computed_at;
};

struct monitor_summary {
    const char *area_code;
    const char *area_name;
    const char *area_kind;  /* "buurt", "wijk", "gemeente" */
    const char *quarter;    /* the latest computed quarter; NULL: never computed */
    int64_t computed_at;    /* 0: never computed */
    struct monitor_point latest[MON_INDICATOR_COUNT];
    enum monitor_phase phase;
    struct monitor_reason *reasons; /* why this phase */
    int nreasons;
    struct monitor_warning warning;  /* for a wijk/gemeente: raised if any buurt's is */
    int buurten_warned;              /* wijk/gemeente: buurten with a raised warning */
};

/* The latest quarter of area_code: values, phase with its reasons, the
 * early warning with its signals. An area never computed gives quarter NULL,
 * every point suppressed MON_NOT_AVAILABLE and phase MON_PHASE_UNKNOWN (not
 * an error). Errors: ERR_NOT_FOUND (field "area"); db_fault's. */
enum err monitor_area_summary(struct db *db, struct arena *a, const char *area_code,
                              struct monitor_summary *out, struct fault *f);

/* Only the early warning of area_code (cheaper; for the collective and
 * arena pages). Same errors as monitor_area_summary. */
enum err monitor_warning_get(struct db *db, struct arena *a, const char *area_code,
                             struct monitor_warning *out, struct fault *f);

struct monitor_compare_row {
    const char *code;
    const char *name;
    const char *quarter; /* NULL: never computed */
    struct monitor_point latest[MON_INDICATOR_COUNT];
    enum monitor_phase phase;
    bool warning_raised;
    bool vulnerable;
};

/* The buurten of wijk_code, by code, each with its latest values, phase and
 * warning. Errors: ERR_NOT_FOUND (field "area") for an unknown area,
 * ERR_INVALID (field "area") when it is not a wijk; db_fault's. */
enum err monitor_compare(struct db *db, struct arena *a, const char *wijk_code,
                         struct monitor_compare_row **rows, int *n, struct fault *f);

/* Thresholds of the phases and the early warning (docs/monitor.md lists
 * every key and its default; data/monitor.conf holds the defaults). */
struct monitor_config {
    /* phases: an area is in the highest phase whose every threshold it meets */
    double takeoff_i1, takeoff_i2;             /* activation, density */
    double accel_i1, accel_i2, accel_i3, accel_i9;
    double stab_i1, stab_i12, stab_i13, stab_i7;
    /* early warning */
    double vulnerable_factor;     /* 1.5: low-income share vs. the national share */
    double drop_i1;               /* activation down by at least this fraction: 0.10 */
    double idle_share;            /* 0.40 of active initiatives idle 90 days */
    int idle_days;                /* 90 */
    double hours_withdrawn;       /* delivered+open pledged hours down by this fraction: 0.20 */
    double voice_rise;            /* I5 up by this many points: 5 */
    double concentration;         /* I11b at least this %: 50 */
    int min_signals;              /* signals needed to raise the warning: 2 */
    double national_low_income;   /* % of households; 0: from the buurten's CBS figures */
};

/* The defaults (data/monitor.conf, embedded). */
void monitor_config_default(struct monitor_config *cfg);

/* Parses a configuration file's text ("key = value" lines, '#' comments)
 * over the defaults in *cfg. ERR_INVALID with the key (field) and line for
 * an unknown key, a value that is not a number or out of range. */
enum err monitor_config_parse(const char *text, struct monitor_config *cfg, struct fault *f);

struct monitor_run_result {
    int areas;         /* areas (buurten + roll-ups) written */
    int quarters;      /* quarters computed */
    int values;        /* indicator values written (16 per monitor_value row) */
    int warnings;      /* buurten with a raised warning in the latest quarter computed */
    int jobs;          /* connections the quarters were counted on (1: the run's own) */
    int64_t computed_at;
};

/* Called after each quarter of a run: done of total quarters. Returning
 * false stops the run there (what is stored stays; the run ends with
 * ERR_UNAVAILABLE): how a stopping server ends a long run. May be NULL. */
typedef bool monitor_progress_fn(void *ctx, int done, int total);

/* Computes and stores the indicators, phases and warnings. area_code NULL:
 * every area; else every area of that area's gemeente (the roll-ups need
 * them all). full: every quarter from the first data on (at most 15
 * years); otherwise only quarters never computed and the two latest (late
 * entries change those). cfg NULL: the defaults. now: the run's time (unix
 * seconds; the current quarter ends there). Writes one transaction per
 * quarter, of its own. Errors: ERR_NOT_FOUND (field "area") for an
 * unknown area; ERR_UNAVAILABLE when progress stopped it; db_fault's. */
enum err monitor_run(struct db *db, const struct monitor_config *cfg, const char *area_code,
                     bool full, int64_t now, monitor_progress_fn *progress, void *ctx,
                     struct monitor_run_result *res, struct fault *f);

/* The same run, counting on `jobs` connections of its own opened on
 * db_url, in as many threads, while db stores the quarters in order: the
 * stored result is the same. With db_url NULL, an in-memory database or
 * jobs below 2 it counts on db alone, as monitor_run. */
struct monitor_run_opts {
    const char *area_code;
    bool full;
    int64_t now;
    const char *db_url;
    int jobs;
    monitor_progress_fn *progress;
    void *ctx;
};
enum err monitor_run_with(struct db *db, const struct monitor_config *cfg,
                          const struct monitor_run_opts *o, struct monitor_run_result *res,
                          struct fault *f);

/* Flags (flagged true, reason 1..500 characters) or unflags a buurt as
 * vulnerable for the early warning; asks the policy (area.flag_vulnerable,
 * MEMBER: an admin of the buurt's gemeente) first and records the audit
 * entry in the same transaction. Takes effect at the next monitor_run for
 * the warning; monitor_warning_get shows the flag at once. Errors:
 * ERR_FORBIDDEN; ERR_NOT_FOUND / ERR_INVALID (field "area") for an unknown
 * or non-buurt code; ERR_INVALID (field "reason"); db_fault's. */
enum err monitor_flag_vulnerable(struct db *db, const struct actor *act, const char *buurt_code,
                                 bool flagged, const char *reason, struct fault *f);

/* The voluntary age group a person gave for the representativeness
 * indicator I14: "15_25", "25_45", "45_65", "65_plus", or NULL (none).
 * monitor_age_group_set with NULL or "" removes it; it is one's own
 * (act->person_id), audited privately. ERR_INVALID (field "age_group"). */
enum err monitor_age_group_get(struct db *db, struct arena *a, int64_t person_id,
                               const char **group, struct fault *f);
enum err monitor_age_group_set(struct db *db, const struct actor *act, const char *group,
                               struct fault *f);

/* The age groups as codes and msgids ("15 to 24 years", ...), n = 4. */
extern const char *const monitor_age_groups[4];
const char *monitor_age_group_name(const char *code);

#endif
