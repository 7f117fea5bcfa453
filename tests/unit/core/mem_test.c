/* Tests for core/mem.c: allocation that aborts, with file and line, instead
 * of returning NULL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/mem.h"
#include "expect_abort.h"

/* Under AddressSanitizer an impossible malloc must return NULL, as libc's
 * does, so that mem.c's own out-of-memory path is what gets tested. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "allocator_may_return_null=1";
}

static void test_mem_malloc_gives_usable_memory(void **state)
{
    char *p = xmalloc(100);
    memset(p, 'x', 100);
    free(p);
    p = xmalloc(0);
    assert_non_null(p);
    free(p);
}

static void test_mem_calloc_is_zero_filled(void **state)
{
    unsigned char *p = xcalloc(1000, 4);
    for (int i = 0; i < 4000; i++)
        assert_int_equal(p[i], 0);
    free(p);
    p = xcalloc(0, 8);
    assert_non_null(p);
    free(p);
}

static void test_mem_realloc_keeps_contents(void **state)
{
    char *p = xmalloc(4);
    memcpy(p, "abc", 4);
    p = xrealloc(p, 100000);
    assert_string_equal(p, "abc");
    p = xrealloc(p, 0);
    assert_non_null(p);
    free(p);
}

static void test_mem_strdup_copies_and_null_stays_null(void **state)
{
    char src[] = "wijk";
    char *p = xstrdup(src);
    src[0] = 'X';
    assert_string_equal(p, "wijk");
    free(p);
    assert_null(xstrdup(NULL));
}

static void impossible_malloc(void *arg)
{
    (void)xmalloc(SIZE_MAX - 16);
}

static void impossible_calloc(void *arg)
{
    (void)xcalloc(SIZE_MAX / 2, 4);
}

static void check_oom_report(void (*fn)(void *))
{
    struct buf err = BUF_INIT;
    assert_true(dies_with_abort(fn, NULL, &err));
    const char *msg = buf_cstr(&err);
    assert_non_null(strstr(msg, "out of memory at "));
    assert_non_null(strstr(msg, "mem_test.c:"));
    buf_free(&err);
}

static void test_mem_malloc_aborts_with_file_and_line(void **state)
{
    check_oom_report(impossible_malloc);
}

static void test_mem_calloc_overflow_aborts_with_file_and_line(void **state)
{
    check_oom_report(impossible_calloc);
}

static void report_oom(void *arg)
{
    mem_oom("model/pledge.c", 42);
}

static void test_mem_oom_names_file_and_line(void **state)
{
    struct buf err = BUF_INIT;
    assert_true(dies_with_abort(report_oom, NULL, &err));
    assert_string_equal(buf_cstr(&err), "out of memory at model/pledge.c:42\n");
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mem_malloc_gives_usable_memory),
        cmocka_unit_test(test_mem_calloc_is_zero_filled),
        cmocka_unit_test(test_mem_realloc_keeps_contents),
        cmocka_unit_test(test_mem_strdup_copies_and_null_stays_null),
        cmocka_unit_test(test_mem_malloc_aborts_with_file_and_line),
        cmocka_unit_test(test_mem_calloc_overflow_aborts_with_file_and_line),
        cmocka_unit_test(test_mem_oom_names_file_and_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
