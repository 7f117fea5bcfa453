/* Rule-free zones through the API (DESIGN.md §3), the twin of web/zone.c:
 *   GET  /api/v1/zones                  the zones (?gemeente=), with their state
 *   POST /api/v1/zones                  request one, for a collective
 *   GET  /api/v1/zones/{id}             one, with rules, initiatives, responsibilities
 *   POST /api/v1/zones/{id}/decision    grant or refuse it
 *   POST /api/v1/zones/{id}/end         end it early
 *   POST /api/v1/zones/{id}/evaluation  record its evaluation
 * Rules, initiatives and responsibilities are arrays of the JSON body;
 * the model decides who may and what is valid. Shapes: docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>
#include <string.h>

#include "core/arena.h"
#include "model/agreement.h"
#include "model/zone.h"
#include "render/json.h"
#include "render/req.h"

static json_t *zone_json(struct req *r, const struct zone *z, bool full)
{
    const char *today = agreement_today(r->arena, r->actor.now);
    json_t *o = json_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:I}", "id",
        (json_int_t)z->id, "collective_id", (json_int_t)z->collective_id, "collective_name",
        z->collective_name, "gemeente", z->gemeente_code, "area", z->area_code, "area_name",
        z->area_name, "title", z->title, "valid_from", z->valid_from, "valid_to", z->valid_to,
        "status", z->status, "state", zone_state(z, today), "evaluation_overdue",
        zone_evaluation_overdue(z, today), "requested_at", (json_int_t)z->requested_at);
    json_object_set_new(o, "decision_ref", json_string_or_null(z->decision_ref));
    json_object_set_new(o, "decision_note", json_string_or_null(z->decision_note));
    json_object_set_new(o, "evaluation", json_string_or_null(z->evaluation));
    if (!full)
        return o;
    json_t *rules = json_array(), *inits = json_array(), *duties = json_array();
    for (int i = 0; i < z->n_rules; i++)
        json_array_append_new(rules, json_pack("{s:s, s:s, s:s}", "reference",
                                               z->rules[i].reference, "legal_basis",
                                               z->rules[i].legal_basis, "conditions",
                                               z->rules[i].conditions));
    for (int i = 0; i < z->n_initiatives; i++)
        json_array_append_new(inits, json_integer(z->initiatives[i]));
    for (int i = 0; i < z->n_duties; i++)
        json_array_append_new(duties, json_pack("{s:s, s:s}", "holder", z->duties[i].holder,
                                                "subject", z->duties[i].subject));
    json_object_set_new(o, "reason", json_string(z->reason));
    json_object_set_new(o, "evaluation_plan", json_string(z->evaluation_plan));
    json_object_set_new(o, "rules", rules);
    json_object_set_new(o, "initiatives", inits);
    json_object_set_new(o, "responsibilities", duties);
    return o;
}

static enum err reply_one(struct req *r, int status, int64_t id)
{
    struct zone z;
    enum err e = zone_get(r->db, r->arena, id, &z, &r->fault);
    return e != ERR_OK ? e : json_reply(r, status, zone_json(r, &z, true));
}

enum err api_zones_list(struct req *r)
{
    struct zone *items = NULL;
    int n = 0;
    enum err e = zone_list(r->db, r->arena, req_in(r, "gemeente"),
                           req_in_int(r, "collective_id", 0), &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, zone_json(r, &items[i], false));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

static const char *str_of(json_t *o, const char *key, struct arena *a)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? arena_strdup(a, s) : NULL;
}

static json_t *array_of(struct req *r, const char *key, size_t *n)
{
    json_t *v = r->json ? json_object_get(r->json, key) : NULL;
    *n = json_is_array(v) ? json_array_size(v) : 0;
    return v;
}

static enum err read_lists(struct req *r, struct zone_request *in)
{
    size_t n;
    json_t *v = array_of(r, "rules", &n);
    if ((v && !json_is_null(v) && !json_is_array(v)) || n > ZONE_RULES_MAX)
        return req_fail(r, ERR_INVALID, "rules", N_("Name between 1 and 20 rules to suspend."));
    struct zone_rule *rules = arena_array(r->arena, n + 1, sizeof *rules);
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(v, i);
        rules[i] = (struct zone_rule){.reference = str_of(o, "reference", r->arena),
                                      .legal_basis = str_of(o, "legal_basis", r->arena),
                                      .conditions = str_of(o, "conditions", r->arena)};
    }
    in->rules = rules;
    in->n_rules = (int)n;
    v = array_of(r, "initiatives", &n);
    if ((v && !json_is_null(v) && !json_is_array(v)) || n > ZONE_INITIATIVES_MAX)
        return req_fail(r, ERR_INVALID, "initiatives", N_("Name at most 10 initiatives."));
    int64_t *ids = arena_array(r->arena, n + 1, sizeof *ids);
    for (size_t i = 0; i < n; i++) {
        if (!json_is_integer(json_array_get(v, i)))
            return req_fail(r, ERR_INVALID, "initiatives",
                            N_("Give initiatives as a list of their numbers."));
        ids[i] = json_integer_value(json_array_get(v, i));
    }
    in->initiatives = ids;
    in->n_initiatives = (int)n;
    v = array_of(r, "responsibilities", &n);
    if ((v && !json_is_null(v) && !json_is_array(v)) || n > ZONE_ITEMS_MAX)
        return req_fail(r, ERR_INVALID, "responsibilities", N_("Give at most 20 responsibilities."));
    struct zone_duty *duties = arena_array(r->arena, n + 1, sizeof *duties);
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(v, i);
        duties[i] = (struct zone_duty){.holder = str_of(o, "holder", r->arena),
                                       .subject = str_of(o, "subject", r->arena)};
    }
    in->duties = duties;
    in->n_duties = (int)n;
    return ERR_OK;
}

enum err api_zone_request(struct req *r)
{
    struct zone_request in = {.collective_id = req_in_int(r, "collective_id", 0),
                              .area_code = req_in(r, "area"),
                              .title = req_in(r, "title"),
                              .reason = req_in(r, "reason"),
                              .evaluation_plan = req_in(r, "evaluation_plan"),
                              .valid_from = req_in(r, "valid_from"),
                              .valid_to = req_in(r, "valid_to")};
    int64_t id = 0;
    enum err e = read_lists(r, &in);
    if (e == ERR_OK)
        e = zone_request(r->db, &in, &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 201, id);
}

enum err api_zone_get(struct req *r)
{
    return reply_one(r, 200, req_in_int(r, "id", 0));
}

enum err api_zone_decide(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    const char *decision = req_in(r, "decision");
    bool grant = decision && strcmp(decision, "grant") == 0;
    enum err e = zone_decide(r->db, id, grant, req_in(r, "decision_ref"), req_in(r, "note"),
                             &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

enum err api_zone_end(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = zone_end(r->db, id, req_in(r, "note"), &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

enum err api_zone_evaluate(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = zone_evaluate(r->db, id, req_in(r, "evaluation"), &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}
