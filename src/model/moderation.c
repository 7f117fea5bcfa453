/* Reports and hidden content (see moderation.h). A hide is a row of
 * content_hidden; the partial unique index on it allows one standing hide
 * per object, so two moderators at once cannot both hide, and unhiding is a
 * conditional UPDATE. The content's own table is never touched. */
#include "model/moderation.h"

#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/activity.h"
#include "model/capacity.h"
#include "model/hours.h"
#include "model/match_invite.h"
#include "model/person.h"
#include "model/skill.h"
#include "model/tx.h"

static enum err check_object(const char *type, const char *id, struct fault *f)
{
    size_t tn = type ? strlen(type) : 0, in = id ? strlen(id) : 0;
    bool ok = tn >= 1 && tn <= 64 && in >= 1 && in <= 200 && utf8_valid(id, in) &&
              !utf8_has_controls(id, in, false);
    for (size_t i = 0; ok && i < tn; i++)
        ok = (type[i] >= 'a' && type[i] <= 'z') || (type[i] >= '0' && type[i] <= '9') ||
             type[i] == '_';
    return ok ? ERR_OK
              : fault_set(f, ERR_INVALID, "object", "This is not a piece of content.", NULL);
}

static enum err check_reason(const char *reason, struct fault *f)
{
    size_t n = reason ? strlen(reason) : 0;
    bool blank = true;
    for (size_t i = 0; i < n && blank; i++)
        blank = reason[i] == ' ' || reason[i] == '\t' || reason[i] == '\n' || reason[i] == '\r';
    if (blank || !utf8_valid(reason, n) || utf8_has_controls(reason, n, true) ||
        utf8_count(reason, n) > MODERATION_REASON_MAX)
        return fault_set(f, ERR_INVALID, "reason", "Give a reason of at most 500 characters.",
                         NULL);
    return ERR_OK;
}

/* Checks the object and the actor for action on content by author_id. */
static enum err authorise(struct db *db, const char *type, const char *id, int64_t author_id,
                          enum action action, const struct actor *act, struct fault *f)
{
    enum capacity cap;
    enum err e = check_object(type, id, f);
    if (e == ERR_OK)
        e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK)
        e = capacity_authorise(
            action, cap, author_id > 0 && author_id == act->person_id ? REL_OWN : REL_OTHER, f);
    return e;
}

static enum err record(struct db *db, const struct actor *act, const char *action, const char *type,
                       const char *id, struct fault *f)
{
    struct audit_entry entry = {.at = act->now,
                                .person_id = act->person_id,
                                .capacity = act->capacity,
                                .action = action,
                                .object_type = type,
                                .object_id = id,
                                .request_id = act->request_id,
                                .is_public = true};
    return audit_record(db, &entry, f);
}

enum err moderation_report(struct db *db, const char *object_type, const char *object_id,
                           int64_t author_id, const char *reason, const struct actor *act,
                           int64_t *id, struct fault *f)
{
    enum err e = check_reason(reason, f);
    if (e == ERR_OK)
        e = authorise(db, object_type, object_id, author_id, ACT_MODERATION_REPORT, act, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    int64_t new_id = 0;
    struct db_stmt *st =
        db_prepare(db, "INSERT INTO content_report (object_type, object_id, reporter_id, reason, "
                       "created_at, status) VALUES (?, ?, ?, ?, ?, 'open') RETURNING id");
    if (!st)
        return tx_end(db, own, db_fault(db, f), f);
    db_bind_text(st, 1, object_type);
    db_bind_text(st, 2, object_id);
    db_bind_int(st, 3, act->person_id);
    db_bind_text(st, 4, reason);
    db_bind_int(st, 5, act->now);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        new_id = db_col_int(st, 0);
    db_done(st);
    e = rc == DB_ROW ? record(db, act, "moderation.report", object_type, object_id, f)
                     : db_fault(db, f);
    e = tx_end(db, own, e, f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

/* The standing hide, written unless there is one already. */
static enum err insert_hide(struct db *db, const char *type, const char *id, const char *reason,
                            const struct actor *act, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO content_hidden (object_type, object_id, hidden_by, reason, hidden_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, type);
    db_bind_text(st, 2, id);
    db_bind_int(st, 3, act->person_id);
    db_bind_text(st, 4, reason);
    db_bind_int(st, 5, act->now);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) == 0)
        return fault_set(f, ERR_CONFLICT, NULL, "This content is hidden already.", NULL);
    return ERR_OK;
}

static enum err resolve_reports(struct db *db, const char *type, const char *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "UPDATE content_report SET status = 'resolved' "
                                        "WHERE object_type = ? AND object_id = ? "
                                        "AND status = 'open'");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, type);
    db_bind_text(st, 2, id);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err hide(struct db *db, const char *type, const char *id, const char *reason,
                     const struct actor *act, struct fault *f)
{
    enum err e = insert_hide(db, type, id, reason, act, f);
    if (e == ERR_OK)
        e = resolve_reports(db, type, id, f);
    return e == ERR_OK ? record(db, act, "moderation.hide", type, id, f) : e;
}

enum err moderation_hide(struct db *db, const char *object_type, const char *object_id,
                         int64_t author_id, const char *reason, const struct actor *act,
                         struct fault *f)
{
    enum err e = authorise(db, object_type, object_id, author_id, ACT_MODERATION_HIDE, act, f);
    if (e == ERR_OK)
        e = check_reason(reason, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    return tx_end(db, own, hide(db, object_type, object_id, reason, act, f), f);
}

static enum err unhide(struct db *db, const char *type, const char *id, const struct actor *act,
                       struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "UPDATE content_hidden SET unhidden_by = ?, unhidden_at = ? "
                       "WHERE unhidden_at IS NULL AND object_type = ? AND object_id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->person_id);
    db_bind_int(st, 2, act->now);
    db_bind_text(st, 3, type);
    db_bind_text(st, 4, id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) == 0)
        return fault_set(f, ERR_CONFLICT, NULL, "This content is not hidden.", NULL);
    return record(db, act, "moderation.unhide", type, id, f);
}

enum err moderation_unhide(struct db *db, const char *object_type, const char *object_id,
                           int64_t author_id, const struct actor *act, struct fault *f)
{
    enum err e = authorise(db, object_type, object_id, author_id, ACT_MODERATION_UNHIDE, act, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    return tx_end(db, own, unhide(db, object_type, object_id, act, f), f);
}

enum err moderation_is_hidden(struct db *db, struct arena *a, const char *object_type,
                              const char *object_id, bool *hidden, const char **reason,
                              struct fault *f)
{
    *hidden = false;
    if (reason)
        *reason = NULL;
    struct db_stmt *st = db_prepare(db, "SELECT reason FROM content_hidden WHERE object_type = ? "
                                        "AND object_id = ? AND unhidden_at IS NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, object_type);
    db_bind_text(st, 2, object_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *hidden = true;
        if (reason)
            *reason = arena_strdup(a, db_col_text(st, 0));
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err moderation_open_reports(struct db *db, const char *object_type, const char *object_id,
                                 int *n, struct fault *f)
{
    *n = 0;
    struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM content_report WHERE object_type = ? "
                                        "AND object_id = ? AND status = 'open'");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, object_type);
    db_bind_text(st, 2, object_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *n = (int)db_col_int(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* ---- what can be reported ------------------------------------------------ */

/* An object id as the audit log writes it: decimal, no sign or leading
 * zero, at most 18 digits. */
static bool parse_id(const char *s, int64_t *id)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 18 || s[0] == '0')
        return false;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *id = v;
    return true;
}

static enum err not_found(struct fault *f)
{
    return fault_set(f, ERR_NOT_FOUND, "object_id", "There is no such content.", NULL);
}

/* The registry. Each module that owns a kind keeps what it shows of it:
 * a hidden note is left out of the hours ledger, its API and CSV
 * (model/hours.h); a hidden invitation message or profile text never
 * leaves its module, which gives "" and the reason instead
 * (model/match_invite.h, model/skill.h). */
static const struct moderation_kind kinds[] = {
    /* a person's display name: its author is the person */
    {.type = "person", .sql = "SELECT id, display_name FROM person WHERE id = ?"},
    /* an hour movement's note, written by who booked it */
    {.type = "hours_note",
     .sql = "SELECT person_id, note FROM hours_movement WHERE id = ? AND note IS NOT NULL"},
    /* an activity's title and description as one text, by its organiser */
    {.type = "activity",
     .sql = "SELECT created_by, CASE WHEN description <> '' THEN title || '\n\n' || "
            "description ELSE title END FROM activity WHERE id = ?"},
    /* text for a few readers: an invitation's message, by the inviter ... */
    {.type = "match_invite_message",
     .sql = "SELECT invited_by, message FROM match_invite WHERE id = ? AND message <> ''",
     .private_text = true},
    /* ... and the free text of a person's skill profile, by the person */
    {.type = "skill_about",
     .sql = "SELECT person_id, about FROM skill_profile WHERE person_id = ? AND about <> ''",
     .private_text = true},
};

/* Content of kind k by its id: its author and (when text is not NULL) the
 * text, from a. */
static enum err find_content(struct db *db, struct arena *a, const struct moderation_kind *k,
                             const char *object_id, int64_t *author_id, const char **text,
                             struct fault *f)
{
    int64_t id = 0;
    if (!parse_id(object_id, &id))
        return not_found(f);
    struct db_stmt *st = db_prepare(db, k->sql);
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *author_id = db_col_is_null(st, 0) ? 0 : db_col_int(st, 0);
        if (text)
            *text = arena_strdup(a, db_col_text(st, 1));
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_ROW ? ERR_OK : not_found(f);
}

const struct moderation_kind *moderation_kinds(size_t *n)
{
    *n = sizeof kinds / sizeof kinds[0];
    return kinds;
}

bool moderation_text_is_public(const char *object_type)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (object_type && strcmp(kinds[i].type, object_type) == 0)
            return !kinds[i].private_text;
    return false;
}

enum err moderation_content(struct db *db, struct arena *a, const char *object_type,
                            const char *object_id, int64_t *author_id, const char **text,
                            struct fault *f)
{
    *author_id = 0;
    if (text)
        *text = NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (object_type && strcmp(kinds[i].type, object_type) == 0)
            return find_content(db, a, &kinds[i], object_id, author_id, text, f);
    return fault_set(f, ERR_INVALID, "object_type", "This kind of content cannot be reported.",
                     NULL);
}

enum err moderation_report_content(struct db *db, const char *object_type, const char *object_id,
                                   const char *reason, const struct actor *act, int64_t *id,
                                   struct fault *f)
{
    int64_t author = 0;
    enum err e = moderation_content(db, NULL, object_type, object_id, &author, NULL, f);
    return e == ERR_OK ? moderation_report(db, object_type, object_id, author, reason, act, id, f)
                       : e;
}

enum err moderation_hide_content(struct db *db, const char *object_type, const char *object_id,
                                 const char *reason, const struct actor *act, struct fault *f)
{
    int64_t author = 0;
    enum err e = moderation_content(db, NULL, object_type, object_id, &author, NULL, f);
    return e == ERR_OK ? moderation_hide(db, object_type, object_id, author, reason, act, f) : e;
}

enum err moderation_unhide_content(struct db *db, const char *object_type, const char *object_id,
                                   const struct actor *act, struct fault *f)
{
    int64_t author = 0;
    enum err e = moderation_content(db, NULL, object_type, object_id, &author, NULL, f);
    return e == ERR_OK ? moderation_unhide(db, object_type, object_id, author, act, f) : e;
}

enum err moderation_person_name(struct db *db, struct arena *a, int64_t person_id,
                                const char **name, const char **hidden_reason, struct fault *f)
{
    *name = NULL;
    *hidden_reason = NULL;
    struct person p;
    enum err e = person_get(db, a, person_id, &p, f);
    if (e != ERR_OK)
        return e;
    if (p.erased_at) {
        *name = PERSON_ERASED_NAME;
        return ERR_OK;
    }
    bool hidden = false;
    e = moderation_is_hidden(db, a, "person", arena_printf(a, "%lld", (long long)person_id),
                             &hidden, hidden_reason, f);
    if (e == ERR_OK && !hidden)
        *name = p.display_name;
    return e;
}
