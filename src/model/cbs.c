/* CBS import, part one: the pure parsing of a "Kerncijfers wijken en buurten"
 * CSV, header and rows, with no database (the fuzz target drives these).
 * Part two, the import itself (reading the file, the checks that span rows,
 * the one transaction), is in cbs_import.c. */
#include "model/cbs.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/csv.h"
#include "core/utf8.h"

enum { NAME_MAX_CHARS = 200, MAX_DIGITS = 15, SHOWN_VALUE_MAX = 40 };

enum figure_type { FIG_COUNT, FIG_DECIMAL, FIG_PERCENT };

static const struct {
    const char *key;
    enum figure_type type;
    size_t offset; /* of its struct figure in struct area_figures */
} figure_defs[CBS_FIGURE_COUNT] = {
    [CBS_INHABITANTS] = {"AantalInwoners", FIG_COUNT, offsetof(struct area_figures, inhabitants)},
    [CBS_AGE_0_15] = {"k_0Tot15Jaar", FIG_COUNT, offsetof(struct area_figures, age_0_15)},
    [CBS_AGE_15_25] = {"k_15Tot25Jaar", FIG_COUNT, offsetof(struct area_figures, age_15_25)},
    [CBS_AGE_25_45] = {"k_25Tot45Jaar", FIG_COUNT, offsetof(struct area_figures, age_25_45)},
    [CBS_AGE_45_65] = {"k_45Tot65Jaar", FIG_COUNT, offsetof(struct area_figures, age_45_65)},
    [CBS_AGE_65_PLUS] = {"k_65JaarOfOuder", FIG_COUNT, offsetof(struct area_figures, age_65_plus)},
    [CBS_HOUSEHOLDS] = {"HuishoudensTotaal", FIG_COUNT, offsetof(struct area_figures, households)},
    [CBS_AVG_HOUSEHOLD] = {"GemiddeldeHuishoudensgrootte", FIG_DECIMAL,
                           offsetof(struct area_figures, avg_household_size)},
    [CBS_INCOME] = {"GemiddeldInkomenPerInwoner", FIG_DECIMAL,
                    offsetof(struct area_figures, income_per_inhabitant)},
    [CBS_LOW_INCOME] = {"HuishoudensMetEenLaagInkomen", FIG_PERCENT,
                        offsetof(struct area_figures, low_income_share)},
};

/* CBS's markers for a value that is unknown, secret or cannot occur. */
static const char *const missing_markers[] = {
    "", ".", "-99995", "-99996", "-99997", "-99998", "-99999999",
};

static const char *const kind_labels[] = {
    [AREA_GEMEENTE] = "Gemeente",
    [AREA_WIJK] = "Wijk",
    [AREA_BUURT] = "Buurt",
};

/* A copy of s[0..n) without leading and trailing spaces and tabs. */
static char *trim_copy(struct arena *a, const char *s, size_t n)
{
    while (n > 0 && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return arena_strndup(a, s, n);
}

/* True when a header name is key, with or without a "_digits" suffix. */
static bool key_matches(const char *name, const char *key)
{
    size_t n = strlen(name);
    const char *us = strrchr(name, '_');
    if (us && us[1] != '\0' && strspn(us + 1, "0123456789") == strlen(us + 1))
        n = (size_t)(us - name);
    return strlen(key) == n && strncmp(name, key, n) == 0;
}

static enum err column_twice(struct arena *a, long line, const char *name, struct fault *f)
{
    return fault_set(f, ERR_INVALID, name, "Line %s, column %s: %s", arena_printf(a, "%ld", line),
                     name, "the column appears twice.", NULL);
}

/* Points *slot at column i when name matches key. False for a second match. */
static bool claim(int *slot, int i, const char *name, const char *key)
{
    if (!key_matches(name, key))
        return true;
    if (*slot >= 0)
        return false;
    *slot = i;
    return true;
}

static bool claim_column(struct cbs_columns *c, int i, const char *name)
{
    bool ok = claim(&c->region, i, name, "WijkenEnBuurten") &&
              claim(&c->gemeente_name, i, name, "Gemeentenaam") &&
              claim(&c->kind, i, name, "SoortRegio") && claim(&c->code, i, name, "Codering");
    for (int k = 0; ok && k < CBS_FIGURE_COUNT; k++)
        ok = claim(&c->figure[k], i, name, figure_defs[k].key);
    return ok;
}

enum err cbs_columns_find(struct arena *a, const struct csv_record *header,
                          struct cbs_columns *cols, struct fault *f)
{
    memset(cols, 0, sizeof *cols);
    cols->region = cols->gemeente_name = cols->kind = cols->code = -1;
    for (int k = 0; k < CBS_FIGURE_COUNT; k++)
        cols->figure[k] = -1;
    cols->nfields = header->n;
    cols->names = arena_array(a, header->n, sizeof *cols->names);
    for (size_t i = 0; i < header->n; i++) {
        cols->names[i] = trim_copy(a, header->fields[i], header->lens[i]);
        if (!claim_column(cols, (int)i, cols->names[i]))
            return column_twice(a, header->line, cols->names[i], f);
    }
    const char *missing = cols->kind < 0                       ? "SoortRegio"
                          : cols->code < 0 && cols->region < 0 ? "Codering"
                                                               : NULL;
    if (missing)
        return fault_set(f, ERR_INVALID, NULL,
                         "The file has no column %s; is it a CBS table of key figures of "
                         "wijken and buurten?",
                         missing, NULL);
    return ERR_OK;
}

static enum err row_fail(struct arena *a, long line, const char *column, const char *why,
                         struct fault *f)
{
    return fault_set(f, ERR_INVALID, column, "Line %s, column %s: %s", arena_printf(a, "%ld", line),
                     column, why, NULL);
}

/* The trimmed value of column i, "" when the file has no such column. */
static char *value(struct arena *a, const struct csv_record *rec, int i)
{
    if (i < 0)
        return arena_strdup(a, "");
    return trim_copy(a, rec->fields[i], rec->lens[i]);
}

/* A value for a message: quoted, or a description when it is too long. */
static const char *shown(struct arena *a, const char *v)
{
    if (strlen(v) > SHOWN_VALUE_MAX)
        return "the value";
    return arena_printf(a, "\"%s\"", v);
}

static bool is_missing(const char *v)
{
    for (size_t i = 0; i < sizeof missing_markers / sizeof missing_markers[0]; i++)
        if (strcmp(v, missing_markers[i]) == 0)
            return true;
    return false;
}

/* Parses "12", "-3", "3,5" or "3.5" (',' or '.' as the decimal separator, at
 * most 15 digits before it). *whole tells whether the fraction is zero. */
static bool parse_number(const char *s, double *out, bool *whole)
{
    bool neg = *s == '-';
    s += neg;
    double v = 0, scale = 1;
    int digits = 0;
    for (; *s >= '0' && *s <= '9'; s++, digits++) {
        if (digits == MAX_DIGITS)
            return false;
        v = v * 10 + (*s - '0');
    }
    if (digits == 0)
        return false;
    *whole = true;
    if (*s == ',' || *s == '.') {
        if (!(s[1] >= '0' && s[1] <= '9'))
            return false;
        for (s++; *s >= '0' && *s <= '9'; s++) {
            scale /= 10;
            v += (*s - '0') * scale;
            *whole = *whole && *s == '0';
        }
    }
    *out = neg ? -v : v;
    return *s == '\0';
}

/* Parses one figure column into *fig; the reason for a bad value in *why. */
static bool parse_figure(struct arena *a, const char *v, enum figure_type type, struct figure *fig,
                         const char **why)
{
    fig->known = false;
    fig->value = 0;
    if (is_missing(v))
        return true;
    double d;
    bool whole;
    if (!parse_number(v, &d, &whole))
        *why = arena_printf(a, "%s is not a number.", shown(a, v));
    else if (d < 0)
        *why = arena_printf(a, "%s is negative.", shown(a, v));
    else if (type == FIG_COUNT && !whole)
        *why = arena_printf(a, "%s is not a whole number.", shown(a, v));
    else if (type == FIG_PERCENT && d > 100)
        *why = arena_printf(a, "%s is more than 100 percent.", shown(a, v));
    else {
        fig->known = true;
        fig->value = d;
        return true;
    }
    return false;
}

static enum area_kind parse_kind(const char *v)
{
    for (int k = AREA_GEMEENTE; k <= AREA_BUURT; k++)
        if (strcasecmp(v, kind_labels[k]) == 0)
            return (enum area_kind)k;
    return 0;
}

/* Fills code and code_column, from Codering, or from WijkenEnBuurten when
 * that holds a code. */
static enum err row_code(struct arena *a, const struct cbs_columns *cols,
                         const struct csv_record *rec, struct cbs_row *row, struct fault *f)
{
    const char *code = value(a, rec, cols->code);
    row->code_column = cols->code >= 0 ? cols->names[cols->code] : cols->names[cols->region];
    if (!*code && cols->region >= 0) {
        const char *region = value(a, rec, cols->region);
        if (area_code_valid(region, NULL)) {
            code = region;
            row->code_column = cols->names[cols->region];
        }
    }
    if (!*code)
        return row_fail(a, rec->line, row->code_column, "the code is missing.", f);
    if (!area_code_valid(code, NULL))
        return row_fail(a, rec->line, row->code_column,
                        arena_printf(a,
                                     "%s is not a CBS code (GM, WK or BU and 4, 6 or 8 digits "
                                     "or capitals).",
                                     shown(a, code)),
                        f);
    row->area.code = code;
    return ERR_OK;
}

/* Fills the name: WijkenEnBuurten unless it is a code, else the gemeente's
 * name for a gemeente, else the code. */
static enum err row_name(struct arena *a, const struct cbs_columns *cols,
                         const struct csv_record *rec, struct cbs_row *row, struct fault *f)
{
    const char *name = value(a, rec, cols->region);
    const char *column = cols->region >= 0 ? cols->names[cols->region] : row->code_column;
    if ((!*name || area_code_valid(name, NULL)) && row->area.kind == AREA_GEMEENTE) {
        name = value(a, rec, cols->gemeente_name);
        if (cols->gemeente_name >= 0)
            column = cols->names[cols->gemeente_name];
    } else if (area_code_valid(name, NULL)) {
        name = "";
    }
    if (!*name)
        name = row->area.code;
    size_t n = strlen(name);
    if (utf8_has_controls(name, n, false))
        return row_fail(a, rec->line, column, "the name contains control characters.", f);
    if (utf8_count(name, n) > NAME_MAX_CHARS)
        return row_fail(a, rec->line, column, "the name is longer than 200 characters.", f);
    row->area.name = name;
    return ERR_OK;
}

static enum err row_figures(struct arena *a, const struct cbs_columns *cols,
                            const struct csv_record *rec, struct cbs_row *row, struct fault *f)
{
    for (int k = 0; k < CBS_FIGURE_COUNT; k++) {
        struct figure *fig = (struct figure *)((char *)&row->figures + figure_defs[k].offset);
        const char *why = NULL;
        if (!parse_figure(a, value(a, rec, cols->figure[k]), figure_defs[k].type, fig, &why))
            return row_fail(a, rec->line, cols->names[cols->figure[k]], why, f);
    }
    return ERR_OK;
}

/* Checks the field count: a short or long row is one the header does not
 * describe. */
static enum err row_width(struct arena *a, const struct cbs_columns *cols,
                          const struct csv_record *rec, struct fault *f)
{
    if (rec->n == cols->nfields)
        return ERR_OK;
    const char *column =
        rec->n < cols->nfields ? cols->names[rec->n] : arena_printf(a, "%zu", cols->nfields + 1);
    return row_fail(
        a, rec->line, column,
        arena_printf(a, "the row has %zu fields, the header %zu.", rec->n, cols->nfields), f);
}

enum err cbs_row_parse(struct arena *a, const struct cbs_columns *cols,
                       const struct csv_record *rec, struct cbs_row *row, struct fault *f)
{
    memset(row, 0, sizeof *row);
    row->line = rec->line;
    if (rec->n == 1 && rec->lens[0] == 0 && cols->nfields > 1) {
        row->status = CBS_ROW_BLANK;
        return ERR_OK;
    }
    enum err e = row_width(a, cols, rec, f);
    if (e != ERR_OK)
        return e;
    const char *label = value(a, rec, cols->kind);
    enum area_kind kind = parse_kind(label), code_kind;
    if (!kind) {
        row->status = CBS_ROW_SKIPPED;
        return ERR_OK;
    }
    row->status = CBS_ROW_AREA;
    row->area.kind = kind;
    if ((e = row_code(a, cols, rec, row, f)) != ERR_OK)
        return e;
    area_code_valid(row->area.code, &code_kind);
    if (code_kind != kind)
        return row_fail(a, rec->line, cols->names[cols->kind],
                        arena_printf(a, "the kind %s does not match the code %s.", shown(a, label),
                                     row->area.code),
                        f);
    row->area.parent_code = area_code_parent(a, row->area.code);
    if ((e = row_name(a, cols, rec, row, f)) != ERR_OK)
        return e;
    return row_figures(a, cols, rec, row, f);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int cbs_year_from_path(const char *path)
{
    const char *s = strrchr(path, '/');
    s = s ? s + 1 : path;
    for (size_t i = 0; s[i]; i++) {
        /* Each test reads s[i + k] only after s[i + k - 1] was a digit. */
        if (s[i] == '2' && s[i + 1] == '0' && is_digit(s[i + 2]) && is_digit(s[i + 3]) &&
            !is_digit(s[i + 4]) && (i == 0 || !is_digit(s[i - 1])))
            return 2000 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
    }
    return 0;
}
