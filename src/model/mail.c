/* The mail outbox (see mail.h): rows in, rows out; sending is the operator's
 * mailer's business. */
#include "model/mail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"

const char *mail_tr(const struct mail_translator *tr, const char *lang, const char *msgid)
{
    if (!tr || !tr->get)
        return msgid;
    const char *t = tr->get(tr->ctx, lang, msgid);
    return t ? t : msgid;
}

static bool kind_ok(const char *kind)
{
    size_t n = kind ? strlen(kind) : 0;
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((kind[i] >= 'a' && kind[i] <= 'z') || kind[i] == '_'))
            return false;
    return true;
}

enum err mail_queue(struct db *db, int64_t to_person_id, const char *kind, const char *subject,
                    const char *body, int64_t now, int64_t *id, struct fault *f)
{
    if (!kind_ok(kind) || !subject || !body) {
        fprintf(stderr, "mail: malformed mail of kind %s (a programming error)\n",
                kind ? kind : "(null)");
        abort();
    }
    struct db_stmt *st =
        db_prepare(db, "INSERT INTO mail_outbox (to_person_id, kind, subject, body, created_at) "
                       "VALUES (?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, to_person_id);
    db_bind_text(st, 2, kind);
    db_bind_text(st, 3, subject);
    db_bind_text(st, 4, body);
    db_bind_int(st, 5, now);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW && id)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? ERR_OK : db_fault(db, f);
}

enum err mail_pending(struct db *db, struct arena *a, int limit, struct mail **out, int *n,
                      struct fault *f)
{
    *out = NULL;
    *n = 0;
    if (limit < 1 || limit > 500)
        return fault_set(f, ERR_INVALID, "limit", "The limit must be between 1 and 500.", NULL);
    struct db_stmt *st = db_prepare(
        db, "SELECT m.id, m.to_person_id, p.email, m.kind, m.subject, m.body, m.created_at "
            "FROM mail_outbox m JOIN person p ON p.id = m.to_person_id "
            "WHERE m.sent_at IS NULL AND p.erased_at IS NULL ORDER BY m.id LIMIT ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, limit);
    *out = arena_array(a, (size_t)limit, sizeof **out);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct mail *m = &(*out)[(*n)++];
        m->id = db_col_int(st, 0);
        m->to_person_id = db_col_int(st, 1);
        m->to_email = arena_strdup(a, db_col_text(st, 2));
        m->kind = arena_strdup(a, db_col_text(st, 3));
        m->subject = arena_strdup(a, db_col_text(st, 4));
        m->body = arena_strdup(a, db_col_text(st, 5));
        m->created_at = db_col_int(st, 6);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err mail_mark_sent(struct db *db, int64_t id, int64_t now, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE mail_outbox SET sent_at = ?, body = '' WHERE id = ? AND sent_at IS NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) == 0)
        return fault_set(f, ERR_NOT_FOUND, NULL, "There is no unsent mail with that number.", NULL);
    return ERR_OK;
}
