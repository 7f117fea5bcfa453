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

#endif
