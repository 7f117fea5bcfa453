/* "Forgot your password?": GET/POST /password-reset asks for a link by
 * e-mail (the answer is the same whether or not the address has an
 * account), GET/POST /password-reset/new?token=... sets a new password with
 * the link's token. The token travels in the query and then in a hidden
 * field, never in the path, because the access log records paths and must
 * never hold a token. The mail goes to the outbox (model/mail.h); links in
 * it start with --public-url. */
#include "web/web.h"

#include <string.h>

#include "core/arena.h"
#include "model/password_reset.h"
#include "model/person.h"
#include "render/form.h"
#include "render/html.h"
#include "render/i18n.h"
#include "render/layout.h"
#include "render/req.h"

static const char *translate(const void *ctx, const char *lang, const char *msgid)
{
    return ctx ? catalog_get(ctx, lang, msgid) : msgid;
}

static enum err see_other(struct req *r, const char *href, const char *title)
{
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, title);
    html_fmt(&r->resp.body, "<h1>%s</h1>\n<p><a href=\"", title);
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

enum err web_reset_page(struct req *r)
{
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Forgot your password?");
    layout_begin(r, title);
    html_fmt(b, "<h1>%s</h1>\n", title);
    if (req_in(r, "sent") && r->fault.code == ERR_OK)
        html_fmt(b, "<p class=\"note\" role=\"status\">%s</p>\n",
                 T(r, "If this address has an account, a link to set a new password is on its "
                      "way. It stays valid for an hour."));
    html_fmt(b, "<p>%s</p>\n",
             T(r, "Give the e-mail address of your account; we send a link to set a new "
                  "password."));
    form_begin(r, "/password-reset");
    form_input(r, &(struct form_input){"email", T(r, "E-mail address"), "email", "email", NULL,
                                       PERSON_EMAIL_MAX, true});
    form_end(r, T(r, "Send the link"));
    layout_end(r);
    return ERR_OK;
}

enum err web_reset_request(struct req *r)
{
    const struct config *cfg = r->app ? r->app->cfg : NULL;
    const char *base = cfg && cfg->public_url ? cfg->public_url : "";
    const char *prefix = arena_printf(r->arena, "%s/password-reset/new?token=", base);
    struct mail_translator tr = {translate, r->app ? r->app->catalog : NULL};
    enum err e = password_reset_request(r->db, r->arena, req_in(r, "email"), &tr, prefix, &r->actor,
                                        &r->fault);
    return e != ERR_OK ? e : see_other(r, "/password-reset?sent=1", T(r, "Forgot your password?"));
}

/* The token of the link: from the query (GET) or the hidden field (POST). */
static const char *reset_token(const struct req *r)
{
    const char *t = req_in(r, "token");
    return t ? t : form_value(r, "token");
}

enum err web_reset_new_page(struct req *r)
{
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Set a new password");
    layout_begin(r, title);
    html_fmt(b, "<h1>%s</h1>\n", title);
    form_begin(r, "/password-reset/new");
    form_hidden(r, "token", reset_token(r));
    form_input(r, &(struct form_input){
                      "password", T(r, "New password"), "password", "new-password",
                      T(r, "12 to 128 characters; a few words in a row are easy to remember."), 0,
                      true});
    form_input(r, &(struct form_input){"password2", T(r, "New password again"), "password",
                                       "new-password", NULL, 0, true});
    form_end(r, T(r, "Set the password"));
    layout_end(r);
    return ERR_OK;
}

enum err web_reset_new(struct req *r)
{
    const char *pw = req_in(r, "password"), *again = req_in(r, "password2");
    if (strcmp(pw ? pw : "", again ? again : "") != 0)
        return req_fail(r, ERR_INVALID, "password2", N_("The two passwords are not the same."));
    enum err e =
        password_reset_redeem(r->db, r->arena, req_in(r, "token"), pw, &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : see_other(r, "/sign-in", T(r, "Your password has been set"));
}
