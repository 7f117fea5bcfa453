/* Demo data: the fictional gemeente Lindenhoven (GM9901, a code no real
 * gemeente has), four wijken (WK990101..04) and their buurten
 * (BU99010101...), with 2024 key figures that add up and simple boundaries
 * that tile, and four organisations with their profiles and areas served (a
 * welfare institution, a tenants' association, an existing initiative and
 * an informal group), so that a fresh installation has
 * something to show and the API and browser tests have known data. */
#ifndef WIJK_MODEL_DEMO_H
#define WIJK_MODEL_DEMO_H

#include "core/err.h"

struct db;

#define DEMO_GEMEENTE "GM9901"
#define DEMO_YEAR 2024

struct demo_result {
    int gemeenten, wijken, buurten; /* areas created or refreshed */
    int organisations;              /* demo organisations created or already there */
    int year;                       /* the year of the figures */
};

/* Creates or refreshes the demo areas, their DEMO_YEAR figures and their
 * boundaries, in one transaction (the caller holds none) on a migrated
 * database. Deterministic and idempotent: running it twice leaves the same
 * data (an organisation is made only when none has its name). Touches no
 * other area or organisation. res may be NULL. Errors: the database's (the
 * transaction is rolled back). */
enum err demo_create(struct db *db, struct demo_result *res, struct fault *f);

#endif
