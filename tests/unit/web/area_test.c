/* Tests of src/web/area.c: the area pages of the demo gemeente Lindenhoven
 * (trail, heading, lists, key figures, outline) in both languages, unknown
 * codes, the find-by-code redirect, and the views kept between requests
 * (the same page again, and a changed page after any change). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "db/db.h"
#include "db/migrate.h"
#include "model/area.h"
#include "model/demo.h"
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
    contains(s,
             "<nav class=\"breadcrumbs\" aria-label=\"Kruimelpad\"><ol><li><a href=\"/\">Start</a>"
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

/* ---- the views kept between requests (db_cache) -------------------------- */

/* Takes the demo database out of a request, so that it outlives it. */
static struct db *demo_db(void)
{
    struct req *r = web_testing_req("nl", "/", NULL, NULL, true);
    struct db *db = r->db;
    r->db = NULL;
    web_testing_free(r);
    return db;
}

/* The page of code in lang on db, in a read transaction as the dispatcher
 * runs a GET; malloc'ed. */
static char *page_on(struct db *db, const char *lang, const char *code)
{
    char path[32];
    snprintf(path, sizeof path, "/areas/%s", code);
    struct req *r = web_testing_req(lang, path, "code", code, false);
    r->db = db;
    struct fault f = {0};
    assert_int_equal(db_begin_read(db, &f), ERR_OK);
    assert_int_equal(web_area(r), ERR_OK);
    db_end_read(db);
    char *body = strdup(web_testing_body(r));
    r->db = NULL;
    web_testing_free(r);
    return body;
}

static void rename_area(struct db *db, const char *code, enum area_kind kind, const char *name)
{
    struct area ar = {code, kind, name, NULL};
    struct fault f = {0};
    assert_int_equal(area_upsert(db, &ar, &f), ERR_OK);
}

static void test_page_shown_again_is_the_same_in_each_language(void **state)
{
    struct db *db = demo_db();
    const char *codes[] = {"GM9901", "WK990101", "BU99010101"};
    for (int i = 0; i < 3; i++) {
        char *nl = page_on(db, "nl", codes[i]);
        char *en = page_on(db, "en", codes[i]);
        char *nl_again = page_on(db, "nl", codes[i]);
        char *en_again = page_on(db, "en", codes[i]);
        assert_string_equal(nl_again, nl);
        assert_string_equal(en_again, en);
        contains(en, "<html lang=\"en\">");
        free(nl);
        free(en);
        free(nl_again);
        free(en_again);
    }
    db_close(db);
}

static void test_page_shows_a_change_made_on_the_same_connection(void **state)
{
    struct db *db = demo_db();
    char *before = page_on(db, "nl", "WK990101");
    contains(before, ">Marktkwartier</a>");
    rename_area(db, "BU99010101", AREA_BUURT, "Nieuwe Markt");
    char *after = page_on(db, "nl", "WK990101");
    contains(after, ">Nieuwe Markt</a>");
    lacks(after, "Marktkwartier");
    char *buurt = page_on(db, "nl", "BU99010101");
    contains(buurt, "<span class=\"area-name\">Nieuwe Markt</span>");
    free(before);
    free(after);
    free(buurt);
    db_close(db);
}

static void test_page_shows_a_change_made_by_another_connection(void **state)
{
    char dir[] = "/tmp/wijk-area-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/wijk.db", dir);
    struct fault f = {0};
    struct db *db = db_open(path, &f), *other = db_open(path, &f);
    assert_non_null(db);
    assert_non_null(other);
    assert_int_equal(migrate_up(db, NULL, &f), ERR_OK);
    assert_int_equal(demo_create(db, NULL, &f), ERR_OK);
    char *before = page_on(db, "en", "GM9901");
    contains(before, "Centrum</a>");
    rename_area(other, "WK990101", AREA_WIJK, "Binnenstad"); /* as a CLI import would */
    char *after = page_on(db, "en", "GM9901");
    contains(after, ">Binnenstad</a>");
    lacks(after, ">Centrum</a>");
    free(before);
    free(after);
    db_close(other);
    db_close(db);
    char wal[80];
    const char *suffixes[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(wal, sizeof wal, "%s%s", path, suffixes[i]);
        unlink(wal);
    }
    assert_int_equal(rmdir(dir), 0);
}

/* More areas than the cache has places: every page stays right while views
 * are dropped and loaded again. */
static void test_many_areas_pages_stay_right(void **state)
{
    struct db *db = demo_db();
    struct fault f = {0};
    for (int i = 0; i < 90; i++) {
        char code[16], name[32];
        snprintf(code, sizeof code, "BU990101%02d", 10 + i);
        snprintf(name, sizeof name, "Extra buurt %02d", i);
        struct area ar = {code, AREA_BUURT, name, "WK990101"};
        assert_int_equal(area_upsert(db, &ar, &f), ERR_OK);
    }
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 90; i++) {
            char code[16], name[64];
            snprintf(code, sizeof code, "BU990101%02d", 10 + i);
            snprintf(name, sizeof name, "<span class=\"area-name\">Extra buurt %02d</span>", i);
            char *page = page_on(db, "nl", code);
            contains(page, name);
            free(page);
        }
        char *wijk = page_on(db, "nl", "WK990101");
        contains(wijk, ">Extra buurt 89</a>");
        free(wijk);
    }
    db_close(db);
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
        cmocka_unit_test(test_page_shown_again_is_the_same_in_each_language),
        cmocka_unit_test(test_page_shows_a_change_made_on_the_same_connection),
        cmocka_unit_test(test_page_shows_a_change_made_by_another_connection),
        cmocka_unit_test(test_many_areas_pages_stay_right),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
