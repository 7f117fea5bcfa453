/* Organisations, the reads (see organisation.h): one with its profile and
 * areas served, the bounded list by name, the search with keyset paging,
 * and the organisations serving an area as its arena page shows them.
 *
 * "Serving an area" follows the area tree both ways: an organisation that
 * serves a gemeente serves its wijken and buurten, and one that serves a
 * buurt belongs to the arena of its wijk and gemeente. The tree has three
 * levels, so the SQL names them: the area itself, its parent and
 * grandparent, its children and grandchildren. The same text runs on
 * SQLite and PostgreSQL; the name filter is LOWER(name) LIKE ? with the
 * pattern's own % and _ escaped. */
#include "model/organisation.h"

#include <ctype.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "model/area.h"

#define COLUMNS                                                                                    \
    "o.id, o.name, o.kind, o.created_at, o.description, o.website, o.email, o.phone, "             \
    "o.street, o.postal_code, o.city, o.legal_form, o.kvk"

/* Whether organisation o.id serves the area bound five times (see the top
 * of this file). */
#define SERVES                                                                                     \
    "EXISTS (SELECT 1 FROM organisation_area oa JOIN area x ON x.code = oa.area_code "             \
    "WHERE oa.organisation_id = o.id AND (x.code = ? "                                             \
    "OR x.code = (SELECT c.parent_code FROM area c WHERE c.code = ?) "                             \
    "OR x.code = (SELECT p.parent_code FROM area c JOIN area p ON p.code = c.parent_code "         \
    "WHERE c.code = ?) "                                                                           \
    "OR x.parent_code = ? "                                                                        \
    "OR x.parent_code IN (SELECT k.code FROM area k WHERE k.parent_code = ?)))"

static const char *text(struct db_stmt *st, struct arena *a, int col)
{
    return db_col_is_null(st, col) ? NULL : arena_strdup(a, db_col_text(st, col));
}

static struct organisation row(struct db_stmt *st, struct arena *a)
{
    return (struct organisation){
        .id = db_col_int(st, 0),
        .name = text(st, a, 1),
        .kind = text(st, a, 2),
        .created_at = db_col_int(st, 3),
        .description = text(st, a, 4),
        .website = text(st, a, 5),
        .email = text(st, a, 6),
        .phone = text(st, a, 7),
        .street = text(st, a, 8),
        .postal_code = text(st, a, 9),
        .city = text(st, a, 10),
        .legal_form = text(st, a, 11),
        .kvk = text(st, a, 12),
    };
}

/* Fills o->areas with the codes it serves, ordered. */
static enum err load_areas(struct db *db, struct arena *a, struct organisation *o, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT area_code FROM organisation_area "
                                        "WHERE organisation_id = ? ORDER BY area_code");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, o->id);
    o->areas = arena_array(a, ORGANISATION_AREAS_MAX + 1, sizeof *o->areas);
    o->n_areas = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && o->n_areas < ORGANISATION_AREAS_MAX)
        o->areas[o->n_areas++] = text(st, a, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err organisation_get(struct db *db, struct arena *a, int64_t id, struct organisation *out,
                          struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT " COLUMNS " FROM organisation o WHERE o.id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *out = row(st, a);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_NOT_FOUND, "organisation", "There is no such organisation.", NULL);
    return load_areas(db, a, out, f);
}

/* Steps st into *items (at most max rows, from the arena). */
static enum err collect(struct db *db, struct db_stmt *st, struct arena *a, int max,
                        struct organisation **items, int *n, struct fault *f)
{
    *items = arena_array(a, (size_t)max, sizeof **items);
    *n = 0;
    enum db_rc rc = DB_DONE;
    while (*n < max && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] = row(st, a);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err organisation_list(struct db *db, struct arena *a, int limit, struct organisation **items,
                           int *n, struct fault *f)
{
    *items = NULL;
    *n = 0;
    if (limit < 1 || limit > ORGANISATION_LIST_MAX)
        return fault_set(f, ERR_INVALID, "limit", "Give a limit from 1 to 1000.", NULL);
    struct db_stmt *st =
        db_prepare(db, "SELECT " COLUMNS " FROM organisation o ORDER BY o.name, o.id LIMIT ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, limit);
    return collect(db, st, a, limit, items, n, f);
}

enum err organisation_list_serving(struct db *db, struct arena *a, const char *area_code,
                                   struct organisation **items, int *n, struct fault *f)
{
    *items = NULL;
    *n = 0;
    struct area ar;
    enum err e = area_code_valid(area_code ? area_code : "", NULL)
                     ? area_get(db, a, area_code, &ar, f)
                     : ERR_NOT_FOUND;
    if (e == ERR_NOT_FOUND)
        return fault_set(f, ERR_NOT_FOUND, "area", "There is no area with code %s.",
                         area_code ? area_code : "", NULL);
    if (e != ERR_OK)
        return e;
    struct db_stmt *st = db_prepare(db, "SELECT " COLUMNS " FROM organisation o WHERE " SERVES
                                        " ORDER BY o.kind, o.name, o.id LIMIT ?");
    if (!st)
        return db_fault(db, f);
    for (int i = 1; i <= 5; i++)
        db_bind_text(st, i, area_code);
    db_bind_int(st, 6, ORGANISATION_LIST_MAX);
    return collect(db, st, a, ORGANISATION_LIST_MAX, items, n, f);
}

/* "%q%" for LIKE with ESCAPE '\': q lower-cased (ASCII), its \, % and _
 * escaped; NULL for no filter. */
static const char *like_pattern(struct arena *a, const char *q)
{
    if (!q || !*q)
        return NULL;
    struct buf b = BUF_INIT;
    buf_putc(&b, '%');
    for (const char *p = q; *p; p++) {
        if (*p == '\\' || *p == '%' || *p == '_')
            buf_putc(&b, '\\');
        buf_putc(&b, (char)tolower((unsigned char)*p));
    }
    buf_putc(&b, '%');
    const char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

static const char search_sql[] =
    "SELECT " COLUMNS " FROM organisation o "
    "WHERE (CAST(? AS TEXT) IS NULL OR LOWER(o.name) LIKE ? ESCAPE '\\') "
    "AND (CAST(? AS TEXT) IS NULL OR o.kind = ?) "
    "AND (CAST(? AS TEXT) IS NULL OR o.name > ? OR (o.name = ? AND o.id > ?)) "
    "AND (CAST(? AS TEXT) IS NULL OR " SERVES ") "
    "ORDER BY o.name, o.id LIMIT ?";

static void bind_search(struct db_stmt *st, const struct organisation_query *q, const char *pattern,
                        const char *after_name)
{
    db_bind_text(st, 1, pattern);
    db_bind_text(st, 2, pattern);
    db_bind_text(st, 3, q->kind);
    db_bind_text(st, 4, q->kind);
    db_bind_text(st, 5, after_name);
    db_bind_text(st, 6, after_name);
    db_bind_text(st, 7, after_name);
    db_bind_int(st, 8, q->after);
    for (int i = 9; i <= 14; i++)
        db_bind_text(st, i, q->area);
    db_bind_int(st, 15, q->limit + 1);
}

/* The name of the organisation the cursor names. */
static enum err cursor_name(struct db *db, struct arena *a, int64_t after, const char **name,
                            struct fault *f)
{
    *name = NULL;
    if (after == 0)
        return ERR_OK;
    struct organisation o;
    struct db_stmt *st = db_prepare(db, "SELECT " COLUMNS " FROM organisation o WHERE o.id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, after);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        o = row(st, a);
        *name = o.name;
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return *name
               ? ERR_OK
               : fault_set(f, ERR_NOT_FOUND, "cursor",
                           "This page of results no longer exists; start the search again.", NULL);
}

enum err organisation_search(struct db *db, struct arena *a, const struct organisation_query *q,
                             struct organisation_page *out, struct fault *f)
{
    *out = (struct organisation_page){0};
    if (q->limit < 1 || q->limit > ORGANISATION_PAGE_MAX)
        return fault_set(f, ERR_INVALID, "limit", "Give a limit from 1 to 100.", NULL);
    if (q->kind && !organisation_kind_valid(q->kind))
        return fault_set(f, ERR_INVALID, "kind",
                         "Choose the kind of organisation: institution, formal_association, "
                         "informal_group, existing_initiative or business.",
                         NULL);
    const char *after_name = NULL;
    enum err e = cursor_name(db, a, q->after, &after_name, f);
    if (e != ERR_OK)
        return e;
    struct db_stmt *st = db_prepare(db, search_sql);
    if (!st)
        return db_fault(db, f);
    bind_search(st, q, like_pattern(a, q->q), after_name);
    e = collect(db, st, a, q->limit + 1, &out->items, &out->n, f);
    if (e == ERR_OK && out->n > q->limit) {
        out->n = q->limit;
        out->next = out->items[q->limit - 1].id;
    }
    return e;
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
