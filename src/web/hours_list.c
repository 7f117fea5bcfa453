/* Investment hours per organisation and per area (DESIGN.md §3: pledged
 * versus delivered is public):
 *   GET  /organisations/{id}/hours      the organisation's pledges with
 *                                       their balances, and for its admin
 *                                       the form to pledge hours
 *   POST /organisations/{id}/hours      pledge hours (303 to the pledge)
 *   GET  /organisations/{id}/hours.csv  the organisation's ledger
 *   GET  /areas/{code}/hours            pledged versus delivered in an area
 *                                       (its buurten's hours count towards
 *                                       a wijk and a gemeente), per
 *                                       organisation and per pledge
 *   GET  /areas/{code}/hours.csv        the area's ledger */
#include "web/web.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "model/area.h"
#include "model/hours.h"
#include "model/organisation.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"
#include "web/hours_words.h"

static void pledge_form(struct req *r, int64_t org)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"pledge\">%s</h2>\n<p>%s</p>\n", T(r, "Pledge investment hours"),
             T(r, "Commit hours for experiments in a buurt, wijk or gemeente for a period. "
                  "The pledge and the hours delivered against it are public."));
    form_begin(r, arena_printf(r->arena, "/organisations/%" PRId64 "/hours", org));
    form_input(r, &(struct form_input){.name = "hours",
                                       .label = T(r, "Hours"),
                                       .type = "text",
                                       .hint = T(r, "For example 400 or 12.5."),
                                       .maxlength = 8,
                                       .required = true});
    form_input(r, &(struct form_input){.name = "area",
                                       .label = T(r, "Area code"),
                                       .type = "text",
                                       .hint = T(r, "The CBS code of the buurt, wijk or "
                                                    "gemeente, for example WK036301."),
                                       .maxlength = 10,
                                       .required = true});
    form_input(r, &(struct form_input){.name = "starts_on",
                                       .label = T(r, "First day of the period"),
                                       .type = "date",
                                       .hint = T(r, "A date such as 2027-01-01."),
                                       .required = true});
    form_input(r, &(struct form_input){.name = "ends_on",
                                       .label = T(r, "Last day of the period"),
                                       .type = "date",
                                       .hint = T(r, "A date such as 2027-01-01."),
                                       .required = true});
    form_input(r, &(struct form_input){.name = "initiative",
                                       .label = T(r, "Earmarked for initiative (optional)"),
                                       .type = "text",
                                       .hint = T(r, "The initiative's number, as in its address "
                                                    "/initiatives/12."),
                                       .maxlength = 18});
    form_input(r, &(struct form_input){.name = "collective",
                                       .label = T(r, "Earmarked for collective (optional)"),
                                       .type = "text",
                                       .hint = T(r, "The collective's number, as in its address "
                                                    "/collectives/3."),
                                       .maxlength = 18});
    form_end(r, T(r, "Pledge the hours"));
}

enum err web_hours_organisation(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct organisation o;
    struct hours_pledge *items = NULL;
    struct hours_balance total;
    int n = 0;
    enum err e = organisation_get(r->db, r->arena, id, &o, &r->fault);
    if (e == ERR_OK)
        e = hours_pledges_of_organisation(r->db, r->arena, id, &items, &n, &total, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Investment hours");
    const char *href = arena_printf(r->arena, "/organisations/%" PRId64, id);
    struct crumb crumbs[] = {{o.name, href}, {title, NULL}};
    layout_begin_crumbs(r, arena_printf(r->arena, "%s: %s", title, o.name), crumbs, 2);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Investment hours of %s"), o.name, NULL);
    html_fmt(b, "</h1>\n<p>%s</p>\n",
             T(r, "The hours this organisation pledged for experiments by residents, and the "
                  "hours its professionals delivered."));
    hours_words_balance(r, T(r, "All pledges of this organisation"), &total);
    hours_words_pledges(r, T(r, "Pledges of hours"), items, n, false);
    html_fmt(b, "<p><a href=\"/organisations/%lld/hours.csv\">%s</a></p>\n", (long long)id,
             T(r, "Download the ledger (CSV)"));
    if (r->actor.person_id &&
        hours_authorise(r->db, id, ACT_HOURS_PLEDGE, &r->actor, NULL) == ERR_OK)
        pledge_form(r, id);
    else if (r->fault.code != ERR_OK)
        html_fmt(b,
                 "<div class=\"form-errors\" role=\"alert\"><p><strong>%s</strong> %s</p></div>\n",
                 T(r, "This did not work:"), errmsg_text(r));
    layout_end(r);
    return ERR_OK;
}

enum err web_hours_pledge(struct req *r)
{
    int64_t org = req_in_int(r, "id", 0), id = 0;
    struct hours_pledge_input in = {.organisation_id = org,
                                    .area_code = req_in(r, "area"),
                                    .hours = req_in(r, "hours"),
                                    .starts_on = req_in(r, "starts_on"),
                                    .ends_on = req_in(r, "ends_on"),
                                    .initiative_id = req_in_int(r, "initiative", 0),
                                    .collective_id = req_in_int(r, "collective", 0)};
    enum err e = hours_pledge_make(r->db, r->arena, &in, &r->actor, &id, &r->fault);
    if (e != ERR_OK)
        return e;
    const char *href = arena_printf(r->arena, "/hours/%" PRId64 "?done=pledged", id);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Investment hours"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

enum err web_hours_org_csv(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct organisation o;
    enum err e = organisation_get(r->db, r->arena, id, &o, &r->fault);
    return e != ERR_OK
               ? e
               : hours_words_csv(r, HOURS_SCOPE_ORGANISATION, id, NULL,
                                 arena_printf(r->arena, "hours-organisation-%" PRId64 ".csv", id));
}

/* "over-delivered by 12", plain text for html_fmt to escape. */
static const char *over_text(struct req *r, int64_t tenths)
{
    struct fault words = {.args = {hours_words_tenths(r, tenths)}};
    char *text = fault_format(T(r, "over-delivered by %s"), &words);
    const char *out = arena_strdup(r->arena, text);
    free(text);
    return out;
}

static void org_row(struct req *r, const struct hours_org_total *t)
{
    struct buf *b = &r->resp.body;
    const struct hours_balance *bal = &t->balance;
    html_fmt(b, "<tr><th scope=\"row\"><a href=\"/organisations/%lld/hours\">",
             (long long)t->organisation_id);
    html_text(b, t->organisation_name);
    html_fmt(b, "</a></th><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
             t->pledges, hours_words_tenths(r, bal->pledged), hours_words_tenths(r, bal->delivered),
             hours_words_tenths(r, bal->withdrawn),
             hours_over_delivered(bal) > 0 ? over_text(r, hours_over_delivered(bal))
                                           : hours_words_tenths(r, bal->open > 0 ? bal->open : 0));
}

static void org_table(struct req *r, const struct hours_org_total *items, int n)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"organisations\">%s</h2>\n", T(r, "Hours per organisation"));
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No hours have been pledged yet."));
        return;
    }
    html_fmt(b,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "</tr></thead>\n<tbody>\n",
             T(r, "Pledged versus delivered per organisation"), T(r, "Organisation"),
             T(r, "Pledges"), T(r, "Hours pledged"), T(r, "Hours delivered"),
             T(r, "Hours withdrawn"), T(r, "Still open"));
    for (int i = 0; i < n; i++)
        org_row(r, &items[i]);
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

enum err web_hours_area(struct req *r)
{
    const char *code = req_in(r, "code");
    struct area ar;
    struct hours_pledge *items = NULL;
    struct hours_org_total *orgs = NULL;
    struct hours_balance total;
    int n = 0, n_orgs = 0;
    enum err e = area_get(r->db, r->arena, code, &ar, &r->fault);
    if (e == ERR_OK)
        e = hours_pledges_of_area(r->db, r->arena, code, &items, &n, &total, &r->fault);
    if (e == ERR_OK)
        e = hours_area_organisations(r->db, r->arena, code, &orgs, &n_orgs, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Investment hours");
    const char *href = arena_printf(r->arena, "/areas/%s", ar.code);
    struct crumb crumbs[] = {{ar.name, href}, {title, NULL}};
    layout_begin_crumbs(r, arena_printf(r->arena, "%s: %s", title, ar.name), crumbs, 2);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Investment hours in %s"), ar.name, NULL);
    html_fmt(b, "</h1>\n<p>%s</p>\n",
             T(r, "Hours organisations pledged for experiments here, and the hours they "
                  "delivered. A buurt's hours count towards its wijk and its gemeente."));
    hours_words_balance(r, T(r, "All pledges in this area"), &total);
    org_table(r, orgs, n_orgs);
    html_fmt(b, "<h2 id=\"pledges\">%s</h2>\n", T(r, "Hours per pledge"));
    hours_words_pledges(r, T(r, "Pledges of hours in this area"), items, n, true);
    html_raw_trusted(b, "<p><a href=\"/areas/");
    url_arg(b, ar.code);
    html_fmt(b, "/hours.csv\">%s</a></p>\n", T(r, "Download the ledger (CSV)"));
    layout_end(r);
    return ERR_OK;
}

enum err web_hours_area_csv(struct req *r)
{
    const char *code = req_in(r, "code");
    struct area ar;
    enum err e = area_get(r->db, r->arena, code, &ar, &r->fault);
    return e != ERR_OK ? e
                       : hours_words_csv(r, HOURS_SCOPE_AREA, 0, ar.code,
                                         arena_printf(r->arena, "hours-%s.csv", ar.code));
}
