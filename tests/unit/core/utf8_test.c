/* Tests for core/utf8.c, following the categories of Markus Kuhn's UTF-8
 * decoder stress test: correct text, boundary code points, unexpected
 * continuation bytes, lonely and missing bytes, impossible bytes, overlong
 * forms and surrogates; plus counting and control characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/utf8.h"

/* Byte strings are written as literals; their length is sizeof - 1. */
#define VALID(lit) assert_true(utf8_valid((lit), sizeof(lit) - 1))
#define INVALID(lit) assert_false(utf8_valid((lit), sizeof(lit) - 1))

static void test_utf8_accepts_empty_and_ascii(void **state)
{
    assert_true(utf8_valid("", 0));
    VALID("Wijkregie 2026: de buurt regelt het zelf!");
    VALID("\t\r\n ~\x7f");
}

static void test_utf8_accepts_valid_one_to_four_byte_forms(void **state)
{
    VALID("caf\xc3\xa9 \xc3\xa9\xc3\xa9n");                /* café één */
    VALID("\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5"); /* Kuhn's "kosme" */
    VALID("\xe2\x82\xac 12,50");                           /* euro sign */
    VALID("\xf0\x9f\x8f\xa0 huis");                        /* U+1F3E0 */
}

static void test_utf8_accepts_boundary_code_points(void **state)
{
    VALID("\x7f");             /* U+007F */
    VALID("\xc2\x80");         /* U+0080 */
    VALID("\xdf\xbf");         /* U+07FF */
    VALID("\xe0\xa0\x80");     /* U+0800 */
    VALID("\xed\x9f\xbf");     /* U+D7FF */
    VALID("\xee\x80\x80");     /* U+E000 */
    VALID("\xef\xbf\xbd");     /* U+FFFD */
    VALID("\xef\xbf\xbf");     /* U+FFFF */
    VALID("\xf0\x90\x80\x80"); /* U+10000 */
    VALID("\xf4\x8f\xbf\xbf"); /* U+10FFFF */
}

static void test_utf8_rejects_above_u10ffff(void **state)
{
    INVALID("\xf4\x90\x80\x80"); /* U+110000 */
    INVALID("\xf4\xbf\xbf\xbf");
    INVALID("\xf5\x80\x80\x80");
    INVALID("\xf7\xbf\xbf\xbf"); /* U+1FFFFF */
}

static void test_utf8_rejects_five_and_six_byte_forms(void **state)
{
    INVALID("\xf8\x88\x80\x80\x80");
    INVALID("\xfb\xbf\xbf\xbf\xbf");
    INVALID("\xfc\x84\x80\x80\x80\x80");
    INVALID("\xfd\xbf\xbf\xbf\xbf\xbf");
}

static void test_utf8_rejects_stray_continuation_bytes(void **state)
{
    for (int c = 0x80; c <= 0xBF; c++) {
        char s[3] = {'a', (char)c, 'b'};
        assert_false(utf8_valid(s, 3));
        assert_false(utf8_valid(s + 1, 1));
    }
    INVALID("\x80\xbf");
    INVALID("\x80\xbf\x80\xbf\x80");
    INVALID("\xc3\xa9\xa9"); /* one continuation byte too many */
}

static void test_utf8_rejects_lonely_start_bytes(void **state)
{
    for (int c = 0xC0; c <= 0xFF; c++) {
        char s[2] = {(char)c, ' '};
        assert_false(utf8_valid(s, 2));
    }
}

static void test_utf8_rejects_truncated_sequences(void **state)
{
    INVALID("\xc2");
    INVALID("\xdf");
    INVALID("\xe0\xa0");
    INVALID("\xe2\x82");
    INVALID("\xef\xbf");
    INVALID("\xf0\x90\x80");
    INVALID("\xf4\x8f\xbf");
    INVALID("\xf0\x9f\x8f");
    INVALID("\xc2\xe0\x80\xf0\x80\x80\xdf\xef\xbf\xf4\x8f\xbf"); /* concatenated */
    /* A valid sequence cut by the length, not by the bytes. */
    assert_false(utf8_valid("\xe2\x82\xac", 2));
    assert_true(utf8_valid("\xe2\x82\xac", 3));
}

static void test_utf8_rejects_sequence_broken_by_ascii(void **state)
{
    INVALID("\xe2\x82\x41");     /* "A" */
    INVALID("\xf0\x9f\x41\x42"); /* "AB" */
    INVALID("\xf0\x9f\x8f\x41");
}

static void test_utf8_rejects_impossible_bytes(void **state)
{
    INVALID("\xfe");
    INVALID("\xff");
    INVALID("\xfe\xfe\xff\xff");
}

static void test_utf8_rejects_overlong_slash(void **state)
{
    INVALID("\xc0\xaf");
    INVALID("\xe0\x80\xaf");
    INVALID("\xf0\x80\x80\xaf");
    INVALID("\xf8\x80\x80\x80\xaf");
    INVALID("\xfc\x80\x80\x80\x80\xaf");
}

static void test_utf8_rejects_maximum_overlong_forms(void **state)
{
    INVALID("\xc1\xbf");         /* U+007F in two bytes */
    INVALID("\xe0\x9f\xbf");     /* U+07FF in three bytes */
    INVALID("\xf0\x8f\xbf\xbf"); /* U+FFFF in four bytes */
}

static void test_utf8_rejects_overlong_nul(void **state)
{
    INVALID("\xc0\x80");
    INVALID("\xe0\x80\x80");
    INVALID("\xf0\x80\x80\x80");
}

static void test_utf8_rejects_surrogates(void **state)
{
    INVALID("\xed\xa0\x80");             /* U+D800 */
    INVALID("\xed\xad\xbf");             /* U+DB7F */
    INVALID("\xed\xae\x80");             /* U+DB80 */
    INVALID("\xed\xaf\xbf");             /* U+DBFF */
    INVALID("\xed\xb0\x80");             /* U+DC00 */
    INVALID("\xed\xbe\x80");             /* U+DF80 */
    INVALID("\xed\xbf\xbf");             /* U+DFFF */
    INVALID("\xed\xa0\x80\xed\xb0\x80"); /* a CESU-8 pair for U+10000 */
}

static void test_utf8_accepts_noncharacters(void **state)
{
    VALID("\xef\xbf\xbe");     /* U+FFFE */
    VALID("\xef\xb7\x90");     /* U+FDD0 */
    VALID("\xf4\x8f\xbf\xbe"); /* U+10FFFE */
}

static void test_utf8_rejects_nul_byte(void **state)
{
    INVALID("\0");
    INVALID("ab\0cd");
    INVALID("\xc3\xa9\0");
}

/* The code point a two-byte sequence decodes to, or -1. */
static long decode2(unsigned a, unsigned b)
{
    if ((a & 0xE0) != 0xC0 || (b & 0xC0) != 0x80)
        return -1;
    return (long)((a & 0x1F) << 6 | (b & 0x3F));
}

/* Every pair of bytes: valid exactly when both are non-NUL ASCII, or when
 * they form a two-byte sequence for U+0080..U+07FF. */
static void test_utf8_agrees_on_every_two_byte_string(void **state)
{
    for (unsigned a = 0; a < 256; a++) {
        for (unsigned b = 0; b < 256; b++) {
            char s[2] = {(char)a, (char)b};
            long cp = decode2(a, b);
            bool want = (a >= 1 && a < 0x80 && b >= 1 && b < 0x80) || cp >= 0x80;
            assert_int_equal(utf8_valid(s, 2), want);
        }
    }
}

/* Every three-byte sequence with an E0..EF lead: valid exactly when it
 * encodes U+0800..U+FFFF outside the surrogates. */
static void test_utf8_agrees_on_every_three_byte_sequence(void **state)
{
    for (unsigned a = 0xE0; a <= 0xEF; a++) {
        for (unsigned b = 0; b < 256; b++) {
            for (unsigned c = 0; c < 256; c++) {
                char s[3] = {(char)a, (char)b, (char)c};
                bool conts = (b & 0xC0) == 0x80 && (c & 0xC0) == 0x80;
                unsigned long cp = (a & 0x0F) << 12 | (b & 0x3F) << 6 | (c & 0x3F);
                bool want = conts && cp >= 0x800 && !(cp >= 0xD800 && cp <= 0xDFFF);
                if (utf8_valid(s, 3) != want)
                    fail_msg("%02x %02x %02x: expected %d", a, b, c, want);
            }
        }
    }
}

static void test_utf8_count_counts_code_points(void **state)
{
    assert_int_equal(utf8_count("", 0), 0);
    assert_int_equal(utf8_count("buurt", 5), 5);
    assert_int_equal(utf8_count("caf\xc3\xa9", 5), 4);
    assert_int_equal(utf8_count("\xe2\x82\xac", 3), 1);
    assert_int_equal(utf8_count("\xf0\x9f\x8f\xa0\xf0\x9f\x8f\xa0", 8), 2);
    assert_int_equal(utf8_count("\x61\xdf\xbf\x62\xef\xbf\xbf\x63", 8), 5);
}

static void test_utf8_controls_rejects_c0_and_del(void **state)
{
    assert_true(utf8_has_controls("a\x01", 2, true));
    assert_true(utf8_has_controls("\x1f", 1, true));
    assert_true(utf8_has_controls("x\x7fy", 3, true));
    assert_true(utf8_has_controls("\x1b[31m", 5, false));
    assert_true(utf8_has_controls("a\0b", 3, true));
}

static void test_utf8_controls_newlines_only_when_allowed(void **state)
{
    assert_false(utf8_has_controls("regel 1\r\nregel 2\tend", 20, true));
    assert_true(utf8_has_controls("regel 1\nregel 2", 15, false));
    assert_true(utf8_has_controls("a\rb", 3, false));
    assert_true(utf8_has_controls("naam\tachternaam", 15, false));
}

static void test_utf8_controls_accepts_plain_and_non_ascii_text(void **state)
{
    assert_false(utf8_has_controls("", 0, false));
    assert_false(utf8_has_controls("Jan de Vries ~", 14, false));
    assert_false(utf8_has_controls("\xc3\xa9\xe2\x82\xac\xf0\x9f\x8f\xa0", 9, false));
    /* U+0085 (NEL) is a C1 control, which the contract does not cover. */
    assert_false(utf8_has_controls("\xc2\x85", 2, false));
}

static void test_utf8_controls_stops_at_length(void **state)
{
    assert_false(utf8_has_controls("abc\x01", 3, false));
    assert_true(utf8_has_controls("abc\x01", 4, false));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_accepts_empty_and_ascii),
        cmocka_unit_test(test_utf8_accepts_valid_one_to_four_byte_forms),
        cmocka_unit_test(test_utf8_accepts_boundary_code_points),
        cmocka_unit_test(test_utf8_rejects_above_u10ffff),
        cmocka_unit_test(test_utf8_rejects_five_and_six_byte_forms),
        cmocka_unit_test(test_utf8_rejects_stray_continuation_bytes),
        cmocka_unit_test(test_utf8_rejects_lonely_start_bytes),
        cmocka_unit_test(test_utf8_rejects_truncated_sequences),
        cmocka_unit_test(test_utf8_rejects_sequence_broken_by_ascii),
        cmocka_unit_test(test_utf8_rejects_impossible_bytes),
        cmocka_unit_test(test_utf8_rejects_overlong_slash),
        cmocka_unit_test(test_utf8_rejects_maximum_overlong_forms),
        cmocka_unit_test(test_utf8_rejects_overlong_nul),
        cmocka_unit_test(test_utf8_rejects_surrogates),
        cmocka_unit_test(test_utf8_accepts_noncharacters),
        cmocka_unit_test(test_utf8_rejects_nul_byte),
        cmocka_unit_test(test_utf8_agrees_on_every_two_byte_string),
        cmocka_unit_test(test_utf8_agrees_on_every_three_byte_sequence),
        cmocka_unit_test(test_utf8_count_counts_code_points),
        cmocka_unit_test(test_utf8_controls_rejects_c0_and_del),
        cmocka_unit_test(test_utf8_controls_newlines_only_when_allowed),
        cmocka_unit_test(test_utf8_controls_accepts_plain_and_non_ascii_text),
        cmocka_unit_test(test_utf8_controls_stops_at_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
