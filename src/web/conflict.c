/* Conflict cases (DESIGN.md §3), the pages:
 *   GET  /conflicts                   the cases one is a party to or mediates
 *   GET  /conflicts/new               raise a case about an initiative or a
 *                                     collective (?initiative_id= or
 *                                     ?collective_id=); POST raises it
 *   GET  /conflicts/{id}              the case: matter, parties, mediator,
 *                                     the record of its steps, the agreement,
 *                                     and the forms the viewer may use
 *   POST /conflicts/{id}/mediator     ask for a mediator
 *   POST /conflicts/{id}/steps        take the next step, with a record
 *   POST /conflicts/{id}/agreement    the mediator drafts the agreement
 *   POST /conflicts/{id}/confirm      a party confirms the draft
 * and the area page's section with the counts (no names). Every POST
 * answers 303 back to the case; a refused form is shown again on the case
 * page with the message next to its field. Who may see and do what is the
 * model's word (model/conflict.h): anyone but the parties and their
 * mediator gets "not found". */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/collective.h"
#include "model/conflict.h"
#include "model/initiative.h"
#include "render/byline.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

/* The words of a step or of a record's kind. */
static const char *kind_label(const struct req *r, const char *kind)
{
    static const char *const labels[][2] = {
        {"raised", N_("Raised")},
        {"conversation", N_("Conversation")},
        {"mediation", N_("Mediation")},
        {"agreement", N_("Agreement reached")},
        {"closed", N_("Closed without agreement")},
        {"mediator", N_("Mediator agreed")},
        {"draft", N_("Agreement text drafted")},
        {"confirmed", N_("Agreement text confirmed")},
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(kind, labels[i][0]) == 0)
            return T(r, labels[i][1]);
    return kind;
}

static const char *capacity_label(const struct req *r, const char *capacity)
{
    return capacity && strcmp(capacity, "professional") == 0 ? T(r, "as professional")
                                                             : T(r, "as resident");
}

static enum err see_other(struct req *r, int64_t id, const char *done)
{
    const char *href = arena_printf(r->arena, "/conflicts/%" PRId64 "?done=%s", id, done);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Conflict case"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

/* A multi-line control: label, the error next to it, the kept value. */
static void textarea(struct req *r, const char *name, const char *label, const char *hint,
                     int maxlength, const char *value)
{
    struct buf *b = &r->resp.body;
    form_field_begin(r, "conflict-", name, label);
    if (hint)
        html_fmt(b, "<p class=\"hint\" id=\"conflict-%s-hint\">%s</p>\n", name, hint);
    html_fmt(b, "<textarea id=\"conflict-%s\" name=\"%s\" rows=\"4\" maxlength=\"%d\" required",
             name, name, maxlength);
    if (hint && !form_has_error(r, name))
        html_fmt(b, " aria-describedby=\"conflict-%s-hint\"", name);
    form_field_attrs(r, "conflict-", name);
    html_raw_trusted(b, ">");
    const char *kept = form_value(r, name);
    html_text(b, kept ? kept : value ? value : "");
    html_raw_trusted(b, "</textarea>\n</div>\n");
}

/* A select of options (value, label pairs; NULL-terminated). */
static void select_field(struct req *r, const char *name, const char *label,
                         const char *options[][2])
{
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, name);
    form_field_begin(r, "conflict-", name, label);
    html_fmt(b, "<select id=\"conflict-%s\" name=\"%s\"", name, name);
    form_field_attrs(r, "conflict-", name);
    html_raw_trusted(b, ">\n");
    for (int i = 0; options[i][0]; i++)
        html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", options[i][0],
                 kept && strcmp(kept, options[i][0]) == 0 ? " selected" : "", options[i][1]);
    html_raw_trusted(b, "</select>\n</div>\n");
}

/* The error of a refused post at the top, unless a field of the page
 * shows it. */
static void error_summary(struct req *r)
{
    static const char *const fields[] = {"matter", "parties", "mediator", "capacity",
                                         "step",   "record",  "text",     NULL};
    if (r->fault.code == ERR_OK)
        return;
    for (size_t i = 0; r->fault.field && fields[i]; i++)
        if (strcmp(r->fault.field, fields[i]) == 0)
            return;
    html_fmt(&r->resp.body,
             "<div class=\"form-errors\" role=\"alert\"><p><strong>%s</strong> %s</p></div>\n",
             T(r, "This did not work:"), errmsg_text(r));
}

static void done_note(struct req *r)
{
    const char *done = req_in(r, "done");
    if (!done || r->fault.code != ERR_OK)
        return;
    html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n",
             T(r, "Saved. The other parties and the mediator have been told."));
}

/* ---- the list --------------------------------------------------------------- */

enum err web_conflicts_page(struct req *r)
{
    struct conflict_row *items = NULL;
    int n = 0;
    enum err e = conflict_list_mine(r->db, r->arena, &r->actor, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    layout_begin(r, T(r, "Conflict cases"));
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "Conflict cases"),
             T(r, "A conflict case is seen only by its parties and the mediator they chose "
                  "together. Raise one from the page of the initiative or collective it is "
                  "about."));
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "You are not a party to a conflict case."));
        layout_end(r);
        return ERR_OK;
    }
    html_fmt(b,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Your conflict cases"), T(r, "What it is about"), T(r, "Current step"),
             T(r, "You are"), T(r, "Last change"));
    for (int i = 0; i < n; i++) {
        char day[11];
        clock_date(items[i].updated_at, day);
        html_fmt(b,
                 "<tr><td><a href=\"/conflicts/%lld\">%s</a></td><td>%s</td><td>%s</td>"
                 "<td>%s</td></tr>\n",
                 (long long)items[i].id, items[i].about_title ? items[i].about_title : "",
                 kind_label(r, items[i].step),
                 items[i].mediator ? T(r, "the mediator") : T(r, "a party"), day);
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
    layout_end(r);
    return ERR_OK;
}

/* ---- raising ------------------------------------------------------------------ */

/* The title of what a new case is about; ERR_NOT_FOUND when unknown. */
static enum err about_title(struct req *r, int64_t initiative_id, int64_t collective_id,
                            const char **title)
{
    if (initiative_id > 0) {
        struct initiative in;
        enum err e = initiative_get(r->db, r->arena, initiative_id, &in, &r->fault);
        *title = e == ERR_OK ? in.title : NULL;
        return e;
    }
    if (collective_id > 0) {
        struct collective c;
        enum err e = collective_get(r->db, r->arena, collective_id, &c, &r->fault);
        *title = e == ERR_OK ? c.name : NULL;
        return e;
    }
    return req_fail(r, ERR_NOT_FOUND, NULL,
                    N_("Say which initiative or collective the conflict is about."));
}

enum err web_conflict_new(struct req *r)
{
    int64_t ini = req_in_int(r, "initiative_id", 0), col = req_in_int(r, "collective_id", 0);
    const char *title = NULL;
    struct fault kept = r->fault;
    enum err e = about_title(r, ini, col, &title);
    if (e != ERR_OK)
        return e;
    r->fault = kept;
    struct buf *b = &r->resp.body;
    layout_begin(r, T(r, "Raise a conflict case"));
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Raise a conflict case about %s"), title, NULL);
    html_fmt(b, "</h1>\n<p>%s</p>\n",
             T(r, "Only you, the people you name and the mediator you all choose will see this "
                  "case. Nobody else can, not even the admins of the platform."));
    form_begin(r, "/conflicts/new");
    form_hidden(r, ini > 0 ? "initiative_id" : "collective_id",
                arena_printf(r->arena, "%" PRId64, ini > 0 ? ini : col));
    textarea(r, "matter", T(r, "What is the conflict about?"),
             T(r, "Describe the matter calmly and in your own words, in at most 2000 characters."),
             CONFLICT_MATTER_MAX, NULL);
    textarea(r, "parties", T(r, "Who else is involved?"),
             T(r, "The e-mail addresses of their accounts, separated by commas. They must take "
                  "part in this initiative or collective too."),
             4000, NULL);
    form_end(r, T(r, "Raise the case"));
    layout_end(r);
    return ERR_OK;
}

enum err web_conflict_raise(struct req *r)
{
    struct conflict_input in = {.initiative_id = req_in_int(r, "initiative_id", 0),
                                .collective_id = req_in_int(r, "collective_id", 0),
                                .matter = req_in(r, "matter")};
    int64_t *parties = NULL, id = 0;
    enum err e = conflict_parties_parse(r->db, r->arena, req_in(r, "parties"), &parties,
                                        &in.n_parties, &r->fault);
    in.parties = parties;
    if (e == ERR_OK)
        e = conflict_raise(r->db, r->arena, &in, &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "raised");
}

/* ---- the case ------------------------------------------------------------------ */

static void date_of(int64_t t, char day[static 11])
{
    clock_date(t, day);
}

static void parties_section(struct req *r, const struct conflict_case *c)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<h2 id=\"parties\">%s</h2>\n<div class=\"table-scroll\"><table>\n<caption>%s"
             "</caption>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Parties to the case"), T(r, "The parties and the mediator each asks for"),
             T(r, "Party to the case"), T(r, "Asks as mediator"), T(r, "Confirmed the agreement"));
    for (int i = 0; i < c->n_parties; i++) {
        const struct conflict_party *p = &c->parties[i];
        html_raw_trusted(b, "<tr><td>");
        html_text(b, byline_name(r, p->person_id, NULL, NULL));
        html_raw_trusted(b, "</td><td>");
        if (p->choice_id)
            html_fmt(b, "%s (%s)", byline_name(r, p->choice_id, NULL, NULL),
                     capacity_label(r, p->choice_capacity));
        else
            html_text(b, T(r, "nobody yet"));
        html_fmt(b, "</td><td>%s</td></tr>\n",
                 c->agreement_version && p->confirmed_version == c->agreement_version
                     ? T(r, "confirmed it")
                     : T(r, "not yet confirmed"));
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n<p>");
    if (c->mediator_id)
        html_fill(b, T(r, "Mediator: %s, %s."), byline_name(r, c->mediator_id, NULL, NULL),
                  capacity_label(r, c->mediator_capacity), NULL);
    else
        html_text(b, T(r, "There is no mediator yet: every party must ask for the same person. "
                          "A professional mediates only when every party asks for one."));
    html_raw_trusted(b, "</p>\n");
}

/* Names in words, without the byline's report link: a confidential case is
 * no place to send moderators to. */
static void record_section(struct req *r, const struct conflict_case *c)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<h2 id=\"record\">%s</h2>\n<div class=\"table-scroll\"><table>\n<caption>%s"
             "</caption>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Record of the case"), T(r, "The steps of this case, oldest first"), T(r, "Date"),
             T(r, "Step taken"), T(r, "By whom"), T(r, "What was recorded"));
    for (int i = 0; i < c->n_steps; i++) {
        const struct conflict_step *s = &c->steps[i];
        char day[11];
        date_of(s->at, day);
        const char *as = byline_capacity(r, s->capacity);
        html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s%s%s</td><td class=\"pre\">%s</td></tr>\n",
                 day, kind_label(r, s->kind), byline_name(r, s->person_id, s->capacity, NULL),
                 as ? ", " : "", as ? as : "", s->record);
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

static void agreement_section(struct req *r, const struct conflict_case *c)
{
    struct buf *b = &r->resp.body;
    if (!c->agreement_version)
        return;
    html_fmt(b, "<h2 id=\"agreement\">%s</h2>\n<p>", T(r, "The agreement of the parties"));
    html_fill(b, T(r, "Draft %s, written by the mediator."),
              arena_printf(r->arena, "%d", c->agreement_version), NULL);
    html_fmt(b, "</p>\n<blockquote class=\"pre\">%s</blockquote>\n",
             c->agreement_text ? c->agreement_text : "");
    bool confirmed = false;
    for (int i = 0; i < c->n_parties; i++)
        if (c->parties[i].person_id == r->actor.person_id)
            confirmed = c->parties[i].confirmed_version == c->agreement_version;
    if (c->viewer != REL_OWN || strcmp(c->step, "mediation") != 0)
        return;
    if (confirmed) {
        html_fmt(b, "<p>%s</p>\n", T(r, "You confirmed this agreement."));
        return;
    }
    form_begin(r, arena_printf(r->arena, "/conflicts/%" PRId64 "/confirm", c->id));
    form_hidden(r, "version", arena_printf(r->arena, "%d", c->agreement_version));
    form_end(r, T(r, "I confirm this agreement"));
}

static void mediator_form(struct req *r, const struct conflict_case *c)
{
    static const char *const caps[][2] = {
        {"resident", N_("as resident")}, {"professional", N_("as professional")}, {NULL, NULL}};
    const char *translated[3][2] = {
        {caps[0][0], T(r, caps[0][1])}, {caps[1][0], T(r, caps[1][1])}, {NULL, NULL}};
    html_fmt(&r->resp.body, "<h2 id=\"choose-mediator\">%s</h2>\n<p>%s</p>\n",
             T(r, "Choose a mediator"),
             T(r, "Name the person you want as mediator. They mediate when every party names "
                  "the same person in the same way. A professional mediates only when every "
                  "party asks for one as a professional."));
    form_begin(r, arena_printf(r->arena, "/conflicts/%" PRId64 "/mediator", c->id));
    form_input(r, &(struct form_input){.name = "mediator",
                                       .label = T(r, "E-mail address of the mediator"),
                                       .type = "email",
                                       .maxlength = 254,
                                       .required = true});
    select_field(r, "capacity", T(r, "Asked as"), translated);
    form_end(r, T(r, "Ask for this mediator"));
}

/* The steps this viewer may take now: value and label pairs. */
static int next_steps(struct req *r, const struct conflict_case *c, const char *out[4][2])
{
    int n = 0;
    bool party = c->viewer == REL_OWN;
    if (party && strcmp(c->step, "raised") == 0)
        out[n][0] = "conversation", out[n++][1] = T(r, "Conversation: we talked it over");
    if (party && strcmp(c->step, "conversation") == 0 && c->mediator_id)
        out[n][0] = "mediation", out[n++][1] = T(r, "Mediation: with our mediator");
    out[n][0] = "closed", out[n++][1] = T(r, "Close without agreement");
    out[n][0] = out[n][1] = NULL;
    return n;
}

static void step_form(struct req *r, const struct conflict_case *c)
{
    const char *steps[4][2];
    next_steps(r, c, steps);
    html_fmt(&r->resp.body, "<h2 id=\"next-step\">%s</h2>\n", T(r, "Next step of the case"));
    form_begin(r, arena_printf(r->arena, "/conflicts/%" PRId64 "/steps", c->id));
    select_field(r, "step", T(r, "Which step"), steps);
    textarea(r, "record", T(r, "A short record of this step"),
             T(r, "What happened or was said, in at most 1000 characters. The parties and the "
                  "mediator read it."),
             CONFLICT_RECORD_MAX, NULL);
    form_end(r, T(r, "Take this step"));
}

static void draft_form(struct req *r, const struct conflict_case *c)
{
    html_fmt(&r->resp.body, "<h2 id=\"draft\">%s</h2>\n", T(r, "Write the agreement"));
    form_begin(r, arena_printf(r->arena, "/conflicts/%" PRId64 "/agreement", c->id));
    textarea(r, "text", T(r, "The agreement text"),
             T(r, "What the parties agree on, in at most 4000 characters. A new draft needs every "
                  "party's confirmation again."),
             CONFLICT_AGREEMENT_MAX, c->agreement_text);
    form_end(r, T(r, "Save the draft"));
}

static void case_body(struct req *r, const struct conflict_case *c)
{
    struct buf *b = &r->resp.body;
    char day[11];
    html_fmt(b, "<p>%s: <strong>%s</strong>", T(r, "Current step"), kind_label(r, c->step));
    if (c->closed_at) {
        date_of(c->closed_at, day);
        html_raw_trusted(b, " (");
        html_fill(b, T(r, "closed on %s"), day, NULL);
        html_raw_trusted(b, ")");
    }
    html_fmt(b, "</p>\n<h2 id=\"matter\">%s</h2>\n", T(r, "The matter"));
    if (*c->matter)
        html_fmt(b, "<p class=\"pre\">%s</p>\n", c->matter);
    else
        html_fmt(b, "<p>%s</p>\n", T(r, "Removed when its author erased their account."));
    parties_section(r, c);
    record_section(r, c);
    agreement_section(r, c);
    if (c->closed_at)
        return;
    bool party = c->viewer == REL_OWN;
    if (party && (strcmp(c->step, "raised") == 0 || strcmp(c->step, "conversation") == 0))
        mediator_form(r, c);
    if (c->viewer == REL_MEMBER && strcmp(c->step, "mediation") == 0)
        draft_form(r, c);
    step_form(r, c);
}

enum err web_conflict_page(struct req *r)
{
    struct conflict_case c;
    struct fault kept = r->fault;
    enum err e = conflict_get(r->db, r->arena, req_in_int(r, "id", 0), &r->actor, &c, &r->fault);
    if (e != ERR_OK)
        return e;
    r->fault = kept;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Conflict case");
    struct crumb crumbs[] = {{T(r, "Conflict cases"), "/conflicts"}, {title, NULL}};
    /* the title leaves out what it is about: a short title, and one less
     * place where the case's subject shows (tab lists, history) */
    layout_begin_crumbs(r, arena_printf(r->arena, "%s %" PRId64, title, c.id), crumbs, 2);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Conflict case about %s"), c.about_title, NULL);
    html_fmt(b, "</h1>\n<p>%s</p>\n",
             c.viewer == REL_MEMBER
                 ? T(r, "You are the mediator of this case. Only the parties and you see it.")
                 : T(r, "You are a party to this case. Only the parties and the mediator see it."));
    error_summary(r);
    done_note(r);
    case_body(r, &c);
    layout_end(r);
    return ERR_OK;
}

enum err web_conflict_mediator(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0), mediator = 0;
    enum err e =
        collective_person_ref(r->db, r->arena, req_in(r, "mediator"), &mediator, &r->fault);
    if (e == ERR_OK)
        e = conflict_choose_mediator(r->db, id, mediator, req_in(r, "capacity"), &r->actor, NULL,
                                     &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "mediator");
}

enum err web_conflict_step(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e =
        conflict_advance(r->db, id, req_in(r, "step"), req_in(r, "record"), &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "step");
}

enum err web_conflict_draft(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = conflict_draft(r->db, id, req_in(r, "text"), &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "draft");
}

enum err web_conflict_confirm(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e =
        conflict_confirm(r->db, id, (int)req_in_int(r, "version", 0), &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "confirmed");
}

/* ---- the area page's section ------------------------------------------------ */

static const char *count_text(struct req *r, int n)
{
    return n == CONFLICT_FEWER ? T(r, "fewer than 5") : arena_printf(r->arena, "%d", n);
}

enum err web_conflicts_section(struct req *r, const char *area_code)
{
    struct conflict_counts n;
    enum err e = conflict_area_counts(r->db, area_code, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    html_fmt(&r->resp.body,
             "<h2 id=\"conflicts\">%s</h2>\n<div class=\"table-scroll\"><table>\n"
             "<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
             "</th></tr></thead>\n<tbody>\n<tr><th scope=\"row\">%s</th><td>%s</td></tr>\n"
             "<tr><th scope=\"row\">%s</th><td>%s</td></tr>\n</tbody>\n</table></div>\n"
             "<p>%s</p>\n",
             T(r, "Conflict cases"), T(r, "Conflict cases in this area, without names"),
             T(r, "Open or closed"), T(r, "Number of cases"), T(r, "Open"), count_text(r, n.open),
             T(r, "Closed, with or without agreement"), count_text(r, n.closed),
             T(r, "Numbers below 5 are not shown, so that they do not point to anyone."));
    return ERR_OK;
}
