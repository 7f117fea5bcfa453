/* Tests of the demo data (src/model/demo.c): the fictional gemeente
 * Lindenhoven, figures that add up, boundaries that tile, its four
 * organisations registered once (at the console, in the audit log),
 * idempotence. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/area.h"
#include "model/demo.h"
#include "model_testing.h"

struct fixture {
    struct db *db;
    struct arena *a;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    fx->db = mt_open_db();
    fx->a = arena_new();
    struct demo_result res;
    struct fault f = {0};
    assert_int_equal(demo_create(fx->db, &res, &f), ERR_OK);
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

/* Everything the demo writes, without the timestamps. */
static char *dump_demo(struct db *db)
{
    char *parts[4] = {
        mt_dump(db, "SELECT code, kind, name, parent_code FROM area ORDER BY code"),
        mt_dump(db, "SELECT area_code, year, inhabitants, age_0_15, age_15_25, age_25_45, "
                    "age_45_65, age_65_plus, households, avg_household_size, "
                    "income_per_inhabitant, low_income_share FROM area_figures "
                    "ORDER BY area_code, year"),
        mt_dump(db, "SELECT area_code, geojson, min_lon, min_lat, max_lon, max_lat "
                    "FROM area_boundary ORDER BY area_code"),
        mt_dump(db, "SELECT id, name, kind FROM organisation ORDER BY id"),
    };
    size_t n = strlen(parts[0]) + strlen(parts[1]) + strlen(parts[2]) + strlen(parts[3]) + 1;
    char *all = malloc(n);
    snprintf(all, n, "%s%s%s%s", parts[0], parts[1], parts[2], parts[3]);
    for (int i = 0; i < 4; i++)
        free(parts[i]);
    return all;
}

static void test_demo_creates_lindenhoven_with_four_wijken(void **state)
{
    struct fixture *fx = *state;
    struct area ar;
    struct fault f = {0};
    assert_int_equal(area_get(fx->db, fx->a, "GM9901", &ar, &f), ERR_OK);
    assert_string_equal(ar.name, "Lindenhoven");
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area WHERE kind = 'wijk' AND "
                                    "parent_code = 'GM9901' AND code IN ('WK990101', "
                                    "'WK990102', 'WK990103', 'WK990104')"),
                     4);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area"), 1 + 4 + 18);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area WHERE kind = 'buurt' AND "
                                    "code = 'BU' || SUBSTR(parent_code, 3, 6) || "
                                    "SUBSTR(code, 9, 2)"),
                     18);
    assert_int_equal(area_get(fx->db, fx->a, "BU99010101", &ar, &f), ERR_OK);
    assert_string_equal(ar.parent_code, "WK990101");
}

static void test_demo_wijken_have_three_to_six_buurten(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM (SELECT parent_code, COUNT(*) AS n "
                                    "FROM area WHERE kind = 'buurt' GROUP BY parent_code) c "
                                    "WHERE n BETWEEN 3 AND 6"),
                     4);
}

static void test_demo_reports_what_it_made(void **state)
{
    struct fixture *fx = *state;
    struct demo_result res;
    struct fault f = {0};
    assert_int_equal(demo_create(fx->db, &res, &f), ERR_OK);
    assert_int_equal(res.gemeenten, 1);
    assert_int_equal(res.wijken, 4);
    assert_int_equal(res.buurten, 18);
    assert_int_equal(res.organisations, 4);
    assert_int_equal(res.year, 2024);
}

static void test_demo_registers_four_kinds_of_organisation(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM organisation"), 4);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(DISTINCT kind) FROM organisation"), 4);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM organisation o WHERE NOT EXISTS "
                                    "(SELECT 1 FROM organisation_area a "
                                    "WHERE a.organisation_id = o.id)"),
                     0);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM organisation WHERE kind = "
                                    "'institution' AND name LIKE '%Welzijn%'"),
                     1);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                    "'organisation.create' AND capacity = 'console' AND "
                                    "person_id IS NULL AND public = 1"),
                     4);
}

static void test_demo_twice_registers_no_organisation_again(void **state)
{
    struct fixture *fx = *state;
    struct fault f = {0};
    assert_int_equal(demo_create(fx->db, NULL, &f), ERR_OK);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM organisation"), 4);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                    "'organisation.create'"),
                     4);
    /* the arena's relations and history, once (model/arena_demo.c) */
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM relation"), 5);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action IN "
                                    "('relation.create', 'history.add_event')"),
                     5 + 4);
}

/* The number of (parent, count column) pairs whose children do not sum to
 * the parent. */
static int64_t sum_mismatches(struct db *db)
{
    return mt_int(db, "SELECT COUNT(*) FROM area p JOIN area_figures pf ON pf.area_code = "
                      "p.code JOIN (SELECT c.parent_code AS parent, SUM(cf.inhabitants) AS i, "
                      "SUM(cf.age_0_15) AS a0, SUM(cf.age_15_25) AS a15, "
                      "SUM(cf.age_25_45) AS a25, SUM(cf.age_45_65) AS a45, "
                      "SUM(cf.age_65_plus) AS a65, SUM(cf.households) AS h FROM area c "
                      "JOIN area_figures cf ON cf.area_code = c.code GROUP BY c.parent_code) s "
                      "ON s.parent = p.code WHERE pf.inhabitants <> s.i OR pf.age_0_15 <> s.a0 "
                      "OR pf.age_15_25 <> s.a15 OR pf.age_25_45 <> s.a25 "
                      "OR pf.age_45_65 <> s.a45 OR pf.age_65_plus <> s.a65 "
                      "OR pf.households <> s.h");
}

static void test_demo_buurten_sum_to_wijk_and_wijken_to_gemeente(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_figures WHERE year = 2024 AND "
                                    "inhabitants IS NOT NULL AND households IS NOT NULL"),
                     23);
    assert_int_equal(sum_mismatches(fx->db), 0);
    /* The check can fail: disturb one buurt and it does. */
    mt_exec(fx->db, "UPDATE area_figures SET households = households + 1 "
                    "WHERE area_code = 'BU99010203'");
    assert_int_equal(sum_mismatches(fx->db), 1);
}

static void test_demo_age_groups_sum_to_inhabitants(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_figures WHERE age_0_15 + "
                                    "age_15_25 + age_25_45 + age_45_65 + age_65_plus "
                                    "<> inhabitants OR inhabitants IS NULL"),
                     0);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_figures WHERE age_0_15 <= 0 OR "
                                    "age_15_25 <= 0 OR age_25_45 <= 0 OR age_45_65 <= 0 OR "
                                    "age_65_plus <= 0"),
                     0);
}

static void test_demo_households_are_plausible(void **state)
{
    struct fixture *fx = *state;
    struct db_stmt *st = db_prepare(fx->db, "SELECT area_code, inhabitants, households, "
                                            "avg_household_size FROM area_figures");
    assert_non_null(st);
    int rows = 0;
    while (db_step(st) == DB_ROW) {
        double people = db_col_double(st, 1), households = db_col_double(st, 2);
        double size = db_col_double(st, 3);
        assert_true(size >= 1.5 && size <= 3.0);
        assert_true(fabs(size - round(people / households * 10) / 10) < 1e-9);
        rows++;
    }
    db_done(st);
    assert_int_equal(rows, 23);
}

static void test_demo_income_and_low_income_shares_in_range(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_figures WHERE "
                                    "income_per_inhabitant BETWEEN 25 AND 40 AND "
                                    "low_income_share BETWEEN 5 AND 20"),
                     23);
}

static void test_demo_one_buurt_is_vulnerable(void **state)
{
    struct fixture *fx = *state;
    /* 1.5 x the national share of about 8 %. */
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area a JOIN area_figures f ON "
                                    "f.area_code = a.code WHERE a.kind = 'buurt' AND "
                                    "f.low_income_share >= 12"),
                     1);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area a JOIN area_figures f ON "
                                    "f.area_code = a.code WHERE a.kind = 'buurt' AND "
                                    "f.low_income_share < 12"),
                     17);
}

static void test_demo_twice_is_identical(void **state)
{
    struct fixture *fx = *state;
    char *first = dump_demo(fx->db);
    struct fault f = {0};
    assert_int_equal(demo_create(fx->db, NULL, &f), ERR_OK);
    char *second = dump_demo(fx->db);
    assert_string_equal(second, first);
    struct db *other = mt_open_db();
    assert_int_equal(demo_create(other, NULL, &f), ERR_OK);
    char *fresh = dump_demo(other);
    assert_string_equal(fresh, first);
    db_close(other);
    free(first);
    free(second);
    free(fresh);
}

static void test_demo_leaves_other_areas_alone(void **state)
{
    struct fixture *fx = *state;
    struct area gm = {"GM0361", AREA_GEMEENTE, "Alkmaar", NULL};
    struct area_figures fig = {.year = 2024, .inhabitants = {true, 111519}};
    struct fault f = {0};
    assert_int_equal(area_upsert(fx->db, &gm, &f), ERR_OK);
    assert_int_equal(area_figures_put(fx->db, "GM0361", &fig, &f), ERR_OK);
    assert_int_equal(demo_create(fx->db, NULL, &f), ERR_OK);
    assert_int_equal(mt_int(fx->db, "SELECT inhabitants FROM area_figures "
                                    "WHERE area_code = 'GM0361' AND year = 2024"),
                     111519);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area"), 24);
}

struct box {
    double w, s, e, n;
};

/* The area (in square degrees) and bounding box of a stored Polygon's outer
 * ring, by the shoelace formula. */
static double polygon_area(const char *geojson, struct box *b)
{
    json_error_t jerr;
    json_t *g = json_loads(geojson, 0, &jerr);
    assert_non_null(g);
    assert_string_equal(json_string_value(json_object_get(g, "type")), "Polygon");
    json_t *ring = json_array_get(json_object_get(g, "coordinates"), 0);
    size_t n = json_array_size(ring);
    assert_true(n >= 4);
    double sum = 0;
    *b = (struct box){180, 90, -180, -90};
    for (size_t i = 0; i + 1 < n; i++) {
        json_t *p = json_array_get(ring, i), *q = json_array_get(ring, i + 1);
        double x0 = json_number_value(json_array_get(p, 0));
        double y0 = json_number_value(json_array_get(p, 1));
        double x1 = json_number_value(json_array_get(q, 0));
        double y1 = json_number_value(json_array_get(q, 1));
        sum += x0 * y1 - x1 * y0;
        b->w = fmin(b->w, x0);
        b->e = fmax(b->e, x0);
        b->s = fmin(b->s, y0);
        b->n = fmax(b->n, y0);
    }
    json_decref(g);
    return fabs(sum) / 2;
}

static double boundary_of(struct fixture *fx, const char *code, struct box *b)
{
    const char *geo = NULL;
    struct fault f = {0};
    assert_int_equal(area_boundary(fx->db, fx->a, code, &geo, &f), ERR_OK);
    assert_non_null(geo);
    return polygon_area(geo, b);
}

static bool overlap(struct box a, struct box b)
{
    return fmin(a.e, b.e) - fmax(a.w, b.w) > 1e-9 && fmin(a.n, b.n) - fmax(a.s, b.s) > 1e-9;
}

/* Children tile a parent: inside its box, no two overlapping, areas sum up.
 * The demo's shapes are rectangles, so boxes are the shapes. */
static void expect_tiling(struct fixture *fx, const char *parent)
{
    struct box pb, kb[8];
    double whole = boundary_of(fx, parent, &pb), sum = 0;
    struct area_child *kids;
    int n;
    struct fault f = {0};
    assert_int_equal(area_children(fx->db, fx->a, parent, &kids, &n, &f), ERR_OK);
    assert_true(n >= 3 && n <= 8);
    for (int i = 0; i < n; i++) {
        sum += boundary_of(fx, kids[i].area.code, &kb[i]);
        assert_true(kb[i].w >= pb.w && kb[i].e <= pb.e && kb[i].s >= pb.s && kb[i].n <= pb.n);
        for (int j = 0; j < i; j++)
            assert_false(overlap(kb[i], kb[j]));
    }
    assert_true(fabs(sum - whole) < 1e-12);
}

static void test_demo_boundaries_tile(void **state)
{
    struct fixture *fx = *state;
    expect_tiling(fx, "GM9901");
    const char *wijken[] = {"WK990101", "WK990102", "WK990103", "WK990104"};
    for (int i = 0; i < 4; i++)
        expect_tiling(fx, wijken[i]);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_boundary"), 23);
}

static void test_demo_boundaries_lie_near_lon_4_9_lat_52_3(void **state)
{
    struct fixture *fx = *state;
    struct box b;
    boundary_of(fx, "GM9901", &b);
    assert_true(b.w > 4.8 && b.e < 5.0 && b.s > 52.2 && b.n < 52.4);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_boundary WHERE min_lon >= 4.86 "
                                    "AND max_lon <= 4.96 AND min_lat >= 52.28 "
                                    "AND max_lat <= 52.34"),
                     23);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_demo_creates_lindenhoven_with_four_wijken),
        T(test_demo_wijken_have_three_to_six_buurten),
        T(test_demo_reports_what_it_made),
        T(test_demo_registers_four_kinds_of_organisation),
        T(test_demo_twice_registers_no_organisation_again),
        T(test_demo_buurten_sum_to_wijk_and_wijken_to_gemeente),
        T(test_demo_age_groups_sum_to_inhabitants),
        T(test_demo_households_are_plausible),
        T(test_demo_income_and_low_income_shares_in_range),
        T(test_demo_one_buurt_is_vulnerable),
        T(test_demo_twice_is_identical),
        T(test_demo_leaves_other_areas_alone),
        T(test_demo_boundaries_tile),
        T(test_demo_boundaries_lie_near_lon_4_9_lat_52_3),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
