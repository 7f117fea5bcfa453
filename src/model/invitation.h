/* Invitation codes: random, shown once, single use, with an expiry. A code
 * is 160 random bits written as 32 characters of Crockford's base32 in
 * groups of four ("7KQ4-M2XD-..."); typing it back is forgiving (case,
 * dashes and spaces do not matter, O reads as 0, I and L as 1). Only the
 * hash of its canonical form is stored. */
#ifndef WIJK_MODEL_INVITATION_H
#define WIJK_MODEL_INVITATION_H

#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    INVITATION_TTL_MIN = 3600,           /* an hour */
    INVITATION_TTL_MAX = 90 * 24 * 3600, /* 90 days */
    INVITATION_NOTE_MAX = 200,           /* characters */
};

struct invitation {
    int64_t id;
    int64_t created_by; /* 0: the operator */
    int64_t created_at;
    int64_t expires_at;
    int64_t used_by; /* 0: not used */
    int64_t used_at;
    const char *note; /* NULL: none */
};

/* Makes an invitation by act->person_id, valid from act->now for
 * ttl_seconds (INVITATION_TTL_MIN..MAX, else ERR_INVALID, field "ttl"),
 * with an optional note (at most 200 characters of single-line text, else
 * ERR_INVALID, field "note"). Who may invite is the policy's word
 * (account.invite): a platform admin; an organisation admin acting as
 * "organisation_admin:<id>" or a municipality admin acting as
 * "municipality_admin:<code>" (MEMBER: inviting for that organisation or
 * gemeente, which the audit detail records); and the operator at the
 * console (person 0, capacity CAPACITY_CONSOLE), who holds the database.
 * Anyone else: ERR_FORBIDDEN with the policy's reason; a capacity not held:
 * the error of capacity_of_actor. *code (from the arena) is shown to the
 * inviter once and never stored. Records "invitation.create" (restricted)
 * in the same transaction, own or the caller's. *id may be NULL. */
enum err invitation_create(struct db *db, struct arena *a, const char *note, int64_t ttl_seconds,
                           const struct actor *act, const char **code, int64_t *id,
                           struct fault *f);

/* Whether code can be used at now, without using it. ERR_NOT_FOUND, field
 * "invitation", "This code is not valid." for a malformed or unknown code;
 * ERR_CONFLICT "This code has already been used." or "This code has expired;
 * ask for a new one.". */
enum err invitation_check(struct db *db, const char *code, int64_t now, struct fault *f);

/* Uses code for person_id at act->now: the errors of invitation_check, and
 * ERR_CONFLICT "This code has already been used." when another use got in
 * first. Records "invitation.use". Meant for the caller's transaction (the
 * sign-up that creates person_id); otherwise one of its own. */
enum err invitation_use(struct db *db, const char *code, int64_t person_id, const struct actor *act,
                        struct fault *f);

/* The invitations made by created_by (0: by the operator), newest first, at
 * most 500. *items from the arena. */
enum err invitation_list(struct db *db, struct arena *a, int64_t created_by,
                         struct invitation **items, int *n, struct fault *f);

#endif
