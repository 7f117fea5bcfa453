/* Secrets handed out once -- session tokens, password-reset tokens -- and
 * the hashes that are stored in their place. A token is 32 random bytes as
 * URL-safe base64 without padding (43 characters, fit for a cookie or a
 * link); its hash is BLAKE2b-256 (crypto_generichash) of the token's text,
 * as 64 lower-case hex digits. Only the hash reaches the database. */
#ifndef WIJK_MODEL_TOKEN_H
#define WIJK_MODEL_TOKEN_H

#include <stdbool.h>

struct arena;

enum { TOKEN_BYTES = 32, TOKEN_CHARS = 43, TOKEN_HASH_HEX = 64 };

/* A fresh random token, from the arena. */
const char *token_new(struct arena *a);

/* True when s has the shape of a token (43 characters of [A-Za-z0-9_-]):
 * anything else is refused before a database lookup. */
bool token_well_formed(const char *s);

/* The hex hash of text (any text: tokens, invitation codes), into out. */
void token_hash(const char *text, char out[static TOKEN_HASH_HEX + 1]);

/* Codes a person types (invitation codes, residency letter codes): chars
 * Crockford base32 digits (a multiple of 8, at most TOKEN_CODE_MAX) from
 * chars * 5 / 8 random bytes, in groups of four joined by '-', from the
 * arena. */
enum { TOKEN_CODE_MAX = 64 };
const char *token_code_new(struct arena *a, int chars);

/* The hash of a typed code's canonical form (upper case, without '-' and
 * spaces, O read as 0, I and L as 1) into hash; false when code cannot be a
 * code of exactly chars digits. */
bool token_code_hash(const char *code, int chars, char hash[static TOKEN_HASH_HEX + 1]);

#endif
