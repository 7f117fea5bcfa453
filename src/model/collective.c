/* Collectives, the reading half (see collective.h): loading one, its
 * members, the lists by area, and the two-thirds rule. The rule is computed
 * from the rows each time it is asked -- the voting members who joined,
 * and of them those with a verified residency in the collective's area
 * now -- so there is no stored flag that a residency ending elsewhere could
 * leave stale. The writes are in collective_write.c. */
#include "model/collective.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/capacity.h"

#define N_(msgid) (msgid)

/* Whether the member row m holds a verified residency in collective c's
 * area (the buurt itself, or a buurt of the wijk): a fragment the queries
 * below share, with m and c as their aliases. */
#define RESIDENT_OF_AREA                                                                           \
    "EXISTS (SELECT 1 FROM residency r JOIN area b ON b.code = r.buurt_code "                      \
    "WHERE r.person_id = m.person_id AND r.status = 'verified' "                                   \
    "AND (b.code = c.area_code OR b.parent_code = c.area_code))"

static const char *const kinds[] = {"trust",           "community",      "cooperative",
                                    "bewonersbedrijf", "informal_group", NULL};
static const char *const rules[] = {"majority", "two_thirds", "consensus", NULL};
static const char *const board_roles[] = {"chair", "secretary", "treasurer", NULL};

static bool in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; s && list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

const char *const *collective_kinds(void)
{
    return kinds;
}

bool collective_kind_valid(const char *kind)
{
    return in_list(kinds, kind);
}

const char *const *collective_voting_rules(void)
{
    return rules;
}

bool collective_voting_rule_valid(const char *rule)
{
    return in_list(rules, rule);
}

const char *const *collective_board_roles(void)
{
    return board_roles;
}

static const char *col_dup(struct arena *a, struct db_stmt *st, int col)
{
    const char *s = db_col_text(st, col);
    return s ? arena_strdup(a, s) : NULL;
}

/* The columns every collective query selects, in this order. */
#define COLLECTIVE_COLUMNS                                                                         \
    "c.id, c.name, c.kind, c.area_code, ar.name, c.voting_rule, c.status, c.founded_by, "          \
    "c.created_at, c.activated_at"

static void read_row(struct arena *a, struct db_stmt *st, struct collective *out)
{
    *out = (struct collective){.id = db_col_int(st, 0),
                               .name = col_dup(a, st, 1),
                               .kind = col_dup(a, st, 2),
                               .area_code = col_dup(a, st, 3),
                               .area_name = col_dup(a, st, 4),
                               .voting_rule = col_dup(a, st, 5),
                               .status = col_dup(a, st, 6),
                               .founded_by = db_col_int(st, 7),
                               .created_at = db_col_int(st, 8),
                               .activated_at = db_col_int(st, 9)};
}

enum err collective_get(struct db *db, struct arena *a, int64_t id, struct collective *out,
                        struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT " COLLECTIVE_COLUMNS ", c.statutes "
                                        "FROM collective c JOIN area ar ON ar.code = c.area_code "
                                        "WHERE c.id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        read_row(a, st, out);
        out->statutes = col_dup(a, st, 10);
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_NOT_FOUND, "collective", N_("There is no such collective."), NULL);
    return ERR_OK;
}

enum err collective_soundness(struct db *db, int64_t id, struct collective_soundness *out,
                              struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT c.status, COUNT(m.id), "
            "SUM(CASE WHEN m.id IS NOT NULL AND " RESIDENT_OF_AREA " THEN 1 ELSE 0 END) "
            "FROM collective c LEFT JOIN collective_member m ON m.collective_id = c.id "
            "AND m.role = 'member' AND m.status = 'joined' WHERE c.id = ? GROUP BY c.status");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    bool founding = rc == DB_ROW && strcmp(db_col_text(st, 0), "founding") == 0;
    *out = (struct collective_soundness){.voting = rc == DB_ROW ? (int)db_col_int(st, 1) : 0,
                                         .residents = rc == DB_ROW ? (int)db_col_int(st, 2) : 0};
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_NOT_FOUND, "collective", N_("There is no such collective."), NULL);
    if (founding)
        out->reason = N_("This collective is still being founded: it can start and steer "
                         "initiatives once both co-founders have joined.");
    else if (out->voting == 0)
        out->reason = N_("This collective has no voting members, so it cannot start or steer "
                         "initiatives.");
    else if (3 * out->residents < 2 * out->voting)
        out->reason = N_("Fewer than two thirds of this collective's voting members are verified "
                         "residents of its area, so it cannot start or steer initiatives until "
                         "that is restored.");
    out->sound = out->reason == NULL;
    return ERR_OK;
}

enum err collective_is_sound(struct db *db, int64_t id, bool *sound, const char **reason_msgid,
                             struct fault *f)
{
    struct collective_soundness s;
    enum err e = collective_soundness(db, id, &s, f);
    *sound = e == ERR_OK && s.sound;
    if (reason_msgid)
        *reason_msgid = e == ERR_OK ? s.reason : NULL;
    return e;
}

/* Whether person_id has a joined membership of collective id matching the
 * query's extra condition. */
static enum err has_row(struct db *db, const char *sql, int64_t id, int64_t person_id, bool *is,
                        struct fault *f)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, person_id);
    enum db_rc rc = db_step(st);
    *is = rc == DB_ROW;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err collective_is_board_member(struct db *db, int64_t id, int64_t person_id, bool *is,
                                    struct fault *f)
{
    return has_row(db,
                   "SELECT 1 FROM collective_member WHERE collective_id = ? AND person_id = ? "
                   "AND status = 'joined' AND board_role IS NOT NULL",
                   id, person_id, is, f);
}

enum err collective_is_voting_member(struct db *db, int64_t id, int64_t person_id, bool *is,
                                     struct fault *f)
{
    return has_row(db,
                   "SELECT 1 FROM collective_member WHERE collective_id = ? AND person_id = ? "
                   "AND status = 'joined' AND role = 'member'",
                   id, person_id, is, f);
}

static void read_member(struct arena *a, struct db_stmt *st, struct collective_member *m)
{
    *m = (struct collective_member){.id = db_col_int(st, 0),
                                    .person_id = db_col_int(st, 1),
                                    .display_name = col_dup(a, st, 2),
                                    .role = col_dup(a, st, 3),
                                    .board_role = col_dup(a, st, 4),
                                    .status = col_dup(a, st, 5),
                                    .capacity = col_dup(a, st, 6),
                                    .resident = db_col_int(st, 7) != 0,
                                    .joined_at = db_col_int(st, 8)};
}

enum err collective_members(struct db *db, struct arena *a, int64_t id,
                            struct collective_member **items, int *n, struct fault *f)
{
    struct collective c;
    enum err e = collective_get(db, a, id, &c, f);
    if (e != ERR_OK)
        return e;
    struct db_stmt *st =
        db_prepare(db, "SELECT m.id, m.person_id, p.display_name, m.role, m.board_role, m.status, "
                       "m.capacity, CASE WHEN " RESIDENT_OF_AREA " THEN 1 ELSE 0 END, m.joined_at "
                       "FROM collective_member m JOIN collective c ON c.id = m.collective_id "
                       "JOIN person p ON p.id = m.person_id "
                       "WHERE m.collective_id = ? AND m.status IN ('named', 'joined') "
                       "ORDER BY CASE m.board_role WHEN 'chair' THEN 0 WHEN 'secretary' THEN 1 "
                       "WHEN 'treasurer' THEN 2 ELSE 3 END, m.role DESC, p.display_name, m.id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    int cap = 16;
    *items = arena_array(a, (size_t)cap, sizeof **items);
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            struct collective_member *more = arena_array(a, (size_t)cap * 2, sizeof *more);
            memcpy(more, *items, (size_t)cap * sizeof *more);
            *items = more;
            cap *= 2;
        }
        read_member(a, st, &(*items)[(*n)++]);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* Reads the rows of a prepared, bound collective query into *items. */
static enum err read_list(struct db *db, struct arena *a, struct db_stmt *st,
                          struct collective **items, int *n, struct fault *f)
{
    int cap = 16;
    *items = arena_array(a, (size_t)cap, sizeof **items);
    *n = 0;
    enum db_rc rc = DB_DONE;
    while (*n < COLLECTIVE_LIST_MAX && (rc = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            struct collective *more = arena_array(a, (size_t)cap * 2, sizeof *more);
            memcpy(more, *items, (size_t)cap * sizeof *more);
            *items = more;
            cap *= 2;
        }
        read_row(a, st, &(*items)[(*n)++]);
    }
    db_done(st);
    return *n < COLLECTIVE_LIST_MAX && rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err collective_list(struct db *db, struct arena *a, const char *area_code,
                         struct collective **items, int *n, struct fault *f)
{
    /* the area itself, its parent (the wijk of a buurt), its children (the
     * buurten of a wijk) and its grandchildren (the buurten of a gemeente) */
    struct db_stmt *st =
        db_prepare(db, "SELECT " COLLECTIVE_COLUMNS " FROM collective c "
                       "JOIN area ar ON ar.code = c.area_code "
                       "LEFT JOIN area up ON up.code = ar.parent_code "
                       "WHERE CAST(? AS TEXT) IS NULL OR c.area_code = ? OR ar.parent_code = ? "
                       "OR up.parent_code = ? "
                       "OR c.area_code = (SELECT x.parent_code FROM area x WHERE x.code = ?) "
                       "ORDER BY ar.name, c.area_code, c.name, c.id");
    if (!st)
        return db_fault(db, f);
    for (int i = 1; i <= 5; i++)
        db_bind_text(st, i, area_code);
    return read_list(db, a, st, items, n, f);
}

enum err collective_list_board_of(struct db *db, struct arena *a, int64_t person_id,
                                  struct collective **items, int *n, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT " COLLECTIVE_COLUMNS " FROM collective c "
                       "JOIN area ar ON ar.code = c.area_code "
                       "JOIN collective_member m ON m.collective_id = c.id "
                       "WHERE m.person_id = ? AND m.status = 'joined' AND m.board_role IS NOT NULL "
                       "ORDER BY c.name, c.id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    return read_list(db, a, st, items, n, f);
}

enum err collective_person_ref(struct db *db, struct arena *a, const char *ref, int64_t *id,
                               struct fault *f)
{
    size_t len = ref ? strlen(ref) : 0;
    *id = 0;
    if (len == 0 || strspn(ref, " \t") == len)
        return ERR_OK;
    *id = COLLECTIVE_NOBODY;
    if (strspn(ref, "0123456789") == len && len <= 18) {
        *id = strtoll(ref, NULL, 10);
        if (*id == 0)
            *id = COLLECTIVE_NOBODY;
        return ERR_OK;
    }
    struct capacity_person who;
    struct fault ignored = {0};
    enum err e = capacity_person_find(db, a, ref, &who, &ignored);
    if (e == ERR_OK)
        *id = who.id;
    else if (e != ERR_NOT_FOUND && e != ERR_INVALID)
        return fault_set(f, e, ignored.field, ignored.msgid, NULL);
    return ERR_OK;
}
