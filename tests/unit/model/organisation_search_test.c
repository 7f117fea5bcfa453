/* Tests of the organisation reads (src/model/organisation_search.c) on
 * SQLite and PostgreSQL (see account_testing.h): search by part of the name
 * in any case with LIKE's own characters taken literally, by kind and by
 * area served along the area tree, keyset paging, and the organisations
 * serving an area as its arena page lists them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "capacity_testing.h"
#include "model/capacity.h"
#include "model/organisation.h"

/* Registers name of kind serving area (NULL: none) at the console. */
static int64_t add(struct at_fx *fx, const char *name, const char *kind, const char *area)
{
    struct actor act = ct_console();
    const char *areas[] = {area};
    struct organisation in = {.name = name, .kind = kind, .areas = areas, .n_areas = area ? 1 : 0};
    int64_t id = 0;
    assert_int_equal(organisation_register(fx->db, &in, &act, &id, NULL), ERR_OK);
    return id;
}

/* The names found by q, joined by ','. */
static const char *names(struct at_fx *fx, struct organisation_query q)
{
    static char out[400];
    struct organisation_page page;
    if (!q.limit)
        q.limit = 50;
    assert_int_equal(organisation_search(fx->db, fx->a, &q, &page, NULL), ERR_OK);
    out[0] = '\0';
    for (int i = 0; i < page.n; i++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? "," : "",
                 page.items[i].name);
    return out;
}

/* The world's two organisations are Org 1 and Org 2 (no areas). */
static void world(struct at_fx *fx)
{
    ct_world(fx);
    add(fx, "Welzijn Gemeente", "institution", CT_GM1);
    add(fx, "Huurders Wijk", "formal_association", "WK000101");
    add(fx, "Kookclub Buurt", "informal_group", CT_BU1);
    add(fx, "Buren Elders", "informal_group", CT_BU1B);
    add(fx, "Andere Gemeente", "business", CT_GM2);
}

static void test_name_matches_any_case_and_part(void **state)
{
    struct at_fx *fx = at_fx(state);
    world(fx);
    assert_string_equal(names(fx, (struct organisation_query){.q = "KOOK"}), "Kookclub Buurt");
    assert_string_equal(names(fx, (struct organisation_query){.q = "ge"}),
                        "Andere Gemeente,Welzijn Gemeente");
}

static void test_like_characters_are_taken_literally(void **state)
{
    struct at_fx *fx = at_fx(state);
    add(fx, "100% buurt", "business", NULL);
    add(fx, "1000 buurt", "business", NULL);
    add(fx, "a_b", "business", NULL);
    add(fx, "axb", "business", NULL);
    assert_string_equal(names(fx, (struct organisation_query){.q = "0%"}), "100% buurt");
    assert_string_equal(names(fx, (struct organisation_query){.q = "a_"}), "a_b");
    assert_string_equal(names(fx, (struct organisation_query){.q = "\\"}), "");
}

static void test_kind_filters_and_an_unknown_kind_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    world(fx);
    assert_string_equal(names(fx, (struct organisation_query){.kind = "informal_group"}),
                        "Buren Elders,Kookclub Buurt");
    struct organisation_page page;
    struct fault f = {0};
    struct organisation_query q = {.kind = "club", .limit = 10};
    assert_int_equal(organisation_search(fx->db, fx->a, &q, &page, &f), ERR_INVALID);
    assert_string_equal(f.field, "kind");
}

static void test_a_buurt_finds_those_serving_it_and_the_areas_it_lies_in(void **state)
{
    struct at_fx *fx = at_fx(state);
    world(fx);
    assert_string_equal(names(fx, (struct organisation_query){.area = CT_BU1}),
                        "Huurders Wijk,Kookclub Buurt,Welzijn Gemeente");
    assert_string_equal(names(fx, (struct organisation_query){.area = CT_BU2}), "Andere Gemeente");
}

static void test_a_gemeente_finds_those_serving_its_wijken_and_buurten(void **state)
{
    struct at_fx *fx = at_fx(state);
    world(fx);
    assert_string_equal(names(fx, (struct organisation_query){.area = CT_GM1}),
                        "Buren Elders,Huurders Wijk,Kookclub Buurt,Welzijn Gemeente");
    assert_string_equal(names(fx, (struct organisation_query){.area = "GM9999"}), "");
}

static void test_filters_combine(void **state)
{
    struct at_fx *fx = at_fx(state);
    world(fx);
    assert_string_equal(
        names(fx, (struct organisation_query){.q = "e", .kind = "informal_group", .area = CT_BU1}),
        "");
    assert_string_equal(
        names(fx, (struct organisation_query){.q = "u", .kind = "informal_group", .area = CT_BU1}),
        "Kookclub Buurt");
}

static void test_pages_follow_the_cursor_to_the_end(void **state)
{
    struct at_fx *fx = at_fx(state);
    world(fx); /* 7 organisations */
    struct organisation_query q = {.limit = 3};
    struct organisation_page page;
    int seen = 0, pages = 0;
    char last[100] = "";
    do {
        assert_int_equal(organisation_search(fx->db, fx->a, &q, &page, NULL), ERR_OK);
        for (int i = 0; i < page.n; i++) {
            assert_true(strcmp(last, page.items[i].name) < 0 || last[0] == '\0');
            snprintf(last, sizeof last, "%s", page.items[i].name);
        }
        seen += page.n;
        pages++;
        q.after = page.next;
    } while (page.next);
    assert_int_equal(seen, 7);
    assert_int_equal(pages, 3);
}

static void test_a_cursor_naming_nothing_and_bad_limits_are_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct organisation_page page;
    struct fault f = {0};
    struct organisation_query q = {.after = 999, .limit = 10};
    assert_int_equal(organisation_search(fx->db, fx->a, &q, &page, &f), ERR_NOT_FOUND);
    assert_string_equal(f.field, "cursor");
    q = (struct organisation_query){.limit = ORGANISATION_PAGE_MAX + 1};
    assert_int_equal(organisation_search(fx->db, fx->a, &q, &page, &f), ERR_INVALID);
    assert_string_equal(f.field, "limit");
}

static void test_serving_a_wijk_includes_its_buurten_and_gemeente(void **state)
{
    struct at_fx *fx = at_fx(state);
    world(fx);
    struct organisation *items;
    int n;
    assert_int_equal(organisation_list_serving(fx->db, fx->a, "WK000101", &items, &n, NULL),
                     ERR_OK);
    assert_int_equal(n, 4);
    assert_string_equal(items[0].kind, "formal_association"); /* by kind, then name */
    assert_string_equal(items[1].name, "Buren Elders");
    assert_string_equal(items[2].name, "Kookclub Buurt");
    assert_string_equal(items[3].name, "Welzijn Gemeente");
}

static void test_serving_an_unknown_area_is_not_found(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct organisation *items;
    int n;
    struct fault f = {0};
    assert_int_equal(organisation_list_serving(fx->db, fx->a, "WK999999", &items, &n, &f),
                     ERR_NOT_FOUND);
    assert_string_equal(f.field, "area");
    assert_int_equal(n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_name_matches_any_case_and_part),
        AT_TEST(test_like_characters_are_taken_literally),
        AT_TEST(test_kind_filters_and_an_unknown_kind_is_refused),
        AT_TEST(test_a_buurt_finds_those_serving_it_and_the_areas_it_lies_in),
        AT_TEST(test_a_gemeente_finds_those_serving_its_wijken_and_buurten),
        AT_TEST(test_filters_combine),
        AT_TEST(test_pages_follow_the_cursor_to_the_end),
        AT_TEST(test_a_cursor_naming_nothing_and_bad_limits_are_refused),
        AT_TEST(test_serving_a_wijk_includes_its_buurten_and_gemeente),
        AT_TEST(test_serving_an_unknown_area_is_not_found),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
