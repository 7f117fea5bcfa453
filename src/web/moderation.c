/* Moderation pages (DESIGN.md §2): anyone signed in reports content written
 * by someone else; a moderator hides it with a reason, or shows it again.
 *   GET/POST /report            the report form (?type=&id=) and the report;
 *                               ?done=1 thanks the reporter
 *   GET /moderation             a moderator's desk: open reports per object,
 *                               each with a hide form, and the standing hides
 *   POST /moderation/hide       hide with a reason
 *   POST /moderation/unhide     show again
 * Who may do what is the model's word (model/moderation.h); these handlers
 * only show and pass on. Content is shown to moderators as written, so that
 * they can judge it; everywhere else a hidden piece shows as hidden
 * (render/moderated.h). */
#include "web/web.h"

#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/capacity.h"
#include "model/moderation.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/moderated.h"
#include "render/req.h"

static enum err see_other(struct req *r, const char *href)
{
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Moderation"));
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

/* What a kind of content is called on the pages. */
static const char *kind_label(const struct req *r, const char *type)
{
    if (strcmp(type, "person") == 0)
        return T(r, "Name");
    return type;
}

/* The label and content of an object, as a moderator or reporter sees it. */
static void object_facts(struct req *r, const char *type, const char *text)
{
    html_fmt(&r->resp.body,
             "<dl class=\"reported\">\n<dt>%s</dt><dd>%s</dd>\n"
             "<dt>%s</dt><dd>%s</dd>\n</dl>\n",
             T(r, "Kind of content"), kind_label(r, type), T(r, "Content"), text ? text : "");
}

/* A labelled text area for a reason; id is unique on the page. When the
 * last post failed on the reason, the error stands next to it. */
static void reason_area(struct req *r, const char *id, const char *label, const char *hint)
{
    struct buf *b = &r->resp.body;
    bool error = r->fault.code != ERR_OK && r->fault.field && strcmp(r->fault.field, "reason") == 0;
    html_fmt(b,
             "<div class=\"field\">\n<label for=\"%s\">%s</label>\n"
             "<p class=\"hint\" id=\"%s-hint\">%s</p>\n",
             id, label, id, hint);
    if (error)
        html_fmt(b, "<p class=\"field-error\" id=\"%s-error\">%s</p>\n", id, errmsg_text(r));
    html_fmt(b,
             "<textarea id=\"%s\" name=\"reason\" rows=\"3\" maxlength=\"%d\" required "
             "aria-describedby=\"%s-hint",
             id, (int)MODERATION_REASON_MAX, id);
    if (error)
        html_fmt(b, " %s-error\" aria-invalid=\"true", id);
    html_raw_trusted(b, "\">");
    html_text(b, form_value(r, "reason"));
    html_raw_trusted(b, "</textarea>\n</div>\n");
}

static const char *report_href(struct req *r, const char *type, const char *id, bool done)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "/report?type=");
    url_arg(&b, type);
    buf_puts(&b, "&id=");
    url_arg(&b, id);
    if (done)
        buf_puts(&b, "&done=1");
    const char *href = arena_strdup(r->arena, buf_cstr(&b));
    buf_free(&b);
    return href;
}

/* The reporter may report this: signed in and not their own content. */
static enum err may_report(struct req *r, int64_t author, struct fault *f)
{
    enum capacity cap;
    enum err e = capacity_of_actor(r->db, &r->actor, &cap, f);
    return e != ERR_OK ? e
                       : capacity_authorise(
                             ACT_MODERATION_REPORT, cap,
                             author > 0 && author == r->actor.person_id ? REL_OWN : REL_OTHER, f);
}

static void report_form(struct req *r, const char *type, const char *id)
{
    form_begin(r, "/report");
    form_hidden(r, "type", type);
    form_hidden(r, "id", id);
    reason_area(r, "reason", T(r, "Why should a moderator look at this?"),
                T(r, "At most 500 characters. A moderator reads your report and decides."));
    form_end(r, T(r, "Send report"));
}

enum err web_report_page(struct req *r)
{
    const char *type = req_in(r, "type"), *id = req_in(r, "id"), *text = NULL;
    int64_t author = 0;
    bool hidden = false;
    const char *why = NULL;
    struct fault f = {0}; /* keeps r->fault: the failed post it may show */
    enum err e = moderation_content(r->db, r->arena, type, id, &author, &text, &f);
    if (e == ERR_OK)
        e = may_report(r, author, &f);
    if (e == ERR_OK)
        e = moderation_is_hidden(r->db, r->arena, type, id, &hidden, &why, &f);
    if (e != ERR_OK) {
        r->fault = f;
        return e;
    }
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Report content");
    layout_begin(r, title);
    html_fmt(b, "<h1>%s</h1>\n", title);
    if (req_in(r, "done") && r->fault.code == ERR_OK) {
        html_fmt(b, "<p class=\"note\" role=\"status\">%s</p>\n",
                 T(r, "Thank you. A moderator will look at your report."));
        html_fmt(b, "<p><a href=\"/\">%s</a></p>\n", T(r, "Back to the start page"));
        layout_end(r);
        return ERR_OK;
    }
    html_fmt(b, "<p>%s</p>\n",
             T(r, "Report content that breaks the rules of the neighbourhood, such as insults. "
                  "A moderator may hide it, with a reason; nobody changes it."));
    /* text written for a few readers stays where they read it */
    object_facts(r, type,
                 hidden                            ? moderated_label(r, why)
                 : moderation_text_is_public(type) ? text
                                                   : "");
    report_form(r, type, id);
    layout_end(r);
    return ERR_OK;
}

enum err web_report(struct req *r)
{
    const char *type = req_in(r, "type"), *id = req_in(r, "id");
    enum err e =
        moderation_report_content(r->db, type, id, req_in(r, "reason"), &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : see_other(r, report_href(r, type, id, true));
}

/* The content of an object for the desk; a vanished one shows as empty. */
static const char *content_text(struct req *r, const char *type, const char *id)
{
    int64_t author = 0;
    const char *text = NULL;
    struct fault f = {0};
    if (moderation_content(r->db, r->arena, type, id, &author, &text, &f) != ERR_OK || !text)
        return "";
    return text;
}

static void hide_form(struct req *r, const struct moderation_reported *m, size_t i)
{
    form_begin(r, "/moderation/hide");
    form_hidden(r, "type", m->object_type);
    form_hidden(r, "id", m->object_id);
    reason_area(r, arena_printf(r->arena, "reason-%zu", i + 1), T(r, "Reason for hiding"),
                T(r, "Required. Readers see it in place of the content."));
    form_end(r, T(r, "Hide"));
}

static void reported_item(struct req *r, const struct moderation_reported *m, size_t i)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<section class=\"report\" aria-labelledby=\"report-%zu\">\n"
             "<h3 id=\"report-%zu\">%s: %s</h3>\n",
             i + 1, i + 1, kind_label(r, m->object_type),
             content_text(r, m->object_type, m->object_id));
    html_fmt(b, "<p>%s %d &middot; %s %s</p>\n", T(r, "Reports:"), m->count, T(r, "newest on"),
             day(r, m->newest_at));
    html_fmt(b, "<p>%s</p>\n<ul>\n", T(r, "Newest reasons:"));
    for (int k = 0; k < m->n_reasons; k++)
        html_fmt(b, "<li>%s</li>\n", m->reasons[k]);
    html_raw_trusted(b, "</ul>\n");
    hide_form(r, m, i);
    html_raw_trusted(b, "</section>\n");
}

static void unhide_form(struct req *r, const struct moderation_hide_row *h)
{
    form_begin(r, "/moderation/unhide");
    form_hidden(r, "type", h->object_type);
    form_hidden(r, "id", h->object_id);
    form_end(r, T(r, "Show again"));
}

static void hidden_table(struct req *r, const struct moderation_hide_row *items, size_t n)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Standing hides"), T(r, "Kind of content"), T(r, "Content"), T(r, "Reason"),
             T(r, "Hidden on"), T(r, "Action"));
    for (size_t i = 0; i < n; i++) {
        const struct moderation_hide_row *h = &items[i];
        html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
                 kind_label(r, h->object_type), content_text(r, h->object_type, h->object_id),
                 h->reason, day(r, h->hidden_at));
        unhide_form(r, h);
        html_raw_trusted(b, "</td></tr>\n");
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

static void done_note(struct req *r)
{
    const char *done = req_in(r, "done");
    if (!done)
        return;
    html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n",
             strcmp(done, "hidden") == 0 ? T(r, "The content is hidden.")
                                         : T(r, "The content is shown again."));
}

enum err web_moderation_page(struct req *r)
{
    struct moderation_reported *reports = NULL;
    struct moderation_hide_row *hides = NULL;
    size_t nr = 0, nh = 0;
    enum err e = moderation_list_reported(r->db, r->arena, &r->actor, &reports, &nr, &r->fault);
    if (e == ERR_OK)
        e = moderation_list_hidden(r->db, r->arena, &r->actor, &hides, &nh, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Moderation");
    layout_begin(r, title);
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "Hide content that breaks the rules, with a reason that readers see in its "
                  "place. Moderation never changes content."));
    done_note(r);
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Open reports"));
    if (nr == 0)
        html_fmt(b, "<p>%s</p>\n", T(r, "There are no open reports."));
    for (size_t i = 0; i < nr; i++)
        reported_item(r, &reports[i], i);
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Hidden content"));
    if (nh == 0)
        html_fmt(b, "<p>%s</p>\n", T(r, "Nothing is hidden."));
    else
        hidden_table(r, hides, nh);
    layout_end(r);
    return ERR_OK;
}

enum err web_moderation_hide(struct req *r)
{
    enum err e = moderation_hide_content(r->db, req_in(r, "type"), req_in(r, "id"),
                                         req_in(r, "reason"), &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, "/moderation?done=hidden");
}

enum err web_moderation_unhide(struct req *r)
{
    enum err e =
        moderation_unhide_content(r->db, req_in(r, "type"), req_in(r, "id"), &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, "/moderation?done=shown");
}
