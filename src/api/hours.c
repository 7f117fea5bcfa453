/* Investment hours through the API (DESIGN.md §3), the twin of
 * web/hours.c and web/hours_list.c:
 *   GET  /api/v1/organisations/{id}/hours  the organisation's pledges and total
 *   POST /api/v1/organisations/{id}/hours  pledge hours (its admin)
 *   GET  /api/v1/hours/{id}                a pledge, its balance and ledger
 *   POST /api/v1/hours/{id}/log            log hours (its professionals, its admin)
 *   POST /api/v1/hours/{id}/corrections    correct logged hours (a new movement)
 *   POST /api/v1/hours/{id}/withdraw       withdraw the pledge (its admin)
 *   GET  /api/v1/areas/{code}/hours        pledged versus delivered in an area
 * Hours go in as text ("400", "1.5") or numbers and come out as numbers of
 * hours (tenths / 10). The model decides who may and what is valid; the
 * dispatcher maps its errors. Shapes: docs/openapi.json. */
#include "api/api.h"

#include <inttypes.h>
#include <jansson.h>

#include "core/arena.h"
#include "model/area.h"
#include "model/hours.h"
#include "model/organisation.h"
#include "render/json.h"
#include "render/req.h"

static json_t *hours_num(int64_t tenths)
{
    return tenths % 10 == 0 ? json_integer(tenths / 10) : json_real((double)tenths / 10.0);
}

static json_t *balance_json(const struct hours_balance *b)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "pledged", hours_num(b->pledged), "delivered",
                     hours_num(b->delivered), "withdrawn", hours_num(b->withdrawn), "open",
                     hours_num(b->open), "over_delivered", hours_num(hours_over_delivered(b)));
}

static json_t *id_or_null(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

static json_t *pledge_json(const struct hours_pledge *p)
{
    json_t *o =
        json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:I}", "id", (json_int_t)p->id,
                  "organisation_id", (json_int_t)p->organisation_id, "organisation_name",
                  p->organisation_name, "area_code", p->area_code, "area_name", p->area_name,
                  "hours", hours_num(p->hours_tenths), "starts_on", p->starts_on, "ends_on",
                  p->ends_on, "status", p->status, "created_at", (json_int_t)p->created_at);
    json_object_set_new(o, "initiative_id", id_or_null(p->initiative_id));
    json_object_set_new(o, "collective_id", id_or_null(p->collective_id));
    json_object_set_new(o, "withdrawn_at", id_or_null(p->withdrawn_at));
    json_object_set_new(o, "balance", balance_json(&p->balance));
    return o;
}

static json_t *pledges_json(const struct hours_pledge *items, int n)
{
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, pledge_json(&items[i]));
    return list;
}

static json_t *movement_json(const struct hours_movement *m)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:o, s:o, s:I}", "id", (json_int_t)m->id, "kind",
                          m->kind, "on_date", m->on_date, "hours", hours_num(m->amount),
                          "net_hours", hours_num(m->net), "created_at", (json_int_t)m->created_at);
    json_object_set_new(o, "corrects_id", id_or_null(m->corrects_id));
    json_object_set_new(o, "initiative_id", id_or_null(m->initiative_id));
    json_object_set_new(o, "work_kind", json_string_or_null(m->work_kind));
    json_object_set_new(o, "note", json_string_or_null(m->note));
    json_object_set_new(o, "note_hidden", json_string_or_null(m->note_hidden));
    json_object_set_new(o, "person_id", id_or_null(m->person_id));
    json_object_set_new(o, "person_name", json_string_or_null(m->person_name));
    json_object_set_new(o, "capacity", json_string_or_null(m->capacity));
    return o;
}

/* The pledge with its ledger, as status. */
static enum err reply_pledge(struct req *r, int status, int64_t id)
{
    struct hours_pledge p;
    struct hours_movement *items = NULL;
    int n = 0;
    enum err e = hours_pledge_get(r->db, r->arena, id, &p, &r->fault);
    if (e == ERR_OK)
        e = hours_ledger(r->db, r->arena, id, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *o = pledge_json(&p), *ledger = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(ledger, movement_json(&items[i]));
    json_object_set_new(o, "ledger", ledger);
    return json_reply(r, status, o);
}

enum err api_hours_organisation(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct organisation o;
    struct hours_pledge *items = NULL;
    struct hours_balance total;
    int n = 0;
    enum err e = organisation_get(r->db, r->arena, id, &o, &r->fault);
    if (e == ERR_OK)
        e = hours_pledges_of_organisation(r->db, r->arena, id, &items, &n, &total, &r->fault);
    if (e != ERR_OK)
        return e;
    return json_reply(r, 200,
                      json_pack("{s:I, s:s, s:o, s:o}", "organisation_id", (json_int_t)id, "name",
                                o.name, "total", balance_json(&total), "items",
                                pledges_json(items, n)));
}

enum err api_hours_pledge(struct req *r)
{
    int64_t id = 0;
    struct hours_pledge_input in = {.organisation_id = req_in_int(r, "id", 0),
                                    .area_code = req_in(r, "area"),
                                    .hours = req_in(r, "hours"),
                                    .starts_on = req_in(r, "starts_on"),
                                    .ends_on = req_in(r, "ends_on"),
                                    .initiative_id = req_in_int(r, "initiative", 0),
                                    .collective_id = req_in_int(r, "collective", 0)};
    enum err e = hours_pledge_make(r->db, r->arena, &in, &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_pledge(r, 201, id);
}

enum err api_hours_get(struct req *r)
{
    return reply_pledge(r, 200, req_in_int(r, "id", 0));
}

enum err api_hours_log(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0), movement = 0;
    struct hours_log_input in = {.on_date = req_in(r, "on_date"),
                                 .hours = req_in(r, "hours"),
                                 .initiative_id = req_in_int(r, "initiative", 0),
                                 .kind = req_in(r, "kind"),
                                 .note = req_in(r, "note")};
    enum err e = hours_log(r->db, r->arena, id, &in, &r->actor, &movement, &r->fault);
    if (e != ERR_OK)
        return e;
    return json_reply(
        r, 201,
        json_pack("{s:I, s:I}", "pledge_id", (json_int_t)id, "movement_id", (json_int_t)movement));
}

enum err api_hours_correct(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0), movement = 0;
    enum err e =
        hours_correct(r->db, r->arena, id, req_in_int(r, "movement", 0), req_in(r, "hours"),
                      req_in(r, "note"), &r->actor, &movement, &r->fault);
    if (e != ERR_OK)
        return e;
    return json_reply(
        r, 201,
        json_pack("{s:I, s:I}", "pledge_id", (json_int_t)id, "movement_id", (json_int_t)movement));
}

enum err api_hours_withdraw(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = hours_pledge_withdraw(r->db, r->arena, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_pledge(r, 200, id);
}

enum err api_hours_area(struct req *r)
{
    const char *code = req_in(r, "code");
    struct area ar;
    struct hours_pledge *items = NULL;
    struct hours_org_total *orgs = NULL;
    struct hours_balance total;
    int n = 0, n_orgs = 0;
    enum err e = area_get(r->db, r->arena, code, &ar, &r->fault);
    if (e == ERR_OK)
        e = hours_pledges_of_area(r->db, r->arena, code, &items, &n, &total, &r->fault);
    if (e == ERR_OK)
        e = hours_area_organisations(r->db, r->arena, code, &orgs, &n_orgs, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *per_org = json_array();
    for (int i = 0; i < n_orgs; i++)
        json_array_append_new(per_org,
                              json_pack("{s:I, s:s, s:i, s:o}", "organisation_id",
                                        (json_int_t)orgs[i].organisation_id, "name",
                                        orgs[i].organisation_name, "pledges", orgs[i].pledges,
                                        "balance", balance_json(&orgs[i].balance)));
    return json_reply(r, 200,
                      json_pack("{s:s, s:s, s:o, s:o, s:o}", "area_code", ar.code, "name", ar.name,
                                "total", balance_json(&total), "organisations", per_org, "items",
                                pledges_json(items, n)));
}
