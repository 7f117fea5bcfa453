/* Organisations: the arena's actors (DESIGN.md §3) -- institutions, formal
 * associations, informal groups, existing initiatives and businesses -- with
 * their profile (description, contact, address, legal form, KvK number) and
 * the areas they serve (gemeente, wijk or buurt codes). Services, locations
 * and the relations between actors are modules of their own that refer to
 * these rows.
 *
 * Registering one and editing its profile are writes: each checks its actor
 * against the policy table before it looks at the input, and records its
 * public audit entry in the same transaction. Who may register:
 *   - a platform admin, any organisation (organisation.create);
 *   - a municipality admin, one whose areas served all lie in a gemeente
 *     they administer (organisation.create, MEMBER);
 *   - a verified resident, an informal group serving only buurten they live
 *     in (organisation.create_informal_group, MEMBER);
 *   - the operator at the console (person 0, CAPACITY_CONSOLE), unchecked.
 * The profile is edited by the organisation's own admins
 * (organisation.edit_profile, MEMBER). Reading is open to everyone
 * (organisation.view), so the reads take no actor.
 *
 * The implementation is three files: organisation.c (writes and loading),
 * organisation_check.c (validating and normalising a profile) and
 * organisation_search.c (search, browse and the areas' lists). */
#ifndef WIJK_MODEL_ORGANISATION_H
#define WIJK_MODEL_ORGANISATION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    ORGANISATION_NAME_MAX = 200,         /* characters */
    ORGANISATION_DESCRIPTION_MAX = 2000, /* characters */
    ORGANISATION_AREAS_MAX = 50,         /* areas served by one organisation */
    ORGANISATION_LIST_MAX = 1000,        /* rows organisation_list gives at most */
    ORGANISATION_PAGE_MAX = 100,         /* rows one search page gives at most */
};

/* An organisation. The profile strings are NULL when not given. */
struct organisation {
    int64_t id;
    const char *name;
    const char *kind; /* see organisation_kind_valid */
    int64_t created_at;
    const char *description; /* up to 2000 characters, may span lines */
    const char *website;     /* an http:// or https:// URL */
    const char *email;       /* normalised as person_email_normalise does */
    const char *phone;       /* digits, spaces, '+', '-' */
    const char *street;      /* street and number */
    const char *postal_code; /* "1234 AB" */
    const char *city;
    const char *legal_form; /* see organisation_legal_forms; never for informal groups */
    const char *kvk;        /* 8 digits, unique; never for informal groups */
    const char **areas;     /* codes of the areas served, ordered; NULL when not loaded */
    int n_areas;
};

/* The kinds, NULL-terminated: institution, formal_association,
 * informal_group, existing_initiative, business. Static storage. */
const char *const *organisation_kinds(void);

/* Whether kind is one of organisation_kinds(). */
bool organisation_kind_valid(const char *kind);

/* The legal forms, NULL-terminated: stichting, vereniging, cooperatie, bv,
 * nv, vof, eenmanszaak, maatschap, other. Static storage. */
const char *const *organisation_legal_forms(void);

/* Registers the organisation described by in (id, created_at ignored): its
 * name (1..200 characters, one line; field "name"), kind (field "kind"),
 * profile and areas served (in->areas[0..n_areas), at most 50; duplicates
 * count once). Who may: see the top of this file; the policy is asked
 * before the input is looked at (ERR_FORBIDDEN with its reason). Then the
 * profile is checked as organisation_check_profile says, each area must
 * exist (ERR_NOT_FOUND, field "areas", naming the code), and a KvK number
 * another organisation has gives ERR_CONFLICT, field "kvk". Records the
 * public entry "organisation.create" (detail: the kind and the area codes;
 * never the name or the contact details) in the same transaction, own or
 * the caller's. Nothing is written on an error. *id may be NULL. */
enum err organisation_register(struct db *db, const struct organisation *in,
                               const struct actor *act, int64_t *id, struct fault *f);

/* organisation_register with only a name and a kind: no profile, no
 * areas (so a municipality admin is refused: they register organisations
 * serving their gemeente). For the console and the demo. */
enum err organisation_create(struct db *db, const char *name, const char *kind,
                             const struct actor *act, int64_t *id, struct fault *f);

/* Whether act may edit organisation id's profile: ERR_OK for an admin of
 * that organisation acting as organisation admin (policy
 * organisation.edit_profile, MEMBER), else ERR_FORBIDDEN with the reason;
 * ERR_NOT_FOUND, field "organisation", when there is none. */
enum err organisation_may_edit(struct db *db, int64_t id, const struct actor *act, struct fault *f);

/* Replaces organisation id's name and profile with in's (in->id and
 * in->kind are ignored: an organisation's kind never changes), and its
 * areas served with in->areas when in->areas is not NULL (n_areas 0: none),
 * else keeps them. Asks organisation_may_edit first; then the checks and
 * errors of organisation_register. Records the public entry
 * "organisation.edit_profile" (detail: the names of the fields that
 * changed, never their values) in the same transaction; nothing when
 * nothing changed. */
enum err organisation_update_profile(struct db *db, int64_t id, const struct organisation *in,
                                     const struct actor *act, struct fault *f);

/* Checks and normalises in's name and profile for an organisation of kind
 * (in->kind is not read) into *out (strings from the arena; empty or
 * all-space strings become NULL; areas are not looked at). ERR_INVALID with
 * the field named and a message that says what fits: name, description (at
 * most 2000 characters), website (http:// or https://), email (as
 * person_email_normalise), phone (6 to 20 digits with spaces, '+', '-'),
 * street (one line, at most 200 characters), postal_code ("1234 AB", any
 * case, with or without the space; stored as "1234 AB"), city (one line, at
 * most 100), legal_form (one of organisation_legal_forms), kvk (exactly 8
 * digits); an informal group with a legal form or a KvK number is refused
 * (fields "legal_form", "kvk"). Pure but for the arena. */
enum err organisation_check_profile(struct arena *a, const char *kind,
                                    const struct organisation *in, struct organisation *out,
                                    struct fault *f);

/* Loads organisation id with its profile and areas served; ERR_NOT_FOUND,
 * field "organisation", when there is none. Strings from the arena. */
enum err organisation_get(struct db *db, struct arena *a, int64_t id, struct organisation *out,
                          struct fault *f);

/* The organisations ordered by name, then id: at most limit of them (1 to
 * ORGANISATION_LIST_MAX, else ERR_INVALID, field "limit"). *items from the
 * arena (without areas), *n their number. */
enum err organisation_list(struct db *db, struct arena *a, int limit, struct organisation **items,
                           int *n, struct fault *f);

/* A search: every filter is optional (NULL or 0). */
struct organisation_query {
    const char *q;    /* part of the name, any case (ASCII letters folded) */
    const char *kind; /* one of organisation_kinds(); else ERR_INVALID, field "kind" */
    const char *area; /* serving this area in the sense of organisation_list_serving */
    int64_t after;    /* the cursor: the id of the last organisation of the page before */
    int limit;        /* 1..ORGANISATION_PAGE_MAX, else ERR_INVALID, field "limit" */
};

struct organisation_page {
    struct organisation *items; /* without areas */
    int n;
    int64_t next; /* the cursor of the next page (its last id), 0: no more */
};

/* The organisations matching q, ordered by name, then id, from just after
 * the organisation q->after (keyset paging; ERR_NOT_FOUND, field "cursor",
 * for a cursor that names no organisation). An area that does not exist
 * simply matches nothing. Strings from the arena. */
enum err organisation_search(struct db *db, struct arena *a, const struct organisation_query *q,
                             struct organisation_page *out, struct fault *f);

/* The organisations serving area_code as the arena page of that area shows
 * them: those serving the area itself, an area it lies in (a buurt's wijk
 * and gemeente, a wijk's gemeente) or an area that lies in it (a wijk's
 * buurten, a gemeente's wijken and buurten). Ordered by kind, then name,
 * then id; at most ORGANISATION_LIST_MAX. *items from the arena (without
 * areas), *n their number. ERR_NOT_FOUND, field "area", for an unknown
 * area. */
enum err organisation_list_serving(struct db *db, struct arena *a, const char *area_code,
                                   struct organisation **items, int *n, struct fault *f);

/* The id of the organisation called exactly name, 0 when there is none
 * (the lowest id when several share it). For the demo and the console. */
enum err organisation_find(struct db *db, const char *name, int64_t *id, struct fault *f);

#endif
