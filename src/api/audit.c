/* The audit log through the API (model/audit.h), the twin of web/audit.c:
 *   GET /api/v1/audit?object_type=&object_id=&before=   public entries of one object
 *   GET /api/v1/areas/{code}/audit?before=              public entries of an area
 *   GET /api/v1/me/audit?before=                        the signed-in person's
 *                                                       restricted entries
 * Newest first, 100 to a page; "next" is the cursor for the following page
 * (null at the end). An entry's actor is {id, name}: the name shown in
 * public (model/moderation.h), never an e-mail address. Shapes:
 * docs/openapi.json. */
#include "api/api.h"

#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/area.h"
#include "model/audit.h"
#include "model/capacity.h"
#include "model/session.h"
#include "render/byline.h"
#include "render/json.h"
#include "render/req.h"

enum { PAGE_SIZE = 100 };

/* {id, name} of who acted; id null when nobody did. */
static json_t *actor_json(struct req *r, const struct audit_row *row)
{
    const char *name = byline_name(r, row->person_id, row->capacity, NULL);
    return json_pack("{s:o, s:s}", "id",
                     row->person_id > 0 ? json_integer(row->person_id) : json_null(), "name", name);
}

static json_t *entry_json(struct req *r, const struct audit_row *row)
{
    char iso[21];
    clock_iso8601(row->at, iso);
    json_t *detail = row->detail ? json_loads(row->detail, 0, NULL) : NULL;
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:b}", "id",
                     (json_int_t)row->id, "at", iso, "action", row->action, "object_type",
                     row->object_type, "object_id", row->object_id, "area_code",
                     json_string_or_null(row->area_code), "capacity",
                     json_string_or_null(row->capacity), "actor", actor_json(r, row), "request_id",
                     json_string_or_null(row->request_id), "detail", detail ? detail : json_null(),
                     "public", row->is_public);
}

static enum err reply(struct req *r, const struct audit_page *pg)
{
    json_t *items = json_array();
    for (int i = 0; i < pg->n; i++)
        json_array_append_new(items, entry_json(r, &pg->items[i]));
    return json_reply(r, 200,
                      json_pack("{s:o, s:o}", "items", items, "next",
                                pg->next > 0 ? json_integer(pg->next) : json_null()));
}

static enum err may_view(struct req *r, enum action action)
{
    enum capacity cap = r->session ? CAP_PERSON : CAP_VISITOR;
    return capacity_authorise(action, cap, action == ACT_AUDIT_VIEW_PERSONAL ? REL_OWN : REL_OTHER,
                              &r->fault);
}

enum err api_audit_object(struct req *r)
{
    struct audit_page pg = {0};
    enum err e = may_view(r, ACT_AUDIT_VIEW_PUBLIC);
    if (e == ERR_OK)
        e = audit_list_object(r->db, r->arena, req_in(r, "object_type"), req_in(r, "object_id"),
                              req_in_int(r, "before", 0), PAGE_SIZE, &pg, &r->fault);
    return e != ERR_OK ? e : reply(r, &pg);
}

enum err api_area_audit(struct req *r)
{
    struct area area;
    struct audit_page pg = {0};
    const char *code = req_in(r, "code");
    enum err e = may_view(r, ACT_AUDIT_VIEW_PUBLIC);
    if (e == ERR_OK)
        e = area_get(r->db, r->arena, code, &area, &r->fault);
    if (e == ERR_OK)
        e = audit_list_area(r->db, r->arena, code, req_in_int(r, "before", 0), PAGE_SIZE, &pg,
                            &r->fault);
    return e != ERR_OK ? e : reply(r, &pg);
}

enum err api_me_audit(struct req *r)
{
    struct audit_page pg = {0};
    enum err e = may_view(r, ACT_AUDIT_VIEW_PERSONAL);
    if (e == ERR_OK)
        e = audit_list_person(r->db, r->arena, r->session->person_id, req_in_int(r, "before", 0),
                              PAGE_SIZE, &pg, &r->fault);
    return e != ERR_OK ? e : reply(r, &pg);
}
