/* Signing up, in and out through the pages: GET/POST /sign-up, GET/POST
 * /sign-in, POST /sign-out. The dispatcher has checked the CSRF token and
 * the declared fields; a post that fails comes back to the GET handler,
 * which shows the form again with the error next to its field and what was
 * typed (never the passwords). Success is a 303, so reloading the next page
 * posts nothing twice. */
#include "web/web.h"

#include <string.h>

#include "core/arena.h"
#include "model/person.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"
#include "render/signin.h"

/* 303 to href, with a page that links there for clients that stop. */
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

static void signed_in_note(struct req *r)
{
    if (r->session)
        html_fmt(&r->resp.body, "<p class=\"note\">%s <a href=\"/account\">%s</a></p>\n",
                 T(r, "You are signed in already."), T(r, "Your account"));
}

enum err web_signup_page(struct req *r)
{
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Sign up");
    layout_begin(r, title);
    html_fmt(b, "<h1>%s</h1>\n", title);
    signed_in_note(r);
    form_begin(r, "/sign-up");
    form_input(r, &(struct form_input){"email", T(r, "E-mail address"), "email", "email", NULL,
                                       PERSON_EMAIL_MAX, true});
    form_input(r, &(struct form_input){"display_name", T(r, "Your name as others see it"), "text",
                                       "name", NULL, PERSON_NAME_MAX, true});
    form_input(r, &(struct form_input){
                      "password", T(r, "Password"), "password", "new-password",
                      T(r, "12 to 128 characters; a few words in a row are easy to remember."), 0,
                      true});
    form_input(r, &(struct form_input){"password2", T(r, "Password again"), "password",
                                       "new-password", NULL, 0, true});
    form_input(r, &(struct form_input){"invitation", T(r, "Invitation code (if you have one)"),
                                       "text", "off", NULL, 64, false});
    form_end(r, T(r, "Sign up"));
    html_fmt(b, "<p>%s <a href=\"/sign-in\">%s</a></p>\n", T(r, "Have an account already?"),
             T(r, "Sign in"));
    layout_end(r);
    return ERR_OK;
}

static bool same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

enum err web_signup(struct req *r)
{
    if (!same_text(req_in(r, "password"), req_in(r, "password2")))
        return req_fail(r, ERR_INVALID, "password2", N_("The two passwords are not the same."));
    struct person_signup in = {
        .email = req_in(r, "email"),
        .display_name = req_in(r, "display_name"),
        .password = req_in(r, "password"),
        .lang = r->lang,
        .invitation_code = req_in(r, "invitation"),
    };
    int64_t id = 0;
    enum err e = person_signup(r->db, r->arena, &in, &r->actor, &id, &r->fault);
    if (e == ERR_OK)
        e = signin_start(r, id, NULL);
    if (e != ERR_OK)
        return e;
    return see_other(r, "/account", T(r, "Welcome to Wijkregie"));
}

enum err web_signin_page(struct req *r)
{
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Sign in");
    layout_begin(r, title);
    html_fmt(b, "<h1>%s</h1>\n", title);
    signed_in_note(r);
    form_begin(r, "/sign-in");
    const char *next = req_in(r, "next");
    if (signin_next_ok(next))
        form_hidden(r, "next", next);
    form_input(r, &(struct form_input){"email", T(r, "E-mail address"), "email", "email", NULL,
                                       PERSON_EMAIL_MAX, true});
    form_input(r, &(struct form_input){"password", T(r, "Password"), "password", "current-password",
                                       NULL, 0, true});
    form_end(r, T(r, "Sign in"));
    html_fmt(b, "<p><a href=\"/password-reset\">%s</a></p>\n", T(r, "Forgot your password?"));
    html_fmt(b, "<p>%s <a href=\"/sign-up\">%s</a></p>\n", T(r, "New here?"), T(r, "Sign up"));
    layout_end(r);
    return ERR_OK;
}

enum err web_signin(struct req *r)
{
    struct signin_limits lim = signin_limits(r->app ? r->app->cfg : NULL);
    int64_t id = 0;
    enum err e =
        person_authenticate(r->db, r->arena, req_in(r, "email"), req_in(r, "password"),
                            r->client_ip, &lim, r->actor.now, &id, &r->retry_after, &r->fault);
    if (e == ERR_OK)
        e = signin_start(r, id, NULL);
    if (e != ERR_OK)
        return e;
    const char *next = req_in(r, "next");
    return see_other(r, signin_next_ok(next) ? next : "/account", T(r, "Signed in"));
}

enum err web_signout(struct req *r)
{
    enum err e = signin_end(r);
    if (e != ERR_OK)
        return e;
    return see_other(r, "/", T(r, "Signed out"));
}
