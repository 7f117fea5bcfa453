/* Outgoing mail. Wijkregie speaks no SMTP: a mail is a row in mail_outbox,
 * and the operator's mailer (a cron job, a small script around sendmail)
 * takes the pending ones with mail_pending(), sends each to the address it
 * names and marks it with mail_mark_sent(), which also blanks the body: the
 * outbox is a queue, not an archive, and a password-reset mail carries a
 * token until it is sent. A mail to a person who is erased before it goes
 * out is never sent (the erasure deletes it).
 *
 * Mails are written in the recipient's language (person.lang). The model
 * does not translate; the caller hands down a lookup into the message
 * catalogs (render's catalog_get) as a struct mail_translator. */
#ifndef WIJK_MODEL_MAIL_H
#define WIJK_MODEL_MAIL_H

#include <stdint.h>

#include "core/err.h"

struct arena;
struct db;

/* Translates msgid into lang ("nl", "en"); returns msgid when it has no
 * translation. A NULL translator or NULL get leaves every text English. */
struct mail_translator {
    const char *(*get)(const void *ctx, const char *lang, const char *msgid);
    const void *ctx;
};

/* msgid in lang through tr (see above). */
const char *mail_tr(const struct mail_translator *tr, const char *lang, const char *msgid);

/* Queues a mail to a person; kind names its purpose ("password_reset"),
 * [a-z_]. Subject and body are plain UTF-8 text. One row: joins the
 * caller's transaction, if any. *id (may be NULL) gets the mail's id. */
enum err mail_queue(struct db *db, int64_t to_person_id, const char *kind, const char *subject,
                    const char *body, int64_t now, int64_t *id, struct fault *f);

/* A mail waiting to be sent, with its recipient's current address. */
struct mail {
    int64_t id;
    int64_t to_person_id;
    const char *to_email;
    const char *kind;
    const char *subject;
    const char *body;
    int64_t created_at;
};

/* Up to limit (1..500) unsent mails, oldest first, whose recipient is not
 * erased. Strings come from the arena. */
enum err mail_pending(struct db *db, struct arena *a, int limit, struct mail **out, int *n,
                      struct fault *f);

/* Marks a mail sent at now and blanks its body. ERR_NOT_FOUND when there
 * is no such unsent mail. */
enum err mail_mark_sent(struct db *db, int64_t id, int64_t now, struct fault *f);

#endif
