/* Charts drawn by the server as inline SVG, for the transition monitor:
 * line charts (one series of values over labelled steps, quarters) and
 * horizontal bar charts (one value per labelled item, the buurten of a
 * wijk), each with its axes labelled, the unit on the value axis, an
 * accessible name and description, and the same data as an HTML table
 * beside the drawing, so that nobody needs the picture to read the figures.
 * A suppressed or missing value is a gap (no point, no bar) and a word in
 * the table, never a zero.
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
#define CHART_HEIGHT 240       /* of a line chart */
#define CHART_BAR_ROW 20       /* what each bar adds to a bar chart's height */
#define CHART_BAR_LABEL_MAX 28 /* characters of a bar's label in the drawing */

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

/* One bar: its label (a buurt's name) and its value, or none. */
struct chart_bar {
    const char *label;
    double value;
    bool suppressed; /* no figure: no bar, the suppressed word at its place */
    bool marked;     /* singled out (a raised early warning): a hatched, outlined
                        bar and the marker word after the label */
};

/* A horizontal bar chart: the fields mean what struct chart's do, with
 * x_label naming the items (the first column, "Buurt") and y_label the
 * value axis (the second column). */
struct chart_bars {
    const char *id;         /* unique on the page, [a-z0-9-]; ids id-t, id-d, id-c derive from it */
    const char *lang;       /* "nl" or "en": how numbers are written */
    const char *title;      /* the accessible name and the table's caption */
    const char *desc;       /* one sentence describing what is drawn; NULL: none */
    const char *x_label;    /* what the bars are, and the first column ("Buurt") */
    const char *y_label;    /* the value axis and the second column ("Activation") */
    const char *unit;       /* after y_label in brackets; NULL: none */
    const char *suppressed; /* written for a suppressed value ("not shown") */
    const char *marker;     /* in brackets after a marked label ("warning"); NULL: "*" */
    int decimals;           /* 0..6, for the table and the tick labels */
    const struct chart_bar *bars;
    int n; /* 0 is allowed: the axis and an empty table */
};

/* Writes the bars as chart_svg writes a line (same role, title, desc and
 * ids): one row per bar, its label at the left (cut with an ellipsis to
 * CHART_BAR_LABEL_MAX characters, the marker always whole) and the bar from
 * zero to its value, with a <title> holding the whole label and the value;
 * a marked bar hatched and outlined; a suppressed (or non-finite) value as
 * the suppressed word at the bar's place, no bar. Below the rows the value
 * axis from 0 (or the lowest value when one is negative) to a round maximum
 * with its ticks, their numbers and the y_label with its unit. The drawing
 * is CHART_WIDTH wide and grows by CHART_BAR_ROW per bar. */
void chart_bars_svg(struct buf *b, const struct chart_bars *c);

/* Writes the table as chart_table does, one row per bar: the whole label
 * (with the marker in brackets when marked) and the value or the
 * suppressed word. */
void chart_bars_table(struct buf *b, const struct chart_bars *c);

/* Both, side by side, in the same boxes as chart_write. */
void chart_bars_write(struct buf *b, const struct chart_bars *c);

#endif
