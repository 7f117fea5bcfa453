/* The arena through the API (DESIGN.md §3), the twin of web/arena.c,
 * web/history.c and web/relation.c:
 *   GET  /api/v1/areas/{code}/arena          nodes and edges of its network
 *   GET  /api/v1/areas/{code}/history        its timeline (?before=&limit=)
 *   POST /api/v1/areas/{code}/history        add an event {"date", "kind",
 *                                            "title", "description",
 *                                            "actors": "organisation:3,..."}
 *   GET  /api/v1/organisations/{id}/relations
 *   POST /api/v1/relations                   {"from_type", "from_id",
 *                                            "to_type", "to_id", "kind",
 *                                            "start_date", "end_date"}
 *   POST /api/v1/relations/{id}/end          {"end_date"} (default: today)
 * The models decide who may; errors are mapped by the dispatcher. Shapes:
 * docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>
#include <string.h>

#include "core/arena.h"
#include "model/area.h"
#include "model/arena.h"
#include "model/history.h"
#include "model/relation.h"
#include "render/byline.h"
#include "render/json.h"
#include "render/req.h"

static json_t *actor_json(const struct arena_actor *x)
{
    json_t *o = json_pack("{s:s, s:I}", "type", x->type, "id", (json_int_t)x->id);
    json_object_set_new(o, "name", json_string_or_null(x->name));
    json_object_set_new(o, "kind", json_string_or_null(x->kind));
    return o;
}

enum err api_area_arena(struct req *r)
{
    struct area ar;
    struct arena_network net;
    enum err e = area_get(r->db, r->arena, req_in(r, "code"), &ar, &r->fault);
    if (e == ERR_OK)
        e = arena_network_load(r->db, r->arena, ar.code, &net, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *nodes = json_array(), *edges = json_array();
    for (int i = 0; i < net.nnodes; i++)
        json_array_append_new(nodes, actor_json(&net.nodes[i]));
    for (int j = 0; j < net.nedges; j++) {
        const struct arena_edge *x = &net.edges[j];
        json_t *o = json_pack("{s:I, s:o, s:o, s:s, s:s}", "id", (json_int_t)x->id, "from",
                              actor_json(&net.nodes[x->from]), "to", actor_json(&net.nodes[x->to]),
                              "kind", x->kind, "start_date", x->start_date);
        json_object_set_new(o, "end_date", json_string_or_null(x->end_date));
        json_array_append_new(edges, o);
    }
    return json_reply(r, 200,
                      json_pack("{s:{s:s, s:s, s:s}, s:o, s:o}", "area", "code", ar.code, "name",
                                ar.name, "kind", area_kind_name(ar.kind), "nodes", nodes, "edges",
                                edges));
}

static json_t *event_json(struct req *r, const struct history_event *ev)
{
    json_t *actors = json_array();
    for (int i = 0; i < ev->nactors; i++)
        json_array_append_new(actors, actor_json(&ev->actors[i]));
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:I}", "id", (json_int_t)ev->id,
                          "area_code", ev->area_code, "date", ev->date, "kind", ev->kind, "title",
                          ev->title, "actors", actors, "created_at", (json_int_t)ev->created_at);
    json_object_set_new(o, "description", json_string_or_null(ev->description));
    json_object_set_new(o, "author",
                        json_pack("{s:o, s:s, s:o}", "id",
                                  ev->author_id ? json_integer(ev->author_id) : json_null(), "name",
                                  byline_name(r, ev->author_id, ev->capacity, NULL), "capacity",
                                  json_string_or_null(ev->capacity)));
    return o;
}

enum err api_area_history(struct req *r)
{
    struct history_page page;
    enum err e = history_list(r->db, r->arena, req_in(r, "code"), req_in_int(r, "before", 0),
                              (int)req_in_int(r, "limit", 50), &page, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *items = json_array();
    for (int i = 0; i < page.n; i++)
        json_array_append_new(items, event_json(r, &page.items[i]));
    return json_reply(r, 200,
                      json_pack("{s:o, s:o}", "items", items, "next",
                                page.next ? json_integer(page.next) : json_null()));
}

/* "organisation:3,organisation:5" into actors (from the arena). */
static enum err parse_actors(struct req *r, const char *text, struct history_event *ev)
{
    ev->nactors = 0;
    if (!text || !*text)
        return ERR_OK;
    char *copy = arena_strdup(r->arena, text), *save = NULL;
    ev->actors = arena_array(r->arena, HISTORY_ACTORS_MAX + 2, sizeof *ev->actors);
    for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        while (*p == ' ')
            p++;
        if (ev->nactors > HISTORY_ACTORS_MAX)
            break; /* history_add says how many fit */
        enum err e = arena_actor_parse(p, &ev->actors[ev->nactors++], &r->fault);
        if (e != ERR_OK)
            return e;
    }
    return ERR_OK;
}

enum err api_area_history_add(struct req *r)
{
    struct history_event ev = {
        .area_code = req_in(r, "code"),
        .date = req_in(r, "date"),
        .kind = req_in(r, "kind"),
        .title = req_in(r, "title"),
        .description = req_in(r, "description"),
    };
    int64_t id = 0;
    struct history_event added;
    enum err e = parse_actors(r, req_in(r, "actors"), &ev);
    if (e == ERR_OK)
        e = history_add(r->db, r->arena, &ev, &r->actor, &id, &r->fault);
    if (e == ERR_OK)
        e = history_get(r->db, r->arena, id, &added, &r->fault);
    return e != ERR_OK ? e : json_reply(r, 201, event_json(r, &added));
}

static json_t *relation_json(const struct relationship *x)
{
    json_t *o = json_pack("{s:I, s:o, s:o, s:s, s:s, s:I}", "id", (json_int_t)x->id, "from",
                          actor_json(&x->from), "to", actor_json(&x->to), "kind", x->kind,
                          "start_date", x->start_date, "recorded_at", (json_int_t)x->recorded_at);
    json_object_set_new(o, "end_date", json_string_or_null(x->end_date));
    return o;
}

enum err api_organisation_relations(struct req *r)
{
    struct relationship *items = NULL;
    int n = 0;
    enum err e = relation_list_for(r->db, r->arena, "organisation", req_in_int(r, "id", 0), &items,
                                   &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, relation_json(&items[i]));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

static enum err reply_relation(struct req *r, int status, int64_t id)
{
    struct relationship x;
    enum err e = relation_get(r->db, r->arena, id, &x, &r->fault);
    return e != ERR_OK ? e : json_reply(r, status, relation_json(&x));
}

enum err api_relation_create(struct req *r)
{
    const char *from_type = req_in(r, "from_type"), *to_type = req_in(r, "to_type");
    struct relationship in = {
        .from = {.type = from_type ? from_type : "organisation", .id = req_in_int(r, "from_id", 0)},
        .to = {.type = to_type ? to_type : "organisation", .id = req_in_int(r, "to_id", 0)},
        .kind = req_in(r, "kind"),
        .start_date = req_in(r, "start_date"),
        .end_date = req_in(r, "end_date"),
    };
    int64_t id = 0;
    enum err e = relation_create(r->db, r->arena, &in, &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_relation(r, 201, id);
}

enum err api_relation_end(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = relation_end(r->db, r->arena, id, req_in(r, "end_date"), &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_relation(r, 200, id);
}
