/* Services on the web (DESIGN.md §3, the arena): finding them and reading
 * them.
 *   GET /services?q=&area=&language=     the search, with its results
 *   GET /services/{id}                   a service: what, where, when (its
 *                                        opening hours in words and its next
 *                                        openings), languages, cost, contact
 *   GET /organisations/{id}/services     an organisation's services (and,
 *                                        for its admins, the form to add one:
 *                                        web/service_form.c)
 * Everything here is public. */
#include "web/web.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "model/organisation.h"
#include "model/service.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"
#include "web/service_words.h"

static void search_form(struct req *r)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<form method=\"get\" action=\"/services\" role=\"search\">\n");
    const struct form_input inputs[] = {
        {"q", T(r, "Name or description"), "search", NULL, NULL, 200, false},
        {"area", T(r, "Area code (buurt, wijk or gemeente)"), "text", NULL,
         T(r, "For example BU99010101 or WK990101."), 10, false},
        {"language", T(r, "Language"), "text", NULL, T(r, "A language code such as nl, en or tr."),
         40, false},
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        const char *v = req_in(r, inputs[i].name);
        html_fmt(b, "<div class=\"field\">\n<label for=\"%s\">%s</label>\n", inputs[i].name,
                 inputs[i].label);
        if (inputs[i].hint)
            html_fmt(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", inputs[i].name,
                     inputs[i].hint);
        html_fmt(b, "<input id=\"%s\" name=\"%s\" type=\"%s\" value=\"%s\"", inputs[i].name,
                 inputs[i].name, inputs[i].type, v ? v : "");
        if (inputs[i].hint)
            html_fmt(b, " aria-describedby=\"%s-hint\"", inputs[i].name);
        html_raw_trusted(b, ">\n</div>\n");
    }
    html_fmt(b, "<button type=\"submit\">%s</button>\n</form>\n", T(r, "Search"));
}

/* A table of services with their organisation, named by the caption. */
static void service_table(struct req *r, const char *caption, const struct service *items, int n)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "</tr></thead>\n<tbody>\n",
             caption, T(r, "Service"), T(r, "Organisation"), T(r, "Status"));
    for (int i = 0; i < n; i++) {
        html_fmt(b,
                 "<tr><th scope=\"row\"><a href=\"/services/%lld\">%s</a></th>"
                 "<td><a href=\"/organisations/%lld\">%s</a></td><td>%s</td></tr>\n",
                 (long long)items[i].id, items[i].name, (long long)items[i].organisation_id,
                 items[i].organisation_name, service_status_label(r, items[i].status));
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

enum err web_services_search(struct req *r)
{
    struct service_query q = {.q = req_in(r, "q"),
                              .area = req_in(r, "area"),
                              .language = req_in(r, "language"),
                              .limit = SERVICE_PAGE_MAX,
                              .offset = (int)(req_in_int(r, "page", 1) - 1) * SERVICE_PAGE_MAX};
    struct service_page p = {0};
    enum err e = service_search(r->db, r->arena, &q, &p, &r->fault);
    if (e != ERR_OK && e != ERR_INVALID && e != ERR_NOT_FOUND)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Services");
    layout_begin(r, title);
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "What the organisations in the neighbourhood offer: find a service by name, "
                  "by area or by the language it is given in."));
    if (e != ERR_OK) {
        r->resp.status = e == ERR_INVALID ? 400 : 404;
        html_fmt(b, "<p class=\"field-error\" role=\"alert\">%s</p>\n", errmsg_text(r));
    }
    search_form(r);
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Results"));
    if (p.n == 0)
        html_fmt(b, "<p>%s</p>\n", T(r, "No service matches."));
    else
        service_table(
            r, arena_printf(r->arena, "%s (%lld)", T(r, "Services found"), (long long)p.total),
            p.items, p.n);
    layout_end(r);
    return ERR_OK;
}

/* ---- one service ---------------------------------------------------------------- */

static void facts(struct req *r, const struct service_detail *d)
{
    struct buf *b = &r->resp.body;
    const struct service *s = &d->service;
    html_fmt(b,
             "<dl class=\"facts\">\n<dt>%s</dt><dd><a href=\"/organisations/%lld\">%s</a></dd>\n"
             "<dt>%s</dt><dd>%s</dd>\n",
             T(r, "Organisation"), (long long)s->organisation_id, s->organisation_name,
             T(r, "Status"), service_status_label(r, s->status));
    if (d->nlanguages) {
        html_fmt(b, "<dt>%s</dt><dd>", T(r, "Languages"));
        for (int i = 0; i < d->nlanguages; i++)
            html_fmt(b, "%s%s", i ? ", " : "", service_language_label(r, d->languages[i]));
        html_raw_trusted(b, "</dd>\n");
    }
    for (int i = 0; i < d->ncosts; i++)
        html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "Cost"), service_cost_text(r, &d->costs[i]));
    if (s->url)
        html_fmt(b, "<dt>%s</dt><dd><a href=\"%s\">%s</a></dd>\n", T(r, "Website"), s->url, s->url);
    if (s->email)
        html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "E-mail"), s->email);
    for (int i = 0; i < d->ncontacts; i++) {
        const struct service_contact *c = &d->contacts[i];
        html_fmt(b, "<dt>%s</dt><dd>%s%s%s%s%s</dd>\n", T(r, "Contact"), c->name ? c->name : "",
                 c->name && (c->phone || c->email) ? ", " : "", c->phone ? c->phone : "",
                 c->phone && c->email ? ", " : "", c->email ? c->email : "");
    }
    html_raw_trusted(b, "</dl>\n");
}

static void locations(struct req *r, const struct service_detail *d)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Where"));
    if (d->nlocations == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No location has been given."));
        return;
    }
    html_fmt(b,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Locations"), T(r, "Location"), T(r, "Address"), T(r, "Area"),
             T(r, "Accessibility"));
    for (int i = 0; i < d->nlocations; i++) {
        const struct location *l = &d->locations[i];
        html_fmt(b, "<tr><th scope=\"row\">%s</th><td>%s%s%s%s%s</td><td>", l->name,
                 l->street ? l->street : "", l->street && (l->postal_code || l->city) ? ", " : "",
                 l->postal_code ? l->postal_code : "", l->postal_code && l->city ? " " : "",
                 l->city ? l->city : "");
        if (l->area_code)
            html_fmt(b, "<a href=\"/areas/%s\">%s</a>", l->area_code,
                     l->area_name ? l->area_name : l->area_code);
        html_raw_trusted(b, "</td><td>");
        for (int k = 0; k < l->naccessibility; k++)
            html_fmt(b, "%s%s", k ? "; " : "", l->accessibility[k]);
        html_raw_trusted(b, "</td></tr>\n");
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

static int by_day(const void *x, const void *y)
{
    const struct schedule_occurrence *a = x, *c = y;
    int64_t ka = a->day * 1440 + a->opens, kc = c->day * 1440 + c->opens;
    return (ka > kc) - (ka < kc);
}

static void opening_hours(struct req *r, const struct service_detail *d)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n", T(r, "When"));
    if (d->nschedules == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No opening hours have been given."));
        return;
    }
    html_raw_trusted(b, "<ul class=\"schedules\">\n");
    for (int i = 0; i < d->nschedules; i++) {
        const struct service_schedule *s = &d->schedules[i];
        html_fmt(b, "<li>%s", service_schedule_words(r, &s->rule));
        for (int k = 0; s->location_id && k < d->nlocations; k++)
            if (d->locations[k].id == s->location_id)
                html_fmt(b, " (%s)", d->locations[k].name);
        if (s->description)
            html_fmt(b, ": %s", s->description);
        html_raw_trusted(b, "</li>\n");
    }
    html_raw_trusted(b, "</ul>\n");
    int64_t today;
    int minute, n = 0;
    schedule_local(r->actor.now, &today, &minute);
    struct schedule_occurrence all[5 * 20];
    for (int i = 0; i < d->nschedules && i < 20; i++)
        n += schedule_next(&d->schedules[i].rule, today, minute, 5, all + n);
    qsort(all, (size_t)n, sizeof all[0], by_day);
    html_fmt(b, "<h3>%s</h3>\n", T(r, "Next open"));
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "There are no more openings in the schedule."));
        return;
    }
    html_raw_trusted(b, "<ul class=\"next-open\">\n");
    for (int i = 0; i < n && i < 5; i++)
        html_fmt(b, "<li>%s</li>\n", service_occurrence_words(r, &all[i]));
    html_raw_trusted(b, "</ul>\n");
}

enum err web_service(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct service_detail d;
    enum err e = service_detail_get(r->db, r->arena, id, &d, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    struct crumb crumbs[] = {{T(r, "Services"), "/services"}, {d.service.name, NULL}};
    layout_begin_crumbs(r, d.service.name, crumbs, 2);
    html_fmt(b, "<h1>%s</h1>\n", d.service.name);
    const char *done = req_in(r, "done");
    if (done)
        html_fmt(b, "<p class=\"note\" role=\"status\">%s</p>\n", T(r, "Saved."));
    if (d.service.description)
        html_fmt(b, "<p class=\"description\">%s</p>\n", d.service.description);
    facts(r, &d);
    locations(r, &d);
    opening_hours(r, &d);
    if (service_authorise(r->db, d.service.organisation_id, &r->actor, NULL) == ERR_OK)
        html_fmt(b, "<p><a href=\"/services/%lld/edit\">%s</a></p>\n", (long long)id,
                 T(r, "Change this service, add a location or opening hours"));
    layout_end(r);
    return ERR_OK;
}

enum err web_organisation_services(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct organisation org;
    struct service *items = NULL;
    int n = 0;
    enum err e = organisation_get(r->db, r->arena, id, &org, &r->fault);
    if (e == ERR_OK)
        e = service_list_for_organisation(r->db, r->arena, id, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = arena_printf(r->arena, "%s: %s", T(r, "Services"), org.name);
    struct crumb crumbs[] = {
        {T(r, "Organisations"), "/organisations"},
        {org.name, arena_printf(r->arena, "/organisations/%lld", (long long)id)},
        {T(r, "Services"), NULL}};
    layout_begin_crumbs(r, title, crumbs, 3);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Services of %s"), org.name, NULL);
    html_raw_trusted(b, "</h1>\n");
    /* A post of the form that failed and that the form will not show again
     * (someone who may not add services): say why here. */
    if (r->fault.code != ERR_OK && service_authorise(r->db, id, &r->actor, NULL) != ERR_OK)
        html_fmt(b, "<p class=\"error-message\">%s</p>\n", errmsg_text(r));
    if (n == 0)
        html_fmt(b, "<p>%s</p>\n", T(r, "This organisation has not listed a service yet."));
    else
        service_table(r, T(r, "Services"), items, n);
    if (service_authorise(r->db, id, &r->actor, NULL) == ERR_OK)
        web_service_create_form(r, id);
    layout_end(r);
    return ERR_OK;
}
