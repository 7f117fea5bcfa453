/* What happens in a buurt or wijk, and one's own calendar link:
 *   GET  /areas/{code}/activities        this week and later this month
 *   GET  /areas/{code}/activities/print  the same, ready to print for the
 *                                        notice board and for residents
 *                                        who are not online: no navigation
 *   GET  /me/calendar                    one's private feed: whether there
 *                                        is a link, make a new one, stop it
 *   POST /me/calendar                    a new link, shown this once
 *                                        (Cache-Control: no-store)
 *   POST /me/calendar/revoke             stop the link (303 back)
 * and the short list of this week on the buurt and wijk pages
 * (web_activities_section). This week is today and the six days after
 * it, this month the weeks after that up to a month from today, in
 * Europe/Amsterdam. */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "model/activity.h"
#include "model/area.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

/* The ends of this week (today and the six days after) and of this month
 * (up to a month from today) after now, unix seconds: a rolling week and
 * month, so that the lists are never empty on a Sunday or the 30th. */
static void periods(int64_t now, int64_t *week_end, int64_t *month_end)
{
    int64_t day;
    int minute;
    schedule_local(now, &day, &minute);
    *week_end = schedule_utc(day + 7, 0);
    *month_end = schedule_utc(day + 31, 0);
}

static void agenda_table(struct req *r, const char *caption, const struct activity_dated *items,
                         int n, bool links)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<div class=\"table-scroll\"><table class=\"agenda\">\n<caption>%s</caption>\n"
             "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             caption, T(r, "When"), T(r, "Activity"), T(r, "Where"), T(r, "Places"));
    for (int i = 0; i < n; i++) {
        const struct activity *a = items[i].activity;
        html_fmt(b, "<tr><td>%s</td><td>", web_activity_occurrence_words(r, &items[i].occurrence));
        if (links)
            html_fmt(b, "<a href=\"/activities/%lld\">%s</a>", (long long)a->id,
                     web_activity_title(r, a));
        else
            html_text(b, web_activity_title(r, a));
        if (items[i].occurrence.cancelled)
            html_fmt(b, " <strong>(%s)</strong>", T(r, "cancelled"));
        html_fmt(b, "<br>%s</td><td>%s</td><td>%s</td></tr>\n", a->owner_name,
                 a->address ? a->address : a->location_name, web_activity_places(r, a));
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

/* One period's section: a heading and its table, or a sentence. */
static enum err period(struct req *r, const char *code, const char *heading, const char *id,
                       int64_t from, int64_t to, bool links)
{
    struct activity_dated *items;
    int n = 0;
    if (to <= from)
        return ERR_OK;
    enum err e = activity_agenda(r->db, r->arena, ACTIVITY_IN_AREA, 0, code, from, to, true, &items,
                                 &n, &r->fault);
    if (e != ERR_OK)
        return e;
    html_fmt(&r->resp.body, "<h2 id=\"%s\">%s</h2>\n", id, heading);
    if (n == 0)
        html_fmt(&r->resp.body, "<p>%s</p>\n", T(r, "Nothing is planned."));
    else
        agenda_table(r, heading, items, n, links);
    return ERR_OK;
}

static enum err both_periods(struct req *r, const char *code, bool links)
{
    int64_t week_end, month_end, now = r->actor.now;
    periods(now, &week_end, &month_end);
    enum err e = period(r, code, T(r, "This week"), "this-week", now, week_end, links);
    if (e == ERR_OK)
        e = period(r, code, T(r, "This month"), "this-month", week_end, month_end, links);
    return e;
}

static enum err area_of(struct req *r, struct area *area)
{
    enum err e = area_get(r->db, r->arena, req_in(r, "code"), area, &r->fault);
    if (e == ERR_OK && area->kind == AREA_GEMEENTE)
        e = req_fail(r, ERR_NOT_FOUND, "code",
                     "Activities are listed per buurt and per wijk; choose one.");
    return e;
}

enum err web_activities_area(struct req *r)
{
    struct area area;
    enum err e = area_of(r, &area);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *href = arena_printf(r->arena, "/areas/%s", area.code);
    struct crumb crumbs[] = {{area.name, href}, {T(r, "Activities"), NULL}};
    layout_begin_crumbs(r, arena_printf(r->arena, "%s: %s", T(r, "Activities"), area.name), crumbs,
                        2);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Activities in %s"), area.name, NULL);
    html_raw_trusted(b, "</h1>\n");
    if ((e = both_periods(r, area.code, true)) != ERR_OK)
        return e;
    html_fmt(b, "<ul class=\"links\">\n<li><a href=\"%s/activities/print\">%s</a></li>\n", href,
             T(r, "A version to print, for the notice board"));
    html_fmt(b, "<li><a href=\"%s/activities.ics\">%s</a></li>\n</ul>\n", href,
             T(r, "Calendar feed (iCalendar) of these activities"));
    layout_end(r);
    return ERR_OK;
}

enum err web_activities_print(struct req *r)
{
    struct area area;
    enum err e = area_of(r, &area);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = arena_printf(r->arena, "%s: %s", T(r, "Activities"), area.name);
    layout_begin_bare(r, title);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Activities in %s"), area.name, NULL);
    html_raw_trusted(b, "</h1>\n");
    if ((e = both_periods(r, area.code, false)) != ERR_OK)
        return e;
    html_fmt(b, "<p>%s</p>\n",
             T(r, "To sign up, ask the organisers or a neighbour, or visit Wijkregie."));
    html_fmt(b, "<p class=\"no-print\"><a href=\"/areas/%s/activities\">%s</a></p>\n", area.code,
             T(r, "Back to the activities"));
    layout_end_bare(r);
    return ERR_OK;
}

enum err web_activities_section(struct req *r, const char *code)
{
    struct buf *b = &r->resp.body;
    int64_t week_end, month_end;
    periods(r->actor.now, &week_end, &month_end);
    struct activity_dated *items;
    int n = 0;
    enum err e = activity_agenda(r->db, r->arena, ACTIVITY_IN_AREA, 0, code, r->actor.now, week_end,
                                 false, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    html_fmt(b,
             "<section aria-labelledby=\"activities-title\">\n<h2 id=\"activities-title\">%s"
             "</h2>\n",
             T(r, "Activities this week"));
    if (n == 0)
        html_fmt(b, "<p>%s</p>\n", T(r, "Nothing is planned this week."));
    else
        html_raw_trusted(b, "<ul>\n");
    for (int i = 0; i < n; i++)
        html_fmt(b, "<li><a href=\"/activities/%lld\">%s</a>, %s</li>\n",
                 (long long)items[i].activity->id, web_activity_title(r, items[i].activity),
                 web_activity_occurrence_words(r, &items[i].occurrence));
    if (n)
        html_raw_trusted(b, "</ul>\n");
    html_fmt(b, "<p><a href=\"/areas/%s/activities\">%s</a></p>\n</section>\n", code,
             T(r, "All activities this week and this month"));
    return ERR_OK;
}

/* ---- one's private calendar link ------------------------------------------------- */

enum err web_calendar_page(struct req *r)
{
    bool exists = false;
    enum err e = activity_feed_token_exists(r->db, r->actor.person_id, &exists, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "My activities");
    struct activity_dated *items;
    int n = 0;
    e = activity_agenda(r->db, r->arena, ACTIVITY_OF_PERSON, r->actor.person_id, NULL, r->actor.now,
                        r->actor.now + 31 * 86400, true, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    layout_begin(r, title);
    html_fmt(b, "<h1>%s</h1>\n", title);
    if (n == 0)
        html_fmt(b, "<p>%s</p>\n",
                 T(r, "You have not signed up for anything in the coming month."));
    else
        agenda_table(r, T(r, "What you signed up for, the coming month"), items, n, true);
    html_fmt(b, "<h2 id=\"calendar-link\">%s</h2>\n<p>%s</p>\n", T(r, "My calendar link"),
             T(r, "A private link to the activities you signed up for, for the calendar on your "
                  "phone or computer. Whoever has the link sees your activities: keep it to "
                  "yourself, and stop it when it may have leaked."));
    if (req_in(r, "done") && r->fault.code == ERR_OK)
        html_fmt(b, "<p class=\"note\" role=\"status\">%s</p>\n",
                 T(r, "Your calendar link no longer works."));
    html_fmt(b, "<p>%s</p>\n",
             exists ? T(r, "You have a calendar link. It is shown only when it is made; a new "
                           "link replaces it.")
                    : T(r, "You have no calendar link."));
    form_button(r, "/me/calendar", exists ? T(r, "Make a new link") : T(r, "Make a link"),
                "inline");
    if (exists)
        form_button(r, "/me/calendar/revoke", T(r, "Stop my calendar link"), "inline");
    layout_end(r);
    return ERR_OK;
}

enum err web_calendar_token(struct req *r)
{
    const char *token = NULL;
    enum err e = activity_feed_token_new(r->db, r->arena, &r->actor, &token, &r->fault);
    if (e != ERR_OK)
        return e;
    const struct config *cfg = r->app ? r->app->cfg : NULL;
    const char *url = arena_printf(r->arena, "%s/calendar/%s/activities.ics",
                                   cfg && cfg->public_url ? cfg->public_url : "", token);
    req_header(r, "Cache-Control", "no-store");
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Your calendar link");
    layout_begin(r, title);
    html_fmt(b, "<h1>%s</h1>\n<p class=\"feed-link\"><a href=\"%s\">%s</a></p>\n", title, url, url);
    html_fmt(b, "<p>%s</p>\n<p><a href=\"/me/calendar\">%s</a></p>\n",
             T(r, "Add this link to your calendar as a subscription. It is shown only now; copy "
                  "it before you leave this page. Any link you made before no longer works."),
             T(r, "Back to my calendar link"));
    layout_end(r);
    return ERR_OK;
}

enum err web_calendar_revoke(struct req *r)
{
    enum err e = activity_feed_token_revoke(r->db, &r->actor, &r->fault);
    if (e != ERR_OK)
        return e;
    r->resp.status = 303;
    req_header(r, "Location", "/me/calendar?done=revoked");
    layout_begin(r, T(r, "My activities"));
    html_fmt(&r->resp.body, "<p><a href=\"/me/calendar?done=revoked\">%s</a></p>\n",
             T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}
