/* Privacy (GDPR): "download my data" and erasing one's account, both behind
 * the password asked again in the same form.
 *   GET/POST /account/data    the POST answers with a JSON file of every row
 *                             about the signed-in person (model/person.h's
 *                             registry), as an attachment
 *   GET/POST /account/erase   anonymises the account and ends its sessions
 * Both act only on the signed-in person: there is no address for anyone
 * else's data. A wrong password is a 403 that changes nothing. */
#include "web/web.h"

#include <string.h>

#include "core/buf.h"
#include "model/desk.h"
#include "model/person.h"
#include "model/session.h"
#include "render/form.h"
#include "render/html.h"
#include "render/json.h"
#include "render/layout.h"
#include "render/req.h"
#include "render/signin.h"

static void password_input(struct req *r)
{
    form_input(r, &(struct form_input){"password", T(r, "Your password"), "password",
                                       "current-password",
                                       T(r, "We ask for it again before this step."), 0, true});
}

/* The password again; the sign-in limits count these attempts too. */
static enum err reauthenticate(struct req *r)
{
    struct signin_limits lim = signin_limits(r->app ? r->app->cfg : NULL);
    return desk_reauthenticate(r->db, r->arena, req_in(r, "password"), r->client_ip, &lim,
                               &r->actor, &r->retry_after, &r->fault);
}

enum err web_data_page(struct req *r)
{
    const char *title = T(r, "Download your data");
    struct crumb crumbs[] = {{T(r, "Your account"), "/account"}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(&r->resp.body, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "You get one JSON file with everything Wijkregie keeps about you."));
    form_begin(r, "/account/data");
    password_input(r);
    form_end(r, T(r, "Download my data"));
    html_fmt(&r->resp.body, "<p><a href=\"/account/erase\">%s</a></p>\n",
             T(r, "Erase your account"));
    layout_end(r);
    return ERR_OK;
}

enum err web_data_export(struct req *r)
{
    const char *json = NULL;
    enum err e = reauthenticate(r);
    if (e == ERR_OK)
        e = person_export_json(r->db, r->arena, r->session->person_id, r->actor.now, &json,
                               &r->fault);
    if (e != ERR_OK)
        return e;
    r->resp.content_type = "application/json; charset=utf-8";
    req_header(r, "Content-Disposition", "attachment; filename=\"wijkregie-my-data.json\"");
    req_header(r, "Cache-Control", "no-store");
    json_append_safe(&r->resp.body, json, strlen(json));
    return ERR_OK;
}

enum err web_erase_page(struct req *r)
{
    const char *title = T(r, "Erase your account");
    struct crumb crumbs[] = {{T(r, "Your account"), "/account"}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(&r->resp.body, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "Your name, e-mail address and password are removed and you are signed out "
                  "everywhere. What you contributed stays, shown as from a former participant. "
                  "This cannot be undone."));
    form_begin(r, "/account/erase");
    password_input(r);
    form_end(r, T(r, "Erase my account"));
    layout_end(r);
    return ERR_OK;
}

enum err web_erase(struct req *r)
{
    enum err e = reauthenticate(r);
    if (e == ERR_OK)
        e = person_erase(r->db, r->session->person_id, &r->actor, &r->fault);
    if (e != ERR_OK)
        return e;
    signin_clear_cookie(r);
    r->resp.status = 303;
    req_header(r, "Location", "/");
    r->session = NULL;
    layout_begin(r, T(r, "Your account has been erased."));
    html_fmt(&r->resp.body, "<p>%s <a href=\"/\">%s</a></p>\n",
             T(r, "Your account has been erased."), T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}
