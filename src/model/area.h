/* Geography: gemeente -> wijk -> buurt, identified by CBS codes kept as
 * strings (GM0363, WK036301, BU03630101; since 2023 some contain letters),
 * with yearly key figures and an optional WGS84 boundary. */
#ifndef WIJK_MODEL_AREA_H
#define WIJK_MODEL_AREA_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct arena;
struct db;

enum area_kind { AREA_GEMEENTE = 1, AREA_WIJK, AREA_BUURT };

struct area {
    const char *code;
    enum area_kind kind;
    const char *name;
    const char *parent_code; /* NULL for a gemeente */
};

/* A figure that may be unknown (CBS's '.', empty, -99997, -99999999). */
struct figure {
    bool known;
    double value;
};

struct area_figures {
    int year;
    struct figure inhabitants;
    struct figure age_0_15, age_15_25, age_25_45, age_45_65, age_65_plus;
    struct figure households;
    struct figure avg_household_size;
    struct figure income_per_inhabitant; /* x 1,000 euro */
    struct figure low_income_share;      /* % of households */
};

/* "gemeente", "wijk", "buurt". */
const char *area_kind_name(enum area_kind k);
/* Parses a kind name; 0 when unknown. */
enum area_kind area_kind_parse(const char *s);

/* True when code is a well-formed CBS code: "GM" + 4, "WK" + 6 or "BU" + 8
 * characters from [0-9A-Z]; *kind (may be NULL) gets its kind. */
bool area_code_valid(const char *code, enum area_kind *kind);

/* The parent code implied by a code: BU03630101 -> WK036301 -> GM0363; NULL
 * for a gemeente. From the arena. */
const char *area_code_parent(struct arena *a, const char *code);

/* Loads one area. ERR_NOT_FOUND (with a message naming the code) when there
 * is none; ERR_INVALID for a malformed code. Strings come from the arena. */
enum err area_get(struct db *db, struct arena *a, const char *code, struct area *out,
                  struct fault *f);

struct area_filter {
    const char *parent_code; /* NULL: any */
    enum area_kind kind;     /* 0: any */
    const char *after;       /* cursor: list codes after this one, or NULL */
    int limit;               /* 1..500 */
};

struct area_page {
    struct area *items;
    int n;
    const char *next; /* cursor for the next page, NULL at the end */
};

/* Areas ordered by code. ERR_INVALID for a bad filter (limit out of range,
 * malformed parent or cursor). An unknown parent gives an empty page. */
enum err area_list(struct db *db, struct arena *a, const struct area_filter *flt,
                   struct area_page *out, struct fault *f);

/* The key figures of the newest year for which the area has any; *found is
 * false when it has none. */
enum err area_figures_latest(struct db *db, struct arena *a, const char *code,
                             struct area_figures *out, bool *found, struct fault *f);

/* The children of an area with their newest inhabitants figure, ordered by
 * name then code (for the list pages). *n gets the count. */
struct area_child {
    struct area area;
    struct figure inhabitants;
};
enum err area_children(struct db *db, struct arena *a, const char *code, struct area_child **out,
                       int *n, struct fault *f);

/* The area's boundary as GeoJSON geometry text (from the arena), or NULL
 * when it has none. */
enum err area_boundary(struct db *db, struct arena *a, const char *code, const char **geojson,
                       struct fault *f);

/* One child's boundary, for area_children_boundaries. */
struct area_outline {
    const char *code;    /* the child's code */
    const char *geojson; /* its GeoJSON geometry text */
};

/* The boundaries of all children of an area in one query, for the map of
 * its page: only children that have a boundary, ordered by code in byte
 * order (strcmp, whatever the database's collation), so that
 * area_outline_find can look one up. *n gets the count; everything comes
 * from the arena. ERR_INVALID for a malformed code; an unknown code or an
 * area without children gives none. */
enum err area_children_boundaries(struct db *db, struct arena *a, const char *code,
                                  struct area_outline **out, int *n, struct fault *f);

/* The geometry of code among the n outlines of area_children_boundaries
 * (ordered by code), or NULL when it has none. A binary search: no query. */
const char *area_outline_find(const struct area_outline *outlines, int n, const char *code);

/* Inserts or updates an area (name and parent); the caller holds a
 * transaction. ERR_INVALID for a bad code, a kind that does not match the
 * code, or a parent of the wrong kind. */
enum err area_upsert(struct db *db, const struct area *ar, struct fault *f);

/* Inserts or replaces the figures of one area for one year. */
enum err area_figures_put(struct db *db, const char *code, const struct area_figures *fig,
                          struct fault *f);

/* Removes every area's figures for a year (re-import replaces a year). */
enum err area_figures_delete_year(struct db *db, int year, struct fault *f);

/* Stores a validated boundary geometry with its bounding box. */
enum err area_boundary_put(struct db *db, const char *code, const char *geojson, double min_lon,
                           double min_lat, double max_lon, double max_lat, struct fault *f);

#endif
