/* Initiatives (DESIGN.md §2-3): what residents start and carry, owned by
 * resident initiators or by a collective for which its board acts. An
 * initiative has a title, an aim, one or more buurten, needs (skills,
 * hours, money, space), the pledge thresholds its initiators set for moving
 * on to execution, and a phase:
 *
 *     idea -> awareness -> execution -> evaluation -> anchored | stopped
 *
 * with "stopped" reachable from every open phase. Every phase change is
 * kept with who, in which capacity, why and when.
 *
 * This module is the hub the other initiative modules (pledges, plan,
 * offers) build on: initiative_relation() is the one place the actor's
 * relation to an initiative is computed, and initiative_authorise() the one
 * gate of every write on an initiative -- relation, policy, the frozen
 * check of invariant 1 and the logging of a refused attempt.
 *
 * Invariant 1: all current initiators hold a verified residency in one of
 * the initiative's buurten, and an owning collective is sound
 * (collective_is_sound). When that stops being true the initiative is
 * frozen with a visible reason; steering actions are refused until the
 * initiators fix it (the mover steps down, the collective is restored),
 * which unfreezes it.
 *
 * Every write takes the actor, asks the policy table first and records its
 * public audit entry (object "initiative") in the same transaction (its own
 * or the caller's). Times come from act->now. */
#ifndef WIJK_MODEL_INITIATIVE_H
#define WIJK_MODEL_INITIATIVE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "model/audit.h"
#include "policy/policy.h"

struct arena;
struct db;

enum {
    INITIATIVE_TITLE_MAX = 200,        /* characters */
    INITIATIVE_TEXT_MAX = 5000,        /* aim, needs, evaluation fields, reasons: characters */
    INITIATIVE_AREAS_MAX = 20,         /* buurten of one initiative */
    INITIATIVE_NEEDS_MAX = 20,         /* needs of one initiative */
    INITIATIVE_RESIDENTS_MAX = 100000, /* threshold of pledging residents */
    INITIATIVE_HOURS_MAX = 1000000,    /* threshold of pledged hours a month */
    INITIATIVE_AMOUNT_MAX = 100000000, /* a need's amount (hours, euros) */
    INITIATIVE_LIST_MAX = 500,         /* rows a list gives at most */
};

/* One need: kind is "skills", "hours", "money" or "space"; amount is the
 * hours a month or the euros (-1: none given). */
struct initiative_need {
    const char *kind;
    const char *description;
    int64_t amount;
};

struct initiative {
    int64_t id;
    const char *title;
    const char *aim;
    int64_t collective_id;     /* 0: owned by its initiators */
    const char *phase;         /* "idea", "awareness", ... (initiative_phases) */
    const char *frozen_reason; /* a message id (see initiative_ownership), NULL: not frozen */
    int threshold_residents;   /* pledging residents wanted before execution */
    int threshold_hours;       /* pledged hours a month wanted before execution */
    int64_t created_by;
    int64_t created_at;
    int64_t updated_at;
    const char **areas; /* buurt codes, sorted */
    int n_areas;
};

/* What initiative_create and initiative_update take: the scope. */
struct initiative_scope {
    const char *title;        /* 1..INITIATIVE_TITLE_MAX characters, one line */
    const char *aim;          /* 0..INITIATIVE_TEXT_MAX characters */
    const char *const *areas; /* 1..INITIATIVE_AREAS_MAX buurt codes, no repeats */
    int n_areas;
    const struct initiative_need *needs; /* 0..INITIATIVE_NEEDS_MAX */
    int n_needs;
    int threshold_residents; /* 0..INITIATIVE_RESIDENTS_MAX */
    int threshold_hours;     /* 0..INITIATIVE_HOURS_MAX */
};

/* The phases in order, NULL-terminated; static storage. */
const char *const *initiative_phases(void);

/* Whether phase is one of initiative_phases(). */
bool initiative_phase_valid(const char *phase);

/* Whether the initiative in this phase has ended (anchored or stopped). */
bool initiative_phase_ended(const char *phase);

/* The need kinds, NULL-terminated: skills, hours, money, space. */
const char *const *initiative_need_kinds(void);

/* Loads an initiative with its buurten; ERR_NOT_FOUND, "There is no such
 * initiative.", when there is none. Strings from the arena. */
enum err initiative_get(struct db *db, struct arena *a, int64_t id, struct initiative *out,
                        struct fault *f);

/* How act's person relates to the initiative, whatever capacity it claims:
 * REL_INITIATOR for a current initiator or a board member of the owning
 * collective (collective_is_board_member), REL_MEMBER for a person with a
 * verified residency in one of its buurten, else REL_OTHER (also for
 * nobody signed in). ERR_NOT_FOUND for an unknown initiative. The one
 * place this relation is computed: pledges, plan and offers use it. */
enum err initiative_relation(struct db *db, int64_t initiative_id, const struct actor *act,
                             enum relation *rel, struct fault *f);

/* The gate of a write on an initiative, asked before anything that could
 * answer differently:
 *   1. ERR_NOT_FOUND for an unknown initiative;
 *   2. the capacity act claims (capacity_of_actor) and its relation
 *      (initiative_relation) against the policy row of action: ERR_FORBIDDEN
 *      with the policy's reason (for a professional, in words of the
 *      facilitating role);
 *   3. for a steering action (initiative.change_scope, _phase, _plan,
 *      _budget, _decisions, _needs, initiative.add_initiator, offer.accept,
 *      offer.decline, task.create, task.assign,
 *      responsibility.set_matrix, decision.close): initiative_check_ownership
 *      first, then ERR_CONFLICT with the frozen reason as the message (it
 *      begins "This initiative is frozen: ") when invariant 1 does not
 *      hold. Removing an initiator is not steering: it is how the
 *      initiators fix a freeze.
 * A refusal (2 or 3) is logged: a restricted audit entry
 * "initiative.refused" on the initiative with detail {"action": name,
 * "capacity": the capacity claimed, "reason": the message id}, written in
 * a transaction of its own so that it outlives the refused write. Call
 * this outside a transaction: inside one the entry joins it and is lost
 * when the caller rolls back. Returns the refusal's error with f filled.
 * When the refusal cannot be logged, the database error is returned. */
enum err initiative_authorise(struct db *db, int64_t initiative_id, enum action action,
                              const struct actor *act, struct fault *f);

/* Step 3 of initiative_authorise on its own, for a steering write whose
 * permission is asked elsewhere (a decision asks who is eligible for it):
 * ERR_CONFLICT with the frozen reason, logged as a refusal, while the
 * initiative is frozen; ERR_OK when it is not. Outside a transaction. */
enum err initiative_refuse_frozen(struct db *db, int64_t initiative_id, enum action action,
                                  const struct actor *act, struct fault *f);

/* Logs refusal (a fault with ERR_FORBIDDEN or ERR_CONFLICT and its message)
 * of act's attempt to take action on initiative_id (0: one not yet made) as
 * initiative_authorise does: a restricted entry "initiative.refused" in a
 * transaction of its own (or the caller's, if it holds one). Inside a read
 * transaction (a GET) nothing is logged: a view is refused, not attempted.
 * For the initiative modules that decide on OWN themselves (pledges). */
enum err initiative_log_refusal(struct db *db, int64_t initiative_id, enum action action,
                                const struct actor *act, const struct fault *refusal,
                                struct fault *f);

/* Whether person_id holds a verified residency in one of the initiative's
 * buurten now (false for an unknown initiative). */
enum err initiative_is_resident(struct db *db, int64_t initiative_id, int64_t person_id, bool *is,
                                struct fault *f);

/* Records an audit entry about initiative_id (object "initiative", the
 * area its first buurt) stamped with act, public or restricted; detail (a
 * JSON object or NULL) is borrowed. In the caller's transaction. */
enum err initiative_audit(struct db *db, int64_t initiative_id, const char *action,
                          const struct actor *act, bool is_public, json_t *detail, struct fault *f);

/* Invariant 1, read only: *reason_msgid NULL when it holds, else why not,
 * a static message id without slots that begins "This initiative is
 * frozen: " and says how it is fixed (an initiator without a verified
 * residency in its buurten; no initiators left on an initiative no
 * collective owns; an owning collective that is not sound). For the page,
 * which shows it inside a read transaction. ERR_NOT_FOUND for an unknown
 * initiative. */
enum err initiative_ownership(struct db *db, int64_t initiative_id, const char **reason_msgid,
                              struct fault *f);

/* Freezes or unfreezes per invariant 1: computes initiative_ownership and,
 * when the stored frozen reason differs, stores it with a public audit
 * entry "initiative.freeze" (detail {"reason": msgid}) or
 * "initiative.unfreeze", stamped with act (the actor whose request
 * noticed); a freeze is also told to the initiators (notify_initiators,
 * "initiative_frozen"). In the caller's transaction or one of its own; never in a read
 * transaction. *frozen (may be NULL) says whether it is frozen now. Call it
 * after residency or collective membership changes and before steering
 * (initiative_authorise does). */
enum err initiative_check_ownership(struct db *db, int64_t initiative_id, const struct actor *act,
                                    bool *frozen, struct fault *f);

/* initiative_check_ownership for every initiative that is not ended and
 * has person_id as a current initiator, or collective_id as owner (0:
 * none). For the residency and collective modules after a change. */
enum err initiative_check_ownership_of(struct db *db, int64_t person_id, int64_t collective_id,
                                       const struct actor *act, struct fault *f);

/* Starts an initiative in phase "idea" with scope s (policy
 * initiative.create). Without a collective (collective_id 0) act must act
 * as a resident with a verified residency in one of s's buurten (MEMBER)
 * and becomes the first initiator; with one, act must be on its board
 * (INITIATOR) and the collective sound (ERR_CONFLICT with its reason when
 * not; ERR_NOT_FOUND, field "collective", for an unknown one). ERR_INVALID
 * with the field for a bad scope (see initiative_scope; an unknown buurt:
 * field "areas"). A refused attempt is logged as initiative_authorise
 * does, with object id 0. Records "initiative.create". *id may be NULL. */
enum err initiative_create(struct db *db, const struct initiative_scope *s, int64_t collective_id,
                           const struct actor *act, int64_t *id, struct fault *f);

/* Replaces title, aim, buurten, needs and thresholds (policy
 * initiative.change_scope and initiative.change_needs, through
 * initiative_authorise). ERR_CONFLICT for an ended initiative; ERR_INVALID
 * as initiative_create. Records "initiative.change_scope". */
enum err initiative_update(struct db *db, int64_t initiative_id, const struct initiative_scope *s,
                           const struct actor *act, struct fault *f);

/* Moves the initiative to phase to, with reason (NULL or "" for none; at
 * most INITIATIVE_TEXT_MAX characters), through initiative_authorise
 * (initiative.change_phase). The moves: idea -> awareness, awareness ->
 * execution, execution -> evaluation, evaluation -> anchored, and any open
 * phase -> stopped. ERR_INVALID, field "phase": an unknown phase; idea ->
 * execution ("An initiative cannot skip the awareness phase: ..."); any
 * other move that is not listed. ERR_INVALID, field "reason": stopping
 * without a reason; moving to execution below the pledge thresholds
 * (pledge_totals) without one. ERR_CONFLICT: anchoring without an
 * evaluation; an ended initiative; the phase changed meanwhile. Records
 * the change (with the reason) in initiative_phase_change and
 * "initiative.change_phase" (detail: from, to, and whether a reason was
 * given -- the reason is free text and stays out of the log), and
 * notifies the pledgers (notify_pledgers, "phase_changed", detail the new
 * phase). */
enum err initiative_change_phase(struct db *db, int64_t initiative_id, const char *to,
                                 const char *reason, const struct actor *act, struct fault *f);

/* Makes person_id an initiator (policy initiative.add_initiator for act,
 * through initiative_authorise; then initiative.be_initiator for the
 * person: a verified resident of one of its buurten, else ERR_FORBIDDEN
 * with the policy's reason -- for someone with a professional capacity
 * the facilitating one). ERR_NOT_FOUND, field "person", for an unknown
 * person; ERR_CONFLICT when already one or ended. Records
 * "initiative.add_initiator" (detail {"person": id}). */
enum err initiative_add_initiator(struct db *db, int64_t initiative_id, int64_t person_id,
                                  const struct actor *act, struct fault *f);

/* Ends person_id's initiator role (policy initiative.remove_initiator;
 * one may step down oneself). ERR_NOT_FOUND, field "person", when they are
 * not an initiator; ERR_CONFLICT when they are the last initiator of an
 * initiative no collective owns. Unfreezes when that fixes invariant 1.
 * Records "initiative.remove_initiator". */
enum err initiative_remove_initiator(struct db *db, int64_t initiative_id, int64_t person_id,
                                     const struct actor *act, struct fault *f);

/* The lesson of an initiative. */
struct initiative_evaluation {
    const char *results;
    const char *worked;
    const char *did_not_work;
    const char *conditions;
    int64_t updated_by; /* 0: none entered yet */
    int64_t updated_at;
};

/* Enters or replaces the evaluation (each field 1..INITIATIVE_TEXT_MAX
 * characters, else ERR_INVALID with its field: results, worked,
 * did_not_work, conditions), in the evaluation phase only (ERR_CONFLICT
 * otherwise), through initiative_authorise (initiative.change_scope).
 * Records "initiative.evaluate". */
enum err initiative_evaluate(struct db *db, int64_t initiative_id,
                             const struct initiative_evaluation *ev, const struct actor *act,
                             struct fault *f);

/* The evaluation; all fields NULL and updated_by 0 when none was entered. */
enum err initiative_evaluation_get(struct db *db, struct arena *a, int64_t initiative_id,
                                   struct initiative_evaluation *out, struct fault *f);

/* A current initiator. */
struct initiative_initiator {
    int64_t person_id;
    const char *display_name;
    int64_t since_at;
    int64_t added_by; /* 0: none (the founder) */
};

/* The current initiators, first ones first. */
enum err initiative_initiators(struct db *db, struct arena *a, int64_t initiative_id,
                               struct initiative_initiator **items, int *n, struct fault *f);

/* The needs, in the order given. */
enum err initiative_needs(struct db *db, struct arena *a, int64_t initiative_id,
                          struct initiative_need **items, int *n, struct fault *f);

/* One phase change. */
struct initiative_phase_change {
    const char *from;
    const char *to;
    int64_t person_id;
    const char *capacity;
    const char *reason; /* NULL: none */
    int64_t at;
};

/* The phase changes, oldest first. */
enum err initiative_history(struct db *db, struct arena *a, int64_t initiative_id,
                            struct initiative_phase_change **items, int *n, struct fault *f);

/* The initiatives, at most INITIATIVE_LIST_MAX, by phase (in phase order)
 * then newest first; with buurt_code non-NULL only those working there,
 * with phase non-NULL only those in that phase (ERR_INVALID, field
 * "phase", for an unknown one). Areas are left empty (n_areas 0). */
enum err initiative_list(struct db *db, struct arena *a, const char *buurt_code, const char *phase,
                         struct initiative **items, int *n, struct fault *f);

#endif
