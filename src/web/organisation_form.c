/* Registering an organisation and editing its profile, on pages:
 *   GET/POST /organisations/new         register one (platform admins, a
 *                                       municipality admin for their
 *                                       gemeente, a resident an informal
 *                                       group of their buurt)
 *   GET/POST /organisations/{id}/edit   its admin edits the profile
 * Both POSTs answer 303 to the organisation's page; a form the model
 * refuses is shown again by the dispatcher with the message next to its
 * field (the GET route of the same path). The areas served are typed as
 * CBS codes separated by spaces, commas or lines. Who may is the model's
 * word (model/organisation.h); these handlers only show and pass on. */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "model/capacity.h"
#include "model/organisation.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

/* The profile's text fields as the form has them. */
static const char *const profile_keys[] = {"name",       "description", "website",     "email",
                                           "phone",      "street",      "postal_code", "city",
                                           "legal_form", "kvk",         "areas"};
enum { PROFILE_KEYS = sizeof profile_keys / sizeof *profile_keys };

/* Label, hint and error of a field whose control the caller writes. */
static void field_begin(struct req *r, const char *name, const char *label, const char *hint)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<div class=\"field\">\n<label for=\"%s\">%s</label>\n", name, label);
    if (hint)
        html_fmt(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", name, hint);
    if (form_has_error(r, name))
        html_fmt(b, "<p class=\"field-error\" id=\"%s-error\">%s</p>\n", name, errmsg_text(r));
}

/* The attributes that tie a control to its hint and error. */
static void described_by(struct req *r, const char *name, bool hint)
{
    struct buf *b = &r->resp.body;
    bool error = form_has_error(r, name);
    if (hint || error)
        html_fmt(b, " aria-describedby=\"%s%s%s%s\"", hint ? name : "", hint ? "-hint" : "",
                 hint && error ? " " : "", error ? arena_printf(r->arena, "%s-error", name) : "");
    if (error)
        html_raw_trusted(b, " aria-invalid=\"true\"");
}

static void textarea(struct req *r, const char *name, const char *label, const char *hint,
                     int maxlength)
{
    struct buf *b = &r->resp.body;
    field_begin(r, name, label, hint);
    html_fmt(b, "<textarea id=\"%s\" name=\"%s\" rows=\"4\" maxlength=\"%d\"", name, name,
             maxlength);
    described_by(r, name, hint != NULL);
    html_raw_trusted(b, ">");
    html_text(b, form_value(r, name));
    html_raw_trusted(b, "</textarea>\n</div>\n");
}

/* A <select> of values with their labels, the kept value selected; an
 * empty first option labelled none when none is not NULL. */
static void select_field(struct req *r, const char *name, const char *label,
                         const char *const *values,
                         const char *(*label_of)(struct req *, const char *), const char *none)
{
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, name);
    field_begin(r, name, label, NULL);
    html_fmt(b, "<select id=\"%s\" name=\"%s\"", name, name);
    described_by(r, name, false);
    html_raw_trusted(b, ">\n");
    if (none)
        html_fmt(b, "<option value=\"\">%s</option>\n", none);
    for (size_t i = 0; values[i]; i++) {
        html_raw_trusted(b, "<option value=\"");
        html_attr(b, values[i]);
        html_raw_trusted(b, kept && strcmp(kept, values[i]) == 0 ? "\" selected>" : "\">");
        html_text(b, label_of(r, values[i]));
        html_raw_trusted(b, "</option>\n");
    }
    html_raw_trusted(b, "</select>\n</div>\n");
}

static void input(struct req *r, const char *name, const char *label, const char *type,
                  const char *autocomplete, const char *hint, int maxlength)
{
    form_input(r, &(struct form_input){.name = name,
                                       .label = label,
                                       .type = type,
                                       .autocomplete = autocomplete,
                                       .hint = hint,
                                       .maxlength = maxlength,
                                       .required = strcmp(name, "name") == 0});
}

/* The profile's inputs, shared by both forms; kind only when registering. */
static void profile_inputs(struct req *r, bool with_kind)
{
    input(r, "name", T(r, "Name"), "text", "organization", NULL, ORGANISATION_NAME_MAX);
    if (with_kind)
        select_field(r, "kind", T(r, "Kind"), organisation_kinds(), web_organisation_kind_label,
                     NULL);
    textarea(r, "description", T(r, "Description"),
             T(r, "What the organisation does and for whom; at most 2000 characters."),
             ORGANISATION_DESCRIPTION_MAX);
    textarea(r, "areas", T(r, "Areas served"),
             T(r, "CBS codes of the gemeente, wijken or buurten served, separated by spaces, "
                  "for example WK036301 BU03630102."),
             600);
    input(r, "street", T(r, "Street"), "text", "address-line1", NULL, 200);
    input(r, "postal_code", T(r, "Postcode"), "text", "postal-code", T(r, "For example 1234 AB."),
          7);
    input(r, "city", T(r, "Place"), "text", "address-level2", NULL, 100);
    input(r, "phone", T(r, "Phone"), "tel", "tel", NULL, 30);
    input(r, "email", T(r, "E-mail"), "email", "email", NULL, 254);
    input(r, "website", T(r, "Website"), "url", "url", T(r, "Starting with https://"), 500);
    select_field(r, "legal_form", T(r, "Legal form"), organisation_legal_forms(),
                 web_organisation_legal_form_label, T(r, "None (an informal group has none)"));
    input(r, "kvk", T(r, "KvK number"), "text", "off",
          T(r, "8 digits; leave it empty when there is none."), 8);
}

/* The codes typed in text, split on spaces, commas and line breaks. */
static void split_areas(struct req *r, const char *text, struct organisation *o)
{
    size_t max = text ? strlen(text) / 2 + 1 : 1;
    o->areas = arena_array(r->arena, max, sizeof *o->areas);
    o->n_areas = 0;
    for (const char *p = text; p && *p;) {
        p += strspn(p, " ,;\t\r\n");
        size_t len = strcspn(p, " ,;\t\r\n");
        if (len > 0)
            o->areas[o->n_areas++] = arena_strndup(r->arena, p, len);
        p += len;
    }
}

static void read_form(struct req *r, struct organisation *o)
{
    *o = (struct organisation){
        .name = req_in(r, "name"),
        .kind = req_in(r, "kind"),
        .description = req_in(r, "description"),
        .website = req_in(r, "website"),
        .email = req_in(r, "email"),
        .phone = req_in(r, "phone"),
        .street = req_in(r, "street"),
        .postal_code = req_in(r, "postal_code"),
        .city = req_in(r, "city"),
        .legal_form = req_in(r, "legal_form"),
        .kvk = req_in(r, "kvk"),
    };
    split_areas(r, req_in(r, "areas"), o);
}

static enum err see_other(struct req *r, int64_t id, const char *done)
{
    const char *href = arena_printf(r->arena, "/organisations/%" PRId64 "?done=%s", id, done);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Organisations"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

/* Whether act's capacity may register anything at all (in the relation
 * that allows most); else the policy's reason for organisation.create. The
 * page may be shown again after a failed post, so r->fault is only touched
 * on a refusal. */
static enum err may_open_form(struct req *r)
{
    struct fault general = {0}, informal = {0};
    enum err e = capacity_check(r->db, &r->actor, ACT_ORGANISATION_CREATE, REL_MEMBER, &general);
    if (e == ERR_FORBIDDEN)
        e = capacity_check(r->db, &r->actor, ACT_ORGANISATION_CREATE_INFORMAL_GROUP, REL_MEMBER,
                           &informal) == ERR_OK
                ? ERR_OK
                : ERR_FORBIDDEN;
    if (e != ERR_OK)
        r->fault = general.code != ERR_OK ? general : informal;
    return e;
}

enum err web_organisation_new_page(struct req *r)
{
    enum err e = may_open_form(r);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Register an organisation");
    struct crumb crumbs[] = {
        {T(r, "Start"), "/"}, {T(r, "Organisations"), "/organisations"}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 3);
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n<p>%s</p>\n", title,
             T(r, "Platform admins register any organisation; a municipality admin registers "
                  "organisations serving their gemeente."),
             T(r, "As a resident you register an informal group that serves your own buurt: "
                  "choose the kind informal group and give your buurt's code."));
    form_begin(r, "/organisations/new");
    profile_inputs(r, true);
    form_end(r, T(r, "Register"));
    layout_end(r);
    return ERR_OK;
}

enum err web_organisation_create(struct req *r)
{
    struct organisation in;
    int64_t id = 0;
    read_form(r, &in);
    enum err e = organisation_register(r->db, &in, &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "created");
}

/* The form's values from the organisation, when nothing was posted. */
static void prefill(struct req *r, const struct organisation *o)
{
    if (r->form.n > 0)
        return;
    struct buf areas = BUF_INIT;
    for (int i = 0; i < o->n_areas; i++)
        buf_printf(&areas, "%s%s", i ? " " : "", o->areas[i]);
    const char *values[PROFILE_KEYS] = {o->name,
                                        o->description,
                                        o->website,
                                        o->email,
                                        o->phone,
                                        o->street,
                                        o->postal_code,
                                        o->city,
                                        o->legal_form,
                                        o->kvk,
                                        arena_strdup(r->arena, buf_cstr(&areas))};
    buf_free(&areas);
    r->form.items = arena_array(r->arena, PROFILE_KEYS, sizeof *r->form.items);
    for (size_t i = 0; i < PROFILE_KEYS; i++)
        if (values[i])
            r->form.items[r->form.n++] = (struct kv){profile_keys[i], values[i]};
}

enum err web_organisation_edit_page(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct organisation o;
    enum err e = organisation_may_edit(r->db, id, &r->actor, &r->fault);
    if (e == ERR_OK)
        e = organisation_get(r->db, r->arena, id, &o, &r->fault);
    if (e != ERR_OK)
        return e;
    prefill(r, &o);
    struct buf *b = &r->resp.body;
    const char *href = arena_printf(r->arena, "/organisations/%" PRId64, id);
    const char *title = T(r, "Edit the profile");
    struct crumb crumbs[] = {{T(r, "Start"), "/"},
                             {T(r, "Organisations"), "/organisations"},
                             {o.name, href},
                             {title, NULL}};
    layout_begin_crumbs(r, arena_printf(r->arena, "%s: %s", title, o.name), crumbs, 4);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "Edit the profile of %s"), o.name, NULL);
    html_fmt(b, "</h1>\n<p>%s: %s</p>\n", T(r, "Kind"), web_organisation_kind_label(r, o.kind));
    form_begin(r, arena_printf(r->arena, "%s/edit", href));
    profile_inputs(r, false);
    form_end(r, T(r, "Save the profile"));
    layout_end(r);
    return ERR_OK;
}

enum err web_organisation_edit(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct organisation in;
    read_form(r, &in);
    enum err e = organisation_update_profile(r->db, id, &in, &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "saved");
}
