/* The public history of an area: GET /areas/{code}/audit lists the public
 * audit entries on it (model/audit.h), newest first, 100 to a page with a
 * link to older ones (?before=). Restricted entries never appear, and an
 * entry names its actor by display name and capacity only: no e-mail
 * address reaches this page. */
#include "web/web.h"

#include "core/arena.h"
#include "core/clock.h"
#include "model/area.h"
#include "model/audit.h"
#include "model/person.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

enum { PAGE_SIZE = 100 };

/* Who acted, as the public may see it. */
static const char *actor_name(struct req *r, int64_t person_id)
{
    struct person p;
    struct fault f = {0};
    if (person_id <= 0 || person_get(r->db, r->arena, person_id, &p, &f) != ERR_OK)
        return T(r, "the platform");
    return p.erased_at ? T(r, PERSON_ERASED_NAME) : p.display_name;
}

static void entry_row(struct req *r, const struct audit_row *row)
{
    char iso[21];
    clock_iso8601(row->at, iso);
    html_fmt(&r->resp.body, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
             arena_printf(r->arena, "%.10s %.5s UTC", iso, iso + 11), row->action,
             actor_name(r, row->person_id), row->capacity ? row->capacity : "",
             row->detail ? row->detail : "");
}

static void entries(struct req *r, const struct audit_page *pg)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Public history"), T(r, "When"), T(r, "What"), T(r, "Who"), T(r, "Capacity"),
             T(r, "Details"));
    for (int i = 0; i < pg->n; i++)
        entry_row(r, &pg->items[i]);
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

enum err web_area_audit(struct req *r)
{
    const char *code = req_in(r, "code");
    struct area area;
    struct audit_page pg = {0};
    enum err e = area_get(r->db, r->arena, code, &area, &r->fault);
    if (e == ERR_OK)
        e = audit_list_area(r->db, r->arena, code, req_in_int(r, "before", 0), PAGE_SIZE, &pg,
                            &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *href = arena_printf(r->arena, "/areas/%s", area.code);
    const char *title = T(r, "Public history");
    struct crumb crumbs[] = {{area.name, href}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(b, "<h1>%s: %s</h1>\n<p>%s</p>\n", title, area.name,
             T(r, "What was done here on the platform, by whom and in which capacity."));
    if (pg.n > 0)
        entries(r, &pg);
    else
        html_fmt(b, "<p>%s</p>\n", T(r, "Nothing has been recorded here yet."));
    if (pg.next > 0) {
        html_raw_trusted(b, "<p><a href=\"");
        html_attr(b, arena_printf(r->arena, "%s/audit?before=%lld", href, (long long)pg.next));
        html_fmt(b, "\">%s</a></p>\n", T(r, "Older entries"));
    }
    layout_end(r);
    return ERR_OK;
}
