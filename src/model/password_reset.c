/* Password reset links (see password_reset.h). The mail text lives here as
 * message ids so that the catalogs carry it in Dutch and English; the
 * caller's translator picks the recipient's language. */
#include "model/password_reset.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/password.h"
#include "model/person.h"
#include "model/ratelimit.h"
#include "model/session.h"
#include "model/token.h"
#include "model/tx.h"

/* Marks a message id for the catalogs without translating it (xgettext's
 * N_ keyword, as in render/req.h, which the model cannot include). */
#define N_(msgid) (msgid)

static const char *const subject_msgid = N_("Choose a new password for Wijkregie");
static const char *const body_msgid =
    N_("Hello %s,\n\nSomeone, probably you, asked to choose a new password for your "
       "Wijkregie account. Open this link within an hour to do so:\n\n%s\n\nThe link works "
       "once. If you did not ask for this, ignore this mail: your password stays as it is.\n");

struct recipient {
    int64_t id;
    const char *name;
    const char *lang;
};

/* The live account of a normalised address; r->id 0 when there is none. */
static enum err find_account(struct db *db, struct arena *a, const char *email, struct recipient *r,
                             struct fault *f)
{
    memset(r, 0, sizeof *r);
    struct db_stmt *st = db_prepare(db, "SELECT id, display_name, lang FROM person "
                                        "WHERE email = ? AND erased_at IS NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, email);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        r->id = db_col_int(st, 0);
        r->name = arena_strdup(a, db_col_text(st, 1));
        r->lang = arena_strdup(a, db_col_text(st, 2));
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* Whether another mail may go to the account this hour. */
static enum err may_mail(struct db *db, struct arena *a, int64_t person_id, int64_t now, bool *ok,
                         struct fault *f)
{
    struct fault limited = {0};
    int64_t retry;
    const char *key = arena_printf(a, "reset:acct:%" PRId64, person_id);
    enum err e = ratelimit_hit(db, a, key, 3600, PASSWORD_RESET_PER_HOUR, now, &retry, &limited);
    *ok = e == ERR_OK;
    if (e == ERR_RATE_LIMITED)
        return ERR_OK;
    if (e != ERR_OK && f)
        *f = limited;
    return e;
}

static enum err insert_reset(struct db *db, const char *hash, int64_t person_id, int64_t now,
                             struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "INSERT INTO password_reset (token_hash, person_id, created_at, expires_at) "
                       "VALUES (?, ?, ?, ?)");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, hash);
    db_bind_int(st, 2, person_id);
    db_bind_int(st, 3, now);
    db_bind_int(st, 4, now + PASSWORD_RESET_TTL);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* Queues the mail with the link in the recipient's language. */
static enum err queue_mail(struct db *db, struct arena *a, const struct recipient *r,
                           const struct mail_translator *tr, const char *link, int64_t now,
                           struct fault *f)
{
    struct fault slots = {.args = {r->name, link}};
    char *body = fault_format(mail_tr(tr, r->lang, body_msgid), &slots);
    const char *copy = arena_strdup(a, body);
    free(body);
    return mail_queue(db, r->id, "password_reset", mail_tr(tr, r->lang, subject_msgid), copy, now,
                      NULL, f);
}

static enum err make_link(struct db *db, struct arena *a, const struct recipient *r,
                          const struct mail_translator *tr, const char *link_prefix,
                          const struct actor *act, struct fault *f)
{
    const char *token = token_new(a);
    char hash[TOKEN_HASH_HEX + 1];
    token_hash(token, hash);
    enum err e = insert_reset(db, hash, r->id, act->now, f);
    if (e == ERR_OK) {
        const char *link = arena_printf(a, "%s%s", link_prefix ? link_prefix : "", token);
        e = queue_mail(db, a, r, tr, link, act->now, f);
    }
    if (e == ERR_OK)
        e = audit_record_private(db, act, "password_reset.request", "person", r->id, f);
    return e;
}

enum err password_reset_request(struct db *db, struct arena *a, const char *email,
                                const struct mail_translator *tr, const char *link_prefix,
                                const struct actor *act, struct fault *f)
{
    const char *norm;
    enum err e = person_email_normalise(a, email, &norm, f);
    if (e != ERR_OK)
        return e;
    bool own, ok = false;
    if ((e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    struct recipient r;
    e = find_account(db, a, norm, &r, f);
    if (e == ERR_OK && r.id > 0)
        e = may_mail(db, a, r.id, act->now, &ok, f);
    if (e == ERR_OK && ok)
        e = make_link(db, a, &r, tr, link_prefix, act, f);
    return tx_end(db, own, e, f);
}

struct reset_row {
    int64_t id, person_id, expires_at;
    bool used;
};

static enum err find_reset(struct db *db, const char *token, struct reset_row *r, struct fault *f)
{
    memset(r, 0, sizeof *r);
    if (!token_well_formed(token))
        return fault_set(f, ERR_NOT_FOUND, "token", "This code is not valid.", NULL);
    char hash[TOKEN_HASH_HEX + 1];
    token_hash(token, hash);
    struct db_stmt *st = db_prepare(db, "SELECT id, person_id, expires_at, used_at "
                                        "FROM password_reset WHERE token_hash = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, hash);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *r = (struct reset_row){db_col_int(st, 0), db_col_int(st, 1), db_col_int(st, 2),
                                !db_col_is_null(st, 3)};
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_NOT_FOUND, "token", "This code is not valid.", NULL);
    return ERR_OK;
}

static enum err check_usable(const struct reset_row *r, int64_t now, struct fault *f)
{
    if (r->used)
        return fault_set(f, ERR_CONFLICT, "token", "This code has already been used.", NULL);
    if (now >= r->expires_at)
        return fault_set(f, ERR_CONFLICT, "token", "This code has expired; ask for a new one.",
                         NULL);
    return ERR_OK;
}

/* Runs sql binding (a, b); *changed gets the rows it changed. */
static enum err run2(struct db *db, const char *sql, int64_t a, int64_t b, int64_t *changed,
                     struct fault *f)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, a);
    db_bind_int(st, 2, b);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    *changed = db_changes(db);
    return ERR_OK;
}

static enum err set_hash(struct db *db, int64_t person_id, const char *hash, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "UPDATE person SET password_hash = ? WHERE id = ? AND erased_at IS NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, hash);
    db_bind_int(st, 2, person_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) == 0)
        return fault_set(f, ERR_NOT_FOUND, "token", "This code is not valid.", NULL);
    return ERR_OK;
}

/* The writes of a redeem, in the transaction. */
static enum err apply_reset(struct db *db, const struct reset_row *r, const char *hash,
                            const struct actor *act, struct fault *f)
{
    int64_t changed = 0;
    enum err e = run2(db, "UPDATE password_reset SET used_at = ? WHERE id = ? AND used_at IS NULL",
                      act->now, r->id, &changed, f);
    if (e == ERR_OK && changed == 0)
        e = fault_set(f, ERR_CONFLICT, "token", "This code has already been used.", NULL);
    if (e == ERR_OK)
        e = run2(db,
                 "UPDATE password_reset SET used_at = ? WHERE person_id = ? "
                 "AND used_at IS NULL",
                 act->now, r->person_id, &changed, f);
    if (e == ERR_OK)
        e = set_hash(db, r->person_id, hash, f);
    struct actor who = *act;
    who.person_id = r->person_id;
    if (e == ERR_OK)
        e = session_end_others(db, r->person_id, 0, &who, NULL, f);
    if (e == ERR_OK)
        e = audit_record_private(db, &who, "person.password_reset", "person", r->person_id, f);
    return e;
}

enum err password_reset_redeem(struct db *db, struct arena *a, const char *token,
                               const char *new_password, const struct actor *act,
                               int64_t *person_id, struct fault *f)
{
    struct reset_row r;
    const char *hash;
    enum err e = password_check(new_password, f);
    if (e == ERR_OK)
        e = find_reset(db, token, &r, f);
    if (e == ERR_OK)
        e = check_usable(&r, act->now, f);
    if (e == ERR_OK)
        e = password_hash(a, new_password, &hash, f);
    if (e != ERR_OK)
        return e;
    bool own;
    if ((e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = tx_end(db, own, apply_reset(db, &r, hash, act, f), f);
    if (e == ERR_OK && person_id)
        *person_id = r.person_id;
    return e;
}
