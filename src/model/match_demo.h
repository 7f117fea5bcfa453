/* Generated data for matching and the practice library (issue 9): people
 * with skills in the demo gemeente's buurten, one initiative with a skill
 * need to match them for, and evaluated initiatives with published
 * practices to search. For the benchmark (bench/match.sh: 100,000 persons,
 * 10,000 practices) and for seeding the demo with a handful
 * (`wijkregie demo --match-data 20,5`).
 *
 * Deterministic for a given database state (a fixed seed); it writes rows
 * directly, in one transaction, without audit entries: generated people
 * have no password and cannot sign in (e-mail addresses under
 * example.invalid). Needs the demo gemeente (demo_create) first. */
#ifndef WIJK_MODEL_MATCH_DEMO_H
#define WIJK_MODEL_MATCH_DEMO_H

#include <stdint.h>

#include "core/err.h"

struct db;

enum { MATCH_DEMO_MAX = 1000000 }; /* persons or practices at most */

struct match_demo_result {
    int persons;
    int practices;
    int64_t initiator_id; /* the initiator of the initiative with the need */
    int64_t initiative_id;
    int64_t need_id; /* a carpentry need of 8 hours a month */
};

/* Generates persons (0..MATCH_DEMO_MAX) with profiles and skills and
 * practices (0..MATCH_DEMO_MAX) at time now. ERR_INVALID for counts out
 * of range; ERR_NOT_FOUND, "Create the demo gemeente first.", without the
 * demo's buurten. */
enum err match_demo_generate(struct db *db, int persons, int practices, int64_t now,
                             struct match_demo_result *res, struct fault *f);

#endif
