/* An activity's page (DESIGN.md §3, issue 7) and what people do on it:
 *   GET  /activities/{id}                         when, where, places, the
 *                                                 next dates, one's sign-up,
 *                                                 the volunteer roles and, for
 *                                                 the organisers, the sign-ups
 *                                                 and the cancel forms
 *   POST /activities/{id}/sign-up                 sign up (or the waiting list)
 *   POST /activities/{id}/sign-up/cancel          cancel one's sign-up
 *   POST /activities/{id}/roles/{role}/volunteer  volunteer in a role
 *   POST /activities/{id}/roles/{role}/withdraw   withdraw from it
 *   POST /activities/{id}/cancel                  cancel the activity
 *   POST /activities/{id}/cancel-occurrence       cancel one date of a series
 * Every POST answers 303 back to the page; a refused form is shown again
 * by the dispatcher (the page is also served at each POST's path). Who may
 * is the model's word (model/activity.h). */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "model/activity.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

enum { NEXT_DATES = 12 };

static const char *const done_keys[] = {"created",    "changed",   "signed_up", "waiting",
                                        "unsigned",   "volunteer", "withdrawn", "cancelled",
                                        "occurrence", NULL};
static const char *const done_texts[] = {
    N_("The activity has been created."),
    N_("The activity has been changed; everyone signed up has been told."),
    N_("You have signed up: you have a place."),
    N_("The activity is full: you are on the waiting list and hear from us when a place frees "
       "up."),
    N_("Your sign-up has been cancelled."),
    N_("Thank you for volunteering."),
    N_("You no longer volunteer in that role."),
    N_("The activity has been cancelled; everyone signed up has been told."),
    N_("That date has been cancelled; everyone signed up has been told."),
};

enum err web_activity_see_other(struct req *r, int64_t id, const char *done)
{
    const char *href = arena_printf(r->arena, "/activities/%" PRId64 "?done=%s", id, done);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Activity"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

static void done_note(struct req *r)
{
    const char *done = req_in(r, "done");
    for (int i = 0; done && r->fault.code == ERR_OK && done_keys[i]; i++)
        if (strcmp(done, done_keys[i]) == 0)
            html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n",
                     T(r, done_texts[i]));
}

/* Whether the request's path is activity id's form action what: the
 * form a refused post came from, which shows its error itself. */
static bool posted_to(struct req *r, int64_t id, const char *what)
{
    return strcmp(r->path, arena_printf(r->arena, "/activities/%" PRId64 "/%s", id, what)) == 0;
}

/* A refused post's message at the top, unless the organisers' form it
 * came from shows it. */
static void error_summary(struct req *r, int64_t id, bool organiser)
{
    if (r->fault.code == ERR_OK ||
        (organiser && (posted_to(r, id, "cancel") || posted_to(r, id, "cancel-occurrence"))))
        return;
    html_fmt(&r->resp.body,
             "<div class=\"form-errors\" role=\"alert\"><p><strong>%s</strong> %s</p></div>\n",
             T(r, "This did not work:"), errmsg_text(r));
}

/* Opens the organisers' form what, with the error of a refused post only
 * when it came from this form; *saved keeps the fault for end_form. */
static void begin_form(struct req *r, int64_t id, const char *what, struct fault *saved)
{
    *saved = r->fault;
    if (!posted_to(r, id, what))
        r->fault = (struct fault){0};
    form_begin(r, arena_printf(r->arena, "/activities/%" PRId64 "/%s", id, what));
}

static void end_form(struct req *r, const char *label, const struct fault *saved)
{
    form_end(r, label);
    r->fault = *saved;
}

static void facts(struct req *r, const struct activity *a)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<dl class=\"facts\">\n<dt>%s</dt><dd>%s</dd>\n", T(r, "When"),
             web_activity_when_words(r, a));
    html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "Where"),
             a->address ? a->address : a->location_name);
    html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "Buurt"), a->buurt_name);
    html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "Places"), web_activity_places(r, a));
    html_fmt(b, "<dt>%s</dt><dd><a href=\"%s\">%s</a></dd>\n</dl>\n", T(r, "Organised by"),
             a->initiative_id ? arena_printf(r->arena, "/initiatives/%" PRId64, a->initiative_id)
                              : arena_printf(r->arena, "/collectives/%" PRId64, a->collective_id),
             a->owner_name);
}

static void next_dates(struct req *r, const struct activity *a)
{
    struct buf *b = &r->resp.body;
    struct activity_occurrence *occ;
    int n = 0;
    if (!a->rrule || activity_occurrences(r->db, r->arena, a, r->actor.now, INT64_MAX / 2,
                                          NEXT_DATES, &occ, &n, NULL) != ERR_OK)
        return;
    html_fmt(b, "<h2 id=\"dates\">%s</h2>\n", T(r, "Next dates"));
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "There are no more dates."));
        return;
    }
    html_raw_trusted(b, "<ul class=\"dates\">\n");
    for (int i = 0; i < n; i++) {
        html_fmt(b, "<li>%s", web_activity_occurrence_words(r, &occ[i]));
        if (occ[i].cancelled)
            html_fmt(b, " <strong>(%s)</strong>", T(r, "cancelled"));
        html_raw_trusted(b, "</li>\n");
    }
    html_raw_trusted(b, "</ul>\n");
}

static const char *action(struct req *r, int64_t id, const char *what)
{
    return arena_printf(r->arena, "/activities/%" PRId64 "/%s", id, what);
}

static void my_sign_up(struct req *r, const struct activity *a)
{
    struct buf *b = &r->resp.body;
    const char *status = NULL;
    int position = 0;
    html_fmt(b, "<h2 id=\"sign-up\">%s</h2>\n", T(r, "Take part"));
    if (strcmp(a->status, "cancelled") == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "This activity was cancelled."));
        return;
    }
    if (!r->actor.person_id) {
        html_fmt(b, "<p><a href=\"/sign-in\">%s</a></p>\n",
                 T(r, "Sign in to sign up for this activity."));
        return;
    }
    if (activity_my_status(r->db, a->id, r->actor.person_id, &status, &position, NULL) != ERR_OK)
        return;
    if (status && strcmp(status, "confirmed") == 0)
        html_fmt(b, "<p>%s</p>\n", T(r, "You have a place."));
    else if (status)
        html_fill(b, T(r, "You are number %s on the waiting list."),
                  arena_printf(r->arena, "%d", position), NULL);
    if (status) {
        form_button(r, action(r, a->id, "sign-up/cancel"), T(r, "Cancel my sign-up"), "inline");
        return;
    }
    bool full = a->capacity > 0 && a->taken >= a->capacity;
    if (full)
        html_fmt(b, "<p>%s</p>\n", T(r, "All places are taken; you can join the waiting list."));
    form_button(r, action(r, a->id, "sign-up"),
                full ? T(r, "Join the waiting list") : T(r, "Sign up for this activity"), "inline");
}

static void role_button(struct req *r, int64_t id, const struct activity_role *role, bool held)
{
    const char *path =
        arena_printf(r->arena, "roles/%" PRId64 "/%s", role->id, held ? "withdraw" : "volunteer");
    form_button(r, action(r, id, path), held ? T(r, "Withdraw") : T(r, "Volunteer"), "inline");
}

static void roles_section(struct req *r, const struct activity *a)
{
    struct buf *b = &r->resp.body;
    struct activity_role *roles;
    int n = 0;
    if (activity_roles(r->db, r->arena, a->id, &roles, &n, NULL) != ERR_OK || n == 0)
        return;
    bool held[ACTIVITY_ROLES_MAX] = {false};
    bool act = r->actor.person_id && strcmp(a->status, "scheduled") == 0 &&
               activity_roles_held(r->db, roles, n, r->actor.person_id, held, NULL) == ERR_OK;
    html_fmt(b,
             "<h2 id=\"volunteers\">%s</h2>\n<div class=\"table-scroll\"><table>\n"
             "<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
             T(r, "Volunteers"), T(r, "Volunteer roles and how many are needed"), T(r, "Role"),
             T(r, "Needed"), T(r, "Volunteering"));
    if (act)
        html_fmt(b, "<th scope=\"col\">%s</th>", T(r, "You"));
    html_raw_trusted(b, "</tr></thead>\n<tbody>\n");
    for (int i = 0; i < n; i++) {
        html_fmt(b, "<tr><th scope=\"row\">%s</th><td>%d</td><td>%d</td>", roles[i].name,
                 roles[i].needed, roles[i].taken);
        if (act) {
            html_raw_trusted(b, "<td>");
            if (held[i] || roles[i].taken < roles[i].needed)
                role_button(r, a->id, &roles[i], held[i]);
            html_raw_trusted(b, "</td>");
        }
        html_raw_trusted(b, "</tr>\n");
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

static void signups_table(struct req *r, const struct activity_signup *items, int n)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"sign-ups\">%s</h2>\n", T(r, "Who signed up"));
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "Nobody has signed up yet."));
        return;
    }
    html_fmt(b,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Sign-ups, seen by the organisers only"), T(r, "Name"), T(r, "Status"));
    for (int i = 0; i < n; i++)
        html_fmt(b, "<tr><td>%s</td><td>%s</td></tr>\n", items[i].person_name,
                 strcmp(items[i].status, "confirmed") == 0 ? T(r, "has a place")
                                                           : T(r, "waiting list"));
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

/* A reason input with the id prefix + "reason" (prefix "cancel-"). */
static void reason_field(struct req *r, const char *prefix)
{
    struct buf *b = &r->resp.body;
    form_field_begin(r, prefix, "reason", T(r, "Reason (optional)"));
    html_fmt(b, "<input type=\"text\" id=\"%sreason\" name=\"reason\" maxlength=\"200\"", prefix);
    form_field_attrs(r, prefix, "reason");
    html_raw_trusted(b, ">\n</div>\n");
}

static void occurrence_form(struct req *r, const struct activity *a)
{
    struct buf *b = &r->resp.body;
    struct activity_occurrence *occ;
    int n = 0;
    if (activity_occurrences(r->db, r->arena, a, r->actor.now, INT64_MAX / 2, NEXT_DATES, &occ, &n,
                             NULL) != ERR_OK ||
        n == 0)
        return;
    struct fault saved;
    html_fmt(b, "<h3>%s</h3>\n", T(r, "Cancel one date"));
    begin_form(r, a->id, "cancel-occurrence", &saved);
    form_field_begin(r, "occurrence-", "starts_at", T(r, "Date"));
    html_raw_trusted(b, "<select id=\"occurrence-starts_at\" name=\"starts_at\"");
    form_field_attrs(r, "occurrence-", "starts_at");
    html_raw_trusted(b, ">\n");
    for (int i = 0; i < n; i++)
        if (!occ[i].cancelled)
            html_fmt(b, "<option value=\"%lld\">%s</option>\n", (long long)occ[i].starts_at,
                     web_activity_occurrence_words(r, &occ[i]));
    html_raw_trusted(b, "</select>\n</div>\n");
    reason_field(r, "occurrence-");
    end_form(r, T(r, "Cancel this date"), &saved);
}

static void organisers(struct req *r, const struct activity *a, const struct activity_signup *items,
                       int n)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<section aria-labelledby=\"organise\">\n<h2 id=\"organise\">%s</h2>\n",
             T(r, "For the organisers"));
    signups_table(r, items, n);
    if (strcmp(a->status, "scheduled") == 0) {
        html_fmt(b, "<p><a href=\"/activities/%lld/edit\">%s</a></p>\n", (long long)a->id,
                 T(r, "Change this activity"));
        if (a->rrule)
            occurrence_form(r, a);
        struct fault saved;
        html_fmt(b, "<h3>%s</h3>\n", T(r, "Cancel the activity"));
        begin_form(r, a->id, "cancel", &saved);
        reason_field(r, "cancel-");
        end_form(r, a->rrule ? T(r, "Cancel all dates") : T(r, "Cancel the activity"), &saved);
    }
    html_raw_trusted(b, "</section>\n");
}

/* A signed-in reader other than its organiser may report what the
 * activity says (model/moderation.h, object type "activity"). */
static void report_link(struct req *r, const struct activity *a)
{
    if (a->hidden || r->actor.person_id <= 0 || r->actor.person_id == a->created_by)
        return;
    html_fmt(&r->resp.body,
             "<p><a class=\"report\" href=\"/report?type=activity&amp;id=%lld\">%s</a></p>\n",
             (long long)a->id, T(r, "Report this activity"));
}

enum err web_activity_page(struct req *r)
{
    struct activity a;
    enum err e = activity_get(r->db, r->arena, req_in_int(r, "id", 0), &a, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *owner = a.initiative_id
                            ? arena_printf(r->arena, "/initiatives/%" PRId64, a.initiative_id)
                            : arena_printf(r->arena, "/collectives/%" PRId64, a.collective_id);
    struct crumb crumbs[] = {{a.owner_name, owner},
                             {T(r, "Activities"), arena_printf(r->arena, "%s/activities", owner)},
                             {web_activity_title(r, &a), NULL}};
    layout_begin_crumbs(r, web_activity_title(r, &a), crumbs, 3);
    html_fmt(b, "<h1>%s</h1>\n", web_activity_title(r, &a));
    report_link(r, &a);
    if (strcmp(a.status, "cancelled") == 0) {
        html_fmt(b, "<p class=\"note\"><strong>%s</strong>", T(r, "This activity was cancelled."));
        if (a.cancel_reason)
            html_fmt(b, " %s", a.cancel_reason);
        html_raw_trusted(b, "</p>\n");
    }
    struct activity_signup *items;
    int n = 0;
    /* the organisers' list; anyone else is shown none, and that is no error */
    bool organiser = activity_signups(r->db, r->arena, a.id, &r->actor, &items, &n, NULL) == ERR_OK;
    error_summary(r, a.id, organiser);
    done_note(r);
    facts(r, &a);
    if (*a.description)
        html_fmt(b, "<h2>%s</h2>\n<p class=\"aim\">%s</p>\n", T(r, "About"), a.description);
    next_dates(r, &a);
    my_sign_up(r, &a);
    roles_section(r, &a);
    if (organiser)
        organisers(r, &a, items, n);
    layout_end(r);
    return ERR_OK;
}

enum err web_activity_sign_up(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    const char *status = NULL;
    enum err e = activity_sign_up(r->db, id, &r->actor, &status, NULL, &r->fault);
    return e != ERR_OK ? e
                       : web_activity_see_other(
                             r, id, strcmp(status, "waiting") == 0 ? "waiting" : "signed_up");
}

enum err web_activity_sign_up_cancel(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = activity_sign_up_cancel(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : web_activity_see_other(r, id, "unsigned");
}

/* The role in the path belongs to activity id: ERR_NOT_FOUND otherwise. */
static enum err role_of(struct req *r, int64_t id, int64_t *role)
{
    struct activity_role *roles;
    int n = 0;
    *role = req_in_int(r, "role", 0);
    enum err e = activity_roles(r->db, r->arena, id, &roles, &n, &r->fault);
    for (int i = 0; e == ERR_OK && i < n; i++)
        if (roles[i].id == *role)
            return ERR_OK;
    return e != ERR_OK ? e : req_fail(r, ERR_NOT_FOUND, NULL, "There is no such volunteer role.");
}

enum err web_activity_volunteer(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0), role;
    enum err e = role_of(r, id, &role);
    if (e == ERR_OK)
        e = activity_volunteer(r->db, role, &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : web_activity_see_other(r, id, "volunteer");
}

enum err web_activity_volunteer_withdraw(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0), role;
    enum err e = role_of(r, id, &role);
    if (e == ERR_OK)
        e = activity_volunteer_withdraw(r->db, role, &r->actor, &r->fault);
    return e != ERR_OK ? e : web_activity_see_other(r, id, "withdrawn");
}

enum err web_activity_cancel(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = activity_cancel(r->db, id, req_in(r, "reason"), &r->actor, &r->fault);
    return e != ERR_OK ? e : web_activity_see_other(r, id, "cancelled");
}

enum err web_activity_cancel_occurrence(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = activity_cancel_occurrence(r->db, id, req_in_int(r, "starts_at", 0),
                                            req_in(r, "reason"), &r->actor, &r->fault);
    return e != ERR_OK ? e : web_activity_see_other(r, id, "occurrence");
}
