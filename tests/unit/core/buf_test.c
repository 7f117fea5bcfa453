/* Tests for core/buf.c: the growable byte/string buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"

static void test_buf_empty_is_empty_string(void **state)
{
    struct buf b = BUF_INIT;
    assert_string_equal(buf_cstr(&b), "");
    assert_int_equal(b.len, 0);
    assert_null(b.data);
    buf_free(&b);
}

static void test_buf_append_keeps_nul_terminated(void **state)
{
    struct buf b;
    buf_init(&b);
    buf_append(&b, "abcdef", 3);
    assert_int_equal(b.len, 3);
    assert_int_equal(b.data[3], '\0');
    assert_string_equal(buf_cstr(&b), "abc");
    buf_free(&b);
}

static void test_buf_holds_nul_bytes(void **state)
{
    struct buf b = BUF_INIT;
    buf_append(&b, "a\0b", 3);
    buf_putc(&b, '\0');
    buf_puts(&b, "c");
    assert_int_equal(b.len, 5);
    assert_memory_equal(b.data, "a\0b\0c", 6);
    buf_free(&b);
}

static void test_buf_grows_across_many_appends(void **state)
{
    struct buf b = BUF_INIT;
    for (int i = 0; i < 100000; i++)
        buf_putc(&b, (char)('a' + i % 26));
    assert_int_equal(b.len, 100000);
    assert_true(b.cap > b.len);
    for (int i = 0; i < 100000; i++)
        assert_int_equal(b.data[i], 'a' + i % 26);
    assert_int_equal(b.data[100000], '\0');
    buf_free(&b);
}

/* Appends that end exactly at the free space, one byte short of it and one
 * byte past it: the inline path and the growing path must meet without a
 * lost byte or a missing NUL. */
static void test_buf_append_at_the_edge_of_capacity(void **state)
{
    for (size_t extra = 0; extra < 4; extra++) {
        struct buf b = BUF_INIT;
        buf_putc(&b, 'a');
        size_t cap = b.cap;
        size_t fill = cap - 1 - b.len - 1 + extra; /* cap - 1 bytes hold text */
        char chunk[256];
        memset(chunk, 'b', sizeof chunk);
        assert_true(fill <= sizeof chunk);
        buf_append(&b, chunk, fill);
        buf_putc(&b, 'c');
        buf_putc(&b, 'd');
        assert_int_equal(b.len, 1 + fill + 2);
        assert_true(b.len < b.cap);
        assert_int_equal(b.data[0], 'a');
        for (size_t i = 0; i < fill; i++)
            assert_int_equal(b.data[1 + i], 'b');
        assert_memory_equal(b.data + 1 + fill, "cd", 3); /* and the NUL */
        buf_free(&b);
    }
}

static void test_buf_putc_fills_every_byte_then_grows(void **state)
{
    struct buf b = BUF_INIT;
    buf_putc(&b, 'x');
    size_t cap = b.cap;
    while (b.len < cap - 1)
        buf_putc(&b, 'x');
    assert_int_equal(b.cap, cap); /* cap - 1 characters and the NUL fit */
    assert_int_equal(b.data[b.len], '\0');
    buf_putc(&b, 'y');
    assert_true(b.cap > cap);
    assert_int_equal(b.len, cap);
    assert_int_equal(b.data[cap - 1], 'y');
    assert_int_equal(b.data[cap], '\0');
    buf_free(&b);
}

static void test_buf_append_of_nothing_keeps_an_empty_string(void **state)
{
    struct buf b = BUF_INIT;
    buf_append(&b, NULL, 0);
    assert_non_null(b.data);
    assert_string_equal(buf_cstr(&b), "");
    buf_append(&b, NULL, 0);
    buf_puts(&b, "");
    assert_int_equal(b.len, 0);
    buf_free(&b);
}

static void test_buf_printf_appends_formatted_text(void **state)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "wijk ");
    buf_printf(&b, "%s=%d", "inwoners", 1234);
    assert_string_equal(buf_cstr(&b), "wijk inwoners=1234");
    assert_int_equal(b.len, strlen("wijk inwoners=1234"));
    buf_free(&b);
}

static void test_buf_printf_longer_than_free_space(void **state)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "x");
    char big[5000];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    buf_printf(&b, "[%s]", big);
    assert_int_equal(b.len, 1 + 1 + 4999 + 1);
    assert_int_equal(b.data[0], 'x');
    assert_int_equal(b.data[1], '[');
    assert_int_equal(b.data[2], 'y');
    assert_int_equal(b.data[5000], 'y');
    assert_int_equal(b.data[5001], ']');
    assert_int_equal(b.data[5002], '\0');
    buf_free(&b);
}

static void test_buf_reset_empties_but_keeps_memory(void **state)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "something long enough");
    char *data = b.data;
    size_t cap = b.cap;
    buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(buf_cstr(&b), "");
    assert_ptr_equal(b.data, data);
    assert_int_equal(b.cap, cap);
    buf_free(&b);
}

static void test_buf_reserve_makes_room_without_changing_content(void **state)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "abc");
    buf_reserve(&b, 10000);
    assert_true(b.cap >= 3 + 10000 + 1);
    assert_string_equal(buf_cstr(&b), "abc");
    char *data = b.data;
    for (int i = 0; i < 10000; i++)
        buf_putc(&b, 'z');
    assert_ptr_equal(b.data, data);
    buf_free(&b);
}

static void test_buf_detach_hands_over_and_empties(void **state)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "antwoord");
    size_t len = 0;
    char *s = buf_detach(&b, &len);
    assert_string_equal(s, "antwoord");
    assert_int_equal(len, 8);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    free(s);
}

static void test_buf_detach_of_empty_gives_empty_string(void **state)
{
    struct buf b = BUF_INIT;
    size_t len = 99;
    char *s = buf_detach(&b, &len);
    assert_non_null(s);
    assert_string_equal(s, "");
    assert_int_equal(len, 0);
    free(s);
}

static void test_buf_free_leaves_reusable_buffer(void **state)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "een");
    buf_free(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    buf_puts(&b, "twee");
    assert_string_equal(buf_cstr(&b), "twee");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_empty_is_empty_string),
        cmocka_unit_test(test_buf_append_keeps_nul_terminated),
        cmocka_unit_test(test_buf_holds_nul_bytes),
        cmocka_unit_test(test_buf_grows_across_many_appends),
        cmocka_unit_test(test_buf_append_at_the_edge_of_capacity),
        cmocka_unit_test(test_buf_putc_fills_every_byte_then_grows),
        cmocka_unit_test(test_buf_append_of_nothing_keeps_an_empty_string),
        cmocka_unit_test(test_buf_printf_appends_formatted_text),
        cmocka_unit_test(test_buf_printf_longer_than_free_space),
        cmocka_unit_test(test_buf_reset_empties_but_keeps_memory),
        cmocka_unit_test(test_buf_reserve_makes_room_without_changing_content),
        cmocka_unit_test(test_buf_detach_hands_over_and_empties),
        cmocka_unit_test(test_buf_detach_of_empty_gives_empty_string),
        cmocka_unit_test(test_buf_free_leaves_reusable_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
