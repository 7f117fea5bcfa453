/* Tests of src/render/chart.c: an accessible drawing (role, title, desc,
 * labelled axes with the unit), suppressed values as gaps and words rather
 * than zeros, numbers in the chart's language, round axis ticks, escaped
 * text, and the table holding the same data as the line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "render/chart.h"

static const struct chart_point FOUR[] = {
    {"2025 Q1", 10.5, false},
    {"2025 Q2", 12.25, false},
    {"2025 Q3", 0, true},
    {"2025 Q4", 20, false},
};

static struct chart sample(const char *lang, const struct chart_point *pts, int n)
{
    return (struct chart){.id = "i1",
                          .lang = lang,
                          .title = "Activation in Centrum",
                          .desc = "Active residents per 1,000 inhabitants of 15 and over.",
                          .x_label = "Quarter",
                          .y_label = "Activation",
                          .unit = "per 1,000",
                          .suppressed = "not shown",
                          .decimals = 1,
                          .pts = pts,
                          .n = n};
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_svg_has_an_accessible_name_and_description(void **state)
{
    (void)state;
    struct chart c = sample("en", FOUR, 4);
    struct buf b = BUF_INIT;
    chart_svg(&b, &c);
    const char *s = buf_cstr(&b);
    assert_non_null(strstr(s, "role=\"img\" aria-labelledby=\"i1-t\" aria-describedby=\"i1-d\""));
    assert_non_null(strstr(s, "<title id=\"i1-t\">Activation in Centrum</title>"));
    assert_non_null(strstr(s, "<desc id=\"i1-d\">Active residents per 1,000"));
    assert_non_null(strstr(s, "viewBox=\"0 0 480 240\""));
    assert_int_equal(count(s, "<svg"), 1);
    assert_non_null(strstr(s, "</svg>"));
    buf_free(&b);
}

static void test_description_falls_back_to_the_title(void **state)
{
    (void)state;
    struct chart c = sample("en", FOUR, 4);
    c.desc = NULL;
    struct buf b = BUF_INIT;
    chart_svg(&b, &c);
    assert_non_null(strstr(buf_cstr(&b), "<desc id=\"i1-d\">Activation in Centrum</desc>"));
    buf_free(&b);
}

static void test_axes_carry_their_labels_and_the_unit(void **state)
{
    (void)state;
    struct chart c = sample("en", FOUR, 4);
    struct buf b = BUF_INIT;
    chart_svg(&b, &c);
    const char *s = buf_cstr(&b);
    assert_non_null(strstr(s, ">Activation (per 1,000)</text>"));
    assert_non_null(strstr(s, ">Quarter</text>"));
    assert_non_null(strstr(s, ">2025 Q1</text>"));
    assert_non_null(strstr(s, ">2025 Q4</text>"));
    buf_free(&b);
}

/* 0..20 in four steps of 5: ticks 0, 5, 10, 15, 20, written with the
 * chart's one decimal. */
static void test_value_axis_runs_over_round_ticks(void **state)
{
    (void)state;
    struct chart c = sample("en", FOUR, 4);
    struct buf b = BUF_INIT;
    chart_svg(&b, &c);
    const char *s = buf_cstr(&b);
    assert_non_null(strstr(s, ">0.0</text>"));
    assert_non_null(strstr(s, ">5.0</text>"));
    assert_non_null(strstr(s, ">20.0</text>"));
    assert_null(strstr(s, ">25.0</text>"));
    buf_free(&b);
}

/* Point 3 is suppressed: the path restarts (two M commands) and only three
 * markers are drawn; nothing is drawn at zero for it. */
static void test_suppressed_point_is_a_gap_in_the_line(void **state)
{
    (void)state;
    struct chart c = sample("en", FOUR, 4);
    struct buf b = BUF_INIT;
    chart_svg(&b, &c);
    const char *s = buf_cstr(&b);
    const char *d = strstr(s, " d=\"");
    assert_non_null(d);
    const char *end = strchr(d + 4, '"');
    int moves = 0, lines = 0;
    for (const char *p = d + 4; p < end; p++) {
        moves += *p == 'M';
        lines += *p == 'L';
    }
    assert_int_equal(moves, 2);
    assert_int_equal(lines, 1);
    assert_int_equal(count(s, "<circle"), 3);
    buf_free(&b);
}

static void test_all_suppressed_draws_axes_without_a_line(void **state)
{
    (void)state;
    const struct chart_point none[] = {{"2025 Q1", 5, true}, {"2025 Q2", 0.0 / 0.0, false}};
    struct chart c = sample("en", none, 2);
    struct buf b = BUF_INIT;
    chart_svg(&b, &c);
    const char *s = buf_cstr(&b);
    assert_null(strstr(s, "<path"));
    assert_null(strstr(s, "<circle"));
    assert_non_null(strstr(s, ">Quarter</text>"));
    buf_free(&b);
}

static void test_empty_series_still_draws_axes_and_an_empty_table(void **state)
{
    (void)state;
    struct chart c = sample("en", NULL, 0);
    struct buf b = BUF_INIT;
    chart_write(&b, &c);
    const char *s = buf_cstr(&b);
    assert_non_null(strstr(s, "</svg>"));
    assert_non_null(strstr(s, "<tbody>\n</tbody>"));
    buf_free(&b);
}

static void test_table_holds_the_same_data_with_the_suppressed_word(void **state)
{
    (void)state;
    struct chart c = sample("en", FOUR, 4);
    struct buf b = BUF_INIT;
    chart_table(&b, &c);
    const char *s = buf_cstr(&b);
    assert_non_null(strstr(s, "<caption id=\"i1-c\">Activation in Centrum</caption>"));
    assert_non_null(strstr(s, "<th scope=\"col\">Quarter</th>"));
    assert_non_null(strstr(s, "<th scope=\"col\" class=\"num\">Activation (per 1,000)</th>"));
    assert_non_null(strstr(s, "<th scope=\"row\">2025 Q1</th><td class=\"num\">10.5</td>"));
    assert_non_null(strstr(s, "<th scope=\"row\">2025 Q2</th><td class=\"num\">12.3</td>"));
    assert_non_null(strstr(s, "<th scope=\"row\">2025 Q3</th><td class=\"num\">not shown</td>"));
    assert_non_null(strstr(s, "<th scope=\"row\">2025 Q4</th><td class=\"num\">20.0</td>"));
    assert_int_equal(count(s, "<tr>"), 5);
    buf_free(&b);
}

static void test_dutch_chart_writes_decimal_commas(void **state)
{
    (void)state;
    struct chart c = sample("nl", FOUR, 4);
    struct buf b = BUF_INIT;
    chart_write(&b, &c);
    const char *s = buf_cstr(&b);
    assert_non_null(strstr(s, "<td class=\"num\">10,5</td>"));
    assert_non_null(strstr(s, ">20,0</text>"));
    assert_null(strstr(s, ">20.0<"));
    buf_free(&b);
}

static void test_text_is_escaped_everywhere(void **state)
{
    (void)state;
    const struct chart_point pts[] = {{"<b>Q1</b>", 1, false}};
    struct chart c = sample("en", pts, 1);
    c.title = "A & <script>";
    c.unit = "\"%\"";
    struct buf b = BUF_INIT;
    chart_write(&b, &c);
    const char *s = buf_cstr(&b);
    assert_null(strstr(s, "<script>"));
    assert_null(strstr(s, "<b>"));
    assert_non_null(strstr(s, "A &amp; &lt;script&gt;"));
    assert_non_null(strstr(s, "(&quot;%&quot;)"));
    buf_free(&b);
}

/* Twenty quarters get at most eight labels on the axis, but every one of
 * them is in the table. */
static void test_many_steps_thin_the_axis_labels_not_the_table(void **state)
{
    (void)state;
    struct chart_point pts[20];
    char labels[20][16];
    for (int i = 0; i < 20; i++) {
        snprintf(labels[i], sizeof labels[i], "L%02d", i);
        pts[i] = (struct chart_point){labels[i], i, false};
    }
    struct chart c = sample("en", pts, 20);
    struct buf svg = BUF_INIT, table = BUF_INIT;
    chart_svg(&svg, &c);
    chart_table(&table, &c);
    assert_true(count(buf_cstr(&svg), ">L") <= 8);
    assert_non_null(strstr(buf_cstr(&svg), ">L00</text>"));
    assert_int_equal(count(buf_cstr(&table), "<th scope=\"row\">L"), 20);
    buf_free(&svg);
    buf_free(&table);
}

/* Negative values pull the axis below zero; -3..7 gets steps of 2.5 from
 * -5 to 7.5, whose labels need one decimal although the chart has none;
 * markers stay inside the box. */
static void test_negative_values_extend_the_axis_below_zero(void **state)
{
    (void)state;
    const struct chart_point pts[] = {{"a", -3, false}, {"b", 7, false}};
    struct chart c = sample("en", pts, 2);
    c.decimals = 0;
    struct buf b = BUF_INIT;
    chart_svg(&b, &c);
    const char *s = buf_cstr(&b);
    assert_non_null(strstr(s, ">-5.0</text>"));
    assert_non_null(strstr(s, ">-2.5</text>"));
    assert_non_null(strstr(s, ">7.5</text>"));
    assert_null(strstr(s, ">10.0</text>"));
    assert_null(strstr(s, "cy=\"-"));
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_svg_has_an_accessible_name_and_description),
        cmocka_unit_test(test_description_falls_back_to_the_title),
        cmocka_unit_test(test_axes_carry_their_labels_and_the_unit),
        cmocka_unit_test(test_value_axis_runs_over_round_ticks),
        cmocka_unit_test(test_suppressed_point_is_a_gap_in_the_line),
        cmocka_unit_test(test_all_suppressed_draws_axes_without_a_line),
        cmocka_unit_test(test_empty_series_still_draws_axes_and_an_empty_table),
        cmocka_unit_test(test_table_holds_the_same_data_with_the_suppressed_word),
        cmocka_unit_test(test_dutch_chart_writes_decimal_commas),
        cmocka_unit_test(test_text_is_escaped_everywhere),
        cmocka_unit_test(test_many_steps_thin_the_axis_labels_not_the_table),
        cmocka_unit_test(test_negative_values_extend_the_axis_below_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
