/* Notifications (see notification.h). Making them is a plain INSERT per
 * person, or one INSERT ... SELECT for a group (initiators, pledgers), in
 * the caller's transaction. Reading them is keyset-paged by id; the unread
 * count is one probe of a partial index; marking read is a conditional
 * UPDATE on read_at IS NULL, so marking twice changes nothing. */
#include "model/notification.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "model/tx.h"

static const char *const kinds[] = {
    "pledge_new",        "pledge_changed",    "pledge_withdrawn", "offer_new",
    "offer_accepted",    "offer_declined",    "offer_withdrawn",  "phase_changed",
    "task_asked",        "task_assigned",     "question_asked",   "question_answered",
    "external_recorded", "initiative_frozen", "initiator_added",  "activity_changed",
    "activity_cancelled", "activity_place_offered", "decision_opened", "decision_closed",
    "decision_objection", "conflict_raised", "conflict_step", "agreement_version",
    "agreement_signature_needed", "agreement_active", "zone_requested", "zone_decided",
    "zone_evaluation_due", "match_invited", "match_answered", NULL};

const char *const *notify_kinds(void)
{
    return kinds;
}

bool notify_kind_valid(const char *kind)
{
    for (size_t i = 0; kind && kinds[i]; i++)
        if (strcmp(kind, kinds[i]) == 0)
            return true;
    return false;
}

static void check_kind(const char *kind)
{
    if (!notify_kind_valid(kind)) {
        fprintf(stderr, "notify: unknown kind \"%s\" (a programming error)\n",
                kind ? kind : "(null)");
        abort();
    }
}

/* The first NOTIFY_DETAIL_MAX characters of detail, in a, never splitting
 * a UTF-8 sequence. */
static const char *cut_detail(struct arena *a, const char *detail)
{
    size_t chars = 0, i = 0;
    for (; detail[i]; i++) {
        if (((unsigned char)detail[i] & 0xC0) != 0x80 && chars++ == NOTIFY_DETAIL_MAX)
            break;
    }
    return arena_strndup(a, detail, i);
}

static void bind_id_or_null(struct db_stmt *st, int idx, int64_t id)
{
    if (id > 0)
        db_bind_int(st, idx, id);
    else
        db_bind_null(st, idx);
}

/* Binds kind, initiative (or NULL), detail (cut; or NULL) and now to the
 * parameters 1 to 4. */
static void bind_common(struct db_stmt *st, struct arena *a, const char *kind,
                        int64_t initiative_id, const char *detail)
{
    db_bind_text(st, 1, kind);
    bind_id_or_null(st, 2, initiative_id);
    if (detail)
        db_bind_text(st, 3, cut_detail(a, detail));
    else
        db_bind_null(st, 3);
    db_bind_int(st, 4, clock_now());
}

/* Runs an INSERT whose parameters are kind, initiative (or NULL), detail
 * (or NULL), now, then key keys times, then except when it is not -1. */
static enum err insert(struct db *db, const char *sql, int64_t key, int keys, const char *kind,
                       int64_t initiative_id, const char *detail, int64_t except, struct fault *f)
{
    struct arena *a = arena_new();
    struct db_stmt *st = db_prepare(db, sql);
    if (!st) {
        arena_free(a);
        return db_fault(db, f);
    }
    bind_common(st, a, kind, initiative_id, detail);
    int i = 5;
    while (keys-- > 0)
        db_bind_int(st, i++, key);
    if (except >= 0)
        db_bind_int(st, i, except);
    enum db_rc rc = db_step(st);
    db_done(st);
    arena_free(a);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err notify(struct db *db, int64_t person_id, const char *kind, int64_t initiative_id,
                const char *detail, struct fault *f)
{
    return notify_about(db, person_id, kind, initiative_id, NULL, detail, f);
}

/* Whether path is a local path the page may link to: one '/', then not a
 * second one (no "//host"), printable ASCII without quotes or '\'. */
static bool local_path(const char *path)
{
    size_t n = strlen(path);
    if (n < 1 || n > NOTIFY_PATH_MAX || path[0] != '/' || path[1] == '/')
        return false;
    for (size_t i = 0; i < n; i++)
        if (path[i] <= ' ' || path[i] > '~' || path[i] == '"' || path[i] == '\\')
            return false;
    return true;
}

enum err notify_about(struct db *db, int64_t person_id, const char *kind, int64_t initiative_id,
                      const char *path, const char *detail, struct fault *f)
{
    check_kind(kind);
    if (path && !local_path(path)) {
        fprintf(stderr, "notify: \"%s\" is not a local path (a programming error)\n", path);
        abort();
    }
    struct db_stmt *st = db_prepare(db, "INSERT INTO notification "
                                        "(kind, initiative_id, detail, created_at, person_id, path) "
                                        "VALUES (?, ?, ?, ?, ?, ?)");
    if (!st)
        return db_fault(db, f);
    struct arena *a = arena_new();
    bind_common(st, a, kind, initiative_id, detail);
    db_bind_int(st, 5, person_id);
    if (path)
        db_bind_text(st, 6, path);
    else
        db_bind_null(st, 6);
    enum db_rc rc = db_step(st);
    db_done(st);
    arena_free(a);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err notify_initiators(struct db *db, int64_t initiative_id, const char *kind,
                           const char *detail, int64_t except_person_id, struct fault *f)
{
    check_kind(kind);
    return insert(
        db,
        "INSERT INTO notification (kind, initiative_id, detail, created_at, person_id) "
        "SELECT DISTINCT CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS BIGINT), "
        "w.person_id FROM (SELECT ii.person_id FROM initiative_initiator ii "
        "WHERE ii.initiative_id = ? AND ii.until_at IS NULL "
        "UNION SELECT cm.person_id FROM initiative i "
        "JOIN collective_member cm ON cm.collective_id = i.collective_id "
        "WHERE i.id = ? AND cm.board_role IS NOT NULL AND cm.status = 'joined') w "
        "WHERE w.person_id <> ?",
        initiative_id, 2, kind, initiative_id, detail, except_person_id, f);
}

enum err notify_pledgers(struct db *db, int64_t initiative_id, const char *kind, const char *detail,
                         int64_t except_person_id, struct fault *f)
{
    check_kind(kind);
    return insert(db,
                  "INSERT INTO notification (kind, initiative_id, detail, created_at, person_id) "
                  "SELECT DISTINCT CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS TEXT), "
                  "CAST(? AS BIGINT), p.person_id FROM pledge p "
                  "WHERE p.initiative_id = ? AND p.status = 'active' AND p.person_id <> ?",
                  initiative_id, 1, kind, initiative_id, detail, except_person_id, f);
}

static struct notification row(struct db_stmt *st, struct arena *a)
{
    return (struct notification){
        .id = db_col_int(st, 0),
        .kind = arena_strdup(a, db_col_text(st, 1)),
        .initiative_id = db_col_int(st, 2),
        .initiative_title = db_col_is_null(st, 3) ? NULL : arena_strdup(a, db_col_text(st, 3)),
        .detail = db_col_is_null(st, 4) ? NULL : arena_strdup(a, db_col_text(st, 4)),
        .created_at = db_col_int(st, 5),
        .read_at = db_col_int(st, 6),
        .path = db_col_is_null(st, 7) ? NULL : arena_strdup(a, db_col_text(st, 7)),
    };
}

enum err notification_list(struct db *db, struct arena *a, int64_t person_id, int64_t before,
                           int limit, struct notification **items, int *n, int64_t *next,
                           struct fault *f)
{
    *items = NULL;
    *n = 0;
    *next = 0;
    if (limit < 1 || limit > NOTIFICATION_LIST_MAX || before < 0)
        return fault_set(f, ERR_INVALID, "limit", "Ask for 1 to 100 notifications at a time.",
                         NULL);
    struct db_stmt *st = db_prepare(
        db, "SELECT n.id, n.kind, n.initiative_id, i.title, n.detail, n.created_at, n.read_at, "
            "n.path "
            "FROM notification n LEFT JOIN initiative i ON i.id = n.initiative_id "
            "WHERE n.person_id = ? AND (? = 0 OR n.id < ?) ORDER BY n.id DESC LIMIT ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    db_bind_int(st, 2, before);
    db_bind_int(st, 3, before);
    db_bind_int(st, 4, limit + 1);
    *items = arena_array(a, (size_t)limit, sizeof **items);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == limit) {
            *next = (*items)[limit - 1].id;
            continue;
        }
        (*items)[(*n)++] = row(st, a);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err notification_unread_count(struct db *db, int64_t person_id, int64_t *count,
                                   struct fault *f)
{
    *count = 0;
    struct db_stmt *st =
        db_prepare(db, "SELECT COUNT(*) FROM notification WHERE person_id = ? AND read_at IS NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *count = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* Whether notification id belongs to person_id. */
static enum err owned(struct db *db, int64_t id, int64_t person_id, bool *yes, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT COUNT(*) FROM notification WHERE id = ? AND person_id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, person_id);
    enum db_rc rc = db_step(st);
    *yes = rc == DB_ROW && db_col_int(st, 0) > 0;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err mark(struct db *db, int64_t id, const struct actor *act, int64_t *marked,
                     struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE notification SET read_at = ? WHERE person_id = ? AND read_at IS NULL "
            "AND (? = 0 OR id = ?)");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->now);
    db_bind_int(st, 2, act->person_id);
    db_bind_int(st, 3, id);
    db_bind_int(st, 4, id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    *marked = db_changes(db);
    if (*marked == 0)
        return ERR_OK;
    return audit_record_private(db, act, "notification.read", "person", act->person_id, f);
}

enum err notification_mark_read(struct db *db, int64_t id, const struct actor *act, int64_t *marked,
                                struct fault *f)
{
    int64_t changed = 0;
    bool yes = true, own;
    if (act->person_id <= 0)
        return fault_set(f, ERR_UNAUTHORIZED, NULL, "Sign in to see your notifications.", NULL);
    enum err e = id > 0 ? owned(db, id, act->person_id, &yes, f) : ERR_OK;
    if (e == ERR_OK && !yes)
        e = fault_set(f, ERR_NOT_FOUND, NULL, "There is no such notification.", NULL);
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = tx_end(db, own, mark(db, id, act, &changed, f), f);
    if (e == ERR_OK && marked)
        *marked = changed;
    return e;
}
