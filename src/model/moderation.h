/* Moderation (DESIGN.md §2): anyone signed in reports content written by
 * someone else; a moderator hides it with a reason, or shows it again.
 * Moderation never edits content: it only writes content_report and
 * content_hidden, and pages ask moderation_is_hidden() before they show a
 * piece of content (showing "hidden by a moderator" and the reason in its
 * place).
 *
 * Content is named as in the audit log: a type ("comment", [a-z0-9_],
 * 1..64) and an id (1..200 bytes, no control characters). The caller
 * passes the content's author (0: unknown), since moderators do not hide
 * their own content and nobody reports their own. Every write checks its
 * actor (model/capacity.h) against the policy table and records a public
 * audit entry on the content, without the reason text. */
#ifndef WIJK_MODEL_MODERATION_H
#define WIJK_MODEL_MODERATION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum { MODERATION_REASON_MAX = 500 }; /* characters */

/* Reports content by author_id, with a reason (1..500 characters; else
 * ERR_INVALID, field "reason"), from act's person (policy
 * moderation.report: signed in, not one's own). ERR_INVALID, field
 * "object", for a malformed type or id. Records "moderation.report".
 * *id may be NULL. */
enum err moderation_report(struct db *db, const char *object_type, const char *object_id,
                           int64_t author_id, const char *reason, const struct actor *act,
                           int64_t *id, struct fault *f);

/* Hides content by author_id with a reason (required: 1..500 characters,
 * else ERR_INVALID, field "reason"), as a moderator (policy
 * moderation.hide: not one's own). Open reports on it are resolved.
 * ERR_CONFLICT when it is hidden already. Records "moderation.hide". */
enum err moderation_hide(struct db *db, const char *object_type, const char *object_id,
                         int64_t author_id, const char *reason, const struct actor *act,
                         struct fault *f);

/* Shows hidden content again, as a moderator (policy moderation.unhide).
 * ERR_CONFLICT when it is not hidden. Records "moderation.unhide". */
enum err moderation_unhide(struct db *db, const char *object_type, const char *object_id,
                           int64_t author_id, const struct actor *act, struct fault *f);

/* Whether content is hidden now; *reason (may be NULL; from the arena)
 * gets the moderator's reason, NULL when not hidden. */
enum err moderation_is_hidden(struct db *db, struct arena *a, const char *object_type,
                              const char *object_id, bool *hidden, const char **reason,
                              struct fault *f);

/* The number of open reports on content. */
enum err moderation_open_reports(struct db *db, const char *object_type, const char *object_id,
                                 int *n, struct fault *f);

#endif
