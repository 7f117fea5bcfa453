/* Synthetic history at scale (issue 10, part 7): `wijkregie demo --scale
 * S|M|L` fills an empty database with generated gemeenten, wijken and
 * buurten (CBS-like codes GM5000.., WK5000.., BU5000..; no real gemeente
 * has them) with five years of CBS-like key figures, and five years of
 * what residents and organisations do there: residents with verified
 * residencies and skills, collectives with members and a board,
 * initiatives going through their phases (with initiators, pledges,
 * activities with sign-ups, decisions with votes, offers from
 * professionals, evaluations), external decisions, organisations' hour
 * pledges with their double-entry ledger, and cooperation agreements.
 *
 * The tiers: S 40 buurten (1 gemeente), M 500 (5 gemeenten), L 14,800
 * (370 gemeenten, about as many buurten as the country has).
 *
 * The shape the transition monitor must find in it:
 *   - skew: a fifth of the buurten ("hot") carry most of the activity;
 *   - vulnerable buurten: about one in seven has a low-income share of
 *     14-24 % of households where the others have 4-10 %;
 *   - decline: half of the vulnerable buurten and one in twenty of the
 *     others decline over the last 18 months -- fewer new contributions,
 *     initiatives left idle, the organisation's hour pledge withdrawn,
 *     more professional offers, contributions concentrated on the same
 *     few residents;
 *   - suppression: one in thirty buurten has fewer than 50 inhabitants.
 *
 * The rows are written directly with prepared statements, in one
 * transaction per gemeente -- not through the model functions (initiative_
 * create, pledge_make, ...), which would check policy and write an audit
 * entry per row and take hours for L. The generator keeps the invariants
 * those functions keep: initiators and pledgers are verified residents of
 * the initiative's buurt from before they acted; a collective has three
 * founders on its board and resident members only; a collective-owned
 * initiative has no initiators; phase changes follow idea -> awareness ->
 * execution -> evaluation -> anchored | stopped in time order; sign-ups
 * never exceed an activity's capacity; every ledger movement has two
 * entries that sum to zero; the CHECKs and UNIQUE indexes of the schema
 * hold on SQLite and PostgreSQL. Generated people have no password and
 * cannot sign in (e-mail addresses under example.invalid). No audit
 * entries are written: the history is synthetic.
 *
 * Deterministic: the same tier, seed and now on an empty database give
 * the same rows with the same ids. A second run is refused (ERR_CONFLICT):
 * generated history is meant for a fresh database, and mixing two would
 * make the benchmarks meaningless. */
#ifndef WIJK_MODEL_DEMO_SCALE_H
#define WIJK_MODEL_DEMO_SCALE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct db;

enum demo_scale_tier { DEMO_SCALE_S, DEMO_SCALE_M, DEMO_SCALE_L };

/* The first generated gemeente; its presence marks a generated database. */
#define DEMO_SCALE_FIRST_GEMEENTE "GM5000"

/* The shape of a tier: gemeenten x wijken per gemeente x buurten per wijk. */
struct demo_scale_shape {
    int gemeenten, wijken, buurten;
};

/* Counts of what was generated. */
struct demo_scale_result {
    int64_t gemeenten, wijken, buurten;
    int64_t residents, professionals, organisations;
    int64_t collectives, initiatives, pledges, activities, signups;
    int64_t decisions, votes, offers, hour_pledges, hour_movements, agreements;
    int64_t hot, vulnerable, declining, tiny; /* buurten with that shape */
};

/* Called after each gemeente: done of total gemeenten, counts so far. */
typedef void (*demo_scale_progress_fn)(void *ctx, int done, int total,
                                       const struct demo_scale_result *res);

/* Parses "S", "M" or "L" (either case) into *tier; false otherwise. */
bool demo_scale_parse(const char *text, enum demo_scale_tier *tier);

/* The shape of tier. */
struct demo_scale_shape demo_scale_shape(enum demo_scale_tier tier);

/* Generates tier's history with seed, for the five years up to now, on a
 * migrated database, in one transaction per gemeente (the caller holds
 * none). progress may be NULL. Errors: ERR_CONFLICT, "This database holds
 * a generated history already; generate into a fresh database." when
 * DEMO_SCALE_FIRST_GEMEENTE exists; the database's (the gemeente being
 * written is rolled back, those before it stay: start again on a fresh
 * database). res is filled with what was committed. */
enum err demo_scale_generate(struct db *db, enum demo_scale_tier tier, uint64_t seed, int64_t now,
                             demo_scale_progress_fn progress, void *ctx,
                             struct demo_scale_result *res, struct fault *f);

#endif
