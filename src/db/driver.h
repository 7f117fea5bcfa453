/* Private to src/db: the table of operations a database driver provides, and
 * the parts of a connection every driver shares. db.c implements the public
 * API of db.h by dispatching through a connection's driver, so supporting
 * another database (pg.c) is one more file that fills in a struct db_driver
 * and one more row in db.c's table of URL prefixes. Model code never includes
 * this header.
 *
 * A driver's connection struct starts with a struct db, and its statement
 * struct starts with a struct db_stmt, so db.c can reach the driver from
 * either. */
#ifndef WIJK_DB_DRIVER_H
#define WIJK_DB_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/embed.h"
#include "core/err.h"
#include "db/db.h"

/* What kind of error the driver saw last; db_fault and db_last_was_constraint
 * are built on it. */
enum db_errclass {
    DB_ERRCLASS_NONE,       /* no error reported yet */
    DB_ERRCLASS_BUSY,       /* locked, busy or connection lost: worth a retry */
    DB_ERRCLASS_CONSTRAINT, /* unique, foreign key, check, not null */
    DB_ERRCLASS_FULL,       /* the disk (or a file-size limit, a quota) is full */
    DB_ERRCLASS_OTHER,      /* anything else: a bug or an I/O failure */
};

/* The caches of db_cache_set a connection can hold. */
#define DB_CACHES 4

struct db {
    const struct db_driver *drv;
    bool in_tx;          /* between db_begin and db_commit/db_rollback */
    bool in_read;        /* between db_begin_read and db_end_read */
    struct buf kept_err; /* db_keep_errmsg's copy; freed by db_close */
    struct {
        const void *owner;
        void *cache;
        void (*free_cache)(void *cache);
    } caches[DB_CACHES]; /* db_cache_set's; freed by db_close */
};

struct db_stmt {
    struct db *db;
};

/* Every operation gets a connection or statement of this driver. Errors are
 * remembered by the driver (errmsg, errclass) until the next error. */
struct db_driver {
    enum db_kind kind;
    const char *begin_sql; /* starts a write transaction */
    /* Starts db_begin_read's transaction (ended by COMMIT); NULL when the
     * driver's reads need none (see pg.c). */
    const char *begin_read_sql;
    /* Run by migrate.c first thing in each of its transactions, so that two
     * `wijkregie migrate` processes on one database take turns; held until
     * COMMIT or ROLLBACK. NULL when begin_sql serialises writers already
     * (SQLite's BEGIN IMMEDIATE). */
    const char *migrate_lock_sql;

    /* Opens target (the URL without any "sqlite:" prefix); NULL with f
     * filled on failure. The connection comes zero-filled from xcalloc;
     * db.c then fills in its struct db part. */
    struct db *(*open)(const char *target, struct fault *f);
    /* Finalises every statement, live or cached, and frees the connection
     * (but not kept_err, which db.c frees). */
    void (*close)(struct db *db);

    struct db_stmt *(*prepare)(struct db *db, const char *sql);
    void (*bind_int)(struct db_stmt *st, int idx, int64_t v);
    void (*bind_double)(struct db_stmt *st, int idx, double v);
    void (*bind_text)(struct db_stmt *st, int idx, const char *s);
    void (*bind_null)(struct db_stmt *st, int idx);
    enum db_rc (*step)(struct db_stmt *st);
    int64_t (*col_int)(struct db_stmt *st, int col);
    double (*col_double)(struct db_stmt *st, int col);
    const char *(*col_text)(struct db_stmt *st, int col);
    bool (*col_is_null)(struct db_stmt *st, int col);
    int (*col_count)(struct db_stmt *st);
    void (*done)(struct db_stmt *st);
    /* Clears the parameters and rows; the statement stays the caller's. */
    void (*reset)(struct db_stmt *st);
    int64_t (*changes)(struct db *db);

    /* Runs a parameterless script; false on error (remembered). */
    bool (*exec)(struct db *db, const char *sql);
    /* db_data_version's number, inside a read transaction; NULL when the
     * driver cannot tell when the database changed (see pg.c). */
    bool (*data_version)(struct db *db, uint64_t *out);
    /* Whether the database has a transaction open on this connection. */
    bool (*tx_open)(const struct db *db);
    /* Whether a table of this name exists in the current schema: 1 yes,
     * 0 no, -1 on error. */
    int (*has_table)(struct db *db, const char *name);
    /* Full-text search (see db.h): db_fts_from's and db_fts_rank's SQL,
     * and how db_fts_query writes one word (already letters and digits
     * only) after `first` words into out. */
    void (*fts_from)(const struct db_fts *ix, struct buf *sql);
    void (*fts_rank)(const struct db_fts *ix, struct buf *sql);
    void (*fts_word)(const char *word, size_t len, bool any, size_t first, struct buf *out);
    /* db_wal_position's text into out (at most DB_WAL_POSITION_MAX bytes
     * with the NUL), and whether a replica has replayed up to pos (1 yes,
     * 0 no, -1 on error, remembered). NULL for a database without
     * replicas (SQLite): db.c then answers "" and yes. */
    bool (*wal_position)(struct db *db, char *out);
    int (*caught_up)(struct db *db, const char *pos);

    const char *(*errmsg)(const struct db *db);
    enum db_errclass (*errclass)(const struct db *db);
};

extern const struct db_driver db_driver_sqlite;
extern const struct db_driver db_driver_pg; /* pg.c */

/* Copies the driver's last error message into the connection, where it stays
 * unchanged until the next db_keep_errmsg or db_close: for a fault argument
 * that must outlive later statements (a rollback). */
const char *db_keep_errmsg(struct db *db);

/* Whether a table of this name exists: 1 yes, 0 no, -1 on error. */
int db_has_table(struct db *db, const char *name);

/* sqlite.c, for backup.c: copies the main database of db (a SQLite
 * connection outside any transaction) into a new database file at path with
 * SQLite's online backup API, calling progress (may be NULL) with pages done
 * and pages in all after each step. In WAL mode the copy is one snapshot,
 * taken while writers carry on. The copy ends in rollback-journal mode, so it
 * is one self-contained file. NULL on success, else SQLite's description of
 * the error (a static string). */
const char *sqlite_backup_file(struct db *db, const char *path,
                               void (*progress)(void *ctx, int64_t done, int64_t total), void *ctx);

/* The file of the SQLite connection db's main database, or "" for an
 * in-memory or temporary one. Valid while db is open. */
const char *sqlite_file_name(struct db *db);

/* Seams of migrate.c for its unit tests: migrate_up and migrate_latest on a
 * given file list instead of the embedded one. files is sorted by path and
 * ends with a NULL path, like embedded_files. */
enum err migrate_up_files(struct db *db, const struct embedded_file *files, int *applied,
                          struct fault *f);
int migrate_latest_files(enum db_kind kind, const struct embedded_file *files);

#endif
