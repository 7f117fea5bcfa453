/* The server's secret: created once per database, read by every process at
 * start (see server_key.h). */
#include "model/server_key.h"

#include <sodium.h>
#include <stdbool.h>
#include <string.h>

#include "core/random.h"
#include "db/db.h"

static enum err insert_fresh(struct db *db, int64_t now, struct fault *f)
{
    unsigned char raw[SERVER_KEY_BYTES];
    char hex[2 * SERVER_KEY_BYTES + 1];
    random_bytes(raw, sizeof raw);
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    struct db_stmt *st = db_prepare(db, "INSERT INTO server_key (id, secret, created_at)"
                                        " VALUES (1, ?, ?) ON CONFLICT DO NOTHING");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, hex);
    db_bind_int(st, 2, now);
    enum db_rc rc = db_step(st);
    db_done(st);
    sodium_memzero(hex, sizeof hex);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* The stored secret as bytes; ERR_INTERNAL when it is missing or damaged. */
static enum err read_back(struct db *db, unsigned char out[static SERVER_KEY_BYTES],
                          struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT secret FROM server_key WHERE id = 1");
    if (!st)
        return db_fault(db, f);
    enum db_rc rc = db_step(st);
    bool ok = false;
    if (rc == DB_ROW) {
        const char *hex = db_col_text(st, 0);
        size_t len = 0;
        ok = hex && strlen(hex) == 2 * SERVER_KEY_BYTES &&
             sodium_hex2bin(out, SERVER_KEY_BYTES, hex, strlen(hex), NULL, &len, NULL) == 0 &&
             len == SERVER_KEY_BYTES;
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (!ok)
        return fault_set(f, ERR_INTERNAL, NULL, "The server key in the database is damaged.", NULL);
    return ERR_OK;
}

enum err server_key_load(struct db *db, int64_t now, unsigned char out[static SERVER_KEY_BYTES],
                         struct fault *f)
{
    enum err e = insert_fresh(db, now, f);
    return e != ERR_OK ? e : read_back(db, out, f);
}
