/* "Forgot your password": a single-use link, valid for an hour, mailed to
 * the account's address through the outbox (model/mail.h). The link holds a
 * random token (model/token.h); the database keeps only its hash, and the
 * token itself only in the unsent mail. Redeeming it sets a new password and
 * ends every session of the person. */
#ifndef WIJK_MODEL_PASSWORD_RESET_H
#define WIJK_MODEL_PASSWORD_RESET_H

#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"
#include "model/mail.h"

struct arena;
struct db;

enum {
    PASSWORD_RESET_TTL = 3600,   /* seconds a link stays valid */
    PASSWORD_RESET_PER_HOUR = 3, /* mails to one account per hour */
};

/* Asks for a reset link for email at act->now. A malformed address is
 * ERR_INVALID (as person_email_normalise); otherwise the answer is ERR_OK
 * whether or not the address has an account, so that it reveals nothing.
 * For a live account a token is made and a mail queued in the person's
 * language (tr may be NULL: English) whose body holds link_prefix followed
 * by the token (e.g. "https://wijk.example.nl/password/reset?token="; the
 * token needs no escaping), unless PASSWORD_RESET_PER_HOUR mails went to the
 * account in the current hour already. Records "password_reset.request" on
 * the person. Own or caller's transaction. */
enum err password_reset_request(struct db *db, struct arena *a, const char *email,
                                const struct mail_translator *tr, const char *link_prefix,
                                const struct actor *act, struct fault *f);

/* Sets new_password for the person of token at act->now. The password
 * rules first (password_check). Then ERR_NOT_FOUND, field "token", "This
 * code is not valid." for a malformed or unknown token; ERR_CONFLICT "This
 * code has already been used." or "This code has expired; ask for a new
 * one.". On success every reset link of the person is spent, every session
 * ended, "person.password_reset" recorded and *person_id (may be NULL)
 * set. Own or caller's transaction. */
enum err password_reset_redeem(struct db *db, struct arena *a, const char *token,
                               const char *new_password, const struct actor *act,
                               int64_t *person_id, struct fault *f);

#endif
