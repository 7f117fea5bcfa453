/* Sessions in the database (see session.h). The token itself is never
 * stored or logged: lookups hash what the browser sends and compare hashes,
 * so a copy of the database does not let anyone sign in. */
#include "model/session.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/token.h"
#include "model/tx.h"

/* The address as given when it is short printable ASCII, else NULL. */
static const char *clean_ip(const char *ip)
{
    size_t n = ip ? strlen(ip) : 0;
    if (n == 0 || n > SESSION_IP_MAX)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (ip[i] < 0x21 || ip[i] > 0x7e)
            return NULL;
    return ip;
}

/* The user agent as text fit to store and show: printable ASCII only when
 * it is not valid UTF-8, never a control character, at most 200 code
 * points. From the arena; NULL stays NULL. */
static const char *clean_user_agent(struct arena *a, const char *ua)
{
    if (!ua)
        return NULL;
    size_t n = strlen(ua), chars = 0, j = 0;
    bool utf8 = utf8_valid(ua, n);
    char *out = arena_alloc(a, n + 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)ua[i];
        bool lead = (c & 0xc0) != 0x80;
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && !utf8))
            continue;
        if (lead && ++chars > SESSION_USER_AGENT_MAX)
            break;
        out[j++] = (char)c;
    }
    out[j] = '\0';
    return out;
}

static enum err insert_session(struct db *db, const char *hash, int64_t person_id, const char *ip,
                               const char *ua, int64_t now, int64_t expires, int64_t *id,
                               struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO session (token_hash, person_id, created_at, last_seen_at, expires_at, "
            "ip, user_agent) SELECT ?, id, ?, ?, ?, ?, ? FROM person "
            "WHERE id = ? AND erased_at IS NULL RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, hash);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, now);
    db_bind_int(st, 4, expires);
    db_bind_text(st, 5, ip);
    db_bind_text(st, 6, ua);
    db_bind_int(st, 7, person_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_NOT_FOUND, NULL, "There is no such person.", NULL);
    return ERR_OK;
}

enum err session_create(struct db *db, struct arena *a, int64_t person_id, const char *ip,
                        const char *user_agent, const struct session_policy *pol,
                        const struct actor *act, const char **token, int64_t *id, struct fault *f)
{
    *token = NULL;
    const char *tok = token_new(a);
    char hash[TOKEN_HASH_HEX + 1];
    token_hash(tok, hash);
    struct actor who = *act;
    who.person_id = person_id;
    int64_t sid = 0;
    bool own;
    enum err e = tx_begin(db, &own, f);
    if (e != ERR_OK)
        return e;
    e = insert_session(db, hash, person_id, clean_ip(ip), clean_user_agent(a, user_agent), act->now,
                       act->now + pol->absolute_seconds, &sid, f);
    if (e == ERR_OK)
        e = audit_record_private(db, &who, "session.start", "session", sid, f);
    e = tx_end(db, own, e, f);
    if (e != ERR_OK)
        return e;
    *token = tok;
    if (id)
        *id = sid;
    return ERR_OK;
}

static void read_session(struct db_stmt *st, struct arena *a, struct session *s)
{
    s->id = db_col_int(st, 0);
    s->person_id = db_col_int(st, 1);
    s->capacity = arena_strdup(a, db_col_text(st, 2));
    s->created_at = db_col_int(st, 3);
    s->last_seen_at = db_col_int(st, 4);
    s->expires_at = db_col_int(st, 5);
    s->ip = arena_strdup(a, db_col_text(st, 6));
    s->user_agent = arena_strdup(a, db_col_text(st, 7));
}

/* Runs an UPDATE of one session that binds (time, id); returns its error. */
static enum err update_one(struct db *db, const char *sql, int64_t t, int64_t id, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, t);
    db_bind_int(st, 2, id);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static bool expired(const struct session *s, const struct session_policy *pol, int64_t now)
{
    return now - s->last_seen_at >= pol->idle_seconds || now >= s->expires_at ||
           now - s->created_at >= pol->absolute_seconds;
}

enum err session_lookup(struct db *db, struct arena *a, const char *token,
                        const struct session_policy *pol, int64_t now, struct session *out,
                        struct fault *f)
{
    memset(out, 0, sizeof *out);
    if (!token_well_formed(token))
        return fault_set(f, ERR_UNAUTHORIZED, NULL, "Please sign in.", NULL);
    char hash[TOKEN_HASH_HEX + 1];
    token_hash(token, hash);
    struct db_stmt *st = db_prepare(
        db, "SELECT s.id, s.person_id, s.capacity, s.created_at, s.last_seen_at, s.expires_at, "
            "s.ip, s.user_agent FROM session s JOIN person p ON p.id = s.person_id "
            "WHERE s.token_hash = ? AND s.ended_at IS NULL AND p.erased_at IS NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, hash);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        read_session(st, a, out);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_UNAUTHORIZED, NULL, "Please sign in.", NULL);
    if (expired(out, pol, now)) {
        enum err e =
            update_one(db, "UPDATE session SET ended_at = ? WHERE id = ? AND ended_at IS NULL", now,
                       out->id, f);
        memset(out, 0, sizeof *out);
        return e != ERR_OK ? e
                           : fault_set(f, ERR_UNAUTHORIZED, NULL,
                                       "Your session has expired; please sign in again.", NULL);
    }
    if (now - out->last_seen_at >= pol->touch_seconds) {
        enum err e =
            update_one(db, "UPDATE session SET last_seen_at = ? WHERE id = ?", now, out->id, f);
        if (e != ERR_OK)
            return e;
        out->last_seen_at = now;
    }
    return ERR_OK;
}

enum err session_list(struct db *db, struct arena *a, int64_t person_id,
                      const struct session_policy *pol, int64_t now, struct session **items, int *n,
                      struct fault *f)
{
    enum { MAX = 500 };
    *items = arena_array(a, MAX, sizeof **items);
    *n = 0;
    struct db_stmt *st =
        db_prepare(db, "SELECT id, person_id, capacity, created_at, last_seen_at, expires_at, ip, "
                       "user_agent FROM session WHERE person_id = ? AND ended_at IS NULL "
                       "AND expires_at > ? AND last_seen_at > ? AND created_at > ? "
                       "ORDER BY last_seen_at DESC, id DESC LIMIT ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, now - pol->idle_seconds);
    db_bind_int(st, 4, now - pol->absolute_seconds);
    db_bind_int(st, 5, MAX);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW)
        read_session(st, a, &(*items)[(*n)++]);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* Runs a bound statement that changes rows; *changed gets how many. */
static enum err run_change(struct db *db, struct db_stmt *st, int64_t *changed, struct fault *f)
{
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    *changed = db_changes(db);
    return ERR_OK;
}

enum err session_end(struct db *db, int64_t person_id, int64_t session_id, const struct actor *act,
                     struct fault *f)
{
    bool own;
    enum err e = tx_begin(db, &own, f);
    if (e != ERR_OK)
        return e;
    struct db_stmt *st = db_prepare(db, "UPDATE session SET ended_at = ? WHERE id = ? "
                                        "AND person_id = ? AND ended_at IS NULL");
    int64_t changed = 0;
    if (!st) {
        e = db_fault(db, f);
    } else {
        db_bind_int(st, 1, act->now);
        db_bind_int(st, 2, session_id);
        db_bind_int(st, 3, person_id);
        e = run_change(db, st, &changed, f);
    }
    if (e == ERR_OK && changed == 0)
        e = fault_set(f, ERR_NOT_FOUND, NULL, "There is no such session.", NULL);
    if (e == ERR_OK)
        e = audit_record_private(db, act, "session.end", "session", session_id, f);
    return tx_end(db, own, e, f);
}

enum err session_end_others(struct db *db, int64_t person_id, int64_t keep_id,
                            const struct actor *act, int *ended, struct fault *f)
{
    if (ended)
        *ended = 0;
    bool own;
    enum err e = tx_begin(db, &own, f);
    if (e != ERR_OK)
        return e;
    struct db_stmt *st = db_prepare(db, "UPDATE session SET ended_at = ? WHERE person_id = ? "
                                        "AND id <> ? AND ended_at IS NULL");
    int64_t changed = 0;
    if (!st) {
        e = db_fault(db, f);
    } else {
        db_bind_int(st, 1, act->now);
        db_bind_int(st, 2, person_id);
        db_bind_int(st, 3, keep_id);
        e = run_change(db, st, &changed, f);
    }
    if (e == ERR_OK && changed > 0)
        e = audit_record_private(db, act, "session.end_others", "person", person_id, f);
    e = tx_end(db, own, e, f);
    if (e == ERR_OK && ended)
        *ended = (int)changed;
    return e;
}

bool session_capacity_valid(const char *s)
{
    static const char *const names[] = {"resident",           "professional", "organisation_admin",
                                        "municipality_admin", "moderator",    "platform_admin"};
    if (!s)
        return false;
    size_t name_len = strcspn(s, ":");
    const char *where = s[name_len] == ':' ? s + name_len + 1 : NULL;
    bool known = false;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !known; i++)
        known = strlen(names[i]) == name_len && strncmp(s, names[i], name_len) == 0;
    if (!known || !where)
        return known;
    size_t n = strlen(where);
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((where[i] >= 'A' && where[i] <= 'Z') || (where[i] >= 'a' && where[i] <= 'z') ||
              (where[i] >= '0' && where[i] <= '9') || where[i] == '_' || where[i] == '-'))
            return false;
    return true;
}

const char *session_capacity_name(struct arena *a, const char *capacity)
{
    return capacity ? arena_strndup(a, capacity, strcspn(capacity, ":")) : NULL;
}

static enum err update_capacity(struct db *db, int64_t person_id, int64_t session_id,
                                const char *capacity, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "UPDATE session SET capacity = ? WHERE id = ? "
                                        "AND person_id = ? AND ended_at IS NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, capacity);
    db_bind_int(st, 2, session_id);
    db_bind_int(st, 3, person_id);
    int64_t changed = 0;
    enum err e = run_change(db, st, &changed, f);
    if (e == ERR_OK && changed == 0)
        e = fault_set(f, ERR_NOT_FOUND, NULL, "There is no such session.", NULL);
    return e;
}

enum err session_set_capacity(struct db *db, int64_t person_id, int64_t session_id,
                              const char *capacity, const struct actor *act, struct fault *f)
{
    if (capacity && !session_capacity_valid(capacity))
        return fault_set(f, ERR_INVALID, "capacity", "Unknown capacity.", NULL);
    bool own;
    enum err e = tx_begin(db, &own, f);
    if (e != ERR_OK)
        return e;
    e = update_capacity(db, person_id, session_id, capacity, f);
    if (e == ERR_OK) {
        struct actor who = *act;
        who.capacity = capacity;
        e = audit_record_private(db, &who, "session.capacity", "session", session_id, f);
    }
    return tx_end(db, own, e, f);
}

/* The keyed hash behind a CSRF token, as hex into out. */
static void csrf_hex(const char *token, const unsigned char *secret, size_t secret_len,
                     char out[static SESSION_CSRF_CHARS + 1])
{
    if (secret_len < crypto_generichash_KEYBYTES_MIN ||
        secret_len > crypto_generichash_KEYBYTES_MAX) {
        fprintf(stderr, "session: the CSRF secret must be 16 to 64 bytes (a programming error)\n");
        abort();
    }
    static const char domain[] = "wijkregie csrf v1:";
    unsigned char h[SESSION_CSRF_CHARS / 2];
    crypto_generichash_state s;
    crypto_generichash_init(&s, secret, secret_len, sizeof h);
    crypto_generichash_update(&s, (const unsigned char *)domain, sizeof domain - 1);
    crypto_generichash_update(&s, (const unsigned char *)token, strlen(token));
    crypto_generichash_final(&s, h, sizeof h);
    sodium_bin2hex(out, SESSION_CSRF_CHARS + 1, h, sizeof h);
}

const char *session_csrf_token(struct arena *a, const char *token, const unsigned char *secret,
                               size_t secret_len)
{
    char hex[SESSION_CSRF_CHARS + 1];
    csrf_hex(token ? token : "", secret, secret_len, hex);
    return arena_strdup(a, hex);
}

bool session_csrf_check(const char *token, const unsigned char *secret, size_t secret_len,
                        const char *candidate)
{
    if (!token || !candidate || strlen(candidate) != SESSION_CSRF_CHARS)
        return false;
    char hex[SESSION_CSRF_CHARS + 1];
    csrf_hex(token, secret, secret_len, hex);
    return sodium_memcmp(hex, candidate, SESSION_CSRF_CHARS) == 0;
}
