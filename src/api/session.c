/* Signing in and up through the API: GET /api/v1/session (whether this
 * client is signed in, and the CSRF token to send as X-CSRF-Token), POST
 * /api/v1/session (sign in: sets the session cookie and returns the person
 * and the session's CSRF token), DELETE /api/v1/session (sign out) and POST
 * /api/v1/people (sign up). The dispatcher has checked the CSRF token, the
 * Origin and the declared fields; undeclared members of a body (a "role", a
 * "person_id") never reach these handlers. Shapes: docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>

#include "model/person.h"
#include "render/json.h"
#include "render/req.h"
#include "render/signin.h"

/* The person as the API shows them to themselves. */
static json_t *person_json(const struct person *p)
{
    return json_pack("{s:I, s:o, s:o, s:s, s:I}", "id", (json_int_t)p->id, "display_name",
                     json_string_or_null(p->display_name), "email", json_string_or_null(p->email),
                     "lang", p->lang ? p->lang : "nl", "created_at", (json_int_t)p->created_at);
}

enum err api_session_get(struct req *r)
{
    const char *csrf = signin_csrf(r);
    json_t *body = json_pack("{s:b, s:o}", "signed_in", r->session != NULL, "csrf_token",
                             json_string_or_null(csrf));
    return json_reply(r, 200, body);
}

enum err api_session_create(struct req *r)
{
    struct signin_limits lim = signin_limits(r->app ? r->app->cfg : NULL);
    int64_t id = 0;
    struct person p;
    enum err e =
        person_authenticate(r->db, r->arena, req_in(r, "email"), req_in(r, "password"),
                            r->client_ip, &lim, r->actor.now, &id, &r->retry_after, &r->fault);
    if (e == ERR_OK)
        e = signin_start(r, id, NULL);
    if (e == ERR_OK)
        e = person_get(r->db, r->arena, id, &p, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *body = json_pack("{s:o, s:o}", "person", person_json(&p), "csrf_token",
                             json_string_or_null(r->csrf_token));
    return json_reply(r, 201, body);
}

enum err api_session_delete(struct req *r)
{
    enum err e = signin_end(r);
    if (e != ERR_OK)
        return e;
    r->resp.status = 204;
    return ERR_OK;
}

enum err api_people_create(struct req *r)
{
    struct person_signup in = {
        .email = req_in(r, "email"),
        .display_name = req_in(r, "display_name"),
        .password = req_in(r, "password"),
        .lang = req_in(r, "lang") ? req_in(r, "lang") : r->lang,
        .invitation_code = req_in(r, "invitation"),
    };
    int64_t id = 0;
    struct person p;
    enum err e = person_signup(r->db, r->arena, &in, &r->actor, &id, &r->fault);
    if (e == ERR_OK)
        e = person_get(r->db, r->arena, id, &p, &r->fault);
    if (e != ERR_OK)
        return e;
    req_header(r, "Location", "/api/v1/me");
    return json_reply(r, 201, json_pack("{s:o}", "person", person_json(&p)));
}
