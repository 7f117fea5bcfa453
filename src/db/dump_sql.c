/* The dump's statement texts (see dump_schema.h). They are built from the
 * names of the database's own catalog, which dump_schema_read has checked to
 * be plain identifiers, and quoted; values always travel as ? parameters.
 *
 * Rows are ordered by the primary key as the database compares it (the
 * column's own collation), so that a page's key comparison agrees with its
 * ORDER BY and both use the key's index: an explicit COLLATE would make
 * each page sort the whole table. On SQLite, and on PostgreSQL with the C
 * collation, text keys therefore come bytewise; on PostgreSQL with another
 * collation they may come in another order, which an import does not mind. */
#include "db/dump_schema.h"

#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"

static void put_col(struct buf *b, const struct dump_column *c)
{
    buf_printf(b, "x.\"%s\"", c->name);
}

/* The primary key's columns, or all columns without one, as a list. */
static void put_order(struct buf *b, const struct dump_table *t)
{
    int n = t->npk > 0 ? t->npk : t->ncols;
    for (int i = 0; i < n; i++) {
        buf_puts(b, i ? ", " : "");
        put_col(b, &t->cols[t->npk > 0 ? t->pk[i] : i]);
    }
}

static const char *finish(struct arena *a, struct buf *b)
{
    const char *s = arena_strdup(a, buf_cstr(b));
    buf_free(b);
    return s;
}

bool dump_sql_pages(const struct dump_table *t)
{
    return t->npk > 0 && t->self_from < 0;
}

/* A tree in one table: the depth of each row from the roots (rows whose
 * reference is NULL), so that parents come first. Rows no root reaches (a
 * row referencing itself, or a broken reference) come last. */
static void put_tree_select(struct buf *b, const struct dump_table *t)
{
    const char *from = t->cols[t->self_from].name, *to = t->cols[t->self_to].name;
    buf_printf(b,
               "WITH RECURSIVE dump_level(k, d) AS ("
               "SELECT \"%s\", 0 FROM \"%s\" WHERE \"%s\" IS NULL"
               " UNION ALL SELECT c.\"%s\", dump_level.d + 1 FROM \"%s\" c"
               " JOIN dump_level ON c.\"%s\" = dump_level.k) ",
               to, t->name, from, to, t->name, from);
    buf_puts(b, "SELECT ");
    for (int i = 0; i < t->ncols; i++) {
        buf_puts(b, i ? ", " : "");
        put_col(b, &t->cols[i]);
    }
    buf_printf(b,
               " FROM \"%s\" x LEFT JOIN dump_level ON x.\"%s\" = dump_level.k"
               " ORDER BY dump_level.d IS NULL, dump_level.d, ",
               t->name, to);
    put_order(b, t);
}

const char *dump_sql_select(struct arena *a, const struct dump_table *t, bool after)
{
    struct buf b = BUF_INIT;
    if (t->self_from >= 0) {
        put_tree_select(&b, t);
        return finish(a, &b);
    }
    buf_puts(&b, "SELECT ");
    for (int i = 0; i < t->ncols; i++) {
        buf_puts(&b, i ? ", " : "");
        put_col(&b, &t->cols[i]);
    }
    buf_printf(&b, " FROM \"%s\" x", t->name);
    if (after && dump_sql_pages(t)) {
        buf_puts(&b, " WHERE (");
        put_order(&b, t);
        buf_puts(&b, ") > (");
        for (int i = 0; i < t->npk; i++)
            buf_puts(&b, i ? ", ?" : "?");
        buf_puts(&b, ")");
    }
    buf_puts(&b, " ORDER BY ");
    put_order(&b, t);
    if (dump_sql_pages(t))
        buf_printf(&b, " LIMIT %d", DUMP_PAGE_ROWS);
    return finish(a, &b);
}

const char *dump_sql_count(struct arena *a, const struct dump_table *t)
{
    return arena_printf(a, "SELECT count(*) FROM \"%s\"", t->name);
}

const char *dump_sql_any_row(struct arena *a, const struct dump_table *t)
{
    return arena_printf(a, "SELECT 1 FROM \"%s\" LIMIT 1", t->name);
}

const char *dump_sql_insert(struct arena *a, enum db_kind kind, const struct dump_table *t,
                            const int *order, int n)
{
    struct buf b = BUF_INIT;
    buf_printf(&b, "INSERT INTO \"%s\" (", t->name);
    for (int i = 0; i < n; i++)
        buf_printf(&b, "%s\"%s\"", i ? ", " : "", t->cols[order[i]].name);
    buf_puts(&b, kind == DB_POSTGRES ? ") OVERRIDING SYSTEM VALUE VALUES (" : ") VALUES (");
    for (int i = 0; i < n; i++)
        buf_puts(&b, i ? ", ?" : "?");
    buf_puts(&b, ")");
    return finish(a, &b);
}

/* The sequence behind column col of t (from a) into *seq, or NULL. */
static enum err serial_sequence(struct db *db, struct arena *a, const struct dump_table *t,
                                const char *col, const char **seq, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT pg_get_serial_sequence(quote_ident(current_schema()) || '.' || ?, ?)");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, t->name);
    db_bind_text(st, 2, col);
    enum db_rc rc = db_step(st);
    *seq = rc == DB_ROW ? arena_strdup(a, db_col_text(st, 0)) : NULL;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err dump_sync_sequences(struct db *db, struct arena *a, const struct dump_table *t,
                             struct fault *f)
{
    if (db_kind(db) != DB_POSTGRES)
        return ERR_OK;
    for (int i = 0; i < t->ncols; i++) {
        const char *seq = NULL;
        enum err e = t->cols[i].type == DUMP_INTEGER
                         ? serial_sequence(db, a, t, t->cols[i].name, &seq, f)
                         : ERR_OK;
        if (e != ERR_OK)
            return e;
        if (!seq)
            continue;
        struct db_stmt *st = db_prepare(
            db, arena_printf(a,
                             "SELECT setval(CAST(? AS regclass), m) FROM"
                             " (SELECT max(\"%s\") AS m FROM \"%s\") s WHERE m IS NOT NULL",
                             t->cols[i].name, t->name));
        if (!st)
            return db_fault(db, f);
        db_bind_text(st, 1, seq);
        enum db_rc rc;
        while ((rc = db_step(st)) == DB_ROW)
            ;
        db_done(st);
        if (rc == DB_ERROR)
            return db_fault(db, f);
    }
    return ERR_OK;
}
