/* External decisions on an initiative's offers page (DESIGN.md §2,
 * invariant 4):
 *   the section on GET /initiatives/{id}/offers   the decisions of the
 *       municipality and funders, newest first, with who decided and who
 *       recorded them, and the form for their admins
 *   POST /initiatives/{id}/external-events        record one
 * The page says plainly that a decision changes nothing by itself: the
 * initiators decide what follows. */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "model/external.h"
#include "render/byline.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"
#include "web/offer_words.h"

static void event_item(struct req *r, const struct external_event *ev)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<li class=\"external\">\n<p><strong>%s</strong>, <time datetime=\"%s\">%s</time>"
             "</p>\n<p>",
             external_kind_label(r, ev->kind), ev->decided_on, ev->decided_on);
    html_fill(b, T(r, "Decided by %s"), ev->decider_name, NULL);
    html_fmt(b, "</p>\n<p>%s</p>\n<p class=\"byline\">%s ", ev->text, T(r, "Recorded by"));
    byline_write(r, ev->recorded_by, ev->capacity);
    html_raw_trusted(b, "</p>\n</li>\n");
}

static void record_form(struct req *r, int64_t initiative_id)
{
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, "kind");
    html_fmt(b, "<h3>%s</h3>\n", T(r, "Record a decision"));
    form_begin(r,
               arena_printf(r->arena, "/initiatives/%" PRId64 "/external-events", initiative_id));
    form_field_begin(r, "external-", "kind", T(r, "What was decided"));
    html_raw_trusted(b, "<select id=\"external-kind\" name=\"kind\"");
    form_field_attrs(r, "external-", "kind");
    html_raw_trusted(b, ">\n");
    for (const char *const *k = external_kinds(); *k; k++)
        html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", *k,
                 kept && !strcmp(kept, *k) ? " selected" : "", external_kind_label(r, *k));
    html_raw_trusted(b, "</select>\n</div>\n");
    form_field_begin(r, "external-", "date", T(r, "Date of the decision"));
    html_raw_trusted(b, "<input id=\"external-date\" name=\"date\" type=\"date\" required");
    form_field_attrs(r, "external-", "date");
    if ((kept = form_value(r, "date"))) {
        html_raw_trusted(b, " value=\"");
        html_attr(b, kept);
        html_raw_trusted(b, "\"");
    }
    html_raw_trusted(b, ">\n</div>\n");
    form_field_begin(r, "external-", "text", T(r, "The decision in words"));
    html_fmt(b, "<textarea id=\"external-text\" name=\"text\" rows=\"3\" maxlength=\"%d\" required",
             EXTERNAL_TEXT_MAX);
    form_field_attrs(r, "external-", "text");
    html_raw_trusted(b, ">");
    html_text(b, form_value(r, "text"));
    html_raw_trusted(b, "</textarea>\n</div>\n");
    form_end(r, T(r, "Record the decision"));
}

enum err web_external_section(struct req *r, int64_t initiative_id)
{
    struct external_event *items = NULL;
    int n = 0;
    enum err e = external_list(r->db, r->arena, initiative_id, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<section aria-labelledby=\"external\">\n<h2 id=\"external\">%s</h2>\n"
             "<p>%s</p>\n",
             T(r, "Decisions of the municipality and funders"),
             T(r, "These decisions are recorded here for everyone to see. They do not change "
                  "the initiative by themselves: its initiators decide what follows."));
    if (n == 0)
        html_fmt(b, "<p>%s</p>\n", T(r, "No decision has been recorded."));
    else
        html_raw_trusted(b, "<ul class=\"externals\">\n");
    for (int i = 0; i < n; i++)
        event_item(r, &items[i]);
    if (n > 0)
        html_raw_trusted(b, "</ul>\n");
    struct fault no = {0};
    if (r->session && external_authorise(r->db, initiative_id, &r->actor, &no) == ERR_OK)
        record_form(r, initiative_id);
    html_raw_trusted(b, "</section>\n");
    return ERR_OK;
}

enum err web_external_record(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct external_input in = {
        .kind = req_in(r, "kind"),
        .decided_on = req_in(r, "date"),
        .text = req_in(r, "text"),
    };
    enum err e = external_record(r->db, id, &in, &r->actor, NULL, &r->fault);
    if (e != ERR_OK)
        return e;
    const char *href =
        arena_printf(r->arena, "/initiatives/%" PRId64 "/offers?done=recorded#external", id);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Offers and decisions"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}
