/* Tests of the GeoJSON boundary import (src/model/boundary.c): the real
 * Alkmaar wijk boundaries from the team's shared data, and small files that
 * break one rule each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/area.h"
#include "model/boundary.h"
#include "model/cbs.h"
#include "model_testing.h"

#define SQUARE "[[[4.7,52.6],[4.8,52.6],[4.8,52.7],[4.7,52.7],[4.7,52.6]]]"

struct fixture {
    struct db *db;
    struct arena *a;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    fx->db = mt_open_db();
    fx->a = arena_new();
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    db_close(fx->db);
    arena_free(fx->a);
    free(fx);
    return 0;
}

static void put(struct db *db, const char *code, enum area_kind kind, const char *name)
{
    struct area ar = {code, kind, name, NULL};
    struct fault f = {0};
    assert_int_equal(area_upsert(db, &ar, &f), ERR_OK);
}

/* GM0361 and its wijken WK036101 .. WK0361<last>. */
static void put_alkmaar(struct db *db, int last)
{
    put(db, "GM0361", AREA_GEMEENTE, "Alkmaar");
    for (int i = 1; i <= last; i++) {
        char code[16];
        snprintf(code, sizeof code, "WK0361%02d", i);
        put(db, code, AREA_WIJK, code);
    }
}

/* Copies the fault's args and the skipped codes into the fixture's arena,
 * then frees the result. */
static void keep(struct fixture *fx, struct boundary_result *res, struct fault *f)
{
    for (int i = 0; i < FAULT_MAX_ARGS; i++)
        f->args[i] = arena_strdup(fx->a, f->args[i]);
    const char **codes = arena_array(fx->a, (size_t)res->skipped + 1, sizeof *codes);
    for (int i = 0; i < res->skipped; i++)
        codes[i] = arena_strdup(fx->a, res->skipped_codes[i]);
    res->skipped_codes = codes;
    boundary_result_free(res);
}

static enum err import_shared(struct fixture *fx, struct boundary_result *res, struct fault *f)
{
    char *path = mt_shared_path("geo/alkmaar-wijken-2024.geojson");
    enum err e = boundary_import(fx->db, path, "wijkCode", res, f);
    keep(fx, res, f);
    free(path);
    return e;
}

static enum err import_text(struct fixture *fx, const char *text, const char *prop,
                            struct boundary_result *res, struct fault *f)
{
    char *path = mt_write_temp("grenzen.geojson", text, 0);
    enum err e = boundary_import(fx->db, path, prop, res, f);
    keep(fx, res, f);
    mt_remove(path);
    return e;
}

/* A FeatureCollection of two polygons for WK036101 and WK036102; geometry2
 * replaces the second one's geometry. */
static char *two_features(struct fixture *fx, const char *geometry2)
{
    return arena_printf(fx->a,
                        "{\"type\":\"FeatureCollection\",\"features\":["
                        "{\"type\":\"Feature\",\"properties\":{\"code\":\"WK036101\"},"
                        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
                        "{\"type\":\"Feature\",\"properties\":{\"code\":\"WK036102\"},"
                        "\"geometry\":%s}]}",
                        geometry2);
}

static void expect_feature_error(struct fixture *fx, const char *geometry2, const char *why_part)
{
    struct boundary_result res;
    struct fault f = {0};
    put_alkmaar(fx->db, 2);
    assert_int_equal(import_text(fx, two_features(fx, geometry2), NULL, &res, &f), ERR_INVALID);
    assert_string_equal(f.msgid, "features[%s]: %s");
    assert_string_equal(f.args[0], "1");
    if (!strstr(f.args[1], why_part))
        fail_msg("reason \"%s\" lacks \"%s\"", f.args[1], why_part);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_boundary"), 0);
}

/* The wijken come from the CBS test file first, as in real use. */
static void test_boundary_attaches_real_alkmaar_wijken(void **state)
{
    struct fixture *fx = *state;
    struct cbs_result cbs;
    struct fault f = {0};
    char *csv = mt_source_path("tests/data/cbs/kwb-2024-alkmaar.csv");
    assert_int_equal(cbs_import(fx->db, csv, 0, NULL, NULL, &cbs, &f), ERR_OK);
    assert_int_equal(cbs.wijken, 8);
    cbs_result_free(&cbs);
    free(csv);
    struct boundary_result res;
    assert_int_equal(import_shared(fx, &res, &f), ERR_OK);
    assert_int_equal(res.features, 8);
    assert_int_equal(res.attached, 8);
    assert_int_equal(res.skipped, 0);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_boundary WHERE area_code "
                                    "BETWEEN 'WK036101' AND 'WK036108'"),
                     8);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_boundary WHERE min_lon > 4.70 "
                                    "AND max_lon < 4.81 AND min_lat > 52.59 AND max_lat < 52.69 "
                                    "AND min_lon < max_lon AND min_lat < max_lat"),
                     8);
    const char *text = NULL;
    assert_int_equal(area_boundary(fx->db, fx->a, "WK036105", &text, &f), ERR_OK);
    json_error_t jerr;
    json_t *geo = json_loads(text, 0, &jerr);
    assert_non_null(geo);
    assert_string_equal(json_string_value(json_object_get(geo, "type")), "MultiPolygon");
    json_t *ring = json_array_get(json_array_get(json_object_get(geo, "coordinates"), 0), 0);
    assert_int_equal(json_array_size(ring), 13);
    json_decref(geo);
}

static void test_boundary_skips_unknown_codes_and_lists_them(void **state)
{
    struct fixture *fx = *state;
    put_alkmaar(fx->db, 2);
    struct boundary_result res;
    struct fault f = {0};
    assert_int_equal(import_shared(fx, &res, &f), ERR_OK);
    assert_int_equal(res.attached, 2);
    assert_int_equal(res.skipped, 6);
    assert_string_equal(res.skipped_codes[0], "WK036103");
    assert_string_equal(res.skipped_codes[5], "WK036108");
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_boundary"), 2);
}

static void test_boundary_none_matched_is_invalid(void **state)
{
    struct fixture *fx = *state;
    struct boundary_result res;
    struct fault f = {0};
    assert_int_equal(import_shared(fx, &res, &f), ERR_INVALID);
    assert_string_equal(f.args[0], "wijkCode");
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_boundary"), 0);
}

static void test_boundary_default_property_is_code(void **state)
{
    struct fixture *fx = *state;
    put_alkmaar(fx->db, 8);
    struct boundary_result res;
    struct fault f = {0};
    char *path = mt_shared_path("geo/alkmaar-wijken-2024.geojson");
    assert_int_equal(boundary_import(fx->db, path, NULL, &res, &f), ERR_INVALID);
    assert_string_equal(f.msgid, "features[%s]: %s");
    assert_string_equal(f.args[0], "0");
    boundary_result_free(&res);
    free(path);
}

static void test_boundary_rejects_open_ring_naming_feature(void **state)
{
    expect_feature_error(*state,
                         "{\"type\":\"Polygon\",\"coordinates\":[[[4.7,52.6],[4.8,52.6],"
                         "[4.8,52.7],[4.7,52.7],[4.7,52.61]]]}",
                         "not closed");
}

static void test_boundary_rejects_ring_of_three_positions(void **state)
{
    expect_feature_error(*state,
                         "{\"type\":\"Polygon\",\"coordinates\":[[[4.7,52.6],[4.8,52.6],"
                         "[4.7,52.6]]]}",
                         "fewer than 4 positions");
}

static void test_boundary_rejects_positions_out_of_range(void **state)
{
    expect_feature_error(*state,
                         "{\"type\":\"Polygon\",\"coordinates\":[[[111000,517000],[112000,"
                         "517000],[112000,518000],[111000,517000]]]}",
                         "outside longitude");
}

static void test_boundary_rejects_point_geometry(void **state)
{
    expect_feature_error(*state, "{\"type\":\"Point\",\"coordinates\":[4.7,52.6]}",
                         "not a Polygon or MultiPolygon");
}

static void test_boundary_rejects_non_numeric_position(void **state)
{
    expect_feature_error(*state,
                         "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[4.7,52.6],[4.8,\"x\"],"
                         "[4.8,52.7],[4.7,52.6]]]]}",
                         "other than numbers");
}

static void test_boundary_rejects_empty_multipolygon(void **state)
{
    expect_feature_error(*state, "{\"type\":\"MultiPolygon\",\"coordinates\":[]}", "no polygons");
}

static void test_boundary_rejects_missing_or_malformed_code(void **state)
{
    struct fixture *fx = *state;
    put_alkmaar(fx->db, 2);
    struct boundary_result res;
    struct fault f = {0};
#define ONE_FEATURE                                                                                \
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","                         \
    "\"properties\":%s,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}]}"
    assert_int_equal(
        import_text(fx, arena_printf(fx->a, ONE_FEATURE, "{\"naam\":\"Zuid\"}"), NULL, &res, &f),
        ERR_INVALID);
    assert_string_equal(f.args[0], "0");
    assert_string_equal(f.args[1], "it has no text property code.");
    assert_int_equal(
        import_text(fx, arena_printf(fx->a, ONE_FEATURE, "{\"code\":36101}"), NULL, &res, &f),
        ERR_INVALID);
    assert_int_equal(import_text(fx, arena_printf(fx->a, ONE_FEATURE, "{\"code\":\"wk036101\"}"),
                                 NULL, &res, &f),
                     ERR_INVALID);
    assert_string_equal(f.args[1], "wk036101 is not a CBS area code.");
    assert_int_equal(import_text(fx, arena_printf(fx->a, ONE_FEATURE, "null"), NULL, &res, &f),
                     ERR_INVALID);
    assert_string_equal(f.args[1], "it has no properties.");
#undef ONE_FEATURE
}

static void test_boundary_rejects_code_given_twice(void **state)
{
    struct fixture *fx = *state;
    put_alkmaar(fx->db, 2);
    struct boundary_result res;
    struct fault f = {0};
    char *text = arena_printf(
        fx->a, "{\"type\":\"FeatureCollection\",\"features\":["
               "{\"type\":\"Feature\",\"properties\":{\"c\":\"WK036101\"},\"geometry\":"
               "{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
               "{\"type\":\"Feature\",\"properties\":{\"c\":\"WK036102\"},\"geometry\":"
               "{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
               "{\"type\":\"Feature\",\"properties\":{\"c\":\"WK036101\"},\"geometry\":"
               "{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}]}");
    assert_int_equal(import_text(fx, text, "c", &res, &f), ERR_INVALID);
    assert_string_equal(f.args[0], "2");
    assert_string_equal(f.args[1], "the code WK036101 was given before, in features[0].");
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_boundary"), 0);
}

static void test_boundary_rejects_text_that_is_not_geojson(void **state)
{
    struct fixture *fx = *state;
    put_alkmaar(fx->db, 1);
    struct boundary_result res;
    struct fault f = {0};
    assert_int_equal(
        import_text(fx, "{\"type\": \"FeatureCollection\",\n \"features\": [}", NULL, &res, &f),
        ERR_INVALID);
    assert_string_equal(f.msgid, "The file is not valid JSON: line %s, column %s: %s");
    assert_string_equal(f.args[0], "2");
    assert_int_equal(
        import_text(fx, "{\"type\":\"FeatureCollection\",\"type\":\"x\"}", NULL, &res, &f),
        ERR_INVALID);
    assert_int_equal(import_text(fx, "{\"type\":\"Feature\",\"features\":[]}", NULL, &res, &f),
                     ERR_INVALID);
    assert_string_equal(f.msgid, "The file is not a GeoJSON FeatureCollection with features.");
    assert_int_equal(import_text(fx, "[]", NULL, &res, &f), ERR_INVALID);
}

static void test_boundary_refuses_file_over_limit(void **state)
{
    struct fixture *fx = *state;
    struct boundary_result res;
    struct fault f = {0};
    char *path = mt_write_temp("groot.geojson", "{", 0);
    assert_int_equal(truncate(path, (off_t)BOUNDARY_MAX_FILE + 1), 0);
    assert_int_equal(boundary_import(fx->db, path, NULL, &res, &f), ERR_TOO_LARGE);
    assert_string_equal(f.args[1], "64");
    boundary_result_free(&res);
    mt_remove(path);
}

static void test_boundary_missing_file_is_not_found(void **state)
{
    struct fixture *fx = *state;
    struct boundary_result res;
    struct fault f = {0};
    assert_int_equal(boundary_import(fx->db, "/nonexistent/x.geojson", NULL, &res, &f),
                     ERR_NOT_FOUND);
    boundary_result_free(&res);
}

static void test_boundary_stores_clean_compact_geometry_and_box(void **state)
{
    struct fixture *fx = *state;
    put_alkmaar(fx->db, 1);
    struct boundary_result res;
    struct fault f = {0};
    const char *text =
        "{ \"type\": \"FeatureCollection\", \"features\": [ { \"type\": \"Feature\",\n"
        "  \"properties\": { \"code\": \"WK036101\", \"naam\": \"Zuid\" },\n"
        "  \"geometry\": { \"type\": \"Polygon\", \"bbox\": [0, 0, 1, 1], \"coordinates\": [\n"
        "    [ [4.7, 52.6], [4.8, 52.6], [4.8, 52.7], [4.7, 52.7], [4.7, 52.6] ],\n"
        "    [ [4.72, 52.62], [4.74, 52.62], [4.74, 52.64], [4.72, 52.62] ] ] } } ] }";
    assert_int_equal(import_text(fx, text, NULL, &res, &f), ERR_OK);
    assert_int_equal(res.attached, 1);
    char *got = mt_text(fx->db, "SELECT geojson FROM area_boundary");
    assert_string_equal(got, "{\"type\":\"Polygon\",\"coordinates\":[[[4.7,52.6],[4.8,52.6],"
                             "[4.8,52.7],[4.7,52.7],[4.7,52.6]],[[4.72,52.62],[4.74,52.62],"
                             "[4.74,52.64],[4.72,52.62]]]}");
    free(got);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_boundary WHERE min_lon = 4.7 "
                                    "AND min_lat = 52.6 AND max_lon = 4.8 AND max_lat = 52.7"),
                     1);
}

static void test_boundary_reimport_replaces_boundary(void **state)
{
    struct fixture *fx = *state;
    put_alkmaar(fx->db, 2);
    struct boundary_result res;
    struct fault f = {0};
    assert_int_equal(import_text(fx,
                                 two_features(fx, "{\"type\":\"Polygon\",\"coordinates\":"
                                                  "[[[5,52],[6,52],[6,53],[5,52]]]}"),
                                 NULL, &res, &f),
                     ERR_OK);
    assert_int_equal(import_text(fx,
                                 two_features(fx, "{\"type\":\"Polygon\",\"coordinates\":"
                                                  "[[[1,50],[2,50],[2,51],[1,50]]]}"),
                                 NULL, &res, &f),
                     ERR_OK);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_boundary"), 2);
    assert_int_equal(mt_int(fx->db, "SELECT max_lon FROM area_boundary "
                                    "WHERE area_code = 'WK036102'"),
                     2);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_boundary_attaches_real_alkmaar_wijken),
        T(test_boundary_skips_unknown_codes_and_lists_them),
        T(test_boundary_none_matched_is_invalid),
        T(test_boundary_default_property_is_code),
        T(test_boundary_rejects_open_ring_naming_feature),
        T(test_boundary_rejects_ring_of_three_positions),
        T(test_boundary_rejects_positions_out_of_range),
        T(test_boundary_rejects_point_geometry),
        T(test_boundary_rejects_non_numeric_position),
        T(test_boundary_rejects_empty_multipolygon),
        T(test_boundary_rejects_missing_or_malformed_code),
        T(test_boundary_rejects_code_given_twice),
        T(test_boundary_rejects_text_that_is_not_geojson),
        T(test_boundary_refuses_file_over_limit),
        T(test_boundary_missing_file_is_not_found),
        T(test_boundary_stores_clean_compact_geometry_and_box),
        T(test_boundary_reimport_replaces_boundary),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
