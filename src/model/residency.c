/* Residency requests, verification by an admin or the console, ending, and
 * vouching (see residency.h; letters are in residency_letter.c). Every
 * change of status is a conditional UPDATE on the status it comes from, so
 * two admins, or an admin and a letter, racing for one request cannot both
 * change it; the second vouch verifies through a counter in the same row,
 * which PostgreSQL locks and re-reads, so two vouches at once still make
 * two. */
#include "model/residency.h"

#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/tx.h"

enum err residency_get(struct db *db, struct arena *a, int64_t id, struct residency *out,
                       struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT id, person_id, buurt_code, status, method, verified_by, verified_at, "
            "vouches, requested_at, start_at, end_at FROM residency WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *out = (struct residency){
            .id = db_col_int(st, 0),
            .person_id = db_col_int(st, 1),
            .buurt_code = arena_strdup(a, db_col_text(st, 2)),
            .status = arena_strdup(a, db_col_text(st, 3)),
            .method = arena_strdup(a, db_col_text(st, 4)),
            .verified_by = db_col_int(st, 5),
            .verified_at = db_col_int(st, 6),
            .vouches = (int)db_col_int(st, 7),
            .requested_at = db_col_int(st, 8),
            .start_at = db_col_int(st, 9),
            .end_at = db_col_int(st, 10),
        };
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_DONE ? fault_set(f, ERR_NOT_FOUND, NULL, "There is no such residency.", NULL)
                         : ERR_OK;
}

/* Inserts a request; *id stays 0 when an active residency is in the way. */
static enum err insert_request(struct db *db, int64_t person_id, const char *buurt, int64_t now,
                               int64_t *id, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "INSERT INTO residency (person_id, buurt_code, status, requested_at) "
                       "VALUES (?, ?, 'requested', ?) ON CONFLICT DO NOTHING RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, buurt);
    db_bind_int(st, 3, now);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err residency_request(struct db *db, const char *buurt_code, const struct actor *act,
                           int64_t *id, struct fault *f)
{
    struct arena *a = arena_new();
    const char *gemeente;
    enum capacity cap;
    int64_t new_id = 0;
    enum err e = capacity_buurt_gemeente(db, a, buurt_code, &gemeente, f);
    arena_free(a);
    if (e == ERR_OK)
        e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK)
        e = capacity_authorise(ACT_RESIDENCY_REQUEST, cap, REL_OWN, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = insert_request(db, act->person_id, buurt_code, act->now, &new_id, f);
    if (e == ERR_OK && new_id == 0)
        e = fault_set(f, ERR_CONFLICT, "buurt",
                      "You already have a residency or a request for it in this buurt.", NULL);
    if (e == ERR_OK)
        e = audit_record_private(db, act, "residency.request", "residency", new_id, f);
    e = tx_end(db, own, e, f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

/* How the actor relates to residency r: OWN for one's own, MEMBER for a
 * municipality admin of its gemeente, else OTHER. */
static enum err admin_relation(struct db *db, const struct residency *r, const struct actor *act,
                               enum relation *rel, struct fault *f)
{
    bool admin = false;
    enum err e = capacity_buurt_admin(db, r->buurt_code, act->person_id, &admin, f);
    *rel = r->person_id == act->person_id ? REL_OWN : admin ? REL_MEMBER : REL_OTHER;
    return e;
}

/* Runs sql -- binding act->now and the id, or with_actor act->now twice,
 * the actor (NULL at the console) and the id -- and records action when it
 * changed the row; ERR_CONFLICT when it changed nothing. */
static enum err change_status(struct db *db, const char *sql, bool with_actor, int64_t residency_id,
                              const struct actor *act, const char *action, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    int i = 1;
    db_bind_int(st, i++, act->now);
    if (with_actor) {
        db_bind_int(st, i++, act->now);
        if (act->person_id > 0)
            db_bind_int(st, i++, act->person_id);
        else
            db_bind_null(st, i++);
    }
    db_bind_int(st, i, residency_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) == 0)
        return fault_set(f, ERR_CONFLICT, NULL,
                         "This residency is no longer open to that; reload to see it now.", NULL);
    return audit_record_private(db, act, action, "residency", residency_id, f);
}

static const char verify_sql[] =
    "UPDATE residency SET status = 'verified', method = 'admin', verified_at = ?, start_at = ?, "
    "verified_by = ? WHERE id = ? AND status = 'requested'";

/* The residency, the actor's capacity and relation, and the policy's word
 * on action; then the change, in the caller's transaction or one of its
 * own. */
static enum err decide(struct db *db, int64_t residency_id, const struct actor *act,
                       enum action action, const char *sql, bool with_actor, struct fault *f)
{
    struct arena *a = arena_new();
    struct residency r;
    enum capacity cap;
    enum relation rel = REL_OTHER;
    enum err e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK)
        e = residency_get(db, a, residency_id, &r, f);
    if (e == ERR_OK)
        e = admin_relation(db, &r, act, &rel, f);
    arena_free(a);
    if (e == ERR_OK)
        e = capacity_authorise(action, cap, rel, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = change_status(db, sql, with_actor, residency_id, act, policy_action_name(action), f);
    return tx_end(db, own, e, f);
}

enum err residency_verify(struct db *db, int64_t residency_id, const struct actor *act,
                          struct fault *f)
{
    return decide(db, residency_id, act, ACT_RESIDENCY_VERIFY, verify_sql, true, f);
}

enum err residency_reject(struct db *db, int64_t residency_id, const struct actor *act,
                          struct fault *f)
{
    return decide(db, residency_id, act, ACT_RESIDENCY_REJECT,
                  "UPDATE residency SET status = 'rejected', end_at = ? "
                  "WHERE id = ? AND status = 'requested'",
                  false, f);
}

enum err residency_end(struct db *db, int64_t residency_id, const struct actor *act,
                       struct fault *f)
{
    enum err e = decide(db, residency_id, act, ACT_RESIDENCY_END,
                        "UPDATE residency SET status = 'ended', end_at = ? "
                        "WHERE id = ? AND status IN ('requested', 'verified')",
                        false, f);
    if (e != ERR_OK)
        return e;
    /* The initiatives this person is an initiator of may no longer meet
     * invariant 1: freeze them now rather than at their next page view. */
    struct arena *a = arena_new();
    struct residency r;
    e = residency_get(db, a, residency_id, &r, f);
    if (e == ERR_OK)
        e = initiative_check_ownership_of(db, r.person_id, 0, act, f);
    arena_free(a);
    return e;
}

static enum err person_active(struct db *db, int64_t person_id, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT COUNT(*) FROM person WHERE id = ? AND erased_at IS NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    enum db_rc rc = db_step(st);
    bool found = rc == DB_ROW && db_col_int(st, 0) > 0;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return found ? ERR_OK : fault_set(f, ERR_NOT_FOUND, NULL, "There is no such person.", NULL);
}

/* The id of person_id's open request in buurt, 0 when there is none. */
static enum err open_request(struct db *db, int64_t person_id, const char *buurt, int64_t *id,
                             struct fault *f)
{
    *id = 0;
    struct db_stmt *st = db_prepare(db, "SELECT id FROM residency WHERE person_id = ? "
                                        "AND buurt_code = ? AND status = 'requested'");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, buurt);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err verify_console(struct db *db, int64_t person_id, const char *buurt,
                               const struct actor *act, int64_t *id, struct fault *f)
{
    enum err e = person_active(db, person_id, f);
    if (e == ERR_OK)
        e = insert_request(db, person_id, buurt, act->now, id, f);
    if (e == ERR_OK && *id > 0)
        e = audit_record_private(db, act, "residency.request", "residency", *id, f);
    if (e == ERR_OK && *id == 0)
        e = open_request(db, person_id, buurt, id, f);
    if (e == ERR_OK && *id == 0)
        e = fault_set(f, ERR_CONFLICT, "buurt", "This person is a verified resident there already.",
                      NULL);
    if (e == ERR_OK)
        e = change_status(db, verify_sql, true, *id, act, "residency.verify", f);
    return e;
}

enum err residency_verify_console(struct db *db, int64_t person_id, const char *buurt_code,
                                  const struct actor *act, int64_t *id, struct fault *f)
{
    struct arena *a = arena_new();
    const char *gemeente;
    enum err e = capacity_buurt_gemeente(db, a, buurt_code, &gemeente, f);
    arena_free(a);
    int64_t new_id = 0;
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = tx_end(db, own, verify_console(db, person_id, buurt_code, act, &new_id, f), f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

/* How a voucher relates to residency r: OWN for their own request, MEMBER
 * when they are a verified resident of its buurt, else OTHER. */
static enum err voucher_relation(struct db *db, const struct residency *r, int64_t voucher,
                                 enum relation *rel, struct fault *f)
{
    struct arena *a = arena_new();
    bool member = false;
    enum err e =
        capacity_may_act(db, voucher, arena_printf(a, "resident:%s", r->buurt_code), &member, f);
    arena_free(a);
    *rel = r->person_id == voucher ? REL_OWN : member ? REL_MEMBER : REL_OTHER;
    return e;
}

/* The vouch itself, written only while the request is open and the voucher
 * a verified resident of its buurt; a repeated vouch adds nothing. */
static enum err insert_vouch(struct db *db, int64_t residency_id, const struct actor *act,
                             struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO vouch (residency_id, voucher_id, created_at) "
            "SELECT r.id, ?, ? FROM residency r WHERE r.id = ? AND r.status = 'requested' "
            "AND r.person_id <> ? AND EXISTS (SELECT 1 FROM residency v WHERE v.person_id = ? "
            "AND v.buurt_code = r.buurt_code AND v.status = 'verified') "
            "ON CONFLICT DO NOTHING RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->person_id);
    db_bind_int(st, 2, act->now);
    db_bind_int(st, 3, residency_id);
    db_bind_int(st, 4, act->person_id);
    db_bind_int(st, 5, act->person_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_CONFLICT, NULL,
                         "You have vouched for this request already, or it is no longer open.",
                         NULL);
    return ERR_OK;
}

/* Counts the vouch; the one that reaches the number needed verifies. */
static enum err count_vouch(struct db *db, int64_t residency_id, const struct actor *act,
                            bool *verified, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "UPDATE residency SET vouches = vouches + 1, "
                       "status = CASE WHEN vouches + 1 >= ? THEN 'verified' ELSE status END, "
                       "method = CASE WHEN vouches + 1 >= ? THEN 'vouch' ELSE method END, "
                       "verified_at = CASE WHEN vouches + 1 >= ? THEN CAST(? AS BIGINT) END, "
                       "start_at = CASE WHEN vouches + 1 >= ? THEN CAST(? AS BIGINT) END "
                       "WHERE id = ? AND status = 'requested' RETURNING status");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, RESIDENCY_VOUCHES_NEEDED);
    db_bind_int(st, 2, RESIDENCY_VOUCHES_NEEDED);
    db_bind_int(st, 3, RESIDENCY_VOUCHES_NEEDED);
    db_bind_int(st, 4, act->now);
    db_bind_int(st, 5, RESIDENCY_VOUCHES_NEEDED);
    db_bind_int(st, 6, act->now);
    db_bind_int(st, 7, residency_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *verified = strcmp(db_col_text(st, 0), "verified") == 0;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_CONFLICT, NULL,
                         "This residency is no longer open to that; reload to see it now.", NULL);
    return ERR_OK;
}

enum err residency_vouch(struct db *db, int64_t residency_id, const struct actor *act,
                         bool *verified, struct fault *f)
{
    struct arena *a = arena_new();
    struct residency r;
    enum capacity cap;
    enum relation rel = REL_OTHER;
    bool done = false;
    enum err e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK)
        e = residency_get(db, a, residency_id, &r, f);
    if (e == ERR_OK)
        e = voucher_relation(db, &r, act->person_id, &rel, f);
    arena_free(a);
    if (e == ERR_OK)
        e = capacity_authorise(ACT_RESIDENCY_VOUCH, cap, rel, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = insert_vouch(db, residency_id, act, f);
    if (e == ERR_OK)
        e = count_vouch(db, residency_id, act, &done, f);
    if (e == ERR_OK)
        e = audit_record_private(db, act, "residency.vouch", "residency", residency_id, f);
    if (e == ERR_OK && done)
        e = audit_record_private(db, act, "residency.verify", "residency", residency_id, f);
    e = tx_end(db, own, e, f);
    if (e == ERR_OK && verified)
        *verified = done;
    return e;
}
