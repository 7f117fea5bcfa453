/* Helpers for the skills, matching and practice tests, on top of
 * plan_testing.h: a fourth resident in the same wijk but another buurt,
 * and registering a person's skills in one call. */
#ifndef WIJK_TESTS_MATCH_TESTING_H
#define WIJK_TESTS_MATCH_TESTING_H

#include <stdint.h>

#include "plan_testing.h"

/* A new verified resident of buurt called name (e-mail name@example.nl). */
int64_t mtt_resident(struct at_fx *fx, const char *name, const char *buurt);

/* Registers person's profile with one skill (code, level, willing) as
 * person acting as resident; fails the test on an error. */
void mtt_register(struct at_fx *fx, int64_t person, const char *visibility, int hours,
                  const char *code, const char *level, bool willing);

/* Adds a skill need to initiative as its initiator; returns its id. */
int64_t mtt_need(struct at_fx *fx, int64_t initiator, int64_t initiative, const char *code,
                 int hours);

#endif
