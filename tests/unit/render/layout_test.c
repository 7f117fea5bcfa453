/* Tests of src/render/layout.c: the page frame (language, head, skip link,
 * navigation, language switch, breadcrumbs, main, footer) and the error
 * page, in both languages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "render/layout.h"
#include "render/req.h"
#include "render_testing.h"

/* Fails the test, printing the page, when hay does not hold needle. */
static void contains(const char *hay, const char *needle)
{
    if (strstr(hay, needle))
        return;
    print_error("expected this in the page: %s\n", needle);
    print_error("the page:\n%s\n", hay);
    fail();
}

static void lacks(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        return;
    print_error("did not expect this in the page: %s\n", needle);
    print_error("the page:\n%s\n", hay);
    fail();
}

/* A full page with title and no content, in lang for path. */
static struct req *page(const char *lang, const char *path, const char *title)
{
    struct req *r = testing_req_new(lang, path);
    layout_begin(r, title);
    layout_end(r);
    return r;
}

static void test_page_declares_its_language(void **state)
{
    struct req *nl = page("nl", "/", "x");
    struct req *en = page("en", "/", "x");
    contains(testing_body(nl), "<html lang=\"nl\">");
    contains(testing_body(en), "<html lang=\"en\">");
    testing_req_free(nl);
    testing_req_free(en);
}

static void test_page_has_doctype_charset_viewport_and_stylesheet(void **state)
{
    struct req *r = page("nl", "/", "x");
    const char *s = testing_body(r);
    assert_int_equal(strncmp(s, "<!DOCTYPE html>\n", 16), 0);
    contains(s, "<meta charset=\"utf-8\">");
    contains(s, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    contains(s, "<link rel=\"stylesheet\" href=\"/static/style.css\">");
    assert_string_equal(r->resp.content_type, "text/html; charset=utf-8");
    testing_req_free(r);
}

static void test_title_is_escaped_and_names_the_site(void **state)
{
    struct req *r = page("nl", "/", "<b>Zuid & Noord</b>");
    contains(testing_body(r), "<title>&lt;b&gt;Zuid &amp; Noord&lt;/b&gt; – Wijkregie</title>");
    testing_req_free(r);
}

static void test_page_has_skip_link_header_main_and_footer(void **state)
{
    struct req *r = page("en", "/areas/GM0363", "x");
    const char *s = testing_body(r);
    contains(s, "<a class=\"skip-link\" href=\"#main\">Skip to main content</a>");
    contains(s, "<a class=\"site-name\" href=\"/\">Wijkregie</a>");
    contains(s, "<nav class=\"site-nav\" aria-label=\"Main menu\">");
    contains(s, "<main id=\"main\">");
    contains(s, "</main>\n<footer");
    assert_true(strstr(s, "skip-link") < strstr(s, "<header"));
    assert_true(strstr(s, "<header") < strstr(s, "<main"));
    testing_req_free(r);
}

static void test_language_switch_links_to_the_current_path(void **state)
{
    struct req *r = page("nl", "/areas/BU03630101", "x");
    const char *s = testing_body(r);
    contains(s, "<nav class=\"lang-switch\" aria-label=\"Taal\">");
    contains(s, "<a href=\"/areas/BU03630101?lang=nl\" lang=\"nl\" hreflang=\"nl\" "
                "aria-current=\"true\">Nederlands</a>");
    contains(s, "<a href=\"/areas/BU03630101?lang=en\" lang=\"en\" hreflang=\"en\">English</a>");
    testing_req_free(r);
}

static void test_language_switch_marks_english_when_english(void **state)
{
    struct req *r = page("en", "/", "x");
    contains(testing_body(r),
             "<a href=\"/?lang=en\" lang=\"en\" hreflang=\"en\" aria-current=\"true\">English</a>");
    lacks(testing_body(r), "hreflang=\"nl\" aria-current");
    testing_req_free(r);
}

static void test_language_switch_encodes_the_path(void **state)
{
    struct req *r = page("nl", "/areas/a b\"<x>/", "x");
    contains(testing_body(r), "<a href=\"/areas/a%20b%22%3Cx%3E/?lang=en\"");
    lacks(testing_body(r), "<x>");
    testing_req_free(r);
}

static void test_home_link_is_current_only_at_home(void **state)
{
    struct req *home = page("nl", "/", "x");
    struct req *other = page("nl", "/areas/GM0363", "x");
    contains(testing_body(home), "<a href=\"/\" aria-current=\"page\">Start</a>");
    lacks(testing_body(other), "aria-current=\"page\"");
    testing_req_free(home);
    testing_req_free(other);
}

static void test_breadcrumbs_are_a_named_nav_with_an_ordered_list(void **state)
{
    struct req *r = testing_req_new("nl", "/areas/WK036301");
    const struct crumb crumbs[] = {
        {"Start", "/"},
        {"Amster<dam>", "/areas/GM0363"},
        {"Centrum", NULL},
    };
    layout_begin_crumbs(r, "Centrum", crumbs, 3);
    layout_end(r);
    const char *s = testing_body(r);
    contains(s, "<nav class=\"breadcrumbs\" aria-label=\"Kruimelpad\"><ol>");
    contains(s, "<li><a href=\"/areas/GM0363\">Amster&lt;dam&gt;</a></li>");
    contains(s, "<li><span aria-current=\"page\">Centrum</span></li></ol></nav>");
    assert_true(strstr(s, "breadcrumbs") < strstr(s, "<main"));
    testing_req_free(r);
}

static void test_page_has_no_inline_script_or_style(void **state)
{
    struct req *r = page("nl", "/", "x");
    lacks(testing_body(r), "<script");
    lacks(testing_body(r), "<style");
    lacks(testing_body(r), "style=");
    lacks(testing_body(r), "javascript:");
    testing_req_free(r);
}

static void test_error_page_has_status_heading_message_and_home_link(void **state)
{
    struct req *r = testing_req_new("nl", "/areas/GM0000");
    r->resp.status = 404;
    fault_set(&r->fault, ERR_NOT_FOUND, "code", "Unknown area code %s.", "GM0000", NULL);
    buf_puts(&r->resp.body, "half a page that must go");
    layout_error_page(r);
    const char *s = testing_body(r);
    lacks(s, "half a page");
    contains(s, "<title>Niet gevonden – Wijkregie</title>");
    contains(s, "<h1>Niet gevonden</h1>");
    contains(s, "Onbekende gebiedscode GM0000.");
    contains(s, "<a href=\"/\">Terug naar de startpagina</a>");
    assert_string_equal(r->resp.content_type, "text/html; charset=utf-8");
    testing_req_free(r);
}

static void test_error_page_in_english_escapes_the_args(void **state)
{
    struct req *r = testing_req_new("en", "/x");
    r->resp.status = 400;
    fault_set(&r->fault, ERR_INVALID, "name", "%s is required.", "<img src=x>", NULL);
    layout_error_page(r);
    contains(testing_body(r), "<h1>Invalid request</h1>");
    contains(testing_body(r), "&lt;img src=x&gt; is required.");
    lacks(testing_body(r), "<img");
    testing_req_free(r);
}

static void test_error_page_without_message_uses_a_general_one(void **state)
{
    struct req *r = testing_req_new("en", "/x");
    r->resp.status = 500;
    r->fault.code = ERR_INTERNAL;
    layout_error_page(r);
    contains(testing_body(r), "<h1>Something went wrong</h1>");
    contains(testing_body(r), "Something went wrong on our side.");
    testing_req_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_declares_its_language),
        cmocka_unit_test(test_page_has_doctype_charset_viewport_and_stylesheet),
        cmocka_unit_test(test_title_is_escaped_and_names_the_site),
        cmocka_unit_test(test_page_has_skip_link_header_main_and_footer),
        cmocka_unit_test(test_language_switch_links_to_the_current_path),
        cmocka_unit_test(test_language_switch_marks_english_when_english),
        cmocka_unit_test(test_language_switch_encodes_the_path),
        cmocka_unit_test(test_home_link_is_current_only_at_home),
        cmocka_unit_test(test_breadcrumbs_are_a_named_nav_with_an_ordered_list),
        cmocka_unit_test(test_page_has_no_inline_script_or_style),
        cmocka_unit_test(test_error_page_has_status_heading_message_and_home_link),
        cmocka_unit_test(test_error_page_in_english_escapes_the_args),
        cmocka_unit_test(test_error_page_without_message_uses_a_general_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
