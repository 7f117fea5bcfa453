/* Tests of read replicas in src/db: write positions and their strict form
 * (db_wal_position, db_wal_position_valid, db_replica_caught_up in db.h),
 * and the replica's state in db/replica.c: a replica that cannot be
 * reached or fails is left alone for DB_REPLICA_RETRY_SECONDS, then tried
 * again, with one log line when it goes away and one when it comes back.
 *
 * The state tests use a SQLite file as the "replica" (SQLite has no log
 * positions, so it is always caught up): what they check is when the
 * replica is asked at all. The PostgreSQL tests run against
 * $WIJKREGIE_TEST_PG_URL, a primary, and skip without it; a real standby
 * is tested by tests/scale/replica.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>

#include "core/log.h"
#include "core/mem.h"
#include "db/db.h"
#include "db/replica.h"
#include "db_testing.h"
#include "pg_testing.h"

enum { T0 = 1700000000 };

/* ---- the form of a position ------------------------------------------- */

static void test_valid_positions_are_accepted(void **state)
{
    (void)state;
    assert_true(db_wal_position_valid("0/0"));
    assert_true(db_wal_position_valid("16/B374D848"));
    assert_true(db_wal_position_valid("ffffffff/FFFFFFFF"));
    assert_true(db_wal_position_valid("a/1"));
}

static void test_malformed_positions_are_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",      "/",    "1/",    "/1",    "123456789/0", "0/123456789",
        "1/2/3", "g/1",  " 1/2",  "1/2 ",  "1/2;x",       "-1/2",
        "0x1/2", "1//2", "1\t/2", "1/2\n", "１/2",        "1/2; Path=/",
    };
    assert_false(db_wal_position_valid(NULL));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (db_wal_position_valid(bad[i]))
            fail_msg("accepted \"%s\"", bad[i]);
}

static void test_url_kind_tells_postgres_from_sqlite(void **state)
{
    (void)state;
    assert_int_equal(db_url_kind("postgresql://u@127.0.0.1/db"), DB_POSTGRES);
    assert_int_equal(db_url_kind("postgres://u@h/db"), DB_POSTGRES);
    assert_int_equal(db_url_kind("sqlite:/tmp/x.db"), DB_SQLITE);
    assert_int_equal(db_url_kind("/var/lib/wijkregie/wijkregie.db"), DB_SQLITE);
    assert_int_equal(db_url_kind("postgresq://h/db"), DB_SQLITE);
}

/* ---- SQLite: no positions, always caught up ----------------------------- */

static void test_sqlite_has_no_position(void **state)
{
    struct testing_file_db *fx = *state;
    char pos[DB_WAL_POSITION_MAX] = "junk";
    struct fault f = {0};
    assert_int_equal(db_wal_position(fx->db, pos, &f), ERR_OK);
    assert_string_equal(pos, "");
}

static void test_sqlite_is_caught_up_with_any_valid_position(void **state)
{
    struct testing_file_db *fx = *state;
    struct fault f = {0};
    bool yes = false;
    assert_int_equal(db_replica_caught_up(fx->db, "FFFFFFFF/FFFFFFFF", &yes, &f), ERR_OK);
    assert_true(yes);
    assert_int_equal(db_replica_caught_up(fx->db, "1/2; x", &yes, &f), ERR_OK);
    assert_false(yes);
}

/* ---- the replica's state ------------------------------------------------ */

struct fx {
    char *dir;      /* a fresh directory */
    char *sub;      /* dir/sub: missing until a test makes it */
    char *path;     /* dir/sub/replica.db */
    char *log_path; /* where log lines go */
    FILE *log;
    struct db_replica *rep;
};

static int setup(void **state)
{
    struct fx *fx = xcalloc(1, sizeof *fx);
    fx->dir = testing_tmpdir();
    fx->sub = testing_join(fx->dir, "sub");
    fx->path = testing_join(fx->sub, "replica.db");
    fx->log_path = testing_join(fx->dir, "log");
    fx->log = fopen(fx->log_path, "w+");
    assert_non_null(fx->log);
    log_set_stream(fx->log);
    fx->rep = db_replica_new(fx->path);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fx *fx = *state;
    db_replica_free(fx->rep);
    testing_silence_log(NULL);
    fclose(fx->log);
    struct stat sb;
    if (stat(fx->sub, &sb) == 0)
        testing_rmdir(xstrdup(fx->sub));
    testing_rmdir(fx->dir);
    free(fx->sub);
    free(fx->path);
    free(fx->log_path);
    free(fx);
    return 0;
}

static void make_reachable(struct fx *fx)
{
    assert_int_equal(mkdir(fx->sub, 0700), 0);
}

/* How many log lines so far hold needle. */
static int logged(struct fx *fx, const char *needle)
{
    fflush(fx->log);
    rewind(fx->log);
    int n = 0;
    char line[1024];
    while (fgets(line, sizeof line, fx->log))
        n += strstr(line, needle) != NULL;
    fseek(fx->log, 0, SEEK_END);
    return n;
}

static void test_reachable_replica_is_used(void **state)
{
    struct fx *fx = *state;
    make_reachable(fx);
    bool behind = true;
    struct db *db = db_replica_get(fx->rep, NULL, T0, &behind);
    assert_non_null(db);
    assert_false(behind);
    assert_ptr_equal(db_replica_get(fx->rep, "0/1", T0, &behind), db); /* per thread: the same */
    assert_true(db_replica_in_use(fx->rep));
    assert_int_equal(logged(fx, "replica_down"), 0);
}

static void test_unreachable_replica_is_left_alone_until_retry(void **state)
{
    struct fx *fx = *state;
    assert_null(db_replica_get(fx->rep, NULL, T0, NULL)); /* cannot be opened */
    assert_false(db_replica_in_use(fx->rep));
    make_reachable(fx);
    /* Reachable now, but not asked again before the retry time. */
    assert_null(db_replica_get(fx->rep, NULL, T0 + DB_REPLICA_RETRY_SECONDS - 1, NULL));
    assert_false(db_replica_in_use(fx->rep));
    assert_non_null(db_replica_get(fx->rep, NULL, T0 + DB_REPLICA_RETRY_SECONDS, NULL));
    assert_true(db_replica_in_use(fx->rep));
}

static void test_failed_retry_waits_another_interval(void **state)
{
    struct fx *fx = *state;
    int64_t t = T0;
    assert_null(db_replica_get(fx->rep, NULL, t, NULL));
    t += DB_REPLICA_RETRY_SECONDS;
    assert_null(db_replica_get(fx->rep, NULL, t, NULL)); /* tried: still missing */
    make_reachable(fx);
    assert_null(db_replica_get(fx->rep, NULL, t + DB_REPLICA_RETRY_SECONDS - 1, NULL));
    assert_non_null(db_replica_get(fx->rep, NULL, t + DB_REPLICA_RETRY_SECONDS, NULL));
}

static void test_failed_read_sends_reads_to_primary_until_retry(void **state)
{
    struct fx *fx = *state;
    make_reachable(fx);
    assert_non_null(db_replica_get(fx->rep, NULL, T0, NULL));
    db_replica_failed(fx->rep, T0 + 10);
    assert_false(db_replica_in_use(fx->rep));
    assert_null(db_replica_get(fx->rep, NULL, T0 + 10, NULL));
    assert_null(db_replica_get(fx->rep, NULL, T0 + 10 + DB_REPLICA_RETRY_SECONDS - 1, NULL));
    assert_non_null(db_replica_get(fx->rep, NULL, T0 + 10 + DB_REPLICA_RETRY_SECONDS, NULL));
    assert_true(db_replica_in_use(fx->rep));
}

static void test_going_down_and_up_is_logged_once_each(void **state)
{
    struct fx *fx = *state;
    for (int i = 0; i < 4; i++) /* four failures in a row, one line */
        assert_null(db_replica_get(fx->rep, NULL, T0 + i * DB_REPLICA_RETRY_SECONDS, NULL));
    db_replica_failed(fx->rep, T0 + 100);
    assert_int_equal(logged(fx, "event=replica_down"), 1);
    assert_int_equal(logged(fx, "event=replica_up"), 0);
    make_reachable(fx);
    assert_non_null(db_replica_get(fx->rep, NULL, T0 + 200, NULL));
    assert_non_null(db_replica_get(fx->rep, NULL, T0 + 201, NULL));
    assert_int_equal(logged(fx, "event=replica_up"), 1);
    db_replica_failed(fx->rep, T0 + 300);
    assert_int_equal(logged(fx, "event=replica_down"), 2);
}

static void test_malformed_position_is_not_caught_up(void **state)
{
    struct fx *fx = *state;
    make_reachable(fx);
    bool behind = false;
    assert_null(db_replica_get(fx->rep, "not/a-position", T0, &behind));
    assert_true(behind); /* read from the primary; the replica stays in use */
    assert_true(db_replica_in_use(fx->rep));
}

/* ---- PostgreSQL (a primary) ---------------------------------------------- */

static struct db *pg_or_skip(void)
{
    const char *url = pg_testing_url();
    if (!url)
        skip();
    struct fault f = {0};
    struct db *db = db_open(url, &f);
    if (!db)
        fail_msg("cannot connect to $WIJKREGIE_TEST_PG_URL");
    return db;
}

/* Whether the server orders position a before b (as pg_lsn, not as text). */
static bool pg_before(struct db *db, const char *a, const char *b)
{
    struct db_stmt *st = db_prepare(db, "SELECT CAST(? AS pg_lsn) < CAST(? AS pg_lsn)");
    assert_non_null(st);
    db_bind_text(st, 1, a);
    db_bind_text(st, 2, b);
    assert_int_equal(db_step(st), DB_ROW);
    bool before = db_col_int(st, 0) == 1;
    db_done(st);
    return before;
}

static void test_pg_position_is_valid_and_moves_past_a_commit(void **state)
{
    (void)state;
    struct db *db = pg_or_skip();
    char before[DB_WAL_POSITION_MAX], after[DB_WAL_POSITION_MAX];
    struct fault f = {0};
    assert_int_equal(db_wal_position(db, before, &f), ERR_OK);
    assert_true(db_wal_position_valid(before));
    testing_exec(db, "CREATE TEMP TABLE replica_t (n BIGINT); INSERT INTO replica_t VALUES (1)");
    assert_int_equal(db_wal_position(db, after, &f), ERR_OK);
    assert_true(db_wal_position_valid(after));
    assert_true(pg_before(db, before, after));
    db_close(db);
}

static void test_pg_primary_is_never_caught_up(void **state)
{
    (void)state;
    struct db *db = pg_or_skip();
    struct fault f = {0};
    bool yes = true;
    /* Not replaying a log: even the first position is not "replayed". */
    assert_int_equal(db_replica_caught_up(db, "0/0", &yes, &f), ERR_OK);
    assert_false(yes);
    yes = true;
    assert_int_equal(db_replica_caught_up(db, "0/0'; SELECT 1", &yes, &f), ERR_OK);
    assert_false(yes);
    db_close(db);
}

/* Terminates db's server process from another connection and waits until
 * it is gone (at most 5 s). */
static void kill_backend(struct db *db)
{
    int64_t pid = testing_int(db, "SELECT pg_backend_pid()");
    struct db *admin = pg_or_skip();
    struct db_stmt *st = db_prepare(admin, "SELECT pg_terminate_backend(CAST(? AS INTEGER))");
    db_bind_int(st, 1, pid);
    assert_int_equal(db_step(st), DB_ROW);
    db_done(st);
    for (int i = 0; i < 500; i++) {
        st = db_prepare(admin, "SELECT count(*) FROM pg_stat_activity WHERE pid = ?");
        db_bind_int(st, 1, pid);
        assert_int_equal(db_step(st), DB_ROW);
        int64_t left = db_col_int(st, 0);
        db_done(st);
        if (left == 0)
            break;
        nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
    }
    db_close(admin);
}

static void test_pg_question_after_lost_connection_reconnects(void **state)
{
    (void)state;
    struct db *db = pg_or_skip();
    int64_t before = testing_int(db, "SELECT pg_backend_pid()");
    kill_backend(db);
    struct fault f = {0};
    bool yes = true;
    assert_int_equal(db_replica_caught_up(db, "0/0", &yes, &f), ERR_OK);
    assert_false(yes);
    char pos[DB_WAL_POSITION_MAX];
    assert_int_equal(db_wal_position(db, pos, &f), ERR_OK);
    assert_true(db_wal_position_valid(pos));
    assert_int_not_equal(testing_int(db, "SELECT pg_backend_pid()"), before);
    db_close(db);
}

static void test_pg_replica_that_is_a_primary_sends_positions_to_primary(void **state)
{
    (void)state;
    const char *url = pg_testing_url();
    if (!url)
        skip();
    struct db_replica *rep = db_replica_new(url);
    bool behind = false;
    assert_non_null(db_replica_get(rep, NULL, T0, &behind)); /* no position: no question */
    assert_null(db_replica_get(rep, "0/0", T0, &behind));
    assert_true(behind);
    assert_true(db_replica_in_use(rep));
    /* A retry proves that the server replays a log; a primary does not. */
    db_replica_failed(rep, T0);
    assert_null(db_replica_get(rep, NULL, T0 + DB_REPLICA_RETRY_SECONDS, NULL));
    assert_false(db_replica_in_use(rep));
    db_replica_free(rep);
}

#define FX(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
#define FILE_DB(t)                                                                                 \
    cmocka_unit_test_setup_teardown(t, testing_file_db_setup, testing_file_db_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_positions_are_accepted),
        cmocka_unit_test(test_malformed_positions_are_refused),
        cmocka_unit_test(test_url_kind_tells_postgres_from_sqlite),
        FILE_DB(test_sqlite_has_no_position),
        FILE_DB(test_sqlite_is_caught_up_with_any_valid_position),
        FX(test_reachable_replica_is_used),
        FX(test_unreachable_replica_is_left_alone_until_retry),
        FX(test_failed_retry_waits_another_interval),
        FX(test_failed_read_sends_reads_to_primary_until_retry),
        FX(test_going_down_and_up_is_logged_once_each),
        FX(test_malformed_position_is_not_caught_up),
        cmocka_unit_test(test_pg_position_is_valid_and_moves_past_a_commit),
        cmocka_unit_test(test_pg_primary_is_never_caught_up),
        cmocka_unit_test(test_pg_question_after_lost_connection_reconnects),
        cmocka_unit_test(test_pg_replica_that_is_a_primary_sends_positions_to_primary),
    };
    return cmocka_run_group_tests(tests, testing_silence_log, NULL);
}
