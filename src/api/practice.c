/* The practice library through the API (issue 9), the twin of
 * web/practice.c:
 *   GET  /api/v1/practices                 search (q), by theme and area
 *   GET  /api/v1/practices/{id}            one practice
 *   POST /api/v1/initiatives/{id}/practice publish an evaluated initiative's lesson
 *   GET  /api/v1/initiatives/{id}/similar  similar initiatives
 * Themes travel as one comma-separated line ("greenery,food"). Shapes:
 * docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>
#include <string.h>

#include "core/arena.h"
#include "model/practice.h"
#include "render/json.h"
#include "render/req.h"

static json_t *practice_json(const struct practice *p, bool full)
{
    json_t *o =
        json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)p->id,
                  "initiative_id", (json_int_t)p->initiative_id, "title", p->title, "aim", p->aim,
                  "buurt_code", p->buurt_code, "wijk_code", p->wijk_code, "gemeente_code",
                  p->gemeente_code, "published_at", (json_int_t)p->published_at);
    json_object_set_new(o, "buurt_name", json_string_or_null(p->buurt_name));
    if (!full)
        return o;
    json_t *themes = json_array();
    for (int i = 0; i < p->n_themes; i++)
        json_array_append_new(themes, json_string(p->themes[i]));
    json_object_set_new(o, "themes", themes);
    json_object_set_new(o, "worked", json_string(p->worked));
    json_object_set_new(o, "did_not_work", json_string(p->did_not_work));
    json_object_set_new(o, "conditions", json_string(p->conditions));
    json_object_set_new(o, "contact",
                        p->contact_id
                            ? json_pack("{s:I, s:s}", "person_id", (json_int_t)p->contact_id,
                                        "display_name", p->contact_name ? p->contact_name : "")
                            : json_null());
    return o;
}

enum err api_practices_search(struct req *r)
{
    struct practice_query q = {req_in(r, "q"), req_in(r, "theme"), req_in(r, "area")};
    struct practice *items;
    int n;
    enum err e = practice_search(r->db, r->arena, &q, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, practice_json(&items[i], false));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

static enum err reply_practice(struct req *r, int status, int64_t id)
{
    struct practice p;
    enum err e = practice_get(r->db, r->arena, id, &p, &r->fault);
    return e != ERR_OK ? e : json_reply(r, status, practice_json(&p, true));
}

enum err api_practice_get(struct req *r)
{
    return reply_practice(r, 200, req_in_int(r, "id", 0));
}

/* "greenery, food" into themes (at most PRACTICE_THEMES_MAX + 1, so that
 * the model names the bound). */
static int split_themes(struct req *r, const char *text, const char **out)
{
    int n = 0;
    const char *p = text ? text : "";
    while (*p && n <= PRACTICE_THEMES_MAX) {
        p += strspn(p, ", ");
        size_t len = strcspn(p, ", ");
        if (len)
            out[n++] = arena_strndup(r->arena, p, len);
        p += len;
    }
    return n;
}

enum err api_practice_publish(struct req *r)
{
    const char *themes[PRACTICE_THEMES_MAX + 1];
    const char *contact = req_in(r, "contact_me");
    struct practice_input in = {.themes = themes,
                                .n_themes = split_themes(r, req_in(r, "themes"), themes),
                                .contact_me = contact && strcmp(contact, "true") == 0};
    int64_t id = 0;
    enum err e = practice_publish(r->db, req_in_int(r, "id", 0), &in, &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_practice(r, 201, id);
}

enum err api_initiative_similar(struct req *r)
{
    struct practice_similar *items;
    int n;
    enum err e = practice_similar(r->db, r->arena, req_in_int(r, "id", 0), &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o =
            json_pack("{s:I, s:s, s:s}", "initiative_id", (json_int_t)items[i].initiative_id,
                      "title", items[i].title, "phase", items[i].phase);
        json_object_set_new(o, "practice_id",
                            items[i].practice_id ? json_integer(items[i].practice_id)
                                                 : json_null());
        json_array_append_new(list, o);
    }
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}
