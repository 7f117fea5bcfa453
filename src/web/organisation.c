/* Organisations, the arena's actors (DESIGN.md §3), browsed and shown:
 *   GET /organisations?q=&kind=&area=&cursor=   search and browse, paged
 *   GET /organisations/{id}                     one organisation's profile
 * The profile links to what the other parts of the arena show about it
 * (its services, its relations), to the areas it serves and their arena
 * pages, and, for its admins, to the desk of its posts and the edit form
 * (web/organisation_form.c). Everything shown is public (policy
 * organisation.view). */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/area.h"
#include "model/audit.h"
#include "model/organisation.h"
#include "render/byline.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

enum { PAGE_SIZE = 20 };

/* The kinds' names, in the order of organisation_kinds(). */
static const char *const kind_names[] = {
    N_("Institution"),         N_("Formal association"), N_("Informal group"),
    N_("Existing initiative"), N_("Business"),
};

const char *web_organisation_kind_label(struct req *r, const char *kind)
{
    const char *const *kinds = organisation_kinds();
    for (size_t i = 0; kind && kinds[i] && i < sizeof kind_names / sizeof *kind_names; i++)
        if (strcmp(kinds[i], kind) == 0)
            return T(r, kind_names[i]);
    return kind ? kind : "";
}

/* The legal forms' names, in the order of organisation_legal_forms(). */
static const char *const legal_form_names[] = {
    N_("Foundation (stichting)"),
    N_("Association (vereniging)"),
    N_("Cooperative (coöperatie)"),
    N_("Private limited company (bv)"),
    N_("Public limited company (nv)"),
    N_("General partnership (vof)"),
    N_("Sole proprietorship (eenmanszaak)"),
    N_("Partnership (maatschap)"),
    N_("Other legal form"),
};

const char *web_organisation_legal_form_label(struct req *r, const char *form)
{
    const char *const *forms = organisation_legal_forms();
    for (size_t i = 0; form && forms[i] && i < sizeof legal_form_names / sizeof *legal_form_names;
         i++)
        if (strcmp(forms[i], form) == 0)
            return T(r, legal_form_names[i]);
    return form;
}

static void kind_option(struct req *r, const char *value, const char *label, const char *kept)
{
    struct buf *b = &r->resp.body;
    html_raw_trusted(b, "<option value=\"");
    html_attr(b, value);
    html_raw_trusted(b, kept && strcmp(kept, value) == 0 ? "\" selected>" : "\">");
    html_text(b, label);
    html_raw_trusted(b, "</option>\n");
}

/* The search form: a GET form, so its results can be linked to. */
static void search_form(struct req *r)
{
    struct buf *b = &r->resp.body;
    const char *q = req_in(r, "q"), *kind = req_in(r, "kind"), *area = req_in(r, "area");
    html_fmt(b,
             "<form class=\"search\" method=\"get\" action=\"/organisations\" role=\"search\" "
             "aria-label=\"%s\">\n",
             T(r, "Search organisations"));
    html_fmt(b,
             "<div class=\"field\"><label for=\"q\">%s</label>\n"
             "<input type=\"search\" id=\"q\" name=\"q\" maxlength=\"200\" value=\"",
             T(r, "Name contains"));
    html_attr(b, q ? q : "");
    html_fmt(b,
             "\"></div>\n<div class=\"field\"><label for=\"kind\">%s</label>\n"
             "<select id=\"kind\" name=\"kind\">\n",
             T(r, "Kind"));
    kind_option(r, "", T(r, "All kinds"), kind ? kind : "");
    for (const char *const *k = organisation_kinds(); *k; k++)
        kind_option(r, *k, web_organisation_kind_label(r, *k), kind);
    html_fmt(b,
             "</select></div>\n<div class=\"field\"><label for=\"area\">%s</label>\n"
             "<p class=\"hint\" id=\"area-hint\">%s</p>\n"
             "<input type=\"text\" id=\"area\" name=\"area\" maxlength=\"10\" "
             "autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"area-hint\" value=\"",
             T(r, "Area served"),
             T(r, "A CBS code such as GM0363, WK036301 or BU03630101; organisations serving "
                  "the areas around it are found too."));
    html_attr(b, area ? area : "");
    html_fmt(b, "\"></div>\n<button type=\"submit\">%s</button>\n</form>\n", T(r, "Search"));
}

static void organisation_link(struct req *r, const struct organisation *o)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<a href=\"/organisations/%" PRId64 "\">", o->id);
    html_text(b, o->name);
    html_raw_trusted(b, "</a>");
}

/* The link to the next page: the same search from the cursor on. */
static void next_link(struct req *r, int64_t next)
{
    struct buf *b = &r->resp.body;
    const char *keys[] = {"q", "kind", "area"};
    html_raw_trusted(b, "<p class=\"paging\"><a rel=\"next\" href=\"/organisations?");
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        if (!req_in(r, keys[i]))
            continue;
        html_fmt(b, "%s=", keys[i]);
        url_arg(b, req_in(r, keys[i]));
        html_raw_trusted(b, "&amp;");
    }
    html_fmt(b, "cursor=%" PRId64 "\">%s</a></p>\n", next, T(r, "Next page"));
}

static void results(struct req *r, const struct organisation_page *page)
{
    struct buf *b = &r->resp.body;
    if (page->n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No organisation matches this search."));
        return;
    }
    html_fmt(b,
             "<section class=\"table-scroll\" tabindex=\"0\" aria-labelledby=\"orgs-caption\">"
             "<table>\n<caption id=\"orgs-caption\">%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "</tr></thead>\n<tbody>\n",
             T(r, "Organisations found"), T(r, "Name"), T(r, "Kind"), T(r, "Place"));
    for (int i = 0; i < page->n; i++) {
        const struct organisation *o = &page->items[i];
        html_raw_trusted(b, "<tr><th scope=\"row\">");
        organisation_link(r, o);
        html_fmt(b, "</th><td>%s</td><td>%s</td></tr>\n", web_organisation_kind_label(r, o->kind),
                 o->city ? o->city : "");
    }
    html_raw_trusted(b, "</tbody>\n</table></section>\n");
    if (page->next)
        next_link(r, page->next);
}

enum err web_organisations(struct req *r)
{
    struct organisation_query q = {.q = req_in(r, "q"),
                                   .kind = req_in(r, "kind"),
                                   .area = req_in(r, "area"),
                                   .after = req_in_int(r, "cursor", 0),
                                   .limit = PAGE_SIZE};
    struct organisation_page page;
    enum err e = organisation_search(r->db, r->arena, &q, &page, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Organisations");
    struct crumb crumbs[] = {{T(r, "Start"), "/"}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "The institutions, associations, informal groups, initiatives and businesses "
                  "of the neighbourhood: who they are, where they work and how to reach them."));
    search_form(r);
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Results"));
    results(r, &page);
    if (r->session)
        html_fmt(b, "<p><a href=\"/organisations/new\">%s</a></p>\n",
                 T(r, "Register an organisation or an informal group"));
    layout_end(r);
    return ERR_OK;
}

/* One row of the profile's list: label and text, when there is text. */
static void fact(struct req *r, const char *label, const char *text)
{
    if (text)
        html_fmt(&r->resp.body, "<dt>%s</dt><dd>%s</dd>\n", label, text);
}

/* A row whose value is a link to href (rel for a site of its own). */
static void fact_link(struct req *r, const char *label, const char *scheme, const char *value,
                      const char *rel)
{
    struct buf *b = &r->resp.body;
    if (!value)
        return;
    html_fmt(b, "<dt>%s</dt><dd><a href=\"%s", label, scheme);
    html_attr(b, value);
    html_raw_trusted(b, "\"");
    if (rel)
        html_fmt(b, " rel=\"%s\"", rel);
    html_raw_trusted(b, ">");
    html_text(b, value);
    html_raw_trusted(b, "</a></dd>\n");
}

/* The phone row: a tel: link without the spaces, its text with
 * non-breaking ones so that the number never wraps. */
static void phone(struct req *r, const char *number)
{
    struct buf *b = &r->resp.body;
    if (!number)
        return;
    html_fmt(b, "<dt>%s</dt><dd><a href=\"tel:", T(r, "Phone"));
    for (const char *p = number; *p; p++)
        if (*p != ' ')
            html_attr(b, arena_strndup(r->arena, p, 1));
    html_raw_trusted(b, "\">");
    for (const char *p = number; *p; p++)
        html_text(b, *p == ' ' ? "\xc2\xa0" : arena_strndup(r->arena, p, 1));
    html_raw_trusted(b, "</a></dd>\n");
}

static void contact(struct req *r, const struct organisation *o)
{
    struct buf *b = &r->resp.body;
    const char *place =
        o->postal_code || o->city
            ? arena_printf(r->arena, "%s%s%s", o->postal_code ? o->postal_code : "",
                           o->postal_code && o->city ? " " : "", o->city ? o->city : "")
            : NULL;
    html_fmt(b, "<h2>%s</h2>\n<dl class=\"facts\">\n", T(r, "Contact and details"));
    fact(r, T(r, "Kind"), web_organisation_kind_label(r, o->kind));
    fact(r, T(r, "Street"), o->street);
    fact(r, T(r, "Postcode and place"), place);
    phone(r, o->phone);
    fact_link(r, T(r, "E-mail"), "mailto:", o->email, NULL);
    fact_link(r, T(r, "Website"), "", o->website, "nofollow noopener");
    fact(r, T(r, "Legal form"), web_organisation_legal_form_label(r, o->legal_form));
    fact(r, T(r, "KvK number"), o->kvk);
    html_raw_trusted(b, "</dl>\n");
}

static void areas_served(struct req *r, const struct organisation *o)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Areas served"));
    if (o->n_areas == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No areas have been named yet."));
        return;
    }
    html_raw_trusted(b, "<ul class=\"area-list\">\n");
    for (int i = 0; i < o->n_areas; i++) {
        struct area ar;
        const char *name =
            area_get(r->db, r->arena, o->areas[i], &ar, NULL) == ERR_OK ? ar.name : o->areas[i];
        html_raw_trusted(b, "<li><a href=\"/areas/");
        url_arg(b, o->areas[i]);
        html_fmt(b, "\">%s (%s)</a> &middot; <a href=\"/areas/", name, o->areas[i]);
        url_arg(b, o->areas[i]);
        html_raw_trusted(b, "/arena\">");
        html_fill(b, T(r, "Arena of %s"), name, NULL);
        html_raw_trusted(b, "</a></li>\n");
    }
    html_raw_trusted(b, "</ul>\n");
}

/* Who registered it and when, from the public audit entry; nothing when
 * there is none (an organisation from before the audit log). */
static void registered_by(struct req *r, const struct organisation *o)
{
    struct audit_page page;
    const char *id = arena_printf(r->arena, "%" PRId64, o->id);
    if (audit_list_object(r->db, r->arena, "organisation", id, 0, 50, &page, NULL) != ERR_OK)
        return;
    for (int i = page.n - 1; i >= 0; i--) {
        if (strcmp(page.items[i].action, "organisation.create") != 0)
            continue;
        char iso[21];
        clock_iso8601(page.items[i].at, iso);
        html_fmt(&r->resp.body, "<p class=\"byline\">%s ", T(r, "Registered by"));
        byline_write(r, page.items[i].person_id, page.items[i].capacity);
        html_fmt(&r->resp.body, " (%s)</p>\n", arena_strndup(r->arena, iso, 10));
        return;
    }
}

static void links(struct req *r, const struct organisation *o, bool admin)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n<ul>\n", T(r, "More about this organisation"));
    html_fmt(b, "<li><a href=\"/organisations/%" PRId64 "/services\">%s</a></li>\n", o->id,
             T(r, "Services"));
    html_fmt(b, "<li><a href=\"/organisations/%" PRId64 "/relations\">%s</a></li>\n", o->id,
             T(r, "Relations with other organisations"));
    html_fmt(b, "<li><a href=\"/organisations/%" PRId64 "/hours\">%s</a></li>\n", o->id,
             T(r, "Investment hours: pledged and delivered"));
    html_fmt(b, "<li><a href=\"/agreements?party_kind=organisation&amp;party=%" PRId64 "\">%s</a></li>\n",
             o->id, T(r, "Cooperation agreements"));
    html_fmt(b, "<li><a href=\"/audit/organisation/%" PRId64 "\">%s</a></li>\n", o->id,
             T(r, "History of changes"));
    if (admin) {
        html_fmt(b, "<li><a href=\"/organisations/%" PRId64 "/posts\">%s</a></li>\n", o->id,
                 T(r, "Posts at this organisation"));
        html_fmt(b, "<li><a href=\"/organisations/%" PRId64 "/edit\">%s</a></li>\n", o->id,
                 T(r, "Edit the profile"));
    }
    html_raw_trusted(b, "</ul>\n");
}

static void done_note(struct req *r)
{
    const char *done = req_in(r, "done");
    if (!done)
        return;
    html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n",
             strcmp(done, "created") == 0 ? T(r, "The organisation has been registered.")
                                          : T(r, "The profile has been saved."));
}

enum err web_organisation(struct req *r)
{
    struct organisation o;
    enum err e = organisation_get(r->db, r->arena, req_in_int(r, "id", 0), &o, &r->fault);
    if (e != ERR_OK)
        return e;
    bool admin = r->session && organisation_may_edit(r->db, o.id, &r->actor, NULL) == ERR_OK;
    struct buf *b = &r->resp.body;
    struct crumb crumbs[] = {
        {T(r, "Start"), "/"}, {T(r, "Organisations"), "/organisations"}, {o.name, NULL}};
    layout_begin_crumbs(r, o.name, crumbs, 3);
    html_fmt(b, "<h1>%s</h1>\n<p class=\"kind\">%s</p>\n", o.name,
             web_organisation_kind_label(r, o.kind));
    done_note(r);
    if (o.description)
        html_fmt(b, "<p class=\"description\">%s</p>\n", o.description);
    contact(r, &o);
    areas_served(r, &o);
    links(r, &o, admin);
    registered_by(r, &o);
    layout_end(r);
    return ERR_OK;
}
