/* Pledges through the API (DESIGN.md §3), the twin of web/pledge.c:
 *   GET    /api/v1/initiatives/{id}/pledges         the initiators' list, with the totals
 *   GET    /api/v1/initiatives/{id}/pledges/totals  the totals and thresholds (public)
 *   POST   /api/v1/initiatives/{id}/pledges         pledge, or update one's pledge
 *   PUT    /api/v1/initiatives/{id}/pledges         change one's pledge
 *   DELETE /api/v1/initiatives/{id}/pledges         withdraw one's pledge
 *   GET    /api/v1/me/pledges                       one's own pledges
 * The pledger is always the signed-in person. Hours come as an integer or
 * as a string with one decimal ("1.5"); the model decides who may and what
 * is valid, and the dispatcher maps its errors. Shapes: docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>

#include "model/initiative.h"
#include "model/pledge.h"
#include "render/json.h"
#include "render/req.h"

static json_t *pledge_json(const struct pledge *p, const char *name, const char *title)
{
    json_t *o = json_pack("{s:I, s:I, s:I, s:s, s:I, s:I}", "id", (json_int_t)p->id,
                          "initiative_id", (json_int_t)p->initiative_id, "person_id",
                          (json_int_t)p->person_id, "status", p->status, "created_at",
                          (json_int_t)p->created_at, "updated_at", (json_int_t)p->updated_at);
    json_object_set_new(o, "hours",
                        p->hours_tenths ? json_real(p->hours_tenths / 10.0) : json_null());
    json_object_set_new(o, "period", json_string_or_null(p->period));
    json_object_set_new(o, "skill", json_string_or_null(p->skill));
    json_object_set_new(o, "role", json_string_or_null(p->role));
    json_object_set_new(o, "withdrawn_at",
                        p->withdrawn_at ? json_integer(p->withdrawn_at) : json_null());
    if (name)
        json_object_set_new(o, "display_name", json_string(name));
    if (title)
        json_object_set_new(o, "initiative_title", json_string(title));
    return o;
}

static json_t *list_json(const struct pledge_row *items, int n)
{
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(
            list, pledge_json(&items[i].pledge, items[i].person_name, items[i].initiative_title));
    return list;
}

/* The totals of initiative id against its thresholds; ERR_NOT_FOUND for
 * an unknown initiative. */
static enum err totals_json(struct req *r, int64_t id, json_t **out)
{
    struct initiative in;
    int residents = 0, hours = 0;
    enum err e = initiative_get(r->db, r->arena, id, &in, &r->fault);
    if (e == ERR_OK)
        e = pledge_totals(r->db, id, &residents, &hours, &r->fault);
    if (e == ERR_OK)
        *out = json_pack("{s:I, s:i, s:i, s:i, s:i}", "initiative_id", (json_int_t)id, "residents",
                         residents, "hours_per_month", hours, "threshold_residents",
                         in.threshold_residents, "threshold_hours", in.threshold_hours);
    return e;
}

/* The pledge input of the request, as the model checks it. */
static struct pledge_input input_of(const struct req *r)
{
    return (struct pledge_input){.hours = req_in(r, "hours"),
                                 .period = req_in(r, "period"),
                                 .skill = req_in(r, "skill"),
                                 .role = req_in(r, "role")};
}

static enum err reply_one(struct req *r, int status, int64_t id)
{
    struct pledge p;
    enum err e = pledge_get(r->db, r->arena, id, &p, &r->fault);
    return e != ERR_OK ? e : json_reply(r, status, pledge_json(&p, NULL, NULL));
}

enum err api_pledges_list(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct pledge_row *items = NULL;
    int n = 0;
    json_t *totals = NULL;
    enum err e = pledge_list(r->db, r->arena, id, &r->actor, &items, &n, &r->fault);
    if (e == ERR_OK)
        e = totals_json(r, id, &totals);
    if (e != ERR_OK)
        return e;
    return json_reply(r, 200,
                      json_pack("{s:o, s:o}", "items", list_json(items, n), "totals", totals));
}

enum err api_pledge_totals(struct req *r)
{
    json_t *totals = NULL;
    enum err e = totals_json(r, req_in_int(r, "id", 0), &totals);
    return e != ERR_OK ? e : json_reply(r, 200, totals);
}

enum err api_pledge_make(struct req *r)
{
    int64_t pledge = 0;
    bool updated = false;
    struct pledge_input in = input_of(r);
    enum err e =
        pledge_make(r->db, req_in_int(r, "id", 0), &in, &r->actor, &pledge, &updated, &r->fault);
    return e != ERR_OK ? e : reply_one(r, updated ? 200 : 201, pledge);
}

/* One's active pledge to the initiative after a change. */
static enum err reply_mine(struct req *r, int64_t initiative_id)
{
    struct pledge p;
    bool found = false;
    enum err e =
        pledge_active(r->db, r->arena, initiative_id, r->actor.person_id, &p, &found, &r->fault);
    if (e == ERR_OK && !found)
        e = req_fail(r, ERR_NOT_FOUND, NULL, "You have no pledge to this initiative.");
    return e != ERR_OK ? e : json_reply(r, 200, pledge_json(&p, NULL, NULL));
}

enum err api_pledge_change(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct pledge_input in = input_of(r);
    enum err e = pledge_change_mine(r->db, id, &in, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_mine(r, id);
}

enum err api_pledge_withdraw(struct req *r)
{
    enum err e = pledge_withdraw_mine(r->db, req_in_int(r, "id", 0), &r->actor, &r->fault);
    return e != ERR_OK ? e : json_reply(r, 200, json_pack("{s:b}", "withdrawn", 1));
}

enum err api_my_pledges(struct req *r)
{
    struct pledge_row *items = NULL;
    int n = 0;
    enum err e = pledge_list_mine(r->db, r->arena, &r->actor, &items, &n, &r->fault);
    return e != ERR_OK ? e : json_reply(r, 200, json_pack("{s:o}", "items", list_json(items, n)));
}
