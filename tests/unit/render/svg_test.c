/* Tests of src/render/svg.c: outlines drawn from GeoJSON, proportions kept,
 * text escaped, and malformed geometry skipped without harm. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "render/svg.h"

#define SQUARE_52 "{\"type\":\"Polygon\",\"coordinates\":[[[4,52],[5,52],[5,53],[4,53],[4,52]]]}"

/* svg_map with one outline (and optional children); the output in *out. */
static bool draw(struct buf *out, const char *title, const char *outline,
                 const char *const *children, int n)
{
    struct svg_map m = {"map-t", title, outline, children, n};
    return svg_map(out, &m);
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_polygon_draws_an_accessible_svg_with_a_path(void **state)
{
    struct buf b = BUF_INIT;
    assert_true(draw(&b, "Outline of Centrum", SQUARE_52, NULL, 0));
    const char *s = buf_cstr(&b);
    assert_non_null(strstr(s, "<svg "));
    assert_non_null(strstr(s, "viewBox=\"0 0 400 300\""));
    assert_non_null(strstr(s, "role=\"img\" aria-labelledby=\"map-t\""));
    assert_non_null(strstr(s, "<title id=\"map-t\">Outline of Centrum</title>"));
    assert_int_equal(count(s, "<path "), 1);
    assert_non_null(strstr(s, " d=\"M"));
    assert_non_null(strstr(s, "Z\"/>"));
    assert_non_null(strstr(s, "</svg>"));
    buf_free(&b);
}

static void test_title_is_escaped(void **state)
{
    struct buf b = BUF_INIT;
    assert_true(draw(&b, "<script>alert(1)</script>", SQUARE_52, NULL, 0));
    assert_null(strstr(buf_cstr(&b), "<script>"));
    assert_non_null(strstr(buf_cstr(&b), "&lt;script&gt;"));
    buf_free(&b);
}

static void test_longitude_is_scaled_by_cos_latitude(void **state)
{
    /* A 1 x 1 degree square around 60N is half as wide as it is high:
     * 280 units high (300 - 2 x 10 padding), 140 wide, centred at 200. */
    const char *sq = "{\"type\":\"Polygon\",\"coordinates\":"
                     "[[[10,59.5],[11,59.5],[11,60.5],[10,60.5],[10,59.5]]]}";
    struct buf b = BUF_INIT;
    assert_true(draw(&b, "t", sq, NULL, 0));
    const char *d = strstr(buf_cstr(&b), " d=\"");
    assert_non_null(d);
    /* First point (10, 59.5) is the south-west corner: bottom left. */
    assert_non_null(strstr(d, "M130.0 290.0"));
    assert_non_null(strstr(d, "L270.0 290.0"));
    assert_non_null(strstr(d, "L270.0 10.0"));
    assert_non_null(strstr(d, "L130.0 10.0"));
    buf_free(&b);
}

static void test_multipolygon_draws_every_ring(void **state)
{
    const char *mp = "{\"type\":\"MultiPolygon\",\"coordinates\":["
                     "[[[4,52],[4.4,52],[4.4,52.4],[4,52]]],"
                     "[[[4.6,52.6],[5,52.6],[5,53],[4.6,52.6]],"
                     " [[4.7,52.7],[4.8,52.7],[4.8,52.8],[4.7,52.7]]]]}";
    struct buf b = BUF_INIT;
    assert_true(draw(&b, "t", mp, NULL, 0));
    assert_int_equal(count(buf_cstr(&b), "<path "), 1);
    assert_int_equal(count(strstr(buf_cstr(&b), " d=\""), "M"), 3);
    assert_int_equal(count(strstr(buf_cstr(&b), " d=\""), "Z"), 3);
    assert_non_null(strstr(buf_cstr(&b), "fill-rule=\"evenodd\""));
    buf_free(&b);
}

static void test_feature_wrapper_is_accepted(void **state)
{
    struct buf b = BUF_INIT;
    assert_true(draw(&b, "t", "{\"type\":\"Feature\",\"properties\":{},\"geometry\":" SQUARE_52 "}",
                     NULL, 0));
    assert_int_equal(count(buf_cstr(&b), "<path "), 1);
    buf_free(&b);
}

static void test_children_are_outlined_inside_the_parent(void **state)
{
    const char *kids[] = {
        "{\"type\":\"Polygon\",\"coordinates\":[[[4,52],[4.5,52],[4.5,53],[4,53],[4,52]]]}",
        NULL, /* a child without a boundary */
        "{\"type\":\"Polygon\",\"coordinates\":[[[4.5,52],[5,52],[5,53],[4.5,53],[4.5,52]]]}",
    };
    struct buf b = BUF_INIT;
    assert_true(draw(&b, "t", SQUARE_52, kids, 3));
    assert_int_equal(count(buf_cstr(&b), "class=\"map-area\""), 1);
    assert_int_equal(count(buf_cstr(&b), "class=\"map-child\""), 2);
    buf_free(&b);
}

static void test_children_alone_are_drawn_as_areas(void **state)
{
    const char *kids[] = {SQUARE_52};
    struct buf b = BUF_INIT;
    assert_true(draw(&b, "t", NULL, kids, 1));
    assert_int_equal(count(buf_cstr(&b), "class=\"map-area\""), 1);
    assert_int_equal(count(buf_cstr(&b), "map-child"), 0);
    buf_free(&b);
}

/* Malformed input: nothing is written and false is returned. */
static void check_nothing_drawn(const char *geojson)
{
    struct buf b = BUF_INIT;
    assert_false(draw(&b, "t", geojson, NULL, 0));
    assert_int_equal(b.len, 0);
    buf_free(&b);
}

static void test_malformed_geometry_writes_nothing(void **state)
{
    check_nothing_drawn(NULL);
    check_nothing_drawn("");
    check_nothing_drawn("not json <script>");
    check_nothing_drawn("[1,2,3]");
    check_nothing_drawn("{\"type\":\"Point\",\"coordinates\":[4,52]}");
    check_nothing_drawn("{\"type\":\"Polygon\"}");
    check_nothing_drawn("{\"type\":\"Polygon\",\"coordinates\":\"<svg onload=x>\"}");
    check_nothing_drawn("{\"type\":\"Polygon\",\"coordinates\":[[[\"4\",\"52\"],[5,52],[5,53]]]}");
    check_nothing_drawn("{\"type\":\"Polygon\",\"coordinates\":[[[4,52],[5,52]]]}");
    check_nothing_drawn("{\"type\":\"Polygon\",\"coordinates\":[[[4,52],[5,95],[5,53]]]}");
    check_nothing_drawn("{\"type\":\"Polygon\",\"coordinates\":[[[4,52],[4,52],[4,52],[4,52]]]}");
    check_nothing_drawn("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[4]]]]}");
    check_nothing_drawn("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Feature\"}}");
    check_nothing_drawn("{\"type\":7,\"coordinates\":[[[4,52],[5,52],[5,53]]]}");
}

static void test_bad_rings_are_skipped_good_ones_drawn(void **state)
{
    const char *mixed = "{\"type\":\"MultiPolygon\",\"coordinates\":["
                        "[[[4,52],[5,52],[\"x\",53],[4,52]]],"
                        "[[[4,52],[5,52],[5,53],[4,52]]],"
                        "\"junk\", 5, null]}";
    struct buf b = BUF_INIT;
    assert_true(draw(&b, "t", mixed, NULL, 0));
    assert_int_equal(count(strstr(buf_cstr(&b), " d=\""), "M"), 1);
    buf_free(&b);
}

static void test_deeply_nested_input_does_not_crash(void **state)
{
    struct buf deep = BUF_INIT;
    for (int i = 0; i < 5000; i++)
        buf_putc(&deep, '[');
    struct buf b = BUF_INIT;
    assert_false(draw(&b, "t", buf_cstr(&deep), NULL, 0));
    assert_int_equal(b.len, 0);
    buf_free(&deep);
    buf_free(&b);
}

static void test_path_data_holds_only_numbers_and_commands(void **state)
{
    struct buf b = BUF_INIT;
    assert_true(draw(&b, "t", SQUARE_52, NULL, 0));
    const char *d = strstr(buf_cstr(&b), " d=\"") + 4;
    for (; *d != '"'; d++)
        assert_non_null(strchr("MLZ0123456789. ", *d));
    buf_free(&b);
}

static void test_path_data_is_written_in_tenths_of_a_unit(void **state)
{
    /* The square at 52-53N is 280 units high and 280 x cos(52.5 degrees) =
     * 170.45 wide, centred: x from 114.77 to 285.23, y from 10 to 290. */
    struct buf b = BUF_INIT;
    assert_true(draw(&b, "t", SQUARE_52, NULL, 0));
    assert_non_null(strstr(buf_cstr(&b), " d=\"M114.8 290.0L285.2 290.0L285.2 10.0L114.8 10.0"
                                         "L114.8 290.0Z\"/>"));
    buf_free(&b);
}

static void test_drawing_and_frame_write_what_svg_map_writes(void **state)
{
    const char *kids[] = {SQUARE_52, NULL,
                          "{\"type\":\"Polygon\",\"coordinates\":[[[4.2,52.2],[4.6,52.2],"
                          "[4.6,52.6],[4.2,52.2]]]}"};
    struct svg_map m = {"map-x", "Kaart van <Centrum>", SQUARE_52, kids, 3};
    struct buf whole = BUF_INIT, drawing = BUF_INIT, framed = BUF_INIT;
    assert_true(svg_map(&whole, &m));
    struct svg_map geometry_only = {.outline = SQUARE_52, .children = kids, .nchildren = 3};
    assert_true(svg_map_drawing(&drawing, &geometry_only));
    assert_null(strstr(buf_cstr(&drawing), "<svg"));
    assert_null(strstr(buf_cstr(&drawing), "title"));
    assert_int_equal(count(buf_cstr(&drawing), "<path "), 3);
    svg_map_frame(&framed, &m, buf_cstr(&drawing));
    assert_string_equal(buf_cstr(&framed), buf_cstr(&whole));
    buf_free(&whole);
    buf_free(&drawing);
    buf_free(&framed);
}

static void test_drawing_of_nothing_drawable_writes_nothing(void **state)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "kept");
    struct svg_map m = {.outline = "{\"type\":\"Point\",\"coordinates\":[4,52]}"};
    assert_false(svg_map_drawing(&b, &m));
    struct svg_map none = {0};
    assert_false(svg_map_drawing(&b, &none));
    assert_string_equal(buf_cstr(&b), "kept");
    buf_free(&b);
}

static void test_points_finer_than_half_a_unit_are_dropped(void **state)
{
    /* 1000 points along the south edge of a 1 x 1 degree square at 52N,
     * which is drawn about 172 units wide: at most one point per half unit
     * survives, and the corners stay. */
    struct buf geo = BUF_INIT;
    buf_puts(&geo, "{\"type\":\"Polygon\",\"coordinates\":[[");
    for (int i = 0; i < 1000; i++)
        buf_printf(&geo, "[%.4f,51.5],", 4 + i * 0.001);
    buf_puts(&geo, "[5,51.5],[5,52.5],[4,52.5],[4,51.5]]]}");
    struct buf b = BUF_INIT;
    assert_true(draw(&b, "t", buf_cstr(&geo), NULL, 0));
    const char *d = strstr(buf_cstr(&b), " d=\"");
    int lines = count(d, "L");
    assert_true(lines > 100);
    assert_true(lines < 400);
    assert_non_null(strstr(d, "M113.8 290.0"));
    assert_non_null(strstr(d, "L286.2 10.0"));
    assert_non_null(strstr(d, "L113.8 290.0Z"));
    buf_free(&geo);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_polygon_draws_an_accessible_svg_with_a_path),
        cmocka_unit_test(test_title_is_escaped),
        cmocka_unit_test(test_longitude_is_scaled_by_cos_latitude),
        cmocka_unit_test(test_multipolygon_draws_every_ring),
        cmocka_unit_test(test_feature_wrapper_is_accepted),
        cmocka_unit_test(test_children_are_outlined_inside_the_parent),
        cmocka_unit_test(test_children_alone_are_drawn_as_areas),
        cmocka_unit_test(test_malformed_geometry_writes_nothing),
        cmocka_unit_test(test_bad_rings_are_skipped_good_ones_drawn),
        cmocka_unit_test(test_deeply_nested_input_does_not_crash),
        cmocka_unit_test(test_path_data_holds_only_numbers_and_commands),
        cmocka_unit_test(test_drawing_and_frame_write_what_svg_map_writes),
        cmocka_unit_test(test_drawing_of_nothing_drawable_writes_nothing),
        cmocka_unit_test(test_path_data_is_written_in_tenths_of_a_unit),
        cmocka_unit_test(test_points_finer_than_half_a_unit_are_dropped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
