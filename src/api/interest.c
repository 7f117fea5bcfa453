/* Declarations of conflicting interests through the API, the twin of
 * web/interest.c:
 *   GET  /api/v1/me/interests   one's own declarations
 *   POST /api/v1/me/interests   declare one {"organisation_id", "note"}
 * The declaration is always the signed-in person's own; the model asks the
 * policy (interest.declare: acting as resident or professional). */
#include "api/api.h"

#include <jansson.h>

#include "model/capacity.h"
#include "model/interest.h"
#include "model/session.h"
#include "render/json.h"
#include "render/req.h"

static json_t *interest_json(const struct interest *it)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:I}", "id", (json_int_t)it->id, "organisation_id",
                          (json_int_t)it->organisation_id, "organisation_name",
                          it->organisation_name, "declared_at", (json_int_t)it->declared_at);
    json_object_set_new(o, "note", json_string_or_null(it->note));
    return o;
}

enum err api_my_interests(struct req *r)
{
    struct interest *items = NULL;
    int n = 0;
    enum err e = interest_list_mine(r->db, r->arena, r->session->person_id, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, interest_json(&items[i]));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

enum err api_interest_declare(struct req *r)
{
    int64_t id = 0;
    enum err e = capacity_declare_interest(r->db, req_in_int(r, "organisation_id", 0),
                                           req_in(r, "note"), &r->actor, &id, &r->fault);
    if (e != ERR_OK)
        return e;
    struct interest *items = NULL;
    int n = 0;
    e = interest_list_mine(r->db, r->arena, r->session->person_id, &items, &n, &r->fault);
    for (int i = 0; e == ERR_OK && i < n; i++)
        if (items[i].id == id)
            return json_reply(r, 201, interest_json(&items[i]));
    return e != ERR_OK ? e : req_fail(r, ERR_INTERNAL, NULL, NULL);
}
