/* Posts at organisations (DESIGN.md §2): how a person becomes a
 * professional.
 *   GET/POST /account/posts            one's posts, and a request for one
 *   POST /account/posts/{id}/end       ending one's own post
 *   GET /organisations/{id}/posts      an organisation admin's desk: the
 *                                      requests to confirm, the posts to end
 *   POST /posts/{id}/confirm|end
 * Every POST answers 303 back to its page, which then says what was done.
 * Who may do what is the model's word (model/post.h); these handlers only
 * show and pass on. */
#include "web/web.h"

#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/organisation.h"
#include "model/post.h"
#include "model/session.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

/* The translated names of the titles of post_titles(), in its order. */
static const char *const title_names[] = {
    N_("Neighbourhood coordinator"), N_("Welfare worker"), N_("Care professional"),
    N_("Residents' representative"), N_("Caretaker"),      N_("Other post"),
};

static const char *title_label(const struct req *r, const char *title)
{
    const char *const *titles = post_titles();
    for (size_t i = 0; titles[i] && i < sizeof title_names / sizeof title_names[0]; i++)
        if (strcmp(titles[i], title) == 0)
            return T(r, title_names[i]);
    return title;
}

static const char *status_label(const struct req *r, const char *status)
{
    if (strcmp(status, "confirmed") == 0)
        return T(r, "Confirmed by the organisation");
    if (strcmp(status, "ended") == 0)
        return T(r, "Ended");
    return T(r, "Waiting for confirmation");
}

static enum err see_other(struct req *r, const char *href)
{
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Your posts"));
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

/* The note that says what the last POST did (?done=...). */
static void done_note(struct req *r)
{
    const char *done = req_in(r, "done");
    if (!done || r->fault.code != ERR_OK)
        return;
    const char *text = strcmp(done, "requested") == 0
                           ? T(r, "Your request has been sent to the organisation's admins.")
                       : strcmp(done, "confirmed") == 0 ? T(r, "The post has been confirmed.")
                                                        : T(r, "The post has ended.");
    html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n", text);
}

/* One row's action button: POST to base/{id}/verb. */
static void row_button(struct req *r, const char *base, const struct post_row *p, const char *verb,
                       const char *label)
{
    form_button(r, arena_printf(r->arena, "%s/%lld/%s", base, (long long)p->post.id, verb), label,
                "inline");
}

/* A table of posts, named by the heading with id heading. mine: one's own
 * (organisation column, End on the active ones); else an organisation's
 * (name column, Confirm on requests, End on confirmed posts). */
static void table(struct req *r, const char *heading, const struct post_row *items, int n,
                  bool mine)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<div class=\"table-scroll\"><table aria-labelledby=\"%s\">\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             heading, mine ? T(r, "Organisation") : T(r, "Name"), T(r, "Post"), T(r, "Status"),
             T(r, "Requested on"), T(r, "Action"));
    for (int i = 0; i < n; i++) {
        const struct post_row *p = &items[i];
        bool active = strcmp(p->post.status, "ended") != 0;
        html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
                 mine ? p->organisation_name : p->person_name, title_label(r, p->post.title),
                 status_label(r, p->post.status), day(r, p->post.requested_at));
        if (mine && active)
            row_button(r, "/account/posts", p, "end", T(r, "End this post"));
        else if (!mine && strcmp(p->post.status, "requested") == 0)
            row_button(r, "/posts", p, "confirm", T(r, "Confirm this post"));
        else if (!mine && active)
            row_button(r, "/posts", p, "end", T(r, "End this post"));
        html_raw_trusted(b, "</td></tr>\n");
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

static void option(struct req *r, const char *value, const char *label, const char *kept)
{
    struct buf *b = &r->resp.body;
    html_raw_trusted(b, "<option value=\"");
    html_attr(b, value);
    html_raw_trusted(b, kept && strcmp(kept, value) == 0 ? "\" selected>" : "\">");
    html_text(b, label);
    html_raw_trusted(b, "</option>\n");
}

/* Opens a labelled <select>, with the error next to it when the last post
 * failed on it; the caller writes the options and select_end(). */
static void select_begin(struct req *r, const char *name, const char *label)
{
    struct buf *b = &r->resp.body;
    bool error = r->fault.code != ERR_OK && r->fault.field && strcmp(r->fault.field, name) == 0;
    html_fmt(b, "<div class=\"field\">\n<label for=\"%s\">%s</label>\n", name, label);
    if (error)
        html_fmt(b, "<p class=\"field-error\" id=\"%s-error\">%s</p>\n", name, errmsg_text(r));
    html_fmt(b, "<select id=\"%s\" name=\"%s\"", name, name);
    if (error)
        html_fmt(b, " aria-describedby=\"%s-error\" aria-invalid=\"true\"", name);
    html_raw_trusted(b, ">\n");
}

static void select_end(struct req *r)
{
    html_raw_trusted(&r->resp.body, "</select>\n</div>\n");
}

static void request_form(struct req *r, const struct organisation *orgs, int norgs)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Ask for a post at an organisation"));
    if (norgs == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No organisation has been registered yet."));
        return;
    }
    form_begin(r, "/account/posts");
    const char *kept = form_value(r, "organisation");
    select_begin(r, "organisation", T(r, "Organisation"));
    for (int i = 0; i < norgs; i++)
        option(r, arena_printf(r->arena, "%lld", (long long)orgs[i].id), orgs[i].name, kept);
    select_end(r);
    const char *const *titles = post_titles();
    kept = form_value(r, "title");
    select_begin(r, "title", T(r, "Post"));
    for (size_t i = 0; titles[i]; i++)
        option(r, titles[i], title_label(r, titles[i]), kept);
    select_end(r);
    form_end(r, T(r, "Ask for the post"));
}

enum err web_posts_page(struct req *r)
{
    struct post_row *mine = NULL;
    struct organisation *orgs = NULL;
    int n = 0, norgs = 0;
    enum err e =
        post_list_for_person(r->db, r->arena, r->session->person_id, NULL, &mine, &n, &r->fault);
    if (e == ERR_OK)
        e = organisation_list(r->db, r->arena, ORGANISATION_LIST_MAX, &orgs, &norgs, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Your posts");
    struct crumb crumbs[] = {{T(r, "Your capacity"), "/account/capacity"}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(b, "<h1 id=\"posts-title\">%s</h1>\n<p>%s</p>\n", title,
             T(r, "A post at an organisation makes you a professional once an admin of that "
                  "organisation has confirmed it. You end a post acting as a professional."));
    done_note(r);
    if (n > 0)
        table(r, "posts-title", mine, n, true);
    else
        html_fmt(b, "<p>%s</p>\n", T(r, "You hold no post at an organisation."));
    request_form(r, orgs, norgs);
    layout_end(r);
    return ERR_OK;
}

enum err web_post_request(struct req *r)
{
    enum err e = post_request(r->db, req_in_int(r, "organisation", 0), req_in(r, "title"),
                              &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : see_other(r, "/account/posts?done=requested");
}

enum err web_post_end_mine(struct req *r)
{
    enum err e = post_end(r->db, req_in_int(r, "id", 0), &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, "/account/posts?done=ended");
}

/* One of the two lists of an organisation's desk, with its heading (its id
 * is id). */
static void org_list(struct req *r, const char *id, const char *heading,
                     const struct post_row *items, int n, const char *none)
{
    html_fmt(&r->resp.body, "<h2 id=\"%s\">%s</h2>\n", id, heading);
    if (n > 0)
        table(r, id, items, n, false);
    else
        html_fmt(&r->resp.body, "<p>%s</p>\n", none);
}

enum err web_organisation_posts(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct organisation org;
    struct post_row *waiting = NULL, *held = NULL;
    int nwaiting = 0, nheld = 0;
    enum err e = post_authorise_organisation(r->db, id, &r->actor, &r->fault);
    if (e == ERR_OK)
        e = organisation_get(r->db, r->arena, id, &org, &r->fault);
    if (e == ERR_OK)
        e = post_list_for_organisation(r->db, r->arena, id, "requested", &waiting, &nwaiting,
                                       &r->fault);
    if (e == ERR_OK)
        e = post_list_for_organisation(r->db, r->arena, id, "confirmed", &held, &nheld, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    layout_begin(r, arena_printf(r->arena, "%s: %s", T(r, "Posts"), org.name));
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Posts at %s"), org.name, NULL);
    html_fmt(b, "</h1>\n<p>%s</p>\n",
             T(r, "Confirm only people who really hold this post at your organisation: a "
                  "confirmed post lets them act as a professional."));
    done_note(r);
    org_list(r, "waiting", T(r, "Requests waiting for confirmation"), waiting, nwaiting,
             T(r, "There are no requests waiting."));
    org_list(r, "confirmed", T(r, "Confirmed posts"), held, nheld,
             T(r, "There are no confirmed posts."));
    layout_end(r);
    return ERR_OK;
}

/* After confirming or ending on an organisation's desk: back to it. */
static enum err back_to_desk(struct req *r, int64_t post_id, const char *done)
{
    struct post p;
    enum err e = post_get(r->db, r->arena, post_id, &p, &r->fault);
    if (e != ERR_OK)
        return e;
    return see_other(r, arena_printf(r->arena, "/organisations/%lld/posts?done=%s",
                                     (long long)p.organisation_id, done));
}

enum err web_post_confirm(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = post_confirm(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : back_to_desk(r, id, "confirmed");
}

enum err web_post_end(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = post_end(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : back_to_desk(r, id, "ended");
}
