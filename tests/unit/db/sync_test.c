/* Tests of the durability setting (db_sync, db_pool_set_sync_full), which
 * `wijkregie serve --sync full|normal` turns into SQLite's PRAGMA
 * synchronous on every connection of the server. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "core/log.h"
#include "db/db.h"
#include "db_testing.h"

enum { SQLITE_SYNC_NORMAL = 1, SQLITE_SYNC_FULL = 2 };

static void test_a_new_connection_commits_with_normal_durability(void **state)
{
    struct testing_file_db *fx = *state;
    assert_int_equal(testing_int(fx->db, "PRAGMA synchronous"), SQLITE_SYNC_NORMAL);
}

static void test_sync_full_waits_for_the_disk_and_normal_goes_back(void **state)
{
    struct testing_file_db *fx = *state;
    struct fault f = {0};
    assert_int_equal(db_sync(fx->db, true, &f), ERR_OK);
    assert_int_equal(testing_int(fx->db, "PRAGMA synchronous"), SQLITE_SYNC_FULL);
    assert_int_equal(db_sync(fx->db, false, &f), ERR_OK);
    assert_int_equal(testing_int(fx->db, "PRAGMA synchronous"), SQLITE_SYNC_NORMAL);
}

static void test_a_pool_set_to_full_opens_full_connections(void **state)
{
    struct testing_file_db *fx = *state;
    struct db_pool *p = db_pool_new(fx->path);
    db_pool_set_sync_full(p, true);
    struct fault f = {0};
    struct db *db = db_pool_get(p, &f);
    assert_non_null(db);
    assert_int_equal(testing_int(db, "PRAGMA synchronous"), SQLITE_SYNC_FULL);
    db_pool_free(p);
}

static void test_a_pool_by_default_opens_normal_connections(void **state)
{
    struct testing_file_db *fx = *state;
    struct db_pool *p = db_pool_new(fx->path);
    struct fault f = {0};
    struct db *db = db_pool_get(p, &f);
    assert_non_null(db);
    assert_int_equal(testing_int(db, "PRAGMA synchronous"), SQLITE_SYNC_NORMAL);
    db_pool_free(p);
}

#define T(t) cmocka_unit_test_setup_teardown(t, testing_file_db_setup, testing_file_db_teardown)

int main(void)
{
    log_set_level(LOG_ERROR);
    const struct CMUnitTest tests[] = {
        T(test_a_new_connection_commits_with_normal_durability),
        T(test_sync_full_waits_for_the_disk_and_normal_goes_back),
        T(test_a_pool_set_to_full_opens_full_connections),
        T(test_a_pool_by_default_opens_normal_connections),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
