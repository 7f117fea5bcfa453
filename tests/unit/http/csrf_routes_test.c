/* The route table's promise about CSRF: every route that accepts a
 * state-changing method (POST, PUT, PATCH, DELETE) carries ROUTE_NEED_CSRF,
 * so the dispatcher checks its token and Origin. The walk covers the real
 * table (http/routes.c), so a route added later without the flag fails here
 * with its name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "http/route.h"

#define WRITE_METHODS (HTTP_POST | HTTP_PUT | HTTP_PATCH | HTTP_DELETE)

/* "POST /x, DELETE /y" for the state-changing routes of table without the
 * flag; empty when there are none. The caller frees the buffer. */
static void offenders(const struct route *table, struct buf *out)
{
    for (const struct route *rt = table; rt->pattern; rt++) {
        if (!(rt->methods & WRITE_METHODS) || (rt->flags & ROUTE_NEED_CSRF))
            continue;
        buf_printf(out, "%s%s %s", out->len ? ", " : "",
                   route_method_name(rt->methods & WRITE_METHODS), rt->pattern);
    }
}

static void test_every_state_changing_route_needs_csrf(void **state)
{
    struct buf b = BUF_INIT;
    offenders(routes, &b);
    if (b.len)
        fail_msg("state-changing routes without ROUTE_NEED_CSRF: %s", buf_cstr(&b));
    buf_free(&b);
}

static void test_route_table_has_state_changing_routes(void **state)
{
    /* Without any, the walk above would prove nothing. */
    int writes = 0;
    for (const struct route *rt = routes; rt->pattern; rt++)
        writes += (rt->methods & WRITE_METHODS) != 0;
    assert_true(writes >= 8);
}

static enum err nothing(struct req *r)
{
    return ERR_OK;
}

static void test_walk_names_a_route_without_csrf(void **state)
{
    /* The walk itself can fail: a table with one unprotected write. */
    static const struct route table[] = {
        {HTTP_GET, "/read", nothing, 0, NULL, 0, ACTION_UNKNOWN},
        {HTTP_POST, "/safe", nothing, ROUTE_NEED_CSRF, NULL, 0, ACTION_UNKNOWN},
        {HTTP_DELETE, "/unsafe", nothing, ROUTE_JSON, NULL, 0, ACTION_UNKNOWN},
        {0},
    };
    struct buf b = BUF_INIT;
    offenders(table, &b);
    assert_string_equal(buf_cstr(&b), "DELETE /unsafe");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_state_changing_route_needs_csrf),
        cmocka_unit_test(test_route_table_has_state_changing_routes),
        cmocka_unit_test(test_walk_names_a_route_without_csrf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
