/* Accounts (see person.h): validation of what a person types, sign-up with
 * an optional invitation, sign-in with rate limits and a dummy hash for
 * unknown addresses, and password changes. The slow Argon2id work always
 * happens before a transaction starts, so that no write lock is held while
 * it runs. */
#include "model/person.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/invitation.h"
#include "model/password.h"
#include "model/ratelimit.h"
#include "model/session.h"
#include "model/tx.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* s trimmed of ASCII white space, from the arena. */
static char *trimmed(struct arena *a, const char *s)
{
    while (is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_space(s[n - 1]))
        n--;
    return arena_strndup(a, s, n);
}

/* The domain: dot-separated non-empty labels, at least two. */
static bool domain_ok(const char *d)
{
    if (!*d || *d == '.' || d[strlen(d) - 1] == '.' || strstr(d, "..") || !strchr(d, '.'))
        return false;
    return true;
}

enum err person_email_normalise(struct arena *a, const char *email, const char **out,
                                struct fault *f)
{
    *out = NULL;
    char *e = trimmed(a, email ? email : "");
    size_t n = strlen(e);
    for (size_t i = 0; i < n; i++)
        if (e[i] >= 'A' && e[i] <= 'Z')
            e[i] = (char)(e[i] - 'A' + 'a');
    const char *at = strchr(e, '@');
    bool ok = n > 0 && n <= PERSON_EMAIL_MAX && utf8_valid(e, n) &&
              !utf8_has_controls(e, n, false) && !strchr(e, ' ') && at && at > e && at - e <= 64 &&
              !strchr(at + 1, '@') && domain_ok(at + 1);
    if (!ok)
        return fault_set(f, ERR_INVALID, "email",
                         "Enter an e-mail address such as name@example.nl.", NULL);
    *out = e;
    return ERR_OK;
}

enum err person_name_check(struct arena *a, const char *name, const char **out, struct fault *f)
{
    *out = NULL;
    char *t = trimmed(a, name ? name : "");
    size_t n = strlen(t);
    if (n == 0 || !utf8_valid(t, n) || utf8_has_controls(t, n, false) ||
        utf8_count(t, n) > PERSON_NAME_MAX)
        return fault_set(f, ERR_INVALID, "display_name",
                         "The name must be 1 to 80 characters on one line.", NULL);
    *out = t;
    return ERR_OK;
}

static enum err lang_check(const char *lang, struct fault *f)
{
    if (strcmp(lang, "nl") != 0 && strcmp(lang, "en") != 0)
        return fault_set(f, ERR_INVALID, "lang", "Choose Dutch (nl) or English (en).", NULL);
    return ERR_OK;
}

/* The checks of a sign-up that need no hashing; fills the normalised
 * address and name. */
static enum err check_signup(struct db *db, struct arena *a, const struct person_signup *in,
                             int64_t now, const char **email, const char **name, struct fault *f)
{
    bool has_code = in->invitation_code && *in->invitation_code;
    enum err e = person_email_normalise(a, in->email, email, f);
    if (e == ERR_OK)
        e = person_name_check(a, in->display_name, name, f);
    if (e == ERR_OK)
        e = lang_check(in->lang ? in->lang : "nl", f);
    if (e == ERR_OK)
        e = password_check(in->password, f);
    if (e == ERR_OK && in->invitation_required && !has_code)
        e = fault_set(f, ERR_INVALID, "invitation", "An invitation code is needed to sign up.",
                      NULL);
    if (e == ERR_OK && has_code)
        e = invitation_check(db, in->invitation_code, now, f);
    return e;
}

static enum err insert_person(struct db *db, const char *email, const char *name, const char *hash,
                              const char *lang, int64_t now, int64_t *id, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "INSERT INTO person (email, display_name, password_hash, lang, created_at) "
                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, email);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, hash);
    db_bind_text(st, 4, lang);
    db_bind_int(st, 5, now);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_CONFLICT, "email",
                         "This e-mail address cannot be used for a new account. If it is yours, "
                         "sign in or ask for a new password.",
                         NULL);
    return ERR_OK;
}

enum err person_signup(struct db *db, struct arena *a, const struct person_signup *in,
                       const struct actor *act, int64_t *id, struct fault *f)
{
    const char *email = NULL, *name = NULL, *hash = NULL;
    *id = 0;
    enum err e = check_signup(db, a, in, act->now, &email, &name, f);
    if (e == ERR_OK)
        e = password_hash(a, in->password, &hash, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    int64_t new_id = 0;
    e = insert_person(db, email, name, hash, in->lang ? in->lang : "nl", act->now, &new_id, f);
    struct actor who = *act;
    who.person_id = new_id;
    if (e == ERR_OK && in->invitation_code && *in->invitation_code)
        e = invitation_use(db, in->invitation_code, new_id, &who, f);
    if (e == ERR_OK)
        e = audit_record_private(db, &who, "person.signup", "person", new_id, f);
    if ((e = tx_end(db, own, e, f)) == ERR_OK)
        *id = new_id;
    return e;
}

enum err person_get(struct db *db, struct arena *a, int64_t id, struct person *out, struct fault *f)
{
    memset(out, 0, sizeof *out);
    struct db_stmt *st =
        db_prepare(db, "SELECT id, email, display_name, lang, created_at, erased_at, "
                       "password_hash IS NOT NULL FROM person WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        out->id = db_col_int(st, 0);
        out->email = arena_strdup(a, db_col_text(st, 1));
        out->display_name = arena_strdup(a, db_col_text(st, 2));
        out->lang = arena_strdup(a, db_col_text(st, 3));
        out->created_at = db_col_int(st, 4);
        out->erased_at = db_col_int(st, 5);
        out->has_password = db_col_int(st, 6) != 0;
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_DONE ? fault_set(f, ERR_NOT_FOUND, NULL, "There is no such person.", NULL)
                         : ERR_OK;
}

/* The id and password hash of a live account (*id 0 when there is none). */
static enum err load_secret(struct db *db, struct arena *a, const char *sql, const char *email,
                            int64_t person_id, int64_t *id, const char **hash, struct fault *f)
{
    *id = 0;
    *hash = NULL;
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    if (email)
        db_bind_text(st, 1, email);
    else
        db_bind_int(st, 1, person_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *id = db_col_int(st, 0);
        *hash = arena_strdup(a, db_col_text(st, 1));
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err store_hash(struct db *db, int64_t person_id, const char *hash, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "UPDATE person SET password_hash = ? WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, hash);
    db_bind_int(st, 2, person_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* The rate limit key of an address: as it is when it is plain, else hashed. */
static const char *ip_key(struct arena *a, const char *ip)
{
    size_t n = strlen(ip);
    bool plain = n > 0 && n <= 64;
    for (size_t i = 0; i < n && plain; i++)
        plain = ip[i] > 0x20 && ip[i] < 0x7f;
    return plain ? arena_printf(a, "signin:ip:%s", ip) : ratelimit_key_hash(a, "signin:ip:", ip);
}

/* The rate limit key of an account: its id, or a hash of an address that
 * has no account (never the address itself). */
static const char *account_key(struct arena *a, int64_t id, const char *email)
{
    if (id)
        return arena_printf(a, "signin:acct:%" PRId64, id);
    return ratelimit_key_hash(a, "signin:mail:", email ? email : "");
}

enum err person_authenticate(struct db *db, struct arena *a, const char *email,
                             const char *password, const char *ip, const struct signin_limits *lim,
                             int64_t now, int64_t *person_id, int64_t *retry_after, struct fault *f)
{
    *person_id = 0;
    *retry_after = 0;
    enum err e = ERR_OK;
    if (lim && ip)
        e = ratelimit_hit(db, a, ip_key(a, ip), lim->window_seconds, lim->per_address, now,
                          retry_after, f);
    const char *norm = NULL, *hash = NULL;
    int64_t id = 0;
    if (e == ERR_OK && person_email_normalise(a, email, &norm, NULL) == ERR_OK)
        e = load_secret(db, a,
                        "SELECT id, password_hash FROM person "
                        "WHERE email = ? AND erased_at IS NULL",
                        norm, 0, &id, &hash, f);
    if (e == ERR_OK && lim)
        e = ratelimit_hit(db, a, account_key(a, id, norm), lim->window_seconds, lim->per_account,
                          now, retry_after, f);
    if (e != ERR_OK)
        return e;
    if (!(id ? password_verify(hash, password) : password_verify_dummy(password)))
        return fault_set(f, ERR_UNAUTHORIZED, NULL,
                         "The e-mail address or the password is not right.", NULL);
    if (password_needs_rehash(hash)) {
        const char *fresh;
        e = password_hash(a, password, &fresh, f);
        if (e == ERR_OK)
            e = store_hash(db, id, fresh, f);
        if (e != ERR_OK)
            return e;
    }
    *person_id = id;
    return ERR_OK;
}

/* The checks of a password change, before anything is written. */
static enum err check_change(struct db *db, struct arena *a, int64_t person_id, const char *current,
                             const char *new_password, struct fault *f)
{
    enum err e = password_check(new_password, f);
    if (e != ERR_OK) {
        if (f)
            f->field = "new_password";
        return e;
    }
    int64_t id;
    const char *hash;
    e = load_secret(db, a,
                    "SELECT id, password_hash FROM person WHERE id = ? "
                    "AND erased_at IS NULL",
                    NULL, person_id, &id, &hash, f);
    if (e == ERR_OK && id == 0)
        e = fault_set(f, ERR_NOT_FOUND, NULL, "There is no such person.", NULL);
    if (e == ERR_OK && !password_verify(hash, current))
        e = fault_set(f, ERR_INVALID, "current_password", "The current password is not right.",
                      NULL);
    return e;
}

static enum err void_resets(struct db *db, int64_t person_id, int64_t now, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE password_reset SET used_at = ? WHERE person_id = ? AND used_at IS NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, person_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err person_change_password(struct db *db, struct arena *a, int64_t person_id,
                                const char *current, const char *new_password,
                                int64_t keep_session_id, const struct actor *act, struct fault *f)
{
    const char *hash = NULL;
    enum err e = check_change(db, a, person_id, current, new_password, f);
    if (e == ERR_OK)
        e = password_hash(a, new_password, &hash, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = store_hash(db, person_id, hash, f);
    if (e == ERR_OK)
        e = session_end_others(db, person_id, keep_session_id, act, NULL, f);
    if (e == ERR_OK)
        e = void_resets(db, person_id, act->now, f);
    if (e == ERR_OK)
        e = audit_record_private(db, act, "person.password_change", "person", person_id, f);
    return tx_end(db, own, e, f);
}

static enum err update_profile(struct db *db, int64_t person_id, const char *name, const char *lang,
                               struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "UPDATE person SET display_name = COALESCE(?, display_name), "
                       "lang = COALESCE(?, lang) WHERE id = ? AND erased_at IS NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, name);
    db_bind_text(st, 2, lang);
    db_bind_int(st, 3, person_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) == 0)
        return fault_set(f, ERR_NOT_FOUND, NULL, "There is no such person.", NULL);
    return ERR_OK;
}

enum err person_update_profile(struct db *db, struct arena *a, int64_t person_id,
                               const char *display_name, const char *lang, const struct actor *act,
                               struct fault *f)
{
    const char *name = NULL;
    enum err e = ERR_OK;
    if (display_name)
        e = person_name_check(a, display_name, &name, f);
    if (e == ERR_OK && lang)
        e = lang_check(lang, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = update_profile(db, person_id, name, lang, f);
    if (e == ERR_OK)
        e = audit_record_private(db, act, "person.profile", "person", person_id, f);
    return tx_end(db, own, e, f);
}
