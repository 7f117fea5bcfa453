/* Helpers shared by the unit tests of src/db (see db_testing.h). */
#include "db_testing.h"

#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buf.h"
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
