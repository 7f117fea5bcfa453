/* Activities (see activity.h): what participants do -- sign up and cancel,
 * volunteer and withdraw -- the waiting list that moves up when a place
 * frees, and the private calendar feed tokens. Races are left to the
 * database: a standing sign-up is inserted with ON CONFLICT DO NOTHING on
 * its partial unique index, a place is taken by a conditional UPDATE of
 * activity.taken (so a full activity cannot be overbooked), and a role's
 * volunteers likewise by activity_role.taken. */
#include "model/activity.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/notification.h"
#include "model/token.h"
#include "model/tx.h"

#define N_(msgid) (msgid) /* marks a message id for the catalogs */

/* Runs st (bound), giving the first column of a returned row in *id (0:
 * none) and the rows changed in *changes (may be NULL). */
static enum err run(struct db *db, struct db_stmt *st, int64_t *id, struct fault *f)
{
    if (!st)
        return db_fault(db, f);
    enum db_rc rc = db_step(st);
    if (id)
        *id = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* taken + delta on activity id, for delta +1 only while a place is free;
 * *done whether it changed. */
static enum err take_place(struct db *db, int64_t id, int delta, bool *done, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, delta > 0 ? "UPDATE activity SET taken = taken + 1 WHERE id = ? AND "
                                   "status = 'scheduled' AND (capacity IS NULL OR taken < capacity)"
                                 : "UPDATE activity SET taken = taken - 1 WHERE id = ? AND "
                                   "taken > 0");
    if (st)
        db_bind_int(st, 1, id);
    enum err e = run(db, st, NULL, f);
    *done = e == ERR_OK && db_changes(db) == 1;
    return e;
}

/* The first on the waiting list of activity id gets the place just taken:
 * *person the one moved up, 0 when nobody was waiting (or another request
 * moved the same person up first). */
static enum err move_up(struct db *db, int64_t id, const struct actor *act, int64_t *person,
                        struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE activity_signup SET status = 'confirmed', updated_at = ? WHERE id = (SELECT "
            "w.id FROM activity_signup w WHERE w.activity_id = ? AND w.status = 'waiting' "
            "ORDER BY w.id LIMIT 1) AND status = 'waiting' RETURNING person_id");
    if (st) {
        db_bind_int(st, 1, act->now);
        db_bind_int(st, 2, id);
    }
    return run(db, st, person, f);
}

enum err activity_promote(struct db *db, int64_t id, const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct activity act_;
    enum err e = activity_get(db, a, id, &act_, f);
    char *path = e == ERR_OK ? arena_printf(a, "/activities/%" PRId64, id) : NULL;
    for (int tries = 0; e == ERR_OK && tries < ACTIVITY_LIST_MAX; tries++) {
        bool took;
        int64_t person = 0;
        if ((e = take_place(db, id, +1, &took, f)) != ERR_OK || !took)
            break;
        if ((e = move_up(db, id, act, &person, f)) != ERR_OK)
            break;
        if (person == 0) { /* nobody waiting: give the place back */
            e = take_place(db, id, -1, &took, f);
            break;
        }
        e = notify_about(db, person, "activity_place_offered", act_.initiative_id, path, act_.title,
                         f);
    }
    arena_free(a);
    return e;
}

/* Why act_ takes no sign-ups now, or NULL. */
static const char *closed_reason(struct db *db, struct arena *a, const struct activity *act_,
                                 int64_t now)
{
    if (strcmp(act_->status, "cancelled") == 0)
        return N_("This activity was cancelled.");
    struct activity_occurrence *occ;
    int n = 0;
    struct fault ignored = {0};
    if (activity_occurrences(db, a, act_, now, INT64_MAX / 2, 1, &occ, &n, &ignored) == ERR_OK &&
        n == 0)
        return N_("This activity is over.");
    return NULL;
}

/* The new sign-up as 'waiting', or *id 0 when act has one already. */
static enum err insert_signup(struct db *db, int64_t id, const struct actor *act, int64_t *new_id,
                              struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "INSERT INTO activity_signup (activity_id, person_id, status, created_at, "
                       "updated_at) SELECT a.id, ?, 'waiting', ?, ? FROM activity a WHERE a.id = ? "
                       "AND a.status = 'scheduled' ON CONFLICT (activity_id, person_id) "
                       "WHERE status <> 'cancelled' DO NOTHING RETURNING id");
    if (st) {
        db_bind_int(st, 1, act->person_id);
        db_bind_int(st, 2, act->now);
        db_bind_int(st, 3, act->now);
        db_bind_int(st, 4, id);
    }
    return run(db, st, new_id, f);
}

static enum err confirm(struct db *db, int64_t signup_id, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "UPDATE activity_signup SET status = 'confirmed' WHERE id = ?");
    if (st)
        db_bind_int(st, 1, signup_id);
    return run(db, st, NULL, f);
}

static enum err sign_up_tx(struct db *db, int64_t id, const struct actor *act, const char **status,
                           bool *again, struct fault *f)
{
    int64_t signup = 0;
    int position;
    bool took = false;
    enum err e = insert_signup(db, id, act, &signup, f);
    if (e == ERR_OK && signup == 0) {
        *again = true;
        e = activity_my_status(db, id, act->person_id, status, &position, f);
        if (e == ERR_OK && !*status)
            e = fault_set(f, ERR_CONFLICT, NULL, "This activity was cancelled.", NULL);
        return e;
    }
    if (e == ERR_OK)
        e = take_place(db, id, +1, &took, f);
    if (e == ERR_OK && took)
        e = confirm(db, signup, f);
    *status = took ? "confirmed" : "waiting";
    if (e == ERR_OK)
        e = audit_record_private(db, act, "activity.sign_up", "activity", id, f);
    return e;
}

enum err activity_sign_up(struct db *db, int64_t id, const struct actor *act, const char **status,
                          bool *again, struct fault *f)
{
    struct arena *a = arena_new();
    struct activity act_;
    const char *st_local = NULL;
    bool again_local = false, own;
    enum err e = capacity_check(db, act, ACT_ACTIVITY_SIGN_UP, REL_OTHER, f);
    if (e == ERR_OK)
        e = activity_get(db, a, id, &act_, f);
    const char *closed = e == ERR_OK ? closed_reason(db, a, &act_, act->now) : NULL;
    if (closed)
        e = fault_set(f, ERR_CONFLICT, NULL, closed, NULL);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK) {
        e = sign_up_tx(db, id, act, &st_local, &again_local, f);
        e = tx_end(db, own, e, f);
    }
    if (e == ERR_OK && status)
        *status = st_local;
    if (e == ERR_OK && again)
        *again = again_local;
    arena_free(a);
    return e;
}

/* Cancels act's sign-up with the given status; *done whether there was
 * one. */
static enum err cancel_with(struct db *db, int64_t id, const char *status, const struct actor *act,
                            bool *done, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE activity_signup SET status = 'cancelled', cancelled_at = ?, updated_at = ? "
            "WHERE activity_id = ? AND person_id = ? AND status = ?");
    if (st) {
        db_bind_int(st, 1, act->now);
        db_bind_int(st, 2, act->now);
        db_bind_int(st, 3, id);
        db_bind_int(st, 4, act->person_id);
        db_bind_text(st, 5, status);
    }
    enum err e = run(db, st, NULL, f);
    *done = e == ERR_OK && db_changes(db) == 1;
    return e;
}

enum err activity_sign_up_cancel(struct db *db, int64_t id, const struct actor *act,
                                 struct fault *f)
{
    struct arena *a = arena_new();
    struct activity act_;
    bool own, confirmed = false, waiting = false, freed;
    enum err e = capacity_check(db, act, ACT_ACTIVITY_CANCEL_SIGN_UP, REL_OWN, f);
    if (e == ERR_OK)
        e = activity_get(db, a, id, &act_, f);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK) {
        e = cancel_with(db, id, "confirmed", act, &confirmed, f);
        if (e == ERR_OK && !confirmed)
            e = cancel_with(db, id, "waiting", act, &waiting, f);
        if (e == ERR_OK && !confirmed && !waiting)
            e = fault_set(f, ERR_NOT_FOUND, NULL, "You have not signed up for this activity.",
                          NULL);
        if (e == ERR_OK && confirmed)
            e = take_place(db, id, -1, &freed, f);
        if (e == ERR_OK && confirmed)
            e = activity_promote(db, id, act, f);
        if (e == ERR_OK)
            e = audit_record_private(db, act, "activity.cancel_sign_up", "activity", id, f);
        e = tx_end(db, own, e, f);
    }
    arena_free(a);
    return e;
}

/* The new volunteering of act in role_id, *vid 0 when act holds it
 * already or the activity is cancelled. */
static enum err insert_volunteer(struct db *db, int64_t role_id, const struct actor *act,
                                 int64_t *vid, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO activity_volunteer (role_id, person_id, status, created_at) SELECT "
            "r.id, ?, 'active', ? FROM activity_role r JOIN activity a ON a.id = r.activity_id "
            "WHERE r.id = ? AND a.status = 'scheduled' ON CONFLICT (role_id, person_id) "
            "WHERE status = 'active' DO NOTHING RETURNING id");
    if (st) {
        db_bind_int(st, 1, act->person_id);
        db_bind_int(st, 2, act->now);
        db_bind_int(st, 3, role_id);
    }
    return run(db, st, vid, f);
}

/* The role's activity and status; ERR_NOT_FOUND for an unknown role. */
static enum err role_activity(struct db *db, struct arena *a, int64_t role_id, int64_t *id,
                              const char **status, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT a.id, a.status FROM activity_role r JOIN activity "
                                        "a ON a.id = r.activity_id WHERE r.id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, role_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *id = db_col_int(st, 0);
        *status = arena_strdup(a, db_col_text(st, 1));
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_ROW
               ? ERR_OK
               : fault_set(f, ERR_NOT_FOUND, NULL, "There is no such volunteer role.", NULL);
}

static enum err volunteer_tx(struct db *db, int64_t role_id, int64_t id, const struct actor *act,
                             bool *again, struct fault *f)
{
    int64_t vid = 0;
    enum err e = insert_volunteer(db, role_id, act, &vid, f);
    *again = e == ERR_OK && vid == 0;
    if (e != ERR_OK || *again)
        return e;
    struct db_stmt *st = db_prepare(
        db, "UPDATE activity_role SET taken = taken + 1 WHERE id = ? AND taken < needed");
    if (st)
        db_bind_int(st, 1, role_id);
    e = run(db, st, NULL, f);
    if (e == ERR_OK && db_changes(db) != 1)
        e = fault_set(f, ERR_CONFLICT, NULL,
                      "This role has all the volunteers it needs; choose another role.", NULL);
    if (e == ERR_OK)
        e = audit_record_private(db, act, "activity.volunteer", "activity", id, f);
    return e;
}

enum err activity_volunteer(struct db *db, int64_t role_id, const struct actor *act, bool *again,
                            struct fault *f)
{
    struct arena *a = arena_new();
    int64_t id = 0;
    const char *status = NULL;
    bool own, again_local = false;
    enum err e = capacity_check(db, act, ACT_ACTIVITY_VOLUNTEER, REL_OTHER, f);
    if (e == ERR_OK)
        e = role_activity(db, a, role_id, &id, &status, f);
    if (e == ERR_OK && strcmp(status, "cancelled") == 0)
        e = fault_set(f, ERR_CONFLICT, NULL, "This activity was cancelled.", NULL);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK) {
        e = volunteer_tx(db, role_id, id, act, &again_local, f);
        e = tx_end(db, own, e, f);
    }
    if (e == ERR_OK && again)
        *again = again_local;
    arena_free(a);
    return e;
}

enum err activity_volunteer_withdraw(struct db *db, int64_t role_id, const struct actor *act,
                                     struct fault *f)
{
    struct arena *a = arena_new();
    int64_t id = 0;
    const char *status = NULL;
    bool own;
    enum err e = capacity_check(db, act, ACT_ACTIVITY_VOLUNTEER, REL_OTHER, f);
    if (e == ERR_OK)
        e = role_activity(db, a, role_id, &id, &status, f);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK) {
        struct db_stmt *st = db_prepare(
            db, "UPDATE activity_volunteer SET status = 'withdrawn', withdrawn_at = ? WHERE "
                "role_id = ? AND person_id = ? AND status = 'active'");
        if (st) {
            db_bind_int(st, 1, act->now);
            db_bind_int(st, 2, role_id);
            db_bind_int(st, 3, act->person_id);
        }
        e = run(db, st, NULL, f);
        if (e == ERR_OK && db_changes(db) != 1)
            e = fault_set(f, ERR_NOT_FOUND, NULL, "You do not volunteer in this role.", NULL);
        st = e == ERR_OK ? db_prepare(db, "UPDATE activity_role SET taken = taken - 1 WHERE "
                                          "id = ? AND taken > 0")
                         : NULL;
        if (st) {
            db_bind_int(st, 1, role_id);
            e = run(db, st, NULL, f);
        }
        if (e == ERR_OK)
            e = audit_record_private(db, act, "activity.volunteer_withdraw", "activity", id, f);
        e = tx_end(db, own, e, f);
    }
    arena_free(a);
    return e;
}

/* ---- private feed tokens ----------------------------------------------------- */

static enum err signed_in(const struct actor *act, struct fault *f)
{
    return act->person_id > 0
               ? ERR_OK
               : fault_set(f, ERR_FORBIDDEN, NULL, "Sign in to get your calendar link.", NULL);
}

enum err activity_feed_token_new(struct db *db, struct arena *a, const struct actor *act,
                                 const char **token, struct fault *f)
{
    bool own;
    enum err e = signed_in(act, f);
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    const char *t = token_new(a);
    char hash[TOKEN_HASH_HEX + 1];
    token_hash(t, hash);
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO activity_feed_token (person_id, token_hash, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT (person_id) DO UPDATE SET token_hash = excluded.token_hash, "
            "created_at = excluded.created_at");
    if (st) {
        db_bind_int(st, 1, act->person_id);
        db_bind_text(st, 2, hash);
        db_bind_int(st, 3, act->now);
    }
    e = run(db, st, NULL, f);
    if (e == ERR_OK)
        e = audit_record_private(db, act, "activity.feed_token", "person", act->person_id, f);
    e = tx_end(db, own, e, f);
    if (e == ERR_OK)
        *token = t;
    return e;
}

enum err activity_feed_token_revoke(struct db *db, const struct actor *act, struct fault *f)
{
    bool own;
    enum err e = signed_in(act, f);
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    struct db_stmt *st = db_prepare(db, "DELETE FROM activity_feed_token WHERE person_id = ?");
    if (st)
        db_bind_int(st, 1, act->person_id);
    e = run(db, st, NULL, f);
    if (e == ERR_OK)
        e = audit_record_private(db, act, "activity.feed_token_revoke", "person", act->person_id,
                                 f);
    return tx_end(db, own, e, f);
}

enum err activity_feed_token_exists(struct db *db, int64_t person_id, bool *exists, struct fault *f)
{
    int64_t found = 0;
    struct db_stmt *st =
        db_prepare(db, "SELECT person_id FROM activity_feed_token WHERE person_id = ?");
    if (st)
        db_bind_int(st, 1, person_id);
    enum err e = run(db, st, &found, f);
    *exists = found != 0;
    return e;
}

enum err activity_feed_person(struct db *db, const char *token, int64_t *person_id, struct fault *f)
{
    const char *msg = N_("This calendar link does not exist or was revoked.");
    *person_id = 0;
    if (!token || !token_well_formed(token))
        return fault_set(f, ERR_NOT_FOUND, NULL, msg, NULL);
    char hash[TOKEN_HASH_HEX + 1];
    token_hash(token, hash);
    struct db_stmt *st =
        db_prepare(db, "SELECT person_id FROM activity_feed_token WHERE token_hash = ?");
    if (st)
        db_bind_text(st, 1, hash);
    enum err e = run(db, st, person_id, f);
    if (e == ERR_OK && *person_id == 0)
        e = fault_set(f, ERR_NOT_FOUND, NULL, msg, NULL);
    return e;
}
