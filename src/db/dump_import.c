/* The import half of the dump (see dump.h; the export is dump.c). The file
 * is read line by line and each line parsed with jansson; everything goes
 * into one transaction, which is committed only after the end line has
 * confirmed that the file is whole. The first bad line rolls it all back and
 * is named in the message.
 *
 * Names in the file are only ever looked up among the names the database's
 * catalog gives (dump_schema.h): the SQL is built from those. */
#include "db/dump.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "db/dump_schema.h"
#include "db/migrate.h"

#define PROGRESS_EVERY 10000
#define N_(msgid) (msgid) /* marks a message id for xgettext */

struct importer {
    struct db *db;
    FILE *in;
    struct arena *a;
    struct dump_result *res;
    dump_progress_fn progress;
    void *ctx;
    struct dump_schema schema;
    bool *seen; /* per schema table: its table line has come */
    char *text; /* the current line (getline's buffer) */
    size_t cap;
    size_t len;                     /* its length */
    long line;                      /* its number, from 1 */
    const struct dump_table *table; /* where rows go, or NULL before a table line */
    int *order;                     /* the column of t for each value of a row */
    const char *insert_sql;
    struct dump_count *count; /* the current table's */
    bool ended;               /* the end line has come */
};

/* ---- reading lines -------------------------------------------------------- */

static const char *line_no(struct importer *im)
{
    return arena_printf(im->a, "%ld", im->line);
}

/* The next line that is not empty into im->text, without its line break:
 * 1; 0 at the end of the file; -1 on a read error (f filled, ERR_INTERNAL). */
static int next_line(struct importer *im, struct fault *f)
{
    for (;;) {
        errno = 0;
        ssize_t n = getline(&im->text, &im->cap, im->in);
        if (n < 0) {
            if (!ferror(im->in))
                return 0;
            fault_set(f, ERR_INTERNAL, NULL, "The dump cannot be read: %s",
                      strerror(errno ? errno : EIO), NULL);
            return -1;
        }
        im->line++;
        while (n > 0 && (im->text[n - 1] == '\n' || im->text[n - 1] == '\r'))
            im->text[--n] = '\0';
        im->len = (size_t)n;
        if (n > 0)
            return 1;
    }
}

/* The current line as JSON; NULL with f filled when it is not. */
static json_t *parse_line(struct importer *im, struct fault *f)
{
    json_error_t jerr;
    json_t *v = json_loadb(im->text, im->len, JSON_REJECT_DUPLICATES, &jerr);
    if (!v)
        fault_set(f, ERR_INVALID, NULL, "Line %s is not valid JSON: %s", line_no(im),
                  arena_strdup(im->a, jerr.text), NULL);
    return v;
}

/* ---- the header ---------------------------------------------------------- */

static enum err check_header(struct importer *im, json_t *h, struct fault *f)
{
    const char *format = json_string_value(json_object_get(h, "format"));
    json_t *version = json_object_get(h, "version");
    json_t *schema = json_object_get(h, "schema_version");
    if (!format || strcmp(format, DUMP_FORMAT) != 0 || !json_is_integer(version) ||
        !json_is_integer(schema) || json_integer_value(schema) < 1 ||
        json_integer_value(schema) > 9999)
        return fault_set(f, ERR_INVALID, NULL, "Line %s is not the header of a Wijkregie dump.",
                         line_no(im), NULL);
    if (json_integer_value(version) != DUMP_VERSION)
        return fault_set(f, ERR_INVALID, NULL,
                         "Line %s: the dump has format version %s; this wijkregie reads "
                         "version 1.",
                         line_no(im),
                         arena_printf(im->a, "%" JSON_INTEGER_FORMAT, json_integer_value(version)),
                         NULL);
    im->res->schema_version = (int)json_integer_value(schema);
    return ERR_OK;
}

static enum err read_header(struct importer *im, struct fault *f)
{
    int got = next_line(im, f);
    if (got < 0)
        return ERR_INTERNAL;
    if (got == 0)
        return fault_set(f, ERR_INVALID, NULL, "The dump is empty.", NULL);
    json_t *h = parse_line(im, f);
    if (!h)
        return ERR_INVALID;
    enum err e = check_header(im, h, f);
    json_decref(h);
    return e;
}

/* ---- the target ----------------------------------------------------------- */

/* db is at the dump's schema version and every table is empty; the schema
 * is read. Inside the transaction, so nothing changes in between. */
static enum err check_target(struct importer *im, struct fault *f)
{
    int have = migrate_version(im->db);
    if (have < 0)
        return db_fault(im->db, f);
    if (have != im->res->schema_version) {
        const char *want = arena_printf(im->a, "%d", im->res->schema_version);
        return fault_set(f, ERR_CONFLICT, NULL,
                         "The dump is of schema version %s but the database is at version %s; "
                         "import it into a new database migrated to version %s.",
                         want, arena_printf(im->a, "%d", have), want, NULL);
    }
    enum err e = dump_schema_read(im->db, im->a, &im->schema, f);
    for (int i = 0; e == ERR_OK && i < im->schema.ntables; i++) {
        const struct dump_table *t = &im->schema.tables[i];
        struct db_stmt *st = db_prepare(im->db, dump_sql_any_row(im->a, t));
        if (!st)
            return db_fault(im->db, f);
        enum db_rc rc = db_step(st);
        db_done(st);
        if (rc == DB_ERROR)
            return db_fault(im->db, f);
        if (rc == DB_ROW)
            e = fault_set(f, ERR_CONFLICT, NULL,
                          "The database is not empty: table %s has rows. Import a dump into a "
                          "new, empty database only.",
                          t->name, NULL);
    }
    im->seen = arena_array(im->a, (size_t)im->schema.ntables + 1, sizeof *im->seen);
    im->res->tables = arena_array(im->a, (size_t)im->schema.ntables + 1, sizeof *im->res->tables);
    return e;
}

/* ---- table lines ----------------------------------------------------------- */

static void end_table(struct importer *im)
{
    if (im->table && im->progress)
        im->progress(im->ctx, im->table->name, im->count->rows);
    im->table = NULL;
}

/* Maps the table line's column names onto t's columns in im->order: each
 * name must be a column of t, once, and none of t's may be missing. */
static enum err map_columns(struct importer *im, const struct dump_table *t, json_t *cols,
                            struct fault *f)
{
    size_t n = json_array_size(cols);
    bool *used = arena_array(im->a, (size_t)t->ncols + 1, sizeof *used);
    im->order = arena_array(im->a, n + 1, sizeof *im->order);
    for (size_t i = 0; i < n; i++) {
        const char *name = json_string_value(json_array_get(cols, i));
        int c = dump_table_column(t, name);
        if (c < 0)
            return fault_set(f, ERR_INVALID, NULL, "Line %s: table %s has no column %s.",
                             line_no(im), t->name, arena_strdup(im->a, name ? name : "?"), NULL);
        if (used[c])
            return fault_set(f, ERR_INVALID, NULL, "Line %s: column %s appears twice.", line_no(im),
                             t->cols[c].name, NULL);
        used[c] = true;
        im->order[i] = c;
    }
    for (int c = 0; c < t->ncols; c++)
        if (!used[c])
            return fault_set(f, ERR_INVALID, NULL,
                             "Line %s: column %s of table %s is missing from the dump.",
                             line_no(im), t->cols[c].name, t->name, NULL);
    return ERR_OK;
}

static enum err start_table(struct importer *im, json_t *obj, struct fault *f)
{
    end_table(im);
    const char *name = json_string_value(json_object_get(obj, "table"));
    json_t *cols = json_object_get(obj, "columns");
    if (!name || !json_is_array(cols))
        return fault_set(f, ERR_INVALID, NULL,
                         "Line %s is neither a table line, a row nor the end line.", line_no(im),
                         NULL);
    const struct dump_table *t = dump_schema_table(&im->schema, name);
    if (!t)
        return fault_set(f, ERR_INVALID, NULL, "Line %s: there is no table %s in the database.",
                         line_no(im), arena_strdup(im->a, name), NULL);
    if (im->seen[t - im->schema.tables])
        return fault_set(f, ERR_INVALID, NULL, "Line %s: table %s appears a second time.",
                         line_no(im), t->name, NULL);
    enum err e = map_columns(im, t, cols, f);
    if (e != ERR_OK)
        return e;
    im->seen[t - im->schema.tables] = true;
    im->insert_sql = dump_sql_insert(im->a, db_kind(im->db), t, im->order, t->ncols);
    im->count = &im->res->tables[im->res->ntables++];
    *im->count = (struct dump_count){t->name, 0};
    im->table = t;
    return ERR_OK;
}

/* ---- rows ------------------------------------------------------------------- */

static enum err bind_value(struct importer *im, struct db_stmt *st, int i, json_t *v,
                           struct fault *f)
{
    const struct dump_column *c = &im->table->cols[im->order[i]];
    const char *msgid = NULL;
    if (json_is_null(v))
        db_bind_null(st, i + 1);
    else if (c->type == DUMP_INTEGER && json_is_integer(v))
        db_bind_int(st, i + 1, json_integer_value(v));
    else if (c->type == DUMP_REAL && json_is_number(v))
        db_bind_double(st, i + 1, json_number_value(v));
    else if (c->type == DUMP_TEXT && json_is_string(v))
        db_bind_text(st, i + 1, json_string_value(v));
    else if (c->type == DUMP_INTEGER)
        msgid = N_("Line %s, column %s: the value must be a whole number or null.");
    else if (c->type == DUMP_REAL)
        msgid = N_("Line %s, column %s: the value must be a number or null.");
    else
        msgid = N_("Line %s, column %s: the value must be a string or null.");
    if (!msgid)
        return ERR_OK;
    return fault_set(f, ERR_INVALID, NULL, msgid, line_no(im), c->name, NULL);
}

static enum err refused(struct importer *im, struct fault *f)
{
    if (!db_last_was_constraint(im->db))
        return db_fault(im->db, f);
    log_event(LOG_WARN, NULL, "dump_row_refused", "table", im->table->name, "line", line_no(im),
              "message", db_errmsg(im->db), NULL);
    return fault_set(f, ERR_INVALID, NULL,
                     "Line %s: the database refused the row for table %s (a duplicate key, a "
                     "missing reference or a failed check).",
                     line_no(im), im->table->name, NULL);
}

static enum err load_row(struct importer *im, json_t *row, struct fault *f)
{
    const struct dump_table *t = im->table;
    if (!t)
        return fault_set(f, ERR_INVALID, NULL, "Line %s: a row comes before any table line.",
                         line_no(im), NULL);
    if (json_array_size(row) != (size_t)t->ncols)
        return fault_set(f, ERR_INVALID, NULL,
                         "Line %s: the row has %s values, not one for each of the %s columns.",
                         line_no(im), arena_printf(im->a, "%zu", json_array_size(row)),
                         arena_printf(im->a, "%d", t->ncols), NULL);
    struct db_stmt *st = db_prepare(im->db, im->insert_sql);
    if (!st)
        return db_fault(im->db, f);
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < t->ncols; i++)
        e = bind_value(im, st, i, json_array_get(row, (size_t)i), f);
    enum db_rc rc = e == ERR_OK ? db_step(st) : DB_DONE;
    db_done(st);
    if (e != ERR_OK)
        return e;
    if (rc != DB_DONE)
        return refused(im, f);
    im->res->rows++;
    if (++im->count->rows % PROGRESS_EVERY == 0 && im->progress)
        im->progress(im->ctx, t->name, im->count->rows);
    return ERR_OK;
}

/* ---- the end ----------------------------------------------------------------- */

static enum err check_end(struct importer *im, json_t *obj, struct fault *f)
{
    end_table(im);
    const char *end = json_string_value(json_object_get(obj, "end"));
    json_t *tables = json_object_get(obj, "tables"), *rows = json_object_get(obj, "rows");
    if (!end || strcmp(end, DUMP_FORMAT) != 0 || !json_is_integer(tables) || !json_is_integer(rows))
        return fault_set(f, ERR_INVALID, NULL,
                         "Line %s is neither a table line, a row nor the end line.", line_no(im),
                         NULL);
    if (json_integer_value(rows) != im->res->rows)
        return fault_set(
            f, ERR_INVALID, NULL, "Line %s: the end line counts %s rows, but the dump holds %s.",
            line_no(im), arena_printf(im->a, "%" JSON_INTEGER_FORMAT, json_integer_value(rows)),
            arena_printf(im->a, "%" PRId64, im->res->rows), NULL);
    if (json_integer_value(tables) != im->res->ntables)
        return fault_set(
            f, ERR_INVALID, NULL, "Line %s: the end line counts %s tables, but the dump holds %s.",
            line_no(im), arena_printf(im->a, "%" JSON_INTEGER_FORMAT, json_integer_value(tables)),
            arena_printf(im->a, "%d", im->res->ntables), NULL);
    im->ended = true;
    return ERR_OK;
}

static enum err load_line(struct importer *im, json_t *v, struct fault *f)
{
    if (im->ended)
        return fault_set(f, ERR_INVALID, NULL, "Line %s: nothing may follow the end line.",
                         line_no(im), NULL);
    if (json_is_array(v))
        return load_row(im, v, f);
    if (json_is_object(v) && json_object_get(v, "end"))
        return check_end(im, v, f);
    if (json_is_object(v))
        return start_table(im, v, f);
    return fault_set(f, ERR_INVALID, NULL,
                     "Line %s is neither a table line, a row nor the end line.", line_no(im), NULL);
}

/* After the last line: the file was whole and held every table. */
static enum err finish(struct importer *im, struct fault *f)
{
    if (!im->ended)
        return fault_set(f, ERR_INVALID, NULL,
                         "The dump ends at line %s without its end line; the file is "
                         "incomplete.",
                         line_no(im), NULL);
    for (int i = 0; i < im->schema.ntables; i++)
        if (!im->seen[i])
            return fault_set(f, ERR_INVALID, NULL,
                             "The dump has no table %s, which the database has.",
                             im->schema.tables[i].name, NULL);
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < im->schema.ntables; i++)
        e = dump_sync_sequences(im->db, im->a, &im->schema.tables[i], f);
    return e;
}

static enum err load_all(struct importer *im, struct fault *f)
{
    enum err e = check_target(im, f);
    int got;
    while (e == ERR_OK && (got = next_line(im, f)) != 0) {
        if (got < 0)
            return ERR_INTERNAL;
        json_t *v = parse_line(im, f);
        if (!v)
            return ERR_INVALID;
        e = load_line(im, v, f);
        json_decref(v);
    }
    return e == ERR_OK ? finish(im, f) : e;
}

enum err dump_import(struct db *db, FILE *in, dump_progress_fn progress, void *ctx,
                     struct dump_result *res, struct fault *f)
{
    *res = (struct dump_result){.arena = arena_new()};
    struct importer im = {
        .db = db, .in = in, .a = res->arena, .res = res, .progress = progress, .ctx = ctx};
    enum err e = read_header(&im, f);
    if (e == ERR_OK)
        e = db_begin(db, f);
    if (e == ERR_OK) {
        e = load_all(&im, f);
        if (e == ERR_OK)
            e = db_commit(db, f);
        else
            db_rollback(db);
    }
    if (e != ERR_OK) {
        res->ntables = 0;
        res->rows = 0;
    }
    free(im.text);
    return e;
}
