/* Organisations through the API (DESIGN.md §3, the arena), the twin of
 * web/organisation.c:
 *   GET  /api/v1/organisations?q=&kind=&area=&cursor=&limit=   search, paged
 *   POST /api/v1/organisations                                 register one
 *   GET  /api/v1/organisations/{id}                            one, with its profile
 *   PUT  /api/v1/organisations/{id}                            its admin edits it
 * The profile members are declared fields; "areas" is a JSON array of area
 * codes, read from the body here because a declared field holds one value.
 * "id" and "kind" in a PUT body are never applied: the kind is not a field
 * of the PUT, and the id is the path's. The model decides who may; errors
 * are mapped by the dispatcher. Shapes: docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>
#include <string.h>

#include "core/arena.h"
#include "model/organisation.h"
#include "render/json.h"
#include "render/req.h"

enum { PAGE_DEFAULT = 20 };

static json_t *areas_json(const struct organisation *o)
{
    json_t *list = json_array();
    for (int i = 0; o->areas && i < o->n_areas; i++)
        json_array_append_new(list, json_string(o->areas[i]));
    return list;
}

/* An organisation; with its areas served when they were loaded. */
static json_t *organisation_json(const struct organisation *o)
{
    json_t *j = json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)o->id, "name", o->name, "kind",
                          o->kind, "created_at", (json_int_t)o->created_at);
    const char *keys[] = {"description", "website", "email",      "phone", "street",
                          "postal_code", "city",    "legal_form", "kvk"};
    const char *values[] = {o->description, o->website, o->email,      o->phone, o->street,
                            o->postal_code, o->city,    o->legal_form, o->kvk};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        json_object_set_new(j, keys[i], json_string_or_null(values[i]));
    if (o->areas)
        json_object_set_new(j, "areas", areas_json(o));
    return j;
}

enum err api_organisations_list(struct req *r)
{
    struct organisation_query q = {
        .q = req_in(r, "q"),
        .kind = req_in(r, "kind"),
        .area = req_in(r, "area"),
        .after = req_in_int(r, "cursor", 0),
        .limit = (int)req_in_int(r, "limit", PAGE_DEFAULT),
    };
    struct organisation_page page;
    enum err e = organisation_search(r->db, r->arena, &q, &page, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < page.n; i++)
        json_array_append_new(list, organisation_json(&page.items[i]));
    json_t *body = json_pack("{s:o}", "items", list);
    json_object_set_new(body, "next_cursor", page.next ? json_integer(page.next) : json_null());
    return json_reply(r, 200, body);
}

/* The profile members of the body into *o; "areas" when it is there (an
 * array of strings, else ERR_INVALID). */
static enum err read_body(struct req *r, struct organisation *o)
{
    *o = (struct organisation){
        .name = req_in(r, "name"),
        .kind = req_in(r, "kind"),
        .description = req_in(r, "description"),
        .website = req_in(r, "website"),
        .email = req_in(r, "email"),
        .phone = req_in(r, "phone"),
        .street = req_in(r, "street"),
        .postal_code = req_in(r, "postal_code"),
        .city = req_in(r, "city"),
        .legal_form = req_in(r, "legal_form"),
        .kvk = req_in(r, "kvk"),
    };
    json_t *areas = r->json ? json_object_get(r->json, "areas") : NULL;
    if (!areas || json_is_null(areas))
        return ERR_OK;
    size_t n = json_is_array(areas) ? json_array_size(areas) : 0;
    if (!json_is_array(areas) || n > ORGANISATION_AREAS_MAX)
        return req_fail(r, ERR_INVALID, "areas",
                        N_("Give areas as a list of at most 50 area codes."));
    o->areas = arena_array(r->arena, n + 1, sizeof *o->areas);
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(areas, i);
        if (!json_is_string(v))
            return req_fail(r, ERR_INVALID, "areas",
                            N_("Give areas as a list of at most 50 area codes."));
        o->areas[o->n_areas++] = arena_strdup(r->arena, json_string_value(v));
    }
    return ERR_OK;
}

static enum err reply_one(struct req *r, int status, int64_t id)
{
    struct organisation o;
    enum err e = organisation_get(r->db, r->arena, id, &o, &r->fault);
    return e != ERR_OK ? e : json_reply(r, status, organisation_json(&o));
}

enum err api_organisation_create(struct req *r)
{
    struct organisation in;
    int64_t id = 0;
    enum err e = read_body(r, &in);
    if (e == ERR_OK)
        e = organisation_register(r->db, &in, &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 201, id);
}

enum err api_organisation_get(struct req *r)
{
    return reply_one(r, 200, req_in_int(r, "id", 0));
}

enum err api_organisation_update(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct organisation in;
    enum err e = organisation_may_edit(r->db, id, &r->actor, &r->fault);
    if (e == ERR_OK)
        e = read_body(r, &in);
    if (e == ERR_OK)
        e = organisation_update_profile(r->db, id, &in, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}
