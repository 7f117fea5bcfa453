/* Helpers for tests that need a running PostgreSQL: where it is, and a fresh
 * database of its own for each test program, so that programs running at
 * the same time never see each other's tables.
 *
 * The server is named by $WIJKREGIE_TEST_PG_URL (scripts/pg.sh start prints
 * one, scripts/test.sh sets it); without it these tests skip. The helpers
 * use db.h only and do not depend on cmocka, so the API test harness can
 * link them too. */
#ifndef WIJK_TESTS_PG_TESTING_H
#define WIJK_TESTS_PG_TESTING_H

#include <stdbool.h>

/* $WIJKREGIE_TEST_PG_URL, or NULL when it is unset or empty. */
const char *pg_testing_url(void);

/* base_url with its database name replaced by name; malloc'ed. The rest
 * (user, host, port, query) stays as it is. */
char *pg_testing_url_for(const char *base_url, const char *name);

/* Creates a database named prefix_PID_NANOS on the server of base_url and
 * returns its URL (malloc'ed), or NULL with the reason on stderr. prefix is
 * [a-z_]+. */
char *pg_testing_create_db(const char *base_url, const char *prefix);

/* Drops the database named by url (closing any connection still in it) and
 * frees url. False, with the reason on stderr, when that fails. NULL is
 * fine (true). */
bool pg_testing_drop_db(const char *base_url, char *url);

#endif
