/* Rule-free zones on the web (DESIGN.md §3):
 *   GET  /zones?gemeente=      the map of a gemeente's active zones, drawn
 *                              by the server from the area boundaries, with
 *                              the list beside it and all its zones below
 *   GET  /zones/{id}           one zone: the rules it suspends, why, its
 *                              initiatives, who is responsible for what,
 *                              the decision, the evaluation (overdue from
 *                              its end until recorded), and the forms of
 *                              those who may decide, end or evaluate it
 *   POST /zones/{id}/decide    grant (with a decision reference) or refuse
 *   POST /zones/{id}/end       end it early
 *   POST /zones/{id}/evaluate  record the evaluation
 * The form to request one is in web/zone_form.c. What a zone is now
 * (active, ended) is computed from its dates when the page is drawn. */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "model/agreement.h"
#include "model/area.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/zone.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"
#include "render/svg.h"

static enum err see_other(struct req *r, int64_t id, const char *done)
{
    const char *href = arena_printf(r->arena, "/zones/%" PRId64 "?done=%s", id, done);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Rule-free zone"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

static void gemeente_choice(struct req *r, const struct area_page *g, const char *chosen)
{
    struct buf *b = &r->resp.body;
    html_raw_trusted(b, "<form method=\"get\" action=\"/zones\">\n");
    html_fmt(b, "<div class=\"field\"><label for=\"zones-gemeente\">%s</label>\n"
                "<select id=\"zones-gemeente\" name=\"gemeente\">\n",
             T(r, "Gemeente"));
    for (int i = 0; i < g->n; i++)
        html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", g->items[i].code,
                 chosen && strcmp(chosen, g->items[i].code) == 0 ? " selected" : "",
                 g->items[i].name);
    html_fmt(b, "</select></div>\n<button type=\"submit\">%s</button>\n</form>\n", T(r, "Show"));
}

static void zone_link(struct buf *b, const struct zone *z)
{
    html_fmt(b, "<a href=\"/zones/%lld\">%s</a>", (long long)z->id, z->title);
}

/* The map of the active zones and the list beside it. */
static enum err active_map(struct req *r, const char *gemeente, const char *name,
                           const struct zone *zones, int n, const char *today)
{
    struct buf *b = &r->resp.body;
    struct zone *active = arena_array(r->arena, (size_t)n + 1, sizeof *active);
    int k = 0;
    for (int i = 0; i < n; i++)
        if (strcmp(zone_state(&zones[i], today), "active") == 0)
            active[k++] = zones[i];
    const char **geo = NULL, *outline = NULL;
    enum err e = zone_geometries(r->db, r->arena, active, k, &geo, &r->fault);
    if (e == ERR_OK)
        e = area_boundary(r->db, r->arena, gemeente, &outline, &r->fault);
    if (e != ERR_OK)
        return e;
    html_fmt(b, "<section aria-labelledby=\"map-h\" class=\"zone-map\">\n<h2 id=\"map-h\">%s</h2>\n",
             T(r, "Active rule-free zones"));
    const char *title = arena_printf(r->arena, "%s: %s", name, T(r, "active rule-free zones"));
    struct svg_map m = {.id = "zones-map-title",
                        .title = title,
                        .outline = outline,
                        .children = geo,
                        .nchildren = k};
    html_raw_trusted(b, "<figure class=\"map-figure\">\n");
    if (!svg_map(b, &m))
        html_fmt(b, "<p>%s</p>\n", T(r, "No outlines of these areas are known, so there is no map; "
                                      "the list holds every active zone."));
    html_fmt(b, "<figcaption>%s</figcaption>\n</figure>\n",
             T(r, "The gemeente filled, each active zone's area outlined; north up."));
    html_fmt(b, "<h3>%s</h3>\n", T(r, "The active zones on the map"));
    if (k == 0)
        html_fmt(b, "<p>%s</p>\n", T(r, "No rule-free zone is active here now."));
    else
        html_raw_trusted(b, "<ul>\n");
    for (int i = 0; i < k; i++) {
        html_raw_trusted(b, "<li>");
        zone_link(b, &active[i]);
        html_fmt(b, " – %s, %s – %s%s</li>\n", active[i].area_name, active[i].valid_from,
                 active[i].valid_to, geo[i] ? "" : T(r, " (no outline known)"));
    }
    if (k > 0)
        html_raw_trusted(b, "</ul>\n");
    html_raw_trusted(b, "</section>\n");
    return ERR_OK;
}

static void zones_table(struct req *r, const struct zone *zones, int n, const char *today)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n", T(r, "All rule-free zones of this gemeente"));
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No rule-free zone has been requested here yet."));
        return;
    }
    html_fmt(b, "<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Rule-free zones"), T(r, "Zone"), T(r, "Collective"), T(r, "Area"),
             T(r, "Period"), T(r, "State"));
    for (int i = 0; i < n; i++) {
        html_raw_trusted(b, "<tr><td>");
        zone_link(b, &zones[i]);
        html_fmt(b, "</td><td>%s</td><td>%s</td><td>%s – %s</td><td>%s%s</td></tr>\n",
                 zones[i].collective_name, zones[i].area_name, zones[i].valid_from,
                 zones[i].valid_to, web_zone_state_label(r, zone_state(&zones[i], today)),
                 zone_evaluation_overdue(&zones[i], today) ? T(r, "; evaluation overdue") : "");
    }
    html_raw_trusted(b, "</tbody>\n</table>\n");
}

enum err web_zones_page(struct req *r)
{
    struct area_filter flt = {.kind = AREA_GEMEENTE, .limit = 500};
    struct area_page g;
    enum err e = area_list(r->db, r->arena, &flt, &g, &r->fault);
    if (e != ERR_OK)
        return e;
    const char *gemeente = req_in(r, "gemeente");
    const char *name = NULL;
    for (int i = 0; i < g.n; i++)
        if (!gemeente ? i == 0 : strcmp(gemeente, g.items[i].code) == 0) {
            gemeente = g.items[i].code;
            name = g.items[i].name;
        }
    struct buf *b = &r->resp.body;
    layout_begin(r, T(r, "Rule-free zones"));
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "Rule-free zones"),
             T(r, "Areas where the gemeente suspends some of its rules so that residents can try "
                  "something new, for a set time, with an evaluation at the end."));
    if (r->session)
        html_fmt(b, "<p><a href=\"/zones/new\">%s</a></p>\n", T(r, "Request a rule-free zone"));
    gemeente_choice(r, &g, gemeente);
    if (name) {
        struct zone *zones = NULL;
        int n = 0;
        const char *today = agreement_today(r->arena, r->actor.now);
        e = zone_list(r->db, r->arena, gemeente, 0, &zones, &n, &r->fault);
        if (e == ERR_OK)
            e = active_map(r, gemeente, name, zones, n, today);
        if (e == ERR_OK)
            zones_table(r, zones, n, today);
    }
    if (e != ERR_OK)
        return e;
    layout_end(r);
    return ERR_OK;
}


/* A refusal the page's forms do not show next to a field of their own
 * (a signature or decision refused, a party not authorised): said once at
 * the top, and then cleared so that no form repeats it. */
static void refusal_note(struct req *r)
{
    static const char *const own[] = {"decision_ref", "note", "evaluation"};
    if (r->fault.code == ERR_OK)
        return;
    for (size_t i = 0; r->fault.field && i < sizeof own / sizeof own[0]; i++)
        if (strcmp(r->fault.field, own[i]) == 0)
            return;
    html_fmt(&r->resp.body,
             "<div class=\"form-errors\" role=\"alert\"><p><strong>%s</strong> %s</p></div>\n",
             T(r, "This did not work:"), errmsg_text(r));
    r->fault = (struct fault){0};
}

static void done_note(struct req *r)
{
    const char *done = req_in(r, "done");
    if (!done || r->fault.code != ERR_OK)
        return;
    const char *text = strcmp(done, "requested") == 0   ? T(r, "The zone has been requested.")
                       : strcmp(done, "decided") == 0   ? T(r, "The decision has been recorded.")
                       : strcmp(done, "ended") == 0     ? T(r, "The zone has been ended.")
                       : strcmp(done, "evaluated") == 0 ? T(r, "The evaluation has been recorded.")
                                                        : NULL;
    if (text)
        html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n", text);
}

/* Whether the viewer may take action on z: an admin of its gemeente
 * (MEMBER) or a board member of its collective (INITIATOR). */
static bool may(struct req *r, const struct zone *z, enum action action)
{
    struct fault no = {0};
    enum capacity cap;
    if (!r->session || capacity_of_actor(r->db, &r->actor, &cap, &no) != ERR_OK)
        return false;
    enum relation rel = REL_OTHER;
    bool is = false;
    if (cap == CAP_MUNI_ADMIN) {
        const char *claim = arena_printf(r->arena, "municipality_admin:%s", z->gemeente_code);
        const char *q = capacity_qualifier(&r->actor);
        if ((!q || strcmp(q, z->gemeente_code) == 0) &&
            capacity_may_act(r->db, r->actor.person_id, claim, &is, &no) == ERR_OK && is)
            rel = REL_MEMBER;
    } else if (collective_is_board_member(r->db, z->collective_id, r->actor.person_id, &is,
                                          &no) == ERR_OK &&
               is)
        rel = REL_INITIATOR;
    return policy_check(action, cap, rel).allowed;
}

static void textarea(struct req *r, const char *prefix, const char *name, const char *label,
                     bool required)
{
    struct buf *b = &r->resp.body;
    form_field_begin(r, prefix, name, label);
    html_fmt(b, "<textarea id=\"%s%s\" name=\"%s\" rows=\"3\"%s", prefix, name, name,
             required ? " required" : "");
    form_field_attrs(r, prefix, name);
    html_raw_trusted(b, ">");
    html_text(b, form_value(r, name));
    html_raw_trusted(b, "</textarea>\n</div>\n");
}

static void decide_form(struct req *r, const struct zone *z)
{
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, "decision");
    html_fmt(b, "<section aria-labelledby=\"decide-h\">\n<h2 id=\"decide-h\">%s</h2>\n",
             T(r, "Decide on this request"));
    form_begin(r, arena_printf(r->arena, "/zones/%" PRId64 "/decide", z->id));
    html_fmt(b, "<fieldset>\n<legend>%s</legend>\n", T(r, "Decision"));
    html_fmt(b, "<div><input type=\"radio\" id=\"decide-grant\" name=\"decision\" value=\"grant\""
                "%s required> <label for=\"decide-grant\">%s</label></div>\n",
             !kept || strcmp(kept, "grant") == 0 ? " checked" : "", T(r, "Grant the zone"));
    html_fmt(b, "<div><input type=\"radio\" id=\"decide-refuse\" name=\"decision\" "
                "value=\"refuse\"%s> <label for=\"decide-refuse\">%s</label></div>\n</fieldset>\n",
             kept && strcmp(kept, "refuse") == 0 ? " checked" : "", T(r, "Refuse the zone"));
    form_input(r, &(struct form_input){.name = "decision_ref",
                                       .label = T(r, "Decision reference"),
                                       .type = "text",
                                       .hint = T(r, "Required to grant, e.g. the number of the "
                                                    "college decision."),
                                       .maxlength = ZONE_REF_MAX});
    textarea(r, "decide-", "note", T(r, "Note (required to refuse: why)"), false);
    form_end(r, T(r, "Record the decision"));
    html_raw_trusted(b, "</section>\n");
}

static void simple_form(struct req *r, const struct zone *z, const char *verb, const char *heading,
                        const char *field, const char *label, const char *submit)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<section aria-labelledby=\"%s-h\">\n<h2 id=\"%s-h\">%s</h2>\n", verb, verb,
             heading);
    form_begin(r, arena_printf(r->arena, "/zones/%" PRId64 "/%s", z->id, verb));
    textarea(r, arena_printf(r->arena, "%s-", verb), field, label, true);
    form_end(r, submit);
    html_raw_trusted(b, "</section>\n");
}

static void rules_table(struct req *r, const struct zone *z)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Suspended rules"), T(r, "Rule"), T(r, "Legal basis"), T(r, "Conditions"));
    for (int i = 0; i < z->n_rules; i++)
        html_fmt(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>\n",
                 z->rules[i].reference, z->rules[i].legal_basis, z->rules[i].conditions);
    html_raw_trusted(b, "</tbody>\n</table>\n");
}

static void details(struct req *r, const struct zone *z)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n<p class=\"text\">%s</p>\n", T(r, "Why"), z->reason);
    rules_table(r, z);
    if (z->n_initiatives > 0) {
        html_fmt(b, "<h2>%s</h2>\n<ul>\n", T(r, "For these initiatives"));
        for (int i = 0; i < z->n_initiatives; i++)
            html_fmt(b, "<li><a href=\"/initiatives/%lld\">%s</a></li>\n",
                     (long long)z->initiatives[i], z->initiative_titles[i]);
        html_raw_trusted(b, "</ul>\n");
    }
    if (z->n_duties > 0) {
        html_fmt(b, "<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                 T(r, "Who is responsible for what"), T(r, "Responsible"),
                 T(r, "Responsible for"));
        for (int i = 0; i < z->n_duties; i++)
            html_fmt(b, "<tr><td>%s</td><td>%s</td></tr>\n",
                     web_zone_state_label(r, z->duties[i].holder), z->duties[i].subject);
        html_raw_trusted(b, "</tbody>\n</table>\n");
    }
    html_fmt(b, "<h2>%s</h2>\n<p class=\"text\">%s</p>\n", T(r, "How it will be evaluated"),
             z->evaluation_plan);
}

static void decision_and_evaluation(struct req *r, const struct zone *z, const char *today)
{
    struct buf *b = &r->resp.body;
    if (z->decided_at) {
        html_fmt(b, "<h2>%s</h2>\n<p>%s", T(r, "Decision"),
                 strcmp(z->status, "refused") == 0 ? T(r, "Refused") : T(r, "Granted"));
        if (z->decision_ref)
            html_fmt(b, " – %s: %s", T(r, "reference"), z->decision_ref);
        html_raw_trusted(b, "</p>\n");
        if (z->decision_note)
            html_fmt(b, "<p class=\"text\">%s</p>\n", z->decision_note);
    }
    if (z->evaluation)
        html_fmt(b, "<h2>%s</h2>\n<p class=\"text\">%s</p>\n", T(r, "Evaluation"), z->evaluation);
    else if (zone_evaluation_overdue(z, today))
        html_fmt(b, "<p class=\"warning\" role=\"status\"><strong>%s</strong></p>\n",
                 T(r, "The evaluation is overdue: the zone has ended and its evaluation has not "
                      "been recorded yet."));
}

enum err web_zone_page(struct req *r)
{
    struct zone z;
    struct fault kept = r->fault;
    enum err e = zone_get(r->db, r->arena, req_in_int(r, "id", 0), &z, &r->fault);
    if (e != ERR_OK)
        return e;
    r->fault = kept;
    const char *today = agreement_today(r->arena, r->actor.now);
    const char *state = zone_state(&z, today);
    struct buf *b = &r->resp.body;
    struct crumb crumbs[] = {
        {T(r, "Rule-free zones"), arena_printf(r->arena, "/zones?gemeente=%s", z.gemeente_code)},
        {z.title, NULL}};
    layout_begin_crumbs(r, T(r, "Rule-free zone"), crumbs, 2);
    html_fmt(b, "<h1>%s</h1>\n", z.title);
    refusal_note(r);
    done_note(r);
    html_fmt(b, "<p>%s: <strong>%s</strong>. %s: %s (%s). %s: %s – %s.</p>\n<p>%s: ",
             T(r, "State"), web_zone_state_label(r, state), T(r, "Area"), z.area_name,
             z.gemeente_name, T(r, "Period"), z.valid_from, z.valid_to, T(r, "Requested by"));
    html_fmt(b, "<a href=\"/collectives/%lld\">%s</a></p>\n", (long long)z.collective_id,
             z.collective_name);
    decision_and_evaluation(r, &z, today);
    details(r, &z);
    if (strcmp(state, "requested") == 0 && may(r, &z, ACT_ZONE_GRANT))
        decide_form(r, &z);
    if ((strcmp(state, "granted") == 0 || strcmp(state, "active") == 0) &&
        may(r, &z, ACT_ZONE_END))
        simple_form(r, &z, "end", T(r, "End this zone early"), "note", T(r, "Why it ends early"),
                    T(r, "End the zone"));
    if (strcmp(state, "ended") == 0 && !z.evaluation && may(r, &z, ACT_ZONE_EVALUATE))
        simple_form(r, &z, "evaluate", T(r, "Record the evaluation"), "evaluation",
                    T(r, "Evaluation"), T(r, "Record the evaluation"));
    layout_end(r);
    return ERR_OK;
}

enum err web_zone_decide(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    const char *d = req_in(r, "decision");
    enum err e = zone_decide(r->db, id, d && strcmp(d, "grant") == 0, req_in(r, "decision_ref"),
                             req_in(r, "note"), &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "decided");
}

enum err web_zone_end(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = zone_end(r->db, id, req_in(r, "note"), &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "ended");
}

enum err web_zone_evaluate(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = zone_evaluate(r->db, id, req_in(r, "evaluation"), &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "evaluated");
}
