/* Conflict cases: raising one, reading it, the lists and the monitor's
 * counts (see conflict.h). The writes on a case that exists are in
 * conflict_step.c. Whether someone takes part in an initiative or a
 * collective is one query (PARTICIPANT_SQL), used for the raiser and for
 * every party named. */
#include "model/conflict.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/notification.h"
#include "model/tx.h"

static const char *const steps[] = {"raised",    "conversation", "mediation",
                                    "agreement", "closed",       NULL};

bool conflict_step_valid(const char *step)
{
    for (int i = 0; step && steps[i]; i++)
        if (strcmp(step, steps[i]) == 0)
            return true;
    return false;
}

/* Whether s holds something besides spaces, tabs and line breaks. */
static bool has_text(const char *s)
{
    return s && strspn(s, " \t\r\n") < strlen(s);
}

enum err conflict_input_check(const struct conflict_input *in, struct fault *f)
{
    if ((in->initiative_id > 0) == (in->collective_id > 0))
        return fault_set(f, ERR_INVALID, "about",
                         "Say which initiative or collective the conflict is about.", NULL);
    size_t len = in->matter ? strlen(in->matter) : 0;
    if (!has_text(in->matter) || !utf8_valid(in->matter, len) ||
        utf8_has_controls(in->matter, len, true) ||
        utf8_count(in->matter, len) > CONFLICT_MATTER_MAX)
        return fault_set(f, ERR_INVALID, "matter",
                         "Describe what the conflict is about in at most 2000 characters.", NULL);
    if (in->n_parties < 1 || in->n_parties > CONFLICT_PARTIES_MAX)
        return fault_set(f, ERR_INVALID, "parties",
                         "Name between one and ten other people involved.", NULL);
    for (int i = 0; i < in->n_parties; i++) {
        if (in->parties[i] <= 0)
            return fault_set(f, ERR_INVALID, "parties",
                             "Name only people who take part in this initiative or collective.",
                             NULL);
        for (int j = 0; j < i; j++)
            if (in->parties[j] == in->parties[i])
                return fault_set(f, ERR_INVALID, "parties", "Name each person once.", NULL);
    }
    return ERR_OK;
}

enum err conflict_parties_parse(struct db *db, struct arena *a, const char *text, int64_t **ids,
                                int *n, struct fault *f)
{
    static const char seps[] = ",; \t\r\n";
    *ids = arena_array(a, CONFLICT_PARTIES_MAX, sizeof **ids);
    *n = 0;
    for (const char *p = text ? text : ""; *(p += strspn(p, seps));) {
        size_t len = strcspn(p, seps);
        if (*n == CONFLICT_PARTIES_MAX)
            return fault_set(f, ERR_INVALID, "parties",
                             "Name between one and ten other people involved.", NULL);
        enum err e = collective_person_ref(db, a, arena_strndup(a, p, len), &(*ids)[*n], f);
        if (e != ERR_OK)
            return e;
        (*n)++;
        p += len;
    }
    return ERR_OK;
}

/* A current initiator, a resident with an active pledge, a board member of
 * the owning collective (for an initiative); a joined member (for a
 * collective). Binds: person, initiative x3, collective. */
#define PARTICIPANT_SQL                                                                            \
    "SELECT COUNT(*) FROM person p WHERE p.id = ? AND p.erased_at IS NULL AND ("                   \
    "EXISTS (SELECT 1 FROM initiative_initiator x WHERE x.initiative_id = ? AND "                  \
    "x.person_id = p.id AND x.until_at IS NULL) OR "                                               \
    "EXISTS (SELECT 1 FROM pledge x WHERE x.initiative_id = ? AND x.person_id = p.id AND "         \
    "x.status = 'active') OR "                                                                     \
    "EXISTS (SELECT 1 FROM initiative i JOIN collective_member m ON m.collective_id = "            \
    "i.collective_id WHERE i.id = ? AND m.person_id = p.id AND m.status = 'joined' AND "           \
    "m.board_role IS NOT NULL) OR "                                                                \
    "EXISTS (SELECT 1 FROM collective_member m WHERE m.collective_id = ? AND "                     \
    "m.person_id = p.id AND m.status = 'joined'))"

static enum err is_participant(struct db *db, const struct conflict_input *in, int64_t person_id,
                               bool *yes, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, PARTICIPANT_SQL);
    *yes = false;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    for (int i = 2; i <= 4; i++)
        db_bind_int(st, i, in->initiative_id);
    db_bind_int(st, 5, in->collective_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *yes = db_col_int(st, 0) > 0;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* The area a case about in is counted in; ERR_NOT_FOUND, field "about",
 * for an unknown initiative or collective. */
static enum err area_of(struct db *db, struct arena *a, const struct conflict_input *in,
                        const char **area, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT (SELECT MIN(x.buurt_code) FROM initiative_area x WHERE x.initiative_id = i.id) "
            "FROM initiative i WHERE i.id = ? UNION ALL SELECT c.area_code FROM collective c "
            "WHERE c.id = ?");
    *area = NULL;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, in->initiative_id);
    db_bind_int(st, 2, in->collective_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *area = db_col_text_dup(st, 0, a);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (!*area)
        return fault_set(f, ERR_NOT_FOUND, "about", "There is no such initiative or collective.",
                         NULL);
    return ERR_OK;
}

/* The checks of raising, in order: what it is about, the policy, the
 * raiser's participation, the input, each party's participation. */
static enum err raise_check(struct db *db, struct arena *a, const struct conflict_input *in,
                            const struct actor *act, const char **area, struct fault *f)
{
    struct conflict_input about = {in->initiative_id, in->collective_id, "-", NULL, 1};
    int64_t one = 1;
    about.parties = &one;
    enum err e = conflict_input_check(&about, f);
    if (e == ERR_OK)
        e = area_of(db, a, in, area, f);
    bool takes_part = false;
    if (e == ERR_OK)
        e = is_participant(db, in, act->person_id, &takes_part, f);
    if (e == ERR_OK)
        e = capacity_check(db, act, ACT_CONFLICT_RAISE, takes_part ? REL_MEMBER : REL_OTHER, f);
    if (e == ERR_OK && !takes_part)
        e = fault_set(f, ERR_FORBIDDEN, NULL,
                      "Only people who take part in this initiative or collective raise a "
                      "conflict case about it.",
                      NULL);
    if (e == ERR_OK)
        e = conflict_input_check(in, f);
    for (int i = 0; e == ERR_OK && i < in->n_parties; i++) {
        bool yes = false;
        e = is_participant(db, in, in->parties[i], &yes, f);
        if (e == ERR_OK && (!yes || in->parties[i] == act->person_id))
            e = fault_set(f, ERR_INVALID, "parties",
                          "Name only other people who take part in this initiative or "
                          "collective, by the e-mail address of their account.",
                          NULL);
    }
    return e;
}

static enum err run(struct db *db, struct db_stmt *st, int64_t *id, struct fault *f)
{
    if (!st)
        return db_fault(db, f);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW && id)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static void bind_opt(struct db_stmt *st, int i, int64_t v)
{
    if (v > 0)
        db_bind_int(st, i, v);
    else
        db_bind_null(st, i);
}

static enum err insert_case(struct db *db, const struct conflict_input *in, const char *area,
                            const struct actor *act, int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO conflict_case (initiative_id, collective_id, area_code, matter, step, "
            "raised_by, raised_capacity, created_at, updated_at) VALUES (?, ?, ?, ?, 'raised', ?, "
            "?, ?, ?) RETURNING id");
    if (st) {
        bind_opt(st, 1, in->initiative_id);
        bind_opt(st, 2, in->collective_id);
        db_bind_text(st, 3, area);
        db_bind_text(st, 4, in->matter);
        db_bind_int(st, 5, act->person_id);
        db_bind_text(st, 6, act->capacity);
        db_bind_int(st, 7, act->now);
        db_bind_int(st, 8, act->now);
    }
    return run(db, st, id, f);
}

static enum err insert_party(struct db *db, int64_t case_id, int64_t person_id, int64_t now,
                             struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO conflict_party (case_id, person_id, added_at) VALUES (?, ?, ?)");
    if (st) {
        db_bind_int(st, 1, case_id);
        db_bind_int(st, 2, person_id);
        db_bind_int(st, 3, now);
    }
    return run(db, st, NULL, f);
}

static enum err record_raise(struct db *db, int64_t id, int parties, const struct actor *act,
                             struct fault *f)
{
    char object_id[24];
    snprintf(object_id, sizeof object_id, "%" PRId64, id);
    json_t *detail = json_pack("{s:i}", "parties", parties);
    struct audit_entry entry = {
        .at = act->now,
        .person_id = act->person_id,
        .capacity = act->capacity,
        .action = "conflict.raise",
        .object_type = "conflict_case",
        .object_id = object_id,
        .request_id = act->request_id,
        .is_public = false,
        .detail = detail,
    };
    enum err e = audit_record(db, &entry, f);
    json_decref(detail);
    return e;
}

/* The case, its parties, its first step, the audit entry and the named
 * parties' notifications, in the caller's transaction. */
static enum err raise_write(struct db *db, struct arena *a, const struct conflict_input *in,
                            const char *area, const struct actor *act, int64_t *id, struct fault *f)
{
    enum err e = insert_case(db, in, area, act, id, f);
    if (e == ERR_OK)
        e = insert_party(db, *id, act->person_id, act->now, f);
    for (int i = 0; e == ERR_OK && i < in->n_parties; i++)
        e = insert_party(db, *id, in->parties[i], act->now, f);
    if (e == ERR_OK) {
        struct db_stmt *st = db_prepare(
            db, "INSERT INTO conflict_step (case_id, kind, record, person_id, capacity, at) "
                "VALUES (?, 'raised', '', ?, ?, ?)");
        if (st) {
            db_bind_int(st, 1, *id);
            db_bind_int(st, 2, act->person_id);
            db_bind_text(st, 3, act->capacity);
            db_bind_int(st, 4, act->now);
        }
        e = run(db, st, NULL, f);
    }
    if (e == ERR_OK)
        e = record_raise(db, *id, in->n_parties + 1, act, f);
    const char *path = arena_printf(a, "/conflicts/%" PRId64, *id);
    for (int i = 0; e == ERR_OK && i < in->n_parties; i++)
        e = notify_about(db, in->parties[i], "conflict_raised", in->initiative_id, path, NULL, f);
    return e;
}

enum err conflict_raise(struct db *db, struct arena *a, const struct conflict_input *in,
                        const struct actor *act, int64_t *id, struct fault *f)
{
    const char *area = NULL;
    enum err e = raise_check(db, a, in, act, &area, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    int64_t new_id = 0;
    e = tx_end(db, own, raise_write(db, a, in, area, act, &new_id, f), f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

static enum err not_found(struct fault *f)
{
    return fault_set(f, ERR_NOT_FOUND, NULL, "There is no such conflict case.", NULL);
}

static enum err load_case(struct db *db, struct arena *a, int64_t id, struct conflict_case *c,
                          bool *found, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT c.id, c.initiative_id, c.collective_id, COALESCE(i.title, co.name), "
            "c.area_code, c.matter, c.step, c.raised_by, c.mediator_id, mp.display_name, "
            "c.mediator_capacity, c.agreement_text, c.agreement_version, c.created_at, "
            "c.updated_at, c.closed_at FROM conflict_case c LEFT JOIN initiative i ON i.id = "
            "c.initiative_id LEFT JOIN collective co ON co.id = c.collective_id LEFT JOIN "
            "person mp ON mp.id = c.mediator_id WHERE c.id = ?");
    *found = false;
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *found = true;
        *c = (struct conflict_case){
            .id = db_col_int(st, 0),
            .initiative_id = db_col_int(st, 1),
            .collective_id = db_col_int(st, 2),
            .about_title = db_col_text_dup(st, 3, a),
            .area_code = db_col_text_dup(st, 4, a),
            .matter = db_col_text_dup(st, 5, a),
            .step = db_col_text_dup(st, 6, a),
            .raised_by = db_col_int(st, 7),
            .mediator_id = db_col_int(st, 8),
            .mediator_name = db_col_text_dup(st, 9, a),
            .mediator_capacity = db_col_text_dup(st, 10, a),
            .agreement_text = db_col_text_dup(st, 11, a),
            .agreement_version = (int)db_col_int(st, 12),
            .created_at = db_col_int(st, 13),
            .updated_at = db_col_int(st, 14),
            .closed_at = db_col_int(st, 15),
        };
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err load_parties(struct db *db, struct arena *a, struct conflict_case *c,
                             struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT cp.person_id, p.display_name, p.erased_at, cp.choice_id, q.display_name, "
            "cp.choice_capacity, cp.confirmed_version FROM conflict_party cp JOIN person p ON "
            "p.id = cp.person_id LEFT JOIN person q ON q.id = cp.choice_id WHERE cp.case_id = ? "
            "ORDER BY cp.added_at, cp.person_id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, c->id);
    c->parties = arena_array(a, CONFLICT_PARTIES_MAX + 1, sizeof *c->parties);
    c->n_parties = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && c->n_parties <= CONFLICT_PARTIES_MAX)
        c->parties[c->n_parties++] = (struct conflict_party){
            .person_id = db_col_int(st, 0),
            .name = db_col_text_dup(st, 1, a),
            .erased = !db_col_is_null(st, 2),
            .choice_id = db_col_int(st, 3),
            .choice_name = db_col_text_dup(st, 4, a),
            .choice_capacity = db_col_text_dup(st, 5, a),
            .confirmed_version = (int)db_col_int(st, 6),
        };
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err load_steps(struct db *db, struct arena *a, struct conflict_case *c, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM conflict_step WHERE case_id = ?");
    int64_t count = 0;
    if (st)
        db_bind_int(st, 1, c->id);
    enum err e = run(db, st, &count, f);
    if (e != ERR_OK)
        return e;
    st = db_prepare(db, "SELECT s.id, s.kind, s.record, s.person_id, p.display_name, s.capacity, "
                        "s.at FROM conflict_step s JOIN person p ON p.id = s.person_id "
                        "WHERE s.case_id = ? ORDER BY s.id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, c->id);
    c->steps = arena_array(a, (size_t)count + 1, sizeof *c->steps);
    c->n_steps = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && c->n_steps < count)
        c->steps[c->n_steps++] = (struct conflict_step){
            .id = db_col_int(st, 0),
            .kind = db_col_text_dup(st, 1, a),
            .record = db_col_text_dup(st, 2, a),
            .person_id = db_col_int(st, 3),
            .person_name = db_col_text_dup(st, 4, a),
            .capacity = db_col_text_dup(st, 5, a),
            .at = db_col_int(st, 6),
        };
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* act's relation to case c: a party (OWN), the mediator (MEMBER) or
 * neither (OTHER). */
static enum err viewer_of(struct db *db, const struct conflict_case *c, const struct actor *act,
                          enum relation *rel, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT COUNT(*) FROM conflict_party WHERE case_id = ? AND person_id = ?");
    int64_t party = 0;
    if (st) {
        db_bind_int(st, 1, c->id);
        db_bind_int(st, 2, act->person_id);
    }
    enum err e = run(db, st, &party, f);
    *rel = party                                                       ? REL_OWN
           : (c->mediator_id != 0 && c->mediator_id == act->person_id) ? REL_MEMBER
                                                                       : REL_OTHER;
    return e;
}

enum err conflict_get(struct db *db, struct arena *a, int64_t id, const struct actor *act,
                      struct conflict_case *out, struct fault *f)
{
    bool found = false;
    enum err e = load_case(db, a, id, out, &found, f);
    if (e != ERR_OK)
        return e;
    if (!found || act->person_id <= 0)
        return not_found(f);
    e = viewer_of(db, out, act, &out->viewer, f);
    if (e != ERR_OK)
        return e;
    struct fault why = {0};
    e = out->viewer == REL_OTHER ? ERR_FORBIDDEN
                                 : capacity_check(db, act, ACT_CONFLICT_VIEW, out->viewer, &why);
    if (e == ERR_FORBIDDEN)
        return not_found(f);
    if (e != ERR_OK)
        return f ? (*f = why, e) : e;
    e = load_parties(db, a, out, f);
    return e == ERR_OK ? load_steps(db, a, out, f) : e;
}

enum err conflict_list_mine(struct db *db, struct arena *a, const struct actor *act,
                            struct conflict_row **items, int *n, struct fault *f)
{
    *items = arena_array(a, CONFLICT_LIST_MAX, sizeof **items);
    *n = 0;
    struct fault why = {0};
    enum err e = capacity_check(db, act, ACT_CONFLICT_VIEW, REL_OWN, &why);
    if (e == ERR_FORBIDDEN || act->person_id <= 0)
        return ERR_OK;
    if (e != ERR_OK)
        return f ? (*f = why, e) : e;
    struct db_stmt *st = db_prepare(
        db, "SELECT c.id, COALESCE(i.title, co.name), c.step, c.mediator_id, c.updated_at "
            "FROM conflict_case c LEFT JOIN initiative i ON i.id = c.initiative_id LEFT JOIN "
            "collective co ON co.id = c.collective_id WHERE c.mediator_id = ? OR EXISTS (SELECT "
            "1 FROM conflict_party cp WHERE cp.case_id = c.id AND cp.person_id = ?) "
            "ORDER BY c.updated_at DESC, c.id DESC LIMIT 200");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->person_id);
    db_bind_int(st, 2, act->person_id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && *n < CONFLICT_LIST_MAX)
        (*items)[(*n)++] = (struct conflict_row){
            .id = db_col_int(st, 0),
            .about_title = db_col_text_dup(st, 1, a),
            .step = db_col_text_dup(st, 2, a),
            .mediator = db_col_int(st, 3) == act->person_id,
            .updated_at = db_col_int(st, 4),
        };
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static int suppressed(int64_t count)
{
    return count < CONFLICT_COUNT_MIN ? CONFLICT_FEWER : (int)count;
}

enum err conflict_area_counts(struct db *db, const char *area_code, struct conflict_counts *out,
                              struct fault *f)
{
    *out = (struct conflict_counts){CONFLICT_FEWER, CONFLICT_FEWER};
    struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM area WHERE code = ?");
    int64_t known = 0;
    if (st)
        db_bind_text(st, 1, area_code ? area_code : "");
    enum err e = run(db, st, &known, f);
    if (e != ERR_OK)
        return e;
    if (!known)
        return fault_set(f, ERR_NOT_FOUND, NULL, "There is no such area.", NULL);
    st = db_prepare(
        db, "SELECT COALESCE(SUM(CASE WHEN c.closed_at IS NULL THEN 1 ELSE 0 END), 0), "
            "COALESCE(SUM(CASE WHEN c.closed_at IS NULL THEN 0 ELSE 1 END), 0) FROM conflict_case "
            "c JOIN area b ON b.code = c.area_code LEFT JOIN area w ON w.code = b.parent_code "
            "WHERE b.code = ? OR b.parent_code = ? OR w.parent_code = ?");
    if (!st)
        return db_fault(db, f);
    for (int i = 1; i <= 3; i++)
        db_bind_text(st, i, area_code);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *out =
            (struct conflict_counts){suppressed(db_col_int(st, 0)), suppressed(db_col_int(st, 1))};
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}
