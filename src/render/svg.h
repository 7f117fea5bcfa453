/* Area outlines as inline SVG: a GeoJSON Polygon or MultiPolygon (WGS84
 * lon/lat) drawn into a fixed viewBox, for the area pages. Only numbers from
 * the geometry reach the output; text goes through html_text/html_attr. */
#ifndef WIJK_RENDER_SVG_H
#define WIJK_RENDER_SVG_H

#include <stdbool.h>

#include "core/buf.h"

#define SVG_WIDTH 400
#define SVG_HEIGHT 300
#define SVG_PADDING 10

struct svg_map {
    const char *id;              /* id of the <title>, unique on the page */
    const char *title;           /* accessible name, e.g. "Outline of Centrum" */
    const char *outline;         /* the area's GeoJSON geometry text, or NULL */
    const char *const *children; /* its children's geometries (entries may be NULL) */
    int nchildren;
};

/* Writes <svg role="img" aria-labelledby="id"><title id="id">title</title>
 * <path .../>...</svg>: the outline filled, each child's outline drawn on
 * top. Longitudes are scaled by cos(mean latitude) so shapes keep their
 * proportions; everything is fitted, centred, into a viewBox of SVG_WIDTH x
 * SVG_HEIGHT with SVG_PADDING on each side, north up.
 *
 * Accepts Polygon and MultiPolygon geometries (or a Feature holding one).
 * Malformed input is skipped piece by piece: text that is not JSON, other
 * geometry types, rings with fewer than three valid positions, positions that
 * are not two finite numbers within [-180, 180] x [-90, 90]. Returns false,
 * writing nothing, when nothing drawable is left. */
bool svg_map(struct buf *b, const struct svg_map *m);

/* svg_map in two steps, for a caller that draws the same geometry many
 * times (the area page keeps the drawing with its data): svg_map_drawing
 * writes only the <path> elements, from the geometry alone (m->id and
 * m->title are not used), and returns false, writing nothing, when nothing
 * is drawable; svg_map_frame writes the <svg> element with its <title>
 * around such a drawing. The two together write exactly what svg_map
 * writes. */
bool svg_map_drawing(struct buf *b, const struct svg_map *m);
void svg_map_frame(struct buf *b, const struct svg_map *m, const char *drawing);

#endif
