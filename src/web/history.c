/* The history of an area (DESIGN.md §3): GET /areas/{code}/history, the
 * timeline of dated events newest first, as an ordered list with the kind
 * in words, the actors linked and who added each (render/byline.h); and
 * POST /areas/{code}/history, adding one, for those the policy lets
 * (history.add_event: verified residents of the area, admins of its
 * gemeente). Others read why they cannot instead of the form. A failed
 * post shows the page again with the message next to its field; a
 * successful one answers 303 back to the timeline. */
#include "web/web.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "model/area.h"
#include "model/arena.h"
#include "model/history.h"
#include "model/organisation.h"
#include "render/arena_words.h"
#include "render/byline.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

enum { PAGE = 50 };

static const char *fill(struct req *r, const char *tmpl, const char *arg)
{
    struct fault slots = {.args = {arg}};
    char *text = fault_format(tmpl, &slots);
    const char *copy = arena_strdup(r->arena, text);
    free(text);
    return copy;
}

/* A post refused (r->fault) where no form is shown: the message, as the
 * form's summary would give it. */
static void refused(struct req *r)
{
    if (r->fault.code != ERR_OK)
        html_fmt(&r->resp.body,
                 "<div class=\"form-errors\" role=\"alert\"><p><strong>%s</strong> %s</p></div>\n",
                 T(r, "This did not work:"), errmsg_text(r));
}

static bool field_failed(const struct req *r, const char *name)
{
    return r->fault.code != ERR_OK && r->fault.field && strcmp(r->fault.field, name) == 0;
}

/* A labelled control's opening: label, the error next to it. */
static void control(struct req *r, const char *name, const char *label)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<div class=\"field\">\n<label for=\"%s\">%s</label>\n", name, label);
    if (field_failed(r, name))
        html_fmt(b, "<p class=\"field-error\" id=\"%s-error\">%s</p>\n", name, errmsg_text(r));
}

static void control_attrs(struct req *r, const char *name)
{
    if (field_failed(r, name))
        html_fmt(&r->resp.body, " aria-describedby=\"%s-error\" aria-invalid=\"true\"", name);
}

static void option(struct req *r, const char *value, const char *label)
{
    const char *kept = form_value(r, strchr(value, ':') ? "actor" : "kind");
    html_raw_trusted(&r->resp.body, "<option value=\"");
    html_attr(&r->resp.body, value);
    html_raw_trusted(&r->resp.body, kept && strcmp(kept, value) == 0 ? "\" selected>" : "\">");
    html_text(&r->resp.body, label);
    html_raw_trusted(&r->resp.body, "</option>\n");
}

static void kind_select(struct req *r)
{
    control(r, "kind", T(r, "What happened"));
    html_raw_trusted(&r->resp.body, "<select id=\"kind\" name=\"kind\" required");
    control_attrs(r, "kind");
    html_raw_trusted(&r->resp.body, ">\n");
    for (const char *const *k = history_kinds(); *k; k++)
        option(r, *k, arena_words_event(r, *k));
    html_raw_trusted(&r->resp.body, "</select>\n</div>\n");
}

static void actor_select(struct req *r, const struct organisation *orgs, int n)
{
    control(r, "actor", T(r, "Organisation involved (optional)"));
    html_raw_trusted(&r->resp.body, "<select id=\"actor\" name=\"actor\"");
    control_attrs(r, "actor");
    html_fmt(&r->resp.body, ">\n<option value=\"\">%s</option>\n", T(r, "None"));
    for (int i = 0; i < n; i++)
        option(r, arena_printf(r->arena, "organisation:%lld", (long long)orgs[i].id), orgs[i].name);
    html_raw_trusted(&r->resp.body, "</select>\n</div>\n");
}

static void description_area(struct req *r)
{
    const char *kept = form_value(r, "description");
    control(r, "description", T(r, "Description (optional)"));
    html_fmt(&r->resp.body,
             "<textarea id=\"description\" name=\"description\" rows=\"4\" "
             "maxlength=\"%d\"",
             HISTORY_DESCRIPTION_MAX);
    control_attrs(r, "description");
    html_raw_trusted(&r->resp.body, ">");
    html_text(&r->resp.body, kept);
    html_raw_trusted(&r->resp.body, "</textarea>\n</div>\n");
}

/* The form, or why there is none for this visitor. */
static void add_section(struct req *r, const struct area *ar)
{
    struct buf *b = &r->resp.body;
    struct fault why = {0};
    html_fmt(b, "<h2 id=\"add\">%s</h2>\n", T(r, "Add an event"));
    if (history_authorise(r->db, ar->code, &r->actor, &why) != ERR_OK) {
        refused(r);
        html_fmt(b, "<p>%s</p>\n", why.msgid ? T(r, why.msgid) : "");
        return;
    }
    struct organisation *orgs = NULL;
    int n = 0;
    struct fault ignored = {0};
    organisation_list_serving(r->db, r->arena, ar->code, &orgs, &n, &ignored);
    form_begin(r, arena_printf(r->arena, "/areas/%s/history", ar->code));
    form_input(r, &(struct form_input){.name = "date",
                                       .label = T(r, "Date"),
                                       .type = "date",
                                       .hint = T(r, "The day it happened, such as 2019-09-01."),
                                       .required = true});
    kind_select(r);
    form_input(r, &(struct form_input){.name = "title",
                                       .label = T(r, "Title"),
                                       .type = "text",
                                       .maxlength = HISTORY_TITLE_MAX,
                                       .required = true});
    description_area(r);
    actor_select(r, orgs, n);
    form_end(r, T(r, "Add to the history"));
}

static void actors_line(struct req *r, const struct history_event *ev)
{
    struct buf *b = &r->resp.body;
    if (ev->nactors == 0)
        return;
    html_fmt(b, "<p>%s ", T(r, "Involved:"));
    for (int i = 0; i < ev->nactors; i++) {
        const struct arena_actor *x = &ev->actors[i];
        html_raw_trusted(b, i ? ", " : "");
        if (x->name)
            html_fmt(b, "<a href=\"/organisations/%lld\">%s</a>", (long long)x->id, x->name);
        else
            html_fmt(b, "%s %lld", x->type, (long long)x->id);
    }
    html_raw_trusted(b, "</p>\n");
}

static void timeline(struct req *r, const struct area *ar, const struct history_page *page)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"timeline\">%s</h2>\n", T(r, "Timeline"));
    if (page->n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No events have been added to this history yet."));
        return;
    }
    /* The heading above names the list; an aria-labelledby on a plain <ol>
     * is one html-validate rejects (aria-label-misuse). */
    html_raw_trusted(b, "<ol class=\"timeline\">\n");
    for (int i = 0; i < page->n; i++) {
        const struct history_event *ev = &page->items[i];
        html_fmt(b,
                 "<li class=\"event\"><h3><time datetime=\"%s\">%s</time>: %s</h3>\n"
                 "<p class=\"event-kind\">%s</p>\n",
                 ev->date, ev->date, ev->title, arena_words_event(r, ev->kind));
        if (ev->description)
            html_fmt(b, "<p class=\"event-text\">%s</p>\n", ev->description);
        actors_line(r, ev);
        html_fmt(b, "<p class=\"byline\">%s ", T(r, "Added by"));
        byline_write(r, ev->author_id, ev->capacity);
        html_raw_trusted(b, "</p></li>\n");
    }
    html_raw_trusted(b, "</ol>\n");
    if (page->next)
        html_fmt(b, "<p><a href=\"/areas/%s/history?before=%lld\">%s</a></p>\n", ar->code,
                 (long long)page->next, T(r, "Older events"));
}

enum err web_area_history(struct req *r)
{
    struct area ar;
    struct history_page page;
    struct fault f = {0}; /* a failed post's fault stays in r->fault for the form */
    enum err e = area_get(r->db, r->arena, req_in(r, "code"), &ar, &f);
    if (e == ERR_OK)
        e = history_list(r->db, r->arena, ar.code, req_in_int(r, "before", 0), PAGE, &page, &f);
    if (e != ERR_OK) {
        r->fault = f;
        return e;
    }
    const char *title = fill(r, T(r, "History of %s"), ar.name);
    const char *href = arena_printf(r->arena, "/areas/%s", ar.code);
    struct crumb crumbs[] = {{T(r, "Start"), "/"}, {ar.name, href}, {T(r, "History"), NULL}};
    layout_begin_crumbs(r, title, crumbs, 3);
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "What happened here before: institutions that came or left, initiatives that "
                  "started or ended, decisions and renovations."));
    const char *done = req_in(r, "done");
    if (done && r->fault.code == ERR_OK)
        html_fmt(b, "<p class=\"note\" role=\"status\">%s</p>\n",
                 T(r, "The event has been added to the history."));
    html_fmt(b, "<p><a href=\"/areas/%s/arena\">%s</a></p>\n", ar.code,
             fill(r, T(r, "Arena of %s"), ar.name));
    timeline(r, &ar, &page);
    add_section(r, &ar);
    layout_end(r);
    return ERR_OK;
}

enum err web_area_history_add(struct req *r)
{
    struct arena_actor actor;
    struct history_event ev = {
        .area_code = req_in(r, "code"),
        .date = req_in(r, "date"),
        .kind = req_in(r, "kind"),
        .title = req_in(r, "title"),
        .description = req_in(r, "description"),
    };
    const char *picked = req_in(r, "actor");
    if (picked && *picked) {
        if (arena_actor_parse(picked, &actor, &r->fault) != ERR_OK) {
            r->fault.field = "actor";
            return r->fault.code;
        }
        ev.actors = &actor;
        ev.nactors = 1;
    }
    enum err e = history_add(r->db, r->arena, &ev, &r->actor, NULL, &r->fault);
    if (e != ERR_OK && r->fault.field && strcmp(r->fault.field, "actors") == 0)
        r->fault.field = "actor"; /* the form's one select */
    if (e != ERR_OK)
        return e;
    const char *href = arena_printf(r->arena, "/areas/%s/history?done=added", ev.area_code);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "History"));
    html_fmt(&r->resp.body, "<p><a href=\"%s\">%s</a></p>\n", href, T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}
