/* Declared conflicts of interest, as their declarer reads them back. The
 * declaring itself is capacity_declare_interest (model/capacity.h), where
 * the policy row interest.declare is asked; this module only lists one's
 * own declarations, with the organisation each is tied to, for the
 * account page and the API. */
#ifndef WIJK_MODEL_INTEREST_H
#define WIJK_MODEL_INTEREST_H

#include <stdint.h>

#include "core/err.h"

struct arena;
struct db;

enum { INTEREST_LIST_MAX = 500 }; /* declarations interest_list_mine gives at most */

struct interest {
    int64_t id;
    int64_t organisation_id;
    const char *organisation_name;
    const char *note; /* NULL: none */
    int64_t declared_at;
};

/* person_id's declarations, newest first, at most INTEREST_LIST_MAX. *items
 * from the arena, *n their number (0 for a person with none). Only the
 * person themselves may see them: callers pass the signed-in person. */
enum err interest_list_mine(struct db *db, struct arena *a, int64_t person_id,
                            struct interest **items, int *n, struct fault *f);

#endif
