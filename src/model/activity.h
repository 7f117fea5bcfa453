/* Activities (DESIGN.md §3, issue 7): the events of an initiative or a
 * collective. An activity has a title, a description, a buurt it takes
 * place in, a start and an end (the first occurrence), an optional
 * recurrence (an RRULE in the subset model/schedule.h reads: weekly, every
 * N weeks, monthly on a day or on "the first Tuesday"; COUNT or UNTIL) with
 * cancelled occurrences as exceptions, a place (an address, or a location
 * of the arena), an optional capacity, sign-ups with a waiting list, and
 * volunteer roles with how many are needed. It is cancelled as a whole or
 * one occurrence at a time.
 *
 * Times: starts_at and ends_at are the unix seconds (UTC) of the first
 * occurrence. Every occurrence starts at the same Europe/Amsterdam local
 * time as the first and lasts as many local days and minutes; the rule's
 * days are local days (schedule_local, schedule_utc).
 *
 * A sign-up is for the activity as a whole (all of a series). While places
 * are free it is confirmed; beyond the capacity it joins the waiting list,
 * and when a confirmed person cancels (or the capacity grows), the first
 * on the waiting list moves up and is notified (activity_place_offered).
 * Races are settled by the database: one standing sign-up per person
 * (INSERT ... ON CONFLICT DO NOTHING on a partial unique index) and places
 * taken by a conditional UPDATE of activity.taken, so fifty identical
 * requests leave one sign-up and no activity is overbooked.
 *
 * Who may: the policy rows activity.* (policy/policy.c). REL_INITIATOR is
 * a current initiator of the owning initiative (initiative_relation) or a
 * board member of the owning collective; REL_OWN one's own sign-up. Every
 * write takes the actor, asks the policy (through initiative_authorise for
 * an initiative's activity, capacity_check otherwise) before anything
 * else, and records a public audit entry (object "activity", area its
 * buurt; sign-ups and volunteering restricted) in the same transaction.
 * Changes and cancellations notify the people signed up and the
 * volunteers (activity_changed, activity_cancelled; notify_about with the
 * path "/activities/<id>"). Times of writes come from act->now. */
#ifndef WIJK_MODEL_ACTIVITY_H
#define WIJK_MODEL_ACTIVITY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"
#include "model/schedule.h"
#include "policy/policy.h"

struct arena;
struct db;

enum {
    ACTIVITY_TITLE_MAX = 200,        /* characters */
    ACTIVITY_TEXT_MAX = 5000,        /* description: characters */
    ACTIVITY_LINE_MAX = 200,         /* address, reason: characters of one line */
    ACTIVITY_ROLE_NAME_MAX = 80,     /* characters */
    ACTIVITY_ROLES_MAX = 10,         /* volunteer roles of one activity */
    ACTIVITY_ROLE_NEEDED_MAX = 1000, /* volunteers one role needs at most */
    ACTIVITY_CAPACITY_MAX = 100000,  /* places */
    ACTIVITY_DAYS_MAX = 14,          /* an occurrence lasts at most this many days */
    ACTIVITY_LIST_MAX = 500,         /* rows a list gives at most */
    ACTIVITY_OCCURRENCES_MAX = 1000, /* occurrences an expansion gives at most */
};

struct activity {
    int64_t id;
    int64_t initiative_id;  /* 0: a collective's */
    int64_t collective_id;  /* 0: an initiative's */
    const char *owner_name; /* the initiative's title or the collective's name */
    const char *buurt_code;
    const char *buurt_name;
    const char *title;         /* "" while a moderator hides it */
    const char *description;   /* "" while a moderator hides it */
    const char *hidden;        /* while title and description are hidden (moderation, object
                                * type "activity"): the moderator's reason; else NULL */
    int64_t starts_at;         /* the first occurrence, unix seconds UTC */
    int64_t ends_at;           /* its end, after starts_at */
    const char *rrule;         /* "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", NULL: once */
    const char *address;       /* NULL: at location_id */
    int64_t location_id;       /* 0: at address */
    const char *location_name; /* the location's name, NULL without one */
    int capacity;              /* 0: no limit */
    int taken;                 /* confirmed sign-ups */
    int waiting;               /* sign-ups on the waiting list */
    const char *status;        /* "scheduled" or "cancelled" */
    const char *cancel_reason; /* NULL: none */
    int sequence;              /* iCalendar SEQUENCE: grows with each change */
    int64_t created_by;
    int64_t created_at;
    int64_t updated_at;
    int64_t cancelled_at; /* 0: not cancelled */
};

/* A volunteer role to create. */
struct activity_role_input {
    const char *name; /* 1..ACTIVITY_ROLE_NAME_MAX characters, one line, unique per activity */
    int needed;       /* 1..ACTIVITY_ROLE_NEEDED_MAX */
};

/* What activity_create and activity_update take. Dates and times are
 * Europe/Amsterdam local, as a person writes them. */
struct activity_input {
    const char *title;       /* 1..ACTIVITY_TITLE_MAX characters, one line */
    const char *description; /* 0..ACTIVITY_TEXT_MAX characters */
    const char *buurt;       /* buurt code; NULL or "": the owner's only buurt */
    const char *date;        /* "2026-12-05": the first day */
    const char *starts;      /* "19:30" */
    const char *ends;        /* "21:00" */
    const char *end_date;    /* NULL or "": the same day as date */
    /* the recurrence: rrule text ("FREQ=WEEKLY;BYDAY=TU", an optional
     * "RRULE:" in front), or its parts as a form has them; all NULL or ""
     * (freq "" or "none"): once */
    const char *rrule;
    const char *freq, *interval, *byday, *bymonthday, *until, *count;
    const char *address;                     /* one line; exactly one of address and location_id */
    int64_t location_id;                     /* 0: none */
    int capacity;                            /* 0: no limit, else 1..ACTIVITY_CAPACITY_MAX */
    const struct activity_role_input *roles; /* activity_create only */
    int n_roles;                             /* 0..ACTIVITY_ROLES_MAX */
};

/* An input checked: the first occurrence in UTC, and the rule. */
struct activity_when {
    int64_t starts_at, ends_at;
    bool recurs;
    struct schedule_rule rule; /* when recurs; its dtstart the first local day */
    int start_minute;          /* local minute of the day it starts */
    int span_days;             /* local days from start to end (0: same day) */
    int end_minute;            /* local minute of the day it ends */
};

struct activity_occurrence {
    int64_t starts_at, ends_at; /* unix seconds UTC */
    bool cancelled;             /* an exception, or the whole activity cancelled */
};

/* An occurrence with its activity, as the area and feed lists give them. */
struct activity_dated {
    const struct activity *activity;
    struct activity_occurrence occurrence;
};

struct activity_role {
    int64_t id;
    int64_t activity_id;
    const char *name;
    int needed, taken;
};

struct activity_signup {
    int64_t id;
    int64_t activity_id;
    int64_t person_id;
    const char *person_name;
    const char *status; /* "confirmed", "waiting" or "cancelled" */
    int64_t created_at;
};

/* Checks in without the database and computes *when (may be NULL): title
 * (field "title"), description ("description"), date, starts, ends and
 * end_date ("date", "starts", "ends", "end_date": "Write ..." messages),
 * an end not after the start ("ends": "The activity ends before it
 * starts: ..."), longer than ACTIVITY_DAYS_MAX days ("end_date"), a
 * recurrence schedule_parse refuses (its field, prefixed "rrule" parts as
 * the form names them: "freq", "interval", "byday", "bymonthday",
 * "until", "count"; a malformed rrule text: "rrule"; a rule that never
 * occurs: its message), a recurring occurrence longer than a day's
 * distance between two occurrences is allowed; the place ("address":
 * give an address or choose a location, not both), capacity ("capacity":
 * 0..ACTIVITY_CAPACITY_MAX) and roles ("roles": at most
 * ACTIVITY_ROLES_MAX, each named once with 1..1000 needed). All
 * ERR_INVALID with the field. Pure; a is used for the rrule's parts. */
enum err activity_input_check(struct arena *a, const struct activity_input *in,
                              struct activity_when *when, struct fault *f);

/* The times of a stored activity as activity_input_check computes them
 * for an input: the rule parsed from act_->rrule with its first local day
 * as DTSTART. ERR_INVALID only for a stored rule that no longer parses. */
enum err activity_when_of(struct arena *a, const struct activity *act_, struct activity_when *w,
                          struct fault *f);

/* The occurrences of w that end after from and start before to, in order,
 * at most max into out; returns how many. Pure. */
int activity_expand(const struct activity_when *w, int64_t from, int64_t to, int max,
                    struct activity_occurrence *out);

/* Whether an occurrence of w starts at starts_at. Pure. */
bool activity_is_occurrence(const struct activity_when *w, int64_t starts_at);

/* How act relates to the activity: REL_INITIATOR for an initiator of its
 * initiative (initiative_relation) or a board member of its collective,
 * else what initiative_relation says, or REL_OTHER. */
enum err activity_relation(struct db *db, const struct activity *act_, const struct actor *act,
                           enum relation *rel, struct fault *f);

/* Creates an activity of initiative_id or of collective_id (exactly one
 * non-zero; policy activity.create: the initiators or the board, acting as
 * residents). ERR_NOT_FOUND for an unknown owner or location (field
 * "location_id"); ERR_INVALID as activity_input_check, and field "buurt"
 * for a buurt not among the initiative's buurten or outside the
 * collective's area, or none given when the owner has several; ERR_CONFLICT
 * for an ended initiative. Records "activity.create". *id may be NULL. */
enum err activity_create(struct db *db, int64_t initiative_id, int64_t collective_id,
                         const struct activity_input *in, const struct actor *act, int64_t *id,
                         struct fault *f);

/* Changes an activity's title, description, buurt, time, recurrence,
 * place and capacity (not its roles; policy activity.edit). Errors as
 * activity_create; ERR_CONFLICT for a cancelled activity, and, field
 * "capacity", for a capacity below the confirmed sign-ups ("%d people
 * have a place; ..."). A larger capacity moves people up from the waiting
 * list. Raises the sequence, notifies everyone signed up and every
 * volunteer (activity_changed) and records "activity.edit". */
enum err activity_update(struct db *db, int64_t id, const struct activity_input *in,
                         const struct actor *act, struct fault *f);

/* Cancels the whole activity (policy activity.cancel) with an optional
 * reason (one line, ACTIVITY_LINE_MAX, field "reason"). ERR_CONFLICT when
 * it is cancelled already. Notifies everyone signed up and every volunteer
 * (activity_cancelled) and records "activity.cancel". */
enum err activity_cancel(struct db *db, int64_t id, const char *reason, const struct actor *act,
                         struct fault *f);

/* Cancels one occurrence of a recurring activity, named by its start
 * (unix seconds UTC, as activity_occurrences gives it; policy
 * activity.cancel). ERR_INVALID, field "starts_at", for a start that is
 * not an occurrence ("There is no occurrence at that time."), for an
 * activity that does not recur; ERR_CONFLICT when that occurrence is
 * cancelled already or the whole activity is. Notifies as activity_cancel
 * (the detail names the day) and records "activity.cancel_occurrence". */
enum err activity_cancel_occurrence(struct db *db, int64_t id, int64_t starts_at,
                                    const char *reason, const struct actor *act, struct fault *f);

/* act signs up (policy activity.sign_up). A place when one is free
 * (*status "confirmed"), else the waiting list ("waiting"). Signing up
 * again changes nothing and gives the standing sign-up's status with
 * *again true. ERR_NOT_FOUND for an unknown activity; ERR_CONFLICT for a
 * cancelled one or one whose last occurrence has ended. Records
 * "activity.sign_up" (restricted) for a new sign-up. status and again may
 * be NULL; *status is static storage. */
enum err activity_sign_up(struct db *db, int64_t id, const struct actor *act, const char **status,
                          bool *again, struct fault *f);

/* Cancels act's standing sign-up (policy activity.cancel_sign_up, OWN).
 * ERR_NOT_FOUND, "You have not signed up for this activity.", without one.
 * A freed place goes to the first on the waiting list, who is notified
 * (activity_place_offered). Records "activity.cancel_sign_up". */
enum err activity_sign_up_cancel(struct db *db, int64_t id, const struct actor *act,
                                 struct fault *f);

/* act volunteers in role_id (policy activity.volunteer: verified
 * residents acting as residents). ERR_NOT_FOUND for an unknown role;
 * ERR_CONFLICT when the role has as many volunteers as it needs, or the
 * activity is cancelled. Volunteering again changes nothing (*again true).
 * Records "activity.volunteer". again may be NULL. */
enum err activity_volunteer(struct db *db, int64_t role_id, const struct actor *act, bool *again,
                            struct fault *f);

/* Withdraws act's volunteering in role_id (OWN). ERR_NOT_FOUND without
 * it. Records "activity.volunteer_withdraw". */
enum err activity_volunteer_withdraw(struct db *db, int64_t role_id, const struct actor *act,
                                     struct fault *f);

/* Moves people up from the waiting list while places are free (a place
 * freed, a capacity grown), each notified (activity_place_offered). In
 * the caller's transaction; for the activity modules. */
enum err activity_promote(struct db *db, int64_t id, const struct actor *act, struct fault *f);

/* Notifies everyone signed up for act_ and every volunteer of it, each
 * once, except except (0: nobody), of kind with detail, linking to the
 * activity's page. In the caller's transaction; for the activity
 * modules. */
enum err activity_notify(struct db *db, const struct activity *act_, const char *kind,
                         const char *detail, int64_t except, struct fault *f);

/* Moderation (model/moderation.h): an activity's title and description
 * are content, object type "activity" with the activity's id, by its
 * organiser; the registry there finds them. */

/* Loads an activity (with taken, waiting, owner, buurt and location
 * names); ERR_NOT_FOUND, "There is no such activity.", when there is none.
 * Strings from the arena. */
enum err activity_get(struct db *db, struct arena *a, int64_t id, struct activity *out,
                      struct fault *f);

/* The occurrences of act_ that end after from and start before to (unix
 * seconds), in order, at most max (1..ACTIVITY_OCCURRENCES_MAX) into out
 * (from the arena); cancelled ones included with cancelled true.
 * Reads the exceptions. */
enum err activity_occurrences(struct db *db, struct arena *a, const struct activity *act_,
                              int64_t from, int64_t to, int max, struct activity_occurrence **out,
                              int *n, struct fault *f);

/* The cancelled occurrences' starts of activity id, in order (for EXDATE). */
enum err activity_exceptions(struct db *db, struct arena *a, int64_t id, int64_t **starts, int *n,
                             struct fault *f);

/* The roles of an activity, in the order created. */
enum err activity_roles(struct db *db, struct arena *a, int64_t id, struct activity_role **items,
                        int *n, struct fault *f);

/* The standing sign-ups (confirmed first, then the waiting list in order)
 * for the organisers only (policy activity.view_sign_ups; else
 * ERR_FORBIDDEN), at most ACTIVITY_LIST_MAX. */
enum err activity_signups(struct db *db, struct arena *a, int64_t id, const struct actor *act,
                          struct activity_signup **items, int *n, struct fault *f);

/* person_id's standing sign-up status for activity id ("confirmed",
 * "waiting"), NULL without one; and *position its place on the waiting
 * list (1 the first; 0 when not waiting). Static storage. */
enum err activity_my_status(struct db *db, int64_t id, int64_t person_id, const char **status,
                            int *position, struct fault *f);

/* The activity ids (volunteered in) of role ids person_id holds, for the
 * page: *held[i] true when person_id volunteers in roles[i]. */
enum err activity_roles_held(struct db *db, const struct activity_role *roles, int n,
                             int64_t person_id, bool *held, struct fault *f);

/* Which activities a list is about. */
enum activity_scope {
    ACTIVITY_OF_INITIATIVE = 1, /* key: the initiative id */
    ACTIVITY_OF_COLLECTIVE,     /* key: the collective id */
    ACTIVITY_IN_AREA,           /* code: a buurt, or a wijk (its buurten) */
    ACTIVITY_OF_PERSON,         /* key: a person: the standing sign-ups */
};

/* The activities of a scope (cancelled ones too) that may have
 * occurrences ending after from, at most ACTIVITY_LIST_MAX, by start. */
enum err activity_list(struct db *db, struct arena *a, enum activity_scope scope, int64_t key,
                       const char *code, int64_t from, struct activity **items, int *n,
                       struct fault *f);

/* The occurrences of a scope's activities between from and to, by start,
 * at most ACTIVITY_OCCURRENCES_MAX; with cancelled ones when
 * with_cancelled. For the week and month lists of the buurt and wijk
 * pages and the print listing. */
enum err activity_agenda(struct db *db, struct arena *a, enum activity_scope scope, int64_t key,
                         const char *code, int64_t from, int64_t to, bool with_cancelled,
                         struct activity_dated **items, int *n, struct fault *f);

/* A location of the arena an activity of the owner may take place at. */
struct activity_place {
    int64_t id;
    const char *name;
};

/* The locations of the arena in the buurten of initiative_id or of
 * collective_id (exactly one non-zero), by name, at most
 * ACTIVITY_LIST_MAX: what the forms offer besides an address. */
enum err activity_places(struct db *db, struct arena *a, int64_t initiative_id,
                         int64_t collective_id, struct activity_place **items, int *n,
                         struct fault *f);

/* A fresh private feed token for act's person (its own; any signed-in
 * person), revoking the one before; *token (from the arena) is shown once:
 * only its hash is kept. Records "activity.feed_token" (restricted). */
enum err activity_feed_token_new(struct db *db, struct arena *a, const struct actor *act,
                                 const char **token, struct fault *f);

/* Revokes act's person's feed token (none: nothing changes). Records
 * "activity.feed_token_revoke" (restricted). */
enum err activity_feed_token_revoke(struct db *db, const struct actor *act, struct fault *f);

/* Whether act's person has a feed token now. */
enum err activity_feed_token_exists(struct db *db, int64_t person_id, bool *exists,
                                    struct fault *f);

/* The person whose feed token is token: ERR_NOT_FOUND, "This calendar
 * link does not exist or was revoked.", for an unknown, revoked or
 * malformed one. */
enum err activity_feed_person(struct db *db, const char *token, int64_t *person_id,
                              struct fault *f);

#endif
