/* Helpers shared by the web handler tests (see web_testing.h). */
#include "web_testing.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/demo.h"
#include "render/i18n.h"

struct web_testing {
    struct req r;
    struct app app;
    struct kv input;
};

static struct db *demo_db(void)
{
    struct fault f = {0};
    log_set_level(LOG_ERROR);
    struct db *db = db_open("sqlite::memory:", &f);
    assert_non_null(db);
    assert_int_equal(migrate_up(db, NULL, &f), ERR_OK);
    assert_int_equal(demo_create(db, NULL, &f), ERR_OK);
    return db;
}

struct req *web_testing_req(const char *lang, const char *path, const char *name, const char *value,
                            bool with_db)
{
    struct web_testing *t = calloc(1, sizeof *t);
    assert_non_null(t);
    struct fault f = {0};
    t->app.catalog = catalog_load(&f);
    assert_non_null(t->app.catalog);
    t->r.app = &t->app;
    t->r.arena = arena_new();
    t->r.method = HTTP_GET;
    t->r.lang = lang;
    t->r.path = path;
    t->r.resp.status = 200;
    if (name) {
        t->input = (struct kv){name, value};
        t->r.in = (struct kvlist){&t->input, 1};
    }
    if (with_db)
        t->r.db = demo_db();
    return &t->r;
}

void web_testing_free(struct req *r)
{
    struct web_testing *t = (struct web_testing *)((char *)r - offsetof(struct web_testing, r));
    if (r->db)
        db_close(r->db);
    buf_free(&r->resp.body);
    arena_free(r->arena);
    catalog_free((struct catalog *)t->app.catalog);
    free(t);
}

const char *web_testing_body(const struct req *r)
{
    return buf_cstr(&r->resp.body);
}

const char *web_testing_header(const struct req *r, const char *name)
{
    for (size_t i = 0; i < r->resp.headers.n; i++) {
        if (strcmp(r->resp.headers.items[i].key, name) == 0)
            return r->resp.headers.items[i].value;
    }
    return NULL;
}

void web_testing_contains(const char *page, const char *needle)
{
    if (strstr(page, needle))
        return;
    print_error("expected this in the page: %s\n", needle);
    print_error("the page:\n%s\n", page);
    fail();
}

void web_testing_lacks(const char *page, const char *needle)
{
    if (!strstr(page, needle))
        return;
    print_error("did not expect this in the page: %s\n", needle);
    print_error("the page:\n%s\n", page);
    fail();
}
