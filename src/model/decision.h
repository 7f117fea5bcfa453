/* Decisions (DESIGN.md §3): a proposal that the residents of a collective
 * or an initiative decide on themselves, with a method:
 *
 *   consent   adopted unless someone eligible objects, with a reason; an
 *             open objection blocks until its objector resolves or
 *             withdraws it, or the proposer amends the proposal -- a new
 *             version, which sets the open objections aside and reopens
 *             consent (consents to an older version no longer count);
 *   majority  for, against or abstain; adopted when more are for than
 *             against and the quorum took part (a percentage of those
 *             eligible when it closes; 0: no quorum);
 *   dot       each person spreads up to N dots over the options; the
 *             options with the most dots are the result.
 *
 * Who is eligible is computed when asked, never stored: the voting members
 * of the collective (collective_is_voting_member); the current initiators,
 * the board of an owning collective and the residents with an active
 * pledge of the initiative. They take part acting as residents only: the
 * policy table (decision.*) refuses every other capacity with its reason --
 * a professional in words of the facilitating role.
 *
 * A decision closes at its closing time or earlier when its proposer (or
 * the initiators / the board) closes it. Whether it is closed and its
 * outcome are computed whenever it is read (decision_get), so no background
 * thread is needed; the outcome with the count is recorded in the row, and
 * decision_closed sent to those eligible, by the first write after the
 * closing time (decision_settle, which every write here calls first) or by
 * decision_close. Votes are refused once the closing time has passed, so
 * the computed and the recorded outcome are the same. With hide_results the
 * count is withheld until the decision closes.
 *
 * Every write takes the actor, asks the policy table before anything that
 * could answer differently, and records its public audit entry (object
 * "decision") in the same transaction. Reading is open to everyone
 * (decision.view), so reads take no actor. Times come from act->now. */
#ifndef WIJK_MODEL_DECISION_H
#define WIJK_MODEL_DECISION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"
#include "policy/policy.h"

struct arena;
struct db;

enum {
    DECISION_TITLE_MAX = 200,        /* characters, one line */
    DECISION_TEXT_MAX = 10000,       /* characters of the proposal's text */
    DECISION_REASON_MAX = 2000,      /* characters of an objection's reason */
    DECISION_OPTIONS_MIN = 2,        /* options of a dot vote */
    DECISION_OPTIONS_MAX = 20,       /* options of a dot vote */
    DECISION_OPTION_MAX = 200,       /* characters of an option's label */
    DECISION_DOTS_MAX = 100,         /* dots per person */
    DECISION_OPEN_MIN = 3600,        /* seconds: a decision is open at least an hour */
    DECISION_OPEN_MAX = 366 * 86400, /* seconds: and at most a year */
    DECISION_LIST_MAX = 500,         /* rows a list gives at most */
};

/* What decision_propose takes. Exactly one of collective_id and
 * initiative_id is non-zero. */
struct decision_input {
    int64_t collective_id;
    int64_t initiative_id;
    const char *title;          /* 1..DECISION_TITLE_MAX characters, one line */
    const char *body;           /* 0..DECISION_TEXT_MAX characters */
    const char *method;         /* "consent", "majority" or "dot" */
    int quorum_percent;         /* 0..100; must be 0 for consent */
    int dots;                   /* dot: 1..DECISION_DOTS_MAX; else ignored */
    bool hide_results;          /* withhold the count until it closes */
    int64_t closes_at;          /* unix seconds, 1 hour .. 1 year from now */
    const char *const *options; /* dot: DECISION_OPTIONS_MIN..MAX labels; else ignored */
    int n_options;
};

/* An option of a dot vote. dots is its total, -1 while the count is
 * withheld. */
struct decision_option {
    int64_t id;
    int position; /* 1.. */
    const char *label;
    int dots;
};

/* The count. Everything but shown is 0 while shown is false (the count is
 * withheld until the decision closes). */
struct decision_tally {
    bool shown;
    const char *outcome; /* NULL while open, else see decision_outcome */
    int eligible;        /* those eligible now (recorded: when it closed) */
    int votes;           /* votes cast (consent: consents to this version) */
    int votes_for, votes_against, votes_abstain;
    int objections; /* open objections (recorded: those open when it closed) */
};

struct decision {
    int64_t id;
    int64_t collective_id;  /* 0: of an initiative */
    int64_t initiative_id;  /* 0: of a collective */
    const char *scope_name; /* the collective's name or the initiative's title */
    const char *title;
    const char *body;
    const char *method;
    int quorum_percent;
    int dots; /* 0 unless a dot vote */
    bool hide_results;
    int version;
    int64_t proposed_by;
    const char *proposer_name;
    int64_t created_at;
    int64_t updated_at;
    int64_t closes_at;
    bool closed;       /* closed by hand, or the closing time has passed */
    bool recorded;     /* the outcome is recorded in the row */
    int64_t closed_at; /* when it closed (the closing time if not by hand); 0: open */
    int64_t closed_by; /* 0: the closing time, or open */
    struct decision_tally tally;
    struct decision_option *options; /* dot votes, by position */
    int n_options;
};

/* The methods, NULL-terminated: consent, majority, dot. Static storage. */
const char *const *decision_methods(void);
bool decision_method_valid(const char *method);

/* The outcome of a count, pure (the counting rule of each method):
 * consent: "blocked" with open objections > 0, else "adopted";
 * majority: "no_quorum" when no one voted or votes * 100 < quorum_percent *
 *   eligible, else "adopted" when votes_for > votes_against, else
 *   "rejected" (a tie is rejected);
 * dot: "no_quorum" as for majority, else "decided".
 * Static storage. */
const char *decision_outcome(const char *method, int quorum_percent, int eligible, int votes,
                             int votes_for, int votes_against, int objections);

/* The options of a dot vote written one per line (text may be NULL):
 * each line trimmed of spaces at its end, empty lines skipped, at most
 * DECISION_OPTIONS_MAX + 1 kept (so that decision_input_check sees too
 * many). *options from the arena; returns their number. */
int decision_split_options(struct arena *a, const char *text, const char ***options);

/* Checks in before anything is written: exactly one of collective and
 * initiative ("scope"), the title ("title"), the text ("body"), the method
 * ("method"), the quorum 0..100 and 0 for consent ("quorum"), for a dot
 * vote the dots 1..DECISION_DOTS_MAX ("dots") and 2..20 options of 1..200
 * characters, one line, no two alike ("options"), and a closing time
 * between one hour and one year after now ("closes_at"). ERR_INVALID with
 * the field and a message a person can act on. Pure. */
enum err decision_input_check(const struct decision_input *in, int64_t now, struct fault *f);

/* Whether person_id is eligible for decisions of the collective (its
 * voting members) or the initiative (current initiators, board members of
 * an owning collective, residents with an active pledge); pass one of the
 * two ids, the other 0. False for unknown ids and person 0. */
enum err decision_is_eligible(struct db *db, int64_t collective_id, int64_t initiative_id,
                              int64_t person_id, bool *eligible, struct fault *f);

/* How many are eligible (as decision_is_eligible) now. */
enum err decision_eligible_count(struct db *db, int64_t collective_id, int64_t initiative_id,
                                 int *n, struct fault *f);

/* act's relation to decision d, or with d NULL to the collective or
 * initiative given (one id non-zero): REL_INITIATOR for the initiators of
 * the initiative (initiative_relation) or the board of the collective,
 * REL_MEMBER for another eligible person, else REL_OTHER. Only the person
 * counts, whatever capacity is claimed; the policy then judges the
 * capacity. (decision_close and decision_amend treat the proposer as the
 * initiator of their own proposal.) */
enum err decision_relation(struct db *db, const struct decision *d, int64_t collective_id,
                           int64_t initiative_id, const struct actor *act, enum relation *rel,
                           struct fault *f);

/* act proposes in: ERR_NOT_FOUND for an unknown collective or initiative;
 * then the policy (decision.propose with the relation to the scope:
 * residents eligible there; a professional gets ERR_FORBIDDEN with the
 * facilitating reason); then decision_input_check; then, in an initiative,
 * ERR_CONFLICT with its frozen reason while it is frozen (invariant 1:
 * initiative_refuse_frozen). Opens the decision (version 1),
 * records "decision.propose" and notifies everyone eligible but the
 * proposer (decision_opened, linking to /decisions/<id>). *id may be NULL. */
enum err decision_propose(struct db *db, const struct decision_input *in, const struct actor *act,
                          int64_t *id, struct fault *f);

/* Decision id as it stands at now: closed when closed by hand or now >=
 * closes_at, with the outcome and the count computed (or as recorded), the
 * count withheld (tally.shown false) while it is open with hide_results.
 * ERR_NOT_FOUND, field "decision", "There is no such decision.". Strings
 * from the arena. */
enum err decision_get(struct db *db, struct arena *a, int64_t id, int64_t now, struct decision *out,
                      struct fault *f);

/* The decisions of a collective or an initiative (one id non-zero), newest
 * first, at most DECISION_LIST_MAX, each as decision_get gives it but
 * without options, and with the count only once it is closed.
 * ERR_NOT_FOUND for an unknown collective or initiative. */
enum err decision_list(struct db *db, struct arena *a, int64_t collective_id, int64_t initiative_id,
                       int64_t now, struct decision **items, int *n, struct fault *f);

/* Records the outcome of decision id when its closing time has passed and
 * it is not yet recorded: a conditional UPDATE of an open row (so two
 * callers record it once), the count, the dots per option, a public audit
 * entry "decision.closed" by nobody and decision_closed to everyone
 * eligible. Nothing when it is open or recorded. Joins the caller's
 * transaction; begins its own when there is none. */
enum err decision_settle(struct db *db, int64_t id, int64_t now, struct fault *f);

/* act closes decision id before its closing time: its proposer, or the
 * initiators / board (policy decision.close, INITIATOR; others get
 * ERR_FORBIDDEN with the reason). ERR_CONFLICT, field "decision", for one
 * that is closed already; ERR_CONFLICT with the frozen reason in a frozen
 * initiative (the closing time still settles it, by the rules set when it
 * was proposed). Records the outcome as decision_settle does,
 * with closed_by, and "decision.close". */
enum err decision_close(struct db *db, int64_t id, const struct actor *act, struct fault *f);

/* The proposer amends a consent proposal while it is open: a new version
 * with title and body (checked as for a proposal), kept in the history;
 * open objections are set aside ("superseded") and consent reopens.
 * ERR_FORBIDDEN for anyone but the proposer (after the policy, decision.
 * propose); ERR_CONFLICT for a closed decision or another method, or with
 * the frozen reason in a frozen initiative.
 * Records "decision.amend" and notifies everyone eligible (decision_opened). */
enum err decision_amend(struct db *db, int64_t id, const char *title, const char *body,
                        const struct actor *act, struct fault *f);

/* The building blocks decision.c, decision_close.c and decision_vote.c
 * share. */

/* Takes decision id's row lock in the caller's transaction (a no-op
 * UPDATE): a vote, an objection and the closing each take it before they
 * read or write, so that on PostgreSQL (READ COMMITTED) a vote cannot
 * commit between the closing's count and its recorded outcome -- the one
 * that comes second waits, then sees the other's work. */
enum err decision_lock(struct db *db, int64_t id, struct fault *f);

/* The live count of decision d (its method, version, scope): those
 * eligible now, the votes (consent: consents to d->version), for / against
 * / abstain, the open objections; shown true, outcome NULL. */
enum err decision_count(struct db *db, const struct decision *d, struct decision_tally *out,
                        struct fault *f);

/* notify_about(kind, linking to /decisions/<id>) for everyone eligible in
 * the scope but except_person_id (0: nobody). Joins the caller's
 * transaction. */
enum err decision_notify_eligible(struct db *db, int64_t collective_id, int64_t initiative_id,
                                  int64_t id, const char *kind, int64_t except_person_id,
                                  struct fault *f);

/* A public audit entry on decision id by act (person 0: nobody, the
 * closing time), with detail {key: value} when key is non-NULL (never free
 * text: it could hold an e-mail address). */
enum err decision_audit(struct db *db, const struct actor *act, const char *action, int64_t id,
                        const char *key, const char *value, struct fault *f);

/* The title and text checks of decision_input_check ("title", "body"). */
enum err decision_text_check(const char *title, const char *body, struct fault *f);

/* Inserts version `version` of decision id's text into its history. */
enum err decision_version_insert(struct db *db, int64_t id, int version, const char *title,
                                 const char *body, const struct actor *act, struct fault *f);

#endif
