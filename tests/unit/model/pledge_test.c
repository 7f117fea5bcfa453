/* Tests of pledges (src/model/pledge.c) on SQLite and PostgreSQL (see
 * account_testing.h): the totals the initiatives module weighs against its
 * thresholds, pledging hours, a skill or a role during awareness, pledging
 * twice updating the first, bad hours refused with nothing changed,
 * professionals refused with the facilitating reason (and the attempt
 * logged), changing and withdrawing one's own pledge only, and the list
 * that only the initiators see. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "model/pledge.h"
#include "model_testing.h"
#include "plan_testing.h"

static int64_t active_pledges(struct at_fx *fx)
{
    return at_count(fx->db, "SELECT COUNT(*) FROM pledge WHERE status = 'active'");
}

static void assert_totals(struct at_fx *fx, int64_t initiative, int residents, int hours)
{
    int r = -1, h = -1;
    assert_int_equal(pledge_totals(fx->db, initiative, &r, &h, NULL), ERR_OK);
    assert_int_equal(r, residents);
    assert_int_equal(h, hours);
}

static void test_totals_count_residents_and_round_the_month_down_once(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    assert_totals(fx, w.initiative, 0, 0);
    pt_pledge(fx, &w, w.ann, 15, "week");
    assert_totals(fx, w.initiative, 1, 6); /* 1.5 * 52 / 12 = 6.5 */
    pt_pledge(fx, &w, w.bob, 15, "week");
    assert_totals(fx, w.initiative, 2, 13); /* 13.0, not 6 + 6 */
    pt_pledge(fx, &w, w.initiator, 100, "month");
    assert_totals(fx, w.initiative, 3, 23);
    assert_totals(fx, w.initiative + 100, 0, 0);
}

static void test_a_resident_pledges_hours_a_skill_and_a_role(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct actor act = pt_resident(w.ann);
    struct pledge_input in = {
        .hours_tenths = 40, .period = "week", .skill = "timmeren", .role = "penningmeester"};
    int64_t id = 0;
    bool updated = true;
    assert_int_equal(pledge_make(fx->db, w.initiative, &in, &act, &id, &updated, NULL), ERR_OK);
    assert_false(updated);
    struct pledge p;
    assert_int_equal(pledge_get(fx->db, fx->a, id, &p, NULL), ERR_OK);
    assert_int_equal(p.person_id, w.ann);
    assert_int_equal(p.hours_tenths, 40);
    assert_string_equal(p.period, "week");
    assert_string_equal(p.skill, "timmeren");
    assert_string_equal(p.role, "penningmeester");
    assert_string_equal(p.status, "active");
    assert_int_equal(pt_audits(fx, "pledge.make"), 1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification WHERE kind = "
                                      "'pledge_new'"),
                     1);
    /* a skill alone is a pledge too, and counts as a resident */
    struct actor bob = pt_resident(w.bob);
    struct pledge_input skill = {.skill = "koken"};
    assert_int_equal(pledge_make(fx->db, w.initiative, &skill, &bob, NULL, NULL, NULL), ERR_OK);
    assert_totals(fx, w.initiative, 2, 17);
}

static void test_pledging_twice_updates_the_first(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t first = pt_pledge(fx, &w, w.ann, 20, "week");
    struct actor act = pt_resident(w.ann);
    struct pledge_input in = {.hours_tenths = 300, .period = "month", .role = "coördinator"};
    int64_t second = 0;
    bool updated = false;
    assert_int_equal(pledge_make(fx->db, w.initiative, &in, &act, &second, &updated, NULL), ERR_OK);
    assert_true(updated);
    assert_int_equal(second, first);
    assert_int_equal(active_pledges(fx), 1);
    assert_totals(fx, w.initiative, 1, 30);
    assert_int_equal(pt_audits(fx, "pledge.change"), 1);
    /* one notification: for the new pledge, not for its update */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification"), 1);
}

static void assert_refused(struct at_fx *fx, const struct pt_world *w, int tenths,
                           const char *period, const char *skill, const char *field)
{
    struct actor act = pt_resident(w->ann);
    struct pledge_input in = {.hours_tenths = tenths, .period = period, .skill = skill};
    struct fault f = {0};
    assert_int_equal(pledge_make(fx->db, w->initiative, &in, &act, NULL, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, field);
    assert_non_null(f.msgid);
}

static void test_bad_hours_are_refused_and_nothing_changes(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    assert_refused(fx, &w, -10, "week", NULL, "hours");
    assert_refused(fx, &w, 4, "week", NULL, "hours");      /* 0.4 h */
    assert_refused(fx, &w, 401, "week", NULL, "hours");    /* 40.1 h */
    assert_refused(fx, &w, 5, "month", NULL, "hours");     /* 0.5 h */
    assert_refused(fx, &w, 1601, "month", NULL, "hours");  /* 160.1 h */
    assert_refused(fx, &w, 100000, "week", NULL, "hours"); /* absurd */
    assert_refused(fx, &w, 20, NULL, NULL, "period");
    assert_refused(fx, &w, 20, "day", NULL, "period");
    assert_refused(fx, &w, 0, NULL, NULL, "hours"); /* nothing pledged */
    assert_refused(fx, &w, 0, NULL,
                   "een vaardigheid die veel te lang is om op een regel te passen, want hij "
                   "blijft maar doorgaan",
                   "skill");
    assert_refused(fx, &w, 0, NULL, "twee\nregels", "skill");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM pledge"), 0);
    assert_int_equal(pt_audits(fx, "pledge.make"), 0);
    /* the bounds themselves are fine */
    pt_pledge(fx, &w, w.ann, 5, "week");
    pt_pledge(fx, &w, w.bob, 1600, "month");
    assert_totals(fx, w.initiative, 2, 162);
}

static void test_hours_are_parsed_as_people_write_them(void **state)
{
    (void)state;
    int t = -1;
    assert_int_equal(pledge_hours_parse("2", &t, NULL), ERR_OK);
    assert_int_equal(t, 20);
    assert_int_equal(pledge_hours_parse("1.5", &t, NULL), ERR_OK);
    assert_int_equal(t, 15);
    assert_int_equal(pledge_hours_parse("0,5", &t, NULL), ERR_OK);
    assert_int_equal(t, 5);
    assert_int_equal(pledge_hours_parse("-1", &t, NULL), ERR_OK); /* refused by the bounds */
    assert_int_equal(t, -10);
    const char *bad[] = {"", "-", "--1", "+2", "1.55", "1.", ".5", "abc", "2 uur", "123456", NULL};
    for (int i = 0; bad[i]; i++) {
        struct fault f = {0};
        assert_int_equal(pledge_hours_parse(bad[i], &t, &f), ERR_INVALID);
        assert_string_equal(f.field, "hours");
    }
    assert_int_equal(pledge_hours_parse(NULL, &t, NULL), ERR_INVALID);
}

static void test_a_professional_cannot_pledge(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct actor act = pt_professional(w.pro);
    struct pledge_input in = {.hours_tenths = 20, .period = "week"};
    struct fault f = {0};
    assert_int_equal(pledge_make(fx->db, w.initiative, &in, &act, NULL, NULL, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "Professionals facilitate"));
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM pledge"), 0);
    assert_int_equal(pt_audits(fx, "initiative.refused"), 1);
    /* the same person acting as resident may */
    struct actor as_resident = pt_resident(w.pro);
    assert_int_equal(pledge_make(fx->db, w.initiative, &in, &as_resident, NULL, NULL, NULL),
                     ERR_OK);
}

static void test_only_verified_residents_pledge(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct pledge_input in = {.hours_tenths = 20, .period = "week"};
    struct actor person = ct_act(w.ann, NULL);
    assert_int_equal(pledge_make(fx->db, w.initiative, &in, &person, NULL, NULL, NULL),
                     ERR_FORBIDDEN);
    struct actor admin = ct_act(w.org_admin, "organisation_admin");
    assert_int_equal(pledge_make(fx->db, w.initiative, &in, &admin, NULL, NULL, NULL),
                     ERR_FORBIDDEN);
    struct actor claims = pt_resident(w.org_admin); /* holds no residency */
    assert_int_equal(pledge_make(fx->db, w.initiative, &in, &claims, NULL, NULL, NULL),
                     ERR_FORBIDDEN);
    struct actor act = pt_resident(w.ann);
    assert_int_equal(pledge_make(fx->db, 9999, &in, &act, NULL, NULL, NULL), ERR_NOT_FOUND);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM pledge"), 0);
}

static void test_pledges_are_made_during_awareness_only(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = pt_pledge(fx, &w, w.ann, 20, "week");
    pt_phase(fx, &w, "execution");
    struct actor act = pt_resident(w.bob);
    struct pledge_input in = {.hours_tenths = 20, .period = "week"};
    struct fault f = {0};
    assert_int_equal(pledge_make(fx->db, w.initiative, &in, &act, NULL, NULL, &f), ERR_CONFLICT);
    assert_non_null(strstr(f.msgid, "execution phase"));
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM pledge"), 1);
    /* changes go on during execution */
    struct actor ann = pt_resident(w.ann);
    struct pledge_input more = {.hours_tenths = 30, .period = "week"};
    assert_int_equal(pledge_change(fx->db, id, &more, &ann, NULL), ERR_OK);
    pt_phase(fx, &w, "evaluation");
    f = (struct fault){0};
    assert_int_equal(pledge_change(fx->db, id, &in, &ann, &f), ERR_CONFLICT);
    assert_non_null(strstr(f.msgid, "evaluation phase"));
    assert_int_equal(pledge_withdraw(fx->db, id, &ann, NULL), ERR_CONFLICT);
    struct pledge p;
    assert_int_equal(pledge_get(fx->db, fx->a, id, &p, NULL), ERR_OK);
    assert_int_equal(p.hours_tenths, 30);
    assert_string_equal(p.status, "active");
}

static void test_only_the_pledger_changes_or_withdraws_a_pledge(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = pt_pledge(fx, &w, w.ann, 20, "week");
    struct pledge_input in = {.hours_tenths = 10, .period = "week"};
    struct actor initiator = pt_resident(w.initiator);
    assert_int_equal(pledge_change(fx->db, id, &in, &initiator, NULL), ERR_FORBIDDEN);
    assert_int_equal(pledge_withdraw(fx->db, id, &initiator, NULL), ERR_FORBIDDEN);
    assert_int_equal(pt_audits(fx, "initiative.refused"), 2); /* the attempts are logged */
    struct actor ann = pt_resident(w.ann);
    struct pledge_input bad = {.hours_tenths = 500, .period = "week"};
    assert_int_equal(pledge_change(fx->db, id, &bad, &ann, NULL), ERR_INVALID);
    assert_int_equal(pledge_change(fx->db, id, &in, &ann, NULL), ERR_OK);
    assert_totals(fx, w.initiative, 1, 4);
    assert_int_equal(pledge_withdraw(fx->db, id, &ann, NULL), ERR_OK);
    assert_totals(fx, w.initiative, 0, 0);
    assert_int_equal(pledge_withdraw(fx->db, id, &ann, NULL), ERR_CONFLICT);
    assert_int_equal(pledge_change(fx->db, id, &in, &ann, NULL), ERR_CONFLICT);
    assert_int_equal(pledge_change(fx->db, 9999, &in, &ann, NULL), ERR_NOT_FOUND);
    assert_int_equal(pt_audits(fx, "pledge.withdraw"), 1);
    /* pledging again after withdrawing makes a new active pledge */
    int64_t again = pt_pledge(fx, &w, w.ann, 20, "week");
    assert_true(again != id);
    assert_totals(fx, w.initiative, 1, 8);
}

static void test_only_the_initiators_see_the_list(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    pt_pledge(fx, &w, w.ann, 20, "week");
    pt_pledge(fx, &w, w.bob, 100, "month");
    struct pledge_row *rows;
    int n = 0;
    struct actor initiator = pt_resident(w.initiator);
    assert_int_equal(pledge_list(fx->db, fx->a, w.initiative, &initiator, &rows, &n, NULL), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].person_name, "Ann");
    assert_string_equal(rows[1].person_name, "Bob");
    assert_string_equal(rows[1].initiative_title, "Speeltuin");
    struct actor ann = pt_resident(w.ann);
    assert_int_equal(pledge_list(fx->db, fx->a, w.initiative, &ann, &rows, &n, NULL),
                     ERR_FORBIDDEN);
    struct actor pro = pt_professional(w.pro);
    struct fault f = {0};
    assert_int_equal(pledge_list(fx->db, fx->a, w.initiative, &pro, &rows, &n, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "Professionals facilitate"));
    assert_int_equal(pledge_list_mine(fx->db, fx->a, &ann, &rows, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].pledge.person_id, w.ann);
    bool found = false;
    struct pledge p;
    assert_int_equal(pledge_active(fx->db, fx->a, w.initiative, w.bob, &p, &found, NULL), ERR_OK);
    assert_true(found);
    assert_int_equal(p.hours_tenths, 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_totals_count_residents_and_round_the_month_down_once),
        AT_TEST(test_a_resident_pledges_hours_a_skill_and_a_role),
        AT_TEST(test_pledging_twice_updates_the_first),
        AT_TEST(test_bad_hours_are_refused_and_nothing_changes),
        cmocka_unit_test(test_hours_are_parsed_as_people_write_them),
        AT_TEST(test_a_professional_cannot_pledge),
        AT_TEST(test_only_verified_residents_pledge),
        AT_TEST(test_pledges_are_made_during_awareness_only),
        AT_TEST(test_only_the_pledger_changes_or_withdraws_a_pledge),
        AT_TEST(test_only_the_initiators_see_the_list),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
