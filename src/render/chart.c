/* Line and bar charts as inline SVG with their data table (see chart.h).
 * The value axis runs over round numbers (steps of 1, 2, 2.5 or 5 times a
 * power of ten) so that its tick labels read well; coordinates are written
 * in tenths of a viewBox unit from integers. Colours are presentation
 * attributes, so the drawing looks right without the stylesheet and under a
 * CSP that forbids inline style. Both kinds share the frame of the drawing,
 * the value axis, the accessible name and the table; only what is drawn on
 * the plot differs. */
#include "render/chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "render/html.h"
#include "render/number.h"

/* The plot area of a line chart inside the viewBox: room on the left for
 * tick numbers, at the top for the value axis' label, at the bottom for the
 * step labels and the x axis' label. */
#define PLOT_LEFT 56
#define PLOT_RIGHT (CHART_WIDTH - 16)
#define PLOT_TOP 28
#define PLOT_BOTTOM (CHART_HEIGHT - 44)
#define MAX_X_LABELS 8

/* A bar chart: the labels end at BAR_LABEL_X, the rows start at BAR_TOP
 * (below the items' name), the tick numbers and the axis' label take
 * BAR_FOOT below the rows; the right margin holds half a tick number. */
#define BAR_LABEL_X 200
#define BAR_TOP 24
#define BAR_THICK 14
#define BAR_FOOT 44
#define BAR_MIN_LABEL 8 /* characters of a marked label kept before its marker */

#define INK "#1b1b1b"
#define GRID "#8a8a8a"
#define LINE "#1d4d3a"

/* The viewBox and the plot area inside it. */
struct frame {
    int width, height;
    int left, right, top, bottom;
};

static const struct frame LINE_FRAME = {CHART_WIDTH, CHART_HEIGHT, PLOT_LEFT,
                                        PLOT_RIGHT,  PLOT_TOP,     PLOT_BOTTOM};

/* What both kinds of chart say around their data: struct chart and struct
 * chart_bars name these fields alike. */
struct words {
    const char *id, *lang, *title, *desc, *x_label, *y_label, *unit, *suppressed;
    int decimals;
};
#define WORDS_OF(c)                                                                                \
    ((struct words){(c)->id, (c)->lang, (c)->title, (c)->desc, (c)->x_label, (c)->y_label,         \
                    (c)->unit, (c)->suppressed, (c)->decimals})

/* The value axis: from lo to hi in steps of step, numbers with decimals. */
struct scale {
    double lo, hi, step;
    int decimals;
};

static bool shown(double value, bool suppressed)
{
    return !suppressed && isfinite(value);
}

/* Widens [*lo, *hi] to hold value when it is shown. */
static void widen(double *lo, double *hi, double value, bool suppressed)
{
    if (!shown(value, suppressed))
        return;
    *lo = fmin(*lo, value);
    *hi = fmax(*hi, value);
}

/* The smallest of 1, 2, 2.5, 5 times a power of ten that is >= raw. */
static double nice_step(double raw)
{
    double p = pow(10, floor(log10(raw)));
    static const double mult[] = {1, 2, 2.5, 5, 10};
    for (size_t i = 0; i < sizeof mult / sizeof mult[0]; i++)
        if (mult[i] * p >= raw * (1 - 1e-9))
            return mult[i] * p;
    return 10 * p;
}

/* Decimals a tick label needs so that step is written exactly (at most 3),
 * and never fewer than the chart's own. */
static int step_decimals(double step, int decimals)
{
    int d = 0;
    while (d < 3 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-6)
        d++;
    return d > decimals ? d : decimals;
}

/* A round axis over [lo, hi], which holds 0 (the callers start from 0). */
static struct scale make_scale(double lo, double hi, int decimals)
{
    if (!(hi > lo))
        hi = lo + 1;
    struct scale s;
    s.step = nice_step((hi - lo) / 4);
    s.lo = floor(lo / s.step + 1e-9) * s.step;
    s.hi = ceil(hi / s.step - 1e-9) * s.step;
    if (!(s.hi > s.lo))
        s.hi = s.lo + s.step;
    s.decimals = step_decimals(s.step, decimals < 0 ? 0 : decimals);
    return s;
}

/* Writes v (viewBox units, clamped into [0, limit]) as "12.3": built in a
 * local array and appended once, since a page of sixteen charts writes a
 * few thousand of them and a printf each would cost more than the rest. */
static void coord(struct buf *b, double v, int limit)
{
    long t = lround(fmin(fmax(v, 0), limit) * 10);
    char tmp[24], *p = tmp + sizeof tmp;
    *--p = (char)('0' + t % 10);
    *--p = '.';
    t /= 10;
    do {
        *--p = (char)('0' + t % 10);
        t /= 10;
    } while (t);
    buf_append(b, p, (size_t)(tmp + sizeof tmp - p));
}

/* v's place between from (at s->lo) and to (at s->hi). */
static double along(const struct scale *s, double v, double from, double to)
{
    return from + (v - s->lo) / (s->hi - s->lo) * (to - from);
}

static double x_of(int i, int n)
{
    if (n <= 1)
        return (PLOT_LEFT + PLOT_RIGHT) / 2.0;
    return PLOT_LEFT + (double)i * (PLOT_RIGHT - PLOT_LEFT) / (n - 1);
}

static void line_at(struct buf *b, const struct frame *f, double x1, double y1, double x2,
                    double y2, const char *stroke, const char *width)
{
    buf_puts(b, "<line x1=\"");
    coord(b, x1, f->width);
    buf_puts(b, "\" x2=\"");
    coord(b, x2, f->width);
    buf_puts(b, "\" y1=\"");
    coord(b, y1, f->height);
    buf_puts(b, "\" y2=\"");
    coord(b, y2, f->height);
    buf_printf(b, "\" stroke=\"%s\" stroke-width=\"%s\"/>", stroke, width);
}

/* The start tag of a <text> at (x, y) with an anchor. */
static void text_open(struct buf *b, const struct frame *f, double x, double y, const char *anchor)
{
    buf_puts(b, "<text x=\"");
    coord(b, x, f->width);
    buf_puts(b, "\" y=\"");
    coord(b, y, f->height);
    buf_printf(b, "\" text-anchor=\"%s\" font-size=\"12\" fill=\"" INK "\">", anchor);
}

/* <text> at (x, y) with an anchor; the text escaped. */
static void text_at(struct buf *b, const struct frame *f, double x, double y, const char *anchor,
                    const char *s)
{
    text_open(b, f, x, y, anchor);
    html_text(b, s);
    buf_puts(b, "</text>");
}

/* "Activation (per 1,000)", or the label alone; escaped. */
static void label_with_unit(struct buf *b, const struct words *w)
{
    html_text(b, w->y_label);
    if (w->unit && *w->unit) {
        buf_puts(b, " (");
        html_text(b, w->unit);
        buf_putc(b, ')');
    }
}

/* The value axis' ticks: a grid line and its number at every step, across
 * the plot from the left (a line chart: horizontal lines, numbers at the
 * left) or from the bottom (a bar chart: vertical lines, numbers below). */
static void ticks(struct buf *b, const struct words *w, const struct frame *f,
                  const struct scale *s, bool from_bottom)
{
    int n = (int)lround((s->hi - s->lo) / s->step);
    for (int i = 0; i <= n; i++) {
        double v = s->lo + i * s->step;
        struct buf num = BUF_INIT;
        number_write(&num, w->lang, v, s->decimals);
        if (from_bottom) {
            double x = along(s, v, f->left, f->right);
            line_at(b, f, x, f->top, x, f->bottom, GRID, "0.5");
            text_at(b, f, x, f->bottom + 14, "middle", buf_cstr(&num));
        } else {
            double y = along(s, v, f->bottom, f->top);
            line_at(b, f, f->left, y, f->right, y, GRID, i == 0 ? "1" : "0.5");
            text_at(b, f, f->left - 6, y + 4, "end", buf_cstr(&num));
        }
        buf_free(&num);
    }
}

/* <svg role="img"> with its accessible name and description. */
static void svg_open(struct buf *b, const struct words *w, const struct frame *f)
{
    buf_printf(b,
               "<svg class=\"chart-svg\" xmlns=\"http://www.w3.org/2000/svg\" "
               "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" ",
               f->width, f->height, f->width, f->height);
    html_fmt(b, "aria-labelledby=\"%s-t\" aria-describedby=\"%s-d\">", w->id, w->id);
    html_fmt(b, "<title id=\"%s-t\">%s</title>", w->id, w->title);
    html_fmt(b, "<desc id=\"%s-d\">%s</desc>", w->id, w->desc ? w->desc : w->title);
}

/* <table> with its caption and header row, up to the open <tbody>. */
static void table_open(struct buf *b, const struct words *w)
{
    html_fmt(b, "<table>\n<caption id=\"%s-c\">%s</caption>\n", w->id, w->title);
    html_fmt(b, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">", w->x_label);
    label_with_unit(b, w);
    buf_puts(b, "</th></tr></thead>\n<tbody>\n");
}

/* One row: the label (with the marker in brackets unless NULL) as a row
 * header, the value in the chart's language or the suppressed word. */
static void table_row(struct buf *b, const struct words *w, const char *label, const char *marker,
                      double value, bool suppressed)
{
    html_fmt(b, "<tr><th scope=\"row\">%s", label);
    if (marker)
        html_fmt(b, " (%s)", marker);
    buf_puts(b, "</th><td class=\"num\">");
    if (!shown(value, suppressed) || !number_write(b, w->lang, value, w->decimals))
        html_text(b, w->suppressed);
    buf_puts(b, "</td></tr>\n");
}

static const char TABLE_CLOSE[] = "</tbody>\n</table>\n";

/* ---- line charts -------------------------------------------------------- */

static bool point_shown(const struct chart_point *p)
{
    return shown(p->value, p->suppressed);
}

static void step_axis(struct buf *b, const struct chart *c)
{
    const struct frame *f = &LINE_FRAME;
    int stride = (c->n + MAX_X_LABELS - 1) / MAX_X_LABELS;
    line_at(b, f, PLOT_LEFT, PLOT_TOP, PLOT_LEFT, PLOT_BOTTOM, INK, "1");
    for (int i = 0; i < c->n; i += stride)
        text_at(b, f, x_of(i, c->n), PLOT_BOTTOM + 16, "middle", c->pts[i].label);
    text_at(b, f, (PLOT_LEFT + PLOT_RIGHT) / 2.0, CHART_HEIGHT - 6, "middle", c->x_label);
}

/* One path whose sub-paths restart after every unusable point, then a
 * marker on every value (a lone value between two gaps shows only so). */
static void series(struct buf *b, const struct chart *c, const struct scale *s)
{
    bool open = false, any = false;
    for (int i = 0; i < c->n; i++) {
        if (!point_shown(&c->pts[i])) {
            open = false;
            continue;
        }
        if (!any)
            buf_puts(b, "<path fill=\"none\" stroke=\"" LINE "\" stroke-width=\"2\" d=\"");
        any = true;
        buf_putc(b, open ? 'L' : 'M');
        coord(b, x_of(i, c->n), CHART_WIDTH);
        buf_putc(b, ' ');
        coord(b, along(s, c->pts[i].value, PLOT_BOTTOM, PLOT_TOP), CHART_HEIGHT);
        open = true;
    }
    if (any)
        buf_puts(b, "\"/>");
    for (int i = 0; i < c->n; i++) {
        if (!point_shown(&c->pts[i]))
            continue;
        buf_puts(b, "<circle r=\"3\" fill=\"" LINE "\" cx=\"");
        coord(b, x_of(i, c->n), CHART_WIDTH);
        buf_puts(b, "\" cy=\"");
        coord(b, along(s, c->pts[i].value, PLOT_BOTTOM, PLOT_TOP), CHART_HEIGHT);
        buf_puts(b, "\"/>");
    }
}

void chart_svg(struct buf *b, const struct chart *c)
{
    struct words w = WORDS_OF(c);
    double lo = 0, hi = 0;
    for (int i = 0; i < c->n; i++)
        widen(&lo, &hi, c->pts[i].value, c->pts[i].suppressed);
    struct scale s = make_scale(lo, hi, c->decimals);
    svg_open(b, &w, &LINE_FRAME);
    ticks(b, &w, &LINE_FRAME, &s, false);
    text_open(b, &LINE_FRAME, 4, 14, "start");
    label_with_unit(b, &w);
    buf_puts(b, "</text>");
    step_axis(b, c);
    series(b, c, &s);
    buf_puts(b, "</svg>");
}

void chart_table(struct buf *b, const struct chart *c)
{
    struct words w = WORDS_OF(c);
    table_open(b, &w);
    for (int i = 0; i < c->n; i++)
        table_row(b, &w, c->pts[i].label, NULL, c->pts[i].value, c->pts[i].suppressed);
    buf_puts(b, TABLE_CLOSE);
}

/* ---- bar charts --------------------------------------------------------- */

static struct frame bar_frame(int n)
{
    int bottom = BAR_TOP + (n > 0 ? n : 1) * CHART_BAR_ROW;
    return (struct frame){CHART_WIDTH,      bottom + BAR_FOOT, BAR_LABEL_X + 8,
                          CHART_WIDTH - 24, BAR_TOP,           bottom};
}

/* The marker of bar, or NULL when it is not marked. */
static const char *marker_of(const struct chart_bars *c, const struct chart_bar *bar)
{
    return bar->marked ? (c->marker ? c->marker : "*") : NULL;
}

/* label as drawn (plain text): cut to what is left of CHART_BAR_LABEL_MAX
 * characters after the marker (at least BAR_MIN_LABEL), ending with an
 * ellipsis when cut, then the marker in brackets. */
static void short_label(struct buf *out, const char *label, const char *marker)
{
    int room = CHART_BAR_LABEL_MAX;
    if (marker)
        room -= (int)utf8_count(marker, strlen(marker)) + 3;
    if (room < BAR_MIN_LABEL)
        room = BAR_MIN_LABEL;
    size_t len = strlen(label);
    if (utf8_count(label, len) <= (size_t)room) {
        buf_puts(out, label);
    } else {
        size_t cut = 0;
        for (int chars = 0; chars < room - 1; chars++)
            do
                cut++;
            while (cut < len && ((unsigned char)label[cut] & 0xC0) == 0x80);
        buf_append(out, label, cut);
        buf_puts(out, "\xe2\x80\xa6"); /* U+2026 HORIZONTAL ELLIPSIS */
    }
    if (marker)
        buf_printf(out, " (%s)", marker);
}

/* The whole label, the marker and the value or suppressed word: the
 * bar's <title>, escaped. */
static void bar_title(struct buf *b, const struct chart_bars *c, const struct chart_bar *bar)
{
    struct buf t = BUF_INIT;
    buf_puts(&t, bar->label);
    if (bar->marked)
        buf_printf(&t, " (%s)", marker_of(c, bar));
    buf_puts(&t, ": ");
    if (!shown(bar->value, bar->suppressed) || !number_write(&t, c->lang, bar->value, c->decimals))
        buf_puts(&t, c->suppressed);
    buf_puts(b, "<title>");
    html_text(b, buf_cstr(&t));
    buf_puts(b, "</title>");
    buf_free(&t);
}

/* The hatching of marked bars: diagonal stripes, so that a marked bar
 * differs by its pattern and outline, not by its colour alone. */
static void hatch_def(struct buf *b, const char *id)
{
    html_fmt(b,
             "<defs><pattern id=\"%s-h\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
             "patternTransform=\"rotate(45)\">",
             id);
    buf_puts(b, "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" "
                "x2=\"0\" y2=\"6\" stroke=\"" LINE "\" stroke-width=\"4\"/></pattern></defs>");
}

/* Row i: the label, then the bar from zero to the value (at least one unit
 * wide, so that a zero shows), or the suppressed word where it would be. */
static void bar_row(struct buf *b, const struct chart_bars *c, const struct frame *f,
                    const struct scale *s, int i)
{
    const struct chart_bar *bar = &c->bars[i];
    double y = BAR_TOP + (double)i * CHART_BAR_ROW, zero = along(s, 0, f->left, f->right);
    struct buf label = BUF_INIT;
    short_label(&label, bar->label, marker_of(c, bar));
    buf_puts(b, "<g>");
    bar_title(b, c, bar);
    text_at(b, f, BAR_LABEL_X, y + 14, "end", buf_cstr(&label));
    buf_free(&label);
    if (!shown(bar->value, bar->suppressed)) {
        text_at(b, f, zero + 4, y + 14, "start", c->suppressed);
        buf_puts(b, "</g>");
        return;
    }
    double end = along(s, bar->value, f->left, f->right);
    buf_puts(b, "<rect x=\"");
    coord(b, fmin(zero, end), f->width);
    buf_puts(b, "\" y=\"");
    coord(b, y + (CHART_BAR_ROW - BAR_THICK) / 2.0, f->height);
    buf_puts(b, "\" width=\"");
    coord(b, fmax(fabs(end - zero), 1), f->width);
    buf_printf(b, "\" height=\"%d\" ", BAR_THICK);
    if (bar->marked)
        html_fmt(b, "fill=\"url(#%s-h)\" stroke=\"" INK "\" stroke-width=\"2\"/>", c->id);
    else
        buf_puts(b, "fill=\"" LINE "\"/>");
    buf_puts(b, "</g>");
}

void chart_bars_svg(struct buf *b, const struct chart_bars *c)
{
    struct words w = WORDS_OF(c);
    struct frame f = bar_frame(c->n);
    double lo = 0, hi = 0;
    bool marked = false;
    for (int i = 0; i < c->n; i++) {
        widen(&lo, &hi, c->bars[i].value, c->bars[i].suppressed);
        marked = marked || c->bars[i].marked;
    }
    struct scale s = make_scale(lo, hi, c->decimals);
    svg_open(b, &w, &f);
    if (marked)
        hatch_def(b, c->id);
    ticks(b, &w, &f, &s, true);
    double zero = along(&s, 0, f.left, f.right);
    line_at(b, &f, zero, f.top, zero, f.bottom, INK, "1");
    text_at(b, &f, BAR_LABEL_X, 16, "end", c->x_label);
    for (int i = 0; i < c->n; i++)
        bar_row(b, c, &f, &s, i);
    text_open(b, &f, CHART_WIDTH / 2.0, f.height - 8, "middle");
    label_with_unit(b, &w);
    buf_puts(b, "</text></svg>");
}

void chart_bars_table(struct buf *b, const struct chart_bars *c)
{
    struct words w = WORDS_OF(c);
    table_open(b, &w);
    for (int i = 0; i < c->n; i++) {
        const struct chart_bar *bar = &c->bars[i];
        table_row(b, &w, bar->label, marker_of(c, bar), bar->value, bar->suppressed);
    }
    buf_puts(b, TABLE_CLOSE);
}

/* ---- either, with its table beside it ----------------------------------- */

/* The drawing and its table of a line chart or (line NULL) of a bar chart:
 * a <div class="chart"> with the drawing in a <figure> and the table in a
 * box that scrolls a table too wide for it (keyboard users reach it by
 * tab). */
static void beside(struct buf *b, const struct chart *line, const struct chart_bars *bars)
{
    const char *id = line ? line->id : bars->id;
    html_fmt(b, "<div class=\"chart\" id=\"%s\">\n<figure class=\"chart-figure\">", id);
    if (line)
        chart_svg(b, line);
    else
        chart_bars_svg(b, bars);
    html_fmt(
        b, "</figure>\n<section class=\"table-scroll\" tabindex=\"0\" aria-labelledby=\"%s-c\">\n",
        id);
    if (line)
        chart_table(b, line);
    else
        chart_bars_table(b, bars);
    buf_puts(b, "</section>\n</div>\n");
}

void chart_write(struct buf *b, const struct chart *c)
{
    beside(b, c, NULL);
}

void chart_bars_write(struct buf *b, const struct chart_bars *c)
{
    beside(b, NULL, c);
}
