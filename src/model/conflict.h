/* Conflict cases (DESIGN.md §3): a participant of an initiative or a
 * collective raises a case about a matter and names the other parties, who
 * are participants too. Participants are, for an initiative, its current
 * initiators and the residents with an active pledge to it; for a
 * collective, its joined members (advisers included). A case goes
 *
 *     raised -> conversation -> mediation -> agreement | closed
 *
 * where "closed" (without agreement) is reachable from every open step.
 * Every step is kept with a short record in the words of whoever took it.
 *
 * The mediator is chosen by the parties: each party names a person and the
 * capacity they are asked in, and the case has a mediator only while every
 * party names the same person in the same capacity. A resident is asked as
 * a resident (a verified residency); a professional (a confirmed post) only
 * when every party asks for that professional as a professional -- one
 * party cannot bring in a professional alone. Nobody mediates their own
 * case. Mediation starts once there is a mediator; the mediator drafts the
 * agreement, every party confirms the draft, and the case reaches
 * "agreement" only when all have confirmed the current draft (a new draft
 * needs every confirmation again).
 *
 * Confidentiality: a case exists only for its parties and its mediator,
 * acting as resident or professional (policy conflict.view: OWN is a party,
 * MEMBER the mediator). For anyone else -- admins of every kind, a
 * professional who is not the chosen mediator, a party signed in without a
 * capacity -- every function here answers ERR_NOT_FOUND, "There is no such
 * conflict case.", exactly as for a case that does not exist, before
 * anything else is checked, so that the answer leaks nothing. The audit
 * entries are restricted and name the step only, never the matter, a
 * record or the agreement text. The monitor sees counts per area only
 * (conflict_area_counts), never names.
 *
 * Parties and mediators are named by person id; the pages and the API turn
 * an e-mail address into one with collective_person_ref (model/collective.h),
 * so that naming someone does not tell whether they have an account.
 *
 * Every write takes the actor, asks the policy table after the visibility
 * check and before anything else, and moves the case row first with a
 * conditional UPDATE on the step it comes from, so that two writes on one
 * case run one after the other on both databases. Notifications:
 * "conflict_raised" to the named parties, "conflict_step" to the parties
 * and the mediator (never to the actor), linking to /conflicts/<id>. Times
 * come from act->now. */
#ifndef WIJK_MODEL_CONFLICT_H
#define WIJK_MODEL_CONFLICT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"
#include "policy/policy.h"

struct arena;
struct db;

enum {
    CONFLICT_MATTER_MAX = 2000,    /* characters of the matter */
    CONFLICT_RECORD_MAX = 1000,    /* characters of a step's record */
    CONFLICT_AGREEMENT_MAX = 4000, /* characters of an agreement draft */
    CONFLICT_PARTIES_MAX = 10,     /* other parties named at most */
    CONFLICT_LIST_MAX = 200,       /* cases a list gives at most */
    CONFLICT_COUNT_MIN = 5,        /* counts below this are not shown */
    CONFLICT_FEWER = -1,           /* a count below CONFLICT_COUNT_MIN */
};

/* What a participant raises: about initiative_id or collective_id (exactly
 * one non-zero), the matter, and the other parties by person id. */
struct conflict_input {
    int64_t initiative_id;
    int64_t collective_id;
    const char *matter;
    const int64_t *parties;
    int n_parties;
};

struct conflict_party {
    int64_t person_id;
    const char *name; /* display name (PERSON_ERASED_NAME once erased) */
    bool erased;
    int64_t choice_id;           /* the mediator this party asks for; 0: none yet */
    const char *choice_name;     /* NULL without a choice */
    const char *choice_capacity; /* "resident" / "professional"; NULL without */
    int confirmed_version;       /* the draft confirmed; 0: none */
};

struct conflict_step {
    int64_t id;
    const char *kind;   /* raised, conversation, mediation, agreement, closed,
                           mediator, draft, confirmed */
    const char *record; /* "" when none or erased with its author */
    int64_t person_id;
    const char *person_name;
    const char *capacity; /* as acted in; NULL: none */
    int64_t at;
};

struct conflict_case {
    int64_t id;
    int64_t initiative_id;   /* 0: about a collective */
    int64_t collective_id;   /* 0: about an initiative */
    const char *about_title; /* the initiative's title or the collective's name */
    const char *area_code;
    const char *matter;
    const char *step; /* raised, conversation, mediation, agreement, closed */
    int64_t raised_by;
    int64_t mediator_id; /* 0: none agreed */
    const char *mediator_name;
    const char *mediator_capacity; /* NULL without a mediator */
    const char *agreement_text;    /* NULL: no draft yet */
    int agreement_version;         /* 0: no draft yet */
    int64_t created_at;
    int64_t updated_at;
    int64_t closed_at;    /* 0: open */
    enum relation viewer; /* REL_OWN for a party, REL_MEMBER for the mediator */
    struct conflict_party *parties;
    int n_parties;
    struct conflict_step *steps; /* oldest first */
    int n_steps;
};

/* A case as lists show it (no matter, no names). */
struct conflict_row {
    int64_t id;
    const char *about_title;
    const char *step;
    bool mediator; /* the viewer is its mediator (else a party) */
    int64_t updated_at;
};

/* Open and closed cases counted for an area; each CONFLICT_FEWER when it is
 * below CONFLICT_COUNT_MIN (zero included), so a small count never points
 * to a few people. Closed counts both "agreement" and "closed". */
struct conflict_counts {
    int open;
    int closed;
};

/* Whether step names a step ("raised" ... "closed"); pure. */
bool conflict_step_valid(const char *step);

/* Checks in before anything is written: exactly one of initiative_id and
 * collective_id (ERR_INVALID, field "about"); a matter of 1..
 * CONFLICT_MATTER_MAX characters of valid UTF-8 after trimming (field
 * "matter"); 1..CONFLICT_PARTIES_MAX other parties, each positive and
 * named once (field "parties"). Pure. */
enum err conflict_input_check(const struct conflict_input *in, struct fault *f);

/* The people named in text -- e-mail addresses (or account numbers)
 * separated by commas, semicolons, spaces or line breaks -- as person ids
 * through collective_person_ref: an address nobody has becomes
 * COLLECTIVE_NOBODY, which conflict_raise refuses like anyone else who is
 * no participant. ERR_INVALID, field "parties", for more than
 * CONFLICT_PARTIES_MAX names. *ids from the arena; *n may be 0. */
enum err conflict_parties_parse(struct db *db, struct arena *a, const char *text, int64_t **ids,
                                int *n, struct fault *f);

/* act raises a case (policy conflict.raise: acting as resident or
 * professional). The input first (conflict_input_check); ERR_NOT_FOUND,
 * field "about", for an unknown initiative or collective; ERR_FORBIDDEN,
 * "Only people who take part in this initiative or collective raise a
 * conflict case about it.", when act's person is no participant;
 * ERR_INVALID, field "parties", naming a party who is no participant or
 * act's own person. Stores the case in step "raised", the parties (act's
 * person and the named), its first step row, a restricted audit entry
 * "conflict.raise" (detail: the number of parties) and a "conflict_raised"
 * notification to each named party. *id may be NULL. */
enum err conflict_raise(struct db *db, struct arena *a, const struct conflict_input *in,
                        const struct actor *act, int64_t *id, struct fault *f);

/* Loads a case with its parties and steps, for act: ERR_NOT_FOUND (as
 * above) unless act is a party or the mediator and policy conflict.view
 * allows the capacity it acts in. Strings from the arena. */
enum err conflict_get(struct db *db, struct arena *a, int64_t id, const struct actor *act,
                      struct conflict_case *out, struct fault *f);

/* The cases act's person is a party to or the mediator of, newest change
 * first, at most CONFLICT_LIST_MAX; none (not an error) for a capacity
 * that may not see cases. *items from the arena. */
enum err conflict_list_mine(struct db *db, struct arena *a, const struct actor *act,
                            struct conflict_row **items, int *n, struct fault *f);

/* A party names the mediator it asks for (policy conflict.ask_mediator,
 * OWN), in capacity "resident" or "professional" (else ERR_INVALID, field
 * "capacity"). Only while the case is raised or in conversation
 * (ERR_CONFLICT otherwise). ERR_INVALID, field "mediator": a party of the
 * case; an unknown or erased person; for "resident" someone without a
 * verified residency, for "professional" someone without a confirmed post.
 * When every party now names the same person in the same capacity, that
 * person becomes the mediator (a "mediator" step; the parties and the
 * mediator are notified); otherwise the case has no mediator. Records
 * "conflict.ask_mediator". *agreed (may be NULL) says whether a mediator is
 * agreed now. */
enum err conflict_choose_mediator(struct db *db, int64_t id, int64_t mediator_id,
                                  const char *capacity, const struct actor *act, bool *agreed,
                                  struct fault *f);

/* Takes the case to step to with a record (1..CONFLICT_RECORD_MAX
 * characters, field "record"; policy conflict.advance): "conversation"
 * from "raised" and "mediation" from "conversation" by a party (the
 * mediator gets ERR_FORBIDDEN), the latter only with an agreed mediator
 * (ERR_CONFLICT "Choose a mediator together first: every party must ask
 * for the same person."); "closed" (without agreement) from any open step
 * by a party or the mediator. "agreement" is reached by confirming
 * (conflict_confirm), so asking for it, for any other step, or from
 * another step gives ERR_CONFLICT (field "step" for a name that is no
 * step: ERR_INVALID). Records "conflict.step" (detail: from and to only)
 * and notifies. */
enum err conflict_advance(struct db *db, int64_t id, const char *to, const char *record,
                          const struct actor *act, struct fault *f);

/* The mediator, acting in the capacity the parties asked for (policy
 * conflict.mediate, MEMBER; in another capacity the relation is OTHER and
 * a professional is told why not), drafts the agreement: text of
 * 1..CONFLICT_AGREEMENT_MAX characters (field "text"), in step "mediation"
 * only (ERR_CONFLICT). Raises agreement_version by one, so every party
 * confirms again. Records "conflict.draft" and notifies the parties.
 * *version (may be NULL) gets the new version. */
enum err conflict_draft(struct db *db, int64_t id, const char *text, const struct actor *act,
                        int *version, struct fault *f);

/* A party confirms draft version (policy conflict.advance, OWN; the
 * mediator gets ERR_FORBIDDEN): ERR_CONFLICT in another step than
 * "mediation", without a draft, or when version is not the current draft
 * (field "version": "The agreement was changed; read it again before you
 * confirm."). Confirming twice changes nothing. When every party has
 * confirmed this version the case reaches "agreement" (an "agreement"
 * step, closed_at set). Records "conflict.confirm" and notifies.
 * *reached (may be NULL) says whether the case reached agreement now. */
enum err conflict_confirm(struct db *db, int64_t id, int version, const struct actor *act,
                          bool *reached, struct fault *f);

/* The open and closed cases of area_code: cases counted in that buurt, in
 * the buurten and wijken under that wijk or gemeente. Public: no names, no
 * ids; counts below CONFLICT_COUNT_MIN are CONFLICT_FEWER. ERR_NOT_FOUND,
 * "There is no such area.", for an unknown code. */
enum err conflict_area_counts(struct db *db, const char *area_code, struct conflict_counts *out,
                              struct fault *f);

#endif
