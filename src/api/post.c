/* Posts at organisations through the API (DESIGN.md §2), the twin of
 * web/post.c (the organisations themselves: api/organisation.c):
 *   GET  /api/v1/me/posts                  one's posts
 *   POST /api/v1/me/posts                  ask for one {"organisation_id", "title"}
 *   GET  /api/v1/organisations/{id}/posts  an organisation admin's list (?status=)
 *   POST /api/v1/posts/{id}/confirm|end
 * Who the post is for is always the signed-in person: a "person_id" or a
 * "status" in a body is not a declared field, so it never reaches these
 * handlers. The model decides who may; errors are mapped by the
 * dispatcher. Shapes: docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>

#include "model/post.h"
#include "model/session.h"
#include "render/json.h"
#include "render/req.h"

/* A post; with the names of its holder and organisation when known. */
static json_t *post_json(const struct post *p, const char *person_name, const char *org_name)
{
    json_t *o = json_pack("{s:I, s:I, s:I, s:s, s:s, s:I}", "id", (json_int_t)p->id, "person_id",
                          (json_int_t)p->person_id, "organisation_id",
                          (json_int_t)p->organisation_id, "title", p->title, "status", p->status,
                          "requested_at", (json_int_t)p->requested_at);
    json_object_set_new(o, "start_at", p->start_at ? json_integer(p->start_at) : json_null());
    json_object_set_new(o, "end_at", p->end_at ? json_integer(p->end_at) : json_null());
    if (person_name)
        json_object_set_new(o, "display_name", json_string(person_name));
    if (org_name)
        json_object_set_new(o, "organisation_name", json_string(org_name));
    return o;
}

static enum err reply_list(struct req *r, const struct post_row *items, int n)
{
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(
            list, post_json(&items[i].post, items[i].person_name, items[i].organisation_name));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

/* One post after a write. */
static enum err reply_one(struct req *r, int status, int64_t id)
{
    struct post p;
    enum err e = post_get(r->db, r->arena, id, &p, &r->fault);
    return e != ERR_OK ? e : json_reply(r, status, post_json(&p, NULL, NULL));
}

enum err api_my_posts(struct req *r)
{
    struct post_row *items = NULL;
    int n = 0;
    enum err e =
        post_list_for_person(r->db, r->arena, r->session->person_id, NULL, &items, &n, &r->fault);
    return e != ERR_OK ? e : reply_list(r, items, n);
}

enum err api_post_request(struct req *r)
{
    int64_t id = 0;
    enum err e = post_request(r->db, req_in_int(r, "organisation_id", 0), req_in(r, "title"),
                              &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 201, id);
}

enum err api_organisation_posts(struct req *r)
{
    int64_t org = req_in_int(r, "id", 0);
    struct post_row *items = NULL;
    int n = 0;
    enum err e = post_authorise_organisation(r->db, org, &r->actor, &r->fault);
    if (e == ERR_OK)
        e = post_list_for_organisation(r->db, r->arena, org, req_in(r, "status"), &items, &n,
                                       &r->fault);
    return e != ERR_OK ? e : reply_list(r, items, n);
}

enum err api_post_confirm(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = post_confirm(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

enum err api_post_end(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = post_end(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}
