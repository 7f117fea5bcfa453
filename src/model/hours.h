/* Investment hours (DESIGN.md §3, "hour pledge & ledger"): an organisation
 * commits hours to experiments in an area -- a buurt, a wijk or a gemeente
 * -- for a period ("Welzijn Noord: 400 hours in Wijk 3, 2027"), optionally
 * earmarked for one initiative or one collective; its professionals log the
 * hours they spend against that pledge; pledged versus delivered is public.
 *
 * The ledger is double-entry and append-only (sql/sqlite/0016_hours.sql):
 * every movement is two entries that sum to zero, between the accounts
 * "organisation", "pledge" and "delivered" of one pledge, and no movement
 * or entry is ever changed -- the database's triggers refuse it. A pledge
 * books organisation -N / pledge +N; logged hours pledge -h / delivered
 * +h; a correction, a new movement naming the delivery it corrects,
 * pledge +d / delivered -d; a withdrawal returns what is still open
 * (pledge -r / organisation +r) and keeps what was delivered. More hours
 * may be delivered than were pledged: the pledge account then goes below
 * zero, and the pages show the over-delivery.
 *
 * Hours are kept in tenths of an hour (1.5 h is 15), as residents' pledges
 * are; they are written as pledge_hours_parse reads them. Dates are local
 * calendar days "YYYY-MM-DD"; "today" is act->now's day in Europe/Amsterdam
 * (schedule_local). A buurt's hours count towards its wijk and gemeente, a
 * wijk's towards its gemeente.
 *
 * Every write asks the policy table first (hours.pledge, hours.withdraw_pledge,
 * hours.log), with REL_MEMBER when the actor acts for the pledge's
 * organisation -- as organisation_admin:<id> holding that admin role, or as
 * professional:<id> with a confirmed post there (an unqualified capacity
 * counts when the person holds it for that organisation) -- and REL_OTHER
 * otherwise; the console passes. Then the input, then the write, with its
 * public audit entry (object "hour_pledge", the pledge's area) in the same
 * transaction. Reading is public (hours.view_ledger). Strings come from the
 * arena passed in. */
#ifndef WIJK_MODEL_HOURS_H
#define WIJK_MODEL_HOURS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"
#include "policy/policy.h"

struct arena;
struct db;

enum {
    HOURS_PLEDGE_MAX = 999999,    /* tenths: 99,999.9 hours in one pledge */
    HOURS_LOG_MAX = 240,          /* tenths: 24 hours in one logged entry */
    HOURS_PERIOD_MAX_DAYS = 3660, /* about ten years */
    HOURS_NOTE_MAX = 500,         /* characters of a note */
    HOURS_LIST_MAX = 500,         /* rows a list gives at most */
};

/* The balances of a set of pledges, in tenths of an hour. */
struct hours_balance {
    int64_t pledged;   /* booked by pledge movements */
    int64_t delivered; /* the delivered account: logged hours after corrections */
    int64_t withdrawn; /* returned to the organisation by withdrawals */
    int64_t open;      /* the pledge account: pledged - delivered - withdrawn;
                          below zero when more was delivered than pledged */
};

/* hours_balance's over-delivery: how far delivered exceeds pledged, 0 when
 * it does not. Pure. */
int64_t hours_over_delivered(const struct hours_balance *b);

struct hours_pledge {
    int64_t id;
    int64_t organisation_id;
    const char *organisation_name;
    const char *area_code;
    const char *area_name;
    const char *area_kind; /* "buurt", "wijk", "gemeente" */
    int64_t hours_tenths;  /* as pledged */
    const char *starts_on; /* "YYYY-MM-DD" */
    const char *ends_on;   /* "YYYY-MM-DD", on or after starts_on */
    int64_t initiative_id; /* earmark; 0: none */
    const char *initiative_title;
    int64_t collective_id; /* earmark; 0: none */
    const char *collective_name;
    const char *status; /* "active" or "withdrawn" */
    int64_t created_by; /* 0: at the console */
    int64_t created_at;
    int64_t withdrawn_at; /* 0: not withdrawn */
    struct hours_balance balance;
};

/* What an organisation admin pledges. */
struct hours_pledge_input {
    int64_t organisation_id;
    const char *area_code; /* a buurt, wijk or gemeente */
    const char *hours;     /* "400", "12.5" (pledge_hours_parse) */
    const char *starts_on; /* "YYYY-MM-DD" */
    const char *ends_on;   /* "YYYY-MM-DD" */
    int64_t initiative_id; /* 0: no earmark */
    int64_t collective_id; /* 0: no earmark */
};

/* What a professional logs. */
struct hours_log_input {
    const char *on_date;   /* the day worked, "YYYY-MM-DD" */
    const char *hours;     /* "2", "1.5" */
    int64_t initiative_id; /* 0: none (an earmarked initiative is the default) */
    const char *kind;      /* one of hours_work_kinds() */
    const char *note;      /* NULL or "": none */
};

/* One movement of a pledge's ledger. amount is what it moved, in tenths:
 * for a pledge and a withdrawal the hours committed or returned, for a
 * delivery the hours logged, for a correction the change it made to the
 * delivered hours (negative when it lowered them). */
struct hours_movement {
    int64_t id;
    int64_t pledge_id;
    const char *kind;    /* "pledge", "delivery", "correction", "withdrawal" */
    int64_t corrects_id; /* a correction's delivery; else 0 */
    const char *on_date;
    int64_t initiative_id; /* 0: none */
    const char *initiative_title;
    const char *work_kind; /* a delivery's; else NULL */
    const char *note;      /* NULL: none, or hidden by a moderator */
    const char *note_hidden; /* the moderator's reason when the note is hidden; else NULL */
    int64_t person_id;     /* who booked it; 0: the console */
    const char *person_name;
    const char *capacity;
    int64_t created_at;
    int64_t amount;
    int64_t net; /* a delivery: its hours after its corrections; else amount */
};

/* One entry (one side of a movement), as the CSV export writes it. The
 * strings are valid during the callback only. */
struct hours_entry_row {
    int64_t movement_id;
    int64_t pledge_id;
    const char *organisation_name;
    const char *area_code;
    const char *on_date;
    const char *kind;
    const char *account;   /* "organisation", "pledge", "delivered" */
    int64_t amount;        /* tenths, signed */
    int64_t corrects_id;   /* 0: none */
    int64_t initiative_id; /* 0: none */
    const char *work_kind; /* NULL: none */
    const char *person_name;
    const char *capacity;
    int64_t created_at;
    const char *note;
};

/* One organisation's pledges in an area, summed. */
struct hours_org_total {
    int64_t organisation_id;
    const char *organisation_name;
    int pledges;
    struct hours_balance balance;
};

/* What the transition monitor reads for an area and a range of days. */
struct hours_range {
    int64_t pledged;   /* each pledge's hours spread evenly over its days, for
                          the days in the range (a withdrawn pledge's only up
                          to the day it was withdrawn), rounded down per
                          pledge */
    int64_t delivered; /* delivered-account amounts of movements dated in range */
    int64_t withdrawn; /* hours returned by withdrawals dated in range */
    int withdrawals;   /* pledges withdrawn on a day in the range */
};

/* Which ledger an export covers. */
enum hours_scope { HOURS_SCOPE_PLEDGE, HOURS_SCOPE_ORGANISATION, HOURS_SCOPE_AREA };

/* The kinds of work, NULL-terminated, static storage: "coaching",
 * "connecting", "practical", "other". */
const char *const *hours_work_kinds(void);

/* act pledges hours for in->organisation_id (policy hours.pledge: an admin
 * of that organisation acting as one; anyone else ERR_FORBIDDEN with the
 * policy's reason). Then, ERR_INVALID with the field: "hours" (not a
 * number, or not 0.1..99,999.9), "area" (not an area code) or ERR_NOT_FOUND
 * "area" (unknown), "starts_on" / "ends_on" (not a date; ends_on before
 * starts_on; a period over about ten years), "initiative" (an earmark for
 * both an initiative and a collective, or ERR_NOT_FOUND for an unknown
 * initiative), "collective" (ERR_NOT_FOUND for an unknown one). Books the
 * pledge movement and records "hours.pledge". *id may be NULL. */
enum err hours_pledge_make(struct db *db, struct arena *a, const struct hours_pledge_input *in,
                           const struct actor *act, int64_t *id, struct fault *f);

/* Withdraws an active pledge (policy hours.withdraw_pledge, as for
 * hours_pledge_make). ERR_NOT_FOUND for an unknown pledge; ERR_CONFLICT,
 * "This pledge has been withdrawn already.", when it is not active (two
 * racing withdrawals: exactly one succeeds -- a conditional UPDATE).
 * Returns the open hours to the organisation (a withdrawal movement dated
 * today, when any are open); the delivered hours stay. Records
 * "hours.withdraw_pledge". */
enum err hours_pledge_withdraw(struct db *db, struct arena *a, int64_t pledge_id,
                               const struct actor *act, struct fault *f);

/* act logs hours spent against an active pledge (policy hours.log: a
 * professional with a confirmed post at the pledge's organisation, or its
 * admin, acting as such; a professional of another organisation, a
 * resident and anyone else get ERR_FORBIDDEN). ERR_NOT_FOUND for an unknown
 * pledge; ERR_CONFLICT for a withdrawn one. ERR_INVALID with the field:
 * "hours" (not a number, zero or negative, over 24), "on_date" (not a date,
 * outside the pledge's period -- the message names it --, or after
 * today), "kind", "note" (over 500 characters or not one paragraph of
 * text), "initiative" (ERR_NOT_FOUND unknown; another than the earmarked
 * initiative; not one of the earmarked collective's). Books the delivery
 * and records "hours.log". *movement_id may be NULL. */
enum err hours_log(struct db *db, struct arena *a, int64_t pledge_id,
                   const struct hours_log_input *in, const struct actor *act, int64_t *movement_id,
                   struct fault *f);

/* act corrects a delivery of pledge_id to hours (its hours as they should
 * have been; "0" cancels it), giving a reason in note (required). Policy as
 * hours_log. ERR_NOT_FOUND for an unknown pledge or a movement
 * ("movement") that is not a delivery of this pledge; ERR_CONFLICT for a
 * withdrawn pledge; ERR_INVALID "hours" (not a number, negative, over 24,
 * or the hours the delivery has already), "note" (missing or too long).
 * Books a correction movement pointing to the delivery and records
 * "hours.log" with the correction in its detail. *movement_id may be NULL. */
enum err hours_correct(struct db *db, struct arena *a, int64_t pledge_id, int64_t delivery_id,
                       const char *hours, const char *note, const struct actor *act,
                       int64_t *movement_id, struct fault *f);

/* Whether act may take action (ACT_HOURS_PLEDGE, ACT_HOURS_WITHDRAW_PLEDGE
 * or ACT_HOURS_LOG) for organisation_id, as the writes decide it, writing
 * nothing: ERR_OK or ERR_FORBIDDEN with the reason. For showing forms. */
enum err hours_authorise(struct db *db, int64_t organisation_id, enum action action,
                         const struct actor *act, struct fault *f);

/* Loads a pledge with its names and balance. ERR_NOT_FOUND, "There is no
 * such pledge of hours.", when there is none. */
enum err hours_pledge_get(struct db *db, struct arena *a, int64_t id, struct hours_pledge *out,
                          struct fault *f);

/* The pledges of organisation_id, newest first (at most HOURS_LIST_MAX),
 * with their balances, and *total the sum of those balances. An unknown
 * organisation gives none. */
enum err hours_pledges_of_organisation(struct db *db, struct arena *a, int64_t organisation_id,
                                       struct hours_pledge **items, int *n,
                                       struct hours_balance *total, struct fault *f);

/* The pledges for area_code and the areas within it, newest first (at most
 * HOURS_LIST_MAX), with their balances, and *total the sum of those. */
enum err hours_pledges_of_area(struct db *db, struct arena *a, const char *area_code,
                               struct hours_pledge **items, int *n, struct hours_balance *total,
                               struct fault *f);

/* Per organisation, the sums of its pledges for area_code and the areas
 * within it, by organisation name (at most HOURS_LIST_MAX). */
enum err hours_area_organisations(struct db *db, struct arena *a, const char *area_code,
                                  struct hours_org_total **items, int *n, struct fault *f);

/* The balance of one pledge, of all pledges of an organisation, or of all
 * pledges for an area and the areas within it. Unknown ones give zeroes. */
enum err hours_balance_of(struct db *db, enum hours_scope scope, int64_t id, const char *area_code,
                          struct hours_balance *out, struct fault *f);

/* The movements of pledge_id, oldest first (at most HOURS_LIST_MAX, the
 * oldest ones). */
enum err hours_ledger(struct db *db, struct arena *a, int64_t pledge_id,
                      struct hours_movement **items, int *n, struct fault *f);

/* Calls each for every entry of the ledger of one pledge (id), of an
 * organisation (id) or of an area and the areas within it (area_code), in
 * movement order, then the entry's account order (organisation, pledge,
 * delivered). Stops at the first error each returns, and returns it. */
enum err hours_entries_each(struct db *db, enum hours_scope scope, int64_t id,
                            const char *area_code,
                            enum err (*each)(const struct hours_entry_row *row, void *ctx),
                            void *ctx, struct fault *f);

/* For the transition monitor: the hours pledged, delivered and withdrawn
 * for area_code and the areas within it from from_date to to_date, both
 * included ("YYYY-MM-DD"); see struct hours_range. ERR_INVALID, field
 * "from" / "to", for a date that is not one or a range that ends before it
 * starts. */
enum err hours_area_range(struct db *db, const char *area_code, const char *from_date,
                          const char *to_date, struct hours_range *out, struct fault *f);

/* Moderation (model/moderation.h): a movement's note is content others
 * read, reportable as object type "hours_note" with the movement's id (the
 * registry there finds it). A hidden note is left out of the ledger, the
 * API and the CSV export (note NULL, note_hidden the reason). */

/* The demo's hours (model/demo.h): "Stichting Welzijn Lindenhoven", when
 * it exists and has pledged nothing yet, pledges 400 hours in WK990101 for
 * 2026, as the console. Idempotent; runs in the caller's transaction. */
enum err hours_demo_create(struct db *db, struct fault *f);

/* The sum of every entry of the ledger (always 0), the number of
 * movements whose own entries do not sum to zero or are not exactly two,
 * and the number of movements: what the tests check after every ledger
 * operation, and what `wijkregie hours check` reports. */
enum err hours_ledger_check(struct db *db, int64_t *sum, int64_t *unbalanced, int64_t *movements,
                            struct fault *f);

#endif
