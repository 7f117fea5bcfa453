/* Declarations of conflicting interests (DESIGN.md §2): someone who is a
 * resident and also works for an organisation says so when that
 * organisation facilitates or funds what they act on as a resident.
 *   GET  /account/interests   one's own declarations, and a form for one
 *   POST /account/interests   declare one (acting as resident or
 *                             professional; policy interest.declare)
 * The POST answers 303 back to the page; a refused form is shown again by
 * the dispatcher with the message next to its field. */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/capacity.h"
#include "model/interest.h"
#include "model/organisation.h"
#include "model/session.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

static void declarations(struct req *r, const struct interest *items, int n)
{
    struct buf *b = &r->resp.body;
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "You have declared no interests."));
        return;
    }
    html_fmt(b,
             "<section class=\"table-scroll\" tabindex=\"0\" aria-labelledby=\"int-caption\">"
             "<table>\n<caption id=\"int-caption\">%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "</tr></thead>\n<tbody>\n",
             T(r, "Your declarations"), T(r, "Organisation"), T(r, "Note"), T(r, "Declared on"));
    for (int i = 0; i < n; i++) {
        char iso[21];
        clock_iso8601(items[i].declared_at, iso);
        html_fmt(b, "<tr><th scope=\"row\"><a href=\"/organisations/%" PRId64 "\">",
                 items[i].organisation_id);
        html_text(b, items[i].organisation_name);
        html_fmt(b, "</a></th><td>%s</td><td>%s</td></tr>\n", items[i].note ? items[i].note : "",
                 arena_strndup(r->arena, iso, 10));
    }
    html_raw_trusted(b, "</tbody>\n</table></section>\n");
}

static void organisation_select(struct req *r, const struct organisation *orgs, int n)
{
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, "organisation");
    bool error = form_has_error(r, "organisation");
    html_fmt(b, "<div class=\"field\">\n<label for=\"organisation\">%s</label>\n",
             T(r, "Organisation"));
    if (error)
        html_fmt(b, "<p class=\"field-error\" id=\"organisation-error\">%s</p>\n", errmsg_text(r));
    html_raw_trusted(b, "<select id=\"organisation\" name=\"organisation\"");
    if (error)
        html_raw_trusted(b, " aria-describedby=\"organisation-error\" aria-invalid=\"true\"");
    html_raw_trusted(b, ">\n");
    for (int i = 0; i < n; i++) {
        const char *value = arena_printf(r->arena, "%" PRId64, orgs[i].id);
        html_fmt(b, "<option value=\"%s\"%s>", value,
                 kept && strcmp(kept, value) == 0 ? " selected" : "");
        html_text(b, orgs[i].name);
        html_raw_trusted(b, "</option>\n");
    }
    html_raw_trusted(b, "</select>\n</div>\n");
}

static void note_field(struct req *r)
{
    struct buf *b = &r->resp.body;
    bool error = form_has_error(r, "note");
    html_fmt(b,
             "<div class=\"field\">\n<label for=\"note\">%s</label>\n"
             "<p class=\"hint\" id=\"note-hint\">%s</p>\n",
             T(r, "Note"), T(r, "What ties you to it, in a few words; at most 500 characters."));
    if (error)
        html_fmt(b, "<p class=\"field-error\" id=\"note-error\">%s</p>\n", errmsg_text(r));
    html_fmt(b,
             "<textarea id=\"note\" name=\"note\" rows=\"3\" maxlength=\"%d\" "
             "aria-describedby=\"note-hint%s\"%s>",
             INTEREST_NOTE_MAX, error ? " note-error" : "", error ? " aria-invalid=\"true\"" : "");
    html_text(b, form_value(r, "note"));
    html_raw_trusted(b, "</textarea>\n</div>\n");
}

enum err web_interests_page(struct req *r)
{
    struct interest *items = NULL;
    struct organisation *orgs = NULL;
    int n = 0, norgs = 0;
    enum err e = interest_list_mine(r->db, r->arena, r->session->person_id, &items, &n, &r->fault);
    if (e == ERR_OK)
        e = organisation_list(r->db, r->arena, ORGANISATION_LIST_MAX, &orgs, &norgs, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Your declared interests");
    struct crumb crumbs[] = {{T(r, "Your account"), "/account"}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "When an organisation you work for facilitates or funds something you act on "
                  "as a resident, declare it here. Others then know where you stand."));
    if (req_in(r, "done") && r->fault.code == ERR_OK)
        html_fmt(b, "<p class=\"note\" role=\"status\">%s</p>\n",
                 T(r, "Your declaration has been recorded."));
    declarations(r, items, n);
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Declare an interest"));
    if (norgs == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No organisation has been registered yet."));
    } else {
        form_begin(r, "/account/interests");
        organisation_select(r, orgs, norgs);
        note_field(r);
        form_end(r, T(r, "Declare"));
    }
    layout_end(r);
    return ERR_OK;
}

enum err web_interest_declare(struct req *r)
{
    enum err e = capacity_declare_interest(r->db, req_in_int(r, "organisation", 0),
                                           req_in(r, "note"), &r->actor, NULL, &r->fault);
    if (e != ERR_OK)
        return e;
    r->resp.status = 303;
    req_header(r, "Location", "/account/interests?done=1");
    layout_begin(r, T(r, "Your declared interests"));
    html_fmt(&r->resp.body, "<p><a href=\"/account/interests?done=1\">%s</a></p>\n",
             T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}
