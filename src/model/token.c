/* One-time secrets and their stored hashes (see token.h). */
#include "model/token.h"

#include <sodium.h>
#include <stdlib.h>
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

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const char *token_code_new(struct arena *a, int chars)
{
    if (chars <= 0 || chars > TOKEN_CODE_MAX || chars % 8 != 0)
        abort(); /* a programming error: codes are whole groups of 5 bytes */
    int nbytes = chars * 5 / 8;
    unsigned char raw[TOKEN_CODE_MAX * 5 / 8];
    random_bytes(raw, (size_t)nbytes);
    char *out = arena_alloc(a, (size_t)(chars + chars / 4));
    size_t j = 0;
    for (int i = 0; i < chars; i++) {
        int bit = i * 5, byte = bit / 8, shift = bit % 8;
        unsigned v = (unsigned)raw[byte] << 8 | (byte + 1 < nbytes ? raw[byte + 1] : 0);
        if (i > 0 && i % 4 == 0)
            out[j++] = '-';
        out[j++] = crockford[(v >> (11 - shift)) & 31];
    }
    out[j] = '\0';
    return out;
}

bool token_code_hash(const char *code, int chars, char hash[static TOKEN_HASH_HEX + 1])
{
    char canon[TOKEN_CODE_MAX + 1];
    int n = 0;
    for (const char *p = code ? code : ""; *p; p++) {
        char c = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
        if (c == '-' || c == ' ')
            continue;
        c = c == 'O' ? '0' : c == 'I' || c == 'L' ? '1' : c;
        if (n == chars || n == TOKEN_CODE_MAX || !strchr(crockford, c))
            return false;
        canon[n++] = c;
    }
    canon[n] = '\0';
    if (n != chars)
        return false;
    token_hash(canon, hash);
    return true;
}
