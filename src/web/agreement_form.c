/* The forms that write an agreement's text (DESIGN.md §3):
 *   GET  /agreements/new           the form to draft one
 *   POST /agreements/new           draft it (version 1)
 *   GET  /agreements/{id}/revise   the current text to change
 *   POST /agreements/{id}/revise   write it as a new version
 * Commitments and responsibilities are numbered rows (c1_kind, r1_subject,
 * ... up to ROWS, as many as a version holds; the form shows the text's rows
 * and two empty ones); an empty row is left out. In the draft form a row names
 * its party by its place in the form (0 the collective, 1 and 2 the
 * organisations, 3 the gemeente); in the revise form by the party's index.
 * A refused post shows the form again with what was typed. */
#include "web/web.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "model/agreement.h"
#include "model/collective.h"
#include "model/organisation.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

/* ROWS rows are read (as many as a version may hold); a form shows the
 * rows of the text plus two empty ones, at least MIN_ROWS. */
enum { ROWS = AGREEMENT_ITEMS_MAX, MIN_ROWS = 6, SLOTS = 4 };

/* How many rows of each list the form shows for text t (NULL: none). */
static int rows_shown(const struct agreement_text *t)
{
    int n = t ? (t->n_commitments > t->n_duties ? t->n_commitments : t->n_duties) + 2 : 0;
    return n < MIN_ROWS ? MIN_ROWS : n > ROWS ? ROWS : n;
}

/* The posted value of name, or dflt when nothing was posted. */
static const char *val(struct req *r, const char *name, const char *dflt)
{
    return r->form.n > 0 ? form_value(r, name) : dflt;
}

static void input(struct req *r, const char *name, const char *label, const char *type,
                  const char *value, bool required)
{
    struct buf *b = &r->resp.body;
    form_field_begin(r, "agr-", name, label);
    html_fmt(b, "<input id=\"agr-%s\" name=\"%s\" type=\"%s\"%s", name, name, type,
             required ? " required" : "");
    form_field_attrs(r, "agr-", name);
    if (value) {
        html_raw_trusted(b, " value=\"");
        html_attr(b, value);
        html_raw_trusted(b, "\"");
    }
    html_raw_trusted(b, ">\n</div>\n");
}

static void textarea(struct req *r, const char *name, const char *label, const char *value)
{
    struct buf *b = &r->resp.body;
    form_field_begin(r, "agr-", name, label);
    html_fmt(b, "<textarea id=\"agr-%s\" name=\"%s\" rows=\"3\"", name, name);
    form_field_attrs(r, "agr-", name);
    html_raw_trusted(b, ">");
    html_text(b, value);
    html_raw_trusted(b, "</textarea>\n</div>\n");
}

/* A select of n options (values[i], labels[i]), with an empty first one
 * labelled none when none is not NULL. */
static void choice(struct req *r, const char *name, const char *label, const char *const *values,
                   const char *const *labels, int n, const char *none, const char *chosen)
{
    struct buf *b = &r->resp.body;
    form_field_begin(r, "agr-", name, label);
    html_fmt(b, "<select id=\"agr-%s\" name=\"%s\"", name, name);
    form_field_attrs(r, "agr-", name);
    html_raw_trusted(b, ">\n");
    if (none)
        html_fmt(b, "<option value=\"\">%s</option>\n", none);
    for (int i = 0; i < n; i++)
        html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", values[i],
                 chosen && strcmp(chosen, values[i]) == 0 ? " selected" : "", labels[i]);
    html_raw_trusted(b, "</select>\n</div>\n");
}

static void text_fields(struct req *r, const struct agreement_text *t)
{
    input(r, "title", T(r, "Title"), "text", val(r, "title", t ? t->title : NULL), true);
    textarea(r, "purpose", T(r, "Purpose"), val(r, "purpose", t ? t->purpose : NULL));
    input(r, "term_from", T(r, "Valid from"), "date", val(r, "term_from", t ? t->term_from : NULL),
          true);
    input(r, "term_to", T(r, "Valid until"), "date", val(r, "term_to", t ? t->term_to : NULL),
          true);
}

/* The rows of commitments and responsibilities; parties as options. */
static void rows(struct req *r, const struct agreement_text *t, const char *const *pv,
                 const char *const *pl, int np)
{
    struct buf *b = &r->resp.body;
    const char *const *kinds = agreement_commitment_kinds();
    const char *kl[4];
    for (int k = 0; k < 4; k++)
        kl[k] = web_agreement_status_label(r, kinds[k]);
    html_fmt(b, "<fieldset>\n<legend>%s</legend>\n", T(r, "Commitments"));
    if (form_has_error(r, "commitments"))
        html_fmt(b, "<p class=\"error\">%s</p>\n", T(r, r->fault.msgid));
    int shown = rows_shown(t);
    for (int i = 0; i < shown; i++) {
        const struct agreement_commitment *c =
            t && i < t->n_commitments ? &t->commitments[i] : NULL;
        const char *n = arena_printf(r->arena, "c%d_", i + 1);
        html_fmt(b, "<fieldset>\n<legend>%s %d</legend>\n", T(r, "Commitment"), i + 1);
        choice(r, arena_printf(r->arena, "%sparty", n), T(r, "Party"), pv, pl, np, NULL,
               val(r, arena_printf(r->arena, "%sparty", n),
                   c ? arena_printf(r->arena, "%d", c->party) : NULL));
        choice(r, arena_printf(r->arena, "%skind", n), T(r, "Kind"), kinds, kl, 4, "—",
               val(r, arena_printf(r->arena, "%skind", n), c ? c->kind : NULL));
        input(r, arena_printf(r->arena, "%samount", n), T(r, "Amount (hours or euros)"), "number",
              val(r, arena_printf(r->arena, "%samount", n),
                  c && c->amount >= 0 ? arena_printf(r->arena, "%lld", (long long)c->amount)
                                      : NULL),
              false);
        input(r, arena_printf(r->arena, "%stext", n), T(r, "Description"), "text",
              val(r, arena_printf(r->arena, "%stext", n), c ? c->text : NULL), false);
        html_raw_trusted(b, "</fieldset>\n");
    }
    html_fmt(b, "</fieldset>\n<fieldset>\n<legend>%s</legend>\n", T(r, "Who is responsible for what"));
    if (form_has_error(r, "responsibilities"))
        html_fmt(b, "<p class=\"error\">%s</p>\n", T(r, r->fault.msgid));
    for (int i = 0; i < shown; i++) {
        const struct agreement_duty *d = t && i < t->n_duties ? &t->duties[i] : NULL;
        const char *n = arena_printf(r->arena, "r%d_", i + 1);
        html_fmt(b, "<fieldset>\n<legend>%s %d</legend>\n", T(r, "Responsibility"), i + 1);
        choice(r, arena_printf(r->arena, "%sparty", n), T(r, "Responsible party"), pv, pl, np,
               NULL,
               val(r, arena_printf(r->arena, "%sparty", n),
                   d ? arena_printf(r->arena, "%d", d->party) : NULL));
        input(r, arena_printf(r->arena, "%ssubject", n), T(r, "Responsible for"), "text",
              val(r, arena_printf(r->arena, "%ssubject", n), d ? d->subject : NULL), false);
        html_raw_trusted(b, "</fieldset>\n");
    }
    html_raw_trusted(b, "</fieldset>\n");
}

/* The rows posted, with their parties mapped through map (NULL: as given;
 * else map[slot] is the index, -1 for a slot left empty). */
static void read_rows(struct req *r, const int *map, struct agreement_text *t)
{
    struct agreement_commitment *c = arena_array(r->arena, ROWS, sizeof *c);
    struct agreement_duty *d = arena_array(r->arena, ROWS, sizeof *d);
    t->n_commitments = t->n_duties = 0;
    for (int i = 1; i <= ROWS; i++) {
        const char *kind = req_in(r, arena_printf(r->arena, "c%d_kind", i));
        const char *text = req_in(r, arena_printf(r->arena, "c%d_text", i));
        const char *amount = req_in(r, arena_printf(r->arena, "c%d_amount", i));
        int party = (int)req_in_int(r, arena_printf(r->arena, "c%d_party", i), -1);
        if (map && party >= 0 && party < SLOTS)
            party = map[party];
        if (kind || text || amount)
            c[t->n_commitments++] = (struct agreement_commitment){
                .party = party, .kind = kind, .amount = amount ? atoll(amount) : -1, .text = text};
        const char *subject = req_in(r, arena_printf(r->arena, "r%d_subject", i));
        party = (int)req_in_int(r, arena_printf(r->arena, "r%d_party", i), -1);
        if (map && party >= 0 && party < SLOTS)
            party = map[party];
        if (subject)
            d[t->n_duties++] = (struct agreement_duty){.party = party, .subject = subject};
    }
    t->commitments = c;
    t->duties = d;
}

static void read_text(struct req *r, const int *map, struct agreement_text *t)
{
    *t = (struct agreement_text){.title = req_in(r, "title"),
                                 .purpose = req_in(r, "purpose"),
                                 .term_from = req_in(r, "term_from"),
                                 .term_to = req_in(r, "term_to")};
    read_rows(r, map, t);
}

static void party_selects(struct req *r)
{
    struct collective *cs = NULL;
    struct organisation *os = NULL;
    int nc = 0, no = 0, k = 0;
    collective_list(r->db, r->arena, NULL, &cs, &nc, &r->fault);
    organisation_list(r->db, r->arena, ORGANISATION_LIST_MAX, &os, &no, &r->fault);
    const char **cv = arena_array(r->arena, (size_t)nc + 1, sizeof *cv);
    const char **cl = arena_array(r->arena, (size_t)nc + 1, sizeof *cl);
    for (int i = 0; i < nc; i++)
        if (strcmp(cs[i].status, "active") == 0) {
            cv[k] = arena_printf(r->arena, "%" PRId64, cs[i].id);
            cl[k++] = cs[i].name;
        }
    choice(r, "collective", T(r, "Resident collective (required)"), cv, cl, k, "—",
           form_value(r, "collective"));
    const char **ov = arena_array(r->arena, (size_t)no + 1, sizeof *ov);
    const char **ol = arena_array(r->arena, (size_t)no + 1, sizeof *ol);
    for (int i = 0; i < no; i++) {
        ov[i] = arena_printf(r->arena, "%" PRId64, os[i].id);
        ol[i] = os[i].name;
    }
    choice(r, "organisation1", T(r, "Organisation 1"), ov, ol, no, "—",
           form_value(r, "organisation1"));
    choice(r, "organisation2", T(r, "Organisation 2"), ov, ol, no, "—",
           form_value(r, "organisation2"));
    input(r, "gemeente", T(r, "Gemeente (its CBS code, e.g. GM0363), if it is a party"), "text",
          form_value(r, "gemeente"), false);
    input(r, "initiatives", T(r, "Initiatives concerned (their numbers, separated by commas)"),
          "text", form_value(r, "initiatives"), false);
}

enum err web_agreement_new(struct req *r)
{
    struct buf *b = &r->resp.body;
    static const char *const slot_values[] = {"0", "1", "2", "3"};
    const char *slot_labels[] = {T(r, "The collective"), T(r, "Organisation 1"),
                                 T(r, "Organisation 2"), T(r, "The gemeente")};
    struct fault kept = r->fault;
    struct crumb crumbs[] = {{T(r, "Cooperation agreements"), "/agreements"},
                             {T(r, "Draft an agreement"), NULL}};
    layout_begin_crumbs(r, T(r, "Draft an agreement"), crumbs, 2);
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "Draft an agreement"),
             T(r, "An agreement is made with at least one resident collective. Its board, the "
                  "organisations' admins and the gemeente's admins each sign for their party."));
    r->fault = kept;
    form_begin(r, "/agreements/new");
    html_fmt(b, "<fieldset>\n<legend>%s</legend>\n", T(r, "Parties"));
    party_selects(r);
    r->fault = kept;
    html_raw_trusted(b, "</fieldset>\n");
    text_fields(r, NULL);
    rows(r, NULL, slot_values, slot_labels, SLOTS);
    form_end(r, T(r, "Draft the agreement"));
    layout_end(r);
    return ERR_OK;
}

/* The parties of the draft form into parties[], map[slot] their index. */
static int read_parties(struct req *r, struct agreement_party *parties, int map[SLOTS])
{
    int n = 0;
    static const char *const names[] = {"collective", "organisation1", "organisation2"};
    for (int s = 0; s < SLOTS; s++)
        map[s] = -1;
    for (int s = 0; s < 3; s++) {
        int64_t id = req_in_int(r, names[s], 0);
        if (id <= 0)
            continue;
        parties[n] = s == 0 ? (struct agreement_party){.kind = "collective", .collective_id = id}
                            : (struct agreement_party){.kind = "organisation", .organisation_id = id};
        map[s] = n++;
    }
    if (req_in(r, "gemeente")) {
        parties[n] = (struct agreement_party){.kind = "gemeente", .gemeente_code = req_in(r, "gemeente")};
        map[3] = n++;
    }
    return n;
}

static int read_initiatives(struct req *r, int64_t *ids)
{
    const char *s = req_in(r, "initiatives");
    int n = 0;
    while (s && *s && n < AGREEMENT_INITIATIVES_MAX + 1) {
        char *end;
        long long v = strtoll(s, &end, 10);
        if (end == s) {
            s++;
            continue;
        }
        ids[n++] = v;
        s = end;
    }
    return n;
}

enum err web_agreement_draft(struct req *r)
{
    struct agreement_party parties[SLOTS];
    int map[SLOTS];
    int64_t ids[AGREEMENT_INITIATIVES_MAX + 1];
    int np = read_parties(r, parties, map);
    int ni = read_initiatives(r, ids);
    struct agreement_text t;
    read_text(r, map, &t);
    int64_t id = 0;
    enum err e = agreement_draft(r->db, parties, np, ids, ni, &t, &r->actor, &id, &r->fault);
    if (e != ERR_OK)
        return e;
    const char *href = arena_printf(r->arena, "/agreements/%" PRId64 "?done=drafted", id);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Cooperation agreement"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

enum err web_agreement_edit(struct req *r)
{
    struct agreement ag;
    struct fault kept = r->fault;
    enum err e = agreement_get(r->db, r->arena, req_in_int(r, "id", 0), &ag, &r->fault);
    if (e != ERR_OK)
        return e;
    r->fault = kept;
    struct buf *b = &r->resp.body;
    const char **pv = arena_array(r->arena, (size_t)ag.n_parties, sizeof *pv);
    const char **pl = arena_array(r->arena, (size_t)ag.n_parties, sizeof *pl);
    for (int i = 0; i < ag.n_parties; i++) {
        pv[i] = arena_printf(r->arena, "%d", i);
        pl[i] = ag.parties[i].name;
    }
    const char *href = arena_printf(r->arena, "/agreements/%" PRId64, ag.id);
    struct crumb crumbs[] = {{T(r, "Cooperation agreements"), "/agreements"},
                             {ag.current.text.title, href},
                             {T(r, "Change the text"), NULL}};
    layout_begin_crumbs(r, T(r, "Change the text"), crumbs, 3);
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "Change the text"),
             T(r, "Your change becomes a new version. The signatures on the current version "
                  "then no longer count: every party signs the new version."));
    form_begin(r, arena_printf(r->arena, "/agreements/%" PRId64 "/revise", ag.id));
    form_hidden(r, "expected_version", arena_printf(r->arena, "%d", ag.version));
    text_fields(r, &ag.current.text);
    rows(r, &ag.current.text, pv, pl, ag.n_parties);
    form_end(r, T(r, "Save as a new version"));
    layout_end(r);
    return ERR_OK;
}

enum err web_agreement_revise(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct agreement_text t;
    read_text(r, NULL, &t);
    enum err e = agreement_revise(r->db, id, (int)req_in_int(r, "expected_version", 0), &t,
                                  &r->actor, NULL, &r->fault);
    if (e != ERR_OK)
        return e;
    const char *href = arena_printf(r->arena, "/agreements/%" PRId64 "?done=revised", id);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Cooperation agreement"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}
