/* Initiatives on the web (DESIGN.md §2-3):
 *   GET  /initiatives                    the list, by buurt and phase
 *   GET  /initiatives/{id}               the hub: phase, owners, needs,
 *                                        pledge progress, phase history,
 *                                        evaluation, why it is frozen, and
 *                                        links to its pledges, plan, offers
 *   GET|POST /initiatives/{id}/phase     moving it on, with a reason
 *   GET|POST /initiatives/{id}/initiators   adding an initiator
 *   POST /initiatives/{id}/initiators/{person_id}/remove
 * and the buurt page's section of its initiatives by phase. The forms to
 * start, edit and evaluate are in initiative_form.c. Every POST answers
 * 303 back to the hub, which says what was done; who may do what is the
 * model's word (model/initiative.h), so a professional who tries gets the
 * policy's explanation from the model. */
#include "web/web.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/initiative.h"
#include "model/pledge.h"
#include "render/byline.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"
#include "web/match_words.h"

/* The phases' names, in the order of initiative_phases(). */
static const char *const phase_names[] = {
    N_("Idea"), N_("Awareness"), N_("Execution"), N_("Evaluation"), N_("Anchored"), N_("Stopped"),
};

const char *web_initiative_phase_label(const struct req *r, const char *phase)
{
    const char *const *phases = initiative_phases();
    for (size_t i = 0; phases[i] && i < sizeof phase_names / sizeof phase_names[0]; i++)
        if (phase && strcmp(phases[i], phase) == 0)
            return T(r, phase_names[i]);
    return phase ? phase : "";
}

static const char *need_label(const struct req *r, const char *kind)
{
    return strcmp(kind, "skills") == 0  ? T(r, "Skills")
           : strcmp(kind, "hours") == 0 ? T(r, "Hours a month")
           : strcmp(kind, "money") == 0 ? T(r, "Money (euros)")
                                        : T(r, "Space");
}

static const char *day(struct req *r, int64_t t)
{
    char d[11];
    clock_date(t, d);
    return arena_strdup(r->arena, d);
}

enum err web_initiative_see_other(struct req *r, int64_t id, const char *done)
{
    const char *href = arena_printf(r->arena, "/initiatives/%" PRId64 "?done=%s", id, done);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Initiative"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

/* ---- the list and the buurt's section --------------------------------------- */

static void list_table(struct req *r, const char *caption, const struct initiative *items, int n)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "</tr></thead>\n<tbody>\n",
             caption, T(r, "Initiative"), T(r, "Phase"), T(r, "Started on"));
    for (int i = 0; i < n; i++) {
        html_fmt(
            b, "<tr><td><a href=\"/initiatives/%lld\">%s</a>%s</td><td>%s</td><td>%s</td></tr>\n",
            (long long)items[i].id, items[i].title, items[i].frozen_reason ? T(r, " (frozen)") : "",
            web_initiative_phase_label(r, items[i].phase), day(r, items[i].created_at));
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

static void phase_option(struct req *r, const char *value, const char *label, const char *kept)
{
    struct buf *b = &r->resp.body;
    html_raw_trusted(b, "<option value=\"");
    html_attr(b, value);
    html_raw_trusted(b, kept && strcmp(kept, value) == 0 ? "\" selected>" : "\">");
    html_text(b, label);
    html_raw_trusted(b, "</option>\n");
}

static void filter_form(struct req *r)
{
    struct buf *b = &r->resp.body;
    const char *area = req_in(r, "area"), *phase = req_in(r, "phase");
    html_fmt(b,
             "<form class=\"search\" method=\"get\" action=\"/initiatives\" role=\"search\" "
             "aria-label=\"%s\">\n<div class=\"field\"><label for=\"area\">%s</label>\n"
             "<p class=\"hint\" id=\"area-hint\">%s</p>\n<input type=\"text\" id=\"area\" "
             "name=\"area\" maxlength=\"10\" autocomplete=\"off\" spellcheck=\"false\" "
             "aria-describedby=\"area-hint\" value=\"",
             T(r, "Initiatives by buurt and phase"), T(r, "Buurt"),
             T(r, "A CBS buurt code such as BU03630101."));
    html_attr(b, area ? area : "");
    html_fmt(b,
             "\"></div>\n<div class=\"field\"><label for=\"phase\">%s</label>\n"
             "<select id=\"phase\" name=\"phase\">\n",
             T(r, "Phase"));
    phase_option(r, "", T(r, "All phases"), phase ? phase : "");
    for (const char *const *p = initiative_phases(); *p; p++)
        phase_option(r, *p, web_initiative_phase_label(r, *p), phase);
    html_fmt(b, "</select></div>\n<button type=\"submit\">%s</button>\n</form>\n", T(r, "Show"));
}

enum err web_initiatives(struct req *r)
{
    const char *phase = req_in(r, "phase");
    struct initiative *items = NULL;
    int n = 0;
    enum err e = initiative_list(r->db, r->arena, req_in(r, "area"), phase && *phase ? phase : NULL,
                                 &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Initiatives");
    layout_begin(r, title);
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "Residents start initiatives and carry them from an idea, through an "
                  "awareness phase that gathers commitment, to execution and evaluation."));
    html_fmt(b, "<p><a href=\"/initiatives/new\">%s</a></p>\n", T(r, "Start an initiative"));
    filter_form(r);
    if (n > 0)
        list_table(r, T(r, "Initiatives, by phase"), items, n);
    else
        html_fmt(b, "<p>%s</p>\n", T(r, "No initiatives match."));
    layout_end(r);
    return ERR_OK;
}

enum err web_initiatives_section(struct req *r, const char *buurt_code)
{
    struct initiative *items = NULL;
    int n = 0;
    enum err e = initiative_list(r->db, r->arena, buurt_code, NULL, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<section aria-labelledby=\"initiatives-title\">\n"
             "<h2 id=\"initiatives-title\">%s</h2>\n",
             T(r, "Initiatives in this buurt"));
    if (n > 0)
        list_table(r, T(r, "Initiatives in this buurt, by phase"), items, n);
    else
        html_fmt(b, "<p>%s</p>\n", T(r, "No initiative has started here yet."));
    html_fmt(b, "<p><a href=\"/initiatives/new\">%s</a></p>\n</section>\n",
             T(r, "Start an initiative"));
    return ERR_OK;
}

/* ---- the hub page ----------------------------------------------------------- */

struct view {
    struct initiative it;
    const char *frozen; /* invariant 1 now: a message id, or NULL */
    struct initiative_initiator *initiators;
    int ninitiators;
    struct initiative_need *needs;
    int nneeds;
    struct initiative_phase_change *history;
    int nhistory;
    struct initiative_evaluation ev;
    int residents, hours; /* pledged */
    const char *collective_name;
    enum relation rel;
};

static enum err load(struct req *r, int64_t id, struct view *v)
{
    enum err e = initiative_get(r->db, r->arena, id, &v->it, &r->fault);
    if (e == ERR_OK)
        e = initiative_ownership(r->db, id, &v->frozen, &r->fault);
    if (e == ERR_OK)
        e = initiative_initiators(r->db, r->arena, id, &v->initiators, &v->ninitiators, &r->fault);
    if (e == ERR_OK)
        e = initiative_needs(r->db, r->arena, id, &v->needs, &v->nneeds, &r->fault);
    if (e == ERR_OK)
        e = initiative_history(r->db, r->arena, id, &v->history, &v->nhistory, &r->fault);
    if (e == ERR_OK)
        e = initiative_evaluation_get(r->db, r->arena, id, &v->ev, &r->fault);
    if (e == ERR_OK)
        e = pledge_totals(r->db, id, &v->residents, &v->hours, &r->fault);
    if (e == ERR_OK)
        e = initiative_relation(r->db, id, &r->actor, &v->rel, &r->fault);
    if (e == ERR_OK && v->it.collective_id != 0) {
        struct collective c;
        e = collective_get(r->db, r->arena, v->it.collective_id, &c, &r->fault);
        v->collective_name = e == ERR_OK ? c.name : NULL;
    }
    return e;
}

static void done_note(struct req *r)
{
    const char *done = req_in(r, "done");
    if (!done || r->fault.code != ERR_OK)
        return;
    const char *text = strcmp(done, "created") == 0     ? T(r, "The initiative has started.")
                       : strcmp(done, "phase") == 0     ? T(r, "The phase has changed.")
                       : strcmp(done, "edited") == 0    ? T(r, "The changes have been saved.")
                       : strcmp(done, "evaluated") == 0 ? T(r, "The evaluation has been saved.")
                                                        : T(r, "The initiators have changed.");
    html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n", text);
}

static void owners(struct req *r, const struct view *v)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Owners"));
    if (v->collective_name) {
        html_raw_trusted(b, "<p>");
        html_fill(b, T(r, "Owned by the collective %s; its board steers it."), v->collective_name,
                  NULL);
        html_fmt(b, " <a href=\"/collectives/%lld\">%s</a></p>\n", (long long)v->it.collective_id,
                 T(r, "The collective"));
    }
    if (v->ninitiators == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "There are no initiators."));
        return;
    }
    html_raw_trusted(b, "<ul class=\"initiators\">\n");
    for (int i = 0; i < v->ninitiators; i++) {
        const struct initiative_initiator *ii = &v->initiators[i];
        html_raw_trusted(b, "<li>");
        byline_write(r, ii->person_id, NULL);
        html_raw_trusted(b, " &mdash; ");
        html_fill(b, T(r, "initiator since %s"), day(r, ii->since_at), NULL);
        if (v->rel == REL_INITIATOR)
            form_button(r,
                        arena_printf(r->arena, "/initiatives/%lld/initiators/%lld/remove",
                                     (long long)v->it.id, (long long)ii->person_id),
                        ii->person_id == r->actor.person_id ? T(r, "Step down")
                                                            : T(r, "Remove as initiator"),
                        "inline");
        html_raw_trusted(b, "</li>\n");
    }
    html_raw_trusted(b, "</ul>\n");
}

static void needs(struct req *r, const struct view *v)
{
    struct buf *b = &r->resp.body;
    if (v->nneeds == 0) {
        html_fmt(b, "<h2>%s</h2>\n<p>%s</p>\n", T(r, "Needs"), T(r, "No needs listed yet."));
        return;
    }
    html_fmt(b,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "</tr></thead>\n<tbody>\n",
             T(r, "Needs"), T(r, "Kind"), T(r, "What"), T(r, "Amount"));
    for (int i = 0; i < v->nneeds; i++) {
        const struct initiative_need *nd = &v->needs[i];
        html_fmt(b, "<tr><td>%s</td><td>%s</td><td>", need_label(r, nd->kind), nd->description);
        if (nd->amount >= 0)
            html_fmt(b, "%lld", (long long)nd->amount);
        html_raw_trusted(b, "</td></tr>\n");
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

static void progress(struct req *r, const struct view *v)
{
    struct buf *b = &r->resp.body;
    const char *id = arena_printf(r->arena, "%lld", (long long)v->it.id);
    html_fmt(b, "<h2>%s</h2>\n<p>", T(r, "Commitment"));
    html_fill(b, T(r, "%s of %s residents, %s of %s hours a month pledged."),
              arena_printf(r->arena, "%d", v->residents),
              arena_printf(r->arena, "%d", v->it.threshold_residents),
              arena_printf(r->arena, "%d", v->hours),
              arena_printf(r->arena, "%d", v->it.threshold_hours), NULL);
    html_fmt(b, "</p>\n<nav aria-label=\"%s\"><ul>\n", T(r, "Parts of this initiative"));
    html_fmt(b, "<li><a href=\"/initiatives/%s/pledges\">%s</a></li>\n", id, T(r, "Pledges"));
    html_fmt(b, "<li><a href=\"/initiatives/%s/plan\">%s</a></li>\n", id, T(r, "Plan and tasks"));
    html_fmt(b, "<li><a href=\"/initiatives/%s/offers\">%s</a></li>\n", id,
             T(r, "Facilitation offers"));
    html_fmt(b, "<li><a href=\"/initiatives/%s/activities\">%s</a></li>\n", id, T(r, "Activities"));
    html_fmt(b, "<li><a href=\"/initiatives/%s/decisions\">%s</a></li>\n", id, T(r, "Decisions"));
    html_fmt(b, "<li><a href=\"/agreements?party_kind=initiative&amp;party=%s\">%s</a></li>\n", id,
             T(r, "Cooperation agreements"));
    html_fmt(b, "<li><a href=\"/initiatives/%s/matches\">%s</a></li>\n", id,
             T(r, "Skills needed"));
    html_fmt(b, "<li><a href=\"/conflicts/new?initiative_id=%s\">%s</a></li>\n", id,
             T(r, "Raise a conflict case"));
    html_raw_trusted(b, "</ul></nav>\n");
}

static void history(struct req *r, const struct view *v)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Phase history"));
    if (v->nhistory == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "The initiative is still in its first phase."));
        return;
    }
    html_fmt(b,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Every phase change, with who and why"), T(r, "Date"), T(r, "Phase"), T(r, "Who"),
             T(r, "Reason"));
    for (int i = 0; i < v->nhistory; i++) {
        const struct initiative_phase_change *h = &v->history[i];
        html_fmt(b, "<tr><td>%s</td><td>%s &rarr; %s</td><td>", day(r, h->at),
                 web_initiative_phase_label(r, h->from), web_initiative_phase_label(r, h->to));
        byline_write(r, h->person_id, h->capacity);
        html_fmt(b, "</td><td>%s</td></tr>\n", h->reason ? h->reason : "");
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

static void evaluation(struct req *r, const struct view *v)
{
    struct buf *b = &r->resp.body;
    bool open = strcmp(v->it.phase, "evaluation") == 0;
    if (v->ev.updated_by == 0 && !open)
        return;
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Evaluation"));
    if (v->ev.updated_by != 0)
        html_fmt(b,
                 "<dl>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n"
                 "<dt>%s</dt><dd>%s</dd>\n</dl>\n",
                 T(r, "Results"), v->ev.results, T(r, "What worked"), v->ev.worked,
                 T(r, "What did not work"), v->ev.did_not_work, T(r, "Under which conditions"),
                 v->ev.conditions);
    else
        html_fmt(b, "<p>%s</p>\n", T(r, "No evaluation has been entered yet."));
    if (open && v->rel == REL_INITIATOR)
        html_fmt(b, "<p><a href=\"/initiatives/%lld/evaluation\">%s</a></p>\n", (long long)v->it.id,
                 T(r, "Enter the evaluation"));
    if (v->ev.updated_by != 0 && v->rel == REL_INITIATOR)
        html_fmt(b, "<p><a href=\"/initiatives/%lld/practice\">%s</a></p>\n", (long long)v->it.id,
                 T(r, "Publish the lesson"));
}

/* The phase form, for anyone signed in: the model says who may. */
static void phase_form(struct req *r, const struct view *v)
{
    struct buf *b = &r->resp.body;
    if (initiative_phase_ended(v->it.phase) || r->actor.person_id == 0)
        return;
    html_fmt(b, "<h2 id=\"phase-title\">%s</h2>\n<p>%s</p>\n", T(r, "Change the phase"),
             T(r, "Only the initiators, acting as residents, move the initiative on. Say why; "
                  "below the pledge threshold and when stopping a reason is required."));
    form_begin(r, arena_printf(r->arena, "/initiatives/%lld/phase", (long long)v->it.id));
    const char *kept = form_value(r, "phase");
    html_fmt(b,
             "<div class=\"field\"><label for=\"phase\">%s</label>\n<select id=\"phase\" "
             "name=\"phase\">\n",
             T(r, "New phase"));
    const char *const *p = initiative_phases();
    for (size_t i = 1; p[i]; i++)
        if (i == 5 || strcmp(p[i - 1], v->it.phase) == 0)
            phase_option(r, p[i], web_initiative_phase_label(r, p[i]), kept);
    html_raw_trusted(b, "</select></div>\n");
    bool error = r->fault.code != ERR_OK && r->fault.field && strcmp(r->fault.field, "reason") == 0;
    html_fmt(b, "<div class=\"field\"><label for=\"reason\">%s</label>\n", T(r, "Reason"));
    if (error)
        html_fmt(b, "<p class=\"field-error\" id=\"reason-error\">%s</p>\n", errmsg_text(r));
    html_fmt(b, "<textarea id=\"reason\" name=\"reason\" rows=\"3\" maxlength=\"%d\"",
             INITIATIVE_TEXT_MAX);
    if (error)
        html_raw_trusted(b, " aria-describedby=\"reason-error\" aria-invalid=\"true\"");
    html_raw_trusted(b, ">");
    html_text(b, form_value(r, "reason"));
    html_raw_trusted(b, "</textarea></div>\n");
    form_end(r, T(r, "Change the phase"));
}

static void initiator_form(struct req *r, const struct view *v)
{
    if (v->rel != REL_INITIATOR || initiative_phase_ended(v->it.phase))
        return;
    html_fmt(&r->resp.body, "<h2>%s</h2>\n<p>%s</p>\n", T(r, "Add an initiator"),
             T(r, "Only verified residents of the initiative's buurt can become initiators."));
    form_begin(r, arena_printf(r->arena, "/initiatives/%lld/initiators", (long long)v->it.id));
    form_input(r, &(struct form_input){.name = "person",
                                       .label = T(r, "Account number or e-mail address"),
                                       .type = "text",
                                       .autocomplete = "off",
                                       .maxlength = 320,
                                       .required = true});
    form_end(r, T(r, "Add as initiator"));
}

static void hub(struct req *r, const struct view *v)
{
    struct buf *b = &r->resp.body;
    struct crumb crumbs[] = {{T(r, "Initiatives"), "/initiatives"}, {v->it.title, NULL}};
    layout_begin_crumbs(r, v->it.title, crumbs, 2);
    html_fmt(b, "<h1>%s</h1>\n<p class=\"phase\">", v->it.title);
    html_fill(b, T(r, "Phase: %s"), web_initiative_phase_label(r, v->it.phase), NULL);
    html_raw_trusted(b, "</p>\n");
    if (v->frozen)
        html_fmt(b, "<p class=\"note warning\" role=\"status\">%s</p>\n", T(r, v->frozen));
    done_note(r);
    if (*v->it.aim)
        html_fmt(b, "<h2>%s</h2>\n<p class=\"aim\">%s</p>\n", T(r, "Aim"), v->it.aim);
    html_fmt(b, "<h2>%s</h2>\n<ul>\n", T(r, "Buurten"));
    for (int i = 0; i < v->it.n_areas; i++)
        html_fmt(b, "<li><a href=\"/areas/%s\">%s</a></li>\n", v->it.areas[i], v->it.areas[i]);
    html_raw_trusted(b, "</ul>\n");
    owners(r, v);
    needs(r, v);
    progress(r, v);
    history(r, v);
    evaluation(r, v);
    match_similar_section(r, v->it.id);
    if (v->rel == REL_INITIATOR && !initiative_phase_ended(v->it.phase))
        html_fmt(b, "<p><a href=\"/initiatives/%lld/edit\">%s</a></p>\n", (long long)v->it.id,
                 T(r, "Change the title, aim, buurten, needs or thresholds"));
    phase_form(r, v);
    initiator_form(r, v);
    layout_end(r);
}

enum err web_initiative(struct req *r)
{
    struct view v = {0};
    enum err e = load(r, req_in_int(r, "id", 0), &v);
    if (e != ERR_OK)
        return e;
    hub(r, &v);
    return ERR_OK;
}

enum err web_initiative_phase(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = initiative_change_phase(r->db, id, req_in(r, "phase"), req_in(r, "reason"),
                                         &r->actor, &r->fault);
    return e != ERR_OK ? e : web_initiative_see_other(r, id, "phase");
}

/* The person named by an account number or an e-mail address. */
static enum err person_named(struct req *r, const char *text, int64_t *id)
{
    if (!text || !*text)
        return req_fail(r, ERR_INVALID, "person",
                        N_("Name the person by account number or e-mail address."));
    bool digits = true;
    for (const char *p = text; *p; p++)
        digits = digits && isdigit((unsigned char)*p);
    if (digits && strlen(text) < 19) {
        *id = strtoll(text, NULL, 10);
        return ERR_OK;
    }
    struct capacity_person p;
    enum err e = capacity_person_find(r->db, r->arena, text, &p, &r->fault);
    if (e == ERR_OK)
        *id = p.id;
    else
        r->fault.field = "person";
    return e;
}

enum err web_initiative_add_initiator(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0), person = 0;
    enum err e = person_named(r, req_in(r, "person"), &person);
    if (e == ERR_OK)
        e = initiative_add_initiator(r->db, id, person, &r->actor, &r->fault);
    return e != ERR_OK ? e : web_initiative_see_other(r, id, "initiators");
}

enum err web_initiative_remove_initiator(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e =
        initiative_remove_initiator(r->db, id, req_in_int(r, "person_id", 0), &r->actor, &r->fault);
    return e != ERR_OK ? e : web_initiative_see_other(r, id, "initiators");
}
