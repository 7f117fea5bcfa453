/* The area pages: GET /areas/{code} for a gemeente, wijk or buurt, and
 * GET /areas?code=X, the home page's "find by CBS code" form, which sends the
 * browser on to /areas/X. An area page shows where the area lies (the
 * breadcrumb trail and its outline), what it contains (the wijken of a
 * gemeente, the buurten of a wijk) and its newest CBS key figures. */
#include "web/web.h"

#include "core/arena.h"
#include "model/area.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/number.h"
#include "render/req.h"
#include "render/svg.h"

/* What the page needs about its area, loaded before anything is written. */
struct area_view {
    struct area area;
    struct area ancestors[2]; /* gemeente first */
    int nancestors;
    struct area_child *children;
    int nchildren;
    struct area_figures fig;
    bool has_figures;
};

static const char *kind_label(const struct req *r, enum area_kind k)
{
    switch (k) {
    case AREA_GEMEENTE:
        return T(r, "gemeente");
    case AREA_WIJK:
        return T(r, "wijk");
    default:
        return T(r, "buurt");
    }
}

/* "/areas/CODE" from the arena. */
static const char *area_href(struct req *r, const char *code)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "/areas/");
    url_arg(&b, code);
    const char *href = arena_strdup(r->arena, buf_cstr(&b));
    buf_free(&b);
    return href;
}

enum err web_area_find(struct req *r)
{
    const char *code = req_in(r, "code");
    if (!code || !*code)
        return req_fail(r, ERR_INVALID, "code", N_("Give an area code, such as GM0363."));
    const char *href = area_href(r, code);
    req_header(r, "Location", href);
    r->resp.status = 303;
    layout_begin(r, T(r, "Find an area by CBS code"));
    html_fmt(&r->resp.body, "<h1>%s</h1>\n<p><a href=\"", T(r, "Find an area by CBS code"));
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", code);
    layout_end(r);
    return ERR_OK;
}

/* The gemeente and wijk above the area, top first. A parent that has gone
 * missing only shortens the trail. */
static enum err load_ancestors(struct req *r, struct area_view *v)
{
    struct area up[2];
    int n = 0;
    const char *parent = v->area.parent_code;
    while (parent && n < 2) {
        enum err e = area_get(r->db, r->arena, parent, &up[n], &r->fault);
        if (e == ERR_NOT_FOUND)
            break;
        if (e != ERR_OK)
            return e;
        parent = up[n++].parent_code;
    }
    for (int i = 0; i < n; i++)
        v->ancestors[i] = up[n - 1 - i];
    v->nancestors = n;
    r->fault = (struct fault){0};
    return ERR_OK;
}

static enum err load_view(struct req *r, const char *code, struct area_view *v)
{
    enum err e = area_get(r->db, r->arena, code, &v->area, &r->fault);
    if (e == ERR_OK)
        e = load_ancestors(r, v);
    if (e == ERR_OK && v->area.kind != AREA_BUURT)
        e = area_children(r->db, r->arena, code, &v->children, &v->nchildren, &r->fault);
    if (e == ERR_OK)
        e = area_figures_latest(r->db, r->arena, code, &v->fig, &v->has_figures, &r->fault);
    return e;
}

static void begin_page(struct req *r, const struct area_view *v)
{
    struct crumb crumbs[4];
    int n = 0;
    crumbs[n++] = (struct crumb){T(r, "Start"), "/"};
    for (int i = 0; i < v->nancestors; i++)
        crumbs[n++] = (struct crumb){v->ancestors[i].name, area_href(r, v->ancestors[i].code)};
    crumbs[n++] = (struct crumb){v->area.name, NULL};
    const char *title =
        arena_printf(r->arena, "%s (%s %s)", v->area.name, kind_label(r, v->area.kind), v->area.code);
    layout_begin_crumbs(r, title, crumbs, n);
    html_fmt(&r->resp.body,
             "<h1><span class=\"area-name\">%s</span> <span class=\"area-kind\">%s %s</span></h1>\n",
             v->area.name, kind_label(r, v->area.kind), v->area.code);
}

/* Opens a table that scrolls sideways on a narrow screen; the scrolling
 * box is focusable so that keyboard users can scroll it too. */
static void table_begin(struct buf *b, const char *id)
{
    html_fmt(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
                "aria-labelledby=\"%s-caption\">\n<table id=\"%s\">\n<caption id=\"%s-caption\">",
             id, id, id);
}

static void table_end(struct buf *b)
{
    html_raw_trusted(b, "</tbody>\n</table>\n</div>\n");
}

static void children_section(struct req *r, const struct area_view *v)
{
    struct buf *b = &r->resp.body;
    bool wijken = v->area.kind == AREA_GEMEENTE;
    html_fmt(b, "<h2 id=\"parts\">%s</h2>\n", wijken ? T(r, "Wijken") : T(r, "Buurten"));
    if (v->nchildren == 0) {
        html_fmt(b, "<p>%s</p>\n", wijken ? T(r, "No wijken of this gemeente are known yet.")
                                          : T(r, "No buurten of this wijk are known yet."));
        return;
    }
    table_begin(b, "parts-table");
    html_fill(b, wijken ? T(r, "Wijken of %s") : T(r, "Buurten of %s"), v->area.name, NULL);
    html_fmt(b, "</caption>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\" class=\"num\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Name"), T(r, "CBS code"), T(r, "Inhabitants"));
    for (int i = 0; i < v->nchildren; i++) {
        const struct area *c = &v->children[i].area;
        html_raw_trusted(b, "<tr><th scope=\"row\"><a href=\"");
        html_attr(b, area_href(r, c->code));
        html_fmt(b, "\">%s</a></th><td>%s</td><td class=\"num\">", c->name, c->code);
        number_figure(b, r, v->children[i].inhabitants, 0);
        html_raw_trusted(b, "</td></tr>\n");
    }
    table_end(b);
}
