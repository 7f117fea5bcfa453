/* Tests of src/render/req.c: validated inputs by name, response headers and
 * translation into the request's language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "render/req.h"
#include "render_testing.h"

static void test_req_in_finds_a_field_by_name(void **state)
{
    struct req *r = testing_req_new("nl", "/");
    struct kv items[] = {{"code", "GM0363"}, {"limit", "20"}};
    r->in = (struct kvlist){items, 2};
    assert_string_equal(req_in(r, "code"), "GM0363");
    assert_string_equal(req_in(r, "limit"), "20");
    assert_null(req_in(r, "Code"));
    assert_null(req_in(r, "missing"));
    testing_req_free(r);
}

static void test_req_in_int_parses_or_gives_the_default(void **state)
{
    struct req *r = testing_req_new("nl", "/");
    struct kv items[] = {{"a", "-42"}, {"b", "12x"}, {"c", ""}, {"d", "99999999999999999999"}};
    r->in = (struct kvlist){items, 4};
    assert_int_equal(req_in_int(r, "a", 7), -42);
    assert_int_equal(req_in_int(r, "b", 7), 7);
    assert_int_equal(req_in_int(r, "c", 7), 7);
    assert_int_equal(req_in_int(r, "d", 7), 7);
    assert_int_equal(req_in_int(r, "missing", 7), 7);
    testing_req_free(r);
}

static void test_req_header_appends_copies(void **state)
{
    struct req *r = testing_req_new("nl", "/");
    char value[] = "/areas/GM0363";
    req_header(r, "Location", value);
    req_header(r, "Cache-Control", "no-store");
    value[0] = 'X';
    assert_int_equal(r->resp.headers.n, 2);
    assert_string_equal(r->resp.headers.items[0].key, "Location");
    assert_string_equal(r->resp.headers.items[0].value, "/areas/GM0363");
    assert_string_equal(r->resp.headers.items[1].key, "Cache-Control");
    testing_req_free(r);
}

static void test_req_tr_translates_into_the_request_language(void **state)
{
    struct req *nl = testing_req_new("nl", "/");
    struct req *en = testing_req_new("en", "/");
    assert_string_equal(T(nl, "Households"), "Huishoudens");
    assert_string_equal(T(en, "Households"), "Households");
    assert_string_equal(T(nl, "no such message"), "no such message");
    testing_req_free(nl);
    testing_req_free(en);
}

static void test_req_tr_without_catalog_gives_the_msgid(void **state)
{
    struct req r = {0};
    assert_string_equal(req_tr(&r, "Households"), "Households");
}

static void test_req_fail_fills_the_fault(void **state)
{
    struct req *r = testing_req_new("nl", "/");
    assert_int_equal(req_fail(r, ERR_NOT_FOUND, "code", "Unknown area code %s.", "GM1"),
                     ERR_NOT_FOUND);
    assert_int_equal(r->fault.code, ERR_NOT_FOUND);
    assert_string_equal(r->fault.field, "code");
    assert_string_equal(r->fault.args[0], "GM1");
    testing_req_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_req_in_finds_a_field_by_name),
        cmocka_unit_test(test_req_in_int_parses_or_gives_the_default),
        cmocka_unit_test(test_req_header_appends_copies),
        cmocka_unit_test(test_req_tr_translates_into_the_request_language),
        cmocka_unit_test(test_req_tr_without_catalog_gives_the_msgid),
        cmocka_unit_test(test_req_fail_fills_the_fault),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
