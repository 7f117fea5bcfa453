/* Rule-free zones (regelluwe zones; DESIGN.md §3, issue 8): an area where
 * the gemeente suspends some of its rules so that residents can try
 * something new.
 *
 * A resident collective asks for one through its board, acting as
 * residents (zone.request, INITIATOR): which rules (each with its
 * reference, legal basis and the conditions that hold instead), why, for
 * which initiatives, in which buurt or wijk, from when to when (local
 * days), how it will be evaluated and who is responsible for what. An
 * admin of the gemeente the area lies in grants it, with a decision
 * reference, or refuses it (zone.grant, MEMBER); the same admins may end
 * it early (zone.end).
 *
 * What a zone is now is computed when it is read (zone_state): requested,
 * refused, granted (not begun yet), active, or ended -- after its last day,
 * or ended early. Nothing runs in the background. From its end its
 * evaluation is due, and overdue until the gemeente's admins or the
 * collective's board record it (zone.evaluate); zone_remind tells them,
 * once per zone.
 *
 * When a zone is granted its responsibilities enter the register of
 * responsibility questions of its initiatives (model/responsibility.h),
 * linked to the zone. Every write records its public audit entry (object
 * "zone") and its notifications in the same transaction. */
#ifndef WIJK_MODEL_ZONE_H
#define WIJK_MODEL_ZONE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    ZONE_TITLE_MAX = 200,     /* characters, one line */
    ZONE_TEXT_MAX = 5000,     /* characters of the reason, the evaluation plan, the evaluation */
    ZONE_ITEM_MAX = 1000,     /* characters of a rule's fields, a responsibility */
    ZONE_REF_MAX = 200,       /* characters of a decision reference */
    ZONE_RULES_MAX = 20,      /* rules one zone suspends */
    ZONE_ITEMS_MAX = 20,      /* responsibilities of one zone */
    ZONE_INITIATIVES_MAX = 10,
    ZONE_LIST_MAX = 500,
};

/* A suspended rule. */
struct zone_rule {
    const char *reference;   /* "APV Amsterdam art. 2:10", 1..ZONE_ITEM_MAX */
    const char *legal_basis; /* "Gemeentewet art. 149", 1..ZONE_ITEM_MAX */
    const char *conditions;  /* 0..ZONE_ITEM_MAX */
};

/* Who is responsible for what: holder "collective" or "gemeente". */
struct zone_duty {
    const char *holder;
    const char *subject;
};

/* What zone_request takes. */
struct zone_request {
    int64_t collective_id;
    const char *area_code; /* a buurt or wijk */
    const char *title;
    const char *reason;
    const char *evaluation_plan;
    const char *valid_from; /* YYYY-MM-DD */
    const char *valid_to;
    const struct zone_rule *rules; /* 1..ZONE_RULES_MAX */
    int n_rules;
    const int64_t *initiatives; /* 0..ZONE_INITIATIVES_MAX */
    int n_initiatives;
    const struct zone_duty *duties; /* 0..ZONE_ITEMS_MAX */
    int n_duties;
};

/* A zone as read back; strings and arrays from the arena. */
struct zone {
    int64_t id;
    int64_t collective_id;
    const char *collective_name;
    const char *gemeente_code;
    const char *gemeente_name;
    const char *area_code;
    const char *area_name;
    const char *title;
    const char *reason;
    const char *evaluation_plan;
    const char *valid_from;
    const char *valid_to;
    const char *status; /* stored: requested, granted, refused, ended (early) */
    int64_t requested_by;
    const char *requested_capacity;
    int64_t requested_at;
    int64_t decided_by; /* 0: not decided */
    const char *decided_capacity;
    int64_t decided_at;
    const char *decision_ref;
    const char *decision_note;
    int64_t ended_at; /* 0: not ended early */
    const char *evaluation; /* NULL: not recorded */
    int64_t evaluated_by;
    const char *evaluated_capacity;
    int64_t evaluated_at;
    struct zone_rule *rules;
    int n_rules;
    int64_t *initiatives;
    const char **initiative_titles;
    int n_initiatives;
    struct zone_duty *duties;
    int n_duties;
};

/* What zone z is on local day today (YYYY-MM-DD): "requested", "refused",
 * "granted" (before valid_from), "active", or "ended" (after valid_to, or
 * ended early). Pure. */
const char *zone_state(const struct zone *z, const char *today);

/* Whether z's evaluation is due and not recorded: it has ended (as
 * zone_state) and has no evaluation. Pure. */
bool zone_evaluation_overdue(const struct zone *z, const char *today);

/* Requests a zone as act. The actor must be a board member of the
 * collective acting as resident (zone.request, INITIATOR; ERR_FORBIDDEN
 * with the reason otherwise; asked first, so an unknown collective, on
 * whose board nobody sits, is ERR_FORBIDDEN too). ERR_INVALID with the field: "area" (not a buurt or
 * wijk; unknown), "title" (1..ZONE_TITLE_MAX, one line), "reason" and
 * "evaluation_plan" (1..ZONE_TEXT_MAX), "valid_from"/"valid_to" (not a
 * date; "A zone cannot end before it starts."), "rules" (none, too many,
 * a reference or legal basis empty or too long, conditions too long),
 * "initiatives" (unknown, twice, too many), "responsibilities" (a holder
 * other than collective or gemeente, a subject empty or too long, too
 * many). Records "zone.request" and notifies the gemeente's admins
 * (zone_requested). Nothing is written on an error. *id may be NULL. */
enum err zone_request(struct db *db, const struct zone_request *in, const struct actor *act,
                      int64_t *id, struct fault *f);

/* Grants (grant true, with decision_ref 1..ZONE_REF_MAX, field
 * "decision_ref") or refuses (note 1..ZONE_TEXT_MAX required, field
 * "note"; decision_ref optional) requested zone id, as an admin of its
 * gemeente (zone.grant, MEMBER). ERR_CONFLICT when it is decided already
 * (a conditional UPDATE: one decision wins). A grant puts the zone's
 * responsibilities in its initiatives' registers. Records "zone.grant" or
 * "zone.refuse" and notifies the collective's board (zone_decided). */
enum err zone_decide(struct db *db, int64_t id, bool grant, const char *decision_ref,
                     const char *note, const struct actor *act, struct fault *f);

/* Ends granted zone id early, as an admin of its gemeente (zone.end), with
 * a note (1..ZONE_TEXT_MAX, field "note"). ERR_CONFLICT when it is not
 * granted or already over. Records "zone.end"; the evaluation is due from
 * now, and the collective's board hears (zone_evaluation_due). */
enum err zone_end(struct db *db, int64_t id, const char *note, const struct actor *act,
                  struct fault *f);

/* Records the evaluation (1..ZONE_TEXT_MAX, field "evaluation") of zone id
 * once it has ended, as an admin of its gemeente or a board member of its
 * collective (zone.evaluate). ERR_CONFLICT before its end, for a zone never
 * granted, and when an evaluation is recorded already. Records
 * "zone.evaluate". */
enum err zone_evaluate(struct db *db, int64_t id, const char *evaluation, const struct actor *act,
                       struct fault *f);

/* Tells the collective's board and the gemeente's admins of every zone of
 * gemeente (NULL: all) whose evaluation is overdue on local day today and
 * who were not told yet (zone_evaluation_due), marking each zone told in a
 * conditional UPDATE so that no zone is told twice. *told (may be NULL):
 * zones told. For the console (wijkregie zones remind) or a platform admin;
 * anyone else ERR_FORBIDDEN. Records "zone.remind" per zone. */
enum err zone_remind(struct db *db, const char *gemeente, const char *today,
                     const struct actor *act, int *told, struct fault *f);

/* Zone id with rules, initiatives and responsibilities. ERR_NOT_FOUND
 * when there is none. */
enum err zone_get(struct db *db, struct arena *a, int64_t id, struct zone *out, struct fault *f);

/* The zones of gemeente (NULL: all), newest first, at most ZONE_LIST_MAX,
 * without rules, initiatives or responsibilities; with collective_id
 * non-zero only that collective's. */
enum err zone_list(struct db *db, struct arena *a, const char *gemeente, int64_t collective_id,
                   struct zone **items, int *n, struct fault *f);

/* The boundary geometries (GeoJSON text, NULL where an area has none) of
 * the areas of zones[0..n), into *geo from the arena, for the map. */
enum err zone_geometries(struct db *db, struct arena *a, const struct zone *zones, int n,
                         const char ***geo, struct fault *f);

#endif
