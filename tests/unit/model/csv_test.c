/* Tests of the CSV reader (src/core/csv.c), used by the CBS import. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/csv.h"

/* Reads every record of text (NUL-terminated, or len bytes) and renders
 * them as "line:field|field\n"; stops at an error and appends "ERR". */
static char *render_all(const char *text, size_t len, const struct csv_options *opt)
{
    struct csv_reader *r = csv_open_mem(text, len ? len : strlen(text), opt);
    struct buf out = BUF_INIT;
    struct csv_record rec;
    struct fault f = {0};
    enum csv_rc rc;
    while ((rc = csv_next(r, &rec, &f)) == CSV_RECORD) {
        buf_printf(&out, "%ld:", rec.line);
        for (size_t i = 0; i < rec.n; i++)
            buf_printf(&out, "%s%s", i ? "|" : "", rec.fields[i]);
        buf_putc(&out, '\n');
    }
    if (rc == CSV_ERROR)
        buf_puts(&out, "ERR");
    csv_free(r);
    return buf_detach(&out, NULL);
}

static void expect_records(const char *text, const char *want)
{
    char *got = render_all(text, 0, NULL);
    assert_string_equal(got, want);
    free(got);
}

/* Reads until an error and checks the fault: line, column and reason. */
static void expect_error(const char *text, size_t len, const struct csv_options *opt,
                         const char *line, const char *col, const char *why)
{
    struct csv_reader *r = csv_open_mem(text, len ? len : strlen(text), opt);
    struct csv_record rec;
    struct fault f = {0};
    enum csv_rc rc;
    while ((rc = csv_next(r, &rec, &f)) == CSV_RECORD) {
    }
    assert_int_equal(rc, CSV_ERROR);
    assert_int_equal(f.code, ERR_INVALID);
    assert_string_equal(f.msgid, "Line %s, column %s: %s");
    assert_string_equal(f.args[0], line);
    assert_string_equal(f.args[1], col);
    assert_string_equal(f.args[2], why);
    csv_free(r);
}

static void test_csv_detects_semicolon_separator(void **state)
{
    struct csv_reader *r = csv_open_mem("a;b,c;d\n1;2,5;3\n", 16, NULL);
    struct csv_record rec;
    struct fault f = {0};
    assert_int_equal(csv_next(r, &rec, &f), CSV_RECORD);
    assert_int_equal(csv_separator(r), ';');
    assert_int_equal(rec.n, 3);
    assert_string_equal(rec.fields[1], "b,c");
    csv_free(r);
}

static void test_csv_detects_comma_separator(void **state)
{
    expect_records("\"a;x\",b,c\n1,2;3,4\n", "1:a;x|b|c\n2:1|2;3|4\n");
}

static void test_csv_given_separator_wins_over_detection(void **state)
{
    struct csv_options opt = {.sep = '\t'};
    char *got = render_all("a\tb;c;d\n", 0, &opt);
    assert_string_equal(got, "1:a|b;c;d\n");
    free(got);
}

static void test_csv_unquotes_fields_and_doubled_quotes(void **state)
{
    expect_records("\"Buurt     \";\"zeg \"\"hoi\"\"\";\"\"\n", "1:Buurt     |zeg \"hoi\"|\n");
}

static void test_csv_keeps_separators_and_newlines_in_quotes(void **state)
{
    expect_records("a;\"x;y\nz\";b\nc;d;e\n", "1:a|x;y\nz|b\n3:c|d|e\n");
}

static void test_csv_reports_line_where_record_starts(void **state)
{
    expect_records("h\r\n\"two\r\nlines\"\r\nlast\r\n", "1:h\n2:two\r\nlines\n4:last\n");
}

static void test_csv_accepts_crlf_lf_and_lone_cr(void **state)
{
    expect_records("a;b\r\nc;d\ne;f\rg;h", "1:a|b\n2:c|d\n3:e|f\n4:g|h\n");
}

static void test_csv_strips_utf8_bom(void **state)
{
    expect_records("\xEF\xBB\xBF\"ID\";\"Naam\"\n1;\"Zuid\"\n", "1:ID|Naam\n2:1|Zuid\n");
}

static void test_csv_bom_only_inside_is_kept(void **state)
{
    expect_records("a;\xEF\xBB\xBF\n", "1:a|\xEF\xBB\xBF\n");
}

static void test_csv_empty_line_is_one_empty_field(void **state)
{
    expect_records("a;b\n\nc;d\n", "1:a|b\n2:\n3:c|d\n");
}

static void test_csv_empty_input_has_no_records(void **state)
{
    expect_records("", "");
    expect_records("\xEF\xBB\xBF", "");
}

static void test_csv_last_record_without_line_end(void **state)
{
    expect_records("a;b\nc;\"d\"", "1:a|b\n2:c|d\n");
}

static void test_csv_trailing_separator_gives_empty_field(void **state)
{
    expect_records("a;b;\n", "1:a|b|\n");
}

static void test_csv_rejects_invalid_utf8_naming_line_and_column(void **state)
{
    expect_error("a;b\nc;\"d\xC0\xAF\"\n", 0, NULL, "2", "2", "the text is not valid UTF-8.");
}

static void test_csv_rejects_nul_byte(void **state)
{
    expect_error("a;b\0c\n", 6, NULL, "1", "2", "the text is not valid UTF-8.");
}

static void test_csv_rejects_unterminated_quote(void **state)
{
    expect_error("a;b\nc;\"open\nmore\n", 0, NULL, "2", "2", "a quoted field is not closed.");
}

static void test_csv_rejects_text_after_closing_quote(void **state)
{
    expect_error("\"a\"x;b\n", 0, NULL, "1", "1", "text after a closing quote.");
}

static void test_csv_rejects_quote_inside_unquoted_field(void **state)
{
    expect_error("a;b\"c\n", 0, NULL, "1", "2", "a quote inside an unquoted field.");
}

static void test_csv_rejects_field_over_limit(void **state)
{
    struct csv_options opt = {.sep = ';', .max_field = 4};
    char *ok = render_all("abcd;\"wxyz\"\n", 0, &opt);
    assert_string_equal(ok, "1:abcd|wxyz\n");
    free(ok);
    expect_error("abcd;abcde\n", 0, &opt, "1", "2", "the field is too long.");
    expect_error("x\n\"abcde\"\n", 0, &opt, "2", "1", "the field is too long.");
}

static void test_csv_default_field_limit_is_64_kib(void **state)
{
    size_t n = CSV_MAX_FIELD_DEFAULT + 1;
    char *big = malloc(n + 2);
    memset(big, 'x', n);
    memcpy(big + n, "\n", 2);
    expect_error(big, 0, NULL, "1", "1", "the field is too long.");
    big[n - 1] = '\n';
    big[n] = '\0';
    char *got = render_all(big, 0, NULL);
    assert_int_equal(strlen(got), 2 + CSV_MAX_FIELD_DEFAULT + 1);
    free(got);
    free(big);
}

static void test_csv_rejects_too_many_fields(void **state)
{
    struct csv_options opt = {.max_fields = 3};
    char *ok = render_all("a;b;c\n", 0, &opt);
    assert_string_equal(ok, "1:a|b|c\n");
    free(ok);
    expect_error("a;b;c\n1;2;3;4\n", 0, &opt, "2", "4", "the record has too many fields.");
}

static void test_csv_rejects_record_over_limit(void **state)
{
    struct csv_options opt = {.sep = ';', .max_record = 10};
    expect_error("abc;def;ghi;jkl\n", 0, &opt, "1", "3", "the record is too long.");
}

static void test_csv_stays_failed_after_error(void **state)
{
    struct csv_reader *r = csv_open_mem("\"a\"b\nc\n", 7, NULL);
    struct csv_record rec;
    struct fault f = {0};
    assert_int_equal(csv_next(r, &rec, &f), CSV_ERROR);
    assert_int_equal(csv_next(r, &rec, &f), CSV_ERROR);
    csv_free(r);
}

/* A stream longer than the reader's 64 KiB blocks, with quoted fields and
 * line ends falling across block edges. */
static void test_csv_reads_stream_across_blocks(void **state)
{
    FILE *fp = tmpfile();
    assert_non_null(fp);
    fputs("\xEF\xBB\xBF\"code\";\"naam\"\r\n", fp);
    for (int i = 0; i < 20000; i++)
        fprintf(fp, "\"BU%08d\";\"Buurt \"\"%d\"\"\r\nmet regel\"\r\n", i, i);
    long size = ftell(fp);
    rewind(fp);
    struct csv_reader *r = csv_open_file(fp, NULL);
    struct csv_record rec;
    struct fault f = {0};
    assert_int_equal(csv_next(r, &rec, &f), CSV_RECORD);
    assert_string_equal(rec.fields[0], "code");
    char want[64];
    for (int i = 0; i < 20000; i++) {
        assert_int_equal(csv_next(r, &rec, &f), CSV_RECORD);
        assert_int_equal(rec.n, 2);
        assert_int_equal(rec.line, 2 + 2 * i);
        snprintf(want, sizeof want, "BU%08d", i);
        assert_string_equal(rec.fields[0], want);
        snprintf(want, sizeof want, "Buurt \"%d\"\r\nmet regel", i);
        assert_string_equal(rec.fields[1], want);
    }
    assert_int_equal(csv_next(r, &rec, &f), CSV_END);
    assert_int_equal(csv_offset(r), (uint64_t)size);
    assert_int_equal(csv_separator(r), ';');
    csv_free(r);
    fclose(fp);
}

static void test_csv_detects_separator_beyond_first_block(void **state)
{
    FILE *fp = tmpfile();
    assert_non_null(fp);
    for (int i = 0; i < 30000; i++)
        fprintf(fp, "\"k%d,x\";", i);
    fputs("last\n1;2\n", fp);
    rewind(fp);
    struct csv_options opt = {.max_fields = 40000};
    struct csv_reader *r = csv_open_file(fp, &opt);
    struct csv_record rec;
    struct fault f = {0};
    assert_int_equal(csv_next(r, &rec, &f), CSV_RECORD);
    assert_int_equal(csv_separator(r), ';');
    assert_int_equal(rec.n, 30001);
    assert_string_equal(rec.fields[29999], "k29999,x");
    assert_int_equal(csv_next(r, &rec, &f), CSV_RECORD);
    assert_int_equal(rec.line, 2);
    csv_free(r);
    fclose(fp);
}

static void test_csv_offset_counts_consumed_bytes(void **state)
{
    const char *text = "\xEF\xBB\xBF"
                       "a;b\nccc;d\n";
    struct csv_reader *r = csv_open_mem(text, strlen(text), NULL);
    struct csv_record rec;
    struct fault f = {0};
    assert_int_equal(csv_offset(r), 0);
    assert_int_equal(csv_next(r, &rec, &f), CSV_RECORD);
    assert_int_equal(csv_offset(r), 7);
    assert_int_equal(csv_next(r, &rec, &f), CSV_RECORD);
    assert_int_equal(csv_offset(r), strlen(text));
    assert_int_equal(csv_next(r, &rec, &f), CSV_END);
    csv_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_detects_semicolon_separator),
        cmocka_unit_test(test_csv_detects_comma_separator),
        cmocka_unit_test(test_csv_given_separator_wins_over_detection),
        cmocka_unit_test(test_csv_unquotes_fields_and_doubled_quotes),
        cmocka_unit_test(test_csv_keeps_separators_and_newlines_in_quotes),
        cmocka_unit_test(test_csv_reports_line_where_record_starts),
        cmocka_unit_test(test_csv_accepts_crlf_lf_and_lone_cr),
        cmocka_unit_test(test_csv_strips_utf8_bom),
        cmocka_unit_test(test_csv_bom_only_inside_is_kept),
        cmocka_unit_test(test_csv_empty_line_is_one_empty_field),
        cmocka_unit_test(test_csv_empty_input_has_no_records),
        cmocka_unit_test(test_csv_last_record_without_line_end),
        cmocka_unit_test(test_csv_trailing_separator_gives_empty_field),
        cmocka_unit_test(test_csv_rejects_invalid_utf8_naming_line_and_column),
        cmocka_unit_test(test_csv_rejects_nul_byte),
        cmocka_unit_test(test_csv_rejects_unterminated_quote),
        cmocka_unit_test(test_csv_rejects_text_after_closing_quote),
        cmocka_unit_test(test_csv_rejects_quote_inside_unquoted_field),
        cmocka_unit_test(test_csv_rejects_field_over_limit),
        cmocka_unit_test(test_csv_default_field_limit_is_64_kib),
        cmocka_unit_test(test_csv_rejects_too_many_fields),
        cmocka_unit_test(test_csv_rejects_record_over_limit),
        cmocka_unit_test(test_csv_stays_failed_after_error),
        cmocka_unit_test(test_csv_reads_stream_across_blocks),
        cmocka_unit_test(test_csv_detects_separator_beyond_first_block),
        cmocka_unit_test(test_csv_offset_counts_consumed_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
