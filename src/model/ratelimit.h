/* Rate limits: fixed-window counters in the rate_limit table, so that every
 * server process behind a load balancer counts against the same numbers.
 *
 * A key names what is counted: "signin:acct:<person id>",
 * "signin:ip:<address>", "write:session:<session id>". A key never holds an
 * e-mail address or other personal text; ratelimit_key_hash() turns such a
 * value into a hash fit for a key. */
#ifndef WIJK_MODEL_RATELIMIT_H
#define WIJK_MODEL_RATELIMIT_H

#include <stdint.h>

#include "core/err.h"

struct arena;
struct db;

/* The longest window a limit may use; rows of windows that ended longer ago
 * than this are pruned. */
enum { RATELIMIT_MAX_WINDOW = 24 * 3600, RATELIMIT_KEY_MAX = 200 };

/* Counts one hit on key in the window of window_seconds (1..RATELIMIT_MAX_
 * WINDOW) that holds now, with one atomic upsert. When the window's count
 * is over limit (> limit hits): ERR_RATE_LIMITED, "Too many attempts; try
 * again in %s seconds." (or "... %s minutes.", rounded up, from two minutes
 * on), with *retry_after the seconds until the window ends (the number for
 * a Retry-After header). Otherwise ERR_OK and *retry_after 0. The fault's
 * argument comes from the arena. A key that is empty, longer than
 * RATELIMIT_KEY_MAX or not printable ASCII, a window out of range or a limit
 * below 1 is a programming error and aborts.
 *
 * The first hit of a new window also prunes every key's windows that ended
 * more than RATELIMIT_MAX_WINDOW ago. Each statement commits on its own when
 * the caller holds no transaction; call it outside one, so that a hit counts
 * even when the caller's work fails. */
enum err ratelimit_hit(struct db *db, struct arena *a, const char *key, int window_seconds,
                       int limit, int64_t now, int64_t *retry_after, struct fault *f);

/* Deletes the windows that started before `before`. */
enum err ratelimit_prune(struct db *db, int64_t before, struct fault *f);

/* prefix followed by the hex BLAKE2b-128 hash of value, from the arena:
 * ratelimit_key_hash(a, "signin:mail:", email). */
const char *ratelimit_key_hash(struct arena *a, const char *prefix, const char *value);

#endif
