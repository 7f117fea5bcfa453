/* Tests of src/render/json.c: replies and the error body, whose message is
 * the fault's message id translated and then filled with its args. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "render/json.h"
#include "render/req.h"
#include "render_testing.h"

static void test_json_reply_writes_body_status_and_type(void **state)
{
    struct req *r = testing_req_new("nl", "/api/v1/x");
    json_t *v = json_pack("{s:s, s:i}", "name", "Café \"<x>\"", "n", 3);
    assert_int_equal(json_reply(r, 201, v), ERR_OK);
    assert_int_equal(r->resp.status, 201);
    assert_string_equal(r->resp.content_type, "application/json; charset=utf-8");
    assert_string_equal(testing_body(r), "{\"name\":\"Café \\\"\\u003cx\\u003e\\\"\",\"n\":3}");
    testing_req_free(r);
}

/* No raw <, > or & in a JSON answer: a marker such as <x-m1> or </script>
 * cannot start a tag in a page that embeds it or a browser that sniffs. */
static void test_json_reply_escapes_angle_brackets_and_ampersands(void **state)
{
    struct req *r = testing_req_new("nl", "/api/v1/x");
    json_reply(r, 200, json_pack("{s:s}", "a&b", "</script><x-m1>"));
    assert_string_equal(testing_body(r),
                        "{\"a\\u0026b\":\"\\u003c/script\\u003e\\u003cx-m1\\u003e\"}");
    json_t *back = json_loads(testing_body(r), 0, NULL);
    assert_string_equal(json_string_value(json_object_get(back, "a&b")), "</script><x-m1>");
    json_decref(back);
    testing_req_free(r);
}

static void test_json_reply_replaces_an_earlier_body(void **state)
{
    struct req *r = testing_req_new("nl", "/");
    buf_puts(&r->resp.body, "partial");
    json_reply(r, 200, json_array());
    assert_string_equal(testing_body(r), "[]");
    testing_req_free(r);
}

static void test_json_reply_null_value_writes_null(void **state)
{
    struct req *r = testing_req_new("nl", "/");
    json_reply(r, 200, NULL);
    assert_string_equal(testing_body(r), "null");
    testing_req_free(r);
}

/* The error body for a fault, checked member by member. */
static void check_error(const char *lang, const char *expect_error, const char *expect_message,
                        const char *expect_field, struct fault f)
{
    struct req *r = testing_req_new(lang, "/api/v1/areas/GM0000");
    r->fault = f;
    json_t *o = json_error_body(r);
    assert_non_null(o);
    assert_int_equal(json_object_size(o), 3);
    assert_string_equal(json_string_value(json_object_get(o, "error")), expect_error);
    assert_string_equal(json_string_value(json_object_get(o, "message")), expect_message);
    json_t *field = json_object_get(o, "field");
    if (expect_field)
        assert_string_equal(json_string_value(field), expect_field);
    else
        assert_true(json_is_null(field));
    json_decref(o);
    testing_req_free(r);
}

static void test_json_error_body_translates_then_fills_dutch(void **state)
{
    struct fault f = {ERR_NOT_FOUND, "code", "Unknown area code %s.", {"GM0000"}};
    check_error("nl", "not_found", "Onbekende gebiedscode GM0000.", "code", f);
}

static void test_json_error_body_in_english(void **state)
{
    struct fault f = {ERR_NOT_FOUND, "code", "Unknown area code %s.", {"GM0000"}};
    check_error("en", "not_found", "Unknown area code GM0000.", "code", f);
}

static void test_json_error_body_args_are_not_format_strings(void **state)
{
    struct fault f = {ERR_INVALID, "name", "%s is required.", {"%s%n<x>"}};
    check_error("nl", "invalid", "%s%n<x> is verplicht.", "name", f);
}

static void test_json_error_body_untranslated_msgid_is_shown_as_is(void **state)
{
    struct fault f = {ERR_CONFLICT, NULL, "Nobody translated %s.", {"this"}};
    check_error("nl", "conflict", "Nobody translated this.", NULL, f);
}

static void test_json_error_body_without_msgid_uses_a_general_message(void **state)
{
    struct fault f = {ERR_NOT_FOUND, NULL, NULL, {NULL}};
    check_error("en", "not_found", "The page you asked for does not exist.", NULL, f);
    check_error("nl", "not_found", "De pagina die u zoekt bestaat niet.", NULL, f);
}

static void test_json_string_or_null(void **state)
{
    json_t *s = json_string_or_null("x");
    json_t *n = json_string_or_null(NULL);
    json_t *bad = json_string_or_null("\xff");
    assert_string_equal(json_string_value(s), "x");
    assert_true(json_is_null(n));
    assert_true(json_is_null(bad));
    json_decref(s);
    json_decref(n);
    json_decref(bad);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_reply_writes_body_status_and_type),
        cmocka_unit_test(test_json_reply_escapes_angle_brackets_and_ampersands),
        cmocka_unit_test(test_json_reply_replaces_an_earlier_body),
        cmocka_unit_test(test_json_reply_null_value_writes_null),
        cmocka_unit_test(test_json_error_body_translates_then_fills_dutch),
        cmocka_unit_test(test_json_error_body_in_english),
        cmocka_unit_test(test_json_error_body_args_are_not_format_strings),
        cmocka_unit_test(test_json_error_body_untranslated_msgid_is_shown_as_is),
        cmocka_unit_test(test_json_error_body_without_msgid_uses_a_general_message),
        cmocka_unit_test(test_json_string_or_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
