/* Writing rule-free zones (see zone.h). A decision, an early end, an
 * evaluation and a reminder are each one conditional UPDATE on the state
 * they come from, so two admins deciding at once get one decision and one
 * conflict. The policy is asked with the actor's relation to the zone: a
 * board member of its collective (INITIATOR), an admin of its gemeente
 * (MEMBER). */
#include "model/zone.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/agreement.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/notification.h"
#include "model/responsibility.h"
#include "model/tx.h"

static enum err record(struct db *db, const struct actor *act, const char *action, int64_t id,
                       const char *area, json_t *detail, struct fault *f)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%" PRId64, id);
    struct audit_entry e = {.at = act->now,
                            .person_id = act->person_id,
                            .capacity = act->capacity,
                            .action = action,
                            .object_type = "zone",
                            .object_id = oid,
                            .area_code = area,
                            .request_id = act->request_id,
                            .is_public = true,
                            .detail = detail};
    enum err r = audit_record(db, &e, f);
    json_decref(detail);
    return r;
}

static bool text_ok(const char *s, size_t min, size_t max, bool line)
{
    size_t len = s ? strlen(s) : 0;
    if (len == 0)
        return min == 0;
    size_t chars = utf8_count(s, len);
    return utf8_valid(s, len) && !utf8_has_controls(s, len, !line) && chars >= min && chars <= max;
}

static enum err step_done(struct db *db, struct db_stmt *st, struct fault *f)
{
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* The relation of act to a zone of collective_id in gemeente. */
static enum err relation(struct db *db, int64_t collective_id, const char *gemeente,
                         const struct actor *act, enum capacity cap, enum relation *rel,
                         struct fault *f)
{
    bool is = false;
    *rel = REL_OTHER;
    if (act->person_id == 0)
        return ERR_OK;
    if (cap == CAP_MUNI_ADMIN) {
        const char *q = capacity_qualifier(act);
        char claim[64];
        snprintf(claim, sizeof claim, "municipality_admin:%s", gemeente);
        enum err e = q && strcmp(q, gemeente) != 0
                         ? ERR_OK
                         : capacity_may_act(db, act->person_id, claim, &is, f);
        if (e == ERR_OK && is)
            *rel = REL_MEMBER;
        return e;
    }
    enum err e = collective_is_board_member(db, collective_id, act->person_id, &is, f);
    if (e == ERR_OK && is)
        *rel = REL_INITIATOR;
    return e;
}

static enum err authorise(struct db *db, int64_t collective_id, const char *gemeente,
                          enum action action, const struct actor *act, struct fault *f)
{
    enum capacity cap;
    enum relation rel = REL_OTHER;
    enum err e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK)
        e = relation(db, collective_id, gemeente, act, cap, &rel, f);
    return e == ERR_OK ? capacity_authorise(action, cap, rel, f) : e;
}

/* The gemeente of a buurt or wijk; ERR_INVALID, field "area", otherwise. */
static enum err area_gemeente(struct db *db, struct arena *a, const char *code,
                              const char **gemeente, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT CASE WHEN ar.kind = 'buurt' THEN w.parent_code ELSE ar.parent_code END "
            "FROM area ar LEFT JOIN area w ON w.code = ar.parent_code "
            "WHERE ar.code = ? AND ar.kind IN ('buurt', 'wijk')");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, code ? code : "");
    enum db_rc rc = db_step(st);
    *gemeente = rc == DB_ROW && !db_col_is_null(st, 0) ? db_col_text_dup(st, 0, a) : NULL;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return *gemeente ? ERR_OK
                     : fault_set(f, ERR_INVALID, "area", "Choose a buurt or a wijk.", NULL);
}

static enum err check_lists(struct db *db, const struct zone_request *in, struct fault *f)
{
    if (in->n_rules < 1 || in->n_rules > ZONE_RULES_MAX)
        return fault_set(f, ERR_INVALID, "rules", "Name between 1 and 20 rules to suspend.", NULL);
    for (int i = 0; i < in->n_rules; i++) {
        const struct zone_rule *r = &in->rules[i];
        if (!text_ok(r->reference, 1, ZONE_ITEM_MAX, true) ||
            !text_ok(r->legal_basis, 1, ZONE_ITEM_MAX, true) ||
            !text_ok(r->conditions, 0, ZONE_ITEM_MAX, false))
            return fault_set(f, ERR_INVALID, "rules",
                             "Give each rule its reference and legal basis (one line each) and "
                             "its conditions, at most 1000 characters each.",
                             NULL);
    }
    if (in->n_duties < 0 || in->n_duties > ZONE_ITEMS_MAX)
        return fault_set(f, ERR_INVALID, "responsibilities", "Give at most 20 responsibilities.",
                         NULL);
    for (int i = 0; i < in->n_duties; i++) {
        const char *h = in->duties[i].holder;
        if (!h || (strcmp(h, "collective") != 0 && strcmp(h, "gemeente") != 0) ||
            !text_ok(in->duties[i].subject, 1, ZONE_ITEM_MAX, false))
            return fault_set(f, ERR_INVALID, "responsibilities",
                             "Name for each responsibility the collective or the gemeente and "
                             "what it is responsible for, in at most 1000 characters.",
                             NULL);
    }
    if (in->n_initiatives < 0 || in->n_initiatives > ZONE_INITIATIVES_MAX)
        return fault_set(f, ERR_INVALID, "initiatives", "Name at most 10 initiatives.", NULL);
    for (int i = 0; i < in->n_initiatives; i++) {
        for (int k = 0; k < i; k++)
            if (in->initiatives[k] == in->initiatives[i])
                return fault_set(f, ERR_INVALID, "initiatives", "Name each initiative once.",
                                 NULL);
        struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM initiative WHERE id = ?");
        if (!st)
            return db_fault(db, f);
        db_bind_int(st, 1, in->initiatives[i]);
        enum db_rc rc = db_step(st);
        bool found = rc == DB_ROW && db_col_int(st, 0) > 0;
        db_done(st);
        if (rc == DB_ERROR)
            return db_fault(db, f);
        if (!found)
            return fault_set(f, ERR_INVALID, "initiatives", "There is no such initiative.", NULL);
    }
    return ERR_OK;
}

static enum err check_request(struct db *db, const struct zone_request *in, struct fault *f)
{
    int64_t from, to;
    if (!text_ok(in->title, 1, ZONE_TITLE_MAX, true))
        return fault_set(f, ERR_INVALID, "title", "Give a title of one line, 1 to 200 characters.",
                         NULL);
    if (!text_ok(in->reason, 1, ZONE_TEXT_MAX, false))
        return fault_set(f, ERR_INVALID, "reason", "Say why, in 1 to 5000 characters.", NULL);
    if (!text_ok(in->evaluation_plan, 1, ZONE_TEXT_MAX, false))
        return fault_set(f, ERR_INVALID, "evaluation_plan",
                         "Say how the zone will be evaluated, in 1 to 5000 characters.", NULL);
    if (!in->valid_from || !clock_parse_date(in->valid_from, &from))
        return fault_set(f, ERR_INVALID, "valid_from", "Give a date as YYYY-MM-DD.", NULL);
    if (!in->valid_to || !clock_parse_date(in->valid_to, &to))
        return fault_set(f, ERR_INVALID, "valid_to", "Give a date as YYYY-MM-DD.", NULL);
    if (to < from)
        return fault_set(f, ERR_INVALID, "valid_to", "A zone cannot end before it starts.", NULL);
    return check_lists(db, in, f);
}

/* Notifies the collective's board (board) and/or the gemeente's admins
 * (admins) of zone z, never the actor. */
static enum err notify_zone(struct db *db, const struct zone *z, bool board, bool admins,
                            const char *kind, const struct actor *act, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT person_id FROM collective_member WHERE ? = 1 AND collective_id = ? "
            "AND status = 'joined' AND board_role IS NOT NULL UNION "
            "SELECT person_id FROM role_grant WHERE ? = 1 AND role = 'municipality_admin' "
            "AND gemeente_code = ? AND revoked_at IS NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, board);
    db_bind_int(st, 2, z->collective_id);
    db_bind_int(st, 3, admins);
    db_bind_text(st, 4, z->gemeente_code);
    enum { PEOPLE_MAX = 200 };
    int64_t people[PEOPLE_MAX];
    int n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && n < PEOPLE_MAX)
        people[n++] = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    char path[40];
    snprintf(path, sizeof path, "/zones/%" PRId64, z->id);
    int64_t initiative = z->n_initiatives ? z->initiatives[0] : 0;
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < n; i++)
        if (people[i] != act->person_id)
            e = notify_about(db, people[i], kind, initiative, path, z->title, f);
    return e;
}

static enum err insert_lists(struct db *db, int64_t id, const struct zone_request *in,
                             struct fault *f)
{
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < in->n_rules; i++) {
        struct db_stmt *st = db_prepare(db, "INSERT INTO zone_rule (zone_id, position, reference, "
                                            "legal_basis, conditions) VALUES (?, ?, ?, ?, ?)");
        if (!st)
            return db_fault(db, f);
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, i);
        db_bind_text(st, 3, in->rules[i].reference);
        db_bind_text(st, 4, in->rules[i].legal_basis);
        db_bind_text(st, 5, in->rules[i].conditions ? in->rules[i].conditions : "");
        e = step_done(db, st, f);
    }
    for (int i = 0; e == ERR_OK && i < in->n_initiatives; i++) {
        struct db_stmt *st = db_prepare(db, "INSERT INTO zone_initiative (zone_id, initiative_id) "
                                            "VALUES (?, ?)");
        if (!st)
            return db_fault(db, f);
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, in->initiatives[i]);
        e = step_done(db, st, f);
    }
    for (int i = 0; e == ERR_OK && i < in->n_duties; i++) {
        struct db_stmt *st = db_prepare(db, "INSERT INTO zone_responsibility (zone_id, position, "
                                            "holder, subject) VALUES (?, ?, ?, ?)");
        if (!st)
            return db_fault(db, f);
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, i);
        db_bind_text(st, 3, in->duties[i].holder);
        db_bind_text(st, 4, in->duties[i].subject);
        e = step_done(db, st, f);
    }
    return e;
}

static enum err request_rows(struct db *db, const struct zone_request *in, const char *gemeente,
                             const struct actor *act, int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO zone (collective_id, gemeente_code, area_code, title, reason, "
            "evaluation_plan, valid_from, valid_to, status, requested_by, requested_capacity, "
            "requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'requested', ?, ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, in->collective_id);
    db_bind_text(st, 2, gemeente);
    db_bind_text(st, 3, in->area_code);
    db_bind_text(st, 4, in->title);
    db_bind_text(st, 5, in->reason);
    db_bind_text(st, 6, in->evaluation_plan);
    db_bind_text(st, 7, in->valid_from);
    db_bind_text(st, 8, in->valid_to);
    db_bind_int(st, 9, act->person_id);
    db_bind_text(st, 10, act->capacity);
    db_bind_int(st, 11, act->now);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    enum err e = insert_lists(db, *id, in, f);
    if (e == ERR_OK)
        e = record(db, act, "zone.request", *id, in->area_code,
                   json_pack("{sIsi}", "collective", (json_int_t)in->collective_id, "rules",
                             in->n_rules),
                   f);
    struct zone z = {.id = *id,
                     .collective_id = in->collective_id,
                     .gemeente_code = gemeente,
                     .title = in->title,
                     .initiatives = (int64_t *)in->initiatives,
                     .n_initiatives = in->n_initiatives};
    return e == ERR_OK ? notify_zone(db, &z, false, true, "zone_requested", act, f) : e;
}

enum err zone_request(struct db *db, const struct zone_request *in, const struct actor *act,
                      int64_t *id, struct fault *f)
{
    struct arena *a = arena_new();
    struct collective c;
    const char *gemeente = NULL;
    enum err e = authorise(db, in->collective_id, "", ACT_ZONE_REQUEST, act, f);
    if (e == ERR_OK)
        e = collective_get(db, a, in->collective_id, &c, f);
    if (e == ERR_OK)
        e = area_gemeente(db, a, in->area_code, &gemeente, f);
    if (e == ERR_OK)
        e = check_request(db, in, f);
    int64_t new_id = 0;
    bool own;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, request_rows(db, in, gemeente, act, &new_id, f), f);
    if (e == ERR_OK && id)
        *id = new_id;
    arena_free(a);
    return e;
}

/* Puts the zone's responsibilities into its initiatives' registers. */
static enum err feed_register(struct db *db, struct arena *a, const struct zone *z,
                              const struct actor *act, struct fault *f)
{
    enum err e = ERR_OK;
    for (int k = 0; e == ERR_OK && k < z->n_duties; k++) {
        bool gm = strcmp(z->duties[k].holder, "gemeente") == 0;
        struct responsibility_target t = {.put_to = gm ? "gemeente" : "initiators",
                                          .gemeente = gm ? z->gemeente_code : NULL};
        const char *answer = arena_printf(a, "%s (%s)", gm ? z->gemeente_name : z->collective_name,
                                          z->title);
        for (int i = 0; e == ERR_OK && i < z->n_initiatives; i++)
            e = responsibility_record(db, z->initiatives[i], z->duties[k].subject, answer, &t, 0,
                                      z->id, act, f);
    }
    return e;
}

static enum err decide_rows(struct db *db, struct arena *a, const struct zone *z, bool grant,
                            const char *ref, const char *note, const struct actor *act,
                            struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE zone SET status = ?, decided_by = ?, decided_capacity = ?, decided_at = ?, "
            "decision_ref = ?, decision_note = ? WHERE id = ? AND status = 'requested'");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, grant ? "granted" : "refused");
    db_bind_int(st, 2, act->person_id);
    db_bind_text(st, 3, act->capacity);
    db_bind_int(st, 4, act->now);
    db_bind_text(st, 5, ref && *ref ? ref : NULL);
    db_bind_text(st, 6, note && *note ? note : NULL);
    db_bind_int(st, 7, z->id);
    enum err e = step_done(db, st, f);
    if (e == ERR_OK && db_changes(db) == 0)
        return fault_set(f, ERR_CONFLICT, "zone", "This zone has been decided on already.", NULL);
    if (e == ERR_OK)
        e = record(db, act, grant ? "zone.grant" : "zone.refuse", z->id, z->area_code,
                   json_pack("{ss?}", "decision_ref", ref && *ref ? ref : NULL), f);
    if (e == ERR_OK && grant)
        e = feed_register(db, a, z, act, f);
    return e == ERR_OK ? notify_zone(db, z, true, false, "zone_decided", act, f) : e;
}

enum err zone_decide(struct db *db, int64_t id, bool grant, const char *decision_ref,
                     const char *note, const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct zone z;
    enum err e = zone_get(db, a, id, &z, f);
    if (e == ERR_OK)
        e = authorise(db, z.collective_id, z.gemeente_code, ACT_ZONE_GRANT, act, f);
    if (e == ERR_OK && !text_ok(decision_ref, grant ? 1 : 0, ZONE_REF_MAX, true))
        e = fault_set(f, ERR_INVALID, "decision_ref",
                      "Give the reference of the decision, one line of at most 200 characters.",
                      NULL);
    if (e == ERR_OK && !text_ok(note, grant ? 0 : 1, ZONE_TEXT_MAX, false))
        e = fault_set(f, ERR_INVALID, "note",
                      "Say why the zone is refused, in 1 to 5000 characters.", NULL);
    if (e == ERR_OK && strcmp(z.status, "requested") != 0)
        e = fault_set(f, ERR_CONFLICT, "zone", "This zone has been decided on already.", NULL);
    bool own;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, decide_rows(db, a, &z, grant, decision_ref, note, act, f), f);
    arena_free(a);
    return e;
}

enum err zone_end(struct db *db, int64_t id, const char *note, const struct actor *act,
                  struct fault *f)
{
    struct arena *a = arena_new();
    struct zone z;
    enum err e = zone_get(db, a, id, &z, f);
    if (e == ERR_OK)
        e = authorise(db, z.collective_id, z.gemeente_code, ACT_ZONE_END, act, f);
    if (e == ERR_OK && !text_ok(note, 1, ZONE_TEXT_MAX, false))
        e = fault_set(f, ERR_INVALID, "note", "Say why the zone ends early, in 1 to 5000 "
                                              "characters.", NULL);
    const char *today = agreement_today(a, act->now);
    const char *state = e == ERR_OK ? zone_state(&z, today) : "";
    if (e == ERR_OK && strcmp(state, "granted") != 0 && strcmp(state, "active") != 0)
        e = fault_set(f, ERR_CONFLICT, "zone", "Only a granted zone that has not ended can end.",
                      NULL);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK) {
        arena_free(a);
        return e;
    }
    struct db_stmt *st = db_prepare(db, "UPDATE zone SET status = 'ended', ended_by = ?, "
                                        "ended_at = ?, decision_note = ? "
                                        "WHERE id = ? AND status = 'granted'");
    e = st ? ERR_OK : db_fault(db, f);
    if (st) {
        db_bind_int(st, 1, act->person_id);
        db_bind_int(st, 2, act->now);
        db_bind_text(st, 3, note);
        db_bind_int(st, 4, id);
        e = step_done(db, st, f);
    }
    if (e == ERR_OK && db_changes(db) == 0)
        e = fault_set(f, ERR_CONFLICT, "zone", "Only a granted zone that has not ended can end.",
                      NULL);
    if (e == ERR_OK)
        e = record(db, act, "zone.end", id, z.area_code, NULL, f);
    if (e == ERR_OK)
        e = notify_zone(db, &z, true, false, "zone_evaluation_due", act, f);
    e = tx_end(db, own, e, f);
    arena_free(a);
    return e;
}

/* The relation that allows act to evaluate: the gemeente's admin or the
 * collective's board. */
enum err zone_evaluate(struct db *db, int64_t id, const char *evaluation, const struct actor *act,
                       struct fault *f)
{
    struct arena *a = arena_new();
    struct zone z;
    enum err e = zone_get(db, a, id, &z, f);
    if (e == ERR_OK)
        e = authorise(db, z.collective_id, z.gemeente_code, ACT_ZONE_EVALUATE, act, f);
    if (e == ERR_OK && !text_ok(evaluation, 1, ZONE_TEXT_MAX, false))
        e = fault_set(f, ERR_INVALID, "evaluation",
                      "Write the evaluation in 1 to 5000 characters.", NULL);
    const char *today = agreement_today(a, act->now);
    if (e == ERR_OK && strcmp(zone_state(&z, today), "ended") != 0)
        e = fault_set(f, ERR_CONFLICT, "zone", "A zone is evaluated once it has ended.", NULL);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK) {
        arena_free(a);
        return e;
    }
    struct db_stmt *st = db_prepare(db, "UPDATE zone SET evaluation = ?, evaluated_by = ?, "
                                        "evaluated_capacity = ?, evaluated_at = ? "
                                        "WHERE id = ? AND evaluation IS NULL");
    e = st ? ERR_OK : db_fault(db, f);
    if (st) {
        db_bind_text(st, 1, evaluation);
        db_bind_int(st, 2, act->person_id);
        db_bind_text(st, 3, act->capacity);
        db_bind_int(st, 4, act->now);
        db_bind_int(st, 5, id);
        e = step_done(db, st, f);
    }
    if (e == ERR_OK && db_changes(db) == 0)
        e = fault_set(f, ERR_CONFLICT, "zone", "This zone's evaluation is recorded already.",
                      NULL);
    if (e == ERR_OK)
        e = record(db, act, "zone.evaluate", id, z.area_code, NULL, f);
    e = tx_end(db, own, e, f);
    arena_free(a);
    return e;
}

static enum err remind_one(struct db *db, const struct zone *z, const struct actor *act,
                           bool *told, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "UPDATE zone SET reminded_at = ? WHERE id = ? "
                                        "AND reminded_at IS NULL AND evaluation IS NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->now);
    db_bind_int(st, 2, z->id);
    enum err e = step_done(db, st, f);
    *told = e == ERR_OK && db_changes(db) > 0;
    if (e == ERR_OK && *told)
        e = record(db, act, "zone.remind", z->id, z->area_code, NULL, f);
    if (e == ERR_OK && *told)
        e = notify_zone(db, z, true, true, "zone_evaluation_due", act, f);
    return e;
}

enum err zone_remind(struct db *db, const char *gemeente, const char *today,
                     const struct actor *act, int *told, struct fault *f)
{
    enum capacity cap = CAP_VISITOR;
    enum err e = capacity_is_console(act) ? ERR_OK : capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK && !capacity_is_console(act) && cap != CAP_PLATFORM_ADMIN)
        e = fault_set(f, ERR_FORBIDDEN, NULL,
                      "Only platform admins and the console send the reminders of evaluations.",
                      NULL);
    struct arena *a = arena_new();
    struct zone *zones = NULL;
    int n = 0, count = 0;
    if (e == ERR_OK)
        e = zone_list(db, a, gemeente, 0, &zones, &n, f);
    for (int i = 0; e == ERR_OK && i < n; i++) {
        if (!zone_evaluation_overdue(&zones[i], today))
            continue;
        bool own, one = false;
        if ((e = tx_begin(db, &own, f)) == ERR_OK)
            e = tx_end(db, own, remind_one(db, &zones[i], act, &one, f), f);
        count += one;
    }
    if (told)
        *told = count;
    arena_free(a);
    return e;
}
