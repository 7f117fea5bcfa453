/* The synthetic history's residents and collectives (see demo_scale.h):
 * each buurt's residents with a verified residency from the moment they
 * joined (a third of them already there five years ago), some with a
 * skill profile, most with the age group they chose to give, and -- when
 * the buurt has eight residents or more -- one collective of residents founded by three of them,
 * who form its board. */
#include <stdio.h>
#include <stdlib.h>

#include "core/mem.h"
#include "model/demo_scale_gen.h"
#include "model/skill.h"

static const char *const first_names[] = {"Anna",   "Bram",  "Chaima", "Daan",  "Eva",  "Fatma",
                                          "Gijs",   "Hanna", "Ilias",  "Joke",  "Kees", "Lotte",
                                          "Mehmet", "Noor",  "Otto",   "Priya", "Ruud", "Sanne"};
enum { FIRST_NAMES = sizeof first_names / sizeof first_names[0] };

/* How many residents take part: a few per thousand inhabitants, many more
 * in a hot buurt, fewer in a vulnerable one, more in a declining one (before
 * its decline). */
static int residents_wanted(struct ds_ctx *c)
{
    if (c->b->tiny)
        return 2 + ds_below(&c->rng, 3);
    int64_t per_mille = c->b->hot         ? ds_between(&c->rng, 30, 50)
                        : c->b->declining ? ds_between(&c->rng, 20, 30) /* its lively years */
                                          : ds_between(&c->rng, 4, 8);
    if (c->b->vulnerable && !c->b->hot && !c->b->declining)
        per_mille = per_mille * 7 / 10;
    int64_t n = c->b->inhabitants * per_mille / 1000;
    return n < 3 ? 3 : (int)n;
}

static int by_since(const void *x, const void *y)
{
    const struct ds_resident *a = x, *b = y;
    return (a->since > b->since) - (a->since < b->since);
}

static void grow(struct ds_ctx *c, int n)
{
    if (n <= c->cap_people)
        return;
    c->cap_people = n * 2;
    c->people = xrealloc(c->people, (size_t)c->cap_people * sizeof *c->people);
    c->members = xrealloc(c->members, (size_t)c->cap_people * sizeof *c->members);
    c->running = xrealloc(c->running, (size_t)c->cap_people * sizeof *c->running);
}

/* A skill profile with one or two skills of the taxonomy; *first the
 * first one's index. */
static enum err skills(struct ds_ctx *c, int64_t id, int64_t t, int *first_out, struct fault *f)
{
    enum err e = DS_EXEC(c, NULL, f,
                         "INSERT INTO skill_profile (person_id, hours_month, visibility, paused, "
                         "about, updated_at) VALUES (?, ?, 'public', 0, '', ?)",
                         DS_I(id), DS_I(ds_between(&c->rng, 2, 20)), DS_I(t));
    int n_tax;
    const struct skill *tax = skill_taxonomy(&n_tax);
    int first = ds_below(&c->rng, n_tax),
        second = (first + 1 + ds_below(&c->rng, n_tax - 1)) % n_tax;
    int n = ds_chance(&c->rng, 50) ? 2 : 1;
    *first_out = first;
    for (int k = 0; e == ERR_OK && k < n; k++)
        e = DS_EXEC(c, NULL, f,
                    "INSERT INTO person_skill (person_id, skill_code, level, willing) "
                    "VALUES (?, ?, ?, 1)",
                    DS_I(id), DS_T(tax[k == 0 ? first : second].code),
                    DS_T(skill_levels()[ds_below(&c->rng, 3)]));
    return e;
}

/* The age group a resident gives (I14): in a declining buurt mostly the
 * elderly take part. */
static const char *age_group(struct ds_ctx *c)
{
    static const char *const groups[] = {"15_25", "25_45", "45_65", "65_plus"};
    static const int normal[] = {15, 48, 80}, declining[] = {5, 25, 55};
    const int *cut = c->b->declining ? declining : normal;
    int r = ds_below(&c->rng, 100), g = 0;
    while (g < 3 && r >= cut[g])
        g++;
    return groups[g];
}

static enum err resident(struct ds_ctx *c, struct ds_resident *r, struct fault *f)
{
    char name[64];
    snprintf(name, sizeof name, "%s %c.", first_names[ds_below(&c->rng, FIRST_NAMES)],
             'A' + ds_below(&c->rng, 26));
    enum err e = ds_person(c, name, r->since - 2 * DS_DAY, &r->id, f);
    if (e == ERR_OK)
        e = DS_EXEC(c, NULL, f,
                    "INSERT INTO residency (person_id, buurt_code, status, method, verified_by, "
                    "verified_at, requested_at, start_at) VALUES (?, ?, 'verified', 'admin', ?, "
                    "?, ?, ?)",
                    DS_I(r->id), DS_T(c->b->code), DS_I(c->gm->admin), DS_I(r->since),
                    DS_I(r->since - 2 * DS_DAY), DS_I(r->since));
    if (e == ERR_OK && ds_chance(&c->rng, 30))
        e = skills(c, r->id, r->since, &r->skill, f);
    if (e == ERR_OK && ds_chance(&c->rng, 70))
        e = DS_EXEC(c, NULL, f,
                    "INSERT INTO person_age_group (person_id, age_group, updated_at) "
                    "VALUES (?, ?, ?)",
                    DS_I(r->id), DS_T(age_group(c)), DS_I(r->since));
    c->res->residents += e == ERR_OK;
    return e;
}

enum err ds_people(struct ds_ctx *c, struct fault *f)
{
    int n = residents_wanted(c), settled = n / 3 > 3 ? n / 3 : 3;
    grow(c, n);
    for (int i = 0; i < n; i++)
        c->people[i].skill = -1;
    for (int i = 0; i < n; i++)
        c->people[i].since = i < settled ? c->start - ds_between(&c->rng, 30 * DS_DAY, 3 * DS_YEAR)
                                         : ds_when(c) - DS_DAY;
    qsort(c->people, (size_t)n, sizeof *c->people, by_since);
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < n; i++)
        e = resident(c, &c->people[i], f);
    c->n_people = e == ERR_OK ? n : 0;
    return e;
}

static const char *const kinds[] = {"community", "informal_group", "trust", "cooperative",
                                    "bewonersbedrijf"};
static const char *const board[] = {"chair", "secretary", "treasurer"};

static enum err member(struct ds_ctx *c, int64_t person, const char *role, int64_t t,
                       struct fault *f)
{
    enum err e =
        DS_EXEC(c, NULL, f,
                "INSERT INTO collective_member (collective_id, person_id, role, "
                "board_role, status, capacity, created_at, joined_at) "
                "VALUES (?, ?, 'member', ?, 'joined', ?, ?, ?)",
                DS_I(c->collective), DS_I(person), DS_T(role), DS_T(c->capacity), DS_I(t), DS_I(t));
    if (e == ERR_OK)
        c->members[c->n_members++] = (struct ds_resident){person, t, -1};
    return e;
}

enum err ds_collective(struct ds_ctx *c, struct fault *f)
{
    if (c->n_people < 8)
        return ERR_OK;
    int64_t t = c->start + ds_between(&c->rng, 0, DS_YEAR);
    char name[64];
    snprintf(name, sizeof name, "Bewoners van %s", c->b->code);
    enum err e = DS_EXEC(c, &c->collective, f,
                         "INSERT INTO collective (name, kind, area_code, voting_rule, statutes, "
                         "status, founded_by, created_at, activated_at) "
                         "VALUES (?, ?, ?, 'majority', ?, 'active', ?, ?, ?) RETURNING id",
                         DS_T(name), DS_T(kinds[c->b->index % 5]), DS_T(c->b->code),
                         DS_T("Wij besluiten samen, met gewone meerderheid."),
                         DS_I(c->people[0].id), DS_I(t), DS_I(t + 7 * DS_DAY));
    for (int i = 0; e == ERR_OK && i < 3; i++)
        e = member(c, c->people[i].id, board[i], t + (i ? 7 * DS_DAY : 0), f);
    for (int i = 3; e == ERR_OK && i < c->n_people; i++) {
        if (!ds_chance(&c->rng, 40))
            continue;
        int64_t at = (c->people[i].since > t ? c->people[i].since : t) +
                     ds_between(&c->rng, DS_DAY, 60 * DS_DAY);
        if (at < c->now - DS_DAY)
            e = member(c, c->people[i].id, NULL, at, f);
    }
    c->res->collectives += e == ERR_OK;
    return e;
}
