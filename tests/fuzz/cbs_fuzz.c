/* libFuzzer target: arbitrary bytes through the CSV reader and the CBS
 * header and row parser, the pure half of the CBS import (no database).
 * Besides crashes and sanitizer reports it checks what the parsers promise,
 * and aborts when a promise is broken:
 * - every field is valid UTF-8 without NUL bytes, of the length reported;
 * - records start on non-decreasing lines;
 * - a parsed area has a valid code of its kind, the parent its code implies,
 *   a non-empty name without control characters, and only figures that are
 *   unknown or finite, non-negative, whole for counts and <= 100 for the
 *   low-income percentage;
 * - a rejected row carries a complete "Line %s, column %s: %s" fault. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/csv.h"
#include "core/utf8.h"
#include "model/area.h"
#include "model/cbs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
    fprintf(stderr, "cbs_fuzz: broken promise: %s\n", what);
    abort();
}

static void check_record(const struct csv_record *rec, long *last_line)
{
    if (rec->n == 0 || rec->line < *last_line)
        broken("record count or line order");
    *last_line = rec->line;
    for (size_t i = 0; i < rec->n; i++) {
        if (strlen(rec->fields[i]) != rec->lens[i])
            broken("field length");
        if (rec->lens[i] > 0 && !utf8_valid(rec->fields[i], rec->lens[i]))
            broken("field UTF-8");
    }
}

static void check_figure(struct figure fig, bool count, bool percent)
{
    if (!fig.known)
        return;
    if (!isfinite(fig.value) || fig.value < 0)
        broken("figure range");
    if (count && fig.value != floor(fig.value))
        broken("count not whole");
    if (percent && fig.value > 100)
        broken("percentage over 100");
}

static void check_row(struct arena *a, const struct cbs_row *row)
{
    enum area_kind kind;
    const struct area *ar = &row->area;
    if (!area_code_valid(ar->code, &kind) || kind != ar->kind)
        broken("code or kind");
    const char *parent = area_code_parent(a, ar->code);
    if ((parent == NULL) != (ar->parent_code == NULL) ||
        (parent && strcmp(parent, ar->parent_code) != 0))
        broken("parent code");
    size_t n = strlen(ar->name);
    if (n == 0 || !utf8_valid(ar->name, n) || utf8_has_controls(ar->name, n, false))
        broken("name");
    const struct area_figures *fg = &row->figures;
    const struct figure counts[] = {fg->inhabitants, fg->age_0_15,    fg->age_15_25, fg->age_25_45,
                                    fg->age_45_65,   fg->age_65_plus, fg->households};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        check_figure(counts[i], true, false);
    check_figure(fg->avg_household_size, false, false);
    check_figure(fg->income_per_inhabitant, false, false);
    check_figure(fg->low_income_share, false, true);
}

static void check_fault(const struct fault *f)
{
    if (f->code != ERR_INVALID || !f->msgid)
        broken("fault code or message");
    if (strcmp(f->msgid, "Line %s, column %s: %s") == 0 &&
        (!f->args[0] || !f->args[1] || !f->args[2]))
        broken("fault args");
}

static void parse_rows(struct arena *a, struct csv_reader *r, const struct cbs_columns *cols,
                       long *last_line)
{
    struct csv_record rec;
    struct fault f = {0};
    while (csv_next(r, &rec, &f) == CSV_RECORD) {
        check_record(&rec, last_line);
        struct cbs_row row;
        memset(&f, 0, sizeof f);
        if (cbs_row_parse(a, cols, &rec, &row, &f) != ERR_OK)
            check_fault(&f);
        else if (row.status == CBS_ROW_AREA)
            check_row(a, &row);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena *a = arena_new();
    /* Smaller bounds than the defaults keep each run fast; the code paths
     * are the same. */
    struct csv_options opt = {.max_field = 4096, .max_fields = 512, .max_record = 65536};
    struct csv_reader *r = csv_open_mem((const char *)data, size, &opt);
    struct csv_record rec;
    struct fault f = {0};
    long last_line = 1;
    if (csv_next(r, &rec, &f) == CSV_RECORD) {
        check_record(&rec, &last_line);
        struct cbs_columns cols;
        if (cbs_columns_find(a, &rec, &cols, &f) == ERR_OK)
            parse_rows(a, r, &cols, &last_line);
    }
    csv_free(r);
    arena_free(a);
    return 0;
}
