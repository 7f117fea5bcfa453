/* The audit log's pages (model/audit.h), newest first, 100 to a page with a
 * link to older ones (?before=, the keyset cursor):
 *   GET /areas/{code}/audit     the public entries of an area
 *   GET /audit/{type}/{id}      the public entries of one object
 *   GET /account/activity       the signed-in person's restricted entries:
 *                               sign-ins, password changes, invitations, ...
 * Every entry names its actor and the capacity they acted in, in words
 * (render/byline.h); entries with no person show "the platform" or "the
 * console". No e-mail address reaches these pages: the log holds none and
 * names come from the display name. Restricted entries never appear on the
 * public pages; the activity page shows only the viewer's own. */
#include "web/web.h"

#include <stdbool.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/area.h"
#include "model/audit.h"
#include "model/capacity.h"
#include "model/session.h"
#include "render/byline.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

enum { PAGE_SIZE = 100 };

/* How a list is shown: whether rows link to their object's public page. */
struct view {
    const char *caption;
    const char *older_href; /* the page's own address, ?before= is added */
    bool link_objects;
};

/* "/audit/<type>/<id>" with both parts percent-encoded, from the arena. */
static const char *object_href(struct req *r, const char *type, const char *id)
{
    struct buf href;
    buf_init(&href);
    buf_puts(&href, "/audit/");
    url_arg(&href, type);
    buf_puts(&href, "/");
    url_arg(&href, id);
    const char *out = arena_strdup(r->arena, buf_cstr(&href));
    buf_free(&href);
    return out;
}

static void object_cell(struct req *r, const struct audit_row *row, bool link)
{
    struct buf *b = &r->resp.body;
    html_raw_trusted(b, "<td>");
    if (link) {
        html_raw_trusted(b, "<a href=\"");
        html_attr(b, object_href(r, row->object_type, row->object_id));
        html_raw_trusted(b, "\">");
    }
    html_fmt(b, "%s %s", row->object_type, row->object_id);
    html_raw_trusted(b, link ? "</a></td>" : "</td>");
}

static void entry_row(struct req *r, const struct audit_row *row, bool link)
{
    struct buf *b = &r->resp.body;
    char iso[21];
    clock_iso8601(row->at, iso);
    html_fmt(b, "<tr><td><time datetime=\"%s\">%s</time></td><td>%s</td><td>", iso,
             arena_printf(r->arena, "%.10s %.5s UTC", iso, iso + 11), row->action);
    byline_write(r, row->person_id, row->capacity);
    html_raw_trusted(b, "</td>");
    object_cell(r, row, link && row->is_public);
    html_fmt(b, "<td>%s</td></tr>\n", row->detail ? row->detail : "");
}

static void entries(struct req *r, const struct audit_page *pg, const struct view *v)
{
    struct buf *b = &r->resp.body;
    if (pg->n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "Nothing has been recorded here yet."));
        return;
    }
    html_fmt(b,
             "<section class=\"table-scroll\" tabindex=\"0\" aria-labelledby=\"audit-caption\">"
             "<table>\n<caption id=\"audit-caption\">%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             v->caption, T(r, "When"), T(r, "What"), T(r, "Who, in which capacity"),
             T(r, "On what"), T(r, "Details"));
    for (int i = 0; i < pg->n; i++)
        entry_row(r, &pg->items[i], v->link_objects);
    html_raw_trusted(b, "</tbody>\n</table>\n</section>\n");
    if (pg->next > 0) {
        html_raw_trusted(b, "<p><a href=\"");
        html_attr(b, arena_printf(r->arena, "%s?before=%lld", v->older_href, (long long)pg->next));
        html_fmt(b, "\">%s</a></p>\n", T(r, "Older entries"));
    }
}

/* Public pages are open to everyone; the route's action says so too. */
static enum err may_view(struct req *r, enum action action)
{
    enum capacity cap = r->session ? CAP_PERSON : CAP_VISITOR;
    return capacity_authorise(action, cap, action == ACT_AUDIT_VIEW_PERSONAL ? REL_OWN : REL_OTHER,
                              &r->fault);
}

enum err web_area_audit(struct req *r)
{
    const char *code = req_in(r, "code");
    struct area area;
    struct audit_page pg = {0};
    enum err e = may_view(r, ACT_AUDIT_VIEW_PUBLIC);
    if (e == ERR_OK)
        e = area_get(r->db, r->arena, code, &area, &r->fault);
    if (e == ERR_OK)
        e = audit_list_area(r->db, r->arena, code, req_in_int(r, "before", 0), PAGE_SIZE, &pg,
                            &r->fault);
    if (e != ERR_OK)
        return e;
    const char *href = arena_printf(r->arena, "/areas/%s", area.code);
    const char *title = T(r, "Public history");
    struct crumb crumbs[] = {{area.name, href}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(&r->resp.body, "<h1>%s: %s</h1>\n<p>%s</p>\n", title, area.name,
             T(r, "What was done here on the platform, by whom and in which capacity."));
    struct view v = {T(r, "Public history"), arena_printf(r->arena, "%s/audit", href), true};
    entries(r, &pg, &v);
    layout_end(r);
    return ERR_OK;
}

enum err web_object_audit(struct req *r)
{
    const char *type = req_in(r, "type"), *id = req_in(r, "id");
    struct audit_page pg = {0};
    enum err e = may_view(r, ACT_AUDIT_VIEW_PUBLIC);
    if (e == ERR_OK)
        e = audit_list_object(r->db, r->arena, type, id, req_in_int(r, "before", 0), PAGE_SIZE, &pg,
                              &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Public history");
    layout_begin(r, title);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Public history of %s %s"), type, id, NULL);
    html_fmt(b, "</h1>\n<p>%s</p>\n",
             T(r, "What was done to this on the platform, by whom and in which capacity."));
    struct view v = {T(r, "Public history"), object_href(r, type, id), false};
    entries(r, &pg, &v);
    layout_end(r);
    return ERR_OK;
}

enum err web_account_activity(struct req *r)
{
    struct audit_page pg = {0};
    enum err e = may_view(r, ACT_AUDIT_VIEW_PERSONAL);
    if (e == ERR_OK)
        e = audit_list_person(r->db, r->arena, r->session->person_id, req_in_int(r, "before", 0),
                              PAGE_SIZE, &pg, &r->fault);
    if (e != ERR_OK)
        return e;
    const char *title = T(r, "Your activity");
    struct crumb crumbs[] = {{T(r, "Your account"), "/account"}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(&r->resp.body, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "What the audit log holds about you and your account: sign-ins, password "
                  "changes, invitations and more. Only you see this page."));
    struct view v = {T(r, "Your activity"), "/account/activity", false};
    entries(r, &pg, &v);
    layout_end(r);
    return ERR_OK;
}
