/* Collectives (DESIGN.md §3): trusts, communities, cooperatives,
 * bewonersbedrijven and informal groups through which residents own
 * initiatives together. A collective works in an area (a buurt, or a wijk
 * and so all its buurten) and has a voting rule, statutes text, members and
 * a board (chair, secretary, treasurer).
 *
 * Founding takes at least three verified residents of the area. The founder
 * names two co-founders; each must be a verified resident of the area when
 * named and consents by joining (collective_join). The collective stays
 * "founding" until both have joined, then it is "active". The founder is
 * the first chair, the co-founders the first secretary and treasurer, in
 * the order they were named; after that the board sets its own roles.
 *
 * Members join as residents and vote. Professionals never vote and never
 * sit on the board: the board admits them as advisers (role "adviser").
 *
 * The two-thirds rule (DESIGN.md §2, invariant 1): a collective is sound
 * when it is active and at least two thirds of its voting members hold a
 * verified residency in its area now. Soundness is computed whenever it is
 * asked, so a membership change and a residency that ended elsewhere count
 * at once; an unsound collective may not start or steer initiatives, and
 * collective_is_sound says why in a message id. Every membership change
 * records whether the collective is sound after it in its audit entry, and
 * then has the initiatives it owns checked against invariant 1
 * (initiative_check_ownership_of), in the same transaction; a residency
 * that ends elsewhere counts the next time anyone asks.
 *
 * Every write takes the actor, asks the policy table (capacity_check)
 * before it looks at anything that could answer differently, and records
 * its public audit entry (object "collective") in the same transaction.
 * Reading is open to everyone (collective.view), so reads take no actor. */
#ifndef WIJK_MODEL_COLLECTIVE_H
#define WIJK_MODEL_COLLECTIVE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    COLLECTIVE_NAME_MAX = 200,       /* characters */
    COLLECTIVE_STATUTES_MAX = 20000, /* characters */
    COLLECTIVE_LIST_MAX = 1000,      /* rows collective_list gives at most */
    COLLECTIVE_FOUNDERS = 3,         /* founder and two co-founders */
};

/* A collective as read back; strings from the arena. */
struct collective {
    int64_t id;
    const char *name;        /* one line, 1..200 characters */
    const char *kind;        /* see collective_kinds */
    const char *area_code;   /* a buurt or a wijk */
    const char *area_name;   /* the area's name (read only) */
    const char *voting_rule; /* see collective_voting_rules */
    const char *statutes;    /* up to 20000 characters, may span lines; "" when none */
    const char *status;      /* "founding" or "active" (read only) */
    int64_t founded_by;      /* 0: the console */
    int64_t created_at;
    int64_t activated_at; /* 0 while founding */
};

/* A membership as read back; strings from the arena. */
struct collective_member {
    int64_t id;
    int64_t person_id;
    const char *display_name;
    const char *role;       /* "member" (votes) or "adviser" (never votes) */
    const char *board_role; /* "chair", "secretary", "treasurer" or NULL */
    const char *status;     /* "named" (a co-founder yet to join) or "joined" */
    const char *capacity;   /* the capacity joined in; NULL while named */
    bool resident;          /* holds a verified residency in the area now */
    int64_t joined_at;      /* 0 while named */
};

/* The figures behind the two-thirds rule. */
struct collective_soundness {
    bool sound;
    const char *reason; /* a message id (static) when not sound, else NULL */
    int voting;         /* voting members who joined */
    int residents;      /* of them, verified residents of the area now */
};

/* The kinds, NULL-terminated: trust, community, cooperative,
 * bewonersbedrijf, informal_group. Static storage. */
const char *const *collective_kinds(void);
bool collective_kind_valid(const char *kind);

/* The voting rules, NULL-terminated: majority, two_thirds, consensus. */
const char *const *collective_voting_rules(void);
bool collective_voting_rule_valid(const char *rule);

/* The board roles, NULL-terminated: chair, secretary, treasurer. */
const char *const *collective_board_roles(void);

/* Collective id into *out. ERR_NOT_FOUND, field "collective", when there
 * is none. */
enum err collective_get(struct db *db, struct arena *a, int64_t id, struct collective *out,
                        struct fault *f);

/* Whether collective id may start and steer initiatives now: *sound is
 * true when it is active and at least two thirds of its voting members
 * (role "member", joined) hold a verified residency in its area (the buurt,
 * or a buurt of its wijk). When not, *reason_msgid (may be NULL) is a static
 * English message id that says why, for the page and for a refusal; NULL
 * when sound. ERR_NOT_FOUND, field "collective", when there is none. */
enum err collective_is_sound(struct db *db, int64_t id, bool *sound, const char **reason_msgid,
                             struct fault *f);

/* collective_is_sound with the figures: voting members and residents. */
enum err collective_soundness(struct db *db, int64_t id, struct collective_soundness *out,
                              struct fault *f);

/* Whether person_id holds a board role in collective id now (false for an
 * unknown collective or person). */
enum err collective_is_board_member(struct db *db, int64_t id, int64_t person_id, bool *is,
                                    struct fault *f);

/* Whether person_id is a voting member (role "member", joined) of
 * collective id now (false for an unknown collective or person). */
enum err collective_is_voting_member(struct db *db, int64_t id, int64_t person_id, bool *is,
                                     struct fault *f);

/* Founds the collective described by in (name, kind, area_code,
 * voting_rule, statutes; the rest is ignored) with act's person as founder
 * and cofounders[0..2) named as co-founders. The actor must act as a
 * verified resident (policy collective.create; a professional gets the
 * facilitating reason) and, once the area is known, as a resident of it
 * (MEMBER), else ERR_FORBIDDEN. ERR_INVALID with the field for: a name that
 * is empty, too long or not one line ("name"), a kind or voting rule not in
 * the lists ("kind", "voting_rule"), statutes over 20000 characters
 * ("statutes"), an area that is not a buurt or wijk ("area"; unknown:
 * ERR_NOT_FOUND), a co-founder who is the founder, named twice, unknown or
 * not a verified resident of the area ("cofounder1", "cofounder2").
 * Records "collective.create" (detail: kind, voting rule, the co-founders'
 * ids). Nothing is written on an error. *id may be NULL. */
enum err collective_found(struct db *db, const struct collective *in, const int64_t cofounders[2],
                          const struct actor *act, int64_t *id, struct fault *f);

/* act's person joins collective id as a voting member: acting as a
 * verified resident (policy collective.join; a professional is refused with
 * the facilitating reason) of the collective's area (ERR_FORBIDDEN, "Only
 * verified residents of the collective's area join it as members."). While
 * founding only the named co-founders join (ERR_FORBIDDEN otherwise); the
 * second of them to join makes the collective active. ERR_CONFLICT, field
 * "collective", for a member already. Records "collective.join" (detail:
 * sound after it). */
enum err collective_join(struct db *db, int64_t id, const struct actor *act, struct fault *f);

/* act's person leaves collective id (policy collective.leave, MEMBER or
 * INITIATOR for a board member; ERR_FORBIDDEN for one who is no member),
 * giving up a board role. A named co-founder leaving declines. Records
 * "collective.leave" (detail: sound after it). */
enum err collective_leave(struct db *db, int64_t id, const struct actor *act, struct fault *f);

/* The board of collective id admits person_id as a non-voting adviser
 * (policy collective.manage_members, INITIATOR: a board member acting as a
 * resident). The person must hold a confirmed post (ERR_INVALID, field
 * "person", "Advisers are professionals: ..."); the capacity recorded is
 * their professional one. ERR_CONFLICT for a member or adviser already;
 * ERR_FORBIDDEN while founding. Records "collective.admit_adviser". */
enum err collective_admit_adviser(struct db *db, int64_t id, int64_t person_id,
                                  const struct actor *act, struct fault *f);

/* The board of collective id sets its roles: holders[0] chair, [1]
 * secretary, [2] treasurer, 0 for vacant (policy collective.edit,
 * INITIATOR). Each holder must be a voting member who joined; an adviser
 * gets ERR_FORBIDDEN with the facilitating reason ("Professionals
 * facilitate: ..."), anyone else ERR_INVALID, field "chair" / "secretary"
 * / "treasurer". One person holds one role at most (ERR_INVALID), and the
 * board may not be left empty (ERR_INVALID, field "chair"). Records
 * "collective.set_board". */
enum err collective_set_board(struct db *db, int64_t id, const int64_t holders[3],
                              const struct actor *act, struct fault *f);

/* A person named on a form or in a request ("12" or an e-mail address)
 * as an account number for the functions above: 0 for NULL or blank text
 * (nobody named), the number itself for digits, the account's id for the
 * e-mail address of an account that is not erased. An address nobody has,
 * or text that is neither, gives COLLECTIVE_NOBODY: an id no person has,
 * so that the function it is passed to refuses it with the same message as
 * any other person who does not qualify (naming someone does not tell
 * whether they have an account). */
#define COLLECTIVE_NOBODY INT64_MAX
enum err collective_person_ref(struct db *db, struct arena *a, const char *ref, int64_t *id,
                               struct fault *f);

/* The named and joined members of collective id: board first (chair,
 * secretary, treasurer), then members, then advisers, each by name. *items
 * from the arena. ERR_NOT_FOUND when there is no such collective. */
enum err collective_members(struct db *db, struct arena *a, int64_t id,
                            struct collective_member **items, int *n, struct fault *f);

/* The collectives working in area_code (a buurt: also those of its wijk; a
 * wijk: also those of its buurten; a gemeente: all inside it), or all
 * collectives when area_code is NULL, by area then name, at most
 * COLLECTIVE_LIST_MAX. Statutes are not loaded (NULL). */
enum err collective_list(struct db *db, struct arena *a, const char *area_code,
                         struct collective **items, int *n, struct fault *f);

/* The collectives whose board person_id sits on, by name (for forms that
 * start an initiative on a collective's behalf). Statutes not loaded. */
enum err collective_list_board_of(struct db *db, struct arena *a, int64_t person_id,
                                  struct collective **items, int *n, struct fault *f);

#endif
