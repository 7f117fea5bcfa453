/* Cooperation agreements on the web (DESIGN.md §3):
 *   GET  /agreements                  the list (?party_kind=&party=)
 *   GET  /agreements/{id}             one: parties and their signatures on the
 *                                     current version, commitments,
 *                                     responsibilities, initiatives, versions;
 *                                     the sign buttons of the parties the
 *                                     viewer may sign for, and the end form
 *   POST /agreements/{id}/sign        sign the current version for a party
 *   POST /agreements/{id}/end         end or terminate it
 * The forms to draft and revise are in web/agreement_form.c, the
 * comparison of versions and the CSV export in web/agreement_compare.c.
 * Every POST answers 303 back to the page; a refused one shows the page
 * again with the message. Who may is the model's word; the page asks only
 * to choose which buttons to show. */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "model/agreement.h"
#include "model/capacity.h"
#include "model/schedule.h"
#include "render/byline.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

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

static enum err see_other(struct req *r, int64_t id, const char *done)
{
    const char *href = arena_printf(r->arena, "/agreements/%" PRId64 "?done=%s", id, done);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Cooperation agreement"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

static void list_table(struct req *r, const struct agreement_row *items, int n)
{
    struct buf *b = &r->resp.body;
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "There are no cooperation agreements yet."));
        return;
    }
    html_fmt(b, "<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "</tr></thead>\n<tbody>\n",
             T(r, "Cooperation agreements"), T(r, "Agreement"), T(r, "Parties"), T(r, "Status"),
             T(r, "Term"));
    for (int i = 0; i < n; i++) {
        html_fmt(b, "<tr><td><a href=\"/agreements/%lld\">", (long long)items[i].id);
        html_text(b, items[i].title);
        html_fmt(b, "</a></td><td>%s</td><td>%s</td><td>%s – %s</td></tr>\n", items[i].parties,
                 web_agreement_status_label(r, items[i].status), items[i].term_from,
                 items[i].term_to);
    }
    html_raw_trusted(b, "</tbody>\n</table>\n");
}

enum err web_agreements_page(struct req *r)
{
    struct agreement_row *items = NULL;
    int n = 0;
    const char *today = agreement_today(r->arena, r->actor.now);
    enum err e = agreement_list(r->db, r->arena, req_in(r, "party_kind"), req_in(r, "party"),
                                today, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    layout_begin(r, T(r, "Cooperation agreements"));
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "Cooperation agreements"),
             T(r, "What resident collectives, organisations and the gemeente promise each other, "
                  "signed by each party."));
    if (r->session)
        html_fmt(b, "<p><a href=\"/agreements/new\">%s</a></p>\n", T(r, "Draft an agreement"));
    list_table(r, items, n);
    layout_end(r);
    return ERR_OK;
}


/* A refusal the page's forms do not show next to a field of their own
 * (a signature or decision refused, a party not authorised): said once at
 * the top, and then cleared so that no form repeats it. */
static void refusal_note(struct req *r)
{
    static const char *const own[] = {"reason"};
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
    const char *text = strcmp(done, "drafted") == 0   ? T(r, "The agreement has been drafted.")
                       : strcmp(done, "revised") == 0 ? T(r, "A new version has been written; "
                                                            "every party signs it again.")
                       : strcmp(done, "signed") == 0  ? T(r, "Your signature has been recorded.")
                       : strcmp(done, "ended") == 0   ? T(r, "The agreement has been ended.")
                                                      : NULL;
    if (text)
        html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n", text);
}

/* Whether the viewer may take action for party i (any party: -1). */
static bool may(struct req *r, const struct agreement *ag, enum action action, int party)
{
    if (!r->session)
        return false;
    struct fault no = {0};
    enum capacity cap;
    if (capacity_of_actor(r->db, &r->actor, &cap, &no) != ERR_OK)
        return false;
    for (int i = party < 0 ? 0 : party; i < (party < 0 ? ag->n_parties : party + 1); i++) {
        enum relation rel;
        if (agreement_party_relation(r->db, ag, i, &r->actor, &rel, &no) == ERR_OK &&
            policy_check(action, cap, rel).allowed)
            return true;
    }
    return false;
}

static const struct agreement_signature *signature_of(const struct agreement *ag, int party)
{
    for (int i = 0; i < ag->n_signatures; i++)
        if (ag->signatures[i].party == party)
            return &ag->signatures[i];
    return NULL;
}

static void sign_button(struct req *r, const struct agreement *ag, int party)
{
    struct buf *b = &r->resp.body;
    form_begin(r, arena_printf(r->arena, "/agreements/%" PRId64 "/sign", ag->id));
    form_hidden(r, "version", arena_printf(r->arena, "%d", ag->version));
    form_hidden(r, "party", arena_printf(r->arena, "%d", party));
    html_raw_trusted(b, "<button type=\"submit\">");
    html_fill(b, T(r, "Sign version %s for %s"), arena_printf(r->arena, "%d", ag->version),
              ag->parties[party].name, NULL);
    html_raw_trusted(b, "</button>\n</form>\n");
}

static void parties_table(struct req *r, const struct agreement *ag, bool open)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Parties and their signatures on the current version"), T(r, "Party"),
             T(r, "Kind"), T(r, "Signature"));
    for (int i = 0; i < ag->n_parties; i++) {
        const struct agreement_party *p = &ag->parties[i];
        const struct agreement_signature *s = signature_of(ag, i);
        html_fmt(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>", p->name,
                 web_agreement_status_label(r, p->kind));
        if (s) {
            html_fmt(b, "%s ", T(r, "Signed by"));
            byline_write(r, s->person_id, s->capacity);
            html_fmt(b, ", %s", local_time(r, s->signed_at));
        } else {
            html_text(b, T(r, "Not signed yet"));
            if (open && may(r, ag, ACT_AGREEMENT_SIGN, i))
                sign_button(r, ag, i);
        }
        html_raw_trusted(b, "</td></tr>\n");
    }
    html_raw_trusted(b, "</tbody>\n</table>\n");
}

static void commitments_table(struct req *r, const struct agreement *ag,
                              const struct agreement_text *t)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Commitments"));
    if (t->n_commitments == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No commitments."));
        return;
    }
    html_fmt(b, "<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "</tr></thead>\n<tbody>\n",
             T(r, "What each party commits"), T(r, "Party"), T(r, "Kind"), T(r, "Amount"),
             T(r, "Description"));
    for (int i = 0; i < t->n_commitments; i++) {
        const struct agreement_commitment *c = &t->commitments[i];
        html_fmt(b, "<tr><td>%s</td><td>%s</td><td>", ag->parties[c->party].name,
                 web_agreement_status_label(r, c->kind));
        if (c->amount >= 0)
            html_fmt(b, "%lld", (long long)c->amount);
        html_fmt(b, "</td><td>%s</td></tr>\n", c->text);
    }
    html_raw_trusted(b, "</tbody>\n</table>\n");
}

static void duties_table(struct req *r, const struct agreement *ag, const struct agreement_text *t)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Who is responsible for what"));
    if (t->n_duties == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No responsibilities named."));
        return;
    }
    html_fmt(b, "<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "Responsibilities"), T(r, "Responsible party"), T(r, "Responsible for"));
    for (int i = 0; i < t->n_duties; i++)
        html_fmt(b, "<tr><td>%s</td><td>%s</td></tr>\n", ag->parties[t->duties[i].party].name,
                 t->duties[i].subject);
    html_raw_trusted(b, "</tbody>\n</table>\n");
}

static void versions_list(struct req *r, const struct agreement *ag)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n<ul>\n", T(r, "Versions"));
    for (int v = ag->version; v >= 1; v--) {
        html_fmt(b, "<li>%s %d", T(r, "Version"), v);
        if (v > 1)
            html_fmt(b, " – <a href=\"/agreements/%lld/compare?from=%d&amp;to=%d\">%s</a>",
                     (long long)ag->id, v - 1, v, T(r, "compare with the version before"));
        html_raw_trusted(b, "</li>\n");
    }
    html_raw_trusted(b, "</ul>\n");
}

static void initiatives_list(struct req *r, const struct agreement *ag)
{
    struct buf *b = &r->resp.body;
    if (ag->n_initiatives == 0)
        return;
    html_fmt(b, "<h2>%s</h2>\n<ul>\n", T(r, "Initiatives concerned"));
    for (int i = 0; i < ag->n_initiatives; i++)
        html_fmt(b, "<li><a href=\"/initiatives/%lld\">%s</a></li>\n",
                 (long long)ag->initiatives[i], ag->initiative_titles[i]);
    html_raw_trusted(b, "</ul>\n");
}

static void end_form(struct req *r, const struct agreement *ag)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<section aria-labelledby=\"end-h\">\n<h2 id=\"end-h\">%s</h2>\n",
             T(r, "End this agreement"));
    form_begin(r, arena_printf(r->arena, "/agreements/%" PRId64 "/end", ag->id));
    form_field_begin(r, "end-", "reason", T(r, "Why it ends"));
    html_fmt(b, "<textarea id=\"end-reason\" name=\"reason\" rows=\"3\" maxlength=\"%d\" required",
             AGREEMENT_REASON_MAX);
    form_field_attrs(r, "end-", "reason");
    html_raw_trusted(b, ">");
    html_text(b, form_value(r, "reason"));
    html_raw_trusted(b, "</textarea>\n</div>\n");
    form_end(r, T(r, "End the agreement"));
    html_raw_trusted(b, "</section>\n");
}

static void agreement_body(struct req *r, const struct agreement *ag, const char *state)
{
    struct buf *b = &r->resp.body;
    bool open = strcmp(state, "ended") != 0 && strcmp(state, "terminated") != 0;
    html_fmt(b, "<h1>%s</h1>\n", ag->current.text.title);
    refusal_note(r);
    done_note(r);
    html_fmt(b, "<p>%s: <strong>%s</strong>. %s %d. %s: %s – %s.</p>\n", T(r, "Status"),
             web_agreement_status_label(r, state), T(r, "Version"), ag->version, T(r, "Term"),
             ag->current.text.term_from, ag->current.text.term_to);
    if (ag->end_reason)
        html_fmt(b, "<p>%s: %s</p>\n", T(r, "Reason it ended"), ag->end_reason);
    html_fmt(b, "<h2>%s</h2>\n<p class=\"text\">%s</p>\n", T(r, "Purpose"),
             ag->current.text.purpose);
    parties_table(r, ag, open);
    commitments_table(r, ag, &ag->current.text);
    duties_table(r, ag, &ag->current.text);
    initiatives_list(r, ag);
    versions_list(r, ag);
    html_fmt(b, "<p><a href=\"/agreements/%lld/export.csv\">%s</a></p>\n", (long long)ag->id,
             T(r, "Download the agreement as CSV (versions, commitments, signatures)"));
    if (open && may(r, ag, ACT_AGREEMENT_REVISE, -1))
        html_fmt(b, "<p><a href=\"/agreements/%lld/revise\">%s</a></p>\n", (long long)ag->id,
                 T(r, "Change the text (a new version; every party signs again)"));
    if (open && may(r, ag, ACT_AGREEMENT_END, -1))
        end_form(r, ag);
}

enum err web_agreement_page(struct req *r)
{
    struct agreement ag;
    enum err e = agreement_get(r->db, r->arena, req_in_int(r, "id", 0), &ag, &r->fault);
    if (e != ERR_OK)
        return e;
    const char *state = agreement_state(&ag, agreement_today(r->arena, r->actor.now));
    struct crumb crumbs[] = {{T(r, "Cooperation agreements"), "/agreements"},
                             {ag.current.text.title, NULL}};
    layout_begin_crumbs(r, T(r, "Cooperation agreement"), crumbs, 2);
    agreement_body(r, &ag, state);
    layout_end(r);
    return ERR_OK;
}

enum err web_agreement_sign(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = agreement_sign(r->db, id, (int)req_in_int(r, "version", 0),
                                (int)req_in_int(r, "party", -1), &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "signed");
}

enum err web_agreement_end(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = agreement_end(r->db, id, req_in(r, "reason"), &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "ended");
}
