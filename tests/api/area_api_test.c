/* API tests of the areas and the health check (src/api/area.c, health.c),
 * over real HTTP against `wijkregie serve` on the demo data: the gemeente
 * Lindenhoven (GM9901) with wijk WK990101 and its buurten, plus three test
 * gemeenten the group setup writes into the same database (seed_areas). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "harness.h"
#include "model/area.h"

#define DEMO_GEMEENTE "GM9901"
#define DEMO_WIJK "WK990101"
#define DEMO_BUURT "BU99010101"
#define GM_UNKNOWN_FIGURES "GM99U1"  /* figures of 2023, most of them unknown */
#define GM_DAMAGED_BOUNDARY "GM99U2" /* a stored boundary that is not JSON */
#define GM_BARE "GM99U3"             /* neither figures nor boundary */

static enum err seed_gemeente(struct db *db, const char *code, const char *name)
{
    struct area ar = {.code = code, .kind = AREA_GEMEENTE, .name = name};
    struct fault f = {0};
    return area_upsert(db, &ar, &f);
}

static enum err seed_rows(struct db *db)
{
    struct fault f = {0};
    struct area_figures figs = {
        .year = 2023, .inhabitants = {true, 120}, .avg_household_size = {true, 1.5}};
    enum err e = seed_gemeente(db, GM_UNKNOWN_FIGURES, "Testgemeente Onbekend");
    if (e == ERR_OK)
        e = area_figures_put(db, GM_UNKNOWN_FIGURES, &figs, &f);
    if (e == ERR_OK)
        e = seed_gemeente(db, GM_DAMAGED_BOUNDARY, "Testgemeente Beschadigd");
    if (e == ERR_OK)
        e = area_boundary_put(db, GM_DAMAGED_BOUNDARY, "{\"type\": \"Polyg", 4.0, 52.0, 5.0, 53.0,
                              &f);
    if (e == ERR_OK)
        e = seed_gemeente(db, GM_BARE, "Testgemeente Kaal");
    return e;
}

/* Writes the test gemeenten through the model, in one transaction, into the
 * database the server uses. */
static bool seed_areas(const struct harness *h)
{
    struct fault f = {0};
    struct db *db = db_open(h->db_url, &f);
    if (!db)
        return false;
    enum err e = db_begin(db, &f);
    if (e == ERR_OK && (e = seed_rows(db)) != ERR_OK)
        db_rollback(db);
    else if (e == ERR_OK)
        e = db_commit(db, &f);
    if (e != ERR_OK)
        fprintf(stderr, "seeding the test areas failed (%d): %s\n", (int)e, db_errmsg(db));
    db_close(db);
    return e == ERR_OK;
}

static int group_setup(void **state)
{
    if (harness_group_setup(state) != 0)
        return -1;
    if (seed_areas(*state))
        return 0;
    harness_stop(*state); /* cmocka skips the teardown after a failed setup */
    *state = NULL;
    return -1;
}

/* GETs path and asserts a 400/404 JSON error body naming err and field
 * (field NULL: the field must be JSON null) with a non-empty message. */
static void assert_error(const struct harness *h, const char *path, long status, const char *err,
                         const char *field)
{
    struct http_resp resp;
    json_t *body = harness_get_json(h, path, status, &resp);
    assert_string_equal(json_string_value(json_object_get(body, "error")), err);
    const char *msg = json_string_value(json_object_get(body, "message"));
    assert_non_null(msg);
    assert_true(strlen(msg) > 0);
    json_t *f = json_object_get(body, "field");
    assert_non_null(f);
    if (field)
        assert_string_equal(json_string_value(f), field);
    else
        assert_true(json_is_null(f));
    http_resp_free(&resp);
}

/* The items array of a page, after checking the page's shape. */
static json_t *page_items(json_t *page)
{
    json_t *items = json_object_get(page, "items");
    assert_true(json_is_array(items));
    json_t *next = json_object_get(page, "next");
    assert_true(json_is_null(next) || json_is_string(next));
    return items;
}

static const char *item_str(json_t *item, const char *key)
{
    return json_string_value(json_object_get(item, key));
}

static void test_health_reports_ok_and_schema_version(void **state)
{
    struct http_resp resp;
    json_t *body = harness_get_json(*state, "/healthz", 200, &resp);
    assert_string_equal(json_string_value(json_object_get(body, "status")), "ok");
    assert_string_equal(json_string_value(json_object_get(body, "database")), "ok");
    json_t *version = json_object_get(body, "schema_version");
    assert_true(json_is_integer(version));
    assert_true(json_integer_value(version) >= 1);
    http_resp_free(&resp);
}

static void test_list_gemeenten_contains_demo_gemeente(void **state)
{
    struct http_resp resp;
    json_t *items = page_items(harness_get_json(*state, "/api/v1/areas?kind=gemeente", 200, &resp));
    bool seen = false;
    size_t i;
    json_t *item;
    json_array_foreach(items, i, item)
    {
        assert_string_equal(item_str(item, "kind"), "gemeente");
        assert_true(json_is_null(json_object_get(item, "parent")));
        if (strcmp(item_str(item, "code"), DEMO_GEMEENTE) == 0) {
            assert_string_equal(item_str(item, "name"), "Lindenhoven");
            seen = true;
        }
    }
    assert_true(seen);
    http_resp_free(&resp);
}

static void test_list_items_are_ordered_by_code(void **state)
{
    struct http_resp resp;
    json_t *items = page_items(harness_get_json(*state, "/api/v1/areas?limit=500", 200, &resp));
    assert_true(json_array_size(items) >= 3);
    for (size_t i = 1; i < json_array_size(items); i++) {
        const char *prev = item_str(json_array_get(items, i - 1), "code");
        const char *cur = item_str(json_array_get(items, i), "code");
        assert_true(strcmp(prev, cur) < 0);
    }
    http_resp_free(&resp);
}

static void test_list_item_has_exactly_the_documented_members(void **state)
{
    struct http_resp resp;
    json_t *items = page_items(harness_get_json(*state, "/api/v1/areas?limit=1", 200, &resp));
    assert_int_equal(json_array_size(items), 1);
    json_t *item = json_array_get(items, 0);
    assert_int_equal(json_object_size(item), 4);
    assert_true(json_is_string(json_object_get(item, "code")));
    assert_true(json_is_string(json_object_get(item, "kind")));
    assert_true(json_is_string(json_object_get(item, "name")));
    assert_non_null(json_object_get(item, "parent"));
    http_resp_free(&resp);
}

/* Appends every code of one page to all; returns the page's next cursor
 * (copied into next, "" at the end). */
static void collect_page(const struct harness *h, const char *cursor, json_t *all, char *next,
                         size_t next_size)
{
    char path[128];
    if (cursor[0])
        snprintf(path, sizeof path, "/api/v1/areas?limit=2&cursor=%s", cursor);
    else
        snprintf(path, sizeof path, "/api/v1/areas?limit=2");
    struct http_resp resp;
    json_t *page = harness_get_json(h, path, 200, &resp);
    json_t *items = page_items(page);
    assert_true(json_array_size(items) <= 2);
    size_t i;
    json_t *item;
    json_array_foreach(items, i, item)
        json_array_append_new(all, json_string(item_str(item, "code")));
    const char *nx = json_string_value(json_object_get(page, "next"));
    snprintf(next, next_size, "%s", nx ? nx : "");
    if (nx)
        assert_int_equal(json_array_size(items), 2);
    http_resp_free(&resp);
}

static void test_paging_walks_every_area_exactly_once(void **state)
{
    struct http_resp resp;
    json_t *whole = page_items(harness_get_json(*state, "/api/v1/areas?limit=500", 200, &resp));
    assert_true(json_is_null(json_object_get(resp.json, "next")));

    json_t *walked = json_array();
    char cursor[64] = "";
    int pages = 0;
    do {
        collect_page(*state, cursor, walked, cursor, sizeof cursor);
        assert_true(++pages <= 1000);
    } while (cursor[0]);

    assert_true(pages >= 2);
    assert_int_equal(json_array_size(walked), json_array_size(whole));
    for (size_t i = 0; i < json_array_size(whole); i++)
        assert_string_equal(json_string_value(json_array_get(walked, i)),
                            item_str(json_array_get(whole, i), "code"));
    json_decref(walked);
    http_resp_free(&resp);
}

static void test_cursor_lists_only_codes_after_it(void **state)
{
    struct http_resp resp;
    json_t *items =
        page_items(harness_get_json(*state, "/api/v1/areas?cursor=" DEMO_WIJK, 200, &resp));
    assert_true(json_array_size(items) > 0);
    size_t i;
    json_t *item;
    json_array_foreach(items, i, item) assert_true(strcmp(item_str(item, "code"), DEMO_WIJK) > 0);
    http_resp_free(&resp);
}

static void test_parent_filter_gives_only_its_buurten(void **state)
{
    struct http_resp resp;
    json_t *items =
        page_items(harness_get_json(*state, "/api/v1/areas?parent=" DEMO_WIJK, 200, &resp));
    assert_true(json_array_size(items) >= 1);
    bool seen = false;
    size_t i;
    json_t *item;
    json_array_foreach(items, i, item)
    {
        assert_string_equal(item_str(item, "kind"), "buurt");
        assert_string_equal(item_str(item, "parent"), DEMO_WIJK);
        assert_memory_equal(item_str(item, "code"), "BU990101", 8);
        seen |= strcmp(item_str(item, "code"), DEMO_BUURT) == 0;
    }
    assert_true(seen);
    http_resp_free(&resp);
}

static void test_parent_and_kind_filters_combine(void **state)
{
    struct http_resp resp;
    json_t *items = page_items(
        harness_get_json(*state, "/api/v1/areas?parent=" DEMO_GEMEENTE "&kind=buurt", 200, &resp));
    assert_int_equal(json_array_size(items), 0);
    http_resp_free(&resp);

    items = page_items(
        harness_get_json(*state, "/api/v1/areas?parent=" DEMO_GEMEENTE "&kind=wijk", 200, &resp));
    assert_true(json_array_size(items) >= 1);
    http_resp_free(&resp);
}

static void test_unknown_parent_gives_empty_last_page(void **state)
{
    struct http_resp resp;
    json_t *page = harness_get_json(*state, "/api/v1/areas?parent=GM0000", 200, &resp);
    assert_int_equal(json_array_size(page_items(page)), 0);
    assert_true(json_is_null(json_object_get(page, "next")));
    http_resp_free(&resp);
}

static void test_get_buurt_returns_detail(void **state)
{
    struct http_resp resp;
    json_t *a = harness_get_json(*state, "/api/v1/areas/" DEMO_BUURT, 200, &resp);
    assert_string_equal(item_str(a, "code"), DEMO_BUURT);
    assert_string_equal(item_str(a, "kind"), "buurt");
    assert_string_equal(item_str(a, "parent"), DEMO_WIJK);
    assert_true(strlen(item_str(a, "name")) > 0);
    assert_int_equal(json_integer_value(json_object_get(a, "children")), 0);
    assert_true(json_is_integer(json_object_get(a, "children")));
    json_t *boundary = json_object_get(a, "boundary");
    assert_true(json_is_null(boundary) || json_is_string(json_object_get(boundary, "type")));
    http_resp_free(&resp);
}

static void test_area_figures_have_every_member(void **state)
{
    static const char *const members[] = {
        "year",
        "inhabitants",
        "age_0_15",
        "age_15_25",
        "age_25_45",
        "age_45_65",
        "age_65_plus",
        "households",
        "avg_household_size",
        "income_per_inhabitant",
        "low_income_share",
    };
    struct http_resp resp;
    json_t *a = harness_get_json(*state, "/api/v1/areas/" DEMO_BUURT, 200, &resp);
    json_t *figs = json_object_get(a, "figures");
    assert_true(json_is_object(figs));
    assert_int_equal(json_object_size(figs), sizeof members / sizeof members[0]);
    for (size_t i = 0; i < sizeof members / sizeof members[0]; i++) {
        json_t *v = json_object_get(figs, members[i]);
        assert_non_null(v);
        assert_true(json_is_null(v) || json_is_number(v));
    }
    assert_true(json_integer_value(json_object_get(figs, "year")) >= 1990);
    json_t *inh = json_object_get(figs, "inhabitants");
    assert_true(json_is_null(inh) || json_is_integer(inh));
    http_resp_free(&resp);
}

static void test_gemeente_counts_its_children(void **state)
{
    struct http_resp list;
    json_t *items = page_items(
        harness_get_json(*state, "/api/v1/areas?limit=500&parent=" DEMO_GEMEENTE, 200, &list));
    struct http_resp resp;
    json_t *a = harness_get_json(*state, "/api/v1/areas/" DEMO_GEMEENTE, 200, &resp);
    assert_true(json_array_size(items) >= 1);
    assert_int_equal(json_integer_value(json_object_get(a, "children")), json_array_size(items));
    assert_true(json_is_null(json_object_get(a, "parent")));
    assert_string_equal(item_str(a, "name"), "Lindenhoven");
    http_resp_free(&resp);
    http_resp_free(&list);
}

static void test_unknown_figures_are_null(void **state)
{
    static const char *const unknown[] = {"age_0_15",
                                          "age_15_25",
                                          "age_25_45",
                                          "age_45_65",
                                          "age_65_plus",
                                          "households",
                                          "income_per_inhabitant",
                                          "low_income_share"};
    struct http_resp resp;
    json_t *a = harness_get_json(*state, "/api/v1/areas/" GM_UNKNOWN_FIGURES, 200, &resp);
    json_t *figs = json_object_get(a, "figures");
    assert_int_equal(json_integer_value(json_object_get(figs, "year")), 2023);
    json_t *inh = json_object_get(figs, "inhabitants");
    assert_true(json_is_integer(inh));
    assert_int_equal(json_integer_value(inh), 120);
    json_t *size = json_object_get(figs, "avg_household_size");
    assert_true(json_is_real(size));
    assert_true(json_real_value(size) == 1.5);
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        json_t *v = json_object_get(figs, unknown[i]);
        if (!v || !json_is_null(v))
            fail_msg("figures.%s should be null", unknown[i]);
    }
    assert_true(json_is_null(json_object_get(a, "boundary")));
    http_resp_free(&resp);
}

static void test_area_without_figures_or_boundary_has_nulls(void **state)
{
    struct http_resp resp;
    json_t *a = harness_get_json(*state, "/api/v1/areas/" GM_BARE, 200, &resp);
    assert_string_equal(item_str(a, "name"), "Testgemeente Kaal");
    assert_true(json_is_null(json_object_get(a, "figures")));
    assert_true(json_is_null(json_object_get(a, "boundary")));
    assert_int_equal(json_integer_value(json_object_get(a, "children")), 0);
    http_resp_free(&resp);
}

static void test_demo_gemeente_boundary_is_a_geojson_polygon(void **state)
{
    struct http_resp resp;
    json_t *a = harness_get_json(*state, "/api/v1/areas/" DEMO_GEMEENTE, 200, &resp);
    json_t *boundary = json_object_get(a, "boundary");
    const char *type = json_string_value(json_object_get(boundary, "type"));
    assert_non_null(type);
    assert_true(strcmp(type, "Polygon") == 0 || strcmp(type, "MultiPolygon") == 0);
    assert_true(json_array_size(json_object_get(boundary, "coordinates")) > 0);
    http_resp_free(&resp);
}

static void test_damaged_boundary_is_500_not_a_broken_body(void **state)
{
    struct http_resp resp;
    json_t *body = harness_get_json(*state, "/api/v1/areas/" GM_DAMAGED_BOUNDARY, 500, &resp);
    assert_string_equal(json_string_value(json_object_get(body, "error")), "internal");
    assert_null(json_object_get(body, "code"));
    http_resp_free(&resp);
}

static void test_unknown_area_is_404_with_message(void **state)
{
    struct http_resp resp;
    json_t *body = harness_get_json(*state, "/api/v1/areas/GM0000", 404, &resp);
    assert_string_equal(json_string_value(json_object_get(body, "error")), "not_found");
    const char *msg = json_string_value(json_object_get(body, "message"));
    assert_non_null(msg);
    assert_non_null(strstr(msg, "GM0000"));
    http_resp_free(&resp);
}

static void test_malformed_code_is_400_naming_the_field(void **state)
{
    assert_error(*state, "/api/v1/areas/XX12", 400, "invalid", "code");
}

static void test_lowercase_code_is_read_as_uppercase(void **state)
{
    struct http_resp resp;
    json_t *a = harness_get_json(*state, "/api/v1/areas/gm9901", 200, &resp);
    assert_string_equal(item_str(a, "code"), DEMO_GEMEENTE);
    http_resp_free(&resp);
}

static void test_malformed_parent_is_400(void **state)
{
    assert_error(*state, "/api/v1/areas?parent=XX12", 400, "invalid", "parent");
}

static void test_malformed_cursor_is_400(void **state)
{
    assert_error(*state, "/api/v1/areas?cursor=%27%20OR%201%3D1", 400, "invalid", "cursor");
}

static void test_limit_zero_is_400(void **state)
{
    assert_error(*state, "/api/v1/areas?limit=0", 400, "invalid", "limit");
}

static void test_limit_above_500_is_400(void **state)
{
    assert_error(*state, "/api/v1/areas?limit=501", 400, "invalid", "limit");
}

static void test_limit_not_a_number_is_400(void **state)
{
    assert_error(*state, "/api/v1/areas?limit=abc", 400, "invalid", "limit");
}

static void test_limit_500_is_accepted(void **state)
{
    struct http_resp resp;
    page_items(harness_get_json(*state, "/api/v1/areas?limit=500", 200, &resp));
    http_resp_free(&resp);
}

static void test_unknown_kind_is_400(void **state)
{
    assert_error(*state, "/api/v1/areas?kind=land", 400, "invalid", "kind");
}

static void test_repeated_parameter_is_400(void **state)
{
    assert_error(*state, "/api/v1/areas?limit=1&limit=2", 400, "invalid", "limit");
}

static void test_invalid_utf8_in_query_is_400(void **state)
{
    struct http_resp resp;
    json_t *body = harness_get_json(*state, "/api/v1/areas?kind=%C0%AF", 400, &resp);
    assert_string_equal(json_string_value(json_object_get(body, "error")), "invalid");
    http_resp_free(&resp);
}

static void test_invalid_utf8_in_path_matches_no_area(void **state)
{
    /* A segment that is not UTF-8 matches no route pattern (http/route.c). */
    struct http_resp resp;
    json_t *body = harness_get_json(*state, "/api/v1/areas/%C0%AF", 404, &resp);
    assert_string_equal(json_string_value(json_object_get(body, "error")), "not_found");
    http_resp_free(&resp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_health_reports_ok_and_schema_version),
        cmocka_unit_test(test_list_gemeenten_contains_demo_gemeente),
        cmocka_unit_test(test_list_items_are_ordered_by_code),
        cmocka_unit_test(test_list_item_has_exactly_the_documented_members),
        cmocka_unit_test(test_paging_walks_every_area_exactly_once),
        cmocka_unit_test(test_cursor_lists_only_codes_after_it),
        cmocka_unit_test(test_parent_filter_gives_only_its_buurten),
        cmocka_unit_test(test_parent_and_kind_filters_combine),
        cmocka_unit_test(test_unknown_parent_gives_empty_last_page),
        cmocka_unit_test(test_get_buurt_returns_detail),
        cmocka_unit_test(test_area_figures_have_every_member),
        cmocka_unit_test(test_gemeente_counts_its_children),
        cmocka_unit_test(test_unknown_figures_are_null),
        cmocka_unit_test(test_area_without_figures_or_boundary_has_nulls),
        cmocka_unit_test(test_demo_gemeente_boundary_is_a_geojson_polygon),
        cmocka_unit_test(test_damaged_boundary_is_500_not_a_broken_body),
        cmocka_unit_test(test_unknown_area_is_404_with_message),
        cmocka_unit_test(test_malformed_code_is_400_naming_the_field),
        cmocka_unit_test(test_lowercase_code_is_read_as_uppercase),
        cmocka_unit_test(test_malformed_parent_is_400),
        cmocka_unit_test(test_malformed_cursor_is_400),
        cmocka_unit_test(test_limit_zero_is_400),
        cmocka_unit_test(test_limit_above_500_is_400),
        cmocka_unit_test(test_limit_not_a_number_is_400),
        cmocka_unit_test(test_limit_500_is_accepted),
        cmocka_unit_test(test_unknown_kind_is_400),
        cmocka_unit_test(test_repeated_parameter_is_400),
        cmocka_unit_test(test_invalid_utf8_in_query_is_400),
        cmocka_unit_test(test_invalid_utf8_in_path_matches_no_area),
        cmocka_unit_test(test_server_stops_cleanly_on_sigterm),
    };
    return cmocka_run_group_tests(tests, group_setup, harness_group_teardown);
}
