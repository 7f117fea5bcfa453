/* The SQLite driver behind db.h. One connection belongs to one thread at a
 * time (db_pool), so it is opened with SQLITE_OPEN_NOMUTEX and needs no locks
 * of its own. Each connection keeps a cache of prepared statements keyed by
 * their SQL text: model code prepares the same literals over and over, and
 * SQLite's parser is the expensive part of a small query.
 *
 * Errors are copied out of SQLite when they happen (code and message), so
 * that db_errmsg and db_last_was_constraint still describe the failed
 * statement after db_done or a ROLLBACK has run. */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "db/driver.h"

#define STMT_BUCKETS 64
/* Beyond this many cached statements new texts are prepared afresh each
 * time; only SQL assembled at run time (which model code must not do) could
 * get here, and it must not grow the cache without bound. */
#define STMT_CACHE_MAX 512
#define BUSY_TIMEOUT_MS 5000

struct sqlite_stmt {
    struct db_stmt base;
    sqlite3_stmt *handle;
    char *sql;                /* the cache key (a copy); NULL when not cached */
    bool live;                /* handed out by prepare, not yet done */
    int bind_rc;              /* first failed bind since prepare, or SQLITE_OK */
    int bind_idx;             /* ... and its parameter number */
    struct sqlite_stmt *next; /* in a cache bucket, or in the fresh list */
};

struct sqlite_db {
    struct db base;
    sqlite3 *handle;
    struct sqlite_stmt *buckets[STMT_BUCKETS];
    size_t ncached;
    struct sqlite_stmt *fresh; /* live statements outside the cache */
    int err_code;              /* extended code of the last error */
    int sys_errno;             /* the system's errno behind it, for I/O errors */
    struct buf err_msg;        /* its message */
};

static struct sqlite_db *conn_of(struct db *db)
{
    return (struct sqlite_db *)db;
}

static struct sqlite_stmt *stmt_of(struct db_stmt *st)
{
    return (struct sqlite_stmt *)st;
}

/* Remembers an error: msg, or SQLite's own message when msg is NULL. */
/* The errno behind an I/O error. sqlite3_system_errno reads errno after
 * SQLite has made other system calls, so the files' own record comes first:
 * the WAL file's (where writes go in WAL mode), then the database file's. */
static int io_errno(sqlite3 *h)
{
    int e = 0;
    sqlite3_file *wal = NULL;
    if (sqlite3_file_control(h, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) == SQLITE_OK && wal &&
        wal->pMethods &&
        wal->pMethods->xFileControl(wal, SQLITE_FCNTL_LAST_ERRNO, &e) == SQLITE_OK && e != 0)
        return e;
    if (sqlite3_file_control(h, "main", SQLITE_FCNTL_LAST_ERRNO, &e) == SQLITE_OK && e != 0)
        return e;
    return sqlite3_system_errno(h);
}

static void note_error(struct sqlite_db *c, int rc, const char *msg)
{
    c->err_code = rc;
    c->sys_errno = (rc & 0xff) == SQLITE_IOERR ? io_errno(c->handle) : 0;
    buf_reset(&c->err_msg);
    buf_puts(&c->err_msg, msg ? msg : sqlite3_errmsg(c->handle));
}

static struct db_stmt *sqlite_prepare(struct db *db, const char *sql);
static enum db_rc sqlite_step(struct db_stmt *st);
static void sqlite_done(struct db_stmt *st);

/* The statements that open and close a transaction run from the statement
 * cache: every GET request has two of them (db_begin_read), and
 * sqlite3_exec would parse them afresh each time. */
static bool run_tx_control(struct db *db, const char *sql, bool *done)
{
    static const char *const texts[] = {"BEGIN DEFERRED", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"};
    *done = false;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        if (strcmp(sql, texts[i]) != 0)
            continue;
        *done = true;
        struct db_stmt *st = sqlite_prepare(db, sql);
        if (!st)
            return false;
        enum db_rc rc = sqlite_step(st);
        sqlite_done(st);
        return rc == DB_DONE;
    }
    return false;
}

static bool sqlite_exec(struct db *db, const char *sql)
{
    struct sqlite_db *c = conn_of(db);
    bool done;
    bool ok = run_tx_control(db, sql, &done);
    if (done)
        return ok;
    char *msg = NULL;
    int rc = sqlite3_exec(c->handle, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        note_error(c, sqlite3_extended_errcode(c->handle), msg);
    sqlite3_free(msg);
    return rc == SQLITE_OK;
}

/* journal_mode answers with the mode it ended up in: a file system without
 * shared memory keeps the old one, which works but serialises readers. */
static bool use_wal(struct sqlite_db *c)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->handle, "PRAGMA journal_mode=WAL", -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        note_error(c, sqlite3_extended_errcode(c->handle), NULL);
        sqlite3_finalize(st);
        return false;
    }
    const char *mode = (const char *)sqlite3_column_text(st, 0);
    if (!mode || strcmp(mode, "wal") != 0)
        log_event(LOG_WARN, NULL, "db_no_wal", "journal_mode", mode ? mode : "", NULL);
    sqlite3_finalize(st);
    return true;
}

static bool configure(struct sqlite_db *c, bool memory)
{
    sqlite3_extended_result_codes(c->handle, 1);
    sqlite3_busy_timeout(c->handle, BUSY_TIMEOUT_MS);
    if (!memory && !use_wal(c))
        return false;
    return sqlite_exec(&c->base, "PRAGMA synchronous=NORMAL;"
                                 "PRAGMA foreign_keys=ON;"
                                 "PRAGMA mmap_size=268435456;");
}

static void sqlite_close(struct db *db);

static struct db *sqlite_open(const char *target, struct fault *f)
{
    if (!*target) {
        fault_set(f, ERR_INTERNAL, NULL, "No database was configured.", NULL);
        return NULL;
    }
    struct sqlite_db *c = xcalloc(1, sizeof *c);
    buf_init(&c->err_msg);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(target, &c->handle, flags, NULL);
    if (!c->handle)
        mem_oom(__FILE__, __LINE__);
    if (rc != SQLITE_OK)
        note_error(c, sqlite3_extended_errcode(c->handle), NULL);
    if (rc != SQLITE_OK || !configure(c, strcmp(target, ":memory:") == 0)) {
        log_event(LOG_ERROR, NULL, "db_open_failed", "path", target, "message",
                  buf_cstr(&c->err_msg), NULL);
        sqlite_close(&c->base);
        fault_set(f, ERR_UNAVAILABLE, NULL, "The database %s cannot be opened; see the log.",
                  target, NULL);
        return NULL;
    }
    return &c->base;
}

static void free_stmt(struct sqlite_stmt *s)
{
    sqlite3_finalize(s->handle);
    free(s->sql);
    free(s);
}

static void free_chain(struct sqlite_stmt *s)
{
    while (s) {
        struct sqlite_stmt *next = s->next;
        free_stmt(s);
        s = next;
    }
}

static void sqlite_close(struct db *db)
{
    struct sqlite_db *c = conn_of(db);
    for (size_t i = 0; i < STMT_BUCKETS; i++)
        free_chain(c->buckets[i]);
    free_chain(c->fresh);
    int rc = sqlite3_close(c->handle);
    if (rc != SQLITE_OK)
        log_event(LOG_ERROR, NULL, "db_close_failed", "message", sqlite3_errstr(rc), NULL);
    buf_free(&c->err_msg);
    free(c);
}

/* FNV-1a: short SQL literals spread well enough over a few dozen buckets. */
static size_t bucket_of(const char *sql)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h % STMT_BUCKETS;
}

static struct sqlite_stmt *cache_find(struct sqlite_db *c, size_t bucket, const char *sql)
{
    for (struct sqlite_stmt *s = c->buckets[bucket]; s; s = s->next)
        if (strcmp(s->sql, sql) == 0)
            return s;
    return NULL;
}

static sqlite3_stmt *compile(struct sqlite_db *c, const char *sql, bool persistent)
{
    sqlite3_stmt *h = NULL;
    unsigned flags = persistent ? SQLITE_PREPARE_PERSISTENT : 0;
    int rc = sqlite3_prepare_v3(c->handle, sql, -1, flags, &h, NULL);
    if (rc != SQLITE_OK) {
        note_error(c, sqlite3_extended_errcode(c->handle), NULL);
        return NULL;
    }
    if (!h)
        note_error(c, SQLITE_MISUSE, "db_prepare: the SQL text holds no statement");
    return h;
}

/* A cached statement is handed out when it is idle; while it is live, the
 * same text gets a fresh statement that db_done finalises. */
static struct db_stmt *sqlite_prepare(struct db *db, const char *sql)
{
    struct sqlite_db *c = conn_of(db);
    size_t bucket = bucket_of(sql);
    struct sqlite_stmt *s = cache_find(c, bucket, sql);
    if (s && !s->live) {
        s->live = true;
        return &s->base;
    }
    bool cache = !s && c->ncached < STMT_CACHE_MAX;
    sqlite3_stmt *h = compile(c, sql, cache);
    if (!h)
        return NULL;
    s = xcalloc(1, sizeof *s);
    s->base.db = db;
    s->handle = h;
    s->live = true;
    if (cache) {
        s->sql = xstrdup(sql);
        s->next = c->buckets[bucket];
        c->buckets[bucket] = s;
        c->ncached++;
    } else {
        s->next = c->fresh;
        c->fresh = s;
    }
    return &s->base;
}

static void unlink_fresh(struct sqlite_db *c, struct sqlite_stmt *s)
{
    for (struct sqlite_stmt **p = &c->fresh; *p; p = &(*p)->next) {
        if (*p == s) {
            *p = s->next;
            return;
        }
    }
}

static void sqlite_reset(struct db_stmt *st)
{
    struct sqlite_stmt *s = stmt_of(st);
    sqlite3_reset(s->handle);
    sqlite3_clear_bindings(s->handle);
    s->bind_rc = SQLITE_OK;
}

static void sqlite_done(struct db_stmt *st)
{
    struct sqlite_stmt *s = stmt_of(st);
    if (s->sql) {
        sqlite_reset(st);
        s->live = false;
        return;
    }
    unlink_fresh(conn_of(st->db), s);
    free_stmt(s);
}

/* A failed bind (a parameter number out of range, text too large) must not
 * let the statement run with the parameter missing: db_step reports it. */
static void note_bind(struct sqlite_stmt *s, int idx, int rc)
{
    if (rc != SQLITE_OK && s->bind_rc == SQLITE_OK) {
        s->bind_rc = rc;
        s->bind_idx = idx;
    }
}

static void sqlite_bind_int(struct db_stmt *st, int idx, int64_t v)
{
    struct sqlite_stmt *s = stmt_of(st);
    note_bind(s, idx, sqlite3_bind_int64(s->handle, idx, v));
}

static void sqlite_bind_double(struct db_stmt *st, int idx, double v)
{
    struct sqlite_stmt *s = stmt_of(st);
    note_bind(s, idx, sqlite3_bind_double(s->handle, idx, v));
}

static void sqlite_bind_null(struct db_stmt *st, int idx)
{
    struct sqlite_stmt *s = stmt_of(st);
    note_bind(s, idx, sqlite3_bind_null(s->handle, idx));
}

static void sqlite_bind_text(struct db_stmt *st, int idx, const char *v)
{
    struct sqlite_stmt *s = stmt_of(st);
    if (!v) {
        sqlite_bind_null(st, idx);
        return;
    }
    note_bind(s, idx, sqlite3_bind_text(s->handle, idx, v, -1, SQLITE_TRANSIENT));
}

/* A statement that would write inside db_begin_read's transaction: a GET or
 * HEAD handler that writes, which db.h makes a programming error. Without
 * this the deferred read transaction would quietly become a write one. */
_Noreturn static void write_in_read(const struct sqlite_stmt *s)
{
    fprintf(stderr,
            "db_step: a statement that writes, inside a read transaction (a write in a "
            "GET or HEAD handler: a programming error): %s\n",
            sqlite3_sql(s->handle));
    abort();
}

static enum db_rc sqlite_step(struct db_stmt *st)
{
    struct sqlite_stmt *s = stmt_of(st);
    struct sqlite_db *c = conn_of(st->db);
    if (s->bind_rc != SQLITE_OK) {
        struct buf msg = BUF_INIT;
        buf_printf(&msg, "binding parameter %d: %s", s->bind_idx, sqlite3_errstr(s->bind_rc));
        note_error(c, s->bind_rc, buf_cstr(&msg));
        buf_free(&msg);
        return DB_ERROR;
    }
    if (st->db->in_read && !sqlite3_stmt_readonly(s->handle))
        write_in_read(s);
    int rc = sqlite3_step(s->handle);
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    note_error(c, rc, NULL);
    return DB_ERROR;
}

static int64_t sqlite_col_int(struct db_stmt *st, int col)
{
    return sqlite3_column_int64(stmt_of(st)->handle, col);
}

static double sqlite_col_double(struct db_stmt *st, int col)
{
    return sqlite3_column_double(stmt_of(st)->handle, col);
}

static const char *sqlite_col_text(struct db_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(stmt_of(st)->handle, col);
}

static bool sqlite_col_is_null(struct db_stmt *st, int col)
{
    return sqlite3_column_type(stmt_of(st)->handle, col) == SQLITE_NULL;
}

static int sqlite_col_count(struct db_stmt *st)
{
    return sqlite3_column_count(stmt_of(st)->handle);
}

static int64_t sqlite_changes(struct db *db)
{
    return sqlite3_changes64(conn_of(db)->handle);
}

/* The pager's data version, which changes with every change to the
 * database file, by this connection or any other. It is brought up to date
 * when a read transaction begins, and BEGIN DEFERRED takes no lock by
 * itself, so PRAGMA data_version (which reads) makes sure one has begun. */
static bool sqlite_data_version(struct db *db, uint64_t *out)
{
    struct db_stmt *st = sqlite_prepare(db, "PRAGMA data_version");
    if (!st)
        return false;
    enum db_rc rc = sqlite_step(st);
    sqlite_done(st);
    unsigned int v = 0;
    sqlite3 *h = conn_of(db)->handle;
    if (rc != DB_ROW || sqlite3_file_control(h, "main", SQLITE_FCNTL_DATA_VERSION, &v) != SQLITE_OK)
        return false;
    *out = v;
    return true;
}

static bool sqlite_tx_open(const struct db *db)
{
    return !sqlite3_get_autocommit(((const struct sqlite_db *)db)->handle);
}

static int sqlite_has_table(struct db *db, const char *name)
{
    struct db_stmt *st =
        sqlite_prepare(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    if (!st)
        return -1;
    sqlite_bind_text(st, 1, name);
    enum db_rc rc = sqlite_step(st);
    sqlite_done(st);
    return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

static const char *sqlite_errmsg(const struct db *db)
{
    return buf_cstr(&((const struct sqlite_db *)db)->err_msg);
}

static enum db_errclass sqlite_errclass(const struct db *db)
{
    switch (((const struct sqlite_db *)db)->err_code & 0xff) {
    case SQLITE_OK:
        return DB_ERRCLASS_NONE;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return DB_ERRCLASS_BUSY;
    case SQLITE_CONSTRAINT:
        return DB_ERRCLASS_CONSTRAINT;
    case SQLITE_FULL:
        return DB_ERRCLASS_FULL;
    case SQLITE_IOERR: {
        /* A write the file system cut short: a full disk, a quota, or a
         * file-size limit (RLIMIT_FSIZE: EFBIG). */
        int e = ((const struct sqlite_db *)db)->sys_errno;
        return e == ENOSPC || e == EFBIG || e == EDQUOT ? DB_ERRCLASS_FULL : DB_ERRCLASS_OTHER;
    }
    default:
        return DB_ERRCLASS_OTHER;
    }
}

/* Full-text search (db.h): the FTS5 table <table>_fts of external content,
 * joined on its rowid; bm25's rank is lower for a better match. */
static void sqlite_fts_from(const struct db_fts *ix, struct buf *sql)
{
    buf_printf(sql, "FROM %s_fts JOIN %s ON %s.id = %s_fts.rowid WHERE %s_fts MATCH ?", ix->table,
               ix->table, ix->table, ix->table, ix->table);
}

static void sqlite_fts_rank(const struct db_fts *ix, struct buf *sql)
{
    buf_printf(sql, "%s_fts.rank", ix->table);
}

/* FTS5 query syntax: each word a "string" (so AND, OR, NEAR and * stay
 * words), side by side for all of them, with OR for any. */
static void sqlite_fts_word(const char *word, size_t len, bool any, size_t first, struct buf *out)
{
    buf_printf(out, "%s\"%.*s\"", first == 0 ? "" : any ? " OR " : " ", (int)len, word);
}

const struct db_driver db_driver_sqlite = {
    .kind = DB_SQLITE,
    .begin_sql = "BEGIN IMMEDIATE",
    .begin_read_sql = "BEGIN DEFERRED",
    .open = sqlite_open,
    .close = sqlite_close,
    .prepare = sqlite_prepare,
    .bind_int = sqlite_bind_int,
    .bind_double = sqlite_bind_double,
    .bind_text = sqlite_bind_text,
    .bind_null = sqlite_bind_null,
    .step = sqlite_step,
    .col_int = sqlite_col_int,
    .col_double = sqlite_col_double,
    .col_text = sqlite_col_text,
    .col_is_null = sqlite_col_is_null,
    .col_count = sqlite_col_count,
    .done = sqlite_done,
    .reset = sqlite_reset,
    .changes = sqlite_changes,
    .exec = sqlite_exec,
    .data_version = sqlite_data_version,
    .tx_open = sqlite_tx_open,
    .has_table = sqlite_has_table,
    .fts_from = sqlite_fts_from,
    .fts_rank = sqlite_fts_rank,
    .fts_word = sqlite_fts_word,
    .errmsg = sqlite_errmsg,
    .errclass = sqlite_errclass,
};

/* ---- online backup (backup.c) ------------------------------------------ */

#define BACKUP_PAGES_PER_STEP 256 /* 1 MiB at the default page size */
#define BACKUP_BUSY_RETRIES 200
#define BACKUP_BUSY_SLEEP_MS 50

static bool in_wal_mode(sqlite3 *h)
{
    sqlite3_stmt *st = NULL;
    bool wal = false;
    if (sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        const char *mode = (const char *)sqlite3_column_text(st, 0);
        wal = mode && strcmp(mode, "wal") == 0;
    }
    sqlite3_finalize(st);
    return wal;
}

/* Copies src into dst a step at a time. A busy source (a writer holding the
 * lock outside WAL mode) is waited for, up to about ten seconds in a row. */
static int backup_steps(sqlite3 *dst, sqlite3 *src,
                        void (*progress)(void *ctx, int64_t done, int64_t total), void *ctx)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b)
        return sqlite3_extended_errcode(dst);
    int rc, busy = 0;
    do {
        rc = sqlite3_backup_step(b, BACKUP_PAGES_PER_STEP);
        if (progress) {
            int total = sqlite3_backup_pagecount(b);
            progress(ctx, total - sqlite3_backup_remaining(b), total);
        }
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            if (++busy > BACKUP_BUSY_RETRIES)
                break;
            sqlite3_sleep(BACKUP_BUSY_SLEEP_MS);
            rc = SQLITE_OK;
        } else {
            busy = 0;
        }
    } while (rc == SQLITE_OK);
    int finish = sqlite3_backup_finish(b);
    return rc == SQLITE_DONE ? finish : rc;
}

/* In WAL mode a read transaction on the source pins one snapshot for the
 * whole copy (readers do not block writers there), so the copy is consistent
 * and never restarts. Without WAL a read transaction would hold the writers
 * off for the whole copy, so there the steps run unpinned and SQLite starts
 * the copy over when another connection writes in between. */
const char *sqlite_backup_file(struct db *db, const char *path,
                               void (*progress)(void *ctx, int64_t done, int64_t total), void *ctx)
{
    sqlite3 *src = conn_of(db)->handle, *dst = NULL;
    int rc = sqlite3_open_v2(
        path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    bool pinned = false;
    if (rc == SQLITE_OK && sqlite3_get_autocommit(src) && in_wal_mode(src)) {
        rc = sqlite3_exec(src, "BEGIN; SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
        pinned = !sqlite3_get_autocommit(src); /* also when the SELECT failed */
    }
    if (rc == SQLITE_OK)
        rc = backup_steps(dst, src, progress, ctx);
    if (pinned)
        sqlite3_exec(src, "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    int closed = sqlite3_close(dst);
    if (rc == SQLITE_OK)
        rc = closed;
    return rc == SQLITE_OK ? NULL : sqlite3_errstr(rc);
}

const char *sqlite_file_name(struct db *db)
{
    const char *name = sqlite3_db_filename(conn_of(db)->handle, "main");
    return name ? name : "";
}
