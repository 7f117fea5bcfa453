/* Tests of src/web/area.c: the area pages of the demo gemeente Lindenhoven
 * (trail, heading, lists, key figures, outline) in both languages, unknown
 * codes, and the find-by-code redirect. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "web/web.h"
#include "web_testing.h"

#define contains web_testing_contains
#define lacks web_testing_lacks

/* The page of code in lang; fails unless the handler succeeds. */
static struct req *area_page(const char *lang, const char *code)
{
    char path[32];
    snprintf(path, sizeof path, "/areas/%s", code);
    struct req *r = web_testing_req(lang, path, "code", code, true);
    assert_int_equal(web_area(r), ERR_OK);
    assert_int_equal(r->resp.status, 200);
    assert_string_equal(r->resp.content_type, "text/html; charset=utf-8");
    return r;
}

static void test_gemeente_page_lists_its_wijken_once_each(void **state)
{
    struct req *r = area_page("nl", "GM9901");
    const char *s = web_testing_body(r);
    contains(s, "<span class=\"area-name\">Lindenhoven</span> "
                "<span class=\"area-kind\">gemeente GM9901</span></h1>");
    const char *codes[] = {"WK990101", "WK990102", "WK990103", "WK990104"};
    for (int i = 0; i < 4; i++) {
        char link[64];
        snprintf(link, sizeof link, "<a href=\"/areas/%s\">", codes[i]);
        const char *first = strstr(s, link);
        assert_non_null(first);
        assert_null(strstr(first + 1, link));
    }
    contains(s, "<caption id=\"parts-table-caption\">Wijken van Lindenhoven</caption>");
    contains(s, "<th scope=\"col\">Naam</th>");
    web_testing_free(r);
}

static void test_wijk_page_has_trail_and_lists_buurten(void **state)
{
    struct req *r = area_page("nl", "WK990101");
    const char *s = web_testing_body(r);
    contains(s, "<nav class=\"breadcrumbs\" aria-label=\"Kruimelpad\"><ol><li><a href=\"/\">Start</a>"
                "</li><li><a href=\"/areas/GM9901\">Lindenhoven</a></li><li><span "
                "aria-current=\"page\">Centrum</span></li></ol></nav>");
    contains(s, "<a href=\"/areas/BU99010101\">Marktkwartier</a></th><td>BU99010101</td>");
    contains(s, "Buurten van Centrum");
    web_testing_free(r);
}

static void test_buurt_page_shows_key_figures_with_year(void **state)
{
    struct req *r = area_page("nl", "BU99010101");
    const char *s = web_testing_body(r);
    contains(s, "<a href=\"/areas/WK990101\">Centrum</a>");
    contains(s, "<h2 id=\"figures\">Kerncijfers 2024</h2>");
    contains(s, "<caption id=\"figures-table-caption\">Kerncijfers van Marktkwartier, 2024");
    contains(s, "<tr><th scope=\"row\">Inwoners</th><td class=\"num\">1.462</td></tr>");
    contains(s, "<th scope=\"row\">0 tot 15 jaar</th>");
    contains(s, "<th scope=\"row\">Gemiddeld inkomen per inwoner (x € 1.000)</th>");
    contains(s, "%</td></tr>");
    lacks(s, "id=\"parts\"");
    web_testing_free(r);
}

static void test_buurt_page_in_english(void **state)
{
    struct req *r = area_page("en", "BU99010101");
    const char *s = web_testing_body(r);
    contains(s, "<html lang=\"en\">");
    contains(s, "<span class=\"area-kind\">neighbourhood BU99010101</span>");
    contains(s, "<tr><th scope=\"row\">Inhabitants</th><td class=\"num\">1,462</td></tr>");
    lacks(s, "Inwoners");
    web_testing_free(r);
}

static void test_area_with_boundary_draws_its_outline(void **state)
{
    struct req *r = area_page("en", "BU99010101");
    const char *s = web_testing_body(r);
    contains(s, "<svg class=\"map\"");
    contains(s, "role=\"img\" aria-labelledby=\"map-title\"><title id=\"map-title\">"
                "Outline of Marktkwartier</title>");
    contains(s, "<path class=\"map-area\"");
    web_testing_free(r);
}

static void test_wijk_outline_shows_its_buurten(void **state)
{
    struct req *r = area_page("nl", "WK990101");
    contains(web_testing_body(r), "Omtrek van Centrum met de buurten");
    contains(web_testing_body(r), "class=\"map-child\"");
    web_testing_free(r);
}

static void test_tables_scroll_in_a_named_focusable_region(void **state)
{
    struct req *r = area_page("nl", "GM9901");
    contains(web_testing_body(r), "<section class=\"table-scroll\" tabindex=\"0\" "
                                  "aria-labelledby=\"parts-table-caption\">");
    web_testing_free(r);
}

static void test_unknown_code_is_not_found_and_names_the_code(void **state)
{
    struct req *r = web_testing_req("nl", "/areas/WK990199", "code", "WK990199", true);
    assert_int_equal(web_area(r), ERR_NOT_FOUND);
    assert_int_equal(r->fault.code, ERR_NOT_FOUND);
    assert_non_null(r->fault.msgid);
    assert_string_equal(r->fault.args[0], "WK990199");
    web_testing_free(r);
}

static void test_find_redirects_to_the_area_page(void **state)
{
    struct req *r = web_testing_req("nl", "/areas", "code", "BU99010101", false);
    assert_int_equal(web_area_find(r), ERR_OK);
    assert_int_equal(r->resp.status, 303);
    assert_string_equal(web_testing_header(r, "Location"), "/areas/BU99010101");
    contains(web_testing_body(r), "<a href=\"/areas/BU99010101\">BU99010101</a>");
    web_testing_free(r);
}

static void test_find_encodes_the_code_in_the_location(void **state)
{
    struct req *r = web_testing_req("nl", "/areas", "code", "a/b c", false);
    assert_int_equal(web_area_find(r), ERR_OK);
    assert_string_equal(web_testing_header(r, "Location"), "/areas/a%2Fb%20c");
    web_testing_free(r);
}

static void test_find_without_code_is_invalid(void **state)
{
    struct req *r = web_testing_req("nl", "/areas", NULL, NULL, false);
    assert_int_equal(web_area_find(r), ERR_INVALID);
    assert_string_equal(r->fault.field, "code");
    assert_null(web_testing_header(r, "Location"));
    web_testing_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gemeente_page_lists_its_wijken_once_each),
        cmocka_unit_test(test_wijk_page_has_trail_and_lists_buurten),
        cmocka_unit_test(test_buurt_page_shows_key_figures_with_year),
        cmocka_unit_test(test_buurt_page_in_english),
        cmocka_unit_test(test_area_with_boundary_draws_its_outline),
        cmocka_unit_test(test_wijk_outline_shows_its_buurten),
        cmocka_unit_test(test_tables_scroll_in_a_named_focusable_region),
        cmocka_unit_test(test_unknown_code_is_not_found_and_names_the_code),
        cmocka_unit_test(test_find_redirects_to_the_area_page),
        cmocka_unit_test(test_find_encodes_the_code_in_the_location),
        cmocka_unit_test(test_find_without_code_is_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
