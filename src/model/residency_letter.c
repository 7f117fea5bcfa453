/* Letters with one-time residency codes (see residency.h). A code is 80
 * random bits written as 16 digits of Crockford's base32 in groups of four,
 * so that it survives being read off paper and typed back; only the
 * BLAKE2b hash of its canonical form is stored. Redeeming reads the letter
 * to tell unknown, used and expired apart, then decides with two
 * conditional UPDATEs -- the letter still unused and unexpired, the
 * person's request still open -- so that one code verifies one request. */
#include "model/residency.h"

#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/token.h"
#include "model/tx.h"

enum { CODE_CHARS = 16 }; /* 80 bits */

/* A letter code as typed back, hashed; false when it cannot be one. */
static bool code_hash(const char *code, char hash[static TOKEN_HASH_HEX + 1])
{
    return token_code_hash(code, CODE_CHARS, hash);
}

static enum err check_addresses(const char *const *addresses, int n, struct fault *f)
{
    bool ok = addresses && n >= 1 && n <= RESIDENCY_LETTERS_MAX;
    for (int i = 0; ok && i < n; i++) {
        size_t len = addresses[i] ? strlen(addresses[i]) : 0;
        ok = len > 0 && utf8_valid(addresses[i], len) &&
             !utf8_has_controls(addresses[i], len, false) &&
             utf8_count(addresses[i], len) <= RESIDENCY_ADDRESS_MAX;
    }
    return ok ? ERR_OK
              : fault_set(f, ERR_INVALID, "addresses",
                          "Give 1 to 2000 addresses, each on one line of at most 200 characters.",
                          NULL);
}

/* Whether act may print letters for buurt: the console, or a municipality
 * admin of its gemeente. */
static enum err may_print(struct db *db, const char *buurt, const struct actor *act,
                          struct fault *f)
{
    if (capacity_is_console(act))
        return ERR_OK;
    enum capacity cap;
    bool admin = false;
    enum err e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK)
        e = capacity_buurt_admin(db, buurt, act->person_id, &admin, f);
    if (e == ERR_OK)
        e = capacity_authorise(ACT_RESIDENCY_PRINT_LETTERS, cap, admin ? REL_MEMBER : REL_OTHER, f);
    return e;
}

static enum err insert_letter(struct db *db, const char *hash, const char *buurt,
                              const char *address, const struct actor *act, int64_t *id,
                              struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "INSERT INTO residency_letter (code_hash, buurt_code, address, created_by, "
                       "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, hash);
    db_bind_text(st, 2, buurt);
    db_bind_text(st, 3, address);
    if (act->person_id > 0)
        db_bind_int(st, 4, act->person_id);
    else
        db_bind_null(st, 4);
    db_bind_int(st, 5, act->now);
    db_bind_int(st, 6, act->now + RESIDENCY_LETTER_TTL);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? ERR_OK : db_fault(db, f);
}

static enum err record_batch(struct db *db, const char *buurt, int n, const struct actor *act,
                             struct fault *f)
{
    json_t *detail = json_pack("{s:i}", "letters", n);
    struct audit_entry entry = {.at = act->now,
                                .person_id = act->person_id,
                                .capacity = act->capacity,
                                .action = "residency.print_letters",
                                .object_type = "area",
                                .object_id = buurt,
                                .area_code = buurt,
                                .request_id = act->request_id,
                                .detail = detail};
    enum err e = audit_record(db, &entry, f);
    json_decref(detail);
    return e;
}

static enum err write_batch(struct db *db, struct arena *a, const char *buurt,
                            const char *const *addresses, int n, const struct actor *act,
                            struct residency_letter_code *codes, struct fault *f)
{
    enum err e = ERR_OK;
    for (int i = 0; i < n && e == ERR_OK; i++) {
        char hash[TOKEN_HASH_HEX + 1];
        codes[i].address = arena_strdup(a, addresses[i]);
        codes[i].code = token_code_new(a, CODE_CHARS);
        code_hash(codes[i].code, hash);
        e = insert_letter(db, hash, buurt, addresses[i], act, &codes[i].letter_id, f);
    }
    return e == ERR_OK ? record_batch(db, buurt, n, act, f) : e;
}

enum err residency_letters_create(struct db *db, struct arena *a, const char *buurt_code,
                                  const char *const *addresses, int n, const struct actor *act,
                                  struct residency_letter_code **out, struct fault *f)
{
    *out = NULL;
    const char *gemeente;
    enum err e = check_addresses(addresses, n, f);
    if (e == ERR_OK)
        e = capacity_buurt_gemeente(db, a, buurt_code, &gemeente, f);
    if (e == ERR_OK)
        e = may_print(db, buurt_code, act, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    struct residency_letter_code *codes = arena_array(a, (size_t)n, sizeof *codes);
    e = tx_end(db, own, write_batch(db, a, buurt_code, addresses, n, act, codes, f), f);
    if (e == ERR_OK)
        *out = codes;
    return e;
}

/* The letter of hash when it can be used at now: its id and buurt. */
static enum err find_letter(struct db *db, struct arena *a, const char *hash, int64_t now,
                            int64_t *id, const char **buurt, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT id, buurt_code, used_at, expires_at FROM residency_letter WHERE code_hash = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, hash);
    enum db_rc rc = db_step(st);
    bool used = false, expired = false;
    if (rc == DB_ROW) {
        *id = db_col_int(st, 0);
        *buurt = arena_strdup(a, db_col_text(st, 1));
        used = !db_col_is_null(st, 2);
        expired = db_col_int(st, 3) <= now;
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_NOT_FOUND, "code", "This code is not valid.", NULL);
    if (used)
        return fault_set(f, ERR_CONFLICT, "code", "This code has already been used.", NULL);
    if (expired)
        return fault_set(f, ERR_CONFLICT, "code", "This code has expired; ask for a new one.",
                         NULL);
    return ERR_OK;
}

static enum err use_letter(struct db *db, int64_t letter_id, const struct actor *act,
                           struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "UPDATE residency_letter SET used_by = ?, used_at = ? "
                                        "WHERE id = ? AND used_at IS NULL AND expires_at > ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->person_id);
    db_bind_int(st, 2, act->now);
    db_bind_int(st, 3, letter_id);
    db_bind_int(st, 4, act->now);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) == 0)
        return fault_set(f, ERR_CONFLICT, "code", "This code has already been used.", NULL);
    return audit_record_private(db, act, "residency.redeem_code", "residency_letter", letter_id, f);
}

/* Verifies act's open request in buurt; *id gets it. */
static enum err verify_request(struct db *db, const char *buurt, const struct actor *act,
                               int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE residency SET status = 'verified', method = 'letter', verified_at = ?, "
            "start_at = ? WHERE person_id = ? AND buurt_code = ? AND status = 'requested' "
            "RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->now);
    db_bind_int(st, 2, act->now);
    db_bind_int(st, 3, act->person_id);
    db_bind_text(st, 4, buurt);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_CONFLICT, "code",
                         "This code is for a buurt where you have not asked to be a resident. "
                         "Ask for residency in the buurt on the letter first.",
                         NULL);
    return audit_record_private(db, act, "residency.verify", "residency", *id, f);
}

static enum err redeem(struct db *db, const char *hash, const struct actor *act, int64_t *id,
                       struct fault *f)
{
    struct arena *a = arena_new();
    int64_t letter_id = 0;
    const char *buurt = NULL;
    enum err e = find_letter(db, a, hash, act->now, &letter_id, &buurt, f);
    if (e == ERR_OK)
        e = use_letter(db, letter_id, act, f);
    if (e == ERR_OK)
        e = verify_request(db, buurt, act, id, f);
    arena_free(a);
    return e;
}

enum err residency_redeem(struct db *db, const char *code, const struct actor *act,
                          int64_t *residency_id, struct fault *f)
{
    char hash[TOKEN_HASH_HEX + 1];
    enum capacity cap;
    enum err e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK)
        e = capacity_authorise(ACT_RESIDENCY_REDEEM_CODE, cap, REL_OWN, f);
    if (e == ERR_OK && !code_hash(code, hash))
        e = fault_set(f, ERR_NOT_FOUND, "code", "This code is not valid.", NULL);
    int64_t id = 0;
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = tx_end(db, own, redeem(db, hash, act, &id, f), f);
    if (e == ERR_OK && residency_id)
        *residency_id = id;
    return e;
}
