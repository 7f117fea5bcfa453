/* Demo people (model/demo_people.h). The people, the collective and the
 * initiatives are tables of literals; the code walks them and asks the
 * model functions for each step, as the person who would take it, at a
 * clock that starts 180 days ago and moves on four days a step, so that the
 * pages show a plausible history (joined, started, moved on, pledged) in
 * the order it happened. What they do once they run (an activity, a
 * decision, an agreement, a zone, skills, a practice) is
 * demo_people_work.c's.
 *
 * The buurten: the Bloemenbuurt (BU99010202, where the collective and its
 * vegetable garden are), the Kanaalzone (BU99010404, the demo's vulnerable
 * buurt) and the Weidebuurt (BU99010301). Everything is found again by its
 * e-mail address, name or title, so a second run makes nothing. */
#include "model/demo_people.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/demo.h"
#include "model/demo_people_gen.h"
#include "model/initiative.h"
#include "model/organisation.h"
#include "model/person.h"
#include "model/pledge.h"
#include "model/post.h"
#include "model/residency.h"
#include "model/role.h"

#define WELZIJN "Stichting Welzijn Lindenhoven"

enum { START_DAYS_AGO = 180 };

static const struct demo_person people[NPEOPLE] = {
    [ANOUK] = {"anouk@example.nl", "Anouk de Vries",
               "resident of the Bloemenbuurt; chair of " DEMO_COLLECTIVE},
    [BRAM] = {"bram@example.nl", "Bram Jansen",
              "resident of the Bloemenbuurt; secretary of the collective"},
    [CHAIMA] = {"chaima@example.nl", "Chaima El Idrissi",
                "resident of the Bloemenbuurt; treasurer of the collective"},
    [DAAN] = {"daan@example.nl", "Daan Visser", "resident of the Bloemenbuurt; pledges hours"},
    [ESRA] = {"esra@example.nl", "Esra Yilmaz", "resident of the Kanaalzone; initiator"},
    [FREEK] = {"freek@example.nl", "Freek Bakker", "resident of the Kanaalzone; initiator"},
    [KARIM] = {"karim@example.nl", "Karim Ouali", "resident of the Kanaalzone; pledges hours"},
    [GERDA] = {"gerda@example.nl", "Gerda Mulder", "resident of the Weidebuurt; has an idea"},
    [HENK] = {"gemeente@example.nl", "Henk Smit",
              "municipality admin of Lindenhoven (" DEMO_GEMEENTE ")"},
    [ILSE] = {"organisatie@example.nl", "Ilse Kok", "organisation admin of " WELZIJN},
    [JEROEN] = {"buurtcoach@example.nl", "Jeroen de Boer",
                "professional (buurtcoordinator) at " WELZIJN "; adviser of the collective"},
};

/* The buurt each person is a verified resident of; NULL: none. */
static const char *const home[NPEOPLE] = {
    [ANOUK] = BLOEMEN, [BRAM] = BLOEMEN, [CHAIMA] = BLOEMEN, [DAAN] = BLOEMEN,
    [ESRA] = KANAAL,   [FREEK] = KANAAL, [KARIM] = KANAAL,   [GERDA] = WEIDE,
};

/* A pledge: who, hours in tenths (0: none) a "week" or "month", a skill
 * and a role (NULL: none). */
struct pledge_def {
    enum who who;
    int tenths;
    const char *period, *skill, *role;
};

enum { MAX_NEEDS = 3, MAX_PLEDGES = 3 };

/* An initiative and how far it gets. The owner starts it: by itself, or,
 * with collective true, on behalf of the demo collective as its chair. */
struct initiative_def {
    const char *title, *aim, *buurt;
    enum who owner;
    bool collective;
    int co_initiator; /* a second initiator (enum who), -1: none */
    int threshold_residents, threshold_hours;
    struct initiative_need needs[MAX_NEEDS];
    int n_needs;
    const char *phase;            /* where it ends up */
    const char *execution_reason; /* why it moves on to execution */
    struct pledge_def pledges[MAX_PLEDGES];
    int n_pledges;
};

enum which { JEU, GEVEL, MOESTUIN, OPRUIM, NINITIATIVES };

static const struct initiative_def initiatives[NINITIATIVES] = {
    [JEU] = {.title = "Jeu-de-boulesbaan bij de Weidevijver",
             .aim = "Een baan waar buren van alle leeftijden elkaar op zaterdagmiddag treffen.",
             .buurt = WEIDE,
             .owner = GERDA,
             .co_initiator = -1,
             .threshold_residents = 6,
             .threshold_hours = 20,
             .needs = {{"space", "Een vlak stuk gras bij de vijver", -1},
                       {"money", "Gravel, balken en twee bankjes (euro)", 1500}},
             .n_needs = 2,
             .phase = "idea"},
    [GEVEL] = {.title = "Geveltuinen in de Kanaalzone",
               .aim = "Groen langs de gevels van de Kanaalstraat: minder stenen, meer praatjes.",
               .buurt = KANAAL,
               .owner = ESRA,
               .co_initiator = -1,
               .threshold_residents = 8,
               .threshold_hours = 30,
               .needs = {{"skills", "Iemand die weet welke planten het hier goed doen", -1},
                         {"hours", "Handen bij het uitgraven van de tegels (uur per maand)", 30}},
               .n_needs = 2,
               .phase = "awareness",
               .pledges = {{FREEK, 20, "week", "tegels wippen", NULL}},
               .n_pledges = 1},
    [MOESTUIN] = {.title = "Moestuin achter de Bloemenschool",
                  .aim = "Een gezamenlijke moestuin op het braakliggende veld achter de school, "
                         "met de kinderen van de buurt.",
                  .buurt = BLOEMEN,
                  .owner = ANOUK,
                  .collective = true,
                  .co_initiator = -1,
                  .threshold_residents = 3,
                  .threshold_hours = 20,
                  .needs = {{"space", "Het veld achter de Bloemenschool", -1},
                            {"skills", "Moestuinieren", -1},
                            {"money", "Zaden, gereedschap en een schuurtje (euro)", 800}},
                  .n_needs = 3,
                  .phase = "execution",
                  .execution_reason =
                      "Drie buren doen mee en de school stelt het veld beschikbaar.",
                  .pledges = {{BRAM, 20, "week", NULL, NULL},
                              {CHAIMA, 60, "month", "moestuinieren", NULL},
                              {DAAN, 10, "week", NULL, "gereedschapsbeheer"}},
                  .n_pledges = 3},
    [OPRUIM] = {.title = "Opruimochtend Kanaalzone",
                .aim = "Elke eerste zaterdag van de maand ruimen we samen de kades op.",
                .buurt = KANAAL,
                .owner = FREEK,
                .co_initiator = ESRA,
                .threshold_residents = 2,
                .threshold_hours = 6,
                .needs = {{"hours", "Drie uur per maand per buur", 6}},
                .n_needs = 1,
                .phase = "anchored",
                .execution_reason = "Genoeg buren hebben zich gemeld.",
                .pledges = {{KARIM, 30, "month", NULL, "koffie en thee"}},
                .n_pledges = 1},
};

static const struct initiative_evaluation lesson = {
    .results = "Twaalf opruimochtenden met gemiddeld vijftien buren; de kades zijn schoner "
               "en mensen kennen elkaar bij naam.",
    .worked = "Een vaste dag, koffie na afloop, en grijpers en zakken die in de buurtkast "
              "klaarliggen.",
    .did_not_work = "Aanmelden via een lijst: mensen kwamen liever gewoon langs.",
    .conditions = "Iemand die de buurtkast beheert en een afspraak met de gemeente over het "
                  "ophalen van de zakken.",
};

const struct demo_person *demo_people(int *n)
{
    *n = NPEOPLE;
    return people;
}

static struct actor console(struct dp_ctx *c)
{
    return (struct actor){0, CAPACITY_CONSOLE, NULL, c->now};
}

struct actor dp_tick(struct dp_ctx *c, enum who w, const char *capacity)
{
    c->now += STEP_DAYS * DAY;
    return (struct actor){c->id[w], capacity, NULL, c->now};
}

/* Finds or makes the account of person w. */
static enum err put_account(struct dp_ctx *c, enum who w, struct fault *f)
{
    struct capacity_person p;
    enum err e = capacity_person_find(c->db, c->a, people[w].email, &p, f);
    if (e == ERR_OK) {
        c->id[w] = p.id;
        c->res->people_there++;
        return ERR_OK;
    }
    if (e != ERR_NOT_FOUND)
        return e;
    *f = (struct fault){0};
    struct person_signup in = {people[w].email, people[w].name, c->password, "nl", NULL, false};
    struct actor act = console(c);
    e = person_signup(c->db, c->a, &in, &act, &c->id[w], f);
    c->res->people_made += e == ERR_OK;
    return e;
}

/* Makes person w a verified resident of their buurt, unless they are. */
static enum err put_residency(struct dp_ctx *c, enum who w, struct fault *f)
{
    bool may = false;
    enum err e =
        capacity_may_act(c->db, c->id[w], arena_printf(c->a, "resident:%s", home[w]), &may, f);
    if (e != ERR_OK || may)
        return e;
    struct actor act = console(c);
    return residency_verify_console(c->db, c->id[w], home[w], &act, NULL, f);
}

/* Grants role over scope to person w at the console, unless they hold it. */
static enum err put_role(struct dp_ctx *c, enum who w, enum capacity role,
                         const struct role_scope *scope, struct fault *f)
{
    bool holds = false;
    enum err e = role_holds(c->db, c->id[w], role, scope, &holds, f);
    if (e != ERR_OK || holds)
        return e;
    struct actor act = console(c);
    return role_grant_console(c->db, c->id[w], role, scope, &act, NULL, f);
}

/* The professional requests a post at the welfare institution and its
 * admin confirms it, unless the professional holds one there. */
static enum err put_post(struct dp_ctx *c, struct fault *f)
{
    bool may = false;
    const char *cap = arena_printf(c->a, "professional:%lld", (long long)c->welzijn);
    enum err e = capacity_may_act(c->db, c->id[JEROEN], cap, &may, f);
    if (e != ERR_OK || may)
        return e;
    struct actor pro = dp_tick(c, JEROEN, NULL);
    int64_t post = 0;
    e = post_request(c->db, c->welzijn, "buurtcoordinator", &pro, &post, f);
    if (e != ERR_OK)
        return e;
    struct actor admin =
        dp_tick(c, ILSE, arena_printf(c->a, "organisation_admin:%lld", (long long)c->welzijn));
    return post_confirm(c->db, post, &admin, f);
}

static enum err put_people(struct dp_ctx *c, struct fault *f)
{
    enum err e = organisation_find(c->db, WELZIJN, &c->welzijn, f);
    if (e == ERR_OK && c->welzijn == 0)
        return fault_set(f, ERR_NOT_FOUND, "organisation", "There is no such organisation.", NULL);
    for (int w = 0; e == ERR_OK && w < NPEOPLE; w++)
        e = put_account(c, (enum who)w, f);
    for (int w = 0; e == ERR_OK && w < NPEOPLE; w++)
        if (home[w])
            e = put_residency(c, (enum who)w, f);
    struct role_scope gemeente = {0, DEMO_GEMEENTE}, organisation = {c->welzijn, NULL};
    if (e == ERR_OK)
        e = put_role(c, HENK, CAP_MUNI_ADMIN, &gemeente, f);
    if (e == ERR_OK)
        e = put_role(c, ILSE, CAP_ORG_ADMIN, &organisation, f);
    if (e == ERR_OK)
        e = put_post(c, f);
    return e;
}

/* The id of the collective called DEMO_COLLECTIVE in the Bloemenbuurt
 * into c->collective, 0 when there is none. */
static enum err find_collective(struct dp_ctx *c, struct fault *f)
{
    struct collective *items;
    int n = 0;
    enum err e = collective_list(c->db, c->a, BLOEMEN, &items, &n, f);
    c->collective = 0;
    for (int i = 0; e == ERR_OK && i < n; i++)
        if (strcmp(items[i].name, DEMO_COLLECTIVE) == 0)
            c->collective = items[i].id;
    return e;
}

/* Anouk founds the collective with Bram and Chaima, who join; the board
 * admits the professional as an adviser. */
static enum err put_collective(struct dp_ctx *c, struct fault *f)
{
    enum err e = find_collective(c, f);
    if (e != ERR_OK || c->collective != 0)
        return e;
    struct collective in = {
        .name = DEMO_COLLECTIVE,
        .kind = "community",
        .area_code = BLOEMEN,
        .voting_rule = "majority",
        .statutes = "Artikel 1. Het collectief zet zich in voor een groene, levendige "
                    "Bloemenbuurt.\nArtikel 2. Besluiten worden genomen bij meerderheid "
                    "van stemmen van de leden.",
    };
    const int64_t cofounders[2] = {c->id[BRAM], c->id[CHAIMA]};
    struct actor founder = dp_tick(c, ANOUK, "resident");
    e = collective_found(c->db, &in, cofounders, &founder, &c->collective, f);
    for (int w = BRAM; e == ERR_OK && w <= CHAIMA; w++) {
        struct actor act = dp_tick(c, (enum who)w, "resident");
        e = collective_join(c->db, c->collective, &act, f);
    }
    if (e == ERR_OK) {
        struct actor chair = dp_tick(c, ANOUK, "resident");
        e = collective_admit_adviser(c->db, c->collective, c->id[JEROEN], &chair, f);
    }
    c->res->collectives += e == ERR_OK;
    return e;
}

/* The id of the initiative titled d->title in d->buurt into *id, 0 when
 * there is none. */
static enum err initiative_of(struct dp_ctx *c, const struct initiative_def *d, int64_t *id,
                              struct fault *f)
{
    struct initiative *items;
    int n = 0;
    enum err e = initiative_list(c->db, c->a, d->buurt, NULL, &items, &n, f);
    *id = 0;
    for (int i = 0; e == ERR_OK && i < n; i++)
        if (strcmp(items[i].title, d->title) == 0)
            *id = items[i].id;
    return e;
}

static enum err move(struct dp_ctx *c, const struct initiative_def *d, int64_t id, const char *to,
                     const char *reason, struct fault *f)
{
    struct actor act = dp_tick(c, d->owner, "resident");
    return initiative_change_phase(c->db, id, to, reason, &act, f);
}

static enum err pledge_all(struct dp_ctx *c, const struct initiative_def *d, int64_t id,
                           struct fault *f)
{
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < d->n_pledges; i++) {
        const struct pledge_def *p = &d->pledges[i];
        struct pledge_input in = {p->tenths, NULL, p->period, p->skill, p->role};
        struct actor act = dp_tick(c, p->who, "resident");
        e = pledge_make(c->db, id, &in, &act, NULL, NULL, f);
        c->res->pledges += e == ERR_OK;
    }
    return e;
}

/* Starts initiative d and adds its second initiator. */
static enum err start(struct dp_ctx *c, const struct initiative_def *d, int64_t *id,
                      struct fault *f)
{
    const char *areas[] = {d->buurt};
    struct initiative_scope s = {
        d->title,          d->aim, areas, 1, d->needs, d->n_needs, d->threshold_residents,
        d->threshold_hours};
    struct actor act = dp_tick(c, d->owner, "resident");
    enum err e = initiative_create(c->db, &s, d->collective ? c->collective : 0, &act, id, f);
    if (e == ERR_OK && d->co_initiator >= 0) {
        act = dp_tick(c, d->owner, "resident");
        e = initiative_add_initiator(c->db, *id, c->id[d->co_initiator], &act, f);
    }
    return e;
}

/* Execution, evaluation with its lesson, anchored. */
static enum err carry_on(struct dp_ctx *c, const struct initiative_def *d, int64_t id,
                         struct fault *f)
{
    enum err e = move(c, d, id, "execution", d->execution_reason, f);
    if (e != ERR_OK || strcmp(d->phase, "execution") == 0)
        return e;
    e = move(c, d, id, "evaluation", "Tijd om terug te kijken op wat we deden.", f);
    if (e == ERR_OK) {
        struct actor act = dp_tick(c, d->owner, "resident");
        e = initiative_evaluate(c->db, id, &lesson, &act, f);
    }
    if (e == ERR_OK)
        e = move(c, d, id, "anchored", "Het loopt vanzelf; de buurt houdt het vol.", f);
    return e;
}

/* Makes initiative d, unless it is there, and carries it to its phase. */
static enum err put_initiative(struct dp_ctx *c, const struct initiative_def *d, struct fault *f)
{
    int64_t id = 0;
    enum err e = initiative_of(c, d, &id, f);
    if (e != ERR_OK || id != 0)
        return e;
    e = start(c, d, &id, f);
    c->res->initiatives += e == ERR_OK;
    if (e != ERR_OK || strcmp(d->phase, "idea") == 0)
        return e;
    e = move(c, d, id, "awareness", "We zoeken buren die meedoen.", f);
    if (e == ERR_OK)
        e = pledge_all(c, d, id, f);
    if (e != ERR_OK || strcmp(d->phase, "awareness") == 0)
        return e;
    return carry_on(c, d, id, f);
}

static enum err put_all(struct dp_ctx *c, struct fault *f)
{
    enum err e = put_people(c, f);
    if (e == ERR_OK)
        e = put_collective(c, f);
    for (int i = 0; e == ERR_OK && i < NINITIATIVES; i++)
        e = put_initiative(c, &initiatives[i], f);
    struct dp_initiatives ids = {0};
    if (e == ERR_OK)
        e = initiative_of(c, &initiatives[MOESTUIN], &ids.garden, f);
    if (e == ERR_OK)
        e = initiative_of(c, &initiatives[GEVEL], &ids.facades, f);
    if (e == ERR_OK)
        e = initiative_of(c, &initiatives[OPRUIM], &ids.cleanup, f);
    if (e == ERR_OK)
        e = dp_work(c, &ids, f);
    return e;
}

enum err demo_people_create(struct db *db, struct arena *a, const char *password,
                            struct demo_people_result *res, struct fault *f)
{
    struct demo_people_result local;
    if (!res)
        res = &local;
    *res = (struct demo_people_result){0};
    struct dp_ctx c = {.db = db, .a = a, .password = password, .res = res};
    c.run = clock_now();
    c.now = c.run - (int64_t)START_DAYS_AGO * DAY;
    enum err e = db_begin(db, f);
    if (e == ERR_OK) {
        e = put_all(&c, f);
        if (e == ERR_OK)
            e = db_commit(db, f);
        else
            db_rollback(db);
    }
    if (e != ERR_OK)
        *res = (struct demo_people_result){0};
    return e;
}
