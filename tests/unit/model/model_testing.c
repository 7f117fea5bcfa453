/* Helpers for the model tests; see model_testing.h. */
#include "model_testing.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "db/db.h"
#include "db/migrate.h"

extern const char model_test_source_root[];

struct db *mt_open_db(void)
{
    struct fault f = {0};
    log_set_level(LOG_WARN); /* migrations log a line each at info */
    struct db *db = db_open(":memory:", &f);
    assert_non_null(db);
    assert_int_equal(migrate_up(db, NULL, &f), ERR_OK);
    return db;
}

static char *join(const char *a, const char *b)
{
    struct buf out = BUF_INIT;
    buf_printf(&out, "%s/%s", a, b);
    return buf_detach(&out, NULL);
}

char *mt_source_path(const char *rel)
{
    return join(model_test_source_root, rel);
}

char *mt_shared_path(const char *rel)
{
    const char *env = getenv("WIJKREGIE_SHARED_DATA");
    char *dir = env && *env ? xstrdup(env) : join(model_test_source_root, "../shared/data");
    char *path = join(dir, rel);
    free(dir);
    if (access(path, R_OK) != 0)
        fail_msg("shared test data %s is missing (set WIJKREGIE_SHARED_DATA)", path);
    return path;
}

char *mt_write_temp(const char *name, const char *data, size_t len)
{
    char tmpl[] = "/tmp/wijk-model-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    char *path = join(tmpl, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    if (len == 0)
        len = strlen(data);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
    return path;
}

void mt_remove(char *path)
{
    if (!path)
        return;
    unlink(path);
    char *slash = strrchr(path, '/');
    if (slash) {
        *slash = '\0';
        rmdir(path);
    }
    free(path);
}

void mt_exec(struct db *db, const char *sql)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        fail_msg("cannot prepare %s: %s", sql, db_errmsg(db));
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc != DB_DONE)
        fail_msg("%s failed: %s", sql, db_errmsg(db));
}

static struct db_stmt *first_row(struct db *db, const char *sql)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        fail_msg("cannot prepare %s: %s", sql, db_errmsg(db));
    if (db_step(st) != DB_ROW)
        fail_msg("no row from %s: %s", sql, db_errmsg(db));
    return st;
}

int64_t mt_int(struct db *db, const char *sql)
{
    struct db_stmt *st = first_row(db, sql);
    int64_t v = db_col_int(st, 0);
    db_done(st);
    return v;
}

char *mt_text(struct db *db, const char *sql)
{
    struct db_stmt *st = first_row(db, sql);
    const char *t = db_col_text(st, 0);
    char *copy = t ? xstrdup(t) : NULL;
    db_done(st);
    return copy;
}

int mt_is_null(struct db *db, const char *sql)
{
    struct db_stmt *st = first_row(db, sql);
    int null = db_col_is_null(st, 0);
    db_done(st);
    return null;
}

char *mt_dump(struct db *db, const char *sql)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        fail_msg("cannot prepare %s: %s", sql, db_errmsg(db));
    struct buf out = BUF_INIT;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        for (int i = 0; i < db_col_count(st); i++) {
            const char *t = db_col_text(st, i);
            buf_printf(&out, "%s%s", i ? "|" : "", t ? t : "NULL");
        }
        buf_putc(&out, '\n');
    }
    db_done(st);
    assert_int_equal(rc, DB_DONE);
    return buf_detach(&out, NULL);
}
