/* Tests of src/db/migrate.c: the shipped migrations apply once, each file in
 * its own transaction with its schema_migration row; a failing file is
 * rolled back and named; badly named or duplicated files abort. Most tests
 * hand migrate_up_files a file list of their own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/log.h"
#include "db/db.h"
#include "db/driver.h"
#include "db/migrate.h"
#include "db_testing.h"

// clang-format off
#define FILE_ENTRY(p, sql) {p, (const unsigned char *)(sql), sizeof(sql) - 1}
#define END_ENTRY {NULL, NULL, 0}
// clang-format on

static const struct embedded_file two_good[] = {
    FILE_ENTRY("sql/postgres/0001_one.sql", "CREATE TABLE pg_only (x SERIAL);"),
    FILE_ENTRY("sql/sqlite/0001_one.sql", "CREATE TABLE one (x INTEGER);"),
    FILE_ENTRY("sql/sqlite/0002_two.sql", "CREATE TABLE two (x INTEGER);"
                                          "INSERT INTO two VALUES (2);"),
    FILE_ENTRY("static/style.css", "body { }"),
    END_ENTRY,
};

static const struct embedded_file third_fails[] = {
    FILE_ENTRY("sql/sqlite/0001_one.sql", "CREATE TABLE one (x INTEGER);"),
    FILE_ENTRY("sql/sqlite/0002_two.sql", "CREATE TABLE two (x INTEGER);"),
    FILE_ENTRY("sql/sqlite/0003_broken.sql", "CREATE TABLE three (x INTEGER);"
                                             "INSERT INTO missing VALUES (1);"),
    FILE_ENTRY("sql/sqlite/0004_after.sql", "CREATE TABLE four (x INTEGER);"),
    END_ENTRY,
};

static int setup(void **state)
{
    struct fault f = {0};
    *state = db_open(":memory:", &f);
    assert_non_null(*state);
    return 0;
}

static int teardown(void **state)
{
    db_close(*state);
    return 0;
}

static int table_exists(struct db *db, const char *name)
{
    struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM sqlite_master WHERE name = ?");
    db_bind_text(st, 1, name);
    assert_int_equal(db_step(st), DB_ROW);
    int n = (int)db_col_int(st, 0);
    db_done(st);
    return n;
}

static void test_version_of_empty_database_is_zero(void **state)
{
    assert_int_equal(migrate_version(*state), 0);
    assert_int_equal(table_exists(*state, "schema_migration"), 0); /* asking wrote nothing */
}

static void test_up_applies_shipped_migrations_then_nothing(void **state)
{
    struct fault f = {0};
    int applied = -1;
    assert_int_equal(migrate_up(*state, &applied, &f), ERR_OK);
    assert_true(applied >= 1);
    assert_int_equal(applied, testing_int(*state, "SELECT count(*) FROM schema_migration"));
    assert_int_equal(migrate_up(*state, &applied, &f), ERR_OK);
    assert_int_equal(applied, 0);
}

static void test_up_reaches_latest_shipped_version(void **state)
{
    struct fault f = {0};
    assert_true(migrate_latest(*state) >= 1);
    assert_int_equal(migrate_up(*state, NULL, &f), ERR_OK);
    assert_int_equal(migrate_version(*state), migrate_latest(*state));
}

static void test_shipped_migrations_create_area_tables(void **state)
{
    struct fault f = {0};
    assert_int_equal(migrate_up(*state, NULL, &f), ERR_OK);
    testing_exec(*state, "INSERT INTO area (code, kind, name, parent_code, created_at, updated_at)"
                         " VALUES ('GM0363', 'gemeente', 'Amsterdam', NULL, 0, 0)");
    assert_int_equal(testing_int(*state, "SELECT count(*) FROM area"), 1);
}

static void test_up_records_each_file_with_time(void **state)
{
    struct fault f = {0};
    int applied = 0;
    assert_int_equal(migrate_up_files(*state, two_good, &applied, &f), ERR_OK);
    assert_int_equal(applied, 2);
    char *name = testing_text(*state, "SELECT name FROM schema_migration WHERE version = 2");
    assert_string_equal(name, "0002_two.sql");
    free(name);
    assert_true(testing_int(*state, "SELECT min(applied_at) FROM schema_migration") > 1600000000);
    assert_int_equal(testing_int(*state, "SELECT x FROM two"), 2);
}

static void test_up_ignores_other_drivers_and_other_files(void **state)
{
    struct fault f = {0};
    assert_int_equal(migrate_up_files(*state, two_good, NULL, &f), ERR_OK);
    assert_int_equal(table_exists(*state, "pg_only"), 0);
    assert_int_equal(testing_int(*state, "SELECT count(*) FROM schema_migration"), 2);
}

static void test_up_applies_only_newer_files(void **state)
{
    static const struct embedded_file first_only[] = {
        FILE_ENTRY("sql/sqlite/0001_one.sql", "CREATE TABLE one (x INTEGER);"),
        END_ENTRY,
    };
    struct fault f = {0};
    int applied = 0;
    assert_int_equal(migrate_up_files(*state, first_only, &applied, &f), ERR_OK);
    assert_int_equal(applied, 1);
    assert_int_equal(migrate_version(*state), 1);
    assert_int_equal(migrate_up_files(*state, two_good, &applied, &f), ERR_OK);
    assert_int_equal(applied, 1);
    assert_int_equal(migrate_version(*state), 2);
}

static void test_up_failure_rolls_back_the_failing_file(void **state)
{
    struct fault f = {0};
    int applied = 0;
    assert_int_equal(migrate_up_files(*state, third_fails, &applied, &f), ERR_INTERNAL);
    assert_int_equal(table_exists(*state, "three"), 0);
    assert_int_equal(table_exists(*state, "four"), 0);
    assert_false(db_in_transaction(*state));
    assert_int_equal(testing_int(*state, "SELECT count(*) FROM schema_migration"
                                         " WHERE version >= 3"),
                     0);
}

static void test_up_failure_keeps_earlier_files(void **state)
{
    struct fault f = {0};
    int applied = 0;
    migrate_up_files(*state, third_fails, &applied, &f);
    assert_int_equal(applied, 2);
    assert_int_equal(migrate_version(*state), 2);
    assert_int_equal(table_exists(*state, "two"), 1);
}

static void test_up_failure_names_file_and_cause(void **state)
{
    struct fault f = {0};
    migrate_up_files(*state, third_fails, NULL, &f);
    assert_int_equal(f.code, ERR_INTERNAL);
    assert_string_equal(f.msgid, "Migration %s failed: %s");
    assert_string_equal(f.args[0], "sql/sqlite/0003_broken.sql");
    assert_non_null(strstr(f.args[1], "no such table: missing"));
}

static void test_up_skips_version_recorded_meanwhile(void **state)
{
    /* As if another process applied 0001 between our reading and writing. */
    static const struct embedded_file list[] = {
        FILE_ENTRY("sql/sqlite/0001_one.sql", "INSERT INTO no_such_table VALUES (1);"),
        FILE_ENTRY("sql/sqlite/0002_two.sql", "CREATE TABLE two (x INTEGER);"),
        END_ENTRY,
    };
    testing_exec(*state, "CREATE TABLE schema_migration (version INTEGER PRIMARY KEY,"
                         " name TEXT NOT NULL, applied_at BIGINT NOT NULL);"
                         "INSERT INTO schema_migration VALUES (1, '0001_one.sql', 0);");
    struct fault f = {0};
    int applied = 0;
    assert_int_equal(migrate_up_files(*state, list, &applied, &f), ERR_OK);
    assert_int_equal(applied, 1);
    assert_int_equal(migrate_version(*state), 2);
}

static void test_up_twice_on_a_file_across_connections(void **state)
{
    char *dir = testing_tmpdir();
    char *path = testing_join(dir, "migrate.db");
    struct fault f = {0};
    int applied = 0;
    struct db *db = db_open(path, &f);
    assert_int_equal(migrate_up_files(db, two_good, &applied, &f), ERR_OK);
    assert_int_equal(applied, 2);
    db_close(db);
    db = db_open(path, &f);
    assert_int_equal(migrate_version(db), 2);
    assert_int_equal(migrate_up_files(db, two_good, &applied, &f), ERR_OK);
    assert_int_equal(applied, 0);
    db_close(db);
    free(path);
    testing_rmdir(dir);
}

static void test_latest_is_highest_version_for_the_driver(void **state)
{
    static const struct embedded_file list[] = {
        FILE_ENTRY("sql/postgres/0009_nine.sql", ""),
        FILE_ENTRY("sql/sqlite/0001_one.sql", ""),
        FILE_ENTRY("sql/sqlite/0003_three.sql", ""),
        FILE_ENTRY("sql/sqlite/README", ""),
        END_ENTRY,
    };
    assert_int_equal(migrate_latest_files(DB_SQLITE, list), 3);
    assert_int_equal(migrate_latest_files(DB_POSTGRES, list), 9);
    assert_int_equal(migrate_latest_files(DB_SQLITE, list + 4), 0);
}

static void latest_of(void *arg)
{
    migrate_latest_files(DB_SQLITE, arg);
}

static void test_duplicate_version_aborts(void **state)
{
    static const struct embedded_file list[] = {
        FILE_ENTRY("sql/sqlite/0001_one.sql", ""),
        FILE_ENTRY("sql/sqlite/0001_other.sql", ""),
        END_ENTRY,
    };
    assert_true(testing_dies_with_abort(latest_of, (void *)list));
    assert_false(testing_dies_with_abort(latest_of, (void *)two_good));
}

static void test_non_numeric_version_aborts(void **state)
{
    static const struct embedded_file list[] = {
        FILE_ENTRY("sql/sqlite/00a1_one.sql", ""),
        END_ENTRY,
    };
    assert_true(testing_dies_with_abort(latest_of, (void *)list));
}

static void test_name_without_underscore_aborts(void **state)
{
    static const struct embedded_file list[] = {
        FILE_ENTRY("sql/sqlite/0001.sql", ""),
        END_ENTRY,
    };
    assert_true(testing_dies_with_abort(latest_of, (void *)list));
}

static void test_version_zero_aborts(void **state)
{
    static const struct embedded_file list[] = {
        FILE_ENTRY("sql/sqlite/0000_zero.sql", ""),
        END_ENTRY,
    };
    assert_true(testing_dies_with_abort(latest_of, (void *)list));
}

static int silence_log(void **state)
{
    (void)state;
    log_set_stream(fopen("/dev/null", "w"));
    return 0;
}

#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_version_of_empty_database_is_zero),
        T(test_up_applies_shipped_migrations_then_nothing),
        T(test_up_reaches_latest_shipped_version),
        T(test_shipped_migrations_create_area_tables),
        T(test_up_records_each_file_with_time),
        T(test_up_ignores_other_drivers_and_other_files),
        T(test_up_applies_only_newer_files),
        T(test_up_failure_rolls_back_the_failing_file),
        T(test_up_failure_keeps_earlier_files),
        T(test_up_failure_names_file_and_cause),
        T(test_up_skips_version_recorded_meanwhile),
        cmocka_unit_test(test_up_twice_on_a_file_across_connections),
        cmocka_unit_test(test_latest_is_highest_version_for_the_driver),
        cmocka_unit_test(test_duplicate_version_aborts),
        cmocka_unit_test(test_non_numeric_version_aborts),
        cmocka_unit_test(test_name_without_underscore_aborts),
        cmocka_unit_test(test_version_zero_aborts),
    };
    return cmocka_run_group_tests(tests, silence_log, NULL);
}
