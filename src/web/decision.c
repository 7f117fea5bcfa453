/* Decisions (DESIGN.md §3): the lists and the decision page.
 *   GET  /collectives/{id}/decisions   a collective's decisions
 *   GET  /initiatives/{id}/decisions   an initiative's decisions
 *   GET  /decisions/{id}               the proposal, the count or the
 *                                      outcome, the objections, and the
 *                                      forms to take part
 *   POST /decisions/{id}/vote          vote, consent, or give dots
 *   POST /decisions/{id}/object        object with a reason
 *   POST /decisions/{id}/settle        resolve or withdraw one's objection
 *   POST /decisions/{id}/amend         the proposer amends (consent)
 *   POST /decisions/{id}/close         close it before its time
 * Every POST answers 303 back to the decision; a refused form is shown
 * again (the GET of the same path is this page) with the message next to
 * its field. Who may is the model's word (model/decision.h,
 * decision_vote.h); the page asks the policy only to choose what to show.
 * Times are shown in Europe/Amsterdam. */
#include "web/web.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "model/capacity.h"
#include "model/decision.h"
#include "model/decision_vote.h"
#include "model/schedule.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

const char *web_decision_method_label(const struct req *r, const char *method)
{
    if (strcmp(method, "consent") == 0)
        return T(r, "consent");
    if (strcmp(method, "majority") == 0)
        return T(r, "majority vote");
    return T(r, "dot vote");
}

static const char *outcome_label(const struct req *r, const char *outcome)
{
    static const char *const labels[][2] = {
        {"adopted", N_("adopted")},
        {"rejected", N_("rejected")},
        {"blocked", N_("blocked by an objection")},
        {"no_quorum", N_("not taken: too few took part")},
        {"decided", N_("decided")},
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(outcome, labels[i][0]) == 0)
            return T(r, labels[i][1]);
    return outcome;
}

/* "2026-03-08 20:00" in Europe/Amsterdam. */
static const char *local_time(struct req *r, int64_t t)
{
    int64_t day;
    int minute;
    char d[11], m[6];
    schedule_local(t, &day, &minute);
    schedule_day_text(day, d);
    schedule_time_text(minute, m);
    return arena_printf(r->arena, "%s %s", d, m);
}

enum err web_decision_see_other(struct req *r, int64_t id, const char *done)
{
    const char *href = arena_printf(r->arena, "/decisions/%" PRId64 "?done=%s", id, done);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Decisions"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

static const char *status_text(struct req *r, const struct decision *d)
{
    if (!d->closed)
        return arena_printf(r->arena, "%s %s", T(r, "open until"), local_time(r, d->closes_at));
    return d->tally.outcome ? outcome_label(r, d->tally.outcome) : T(r, "closed");
}

static void list_table(struct req *r, const struct decision *items, int n)
{
    struct buf *b = &r->resp.body;
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No decisions yet."));
        return;
    }
    html_fmt(b,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Decisions, newest first"), T(r, "Proposal"), T(r, "Method"), T(r, "Proposed by"),
             T(r, "Status"));
    for (int i = 0; i < n; i++) {
        const struct decision *d = &items[i];
        html_fmt(b,
                 "<tr><td><a href=\"/decisions/%lld\">%s</a></td><td>%s</td><td>%s</td>"
                 "<td>%s</td></tr>\n",
                 (long long)d->id, d->title, web_decision_method_label(r, d->method),
                 d->proposer_name, status_text(r, d));
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

static enum err list_page(struct req *r, int64_t collective_id, int64_t initiative_id)
{
    struct decision *items = NULL;
    int n = 0;
    enum err e = decision_list(r->db, r->arena, collective_id, initiative_id, r->actor.now, &items,
                               &n, &r->fault);
    if (e != ERR_OK)
        return e;
    const char *name, *href;
    if ((e = web_decision_scope(r, collective_id, initiative_id, &name, &href)) != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    struct crumb crumbs[] = {{name, href}, {T(r, "Decisions"), NULL}};
    layout_begin_crumbs(r, arena_printf(r->arena, "%s: %s", T(r, "Decisions"), name), crumbs, 2);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Decisions of %s"), name, NULL);
    html_raw_trusted(b, "</h1>\n<p><a href=\"");
    html_attr(b, arena_printf(r->arena, "%s/decisions/new", href));
    html_fmt(b, "\">%s</a></p>\n", T(r, "Make a proposal"));
    list_table(r, items, n);
    layout_end(r);
    return ERR_OK;
}

enum err web_collective_decisions(struct req *r)
{
    return list_page(r, req_in_int(r, "id", 0), 0);
}

enum err web_initiative_decisions(struct req *r)
{
    return list_page(r, 0, req_in_int(r, "id", 0));
}

/* The count, or that it is withheld; the outcome once closed. */
static void result_section(struct req *r, const struct decision *d)
{
    struct buf *b = &r->resp.body;
    const struct decision_tally *t = &d->tally;
    html_fmt(b, "<h2 id=\"result\">%s</h2>\n", d->closed ? T(r, "Outcome") : T(r, "The count"));
    if (d->closed && t->outcome) {
        html_raw_trusted(b, "<p class=\"outcome\"><strong>");
        html_text(b, outcome_label(r, t->outcome));
        html_raw_trusted(b, "</strong></p>\n");
    }
    if (!t->shown) {
        html_fmt(b, "<p>%s</p>\n",
                 T(r, "The proposer asked to keep the count hidden until the "
                      "decision closes."));
        return;
    }
    html_fmt(b, "<dl class=\"facts\"><dt>%s</dt><dd>%d</dd><dt>%s</dt><dd>%d</dd>",
             T(r, "Eligible"), t->eligible,
             strcmp(d->method, "consent") == 0 ? T(r, "Consents to this version") : T(r, "Votes"),
             t->votes);
    if (strcmp(d->method, "majority") == 0)
        html_fmt(b, "<dt>%s</dt><dd>%d</dd><dt>%s</dt><dd>%d</dd><dt>%s</dt><dd>%d</dd>",
                 T(r, "For"), t->votes_for, T(r, "Against"), t->votes_against, T(r, "Abstain"),
                 t->votes_abstain);
    if (strcmp(d->method, "consent") == 0)
        html_fmt(b, "<dt>%s</dt><dd>%d</dd>", T(r, "Open objections"), t->objections);
    html_raw_trusted(b, "</dl>\n");
    if (strcmp(d->method, "dot") != 0)
        return;
    html_fmt(b,
             "<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Dots per option"), T(r, "Option"), T(r, "Dots"));
    for (int i = 0; i < d->n_options; i++)
        html_fmt(b, "<tr><td>%s</td><td>%d</td></tr>\n", d->options[i].label, d->options[i].dots);
    html_raw_trusted(b, "</tbody>\n</table>\n");
}

static const char *objection_status(const struct req *r, const char *status)
{
    if (strcmp(status, "open") == 0)
        return T(r, "open: blocks consent");
    if (strcmp(status, "resolved") == 0)
        return T(r, "resolved");
    if (strcmp(status, "withdrawn") == 0)
        return T(r, "withdrawn");
    return T(r, "set aside by an amendment");
}

static void settle_form(struct req *r, const struct decision *d, const struct decision_objection *o)
{
    struct buf *b = &r->resp.body;
    const char *action = arena_printf(r->arena, "/decisions/%" PRId64 "/settle", d->id);
    const char *oid = arena_printf(r->arena, "%" PRId64, o->id);
    static const char *const hows[][2] = {{"resolved", N_("My objection is resolved")},
                                          {"withdrawn", N_("Withdraw my objection")}};
    for (int i = 0; i < 2; i++) {
        form_begin(r, action);
        form_hidden(r, "objection", oid);
        form_hidden(r, "how", hows[i][0]);
        html_fmt(b, "<button type=\"submit\" class=\"inline\">%s</button>\n</form>\n",
                 T(r, hows[i][1]));
    }
}

static void objections_section(struct req *r, const struct decision *d)
{
    struct decision_objection *items = NULL;
    int n = 0;
    struct buf *b = &r->resp.body;
    if (decision_objections(r->db, r->arena, d->id, &items, &n, NULL) != ERR_OK)
        return;
    html_fmt(b, "<h2 id=\"objections\">%s</h2>\n", T(r, "Objections"));
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "Nobody has objected."));
        return;
    }
    html_raw_trusted(b, "<ul class=\"objections\">\n");
    for (int i = 0; i < n; i++) {
        const struct decision_objection *o = &items[i];
        html_fmt(b, "<li><p><strong>%s</strong> (%s, %s %d): ", o->person_name,
                 objection_status(r, o->status), T(r, "version"), o->version);
        html_text(b, o->reason);
        html_raw_trusted(b, "</p>\n");
        if (!d->closed && strcmp(o->status, "open") == 0 && o->person_id == r->actor.person_id)
            settle_form(r, d, o);
        html_raw_trusted(b, "</li>\n");
    }
    html_raw_trusted(b, "</ul>\n");
}

static void vote_form(struct req *r, const struct decision *d)
{
    struct buf *b = &r->resp.body;
    form_begin(r, arena_printf(r->arena, "/decisions/%" PRId64 "/vote", d->id));
    html_fmt(b, "<fieldset>\n<legend>%s</legend>\n", T(r, "Your vote"));
    if (form_has_error(r, "choice"))
        html_fmt(b, "<p class=\"field-error\" id=\"choice-error\">%s</p>\n", errmsg_text(r));
    static const char *const choices[][2] = {
        {"for", N_("For")}, {"against", N_("Against")}, {"abstain", N_("Abstain")}};
    for (int i = 0; i < 3; i++)
        html_fmt(b,
                 "<div><input type=\"radio\" id=\"choice-%s\" name=\"choice\" value=\"%s\"%s> "
                 "<label for=\"choice-%s\">%s</label></div>\n",
                 choices[i][0], choices[i][0], i == 0 ? " required" : "", choices[i][0],
                 T(r, choices[i][1]));
    html_raw_trusted(b, "</fieldset>\n");
    form_end(r, T(r, "Vote"));
}

static void dots_form(struct req *r, const struct decision *d)
{
    struct buf *b = &r->resp.body;
    form_begin(r, arena_printf(r->arena, "/decisions/%" PRId64 "/vote", d->id));
    html_fmt(b, "<fieldset>\n<legend>%s</legend>\n", T(r, "Your dots"));
    html_raw_trusted(b, "<p class=\"hint\" id=\"dots-hint\">");
    html_fill(b, T(r, "You have %s dots to spread over the options."),
              arena_printf(r->arena, "%d", d->dots), NULL);
    html_raw_trusted(b, "</p>\n");
    if (form_has_error(r, "dots"))
        html_fmt(b, "<p class=\"field-error\" id=\"dots-error\">%s</p>\n", errmsg_text(r));
    for (int i = 0; i < d->n_options; i++) {
        const char *name = arena_printf(r->arena, "dots_%d", i + 1);
        const char *kept = form_value(r, name);
        html_fmt(b,
                 "<div class=\"field\"><label for=\"%s\">%s</label> <input type=\"number\" "
                 "id=\"%s\" name=\"%s\" min=\"0\" max=\"%d\" value=\"%s\" "
                 "aria-describedby=\"dots-hint\"></div>\n",
                 name, d->options[i].label, name, name, d->dots, kept ? kept : "0");
    }
    html_raw_trusted(b, "</fieldset>\n");
    form_end(r, T(r, "Give my dots"));
}

/* Objecting (unless one's own objection is open) and consenting (unless
 * given to this version already, or one objects). */
static void consent_forms(struct req *r, const struct decision *d, bool consented)
{
    struct buf *b = &r->resp.body;
    struct decision_objection *items = NULL;
    int n = 0;
    bool objecting = false;
    if (decision_objections(r->db, r->arena, d->id, &items, &n, NULL) == ERR_OK)
        for (int i = 0; i < n; i++)
            objecting |=
                items[i].person_id == r->actor.person_id && strcmp(items[i].status, "open") == 0;
    if (objecting) {
        html_fmt(b, "<p>%s</p>\n",
                 T(r, "You object to this proposal: resolve or withdraw your objection before "
                      "you consent."));
        return;
    }
    if (!consented) {
        form_begin(r, arena_printf(r->arena, "/decisions/%" PRId64 "/vote", d->id));
        form_hidden(r, "choice", "consent");
        form_end(r, T(r, "I consent"));
    }
    html_fmt(b, "<h3>%s</h3>\n", T(r, "Object"));
    form_begin(r, arena_printf(r->arena, "/decisions/%" PRId64 "/object", d->id));
    form_field_begin(r, "objection-", "reason", T(r, "Your reason"));
    html_fmt(b,
             "<textarea id=\"objection-reason\" name=\"reason\" rows=\"3\" maxlength=\"%d\" "
             "required",
             DECISION_REASON_MAX);
    form_field_attrs(r, "objection-", "reason");
    html_raw_trusted(b, ">");
    html_text(b, form_value(r, "reason"));
    html_raw_trusted(b, "</textarea>\n</div>\n");
    form_end(r, T(r, "Object"));
}

/* The forms of an eligible resident, or why there are none. */
static void take_part(struct req *r, const struct decision *d)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"take-part\">%s</h2>\n", T(r, "Take part"));
    if (!r->actor.person_id) {
        html_fmt(b, "<p><a href=\"/sign-in\">%s</a></p>\n",
                 T(r, "Sign in and act as a resident to take part in decisions."));
        return;
    }
    enum relation rel = REL_OTHER;
    struct fault f = {0};
    if (decision_relation(r->db, d, 0, 0, &r->actor, &rel, &f) != ERR_OK ||
        capacity_check(r->db, &r->actor, ACT_DECISION_VOTE, rel, &f) != ERR_OK) {
        html_fmt(b, "<p>%s</p>\n", f.msgid ? T(r, f.msgid) : "");
        return;
    }
    struct decision_my_vote mine;
    bool found = false;
    (void)decision_my_vote(r->db, r->arena, d->id, r->actor.person_id, &mine, &found, NULL);
    bool consent = strcmp(d->method, "consent") == 0;
    bool consented = consent && found && mine.version == d->version;
    if (consented || (found && !consent))
        html_fmt(b, "<p>%s</p>\n",
                 consent ? T(r, "You have consented to this version.")
                         : T(r, "You have voted; a vote is final."));
    if (consent)
        consent_forms(r, d, consented);
    else if (!found && strcmp(d->method, "dot") == 0)
        dots_form(r, d);
    else if (!found)
        vote_form(r, d);
}

/* The proposer's (and the initiators'/board's) forms: amend, close. */
static void steer(struct req *r, const struct decision *d)
{
    struct buf *b = &r->resp.body;
    if (!r->actor.person_id || d->closed)
        return;
    enum relation rel = REL_OTHER;
    struct fault f = {0};
    bool proposer = d->proposed_by == r->actor.person_id;
    if (decision_relation(r->db, d, 0, 0, &r->actor, &rel, &f) != ERR_OK)
        return;
    if (proposer)
        rel = REL_INITIATOR;
    if (capacity_check(r->db, &r->actor, ACT_DECISION_CLOSE, rel, &f) != ERR_OK)
        return;
    if (proposer && strcmp(d->method, "consent") == 0) {
        if (r->fault.code == ERR_OK) { /* the current text, unless a failed post is shown */
            r->form.items = arena_array(r->arena, 2, sizeof *r->form.items);
            r->form.items[0] = (struct kv){"title", d->title};
            r->form.items[1] = (struct kv){"body", d->body};
            r->form.n = 2;
        }
        html_fmt(b, "<h2 id=\"amend\">%s</h2>\n<p>%s</p>\n", T(r, "Amend the proposal"),
                 T(r, "An amendment is a new version: open objections are set aside and "
                      "everyone is asked to consent again."));
        form_begin(r, arena_printf(r->arena, "/decisions/%" PRId64 "/amend", d->id));
        form_input(r, &(struct form_input){.name = "title",
                                           .label = T(r, "Title of the proposal"),
                                           .type = "text",
                                           .maxlength = DECISION_TITLE_MAX,
                                           .required = true});
        form_field_begin(r, "amend-", "body", T(r, "The proposal"));
        html_fmt(b, "<textarea id=\"amend-body\" name=\"body\" rows=\"6\" maxlength=\"%d\"",
                 DECISION_TEXT_MAX);
        form_field_attrs(r, "amend-", "body");
        html_raw_trusted(b, ">");
        html_text(b, form_value(r, "body"));
        html_raw_trusted(b, "</textarea>\n</div>\n");
        form_end(r, T(r, "Amend"));
    }
    html_fmt(b, "<h2 id=\"close\">%s</h2>\n", T(r, "Close now"));
    form_button(r, arena_printf(r->arena, "/decisions/%" PRId64 "/close", d->id),
                T(r, "Close the decision now"), "inline");
}

static void done_note(struct req *r)
{
    static const char *const notes[][2] = {
        {"proposed", N_("Your proposal is open; everyone eligible has been told.")},
        {"voted", N_("Thank you: your vote has been counted.")},
        {"objected", N_("Your objection has been recorded; the proposer has been told.")},
        {"settled", N_("Your objection is no longer open.")},
        {"amended", N_("The proposal has been amended: consent is asked again.")},
        {"closed", N_("The decision is closed and its outcome recorded.")},
    };
    const char *done = req_in(r, "done");
    for (size_t i = 0; done && r->fault.code == ERR_OK && i < sizeof notes / sizeof notes[0]; i++)
        if (strcmp(done, notes[i][0]) == 0)
            html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n",
                     T(r, notes[i][1]));
}

static void error_summary(struct req *r)
{
    static const char *const inline_fields[] = {"choice", "dots", "reason", "title", "body"};
    if (r->fault.code == ERR_OK)
        return;
    for (size_t i = 0; r->fault.field && i < 5; i++)
        if (strcmp(r->fault.field, inline_fields[i]) == 0)
            return;
    html_fmt(&r->resp.body,
             "<div class=\"form-errors\" role=\"alert\"><p><strong>%s</strong> %s</p></div>\n",
             T(r, "This did not work:"), errmsg_text(r));
}

static void facts(struct req *r, const struct decision *d)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
             T(r, "Proposed by"), d->proposer_name, T(r, "Method"),
             web_decision_method_label(r, d->method));
    if (d->quorum_percent)
        html_fmt(b, "<dt>%s</dt><dd>%d%%</dd>", T(r, "Quorum"), d->quorum_percent);
    html_fmt(b, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%d</dd></dl>\n",
             d->closed ? T(r, "Closed") : T(r, "Closes"),
             local_time(r, d->closed ? d->closed_at : d->closes_at), T(r, "Version"), d->version);
}

enum err web_decision_page(struct req *r)
{
    struct decision d;
    enum err e = decision_get(r->db, r->arena, req_in_int(r, "id", 0), r->actor.now, &d,
                              r->fault.code == ERR_OK ? &r->fault : NULL);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *scope =
        arena_printf(r->arena, "/%s/%" PRId64, d.collective_id ? "collectives" : "initiatives",
                     d.collective_id ? d.collective_id : d.initiative_id);
    struct crumb crumbs[] = {{d.scope_name ? d.scope_name : "", scope},
                             {T(r, "Decisions"), arena_printf(r->arena, "%s/decisions", scope)},
                             {d.title, NULL}};
    layout_begin_crumbs(r, d.title, crumbs, 3);
    html_fmt(b, "<h1>%s</h1>\n", d.title);
    error_summary(r);
    done_note(r);
    facts(r, &d);
    html_raw_trusted(b, "<div class=\"proposal\"><p>");
    html_text(b, d.body);
    html_raw_trusted(b, "</p></div>\n");
    result_section(r, &d);
    if (strcmp(d.method, "consent") == 0)
        objections_section(r, &d);
    if (!d.closed)
        take_part(r, &d);
    steer(r, &d);
    layout_end(r);
    return ERR_OK;
}

enum err web_decision_vote(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    int dots[DECISION_OPTIONS_MAX], n = 0;
    for (int i = 0; i < DECISION_OPTIONS_MAX; i++) {
        char name[16];
        snprintf(name, sizeof name, "dots_%d", i + 1);
        dots[i] = (int)req_in_int(r, name, 0);
        if (req_in(r, name))
            n = i + 1;
    }
    struct decision_ballot ballot = {.choice = req_in(r, "choice"), .dots = dots, .n_dots = n};
    enum err e = decision_vote(r->db, id, &ballot, &r->actor, &r->fault);
    return e != ERR_OK ? e : web_decision_see_other(r, id, "voted");
}

enum err web_decision_object(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = decision_object(r->db, id, req_in(r, "reason"), &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : web_decision_see_other(r, id, "objected");
}

enum err web_decision_settle(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = decision_objection_settle(r->db, id, req_in_int(r, "objection", 0),
                                           req_in(r, "how"), &r->actor, &r->fault);
    return e != ERR_OK ? e : web_decision_see_other(r, id, "settled");
}

enum err web_decision_amend(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e =
        decision_amend(r->db, id, req_in(r, "title"), req_in(r, "body"), &r->actor, &r->fault);
    return e != ERR_OK ? e : web_decision_see_other(r, id, "amended");
}

enum err web_decision_close(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = decision_close(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : web_decision_see_other(r, id, "closed");
}
