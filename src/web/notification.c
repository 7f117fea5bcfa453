/* One's notifications inside the platform (issue 6):
 *   GET  /notifications        the list, newest first, a page at a time
 *                              (?before=<id>), unread ones marked
 *   POST /notifications/read   mark one read (id) or all of them (no id)
 * Only the signed-in person's own notifications are ever shown or marked:
 * the person comes from the session, never from the request. The header's
 * unread count links here (render/layout.c). */
#include "web/web.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/notification.h"
#include "model/session.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"
#include "web/offer_words.h"

enum { PAGE_SIZE = 50 };

/* The detail in words: a phase, an offer's kind or a decision's kind is
 * stored as its code and shown in the request's language; anything else
 * (a title, a name) as it is. */
static const char *detail_text(struct req *r, const struct notification *n)
{
    if (strcmp(n->kind, "phase_changed") == 0)
        return web_initiative_phase_label(r, n->detail);
    if (strncmp(n->kind, "offer_", 6) == 0 && strcmp(n->kind, "offer_new") != 0)
        return offer_kind_label(r, n->detail);
    if (strcmp(n->kind, "external_recorded") == 0)
        return external_kind_label(r, n->detail);
    return n->detail;
}

static void item(struct req *r, const struct notification *n)
{
    struct buf *b = &r->resp.body;
    char iso[21];
    clock_iso8601(n->created_at, iso);
    html_fmt(b, "<li class=\"%s\">\n<p>", n->read_at ? "notification" : "notification unread");
    if (!n->read_at)
        html_fmt(b, "<strong>%s</strong> ", T(r, "Unread:"));
    bool link = n->path || n->initiative_id > 0;
    if (n->path)
        html_fmt(b, "<a href=\"%s\">", n->path);
    else if (n->initiative_id > 0)
        html_fmt(b, "<a href=\"/initiatives/%" PRId64 "\">", n->initiative_id);
    html_fill(b, notification_sentence(r, n->kind), n->initiative_title ? n->initiative_title : "",
              NULL);
    if (link)
        html_raw_trusted(b, "</a>");
    html_raw_trusted(b, "</p>\n");
    if (n->detail)
        html_fmt(b, "<p class=\"detail\">%s</p>\n", detail_text(r, n));
    html_fmt(b, "<p class=\"when\"><time datetime=\"%s\">%s</time></p>\n", iso,
             arena_strndup(r->arena, iso, 10));
    if (!n->read_at) {
        form_begin(r, "/notifications/read");
        form_hidden(r, "id", arena_printf(r->arena, "%" PRId64, n->id));
        form_end(r, T(r, "Mark as read"));
    }
    html_raw_trusted(b, "</li>\n");
}

enum err web_notifications_page(struct req *r)
{
    struct notification *items = NULL;
    int n = 0;
    int64_t next = 0, unread = 0;
    int64_t person = r->session->person_id;
    enum err e = notification_list(r->db, r->arena, person, req_in_int(r, "before", 0), PAGE_SIZE,
                                   &items, &n, &next, &r->fault);
    if (e == ERR_OK)
        e = notification_unread_count(r->db, person, &unread, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Notifications");
    layout_begin(r, title);
    html_fmt(b, "<h1>%s</h1>\n", title);
    if (req_in(r, "done") && r->fault.code == ERR_OK)
        html_fmt(b, "<p class=\"note\" role=\"status\">%s</p>\n", T(r, "Marked as read."));
    html_raw_trusted(b, "<p>");
    html_fill(b, T(r, "Unread notifications: %s"), arena_printf(r->arena, "%" PRId64, unread),
              NULL);
    html_raw_trusted(b, "</p>\n");
    if (unread > 0) {
        form_begin(r, "/notifications/read");
        form_end(r, T(r, "Mark all as read"));
    }
    if (n == 0)
        html_fmt(b, "<p>%s</p>\n", T(r, "You have no notifications."));
    else
        html_raw_trusted(b, "<ul class=\"notifications\">\n");
    for (int i = 0; i < n; i++)
        item(r, &items[i]);
    if (n > 0)
        html_raw_trusted(b, "</ul>\n");
    if (next > 0)
        html_fmt(b, "<p><a href=\"/notifications?before=%" PRId64 "\">%s</a></p>\n", next,
                 T(r, "Older notifications"));
    layout_end(r);
    return ERR_OK;
}

enum err web_notifications_read(struct req *r)
{
    enum err e = notification_mark_read(r->db, req_in_int(r, "id", 0), &r->actor, NULL, &r->fault);
    if (e != ERR_OK)
        return e;
    r->resp.status = 303;
    req_header(r, "Location", "/notifications?done=read");
    layout_begin(r, T(r, "Notifications"));
    html_fmt(&r->resp.body, "<p><a href=\"/notifications?done=read\">%s</a></p>\n",
             T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}
