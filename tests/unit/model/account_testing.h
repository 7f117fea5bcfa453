/* Helpers for the account tests (password, person, session, ratelimit,
 * audit, ...): every database test runs twice, once on a private in-memory
 * SQLite database and once on a fresh PostgreSQL database when
 * $WIJKREGIE_TEST_PG_URL names a server (scripts/test.sh sets it; without
 * it the PostgreSQL runs are skipped).
 *
 * On PostgreSQL the program migrates one template database once and gives
 * each test a copy of it (CREATE DATABASE ... TEMPLATE), dropped after the
 * test: each test starts from an empty schema, as on SQLite.
 *
 * Usage:
 *     static void test_x(void **state) { struct at_fx *fx = at_fx(state); ... }
 *     const struct CMUnitTest tests[] = { AT_TEST(test_x), ... };
 *     return at_run(tests, sizeof tests / sizeof tests[0]);
 */
#ifndef WIJK_TESTS_ACCOUNT_TESTING_H
#define WIJK_TESTS_ACCOUNT_TESTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/audit.h"

struct CMUnitTest;
struct arena;
struct db;

struct at_fx {
    struct db *db;   /* migrated, empty */
    struct arena *a; /* freed after the test */
    char *url;       /* PostgreSQL: the test's database, NULL on SQLite */
};

/* The fixture of the running test; skips the test when its database is not
 * available (PostgreSQL without a server). */
struct at_fx *at_fx(void **state);

/* A test that gets a fresh database. */
#define AT_TEST(fn) cmocka_unit_test_setup_teardown(fn, at_setup, at_teardown)
int at_setup(void **state);
int at_teardown(void **state);

/* Turns on the fast password hash (WIJKREGIE_FAST_HASH=1) and
 * password_init(), then runs tests as group "sqlite" and as group
 * "postgresql". Returns the number of failures. */
int at_run(const struct CMUnitTest *tests, size_t n);

/* An actor at time now (no capacity, request "test-req"). */
struct actor at_actor(int64_t person_id, int64_t now);

/* Signs up a person with a valid password ("correct horse battery staple
 * 7"), failing the test on an error; returns the id. */
int64_t at_person(struct at_fx *fx, const char *email, const char *name);

/* The password at_person gives everyone. */
extern const char at_password[];

/* Runs fn(arg) in a forked child with stderr silenced; true when the child
 * died of SIGABRT. */
bool at_dies_with_abort(void (*fn)(void *), void *arg);

/* The number of rows of sql (a SELECT COUNT(*) or similar, no parameters). */
int64_t at_count(struct db *db, const char *sql);

/* A fixed time: 2026-03-01T12:00:00Z. */
#define AT_NOW ((int64_t)1772366400)

#endif
