/* The PostgreSQL driver behind db.h, on libpq. One connection belongs to one
 * thread at a time (db_pool), so it needs no locks of its own.
 *
 * Statements (pg_stmt.c): `?` becomes $1, $2, ... (pg_sql.c); each SQL text
 * is prepared on the server once per connection under a name s1, s2, ...
 * and kept in a cache keyed by the text, like the SQLite driver's.
 * Parameters travel as text (the server infers their types from the
 * statement, so a bare `? IS NULL` needs a CAST), and the first db_step
 * fetches the whole result, which later steps walk; model queries are paged,
 * so a result is small.
 *
 * A lost connection (PostgreSQL restarted, the backend terminated, the
 * network gone) fails the statement that was cut off with the busy error
 * class (ERR_UNAVAILABLE), and a transaction in progress is gone with it:
 * nothing half-written reaches the database. The next db_prepare or db_begin
 * outside a transaction tries one PQreset; statements are then prepared
 * again as they are used (the connection's generation tells which server
 * session a statement was prepared in). So a server recovers by itself when
 * PostgreSQL comes back. */
#include <libpq-fe.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "db/driver.h"
#include "db/pg.h"

static struct pg_db *conn_of(struct db *db)
{
    return (struct pg_db *)db;
}

/* ---- errors ---------------------------------------------------------- */

/* SQLSTATEs worth a retry besides a lost connection (class 08): the server
 * shutting down or terminating us, too many connections, serialisation
 * failures, deadlocks, lock and statement time-outs. */
static bool retryable_state(const char *state)
{
    static const char *const states[] = {"57P01", "57P02", "57P03", "53300",
                                         "40001", "40P01", "55P03", "57014"};
    if (strncmp(state, "08", 2) == 0)
        return true;
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        if (strcmp(state, states[i]) == 0)
            return true;
    return false;
}

void pg_set_error(struct pg_db *c, enum db_errclass cls, const char *msg)
{
    c->err_class = cls;
    buf_reset(&c->err_msg);
    buf_puts(&c->err_msg, msg && *msg ? msg : "unknown PostgreSQL error");
    while (c->err_msg.len > 0 && (c->err_msg.data[c->err_msg.len - 1] == '\n'))
        c->err_msg.data[--c->err_msg.len] = '\0';
}

/* Remembers the error of a failed result (res may be NULL: libpq could not
 * even send the command). Class 23 is a constraint violation. */
void pg_note_result_error(struct pg_db *c, const PGresult *res)
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
    else if (state && strcmp(state, "53100") == 0)
        cls = DB_ERRCLASS_FULL; /* disk_full */
    pg_set_error(c, cls, msg);
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
bool pg_check_result(struct pg_db *c, PGresult *res, bool keep)
{
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY;
    if (!ok)
        pg_note_result_error(c, res);
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
        pg_set_error(c, DB_ERRCLASS_OTHER,
                     "COMMIT: the transaction had failed earlier and was rolled back");
        return false;
    }
    return pg_check_result(c, res, false);
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
bool pg_revive(struct pg_db *c)
{
    if (!is_lost(c))
        return true;
    if (c->base.in_tx) {
        pg_set_error(c, DB_ERRCLASS_BUSY, "the connection to PostgreSQL was lost in a transaction");
        return false;
    }
    log_event(LOG_WARN, NULL, "db_reconnect", NULL);
    PQreset(c->conn);
    c->doomed = false;
    c->gen++; /* every statement prepared before is gone with the old session */
    if (PQstatus(c->conn) != CONNECTION_OK) {
        pg_set_error(c, DB_ERRCLASS_BUSY, PQerrorMessage(c->conn));
        return false;
    }
    return setup_session(c);
}

static bool pg_exec(struct db *db, const char *sql)
{
    struct pg_db *c = conn_of(db);
    return pg_revive(c) && run_plain(c, sql);
}

static void pg_close(struct db *db)
{
    struct pg_db *c = conn_of(db);
    pg_stmt_free_all(c);
    PQfinish(c->conn);
    buf_free(&c->err_msg);
    free(c);
}

static struct db *pg_open(const char *url, struct fault *f)
{
    /* Keywords before dbname are defaults the URL may override; those after
     * it are forced. */
    const char *const keys[] = {"connect_timeout", "application_name", "dbname", "client_encoding",
                                NULL};
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
    struct db_stmt *st =
        pg_stmt_prepare(db, "SELECT 1 FROM pg_catalog.pg_tables"
                            " WHERE schemaname = current_schema() AND tablename = ?");
    if (!st)
        return -1;
    pg_stmt_bind_text(st, 1, name);
    enum db_rc rc = pg_stmt_step(st);
    pg_stmt_done(st);
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
    /* db_begin_read sends nothing. The lock-per-statement cost it removes
     * on SQLite does not exist here, and BEGIN READ ONLY ... COMMIT would
     * add two round trips to every page (five statements would become
     * seven) for no gain: under READ COMMITTED each statement takes its own
     * snapshot anyway, and one snapshot for the page (REPEATABLE READ) is a
     * consistency nobody has asked of PostgreSQL yet. It would also stop
     * pg_revive from reconnecting between the page's statements. db.c still
     * refuses db_begin inside the read transaction on PostgreSQL. */
    .begin_read_sql = NULL,
    /* No data_version: PostgreSQL has no cheap number that changes with
     * every commit (pg_current_snapshot() would cost a round trip per page
     * and change with writes to any database of the cluster), so nothing is
     * kept between requests; in a scale-out several processes would each
     * need to hear of every write anyway. */
    .data_version = NULL,
    /* The key is "wijkmigr" in ASCII; only migrate.c takes it. */
    .migrate_lock_sql = "SELECT pg_advisory_xact_lock(8604525572697712498)",
    .open = pg_open,
    .close = pg_close,
    .prepare = pg_stmt_prepare,
    .bind_int = pg_stmt_bind_int,
    .bind_double = pg_stmt_bind_double,
    .bind_text = pg_stmt_bind_text,
    .bind_null = pg_stmt_bind_null,
    .step = pg_stmt_step,
    .col_int = pg_stmt_col_int,
    .col_double = pg_stmt_col_double,
    .col_text = pg_stmt_col_text,
    .col_is_null = pg_stmt_col_is_null,
    .col_count = pg_stmt_col_count,
    .done = pg_stmt_done,
    .reset = pg_stmt_reset,
    .changes = pg_changes,
    .exec = pg_exec,
    .tx_open = pg_tx_open,
    .has_table = pg_has_table,
    .fts_from = pg_fts_from,
    .fts_rank = pg_fts_rank,
    .fts_word = pg_fts_word,
    .wal_position = pg_wal_position,
    .caught_up = pg_wal_caught_up,
    .errmsg = pg_errmsg,
    .errclass = pg_errclass,
};
