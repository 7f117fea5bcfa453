/* The export half of the dump (see dump.h; the import is dump_import.c).
 * One snapshot transaction, the schema read from the database, then each
 * table's rows in a fixed order. Big tables are read a page at a time by
 * their primary key (keyset paging), since the PostgreSQL driver holds a
 * whole result in memory.
 *
 * Each value is checked against its column's declared type while it is
 * written, because SQLite stores what it is given: text in an integer
 * column is an error here rather than a surprise on PostgreSQL. */
#include "db/dump.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "db/db.h"
#include "db/dump_schema.h"
#include "db/migrate.h"

#define PROGRESS_EVERY 10000
#define N_(msgid) (msgid) /* marks a message id for xgettext */

/* The key of the last row written, to ask for the rows after it. */
struct key_value {
    enum dump_type type;
    int64_t i;
    double d;
    struct buf s;
};

struct exporter {
    struct db *db;
    FILE *out;
    struct arena *a;
    struct buf line;
    struct key_value *key; /* npk values of the table being written */
    dump_progress_fn progress;
    void *ctx;
};

/* ---- JSON ------------------------------------------------------------------- */

static void put_string(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            buf_putc(b, '\\');
            buf_putc(b, (char)*p);
        } else if (*p == '\n') {
            buf_puts(b, "\\n");
        } else if (*p == '\t') {
            buf_puts(b, "\\t");
        } else if (*p == '\r') {
            buf_puts(b, "\\r");
        } else if (*p < 0x20) {
            buf_puts(b, "\\u00");
            buf_putc(b, hex[*p >> 4]);
            buf_putc(b, hex[*p & 15]);
        } else {
            buf_putc(b, (char)*p);
        }
    }
    buf_putc(b, '"');
}

/* The shortest of 15, 16 or 17 significant digits that reads back as v,
 * always with a '.' or an exponent, so that it reads back as a real. */
static void put_real(struct buf *b, double v)
{
    char s[40];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(s, sizeof s, "%.*g", digits, v);
        if (strtod(s, NULL) == v)
            break;
    }
    buf_puts(b, s);
    if (!strpbrk(s, ".eE"))
        buf_puts(b, ".0");
}

/* ---- values ------------------------------------------------------------------ */

static enum err bad_value(struct exporter *x, const char *msgid, const struct dump_table *t,
                          int col, struct fault *f)
{
    return fault_set(f, ERR_INVALID, NULL, msgid, t->cols[col].name, t->name, NULL);
}

static bool whole_number(const char *s, int64_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || errno)
        return false;
    *out = v;
    return true;
}

static bool finite_number(const char *s, double v)
{
    char *end;
    if (!s || !*s)
        return false;
    strtod(s, &end);
    return *end == '\0' && isfinite(v);
}

static enum err put_value(struct exporter *x, const struct dump_table *t, int col,
                          struct db_stmt *st, struct fault *f)
{
    if (db_col_is_null(st, col)) {
        buf_puts(&x->line, "null");
        return ERR_OK;
    }
    enum dump_type type = t->cols[col].type;
    /* The number before the text: SQLite may convert the value in place. */
    double d = type == DUMP_REAL ? db_col_double(st, col) : 0.0;
    const char *s = db_col_text(st, col);
    int64_t i;
    switch (type) {
    case DUMP_INTEGER:
        if (!s || !whole_number(s, &i))
            return bad_value(x,
                             N_("Column %s of table %s holds a value that is not a whole number."),
                             t, col, f);
        buf_printf(&x->line, "%" PRId64, i);
        return ERR_OK;
    case DUMP_REAL:
        if (!finite_number(s, d))
            return bad_value(x,
                             N_("Column %s of table %s holds a value that is not a finite number."),
                             t, col, f);
        put_real(&x->line, d);
        return ERR_OK;
    case DUMP_TEXT:
        if (!s || !utf8_valid(s, strlen(s)))
            return bad_value(x, N_("Column %s of table %s holds text that is not valid UTF-8."), t,
                             col, f);
        put_string(&x->line, s);
        return ERR_OK;
    }
    abort();
}

/* ---- lines ------------------------------------------------------------------- */

static enum err write_line(struct exporter *x, struct fault *f)
{
    buf_putc(&x->line, '\n');
    if (fwrite(x->line.data, 1, x->line.len, x->out) != x->line.len)
        return fault_set(f, ERR_INTERNAL, NULL, "The dump cannot be written: %s", strerror(errno),
                         NULL);
    buf_reset(&x->line);
    return ERR_OK;
}

static enum err put_header(struct exporter *x, int version, int64_t exported_at, struct fault *f)
{
    char when[21];
    clock_iso8601(exported_at, when);
    buf_printf(&x->line,
               "{\"format\":\"%s\",\"version\":%d,\"schema_version\":%d,\"exported_at\":\"%s\"}",
               DUMP_FORMAT, DUMP_VERSION, version, when);
    return write_line(x, f);
}

static enum err put_table_line(struct exporter *x, const struct dump_table *t, struct fault *f)
{
    buf_puts(&x->line, "{\"table\":");
    put_string(&x->line, t->name);
    buf_puts(&x->line, ",\"columns\":[");
    for (int i = 0; i < t->ncols; i++) {
        buf_puts(&x->line, i ? "," : "");
        put_string(&x->line, t->cols[i].name);
    }
    buf_puts(&x->line, "]}");
    return write_line(x, f);
}

static enum err put_row(struct exporter *x, const struct dump_table *t, struct db_stmt *st,
                        struct fault *f)
{
    buf_putc(&x->line, '[');
    for (int i = 0; i < t->ncols; i++) {
        buf_puts(&x->line, i ? "," : "");
        enum err e = put_value(x, t, i, st, f);
        if (e != ERR_OK) {
            buf_reset(&x->line);
            return e;
        }
    }
    buf_putc(&x->line, ']');
    return write_line(x, f);
}

/* ---- tables ------------------------------------------------------------------ */

static void keep_key(struct exporter *x, const struct dump_table *t, struct db_stmt *st)
{
    for (int i = 0; i < t->npk; i++) {
        struct key_value *k = &x->key[i];
        k->type = t->cols[t->pk[i]].type;
        if (k->type == DUMP_INTEGER)
            k->i = db_col_int(st, t->pk[i]);
        else if (k->type == DUMP_REAL)
            k->d = db_col_double(st, t->pk[i]);
        buf_reset(&k->s);
        const char *text = k->type == DUMP_TEXT ? db_col_text(st, t->pk[i]) : NULL;
        buf_puts(&k->s, text ? text : "");
    }
}

static void bind_key(struct exporter *x, const struct dump_table *t, struct db_stmt *st)
{
    for (int i = 0; i < t->npk; i++) {
        const struct key_value *k = &x->key[i];
        if (k->type == DUMP_INTEGER)
            db_bind_int(st, i + 1, k->i);
        else if (k->type == DUMP_REAL)
            db_bind_double(st, i + 1, k->d);
        else
            db_bind_text(st, i + 1, buf_cstr(&k->s));
    }
}

/* Runs one SELECT of t (the rows after the kept key when after is true) and
 * writes its rows; *got counts them, *rows adds them up. */
static enum err put_rows(struct exporter *x, const struct dump_table *t, bool after, int64_t *got,
                         int64_t *rows, struct fault *f)
{
    struct db_stmt *st = db_prepare(x->db, dump_sql_select(x->a, t, after));
    if (!st)
        return db_fault(x->db, f);
    if (after)
        bind_key(x, t, st);
    enum db_rc rc;
    enum err e = ERR_OK;
    *got = 0;
    while (e == ERR_OK && (rc = db_step(st)) == DB_ROW) {
        e = put_row(x, t, st, f);
        keep_key(x, t, st);
        ++*got;
        if (++*rows % PROGRESS_EVERY == 0 && x->progress)
            x->progress(x->ctx, t->name, *rows);
    }
    db_done(st);
    if (e == ERR_OK && rc == DB_ERROR)
        e = db_fault(x->db, f);
    return e;
}

/* Every row was written: a NULL in a primary key would have cut the paging
 * short (SQL compares nothing with NULL). */
static enum err check_count(struct exporter *x, const struct dump_table *t, int64_t rows,
                            struct fault *f)
{
    struct db_stmt *st = db_prepare(x->db, dump_sql_count(x->a, t));
    if (!st)
        return db_fault(x->db, f);
    enum db_rc rc = db_step(st);
    int64_t n = rc == DB_ROW ? db_col_int(st, 0) : -1;
    db_done(st);
    if (rc != DB_ROW)
        return db_fault(x->db, f);
    if (n != rows)
        return fault_set(f, ERR_INVALID, NULL,
                         "Table %s has rows the export cannot order (a NULL in its primary key).",
                         t->name, NULL);
    return ERR_OK;
}

static enum err put_table(struct exporter *x, const struct dump_table *t, int64_t *rows,
                          struct fault *f)
{
    enum err e = put_table_line(x, t, f);
    x->key = arena_array(x->a, (size_t)t->npk + 1, sizeof *x->key);
    int64_t got = DUMP_PAGE_ROWS;
    for (bool after = false; e == ERR_OK && got == DUMP_PAGE_ROWS; after = true) {
        e = put_rows(x, t, after, &got, rows, f);
        if (!dump_sql_pages(t))
            break;
    }
    for (int i = 0; i < t->npk; i++)
        buf_free(&x->key[i].s);
    if (e == ERR_OK)
        e = check_count(x, t, *rows, f);
    if (e == ERR_OK && x->progress)
        x->progress(x->ctx, t->name, *rows);
    return e;
}

/* ---- the API ------------------------------------------------------------------ */

static enum err put_all(struct exporter *x, int64_t exported_at, struct dump_result *res,
                        struct fault *f)
{
    res->schema_version = migrate_version(x->db);
    if (res->schema_version < 0)
        return db_fault(x->db, f);
    if (res->schema_version == 0)
        return fault_set(f, ERR_CONFLICT, NULL,
                         "The database has no schema yet; there is nothing to export.", NULL);
    struct dump_schema s;
    enum err e = dump_schema_read(x->db, x->a, &s, f);
    if (e == ERR_OK)
        e = put_header(x, res->schema_version, exported_at, f);
    res->tables = arena_array(x->a, (size_t)s.ntables + 1, sizeof *res->tables);
    for (int i = 0; e == ERR_OK && i < s.ntables; i++) {
        struct dump_count *c = &res->tables[res->ntables++];
        c->table = s.tables[i].name;
        e = put_table(x, &s.tables[i], &c->rows, f);
        res->rows += c->rows;
    }
    if (e == ERR_OK) {
        buf_printf(&x->line, "{\"end\":\"%s\",\"tables\":%d,\"rows\":%" PRId64 "}", DUMP_FORMAT,
                   res->ntables, res->rows);
        e = write_line(x, f);
    }
    return e;
}

enum err dump_export(struct db *db, FILE *out, int64_t exported_at, dump_progress_fn progress,
                     void *ctx, struct dump_result *res, struct fault *f)
{
    *res = (struct dump_result){.arena = arena_new()};
    struct exporter x = {db, out, res->arena, BUF_INIT, NULL, progress, ctx};
    enum err e = dump_snapshot_begin(db, f);
    if (e != ERR_OK)
        return e;
    e = put_all(&x, exported_at, res, f);
    dump_snapshot_end(db);
    buf_free(&x.line);
    return e;
}

void dump_result_free(struct dump_result *res)
{
    arena_free(res->arena);
    *res = (struct dump_result){0};
}
