/* Hour pledges (see hours.h): who may act for an organisation's hours,
 * making and withdrawing a pledge, and the helpers of hours_book.h that
 * the ledger shares. Withdrawing is a conditional UPDATE on status =
 * 'active' that also locks the row, so a racing log waits for it and then
 * finds the pledge withdrawn (hours_lock_active). */
#include "model/hours.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "model/area.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/hours_book.h"
#include "model/initiative.h"
#include "model/pledge.h"
#include "model/schedule.h"
#include "model/tx.h"

static const char *const work_kinds[] = {"coaching", "connecting", "practical", "other", NULL};

const char *const *hours_work_kinds(void)
{
    return work_kinds;
}

int64_t hours_over_delivered(const struct hours_balance *b)
{
    int64_t over = b->delivered - b->pledged;
    return over > 0 ? over : 0;
}

bool hours_day(const char *date, int64_t *day)
{
    int64_t t;
    if (!date || strlen(date) != 10 || !clock_parse_date(date, &t))
        return false;
    *day = t / 86400;
    return true;
}

int64_t hours_today(const struct actor *act, char out[static 11])
{
    int64_t day;
    int minute;
    schedule_local(act->now, &day, &minute);
    schedule_day_text(day, out);
    return day;
}

/* MEMBER when act's capacity (professional or organisation admin) is held
 * for organisation_id: qualified by it, or unqualified and held there. */
static enum err org_relation(struct db *db, const struct actor *act, enum capacity cap,
                             int64_t organisation_id, enum relation *rel, struct fault *f)
{
    *rel = REL_OTHER;
    if (cap != CAP_PROFESSIONAL && cap != CAP_ORG_ADMIN)
        return ERR_OK;
    char want[48];
    snprintf(want, sizeof want, "%" PRId64, organisation_id);
    const char *q = capacity_qualifier(act);
    if (q && strcmp(q, want) != 0)
        return ERR_OK;
    char held[96];
    snprintf(held, sizeof held, "%s:%s", policy_capacity_name(cap), want);
    bool may = false;
    enum err e = capacity_may_act(db, act->person_id, held, &may, f);
    if (e == ERR_OK && may)
        *rel = REL_MEMBER;
    return e;
}

enum err hours_verdict(struct db *db, int64_t organisation_id, enum action action,
                       const struct actor *act, struct fault *f)
{
    if (capacity_is_console(act))
        return ERR_OK;
    enum capacity cap;
    enum relation rel;
    enum err e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK)
        e = org_relation(db, act, cap, organisation_id, &rel, f);
    return e == ERR_OK ? capacity_authorise(action, cap, rel, f) : e;
}

enum err hours_authorise(struct db *db, int64_t organisation_id, enum action action,
                         const struct actor *act, struct fault *f)
{
    return hours_verdict(db, organisation_id, action, act, f);
}

enum err hours_audit(struct db *db, struct arena *a, const struct actor *act, const char *action,
                     int64_t pledge_id, const char *area_code, json_t *detail, struct fault *f)
{
    struct audit_entry entry = {
        .at = act->now,
        .person_id = act->person_id,
        .capacity = act->capacity,
        .action = action,
        .object_type = "hour_pledge",
        .object_id = arena_printf(a, "%" PRId64, pledge_id),
        .area_code = area_code,
        .request_id = act->request_id,
        .is_public = true,
        .detail = detail,
    };
    return audit_record(db, &entry, f);
}

enum err hours_lock_active(struct db *db, int64_t pledge_id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE hour_pledge SET status = 'active' WHERE id = ? AND status = 'active'");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, pledge_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) == 1)
        return ERR_OK;
    return fault_set(f, ERR_CONFLICT, NULL,
                     "This pledge of hours has been withdrawn; it takes no more hours.", NULL);
}

/* The period's own rules: two dates, in order, at most about ten years. */
static enum err period_check(const char *starts_on, const char *ends_on, struct fault *f)
{
    int64_t from, to;
    if (!hours_day(starts_on, &from))
        return fault_set(f, ERR_INVALID, "starts_on",
                         "Give the first day of the period as a date (YYYY-MM-DD).", NULL);
    if (!hours_day(ends_on, &to))
        return fault_set(f, ERR_INVALID, "ends_on",
                         "Give the last day of the period as a date (YYYY-MM-DD).", NULL);
    if (to < from)
        return fault_set(f, ERR_INVALID, "ends_on",
                         "The period ends before it starts: give a last day on or after the "
                         "first.",
                         NULL);
    if (to - from > HOURS_PERIOD_MAX_DAYS)
        return fault_set(f, ERR_INVALID, "ends_on", "A pledge of hours covers at most ten years.",
                         NULL);
    return ERR_OK;
}

/* The earmark: an initiative or a collective that exists, not both. */
static enum err earmark_check(struct db *db, struct arena *a, const struct hours_pledge_input *in,
                              struct fault *f)
{
    if (in->initiative_id && in->collective_id)
        return fault_set(f, ERR_INVALID, "initiative",
                         "Earmark the hours for an initiative or for a collective, not both.",
                         NULL);
    if (in->initiative_id < 0 || in->collective_id < 0)
        return fault_set(f, ERR_INVALID, in->initiative_id < 0 ? "initiative" : "collective",
                         "Choose an initiative or a collective from the list.", NULL);
    enum err e = ERR_OK;
    if (in->initiative_id) {
        struct initiative ini;
        e = initiative_get(db, a, in->initiative_id, &ini, f);
        if (e == ERR_NOT_FOUND && f)
            f->field = "initiative";
    } else if (in->collective_id) {
        struct collective col;
        e = collective_get(db, a, in->collective_id, &col, f);
    }
    return e;
}

/* Everything about a pledge's input, after the policy said yes. */
static enum err pledge_check(struct db *db, struct arena *a, const struct hours_pledge_input *in,
                             int *tenths, struct fault *f)
{
    enum err e = pledge_hours_parse(in->hours, tenths, f);
    if (e != ERR_OK)
        return e;
    if (*tenths < 1 || *tenths > HOURS_PLEDGE_MAX)
        return fault_set(f, ERR_INVALID, "hours", "Pledge at least 0.1 hours.", NULL);
    if (!area_code_valid(in->area_code, NULL))
        return fault_set(f, ERR_INVALID, "area", "Choose a buurt, wijk or gemeente.", NULL);
    struct area ar;
    e = area_get(db, a, in->area_code, &ar, f);
    if (e == ERR_NOT_FOUND)
        return fault_set(f, ERR_NOT_FOUND, "area", "There is no area with this code.", NULL);
    if (e == ERR_OK)
        e = period_check(in->starts_on, in->ends_on, f);
    return e == ERR_OK ? earmark_check(db, a, in, f) : e;
}

static void bind_id_or_null(struct db_stmt *st, int idx, int64_t id)
{
    if (id > 0)
        db_bind_int(st, idx, id);
    else
        db_bind_null(st, idx);
}

/* Inserts the pledge row, books its commitment and records it. */
static enum err insert_pledge(struct db *db, struct arena *a, const struct hours_pledge_input *in,
                              int tenths, const struct actor *act, int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO hour_pledge (organisation_id, area_code, hours_tenths, starts_on, "
            "ends_on, initiative_id, collective_id, status, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, in->organisation_id);
    db_bind_text(st, 2, in->area_code);
    db_bind_int(st, 3, tenths);
    db_bind_text(st, 4, in->starts_on);
    db_bind_text(st, 5, in->ends_on);
    bind_id_or_null(st, 6, in->initiative_id);
    bind_id_or_null(st, 7, in->collective_id);
    bind_id_or_null(st, 8, act->person_id);
    db_bind_int(st, 9, act->now);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return db_fault(db, f);
    struct hours_booking b = {.pledge_id = *id,
                              .kind = "pledge",
                              .on_date = in->starts_on,
                              .from = "organisation",
                              .to = "pledge",
                              .amount = tenths};
    int64_t movement;
    enum err e = hours_book(db, &b, act, &movement, f);
    if (e != ERR_OK)
        return e;
    json_t *detail = json_pack("{s:I, s:I, s:s, s:s}", "organisation",
                               (json_int_t)in->organisation_id, "hours_tenths", (json_int_t)tenths,
                               "starts_on", in->starts_on, "ends_on", in->ends_on);
    e = hours_audit(db, a, act, "hours.pledge", *id, in->area_code, detail, f);
    json_decref(detail);
    return e;
}

enum err hours_pledge_make(struct db *db, struct arena *a, const struct hours_pledge_input *in,
                           const struct actor *act, int64_t *id, struct fault *f)
{
    int tenths = 0;
    int64_t new_id = 0;
    bool own;
    enum err e = hours_verdict(db, in->organisation_id, ACT_HOURS_PLEDGE, act, f);
    if (e == ERR_OK)
        e = pledge_check(db, a, in, &tenths, f);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, insert_pledge(db, a, in, tenths, act, &new_id, f), f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

/* Marks the pledge withdrawn (only an active one) and returns what is
 * still open to the organisation. */
static enum err withdraw(struct db *db, struct arena *a, const struct hours_pledge *p,
                         const struct actor *act, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE hour_pledge SET status = 'withdrawn', withdrawn_by = ?, withdrawn_at = ? "
            "WHERE id = ? AND status = 'active'");
    if (!st)
        return db_fault(db, f);
    bind_id_or_null(st, 1, act->person_id);
    db_bind_int(st, 2, act->now);
    db_bind_int(st, 3, p->id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) != 1)
        return fault_set(f, ERR_CONFLICT, NULL, "This pledge has been withdrawn already.", NULL);
    struct hours_balance bal;
    enum err e = hours_balance_of(db, HOURS_SCOPE_PLEDGE, p->id, NULL, &bal, f);
    char today[11];
    hours_today(act, today);
    int64_t movement = 0;
    if (e == ERR_OK && bal.open > 0) {
        struct hours_booking b = {.pledge_id = p->id,
                                  .kind = "withdrawal",
                                  .on_date = today,
                                  .from = "pledge",
                                  .to = "organisation",
                                  .amount = bal.open};
        e = hours_book(db, &b, act, &movement, f);
    }
    if (e != ERR_OK)
        return e;
    json_t *detail = json_pack("{s:I, s:I, s:I}", "organisation", (json_int_t)p->organisation_id,
                               "returned_tenths", (json_int_t)(bal.open > 0 ? bal.open : 0),
                               "delivered_tenths", (json_int_t)bal.delivered);
    e = hours_audit(db, a, act, "hours.withdraw_pledge", p->id, p->area_code, detail, f);
    json_decref(detail);
    return e;
}

enum err hours_pledge_withdraw(struct db *db, struct arena *a, int64_t pledge_id,
                               const struct actor *act, struct fault *f)
{
    struct hours_pledge p;
    bool own;
    enum err e = hours_pledge_get(db, a, pledge_id, &p, f);
    if (e == ERR_OK)
        e = hours_verdict(db, p.organisation_id, ACT_HOURS_WITHDRAW_PLEDGE, act, f);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, withdraw(db, a, &p, act, f), f);
    return e;
}
