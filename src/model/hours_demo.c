/* The demo's investment hours (model/demo.h): the welfare institution of
 * the fictional gemeente Lindenhoven pledges 400 hours for experiments in
 * its first wijk for 2026, so that a fresh installation shows a pledge on
 * the organisation's and the area's pages. Booked as the console, through
 * hours_pledge_make, in demo_create's transaction. */
#include "model/hours.h"

#include "core/arena.h"
#include "core/clock.h"
#include "model/capacity.h"
#include "model/organisation.h"

#define DEMO_HOURS_ORGANISATION "Stichting Welzijn Lindenhoven"

static enum err has_pledge(struct db *db, int64_t organisation_id, bool *has, struct fault *f)
{
    struct hours_balance b;
    enum err e = hours_balance_of(db, HOURS_SCOPE_ORGANISATION, organisation_id, NULL, &b, f);
    *has = e == ERR_OK && b.pledged != 0;
    return e;
}

enum err hours_demo_create(struct db *db, struct fault *f)
{
    int64_t org = 0;
    bool has = false;
    enum err e = organisation_find(db, DEMO_HOURS_ORGANISATION, &org, f);
    if (e == ERR_OK && org)
        e = has_pledge(db, org, &has, f);
    if (e != ERR_OK || org == 0 || has)
        return e;
    struct actor console = {0, CAPACITY_CONSOLE, NULL, clock_now()};
    struct hours_pledge_input in = {.organisation_id = org,
                                    .area_code = "WK990101",
                                    .hours = "400",
                                    .starts_on = "2026-01-01",
                                    .ends_on = "2026-12-31"};
    struct arena *a = arena_new();
    e = hours_pledge_make(db, a, &in, &console, NULL, f);
    arena_free(a);
    return e;
}
