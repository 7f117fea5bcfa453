/* Tests of the neighbourhood's history (src/model/history.c) on SQLite and
 * PostgreSQL: a verified resident of the buurt adds an event with its
 * actors and author; a resident of another buurt, a professional and a
 * visitor are refused and nothing is written; a resident of a buurt of the
 * wijk adds to the wijk; a municipality admin of the gemeente adds, of
 * another one not; bad dates, kinds, titles and actors are refused with
 * the field named; the timeline is newest first, holds the buurten's events
 * on the wijk's page and pages by keyset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "capacity_testing.h"
#include "model/history.h"

static struct history_event event(const char *area, const char *date, const char *title)
{
    return (struct history_event){
        .area_code = area, .date = date, .kind = "renovation", .title = title};
}

static void test_a_verified_resident_adds_an_event(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t p = at_person(fx, "r@example.nl", "Roos");
    ct_resident(fx, p, CT_BU1);
    struct actor act = ct_act(p, "resident:" CT_BU1);
    struct arena_actor actors[] = {{.type = "organisation", .id = CT_ORG2}};
    struct history_event ev = event(CT_BU1, "2019-05-01", "Nieuwe daken");
    ev.description = "Alle daken vervangen.";
    ev.actors = actors;
    ev.nactors = 1;
    int64_t id = 0;
    assert_int_equal(history_add(fx->db, fx->a, &ev, &act, &id, NULL), ERR_OK);
    struct history_event got;
    assert_int_equal(history_get(fx->db, fx->a, id, &got, NULL), ERR_OK);
    assert_string_equal(got.title, "Nieuwe daken");
    assert_int_equal(got.author_id, p);
    assert_string_equal(got.capacity, "resident:" CT_BU1);
    assert_int_equal(got.nactors, 1);
    assert_string_equal(got.actors[0].name, "Woonstad");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'history.add_event' AND area_code = 'BU00010101'"),
                     1);
}

static void test_others_are_refused_and_nothing_is_written(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t other = at_person(fx, "o@example.nl", "Ander");
    ct_resident(fx, other, CT_BU1B);
    int64_t admin = at_person(fx, "gm2@example.nl", "Gemeente twee");
    ct_grant(fx, admin, CAP_MUNI_ADMIN, 0, CT_GM2);
    struct history_event ev = event(CT_BU1, "2019-05-01", "Nieuwe daken");
    const struct actor actors[] = {ct_act(other, "resident"), ct_act(other, NULL), ct_act(0, NULL),
                                   ct_act(admin, "municipality_admin")};
    for (size_t i = 0; i < sizeof actors / sizeof actors[0]; i++) {
        struct fault f = {0};
        assert_int_equal(history_add(fx->db, fx->a, &ev, &actors[i], NULL, &f), ERR_FORBIDDEN);
        assert_non_null(f.msgid);
    }
    /* claiming a buurt not held is refused too */
    struct actor wrong = ct_act(other, "resident:" CT_BU1);
    assert_int_equal(history_add(fx->db, fx->a, &ev, &wrong, NULL, NULL), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM history_event"), 0);
}

static void test_wijk_and_gemeente_events_by_who_may(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t p = at_person(fx, "r@example.nl", "Roos");
    ct_resident(fx, p, CT_BU1B);
    int64_t admin = at_person(fx, "gm@example.nl", "Gemeente");
    ct_grant(fx, admin, CAP_MUNI_ADMIN, 0, CT_GM1);
    struct actor res = ct_act(p, "resident");
    struct actor muni = ct_act(admin, "municipality_admin:" CT_GM1);
    struct history_event wijk = event("WK000101", "2010-01-01", "Wijkcentrum");
    struct history_event gm = event(CT_GM1, "2001-01-01", "Herindeling");
    struct history_event elsewhere = event(CT_BU2, "2001-01-01", "Kerk");
    assert_int_equal(history_add(fx->db, fx->a, &wijk, &res, NULL, NULL), ERR_OK);
    assert_int_equal(history_add(fx->db, fx->a, &gm, &res, NULL, NULL), ERR_FORBIDDEN);
    assert_int_equal(history_add(fx->db, fx->a, &gm, &muni, NULL, NULL), ERR_OK);
    assert_int_equal(history_add(fx->db, fx->a, &wijk, &muni, NULL, NULL), ERR_OK);
    assert_int_equal(history_add(fx->db, fx->a, &elsewhere, &muni, NULL, NULL), ERR_FORBIDDEN);
    struct history_event nowhere = event("BU99999999", "2001-01-01", "Nergens");
    struct fault f = {0};
    assert_int_equal(history_add(fx->db, fx->a, &nowhere, &muni, NULL, &f), ERR_NOT_FOUND);
    assert_string_equal(f.field, "area");
}

static void test_bad_input_names_its_field(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t p = at_person(fx, "r@example.nl", "Roos");
    ct_resident(fx, p, CT_BU1);
    struct actor act = ct_act(p, "resident");
    struct arena_actor missing[] = {{.type = "organisation", .id = 77}};
    struct arena_actor twice[] = {{.type = "organisation", .id = 1},
                                  {.type = "organisation", .id = 1}};
    struct history_event cases[] = {
        event(CT_BU1, "2019-13-01", "Titel"), event(CT_BU1, "2026-03-02", "Morgen"),
        event(CT_BU1, "2019-01-01", "  "),    event(CT_BU1, "2019-01-01", "Twee\nregels"),
        event(CT_BU1, "2019-01-01", "Titel"), event(CT_BU1, "2019-01-01", "Titel"),
        event(CT_BU1, "2019-01-01", "Titel"),
    };
    const char *fields[] = {"date", "date", "title", "title", "kind", "actors", "actors"};
    enum err codes[] = {ERR_INVALID, ERR_INVALID,   ERR_INVALID, ERR_INVALID,
                        ERR_INVALID, ERR_NOT_FOUND, ERR_INVALID};
    cases[4].kind = "party";
    cases[5].actors = missing;
    cases[5].nactors = 1;
    cases[6].actors = twice;
    cases[6].nactors = 2;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fault f = {0};
        assert_int_equal(history_add(fx->db, fx->a, &cases[i], &act, NULL, &f), codes[i]);
        assert_string_equal(f.field, fields[i]);
    }
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM history_event"), 0);
}

static void test_the_timeline_is_newest_first_and_pages(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor console = ct_console();
    const char *dates[] = {"2001-01-01", "2015-06-01", "2010-03-03", "2015-06-01"};
    const char *areas[] = {CT_BU1, "WK000101", CT_BU1B, CT_BU2};
    for (int i = 0; i < 4; i++) {
        struct history_event ev = event(areas[i], dates[i], "Gebeurtenis");
        assert_int_equal(history_add(fx->db, fx->a, &ev, &console, NULL, NULL), ERR_OK);
    }
    struct history_page page;
    assert_int_equal(history_list(fx->db, fx->a, "WK000101", 0, 2, &page, NULL), ERR_OK);
    assert_int_equal(page.n, 2);
    assert_string_equal(page.items[0].date, "2015-06-01");
    assert_string_equal(page.items[1].area_code, CT_BU1B); /* a buurt of the wijk */
    assert_true(page.next > 0);
    assert_int_equal(history_list(fx->db, fx->a, "WK000101", page.next, 2, &page, NULL), ERR_OK);
    assert_int_equal(page.n, 1);
    assert_string_equal(page.items[0].date, "2001-01-01");
    assert_int_equal(page.next, 0);
    assert_int_equal(history_list(fx->db, fx->a, CT_GM1, 0, 100, &page, NULL), ERR_OK);
    assert_int_equal(page.n, 3); /* not Tweedorp's */
    struct fault f = {0};
    assert_int_equal(history_list(fx->db, fx->a, CT_BU1, 999, 10, &page, &f), ERR_NOT_FOUND);
    assert_string_equal(f.field, "before");
    assert_int_equal(history_list(fx->db, fx->a, CT_BU1, 0, 0, &page, NULL), ERR_INVALID);
    assert_int_equal(history_list(fx->db, fx->a, "BU99999999", 0, 10, &page, NULL), ERR_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_a_verified_resident_adds_an_event),
        AT_TEST(test_others_are_refused_and_nothing_is_written),
        AT_TEST(test_wijk_and_gemeente_events_by_who_may),
        AT_TEST(test_bad_input_names_its_field),
        AT_TEST(test_the_timeline_is_newest_first_and_pages),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
