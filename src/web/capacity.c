/* Choosing the capacity one acts in (DESIGN.md §2: one at a time, chosen
 * explicitly, shown on everything one writes), and the platform admin's
 * form that names the other roles.
 *   GET/POST /account/capacity   a select of the capacities one holds; the
 *                                choice is stored on the session
 *   GET/POST /admin/roles        name a municipality admin, organisation
 *                                admin, moderator or platform admin
 * The capacity page also leads to one's posts at organisations and, for an
 * organisation admin, to the posts at each organisation they administer.
 * The model decides: a capacity one does not hold, or a role named by
 * someone who is not a platform admin, is refused with its reason. */
#include "web/web.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "model/capacity.h"
#include "model/desk.h"
#include "model/organisation.h"
#include "model/session.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

static enum err see_other(struct req *r, const char *href)
{
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Your capacity"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

/* "resident:BU99010101" as stored on a session, from the arena. */
static const char *claim_of(struct req *r, const struct capacity_held *h)
{
    return h->qualifier ? arena_printf(r->arena, "%s:%s", h->name, h->qualifier)
                        : arena_strdup(r->arena, h->name);
}

static void option(struct req *r, const char *value, const char *label, bool selected)
{
    struct buf *b = &r->resp.body;
    html_raw_trusted(b, "<option value=\"");
    html_attr(b, value);
    html_raw_trusted(b, selected ? "\" selected>" : "\">");
    html_text(b, label);
    html_raw_trusted(b, "</option>\n");
}

static void choose_form(struct req *r, const struct capacity_held *held, int n)
{
    struct buf *b = &r->resp.body;
    const char *current = r->session->capacity;
    form_begin(r, "/account/capacity");
    html_fmt(b,
             "<div class=\"field\">\n<label for=\"capacity\">%s</label>\n"
             "<select id=\"capacity\" name=\"capacity\">\n",
             T(r, "Act as"));
    option(r, "person", T(r, "no capacity chosen"), current == NULL);
    for (int i = 0; i < n; i++) {
        const char *claim = claim_of(r, &held[i]);
        option(r, claim, claim, current && strcmp(current, claim) == 0);
    }
    html_raw_trusted(b, "</select>\n</div>\n");
    form_end(r, T(r, "Choose"));
}

/* For each organisation one is an admin of: a link to its posts. */
static void admin_links(struct req *r, const struct capacity_held *held, int n)
{
    struct buf *b = &r->resp.body;
    bool any = false;
    for (int i = 0; i < n; i++) {
        if (held[i].capacity != CAP_ORG_ADMIN || !held[i].qualifier)
            continue;
        struct organisation org;
        const char *name = held[i].qualifier;
        int64_t id = strtoll(held[i].qualifier, NULL, 10);
        if (organisation_get(r->db, r->arena, id, &org, NULL) == ERR_OK)
            name = org.name;
        if (!any)
            html_fmt(b, "<h2>%s</h2>\n<ul>\n", T(r, "Organisations you are an admin of"));
        any = true;
        html_fmt(b, "<li><a href=\"/organisations/%lld/posts\">", (long long)id);
        html_fill(b, T(r, "Posts at %s"), name, NULL);
        html_raw_trusted(b, "</a></li>\n");
    }
    if (any)
        html_raw_trusted(b, "</ul>\n");
}

enum err web_capacity_page(struct req *r)
{
    struct capacity_held *held = NULL;
    int n = 0;
    enum err e = capacity_list(r->db, r->arena, r->session->person_id, &held, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Your capacity");
    struct crumb crumbs[] = {{T(r, "Your account"), "/account"}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "You act in one capacity at a time; everything you write shows it."));
    html_fmt(b, "<p>%s <strong>%s</strong></p>\n", T(r, "Acting as"),
             r->session->capacity ? r->session->capacity : T(r, "no capacity chosen"));
    if (n == 0)
        html_fmt(b, "<p>%s <a href=\"/account/residency\">%s</a></p>\n",
                 T(r, "You hold no capacity yet."), T(r, "Ask to be a resident of a buurt"));
    choose_form(r, held, n);
    html_fmt(b, "<p><a href=\"/account/posts\">%s</a></p>\n", T(r, "Your posts at organisations"));
    admin_links(r, held, n);
    layout_end(r);
    return ERR_OK;
}

enum err web_capacity_choose(struct req *r)
{
    enum err e =
        desk_choose_capacity(r->db, r->session->id, req_in(r, "capacity"), &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, "/account/capacity");
}

static void role_select(struct req *r)
{
    static const char *const roles[] = {"municipality_admin", "organisation_admin", "moderator",
                                        "platform_admin", NULL};
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, "role");
    html_fmt(b,
             "<div class=\"field\">\n<label for=\"role\">%s</label>\n"
             "<select id=\"role\" name=\"role\">\n",
             T(r, "Role"));
    for (int i = 0; roles[i]; i++)
        option(r, roles[i], roles[i], kept && strcmp(kept, roles[i]) == 0);
    html_raw_trusted(b, "</select>\n</div>\n");
}

enum err web_roles_page(struct req *r)
{
    enum err e = capacity_check(r->db, &r->actor, ACT_ROLE_GRANT_MODERATOR, REL_OTHER, &r->fault);
    if (e != ERR_OK)
        return e;
    const char *title = T(r, "Name a role");
    layout_begin(r, title);
    html_fmt(&r->resp.body, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "Only a platform admin names roles. A municipality admin needs the gemeente "
                  "code, an organisation admin the organisation's number."));
    form_begin(r, "/admin/roles");
    form_input(
        r, &(struct form_input){"email", T(r, "E-mail address"), "email", "off", NULL, 254, true});
    role_select(r);
    form_input(r, &(struct form_input){"scope", T(r, "Gemeente code or organisation number"),
                                       "text", "off", NULL, 20, false});
    form_end(r, T(r, "Name the role"));
    if (req_in(r, "done") && r->fault.code == ERR_OK)
        html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n",
                 T(r, "The role has been named."));
    layout_end(r);
    return ERR_OK;
}

enum err web_roles_grant(struct req *r)
{
    enum err e = desk_grant_role(r->db, r->arena, req_in(r, "email"), req_in(r, "role"),
                                 req_in(r, "scope"), &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : see_other(r, "/admin/roles?done=1");
}
