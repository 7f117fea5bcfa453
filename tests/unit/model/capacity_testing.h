/* Helpers for the capacity tests (residency, post, role, capacity,
 * moderation), on top of account_testing.h: a small geography, two
 * organisations, and people with capacities made the way the operator
 * makes them at the console. */
#ifndef WIJK_TESTS_CAPACITY_TESTING_H
#define WIJK_TESTS_CAPACITY_TESTING_H

#include <stdint.h>

#include "account_testing.h"
#include "model/audit.h"
#include "policy/policy.h"

/* Two gemeenten: GM0001 (wijk WK000101 with buurten BU00010101 and
 * BU00010102) and GM0002 (wijk WK000201 with buurt BU00020101). */
#define CT_GM1 "GM0001"
#define CT_GM2 "GM0002"
#define CT_BU1 "BU00010101"
#define CT_BU1B "BU00010102"
#define CT_BU2 "BU00020101"
/* Organisations 1 (an institution) and 2 (a business). */
enum { CT_ORG1 = 1, CT_ORG2 = 2 };

/* Inserts the areas and organisations above. */
void ct_world(struct at_fx *fx);

/* An actor acting in capacity (NULL: none) at AT_NOW. */
struct actor ct_act(int64_t person_id, const char *capacity);

/* The operator at the console at AT_NOW. */
struct actor ct_console(void);

/* Grants role over an organisation or a gemeente (0 / NULL: none) at the
 * console; fails the test on an error. Returns the grant's id. */
int64_t ct_grant(struct at_fx *fx, int64_t person_id, enum capacity role, int64_t org,
                 const char *gemeente);

/* Makes person_id a verified resident of buurt at the console. */
int64_t ct_resident(struct at_fx *fx, int64_t person_id, const char *buurt);

#endif
