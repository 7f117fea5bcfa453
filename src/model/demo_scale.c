/* The synthetic history generator's frame (see demo_scale.h): the tiers,
 * the random streams, the statement helper, the areas with their key
 * figures, each gemeente's organisations, professionals and admin, and
 * the loop over gemeenten and buurten, one transaction per gemeente. */
#include "model/demo_scale.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mem.h"
#include "db/db.h"
#include "model/demo_scale_gen.h"

static const struct demo_scale_shape shapes[] = {
    [DEMO_SCALE_S] = {1, 4, 10},
    [DEMO_SCALE_M] = {5, 10, 10},
    [DEMO_SCALE_L] = {370, 5, 8},
};

bool demo_scale_parse(const char *text, enum demo_scale_tier *tier)
{
    static const char names[] = "SML";
    if (!text || strlen(text) != 1)
        return false;
    const char *p = strchr(names, text[0] & ~0x20);
    if (!p || !*p)
        return false;
    *tier = (enum demo_scale_tier)(p - names);
    return true;
}

struct demo_scale_shape demo_scale_shape(enum demo_scale_tier tier)
{
    return shapes[tier];
}

uint64_t ds_next(struct ds_rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

int ds_below(struct ds_rng *r, int n)
{
    return (int)(ds_next(r) % (uint64_t)n);
}

bool ds_chance(struct ds_rng *r, int percent)
{
    return ds_below(r, 100) < percent;
}

int64_t ds_between(struct ds_rng *r, int64_t lo, int64_t hi)
{
    return lo + (int64_t)(ds_next(r) % (uint64_t)(hi - lo + 1));
}

struct ds_rng ds_stream(uint64_t seed, uint64_t a, uint64_t b)
{
    struct ds_rng r = {seed ^ (a * 0xd1b54a32d192ed03u) ^ (b * 0x8cb92ba72f3d8dd7u)};
    ds_next(&r);
    return r;
}

enum err ds_exec(struct ds_ctx *c, int64_t *id, const char *sql, const struct ds_val *vals, int n,
                 struct fault *f)
{
    struct db_stmt *st = db_prepare(c->db, sql);
    if (!st)
        return db_fault(c->db, f);
    for (int i = 0; i < n; i++) {
        if (vals[i].kind == 'i')
            db_bind_int(st, i + 1, vals[i].i);
        else if (vals[i].kind == 'd')
            db_bind_double(st, i + 1, vals[i].d);
        else if (vals[i].kind == 't')
            db_bind_text(st, i + 1, vals[i].t);
        else
            db_bind_null(st, i + 1);
    }
    enum db_rc rc = db_step(st);
    if (id)
        *id = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    return rc == DB_ERROR ? db_fault(c->db, f) : ERR_OK;
}

int64_t ds_when(struct ds_ctx *c)
{
    int64_t span = c->now - c->start;
    if (c->b->declining)
        return ds_chance(&c->rng, 85) ? ds_between(&c->rng, c->start, c->now - DS_DECLINE)
                                      : ds_between(&c->rng, c->now - DS_DECLINE, c->now - DS_DAY);
    double u = (double)ds_below(&c->rng, 1000000) / 1e6;
    return c->start + (int64_t)((double)(span - DS_DAY) * sqrt(u));
}

/* How many residents had joined by t (people are in order of joining). */
static int joined_by(const struct ds_ctx *c, int64_t t)
{
    int lo = 0, hi = c->n_people;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (c->people[mid].since <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 ? lo : 1;
}

int64_t ds_resident_at(struct ds_ctx *c, int64_t t)
{
    int k = joined_by(c, t);
    if (c->b->declining && t > c->now - DS_DECLINE && ds_chance(&c->rng, 80))
        k = k < DS_FEW ? k : DS_FEW;
    return c->people[ds_below(&c->rng, k)].id;
}

int ds_residents_at(struct ds_ctx *c, int64_t t, int64_t except, struct ds_resident *out, int want)
{
    int k = joined_by(c, t);
    if (c->b->declining && t > c->now - DS_DECLINE && ds_chance(&c->rng, 80))
        k = k < DS_FEW ? k : DS_FEW;
    int got = 0, at = ds_below(&c->rng, k);
    for (int i = 0; i < k && got < want; i++) {
        const struct ds_resident *r = &c->people[(at + i) % k];
        if (r->id != except)
            out[got++] = *r;
    }
    return got;
}

static void gemeente_code(int g, char out[static 16])
{
    snprintf(out, 16, "GM%04d", (5000 + g) % 10000);
}

static enum err area(struct ds_ctx *c, const char *code, const char *kind, const char *name,
                     const char *parent, struct fault *f)
{
    return DS_EXEC(c, NULL, f,
                   "INSERT INTO area (code, kind, name, parent_code, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   DS_T(code), DS_T(kind), DS_T(name), DS_T(parent), DS_I(c->now), DS_I(c->now));
}

/* A buurt's key figures for each of the five years up to now's. */
static enum err figures(struct ds_ctx *c, const struct ds_buurt *b, struct ds_rng *r,
                        struct fault *f)
{
    time_t now = (time_t)c->now;
    struct tm tm;
    gmtime_r(&now, &tm);
    double low = b->vulnerable ? 14.0 + ds_below(r, 100) / 10.0 : 4.0 + ds_below(r, 60) / 10.0;
    double income = b->vulnerable ? 22.0 + ds_below(r, 40) / 10.0 : 28.0 + ds_below(r, 120) / 10.0;
    enum err e = ERR_OK;
    for (int y = tm.tm_year + 1900 - DS_YEARS + 1; e == ERR_OK && y <= tm.tm_year + 1900; y++) {
        int64_t p = b->inhabitants - (tm.tm_year + 1900 - y) * b->inhabitants / 150;
        int64_t a0 = p * (14 + ds_below(r, 5)) / 100, a1 = p * (10 + ds_below(r, 5)) / 100;
        int64_t a2 = p * (22 + ds_below(r, 7)) / 100, a3 = p * (24 + ds_below(r, 7)) / 100;
        int64_t hh = p * 10 / 21 > 0 ? p * 10 / 21 : 1;
        e = DS_EXEC(c, NULL, f,
                    "INSERT INTO area_figures (area_code, year, inhabitants, age_0_15, "
                    "age_15_25, age_25_45, age_45_65, age_65_plus, households, "
                    "avg_household_size, income_per_inhabitant, low_income_share, imported_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    DS_T(b->code), DS_I(y), DS_I(p), DS_I(a0), DS_I(a1), DS_I(a2), DS_I(a3),
                    DS_I(p - a0 - a1 - a2 - a3), DS_I(hh), DS_D((double)p / (double)hh),
                    DS_D(income), DS_D(low + (ds_below(r, 11) - 5) / 10.0), DS_I(c->now));
    }
    return e;
}

/* A wijk's or gemeente's figures: the sums of its children's, the shares
 * weighted by households and the income by inhabitants. */
static enum err sum_figures(struct ds_ctx *c, const char *code, struct fault *f)
{
    return DS_EXEC(c, NULL, f,
                   "INSERT INTO area_figures (area_code, year, inhabitants, age_0_15, age_15_25, "
                   "age_25_45, age_45_65, age_65_plus, households, avg_household_size, "
                   "income_per_inhabitant, low_income_share, imported_at) "
                   "SELECT ?, f.year, SUM(f.inhabitants), SUM(f.age_0_15), SUM(f.age_15_25), "
                   "SUM(f.age_25_45), SUM(f.age_45_65), SUM(f.age_65_plus), SUM(f.households), "
                   "CAST(SUM(f.inhabitants) AS DOUBLE PRECISION) / SUM(f.households), "
                   "SUM(f.income_per_inhabitant * f.inhabitants) / SUM(f.inhabitants), "
                   "SUM(f.low_income_share * f.households) / SUM(f.households), ? "
                   "FROM area_figures f JOIN area a ON a.code = f.area_code "
                   "WHERE a.parent_code = ? GROUP BY f.year",
                   DS_T(code), DS_I(c->now), DS_T(code));
}

enum err ds_person(struct ds_ctx *c, const char *name, int64_t t, int64_t *id, struct fault *f)
{
    char email[80];
    snprintf(email, sizeof email, "scale-%llu-%u@example.invalid", (unsigned long long)c->seed,
             c->serial++);
    return DS_EXEC(c, id, f,
                   "INSERT INTO person (email, display_name, lang, created_at) "
                   "VALUES (?, ?, ?, ?) RETURNING id",
                   DS_T(email), DS_T(name), DS_T(c->serial % 10 == 0 ? "en" : "nl"), DS_I(t));
}

static const char *const org_kinds[DS_ORGS] = {"institution", "formal_association", "business"};
static const char *const org_names[DS_ORGS] = {"Welzijn", "Woonstichting", "Buurtwinkel"};
static const char *const titles[DS_PROS] = {"welzijnswerker", "buurtcoordinator", "other"};

static enum err professionals(struct ds_ctx *c, struct ds_gemeente *g, int o, struct fault *f)
{
    enum err e = ERR_OK;
    for (int p = 0; e == ERR_OK && p < DS_PROS; p++) {
        char name[64];
        snprintf(name, sizeof name, "%s %s %d", org_names[o], g->code, p + 1);
        e = ds_person(c, name, c->start - DS_YEAR, &g->pros[o][p], f);
        if (e == ERR_OK)
            e = DS_EXEC(c, NULL, f,
                        "INSERT INTO post (person_id, organisation_id, title, status, "
                        "requested_at, start_at) VALUES (?, ?, ?, 'confirmed', ?, ?)",
                        DS_I(g->pros[o][p]), DS_I(g->orgs[o]), DS_T(titles[p]),
                        DS_I(c->start - DS_YEAR), DS_I(c->start - DS_YEAR));
        c->res->professionals += e == ERR_OK;
    }
    return e;
}

static enum err organisations(struct ds_ctx *c, struct ds_gemeente *g, struct fault *f)
{
    enum err e = ERR_OK;
    for (int o = 0; e == ERR_OK && o < DS_ORGS; o++) {
        char name[64];
        snprintf(name, sizeof name, "%s %s", org_names[o], g->code);
        e = DS_EXEC(c, &g->orgs[o], f,
                    "INSERT INTO organisation (name, kind, created_at) VALUES (?, ?, ?) "
                    "RETURNING id",
                    DS_T(name), DS_T(org_kinds[o]), DS_I(c->start - DS_YEAR));
        if (e == ERR_OK)
            e = DS_EXEC(c, NULL, f,
                        "INSERT INTO organisation_area (organisation_id, area_code) VALUES (?, ?)",
                        DS_I(g->orgs[o]), DS_T(g->code));
        if (e == ERR_OK)
            e = professionals(c, g, o, f);
        if (e == ERR_OK) /* its first professional also signs for it */
            e = DS_EXEC(c, NULL, f,
                        "INSERT INTO role_grant (person_id, role, organisation_id, granted_at) "
                        "VALUES (?, 'organisation_admin', ?, ?)",
                        DS_I(g->pros[o][0]), DS_I(g->orgs[o]), DS_I(c->start - DS_YEAR));
        c->res->organisations += e == ERR_OK;
    }
    if (e == ERR_OK)
        e = ds_person(c, "Gemeente-beheerder", c->start - DS_YEAR, &g->admin, f);
    if (e == ERR_OK)
        e = DS_EXEC(c, NULL, f,
                    "INSERT INTO role_grant (person_id, role, gemeente_code, granted_at) "
                    "VALUES (?, 'municipality_admin', ?, ?)",
                    DS_I(g->admin), DS_T(g->code), DS_I(c->start - DS_YEAR));
    return e;
}

/* The shape of buurt number index: exactly one in five hot (where is up
 * to the seed), about one in seven vulnerable, one in thirty tiny (the
 * eighth, the 38th, ...); the
 * second buurt of every run is a declining vulnerable one, so that even
 * S shows the early warning. */
static void shape(uint64_t seed, int index, struct ds_buurt *b)
{
    struct ds_rng r = ds_stream(seed, (uint64_t)index, 1);
    b->index = index;
    b->hot = (uint64_t)index % 5 == seed % 5 && index != 1;
    b->tiny = index % 30 == 7;
    b->vulnerable = index == 1 || ds_below(&r, 100) < 15;
    b->declining = index == 1 || ds_below(&r, 100) < (b->vulnerable ? 50 : 5);
    b->inhabitants =
        b->tiny ? ds_between(&r, 20, 45) : ds_between(&r, index == 1 ? 2500 : 250, 3000);
}

/* Everything of one buurt: residents, collective, initiatives, hours,
 * agreement. */
static enum err buurt(struct ds_ctx *c, const struct ds_buurt *b, struct fault *f)
{
    c->b = b;
    c->rng = ds_stream(c->seed, (uint64_t)b->index, 2);
    snprintf(c->capacity, sizeof c->capacity, "resident:%s", b->code);
    c->n_people = 0;
    c->collective = 0;
    c->n_members = 0;
    c->n_running = 0;
    c->res->hot += b->hot;
    c->res->vulnerable += b->vulnerable;
    c->res->declining += b->declining;
    c->res->tiny += b->tiny;
    enum err e = ds_people(c, f);
    if (e == ERR_OK)
        e = ds_collective(c, f);
    if (e == ERR_OK)
        e = ds_initiatives(c, f);
    if (e == ERR_OK)
        e = ds_collective_decisions(c, f);
    if (e == ERR_OK)
        e = ds_hours(c, f);
    if (e == ERR_OK)
        e = ds_agreement(c, f);
    return e;
}

static enum err gemeente(struct ds_ctx *c, int gi, int wijken, int buurten, int *index,
                         struct fault *f)
{
    struct ds_gemeente g = {0};
    char name[64];
    gemeente_code(gi, g.code);
    snprintf(name, sizeof name, "Synthese %d", gi + 1);
    c->gm = &g;
    enum err e = area(c, g.code, "gemeente", name, NULL, f);
    if (e == ERR_OK)
        e = organisations(c, &g, f);
    for (int w = 0; e == ERR_OK && w < wijken; w++) {
        struct ds_buurt b = {0};
        snprintf(b.wijk, sizeof b.wijk, "WK%.4s%02d", g.code + 2, (w + 1) % 100);
        snprintf(name, sizeof name, "Wijk %02d (%s)", w + 1, g.code);
        e = area(c, b.wijk, "wijk", name, g.code, f);
        c->res->wijken += e == ERR_OK;
        for (int k = 0; e == ERR_OK && k < buurten; k++) {
            shape(c->seed, (*index)++, &b);
            snprintf(b.code, sizeof b.code, "BU%.6s%02d", b.wijk + 2, (k + 1) % 100);
            snprintf(name, sizeof name, "Buurt %02d-%02d (%s)", w + 1, k + 1, g.code);
            struct ds_rng r = ds_stream(c->seed, (uint64_t)b.index, 3);
            e = area(c, b.code, "buurt", name, b.wijk, f);
            if (e == ERR_OK)
                e = figures(c, &b, &r, f);
            if (e == ERR_OK)
                e = buurt(c, &b, f);
            c->res->buurten += e == ERR_OK;
        }
        if (e == ERR_OK)
            e = sum_figures(c, b.wijk, f);
    }
    if (e == ERR_OK)
        e = sum_figures(c, g.code, f);
    c->res->gemeenten += e == ERR_OK;
    c->gm = NULL;
    return e;
}

static enum err refuse_second_run(struct db *db, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT 1 FROM area WHERE code = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, DEMO_SCALE_FIRST_GEMEENTE);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_ROW ? fault_set(f, ERR_CONFLICT, "scale",
                                    "This database holds a generated history already; "
                                    "generate into a fresh database.",
                                    NULL)
                        : ERR_OK;
}

enum err demo_scale_generate(struct db *db, enum demo_scale_tier tier, uint64_t seed, int64_t now,
                             demo_scale_progress_fn progress, void *ctx,
                             struct demo_scale_result *res, struct fault *f)
{
    *res = (struct demo_scale_result){0};
    enum err e = refuse_second_run(db, f);
    if (e != ERR_OK)
        return e;
    struct demo_scale_shape sh = shapes[tier];
    struct ds_ctx c = {
        .db = db, .seed = seed, .now = now, .start = now - DS_YEARS * DS_YEAR, .res = res};
    int index = 0;
    for (int g = 0; e == ERR_OK && g < sh.gemeenten; g++) {
        struct demo_scale_result before = *res;
        if ((e = db_begin(db, f)) != ERR_OK)
            break;
        e = gemeente(&c, g, sh.wijken, sh.buurten, &index, f);
        if (e == ERR_OK)
            e = db_commit(db, f);
        else
            db_rollback(db);
        if (e != ERR_OK)
            *res = before;
        else if (progress)
            progress(ctx, g + 1, sh.gemeenten, res);
    }
    free(c.people);
    free(c.members);
    free(c.running);
    return e;
}
