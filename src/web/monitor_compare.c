/* The monitor side by side, and its data files:
 *   GET /areas/{code}/monitor/compare  the buurten of a wijk: one indicator
 *                                      (?indicator=, I1 by default) as a bar
 *                                      chart with its table, and a table
 *                                      with a row per buurt: the early
 *                                      warning, the phase and the latest
 *                                      figure of every indicator
 *   GET /areas/{code}/monitor.csv      every series of the area as CSV
 *   GET /areas/{code}/monitor.json     ... and as JSON (render/monitor_out.h)
 * The figures are what `wijkregie monitor run` stored (model/monitor.h). */
#include "web/web.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/mem.h"
#include "model/area.h"
#include "model/monitor.h"
#include "render/chart.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/monitor_out.h"
#include "render/req.h"
#include "web/monitor_words.h"

static void begin(struct req *r, const struct area *ar)
{
    const char *title = monitor_words_fill(r, T(r, "The buurten of %s compared"), ar->name, NULL);
    struct crumb crumbs[] = {
        {ar->name, arena_printf(r->arena, "/areas/%s", ar->code)},
        {T(r, "Transition monitor"), arena_printf(r->arena, "/areas/%s/monitor", ar->code)},
        {T(r, "Compare"), NULL}};
    layout_begin_crumbs(r, title, crumbs, 3);
    html_fmt(&r->resp.body, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "The latest figure of every indicator for each buurt. A buurt with an early "
                  "warning comes with the word \"warning\"; \"not shown\" means that the buurt has "
                  "too few inhabitants or contributors to show a figure without pointing at "
                  "people."));
}

static void head_row(struct req *r)
{
    struct buf *b = &r->resp.body;
    html_fmt(
        b, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
        T(r, "Buurt"), T(r, "Early warning"), T(r, "Phase"));
    for (int i = 0; i < MON_INDICATOR_COUNT; i++) {
        const struct monitor_meta *m = monitor_meta((enum monitor_indicator)i);
        const char *unit = monitor_words_unit(r, (enum monitor_indicator)i);
        html_fmt(b, "<th scope=\"col\" class=\"num\">%s %s", m->code, T(r, m->name));
        if (*unit)
            html_fmt(b, " (%s)", unit);
        html_raw_trusted(b, "</th>");
    }
    html_raw_trusted(b, "</tr></thead>\n");
}

static void buurt_row(struct req *r, const struct monitor_compare_row *row)
{
    struct buf *b = &r->resp.body;
    html_fmt(
        b, "<tr><th scope=\"row\"><a href=\"/areas/%s/monitor\">%s</a></th><td>%s</td><td>%s</td>",
        row->code, row->name, row->warning_raised ? T(r, "warning") : "",
        monitor_words_phase(r, row->phase));
    for (int i = 0; i < MON_INDICATOR_COUNT; i++) {
        html_raw_trusted(b, "<td class=\"num\">");
        monitor_words_value(r, b, (enum monitor_indicator)i, &row->latest[i]);
        html_raw_trusted(b, "</td>");
    }
    html_raw_trusted(b, "</tr>\n");
}

/* The form that picks the indicator of the bar chart: a GET of this page. */
static void indicator_form(struct req *r, const struct area *ar, enum monitor_indicator chosen)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<form method=\"get\" action=\"/areas/%s/monitor/compare\">\n"
             "<div class=\"field\"><label for=\"monitor-indicator\">%s</label>\n"
             "<select id=\"monitor-indicator\" name=\"indicator\">\n",
             ar->code, T(r, "Indicator"));
    for (int i = 0; i < MON_INDICATOR_COUNT; i++) {
        const struct monitor_meta *m = monitor_meta((enum monitor_indicator)i);
        html_fmt(b, "<option value=\"%s\"%s>%s %s</option>\n", m->code,
                 i == (int)chosen ? " selected" : "", m->code, T(r, m->name));
    }
    html_fmt(b, "</select></div>\n<button type=\"submit\">%s</button>\n</form>\n", T(r, "Show"));
}

/* The chosen indicator's latest figure for each buurt as bars, a buurt
 * with a raised early warning marked, and the table beside them. */
static void indicator_bars(struct req *r, const struct area *ar, enum monitor_indicator ind,
                           const struct monitor_compare_row *rows, int n)
{
    const struct monitor_meta *m = monitor_meta(ind);
    struct chart_bar *bars = arena_array(r->arena, (size_t)n + 1, sizeof *bars);
    for (int i = 0; i < n; i++)
        bars[i] =
            (struct chart_bar){rows[i].name, rows[i].latest[ind].value,
                               rows[i].latest[ind].suppressed != MON_SHOWN, rows[i].warning_raised};
    const char *name = T(r, m->name);
    struct chart_bars c = {
        .id = "monitor-bars",
        .lang = r->lang,
        .title = monitor_words_fill(r, T(r, "%s in the buurten of %s"), name, ar->name),
        .desc = m->higher_is_better
                    ? T(r, "One bar per buurt with its latest figure; a hatched bar with the word "
                           "\"warning\" is a buurt with an early warning. Higher is better.")
                    : T(r, "One bar per buurt with its latest figure; a hatched bar with the word "
                           "\"warning\" is a buurt with an early warning. Lower is better."),
        .x_label = T(r, "Buurt"),
        .y_label = name,
        .unit = monitor_words_unit(r, ind),
        .suppressed = T(r, "not shown"),
        .marker = T(r, "warning"),
        .decimals = m->decimals,
        .bars = bars,
        .n = n,
    };
    chart_bars_write(&r->resp.body, &c);
}

/* The indicator asked for with ?indicator= (the route admits only the
 * codes), I1 when none is given. */
static enum err chosen_indicator(struct req *r, enum monitor_indicator *ind)
{
    const char *text = req_in(r, "indicator");
    *ind = MON_I1_ACTIVATION;
    if (text && !monitor_indicator_parse(text, ind))
        return req_fail(r, ERR_INVALID, "indicator",
                        N_("Give an indicator code from I1 to I14, such as I1 or I8a."));
    return ERR_OK;
}

enum err web_monitor_compare(struct req *r)
{
    struct area ar;
    struct monitor_compare_row *rows;
    int n;
    enum monitor_indicator ind;
    enum err e = chosen_indicator(r, &ind);
    if (e == ERR_OK)
        e = area_get(r->db, r->arena, req_in(r, "code"), &ar, &r->fault);
    if (e == ERR_OK)
        e = monitor_compare(r->db, r->arena, ar.code, &rows, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    begin(r, &ar);
    struct buf *b = &r->resp.body;
    html_fmt(b, "<section aria-labelledby=\"monitor-bars-h\">\n<h2 id=\"monitor-bars-h\">%s</h2>\n",
             T(r, "One indicator across the buurten"));
    indicator_form(r, &ar, ind);
    indicator_bars(r, &ar, ind, rows, n);
    html_fmt(b,
             "</section>\n<section aria-labelledby=\"monitor-all-h\">\n"
             "<h2 id=\"monitor-all-h\">%s</h2>\n",
             T(r, "All indicators"));
    html_fmt(
        b,
        "<section class=\"table-scroll\" tabindex=\"0\" aria-labelledby=\"monitor-compare-c\">\n"
        "<table class=\"monitor-compare\">\n<caption id=\"monitor-compare-c\">%s</caption>\n",
        monitor_words_fill(r, T(r, "The buurten of %s: latest figures"), ar.name, NULL));
    head_row(r);
    html_raw_trusted(b, "<tbody>\n");
    for (int i = 0; i < n; i++)
        buurt_row(r, &rows[i]);
    html_raw_trusted(b, "</tbody>\n</table>\n</section>\n");
    if (n == 0)
        html_fmt(b, "<p>%s</p>\n", T(r, "This wijk has no buurten."));
    html_raw_trusted(b, "</section>\n");
    layout_end(r);
    return ERR_OK;
}

static void attachment(struct req *r, const char *type, const char *code, const char *ext)
{
    r->resp.content_type = type;
    req_header(r, "Content-Disposition",
               arena_printf(r->arena, "attachment; filename=\"monitor-%s.%s\"", code, ext));
}

enum err web_monitor_csv(struct req *r)
{
    struct area ar;
    enum err e = area_get(r->db, r->arena, req_in(r, "code"), &ar, &r->fault);
    if (e != ERR_OK)
        return e;
    buf_reset(&r->resp.body);
    if ((e = monitor_out_csv(r->db, r->arena, ar.code, &r->resp.body, &r->fault)) != ERR_OK)
        return e;
    attachment(r, "text/csv; charset=utf-8", ar.code, "csv");
    return ERR_OK;
}

enum err web_monitor_json(struct req *r)
{
    struct area ar;
    json_t *doc;
    enum err e = area_get(r->db, r->arena, req_in(r, "code"), &ar, &r->fault);
    if (e == ERR_OK)
        e = monitor_out_json(r->db, r->arena, ar.code, NULL, &doc, &r->fault);
    if (e != ERR_OK)
        return e;
    char *text = json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(doc);
    if (!text)
        mem_oom(__FILE__, __LINE__); /* jansson fails only when out of memory */
    buf_reset(&r->resp.body);
    buf_puts(&r->resp.body, text);
    buf_putc(&r->resp.body, '\n');
    free(text);
    attachment(r, "application/json; charset=utf-8", ar.code, "json");
    return ERR_OK;
}
