/* The server's secret (table server_key, migration 0004): 32 random bytes
 * shared by every server process on one database, so that a CSRF token one
 * process made is accepted by all of them. The first process to start
 * creates it; the others read what is there. It is kept as 64 lower-case hex
 * digits and handed to callers as the raw bytes. */
#ifndef WIJK_MODEL_SERVER_KEY_H
#define WIJK_MODEL_SERVER_KEY_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct db;

enum { SERVER_KEY_BYTES = 32 };

/* Makes sure the secret exists and reads it into out: inserts a fresh
 * random one at now unless a row is there already (INSERT ... ON CONFLICT DO
 * NOTHING, so two processes starting at once agree on one), then reads the
 * row back. ERR_INTERNAL, "The server key in the database is damaged.",
 * when the stored value is not 64 hex digits; database errors as db_fault. */
enum err server_key_load(struct db *db, int64_t now, unsigned char out[static SERVER_KEY_BYTES],
                         struct fault *f);

#endif
