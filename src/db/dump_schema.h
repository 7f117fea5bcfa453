/* Private to src/db: what the dump (dump.c, dump_import.c) knows of a
 * database's schema, read from the database itself (SQLite's pragmas,
 * PostgreSQL's information_schema and pg_catalog), and the statements whose
 * SQL differs between the two: the snapshot transaction, inserts of given
 * keys, identity sequences. Everything that depends on
 * db_kind() for the dump is in dump_schema.c and dump_sql.c.
 *
 * Table and column names come from the database's catalog, never from the
 * dump file's text: an import looks each name of the file up among them. A
 * name is used in SQL only when it is a plain lower-case identifier
 * ([a-z_][a-z0-9_]*, checked when the schema is read) and always quoted. */
#ifndef WIJK_DB_DUMP_SCHEMA_H
#define WIJK_DB_DUMP_SCHEMA_H

#include <stdbool.h>

#include "core/err.h"
#include "db/db.h"

struct arena;

/* How a column's values are written: by the declared type, so a BIGINT stays
 * an integer and a DOUBLE PRECISION a real on both databases. */
enum dump_type { DUMP_INTEGER, DUMP_REAL, DUMP_TEXT };

struct dump_column {
    const char *name;
    enum dump_type type;
};

struct dump_table {
    const char *name;
    struct dump_column *cols; /* in the table's order */
    int ncols;
    int *pk; /* the primary key's columns (indexes into cols), in key order */
    int npk; /* 0: no primary key */
    /* A one-column foreign key to the table itself (a tree, such as area's
     * parent_code -> code): the referencing and the referenced column, or
     * -1 and -1. Rows are then written parents first. */
    int self_from, self_to;
    const char **refs; /* the other tables it references */
    int nrefs;
};

struct dump_schema {
    struct dump_table *tables; /* referenced before referencing; else by name */
    int ntables;
};

/* Reads every table of db's current schema but schema_migration (and
 * SQLite's own sqlite_* tables), with columns, primary key and foreign keys,
 * into s, allocated from a. Errors: ERR_INTERNAL for a name that is not
 * plain, a column type the dump cannot carry (a blob), a table that
 * references itself through more than one column or foreign key, tables
 * that reference each other in a cycle; the database's. Fault args come
 * from a. */
enum err dump_schema_read(struct db *db, struct arena *a, struct dump_schema *s, struct fault *f);

/* The table called name, or NULL. */
const struct dump_table *dump_schema_table(const struct dump_schema *s, const char *name);

/* The index of column name in t, or -1. */
int dump_table_column(const struct dump_table *t, const char *name);

/* Starts a read-only snapshot of the whole database for an export: on
 * SQLite a deferred transaction (a snapshot from the first read on, which in
 * WAL mode holds no writer back), on PostgreSQL a REPEATABLE READ, READ ONLY
 * transaction. dump_snapshot_end ends it. */
enum err dump_snapshot_begin(struct db *db, struct fault *f);
void dump_snapshot_end(struct db *db);

/* ---- dump_sql.c: statement texts, from a ---------------------------------- */

/* The number of rows a paged SELECT returns at most. */
#define DUMP_PAGE_ROWS 1000

/* SELECT of all of t's columns in dump order. For a table with a primary
 * key and no self-reference, a page of DUMP_PAGE_ROWS rows in key order (as
 * the database compares keys, so the key's index serves it) and, when after
 * is true, only rows after the key bound to parameters 1..npk. Otherwise all
 * rows in one statement: parents first for a self-referencing table, then
 * by key or by all columns. */
const char *dump_sql_select(struct arena *a, const struct dump_table *t, bool after);

/* Whether dump_sql_select pages through t. */
bool dump_sql_pages(const struct dump_table *t);

/* "SELECT count(*) FROM t" and "SELECT 1 FROM t LIMIT 1". */
const char *dump_sql_count(struct arena *a, const struct dump_table *t);
const char *dump_sql_any_row(struct arena *a, const struct dump_table *t);

/* INSERT into t of the n columns order[0..n) (indexes into t->cols), with
 * parameters 1..n; on PostgreSQL it overrides identity columns, so the
 * dump's keys are kept. */
const char *dump_sql_insert(struct arena *a, enum db_kind kind, const struct dump_table *t,
                            const int *order, int n);

/* PostgreSQL: moves the sequence behind each identity or serial column of t
 * to the column's highest value, so new rows get fresh keys after an import.
 * Nothing on SQLite, whose keys follow the rows. Errors: the database's. */
enum err dump_sync_sequences(struct db *db, struct arena *a, const struct dump_table *t,
                             struct fault *f);

#endif
