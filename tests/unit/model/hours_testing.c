/* Helpers of the investment-hours tests (hours_testing.h). */
#include "hours_testing.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "model_testing.h"

/* The check every test makes after each ledger operation: all entries sum
 * to zero, every movement has exactly two entries summing to zero, checked
 * by the model's own check and by an independent query. */
void ht_assert_balanced(struct at_fx *fx)
{
    int64_t sum = -1, unbalanced = -1, movements = -1;
    assert_int_equal(hours_ledger_check(fx->db, &sum, &unbalanced, &movements, NULL), ERR_OK);
    assert_int_equal(sum, 0);
    assert_int_equal(unbalanced, 0);
    assert_int_equal(at_count(fx->db, "SELECT COALESCE(SUM(amount_tenths), 0) FROM hours_entry"),
                     0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM hours_entry"), 2 * movements);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM hours_movement m WHERE "
                                      "(SELECT SUM(amount_tenths) FROM hours_entry e "
                                      "WHERE e.movement_id = m.id) <> 0"),
                     0);
}

int64_t ht_pledges(struct at_fx *fx)
{
    return at_count(fx->db, "SELECT COUNT(*) FROM hour_pledge");
}

int64_t ht_movements(struct at_fx *fx)
{
    return at_count(fx->db, "SELECT COUNT(*) FROM hours_movement");
}

struct actor ht_admin(int64_t person)
{
    return ct_act(person, "organisation_admin:1");
}

struct actor ht_pro(int64_t person)
{
    return ct_act(person, "professional:1");
}

/* A pledge of hours for area in 2026 by CT_ORG1's admin, failing the test
 * on an error. */
int64_t ht_pledge(struct at_fx *fx, const struct pt_world *w, const char *area, const char *hours)
{
    struct hours_pledge_input in = {.organisation_id = CT_ORG1,
                                    .area_code = area,
                                    .hours = hours,
                                    .starts_on = "2026-01-01",
                                    .ends_on = "2026-12-31"};
    struct actor act = ht_admin(w->org_admin);
    struct fault f = {0};
    int64_t id = 0;
    if (hours_pledge_make(fx->db, fx->a, &in, &act, &id, &f) != ERR_OK)
        fail_msg("pledge: %s (%s)", f.msgid ? f.msgid : "?", f.field ? f.field : "");
    ht_assert_balanced(fx);
    return id;
}

/* Logs hours on a day as the professional, failing the test on an error. */
int64_t ht_log(struct at_fx *fx, const struct pt_world *w, int64_t pledge_id, const char *day,
               const char *hours)
{
    struct hours_log_input in = {
        .on_date = day, .hours = hours, .kind = "coaching", .note = "Begroting doorgenomen"};
    struct actor act = ht_pro(w->pro);
    struct fault f = {0};
    int64_t id = 0;
    if (hours_log(fx->db, fx->a, pledge_id, &in, &act, &id, &f) != ERR_OK)
        fail_msg("log: %s (%s)", f.msgid ? f.msgid : "?", f.field ? f.field : "");
    ht_assert_balanced(fx);
    return id;
}

/* Tries to log and expects code (and field): nothing written. */
void ht_log_refused(struct at_fx *fx, int64_t pledge_id, const struct hours_log_input *in,
                    const struct actor *act, enum err code, const char *field)
{
    int64_t before = ht_movements(fx);
    struct fault f = {0};
    assert_int_equal(hours_log(fx->db, fx->a, pledge_id, in, act, NULL, &f), code);
    if (field)
        assert_string_equal(f.field ? f.field : "", field);
    assert_int_equal(ht_movements(fx), before);
    ht_assert_balanced(fx);
}

struct hours_balance ht_balance(struct at_fx *fx, int64_t pledge_id)
{
    struct hours_balance b;
    assert_int_equal(hours_balance_of(fx->db, HOURS_SCOPE_PLEDGE, pledge_id, NULL, &b, NULL),
                     ERR_OK);
    return b;
}
