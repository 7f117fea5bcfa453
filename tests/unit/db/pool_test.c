/* Tests of src/db/pool.c: one connection per thread, opened on first use,
 * closed when the thread exits or the pool is freed, and threads writing to
 * one WAL file at the same time. */
#include <pthread.h>
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
#include "db_testing.h"

#define WRITERS 4
#define WRITES_PER_THREAD 50

struct fixture {
    char *dir;
    char *path;
    char *wal; /* path + "-wal": exists while a connection is open */
    struct db_pool *pool;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    fx->dir = testing_tmpdir();
    fx->path = testing_join(fx->dir, "pool.db");
    fx->wal = testing_join(fx->dir, "pool.db-wal");
    fx->pool = db_pool_new(fx->path);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    db_pool_free(fx->pool);
    free(fx->path);
    free(fx->wal);
    testing_rmdir(fx->dir);
    free(fx);
    return 0;
}

static struct db *get(struct db_pool *pool)
{
    struct fault f = {0};
    struct db *db = db_pool_get(pool, &f);
    assert_non_null(db);
    return db;
}

static void test_get_returns_same_connection_in_one_thread(void **state)
{
    struct fixture *fx = *state;
    struct db *a = get(fx->pool);
    assert_ptr_equal(get(fx->pool), a);
}

static void test_url_is_a_copy(void **state)
{
    char url[] = ":memory:";
    struct db_pool *p = db_pool_new(url);
    url[0] = 'X';
    assert_string_equal(db_pool_url(p), ":memory:");
    db_pool_free(p);
}

static void test_get_fills_fault_when_open_fails(void **state)
{
    struct db_pool *p = db_pool_new("postgresql://localhost/wijk");
    for (int i = 0; i < 2; i++) { /* a failure is not remembered as a connection */
        struct fault f = {0};
        assert_null(db_pool_get(p, &f));
        assert_int_equal(f.code, ERR_UNAVAILABLE);
    }
    db_pool_free(p);
}

/* Two threads hold their connections at the same time (the barrier), so
 * equal pointers could not come from one freed and reused. */
struct holder {
    struct db_pool *pool;
    pthread_barrier_t *barrier;
    struct db *got;
};

static void *hold_connection(void *arg)
{
    struct holder *h = arg;
    struct fault f = {0};
    h->got = db_pool_get(h->pool, &f);
    pthread_barrier_wait(h->barrier);
    return NULL;
}

static void test_threads_get_their_own_connections(void **state)
{
    struct fixture *fx = *state;
    pthread_barrier_t barrier;
    pthread_barrier_init(&barrier, NULL, 3);
    struct holder h[2] = {{fx->pool, &barrier, NULL}, {fx->pool, &barrier, NULL}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, hold_connection, &h[i]), 0);
    struct db *mine = get(fx->pool);
    pthread_barrier_wait(&barrier);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&barrier);
    assert_non_null(h[0].got);
    assert_non_null(h[1].got);
    assert_ptr_not_equal(h[0].got, h[1].got);
    assert_ptr_not_equal(h[0].got, mine);
    assert_ptr_not_equal(h[1].got, mine);
}

struct writer {
    struct db_pool *pool;
    int id;
    int failures;
};

static bool insert_row(struct db *db, int writer, int seq)
{
    struct fault f = {0};
    if (db_begin(db, &f) != ERR_OK)
        return false;
    struct db_stmt *st = db_prepare(db, "INSERT INTO w (writer, seq) VALUES (?, ?)");
    if (!st) {
        db_rollback(db);
        return false;
    }
    db_bind_int(st, 1, writer);
    db_bind_int(st, 2, seq);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc != DB_DONE) {
        db_rollback(db);
        return false;
    }
    return db_commit(db, &f) == ERR_OK;
}

static void *write_rows(void *arg)
{
    struct writer *w = arg;
    struct fault f = {0};
    struct db *db = db_pool_get(w->pool, &f);
    if (!db) {
        w->failures = WRITES_PER_THREAD;
        return NULL;
    }
    for (int i = 0; i < WRITES_PER_THREAD; i++)
        if (!insert_row(db, w->id, i))
            w->failures++;
    return NULL;
}

static void test_threads_write_concurrently_to_one_wal_file(void **state)
{
    struct fixture *fx = *state;
    testing_exec(get(fx->pool), "CREATE TABLE w (writer INTEGER NOT NULL, seq INTEGER NOT NULL,"
                                " PRIMARY KEY (writer, seq))");
    struct writer w[WRITERS];
    pthread_t t[WRITERS];
    for (int i = 0; i < WRITERS; i++) {
        w[i] = (struct writer){fx->pool, i, 0};
        assert_int_equal(pthread_create(&t[i], NULL, write_rows, &w[i]), 0);
    }
    for (int i = 0; i < WRITERS; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < WRITERS; i++)
        assert_int_equal(w[i].failures, 0);
    assert_int_equal(testing_int(get(fx->pool), "SELECT count(*) FROM w"),
                     WRITERS * WRITES_PER_THREAD);
    char *mode = testing_text(get(fx->pool), "PRAGMA journal_mode");
    assert_string_equal(mode, "wal");
    free(mode);
}

/* SQLite removes the -wal file when the last connection to a database
 * closes: that is how these tests see a connection being closed. */
struct exiter {
    struct db_pool *pool;
    const char *wal;
    bool wal_while_open;
};

static void *write_and_exit(void *arg)
{
    struct exiter *e = arg;
    struct fault f = {0};
    struct db *db = db_pool_get(e->pool, &f);
    if (db && db_exec_script(db, "CREATE TABLE x (y); INSERT INTO x VALUES (1);", &f) == ERR_OK)
        e->wal_while_open = testing_exists(e->wal);
    return NULL;
}

static void test_thread_exit_closes_its_connection(void **state)
{
    struct fixture *fx = *state;
    struct exiter e = {fx->pool, fx->wal, false};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, write_and_exit, &e), 0);
    pthread_join(t, NULL);
    assert_true(e.wal_while_open);
    assert_false(testing_exists(fx->wal));
}

static void test_free_closes_every_connection(void **state)
{
    struct fixture *fx = *state;
    testing_exec(get(fx->pool), "CREATE TABLE x (y); INSERT INTO x VALUES (1);");
    assert_true(testing_exists(fx->wal));
    db_pool_free(fx->pool);
    fx->pool = NULL;
    assert_false(testing_exists(fx->wal));
}

static void test_new_pool_after_free_opens_new_connection(void **state)
{
    struct fixture *fx = *state;
    testing_exec(get(fx->pool), "CREATE TABLE x (y); INSERT INTO x VALUES (7);");
    db_pool_free(fx->pool);
    fx->pool = db_pool_new(fx->path);
    assert_int_equal(testing_int(get(fx->pool), "SELECT y FROM x"), 7);
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
        T(test_get_returns_same_connection_in_one_thread),
        cmocka_unit_test(test_url_is_a_copy),
        cmocka_unit_test(test_get_fills_fault_when_open_fails),
        T(test_threads_get_their_own_connections),
        T(test_threads_write_concurrently_to_one_wal_file),
        T(test_thread_exit_closes_its_connection),
        T(test_free_closes_every_connection),
        T(test_new_pool_after_free_opens_new_connection),
    };
    return cmocka_run_group_tests(tests, silence_log, NULL);
}
