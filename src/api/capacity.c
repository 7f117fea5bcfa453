/* Capacities through the API, the twin of web/capacity.c:
 *   GET  /api/v1/me/capacities   the capacities one holds and the one the
 *                                session acts in
 *   PUT  /api/v1/me/capacity     choose it {"capacity": "resident:BU..."}
 *   POST /api/v1/roles           a platform admin names a role {"email",
 *                                "role", "scope"}
 * The model refuses a capacity one does not hold (403) and a role named by
 * anyone but a platform admin (403, with the policy's reason). */
#include "api/api.h"

#include <string.h>

#include <jansson.h>

#include "model/capacity.h"
#include "model/desk.h"
#include "model/session.h"
#include "render/json.h"
#include "render/req.h"

enum err api_my_capacities(struct req *r)
{
    struct capacity_held *held = NULL;
    int n = 0;
    enum err e = capacity_list(r->db, r->arena, r->session->person_id, &held, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, json_pack("{s:s, s:o}", "capacity", held[i].name, "qualifier",
                                              json_string_or_null(held[i].qualifier)));
    return json_reply(r, 200,
                      json_pack("{s:o, s:o}", "items", list, "acting_as",
                                json_string_or_null(r->session->capacity)));
}

enum err api_capacity_choose(struct req *r)
{
    const char *capacity = req_in(r, "capacity");
    enum err e = desk_choose_capacity(r->db, r->session->id, capacity, &r->actor, &r->fault);
    if (e != ERR_OK)
        return e;
    const char *stored = capacity && *capacity && strcmp(capacity, "person") != 0 ? capacity : NULL;
    return json_reply(r, 200, json_pack("{s:o}", "acting_as", json_string_or_null(stored)));
}

enum err api_roles_grant(struct req *r)
{
    int64_t id = 0;
    enum err e = desk_grant_role(r->db, r->arena, req_in(r, "email"), req_in(r, "role"),
                                 req_in(r, "scope"), &r->actor, &id, &r->fault);
    if (e != ERR_OK)
        return e;
    return json_reply(r, 201,
                      json_pack("{s:I, s:s}", "id", (json_int_t)id, "role", req_in(r, "role")));
}
