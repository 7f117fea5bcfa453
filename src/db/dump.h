/* The whole database as one portable file, to move an installation from
 * SQLite to PostgreSQL and back. The format is JSON Lines (UTF-8, one JSON
 * value per line, "\n" after each):
 *
 *   {"format":"wijkregie-dump","version":1,"schema_version":1,"exported_at":"2026-01-31T12:00:00Z"}
 *   {"table":"area","columns":["code","kind","name","parent_code","created_at","updated_at"]}
 *   ["GM9901","gemeente","Lindenhoven",null,1767225600,1767225600]
 *   ...
 *   {"end":"wijkregie-dump","tables":3,"rows":58}
 *
 * Every table of the database's schema but schema_migration is there, also
 * an empty one, found in the database itself (not in a list in the code),
 * referenced tables before the tables that reference them and, within a
 * table that references itself, a referenced row before the rows that
 * reference it; otherwise rows in primary-key order as the database compares
 * keys (bytewise on SQLite and on PostgreSQL with the C collation), so the
 * same data always gives the same file. Values are typed by the declared
 * column type: integer columns give JSON integers (all 64 bits), real ones
 * numbers with a '.' or an exponent (the shortest text that reads back as
 * the same double), text columns strings, and NULL null. The end line lets
 * an import tell a complete file from a cut-off one. */
#ifndef WIJK_DB_DUMP_H
#define WIJK_DB_DUMP_H

#include <stdint.h>
#include <stdio.h>

#include "core/err.h"

struct arena;
struct db;

#define DUMP_FORMAT "wijkregie-dump"
#define DUMP_VERSION 1

/* Rows of one table, written or read. */
struct dump_count {
    const char *table;
    int64_t rows;
};

struct dump_result {
    int schema_version;        /* of the database (export) or the dump (import) */
    struct dump_count *tables; /* in dump order */
    int ntables;
    int64_t rows;        /* in all tables */
    struct arena *arena; /* owns the names and the fault's args */
};

/* Progress on a long table: rows of table done so far. Called every few
 * thousand rows and once at the end of each table. */
typedef void (*dump_progress_fn)(void *ctx, const char *table, int64_t rows);

/* Writes the whole database db to out, as one consistent snapshot while
 * other connections go on writing (SQLite: a read transaction; PostgreSQL:
 * a REPEATABLE READ, READ ONLY transaction). exported_at (unix seconds) goes
 * into the header as ISO 8601. db must be outside a transaction. progress
 * may be NULL. Nothing is flushed or closed: out stays the caller's.
 *
 * Errors: ERR_CONFLICT when the database has no schema yet; ERR_INVALID
 * when a value does not fit its column's type (text in an integer column,
 * an infinite real, text that is not UTF-8) or a primary key holds NULL;
 * ERR_INTERNAL when a table or column name is not [a-z_][a-z0-9_]*, a
 * column has a type the dump cannot carry (a blob), tables reference each
 * other in a cycle, or out cannot be written; the database's errors. What
 * was written before an error is incomplete (it lacks the end line). *res is
 * always initialised; free it with dump_result_free() once f has been used. */
enum err dump_export(struct db *db, FILE *out, int64_t exported_at, dump_progress_fn progress,
                     void *ctx, struct dump_result *res, struct fault *f);

/* Loads a dump from in into db, in one transaction (db must be outside one),
 * after checking that db is migrated to the dump's schema version and that
 * every table in it is empty. Each table line must name a table of db, once,
 * with exactly its columns (in any order); each row must have a value for
 * every column, of the column's type (an integer also for a real column) or
 * null. progress may be NULL. On PostgreSQL, sequences behind identity and
 * serial columns are moved past the highest value loaded.
 *
 * Errors, after which db is as it was: ERR_CONFLICT when db's schema version
 * is not the dump's, or a table has rows; ERR_INVALID "Line %s: %s" naming
 * the first bad line (not JSON, not the header, an unknown table or column,
 * a value of the wrong type, a row the database refuses for a key, a
 * reference or a check), and for a dump without its end line (cut off) or
 * without one of db's tables; the database's errors. *res is always
 * initialised and holds the counts per table after a success; free it with
 * dump_result_free() once f has been used. */
enum err dump_import(struct db *db, FILE *in, dump_progress_fn progress, void *ctx,
                     struct dump_result *res, struct fault *f);

/* Frees what a result owns; the struct itself is the caller's. */
void dump_result_free(struct dump_result *res);

#endif
