/* Tests of src/web/home.c: the explanation, the list of gemeenten and the
 * find-by-code form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "web/web.h"
#include "web_testing.h"

#define contains web_testing_contains
#define lacks web_testing_lacks

static void test_home_lists_the_gemeenten_as_links(void **state)
{
    struct req *r = web_testing_req("nl", "/", NULL, NULL, true);
    assert_int_equal(web_home(r), ERR_OK);
    contains(web_testing_body(r), "<h2 id=\"gemeenten\">Gemeenten</h2>\n<ul class=\"area-list\">\n"
                                  "<li><a href=\"/areas/GM9901\">Lindenhoven</a></li>\n</ul>");
    web_testing_free(r);
}

static void test_home_explains_wijkregie_in_dutch(void **state)
{
    struct req *r = web_testing_req("nl", "/", NULL, NULL, true);
    assert_int_equal(web_home(r), ERR_OK);
    contains(web_testing_body(r), "<title>Wijkregie</title>");
    contains(web_testing_body(r), "<h1>Wijkregie: de buurt in handen van de bewoners</h1>");
    contains(web_testing_body(r), "faciliteren");
    web_testing_free(r);
}

static void test_home_has_a_labelled_get_form_for_codes(void **state)
{
    struct req *r = web_testing_req("en", "/", NULL, NULL, true);
    assert_int_equal(web_home(r), ERR_OK);
    const char *s = web_testing_body(r);
    contains(s, "<form class=\"find\" method=\"get\" action=\"/areas\">");
    contains(s, "<label for=\"code\">CBS code</label>");
    contains(s, "<input type=\"text\" id=\"code\" name=\"code\"");
    contains(s, "<button type=\"submit\">Find</button>");
    web_testing_free(r);
}

static void test_home_without_gemeenten_says_so(void **state)
{
    struct req *r = web_testing_req("en", "/", NULL, NULL, true);
    /* An empty geography: the demo's areas removed again. What else the
     * demo holds (organisations serving areas, history, services) still
     * points at them; this in-memory SQLite database stops checking. */
    struct fault f = {0};
    assert_int_equal(db_exec_script(r->db,
                                    "PRAGMA foreign_keys = OFF;"
                                    "DELETE FROM area_boundary; DELETE FROM area_figures;"
                                    "DELETE FROM area WHERE kind = 'buurt';"
                                    "DELETE FROM area WHERE kind = 'wijk';"
                                    "DELETE FROM area;",
                                    &f),
                     ERR_OK);
    assert_int_equal(web_home(r), ERR_OK);
    contains(web_testing_body(r), "No municipalities have been loaded yet.");
    lacks(web_testing_body(r), "area-list");
    web_testing_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_home_lists_the_gemeenten_as_links),
        cmocka_unit_test(test_home_explains_wijkregie_in_dutch),
        cmocka_unit_test(test_home_has_a_labelled_get_form_for_codes),
        cmocka_unit_test(test_home_without_gemeenten_says_so),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
