/* Activities (see activity.h): what the organisers do -- create, change,
 * cancel the whole activity or one occurrence -- and the notifications
 * that go with it. Each write asks the policy first (through
 * initiative_authorise for an initiative's activity, so that a refusal is
 * logged as the initiative's others are), checks the input, and then
 * writes, audits and notifies in one transaction. */
#include "model/activity.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/initiative.h"
#include "model/notification.h"
#include "model/tx.h"

/* The policy's verdict on act taking action on an activity of the owner. */
static enum err authorise(struct db *db, int64_t initiative_id, int64_t collective_id,
                          enum action action, const struct actor *act, struct fault *f)
{
    if (initiative_id)
        return initiative_authorise(db, initiative_id, action, act, f);
    struct arena *a = arena_new();
    struct collective c;
    bool board = false;
    enum err e = collective_get(db, a, collective_id, &c, f);
    arena_free(a);
    if (e == ERR_OK && act->person_id > 0)
        e = collective_is_board_member(db, collective_id, act->person_id, &board, f);
    if (e == ERR_OK)
        e = capacity_check(db, act, action, board ? REL_INITIATOR : REL_OTHER, f);
    return e;
}

/* The activity id's owner, authorised for action; *out loaded. */
static enum err authorise_on(struct db *db, struct arena *a, int64_t id, enum action action,
                             const struct actor *act, struct activity *out, struct fault *f)
{
    enum err e = activity_get(db, a, id, out, f);
    if (e == ERR_OK)
        e = authorise(db, out->initiative_id, out->collective_id, action, act, f);
    return e;
}

/* Whether location id exists. */
static enum err location_exists(struct db *db, int64_t id, bool *found, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT 1 FROM location WHERE id = ?");
    *found = false;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    *found = rc == DB_ROW;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* The buurt the activity takes place in: the one given, which must be
 * among the owner's, or the owner's only buurt. */
static enum err resolve_buurt(struct db *db, struct arena *a, int64_t initiative_id,
                              int64_t collective_id, const char *given, const char **buurt,
                              struct fault *f)
{
    const char *one =
        initiative_id ? "SELECT ia.buurt_code FROM initiative_area ia WHERE ia.initiative_id = ? "
                        "ORDER BY ia.buurt_code"
                      : "SELECT ar.code FROM collective c JOIN area ar ON ar.kind = 'buurt' AND "
                        "(ar.code = c.area_code OR ar.parent_code = c.area_code) WHERE c.id = ? "
                        "ORDER BY ar.code";
    struct db_stmt *st = db_prepare(db, one);
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id ? initiative_id : collective_id);
    int n = 0;
    bool match = false;
    enum db_rc rc;
    *buurt = NULL;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *code = db_col_text(st, 0);
        if (n++ == 0)
            *buurt = arena_strdup(a, code);
        if (given && *given && strcmp(given, code) == 0) {
            match = true;
            *buurt = arena_strdup(a, code);
        }
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (given && *given && !match)
        return fault_set(f, ERR_INVALID, "buurt",
                         "Choose a buurt the initiative or collective works in.", NULL);
    if (!(given && *given) && n != 1)
        return fault_set(f, ERR_INVALID, "buurt", "Choose the buurt where it takes place.", NULL);
    return ERR_OK;
}

/* What create and update check against the database: owner not ended,
 * buurt, location. */
static enum err check_owner(struct db *db, struct arena *a, int64_t initiative_id,
                            int64_t collective_id, const struct activity_input *in,
                            const char **buurt, struct fault *f)
{
    if (initiative_id) {
        struct initiative ini;
        enum err e = initiative_get(db, a, initiative_id, &ini, f);
        if (e != ERR_OK)
            return e;
        if (initiative_phase_ended(ini.phase))
            return fault_set(f, ERR_CONFLICT, NULL,
                             "This initiative has ended; it has no new activities.", NULL);
    }
    enum err e = resolve_buurt(db, a, initiative_id, collective_id, in->buurt, buurt, f);
    bool found = true;
    if (e == ERR_OK && in->location_id > 0)
        e = location_exists(db, in->location_id, &found, f);
    if (e == ERR_OK && !found)
        e = fault_set(f, ERR_NOT_FOUND, "location_id", "There is no such location.", NULL);
    return e;
}

static enum err audit(struct db *db, const struct actor *act, const char *action, int64_t id,
                      const char *buurt, json_t *detail, struct fault *f)
{
    char object_id[24];
    snprintf(object_id, sizeof object_id, "%" PRId64, id);
    struct audit_entry entry = {.at = act->now,
                                .person_id = act->person_id,
                                .capacity = act->capacity,
                                .action = action,
                                .object_type = "activity",
                                .object_id = object_id,
                                .area_code = buurt,
                                .request_id = act->request_id,
                                .is_public = true,
                                .detail = detail};
    enum err e = audit_record(db, &entry, f);
    if (detail)
        json_decref(detail);
    return e;
}

enum err activity_notify(struct db *db, const struct activity *act_, const char *kind,
                         const char *detail, int64_t except, struct fault *f)
{
    struct arena *a = arena_new();
    int64_t *ids = arena_array(a, ACTIVITY_LIST_MAX * 2, sizeof *ids);
    int n = 0;
    struct db_stmt *st = db_prepare(
        db, "SELECT person_id FROM activity_signup WHERE activity_id = ? AND status <> "
            "'cancelled' UNION SELECT v.person_id FROM activity_volunteer v JOIN activity_role r "
            "ON r.id = v.role_id WHERE r.activity_id = ? AND v.status = 'active'");
    enum err e = ERR_OK;
    if (!st)
        e = db_fault(db, f);
    else {
        db_bind_int(st, 1, act_->id);
        db_bind_int(st, 2, act_->id);
        enum db_rc rc;
        while ((rc = db_step(st)) == DB_ROW && n < ACTIVITY_LIST_MAX * 2)
            ids[n++] = db_col_int(st, 0);
        db_done(st);
        if (rc == DB_ERROR)
            e = db_fault(db, f);
    }
    char *path = arena_printf(a, "/activities/%" PRId64, act_->id);
    for (int i = 0; e == ERR_OK && i < n; i++)
        if (ids[i] != except)
            e = notify_about(db, ids[i], kind, act_->initiative_id, path, detail, f);
    arena_free(a);
    return e;
}

static void bind_fields(struct db_stmt *st, const struct activity_input *in,
                        const struct activity_when *w, const char *buurt, const char *rrule)
{
    db_bind_text(st, 1, buurt);
    db_bind_text(st, 2, in->title);
    db_bind_text(st, 3, in->description ? in->description : "");
    db_bind_int(st, 4, w->starts_at);
    db_bind_int(st, 5, w->ends_at);
    db_bind_text(st, 6, rrule);
    db_bind_text(st, 7, in->location_id > 0 ? NULL : in->address);
    if (in->location_id > 0)
        db_bind_int(st, 8, in->location_id);
    else
        db_bind_null(st, 8);
    if (in->capacity > 0)
        db_bind_int(st, 9, in->capacity);
    else
        db_bind_null(st, 9);
}

static const char *rrule_of(struct arena *a, const struct activity_when *w)
{
    if (!w->recurs)
        return NULL;
    struct buf b;
    buf_init(&b);
    schedule_rrule_text(&w->rule, &b);
    char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static enum err insert_roles(struct db *db, int64_t id, const struct activity_input *in,
                             struct fault *f)
{
    for (int i = 0; i < in->n_roles; i++) {
        struct db_stmt *st = db_prepare(
            db, "INSERT INTO activity_role (activity_id, name, needed, taken) VALUES (?, ?, ?, 0)");
        if (!st)
            return db_fault(db, f);
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, in->roles[i].name);
        db_bind_int(st, 3, in->roles[i].needed);
        enum db_rc rc = db_step(st);
        db_done(st);
        if (rc == DB_ERROR)
            return db_fault(db, f);
    }
    return ERR_OK;
}

static enum err insert(struct db *db, struct arena *a, int64_t initiative_id, int64_t collective_id,
                       const struct activity_input *in, const struct activity_when *w,
                       const char *buurt, const struct actor *act, int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO activity (buurt_code, title, description, starts_at, ends_at, rrule, "
            "address, location_id, capacity, initiative_id, collective_id, taken, status, "
            "sequence, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, 0, 'scheduled', 0, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    bind_fields(st, in, w, buurt, rrule_of(a, w));
    if (initiative_id)
        db_bind_int(st, 10, initiative_id);
    else
        db_bind_null(st, 10);
    if (collective_id)
        db_bind_int(st, 11, collective_id);
    else
        db_bind_null(st, 11);
    db_bind_int(st, 12, act->person_id);
    db_bind_int(st, 13, act->now);
    db_bind_int(st, 14, act->now);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? insert_roles(db, *id, in, f) : db_fault(db, f);
}

enum err activity_create(struct db *db, int64_t initiative_id, int64_t collective_id,
                         const struct activity_input *in, const struct actor *act, int64_t *id,
                         struct fault *f)
{
    if ((initiative_id != 0) == (collective_id != 0))
        abort(); /* a programming error: exactly one owner */
    struct arena *a = arena_new();
    struct activity_when w;
    const char *buurt = NULL;
    int64_t new_id = 0;
    bool own;
    enum err e = authorise(db, initiative_id, collective_id, ACT_ACTIVITY_CREATE, act, f);
    if (e == ERR_OK)
        e = activity_input_check(a, in, &w, f);
    if (e == ERR_OK)
        e = check_owner(db, a, initiative_id, collective_id, in, &buurt, f);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK) {
        e = insert(db, a, initiative_id, collective_id, in, &w, buurt, act, &new_id, f);
        if (e == ERR_OK)
            e = audit(db, act, "activity.create", new_id, buurt, NULL, f);
        e = tx_end(db, own, e, f);
    }
    if (e == ERR_OK && id)
        *id = new_id;
    arena_free(a);
    return e;
}

/* The update itself: conditional on the activity being scheduled and the
 * new capacity holding the confirmed places; *changed whether it did. */
static enum err update_row(struct db *db, struct arena *a, int64_t id,
                           const struct activity_input *in, const struct activity_when *w,
                           const char *buurt, const struct actor *act, bool *changed,
                           struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE activity SET buurt_code = ?, title = ?, description = ?, starts_at = ?, "
            "ends_at = ?, rrule = ?, address = ?, location_id = ?, capacity = ?, "
            "sequence = sequence + 1, updated_at = ? WHERE id = ? AND status = 'scheduled' "
            "AND (CAST(? AS TEXT) IS NULL OR taken <= ?)");
    if (!st)
        return db_fault(db, f);
    bind_fields(st, in, w, buurt, rrule_of(a, w));
    db_bind_int(st, 10, act->now);
    db_bind_int(st, 11, id);
    char cap[16];
    snprintf(cap, sizeof cap, "%d", in->capacity);
    db_bind_text(st, 12, in->capacity > 0 ? cap : NULL);
    db_bind_int(st, 13, in->capacity);
    enum db_rc rc = db_step(st);
    db_done(st);
    *changed = db_changes(db) == 1;
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err activity_update(struct db *db, int64_t id, const struct activity_input *in,
                         const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct activity old;
    struct activity_when w;
    const char *buurt = NULL;
    bool own, changed = false;
    enum err e = authorise_on(db, a, id, ACT_ACTIVITY_EDIT, act, &old, f);
    if (e == ERR_OK)
        e = activity_input_check(a, in, &w, f);
    if (e == ERR_OK)
        e = check_owner(db, a, old.initiative_id, old.collective_id, in, &buurt, f);
    if (e == ERR_OK && strcmp(old.status, "cancelled") == 0)
        e = fault_set(f, ERR_CONFLICT, NULL,
                      "This activity was cancelled; it can no longer be "
                      "changed.",
                      NULL);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK) {
        e = update_row(db, a, id, in, &w, buurt, act, &changed, f);
        if (e == ERR_OK && !changed)
            e = fault_set(f, ERR_CONFLICT, "capacity",
                          "%s people have a place already; give at least that many places, or "
                          "ask some to cancel.",
                          arena_printf(a, "%d", old.taken), NULL);
        if (e == ERR_OK)
            e = activity_promote(db, id, act, f);
        if (e == ERR_OK)
            e = activity_notify(db, &old, "activity_changed", in->title, act->person_id, f);
        if (e == ERR_OK)
            e = audit(db, act, "activity.edit", id, buurt, NULL, f);
        e = tx_end(db, own, e, f);
    }
    arena_free(a);
    return e;
}

static enum err check_reason(const char *reason, struct fault *f)
{
    size_t n = reason ? strlen(reason) : 0;
    if (n && (!utf8_valid(reason, n) || utf8_has_controls(reason, n, false) ||
              utf8_count(reason, n) > ACTIVITY_LINE_MAX))
        return fault_set(f, ERR_INVALID, "reason",
                         "Give the reason on one line of at most 200 characters.", NULL);
    return ERR_OK;
}

enum err activity_cancel(struct db *db, int64_t id, const char *reason, const struct actor *act,
                         struct fault *f)
{
    struct arena *a = arena_new();
    struct activity old;
    bool own;
    enum err e = authorise_on(db, a, id, ACT_ACTIVITY_CANCEL, act, &old, f);
    if (e == ERR_OK)
        e = check_reason(reason, f);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK) {
        struct db_stmt *st = db_prepare(
            db, "UPDATE activity SET status = 'cancelled', cancelled_at = ?, cancel_reason = ?, "
                "sequence = sequence + 1, updated_at = ? WHERE id = ? AND status = 'scheduled'");
        if (!st)
            e = db_fault(db, f);
        else {
            db_bind_int(st, 1, act->now);
            db_bind_text(st, 2, reason && *reason ? reason : NULL);
            db_bind_int(st, 3, act->now);
            db_bind_int(st, 4, id);
            enum db_rc rc = db_step(st);
            db_done(st);
            if (rc == DB_ERROR)
                e = db_fault(db, f);
            else if (db_changes(db) != 1)
                e = fault_set(f, ERR_CONFLICT, NULL, "This activity was cancelled already.", NULL);
        }
        if (e == ERR_OK)
            e = activity_notify(db, &old, "activity_cancelled", old.title, act->person_id, f);
        if (e == ERR_OK)
            e = audit(db, act, "activity.cancel", id, old.buurt_code, NULL, f);
        e = tx_end(db, own, e, f);
    }
    arena_free(a);
    return e;
}

/* Checks that starts_at is a live occurrence of a recurring, scheduled
 * activity. */
static enum err check_occurrence(struct arena *a, const struct activity *old, int64_t starts_at,
                                 struct fault *f)
{
    struct activity_when w;
    if (strcmp(old->status, "cancelled") == 0)
        return fault_set(f, ERR_CONFLICT, NULL, "This activity was cancelled already.", NULL);
    if (!old->rrule)
        return fault_set(f, ERR_INVALID, "starts_at",
                         "This activity happens once: cancel the activity itself.", NULL);
    enum err e = activity_when_of(a, old, &w, f);
    if (e == ERR_OK && !activity_is_occurrence(&w, starts_at))
        e = fault_set(f, ERR_INVALID, "starts_at", "There is no occurrence at that time.", NULL);
    return e;
}

static enum err insert_exception(struct db *db, int64_t id, int64_t starts_at, const char *reason,
                                 const struct actor *act, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO activity_exception (activity_id, starts_at, reason, created_by, "
            "created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (activity_id, starts_at) DO NOTHING");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, starts_at);
    db_bind_text(st, 3, reason && *reason ? reason : NULL);
    db_bind_int(st, 4, act->person_id);
    db_bind_int(st, 5, act->now);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) != 1)
        return fault_set(f, ERR_CONFLICT, "starts_at", "That occurrence was cancelled already.",
                         NULL);
    st = db_prepare(db, "UPDATE activity SET sequence = sequence + 1, updated_at = ? WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->now);
    db_bind_int(st, 2, id);
    rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err activity_cancel_occurrence(struct db *db, int64_t id, int64_t starts_at,
                                    const char *reason, const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct activity old;
    bool own;
    enum err e = authorise_on(db, a, id, ACT_ACTIVITY_CANCEL, act, &old, f);
    if (e == ERR_OK)
        e = check_reason(reason, f);
    if (e == ERR_OK)
        e = check_occurrence(a, &old, starts_at, f);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK) {
        e = insert_exception(db, id, starts_at, reason, act, f);
        int64_t day;
        int minute;
        char when[11];
        schedule_local(starts_at, &day, &minute);
        schedule_day_text(day, when);
        if (e == ERR_OK)
            e = activity_notify(db, &old, "activity_cancelled",
                                arena_printf(a, "%s (%s)", old.title, when), act->person_id, f);
        if (e == ERR_OK)
            e = audit(db, act, "activity.cancel_occurrence", id, old.buurt_code,
                      json_pack("{s:I}", "starts_at", (json_int_t)starts_at), f);
        e = tx_end(db, own, e, f);
    }
    arena_free(a);
    return e;
}
