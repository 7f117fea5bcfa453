/* Area outlines as inline SVG (see svg.h). Each geometry is parsed with
 * jansson and walked twice: once for the bounding box of every valid ring,
 * once to write the rings as path data. Coordinates are written from
 * integers (tenths of a viewBox unit), never through a locale. */
#include "render/svg.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "render/html.h"

struct bbox {
    double min_lon, min_lat, max_lon, max_lat;
    bool any;
};

/* The mapping from lon/lat to viewBox units. */
struct proj {
    double k; /* cos(mean latitude) */
    double scale;
    double x0, y0; /* viewBox position of (min_lon * k, max_lat) */
    double min_x, max_lat;
};

struct path_out {
    struct buf *b;
    const struct proj *pr;
};

typedef void (*ring_fn)(json_t *ring, void *ctx);

static bool position(json_t *pt, double *lon, double *lat)
{
    if (!json_is_array(pt) || json_array_size(pt) < 2)
        return false;
    json_t *x = json_array_get(pt, 0), *y = json_array_get(pt, 1);
    if (!json_is_number(x) || !json_is_number(y))
        return false;
    *lon = json_number_value(x);
    *lat = json_number_value(y);
    return isfinite(*lon) && isfinite(*lat) && fabs(*lon) <= 180 && fabs(*lat) <= 90;
}

/* A ring is drawn only when all its positions are valid and there are at
 * least three: one bad position would distort the whole shape. */
static bool ring_valid(json_t *ring)
{
    if (!json_is_array(ring) || json_array_size(ring) < 3)
        return false;
    size_t i;
    json_t *pt;
    double lon, lat;
    json_array_foreach(ring, i, pt)
    {
        if (!position(pt, &lon, &lat))
            return false;
    }
    return true;
}

static void polygon_rings(json_t *rings, ring_fn fn, void *ctx)
{
    size_t i;
    json_t *ring;
    if (!json_is_array(rings))
        return;
    json_array_foreach(rings, i, ring)
    {
        if (ring_valid(ring))
            fn(ring, ctx);
    }
}

/* Calls fn for every valid ring of a Polygon, MultiPolygon or a Feature
 * holding one; anything else has no rings. */
static void for_each_ring(json_t *geom, ring_fn fn, void *ctx)
{
    const char *type = json_string_value(json_object_get(geom, "type"));
    if (!type)
        return;
    if (strcmp(type, "Feature") == 0) {
        json_t *inner = json_object_get(geom, "geometry");
        const char *itype = json_string_value(json_object_get(inner, "type"));
        if (itype && strcmp(itype, "Feature") != 0)
            for_each_ring(inner, fn, ctx);
        return;
    }
    json_t *coords = json_object_get(geom, "coordinates");
    if (strcmp(type, "Polygon") == 0) {
        polygon_rings(coords, fn, ctx);
    } else if (strcmp(type, "MultiPolygon") == 0 && json_is_array(coords)) {
        size_t i;
        json_t *poly;
        json_array_foreach(coords, i, poly) polygon_rings(poly, fn, ctx);
    }
}

static void extend_box(json_t *ring, void *ctx)
{
    struct bbox *bb = ctx;
    size_t i;
    json_t *pt;
    double lon, lat;
    json_array_foreach(ring, i, pt)
    {
        position(pt, &lon, &lat);
        if (!bb->any) {
            *bb = (struct bbox){lon, lat, lon, lat, true};
            continue;
        }
        bb->min_lon = fmin(bb->min_lon, lon);
        bb->max_lon = fmax(bb->max_lon, lon);
        bb->min_lat = fmin(bb->min_lat, lat);
        bb->max_lat = fmax(bb->max_lat, lat);
    }
}

/* Fits the box into the viewBox, centred; false for a box without area. */
static bool fit(const struct bbox *bb, struct proj *pr)
{
    const double pi = 3.14159265358979323846;
    pr->k = cos((bb->min_lat + bb->max_lat) / 2 * pi / 180);
    double w = (bb->max_lon - bb->min_lon) * pr->k, h = bb->max_lat - bb->min_lat;
    if (!(w > 0) || !(h > 0))
        return false;
    double sx = (SVG_WIDTH - 2 * SVG_PADDING) / w, sy = (SVG_HEIGHT - 2 * SVG_PADDING) / h;
    pr->scale = fmin(sx, sy);
    pr->x0 = (SVG_WIDTH - w * pr->scale) / 2;
    pr->y0 = (SVG_HEIGHT - h * pr->scale) / 2;
    pr->min_x = bb->min_lon * pr->k;
    pr->max_lat = bb->max_lat;
    return true;
}

/* Tenths of a viewBox unit, clamped into the viewBox. */
static long tenths(double v, double limit)
{
    return lround(fmin(fmax(v, 0), limit) * 10);
}

/* Points closer than this to the last one written are dropped (in tenths
 * of a unit): detail finer than half a unit of a 400-unit-wide drawing is
 * invisible, and real boundaries have thousands of such points. */
#define MIN_STEP 5

/* Writes cmd and the point x y (tenths, not negative) as "M12.3 4.5":
 * built in a local array and written with one append, where a printf per
 * point would cost more than everything else about it. */
static void put_point(struct buf *b, char cmd, long x, long y)
{
    char tmp[48];
    char *p = tmp + sizeof tmp;
    for (int i = 0; i < 2; i++) {
        long v = i == 0 ? y : x;
        *--p = (char)('0' + v % 10);
        *--p = '.';
        v /= 10;
        do {
            *--p = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        if (i == 0)
            *--p = ' ';
    }
    *--p = cmd;
    buf_append(b, p, (size_t)(tmp + sizeof tmp - p));
}

static void write_ring(json_t *ring, void *ctx)
{
    struct path_out *po = ctx;
    const struct proj *pr = po->pr;
    size_t i, last = json_array_size(ring) - 1;
    json_t *pt;
    double lon, lat;
    long px = 0, py = 0;
    json_array_foreach(ring, i, pt)
    {
        position(pt, &lon, &lat);
        long x = tenths(pr->x0 + (lon * pr->k - pr->min_x) * pr->scale, SVG_WIDTH);
        long y = tenths(pr->y0 + (pr->max_lat - lat) * pr->scale, SVG_HEIGHT);
        if (i > 0 && i < last && labs(x - px) + labs(y - py) < MIN_STEP)
            continue;
        put_point(po->b, i == 0 ? 'M' : 'L', x, y);
        px = x;
        py = y;
    }
    buf_putc(po->b, 'Z');
}

static void count_ring(json_t *ring, void *ctx)
{
    (void)ring;
    (*(int *)ctx)++;
}

static void write_path(struct buf *b, json_t *geom, const char *cls, const struct proj *pr)
{
    int rings = 0;
    for_each_ring(geom, count_ring, &rings);
    if (!rings)
        return;
    struct path_out po = {b, pr};
    html_fmt(b, "<path class=\"%s\" fill-rule=\"evenodd\" d=\"", cls);
    for_each_ring(geom, write_ring, &po);
    html_raw_trusted(b, "\"/>");
}

bool svg_map_drawing(struct buf *b, const struct svg_map *m)
{
    int n = 1 + (m->nchildren > 0 ? m->nchildren : 0);
    json_t **geoms = xcalloc((size_t)n, sizeof *geoms);
    struct bbox bb = {0};
    for (int i = 0; i < n; i++) {
        const char *text = i == 0 ? m->outline : m->children[i - 1];
        geoms[i] = text ? json_loads(text, 0, NULL) : NULL;
        if (geoms[i])
            for_each_ring(geoms[i], extend_box, &bb);
    }
    struct proj pr;
    bool drawn = bb.any && fit(&bb, &pr);
    if (drawn) {
        /* Children are outlined on top of their parent, or filled like
         * an area themselves when the parent has no outline. */
        int parent = 0;
        if (geoms[0])
            for_each_ring(geoms[0], count_ring, &parent);
        for (int i = 0; i < n; i++)
            write_path(b, geoms[i], i == 0 || !parent ? "map-area" : "map-child", &pr);
    }
    for (int i = 0; i < n; i++)
        json_decref(geoms[i]);
    free(geoms);
    return drawn;
}

void svg_map_frame(struct buf *b, const struct svg_map *m, const char *drawing)
{
    html_raw_trusted(b, "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\"");
    html_fmt(b, " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\"", SVG_WIDTH, SVG_HEIGHT,
             SVG_WIDTH, SVG_HEIGHT);
    html_fmt(b, " role=\"img\" aria-labelledby=\"%s\"><title id=\"%s\">%s</title>", m->id, m->id,
             m->title);
    html_raw_trusted(b, drawing); /* path elements of svg_map_drawing: numbers only */
    html_raw_trusted(b, "</svg>");
}

bool svg_map(struct buf *b, const struct svg_map *m)
{
    struct buf drawing = BUF_INIT;
    bool drawn = svg_map_drawing(&drawing, m);
    if (drawn)
        svg_map_frame(b, m, buf_cstr(&drawing));
    buf_free(&drawing);
    return drawn;
}
