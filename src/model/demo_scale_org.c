/* The synthetic history's organisations at work in a buurt (see
 * demo_scale.h): a yearly hour pledge of one of the gemeente's
 * organisations (every year in a hot buurt, every other year elsewhere)
 * with its double-entry ledger -- the commitment, a delivery each quarter
 * by one of its professionals, and in a declining buurt the withdrawal of
 * what was still open early in its decline, after which no organisation
 * pledges there again; half the deliveries for an initiative that was
 * running --; the cooperation agreement of the buurt's collective with an
 * organisation, for up to two of its running initiatives; and the gemeente's external decisions
 * about initiatives. */
#include <stdio.h>

#include "core/clock.h"

#include "model/demo_scale_gen.h"

enum { QUARTER = 91 * DS_DAY };

/* Half the time an initiative of the buurt that was running at t (its
 * id), else 0. */
static int64_t running_at(struct ds_ctx *c, int64_t t)
{
    if (c->n_running == 0 || ds_chance(&c->rng, 50))
        return 0;
    const struct ds_resident *r = &c->running[ds_below(&c->rng, c->n_running)];
    return r->since <= t ? r->id : 0;
}

static enum err movement(struct ds_ctx *c, int64_t pledge, const char *kind, int64_t t,
                         int64_t initiative, int64_t person, const char *capacity,
                         const char *debit, const char *credit, int64_t amount, struct fault *f)
{
    char day[11];
    clock_date(t, day);
    int64_t id = 0;
    bool delivery = kind[0] == 'd';
    enum err e = DS_EXEC(c, &id, f,
                         "INSERT INTO hours_movement (pledge_id, kind, on_date, initiative_id, "
                         "work_kind, person_id, capacity, created_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                         DS_I(pledge), DS_T(kind), DS_T(day), initiative ? DS_I(initiative) : DS_N,
                         DS_T(delivery ? "coaching" : NULL), person ? DS_I(person) : DS_N,
                         DS_T(capacity), DS_I(t));
    for (int side = 0; e == ERR_OK && side < 2; side++)
        e = DS_EXEC(c, NULL, f,
                    "INSERT INTO hours_entry (movement_id, account, amount_tenths) "
                    "VALUES (?, ?, ?)",
                    DS_I(id), DS_T(side ? credit : debit), DS_I(side ? amount : -amount));
    c->res->hour_movements += e == ERR_OK;
    return e;
}

/* When a declining buurt's organisation withdraws: early in its decline. */
static int64_t withdrawal_time(struct ds_ctx *c)
{
    if (!c->b->declining)
        return 0;
    struct ds_rng r = ds_stream(c->seed, (uint64_t)c->b->index, 4);
    return c->now - DS_DECLINE + ds_between(&r, 30, 180) * DS_DAY;
}

/* The quarterly deliveries of a pledge from..to (stopping at gone when it
 * is withdrawn); returns what was delivered in *done. */
static enum err deliveries(struct ds_ctx *c, int64_t pledge, int o, int64_t from, int64_t total,
                           int64_t gone, int64_t *done, struct fault *f)
{
    char capacity[32];
    snprintf(capacity, sizeof capacity, "professional:%lld", (long long)c->gm->orgs[o]);
    enum err e = ERR_OK;
    *done = 0;
    for (int q = 0; e == ERR_OK && q < 4; q++) {
        int64_t t = from + q * QUARTER + 45 * DS_DAY;
        if (t >= c->now || (gone && t >= gone))
            break;
        int64_t h = total / 4 * ds_between(&c->rng, 70, 110) / 100;
        h = h > 0 ? h : 1;
        e = movement(c, pledge, "delivery", t, running_at(c, t),
                     c->gm->pros[o][ds_below(&c->rng, DS_PROS)], capacity, "pledge", "delivered", h,
                     f);
        *done += h;
    }
    return e;
}

static enum err year_pledge(struct ds_ctx *c, int y, int64_t gone, struct fault *f)
{
    int o = (int)((c->b->index + y) % DS_ORGS);
    int64_t from = c->start + y * DS_YEAR, total = ds_between(&c->rng, 200, 2000), id = 0;
    char starts[11], ends[11];
    clock_date(from, starts);
    clock_date(from + DS_YEAR - DS_DAY, ends);
    bool withdrawn = gone && gone >= from && gone < from + DS_YEAR;
    enum err e = DS_EXEC(c, &id, f,
                         "INSERT INTO hour_pledge (organisation_id, area_code, hours_tenths, "
                         "starts_on, ends_on, status, created_at, withdrawn_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                         DS_I(c->gm->orgs[o]), DS_T(c->b->code), DS_I(total), DS_T(starts),
                         DS_T(ends), DS_T(withdrawn ? "withdrawn" : "active"),
                         DS_I(from - 10 * DS_DAY), withdrawn ? DS_I(gone) : DS_N);
    c->res->hour_pledges += e == ERR_OK;
    if (e == ERR_OK)
        e = movement(c, id, "pledge", from, 0, 0, NULL, "organisation", "pledge", total, f);
    int64_t done = 0;
    if (e == ERR_OK)
        e = deliveries(c, id, o, from, total, withdrawn ? gone : 0, &done, f);
    if (e == ERR_OK && withdrawn && total > done)
        e = movement(c, id, "withdrawal", gone, 0, 0, NULL, "pledge", "organisation", total - done,
                     f);
    return e;
}

enum err ds_hours(struct ds_ctx *c, struct fault *f)
{
    if (c->b->tiny)
        return ERR_OK;
    int64_t gone = withdrawal_time(c);
    enum err e = ERR_OK;
    for (int y = 0; e == ERR_OK && y < DS_YEARS; y++) {
        int64_t from = c->start + y * DS_YEAR;
        if (gone && from > gone)
            break;
        bool pledges = c->b->hot || y % 2 == c->b->index % 2 || (gone && from + DS_YEAR > gone);
        if (pledges)
            e = year_pledge(c, y, gone, f);
    }
    return e;
}

static enum err party(struct ds_ctx *c, int64_t agreement, int position, bool collective,
                      int64_t id, int64_t *party, struct fault *f)
{
    char key[40];
    snprintf(key, sizeof key, "%s:%lld", collective ? "collective" : "organisation", (long long)id);
    return DS_EXEC(c, party, f,
                   "INSERT INTO agreement_party (agreement_id, position, kind, collective_id, "
                   "organisation_id, party_key) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                   DS_I(agreement), DS_I(position),
                   DS_T(collective ? "collective" : "organisation"), collective ? DS_I(id) : DS_N,
                   collective ? DS_N : DS_I(id), DS_T(key));
}

static enum err sign(struct ds_ctx *c, int64_t version, int64_t party, int64_t person,
                     const char *capacity, int64_t t, struct fault *f)
{
    return DS_EXEC(c, NULL, f,
                   "INSERT INTO agreement_signature (version_id, party_id, person_id, capacity, "
                   "signed_at) VALUES (?, ?, ?, ?, ?)",
                   DS_I(version), DS_I(party), DS_I(person), DS_T(capacity), DS_I(t));
}

/* The version with the organisation's hours and both signatures. */
static enum err version(struct ds_ctx *c, int64_t agreement, const int64_t party[2], int o,
                        int64_t t, struct fault *f)
{
    char from[11], to[11], capacity[40];
    clock_date(t, from);
    clock_date(t + 2 * DS_YEAR, to);
    int64_t id = 0, chair = c->members[0].id;
    enum err e = DS_EXEC(c, &id, f,
                         "INSERT INTO agreement_version (agreement_id, version, title, purpose, "
                         "term_from, term_to, created_by, created_capacity, created_at) "
                         "VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                         DS_I(agreement), DS_T("Samenwerking in de buurt"),
                         DS_T("Samen de buurt versterken."), DS_T(from), DS_T(to), DS_I(chair),
                         DS_T(c->capacity), DS_I(t));
    if (e == ERR_OK)
        e = DS_EXEC(c, NULL, f,
                    "INSERT INTO agreement_commitment (version_id, party_id, position, kind, "
                    "amount, text) VALUES (?, ?, 1, 'hours', ?, 'Uren voor de buurt')",
                    DS_I(id), DS_I(party[1]), DS_I(ds_between(&c->rng, 50, 400)));
    if (e == ERR_OK)
        e = sign(c, id, party[0], chair, c->capacity, t + DS_DAY, f);
    snprintf(capacity, sizeof capacity, "organisation_admin:%lld", (long long)c->gm->orgs[o]);
    if (e == ERR_OK)
        e = sign(c, id, party[1], c->gm->pros[o][0], capacity, t + 5 * DS_DAY, f);
    return e;
}

enum err ds_agreement(struct ds_ctx *c, struct fault *f)
{
    if (!c->collective || !(c->b->hot || ds_chance(&c->rng, 30)))
        return ERR_OK;
    int64_t t = c->members[2].since + ds_between(&c->rng, 60, 730) * DS_DAY;
    if (t > c->now - 60 * DS_DAY)
        return ERR_OK;
    int o = c->b->index % DS_ORGS;
    int64_t id = 0, party_ids[2] = {0}, ends = t + 2 * DS_YEAR;
    bool ended = ends < c->now;
    enum err e = DS_EXEC(c, &id, f,
                         "INSERT INTO agreement (version, status, created_by, created_at, "
                         "updated_at, ended_at) VALUES (1, ?, ?, ?, ?, ?) RETURNING id",
                         DS_T(ended ? "ended" : "active"), DS_I(c->members[0].id), DS_I(t),
                         DS_I(ended ? ends : t + 5 * DS_DAY), ended ? DS_I(ends) : DS_N);
    if (e == ERR_OK)
        e = party(c, id, 1, true, c->collective, &party_ids[0], f);
    if (e == ERR_OK)
        e = party(c, id, 2, false, c->gm->orgs[o], &party_ids[1], f);
    if (e == ERR_OK)
        e = version(c, id, party_ids, o, t, f);
    for (int i = 0, linked = 0; e == ERR_OK && i < c->n_running && linked < 2; i++)
        if (c->running[i].since <= t) {
            e = DS_EXEC(c, NULL, f,
                        "INSERT INTO agreement_initiative (agreement_id, initiative_id) "
                        "VALUES (?, ?)",
                        DS_I(id), DS_I(c->running[i].id));
            linked++;
        }
    c->res->agreements += e == ERR_OK;
    return e;
}

enum err ds_external(struct ds_ctx *c, int64_t initiative, int64_t t, struct fault *f)
{
    if (t + DS_DAY >= c->now)
        return ERR_OK;
    char day[11], capacity[40];
    clock_date(t, day);
    snprintf(capacity, sizeof capacity, "municipality_admin:%s", c->gm->code);
    return DS_EXEC(c, NULL, f,
                   "INSERT INTO external_event (initiative_id, kind, decided_by_gemeente, "
                   "decided_on, body, recorded_by, capacity, recorded_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   DS_I(initiative),
                   DS_T(ds_chance(&c->rng, 70) ? "subsidy_granted" : "permit_granted"),
                   DS_T(c->gm->code), DS_T(day), DS_T("Besluit van de gemeente."),
                   DS_I(c->gm->admin), DS_T(capacity), DS_I(t + DS_DAY));
}
