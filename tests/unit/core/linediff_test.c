/* Tests of the line diff (src/core/linediff.c): equal texts, a changed
 * line, lines added and removed, more added than removed at one place,
 * CRLF line ends, and NULL as an empty text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/linediff.h"

/* The rows as "=a", "-a", "+b", "~a>b", joined by "|". */
static const char *shape(struct arena *a, const char *left, const char *right)
{
    struct linediff_row *rows;
    size_t n;
    linediff(a, left, right, &rows, &n);
    char *out = arena_strdup(a, "");
    for (size_t i = 0; i < n; i++) {
        const char *one = rows[i].op == LINEDIFF_SAME      ? arena_printf(a, "=%s", rows[i].left)
                          : rows[i].op == LINEDIFF_REMOVED ? arena_printf(a, "-%s", rows[i].left)
                          : rows[i].op == LINEDIFF_ADDED   ? arena_printf(a, "+%s", rows[i].right)
                                                           : arena_printf(a, "~%s>%s", rows[i].left,
                                                                          rows[i].right);
        out = arena_printf(a, "%s%s%s", out, i ? "|" : "", one);
    }
    return out;
}

static void test_equal_texts_have_only_same_rows(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    assert_string_equal(shape(a, "a\nb", "a\nb"), "=a|=b");
    struct linediff_row *rows;
    size_t n;
    linediff(a, "x", "x", &rows, &n);
    assert_false(linediff_changed(rows, n));
    arena_free(a);
}

static void test_a_changed_line_is_paired(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    assert_string_equal(shape(a, "a\nb\nc", "a\nB\nc"), "=a|~b>B|=c");
    struct linediff_row *rows;
    size_t n;
    linediff(a, "a\nb", "a\nB", &rows, &n);
    assert_true(linediff_changed(rows, n));
    arena_free(a);
}

static void test_added_and_removed_lines(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    assert_string_equal(shape(a, "a\nc", "a\nb\nc"), "=a|+b|=c");
    assert_string_equal(shape(a, "a\nb\nc", "a\nc"), "=a|-b|=c");
    assert_string_equal(shape(a, "a\nx\nd", "a\ny\nz\nd"), "=a|~x>y|+z|=d");
    assert_string_equal(shape(a, "a\nx\ny\nd", "a\nz\nd"), "=a|~x>z|-y|=d");
    arena_free(a);
}

static void test_crlf_and_null(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    assert_string_equal(shape(a, "a\r\nb", "a\nb"), "=a|=b");
    assert_string_equal(shape(a, NULL, "a"), "~>a");
    assert_string_equal(shape(a, NULL, NULL), "=");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_equal_texts_have_only_same_rows),
        cmocka_unit_test(test_a_changed_line_is_paired),
        cmocka_unit_test(test_added_and_removed_lines),
        cmocka_unit_test(test_crlf_and_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
