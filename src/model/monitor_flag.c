/* The monitor's two writes (see monitor.h): a municipality admin flags a
 * buurt as vulnerable for the early warning, and a person gives (or takes
 * back) the voluntary age group that the representativeness indicator I14
 * counts. Both ask first and audit in the same transaction. */
#include "model/monitor.h"

#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/area.h"
#include "model/capacity.h"
#include "model/tx.h"
#include "policy/policy.h"

#define N_(msgid) (msgid)

enum { FLAG_REASON_MAX = 500 };

/* Whether act may flag buurt_code: the policy, asked with MEMBER when act
 * is an admin of the buurt's gemeente. */
static enum err may_flag(struct db *db, const struct actor *act, const char *buurt_code,
                         struct fault *f)
{
    if (capacity_is_console(act))
        return ERR_OK;
    enum capacity cap;
    enum err e = capacity_of_actor(db, act, &cap, f);
    bool admin = false;
    if (e == ERR_OK && cap == CAP_MUNI_ADMIN)
        e = capacity_buurt_admin(db, buurt_code, act->person_id, &admin, f);
    if (e != ERR_OK)
        return e;
    return capacity_authorise(ACT_AREA_FLAG_VULNERABLE, cap, admin ? REL_MEMBER : REL_OTHER, f);
}

static enum err check_buurt(struct db *db, const char *code, struct fault *f)
{
    enum area_kind kind = 0;
    if (!code || !area_code_valid(code, &kind) || kind != AREA_BUURT)
        return fault_set(f, ERR_INVALID, "area", N_("Only a buurt can be flagged as vulnerable."),
                         NULL);
    struct arena *a = arena_new();
    struct area ar;
    enum err e = area_get(db, a, code, &ar, f);
    arena_free(a);
    if (e == ERR_NOT_FOUND)
        f->field = "area";
    return e;
}

static enum err check_reason(const char *reason, struct fault *f)
{
    size_t n = reason ? strlen(reason) : 0, blank = 0;
    while (blank < n && strchr(" \t\r\n", reason[blank]))
        blank++;
    if (blank == n || !utf8_valid(reason, n) || utf8_has_controls(reason, n, true) ||
        utf8_count(reason, n) > FLAG_REASON_MAX)
        return fault_set(f, ERR_INVALID, "reason",
                         N_("Say why the buurt is vulnerable, in at most 500 characters."), NULL);
    return ERR_OK;
}

static enum err write_flag(struct db *db, const struct actor *act, const char *code, bool flagged,
                           const char *reason, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, flagged ? "INSERT INTO area_vulnerable_flag (area_code, reason, flagged_by, "
                      "flagged_at) VALUES (?, ?, ?, ?) ON CONFLICT (area_code) DO UPDATE SET "
                      "reason = excluded.reason, flagged_by = excluded.flagged_by, flagged_at = "
                      "excluded.flagged_at"
                    : "DELETE FROM area_vulnerable_flag WHERE area_code = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, code);
    if (flagged) {
        db_bind_text(st, 2, reason);
        if (act->person_id > 0)
            db_bind_int(st, 3, act->person_id);
        else
            db_bind_null(st, 3);
        db_bind_int(st, 4, act->now);
    }
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc != DB_DONE)
        return db_fault(db, f);
    struct audit_entry entry = {.at = act->now,
                                .person_id = act->person_id,
                                .capacity = act->capacity,
                                .action = flagged ? "area.flag_vulnerable" : "area.unflag_vulnerable",
                                .object_type = "area",
                                .object_id = code,
                                .area_code = code,
                                .request_id = act->request_id,
                                .is_public = true};
    return audit_record(db, &entry, f);
}

enum err monitor_flag_vulnerable(struct db *db, const struct actor *act, const char *buurt_code,
                                 bool flagged, const char *reason, struct fault *f)
{
    enum err e = check_buurt(db, buurt_code, f);
    if (e == ERR_OK)
        e = may_flag(db, act, buurt_code, f);
    if (e == ERR_OK && flagged)
        e = check_reason(reason, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = write_flag(db, act, buurt_code, flagged, reason, f);
    return tx_end(db, own, e, f);
}

enum err monitor_age_group_get(struct db *db, struct arena *a, int64_t person_id,
                               const char **group, struct fault *f)
{
    *group = NULL;
    struct db_stmt *st =
        db_prepare(db, "SELECT age_group FROM person_age_group WHERE person_id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *group = db_col_text_dup(st, 0, a);
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? ERR_OK : db_fault(db, f);
}

enum err monitor_age_group_set(struct db *db, const struct actor *act, const char *group,
                               struct fault *f)
{
    bool clear = !group || !*group;
    if (act->person_id <= 0)
        return fault_set(f, ERR_UNAUTHORIZED, NULL, N_("Sign in first."), NULL);
    if (!clear && !monitor_age_group_name(group))
        return fault_set(f, ERR_INVALID, "age_group", N_("Choose one of the age groups."), NULL);
    bool own;
    enum err e = tx_begin(db, &own, f);
    if (e != ERR_OK)
        return e;
    struct db_stmt *st = db_prepare(
        db, clear ? "DELETE FROM person_age_group WHERE person_id = ?"
                  : "INSERT INTO person_age_group (person_id, age_group, updated_at) VALUES "
                    "(?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET age_group = "
                    "excluded.age_group, updated_at = excluded.updated_at");
    if (!st)
        e = db_fault(db, f);
    if (st) {
        db_bind_int(st, 1, act->person_id);
        if (!clear) {
            db_bind_text(st, 2, group);
            db_bind_int(st, 3, act->now);
        }
        enum db_rc rc = db_step(st);
        db_done(st);
        e = rc == DB_DONE ? ERR_OK : db_fault(db, f);
    }
    if (e == ERR_OK)
        e = audit_record_private(db, act, "person.age_group", "person", act->person_id, f);
    return tx_end(db, own, e, f);
}
