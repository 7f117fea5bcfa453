/* One-time secrets and their stored hashes (see token.h). */
#include "model/token.h"

#include <sodium.h>
#include <string.h>

#include "core/arena.h"
#include "core/random.h"

const char *token_new(struct arena *a)
{
    unsigned char raw[TOKEN_BYTES];
    char *out = arena_alloc(a, TOKEN_CHARS + 1);
    random_bytes(raw, sizeof raw);
    sodium_bin2base64(out, TOKEN_CHARS + 1, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    return out;
}

bool token_well_formed(const char *s)
{
    if (!s || strlen(s) != TOKEN_CHARS)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '_'))
            return false;
    return true;
}

void token_hash(const char *text, char out[static TOKEN_HASH_HEX + 1])
{
    unsigned char h[TOKEN_HASH_HEX / 2];
    crypto_generichash(h, sizeof h, (const unsigned char *)text, strlen(text), NULL, 0);
    sodium_bin2hex(out, TOKEN_HASH_HEX + 1, h, sizeof h);
}
