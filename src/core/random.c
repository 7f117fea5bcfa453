/* Cryptographic randomness from libsodium: session ids, CSRF tokens, letter
 * codes and anything else an attacker must not guess. There is no fallback
 * to a weaker generator: if libsodium cannot start, the server must not. */
#include "core/random.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/arena.h"

/* sodium_init() returns 1 when it already ran, which is fine. */
void random_init(void)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "random_init: libsodium could not be initialised\n");
        abort();
    }
}

void random_bytes(void *out, size_t n)
{
    if (n)
        randombytes_buf(out, n);
}

char *random_hex(struct arena *a, size_t n)
{
    if (n > (SIZE_MAX - 1) / 2) {
        fprintf(stderr, "random_hex: size overflow\n");
        abort();
    }
    unsigned char *raw = arena_alloc(a, n);
    char *hex = arena_alloc(a, 2 * n + 1);
    random_bytes(raw, n);
    sodium_bin2hex(hex, 2 * n + 1, raw, n);
    sodium_memzero(raw, n);
    return hex;
}

/* An empty range has no member to return: upper == 0 is a bug and aborts.
 * randombytes_uniform() rejects biased draws, so every value is equally
 * likely. */
uint32_t random_below(uint32_t upper)
{
    if (upper == 0) {
        fprintf(stderr, "random_below: empty range [0, 0)\n");
        abort();
    }
    return randombytes_uniform(upper);
}
