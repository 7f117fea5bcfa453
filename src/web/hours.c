/* The page of one pledge of investment hours (DESIGN.md §3), with its
 * ledger and the forms of those who may act on it:
 *   GET  /hours/{id}            the pledge, its balance, its ledger (every
 *                               movement, corrections with the entry they
 *                               correct), the form to log hours, and for the
 *                               organisation's admin the withdrawal
 *   POST /hours/{id}/log        log hours (a professional of the
 *                               organisation, or its admin)
 *   GET/POST /hours/{id}/correct  correct an entry of logged hours: a new
 *                               movement, the ledger keeps the old one
 *   POST /hours/{id}/withdraw   withdraw the pledge (its admin)
 * Every POST answers 303 to the pledge's page; a refused form is shown
 * again by the dispatcher, with the message next to its field. Who may is
 * the model's word (model/hours.h); the page asks it only to choose which
 * forms to show. */
#include "web/web.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "model/hours.h"
#include "model/initiative.h"
#include "render/byline.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/moderated.h"
#include "render/req.h"
#include "web/hours_words.h"

static enum err see_other(struct req *r, int64_t id, const char *done)
{
    const char *href = arena_printf(r->arena, "/hours/%" PRId64 "?done=%s", id, done);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Investment hours"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

static void done_note(struct req *r)
{
    const char *done = req_in(r, "done");
    if (!done || r->fault.code != ERR_OK)
        return;
    const char *text = strcmp(done, "logged") == 0      ? T(r, "Your hours have been logged.")
                       : strcmp(done, "corrected") == 0 ? T(r, "The correction has been booked.")
                       : strcmp(done, "withdrawn") == 0 ? T(r, "The pledge has been withdrawn.")
                                                        : T(r, "The hours have been pledged.");
    html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n", text);
}

/* What the pledge is: organisation, area, period, earmark, status. */
static void facts(struct req *r, const struct hours_pledge *p)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<dl class=\"facts\">\n<dt>%s</dt><dd><a href=\"/organisations/%lld/hours\">",
             T(r, "Organisation"), (long long)p->organisation_id);
    html_text(b, p->organisation_name);
    html_fmt(b, "</a></dd>\n<dt>%s</dt><dd><a href=\"/areas/", T(r, "Area"));
    url_arg(b, p->area_code);
    html_raw_trusted(b, "/hours\">");
    html_text(b, p->area_name);
    html_fmt(b, "</a> (%s)</dd>\n<dt>%s</dt><dd>%s – %s</dd>\n<dt>%s</dt><dd>",
             hours_words_area_kind(r, p->area_kind), T(r, "Period of the pledge"), p->starts_on,
             p->ends_on, T(r, "Earmarked for"));
    if (p->initiative_id) {
        html_fmt(b, "<a href=\"/initiatives/%lld\">", (long long)p->initiative_id);
        html_text(b, p->initiative_title);
        html_raw_trusted(b, "</a>");
    } else if (p->collective_id) {
        html_fmt(b, "<a href=\"/collectives/%lld\">", (long long)p->collective_id);
        html_text(b, p->collective_name);
        html_raw_trusted(b, "</a>");
    } else {
        html_text(b, T(r, "any experiment in the area"));
    }
    html_fmt(b, "</dd>\n<dt>%s</dt><dd>%s</dd>\n</dl>\n", T(r, "Status"),
             strcmp(p->status, "active") == 0 ? T(r, "Active")
                                              : T(r, "Withdrawn: the delivered hours stay."));
}

/* The movement's amount in its column: + for hours in, - for out. */
static const char *signed_hours(struct req *r, const struct hours_movement *m)
{
    const char *h = hours_words_tenths(r, m->amount);
    if (strcmp(m->kind, "correction") == 0 && m->amount > 0)
        return arena_printf(r->arena, "+%s", h);
    return h;
}

/* A movement's note, "Hidden by a moderator: ..." in its place, and for a
 * signed-in reader who did not write it a link to report it. */
static void note_cell(struct req *r, const struct hours_movement *m)
{
    struct buf *b = &r->resp.body;
    if (m->note_hidden) {
        moderated_note(r, b, m->note_hidden);
        return;
    }
    if (!m->note)
        return;
    html_text(b, m->note);
    if (r->actor.person_id > 0 && r->actor.person_id != m->person_id) {
        html_fmt(b, " <a class=\"report\" href=\"/report?type=hours_note&amp;id=%lld\">%s</a>",
                 (long long)m->id, T(r, "Report this note"));
    }
}

static void movement_row(struct req *r, const struct hours_movement *m)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<tr><th scope=\"row\">%lld</th><td>%s</td><td>%s", (long long)m->id, m->on_date,
             hours_words_movement_kind(r, m->kind));
    if (m->corrects_id) {
        html_raw_trusted(b, " (");
        html_fill(b, T(r, "corrects no. %s"), arena_printf(r->arena, "%" PRId64, m->corrects_id),
                  NULL);
        html_raw_trusted(b, ")");
    }
    html_fmt(b, "</td><td>%s", signed_hours(r, m));
    if (strcmp(m->kind, "delivery") == 0 && m->net != m->amount) {
        html_raw_trusted(b, " (");
        html_fill(b, T(r, "corrected to %s"), hours_words_tenths(r, m->net), NULL);
        html_raw_trusted(b, ")");
    }
    html_fmt(b, "</td><td>%s</td><td>", m->work_kind ? hours_words_work_kind(r, m->work_kind) : "");
    if (m->initiative_id) {
        html_fmt(b, "<a href=\"/initiatives/%lld\">", (long long)m->initiative_id);
        html_text(b, m->initiative_title);
        html_raw_trusted(b, "</a>");
    }
    html_raw_trusted(b, "</td><td>");
    note_cell(r, m);
    html_raw_trusted(b, "</td><td>");
    byline_write(r, m->person_id, m->capacity);
    html_raw_trusted(b, "</td></tr>\n");
}

static void ledger_table(struct req *r, const struct hours_movement *items, int n, int64_t id)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"ledger\">%s</h2>\n<p>%s</p>\n", T(r, "The ledger"),
             T(r, "Every movement stays in the ledger: a mistake is corrected by a new movement "
                  "that refers to the entry it corrects."));
    html_fmt(b,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "The movements of this pledge"), T(r, "Entry no."), T(r, "Date"),
             T(r, "Kind of movement"), T(r, "Hours"), T(r, "Kind of work"), T(r, "Initiative"),
             T(r, "Note"), T(r, "Booked by"));
    for (int i = 0; i < n; i++)
        movement_row(r, &items[i]);
    html_fmt(b, "</tbody>\n</table></div>\n<p><a href=\"/hours/%lld/ledger.csv\">%s</a></p>\n",
             (long long)id, T(r, "Download the ledger (CSV)"));
}

static void kind_select(struct req *r)
{
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, "kind");
    form_field_begin(r, "log-", "kind", T(r, "Kind of work"));
    html_raw_trusted(b, "<select id=\"log-kind\" name=\"kind\"");
    form_field_attrs(r, "log-", "kind");
    html_raw_trusted(b, ">\n");
    for (const char *const *k = hours_work_kinds(); *k; k++)
        html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", *k,
                 kept && !strcmp(kept, *k) ? " selected" : "", hours_words_work_kind(r, *k));
    html_raw_trusted(b, "</select>\n</div>\n");
}

/* The initiatives one may log for: the earmarked one, else those working
 * in the pledge's buurt (or all, for a wijk or gemeente). */
static void initiative_select(struct req *r, const struct hours_pledge *p)
{
    struct buf *b = &r->resp.body;
    struct initiative *items = NULL;
    int n = 0;
    const char *kept = form_value(r, "initiative");
    form_field_begin(r, "log-", "initiative", T(r, "Initiative"));
    html_raw_trusted(b, "<select id=\"log-initiative\" name=\"initiative\"");
    form_field_attrs(r, "log-", "initiative");
    html_raw_trusted(b, ">\n");
    if (p->initiative_id) {
        html_fmt(b, "<option value=\"%lld\" selected>", (long long)p->initiative_id);
        html_text(b, p->initiative_title);
        html_raw_trusted(b, "</option>\n</select>\n</div>\n");
        return;
    }
    html_fmt(b, "<option value=\"\">%s</option>\n", T(r, "No initiative in particular"));
    const char *buurt = strcmp(p->area_kind, "buurt") == 0 ? p->area_code : NULL;
    if (initiative_list(r->db, r->arena, buurt, NULL, &items, &n, NULL) != ERR_OK)
        n = 0;
    for (int i = 0; i < n; i++) {
        if (p->collective_id && items[i].collective_id != p->collective_id)
            continue;
        const char *v = arena_printf(r->arena, "%" PRId64, items[i].id);
        html_fmt(b, "<option value=\"%s\"%s>", v, kept && !strcmp(kept, v) ? " selected" : "");
        html_text(b, items[i].title);
        html_raw_trusted(b, "</option>\n");
    }
    html_raw_trusted(b, "</select>\n</div>\n");
}

static void note_area(struct req *r, const char *prefix, const char *name, const char *label)
{
    struct buf *b = &r->resp.body;
    form_field_begin(r, prefix, name, label);
    html_fmt(b, "<textarea id=\"%s%s\" name=\"%s\" rows=\"3\" maxlength=\"%d\"", prefix, name, name,
             HOURS_NOTE_MAX);
    form_field_attrs(r, prefix, name);
    html_raw_trusted(b, ">");
    html_text(b, form_value(r, name));
    html_raw_trusted(b, "</textarea>\n</div>\n");
}

static void log_form(struct req *r, const struct hours_pledge *p)
{
    html_fmt(&r->resp.body, "<h2 id=\"log\">%s</h2>\n", T(r, "Log hours spent"));
    form_begin(r, arena_printf(r->arena, "/hours/%" PRId64 "/log", p->id));
    form_input(r, &(struct form_input){.name = "on_date",
                                       .label = T(r, "Day worked"),
                                       .type = "date",
                                       .hint = T(r, "A day in the pledge's period, not later "
                                                    "than today (YYYY-MM-DD)."),
                                       .required = true});
    form_input(r, &(struct form_input){.name = "hours",
                                       .label = T(r, "Hours"),
                                       .type = "text",
                                       .hint = T(r, "For example 2 or 1.5: more than 0 and at "
                                                    "most 24."),
                                       .maxlength = 6,
                                       .required = true});
    initiative_select(r, p);
    kind_select(r);
    note_area(r, "log-", "note", T(r, "Note (optional)"));
    form_end(r, T(r, "Log hours"));
}

/* The forms act may use on p; a refusal that belongs to no form is said
 * at the top. */
static void forms(struct req *r, const struct hours_pledge *p)
{
    struct buf *b = &r->resp.body;
    bool active = strcmp(p->status, "active") == 0;
    bool may_log =
        active && r->actor.person_id &&
        hours_authorise(r->db, p->organisation_id, ACT_HOURS_LOG, &r->actor, NULL) == ERR_OK;
    bool may_withdraw = active && r->actor.person_id &&
                        hours_authorise(r->db, p->organisation_id, ACT_HOURS_WITHDRAW_PLEDGE,
                                        &r->actor, NULL) == ERR_OK;
    if (r->fault.code != ERR_OK && !may_log)
        html_fmt(b,
                 "<div class=\"form-errors\" role=\"alert\"><p><strong>%s</strong> %s</p></div>\n",
                 T(r, "This did not work:"), errmsg_text(r));
    if (may_log) {
        log_form(r, p);
        html_fmt(b, "<p><a href=\"/hours/%lld/correct\">%s</a></p>\n", (long long)p->id,
                 T(r, "Correct an entry of logged hours"));
    } else if (active) {
        html_fmt(b, "<p>%s</p>\n",
                 T(r, "Professionals with a post at the organisation, acting as professional "
                      "for it, and its admins log hours against this pledge."));
    }
    if (may_withdraw) {
        html_fmt(b, "<h2 id=\"withdraw\">%s</h2>\n<p>%s</p>\n", T(r, "Withdraw this pledge"),
                 T(r, "The hours still open go back to the organisation; the hours delivered "
                      "stay in the ledger, and everyone sees that the pledge was withdrawn."));
        form_button(r, arena_printf(r->arena, "/hours/%" PRId64 "/withdraw", p->id),
                    T(r, "Withdraw the pledge"), "inline");
    }
}

static void page_begin(struct req *r, const struct hours_pledge *p, const char *title)
{
    const char *org =
        arena_printf(r->arena, "/organisations/%" PRId64 "/hours", p->organisation_id);
    struct crumb crumbs[] = {{p->organisation_name, org}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_raw_trusted(&r->resp.body, "<h1>");
    html_text(&r->resp.body, title);
    html_raw_trusted(&r->resp.body, "</h1>\n");
}

/* "Welzijn Noord: 400 hours in Wijk 3", plain text (the layout escapes
 * the title): the template's slots filled as fault messages are. */
static const char *pledge_title(struct req *r, const struct hours_pledge *p)
{
    struct fault words = {
        .args = {p->organisation_name, hours_words_tenths(r, p->hours_tenths), p->area_name}};
    char *text = fault_format(T(r, "%s: %s hours in %s"), &words);
    const char *title = arena_strdup(r->arena, text);
    free(text);
    return title;
}

enum err web_hours_page(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct hours_pledge p;
    struct hours_movement *items = NULL;
    int n = 0;
    enum err e = hours_pledge_get(r->db, r->arena, id, &p, &r->fault);
    if (e == ERR_OK)
        e = hours_ledger(r->db, r->arena, id, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    page_begin(r, &p, pledge_title(r, &p));
    done_note(r);
    facts(r, &p);
    hours_words_balance(r, T(r, "Pledged and delivered"), &p.balance);
    forms(r, &p);
    ledger_table(r, items, n, id);
    layout_end(r);
    return ERR_OK;
}

enum err web_hours_log(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct hours_log_input in = {.on_date = req_in(r, "on_date"),
                                 .hours = req_in(r, "hours"),
                                 .initiative_id = req_in_int(r, "initiative", 0),
                                 .kind = req_in(r, "kind"),
                                 .note = req_in(r, "note")};
    enum err e = hours_log(r->db, r->arena, id, &in, &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "logged");
}

enum err web_hours_withdraw(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = hours_pledge_withdraw(r->db, r->arena, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "withdrawn");
}

static void delivery_select(struct req *r, const struct hours_movement *items, int n)
{
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, "movement");
    form_field_begin(r, "fix-", "movement", T(r, "Entry to correct"));
    html_raw_trusted(b, "<select id=\"fix-movement\" name=\"movement\"");
    form_field_attrs(r, "fix-", "movement");
    html_raw_trusted(b, ">\n");
    for (int i = 0; i < n; i++) {
        if (strcmp(items[i].kind, "delivery") != 0)
            continue;
        const char *v = arena_printf(r->arena, "%" PRId64, items[i].id);
        html_fmt(b, "<option value=\"%s\"%s>", v, kept && !strcmp(kept, v) ? " selected" : "");
        html_fill(b, T(r, "No. %s, %s: %s hours"), v, items[i].on_date,
                  hours_words_tenths(r, items[i].net), NULL);
        html_raw_trusted(b, "</option>\n");
    }
    html_raw_trusted(b, "</select>\n</div>\n");
}

/* The correction form, or why act may not correct entries of p. */
static void correct_form(struct req *r, const struct hours_pledge *p,
                         const struct hours_movement *items, int n)
{
    struct buf *b = &r->resp.body;
    struct fault why = {0};
    if (hours_authorise(r->db, p->organisation_id, ACT_HOURS_LOG, &r->actor, &why) != ERR_OK ||
        strcmp(p->status, "active") != 0) {
        html_fmt(b, "<p>%s</p>\n",
                 why.msgid ? T(r, why.msgid)
                           : T(r, "This pledge of hours has been withdrawn; it takes no more "
                                  "hours."));
        return;
    }
    html_fmt(b, "<p>%s</p>\n",
             T(r, "Give the hours the entry should have had (0 if no hours were spent) and why. "
                  "The ledger keeps the entry and adds the correction."));
    form_begin(r, arena_printf(r->arena, "/hours/%" PRId64 "/correct", p->id));
    delivery_select(r, items, n);
    form_input(r, &(struct form_input){.name = "hours",
                                       .label = T(r, "Correct hours"),
                                       .type = "text",
                                       .hint = T(r, "For example 2 or 1.5; 0 cancels the entry."),
                                       .maxlength = 6,
                                       .required = true});
    note_area(r, "fix-", "note", T(r, "Why you correct it"));
    form_end(r, T(r, "Book the correction"));
}

enum err web_hours_correct_page(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct hours_pledge p;
    struct hours_movement *items = NULL;
    int n = 0;
    enum err e = hours_pledge_get(r->db, r->arena, id, &p, &r->fault);
    if (e == ERR_OK)
        e = hours_ledger(r->db, r->arena, id, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    page_begin(r, &p, T(r, "Correct an entry of logged hours"));
    correct_form(r, &p, items, n);
    html_fmt(&r->resp.body, "<p><a href=\"/hours/%lld\">%s</a></p>\n", (long long)id,
             T(r, "Back to the pledge"));
    layout_end(r);
    return ERR_OK;
}

enum err web_hours_correct(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = hours_correct(r->db, r->arena, id, req_in_int(r, "movement", 0),
                               req_in(r, "hours"), req_in(r, "note"), &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "corrected");
}

enum err web_hours_pledge_csv(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct hours_pledge p;
    enum err e = hours_pledge_get(r->db, r->arena, id, &p, &r->fault);
    return e != ERR_OK
               ? e
               : hours_words_csv(r, HOURS_SCOPE_PLEDGE, id, NULL,
                                 arena_printf(r->arena, "hours-pledge-%" PRId64 ".csv", id));
}
