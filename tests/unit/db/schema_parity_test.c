/* The migrations of sql/sqlite/ and sql/postgres/ must build the same schema:
 * the same tables, columns (name, broad type, NOT NULL, in the same order),
 * primary keys, foreign keys (with their ON UPDATE / ON DELETE rules),
 * unique constraints, indexes and number of CHECK constraints. Each side is
 * migrated fresh and described as text, one line per fact, from SQLite's
 * pragmas and PostgreSQL's information_schema (pg_catalog where the
 * standard views do not tell: indexes, CHECKs without the NOT NULLs); the
 * two texts must be equal.
 *
 * The PostgreSQL side needs $WIJKREGIE_TEST_PG_URL (see pg_testing.h);
 * without it those tests are skipped. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/embed.h"
#include "core/mem.h"
#include "db/db.h"
#include "db/migrate.h"
#include "db_testing.h"
#include "pg_testing.h"

/* A list of malloc'ed lines. */
struct lines {
    char **v;
    size_t n, cap;
};

__attribute__((format(printf, 2, 3))) static void add(struct lines *l, const char *fmt, ...)
{
    struct buf b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = buf_detach(&b, NULL);
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Moves the lines of from into to, sorted (constraints have no order). */
static void add_sorted(struct lines *to, struct lines *from)
{
    if (from->n > 0)
        qsort(from->v, from->n, sizeof *from->v, by_text);
    for (size_t i = 0; i < from->n; i++) {
        add(to, "%s", from->v[i]);
        free(from->v[i]);
    }
    free(from->v);
    *from = (struct lines){0};
}

static void free_lines(struct lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    *l = (struct lines){0};
}

static struct db_stmt *prepare_or_fail(struct db *db, const char *sql)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        fail_msg("prepare %s: %s", sql, db_errmsg(db));
    return st;
}

static void done_or_fail(struct db *db, struct db_stmt *st, enum db_rc rc)
{
    db_done(st);
    if (rc != DB_DONE)
        fail_msg("query failed: %s", db_errmsg(db));
}

/* Each query below takes the table name as its one parameter. Rows are
 * turned into lines by a function of this type. */
typedef void (*row_fn)(struct db_stmt *st, struct lines *out, struct buf *acc);

static void query_lines(struct db *db, const char *sql, const char *table, row_fn fn,
                        struct lines *out)
{
    struct db_stmt *st = prepare_or_fail(db, sql);
    db_bind_text(st, 1, table);
    struct buf acc = BUF_INIT;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW)
        fn(st, out, &acc);
    done_or_fail(db, st, rc);
    fn(NULL, out, &acc); /* the end: flush what was accumulated */
    buf_free(&acc);
}

static const char *text_or(struct db_stmt *st, int col, const char *dflt)
{
    const char *t = db_col_text(st, col);
    return t ? t : dflt;
}

/* ---- broad types ----------------------------------------------------- */

/* SQLite's type affinity rules (datatype3.html, 3.1), in their order. */
static const char *sqlite_broad_type(const char *declared)
{
    struct buf up = BUF_INIT;
    for (const char *p = declared; *p; p++)
        buf_putc(&up, (char)toupper((unsigned char)*p));
    const char *t = buf_cstr(&up), *kind;
    if (strstr(t, "INT"))
        kind = "integer";
    else if (strstr(t, "CHAR") || strstr(t, "CLOB") || strstr(t, "TEXT"))
        kind = "text";
    else if (strstr(t, "BLOB") || !*t)
        kind = "blob";
    else if (strstr(t, "REAL") || strstr(t, "FLOA") || strstr(t, "DOUB"))
        kind = "real";
    else
        kind = "numeric";
    buf_free(&up);
    return kind;
}

static const char *pg_broad_type(const char *data_type)
{
    static const char *const map[][2] = {
        {"smallint", "integer"}, {"integer", "integer"},        {"bigint", "integer"},
        {"real", "real"},        {"double precision", "real"},  {"text", "text"},
        {"character", "text"},   {"character varying", "text"}, {"bytea", "blob"},
        {"numeric", "numeric"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(data_type, map[i][0]) == 0)
            return map[i][1];
    return data_type; /* boolean, timestamp...: no SQLite twin, so a mismatch */
}

/* ---- SQLite ------------------------------------------------------------ */

static void sqlite_column(struct db_stmt *st, struct lines *out, struct buf *acc)
{
    if (!st)
        return;
    /* A PRIMARY KEY column is NOT NULL on PostgreSQL; SQLite lets a
     * non-INTEGER one hold NULL unless it says NOT NULL (a legacy quirk). */
    bool not_null = db_col_int(st, 2) || db_col_int(st, 3) > 0;
    add(out, "  column %s %s%s", db_col_text(st, 0), sqlite_broad_type(text_or(st, 1, "")),
        not_null ? " not null" : "");
}

/* Accumulates comma-separated names in acc; one line at the end. */
static void name_list(struct db_stmt *st, struct lines *out, struct buf *acc, const char *what)
{
    if (st) {
        buf_printf(acc, "%s%s", acc->len ? ", " : "", text_or(st, 0, "?"));
        return;
    }
    if (acc->len)
        add(out, "  %s (%s)", what, buf_cstr(acc));
}

static void primary_key(struct db_stmt *st, struct lines *out, struct buf *acc)
{
    name_list(st, out, acc, "primary key");
}

static void index_columns(struct db_stmt *st, struct lines *out, struct buf *acc)
{
    name_list(st, out, acc, "columns");
}

/* The columns of index name as "(a, b)", malloc'ed. */
static char *sqlite_index_columns(struct db *db, const char *name)
{
    struct lines one = {0};
    query_lines(db, "SELECT name FROM pragma_index_info(?) ORDER BY seqno", name, index_columns,
                &one);
    char *cols = xstrdup(one.n ? one.v[0] + strlen("  columns ") : "()");
    free_lines(&one);
    return cols;
}

/* Unique constraints (origin u) and created indexes (origin c). */
static void sqlite_indexes(struct db *db, const char *table, struct lines *out)
{
    struct db_stmt *st = prepare_or_fail(db, "SELECT name, \"unique\", origin, partial"
                                             " FROM pragma_index_list(?) WHERE origin <> 'pk'");
    db_bind_text(st, 1, table);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        char *cols = sqlite_index_columns(db, db_col_text(st, 0));
        if (strcmp(db_col_text(st, 2), "u") == 0)
            add(out, "  unique %s", cols);
        else
            add(out, "  %sindex %s %s%s", db_col_int(st, 1) ? "unique " : "", db_col_text(st, 0),
                cols, db_col_int(st, 3) ? " partial" : "");
        free(cols);
    }
    done_or_fail(db, st, rc);
}

static void sqlite_foreign_keys(struct db *db, const char *table, struct lines *out)
{
    struct db_stmt *st = prepare_or_fail(
        db, "SELECT id, \"from\", \"table\", coalesce(\"to\", (SELECT p.name FROM"
            " pragma_table_info(\"table\") p WHERE p.pk = seq + 1)), on_update, on_delete"
            " FROM pragma_foreign_key_list(?) ORDER BY id, seq");
    db_bind_text(st, 1, table);
    struct buf from = BUF_INIT, to = BUF_INIT, tail = BUF_INIT;
    int64_t id = -1;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW || from.len) {
        if (from.len && (rc != DB_ROW || db_col_int(st, 0) != id)) {
            add(out, "  foreign key (%s) references %s)%s", buf_cstr(&from), buf_cstr(&to),
                buf_cstr(&tail));
            buf_reset(&from);
            if (rc != DB_ROW)
                break;
        }
        if (!from.len) {
            id = db_col_int(st, 0);
            buf_reset(&to);
            buf_reset(&tail);
            buf_printf(&to, "%s (", db_col_text(st, 2));
            buf_printf(&tail, " on update %s on delete %s", db_col_text(st, 4), db_col_text(st, 5));
        } else {
            buf_puts(&to, ", ");
        }
        buf_printf(&from, "%s%s", from.len ? ", " : "", db_col_text(st, 1));
        buf_puts(&to, text_or(st, 3, "?"));
    }
    buf_free(&from);
    buf_free(&to);
    buf_free(&tail);
    done_or_fail(db, st, rc);
}

/* The number of CHECK keywords in a CREATE TABLE text, outside strings,
 * quoted names and comments: SQLite keeps no list of CHECK constraints. */
static int count_checks(const char *sql)
{
    int n = 0;
    for (const char *p = sql; *p;) {
        if (*p == '\'' || *p == '"') {
            char q = *p++;
            while (*p && !(*p == q && p[1] != q))
                p += *p == q ? 2 : 1;
            p += *p ? 1 : 0;
        } else if (p[0] == '-' && p[1] == '-') {
            p += strcspn(p, "\n");
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
        } else if (isalnum((unsigned char)*p) || *p == '_') {
            size_t len = 0;
            while (isalnum((unsigned char)p[len]) || p[len] == '_')
                len++;
            n += len == 5 && strncasecmp(p, "check", 5) == 0;
            p += len;
        } else {
            p++;
        }
    }
    return n;
}

static int sqlite_checks(struct db *db, const char *table)
{
    struct db_stmt *st =
        prepare_or_fail(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?");
    db_bind_text(st, 1, table);
    int n = db_step(st) == DB_ROW ? count_checks(text_or(st, 0, "")) : -1;
    db_done(st);
    return n;
}

static void describe_sqlite_table(struct db *db, const char *table, struct lines *out)
{
    struct lines facts = {0};
    query_lines(db, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid",
                table, sqlite_column, out);
    query_lines(db, "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", table,
                primary_key, &facts);
    sqlite_indexes(db, table, &facts);
    sqlite_foreign_keys(db, table, &facts);
    add(&facts, "  checks %d", sqlite_checks(db, table));
    add_sorted(out, &facts);
}

/* ---- PostgreSQL --------------------------------------------------------- */

static void pg_column(struct db_stmt *st, struct lines *out, struct buf *acc)
{
    if (st)
        add(out, "  column %s %s%s", db_col_text(st, 0), pg_broad_type(db_col_text(st, 1)),
            db_col_int(st, 2) ? " not null" : "");
}

/* A row that is one whole line already. */
static void pg_line(struct db_stmt *st, struct lines *out, struct buf *acc)
{
    if (st)
        add(out, "  %s", db_col_text(st, 0));
}

static const char pg_columns_sql[] =
    "SELECT column_name, data_type, is_nullable = 'NO' FROM information_schema.columns"
    " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position";

/* Primary keys and unique constraints with their columns in key order. */
static const char pg_keys_sql[] =
    "SELECT CASE tc.constraint_type WHEN 'PRIMARY KEY' THEN 'primary key' ELSE 'unique' END"
    " || ' (' || string_agg(k.column_name, ', ' ORDER BY k.ordinal_position) || ')'"
    " FROM information_schema.table_constraints tc"
    " JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema"
    "  AND k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name"
    " WHERE tc.table_schema = current_schema() AND tc.table_name = ?"
    "  AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE')"
    " GROUP BY tc.constraint_name, tc.constraint_type";

/* Foreign keys: each column paired with the one it references. */
static const char pg_foreign_keys_sql[] =
    "SELECT 'foreign key (' || string_agg(k.column_name, ', ' ORDER BY k.ordinal_position)"
    " || ') references ' || min(r.table_name) || ' ('"
    " || string_agg(r.column_name, ', ' ORDER BY k.ordinal_position)"
    " || ') on update ' || min(rc.update_rule) || ' on delete ' || min(rc.delete_rule)"
    " FROM information_schema.referential_constraints rc"
    " JOIN information_schema.key_column_usage k ON k.constraint_schema = rc.constraint_schema"
    "  AND k.constraint_name = rc.constraint_name"
    " JOIN information_schema.key_column_usage r"
    "  ON r.constraint_schema = rc.unique_constraint_schema"
    "  AND r.constraint_name = rc.unique_constraint_name"
    "  AND r.ordinal_position = k.position_in_unique_constraint"
    " WHERE k.table_schema = current_schema() AND k.table_name = ?"
    " GROUP BY k.constraint_name";

/* Indexes that back no constraint (CREATE [UNIQUE] INDEX); information_schema
 * does not list indexes. An expression column shows as ?. */
static const char pg_indexes_sql[] =
    "SELECT CASE WHEN i.indisunique THEN 'unique index ' ELSE 'index ' END || ic.relname"
    " || ' (' || string_agg(coalesce(a.attname, '?'), ', ' ORDER BY key.ord) || ')'"
    " || CASE WHEN bool_or(i.indpred IS NOT NULL) THEN ' partial' ELSE '' END"
    " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
    " CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS key(attnum, ord)"
    " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = key.attnum"
    " WHERE i.indrelid = to_regclass(?) AND NOT i.indisprimary"
    "  AND ic.relam <> (SELECT oid FROM pg_catalog.pg_am WHERE amname = 'gin')"
    "  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conindid = i.indexrelid)"
    " GROUP BY i.indexrelid, ic.relname, i.indisunique";

/* CHECK constraints proper: information_schema counts NOT NULLs as CHECKs. */
static const char pg_checks_sql[] = "SELECT count(*) FROM pg_catalog.pg_constraint"
                                    " WHERE conrelid = to_regclass(?) AND contype = 'c'";

static void describe_pg_table(struct db *db, const char *table, struct lines *out)
{
    struct lines facts = {0};
    query_lines(db, pg_columns_sql, table, pg_column, out);
    query_lines(db, pg_keys_sql, table, pg_line, &facts);
    query_lines(db, pg_foreign_keys_sql, table, pg_line, &facts);
    query_lines(db, pg_indexes_sql, table, pg_line, &facts);
    struct db_stmt *st = prepare_or_fail(db, pg_checks_sql);
    db_bind_text(st, 1, table);
    assert_int_equal(db_step(st), DB_ROW);
    add(&facts, "  checks %d", (int)db_col_int(st, 0));
    db_done(st);
    add_sorted(out, &facts);
}

/* ---- both ---------------------------------------------------------------- */

/* Full-text search indexes differ by design (db.h, db_fts_*): SQLite's
 * FTS5 virtual tables with their shadow tables, PostgreSQL's GIN indexes;
 * neither side lists them. */
static const char sqlite_tables_sql[] = "SELECT name FROM pragma_table_list WHERE schema = 'main'"
                                        " AND type = 'table' AND name NOT LIKE 'sqlite_%'"
                                        " ORDER BY name";
static const char pg_tables_sql[] = "SELECT table_name FROM information_schema.tables"
                                    " WHERE table_schema = current_schema()"
                                    " AND table_type = 'BASE TABLE' ORDER BY table_name";

/* The whole schema of db as lines; free with free_lines. */
static struct lines describe(struct db *db)
{
    bool pg = db_kind(db) == DB_POSTGRES;
    struct lines tables = {0}, out = {0};
    struct db_stmt *st = prepare_or_fail(db, pg ? pg_tables_sql : sqlite_tables_sql);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW)
        add(&tables, "%s", db_col_text(st, 0));
    done_or_fail(db, st, rc);
    for (size_t i = 0; i < tables.n; i++) {
        add(&out, "table %s", tables.v[i]);
        if (pg)
            describe_pg_table(db, tables.v[i], &out);
        else
            describe_sqlite_table(db, tables.v[i], &out);
    }
    free_lines(&tables);
    return out;
}

/* Fails naming the first line where a and b differ. */
static void assert_same(const struct lines *a, const struct lines *b, const char *what)
{
    for (size_t i = 0; i < a->n || i < b->n; i++) {
        const char *x = i < a->n ? a->v[i] : "(end)", *y = i < b->n ? b->v[i] : "(end)";
        if (strcmp(x, y) != 0)
            fail_msg("%s: line %zu differs:\n  sqlite:   %s\n  postgres: %s", what, i + 1, x, y);
    }
}

static bool differs(const struct lines *a, const struct lines *b)
{
    if (a->n != b->n)
        return true;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->v[i], b->v[i]) != 0)
            return true;
    return false;
}

static bool has_line(const struct lines *l, const char *line)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], line) == 0)
            return true;
    return false;
}

static struct db *migrated(const char *url)
{
    struct fault f = {0};
    struct db *db = db_open(url, &f);
    if (!db)
        fail_msg("cannot open %s", url);
    if (migrate_up(db, NULL, &f) != ERR_OK)
        fail_msg("migrating %s: %s", url, db_errmsg(db));
    return db;
}

/* A fresh, migrated PostgreSQL database (skips without a server). */
struct pg_fresh {
    char *url;
    struct db *db;
};

static struct pg_fresh pg_fresh(void)
{
    const char *base = pg_testing_url();
    if (!base)
        skip();
    struct pg_fresh p = {pg_testing_create_db(base, "wijk_parity"), NULL};
    assert_non_null(p.url);
    p.db = migrated(p.url);
    return p;
}

static void pg_fresh_free(struct pg_fresh *p)
{
    db_close(p->db);
    assert_true(pg_testing_drop_db(pg_testing_url(), p->url));
}

/* ---- tests --------------------------------------------------------------- */

static void test_sqlite_and_postgres_schemas_match(void **state)
{
    struct pg_fresh pg = pg_fresh();
    struct db *lite = migrated(":memory:");
    struct lines a = describe(lite), b = describe(pg.db);
    assert_true(a.n > 3);
    assert_same(&a, &b, "schemas after migrating");
    free_lines(&a);
    free_lines(&b);
    db_close(lite);
    pg_fresh_free(&pg);
}

static void test_sqlite_description_has_every_kind_of_fact(void **state)
{
    struct db *lite = migrated(":memory:");
    struct lines a = describe(lite);
    const char *want[] = {
        "table area",
        "  column code text not null",
        "  column parent_code text",
        "  primary key (code)",
        ("  foreign key (parent_code) references area (code)"
         " on update NO ACTION on delete NO ACTION"),
        "  index area_parent_idx (parent_code, code)",
        "  checks 2",
        "  primary key (area_code, year)",
        "  column avg_household_size real",
        "table schema_migration",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!has_line(&a, want[i]))
            fail_msg("no line \"%s\"", want[i]);
    free_lines(&a);
    db_close(lite);
}

static void test_sqlite_description_sees_each_difference(void **state)
{
    static const char *const changes[] = {
        "ALTER TABLE area ADD COLUMN extra TEXT",
        "CREATE INDEX area_name_idx ON area (name)",
        "DROP INDEX area_kind_idx",
        "CREATE TABLE extra (x INTEGER)",
        "CREATE UNIQUE INDEX area_name_uidx ON area (name)",
    };
    struct db *base = migrated(":memory:");
    struct lines a = describe(base);
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        struct db *other = migrated(":memory:");
        testing_exec(other, changes[i]);
        struct lines b = describe(other);
        if (!differs(&a, &b))
            fail_msg("the description does not see: %s", changes[i]);
        free_lines(&b);
        db_close(other);
    }
    free_lines(&a);
    db_close(base);
}

static void test_postgres_description_sees_a_dropped_check(void **state)
{
    struct pg_fresh pg = pg_fresh();
    struct lines a = describe(pg.db);
    testing_exec(pg.db, "ALTER TABLE area DROP CONSTRAINT area_kind_check");
    struct lines b = describe(pg.db);
    assert_true(differs(&a, &b));
    free_lines(&a);
    free_lines(&b);
    pg_fresh_free(&pg);
}

static void test_postgres_description_sees_a_type_and_null_change(void **state)
{
    struct pg_fresh pg = pg_fresh();
    struct lines a = describe(pg.db);
    testing_exec(pg.db, "ALTER TABLE area_figures ALTER COLUMN year TYPE DOUBLE PRECISION");
    struct lines b = describe(pg.db);
    assert_true(differs(&a, &b));
    testing_exec(pg.db, "ALTER TABLE area_figures ALTER COLUMN year TYPE INTEGER;"
                        "ALTER TABLE area ALTER COLUMN name DROP NOT NULL");
    struct lines c = describe(pg.db);
    assert_true(differs(&a, &c));
    free_lines(&a);
    free_lines(&b);
    free_lines(&c);
    pg_fresh_free(&pg);
}

static void test_both_describe_composite_keys_alike(void **state)
{
    static const char ddl[] =
        "CREATE TABLE pair (a INTEGER NOT NULL, b TEXT NOT NULL, c DOUBLE PRECISION,"
        " UNIQUE (a, b), PRIMARY KEY (b, a));"
        "CREATE TABLE ref (x INTEGER, y TEXT, CHECK (x > 0),"
        " FOREIGN KEY (y, x) REFERENCES pair (b, a) ON DELETE SET NULL);"
        "CREATE UNIQUE INDEX ref_yx ON ref (y, x);"
        "CREATE TABLE ref_pk (y TEXT, x INTEGER, FOREIGN KEY (y, x) REFERENCES pair);";
    struct pg_fresh pg = pg_fresh();
    struct db *lite = migrated(":memory:");
    testing_exec(lite, ddl);
    testing_exec(pg.db, ddl);
    struct lines a = describe(lite), b = describe(pg.db);
    assert_same(&a, &b, "the same DDL on both");
    assert_true(has_line(&a, "  unique (a, b)"));
    assert_true(has_line(&a, "  primary key (b, a)"));
    assert_true(has_line(&a, "  foreign key (y, x) references pair (b, a)"
                             " on update NO ACTION on delete SET NULL"));
    assert_true(has_line(&a, "  unique index ref_yx (y, x)"));
    assert_true(has_line(&a, "  foreign key (y, x) references pair (b, a)"
                             " on update NO ACTION on delete NO ACTION"));
    free_lines(&a);
    free_lines(&b);
    db_close(lite);
    pg_fresh_free(&pg);
}

/* The migration files of one driver, "NNNN_name.sql" each, as lines. */
static struct lines shipped(const char *dir)
{
    struct lines l = {0};
    size_t n = strlen(dir);
    for (const struct embedded_file *e = embedded_files; e->path; e++)
        if (strncmp(e->path, dir, n) == 0)
            add(&l, "%s", e->path + n);
    return l;
}

static void test_both_drivers_ship_the_same_numbered_steps(void **state)
{
    struct lines a = shipped("sql/sqlite/"), b = shipped("sql/postgres/");
    assert_true(a.n >= 1);
    assert_same(&a, &b, "migration files");
    free_lines(&a);
    free_lines(&b);
}

static void test_check_count_skips_strings_and_comments(void **state)
{
    assert_int_equal(count_checks("CREATE TABLE x (a TEXT CHECK (a <> 'check'), -- check\n"
                                  " \"check\" INT, /* CHECK */ b INT check (b > 0),"
                                  " checked INT)"),
                     2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_both_drivers_ship_the_same_numbered_steps),
        cmocka_unit_test(test_sqlite_and_postgres_schemas_match),
        cmocka_unit_test(test_sqlite_description_has_every_kind_of_fact),
        cmocka_unit_test(test_sqlite_description_sees_each_difference),
        cmocka_unit_test(test_postgres_description_sees_a_dropped_check),
        cmocka_unit_test(test_postgres_description_sees_a_type_and_null_change),
        cmocka_unit_test(test_both_describe_composite_keys_alike),
        cmocka_unit_test(test_check_count_skips_strings_and_comments),
    };
    return cmocka_run_group_tests(tests, testing_silence_log, NULL);
}
