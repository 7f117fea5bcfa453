/* CBS import, part two: reads the file row by row through the CSV reader and
 * cbs_row_parse (cbs.c), checks what spans rows (a code twice, a parent that
 * is neither in the file nor in the database), and only then writes, in one
 * transaction: the year's figures go, areas are upserted parents first, the
 * file's figures are stored. A fault names the file's line and column. */
#include "model/cbs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/arena.h"
#include "core/csv.h"
#include "core/mem.h"
#include "db/db.h"

enum { PROGRESS_EVERY = 2000, YEAR_MIN = 1990, YEAR_MAX = 2200 };

struct rows {
    struct cbs_row *items; /* in file order */
    size_t n, cap;
    struct cbs_row **by_code; /* sorted by code, then line */
};

struct progress {
    cbs_progress_fn fn;
    void *ctx;
    uint64_t total;
};

static void report(const struct progress *p, enum cbs_phase phase, long rows, uint64_t done)
{
    if (p->fn)
        p->fn(p->ctx, phase, rows, done, p->total);
}

/* Copies the fault's args into the arena: a CSV reader's args die with it. */
static void keep_fault(struct arena *a, struct fault *f)
{
    if (!f)
        return;
    f->field = arena_strdup(a, f->field);
    for (int i = 0; i < FAULT_MAX_ARGS; i++)
        f->args[i] = arena_strdup(a, f->args[i]);
}

static enum err pick_year(const char *path, int year, int *out, struct fault *f)
{
    if (year == 0)
        year = cbs_year_from_path(path);
    if (year == 0)
        return fault_set(f, ERR_INVALID, "year", "Give the year with --year", NULL);
    if (year < YEAR_MIN || year > YEAR_MAX)
        return fault_set(f, ERR_INVALID, "year", "The year must be between 1990 and 2200.", NULL);
    *out = year;
    return ERR_OK;
}

static void rows_push(struct rows *rows, const struct cbs_row *row)
{
    if (rows->n == rows->cap) {
        rows->cap = rows->cap ? rows->cap * 2 : 256;
        rows->items = xrealloc(rows->items, rows->cap * sizeof *rows->items);
    }
    rows->items[rows->n++] = *row;
}

/* Reads the header and every row; area rows go into rows. */
static enum err read_rows(struct csv_reader *csv, struct cbs_result *res, struct rows *rows,
                          const struct progress *p, struct fault *f)
{
    struct csv_record rec;
    enum csv_rc rc = csv_next(csv, &rec, f);
    if (rc == CSV_END)
        return fault_set(f, ERR_INVALID, NULL, "The file is empty.", NULL);
    struct cbs_columns cols;
    enum err e = rc == CSV_ERROR ? (f ? f->code : ERR_INVALID)
                                 : cbs_columns_find(res->arena, &rec, &cols, f);
    while (e == ERR_OK && (rc = csv_next(csv, &rec, f)) == CSV_RECORD) {
        struct cbs_row row;
        e = cbs_row_parse(res->arena, &cols, &rec, &row, f);
        if (e != ERR_OK || row.status == CBS_ROW_BLANK)
            continue;
        res->rows++;
        if (row.status == CBS_ROW_SKIPPED)
            res->skipped++;
        else
            rows_push(rows, &row);
        if (res->rows % PROGRESS_EVERY == 0)
            report(p, CBS_READING, res->rows, csv_offset(csv));
    }
    if (e == ERR_OK && rc == CSV_ERROR)
        e = f ? f->code : ERR_INVALID;
    if (e != ERR_OK)
        keep_fault(res->arena, f);
    else
        report(p, CBS_READING, res->rows, csv_offset(csv));
    return e;
}

static int by_code_then_line(const void *x, const void *y)
{
    const struct cbs_row *a = *(struct cbs_row *const *)x, *b = *(struct cbs_row *const *)y;
    int c = strcmp(a->area.code, b->area.code);
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* The first row (lowest line) with this code, or NULL. */
static const struct cbs_row *find_code(const struct rows *rows, const char *code)
{
    size_t lo = 0, hi = rows->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(rows->by_code[mid]->area.code, code) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < rows->n && strcmp(rows->by_code[lo]->area.code, code) == 0 ? rows->by_code[lo]
                                                                           : NULL;
}

static enum err row_fault(struct arena *a, const struct cbs_row *row, const char *why,
                          struct fault *f)
{
    return fault_set(f, ERR_INVALID, row->code_column, "Line %s, column %s: %s",
                     arena_printf(a, "%ld", row->line), row->code_column, why, NULL);
}

/* A wijk or buurt's parent must be in the file or in the database. */
static enum err check_parent(struct db *db, struct arena *a, const struct rows *rows,
                             const struct cbs_row *row, struct fault *f)
{
    const char *parent = row->area.parent_code;
    if (!parent || find_code(rows, parent))
        return ERR_OK;
    struct area found;
    enum err e = area_get(db, a, parent, &found, f);
    if (e != ERR_NOT_FOUND)
        return e;
    return row_fault(a, row,
                     arena_printf(a, "the %s %s is neither in this file nor in the database.",
                                  row->area.kind == AREA_BUURT ? "wijk" : "gemeente", parent),
                     f);
}

/* Checks across rows, in file order so that the first problem is reported. */
static enum err check_rows(struct db *db, struct arena *a, struct rows *rows, struct fault *f)
{
    rows->by_code = xcalloc(rows->n ? rows->n : 1, sizeof *rows->by_code);
    for (size_t i = 0; i < rows->n; i++)
        rows->by_code[i] = &rows->items[i];
    qsort(rows->by_code, rows->n, sizeof *rows->by_code, by_code_then_line);
    for (size_t i = 0; i < rows->n; i++) {
        const struct cbs_row *row = &rows->items[i];
        const struct cbs_row *first = find_code(rows, row->area.code);
        if (first != row)
            return row_fault(a, row,
                             arena_printf(a, "the code %s appears twice (also on line %ld).",
                                          row->area.code, first->line),
                             f);
        enum err e = check_parent(db, a, rows, row, f);
        if (e != ERR_OK)
            return e;
    }
    return ERR_OK;
}

/* Writes areas parents first (gemeenten, wijken, buurten) with their figures. */
static enum err write_areas(struct db *db, struct cbs_result *res, const struct rows *rows,
                            const struct progress *p, struct fault *f)
{
    int *counts[] = {[AREA_GEMEENTE] = &res->gemeenten,
                     [AREA_WIJK] = &res->wijken,
                     [AREA_BUURT] = &res->buurten};
    long done = 0;
    for (int kind = AREA_GEMEENTE; kind <= AREA_BUURT; kind++) {
        for (size_t i = 0; i < rows->n; i++) {
            struct cbs_row *row = &rows->items[i];
            if ((int)row->area.kind != kind)
                continue;
            row->figures.year = res->year;
            enum err e = area_upsert(db, &row->area, f);
            if (e == ERR_OK)
                e = area_figures_put(db, row->area.code, &row->figures, f);
            if (e != ERR_OK)
                return e;
            (*counts[kind])++;
            if (++done % PROGRESS_EVERY == 0)
                report(p, CBS_WRITING, done, p->total);
        }
    }
    report(p, CBS_WRITING, done, p->total);
    return ERR_OK;
}

static enum err write_rows(struct db *db, struct cbs_result *res, const struct rows *rows,
                           const struct progress *p, struct fault *f)
{
    enum err e = db_begin(db, f);
    if (e != ERR_OK)
        return e;
    e = area_figures_delete_year(db, res->year, f);
    if (e == ERR_OK)
        e = write_areas(db, res, rows, p, f);
    if (e == ERR_OK)
        e = db_commit(db, f);
    else
        db_rollback(db);
    if (e != ERR_OK)
        res->gemeenten = res->wijken = res->buurten = 0;
    return e;
}

static uint64_t file_size(FILE *fp)
{
    struct stat st;
    if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    return (uint64_t)st.st_size;
}

enum err cbs_import(struct db *db, const char *path, int year, cbs_progress_fn progress, void *ctx,
                    struct cbs_result *res, struct fault *f)
{
    memset(res, 0, sizeof *res);
    res->arena = arena_new();
    enum err e = pick_year(path, year, &res->year, f);
    if (e != ERR_OK)
        return e;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return fault_set(f, ERR_NOT_FOUND, "file", "The file %s cannot be opened.",
                         arena_strdup(res->arena, path), NULL);
    struct progress p = {progress, ctx, file_size(fp)};
    struct rows rows = {0};
    struct csv_reader *csv = csv_open_file(fp, NULL);
    e = read_rows(csv, res, &rows, &p, f);
    csv_free(csv);
    fclose(fp);
    if (e == ERR_OK)
        e = check_rows(db, res->arena, &rows, f);
    if (e == ERR_OK)
        e = write_rows(db, res, &rows, &p, f);
    free(rows.items);
    free(rows.by_code);
    return e;
}

void cbs_result_free(struct cbs_result *res)
{
    if (!res)
        return;
    arena_free(res->arena);
    res->arena = NULL;
}
