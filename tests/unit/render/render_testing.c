/* Helpers shared by the render unit tests (see render_testing.h). */
#include "render_testing.h"

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/arena.h"
#include "render/i18n.h"

/* The request and the app it points to, allocated together. */
struct testing_req {
    struct req r;
    struct app app;
};

struct req *testing_req_new(const char *lang, const char *path)
{
    struct testing_req *t = calloc(1, sizeof *t);
    assert_non_null(t);
    struct fault f = {0};
    t->app.catalog = catalog_load(&f);
    assert_non_null(t->app.catalog);
    t->r.app = &t->app;
    t->r.arena = arena_new();
    t->r.lang = lang;
    t->r.path = path;
    t->r.resp.status = 200;
    return &t->r;
}

void testing_req_free(struct req *r)
{
    struct testing_req *t = (struct testing_req *)((char *)r - offsetof(struct testing_req, r));
    buf_free(&r->resp.body);
    arena_free(r->arena);
    catalog_free((struct catalog *)t->app.catalog);
    free(t);
}

const char *testing_body(const struct req *r)
{
    return buf_cstr(&r->resp.body);
}

bool testing_dies_with_abort(void (*fn)(void *), void *arg)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGABRT, SIG_DFL);
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0)
            dup2(devnull, STDERR_FILENO);
        fn(arg);
        _exit(0);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}
