/* Facilitation offers on an initiative's page (DESIGN.md §2, invariant 3):
 *   GET  /initiatives/{id}/offers   the accepted offers with who offered
 *                                   them and in which capacity, the open
 *                                   ones (accept/decline for the
 *                                   initiators, withdraw for their makers),
 *                                   the earlier ones, the form for
 *                                   professionals and organisation admins,
 *                                   and the external decisions
 *                                   (web/external.c)
 *   POST /initiatives/{id}/offers   make one
 *   POST /offers/{id}/accept|decline|withdraw
 * Every POST answers 303 back to the page; a refused form is shown again
 * by the dispatcher with the message next to its field, and a refused
 * answer (a professional accepting) gets the error page with the policy's
 * explanation. Who may is the model's word (model/offer.h). */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/offer.h"
#include "model/organisation.h"
#include "render/byline.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"
#include "web/offer_words.h"

static enum err see_other(struct req *r, int64_t initiative_id, const char *done)
{
    const char *href =
        arena_printf(r->arena, "/initiatives/%" PRId64 "/offers?done=%s", initiative_id, done);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Offers and decisions"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

/* The note that says what the last POST did (?done=...). */
static void done_note(struct req *r)
{
    const char *done = req_in(r, "done");
    if (!done || r->fault.code != ERR_OK)
        return;
    const char *text = strcmp(done, "made") == 0        ? T(r, "Your offer has been sent to the "
                                                                      "initiators.")
                       : strcmp(done, "accepted") == 0  ? T(r, "The offer has been accepted.")
                       : strcmp(done, "declined") == 0  ? T(r, "The offer has been declined.")
                       : strcmp(done, "withdrawn") == 0 ? T(r, "The offer has been withdrawn.")
                       : strcmp(done, "recorded") == 0  ? T(r, "The decision has been recorded.")
                                                        : NULL;
    if (text)
        html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n", text);
}

static void button(struct req *r, const struct offer_row *o, const char *verb, const char *label)
{
    form_button(r, arena_printf(r->arena, "/offers/%" PRId64 "/%s", o->offer.id, verb), label,
                "inline");
}

/* One offer: what, the details, who offered it, and the buttons the
 * viewer may use. */
static void offer_item(struct req *r, const struct offer_row *o, bool initiator)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<li class=\"offer\">\n<p><strong>%s</strong> (%s)</p>\n",
             offer_kind_label(r, o->offer.kind), offer_status_label(r, o->offer.status));
    html_fmt(b, "<p>%s</p>\n", o->offer.text);
    if (o->offer.hours > 0)
        html_fmt(b, "<p>%s: %d</p>\n", T(r, "Hours offered"), o->offer.hours);
    if (o->connect_name) {
        html_fmt(b, "<p>%s: <a href=\"/organisations/%" PRId64 "\">", T(r, "Connection to"),
                 o->offer.connect_organisation_id);
        html_text(b, o->connect_name);
        html_raw_trusted(b, "</a></p>\n");
    }
    html_fmt(b, "<p class=\"byline\">%s ", T(r, "Offered by"));
    byline_write(r, o->offer.person_id, o->offer.capacity);
    html_raw_trusted(b, "</p>\n");
    if (strcmp(o->offer.status, "offered") == 0) {
        if (initiator) {
            button(r, o, "accept", T(r, "Accept this offer"));
            button(r, o, "decline", T(r, "Decline this offer"));
        }
        if (r->session && o->offer.person_id == r->actor.person_id)
            button(r, o, "withdraw", T(r, "Withdraw this offer"));
    }
    html_raw_trusted(b, "</li>\n");
}

/* Whether an offer in status belongs in the section for section_status
 * (the "declined" section holds the withdrawn ones too). */
static bool in_section(const char *status, const char *section_status)
{
    return strcmp(status, section_status) == 0 ||
           (strcmp(section_status, "declined") == 0 && strcmp(status, "withdrawn") == 0);
}

/* A section listing the offers in one status; without a none text it
 * stays away when there are none. */
static void section(struct req *r, const char *id, const char *heading, const char *none,
                    const struct offer_row *items, int n, const char *status, bool initiator)
{
    struct buf *b = &r->resp.body;
    int shown = 0;
    for (int i = 0; i < n; i++)
        shown += in_section(items[i].offer.status, status);
    if (shown == 0 && !none)
        return;
    html_fmt(b, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">%s</h2>\n", id, id, heading);
    if (shown == 0)
        html_fmt(b, "<p>%s</p>\n", none);
    else
        html_raw_trusted(b, "<ul class=\"offers\">\n");
    for (int i = 0; i < n; i++)
        if (in_section(items[i].offer.status, status))
            offer_item(r, &items[i], initiator);
    if (shown > 0)
        html_raw_trusted(b, "</ul>\n");
    html_raw_trusted(b, "</section>\n");
}

static void kind_select(struct req *r)
{
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, "kind");
    form_field_begin(r, "offer-", "kind", T(r, "What you offer"));
    html_raw_trusted(b, "<select id=\"offer-kind\" name=\"kind\"");
    form_field_attrs(r, "offer-", "kind");
    html_raw_trusted(b, ">\n");
    for (const char *const *k = offer_kinds(); *k; k++)
        html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", *k,
                 kept && !strcmp(kept, *k) ? " selected" : "", offer_kind_label(r, *k));
    html_raw_trusted(b, "</select>\n</div>\n");
}

static void text_area(struct req *r)
{
    struct buf *b = &r->resp.body;
    form_field_begin(r, "offer-", "text", T(r, "Your offer in words"));
    html_fmt(b, "<textarea id=\"offer-text\" name=\"text\" rows=\"4\" maxlength=\"%d\" required",
             OFFER_TEXT_MAX);
    form_field_attrs(r, "offer-", "text");
    html_raw_trusted(b, ">");
    html_text(b, form_value(r, "text"));
    html_raw_trusted(b, "</textarea>\n</div>\n");
}

static void hours_input(struct req *r)
{
    struct buf *b = &r->resp.body;
    form_field_begin(r, "offer-", "hours", T(r, "Hours (only for an offer of hours)"));
    html_fmt(b, "<input id=\"offer-hours\" name=\"hours\" type=\"number\" min=\"1\" max=\"%d\"",
             OFFER_HOURS_MAX);
    form_field_attrs(r, "offer-", "hours");
    const char *kept = form_value(r, "hours");
    if (kept) {
        html_raw_trusted(b, " value=\"");
        html_attr(b, kept);
        html_raw_trusted(b, "\"");
    }
    html_raw_trusted(b, ">\n</div>\n");
}

static void organisation_select(struct req *r, const struct organisation *orgs, int n)
{
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, "organisation");
    form_field_begin(r, "offer-", "organisation",
                     T(r, "Organisation to connect to (only for a connection)"));
    html_raw_trusted(b, "<select id=\"offer-organisation\" name=\"organisation\"");
    form_field_attrs(r, "offer-", "organisation");
    html_fmt(b, ">\n<option value=\"\">%s</option>\n", T(r, "None"));
    for (int i = 0; i < n; i++) {
        const char *v = arena_printf(r->arena, "%" PRId64, orgs[i].id);
        html_fmt(b, "<option value=\"%s\"%s>", v, kept && !strcmp(kept, v) ? " selected" : "");
        html_text(b, orgs[i].name);
        html_raw_trusted(b, "</option>\n");
    }
    html_raw_trusted(b, "</select>\n</div>\n");
}

/* The form for those who may make an offer; nothing for others. */
static enum err offer_form(struct req *r, int64_t initiative_id)
{
    struct fault no = {0};
    if (!r->session || offer_authorise_make(r->db, initiative_id, &r->actor, &no) != ERR_OK)
        return ERR_OK;
    struct organisation *orgs = NULL;
    int n = 0;
    enum err e = organisation_list(r->db, r->arena, ORGANISATION_LIST_MAX, &orgs, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<section aria-labelledby=\"offer-form\">\n<h2 id=\"offer-form\">%s</h2>\n"
             "<p>%s</p>\n",
             T(r, "Make an offer"),
             T(r, "You facilitate: the initiators decide whether to accept your offer."));
    form_begin(r, arena_printf(r->arena, "/initiatives/%" PRId64 "/offers", initiative_id));
    kind_select(r);
    text_area(r);
    hours_input(r);
    organisation_select(r, orgs, n);
    form_end(r, T(r, "Send the offer"));
    html_raw_trusted(b, "</section>\n");
    return ERR_OK;
}

/* The first TITLE_CHARS characters of title, with "…" when cut: the
 * window title stays short enough to read (and to pass html-validate's
 * long-title rule) however long the initiative's title is. */
enum { TITLE_CHARS = 30 };

static const char *short_title(struct req *r, const char *title)
{
    size_t chars = 0, i = 0;
    for (; title[i]; i++)
        if (((unsigned char)title[i] & 0xC0) != 0x80 && chars++ == TITLE_CHARS)
            return arena_printf(r->arena, "%.*s…", (int)i, title);
    return title;
}

/* Whether the viewer may answer offers: an initiator acting as resident. */
static bool may_answer(struct req *r, int64_t initiative_id)
{
    enum relation rel = REL_OTHER;
    struct fault no = {0};
    return r->session &&
           initiative_relation(r->db, initiative_id, &r->actor, &rel, &no) == ERR_OK &&
           capacity_check(r->db, &r->actor, ACT_OFFER_ACCEPT, rel, &no) == ERR_OK;
}

enum err web_offers_page(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct initiative ini;
    struct offer_row *items = NULL;
    int n = 0;
    enum err e = initiative_get(r->db, r->arena, id, &ini, &r->fault);
    if (e == ERR_OK)
        e = offer_list(r->db, r->arena, id, NULL, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    /* A refused post comes back here with r->fault set: keep it. */
    struct buf *b = &r->resp.body;
    const char *href = arena_printf(r->arena, "/initiatives/%" PRId64, id);
    const char *title = T(r, "Offers and decisions");
    struct crumb crumbs[] = {{ini.title, href}, {title, NULL}};
    layout_begin_crumbs(r, arena_printf(r->arena, "%s: %s", title, short_title(r, ini.title)),
                        crumbs, 2);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Offers and decisions for %s"), ini.title, NULL);
    html_fmt(b, "</h1>\n<p>%s</p>\n",
             T(r, "Professionals and organisations facilitate: they offer coaching, a connection, "
                  "hours or a room, and the initiators accept or decline."));
    done_note(r);
    /* A refusal without a field (a resident offering help, a decision
     * recorded by someone else) comes back here too: say why at the top,
     * since the form it came from is not shown to them. */
    if (r->fault.code != ERR_OK && !r->fault.field)
        html_fmt(b,
                 "<div class=\"form-errors\" role=\"alert\"><p><strong>%s</strong> %s</p>"
                 "</div>\n",
                 T(r, "This did not work:"), errmsg_text(r));
    bool initiator = may_answer(r, id);
    section(r, "accepted", T(r, "Accepted offers"), T(r, "No offer has been accepted yet."), items,
            n, "accepted", initiator);
    section(r, "open", T(r, "Open offers"), T(r, "There are no open offers."), items, n, "offered",
            initiator);
    section(r, "earlier", T(r, "Declined and withdrawn offers"), NULL, items, n, "declined",
            initiator);
    e = offer_form(r, id);
    if (e == ERR_OK)
        e = web_external_section(r, id);
    if (e != ERR_OK)
        return e;
    layout_end(r);
    return ERR_OK;
}

enum err web_offer_make(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct offer_input in = {
        .kind = req_in(r, "kind"),
        .text = req_in(r, "text"),
        .hours = (int)req_in_int(r, "hours", 0),
        .connect_organisation_id = req_in_int(r, "organisation", 0),
    };
    enum err e = offer_make(r->db, r->arena, id, &in, &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "made");
}

/* Runs one answer on offer id and goes back to its initiative's page. */
static enum err settle(struct req *r,
                       enum err (*fn)(struct db *, int64_t, const struct actor *, struct fault *),
                       const char *done)
{
    int64_t id = req_in_int(r, "id", 0);
    struct offer o;
    enum err e = fn(r->db, id, &r->actor, &r->fault);
    if (e == ERR_OK)
        e = offer_get(r->db, r->arena, id, &o, &r->fault);
    return e != ERR_OK ? e : see_other(r, o.initiative_id, done);
}

enum err web_offer_accept(struct req *r)
{
    return settle(r, offer_accept, "accepted");
}

enum err web_offer_decline(struct req *r)
{
    return settle(r, offer_decline, "declined");
}

enum err web_offer_withdraw(struct req *r)
{
    return settle(r, offer_withdraw, "withdrawn");
}
