/* The network picture (see network.h): a circular layout with crossing
 * reduction, and its SVG. Sizes are estimated from character counts (a
 * 12 px sans-serif averages under 7 px a character); textLength makes the
 * browser fit each label to exactly the width its box was made for. */
#include "render/network.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "render/html.h"

enum { MARGIN = 10, NODE_H = 30, PAD = 20, LABEL_H = 16, LEGEND_ROW = 26 };
static const double CHAR_W = 7.0;  /* node labels, 12 px */
static const double SMALL_W = 6.5; /* edge labels and the legend, 11 px */
static const double PARALLEL = 26; /* px between parallel edges at their middle */

static const char *const fills[NETWORK_SHAPES] = {"#dbe9f6", "#fde9c9", "#e4efe9", "#f3e0f0",
                                                  "#eeeeee"};
static const char *const strokes[NETWORK_SHAPES] = {"#1f4e79", "#8a4b00", "#1e5e3b", "#6d2866",
                                                    "#333333"};

/* Characters of s (UTF-8), and the byte length of its first max characters. */
static size_t chars(const char *s, size_t max, size_t *bytes)
{
    size_t n = 0, i = 0;
    for (; s && s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == max)
            break;
    if (bytes)
        *bytes = i;
    return n > max ? max + 1 : n;
}

static int shape_of(int kind)
{
    return kind < 0 ? 0 : kind % NETWORK_SHAPES;
}

/* The width the label of node i is drawn at (ellipsis included). */
static double text_width(const struct network_node *n)
{
    size_t c = chars(n->label, NETWORK_LABEL_MAX, NULL);
    return CHAR_W * (double)(c > NETWORK_LABEL_MAX ? NETWORK_LABEL_MAX + 1 : (c ? c : 1));
}

static struct network_box node_box(const struct network_node *n)
{
    double w = text_width(n) + PAD, h = NODE_H;
    switch (shape_of(n->kind)) {
    case 2:
        return (struct network_box){0, 0, w * 1.25 + 4, h * 1.5}; /* ellipse */
    case 3:
        return (struct network_box){0, 0, w + h, h}; /* hexagon */
    case 4:
        return (struct network_box){0, 0, w + 10, h + 4}; /* octagon */
    default:
        return (struct network_box){0, 0, w, h}; /* rectangles */
    }
}

/* ---- crossings -------------------------------------------------------------- */

static bool between(int lo, int hi, int x)
{
    return lo < x && x < hi;
}

static int crossings_at(const struct network_picture *p, const int *pos)
{
    int c = 0;
    for (int i = 0; i < p->nedges; i++) {
        int a = pos[p->edges[i].from], b = pos[p->edges[i].to];
        int lo = a < b ? a : b, hi = a < b ? b : a;
        for (int j = i + 1; j < p->nedges; j++) {
            int x = pos[p->edges[j].from], y = pos[p->edges[j].to];
            if (x == a || x == b || y == a || y == b)
                continue;
            c += between(lo, hi, x) != between(lo, hi, y);
        }
    }
    return c;
}

int network_crossings(const struct network_picture *p, const int *order)
{
    int *pos = xcalloc((size_t)p->nnodes + 1, sizeof *pos);
    for (int k = 0; k < p->nnodes; k++)
        pos[order[k]] = k;
    int c = crossings_at(p, pos);
    free(pos);
    return c;
}

static void swap_places(int *order, int *pos, int k, int n)
{
    int l = (k + 1) % n, t = order[k];
    order[k] = order[l];
    order[l] = t;
    pos[order[k]] = k;
    pos[order[l]] = l;
}

/* Swaps neighbours on the circle while that lowers the crossings: at most
 * ten passes, and none when a pass would cost too much. */
static int reduce_crossings(const struct network_picture *p, int *order)
{
    int n = p->nnodes;
    int *pos = xcalloc((size_t)n + 1, sizeof *pos);
    for (int k = 0; k < n; k++)
        pos[order[k]] = k;
    int best = crossings_at(p, pos);
    bool affordable = (double)n * p->nedges * p->nedges < 5e7;
    for (int pass = 0; affordable && best > 0 && n > 3 && pass < 10; pass++) {
        bool improved = false;
        for (int k = 0; k < n && best > 0; k++) {
            swap_places(order, pos, k, n);
            int c = crossings_at(p, pos);
            if (c < best) {
                best = c;
                improved = true;
            } else {
                swap_places(order, pos, k, n);
            }
        }
        if (!improved)
            break;
    }
    free(pos);
    return best;
}

/* ---- placing ----------------------------------------------------------------- */

static bool overlap(const struct network_box *a, const struct network_box *b)
{
    return fabs(a->cx - b->cx) < (a->w + b->w) / 2 + NETWORK_GAP &&
           fabs(a->cy - b->cy) < (a->h + b->h) / 2 + NETWORK_GAP;
}

static void place(struct network_layout *l, int n, double r)
{
    for (int k = 0; k < n; k++) {
        double t = -M_PI / 2 + 2 * M_PI * k / n;
        l->nodes[l->order[k]].cx = n > 1 ? r * cos(t) : 0;
        l->nodes[l->order[k]].cy = n > 1 ? r * sin(t) : 0;
    }
}

static bool any_overlap(const struct network_layout *l, int n)
{
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (overlap(&l->nodes[i], &l->nodes[j]))
                return true;
    return false;
}

/* The smallest radius, in steps of 5 %, at which no two nodes overlap. */
static void place_on_circle(struct network_layout *l, int n)
{
    double around = 0, widest = 0;
    for (int i = 0; i < n; i++) {
        around += l->nodes[i].h + NETWORK_GAP;
        widest = fmax(widest, l->nodes[i].w);
    }
    double r = fmax(around / (2 * M_PI), widest / 2);
    place(l, n, r);
    while (any_overlap(l, n)) {
        r *= 1.05;
        place(l, n, r);
    }
}

/* Where edge j's curve bends: its control point; *mid gets its middle. */
static void edge_curve(const struct network_picture *p, const struct network_layout *l, int j,
                       double ctl[2], double mid[2])
{
    const struct network_edge *e = &p->edges[j];
    int k = 0, cnt = 0;
    int lo = e->from < e->to ? e->from : e->to, hi = e->from < e->to ? e->to : e->from;
    for (int i = 0; i < p->nedges; i++) {
        const struct network_edge *o = &p->edges[i];
        if ((o->from == lo && o->to == hi) || (o->from == hi && o->to == lo))
            k += i < j, cnt++;
    }
    const struct network_box *a = &l->nodes[lo], *b = &l->nodes[hi];
    double dx = b->cx - a->cx, dy = b->cy - a->cy, len = hypot(dx, dy);
    double nx = len > 0 ? -dy / len : 0, ny = len > 0 ? dx / len : 1;
    double off = (k - (cnt - 1) / 2.0) * PARALLEL;
    mid[0] = (a->cx + b->cx) / 2 + off * nx;
    mid[1] = (a->cy + b->cy) / 2 + off * ny;
    ctl[0] = (a->cx + b->cx) / 2 + 2 * off * nx;
    ctl[1] = (a->cy + b->cy) / 2 + 2 * off * ny;
}

static void place_labels(const struct network_picture *p, struct network_layout *l)
{
    for (int j = 0; j < p->nedges; j++) {
        double ctl[2], mid[2];
        edge_curve(p, l, j, ctl, mid);
        double w = SMALL_W * (double)chars(p->edges[j].label, 64, NULL) + 8;
        l->labels[j] = (struct network_box){mid[0], mid[1], w, LABEL_H};
    }
}

/* The legend's width and rows: items of the kinds present, in rows no
 * wider than width. */
static double legend_item_w(const struct network_picture *p, int k)
{
    return 30 + SMALL_W * (double)chars(p->kind_labels[k], 64, NULL) + 16;
}

static bool kind_present(const struct network_picture *p, int k)
{
    for (int i = 0; i < p->nnodes; i++)
        if (p->nodes[i].kind == k)
            return true;
    return false;
}

static int legend_rows(const struct network_picture *p, double width)
{
    int rows = 0;
    double x = width;
    for (int k = 0; k < p->nkinds; k++) {
        if (!kind_present(p, k))
            continue;
        if (x + legend_item_w(p, k) > width || rows == 0)
            rows++, x = 0;
        x += legend_item_w(p, k);
    }
    return rows;
}

/* Moves everything so that the top left corner is (MARGIN, MARGIN), and
 * makes room for the legend below. */
static void fit(const struct network_picture *p, struct network_layout *l)
{
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (int i = 0; i < p->nnodes + p->nedges; i++) {
        const struct network_box *b = i < p->nnodes ? &l->nodes[i] : &l->labels[i - p->nnodes];
        x0 = fmin(x0, b->cx - b->w / 2), x1 = fmax(x1, b->cx + b->w / 2);
        y0 = fmin(y0, b->cy - b->h / 2), y1 = fmax(y1, b->cy + b->h / 2);
    }
    for (int i = 0; i < p->nnodes + p->nedges; i++) {
        struct network_box *b = i < p->nnodes ? &l->nodes[i] : &l->labels[i - p->nnodes];
        b->cx += MARGIN - x0;
        b->cy += MARGIN - y0;
    }
    double widest = 0;
    for (int k = 0; k < p->nkinds; k++)
        if (kind_present(p, k))
            widest = fmax(widest, legend_item_w(p, k));
    l->width = ceil(fmax(x1 - x0, widest) + 2 * MARGIN);
    l->height = ceil(y1 - y0 + 2 * MARGIN + 8 + LEGEND_ROW * legend_rows(p, l->width - 2 * MARGIN));
}

void network_layout(const struct network_picture *p, struct network_layout *out)
{
    int n = p->nnodes;
    *out = (struct network_layout){
        .nodes = xcalloc((size_t)n + 1, sizeof *out->nodes),
        .labels = xcalloc((size_t)p->nedges + 1, sizeof *out->labels),
        .order = xcalloc((size_t)n + 1, sizeof *out->order),
    };
    for (int i = 0; i < n; i++) {
        out->nodes[i] = node_box(&p->nodes[i]);
        out->order[i] = i;
    }
    out->crossings = reduce_crossings(p, out->order);
    place_on_circle(out, n);
    place_labels(p, out);
    fit(p, out);
}

void network_layout_free(struct network_layout *l)
{
    free(l->nodes);
    free(l->labels);
    free(l->order);
    *l = (struct network_layout){0};
}

/* ---- SVG ---------------------------------------------------------------------- */

static int px(double v)
{
    return (int)lround(v);
}

/* The shape of kind (its shape index) filling box b. */
static void write_shape(struct buf *b, const struct network_box *x, int shape)
{
    int l = px(x->cx - x->w / 2), t = px(x->cy - x->h / 2), w = px(x->w), h = px(x->h);
    int r = l + w, bo = t + h, cy = px(x->cy);
    switch (shape) {
    case 0:
        html_fmt(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"", l, t, w, h);
        break;
    case 1:
        html_fmt(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"%d\"", l, t, w, h,
                 h / 2);
        break;
    case 2:
        html_fmt(b, "<ellipse cx=\"%d\" cy=\"%d\" rx=\"%d\" ry=\"%d\"", px(x->cx), cy, w / 2,
                 h / 2);
        break;
    case 3:
        html_fmt(b, "<polygon points=\"%d,%d %d,%d %d,%d %d,%d %d,%d %d,%d\"", l, cy, l + h / 2, t,
                 r - h / 2, t, r, cy, r - h / 2, bo, l + h / 2, bo);
        break;
    default:
        html_fmt(b, "<polygon points=\"%d,%d %d,%d %d,%d %d,%d %d,%d %d,%d %d,%d %d,%d\"", l + 8, t,
                 r - 8, t, r, t + 8, r, bo - 8, r - 8, bo, l + 8, bo, l, bo - 8, l, t + 8);
    }
    html_fmt(b, " fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>", fills[shape], strokes[shape]);
}

/* Text centred on (x, y), fitted to width; cut after NETWORK_LABEL_MAX
 * characters with an ellipsis. */
static void write_text(struct buf *b, double x, double y, double width, int size, const char *s)
{
    size_t bytes;
    bool cut = chars(s, NETWORK_LABEL_MAX, &bytes) > NETWORK_LABEL_MAX;
    html_fmt(b,
             "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" dominant-baseline=\"central\" "
             "font-family=\"sans-serif\" font-size=\"%d\" fill=\"#111111\" textLength=\"%d\" "
             "lengthAdjust=\"spacingAndGlyphs\">",
             px(x), px(y), size, px(width));
    struct buf t = BUF_INIT;
    buf_append(&t, s ? s : "", cut ? bytes : strlen(s ? s : ""));
    if (cut)
        buf_puts(&t, "\xe2\x80\xa6");
    html_text(b, buf_cstr(&t));
    buf_free(&t);
    html_raw_trusted(b, "</text>");
}

/* Where the line from box x's centre toward (tx, ty) leaves the box. */
static void clip(const struct network_box *x, double tx, double ty, double out[2])
{
    double dx = tx - x->cx, dy = ty - x->cy;
    double s =
        fmin(dx != 0 ? x->w / 2 / fabs(dx) : INFINITY, dy != 0 ? x->h / 2 / fabs(dy) : INFINITY);
    s = fmin(s, 1);
    out[0] = x->cx + s * dx;
    out[1] = x->cy + s * dy;
}

static void write_edge(struct buf *b, const struct network_picture *p,
                       const struct network_layout *l, int j)
{
    const struct network_edge *e = &p->edges[j];
    const struct network_box *from = &l->nodes[e->from], *to = &l->nodes[e->to];
    double ctl[2], mid[2], s[2], t[2];
    edge_curve(p, l, j, ctl, mid);
    bool bent = fabs(ctl[0] - mid[0]) + fabs(ctl[1] - mid[1]) > 0.5;
    clip(from, bent ? ctl[0] : to->cx, bent ? ctl[1] : to->cy, s);
    clip(to, bent ? ctl[0] : from->cx, bent ? ctl[1] : from->cy, t);
    html_raw_trusted(b, "<g class=\"edge\"><title>");
    html_fill(b, "%s %s %s", p->nodes[e->from].label, e->label, p->nodes[e->to].label, NULL);
    html_fmt(b,
             "</title><path d=\"M%d %dQ%d %d %d %d\" fill=\"none\" stroke=\"#444444\" "
             "stroke-width=\"1.5\"",
             px(s[0]), px(s[1]), px(ctl[0]), px(ctl[1]), px(t[0]), px(t[1]));
    if (e->ended)
        html_raw_trusted(b, " stroke-dasharray=\"6 4\"");
    if (e->directed)
        html_fmt(b, " marker-end=\"url(#%s-arrow)\"", p->id);
    html_raw_trusted(b, "/></g>\n");
}

/* Edge j's label, drawn over the nodes so that none hides it. */
static void write_edge_label(struct buf *b, const struct network_picture *p,
                             const struct network_layout *l, int j)
{
    const struct network_box *lb = &l->labels[j];
    html_fmt(b,
             "<g class=\"edge-label\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" "
             "fill=\"#ffffff\" "
             "fill-opacity=\"0.9\"/>",
             px(lb->cx - lb->w / 2), px(lb->cy - lb->h / 2), px(lb->w), px(lb->h));
    write_text(b, lb->cx, lb->cy, lb->w - 8, 11, p->edges[j].label);
    html_raw_trusted(b, "</g>\n");
}

static void write_legend(struct buf *b, const struct network_picture *p,
                         const struct network_layout *l)
{
    double x = 0, y = l->height - MARGIN - LEGEND_ROW * legend_rows(p, l->width - 2 * MARGIN);
    bool first = true;
    html_raw_trusted(b, "<g class=\"legend\">");
    for (int k = 0; k < p->nkinds; k++) {
        if (!kind_present(p, k))
            continue;
        double w = legend_item_w(p, k);
        if (!first && x + w > l->width - 2 * MARGIN)
            x = 0, y += LEGEND_ROW;
        first = false;
        struct network_box sw = {MARGIN + x + 12, y + LEGEND_ROW / 2.0, 24, 16};
        write_shape(b, &sw, shape_of(k));
        double tw = SMALL_W * (double)chars(p->kind_labels[k], 64, NULL);
        html_fmt(b,
                 "<text x=\"%d\" y=\"%d\" dominant-baseline=\"central\" font-family=\"sans-serif\" "
                 "font-size=\"11\" fill=\"#111111\" textLength=\"%d\" "
                 "lengthAdjust=\"spacingAndGlyphs\">",
                 px(MARGIN + x + 30), px(sw.cy), px(tw));
        html_text(b, p->kind_labels[k]);
        html_raw_trusted(b, "</text>");
        x += w;
    }
    html_raw_trusted(b, "</g>\n");
}

void network_svg(struct buf *b, const struct network_picture *p)
{
    if (p->nnodes <= 0)
        return;
    struct network_layout l;
    network_layout(p, &l);
    html_fmt(b,
             "<svg class=\"network\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
             "width=\"%d\" height=\"%d\" role=\"img\" aria-labelledby=\"%s-title %s-desc\">\n",
             px(l.width), px(l.height), px(l.width), px(l.height), p->id, p->id);
    html_fmt(b, "<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>\n", p->id,
             p->title, p->id, p->desc ? p->desc : "");
    html_fmt(b,
             "<defs><marker id=\"%s-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
             "markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">"
             "<path d=\"M0 0L10 5L0 10z\" fill=\"#444444\"/></marker></defs>\n",
             p->id);
    html_raw_trusted(b, "<g class=\"edges\">\n");
    for (int j = 0; j < p->nedges; j++)
        write_edge(b, p, &l, j);
    html_raw_trusted(b, "</g>\n<g class=\"nodes\">\n");
    for (int i = 0; i < p->nnodes; i++) {
        html_raw_trusted(b, "<g class=\"node\">");
        write_shape(b, &l.nodes[i], shape_of(p->nodes[i].kind));
        write_text(b, l.nodes[i].cx, l.nodes[i].cy, text_width(&p->nodes[i]), 12,
                   p->nodes[i].label);
        html_raw_trusted(b, "</g>\n");
    }
    html_raw_trusted(b, "</g>\n<g class=\"edge-labels\">\n");
    for (int j = 0; j < p->nedges; j++)
        write_edge_label(b, p, &l, j);
    html_raw_trusted(b, "</g>\n");
    write_legend(b, p, &l);
    html_raw_trusted(b, "</svg>");
    network_layout_free(&l);
}
