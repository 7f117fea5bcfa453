/* Passwords: the rules a new password must meet, and Argon2id hashing
 * through libsodium (crypto_pwhash_str).
 *
 * A password is 12 to 128 characters (code points of valid UTF-8) and is not
 * one of the common passwords shipped in data/common-passwords.txt (compared
 * case-insensitively). The list is built into the binary and turned into a
 * sorted array once, by password_init(); no lookup reads a file.
 *
 * The hashing cost is chosen once, by password_init(): OPSLIMIT_MODERATE /
 * MEMLIMIT_MODERATE, unless the environment variable WIJKREGIE_FAST_HASH is
 * "1" -- a hook for tests only, which logs a warning. Hashes made at a lower
 * cost than the one in use report needs_rehash and are upgraded at the next
 * sign-in, so a server started once by mistake with the hook heals itself.
 *
 * After password_init() the module's state never changes, so every function
 * here is safe to call from any thread. */
#ifndef WIJK_MODEL_PASSWORD_H
#define WIJK_MODEL_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct arena;

enum { PASSWORD_MIN_CHARS = 12, PASSWORD_MAX_CHARS = 128 };

/* An Argon2id cost: libsodium's opslimit and memlimit (bytes). */
struct password_cost {
    unsigned long long opslimit;
    size_t memlimit;
};

/* OPSLIMIT_MODERATE / MEMLIMIT_MODERATE (3 passes over 256 MiB). */
extern const struct password_cost password_cost_production;
/* The cheapest cost libsodium allows: for tests only. */
extern const struct password_cost password_cost_fast;

/* Initialises libsodium, reads WIJKREGIE_FAST_HASH, builds the common
 * password table and a dummy hash for password_verify_dummy(). The CLI and
 * the server call it once at start; later calls do nothing, and every other
 * function of this module calls it too, so forgetting it costs only the
 * first caller's time. Aborts when the embedded list is missing or libsodium
 * cannot hash (a broken build). */
void password_init(void);

/* The cost a value of WIJKREGIE_FAST_HASH selects: password_cost_fast for
 * "1", password_cost_production for anything else, NULL included. Pure;
 * password_init() applies it to getenv's value. */
const struct password_cost *password_cost_for(const char *fast_hash_env);

/* The cost in use. */
const struct password_cost *password_cost(void);

/* Whether a new password meets the rules. ERR_INVALID with field "password"
 * and "The password must be 12 to 128 characters long.", "The password is
 * not valid text." (invalid UTF-8, or a NUL) or "This password is too
 * common; choose another.". NULL counts as empty. */
enum err password_check(const char *password, struct fault *f);

/* True when password is on the common list, ignoring ASCII case. */
bool password_is_common(const char *password);

/* The number of entries in the common password list (at least 10,000). */
size_t password_common_count(void);

/* Hashes password at the cost in use into an encoded Argon2id string from
 * the arena ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"). Does not check
 * the rules (see password_check). ERR_INTERNAL when libsodium cannot
 * allocate the memory the cost needs. */
enum err password_hash(struct arena *a, const char *password, const char **hash, struct fault *f);

/* True when password matches hash (Argon2id, or Argon2i from an older
 * setting, which password_needs_rehash then reports). A NULL hash or one of
 * another kind never matches but still costs one verification, so callers
 * take the same time. */
bool password_verify(const char *hash, const char *password);

/* Runs a verification against a hash of a random password, at the cost in
 * use, and returns false: what a sign-in with an unknown e-mail address does
 * so that it takes as long as one with a known address. */
bool password_verify_dummy(const char *password);

/* True when hash is not Argon2id, is malformed, or was made with a lower
 * opslimit or memlimit than c. */
bool password_needs_rehash_at(const char *hash, const struct password_cost *c);

/* password_needs_rehash_at with the cost in use. */
bool password_needs_rehash(const char *hash);

#endif
