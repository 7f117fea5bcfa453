/* Tests of src/render/html.c: escaping by default, URL arguments, and the
 * small printf of html_fmt / html_fill. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "render/html.h"
#include "render_testing.h"

#define CHECK(call, expected)                                                                      \
    do {                                                                                           \
        struct buf b = BUF_INIT;                                                                   \
        call;                                                                                      \
        assert_string_equal(buf_cstr(&b), (expected));                                             \
        buf_free(&b);                                                                              \
    } while (0)

static void test_html_text_escapes_ampersand(void **state)
{
    CHECK(html_text(&b, "a&b"), "a&amp;b");
}

static void test_html_text_escapes_less_than(void **state)
{
    CHECK(html_text(&b, "a<b"), "a&lt;b");
}

static void test_html_text_escapes_greater_than(void **state)
{
    CHECK(html_text(&b, "a>b"), "a&gt;b");
}

static void test_html_text_escapes_double_quote(void **state)
{
    CHECK(html_text(&b, "a\"b"), "a&quot;b");
}

static void test_html_text_escapes_single_quote(void **state)
{
    CHECK(html_text(&b, "a'b"), "a&#39;b");
}

static void test_html_text_escapes_custom_element_tag(void **state)
{
    CHECK(html_text(&b, "<x-m1>"), "&lt;x-m1&gt;");
}

static void test_html_attr_escapes_attribute_breakout(void **state)
{
    CHECK(html_attr(&b, "\"onx="), "&quot;onx=");
    CHECK(html_attr(&b, "' onfocus='x"), "&#39; onfocus=&#39;x");
}

static void test_html_text_keeps_plain_and_utf8_text(void **state)
{
    CHECK(html_text(&b, "Café ’s-Hertogenbosch 12"), "Café ’s-Hertogenbosch 12");
}

static void test_html_text_null_writes_nothing(void **state)
{
    CHECK((html_text(&b, NULL), html_attr(&b, NULL), url_arg(&b, NULL)), "");
}

static void test_html_text_escapes_every_occurrence(void **state)
{
    CHECK(html_text(&b, "<<&&>>"), "&lt;&lt;&amp;&amp;&gt;&gt;");
}

/* The escaping rule of html.h, one byte at a time: the reference the
 * run-at-a-time escaper must agree with. */
static void escape_reference(struct buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            buf_puts(b, "&amp;");
            break;
        case '<':
            buf_puts(b, "&lt;");
            break;
        case '>':
            buf_puts(b, "&gt;");
            break;
        case '"':
            buf_puts(b, "&quot;");
            break;
        case '\'':
            buf_puts(b, "&#39;");
            break;
        default:
            buf_putc(b, *s);
        }
    }
}

/* A long text of plain runs of every length from 0 to 300 between special
 * characters, UTF-8 included, starting and ending with a special one. */
static char *long_text(void)
{
    static const char specials[] = "&<>\"'";
    struct buf b = BUF_INIT;
    for (int run = 0; run <= 300; run++) {
        buf_putc(&b, specials[run % 5]);
        for (int i = 0; i < run; i++)
            buf_puts(&b, i % 7 == 6 ? "\xc3\xa9" : "x");
        if (run % 11 == 0)
            buf_putc(&b, specials[(run + 1) % 5]); /* two specials in a row */
    }
    buf_putc(&b, '>');
    return buf_detach(&b, NULL);
}

static void test_html_text_escapes_long_runs_like_byte_by_byte(void **state)
{
    char *text = long_text();
    struct buf want = BUF_INIT, got = BUF_INIT, attr = BUF_INIT;
    escape_reference(&want, text);
    html_text(&got, text);
    html_attr(&attr, text);
    assert_true(got.len > 50000);
    assert_int_equal(got.len, want.len);
    assert_string_equal(buf_cstr(&got), buf_cstr(&want));
    assert_string_equal(buf_cstr(&attr), buf_cstr(&want));
    buf_free(&want);
    buf_free(&got);
    buf_free(&attr);
    free(text);
}

static void test_html_text_appends_to_what_is_there(void **state)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "<p>");
    html_text(&b, "a plain run");
    html_text(&b, "");
    html_text(&b, "&");
    assert_string_equal(buf_cstr(&b), "<p>a plain run&amp;");
    buf_free(&b);
}

static void test_html_fill_escapes_long_template_runs(void **state)
{
    char *text = long_text();
    struct buf want = BUF_INIT, got = BUF_INIT;
    escape_reference(&want, "[");
    escape_reference(&want, text);
    escape_reference(&want, "]");
    html_fill(&got, "[%s]", text, NULL);
    assert_string_equal(buf_cstr(&got), buf_cstr(&want));
    buf_free(&want);
    buf_free(&got);
    free(text);
}

static void test_url_arg_encodes_long_runs_like_byte_by_byte(void **state)
{
    static const char hex[] = "0123456789ABCDEF";
    char *text = long_text();
    struct buf want = BUF_INIT, got = BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
            strchr("-._~", *p)) {
            buf_putc(&want, (char)*p);
        } else {
            char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_append(&want, enc, 3);
        }
    }
    url_arg(&got, text);
    assert_string_equal(buf_cstr(&got), buf_cstr(&want));
    buf_free(&want);
    buf_free(&got);
    free(text);
}

static void test_url_arg_keeps_unreserved_characters(void **state)
{
    CHECK(url_arg(&b, "AZaz09-._~"), "AZaz09-._~");
}

static void test_url_arg_encodes_reserved_characters(void **state)
{
    CHECK(url_arg(&b, "a b/c?d&e=f#g%h+\"<"), "a%20b%2Fc%3Fd%26e%3Df%23g%25h%2B%22%3C");
}

static void test_url_arg_encodes_utf8_bytes(void **state)
{
    CHECK(url_arg(&b, "é"), "%C3%A9");
}

static void test_html_raw_trusted_writes_markup_as_is(void **state)
{
    CHECK(html_raw_trusted(&b, "<p class=\"x\">"), "<p class=\"x\">");
}

static void test_html_fmt_escapes_string_arguments(void **state)
{
    CHECK(html_fmt(&b, "<p title=\"%s\">%s</p>", "\"x", "<script>"),
          "<p title=\"&quot;x\">&lt;script&gt;</p>");
}

static void test_html_fmt_writes_numbers(void **state)
{
    CHECK(html_fmt(&b, "%d %u %ld %lld %zu", -5, 7u, -8L, 9000000000LL, (size_t)10),
          "-5 7 -8 9000000000 10");
}

static void test_html_fmt_writes_integer_extremes(void **state)
{
    CHECK(html_fmt(&b, "%d|%d|%d|%u", INT_MIN, INT_MAX, 0, UINT_MAX),
          "-2147483648|2147483647|0|4294967295");
    CHECK(html_fmt(&b, "%ld|%lld|%lld|%zu", LONG_MIN, LLONG_MIN, LLONG_MAX, SIZE_MAX),
          "-9223372036854775808|-9223372036854775808|9223372036854775807|"
          "18446744073709551615");
}

#define CELL "<td class=\"num\">"
#define CELLS_10 CELL CELL CELL CELL CELL CELL CELL CELL CELL CELL
#define CELLS_100                                                                                  \
    CELLS_10 CELLS_10 CELLS_10 CELLS_10 CELLS_10 CELLS_10 CELLS_10 CELLS_10 CELLS_10 CELLS_10

static void test_html_fmt_copies_long_markup_between_conversions(void **state)
{
    struct buf want = BUF_INIT, got = BUF_INIT;
    for (int i = 0; i < 300; i++)
        buf_puts(&want, CELL);
    buf_puts(&want, "a&amp;b");
    for (int i = 0; i < 100; i++)
        buf_puts(&want, CELL);
    buf_puts(&want, "7");
    html_fmt(&got, CELLS_100 CELLS_100 CELLS_100 "%s" CELLS_100 "%d", "a&b", 7);
    assert_string_equal(buf_cstr(&got), buf_cstr(&want));
    buf_free(&want);
    buf_free(&got);
}

static void test_html_fmt_writes_fixed_decimals(void **state)
{
    CHECK(html_fmt(&b, "%.2f|%.0f|%.1f", 3.14159, 2.5, -0.25), "3.14|2|-0.2");
}

static void test_html_fmt_writes_percent_sign(void **state)
{
    CHECK(html_fmt(&b, "100%% %s%%", "a&"), "100% a&amp;%");
}

static void fmt_hex(void *arg)
{
    struct buf b = BUF_INIT;
    html_fmt(&b, "%x", *(unsigned *)arg);
}

static void fmt_width(void *arg)
{
    struct buf b = BUF_INIT;
    html_fmt(&b, "%5s", (const char *)arg);
}

static void fmt_char(void *arg)
{
    struct buf b = BUF_INIT;
    html_fmt(&b, "%c", *(const char *)arg);
}

static void test_html_fmt_aborts_on_unsupported_conversion(void **state)
{
    unsigned n = 255;
    assert_true(testing_dies_with_abort(fmt_hex, &n));
    assert_true(testing_dies_with_abort(fmt_width, "x"));
    assert_true(testing_dies_with_abort(fmt_char, "<"));
}

static void fmt_supported(void *arg)
{
    struct buf b = BUF_INIT;
    html_fmt(&b, "%s %d", (const char *)arg, 1);
    buf_free(&b);
}

static void test_html_fmt_supported_conversion_does_not_abort(void **state)
{
    assert_false(testing_dies_with_abort(fmt_supported, "x"));
}

static void test_html_fill_escapes_template_and_arguments(void **state)
{
    CHECK(html_fill(&b, "<%s> & %s", "a\"", "<b>", NULL), "&lt;a&quot;&gt; &amp; &lt;b&gt;");
}

static void test_html_fill_missing_arguments_become_empty(void **state)
{
    CHECK(html_fill(&b, "[%s|%s]", "x", NULL), "[x|]");
}

static void test_html_fill_keeps_other_percent_sequences(void **state)
{
    CHECK(html_fill(&b, "100%% %d %", NULL), "100% %d %");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_text_escapes_long_runs_like_byte_by_byte),
        cmocka_unit_test(test_html_text_appends_to_what_is_there),
        cmocka_unit_test(test_html_fill_escapes_long_template_runs),
        cmocka_unit_test(test_url_arg_encodes_long_runs_like_byte_by_byte),
        cmocka_unit_test(test_html_fmt_writes_integer_extremes),
        cmocka_unit_test(test_html_fmt_copies_long_markup_between_conversions),
        cmocka_unit_test(test_html_text_escapes_ampersand),
        cmocka_unit_test(test_html_text_escapes_less_than),
        cmocka_unit_test(test_html_text_escapes_greater_than),
        cmocka_unit_test(test_html_text_escapes_double_quote),
        cmocka_unit_test(test_html_text_escapes_single_quote),
        cmocka_unit_test(test_html_text_escapes_custom_element_tag),
        cmocka_unit_test(test_html_attr_escapes_attribute_breakout),
        cmocka_unit_test(test_html_text_keeps_plain_and_utf8_text),
        cmocka_unit_test(test_html_text_null_writes_nothing),
        cmocka_unit_test(test_html_text_escapes_every_occurrence),
        cmocka_unit_test(test_url_arg_keeps_unreserved_characters),
        cmocka_unit_test(test_url_arg_encodes_reserved_characters),
        cmocka_unit_test(test_url_arg_encodes_utf8_bytes),
        cmocka_unit_test(test_html_raw_trusted_writes_markup_as_is),
        cmocka_unit_test(test_html_fmt_escapes_string_arguments),
        cmocka_unit_test(test_html_fmt_writes_numbers),
        cmocka_unit_test(test_html_fmt_writes_fixed_decimals),
        cmocka_unit_test(test_html_fmt_writes_percent_sign),
        cmocka_unit_test(test_html_fmt_aborts_on_unsupported_conversion),
        cmocka_unit_test(test_html_fmt_supported_conversion_does_not_abort),
        cmocka_unit_test(test_html_fill_escapes_template_and_arguments),
        cmocka_unit_test(test_html_fill_missing_arguments_become_empty),
        cmocka_unit_test(test_html_fill_keeps_other_percent_sequences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
