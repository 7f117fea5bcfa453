/* The practice library (issue 9): the lessons of evaluated initiatives --
 * aim, what worked, what did not, the conditions -- published by their
 * initiators as best practices, with themes, the area they come from and,
 * when the publisher agreed to be asked, a contact. Browsable by theme and
 * area, with full-text search (the dialects differ in the driver:
 * db_fts_* in db/db.h), and the same search over initiatives' title and
 * aim gives "similar initiatives" on an initiative's page.
 *
 * Publishing copies the evaluation (model/initiative.h) into the library;
 * publishing again brings the copy up to date (one practice per initiative,
 * an upsert on its UNIQUE key). */
#ifndef WIJK_MODEL_PRACTICE_H
#define WIJK_MODEL_PRACTICE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    PRACTICE_THEMES_MAX = 5,  /* themes of one practice */
    PRACTICE_LIST_MAX = 50,   /* rows a list or a search gives at most */
    PRACTICE_QUERY_MAX = 200, /* characters of a search */
    PRACTICE_SIMILAR_MAX = 5, /* similar initiatives shown */
};

struct practice {
    int64_t id;
    int64_t initiative_id;
    const char *title;
    const char *aim;
    const char *worked;
    const char *did_not_work;
    const char *conditions;
    const char *buurt_code;
    const char *wijk_code;
    const char *gemeente_code;
    const char *buurt_name; /* filled by practice_get */
    int64_t contact_id;     /* 0: no contact */
    const char *contact_name;
    int64_t published_by;
    int64_t published_at;
    const char **themes;
    int n_themes;
};

/* The themes, NULL-terminated, in the order pages list them: static
 * storage; each is also a message id ("theme:green" style is not used:
 * the page translates the words through its own table). */
const char *const *practice_themes(void);

/* Whether theme is one of practice_themes(). */
bool practice_theme_valid(const char *theme);

/* What a publisher chooses: the themes (1..PRACTICE_THEMES_MAX, known,
 * no repeats; ERR_INVALID, field "themes") and whether they agree to be
 * the contact others may ask. */
struct practice_input {
    const char *const *themes;
    int n_themes;
    bool contact_me;
};

/* Publishes the lesson of initiative_id (policy practice.publish through
 * initiative_authorise: its initiators acting as residents). The input is
 * checked first; ERR_CONFLICT, field "evaluation", "This initiative has no
 * evaluation yet: enter its evaluation first, then publish its lesson."
 * without one. Records "practice.publish" on the initiative (public).
 * *id may be NULL. */
enum err practice_publish(struct db *db, int64_t initiative_id, const struct practice_input *in,
                          const struct actor *act, int64_t *id, struct fault *f);

/* Loads a practice with its themes and names; ERR_NOT_FOUND, "There is no
 * such practice.", when none. Public. */
enum err practice_get(struct db *db, struct arena *a, int64_t id, struct practice *out,
                      struct fault *f);

/* The practice of an initiative in *id, 0 when it has none. */
enum err practice_of_initiative(struct db *db, int64_t initiative_id, int64_t *id, struct fault *f);

/* A search of the library: all optional (NULL or ""). */
struct practice_query {
    const char *words; /* full-text, all words; at most PRACTICE_QUERY_MAX characters */
    const char *theme; /* practice_themes() */
    const char *area;  /* a buurt, wijk or gemeente code */
};

/* The practices matching q, best match first with words, else newest
 * first, at most PRACTICE_LIST_MAX (themes left empty). ERR_INVALID,
 * field "q", for words too long; field "theme" for an unknown theme;
 * field "area" for a code that is no area. Public. */
enum err practice_search(struct db *db, struct arena *a, const struct practice_query *q,
                         struct practice **items, int *n, struct fault *f);

/* A similar initiative. */
struct practice_similar {
    int64_t initiative_id;
    const char *title;
    const char *phase;
    int64_t practice_id; /* 0: no published practice */
};

/* Up to PRACTICE_SIMILAR_MAX other initiatives whose title and aim share
 * words with initiative_id's, best first (any word matches). ERR_NOT_FOUND
 * for an unknown initiative. Public. */
enum err practice_similar(struct db *db, struct arena *a, int64_t initiative_id,
                          struct practice_similar **items, int *n, struct fault *f);

#endif
