/* The audit log: who did what, in which capacity, on what, when and from
 * which request (DESIGN.md §2, invariant 5). Append-only: this module only
 * inserts, and triggers in both databases refuse UPDATE and DELETE.
 *
 * An entry is public when its object is (an initiative's history is open to
 * everyone) and restricted when it concerns personal data (sign-ins, password
 * changes): those are shown to the person concerned only. The optional
 * detail is a JSON object that never holds a password, a token or an e-mail
 * address: audit_record() aborts on a key that names one or on any string
 * containing '@', since that is a programming error, not user input. */
#ifndef WIJK_MODEL_AUDIT_H
#define WIJK_MODEL_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/err.h"

struct arena;
struct db;

/* Who acts, when, and from which request: what a model write stamps on the
 * audit entries it makes. The HTTP layer fills one per request from the
 * session; the CLI with person_id 0 and request_id NULL. */
struct actor {
    int64_t person_id;      /* 0: nobody signed in (sign-up, reset, CLI) */
    const char *capacity;   /* the capacity acted in, NULL: none */
    const char *request_id; /* NULL outside a request */
    int64_t now;            /* the time of the action, unix seconds */
};

struct audit_entry {
    int64_t at;              /* unix seconds */
    int64_t person_id;       /* 0: nobody (stored as NULL) */
    const char *capacity;    /* NULL: none */
    const char *action;      /* "session.start": [a-z0-9_.], 1..64 */
    const char *object_type; /* "person": [a-z0-9_], 1..64 */
    const char *object_id;   /* "42", 1..200 bytes */
    const char *area_code;   /* NULL: not tied to an area */
    const char *request_id;  /* NULL outside a request */
    bool is_public;
    json_t *detail; /* a JSON object or NULL; borrowed */
};

/* Appends one entry. Malformed action, object type or id, a detail that is
 * not an object, or a detail holding a forbidden key (containing password,
 * passwd, secret, token, email, e_mail, e-mail or cookie, in any case) or a
 * string with '@' anywhere in it: abort (programming errors). Database
 * errors as db_fault. One row: no transaction of its own; it joins the
 * caller's, if any. */
enum err audit_record(struct db *db, const struct audit_entry *e, struct fault *f);

/* audit_record with who, capacity, request and time from act; the object id
 * is a number. A restricted entry (not public) without area or detail: what
 * the account functions record about a person's own data. */
enum err audit_record_private(struct db *db, const struct actor *act, const char *action,
                              const char *object_type, int64_t object_id, struct fault *f);

/* One entry as read back. Strings come from the arena; detail is JSON text
 * or NULL. */
struct audit_row {
    int64_t id;
    int64_t at;
    int64_t person_id; /* 0: nobody */
    const char *capacity;
    const char *action;
    const char *object_type;
    const char *object_id;
    const char *area_code;
    const char *request_id;
    bool is_public;
    const char *detail;
};

/* Newest first, cut by keyset on the id: before is the cursor (0: from the
 * newest), limit 1..500. next is the cursor for the following page, 0 at
 * the end. */
struct audit_page {
    struct audit_row *items;
    int n;
    int64_t next;
};

/* The public entries about one object (a page per object). ERR_INVALID for
 * a limit out of range or a negative cursor; for an object type that is not
 * 1..64 characters of [a-z0-9_] (field "object_type") or an object id that
 * is not 1..200 bytes of single-line text (field "object_id"). An object
 * with no public entries gives an empty page, not an error: the log cannot
 * tell an object without history from one that does not exist. */
enum err audit_list_object(struct db *db, struct arena *a, const char *object_type,
                           const char *object_id, int64_t before, int limit, struct audit_page *out,
                           struct fault *f);

/* The public entries of one area (a page per area). */
enum err audit_list_area(struct db *db, struct arena *a, const char *area_code, int64_t before,
                         int limit, struct audit_page *out, struct fault *f);

/* The restricted entries about person_id: those whose actor is the person
 * (sign-ins, password changes, invitations made, ...) and those whose
 * object is the person (object type "person", id person_id), whoever
 * acted. Public entries are not listed here (they are on the pages of
 * their objects and areas). This is what a person sees of their own
 * activity; the caller makes sure person_id is the signed-in person's own
 * id (policy audit.view_personal, OWN). */
enum err audit_list_person(struct db *db, struct arena *a, int64_t person_id, int64_t before,
                           int limit, struct audit_page *out, struct fault *f);

/* An entry's capacity in parts, for showing it in words. "professional:17"
 * gives name "professional", qualifier "17" and place the name of
 * organisation 17; "organisation_admin:17" likewise; "resident:BU03630101"
 * and "municipality_admin:GM0363" the name of the buurt or gemeente. place
 * is NULL without a qualifier or when what it names is not (or no longer)
 * there. NULL capacity: all three NULL. Strings from the arena. */
struct audit_capacity {
    const char *name;
    const char *qualifier;
    const char *place;
};
enum err audit_capacity_parts(struct db *db, struct arena *a, const char *capacity,
                              struct audit_capacity *out, struct fault *f);

#endif
