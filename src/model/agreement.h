/* Cooperation agreements (DESIGN.md §3, issue 8): what a resident
 * collective, organisations and a gemeente promise each other -- a purpose,
 * commitments per party (hours, money, space, other), a term, and who is
 * responsible for what -- signed by each party through someone authorised
 * for it.
 *
 * Parties are fixed when the agreement is drafted: at least one resident
 * collective, plus organisations and/or a gemeente. The text lives in
 * versions that never change: every revision writes a new version, so a
 * change after a signature leaves the old signatures with the old version,
 * where they count no more. A party signs the current version only (a
 * superseded one is refused), through a board member of the collective
 * acting as resident (INITIATOR), an admin of the organisation or of the
 * gemeente acting as such (MEMBER); one signature per party per version is
 * a UNIQUE constraint. Status: draft (no signature on the current
 * version), signed (some), active (all), terminated or ended by a party;
 * an active agreement whose term is over reads as ended.
 *
 * When an agreement becomes active its responsibilities enter the register
 * of responsibility questions of the initiatives it concerns
 * (model/responsibility.h: a question answered with the responsible party,
 * linked to the agreement).
 *
 * Every write takes the actor, asks the policy table (agreement.*) with the
 * actor's relation to a party before it looks at anything else, records its
 * public audit entry (object "agreement") and its notifications in the same
 * transaction. Reading is public (agreement.view). */
#ifndef WIJK_MODEL_AGREEMENT_H
#define WIJK_MODEL_AGREEMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"
#include "policy/policy.h"

struct arena;
struct db;

enum {
    AGREEMENT_TITLE_MAX = 200,       /* characters, one line */
    AGREEMENT_PURPOSE_MAX = 5000,    /* characters */
    AGREEMENT_ITEM_MAX = 1000,       /* characters of a commitment or responsibility */
    AGREEMENT_REASON_MAX = 1000,     /* characters of a reason to end */
    AGREEMENT_PARTIES_MAX = 10,      /* parties of one agreement */
    AGREEMENT_ITEMS_MAX = 30,        /* commitments, and responsibilities, of one version */
    AGREEMENT_INITIATIVES_MAX = 10,  /* initiatives one agreement concerns */
    AGREEMENT_LIST_MAX = 500,        /* rows a list gives at most */
    AGREEMENT_VERSIONS_MAX = 200,    /* versions of one agreement */
    AGREEMENT_AMOUNT_MAX = 10000000, /* hours or euros of one commitment */
};

/* A party. kind is "collective", "organisation" or "gemeente", with the
 * matching id or code; name is filled by reads. */
struct agreement_party {
    int64_t id; /* reads; ignored by agreement_draft */
    const char *kind;
    int64_t collective_id;
    int64_t organisation_id;
    const char *gemeente_code;
    const char *name;
};

/* A commitment: party is an index into the agreement's parties (0-based);
 * kind "hours", "money", "space" or "other"; amount (hours, euros) for
 * hours and money, which need one; text describes it (required for space
 * and other). */
struct agreement_commitment {
    int party;
    const char *kind;
    int64_t amount; /* -1: none */
    const char *text;
};

/* Who is responsible for what: party (index as above) and subject. */
struct agreement_duty {
    int party;
    const char *subject;
};

/* The text of a version. Dates are YYYY-MM-DD (local days). */
struct agreement_text {
    const char *title;
    const char *purpose;
    const char *term_from;
    const char *term_to;
    const struct agreement_commitment *commitments;
    int n_commitments;
    const struct agreement_duty *duties;
    int n_duties;
};

struct agreement_version {
    int64_t id;
    int version;
    struct agreement_text text;
    int64_t created_by;
    const char *created_by_name;
    const char *created_capacity;
    int64_t created_at;
};

struct agreement_signature {
    int64_t id;
    int version;
    int party; /* index into the agreement's parties */
    int64_t person_id;
    const char *person_name;
    const char *capacity;
    int64_t signed_at;
};

/* An agreement as read back; strings and arrays from the arena. */
struct agreement {
    int64_t id;
    int version;        /* the current version's number */
    const char *status; /* draft, signed, active, ended, terminated (see agreement_state) */
    int64_t created_by;
    int64_t created_at;
    int64_t updated_at;
    int64_t ended_at; /* 0: not ended by a party */
    const char *end_reason;
    struct agreement_party *parties;
    int n_parties;
    int64_t *initiatives;
    const char **initiative_titles;
    int n_initiatives;
    struct agreement_version current;
    struct agreement_signature *signatures; /* on the current version, by party */
    int n_signatures;
};

/* The status as it reads on local day today (YYYY-MM-DD): "ended" for an
 * active agreement whose term ended before today, else the stored one.
 * Pure. */
const char *agreement_state(const struct agreement *ag, const char *today);

/* The local (Europe/Amsterdam) day of unix time now, as YYYY-MM-DD, from
 * the arena. */
const char *agreement_today(struct arena *a, int64_t now);

/* The commitment kinds, NULL-terminated: hours, money, space, other. */
const char *const *agreement_commitment_kinds(void);

/* Drafts an agreement between parties (1..AGREEMENT_PARTIES_MAX), about
 * initiatives (0..AGREEMENT_INITIATIVES_MAX ids), with text as version 1.
 * The actor must be authorised for one of the parties (policy
 * agreement.draft with that relation; else ERR_FORBIDDEN with the
 * reason). ERR_INVALID with a field: "parties" without a resident
 * collective, with a party twice, too many, or of an unknown kind;
 * "collective", "organisation", "gemeente" for one that does not exist (or
 * a collective that is not active); "initiatives" for an unknown initiative
 * or one twice; and the text's errors (agreement_check_text). Records
 * "agreement.draft" and notifies those who may sign for the other parties
 * (agreement_signature_needed). Nothing is written on an error. *id may be
 * NULL. */
enum err agreement_draft(struct db *db, const struct agreement_party *parties, int n_parties,
                         const int64_t *initiatives, int n_initiatives,
                         const struct agreement_text *text, const struct actor *act, int64_t *id,
                         struct fault *f);

/* Checks a text against n_parties parties. ERR_INVALID with the field:
 * "title" (1..AGREEMENT_TITLE_MAX, one line), "purpose"
 * (1..AGREEMENT_PURPOSE_MAX), "term_from"/"term_to" (not a date; term_to
 * before term_from: "An agreement cannot end before it starts."),
 * "commitments" (too many, a party out of range, an unknown kind, hours or
 * money without an amount or with one out of range, a text too long,
 * space or other without a text), "responsibilities" (too many, a party
 * out of range, a subject empty or too long). Pure apart from f. */
enum err agreement_check_text(const struct agreement_text *text, int n_parties, struct fault *f);

/* Checks the parties of a draft (n of them) and that they exist.
 * ERR_INVALID, field "parties": none or more than AGREEMENT_PARTIES_MAX, an
 * unknown kind, a party twice, no resident collective among them ("An
 * agreement needs at least one resident collective among its parties.");
 * field "collective", "organisation" or "gemeente" for one that does not
 * exist (a collective must be active). The errors of the database. */
enum err agreement_check_parties(struct db *db, const struct agreement_party *parties, int n,
                                 struct fault *f);

/* Checks initiative ids (0..AGREEMENT_INITIATIVES_MAX, each once, each
 * existing); ERR_INVALID, field "initiatives", otherwise. */
enum err agreement_check_initiatives(struct db *db, const int64_t *ids, int n, struct fault *f);

/* Whether two texts are the same, field by field, commitment by
 * commitment, responsibility by responsibility (NULL counts as ""). Pure. */
bool agreement_text_equal(const struct agreement_text *a, const struct agreement_text *b);

/* Revises agreement id: writes text as a new version after expected (the
 * version the author read; another revision in between gives ERR_CONFLICT,
 * field "version"), which voids every signature -- the status is draft
 * again. The actor must be authorised for a party (agreement.revise). An
 * ended or terminated agreement: ERR_CONFLICT. A text identical to the
 * current one: ERR_INVALID, field "title", "Nothing was changed.". The
 * text's errors as agreement_check_text. Records "agreement.revise" and
 * notifies the parties' signers (agreement_version). *version may be NULL. */
enum err agreement_revise(struct db *db, int64_t id, int expected, const struct agreement_text *text,
                          const struct actor *act, int *version, struct fault *f);

/* Signs version of agreement id for party (index) as act. The actor must be
 * authorised for that very party (agreement.sign with the relation to it;
 * ERR_FORBIDDEN otherwise). ERR_CONFLICT, field "version", for a version
 * that is not the current one ("superseded"), for an agreement that is
 * ended or terminated, and, field "party", for a party that signed this
 * version already (the UNIQUE constraint decides between simultaneous
 * signatures). ERR_NOT_FOUND for an unknown agreement or party. The last
 * signature makes it active: its responsibilities then enter the registers
 * of its initiatives and every signer hears (agreement_active); before
 * that the parties still to sign hear (agreement_signature_needed).
 * Records "agreement.sign". *active may be NULL. */
enum err agreement_sign(struct db *db, int64_t id, int version, int party, const struct actor *act,
                        bool *active, struct fault *f);

/* Ends agreement id with reason (1..AGREEMENT_REASON_MAX, field "reason"):
 * "ended" on or after the term's last day, else "terminated". The actor
 * must be authorised for a party (agreement.end). ERR_CONFLICT when it is
 * ended or terminated already. Records "agreement.end". */
enum err agreement_end(struct db *db, int64_t id, const char *reason, const struct actor *act,
                       struct fault *f);

/* Agreement id with its parties, initiatives, current version and the
 * signatures on it. ERR_NOT_FOUND when there is none. */
enum err agreement_get(struct db *db, struct arena *a, int64_t id, struct agreement *out,
                       struct fault *f);

/* Version number of agreement id (commitments and responsibilities
 * included). ERR_NOT_FOUND when there is no such version. */
enum err agreement_version_get(struct db *db, struct arena *a, int64_t id, int version,
                               struct agreement_version *out, struct fault *f);

/* Every signature on every version of agreement id, by version then party. */
enum err agreement_signatures(struct db *db, struct arena *a, int64_t id,
                              struct agreement_signature **items, int *n, struct fault *f);

/* The relation of act to party (index) of ag: REL_INITIATOR for a board
 * member of the collective, REL_MEMBER for an admin of the organisation or
 * of the gemeente (held now), else REL_OTHER. */
enum err agreement_party_relation(struct db *db, const struct agreement *ag, int party,
                                  const struct actor *act, enum relation *rel, struct fault *f);

/* A row of a list. */
struct agreement_row {
    int64_t id;
    const char *title;
    const char *status; /* as agreement_state on the day of the list */
    int version;
    const char *term_from;
    const char *term_to;
    const char *parties; /* the parties' names, joined with ", " */
};

/* Agreements, newest first, at most AGREEMENT_LIST_MAX: all of them
 * (kind NULL), or those with party kind ("collective", "organisation",
 * "gemeente") key (an id, or a gemeente code), or with kind "initiative"
 * those concerning initiative key. today decides "ended". ERR_INVALID,
 * field "party", for another kind. */
enum err agreement_list(struct db *db, struct arena *a, const char *kind, const char *key,
                        const char *today, struct agreement_row **items, int *n, struct fault *f);

#endif
