/* Demo people, the opt-in half of the demo (`wijkregie demo --people`):
 * fictional residents of three buurten of Lindenhoven (model/demo.h), a
 * municipality admin of the demo gemeente, an admin of its welfare
 * institution and a professional with a confirmed post there, a collective
 * founded by three residents with the professional as its adviser, and
 * initiatives in the phases idea, awareness, execution and anchored, with
 * pledges; and what they do once they run: a weekly activity of the
 * garden with a sign-up, an open consent decision of the collective with a
 * vote, an agreement between the collective and the welfare institution
 * signed by the collective only, a granted rule-free zone in the
 * Bloemenbuurt, the skills of four residents, a skill need with an
 * invitation, and the cleaning mornings' lesson in the practice library.
 * The activity's occurrences and the decision's closing lie ahead of the
 * run.
 *
 * Everything is made through the model functions, as the person who would
 * do it: residencies are verified and roles granted at the console, the
 * post is requested by the professional and confirmed by the organisation
 * admin, the collective is founded and joined by its residents, the
 * initiatives are started, pledged to and moved on by residents. So every
 * rule and invariant holds as if people had done it, and every write is in
 * the audit log. The accounts use the reserved domain example.nl; their
 * password is the caller's, never one in the binary. The default demo
 * (demo_create) makes none of this. */
#ifndef WIJK_MODEL_DEMO_PEOPLE_H
#define WIJK_MODEL_DEMO_PEOPLE_H

#include "core/err.h"

struct arena;
struct db;

/* The name of the demo collective, a community in the Bloemenbuurt. */
#define DEMO_COLLECTIVE "Bewonerscollectief Bloemenbuurt"

/* One demo account as the command shows it; static storage. */
struct demo_person {
    const char *email; /* ...@example.nl */
    const char *name;  /* the display name */
    const char *what;  /* what they are in the demo, in English, one line */
};

/* The demo accounts (*n of them), in the order the command lists them. */
const struct demo_person *demo_people(int *n);

struct demo_people_result {
    int people_made;  /* accounts made now (with the password given) */
    int people_there; /* accounts that were there already (left as they are) */
    int collectives;  /* collectives made now */
    int initiatives;  /* initiatives made now */
    int pledges;      /* pledges made now */
};

/* Makes what is missing of the demo people, in one transaction (the caller
 * holds none) on a database with the demo areas and organisations
 * (demo_create). Idempotent: an account is found by its e-mail address and
 * kept as it is (its password too), a capacity is given only to one who
 * does not hold it, the collective and each initiative are made (and moved
 * on) only when none has its name or title, and so are the activity, the
 * decision, the agreement and the zone; skills only for one without a
 * profile, the need when the initiative has no open one for its skill, the
 * practice when the initiative has none; so a second run adds nothing.
 * password (12 to 128 characters, not a common one) is given to the
 * accounts made now; ERR_INVALID, field "password", otherwise. Errors:
 * ERR_NOT_FOUND, field "organisation", without the demo organisations;
 * those of the model functions called (the transaction is rolled back).
 * Working memory and the fault's arguments come from a. res may be NULL.
 * Call password_init() first. */
enum err demo_people_create(struct db *db, struct arena *a, const char *password,
                            struct demo_people_result *res, struct fault *f);

#endif
