/* Helpers shared by the unit tests of src/db: temporary database files,
 * one-value queries that fail the test on any database error, and running a
 * function in a child process to see it abort. */
#ifndef WIJK_TESTS_DB_TESTING_H
#define WIJK_TESTS_DB_TESTING_H

#include <stdbool.h>
#include <stdint.h>

struct db;

/* A fresh directory under /tmp (malloc'ed path); testing_rmdir removes it
 * with the files in it. */
char *testing_tmpdir(void);
void testing_rmdir(char *dir);

/* dir + "/" + name, malloc'ed. */
char *testing_join(const char *dir, const char *name);

/* Whether path exists. */
bool testing_exists(const char *path);

/* Runs a script; fails the test when it does not succeed. */
void testing_exec(struct db *db, const char *sql);

/* The first column of the first row of sql; fails the test on an error or
 * when there is no row. testing_text's result is malloc'ed (NULL for NULL). */
int64_t testing_int(struct db *db, const char *sql);
char *testing_text(struct db *db, const char *sql);

/* Runs fn(arg) in a forked child with stderr silenced; true when the child
 * died of SIGABRT (a child where fn returns exits with status 0). */
bool testing_dies_with_abort(void (*fn)(void *), void *arg);

#endif
