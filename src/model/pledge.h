/* Pledges (DESIGN.md §3): the commitment a resident gives an initiative
 * during its awareness phase -- hours per week or per month, a skill, a
 * role, or several of these -- and the totals the initiators weigh against
 * the thresholds they set for moving on to execution.
 *
 * A resident has at most one active pledge per initiative: pledging again
 * updates the first (an upsert on a partial unique index, so two requests
 * cannot make two). Pledges are made only while the initiative is in its
 * awareness phase; changed and withdrawn in awareness or execution.
 *
 * Every write asks the initiatives module (model/initiative.h) for the
 * actor's relation to the initiative and its verdict, or -- for one's own
 * pledge (OWN) -- the policy table through capacity_check, before anything
 * else; a refused attempt is logged as initiative_authorise logs its own
 * (initiative_log_refusal). Each write records its restricted audit entry
 * (object "pledge": the list of pledges is the initiators' only) in the
 * same transaction. Hours are
 * kept in tenths of an hour. Times come from act->now. */
#ifndef WIJK_MODEL_PLEDGE_H
#define WIJK_MODEL_PLEDGE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    PLEDGE_WEEK_MIN = 5,     /* tenths of an hour: 0.5 h a week */
    PLEDGE_WEEK_MAX = 400,   /* 40 h a week */
    PLEDGE_MONTH_MIN = 10,   /* 1 h a month */
    PLEDGE_MONTH_MAX = 1600, /* 160 h a month */
    PLEDGE_TEXT_MAX = 80,    /* characters of a skill or a role */
    PLEDGE_LIST_MAX = 500,   /* rows a list gives at most */
};

struct pledge {
    int64_t id;
    int64_t initiative_id;
    int64_t person_id;
    int hours_tenths;   /* 0: no hours pledged */
    const char *period; /* "week" or "month"; NULL without hours */
    const char *skill;  /* NULL: none */
    const char *role;   /* NULL: none */
    const char *status; /* "active" or "withdrawn" */
    int64_t created_at;
    int64_t updated_at;
    int64_t withdrawn_at; /* 0: not withdrawn */
};

/* A pledge as the lists show it. */
struct pledge_row {
    struct pledge pledge;
    const char *person_name;      /* the pledger's display name */
    const char *initiative_title; /* the initiative's title */
};

/* What a resident pledges: hours_tenths 0 (and period NULL) for no hours,
 * or hours as a person wrote them (pledge_hours_parse; NULL or "": use
 * hours_tenths); skill and role NULL or "" for none. */
struct pledge_input {
    int hours_tenths;
    const char *hours;
    const char *period;
    const char *skill;
    const char *role;
};

/* The CONTRACT the initiatives module builds on: *residents is the number
 * of distinct persons with an active pledge to initiative_id, and
 * *hours_per_month the hours of those pledges as hours a month, a pledge
 * per week counting 52/12 times its hours. The sum is taken exactly (in
 * twelfths of tenths of an hour) and rounded down to whole hours once, at
 * the end: two pledges of 1.5 h a week give 13 h a month (13.0), one of
 * 1 h a week gives 4 (4.33). An unknown initiative gives 0 and 0, not an
 * error. Errors: db_fault's only. */
enum err pledge_totals(struct db *db, int64_t initiative_id, int *residents, int *hours_per_month,
                       struct fault *f);

/* Parses hours as a person writes them: a whole number or one with one
 * decimal after a point or a comma ("2", "1.5", "0,5"), perhaps with a
 * minus sign (so that pledge_input_check names the bounds), into tenths of
 * an hour. ERR_INVALID, field "hours", "Write the hours as a number such
 * as 2 or 1.5." for anything else (a plus sign, more decimals, letters, an
 * empty text, more than 5 digits). Pure. */
enum err pledge_hours_parse(const char *text, int *tenths, struct fault *f);

/* Checks in before anything is written: hours text that parses (as
 * pledge_hours_parse); hours (when non-zero) with a period
 * "week" (0.5..40) or "month" (1..160), else ERR_INVALID, field "hours",
 * naming the bounds, or field "period"; period without hours is ignored;
 * skill and role at most PLEDGE_TEXT_MAX characters of one line (field
 * "skill" / "role"); at least one of hours, skill and role, else
 * ERR_INVALID, field "hours", "Pledge hours, a skill or a role.". Pure. */
enum err pledge_input_check(const struct pledge_input *in, struct fault *f);

/* act pledges in to initiative_id (policy pledge.make, with the relation
 * initiative_authorise finds: verified residents acting as residents;
 * a professional gets ERR_FORBIDDEN with the facilitating reason). The
 * input is checked first (pledge_input_check). ERR_NOT_FOUND for an unknown
 * initiative; ERR_CONFLICT, "Pledges are made while an initiative is in its
 * awareness phase; this one is in the %s phase." otherwise. A second pledge
 * of the same person updates the active one (*updated true). Records
 * "pledge.make" or "pledge.change" and notifies each initiator of a new
 * pledge (model/notification.h). *id and *updated may be NULL. */
enum err pledge_make(struct db *db, int64_t initiative_id, const struct pledge_input *in,
                     const struct actor *act, int64_t *id, bool *updated, struct fault *f);

/* Changes act's own active pledge (policy pledge.change, OWN): the input as
 * pledge_make. ERR_NOT_FOUND for an unknown pledge; ERR_FORBIDDEN for
 * someone else's; ERR_CONFLICT for a withdrawn one or an initiative not in
 * awareness or execution (the phase named). Records "pledge.change". */
enum err pledge_change(struct db *db, int64_t pledge_id, const struct pledge_input *in,
                       const struct actor *act, struct fault *f);

/* Withdraws act's own active pledge (policy pledge.withdraw, OWN); errors
 * as pledge_change. Records "pledge.withdraw". */
enum err pledge_withdraw(struct db *db, int64_t pledge_id, const struct actor *act,
                         struct fault *f);

/* pledge_change and pledge_withdraw on act's active pledge to
 * initiative_id: the policy first (a capacity that may not change its own
 * pledges gets ERR_FORBIDDEN with the reason), then ERR_NOT_FOUND for an
 * unknown initiative or, "You have no pledge to this initiative.", when
 * act has no active pledge to it. */
enum err pledge_change_mine(struct db *db, int64_t initiative_id, const struct pledge_input *in,
                            const struct actor *act, struct fault *f);
enum err pledge_withdraw_mine(struct db *db, int64_t initiative_id, const struct actor *act,
                              struct fault *f);

/* Loads a pledge; ERR_NOT_FOUND, "There is no such pledge.", when there is
 * none. Strings from the arena. */
enum err pledge_get(struct db *db, struct arena *a, int64_t id, struct pledge *out,
                    struct fault *f);

/* person_id's active pledge to initiative_id in *out with *found true, or
 * *found false. */
enum err pledge_active(struct db *db, struct arena *a, int64_t initiative_id, int64_t person_id,
                       struct pledge *out, bool *found, struct fault *f);

/* The active pledges to initiative_id, oldest first, at most
 * PLEDGE_LIST_MAX, for its initiators only (policy pledge.view,
 * INITIATOR, through initiative_authorise; else ERR_FORBIDDEN). */
enum err pledge_list(struct db *db, struct arena *a, int64_t initiative_id, const struct actor *act,
                     struct pledge_row **items, int *n, struct fault *f);

/* act's own pledges (active and withdrawn), newest first, at most
 * PLEDGE_LIST_MAX (policy pledge.view, OWN: acting as a resident). */
enum err pledge_list_mine(struct db *db, struct arena *a, const struct actor *act,
                          struct pledge_row **items, int *n, struct fault *f);

#endif
