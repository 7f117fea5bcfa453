/* Tests of src/web/static.c: embedded files by exact name with their type
 * and cache header, and every other name refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/embed.h"
#include "web/web.h"
#include "web_testing.h"

static void test_serves_the_stylesheet_with_type_and_cache_header(void **state)
{
    struct req *r = web_testing_req("nl", "/static/style.css", "file", "style.css", false);
    assert_int_equal(web_static(r), ERR_OK);
    const struct embedded_file *css = embed_find("static/style.css");
    assert_non_null(css);
    assert_int_equal(r->resp.status, 200);
    assert_string_equal(r->resp.content_type, "text/css; charset=utf-8");
    assert_int_equal(r->resp.body.len, css->size);
    assert_memory_equal(r->resp.body.data, css->data, css->size);
    assert_string_equal(web_testing_header(r, "Cache-Control"), "public, max-age=86400");
    web_testing_free(r);
}

/* file is refused with ERR_NOT_FOUND and no body. */
static void check_refused(const char *file)
{
    struct req *r = web_testing_req("nl", "/static/x", "file", file, false);
    assert_int_equal(web_static(r), ERR_NOT_FOUND);
    assert_int_equal(r->resp.body.len, 0);
    assert_null(web_testing_header(r, "Cache-Control"));
    web_testing_free(r);
}

static void test_unknown_file_is_not_found(void **state)
{
    check_refused("nothing.css");
    check_refused("style.CSS");
    check_refused("");
}

static void test_paths_out_of_static_are_refused(void **state)
{
    check_refused("../locale/nl.po");
    check_refused("../static/style.css");
    check_refused("..");
    check_refused("sub/style.css");
    check_refused("/style.css");
    check_refused("..\\style.css");
    check_refused(".style.css");
}

static void test_embedded_files_outside_static_are_refused(void **state)
{
    /* These exist in the binary, but not under static/. */
    assert_non_null(embed_find("locale/nl.po"));
    check_refused("nl.po");
    check_refused("0001_areas.sql");
}

static void test_missing_input_is_not_found(void **state)
{
    struct req *r = web_testing_req("nl", "/static/", NULL, NULL, false);
    assert_int_equal(web_static(r), ERR_NOT_FOUND);
    web_testing_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_serves_the_stylesheet_with_type_and_cache_header),
        cmocka_unit_test(test_unknown_file_is_not_found),
        cmocka_unit_test(test_paths_out_of_static_are_refused),
        cmocka_unit_test(test_embedded_files_outside_static_are_refused),
        cmocka_unit_test(test_missing_input_is_not_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
