/* The driver-neutral database API of db.h. It chooses a driver from the URL
 * and forwards each call through the connection's driver table (driver.h);
 * what is the same for every database lives here: transaction bookkeeping,
 * the refusal of nested transactions, and turning a driver error into a
 * fault a person can act on (with the driver's own message going to the log
 * only, since it may contain SQL or data). */
#include "db/db.h"
#include "core/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "db/driver.h"

/* URL prefixes and their drivers, first match wins. A NULL driver is a
 * database this build does not support; anything without a prefix here is a
 * SQLite path. */
struct db_scheme {
    const char *prefix;
    bool strip;                     /* the driver gets the URL without prefix */
    const struct db_driver *driver; /* NULL: not built in */
    const char *missing_msgid;
};

static const struct db_scheme schemes[] = {
    {"postgresql://", false, &db_driver_pg, NULL},
    {"postgres://", false, &db_driver_pg, NULL},
    {"sqlite:", true, &db_driver_sqlite, NULL},
};

static const char busy_msgid[] = "The database is busy or unreachable; try again in a moment.";
static const char full_msgid[] =
    "The server's disk is full, so nothing can be saved right now; reading still works. "
    "Please try again later.";
static const char internal_msgid[] = "Something went wrong on our side; it has been logged.";

struct db *db_open(const char *url, struct fault *f)
{
    const struct db_driver *drv = &db_driver_sqlite;
    const char *target = url;

    if (!url) {
        fault_set(f, ERR_INTERNAL, NULL, "No database was configured.", NULL);
        return NULL;
    }
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        size_t n = strlen(schemes[i].prefix);
        if (strncmp(url, schemes[i].prefix, n) != 0)
            continue;
        if (!schemes[i].driver) {
            fault_set(f, ERR_UNAVAILABLE, NULL, schemes[i].missing_msgid, NULL);
            return NULL;
        }
        drv = schemes[i].driver;
        target = schemes[i].strip ? url + n : url;
        break;
    }
    struct db *db = drv->open(target, f);
    if (db) {
        db->drv = drv;
        db->in_tx = false;
        db->in_read = false;
        buf_init(&db->kept_err);
        memset(db->caches, 0, sizeof db->caches);
    }
    return db;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    for (int i = 0; i < DB_CACHES; i++)
        if (db->caches[i].owner)
            db->caches[i].free_cache(db->caches[i].cache);
    buf_free(&db->kept_err);
    db->drv->close(db);
}

enum db_kind db_kind(const struct db *db)
{
    return db->drv->kind;
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
    return db->drv->prepare(db, sql);
}

void db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
    st->db->drv->bind_int(st, idx, v);
}

void db_bind_double(struct db_stmt *st, int idx, double v)
{
    st->db->drv->bind_double(st, idx, v);
}

void db_bind_text(struct db_stmt *st, int idx, const char *s)
{
    st->db->drv->bind_text(st, idx, s);
}

void db_bind_null(struct db_stmt *st, int idx)
{
    st->db->drv->bind_null(st, idx);
}

void db_reset(struct db_stmt *st)
{
    st->db->drv->reset(st);
}

enum db_rc db_step(struct db_stmt *st)
{
    return st->db->drv->step(st);
}

int64_t db_col_int(struct db_stmt *st, int col)
{
    return st->db->drv->col_int(st, col);
}

double db_col_double(struct db_stmt *st, int col)
{
    return st->db->drv->col_double(st, col);
}

const char *db_col_text(struct db_stmt *st, int col)
{
    return st->db->drv->col_text(st, col);
}

bool db_col_is_null(struct db_stmt *st, int col)
{
    return st->db->drv->col_is_null(st, col);
}

const char *db_col_text_dup(struct db_stmt *st, int col, struct arena *a)
{
    return db_col_is_null(st, col) ? NULL : arena_strdup(a, db_col_text(st, col));
}

int db_col_count(struct db_stmt *st)
{
    return st->db->drv->col_count(st);
}

void db_done(struct db_stmt *st)
{
    if (st)
        st->db->drv->done(st);
}

int64_t db_changes(struct db *db)
{
    return db->drv->changes(db);
}

enum err db_begin(struct db *db, struct fault *f)
{
    if (db->in_tx) {
        fputs("db_begin: nested transaction (a programming error)\n", stderr);
        abort();
    }
    if (db->in_read) {
        fputs("db_begin: a write transaction inside a read transaction (a write in a GET or "
              "HEAD handler: a programming error)\n",
              stderr);
        abort();
    }
    if (!db->drv->exec(db, db->drv->begin_sql))
        return db_fault(db, f);
    db->in_tx = true;
    return ERR_OK;
}

/* Ends the transaction with ROLLBACK unless the database already ended it
 * (SQLite rolls back by itself after some errors, e.g. a full disk); a
 * failed ROLLBACK leaves nothing to do but log. */
static void rollback_if_open(struct db *db)
{
    if (db->drv->tx_open(db) && !db->drv->exec(db, "ROLLBACK"))
        log_event(LOG_WARN, NULL, "db_rollback_failed", "message", db->drv->errmsg(db), NULL);
    db->in_tx = false;
}

/* On a failed COMMIT the transaction may still be open (SQLite keeps it on
 * SQLITE_BUSY and on deferred foreign keys); roll it back so the connection
 * is clean for the next request. The fault and db_errmsg describe the
 * COMMIT's error. */
enum err db_commit(struct db *db, struct fault *f)
{
    if (db->drv->exec(db, "COMMIT")) {
        db->in_tx = false;
        return ERR_OK;
    }
    enum err e = db_fault(db, f);
    rollback_if_open(db);
    return e;
}

void db_rollback(struct db *db)
{
    if (db->in_tx)
        rollback_if_open(db);
}

bool db_in_transaction(const struct db *db)
{
    return db->in_tx;
}

enum err db_begin_read(struct db *db, struct fault *f)
{
    if (db->in_tx || db->in_read) {
        fputs("db_begin_read: inside a transaction (a programming error)\n", stderr);
        abort();
    }
    if (db->drv->begin_read_sql && !db->drv->exec(db, db->drv->begin_read_sql))
        return db_fault(db, f);
    db->in_read = true;
    return ERR_OK;
}

void db_end_read(struct db *db)
{
    if (!db->in_read)
        return;
    db->in_read = false;
    if (!db->drv->tx_open(db) || db->drv->exec(db, "COMMIT"))
        return;
    log_event(LOG_WARN, NULL, "db_end_read_failed", "message", db->drv->errmsg(db), NULL);
    if (db->drv->tx_open(db) && !db->drv->exec(db, "ROLLBACK"))
        log_event(LOG_WARN, NULL, "db_rollback_failed", "message", db->drv->errmsg(db), NULL);
}

bool db_in_read(const struct db *db)
{
    return db->in_read;
}

bool db_data_version(struct db *db, uint64_t *version)
{
    *version = 0;
    return db->in_read && db->drv->data_version && db->drv->data_version(db, version);
}

void *db_cache(struct db *db, const void *owner)
{
    for (int i = 0; i < DB_CACHES; i++)
        if (db->caches[i].owner == owner)
            return db->caches[i].cache;
    return NULL;
}

void db_cache_set(struct db *db, const void *owner, void *cache, void (*free_cache)(void *cache))
{
    int slot = -1;
    for (int i = 0; i < DB_CACHES && slot < 0; i++)
        if (db->caches[i].owner == owner)
            slot = i;
    for (int i = 0; i < DB_CACHES && slot < 0; i++)
        if (!db->caches[i].owner)
            slot = i;
    if (slot < 0) {
        fputs("db_cache_set: more caches than a connection holds (a programming error)\n", stderr);
        abort();
    }
    if (db->caches[slot].owner == owner)
        db->caches[slot].free_cache(db->caches[slot].cache);
    db->caches[slot].owner = owner;
    db->caches[slot].cache = cache;
    db->caches[slot].free_cache = free_cache;
}

enum err db_exec_script(struct db *db, const char *sql, struct fault *f)
{
    if (!db->drv->exec(db, sql))
        return db_fault(db, f);
    return ERR_OK;
}

const char *db_errmsg(const struct db *db)
{
    return db->drv->errmsg(db);
}

bool db_last_was_constraint(const struct db *db)
{
    return db->drv->errclass(db) == DB_ERRCLASS_CONSTRAINT;
}

enum err db_fault(struct db *db, struct fault *f)
{
    log_event(LOG_ERROR, NULL, "db_error", "message", db->drv->errmsg(db), NULL);
    enum db_errclass cls = db->drv->errclass(db);
    if (cls == DB_ERRCLASS_BUSY)
        return fault_set(f, ERR_UNAVAILABLE, NULL, busy_msgid, NULL);
    if (cls == DB_ERRCLASS_FULL)
        return fault_set(f, ERR_UNAVAILABLE, NULL, full_msgid, NULL);
    return fault_set(f, ERR_INTERNAL, NULL, internal_msgid, NULL);
}

const char *db_keep_errmsg(struct db *db)
{
    buf_reset(&db->kept_err);
    buf_puts(&db->kept_err, db->drv->errmsg(db));
    return buf_cstr(&db->kept_err);
}

int db_has_table(struct db *db, const char *name)
{
    return db->drv->has_table(db, name);
}

enum err db_wal_position(struct db *db, char out[static DB_WAL_POSITION_MAX], struct fault *f)
{
    out[0] = '\0';
    if (!db->drv->wal_position)
        return ERR_OK;
    if (!db->drv->wal_position(db, out)) {
        out[0] = '\0';
        return db_fault(db, f);
    }
    return ERR_OK;
}

/* 1 to 8 hex digits at *p, advancing it; false when there are none or more. */
static bool hex_part(const char **p)
{
    const char *start = *p;
    while (**p && strchr("0123456789abcdefABCDEF", **p))
        (*p)++;
    return *p > start && *p - start <= 8;
}

bool db_wal_position_valid(const char *text)
{
    if (!text)
        return false;
    const char *p = text;
    return hex_part(&p) && *p++ == '/' && hex_part(&p) && *p == '\0';
}

enum err db_replica_caught_up(struct db *db, const char *pos, bool *yes, struct fault *f)
{
    *yes = false;
    if (!db_wal_position_valid(pos))
        return ERR_OK;
    if (!db->drv->caught_up) {
        *yes = true;
        return ERR_OK;
    }
    int rc = db->drv->caught_up(db, pos);
    if (rc < 0)
        return db_fault(db, f);
    *yes = rc == 1;
    return ERR_OK;
}

enum db_kind db_url_kind(const char *url)
{
    for (size_t i = 0; url && i < sizeof schemes / sizeof schemes[0]; i++)
        if (strncmp(url, schemes[i].prefix, strlen(schemes[i].prefix)) == 0)
            return schemes[i].driver ? schemes[i].driver->kind : DB_SQLITE;
    return DB_SQLITE;
}

const char *db_sqlite_path(const char *url)
{
    if (!url || db_url_kind(url) != DB_SQLITE)
        return NULL;
    const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
    return *path && strcmp(path, ":memory:") != 0 ? path : NULL;
}

const char *db_file(struct db *db)
{
    if (db_kind(db) != DB_SQLITE)
        return NULL;
    const char *name = sqlite_file_name(db);
    return *name ? name : NULL;
}

enum err db_sync(struct db *db, bool full, struct fault *f)
{
    if (db_kind(db) != DB_SQLITE)
        return ERR_OK;
    if (!db->drv->exec(db, full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"))
        return db_fault(db, f);
    return ERR_OK;
}
