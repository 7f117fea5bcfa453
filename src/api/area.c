/* The areas of the JSON API: GET /api/v1/areas (a filtered page of areas,
 * ordered by code, with an opaque cursor) and GET /api/v1/areas/{code} (one
 * area with its newest key figures, its boundary and how many children it
 * has). The dispatcher has validated every field before these run; the rules
 * and queries live in model/area.c. Shapes: docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/area.h"
#include "render/json.h"
#include "render/req.h"

enum { LIST_LIMIT_DEFAULT = 100 };

/* The key figures as data: JSON member, place in struct area_figures, and
 * whether the figure is a count (written as a JSON integer). */
struct figure_member {
    const char *name;
    size_t offset;
    bool count;
};

static const struct figure_member figure_members[] = {
    {"inhabitants", offsetof(struct area_figures, inhabitants), true},
    {"age_0_15", offsetof(struct area_figures, age_0_15), true},
    {"age_15_25", offsetof(struct area_figures, age_15_25), true},
    {"age_25_45", offsetof(struct area_figures, age_25_45), true},
    {"age_45_65", offsetof(struct area_figures, age_45_65), true},
    {"age_65_plus", offsetof(struct area_figures, age_65_plus), true},
    {"households", offsetof(struct area_figures, households), true},
    {"avg_household_size", offsetof(struct area_figures, avg_household_size), false},
    {"income_per_inhabitant", offsetof(struct area_figures, income_per_inhabitant), false},
    {"low_income_share", offsetof(struct area_figures, low_income_share), false},
};

/* {code, kind, name, parent}: an area as the list and the detail show it. */
static json_t *area_json(const struct area *a)
{
    return json_pack("{s:s, s:s, s:s, s:o}", "code", a->code, "kind", area_kind_name(a->kind),
                     "name", a->name, "parent", json_string_or_null(a->parent_code));
}

static json_t *figure_json(const struct figure *fig, bool count)
{
    if (!fig->known)
        return json_null();
    if (count)
        return json_integer((json_int_t)fig->value);
    return json_real(fig->value);
}

/* The figures object, every member present and null where CBS left it
 * unknown. */
static json_t *figures_json(const struct area_figures *figs)
{
    json_t *o = json_pack("{s:i}", "year", figs->year);
    const char *base = (const char *)figs;
    for (size_t i = 0; i < sizeof figure_members / sizeof figure_members[0]; i++) {
        const struct figure_member *m = &figure_members[i];
        const struct figure *fig = (const struct figure *)(base + m->offset);
        json_object_set_new(o, m->name, figure_json(fig, m->count));
    }
    return o;
}

/* Fills flt from the validated query; the kind is one of the declared
 * choices, so area_kind_parse cannot fail on it. */
static void list_filter(const struct req *r, struct area_filter *flt)
{
    const char *kind = req_in(r, "kind");
    flt->parent_code = req_in(r, "parent");
    flt->kind = kind ? area_kind_parse(kind) : 0;
    flt->after = req_in(r, "cursor");
    flt->limit = (int)req_in_int(r, "limit", LIST_LIMIT_DEFAULT);
}

enum err api_areas_list(struct req *r)
{
    struct area_filter flt = {0};
    struct area_page page = {0};
    list_filter(r, &flt);
    enum err e = area_list(r->db, r->arena, &flt, &page, &r->fault);
    if (e != ERR_OK)
        return e;

    json_t *items = json_array();
    for (int i = 0; i < page.n; i++)
        json_array_append_new(items, area_json(&page.items[i]));
    json_t *body = json_pack("{s:o, s:o}", "items", items, "next", json_string_or_null(page.next));
    return json_reply(r, 200, body);
}

/* The stored boundary as a JSON value, or null when the area has none. */
static enum err boundary_json(struct req *r, const char *code, json_t **out)
{
    const char *text = NULL;
    enum err e = area_boundary(r->db, r->arena, code, &text, &r->fault);
    if (e != ERR_OK)
        return e;
    if (!text) {
        *out = json_null();
        return ERR_OK;
    }
    /* Boundaries are validated when stored; one that no longer parses is
     * damaged data, not a client's mistake. */
    *out = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
    if (!*out)
        return req_fail(r, ERR_INTERNAL, NULL, N_("The stored boundary of area %s is damaged."),
                        code);
    return ERR_OK;
}

/* Adds "figures", "boundary" and "children" to the area object o. */
static enum err area_details(struct req *r, const char *code, json_t *o)
{
    struct area_figures figs;
    bool found = false;
    enum err e = area_figures_latest(r->db, r->arena, code, &figs, &found, &r->fault);
    if (e != ERR_OK)
        return e;
    json_object_set_new(o, "figures", found ? figures_json(&figs) : json_null());

    json_t *boundary = NULL;
    if ((e = boundary_json(r, code, &boundary)) != ERR_OK)
        return e;
    json_object_set_new(o, "boundary", boundary);

    struct area_child *children = NULL;
    int n = 0;
    if ((e = area_children(r->db, r->arena, code, &children, &n, &r->fault)) != ERR_OK)
        return e;
    json_object_set_new(o, "children", json_integer(n));
    return ERR_OK;
}

enum err api_area_get(struct req *r)
{
    const char *code = req_in(r, "code");
    if (!code)
        return req_fail(r, ERR_INVALID, "code", N_("An area code is required."));

    struct area ar;
    enum err e = area_get(r->db, r->arena, code, &ar, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *o = area_json(&ar);
    if ((e = area_details(r, ar.code, o)) != ERR_OK) {
        json_decref(o);
        return e;
    }
    return json_reply(r, 200, o);
}
