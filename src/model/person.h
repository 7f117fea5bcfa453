/* People and their accounts: sign-up, sign-in, password change, and the
 * personal-data registry behind "download my data" and erasure (GDPR).
 *
 * An e-mail address is stored normalised -- trimmed and with ASCII letters
 * lower-cased -- and every lookup normalises first, so "Ann@Example.NL " and
 * "ann@example.nl" are one account. Passwords follow model/password.h.
 *
 * Writes that span rows run in the caller's transaction when it holds one,
 * otherwise in one of their own (model/tx.h); each records its audit entry
 * in the same transaction. Times come from the caller (actor.now, now). */
#ifndef WIJK_MODEL_PERSON_H
#define WIJK_MODEL_PERSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum { PERSON_EMAIL_MAX = 254, PERSON_NAME_MAX = 80 };

/* What an erased person's display_name becomes. Pages translate it (it is
 * in the catalogs) and may show it for any person whose erased_at is set. */
#define PERSON_ERASED_NAME "Former participant"

struct person {
    int64_t id;
    const char *email; /* NULL once erased */
    const char *display_name;
    const char *lang; /* "nl" or "en" */
    int64_t created_at;
    int64_t erased_at; /* 0: not erased */
    bool has_password;
};

/* The normalised form of an e-mail address (from the arena) when it is
 * acceptable: after trimming white space and lower-casing ASCII letters, at
 * most 254 bytes of valid UTF-8 without spaces or control characters, one
 * '@' with 1..64 bytes before it, and a domain of dot-separated non-empty
 * labels with at least one dot. Otherwise ERR_INVALID, field "email", "Enter
 * an e-mail address such as name@example.nl.". */
enum err person_email_normalise(struct arena *a, const char *email, const char **out,
                                struct fault *f);

/* Whether name is a display name: after trimming, 1 to 80 characters of
 * valid UTF-8 without control characters. ERR_INVALID, field
 * "display_name", otherwise. *out (the trimmed name) is from the arena. */
enum err person_name_check(struct arena *a, const char *name, const char **out, struct fault *f);

struct person_signup {
    const char *email;
    const char *display_name;
    const char *password;
    const char *lang;            /* "nl" or "en"; NULL: "nl" */
    const char *invitation_code; /* NULL or "": none */
    bool invitation_required;    /* refuse a sign-up without a code */
};

/* Creates an account. Everything is checked before anything is written:
 * e-mail, name, language (ERR_INVALID, field "lang"), password rules
 * (password_check), the invitation code when one is given or required
 * (see invitation_check; a missing required one is ERR_INVALID, field
 * "invitation"). ERR_CONFLICT, field "email", when the address already has
 * an account -- the message says no more than that it cannot be used. The
 * person, the use of the invitation and the audit entry "person.signup" are
 * written together. *id gets the new person's id. */
enum err person_signup(struct db *db, struct arena *a, const struct person_signup *in,
                       const struct actor *act, int64_t *id, struct fault *f);

/* Loads a person, erased ones included. ERR_NOT_FOUND when there is none. */
enum err person_get(struct db *db, struct arena *a, int64_t id, struct person *out,
                    struct fault *f);

/* Sign-in limits: at most per_account attempts on one account (or one
 * unknown address) and per_address from one IP address in each window. */
struct signin_limits {
    int window_seconds;
    int per_account;
    int per_address;
};

/* 10 attempts per account and 100 per address in 15 minutes. */
#define SIGNIN_LIMITS_DEFAULT ((struct signin_limits){15 * 60, 10, 100})

/* Checks an e-mail address and password at now. On success *person_id is
 * the person's; a hash made at a lower cost than the one in use is
 * replaced. A wrong password, an unknown or malformed address, an erased
 * account and one without a password all give ERR_UNAUTHORIZED, "The
 * e-mail address or the password is not right.", after the same work: an
 * unknown address is verified against a dummy hash. With lim (may be NULL)
 * each attempt first counts against the address ip (may be NULL) and then
 * against the account ("signin:acct:<id>", or a hash of an unknown address:
 * never the address itself); over a limit gives ERR_RATE_LIMITED with
 * *retry_after set, before the password is looked at. Call it outside a
 * transaction so that attempts count even when they fail. */
enum err person_authenticate(struct db *db, struct arena *a, const char *email,
                             const char *password, const char *ip, const struct signin_limits *lim,
                             int64_t now, int64_t *person_id, int64_t *retry_after,
                             struct fault *f);

/* Changes person_id's password after checking the current one
 * (ERR_INVALID, field "current_password", "The current password is not
 * right.") and the rules for the new one (field "new_password"). Ends every
 * other session of the person (keep_session_id stays; 0 ends all), voids
 * unused password-reset links, records "person.password_change".
 * ERR_NOT_FOUND for an unknown or erased person. */
enum err person_change_password(struct db *db, struct arena *a, int64_t person_id,
                                const char *current, const char *new_password,
                                int64_t keep_session_id, const struct actor *act, struct fault *f);

/* Changes the display name and language (each NULL: unchanged), checked as
 * at sign-up. Records "person.profile". ERR_NOT_FOUND for an unknown or
 * erased person. */
enum err person_update_profile(struct db *db, struct arena *a, int64_t person_id,
                               const char *display_name, const char *lang, const struct actor *act,
                               struct fault *f);

/* ---- personal data (person_data.c) --------------------------------------- */

enum person_data_kind { PERSON_DATA_INT, PERSON_DATA_TEXT };

struct person_data_column {
    const char *name;
    enum person_data_kind kind;
};

/* One row of the registry of personal data: a table and the column in it
 * that points to person(id). Every such (table, column) pair of the schema
 * must be here -- a unit test compares the registry with the schema -- so
 * that export and erasure are complete by construction. */
struct person_data_table {
    const char *table;
    const char *person_column;
    const struct person_data_column *columns; /* exported; ends with {NULL} */
    const char *const *withheld;              /* never exported (hashes); ends with NULL */
    const char *export_sql;                   /* the columns, binding the person id once */
    const char *erase_sql;                    /* binding the person id once; NULL: kept */
};

/* The registry; *n gets its length. Static data. */
const struct person_data_table *person_data_registry(size_t *n);

/* Every row about person_id, from each table of the registry, as a JSON
 * document (from the arena): {"format": "wijkregie-personal-data/1",
 * "person_id": N, "exported_at": now, "tables": [{"table": ..., "column":
 * ..., "rows": [{column: value, ...}, ...]}, ...]}. Hashes of passwords and
 * tokens are left out. ERR_NOT_FOUND when there is no such person. The
 * caller has re-authenticated the person. */
enum err person_export_json(struct db *db, struct arena *a, int64_t person_id, int64_t now,
                            const char **json, struct fault *f);

/* Erases person_id: every registry table gives up its rows about the person
 * (sessions, reset links and mails deleted; invitation notes cleared and
 * the person's unused invitations voided; the audit log keeps its rows,
 * which hold no personal text), and the person row is anonymised: e-mail
 * and password hash cleared, display name PERSON_ERASED_NAME, erased_at
 * set. Their contributions stay, shown as from a former participant.
 * Records "person.erase". ERR_NOT_FOUND for an unknown person, ERR_CONFLICT
 * when already erased. The caller has re-authenticated the person. */
enum err person_erase(struct db *db, int64_t person_id, const struct actor *act, struct fault *f);

#endif
