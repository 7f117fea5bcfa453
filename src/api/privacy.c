/* Privacy through the API, the twin of web/privacy.c: both need the
 * password again in the body and act only on the signed-in person.
 *   POST /api/v1/me/data    {"password"}: every row about oneself, as a
 *                           JSON attachment (model/person.h's registry)
 *   POST /api/v1/me/erase   {"password"}: the account is anonymised and its
 *                           sessions end (204)
 * A wrong password is a 403 that changes nothing. */
#include "api/api.h"

#include <string.h>

#include "core/buf.h"
#include "model/desk.h"
#include "model/person.h"
#include "model/session.h"
#include "render/json.h"
#include "render/req.h"
#include "render/signin.h"

static enum err reauthenticate(struct req *r)
{
    struct signin_limits lim = signin_limits(r->app ? r->app->cfg : NULL);
    return desk_reauthenticate(r->db, r->arena, req_in(r, "password"), r->client_ip, &lim,
                               &r->actor, &r->retry_after, &r->fault);
}

enum err api_me_data(struct req *r)
{
    const char *json = NULL;
    enum err e = reauthenticate(r);
    if (e == ERR_OK)
        e = person_export_json(r->db, r->arena, r->session->person_id, r->actor.now, &json,
                               &r->fault);
    if (e != ERR_OK)
        return e;
    r->resp.status = 200;
    r->resp.content_type = "application/json; charset=utf-8";
    req_header(r, "Content-Disposition", "attachment; filename=\"wijkregie-my-data.json\"");
    req_header(r, "Cache-Control", "no-store");
    json_append_safe(&r->resp.body, json, strlen(json));
    return ERR_OK;
}

enum err api_me_erase(struct req *r)
{
    enum err e = reauthenticate(r);
    if (e == ERR_OK)
        e = person_erase(r->db, r->session->person_id, &r->actor, &r->fault);
    if (e != ERR_OK)
        return e;
    signin_clear_cookie(r);
    r->resp.status = 204;
    return ERR_OK;
}
