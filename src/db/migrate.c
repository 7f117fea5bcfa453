/* Schema migrations: the numbered SQL files built into the binary
 * (sql/sqlite/NNNN_name.sql, sql/postgres/NNNN_name.sql), applied in order,
 * each in its own transaction together with its row in schema_migration, so
 * that a migration is either wholly applied and recorded or not at all.
 *
 * Two `wijkregie migrate` runs at once (two deployments starting together)
 * take turns: each transaction first takes the driver's migration lock (a
 * transaction-scoped advisory lock on PostgreSQL, whose READ COMMITTED
 * transactions would otherwise run side by side; SQLite's BEGIN IMMEDIATE is
 * such a lock already), and only then checks whether the other run has
 * recorded the version meanwhile, so nothing is applied twice and neither run
 * fails. Creating schema_migration itself takes the same lock. A badly named
 * or duplicated file is a shipping bug and aborts. */
#include "db/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/embed.h"
#include "core/log.h"
#include "core/mem.h"
#include "db/db.h"
#include "db/driver.h"

struct migration {
    int version;
    const char *path; /* "sql/sqlite/0001_areas.sql" */
    const char *base; /* "0001_areas.sql", stored as the name */
    const char *sql;
};

static const char *const migration_dirs[] = {
    [DB_SQLITE] = "sql/sqlite/",
    [DB_POSTGRES] = "sql/postgres/",
};

static _Noreturn void bad_file(const char *path, const char *why)
{
    fprintf(stderr, "migrate: %s: %s (a shipping bug)\n", path, why);
    abort();
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The version of "NNNN_name.sql": four digits, not all zero, and a name. */
static int parse_version(const char *path, const char *base)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        if (base[i] < '0' || base[i] > '9')
            bad_file(path, "the name does not start with a four-digit version");
        v = v * 10 + (base[i] - '0');
    }
    if (base[4] != '_' || strlen(base) <= strlen("0000_.sql"))
        bad_file(path, "the name is not NNNN_name.sql");
    if (v == 0)
        bad_file(path, "version 0000 is reserved for an empty database");
    return v;
}

/* The migrations for kind among files, in version order, into a malloc'ed
 * array (caller frees); returns their number. Only *.sql files directly in
 * the driver's directory count. */
static size_t collect(enum db_kind kind, const struct embedded_file *files, struct migration **out)
{
    const char *dir = migration_dirs[kind];
    size_t dirlen = strlen(dir), n = 0, cap = 0;
    struct migration *m = NULL;
    for (const struct embedded_file *e = files; e->path; e++) {
        const char *base = e->path + dirlen;
        if (strncmp(e->path, dir, dirlen) != 0 || strchr(base, '/') || !has_suffix(base, ".sql"))
            continue;
        int v = parse_version(e->path, base);
        if (n > 0 && v <= m[n - 1].version)
            bad_file(e->path, "its version repeats or precedes an earlier file's");
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            m = xrealloc(m, cap * sizeof *m);
        }
        m[n++] = (struct migration){v, e->path, base, (const char *)e->data};
    }
    *out = m;
    return n;
}

int migrate_latest_files(enum db_kind kind, const struct embedded_file *files)
{
    struct migration *m;
    size_t n = collect(kind, files, &m);
    int latest = n ? m[n - 1].version : 0;
    free(m);
    return latest;
}

int migrate_latest(const struct db *db)
{
    return migrate_latest_files(db_kind(db), embedded_files);
}

int migrate_version(struct db *db)
{
    int has = db_has_table(db, "schema_migration");
    if (has <= 0)
        return has;
    struct db_stmt *st = db_prepare(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migration");
    if (!st)
        return -1;
    int v = db_step(st) == DB_ROW ? (int)db_col_int(st, 0) : -1;
    db_done(st);
    return v;
}

/* Logs the driver's error and fills f naming the migration's file. */
static enum err failed(struct db *db, const struct migration *m, struct fault *f)
{
    const char *msg = db_keep_errmsg(db);
    log_event(LOG_ERROR, NULL, "migration_failed", "file", m->path, "message", msg, NULL);
    return fault_set(f, ERR_INTERNAL, NULL, "Migration %s failed: %s", m->path, msg, NULL);
}

/* 1 when version is recorded, 0 when not, -1 on error. */
static int is_applied(struct db *db, int version)
{
    struct db_stmt *st = db_prepare(db, "SELECT 1 FROM schema_migration WHERE version = ?");
    if (!st)
        return -1;
    db_bind_int(st, 1, version);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

static bool record(struct db *db, const struct migration *m)
{
    struct db_stmt *st =
        db_prepare(db, "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)");
    if (!st)
        return false;
    db_bind_int(st, 1, m->version);
    db_bind_text(st, 2, m->base);
    db_bind_int(st, 3, clock_now());
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_DONE;
}

/* Opens a write transaction holding the driver's migration lock, which the
 * transaction's COMMIT or ROLLBACK releases. */
static enum err begin_locked(struct db *db, struct fault *f)
{
    enum err e = db_begin(db, f);
    if (e != ERR_OK || !db->drv->migrate_lock_sql)
        return e;
    if (db->drv->exec(db, db->drv->migrate_lock_sql))
        return ERR_OK;
    e = db_fault(db, f);
    db_rollback(db);
    return e;
}

/* Applies m unless it is recorded already; *done tells which. The check
 * comes after the lock, so it sees what a run that held the lock before us
 * committed. */
static enum err apply_one(struct db *db, const struct migration *m, bool *done, struct fault *f)
{
    *done = false;
    enum err e = begin_locked(db, f);
    if (e != ERR_OK)
        return e;
    int seen = is_applied(db, m->version);
    if (seen == 1) {
        db_rollback(db);
        return ERR_OK;
    }
    if (seen < 0 || !db->drv->exec(db, m->sql) || !record(db, m)) {
        e = failed(db, m, f);
        db_rollback(db);
        return e;
    }
    if (db_commit(db, NULL) != ERR_OK)
        return failed(db, m, f);
    log_event(LOG_INFO, NULL, "migration_applied", "file", m->path, NULL);
    *done = true;
    return ERR_OK;
}

static const char schema_table_sql[] = "CREATE TABLE IF NOT EXISTS schema_migration ("
                                       " version INTEGER PRIMARY KEY,"
                                       " name TEXT NOT NULL,"
                                       " applied_at BIGINT NOT NULL)";

/* Creates schema_migration unless it exists, under the migration lock:
 * PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a second
 * session creating the same table at the same moment. */
static enum err create_schema_table(struct db *db, struct fault *f)
{
    enum err e = begin_locked(db, f);
    if (e != ERR_OK)
        return e;
    if (db->drv->exec(db, schema_table_sql) && db_commit(db, NULL) == ERR_OK)
        return ERR_OK;
    const char *msg = db_keep_errmsg(db);
    db_rollback(db);
    log_event(LOG_ERROR, NULL, "migration_failed", "message", msg, NULL);
    return fault_set(f, ERR_INTERNAL, NULL, "The schema_migration table cannot be created: %s", msg,
                     NULL);
}

enum err migrate_up_files(struct db *db, const struct embedded_file *files, int *applied,
                          struct fault *f)
{
    struct migration *m;
    size_t n = collect(db_kind(db), files, &m);
    int count = 0;
    enum err e = create_schema_table(db, f);
    for (size_t i = 0; i < n && e == ERR_OK; i++) {
        bool done;
        e = apply_one(db, &m[i], &done, f);
        count += done;
    }
    free(m);
    if (applied)
        *applied = count;
    return e;
}

enum err migrate_up(struct db *db, int *applied, struct fault *f)
{
    return migrate_up_files(db, embedded_files, applied, f);
}
