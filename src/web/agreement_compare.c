/* Two versions of an agreement side by side, and the CSV export:
 *   GET /agreements/{id}/compare?from=&to=  a table per part of the text
 *                                           (title, purpose, term,
 *                                           commitments, responsibilities),
 *                                           two columns, each changed line
 *                                           marked in words and by style
 *   GET /agreements/{id}/export.csv         every version with its
 *                                           commitments, responsibilities
 *                                           and signatures, one record each
 * Lines are compared with core/linediff.h; commitments and
 * responsibilities are compared as one line each. */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/linediff.h"
#include "model/agreement.h"
#include "render/csvout.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

static const char *commitment_line(struct req *r, const struct agreement *ag,
                                   const struct agreement_commitment *c)
{
    const char *party = c->party >= 0 && c->party < ag->n_parties ? ag->parties[c->party].name
                                                                   : "";
    if (c->amount >= 0)
        return arena_printf(r->arena, "%s: %s %lld – %s", party,
                            web_agreement_status_label(r, c->kind), (long long)c->amount,
                            c->text ? c->text : "");
    return arena_printf(r->arena, "%s: %s – %s", party, web_agreement_status_label(r, c->kind),
                        c->text ? c->text : "");
}

/* The commitments (duties false) or responsibilities of t, one a line. */
static const char *lines_of(struct req *r, const struct agreement *ag,
                            const struct agreement_text *t, bool duties)
{
    struct buf b;
    buf_init(&b);
    int n = duties ? t->n_duties : t->n_commitments;
    for (int i = 0; i < n; i++) {
        if (i)
            buf_putc(&b, '\n');
        if (duties)
            buf_printf(&b, "%s: %s", ag->parties[t->duties[i].party].name, t->duties[i].subject);
        else
            buf_puts(&b, commitment_line(r, ag, &t->commitments[i]));
    }
    const char *s = arena_strdup(r->arena, b.len ? b.data : "");
    buf_free(&b);
    return s;
}

static const char *op_label(struct req *r, enum linediff_op op)
{
    switch (op) {
    case LINEDIFF_REMOVED:
        return T(r, "removed");
    case LINEDIFF_ADDED:
        return T(r, "added");
    case LINEDIFF_CHANGED:
        return T(r, "changed");
    default:
        return T(r, "unchanged");
    }
}

static void part(struct req *r, const char *heading, const char *left, const char *right, int from,
                 int to)
{
    struct buf *b = &r->resp.body;
    struct linediff_row *rows;
    size_t n;
    linediff(r->arena, left, right, &rows, &n);
    bool changed = linediff_changed(rows, n);
    html_fmt(b, "<table class=\"diff\">\n<caption>%s – %s</caption>\n<thead><tr>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s %d</th><th scope=\"col\">%s %d</th>"
                "</tr></thead>\n<tbody>\n",
             heading, changed ? T(r, "changed") : T(r, "unchanged"), T(r, "Change"),
             T(r, "Version"), from, T(r, "Version"), to);
    for (size_t i = 0; i < n; i++) {
        const char *cls = rows[i].op == LINEDIFF_SAME ? "same" : "changed";
        html_fmt(b, "<tr class=\"%s\"><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>\n", cls,
                 op_label(r, rows[i].op), rows[i].left ? rows[i].left : "",
                 rows[i].right ? rows[i].right : "");
    }
    html_raw_trusted(b, "</tbody>\n</table>\n");
}

enum err web_agreement_compare(struct req *r)
{
    struct agreement ag;
    struct agreement_version a, c;
    int64_t id = req_in_int(r, "id", 0);
    enum err e = agreement_get(r->db, r->arena, id, &ag, &r->fault);
    if (e != ERR_OK)
        return e;
    int to = (int)req_in_int(r, "to", ag.version);
    int from = (int)req_in_int(r, "from", to > 1 ? to - 1 : 1);
    e = agreement_version_get(r->db, r->arena, id, from, &a, &r->fault);
    if (e == ERR_OK)
        e = agreement_version_get(r->db, r->arena, id, to, &c, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    struct crumb crumbs[] = {{T(r, "Cooperation agreements"), "/agreements"},
                             {ag.current.text.title, arena_printf(r->arena, "/agreements/%lld",
                                                                  (long long)id)},
                             {T(r, "Compare versions"), NULL}};
    layout_begin_crumbs(r, T(r, "Compare versions"), crumbs, 3);
    html_fmt(b, "<h1>%s</h1>\n<p>", T(r, "Compare versions"));
    html_fill(b, T(r, "Version %s beside version %s; changed lines are marked."),
              arena_printf(r->arena, "%d", from), arena_printf(r->arena, "%d", to), NULL);
    html_raw_trusted(b, "</p>\n");
    part(r, T(r, "Title"), a.text.title, c.text.title, from, to);
    part(r, T(r, "Purpose"), a.text.purpose, c.text.purpose, from, to);
    part(r, T(r, "Term"), arena_printf(r->arena, "%s – %s", a.text.term_from, a.text.term_to),
         arena_printf(r->arena, "%s – %s", c.text.term_from, c.text.term_to), from, to);
    part(r, T(r, "Commitments"), lines_of(r, &ag, &a.text, false), lines_of(r, &ag, &c.text, false),
         from, to);
    part(r, T(r, "Who is responsible for what"), lines_of(r, &ag, &a.text, true),
         lines_of(r, &ag, &c.text, true), from, to);
    layout_end(r);
    return ERR_OK;
}

enum { COLS = 11 };

static void csv_version(struct req *r, const struct agreement *ag,
                        const struct agreement_version *v)
{
    struct buf *b = &r->resp.body;
    char ver[24], at[21], amount[24];
    const char *vs = csvout_int(ver, v->version);
    clock_iso8601(v->created_at, at);
    const char *head[COLS] = {"version", vs, "", "", "", v->text.title, v->text.term_from,
                              v->text.term_to, v->created_by_name, v->created_capacity, at};
    csvout_row(b, head, COLS);
    const char *purpose[COLS] = {"purpose", vs, "", "", "", v->text.purpose};
    csvout_row(b, purpose, COLS);
    for (int i = 0; i < v->text.n_commitments; i++) {
        const struct agreement_commitment *c = &v->text.commitments[i];
        const char *row[COLS] = {"commitment", vs, ag->parties[c->party].name, c->kind,
                                 c->amount >= 0 ? csvout_int(amount, c->amount) : "", c->text};
        csvout_row(b, row, COLS);
    }
    for (int i = 0; i < v->text.n_duties; i++) {
        const char *row[COLS] = {"responsibility", vs, ag->parties[v->text.duties[i].party].name,
                                 "", "", v->text.duties[i].subject};
        csvout_row(b, row, COLS);
    }
}

enum err web_agreement_csv(struct req *r)
{
    static const char *const header[COLS] = {"record", "version", "party", "kind",
                                             "amount", "text", "term_from", "term_to",
                                             "person", "capacity", "at"};
    struct agreement ag;
    struct agreement_signature *sigs = NULL;
    int ns = 0;
    int64_t id = req_in_int(r, "id", 0);
    enum err e = agreement_get(r->db, r->arena, id, &ag, &r->fault);
    if (e == ERR_OK)
        e = agreement_signatures(r->db, r->arena, id, &sigs, &ns, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    buf_reset(b);
    csvout_row(b, header, COLS);
    const char *today = agreement_today(r->arena, r->actor.now);
    const char *top[COLS] = {"agreement", arena_printf(r->arena, "%d", ag.version), "",
                             agreement_state(&ag, today), "", ag.end_reason};
    csvout_row(b, top, COLS);
    for (int v = 1; e == ERR_OK && v <= ag.version; v++) {
        struct agreement_version ver;
        e = agreement_version_get(r->db, r->arena, id, v, &ver, &r->fault);
        if (e == ERR_OK)
            csv_version(r, &ag, &ver);
    }
    for (int i = 0; e == ERR_OK && i < ns; i++) {
        char ver[24], at[21];
        clock_iso8601(sigs[i].signed_at, at);
        const char *row[COLS] = {"signature", csvout_int(ver, sigs[i].version),
                                 ag.parties[sigs[i].party].name, "", "", "", "", "",
                                 sigs[i].person_name, sigs[i].capacity, at};
        csvout_row(b, row, COLS);
    }
    if (e != ERR_OK)
        return e;
    r->resp.content_type = "text/csv; charset=utf-8";
    req_header(r, "Content-Disposition",
               arena_printf(r->arena, "attachment; filename=\"agreement-%" PRId64 ".csv\"", id));
    return ERR_OK;
}
