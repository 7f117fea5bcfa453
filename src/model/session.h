/* Sign-in sessions, kept in the database so that any server process serves
 * any request. A session is identified by a random token handed to the
 * browser once (as a cookie) at sign-in; the database keeps only its hash
 * (token.h). It ends when the person signs out or ends it from the list of
 * their sessions, after an idle time, at an absolute end, or when the
 * password changes.
 *
 * Every function takes the time as an argument (now, or actor.now), so that
 * expiry is decided by the caller's clock and tests need no sleeping. */
#ifndef WIJK_MODEL_SESSION_H
#define WIJK_MODEL_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

/* How long sessions live; configuration, fixed at start. */
struct session_policy {
    int64_t idle_seconds;     /* ends after this long without a request */
    int64_t absolute_seconds; /* ends this long after sign-in, however busy */
    int64_t touch_seconds;    /* last_seen_at is written at most this often */
};

/* 30 minutes idle, 12 hours absolute, last_seen_at at most once a minute. */
#define SESSION_POLICY_DEFAULT ((struct session_policy){30 * 60, 12 * 3600, 60})

enum { SESSION_USER_AGENT_MAX = 200, SESSION_IP_MAX = 64 };

struct session {
    int64_t id;
    int64_t person_id;
    const char *capacity; /* NULL: none chosen */
    int64_t created_at;
    int64_t last_seen_at;
    int64_t expires_at; /* the absolute end */
    const char *ip;     /* NULL when not known */
    const char *user_agent;
};

/* Starts a session for person_id at act->now: a new random token every
 * time, *token (from the arena) to be handed to the browser once and never
 * stored. ip (at most 64 printable ASCII characters, else not kept) and
 * user_agent (cut to 200 characters; invalid UTF-8 and control characters
 * dropped) may be NULL. Records "session.start" in the audit log, in the
 * caller's transaction or one of its own. ERR_NOT_FOUND when there is no
 * such person or the person is erased. *id (may be NULL) gets the id. */
enum err session_create(struct db *db, struct arena *a, int64_t person_id, const char *ip,
                        const char *user_agent, const struct session_policy *pol,
                        const struct actor *act, const char **token, int64_t *id, struct fault *f);

/* The live session of token at now. ERR_UNAUTHORIZED with "Please sign
 * in." for a malformed or unknown token, a session that ended or whose
 * person is erased; with "Your session has expired; please sign in again."
 * when it has been idle for pol->idle_seconds or more or has reached its
 * absolute end (the session is then ended). Writes last_seen_at = now when
 * it is pol->touch_seconds or more behind. Strings come from the arena. */
enum err session_lookup(struct db *db, struct arena *a, const char *token,
                        const struct session_policy *pol, int64_t now, struct session *out,
                        struct fault *f);

/* person_id's live sessions at now, most recently used first (at most 500).
 * *items from the arena. */
enum err session_list(struct db *db, struct arena *a, int64_t person_id,
                      const struct session_policy *pol, int64_t now, struct session **items, int *n,
                      struct fault *f);

/* Ends session_id when it is person_id's and still open (sign-out, or the
 * list of one's sessions). ERR_NOT_FOUND, "There is no such session.", for
 * anyone else's session, an unknown id or one already ended: the answer
 * does not tell which. Records "session.end". Own or caller's transaction. */
enum err session_end(struct db *db, int64_t person_id, int64_t session_id, const struct actor *act,
                     struct fault *f);

/* Ends every open session of person_id except keep_id (0: all of them).
 * Records "session.end_others" when any was ended. Own or caller's
 * transaction. *ended (may be NULL) gets the number ended. */
enum err session_end_others(struct db *db, int64_t person_id, int64_t keep_id,
                            const struct actor *act, int *ended, struct fault *f);

/* Whether s names a capacity: resident, professional, organisation_admin,
 * municipality_admin, moderator or platform_admin, optionally followed by
 * ':' and 1..64 characters of [A-Za-z0-9_-] that say where
 * ("resident:BU03630101", "professional:17"). */
bool session_capacity_valid(const char *s);

/* The name part of a stored capacity ("resident:BU03630101" -> "resident"),
 * what policy_capacity_parse() takes; from the arena. NULL for NULL. */
const char *session_capacity_name(struct arena *a, const char *capacity);

/* Sets the capacity session_id of person_id acts in (NULL: none). The
 * caller has checked that the person holds it; this checks only its form
 * (ERR_INVALID, field "capacity"). ERR_NOT_FOUND as for session_end.
 * Records "session.capacity". Own or caller's transaction. */
enum err session_set_capacity(struct db *db, int64_t person_id, int64_t session_id,
                              const char *capacity, const struct actor *act, struct fault *f);

enum { SESSION_CSRF_CHARS = 64 };

/* The CSRF token of a session: keyed BLAKE2b (crypto_generichash) of the
 * session token with the server's secret (16 to 64 bytes; another length
 * aborts), as 64 hex digits from the arena. Forms carry it in a hidden
 * field, API clients in a header; it changes with every sign-in. */
const char *session_csrf_token(struct arena *a, const char *token, const unsigned char *secret,
                               size_t secret_len);

/* True when candidate is the CSRF token of token, compared in constant
 * time. NULL or malformed input is false. */
bool session_csrf_check(const char *token, const unsigned char *secret, size_t secret_len,
                        const char *candidate);

#endif
