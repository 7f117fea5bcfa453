/* The demo people's second half (model/demo_people_gen.h): what the
 * collective and the initiatives do once they run -- the garden's weekly
 * activity, a consent decision of the collective, an agreement with the
 * welfare institution, a rule-free zone, skills, a skill need with an
 * invitation, and the cleaning mornings' lesson in the practice library.
 * Its clock starts NEWER_DAYS_AGO before the run (or where the first
 * half left it, when that is later), so that it ends before the run while
 * the activity's occurrences and the decision's closing lie ahead of it.
 * Each object is found again by its title (the skills by their profile,
 * the practice by its initiative), and what follows it (a sign-up, a vote,
 * a signature, a grant, an invitation) is made only with it. */
#include "model/demo_people_gen.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "model/activity.h"
#include "model/agreement.h"
#include "model/decision.h"
#include "model/decision_vote.h"
#include "model/demo.h"
#include "model/demo_people.h"
#include "model/initiative.h"
#include "model/match.h"
#include "model/match_invite.h"
#include "model/practice.h"
#include "model/schedule.h"
#include "model/skill.h"
#include "model/zone.h"

enum { NEWER_DAYS_AGO = 70 };

#define TUINDAG "Tuindag in de moestuin"
#define KAS "Een kas bouwen in de moestuin"
#define AFSPRAAK "Samenwerking moestuin Bloemenbuurt"
#define ZONE "Groene stoepen in de Bloemenbuurt"
#define NEED_SKILL "greening"

static const struct activity_role_input garden_roles[] = {{"Gereedschap uitgeven", 2}};

/* The first Saturday after the run's (local) day, "YYYY-MM-DD". */
static const char *next_saturday(struct dp_ctx *c)
{
    int64_t day = 0;
    int minute = 0;
    schedule_local(c->run, &day, &minute);
    int ahead = (5 - schedule_weekday(day) + 7) % 7;
    char text[11];
    schedule_day_text(day + (ahead ? ahead : 7), text);
    return arena_strdup(c->a, text);
}

/* The garden's weekly gardening morning with a volunteer role; Daan, who
 * pledged hours, signs up. */
static enum err put_activity(struct dp_ctx *c, int64_t garden, struct fault *f)
{
    struct activity *items;
    int n = 0;
    enum err e = activity_list(c->db, c->a, ACTIVITY_OF_INITIATIVE, garden, NULL, 0, &items, &n, f);
    for (int i = 0; e == ERR_OK && i < n; i++)
        if (strcmp(items[i].title, TUINDAG) == 0)
            return ERR_OK;
    if (e != ERR_OK)
        return e;
    struct activity_input in = {
        .title = TUINDAG,
        .description = "Elke zaterdagochtend wieden, zaaien en oogsten we samen. Kinderen zijn "
                       "welkom; handschoenen en gereedschap liggen klaar.",
        .buurt = BLOEMEN,
        .date = next_saturday(c),
        .starts = "10:00",
        .ends = "12:30",
        .rrule = "FREQ=WEEKLY;BYDAY=SA",
        .address = "Veld achter de Bloemenschool",
        .capacity = 15,
        .roles = garden_roles,
        .n_roles = 1,
    };
    int64_t id = 0;
    struct actor chair = dp_tick(c, ANOUK, "resident");
    e = activity_create(c->db, garden, 0, &in, &chair, &id, f);
    if (e == ERR_OK) {
        struct actor act = dp_tick(c, DAAN, "resident");
        e = activity_sign_up(c->db, id, &act, NULL, NULL, f);
    }
    return e;
}

/* Bram proposes a consent decision in the collective, open until two weeks
 * after the run; Chaima consents. */
static enum err put_decision(struct dp_ctx *c, struct fault *f)
{
    struct decision *items;
    int n = 0;
    enum err e = decision_list(c->db, c->a, c->collective, 0, c->now, &items, &n, f);
    for (int i = 0; e == ERR_OK && i < n; i++)
        if (strcmp(items[i].title, KAS) == 0)
            return ERR_OK;
    if (e != ERR_OK)
        return e;
    struct decision_input in = {
        .collective_id = c->collective,
        .title = KAS,
        .body = "Met een kleine kas kunnen we in maart al zaaien. Een bouwpakket kost 350 euro; "
                "Daan en Bram zetten hem op een zaterdag in elkaar.",
        .method = "consent",
        .closes_at = c->run + 14 * DAY,
    };
    int64_t id = 0;
    struct actor member = dp_tick(c, BRAM, "resident");
    e = decision_propose(c->db, &in, &member, &id, f);
    if (e == ERR_OK) {
        struct decision_ballot consent = {"consent", NULL, 0};
        struct actor act = dp_tick(c, CHAIMA, "resident");
        e = decision_vote(c->db, id, &consent, &act, f);
    }
    return e;
}

static const struct agreement_commitment commitments[] = {
    {0, "hours", 20, "Onderhoud van de moestuin door de leden, per maand."},
    {1, "hours", 8, "Begeleiding door de buurtcoordinator, per maand."},
    {1, "money", 500, "Een bijdrage voor zaden en gereedschap."},
};

static const struct agreement_duty duties[] = {
    {0, "Onderhoud en veiligheid van de moestuin"},
    {1, "Verzekering van de vrijwilligers"},
};

/* The collective and the welfare institution agree on the garden; Anouk
 * drafts and signs for the collective, the institution's signature is
 * left open. */
static enum err put_agreement(struct dp_ctx *c, int64_t garden, struct fault *f)
{
    struct agreement_row *items;
    int n = 0;
    const char *key = arena_printf(c->a, "%lld", (long long)c->collective);
    enum err e = agreement_list(c->db, c->a, "collective", key, agreement_today(c->a, c->run),
                                &items, &n, f);
    for (int i = 0; e == ERR_OK && i < n; i++)
        if (strcmp(items[i].title, AFSPRAAK) == 0)
            return ERR_OK;
    if (e != ERR_OK)
        return e;
    const struct agreement_party parties[] = {
        {.kind = "collective", .collective_id = c->collective},
        {.kind = "organisation", .organisation_id = c->welzijn},
    };
    struct actor chair = dp_tick(c, ANOUK, "resident");
    struct agreement_text text = {
        .title = AFSPRAAK,
        .purpose = "De buren houden de moestuin achter de Bloemenschool bij; de stichting "
                   "begeleidt hen en draagt bij aan zaden en gereedschap.",
        .term_from = agreement_today(c->a, chair.now),
        .term_to = agreement_today(c->a, c->run + 365 * DAY),
        .commitments = commitments,
        .n_commitments = sizeof commitments / sizeof commitments[0],
        .duties = duties,
        .n_duties = sizeof duties / sizeof duties[0],
    };
    int64_t id = 0;
    e = agreement_draft(c->db, parties, 2, &garden, 1, &text, &chair, &id, f);
    if (e == ERR_OK) {
        struct actor act = dp_tick(c, ANOUK, "resident");
        e = agreement_sign(c->db, id, 1, 0, &act, NULL, f);
    }
    return e;
}

static const struct zone_rule zone_rules[] = {
    {"APV Lindenhoven art. 2:10 (voorwerpen op of aan de weg)", "Gemeentewet art. 149",
     "Plantenbakken en geveltuinen laten anderhalve meter stoep vrij."},
};

static const struct zone_duty zone_duties[] = {
    {"collective", "Onderhoud van de plantenbakken"},
    {"gemeente", "Ophalen van het groenafval"},
};

/* The collective's board asks for a rule-free zone in the Bloemenbuurt,
 * for the garden; the municipality admin grants it. */
static enum err put_zone(struct dp_ctx *c, int64_t garden, struct fault *f)
{
    struct zone *items;
    int n = 0;
    enum err e = zone_list(c->db, c->a, DEMO_GEMEENTE, c->collective, &items, &n, f);
    for (int i = 0; e == ERR_OK && i < n; i++)
        if (strcmp(items[i].title, ZONE) == 0)
            return ERR_OK;
    if (e != ERR_OK)
        return e;
    struct actor chair = dp_tick(c, ANOUK, "resident");
    struct zone_request in = {
        .collective_id = c->collective,
        .area_code = BLOEMEN,
        .title = ZONE,
        .reason = "Bewoners willen bakken met groente en kruiden op de stoep zetten, "
                  "zonder voor elke bak een vergunning.",
        .evaluation_plan = "Na een jaar tellen we de bakken en vragen we de buren en de "
                           "wijkagent wat het opleverde.",
        .valid_from = agreement_today(c->a, chair.now + STEP_DAYS * DAY),
        .valid_to = agreement_today(c->a, c->run + 365 * DAY),
        .rules = zone_rules,
        .n_rules = sizeof zone_rules / sizeof zone_rules[0],
        .initiatives = &garden,
        .n_initiatives = 1,
        .duties = zone_duties,
        .n_duties = sizeof zone_duties / sizeof zone_duties[0],
    };
    int64_t id = 0;
    e = zone_request(c->db, &in, &chair, &id, f);
    if (e == ERR_OK) {
        struct actor admin = dp_tick(c, HENK, "municipality_admin:" DEMO_GEMEENTE);
        e = zone_decide(c->db, id, true, "Collegebesluit Lindenhoven nr. 114", NULL, &admin, f);
    }
    return e;
}

enum { SKILLS_EACH = 2 };

/* A resident's skills and profile. */
struct skill_def {
    enum who who;
    int hours_month;
    const char *visibility, *about;
    struct skill_entry skills[SKILLS_EACH];
};

static const struct skill_def skill_defs[] = {
    {CHAIMA,
     12,
     "public",
     "Ik tuinier al twintig jaar en help beginners graag op weg.",
     {{"gardening", "expert", true}, {"treasurer", "capable", true}}},
    {DAAN,
     8,
     "wijk",
     "Handig met hout; ik repareer alles wat kapot is.",
     {{"carpentry", "capable", true}, {"repair", "expert", true}}},
    {KARIM,
     6,
     "wijk",
     "In mijn vorige straat legde ik geveltuinen aan.",
     {{"greening", "capable", true}, {"hosting", "expert", true}}},
    {BRAM,
     4,
     "public",
     "Ik schrijf de nieuwsbrief van het collectief.",
     {{"writing", "expert", true}, {"digital", "capable", false}}},
};

/* Registers the skills of d->who, unless they have a profile. */
static enum err put_skills(struct dp_ctx *c, const struct skill_def *d, struct fault *f)
{
    struct skill_profile p;
    enum err e = skill_profile_get(c->db, c->a, c->id[d->who], &p, f);
    if (e != ERR_OK || p.exists)
        return e;
    struct skill_entry *skills = arena_array(c->a, SKILLS_EACH, sizeof *skills);
    memcpy(skills, d->skills, sizeof d->skills);
    p = (struct skill_profile){.hours_month = d->hours_month,
                               .visibility = d->visibility,
                               .about = d->about,
                               .skills = skills,
                               .n_skills = SKILLS_EACH};
    struct actor act = dp_tick(c, d->who, "resident");
    return skill_save(c->db, &p, &act, f);
}

/* Esra asks for someone who greens streets for the facade gardens and
 * invites Karim, whom matching finds. */
static enum err put_need(struct dp_ctx *c, int64_t facades, struct fault *f)
{
    struct match_need *items;
    int n = 0;
    enum err e = match_needs(c->db, c->a, facades, &items, &n, f);
    for (int i = 0; e == ERR_OK && i < n; i++)
        if (strcmp(items[i].skill_code, NEED_SKILL) == 0)
            return ERR_OK;
    if (e != ERR_OK)
        return e;
    struct match_need_input in = {
        .skill_code = NEED_SKILL,
        .hours_month = 6,
        .note = "Iemand die helpt kiezen welke planten het langs de Kanaalstraat volhouden.",
    };
    int64_t need = 0;
    struct actor initiator = dp_tick(c, ESRA, "resident");
    e = match_need_add(c->db, facades, &in, &initiator, &need, f);
    if (e == ERR_OK) {
        initiator = dp_tick(c, ESRA, "resident");
        e = match_invite_send(c->db, need, c->id[KARIM],
                              "Karim, jij weet welke planten het hier goed doen. Doe je mee?",
                              &initiator, NULL, f);
    }
    return e;
}

static const char *const practice_themes_chosen[] = {"greenery", "meeting"};

/* Freek publishes the lesson of the cleaning mornings, when they have
 * one, and agrees to be asked about it. */
static enum err put_practice(struct dp_ctx *c, int64_t cleanup, struct fault *f)
{
    int64_t id = 0;
    enum err e = practice_of_initiative(c->db, cleanup, &id, f);
    if (e != ERR_OK || id != 0)
        return e;
    struct initiative_evaluation ev;
    e = initiative_evaluation_get(c->db, c->a, cleanup, &ev, f);
    if (e != ERR_OK || !ev.results)
        return e;
    struct practice_input in = {practice_themes_chosen, 2, true};
    struct actor initiator = dp_tick(c, FREEK, "resident");
    return practice_publish(c->db, cleanup, &in, &initiator, NULL, f);
}

enum err dp_work(struct dp_ctx *c, const struct dp_initiatives *in, struct fault *f)
{
    enum err e = ERR_OK;
    if (c->now < c->run - (int64_t)NEWER_DAYS_AGO * DAY)
        c->now = c->run - (int64_t)NEWER_DAYS_AGO * DAY;
    if (e == ERR_OK)
        e = put_activity(c, in->garden, f);
    if (e == ERR_OK)
        e = put_decision(c, f);
    if (e == ERR_OK)
        e = put_agreement(c, in->garden, f);
    if (e == ERR_OK)
        e = put_zone(c, in->garden, f);
    for (size_t i = 0; e == ERR_OK && i < sizeof skill_defs / sizeof skill_defs[0]; i++)
        e = put_skills(c, &skill_defs[i], f);
    if (e == ERR_OK)
        e = put_need(c, in->facades, f);
    if (e == ERR_OK)
        e = put_practice(c, in->cleanup, f);
    return e;
}
