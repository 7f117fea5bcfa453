/* Fixed-window rate limits in the database (see ratelimit.h). A hit is one
 * INSERT ... ON CONFLICT DO UPDATE ... RETURNING count, which both SQLite and
 * PostgreSQL run atomically, so concurrent hits from several processes are
 * all counted without a read-modify-write race. */
#include "model/ratelimit.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"

static _Noreturn void bad_call(const char *what)
{
    fprintf(stderr, "ratelimit: %s (a programming error)\n", what);
    abort();
}

static bool key_ok(const char *key)
{
    size_t n = key ? strlen(key) : 0;
    if (n == 0 || n > RATELIMIT_KEY_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (key[i] < 0x21 || key[i] > 0x7e)
            return false;
    return true;
}

enum err ratelimit_prune(struct db *db, int64_t before, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "DELETE FROM rate_limit WHERE window_start < ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, before);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* Counts the hit; *count gets the window's count including it. */
static enum err count_hit(struct db *db, const char *key, int64_t window_start, int64_t *count,
                          struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "INSERT INTO rate_limit (key, window_start, count) VALUES (?, ?, 1) "
                       "ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit.count + 1 "
                       "RETURNING count");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, key);
    db_bind_int(st, 2, window_start);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *count = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? ERR_OK : db_fault(db, f);
}

static enum err too_many(struct arena *a, int64_t retry_after, struct fault *f)
{
    if (retry_after >= 120)
        return fault_set(f, ERR_RATE_LIMITED, NULL, "Too many attempts; try again in %s minutes.",
                         arena_printf(a, "%lld", (long long)((retry_after + 59) / 60)), NULL);
    return fault_set(f, ERR_RATE_LIMITED, NULL, "Too many attempts; try again in %s seconds.",
                     arena_printf(a, "%lld", (long long)retry_after), NULL);
}

enum err ratelimit_hit(struct db *db, struct arena *a, const char *key, int window_seconds,
                       int limit, int64_t now, int64_t *retry_after, struct fault *f)
{
    *retry_after = 0;
    if (!key_ok(key))
        bad_call("malformed key");
    if (window_seconds < 1 || window_seconds > RATELIMIT_MAX_WINDOW || limit < 1)
        bad_call("window or limit out of range");
    int64_t window_start = now - (now % window_seconds + window_seconds) % window_seconds;
    int64_t count = 0;
    enum err e = count_hit(db, key, window_start, &count, f);
    if (e != ERR_OK)
        return e;
    if (count == 1) {
        e = ratelimit_prune(db, now - 2 * (int64_t)RATELIMIT_MAX_WINDOW, f);
        if (e != ERR_OK)
            return e;
    }
    if (count <= limit)
        return ERR_OK;
    *retry_after = window_start + window_seconds - now;
    return too_many(a, *retry_after, f);
}

const char *ratelimit_key_hash(struct arena *a, const char *prefix, const char *value)
{
    unsigned char h[16];
    char hex[2 * sizeof h + 1];
    crypto_generichash(h, sizeof h, (const unsigned char *)value, strlen(value), NULL, 0);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return arena_printf(a, "%s%s", prefix, hex);
}
