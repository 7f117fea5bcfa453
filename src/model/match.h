/* Matching (issue 9): an initiative's skill needs -- a skill of the
 * taxonomy, hours a month, a period -- and, for one need, the people who
 * could meet it, ranked, each rank with its explanation.
 *
 * A candidate has registered the needed skill or a related one, is willing
 * to share it, has not paused being asked, holds a verified residency, and
 * may be seen by the one who looks: a public profile; a "wijk" profile by
 * verified residents of a wijk the candidate lives in; an "allowed" profile
 * by the initiators the candidate allowed. The visibility is part of the
 * query, so a person hidden from the viewer never reaches this module's
 * results. The query reads person_skill by skill code (its index), so its
 * cost follows the people with those skills, not everyone.
 *
 * The score adds skill fit (exact 60, related 30, plus 10 for an expert and
 * 5 for a capable level), proximity (same buurt 30, wijk 20, gemeente 10),
 * free hours (availability minus the hours a month of active pledges: 20
 * when they cover the need, else in proportion) and subtracts load (5 for
 * each invitation and pledge of the last MATCH_LOAD_DAYS days, at most 25),
 * so that the same few people are not asked for everything. Ties go to the
 * lower person id.
 *
 * The search reads the residents of the initiative's buurten with the
 * needed skill first, then everyone with it, then those with a related one,
 * each pass only when one of its candidates could still rank among the
 * first MATCH_LIMIT (match_score_max). */
#ifndef WIJK_MODEL_MATCH_H
#define WIJK_MODEL_MATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    MATCH_LOAD_DAYS = 30,  /* the window load counts in */
    MATCH_LIMIT = 20,      /* candidates one match gives at most */
    MATCH_NEEDS_MAX = 50,  /* open skill needs of one initiative */
    MATCH_NOTE_MAX = 500,  /* characters of a need's note */
    MATCH_REASONS_MAX = 5, /* parts of one explanation */
};

/* A skill need of an initiative. */
struct match_need {
    int64_t id;
    int64_t initiative_id;
    const char *skill_code;
    int hours_month;       /* 1..744 */
    const char *starts_on; /* YYYY-MM-DD or NULL */
    const char *ends_on;   /* YYYY-MM-DD or NULL */
    const char *note;      /* "" for none */
    int64_t task_id;       /* 0: none; else the task accepting means holding */
    int64_t created_by;
    int64_t created_at;
    int64_t closed_at; /* 0: open */
};

/* One part of an explanation, for the page to translate:
 *   MATCH_EXACT      "skill: %s"              skill = the code
 *   MATCH_RELATED    "related skill: %s"      skill = the candidate's code
 *   MATCH_BUURT / MATCH_WIJK / MATCH_GEMEENTE "same buurt" ...
 *   MATCH_HOURS      "%d of %d hours free"    a = free, b = needed
 *   MATCH_LOAD       "asked %d times lately"  a = the count */
enum match_reason_kind {
    MATCH_EXACT,
    MATCH_RELATED,
    MATCH_BUURT,
    MATCH_WIJK,
    MATCH_GEMEENTE,
    MATCH_HOURS,
    MATCH_LOAD,
};

struct match_reason {
    enum match_reason_kind kind;
    const char *skill; /* MATCH_EXACT, MATCH_RELATED */
    int a, b;
};

/* One ranked candidate. */
struct match_candidate {
    int64_t person_id;
    const char *display_name;
    const char *skill_code; /* the candidate's skill that fits */
    const char *level;
    int score;
    int free_hours;            /* availability minus pledged, >= 0 */
    int load;                  /* invitations and pledges lately */
    const char *invite_status; /* NULL: not invited for this need; "open", ... */
    struct match_reason reasons[MATCH_REASONS_MAX];
    int n_reasons;
};

/* The facts one candidate is scored on (match_score's input). */
struct match_facts {
    bool exact;
    const char *level;
    int proximity; /* 3 same buurt, 2 wijk, 1 gemeente, 0 farther */
    int hours_month;
    int pledged_month;
    int load;
};

/* The score and explanation of a candidate with these facts for a need of
 * need_hours hours a month (see the file comment); fills c->score,
 * c->free_hours, c->load, c->reasons, c->n_reasons (c->skill_code names
 * the skill for MATCH_EXACT / MATCH_RELATED). Pure. */
void match_score(const struct match_facts *facts, int need_hours, struct match_candidate *c);

/* The highest score a candidate can have with an exact fit (exact true)
 * or with a related skill only, living at most this near (proximity as in
 * struct match_facts: 3 same buurt ... 0 farther): an expert with all the
 * hours free and no load. Pure. */
int match_score_max(bool exact, int proximity);

/* What an initiator enters for a need. */
struct match_need_input {
    const char *skill_code;
    int hours_month;
    const char *starts_on; /* NULL or "": open */
    const char *ends_on;   /* NULL or "": open */
    const char *note;      /* NULL or "": none */
    int64_t task_id;       /* 0: none; else a task of the initiative */
};

/* Checks a need: a known skill (field "skill"), hours 1..744 (field
 * "hours_month"), dates YYYY-MM-DD that exist (fields "starts_on", "ends_on"),
 * ends_on not before starts_on (field "ends_on"), note at most
 * MATCH_NOTE_MAX characters (field "note"). Pure. */
enum err match_need_check(const struct match_need_input *in, struct fault *f);

/* The initiators add a skill need to initiative_id (policy
 * initiative.change_needs through initiative_authorise). Checked as
 * match_need_check; ERR_INVALID, field "task_id", "There is no such task in this
 * initiative." for a task_id of another initiative or none; ERR_CONFLICT for
 * an ended initiative or when it has MATCH_NEEDS_MAX open needs. Records "match.need" on the
 * initiative. *id may be NULL. */
enum err match_need_add(struct db *db, int64_t initiative_id, const struct match_need_input *in,
                        const struct actor *act, int64_t *id, struct fault *f);

/* Closes an open need (policy initiative.change_needs). ERR_NOT_FOUND for
 * an unknown need; ERR_CONFLICT when closed already. Records
 * "match.need_close". */
enum err match_need_close(struct db *db, int64_t need_id, const struct actor *act, struct fault *f);

/* Loads a need; ERR_NOT_FOUND, "There is no such need.", when none. */
enum err match_need_get(struct db *db, struct arena *a, int64_t id, struct match_need *out,
                        struct fault *f);

/* The open needs of an initiative, oldest first. Public (as its needs). */
enum err match_needs(struct db *db, struct arena *a, int64_t initiative_id,
                     struct match_need **items, int *n, struct fault *f);

/* The ranked candidates for need_id as act may see them (policy
 * match.view through initiative_authorise: its initiators, professionals;
 * else ERR_FORBIDDEN), best first, at most MATCH_LIMIT; act's own person
 * never among them. ERR_NOT_FOUND for an unknown need; ERR_CONFLICT for a
 * closed one. */
enum err match_find(struct db *db, struct arena *a, int64_t need_id, const struct actor *act,
                    struct match_candidate **items, int *n, struct fault *f);

/* Whether viewer_id may see person_id as a match (the rule above) and
 * person_id can be asked now (a profile, not paused, a verified
 * residency): *visible and *askable. */
enum err match_visible(struct db *db, int64_t person_id, int64_t viewer_id, bool *visible,
                       bool *askable, struct fault *f);

#endif
