/* Invitations of matched persons (see match_invite.h). Sending inserts on
 * the UNIQUE (need, person) key with ON CONFLICT DO NOTHING, so the second
 * of two simultaneous invitations finds nothing inserted; answering is a
 * conditional UPDATE on status 'open', so of simultaneous answers exactly
 * one changes the row and the others get ERR_CONFLICT. Checks that read
 * before a write only choose the message. */
#include "model/match_invite.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/match.h"
#include "model/notification.h"
#include "model/pledge.h"
#include "model/skill.h"
#include "model/task.h"
#include "model/tx.h"

/* Marks a message id for the catalogs (as render/req.h's N_). */
#define N_(msgid) (msgid)

static const char *const cannot_invite =
    N_("This person cannot be invited: they are not among the matches you may see, or they paused "
       "being asked.");

#define INVITE_COLUMNS                                                                             \
    "mi.id, mi.need_id, n.initiative_id, i.title, n.skill_code, n.hours_month, mi.person_id, "     \
    "p.display_name, mi.invited_by, q.display_name, mi.invited_capacity, mi.message, mi.status, "  \
    "mi.created_at, mi.answered_at, mi.pledge_id, n.task_id, (SELECT h.reason FROM "               \
    "content_hidden h WHERE h.object_type = 'match_invite_message' AND h.object_id = "             \
    "CAST(mi.id AS TEXT) AND h.unhidden_at IS NULL ORDER BY h.id DESC LIMIT 1) FROM "              \
    "match_invite mi JOIN match_need n ON "                                                        \
    "n.id = mi.need_id JOIN initiative i ON i.id = n.initiative_id JOIN person p ON p.id = "       \
    "mi.person_id JOIN person q ON q.id = mi.invited_by "

static struct match_invite invite_of(struct db_stmt *st, struct arena *a)
{
    const char *hidden = db_col_text_dup(st, 17, a);
    return (struct match_invite){
        .id = db_col_int(st, 0),
        .need_id = db_col_int(st, 1),
        .initiative_id = db_col_int(st, 2),
        .initiative_title = arena_strdup(a, db_col_text(st, 3)),
        .skill_code = arena_strdup(a, db_col_text(st, 4)),
        .hours_month = (int)db_col_int(st, 5),
        .person_id = db_col_int(st, 6),
        .person_name = arena_strdup(a, db_col_text(st, 7)),
        .invited_by = db_col_int(st, 8),
        .inviter_name = arena_strdup(a, db_col_text(st, 9)),
        .invited_capacity = db_col_text_dup(st, 10, a),
        .message = hidden ? "" : arena_strdup(a, db_col_text(st, 11)), /* never leaves */
        .message_hidden = hidden,
        .status = arena_strdup(a, db_col_text(st, 12)),
        .created_at = db_col_int(st, 13),
        .answered_at = db_col_int(st, 14),
        .pledge_id = db_col_int(st, 15),
        .task_id = db_col_int(st, 16),
    };
}

enum err match_invite_get(struct db *db, struct arena *a, int64_t id, struct match_invite *out,
                          struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT " INVITE_COLUMNS "WHERE mi.id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *out = invite_of(st, a);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_ROW ? ERR_OK
                        : fault_set(f, ERR_NOT_FOUND, NULL, "There is no such invitation.", NULL);
}

static enum err list(struct db *db, struct arena *a, const char *sql, int64_t id,
                     struct match_invite **items, int *n, struct fault *f)
{
    *items = arena_array(a, MATCH_INVITE_LIST_MAX, sizeof **items);
    *n = 0;
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && *n < MATCH_INVITE_LIST_MAX)
        (*items)[(*n)++] = invite_of(st, a);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err match_invite_mine(struct db *db, struct arena *a, const struct actor *act,
                           struct match_invite **items, int *n, struct fault *f)
{
    *items = NULL;
    *n = 0;
    enum err e = capacity_check(db, act, ACT_SKILL_REGISTER, REL_OWN, f);
    if (e != ERR_OK)
        return e;
    return list(db, a,
                "SELECT " INVITE_COLUMNS "WHERE mi.person_id = ? ORDER BY mi.created_at DESC, "
                "mi.id DESC LIMIT 200",
                act->person_id, items, n, f);
}

enum err match_invite_for_need(struct db *db, struct arena *a, int64_t need_id,
                               const struct actor *act, struct match_invite **items, int *n,
                               struct fault *f)
{
    *items = NULL;
    *n = 0;
    struct match_need nd;
    enum relation rel = REL_OTHER;
    enum err e = match_need_get(db, a, need_id, &nd, f);
    if (e == ERR_OK)
        e = initiative_relation(db, nd.initiative_id, act, &rel, f);
    if (e == ERR_OK)
        e = capacity_check(db, act, ACT_MATCH_VIEW, rel, f);
    if (e != ERR_OK)
        return e;
    return list(db, a,
                "SELECT " INVITE_COLUMNS "WHERE mi.need_id = ? ORDER BY mi.created_at DESC, "
                "mi.id DESC LIMIT 200",
                need_id, items, n, f);
}

/* ---- sending -------------------------------------------------------------- */

static enum err send_checks(struct db *db, const struct match_need *nd, int64_t person_id,
                            const char *message, const struct actor *act, struct fault *f)
{
    enum err e = initiative_authorise(db, nd->initiative_id, ACT_MATCH_INVITE, act, f);
    if (e != ERR_OK)
        return e;
    const char *m = message ? message : "";
    size_t len = strlen(m);
    if (!utf8_valid(m, len) || utf8_has_controls(m, len, true) ||
        utf8_count(m, len) > MATCH_INVITE_MESSAGE_MAX)
        return fault_set(f, ERR_INVALID, "message", "Write at most 500 characters.", NULL);
    if (nd->closed_at)
        return fault_set(f, ERR_CONFLICT, NULL, "This need was closed.", NULL);
    struct arena *a = arena_new();
    struct initiative in;
    e = initiative_get(db, a, nd->initiative_id, &in, f);
    bool open =
        strcmp(in.phase, "awareness") == 0 || (nd->task_id && strcmp(in.phase, "execution") == 0);
    if (e == ERR_OK && !open)
        e = fault_set(f, ERR_CONFLICT, "phase",
                      "Invitations are sent while an initiative gathers pledges, in its "
                      "awareness phase, or during execution for a need tied to a task.",
                      NULL);
    arena_free(a);
    bool visible = false, askable = false;
    if (e == ERR_OK)
        e = match_visible(db, person_id, act->person_id, &visible, &askable, f);
    if (e == ERR_OK && !askable)
        e = fault_set(f, ERR_INVALID, "person", cannot_invite, NULL);
    return e;
}

static enum err insert_invite(struct db *db, const struct match_need *nd, int64_t person_id,
                              const char *message, const struct actor *act, int64_t *id,
                              struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO match_invite (need_id, person_id, invited_by, invited_capacity, "
            "message, status, created_at) VALUES (?, ?, ?, ?, ?, 'open', ?) "
            "ON CONFLICT (need_id, person_id) DO NOTHING RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, nd->id);
    db_bind_int(st, 2, person_id);
    db_bind_int(st, 3, act->person_id);
    db_bind_text(st, 4, act->capacity);
    db_bind_text(st, 5, message ? message : "");
    db_bind_int(st, 6, act->now);
    enum db_rc rc = db_step(st);
    *id = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return *id ? ERR_OK
               : fault_set(f, ERR_CONFLICT, "person",
                           "This person was invited for this need already.", NULL);
}

enum err match_invite_send(struct db *db, int64_t need_id, int64_t person_id, const char *message,
                           const struct actor *act, int64_t *id, struct fault *f)
{
    struct arena *a = arena_new();
    struct match_need nd;
    enum err e = match_need_get(db, a, need_id, &nd, f);
    if (e == ERR_OK)
        e = send_checks(db, &nd, person_id, message, act, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK) {
        arena_free(a);
        return e;
    }
    int64_t new_id = 0;
    e = insert_invite(db, &nd, person_id, message, act, &new_id, f);
    if (e == ERR_OK)
        e = audit_record_private(db, act, "match.invite", "match_invite", new_id, f);
    if (e == ERR_OK)
        e = notify_about(db, person_id, "match_invited", nd.initiative_id, "/me/invitations", NULL,
                         f);
    arena_free(a);
    e = tx_end(db, own, e, f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

/* ---- answering ------------------------------------------------------------ */

/* The pledge an acceptance makes: the need's skill (in English, the
 * pledge's free text) and hours a month, bounded as pledges are; an active
 * pledge of the person stays as it is. */
static enum err pledge_for(struct db *db, const struct match_invite *inv, const struct actor *act,
                           int64_t *pledge_id, struct fault *f)
{
    struct arena *a = arena_new();
    struct pledge existing;
    bool found = false;
    enum err e = pledge_active(db, a, inv->initiative_id, act->person_id, &existing, &found, f);
    arena_free(a);
    if (e != ERR_OK || found) {
        *pledge_id = found ? existing.id : 0;
        return e;
    }
    int hours = inv->hours_month > 160 ? 160 : inv->hours_month;
    struct pledge_input in = {
        .hours_tenths = hours * 10, .period = "month", .skill = skill_name(inv->skill_code, "en")};
    return pledge_make(db, inv->initiative_id, &in, act, pledge_id, NULL, f);
}

static enum err mark_answered(struct db *db, int64_t invite_id, bool accept,
                              const struct actor *act, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE match_invite SET status = ?, answered_at = ? WHERE id = ? AND person_id = ? "
            "AND status = 'open' RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, accept ? "accepted" : "declined");
    db_bind_int(st, 2, act->now);
    db_bind_int(st, 3, invite_id);
    db_bind_int(st, 4, act->person_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_ROW
               ? ERR_OK
               : fault_set(f, ERR_CONFLICT, NULL, "You answered this invitation already.", NULL);
}

static enum err link_pledge(struct db *db, int64_t invite_id, int64_t pledge_id, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "UPDATE match_invite SET pledge_id = ? WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, pledge_id);
    db_bind_int(st, 2, invite_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* Whether accepting inv means holding its need's task: a need tied to a
 * task, on an initiative in its execution phase (else it means pledging). */
static enum err holds_task(struct db *db, const struct match_invite *inv, bool *task,
                           struct fault *f)
{
    struct arena *a = arena_new();
    struct initiative in;
    *task = false;
    enum err e = inv->task_id ? initiative_get(db, a, inv->initiative_id, &in, f) : ERR_OK;
    if (e == ERR_OK && inv->task_id)
        *task = strcmp(in.phase, "execution") == 0;
    arena_free(a);
    return e;
}

/* The policy's word on the initiative (accepting pledges or takes the task
 * on), then the invitation's state (its message). */
static enum err answer_checks(struct db *db, const struct match_invite *inv, bool accept, bool task,
                              const struct actor *act, struct fault *f)
{
    enum err e = accept ? initiative_authorise(db, inv->initiative_id,
                                               task ? ACT_TASK_TAKE_ON : ACT_PLEDGE_MAKE, act, f)
                        : ERR_OK;
    if (e == ERR_OK && strcmp(inv->status, "open") != 0)
        e = fault_set(f, ERR_CONFLICT, NULL, "You answered this invitation already.", NULL);
    return e;
}

/* Accepting: the pledge, linked to the invitation, or the task taken on. */
static enum err accept_need(struct db *db, const struct match_invite *inv, bool task,
                            const struct actor *act, struct fault *f)
{
    if (task)
        return task_take_on(db, inv->task_id, act, f);
    int64_t pledge_id = 0;
    enum err e = pledge_for(db, inv, act, &pledge_id, f);
    if (e == ERR_OK && pledge_id)
        e = link_pledge(db, inv->id, pledge_id, f);
    return e;
}

enum err match_invite_answer(struct db *db, int64_t invite_id, bool accept, const struct actor *act,
                             struct fault *f)
{
    /* the capacity first: a professional learns why, not what exists */
    enum err e = accept ? capacity_check(db, act, ACT_PLEDGE_MAKE, REL_OTHER, f)
                        : capacity_check(db, act, ACT_SKILL_REGISTER, REL_OWN, f);
    if (e != ERR_OK)
        return e;
    struct arena *a = arena_new();
    struct match_invite inv;
    e = match_invite_get(db, a, invite_id, &inv, f);
    if (e == ERR_OK && inv.person_id != act->person_id)
        e = fault_set(f, ERR_NOT_FOUND, NULL, "There is no such invitation.", NULL);
    bool task = false, own;
    if (e == ERR_OK && accept)
        e = holds_task(db, &inv, &task, f);
    if (e == ERR_OK)
        e = answer_checks(db, &inv, accept, task, act, f);
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK) {
        arena_free(a);
        return e;
    }
    e = mark_answered(db, invite_id, accept, act, f);
    if (e == ERR_OK && accept)
        e = accept_need(db, &inv, task, act, f);
    if (e == ERR_OK)
        e = audit_record_private(db, act, accept ? "match.accept" : "match.decline", "match_invite",
                                 invite_id, f);
    char path[64];
    snprintf(path, sizeof path, "/initiatives/%" PRId64 "/matches", inv.initiative_id);
    if (e == ERR_OK)
        e = notify_about(db, inv.invited_by, "match_answered", inv.initiative_id, path, NULL, f);
    arena_free(a);
    return tx_end(db, own, e, f);
}

