/* Helpers shared by the unit tests of src/db: temporary database files,
 * one-value queries that fail the test on any database error, and running a
 * function in a child process to see it abort. */
#ifndef WIJK_TESTS_DB_TESTING_H
#define WIJK_TESTS_DB_TESTING_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

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

/* Prepares sql, steps it once and gives the statement back; fails the test
 * when it cannot be prepared. For statements without result rows. */
enum db_rc testing_run(struct db *db, const char *sql);

/* The first column of the first row of sql; fails the test on an error or
 * when there is no row. testing_text's result is malloc'ed (NULL for NULL). */
int64_t testing_int(struct db *db, const char *sql);
char *testing_text(struct db *db, const char *sql);

/* cmocka fixtures. testing_file_db_*: *state is a struct testing_file_db,
 * a database file in a fresh directory with table
 * t (id INTEGER PRIMARY KEY, name TEXT UNIQUE), empty.
 * testing_mem_db_*: *state is an in-memory struct db with tables
 * t (id, name UNIQUE, n CHECK n >= 0, x) holding rows 1 'een', 2 'twee',
 * 3 'drie'; parent (id); child (parent_id REFERENCES parent); and late
 * (parent_id REFERENCES parent, checked at COMMIT). */
struct testing_file_db {
    char *dir;
    char *path;
    struct db *db;
};
int testing_file_db_setup(void **state);
int testing_file_db_teardown(void **state);
int testing_mem_db_setup(void **state);
int testing_mem_db_teardown(void **state);

/* A group setup that sends log lines to /dev/null. */
int testing_silence_log(void **state);

/* Runs fn(arg) in a forked child with stderr silenced; true when the child
 * died of SIGABRT (a child where fn returns exits with status 0). */
bool testing_dies_with_abort(void (*fn)(void *), void *arg);

#endif
