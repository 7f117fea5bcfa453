/* Tests of src/db/migrate.c on PostgreSQL: two `wijkregie migrate` runs on
 * one database at the same moment (two deployments starting together, or an
 * operator and a `serve --migrate`) both succeed, and every migration is
 * applied exactly once. Each test makes a fresh database on the server named
 * by $WIJKREGIE_TEST_PG_URL and drops it afterwards; without the variable
 * every test is skipped.
 *
 * Two threads, each with its own connection, meet at a barrier and then call
 * migrate_up at once. The test's own migrations sleep inside their
 * transaction, so the two runs overlap for certain; without the advisory lock
 * the second CREATE TABLE fails or an INSERT runs twice. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/embed.h"
#include "db/db.h"
#include "db/driver.h"
#include "db/migrate.h"
#include "db_testing.h"
#include "pg_testing.h"

// clang-format off
#define FILE_ENTRY(p, sql) {p, (const unsigned char *)(sql), sizeof(sql) - 1}
#define END_ENTRY {NULL, NULL, 0}
// clang-format on

/* Each file leaves one row in race_log, so a file applied twice shows as a
 * second row; 0001 and 0003 also create tables, which fails outright when
 * two transactions run them together. */
static const struct embedded_file slow_three[] = {
    FILE_ENTRY("sql/postgres/0001_log.sql", "CREATE TABLE race_log (version INTEGER NOT NULL);"
                                            "INSERT INTO race_log VALUES (1);"
                                            "SELECT pg_sleep(0.3);"),
    FILE_ENTRY("sql/postgres/0002_insert.sql", "INSERT INTO race_log VALUES (2);"
                                               "SELECT pg_sleep(0.2);"),
    FILE_ENTRY("sql/postgres/0003_table.sql", "CREATE TABLE race_three (x INTEGER);"
                                              "INSERT INTO race_log VALUES (3);"),
    FILE_ENTRY("sql/sqlite/0001_log.sql", "CREATE TABLE race_log (version INTEGER NOT NULL);"),
    END_ENTRY,
};

/* One migrate run in a thread of its own. */
struct racer {
    const char *url;
    const struct embedded_file *files;
    pthread_barrier_t *start;
    bool opened;
    enum err e;
    int applied;
};

static void *race(void *arg)
{
    struct racer *r = arg;
    struct fault f = {0};
    struct db *db = db_open(r->url, &f);
    r->opened = db != NULL;
    pthread_barrier_wait(r->start);
    if (!db)
        return NULL;
    r->e = migrate_up_files(db, r->files, &r->applied, &f);
    if (r->e != ERR_OK) {
        char *msg = fault_format(f.msgid ? f.msgid : "(no message)", &f);
        fprintf(stderr, "# migrate in a thread failed: %s\n", msg);
        free(msg);
    }
    db_close(db);
    return NULL;
}

/* Runs two migrate_up_files(files) on url at once; fills r[0] and r[1]. */
static void race_two(const char *url, const struct embedded_file *files, struct racer r[2])
{
    pthread_barrier_t start;
    pthread_t t[2];
    assert_int_equal(pthread_barrier_init(&start, NULL, 2), 0);
    for (int i = 0; i < 2; i++) {
        r[i] = (struct racer){
            .url = url, .files = files, .start = &start, .e = ERR_INTERNAL, .applied = -1};
        assert_int_equal(pthread_create(&t[i], NULL, race, &r[i]), 0);
    }
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_join(t[i], NULL), 0);
    pthread_barrier_destroy(&start);
    assert_true(r[0].opened && r[1].opened);
}

/* A fresh database for one test, or a skip when there is no server. */
static char *fresh_db(void)
{
    const char *base = pg_testing_url();
    if (!base)
        skip();
    char *url = pg_testing_create_db(base, "wijk_migrate_race");
    assert_non_null(url);
    return url;
}

static struct db *open_or_fail(const char *url)
{
    struct fault f = {0};
    struct db *db = db_open(url, &f);
    assert_non_null(db);
    return db;
}

static void test_two_runs_at_once_both_succeed(void **state)
{
    (void)state;
    char *url = fresh_db();
    struct racer r[2];
    race_two(url, slow_three, r);
    assert_int_equal(r[0].e, ERR_OK);
    assert_int_equal(r[1].e, ERR_OK);
    assert_true(pg_testing_drop_db(pg_testing_url(), url));
}

static void test_two_runs_at_once_apply_each_file_once(void **state)
{
    /* schema_migration exists already (an earlier release migrated), so the
     * two runs meet at the files themselves. */
    (void)state;
    char *url = fresh_db();
    struct db *db = open_or_fail(url);
    testing_exec(db, "CREATE TABLE schema_migration (version INTEGER PRIMARY KEY,"
                     " name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    struct racer r[2];
    race_two(url, slow_three, r);
    assert_int_equal(r[0].e, ERR_OK);
    assert_int_equal(r[1].e, ERR_OK);
    assert_int_equal(r[0].applied + r[1].applied, 3);
    assert_int_equal(testing_int(db, "SELECT count(*) FROM race_log"), 3);
    assert_int_equal(testing_int(db, "SELECT count(DISTINCT version) FROM race_log"), 3);
    assert_int_equal(testing_int(db, "SELECT count(*) FROM schema_migration"), 3);
    assert_int_equal(migrate_version(db), 3);
    db_close(db);
    assert_true(pg_testing_drop_db(pg_testing_url(), url));
}

static void test_two_runs_of_shipped_migrations_reach_latest(void **state)
{
    (void)state;
    char *url = fresh_db();
    struct racer r[2];
    race_two(url, embedded_files, r);
    assert_int_equal(r[0].e, ERR_OK);
    assert_int_equal(r[1].e, ERR_OK);
    struct db *db = open_or_fail(url);
    int64_t files = testing_int(db, "SELECT count(*) FROM schema_migration");
    assert_true(files >= 1);
    assert_int_equal(r[0].applied + r[1].applied, files);
    assert_int_equal(migrate_version(db), migrate_latest(db));
    db_close(db);
    assert_true(pg_testing_drop_db(pg_testing_url(), url));
}

static void test_run_after_a_finished_run_applies_nothing(void **state)
{
    (void)state;
    char *url = fresh_db();
    struct db *db = open_or_fail(url);
    struct fault f = {0};
    int applied = -1;
    assert_int_equal(migrate_up_files(db, slow_three, &applied, &f), ERR_OK);
    assert_int_equal(applied, 3);
    assert_int_equal(migrate_up_files(db, slow_three, &applied, &f), ERR_OK);
    assert_int_equal(applied, 0);
    assert_int_equal(testing_int(db, "SELECT count(*) FROM race_log"), 3);
    assert_false(db_in_transaction(db));
    db_close(db);
    assert_true(pg_testing_drop_db(pg_testing_url(), url));
}

static void test_failing_file_releases_the_lock(void **state)
{
    /* The lock is a transaction lock: a migration that fails and rolls back
     * must not leave it held, or the next run would wait forever. */
    static const struct embedded_file broken[] = {
        FILE_ENTRY("sql/postgres/0001_broken.sql", "INSERT INTO no_such_table VALUES (1);"),
        END_ENTRY,
    };
    (void)state;
    char *url = fresh_db();
    struct db *db = open_or_fail(url);
    struct fault f = {0};
    assert_int_equal(migrate_up_files(db, broken, NULL, &f), ERR_INTERNAL);
    struct db *other = open_or_fail(url);
    assert_int_equal(
        testing_int(other, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"), 0);
    int applied = -1;
    assert_int_equal(migrate_up_files(other, slow_three, &applied, &f), ERR_OK);
    assert_int_equal(applied, 3);
    db_close(other);
    db_close(db);
    assert_true(pg_testing_drop_db(pg_testing_url(), url));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_runs_at_once_both_succeed),
        cmocka_unit_test(test_two_runs_at_once_apply_each_file_once),
        cmocka_unit_test(test_two_runs_of_shipped_migrations_reach_latest),
        cmocka_unit_test(test_run_after_a_finished_run_applies_nothing),
        cmocka_unit_test(test_failing_file_releases_the_lock),
    };
    return cmocka_run_group_tests(tests, testing_silence_log, NULL);
}
