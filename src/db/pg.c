/* The PostgreSQL driver behind db.h, on libpq. One connection belongs to one
 * thread at a time (db_pool), so it needs no locks of its own.
 *
 * Statements: `?` becomes $1, $2, ... (pg_sql.c); each SQL text is prepared
 * on the server once per connection under a name s1, s2, ... and kept in a
 * cache keyed by the text, like the SQLite driver's. Parameters travel as
 * text (the server infers their types from the statement), and the first
 * db_step fetches the whole result, which later steps walk; model queries
 * are paged, so a result is small.
 *
 * A lost connection (PostgreSQL restarted, the backend terminated, the
 * network gone) fails the statement that was cut off with the busy error
 * class (ERR_UNAVAILABLE), and a transaction in progress is gone with it:
 * nothing half-written reaches the database. The next db_prepare or db_begin
 * outside a transaction tries one PQreset; statements are then prepared
 * again as they are used (the connection's generation tells which server
 * session a statement was prepared in). So a server recovers by itself when
 * PostgreSQL comes back. */
#include <inttypes.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "db/driver.h"

#define STMT_BUCKETS 64
/* As in sqlite.c: beyond this many cached texts, statements are one-offs
 * (run with PQexecParams, nothing left prepared on the server). */
#define STMT_CACHE_MAX 512
#define BOOLOID 16

struct pg_stmt {
    struct db_stmt base;
    char *sql;      /* the cache key (a copy); NULL for a one-off statement */
    char *text;     /* the SQL with $n placeholders */
    char *name;     /* the server-side name; NULL for a one-off statement */
    unsigned gen;   /* the connection generation it was prepared in */
    int nparams;    /* placeholders in text */
    char **values;  /* nparams bound values as text; NULL binds NULL */
    int bad_idx;    /* the first parameter number out of range, or 0 */
    PGresult *res;  /* the whole result, from the first db_step on */
    int row;        /* the current row of res */
    bool live;      /* handed out by prepare, not yet done */
    struct pg_stmt *next; /* in a cache bucket, or in the one-off list */
};

struct pg_db {
    struct db base;
    PGconn *conn;
    unsigned gen;       /* bumped by every reset: older preparations are gone */
    unsigned next_name; /* statement names s1, s2, ... */
    struct pg_stmt *buckets[STMT_BUCKETS];
    size_t ncached;
    struct pg_stmt *oneoff; /* live statements outside the cache */
    int64_t changes;        /* rows of the last INSERT/UPDATE/DELETE */
    bool doomed;            /* the server said FATAL: it is closing the connection */
    enum db_errclass err_class;
    struct buf err_msg;
};

static struct pg_db *conn_of(struct db *db)
{
    return (struct pg_db *)db;
}

static struct pg_stmt *stmt_of(struct db_stmt *st)
{
    return (struct pg_stmt *)st;
}

/* ---- errors ---------------------------------------------------------- */

/* SQLSTATEs worth a retry besides a lost connection (class 08): the server
 * shutting down or terminating us, too many connections, serialisation
 * failures, deadlocks, lock and statement time-outs. */
static bool retryable_state(const char *state)
{
    static const char *const states[] = {"57P01", "57P02", "57P03", "53300", "40001",
                                         "40P01", "55P03", "57014"};
    if (strncmp(state, "08", 2) == 0)
        return true;
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        if (strcmp(state, states[i]) == 0)
            return true;
    return false;
}

static void set_error(struct pg_db *c, enum db_errclass cls, const char *msg)
{
    c->err_class = cls;
    buf_reset(&c->err_msg);
    buf_puts(&c->err_msg, msg && *msg ? msg : "unknown PostgreSQL error");
    while (c->err_msg.len > 0 && (c->err_msg.data[c->err_msg.len - 1] == '\n'))
        c->err_msg.data[--c->err_msg.len] = '\0';
}

/* Remembers the error of a failed result (res may be NULL: libpq could not
 * even send the command). Class 23 is a constraint violation. */
static void note_result_error(struct pg_db *c, const PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorMessage(res) : "";
    if (!*msg)
        msg = PQerrorMessage(c->conn);
    enum db_errclass cls = DB_ERRCLASS_OTHER;
    if (c->doomed || PQstatus(c->conn) == CONNECTION_BAD || (state && retryable_state(state)))
        cls = DB_ERRCLASS_BUSY;
    else if (state && strncmp(state, "23", 2) == 0)
        cls = DB_ERRCLASS_CONSTRAINT;
    set_error(c, cls, msg);
}

/* Server messages that arrive outside a result (notices, and the FATAL a
 * terminated backend sends while we are idle) go to the log, not stderr. A
 * FATAL means the server is closing the connection, even when the end of
 * the stream has not arrived yet. */
static void on_notice(void *arg, const PGresult *res)
{
    struct pg_db *c = arg;
    const char *sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (sev && (strcmp(sev, "FATAL") == 0 || strcmp(sev, "PANIC") == 0))
        c->doomed = true;
    bool serious = sev && (strcmp(sev, "WARNING") == 0 || strcmp(sev, "FATAL") == 0 ||
                           strcmp(sev, "PANIC") == 0 || strcmp(sev, "ERROR") == 0);
    struct buf msg = BUF_INIT;
    buf_puts(&msg, PQresultErrorMessage(res));
    while (msg.len > 0 && msg.data[msg.len - 1] == '\n')
        msg.data[--msg.len] = '\0';
    log_event(serious ? LOG_WARN : LOG_DEBUG, NULL, "db_notice", "message", buf_cstr(&msg), NULL);
    buf_free(&msg);
}

/* ---- commands --------------------------------------------------------- */

static bool is_write_tag(const char *tag)
{
    return strncmp(tag, "INSERT ", 7) == 0 || strncmp(tag, "UPDATE ", 7) == 0 ||
           strncmp(tag, "DELETE ", 7) == 0 || strncmp(tag, "MERGE ", 6) == 0;
}

/* Takes res (which may be NULL); true when it succeeded. Keeps db_changes. */
static bool check_result(struct pg_db *c, PGresult *res, bool keep)
{
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY;
    if (!ok)
        note_result_error(c, res);
    else if (is_write_tag(PQcmdStatus(res)))
        c->changes = strtoll(PQcmdTuples(res), NULL, 10);
    if (!keep || !ok)
        PQclear(res);
    return ok;
}

/* A COMMIT of a transaction that failed earlier "succeeds" with the tag
 * ROLLBACK; db_commit must hear that nothing was written. */
static bool commit_rolled_back(const char *sql, PGresult *res)
{
    return strcmp(sql, "COMMIT") == 0 && res && PQresultStatus(res) == PGRES_COMMAND_OK &&
           strcmp(PQcmdStatus(res), "ROLLBACK") == 0;
}

static bool run_plain(struct pg_db *c, const char *sql)
{
    PGresult *res = PQexec(c->conn, sql);
    if (commit_rolled_back(sql, res)) {
        PQclear(res);
        set_error(c, DB_ERRCLASS_OTHER,
                  "COMMIT: the transaction had failed earlier and was rolled back");
        return false;
    }
    return check_result(c, res, false);
}

/* ---- connections ------------------------------------------------------ */

/* Settings every session gets, again after a reset. client_encoding and
 * application_name are connection parameters (pg_open), kept by PQreset. */
static bool setup_session(struct pg_db *c)
{
    return run_plain(c, "SET TIME ZONE 'UTC'");
}

/* Whether the connection is lost. Besides what libpq knows already, this
 * reads what the server sent while we were idle: a terminated backend's last
 * words (FATAL, handed to on_notice) and then the end of the stream. The
 * socket is polled without waiting, so a healthy connection costs one
 * system call. */
static bool is_lost(struct pg_db *c)
{
    for (int i = 0; i < 4 && !c->doomed && PQstatus(c->conn) == CONNECTION_OK; i++) {
        struct pollfd p = {.fd = PQsocket(c->conn), .events = POLLIN};
        if (poll(&p, 1, 0) <= 0 || !PQconsumeInput(c->conn))
            break;
        PGnotify *n;
        while ((n = PQnotifies(c->conn)) != NULL) /* also parses the notices */
            PQfreemem(n);
    }
    return c->doomed || PQstatus(c->conn) != CONNECTION_OK;
}

/* Makes sure the connection can take a new command. A lost connection is
 * reset once, but never inside a transaction: its writes are gone and must
 * not be followed by more in autocommit mode, so the transaction's
 * statements fail until db_rollback. */
static bool revive(struct pg_db *c)
{
    if (!is_lost(c))
        return true;
    if (c->base.in_tx) {
        set_error(c, DB_ERRCLASS_BUSY, "the connection to PostgreSQL was lost in a transaction");
        return false;
    }
    log_event(LOG_WARN, NULL, "db_reconnect", NULL);
    PQreset(c->conn);
    c->doomed = false;
    c->gen++; /* every statement prepared before is gone with the old session */
    if (PQstatus(c->conn) != CONNECTION_OK) {
        set_error(c, DB_ERRCLASS_BUSY, PQerrorMessage(c->conn));
        return false;
    }
    return setup_session(c);
}

static bool pg_exec(struct db *db, const char *sql)
{
    struct pg_db *c = conn_of(db);
    return revive(c) && run_plain(c, sql);
}

static void pg_close(struct db *db);

static struct db *pg_open(const char *url, struct fault *f)
{
    /* Keywords before dbname are defaults the URL may override; those after
     * it are forced. */
    const char *const keys[] = {"connect_timeout", "application_name", "dbname",
                                "client_encoding", NULL};
    const char *const vals[] = {"10", "wijkregie", url, "UTF8", NULL};
    PGconn *conn = PQconnectdbParams(keys, vals, 1);
    if (!conn)
        mem_oom(__FILE__, __LINE__);
    if (PQstatus(conn) != CONNECTION_OK) {
        pg_connect_fault(url, PQerrorMessage(conn), f);
        PQfinish(conn);
        return NULL;
    }
    struct pg_db *c = xcalloc(1, sizeof *c);
    c->conn = conn;
    c->gen = 1; /* a new statement's 0 means "not prepared yet" */
    buf_init(&c->err_msg);
    PQsetNoticeReceiver(conn, on_notice, c);
    if (!setup_session(c)) {
        pg_connect_fault(url, buf_cstr(&c->err_msg), f);
        pg_close(&c->base);
        return NULL;
    }
    return &c->base;
}

/* ---- statements ------------------------------------------------------- */

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

static void pg_close(struct db *db)
{
    struct pg_db *c = conn_of(db);
    for (size_t i = 0; i < STMT_BUCKETS; i++)
        free_chain(c->buckets[i]);
    free_chain(c->oneoff);
    PQfinish(c->conn);
    buf_free(&c->err_msg);
    free(c);
}

/* FNV-1a, as in sqlite.c. */
static size_t bucket_of(const char *sql)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h % STMT_BUCKETS;
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
    if (!check_result(c, res, false))
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
        set_error(c, DB_ERRCLASS_OTHER, "db_prepare: the SQL text holds no statement");
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
static struct db_stmt *pg_prepare(struct db *db, const char *sql)
{
    struct pg_db *c = conn_of(db);
    if (!revive(c))
        return NULL;
    size_t bucket = bucket_of(sql);
    struct pg_stmt *s = cache_find(c, bucket, sql);
    if (s && !s->live) {
        if (!ensure_prepared(c, s))
            return NULL;
        s->live = true;
        return &s->base;
    }
    bool cache = !s && c->ncached < STMT_CACHE_MAX;
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

static void pg_done(struct db_stmt *st)
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

static void pg_bind_int(struct db_stmt *st, int idx, int64_t v)
{
    char text[24];
    snprintf(text, sizeof text, "%" PRId64, v);
    set_value(stmt_of(st), idx, text);
}

/* %.17g round-trips every double; inf and nan are spelt as PostgreSQL's
 * float8 input accepts them. */
static void pg_bind_double(struct db_stmt *st, int idx, double v)
{
    char text[40];
    snprintf(text, sizeof text, "%.17g", v);
    set_value(stmt_of(st), idx, text);
}

static void pg_bind_text(struct db_stmt *st, int idx, const char *s)
{
    set_value(stmt_of(st), idx, s);
}

static void pg_bind_null(struct db_stmt *st, int idx)
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
        set_error(c, DB_ERRCLASS_OTHER, buf_cstr(&msg));
        buf_free(&msg);
        return false;
    }
    if (c->doomed || PQstatus(c->conn) != CONNECTION_OK) {
        set_error(c, DB_ERRCLASS_BUSY, "the connection to PostgreSQL is lost");
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
    if (!check_result(c, res, true))
        return false;
    s->res = res;
    s->row = -1;
    return true;
}

static enum db_rc pg_step(struct db_stmt *st)
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

static double pg_col_double(struct db_stmt *st, int col)
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
static int64_t pg_col_int(struct db_stmt *st, int col)
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

static const char *pg_col_text(struct db_stmt *st, int col)
{
    return value_at(stmt_of(st), col);
}

static bool pg_col_is_null(struct db_stmt *st, int col)
{
    return value_at(stmt_of(st), col) == NULL;
}

/* Before the first step the server describes the statement. */
static int pg_col_count(struct db_stmt *st)
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
        note_result_error(c, res);
    PQclear(res);
    return n;
}

static int64_t pg_changes(struct db *db)
{
    return conn_of(db)->changes;
}

/* A lost connection has no transaction left. */
static bool pg_tx_open(const struct db *db)
{
    PGTransactionStatusType t = PQtransactionStatus(((const struct pg_db *)db)->conn);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

static int pg_has_table(struct db *db, const char *name)
{
    struct db_stmt *st = pg_prepare(db, "SELECT 1 FROM pg_catalog.pg_tables"
                                        " WHERE schemaname = current_schema() AND tablename = ?");
    if (!st)
        return -1;
    pg_bind_text(st, 1, name);
    enum db_rc rc = pg_step(st);
    pg_done(st);
    return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

static const char *pg_errmsg(const struct db *db)
{
    return buf_cstr(&((const struct pg_db *)db)->err_msg);
}

static enum db_errclass pg_errclass(const struct db *db)
{
    return ((const struct pg_db *)db)->err_class;
}

/* db_begin's transaction: READ COMMITTED, PostgreSQL's default. Unlike
 * SQLite's BEGIN IMMEDIATE, which takes the one write lock at once and so
 * runs write transactions one after another, this lets transactions
 * interleave: each statement sees what was committed before it started, and
 * two transactions may both read a row and then both write. Model code
 * therefore states its rules as constraints, ON CONFLICT and conditional
 * UPDATE ... WHERE, never as "read, check in C, then write" (which is safe
 * on SQLite only). A row two writers update waits for the first to finish;
 * a deadlock or lock time-out reports as busy (ERR_UNAVAILABLE). And after
 * any failed statement PostgreSQL refuses the rest of the transaction until
 * db_rollback, where SQLite would carry on. */
const struct db_driver db_driver_pg = {
    .kind = DB_POSTGRES,
    .begin_sql = "BEGIN ISOLATION LEVEL READ COMMITTED",
    .open = pg_open,
    .close = pg_close,
    .prepare = pg_prepare,
    .bind_int = pg_bind_int,
    .bind_double = pg_bind_double,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .col_int = pg_col_int,
    .col_double = pg_col_double,
    .col_text = pg_col_text,
    .col_is_null = pg_col_is_null,
    .col_count = pg_col_count,
    .done = pg_done,
    .changes = pg_changes,
    .exec = pg_exec,
    .tx_open = pg_tx_open,
    .has_table = pg_has_table,
    .errmsg = pg_errmsg,
    .errclass = pg_errclass,
};
