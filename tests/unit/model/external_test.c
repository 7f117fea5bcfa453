/* Tests of external decisions (src/model/external.c) on SQLite and
 * PostgreSQL (see account_testing.h): an admin of the gemeente concerned
 * or of a funding organisation records a decision, with who decided taken
 * from the capacity acted in; anyone else is refused; bad input is refused
 * with the field; and -- invariant 4 -- recording never changes the
 * initiative: not its phase, not its frozen state, not its initiators,
 * areas, needs, thresholds, pledges or phase history. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "model/external.h"
#include "model/initiative.h"
#include "model_testing.h"
#include "plan_testing.h"

static const struct external_input subsidy = {
    .kind = "subsidy_granted", .decided_on = "2026-02-20", .text = "5000 euro voor de speeltuin."};

static int64_t events(struct at_fx *fx)
{
    return at_count(fx->db, "SELECT COUNT(*) FROM external_event");
}

/* A municipality admin of CT_GM1. */
static int64_t muni(struct at_fx *fx)
{
    int64_t p = at_person(fx, "gm@example.nl", "Gemeente");
    ct_grant(fx, p, CAP_MUNI_ADMIN, 0, CT_GM1);
    return p;
}

static void test_the_gemeente_records_its_decision(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct actor gm = ct_act(muni(fx), "municipality_admin:" CT_GM1);
    int64_t id = 0;
    assert_int_equal(external_record(fx->db, w.initiative, &subsidy, &gm, &id, NULL), ERR_OK);
    assert_true(id > 0);
    struct external_event *items;
    int n = 0;
    assert_int_equal(external_list(fx->db, fx->a, w.initiative, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].gemeente_code, CT_GM1);
    assert_int_equal(items[0].organisation_id, 0);
    assert_string_equal(items[0].kind, "subsidy_granted");
    assert_string_equal(items[0].decided_on, "2026-02-20");
    assert_int_equal(pt_audits(fx, "external.record"), 1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification "
                                      "WHERE kind = 'external_recorded'"),
                     1);
}

static void test_an_unqualified_gemeente_admin_is_completed(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct actor gm = ct_act(muni(fx), "municipality_admin");
    assert_int_equal(external_record(fx->db, w.initiative, &subsidy, &gm, NULL, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM external_event "
                                      "WHERE decided_by_gemeente = 'GM0001'"),
                     1);
}

static void test_a_funder_records_its_decision(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct actor admin = ct_act(w.org_admin, "organisation_admin:1");
    struct external_input in = {
        .kind = "subsidy_refused", .decided_on = "2026-01-05", .text = "Het fonds is op."};
    assert_int_equal(external_record(fx->db, w.initiative, &in, &admin, NULL, NULL), ERR_OK);
    struct external_event *items;
    int n = 0;
    assert_int_equal(external_list(fx->db, fx->a, w.initiative, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].organisation_id, CT_ORG1);
    assert_null(items[0].gemeente_code);
    assert_non_null(items[0].decider_name);
}

static void test_others_do_not_record_decisions(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t other = at_person(fx, "gm2@example.nl", "Elders");
    ct_grant(fx, other, CAP_MUNI_ADMIN, 0, CT_GM2);
    struct actor elsewhere = ct_act(other, "municipality_admin:" CT_GM2);
    struct actor pro = pt_professional(w.pro), ini = pt_resident(w.initiator);
    struct fault f = {0};
    assert_int_equal(external_record(fx->db, w.initiative, &subsidy, &elsewhere, NULL, &f),
                     ERR_FORBIDDEN);
    assert_int_equal(external_record(fx->db, w.initiative, &subsidy, &pro, NULL, NULL),
                     ERR_FORBIDDEN);
    assert_int_equal(external_record(fx->db, w.initiative, &subsidy, &ini, NULL, NULL),
                     ERR_FORBIDDEN);
    assert_int_equal(external_record(fx->db, 999, &subsidy, &pro, NULL, NULL), ERR_NOT_FOUND);
    assert_int_equal(events(fx), 0);
    assert_int_equal(external_authorise(fx->db, w.initiative, &pro, NULL), ERR_FORBIDDEN);
}

static void expect_invalid(struct at_fx *fx, int64_t initiative, const struct actor *act,
                           struct external_input in, const char *field)
{
    struct fault f = {0};
    assert_int_equal(external_record(fx->db, initiative, &in, act, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, field);
}

static void test_bad_decisions_are_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct actor gm = ct_act(muni(fx), "municipality_admin:" CT_GM1);
    struct external_input in = subsidy;
    in.kind = "bribe";
    expect_invalid(fx, w.initiative, &gm, in, "kind");
    in = subsidy;
    in.decided_on = "2026-02-30";
    expect_invalid(fx, w.initiative, &gm, in, "date");
    in.decided_on = NULL;
    expect_invalid(fx, w.initiative, &gm, in, "date");
    in = subsidy;
    in.text = "";
    expect_invalid(fx, w.initiative, &gm, in, "text");
    assert_int_equal(events(fx), 0);
}

/* Everything of an initiative's state, as text. */
static char *state_of(struct at_fx *fx)
{
    static const char *const tables[] = {
        "SELECT id, title, aim, collective_id, phase, frozen_reason, threshold_residents, "
        "threshold_hours, created_by, created_at, updated_at FROM initiative ORDER BY id",
        "SELECT id, initiative_id, person_id, since_at, until_at FROM initiative_initiator "
        "ORDER BY id",
        "SELECT initiative_id, buurt_code FROM initiative_area ORDER BY buurt_code",
        "SELECT id, kind, description, amount FROM initiative_need ORDER BY id",
        "SELECT id, from_phase, to_phase, person_id, reason, at FROM initiative_phase_change "
        "ORDER BY id",
        "SELECT id, person_id, hours_tenths, period, status FROM pledge ORDER BY id",
        "SELECT id, status FROM offer ORDER BY id",
    };
    struct arena *a = fx->a;
    char *all = arena_strdup(a, "");
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char *t = mt_dump(fx->db, tables[i]);
        all = arena_printf(a, "%s\n--\n%s", all, t);
        free(t);
    }
    return all;
}

static void test_recording_never_changes_the_initiative(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    pt_pledge(fx, &w, w.ann, 40, "month");
    struct actor gm = ct_act(muni(fx), "municipality_admin:" CT_GM1);
    char *before = state_of(fx);
    struct external_input refused = {.kind = "permit_refused",
                                     .decided_on = "2026-02-21",
                                     .text = "Geen vergunning voor de speeltuin."};
    assert_int_equal(external_record(fx->db, w.initiative, &refused, &gm, NULL, NULL), ERR_OK);
    assert_int_equal(external_record(fx->db, w.initiative, &subsidy, &gm, NULL, NULL), ERR_OK);
    assert_string_equal(state_of(fx), before);
    struct initiative ini;
    assert_int_equal(initiative_get(fx->db, fx->a, w.initiative, &ini, NULL), ERR_OK);
    assert_string_equal(ini.phase, "awareness");
    assert_null(ini.frozen_reason);
}

static void test_recording_does_not_unfreeze_a_frozen_initiative(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    char sql[160];
    snprintf(sql, sizeof sql,
             "UPDATE residency SET status = 'ended', end_at = 5 "
             "WHERE person_id = %lld",
             (long long)w.initiator);
    mt_exec(fx->db, sql);
    struct actor console = ct_console();
    bool frozen = false;
    assert_int_equal(initiative_check_ownership(fx->db, w.initiative, &console, &frozen, NULL),
                     ERR_OK);
    assert_true(frozen);
    struct actor gm = ct_act(muni(fx), "municipality_admin:" CT_GM1);
    char *before = state_of(fx);
    assert_int_equal(external_record(fx->db, w.initiative, &subsidy, &gm, NULL, NULL), ERR_OK);
    assert_string_equal(state_of(fx), before);
    struct initiative ini;
    assert_int_equal(initiative_get(fx->db, fx->a, w.initiative, &ini, NULL), ERR_OK);
    assert_non_null(ini.frozen_reason);
}

static void test_events_are_listed_newest_decision_first(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct actor gm = ct_act(muni(fx), "municipality_admin:" CT_GM1);
    struct external_input older = subsidy;
    older.decided_on = "2025-11-01";
    older.kind = "other";
    assert_int_equal(external_record(fx->db, w.initiative, &subsidy, &gm, NULL, NULL), ERR_OK);
    assert_int_equal(external_record(fx->db, w.initiative, &older, &gm, NULL, NULL), ERR_OK);
    struct external_event *items;
    int n = 0;
    assert_int_equal(external_list(fx->db, fx->a, w.initiative, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(items[0].decided_on, "2026-02-20");
    assert_string_equal(items[1].kind, "other");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_the_gemeente_records_its_decision),
        AT_TEST(test_an_unqualified_gemeente_admin_is_completed),
        AT_TEST(test_a_funder_records_its_decision),
        AT_TEST(test_others_do_not_record_decisions),
        AT_TEST(test_bad_decisions_are_refused),
        AT_TEST(test_recording_never_changes_the_initiative),
        AT_TEST(test_recording_does_not_unfreeze_a_frozen_initiative),
        AT_TEST(test_events_are_listed_newest_decision_first),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
