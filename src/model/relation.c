/* Relations between the arena's actors (see relation.h). The two rules two
 * requests could race on -- one lasting relation of a kind between two
 * actors, one relation per start date -- are unique indexes, and the insert
 * is ON CONFLICT DO NOTHING; ending is a conditional UPDATE on a lasting
 * relation. No read decides a write. */
#include "model/relation.h"

#include <inttypes.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/tx.h"

#define N_(msgid) (msgid)

static const char *const kinds[] = {"collaborates_with", "funds",     "houses",
                                    "is_part_of",        "succeeded", NULL};

const char *const *relation_kinds(void)
{
    return kinds;
}

bool relation_kind_valid(const char *kind)
{
    for (size_t i = 0; kind && kinds[i]; i++)
        if (strcmp(kind, kinds[i]) == 0)
            return true;
    return false;
}

/* Whether act acts as an admin of actor x and holds that: the capacity's
 * name is the type's admin capacity, its qualifier (if any) is x's id. */
static enum err admin_of(struct db *db, const struct actor *act, const struct arena_actor *x,
                         bool *yes, struct fault *f)
{
    *yes = false;
    const char *admin = arena_actor_admin_capacity(x->type);
    if (!admin || !act->capacity)
        return ERR_OK;
    size_t n = strlen(admin);
    if (strncmp(act->capacity, admin, n) != 0 ||
        (act->capacity[n] != '\0' && act->capacity[n] != ':'))
        return ERR_OK;
    struct arena *a = arena_new();
    const char *wanted = arena_printf(a, "%s:%" PRId64, admin, x->id);
    enum err e = ERR_OK;
    if (act->capacity[n] == '\0' || strcmp(act->capacity, wanted) == 0)
        e = capacity_may_act(db, act->person_id, wanted, yes, f);
    arena_free(a);
    return e;
}

/* The capacity's verdict before anything else is looked at. */
static enum err authorise_capacity(struct db *db, const struct actor *act, enum capacity *cap,
                                   struct fault *f)
{
    enum err e = capacity_of_actor(db, act, cap, f);
    if (e == ERR_OK && !policy_check(ACT_ORGANISATION_RELATE, *cap, REL_MEMBER).allowed)
        e = capacity_authorise(ACT_ORGANISATION_RELATE, *cap, REL_OTHER, f);
    return e;
}

/* The verdict for act on a relation between x and y (y may be NULL). */
static enum err authorise_ends(struct db *db, const struct actor *act, const struct arena_actor *x,
                               const struct arena_actor *y, struct fault *f)
{
    if (capacity_is_console(act))
        return ERR_OK;
    enum capacity cap;
    bool member = false;
    enum err e = authorise_capacity(db, act, &cap, f);
    if (e == ERR_OK)
        e = admin_of(db, act, x, &member, f);
    if (e == ERR_OK && !member && y)
        e = admin_of(db, act, y, &member, f);
    return e == ERR_OK ? capacity_authorise(ACT_ORGANISATION_RELATE, cap,
                                            member ? REL_MEMBER : REL_OTHER, f)
                       : e;
}

enum err relation_authorise(struct db *db, const char *type, int64_t id, const struct actor *act,
                            struct fault *f)
{
    struct arena_actor x = {.type = type, .id = id};
    return authorise_ends(db, act, &x, NULL, f);
}

static bool is_date(const char *s)
{
    int64_t t;
    return s && clock_parse_date(s, &t);
}

/* The input's checks, after the policy and before the database. */
static enum err check_input(const struct relationship *in, struct fault *f)
{
    if (!arena_actor_type_valid(in->from.type) || !arena_actor_type_valid(in->to.type))
        return fault_set(f, ERR_INVALID, "type", N_("Choose a kind of actor: organisation."), NULL);
    if (strcmp(in->from.type, in->to.type) == 0 && in->from.id == in->to.id)
        return fault_set(f, ERR_INVALID, "to",
                         N_("An organisation cannot have a relation with itself; choose another "
                            "one."),
                         NULL);
    if (!relation_kind_valid(in->kind))
        return fault_set(f, ERR_INVALID, "kind",
                         N_("Choose a relation: collaborates_with, funds, houses, is_part_of or "
                            "succeeded."),
                         NULL);
    if (!is_date(in->start_date))
        return fault_set(f, ERR_INVALID, "start_date",
                         N_("Give the start as a date, such as 2024-03-01."), NULL);
    if (in->end_date && !is_date(in->end_date))
        return fault_set(f, ERR_INVALID, "end_date",
                         N_("Give the end as a date, such as 2025-12-31, or leave it empty."),
                         NULL);
    if (in->end_date && strcmp(in->end_date, in->start_date) < 0)
        return fault_set(f, ERR_INVALID, "end_date",
                         N_("The end date lies before the start date (%s); give an end on or "
                            "after the start."),
                         in->start_date, NULL);
    return ERR_OK;
}

static enum err record(struct db *db, const struct actor *act, const char *action, int64_t id,
                       const char *kind, struct fault *f)
{
    char object_id[24];
    snprintf(object_id, sizeof object_id, "%" PRId64, id);
    json_t *detail = json_pack("{s:s}", "kind", kind);
    struct audit_entry entry = {.at = act->now,
                                .person_id = act->person_id,
                                .capacity = act->capacity,
                                .action = action,
                                .object_type = "relation",
                                .object_id = object_id,
                                .request_id = act->request_id,
                                .is_public = true,
                                .detail = detail};
    enum err e = audit_record(db, &entry, f);
    json_decref(detail);
    return e;
}

static enum err insert(struct db *db, const struct relationship *r, const struct actor *act,
                       int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO relation (from_type, from_id, to_type, to_id, kind, start_date, end_date, "
            "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, r->from.type);
    db_bind_int(st, 2, r->from.id);
    db_bind_text(st, 3, r->to.type);
    db_bind_int(st, 4, r->to.id);
    db_bind_text(st, 5, r->kind);
    db_bind_text(st, 6, r->start_date);
    db_bind_text(st, 7, r->end_date);
    if (act->person_id)
        db_bind_int(st, 8, act->person_id);
    else
        db_bind_null(st, 8);
    db_bind_int(st, 9, act->now);
    enum db_rc rc = db_step(st);
    *id = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (*id == 0)
        return fault_set(f, ERR_CONFLICT, NULL,
                         N_("This relation is already recorded: it lasts, or one of the same "
                            "kind starts on the same day."),
                         NULL);
    return record(db, act, "relation.create", *id, r->kind, f);
}

/* "collaborates_with" has no direction: the lower actor goes first. */
static void normalise(struct relationship *r)
{
    int c = strcmp(r->from.type, r->to.type);
    if (strcmp(r->kind, "collaborates_with") == 0 && (c > 0 || (c == 0 && r->from.id > r->to.id))) {
        struct arena_actor t = r->from;
        r->from = r->to;
        r->to = t;
    }
}

enum err relation_create(struct db *db, struct arena *a, const struct relationship *in,
                         const struct actor *act, int64_t *id, struct fault *f)
{
    struct relationship r = *in;
    enum err e = authorise_ends(db, act, &r.from, &r.to, f);
    if (e == ERR_OK)
        e = check_input(&r, f);
    if (e == ERR_OK)
        e = arena_actor_lookup(db, a, &r.from, "from", f);
    if (e == ERR_OK)
        e = arena_actor_lookup(db, a, &r.to, "to", f);
    int64_t new_id = 0;
    bool own = false;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK) {
        normalise(&r);
        e = tx_end(db, own, insert(db, &r, act, &new_id, f), f);
    }
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

#define RELATION_COLUMNS                                                                           \
    "SELECT id, from_type, from_id, to_type, to_id, kind, start_date, end_date, recorded_by, "     \
    "recorded_at, ended_by, ended_at FROM relation "

static enum err read_row(struct db *db, struct db_stmt *st, struct arena *a, struct relationship *r,
                         struct fault *f)
{
    const char *const *types = arena_actor_types();
    *r = (struct relationship){
        .id = db_col_int(st, 0),
        .from = {.id = db_col_int(st, 2)},
        .to = {.id = db_col_int(st, 4)},
        .kind = arena_strdup(a, db_col_text(st, 5)),
        .start_date = arena_strdup(a, db_col_text(st, 6)),
        .end_date = arena_strdup(a, db_col_text(st, 7)),
        .recorded_by = db_col_int(st, 8),
        .recorded_at = db_col_int(st, 9),
        .ended_by = db_col_int(st, 10),
        .ended_at = db_col_int(st, 11),
    };
    for (size_t i = 0; types[i]; i++) {
        if (strcmp(types[i], db_col_text(st, 1)) == 0)
            r->from.type = types[i];
        if (strcmp(types[i], db_col_text(st, 3)) == 0)
            r->to.type = types[i];
    }
    (void)db;
    (void)f;
    return r->from.type && r->to.type ? ERR_OK : ERR_INTERNAL;
}

/* Fills in the names and kinds of both ends; an end that is gone (the
 * schema cannot stop it) keeps NULL ones. */
static void names(struct db *db, struct arena *a, struct relationship *r)
{
    struct fault ignored = {0};
    arena_actor_lookup(db, a, &r->from, NULL, &ignored);
    arena_actor_lookup(db, a, &r->to, NULL, &ignored);
}

enum err relation_get(struct db *db, struct arena *a, int64_t id, struct relationship *out,
                      struct fault *f)
{
    struct db_stmt *st = db_prepare(db, RELATION_COLUMNS "WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    enum err e = rc == DB_ROW ? read_row(db, st, a, out, f) : ERR_OK;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_NOT_FOUND, NULL, N_("There is no such relation."), NULL);
    if (e == ERR_OK)
        names(db, a, out);
    return e;
}

enum err relation_list_for(struct db *db, struct arena *a, const char *type, int64_t id,
                           struct relationship **items, int *n, struct fault *f)
{
    *items = NULL;
    *n = 0;
    if (!arena_actor_type_valid(type))
        return fault_set(f, ERR_INVALID, "type", N_("Choose a kind of actor: organisation."), NULL);
    struct db_stmt *st = db_prepare(
        db, RELATION_COLUMNS "WHERE (from_type = ? AND from_id = ?) OR (to_type = ? AND to_id = ?) "
                             "ORDER BY CASE WHEN end_date IS NULL THEN 0 ELSE 1 END, "
                             "start_date DESC, id DESC LIMIT 500");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, type);
    db_bind_int(st, 2, id);
    db_bind_text(st, 3, type);
    db_bind_int(st, 4, id);
    *items = arena_array(a, RELATION_LIST_MAX, sizeof **items);
    enum db_rc rc = DB_DONE;
    enum err e = ERR_OK;
    while (e == ERR_OK && *n < RELATION_LIST_MAX && (rc = db_step(st)) == DB_ROW)
        if ((e = read_row(db, st, a, &(*items)[*n], f)) == ERR_OK)
            (*n)++;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    for (int i = 0; e == ERR_OK && i < *n; i++)
        names(db, a, &(*items)[i]);
    return e;
}

static enum err close_relation(struct db *db, const struct relationship *r, const char *end_date,
                               const struct actor *act, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "UPDATE relation SET end_date = ?, ended_by = ?, ended_at = ? "
                       "WHERE id = ? AND end_date IS NULL AND start_date <= ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, end_date);
    if (act->person_id)
        db_bind_int(st, 2, act->person_id);
    else
        db_bind_null(st, 2);
    db_bind_int(st, 3, act->now);
    db_bind_int(st, 4, r->id);
    db_bind_text(st, 5, end_date);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) == 0)
        return fault_set(f, ERR_CONFLICT, NULL,
                         N_("This relation has ended already; reload to see it now."), NULL);
    return record(db, act, "relation.end", r->id, r->kind, f);
}

enum err relation_end(struct db *db, struct arena *a, int64_t id, const char *end_date,
                      const struct actor *act, struct fault *f)
{
    struct relationship r;
    enum capacity cap;
    char today[11];
    clock_date(act->now, today);
    const char *day = end_date ? end_date : arena_strdup(a, today);
    enum err e = capacity_is_console(act) ? ERR_OK : authorise_capacity(db, act, &cap, f);
    if (e == ERR_OK)
        e = relation_get(db, a, id, &r, f);
    if (e == ERR_OK)
        e = authorise_ends(db, act, &r.from, &r.to, f);
    if (e == ERR_OK && r.end_date)
        e = fault_set(f, ERR_CONFLICT, NULL,
                      N_("This relation has ended already; reload to see it now."), NULL);
    if (e == ERR_OK && !is_date(day))
        e = fault_set(f, ERR_INVALID, "end_date",
                      N_("Give the end as a date, such as 2025-12-31, or leave it empty."), NULL);
    else if (e == ERR_OK && strcmp(day, r.start_date) < 0)
        e = fault_set(f, ERR_INVALID, "end_date",
                      N_("The end date lies before the start date (%s); give an end on or "
                         "after the start."),
                      r.start_date, NULL);
    bool own = false;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, close_relation(db, &r, day, act, f), f);
    return e;
}
