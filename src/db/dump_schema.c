/* The schema as the dump sees it (see dump_schema.h): tables, columns and
 * their broad types, primary keys and foreign keys, read with one query per
 * fact and per driver, then ordered so that a table comes after the tables
 * it references (Kahn's algorithm, ties broken by name, so the order is the
 * same on every run and on both databases).
 *
 * PostgreSQL's keys are read from pg_catalog: information_schema shows
 * constraints only to the owner of a table, and an export may run as a
 * role that only reads. */
#include "db/dump_schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/log.h"

/* The queries, per driver. Each takes the table's name as its one parameter
 * (but the list of tables, which takes none). */
struct schema_sql {
    const char *tables;  /* name */
    const char *columns; /* name, declared type; in table order */
    const char *pk;      /* name; in key order */
    const char *fks;     /* referenced table, number of columns, first column, first referenced */
};

static const struct schema_sql schema_sql[] = {
    [DB_SQLITE] =
        {
            .tables = "SELECT name FROM pragma_table_list WHERE schema = 'main'"
                      " AND type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'"
                      " AND name <> 'schema_migration'",
            .columns = "SELECT name, type FROM pragma_table_info(?) ORDER BY cid",
            .pk = "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk",
            .fks = "SELECT \"table\", count(*), min(\"from\"), min(\"to\")"
                   " FROM pragma_foreign_key_list(?) GROUP BY id ORDER BY id",
        },
    [DB_POSTGRES] =
        {
            .tables = "SELECT table_name FROM information_schema.tables"
                      " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                      " AND table_name <> 'schema_migration'",
            .columns = "SELECT column_name, data_type FROM information_schema.columns"
                       " WHERE table_schema = current_schema() AND table_name = ?"
                       " AND is_generated = 'NEVER' ORDER BY ordinal_position",
            .pk = "SELECT a.attname FROM pg_catalog.pg_index i"
                  " CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)"
                  " JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid"
                  "  AND a.attnum = k.attnum"
                  " WHERE i.indrelid = to_regclass(quote_ident(current_schema()) || '.' || ?)"
                  "  AND i.indisprimary ORDER BY k.ord",
            .fks = "SELECT r.relname, cardinality(c.conkey), a.attname, b.attname"
                   " FROM pg_catalog.pg_constraint c"
                   " JOIN pg_catalog.pg_class r ON r.oid = c.confrelid"
                   " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid"
                   "  AND a.attnum = c.conkey[1]"
                   " JOIN pg_catalog.pg_attribute b ON b.attrelid = c.confrelid"
                   "  AND b.attnum = c.confkey[1]"
                   " WHERE c.contype = 'f'"
                   "  AND c.conrelid = to_regclass(quote_ident(current_schema()) || '.' || ?)"
                   " ORDER BY c.conname",
        },
};

/* ---- names and types ------------------------------------------------------ */

static bool plain_name(const char *s)
{
    if (!s || !*s || strlen(s) > 63 || (*s >= '0' && *s <= '9'))
        return false;
    return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(s);
}

static enum err bad_name(struct arena *a, const char *name, struct fault *f)
{
    return fault_set(f, ERR_INTERNAL, NULL,
                     "The name %s is not a plain lower-case SQL name; the dump cannot carry it.",
                     arena_strdup(a, name ? name : ""), NULL);
}

/* SQLite's affinity rules (datatype3.html, 3.1), in their order; NUMERIC
 * affinity is written as a real. False for BLOB affinity. */
static bool sqlite_type(const char *declared, enum dump_type *out)
{
    if (strcasestr(declared, "INT"))
        *out = DUMP_INTEGER;
    else if (strcasestr(declared, "CHAR") || strcasestr(declared, "CLOB") ||
             strcasestr(declared, "TEXT"))
        *out = DUMP_TEXT;
    else if (strcasestr(declared, "BLOB") || !*declared)
        return false;
    else
        *out = DUMP_REAL;
    return true;
}

/* information_schema's data_type. Types without a SQLite twin (which the
 * schema parity test keeps out) travel as their text. */
static bool pg_type(const char *data_type, enum dump_type *out)
{
    static const char *const integers[] = {"smallint", "integer", "bigint"};
    static const char *const reals[] = {"real", "double precision", "numeric"};
    *out = DUMP_TEXT;
    for (size_t i = 0; i < sizeof integers / sizeof integers[0]; i++)
        if (strcmp(data_type, integers[i]) == 0)
            *out = DUMP_INTEGER;
    for (size_t i = 0; i < sizeof reals / sizeof reals[0]; i++)
        if (strcmp(data_type, reals[i]) == 0)
            *out = DUMP_REAL;
    return strcmp(data_type, "bytea") != 0;
}

/* ---- reading ---------------------------------------------------------------- */

/* What a row callback adds to. */
struct reading {
    struct db *db;
    struct arena *a;
    struct dump_schema *s;
    struct dump_table *t; /* the table being read */
    bool pk_unseen;       /* a key column is not among the columns read */
};

typedef enum err (*row_fn)(struct reading *r, struct db_stmt *st, struct fault *f);

/* Runs sql (with name bound to its one parameter, when name is not NULL)
 * and hands each row to fn. */
static enum err each_row(struct reading *r, const char *sql, const char *name, row_fn fn,
                         struct fault *f)
{
    struct db_stmt *st = db_prepare(r->db, sql);
    if (!st)
        return db_fault(r->db, f);
    if (name)
        db_bind_text(st, 1, name);
    enum db_rc rc;
    enum err e = ERR_OK;
    while (e == ERR_OK && (rc = db_step(st)) == DB_ROW)
        e = fn(r, st, f);
    db_done(st);
    if (e == ERR_OK && rc == DB_ERROR)
        e = db_fault(r->db, f);
    return e;
}

/* Grows an arena array of n elements of size by one; returns the new last.
 * Capacity is 4, 8, 16, ...: the array is full when n is 0 or such a power. */
static void *push(struct arena *a, void **items, int *n, size_t size)
{
    if (*n == 0 || (*n >= 4 && (*n & (*n - 1)) == 0)) {
        void *bigger = arena_array(a, *n ? (size_t)*n * 2 : 4, size);
        if (*n)
            memcpy(bigger, *items, (size_t)*n * size);
        *items = bigger;
    }
    return (char *)*items + (size_t)(*n)++ * size;
}

static enum err add_table(struct reading *r, struct db_stmt *st, struct fault *f)
{
    const char *name = db_col_text(st, 0);
    if (!plain_name(name))
        return bad_name(r->a, name, f);
    struct dump_table *t = push(r->a, (void **)&r->s->tables, &r->s->ntables, sizeof *t);
    *t = (struct dump_table){.name = arena_strdup(r->a, name), .self_from = -1, .self_to = -1};
    return ERR_OK;
}

static enum err add_column(struct reading *r, struct db_stmt *st, struct fault *f)
{
    const char *name = db_col_text(st, 0), *type = db_col_text(st, 1);
    if (!plain_name(name))
        return bad_name(r->a, name, f);
    struct dump_column c = {arena_strdup(r->a, name), DUMP_TEXT};
    bool ok = db_kind(r->db) == DB_SQLITE ? sqlite_type(type ? type : "", &c.type)
                                          : pg_type(type ? type : "", &c.type);
    if (!ok)
        return fault_set(f, ERR_INTERNAL, NULL,
                         "Column %s of table %s has a type the dump cannot carry (%s).", c.name,
                         r->t->name, arena_strdup(r->a, type ? type : "none"), NULL);
    *(struct dump_column *)push(r->a, (void **)&r->t->cols, &r->t->ncols, sizeof c) = c;
    return ERR_OK;
}

static enum err add_pk(struct reading *r, struct db_stmt *st, struct fault *f)
{
    int col = dump_table_column(r->t, db_col_text(st, 0));
    if (col < 0) {
        r->pk_unseen = true;
        return ERR_OK;
    }
    *(int *)push(r->a, (void **)&r->t->pk, &r->t->npk, sizeof col) = col;
    return ERR_OK;
}

static enum err add_fk(struct reading *r, struct db_stmt *st, struct fault *f)
{
    struct dump_table *t = r->t;
    const char *target = db_col_text(st, 0);
    if (!target || strcmp(target, t->name) != 0) {
        const char **ref = push(r->a, (void **)&t->refs, &t->nrefs, sizeof *ref);
        *ref = arena_strdup(r->a, target ? target : "");
        return ERR_OK;
    }
    const char *to = db_col_text(st, 3);
    int from_col = dump_table_column(t, db_col_text(st, 2));
    int to_col = to ? dump_table_column(t, to) : t->npk == 1 ? t->pk[0] : -1;
    if (t->self_from >= 0 || db_col_int(st, 1) != 1 || from_col < 0 || to_col < 0)
        return fault_set(f, ERR_INTERNAL, NULL,
                         "Table %s references itself more than once or through several "
                         "columns; the dump cannot order its rows.",
                         t->name, NULL);
    t->self_from = from_col;
    t->self_to = to_col;
    return ERR_OK;
}

static enum err read_table(struct reading *r, struct dump_table *t, struct fault *f)
{
    const struct schema_sql *sql = &schema_sql[db_kind(r->db)];
    r->t = t;
    r->pk_unseen = false;
    enum err e = each_row(r, sql->columns, t->name, add_column, f);
    if (e == ERR_OK)
        e = each_row(r, sql->pk, t->name, add_pk, f);
    if (r->pk_unseen) /* a key on a generated column: ordered by all columns */
        t->npk = 0;
    if (e == ERR_OK)
        e = each_row(r, sql->fks, t->name, add_fk, f);
    return e;
}

/* ---- ordering ---------------------------------------------------------------- */

static int by_name(const void *x, const void *y)
{
    return strcmp(((const struct dump_table *)x)->name, ((const struct dump_table *)y)->name);
}

/* Whether every table t references (that is in s) is placed already. */
static bool refs_placed(const struct dump_schema *s, const struct dump_table *t, const bool *placed)
{
    for (int i = 0; i < t->nrefs; i++) {
        const struct dump_table *r = dump_schema_table(s, t->refs[i]);
        if (r && !placed[r - s->tables])
            return false;
    }
    return true;
}

static enum err sort_tables(struct arena *a, struct dump_schema *s, struct fault *f)
{
    if (s->ntables > 1)
        qsort(s->tables, (size_t)s->ntables, sizeof *s->tables, by_name);
    struct dump_table *sorted = arena_array(a, (size_t)s->ntables + 1, sizeof *sorted);
    bool *placed = arena_array(a, (size_t)s->ntables + 1, sizeof *placed);
    for (int k = 0; k < s->ntables; k++) {
        int pick = -1;
        for (int i = 0; i < s->ntables && pick < 0; i++)
            if (!placed[i] && refs_placed(s, &s->tables[i], placed))
                pick = i;
        if (pick < 0) {
            for (pick = 0; placed[pick]; pick++)
                ;
            return fault_set(f, ERR_INTERNAL, NULL,
                             "Table %s is part of a cycle of references between tables; the "
                             "dump cannot order them.",
                             s->tables[pick].name, NULL);
        }
        placed[pick] = true;
        sorted[k] = s->tables[pick];
    }
    s->tables = sorted;
    return ERR_OK;
}

/* ---- the API ------------------------------------------------------------------- */

enum err dump_schema_read(struct db *db, struct arena *a, struct dump_schema *s, struct fault *f)
{
    *s = (struct dump_schema){0};
    struct reading r = {.db = db, .a = a, .s = s};
    enum err e = each_row(&r, schema_sql[db_kind(db)].tables, NULL, add_table, f);
    for (int i = 0; e == ERR_OK && i < s->ntables; i++)
        e = read_table(&r, &s->tables[i], f);
    if (e == ERR_OK)
        e = sort_tables(a, s, f);
    return e;
}

const struct dump_table *dump_schema_table(const struct dump_schema *s, const char *name)
{
    for (int i = 0; name && i < s->ntables; i++)
        if (strcmp(s->tables[i].name, name) == 0)
            return &s->tables[i];
    return NULL;
}

int dump_table_column(const struct dump_table *t, const char *name)
{
    for (int i = 0; name && i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return i;
    return -1;
}

enum err dump_snapshot_begin(struct db *db, struct fault *f)
{
    /* SQLite: db_begin's BEGIN IMMEDIATE would take the write lock and hold
     * the server's writers off for the whole export. */
    if (db_kind(db) == DB_SQLITE)
        return db_exec_script(db, "BEGIN", f);
    enum err e = db_begin(db, f);
    if (e == ERR_OK) {
        e = db_exec_script(db, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", f);
        if (e != ERR_OK)
            db_rollback(db);
    }
    return e;
}

void dump_snapshot_end(struct db *db)
{
    if (db_kind(db) == DB_SQLITE)
        db_exec_script(db, "ROLLBACK", NULL); /* read only: nothing to keep */
    else
        db_rollback(db);
}
