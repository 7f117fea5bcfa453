/* Tests of the reading side of investment hours (src/model/hours_report.c)
 * on SQLite and PostgreSQL (see account_testing.h): balances per pledge,
 * organisation and area, a buurt's hours counting towards its wijk and
 * gemeente; the transition monitor's figures per area and range of days
 * (pledged spread over the period, delivered, withdrawn); the export's
 * entries, both sides of every movement; a note a moderator hid is left
 * out. After every ledger operation
 * ht_assert_balanced() checks that all movements sum to zero. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "core/arena.h"
#include "model/moderation.h"
#include "hours_testing.h"
#include "model_testing.h"

static void test_a_buurts_hours_count_towards_its_wijk_and_gemeente(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t b1 = ht_pledge(fx, &w, CT_BU1, "10");
    ht_pledge(fx, &w, WIJK1, "20");
    ht_pledge(fx, &w, CT_GM1, "5");
    ht_pledge(fx, &w, CT_BU2, "7");
    ht_log(fx, &w, b1, "2026-02-10", "4");
    struct hours_balance b;
    assert_int_equal(hours_balance_of(fx->db, HOURS_SCOPE_AREA, 0, CT_BU1, &b, NULL), ERR_OK);
    assert_int_equal(b.pledged, 100);
    assert_int_equal(b.delivered, 40);
    assert_int_equal(hours_balance_of(fx->db, HOURS_SCOPE_AREA, 0, CT_BU1B, &b, NULL), ERR_OK);
    assert_int_equal(b.pledged, 0);
    assert_int_equal(hours_balance_of(fx->db, HOURS_SCOPE_AREA, 0, WIJK1, &b, NULL), ERR_OK);
    assert_int_equal(b.pledged, 300);
    assert_int_equal(b.delivered, 40);
    assert_int_equal(hours_balance_of(fx->db, HOURS_SCOPE_AREA, 0, CT_GM1, &b, NULL), ERR_OK);
    assert_int_equal(b.pledged, 350);
    assert_int_equal(b.open, 310);
    assert_int_equal(hours_balance_of(fx->db, HOURS_SCOPE_AREA, 0, CT_GM2, &b, NULL), ERR_OK);
    assert_int_equal(b.pledged, 70);
    assert_int_equal(hours_balance_of(fx->db, HOURS_SCOPE_ORGANISATION, CT_ORG1, NULL, &b, NULL),
                     ERR_OK);
    assert_int_equal(b.pledged, 420);
    struct hours_pledge *items;
    int n;
    struct hours_balance total;
    assert_int_equal(hours_pledges_of_area(fx->db, fx->a, WIJK1, &items, &n, &total, NULL), ERR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(total.pledged, 300);
    struct hours_org_total *orgs;
    assert_int_equal(hours_area_organisations(fx->db, fx->a, CT_GM1, &orgs, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(orgs[0].pledges, 3);
    assert_int_equal(orgs[0].balance.delivered, 40);
    assert_int_equal(
        hours_pledges_of_organisation(fx->db, fx->a, CT_ORG1, &items, &n, &total, NULL), ERR_OK);
    assert_int_equal(n, 4);
    assert_int_equal(total.pledged, 420);
}

static void test_the_monitor_reads_hours_per_area_and_range(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, CT_BU1, "365");
    ht_log(fx, &w, id, "2026-02-10", "2");
    struct hours_range r;
    assert_int_equal(hours_area_range(fx->db, WIJK1, "2026-01-01", "2026-03-31", &r, NULL), ERR_OK);
    assert_int_equal(r.pledged, 900); /* 90 of 365 days of 3650 tenths */
    assert_int_equal(r.delivered, 20);
    assert_int_equal(r.withdrawn, 0);
    assert_int_equal(r.withdrawals, 0);
    struct actor admin = ht_admin(w.org_admin);
    assert_int_equal(hours_pledge_withdraw(fx->db, fx->a, id, &admin, NULL), ERR_OK);
    ht_assert_balanced(fx);
    assert_int_equal(hours_area_range(fx->db, CT_GM1, "2026-01-01", "2026-03-31", &r, NULL),
                     ERR_OK);
    assert_int_equal(r.pledged, 600); /* withdrawn on 2026-03-01: 60 days */
    assert_int_equal(r.withdrawn, 3630);
    assert_int_equal(r.withdrawals, 1);
    assert_int_equal(hours_area_range(fx->db, CT_GM1, "2026-04-01", "2026-06-30", &r, NULL),
                     ERR_OK);
    assert_int_equal(r.pledged, 0);
    assert_int_equal(r.withdrawals, 0);
    assert_int_equal(hours_area_range(fx->db, CT_GM2, "2026-01-01", "2026-03-31", &r, NULL),
                     ERR_OK);
    assert_int_equal(r.pledged + r.delivered + r.withdrawn, 0);
    struct fault f = {0};
    assert_int_equal(hours_area_range(fx->db, CT_GM1, "2026-04-01", "2026-03-01", &r, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "to");
}

struct tally {
    int rows;
    int64_t sum;
};

static enum err count_entry(const struct hours_entry_row *row, void *ctx)
{
    struct tally *t = ctx;
    t->rows++;
    t->sum += row->amount;
    return ERR_OK;
}

static void test_the_export_gives_both_sides_of_every_movement(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, CT_BU1, "10");
    int64_t d = ht_log(fx, &w, id, "2026-02-10", "2");
    struct actor pro = ht_pro(w.pro);
    assert_int_equal(hours_correct(fx->db, fx->a, id, d, "1", "Was 1 uur", &pro, NULL, NULL),
                     ERR_OK);
    ht_assert_balanced(fx);
    ht_pledge(fx, &w, CT_BU2, "5");
    struct tally t = {0};
    assert_int_equal(
        hours_entries_each(fx->db, HOURS_SCOPE_PLEDGE, id, NULL, count_entry, &t, NULL), ERR_OK);
    assert_int_equal(t.rows, 6);
    assert_int_equal(t.sum, 0);
    t = (struct tally){0};
    assert_int_equal(hours_entries_each(fx->db, HOURS_SCOPE_AREA, 0, CT_GM1, count_entry, &t, NULL),
                     ERR_OK);
    assert_int_equal(t.rows, 6);
    t = (struct tally){0};
    assert_int_equal(
        hours_entries_each(fx->db, HOURS_SCOPE_ORGANISATION, CT_ORG1, NULL, count_entry, &t, NULL),
        ERR_OK);
    assert_int_equal(t.rows, 8);
    assert_int_equal(t.sum, 0);
}

struct notes {
    int with_note;
};

static enum err count_notes(const struct hours_entry_row *row, void *ctx)
{
    struct notes *n = ctx;
    n->with_note += row->note != NULL;
    return ERR_OK;
}

static void test_a_note_a_moderator_hides_is_left_out(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = ht_pledge(fx, &w, CT_BU1, "10");
    int64_t logged = ht_log(fx, &w, id, "2026-02-10", "2");
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)logged);
    int64_t author = 0;
    const char *text = NULL;
    assert_int_equal(moderation_content(fx->db, fx->a, "hours_note", key, &author, &text, NULL),
                     ERR_OK);
    assert_int_equal(author, w.pro);
    assert_string_equal(text, "Begroting doorgenomen");
    struct fault f = {0};
    assert_int_equal(moderation_content(fx->db, fx->a, "hours_note", "1", &author, NULL, &f),
                     ERR_NOT_FOUND); /* the pledge movement has no note */
    assert_string_equal(f.field, "object_id");
    int64_t mod = at_person(fx, "mod@example.nl", "Mod");
    ct_grant(fx, mod, CAP_MODERATOR, 0, NULL);
    struct actor moderator = ct_act(mod, "moderator");
    assert_int_equal(moderation_hide_content(fx->db, "hours_note", key, "Persoonlijke gegevens",
                                             &moderator, NULL),
                     ERR_OK);
    struct hours_movement *items;
    int n;
    assert_int_equal(hours_ledger(fx->db, fx->a, id, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 2);
    assert_null(items[1].note);
    assert_string_equal(items[1].note_hidden, "Persoonlijke gegevens");
    assert_int_equal(items[1].amount, 20); /* the hours stay */
    struct notes notes = {0};
    assert_int_equal(hours_entries_each(fx->db, HOURS_SCOPE_PLEDGE, id, NULL, count_notes, &notes,
                                        NULL),
                     ERR_OK);
    assert_int_equal(notes.with_note, 0);
    ht_assert_balanced(fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_a_buurts_hours_count_towards_its_wijk_and_gemeente),
        AT_TEST(test_the_monitor_reads_hours_per_area_and_range),
        AT_TEST(test_the_export_gives_both_sides_of_every_movement),
        AT_TEST(test_a_note_a_moderator_hides_is_left_out),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
