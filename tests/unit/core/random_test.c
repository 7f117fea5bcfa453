/* Tests for core/random.c: libsodium randomness, hex tokens and uniform
 * draws. The statistical checks allow ten standard deviations, so a correct
 * generator fails them with a probability below 10^-15. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/random.h"
#include "expect_abort.h"

static int setup(void **state)
{
    random_init();
    return 0;
}

static void test_random_init_twice_is_fine(void **state)
{
    random_init();
    random_init();
    unsigned char b[4] = {0};
    random_bytes(b, sizeof b);
}

static void test_random_bytes_differ_between_calls(void **state)
{
    unsigned char a[32] = {0}, b[32] = {0};
    random_bytes(a, sizeof a);
    random_bytes(b, sizeof b);
    assert_memory_not_equal(a, b, sizeof a);
}

/* 64 KiB of random bytes: every byte value appears, and the count of each
 * stays far from zero and from the whole. */
static void test_random_bytes_cover_every_value(void **state)
{
    enum { N = 65536 };
    static unsigned char data[N];
    size_t seen[256] = {0};
    random_bytes(data, N);
    for (size_t i = 0; i < N; i++)
        seen[data[i]]++;
    for (int v = 0; v < 256; v++) {
        assert_true(seen[v] > 100);
        assert_true(seen[v] < 500);
    }
}

static void test_random_bytes_zero_length_writes_nothing(void **state)
{
    unsigned char b[1] = {0x5A};
    random_bytes(b, 0);
    assert_int_equal(b[0], 0x5A);
}

static void test_random_hex_is_lower_case_hex_of_double_length(void **state)
{
    struct arena *a = arena_new();
    char *h = random_hex(a, 16);
    assert_int_equal(strlen(h), 32);
    for (const char *p = h; *p; p++)
        assert_true((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'));
    assert_string_not_equal(h, random_hex(a, 16));
    assert_string_equal(random_hex(a, 0), "");
    arena_free(a);
}

static void test_random_below_stays_in_range(void **state)
{
    for (int i = 0; i < 10000; i++)
        assert_true(random_below(7) < 7);
    for (int i = 0; i < 100; i++)
        assert_int_equal(random_below(1), 0);
    assert_true(random_below(UINT32_MAX) < UINT32_MAX);
}

static void test_random_below_reaches_every_value(void **state)
{
    int seen[10] = {0};
    for (int i = 0; i < 10000; i++)
        seen[random_below(10)]++;
    for (int v = 0; v < 10; v++)
        assert_true(seen[v] > 700 && seen[v] < 1300);
}

static void below_zero(void *arg)
{
    random_below(0);
}

static void test_random_below_zero_aborts(void **state)
{
    assert_true(dies_with_abort(below_zero, NULL, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_init_twice_is_fine),
        cmocka_unit_test(test_random_bytes_differ_between_calls),
        cmocka_unit_test(test_random_bytes_cover_every_value),
        cmocka_unit_test(test_random_bytes_zero_length_writes_nothing),
        cmocka_unit_test(test_random_hex_is_lower_case_hex_of_double_length),
        cmocka_unit_test(test_random_below_stays_in_range),
        cmocka_unit_test(test_random_below_reaches_every_value),
        cmocka_unit_test(test_random_below_zero_aborts),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
