/* Tests for core/arena.c: the per-request bump allocator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "expect_abort.h"

static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

static void test_arena_alloc_is_aligned_for_any_type(void **state)
{
    struct arena *a = arena_new();
    for (size_t n = 0; n < 200; n++) {
        uintptr_t p = (uintptr_t)arena_alloc(a, n);
        assert_int_equal(p % _Alignof(max_align_t), 0);
    }
    arena_free(a);
}

static void test_arena_alloc_is_zero_filled(void **state)
{
    struct arena *a = arena_new();
    for (int i = 0; i < 100; i++) {
        unsigned char *p = arena_alloc(a, 333);
        assert_true(all_zero(p, 333));
        memset(p, 0xAB, 333);
    }
    unsigned char *big = arena_alloc(a, 100000);
    assert_true(all_zero(big, 100000));
    arena_free(a);
}

static void test_arena_zero_size_gives_unique_pointers(void **state)
{
    struct arena *a = arena_new();
    void *p = arena_alloc(a, 0);
    void *q = arena_alloc(a, 0);
    assert_non_null(p);
    assert_non_null(q);
    assert_ptr_not_equal(p, q);
    arena_free(a);
}

/* Fills every allocation with its own byte and checks none was overwritten
 * by a later one, across many chunk boundaries. */
static void test_arena_many_allocations_do_not_overlap(void **state)
{
    enum { COUNT = 20000 };
    struct arena *a = arena_new();
    unsigned char **ptrs = arena_array(a, COUNT, sizeof *ptrs);
    for (size_t i = 0; i < COUNT; i++) {
        size_t n = 1 + i % 97;
        ptrs[i] = arena_alloc(a, n);
        memset(ptrs[i], (int)(i & 0xFF), n);
    }
    for (size_t i = 0; i < COUNT; i++)
        for (size_t j = 0; j < 1 + i % 97; j++)
            assert_int_equal(ptrs[i][j], i & 0xFF);
    arena_free(a);
}

/* A big allocation gets a chunk of its own, so the space left in the
 * current chunk is still used by the next small allocation. */
static void test_arena_big_allocation_keeps_current_chunk(void **state)
{
    struct arena *a = arena_new();
    unsigned char *small1 = arena_alloc(a, 16);
    unsigned char *big = arena_alloc(a, 4u * 1024 * 1024);
    unsigned char *small2 = arena_alloc(a, 16);
    memset(big, 0x5A, 4u * 1024 * 1024);
    assert_int_equal(small1[0], 0);
    assert_int_equal(small2[0], 0);
    assert_true((uintptr_t)small2 > (uintptr_t)small1);
    assert_true((uintptr_t)small2 - (uintptr_t)small1 < 1024);
    arena_free(a);
}

static void test_arena_used_counts_bytes_handed_out(void **state)
{
    struct arena *a = arena_new();
    assert_int_equal(arena_used(a), 0);
    arena_alloc(a, 10);
    size_t after_one = arena_used(a);
    assert_true(after_one >= 10);
    assert_true(after_one < 10 + _Alignof(max_align_t));
    arena_alloc(a, 1000000);
    assert_true(arena_used(a) >= after_one + 1000000);
    arena_free(a);
}

static void test_arena_strdup_copies_and_null_stays_null(void **state)
{
    struct arena *a = arena_new();
    char src[] = "Vogelbuurt";
    char *copy = arena_strdup(a, src);
    src[0] = 'X';
    assert_string_equal(copy, "Vogelbuurt");
    assert_null(arena_strdup(a, NULL));
    arena_free(a);
}

static void test_arena_strndup_stops_at_n_and_at_nul(void **state)
{
    struct arena *a = arena_new();
    assert_string_equal(arena_strndup(a, "buurtcentrum", 5), "buurt");
    assert_string_equal(arena_strndup(a, "wijk", 100), "wijk");
    assert_string_equal(arena_strndup(a, "abc", 0), "");
    arena_free(a);
}

static void test_arena_printf_formats_any_length(void **state)
{
    struct arena *a = arena_new();
    assert_string_equal(arena_printf(a, "%s-%04d", "BU", 363), "BU-0363");
    char long_text[20001];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    char *s = arena_printf(a, "<%s>", long_text);
    assert_int_equal(strlen(s), 20002);
    assert_int_equal(s[0], '<');
    assert_int_equal(s[20001], '>');
    arena_free(a);
}

static void overflowing_array(void *arg)
{
    arena_array(arg, SIZE_MAX / 2, 3);
}

static void test_arena_array_aborts_on_overflow(void **state)
{
    struct arena *a = arena_new();
    assert_true(dies_with_abort(overflowing_array, a, NULL));
    assert_non_null(arena_array(a, 1000, 8));
    arena_free(a);
}

static void overflowing_alloc(void *arg)
{
    arena_alloc(arg, SIZE_MAX - 3);
}

static void test_arena_alloc_aborts_on_overflow(void **state)
{
    struct arena *a = arena_new();
    assert_true(dies_with_abort(overflowing_alloc, a, NULL));
    arena_free(a);
}

static void test_arena_free_accepts_null(void **state)
{
    arena_free(NULL);
    assert_int_equal(arena_used(NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_alloc_is_aligned_for_any_type),
        cmocka_unit_test(test_arena_alloc_is_zero_filled),
        cmocka_unit_test(test_arena_zero_size_gives_unique_pointers),
        cmocka_unit_test(test_arena_many_allocations_do_not_overlap),
        cmocka_unit_test(test_arena_big_allocation_keeps_current_chunk),
        cmocka_unit_test(test_arena_used_counts_bytes_handed_out),
        cmocka_unit_test(test_arena_strdup_copies_and_null_stays_null),
        cmocka_unit_test(test_arena_strndup_stops_at_n_and_at_nul),
        cmocka_unit_test(test_arena_printf_formats_any_length),
        cmocka_unit_test(test_arena_array_aborts_on_overflow),
        cmocka_unit_test(test_arena_alloc_aborts_on_overflow),
        cmocka_unit_test(test_arena_free_accepts_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
