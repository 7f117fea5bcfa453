/* Tests of matching (src/model/match.c, match_find.c) on SQLite and
 * PostgreSQL: skill needs and their bad input, the ranking with its
 * explanation (exact before related, near before far, free hours after
 * pledges, load), the visibility rules -- a person hidden from the viewer
 * never appears --, paused and unwilling people left out, and who may see
 * matches. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "match_testing.h"
#include "model/initiative.h"
#include "model/match.h"
#include "model/pledge.h"
#include "model/skill.h"
#include "model_testing.h"

static int find(struct at_fx *fx, int64_t need, int64_t viewer, struct match_candidate **items)
{
    struct actor act = pt_resident(viewer);
    int n = -1;
    struct fault f = {0};
    if (match_find(fx->db, fx->a, need, &act, items, &n, &f) != ERR_OK)
        fail_msg("match: %s", f.msgid ? f.msgid : "?");
    return n;
}

static int position(const struct match_candidate *items, int n, int64_t person)
{
    for (int i = 0; i < n; i++)
        if (items[i].person_id == person)
            return i;
    return -1;
}

static void test_needs_are_added_and_bad_ones_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct actor act = pt_resident(w.initiator);
    struct match_need_input bad[] = {
        {.skill_code = "juggling", .hours_month = 4},
        {.skill_code = NULL, .hours_month = 4},
        {.skill_code = "carpentry", .hours_month = 0},
        {.skill_code = "carpentry", .hours_month = 745},
        {.skill_code = "carpentry", .hours_month = 4, .starts_on = "2026-02-30"},
        {.skill_code = "carpentry",
         .hours_month = 4,
         .starts_on = "2026-05-01",
         .ends_on = "2026-04-01"},
    };
    const char *fields[] = {"skill", "skill", "hours_month", "hours_month", "starts_on", "ends_on"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct fault f = {0};
        assert_int_equal(match_need_add(fx->db, w.initiative, &bad[i], &act, NULL, &f),
                         ERR_INVALID);
        assert_string_equal(f.field, fields[i]);
    }
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM match_need"), 0);
    struct match_need_input ok = {.skill_code = "carpentry",
                                  .hours_month = 8,
                                  .starts_on = "2026-04-01",
                                  .ends_on = "2026-06-30",
                                  .note = "Voor de bankjes"};
    int64_t id = 0;
    assert_int_equal(match_need_add(fx->db, w.initiative, &ok, &act, &id, NULL), ERR_OK);
    struct match_need *needs;
    int n;
    assert_int_equal(match_needs(fx->db, fx->a, w.initiative, &needs, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(needs[0].skill_code, "carpentry");
    assert_string_equal(needs[0].ends_on, "2026-06-30");
    /* someone who is no initiator adds none */
    struct actor ann = pt_resident(w.ann);
    assert_int_equal(match_need_add(fx->db, w.initiative, &ok, &ann, NULL, NULL), ERR_FORBIDDEN);
    assert_int_equal(match_need_close(fx->db, id, &act, NULL), ERR_OK);
    assert_int_equal(match_need_close(fx->db, id, &act, NULL), ERR_CONFLICT);
    assert_int_equal(match_needs(fx->db, fx->a, w.initiative, &needs, &n, NULL), ERR_OK);
    assert_int_equal(n, 0);
}

static void test_the_ranking_prefers_exact_near_and_free_and_explains(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t carl = mtt_resident(fx, "carl", CT_BU1B);
    mtt_register(fx, w.ann, "public", 10, "carpentry", "capable", true);
    mtt_register(fx, carl, "public", 10, "joinery", "capable", true);
    mtt_register(fx, w.far, "public", 10, "carpentry", "capable", true);
    mtt_register(fx, w.bob, "public", 10, "cooking", "expert", true);
    int64_t need = mtt_need(fx, w.initiator, w.initiative, "carpentry", 8);
    struct match_candidate *c;
    int n = find(fx, need, w.initiator, &c);
    assert_int_equal(n, 3);                  /* bob cooks: no fit */
    assert_int_equal(c[0].person_id, w.ann); /* exact, same buurt: 60+5+30+20 */
    assert_int_equal(c[0].score, 115);
    assert_int_equal(c[1].person_id, w.far); /* exact, another gemeente: 60+5+0+20 */
    assert_int_equal(c[1].score, 85);
    assert_int_equal(c[2].person_id, carl); /* related, same wijk: 30+5+20+20 */
    assert_int_equal(c[2].score, 75);
    assert_int_equal(c[2].n_reasons, 3);
    assert_int_equal(c[2].reasons[0].kind, MATCH_RELATED);
    assert_string_equal(c[2].reasons[0].skill, "joinery");
    assert_int_equal(c[2].reasons[1].kind, MATCH_WIJK);
    assert_int_equal(c[2].reasons[2].kind, MATCH_HOURS);
    assert_int_equal(c[2].reasons[2].a, 8);
    assert_int_equal(c[2].reasons[2].b, 8);
    assert_int_equal(c[0].reasons[0].kind, MATCH_EXACT);
    assert_int_equal(c[0].reasons[1].kind, MATCH_BUURT);
    assert_null(c[0].invite_status);
}

static void test_related_skills_are_read_only_when_they_could_rank(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t carl = mtt_resident(fx, "carl", CT_BU1);
    mtt_register(fx, carl, "public", 10, "joinery", "expert", true);
    int64_t need = mtt_need(fx, w.initiator, w.initiative, "carpentry", 8);
    struct match_candidate *c;
    assert_int_equal(find(fx, need, w.initiator, &c), 1); /* carl, related */
    assert_int_equal(match_score_max(false, 3), 90);
    assert_int_equal(match_score_max(true, 3), 120);
    assert_int_equal(match_score_max(true, 2), 110);
    /* twenty exact fits in the buurt (115 each) leave no room for 90 */
    for (int i = 0; i < MATCH_LIMIT; i++) {
        char name[20];
        snprintf(name, sizeof name, "timmer%d", i);
        mtt_register(fx, mtt_resident(fx, name, CT_BU1), "public", 10, "carpentry", "capable",
                     true);
    }
    int n = find(fx, need, w.initiator, &c);
    assert_int_equal(n, MATCH_LIMIT);
    assert_int_equal(position(c, n, carl), -1);
    assert_int_equal(c[n - 1].score, 115);
}

static void test_pledged_hours_are_not_free(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    mtt_register(fx, w.ann, "public", 10, "carpentry", "capable", true);
    pt_pledge(fx, &w, w.ann, 60, "month"); /* 6 h a month */
    int64_t need = mtt_need(fx, w.initiator, w.initiative, "carpentry", 8);
    struct match_candidate *c;
    assert_int_equal(find(fx, need, w.initiator, &c), 1);
    assert_int_equal(c[0].free_hours, 4);
    assert_int_equal(c[0].reasons[2].kind, MATCH_HOURS);
    assert_int_equal(c[0].reasons[2].a, 4);
    assert_int_equal(c[0].reasons[2].b, 8);
    /* the pledge is load too: 60+5+30+10-5 */
    assert_int_equal(c[0].load, 1);
    assert_int_equal(c[0].score, 100);
    assert_int_equal(c[0].reasons[3].kind, MATCH_LOAD);
}

static void test_the_score_is_pure_and_spreads_the_asking(void **state)
{
    (void)state;
    struct match_candidate a = {.skill_code = "carpentry"}, b = a;
    struct match_facts fresh = {.exact = true,
                                .level = "expert",
                                .proximity = 2,
                                .hours_month = 20,
                                .pledged_month = 0,
                                .load = 0};
    struct match_facts busy = fresh;
    busy.load = 9;
    match_score(&fresh, 8, &a);
    match_score(&busy, 8, &b);
    assert_int_equal(a.score, 60 + 10 + 20 + 20);
    assert_int_equal(b.score, a.score - 25); /* at most 25 off */
    assert_int_equal(b.reasons[b.n_reasons - 1].kind, MATCH_LOAD);
    assert_int_equal(b.reasons[b.n_reasons - 1].a, 9);
    struct match_facts over = fresh;
    over.pledged_month = 30;
    match_score(&over, 8, &a);
    assert_int_equal(a.free_hours, 0);
}

static void test_a_hidden_person_never_appears(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t carl = mtt_resident(fx, "carl", CT_BU1B);
    /* far starts an initiative in the other gemeente */
    const char *areas[] = {CT_BU2};
    struct initiative_scope s = {
        .title = "Moestuin", .aim = "Groente", .areas = areas, .n_areas = 1};
    struct actor far = pt_resident(w.far);
    int64_t other = 0;
    assert_int_equal(initiative_create(fx->db, &s, 0, &far, &other, NULL), ERR_OK);
    mtt_register(fx, w.ann, "allowed", 10, "gardening", "capable", true);
    mtt_register(fx, carl, "wijk", 10, "gardening", "capable", true);
    mtt_register(fx, w.bob, "public", 10, "gardening", "capable", true);
    int64_t near = mtt_need(fx, w.initiator, w.initiative, "gardening", 4);
    int64_t away = mtt_need(fx, w.far, other, "gardening", 4);
    struct match_candidate *c;
    /* the initiator lives in carl's wijk: carl and bob, not ann */
    int n = find(fx, near, w.initiator, &c);
    assert_int_equal(n, 2);
    assert_int_equal(position(c, n, w.ann), -1);
    assert_true(position(c, n, carl) >= 0);
    /* far lives elsewhere: only bob */
    n = find(fx, away, w.far, &c);
    assert_int_equal(n, 1);
    assert_int_equal(c[0].person_id, w.bob);
    /* ann allows far, and only far */
    struct skill_entry e = {"gardening", "capable", true};
    int64_t allowed = w.far;
    struct skill_profile p = {.hours_month = 10,
                              .visibility = "allowed",
                              .about = "",
                              .skills = &e,
                              .n_skills = 1,
                              .allowed = &allowed,
                              .n_allowed = 1};
    struct actor ann = pt_resident(w.ann);
    assert_int_equal(skill_save(fx->db, &p, &ann, NULL), ERR_OK);
    n = find(fx, away, w.far, &c);
    assert_int_equal(n, 2);
    assert_true(position(c, n, w.ann) >= 0);
    n = find(fx, near, w.initiator, &c);
    assert_int_equal(position(c, n, w.ann), -1);
    bool visible, askable;
    assert_int_equal(match_visible(fx->db, w.ann, w.initiator, &visible, &askable, NULL), ERR_OK);
    assert_false(visible);
    assert_int_equal(match_visible(fx->db, w.ann, w.far, &visible, &askable, NULL), ERR_OK);
    assert_true(visible && askable);
}

static void test_paused_and_unwilling_people_are_left_out(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    mtt_register(fx, w.ann, "public", 10, "cooking", "capable", true);
    mtt_register(fx, w.bob, "public", 10, "cooking", "capable", false);
    int64_t need = mtt_need(fx, w.initiator, w.initiative, "cooking", 4);
    struct match_candidate *c;
    assert_int_equal(find(fx, need, w.initiator, &c), 1);
    struct actor ann = pt_resident(w.ann);
    assert_int_equal(skill_pause(fx->db, true, &ann, NULL), ERR_OK);
    assert_int_equal(find(fx, need, w.initiator, &c), 0);
    /* one's own skills are never one's own match */
    mtt_register(fx, w.initiator, "public", 10, "cooking", "capable", true);
    assert_int_equal(find(fx, need, w.initiator, &c), 0);
}

static void test_only_initiators_and_professionals_see_matches(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    mtt_register(fx, w.bob, "public", 10, "cooking", "capable", true);
    int64_t need = mtt_need(fx, w.initiator, w.initiative, "cooking", 4);
    struct match_candidate *c;
    int n;
    struct actor ann = pt_resident(w.ann);
    assert_int_equal(match_find(fx->db, fx->a, need, &ann, &c, &n, NULL), ERR_FORBIDDEN);
    struct actor pro = pt_professional(w.pro);
    assert_int_equal(match_find(fx->db, fx->a, need, &pro, &c, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(match_find(fx->db, fx->a, need + 100, &pro, &c, &n, NULL), ERR_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_needs_are_added_and_bad_ones_refused),
        AT_TEST(test_the_ranking_prefers_exact_near_and_free_and_explains),
        AT_TEST(test_related_skills_are_read_only_when_they_could_rank),
        AT_TEST(test_pledged_hours_are_not_free),
        cmocka_unit_test(test_the_score_is_pure_and_spreads_the_asking),
        AT_TEST(test_a_hidden_person_never_appears),
        AT_TEST(test_paused_and_unwilling_people_are_left_out),
        AT_TEST(test_only_initiators_and_professionals_see_matches),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
