/* The hours module's own helpers, shared by its files (model/hours.c,
 * hours_ledger.c, hours_report.c) and by nothing else: booking one
 * double-entry movement, the audit entry every write records, the actor's
 * verdict for an organisation, and the calendar days the module compares. */
#ifndef WIJK_MODEL_HOURS_BOOK_H
#define WIJK_MODEL_HOURS_BOOK_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "model/audit.h"
#include "policy/policy.h"

struct arena;
struct db;

/* One movement to book: amount tenths go from account `from` to account
 * `to` ("organisation", "pledge", "delivered"). */
struct hours_booking {
    int64_t pledge_id;
    const char *kind;      /* "pledge", "delivery", "correction", "withdrawal" */
    int64_t corrects_id;   /* a correction's delivery; else 0 */
    const char *on_date;   /* "YYYY-MM-DD" */
    int64_t initiative_id; /* 0: none */
    const char *work_kind; /* a delivery's; else NULL */
    const char *note;      /* NULL or "": none */
    const char *from;
    const char *to;
    int64_t amount; /* > 0; anything else aborts (a programming error) */
};

/* Inserts the movement and its two entries (from: -amount, to: +amount),
 * stamped with act's person, capacity and time, into *id. Must run inside
 * the caller's transaction. Errors: db_fault's. */
enum err hours_book(struct db *db, const struct hours_booking *b, const struct actor *act,
                    int64_t *id, struct fault *f);

/* Records the public audit entry action ("hours.pledge", ...) on pledge
 * pledge_id in area_code; detail (borrowed, may be NULL) holds numbers and
 * codes only. */
enum err hours_audit(struct db *db, struct arena *a, const struct actor *act, const char *action,
                     int64_t pledge_id, const char *area_code, json_t *detail, struct fault *f);

/* act's policy verdict for action on organisation_id's hours (see
 * hours.h): ERR_OK, or ERR_FORBIDDEN with the reason. */
enum err hours_verdict(struct db *db, int64_t organisation_id, enum action action,
                       const struct actor *act, struct fault *f);

/* The day number (days since 1970-01-01) of a "YYYY-MM-DD" date; false for
 * anything that is not a calendar date. */
bool hours_day(const char *date, int64_t *day);

/* act->now's local (Europe/Amsterdam) day, as a day number and as text. */
int64_t hours_today(const struct actor *act, char out[static 11]);

/* Locks pledge_id's row for the rest of the transaction and checks that it
 * is active: ERR_NOT_FOUND for no pledge, ERR_CONFLICT for a withdrawn
 * one (a conditional UPDATE, so that a racing withdrawal is seen). */
enum err hours_lock_active(struct db *db, int64_t pledge_id, struct fault *f);

#endif
