/* Collectives, the writing half (see collective.h): founding, joining,
 * leaving, admitting advisers and setting the board. Each write asks the
 * policy table first, then checks its input, then writes in one
 * transaction (its own or the caller's) together with its public audit
 * entry. Every membership write first touches the collective's row, so
 * that concurrent changes of one collective's members queue behind each
 * other (PostgreSQL runs READ COMMITTED: each later statement then sees
 * what the one before committed) and the founding co-founders' second
 * join always makes the collective active. */
#include "model/collective.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/area.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/tx.h"

#define N_(msgid) (msgid)

static const char *const cofounder_fields[2] = {"cofounder1", "cofounder2"};

/* The qualifier of the claimed capacity ("BU..." of "resident:BU..."), or NULL. */
static const char *qualifier(const char *capacity)
{
    const char *colon = capacity ? strchr(capacity, ':') : NULL;
    return colon ? colon + 1 : NULL;
}

/* The buurt in which person_id holds a verified residency inside area (the
 * buurt itself or a buurt of the wijk), limited to the buurt `only` when
 * that is not NULL; *buurt NULL when there is none. */
static enum err resident_buurt(struct db *db, struct arena *a, int64_t person_id, const char *only,
                               const char *area, const char **buurt, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT r.buurt_code FROM residency r JOIN area b ON b.code = r.buurt_code "
            "WHERE r.person_id = ? AND r.status = 'verified' AND (b.code = ? OR b.parent_code = ?) "
            "AND (CAST(? AS TEXT) IS NULL OR r.buurt_code = ?) ORDER BY r.buurt_code");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, area);
    db_bind_text(st, 3, area);
    db_bind_text(st, 4, only);
    db_bind_text(st, 5, only);
    enum db_rc rc = db_step(st);
    *buurt = rc == DB_ROW ? arena_strdup(a, db_col_text(st, 0)) : NULL;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* The capacity act acts in, refused with the policy's reason when action
 * is not allowed in it even in the closest relation `best`. */
static enum err authorise_first(struct db *db, const struct actor *act, enum action action,
                                enum relation best, enum capacity *cap, struct fault *f)
{
    enum err e = capacity_of_actor(db, act, cap, f);
    if (e == ERR_OK && !policy_check(action, *cap, best).allowed)
        e = capacity_authorise(action, *cap, best, f);
    return e;
}

static enum err record(struct db *db, const char *action, const struct collective *c,
                       json_t *detail, const struct actor *act, struct fault *f)
{
    char object_id[24];
    snprintf(object_id, sizeof object_id, "%" PRId64, c->id);
    struct audit_entry entry = {.at = act->now,
                                .person_id = act->person_id,
                                .capacity = act->capacity,
                                .action = action,
                                .object_type = "collective",
                                .object_id = object_id,
                                .area_code = c->area_code,
                                .request_id = act->request_id,
                                .is_public = true,
                                .detail = detail};
    enum err e = audit_record(db, &entry, f);
    json_decref(detail);
    return e;
}

/* record, with whether the collective is sound after the change; then
 * the initiatives it owns are checked against invariant 1. */
static enum err record_membership(struct db *db, const char *action, const struct collective *c,
                                  json_t *detail, const struct actor *act, struct fault *f)
{
    struct collective_soundness s;
    enum err e = collective_soundness(db, c->id, &s, f);
    if (e != ERR_OK) {
        json_decref(detail);
        return e;
    }
    json_object_set_new(detail, "sound", json_boolean(s.sound));
    json_object_set_new(detail, "voting", json_integer(s.voting));
    json_object_set_new(detail, "residents", json_integer(s.residents));
    e = record(db, action, c, detail, act, f);
    /* the initiatives the collective owns freeze or thaw with it */
    return e == ERR_OK ? initiative_check_ownership_of(db, 0, c->id, act, f) : e;
}

/* Runs a statement binding (int a, int b, ...) as given; for the short
 * UPDATEs below. *changed is the number of rows it changed. */
static enum err run(struct db *db, struct db_stmt *st, int64_t *changed, struct fault *f)
{
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_last_was_constraint(db)
                   ? fault_set(f, ERR_CONFLICT, "collective",
                               N_("Someone changed this collective at the same moment; try "
                                  "again."),
                               NULL)
                   : db_fault(db, f);
    if (changed)
        *changed = db_changes(db);
    return ERR_OK;
}

/* Takes the collective's row for this transaction (see the top). */
static enum err lock(struct db *db, int64_t id, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "UPDATE collective SET status = status WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    return run(db, st, NULL, f);
}

/* ---- founding ---- */

static long line_chars(const char *s)
{
    if (!s || strpbrk(s, "\r\n"))
        return -1;
    return (long)utf8_count(s, strlen(s));
}

static enum err check_text(const struct collective *in, struct fault *f)
{
    long n = line_chars(in->name);
    if (n < 1 || n > COLLECTIVE_NAME_MAX || strspn(in->name, " \t") == strlen(in->name))
        return fault_set(f, ERR_INVALID, "name",
                         N_("Give the collective a name of 1 to 200 characters on one line."),
                         NULL);
    if (!collective_kind_valid(in->kind))
        return fault_set(f, ERR_INVALID, "kind",
                         N_("Choose the kind of collective: a trust, a community, a cooperative, "
                            "a bewonersbedrijf or an informal group."),
                         NULL);
    if (!collective_voting_rule_valid(in->voting_rule))
        return fault_set(f, ERR_INVALID, "voting_rule",
                         N_("Choose how the collective decides: by majority, by two thirds or by "
                            "consensus."),
                         NULL);
    if (in->statutes && utf8_count(in->statutes, strlen(in->statutes)) > COLLECTIVE_STATUTES_MAX)
        return fault_set(f, ERR_INVALID, "statutes", N_("Statutes have at most 20000 characters."),
                         NULL);
    return ERR_OK;
}

/* The area must be a buurt or a wijk that exists. */
static enum err check_area(struct db *db, struct arena *a, const char *code, struct fault *f)
{
    struct area ar;
    enum err e = code ? area_get(db, a, code, &ar, f) : ERR_NOT_FOUND;
    if (e == ERR_NOT_FOUND || e == ERR_INVALID)
        return fault_set(f, ERR_NOT_FOUND, "area", N_("There is no area with this code."), NULL);
    if (e == ERR_OK && ar.kind != AREA_BUURT && ar.kind != AREA_WIJK)
        return fault_set(f, ERR_INVALID, "area",
                         N_("A collective works in a buurt or a wijk: choose one."), NULL);
    return e;
}

static enum err check_cofounders(struct db *db, struct arena *a, const char *area,
                                 const int64_t co[2], int64_t founder, struct fault *f)
{
    for (int i = 0; i < 2; i++) {
        const char *buurt = NULL;
        if (co[i] <= 0)
            return fault_set(f, ERR_INVALID, cofounder_fields[i],
                             N_("Name two co-founders: verified residents of the collective's "
                                "area, by e-mail address or account number."),
                             NULL);
        if (co[i] == founder || (i == 1 && co[1] == co[0]))
            return fault_set(f, ERR_INVALID, cofounder_fields[i],
                             N_("A collective is founded by three different residents: name two "
                                "others than yourself."),
                             NULL);
        enum err e = resident_buurt(db, a, co[i], NULL, area, &buurt, f);
        if (e != ERR_OK)
            return e;
        if (!buurt)
            return fault_set(f, ERR_INVALID, cofounder_fields[i],
                             N_("Each co-founder must be a verified resident of the collective's "
                                "area."),
                             NULL);
    }
    return ERR_OK;
}

static enum err insert_collective(struct db *db, const struct collective *in,
                                  const struct actor *act, int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO collective (name, kind, area_code, voting_rule, statutes, status, "
            "founded_by, created_at) VALUES (?, ?, ?, ?, ?, 'founding', ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, in->name);
    db_bind_text(st, 2, in->kind);
    db_bind_text(st, 3, in->area_code);
    db_bind_text(st, 4, in->voting_rule);
    db_bind_text(st, 5, in->statutes ? in->statutes : "");
    db_bind_int(st, 6, act->person_id);
    db_bind_int(st, 7, act->now);
    enum db_rc rc = db_step(st);
    *id = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    return rc == DB_ROW ? ERR_OK : db_fault(db, f);
}

/* A member row: joined (capacity given) or named (capacity NULL). */
static enum err insert_member(struct db *db, int64_t id, int64_t person, const char *role,
                              const char *board_role, const char *capacity, int64_t added_by,
                              int64_t now, int64_t *changed, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO collective_member (collective_id, person_id, role, board_role, status, "
            "capacity, added_by, created_at, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, person);
    db_bind_text(st, 3, role);
    db_bind_text(st, 4, board_role);
    db_bind_text(st, 5, capacity ? "joined" : "named");
    db_bind_text(st, 6, capacity);
    if (added_by)
        db_bind_int(st, 7, added_by);
    else
        db_bind_null(st, 7);
    db_bind_int(st, 8, now);
    if (capacity)
        db_bind_int(st, 9, now);
    else
        db_bind_null(st, 9);
    return run(db, st, changed, f);
}

static enum err found_rows(struct db *db, struct collective *c, const int64_t co[2],
                           const char *capacity, const struct actor *act, struct fault *f)
{
    enum err e = insert_collective(db, c, act, &c->id, f);
    if (e == ERR_OK)
        e = insert_member(db, c->id, act->person_id, "member", "chair", capacity, 0, act->now, NULL,
                          f);
    if (e == ERR_OK)
        e = insert_member(db, c->id, co[0], "member", "secretary", NULL, act->person_id, act->now,
                          NULL, f);
    if (e == ERR_OK)
        e = insert_member(db, c->id, co[1], "member", "treasurer", NULL, act->person_id, act->now,
                          NULL, f);
    if (e == ERR_OK)
        e = record(db, "collective.create", c,
                   json_pack("{s:s, s:s, s:[I, I]}", "kind", c->kind, "voting_rule", c->voting_rule,
                             "cofounders", (json_int_t)co[0], (json_int_t)co[1]),
                   act, f);
    return e;
}

enum err collective_found(struct db *db, const struct collective *in, const int64_t cofounders[2],
                          const struct actor *act, int64_t *id, struct fault *f)
{
    enum capacity cap = CAP_VISITOR;
    const char *buurt = NULL;
    struct collective c = *in;
    struct arena *a = arena_new();
    enum err e = authorise_first(db, act, ACT_COLLECTIVE_CREATE, REL_MEMBER, &cap, f);
    if (e == ERR_OK)
        e = check_text(in, f);
    if (e == ERR_OK)
        e = check_area(db, a, in->area_code, f);
    if (e == ERR_OK)
        e = resident_buurt(db, a, act->person_id, qualifier(act->capacity), in->area_code, &buurt,
                           f);
    if (e == ERR_OK && !buurt)
        e = capacity_authorise(ACT_COLLECTIVE_CREATE, cap, REL_OTHER, f);
    if (e == ERR_OK)
        e = check_cofounders(db, a, in->area_code, cofounders, act->person_id, f);
    bool own = false;
    if (e == ERR_OK)
        e = tx_begin(db, &own, f);
    if (e == ERR_OK) {
        e = found_rows(db, &c, cofounders, arena_printf(a, "resident:%s", buurt), act, f);
        e = tx_end(db, own, e, f);
    }
    arena_free(a);
    if (e == ERR_OK && id)
        *id = c.id;
    return e;
}

/* ---- joining and leaving ---- */

/* Makes the collective active when no named co-founder is left. */
static enum err maybe_activate(struct db *db, int64_t id, int64_t now, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE collective SET status = 'active', activated_at = ? WHERE id = ? AND "
            "status = 'founding' AND NOT EXISTS (SELECT 1 FROM collective_member m WHERE "
            "m.collective_id = ? AND m.status = 'named')");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, id);
    db_bind_int(st, 3, id);
    return run(db, st, NULL, f);
}

/* The named co-founder's consent: their row turns joined. */
static enum err join_named(struct db *db, int64_t id, const char *capacity, const struct actor *act,
                           int64_t *changed, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE collective_member SET status = 'joined', capacity = ?, joined_at = ? "
            "WHERE collective_id = ? AND person_id = ? AND status = 'named'");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, capacity);
    db_bind_int(st, 2, act->now);
    db_bind_int(st, 3, id);
    db_bind_int(st, 4, act->person_id);
    enum err e = run(db, st, changed, f);
    return e == ERR_OK && *changed ? maybe_activate(db, id, act->now, f) : e;
}

static enum err join_rows(struct db *db, const struct collective *c, const char *capacity,
                          const struct actor *act, struct fault *f)
{
    int64_t changed = 0;
    enum err e = lock(db, c->id, f);
    if (e == ERR_OK)
        e = join_named(db, c->id, capacity, act, &changed, f);
    if (e == ERR_OK && !changed && strcmp(c->status, "active") == 0)
        e = insert_member(db, c->id, act->person_id, "member", NULL, capacity, 0, act->now,
                          &changed, f);
    if (e == ERR_OK && !changed) {
        bool member = false;
        e = collective_is_voting_member(db, c->id, act->person_id, &member, f);
        if (e == ERR_OK && (member || strcmp(c->status, "active") == 0))
            return fault_set(f, ERR_CONFLICT, "collective",
                             N_("You are a member or adviser of this collective already."), NULL);
        if (e == ERR_OK)
            return fault_set(f, ERR_FORBIDDEN, "collective",
                             N_("While a collective is being founded, only the co-founders its "
                                "founder named join it."),
                             NULL);
    }
    if (e == ERR_OK)
        e = record_membership(db, "collective.join", c, json_object(), act, f);
    return e;
}

enum err collective_join(struct db *db, int64_t id, const struct actor *act, struct fault *f)
{
    enum capacity cap = CAP_VISITOR;
    const char *buurt = NULL;
    struct collective c;
    struct arena *a = arena_new();
    enum err e = authorise_first(db, act, ACT_COLLECTIVE_JOIN, REL_OTHER, &cap, f);
    if (e == ERR_OK)
        e = collective_get(db, a, id, &c, f);
    if (e == ERR_OK)
        e = resident_buurt(db, a, act->person_id, qualifier(act->capacity), c.area_code, &buurt, f);
    if (e == ERR_OK && !buurt)
        e = fault_set(f, ERR_FORBIDDEN, "collective",
                      N_("Only verified residents of the collective's area join it as members."),
                      NULL);
    bool own = false;
    if (e == ERR_OK)
        e = tx_begin(db, &own, f);
    if (e == ERR_OK)
        e = tx_end(db, own, join_rows(db, &c, arena_printf(a, "resident:%s", buurt), act, f), f);
    arena_free(a);
    return e;
}

/* act's standing membership: *rel INITIATOR for a board member (or a named
 * co-founder with a board role to come), MEMBER for another, OTHER for
 * none. */
static enum err relation_of(struct db *db, int64_t id, int64_t person, enum relation *rel,
                            struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT board_role FROM collective_member WHERE collective_id = ? AND person_id = ? "
            "AND status IN ('named', 'joined')");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, person);
    enum db_rc rc = db_step(st);
    *rel = rc != DB_ROW ? REL_OTHER : db_col_is_null(st, 0) ? REL_MEMBER : REL_INITIATOR;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err leave_rows(struct db *db, const struct collective *c, const struct actor *act,
                           struct fault *f)
{
    int64_t changed = 0;
    enum err e = lock(db, c->id, f);
    struct db_stmt *st = e == ERR_OK ? db_prepare(db, "UPDATE collective_member SET status = "
                                                      "'left', left_at = ?, board_role = NULL "
                                                      "WHERE collective_id = ? AND person_id = ? "
                                                      "AND status IN ('named', 'joined')")
                                     : NULL;
    if (e == ERR_OK && !st)
        return db_fault(db, f);
    if (e == ERR_OK) {
        db_bind_int(st, 1, act->now);
        db_bind_int(st, 2, c->id);
        db_bind_int(st, 3, act->person_id);
        e = run(db, st, &changed, f);
    }
    if (e == ERR_OK && !changed)
        return fault_set(f, ERR_CONFLICT, "collective",
                         N_("You are not a member of this collective."), NULL);
    if (e == ERR_OK)
        e = record_membership(db, "collective.leave", c, json_object(), act, f);
    return e;
}

enum err collective_leave(struct db *db, int64_t id, const struct actor *act, struct fault *f)
{
    enum capacity cap = CAP_VISITOR;
    enum relation rel = REL_OTHER;
    struct collective c;
    struct arena *a = arena_new();
    enum err e = authorise_first(db, act, ACT_COLLECTIVE_LEAVE, REL_INITIATOR, &cap, f);
    if (e == ERR_OK)
        e = collective_get(db, a, id, &c, f);
    if (e == ERR_OK)
        e = relation_of(db, id, act->person_id, &rel, f);
    if (e == ERR_OK)
        e = capacity_authorise(ACT_COLLECTIVE_LEAVE, cap, rel, f);
    bool own = false;
    if (e == ERR_OK)
        e = tx_begin(db, &own, f);
    if (e == ERR_OK)
        e = tx_end(db, own, leave_rows(db, &c, act, f), f);
    arena_free(a);
    return e;
}

/* ---- the board's acts ---- */

/* The board's authority over collective id: act is a board member who
 * joined, acting as a resident, and the collective is loaded into *c. */
static enum err board_acts(struct db *db, struct arena *a, int64_t id, enum action action,
                           const struct actor *act, struct collective *c, struct fault *f)
{
    enum capacity cap = CAP_VISITOR;
    bool board = false;
    enum err e = authorise_first(db, act, action, REL_INITIATOR, &cap, f);
    if (e == ERR_OK)
        e = collective_get(db, a, id, c, f);
    if (e == ERR_OK)
        e = collective_is_board_member(db, id, act->person_id, &board, f);
    if (e == ERR_OK)
        e = capacity_authorise(action, cap, board ? REL_INITIATOR : REL_OTHER, f);
    if (e == ERR_OK && strcmp(c->status, "active") != 0)
        e = fault_set(f, ERR_CONFLICT, "collective",
                      N_("This collective is still being founded: its board acts once both "
                         "co-founders have joined."),
                      NULL);
    return e;
}

/* The professional capacity person holds ("professional:17"), or NULL. */
static enum err professional_of(struct db *db, struct arena *a, int64_t person,
                                const char **capacity, struct fault *f)
{
    struct capacity_held *held = NULL;
    int n = 0;
    enum err e = capacity_list(db, a, person, &held, &n, f);
    *capacity = NULL;
    for (int i = 0; e == ERR_OK && i < n && !*capacity; i++)
        if (held[i].capacity == CAP_PROFESSIONAL)
            *capacity = arena_printf(a, "professional:%s", held[i].qualifier);
    return e;
}

enum err collective_admit_adviser(struct db *db, int64_t id, int64_t person_id,
                                  const struct actor *act, struct fault *f)
{
    struct collective c;
    const char *capacity = NULL;
    int64_t changed = 0;
    struct arena *a = arena_new();
    enum err e = board_acts(db, a, id, ACT_COLLECTIVE_MANAGE_MEMBERS, act, &c, f);
    if (e == ERR_OK)
        e = professional_of(db, a, person_id, &capacity, f);
    if (e == ERR_OK && !capacity)
        e = fault_set(f, ERR_INVALID, "person",
                      N_("Advisers are professionals: this person holds no confirmed post at an "
                         "organisation. Residents join the collective as members themselves."),
                      NULL);
    bool own = false;
    if (e == ERR_OK)
        e = tx_begin(db, &own, f);
    if (e == ERR_OK) {
        e = lock(db, id, f);
        if (e == ERR_OK)
            e = insert_member(db, id, person_id, "adviser", NULL, capacity, act->person_id,
                              act->now, &changed, f);
        if (e == ERR_OK && !changed)
            e = fault_set(f, ERR_CONFLICT, "person",
                          N_("This person is a member or adviser of this collective already."),
                          NULL);
        if (e == ERR_OK)
            e = record_membership(db, "collective.admit_adviser", &c,
                                  json_pack("{s:I}", "adviser", (json_int_t)person_id), act, f);
        e = tx_end(db, own, e, f);
    }
    arena_free(a);
    return e;
}

/* The role a joined member holds in collective id: "member", "adviser" or
 * NULL when none. */
static enum err member_role(struct db *db, struct arena *a, int64_t id, int64_t person,
                            const char **role, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT role FROM collective_member WHERE collective_id = ? AND person_id = ? AND "
            "status = 'joined'");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, person);
    enum db_rc rc = db_step(st);
    *role = rc == DB_ROW ? arena_strdup(a, db_col_text(st, 0)) : NULL;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err check_board(struct db *db, struct arena *a, int64_t id, const int64_t h[3],
                            struct fault *f)
{
    const char *const *roles = collective_board_roles();
    if (h[0] <= 0 && h[1] <= 0 && h[2] <= 0)
        return fault_set(f, ERR_INVALID, "chair",
                         N_("A collective needs a board: name at least one member to it."), NULL);
    for (int i = 0; i < 3; i++) {
        const char *role = NULL;
        if (h[i] <= 0)
            continue;
        for (int j = 0; j < i; j++)
            if (h[j] == h[i])
                return fault_set(f, ERR_INVALID, roles[i],
                                 N_("One person holds one board role at most."), NULL);
        enum err e = member_role(db, a, id, h[i], &role, f);
        if (e != ERR_OK)
            return e;
        if (role && strcmp(role, "adviser") == 0)
            return fault_set(f, ERR_FORBIDDEN, roles[i],
                             N_("Professionals facilitate: advisers never sit on the board of a "
                                "collective. Only its voting members, who are residents, do."),
                             NULL);
        if (!role)
            return fault_set(f, ERR_INVALID, roles[i],
                             N_("Only members of the collective sit on its board."), NULL);
    }
    return ERR_OK;
}

static enum err board_rows(struct db *db, int64_t id, const int64_t h[3], struct fault *f)
{
    const char *const *roles = collective_board_roles();
    struct db_stmt *st = db_prepare(db, "UPDATE collective_member SET board_role = NULL WHERE "
                                        "collective_id = ? AND board_role IS NOT NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum err e = run(db, st, NULL, f);
    for (int i = 0; e == ERR_OK && i < 3; i++) {
        int64_t changed = 0;
        if (h[i] <= 0)
            continue;
        st = db_prepare(db, "UPDATE collective_member SET board_role = ? WHERE collective_id = ? "
                            "AND person_id = ? AND status = 'joined' AND role = 'member'");
        if (!st)
            return db_fault(db, f);
        db_bind_text(st, 1, roles[i]);
        db_bind_int(st, 2, id);
        db_bind_int(st, 3, h[i]);
        e = run(db, st, &changed, f);
        if (e == ERR_OK && !changed)
            e = fault_set(f, ERR_CONFLICT, roles[i],
                          N_("This member left the collective in the meantime; choose again."),
                          NULL);
    }
    return e;
}

enum err collective_set_board(struct db *db, int64_t id, const int64_t holders[3],
                              const struct actor *act, struct fault *f)
{
    struct collective c;
    struct arena *a = arena_new();
    enum err e = board_acts(db, a, id, ACT_COLLECTIVE_EDIT, act, &c, f);
    if (e == ERR_OK)
        e = check_board(db, a, id, holders, f);
    bool own = false;
    if (e == ERR_OK)
        e = tx_begin(db, &own, f);
    if (e == ERR_OK) {
        e = lock(db, id, f);
        if (e == ERR_OK)
            e = board_rows(db, id, holders, f);
        if (e == ERR_OK)
            e = record(db, "collective.set_board", &c,
                       /* chair, secretary, treasurer; 0 vacant (no key may say
                        * "secret", audit.c refuses it) */
                       json_pack("{s:[I, I, I]}", "board", (json_int_t)holders[0],
                                 (json_int_t)holders[1], (json_int_t)holders[2]),
                       act, f);
        e = tx_end(db, own, e, f);
    }
    arena_free(a);
    return e;
}
