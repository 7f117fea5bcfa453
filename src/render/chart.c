/* Line charts as inline SVG with their data table (see chart.h). The value
 * axis runs over round numbers (steps of 1, 2, 2.5 or 5 times a power of
 * ten) so that its tick labels read well; coordinates are written in tenths
 * of a viewBox unit from integers. Colours are presentation attributes, so
 * the drawing looks right without the stylesheet and under a CSP that
 * forbids inline style. */
#include "render/chart.h"

#include <math.h>
#include <stdio.h>

#include "render/html.h"
#include "render/number.h"

/* The plot area inside the viewBox: room on the left for tick numbers, at
 * the top for the value axis' label, at the bottom for the step labels and
 * the x axis' label. */
#define PLOT_LEFT 56
#define PLOT_RIGHT (CHART_WIDTH - 16)
#define PLOT_TOP 28
#define PLOT_BOTTOM (CHART_HEIGHT - 44)
#define MAX_X_LABELS 8

#define INK "#1b1b1b"
#define GRID "#8a8a8a"
#define LINE "#1d4d3a"

/* The value axis: from lo to hi in steps of step, numbers with decimals. */
struct scale {
    double lo, hi, step;
    int decimals;
};

static bool usable(const struct chart_point *p)
{
    return !p->suppressed && isfinite(p->value);
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

static struct scale make_scale(const struct chart *c)
{
    double lo = 0, hi = 0;
    for (int i = 0; i < c->n; i++) {
        if (!usable(&c->pts[i]))
            continue;
        lo = fmin(lo, c->pts[i].value);
        hi = fmax(hi, c->pts[i].value);
    }
    if (!(hi > lo))
        hi = lo + 1;
    struct scale s;
    s.step = nice_step((hi - lo) / 4);
    s.lo = floor(lo / s.step + 1e-9) * s.step;
    s.hi = ceil(hi / s.step - 1e-9) * s.step;
    if (!(s.hi > s.lo))
        s.hi = s.lo + s.step;
    s.decimals = step_decimals(s.step, c->decimals < 0 ? 0 : c->decimals);
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

static double y_of(const struct scale *s, double v)
{
    return PLOT_BOTTOM - (v - s->lo) / (s->hi - s->lo) * (PLOT_BOTTOM - PLOT_TOP);
}

static double x_of(int i, int n)
{
    if (n <= 1)
        return (PLOT_LEFT + PLOT_RIGHT) / 2.0;
    return PLOT_LEFT + (double)i * (PLOT_RIGHT - PLOT_LEFT) / (n - 1);
}

/* <text> at (x, y) with an anchor; the text escaped. */
static void text_at(struct buf *b, double x, double y, const char *anchor, const char *s)
{
    buf_puts(b, "<text x=\"");
    coord(b, x, CHART_WIDTH);
    buf_puts(b, "\" y=\"");
    coord(b, y, CHART_HEIGHT);
    buf_printf(b, "\" text-anchor=\"%s\" font-size=\"12\" fill=\"" INK "\">", anchor);
    html_text(b, s);
    buf_puts(b, "</text>");
}

/* "Activation (per 1,000)", or the label alone. */
static void label_with_unit(struct buf *b, const struct chart *c)
{
    html_text(b, c->y_label);
    if (c->unit && *c->unit) {
        buf_puts(b, " (");
        html_text(b, c->unit);
        buf_putc(b, ')');
    }
}

static void value_axis(struct buf *b, const struct chart *c, const struct scale *s)
{
    int ticks = (int)lround((s->hi - s->lo) / s->step);
    for (int i = 0; i <= ticks; i++) {
        double v = s->lo + i * s->step, y = y_of(s, v);
        buf_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"", PLOT_LEFT, PLOT_RIGHT);
        coord(b, y, CHART_HEIGHT);
        buf_puts(b, "\" y2=\"");
        coord(b, y, CHART_HEIGHT);
        buf_printf(b, "\" stroke=\"" GRID "\" stroke-width=\"%s\"/>", i == 0 ? "1" : "0.5");
        struct buf num = BUF_INIT;
        number_write(&num, c->lang, v, s->decimals);
        text_at(b, PLOT_LEFT - 6, y + 4, "end", buf_cstr(&num));
        buf_free(&num);
    }
    buf_puts(b, "<text x=\"4\" y=\"14\" font-size=\"12\" fill=\"" INK "\">");
    label_with_unit(b, c);
    buf_puts(b, "</text>");
}

static void step_axis(struct buf *b, const struct chart *c)
{
    int stride = (c->n + MAX_X_LABELS - 1) / MAX_X_LABELS;
    buf_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"" INK "\"/>", PLOT_LEFT,
               PLOT_LEFT, PLOT_TOP, PLOT_BOTTOM);
    for (int i = 0; i < c->n; i += stride)
        text_at(b, x_of(i, c->n), PLOT_BOTTOM + 16, "middle", c->pts[i].label);
    text_at(b, (PLOT_LEFT + PLOT_RIGHT) / 2.0, CHART_HEIGHT - 6, "middle", c->x_label);
}

/* One path whose sub-paths restart after every unusable point, then a
 * marker on every value (a lone value between two gaps shows only so). */
static void series(struct buf *b, const struct chart *c, const struct scale *s)
{
    bool open = false, any = false;
    for (int i = 0; i < c->n; i++) {
        if (!usable(&c->pts[i])) {
            open = false;
            continue;
        }
        if (!any)
            buf_puts(b, "<path fill=\"none\" stroke=\"" LINE "\" stroke-width=\"2\" d=\"");
        any = true;
        buf_putc(b, open ? 'L' : 'M');
        coord(b, x_of(i, c->n), CHART_WIDTH);
        buf_putc(b, ' ');
        coord(b, y_of(s, c->pts[i].value), CHART_HEIGHT);
        open = true;
    }
    if (any)
        buf_puts(b, "\"/>");
    for (int i = 0; i < c->n; i++) {
        if (!usable(&c->pts[i]))
            continue;
        buf_puts(b, "<circle r=\"3\" fill=\"" LINE "\" cx=\"");
        coord(b, x_of(i, c->n), CHART_WIDTH);
        buf_puts(b, "\" cy=\"");
        coord(b, y_of(s, c->pts[i].value), CHART_HEIGHT);
        buf_puts(b, "\"/>");
    }
}

void chart_svg(struct buf *b, const struct chart *c)
{
    struct scale s = make_scale(c);
    buf_printf(b,
               "<svg class=\"chart-svg\" xmlns=\"http://www.w3.org/2000/svg\" "
               "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" ",
               CHART_WIDTH, CHART_HEIGHT, CHART_WIDTH, CHART_HEIGHT);
    html_fmt(b, "aria-labelledby=\"%s-t\" aria-describedby=\"%s-d\">", c->id, c->id);
    html_fmt(b, "<title id=\"%s-t\">%s</title>", c->id, c->title);
    html_fmt(b, "<desc id=\"%s-d\">%s</desc>", c->id, c->desc ? c->desc : c->title);
    value_axis(b, c, &s);
    step_axis(b, c);
    series(b, c, &s);
    buf_puts(b, "</svg>");
}

void chart_table(struct buf *b, const struct chart *c)
{
    html_fmt(b, "<table>\n<caption id=\"%s-c\">%s</caption>\n", c->id, c->title);
    html_fmt(b, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">", c->x_label);
    label_with_unit(b, c);
    buf_puts(b, "</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < c->n; i++) {
        html_fmt(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">", c->pts[i].label);
        if (!usable(&c->pts[i]) || !number_write(b, c->lang, c->pts[i].value, c->decimals))
            html_text(b, c->suppressed);
        buf_puts(b, "</td></tr>\n");
    }
    buf_puts(b, "</tbody>\n</table>\n");
}

void chart_write(struct buf *b, const struct chart *c)
{
    html_fmt(b, "<div class=\"chart\" id=\"%s\">\n<figure class=\"chart-figure\">", c->id);
    chart_svg(b, c);
    /* A table too wide for its box scrolls; keyboard users reach it by tab. */
    html_fmt(
        b, "</figure>\n<section class=\"table-scroll\" tabindex=\"0\" aria-labelledby=\"%s-c\">\n",
        c->id);
    chart_table(b, c);
    buf_puts(b, "</section>\n</div>\n");
}
