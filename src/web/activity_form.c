/* The activities of an initiative or a collective, and the forms that make
 * and change them:
 *   GET  /initiatives/{id}/activities   the coming activities, the feed and,
 *   GET  /collectives/{id}/activities   for the organisers, the form to add one
 *   POST /initiatives/{id}/activities   create (303 to the new activity)
 *   POST /collectives/{id}/activities
 *   GET  /activities/{id}/edit          the form filled in
 *   POST /activities/{id}/edit          change (303 back to the activity)
 * The recurrence is chosen as "once", "every N weeks on days" or "monthly"
 * with days such as 1TU (the first Tuesday), ending on a date or after a
 * number of times; dates and times are Europe/Amsterdam. Who may is the
 * model's word; the page asks the policy only to choose what to show. */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "model/activity.h"
#include "model/area.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/initiative.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

/* The owner a page is about: exactly one id non-zero. */
struct owner {
    int64_t initiative_id, collective_id;
    const char *name;
    const char *href; /* its page */
};

static enum err owner_get(struct req *r, int64_t initiative_id, int64_t collective_id,
                          struct owner *o)
{
    *o = (struct owner){initiative_id, collective_id, NULL, NULL};
    if (initiative_id) {
        struct initiative in;
        enum err e = initiative_get(r->db, r->arena, initiative_id, &in, &r->fault);
        o->name = e == ERR_OK ? in.title : NULL;
        o->href = arena_printf(r->arena, "/initiatives/%" PRId64, initiative_id);
        return e;
    }
    struct collective c;
    enum err e = collective_get(r->db, r->arena, collective_id, &c, &r->fault);
    o->name = e == ERR_OK ? c.name : NULL;
    o->href = arena_printf(r->arena, "/collectives/%" PRId64, collective_id);
    return e;
}

/* Whether act may create activities for the owner (the policy's word). */
static bool may_organise(struct req *r, const struct owner *o)
{
    enum relation rel = REL_OTHER;
    bool board = false;
    struct fault f = {0};
    if (o->initiative_id)
        (void)initiative_relation(r->db, o->initiative_id, &r->actor, &rel, &f);
    else if (r->actor.person_id &&
             collective_is_board_member(r->db, o->collective_id, r->actor.person_id, &board, &f) ==
                 ERR_OK &&
             board)
        rel = REL_INITIATOR;
    return capacity_check(r->db, &r->actor, ACT_ACTIVITY_CREATE, rel, &f) == ERR_OK;
}

/* ---- the form ------------------------------------------------------------------ */

static void text_input(struct req *r, const char *name, const char *label, const char *type,
                       const char *hint, int maxlength, bool required)
{
    form_input(r, &(struct form_input){.name = name,
                                       .label = label,
                                       .type = type,
                                       .hint = hint,
                                       .maxlength = maxlength,
                                       .required = required});
}

static void option(struct req *r, const char *value, const char *label, const char *kept)
{
    html_raw_trusted(&r->resp.body, "<option value=\"");
    html_attr(&r->resp.body, value);
    html_fmt(&r->resp.body, "\"%s>%s</option>\n",
             kept && strcmp(kept, value) == 0 ? " selected" : "", label);
}

static void select_begin(struct req *r, const char *name, const char *label)
{
    form_field_begin(r, "activity-", name, label);
    html_fmt(&r->resp.body, "<select id=\"activity-%s\" name=\"%s\"", name, name);
    form_field_attrs(r, "activity-", name);
    html_raw_trusted(&r->resp.body, ">\n");
}

static void buurt_select(struct req *r, const struct owner *o)
{
    struct area_page page = {0};
    const char *kept = form_value(r, "buurt");
    if (o->initiative_id) {
        struct initiative in;
        if (initiative_get(r->db, r->arena, o->initiative_id, &in, NULL) != ERR_OK)
            return;
        page.items = arena_array(r->arena, (size_t)in.n_areas + 1, sizeof *page.items);
        for (int i = 0; i < in.n_areas; i++)
            if (area_get(r->db, r->arena, in.areas[i], &page.items[page.n], NULL) == ERR_OK)
                page.n++;
    } else {
        struct collective c;
        struct area one;
        if (collective_get(r->db, r->arena, o->collective_id, &c, NULL) != ERR_OK ||
            area_get(r->db, r->arena, c.area_code, &one, NULL) != ERR_OK)
            return;
        struct area_filter flt = {.parent_code = c.area_code, .kind = AREA_BUURT, .limit = 500};
        if (one.kind == AREA_BUURT)
            page = (struct area_page){.items = arena_array(r->arena, 1, sizeof one), .n = 1};
        if (one.kind == AREA_BUURT)
            page.items[0] = one;
        else if (area_list(r->db, r->arena, &flt, &page, NULL) != ERR_OK)
            return;
    }
    select_begin(r, "buurt", T(r, "Buurt"));
    for (int i = 0; i < page.n; i++)
        option(r, page.items[i].code, page.items[i].name, kept);
    html_raw_trusted(&r->resp.body, "</select>\n</div>\n");
}

static void place_fields(struct req *r, const struct owner *o)
{
    struct activity_place *places;
    int n = 0;
    text_input(r, "address", T(r, "Address"), "text",
               T(r, "Where it takes place, for example: Buurthuis De Kroon, Kroonstraat 4. Or "
                    "choose a location below instead."),
               ACTIVITY_LINE_MAX, false);
    if (activity_places(r->db, r->arena, o->initiative_id, o->collective_id, &places, &n, NULL) !=
            ERR_OK ||
        n == 0)
        return;
    select_begin(r, "location_id", T(r, "Or a location in the neighbourhood"));
    option(r, "", T(r, "(none: the address above)"), form_value(r, "location_id"));
    for (int i = 0; i < n; i++)
        option(r, arena_printf(r->arena, "%" PRId64, places[i].id), places[i].name,
               form_value(r, "location_id"));
    html_raw_trusted(&r->resp.body, "</select>\n</div>\n");
}

static void recurrence_fields(struct req *r)
{
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, "freq");
    html_fmt(b, "<fieldset>\n<legend>%s</legend>\n", T(r, "Repeats"));
    select_begin(r, "freq", T(r, "How often"));
    option(r, "none", T(r, "Once"), kept);
    option(r, "WEEKLY", T(r, "Every week (or every few weeks)"), kept);
    option(r, "MONTHLY", T(r, "Every month"), kept);
    html_raw_trusted(b, "</select>\n</div>\n");
    text_input(r, "interval", T(r, "Every how many weeks or months"), "number",
               T(r, "1 for every week or month, 2 for every other one."), 0, false);
    text_input(r, "byday", T(r, "On which days"), "text",
               T(r, "MO, TU, WE, TH, FR, SA or SU, separated by commas. For a monthly one put a "
                    "number in front: 1TU is the first Tuesday, -1FR the last Friday. Empty: "
                    "the day of the first date."),
               60, false);
    text_input(r, "until", T(r, "Until"), "date", T(r, "The last day it may happen (optional)."), 0,
               false);
    text_input(r, "count", T(r, "Or this many times"), "number", NULL, 0, false);
    html_raw_trusted(b, "</fieldset>\n");
}

static void roles_fields(struct req *r)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<fieldset>\n<legend>%s</legend>\n<p class=\"hint\">%s</p>\n",
             T(r, "Volunteer roles"),
             T(r, "For example: making coffee, 2 people. Leave empty when none are needed."));
    for (int i = 1; i <= 3; i++) {
        const char *name = arena_printf(r->arena, "role_%d_name", i);
        const char *needed = arena_printf(r->arena, "role_%d_needed", i);
        text_input(r, name, arena_printf(r->arena, "%s %d", T(r, "Role"), i), "text", NULL,
                   ACTIVITY_ROLE_NAME_MAX, false);
        text_input(r, needed, T(r, "People needed"), "number", NULL, 0, false);
    }
    html_raw_trusted(b, "</fieldset>\n");
}

static void activity_form(struct req *r, const struct owner *o, const char *action, bool roles,
                          const char *submit)
{
    struct buf *b = &r->resp.body;
    form_begin(r, action);
    text_input(r, "title", T(r, "Title"), "text", NULL, ACTIVITY_TITLE_MAX, true);
    form_field_begin(r, "activity-", "description", T(r, "Description"));
    html_raw_trusted(b, "<textarea id=\"activity-description\" name=\"description\" rows=\"5\"");
    form_field_attrs(r, "activity-", "description");
    html_raw_trusted(b, ">");
    html_text(b, form_value(r, "description"));
    html_raw_trusted(b, "</textarea>\n</div>\n");
    buurt_select(r, o);
    text_input(r, "date", T(r, "Date"), "date", T(r, "The (first) day, as YYYY-MM-DD."), 0, true);
    text_input(r, "starts", T(r, "Starts at"), "time", T(r, "As HH:MM."), 0, true);
    text_input(r, "ends", T(r, "Ends at"), "time", T(r, "As HH:MM."), 0, true);
    text_input(r, "end_date", T(r, "Ends on another day"), "date",
               T(r, "Only when it ends on a later day than it starts."), 0, false);
    recurrence_fields(r);
    place_fields(r, o);
    text_input(r, "capacity", T(r, "Places"), "number",
               T(r, "How many people can take part. Empty: no limit. When it is full, people "
                    "join a waiting list."),
               0, false);
    if (roles)
        roles_fields(r);
    form_end(r, submit);
}

/* ---- the owner's page ---------------------------------------------------------- */

static void coming_table(struct req *r, const struct activity *items, int n)
{
    struct buf *b = &r->resp.body;
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No activities are planned."));
        return;
    }
    html_fmt(b,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "</tr></thead>\n<tbody>\n",
             T(r, "Activities"), T(r, "Activity"), T(r, "When"), T(r, "Places"));
    for (int i = 0; i < n; i++) {
        bool cancelled = strcmp(items[i].status, "cancelled") == 0;
        html_fmt(b,
                 "<tr><td><a href=\"/activities/%lld\">%s</a>%s</td><td>%s</td><td>%s</td></tr>\n",
                 (long long)items[i].id, web_activity_title(r, &items[i]),
                 cancelled ? arena_printf(r->arena, " (%s)", T(r, "cancelled")) : "",
                 web_activity_when_words(r, &items[i]), web_activity_places(r, &items[i]));
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

static enum err owner_page(struct req *r, int64_t initiative_id, int64_t collective_id)
{
    struct owner o;
    struct activity *items;
    int n = 0;
    enum err e = owner_get(r, initiative_id, collective_id, &o);
    if (e == ERR_OK)
        e = activity_list(r->db, r->arena,
                          initiative_id ? ACTIVITY_OF_INITIATIVE : ACTIVITY_OF_COLLECTIVE,
                          initiative_id ? initiative_id : collective_id, NULL, r->actor.now, &items,
                          &n, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *self = arena_printf(r->arena, "%s/activities", o.href);
    struct crumb crumbs[] = {{o.name, o.href}, {T(r, "Activities"), NULL}};
    layout_begin_crumbs(r, arena_printf(r->arena, "%s: %s", T(r, "Activities"), o.name), crumbs, 2);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Activities of %s"), o.name, NULL);
    html_raw_trusted(b, "</h1>\n");
    coming_table(r, items, n);
    html_fmt(b, "<p><a href=\"%s.ics\">%s</a></p>\n", self,
             T(r, "Calendar feed (iCalendar) of these activities"));
    if (may_organise(r, &o)) {
        html_fmt(b, "<h2 id=\"new-activity\">%s</h2>\n", T(r, "Organise an activity"));
        activity_form(r, &o, self, true, T(r, "Create the activity"));
    } else if (r->fault.code != ERR_OK) { /* a refused post, without a form to show it */
        html_fmt(b,
                 "<div class=\"form-errors\" role=\"alert\"><p><strong>%s</strong> %s</p></div>\n",
                 T(r, "This did not work:"), errmsg_text(r));
    }
    layout_end(r);
    return ERR_OK;
}

enum err web_activities_initiative(struct req *r)
{
    return owner_page(r, req_in_int(r, "id", 0), 0);
}

enum err web_activities_collective(struct req *r)
{
    return owner_page(r, 0, req_in_int(r, "id", 0));
}

/* The input of a posted form. */
static struct activity_input form_input_of(struct req *r, struct activity_role_input *roles)
{
    struct activity_input in = {
        .title = req_in(r, "title"),
        .description = req_in(r, "description"),
        .buurt = req_in(r, "buurt"),
        .date = req_in(r, "date"),
        .starts = req_in(r, "starts"),
        .ends = req_in(r, "ends"),
        .end_date = req_in(r, "end_date"),
        .freq = req_in(r, "freq"),
        .interval = req_in(r, "interval"),
        .byday = req_in(r, "byday"),
        .until = req_in(r, "until"),
        .count = req_in(r, "count"),
        .address = req_in(r, "address"),
        .location_id = req_in_int(r, "location_id", 0),
        .capacity = (int)req_in_int(r, "capacity", 0),
        .roles = roles,
    };
    for (int i = 1; roles && i <= 3; i++) {
        const char *name = req_in(r, arena_printf(r->arena, "role_%d_name", i));
        int needed = (int)req_in_int(r, arena_printf(r->arena, "role_%d_needed", i), 0);
        if (name || needed)
            roles[in.n_roles++] = (struct activity_role_input){name, needed};
    }
    if (in.location_id > 0 && in.address && !*in.address)
        in.address = NULL;
    return in;
}

static enum err create(struct req *r, int64_t initiative_id, int64_t collective_id)
{
    struct activity_role_input roles[3];
    struct activity_input in = form_input_of(r, roles);
    int64_t id = 0;
    enum err e =
        activity_create(r->db, initiative_id, collective_id, &in, &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : web_activity_see_other(r, id, "created");
}

enum err web_activity_create_initiative(struct req *r)
{
    return create(r, req_in_int(r, "id", 0), 0);
}

enum err web_activity_create_collective(struct req *r)
{
    return create(r, 0, req_in_int(r, "id", 0));
}

/* ---- changing one -------------------------------------------------------------- */

/* Puts the stored activity into r->form, as the form shows it. */
static void fill_form(struct req *r, const struct activity *a)
{
    struct activity_when w;
    int64_t day, end_day;
    int start, end;
    char d1[11], d2[11], t1[6], t2[6];
    schedule_local(a->starts_at, &day, &start);
    schedule_local(a->ends_at, &end_day, &end);
    schedule_day_text(day, d1);
    schedule_day_text(end_day, d2);
    schedule_time_text(start, t1);
    schedule_time_text(end, t2);
    struct buf byday = BUF_INIT;
    bool recurs = a->rrule && activity_when_of(r->arena, a, &w, NULL) == ERR_OK;
    char until[11] = "";
    if (recurs) {
        schedule_byday_text(&w.rule, &byday);
        if (w.rule.until >= 0)
            schedule_day_text(w.rule.until, until);
    }
    const char *v[][2] = {
        {"title", a->title},
        {"description", a->description},
        {"buurt", a->buurt_code},
        {"date", arena_strdup(r->arena, d1)},
        {"starts", arena_strdup(r->arena, t1)},
        {"ends", arena_strdup(r->arena, t2)},
        {"end_date", end_day != day ? arena_strdup(r->arena, d2) : ""},
        {"freq", !recurs                          ? "none"
                 : w.rule.freq == SCHEDULE_WEEKLY ? "WEEKLY"
                                                  : "MONTHLY"},
        {"interval", recurs ? arena_printf(r->arena, "%d", w.rule.interval) : ""},
        {"byday", arena_strdup(r->arena, buf_cstr(&byday))},
        {"until", arena_strdup(r->arena, until)},
        {"count", recurs && w.rule.count ? arena_printf(r->arena, "%d", w.rule.count) : ""},
        {"address", a->address ? a->address : ""},
        {"location_id", a->location_id ? arena_printf(r->arena, "%" PRId64, a->location_id) : ""},
        {"capacity", a->capacity ? arena_printf(r->arena, "%d", a->capacity) : ""},
    };
    buf_free(&byday);
    size_t n = sizeof v / sizeof v[0];
    r->form.items = arena_array(r->arena, n, sizeof *r->form.items);
    for (r->form.n = 0; r->form.n < n; r->form.n++)
        r->form.items[r->form.n] = (struct kv){v[r->form.n][0], v[r->form.n][1]};
}

enum err web_activity_edit_page(struct req *r)
{
    struct activity a;
    struct owner o;
    enum err e = activity_get(r->db, r->arena, req_in_int(r, "id", 0), &a, &r->fault);
    if (e == ERR_OK)
        e = owner_get(r, a.initiative_id, a.collective_id, &o);
    if (e != ERR_OK)
        return e;
    if (r->fault.code == ERR_OK)
        fill_form(r, &a);
    const char *self = arena_printf(r->arena, "/activities/%" PRId64, a.id);
    const char *title = web_activity_title(r, &a);
    struct crumb crumbs[] = {{o.name, o.href}, {title, self}, {T(r, "Change"), NULL}};
    layout_begin_crumbs(r, arena_printf(r->arena, "%s: %s", T(r, "Change"), title), crumbs, 3);
    html_raw_trusted(&r->resp.body, "<h1>");
    html_fill(&r->resp.body, T(r, "Change %s"), title, NULL);
    html_fmt(&r->resp.body, "</h1>\n<p>%s</p>\n",
             T(r, "Everyone signed up and every volunteer hears of the change."));
    activity_form(r, &o, arena_printf(r->arena, "%s/edit", self), false, T(r, "Save"));
    layout_end(r);
    return ERR_OK;
}

enum err web_activity_edit(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct activity_input in = form_input_of(r, NULL);
    enum err e = activity_update(r->db, id, &in, &r->actor, &r->fault);
    return e != ERR_OK ? e : web_activity_see_other(r, id, "changed");
}
