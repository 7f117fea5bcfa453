/* Collectives through the API (DESIGN.md §3), the twin of web/collective.c:
 *   GET  /api/v1/collectives                    the list (?area= a buurt, wijk or gemeente)
 *   POST /api/v1/collectives                    found one {"name", "kind", "area",
 *                                               "voting_rule", "statutes", "cofounder1",
 *                                               "cofounder2"}
 *   GET  /api/v1/collectives/{id}               one, with members, soundness, initiatives
 *   POST /api/v1/collectives/{id}/members       join (the signed-in person)
 *   POST|DELETE /api/v1/collectives/{id}/leave  leave (the signed-in person)
 *   POST /api/v1/collectives/{id}/advisers      the board admits {"person"}
 *   PUT  /api/v1/collectives/{id}/board         the board sets {"chair", "secretary",
 *                                               "treasurer"}
 * People are named by account number or e-mail address (as text). Who acts
 * is always the signed-in person in the capacity they chose; the model
 * decides who may. Shapes: docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>
#include <string.h>

#include "model/collective.h"
#include "model/initiative.h"
#include "render/json.h"
#include "render/req.h"

static json_t *nullable_int(int64_t v)
{
    return v ? json_integer(v) : json_null();
}

static json_t *summary_json(const struct collective *c)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)c->id,
                          "name", c->name, "kind", c->kind, "area_code", c->area_code, "area_name",
                          c->area_name, "voting_rule", c->voting_rule, "status", c->status,
                          "created_at", (json_int_t)c->created_at);
    json_object_set_new(o, "founded_by", nullable_int(c->founded_by));
    json_object_set_new(o, "activated_at", nullable_int(c->activated_at));
    return o;
}

static json_t *member_json(const struct collective_member *m)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:b}", "person_id", (json_int_t)m->person_id,
                          "display_name", m->display_name, "role", m->role, "status", m->status,
                          "resident", m->resident);
    json_object_set_new(o, "board_role", json_string_or_null(m->board_role));
    json_object_set_new(o, "capacity", json_string_or_null(m->capacity));
    json_object_set_new(o, "joined_at", nullable_int(m->joined_at));
    return o;
}

/* The initiatives collective id owns, as {id, title, phase}. */
static enum err initiatives_json(struct req *r, int64_t id, json_t **out)
{
    struct initiative *items = NULL;
    int n = 0;
    enum err e = initiative_list(r->db, r->arena, NULL, NULL, &items, &n, &r->fault);
    *out = json_array();
    for (int i = 0; e == ERR_OK && i < n; i++)
        if (items[i].collective_id == id)
            json_array_append_new(*out,
                                  json_pack("{s:I, s:s, s:s}", "id", (json_int_t)items[i].id,
                                            "title", items[i].title, "phase", items[i].phase));
    return e;
}

/* The whole collective: summary, statutes, soundness in figures and words,
 * members and the initiatives it owns. */
static enum err reply_one(struct req *r, int status, int64_t id)
{
    struct collective c;
    struct collective_soundness s;
    struct collective_member *m = NULL;
    json_t *owned = NULL;
    int n = 0;
    enum err e = collective_get(r->db, r->arena, id, &c, &r->fault);
    if (e == ERR_OK)
        e = collective_soundness(r->db, id, &s, &r->fault);
    if (e == ERR_OK)
        e = collective_members(r->db, r->arena, id, &m, &n, &r->fault);
    if (e == ERR_OK)
        e = initiatives_json(r, id, &owned);
    if (e != ERR_OK) {
        json_decref(owned);
        return e;
    }
    json_t *o = summary_json(&c);
    json_t *members = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(members, member_json(&m[i]));
    json_object_set_new(o, "statutes", json_string(c.statutes));
    json_object_set_new(o, "sound", json_boolean(s.sound));
    json_object_set_new(o, "unsound_reason", s.reason ? json_string(T(r, s.reason)) : json_null());
    json_object_set_new(o, "voting_members", json_integer(s.voting));
    json_object_set_new(o, "resident_members", json_integer(s.residents));
    json_object_set_new(o, "members", members);
    json_object_set_new(o, "initiatives", owned);
    return json_reply(r, status, o);
}

enum err api_collectives_list(struct req *r)
{
    struct collective *items = NULL;
    int n = 0;
    enum err e = collective_list(r->db, r->arena, req_in(r, "area"), &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, summary_json(&items[i]));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

enum err api_collective_get(struct req *r)
{
    return reply_one(r, 200, req_in_int(r, "id", 0));
}

enum err api_collective_create(struct req *r)
{
    struct collective in = {.name = req_in(r, "name"),
                            .kind = req_in(r, "kind"),
                            .area_code = req_in(r, "area"),
                            .voting_rule = req_in(r, "voting_rule"),
                            .statutes = req_in(r, "statutes")};
    int64_t co[2] = {0, 0}, id = 0;
    enum err e = collective_person_ref(r->db, r->arena, req_in(r, "cofounder1"), &co[0], &r->fault);
    if (e == ERR_OK)
        e = collective_person_ref(r->db, r->arena, req_in(r, "cofounder2"), &co[1], &r->fault);
    if (e == ERR_OK)
        e = collective_found(r->db, &in, co, &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 201, id);
}

enum err api_collective_join(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = collective_join(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

enum err api_collective_leave(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = collective_leave(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

enum err api_collective_admit_adviser(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0), person = 0;
    enum err e = collective_person_ref(r->db, r->arena, req_in(r, "person"), &person, &r->fault);
    if (e == ERR_OK && person == 0)
        e = req_fail(r, ERR_INVALID, "person",
                     N_("Name the adviser by account number or e-mail address."));
    if (e == ERR_OK)
        e = collective_admit_adviser(r->db, id, person, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 201, id);
}

enum err api_collective_set_board(struct req *r)
{
    static const char *const roles[3] = {"chair", "secretary", "treasurer"};
    int64_t id = req_in_int(r, "id", 0), holders[3] = {0, 0, 0};
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < 3; i++)
        e = collective_person_ref(r->db, r->arena, req_in(r, roles[i]), &holders[i], &r->fault);
    if (e == ERR_OK)
        e = collective_set_board(r->db, id, holders, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}
