/* The PostgreSQL driver's statements (see pg.c for the whole driver). Each
 * SQL text is translated once (pg_sql.c), prepared on the server under a
 * name s1, s2, ... and cached per connection keyed by the text; a statement
 * prepared before a reset is prepared again when next used. Parameters are
 * kept as text until db_step sends them; the first db_step fetches the whole
 * result and the column accessors read the current row of it. */
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "db/driver.h"
#include "db/pg.h"

#define BOOLOID 16 /* pg_type.oid of boolean */

static struct pg_db *conn_of(struct db *db)
{
    return (struct pg_db *)db;
}

static struct pg_stmt *stmt_of(struct db_stmt *st)
{
    return (struct pg_stmt *)st;
}

static void clear_values(struct pg_stmt *s)
{
    for (int i = 0; i < s->nparams; i++) {
        free(s->values[i]);
        s->values[i] = NULL;
    }
    s->bad_idx = 0;
}

static void free_stmt(struct pg_stmt *s)
{
    clear_values(s);
    PQclear(s->res);
    free(s->values);
    free(s->sql);
    free(s->text);
    free(s->name);
    free(s);
}

static void free_chain(struct pg_stmt *s)
{
    while (s) {
        struct pg_stmt *next = s->next;
        free_stmt(s);
        s = next;
    }
}

void pg_stmt_free_all(struct pg_db *c)
{
    for (size_t i = 0; i < PG_STMT_BUCKETS; i++)
        free_chain(c->buckets[i]);
    free_chain(c->oneoff);
}

/* FNV-1a, as in sqlite.c. */
static size_t bucket_of(const char *sql)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h % PG_STMT_BUCKETS;
}

static struct pg_stmt *cache_find(struct pg_db *c, size_t bucket, const char *sql)
{
    for (struct pg_stmt *s = c->buckets[bucket]; s; s = s->next)
        if (strcmp(s->sql, sql) == 0)
            return s;
    return NULL;
}

/* Prepares s on the server under its name (a one-off statement under the
 * unnamed statement, to check the SQL before db_step), unless that was done
 * in the current session already. */
static bool ensure_prepared(struct pg_db *c, struct pg_stmt *s)
{
    if (s->name && s->gen == c->gen)
        return true;
    PGresult *res = PQprepare(c->conn, s->name ? s->name : "", s->text, s->nparams, NULL);
    if (!pg_check_result(c, res, false))
        return false;
    s->gen = c->gen;
    return true;
}

/* A new statement for sql, translated, with a server-side name when it is
 * to be cached; NULL (error noted) for a text with no statement in it. */
static struct pg_stmt *new_stmt(struct pg_db *c, const char *sql, bool named)
{
    struct buf text = BUF_INIT;
    bool has_code = false;
    int n = pg_sql_translate(sql, &text, &has_code);
    if (!has_code) {
        buf_free(&text);
        pg_set_error(c, DB_ERRCLASS_OTHER, "db_prepare: the SQL text holds no statement");
        return NULL;
    }
    struct pg_stmt *s = xcalloc(1, sizeof *s);
    s->base.db = &c->base;
    s->text = buf_detach(&text, NULL);
    s->nparams = n;
    s->values = xcalloc(n > 0 ? (size_t)n : 1, sizeof *s->values);
    if (named) {
        struct buf name = BUF_INIT;
        buf_printf(&name, "s%u", ++c->next_name);
        s->name = buf_detach(&name, NULL);
    }
    return s;
}

static void add_to_cache(struct pg_db *c, struct pg_stmt *s, size_t bucket, const char *sql)
{
    s->sql = xstrdup(sql);
    s->next = c->buckets[bucket];
    c->buckets[bucket] = s;
    c->ncached++;
}

/* An idle cached statement is handed out again (prepared anew after a
 * reset); while it is live, the same text gets a one-off statement that
 * db_done frees. Text that fails to prepare is not cached. */
struct db_stmt *pg_stmt_prepare(struct db *db, const char *sql)
{
    struct pg_db *c = conn_of(db);
    if (!pg_revive(c))
        return NULL;
    size_t bucket = bucket_of(sql);
    struct pg_stmt *s = cache_find(c, bucket, sql);
    if (s && !s->live) {
        if (!ensure_prepared(c, s))
            return NULL;
        s->live = true;
        return &s->base;
    }
    bool cache = !s && c->ncached < PG_STMT_CACHE_MAX;
    s = new_stmt(c, sql, cache);
    if (!s)
        return NULL;
    if (!ensure_prepared(c, s)) {
        free_stmt(s);
        return NULL;
    }
    if (cache) {
        add_to_cache(c, s, bucket, sql);
    } else {
        s->next = c->oneoff;
        c->oneoff = s;
    }
    s->live = true;
    return &s->base;
}

static void unlink_oneoff(struct pg_db *c, struct pg_stmt *s)
{
    for (struct pg_stmt **p = &c->oneoff; *p; p = &(*p)->next) {
        if (*p == s) {
            *p = s->next;
            return;
        }
    }
}

void pg_stmt_reset(struct db_stmt *st)
{
    struct pg_stmt *s = stmt_of(st);
    clear_values(s);
    PQclear(s->res);
    s->res = NULL;
}

void pg_stmt_done(struct db_stmt *st)
{
    struct pg_stmt *s = stmt_of(st);
    if (!s->sql) {
        unlink_oneoff(conn_of(st->db), s);
        free_stmt(s);
        return;
    }
    clear_values(s);
    PQclear(s->res);
    s->res = NULL;
    s->live = false;
}

/* Sets parameter idx to a copy of v (NULL: SQL NULL). A number out of range
 * is remembered and makes db_step fail rather than run without it. */
static void set_value(struct pg_stmt *s, int idx, const char *v)
{
    if (idx < 1 || idx > s->nparams) {
        if (!s->bad_idx)
            s->bad_idx = idx;
        return;
    }
    free(s->values[idx - 1]);
    s->values[idx - 1] = v ? xstrdup(v) : NULL;
}

void pg_stmt_bind_int(struct db_stmt *st, int idx, int64_t v)
{
    char text[24];
    snprintf(text, sizeof text, "%" PRId64, v);
    set_value(stmt_of(st), idx, text);
}

/* %.17g round-trips every double; inf and nan are spelt as PostgreSQL's
 * float8 input accepts them. */
void pg_stmt_bind_double(struct db_stmt *st, int idx, double v)
{
    char text[40];
    snprintf(text, sizeof text, "%.17g", v);
    set_value(stmt_of(st), idx, text);
}

void pg_stmt_bind_text(struct db_stmt *st, int idx, const char *s)
{
    set_value(stmt_of(st), idx, s);
}

void pg_stmt_bind_null(struct db_stmt *st, int idx)
{
    set_value(stmt_of(st), idx, NULL);
}

/* Runs s and keeps its whole result. No reset here: a statement cut off by a
 * lost connection fails, and a later prepare or begin reconnects. */
static bool run_stmt(struct pg_db *c, struct pg_stmt *s)
{
    if (s->bad_idx) {
        struct buf msg = BUF_INIT;
        buf_printf(&msg, "binding parameter %d: out of range (the statement has %d)", s->bad_idx,
                   s->nparams);
        pg_set_error(c, DB_ERRCLASS_OTHER, buf_cstr(&msg));
        buf_free(&msg);
        return false;
    }
    if (c->doomed || PQstatus(c->conn) != CONNECTION_OK) {
        pg_set_error(c, DB_ERRCLASS_BUSY, "the connection to PostgreSQL is lost");
        return false;
    }
    const char *const *values = (const char *const *)s->values;
    PGresult *res;
    if (s->name) {
        if (!ensure_prepared(c, s))
            return false;
        res = PQexecPrepared(c->conn, s->name, s->nparams, values, NULL, NULL, 0);
    } else {
        res = PQexecParams(c->conn, s->text, s->nparams, NULL, values, NULL, NULL, 0);
    }
    if (!pg_check_result(c, res, true))
        return false;
    s->res = res;
    s->row = -1;
    return true;
}

enum db_rc pg_stmt_step(struct db_stmt *st)
{
    struct pg_stmt *s = stmt_of(st);
    if (!s->res && !run_stmt(conn_of(st->db), s))
        return DB_ERROR;
    if (s->row < PQntuples(s->res))
        s->row++;
    return s->row < PQntuples(s->res) ? DB_ROW : DB_DONE;
}

/* The current row's value in col, or NULL (SQL NULL, no row, no column). */
static const char *value_at(struct pg_stmt *s, int col)
{
    if (!s->res || s->row < 0 || s->row >= PQntuples(s->res) || col < 0 ||
        col >= PQnfields(s->res) || PQgetisnull(s->res, s->row, col))
        return NULL;
    return PQgetvalue(s->res, s->row, col);
}

static bool is_bool(struct pg_stmt *s, int col)
{
    return PQftype(s->res, col) == BOOLOID;
}

double pg_stmt_col_double(struct db_stmt *st, int col)
{
    struct pg_stmt *s = stmt_of(st);
    const char *v = value_at(s, col);
    if (!v)
        return 0.0;
    if (is_bool(s, col))
        return v[0] == 't' ? 1.0 : 0.0;
    return strtod(v, NULL);
}

/* Like SQLite's, a real number read as an integer is truncated (and
 * clamped to the int64 range). */
int64_t pg_stmt_col_int(struct db_stmt *st, int col)
{
    struct pg_stmt *s = stmt_of(st);
    const char *v = value_at(s, col);
    if (!v)
        return 0;
    if (is_bool(s, col))
        return v[0] == 't';
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*end == '\0')
        return n;
    double d = strtod(v, NULL);
    if (!(d == d))
        return 0;
    if (d >= 9223372036854775807.0)
        return INT64_MAX;
    if (d <= -9223372036854775808.0)
        return INT64_MIN;
    return (int64_t)d;
}

const char *pg_stmt_col_text(struct db_stmt *st, int col)
{
    return value_at(stmt_of(st), col);
}

bool pg_stmt_col_is_null(struct db_stmt *st, int col)
{
    return value_at(stmt_of(st), col) == NULL;
}

/* Before the first step the server describes the statement. */
int pg_stmt_col_count(struct db_stmt *st)
{
    struct pg_stmt *s = stmt_of(st);
    struct pg_db *c = conn_of(st->db);
    if (s->res)
        return PQnfields(s->res);
    if (PQstatus(c->conn) != CONNECTION_OK || !ensure_prepared(c, s))
        return 0;
    PGresult *res = PQdescribePrepared(c->conn, s->name ? s->name : "");
    int n = PQresultStatus(res) == PGRES_COMMAND_OK ? PQnfields(res) : 0;
    if (n == 0 && PQresultStatus(res) != PGRES_COMMAND_OK)
        pg_note_result_error(c, res);
    PQclear(res);
    return n;
}
