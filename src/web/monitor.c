/* The transition monitor's dashboard of an area (DESIGN.md §5):
 *   GET /areas/{code}/monitor   the early warning first, then the phase
 *                               with the reasons for it, the latest figure
 *                               of every indicator, and every indicator
 *                               over time as a chart with its table, and
 *                               the exports (monitor.csv, monitor.json).
 * A wijk's page links to the comparison of its buurten
 * (web/monitor_compare.c); a buurt's page links its municipality admins to
 * the vulnerable flag (web/monitor_flag.c). The figures are what
 * `wijkregie monitor run` stored (model/monitor.h); this page computes
 * nothing. */
#include "web/web.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/area.h"
#include "model/capacity.h"
#include "model/monitor.h"
#include "render/chart.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"
#include "web/monitor_cache.h"
#include "web/monitor_words.h"

/* Sixteen charts with their tables: about 60 KB. */
#define PAGE_RESERVE ((size_t)64 * 1024)

static const char *kind_word(struct req *r, enum area_kind k)
{
    return k == AREA_GEMEENTE ? T(r, "gemeente") : k == AREA_WIJK ? T(r, "wijk") : T(r, "buurt");
}

static void begin(struct req *r, const struct area *ar)
{
    const char *title = monitor_words_fill(r, T(r, "Transition monitor: %s"), ar->name, NULL);
    struct crumb crumbs[] = {{ar->name, arena_printf(r->arena, "/areas/%s", ar->code)},
                             {T(r, "Transition monitor"), NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(&r->resp.body, "<h1>%s</h1>\n", title);
}

static void when_computed(struct req *r, const struct area *ar, const struct monitor_summary *s)
{
    struct buf *b = &r->resp.body;
    html_raw_trusted(b, "<p class=\"monitor-intro\">");
    html_fill(b,
              T(r, "How the %s %s stands in the transition to a neighbourhood run by its "
                   "residents, from the platform's own data and the CBS key figures. Each figure "
                   "covers the 12 months up to the end of its quarter."),
              kind_word(r, ar->kind), ar->name, NULL);
    html_raw_trusted(b, "</p>\n");
    if (!s->quarter)
        return;
    char day[11];
    clock_date(s->computed_at, day);
    html_raw_trusted(b, "<p>");
    html_fill(b, T(r, "Latest quarter: %s, computed on %s."), monitor_words_quarter(r, s->quarter),
              day, NULL);
    html_raw_trusted(b, "</p>\n");
}

static void done_note(struct req *r)
{
    const char *done = req_in(r, "done");
    if (!done)
        return;
    const char *msg = strcmp(done, "flagged") == 0     ? T(r, "The buurt is flagged as vulnerable.")
                      : strcmp(done, "unflagged") == 0 ? T(r, "The flag is taken away.")
                                                       : NULL;
    if (msg)
        html_fmt(&r->resp.body, "<p class=\"notice\" role=\"status\">%s</p>\n", msg);
}

/* A wijk or gemeente: how many of its buurten have a raised warning. */
static void rollup_warning(struct req *r, const struct area *ar, const struct monitor_summary *s)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<section class=\"monitor-warning%s\" aria-labelledby=\"monitor-warning-h\">\n"
             "<h2 id=\"monitor-warning-h\">%s</h2>\n<p>",
             s->buurten_warned ? " raised" : "", T(r, "Early warning"));
    if (s->buurten_warned) {
        char n[24];
        snprintf(n, sizeof n, "%d", s->buurten_warned);
        html_fill(b, T(r, "Buurten with an early warning: %s."), n, NULL);
    } else {
        html_text(b, T(r, "No buurt here has an early warning."));
    }
    html_raw_trusted(b, "</p>\n");
    if (ar->kind == AREA_WIJK)
        html_fmt(b, "<p><a href=\"/areas/%s/monitor/compare\">%s</a></p>\n", ar->code,
                 T(r, "Compare the buurten of this wijk"));
    html_raw_trusted(b, "</section>\n");
}

static void phase_section(struct req *r, const struct monitor_summary *s)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<section aria-labelledby=\"monitor-phase-h\">\n<h2 id=\"monitor-phase-h\">%s</h2>\n"
             "<p class=\"monitor-phase\">",
             T(r, "Transition phase"));
    html_fill(b, T(r, "Phase: %s"), monitor_words_phase(r, s->phase), NULL);
    html_raw_trusted(b, "</p>\n");
    if (s->nreasons) {
        html_fmt(b, "<p>%s</p>\n<ul>\n", T(r, "Why:"));
        for (int i = 0; i < s->nreasons; i++) {
            html_raw_trusted(b, "<li>");
            monitor_words_reason(r, b, &s->reasons[i]);
            html_raw_trusted(b, "</li>\n");
        }
        html_raw_trusted(b, "</ul>\n");
    }
    html_raw_trusted(b, "</section>\n");
}

/* "chart-i8a" for "I8a". */
static const char *chart_id(struct req *r, const char *code)
{
    char *id = arena_printf(r->arena, "chart-%s", code);
    for (char *p = id; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return id;
}

/* The latest figure of every indicator: name, figure, unit, and why a
 * figure is not shown. */
static void latest_table(struct req *r, const struct monitor_summary *s)
{
    struct buf *b = &r->resp.body;
    html_fmt(
        b,
        "<section aria-labelledby=\"monitor-latest-h\">\n<h2 id=\"monitor-latest-h\">%s</h2>\n"
        "<section class=\"table-scroll\" tabindex=\"0\" aria-labelledby=\"monitor-latest-c\">\n"
        "<table>\n<caption id=\"monitor-latest-c\">%s</caption>\n<thead><tr>"
        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" "
        "class=\"num\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n"
        "<tbody>\n",
        T(r, "Latest figures"), T(r, "The latest figure of every indicator"), T(r, "Code"),
        T(r, "Indicator"), T(r, "Figure"), T(r, "Unit"), T(r, "Note"));
    for (int i = 0; i < MON_INDICATOR_COUNT; i++) {
        const struct monitor_meta *m = monitor_meta((enum monitor_indicator)i);
        const struct monitor_point *p = &s->latest[i];
        html_fmt(b,
                 "<tr><td>%s</td><th scope=\"row\"><a href=\"#%s\">%s</a></th>"
                 "<td class=\"num\">",
                 m->code, chart_id(r, m->code), T(r, m->name));
        monitor_words_value(r, b, (enum monitor_indicator)i, p);
        html_fmt(b, "</td><td>%s</td><td>", monitor_words_unit(r, (enum monitor_indicator)i));
        const char *why = monitor_suppression_msgid(p->suppressed);
        if (why)
            html_text(b, T(r, why));
        else if (!m->higher_is_better)
            html_text(b, T(r, "Lower is better."));
        html_raw_trusted(b, "</td></tr>\n");
    }
    html_raw_trusted(b, "</tbody>\n</table>\n</section>\n</section>\n");
}

static enum err indicator_chart(struct req *r, const struct area *ar, enum monitor_indicator ind)
{
    struct monitor_point *pts;
    int n;
    enum err e = monitor_series(r->db, r->arena, ar->code, ind, &pts, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    const struct monitor_meta *m = monitor_meta(ind);
    struct chart_point *cp = arena_array(r->arena, (size_t)n + 1, sizeof *cp);
    for (int k = 0; k < n; k++)
        cp[k] = (struct chart_point){monitor_words_quarter(r, pts[k].quarter), pts[k].value,
                                     pts[k].suppressed != MON_SHOWN};
    const char *name = T(r, m->name);
    struct chart c = {
        .id = chart_id(r, m->code),
        .lang = r->lang,
        .title = monitor_words_fill(r, T(r, "%s in %s"), name, ar->name),
        .desc = m->higher_is_better
                    ? T(r, "Each point covers the 12 months up to the end of its quarter; a gap "
                           "is a quarter without a figure. Higher is better.")
                    : T(r, "Each point covers the 12 months up to the end of its quarter; a gap "
                           "is a quarter without a figure. Lower is better."),
        .x_label = T(r, "Quarter"),
        .y_label = name,
        .unit = monitor_words_unit(r, ind),
        .suppressed = T(r, "not shown"),
        .decimals = m->decimals,
        .pts = cp,
        .n = n,
    };
    html_fmt(&r->resp.body, "<h3>%s (%s)</h3>\n", name, m->code);
    chart_write(&r->resp.body, &c);
    return ERR_OK;
}

/* Every indicator's chart: kept per connection while the database is
 * unchanged (web/monitor_cache.h), since it depends only on the data and
 * the language. */
static enum err charts_section(struct req *r, const struct area *ar)
{
    size_t len, start = r->resp.body.len;
    const char *kept = monitor_cache_get(r->db, ar->code, r->lang, &len);
    if (kept) {
        buf_append(&r->resp.body, kept, len);
        return ERR_OK;
    }
    html_fmt(
        &r->resp.body,
        "<section aria-labelledby=\"monitor-charts-h\">\n<h2 id=\"monitor-charts-h\">%s</h2>\n",
        T(r, "Over time"));
    for (int i = 0; i < MON_INDICATOR_COUNT; i++) {
        enum err e = indicator_chart(r, ar, (enum monitor_indicator)i);
        if (e != ERR_OK)
            return e;
    }
    html_raw_trusted(&r->resp.body, "</section>\n");
    monitor_cache_put(r->db, ar->code, r->lang, r->resp.body.data + start,
                      r->resp.body.len - start);
    return ERR_OK;
}

/* Whether the visitor may flag this buurt: a municipality admin of its
 * gemeente acting as one (the model asks again when the form is sent). */
static bool may_flag(struct req *r, const struct area *ar)
{
    bool admin = false;
    struct fault f = {0};
    if (ar->kind != AREA_BUURT || !r->actor.person_id ||
        capacity_buurt_admin(r->db, ar->code, r->actor.person_id, &admin, &f) != ERR_OK || !admin)
        return false;
    return capacity_check(r->db, &r->actor, ACT_AREA_FLAG_VULNERABLE, REL_MEMBER, &f) == ERR_OK;
}

static void links_section(struct req *r, const struct area *ar)
{
    struct buf *b = &r->resp.body;
    html_fmt(
        b,
        "<section aria-labelledby=\"monitor-data-h\">\n<h2 id=\"monitor-data-h\">%s</h2>\n<ul>\n"
        "<li><a href=\"/areas/%s/monitor.csv\">%s</a></li>\n"
        "<li><a href=\"/areas/%s/monitor.json\">%s</a></li>\n",
        T(r, "The data"), ar->code, T(r, "Every series as CSV"), ar->code,
        T(r, "Every series as JSON"));
    if (ar->kind == AREA_WIJK)
        html_fmt(b, "<li><a href=\"/areas/%s/monitor/compare\">%s</a></li>\n", ar->code,
                 T(r, "Compare the buurten of this wijk"));
    if (may_flag(r, ar))
        html_fmt(b, "<li><a href=\"/areas/%s/monitor/flag\">%s</a></li>\n", ar->code,
                 T(r, "Flag this buurt as vulnerable, or take the flag away"));
    html_raw_trusted(b, "</ul>\n</section>\n");
}

enum err web_monitor_page(struct req *r)
{
    struct area ar;
    struct monitor_summary s;
    enum err e = area_get(r->db, r->arena, req_in(r, "code"), &ar, &r->fault);
    if (e == ERR_OK)
        e = monitor_area_summary(r->db, r->arena, ar.code, &s, &r->fault);
    if (e != ERR_OK)
        return e;
    buf_reserve(&r->resp.body, PAGE_RESERVE);
    begin(r, &ar);
    done_note(r);
    when_computed(r, &ar, &s);
    if (ar.kind == AREA_BUURT)
        monitor_words_warning(r, &s.warning, ar.code, ar.name, false);
    else
        rollup_warning(r, &ar, &s);
    phase_section(r, &s);
    latest_table(r, &s);
    if ((e = charts_section(r, &ar)) != ERR_OK)
        return e;
    links_section(r, &ar);
    layout_end(r);
    return ERR_OK;
}
