/* Helpers shared by the unit tests of src/db (see db_testing.h). */
#include "db_testing.h"

#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "db/db.h"

char *testing_tmpdir(void)
{
    char *dir = xstrdup("/tmp/wijk-db-test-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

void testing_rmdir(char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = testing_join(dir, e->d_name);
        unlink(path);
        free(path);
    }
    closedir(d);
    assert_int_equal(rmdir(dir), 0);
    free(dir);
}

char *testing_join(const char *dir, const char *name)
{
    struct buf b = BUF_INIT;
    buf_printf(&b, "%s/%s", dir, name);
    return buf_detach(&b, NULL);
}

bool testing_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

void testing_exec(struct db *db, const char *sql)
{
    struct fault f = {0};
    enum err e = db_exec_script(db, sql, &f);
    if (e != ERR_OK)
        fail_msg("%s: %s", sql, db_errmsg(db));
}

enum db_rc testing_run(struct db *db, const char *sql)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        fail_msg("prepare %s: %s", sql, db_errmsg(db));
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc;
}

static struct db_stmt *first_row(struct db *db, const char *sql)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        fail_msg("prepare %s: %s", sql, db_errmsg(db));
    if (db_step(st) != DB_ROW)
        fail_msg("no row from %s: %s", sql, db_errmsg(db));
    return st;
}

int64_t testing_int(struct db *db, const char *sql)
{
    struct db_stmt *st = first_row(db, sql);
    int64_t v = db_col_int(st, 0);
    db_done(st);
    return v;
}

char *testing_text(struct db *db, const char *sql)
{
    struct db_stmt *st = first_row(db, sql);
    const char *t = db_col_text(st, 0);
    char *copy = t ? xstrdup(t) : NULL;
    db_done(st);
    return copy;
}

bool testing_dies_with_abort(void (*fn)(void *), void *arg)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, STDERR_FILENO);
        signal(SIGABRT, SIG_DFL);
        fn(arg);
        _exit(0);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

int testing_file_db_setup(void **state)
{
    struct testing_file_db *fx = xcalloc(1, sizeof *fx);
    fx->dir = testing_tmpdir();
    fx->path = testing_join(fx->dir, "wijk.db");
    struct fault f = {0};
    fx->db = db_open(fx->path, &f);
    assert_non_null(fx->db);
    testing_exec(fx->db, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)");
    *state = fx;
    return 0;
}

int testing_file_db_teardown(void **state)
{
    struct testing_file_db *fx = *state;
    db_close(fx->db);
    free(fx->path);
    testing_rmdir(fx->dir);
    free(fx);
    return 0;
}

int testing_mem_db_setup(void **state)
{
    struct fault f = {0};
    struct db *db = db_open(":memory:", &f);
    assert_non_null(db);
    testing_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, n INTEGER,"
                     " x DOUBLE PRECISION, CHECK (n IS NULL OR n >= 0));"
                     "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                     "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id));"
                     "CREATE TABLE late (parent_id INTEGER REFERENCES parent (id)"
                     " DEFERRABLE INITIALLY DEFERRED);"
                     "INSERT INTO t (id, name) VALUES (1, 'een'), (2, 'twee'), (3, 'drie');");
    *state = db;
    return 0;
}

int testing_mem_db_teardown(void **state)
{
    db_close(*state);
    return 0;
}

int testing_silence_log(void **state)
{
    (void)state;
    FILE *null = fopen("/dev/null", "w");
    assert_non_null(null);
    log_set_stream(null);
    return 0;
}
