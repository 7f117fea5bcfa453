/* The arena page of an area: GET /areas/{code}/arena, for a buurt, a wijk
 * or a gemeente (DESIGN.md §3). It shows the organisations serving the
 * area with their kinds, the network picture of their relations
 * (render/network.h) and, directly below it, a table of the same relations
 * -- the picture's accessible alternative -- with links to the area's
 * history and to its services. Everyone may see it (organisation.view). */
#include "web/web.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "model/area.h"
#include "model/arena.h"
#include "model/organisation.h"
#include "render/arena_words.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/network.h"
#include "render/req.h"

/* A translated template with its one %s filled, as plain text. */
static const char *fill(struct req *r, const char *tmpl, const char *arg)
{
    struct fault slots = {.args = {arg}};
    char *text = fault_format(tmpl, &slots);
    const char *copy = arena_strdup(r->arena, text);
    free(text);
    return copy;
}

static void begin(struct req *r, const struct area *ar, const char *title)
{
    const char *href = arena_printf(r->arena, "/areas/%s", ar->code);
    struct crumb crumbs[] = {{T(r, "Start"), "/"}, {ar->name, href}, {T(r, "Arena"), NULL}};
    layout_begin_crumbs(r, title, crumbs, 3);
    html_fmt(&r->resp.body, "<h1>%s</h1>\n<p>%s</p>\n", title,
             fill(r,
                  T(r, "The organisations that serve %s and how they relate: who collaborates "
                       "with, funds, houses, is part of or succeeded whom."),
                  ar->name));
}

static void links(struct req *r, const struct area *ar)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<nav aria-label=\"%s\"><ul class=\"links\">\n", T(r, "More about this area"));
    html_fmt(b, "<li><a href=\"/areas/%s/history\">%s</a></li>\n", ar->code,
             fill(r, T(r, "History of %s"), ar->name));
    html_fmt(b, "<li><a href=\"/services?area=%s\">%s</a></li>\n", ar->code,
             fill(r, T(r, "Services in %s"), ar->name));
    html_fmt(b, "<li><a href=\"/api/v1/areas/%s/arena\">%s</a></li>\n</ul></nav>\n", ar->code,
             T(r, "This arena as open data (JSON)"));
}

static void table_begin(struct buf *b, const char *id, const char *caption)
{
    html_fmt(b, "<div class=\"table-scroll\"><table id=\"%s\">\n<caption>%s</caption>\n", id,
             caption);
}

static void actors_section(struct req *r, const struct area *ar, const struct arena_network *net)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"actors\">%s</h2>\n", T(r, "Organisations"));
    if (net->nnodes == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No organisation serving this area is known yet."));
        return;
    }
    table_begin(b, "actors-table", fill(r, T(r, "Organisations serving %s"), ar->name));
    html_fmt(b,
             "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n"
             "<tbody>\n",
             T(r, "Name"), T(r, "Kind"));
    for (int i = 0; i < net->nnodes; i++)
        html_fmt(b,
                 "<tr><th scope=\"row\"><a href=\"/organisations/%lld\">%s</a></th>"
                 "<td>%s</td></tr>\n",
                 (long long)net->nodes[i].id, net->nodes[i].name,
                 web_organisation_kind_label(r, net->nodes[i].kind));
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

/* The legend's kinds: organisation_kinds(), in words. */
static int kind_index(const char *kind)
{
    const char *const *kinds = organisation_kinds();
    for (int k = 0; kinds[k]; k++)
        if (strcmp(kinds[k], kind) == 0)
            return k;
    return 0;
}

static void picture(struct req *r, const struct area *ar, const struct arena_network *net)
{
    const char *const *kinds = organisation_kinds();
    int nkinds = 0;
    while (kinds[nkinds])
        nkinds++;
    const char **labels = arena_array(r->arena, (size_t)nkinds + 1, sizeof *labels);
    for (int k = 0; k < nkinds; k++)
        labels[k] = web_organisation_kind_label(r, kinds[k]);
    struct network_node *nodes = arena_array(r->arena, (size_t)net->nnodes + 1, sizeof *nodes);
    for (int i = 0; i < net->nnodes; i++)
        nodes[i] = (struct network_node){net->nodes[i].name, kind_index(net->nodes[i].kind)};
    struct network_edge *edges = arena_array(r->arena, (size_t)net->nedges + 1, sizeof *edges);
    for (int j = 0; j < net->nedges; j++) {
        const struct arena_edge *e = &net->edges[j];
        edges[j] =
            (struct network_edge){e->from, e->to, arena_words_relation(r, e->kind),
                                  strcmp(e->kind, "collaborates_with") != 0, e->end_date != NULL};
    }
    struct network_picture p = {
        .id = "network",
        .title = fill(r, T(r, "Network of the arena of %s"), ar->name),
        .desc = T(r, "Organisations as shapes by kind, relations as lines labelled with the "
                     "relation; dashed lines are relations that have ended. The table below the "
                     "picture holds the same relations."),
        .nodes = nodes,
        .nnodes = net->nnodes,
        .edges = edges,
        .nedges = net->nedges,
        .kind_labels = labels,
        .nkinds = nkinds,
    };
    html_raw_trusted(&r->resp.body, "<figure class=\"network-figure\">\n");
    network_svg(&r->resp.body, &p);
    html_fmt(&r->resp.body, "\n<figcaption>%s</figcaption>\n</figure>\n",
             T(r, "The relations in the picture, in words: see the table below."));
}

static void relations_table(struct req *r, const struct area *ar, const struct arena_network *net)
{
    struct buf *b = &r->resp.body;
    table_begin(b, "relations-table", fill(r, T(r, "Relations in the arena of %s"), ar->name));
    html_fmt(b,
             "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">"
             "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "From"), T(r, "Relation"), T(r, "To"), T(r, "Since"), T(r, "Until"));
    for (int j = 0; j < net->nedges; j++) {
        const struct arena_edge *e = &net->edges[j];
        html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
                 net->nodes[e->from].name, arena_words_relation(r, e->kind), net->nodes[e->to].name,
                 e->start_date, e->end_date ? e->end_date : "");
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

static void network_section(struct req *r, const struct area *ar, const struct arena_network *net)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"network\">%s</h2>\n", T(r, "Network"));
    if (net->nedges == 0) {
        html_fmt(b, "<p>%s</p>\n",
                 T(r, "No relations among these organisations have been recorded yet."));
        return;
    }
    picture(r, ar, net);
    relations_table(r, ar, net);
}

enum err web_area_arena(struct req *r)
{
    struct area ar;
    struct arena_network net;
    enum err e = area_get(r->db, r->arena, req_in(r, "code"), &ar, &r->fault);
    if (e == ERR_OK)
        e = arena_network_load(r->db, r->arena, ar.code, &net, &r->fault);
    if (e != ERR_OK)
        return e;
    begin(r, &ar, fill(r, T(r, "Arena of %s"), ar.name));
    web_monitor_warning_note(r, ar.code);
    links(r, &ar);
    actors_section(r, &ar, &net);
    network_section(r, &ar, &net);
    layout_end(r);
    return ERR_OK;
}
