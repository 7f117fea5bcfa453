/* Invitation codes (see invitation.h). Making one asks the policy table
 * first; for an organisation or municipality admin the organisation or
 * gemeente they invite for goes into the audit detail. A code is checked in
 * two steps: a read that tells unknown, used and expired apart for the
 * message, then a conditional UPDATE (used_at IS NULL AND expires_at > now)
 * that decides, so two sign-ups racing for one code cannot both have it. */
#include "model/invitation.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/token.h"
#include "model/tx.h"

enum { CODE_CHARS = 32 }; /* 160 bits */

/* An invitation code as typed back, hashed; false when it cannot be one. */
static bool code_hash(const char *code, char hash[static TOKEN_HASH_HEX + 1])
{
    return token_code_hash(code, CODE_CHARS, hash);
}

static enum err check_note(const char *note, struct fault *f)
{
    size_t n = note ? strlen(note) : 0;
    if (n > 0 && (!utf8_valid(note, n) || utf8_has_controls(note, n, false) ||
                  utf8_count(note, n) > INVITATION_NOTE_MAX))
        return fault_set(f, ERR_INVALID, "note",
                         "The note must be at most 200 characters on one line.", NULL);
    return ERR_OK;
}

static enum err insert(struct db *db, const char *hash, const char *note, const struct actor *act,
                       int64_t ttl, int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO invitation (code_hash, created_by, created_at, expires_at, note) "
            "VALUES (?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, hash);
    if (act->person_id > 0)
        db_bind_int(st, 2, act->person_id);
    else
        db_bind_null(st, 2);
    db_bind_int(st, 3, act->now);
    db_bind_int(st, 4, act->now + ttl);
    db_bind_text(st, 5, note && *note ? note : NULL);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? ERR_OK : db_fault(db, f);
}

/* Asks the policy whether act may invite. An organisation or municipality
 * admin who names the organisation or gemeente in the capacity acts for it
 * (MEMBER); *detail (a new reference, or NULL) then says which. */
static enum err may_invite(struct db *db, const struct actor *act, json_t **detail, struct fault *f)
{
    *detail = NULL;
    if (capacity_is_console(act))
        return ERR_OK;
    enum capacity cap;
    enum err e = capacity_of_actor(db, act, &cap, f);
    if (e != ERR_OK)
        return e;
    const char *colon = act->capacity ? strchr(act->capacity, ':') : NULL;
    enum relation rel = REL_OTHER;
    if (colon && colon[1] && cap == CAP_ORG_ADMIN) {
        rel = REL_MEMBER;
        *detail = json_pack("{s:I}", "organisation_id", (json_int_t)strtoll(colon + 1, NULL, 10));
    } else if (colon && colon[1] && cap == CAP_MUNI_ADMIN) {
        rel = REL_MEMBER;
        *detail = json_pack("{s:s}", "gemeente", colon + 1);
    }
    e = capacity_authorise(ACT_ACCOUNT_INVITE, cap, rel, f);
    if (e != ERR_OK) {
        json_decref(*detail);
        *detail = NULL;
    }
    return e;
}

/* The restricted entry "invitation.create" on the new invitation. */
static enum err record(struct db *db, const struct actor *act, int64_t id, json_t *detail,
                       struct fault *f)
{
    char object_id[24];
    snprintf(object_id, sizeof object_id, "%" PRId64, id);
    struct audit_entry entry = {.at = act->now,
                                .person_id = act->person_id,
                                .capacity = act->capacity,
                                .action = "invitation.create",
                                .object_type = "invitation",
                                .object_id = object_id,
                                .request_id = act->request_id,
                                .detail = detail};
    return audit_record(db, &entry, f);
}

static enum err check_ttl(int64_t ttl_seconds, struct fault *f)
{
    if (ttl_seconds < INVITATION_TTL_MIN || ttl_seconds > INVITATION_TTL_MAX)
        return fault_set(f, ERR_INVALID, "ttl", "An invitation is valid for an hour to 90 days.",
                         NULL);
    return ERR_OK;
}

enum err invitation_create(struct db *db, struct arena *a, const char *note, int64_t ttl_seconds,
                           const struct actor *act, const char **code, int64_t *id, struct fault *f)
{
    *code = NULL;
    json_t *detail = NULL;
    enum err e = check_ttl(ttl_seconds, f);
    if (e == ERR_OK)
        e = check_note(note, f);
    if (e == ERR_OK)
        e = may_invite(db, act, &detail, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK) {
        json_decref(detail);
        return e;
    }
    const char *c = token_code_new(a, CODE_CHARS);
    char hash[TOKEN_HASH_HEX + 1];
    code_hash(c, hash);
    int64_t new_id = 0;
    e = insert(db, hash, note, act, ttl_seconds, &new_id, f);
    if (e == ERR_OK)
        e = record(db, act, new_id, detail, f);
    json_decref(detail);
    if ((e = tx_end(db, own, e, f)) != ERR_OK)
        return e;
    *code = c;
    if (id)
        *id = new_id;
    return ERR_OK;
}

/* Classifies the code's row: ERR_OK when usable, with *id set. */
static enum err classify(struct db *db, const char *hash, int64_t now, int64_t *id, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT id, used_at, expires_at FROM invitation WHERE code_hash = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, hash);
    enum db_rc rc = db_step(st);
    bool used = false, expired = false;
    if (rc == DB_ROW) {
        *id = db_col_int(st, 0);
        used = !db_col_is_null(st, 1);
        expired = db_col_int(st, 2) <= now;
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_NOT_FOUND, "invitation", "This code is not valid.", NULL);
    if (used)
        return fault_set(f, ERR_CONFLICT, "invitation", "This code has already been used.", NULL);
    if (expired)
        return fault_set(f, ERR_CONFLICT, "invitation", "This code has expired; ask for a new one.",
                         NULL);
    return ERR_OK;
}

enum err invitation_check(struct db *db, const char *code, int64_t now, struct fault *f)
{
    char hash[TOKEN_HASH_HEX + 1];
    int64_t id;
    if (!code_hash(code, hash))
        return fault_set(f, ERR_NOT_FOUND, "invitation", "This code is not valid.", NULL);
    return classify(db, hash, now, &id, f);
}

static enum err mark_used(struct db *db, int64_t id, int64_t person_id, int64_t now,
                          struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE invitation SET used_by = ?, used_at = ? WHERE id = ? AND used_at IS NULL "
            "AND expires_at > ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, id);
    db_bind_int(st, 4, now);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) == 0)
        return fault_set(f, ERR_CONFLICT, "invitation", "This code has already been used.", NULL);
    return ERR_OK;
}

enum err invitation_use(struct db *db, const char *code, int64_t person_id, const struct actor *act,
                        struct fault *f)
{
    char hash[TOKEN_HASH_HEX + 1];
    int64_t id = 0;
    if (!code_hash(code, hash))
        return fault_set(f, ERR_NOT_FOUND, "invitation", "This code is not valid.", NULL);
    bool own;
    enum err e = tx_begin(db, &own, f);
    if (e != ERR_OK)
        return e;
    e = classify(db, hash, act->now, &id, f);
    if (e == ERR_OK)
        e = mark_used(db, id, person_id, act->now, f);
    if (e == ERR_OK)
        e = audit_record_private(db, act, "invitation.use", "invitation", id, f);
    return tx_end(db, own, e, f);
}

enum err invitation_list(struct db *db, struct arena *a, int64_t created_by,
                         struct invitation **items, int *n, struct fault *f)
{
    enum { MAX = 500 };
    *items = arena_array(a, MAX, sizeof **items);
    *n = 0;
    struct db_stmt *st = db_prepare(
        db, created_by > 0
                ? "SELECT id, created_by, created_at, expires_at, used_by, used_at, note "
                  "FROM invitation WHERE created_by = ? ORDER BY id DESC LIMIT ?"
                : "SELECT id, created_by, created_at, expires_at, used_by, used_at, note "
                  "FROM invitation WHERE created_by IS NULL ORDER BY id DESC LIMIT ?");
    if (!st)
        return db_fault(db, f);
    int i = 1;
    if (created_by > 0)
        db_bind_int(st, i++, created_by);
    db_bind_int(st, i, MAX);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct invitation *v = &(*items)[(*n)++];
        v->id = db_col_int(st, 0);
        v->created_by = db_col_int(st, 1);
        v->created_at = db_col_int(st, 2);
        v->expires_at = db_col_int(st, 3);
        v->used_by = db_col_int(st, 4);
        v->used_at = db_col_int(st, 5);
        v->note = arena_strdup(a, db_col_text(st, 6));
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}
