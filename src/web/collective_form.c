/* Collectives, founded and changed on the web:
 *   GET/POST /collectives/new          founding: name, kind, area (a buurt
 *                                      the founder lives in, or its wijk),
 *                                      voting rule, statutes, and the two
 *                                      co-founders by e-mail address or
 *                                      account number
 *   POST /collectives/{id}/join        the signed-in person joins (a named
 *                                      co-founder thereby consents)
 *   POST /collectives/{id}/leave       ... leaves (a named co-founder declines)
 *   POST /collectives/{id}/advisers    the board admits a professional as adviser
 *   POST /collectives/{id}/board       the board sets chair, secretary, treasurer
 * Every post answers 303 to the collective's page, which says what was
 * done; a post that failed is shown again on the page that holds its form,
 * with the message next to the field (http/dispatch.c). The model decides
 * who may (model/collective.h); the founding page itself is shown only to
 * whom the policy lets found a collective, so that a professional reads
 * why not before filling anything in. */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "model/area.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"
#include "web/collective_words.h"

/* The areas the signed-in person may found a collective in: each buurt
 * they are a verified resident of (the one they act for, when they claim
 * one), and its wijk. */
static void area_options(struct req *r)
{
    struct capacity_held *held = NULL;
    int n = 0;
    const char *kept = form_value(r, "area");
    const char *claimed = r->actor.capacity ? strchr(r->actor.capacity, ':') : NULL;
    if (capacity_list(r->db, r->arena, r->actor.person_id, &held, &n, NULL) != ERR_OK)
        n = 0;
    for (int i = 0; i < n; i++) {
        struct area buurt, wijk;
        struct fault ignored = {0};
        if (held[i].capacity != CAP_RESIDENT || !held[i].qualifier ||
            (claimed && strcmp(claimed + 1, held[i].qualifier) != 0) ||
            area_get(r->db, r->arena, held[i].qualifier, &buurt, &ignored) != ERR_OK)
            continue;
        collective_option(r, buurt.code, arena_printf(r->arena, "%s (%s)", buurt.name, buurt.code),
                          kept);
        if (buurt.parent_code &&
            area_get(r->db, r->arena, buurt.parent_code, &wijk, &ignored) == ERR_OK)
            collective_option(
                r, wijk.code,
                arena_printf(r->arena, "%s (%s, %s)", wijk.name, wijk.code, T(r, "the whole wijk")),
                kept);
    }
}

static void choice(struct req *r, const char *name, const char *text, const char *const *values,
                   const char *(*label)(struct req *, const char *))
{
    const char *kept = form_value(r, name);
    collective_select_begin(r, name, text);
    for (size_t i = 0; values[i]; i++)
        collective_option(r, values[i], label(r, values[i]), kept);
    collective_select_end(r);
}

static void statutes_field(struct req *r)
{
    struct buf *b = &r->resp.body;
    bool error =
        r->fault.code != ERR_OK && r->fault.field && strcmp(r->fault.field, "statutes") == 0;
    const char *kept = form_value(r, "statutes");
    html_fmt(b,
             "<div class=\"field\">\n<label for=\"statutes\">%s</label>\n"
             "<p class=\"hint\" id=\"statutes-hint\">%s</p>\n",
             T(r, "Statutes"),
             T(r, "What the collective is for and how it works; at most 20000 characters. You "
                  "may leave this for later."));
    if (error)
        html_fmt(b, "<p class=\"field-error\" id=\"statutes-error\">%s</p>\n", errmsg_text(r));
    html_fmt(b,
             "<textarea id=\"statutes\" name=\"statutes\" rows=\"6\" maxlength=\"%d\" "
             "aria-describedby=\"statutes-hint%s\"%s>",
             COLLECTIVE_STATUTES_MAX, error ? " statutes-error" : "",
             error ? " aria-invalid=\"true\"" : "");
    html_text(b, kept ? kept : "");
    html_raw_trusted(b, "</textarea>\n</div>\n");
}

static void cofounder_input(struct req *r, const char *name, const char *text)
{
    form_input(r, &(struct form_input){
                      .name = name,
                      .label = text,
                      .type = "text",
                      .autocomplete = "off",
                      .hint = T(r, "Their e-mail address or account number. They must be a "
                                   "verified resident of the area, and consent by joining."),
                      .maxlength = 320,
                      .required = true});
}

enum err web_collective_new_page(struct req *r)
{
    /* a post that failed shows the form again with its fault: asked already */
    if (r->method != HTTP_POST) {
        enum err e = capacity_check(r->db, &r->actor, ACT_COLLECTIVE_CREATE, REL_MEMBER, &r->fault);
        if (e != ERR_OK)
            return e;
    }
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Found a collective");
    struct crumb crumbs[] = {{T(r, "Collectives"), "/collectives"}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "A collective is founded by three verified residents of its area: you and two "
                  "co-founders you name here. It stays \"being founded\" until both have joined "
                  "it on its page; then it is active. You become its chair, the co-founders its "
                  "secretary and treasurer, until the board decides otherwise."));
    collective_fault_note(r);
    collective_form_begin(r, "/collectives/new");
    form_input(r, &(struct form_input){.name = "name",
                                       .label = T(r, "Name"),
                                       .type = "text",
                                       .maxlength = COLLECTIVE_NAME_MAX,
                                       .required = true});
    choice(r, "kind", T(r, "Kind"), collective_kinds(), collective_kind_label);
    collective_select_begin(r, "area", T(r, "Area"));
    area_options(r);
    collective_select_end(r);
    choice(r, "voting_rule", T(r, "Voting rule"), collective_voting_rules(), collective_rule_label);
    statutes_field(r);
    cofounder_input(r, "cofounder1", T(r, "First co-founder"));
    cofounder_input(r, "cofounder2", T(r, "Second co-founder"));
    form_end(r, T(r, "Found the collective"));
    layout_end(r);
    return ERR_OK;
}

enum err web_collective_create(struct req *r)
{
    struct collective in = {.name = req_in(r, "name"),
                            .kind = req_in(r, "kind"),
                            .area_code = req_in(r, "area"),
                            .voting_rule = req_in(r, "voting_rule"),
                            .statutes = req_in(r, "statutes")};
    int64_t co[2] = {0, 0}, id = 0;
    enum err e = collective_person_ref(r->db, r->arena, req_in(r, "cofounder1"), &co[0], &r->fault);
    if (e == ERR_OK)
        e = collective_person_ref(r->db, r->arena, req_in(r, "cofounder2"), &co[1], &r->fault);
    if (e == ERR_OK)
        e = collective_found(r->db, &in, co, &r->actor, &id, &r->fault);
    if (e != ERR_OK)
        return e;
    return collective_see_other(
        r, arena_printf(r->arena, "/collectives/%" PRId64 "?done=founded", id));
}

static enum err back(struct req *r, int64_t id, const char *done)
{
    return collective_see_other(
        r, arena_printf(r->arena, "/collectives/%" PRId64 "?done=%s", id, done));
}

enum err web_collective_join(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = collective_join(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : back(r, id, "joined");
}

enum err web_collective_leave(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = collective_leave(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : back(r, id, "left");
}

enum err web_collective_admit(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0), person = 0;
    enum err e = collective_person_ref(r->db, r->arena, req_in(r, "person"), &person, &r->fault);
    if (e == ERR_OK && person == 0)
        e = req_fail(r, ERR_INVALID, "person",
                     N_("Name the adviser by account number or e-mail address."));
    if (e == ERR_OK)
        e = collective_admit_adviser(r->db, id, person, &r->actor, &r->fault);
    return e != ERR_OK ? e : back(r, id, "admitted");
}

enum err web_collective_board(struct req *r)
{
    const char *const *roles = collective_board_roles();
    int64_t id = req_in_int(r, "id", 0), holders[3] = {0, 0, 0};
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < 3; i++)
        e = collective_person_ref(r->db, r->arena, req_in(r, roles[i]), &holders[i], &r->fault);
    if (e == ERR_OK)
        e = collective_set_board(r->db, id, holders, &r->actor, &r->fault);
    return e != ERR_OK ? e : back(r, id, "board");
}
