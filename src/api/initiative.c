/* Initiatives through the API (DESIGN.md §2-3), the twin of
 * web/initiative.c:
 *   GET  /api/v1/initiatives                 the list (?area=BU...&phase=...)
 *   POST /api/v1/initiatives                 start one
 *   GET  /api/v1/initiatives/{id}            one, with its buurten, needs,
 *                                            initiators, pledge progress,
 *                                            phase history and evaluation
 *   PUT  /api/v1/initiatives/{id}            change its scope
 *   POST /api/v1/initiatives/{id}/phase      {"phase", "reason"}
 *   POST /api/v1/initiatives/{id}/initiators {"person_id"}
 *   DELETE /api/v1/initiatives/{id}/initiators/{person_id}
 *   PUT  /api/v1/initiatives/{id}/evaluation {"results", "worked", ...}
 * The scalar members are declared fields (http/routes.c); "areas" (an array
 * of buurt codes) and "needs" (an array of {"kind", "description",
 * "amount"}) are read here and checked by the model, like every rule of
 * who may. Shapes: docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>

#include "core/arena.h"
#include "model/initiative.h"
#include "model/pledge.h"
#include "render/json.h"
#include "render/req.h"

static json_t *summary_json(struct req *r, const struct initiative *it)
{
    json_t *o =
        json_pack("{s:I, s:s, s:s, s:s, s:i, s:i, s:I, s:I, s:I}", "id", (json_int_t)it->id,
                  "title", it->title, "aim", it->aim, "phase", it->phase, "threshold_residents",
                  it->threshold_residents, "threshold_hours", it->threshold_hours, "created_by",
                  (json_int_t)it->created_by, "created_at", (json_int_t)it->created_at,
                  "updated_at", (json_int_t)it->updated_at);
    json_object_set_new(o, "collective_id",
                        it->collective_id ? json_integer(it->collective_id) : json_null());
    json_object_set_new(o, "frozen", json_boolean(it->frozen_reason != NULL));
    json_object_set_new(o, "frozen_reason",
                        json_string_or_null(it->frozen_reason ? T(r, it->frozen_reason) : NULL));
    return o;
}

static json_t *needs_json(const struct initiative_need *needs, int n)
{
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o =
            json_pack("{s:s, s:s}", "kind", needs[i].kind, "description", needs[i].description);
        json_object_set_new(o, "amount",
                            needs[i].amount >= 0 ? json_integer(needs[i].amount) : json_null());
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *history_json(const struct initiative_phase_change *h, int n)
{
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = json_pack("{s:s, s:s, s:I, s:I}", "from", h[i].from, "to", h[i].to, "person_id",
                              (json_int_t)h[i].person_id, "at", (json_int_t)h[i].at);
        json_object_set_new(o, "capacity", json_string_or_null(h[i].capacity));
        json_object_set_new(o, "reason", json_string_or_null(h[i].reason));
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *initiators_json(const struct initiative_initiator *ii, int n)
{
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list,
                              json_pack("{s:I, s:s, s:I}", "person_id", (json_int_t)ii[i].person_id,
                                        "display_name", ii[i].display_name, "since_at",
                                        (json_int_t)ii[i].since_at));
    return list;
}

static json_t *evaluation_json(const struct initiative_evaluation *ev)
{
    if (ev->updated_by == 0)
        return json_null();
    return json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "results", ev->results, "worked", ev->worked,
                     "did_not_work", ev->did_not_work, "conditions", ev->conditions, "updated_by",
                     (json_int_t)ev->updated_by, "updated_at", (json_int_t)ev->updated_at);
}

/* The parts of one initiative beyond its row into o. */
static enum err add_details(struct req *r, int64_t id, json_t *o)
{
    struct initiative_need *needs;
    struct initiative_initiator *ii;
    struct initiative_phase_change *h;
    struct initiative_evaluation ev;
    int nn = 0, ni = 0, nh = 0, residents = 0, hours = 0;
    enum err e = initiative_needs(r->db, r->arena, id, &needs, &nn, &r->fault);
    if (e == ERR_OK)
        e = initiative_initiators(r->db, r->arena, id, &ii, &ni, &r->fault);
    if (e == ERR_OK)
        e = initiative_history(r->db, r->arena, id, &h, &nh, &r->fault);
    if (e == ERR_OK)
        e = initiative_evaluation_get(r->db, r->arena, id, &ev, &r->fault);
    if (e == ERR_OK)
        e = pledge_totals(r->db, id, &residents, &hours, &r->fault);
    if (e != ERR_OK)
        return e;
    json_object_set_new(o, "needs", needs_json(needs, nn));
    json_object_set_new(o, "initiators", initiators_json(ii, ni));
    json_object_set_new(o, "history", history_json(h, nh));
    json_object_set_new(o, "evaluation", evaluation_json(&ev));
    json_object_set_new(o, "pledged",
                        json_pack("{s:i, s:i}", "residents", residents, "hours_per_month", hours));
    return ERR_OK;
}

static enum err reply_one(struct req *r, int status, int64_t id)
{
    struct initiative it;
    const char *reason = NULL;
    enum err e = initiative_get(r->db, r->arena, id, &it, &r->fault);
    if (e == ERR_OK)
        e = initiative_ownership(r->db, id, &reason, &r->fault);
    if (e != ERR_OK)
        return e;
    it.frozen_reason = reason; /* as it is now, also before a write noticed */
    json_t *o = summary_json(r, &it);
    json_t *areas = json_array();
    for (int i = 0; i < it.n_areas; i++)
        json_array_append_new(areas, json_string(it.areas[i]));
    json_object_set_new(o, "areas", areas);
    e = add_details(r, id, o);
    if (e != ERR_OK) {
        json_decref(o);
        return e;
    }
    return json_reply(r, status, o);
}

enum err api_initiatives_list(struct req *r)
{
    struct initiative *items = NULL;
    int n = 0;
    enum err e = initiative_list(r->db, r->arena, req_in(r, "area"), req_in(r, "phase"), &items, &n,
                                 &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, summary_json(r, &items[i]));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

/* "areas" of the body: absent, or an array of strings, at most
 * INITIATIVE_AREAS_MAX. */
static enum err read_areas(struct req *r, struct initiative_scope *s)
{
    json_t *areas = r->json ? json_object_get(r->json, "areas") : NULL;
    if (!areas || json_is_null(areas))
        return ERR_OK; /* none: the model says what is missing, after who may */
    size_t n = json_is_array(areas) ? json_array_size(areas) : 0;
    if (!json_is_array(areas) || n > INITIATIVE_AREAS_MAX)
        return req_fail(r, ERR_INVALID, "areas",
                        N_("Give areas as a list of buurt codes, at most 20."));
    const char **codes = arena_array(r->arena, n + 1, sizeof *codes);
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(areas, i);
        if (!json_is_string(v))
            return req_fail(r, ERR_INVALID, "areas",
                            N_("Give areas as a list of buurt codes, at most 20."));
        codes[i] = arena_strdup(r->arena, json_string_value(v));
    }
    s->areas = codes;
    s->n_areas = (int)n;
    return ERR_OK;
}

/* "needs" of the body: absent or an array of {"kind", "description",
 * "amount"} objects, at most INITIATIVE_NEEDS_MAX. */
static enum err read_needs(struct req *r, struct initiative_scope *s)
{
    json_t *needs = r->json ? json_object_get(r->json, "needs") : NULL;
    if (!needs || json_is_null(needs))
        return ERR_OK;
    size_t n = json_is_array(needs) ? json_array_size(needs) : 0;
    if (!json_is_array(needs) || n > INITIATIVE_NEEDS_MAX)
        return req_fail(r, ERR_INVALID, "needs", N_("Give needs as a list of at most 20."));
    struct initiative_need *out = arena_array(r->arena, n + 1, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(needs, i), *amount = json_object_get(v, "amount");
        const char *kind = json_string_value(json_object_get(v, "kind"));
        const char *text = json_string_value(json_object_get(v, "description"));
        if (!json_is_object(v) || (amount && !json_is_null(amount) && !json_is_integer(amount)))
            return req_fail(r, ERR_INVALID, "needs",
                            N_("Give each need as a kind, a description and an optional whole "
                               "amount."));
        out[i] = (struct initiative_need){
            .kind = kind ? arena_strdup(r->arena, kind) : NULL,
            .description = text ? arena_strdup(r->arena, text) : NULL,
            .amount = json_is_integer(amount) ? (int64_t)json_integer_value(amount) : -1,
        };
    }
    s->needs = out;
    s->n_needs = (int)n;
    return ERR_OK;
}

static enum err read_scope(struct req *r, struct initiative_scope *s)
{
    *s = (struct initiative_scope){
        .title = req_in(r, "title"),
        .aim = req_in(r, "aim"),
        .threshold_residents = (int)req_in_int(r, "threshold_residents", 0),
        .threshold_hours = (int)req_in_int(r, "threshold_hours", 0),
    };
    enum err e = read_areas(r, s);
    return e == ERR_OK ? read_needs(r, s) : e;
}

enum err api_initiative_create(struct req *r)
{
    struct initiative_scope s;
    int64_t id = 0;
    enum err e = read_scope(r, &s);
    if (e == ERR_OK)
        e = initiative_create(r->db, &s, req_in_int(r, "collective_id", 0), &r->actor, &id,
                              &r->fault);
    return e != ERR_OK ? e : reply_one(r, 201, id);
}

enum err api_initiative_get(struct req *r)
{
    return reply_one(r, 200, req_in_int(r, "id", 0));
}

enum err api_initiative_update(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct initiative_scope s;
    enum err e = read_scope(r, &s);
    if (e == ERR_OK)
        e = initiative_update(r->db, id, &s, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

enum err api_initiative_phase(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = initiative_change_phase(r->db, id, req_in(r, "phase"), req_in(r, "reason"),
                                         &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

enum err api_initiative_add_initiator(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e =
        initiative_add_initiator(r->db, id, req_in_int(r, "person_id", 0), &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 201, id);
}

enum err api_initiative_remove_initiator(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e =
        initiative_remove_initiator(r->db, id, req_in_int(r, "person_id", 0), &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

enum err api_initiative_evaluate(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct initiative_evaluation ev = {
        .results = req_in(r, "results"),
        .worked = req_in(r, "worked"),
        .did_not_work = req_in(r, "did_not_work"),
        .conditions = req_in(r, "conditions"),
    };
    enum err e = initiative_evaluate(r->db, id, &ev, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}
