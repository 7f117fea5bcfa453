/* The relations of an organisation (DESIGN.md §3):
 *   GET  /organisations/{id}/relations   its relations, with whom, since and
 *                                        until when; for its admins a form
 *                                        to record one and a button to end
 *                                        a lasting one
 *   POST /organisations/{id}/relations   record one (organisation.relate)
 *   POST /relations/{id}/end             end one (organisation.relate)
 * Who may is the model's word (model/relation.h). A failed post shows the
 * page again with the message next to its field; a successful one answers
 * 303 back to the page. */
#include "web/web.h"

#include <string.h>

#include "core/arena.h"
#include "model/organisation.h"
#include "model/relation.h"
#include "render/arena_words.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

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

static void select_begin(struct req *r, const char *name, const char *label)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<div class=\"field\">\n<label for=\"%s\">%s</label>\n", name, label);
    if (field_failed(r, name))
        html_fmt(b, "<p class=\"field-error\" id=\"%s-error\">%s</p>\n", name, errmsg_text(r));
    html_fmt(b, "<select id=\"%s\" name=\"%s\" required", name, name);
    if (field_failed(r, name))
        html_fmt(b, " aria-describedby=\"%s-error\" aria-invalid=\"true\"", name);
    html_raw_trusted(b, ">\n");
}

static void option(struct req *r, const char *name, const char *value, const char *label)
{
    const char *kept = form_value(r, name);
    html_raw_trusted(&r->resp.body, "<option value=\"");
    html_attr(&r->resp.body, value);
    html_raw_trusted(&r->resp.body, kept && strcmp(kept, value) == 0 ? "\" selected>" : "\">");
    html_text(&r->resp.body, label);
    html_raw_trusted(&r->resp.body, "</option>\n");
}

/* The other actor of x, seen from organisation id. */
static const struct arena_actor *other(const struct relationship *x, int64_t id)
{
    return x->from.id == id && strcmp(x->from.type, "organisation") == 0 ? &x->to : &x->from;
}

/* One side of a relation: the page's own organisation in words, the
 * other one linked to its own page (never a link back to this page). */
static void side(struct req *r, const struct arena_actor *x, bool self, const char *self_words)
{
    if (self)
        html_fmt(&r->resp.body, "<td>%s</td>", self_words);
    else
        html_fmt(&r->resp.body, "<td><a href=\"/organisations/%lld\">%s</a></td>", (long long)x->id,
                 x->name ? x->name : "");
}

static void row(struct req *r, const struct relationship *x, int64_t id, bool admin)
{
    struct buf *b = &r->resp.body;
    bool outgoing = other(x, id) == &x->to;
    html_raw_trusted(b, "<tr>");
    side(r, &x->from, outgoing, T(r, "This organisation"));
    html_fmt(b, "<td>%s</td>", arena_words_relation(r, x->kind));
    side(r, &x->to, !outgoing, T(r, "this organisation"));
    html_fmt(b, "<td>%s</td><td>%s</td>", x->start_date, x->end_date ? x->end_date : "");
    if (admin) {
        html_raw_trusted(b, "<td>");
        if (!x->end_date)
            form_button(r,
                        arena_printf(r->arena, "/relations/%lld/end?organisation=%lld",
                                     (long long)x->id, (long long)id),
                        T(r, "End this relation today"), "inline");
        html_raw_trusted(b, "</td>");
    }
    html_raw_trusted(b, "</tr>\n");
}

/* The table; its Action column only for those who may end a relation. */
static void table(struct req *r, const struct organisation *org, const struct relationship *items,
                  int n, bool admin)
{
    struct buf *b = &r->resp.body;
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No relations of this organisation have been recorded."));
        return;
    }
    html_raw_trusted(b, "<div class=\"table-scroll\"><table id=\"relations-table\">\n<caption>");
    html_fill(b, T(r, "Relations of %s"), org->name, NULL);
    html_fmt(b,
             "</caption>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
             T(r, "From"), T(r, "Relation"), T(r, "To"), T(r, "Since"), T(r, "Until"));
    if (admin)
        html_fmt(b, "<th scope=\"col\">%s</th>", T(r, "Action"));
    html_raw_trusted(b, "</tr></thead>\n<tbody>\n");
    for (int i = 0; i < n; i++)
        row(r, &items[i], org->id, admin);
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

static void add_form(struct req *r, const struct organisation *org)
{
    struct organisation *orgs = NULL;
    int n = 0;
    struct fault ignored = {0};
    organisation_list(r->db, r->arena, ORGANISATION_LIST_MAX, &orgs, &n, &ignored);
    html_fmt(&r->resp.body, "<h2 id=\"add\">%s</h2>\n", T(r, "Record a relation"));
    form_begin(r, arena_printf(r->arena, "/organisations/%lld/relations", (long long)org->id));
    select_begin(r, "kind", T(r, "This organisation ..."));
    for (const char *const *k = relation_kinds(); *k; k++)
        option(r, "kind", *k, arena_words_relation(r, *k));
    html_raw_trusted(&r->resp.body, "</select>\n</div>\n");
    select_begin(r, "to", T(r, "... which organisation"));
    for (int i = 0; i < n; i++)
        if (orgs[i].id != org->id)
            option(r, "to", arena_printf(r->arena, "%lld", (long long)orgs[i].id), orgs[i].name);
    html_raw_trusted(&r->resp.body, "</select>\n</div>\n");
    form_input(r, &(struct form_input){.name = "start_date",
                                       .label = T(r, "Since"),
                                       .type = "date",
                                       .required = true,
                                       .hint = T(r, "The first day, such as 2021-01-01.")});
    form_input(r, &(struct form_input){.name = "end_date",
                                       .label = T(r, "Until (optional)"),
                                       .type = "date",
                                       .hint = T(r, "Leave empty while the relation lasts.")});
    form_end(r, T(r, "Record the relation"));
}

enum err web_organisation_relations(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct organisation org;
    struct relationship *items = NULL;
    int n = 0;
    struct fault f = {0}, why = {0};
    enum err e = organisation_get(r->db, r->arena, id, &org, &f);
    if (e == ERR_OK)
        e = relation_list_for(r->db, r->arena, "organisation", id, &items, &n, &f);
    if (e != ERR_OK) {
        r->fault = f;
        return e;
    }
    bool admin = relation_authorise(r->db, "organisation", id, &r->actor, &why) == ERR_OK;
    struct buf *b = &r->resp.body;
    const char *href = arena_printf(r->arena, "/organisations/%lld", (long long)id);
    struct crumb crumbs[] = {{T(r, "Start"), "/"}, {org.name, href}, {T(r, "Relations"), NULL}};
    layout_begin_crumbs(r, arena_printf(r->arena, "%s: %s", T(r, "Relations"), org.name), crumbs,
                        3);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Relations of %s"), org.name, NULL);
    html_fmt(b, "</h1>\n<p>%s</p>\n",
             T(r, "With whom this organisation collaborates, whom it funds or houses, what it is "
                  "part of and whom it succeeded."));
    if (req_in(r, "done") && r->fault.code == ERR_OK)
        html_fmt(b, "<p class=\"note\" role=\"status\">%s</p>\n",
                 strcmp(req_in(r, "done"), "ended") == 0 ? T(r, "The relation has ended.")
                                                         : T(r, "The relation has been recorded."));
    table(r, &org, items, n, admin);
    if (admin) {
        add_form(r, &org);
    } else {
        refused(r);
        html_fmt(b, "<p>%s</p>\n", why.msgid ? T(r, why.msgid) : "");
    }
    layout_end(r);
    return ERR_OK;
}

static enum err see_other(struct req *r, int64_t org, const char *done)
{
    const char *href =
        arena_printf(r->arena, "/organisations/%lld/relations?done=%s", (long long)org, done);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Relations"));
    html_fmt(&r->resp.body, "<p><a href=\"%s\">%s</a></p>\n", href, T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

enum err web_relation_create(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    const char *end = req_in(r, "end_date");
    struct relationship in = {
        .from = {.type = "organisation", .id = id},
        .to = {.type = "organisation", .id = req_in_int(r, "to", 0)},
        .kind = req_in(r, "kind"),
        .start_date = req_in(r, "start_date"),
        .end_date = end && *end ? end : NULL,
    };
    enum err e = relation_create(r->db, r->arena, &in, &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "recorded");
}

enum err web_relation_end(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0), back = req_in_int(r, "organisation", 0);
    struct relationship x;
    enum err e = relation_end(r->db, r->arena, id, NULL, &r->actor, &r->fault);
    if (e == ERR_OK)
        e = relation_get(r->db, r->arena, id, &x, &r->fault);
    if (e != ERR_OK)
        return e;
    return see_other(r, back == x.to.id ? x.to.id : x.from.id, "ended");
}
