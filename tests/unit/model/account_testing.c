/* Helpers for the account tests; see account_testing.h. */
#include "account_testing.h"

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "../db/pg_testing.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/password.h"
#include "model/person.h"

const char at_password[] = "correct horse battery staple 7";

/* The group's state: which database, and on PostgreSQL where. */
struct at_group {
    bool postgres;
    const char *base_url; /* the server; NULL: skip */
    char *template_url;   /* the migrated template database */
    char *template_name;
    struct db *admin; /* on base_url: CREATE / DROP DATABASE */
    int serial;
};

struct at_state {
    struct at_group *g;
    struct at_fx fx;
};

static struct db *open_migrated(const char *url)
{
    struct fault f = {0};
    struct db *db = db_open(url, &f);
    if (!db)
        fail_msg("cannot open %s", url);
    if (migrate_up(db, NULL, &f) != ERR_OK)
        fail_msg("migrating %s failed: %s", url, db_errmsg(db));
    return db;
}

static int group_sqlite(void **state)
{
    *state = calloc(1, sizeof(struct at_group));
    return 0;
}

/* The database name at the end of a URL made by pg_testing_create_db. */
static char *db_name(const char *url)
{
    const char *slash = strrchr(url, '/');
    return strndup(slash + 1, strcspn(slash + 1, "?#"));
}

static int group_pg(void **state)
{
    struct at_group *g = calloc(1, sizeof *g);
    g->postgres = true;
    g->base_url = pg_testing_url();
    *state = g;
    if (!g->base_url)
        return 0;
    g->template_url = pg_testing_create_db(g->base_url, "wijk_acc_tpl");
    if (!g->template_url)
        return -1;
    g->template_name = db_name(g->template_url);
    db_close(open_migrated(g->template_url));
    struct fault f = {0};
    g->admin = db_open(g->base_url, &f);
    return g->admin ? 0 : -1;
}

static int group_teardown(void **state)
{
    struct at_group *g = *state;
    if (g->admin)
        db_close(g->admin);
    if (g->template_url)
        pg_testing_drop_db(g->base_url, g->template_url);
    free(g->template_name);
    free(g);
    return 0;
}

static void admin_exec(struct at_group *g, const char *sql)
{
    struct fault f = {0};
    if (db_exec_script(g->admin, sql, &f) != ERR_OK)
        fail_msg("%s: %s", sql, db_errmsg(g->admin));
}

/* A copy of the template for one test; its URL, malloc'ed. */
static char *pg_copy(struct at_group *g)
{
    struct buf name = BUF_INIT, sql = BUF_INIT;
    buf_printf(&name, "wijk_acc_%ld_%d", (long)getpid(), ++g->serial);
    buf_printf(&sql, "CREATE DATABASE %s TEMPLATE %s", buf_cstr(&name), g->template_name);
    admin_exec(g, buf_cstr(&sql));
    char *url = pg_testing_url_for(g->base_url, buf_cstr(&name));
    buf_free(&name);
    buf_free(&sql);
    return url;
}

int at_setup(void **state)
{
    struct at_state *s = calloc(1, sizeof *s);
    s->g = *state;
    s->fx.a = arena_new();
    if (!s->g->postgres) {
        s->fx.db = open_migrated(":memory:");
    } else if (s->g->base_url) {
        s->fx.url = pg_copy(s->g);
        struct fault f = {0};
        s->fx.db = db_open(s->fx.url, &f);
    }
    *state = s;
    return 0;
}

int at_teardown(void **state)
{
    struct at_state *s = *state;
    if (s->fx.db)
        db_close(s->fx.db);
    if (s->fx.url)
        pg_testing_drop_db(s->g->base_url, s->fx.url);
    arena_free(s->fx.a);
    *state = s->g;
    free(s);
    return 0;
}

struct at_fx *at_fx(void **state)
{
    struct at_state *s = *state;
    if (s->g->postgres && !s->g->base_url)
        skip();
    assert_non_null(s->fx.db);
    return &s->fx;
}

int at_run(const struct CMUnitTest *tests, size_t n)
{
    setenv("WIJKREGIE_FAST_HASH", "1", 1);
    log_set_level(LOG_ERROR); /* the fast-hash warning and migration lines */
    password_init();
    int failed = _cmocka_run_group_tests("sqlite", tests, n, group_sqlite, group_teardown);
    failed += _cmocka_run_group_tests("postgresql", tests, n, group_pg, group_teardown);
    return failed;
}

struct actor at_actor(int64_t person_id, int64_t now)
{
    return (struct actor){person_id, NULL, "test-req", now};
}

int64_t at_person(struct at_fx *fx, const char *email, const char *name)
{
    struct person_signup in = {.email = email, .display_name = name, .password = at_password};
    struct actor act = at_actor(0, AT_NOW);
    struct fault f = {0};
    int64_t id = 0;
    enum err e = person_signup(fx->db, fx->a, &in, &act, &id, &f);
    if (e != ERR_OK)
        fail_msg("sign-up of %s failed: %s", email, f.msgid ? f.msgid : "?");
    assert_true(id > 0);
    return id;
}

bool at_dies_with_abort(void (*fn)(void *), void *arg)
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, 2);
        signal(SIGABRT, SIG_DFL);
        fn(arg);
        _exit(0);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

int64_t at_count(struct db *db, const char *sql)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        fail_msg("cannot prepare %s: %s", sql, db_errmsg(db));
    if (db_step(st) != DB_ROW)
        fail_msg("no row from %s: %s", sql, db_errmsg(db));
    int64_t n = db_col_int(st, 0);
    db_done(st);
    return n;
}
