/* Skill needs, their matches and invitations (issue 9):
 *   GET  /initiatives/{id}/matches         an initiative's skill needs, and the form for one
 *   POST /initiatives/{id}/matches         add a skill need (its initiators)
 *   POST /skill-needs/{id}/close           close a need (its initiators); back to the needs
 *   GET  /skill-needs/{id}                 the ranked matches, explained, with invite buttons
 *   POST /skill-needs/{id}/invite          invite a match
 *   GET  /me/invitations                   the invitations one received, each message
 *                                          reportable (or hidden by a moderator)
 *   POST /me/invitations/{id}/accept       accept: pledge to the initiative
 *   POST /me/invitations/{id}/decline      decline, no reason owed
 * Every POST answers 303; a refused form is shown again by the dispatcher
 * (the GET of the same path). Who may is the model's word
 * (model/match.h, model/match_invite.h); the pages ask the policy only to
 * choose what to show. */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/match.h"
#include "model/match_invite.h"
#include "model/skill.h"
#include "model/task.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/moderated.h"
#include "render/req.h"
#include "web/match_words.h"

static enum err see_other(struct req *r, const char *href)
{
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Matches"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

static void error_summary(struct req *r, const char *const *fields)
{
    if (r->fault.code == ERR_OK)
        return;
    for (size_t i = 0; r->fault.field && fields[i]; i++)
        if (strcmp(r->fault.field, fields[i]) == 0)
            return;
    html_fmt(&r->resp.body,
             "<div class=\"form-errors\" role=\"alert\"><p><strong>%s</strong> %s</p></div>\n",
             T(r, "This did not work:"), errmsg_text(r));
}

static void note(struct req *r, const char *done, const char *text)
{
    const char *got = req_in(r, "done");
    if (got && r->fault.code == ERR_OK && strcmp(got, done) == 0)
        html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n", text);
}

static const char *period_text(struct req *r, const struct match_need *nd)
{
    if (!nd->starts_on && !nd->ends_on)
        return T(r, "no fixed period");
    return arena_printf(r->arena, "%s – %s", nd->starts_on ? nd->starts_on : "",
                        nd->ends_on ? nd->ends_on : "");
}

/* The open needs; with a "Close this need" button in each row for those who
 * may change them (closing). */
static void needs_table(struct req *r, const struct match_need *items, int n, bool closing)
{
    struct buf *b = &r->resp.body;
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "This initiative has listed no skills it needs yet."));
        return;
    }
    html_fmt(b,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
             T(r, "Skills this initiative needs"), T(r, "Skill"), T(r, "Hours a month"),
             T(r, "Period"), T(r, "Note"), T(r, "Matches"));
    if (closing)
        html_fmt(b, "<th scope=\"col\">%s</th>", T(r, "Close"));
    html_raw_trusted(b, "</tr></thead>\n<tbody>\n");
    for (int i = 0; i < n; i++) {
        html_fmt(b,
                 "<tr><td>%s</td><td>%d</td><td>%s</td><td>%s</td><td><a "
                 "href=\"/skill-needs/%" PRId64 "\">%s</a></td>",
                 match_skill_label(r, items[i].skill_code), items[i].hours_month,
                 period_text(r, &items[i]), items[i].note, items[i].id, T(r, "Find matches"));
        if (closing) {
            html_raw_trusted(b, "<td>");
            form_button(r, arena_printf(r->arena, "/skill-needs/%" PRId64 "/close", items[i].id),
                        T(r, "Close this need"), "inline");
            html_raw_trusted(b, "</td>");
        }
        html_raw_trusted(b, "</tr>\n");
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

static void date_field(struct req *r, const char *name, const char *label)
{
    struct buf *b = &r->resp.body;
    form_field_begin(r, "need-", name, label);
    html_fmt(b, "<input type=\"date\" id=\"need-%s\" name=\"%s\" value=\"%s\"", name, name,
             form_value(r, name) ? form_value(r, name) : "");
    form_field_attrs(r, "need-", name);
    html_raw_trusted(b, ">\n</div>\n");
}

/* During execution: the tasks nobody holds yet, one of which a need may be
 * for (accepting then means holding it). Nothing when there are none. */
static void task_select(struct req *r, const struct initiative *in)
{
    struct task *tasks;
    int n = 0;
    if (strcmp(in->phase, "execution") != 0 ||
        task_list(r->db, r->arena, in->id, &tasks, &n, NULL) != ERR_OK)
        return;
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, "task_id");
    form_field_begin(r, "need-", "task_id", T(r, "For the task (optional)"));
    html_raw_trusted(b, "<select id=\"need-task_id\" name=\"task_id\"");
    form_field_attrs(r, "need-", "task_id");
    html_fmt(b, ">\n<option value=\"\">%s</option>\n", T(r, "No task"));
    for (int i = 0; i < n; i++) {
        bool open = !tasks[i].responsible_id && (strcmp(tasks[i].status, "open") == 0 ||
                                                 strcmp(tasks[i].status, "in_progress") == 0);
        const char *id = arena_printf(r->arena, "%" PRId64, tasks[i].id);
        if (open)
            html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", id,
                     kept && strcmp(kept, id) == 0 ? " selected" : "", tasks[i].title);
    }
    html_raw_trusted(b, "</select>\n</div>\n");
}

static void need_form(struct req *r, const struct initiative *in)
{
    int64_t initiative_id = in->id;
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"add-need\">%s</h2>\n", T(r, "Add a skill you need"));
    form_begin(r, arena_printf(r->arena, "/initiatives/%" PRId64 "/matches", initiative_id));
    form_field_begin(r, "need-", "skill", T(r, "Skill"));
    match_skill_select(r, "need-", "skill", form_value(r, "skill"));
    html_raw_trusted(b, "</div>\n");
    form_input(r, &(struct form_input){.name = "hours_month",
                                       .label = T(r, "Hours a month"),
                                       .type = "text",
                                       .hint = T(r, "Between 1 and 744."),
                                       .maxlength = 6,
                                       .required = true});
    date_field(r, "starts_on", T(r, "From (optional)"));
    date_field(r, "ends_on", T(r, "Until (optional)"));
    form_input(r, &(struct form_input){.name = "note",
                                       .label = T(r, "Note (optional)"),
                                       .type = "text",
                                       .maxlength = MATCH_NOTE_MAX});
    task_select(r, in);
    form_end(r, T(r, "Add this need"));
}

/* Whether act may do action on the initiative (the policy's word; nothing
 * logged). */
static bool may(struct req *r, int64_t initiative_id, enum action action)
{
    enum relation rel = REL_OTHER;
    return initiative_relation(r->db, initiative_id, &r->actor, &rel, NULL) == ERR_OK &&
           capacity_check(r->db, &r->actor, action, rel, NULL) == ERR_OK;
}

/* The needs page of initiative id: its open needs and, for its initiators,
 * the form for one more; r->fault (a refused post) in the summary. */
static enum err needs_page(struct req *r, int64_t id)
{
    struct initiative in;
    struct match_need *needs;
    int n;
    struct fault keep = r->fault;
    enum err e = initiative_get(r->db, r->arena, id, &in, &r->fault);
    if (e == ERR_OK)
        e = match_needs(r->db, r->arena, id, &needs, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    r->fault = keep;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Skills needed");
    const char *hub = arena_printf(r->arena, "/initiatives/%" PRId64, id);
    struct crumb crumbs[] = {{T(r, "Initiatives"), "/initiatives"}, {in.title, hub}, {title, NULL}};
    layout_begin_crumbs(r, arena_printf(r->arena, "%s: %s", title, in.title), crumbs, 3);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Skills %s needs"), in.title, NULL);
    html_fmt(b, "</h1>\n<p>%s</p>\n",
             T(r, "For each skill, the initiators see the residents who have it or a related "
                  "one, nearby and with time to spare, and may invite them. Nobody is assigned "
                  "without their yes."));
    error_summary(r, (const char *const[]){"skill", "hours_month", "starts_on", "ends_on", "note",
                                           "task_id", NULL});
    note(r, "closed", T(r, "The need has been closed."));
    bool initiator = may(r, id, ACT_INITIATIVE_CHANGE_NEEDS);
    needs_table(r, needs, n, initiator);
    if (initiator)
        need_form(r, &in);
    layout_end(r);
    return ERR_OK;
}

enum err web_initiative_matches_page(struct req *r)
{
    return needs_page(r, req_in_int(r, "id", 0));
}

enum err web_skill_need_close_page(struct req *r)
{
    struct match_need nd;
    struct fault keep = r->fault;
    enum err e = match_need_get(r->db, r->arena, req_in_int(r, "id", 0), &nd, &r->fault);
    if (e != ERR_OK)
        return e;
    r->fault = keep;
    return needs_page(r, nd.initiative_id);
}

enum err web_skill_need_close(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct match_need nd;
    enum err e = match_need_get(r->db, r->arena, id, &nd, &r->fault);
    if (e == ERR_OK)
        e = match_need_close(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK
               ? e
               : see_other(r, arena_printf(r->arena, "/initiatives/%" PRId64 "/matches?done=closed",
                                           nd.initiative_id));
}

enum err web_skill_need_add(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0), need = 0;
    struct match_need_input in = {.skill_code = req_in(r, "skill"),
                                  .hours_month = (int)req_in_int(r, "hours_month", 0),
                                  .starts_on = req_in(r, "starts_on"),
                                  .ends_on = req_in(r, "ends_on"),
                                  .note = req_in(r, "note"),
                                  .task_id = req_in_int(r, "task_id", 0)};
    enum err e = match_need_add(r->db, id, &in, &r->actor, &need, &r->fault);
    return e != ERR_OK
               ? e
               : see_other(r, arena_printf(r->arena, "/skill-needs/%" PRId64 "?done=added", need));
}

static void invite_cell(struct req *r, const struct match_need *nd, const struct match_candidate *c)
{
    if (c->invite_status) {
        html_text(&r->resp.body, match_invite_status_label(r, c->invite_status));
        return;
    }
    struct buf *b = &r->resp.body;
    const char *prefix = arena_printf(r->arena, "invite-%" PRId64 "-", c->person_id);
    form_begin(r, arena_printf(r->arena, "/skill-needs/%" PRId64 "/invite", nd->id));
    form_hidden(r, "person_id", arena_printf(r->arena, "%" PRId64, c->person_id));
    /* the message is optional: folded away, and open without JavaScript */
    html_fmt(b, "<details><summary>%s</summary>\n", T(r, "Add a message"));
    form_field_begin(r, prefix, "message", T(r, "Your message (optional)"));
    html_fmt(b, "<textarea id=\"%smessage\" name=\"message\" rows=\"3\" maxlength=\"%d\"", prefix,
             MATCH_INVITE_MESSAGE_MAX);
    form_field_attrs(r, prefix, "message");
    html_raw_trusted(b, "></textarea>\n</div>\n</details>\n");
    form_end(r, arena_printf(r->arena, "%s %s", T(r, "Invite"), c->display_name));
}

static void matches_table(struct req *r, const struct match_need *nd,
                          const struct match_candidate *items, int n)
{
    struct buf *b = &r->resp.body;
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n",
                 T(r, "Nobody you may see has this skill or a related one and time for it "
                      "now."));
        return;
    }
    html_fmt(b,
             "<div class=\"table-scroll\"><table class=\"matches\">\n<caption>%s</caption>\n"
             "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Matches, best first"), T(r, "Name"), T(r, "Score"), T(r, "Why"),
             T(r, "Invitation"));
    for (int i = 0; i < n; i++) {
        html_fmt(b, "<tr><td>%s</td><td>%d</td><td>", items[i].display_name, items[i].score);
        match_explanation(b, r, &items[i]);
        html_raw_trusted(b, "</td><td>");
        invite_cell(r, nd, &items[i]);
        html_raw_trusted(b, "</td></tr>\n");
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

enum err web_skill_need_page(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct match_need nd;
    struct initiative in;
    struct match_candidate *items = NULL;
    int n = 0;
    struct fault keep = r->fault; /* a refused invitation, shown on the page */
    enum err e = match_need_get(r->db, r->arena, id, &nd, &r->fault);
    if (e == ERR_OK)
        e = initiative_get(r->db, r->arena, nd.initiative_id, &in, &r->fault);
    if (e == ERR_OK)
        e = match_find(r->db, r->arena, id, &r->actor, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    r->fault = keep;
    struct buf *b = &r->resp.body;
    const char *hub = arena_printf(r->arena, "/initiatives/%" PRId64, in.id);
    const char *needs = arena_printf(r->arena, "/initiatives/%" PRId64 "/matches", in.id);
    const char *skill = match_skill_label(r, nd.skill_code);
    struct crumb crumbs[] = {{T(r, "Initiatives"), "/initiatives"},
                             {in.title, hub},
                             {T(r, "Skills needed"), needs},
                             {skill, NULL}};
    layout_begin_crumbs(r, arena_printf(r->arena, "%s: %s", skill, in.title), crumbs, 4);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Matches for %s"), skill, NULL);
    html_raw_trusted(b, "</h1>\n<p>");
    html_fill(b, T(r, "%s hours a month, %s."), arena_printf(r->arena, "%d", nd.hours_month),
              period_text(r, &nd), NULL);
    html_raw_trusted(b, "</p>\n");
    error_summary(r, (const char *const[]){NULL});
    note(r, "invited", T(r, "Your invitation has been sent."));
    note(r, "added", T(r, "The need has been added."));
    matches_table(r, &nd, items, n);
    layout_end(r);
    return ERR_OK;
}

enum err web_skill_need_invite(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = match_invite_send(r->db, id, req_in_int(r, "person_id", 0), req_in(r, "message"),
                                   &r->actor, NULL, &r->fault);
    return e != ERR_OK
               ? e
               : see_other(r, arena_printf(r->arena, "/skill-needs/%" PRId64 "?done=invited", id));
}

/* The inviter's message, "Hidden by a moderator: ..." in its place, with a
 * link to report it. */
static void message_cell(struct req *r, const struct match_invite *m)
{
    struct buf *b = &r->resp.body;
    if (m->message_hidden) {
        moderated_note(r, b, m->message_hidden);
        return;
    }
    if (!*m->message)
        return;
    html_text(b, m->message);
    html_fmt(b,
             " <a class=\"report\" href=\"/report?type=match_invite_message&amp;id=%" PRId64
             "\">%s</a>",
             m->id, T(r, "Report this message"));
}

static void invitation_row(struct req *r, const struct match_invite *m)
{
    struct buf *b = &r->resp.body;
    char day[11];
    clock_date(m->created_at, day);
    html_fmt(b,
             "<tr><td><a href=\"/initiatives/%" PRId64 "\">%s</a></td><td>%s</td><td>%d</td>"
             "<td>%s</td><td>%s</td><td>",
             m->initiative_id, m->initiative_title, match_skill_label(r, m->skill_code),
             m->hours_month, m->inviter_name, day);
    message_cell(r, m);
    html_raw_trusted(b, "</td><td>");
    if (strcmp(m->status, "open") == 0) {
        form_button(r, arena_printf(r->arena, "/me/invitations/%" PRId64 "/accept", m->id),
                    T(r, "Accept"), "inline");
        form_button(r, arena_printf(r->arena, "/me/invitations/%" PRId64 "/decline", m->id),
                    T(r, "Decline"), "inline");
    } else {
        html_text(b, match_invite_status_label(r, m->status));
    }
    html_raw_trusted(b, "</td></tr>\n");
}

enum err web_my_invitations_page(struct req *r)
{
    struct match_invite *items;
    int n;
    struct fault keep = r->fault;
    enum err e = match_invite_mine(r->db, r->arena, &r->actor, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    r->fault = keep;
    struct buf *b = &r->resp.body;
    layout_begin(r, T(r, "My invitations"));
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "My invitations"),
             T(r, "Initiators who need your skills invite you here. Accepting makes you a "
                  "pledger of their initiative, or the holder of the task the need is for; "
                  "declining needs no reason."));
    error_summary(r, (const char *const[]){NULL});
    note(r, "accepted", T(r, "Thank you for your yes: the initiators have been told."));
    note(r, "declined", T(r, "You declined the invitation."));
    if (n == 0)
        html_fmt(b, "<p>%s</p>\n", T(r, "Nobody has invited you yet."));
    else
        html_fmt(b,
                 "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                 "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                 T(r, "Invitations, newest first"), T(r, "Initiative"), T(r, "Skill"),
                 T(r, "Hours a month"), T(r, "Invited by"), T(r, "On"), T(r, "Message"),
                 T(r, "Your answer"));
    for (int i = 0; i < n; i++)
        invitation_row(r, &items[i]);
    if (n)
        html_raw_trusted(b, "</tbody>\n</table></div>\n");
    html_fmt(b, "<p><a href=\"/me/skills#pause\">%s</a></p>\n",
             T(r, "Pause being asked, or change your skills"));
    layout_end(r);
    return ERR_OK;
}

static enum err answer(struct req *r, bool accept)
{
    enum err e = match_invite_answer(r->db, req_in_int(r, "id", 0), accept, &r->actor, &r->fault);
    return e != ERR_OK ? e
                       : see_other(r, accept ? "/me/invitations?done=accepted"
                                             : "/me/invitations?done=declined");
}

enum err web_my_invitation_accept(struct req *r)
{
    return answer(r, true);
}

enum err web_my_invitation_decline(struct req *r)
{
    return answer(r, false);
}
