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
#include <stddef.h>
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

/* The name under which person_id appears in public, from the arena: their
 * display name; the former-participant name (PERSON_ERASED_NAME,
 * untranslated) after erasure; or NULL when a moderator hid it, with
 * *hidden_reason set to the moderator's reason (else NULL). ERR_NOT_FOUND
 * for an unknown person. */
enum err moderation_person_name(struct db *db, struct arena *a, int64_t person_id,
                                const char **name, const char **hidden_reason, struct fault *f);

/* ---- what can be reported ------------------------------------------------ */

/* One kind of content people write and others may report: its object
 * type (as in the audit log), the query that finds it by its id (one
 * parameter, the id; its row the author, 0 or NULL when unknown, and the
 * text as its author wrote it; no row when there is no such content), and
 * whether its text is written for a few readers only (an invitation's
 * message, a profile's own text): such text is shown to moderators, never
 * on the report form or in the public state of an object. */
struct moderation_kind {
    const char *type;
    const char *sql; /* a literal (db_prepare keys its cache on the text) */
    bool private_text;
};

/* The registry of reportable kinds; *n gets its length. Static data. */
const struct moderation_kind *moderation_kinds(size_t *n);

/* Whether the text of object_type may be shown to anyone who asks about the
 * object (false for a private_text kind and for a type not in the
 * registry). Pure. */
bool moderation_text_is_public(const char *object_type);

/* Content object_type/object_id through the registry: its author (0:
 * unknown) and, when text is not NULL, the content itself from a, for the
 * report form and for moderators. ERR_INVALID, field "object_type", "This
 * kind of content cannot be reported.", for a type not in the registry;
 * ERR_NOT_FOUND, field "object_id", "There is no such content.", for a
 * malformed or missing object. */
enum err moderation_content(struct db *db, struct arena *a, const char *object_type,
                            const char *object_id, int64_t *author_id, const char **text,
                            struct fault *f);

/* As moderation_report, moderation_hide and moderation_unhide, with the
 * author found through the registry (moderation_content's errors first). */
enum err moderation_report_content(struct db *db, const char *object_type, const char *object_id,
                                   const char *reason, const struct actor *act, int64_t *id,
                                   struct fault *f);
enum err moderation_hide_content(struct db *db, const char *object_type, const char *object_id,
                                 const char *reason, const struct actor *act, struct fault *f);
enum err moderation_unhide_content(struct db *db, const char *object_type, const char *object_id,
                                   const struct actor *act, struct fault *f);

/* ---- lists for moderators (moderation_list.c) ---------------------------- */

enum { MODERATION_LIST_MAX = 200, MODERATION_NEWEST_REASONS = 3 };

/* An object with open reports: how many, the newest time, and the reasons
 * of the newest MODERATION_NEWEST_REASONS reports (newest first). */
struct moderation_reported {
    const char *object_type;
    const char *object_id;
    int count;
    int64_t newest_at;
    const char *reasons[MODERATION_NEWEST_REASONS];
    int n_reasons;
};

/* Objects with open reports, most reports first (then newest first), at
 * most MODERATION_LIST_MAX; *out and its strings are from the arena. For
 * act's moderators only (policy moderation.view_reports; else
 * ERR_FORBIDDEN). */
enum err moderation_list_reported(struct db *db, struct arena *a, const struct actor *act,
                                  struct moderation_reported **out, size_t *n, struct fault *f);

/* A standing hide. */
struct moderation_hide_row {
    const char *object_type;
    const char *object_id;
    const char *reason;
    int64_t hidden_by;
    int64_t hidden_at;
};

/* The standing hides, newest first, at most MODERATION_LIST_MAX; from the
 * arena. For moderators only, as moderation_list_reported. */
enum err moderation_list_hidden(struct db *db, struct arena *a, const struct actor *act,
                                struct moderation_hide_row **out, size_t *n, struct fault *f);

#endif
