/* Line charts drawn by the server as inline SVG, for the transition monitor:
 * one series of values over labelled steps (quarters), with both axes
 * labelled, the unit on the value axis, an accessible name and description,
 * and the same data as an HTML table beside the drawing, so that nobody
 * needs the picture to read the figures. A suppressed or missing value is a
 * gap in the line and a word in the table, never a zero.
 *
 * Every text (title, description, labels, the word for a suppressed value)
 * comes from the caller already translated; this module escapes it. Numbers
 * are written with render/number.h in the chart's language, coordinates
 * from integers, so no locale is consulted. */
#ifndef WIJK_RENDER_CHART_H
#define WIJK_RENDER_CHART_H

#include <stdbool.h>

#include "core/buf.h"

#define CHART_WIDTH 480
#define CHART_HEIGHT 240

/* One step of the series: its label on the x axis and in the table's row
 * header ("2025 K3"), and its value, or none. */
struct chart_point {
    const char *label;
    double value;
    bool suppressed; /* no figure: a gap in the line, `suppressed` in the table */
};

struct chart {
    const char *id;         /* unique on the page, [a-z0-9-]; ids id-t, id-d, id-c derive from it */
    const char *lang;       /* "nl" or "en": how numbers are written */
    const char *title;      /* the accessible name and the table's caption */
    const char *desc;       /* one sentence describing what is drawn; NULL: none */
    const char *x_label;    /* the x axis and the first column ("Quarter") */
    const char *y_label;    /* the value axis and the second column ("Activation") */
    const char *unit;       /* the unit, after y_label in brackets ("per 1,000"); NULL: none */
    const char *suppressed; /* written in the table for a suppressed value ("not shown") */
    int decimals;           /* 0..6, for the table and the tick labels */
    const struct chart_point *pts;
    int n; /* 0 is allowed: the axes and an empty table */
};

/* Writes <svg role="img" aria-labelledby="id-t" aria-describedby="id-d">
 * with <title id="id-t"> and <desc id="id-d"> (the description, or the
 * title when there is none), a value axis from 0 (or the lowest value when
 * a value is negative) to a round maximum with five ticks and their
 * numbers, the y_label with its unit, the x labels (thinned so that at most
 * eight are written) and the x_label, and the line: one path whose
 * sub-paths break at every suppressed point, with a marker per value.
 * Non-finite values are treated as suppressed. */
void chart_svg(struct buf *b, const struct chart *c);

/* Writes <table> with <caption id="id-c"> (the title), a header row
 * (x_label, y_label with its unit) and one row per point: the label as a row
 * header, the value with c->decimals in the chart's language or the
 * suppressed word, in a cell of class "num". */
void chart_table(struct buf *b, const struct chart *c);

/* Both, side by side: <div class="chart" id="id"> holding the drawing in a
 * <figure class="chart-figure"> and the table in a <section
 * class="table-scroll" tabindex="0" aria-labelledby="id-c"> (a box that
 * scrolls a wide table must be reachable by keyboard). */
void chart_write(struct buf *b, const struct chart *c);

#endif
