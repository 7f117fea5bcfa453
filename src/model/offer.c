/* Facilitation offers (see offer.h). The policy is asked before the input
 * is judged, so that a resident learns only that offers are not theirs to
 * make. Answers and withdrawals are conditional UPDATEs on status =
 * 'offered': of two racing answers exactly one changes the row, the other
 * gets ERR_CONFLICT. */
#include "model/offer.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/notification.h"
#include "model/tx.h"

static const char *const kinds[] = {"coaching", "connection", "hours", "room", NULL};
static const char *const statuses[] = {"offered", "accepted", "declined", "withdrawn", NULL};

static bool in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; s && list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

const char *const *offer_kinds(void)
{
    return kinds;
}

bool offer_kind_valid(const char *kind)
{
    return in_list(kinds, kind);
}

#define OFFER_COLUMNS                                                                              \
    "o.id, o.initiative_id, o.person_id, o.organisation_id, o.capacity, o.kind, o.body, "          \
    "o.hours, o.connect_organisation_id, o.status, o.created_at, o.answered_by, o.answered_at"

static struct offer offer_row_of(struct db_stmt *st, struct arena *a)
{
    return (struct offer){
        .id = db_col_int(st, 0),
        .initiative_id = db_col_int(st, 1),
        .person_id = db_col_int(st, 2),
        .organisation_id = db_col_int(st, 3),
        .capacity = arena_strdup(a, db_col_text(st, 4)),
        .kind = arena_strdup(a, db_col_text(st, 5)),
        .text = arena_strdup(a, db_col_text(st, 6)),
        .hours = (int)db_col_int(st, 7),
        .connect_organisation_id = db_col_int(st, 8),
        .status = arena_strdup(a, db_col_text(st, 9)),
        .created_at = db_col_int(st, 10),
        .answered_by = db_col_int(st, 11),
        .answered_at = db_col_int(st, 12),
    };
}

enum err offer_get(struct db *db, struct arena *a, int64_t id, struct offer *out, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT " OFFER_COLUMNS " FROM offer o WHERE o.id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *out = offer_row_of(st, a);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_DONE ? fault_set(f, ERR_NOT_FOUND, NULL, "There is no such offer.", NULL)
                         : ERR_OK;
}

/* The organisation act's capacity (professional or organisation_admin) is
 * qualified by, into *org and the full capacity into *capacity (from a);
 * an unqualified one is completed when the person holds it at exactly one
 * organisation. */
static enum err capacity_organisation(struct db *db, struct arena *a, const struct actor *act,
                                      enum capacity cap, int64_t *org, const char **capacity,
                                      struct fault *f)
{
    const char *name = policy_capacity_name(cap);
    const char *colon = act->capacity ? strchr(act->capacity, ':') : NULL;
    *org = 0;
    if (colon) {
        char *end;
        long long v = strtoll(colon + 1, &end, 10);
        *org = *end == '\0' && v > 0 ? (int64_t)v : 0;
    } else {
        struct capacity_held *held;
        int n, found = 0;
        enum err e = capacity_list(db, a, act->person_id, &held, &n, f);
        for (int i = 0; e == ERR_OK && i < n; i++)
            if (held[i].capacity == cap && held[i].qualifier && found++ == 0)
                *org = strtoll(held[i].qualifier, NULL, 10);
        if (e != ERR_OK)
            return e;
        if (found != 1)
            *org = 0;
    }
    if (*org <= 0)
        return fault_set(f, ERR_INVALID, "capacity",
                         "Choose the organisation you act for before you make an offer.", NULL);
    *capacity = arena_printf(a, "%s:%" PRId64, name, *org);
    return ERR_OK;
}

/* Whether organisation id exists; *name its name (from a) when it does. */
static enum err organisation_name(struct db *db, struct arena *a, int64_t id, const char **name,
                                  struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT name FROM organisation WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    *name = rc == DB_ROW ? arena_strdup(a, db_col_text(st, 0)) : NULL;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static size_t chars(const char *s)
{
    return s ? utf8_count(s, strlen(s)) : 0;
}

/* The input's own rules, after the policy said yes. */
static enum err check_input(struct db *db, struct arena *a, const struct offer_input *in,
                            struct fault *f)
{
    if (!offer_kind_valid(in->kind))
        return fault_set(f, ERR_INVALID, "kind",
                         "Choose what you offer: coaching, a connection, hours or a room.", NULL);
    size_t n = chars(in->text);
    if (n < 1 || n > OFFER_TEXT_MAX)
        return fault_set(f, ERR_INVALID, "text", "Say in 1 to 2000 characters what you offer.",
                         NULL);
    bool is_hours = strcmp(in->kind, "hours") == 0;
    if (is_hours && (in->hours < 1 || in->hours > OFFER_HOURS_MAX))
        return fault_set(f, ERR_INVALID, "hours", "Offer 1 to 2000 hours.", NULL);
    if (!is_hours && in->hours != 0)
        return fault_set(f, ERR_INVALID, "hours",
                         "Give a number of hours only with an offer "
                         "of hours.",
                         NULL);
    bool is_connection = strcmp(in->kind, "connection") == 0;
    if (!is_connection && in->connect_organisation_id != 0)
        return fault_set(f, ERR_INVALID, "organisation",
                         "Name an organisation only with an offer of a connection.", NULL);
    if (!is_connection)
        return ERR_OK;
    if (in->connect_organisation_id <= 0)
        return fault_set(f, ERR_INVALID, "organisation",
                         "Choose the organisation you connect the initiative to.", NULL);
    const char *name;
    enum err e = organisation_name(db, a, in->connect_organisation_id, &name, f);
    if (e == ERR_OK && !name)
        return fault_set(f, ERR_NOT_FOUND, "organisation", "There is no organisation %s.",
                         arena_printf(a, "%" PRId64, in->connect_organisation_id), NULL);
    return e;
}

/* act's capacity and relation for making an offer to initiative_id, asked
 * of the policy: *org and *capacity the organisation offered for. */
static enum err authorise_make(struct db *db, struct arena *a, int64_t initiative_id,
                               const struct actor *act, int64_t *org, const char **capacity,
                               struct fault *f)
{
    enum capacity cap;
    enum relation rel = REL_OTHER;
    enum err e = initiative_relation(db, initiative_id, act, &rel, f);
    if (e == ERR_OK)
        e = capacity_of_actor(db, act, &cap, f);
    if (e != ERR_OK)
        return e;
    /* capacity_of_actor has checked that an organisation admin holds the
     * admin role of the organisation the capacity names: that is MEMBER. */
    if (cap == CAP_ORG_ADMIN && rel != REL_INITIATOR)
        rel = REL_MEMBER;
    e = capacity_authorise(ACT_OFFER_MAKE, cap, rel, f);
    return e == ERR_OK ? capacity_organisation(db, a, act, cap, org, capacity, f) : e;
}

enum err offer_authorise_make(struct db *db, int64_t initiative_id, const struct actor *act,
                              struct fault *f)
{
    struct arena *a = arena_new();
    int64_t org;
    const char *capacity;
    enum err e = authorise_make(db, a, initiative_id, act, &org, &capacity, f);
    arena_free(a);
    return e;
}

static void audit_entry(const struct actor *act, const char *action, int64_t offer_id,
                        struct arena *a, json_t *detail, struct audit_entry *out)
{
    *out = (struct audit_entry){
        .at = act->now,
        .person_id = act->person_id,
        .capacity = act->capacity,
        .action = action,
        .object_type = "offer",
        .object_id = arena_printf(a, "%" PRId64, offer_id),
        .request_id = act->request_id,
        .is_public = true,
        .detail = detail,
    };
}

/* Inserts the offer, its audit entry and the initiators' notification. */
static enum err insert_offer(struct db *db, struct arena *a, int64_t initiative_id, int64_t org,
                             const char *capacity, const struct offer_input *in,
                             const struct actor *act, int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO offer (initiative_id, person_id, organisation_id, capacity, kind, body, "
            "hours, connect_organisation_id, status, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'offered', ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    db_bind_int(st, 2, act->person_id);
    db_bind_int(st, 3, org);
    db_bind_text(st, 4, capacity);
    db_bind_text(st, 5, in->kind);
    db_bind_text(st, 6, in->text);
    if (in->hours > 0)
        db_bind_int(st, 7, in->hours);
    else
        db_bind_null(st, 7);
    if (in->connect_organisation_id > 0)
        db_bind_int(st, 8, in->connect_organisation_id);
    else
        db_bind_null(st, 8);
    db_bind_int(st, 9, act->now);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return db_fault(db, f);
    struct audit_entry entry;
    json_t *detail = json_pack("{s:I, s:s, s:I}", "initiative", (json_int_t)initiative_id, "kind",
                               in->kind, "organisation", (json_int_t)org);
    audit_entry(act, "offer.make", *id, a, detail, &entry);
    enum err e = audit_record(db, &entry, f);
    json_decref(detail);
    const char *org_name = NULL;
    if (e == ERR_OK)
        e = organisation_name(db, a, org, &org_name, f);
    return e == ERR_OK
               ? notify_initiators(db, initiative_id, "offer_new", org_name, act->person_id, f)
               : e;
}

/* ERR_CONFLICT when initiative_id has ended. */
static enum err check_open(struct db *db, struct arena *a, int64_t initiative_id, struct fault *f)
{
    struct initiative ini;
    enum err e = initiative_get(db, a, initiative_id, &ini, f);
    if (e == ERR_OK && initiative_phase_ended(ini.phase))
        e = fault_set(f, ERR_CONFLICT, NULL,
                      "This initiative has ended; it takes no more offers or answers.", NULL);
    return e;
}

enum err offer_make(struct db *db, struct arena *a, int64_t initiative_id,
                    const struct offer_input *in, const struct actor *act, int64_t *id,
                    struct fault *f)
{
    int64_t org = 0, new_id = 0;
    const char *capacity = NULL;
    bool own;
    enum err e = authorise_make(db, a, initiative_id, act, &org, &capacity, f);
    if (e == ERR_OK)
        e = check_input(db, a, in, f);
    if (e == ERR_OK)
        e = check_open(db, a, initiative_id, f);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, insert_offer(db, a, initiative_id, org, capacity, in, act, &new_id, f),
                   f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

/* Moves offer o from 'offered' to status, records action and notifies:
 * the maker for an answer, the initiators for a withdrawal. */
static enum err settle(struct db *db, struct arena *a, const struct offer *o, const char *status,
                       const char *action, const struct actor *act, struct fault *f)
{
    bool answer = strcmp(status, "withdrawn") != 0;
    struct db_stmt *st = db_prepare(
        db, "UPDATE offer SET status = ?, answered_at = ?, answered_by = CAST(? AS BIGINT) "
            "WHERE id = ? AND status = 'offered'");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, status);
    db_bind_int(st, 2, act->now);
    if (answer)
        db_bind_int(st, 3, act->person_id);
    else
        db_bind_null(st, 3);
    db_bind_int(st, 4, o->id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) == 0)
        return fault_set(f, ERR_CONFLICT, NULL,
                         "This offer is no longer open; reload to see it now.", NULL);
    struct audit_entry entry;
    json_t *detail = json_pack("{s:I}", "initiative", (json_int_t)o->initiative_id);
    audit_entry(act, action, o->id, a, detail, &entry);
    enum err e = audit_record(db, &entry, f);
    json_decref(detail);
    if (e != ERR_OK)
        return e;
    const char *kind = strcmp(status, "accepted") == 0   ? "offer_accepted"
                       : strcmp(status, "declined") == 0 ? "offer_declined"
                                                         : "offer_withdrawn";
    return answer ? notify(db, o->person_id, kind, o->initiative_id, o->kind, f)
                  : notify_initiators(db, o->initiative_id, kind, o->kind, act->person_id, f);
}

static enum err in_tx_settle(struct db *db, struct arena *a, const struct offer *o,
                             const char *status, const char *action, const struct actor *act,
                             struct fault *f)
{
    bool own;
    enum err e = tx_begin(db, &own, f);
    return e == ERR_OK ? tx_end(db, own, settle(db, a, o, status, action, act, f), f) : e;
}

static enum err answer(struct db *db, int64_t offer_id, enum action action, const char *status,
                       const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct offer o;
    enum err e = offer_get(db, a, offer_id, &o, f);
    if (e == ERR_OK)
        e = initiative_authorise(db, o.initiative_id, action, act, f);
    if (e == ERR_OK)
        e = check_open(db, a, o.initiative_id, f);
    if (e == ERR_OK)
        e = in_tx_settle(db, a, &o, status, policy_action_name(action), act, f);
    arena_free(a);
    return e;
}

enum err offer_accept(struct db *db, int64_t offer_id, const struct actor *act, struct fault *f)
{
    return answer(db, offer_id, ACT_OFFER_ACCEPT, "accepted", act, f);
}

enum err offer_decline(struct db *db, int64_t offer_id, const struct actor *act, struct fault *f)
{
    return answer(db, offer_id, ACT_OFFER_DECLINE, "declined", act, f);
}

/* OWN for the offer's maker, MEMBER for an admin of its organisation
 * acting as such, else OTHER. */
static enum err withdraw_relation(struct db *db, struct arena *a, const struct offer *o,
                                  const struct actor *act, enum capacity cap, enum relation *rel,
                                  struct fault *f)
{
    bool admin = false;
    enum err e = ERR_OK;
    if (cap == CAP_ORG_ADMIN)
        e = capacity_may_act(db, act->person_id,
                             arena_printf(a, "organisation_admin:%" PRId64, o->organisation_id),
                             &admin, f);
    *rel = o->person_id == act->person_id ? REL_OWN : admin ? REL_MEMBER : REL_OTHER;
    return e;
}

enum err offer_withdraw(struct db *db, int64_t offer_id, const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct offer o;
    enum capacity cap;
    enum relation rel = REL_OTHER;
    enum err e = offer_get(db, a, offer_id, &o, f);
    if (e == ERR_OK)
        e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK)
        e = withdraw_relation(db, a, &o, act, cap, &rel, f);
    if (e == ERR_OK)
        e = capacity_authorise(ACT_OFFER_WITHDRAW, cap, rel, f);
    if (e == ERR_OK)
        e = in_tx_settle(db, a, &o, "withdrawn", "offer.withdraw", act, f);
    arena_free(a);
    return e;
}

static const char *const list_sql[2] = {
    "SELECT " OFFER_COLUMNS ", p.display_name, g.name, c.name FROM offer o "
    "JOIN person p ON p.id = o.person_id JOIN organisation g ON g.id = o.organisation_id "
    "LEFT JOIN organisation c ON c.id = o.connect_organisation_id "
    "WHERE o.initiative_id = ? ORDER BY o.id DESC LIMIT 500",
    "SELECT " OFFER_COLUMNS ", p.display_name, g.name, c.name FROM offer o "
    "JOIN person p ON p.id = o.person_id JOIN organisation g ON g.id = o.organisation_id "
    "LEFT JOIN organisation c ON c.id = o.connect_organisation_id "
    "WHERE o.initiative_id = ? AND o.status = ? ORDER BY o.id DESC LIMIT 500",
};

enum err offer_list(struct db *db, struct arena *a, int64_t initiative_id, const char *status,
                    struct offer_row **items, int *n, struct fault *f)
{
    *items = NULL;
    *n = 0;
    if (status && !in_list(statuses, status))
        return fault_set(f, ERR_INVALID, "status",
                         "Choose a status: offered, accepted, declined or withdrawn.", NULL);
    struct db_stmt *st = db_prepare(db, list_sql[status != NULL]);
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    if (status)
        db_bind_text(st, 2, status);
    *items = arena_array(a, OFFER_LIST_MAX, sizeof **items);
    enum db_rc rc = DB_DONE;
    while (*n < OFFER_LIST_MAX && (rc = db_step(st)) == DB_ROW) {
        struct offer_row *row = &(*items)[(*n)++];
        row->offer = offer_row_of(st, a);
        row->person_name = arena_strdup(a, db_col_text(st, 13));
        row->organisation_name = arena_strdup(a, db_col_text(st, 14));
        row->connect_name = db_col_is_null(st, 15) ? NULL : arena_strdup(a, db_col_text(st, 15));
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}
