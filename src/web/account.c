/* One's own account: GET /account (who, the capacity acted in, the form to
 * change the password), POST /account/password, GET /account/sessions (the
 * list of one's open sessions) and POST /account/sessions/{id}/end. Every
 * route here needs a login (the dispatcher sends strangers to /sign-in) and
 * acts only on the signed-in person: another person's session id is a 404,
 * exactly like an unknown one. */
#include "web/web.h"

#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/capacity.h"
#include "model/monitor.h"
#include "model/person.h"
#include "model/session.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"
#include "render/signin.h"

static enum err see_other(struct req *r, const char *href)
{
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Your account"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

/* "2026-11-28 23:32 UTC" from the arena. */
static const char *when(struct req *r, int64_t t)
{
    char iso[21];
    clock_iso8601(t, iso);
    return arena_printf(r->arena, "%.10s %.5s UTC", iso, iso + 11);
}

static void password_form(struct req *r)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"password\">%s</h2>\n", T(r, "Change your password"));
    html_fmt(b, "<p>%s</p>\n", T(r, "Changing your password signs you out everywhere else."));
    form_begin(r, "/account/password");
    form_input(r, &(struct form_input){"current_password", T(r, "Current password"), "password",
                                       "current-password", NULL, 0, true});
    form_input(r, &(struct form_input){
                      "new_password", T(r, "New password"), "password", "new-password",
                      T(r, "12 to 128 characters; a few words in a row are easy to remember."), 0,
                      true});
    form_input(r, &(struct form_input){"new_password2", T(r, "New password again"), "password",
                                       "new-password", NULL, 0, true});
    form_end(r, T(r, "Change password"));
}

/* The voluntary age group, counted only by the monitor's I14 (how
 * representative the contributors are), never shown to others. */
static void age_group_form(struct req *r, int64_t person_id)
{
    struct buf *b = &r->resp.body;
    const char *mine = NULL, *posted = form_value(r, "age_group");
    struct fault ignored = {0};
    monitor_age_group_get(r->db, r->arena, person_id, &mine, &ignored);
    if (posted)
        mine = posted;
    html_fmt(b, "<h2 id=\"age-group\">%s</h2>\n", T(r, "Your age group"));
    html_fmt(b, "<p>%s</p>\n",
             T(r, "Voluntary. Only counted, with everyone else's, to see whether those who take "
                  "part are like the neighbourhood; never shown to anyone."));
    form_begin(r, "/account/age-group");
    form_field_begin(r, "account-", "age_group", T(r, "Age group"));
    html_raw_trusted(b, "<select id=\"account-age_group\" name=\"age_group\"");
    form_field_attrs(r, "account-", "age_group");
    html_fmt(b, ">\n<option value=\"\"%s>%s</option>\n", mine && *mine ? "" : " selected",
             T(r, "I would rather not say"));
    for (int i = 0; i < 4; i++)
        html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", monitor_age_groups[i],
                 mine && strcmp(mine, monitor_age_groups[i]) == 0 ? " selected" : "",
                 T(r, monitor_age_group_name(monitor_age_groups[i])));
    html_raw_trusted(b, "</select></div>\n");
    form_end(r, T(r, "Save age group"));
}

enum err web_account(struct req *r)
{
    struct person p;
    enum err e = person_get(r->db, r->arena, r->session->person_id, &p, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Your account");
    layout_begin(r, title);
    html_fmt(b, "<h1>%s</h1>\n", title);
    const char *changed = req_in(r, "changed");
    if (changed && r->fault.code == ERR_OK)
        html_fmt(b, "<p class=\"note\" role=\"status\">%s</p>\n",
                 T(r, "Your password has been changed; your other sessions have ended."));
    html_raw_trusted(b, "<dl class=\"account\">\n");
    html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "Name"), p.display_name);
    html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "E-mail address"), p.email ? p.email : "");
    html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "Acting as"),
             r->session->capacity ? r->session->capacity : T(r, "no capacity chosen"));
    html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "Member since"), when(r, p.created_at));
    html_raw_trusted(b, "</dl>\n");
    html_fmt(b, "<p><a href=\"/account/sessions\">%s</a></p>\n", T(r, "Where you are signed in"));
    html_fmt(b, "<p><a href=\"/account/activity\">%s</a></p>\n", T(r, "Your activity"));
    html_fmt(b, "<p><a href=\"/invitations\">%s</a></p>\n", T(r, "Invitations"));
    bool moderator = false; /* a database error just leaves the link out */
    struct fault ignored = {0};
    if (capacity_may_act(r->db, p.id, "moderator", &moderator, &ignored) == ERR_OK && moderator)
        html_fmt(b, "<p><a href=\"/moderation\">%s</a></p>\n", T(r, "Moderation"));
    age_group_form(r, p.id);
    password_form(r);
    layout_end(r);
    return ERR_OK;
}

enum err web_account_age_group(struct req *r)
{
    enum err e = monitor_age_group_set(r->db, &r->actor, req_in(r, "age_group"), &r->fault);
    return e != ERR_OK ? e : see_other(r, "/account#age-group");
}

enum err web_account_password(struct req *r)
{
    const char *next = req_in(r, "new_password");
    const char *again = req_in(r, "new_password2");
    if (strcmp(next ? next : "", again ? again : "") != 0)
        return req_fail(r, ERR_INVALID, "new_password2", N_("The two passwords are not the same."));
    enum err e = person_change_password(r->db, r->arena, r->session->person_id,
                                        req_in(r, "current_password"), next, r->session->id,
                                        &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, "/account?changed=password");
}

static void session_row(struct req *r, const struct session *s)
{
    struct buf *b = &r->resp.body;
    bool current = s->id == r->session->id;
    html_fmt(b, "<tr><td>%s", when(r, s->created_at));
    if (current)
        html_fmt(b, " <strong class=\"current\">(%s)</strong>", T(r, "this session"));
    html_fmt(b, "</td><td>%s</td><td>%s</td><td>%s</td><td>", when(r, s->last_seen_at),
             s->ip ? s->ip : "", s->user_agent ? s->user_agent : "");
    const char *action = arena_printf(r->arena, "/account/sessions/%lld/end", (long long)s->id);
    form_button(r, action, current ? T(r, "Sign out") : T(r, "End this session"), "inline");
    html_raw_trusted(b, "</td></tr>\n");
}

enum err web_sessions(struct req *r)
{
    struct session_policy pol = signin_session_policy(r->app ? r->app->cfg : NULL);
    struct session *items = NULL;
    int n = 0;
    enum err e = session_list(r->db, r->arena, r->session->person_id, &pol, r->actor.now, &items,
                              &n, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Where you are signed in");
    struct crumb crumbs[] = {{T(r, "Your account"), "/account"}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "End any session you do not recognise, and change your password."));
    html_fmt(b,
             "<section class=\"table-scroll\" tabindex=\"0\" aria-labelledby=\"sessions-caption\">"
             "<table>\n<caption id=\"sessions-caption\">%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Your open sessions"), T(r, "Signed in"), T(r, "Last seen"), T(r, "Address"),
             T(r, "Browser"), T(r, "Action"));
    for (int i = 0; i < n; i++)
        session_row(r, &items[i]);
    html_raw_trusted(b, "</tbody>\n</table>\n</section>\n");
    layout_end(r);
    return ERR_OK;
}

enum err web_session_end(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    if (id == r->session->id) {
        enum err e = signin_end(r);
        return e != ERR_OK ? e : see_other(r, "/");
    }
    enum err e = session_end(r->db, r->session->person_id, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, "/account/sessions");
}
