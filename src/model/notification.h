/* Notifications inside the platform (issue 6): initiators hear of new
 * pledges and offers, pledgers of phase changes and of tasks asked of them.
 * A notification is a row for one person: a kind from the fixed list
 * below, the initiative it is about, an optional short detail, and when it
 * was read. Pages translate the kind into a sentence; the detail is shown
 * as it is (escaped), so it holds what the sentence needs -- an
 * initiative's title is joined in by the lists, not copied.
 *
 * Making a notification is part of a write the caller records in its audit
 * entry: notify() and its helpers join the caller's transaction (they
 * start none), so a write that rolls back leaves no notification behind.
 * Marking read is a write of one's own and is audited as such. */
#ifndef WIJK_MODEL_NOTIFICATION_H
#define WIJK_MODEL_NOTIFICATION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    NOTIFY_DETAIL_MAX = 200,     /* characters kept of a detail */
    NOTIFY_PATH_MAX = 200,       /* bytes of a path (the CHECK's limit) */
    NOTIFICATION_LIST_MAX = 100, /* rows a list page gives at most */
};

/* The kinds, NULL-terminated, in static storage: pledge_new,
 * pledge_changed, pledge_withdrawn, offer_new, offer_accepted,
 * offer_declined, offer_withdrawn, phase_changed, task_asked,
 * task_assigned, question_asked, question_answered, external_recorded,
 * initiative_frozen, initiator_added (issue 6); activity_changed,
 * activity_cancelled, activity_place_offered, decision_opened,
 * decision_closed, decision_objection, conflict_raised, conflict_step
 * (issue 7); agreement_version, agreement_signature_needed,
 * agreement_active, zone_requested, zone_decided, zone_evaluation_due
 * (issue 8); match_invited, match_answered (issue 9). The migrations'
 * CHECK lists the same (0012_notification_kinds.sql). */
const char *const *notify_kinds(void);

/* Whether kind is one of notify_kinds(). */
bool notify_kind_valid(const char *kind);

/* Notifies person_id of kind about initiative_id (0: about no initiative)
 * with detail (NULL: none; a longer one is cut to NOTIFY_DETAIL_MAX
 * characters at a character boundary). An unknown kind aborts (a
 * programming error). Joins the caller's transaction; database errors as
 * db_fault (the caller rolls back). */
enum err notify(struct db *db, int64_t person_id, const char *kind, int64_t initiative_id,
                const char *detail, struct fault *f);

/* notify() with the page the notification links to: path is a local path
 * ("/activities/12"; ASCII, starting with one '/', at most
 * NOTIFY_PATH_MAX bytes; anything else aborts, a programming error), NULL
 * for the initiative's page (or none without an initiative). Use it for
 * what lives on a page of its own: an activity, a decision, a conflict
 * case, an agreement, a zone, an invitation. Joins the caller's
 * transaction. */
enum err notify_about(struct db *db, int64_t person_id, const char *kind, int64_t initiative_id,
                      const char *path, const char *detail, struct fault *f);

/* notify() for every current initiator of initiative_id (initiative_initiator
 * without until_at) and every board member of the collective owning it,
 * each once, except except_person_id (the actor, who needs no news of
 * their own act; 0: nobody). Joins the caller's transaction. */
enum err notify_initiators(struct db *db, int64_t initiative_id, const char *kind,
                           const char *detail, int64_t except_person_id, struct fault *f);

/* notify() for every resident with a standing (not withdrawn) pledge to
 * initiative_id, each once, except except_person_id. Joins the caller's
 * transaction. */
enum err notify_pledgers(struct db *db, int64_t initiative_id, const char *kind, const char *detail,
                         int64_t except_person_id, struct fault *f);

struct notification {
    int64_t id;
    const char *kind;
    int64_t initiative_id;        /* 0: none */
    const char *initiative_title; /* NULL: none */
    const char *detail;           /* NULL: none */
    int64_t created_at;
    int64_t read_at;  /* 0: unread */
    const char *path; /* NULL: the initiative's page */
};

/* person_id's notifications, newest first, cut by keyset on the id: before
 * is the cursor (0: from the newest), limit 1..NOTIFICATION_LIST_MAX (else
 * ERR_INVALID, field "limit"). *next is the cursor of the following page,
 * 0 at the end. *items from the arena. The caller makes sure person_id is
 * the signed-in person's own id. */
enum err notification_list(struct db *db, struct arena *a, int64_t person_id, int64_t before,
                           int limit, struct notification **items, int *n, int64_t *next,
                           struct fault *f);

/* The number of person_id's unread notifications: one probe of the partial
 * index on (person_id) WHERE read_at IS NULL, cheap enough for every page's
 * header. */
enum err notification_unread_count(struct db *db, int64_t person_id, int64_t *count,
                                   struct fault *f);

/* act's person marks notification id read, or all of their unread ones
 * when id is 0; *marked says how many changed. ERR_UNAUTHORIZED for an
 * actor without a person. ERR_NOT_FOUND for an id that is not one of
 * theirs (someone else's is indistinguishable from none). Marking one that
 * is read already changes nothing and is no error. Records the restricted
 * "notification.read" entry when something changed. marked may be NULL. */
enum err notification_mark_read(struct db *db, int64_t id, const struct actor *act, int64_t *marked,
                                struct fault *f);

#endif
