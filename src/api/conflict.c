/* Conflict cases through the API (DESIGN.md §3), the twin of web/conflict.c:
 *   GET  /api/v1/conflicts                    the cases one is a party to or mediates
 *   POST /api/v1/conflicts                    raise a case
 *   GET  /api/v1/conflicts/{id}               one case, with its parties and steps
 *   POST /api/v1/conflicts/{id}/mediator      ask for a mediator
 *   POST /api/v1/conflicts/{id}/steps         take the next step, with a record
 *   POST /api/v1/conflicts/{id}/agreement     the mediator drafts the agreement
 *   POST /api/v1/conflicts/{id}/confirm       a party confirms the draft
 *   GET  /api/v1/areas/{code}/conflicts       open and closed cases counted (public)
 * Parties and the mediator are named by the e-mail address of their account
 * (or their account number). A case someone may not see answers 404, as one
 * that does not exist: the model decides (model/conflict.h). Shapes:
 * docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>

#include "model/collective.h"
#include "model/conflict.h"
#include "render/json.h"
#include "render/req.h"

static json_t *choice_json(int64_t id, const char *name, const char *capacity)
{
    if (!id)
        return json_null();
    return json_pack("{s:I, s:s?, s:s?}", "person_id", (json_int_t)id, "display_name", name,
                     "capacity", capacity);
}

static json_t *parties_json(const struct conflict_case *c)
{
    json_t *list = json_array();
    for (int i = 0; i < c->n_parties; i++) {
        const struct conflict_party *p = &c->parties[i];
        json_t *o = json_pack(
            "{s:I, s:s?, s:o, s:o}", "person_id", (json_int_t)p->person_id, "display_name", p->name,
            "mediator_choice", choice_json(p->choice_id, p->choice_name, p->choice_capacity),
            "confirmed_version",
            p->confirmed_version ? json_integer(p->confirmed_version) : json_null());
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *steps_json(const struct conflict_case *c)
{
    json_t *list = json_array();
    for (int i = 0; i < c->n_steps; i++) {
        const struct conflict_step *s = &c->steps[i];
        json_array_append_new(
            list, json_pack("{s:s, s:s?, s:I, s:s?, s:s?, s:I}", "kind", s->kind, "record",
                            s->record, "person_id", (json_int_t)s->person_id, "display_name",
                            s->person_name, "capacity", s->capacity, "at", (json_int_t)s->at));
    }
    return list;
}

static json_t *case_json(const struct conflict_case *c)
{
    json_t *about =
        json_pack("{s:s, s:I, s:s?}", "type", c->initiative_id ? "initiative" : "collective", "id",
                  (json_int_t)(c->initiative_id ? c->initiative_id : c->collective_id), "title",
                  c->about_title);
    json_t *o =
        json_pack("{s:I, s:o, s:s?, s:s?, s:s?, s:b, s:s, s:I, s:I}", "id", (json_int_t)c->id,
                  "about", about, "area_code", c->area_code, "matter", c->matter, "step", c->step,
                  "open", c->closed_at == 0, "you", c->viewer == REL_MEMBER ? "mediator" : "party",
                  "created_at", (json_int_t)c->created_at, "updated_at", (json_int_t)c->updated_at);
    json_object_set_new(o, "closed_at", c->closed_at ? json_integer(c->closed_at) : json_null());
    json_object_set_new(o, "mediator",
                        choice_json(c->mediator_id, c->mediator_name, c->mediator_capacity));
    json_object_set_new(o, "agreement",
                        c->agreement_version ? json_pack("{s:s?, s:i}", "text", c->agreement_text,
                                                         "version", c->agreement_version)
                                             : json_null());
    json_object_set_new(o, "parties", parties_json(c));
    json_object_set_new(o, "steps", steps_json(c));
    return o;
}

static enum err reply_case(struct req *r, int status, int64_t id)
{
    struct conflict_case c;
    enum err e = conflict_get(r->db, r->arena, id, &r->actor, &c, &r->fault);
    return e != ERR_OK ? e : json_reply(r, status, case_json(&c));
}

enum err api_conflicts_mine(struct req *r)
{
    struct conflict_row *items = NULL;
    int n = 0;
    enum err e = conflict_list_mine(r->db, r->arena, &r->actor, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list,
                              json_pack("{s:I, s:s?, s:s, s:s, s:I}", "id", (json_int_t)items[i].id,
                                        "about_title", items[i].about_title, "step", items[i].step,
                                        "you", items[i].mediator ? "mediator" : "party",
                                        "updated_at", (json_int_t)items[i].updated_at));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

enum err api_conflict_raise(struct req *r)
{
    struct conflict_input in = {.initiative_id = req_in_int(r, "initiative_id", 0),
                                .collective_id = req_in_int(r, "collective_id", 0),
                                .matter = req_in(r, "matter")};
    int64_t *parties = NULL, id = 0;
    enum err e = conflict_parties_parse(r->db, r->arena, req_in(r, "parties"), &parties,
                                        &in.n_parties, &r->fault);
    in.parties = parties;
    if (e == ERR_OK)
        e = conflict_raise(r->db, r->arena, &in, &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_case(r, 201, id);
}

enum err api_conflict_get(struct req *r)
{
    return reply_case(r, 200, req_in_int(r, "id", 0));
}

enum err api_conflict_mediator(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0), mediator = 0;
    enum err e =
        collective_person_ref(r->db, r->arena, req_in(r, "mediator"), &mediator, &r->fault);
    if (e == ERR_OK)
        e = conflict_choose_mediator(r->db, id, mediator, req_in(r, "capacity"), &r->actor, NULL,
                                     &r->fault);
    return e != ERR_OK ? e : reply_case(r, 200, id);
}

enum err api_conflict_step(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e =
        conflict_advance(r->db, id, req_in(r, "step"), req_in(r, "record"), &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_case(r, 200, id);
}

enum err api_conflict_draft(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = conflict_draft(r->db, id, req_in(r, "text"), &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : reply_case(r, 200, id);
}

enum err api_conflict_confirm(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e =
        conflict_confirm(r->db, id, (int)req_in_int(r, "version", 0), &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : reply_case(r, 200, id);
}

/* A count as the monitor shows it: the number, or null for fewer than
 * CONFLICT_COUNT_MIN. */
static json_t *count_json(int n)
{
    return n == CONFLICT_FEWER ? json_null() : json_integer(n);
}

enum err api_area_conflicts(struct req *r)
{
    const char *code = req_in(r, "code");
    struct conflict_counts n;
    enum err e = conflict_area_counts(r->db, code, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    return json_reply(r, 200,
                      json_pack("{s:s, s:o, s:o, s:i}", "area_code", code, "open",
                                count_json(n.open), "closed", count_json(n.closed), "shown_from",
                                CONFLICT_COUNT_MIN));
}
