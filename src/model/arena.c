/* The arena of an area (see arena.h): the registry of actor types, looking
 * actors up, and an area's network. The network's relations are read per
 * actor through relation's (from_type, from_id) index and kept when their
 * other end is an actor of the same arena, so the cost grows with the
 * arena, not with the whole table. */
#include "model/arena.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/organisation.h"

/* Marks a message id for the catalogs (xgettext's N_, as in render/req.h). */
#define N_(msgid) (msgid)

/* One row per actor type. lookup_sql gives name and kind for one id. */
struct actor_type {
    const char *type;
    const char *admin_capacity;
    const char *lookup_sql;
    const char *missing; /* msgid, %s: the number */
};

static const struct actor_type registry[] = {
    {"organisation", "organisation_admin", "SELECT name, kind FROM organisation WHERE id = ?",
     N_("There is no organisation with number %s.")},
};
#define NTYPES (sizeof registry / sizeof registry[0])

static const char *const type_names[NTYPES + 1] = {"organisation", NULL};

static const struct actor_type *type_row(const char *type)
{
    for (size_t i = 0; type && i < NTYPES; i++)
        if (strcmp(registry[i].type, type) == 0)
            return &registry[i];
    return NULL;
}

const char *const *arena_actor_types(void)
{
    return type_names;
}

bool arena_actor_type_valid(const char *type)
{
    return type_row(type) != NULL;
}

const char *arena_actor_admin_capacity(const char *type)
{
    const struct actor_type *row = type_row(type);
    return row ? row->admin_capacity : NULL;
}

enum err arena_actor_parse(const char *text, struct arena_actor *out, struct fault *f)
{
    const char *colon = text ? strchr(text, ':') : NULL;
    *out = (struct arena_actor){0};
    for (size_t i = 0; colon && i < NTYPES; i++) {
        size_t n = strlen(registry[i].type);
        if ((size_t)(colon - text) != n || strncmp(text, registry[i].type, n) != 0)
            continue;
        char *end = NULL;
        long long id = strtoll(colon + 1, &end, 10);
        if (colon[1] >= '1' && colon[1] <= '9' && end && *end == '\0' && id > 0) {
            *out = (struct arena_actor){.type = registry[i].type, .id = id};
            return ERR_OK;
        }
    }
    return fault_set(f, ERR_INVALID, "actors",
                     N_("\"%s\" names no actor: write the kind and the number, such as "
                        "organisation:12."),
                     text ? text : "", NULL);
}

enum err arena_actor_lookup(struct db *db, struct arena *a, struct arena_actor *out,
                            const char *field, struct fault *f)
{
    const struct actor_type *row = type_row(out->type);
    if (!row)
        return fault_set(f, ERR_INVALID, "type", N_("Choose a kind of actor: organisation."), NULL);
    struct db_stmt *st = db_prepare(db, row->lookup_sql);
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, out->id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        out->name = arena_strdup(a, db_col_text(st, 0));
        out->kind = arena_strdup(a, db_col_text(st, 1));
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_NOT_FOUND, field, row->missing,
                         arena_printf(a, "%" PRId64, out->id), NULL);
    return ERR_OK;
}

/* ---- an area's network ---------------------------------------------------- */

/* An actor id and its index among the nodes, for bsearch. */
struct slot {
    int64_t id;
    int index;
};

static int slot_cmp(const void *x, const void *y)
{
    const struct slot *a = x, *b = y;
    return (a->id > b->id) - (a->id < b->id);
}

static int edge_cmp(const void *x, const void *y)
{
    const struct arena_edge *a = x, *b = y;
    if (a->from != b->from)
        return a->from - b->from;
    if (a->to != b->to)
        return a->to - b->to;
    int c = strcmp(a->start_date, b->start_date);
    return c ? c : (a->id > b->id) - (a->id < b->id);
}

/* The relations from node i whose other end is a node too, appended. */
static enum err edges_from(struct db *db, struct arena *a, struct arena_network *net, int i,
                           const struct slot *index, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT id, to_id, kind, start_date, end_date FROM relation WHERE from_type = ? "
            "AND from_id = ? AND to_type = 'organisation' ORDER BY id");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, net->nodes[i].type);
    db_bind_int(st, 2, net->nodes[i].id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && net->nedges < ARENA_NETWORK_MAX) {
        struct slot key = {.id = db_col_int(st, 1)};
        const struct slot *to = bsearch(&key, index, (size_t)net->nnodes, sizeof *index, slot_cmp);
        if (!to)
            continue;
        net->edges[net->nedges++] = (struct arena_edge){
            .id = db_col_int(st, 0),
            .from = i,
            .to = to->index,
            .kind = arena_strdup(a, db_col_text(st, 2)),
            .start_date = arena_strdup(a, db_col_text(st, 3)),
            .end_date = arena_strdup(a, db_col_text(st, 4)),
        };
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err arena_network_load(struct db *db, struct arena *a, const char *area_code,
                            struct arena_network *out, struct fault *f)
{
    struct organisation *orgs = NULL;
    int n = 0;
    *out = (struct arena_network){0};
    enum err e = organisation_list_serving(db, a, area_code, &orgs, &n, f);
    if (e != ERR_OK)
        return e;
    out->nodes = arena_array(a, (size_t)n + 1, sizeof *out->nodes);
    struct slot *index = arena_array(a, (size_t)n + 1, sizeof *index);
    for (int i = 0; i < n; i++) {
        out->nodes[i] =
            (struct arena_actor){"organisation", orgs[i].id, orgs[i].name, orgs[i].kind};
        index[i] = (struct slot){orgs[i].id, i};
    }
    out->nnodes = n;
    qsort(index, (size_t)n, sizeof *index, slot_cmp);
    out->edges = arena_array(a, ARENA_NETWORK_MAX, sizeof *out->edges);
    for (int i = 0; e == ERR_OK && i < n; i++)
        e = edges_from(db, a, out, i, index, f);
    if (e == ERR_OK)
        qsort(out->edges, (size_t)out->nedges, sizeof *out->edges, edge_cmp);
    return e;
}
