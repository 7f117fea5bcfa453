/* The area pages: GET /areas/{code} for a gemeente, wijk or buurt, and
 * GET /areas?code=X, the home page's "find by CBS code" form, which sends the
 * browser on to /areas/X. An area page shows where the area lies (the
 * breadcrumb trail and its outline), what it contains (the wijken of a
 * gemeente, the buurten of a wijk) and its newest CBS key figures. */
#include "web/web.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/mem.h"
#include "db/db.h"
#include "model/area.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/number.h"
#include "render/req.h"
#include "render/svg.h"

/* The response body is made this big at once: room for the usual page (a
 * wijk with 50 buurten is 9.5 KB) without growing it eight times. */
#define PAGE_RESERVE ((size_t)16 * 1024)

/* What the page needs about its area, loaded before anything is written:
 * only data, nothing that depends on the request's language. */
struct area_view {
    struct area area;
    struct area ancestors[2]; /* gemeente first */
    int nancestors;
    struct area_child *children;
    int nchildren;
    struct area_figures fig;
    bool has_figures;
    const char *drawing; /* svg_map_drawing of the outlines, or NULL */
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

/* The children's outlines in the order of v->children (NULL where a child
 * has none): one query for all of them. */
static enum err child_outlines(struct req *r, const struct area_view *v, const char ***parts)
{
    *parts = arena_array(r->arena, (size_t)v->nchildren + 1, sizeof **parts);
    if (v->nchildren == 0)
        return ERR_OK;
    struct area_outline *outlines;
    int n;
    enum err e = area_children_boundaries(r->db, r->arena, v->area.code, &outlines, &n, &r->fault);
    for (int i = 0; e == ERR_OK && n > 0 && i < v->nchildren; i++)
        (*parts)[i] = area_outline_find(outlines, n, v->children[i].area.code);
    return e;
}

/* The map's drawing: the outline with the children's outlines inside it.
 * It depends on the geometry alone, so it is drawn once with the view
 * rather than parsed from GeoJSON for every page. */
static enum err load_drawing(struct req *r, struct area_view *v)
{
    const char *outline = NULL;
    const char **parts = NULL;
    enum err e = area_boundary(r->db, r->arena, v->area.code, &outline, &r->fault);
    if (e == ERR_OK)
        e = child_outlines(r, v, &parts);
    if (e != ERR_OK)
        return e;
    struct svg_map m = {.outline = outline, .children = parts, .nchildren = v->nchildren};
    struct buf drawing = BUF_INIT;
    if (svg_map_drawing(&drawing, &m))
        v->drawing = arena_strdup(r->arena, buf_cstr(&drawing));
    buf_free(&drawing);
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
    if (e == ERR_OK)
        e = load_drawing(r, v);
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
    const char *title = arena_printf(r->arena, "%s (%s %s)", v->area.name,
                                     kind_label(r, v->area.kind), v->area.code);
    layout_begin_crumbs(r, title, crumbs, n);
    html_fmt(
        &r->resp.body,
        "<h1><span class=\"area-name\">%s</span> <span class=\"area-kind\">%s %s</span></h1>\n",
        v->area.name, kind_label(r, v->area.kind), v->area.code);
}

/* Opens a table that scrolls sideways on a narrow screen: a region named by
 * the caption, focusable so that keyboard users can scroll it too. */
static void table_begin(struct buf *b, const char *id)
{
    html_fmt(b,
             "<section class=\"table-scroll\" tabindex=\"0\" aria-labelledby=\"%s-caption\">\n"
             "<table id=\"%s\">\n<caption id=\"%s-caption\">",
             id, id, id);
}

static void table_end(struct buf *b)
{
    html_raw_trusted(b, "</tbody>\n</table>\n</section>\n");
}

static void children_section(struct req *r, const struct area_view *v)
{
    struct buf *b = &r->resp.body;
    bool wijken = v->area.kind == AREA_GEMEENTE;
    html_fmt(b, "<h2 id=\"parts\">%s</h2>\n", wijken ? T(r, "Wijken") : T(r, "Buurten"));
    if (v->nchildren == 0) {
        html_fmt(b, "<p>%s</p>\n",
                 wijken ? T(r, "No wijken of this gemeente are known yet.")
                        : T(r, "No buurten of this wijk are known yet."));
        return;
    }
    table_begin(b, "parts-table");
    html_fill(b, wijken ? T(r, "Wijken of %s") : T(r, "Buurten of %s"), v->area.name, NULL);
    html_fmt(b,
             "</caption>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\" class=\"num\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Name"), T(r, "CBS code"), T(r, "Inhabitants"));
    for (int i = 0; i < v->nchildren; i++) {
        const struct area *c = &v->children[i].area;
        /* url_arg's output (unreserved characters and %XX) needs no
         * further escaping in an attribute. */
        html_raw_trusted(b, "<tr><th scope=\"row\"><a href=\"/areas/");
        url_arg(b, c->code);
        html_fmt(b, "\">%s</a></th><td>%s</td><td class=\"num\">", c->name, c->code);
        number_figure(b, r, v->children[i].inhabitants, 0);
        html_raw_trusted(b, "</td></tr>\n");
    }
    table_end(b);
}

/* One row of a figures table: a header cell and the value. */
static void figure_row(struct req *r, const char *label, struct figure fig, int decimals)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">", label);
    number_figure(b, r, fig, decimals);
    html_raw_trusted(b, "</td></tr>\n");
}

static void key_figures_table(struct req *r, const struct area_view *v, const char *year)
{
    struct buf *b = &r->resp.body;
    const struct area_figures *fig = &v->fig;
    table_begin(b, "figures-table");
    html_fill(b, T(r, "Key figures of %s, %s"), v->area.name, year, NULL);
    html_fmt(b,
             "</caption>\n<thead><tr><th scope=\"col\">%s</th>"
             "<th scope=\"col\" class=\"num\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Figure"), T(r, "Value"));
    figure_row(r, T(r, "Inhabitants"), fig->inhabitants, 0);
    figure_row(r, T(r, "Households"), fig->households, 0);
    figure_row(r, T(r, "Average household size"), fig->avg_household_size, 1);
    figure_row(r, T(r, "Average income per inhabitant (x € 1,000)"), fig->income_per_inhabitant, 1);
    figure_row(r, T(r, "Households with a low income (%)"), fig->low_income_share, 1);
    table_end(b);
}

static void age_table(struct req *r, const struct area_view *v, const char *year)
{
    struct buf *b = &r->resp.body;
    const struct area_figures *fig = &v->fig;
    const struct {
        const char *label;
        struct figure value;
    } ages[] = {
        {T(r, "0 to 15 years"), fig->age_0_15},         {T(r, "15 to 25 years"), fig->age_15_25},
        {T(r, "25 to 45 years"), fig->age_25_45},       {T(r, "45 to 65 years"), fig->age_45_65},
        {T(r, "65 years and older"), fig->age_65_plus},
    };
    table_begin(b, "ages-table");
    html_fill(b, T(r, "Inhabitants by age of %s, %s"), v->area.name, year, NULL);
    html_fmt(b,
             "</caption>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">"
             "%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Age"), T(r, "Inhabitants"), T(r, "Share"));
    for (size_t i = 0; i < sizeof ages / sizeof ages[0]; i++) {
        html_fmt(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">", ages[i].label);
        number_figure(b, r, ages[i].value, 0);
        html_raw_trusted(b, "</td><td class=\"num\">");
        number_share(b, r, ages[i].value, fig->inhabitants);
        html_raw_trusted(b, "</td></tr>\n");
    }
    table_end(b);
}

static void figures_section(struct req *r, const struct area_view *v)
{
    struct buf *b = &r->resp.body;
    if (!v->has_figures) {
        html_fmt(b, "<h2 id=\"figures\">%s</h2>\n<p>%s</p>\n", T(r, "Key figures"),
                 T(r, "No key figures are known for this area yet."));
        return;
    }
    const char *year = arena_printf(r->arena, "%d", v->fig.year);
    html_fmt(b, "<h2 id=\"figures\">%s %d</h2>\n", T(r, "Key figures"), v->fig.year);
    key_figures_table(r, v, year);
    age_table(r, v, year);
    html_fmt(b, "<p class=\"source\">%s</p>\n",
             T(r, "Source: CBS, Kerncijfers wijken en buurten."));
}

/* A translated template with its one %s filled, as plain text from the
 * arena (fault_format's rules: no printf format from a catalog). */
static const char *fill(struct req *r, const char *tmpl, const char *arg)
{
    struct fault slots = {.args = {arg}};
    char *text = fault_format(tmpl, &slots);
    const char *copy = arena_strdup(r->arena, text);
    free(text);
    return copy;
}

/* The outline, with the outlines of the wijken or buurten inside it. */
static void map_section(struct req *r, const struct area_view *v)
{
    if (!v->drawing)
        return;
    const char *tmpl = T(r, "Outline of %s");
    if (v->nchildren > 0)
        tmpl = v->area.kind == AREA_GEMEENTE ? T(r, "Outline of %s with its wijken")
                                             : T(r, "Outline of %s with its buurten");
    const char *title = fill(r, tmpl, v->area.name);
    struct svg_map m = {.id = "map-title", .title = title};
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"map\">%s</h2>\n<figure class=\"map-figure\">\n", T(r, "Map"));
    svg_map_frame(b, &m, v->drawing);
    html_raw_trusted(b, "\n<figcaption>");
    html_fill(b,
              v->has_figures ? T(r, "%s, north up. Its key figures are in the tables above.")
                             : T(r, "%s, north up."),
              title, NULL);
    html_raw_trusted(b, "</figcaption>\n</figure>\n");
}

/* ---- views kept between requests --------------------------------------
 *
 * Loading a wijk's view (its buurten, their newest figures, the drawing of
 * their outlines) is most of the page's work, while the data changes only when something
 * is imported. So each database connection keeps the views it loaded and
 * hands them out again for as long as db_data_version says the database is
 * unchanged; any change anywhere drops them all. Only data is kept: the page
 * is rendered anew each time, in the request's language. On PostgreSQL
 * nothing is kept (see db.h). */

#define VIEW_SLOTS 64
#define VIEW_CACHE_BYTES ((size_t)8 * 1024 * 1024) /* per connection */

struct kept_view {
    struct arena *arena; /* holds the view's strings and arrays; NULL: free */
    uint64_t hash;       /* of the area code */
    uint64_t last_used;
    struct area_view view;
};

struct view_cache {
    uint64_t version; /* the data version the views were read at */
    uint64_t clock;   /* counts lookups, for "least recently used" */
    size_t bytes;     /* of all the kept views' arenas */
    struct kept_view slots[VIEW_SLOTS];
};

/* The key for db_cache: only its address matters. */
static const char view_cache_owner = 'v';

static void drop_view(struct view_cache *c, struct kept_view *k)
{
    c->bytes -= arena_used(k->arena);
    arena_free(k->arena);
    *k = (struct kept_view){0};
}

static void free_view_cache(void *p)
{
    struct view_cache *c = p;
    for (int i = 0; i < VIEW_SLOTS; i++)
        if (c->slots[i].arena)
            drop_view(c, &c->slots[i]);
    free(c);
}

/* The connection's cache, emptied first if the database has changed since
 * its views were read. */
static struct view_cache *view_cache_at(struct db *db, uint64_t version)
{
    struct view_cache *c = db_cache(db, &view_cache_owner);
    if (!c) {
        c = xcalloc(1, sizeof *c);
        db_cache_set(db, &view_cache_owner, c, free_view_cache);
    }
    if (c->version != version) {
        for (int i = 0; i < VIEW_SLOTS; i++)
            if (c->slots[i].arena)
                drop_view(c, &c->slots[i]);
        c->version = version;
    }
    return c;
}

/* FNV-1a, so that a lookup compares strings only on a likely match. */
static uint64_t code_hash(const char *code)
{
    uint64_t h = 14695981039346656037u;
    for (const unsigned char *p = (const unsigned char *)code; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h;
}

static const struct area_view *find_view(struct view_cache *c, const char *code, uint64_t hash)
{
    for (int i = 0; i < VIEW_SLOTS; i++) {
        struct kept_view *k = &c->slots[i];
        if (k->arena && k->hash == hash && strcmp(k->view.area.code, code) == 0) {
            k->last_used = ++c->clock;
            return &k->view;
        }
    }
    return NULL;
}

static void copy_area(struct arena *a, const struct area *src, struct area *dst)
{
    *dst = (struct area){arena_strdup(a, src->code), src->kind, arena_strdup(a, src->name),
                         arena_strdup(a, src->parent_code)};
}

/* A deep copy of src, every string and array in a. */
static void copy_view(struct arena *a, const struct area_view *src, struct area_view *dst)
{
    *dst = *src;
    copy_area(a, &src->area, &dst->area);
    for (int i = 0; i < src->nancestors; i++)
        copy_area(a, &src->ancestors[i], &dst->ancestors[i]);
    dst->children = arena_array(a, (size_t)src->nchildren + 1, sizeof *dst->children);
    for (int i = 0; i < src->nchildren; i++) {
        copy_area(a, &src->children[i].area, &dst->children[i].area);
        dst->children[i].inhabitants = src->children[i].inhabitants;
    }
    dst->drawing = arena_strdup(a, src->drawing);
}

/* The kept view used longest ago; NULL when none is kept. */
static struct kept_view *least_recent(struct view_cache *c)
{
    struct kept_view *oldest = NULL;
    for (int i = 0; i < VIEW_SLOTS; i++)
        if (c->slots[i].arena && (!oldest || c->slots[i].last_used < oldest->last_used))
            oldest = &c->slots[i];
    return oldest;
}

/* Keeps a copy of v, making room by dropping the views used longest ago; a
 * view bigger than a quarter of the budget is not kept. */
static void keep_view(struct view_cache *c, const struct area_view *v, uint64_t hash)
{
    struct kept_view fresh = {.arena = arena_new(), .hash = hash, .last_used = ++c->clock};
    copy_view(fresh.arena, v, &fresh.view);
    size_t size = arena_used(fresh.arena);
    if (size > VIEW_CACHE_BYTES / 4) {
        arena_free(fresh.arena);
        return;
    }
    while (c->bytes + size > VIEW_CACHE_BYTES)
        drop_view(c, least_recent(c));
    struct kept_view *k = NULL;
    for (int i = 0; i < VIEW_SLOTS && !k; i++)
        if (!c->slots[i].arena)
            k = &c->slots[i];
    if (!k) {
        k = least_recent(c);
        drop_view(c, k);
    }
    *k = fresh;
    c->bytes += size;
}

/* The view of code: kept from an earlier request when the database has not
 * changed since, else loaded (and kept when the driver can tell changes). */
static enum err get_view(struct req *r, const char *code, const struct area_view **out)
{
    uint64_t version, hash = code_hash(code);
    struct view_cache *c = db_data_version(r->db, &version) ? view_cache_at(r->db, version) : NULL;
    if (c && (*out = find_view(c, code, hash)) != NULL)
        return ERR_OK;
    struct area_view *v = arena_alloc(r->arena, sizeof *v);
    enum err e = load_view(r, code, v);
    if (e == ERR_OK && c)
        keep_view(c, v, hash);
    *out = v;
    return e;
}

enum err web_area(struct req *r)
{
    const char *code = req_in(r, "code");
    if (!code)
        return req_fail(r, ERR_INVALID, "code", N_("An area code is required."));
    const struct area_view *v;
    enum err e = get_view(r, code, &v);
    if (e != ERR_OK)
        return e;
    buf_reserve(&r->resp.body, PAGE_RESERVE);
    begin_page(r, v);
    html_fmt(&r->resp.body, "<p class=\"area-arena\"><a href=\"/areas/%s/arena\">%s</a></p>\n",
             v->area.code, T(r, "The arena: organisations, their network and the history"));
    html_fmt(&r->resp.body, "<p class=\"area-hours\"><a href=\"/areas/%s/hours\">%s</a></p>\n",
             v->area.code, T(r, "Investment hours: pledged and delivered"));
    html_fmt(&r->resp.body, "<p class=\"area-monitor\"><a href=\"/areas/%s/monitor\">%s</a></p>\n",
             v->area.code, T(r, "Transition monitor: phase, early warning and indicators"));
    if (v->area.kind == AREA_GEMEENTE)
        html_fmt(&r->resp.body, "<p class=\"area-zones\"><a href=\"/zones?gemeente=%s\">%s</a></p>\n",
                 v->area.code, T(r, "Rule-free zones"));
    if (v->area.kind != AREA_BUURT)
        children_section(r, v);
    else if ((e = web_initiatives_section(r, v->area.code)) != ERR_OK)
        return e;
    if (v->area.kind != AREA_GEMEENTE && (e = web_activities_section(r, v->area.code)) != ERR_OK)
        return e;
    figures_section(r, v);
    if ((e = web_conflicts_section(r, v->area.code)) != ERR_OK)
        return e;
    map_section(r, v);
    layout_end(r);
    return ERR_OK;
}
