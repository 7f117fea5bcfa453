/* The driver-neutral database API. Model code writes each SQL statement once,
 * as a string literal with ? placeholders, and it runs on SQLite (sqlite.c)
 * and PostgreSQL (pg.c, which turns ? into $1, $2, ...). Integer unix times,
 * RETURNING and ON CONFLICT work on both; no driver-specific SQL functions in
 * model code.
 *
 * A struct db is one connection, used by one thread at a time (the HTTP
 * layer keeps one per worker thread: db_pool). Prepared statements are
 * cached per connection, keyed by the SQL text, so preparing the same literal
 * again is cheap.
 *
 * Usage:
 *     struct db_stmt *st = db_prepare(db, "SELECT name FROM area WHERE code = ?");
 *     if (!st) return db_fault(db, f);
 *     db_bind_text(st, 1, code);
 *     while ((rc = db_step(st)) == DB_ROW) use(db_col_text(st, 0));
 *     db_done(st);                     // always; returns it to the cache
 *     if (rc == DB_ERROR) return db_fault(db, f);
 */
#ifndef WIJK_DB_DB_H
#define WIJK_DB_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct arena;
struct buf;

struct db;
struct db_stmt;
struct db_pool;

enum db_kind { DB_SQLITE, DB_POSTGRES };

enum db_rc { DB_ROW, DB_DONE, DB_ERROR };

/* Opens a connection. url is "postgresql://..." / "postgres://..." for
 * PostgreSQL, otherwise a SQLite file path (optionally "sqlite:PATH");
 * "sqlite::memory:" or ":memory:" opens a private in-memory database.
 * SQLite connections get WAL, synchronous=NORMAL, a busy timeout, foreign
 * keys on and mmap_size set. PostgreSQL connections get TimeZone UTC,
 * client_encoding UTF8 and application_name wijkregie; a server that cannot
 * be reached gives ERR_UNAVAILABLE, "Cannot connect to the database: %s"
 * with a reason that holds no part of the URL. On failure returns NULL and
 * fills f. */
struct db *db_open(const char *url, struct fault *f);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);

/* A prepared statement for sql (a string literal: the cache keys on its
 * text). Returns NULL on an SQL error (see db_errmsg). The statement belongs
 * to the connection; give it back with db_done(). A statement that is in use
 * (prepared and not yet done) is not handed out twice: a second prepare of the
 * same text while the first is live gets a fresh statement. */
struct db_stmt *db_prepare(struct db *db, const char *sql);

/* Parameters are numbered from 1. Text is copied by the driver. A NULL text
 * binds SQL NULL. */
void db_bind_int(struct db_stmt *st, int idx, int64_t v);
void db_bind_double(struct db_stmt *st, int idx, double v);
void db_bind_text(struct db_stmt *st, int idx, const char *s);
void db_bind_null(struct db_stmt *st, int idx);

/* Runs the statement (on the first call) and moves to the next row. */
enum db_rc db_step(struct db_stmt *st);

/* Columns of the current row, numbered from 0. Text stays valid until the
 * next db_step or db_done on this statement: copy it into an arena to keep
 * it. NULL columns give 0, 0.0 and NULL. */
int64_t db_col_int(struct db_stmt *st, int col);
double db_col_double(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col);
bool db_col_is_null(struct db_stmt *st, int col);

/* The text of column col copied into arena a; NULL when it is SQL NULL. */
const char *db_col_text_dup(struct db_stmt *st, int col, struct arena *a);
int db_col_count(struct db_stmt *st);

/* Resets the statement, clears its bindings and returns it to the cache.
 * NULL is fine. */
void db_done(struct db_stmt *st);

/* Makes st ready to run again: its parameters cleared, its rows gone, and
 * still the caller's (db_done gives it back). For one statement run once
 * per row of a loop, which then neither looks it up nor gives it back for
 * every row. */
void db_reset(struct db_stmt *st);

/* Rows changed by the last INSERT/UPDATE/DELETE on this connection. */
int64_t db_changes(struct db *db);

/* Transactions. db_begin starts a write transaction (SQLite: BEGIN
 * IMMEDIATE; PostgreSQL: READ COMMITTED, which lets transactions interleave,
 * see pg.c). Nesting is not supported: db_begin inside a transaction is a
 * programming error and aborts. */
enum err db_begin(struct db *db, struct fault *f);
enum err db_commit(struct db *db, struct fault *f);
void db_rollback(struct db *db);
bool db_in_transaction(const struct db *db);

/* Read transactions, for the reads of one GET or HEAD request (the
 * dispatcher opens one around such a handler): the statements between
 * db_begin_read and db_end_read see one snapshot of the database. On SQLite
 * this is BEGIN DEFERRED ... COMMIT, which takes the WAL read lock once for
 * the whole page instead of once per statement. On PostgreSQL it does
 * nothing on the server (pg.c says why), but the rules below hold all the
 * same. Inside a read transaction, db_begin (a write) is a programming error
 * and aborts with a message, and on SQLite so does running any statement
 * that would write; db_begin_read inside any transaction aborts too.
 * db_begin_read fails only when the database refuses BEGIN (the fault as
 * db_fault's). db_end_read ends the read transaction if one is open (else
 * it does nothing) and cannot fail: a COMMIT the database refuses is logged
 * and rolled back, since nothing was written. */
enum err db_begin_read(struct db *db, struct fault *f);
void db_end_read(struct db *db);
bool db_in_read(const struct db *db);

/* Caches of query results, kept per connection.
 *
 * db_data_version gives, inside a read transaction, a number that stays the
 * same between two calls on this connection only when nobody changed the
 * database in between: not this connection, not another one, not another
 * process. Data read in a read transaction may therefore be kept and reused
 * in a later one on the same connection as long as the number is the same.
 * False (and *version 0) outside a read transaction, on an error, and on
 * PostgreSQL, which cannot tell so cheaply (pg.c): then nothing may be
 * reused. On SQLite it begins the read transaction if no statement has yet.
 *
 * db_cache gives the cache that owner (the address of a static object of
 * the module that keeps it) stored on this connection with db_cache_set,
 * or NULL. db_cache_set stores cache (replacing and freeing an earlier one
 * of the same owner); db_close frees it with free_cache. A connection holds
 * caches of at most four owners; a fifth is a programming error and
 * aborts. A connection is used by one thread at a time, so a cache needs no
 * lock. */
bool db_data_version(struct db *db, uint64_t *version);
void *db_cache(struct db *db, const void *owner);
void db_cache_set(struct db *db, const void *owner, void *cache, void (*free_cache)(void *cache));

/* Write positions, for read replicas (db/replica.h). A position is the
 * primary's write-ahead log position as PostgreSQL writes a pg_lsn,
 * "16/B374D848": 1 to 8 hex digits, '/', 1 to 8 hex digits; with the NUL
 * it fits DB_WAL_POSITION_MAX bytes. SQLite has no replicas and no
 * positions.
 *
 * db_wal_position writes into out where the primary's log ends now (its
 * insert position, which covers every transaction this connection has
 * committed, also with synchronous_commit off); "" on SQLite. Errors as
 * db_fault's, with out "" (a standby has no position of its own: it
 * gives ERR_INTERNAL).
 *
 * db_wal_position_valid tells whether text is a position in exactly the
 * form above (for a position that comes back from a client).
 *
 * db_replica_caught_up sets *yes when the replica db has replayed the
 * primary's log up to pos. *yes is false for a pos that is not valid and
 * for a server that is not replaying a log (not a standby: a primary, or a
 * promoted replica), so that the caller reads from its primary. SQLite:
 * always yes. Errors as db_fault's, *yes false. */
#define DB_WAL_POSITION_MAX 18
enum err db_wal_position(struct db *db, char out[static DB_WAL_POSITION_MAX], struct fault *f);
bool db_wal_position_valid(const char *text);
enum err db_replica_caught_up(struct db *db, const char *pos, bool *yes, struct fault *f);

/* The kind of database url names (see db_open), without opening it. */
enum db_kind db_url_kind(const char *url);

/* The file of db's database: for SQLite its path, valid while db is open;
 * NULL for PostgreSQL and for an in-memory SQLite database. */
const char *db_file(struct db *db);

/* The file a SQLite url names ("sqlite:PATH" or a bare PATH): a pointer
 * into url. NULL for a PostgreSQL url, ":memory:" and NULL. */
const char *db_sqlite_path(const char *url);

/* Runs a script of one or more statements without parameters (migrations).
 * Not for model code. */
enum err db_exec_script(struct db *db, const char *sql, struct fault *f);

/* The last error the driver reported on this connection, for logs only:
 * never shown to a user (it may contain SQL). */
const char *db_errmsg(const struct db *db);

/* True when the last error was a constraint violation (unique, foreign key,
 * check): model code turns these into ERR_CONFLICT or ERR_INVALID. */
bool db_last_was_constraint(const struct db *db);

/* Logs the driver's last error and fills f with ERR_UNAVAILABLE ("The
 * database is busy or unreachable; try again in a moment.") when the
 * connection is lost or busy; ERR_UNAVAILABLE ("The server's disk is full,
 * so nothing can be saved right now; reading still works. Please try again
 * later.") when a write found the disk, a quota or the file-size limit full
 * (SQLITE_FULL, an I/O error of ENOSPC, EFBIG or EDQUOT; PostgreSQL's
 * disk_full); or ERR_INTERNAL otherwise. Returns the code. */
enum err db_fault(struct db *db, struct fault *f);

/* ---- full-text search: where the dialects differ -----------------------
 * The migrations build a full-text index over some NOT NULL text columns
 * of a table: on SQLite an FTS5 table named <table>_fts with external
 * content (its rowid is the table's id) kept by triggers; on PostgreSQL a
 * GIN index on to_tsvector('simple', the columns joined by ' ') -- the
 * expression db_fts_from writes, which the planner must recognise. Model
 * code writes one query for both: "SELECT <table>.id, ... " + db_fts_from +
 * " AND ..." + " ORDER BY " + db_fts_rank, binding db_fts_query's text
 * first. The SQL so built holds only these constants, never user text. */
struct db_fts {
    const char *table;          /* "practice" */
    const char *const *columns; /* its indexed columns, NULL-terminated */
    /* The columns PostgreSQL's ranking reads (NULL: all of columns): it
     * parses them for every matching row, so fewer and shorter is cheaper.
     * SQLite ranks with the index itself (bm25 over all columns). */
    const char *const *rank_columns;
};

/* Appends to sql "FROM <table> ... WHERE <the row matches ?>" with exactly
 * one parameter, the query text (db_fts_query); the table keeps its own
 * name, so the caller qualifies its columns with it and may add
 * "AND ..." conditions whose parameters follow. */
void db_fts_from(struct db *db, const struct db_fts *ix, struct buf *sql);

/* Appends an ORDER BY expression, best match first (no parameters). */
void db_fts_rank(struct db *db, const struct db_fts *ix, struct buf *sql);

/* The text to bind for a search of words: the runs of letters and digits
 * in words (other characters separate them; at most 32 words), each taken
 * literally, all of them required, or with any true any one of them.
 * NULL when words holds no word. From the arena. */
const char *db_fts_query(struct db *db, const char *words, bool any, struct arena *a);

/* One connection per thread, opened on first use by that thread and closed
 * by db_pool_free. The pool is safe to share between threads. */
struct db_pool *db_pool_new(const char *url);
void db_pool_free(struct db_pool *p);
/* The calling thread's connection, or NULL with f filled when it cannot be
 * opened. */
struct db *db_pool_get(struct db_pool *p, struct fault *f);
const char *db_pool_url(const struct db_pool *p);
/* Whether the pool's connections commit with full durability (db_sync):
 * set once before any thread asks for a connection. Default false. */
void db_pool_set_sync_full(struct db_pool *p, bool full);

/* How durable a commit is. SQLite: full runs PRAGMA synchronous=FULL (each
 * commit waits for the WAL to reach the disk: survives a power loss), else
 * NORMAL (the default: survives a crash of the process or the system's
 * software; a power loss may take the last commits, never consistency).
 * PostgreSQL: nothing; there the server's synchronous_commit decides.
 * Errors as db_fault's. */
enum err db_sync(struct db *db, bool full, struct fault *f);

#endif
