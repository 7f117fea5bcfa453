/* Tests of src/db/dump.c and dump_import.c: the whole database as one
 * portable file. On SQLite: a round trip of the demo data (with boundaries)
 * and of awkward values gives the same file again; order of tables and rows;
 * every refusal of the import (a database that is not empty or of another
 * schema version, a bad line, a row the database refuses, wrong columns or
 * types, a cut-off file), each leaving the database as it was. With
 * $WIJKREGIE_TEST_PG_URL: SQLite -> PostgreSQL -> SQLite gives the same
 * file, and PostgreSQL's identity sequences continue after the loaded keys;
 * without it those tests are skipped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "db/db.h"
#include "db/dump.h"
#include "db/migrate.h"
#include "db_testing.h"
#include "model/demo.h"
#include "pg_testing.h"

#define EXPORTED_AT 1767225600 /* 2026-01-01T00:00:00Z */

/* A text with a tab, a line break, quotes, a backslash, a control
 * character, and letters from beyond ASCII (ĳ, a curly quote, an emoji). */
static const char awkward[] = "Ànne \xe2\x80\x9c\xc4\xb3ssel\xe2\x80\x9d\t\"de\" \\ Vries\n"
                              "\x01 \xf0\x9f\x98\x80";

/* ---- helpers ---------------------------------------------------------------- */

static struct db *migrated(const char *url)
{
    struct fault f = {0};
    struct db *db = db_open(url, &f);
    if (!db)
        fail_msg("cannot open %s", url);
    if (migrate_up(db, NULL, &f) != ERR_OK)
        fail_msg("migrating %s: %s", url, db_errmsg(db));
    return db;
}

/* Runs sql with its ? parameters bound in order: text (when not NULL),
 * then the real and the integer (when nd and ni say so). */
static void run_bound(struct db *db, const char *sql, const char *text, int nd, double d, int ni,
                      int64_t i)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        fail_msg("prepare %s: %s", sql, db_errmsg(db));
    int p = 1;
    if (text)
        db_bind_text(st, p++, text);
    if (nd)
        db_bind_double(st, p++, d);
    if (ni)
        db_bind_int(st, p++, i);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc != DB_DONE)
        fail_msg("%s: %s", sql, db_errmsg(db));
}

/* Rows with the values a dump must carry exactly: NULLs, UTF-8 and control
 * characters, the extremes of 64-bit integers, reals that need 17 digits. */
static void add_awkward_rows(struct db *db)
{
    testing_exec(db, "INSERT INTO person (id, email, display_name, password_hash, lang,"
                     " created_at, erased_at) VALUES"
                     " (1, 'an@example.org', 'An', NULL, 'nl', 1767225600, NULL),"
                     " (7, NULL, 'voormalig', NULL, 'en', -1, 9223372036854775807);"
                     "INSERT INTO session (id, token_hash, person_id, capacity, created_at,"
                     " last_seen_at, expires_at, ip, user_agent, ended_at)"
                     " VALUES (3, 'abc', 7, NULL, 1, 2, 3, '192.0.2.1', NULL, NULL);"
                     "INSERT INTO rate_limit (key, window_start, count) VALUES"
                     " ('Z', 1, 1), ('a', 1, 2), ('\xc3\xa9', 1, 3), ('a', 0, 4);");
    run_bound(db, "UPDATE person SET display_name = ? WHERE id = 1", awkward, 0, 0, 0, 0);
    run_bound(db,
              "INSERT INTO audit_log (id, at, person_id, capacity, action, object_type,"
              " object_id, area_code, request_id, public, detail) VALUES (9007199254740993,"
              " -9223372036854775807 - 1, 7, NULL, 'test', 'area', 'GM9901', NULL, NULL, 1, ?)",
              awkward, 0, 0, 0, 0);
    run_bound(db,
              "INSERT INTO area_figures (area_code, year, inhabitants, avg_household_size,"
              " income_per_inhabitant, low_income_share, imported_at) VALUES"
              " ('GM9901', 2023, 9223372036854775807, ?, 1e-300, 0.1, ?)",
              NULL, 1, 1.0 / 3.0, 1, 0);
    run_bound(db,
              "INSERT INTO area_figures (area_code, year, inhabitants, avg_household_size,"
              " income_per_inhabitant, low_income_share, imported_at) VALUES"
              " ('GM9901', 2022, NULL, ?, 5e300, -2.5, ?)",
              NULL, 1, 123456.789012345678, 1, 9007199254740993);
}

/* A migrated in-memory database with the demo gemeente (its areas, figures
 * and boundaries) and the awkward rows. */
static struct db *demo_db(void)
{
    struct db *db = migrated(":memory:");
    struct fault f = {0};
    if (demo_create(db, NULL, &f) != ERR_OK)
        fail_msg("demo_create: %s", f.msgid);
    add_awkward_rows(db);
    return db;
}

/* Exports db at EXPORTED_AT into *text (malloc'ed, whatever was written);
 * returns the export's code, with its fault in f, whose args live in *res
 * until the caller frees it. */
static enum err export_into(struct db *db, char **text, struct dump_result *res, struct fault *f)
{
    FILE *out = tmpfile();
    assert_non_null(out);
    enum err e = dump_export(db, out, EXPORTED_AT, NULL, NULL, res, f);
    long len = ftell(out);
    assert_true(len >= 0);
    *text = calloc(1, (size_t)len + 1);
    rewind(out);
    assert_int_equal(fread(*text, 1, (size_t)len, out), (size_t)len);
    fclose(out);
    return e;
}

/* The dump of db at EXPORTED_AT (malloc'ed); fails the test on an error. */
static char *export_text(struct db *db)
{
    char *text;
    struct dump_result res;
    struct fault f = {0};
    if (export_into(db, &text, &res, &f) != ERR_OK)
        fail_msg("export: %s", f.msgid);
    dump_result_free(&res);
    return text;
}

static enum err import_text(struct db *db, const char *text, struct dump_result *res,
                            struct fault *f)
{
    /* fmemopen refuses a buffer of size 0 */
    FILE *in = *text ? fmemopen((void *)text, strlen(text), "r") : fopen("/dev/null", "r");
    assert_non_null(in);
    enum err e = dump_import(db, in, NULL, NULL, res, f);
    fclose(in);
    return e;
}

static void import_ok(struct db *db, const char *text)
{
    struct dump_result res;
    struct fault f = {0};
    if (import_text(db, text, &res, &f) != ERR_OK)
        fail_msg("import: %s (%s)", f.msgid, f.args[0] ? f.args[0] : "");
    dump_result_free(&res);
}

/* Imports text into db, expecting code; checks the fault's msgid and its
 * first argument (when want_arg0 is not NULL). */
static void import_fails(struct db *db, const char *text, enum err code, const char *msgid,
                         const char *want_arg0)
{
    struct dump_result res;
    struct fault f = {0};
    enum err e = import_text(db, text, &res, &f);
    assert_int_equal(e, code);
    assert_string_equal(f.msgid, msgid);
    if (want_arg0)
        assert_string_equal(f.args[0], want_arg0);
    assert_int_equal(res.rows, 0);
    dump_result_free(&res);
}

/* Line n (from 1) of text, malloc'ed, without its line break. */
static char *line_at(const char *text, int n)
{
    const char *p = text;
    for (int i = 1; i < n && p; i++) {
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    assert_non_null(p);
    size_t len = strcspn(p, "\n");
    char *s = malloc(len + 1);
    memcpy(s, p, len);
    s[len] = '\0';
    return s;
}

/* The number of the first line holding needle, or 0. */
static int line_with(const char *text, const char *needle)
{
    int n = 1;
    for (const char *p = text; *p; n++) {
        size_t len = strcspn(p, "\n");
        const char *hit = strstr(p, needle);
        if (hit && hit < p + len)
            return n;
        p += len + (p[len] == '\n');
    }
    return 0;
}

/* text with line n replaced by repl (NULL: removed); malloc'ed. */
static char *with_line(const char *text, int n, const char *repl)
{
    struct buf b = BUF_INIT;
    int i = 1;
    for (const char *p = text; *p; i++) {
        size_t len = strcspn(p, "\n");
        if (i != n)
            buf_append(&b, p, len + 1);
        else if (repl)
            buf_printf(&b, "%s\n", repl);
        p += len + (p[len] == '\n');
    }
    return buf_detach(&b, NULL);
}

static int by_text(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* a and b hold the same lines, in any order (PostgreSQL with a collation
 * other than C orders text keys differently). */
static void assert_same_lines(const char *a, const char *b)
{
    char *copies[2] = {strdup(a), strdup(b)}, **lines[2] = {NULL, NULL};
    size_t n[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        lines[k] = calloc(strlen(copies[k]) + 1, sizeof *lines[k]);
        for (char *save = NULL, *l = strtok_r(copies[k], "\n", &save); l;
             l = strtok_r(NULL, "\n", &save))
            lines[k][n[k]++] = l;
        qsort(lines[k], n[k], sizeof *lines[k], by_text);
    }
    assert_int_equal(n[0], n[1]);
    for (size_t i = 0; i < n[0]; i++)
        assert_string_equal(lines[0][i], lines[1][i]);
    for (int k = 0; k < 2; k++) {
        free(lines[k]);
        free(copies[k]);
    }
}

static int64_t rows_in(struct db *db, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    return testing_int(db, sql);
}

/* Every table of a migrated database is still empty. */
static void assert_all_empty(struct db *db)
{
    const char *tables[] = {"area",        "area_figures",  "area_boundary", "person",
                            "session",     "audit_log",     "rate_limit",    "invitation",
                            "mail_outbox", "password_reset"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        if (rows_in(db, tables[i]) != 0)
            fail_msg("table %s has rows", tables[i]);
}

/* ---- round trips on SQLite ------------------------------------------------ */

static void test_round_trip_of_demo_data_gives_the_same_file(void **state)
{
    struct db *a = demo_db(), *b = migrated(":memory:");
    char *first = export_text(a);
    struct dump_result res;
    struct fault f = {0};
    assert_int_equal(import_text(b, first, &res, &f), ERR_OK);
    assert_int_equal(res.schema_version, migrate_version(a));
    assert_true(res.ntables >= 3);
    assert_int_equal(res.rows,
                     rows_in(a, "area") + rows_in(a, "area_figures") + rows_in(a, "area_boundary") +
                         2 + 1 + 1 + 4 + 2 * rows_in(a, "organisation") +
                         rows_in(a, "organisation_area") + 2 * rows_in(a, "relation") +
                         2 * rows_in(a, "history_event") + rows_in(a, "history_event_actor") +
                         /* services: each row, and an audit entry per service,
                          * location and schedule the demo adds */
                         2 * rows_in(a, "service") + 2 * rows_in(a, "location") +
                         rows_in(a, "service_at_location") + 2 * rows_in(a, "schedule") +
                         rows_in(a, "service_language") + rows_in(a, "cost_option") +
                         rows_in(a, "service_contact") + rows_in(a, "location_accessibility") +
                         /* hours: each pledge with its audit entry, its
                          * movements and their entries */
                         2 * rows_in(a, "hour_pledge") + rows_in(a, "hours_movement") +
                         rows_in(a, "hours_entry"));
    dump_result_free(&res);
    assert_int_equal(rows_in(b, "area_boundary"), rows_in(a, "area_boundary"));
    assert_true(rows_in(b, "area_boundary") > 20);
    char *second = export_text(b);
    assert_string_equal(first, second);
    free(first);
    free(second);
    db_close(a);
    db_close(b);
}

static void test_values_survive_a_round_trip(void **state)
{
    struct db *a = demo_db(), *b = migrated(":memory:");
    char *text = export_text(a);
    import_ok(b, text);
    char *name = testing_text(b, "SELECT display_name FROM person WHERE id = 1");
    assert_string_equal(name, awkward);
    free(name);
    assert_int_equal(testing_int(b, "SELECT erased_at FROM person WHERE id = 7"), INT64_MAX);
    assert_int_equal(testing_int(b, "SELECT email IS NULL FROM person WHERE id = 7"), 1);
    assert_int_equal(testing_int(b, "SELECT at FROM audit_log WHERE id = 9007199254740993"),
                     INT64_MIN);
    assert_int_equal(testing_int(b, "SELECT inhabitants FROM area_figures WHERE year = 2023"),
                     INT64_MAX);
    assert_int_equal(testing_int(b, "SELECT inhabitants IS NULL FROM area_figures"
                                    " WHERE year = 2022"),
                     1);
    assert_int_equal(testing_int(b, "SELECT avg_household_size = 1.0 / 3.0"
                                    " AND income_per_inhabitant = 1e-300"
                                    " AND low_income_share = 0.1"
                                    " FROM area_figures WHERE year = 2023"),
                     1);
    assert_int_equal(testing_int(b, "SELECT avg_household_size = 123456.789012345678"
                                    " AND income_per_inhabitant = 5e300"
                                    " AND low_income_share = -2.5"
                                    " AND imported_at = 9007199254740993"
                                    " FROM area_figures WHERE year = 2022"),
                     1);
    free(text);
    db_close(a);
    db_close(b);
}

static void test_export_types_values_by_the_declared_column_type(void **state)
{
    struct db *db = demo_db();
    char *text = export_text(db);
    char *figures = line_at(text, line_with(text, "[\"GM9901\",2023,"));
    assert_string_equal(figures, "[\"GM9901\",2023,9223372036854775807,null,null,null,null,null,"
                                 "null,0.3333333333333333,1e-300,0.1,0]");
    free(figures);
    /* A whole real is still written as a real. */
    testing_exec(db, "UPDATE area_figures SET avg_household_size = 2 WHERE year = 2022");
    free(text);
    text = export_text(db);
    assert_true(line_with(text, "[\"GM9901\",2022,null,null,null,null,null,null,null,2.0,5e+300,"
                                "-2.5,9007199254740993]") > 0);
    char *person = line_at(text, line_with(text, "[1,\"an@example.org\","));
    assert_string_equal(person, "[1,\"an@example.org\",\"\xc3\x80nne \xe2\x80\x9c\xc4\xb3ssel"
                                "\xe2\x80\x9d\\t\\\"de\\\" \\\\ Vries\\n\\u0001 \xf0\x9f\x98\x80\","
                                "null,\"nl\",1767225600,null]");
    free(person);
    free(text);
    db_close(db);
}

static void test_export_starts_with_the_header_and_ends_with_the_end_line(void **state)
{
    struct db *db = demo_db();
    char *text = export_text(db);
    char *first = line_at(text, 1);
    char want[160];
    snprintf(want, sizeof want,
             "{\"format\":\"wijkregie-dump\",\"version\":1,\"schema_version\":%d,"
             "\"exported_at\":\"2026-01-01T00:00:00Z\"}",
             migrate_version(db));
    assert_string_equal(first, want);
    int lines = 0;
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    assert_true(text[strlen(text) - 1] == '\n');
    assert_int_equal(line_with(text, "{\"end\":\"wijkregie-dump\",\"tables\":"), lines);
    assert_int_equal(line_with(text, "schema_migration"), 0);
    free(first);
    free(text);
    db_close(db);
}

static void test_export_puts_referenced_tables_and_parent_rows_first(void **state)
{
    struct db *db = demo_db();
    char *text = export_text(db);
    int area = line_with(text, "{\"table\":\"area\""),
        figures = line_with(text, "{\"table\":\"area_figures\""),
        person = line_with(text, "{\"table\":\"person\""),
        session = line_with(text, "{\"table\":\"session\"");
    assert_true(area > 1 && figures > area);
    assert_true(person > 1 && session > person);
    int gm = line_with(text, "[\"GM9901\",\"gemeente\""), wk = line_with(text, "[\"WK990104\","),
        bu = line_with(text, "[\"BU99010101\",\"buurt\"");
    assert_true(gm > area && wk > gm && bu > wk);
    /* Other tables by key, bytewise: "Z" < "a" < "é", and (a, 0) < (a, 1). */
    int z = line_with(text, "[\"Z\",1,"), a0 = line_with(text, "[\"a\",0,"),
        a1 = line_with(text, "[\"a\",1,"), e = line_with(text, "[\"\xc3\xa9\",1,");
    assert_true(z > 0 && a0 == z + 1 && a1 == a0 + 1 && e == a1 + 1);
    free(text);
    db_close(db);
}

/* More rows than one page: the keyset paging must neither skip nor repeat. */
static void test_export_pages_through_a_big_table(void **state)
{
    struct db *a = migrated(":memory:"), *b = migrated(":memory:");
    testing_exec(a, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n"
                    " WHERE i < 2344) INSERT INTO rate_limit (key, window_start, count)"
                    " SELECT 'k' || (i / 10), i % 10, i FROM n");
    char *first = export_text(a);
    assert_true(line_with(first, "\"rows\":2345}") > 0);
    assert_true(line_with(first, "[\"k99\",9,999]") > 0);
    assert_true(line_with(first, "[\"k100\",0,1000]") > 0);
    import_ok(b, first);
    assert_int_equal(rows_in(b, "rate_limit"), 2345);
    assert_int_equal(testing_int(b, "SELECT sum(count) FROM rate_limit"), 2344 * 2345 / 2);
    char *second = export_text(b);
    assert_string_equal(first, second);
    free(first);
    free(second);
    db_close(a);
    db_close(b);
}

static void test_export_refuses_text_in_an_integer_column(void **state)
{
    struct db *db = demo_db();
    testing_exec(db, "UPDATE area SET created_at = 'gisteren' WHERE code = 'GM9901'");
    char *text;
    struct dump_result res;
    struct fault f = {0};
    assert_int_equal(export_into(db, &text, &res, &f), ERR_INVALID);
    assert_string_equal(f.msgid, "Column %s of table %s holds a value that is not a whole number.");
    assert_string_equal(f.args[0], "created_at");
    assert_string_equal(f.args[1], "area");
    assert_null(strstr(text, "\"end\""));
    dump_result_free(&res);
    free(text);
    db_close(db);
}

static void test_export_refuses_a_database_without_schema(void **state)
{
    struct fault f = {0};
    struct db *db = db_open(":memory:", &f);
    FILE *out = fopen("/dev/null", "w");
    struct dump_result res;
    assert_int_equal(dump_export(db, out, EXPORTED_AT, NULL, NULL, &res, &f), ERR_CONFLICT);
    fclose(out);
    dump_result_free(&res);
    db_close(db);
}

/* ---- refusals of the import --------------------------------------------------- */

static void test_import_refuses_a_database_that_is_not_empty(void **state)
{
    struct db *a = demo_db(), *b = migrated(":memory:");
    char *text = export_text(a);
    testing_exec(b, "INSERT INTO rate_limit (key, window_start, count) VALUES ('x', 0, 1)");
    import_fails(b, text, ERR_CONFLICT,
                 "The database is not empty: table %s has rows. Import a dump into a new, empty "
                 "database only.",
                 "rate_limit");
    assert_int_equal(rows_in(b, "area"), 0);
    assert_int_equal(rows_in(b, "rate_limit"), 1);
    free(text);
    db_close(a);
    db_close(b);
}

static void test_import_refuses_another_schema_version(void **state)
{
    struct db *a = demo_db(), *b = migrated(":memory:");
    char *text = export_text(a);
    const char *msgid = "The dump is of schema version %s but the database is at version %s; "
                        "import it into a new database migrated to version %s.";
    char *other = with_line(text, 1,
                            "{\"format\":\"wijkregie-dump\",\"version\":1,\"schema_version\":999,"
                            "\"exported_at\":\"2026-01-01T00:00:00Z\"}");
    import_fails(b, other, ERR_CONFLICT, msgid, "999");
    struct fault f = {0};
    struct db *bare = db_open(":memory:", &f);
    import_fails(bare, text, ERR_CONFLICT, msgid, NULL);
    assert_all_empty(b);
    free(other);
    free(text);
    db_close(bare);
    db_close(a);
    db_close(b);
}

static void test_import_refuses_a_file_that_is_not_a_dump(void **state)
{
    struct db *b = migrated(":memory:");
    import_fails(b, "code;name\nGM0363;Amsterdam\n", ERR_INVALID, "Line %s is not valid JSON: %s",
                 "1");
    import_fails(b, "{\"format\":\"something-else\",\"version\":1,\"schema_version\":1}\n",
                 ERR_INVALID, "Line %s is not the header of a Wijkregie dump.", "1");
    import_fails(b, "{\"format\":\"wijkregie-dump\",\"version\":2,\"schema_version\":1}\n",
                 ERR_INVALID,
                 "Line %s: the dump has format version %s; this wijkregie reads "
                 "version 1.",
                 "1");
    import_fails(b, "", ERR_INVALID, "The dump is empty.", NULL);
    db_close(b);
}

static void test_corrupt_line_rolls_everything_back_and_is_named(void **state)
{
    struct db *a = demo_db(), *b = migrated(":memory:");
    char *text = export_text(a);
    int n = line_with(text, "[\"BU99010101\",2024,");
    assert_true(n > line_with(text, "[\"BU99010101\",\"buurt\""));
    char *broken = with_line(text, n, "[\"BU99010101\",2024,1462,");
    char want[16];
    snprintf(want, sizeof want, "%d", n);
    import_fails(b, broken, ERR_INVALID, "Line %s is not valid JSON: %s", want);
    assert_all_empty(b);
    import_ok(b, text); /* nothing was left behind to get in the way */
    free(broken);
    free(text);
    db_close(a);
    db_close(b);
}

static void test_row_the_database_refuses_is_named_and_rolls_back(void **state)
{
    struct db *a = demo_db(), *b = migrated(":memory:");
    char *text = export_text(a);
    int n = line_with(text, "[\"WK990102\",\"wijk\"");
    char *orphan = with_line(text, n, "[\"WK990102\",\"wijk\",\"Lindenhof\",\"GM0000\",1,1]");
    char want[16];
    snprintf(want, sizeof want, "%d", n);
    import_fails(b, orphan, ERR_INVALID,
                 "Line %s: the database refused the row for table %s (a duplicate key, a missing "
                 "reference or a failed check).",
                 want);
    assert_all_empty(b);
    free(orphan);
    free(text);
    db_close(a);
    db_close(b);
}

static void test_import_checks_columns_and_value_types(void **state)
{
    struct db *a = demo_db(), *b = migrated(":memory:");
    char *text = export_text(a);
    int t = line_with(text, "{\"table\":\"rate_limit\"");
    char want[16];
    snprintf(want, sizeof want, "%d", t);
    struct {
        const char *line;
        const char *msgid;
    } cases[] = {
        {"{\"table\":\"rate_limit\",\"columns\":[\"key\",\"window_start\",\"cnt\"]}",
         "Line %s: table %s has no column %s."},
        {"{\"table\":\"rate_limit\",\"columns\":[\"key\",\"window_start\"]}",
         "Line %s: column %s of table %s is missing from the dump."},
        {"{\"table\":\"rate_limit\",\"columns\":[\"key\",\"key\",\"count\"]}",
         "Line %s: column %s appears twice."},
        {"{\"table\":\"rate_limits\",\"columns\":[\"key\",\"window_start\",\"count\"]}",
         "Line %s: there is no table %s in the database."},
        {"{\"table\":\"area\",\"columns\":[\"code\",\"kind\",\"name\",\"parent_code\","
         "\"created_at\",\"updated_at\"]}",
         "Line %s: table %s appears a second time."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *bad = with_line(text, t, cases[i].line);
        import_fails(b, bad, ERR_INVALID, cases[i].msgid, want);
        free(bad);
    }
    int row = line_with(text, "[\"a\",0,4]");
    snprintf(want, sizeof want, "%d", row);
    struct {
        const char *line;
        const char *msgid;
    } rows[] = {
        {"[\"a\",0]", "Line %s: the row has %s values, not one for each of the %s columns."},
        {"[\"a\",\"0\",4]", "Line %s, column %s: the value must be a whole number or null."},
        {"[\"a\",0.5,4]", "Line %s, column %s: the value must be a whole number or null."},
        {"[1,0,4]", "Line %s, column %s: the value must be a string or null."},
        {"{\"rows\":1}", "Line %s is neither a table line, a row nor the end line."},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *bad = with_line(text, row, rows[i].line);
        import_fails(b, bad, ERR_INVALID, rows[i].msgid, want);
        free(bad);
    }
    assert_all_empty(b);
    free(text);
    db_close(a);
    db_close(b);
}

static void test_whole_number_in_a_real_column_is_accepted(void **state)
{
    struct db *a = demo_db(), *b = migrated(":memory:");
    char *text = export_text(a);
    int n = line_with(text, "[\"GM9901\",2023,");
    char *edited = with_line(text, n,
                             "[\"GM9901\",2023,9223372036854775807,null,null,null,null,null,null,"
                             "3,1e-300,0.1,0]");
    import_ok(b, edited);
    assert_int_equal(testing_int(b, "SELECT avg_household_size = 3.0 FROM area_figures"
                                    " WHERE year = 2023"),
                     1);
    free(edited);
    free(text);
    db_close(a);
    db_close(b);
}

static void test_cut_off_dump_is_refused(void **state)
{
    struct db *a = demo_db(), *b = migrated(":memory:");
    char *text = export_text(a);
    int end = line_with(text, "{\"end\":");
    char *cut = with_line(text, end, NULL);
    char want[16];
    snprintf(want, sizeof want, "%d", end - 1);
    import_fails(b, cut, ERR_INVALID,
                 "The dump ends at line %s without its end line; the file is incomplete.", want);
    free(cut);
    /* The end line must agree with what came before it. */
    cut = with_line(text, line_with(text, "[\"a\",0,4]"), NULL);
    snprintf(want, sizeof want, "%d", end - 1);
    import_fails(b, cut, ERR_INVALID,
                 "Line %s: the end line counts %s rows, but the dump holds %s.", want);
    free(cut);
    /* Nothing may follow it. */
    struct buf more = BUF_INIT;
    buf_printf(&more, "%s[\"a\",9,9]\n", text);
    snprintf(want, sizeof want, "%d", end + 1);
    import_fails(b, buf_cstr(&more), ERR_INVALID, "Line %s: nothing may follow the end line.",
                 want);
    buf_free(&more);
    assert_all_empty(b);
    free(text);
    db_close(a);
    db_close(b);
}

static void test_dump_without_one_of_the_tables_is_refused(void **state)
{
    struct db *a = migrated(":memory:"), *b = migrated(":memory:");
    char *text = export_text(a); /* all tables empty: one line each */
    int n = line_with(text, "{\"table\":\"rate_limit\"");
    char *less = with_line(text, n, NULL);
    int end = line_with(less, "{\"end\":");
    char *line = line_at(less, end);
    int tables = 0;
    assert_int_equal(sscanf(line, "{\"end\":\"wijkregie-dump\",\"tables\":%d", &tables), 1);
    char fixed[96];
    snprintf(fixed, sizeof fixed, "{\"end\":\"wijkregie-dump\",\"tables\":%d,\"rows\":0}",
             tables - 1);
    char *edited = with_line(less, end, fixed);
    import_fails(b, edited, ERR_INVALID, "The dump has no table %s, which the database has.",
                 "rate_limit");
    free(edited);
    free(line);
    free(less);
    free(text);
    db_close(a);
    db_close(b);
}

/* ---- PostgreSQL ------------------------------------------------------------------ */

/* A fresh, migrated PostgreSQL database of its own; skips without a server. */
static struct db *pg_fresh(char **url)
{
    const char *base = pg_testing_url();
    if (!base)
        skip();
    *url = pg_testing_create_db(base, "wijk_dump");
    assert_non_null(*url);
    return migrated(*url);
}

static void pg_done(struct db *db, char *url)
{
    db_close(db);
    assert_true(pg_testing_drop_db(pg_testing_url(), url));
}

static void test_sqlite_to_postgres_to_sqlite_gives_the_same_file(void **state)
{
    char *url;
    struct db *pg = pg_fresh(&url);
    struct db *lite = demo_db(), *back = migrated(":memory:");
    char *first = export_text(lite);
    import_ok(pg, first);
    char *from_pg = export_text(pg);
    assert_same_lines(first, from_pg);
    import_ok(back, from_pg);
    char *last = export_text(back);
    assert_string_equal(first, last);
    char *name = testing_text(back, "SELECT display_name FROM person WHERE id = 1");
    assert_string_equal(name, awkward);
    free(name);
    free(first);
    free(from_pg);
    free(last);
    db_close(lite);
    db_close(back);
    pg_done(pg, url);
}

static void test_postgres_identity_keys_continue_after_an_import(void **state)
{
    char *url;
    struct db *pg = pg_fresh(&url);
    struct db *lite = demo_db();
    char *text = export_text(lite);
    import_ok(pg, text);
    assert_int_equal(testing_int(pg, "INSERT INTO person (email, display_name, lang, created_at)"
                                     " VALUES ('nieuw@example.org', 'Nieuw', 'nl', 0)"
                                     " RETURNING id"),
                     8);
    assert_int_equal(testing_int(pg, "INSERT INTO audit_log (at, action, object_type,"
                                     " object_id, public) VALUES (0, 'x', 'y', 'z', 0)"
                                     " RETURNING id"),
                     9007199254740994);
    free(text);
    db_close(lite);
    pg_done(pg, url);
}

static void test_postgres_import_refuses_a_database_that_is_not_empty(void **state)
{
    char *url;
    struct db *pg = pg_fresh(&url);
    struct db *lite = demo_db();
    char *text = export_text(lite);
    import_ok(pg, text);
    import_fails(pg, text, ERR_CONFLICT,
                 "The database is not empty: table %s has rows. Import a dump into a new, empty "
                 "database only.",
                 "area");
    assert_int_equal(rows_in(pg, "person"), 2);
    free(text);
    db_close(lite);
    pg_done(pg, url);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_of_demo_data_gives_the_same_file),
        cmocka_unit_test(test_values_survive_a_round_trip),
        cmocka_unit_test(test_export_types_values_by_the_declared_column_type),
        cmocka_unit_test(test_export_starts_with_the_header_and_ends_with_the_end_line),
        cmocka_unit_test(test_export_puts_referenced_tables_and_parent_rows_first),
        cmocka_unit_test(test_export_pages_through_a_big_table),
        cmocka_unit_test(test_export_refuses_text_in_an_integer_column),
        cmocka_unit_test(test_export_refuses_a_database_without_schema),
        cmocka_unit_test(test_import_refuses_a_database_that_is_not_empty),
        cmocka_unit_test(test_import_refuses_another_schema_version),
        cmocka_unit_test(test_import_refuses_a_file_that_is_not_a_dump),
        cmocka_unit_test(test_corrupt_line_rolls_everything_back_and_is_named),
        cmocka_unit_test(test_row_the_database_refuses_is_named_and_rolls_back),
        cmocka_unit_test(test_import_checks_columns_and_value_types),
        cmocka_unit_test(test_whole_number_in_a_real_column_is_accepted),
        cmocka_unit_test(test_cut_off_dump_is_refused),
        cmocka_unit_test(test_dump_without_one_of_the_tables_is_refused),
        cmocka_unit_test(test_sqlite_to_postgres_to_sqlite_gives_the_same_file),
        cmocka_unit_test(test_postgres_identity_keys_continue_after_an_import),
        cmocka_unit_test(test_postgres_import_refuses_a_database_that_is_not_empty),
    };
    return cmocka_run_group_tests(tests, testing_silence_log, NULL);
}
