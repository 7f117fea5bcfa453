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

/* Whether title is one of buurtcoordinator, welzijnswerker,
 * zorgprofessional, bewonersvertegenwoordiger, huismeester, other. */
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

#endif
