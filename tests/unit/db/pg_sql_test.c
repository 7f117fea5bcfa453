/* Tests of src/db/pg_sql.c: turning `?` placeholders into $1, $2, ... for
 * libpq, and leaving alone every `?` that is not a placeholder. Pure text in,
 * text out: no server needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/buf.h"
#include "db/pg.h"

/* Translates sql, checks the text and the count, and returns has_code. */
static bool expect(const char *sql, const char *want, int want_n)
{
    struct buf out = BUF_INIT;
    bool code = false;
    int n = pg_sql_translate(sql, &out, &code);
    assert_string_equal(buf_cstr(&out), want);
    assert_int_equal(n, want_n);
    buf_free(&out);
    return code;
}

static void test_translate_numbers_placeholders_in_order(void **state)
{
    expect("SELECT a FROM t WHERE b = ? AND c > ? LIMIT ?",
           "SELECT a FROM t WHERE b = $1 AND c > $2 LIMIT $3", 3);
}

static void test_translate_counts_beyond_nine(void **state)
{
    expect("VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
           "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)", 13);
}

static void test_translate_without_placeholders_copies_text(void **state)
{
    expect("SELECT 1", "SELECT 1", 0);
}

static void test_translate_adjacent_placeholders(void **state)
{
    expect("SELECT ?||?", "SELECT $1||$2", 2);
}

static void test_translate_skips_question_mark_in_string(void **state)
{
    expect("SELECT '?', ? FROM t WHERE x = 'why?'", "SELECT '?', $1 FROM t WHERE x = 'why?'", 1);
}

static void test_translate_doubled_quote_stays_in_string(void **state)
{
    expect("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1);
}

static void test_translate_string_ending_in_doubled_quote(void **state)
{
    expect("SELECT '''', ?, '?'''", "SELECT '''', $1, '?'''", 1);
}

static void test_translate_backslash_escapes_only_in_e_strings(void **state)
{
    /* In E'...' \' is a quote inside; in a plain string \ is just \. */
    expect("SELECT E'a\\'?', ?", "SELECT E'a\\'?', $1", 1);
    expect("SELECT 'a\\', ?", "SELECT 'a\\', $1", 1);
}

static void test_translate_identifier_ending_in_e_is_not_e_string(void **state)
{
    /* "name" followed by a string is not E'...': \ does not escape. */
    expect("SELECT 1 FROM t WHERE name='\\' OR ?", "SELECT 1 FROM t WHERE name='\\' OR $1", 1);
}

static void test_translate_skips_question_mark_in_quoted_identifier(void **state)
{
    expect("SELECT \"why?\" FROM t WHERE \"a\"\"?\" = ?",
           "SELECT \"why?\" FROM t WHERE \"a\"\"?\" = $1", 1);
}

static void test_translate_skips_line_comment(void **state)
{
    expect("SELECT ? -- what?\n, ?", "SELECT $1 -- what?\n, $2", 2);
}

static void test_translate_line_comment_to_end_of_text(void **state)
{
    expect("SELECT ? -- really?", "SELECT $1 -- really?", 1);
}

static void test_translate_skips_nested_block_comment(void **state)
{
    expect("SELECT /* a? /* b? */ c? */ ?", "SELECT /* a? /* b? */ c? */ $1", 1);
}

static void test_translate_minus_and_slash_are_operators(void **state)
{
    expect("SELECT ? - ?, ? / ?", "SELECT $1 - $2, $3 / $4", 4);
}

static void test_translate_unterminated_string_is_copied(void **state)
{
    /* The server reports the error; the translation must not run past it. */
    expect("SELECT 'open ?", "SELECT 'open ?", 0);
}

static void test_translate_keeps_utf8(void **state)
{
    expect("SELECT 'café ?' || ? AS \"naïef\"", "SELECT 'café ?' || $1 AS \"naïef\"", 1);
}

static void test_translate_reports_code(void **state)
{
    assert_true(expect("SELECT 1", "SELECT 1", 0));
    assert_true(expect("?", "$1", 1));
    assert_true(expect("''", "''", 0));
}

static void test_translate_blank_or_comment_has_no_code(void **state)
{
    assert_false(expect("", "", 0));
    assert_false(expect(" \n\t ", " \n\t ", 0));
    assert_false(expect("-- nothing?\n/* nothing? */", "-- nothing?\n/* nothing? */", 0));
}

static void test_translate_resets_output_buffer(void **state)
{
    struct buf out = BUF_INIT;
    buf_puts(&out, "old text");
    assert_int_equal(pg_sql_translate("SELECT ?", &out, NULL), 1);
    assert_string_equal(buf_cstr(&out), "SELECT $1");
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_translate_numbers_placeholders_in_order),
        cmocka_unit_test(test_translate_counts_beyond_nine),
        cmocka_unit_test(test_translate_without_placeholders_copies_text),
        cmocka_unit_test(test_translate_adjacent_placeholders),
        cmocka_unit_test(test_translate_skips_question_mark_in_string),
        cmocka_unit_test(test_translate_doubled_quote_stays_in_string),
        cmocka_unit_test(test_translate_string_ending_in_doubled_quote),
        cmocka_unit_test(test_translate_backslash_escapes_only_in_e_strings),
        cmocka_unit_test(test_translate_identifier_ending_in_e_is_not_e_string),
        cmocka_unit_test(test_translate_skips_question_mark_in_quoted_identifier),
        cmocka_unit_test(test_translate_skips_line_comment),
        cmocka_unit_test(test_translate_line_comment_to_end_of_text),
        cmocka_unit_test(test_translate_skips_nested_block_comment),
        cmocka_unit_test(test_translate_minus_and_slash_are_operators),
        cmocka_unit_test(test_translate_unterminated_string_is_copied),
        cmocka_unit_test(test_translate_keeps_utf8),
        cmocka_unit_test(test_translate_reports_code),
        cmocka_unit_test(test_translate_blank_or_comment_has_no_code),
        cmocka_unit_test(test_translate_resets_output_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
