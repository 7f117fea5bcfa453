/* The capacity inventory (issue 9, asset-based community development):
 * the shipped taxonomy of skills in four families -- social,
 * organisational, cognitive, practical --, each skill with a Dutch and an
 * English name and the skills related to it; and each person's registered
 * skills (a level, whether they are willing to share it) with one profile:
 * the hours a month they have (0..744), who may find them (anyone looking
 * for matches, verified residents of their own wijk, or only the
 * initiators they allow), whether they pause being asked, and free text.
 *
 * The taxonomy is a C table (skill.c): static data, no database. Every
 * write takes the actor, asks the policy (skill.register, OWN) first and
 * records its restricted audit entry in the same transaction. */
#ifndef WIJK_MODEL_SKILL_H
#define WIJK_MODEL_SKILL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    SKILL_RELATED_MAX = 4,   /* related skills of one skill */
    SKILL_HOURS_MAX = 744,   /* hours in a month of 31 days */
    SKILL_ABOUT_MAX = 1000,  /* characters of the free text */
    SKILL_PERSON_MAX = 30,   /* skills one person registers */
    SKILL_ALLOWED_MAX = 100, /* initiators one person allows */
};

/* One skill of the taxonomy. Names are plain text in each language (the
 * taxonomy is data, not message ids). */
struct skill {
    const char *code;   /* "carpentry": [a-z_] */
    const char *family; /* "social", "organisational", "cognitive", "practical" */
    const char *name_nl;
    const char *name_en;
    const char *related[SKILL_RELATED_MAX + 1]; /* codes, NULL-terminated */
};

/* The families in order, NULL-terminated; static storage. */
const char *const *skill_families(void);

/* The taxonomy, in family order then by code; *n its length. Static. */
const struct skill *skill_taxonomy(int *n);

/* The skill of this code, or NULL for an unknown code (NULL code too). */
const struct skill *skill_find(const char *code);

/* The name of a skill in lang ("nl" or anything else: English); the code
 * itself for an unknown one. Static storage or code. */
const char *skill_name(const char *code, const char *lang);

/* Whether a and b are related (either lists the other); false for equal
 * or unknown codes. */
bool skill_related(const char *a, const char *b);

/* The levels in order, NULL-terminated: beginner, capable, expert. */
const char *const *skill_levels(void);

/* The visibilities, NULL-terminated: public, wijk, allowed. */
const char *const *skill_visibilities(void);

/* ERR_INVALID, field (e.g. "skill"), "There is no skill with this code.
 * Choose one from the list." for an unknown code. Pure. */
enum err skill_code_check(const char *code, const char *field, struct fault *f);

/* One registered skill. */
struct skill_entry {
    const char *code;
    const char *level; /* skill_levels() */
    bool willing;      /* willing to share it */
};

/* A person's profile and skills: what /me/skills shows and saves. */
struct skill_profile {
    int64_t person_id;
    bool exists;              /* false: nothing registered yet (defaults) */
    int hours_month;          /* 0..SKILL_HOURS_MAX */
    const char *visibility;   /* skill_visibilities() */
    bool paused;              /* true: not to be asked now */
    const char *about;        /* free text, "" for none or when hidden by a moderator */
    const char *about_hidden; /* NULL, or the moderator's reason for hiding about */
    struct skill_entry *skills;
    int n_skills;
    int64_t *allowed; /* person ids of the allowed initiators */
    int n_allowed;
    int64_t updated_at;
};

/* Checks a profile before anything is written: hours 0..744 (field
 * "hours_month", "Give between 0 and 744 hours a month: a month has no more."),
 * a known visibility (field "visibility"), about at most SKILL_ABOUT_MAX
 * characters of valid UTF-8 (field "about"), at most SKILL_PERSON_MAX
 * skills with known codes (field "skill", as skill_code_check), no code
 * twice (field "skill") and known levels (field "level"), at most
 * SKILL_ALLOWED_MAX allowed ids, each > 0 (field "allowed"). Pure. */
enum err skill_profile_check(const struct skill_profile *p, struct fault *f);

/* Parses a list of skills as the API writes it: entries separated by
 * commas, each "code:level" or "code:level:unwilling" (spaces around them
 * ignored; "" is no skills). Into *items (from the arena), *n their number.
 * ERR_INVALID, field "skills", "Write each skill as code:level, such as
 * carpentry:expert." for a malformed entry or more than SKILL_PERSON_MAX;
 * codes and levels are skill_profile_check's to judge. */
enum err skill_parse_list(struct arena *a, const char *text, struct skill_entry **items, int *n,
                          struct fault *f);

/* Parses person numbers as people write them, "12, 15" (commas and
 * spaces between), into *ids (from the arena), *n their number.
 * ERR_INVALID, field "allowed", "List the initiators you allow by their
 * numbers, such as 12, 15." for anything else or more than
 * SKILL_ALLOWED_MAX. */
enum err skill_parse_ids(struct arena *a, const char *text, int64_t **ids, int *n, struct fault *f);

/* act's person saves their whole profile and skills (policy
 * skill.register, OWN: acting as resident or professional; else
 * ERR_FORBIDDEN). Checked first (skill_profile_check); an allowed id that
 * is no person gives ERR_INVALID, field "allowed". Replaces what was there
 * in one transaction; records the restricted "skill.register" on the
 * person. p->person_id is ignored. */
enum err skill_save(struct db *db, const struct skill_profile *p, const struct actor *act,
                    struct fault *f);

/* act's person pauses (true) or resumes (false) being asked (policy
 * skill.register, OWN). ERR_NOT_FOUND, "Register your skills first.",
 * without a profile. Records "skill.pause" or "skill.resume". */
enum err skill_pause(struct db *db, bool paused, const struct actor *act, struct fault *f);

/* person_id's profile and skills (skills by code; strings from the arena);
 * out->exists false with defaults (0 hours, visibility "wijk", not paused)
 * when they registered nothing. No policy: callers show it to its owner. */
enum err skill_profile_get(struct db *db, struct arena *a, int64_t person_id,
                           struct skill_profile *out, struct fault *f);

/* Moderation (model/moderation.h): a profile's free text ("about") is
 * content, object type "skill_about" with the person's id, by the person
 * (the registry there finds it). A hidden text never leaves this module:
 * skill_profile_get gives "" and about_hidden instead. */

#endif
