/* Tests of src/db/db.c, the driver-neutral layer: choosing a driver from the
 * URL, turning driver errors into faults, transactions (including the abort
 * on nesting), read transactions (one snapshot; a write inside one aborts),
 * the data version and per-connection caches, and scripts. They run on the SQLite driver. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/log.h"
#include "db/db.h"
#include "db_testing.h"

static const char busy_msgid[] = "The database is busy or unreachable; try again in a moment.";
static const char internal_msgid[] = "Something went wrong on our side; it has been logged.";

static void test_memory_databases_are_private(void **state)
{
    struct fault f = {0};
    struct db *a = db_open("sqlite::memory:", &f);
    struct db *b = db_open(":memory:", &f);
    assert_non_null(a);
    assert_non_null(b);
    testing_exec(a, "CREATE TABLE only_in_a (x)");
    assert_null(db_prepare(b, "SELECT x FROM only_in_a"));
    db_close(a);
    db_close(b);
}

static void test_open_sqlite_prefix_opens_path(void **state)
{
    char *dir = testing_tmpdir();
    char *path = testing_join(dir, "prefixed.db");
    struct buf url = BUF_INIT;
    buf_printf(&url, "sqlite:%s", path);
    struct fault f = {0};
    struct db *db = db_open(buf_cstr(&url), &f);
    assert_non_null(db);
    testing_exec(db, "CREATE TABLE x (y)");
    assert_true(testing_exists(path));
    db_close(db);
    buf_free(&url);
    free(path);
    testing_rmdir(dir);
}

static void test_open_postgres_url_goes_to_postgres_driver(void **state)
{
    /* Port 1 is closed: the PostgreSQL driver's own fault comes back. */
    const char *urls[] = {"postgresql://127.0.0.1:1/wijk", "postgres://127.0.0.1:1/wijk"};
    for (size_t i = 0; i < 2; i++) {
        struct fault f = {0};
        assert_null(db_open(urls[i], &f));
        assert_int_equal(f.code, ERR_UNAVAILABLE);
        assert_string_equal(f.msgid, "Cannot connect to the database: %s");
    }
}

static void test_open_empty_path_fails(void **state)
{
    struct fault f = {0};
    assert_null(db_open("sqlite:", &f));
    assert_int_not_equal(f.code, ERR_OK);
}

static void test_kind_is_sqlite(void **state)
{
    assert_int_equal(db_kind(*state), DB_SQLITE);
}

static void test_done_accepts_null(void **state)
{
    db_done(NULL);
    struct db_stmt *st = db_prepare(*state, "SELECT 1"); /* the connection still works */
    assert_non_null(st);
    db_done(st);
}

static void test_fault_on_error_is_internal_and_generic(void **state)
{
    testing_run(*state, "INSERT INTO t (name) VALUES ('een')");
    struct fault f = {0};
    assert_int_equal(db_fault(*state, &f), ERR_INTERNAL);
    assert_int_equal(f.code, ERR_INTERNAL);
    assert_string_equal(f.msgid, internal_msgid);
    assert_null(f.args[0]);
}

static void test_fault_logs_driver_message(void **state)
{
    FILE *log = tmpfile();
    assert_non_null(log);
    log_set_stream(log);
    assert_null(db_prepare(*state, "SELECT * FROM no_such_table"));
    db_fault(*state, NULL);
    fflush(log);
    rewind(log);
    char line[1024] = "";
    assert_non_null(fgets(line, sizeof line, log));
    testing_silence_log(NULL);
    fclose(log);
    assert_non_null(strstr(line, "db_error"));
    assert_non_null(strstr(line, "no such table: no_such_table"));
}

static void test_busy_database_gives_unavailable(void **state)
{
    struct testing_file_db *fx = *state;
    struct fault f = {0};
    struct db *other = db_open(fx->path, &f);
    assert_non_null(other);
    testing_exec(other, "PRAGMA busy_timeout = 0"); /* fail at once instead of waiting */
    assert_int_equal(db_begin(fx->db, &f), ERR_OK);
    assert_int_equal(db_begin(other, &f), ERR_UNAVAILABLE);
    assert_string_equal(f.msgid, busy_msgid);
    assert_false(db_in_transaction(other));
    db_rollback(fx->db);
    assert_int_equal(db_begin(other, &f), ERR_OK); /* free again */
    db_rollback(other);
    db_close(other);
}

static void test_rollback_discards_writes(void **state)
{
    struct fault f = {0};
    assert_int_equal(db_begin(*state, &f), ERR_OK);
    assert_int_equal(testing_run(*state, "INSERT INTO t (name) VALUES ('weg')"), DB_DONE);
    db_rollback(*state);
    assert_int_equal(testing_int(*state, "SELECT count(*) FROM t WHERE name = 'weg'"), 0);
}

static void test_commit_keeps_writes_visible_to_others(void **state)
{
    struct testing_file_db *fx = *state;
    struct fault f = {0};
    struct db *other = db_open(fx->path, &f);
    assert_int_equal(db_begin(fx->db, &f), ERR_OK);
    assert_int_equal(testing_run(fx->db, "INSERT INTO t (name) VALUES ('blijft')"), DB_DONE);
    assert_int_equal(testing_int(other, "SELECT count(*) FROM t"), 0); /* not yet */
    assert_int_equal(db_commit(fx->db, &f), ERR_OK);
    assert_int_equal(testing_int(other, "SELECT count(*) FROM t WHERE name = 'blijft'"), 1);
    db_close(other);
}

static void test_in_transaction_follows_begin_and_end(void **state)
{
    struct fault f = {0};
    assert_false(db_in_transaction(*state));
    db_begin(*state, &f);
    assert_true(db_in_transaction(*state));
    db_commit(*state, &f);
    assert_false(db_in_transaction(*state));
    db_begin(*state, &f);
    db_rollback(*state);
    assert_false(db_in_transaction(*state));
}

static void test_rollback_outside_transaction_does_nothing(void **state)
{
    db_rollback(*state);
    assert_false(db_in_transaction(*state));
    assert_int_equal(testing_int(*state, "SELECT count(*) FROM t"), 3);
}

static void test_failed_commit_rolls_back(void **state)
{
    struct fault f = {0};
    assert_int_equal(db_begin(*state, &f), ERR_OK);
    assert_int_equal(testing_run(*state, "INSERT INTO t (name) VALUES ('half')"), DB_DONE);
    assert_int_equal(testing_run(*state, "INSERT INTO late (parent_id) VALUES (42)"), DB_DONE);
    assert_int_equal(db_commit(*state, &f), ERR_INTERNAL);
    assert_true(db_last_was_constraint(*state));
    assert_false(db_in_transaction(*state));
    assert_int_equal(testing_int(*state, "SELECT count(*) FROM t WHERE name = 'half'"), 0);
    assert_int_equal(db_begin(*state, &f), ERR_OK); /* the connection is clean */
    db_rollback(*state);
}

static void begin_twice(void *arg)
{
    struct fault f = {0};
    db_begin(arg, &f);
    db_begin(arg, &f);
}

static void test_nested_begin_aborts(void **state)
{
    assert_true(testing_dies_with_abort(begin_twice, *state));
    assert_false(db_in_transaction(*state)); /* only the child began */
}

static void test_read_transaction_sees_one_snapshot(void **state)
{
    struct testing_file_db *fx = *state;
    struct fault f = {0};
    struct db *other = db_open(fx->path, &f);
    assert_non_null(other);
    assert_int_equal(db_begin_read(fx->db, &f), ERR_OK);
    assert_true(db_in_read(fx->db));
    assert_false(db_in_transaction(fx->db));
    assert_int_equal(testing_int(fx->db, "SELECT count(*) FROM t"), 0);
    /* A writer is not held up by the reader, and the reader does not see
     * its row until the read transaction ends. */
    assert_int_equal(testing_run(other, "INSERT INTO t (name) VALUES ('later')"), DB_DONE);
    assert_int_equal(testing_int(fx->db, "SELECT count(*) FROM t"), 0);
    db_end_read(fx->db);
    assert_false(db_in_read(fx->db));
    assert_int_equal(testing_int(fx->db, "SELECT count(*) FROM t"), 1);
    db_close(other);
}

static void test_without_read_transaction_each_statement_sees_new_rows(void **state)
{
    struct testing_file_db *fx = *state;
    struct fault f = {0};
    struct db *other = db_open(fx->path, &f);
    assert_int_equal(testing_int(fx->db, "SELECT count(*) FROM t"), 0);
    assert_int_equal(testing_run(other, "INSERT INTO t (name) VALUES ('now')"), DB_DONE);
    assert_int_equal(testing_int(fx->db, "SELECT count(*) FROM t"), 1);
    db_close(other);
}

static void test_end_read_without_read_does_nothing(void **state)
{
    struct fault f = {0};
    db_end_read(*state);
    assert_false(db_in_read(*state));
    assert_int_equal(db_begin(*state, &f), ERR_OK); /* no transaction was left open */
    db_rollback(*state);
}

static void test_read_transaction_survives_a_failed_statement(void **state)
{
    struct fault f = {0};
    assert_int_equal(db_begin_read(*state, &f), ERR_OK);
    assert_null(db_prepare(*state, "SELECT * FROM no_such_table"));
    assert_int_equal(testing_int(*state, "SELECT count(*) FROM t"), 3);
    db_end_read(*state);
    assert_false(db_in_read(*state));
    assert_int_equal(db_begin(*state, &f), ERR_OK); /* the connection is clean */
    db_rollback(*state);
}

static void write_transaction_inside_read(void *arg)
{
    struct fault f = {0};
    db_begin_read(arg, &f);
    db_begin(arg, &f);
}

static void test_write_transaction_inside_read_aborts(void **state)
{
    assert_true(testing_dies_with_abort(write_transaction_inside_read, *state));
    assert_false(db_in_read(*state)); /* only the child began */
}

static void write_statement_inside_read(void *arg)
{
    struct fault f = {0};
    db_begin_read(arg, &f);
    testing_run(arg, "INSERT INTO t (name) VALUES ('sneaky')");
}

static void test_write_statement_inside_read_aborts(void **state)
{
    assert_true(testing_dies_with_abort(write_statement_inside_read, *state));
    assert_int_equal(testing_int(*state, "SELECT count(*) FROM t WHERE name = 'sneaky'"), 0);
}

static void read_inside_write_transaction(void *arg)
{
    struct fault f = {0};
    db_begin(arg, &f);
    db_begin_read(arg, &f);
}

static void read_inside_read(void *arg)
{
    struct fault f = {0};
    db_begin_read(arg, &f);
    db_begin_read(arg, &f);
}

static void test_read_transaction_inside_any_transaction_aborts(void **state)
{
    assert_true(testing_dies_with_abort(read_inside_write_transaction, *state));
    assert_true(testing_dies_with_abort(read_inside_read, *state));
}

/* The control for the two tests above: the same calls in the right order
 * return normally. */
static void read_then_write(void *arg)
{
    struct fault f = {0};
    db_begin_read(arg, &f);
    testing_int(arg, "SELECT count(*) FROM t");
    db_end_read(arg);
    db_begin(arg, &f);
    testing_run(arg, "INSERT INTO t (name) VALUES ('after')");
    db_commit(arg, &f);
}

static void test_write_after_read_transaction_does_not_abort(void **state)
{
    assert_false(testing_dies_with_abort(read_then_write, *state));
}

static void test_data_version_needs_a_read_transaction(void **state)
{
    uint64_t v = 42;
    assert_false(db_data_version(*state, &v));
    assert_int_equal(v, 0);
}

/* The data version inside a fresh read transaction on db. */
static uint64_t version_now(struct db *db)
{
    struct fault f = {0};
    uint64_t v = 0;
    assert_int_equal(db_begin_read(db, &f), ERR_OK);
    assert_true(db_data_version(db, &v));
    db_end_read(db);
    return v;
}

static void test_data_version_stays_while_nothing_changes(void **state)
{
    struct testing_file_db *fx = *state;
    uint64_t v = version_now(fx->db);
    assert_int_equal(testing_int(fx->db, "SELECT count(*) FROM t"), 0); /* a read */
    assert_int_equal(version_now(fx->db), v);
    assert_int_equal(version_now(fx->db), v);
}

static void test_data_version_changes_with_own_writes(void **state)
{
    struct testing_file_db *fx = *state;
    uint64_t v = version_now(fx->db);
    assert_int_equal(testing_run(fx->db, "INSERT INTO t (name) VALUES ('own')"), DB_DONE);
    uint64_t w = version_now(fx->db);
    assert_int_not_equal(w, v);
    struct fault f = {0};
    assert_int_equal(db_begin(fx->db, &f), ERR_OK);
    assert_int_equal(testing_run(fx->db, "UPDATE t SET name = 'eigen'"), DB_DONE);
    assert_int_equal(db_commit(fx->db, &f), ERR_OK);
    assert_int_not_equal(version_now(fx->db), w);
}

static void test_data_version_changes_with_other_connections_writes(void **state)
{
    struct testing_file_db *fx = *state;
    struct fault f = {0};
    struct db *other = db_open(fx->path, &f);
    uint64_t v = version_now(fx->db);
    assert_int_equal(testing_run(other, "INSERT INTO t (name) VALUES ('other')"), DB_DONE);
    assert_int_not_equal(version_now(fx->db), v);
    db_close(other);
}

static void test_data_version_is_read_before_any_statement(void **state)
{
    /* db_begin_read's BEGIN DEFERRED reads nothing yet; the version must
     * still be that of the snapshot the transaction then reads. */
    struct testing_file_db *fx = *state;
    struct fault f = {0};
    struct db *other = db_open(fx->path, &f);
    uint64_t v = version_now(fx->db);
    assert_int_equal(db_begin_read(fx->db, &f), ERR_OK);
    assert_int_equal(testing_run(other, "INSERT INTO t (name) VALUES ('between')"), DB_DONE);
    uint64_t w = 0;
    assert_true(db_data_version(fx->db, &w));
    assert_int_not_equal(w, v);
    assert_int_equal(testing_int(fx->db, "SELECT count(*) FROM t"), 1);
    db_end_read(fx->db);
    db_close(other);
}

static int freed;

static void count_free(void *cache)
{
    freed++;
    free(cache);
}

static const char owner_a = 'a', owner_b = 'b';

static void test_cache_is_kept_per_owner_and_freed_with_the_connection(void **state)
{
    struct fault f = {0};
    struct db *db = db_open("sqlite::memory:", &f);
    freed = 0;
    assert_null(db_cache(db, &owner_a));
    int *a = malloc(sizeof *a), *b = malloc(sizeof *b), *a2 = malloc(sizeof *a2);
    db_cache_set(db, &owner_a, a, count_free);
    db_cache_set(db, &owner_b, b, count_free);
    assert_ptr_equal(db_cache(db, &owner_a), a);
    assert_ptr_equal(db_cache(db, &owner_b), b);
    db_cache_set(db, &owner_a, a2, count_free); /* replaces and frees a */
    assert_int_equal(freed, 1);
    assert_ptr_equal(db_cache(db, &owner_a), a2);
    db_close(db);
    assert_int_equal(freed, 3);
}

static void five_caches(void *arg)
{
    static const char owners[5] = {0};
    for (int i = 0; i < 5; i++)
        db_cache_set(arg, &owners[i], malloc(1), free);
}

static void four_caches(void *arg)
{
    static const char owners[4] = {0};
    for (int i = 0; i < 4; i++)
        db_cache_set(arg, &owners[i], malloc(1), free);
}

static void test_fifth_cache_owner_aborts(void **state)
{
    assert_true(testing_dies_with_abort(five_caches, *state));
    assert_false(testing_dies_with_abort(four_caches, *state));
}

static void test_exec_script_runs_every_statement(void **state)
{
    struct fault f = {0};
    assert_int_equal(db_exec_script(*state,
                                    "CREATE TABLE s (v TEXT);"
                                    "INSERT INTO s VALUES ('a; b');"
                                    "INSERT INTO s VALUES ('c');",
                                    &f),
                     ERR_OK);
    assert_int_equal(testing_int(*state, "SELECT count(*) FROM s"), 2);
}

static void test_exec_script_error_fills_fault(void **state)
{
    struct fault f = {0};
    assert_int_equal(db_exec_script(*state, "CREATE TABLE u (v); INSERT INTO nope VALUES (1);", &f),
                     ERR_INTERNAL);
    assert_int_equal(f.code, ERR_INTERNAL);
    assert_non_null(strstr(db_errmsg(*state), "no such table: nope"));
}

#define FILE_TEST(t)                                                                               \
    cmocka_unit_test_setup_teardown(t, testing_file_db_setup, testing_file_db_teardown)
#define MEM_TEST(t)                                                                                \
    cmocka_unit_test_setup_teardown(t, testing_mem_db_setup, testing_mem_db_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memory_databases_are_private),
        cmocka_unit_test(test_open_sqlite_prefix_opens_path),
        cmocka_unit_test(test_open_postgres_url_goes_to_postgres_driver),
        cmocka_unit_test(test_open_empty_path_fails),
        MEM_TEST(test_kind_is_sqlite),
        MEM_TEST(test_done_accepts_null),
        MEM_TEST(test_fault_on_error_is_internal_and_generic),
        MEM_TEST(test_fault_logs_driver_message),
        FILE_TEST(test_busy_database_gives_unavailable),
        MEM_TEST(test_rollback_discards_writes),
        FILE_TEST(test_commit_keeps_writes_visible_to_others),
        MEM_TEST(test_in_transaction_follows_begin_and_end),
        MEM_TEST(test_rollback_outside_transaction_does_nothing),
        MEM_TEST(test_failed_commit_rolls_back),
        MEM_TEST(test_nested_begin_aborts),
        FILE_TEST(test_read_transaction_sees_one_snapshot),
        FILE_TEST(test_without_read_transaction_each_statement_sees_new_rows),
        MEM_TEST(test_end_read_without_read_does_nothing),
        MEM_TEST(test_read_transaction_survives_a_failed_statement),
        MEM_TEST(test_write_transaction_inside_read_aborts),
        MEM_TEST(test_write_statement_inside_read_aborts),
        MEM_TEST(test_read_transaction_inside_any_transaction_aborts),
        MEM_TEST(test_write_after_read_transaction_does_not_abort),
        MEM_TEST(test_data_version_needs_a_read_transaction),
        FILE_TEST(test_data_version_stays_while_nothing_changes),
        FILE_TEST(test_data_version_changes_with_own_writes),
        FILE_TEST(test_data_version_changes_with_other_connections_writes),
        FILE_TEST(test_data_version_is_read_before_any_statement),
        cmocka_unit_test(test_cache_is_kept_per_owner_and_freed_with_the_connection),
        MEM_TEST(test_fifth_cache_owner_aborts),
        MEM_TEST(test_exec_script_runs_every_statement),
        MEM_TEST(test_exec_script_error_fills_fault),
    };
    return cmocka_run_group_tests(tests, testing_silence_log, NULL);
}
