/* iCalendar feeds of activities (RFC 5545; DESIGN.md §6):
 *   GET /initiatives/{id}/activities.ics       an initiative's activities
 *   GET /collectives/{id}/activities.ics       a collective's
 *   GET /areas/{code}/activities.ics           a buurt's, or a wijk's buurten'
 *   GET /calendar/{token}/activities.ics       what one person signed up for,
 *                                              behind a private, revocable token
 * One VEVENT per activity (render/activity_ical.h): recurring ones with
 * RRULE and their cancelled occurrences as EXDATE, cancelled ones with
 * STATUS:CANCELLED. Activities whose last occurrence ended more than
 * FEED_PAST_DAYS ago are left out. The feeds are public (activity.view)
 * but for the person's, which only its token opens. */
#include "web/web.h"

#include <inttypes.h>

#include "core/arena.h"
#include "model/activity.h"
#include "model/area.h"
#include "model/collective.h"
#include "model/initiative.h"
#include "render/activity_ical.h"
#include "render/ical.h"
#include "render/req.h"

enum { FEED_PAST_DAYS = 90 };

/* The absolute address of activity id's page, or NULL without a public
 * URL configured. */
static const char *page_url(struct req *r, int64_t id)
{
    const struct config *cfg = r->app ? r->app->cfg : NULL;
    if (!cfg || !cfg->public_url)
        return NULL;
    return arena_printf(r->arena, "%s/activities/%" PRId64, cfg->public_url, id);
}

static enum err feed(struct req *r, const char *name, enum activity_scope scope, int64_t key,
                     const char *code)
{
    struct activity *items;
    int n = 0;
    enum err e = activity_list(r->db, r->arena, scope, key, code,
                               r->actor.now - FEED_PAST_DAYS * 86400, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    ical_begin(b, name);
    for (int i = 0; i < n; i++) {
        struct activity_when w;
        int64_t *ex = NULL;
        int nex = 0;
        if (activity_when_of(r->arena, &items[i], &w, &r->fault) != ERR_OK)
            continue; /* a stored rule that no longer parses: left out, not fatal */
        e = activity_exceptions(r->db, r->arena, items[i].id, &ex, &nex, &r->fault);
        if (e != ERR_OK)
            return e;
        items[i].title = web_activity_title(r, &items[i]); /* the moderator's note if hidden */
        activity_ical_event(b, &items[i], &w, ex, nex, page_url(r, items[i].id));
    }
    ical_end(b);
    r->fault = (struct fault){0};
    r->resp.content_type = "text/calendar; charset=utf-8";
    req_header(r, "Content-Disposition", "inline; filename=\"activities.ics\"");
    return ERR_OK;
}

enum err web_activity_feed_initiative(struct req *r)
{
    struct initiative in;
    int64_t id = req_in_int(r, "id", 0);
    enum err e = initiative_get(r->db, r->arena, id, &in, &r->fault);
    return e != ERR_OK ? e : feed(r, in.title, ACTIVITY_OF_INITIATIVE, id, NULL);
}

enum err web_activity_feed_collective(struct req *r)
{
    struct collective c;
    int64_t id = req_in_int(r, "id", 0);
    enum err e = collective_get(r->db, r->arena, id, &c, &r->fault);
    return e != ERR_OK ? e : feed(r, c.name, ACTIVITY_OF_COLLECTIVE, id, NULL);
}

enum err web_activity_feed_area(struct req *r)
{
    struct area area;
    const char *code = req_in(r, "code");
    enum err e = area_get(r->db, r->arena, code, &area, &r->fault);
    return e != ERR_OK ? e : feed(r, area.name, ACTIVITY_IN_AREA, 0, code);
}

enum err web_activity_feed_person(struct req *r)
{
    int64_t person = 0;
    enum err e = activity_feed_person(r->db, req_in(r, "token"), &person, &r->fault);
    return e != ERR_OK ? e : feed(r, T(r, "My activities"), ACTIVITY_OF_PERSON, person, NULL);
}
