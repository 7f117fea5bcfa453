/* Tests for core/err.c: error names, faults and their formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/err.h"
#include "expect_abort.h"

static void test_err_name_gives_stable_names(void **state)
{
    assert_string_equal(err_name(ERR_OK), "ok");
    assert_string_equal(err_name(ERR_INVALID), "invalid");
    assert_string_equal(err_name(ERR_NOT_FOUND), "not_found");
    assert_string_equal(err_name(ERR_FORBIDDEN), "forbidden");
    assert_string_equal(err_name(ERR_CONFLICT), "conflict");
    assert_string_equal(err_name(ERR_INTERNAL), "internal");
}

static void test_err_name_is_distinct_lower_case_for_every_code(void **state)
{
    for (int i = 0; i < ERR_COUNT; i++) {
        const char *n = err_name((enum err)i);
        assert_non_null(n);
        assert_true(strlen(n) > 0);
        for (const char *p = n; *p; p++)
            assert_true((*p >= 'a' && *p <= 'z') || *p == '_');
        for (int j = 0; j < i; j++)
            assert_string_not_equal(n, err_name((enum err)j));
    }
}

static void test_err_name_out_of_range_is_internal(void **state)
{
    assert_string_equal(err_name(ERR_COUNT), "internal");
    assert_string_equal(err_name((enum err)(ERR_COUNT + 3)), "internal");
}

static void test_fault_set_fills_fault_and_returns_code(void **state)
{
    struct fault f;
    memset(&f, 0xFF, sizeof f);
    enum err e = fault_set(&f, ERR_INVALID, "code", "Unknown area code %s.", "BU99", NULL);
    assert_int_equal(e, ERR_INVALID);
    assert_int_equal(f.code, ERR_INVALID);
    assert_string_equal(f.field, "code");
    assert_string_equal(f.msgid, "Unknown area code %s.");
    assert_string_equal(f.args[0], "BU99");
    assert_null(f.args[1]);
    assert_null(f.args[2]);
}

static void test_fault_set_accepts_three_args(void **state)
{
    struct fault f;
    fault_set(&f, ERR_CONFLICT, NULL, "%s %s %s", "a", "b", "c", NULL);
    assert_null(f.field);
    assert_string_equal(f.args[0], "a");
    assert_string_equal(f.args[1], "b");
    assert_string_equal(f.args[2], "c");
}

static void test_fault_set_with_null_fault_returns_code(void **state)
{
    assert_int_equal(fault_set(NULL, ERR_NOT_FOUND, NULL, "Not found.", NULL), ERR_NOT_FOUND);
}

static void four_args(void *arg)
{
    fault_set(arg, ERR_INVALID, NULL, "%s%s%s%s", "1", "2", "3", "4", NULL);
}

static void test_fault_set_aborts_on_four_args(void **state)
{
    struct fault f;
    struct buf err = BUF_INIT;
    assert_true(dies_with_abort(four_args, &f, &err));
    assert_non_null(strstr(buf_cstr(&err), "fault_set"));
    buf_free(&err);
    assert_true(dies_with_abort(four_args, NULL, NULL));
}

/* Formats msg with args a, b (may be NULL) and checks the result. */
static void check_format(const char *msg, const char *a, const char *b, const char *want)
{
    struct fault f;
    fault_set(&f, ERR_INVALID, NULL, msg, a, b, NULL);
    char *got = fault_format(msg, &f);
    assert_string_equal(got, want);
    free(got);
}

static void test_fault_format_fills_slots_in_order(void **state)
{
    check_format("Line %s, column %s.", "12", "3", "Line 12, column 3.");
    check_format("Regel %s, kolom %s.", "7", "2", "Regel 7, kolom 2.");
}

static void test_fault_format_missing_arg_becomes_empty(void **state)
{
    check_format("a%sb%sc", "X", NULL, "aXbc");
    check_format("%s%s%s%s%s", "1", "2", "12");
}

static void test_fault_format_percent_percent_is_one_percent(void **state)
{
    check_format("100%% of %s", "uren", NULL, "100% of uren");
}

static void test_fault_format_other_percent_stays_literal(void **state)
{
    check_format("%d %n %x %p %s", "ok", NULL, "%d %n %x %p ok");
    check_format("trailing %", NULL, NULL, "trailing %");
    check_format("%%s", "no", NULL, "%s");
}

static void test_fault_format_arg_is_not_reinterpreted(void **state)
{
    check_format("name: %s", "%s%n%%", NULL, "name: %s%n%%");
}

static void test_fault_format_null_fault_and_null_msg(void **state)
{
    char *s = fault_format("x%sy", NULL);
    assert_string_equal(s, "xy");
    free(s);
    s = fault_format(NULL, NULL);
    assert_string_equal(s, "");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_err_name_gives_stable_names),
        cmocka_unit_test(test_err_name_is_distinct_lower_case_for_every_code),
        cmocka_unit_test(test_err_name_out_of_range_is_internal),
        cmocka_unit_test(test_fault_set_fills_fault_and_returns_code),
        cmocka_unit_test(test_fault_set_accepts_three_args),
        cmocka_unit_test(test_fault_set_with_null_fault_returns_code),
        cmocka_unit_test(test_fault_set_aborts_on_four_args),
        cmocka_unit_test(test_fault_format_fills_slots_in_order),
        cmocka_unit_test(test_fault_format_missing_arg_becomes_empty),
        cmocka_unit_test(test_fault_format_percent_percent_is_one_percent),
        cmocka_unit_test(test_fault_format_other_percent_stays_literal),
        cmocka_unit_test(test_fault_format_arg_is_not_reinterpreted),
        cmocka_unit_test(test_fault_format_null_fault_and_null_msg),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
