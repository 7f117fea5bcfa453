/* Invitations (model/invitation.h):
 *   GET  /invitations   the invitations one made (created, valid until,
 *                       used or not -- never the code again) and the form
 *                       to make one: validity in days (1..90), a note
 *   POST /invitations   makes one and answers with the code, shown this
 *                       once (Cache-Control: no-store), to pass on.
 * Who may invite is the model's word (the policy's account.invite): a
 * platform admin, or an organisation or municipality admin acting for their
 * organisation or gemeente. A refusal shows the form again with the
 * policy's reason. */
#include "web/web.h"

#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/invitation.h"
#include "model/session.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

enum { DAY_SECONDS = 24 * 3600 };

/* "2026-11-28 23:32 UTC" from the arena. */
static const char *when(struct req *r, int64_t t)
{
    char iso[21];
    clock_iso8601(t, iso);
    return arena_printf(r->arena, "%.10s %.5s UTC", iso, iso + 11);
}

static const char *state_of(struct req *r, const struct invitation *v)
{
    if (v->used_at > 0)
        return arena_printf(r->arena, "%s %s", T(r, "Used on"), when(r, v->used_at));
    return v->expires_at <= r->actor.now ? T(r, "Expired") : T(r, "Not used yet");
}

static void table(struct req *r, const struct invitation *items, int n)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<section class=\"table-scroll\" tabindex=\"0\" "
             "aria-labelledby=\"invitations-caption\"><table>\n"
             "<caption id=\"invitations-caption\">%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Invitations you made"), T(r, "Made on"), T(r, "Valid until"), T(r, "Status"),
             T(r, "Note"));
    for (int i = 0; i < n; i++)
        html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
                 when(r, items[i].created_at), when(r, items[i].expires_at), state_of(r, &items[i]),
                 items[i].note ? items[i].note : "");
    html_raw_trusted(b, "</tbody>\n</table>\n</section>\n");
}

static void invite_form(struct req *r)
{
    html_fmt(&r->resp.body, "<h2>%s</h2>\n<p>%s</p>\n", T(r, "Invite someone"),
             T(r, "Platform admins invite anyone; organisation admins invite people to their own "
                  "organisation and municipality admins to their own gemeente."));
    form_begin(r, "/invitations");
    form_input(r, &(struct form_input){"days", T(r, "Valid for (days)"), "number", "off",
                                       T(r, "From 1 to 90 days."), 0, true});
    form_input(r, &(struct form_input){"note", T(r, "Note (optional)"), "text", "off",
                                       T(r, "For yourself, such as who the invitation is for. "
                                            "At most 200 characters."),
                                       200, false});
    form_end(r, T(r, "Make an invitation"));
}

enum err web_invitations_page(struct req *r)
{
    struct invitation *items = NULL;
    int n = 0;
    enum err e = invitation_list(r->db, r->arena, r->session->person_id, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Invitations");
    struct crumb crumbs[] = {{T(r, "Your account"), "/account"}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "An invitation code lets one person create an account, once, until it "
                  "expires. The code is shown only when it is made."));
    if (n > 0)
        table(r, items, n);
    else
        html_fmt(b, "<p>%s</p>\n", T(r, "You have not made any invitations yet."));
    invite_form(r);
    layout_end(r);
    return ERR_OK;
}

enum err web_invitation_create(struct req *r)
{
    const char *code = NULL;
    int64_t days = req_in_int(r, "days", 0), id = 0;
    enum err e = invitation_create(r->db, r->arena, req_in(r, "note"), days * DAY_SECONDS,
                                   &r->actor, &code, &id, &r->fault);
    if (e != ERR_OK) {
        if (r->fault.field && strcmp(r->fault.field, "ttl") == 0) /* the days asked for */
            r->fault.field = "days";
        return e;
    }
    req_header(r, "Cache-Control", "no-store");
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Your invitation code");
    struct crumb crumbs[] = {{T(r, "Invitations"), "/invitations"}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(b, "<h1>%s</h1>\n<p class=\"invitation-code\"><strong>%s</strong></p>\n", title, code);
    html_raw_trusted(b, "<p>");
    html_fill(b,
              T(r, "Pass this code on to the person you invite: they enter it when they "
                   "create their account, before %s. It works once. It is shown only now; "
                   "write it down or copy it before you leave this page."),
              when(r, r->actor.now + days * DAY_SECONDS), NULL);
    html_fmt(b, "</p>\n<p><a href=\"/invitations\">%s</a></p>\n", T(r, "Back to your invitations"));
    layout_end(r);
    return ERR_OK;
}
