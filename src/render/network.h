/* The arena's network picture: actors as nodes, relations as labelled
 * edges, drawn as inline SVG with a layout of this program's own (no
 * Graphviz: DESIGN.md names libgvc as optional, and a circle needs none).
 *
 * The layout is deterministic. Nodes sit on a circle in the order given
 * (the caller groups them by kind), improved by swapping neighbours on the
 * circle while that lowers the number of crossing edges; the radius is the
 * smallest (in steps of 5 %) at which no two nodes, with a gap of
 * NETWORK_GAP between them, overlap. Each node's label is drawn with
 * textLength set to the width its box was made for, so it never runs out
 * of its box; long labels are cut with an ellipsis (the full name is in the
 * table that goes with the picture). Several relations between the same two
 * actors are drawn as curves side by side, each labelled at its middle.
 * The picture's size follows from the layout: its viewBox holds every
 * node, every edge label and the legend.
 *
 * Node kinds differ in colour AND shape (rectangle, rounded rectangle,
 * ellipse, hexagon, octagon), so colour is never the only difference; a
 * legend names them. Edges of relations that have ended are dashed, and
 * directed relations end in an arrow. The SVG has role="img" and
 * aria-labelledby naming its <title> and <desc>; each edge group has a
 * <title> "<from> <relation> <to>". Every text is escaped (render/html.h);
 * only numbers come from the layout. */
#ifndef WIJK_RENDER_NETWORK_H
#define WIJK_RENDER_NETWORK_H

#include <stdbool.h>

#include "core/buf.h"

enum {
    NETWORK_SHAPES = 5,     /* kinds beyond this reuse the shapes in turn */
    NETWORK_LABEL_MAX = 32, /* characters of a node label shown */
    NETWORK_GAP = 56,       /* px between node boxes at least: room for an edge's label */
};

struct network_node {
    const char *label; /* the actor's name */
    int kind;          /* index into the picture's kind_labels */
};

struct network_edge {
    int from, to;      /* indexes into nodes */
    const char *label; /* the relation in words ("funds") */
    bool directed;     /* drawn with an arrow at to */
    bool ended;        /* drawn dashed */
};

struct network_picture {
    const char *id;    /* prefix of the ids in the SVG, unique on the page */
    const char *title; /* accessible name */
    const char *desc;  /* accessible description */
    const struct network_node *nodes;
    int nnodes;
    const struct network_edge *edges;
    int nedges;
    const char *const *kind_labels; /* the legend, one per kind */
    int nkinds;
};

/* A box: its centre and size, in the picture's coordinates. */
struct network_box {
    double cx, cy, w, h;
};

/* The layout of a picture: nodes[i] is node i's outer box (its shape lies
 * inside), labels[j] edge j's label box; the picture is width x height
 * with the origin at its top left corner. Free with network_layout_free. */
struct network_layout {
    struct network_box *nodes;
    struct network_box *labels;
    int *order; /* the nodes around the circle, clockwise from the top */
    double width, height;
    int crossings; /* pairs of edges that cross, as laid out */
};

/* Lays p out as described at the top. Never fails (allocation failure
 * aborts). */
void network_layout(const struct network_picture *p, struct network_layout *out);
void network_layout_free(struct network_layout *l);

/* The number of pairs of edges (without a shared end) that cross when the
 * nodes sit around a circle in order (order[k] = the node at place k). */
int network_crossings(const struct network_picture *p, const int *order);

/* Writes the picture as one <svg> element. An empty picture (no nodes)
 * writes nothing. */
void network_svg(struct buf *b, const struct network_picture *p);

#endif
