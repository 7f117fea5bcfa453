/* Tests of src/render/chart.c: an accessible drawing (role, title, desc,
 * labelled axes with the unit), suppressed values as gaps and words rather
 * than zeros, numbers in the chart's language, round axis ticks, escaped
 * text, and the table holding the same data as the line; for the bar
 * charts also the height that grows with the bars, marked bars that differ
 * by pattern, outline and word, and long labels cut only in the drawing. */
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

/* ---- bar charts --------------------------------------------------------- */

static const struct chart_bar BARS[] = {
    {"Centrum", 10.5, false, false},
    {"Kanaalzone", 4, false, true},
    {"Haven", 0, true, false},
    {"Oud-West", 20, false, false},
};

static struct chart_bars bar_sample(const char *lang, const struct chart_bar *bars, int n)
{
    return (struct chart_bars){.id = "b",
                               .lang = lang,
                               .title = "Activation in the buurten of Noord",
                               .desc = "One bar per buurt.",
                               .x_label = "Buurt",
                               .y_label = "Activation",
                               .unit = "per 1,000",
                               .suppressed = "not shown",
                               .marker = "warning",
                               .decimals = 1,
                               .bars = bars,
                               .n = n};
}

static void test_bars_have_an_accessible_name_and_grow_with_their_number(void **state)
{
    (void)state;
    struct chart_bars c = bar_sample("en", BARS, 4);
    struct buf b = BUF_INIT;
    chart_bars_svg(&b, &c);
    const char *s = buf_cstr(&b);
    assert_non_null(strstr(s, "role=\"img\" aria-labelledby=\"b-t\" aria-describedby=\"b-d\""));
    assert_non_null(strstr(s, "<title id=\"b-t\">Activation in the buurten of Noord</title>"));
    assert_non_null(strstr(s, "<desc id=\"b-d\">One bar per buurt.</desc>"));
    assert_non_null(strstr(s, ">Activation (per 1,000)</text>"));
    assert_non_null(strstr(s, ">Buurt</text>"));
    char box[64];
    snprintf(box, sizeof box, "viewBox=\"0 0 %d %d\"", CHART_WIDTH, 24 + 4 * CHART_BAR_ROW + 44);
    assert_non_null(strstr(s, box));
    buf_free(&b);

    struct chart_bar many[40];
    for (int i = 0; i < 40; i++)
        many[i] = (struct chart_bar){"Buurt", i, false, false};
    c = bar_sample("en", many, 40);
    chart_bars_svg(&b, &c);
    snprintf(box, sizeof box, "viewBox=\"0 0 %d %d\"", CHART_WIDTH, 24 + 40 * CHART_BAR_ROW + 44);
    assert_non_null(strstr(buf_cstr(&b), box));
    assert_int_equal(count(buf_cstr(&b), "<rect"), 40);
    buf_free(&b);
}

/* 0..20 in steps of 5 along the bottom, with the chart's one decimal. */
static void test_bar_axis_runs_from_zero_over_round_ticks(void **state)
{
    (void)state;
    struct chart_bars c = bar_sample("en", BARS, 4);
    struct buf b = BUF_INIT;
    chart_bars_svg(&b, &c);
    const char *s = buf_cstr(&b);
    assert_non_null(strstr(s, ">0.0</text>"));
    assert_non_null(strstr(s, ">5.0</text>"));
    assert_non_null(strstr(s, ">20.0</text>"));
    assert_null(strstr(s, ">25.0</text>"));
    buf_free(&b);
}

/* Haven is suppressed: three bars for four buurten, the word where the
 * fourth would be, and the word in the table, never a zero. */
static void test_suppressed_bar_is_the_word_and_no_bar(void **state)
{
    (void)state;
    struct chart_bars c = bar_sample("en", BARS, 4);
    struct buf svg = BUF_INIT, table = BUF_INIT;
    chart_bars_svg(&svg, &c);
    chart_bars_table(&table, &c);
    assert_int_equal(count(buf_cstr(&svg), "<rect x="), 3);
    assert_int_equal(count(buf_cstr(&svg), ">not shown</text>"), 1);
    assert_non_null(strstr(buf_cstr(&svg), "<title>Haven: not shown</title>"));
    assert_non_null(
        strstr(buf_cstr(&table), "<th scope=\"row\">Haven</th><td class=\"num\">not shown</td>"));
    assert_null(strstr(buf_cstr(&table), ">0.0<"));
    buf_free(&svg);
    buf_free(&table);
}

/* Kanaalzone is marked: hatched and outlined, and the word in its label,
 * its title and the table; no other bar is. */
static void test_marked_bar_has_a_pattern_an_outline_and_the_word(void **state)
{
    (void)state;
    struct chart_bars c = bar_sample("en", BARS, 4);
    struct buf svg = BUF_INIT, table = BUF_INIT;
    chart_bars_svg(&svg, &c);
    chart_bars_table(&table, &c);
    const char *s = buf_cstr(&svg);
    assert_non_null(strstr(s, "<pattern id=\"b-h\""));
    assert_int_equal(count(s, "fill=\"url(#b-h)\" stroke="), 1);
    assert_non_null(strstr(s, ">Kanaalzone (warning)</text>"));
    assert_non_null(strstr(s, "<title>Kanaalzone (warning): 4.0</title>"));
    assert_int_equal(count(s, "(warning)"), 2);
    assert_non_null(strstr(
        buf_cstr(&table), "<th scope=\"row\">Kanaalzone (warning)</th><td class=\"num\">4.0</td>"));
    assert_int_equal(count(buf_cstr(&table), "(warning)"), 1);
    buf_free(&svg);
    buf_free(&table);
}

static void test_unmarked_bars_need_no_pattern(void **state)
{
    (void)state;
    const struct chart_bar plain[] = {{"Centrum", 3, false, false}};
    struct chart_bars c = bar_sample("en", plain, 1);
    struct buf b = BUF_INIT;
    chart_bars_svg(&b, &c);
    assert_null(strstr(buf_cstr(&b), "<pattern"));
    assert_null(strstr(buf_cstr(&b), "warning"));
    buf_free(&b);
}

static void test_bar_numbers_are_written_in_the_charts_language(void **state)
{
    (void)state;
    const struct chart_bar big[] = {{"Centrum", 1234.5, false, false},
                                    {"Haven", 10.5, false, false}};
    struct buf nl = BUF_INIT, en = BUF_INIT;
    struct chart_bars c = bar_sample("nl", big, 2);
    chart_bars_write(&nl, &c);
    c.lang = "en";
    chart_bars_write(&en, &c);
    assert_non_null(strstr(buf_cstr(&nl), "<td class=\"num\">1.234,5</td>"));
    assert_non_null(strstr(buf_cstr(&nl), "<td class=\"num\">10,5</td>"));
    assert_non_null(strstr(buf_cstr(&nl), ">1.500,0</text>"));
    assert_non_null(strstr(buf_cstr(&en), "<td class=\"num\">1,234.5</td>"));
    assert_non_null(strstr(buf_cstr(&en), "<td class=\"num\">10.5</td>"));
    assert_non_null(strstr(buf_cstr(&en), ">1,500.0</text>"));
    assert_non_null(strstr(buf_cstr(&en), "<title>Centrum: 1,234.5</title>"));
    buf_free(&nl);
    buf_free(&en);
}

/* A name longer than the drawing holds is cut with an ellipsis there (on
 * a character, not inside one), whole in the bar's title and the table. */
static void test_long_label_is_cut_only_in_the_drawing(void **state)
{
    (void)state;
    const char *name = "Bedrijventerrein Kanaalzone-Noord en Zuidelijke Oever";
    const struct chart_bar bars[] = {{name, 2, false, false},
                                     {"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                                      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                                      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                                      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                                      "\xc3\xa9\xc3\xa9",
                                      3, false, true}};
    struct chart_bars c = bar_sample("en", bars, 2);
    struct buf b = BUF_INIT;
    chart_bars_write(&b, &c);
    const char *s = buf_cstr(&b);
    assert_non_null(strstr(s, ">Bedrijventerrein Kanaalzone\xe2\x80\xa6</text>"));
    assert_non_null(strstr(s, "<title>Bedrijventerrein Kanaalzone-Noord en Zuidelijke Oever: 2.0"));
    assert_non_null(strstr(s, "<th scope=\"row\">Bedrijventerrein Kanaalzone-Noord en Zuidelijke "
                              "Oever</th>"));
    /* marked: 28 - len(" (warning)") = 18 characters, the last the ellipsis */
    assert_non_null(strstr(s, ">\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                              "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                              "\xc3\xa9\xe2\x80\xa6 (warning)</text>"));
    buf_free(&b);
}

static void test_bar_text_is_escaped_everywhere(void **state)
{
    (void)state;
    const struct chart_bar bars[] = {{"<b>Centrum</b>", 1, false, true}, {"A & B", 1, true, false}};
    struct chart_bars c = bar_sample("en", bars, 2);
    c.title = "A & <script>";
    c.marker = "<i>!</i>";
    c.suppressed = "\"none\"";
    c.id = "b\"x";
    struct buf b = BUF_INIT;
    chart_bars_write(&b, &c);
    const char *s = buf_cstr(&b);
    assert_null(strstr(s, "<script>"));
    assert_null(strstr(s, "<b>"));
    assert_null(strstr(s, "<i>"));
    assert_null(strstr(s, "b\"x"));
    assert_non_null(strstr(s, "A &amp; &lt;script&gt;"));
    assert_non_null(strstr(s, "&lt;b&gt;Centrum&lt;/b&gt; (&lt;i&gt;!&lt;/i&gt;)"));
    assert_non_null(strstr(s, ">&quot;none&quot;</text>"));
    assert_non_null(strstr(s, "<title>A &amp; B: &quot;none&quot;</title>"));
    buf_free(&b);
}

/* The drawing and its table side by side in the boxes chart_write uses. */
static void test_bars_are_written_with_their_table_beside(void **state)
{
    (void)state;
    struct chart_bars c = bar_sample("en", BARS, 4);
    struct buf b = BUF_INIT;
    chart_bars_write(&b, &c);
    const char *s = buf_cstr(&b);
    const char *fig =
        strstr(s, "<div class=\"chart\" id=\"b\">\n<figure class=\"chart-figure\"><svg");
    const char *sec = strstr(s, "</svg></figure>\n<section class=\"table-scroll\" tabindex=\"0\" "
                                "aria-labelledby=\"b-c\">\n<table>\n<caption id=\"b-c\">");
    assert_non_null(fig);
    assert_non_null(sec);
    assert_true(fig < sec);
    assert_non_null(strstr(s, "<th scope=\"col\" class=\"num\">Activation (per 1,000)</th>"));
    assert_int_equal(count(s, "<tr>"), 5);
    assert_non_null(strstr(s, "</tbody>\n</table>\n</section>\n</div>\n"));
    buf_free(&b);
}

static void test_no_bars_draw_the_axis_and_an_empty_table(void **state)
{
    (void)state;
    struct chart_bars c = bar_sample("en", NULL, 0);
    struct buf b = BUF_INIT;
    chart_bars_write(&b, &c);
    const char *s = buf_cstr(&b);
    assert_non_null(strstr(s, ">Activation (per 1,000)</text></svg>"));
    assert_null(strstr(s, "<rect"));
    assert_non_null(strstr(s, "<tbody>\n</tbody>"));
    buf_free(&b);
}

/* A negative value pulls the axis below zero and its bar runs left of the
 * zero line; -3..7 gets ticks from -5 to 7.5. */
static void test_negative_bar_runs_left_of_zero(void **state)
{
    (void)state;
    const struct chart_bar bars[] = {{"a", -3, false, false}, {"b", 7, false, false}};
    struct chart_bars c = bar_sample("en", bars, 2);
    c.decimals = 0;
    struct buf b = BUF_INIT;
    chart_bars_svg(&b, &c);
    const char *s = buf_cstr(&b);
    assert_non_null(strstr(s, ">-5.0</text>"));
    assert_non_null(strstr(s, ">7.5</text>"));
    /* -5..7.5 over 208..456: zero at 307.2, -3 at 247.7, 7 at 446.1 */
    assert_non_null(strstr(s, "<rect x=\"247.7\" y=\"27.0\" width=\"59.5\""));
    assert_non_null(strstr(s, "<rect x=\"307.2\" y=\"47.0\" width=\"138.9\""));
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
        cmocka_unit_test(test_bars_have_an_accessible_name_and_grow_with_their_number),
        cmocka_unit_test(test_bar_axis_runs_from_zero_over_round_ticks),
        cmocka_unit_test(test_suppressed_bar_is_the_word_and_no_bar),
        cmocka_unit_test(test_marked_bar_has_a_pattern_an_outline_and_the_word),
        cmocka_unit_test(test_unmarked_bars_need_no_pattern),
        cmocka_unit_test(test_bar_numbers_are_written_in_the_charts_language),
        cmocka_unit_test(test_long_label_is_cut_only_in_the_drawing),
        cmocka_unit_test(test_bar_text_is_escaped_everywhere),
        cmocka_unit_test(test_bars_are_written_with_their_table_beside),
        cmocka_unit_test(test_no_bars_draw_the_axis_and_an_empty_table),
        cmocka_unit_test(test_negative_bar_runs_left_of_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
