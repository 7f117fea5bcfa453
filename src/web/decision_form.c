/* Proposing a decision (DESIGN.md §3) in a collective or an initiative:
 *   GET  /collectives/{id}/decisions/new   the form
 *   POST /collectives/{id}/decisions/new   propose; 303 to the decision
 *   GET  /initiatives/{id}/decisions/new   the same for an initiative
 *   POST /initiatives/{id}/decisions/new
 * The closing time is a day and a time in Europe/Amsterdam
 * (schedule_utc). Who may propose is the model's word (model/decision.h);
 * the form page asks the policy only to choose between the form and the
 * reason why there is none. A refused post is shown again by the
 * dispatcher, with the message next to its field. */
#include "web/web.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/decision.h"
#include "model/initiative.h"
#include "model/schedule.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

enum err web_decision_scope(struct req *r, int64_t collective_id, int64_t initiative_id,
                            const char **name, const char **href)
{
    if (collective_id) {
        struct collective c;
        enum err e = collective_get(r->db, r->arena, collective_id, &c, &r->fault);
        *name = e == ERR_OK ? c.name : "";
        *href = arena_printf(r->arena, "/collectives/%" PRId64, collective_id);
        return e;
    }
    struct initiative in;
    enum err e = initiative_get(r->db, r->arena, initiative_id, &in, &r->fault);
    *name = e == ERR_OK ? in.title : "";
    *href = arena_printf(r->arena, "/initiatives/%" PRId64, initiative_id);
    return e;
}

static void kept_attr(struct req *r, const char *name)
{
    const char *kept = form_value(r, name);
    if (kept) {
        html_raw_trusted(&r->resp.body, " value=\"");
        html_attr(&r->resp.body, kept);
        html_raw_trusted(&r->resp.body, "\"");
    }
}

static void textarea(struct req *r, const char *name, const char *label, int rows, int max)
{
    struct buf *b = &r->resp.body;
    form_field_begin(r, "decision-", name, label);
    html_fmt(b, "<textarea id=\"decision-%s\" name=\"%s\" rows=\"%d\" maxlength=\"%d\"", name, name,
             rows, max);
    form_field_attrs(r, "decision-", name);
    html_raw_trusted(b, ">");
    html_text(b, form_value(r, name));
    html_raw_trusted(b, "</textarea>\n</div>\n");
}

static void method_select(struct req *r)
{
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, "method");
    form_field_begin(r, "decision-", "method", T(r, "How to decide"));
    html_raw_trusted(b, "<select id=\"decision-method\" name=\"method\"");
    form_field_attrs(r, "decision-", "method");
    html_raw_trusted(b, ">\n");
    for (const char *const *m = decision_methods(); *m; m++)
        html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", *m,
                 kept && strcmp(kept, *m) == 0 ? " selected" : "",
                 web_decision_method_label(r, *m));
    html_raw_trusted(b, "</select>\n</div>\n");
}

static void closing_inputs(struct req *r)
{
    struct buf *b = &r->resp.body;
    form_field_begin(r, "decision-", "closes_on", T(r, "Closes on"));
    html_raw_trusted(b,
                     "<input id=\"decision-closes_on\" name=\"closes_on\" type=\"date\" required");
    form_field_attrs(r, "decision-", "closes_on");
    kept_attr(r, "closes_on");
    html_raw_trusted(b, ">\n</div>\n");
    form_field_begin(r, "decision-", "closes_time", T(r, "At (time in the Netherlands)"));
    html_raw_trusted(b, "<input id=\"decision-closes_time\" name=\"closes_time\" type=\"time\"");
    form_field_attrs(r, "decision-", "closes_time");
    if (form_value(r, "closes_time"))
        kept_attr(r, "closes_time");
    else
        html_raw_trusted(b, " value=\"20:00\"");
    html_raw_trusted(b, ">\n</div>\n");
}

static void proposal_form(struct req *r, const char *action)
{
    struct buf *b = &r->resp.body;
    form_begin(r, action);
    form_input(r, &(struct form_input){.name = "title",
                                       .label = T(r, "Title of the proposal"),
                                       .type = "text",
                                       .maxlength = DECISION_TITLE_MAX,
                                       .required = true});
    textarea(r, "body", T(r, "The proposal"), 6, DECISION_TEXT_MAX);
    method_select(r);
    html_fmt(b, "<p class=\"hint\">%s</p>\n",
             T(r, "Consent: adopted unless someone objects with a reason; an objection blocks "
                  "until it is resolved or withdrawn, or you amend the proposal. Majority vote: "
                  "adopted when more vote for than against and the quorum took part. Dot vote: "
                  "everyone spreads their dots over the options."));
    form_input(r, &(struct form_input){
                      .name = "quorum",
                      .label = T(r, "Quorum (percentage of those eligible who must take part)"),
                      .type = "number",
                      .hint = T(r, "0 for no quorum; a consent decision has none.")});
    form_input(r, &(struct form_input){.name = "dots",
                                       .label = T(r, "Dots per person (dot vote)"),
                                       .type = "number"});
    textarea(r, "options", T(r, "Options of a dot vote, one per line"), 4, 4400);
    closing_inputs(r);
    html_fmt(b,
             "<div class=\"field\"><input type=\"checkbox\" id=\"decision-hide_results\" "
             "name=\"hide_results\" value=\"on\"%s> <label for=\"decision-hide_results\">%s"
             "</label></div>\n",
             form_value(r, "hide_results") ? " checked" : "",
             T(r, "Hide the count until the decision closes"));
    form_end(r, T(r, "Propose"));
}

/* Whether act may propose in the scope; else the reason on the page
 * (when say). */
static bool may_propose(struct req *r, int64_t collective_id, int64_t initiative_id, bool say)
{
    struct buf *b = &r->resp.body;
    if (!r->actor.person_id) {
        html_fmt(b, "<p><a href=\"/sign-in\">%s</a></p>\n",
                 T(r, "Sign in and act as a resident to take part in decisions."));
        return false;
    }
    enum relation rel = REL_OTHER;
    struct fault f = {0};
    if (decision_relation(r->db, NULL, collective_id, initiative_id, &r->actor, &rel, &f) ==
            ERR_OK &&
        capacity_check(r->db, &r->actor, ACT_DECISION_PROPOSE, rel, &f) == ERR_OK)
        return true;
    if (say && f.msgid)
        html_fmt(b, "<p>%s</p>\n", T(r, f.msgid));
    return false;
}

static enum err new_page(struct req *r, int64_t collective_id, int64_t initiative_id)
{
    const char *name, *href;
    enum err e = web_decision_scope(r, collective_id, initiative_id, &name, &href);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *list = arena_printf(r->arena, "%s/decisions", href);
    const char *title = T(r, "New proposal");
    struct crumb crumbs[] = {{name, href}, {T(r, "Decisions"), list}, {title, NULL}};
    layout_begin_crumbs(r, arena_printf(r->arena, "%s: %s", title, name), crumbs, 3);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "A new proposal in %s"), name, NULL);
    html_raw_trusted(b, "</h1>\n");
    bool refused = r->fault.code == ERR_FORBIDDEN || r->fault.code == ERR_CONFLICT;
    if (refused)
        html_fmt(b,
                 "<div class=\"form-errors\" role=\"alert\"><p><strong>%s</strong> %s</p></div>\n",
                 T(r, "This did not work:"), errmsg_text(r));
    if (may_propose(r, collective_id, initiative_id, !refused))
        proposal_form(r, arena_printf(r->arena, "%s/new", list));
    layout_end(r);
    return ERR_OK;
}

enum err web_collective_decision_new(struct req *r)
{
    return new_page(r, req_in_int(r, "id", 0), 0);
}

enum err web_initiative_decision_new(struct req *r)
{
    return new_page(r, 0, req_in_int(r, "id", 0));
}

/* The closing time from the day and the time in Europe/Amsterdam into
 * *closes_at; 0 with *why filled when they do not make one. */
static void closes_at_of(struct req *r, int64_t *closes_at, struct fault *why)
{
    const char *day = req_in(r, "closes_on"), *time = req_in(r, "closes_time");
    int64_t midnight = 0;
    unsigned hh = 20, mm = 0;
    char rest = 0;
    *closes_at = 0;
    if (!day || !clock_parse_date(day, &midnight))
        fault_set(why, ERR_INVALID, "closes_on", "Choose the day the decision closes.", NULL);
    else if (time && (sscanf(time, "%2u:%2u%c", &hh, &mm, &rest) != 2 || hh > 23 || mm > 59))
        fault_set(why, ERR_INVALID, "closes_time",
                  "Give the time as hours and minutes, such as 20:00.", NULL);
    else
        *closes_at = schedule_utc(midnight / 86400, (int)(hh * 60 + mm));
}

static enum err propose(struct req *r, int64_t collective_id, int64_t initiative_id)
{
    const char **options = NULL;
    int n = decision_split_options(r->arena, req_in(r, "options"), &options);
    struct decision_input in = {
        .collective_id = collective_id,
        .initiative_id = initiative_id,
        .title = req_in(r, "title"),
        .body = req_in(r, "body"),
        .method = req_in(r, "method"),
        .quorum_percent = (int)req_in_int(r, "quorum", 0),
        .dots = (int)req_in_int(r, "dots", 0),
        .hide_results = req_in(r, "hide_results") != NULL,
        .options = options,
        .n_options = n,
    };
    struct fault why = {0};
    closes_at_of(r, &in.closes_at, &why);
    int64_t id = 0;
    /* the model asks the policy first; a bad day or time is its "closes_at" */
    enum err e = decision_propose(r->db, &in, &r->actor, &id, &r->fault);
    if (e == ERR_INVALID && r->fault.field && strcmp(r->fault.field, "closes_at") == 0) {
        if (why.code != ERR_OK)
            r->fault = why;
        else
            r->fault.field = "closes_on";
    }
    return e != ERR_OK ? e : web_decision_see_other(r, id, "proposed");
}

enum err web_collective_decision_propose(struct req *r)
{
    return propose(r, req_in_int(r, "id", 0), 0);
}

enum err web_initiative_decision_propose(struct req *r)
{
    return propose(r, 0, req_in_int(r, "id", 0));
}
