/* Tests for core/embed.c and the table tools/embed.py generates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/embed.h"

static void test_embed_table_is_sorted_and_nul_terminated(void **state)
{
    size_t n = 0;
    for (const struct embedded_file *f = embedded_files; f->path; f++, n++) {
        assert_int_equal(f->data[f->size], '\0');
        if (n > 0)
            assert_true(strcmp(f[-1].path, f->path) < 0);
    }
    assert_true(n >= 6);
}

static void test_embed_find_returns_every_entry(void **state)
{
    for (const struct embedded_file *f = embedded_files; f->path; f++)
        assert_ptr_equal(embed_find(f->path), f);
}

static void test_embed_find_gives_file_contents(void **state)
{
    const struct embedded_file *sql = embed_find("sql/sqlite/0001_areas.sql");
    assert_non_null(sql);
    assert_int_equal(strlen((const char *)sql->data), sql->size);
    assert_non_null(strstr((const char *)sql->data, "CREATE TABLE"));
    const struct embedded_file *doc = embed_find("docs/openapi.json");
    assert_non_null(doc);
    assert_non_null(strstr((const char *)doc->data, "\"openapi\""));
    const struct embedded_file *css = embed_find("static/style.css");
    assert_non_null(css);
    assert_int_equal(strlen((const char *)css->data), css->size);
}

static void test_embed_find_unknown_path_is_null(void **state)
{
    assert_null(embed_find("static/missing.css"));
    assert_null(embed_find(""));
    assert_null(embed_find("zzz"));
    assert_null(embed_find("aaa"));
    assert_null(embed_find(NULL));
}

static void test_embed_find_needs_exact_path(void **state)
{
    assert_null(embed_find("static/style"));
    assert_null(embed_find("static/style.css/"));
    assert_null(embed_find("/static/style.css"));
    assert_null(embed_find("Static/style.css"));
    assert_null(embed_find("static/../static/style.css"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_embed_table_is_sorted_and_nul_terminated),
        cmocka_unit_test(test_embed_find_returns_every_entry),
        cmocka_unit_test(test_embed_find_gives_file_contents),
        cmocka_unit_test(test_embed_find_unknown_path_is_null),
        cmocka_unit_test(test_embed_find_needs_exact_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
