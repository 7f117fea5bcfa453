/* Geography: the area table and its figures and boundaries, through db.h
 * only. Codes are checked before any query, list filters come from a fixed
 * table of statements (never from text), and pages are cut by keyset on the
 * code, so a page costs the same however deep the cursor is. */
#include "model/area.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "db/db.h"

enum { NAME_MAX_CHARS = 200, LIST_MAX = 500 };

static const char *const kind_names[] = {
    [AREA_GEMEENTE] = "gemeente",
    [AREA_WIJK] = "wijk",
    [AREA_BUURT] = "buurt",
};

const char *area_kind_name(enum area_kind k)
{
    if (k < AREA_GEMEENTE || k > AREA_BUURT)
        return "";
    return kind_names[k];
}

enum area_kind area_kind_parse(const char *s)
{
    for (int k = AREA_GEMEENTE; s && k <= AREA_BUURT; k++)
        if (strcmp(s, kind_names[k]) == 0)
            return (enum area_kind)k;
    return 0;
}

bool area_code_valid(const char *code, enum area_kind *kind)
{
    static const struct {
        char prefix[3];
        size_t len;
        enum area_kind kind;
    } forms[] = {{"GM", 6, AREA_GEMEENTE}, {"WK", 8, AREA_WIJK}, {"BU", 10, AREA_BUURT}};
    if (!code)
        return false;
    size_t n = strlen(code);
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        if (n != forms[i].len || strncmp(code, forms[i].prefix, 2) != 0)
            continue;
        for (size_t j = 2; j < n; j++)
            if (!((code[j] >= '0' && code[j] <= '9') || (code[j] >= 'A' && code[j] <= 'Z')))
                return false;
        if (kind)
            *kind = forms[i].kind;
        return true;
    }
    return false;
}

/* Writes the parent code implied by a valid wijk or buurt code: BU + 8 ->
 * WK + the first 6; WK + 6 -> GM + the first 4. */
static void implied_parent(const char *code, enum area_kind k, char out[static 11])
{
    size_t keep = k == AREA_BUURT ? 6 : 4;
    memcpy(out, k == AREA_BUURT ? "WK" : "GM", 2);
    memcpy(out + 2, code + 2, keep);
    out[2 + keep] = '\0';
}

const char *area_code_parent(struct arena *a, const char *code)
{
    enum area_kind k;
    char parent[11];
    if (!area_code_valid(code, &k) || k == AREA_GEMEENTE)
        return NULL;
    implied_parent(code, k, parent);
    return arena_strdup(a, parent);
}

static enum err bad_code(struct arena *a, const char *field, const char *code, struct fault *f)
{
    return fault_set(f, ERR_INVALID, field, "%s is not a CBS area code.",
                     a ? arena_strdup(a, code ? code : "") : code, NULL);
}

/* Reads columns code, kind, name, parent_code from col 0 of a row. */
static void read_area(struct db_stmt *st, struct arena *a, struct area *out)
{
    out->code = arena_strdup(a, db_col_text(st, 0));
    out->kind = area_kind_parse(db_col_text(st, 1));
    out->name = arena_strdup(a, db_col_text(st, 2));
    out->parent_code = arena_strdup(a, db_col_text(st, 3));
}

enum err area_get(struct db *db, struct arena *a, const char *code, struct area *out,
                  struct fault *f)
{
    if (!area_code_valid(code, NULL))
        return bad_code(a, "code", code, f);
    struct db_stmt *st =
        db_prepare(db, "SELECT code, kind, name, parent_code FROM area WHERE code = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, code);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        read_area(st, a, out);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_NOT_FOUND, "code", "Unknown area code %s.", arena_strdup(a, code),
                         NULL);
    return ERR_OK;
}

/* The list statements, one per combination of filters: [parent][kind]. The
 * cursor is always bound ("" sorts before every code). */
static const char *const list_sql[2][2] = {
    [0][0] = "SELECT code, kind, name, parent_code FROM area WHERE code > ? "
             "ORDER BY code LIMIT ?",
    [0][1] = "SELECT code, kind, name, parent_code FROM area WHERE code > ? AND kind = ? "
             "ORDER BY code LIMIT ?",
    [1][0] = "SELECT code, kind, name, parent_code FROM area WHERE code > ? "
             "AND parent_code = ? ORDER BY code LIMIT ?",
    [1][1] = "SELECT code, kind, name, parent_code FROM area WHERE code > ? "
             "AND parent_code = ? AND kind = ? ORDER BY code LIMIT ?",
};

static enum err check_filter(struct arena *a, const struct area_filter *flt, struct fault *f)
{
    if (flt->limit < 1 || flt->limit > LIST_MAX)
        return fault_set(f, ERR_INVALID, "limit", "The limit must be between 1 and 500.", NULL);
    if (flt->kind != 0 && (flt->kind < AREA_GEMEENTE || flt->kind > AREA_BUURT))
        return fault_set(f, ERR_INVALID, "kind", "Unknown kind of area.", NULL);
    if (flt->parent_code && !area_code_valid(flt->parent_code, NULL))
        return bad_code(a, "parent", flt->parent_code, f);
    if (flt->after && !area_code_valid(flt->after, NULL))
        return bad_code(a, "cursor", flt->after, f);
    return ERR_OK;
}

enum err area_list(struct db *db, struct arena *a, const struct area_filter *flt,
                   struct area_page *out, struct fault *f)
{
    memset(out, 0, sizeof *out);
    enum err e = check_filter(a, flt, f);
    if (e != ERR_OK)
        return e;
    struct db_stmt *st = db_prepare(db, list_sql[flt->parent_code != NULL][flt->kind != 0]);
    if (!st)
        return db_fault(db, f);
    int i = 1;
    db_bind_text(st, i++, flt->after ? flt->after : "");
    if (flt->parent_code)
        db_bind_text(st, i++, flt->parent_code);
    if (flt->kind)
        db_bind_text(st, i++, area_kind_name(flt->kind));
    db_bind_int(st, i, flt->limit + 1); /* one more tells whether a next page exists */
    out->items = arena_array(a, (size_t)flt->limit + 1, sizeof *out->items);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && out->n <= flt->limit)
        read_area(st, a, &out->items[out->n++]);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (out->n > flt->limit) {
        out->n = flt->limit;
        out->next = out->items[flt->limit - 1].code;
    }
    return ERR_OK;
}

/* A nullable column as a figure. */
static struct figure col_figure(struct db_stmt *st, int col)
{
    struct figure fig = {false, 0};
    if (!db_col_is_null(st, col)) {
        fig.known = true;
        fig.value = db_col_double(st, col);
    }
    return fig;
}

enum err area_figures_latest(struct db *db, struct arena *a, const char *code,
                             struct area_figures *out, bool *found, struct fault *f)
{
    memset(out, 0, sizeof *out);
    *found = false;
    if (!area_code_valid(code, NULL))
        return bad_code(a, "code", code, f);
    struct db_stmt *st = db_prepare(
        db, "SELECT year, inhabitants, age_0_15, age_15_25, age_25_45, age_45_65, age_65_plus, "
            "households, avg_household_size, income_per_inhabitant, low_income_share "
            "FROM area_figures WHERE area_code = ? ORDER BY year DESC LIMIT 1");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, code);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *found = true;
        out->year = (int)db_col_int(st, 0);
        struct figure *dst[] = {
            &out->inhabitants,     &out->age_0_15,           &out->age_15_25,
            &out->age_25_45,       &out->age_45_65,          &out->age_65_plus,
            &out->households,      &out->avg_household_size, &out->income_per_inhabitant,
            &out->low_income_share};
        for (int i = 0; i < (int)(sizeof dst / sizeof dst[0]); i++)
            *dst[i] = col_figure(st, i + 1);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* Grows an arena array of n used elements of size sz to hold one more;
 * *cap doubles, so filling it costs O(n) copies in all. */
static void *grow(struct arena *a, void *items, int n, int *cap, size_t sz)
{
    if (n < *cap)
        return items;
    *cap = *cap ? *cap * 2 : 16;
    void *grown = arena_array(a, (size_t)*cap, sz);
    if (n)
        memcpy(grown, items, (size_t)n * sz);
    return grown;
}

/* Fills in, for the children that have no figures in the newest year of the
 * whole table, the inhabitants of their own newest year: one query, run only
 * when such a child exists (an area that ceased to exist before the newest
 * import, or one without any figures). */
static enum err older_figures(struct db *db, const char *code, struct area_child *kids, int n,
                              const bool *missing, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT c.code, g.inhabitants FROM area c JOIN area_figures g "
            "ON g.area_code = c.code AND g.year = "
            "(SELECT MAX(h.year) FROM area_figures h WHERE h.area_code = c.code) "
            "WHERE c.parent_code = ? AND NOT EXISTS (SELECT 1 FROM area_figures x "
            "WHERE x.area_code = c.code AND x.year = (SELECT MAX(year) FROM area_figures))");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, code);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *child = db_col_text(st, 0);
        for (int i = 0; i < n; i++) {
            if (missing[i] && strcmp(kids[i].area.code, child) == 0) {
                kids[i].inhabitants = col_figure(st, 1);
                break;
            }
        }
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* A child's newest figures are nearly always those of the newest year in the
 * table (CBS publishes every area each year), so the main query joins that
 * one year, found once through area_figures_year_idx, instead of finding
 * each child's own newest year with a subquery per row. g.year tells a child
 * without a row in that year (older_figures) from one whose inhabitants are
 * unknown in it. */
enum err area_children(struct db *db, struct arena *a, const char *code, struct area_child **out,
                       int *n, struct fault *f)
{
    *out = NULL;
    *n = 0;
    if (!area_code_valid(code, NULL))
        return bad_code(a, "code", code, f);
    struct db_stmt *st =
        db_prepare(db, "SELECT c.code, c.kind, c.name, g.inhabitants, g.year FROM area c "
                       "LEFT JOIN area_figures g ON g.area_code = c.code "
                       "AND g.year = (SELECT MAX(year) FROM area_figures) "
                       "WHERE c.parent_code = ? ORDER BY c.name, c.code");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, code);
    const char *parent = arena_strdup(a, code); /* every child's parent_code */
    int cap = 0, missing_cap = 0;
    bool *missing = NULL, any_missing = false;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        *out = grow(a, *out, *n, &cap, sizeof **out);
        missing = grow(a, missing, *n, &missing_cap, sizeof *missing);
        struct area_child *c = &(*out)[*n];
        c->area =
            (struct area){arena_strdup(a, db_col_text(st, 0)), area_kind_parse(db_col_text(st, 1)),
                          arena_strdup(a, db_col_text(st, 2)), parent};
        c->inhabitants = col_figure(st, 3);
        missing[*n] = db_col_is_null(st, 4);
        any_missing |= missing[(*n)++];
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return any_missing ? older_figures(db, code, *out, *n, missing, f) : ERR_OK;
}

enum err area_boundary(struct db *db, struct arena *a, const char *code, const char **geojson,
                       struct fault *f)
{
    *geojson = NULL;
    if (!area_code_valid(code, NULL))
        return bad_code(a, "code", code, f);
    struct db_stmt *st = db_prepare(db, "SELECT geojson FROM area_boundary WHERE area_code = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, code);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *geojson = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static int outline_cmp(const void *x, const void *y)
{
    return strcmp(((const struct area_outline *)x)->code, ((const struct area_outline *)y)->code);
}

/* Sorted in C rather than by ORDER BY: PostgreSQL orders text by the
 * database's collation, and area_outline_find needs strcmp's order. */
enum err area_children_boundaries(struct db *db, struct arena *a, const char *code,
                                  struct area_outline **out, int *n, struct fault *f)
{
    *out = NULL;
    *n = 0;
    if (!area_code_valid(code, NULL))
        return bad_code(a, "code", code, f);
    struct db_stmt *st = db_prepare(db, "SELECT c.code, b.geojson FROM area c "
                                        "JOIN area_boundary b ON b.area_code = c.code "
                                        "WHERE c.parent_code = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, code);
    int cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        *out = grow(a, *out, *n, &cap, sizeof **out);
        (*out)[(*n)++] = (struct area_outline){arena_strdup(a, db_col_text(st, 0)),
                                               arena_strdup(a, db_col_text(st, 1))};
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (*n > 1)
        qsort(*out, (size_t)*n, sizeof **out, outline_cmp);
    return ERR_OK;
}

const char *area_outline_find(const struct area_outline *outlines, int n, const char *code)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        int c = strcmp(outlines[mid].code, code);
        if (c == 0)
            return outlines[mid].geojson;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The checks of area_upsert that need no database. */
static enum err check_area(const struct area *ar, struct fault *f)
{
    enum area_kind k;
    if (!area_code_valid(ar->code, &k))
        return bad_code(NULL, "code", ar->code, f);
    if (ar->kind != k)
        return fault_set(f, ERR_INVALID, "kind", "The kind of area does not match code %s.",
                         ar->code, NULL);
    size_t len = ar->name ? strlen(ar->name) : 0;
    if (len == 0 || !utf8_valid(ar->name, len) || utf8_has_controls(ar->name, len, false) ||
        utf8_count(ar->name, len) > NAME_MAX_CHARS)
        return fault_set(f, ERR_INVALID, "name",
                         "The name of area %s must be 1 to 200 characters of text.", ar->code,
                         NULL);
    if (k == AREA_GEMEENTE && ar->parent_code)
        return fault_set(f, ERR_INVALID, "parent", "A gemeente has no parent area.", NULL);
    if (k == AREA_GEMEENTE || !ar->parent_code)
        return ERR_OK;
    char implied[11];
    implied_parent(ar->code, k, implied);
    if (strcmp(ar->parent_code, implied) != 0)
        return fault_set(f, ERR_INVALID, "parent", "Area %s cannot have %s as its parent.",
                         ar->code, ar->parent_code, NULL);
    return ERR_OK;
}

enum err area_upsert(struct db *db, const struct area *ar, struct fault *f)
{
    enum err e = check_area(ar, f);
    if (e != ERR_OK)
        return e;
    /* The parent is implied by the code (check_area made sure a given one is
     * that one). */
    char parent[11];
    if (ar->kind != AREA_GEMEENTE)
        implied_parent(ar->code, ar->kind, parent);
    /* Only a changed name moves updated_at: a re-import that changes
     * nothing leaves the rows as they were. */
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO area (code, kind, name, parent_code, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
            "updated_at = excluded.updated_at WHERE area.name <> excluded.name");
    if (!st)
        return db_fault(db, f);
    int64_t now = clock_now();
    db_bind_text(st, 1, ar->code);
    db_bind_text(st, 2, area_kind_name(ar->kind));
    db_bind_text(st, 3, ar->name);
    db_bind_text(st, 4, ar->kind == AREA_GEMEENTE ? NULL : parent);
    db_bind_int(st, 5, now);
    db_bind_int(st, 6, now);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR && db_last_was_constraint(db))
        return fault_set(f, ERR_INVALID, "parent", "The parent area of %s does not exist.",
                         ar->code, NULL);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* Binds a figure: NULL when unknown, an integer for counts. */
static void bind_figure(struct db_stmt *st, int idx, struct figure fig, bool count)
{
    if (!fig.known)
        db_bind_null(st, idx);
    else if (count)
        db_bind_int(st, idx, (int64_t)llround(fig.value));
    else
        db_bind_double(st, idx, fig.value);
}

static enum err check_figures(const char *code, const struct area_figures *fig, struct fault *f)
{
    if (!area_code_valid(code, NULL))
        return bad_code(NULL, "code", code, f);
    if (fig->year < 1990 || fig->year > 2200)
        return fault_set(f, ERR_INVALID, "year", "The year must be between 1990 and 2200.", NULL);
    const struct figure *all[] = {
        &fig->inhabitants,     &fig->age_0_15,           &fig->age_15_25,
        &fig->age_25_45,       &fig->age_45_65,          &fig->age_65_plus,
        &fig->households,      &fig->avg_household_size, &fig->income_per_inhabitant,
        &fig->low_income_share};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (all[i]->known && !(all[i]->value >= 0 && all[i]->value < 1e15))
            return fault_set(f, ERR_INVALID, NULL, "A figure of area %s is out of range.", code,
                             NULL);
    return ERR_OK;
}

enum err area_figures_put(struct db *db, const char *code, const struct area_figures *fig,
                          struct fault *f)
{
    enum err e = check_figures(code, fig, f);
    if (e != ERR_OK)
        return e;
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO area_figures (area_code, year, inhabitants, age_0_15, age_15_25, "
            "age_25_45, age_45_65, age_65_plus, households, avg_household_size, "
            "income_per_inhabitant, low_income_share, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (area_code, year) DO UPDATE SET inhabitants = excluded.inhabitants, "
            "age_0_15 = excluded.age_0_15, age_15_25 = excluded.age_15_25, "
            "age_25_45 = excluded.age_25_45, age_45_65 = excluded.age_45_65, "
            "age_65_plus = excluded.age_65_plus, households = excluded.households, "
            "avg_household_size = excluded.avg_household_size, "
            "income_per_inhabitant = excluded.income_per_inhabitant, "
            "low_income_share = excluded.low_income_share, imported_at = excluded.imported_at");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, code);
    db_bind_int(st, 2, fig->year);
    const struct figure counts[] = {fig->inhabitants, fig->age_0_15,  fig->age_15_25,
                                    fig->age_25_45,   fig->age_45_65, fig->age_65_plus,
                                    fig->households};
    int idx = 3;
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        bind_figure(st, idx++, counts[i], true);
    bind_figure(st, idx++, fig->avg_household_size, false);
    bind_figure(st, idx++, fig->income_per_inhabitant, false);
    bind_figure(st, idx++, fig->low_income_share, false);
    db_bind_int(st, idx, clock_now());
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR && db_last_was_constraint(db))
        return fault_set(f, ERR_NOT_FOUND, "code", "Unknown area code %s.", code, NULL);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err area_figures_delete_year(struct db *db, int year, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "DELETE FROM area_figures WHERE year = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, year);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static bool bbox_valid(double min_lon, double min_lat, double max_lon, double max_lat)
{
    return min_lon >= -180 && max_lon <= 180 && min_lat >= -90 && max_lat <= 90 &&
           min_lon <= max_lon && min_lat <= max_lat;
}

enum err area_boundary_put(struct db *db, const char *code, const char *geojson, double min_lon,
                           double min_lat, double max_lon, double max_lat, struct fault *f)
{
    if (!area_code_valid(code, NULL))
        return bad_code(NULL, "code", code, f);
    if (!geojson || !*geojson || !bbox_valid(min_lon, min_lat, max_lon, max_lat))
        return fault_set(f, ERR_INVALID, "geometry", "The boundary of area %s is not valid.", code,
                         NULL);
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO area_boundary (area_code, geojson, min_lon, min_lat, max_lon, max_lat, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (area_code) DO UPDATE SET "
            "geojson = excluded.geojson, min_lon = excluded.min_lon, "
            "min_lat = excluded.min_lat, max_lon = excluded.max_lon, "
            "max_lat = excluded.max_lat, updated_at = excluded.updated_at");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, code);
    db_bind_text(st, 2, geojson);
    db_bind_double(st, 3, min_lon);
    db_bind_double(st, 4, min_lat);
    db_bind_double(st, 5, max_lon);
    db_bind_double(st, 6, max_lat);
    db_bind_int(st, 7, clock_now());
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR && db_last_was_constraint(db))
        return fault_set(f, ERR_NOT_FOUND, "code", "Unknown area code %s.", code, NULL);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}
