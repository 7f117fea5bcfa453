/* Tests of src/db/sqlite.c: the pragmas a connection gets, the statement
 * cache, binding and reading each type, RETURNING and upserts, and which
 * errors count as constraint violations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "db_testing.h"

static void test_open_file_uses_wal_journal(void **state)
{
    struct testing_file_db *fx = *state;
    char *mode = testing_text(fx->db, "PRAGMA journal_mode");
    assert_string_equal(mode, "wal");
    free(mode);
}

static void test_open_sets_synchronous_normal(void **state)
{
    struct testing_file_db *fx = *state;
    assert_int_equal(testing_int(fx->db, "PRAGMA synchronous"), 1); /* NORMAL */
}

static void test_open_turns_foreign_keys_on(void **state)
{
    struct testing_file_db *fx = *state;
    assert_int_equal(testing_int(fx->db, "PRAGMA foreign_keys"), 1);
}

static void test_open_sets_busy_timeout(void **state)
{
    struct testing_file_db *fx = *state;
    assert_int_equal(testing_int(fx->db, "PRAGMA busy_timeout"), 5000);
}

static void test_open_sets_mmap_size(void **state)
{
    struct testing_file_db *fx = *state;
    assert_int_equal(testing_int(fx->db, "PRAGMA mmap_size"), 268435456);
}

static void test_open_memory_keeps_memory_journal(void **state)
{
    char *mode = testing_text(*state, "PRAGMA journal_mode");
    assert_string_equal(mode, "memory");
    free(mode);
    assert_int_equal(testing_int(*state, "PRAGMA foreign_keys"), 1);
}

static void test_open_unreachable_path_fails_unavailable(void **state)
{
    struct fault f = {0};
    assert_null(db_open("/nonexistent-wijk-dir/sub/wijk.db", &f));
    assert_int_equal(f.code, ERR_UNAVAILABLE);
    assert_non_null(f.msgid);
}

static void test_open_non_database_file_fails(void **state)
{
    char *dir = testing_tmpdir();
    char *path = testing_join(dir, "junk.db");
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    for (int i = 0; i < 200; i++)
        fputs("this is not a database file at all. ", fp);
    fclose(fp);
    struct fault f = {0};
    assert_null(db_open(path, &f));
    assert_int_equal(f.code, ERR_UNAVAILABLE);
    free(path);
    testing_rmdir(dir);
}

static void test_prepare_same_text_reuses_cached_statement(void **state)
{
    const char *sql = "SELECT name FROM t WHERE id = ?";
    struct db_stmt *a = db_prepare(*state, sql);
    assert_non_null(a);
    db_done(a);
    /* A different buffer with the same text: the cache compares text. */
    char copy[64];
    strcpy(copy, sql);
    struct db_stmt *b = db_prepare(*state, copy);
    assert_ptr_equal(a, b);
    db_done(b);
}

static void test_prepare_different_text_gives_other_statement(void **state)
{
    struct db_stmt *a = db_prepare(*state, "SELECT 1");
    db_done(a);
    struct db_stmt *b = db_prepare(*state, "SELECT 2");
    assert_ptr_not_equal(a, b);
    assert_int_equal(db_step(b), DB_ROW);
    assert_int_equal(db_col_int(b, 0), 2);
    db_done(b);
}

static void test_prepare_while_live_gives_fresh_statement(void **state)
{
    const char *sql = "SELECT id FROM t WHERE id >= ? ORDER BY id";
    struct db_stmt *a = db_prepare(*state, sql);
    db_bind_int(a, 1, 2);
    assert_int_equal(db_step(a), DB_ROW);
    assert_int_equal(db_col_int(a, 0), 2);

    struct db_stmt *b = db_prepare(*state, sql);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    db_bind_int(b, 1, 1);
    assert_int_equal(db_step(b), DB_ROW);
    assert_int_equal(db_col_int(b, 0), 1);

    assert_int_equal(db_step(a), DB_ROW); /* a kept its own place */
    assert_int_equal(db_col_int(a, 0), 3);
    db_done(b);
    db_done(a);
    assert_ptr_equal(db_prepare(*state, sql), a); /* the cached one comes back */
    db_done(a);
}

/* A reset statement runs again with new parameters, the old ones
 * cleared, and stays the caller's: a prepare of the same text meanwhile
 * gets another statement. */
static void test_reset_runs_again_with_new_parameters(void **state)
{
    struct db *db = *state;
    const char *sql = "SELECT ? IS NULL, ?";
    struct db_stmt *st = db_prepare(db, sql);
    for (int i = 1; i <= 3; i++) {
        db_reset(st);
        db_bind_int(st, 1, i);
        db_bind_int(st, 2, 10 * i);
        assert_int_equal(db_step(st), DB_ROW);
        assert_int_equal(db_col_int(st, 0), 0);
        assert_int_equal(db_col_int(st, 1), 10 * i);
        assert_int_equal(db_step(st), DB_DONE);
    }
    db_reset(st);
    db_bind_int(st, 2, 5);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_int(st, 0), 1); /* parameter 1 was cleared */
    struct db_stmt *other = db_prepare(db, sql);
    assert_ptr_not_equal(other, st);
    db_done(other);
    db_done(st);
}

static void test_done_clears_bindings(void **state)
{
    const char *sql = "SELECT ? IS NULL";
    struct db_stmt *st = db_prepare(*state, sql);
    db_bind_int(st, 1, 7);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_int(st, 0), 0);
    db_done(st);
    st = db_prepare(*state, sql);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_int(st, 0), 1);
    db_done(st);
}

static void test_prepare_invalid_sql_returns_null(void **state)
{
    assert_null(db_prepare(*state, "SELEKT name FROM t"));
    assert_non_null(strstr(db_errmsg(*state), "syntax error"));
    assert_false(db_last_was_constraint(*state));
}

static void test_prepare_empty_sql_returns_null(void **state)
{
    assert_null(db_prepare(*state, "   "));
    assert_string_not_equal(db_errmsg(*state), "");
}

static void test_bind_int_round_trips_extremes(void **state)
{
    const int64_t values[] = {0, -1, INT64_MAX, INT64_MIN, 4294967296};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        struct db_stmt *st = db_prepare(*state, "SELECT ?");
        db_bind_int(st, 1, values[i]);
        assert_int_equal(db_step(st), DB_ROW);
        assert_true(db_col_int(st, 0) == values[i]);
        assert_false(db_col_is_null(st, 0));
        db_done(st);
    }
}

static void test_bind_double_round_trips(void **state)
{
    struct db_stmt *st = db_prepare(*state, "INSERT INTO t (name, x) VALUES ('d', ?)");
    db_bind_double(st, 1, 52.3676);
    assert_int_equal(db_step(st), DB_DONE);
    db_done(st);
    st = db_prepare(*state, "SELECT x FROM t WHERE name = 'd'");
    assert_int_equal(db_step(st), DB_ROW);
    assert_float_equal(db_col_double(st, 0), 52.3676, 0.0);
    db_done(st);
}

static void test_bind_text_keeps_utf8_and_quotes(void **state)
{
    const char *name = "Zoë's \"buurt\" — café ’t Hoekje'); DROP TABLE t; --";
    struct db_stmt *st = db_prepare(*state, "INSERT INTO t (name) VALUES (?)");
    db_bind_text(st, 1, name);
    assert_int_equal(db_step(st), DB_DONE);
    db_done(st);
    st = db_prepare(*state, "SELECT name, length(name) FROM t WHERE name = ?");
    db_bind_text(st, 1, name);
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_col_text(st, 0), name);
    assert_int_equal(db_col_int(st, 1), 50); /* characters, not bytes */
    db_done(st);
    assert_int_equal(testing_int(*state, "SELECT count(*) FROM t"), 4);
}

static void test_bind_text_copies_the_string(void **state)
{
    char name[] = "origineel";
    struct db_stmt *st = db_prepare(*state, "SELECT ?");
    db_bind_text(st, 1, name);
    strcpy(name, "veranderd");
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_col_text(st, 0), "origineel");
    db_done(st);
}

static void test_bind_text_null_binds_sql_null(void **state)
{
    struct db_stmt *st = db_prepare(*state, "SELECT ? IS NULL, ?");
    db_bind_text(st, 1, NULL);
    db_bind_text(st, 2, NULL);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_int(st, 0), 1);
    assert_true(db_col_is_null(st, 1));
    db_done(st);
}

static void test_null_columns_read_as_zero_and_null(void **state)
{
    struct db_stmt *st = db_prepare(*state, "SELECT ?, ?, ?");
    for (int i = 1; i <= 3; i++)
        db_bind_null(st, i);
    assert_int_equal(db_step(st), DB_ROW);
    assert_true(db_col_is_null(st, 0));
    assert_int_equal(db_col_int(st, 0), 0);
    assert_float_equal(db_col_double(st, 1), 0.0, 0.0);
    assert_null(db_col_text(st, 2));
    db_done(st);
}

static void test_bind_out_of_range_fails_step(void **state)
{
    struct db_stmt *st = db_prepare(*state, "INSERT INTO t (name) VALUES (?)");
    db_bind_text(st, 1, "vijf");
    db_bind_text(st, 2, "te veel");
    assert_int_equal(db_step(st), DB_ERROR);
    db_done(st);
    assert_non_null(strstr(db_errmsg(*state), "parameter 2"));
    assert_int_equal(testing_int(*state, "SELECT count(*) FROM t WHERE name = 'vijf'"), 0);
}

static void test_col_count_counts_result_columns(void **state)
{
    struct db_stmt *st = db_prepare(*state, "SELECT id, name, n FROM t");
    assert_int_equal(db_col_count(st), 3);
    db_done(st);
    st = db_prepare(*state, "DELETE FROM t WHERE id = 99");
    assert_int_equal(db_col_count(st), 0);
    db_done(st);
}

static void test_step_reports_done_after_last_row(void **state)
{
    struct db_stmt *st = db_prepare(*state, "SELECT id FROM t ORDER BY id");
    int rows = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW)
        rows++;
    db_done(st);
    assert_int_equal(rc, DB_DONE);
    assert_int_equal(rows, 3);
}

static void test_insert_returning_gives_new_row(void **state)
{
    struct db_stmt *st =
        db_prepare(*state, "INSERT INTO t (name, n) VALUES (?, ?) RETURNING id, n");
    db_bind_text(st, 1, "vier");
    db_bind_int(st, 2, 40);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_int(st, 0), 4);
    assert_int_equal(db_col_int(st, 1), 40);
    assert_int_equal(db_step(st), DB_DONE);
    db_done(st);
}

static void test_on_conflict_do_update_changes_existing_row(void **state)
{
    const char *sql = "INSERT INTO t (name, n) VALUES (?, ?)"
                      " ON CONFLICT (name) DO UPDATE SET n = excluded.n";
    for (int round = 1; round <= 2; round++) {
        struct db_stmt *st = db_prepare(*state, sql);
        db_bind_text(st, 1, "twee");
        db_bind_int(st, 2, 20 * round);
        assert_int_equal(db_step(st), DB_DONE);
        db_done(st);
    }
    assert_int_equal(testing_int(*state, "SELECT n FROM t WHERE name = 'twee'"), 40);
    assert_int_equal(testing_int(*state, "SELECT count(*) FROM t"), 3);
}

static void test_changes_counts_rows_updated(void **state)
{
    struct db_stmt *st = db_prepare(*state, "UPDATE t SET n = 1 WHERE id >= ?");
    db_bind_int(st, 1, 2);
    assert_int_equal(db_step(st), DB_DONE);
    db_done(st);
    assert_int_equal(db_changes(*state), 2);
}

static void test_unique_violation_is_constraint(void **state)
{
    assert_int_equal(testing_run(*state, "INSERT INTO t (name) VALUES ('een')"), DB_ERROR);
    assert_true(db_last_was_constraint(*state));
    assert_non_null(strstr(db_errmsg(*state), "UNIQUE"));
}

static void test_foreign_key_violation_is_constraint(void **state)
{
    assert_int_equal(testing_run(*state, "INSERT INTO child (parent_id) VALUES (42)"), DB_ERROR);
    assert_true(db_last_was_constraint(*state));
}

static void test_check_violation_is_constraint(void **state)
{
    assert_int_equal(testing_run(*state, "INSERT INTO t (name, n) VALUES ('min', -1)"), DB_ERROR);
    assert_true(db_last_was_constraint(*state));
}

static void test_later_error_clears_constraint_flag(void **state)
{
    assert_int_equal(testing_run(*state, "INSERT INTO t (name) VALUES ('een')"), DB_ERROR);
    assert_true(db_last_was_constraint(*state));
    assert_null(db_prepare(*state, "SELECT nope FROM t"));
    assert_false(db_last_was_constraint(*state));
}

static void test_close_frees_live_statements(void **state)
{
    struct fault f = {0};
    struct db *db = db_open(":memory:", &f);
    struct db_stmt *a = db_prepare(db, "SELECT 1");
    struct db_stmt *b = db_prepare(db, "SELECT 1");
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(db_step(a), DB_ROW);
    db_close(db); /* leak checkers (ASan) fail this test if anything is left */
}

#define FILE_TEST(t)                                                                               \
    cmocka_unit_test_setup_teardown(t, testing_file_db_setup, testing_file_db_teardown)
#define MEM_TEST(t)                                                                                \
    cmocka_unit_test_setup_teardown(t, testing_mem_db_setup, testing_mem_db_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        FILE_TEST(test_open_file_uses_wal_journal),
        FILE_TEST(test_open_sets_synchronous_normal),
        FILE_TEST(test_open_turns_foreign_keys_on),
        FILE_TEST(test_open_sets_busy_timeout),
        FILE_TEST(test_open_sets_mmap_size),
        MEM_TEST(test_open_memory_keeps_memory_journal),
        cmocka_unit_test(test_open_unreachable_path_fails_unavailable),
        cmocka_unit_test(test_open_non_database_file_fails),
        MEM_TEST(test_prepare_same_text_reuses_cached_statement),
        MEM_TEST(test_prepare_different_text_gives_other_statement),
        MEM_TEST(test_prepare_while_live_gives_fresh_statement),
        MEM_TEST(test_done_clears_bindings),
        MEM_TEST(test_reset_runs_again_with_new_parameters),
        MEM_TEST(test_prepare_invalid_sql_returns_null),
        MEM_TEST(test_prepare_empty_sql_returns_null),
        MEM_TEST(test_bind_int_round_trips_extremes),
        MEM_TEST(test_bind_double_round_trips),
        MEM_TEST(test_bind_text_keeps_utf8_and_quotes),
        MEM_TEST(test_bind_text_copies_the_string),
        MEM_TEST(test_bind_text_null_binds_sql_null),
        MEM_TEST(test_null_columns_read_as_zero_and_null),
        MEM_TEST(test_bind_out_of_range_fails_step),
        MEM_TEST(test_col_count_counts_result_columns),
        MEM_TEST(test_step_reports_done_after_last_row),
        MEM_TEST(test_insert_returning_gives_new_row),
        MEM_TEST(test_on_conflict_do_update_changes_existing_row),
        MEM_TEST(test_changes_counts_rows_updated),
        MEM_TEST(test_unique_violation_is_constraint),
        MEM_TEST(test_foreign_key_violation_is_constraint),
        MEM_TEST(test_check_violation_is_constraint),
        MEM_TEST(test_later_error_clears_constraint_flag),
        cmocka_unit_test(test_close_frees_live_statements),
    };
    return cmocka_run_group_tests(tests, testing_silence_log, NULL);
}
