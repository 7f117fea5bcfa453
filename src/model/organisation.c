/* Organisations, minimal (see organisation.h): registering one, loading
 * one, and the bounded list by name that the post pages and the public API
 * show. The input is checked after the policy, so that someone who may not
 * register organisations hears that first, whatever they sent. */
#include "model/organisation.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/tx.h"

static const char *const kinds[] = {"institution",         "formal_association", "informal_group",
                                    "existing_initiative", "business",           NULL};

const char *const *organisation_kinds(void)
{
    return kinds;
}

bool organisation_kind_valid(const char *kind)
{
    for (size_t i = 0; kind && kinds[i]; i++)
        if (strcmp(kind, kinds[i]) == 0)
            return true;
    return false;
}

/* One line of 1..ORGANISATION_NAME_MAX characters with something besides
 * spaces in it. */
static bool name_valid(const char *name)
{
    size_t len = name ? strlen(name) : 0;
    if (len == 0 || !utf8_valid(name, len) || utf8_has_controls(name, len, false) ||
        utf8_count(name, len) > ORGANISATION_NAME_MAX)
        return false;
    return strspn(name, " ") < len;
}

/* Whether act may register an organisation: the console, or the policy. */
static enum err may_create(struct db *db, const struct actor *act, struct fault *f)
{
    if (act->person_id == 0 && act->capacity && strcmp(act->capacity, CAPACITY_CONSOLE) == 0)
        return ERR_OK;
    enum capacity cap;
    enum err e = capacity_of_actor(db, act, &cap, f);
    return e == ERR_OK ? capacity_authorise(ACT_ORGANISATION_CREATE, cap, REL_OTHER, f) : e;
}

static enum err insert(struct db *db, const char *name, const char *kind, int64_t now,
                       int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO organisation (name, kind, created_at) VALUES (?, ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, name);
    db_bind_text(st, 2, kind);
    db_bind_int(st, 3, now);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? ERR_OK : db_fault(db, f);
}

/* The public entry: who registered which kind of organisation. */
static enum err record(struct db *db, int64_t id, const char *kind, const struct actor *act,
                       struct fault *f)
{
    char object_id[24];
    snprintf(object_id, sizeof object_id, "%" PRId64, id);
    json_t *detail = json_pack("{s:s}", "kind", kind);
    struct audit_entry entry = {.at = act->now,
                                .person_id = act->person_id,
                                .capacity = act->capacity,
                                .action = "organisation.create",
                                .object_type = "organisation",
                                .object_id = object_id,
                                .request_id = act->request_id,
                                .is_public = true,
                                .detail = detail};
    enum err e = audit_record(db, &entry, f);
    json_decref(detail);
    return e;
}

enum err organisation_create(struct db *db, const char *name, const char *kind,
                             const struct actor *act, int64_t *id, struct fault *f)
{
    enum err e = may_create(db, act, f);
    if (e != ERR_OK)
        return e;
    if (!name_valid(name))
        return fault_set(f, ERR_INVALID, "name",
                         "Give the organisation a name of 1 to 200 characters on one line.", NULL);
    if (!organisation_kind_valid(kind))
        return fault_set(f, ERR_INVALID, "kind",
                         "Choose the kind of organisation: institution, formal_association, "
                         "informal_group, existing_initiative or business.",
                         NULL);
    int64_t new_id = 0;
    bool own;
    if ((e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = insert(db, name, kind, act->now, &new_id, f);
    if (e == ERR_OK)
        e = record(db, new_id, kind, act, f);
    e = tx_end(db, own, e, f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

static struct organisation row(struct db_stmt *st, struct arena *a)
{
    return (struct organisation){
        .id = db_col_int(st, 0),
        .name = arena_strdup(a, db_col_text(st, 1)),
        .kind = arena_strdup(a, db_col_text(st, 2)),
        .created_at = db_col_int(st, 3),
    };
}

enum err organisation_get(struct db *db, struct arena *a, int64_t id, struct organisation *out,
                          struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT id, name, kind, created_at FROM organisation WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *out = row(st, a);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_DONE ? fault_set(f, ERR_NOT_FOUND, "organisation",
                                     "There is no such organisation.", NULL)
                         : ERR_OK;
}

enum err organisation_list(struct db *db, struct arena *a, int limit, struct organisation **items,
                           int *n, struct fault *f)
{
    *items = NULL;
    *n = 0;
    if (limit < 1 || limit > ORGANISATION_LIST_MAX)
        return fault_set(f, ERR_INVALID, "limit", "Give a limit from 1 to 1000.", NULL);
    struct db_stmt *st = db_prepare(db, "SELECT id, name, kind, created_at FROM organisation "
                                        "ORDER BY name, id LIMIT ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, limit);
    *items = arena_array(a, (size_t)limit, sizeof **items);
    enum db_rc rc = DB_DONE;
    while (*n < limit && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] = row(st, a);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err organisation_find(struct db *db, const char *name, int64_t *id, struct fault *f)
{
    *id = 0;
    struct db_stmt *st =
        db_prepare(db, "SELECT id FROM organisation WHERE name = ? ORDER BY id LIMIT 1");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, name ? name : "");
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}
