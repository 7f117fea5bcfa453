/* The arena of an area (DESIGN.md §3): its actors and the relations among
 * them, as the arena page draws them.
 *
 * Actors are named by a type and an id. The types that exist are rows of a
 * registry (arena.c): today only "organisation"; collectives and
 * initiatives arrive with a later issue as rows of their own (and as values
 * of the CHECKs of sql/.../0007_arena.sql). A row knows how to find an
 * actor's name and kind, which capacity administers it (for relations:
 * model/relation.h) and the message that names a missing one.
 *
 * Reading is open to everyone (organisation.view, history.view), so these
 * functions take no actor. (The prefix arena_actor_ / arena_network_ is
 * this module's; core/arena.h's arena_new, arena_alloc, ... are memory.) */
#ifndef WIJK_MODEL_ARENA_H
#define WIJK_MODEL_ARENA_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct arena;
struct db;

enum { ARENA_NETWORK_MAX = 1000 }; /* relations an arena shows at most */

/* An actor as a reference and, once looked up, its name and kind. */
struct arena_actor {
    const char *type; /* "organisation" */
    int64_t id;
    const char *name; /* NULL until looked up */
    const char *kind; /* the actor's own kind ("institution", ...); NULL until looked up */
};

/* The actor types, NULL-terminated. Static storage. */
const char *const *arena_actor_types(void);

/* Whether type is one of arena_actor_types(). */
bool arena_actor_type_valid(const char *type);

/* The capacity name that administers actors of type ("organisation_admin"
 * for organisations), NULL for an unknown type. Static storage. */
const char *arena_actor_admin_capacity(const char *type);

/* Parses "organisation:17" into *out (type from static storage, name and
 * kind NULL). ERR_INVALID, field "actors", with a message naming the text
 * for anything else: an unknown type, an id that is not a positive
 * number. Pure. */
enum err arena_actor_parse(const char *text, struct arena_actor *out, struct fault *f);

/* Looks up the actor out->type / out->id and fills out->name and
 * out->kind (from the arena). ERR_INVALID, field "type", for an unknown
 * type; ERR_NOT_FOUND with field (may be NULL) and a message naming the
 * actor ("There is no organisation with number 17.") when it does not
 * exist. */
enum err arena_actor_lookup(struct db *db, struct arena *a, struct arena_actor *out,
                            const char *field, struct fault *f);

/* One relation of the arena as drawn: indexes into the network's nodes. */
struct arena_edge {
    int64_t id;       /* the relation's id */
    int from, to;     /* indexes into nodes */
    const char *kind; /* "funds", ... (model/relation.h) */
    const char *start_date;
    const char *end_date; /* NULL: lasting */
};

/* An area's arena: the actors serving it (organisation_list_serving: the
 * area itself, the areas it lies in and the areas in it), ordered by kind
 * then name, and the relations among them, ordered as their first actors
 * are, then as their second actors are, then by start date. */
struct arena_network {
    struct arena_actor *nodes;
    int nnodes;
    struct arena_edge *edges;
    int nedges;
};

/* Loads the arena of area_code into *out (from the arena a). ERR_NOT_FOUND,
 * field "area", for an unknown area. At most ORGANISATION_LIST_MAX actors
 * and ARENA_NETWORK_MAX relations. */
enum err arena_network_load(struct db *db, struct arena *a, const char *area_code,
                            struct arena_network *out, struct fault *f);

/* The demo gemeente's arena: relations among the demo organisations and
 * events in its history (arena_demo.c), recorded as the console in the
 * caller's transaction. Runs after model/demo.c has made the
 * organisations (else ERR_NOT_FOUND); idempotent. */
enum err arena_demo_create(struct db *db, struct fault *f);

#endif
