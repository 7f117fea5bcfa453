/* Tests of the demo people (src/model/demo_people.c), on SQLite and, with
 * $WIJKREGIE_TEST_PG_URL, on PostgreSQL: the people hold the capacities
 * promised, the collective is sound, each initiative is in its phase and
 * owned by residents (invariant 1), the password given signs them in, the
 * activity, decision, agreement, zone, skills, invitation and practice are
 * there once, a second run adds nothing, and a bad password or a database without the
 * demo makes nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "account_testing.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "model/activity.h"
#include "model/agreement.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/decision.h"
#include "model/demo.h"
#include "model/demo_people.h"
#include "model/initiative.h"
#include "model/match_invite.h"
#include "model/organisation.h"
#include "model/person.h"
#include "model/pledge.h"
#include "model/practice.h"
#include "model/zone.h"

/* The demo, then the demo people with at_password. */
static void make_demo(struct at_fx *fx, struct demo_people_result *res)
{
    struct fault f = {0};
    assert_int_equal(demo_create(fx->db, NULL, &f), ERR_OK);
    if (demo_people_create(fx->db, fx->a, at_password, res, &f) != ERR_OK)
        fail_msg("demo people: %s (%s)", f.msgid ? f.msgid : "?", f.field ? f.field : "");
}

static int64_t person(struct at_fx *fx, const char *email)
{
    struct capacity_person p;
    assert_int_equal(capacity_person_find(fx->db, fx->a, email, &p, NULL), ERR_OK);
    return p.id;
}

static bool may(struct at_fx *fx, const char *email, const char *capacity)
{
    bool m = false;
    assert_int_equal(capacity_may_act(fx->db, person(fx, email), capacity, &m, NULL), ERR_OK);
    return m;
}

static int64_t welzijn(struct at_fx *fx)
{
    int64_t id = 0;
    assert_int_equal(organisation_find(fx->db, "Stichting Welzijn Lindenhoven", &id, NULL), ERR_OK);
    assert_true(id > 0);
    return id;
}

static void test_people_hold_the_capacities_promised(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct demo_people_result res;
    make_demo(fx, &res);
    int n;
    const struct demo_person *p = demo_people(&n);
    assert_int_equal(res.people_made, n);
    assert_int_equal(res.people_there, 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM person"), n);
    for (int i = 0; i < n; i++)
        assert_non_null(strstr(p[i].email, "@example.nl"));
    const char *residents[][2] = {
        {"anouk@example.nl", "resident:BU99010202"},  {"bram@example.nl", "resident:BU99010202"},
        {"chaima@example.nl", "resident:BU99010202"}, {"daan@example.nl", "resident:BU99010202"},
        {"esra@example.nl", "resident:BU99010404"},   {"freek@example.nl", "resident:BU99010404"},
        {"karim@example.nl", "resident:BU99010404"},  {"gerda@example.nl", "resident:BU99010301"},
    };
    for (size_t i = 0; i < sizeof residents / sizeof residents[0]; i++)
        assert_true(may(fx, residents[i][0], residents[i][1]));
    char org[64];
    snprintf(org, sizeof org, "organisation_admin:%lld", (long long)welzijn(fx));
    assert_true(may(fx, "organisatie@example.nl", org));
    snprintf(org, sizeof org, "professional:%lld", (long long)welzijn(fx));
    assert_true(may(fx, "buurtcoach@example.nl", org));
    assert_false(may(fx, "buurtcoach@example.nl", "resident"));
    assert_true(may(fx, "gemeente@example.nl", "municipality_admin:GM9901"));
    assert_false(may(fx, "gemeente@example.nl", "resident"));
    /* made as the platform does it: verified at the console, the post
     * requested by the professional and confirmed by the admin */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'residency.verify' AND capacity = 'console'"),
                     8);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'post.confirm' AND capacity LIKE 'organisation_admin:%'"),
                     1);
}

static void test_the_password_given_signs_them_in(void **state)
{
    struct at_fx *fx = at_fx(state);
    make_demo(fx, NULL);
    int64_t id = 0, retry = 0;
    assert_int_equal(person_authenticate(fx->db, fx->a, "anouk@example.nl", at_password, NULL, NULL,
                                         AT_NOW, &id, &retry, NULL),
                     ERR_OK);
    assert_int_equal(id, person(fx, "anouk@example.nl"));
    assert_int_not_equal(person_authenticate(fx->db, fx->a, "buurtcoach@example.nl",
                                             "demo demo demo demo", NULL, NULL, AT_NOW, &id, &retry,
                                             NULL),
                         ERR_OK);
}

static void test_the_collective_is_sound_with_an_adviser(void **state)
{
    struct at_fx *fx = at_fx(state);
    make_demo(fx, NULL);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM collective"), 1);
    int64_t id = at_count(fx->db, "SELECT id FROM collective");
    struct collective c;
    assert_int_equal(collective_get(fx->db, fx->a, id, &c, NULL), ERR_OK);
    assert_string_equal(c.name, DEMO_COLLECTIVE);
    assert_string_equal(c.status, "active");
    assert_string_equal(c.area_code, "BU99010202");
    assert_int_equal(c.founded_by, person(fx, "anouk@example.nl"));
    struct collective_soundness s;
    assert_int_equal(collective_soundness(fx->db, id, &s, NULL), ERR_OK);
    assert_true(s.sound);
    assert_int_equal(s.voting, 3);
    assert_int_equal(s.residents, 3);
    bool is = false;
    assert_int_equal(
        collective_is_board_member(fx->db, id, person(fx, "anouk@example.nl"), &is, NULL), ERR_OK);
    assert_true(is);
    /* the professional advises: no vote, no board role */
    int64_t pro = person(fx, "buurtcoach@example.nl");
    assert_int_equal(collective_is_voting_member(fx->db, id, pro, &is, NULL), ERR_OK);
    assert_false(is);
    assert_int_equal(collective_is_board_member(fx->db, id, pro, &is, NULL), ERR_OK);
    assert_false(is);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM collective_member WHERE "
                                      "role = 'adviser' AND board_role IS NULL"),
                     1);
}

/* Initiative titled title: in phase, owned per invariant 1, every
 * initiator a verified resident of its buurt (one at least when no
 * collective owns it), every phase change made by a resident. Returns its
 * id. */
static int64_t check_initiative(struct at_fx *fx, const char *title, const char *phase)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT id FROM initiative WHERE title = '%s'", title);
    int64_t id = at_count(fx->db, sql);
    struct initiative it;
    assert_int_equal(initiative_get(fx->db, fx->a, id, &it, NULL), ERR_OK);
    assert_string_equal(it.phase, phase);
    assert_null(it.frozen_reason);
    const char *reason = "?";
    assert_int_equal(initiative_ownership(fx->db, id, &reason, NULL), ERR_OK);
    assert_null(reason);
    struct initiative_initiator *ini;
    int n = 0;
    assert_int_equal(initiative_initiators(fx->db, fx->a, id, &ini, &n, NULL), ERR_OK);
    if (it.collective_id == 0) /* else its board acts for the collective */
        assert_true(n >= 1);
    for (int i = 0; i < n; i++) {
        bool is = false;
        assert_int_equal(initiative_is_resident(fx->db, id, ini[i].person_id, &is, NULL), ERR_OK);
        assert_true(is);
    }
    struct initiative_phase_change *ch;
    assert_int_equal(initiative_history(fx->db, fx->a, id, &ch, &n, NULL), ERR_OK);
    for (int i = 0; i < n; i++)
        assert_string_equal(ch[i].capacity, "resident");
    return id;
}

static void test_initiatives_are_in_their_phases_owned_by_residents(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct demo_people_result res;
    make_demo(fx, &res);
    assert_int_equal(res.initiatives, 4);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative"), 4);
    check_initiative(fx, "Jeu-de-boulesbaan bij de Weidevijver", "idea");
    int64_t aware = check_initiative(fx, "Geveltuinen in de Kanaalzone", "awareness");
    int64_t garden = check_initiative(fx, "Moestuin achter de Bloemenschool", "execution");
    int64_t anchored = check_initiative(fx, "Opruimochtend Kanaalzone", "anchored");
    /* the garden is the collective's, and the collective is sound */
    struct initiative it;
    assert_int_equal(initiative_get(fx->db, fx->a, garden, &it, NULL), ERR_OK);
    assert_true(it.collective_id > 0);
    bool sound = false;
    assert_int_equal(collective_is_sound(fx->db, it.collective_id, &sound, NULL, NULL), ERR_OK);
    assert_true(sound);
    /* pledges count: 2 h a week + 6 h a month + 1 h a week = 19 h a month */
    int residents = 0, hours = 0;
    assert_int_equal(pledge_totals(fx->db, garden, &residents, &hours, NULL), ERR_OK);
    assert_int_equal(residents, 3);
    assert_int_equal(hours, 19);
    assert_int_equal(pledge_totals(fx->db, aware, &residents, &hours, NULL), ERR_OK);
    assert_int_equal(residents, 1);
    /* the anchored one has its lesson and two initiators */
    struct initiative_evaluation ev;
    assert_int_equal(initiative_evaluation_get(fx->db, fx->a, anchored, &ev, NULL), ERR_OK);
    assert_non_null(ev.results);
    struct initiative_initiator *ini;
    int n = 0;
    assert_int_equal(initiative_initiators(fx->db, fx->a, anchored, &ini, &n, NULL), ERR_OK);
    assert_int_equal(n, 2);
    /* the professional owns nothing */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative_initiator i JOIN person p "
                                      "ON p.id = i.person_id WHERE p.email = "
                                      "'buurtcoach@example.nl'"),
                     0);
}

/* The id of the only row of sql ("SELECT id ... WHERE ..."), which has to
 * be there exactly once. */
static int64_t the_one(struct at_fx *fx, const char *where_sql, const char *id_sql)
{
    assert_int_equal(at_count(fx->db, where_sql), 1);
    return at_count(fx->db, id_sql);
}

static void test_the_newer_capabilities_are_there_once_after_two_runs(void **state)
{
    struct at_fx *fx = at_fx(state);
    make_demo(fx, NULL);
    struct fault f = {0};
    assert_int_equal(demo_people_create(fx->db, fx->a, at_password, NULL, &f), ERR_OK);
    int64_t now = clock_now();
    /* the garden's weekly activity, ahead of the run, with one sign-up */
    int64_t act =
        the_one(fx, "SELECT COUNT(*) FROM activity WHERE title = 'Tuindag in de moestuin'",
                "SELECT id FROM activity WHERE title = 'Tuindag in de moestuin'");
    struct activity a;
    assert_int_equal(activity_get(fx->db, fx->a, act, &a, NULL), ERR_OK);
    assert_string_equal(a.owner_name, "Moestuin achter de Bloemenschool");
    assert_non_null(a.rrule);
    assert_true(a.starts_at > now && a.starts_at < now + 8 * 86400);
    assert_int_equal(a.capacity, 15);
    assert_int_equal(a.taken, 1);
    const char *status = NULL;
    int position = -1;
    assert_int_equal(
        activity_my_status(fx->db, act, person(fx, "daan@example.nl"), &status, &position, NULL),
        ERR_OK);
    assert_string_equal(status, "confirmed");
    assert_int_equal(position, 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM activity_role"), 1);
    /* an open consent decision of the collective with one vote */
    int64_t dec = the_one(fx, "SELECT COUNT(*) FROM decision", "SELECT id FROM decision");
    struct decision d;
    assert_int_equal(decision_get(fx->db, fx->a, dec, now, &d, NULL), ERR_OK);
    assert_string_equal(d.method, "consent");
    assert_true(d.collective_id > 0);
    assert_false(d.closed);
    assert_true(d.closes_at > now + 86400);
    assert_int_equal(d.proposed_by, person(fx, "bram@example.nl"));
    assert_int_equal(d.tally.votes, 1);
    /* an agreement with the institution, signed by the collective only */
    int64_t ag = the_one(fx, "SELECT COUNT(*) FROM agreement", "SELECT id FROM agreement");
    struct agreement g;
    assert_int_equal(agreement_get(fx->db, fx->a, ag, &g, NULL), ERR_OK);
    assert_int_equal(g.n_parties, 2);
    assert_string_equal(g.parties[1].kind, "organisation");
    assert_int_equal(g.parties[1].organisation_id, welzijn(fx));
    assert_int_equal(g.version, 1);
    assert_true(g.current.text.n_commitments > 0);
    assert_string_equal(g.status, "signed");
    assert_int_equal(g.n_signatures, 1);
    assert_int_equal(g.signatures[0].party, 0);
    /* a zone of the Bloemenbuurt, granted and active now */
    int64_t zid = the_one(fx, "SELECT COUNT(*) FROM zone", "SELECT id FROM zone");
    struct zone z;
    assert_int_equal(zone_get(fx->db, fx->a, zid, &z, NULL), ERR_OK);
    assert_string_equal(z.area_code, "BU99010202");
    assert_string_equal(zone_state(&z, agreement_today(fx->a, now)), "active");
    /* skills of four residents, a need and an invitation to one of them */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM skill_profile"), 4);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM person_skill"), 8);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM match_need"), 1);
    int64_t inv = the_one(fx, "SELECT COUNT(*) FROM match_invite", "SELECT id FROM match_invite");
    struct match_invite mi;
    assert_int_equal(match_invite_get(fx->db, fx->a, inv, &mi, NULL), ERR_OK);
    assert_string_equal(mi.initiative_title, "Geveltuinen in de Kanaalzone");
    assert_int_equal(mi.person_id, person(fx, "karim@example.nl"));
    assert_int_equal(mi.invited_by, person(fx, "esra@example.nl"));
    assert_string_equal(mi.status, "open");
    /* the lesson of the cleaning mornings in the library */
    int64_t pr = the_one(fx, "SELECT COUNT(*) FROM practice", "SELECT id FROM practice");
    struct practice p;
    assert_int_equal(practice_get(fx->db, fx->a, pr, &p, NULL), ERR_OK);
    assert_int_equal(p.initiative_id, check_initiative(fx, "Opruimochtend Kanaalzone", "anchored"));
    assert_int_equal(p.n_themes, 2);
}

enum { NTABLES = 20 };

/* Rows of every table the demo people write, in one number per table. */
static void counts(struct at_fx *fx, int64_t out[NTABLES])
{
    const char *tables[NTABLES] = {"person",       "residency",
                                   "role_grant",   "post",
                                   "collective",   "collective_member",
                                   "initiative",   "pledge",
                                   "audit_log",    "initiative_phase_change",
                                   "activity",     "activity_signup",
                                   "decision",     "decision_vote",
                                   "agreement",    "agreement_signature",
                                   "zone",         "person_skill",
                                   "match_invite", "practice"};
    for (int i = 0; i < NTABLES; i++) {
        char sql[80];
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", tables[i]);
        out[i] = at_count(fx->db, sql);
    }
}

static void test_a_second_run_adds_nothing(void **state)
{
    struct at_fx *fx = at_fx(state);
    make_demo(fx, NULL);
    int64_t before[NTABLES], after[NTABLES];
    counts(fx, before);
    struct demo_people_result res;
    struct fault f = {0};
    assert_int_equal(demo_people_create(fx->db, fx->a, "a different password 42", &res, &f),
                     ERR_OK);
    counts(fx, after);
    assert_memory_equal(before, after, sizeof before);
    int n;
    demo_people(&n);
    assert_int_equal(res.people_made, 0);
    assert_int_equal(res.people_there, n);
    assert_int_equal(res.collectives + res.initiatives + res.pledges, 0);
    /* the password stays the one given first */
    int64_t id = 0, retry = 0;
    assert_int_equal(person_authenticate(fx->db, fx->a, "gerda@example.nl", at_password, NULL, NULL,
                                         AT_NOW, &id, &retry, NULL),
                     ERR_OK);
}

static void test_a_weak_password_makes_nothing(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct fault f = {0};
    assert_int_equal(demo_create(fx->db, NULL, &f), ERR_OK);
    struct demo_people_result res;
    assert_int_equal(demo_people_create(fx->db, fx->a, "kort", &res, &f), ERR_INVALID);
    assert_string_equal(f.field, "password");
    assert_int_equal(res.people_made, 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM person"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM residency"), 0);
}

static void test_without_the_demo_nothing_is_made(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct fault f = {0};
    assert_int_equal(demo_people_create(fx->db, fx->a, at_password, NULL, &f), ERR_NOT_FOUND);
    assert_string_equal(f.field, "organisation");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM person"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_people_hold_the_capacities_promised),
        AT_TEST(test_the_password_given_signs_them_in),
        AT_TEST(test_the_collective_is_sound_with_an_adviser),
        AT_TEST(test_initiatives_are_in_their_phases_owned_by_residents),
        AT_TEST(test_the_newer_capabilities_are_there_once_after_two_runs),
        AT_TEST(test_a_second_run_adds_nothing),
        AT_TEST(test_a_weak_password_makes_nothing),
        AT_TEST(test_without_the_demo_nothing_is_made),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
