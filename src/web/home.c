/* The home page (GET /): what Wijkregie is, in a few lines; the gemeenten
 * that have been loaded, each a link to its page; and a form to go straight
 * to any gemeente, wijk or buurt by its CBS code. */
#include "web/web.h"

#include "model/area.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

/* Gemeenten are few (342 in the Netherlands in 2024): list them all, a
 * page of the model's largest size at a time. */
#define PAGE_SIZE 500

static void introduction(struct req *r)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h1>%s</h1>\n",
             T(r, "Wijkregie: the neighbourhood in the hands of its residents"));
    html_fmt(b, "<p class=\"lead\">%s</p>\n",
             T(r, "On Wijkregie the residents of a buurt run their own neighbourhood: they start "
                  "initiatives, gather commitment and decide together."));
    html_fmt(b, "<p>%s</p>\n",
             T(r, "Professionals, organisations and the municipality facilitate: they coach, "
                  "connect and make room, but they do not take over."));
    html_fmt(b, "<p>%s</p>\n",
             T(r, "Start with your area: choose your municipality below, or look up a gemeente, "
                  "wijk or buurt by its CBS code."));
}

static void find_form(struct req *r)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"find\">%s</h2>\n", T(r, "Find an area by CBS code"));
    html_raw_trusted(b, "<form class=\"find\" method=\"get\" action=\"/areas\">\n");
    html_fmt(b, "<label for=\"code\">%s</label>\n", T(r, "CBS code"));
    html_fmt(b, "<p class=\"hint\" id=\"code-hint\">%s</p>\n",
             T(r, "For example GM0363 (gemeente), WK036301 (wijk) or BU03630101 (buurt)."));
    html_raw_trusted(b, "<div class=\"find-row\"><input type=\"text\" id=\"code\" name=\"code\" "
                        "required maxlength=\"10\" autocomplete=\"off\" spellcheck=\"false\" "
                        "autocapitalize=\"characters\" aria-describedby=\"code-hint\">\n");
    html_fmt(b, "<button type=\"submit\">%s</button></div>\n</form>\n", T(r, "Find"));
}

/* The list of gemeenten; an error only when the database fails. */
static enum err gemeenten(struct req *r)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"gemeenten\">%s</h2>\n", T(r, "Municipalities"));
    struct area_filter flt = {.kind = AREA_GEMEENTE, .limit = PAGE_SIZE};
    int shown = 0;
    do {
        struct area_page page;
        enum err e = area_list(r->db, r->arena, &flt, &page, &r->fault);
        if (e != ERR_OK)
            return e;
        for (int i = 0; i < page.n; i++) {
            html_raw_trusted(b, shown++ ? "" : "<ul class=\"area-list\">\n");
            html_raw_trusted(b, "<li><a href=\"/areas/");
            url_arg(b, page.items[i].code);
            html_fmt(b, "\">%s</a></li>\n", page.items[i].name);
        }
        flt.after = page.next;
    } while (flt.after);
    if (shown)
        html_raw_trusted(b, "</ul>\n");
    else
        html_fmt(b, "<p>%s</p>\n", T(r, "No municipalities have been loaded yet."));
    return ERR_OK;
}

enum err web_home(struct req *r)
{
    layout_begin(r, "Wijkregie");
    introduction(r);
    find_form(r);
    enum err e = gemeenten(r);
    if (e != ERR_OK)
        return e;
    layout_end(r);
    return ERR_OK;
}
