/* Pledging to an initiative (DESIGN.md §3), during its awareness phase:
 *   GET  /initiatives/{id}/pledges           the progress against the
 *                                            initiators' thresholds, one's
 *                                            own pledge and its form, and
 *                                            for the initiators the list
 *   POST /initiatives/{id}/pledges           pledge, or change one's pledge
 *   POST /initiatives/{id}/pledges/withdraw  withdraw it
 * Every POST answers 303 back to the page; a refused form is shown again
 * by the dispatcher with the message next to its field. Who may is the
 * model's word (model/pledge.h); the page asks the policy only to choose
 * what to show. */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/pledge.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

static enum err see_other(struct req *r, int64_t initiative_id, const char *done)
{
    const char *href =
        arena_printf(r->arena, "/initiatives/%" PRId64 "/pledges?done=%s", initiative_id, done);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Pledges"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

/* Tenths of an hour as a person reads them: "2", "1.5" ("1,5" in Dutch). */
static const char *hours_text(struct req *r, int tenths)
{
    if (tenths % 10 == 0)
        return arena_printf(r->arena, "%d", tenths / 10);
    return arena_printf(r->arena, "%d%s%d", tenths / 10, strcmp(r->lang, "nl") == 0 ? "," : ".",
                        tenths % 10);
}

static const char *pledge_hours(struct req *r, const struct pledge *p)
{
    if (!p->hours_tenths)
        return "";
    return arena_printf(r->arena, "%s %s", hours_text(r, p->hours_tenths),
                        strcmp(p->period, "week") == 0 ? T(r, "hours a week")
                                                       : T(r, "hours a month"));
}

/* The error of a refused post at the top of the page, unless it belongs
 * next to one of the page's inputs (fields, NULL-terminated): a refusal
 * (403) or a state that does not allow it (409) is said even when the page
 * shows no form for it. */
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

static void done_note(struct req *r)
{
    const char *done = req_in(r, "done");
    if (!done || r->fault.code != ERR_OK)
        return;
    const char *text = strcmp(done, "pledged") == 0
                           ? T(r, "Thank you: your pledge has been recorded.")
                       : strcmp(done, "changed") == 0 ? T(r, "Your pledge has been changed.")
                                                      : T(r, "Your pledge has been withdrawn.");
    html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n", text);
}

/* "14 of 20 residents, 52 of 40 hours a month", or without thresholds
 * "14 residents, 52 hours a month". */
static void progress(struct req *r, const struct initiative *in)
{
    int residents = 0, hours = 0;
    struct buf *b = &r->resp.body;
    if (pledge_totals(r->db, in->id, &residents, &hours, NULL) != ERR_OK)
        return;
    html_fmt(b, "<h2 id=\"progress\">%s</h2>\n<p class=\"progress\">", T(r, "Progress"));
    const char *rs = arena_printf(r->arena, "%d", residents);
    const char *hs = arena_printf(r->arena, "%d", hours);
    if (in->threshold_residents > 0 || in->threshold_hours > 0)
        html_fill(b, T(r, "%s of %s residents, %s of %s hours a month"), rs,
                  arena_printf(r->arena, "%d", in->threshold_residents), hs,
                  arena_printf(r->arena, "%d", in->threshold_hours), NULL);
    else
        html_fill(b, T(r, "%s residents, %s hours a month"), rs, hs, NULL);
    html_fmt(b, "</p>\n<p>%s</p>\n",
             T(r, "The initiators set how many residents and hours a month they want before "
                  "the initiative moves on to execution. Hours a week count as 52/12 times as "
                  "many hours a month."));
}

static void period_select(struct req *r, const char *kept)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<div class=\"field\">\n<label for=\"period\">%s</label>\n", T(r, "Per"));
    if (form_has_error(r, "period"))
        html_fmt(b, "<p class=\"field-error\" id=\"period-error\">%s</p>\n", errmsg_text(r));
    html_raw_trusted(b, "<select id=\"period\" name=\"period\"");
    if (form_has_error(r, "period"))
        html_raw_trusted(b, " aria-describedby=\"period-error\" aria-invalid=\"true\"");
    html_fmt(b,
             ">\n<option value=\"week\"%s>%s</option>\n<option value=\"month\"%s>%s</option>\n"
             "</select>\n</div>\n",
             kept && strcmp(kept, "month") == 0 ? "" : " selected", T(r, "week"),
             kept && strcmp(kept, "month") == 0 ? " selected" : "", T(r, "month"));
}

/* The form, filled with one's pledge when there is one (and no failed post
 * to show again). */
static void pledge_form(struct req *r, const struct initiative *in, const struct pledge *mine)
{
    struct buf *b = &r->resp.body;
    bool again = r->fault.code != ERR_OK;
    if (mine && !again) {
        r->form.items = arena_array(r->arena, 4, sizeof *r->form.items);
        r->form.n = 0;
        const char *v[][2] = {
            {"hours", mine->hours_tenths ? hours_text(r, mine->hours_tenths) : ""},
            {"period", mine->period ? mine->period : "week"},
            {"skill", mine->skill ? mine->skill : ""},
            {"role", mine->role ? mine->role : ""}};
        for (int i = 0; i < 4; i++)
            r->form.items[r->form.n++] = (struct kv){v[i][0], v[i][1]};
    }
    html_fmt(b, "<h2 id=\"my-pledge\">%s</h2>\n",
             mine ? T(r, "Change your pledge") : T(r, "Pledge your time or skills"));
    form_begin(r, arena_printf(r->arena, "/initiatives/%" PRId64 "/pledges", in->id));
    form_input(r, &(struct form_input){.name = "hours",
                                       .label = T(r, "Hours"),
                                       .type = "text",
                                       .hint = T(r, "For example 2 or 1.5: between 0.5 and 40 "
                                                    "hours a week, or 1 and 160 a month. Leave "
                                                    "empty to pledge a skill or a role only."),
                                       .maxlength = 6});
    period_select(r, form_value(r, "period"));
    form_input(r, &(struct form_input){.name = "skill",
                                       .label = T(r, "A skill you bring"),
                                       .type = "text",
                                       .hint = T(r, "For example: carpentry, cooking, "
                                                    "bookkeeping."),
                                       .maxlength = PLEDGE_TEXT_MAX});
    form_input(r, &(struct form_input){.name = "role",
                                       .label = T(r, "A role you take on"),
                                       .type = "text",
                                       .hint = T(r, "For example: treasurer, contact person."),
                                       .maxlength = PLEDGE_TEXT_MAX});
    form_end(r, mine ? T(r, "Change my pledge") : T(r, "Pledge"));
}

/* "2 hours a week; skill: carpentry; role: treasurer". */
static void pledge_summary(struct req *r, const struct pledge *p)
{
    struct buf *b = &r->resp.body;
    const char *sep = "";
    if (p->hours_tenths) {
        html_text(b, pledge_hours(r, p));
        sep = "; ";
    }
    if (p->skill) {
        html_text(b, sep);
        html_fill(b, T(r, "skill: %s"), p->skill, NULL);
        sep = "; ";
    }
    if (p->role) {
        html_text(b, sep);
        html_fill(b, T(r, "role: %s"), p->role, NULL);
    }
}

static void own_pledge(struct req *r, const struct initiative *in, const struct pledge *mine)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n<p>", T(r, "Your pledge"));
    pledge_summary(r, mine);
    html_raw_trusted(b, "</p>\n");
    form_button(r, arena_printf(r->arena, "/initiatives/%" PRId64 "/pledges/withdraw", in->id),
                T(r, "Withdraw my pledge"), "inline");
}

/* Whether act may pledge to in (the policy's word, not the model's
 * refusal: nothing is logged); else the reason goes on the page. */
static bool may_pledge(struct req *r, const struct initiative *in)
{
    enum relation rel = REL_OTHER;
    struct fault f = {0};
    if (initiative_relation(r->db, in->id, &r->actor, &rel, &f) == ERR_OK &&
        capacity_check(r->db, &r->actor, ACT_PLEDGE_MAKE, rel, &f) == ERR_OK)
        return true;
    html_fmt(&r->resp.body, "<p>%s</p>\n", f.msgid ? T(r, f.msgid) : "");
    return false;
}

/* One's own pledge, its form, or why there is none to make. */
static void mine_section(struct req *r, const struct initiative *in)
{
    struct buf *b = &r->resp.body;
    struct pledge mine;
    bool found = false, awareness = strcmp(in->phase, "awareness") == 0;
    if (!r->actor.person_id) {
        html_fmt(b, "<p><a href=\"/sign-in\">%s</a></p>\n",
                 T(r, "Sign in and act as a resident to pledge."));
        return;
    }
    if (pledge_active(r->db, r->arena, in->id, r->actor.person_id, &mine, &found, NULL) != ERR_OK)
        return;
    bool open = awareness || (found && strcmp(in->phase, "execution") == 0);
    if (found && open)
        own_pledge(r, in, &mine);
    if (!open) {
        html_fmt(b, "<p>%s</p>\n",
                 T(r, "Pledges are made while an initiative is in its "
                      "awareness phase."));
        return;
    }
    if (!found && !may_pledge(r, in))
        return;
    pledge_form(r, in, found ? &mine : NULL);
}

static void pledge_table(struct req *r, const struct pledge_row *items, int n)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"pledges\">%s</h2>\n", T(r, "The pledges"));
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "Nobody has pledged yet."));
        return;
    }
    html_fmt(b,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Pledges, seen by the initiators only"), T(r, "Name"), T(r, "Hours"),
             T(r, "Skill"), T(r, "Role"), T(r, "Since"));
    for (int i = 0; i < n; i++) {
        const struct pledge *p = &items[i].pledge;
        char day[11];
        clock_date(p->created_at, day);
        html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
                 items[i].person_name, pledge_hours(r, p), p->skill ? p->skill : "",
                 p->role ? p->role : "", day);
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

enum err web_pledges_page(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct initiative in;
    enum err e = initiative_get(r->db, r->arena, id, &in, &r->fault);
    if (e != ERR_OK)
        return e;
    struct pledge_row *items = NULL;
    int n = 0;
    /* the initiators' list; anyone else is shown none, and that is no error */
    bool initiator = pledge_list(r->db, r->arena, id, &r->actor, &items, &n, NULL) == ERR_OK;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Pledges");
    const char *hub = arena_printf(r->arena, "/initiatives/%" PRId64, id);
    struct crumb crumbs[] = {{T(r, "Initiatives"), "/initiatives"}, {in.title, hub}, {title, NULL}};
    layout_begin_crumbs(r, arena_printf(r->arena, "%s: %s", title, in.title), crumbs, 3);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Pledges to %s"), in.title, NULL);
    html_raw_trusted(b, "</h1>\n<p>");
    html_fill(b, T(r, "Phase: %s"), web_initiative_phase_label(r, in.phase), NULL);
    html_raw_trusted(b, "</p>\n");
    error_summary(r, (const char *const[]){"hours", "period", "skill", "role", NULL});
    done_note(r);
    progress(r, &in);
    mine_section(r, &in);
    if (initiator)
        pledge_table(r, items, n);
    layout_end(r);
    return ERR_OK;
}

enum err web_pledge_save(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct pledge_input in = {.hours = req_in(r, "hours"),
                              .period = req_in(r, "period"),
                              .skill = req_in(r, "skill"),
                              .role = req_in(r, "role")};
    struct pledge mine;
    bool found = false, updated = false;
    enum err e = r->actor.person_id ? pledge_active(r->db, r->arena, id, r->actor.person_id, &mine,
                                                    &found, &r->fault)
                                    : ERR_OK;
    if (e == ERR_OK && found)
        e = pledge_change_mine(r->db, id, &in, &r->actor, &r->fault);
    else if (e == ERR_OK)
        e = pledge_make(r->db, id, &in, &r->actor, NULL, &updated, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, found || updated ? "changed" : "pledged");
}

enum err web_pledge_withdraw(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = pledge_withdraw_mine(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "withdrawn");
}
