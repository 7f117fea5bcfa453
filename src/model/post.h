/* Posts at organisations (DESIGN.md §2): what makes a person a
 * professional. A person requests a post with a title at an organisation;
 * only an admin of that organisation confirms it; the post holder or an
 * admin of the organisation ends it. At most one active (requested or
 * confirmed) post per person per organisation.
 *
 * Every write checks its actor (model/capacity.h) against the policy table
 * (OWN: one's own post; MEMBER: an admin of the organisation concerned) and
 * records its restricted audit entry in the same transaction (own or the
 * caller's). Times come from act->now. */
#ifndef WIJK_MODEL_POST_H
#define WIJK_MODEL_POST_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

struct post {
    int64_t id;
    int64_t person_id;
    int64_t organisation_id;
    const char *title;    /* see post_title_valid */
    const char *status;   /* "requested", "confirmed", "ended" */
    int64_t confirmed_by; /* 0: not confirmed */
    int64_t requested_at;
    int64_t start_at; /* 0: not confirmed */
    int64_t end_at;   /* 0: not ended */
};

enum { POST_LIST_MAX = 500 }; /* rows a list gives at most */

/* A post as the lists show it: with the names a page needs. */
struct post_row {
    struct post post;
    const char *person_name; /* the holder's display name */
    const char *organisation_name;
};

/* The titles, NULL-terminated: buurtcoordinator, welzijnswerker,
 * zorgprofessional, bewonersvertegenwoordiger, huismeester, other. Static
 * storage. */
const char *const *post_titles(void);

/* Whether title is one of post_titles(). */
bool post_title_valid(const char *title);

/* Loads a post; ERR_NOT_FOUND when there is none. Strings from the arena. */
enum err post_get(struct db *db, struct arena *a, int64_t id, struct post *out, struct fault *f);

/* act's person requests a post titled title at organisation_id (policy
 * post.request, OWN). ERR_INVALID, field "title", for an unknown title;
 * ERR_NOT_FOUND, field "organisation", for an unknown organisation;
 * ERR_CONFLICT when they have an active post there already. Records
 * "post.request". *id may be NULL. */
enum err post_request(struct db *db, int64_t organisation_id, const char *title,
                      const struct actor *act, int64_t *id, struct fault *f);

/* Confirms a requested post, as an admin of its organisation (policy
 * post.confirm, MEMBER). ERR_NOT_FOUND for an unknown post, ERR_CONFLICT
 * when it is not requested any more. Records "post.confirm". */
enum err post_confirm(struct db *db, int64_t post_id, const struct actor *act, struct fault *f);

/* Ends an active post: its holder acting as a professional, or an admin of
 * its organisation (policy post.end). ERR_CONFLICT when it has ended.
 * Records "post.end". */
enum err post_end(struct db *db, int64_t post_id, const struct actor *act, struct fault *f);

/* Confirming and ending check the policy for the capacity first: a
 * capacity the action is denied to whatever the relation gets
 * ERR_FORBIDDEN with the policy's reason before the post is looked up, so
 * that a stranger learns nothing of which posts exist. */

/* Whether act may manage the posts at organisation_id -- see and confirm
 * them: acting as an organisation admin and an admin of that organisation
 * now (policy post.confirm, MEMBER). ERR_FORBIDDEN with the policy's reason
 * otherwise, also for an organisation that does not exist. */
enum err post_authorise_organisation(struct db *db, int64_t organisation_id,
                                     const struct actor *act, struct fault *f);

/* person_id's posts, newest request first, at most POST_LIST_MAX; with
 * status non-NULL only those in that status ("requested", "confirmed",
 * "ended"; else ERR_INVALID, field "status"). *items from the arena. The
 * caller makes sure person_id is the signed-in person's own id. */
enum err post_list_for_person(struct db *db, struct arena *a, int64_t person_id, const char *status,
                              struct post_row **items, int *n, struct fault *f);

/* The posts at organisation_id, oldest request first, at most
 * POST_LIST_MAX, with the holders' display names; status as above. The
 * caller asks post_authorise_organisation first. */
enum err post_list_for_organisation(struct db *db, struct arena *a, int64_t organisation_id,
                                    const char *status, struct post_row **items, int *n,
                                    struct fault *f);

#endif
