/* Helpers for the tests of pledges, tasks and responsibility, on top of
 * capacity_testing.h: an initiative in CT_BU1 with one initiator, two
 * residents who may pledge, a resident of another gemeente, a
 * professional (a confirmed post at CT_ORG1) and an admin of CT_ORG1. */
#ifndef WIJK_TESTS_PLAN_TESTING_H
#define WIJK_TESTS_PLAN_TESTING_H

#include <stdint.h>

#include "capacity_testing.h"

struct pt_world {
    int64_t initiator; /* a resident of CT_BU1 who started the initiative */
    int64_t ann;       /* a resident of CT_BU1 */
    int64_t bob;       /* a resident of CT_BU1 */
    int64_t far;       /* a resident of CT_BU2 (another gemeente) */
    int64_t pro;       /* a professional at CT_ORG1, also a resident of CT_BU1 */
    int64_t org_admin; /* an admin of CT_ORG1 */
    int64_t initiative;
};

/* Builds the world with the initiative in its awareness phase. */
void pt_world(struct at_fx *fx, struct pt_world *w);

/* Moves the initiative on to phase to ("execution", "evaluation", ...)
 * as its initiator, with a reason. */
void pt_phase(struct at_fx *fx, const struct pt_world *w, const char *to);

/* An actor acting as resident / as professional at AT_NOW. */
struct actor pt_resident(int64_t person_id);
struct actor pt_professional(int64_t person_id);

/* Pledges hours (tenths) per period as person, failing the test on an
 * error; returns the pledge's id. */
int64_t pt_pledge(struct at_fx *fx, const struct pt_world *w, int64_t person, int tenths,
                  const char *period);

/* The number of audit entries with this action. */
int64_t pt_audits(struct at_fx *fx, const char *action);

#endif
