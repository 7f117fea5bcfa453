/* Helpers for the tests of investment hours (hours_test.c,
 * hours_report_test.c), on top of plan_testing.h: pledges made and hours
 * logged as CT_ORG1's admin and professional, failing the test on an
 * error, and ht_assert_balanced(), the check every test makes after each
 * ledger operation. */
#ifndef WIJK_TESTS_HOURS_TESTING_H
#define WIJK_TESTS_HOURS_TESTING_H

#include <stdint.h>

#include "model/hours.h"
#include "plan_testing.h"

#define WIJK1 "WK000101"

/* All entries sum to zero, and every movement is exactly two entries
 * summing to zero: by the model's own check and by independent queries. */
void ht_assert_balanced(struct at_fx *fx);

/* The number of pledges and of movements. */
int64_t ht_pledges(struct at_fx *fx);
int64_t ht_movements(struct at_fx *fx);

/* Acting as admin of / professional at CT_ORG1. */
struct actor ht_admin(int64_t person);
struct actor ht_pro(int64_t person);

/* A pledge of hours for area in 2026 by CT_ORG1's admin; its id. */
int64_t ht_pledge(struct at_fx *fx, const struct pt_world *w, const char *area, const char *hours);

/* Hours logged on day by the professional (coaching, with a note); the
 * movement's id. */
int64_t ht_log(struct at_fx *fx, const struct pt_world *w, int64_t pledge_id, const char *day,
               const char *hours);

/* Logging in refused with code (and field, unless NULL): nothing written. */
void ht_log_refused(struct at_fx *fx, int64_t pledge_id, const struct hours_log_input *in,
                    const struct actor *act, enum err code, const char *field);

/* The balance of one pledge. */
struct hours_balance ht_balance(struct at_fx *fx, int64_t pledge_id);

#endif
