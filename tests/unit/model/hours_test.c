/* Tests of investment hours (src/model/hours*.c) on SQLite and PostgreSQL
 * (see account_testing.h): an organisation's admin pledges hours for an
 * area and a period, optionally earmarked; its professionals log hours
 * against the pledge; each bad input is refused with its field and
 * nothing written; the ledger is double-entry -- after EVERY ledger
 * operation in these tests, ht_assert_balanced() checks that every movement
 * is two entries summing to zero -- and append-only (the triggers refuse
 * UPDATE and DELETE); corrections are new movements; withdrawing keeps what
 * was delivered. Balances per area, the monitor's figures and the export:
 * hours_report_test.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "db/db.h"
#include "hours_testing.h"
#include "model/hours.h"
#include "model_testing.h"

static void test_an_organisation_admin_pledges_hours(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, WIJK1, "400");
    struct hours_pledge p;
    assert_int_equal(hours_pledge_get(fx->db, fx->a, id, &p, NULL), ERR_OK);
    assert_int_equal(p.organisation_id, CT_ORG1);
    assert_string_equal(p.area_code, WIJK1);
    assert_string_equal(p.area_kind, "wijk");
    assert_int_equal(p.hours_tenths, 4000);
    assert_string_equal(p.status, "active");
    assert_int_equal(p.balance.pledged, 4000);
    assert_int_equal(p.balance.open, 4000);
    assert_int_equal(p.balance.delivered, 0);
    assert_int_equal(ht_movements(fx), 1);
    assert_int_equal(pt_audits(fx, "hours.pledge"), 1);
}

static void test_only_the_organisations_admin_pledges(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct hours_pledge_input in = {.organisation_id = CT_ORG1,
                                    .area_code = WIJK1,
                                    .hours = "10",
                                    .starts_on = "2026-01-01",
                                    .ends_on = "2026-12-31"};
    ct_grant(fx, w.ann, CAP_ORG_ADMIN, CT_ORG2, NULL);
    /* a professional of the organisation, a resident, the admin of another
     * organisation, a person in no capacity */
    struct actor acts[] = {ht_pro(w.pro), pt_resident(w.ann), ct_act(w.ann, "organisation_admin:2"),
                           ct_act(w.bob, NULL)};
    for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++) {
        struct fault f = {0};
        assert_int_equal(hours_pledge_make(fx->db, fx->a, &in, &acts[i], NULL, &f), ERR_FORBIDDEN);
    }
    assert_int_equal(ht_pledges(fx), 0);
    assert_int_equal(ht_movements(fx), 0);
    ht_assert_balanced(fx);
}

static void pledge_refused(struct at_fx *fx, const struct pt_world *w,
                           const struct hours_pledge_input *in, enum err code, const char *field)
{
    struct actor act = ht_admin(w->org_admin);
    struct fault f = {0};
    assert_int_equal(hours_pledge_make(fx->db, fx->a, in, &act, NULL, &f), code);
    assert_string_equal(f.field ? f.field : "", field);
    assert_int_equal(ht_pledges(fx), 0);
    ht_assert_balanced(fx);
}

static void test_bad_pledges_are_refused_with_their_field(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    const struct hours_pledge_input good = {.organisation_id = CT_ORG1,
                                            .area_code = WIJK1,
                                            .hours = "10",
                                            .starts_on = "2026-01-01",
                                            .ends_on = "2026-12-31"};
    struct hours_pledge_input in = good;
    const char *bad_hours[] = {"abc", "0", "-5", "", "1.25"};
    for (size_t i = 0; i < sizeof bad_hours / sizeof bad_hours[0]; i++) {
        in.hours = bad_hours[i];
        pledge_refused(fx, &w, &in, ERR_INVALID, "hours");
    }
    in = good, in.area_code = "XX12";
    pledge_refused(fx, &w, &in, ERR_INVALID, "area");
    in = good, in.area_code = "BU99999999";
    pledge_refused(fx, &w, &in, ERR_NOT_FOUND, "area");
    in = good, in.starts_on = "2026-13-01";
    pledge_refused(fx, &w, &in, ERR_INVALID, "starts_on");
    in = good, in.ends_on = "31-12-2026";
    pledge_refused(fx, &w, &in, ERR_INVALID, "ends_on");
    in = good, in.ends_on = "2025-12-31";
    pledge_refused(fx, &w, &in, ERR_INVALID, "ends_on");
    in = good, in.ends_on = "2040-01-01";
    pledge_refused(fx, &w, &in, ERR_INVALID, "ends_on");
    in = good, in.initiative_id = w.initiative, in.collective_id = 1;
    pledge_refused(fx, &w, &in, ERR_INVALID, "initiative");
    in = good, in.initiative_id = 999;
    pledge_refused(fx, &w, &in, ERR_NOT_FOUND, "initiative");
    in = good, in.collective_id = 999;
    pledge_refused(fx, &w, &in, ERR_NOT_FOUND, "collective");
}

static void test_a_professional_logs_hours_against_the_pledge(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, WIJK1, "400");
    int64_t m = ht_log(fx, &w, id, "2026-02-15", "2.5");
    struct hours_balance b = ht_balance(fx, id);
    assert_int_equal(b.delivered, 25);
    assert_int_equal(b.open, 3975);
    assert_int_equal(b.pledged, 4000);
    struct hours_movement *items;
    int n;
    assert_int_equal(hours_ledger(fx->db, fx->a, id, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(items[1].kind, "delivery");
    assert_int_equal(items[1].id, m);
    assert_int_equal(items[1].amount, 25);
    assert_string_equal(items[1].work_kind, "coaching");
    assert_string_equal(items[1].capacity, "professional:1");
    assert_string_equal(items[1].person_name, "Pro");
    assert_int_equal(pt_audits(fx, "hours.log"), 1);
}

static void test_hours_outside_the_pledges_period_are_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct hours_pledge_input pin = {.organisation_id = CT_ORG1,
                                     .area_code = WIJK1,
                                     .hours = "10",
                                     .starts_on = "2026-01-01",
                                     .ends_on = "2026-01-31"};
    struct actor admin = ht_admin(w.org_admin);
    int64_t id = 0;
    assert_int_equal(hours_pledge_make(fx->db, fx->a, &pin, &admin, &id, NULL), ERR_OK);
    ht_assert_balanced(fx);
    struct actor pro = ht_pro(w.pro);
    struct hours_log_input in = {.hours = "1", .kind = "practical"};
    const char *days[] = {"2026-02-01", "2025-12-31", "2026-1-5", "gisteren"};
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        in.on_date = days[i];
        ht_log_refused(fx, id, &in, &pro, ERR_INVALID, "on_date");
    }
    in.on_date = "2026-01-31"; /* the period's last day is in it */
    assert_int_equal(hours_log(fx->db, fx->a, id, &in, &pro, NULL, NULL), ERR_OK);
    ht_assert_balanced(fx);
}

static void test_hours_on_a_day_still_to_come_are_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, WIJK1, "10");
    struct actor pro = ht_pro(w.pro);
    struct hours_log_input in = {.on_date = "2026-03-02", .hours = "1", .kind = "other"};
    ht_log_refused(fx, id, &in, &pro, ERR_INVALID, "on_date");
}

static void test_zero_negative_or_too_many_hours_are_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, WIJK1, "10");
    struct actor pro = ht_pro(w.pro);
    const char *bad[] = {"0", "-1", "-0.5", "24.5", "twee", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct hours_log_input in = {.on_date = "2026-02-01", .hours = bad[i], .kind = "other"};
        ht_log_refused(fx, id, &in, &pro, ERR_INVALID, "hours");
    }
    struct hours_log_input kind = {.on_date = "2026-02-01", .hours = "1", .kind = "cooking"};
    ht_log_refused(fx, id, &kind, &pro, ERR_INVALID, "kind");
    char note[600];
    memset(note, 'x', sizeof note - 1);
    note[sizeof note - 1] = '\0';
    struct hours_log_input long_note = {
        .on_date = "2026-02-01", .hours = "1", .kind = "other", .note = note};
    ht_log_refused(fx, id, &long_note, &pro, ERR_INVALID, "note");
}

static void test_a_professional_of_another_organisation_cannot_log(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, WIJK1, "10");
    mt_exec(fx->db, "INSERT INTO post (person_id, organisation_id, title, status, requested_at, "
                    "start_at) SELECT id, 2, 'welzijnswerker', 'confirmed', 1, 1 FROM person "
                    "WHERE display_name = 'Bob'");
    struct hours_log_input in = {.on_date = "2026-02-01", .hours = "1", .kind = "coaching"};
    struct actor other = ct_act(w.bob, "professional:2");
    ht_log_refused(fx, id, &in, &other, ERR_FORBIDDEN, NULL);
    struct actor unqualified = ct_act(w.bob, "professional");
    ht_log_refused(fx, id, &in, &unqualified, ERR_FORBIDDEN, NULL);
    struct actor claimed = ct_act(w.bob, "professional:1"); /* holds no post there */
    ht_log_refused(fx, id, &in, &claimed, ERR_FORBIDDEN, NULL);
}

static void test_a_resident_capacity_cannot_log(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, WIJK1, "10");
    struct hours_log_input in = {.on_date = "2026-02-01", .hours = "1", .kind = "coaching"};
    struct actor as_resident = pt_resident(w.pro); /* the professional, acting as resident */
    ht_log_refused(fx, id, &in, &as_resident, ERR_FORBIDDEN, NULL);
    struct actor ann = pt_resident(w.ann);
    ht_log_refused(fx, id, &in, &ann, ERR_FORBIDDEN, NULL);
}

static void test_the_organisations_admin_may_log_too(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, WIJK1, "10");
    struct hours_log_input in = {.on_date = "2026-02-01", .hours = "1.5", .kind = "connecting"};
    struct actor admin = ht_admin(w.org_admin);
    assert_int_equal(hours_log(fx->db, fx->a, id, &in, &admin, NULL, NULL), ERR_OK);
    ht_assert_balanced(fx);
    assert_int_equal(ht_balance(fx, id).delivered, 15);
}

static void correct_refused(struct at_fx *fx, const struct pt_world *w, int64_t pledge_id,
                            int64_t delivery, const char *hours, const char *note, enum err code,
                            const char *field)
{
    struct actor pro = ht_pro(w->pro);
    int64_t before = ht_movements(fx);
    struct fault f = {0};
    assert_int_equal(hours_correct(fx->db, fx->a, pledge_id, delivery, hours, note, &pro, NULL, &f),
                     code);
    if (field)
        assert_string_equal(f.field ? f.field : "", field);
    assert_int_equal(ht_movements(fx), before);
    ht_assert_balanced(fx);
}

static void test_a_correction_is_a_new_movement_referring_to_the_old(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, WIJK1, "10");
    int64_t d = ht_log(fx, &w, id, "2026-02-10", "3");
    struct actor pro = ht_pro(w.pro);
    int64_t c = 0;
    assert_int_equal(hours_correct(fx->db, fx->a, id, d, "2", "Was 2 uur", &pro, &c, NULL), ERR_OK);
    ht_assert_balanced(fx);
    assert_int_equal(ht_balance(fx, id).delivered, 20);
    assert_int_equal(ht_balance(fx, id).open, 80);
    struct hours_movement *items;
    int n;
    assert_int_equal(hours_ledger(fx->db, fx->a, id, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 3);
    assert_int_equal(items[1].amount, 30); /* the delivery, as it was logged */
    assert_int_equal(items[1].net, 20);    /* and after its correction */
    assert_string_equal(items[2].kind, "correction");
    assert_int_equal(items[2].corrects_id, d);
    assert_int_equal(items[2].amount, -10);
    assert_string_equal(items[2].on_date, "2026-02-10");
    correct_refused(fx, &w, id, d, "2", "Nogmaals", ERR_INVALID, "hours");
    correct_refused(fx, &w, id, d, "-1", "Negatief", ERR_INVALID, "hours");
    correct_refused(fx, &w, id, d, "4", "", ERR_INVALID, "note");
    correct_refused(fx, &w, id, items[0].id, "4", "De toezegging", ERR_NOT_FOUND, "movement");
    correct_refused(fx, &w, id, c, "4", "Een correctie", ERR_NOT_FOUND, "movement");
    assert_int_equal(hours_correct(fx->db, fx->a, id, d, "0", "Niet gewerkt", &pro, NULL, NULL),
                     ERR_OK);
    ht_assert_balanced(fx);
    assert_int_equal(ht_balance(fx, id).delivered, 0);
    assert_int_equal(ht_balance(fx, id).open, 100);
}

static void test_a_resident_cannot_correct(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, WIJK1, "10");
    int64_t d = ht_log(fx, &w, id, "2026-02-10", "3");
    struct actor ann = pt_resident(w.ann);
    assert_int_equal(hours_correct(fx->db, fx->a, id, d, "1", "Fout", &ann, NULL, NULL),
                     ERR_FORBIDDEN);
    ht_assert_balanced(fx);
    assert_int_equal(ht_balance(fx, id).delivered, 30);
}

static void test_more_hours_than_pledged_are_allowed_and_shown(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, WIJK1, "1");
    ht_log(fx, &w, id, "2026-02-10", "2");
    struct hours_balance b = ht_balance(fx, id);
    assert_int_equal(b.delivered, 20);
    assert_int_equal(b.open, -10);
    assert_int_equal(hours_over_delivered(&b), 10);
    struct hours_balance none = {.pledged = 10, .delivered = 5};
    assert_int_equal(hours_over_delivered(&none), 0);
}

static void test_withdrawing_keeps_what_was_delivered(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, WIJK1, "10");
    int64_t d = ht_log(fx, &w, id, "2026-02-10", "3");
    struct actor admin = ht_admin(w.org_admin);
    assert_int_equal(hours_pledge_withdraw(fx->db, fx->a, id, &admin, NULL), ERR_OK);
    ht_assert_balanced(fx);
    struct hours_pledge p;
    assert_int_equal(hours_pledge_get(fx->db, fx->a, id, &p, NULL), ERR_OK);
    assert_string_equal(p.status, "withdrawn");
    assert_int_equal(p.balance.delivered, 30);
    assert_int_equal(p.balance.withdrawn, 70);
    assert_int_equal(p.balance.open, 0);
    assert_int_equal(p.balance.pledged, 100);
    assert_int_equal(pt_audits(fx, "hours.withdraw_pledge"), 1);
    struct fault f = {0};
    assert_int_equal(hours_pledge_withdraw(fx->db, fx->a, id, &admin, &f), ERR_CONFLICT);
    ht_assert_balanced(fx);
    struct hours_log_input in = {.on_date = "2026-02-11", .hours = "1", .kind = "other"};
    struct actor pro = ht_pro(w.pro);
    ht_log_refused(fx, id, &in, &pro, ERR_CONFLICT, NULL);
    correct_refused(fx, &w, id, d, "1", "Te laat", ERR_CONFLICT, NULL);
}

static void test_only_the_admin_withdraws(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, WIJK1, "10");
    struct actor pro = ht_pro(w.pro);
    assert_int_equal(hours_pledge_withdraw(fx->db, fx->a, id, &pro, NULL), ERR_FORBIDDEN);
    assert_int_equal(hours_pledge_withdraw(fx->db, fx->a, 999, &pro, NULL), ERR_NOT_FOUND);
    ht_assert_balanced(fx);
    char *status = mt_text(fx->db, "SELECT status FROM hour_pledge");
    assert_string_equal(status, "active");
    free(status);
}

static void test_withdrawing_an_over_delivered_pledge_returns_nothing(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, WIJK1, "1");
    ht_log(fx, &w, id, "2026-02-10", "2");
    struct actor admin = ht_admin(w.org_admin);
    assert_int_equal(hours_pledge_withdraw(fx->db, fx->a, id, &admin, NULL), ERR_OK);
    ht_assert_balanced(fx);
    assert_int_equal(ht_movements(fx), 2);
    struct hours_balance b = ht_balance(fx, id);
    assert_int_equal(b.withdrawn, 0);
    assert_int_equal(b.delivered, 20);
}

static bool statement_fails(struct at_fx *fx, const char *sql)
{
    struct db_stmt *st = db_prepare(fx->db, sql);
    if (!st)
        return true;
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR;
}

static void test_the_ledger_cannot_be_changed_or_deleted(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, WIJK1, "10");
    ht_log(fx, &w, id, "2026-02-10", "3");
    assert_true(statement_fails(fx, "UPDATE hours_entry SET amount_tenths = 1"));
    assert_true(statement_fails(fx, "DELETE FROM hours_entry"));
    assert_true(statement_fails(fx, "UPDATE hours_movement SET note = 'anders'"));
    assert_true(statement_fails(fx, "DELETE FROM hours_movement"));
    assert_int_equal(ht_movements(fx), 2);
    assert_int_equal(ht_balance(fx, id).delivered, 30);
    ht_assert_balanced(fx);
}

static void test_an_earmark_decides_the_initiative(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct hours_pledge_input pin = {.organisation_id = CT_ORG1,
                                     .area_code = CT_BU1,
                                     .hours = "10",
                                     .starts_on = "2026-01-01",
                                     .ends_on = "2026-12-31",
                                     .initiative_id = w.initiative};
    struct actor admin = ht_admin(w.org_admin);
    int64_t id = 0;
    assert_int_equal(hours_pledge_make(fx->db, fx->a, &pin, &admin, &id, NULL), ERR_OK);
    ht_assert_balanced(fx);
    ht_log(fx, &w, id, "2026-02-10", "1");
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM hours_movement WHERE kind = 'delivery' AND initiative_id = %lld",
             (long long)w.initiative);
    assert_int_equal(at_count(fx->db, sql), 1);
    struct actor pro = ht_pro(w.pro);
    struct hours_log_input in = {
        .on_date = "2026-02-10", .hours = "1", .kind = "other", .initiative_id = w.initiative + 1};
    ht_log_refused(fx, id, &in, &pro, ERR_INVALID, "initiative");
    mt_exec(fx->db, "INSERT INTO collective (name, kind, area_code, voting_rule, statutes, status, "
                    "created_at) VALUES ('Buurtkracht', 'trust', 'BU00010101', 'majority', '', "
                    "'founding', 1)");
    pin.initiative_id = 0;
    pin.collective_id = mt_int(fx->db, "SELECT MAX(id) FROM collective");
    assert_int_equal(hours_pledge_make(fx->db, fx->a, &pin, &admin, &id, NULL), ERR_OK);
    ht_assert_balanced(fx);
    in.initiative_id = w.initiative; /* not one of the collective's */
    ht_log_refused(fx, id, &in, &pro, ERR_INVALID, "initiative");
    in.initiative_id = 0;
    assert_int_equal(hours_log(fx->db, fx->a, id, &in, &pro, NULL, NULL), ERR_OK);
    ht_assert_balanced(fx);
}

static void test_authorise_answers_as_the_writes_do(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct actor admin = ht_admin(w.org_admin), pro = ht_pro(w.pro), ann = pt_resident(w.ann);
    assert_int_equal(hours_authorise(fx->db, CT_ORG1, ACT_HOURS_PLEDGE, &admin, NULL), ERR_OK);
    assert_int_equal(hours_authorise(fx->db, CT_ORG2, ACT_HOURS_PLEDGE, &admin, NULL),
                     ERR_FORBIDDEN);
    assert_int_equal(hours_authorise(fx->db, CT_ORG1, ACT_HOURS_PLEDGE, &pro, NULL), ERR_FORBIDDEN);
    assert_int_equal(hours_authorise(fx->db, CT_ORG1, ACT_HOURS_LOG, &pro, NULL), ERR_OK);
    assert_int_equal(hours_authorise(fx->db, CT_ORG1, ACT_HOURS_LOG, &ann, NULL), ERR_FORBIDDEN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_an_organisation_admin_pledges_hours),
        AT_TEST(test_only_the_organisations_admin_pledges),
        AT_TEST(test_bad_pledges_are_refused_with_their_field),
        AT_TEST(test_a_professional_logs_hours_against_the_pledge),
        AT_TEST(test_hours_outside_the_pledges_period_are_refused),
        AT_TEST(test_hours_on_a_day_still_to_come_are_refused),
        AT_TEST(test_zero_negative_or_too_many_hours_are_refused),
        AT_TEST(test_a_professional_of_another_organisation_cannot_log),
        AT_TEST(test_a_resident_capacity_cannot_log),
        AT_TEST(test_the_organisations_admin_may_log_too),
        AT_TEST(test_a_correction_is_a_new_movement_referring_to_the_old),
        AT_TEST(test_a_resident_cannot_correct),
        AT_TEST(test_more_hours_than_pledged_are_allowed_and_shown),
        AT_TEST(test_withdrawing_keeps_what_was_delivered),
        AT_TEST(test_only_the_admin_withdraws),
        AT_TEST(test_withdrawing_an_over_delivered_pledge_returns_nothing),
        AT_TEST(test_the_ledger_cannot_be_changed_or_deleted),
        AT_TEST(test_an_earmark_decides_the_initiative),
        AT_TEST(test_authorise_answers_as_the_writes_do),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
