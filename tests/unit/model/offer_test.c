/* Tests of facilitation offers (src/model/offer.c) on SQLite and
 * PostgreSQL (see account_testing.h): professionals and organisation
 * admins make offers for their organisation, residents may not; bad input
 * is refused with the field and nothing written; only an initiator acting
 * as resident accepts or declines (a professional gets the facilitating
 * reason, and the attempt is logged); an offer is answered once; its maker
 * or an admin of its organisation withdraws it; the initiators hear of new
 * offers and the maker of the answer; accepted offers are listed with who
 * made them and in which capacity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "model/initiative.h"
#include "model/offer.h"
#include "model_testing.h"
#include "plan_testing.h"

static int64_t offers(struct at_fx *fx)
{
    return at_count(fx->db, "SELECT COUNT(*) FROM offer");
}

static int64_t notices(struct at_fx *fx, int64_t person, const char *kind)
{
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM notification WHERE person_id = %lld AND kind = '%s'",
             (long long)person, kind);
    return at_count(fx->db, sql);
}

/* The professional's coaching offer, failing the test on an error. */
static int64_t coaching(struct at_fx *fx, const struct pt_world *w)
{
    struct actor pro = pt_professional(w->pro);
    struct offer_input in = {.kind = "coaching", .text = "Ik help met de begroting."};
    struct fault f = {0};
    int64_t id = 0;
    if (offer_make(fx->db, fx->a, w->initiative, &in, &pro, &id, &f) != ERR_OK)
        fail_msg("offer: %s", f.msgid ? f.msgid : "?");
    return id;
}

static void test_a_professional_offers_and_the_initiators_hear_of_it(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = coaching(fx, &w);
    struct offer o;
    assert_int_equal(offer_get(fx->db, fx->a, id, &o, NULL), ERR_OK);
    assert_string_equal(o.capacity, "professional:1");
    assert_int_equal(o.organisation_id, CT_ORG1);
    assert_int_equal(o.person_id, w.pro);
    assert_string_equal(o.status, "offered");
    assert_int_equal(pt_audits(fx, "offer.make"), 1);
    assert_int_equal(notices(fx, w.initiator, "offer_new"), 1);
    assert_int_equal(notices(fx, w.pro, "offer_new"), 0);
}

static void test_an_organisation_admin_offers_for_their_own_organisation(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct offer_input in = {.kind = "hours", .text = "Tien uur van ons team.", .hours = 10};
    struct actor admin = ct_act(w.org_admin, "organisation_admin:1");
    int64_t id = 0;
    assert_int_equal(offer_make(fx->db, fx->a, w.initiative, &in, &admin, &id, NULL), ERR_OK);
    struct offer o;
    assert_int_equal(offer_get(fx->db, fx->a, id, &o, NULL), ERR_OK);
    assert_int_equal(o.hours, 10);
    assert_string_equal(o.capacity, "organisation_admin:1");
    struct actor other = ct_act(w.org_admin, "organisation_admin:2");
    assert_int_equal(offer_make(fx->db, fx->a, w.initiative, &in, &other, NULL, NULL),
                     ERR_FORBIDDEN);
    assert_int_equal(offers(fx), 1);
}

static void test_residents_do_not_make_offers(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct offer_input in = {.kind = "room", .text = "Mijn schuur."};
    struct fault f = {0};
    struct actor ann = pt_resident(w.ann), ini = pt_resident(w.initiator);
    assert_int_equal(offer_make(fx->db, fx->a, w.initiative, &in, &ann, NULL, &f), ERR_FORBIDDEN);
    assert_non_null(f.msgid);
    assert_int_equal(offer_make(fx->db, fx->a, w.initiative, &in, &ini, NULL, NULL), ERR_FORBIDDEN);
    assert_int_equal(offers(fx), 0);
}

static void expect_invalid(struct at_fx *fx, const struct pt_world *w, const struct offer_input *in,
                           const char *field)
{
    struct actor pro = pt_professional(w->pro);
    struct fault f = {0};
    assert_int_equal(offer_make(fx->db, fx->a, w->initiative, in, &pro, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, field);
}

static void test_bad_offers_are_refused_and_nothing_is_written(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    expect_invalid(fx, &w, &(struct offer_input){.kind = "money", .text = "x"}, "kind");
    expect_invalid(fx, &w, &(struct offer_input){.kind = "coaching", .text = ""}, "text");
    expect_invalid(fx, &w, &(struct offer_input){.kind = "hours", .text = "x"}, "hours");
    expect_invalid(fx, &w, &(struct offer_input){.kind = "hours", .text = "x", .hours = 2001},
                   "hours");
    expect_invalid(fx, &w, &(struct offer_input){.kind = "hours", .text = "x", .hours = -3},
                   "hours");
    expect_invalid(fx, &w, &(struct offer_input){.kind = "coaching", .text = "x", .hours = 4},
                   "hours");
    expect_invalid(fx, &w, &(struct offer_input){.kind = "connection", .text = "x"},
                   "organisation");
    expect_invalid(fx, &w,
                   &(struct offer_input){.kind = "room", .text = "x", .connect_organisation_id = 2},
                   "organisation");
    assert_int_equal(offers(fx), 0);
    assert_int_equal(pt_audits(fx, "offer.make"), 0);
}

static void test_a_connection_to_an_unknown_organisation_names_it(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct actor pro = pt_professional(w.pro);
    struct offer_input in = {.kind = "connection", .text = "x", .connect_organisation_id = 99};
    struct fault f = {0};
    assert_int_equal(offer_make(fx->db, fx->a, w.initiative, &in, &pro, NULL, &f), ERR_NOT_FOUND);
    assert_string_equal(f.field, "organisation");
    assert_string_equal(f.args[0], "99");
    in.connect_organisation_id = CT_ORG2;
    assert_int_equal(offer_make(fx->db, fx->a, w.initiative, &in, &pro, NULL, NULL), ERR_OK);
    assert_int_equal(offer_make(fx->db, fx->a, 4242, &in, &pro, NULL, NULL), ERR_NOT_FOUND);
    assert_int_equal(offers(fx), 1);
}

static void test_an_initiator_accepts_and_the_maker_hears_of_it(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = coaching(fx, &w);
    struct actor ini = pt_resident(w.initiator);
    assert_int_equal(offer_accept(fx->db, id, &ini, NULL), ERR_OK);
    struct offer o;
    assert_int_equal(offer_get(fx->db, fx->a, id, &o, NULL), ERR_OK);
    assert_string_equal(o.status, "accepted");
    assert_int_equal(o.answered_by, w.initiator);
    assert_int_equal(pt_audits(fx, "offer.accept"), 1);
    assert_int_equal(notices(fx, w.pro, "offer_accepted"), 1);
    struct fault f = {0};
    assert_int_equal(offer_decline(fx->db, id, &ini, &f), ERR_CONFLICT);
    assert_int_equal(offer_get(fx->db, fx->a, id, &o, NULL), ERR_OK);
    assert_string_equal(o.status, "accepted");
}

static void test_a_professional_cannot_accept_and_the_attempt_is_logged(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = coaching(fx, &w);
    struct actor pro = pt_professional(w.pro), ann = pt_resident(w.ann);
    struct fault f = {0};
    assert_int_equal(offer_accept(fx->db, id, &pro, &f), ERR_FORBIDDEN);
    assert_string_equal(f.msgid, "Professionals facilitate: the initiators accept or decline "
                                 "offers, including yours.");
    assert_int_equal(offer_decline(fx->db, id, &pro, NULL), ERR_FORBIDDEN);
    assert_int_equal(offer_accept(fx->db, id, &ann, NULL), ERR_FORBIDDEN);
    assert_int_equal(pt_audits(fx, "initiative.refused"), 3);
    struct offer o;
    assert_int_equal(offer_get(fx->db, fx->a, id, &o, NULL), ERR_OK);
    assert_string_equal(o.status, "offered");
    assert_int_equal(offer_accept(fx->db, 999, &pro, NULL), ERR_NOT_FOUND);
}

static void test_an_initiator_declines(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = coaching(fx, &w);
    struct actor ini = pt_resident(w.initiator);
    assert_int_equal(offer_decline(fx->db, id, &ini, NULL), ERR_OK);
    struct offer o;
    assert_int_equal(offer_get(fx->db, fx->a, id, &o, NULL), ERR_OK);
    assert_string_equal(o.status, "declined");
    assert_int_equal(notices(fx, w.pro, "offer_declined"), 1);
    assert_int_equal(offer_accept(fx->db, id, &ini, NULL), ERR_CONFLICT);
}

static void test_the_maker_or_the_organisation_withdraws(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t first = coaching(fx, &w), second = coaching(fx, &w);
    struct actor pro = pt_professional(w.pro), ann = pt_resident(w.ann);
    struct actor admin = ct_act(w.org_admin, "organisation_admin:1");
    struct actor ini = pt_resident(w.initiator);
    assert_int_equal(offer_withdraw(fx->db, first, &ann, NULL), ERR_FORBIDDEN);
    assert_int_equal(offer_withdraw(fx->db, first, &ini, NULL), ERR_FORBIDDEN);
    assert_int_equal(offer_withdraw(fx->db, first, &pro, NULL), ERR_OK);
    assert_int_equal(offer_withdraw(fx->db, second, &admin, NULL), ERR_OK);
    assert_int_equal(notices(fx, w.initiator, "offer_withdrawn"), 2);
    assert_int_equal(offer_withdraw(fx->db, first, &pro, NULL), ERR_CONFLICT);
    assert_int_equal(offer_accept(fx->db, first, &ini, NULL), ERR_CONFLICT);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM offer WHERE status = 'withdrawn' "
                                      "AND answered_by IS NULL AND answered_at IS NOT NULL"),
                     2);
}

static void test_accepted_offers_are_listed_with_who_made_them(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t accepted = coaching(fx, &w);
    coaching(fx, &w);
    struct actor ini = pt_resident(w.initiator);
    assert_int_equal(offer_accept(fx->db, accepted, &ini, NULL), ERR_OK);
    struct offer_row *rows = NULL;
    int n = 0;
    assert_int_equal(offer_list(fx->db, fx->a, w.initiative, "accepted", &rows, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].offer.id, accepted);
    assert_string_equal(rows[0].person_name, "Pro");
    assert_string_equal(rows[0].offer.capacity, "professional:1");
    assert_non_null(rows[0].organisation_name);
    assert_int_equal(offer_list(fx->db, fx->a, w.initiative, NULL, &rows, &n, NULL), ERR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(offer_list(fx->db, fx->a, w.initiative, "lost", &rows, &n, NULL), ERR_INVALID);
}

static void test_an_ended_initiative_takes_no_offers(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = coaching(fx, &w);
    pt_phase(fx, &w, "stopped");
    struct actor pro = pt_professional(w.pro), ini = pt_resident(w.initiator);
    struct offer_input in = {.kind = "coaching", .text = "Nog een keer."};
    assert_int_equal(offer_make(fx->db, fx->a, w.initiative, &in, &pro, NULL, NULL), ERR_CONFLICT);
    assert_int_equal(offer_accept(fx->db, id, &ini, NULL), ERR_CONFLICT);
    assert_int_equal(offers(fx), 1);
}

static void test_a_frozen_initiative_answers_no_offers(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = coaching(fx, &w);
    struct actor ini = pt_resident(w.initiator), ann = pt_resident(w.ann);
    assert_int_equal(initiative_add_initiator(fx->db, w.initiative, w.ann, &ini, NULL), ERR_OK);
    char sql[160];
    snprintf(sql, sizeof sql,
             "UPDATE residency SET status = 'ended', end_at = 5 "
             "WHERE person_id = %lld",
             (long long)w.initiator);
    mt_exec(fx->db, sql);
    struct fault f = {0};
    assert_int_equal(offer_accept(fx->db, id, &ann, &f), ERR_CONFLICT);
    assert_non_null(strstr(f.msgid, "frozen"));
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM offer WHERE status = 'offered'"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_a_professional_offers_and_the_initiators_hear_of_it),
        AT_TEST(test_an_organisation_admin_offers_for_their_own_organisation),
        AT_TEST(test_residents_do_not_make_offers),
        AT_TEST(test_bad_offers_are_refused_and_nothing_is_written),
        AT_TEST(test_a_connection_to_an_unknown_organisation_names_it),
        AT_TEST(test_an_initiator_accepts_and_the_maker_hears_of_it),
        AT_TEST(test_a_professional_cannot_accept_and_the_attempt_is_logged),
        AT_TEST(test_an_initiator_declines),
        AT_TEST(test_the_maker_or_the_organisation_withdraws),
        AT_TEST(test_accepted_offers_are_listed_with_who_made_them),
        AT_TEST(test_an_ended_initiative_takes_no_offers),
        AT_TEST(test_a_frozen_initiative_answers_no_offers),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
