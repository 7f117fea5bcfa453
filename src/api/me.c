/* The signed-in person's own account through the API: GET /api/v1/me, GET
 * /api/v1/me/sessions, DELETE /api/v1/me/sessions/{id} (another person's
 * session is a 404, like an unknown one) and POST /api/v1/me/password
 * (ends every other session). The dispatcher has made sure there is a
 * session (ROUTE_NEED_LOGIN) and, for the writes, checked CSRF and Origin.
 * Shapes: docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>

#include "model/person.h"
#include "model/session.h"
#include "render/json.h"
#include "render/req.h"
#include "render/signin.h"

enum err api_me(struct req *r)
{
    struct person p;
    enum err e = person_get(r->db, r->arena, r->session->person_id, &p, &r->fault);
    if (e != ERR_OK)
        return e;
    const struct session *s = r->session;
    json_t *body = json_pack(
        "{s:{s:I, s:o, s:o, s:s, s:I}, s:o, s:{s:I, s:I, s:I}}", "person", "id", (json_int_t)p.id,
        "display_name", json_string_or_null(p.display_name), "email", json_string_or_null(p.email),
        "lang", p.lang ? p.lang : "nl", "created_at", (json_int_t)p.created_at, "capacity",
        json_string_or_null(s->capacity), "session", "id", (json_int_t)s->id, "created_at",
        (json_int_t)s->created_at, "expires_at", (json_int_t)s->expires_at);
    return json_reply(r, 200, body);
}

static json_t *session_json(const struct req *r, const struct session *s)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:o, s:o, s:b}", "id", (json_int_t)s->id, "created_at",
                     (json_int_t)s->created_at, "last_seen_at", (json_int_t)s->last_seen_at,
                     "expires_at", (json_int_t)s->expires_at, "ip", json_string_or_null(s->ip),
                     "user_agent", json_string_or_null(s->user_agent), "current",
                     s->id == r->session->id);
}

enum err api_me_sessions(struct req *r)
{
    struct session_policy pol = signin_session_policy(r->app ? r->app->cfg : NULL);
    struct session *items = NULL;
    int n = 0;
    enum err e = session_list(r->db, r->arena, r->session->person_id, &pol, r->actor.now, &items,
                              &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, session_json(r, &items[i]));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

enum err api_me_session_end(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = id == r->session->id
                     ? signin_end(r)
                     : session_end(r->db, r->session->person_id, id, &r->actor, &r->fault);
    if (e != ERR_OK)
        return e;
    r->resp.status = 204;
    return ERR_OK;
}

enum err api_me_password(struct req *r)
{
    enum err e = person_change_password(r->db, r->arena, r->session->person_id,
                                        req_in(r, "current_password"), req_in(r, "new_password"),
                                        r->session->id, &r->actor, &r->fault);
    if (e != ERR_OK)
        return e;
    r->resp.status = 204;
    return ERR_OK;
}
