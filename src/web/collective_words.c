/* Collectives in words and the small form parts their pages share (see
 * collective_words.h). */
#include "web/collective_words.h"

#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/collective.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

/* The names of collective_kinds(), in its order. */
static const char *const kind_names[] = {N_("Trust"), N_("Community"), N_("Cooperative"),
                                         N_("Bewonersbedrijf (residents' company)"),
                                         N_("Informal group")};
/* The names of collective_voting_rules(), in its order. */
static const char *const rule_names[] = {N_("Majority of votes"), N_("Two thirds of votes"),
                                         N_("Consensus")};
/* The names of collective_board_roles(), in its order. */
static const char *const board_names[] = {N_("Chair"), N_("Secretary"), N_("Treasurer")};

static const char *label(struct req *r, const char *const *values, const char *const *names,
                         size_t n, const char *value)
{
    for (size_t i = 0; value && values[i] && i < n; i++)
        if (strcmp(values[i], value) == 0)
            return T(r, names[i]);
    return value ? value : "";
}

const char *collective_kind_label(struct req *r, const char *kind)
{
    return label(r, collective_kinds(), kind_names, sizeof kind_names / sizeof *kind_names, kind);
}

const char *collective_rule_label(struct req *r, const char *rule)
{
    return label(r, collective_voting_rules(), rule_names, sizeof rule_names / sizeof *rule_names,
                 rule);
}

const char *collective_board_label(struct req *r, const char *role)
{
    return label(r, collective_board_roles(), board_names, sizeof board_names / sizeof *board_names,
                 role);
}

const char *collective_status_label(struct req *r, const char *status)
{
    return status && strcmp(status, "active") == 0 ? T(r, "Active") : T(r, "Being founded");
}

const char *collective_day(struct req *r, int64_t t)
{
    char day[11];
    clock_date(t, day);
    return arena_strdup(r->arena, day);
}

static bool failed_on(const struct req *r, const char *name)
{
    return r->fault.code != ERR_OK && r->fault.field && strcmp(r->fault.field, name) == 0;
}

void collective_select_begin(struct req *r, const char *name, const char *text)
{
    struct buf *b = &r->resp.body;
    bool error = failed_on(r, name);
    html_fmt(b, "<div class=\"field\">\n<label for=\"%s\">%s</label>\n", name, text);
    if (error)
        html_fmt(b, "<p class=\"field-error\" id=\"%s-error\">%s</p>\n", name, errmsg_text(r));
    html_fmt(b, "<select id=\"%s\" name=\"%s\"", name, name);
    if (error)
        html_fmt(b, " aria-describedby=\"%s-error\" aria-invalid=\"true\"", name);
    html_raw_trusted(b, ">\n");
}

void collective_option(struct req *r, const char *value, const char *text, const char *kept)
{
    struct buf *b = &r->resp.body;
    html_raw_trusted(b, "<option value=\"");
    html_attr(b, value);
    html_raw_trusted(b, kept && strcmp(kept, value) == 0 ? "\" selected>" : "\">");
    html_text(b, text);
    html_raw_trusted(b, "</option>\n");
}

void collective_select_end(struct req *r)
{
    html_raw_trusted(&r->resp.body, "</select>\n</div>\n");
}

void collective_form_begin(struct req *r, const char *action)
{
    struct fault kept = r->fault;
    r->fault = (struct fault){0};
    form_begin(r, action);
    r->fault = kept;
}

void collective_fault_note(struct req *r)
{
    if (r->fault.code != ERR_OK)
        html_fmt(&r->resp.body,
                 "<div class=\"form-errors\" role=\"alert\"><p><strong>%s</strong> %s</p></div>\n",
                 T(r, "This did not work:"), errmsg_text(r));
}

enum err collective_see_other(struct req *r, const char *href)
{
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Collectives"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}
