/* Relations between the arena's actors (DESIGN.md §3): one actor
 * collaborates with, funds, houses, is part of or succeeded another, from a
 * start date until an end date (NULL while it lasts), recorded by someone.
 * Dates are "YYYY-MM-DD" (real calendar dates; stored as text, which sorts
 * as the calendar does). "collaborates_with" has no direction: it is stored
 * with the lower actor first, so A-B and B-A are the same relation.
 *
 * Recording and ending are writes (policy organisation.relate): only an
 * admin of one of the two actors, acting as the admin of that one
 * ("organisation_admin:17", or "organisation_admin" while they administer
 * one of the two), is MEMBER; the console (person 0, CAPACITY_CONSOLE)
 * records without a check. The capacity is asked about before the input
 * is looked at, so a resident or a professional learns nothing from the
 * answer; then the relation to the two actors. Each write records its
 * public audit entry ("relation.create", "relation.end"; detail: the kind)
 * in the same transaction, own or the caller's. Reading is open to all. */
#ifndef WIJK_MODEL_RELATION_H
#define WIJK_MODEL_RELATION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/arena.h"
#include "model/audit.h"

struct arena;
struct db;

enum { RELATION_LIST_MAX = 500 }; /* rows relation_list_for gives at most */

struct relationship {
    int64_t id;
    struct arena_actor from, to; /* with names and kinds when loaded */
    const char *kind;            /* see relation_kinds */
    const char *start_date;      /* "YYYY-MM-DD" */
    const char *end_date;        /* NULL: lasting */
    int64_t recorded_by;         /* 0: the console */
    int64_t recorded_at;
    int64_t ended_by; /* 0: not ended by someone (still lasting, or recorded ended) */
    int64_t ended_at;
};

/* The kinds, NULL-terminated: collaborates_with, funds, houses, is_part_of,
 * succeeded. Static storage. */
const char *const *relation_kinds(void);

/* Whether kind is one of relation_kinds(). */
bool relation_kind_valid(const char *kind);

/* Records that in->from relates to in->to as in->kind from
 * in->start_date until in->end_date (NULL: lasting); in->id, names and
 * the recorded and ended columns are ignored. Errors, in this order:
 * ERR_FORBIDDEN with the policy's reason for a capacity the action is
 * denied to in any relation, then for an actor who administers neither
 * actor; ERR_INVALID for an unknown actor type (field "type"), the same
 * actor twice (field "to"), an unknown kind (field "kind"), a start date
 * that is not a date (field "start_date"), an end date that is not one or
 * lies before the start (field "end_date"); ERR_NOT_FOUND naming the
 * actor that does not exist (field "from" or "to"); ERR_CONFLICT when the
 * same relation already lasts, or one with the same start exists. Nothing
 * is written on an error. The fault's slots live in a. *id may be NULL. */
enum err relation_create(struct db *db, struct arena *a, const struct relationship *in,
                         const struct actor *act, int64_t *id, struct fault *f);

/* Ends lasting relation id on end_date ("YYYY-MM-DD"; NULL: the day of
 * act->now, UTC), by an admin of either actor as above. ERR_FORBIDDEN (the
 * capacity first, as relation_create), ERR_NOT_FOUND for an unknown
 * relation, ERR_INVALID, field "end_date", for a date that is not one or
 * lies before the start, ERR_CONFLICT when it has ended already. The
 * fault's slots live in a. Records "relation.end". */
enum err relation_end(struct db *db, struct arena *a, int64_t id, const char *end_date,
                      const struct actor *act, struct fault *f);

/* Loads relation id with both actors' names and kinds; ERR_NOT_FOUND when
 * there is none. Strings from the arena. */
enum err relation_get(struct db *db, struct arena *a, int64_t id, struct relationship *out,
                      struct fault *f);

/* The relations of the actor type / id, in either direction, lasting ones
 * first, then by start date, newest first; at most RELATION_LIST_MAX, with
 * both actors' names and kinds. *items from the arena. ERR_INVALID for an
 * unknown type; an actor that does not exist simply has none. */
enum err relation_list_for(struct db *db, struct arena *a, const char *type, int64_t id,
                           struct relationship **items, int *n, struct fault *f);

/* Whether act may record relations of the actor type / id: ERR_OK for an
 * admin of it acting as its admin (policy organisation.relate, MEMBER),
 * else ERR_FORBIDDEN with the reason. For pages that show the form only
 * to those who may use it. */
enum err relation_authorise(struct db *db, const char *type, int64_t id, const struct actor *act,
                            struct fault *f);

#endif
