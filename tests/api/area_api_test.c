/* API tests of the areas and the health check (src/api/area.c, health.c),
 * over real HTTP against `wijkregie serve` on the demo data: the gemeente
 * Lindenhoven (GM9901) with wijk WK990101 and its buurten. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "harness.h"

#define DEMO_GEMEENTE "GM9901"
#define DEMO_WIJK "WK990101"
#define DEMO_BUURT "BU99010101"

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
    json_array_foreach (items, i, item) {
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
    json_array_foreach (items, i, item)
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
    json_array_foreach (items, i, item)
        assert_true(strcmp(item_str(item, "code"), DEMO_WIJK) > 0);
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
    json_array_foreach (items, i, item) {
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
        "year",          "inhabitants",        "age_0_15",
        "age_15_25",     "age_25_45",          "age_45_65",
        "age_65_plus",   "households",         "avg_household_size",
        "income_per_inhabitant", "low_income_share",
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

static void test_lowercase_code_is_400(void **state)
{
    assert_error(*state, "/api/v1/areas/gm9901", 400, "invalid", "code");
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

static void test_invalid_utf8_in_path_is_400(void **state)
{
    struct http_resp resp;
    assert_true(harness_get(*state, "/api/v1/areas/%C0%AF", &resp));
    assert_int_equal(resp.status, 400);
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
        cmocka_unit_test(test_unknown_area_is_404_with_message),
        cmocka_unit_test(test_malformed_code_is_400_naming_the_field),
        cmocka_unit_test(test_lowercase_code_is_400),
        cmocka_unit_test(test_malformed_parent_is_400),
        cmocka_unit_test(test_malformed_cursor_is_400),
        cmocka_unit_test(test_limit_zero_is_400),
        cmocka_unit_test(test_limit_above_500_is_400),
        cmocka_unit_test(test_limit_not_a_number_is_400),
        cmocka_unit_test(test_limit_500_is_accepted),
        cmocka_unit_test(test_unknown_kind_is_400),
        cmocka_unit_test(test_repeated_parameter_is_400),
        cmocka_unit_test(test_invalid_utf8_in_query_is_400),
        cmocka_unit_test(test_invalid_utf8_in_path_is_400),
    };
    return cmocka_run_group_tests(tests, harness_group_setup, harness_group_teardown);
}
