/* The synthetic history's initiatives (see demo_scale.h): each one
 * started by a resident of the buurt (or by its collective), taken
 * through its phases in time order as far as the present allows, with the
 * pledges of its awareness phase, the activities and sign-ups, a decision,
 * a skill need matched to a resident and the professionals' offers of its
 * execution, and an evaluation at the end; and the decisions of the buurt's collective. In a
 * declining buurt a phase due in the last 18 months is mostly not reached, so that its initiatives
 * stand idle, and professionals offer more. */
#include <stdio.h>
#include <string.h>

#include "model/demo_scale_gen.h"
#include "model/skill.h"

enum { PLEDGERS_MAX = 12, VOTERS_MAX = 64 };

/* One initiative while it is being made. */
struct init {
    int64_t id, owner; /* owner: the initiator (or board member) who acts */
    bool collective;
    int64_t at[4]; /* when it entered awareness, execution, evaluation, its end; 0: not */
    const char *phase;
    struct ds_resident pledgers[PLEDGERS_MAX];
    int n_pledgers;
};

enum { AT_AWARENESS, AT_EXECUTION, AT_EVALUATION, AT_END };

static const char *const subjects[] = {"moestuin",     "speeltuin", "repair cafe", "buurtkeuken",
                                       "zonnepanelen", "jeugdclub", "wandelgroep", "geveltuinen",
                                       "taalcafe",     "buurtbus",  "klusdag",     "boekenruil"};
enum { SUBJECTS = sizeof subjects / sizeof subjects[0] };

/* Whether a step due at t happens: before now, and in a declining buurt's
 * decline only now and then. */
static bool happens(struct ds_ctx *c, int64_t t)
{
    if (t >= c->now - DS_DAY)
        return false;
    return !(c->b->declining && t > c->now - DS_DECLINE) || ds_chance(&c->rng, 30);
}

/* The phases it goes through: the times of each step it reached. */
static void plan_phases(struct ds_ctx *c, struct init *in, int64_t t0)
{
    static const char *const names[] = {"awareness", "execution", "evaluation"};
    in->phase = "idea";
    int64_t t = t0;
    static const int64_t lo[] = {7, 30, 120}, hi[] = {60, 200, 600}, go[] = {90, 65, 60};
    for (int k = AT_AWARENESS; k <= AT_EVALUATION; k++) {
        t += ds_between(&c->rng, lo[k], hi[k]) * DS_DAY;
        if (!ds_chance(&c->rng, (int)go[k])) {
            if (k > AT_AWARENESS && ds_chance(&c->rng, 40) && happens(c, t)) {
                in->at[AT_END] = t;
                in->phase = "stopped";
            }
            return;
        }
        if (!happens(c, t))
            return;
        in->at[k] = t;
        in->phase = names[k];
    }
    t += ds_between(&c->rng, 30, 120) * DS_DAY;
    if (happens(c, t)) {
        in->at[AT_END] = t;
        in->phase = ds_chance(&c->rng, 70) ? "anchored" : "stopped";
    }
}

static enum err phase_change(struct ds_ctx *c, const struct init *in, const char *from,
                             const char *to, int64_t at, struct fault *f)
{
    return DS_EXEC(c, NULL, f,
                   "INSERT INTO initiative_phase_change (initiative_id, from_phase, to_phase, "
                   "person_id, capacity, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   DS_I(in->id), DS_T(from), DS_T(to), DS_I(in->owner), DS_T(c->capacity),
                   DS_T(strcmp(to, "stopped") == 0 ? "Te weinig mensen om het te dragen."
                                                   : "Klaar voor de volgende stap."),
                   DS_I(at));
}

static enum err phase_changes(struct ds_ctx *c, const struct init *in, struct fault *f)
{
    static const char *const seq[] = {"idea", "awareness", "execution", "evaluation"};
    const char *from = "idea";
    enum err e = ERR_OK;
    for (int k = AT_AWARENESS; e == ERR_OK && k <= AT_EVALUATION && in->at[k]; k++) {
        e = phase_change(c, in, seq[k], seq[k + 1], in->at[k], f);
        from = seq[k + 1];
    }
    if (e == ERR_OK && in->at[AT_END])
        e = phase_change(c, in, from, in->phase, in->at[AT_END], f);
    return e;
}

/* The initiative row, its buurt and its initiators (none when its
 * collective owns it). */
static enum err create(struct ds_ctx *c, struct init *in, int64_t t0, struct fault *f)
{
    char title[80], aim[160];
    const char *subject = subjects[ds_below(&c->rng, SUBJECTS)];
    snprintf(title, sizeof title, "De %s van %s", subject, c->b->code);
    snprintf(aim, sizeof aim, "Een %s voor en door de buren", subject);
    int64_t last = t0;
    for (int k = 0; k < 4; k++)
        last = in->at[k] > last ? in->at[k] : last;
    enum err e = DS_EXEC(c, &in->id, f,
                         "INSERT INTO initiative (title, aim, collective_id, phase, "
                         "threshold_residents, threshold_hours, created_by, created_at, "
                         "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                         DS_T(title), DS_T(aim), in->collective ? DS_I(c->collective) : DS_N,
                         DS_T(in->phase), DS_I(ds_between(&c->rng, 3, 10)),
                         DS_I(ds_between(&c->rng, 10, 60)), DS_I(in->owner), DS_I(t0), DS_I(last));
    if (e == ERR_OK)
        e = DS_EXEC(c, NULL, f,
                    "INSERT INTO initiative_area (initiative_id, buurt_code) VALUES (?, ?)",
                    DS_I(in->id), DS_T(c->b->code));
    if (e == ERR_OK && !in->collective)
        e = DS_EXEC(c, NULL, f,
                    "INSERT INTO initiative_initiator (initiative_id, person_id, since_at) "
                    "VALUES (?, ?, ?)",
                    DS_I(in->id), DS_I(in->owner), DS_I(t0));
    c->res->initiatives += e == ERR_OK;
    return e == ERR_OK ? phase_changes(c, in, f) : e;
}

/* The pledges of its awareness phase, most in its first two months, some
 * withdrawn later. */
static enum err pledges(struct ds_ctx *c, struct init *in, struct fault *f)
{
    int64_t from = in->at[AT_AWARENESS], to = in->at[AT_EXECUTION] ? in->at[AT_EXECUTION] : c->now;
    int want = c->b->hot ? (int)ds_between(&c->rng, 4, 10) : (int)ds_between(&c->rng, 1, 6);
    in->n_pledgers = ds_residents_at(c, to - 2 * DS_DAY, in->owner, in->pledgers,
                                     want < PLEDGERS_MAX ? want : PLEDGERS_MAX);
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < in->n_pledgers; i++) {
        int64_t since = in->pledgers[i].since + DS_DAY, lo = since > from ? since : from;
        int64_t hi = lo + 60 * DS_DAY < to - DS_DAY ? lo + 60 * DS_DAY : to - DS_DAY;
        int64_t at = ds_between(&c->rng, lo, hi);
        bool hours = ds_chance(&c->rng, 75);
        int64_t gone = ds_chance(&c->rng, 15) ? ds_between(&c->rng, at + DS_DAY, c->now) : 0;
        e = DS_EXEC(c, NULL, f,
                    "INSERT INTO pledge (initiative_id, person_id, hours_tenths, period, skill, "
                    "status, created_at, updated_at, withdrawn_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    DS_I(in->id), DS_I(in->pledgers[i].id),
                    hours ? DS_I(ds_between(&c->rng, 5, 80)) : DS_N,
                    DS_T(hours ? (ds_chance(&c->rng, 50) ? "week" : "month") : NULL),
                    DS_T(hours ? NULL : "carpentry"), DS_T(gone ? "withdrawn" : "active"), DS_I(at),
                    DS_I(gone ? gone : at), gone ? DS_I(gone) : DS_N);
        c->res->pledges += e == ERR_OK;
    }
    return e;
}

/* One activity of its execution with its sign-ups, all confirmed. */
static enum err activity(struct ds_ctx *c, const struct init *in, int64_t t, struct fault *f)
{
    int64_t starts = t - t % DS_DAY + 17 * 3600;
    int capacity = (int)ds_between(&c->rng, 10, 40);
    struct ds_resident who[VOTERS_MAX];
    int n = ds_residents_at(c, starts - 14 * DS_DAY, 0, who,
                            (int)ds_between(&c->rng, 2, capacity < 30 ? capacity : 30));
    int64_t id = 0;
    enum err e =
        DS_EXEC(c, &id, f,
                "INSERT INTO activity (initiative_id, buurt_code, title, description, "
                "starts_at, ends_at, address, capacity, taken, status, created_by, "
                "created_at, updated_at) VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, "
                "'scheduled', ?, ?, ?) RETURNING id",
                DS_I(in->id), DS_T(c->b->code), DS_T("Buurtbijeenkomst"), DS_I(starts),
                DS_I(starts + 2 * 3600), DS_T("Buurthuis, Dorpsstraat 1"), DS_I(capacity), DS_I(n),
                DS_I(in->owner), DS_I(starts - 21 * DS_DAY), DS_I(starts - 21 * DS_DAY));
    c->res->activities += e == ERR_OK;
    for (int i = 0; e == ERR_OK && i < n; i++) {
        int64_t at = starts - ds_between(&c->rng, DS_DAY, 14 * DS_DAY);
        e = DS_EXEC(c, NULL, f,
                    "INSERT INTO activity_signup (activity_id, person_id, status, created_at, "
                    "updated_at) VALUES (?, ?, 'confirmed', ?, ?)",
                    DS_I(id), DS_I(who[i].id), DS_I(at), DS_I(at));
        c->res->signups += e == ERR_OK;
    }
    return e;
}

static const char *const offer_kinds[] = {"coaching", "connection", "hours", "room"};

/* A professional's offer at t, answered by the initiative when it was
 * made more than a month ago. */
static enum err offer(struct ds_ctx *c, const struct init *in, int64_t t, struct fault *f)
{
    int o = ds_below(&c->rng, DS_ORGS), p = ds_below(&c->rng, DS_PROS);
    const char *kind = offer_kinds[ds_below(&c->rng, 4)];
    char capacity[32];
    snprintf(capacity, sizeof capacity, "professional:%lld", (long long)c->gm->orgs[o]);
    bool answered = t < c->now - 30 * DS_DAY;
    bool accepted = ds_chance(&c->rng, 70);
    int64_t at = t + ds_between(&c->rng, DS_DAY, 20 * DS_DAY);
    enum err e = DS_EXEC(
        c, NULL, f,
        "INSERT INTO offer (initiative_id, person_id, organisation_id, capacity, kind, body, "
        "hours, connect_organisation_id, status, created_at, answered_by, answered_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        DS_I(in->id), DS_I(c->gm->pros[o][p]), DS_I(c->gm->orgs[o]), DS_T(capacity), DS_T(kind),
        DS_T("Wij helpen graag."),
        strcmp(kind, "hours") == 0 ? DS_I(ds_between(&c->rng, 4, 40)) : DS_N,
        strcmp(kind, "connection") == 0 ? DS_I(c->gm->orgs[(o + 1) % DS_ORGS]) : DS_N,
        DS_T(answered ? (accepted ? "accepted" : "declined") : "offered"), DS_I(t),
        answered ? DS_I(in->owner) : DS_N, answered ? DS_I(at) : DS_N);
    c->res->offers += e == ERR_OK;
    return e;
}

/* Offers: one or two in execution; in a declining buurt a few more in
 * its decline, whatever phase the initiative stands in. */
static enum err offers(struct ds_ctx *c, const struct init *in, int64_t t0, struct fault *f)
{
    enum err e = ERR_OK;
    int64_t te = in->at[AT_EXECUTION];
    for (int i = te ? ds_below(&c->rng, 3) : 0; e == ERR_OK && i > 0; i--)
        e = offer(c, in, ds_between(&c->rng, te, c->now - DS_DAY), f);
    int64_t from = t0 > c->now - DS_DECLINE ? t0 : c->now - DS_DECLINE;
    for (int i = c->b->declining ? (int)ds_between(&c->rng, 1, 4) : 0; e == ERR_OK && i > 0; i--)
        e = offer(c, in, ds_between(&c->rng, from, c->now - DS_DAY), f);
    return e;
}

/* A skill need matched to a resident who registered that skill, who
 * accepted the invitation. */
static enum err matched_need(struct ds_ctx *c, const struct init *in, int64_t t, struct fault *f)
{
    int k = 0, at = ds_below(&c->rng, c->n_people);
    while (k < c->n_people && (c->people[(at + k) % c->n_people].skill < 0 ||
                               c->people[(at + k) % c->n_people].since > t ||
                               c->people[(at + k) % c->n_people].id == in->owner))
        k++;
    if (k == c->n_people || t + 3 * DS_DAY >= c->now)
        return ERR_OK;
    const struct ds_resident *r = &c->people[(at + k) % c->n_people];
    int n_tax;
    int64_t need = 0;
    enum err e = DS_EXEC(c, &need, f,
                         "INSERT INTO match_need (initiative_id, skill_code, hours_month, note, "
                         "created_by, created_at) VALUES (?, ?, ?, '', ?, ?) RETURNING id",
                         DS_I(in->id), DS_T(skill_taxonomy(&n_tax)[r->skill].code),
                         DS_I(ds_between(&c->rng, 4, 16)), DS_I(in->owner), DS_I(t));
    if (e == ERR_OK)
        e = DS_EXEC(c, NULL, f,
                    "INSERT INTO match_invite (need_id, person_id, invited_by, invited_capacity, "
                    "message, status, created_at, answered_at) "
                    "VALUES (?, ?, ?, ?, 'Doe je mee?', 'accepted', ?, ?)",
                    DS_I(need), DS_I(r->id), DS_I(in->owner), DS_T(c->capacity), DS_I(t + DS_DAY),
                    DS_I(t + 3 * DS_DAY));
    return e;
}

static enum err execution(struct ds_ctx *c, struct init *in, struct fault *f)
{
    int64_t te = in->at[AT_EXECUTION];
    c->running[c->n_running++] = (struct ds_resident){in->id, te, -1};
    int64_t until = in->at[AT_EVALUATION] ? in->at[AT_EVALUATION] : c->now - DS_DAY;
    enum err e = ERR_OK;
    for (int i = (int)ds_between(&c->rng, 1, c->b->hot ? 4 : 2); e == ERR_OK && i > 0; i--) {
        int64_t t = ds_between(&c->rng, te, until);
        if (happens(c, t))
            e = activity(c, in, t, f);
    }
    if (e == ERR_OK && ds_chance(&c->rng, 50) && te + 44 * DS_DAY < c->now) {
        int64_t voters[PLEDGERS_MAX + 1];
        voters[0] = in->owner;
        for (int i = 0; i < in->n_pledgers; i++)
            voters[i + 1] = in->pledgers[i].id;
        e = ds_decision(c, 0, in->id, in->owner, te + 30 * DS_DAY, voters, in->n_pledgers + 1, f);
    }
    if (e == ERR_OK && ds_chance(&c->rng, 20))
        e = ds_external(c, in->id, te + 20 * DS_DAY, f);
    if (e == ERR_OK && ds_chance(&c->rng, 30))
        e = matched_need(c, in, te + ds_between(&c->rng, 1, 30) * DS_DAY, f);
    return e;
}

static enum err evaluation(struct ds_ctx *c, const struct init *in, struct fault *f)
{
    int64_t at = in->at[AT_EVALUATION] + 14 * DS_DAY;
    if (at >= c->now || !ds_chance(&c->rng, 70))
        return ERR_OK;
    return DS_EXEC(c, NULL, f,
                   "INSERT INTO initiative_evaluation (initiative_id, results, worked, "
                   "did_not_work, conditions, updated_by, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   DS_I(in->id), DS_T("Het liep goed."), DS_T("Een vaste dag in de week."),
                   DS_T("Te weinig jongeren bereikt."), DS_T("Een vaste trekker."), DS_I(in->owner),
                   DS_I(at));
}

static enum err initiative(struct ds_ctx *c, struct fault *f)
{
    struct init in = {0};
    int64_t t0 = ds_when(c);
    in.collective = c->collective && ds_chance(&c->rng, 20) && c->members[2].since <= t0;
    in.owner = in.collective ? c->members[ds_below(&c->rng, 3)].id : ds_resident_at(c, t0);
    plan_phases(c, &in, t0);
    enum err e = create(c, &in, t0, f);
    if (e == ERR_OK && in.at[AT_AWARENESS])
        e = pledges(c, &in, f);
    if (e == ERR_OK && in.at[AT_EXECUTION])
        e = execution(c, &in, f);
    if (e == ERR_OK)
        e = offers(c, &in, t0, f);
    if (e == ERR_OK && in.at[AT_EVALUATION])
        e = evaluation(c, &in, f);
    return e;
}

enum err ds_initiatives(struct ds_ctx *c, struct fault *f)
{
    int n = c->n_people / 3;
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < n; i++)
        e = initiative(c, f);
    return e;
}

static enum err vote(struct ds_ctx *c, int64_t decision, int64_t person, const char *choice,
                     int64_t at, struct fault *f)
{
    c->res->votes++;
    return DS_EXEC(c, NULL, f,
                   "INSERT INTO decision_vote (decision_id, person_id, version, choice, capacity, "
                   "created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?)",
                   DS_I(decision), DS_I(person), DS_T(choice), DS_T(c->capacity), DS_I(at),
                   DS_I(at));
}

/* The choices of up to n voters (-1: did not vote) and the count. */
static void choose(struct ds_ctx *c, int n, int *choice, int count[3])
{
    for (int i = 0; i < n; i++) {
        int r = ds_below(&c->rng, 100);
        choice[i] = r < 15 ? -1 : r < 75 ? 0 : r < 90 ? 1 : 2;
        if (choice[i] >= 0)
            count[choice[i]]++;
    }
}

enum err ds_decision(struct ds_ctx *c, int64_t collective, int64_t initiative, int64_t proposer,
                     int64_t t, const int64_t *voters, int n_voters, struct fault *f)
{
    static const char *const choices[] = {"for", "against", "abstain"};
    int64_t closes = t + 14 * DS_DAY, id = 0;
    bool closed = closes < c->now;
    int choice[VOTERS_MAX], count[3] = {0};
    n_voters = n_voters < VOTERS_MAX ? n_voters : VOTERS_MAX;
    choose(c, n_voters, choice, count);
    enum err e = DS_EXEC(
        c, &id, f,
        "INSERT INTO decision (collective_id, initiative_id, title, body, method, hide_results, "
        "proposed_by, created_at, updated_at, closes_at, status, closed_at, outcome, "
        "eligible_count, votes_count, for_count, against_count, abstain_count) "
        "VALUES (?, ?, ?, ?, 'majority', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        collective ? DS_I(collective) : DS_N, initiative ? DS_I(initiative) : DS_N,
        DS_T("Een voorstel"), DS_T("Zullen we het zo doen?"), DS_I(proposer), DS_I(t), DS_I(t),
        DS_I(closes), DS_T(closed ? "closed" : "open"), closed ? DS_I(closes) : DS_N,
        DS_T(closed ? (count[0] > count[1] ? "adopted" : "rejected") : NULL),
        closed ? DS_I(n_voters) : DS_N, closed ? DS_I(count[0] + count[1] + count[2]) : DS_N,
        closed ? DS_I(count[0]) : DS_N, closed ? DS_I(count[1]) : DS_N,
        closed ? DS_I(count[2]) : DS_N);
    if (e == ERR_OK)
        e = DS_EXEC(c, NULL, f,
                    "INSERT INTO decision_version (decision_id, version, title, body, "
                    "created_by, created_at) VALUES (?, 1, ?, ?, ?, ?)",
                    DS_I(id), DS_T("Een voorstel"), DS_T("Zullen we het zo doen?"), DS_I(proposer),
                    DS_I(t));
    c->res->decisions += e == ERR_OK;
    for (int i = 0; e == ERR_OK && i < n_voters; i++) {
        int64_t at = t + ds_between(&c->rng, 3600, 13 * DS_DAY);
        if (choice[i] >= 0 && at < c->now)
            e = vote(c, id, voters[i], choices[choice[i]], at, f);
    }
    return e;
}

/* A decision of the collective at t, voted on by up to max of the members
 * who had joined by then (in a declining buurt's decline: the few). */
static enum err collective_decision(struct ds_ctx *c, int64_t t, int max, struct fault *f)
{
    if (c->b->declining && t > c->now - DS_DECLINE)
        max = DS_FEW + 1;
    int64_t voters[VOTERS_MAX];
    int k = 0;
    for (int m = 0; m < c->n_members && k < max && k < VOTERS_MAX; m++)
        if (c->members[m].since <= t)
            voters[k++] = c->members[m].id;
    return ds_decision(c, c->collective, 0, c->members[ds_below(&c->rng, 3)].id, t, voters, k, f);
}

/* The collective's own decisions: a few a year (more in a hot buurt),
 * voted on by the members who had joined; in a declining buurt's decline
 * one every half year still, which only the board and a few others vote
 * on. */
enum err ds_collective_decisions(struct ds_ctx *c, struct fault *f)
{
    if (!c->collective)
        return ERR_OK;
    int n = (int)ds_between(&c->rng, DS_YEARS, c->b->hot ? 4 * DS_YEARS : 2 * DS_YEARS);
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < n; i++) {
        int64_t t = ds_when(c);
        if (t >= c->members[2].since + DS_DAY && t + DS_DAY < c->now)
            e = collective_decision(c, t, VOTERS_MAX, f);
    }
    for (int64_t t = c->now - DS_DECLINE + 20 * DS_DAY;
         e == ERR_OK && c->b->declining && t + 30 * DS_DAY < c->now; t += 182 * DS_DAY)
        e = collective_decision(c, t + ds_between(&c->rng, 0, 30) * DS_DAY, VOTERS_MAX, f);
    return e;
}
