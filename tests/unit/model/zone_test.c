/* Tests of rule-free zones (src/model/zone.c) on SQLite and PostgreSQL: a
 * collective's board requests one, nobody else; bad requests (a zone
 * ending before it starts, no rules, an area that is no buurt or wijk) are
 * refused with their field and nothing written; only an admin of the
 * zone's gemeente grants (with a decision reference) or refuses it, once;
 * a grant feeds the initiatives' register of responsibility questions; the
 * state is computed from the dates; the evaluation is due at the end and
 * overdue until recorded; reminders go out once per zone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "model/collective.h"
#include "model/zone.h"
#include "model_testing.h"
#include "plan_testing.h"

struct world {
    struct pt_world pt;
    int64_t collective;
    int64_t muni;  /* an admin of CT_GM1 */
    int64_t muni2; /* an admin of CT_GM2 */
};

static void world(struct at_fx *fx, struct world *w)
{
    pt_world(fx, &w->pt);
    struct collective in = {.name = "Buurttrust",
                            .kind = "trust",
                            .area_code = CT_BU1,
                            .voting_rule = "majority",
                            .statutes = ""};
    int64_t co[2] = {w->pt.ann, w->pt.bob};
    struct actor ini = pt_resident(w->pt.initiator), ann = pt_resident(w->pt.ann),
                 bob = pt_resident(w->pt.bob);
    assert_int_equal(collective_found(fx->db, &in, co, &ini, &w->collective, NULL), ERR_OK);
    assert_int_equal(collective_join(fx->db, w->collective, &ann, NULL), ERR_OK);
    assert_int_equal(collective_join(fx->db, w->collective, &bob, NULL), ERR_OK);
    w->muni = at_person(fx, "muni@example.org", "Mila");
    ct_grant(fx, w->muni, CAP_MUNI_ADMIN, 0, CT_GM1);
    w->muni2 = at_person(fx, "muni2@example.org", "Mats");
    ct_grant(fx, w->muni2, CAP_MUNI_ADMIN, 0, CT_GM2);
}

static const struct zone_rule rules[] = {
    {.reference = "APV art. 2:10",
     .legal_basis = "Gemeentewet art. 149",
     .conditions = "Alleen op het plein, tot 22 uur."},
};
static const struct zone_duty duties[] = {
    {.holder = "collective", .subject = "Wie ruimt het plein op?"},
    {.holder = "gemeente", .subject = "Wie handhaaft de voorwaarden?"},
};

static struct zone_request request(const struct world *w, const int64_t *inits)
{
    return (struct zone_request){.collective_id = w->collective,
                                 .area_code = CT_BU1,
                                 .title = "Pleinexperiment",
                                 .reason = "Wij willen het plein zelf inrichten.",
                                 .evaluation_plan = "Na afloop een buurtavond.",
                                 .valid_from = "2026-02-01",
                                 .valid_to = "2026-08-31",
                                 .rules = rules,
                                 .n_rules = 1,
                                 .initiatives = inits,
                                 .n_initiatives = 1,
                                 .duties = duties,
                                 .n_duties = 2};
}

static int64_t notices(struct at_fx *fx, int64_t person, const char *kind)
{
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM notification WHERE person_id = %lld AND kind = '%s'",
             (long long)person, kind);
    return at_count(fx->db, sql);
}

static int64_t requested(struct at_fx *fx, const struct world *w)
{
    int64_t inits[] = {w->pt.initiative}, id = 0;
    struct zone_request in = request(w, inits);
    struct actor chair = pt_resident(w->pt.initiator);
    struct fault f = {0};
    if (zone_request(fx->db, &in, &chair, &id, &f) != ERR_OK)
        fail_msg("request: %s (%s)", f.msgid ? f.msgid : "?", f.field ? f.field : "");
    return id;
}

static struct actor muni(const struct world *w)
{
    return ct_act(w->muni, "municipality_admin:" CT_GM1);
}

static void test_the_board_requests_a_zone_and_the_gemeente_hears(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    int64_t id = requested(fx, &w);
    struct zone z;
    assert_int_equal(zone_get(fx->db, fx->a, id, &z, NULL), ERR_OK);
    assert_string_equal(z.status, "requested");
    assert_string_equal(z.gemeente_code, CT_GM1);
    assert_string_equal(zone_state(&z, "2026-03-01"), "requested");
    assert_int_equal(z.n_rules, 1);
    assert_string_equal(z.rules[0].legal_basis, "Gemeentewet art. 149");
    assert_int_equal(z.n_initiatives, 1);
    assert_int_equal(z.n_duties, 2);
    assert_int_equal(pt_audits(fx, "zone.request"), 1);
    assert_int_equal(notices(fx, w.muni, "zone_requested"), 1);
    assert_int_equal(notices(fx, w.muni2, "zone_requested"), 0);
}

static void test_only_the_board_requests_a_zone(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    int64_t inits[] = {w.pt.initiative};
    struct zone_request in = request(&w, inits);
    struct actor far = pt_resident(w.pt.far), pro = pt_professional(w.pt.pro), m = muni(&w);
    struct fault f = {0};
    assert_int_equal(zone_request(fx->db, &in, &far, NULL, &f), ERR_FORBIDDEN);
    assert_int_equal(zone_request(fx->db, &in, &pro, NULL, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "Professionals facilitate"));
    assert_int_equal(zone_request(fx->db, &in, &m, NULL, &f), ERR_FORBIDDEN);
    in.collective_id = 999; /* the policy first: nobody is on the board of none */
    struct actor chair = pt_resident(w.pt.initiator);
    assert_int_equal(zone_request(fx->db, &in, &chair, NULL, &f), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM zone"), 0);
}

static void expect_bad(struct at_fx *fx, const struct world *w, const struct zone_request *in,
                       const char *field)
{
    struct actor chair = pt_resident(w->pt.initiator);
    struct fault f = {0};
    assert_int_equal(zone_request(fx->db, in, &chair, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, field);
}

static void test_bad_requests_are_refused_and_nothing_is_written(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    int64_t inits[] = {w.pt.initiative}, unknown[] = {999};
    struct zone_request in = request(&w, inits);
    in.valid_to = "2026-01-31";
    expect_bad(fx, &w, &in, "valid_to");
    in = request(&w, inits);
    in.valid_from = "morgen";
    expect_bad(fx, &w, &in, "valid_from");
    in = request(&w, inits);
    in.n_rules = 0;
    expect_bad(fx, &w, &in, "rules");
    in = request(&w, inits);
    in.area_code = CT_GM1;
    expect_bad(fx, &w, &in, "area");
    in = request(&w, inits);
    in.title = "";
    expect_bad(fx, &w, &in, "title");
    in = request(&w, inits);
    in.evaluation_plan = "";
    expect_bad(fx, &w, &in, "evaluation_plan");
    in = request(&w, unknown);
    expect_bad(fx, &w, &in, "initiatives");
    struct zone_rule bad_rule = {.reference = "APV", .legal_basis = ""};
    in = request(&w, inits);
    in.rules = &bad_rule;
    expect_bad(fx, &w, &in, "rules");
    struct zone_duty bad_duty = {.holder = "provincie", .subject = "x"};
    in = request(&w, inits);
    in.duties = &bad_duty;
    in.n_duties = 1;
    expect_bad(fx, &w, &in, "responsibilities");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM zone"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM zone_rule"), 0);
}

static void test_an_admin_of_the_gemeente_grants_with_a_reference(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    int64_t id = requested(fx, &w);
    struct actor m = muni(&w);
    struct fault f = {0};
    assert_int_equal(zone_decide(fx->db, id, true, "", NULL, &m, &f), ERR_INVALID);
    assert_string_equal(f.field, "decision_ref");
    assert_int_equal(zone_decide(fx->db, id, true, "B&W 2026/117", NULL, &m, NULL), ERR_OK);
    struct zone z;
    assert_int_equal(zone_get(fx->db, fx->a, id, &z, NULL), ERR_OK);
    assert_string_equal(z.status, "granted");
    assert_string_equal(z.decision_ref, "B&W 2026/117");
    assert_string_equal(zone_state(&z, "2026-01-15"), "granted");
    assert_string_equal(zone_state(&z, "2026-03-01"), "active");
    assert_string_equal(zone_state(&z, "2026-08-31"), "active");
    assert_string_equal(zone_state(&z, "2026-09-01"), "ended");
    assert_true(zone_evaluation_overdue(&z, "2026-09-01"));
    assert_false(zone_evaluation_overdue(&z, "2026-08-31"));
    assert_int_equal(notices(fx, w.pt.initiator, "zone_decided"), 1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM responsibility_source s JOIN "
                                      "responsibility_question q ON q.id = s.question_id WHERE "
                                      "s.zone_id IS NOT NULL AND q.answer IS NOT NULL"),
                     2);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM responsibility_question WHERE "
                                      "put_to = 'gemeente' AND put_to_gemeente = 'GM0001'"),
                     1);
    assert_int_equal(zone_decide(fx->db, id, false, NULL, "Toch niet.", &m, &f), ERR_CONFLICT);
}

static void test_only_an_admin_of_the_gemeente_decides(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    int64_t id = requested(fx, &w);
    struct actor m2 = ct_act(w.muni2, "municipality_admin:" CT_GM2),
                 chair = pt_resident(w.pt.initiator), pro = pt_professional(w.pt.pro);
    assert_int_equal(zone_decide(fx->db, id, true, "X", NULL, &m2, NULL), ERR_FORBIDDEN);
    assert_int_equal(zone_decide(fx->db, id, true, "X", NULL, &chair, NULL), ERR_FORBIDDEN);
    assert_int_equal(zone_decide(fx->db, id, true, "X", NULL, &pro, NULL), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM zone WHERE status = 'requested'"), 1);
}

static void test_a_refusal_needs_a_reason(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    int64_t id = requested(fx, &w);
    struct actor m = muni(&w);
    struct fault f = {0};
    assert_int_equal(zone_decide(fx->db, id, false, NULL, "", &m, &f), ERR_INVALID);
    assert_string_equal(f.field, "note");
    assert_int_equal(zone_decide(fx->db, id, false, NULL, "Het plein wordt verbouwd.", &m, NULL),
                     ERR_OK);
    struct zone z;
    assert_int_equal(zone_get(fx->db, fx->a, id, &z, NULL), ERR_OK);
    assert_string_equal(zone_state(&z, "2026-09-01"), "refused");
    assert_false(zone_evaluation_overdue(&z, "2026-09-01"));
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM responsibility_source"), 0);
}

static void test_an_evaluation_is_due_at_the_end_and_recorded_once(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    int64_t id = requested(fx, &w);
    struct actor m = muni(&w), chair = pt_resident(w.pt.initiator), far = pt_resident(w.pt.far);
    assert_int_equal(zone_decide(fx->db, id, true, "B&W 2026/117", NULL, &m, NULL), ERR_OK);
    struct fault f = {0};
    assert_int_equal(zone_evaluate(fx->db, id, "Goed gegaan.", &chair, &f), ERR_CONFLICT);
    assert_int_equal(zone_end(fx->db, id, "", &m, &f), ERR_INVALID);
    assert_int_equal(zone_end(fx->db, id, "Het experiment stopt.", &chair, &f), ERR_FORBIDDEN);
    assert_int_equal(zone_end(fx->db, id, "Het experiment stopt.", &m, NULL), ERR_OK);
    struct zone z;
    assert_int_equal(zone_get(fx->db, fx->a, id, &z, NULL), ERR_OK);
    assert_string_equal(zone_state(&z, "2026-03-01"), "ended");
    assert_true(zone_evaluation_overdue(&z, "2026-03-01"));
    assert_int_equal(notices(fx, w.pt.initiator, "zone_evaluation_due"), 1);
    assert_int_equal(zone_end(fx->db, id, "Nog eens.", &m, &f), ERR_CONFLICT);
    assert_int_equal(zone_evaluate(fx->db, id, "Goed gegaan.", &far, &f), ERR_FORBIDDEN);
    assert_int_equal(zone_evaluate(fx->db, id, "", &chair, &f), ERR_INVALID);
    assert_string_equal(f.field, "evaluation");
    assert_int_equal(zone_evaluate(fx->db, id, "Goed gegaan.", &chair, NULL), ERR_OK);
    assert_int_equal(zone_get(fx->db, fx->a, id, &z, NULL), ERR_OK);
    assert_false(zone_evaluation_overdue(&z, "2026-03-01"));
    assert_string_equal(z.evaluation, "Goed gegaan.");
    assert_int_equal(zone_evaluate(fx->db, id, "Nog eens.", &m, &f), ERR_CONFLICT);
}

static void test_reminders_go_out_once_per_overdue_zone(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    int64_t id = requested(fx, &w);
    struct actor m = muni(&w), console = ct_console(), chair = pt_resident(w.pt.initiator);
    assert_int_equal(zone_decide(fx->db, id, true, "B&W 2026/117", NULL, &m, NULL), ERR_OK);
    int told = -1;
    assert_int_equal(zone_remind(fx->db, NULL, "2026-08-31", &console, &told, NULL), ERR_OK);
    assert_int_equal(told, 0);
    assert_int_equal(zone_remind(fx->db, CT_GM1, "2026-09-01", &console, &told, NULL), ERR_OK);
    assert_int_equal(told, 1);
    assert_int_equal(notices(fx, w.pt.initiator, "zone_evaluation_due"), 1);
    assert_int_equal(notices(fx, w.muni, "zone_evaluation_due"), 1);
    assert_int_equal(zone_remind(fx->db, NULL, "2026-09-02", &console, &told, NULL), ERR_OK);
    assert_int_equal(told, 0);
    assert_int_equal(zone_remind(fx->db, NULL, "2026-09-02", &chair, &told, NULL), ERR_FORBIDDEN);
}

static void test_the_list_and_the_geometries(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    requested(fx, &w);
    struct zone *items;
    int n = 0;
    assert_int_equal(zone_list(fx->db, fx->a, CT_GM1, 0, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(zone_list(fx->db, fx->a, CT_GM2, 0, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 0);
    assert_int_equal(zone_list(fx->db, fx->a, NULL, w.collective, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    const char **geo = NULL;
    assert_int_equal(zone_geometries(fx->db, fx->a, items, n, &geo, NULL), ERR_OK);
    assert_null(geo[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_the_board_requests_a_zone_and_the_gemeente_hears),
        AT_TEST(test_only_the_board_requests_a_zone),
        AT_TEST(test_bad_requests_are_refused_and_nothing_is_written),
        AT_TEST(test_an_admin_of_the_gemeente_grants_with_a_reference),
        AT_TEST(test_only_an_admin_of_the_gemeente_decides),
        AT_TEST(test_a_refusal_needs_a_reason),
        AT_TEST(test_an_evaluation_is_due_at_the_end_and_recorded_once),
        AT_TEST(test_reminders_go_out_once_per_overdue_zone),
        AT_TEST(test_the_list_and_the_geometries),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
