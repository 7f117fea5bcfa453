/* The monitor side by side, and its data files:
 *   GET /areas/{code}/monitor/compare  the buurten of a wijk, one row
 *                                      each: the early warning, the phase
 *                                      and the latest figure of every
 *                                      indicator
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

enum err web_monitor_compare(struct req *r)
{
    struct area ar;
    struct monitor_compare_row *rows;
    int n;
    enum err e = area_get(r->db, r->arena, req_in(r, "code"), &ar, &r->fault);
    if (e == ERR_OK)
        e = monitor_compare(r->db, r->arena, ar.code, &rows, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    begin(r, &ar);
    struct buf *b = &r->resp.body;
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
