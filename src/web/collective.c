/* Collectives, shown (DESIGN.md §3):
 *   GET /collectives?area=     the list, by area (a buurt also lists its
 *                              wijk's collectives, a gemeente all inside it)
 *   GET /collectives/{id}      one collective: what it is, whether it meets
 *                              the two-thirds-resident rule (and if not, why,
 *                              in words), its members with the capacity they
 *                              joined in, its board, voting rule, statutes,
 *                              the initiatives it owns, and the forms to join,
 *                              leave, admit an adviser and set the board.
 * The same page answers GET on the forms' own paths (/join, /leave,
 * /advisers, /board), so that a form post that failed is shown again on it
 * with the message next to the field. Everything shown is public (policy
 * collective.view); which forms appear depends on the viewer, but the model
 * decides on every post (web/collective_form.c). */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "model/collective.h"
#include "model/initiative.h"
#include "model/session.h"
#include "render/byline.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"
#include "web/collective_words.h"

/* ---- the list -------------------------------------------------------------- */

static void filter_form(struct req *r)
{
    struct buf *b = &r->resp.body;
    const char *area = req_in(r, "area");
    html_fmt(b,
             "<form class=\"search\" method=\"get\" action=\"/collectives\" role=\"search\" "
             "aria-label=\"%s\">\n<div class=\"field\"><label for=\"area\">%s</label>\n"
             "<p class=\"hint\" id=\"area-hint\">%s</p>\n"
             "<input type=\"text\" id=\"area\" name=\"area\" maxlength=\"10\" "
             "autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"area-hint\" value=\"",
             T(r, "Collectives by area"), T(r, "Area"),
             T(r, "A CBS code such as BU03630101 (a buurt), WK036301 (a wijk) or GM0363 (a "
                  "gemeente)."));
    html_attr(b, area ? area : "");
    html_fmt(b, "\"></div>\n<button type=\"submit\">%s</button>\n</form>\n",
             T(r, "Show collectives"));
}

static void list_table(struct req *r, const struct collective *items, int n)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<section class=\"table-scroll\" tabindex=\"0\" aria-labelledby=\"list-caption\">"
             "<table>\n<caption id=\"list-caption\">%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Collectives, by area"), T(r, "Area"), T(r, "Name"), T(r, "Kind"),
             T(r, "Status"));
    for (int i = 0; i < n; i++) {
        const struct collective *c = &items[i];
        html_raw_trusted(b, "<tr><td><a href=\"/areas/");
        url_arg(b, c->area_code);
        html_fmt(b,
                 "\">%s</a></td><th scope=\"row\"><a href=\"/collectives/%" PRId64 "\">%s</a>"
                 "</th><td>%s</td><td>%s</td></tr>\n",
                 c->area_name, c->id, c->name, collective_kind_label(r, c->kind),
                 collective_status_label(r, c->status));
    }
    html_raw_trusted(b, "</tbody>\n</table></section>\n");
}

enum err web_collectives(struct req *r)
{
    struct collective *items = NULL;
    int n = 0;
    enum err e = collective_list(r->db, r->arena, req_in(r, "area"), &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Collectives");
    layout_begin(r, title);
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "Trusts, communities, cooperatives, bewonersbedrijven and informal groups of "
                  "residents. Three verified residents of a buurt or wijk found one; at least "
                  "two thirds of its voting members are residents there."));
    html_fmt(b, "<p><a href=\"/collectives/new\">%s</a></p>\n", T(r, "Found a collective"));
    filter_form(r);
    if (n > 0)
        list_table(r, items, n);
    else
        html_fmt(b, "<p>%s</p>\n", T(r, "There are no collectives here yet."));
    layout_end(r);
    return ERR_OK;
}

/* ---- one collective --------------------------------------------------------- */

/* What the page needs to know about it and about the viewer. */
struct view {
    struct collective c;
    struct collective_soundness s;
    struct collective_member *m;
    int n;
    int64_t me;               /* the viewer, 0: nobody signed in */
    bool member;              /* the viewer has a standing membership (named or joined) */
    bool board;               /* the viewer sits on the board */
    struct initiative *owned; /* all initiatives; those with this collective_id are its own */
    int nowned;
};

static void done_note(struct req *r)
{
    const char *done = req_in(r, "done");
    if (!done || r->fault.code != ERR_OK)
        return;
    const char *text = strcmp(done, "founded") == 0
                           ? T(r, "The collective has been founded. It becomes active once both "
                                  "co-founders have joined it on this page.")
                       : strcmp(done, "joined") == 0   ? T(r, "You have joined the collective.")
                       : strcmp(done, "left") == 0     ? T(r, "You have left the collective.")
                       : strcmp(done, "admitted") == 0 ? T(r, "The adviser has been admitted.")
                                                       : T(r, "The board has been set.");
    html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n", text);
}

static void facts(struct req *r, const struct view *v)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<dl class=\"facts\">\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd><a href=\"/areas/",
             T(r, "Kind"), collective_kind_label(r, v->c.kind), T(r, "Area"));
    url_arg(b, v->c.area_code);
    html_fmt(b,
             "\">%s</a></dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n"
             "<dt>%s</dt><dd>%s</dd>\n</dl>\n",
             v->c.area_name, T(r, "Status"), collective_status_label(r, v->c.status),
             T(r, "Voting rule"), collective_rule_label(r, v->c.voting_rule), T(r, "Founded on"),
             collective_day(r, v->c.created_at));
}

static void soundness(struct req *r, const struct view *v)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<section aria-labelledby=\"sound-title\">\n<h2 id=\"sound-title\">%s</h2>\n",
             T(r, "Resident ownership"));
    if (v->s.sound)
        html_fmt(b, "<p class=\"note\">%s</p>\n",
                 T(r, "At least two thirds of the voting members are verified residents of the "
                      "area: this collective may start and steer initiatives."));
    else
        html_fmt(b, "<p class=\"warning\" id=\"unsound-reason\">%s</p>\n", T(r, v->s.reason));
    html_raw_trusted(b, "<p>");
    html_fill(b, T(r, "%s of %s voting members are verified residents of %s."),
              arena_printf(r->arena, "%d", v->s.residents),
              arena_printf(r->arena, "%d", v->s.voting), v->c.area_name, NULL);
    html_raw_trusted(b, "</p>\n</section>\n");
}

static const char *role_text(struct req *r, const struct collective_member *m)
{
    if (strcmp(m->status, "named") == 0)
        return T(r, "Co-founder, has yet to join");
    return strcmp(m->role, "adviser") == 0 ? T(r, "Adviser (does not vote)")
                                           : T(r, "Voting member");
}

static void member_row(struct req *r, const struct collective_member *m)
{
    struct buf *b = &r->resp.body;
    html_raw_trusted(b, "<tr><th scope=\"row\">");
    byline_write(r, m->person_id, NULL);
    const char *lives = strcmp(m->role, "adviser") == 0 ? ""
                        : m->resident                   ? T(r, "Lives there")
                                                        : T(r, "Does not live there");
    html_fmt(b, "</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
             role_text(r, m), m->board_role ? collective_board_label(r, m->board_role) : "",
             m->capacity ? byline_capacity(r, m->capacity) : "", lives,
             m->joined_at ? collective_day(r, m->joined_at) : "");
}

static void members(struct req *r, const struct view *v)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"members-title\">%s</h2>\n", T(r, "Members of the collective"));
    html_fmt(b,
             "<section class=\"table-scroll\" tabindex=\"0\" "
             "aria-labelledby=\"members-caption\"><table>\n<caption "
             "id=\"members-caption\">%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "</tr></thead>\n<tbody>\n",
             T(r, "Members, board first"), T(r, "Name"), T(r, "Membership"), T(r, "Board role"),
             T(r, "Joined as"), T(r, "Resident of the area now"), T(r, "Joined on"));
    for (int i = 0; i < v->n; i++)
        member_row(r, &v->m[i]);
    html_raw_trusted(b, "</tbody>\n</table></section>\n");
}

/* The statutes, a paragraph per line; none: a sentence that says so. */
static void statutes(struct req *r, const struct view *v)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Statutes"));
    const char *s = v->c.statutes ? v->c.statutes : "";
    if (strspn(s, " \t\r\n") == strlen(s)) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No statutes have been written down yet."));
        return;
    }
    html_raw_trusted(b, "<div class=\"statutes\">\n");
    while (*s) {
        size_t len = strcspn(s, "\r\n");
        if (len > 0) {
            html_raw_trusted(b, "<p>");
            html_text(b, arena_strndup(r->arena, s, len));
            html_raw_trusted(b, "</p>\n");
        }
        s += len;
        s += strspn(s, "\r\n");
    }
    html_raw_trusted(b, "</div>\n");
}

static void initiatives(struct req *r, const struct view *v)
{
    const struct initiative *items = v->owned;
    int n = v->nowned, shown = 0;
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Initiatives of this collective"));
    for (int i = 0; i < n; i++) {
        if (items[i].collective_id != v->c.id)
            continue;
        if (shown++ == 0)
            html_raw_trusted(b, "<ul>\n");
        html_fmt(b, "<li><a href=\"/initiatives/%" PRId64 "\">%s</a></li>\n", items[i].id,
                 items[i].title);
    }
    if (shown > 0)
        html_raw_trusted(b, "</ul>\n");
    else
        html_fmt(b, "<p>%s</p>\n", T(r, "This collective owns no initiatives yet."));
}

static const char *path_of(struct req *r, const struct view *v, const char *form)
{
    return arena_printf(r->arena, "/collectives/%" PRId64 "/%s", v->c.id, form);
}

/* Joining and leaving, for a signed-in viewer. */
static void take_part(struct req *r, const struct view *v)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Take part"));
    if (!v->me) {
        html_fmt(b, "<p><a href=\"/sign-in\">%s</a></p>\n",
                 T(r, "Sign in to join this collective."));
        return;
    }
    bool named = false;
    for (int i = 0; i < v->n; i++)
        if (v->m[i].person_id == v->me && strcmp(v->m[i].status, "named") == 0)
            named = true;
    if (!v->member || named) {
        html_fmt(b, "<p>%s</p>\n",
                 named ? T(r, "You have been named a co-founder. Join to consent; the "
                              "collective becomes active once both co-founders have joined.")
                       : T(r, "Verified residents of the area join as voting members, acting "
                              "as residents. Professionals take part as advisers, admitted "
                              "by the board."));
        collective_form_begin(r, path_of(r, v, "join"));
        form_end(r, named ? T(r, "Join as co-founder") : T(r, "Join this collective"));
    }
    if (v->member) {
        collective_form_begin(r, path_of(r, v, "leave"));
        form_end(r, named ? T(r, "Decline to co-found") : T(r, "Leave this collective"));
    }
}

static void board_select(struct req *r, const struct view *v, int slot)
{
    const char *role = collective_board_roles()[slot];
    const char *kept = form_value(r, role);
    for (int i = 0; !kept && i < v->n; i++)
        if (v->m[i].board_role && strcmp(v->m[i].board_role, role) == 0)
            kept = arena_printf(r->arena, "%" PRId64, v->m[i].person_id);
    collective_select_begin(r, role, collective_board_label(r, role));
    collective_option(r, "", T(r, "Vacant"), kept ? kept : "");
    for (int i = 0; i < v->n; i++)
        if (strcmp(v->m[i].role, "member") == 0 && strcmp(v->m[i].status, "joined") == 0)
            collective_option(r, arena_printf(r->arena, "%" PRId64, v->m[i].person_id),
                              byline_name(r, v->m[i].person_id, NULL, NULL), kept);
    collective_select_end(r);
}

/* The board's forms: admitting an adviser and setting the roles. */
static void board_forms(struct req *r, const struct view *v)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n<h3>%s</h3>\n", T(r, "For the board"), T(r, "Admit an adviser"));
    html_fmt(b, "<p>%s</p>\n",
             T(r, "Professionals support the collective as advisers: they never vote and never "
                  "sit on the board."));
    collective_form_begin(r, path_of(r, v, "advisers"));
    form_input(r, &(struct form_input){.name = "person",
                                       .label = T(r, "The adviser's e-mail address or account "
                                                     "number"),
                                       .type = "text",
                                       .autocomplete = "off",
                                       .maxlength = 320,
                                       .required = true});
    form_end(r, T(r, "Admit as adviser"));
    html_fmt(b, "<h3>%s</h3>\n", T(r, "Set the board"));
    collective_form_begin(r, path_of(r, v, "board"));
    for (int i = 0; i < 3; i++)
        board_select(r, v, i);
    form_end(r, T(r, "Set the board"));
}

static enum err load(struct req *r, struct view *v)
{
    int64_t id = req_in_int(r, "id", 0);
    *v = (struct view){.me = r->session ? r->session->person_id : 0};
    enum err e = collective_get(r->db, r->arena, id, &v->c, &r->fault);
    if (e == ERR_OK)
        e = collective_soundness(r->db, id, &v->s, &r->fault);
    if (e == ERR_OK)
        e = collective_members(r->db, r->arena, id, &v->m, &v->n, &r->fault);
    if (e == ERR_OK)
        e = initiative_list(r->db, r->arena, NULL, NULL, &v->owned, &v->nowned, &r->fault);
    for (int i = 0; e == ERR_OK && i < v->n; i++)
        if (v->m[i].person_id == v->me) {
            v->member = true;
            v->board = v->m[i].board_role && strcmp(v->m[i].status, "joined") == 0;
        }
    return e;
}

enum err web_collective(struct req *r)
{
    struct view v;
    enum err e = load(r, &v);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    struct crumb crumbs[] = {{T(r, "Collectives"), "/collectives"}, {v.c.name, NULL}};
    layout_begin_crumbs(r, v.c.name, crumbs, 2);
    html_fmt(b, "<h1>%s</h1>\n", v.c.name);
    done_note(r);
    collective_fault_note(r);
    web_monitor_warning_note(r, v.c.area_code);
    facts(r, &v);
    soundness(r, &v);
    members(r, &v);
    statutes(r, &v);
    initiatives(r, &v);
    html_fmt(b, "<p><a href=\"/collectives/%" PRId64 "/activities\">%s</a></p>\n", v.c.id,
             T(r, "Activities"));
    html_fmt(b, "<p><a href=\"/collectives/%" PRId64 "/decisions\">%s</a></p>\n", v.c.id,
             T(r, "Decisions"));
    html_fmt(b, "<p><a href=\"/agreements?party_kind=collective&amp;party=%" PRId64 "\">%s</a></p>\n",
             v.c.id, T(r, "Cooperation agreements"));
    html_fmt(b, "<p><a href=\"/zones/new\">%s</a></p>\n", T(r, "Request a rule-free zone"));
    take_part(r, &v);
    if (v.board && strcmp(v.c.status, "active") == 0)
        board_forms(r, &v);
    html_fmt(b, "<p><a href=\"/conflicts/new?collective_id=%" PRId64 "\">%s</a></p>\n", v.c.id,
             T(r, "Raise a conflict case"));
    html_fmt(b, "<p><a href=\"/audit/collective/%" PRId64 "\">%s</a></p>\n", v.c.id,
             T(r, "History of this collective"));
    layout_end(r);
    return ERR_OK;
}
