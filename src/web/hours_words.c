/* Investment hours in words (see hours_words.h). Amounts are written with
 * render/number.h, so a Dutch reader gets "1.250,5" and an English one
 * "1,250.5". The CSV export itself is render/hours_csv.h's. */
#include "web/hours_words.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "render/hours_csv.h"
#include "render/html.h"
#include "render/number.h"
#include "render/req.h"

const char *hours_words_tenths(struct req *r, int64_t tenths)
{
    struct buf b = BUF_INIT;
    number_write(&b, r->lang, (double)tenths / 10.0, tenths % 10 != 0);
    const char *s = arena_strdup(r->arena, b.data ? b.data : "0");
    buf_free(&b);
    return s;
}

static const char *label(struct req *r, const char *key, const char *const (*pairs)[2])
{
    for (size_t i = 0; key && pairs[i][0]; i++)
        if (strcmp(key, pairs[i][0]) == 0)
            return T(r, pairs[i][1]);
    return key ? key : "";
}

const char *hours_words_work_kind(struct req *r, const char *kind)
{
    static const char *const pairs[][2] = {{"coaching", N_("Coaching")},
                                           {"connecting", N_("Connecting people")},
                                           {"practical", N_("Practical help")},
                                           {"other", N_("Other work")},
                                           {NULL, NULL}};
    return label(r, kind, pairs);
}

const char *hours_words_movement_kind(struct req *r, const char *kind)
{
    static const char *const pairs[][2] = {{"pledge", N_("Hours pledged")},
                                           {"delivery", N_("Hours logged")},
                                           {"correction", N_("Correction of logged hours")},
                                           {"withdrawal", N_("Open hours withdrawn")},
                                           {NULL, NULL}};
    return label(r, kind, pairs);
}

const char *hours_words_area_kind(struct req *r, const char *kind)
{
    static const char *const pairs[][2] = {
        {"buurt", N_("buurt")}, {"wijk", N_("wijk")}, {"gemeente", N_("gemeente")}, {NULL, NULL}};
    return label(r, kind, pairs);
}

void hours_words_balance(struct req *r, const char *caption, const struct hours_balance *b)
{
    struct buf *o = &r->resp.body;
    html_fmt(o,
             "<table class=\"hours-balance\">\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th></tr></thead>\n<tbody><tr>",
             caption, T(r, "Hours pledged"), T(r, "Hours delivered"), T(r, "Hours withdrawn"),
             T(r, "Still open"));
    int64_t open = b->open > 0 ? b->open : 0;
    html_fmt(o, "<td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr></tbody>\n</table>\n",
             hours_words_tenths(r, b->pledged), hours_words_tenths(r, b->delivered),
             hours_words_tenths(r, b->withdrawn), hours_words_tenths(r, open));
    int64_t over = hours_over_delivered(b);
    if (over > 0) {
        html_raw_trusted(o, "<p class=\"note\">");
        html_fill(o, T(r, "%s hours more were delivered than pledged."),
                  hours_words_tenths(r, over), NULL);
        html_raw_trusted(o, "</p>\n");
    }
}

static void earmark_cell(struct req *r, const struct hours_pledge *p)
{
    struct buf *o = &r->resp.body;
    html_raw_trusted(o, "<td>");
    if (p->initiative_id) {
        html_fmt(o, "<a href=\"/initiatives/%lld\">", (long long)p->initiative_id);
        html_text(o, p->initiative_title);
        html_raw_trusted(o, "</a>");
    } else if (p->collective_id) {
        html_fmt(o, "<a href=\"/collectives/%lld\">", (long long)p->collective_id);
        html_text(o, p->collective_name);
        html_raw_trusted(o, "</a>");
    } else {
        html_text(o, T(r, "No earmark"));
    }
    html_raw_trusted(o, "</td>");
}

static void pledge_row(struct req *r, const struct hours_pledge *p, bool show_org)
{
    struct buf *o = &r->resp.body;
    html_fmt(o, "<tr><th scope=\"row\"><a href=\"/hours/%lld\">%s %lld</a></th><td>",
             (long long)p->id, T(r, "Pledge"), (long long)p->id);
    html_text(o, show_org ? p->organisation_name : p->area_name);
    html_fmt(o, "</td><td>%s – %s</td>", p->starts_on, p->ends_on);
    earmark_cell(r, p);
    int64_t open = p->balance.open > 0 ? p->balance.open : 0;
    html_fmt(o, "<td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
             hours_words_tenths(r, p->balance.pledged), hours_words_tenths(r, p->balance.delivered),
             hours_words_tenths(r, open),
             strcmp(p->status, "active") == 0 ? T(r, "Active") : T(r, "Pledge withdrawn"));
}

void hours_words_pledges(struct req *r, const char *caption, const struct hours_pledge *items,
                         int n, bool show_org)
{
    struct buf *o = &r->resp.body;
    if (n == 0) {
        html_fmt(o, "<p>%s</p>\n", T(r, "No hours have been pledged yet."));
        return;
    }
    html_fmt(o,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             caption, T(r, "Pledge"), show_org ? T(r, "Organisation") : T(r, "Area"),
             T(r, "Period of the pledge"), T(r, "Earmarked for"), T(r, "Hours pledged"),
             T(r, "Hours delivered"), T(r, "Still open"), T(r, "Status"));
    for (int i = 0; i < n; i++)
        pledge_row(r, &items[i], show_org);
    html_raw_trusted(o, "</tbody>\n</table></div>\n");
}

enum err hours_words_csv(struct req *r, enum hours_scope scope, int64_t id, const char *area_code,
                         const char *filename)
{
    buf_reset(&r->resp.body);
    enum err e = hours_csv_write(r->db, scope, id, area_code, &r->resp.body, &r->fault);
    if (e != ERR_OK)
        return e;
    r->resp.content_type = "text/csv; charset=utf-8";
    req_header(r, "Content-Disposition",
               arena_printf(r->arena, "attachment; filename=\"%s\"", filename));
    return ERR_OK;
}
