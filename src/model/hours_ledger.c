/* The hours ledger (see hours.h): booking a movement as two entries,
 * logging hours, correcting a delivery by a new movement, reading a
 * pledge's movements and checking that the books balance. Nothing here
 * updates or deletes a ledger row; the triggers of 0016_hours.sql would
 * refuse it. Logging and correcting lock the pledge's row first
 * (hours_lock_active), so that a correction reads the delivery's hours as
 * no racing write can change them, and a withdrawal cannot slip between. */
#include "model/hours.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/hours_book.h"
#include "model/initiative.h"
#include "model/pledge.h"
#include "model/tx.h"

static enum err insert_entry(struct db *db, int64_t movement, const char *account, int64_t amount,
                             struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO hours_entry (movement_id, account, amount_tenths) VALUES (?, ?, ?)");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, movement);
    db_bind_text(st, 2, account);
    db_bind_int(st, 3, amount);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_DONE ? ERR_OK : db_fault(db, f);
}

static void bind_opt_int(struct db_stmt *st, int idx, int64_t v)
{
    if (v > 0)
        db_bind_int(st, idx, v);
    else
        db_bind_null(st, idx);
}

static void bind_opt_text(struct db_stmt *st, int idx, const char *s)
{
    if (s && *s)
        db_bind_text(st, idx, s);
    else
        db_bind_null(st, idx);
}

enum err hours_book(struct db *db, const struct hours_booking *b, const struct actor *act,
                    int64_t *id, struct fault *f)
{
    if (b->amount <= 0 || strcmp(b->from, b->to) == 0) {
        fprintf(stderr, "%s:%d: hours_book: a movement of %" PRId64 " from %s to %s\n", __FILE__,
                __LINE__, b->amount, b->from, b->to);
        abort();
    }
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO hours_movement (pledge_id, kind, corrects_id, on_date, initiative_id, "
            "work_kind, note, person_id, capacity, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, b->pledge_id);
    db_bind_text(st, 2, b->kind);
    bind_opt_int(st, 3, b->corrects_id);
    db_bind_text(st, 4, b->on_date);
    bind_opt_int(st, 5, b->initiative_id);
    bind_opt_text(st, 6, b->work_kind);
    bind_opt_text(st, 7, b->note);
    bind_opt_int(st, 8, act->person_id);
    bind_opt_text(st, 9, act->capacity);
    db_bind_int(st, 10, act->now);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return db_fault(db, f);
    enum err e = insert_entry(db, *id, b->from, -b->amount, f);
    return e == ERR_OK ? insert_entry(db, *id, b->to, b->amount, f) : e;
}

static bool kind_valid(const char *kind)
{
    const char *const *k = hours_work_kinds();
    for (size_t i = 0; kind && k[i]; i++)
        if (strcmp(kind, k[i]) == 0)
            return true;
    return false;
}

static enum err note_check(const char *note, bool required, struct fault *f)
{
    size_t len = note ? strlen(note) : 0;
    if (required && len == 0)
        return fault_set(f, ERR_INVALID, "note", "Say why you correct this entry.", NULL);
    if (len && (!utf8_valid(note, len) || utf8_has_controls(note, len, true) ||
                utf8_count(note, len) > HOURS_NOTE_MAX))
        return fault_set(f, ERR_INVALID, "note", "Write the note in at most 500 characters.", NULL);
    return ERR_OK;
}

/* The day worked: a date in the pledge's period, not after today. */
static enum err date_check(const struct hours_pledge *p, const char *on_date,
                           const struct actor *act, struct fault *f)
{
    int64_t day, from, to;
    char today[11];
    if (!hours_day(on_date, &day))
        return fault_set(f, ERR_INVALID, "on_date",
                         "Give the day you worked as a date (YYYY-MM-DD).", NULL);
    if (!hours_day(p->starts_on, &from) || !hours_day(p->ends_on, &to) || day < from || day > to)
        return fault_set(f, ERR_INVALID, "on_date",
                         "Log hours on a day in the pledge's period, from %s to %s.", p->starts_on,
                         p->ends_on, NULL);
    if (day > hours_today(act, today))
        return fault_set(f, ERR_INVALID, "on_date",
                         "You cannot log hours for a day that has not come yet.", NULL);
    return ERR_OK;
}

/* The initiative worked for, against the earmark: *initiative is the one
 * to book (the earmarked initiative when none was chosen). */
static enum err initiative_check(struct db *db, struct arena *a, const struct hours_pledge *p,
                                 int64_t *initiative, struct fault *f)
{
    if (*initiative == 0 && p->initiative_id)
        *initiative = p->initiative_id;
    if (*initiative == 0)
        return ERR_OK;
    if (p->initiative_id && *initiative != p->initiative_id)
        return fault_set(f, ERR_INVALID, "initiative",
                         "These hours are earmarked for the initiative %s; log them for it.",
                         p->initiative_title, NULL);
    struct initiative ini;
    enum err e = initiative_get(db, a, *initiative, &ini, f);
    if (e == ERR_NOT_FOUND && f)
        f->field = "initiative";
    if (e == ERR_OK && p->collective_id && ini.collective_id != p->collective_id)
        return fault_set(f, ERR_INVALID, "initiative",
                         "These hours are earmarked for the collective %s; choose one of its "
                         "initiatives.",
                         p->collective_name, NULL);
    return e;
}

static enum err log_check(struct db *db, struct arena *a, const struct hours_pledge *p,
                          const struct hours_log_input *in, const struct actor *act, int *tenths,
                          int64_t *initiative, struct fault *f)
{
    enum err e = pledge_hours_parse(in->hours, tenths, f);
    if (e != ERR_OK)
        return e;
    if (*tenths <= 0)
        return fault_set(f, ERR_INVALID, "hours", "Log more than zero hours.", NULL);
    if (*tenths > HOURS_LOG_MAX)
        return fault_set(f, ERR_INVALID, "hours", "Log at most 24 hours at a time.", NULL);
    if ((e = date_check(p, in->on_date, act, f)) != ERR_OK)
        return e;
    if (!kind_valid(in->kind))
        return fault_set(f, ERR_INVALID, "kind",
                         "Choose the kind of work: coaching, connecting, practical help or other.",
                         NULL);
    if ((e = note_check(in->note, false, f)) != ERR_OK)
        return e;
    *initiative = in->initiative_id;
    if (*initiative < 0)
        return fault_set(f, ERR_INVALID, "initiative", "Choose an initiative from the list.", NULL);
    return initiative_check(db, a, p, initiative, f);
}

static enum err book_delivery(struct db *db, struct arena *a, const struct hours_pledge *p,
                              const struct hours_booking *b, const struct actor *act, int64_t *id,
                              struct fault *f)
{
    enum err e = hours_lock_active(db, p->id, f);
    if (e == ERR_OK)
        e = hours_book(db, b, act, id, f);
    if (e != ERR_OK)
        return e;
    json_t *detail = json_pack("{s:I, s:s, s:I, s:s}", "movement", (json_int_t)*id, "kind", b->kind,
                               "tenths", (json_int_t)b->amount, "on_date", b->on_date);
    if (b->corrects_id)
        json_object_set_new(detail, "corrects", json_integer(b->corrects_id));
    e = hours_audit(db, a, act, "hours.log", p->id, p->area_code, detail, f);
    json_decref(detail);
    return e;
}

enum err hours_log(struct db *db, struct arena *a, int64_t pledge_id,
                   const struct hours_log_input *in, const struct actor *act, int64_t *movement_id,
                   struct fault *f)
{
    struct hours_pledge p;
    int tenths = 0;
    int64_t initiative = 0, id = 0;
    bool own;
    enum err e = hours_pledge_get(db, a, pledge_id, &p, f);
    if (e == ERR_OK)
        e = hours_verdict(db, p.organisation_id, ACT_HOURS_LOG, act, f);
    if (e == ERR_OK && strcmp(p.status, "active") != 0)
        e = fault_set(f, ERR_CONFLICT, NULL,
                      "This pledge of hours has been withdrawn; it takes no more hours.", NULL);
    if (e == ERR_OK)
        e = log_check(db, a, &p, in, act, &tenths, &initiative, f);
    struct hours_booking b = {.pledge_id = pledge_id,
                              .kind = "delivery",
                              .on_date = in->on_date,
                              .initiative_id = initiative,
                              .work_kind = in->kind,
                              .note = in->note,
                              .from = "pledge",
                              .to = "delivered",
                              .amount = tenths};
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, book_delivery(db, a, &p, &b, act, &id, f), f);
    if (e == ERR_OK && movement_id)
        *movement_id = id;
    return e;
}

/* The delivery delivery_id of pledge_id: its date and initiative in *d,
 * and its hours after its corrections in *net. */
static enum err delivery_get(struct db *db, struct arena *a, int64_t pledge_id, int64_t delivery_id,
                             struct hours_movement *d, int64_t *net, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT m.on_date, m.initiative_id, "
            "(SELECT CAST(COALESCE(SUM(e.amount_tenths), 0) AS BIGINT) FROM hours_movement c "
            "JOIN hours_entry e ON e.movement_id = c.id AND e.account = 'delivered' "
            "WHERE c.id = m.id OR c.corrects_id = m.id) "
            "FROM hours_movement m WHERE m.id = ? AND m.pledge_id = ? AND m.kind = 'delivery'");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, delivery_id);
    db_bind_int(st, 2, pledge_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        d->on_date = db_col_text_dup(st, 0, a);
        d->initiative_id = db_col_int(st, 1);
        *net = db_col_int(st, 2);
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_ROW ? ERR_OK
                        : fault_set(f, ERR_NOT_FOUND, "movement",
                                    "There is no such entry of logged hours in this ledger.", NULL);
}

/* In the transaction: the pledge locked, the delivery read, the change
 * booked. */
static enum err book_correction(struct db *db, struct arena *a, const struct hours_pledge *p,
                                int64_t delivery_id, int tenths, const char *note,
                                const struct actor *act, int64_t *id, struct fault *f)
{
    struct hours_movement d = {0};
    int64_t net = 0;
    enum err e = hours_lock_active(db, p->id, f);
    if (e == ERR_OK)
        e = delivery_get(db, a, p->id, delivery_id, &d, &net, f);
    if (e != ERR_OK)
        return e;
    if (net == tenths)
        return fault_set(f, ERR_INVALID, "hours",
                         "This entry has these hours already; give the hours it should have.",
                         NULL);
    int64_t change = tenths - net;
    struct hours_booking b = {.pledge_id = p->id,
                              .kind = "correction",
                              .corrects_id = delivery_id,
                              .on_date = d.on_date,
                              .initiative_id = d.initiative_id,
                              .note = note,
                              .from = change > 0 ? "pledge" : "delivered",
                              .to = change > 0 ? "delivered" : "pledge",
                              .amount = change > 0 ? change : -change};
    return book_delivery(db, a, p, &b, act, id, f);
}

enum err hours_correct(struct db *db, struct arena *a, int64_t pledge_id, int64_t delivery_id,
                       const char *hours, const char *note, const struct actor *act,
                       int64_t *movement_id, struct fault *f)
{
    struct hours_pledge p;
    int tenths = 0;
    int64_t id = 0;
    bool own;
    enum err e = hours_pledge_get(db, a, pledge_id, &p, f);
    if (e == ERR_OK)
        e = hours_verdict(db, p.organisation_id, ACT_HOURS_LOG, act, f);
    if (e == ERR_OK && strcmp(p.status, "active") != 0)
        e = fault_set(f, ERR_CONFLICT, NULL,
                      "This pledge of hours has been withdrawn; it takes no more hours.", NULL);
    if (e == ERR_OK && (e = pledge_hours_parse(hours, &tenths, f)) == ERR_OK) {
        if (tenths < 0)
            e = fault_set(f, ERR_INVALID, "hours",
                          "Give the hours the entry should have had: 0 or more.", NULL);
        else if (tenths > HOURS_LOG_MAX)
            e = fault_set(f, ERR_INVALID, "hours", "Log at most 24 hours at a time.", NULL);
    }
    if (e == ERR_OK)
        e = note_check(note, true, f);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, book_correction(db, a, &p, delivery_id, tenths, note, act, &id, f), f);
    if (e == ERR_OK && movement_id)
        *movement_id = id;
    return e;
}
