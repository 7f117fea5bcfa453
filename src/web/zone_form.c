/* Requesting a rule-free zone (DESIGN.md §3):
 *   GET  /zones/new  the form: the collective (those whose board the viewer
 *                    sits on), the buurt or wijk, why, the period, how it
 *                    will be evaluated, the initiatives, and numbered rows
 *                    of rules (rule1_reference, ...) and responsibilities
 *                    (duty1_holder, ...); an empty row is left out
 *   POST /zones/new  request it; 303 to the zone's page
 * A refused post shows the form again with what was typed. */
#include "web/web.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "model/collective.h"
#include "model/zone.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

enum { ROWS = 4 };

static void line(struct req *r, const char *name, const char *label, const char *type,
                 const char *hint, bool required)
{
    form_input(r, &(struct form_input){
                      .name = name, .label = label, .type = type, .hint = hint,
                      .required = required});
}

static void textarea(struct req *r, const char *name, const char *label, bool required)
{
    struct buf *b = &r->resp.body;
    form_field_begin(r, "", name, label);
    html_fmt(b, "<textarea id=\"%s\" name=\"%s\" rows=\"3\"%s", name, name,
             required ? " required" : "");
    form_field_attrs(r, "", name);
    html_raw_trusted(b, ">");
    html_text(b, form_value(r, name));
    html_raw_trusted(b, "</textarea>\n</div>\n");
}

static void collective_choice(struct req *r)
{
    struct buf *b = &r->resp.body;
    struct collective *cs = NULL;
    int n = 0;
    struct fault kept = r->fault;
    collective_list_board_of(r->db, r->arena, r->actor.person_id, &cs, &n, &r->fault);
    r->fault = kept;
    const char *chosen = form_value(r, "collective_id");
    form_field_begin(r, "", "collective_id", T(r, "For the collective"));
    html_raw_trusted(b, "<select id=\"collective_id\" name=\"collective_id\" required");
    form_field_attrs(r, "", "collective_id");
    html_raw_trusted(b, ">\n");
    for (int i = 0; i < n; i++) {
        const char *v = arena_printf(r->arena, "%" PRId64, cs[i].id);
        html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", v,
                 chosen && strcmp(chosen, v) == 0 ? " selected" : "", cs[i].name);
    }
    html_raw_trusted(b, "</select>\n</div>\n");
    if (n == 0)
        html_fmt(b, "<p>%s</p>\n",
                 T(r, "Only the board of a resident collective requests a rule-free zone, acting "
                      "as residents."));
}

static void rule_rows(struct req *r)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<fieldset>\n<legend>%s</legend>\n", T(r, "Rules to suspend"));
    if (form_has_error(r, "rules"))
        html_fmt(b, "<p class=\"error\">%s</p>\n", T(r, r->fault.msgid));
    for (int i = 1; i <= ROWS; i++) {
        html_fmt(b, "<fieldset>\n<legend>%s %d</legend>\n", T(r, "Rule"), i);
        line(r, arena_printf(r->arena, "rule%d_reference", i),
             T(r, "Reference (e.g. APV art. 2:10)"), "text", NULL, i == 1);
        line(r, arena_printf(r->arena, "rule%d_basis", i), T(r, "Legal basis"), "text", NULL,
             i == 1);
        line(r, arena_printf(r->arena, "rule%d_conditions", i), T(r, "Conditions that hold instead"),
             "text", NULL, false);
        html_raw_trusted(b, "</fieldset>\n");
    }
    html_fmt(b, "</fieldset>\n<fieldset>\n<legend>%s</legend>\n",
             T(r, "Who is responsible for what"));
    if (form_has_error(r, "responsibilities"))
        html_fmt(b, "<p class=\"error\">%s</p>\n", T(r, r->fault.msgid));
    for (int i = 1; i <= ROWS; i++) {
        const char *name = arena_printf(r->arena, "duty%d_holder", i);
        const char *kept = form_value(r, name);
        html_fmt(b, "<fieldset>\n<legend>%s %d</legend>\n", T(r, "Responsibility"), i);
        form_field_begin(r, "", name, T(r, "Responsible"));
        html_fmt(b, "<select id=\"%s\" name=\"%s\">\n", name, name);
        html_fmt(b, "<option value=\"collective\"%s>%s</option>\n",
                 kept && strcmp(kept, "gemeente") == 0 ? "" : " selected",
                 T(r, "The collective"));
        html_fmt(b, "<option value=\"gemeente\"%s>%s</option>\n</select>\n</div>\n",
                 kept && strcmp(kept, "gemeente") == 0 ? " selected" : "", T(r, "The gemeente"));
        line(r, arena_printf(r->arena, "duty%d_subject", i), T(r, "Responsible for"), "text",
             NULL, false);
        html_raw_trusted(b, "</fieldset>\n");
    }
    html_raw_trusted(b, "</fieldset>\n");
}

enum err web_zone_new(struct req *r)
{
    struct buf *b = &r->resp.body;
    struct crumb crumbs[] = {{T(r, "Rule-free zones"), "/zones"},
                             {T(r, "Request a rule-free zone"), NULL}};
    layout_begin_crumbs(r, T(r, "Request a rule-free zone"), crumbs, 2);
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "Request a rule-free zone"),
             T(r, "The gemeente's admins decide on the request. Say which rules you want "
                  "suspended, why, for how long, and how the experiment will be evaluated."));
    form_begin(r, "/zones/new");
    collective_choice(r);
    line(r, "area", T(r, "Buurt or wijk (its CBS code)"), "text", T(r, "e.g. BU03630001"), true);
    line(r, "title", T(r, "Title"), "text", NULL, true);
    textarea(r, "reason", T(r, "Why"), true);
    line(r, "valid_from", T(r, "From"), "date", NULL, true);
    line(r, "valid_to", T(r, "Until"), "date", NULL, true);
    textarea(r, "evaluation_plan", T(r, "How it will be evaluated"), true);
    line(r, "initiatives", T(r, "Initiatives concerned (their numbers, separated by commas)"),
         "text", NULL, false);
    rule_rows(r);
    form_end(r, T(r, "Request the zone"));
    layout_end(r);
    return ERR_OK;
}

static int read_ids(struct req *r, int64_t *ids)
{
    const char *s = req_in(r, "initiatives");
    int n = 0;
    while (s && *s && n < ZONE_INITIATIVES_MAX + 1) {
        char *end;
        long long v = strtoll(s, &end, 10);
        if (end == s) {
            s++;
            continue;
        }
        ids[n++] = v;
        s = end;
    }
    return n;
}

enum err web_zone_request(struct req *r)
{
    struct zone_rule rules[ROWS];
    struct zone_duty duties[ROWS];
    int64_t ids[ZONE_INITIATIVES_MAX + 1];
    struct zone_request in = {.collective_id = req_in_int(r, "collective_id", 0),
                              .area_code = req_in(r, "area"),
                              .title = req_in(r, "title"),
                              .reason = req_in(r, "reason"),
                              .evaluation_plan = req_in(r, "evaluation_plan"),
                              .valid_from = req_in(r, "valid_from"),
                              .valid_to = req_in(r, "valid_to"),
                              .rules = rules,
                              .duties = duties,
                              .initiatives = ids};
    for (int i = 1; i <= ROWS; i++) {
        struct zone_rule x = {req_in(r, arena_printf(r->arena, "rule%d_reference", i)),
                              req_in(r, arena_printf(r->arena, "rule%d_basis", i)),
                              req_in(r, arena_printf(r->arena, "rule%d_conditions", i))};
        if (x.reference || x.legal_basis || x.conditions)
            rules[in.n_rules++] = x;
        const char *subject = req_in(r, arena_printf(r->arena, "duty%d_subject", i));
        if (subject)
            duties[in.n_duties++] = (struct zone_duty){
                req_in(r, arena_printf(r->arena, "duty%d_holder", i)), subject};
    }
    in.n_initiatives = read_ids(r, ids);
    int64_t id = 0;
    enum err e = zone_request(r->db, &in, &r->actor, &id, &r->fault);
    if (e != ERR_OK)
        return e;
    const char *href = arena_printf(r->arena, "/zones/%" PRId64 "?done=requested", id);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Rule-free zone"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}
