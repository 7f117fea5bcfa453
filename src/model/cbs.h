/* Import of CBS "Kerncijfers wijken en buurten" (StatLine tables 85984NED for
 * 2024, 85618NED for 2023, ...) from CSV as CBS publishes it: quoted,
 * space-padded fields, ';' or ',' separated, column keys such as
 * "AantalInwoners_5" whose numeric suffix changes from year to year, and
 * CBS's missing-value markers ('.', empty, -99995..-99998, -99997,
 * -99999999), which become unknown figures, never numbers.
 *
 * The import is all or nothing: rows are parsed and checked first (a pure
 * step, cbs_columns_find + cbs_row_parse, also used by the fuzz target), then
 * written in one transaction that first removes the year's figures, so a
 * re-import replaces the year. */
#ifndef WIJK_MODEL_CBS_H
#define WIJK_MODEL_CBS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "model/area.h"

struct arena;
struct csv_record;
struct db;

/* The figure columns, by their CBS key without the "_N" suffix. */
enum cbs_figure {
    CBS_INHABITANTS,   /* AantalInwoners */
    CBS_AGE_0_15,      /* k_0Tot15Jaar */
    CBS_AGE_15_25,     /* k_15Tot25Jaar */
    CBS_AGE_25_45,     /* k_25Tot45Jaar */
    CBS_AGE_45_65,     /* k_45Tot65Jaar */
    CBS_AGE_65_PLUS,   /* k_65JaarOfOuder */
    CBS_HOUSEHOLDS,    /* HuishoudensTotaal */
    CBS_AVG_HOUSEHOLD, /* GemiddeldeHuishoudensgrootte */
    CBS_INCOME,        /* GemiddeldInkomenPerInwoner (x 1,000 euro) */
    CBS_LOW_INCOME,    /* HuishoudensMetEenLaagInkomen (%) */
    CBS_FIGURE_COUNT
};

/* Where the columns are in the file: field indexes of the header record, -1
 * when the file lacks the column, and the header's own names (with their
 * suffix) for messages. */
struct cbs_columns {
    int region;        /* WijkenEnBuurten: the region's name (or code) */
    int gemeente_name; /* Gemeentenaam */
    int kind;          /* SoortRegio: Gemeente, Wijk, Buurt, Land... */
    int code;          /* Codering */
    int figure[CBS_FIGURE_COUNT];
    size_t nfields;     /* fields in the header */
    const char **names; /* nfields header names, trimmed */
};

/* Finds the columns in a header record, matching each key on the part before
 * a final "_digits" (case-sensitive; any suffix, or none). ERR_INVALID when
 * SoortRegio is missing, when neither Codering nor WijkenEnBuurten is there,
 * or when a key appears twice. Names come from the arena. */
enum err cbs_columns_find(struct arena *a, const struct csv_record *header,
                          struct cbs_columns *cols, struct fault *f);

enum cbs_row_status {
    CBS_ROW_AREA,    /* a gemeente, wijk or buurt: area and figures are set */
    CBS_ROW_SKIPPED, /* another kind of region (Land, ...): not imported */
    CBS_ROW_BLANK,   /* an empty line: ignored */
};

struct cbs_row {
    enum cbs_row_status status;
    long line;                   /* physical line where the record starts */
    struct area area;            /* parent_code from the code */
    struct area_figures figures; /* year is 0: the importer sets it */
    const char *code_column;     /* header name of the column that gave the code */
};

/* Parses and checks one data record, without touching a database. Values
 * are trimmed of spaces; the code comes from Codering, or from
 * WijkenEnBuurten when that is a code; the name from WijkenEnBuurten, else
 * (for a gemeente) Gemeentenaam, else the code. ERR_INVALID, with the msgid
 * "Line %s, column %s: %s" (line, header name of the column, reason), for a
 * record whose field count differs from the header's, a malformed code, a
 * kind that does not match the code, a name with control characters, a value
 * that is neither a number (',' or '.' as decimal separator) nor a missing
 * marker, a negative figure, a count that is not whole, a percentage over
 * 100. Strings, including the fault's args, come from the arena. */
enum err cbs_row_parse(struct arena *a, const struct cbs_columns *cols,
                       const struct csv_record *rec, struct cbs_row *row, struct fault *f);

/* The year in a file name: the first "20xx" not next to other digits in its
 * last path component ("kwb-2024.csv" -> 2024), or 0. */
int cbs_year_from_path(const char *path);

enum cbs_phase { CBS_READING, CBS_WRITING };

/* Progress for a terminal. While reading, rows_done counts data rows read and
 * bytes_done the bytes consumed of bytes_total (the file size, 0 when
 * unknown); while writing, rows_done counts areas written and bytes_done ==
 * bytes_total. Called every few thousand rows and at the end of each phase. */
typedef void (*cbs_progress_fn)(void *ctx, enum cbs_phase phase, long rows_done,
                                uint64_t bytes_done, uint64_t bytes_total);

struct cbs_result {
    int year; /* the year imported */
    int gemeenten, wijken, buurten;
    int skipped;         /* rows of other kinds of region (Land, ...) */
    long rows;           /* data rows read (blank lines not counted) */
    struct arena *arena; /* owns the fault's args; see cbs_result_free */
};

/* Imports the CSV file at path for year (1990..2200; 0: take it from the
 * file name, see cbs_year_from_path). Areas are upserted (name and parent);
 * the year's figures for every area are deleted and the file's stored, all
 * in one transaction (the caller holds none). progress may be NULL.
 *
 * Errors, after which nothing has changed: ERR_INVALID "Give the year with
 * --year" when there is no year; ERR_INVALID for a year out of range, a file
 * that is not a CBS table, any bad row (see cbs_row_parse), a code that
 * appears twice, a wijk or buurt whose parent is neither in the file nor in
 * the database (these name the line and column as cbs_row_parse does);
 * ERR_NOT_FOUND when the file cannot be opened; the database's errors.
 *
 * *res is always initialised; free it with cbs_result_free() once f has been
 * used, since f's args may live in res->arena. */
enum err cbs_import(struct db *db, const char *path, int year, cbs_progress_fn progress, void *ctx,
                    struct cbs_result *res, struct fault *f);

/* Frees what a result owns (its arena); the struct itself is the caller's. */
void cbs_result_free(struct cbs_result *res);

#endif
