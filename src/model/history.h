/* The neighbourhood's history (DESIGN.md §3): dated events of an area's
 * arena -- an institution arrived or left, an initiative started or ended,
 * a decision, a renovation -- each with a title, an optional description,
 * the actors it concerns and who added it, in which capacity.
 *
 * Adding is a write (policy history.add_event, MEMBER): a verified
 * resident of the area -- of the buurt, or of a buurt of the wijk --
 * acting as resident (a claimed "resident:<buurt>" must be such a buurt),
 * or a municipality admin of the area's gemeente acting as one; the
 * console (person 0, CAPACITY_CONSOLE) adds without a check. The capacity
 * is asked about first, then the relation to the area, then the input.
 * It records the public audit entry "history.add_event" (detail: the
 * kind) in the same transaction, own or the caller's. Reading is open to
 * everyone (history.view). */
#ifndef WIJK_MODEL_HISTORY_H
#define WIJK_MODEL_HISTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/arena.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    HISTORY_TITLE_MAX = 200,        /* characters */
    HISTORY_DESCRIPTION_MAX = 5000, /* characters */
    HISTORY_ACTORS_MAX = 20,        /* actors linked to one event */
    HISTORY_PAGE_MAX = 100,         /* events one page gives at most */
};

struct history_event {
    int64_t id;
    const char *area_code;
    const char *date; /* "YYYY-MM-DD" */
    const char *kind; /* see history_kinds */
    const char *title;
    const char *description;    /* NULL: none */
    struct arena_actor *actors; /* with names and kinds when loaded */
    int nactors;
    int64_t author_id;    /* 0: the console */
    const char *capacity; /* the author's capacity, NULL: none */
    int64_t created_at;
};

/* The kinds, NULL-terminated: institution_arrived, institution_left,
 * initiative_started, initiative_ended, decision, renovation, other.
 * Static storage. */
const char *const *history_kinds(void);

/* Whether kind is one of history_kinds(). */
bool history_kind_valid(const char *kind);

/* Whether act may add events to area_code's history (see the top): ERR_OK,
 * or ERR_FORBIDDEN with the policy's reason; ERR_NOT_FOUND, field "area",
 * for an unknown area (after the capacity's verdict). */
enum err history_authorise(struct db *db, const char *area_code, const struct actor *act,
                           struct fault *f);

/* Adds in (id, author, capacity and created_at ignored) to in->area_code's
 * history as act. Errors, in this order: those of history_authorise; then
 * ERR_INVALID for a date that is not one or lies after the day of
 * act->now (field "date"), an unknown kind (field "kind"), a title of
 * 1..200 characters on one line missing (field "title"), a description
 * over 5000 characters (field "description"), more than 20 actors or the
 * same one twice (field "actors"); ERR_NOT_FOUND, field "actors", naming
 * an actor that does not exist. Nothing is written on an error. The
 * fault's slots live in a. *id may be NULL. */
enum err history_add(struct db *db, struct arena *a, const struct history_event *in,
                     const struct actor *act, int64_t *id, struct fault *f);

/* Loads event id with its actors; ERR_NOT_FOUND when there is none.
 * Strings from the arena. */
enum err history_get(struct db *db, struct arena *a, int64_t id, struct history_event *out,
                     struct fault *f);

/* A page of a timeline, newest first. */
struct history_page {
    struct history_event *items;
    int n;
    int64_t next; /* the cursor of the next page (the last event's id), 0: no more */
};

/* The events of area_code and of the areas in it (a wijk's buurten, a
 * gemeente's wijken and buurten), newest date first (then newest id),
 * with their actors: from just after event `before` (0: from the newest;
 * keyset paging), at most limit (1..HISTORY_PAGE_MAX, else ERR_INVALID,
 * field "limit"). ERR_NOT_FOUND, field "area", for an unknown area;
 * ERR_NOT_FOUND, field "before", for a cursor that names no event.
 * Strings from the arena. */
enum err history_list(struct db *db, struct arena *a, const char *area_code, int64_t before,
                      int limit, struct history_page *out, struct fault *f);

#endif
