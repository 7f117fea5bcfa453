/* Tests for http/route.c: matching segments and {name} parameters,
 * percent-decoding and UTF-8 checks of parameters, 404 versus 405 with the
 * allowed methods, strict trailing slashes, the Allow texts; and the real
 * table of http/routes.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "http/route.h"

static enum err handler_a(struct req *r)
{
    return ERR_OK;
}

static enum err handler_b(struct req *r)
{
    return ERR_OK;
}

static const struct route table[] = {
    {HTTP_GET | HTTP_HEAD, "/", handler_a, 0, NULL, 0, ACTION_UNKNOWN},
    {HTTP_GET, "/things", handler_a, 0, NULL, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/things", handler_b, 0, NULL, 0, ACTION_UNKNOWN},
    {HTTP_GET, "/things/{id}", handler_a, 0, NULL, 0, ACTION_UNKNOWN},
    {HTTP_PUT | HTTP_DELETE, "/things/{id}/parts/{part}", handler_b, 0, NULL, 0, ACTION_UNKNOWN},
    {0},
};

struct fixture {
    struct arena *a;
    struct kvlist params;
    unsigned allowed;
};

static int setup(void **state)
{
    struct fixture *f = test_calloc(1, sizeof *f);
    f->a = arena_new();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    arena_free(f->a);
    test_free(f);
    return 0;
}

static const struct route *match(struct fixture *f, const char *path, unsigned method)
{
    f->allowed = 12345;
    return route_match(table, path, method, f->a, &f->params, &f->allowed);
}

static void test_route_root_matches(void **state)
{
    struct fixture *f = *state;
    assert_ptr_equal(match(f, "/", HTTP_GET), &table[0]);
    assert_int_equal(f->params.n, 0);
}

static void test_route_literal_picks_route_by_method(void **state)
{
    struct fixture *f = *state;
    assert_ptr_equal(match(f, "/things", HTTP_GET), &table[1]);
    assert_ptr_equal(match(f, "/things", HTTP_POST), &table[2]);
}

static void test_route_param_is_captured(void **state)
{
    struct fixture *f = *state;
    assert_ptr_equal(match(f, "/things/42", HTTP_GET), &table[3]);
    assert_int_equal(f->params.n, 1);
    assert_string_equal(f->params.items[0].key, "id");
    assert_string_equal(f->params.items[0].value, "42");
}

static void test_route_two_params_in_order(void **state)
{
    struct fixture *f = *state;
    assert_ptr_equal(match(f, "/things/7/parts/wheel", HTTP_DELETE), &table[4]);
    assert_int_equal(f->params.n, 2);
    assert_string_equal(f->params.items[0].key, "id");
    assert_string_equal(f->params.items[0].value, "7");
    assert_string_equal(f->params.items[1].key, "part");
    assert_string_equal(f->params.items[1].value, "wheel");
}

static void test_route_param_is_percent_decoded(void **state)
{
    struct fixture *f = *state;
    assert_ptr_equal(match(f, "/things/caf%C3%A9%20au%2Flait+x", HTTP_GET), &table[3]);
    /* '+' is only a space in query strings, not in paths. */
    assert_string_equal(f->params.items[0].value, "caf\xc3\xa9 au/lait+x");
}

static void test_route_param_with_invalid_utf8_does_not_match(void **state)
{
    struct fixture *f = *state;
    assert_null(match(f, "/things/%C0%AF", HTTP_GET)); /* overlong '/' */
    assert_int_equal(f->allowed, 0);
    assert_null(match(f, "/things/\xff", HTTP_GET));
    assert_null(match(f, "/things/a%00b", HTTP_GET));
    assert_int_equal(f->allowed, 0);
}

static void test_route_param_with_bad_escape_does_not_match(void **state)
{
    struct fixture *f = *state;
    assert_null(match(f, "/things/%zz", HTTP_GET));
    assert_null(match(f, "/things/ab%2", HTTP_GET));
    assert_int_equal(f->allowed, 0);
}

static void test_route_unknown_path_is_404(void **state)
{
    struct fixture *f = *state;
    assert_null(match(f, "/nothing", HTTP_GET));
    assert_int_equal(f->allowed, 0);
    assert_int_equal(f->params.n, 0);
}

static void test_route_wrong_method_gives_allowed_set(void **state)
{
    struct fixture *f = *state;
    assert_null(match(f, "/things", HTTP_DELETE));
    assert_int_equal(f->allowed, HTTP_GET | HTTP_POST);
    assert_null(match(f, "/things/1/parts/2", HTTP_GET));
    assert_int_equal(f->allowed, HTTP_PUT | HTTP_DELETE);
}

static void test_route_unknown_method_gives_allowed_set(void **state)
{
    struct fixture *f = *state;
    assert_null(match(f, "/", 0));
    assert_int_equal(f->allowed, HTTP_GET | HTTP_HEAD);
}

static void test_route_trailing_slash_is_a_different_path(void **state)
{
    struct fixture *f = *state;
    assert_null(match(f, "/things/", HTTP_GET)); /* an empty {id} does not match */
    assert_int_equal(f->allowed, 0);
    assert_null(match(f, "/things/42/", HTTP_GET));
    assert_null(match(f, "//", HTTP_GET));
    assert_null(match(f, "", HTTP_GET));
    assert_null(match(f, "things", HTTP_GET));
}

static void test_route_literal_segments_are_not_decoded(void **state)
{
    struct fixture *f = *state;
    assert_null(match(f, "/thing%73", HTTP_GET));
    assert_null(match(f, "/Things", HTTP_GET));
}

static void test_route_null_outputs_are_allowed(void **state)
{
    struct fixture *f = *state;
    assert_ptr_equal(route_match(table, "/things/1", HTTP_GET, f->a, NULL, NULL), &table[3]);
    assert_null(route_match(table, "/things/1", HTTP_POST, f->a, NULL, NULL));
}

static void test_route_method_names(void **state)
{
    assert_string_equal(route_method_name(HTTP_GET), "GET");
    assert_string_equal(route_method_name(HTTP_HEAD), "HEAD");
    assert_string_equal(route_method_name(HTTP_POST), "POST");
    assert_string_equal(route_method_name(HTTP_PUT), "PUT");
    assert_string_equal(route_method_name(HTTP_PATCH), "PATCH");
    assert_string_equal(route_method_name(HTTP_DELETE), "DELETE");
    assert_string_equal(route_method_name(HTTP_GET | HTTP_HEAD), "GET, HEAD");
    assert_string_equal(route_method_name(HTTP_DELETE | HTTP_POST | HTTP_GET), "GET, POST, DELETE");
    assert_string_equal(route_method_name(0), "");
}

/* The real table of http/routes.c. */

static void test_routes_real_table_serves_the_pages(void **state)
{
    struct fixture *f = *state;
    struct kvlist p;
    const struct route *rt = route_match(routes, "/", HTTP_GET, f->a, &p, NULL);
    assert_non_null(rt);
    assert_string_equal(rt->pattern, "/");
    rt = route_match(routes, "/api/v1/areas/GM0363", HTTP_HEAD, f->a, &p, NULL);
    assert_non_null(rt);
    assert_string_equal(rt->pattern, "/api/v1/areas/{code}");
    assert_true(rt->flags & ROUTE_JSON);
    assert_string_equal(p.items[0].value, "GM0363");
    rt = route_match(routes, "/static/style.css", HTTP_GET, f->a, &p, NULL);
    assert_non_null(rt);
    assert_true(rt->flags & ROUTE_NO_DB);
}

static void test_routes_real_table_is_strict_about_slashes(void **state)
{
    struct fixture *f = *state;
    unsigned allowed = 99;
    assert_null(route_match(routes, "/areas/", HTTP_GET, f->a, NULL, &allowed));
    assert_int_equal(allowed, 0);
    assert_null(route_match(routes, "/api/v1/areas/", HTTP_GET, f->a, NULL, &allowed));
    assert_null(route_match(routes, "/healthz/", HTTP_GET, f->a, NULL, &allowed));
    assert_null(route_match(routes, "/healthz", HTTP_POST, f->a, NULL, &allowed));
    assert_int_equal(allowed, HTTP_GET | HTTP_HEAD);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_route_root_matches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_route_literal_picks_route_by_method, setup, teardown),
        cmocka_unit_test_setup_teardown(test_route_param_is_captured, setup, teardown),
        cmocka_unit_test_setup_teardown(test_route_two_params_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_route_param_is_percent_decoded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_route_param_with_invalid_utf8_does_not_match, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_route_param_with_bad_escape_does_not_match, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_route_unknown_path_is_404, setup, teardown),
        cmocka_unit_test_setup_teardown(test_route_wrong_method_gives_allowed_set, setup, teardown),
        cmocka_unit_test_setup_teardown(test_route_unknown_method_gives_allowed_set, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_route_trailing_slash_is_a_different_path, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_route_literal_segments_are_not_decoded, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_route_null_outputs_are_allowed, setup, teardown),
        cmocka_unit_test(test_route_method_names),
        cmocka_unit_test_setup_teardown(test_routes_real_table_serves_the_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_routes_real_table_is_strict_about_slashes, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
