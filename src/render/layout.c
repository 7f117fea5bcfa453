/* The page frame every HTML page shares: head, site header with navigation
 * and language switch, breadcrumbs, main, footer; and the error page. The
 * markup has no inline script or style (the CSP forbids both) and gives
 * assistive technology what it needs: a skip link, labelled landmarks, the
 * page language, aria-current for where the visitor is. */
#include "render/layout.h"

#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "model/notification.h"
#include "model/session.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/i18n.h"
#include "render/req.h"

static const char *const language_names[] = {"Nederlands", "English", NULL};

/* Writes the current path, each segment percent-encoded, "/" for none. */
static void current_path(struct buf *b, const char *path)
{
    if (!path || path[0] != '/') {
        buf_putc(b, '/');
        return;
    }
    const char *p = path;
    while (*p == '/') {
        const char *seg = ++p;
        while (*p && *p != '/')
            p++;
        buf_putc(b, '/');
        /* url_arg takes a C string: encode the segment through a copy. */
        struct buf tmp = BUF_INIT;
        buf_append(&tmp, seg, (size_t)(p - seg));
        url_arg(b, buf_cstr(&tmp));
        buf_free(&tmp);
    }
}

static void language_switch(struct req *r)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<nav class=\"lang-switch\" aria-label=\"%s\"><ul>", T(r, "Language"));
    for (int i = 0; i18n_languages[i]; i++) {
        const char *lang = i18n_languages[i];
        html_raw_trusted(b, "<li><a href=\"");
        current_path(b, r->path);
        html_fmt(b, "?lang=%s\" lang=\"%s\" hreflang=\"%s\"", lang, lang, lang);
        if (r->lang && strcmp(r->lang, lang) == 0)
            html_raw_trusted(b, " aria-current=\"true\"");
        html_fmt(b, ">%s</a></li>", language_names[i]);
    }
    html_raw_trusted(b, "</ul></nav>");
}

/* The link to one's notifications with the unread count: one probe of a
 * partial index (model/notification.h), the only query the frame makes. A
 * failing count leaves the number out rather than failing the page. */
static void unread_link(struct req *r)
{
    struct buf *b = &r->resp.body;
    int64_t unread = 0;
    struct fault f = {0};
    if (!r->db || notification_unread_count(r->db, r->session->person_id, &unread, &f) != ERR_OK)
        unread = 0;
    html_fmt(b, "<li><a class=\"notifications-link\" href=\"/notifications\">%s",
             T(r, "Notifications"));
    if (unread > 0) {
        html_raw_trusted(b, " <span class=\"unread-count\">");
        html_fill(b, T(r, "(%s unread)"), arena_printf(r->arena, "%lld", (long long)unread), NULL);
        html_raw_trusted(b, "</span>");
    }
    html_raw_trusted(b, "</a></li>");
}

/* Sign in and sign up, or one's account and a sign-out button (a form:
 * signing out changes state, so it is a CSRF-checked post, not a link). */
static void account_nav(struct req *r)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<nav class=\"account-nav\" aria-label=\"%s\"><ul>", T(r, "Account"));
    if (r->session) {
        html_fmt(b, "<li><a href=\"/account\">%s</a></li>", T(r, "Your account"));
        html_fmt(b, "<li><a href=\"/conflicts\">%s</a></li>", T(r, "Conflict cases"));
        html_fmt(b, "<li><a href=\"/me/calendar\">%s</a></li>", T(r, "My activities"));
        html_fmt(b, "<li><a href=\"/me/skills\">%s</a></li>", T(r, "My skills"));
        unread_link(r);
        /* The capacity acted in, on every page (DESIGN.md §2). */
        html_fmt(b, "<li><a class=\"acting-as\" href=\"/account/capacity\">%s %s</a></li><li>",
                 T(r, "Acting as"),
                 r->session->capacity ? r->session->capacity : T(r, "no capacity chosen"));
        form_button(r, "/sign-out", T(r, "Sign out"), "sign-out");
        html_raw_trusted(b, "</li>");
    } else {
        html_fmt(b, "<li><a href=\"/sign-in\">%s</a></li>", T(r, "Sign in"));
        html_fmt(b, "<li><a href=\"/sign-up\">%s</a></li>", T(r, "Sign up"));
    }
    html_raw_trusted(b, "</ul></nav>\n");
}

static void site_header(struct req *r)
{
    struct buf *b = &r->resp.body;
    bool home = r->path && strcmp(r->path, "/") == 0;
    html_fmt(b, "<a class=\"skip-link\" href=\"#main\">%s</a>\n", T(r, "Skip to main content"));
    html_raw_trusted(b, "<header class=\"site-header\">\n"
                        "<a class=\"site-name\" href=\"/\">Wijkregie</a>\n");
    html_fmt(b, "<nav class=\"site-nav\" aria-label=\"%s\"><ul>", T(r, "Main menu"));
    html_raw_trusted(b, "<li><a href=\"/\"");
    if (home)
        html_raw_trusted(b, " aria-current=\"page\"");
    html_fmt(b, ">%s</a></li>", T(r, "Start"));
    html_fmt(b, "<li><a href=\"/#gemeenten\">%s</a></li>", T(r, "Municipalities"));
    html_fmt(b, "<li><a href=\"/organisations\">%s</a></li>", T(r, "Organisations"));
    html_fmt(b, "<li><a href=\"/agreements\">%s</a></li>", T(r, "Agreements"));
    html_fmt(b, "<li><a href=\"/zones\">%s</a></li>", T(r, "Rule-free zones"));
    html_fmt(b, "<li><a href=\"/practices\">%s</a></li></ul></nav>\n", T(r, "Practice library"));
    account_nav(r);
    language_switch(r);
    html_raw_trusted(b, "\n</header>\n");
}

static void breadcrumbs(struct req *r, const struct crumb *crumbs, int n)
{
    struct buf *b = &r->resp.body;
    if (n <= 0 || !crumbs)
        return;
    html_fmt(b, "<nav class=\"breadcrumbs\" aria-label=\"%s\"><ol>", T(r, "Breadcrumb"));
    for (int i = 0; i < n; i++) {
        if (crumbs[i].href) {
            html_raw_trusted(b, "<li><a href=\"");
            html_attr(b, crumbs[i].href);
            html_fmt(b, "\">%s</a></li>", crumbs[i].label);
        } else {
            html_fmt(b, "<li><span aria-current=\"page\">%s</span></li>", crumbs[i].label);
        }
    }
    html_raw_trusted(b, "</ol></nav>\n");
}

/* The doctype and head, up to and with <body>. */
static void head(struct req *r, const char *title)
{
    struct buf *b = &r->resp.body;
    r->resp.content_type = "text/html; charset=utf-8";
    html_fmt(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n", r->lang ? r->lang : "nl");
    html_raw_trusted(b,
                     "<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    if (title && strcmp(title, "Wijkregie") != 0)
        html_fmt(b, "<title>%s – Wijkregie</title>\n", title);
    else
        html_raw_trusted(b, "<title>Wijkregie</title>\n");
    html_raw_trusted(b, "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
                        "</head>\n<body>\n");
}

void layout_begin_crumbs(struct req *r, const char *title, const struct crumb *crumbs, int n)
{
    struct buf *b = &r->resp.body;
    head(r, title);
    site_header(r);
    breadcrumbs(r, crumbs, n);
    html_raw_trusted(b, "<main id=\"main\">\n");
}

void layout_begin(struct req *r, const char *title)
{
    layout_begin_crumbs(r, title, NULL, 0);
}

void layout_begin_bare(struct req *r, const char *title)
{
    head(r, title);
    html_raw_trusted(&r->resp.body, "<main id=\"main\" class=\"print-page\">\n");
}

void layout_end_bare(struct req *r)
{
    html_raw_trusted(&r->resp.body, "</main>\n</body>\n</html>\n");
}

void layout_end(struct req *r)
{
    struct buf *b = &r->resp.body;
    html_raw_trusted(b, "</main>\n<footer class=\"site-footer\">\n");
    html_fmt(b, "<p>%s</p>\n",
             T(r, "Wijkregie: residents run their own neighbourhood; "
                  "professionals and the municipality facilitate."));
    html_fmt(b, "<p>%s</p>\n", T(r, "Key figures: CBS, Kerncijfers wijken en buurten."));
    html_raw_trusted(b, "</footer>\n</body>\n</html>\n");
}

/* The heading of an error page for an HTTP status. */
static const char *status_heading(int status)
{
    switch (status) {
    case 400:
    case 422:
        return N_("Invalid request");
    case 401:
        return N_("Sign in required");
    case 403:
        return N_("Not allowed");
    case 404:
        return N_("Not found");
    case 405:
        return N_("Method not allowed");
    case 409:
        return N_("Not possible right now");
    case 413:
        return N_("Request too large");
    case 415:
        return N_("Unsupported content type");
    case 429:
        return N_("Too many requests");
    case 503:
        return N_("Temporarily unavailable");
    default:
        return N_("Something went wrong");
    }
}

void layout_error_page(struct req *r)
{
    const char *message = errmsg_text(r);
    const char *heading = T(r, status_heading(r->resp.status));
    /* Whatever a failing handler wrote before its error is dropped. */
    buf_reset(&r->resp.body);
    layout_begin(r, heading);
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h1>%s</h1>\n<p class=\"error-message\">%s</p>\n", heading, message);
    html_fmt(b, "<p><a href=\"/\">%s</a></p>\n", T(r, "Back to the start page"));
    layout_end(r);
}
