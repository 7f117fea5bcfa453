/* Cryptographic randomness (libsodium). Call random_init() once at start. */
#ifndef WIJK_CORE_RANDOM_H
#define WIJK_CORE_RANDOM_H

#include <stddef.h>
#include <stdint.h>

struct arena;

/* Initialises libsodium; aborts when it cannot. Safe to call twice. */
void random_init(void);

void random_bytes(void *out, size_t n);

/* n random bytes as 2n lower-case hex characters, from the arena. */
char *random_hex(struct arena *a, size_t n);

/* Uniform in [0, upper). */
uint32_t random_below(uint32_t upper);

#endif
