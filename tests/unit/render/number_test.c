/* Tests of src/render/number.c: numbers as Dutch and English readers write
 * them, and figures that CBS does not know. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "render/number.h"
#include "render/req.h"
#include "render_testing.h"

/* number_write's text for v, or "(false)" when it refuses. */
static void check(const char *lang, double v, int decimals, const char *expected)
{
    struct buf b = BUF_INIT;
    bool ok = number_write(&b, lang, v, decimals);
    assert_string_equal(ok ? buf_cstr(&b) : "(false)", expected);
    if (!ok)
        assert_int_equal(b.len, 0);
    buf_free(&b);
}

static void test_dutch_groups_thousands_with_dots(void **state)
{
    check("nl", 12345, 0, "12.345");
    check("nl", 1234567, 0, "1.234.567");
    check("nl", 999, 0, "999");
}

static void test_groups_every_length_of_number(void **state)
{
    check("nl", 1, 0, "1");
    check("nl", 12, 0, "12");
    check("nl", 1000, 0, "1.000");
    check("nl", 100000, 0, "100.000");
    check("nl", 999999, 0, "999.999");
    check("en", 12345678, 0, "12,345,678");
    check("en", 123456789012345, 0, "123,456,789,012,345");
    check("en", 1e17, 0, "100,000,000,000,000,000");
}

static void test_english_groups_thousands_with_commas(void **state)
{
    check("en", 12345, 0, "12,345");
    check("en", 1234567, 0, "1,234,567");
}

static void test_dutch_decimal_comma(void **state)
{
    check("nl", 31.5, 1, "31,5");
    check("nl", 1234.56, 2, "1.234,56");
}

static void test_english_decimal_point(void **state)
{
    check("en", 31.5, 1, "31.5");
    check("en", 1234.56, 2, "1,234.56");
}

static void test_rounds_to_the_decimals_asked(void **state)
{
    check("en", 2.25, 1, "2.3");
    check("en", 999.96, 1, "1,000.0");
    check("en", 0.5, 0, "1");
    check("nl", 0.04, 1, "0,0");
    check("nl", 7.05, 2, "7,05");
}

static void test_negative_numbers(void **state)
{
    check("nl", -1234.5, 1, "-1.234,5");
    check("en", -0.04, 1, "0.0");
}

static void test_zero(void **state)
{
    check("nl", 0, 0, "0");
    check("en", 0, 2, "0.00");
}

static void test_unknown_language_writes_english(void **state)
{
    check("fr", 1234.5, 1, "1,234.5");
    check(NULL, 1234.5, 1, "1,234.5");
}

static void test_refuses_values_it_cannot_write(void **state)
{
    check("nl", NAN, 0, "(false)");
    check("nl", INFINITY, 1, "(false)");
    check("nl", 1e18, 0, "(false)");
    check("nl", 1e15, 3, "(false)");
    check("nl", 1e17, 0, "100.000.000.000.000.000");
}

static void test_figure_known_is_a_number(void **state)
{
    struct req *r = testing_req_new("nl", "/");
    number_figure(&r->resp.body, r, (struct figure){true, 1462}, 0);
    assert_string_equal(testing_body(r), "1.462");
    testing_req_free(r);
}

static void test_figure_unknown_is_a_word(void **state)
{
    struct req *nl = testing_req_new("nl", "/");
    struct req *en = testing_req_new("en", "/");
    number_figure(&nl->resp.body, nl, (struct figure){false, 5}, 0);
    number_figure(&en->resp.body, en, (struct figure){false, 5}, 0);
    assert_string_equal(testing_body(nl), "onbekend");
    assert_string_equal(testing_body(en), "unknown");
    testing_req_free(nl);
    testing_req_free(en);
}

static void test_share_is_a_percentage_with_one_decimal(void **state)
{
    struct req *r = testing_req_new("nl", "/");
    number_share(&r->resp.body, r, (struct figure){true, 146}, (struct figure){true, 1462});
    assert_string_equal(testing_body(r), "10,0%");
    testing_req_free(r);
}

static void test_share_of_nothing_is_unknown(void **state)
{
    struct req *r = testing_req_new("en", "/");
    number_share(&r->resp.body, r, (struct figure){true, 5}, (struct figure){true, 0});
    buf_putc(&r->resp.body, '|');
    number_share(&r->resp.body, r, (struct figure){false, 5}, (struct figure){true, 10});
    buf_putc(&r->resp.body, '|');
    number_share(&r->resp.body, r, (struct figure){true, 5}, (struct figure){false, 10});
    assert_string_equal(testing_body(r), "unknown|unknown|unknown");
    testing_req_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dutch_groups_thousands_with_dots),
        cmocka_unit_test(test_groups_every_length_of_number),
        cmocka_unit_test(test_english_groups_thousands_with_commas),
        cmocka_unit_test(test_dutch_decimal_comma),
        cmocka_unit_test(test_english_decimal_point),
        cmocka_unit_test(test_rounds_to_the_decimals_asked),
        cmocka_unit_test(test_negative_numbers),
        cmocka_unit_test(test_zero),
        cmocka_unit_test(test_unknown_language_writes_english),
        cmocka_unit_test(test_refuses_values_it_cannot_write),
        cmocka_unit_test(test_figure_known_is_a_number),
        cmocka_unit_test(test_figure_unknown_is_a_word),
        cmocka_unit_test(test_share_is_a_percentage_with_one_decimal),
        cmocka_unit_test(test_share_of_nothing_is_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
