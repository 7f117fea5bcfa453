/* Votes and objections on decisions (model/decision.h): taking part.
 *
 * One vote per person per decision is the database's word: the UNIQUE
 * (decision_id, person_id) of decision_vote, on which a vote is an INSERT
 * ... ON CONFLICT, so fifty simultaneous identical votes leave one row. A
 * majority or dot vote is final once cast; a consent is given to the
 * current version and may be given again after an amendment (the same row,
 * moved to the new version by a conditional upsert).
 *
 * An objection to a consent proposal carries a reason and blocks until its
 * objector resolves or withdraws it (conditional UPDATEs of an open
 * objection), or the proposer amends the proposal. One open objection per
 * person per decision (a partial unique index).
 *
 * Each write first records the outcome of a decision whose closing time has
 * passed (decision_settle), then refuses the late vote; asks the policy
 * table (decision.vote / decision.object, with decision_relation) before
 * anything else; and records its public audit entry (object "decision") in
 * the same transaction. Times come from act->now. */
#ifndef WIJK_MODEL_DECISION_VOTE_H
#define WIJK_MODEL_DECISION_VOTE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

/* A ballot. choice: "consent" for a consent decision; "for", "against" or
 * "abstain" for a majority vote; ignored for a dot vote, whose dots[i] are
 * the dots on the option at position i + 1 (n_dots the number given, at
 * most the options; missing ones are 0). */
struct decision_ballot {
    const char *choice;
    const int *dots;
    int n_dots;
};

/* An objection as read back; strings from the arena. */
struct decision_objection {
    int64_t id;
    int64_t decision_id;
    int version; /* the version it was raised on */
    int64_t person_id;
    const char *person_name;
    const char *reason;
    const char *status; /* "open", "resolved", "withdrawn" or "superseded" */
    int64_t created_at;
    int64_t settled_at; /* 0 while open */
};

/* person's vote as read back. */
struct decision_my_vote {
    const char *choice; /* "consent", "for", "against", "abstain", "dots" */
    int version;        /* the version voted on */
    int64_t created_at;
};

/* Checks a ballot against decision d (method, dots, options), pure:
 * ERR_INVALID, field "choice", for a choice the method does not take;
 * field "dots" for a negative number, more numbers than options, no dot
 * at all, or more dots than d->dots ("You have %s dots to give; these add
 * up to more. Take some away.", with d->dots). */
struct decision;
enum err decision_ballot_check(const struct decision *d, const struct decision_ballot *b,
                               struct fault *f);

/* act votes on decision id: decision_settle first; ERR_NOT_FOUND for an
 * unknown decision; the policy (decision.vote with decision_relation: only
 * eligible residents; a professional gets the facilitating reason);
 * ERR_CONFLICT, field "decision", when it is closed ("This decision is
 * closed: ..."); the ballot (decision_ballot_check). A second vote gives
 * ERR_CONFLICT "You have voted on this decision already."; a consent while
 * one's own objection is open, ERR_CONFLICT too. Records "decision.vote"
 * (detail: the choice; never the dots while the count is withheld). */
enum err decision_vote(struct db *db, int64_t id, const struct decision_ballot *b,
                       const struct actor *act, struct fault *f);

/* act objects to consent proposal id with reason (1..DECISION_REASON_MAX
 * characters after trimming; else ERR_INVALID, field "reason"): order and
 * errors as decision_vote (policy decision.object); ERR_CONFLICT for a
 * decision that is not a consent one, and for an objector whose objection
 * is open already. Records "decision.object" and notifies the proposer
 * (decision_objection). *objection_id may be NULL. */
enum err decision_object(struct db *db, int64_t id, const char *reason, const struct actor *act,
                         int64_t *objection_id, struct fault *f);

/* The objector settles their own open objection objection_id to decision
 * decision_id: how is "resolved" (the concern is met) or "withdrawn" (else
 * ERR_INVALID, field "how"). ERR_NOT_FOUND, field "objection", for an
 * unknown objection or one to another decision; ERR_FORBIDDEN for anyone but the
 * objector (after the policy, decision.object); ERR_CONFLICT for one that
 * is not open or a decision that is closed. Records "decision.resolve" or
 * "decision.withdraw_objection". */
enum err decision_objection_settle(struct db *db, int64_t decision_id, int64_t objection_id,
                                   const char *how, const struct actor *act, struct fault *f);

/* The objections to decision id, oldest first (all versions). */
enum err decision_objections(struct db *db, struct arena *a, int64_t id,
                             struct decision_objection **items, int *n, struct fault *f);

/* person_id's vote on decision id in *out with *found true, or *found
 * false. */
enum err decision_my_vote(struct db *db, struct arena *a, int64_t id, int64_t person_id,
                          struct decision_my_vote *out, bool *found, struct fault *f);

#endif
