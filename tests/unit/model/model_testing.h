/* Helpers shared by the unit tests of src/model: a migrated in-memory
 * database, paths of test data, temporary files, one-value queries. Every
 * helper fails the running test (cmocka) when something goes wrong. */
#ifndef WIJK_TESTS_MODEL_TESTING_H
#define WIJK_TESTS_MODEL_TESTING_H

#include <stddef.h>
#include <stdint.h>

struct db;

/* A private in-memory SQLite database with the schema applied. */
struct db *mt_open_db(void);

/* The source root + "/" + rel (tests/data/...), malloc'ed. */
char *mt_source_path(const char *rel);

/* A file of the team's shared data (e.g. "geo/alkmaar-wijken-2024.geojson"):
 * under $WIJKREGIE_SHARED_DATA when set, else ../shared/data next to the
 * source root. Fails the test when the file is not there. Malloc'ed. */
char *mt_shared_path(const char *rel);

/* Writes len bytes of data (len 0: strlen) to a new file called name in a
 * fresh temporary directory; the path is malloc'ed. mt_remove deletes the
 * file and its directory and frees the path. */
char *mt_write_temp(const char *name, const char *data, size_t len);
void mt_remove(char *path);

/* Runs one statement without parameters or result rows. */
void mt_exec(struct db *db, const char *sql);

/* The first column of the first row of sql (no parameters). */
int64_t mt_int(struct db *db, const char *sql);
/* The same as text, malloc'ed; NULL for SQL NULL. */
char *mt_text(struct db *db, const char *sql);
/* Whether the first column of the first row is NULL. */
int mt_is_null(struct db *db, const char *sql);

/* Every row of sql, columns joined by '|' and rows by '\n', malloc'ed: for
 * comparing table contents. */
char *mt_dump(struct db *db, const char *sql);

#endif
