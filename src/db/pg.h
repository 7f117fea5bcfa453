/* Private to src/db: the parts of the PostgreSQL driver. pg.c has the
 * connections, errors, transactions and the driver table; pg_stmt.c the
 * statement cache, parameters and results; pg_sql.c the placeholder
 * translation and pg_connect.c what a failed connection reports (both pure,
 * tested without a server). See pg.c for how the driver works. */
#ifndef WIJK_DB_PG_H
#define WIJK_DB_PG_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "db/driver.h"

#define PG_STMT_BUCKETS 64
/* As in sqlite.c: beyond this many cached texts, statements are one-offs
 * (run with PQexecParams, nothing left prepared on the server). */
#define PG_STMT_CACHE_MAX 512

struct pg_stmt {
    struct db_stmt base;
    char *sql;            /* the cache key (a copy); NULL for a one-off statement */
    char *text;           /* the SQL with $n placeholders */
    char *name;           /* the server-side name; NULL for a one-off statement */
    unsigned gen;         /* the connection generation it was prepared in */
    int nparams;          /* placeholders in text */
    char **values;        /* nparams bound values as text; NULL binds NULL */
    int bad_idx;          /* the first parameter number out of range, or 0 */
    PGresult *res;        /* the whole result, from the first db_step on */
    int row;              /* the current row of res */
    bool live;            /* handed out by prepare, not yet done */
    struct pg_stmt *next; /* in a cache bucket, or in the one-off list */
};

struct pg_db {
    struct db base;
    PGconn *conn;
    unsigned gen;       /* bumped by every reset: older preparations are gone */
    unsigned next_name; /* statement names s1, s2, ... */
    struct pg_stmt *buckets[PG_STMT_BUCKETS];
    size_t ncached;
    struct pg_stmt *oneoff; /* live statements outside the cache */
    int64_t changes;        /* rows of the last INSERT/UPDATE/DELETE */
    bool doomed;            /* the server said FATAL: it is closing the connection */
    enum db_errclass err_class;
    struct buf err_msg;
};

/* pg_sql.c: copies sql into out (reset first) with each `?` placeholder
 * replaced by $1, $2, ... in order, for libpq. A `?` inside a '...' or
 * E'...' string, a "..." identifier, a -- comment or a block comment is
 * left as it is. Returns the number of placeholders. *has_code (may be
 * NULL) tells whether sql holds anything besides blanks and comments. */
int pg_sql_translate(const char *sql, struct buf *out, bool *has_code);

/* pg_sql.c: full-text search (db.h): the GIN-indexed expression
 * to_tsvector('simple', columns joined by ' ') against
 * websearch_to_tsquery('simple', ?), ranked by ts_rank over the rank
 * columns; each word "quoted", joined by " " for all of them or " or " for
 * any. */
struct db_fts;
void pg_fts_from(const struct db_fts *ix, struct buf *sql);
void pg_fts_rank(const struct db_fts *ix, struct buf *sql);
void pg_fts_word(const char *word, size_t len, bool any, size_t first, struct buf *out);

/* pg_connect.c: a connection to url failed with libpq's message msg. Logs
 * msg (scrubbed, see below) as event db_connect_failed and fills f with
 * ERR_UNAVAILABLE, "Cannot connect to the database: %s" and a fixed reason
 * (pg_connect_reason), which holds no part of the URL. Returns the code. */
enum err pg_connect_fault(const char *url, const char *msg, struct fault *f);

/* The fixed English reason for libpq's connection error msg (a static
 * string; a generic one when msg is not recognised or NULL). */
const char *pg_connect_reason(const char *msg);

/* Copies msg into out (reset first) with the password of url, when it has
 * one (user:password@ or ?password=), replaced by *** wherever it occurs,
 * and trailing newlines dropped. */
void pg_connect_scrub(const char *url, const char *msg, struct buf *out);

/* pg.c: remembers an error (class and message; trailing newlines dropped)
 * until the next one. */
void pg_set_error(struct pg_db *c, enum db_errclass cls, const char *msg);

/* pg.c: takes res (NULL: libpq could not send the command) and tells
 * whether it succeeded; on failure the error is remembered and res freed, on
 * success it is freed unless keep. Keeps db_changes up to date. */
bool pg_check_result(struct pg_db *c, PGresult *res, bool keep);

/* pg.c: remembers the error of a failed result (res may be NULL). */
void pg_note_result_error(struct pg_db *c, const PGresult *res);

/* pg.c: makes sure the connection can take a new command: a lost one is
 * reset once, but never inside a transaction. False (error remembered, busy
 * class) when the connection is not usable. */
bool pg_revive(struct pg_db *c);

/* pg_stmt.c: the statement operations of the driver table (see driver.h). */
struct db_stmt *pg_stmt_prepare(struct db *db, const char *sql);
void pg_stmt_bind_int(struct db_stmt *st, int idx, int64_t v);
void pg_stmt_bind_double(struct db_stmt *st, int idx, double v);
void pg_stmt_bind_text(struct db_stmt *st, int idx, const char *s);
void pg_stmt_bind_null(struct db_stmt *st, int idx);
enum db_rc pg_stmt_step(struct db_stmt *st);
int64_t pg_stmt_col_int(struct db_stmt *st, int col);
double pg_stmt_col_double(struct db_stmt *st, int col);
const char *pg_stmt_col_text(struct db_stmt *st, int col);
bool pg_stmt_col_is_null(struct db_stmt *st, int col);
int pg_stmt_col_count(struct db_stmt *st);
void pg_stmt_done(struct db_stmt *st);
void pg_stmt_reset(struct db_stmt *st);

/* pg_wal.c: the driver's wal_position and caught_up (see driver.h). */
bool pg_wal_position(struct db *db, char *out);
int pg_wal_caught_up(struct db *db, const char *pos);

/* pg_stmt.c: frees every statement of c, live or cached (db_close). */
void pg_stmt_free_all(struct pg_db *c);

#endif
