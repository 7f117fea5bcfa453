/* Residency pages (DESIGN.md §2): becoming a resident of a buurt.
 *   GET/POST /account/residency        one's residencies, a request, and the
 *                                      requests of neighbours one may vouch for
 *   GET/POST /account/residency/code   redeeming the code of a letter
 *   GET /residencies                   a municipality admin's queue
 *   POST /residencies/{id}/verify|reject|vouch
 *   GET/POST /letters                  a batch of letters: the POST answers
 *                                      with the print-ready letters, one per
 *                                      page, each code shown this once.
 * Who may do what is the model's word (model/residency.h via model/desk.h);
 * these handlers only show and pass on. */
#include "web/web.h"

#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/capacity.h"
#include "model/desk.h"
#include "model/residency.h"
#include "model/session.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

static enum err see_other(struct req *r, const char *href)
{
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Residency"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

static const char *day(struct req *r, int64_t t)
{
    char iso[21];
    clock_iso8601(t, iso);
    return arena_strndup(r->arena, iso, 10);
}

static const char *status_label(const struct req *r, const char *status)
{
    if (strcmp(status, "verified") == 0)
        return T(r, "Verified");
    if (strcmp(status, "rejected") == 0)
        return T(r, "Turned down");
    if (strcmp(status, "ended") == 0)
        return T(r, "Ended");
    return T(r, "Waiting for verification");
}

/* A table of residencies; with actions, a button per action for each row. */
static void table(struct req *r, const char *caption, const struct desk_residency *items, int n,
                  bool names, const char *const *actions, const char *const *labels)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>", caption);
    if (names)
        html_fmt(b, "<th scope=\"col\">%s</th>", T(r, "Name"));
    html_fmt(b, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
             T(r, "Buurt"), T(r, "Status"), T(r, "Requested on"));
    if (actions)
        html_fmt(b, "<th scope=\"col\">%s</th>", T(r, "Action"));
    html_raw_trusted(b, "</tr></thead>\n<tbody>\n");
    for (int i = 0; i < n; i++) {
        const struct desk_residency *d = &items[i];
        html_raw_trusted(b, "<tr>");
        if (names)
            html_fmt(b, "<td>%s</td>", d->person_name);
        html_fmt(b, "<td>%s (%s)</td><td>%s</td><td>%s</td>", d->buurt_name, d->buurt_code,
                 status_label(r, d->status), day(r, d->requested_at));
        if (actions) {
            html_raw_trusted(b, "<td>");
            for (int k = 0; actions[k]; k++)
                form_button(
                    r, arena_printf(r->arena, "/residencies/%lld/%s", (long long)d->id, actions[k]),
                    T(r, labels[k]), "inline");
            html_raw_trusted(b, "</td>");
        }
        html_raw_trusted(b, "</tr>\n");
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

static void request_form(struct req *r)
{
    html_fmt(&r->resp.body, "<h2>%s</h2>\n", T(r, "Ask to be a resident of a buurt"));
    form_begin(r, "/account/residency");
    form_input(r, &(struct form_input){"buurt", T(r, "Buurt code"), "text", "off",
                                       T(r, "The CBS code of your buurt, such as BU03630101."), 10,
                                       true});
    form_end(r, T(r, "Ask for residency"));
}

enum err web_residency_page(struct req *r)
{
    struct desk_residency *mine = NULL, *others = NULL;
    int n = 0, nothers = 0;
    int64_t me = r->session->person_id;
    enum err e = desk_residencies_mine(r->db, r->arena, me, &mine, &n, &r->fault);
    if (e == ERR_OK) {
        /* Neighbours to vouch for: shown to a resident acting as one. */
        struct fault why_not = {0};
        e = desk_vouch_queue(r->db, r->arena, &r->actor, &others, &nothers, &why_not);
        if (e == ERR_FORBIDDEN)
            e = ERR_OK;
        else if (e != ERR_OK)
            r->fault = why_not;
    }
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Your residency");
    layout_begin(r, title);
    html_fmt(b, "<h1>%s</h1>\n", title);
    if (n > 0)
        table(r, T(r, "Your residencies"), mine, n, false, NULL, NULL);
    else
        html_fmt(b, "<p>%s</p>\n", T(r, "You are not a resident of any buurt yet."));
    html_fmt(b, "<p><a href=\"/account/residency/code\">%s</a></p>\n",
             T(r, "I received a letter with a code"));
    request_form(r);
    if (nothers > 0) {
        static const char *const actions[] = {"vouch", NULL};
        static const char *const labels[] = {N_("Vouch"), NULL};
        html_fmt(b, "<h2>%s</h2>\n<p>%s</p>\n", T(r, "Neighbours asking to be residents"),
                 T(r, "Vouch only for people you know live in your buurt."));
        table(r, T(r, "Requests you may vouch for"), others, nothers, true, actions, labels);
    }
    layout_end(r);
    return ERR_OK;
}

enum err web_residency_request(struct req *r)
{
    enum err e = residency_request(r->db, req_in(r, "buurt"), &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : see_other(r, "/account/residency");
}

enum err web_residency_code_page(struct req *r)
{
    const char *title = T(r, "Redeem a letter code");
    struct crumb crumbs[] = {{T(r, "Your residency"), "/account/residency"}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(&r->resp.body, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "Ask for residency in your buurt first, then enter the code from the letter."));
    form_begin(r, "/account/residency/code");
    form_input(r, &(struct form_input){
                      "code", T(r, "Code from the letter"), "text", "off",
                      T(r, "Sixteen letters and digits, such as 7KQ4-M2XD-P9RT-HB3C."), 40, true});
    form_end(r, T(r, "Redeem code"));
    layout_end(r);
    return ERR_OK;
}

enum err web_residency_redeem(struct req *r)
{
    enum err e = desk_redeem(r->db, req_in(r, "code"), &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : see_other(r, "/account/residency");
}

enum err web_residency_queue(struct req *r)
{
    static const char *const actions[] = {"verify", "reject", NULL};
    static const char *const labels[] = {N_("Verify"), N_("Turn down"), NULL};
    struct desk_residency *items = NULL;
    int n = 0;
    enum err e = desk_residency_queue(r->db, r->arena, &r->actor, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Residency requests");
    layout_begin(r, title);
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "Requests in the municipalities you are an admin of."));
    if (n > 0)
        table(r, T(r, "Open requests"), items, n, true, actions, labels);
    else
        html_fmt(b, "<p>%s</p>\n", T(r, "There are no open requests."));
    html_fmt(b, "<p><a href=\"/letters\">%s</a></p>\n", T(r, "Print letters with codes"));
    layout_end(r);
    return ERR_OK;
}

enum err web_residency_verify(struct req *r)
{
    enum err e = desk_verify(r->db, req_in_int(r, "id", 0), &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, "/residencies");
}

enum err web_residency_reject(struct req *r)
{
    enum err e = residency_reject(r->db, req_in_int(r, "id", 0), &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, "/residencies");
}

enum err web_residency_vouch(struct req *r)
{
    enum err e = desk_vouch(r->db, req_in_int(r, "id", 0), &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : see_other(r, "/account/residency");
}

enum err web_letters_page(struct req *r)
{
    enum err e =
        capacity_check(r->db, &r->actor, ACT_RESIDENCY_PRINT_LETTERS, REL_MEMBER, &r->fault);
    if (e != ERR_OK)
        return e;
    const char *title = T(r, "Letters with codes");
    struct crumb crumbs[] = {{T(r, "Residency requests"), "/residencies"}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(&r->resp.body, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "Each address gets a letter with a code that is valid for 30 days. The codes "
                  "are shown once, on the next page: print it then."));
    form_begin(r, "/letters");
    form_input(r, &(struct form_input){"buurt", T(r, "Buurt code"), "text", "off", NULL, 10, true});
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<div class=\"field\">\n<label for=\"addresses\">%s</label>\n"
             "<p class=\"hint\" id=\"addresses-hint\">%s</p>\n",
             T(r, "Addresses"), T(r, "One address per line."));
    html_raw_trusted(b, "<textarea id=\"addresses\" name=\"addresses\" rows=\"8\" required "
                        "aria-describedby=\"addresses-hint\">");
    html_text(b, form_value(r, "addresses"));
    html_raw_trusted(b, "</textarea>\n</div>\n");
    form_end(r, T(r, "Make letters"));
    layout_end(r);
    return ERR_OK;
}

/* The lines of text that are not blank, trimmed of a trailing \r. */
static const char **split_lines(struct req *r, const char *text, int *n)
{
    size_t cap = 1;
    for (const char *p = text; *p; p++)
        cap += *p == '\n';
    const char **lines = arena_array(r->arena, cap, sizeof *lines);
    *n = 0;
    for (const char *p = text; *p;) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        size_t keep = len;
        while (keep > 0 && (p[keep - 1] == '\r' || p[keep - 1] == ' '))
            keep--;
        if (keep > 0)
            lines[(*n)++] = arena_strndup(r->arena, p, keep);
        p += len + (end ? 1 : 0);
    }
    return lines;
}

static void letter(struct req *r, const char *buurt, const struct residency_letter_code *c)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<article class=\"letter\">\n<p class=\"letter-address\">%s</p>\n"
             "<h2>%s</h2>\n<p>%s</p>\n",
             c->address, T(r, "Become a resident on Wijkregie"),
             T(r, "With this code you show that you live at this address. Sign in on Wijkregie, "
                  "ask for residency in your buurt and enter the code. It is valid for 30 days "
                  "and can be used once."));
    html_fmt(b,
             "<p>%s: <strong>%s</strong></p>\n<p class=\"letter-code\">%s: "
             "<strong>%s</strong></p>\n</article>\n",
             T(r, "Buurt"), buurt, T(r, "Your code"), c->code);
}

enum err web_letters(struct req *r)
{
    int n = 0;
    const char *buurt = req_in(r, "buurt");
    const char **lines = split_lines(r, req_in(r, "addresses") ? req_in(r, "addresses") : "", &n);
    struct residency_letter_code *codes = NULL;
    enum err e =
        residency_letters_create(r->db, r->arena, buurt, lines, n, &r->actor, &codes, &r->fault);
    if (e != ERR_OK)
        return e;
    req_header(r, "Cache-Control", "no-store");
    struct buf *b = &r->resp.body;
    layout_begin(r, T(r, "Letters to print"));
    html_fmt(b, "<h1 class=\"no-print\">%s</h1>\n<p class=\"no-print\">%s</p>\n",
             T(r, "Letters to print"),
             T(r, "Print this page now: the codes are not stored and cannot be shown again."));
    for (int i = 0; i < n; i++)
        letter(r, buurt, &codes[i]);
    layout_end(r);
    return ERR_OK;
}
