/* Tests of the geography model (src/model/area.c) on an in-memory SQLite
 * database with the real migrations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/area.h"
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

static struct area_figures figures(int year, double inhabitants)
{
    struct area_figures fig = {.year = year};
    fig.inhabitants = (struct figure){true, inhabitants};
    fig.income_per_inhabitant = (struct figure){true, 31.5};
    return fig;
}

/* GM0363 with wijken WK036301, WK0363AF and buurten under them, and GM0361
 * with one wijk: 9 areas. */
static void put_tree(struct db *db)
{
    put(db, "GM0363", AREA_GEMEENTE, "Amsterdam");
    put(db, "WK036301", AREA_WIJK, "Burgwallen-Oude Zijde");
    put(db, "WK0363AF", AREA_WIJK, "Jordaan");
    put(db, "BU03630101", AREA_BUURT, "Kop Zeedijk");
    put(db, "BU03630102", AREA_BUURT, "Oude Kerk e.o.");
    put(db, "BU0363AF01", AREA_BUURT, "Westelijke Eilanden");
    put(db, "BU0363AF02", AREA_BUURT, "Anjeliersbuurt");
    put(db, "GM0361", AREA_GEMEENTE, "Alkmaar");
    put(db, "WK036101", AREA_WIJK, "Zuid");
}

static void test_area_kind_names_round_trip(void **state)
{
    assert_string_equal(area_kind_name(AREA_GEMEENTE), "gemeente");
    assert_string_equal(area_kind_name(AREA_WIJK), "wijk");
    assert_string_equal(area_kind_name(AREA_BUURT), "buurt");
    assert_int_equal(area_kind_parse("buurt"), AREA_BUURT);
    assert_int_equal(area_kind_parse("wijk"), AREA_WIJK);
    assert_int_equal(area_kind_parse("gemeente"), AREA_GEMEENTE);
    assert_int_equal(area_kind_parse("Buurt"), 0);
    assert_int_equal(area_kind_parse("land"), 0);
    assert_int_equal(area_kind_parse(NULL), 0);
}

static void test_area_code_valid_accepts_cbs_forms(void **state)
{
    enum area_kind k = 0;
    assert_true(area_code_valid("GM0363", &k));
    assert_int_equal(k, AREA_GEMEENTE);
    assert_true(area_code_valid("WK036301", &k));
    assert_int_equal(k, AREA_WIJK);
    assert_true(area_code_valid("BU03630101", &k));
    assert_int_equal(k, AREA_BUURT);
    assert_true(area_code_valid("WK0363AF", NULL));
    assert_true(area_code_valid("BU0363AF01", NULL));
}

static void test_area_code_valid_rejects_malformed(void **state)
{
    const char *bad[] = {"",       "GM036",  "GM03630", "WK03630",  "BU036301011", "gm0363",
                         "GM03a3", "XX0363", "NL00",    "WK0363-1", "BU0363 101",  "GM0363\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(area_code_valid(bad[i], NULL));
    assert_false(area_code_valid(NULL, NULL));
}

static void test_area_code_parent_follows_the_code(void **state)
{
    struct fixture *fx = *state;
    assert_string_equal(area_code_parent(fx->a, "BU03630101"), "WK036301");
    assert_string_equal(area_code_parent(fx->a, "WK036301"), "GM0363");
    assert_string_equal(area_code_parent(fx->a, "BU0363AF01"), "WK0363AF");
    assert_string_equal(area_code_parent(fx->a, "WK0363AF"), "GM0363");
    assert_null(area_code_parent(fx->a, "GM0363"));
    assert_null(area_code_parent(fx->a, "BU036"));
}

static void test_area_upsert_then_get(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    struct area ar;
    struct fault f = {0};
    assert_int_equal(area_get(fx->db, fx->a, "BU0363AF01", &ar, &f), ERR_OK);
    assert_string_equal(ar.code, "BU0363AF01");
    assert_int_equal(ar.kind, AREA_BUURT);
    assert_string_equal(ar.name, "Westelijke Eilanden");
    assert_string_equal(ar.parent_code, "WK0363AF");
    assert_int_equal(area_get(fx->db, fx->a, "GM0363", &ar, &f), ERR_OK);
    assert_null(ar.parent_code);
}

static void test_area_upsert_updates_name(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    put(fx->db, "WK036101", AREA_WIJK, "Alkmaar-Zuid");
    struct area ar;
    struct fault f = {0};
    assert_int_equal(area_get(fx->db, fx->a, "WK036101", &ar, &f), ERR_OK);
    assert_string_equal(ar.name, "Alkmaar-Zuid");
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area"), 9);
}

static void test_area_get_unknown_is_not_found_naming_code(void **state)
{
    struct fixture *fx = *state;
    struct area ar;
    struct fault f = {0};
    assert_int_equal(area_get(fx->db, fx->a, "GM0999", &ar, &f), ERR_NOT_FOUND);
    assert_string_equal(f.msgid, "Unknown area code %s.");
    assert_string_equal(f.args[0], "GM0999");
}

static void test_area_get_malformed_code_is_invalid(void **state)
{
    struct fixture *fx = *state;
    struct area ar;
    struct fault f = {0};
    assert_int_equal(area_get(fx->db, fx->a, "XX12", &ar, &f), ERR_INVALID);
    assert_string_equal(f.field, "code");
}

static void test_area_upsert_rejects_kind_not_matching_code(void **state)
{
    struct fixture *fx = *state;
    struct area ar = {"WK036301", AREA_BUURT, "Verkeerd", NULL};
    struct fault f = {0};
    assert_int_equal(area_upsert(fx->db, &ar, &f), ERR_INVALID);
    assert_string_equal(f.field, "kind");
}

static void test_area_upsert_rejects_wrong_parent(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    struct area ar = {"BU03630103", AREA_BUURT, "Nieuwmarkt", "WK0363AF"};
    struct fault f = {0};
    assert_int_equal(area_upsert(fx->db, &ar, &f), ERR_INVALID);
    assert_string_equal(f.field, "parent");
    struct area gm = {"GM0599", AREA_GEMEENTE, "Rotterdam", "GM0363"};
    assert_int_equal(area_upsert(fx->db, &gm, &f), ERR_INVALID);
    struct area ok = {"BU03630103", AREA_BUURT, "Nieuwmarkt", "WK036301"};
    assert_int_equal(area_upsert(fx->db, &ok, &f), ERR_OK);
}

static void test_area_upsert_rejects_missing_parent_row(void **state)
{
    struct fixture *fx = *state;
    struct area ar = {"WK059901", AREA_WIJK, "Stadsdriehoek", NULL};
    struct fault f = {0};
    assert_int_equal(area_upsert(fx->db, &ar, &f), ERR_INVALID);
    assert_string_equal(f.field, "parent");
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area"), 0);
}

static void test_area_upsert_rejects_bad_names(void **state)
{
    struct fixture *fx = *state;
    const char *bad[] = {"", "tab\there", "new\nline", "\xC0\xAF"};
    struct fault f = {0};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct area ar = {"GM0363", AREA_GEMEENTE, bad[i], NULL};
        assert_int_equal(area_upsert(fx->db, &ar, &f), ERR_INVALID);
        assert_string_equal(f.field, "name");
    }
    char long_name[202];
    memset(long_name, 'a', 201);
    long_name[201] = '\0';
    struct area ar = {"GM0363", AREA_GEMEENTE, long_name, NULL};
    assert_int_equal(area_upsert(fx->db, &ar, &f), ERR_INVALID);
    long_name[200] = '\0';
    assert_int_equal(area_upsert(fx->db, &ar, &f), ERR_OK);
}

/* Walks every page for one limit and returns the codes joined by ','. */
static char *walk(struct fixture *fx, const char *parent, enum area_kind kind, int limit,
                  int *pages)
{
    struct area_filter flt = {parent, kind, NULL, limit};
    char *all = arena_strdup(fx->a, "");
    *pages = 0;
    for (;;) {
        struct area_page page;
        struct fault f = {0};
        assert_int_equal(area_list(fx->db, fx->a, &flt, &page, &f), ERR_OK);
        assert_true(page.n <= limit);
        for (int i = 0; i < page.n; i++)
            all = arena_printf(fx->a, "%s%s%s", all, *all ? "," : "", page.items[i].code);
        ++*pages;
        if (!page.next)
            break;
        assert_int_equal(page.n, limit);
        flt.after = page.next;
    }
    return all;
}

static void test_area_list_pages_cover_every_area_once(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    const char *want = "BU03630101,BU03630102,BU0363AF01,BU0363AF02,GM0361,GM0363,"
                       "WK036101,WK036301,WK0363AF";
    for (int limit = 1; limit <= 10; limit++) {
        int pages;
        assert_string_equal(walk(fx, NULL, 0, limit, &pages), want);
        assert_int_equal(pages, (9 + limit - 1) / limit); /* a full last page says so */
    }
}

static void test_area_list_last_full_page_has_no_next(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    struct area_filter flt = {NULL, 0, "GM0363", 3};
    struct area_page page;
    struct fault f = {0};
    assert_int_equal(area_list(fx->db, fx->a, &flt, &page, &f), ERR_OK);
    assert_int_equal(page.n, 3);
    assert_string_equal(page.items[2].code, "WK0363AF");
    assert_null(page.next);
}

static void test_area_list_filters_by_parent_and_kind(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    int pages;
    assert_string_equal(walk(fx, "WK0363AF", 0, 1, &pages), "BU0363AF01,BU0363AF02");
    assert_string_equal(walk(fx, NULL, AREA_GEMEENTE, 500, &pages), "GM0361,GM0363");
    assert_string_equal(walk(fx, "GM0363", AREA_WIJK, 2, &pages), "WK036301,WK0363AF");
    assert_string_equal(walk(fx, "GM0363", AREA_BUURT, 2, &pages), "");
    assert_string_equal(walk(fx, "GM0999", 0, 5, &pages), "");
}

static void test_area_list_rejects_bad_filters(void **state)
{
    struct fixture *fx = *state;
    struct area_page page;
    struct fault f = {0};
    struct area_filter bad[] = {
        {NULL, 0, NULL, 0},
        {NULL, 0, NULL, 501},
        {"XX12", 0, NULL, 10},
        {NULL, 0, "' OR 1=1", 10},
        {NULL, (enum area_kind)9, NULL, 10},
    };
    const char *fields[] = {"limit", "limit", "parent", "cursor", "kind"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(area_list(fx->db, fx->a, &bad[i], &page, &f), ERR_INVALID);
        assert_string_equal(f.field, fields[i]);
    }
}

static void test_area_figures_latest_takes_newest_year(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    struct fault f = {0};
    struct area_figures old = figures(2022, 100), new = figures(2024, 120);
    new.households = (struct figure){false, 0};
    assert_int_equal(area_figures_put(fx->db, "WK036101", &new, &f), ERR_OK);
    assert_int_equal(area_figures_put(fx->db, "WK036101", &old, &f), ERR_OK);
    struct area_figures got;
    bool found = false;
    assert_int_equal(area_figures_latest(fx->db, fx->a, "WK036101", &got, &found, &f), ERR_OK);
    assert_true(found);
    assert_int_equal(got.year, 2024);
    assert_true(got.inhabitants.known);
    assert_true(got.inhabitants.value == 120);
    assert_false(got.households.known);
    assert_true(got.income_per_inhabitant.known);
    assert_true(got.income_per_inhabitant.value == 31.5);
}

static void test_area_figures_latest_without_figures_is_not_found(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    struct area_figures got;
    bool found = true;
    struct fault f = {0};
    assert_int_equal(area_figures_latest(fx->db, fx->a, "GM0363", &got, &found, &f), ERR_OK);
    assert_false(found);
}

static void test_area_figures_put_replaces_a_year(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    struct fault f = {0};
    struct area_figures a = figures(2024, 100), b = figures(2024, 250);
    assert_int_equal(area_figures_put(fx->db, "GM0361", &a, &f), ERR_OK);
    assert_int_equal(area_figures_put(fx->db, "GM0361", &b, &f), ERR_OK);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_figures"), 1);
    assert_int_equal(mt_int(fx->db, "SELECT inhabitants FROM area_figures"), 250);
}

static void test_area_figures_put_rejects_bad_input(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    struct fault f = {0};
    struct area_figures fig = figures(2024, 10);
    assert_int_equal(area_figures_put(fx->db, "GM0999", &fig, &f), ERR_NOT_FOUND);
    fig.year = 1989;
    assert_int_equal(area_figures_put(fx->db, "GM0363", &fig, &f), ERR_INVALID);
    fig = figures(2024, -1);
    assert_int_equal(area_figures_put(fx->db, "GM0363", &fig, &f), ERR_INVALID);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_figures"), 0);
}

static void test_area_figures_delete_year_keeps_other_years(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    struct fault f = {0};
    struct area_figures a = figures(2023, 1), b = figures(2024, 2);
    assert_int_equal(area_figures_put(fx->db, "GM0363", &a, &f), ERR_OK);
    assert_int_equal(area_figures_put(fx->db, "GM0363", &b, &f), ERR_OK);
    assert_int_equal(area_figures_put(fx->db, "GM0361", &b, &f), ERR_OK);
    assert_int_equal(area_figures_delete_year(fx->db, 2024, &f), ERR_OK);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_figures"), 1);
    assert_int_equal(mt_int(fx->db, "SELECT year FROM area_figures"), 2023);
}

static void test_area_children_ordered_by_name_with_inhabitants(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    struct fault f = {0};
    struct area_figures old = figures(2023, 700), new = figures(2024, 800);
    assert_int_equal(area_figures_put(fx->db, "BU0363AF02", &old, &f), ERR_OK);
    assert_int_equal(area_figures_put(fx->db, "BU0363AF02", &new, &f), ERR_OK);
    struct area_child *kids;
    int n = -1;
    assert_int_equal(area_children(fx->db, fx->a, "WK0363AF", &kids, &n, &f), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(kids[0].area.name, "Anjeliersbuurt");
    assert_true(kids[0].inhabitants.known);
    assert_true(kids[0].inhabitants.value == 800);
    assert_string_equal(kids[1].area.name, "Westelijke Eilanden");
    assert_false(kids[1].inhabitants.known);
    assert_int_equal(area_children(fx->db, fx->a, "BU0363AF02", &kids, &n, &f), ERR_OK);
    assert_int_equal(n, 0);
}

static void test_area_children_many(void **state)
{
    struct fixture *fx = *state;
    put(fx->db, "GM0001", AREA_GEMEENTE, "Veel");
    put(fx->db, "WK000101", AREA_WIJK, "Wijk");
    for (int i = 0; i < 50; i++) {
        char code[16], name[16];
        snprintf(code, sizeof code, "BU000101%02d", i);
        snprintf(name, sizeof name, "Buurt %02d", 49 - i);
        put(fx->db, code, AREA_BUURT, name);
    }
    struct area_child *kids;
    int n = 0;
    struct fault f = {0};
    assert_int_equal(area_children(fx->db, fx->a, "WK000101", &kids, &n, &f), ERR_OK);
    assert_int_equal(n, 50);
    assert_string_equal(kids[0].area.name, "Buurt 00");
    assert_string_equal(kids[0].area.code, "BU00010149");
    assert_string_equal(kids[49].area.code, "BU00010100");
}

static void test_area_children_take_each_childs_own_newest_year(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    struct fault f = {0};
    /* 2024 is the newest year in the table; Kop Zeedijk has only 2022, and
     * Oude Kerk has a 2024 row whose inhabitants are unknown. */
    struct area_figures kop = figures(2022, 900), kerk_old = figures(2023, 500),
                        kerk_new = figures(2024, 0), elsewhere = figures(2024, 5);
    kerk_new.inhabitants = (struct figure){false, 0};
    assert_int_equal(area_figures_put(fx->db, "BU03630101", &kop, &f), ERR_OK);
    assert_int_equal(area_figures_put(fx->db, "BU03630102", &kerk_old, &f), ERR_OK);
    assert_int_equal(area_figures_put(fx->db, "BU03630102", &kerk_new, &f), ERR_OK);
    assert_int_equal(area_figures_put(fx->db, "GM0361", &elsewhere, &f), ERR_OK);
    struct area_child *kids;
    int n = 0;
    assert_int_equal(area_children(fx->db, fx->a, "WK036301", &kids, &n, &f), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(kids[0].area.code, "BU03630101");
    assert_true(kids[0].inhabitants.known);
    assert_true(kids[0].inhabitants.value == 900);
    assert_string_equal(kids[1].area.code, "BU03630102");
    assert_false(kids[1].inhabitants.known); /* its newest year says unknown */
}

static void test_area_children_without_any_figures_are_unknown(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    struct area_child *kids;
    int n = 0;
    struct fault f = {0};
    assert_int_equal(area_children(fx->db, fx->a, "GM0363", &kids, &n, &f), ERR_OK);
    assert_int_equal(n, 2);
    assert_false(kids[0].inhabitants.known);
    assert_false(kids[1].inhabitants.known);
    assert_int_equal(area_children(fx->db, fx->a, "XX12", &kids, &n, &f), ERR_INVALID);
}

static const char *square(struct arena *a, double lon)
{
    return arena_printf(a,
                        "{\"type\":\"Polygon\",\"coordinates\":[[[%g,52],[%g,52],[%g,53],"
                        "[%g,52]]]}",
                        lon, lon + 0.1, lon + 0.1, lon);
}

static void test_area_children_boundaries_gives_children_with_one_by_code(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    struct fault f = {0};
    /* Put in another order than the codes' on purpose; WK036301 and the
     * gemeente itself have a boundary too, but are not children of WK0363AF. */
    const char *codes[] = {"BU0363AF02", "BU0363AF01", "WK036301", "WK0363AF"};
    for (int i = 0; i < 4; i++)
        assert_int_equal(
            area_boundary_put(fx->db, codes[i], square(fx->a, 4 + i), 4 + i, 52, 4.1 + i, 53, &f),
            ERR_OK);
    struct area_outline *out;
    int n = -1;
    assert_int_equal(area_children_boundaries(fx->db, fx->a, "WK0363AF", &out, &n, &f), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(out[0].code, "BU0363AF01");
    assert_string_equal(out[0].geojson, square(fx->a, 5));
    assert_string_equal(out[1].code, "BU0363AF02");
    assert_string_equal(out[1].geojson, square(fx->a, 4));
    assert_int_equal(area_children_boundaries(fx->db, fx->a, "GM0363", &out, &n, &f), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(out[0].code, "WK036301");
    assert_string_equal(out[1].code, "WK0363AF");
}

static void test_area_children_boundaries_of_childless_or_bad_code(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    struct area_outline *out = (struct area_outline *)1;
    int n = -1;
    struct fault f = {0};
    assert_int_equal(area_children_boundaries(fx->db, fx->a, "WK036301", &out, &n, &f), ERR_OK);
    assert_int_equal(n, 0); /* children, but none has a boundary */
    assert_null(out);
    assert_int_equal(area_children_boundaries(fx->db, fx->a, "BU03630101", &out, &n, &f), ERR_OK);
    assert_int_equal(n, 0);
    assert_int_equal(area_children_boundaries(fx->db, fx->a, "GM0999", &out, &n, &f), ERR_OK);
    assert_int_equal(n, 0);
    assert_int_equal(area_children_boundaries(fx->db, fx->a, "' OR 1=1", &out, &n, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "code");
}

static void test_area_children_boundaries_match_area_boundary_for_many(void **state)
{
    struct fixture *fx = *state;
    put(fx->db, "GM0001", AREA_GEMEENTE, "Veel");
    put(fx->db, "WK000101", AREA_WIJK, "Wijk");
    struct fault f = {0};
    for (int i = 0; i < 40; i++) {
        char code[16], name[16];
        snprintf(code, sizeof code, "BU000101%02d", 39 - i);
        snprintf(name, sizeof name, "Buurt %02d", i);
        put(fx->db, code, AREA_BUURT, name);
        if (i % 3 != 0)
            assert_int_equal(
                area_boundary_put(fx->db, code, square(fx->a, i), i, 52, i + 0.1, 53, &f), ERR_OK);
    }
    struct area_outline *out;
    int n;
    assert_int_equal(area_children_boundaries(fx->db, fx->a, "WK000101", &out, &n, &f), ERR_OK);
    assert_int_equal(n, 26);
    for (int i = 0; i < 40; i++) {
        char code[16];
        snprintf(code, sizeof code, "BU000101%02d", i);
        const char *one = NULL;
        assert_int_equal(area_boundary(fx->db, fx->a, code, &one, &f), ERR_OK);
        const char *found = area_outline_find(out, n, code);
        if (one)
            assert_string_equal(found, one);
        else
            assert_null(found);
    }
}

static void test_area_outline_find_searches_by_code(void **state)
{
    const struct area_outline outlines[] = {
        {"BU00010101", "a"}, {"BU00010103", "c"}, {"BU0001010A", "x"}, {"BU00010201", "d"}};
    assert_string_equal(area_outline_find(outlines, 4, "BU00010101"), "a");
    assert_string_equal(area_outline_find(outlines, 4, "BU00010103"), "c");
    assert_string_equal(area_outline_find(outlines, 4, "BU0001010A"), "x");
    assert_string_equal(area_outline_find(outlines, 4, "BU00010201"), "d");
    assert_null(area_outline_find(outlines, 4, "BU00010102"));
    assert_null(area_outline_find(outlines, 4, "BU00010100"));
    assert_null(area_outline_find(outlines, 4, "BU99999999"));
    assert_null(area_outline_find(outlines, 0, "BU00010101"));
    assert_null(area_outline_find(NULL, 0, "BU00010101"));
}

static void test_area_boundary_put_and_get(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    struct fault f = {0};
    const char *geo = "{\"type\":\"Polygon\",\"coordinates\":[[[4.7,52.6],[4.8,52.6],"
                      "[4.8,52.7],[4.7,52.6]]]}";
    const char *got = "x";
    assert_int_equal(area_boundary(fx->db, fx->a, "WK036101", &got, &f), ERR_OK);
    assert_null(got);
    assert_int_equal(area_boundary_put(fx->db, "WK036101", geo, 4.7, 52.6, 4.8, 52.7, &f), ERR_OK);
    assert_int_equal(area_boundary_put(fx->db, "WK036101", geo, 4.7, 52.6, 4.8, 52.7, &f), ERR_OK);
    assert_int_equal(area_boundary(fx->db, fx->a, "WK036101", &got, &f), ERR_OK);
    assert_string_equal(got, geo);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_boundary"), 1);
}

static void test_area_boundary_put_rejects_unknown_area_and_bad_box(void **state)
{
    struct fixture *fx = *state;
    put_tree(fx->db);
    struct fault f = {0};
    const char *geo = "{\"type\":\"Polygon\",\"coordinates\":[]}";
    assert_int_equal(area_boundary_put(fx->db, "WK039901", geo, 4, 52, 5, 53, &f), ERR_NOT_FOUND);
    assert_int_equal(area_boundary_put(fx->db, "WK036101", geo, 5, 52, 4, 53, &f), ERR_INVALID);
    assert_int_equal(area_boundary_put(fx->db, "WK036101", geo, 4, 52, 5, 91, &f), ERR_INVALID);
    assert_int_equal(mt_int(fx->db, "SELECT COUNT(*) FROM area_boundary"), 0);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_area_kind_names_round_trip),
        T(test_area_code_valid_accepts_cbs_forms),
        T(test_area_code_valid_rejects_malformed),
        T(test_area_code_parent_follows_the_code),
        T(test_area_upsert_then_get),
        T(test_area_upsert_updates_name),
        T(test_area_get_unknown_is_not_found_naming_code),
        T(test_area_get_malformed_code_is_invalid),
        T(test_area_upsert_rejects_kind_not_matching_code),
        T(test_area_upsert_rejects_wrong_parent),
        T(test_area_upsert_rejects_missing_parent_row),
        T(test_area_upsert_rejects_bad_names),
        T(test_area_list_pages_cover_every_area_once),
        T(test_area_list_last_full_page_has_no_next),
        T(test_area_list_filters_by_parent_and_kind),
        T(test_area_list_rejects_bad_filters),
        T(test_area_figures_latest_takes_newest_year),
        T(test_area_figures_latest_without_figures_is_not_found),
        T(test_area_figures_put_replaces_a_year),
        T(test_area_figures_put_rejects_bad_input),
        T(test_area_figures_delete_year_keeps_other_years),
        T(test_area_children_ordered_by_name_with_inhabitants),
        T(test_area_children_many),
        T(test_area_children_take_each_childs_own_newest_year),
        T(test_area_children_without_any_figures_are_unknown),
        T(test_area_children_boundaries_gives_children_with_one_by_code),
        T(test_area_children_boundaries_of_childless_or_bad_code),
        T(test_area_children_boundaries_match_area_boundary_for_many),
        T(test_area_outline_find_searches_by_code),
        T(test_area_boundary_put_and_get),
        T(test_area_boundary_put_rejects_unknown_area_and_bad_box),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
