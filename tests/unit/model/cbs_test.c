/* Tests of the CBS import (src/model/cbs.c, cbs_import.c): the pure row
 * parser, and whole imports of the CBS-shaped files in tests/data/cbs into
 * an in-memory database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/csv.h"
#include "db/db.h"
#include "model/area.h"
#include "model/cbs.h"
#include "model_testing.h"

/* The header of the 2024 test files. */
#define HEADER                                                                                     \
    "\"ID\";\"WijkenEnBuurten\";\"Gemeentenaam_1\";\"SoortRegio_2\";\"Codering_3\";"               \
    "\"AantalInwoners_5\";\"k_0Tot15Jaar_8\";\"k_15Tot25Jaar_9\";\"k_25Tot45Jaar_10\";"            \
    "\"k_45Tot65Jaar_11\";\"k_65JaarOfOuder_12\";\"HuishoudensTotaal_29\";"                        \
    "\"GemiddeldeHuishoudensgrootte_33\";\"GemiddeldInkomenPerInwoner_83\";"                       \
    "\"HuishoudensMetEenLaagInkomen_89\"\r\n"
#define GM_ROW                                                                                     \
    "1;\"Alkmaar   \";\"Alkmaar  \";\"Gemeente  \";\"GM0361    \";111519;17021;13218;"             \
    "27693;30128;23459;52606;\"2,1\";\"33,9\";\"7,8\"\r\n"
#define WK_ROW                                                                                     \
    "2;\"Zuid\";\"Alkmaar\";\"Wijk      \";\"WK036101  \";14510;2119;1750;3541;3977;"              \
    "3123;6987;\"2,1\";\"31,8\";\"9,4\"\r\n"

struct fixture {
    struct db *db;
    struct arena *a;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    fx->db = mt_open_db();
    fx->a = arena_new();
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    db_close(fx->db);
    arena_free(fx->a);
    free(fx);
    return 0;
}

/* Imports tests/data/cbs/name; the result is freed, the fault's args are
 * copied into the fixture's arena. */
static enum err import_data(struct fixture *fx, const char *name, int year, struct cbs_result *res,
                            struct fault *f)
{
    char *rel = arena_printf(fx->a, "tests/data/cbs/%s", name);
    char *path = mt_source_path(rel);
    enum err e = cbs_import(fx->db, path, year, NULL, NULL, res, f);
    for (int i = 0; i < FAULT_MAX_ARGS; i++)
        f->args[i] = arena_strdup(fx->a, f->args[i]);
    f->field = arena_strdup(fx->a, f->field);
    cbs_result_free(res);
    free(path);
    return e;
}

/* Imports text written to a temporary file called name. */
static enum err import_text(struct fixture *fx, const char *name, const char *text, int year,
                            struct cbs_result *res, struct fault *f)
{
    char *path = mt_write_temp(name, text, 0);
    enum err e = cbs_import(fx->db, path, year, NULL, NULL, res, f);
    for (int i = 0; i < FAULT_MAX_ARGS; i++)
        f->args[i] = arena_strdup(fx->a, f->args[i]);
    f->field = arena_strdup(fx->a, f->field);
    cbs_result_free(res);
    mt_remove(path);
    return e;
}

static void expect_line_column(const struct fault *f, const char *line, const char *column,
                               const char *why_part)
{
    assert_int_equal(f->code, ERR_INVALID);
    assert_string_equal(f->msgid, "Line %s, column %s: %s");
    assert_string_equal(f->args[0], line);
    assert_string_equal(f->args[1], column);
    if (!strstr(f->args[2], why_part))
        fail_msg("reason \"%s\" lacks \"%s\"", f->args[2], why_part);
}

static char *dump_all(struct db *db)
{
    char *areas = mt_dump(db, "SELECT code, kind, name, parent_code FROM area ORDER BY code");
    char *figs = mt_dump(db, "SELECT area_code, year, inhabitants, age_0_15, age_15_25, "
                             "age_25_45, age_45_65, age_65_plus, households, "
                             "avg_household_size, income_per_inhabitant, low_income_share "
                             "FROM area_figures ORDER BY area_code, year");
    size_t n = strlen(areas) + strlen(figs) + 1;
    char *all = malloc(n);
    snprintf(all, n, "%s%s", areas, figs);
    free(areas);
    free(figs);
    return all;
}

static void test_cbs_imports_semicolon_file(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    assert_int_equal(import_data(fx, "kwb-2024-alkmaar.csv", 0, &res, &f), ERR_OK);
    assert_int_equal(res.year, 2024);
    assert_int_equal(res.gemeenten, 1);
    assert_int_equal(res.wijken, 8);
    assert_int_equal(res.buurten, 6);
    assert_int_equal(res.skipped, 1);
    assert_int_equal(res.rows, 16);
    struct area ar;
    assert_int_equal(area_get(fx->db, fx->a, "WK036107", &ar, &f), ERR_OK);
    assert_string_equal(ar.name, "Daalmeer/Koedijk");
    assert_string_equal(ar.parent_code, "GM0361");
    assert_int_equal(area_get(fx->db, fx->a, "BU03610801", &ar, &f), ERR_OK);
    assert_string_equal(ar.name, "Binnenstad");
    assert_string_equal(ar.parent_code, "WK036108");
    struct area_figures fig;
    bool found;
    assert_int_equal(area_figures_latest(fx->db, fx->a, "WK036101", &fig, &found, &f), ERR_OK);
    assert_true(found);
    assert_int_equal(fig.year, 2024);
    assert_true(fig.inhabitants.value == 14510);
    assert_true(fig.age_65_plus.value == 3123);
    assert_true(fig.households.value == 6987);
    assert_true(fig.avg_household_size.value == 2.1);
    assert_true(fig.income_per_inhabitant.value == 31.8);
    assert_true(fig.low_income_share.value == 9.4);
}

static void test_cbs_trims_padded_fields(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    assert_int_equal(import_data(fx, "kwb-2024-alkmaar.csv", 0, &res, &f), ERR_OK);
    char *name = mt_text(fx->db, "SELECT name FROM area WHERE code = 'GM0361'");
    assert_string_equal(name, "Alkmaar");
    free(name);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area WHERE name LIKE '% ' "
                                    "OR code LIKE '% '"),
                     0);
}

static void test_cbs_skips_land_rows(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    assert_int_equal(import_data(fx, "kwb-2024-alkmaar.csv", 0, &res, &f), ERR_OK);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area WHERE code LIKE 'NL%' "
                                    "OR name = 'Nederland'"),
                     0);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area"), 15);
}

/* The same rows as ',' with decimal points, or with a byte order mark, give
 * exactly the same data as the ';' file. */
static void test_cbs_comma_and_bom_files_give_the_same_data(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    assert_int_equal(import_data(fx, "kwb-2024-alkmaar.csv", 0, &res, &f), ERR_OK);
    char *want = dump_all(fx->db);
    const char *others[] = {"kwb-2024-alkmaar-comma.csv", "kwb-2024-alkmaar-bom.csv"};
    for (int i = 0; i < 2; i++) {
        struct fixture other = {mt_open_db(), fx->a};
        assert_int_equal(import_data(&other, others[i], 0, &res, &f), ERR_OK);
        assert_int_equal(res.wijken, 8);
        char *got = dump_all(other.db);
        assert_string_equal(got, want);
        free(got);
        db_close(other.db);
    }
    free(want);
}

static void test_cbs_stores_every_missing_marker_as_null(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    assert_int_equal(import_data(fx, "kwb-2024-missing.csv", 0, &res, &f), ERR_OK);
    assert_int_equal(res.buurten, 7);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_figures WHERE area_code LIKE 'BU%' "
                                    "AND inhabitants IS NULL AND age_0_15 IS NULL "
                                    "AND age_15_25 IS NULL AND age_25_45 IS NULL "
                                    "AND age_45_65 IS NULL AND age_65_plus IS NULL "
                                    "AND households IS NULL AND avg_household_size IS NULL "
                                    "AND income_per_inhabitant IS NULL "
                                    "AND low_income_share IS NULL"),
                     7);
    struct area_figures fig;
    bool found;
    assert_int_equal(area_figures_latest(fx->db, fx->a, "BU03610105", &fig, &found, &f), ERR_OK);
    assert_true(found);
    assert_false(fig.inhabitants.known);
    assert_false(fig.income_per_inhabitant.known);
}

static void test_cbs_recognises_suffixes_of_another_year(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    assert_int_equal(import_data(fx, "kwb-2023-alkmaar.csv", 0, &res, &f), ERR_OK);
    assert_int_equal(res.year, 2023);
    assert_int_equal(mt_int(fx->db, "SELECT households FROM area_figures "
                                    "WHERE area_code = 'GM0361' AND year = 2023"),
                     52606);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_figures WHERE year = 2023 AND "
                                    "avg_household_size IS NOT NULL AND low_income_share "
                                    "IS NOT NULL AND income_per_inhabitant IS NOT NULL"),
                     3);
}

static void test_cbs_bad_row_imports_nothing_and_names_line_and_column(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    assert_int_equal(import_data(fx, "kwb-2024-bad-value.csv", 0, &res, &f), ERR_INVALID);
    expect_line_column(&f, "6", "AantalInwoners_5", "\"12.5OO\" is not a number");
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area"), 0);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_figures"), 0);
}

static void test_cbs_bad_file_keeps_the_year_already_there(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    assert_int_equal(import_data(fx, "kwb-2024-alkmaar.csv", 0, &res, &f), ERR_OK);
    char *before = dump_all(fx->db);
    assert_int_equal(import_data(fx, "kwb-2024-bad-value.csv", 0, &res, &f), ERR_INVALID);
    char *after = dump_all(fx->db);
    assert_string_equal(after, before);
    free(before);
    free(after);
}

static void test_cbs_reimport_replaces_the_year(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    assert_int_equal(import_data(fx, "kwb-2023-alkmaar.csv", 0, &res, &f), ERR_OK);
    assert_int_equal(import_data(fx, "kwb-2024-alkmaar.csv", 0, &res, &f), ERR_OK);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_figures WHERE year = 2024"), 15);
    const char *text = HEADER "1;\"Alkmaar\";\"Alkmaar\";\"Gemeente\";\"GM0361\";120000;"
                              ".;.;.;.;.;.;.;.;.\r\n" WK_ROW;
    assert_int_equal(import_text(fx, "kwb-2024-v2.csv", text, 0, &res, &f), ERR_OK);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_figures WHERE year = 2024"), 2);
    assert_int_equal(mt_int(fx->db, "SELECT inhabitants FROM area_figures "
                                    "WHERE area_code = 'GM0361' AND year = 2024"),
                     120000);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_figures WHERE year = 2023"), 3);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area"), 15);
}

static void test_cbs_accepts_letter_codes(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    assert_int_equal(import_data(fx, "kwb-2024-amsterdam-letters.csv", 0, &res, &f), ERR_OK);
    assert_int_equal(res.wijken, 2);
    assert_int_equal(res.buurten, 2);
    struct area ar;
    assert_int_equal(area_get(fx->db, fx->a, "BU0363AF01", &ar, &f), ERR_OK);
    assert_string_equal(ar.parent_code, "WK0363AF");
    assert_string_equal(ar.name, "Westelijke Eilanden");
    assert_int_equal(area_get(fx->db, fx->a, "WK0363AF", &ar, &f), ERR_OK);
    assert_string_equal(ar.name, "Jordaan");
}

static void test_cbs_rejects_buurt_without_its_wijk(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    const char *text = HEADER GM_ROW "2;\"Nollen\";\"Alkmaar\";\"Buurt\";\"BU03610103\";3075;"
                                     "399;380;761;860;675;1517;\"2,0\";\"30,4\";\"10,6\"\r\n";
    assert_int_equal(import_text(fx, "kwb-2024.csv", text, 0, &res, &f), ERR_INVALID);
    expect_line_column(&f, "3", "Codering_3", "WK036101 is neither in this file nor in the");
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area"), 0);
}

static void test_cbs_accepts_buurt_whose_wijk_is_in_the_database(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    assert_int_equal(import_data(fx, "kwb-2024-alkmaar.csv", 0, &res, &f), ERR_OK);
    const char *text = HEADER "1;\"Nieuw\";\"Alkmaar\";\"Buurt\";\"BU03610199\";10;"
                              "1;2;3;2;2;5;\"2,0\";.;.\r\n";
    assert_int_equal(import_text(fx, "kwb-2025.csv", text, 0, &res, &f), ERR_OK);
    assert_int_equal(res.year, 2025);
    assert_int_equal(res.buurten, 1);
    struct area ar;
    assert_int_equal(area_get(fx->db, fx->a, "BU03610199", &ar, &f), ERR_OK);
    assert_string_equal(ar.parent_code, "WK036101");
}

static void test_cbs_rejects_kind_not_matching_code(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    const char *text = HEADER GM_ROW "2;\"Zuid\";\"Alkmaar\";\"Buurt\";\"WK036101\";1;"
                                     ".;.;.;.;.;.;.;.;.\r\n";
    assert_int_equal(import_text(fx, "kwb-2024.csv", text, 0, &res, &f), ERR_INVALID);
    expect_line_column(&f, "3", "SoortRegio_2", "does not match the code WK036101");
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area"), 0);
}

static void test_cbs_rejects_negative_count(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    const char *text = HEADER GM_ROW "2;\"Zuid\";\"Alkmaar\";\"Wijk\";\"WK036101\";100;"
                                     "10;-5;.;.;.;.;.;.;.\r\n";
    assert_int_equal(import_text(fx, "kwb-2024.csv", text, 0, &res, &f), ERR_INVALID);
    expect_line_column(&f, "3", "k_15Tot25Jaar_9", "is negative");
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area"), 0);
}

static void test_cbs_rejects_malformed_code(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    const char *text = HEADER GM_ROW "2;\"Zuid\";\"Alkmaar\";\"Wijk\";\"WK03611\";100;"
                                     ".;.;.;.;.;.;.;.;.\r\n";
    assert_int_equal(import_text(fx, "kwb-2024.csv", text, 0, &res, &f), ERR_INVALID);
    expect_line_column(&f, "3", "Codering_3", "\"WK03611\" is not a CBS code");
}

static void test_cbs_rejects_code_given_twice(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    const char *text = HEADER GM_ROW WK_ROW "\r\n" WK_ROW;
    assert_int_equal(import_text(fx, "kwb-2024.csv", text, 0, &res, &f), ERR_INVALID);
    expect_line_column(&f, "5", "Codering_3", "appears twice (also on line 3)");
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area"), 0);
}

static void test_cbs_year_comes_from_file_name(void **state)
{
    assert_int_equal(cbs_year_from_path("/data/kwb-2024.csv"), 2024);
    assert_int_equal(cbs_year_from_path("Kerncijfers_wijken_en_buurten_2023_11122025.csv"), 2023);
    assert_int_equal(cbs_year_from_path("/x/2019/85984NED.csv"), 0);
    assert_int_equal(cbs_year_from_path("kwb-12024.csv"), 0);
    assert_int_equal(cbs_year_from_path("kwb-20245.csv"), 0);
    assert_int_equal(cbs_year_from_path("kwb.csv"), 0);
    assert_int_equal(cbs_year_from_path("2020"), 2020);
}

static void test_cbs_without_year_asks_for_it(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    const char *text = HEADER GM_ROW;
    assert_int_equal(import_text(fx, "kerncijfers.csv", text, 0, &res, &f), ERR_INVALID);
    assert_string_equal(f.msgid, "Give the year with --year");
    assert_int_equal(import_text(fx, "kerncijfers.csv", text, 2022, &res, &f), ERR_OK);
    assert_int_equal(mt_int(fx->db, "SELECT year FROM area_figures"), 2022);
}

static void test_cbs_given_year_wins_and_is_checked(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    const char *text = HEADER GM_ROW;
    assert_int_equal(import_text(fx, "kwb-2024.csv", text, 1989, &res, &f), ERR_INVALID);
    assert_string_equal(f.field, "year");
    assert_int_equal(import_text(fx, "kwb-2024.csv", text, 2021, &res, &f), ERR_OK);
    assert_int_equal(mt_int(fx->db, "SELECT year FROM area_figures"), 2021);
}

static void test_cbs_missing_file_is_not_found(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    assert_int_equal(cbs_import(fx->db, "/nonexistent/kwb-2024.csv", 0, NULL, NULL, &res, &f),
                     ERR_NOT_FOUND);
    assert_string_equal(f.args[0], "/nonexistent/kwb-2024.csv");
    cbs_result_free(&res);
}

static void test_cbs_rejects_file_that_is_not_a_cbs_table(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    assert_int_equal(import_text(fx, "kwb-2024.csv", "naam;inwoners\nZuid;5\n", 0, &res, &f),
                     ERR_INVALID);
    assert_string_equal(f.args[0], "SoortRegio");
    assert_int_equal(import_text(fx, "kwb-2024.csv", "", 0, &res, &f), ERR_INVALID);
    assert_string_equal(f.msgid, "The file is empty.");
}

static void test_cbs_reports_invalid_utf8_with_line(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result res;
    struct fault f = {0};
    const char *text = HEADER GM_ROW "2;\"Zu\xE9id\";\"Alkmaar\";\"Wijk\";\"WK036101\";1;"
                                     ".;.;.;.;.;.;.;.;.\r\n";
    assert_int_equal(import_text(fx, "kwb-2024.csv", text, 0, &res, &f), ERR_INVALID);
    expect_line_column(&f, "3", "2", "not valid UTF-8");
}

struct progress_log {
    long read_rows, written_rows;
    uint64_t read_bytes, total;
    int calls;
};

static void record_progress(void *ctx, enum cbs_phase phase, long rows, uint64_t done,
                            uint64_t total)
{
    struct progress_log *log = ctx;
    log->calls++;
    log->total = total;
    if (phase == CBS_READING) {
        log->read_rows = rows;
        log->read_bytes = done;
    } else {
        log->written_rows = rows;
    }
}

static void test_cbs_progress_reports_rows_and_bytes(void **state)
{
    struct fixture *fx = *state;
    char *path = mt_source_path("tests/data/cbs/kwb-2024-alkmaar.csv");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    struct progress_log log = {0};
    struct cbs_result res;
    struct fault f = {0};
    assert_int_equal(cbs_import(fx->db, path, 0, record_progress, &log, &res, &f), ERR_OK);
    cbs_result_free(&res);
    free(path);
    assert_true(log.calls >= 2);
    assert_int_equal(log.read_rows, 16);
    assert_int_equal(log.written_rows, 15);
    assert_int_equal(log.total, (uint64_t)st.st_size);
    assert_int_equal(log.read_bytes, (uint64_t)st.st_size);
}

/* Parses the second record of text with the columns of the first. */
static enum err parse_one(struct arena *a, const char *text, struct cbs_row *row, struct fault *f)
{
    struct csv_reader *r = csv_open_mem(text, strlen(text), NULL);
    struct csv_record rec;
    struct cbs_columns cols;
    assert_int_equal(csv_next(r, &rec, f), CSV_RECORD);
    enum err e = cbs_columns_find(a, &rec, &cols, f);
    if (e == ERR_OK) {
        assert_int_equal(csv_next(r, &rec, f), CSV_RECORD);
        e = cbs_row_parse(a, &cols, &rec, row, f);
    }
    csv_free(r);
    return e;
}

static void test_cbs_row_takes_code_from_region_when_codering_is_empty(void **state)
{
    struct fixture *fx = *state;
    struct cbs_row row;
    struct fault f = {0};
    const char *hdr = "WijkenEnBuurten;Gemeentenaam_1;SoortRegio_2;Codering_3\n";
    char *text = arena_printf(fx->a, "%s\"WK036101  \";\"Alkmaar \";\"Wijk  \";\"\"\n", hdr);
    assert_int_equal(parse_one(fx->a, text, &row, &f), ERR_OK);
    assert_int_equal(row.status, CBS_ROW_AREA);
    assert_string_equal(row.area.code, "WK036101");
    assert_string_equal(row.area.name, "WK036101");
    assert_string_equal(row.code_column, "WijkenEnBuurten");
    text = arena_printf(fx->a, "%s\"GM0361\";\"Alkmaar \";\"Gemeente\";\"GM0361\"\n", hdr);
    assert_int_equal(parse_one(fx->a, text, &row, &f), ERR_OK);
    assert_string_equal(row.area.name, "Alkmaar");
    assert_null(row.area.parent_code);
}

static void test_cbs_row_accepts_decimal_comma_and_point(void **state)
{
    struct fixture *fx = *state;
    struct cbs_row row;
    struct fault f = {0};
    const char *text = "SoortRegio_2;Codering_3;GemiddeldInkomenPerInwoner_83;"
                       "HuishoudensMetEenLaagInkomen_89;AantalInwoners_5\n"
                       "Wijk;WK036101;\"31,8\";9.4;\"  1200,0 \"\n";
    assert_int_equal(parse_one(fx->a, text, &row, &f), ERR_OK);
    assert_true(row.figures.income_per_inhabitant.known);
    assert_true(row.figures.income_per_inhabitant.value == 31.8);
    assert_true(row.figures.low_income_share.value == 9.4);
    assert_true(row.figures.inhabitants.value == 1200);
    assert_false(row.figures.households.known);
}

static void test_cbs_row_rejects_fractional_count_and_percent_over_100(void **state)
{
    struct fixture *fx = *state;
    struct cbs_row row;
    struct fault f = {0};
    const char *hdr = "SoortRegio_2;Codering_3;AantalInwoners_5;HuishoudensMetEenLaagInkomen_89\n";
    char *text = arena_printf(fx->a, "%sWijk;WK036101;12,5;3\n", hdr);
    assert_int_equal(parse_one(fx->a, text, &row, &f), ERR_INVALID);
    expect_line_column(&f, "2", "AantalInwoners_5", "not a whole number");
    text = arena_printf(fx->a, "%sWijk;WK036101;12;100,5\n", hdr);
    assert_int_equal(parse_one(fx->a, text, &row, &f), ERR_INVALID);
    expect_line_column(&f, "2", "HuishoudensMetEenLaagInkomen_89", "more than 100 percent");
    const char *bad[] = {"1e3", "0x10", "inf", "1.2.3", "1,", ",5", "--1", "1 2", "x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        text = arena_printf(fx->a, "%sWijk;WK036101;\"%s\";3\n", hdr, bad[i]);
        assert_int_equal(parse_one(fx->a, text, &row, &f), ERR_INVALID);
        expect_line_column(&f, "2", "AantalInwoners_5", "not a number");
    }
}

static void test_cbs_row_rejects_row_of_other_width(void **state)
{
    struct fixture *fx = *state;
    struct cbs_row row;
    struct fault f = {0};
    const char *text = "SoortRegio_2;Codering_3;AantalInwoners_5\nWijk;WK036101\n";
    assert_int_equal(parse_one(fx->a, text, &row, &f), ERR_INVALID);
    expect_line_column(&f, "2", "AantalInwoners_5", "the row has 2 fields, the header 3");
}

static void test_cbs_row_skips_other_kinds_and_blank_lines(void **state)
{
    struct fixture *fx = *state;
    struct cbs_row row;
    struct fault f = {0};
    const char *text = "SoortRegio_2;Codering_3\n\"Land      \";\"NL00\"\n";
    assert_int_equal(parse_one(fx->a, text, &row, &f), ERR_OK);
    assert_int_equal(row.status, CBS_ROW_SKIPPED);
    assert_int_equal(parse_one(fx->a, "SoortRegio_2;Codering_3\n\n", &row, &f), ERR_OK);
    assert_int_equal(row.status, CBS_ROW_BLANK);
}

static void test_cbs_columns_reject_a_key_twice(void **state)
{
    struct fixture *fx = *state;
    struct cbs_row row;
    struct fault f = {0};
    const char *text = "SoortRegio_2;Codering_3;AantalInwoners_5;AantalInwoners_6\n";
    assert_int_equal(parse_one(fx->a, text, &row, &f), ERR_INVALID);
    expect_line_column(&f, "1", "AantalInwoners_6", "appears twice");
}

static void test_cbs_columns_match_name_before_suffix_only(void **state)
{
    struct fixture *fx = *state;
    struct csv_reader *r;
    struct csv_record rec;
    struct cbs_columns cols;
    struct fault f = {0};
    const char *text = "soortregio_2;SoortRegio_17;Codering;AantalInwonersX_5;"
                       "HuishoudensTotaal_28;k_0Tot15Jaar\n";
    r = csv_open_mem(text, strlen(text), NULL);
    assert_int_equal(csv_next(r, &rec, &f), CSV_RECORD);
    assert_int_equal(cbs_columns_find(fx->a, &rec, &cols, &f), ERR_OK);
    assert_int_equal(cols.kind, 1);
    assert_int_equal(cols.code, 2);
    assert_int_equal(cols.figure[CBS_INHABITANTS], -1);
    assert_int_equal(cols.figure[CBS_HOUSEHOLDS], 4);
    assert_int_equal(cols.figure[CBS_AGE_0_15], 5);
    csv_free(r);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_cbs_imports_semicolon_file),
        T(test_cbs_trims_padded_fields),
        T(test_cbs_skips_land_rows),
        T(test_cbs_comma_and_bom_files_give_the_same_data),
        T(test_cbs_stores_every_missing_marker_as_null),
        T(test_cbs_recognises_suffixes_of_another_year),
        T(test_cbs_bad_row_imports_nothing_and_names_line_and_column),
        T(test_cbs_bad_file_keeps_the_year_already_there),
        T(test_cbs_reimport_replaces_the_year),
        T(test_cbs_accepts_letter_codes),
        T(test_cbs_rejects_buurt_without_its_wijk),
        T(test_cbs_accepts_buurt_whose_wijk_is_in_the_database),
        T(test_cbs_rejects_kind_not_matching_code),
        T(test_cbs_rejects_negative_count),
        T(test_cbs_rejects_malformed_code),
        T(test_cbs_rejects_code_given_twice),
        T(test_cbs_year_comes_from_file_name),
        T(test_cbs_without_year_asks_for_it),
        T(test_cbs_given_year_wins_and_is_checked),
        T(test_cbs_missing_file_is_not_found),
        T(test_cbs_rejects_file_that_is_not_a_cbs_table),
        T(test_cbs_reports_invalid_utf8_with_line),
        T(test_cbs_progress_reports_rows_and_bytes),
        T(test_cbs_row_takes_code_from_region_when_codering_is_empty),
        T(test_cbs_row_accepts_decimal_comma_and_point),
        T(test_cbs_row_rejects_fractional_count_and_percent_over_100),
        T(test_cbs_row_rejects_row_of_other_width),
        T(test_cbs_row_skips_other_kinds_and_blank_lines),
        T(test_cbs_columns_reject_a_key_twice),
        T(test_cbs_columns_match_name_before_suffix_only),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
