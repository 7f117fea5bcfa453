/* Services on the web, the admins' side (see web/service.c for reading):
 *   POST /organisations/{id}/services    add a service (with an optional first
 *                                        location)
 *   GET  /services/{id}/edit             the forms: change the service, add a
 *                                        location, add opening hours (also
 *                                        at /locations and /schedules, where a
 *                                        failed post of that form comes back)
 *   POST /services/{id}/edit|locations|schedules
 * Each POST answers 303 to the service's page; a bad form is shown again
 * with the message next to its field (the dispatcher calls the GET page of
 * the same path). Who may is the model's word (service_authorise). */
#include "web/web.h"

#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/service.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"
#include "web/service_words.h"

static enum err see_other(struct req *r, const char *href)
{
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Services"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

/* A labelled field (input, or textarea when rows > 0) holding what was
 * posted, else dflt; the error next to it when the post failed on it. Its
 * id is form (a prefix, "" or "loc-") and name: the edit page holds three
 * forms whose fields share names. */
static void field(struct req *r, const char *form, const char *name, const char *label,
                  const char *hint, const char *dflt, int rows)
{
    struct buf *b = &r->resp.body;
    const char *id = arena_printf(r->arena, "%s%s", form, name);
    bool error = form_has_error(r, name);
    const char *value =
        r->method == HTTP_POST && r->fault.code != ERR_OK ? form_value(r, name) : dflt;
    html_fmt(b, "<div class=\"field\">\n<label for=\"%s\">%s</label>\n", id, label);
    if (hint)
        html_fmt(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", id, hint);
    if (error)
        html_fmt(b, "<p class=\"field-error\" id=\"%s-error\">%s</p>\n", id, errmsg_text(r));
    if (rows > 0)
        html_fmt(b, "<textarea id=\"%s\" name=\"%s\" rows=\"%d\"", id, name, rows);
    else
        html_fmt(b, "<input id=\"%s\" name=\"%s\" type=\"text\"", id, name);
    if (hint || error)
        html_fmt(b, " aria-describedby=\"%s%s%s%s\"", hint ? id : "", hint ? "-hint" : "",
                 error ? (hint ? " " : "") : "",
                 error ? arena_printf(r->arena, "%s-error", id) : "");
    if (error)
        html_raw_trusted(b, " aria-invalid=\"true\"");
    if (rows > 0)
        html_fmt(b, ">%s</textarea>\n</div>\n", value ? value : "");
    else
        html_fmt(b, " value=\"%s\">\n</div>\n", value ? value : "");
}

static void status_select(struct req *r, const char *current)
{
    struct buf *b = &r->resp.body;
    const char *posted =
        r->method == HTTP_POST && r->fault.code != ERR_OK ? form_value(r, "status") : NULL;
    const char *kept = posted ? posted : current;
    html_fmt(b, "<div class=\"field\">\n<label for=\"status\">%s</label>\n", T(r, "Status"));
    if (form_has_error(r, "status"))
        html_fmt(b, "<p class=\"field-error\" id=\"status-error\">%s</p>\n", errmsg_text(r));
    html_raw_trusted(b, "<select id=\"status\" name=\"status\">\n");
    for (const char *const *s = service_statuses(); *s; s++)
        html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", *s,
                 kept && strcmp(kept, *s) == 0 ? " selected" : "", service_status_label(r, *s));
    html_raw_trusted(b, "</select>\n</div>\n");
}

/* The fields of a service, filled from s and d when given. */
static void service_fields(struct req *r, const struct service_detail *d)
{
    const struct service *s = d ? &d->service : NULL;
    struct buf langs = BUF_INIT;
    for (int i = 0; d && i < d->nlanguages; i++)
        buf_printf(&langs, "%s%s", i ? ", " : "", d->languages[i]);
    const struct service_cost *c = d && d->ncosts ? &d->costs[0] : NULL;
    const struct service_contact *k = d && d->ncontacts ? &d->contacts[0] : NULL;
    field(r, "", "name", T(r, "Name"), NULL, s ? s->name : NULL, 0);
    field(r, "", "description", T(r, "Description"), NULL, s ? s->description : NULL, 4);
    if (s)
        status_select(r, s->status);
    field(r, "", "languages", T(r, "Languages"),
          T(r, "Language codes separated by commas: nl, en, tr."),
          langs.len ? arena_strdup(r->arena, buf_cstr(&langs)) : NULL, 0);
    buf_free(&langs);
    field(r, "", "cost", T(r, "Cost in euros"),
          T(r, "0 when it is free; leave empty when unknown."),
          c && c->has_amount
              ? arena_printf(r->arena, "%lld,%02lld", (long long)(c->amount_cents / 100),
                             (long long)(c->amount_cents % 100))
              : NULL,
          0);
    field(r, "", "cost_note", T(r, "What the cost is for"), NULL, c ? c->option : NULL, 0);
    field(r, "", "url", T(r, "Website"), NULL, s ? s->url : NULL, 0);
    field(r, "", "email", T(r, "E-mail"), NULL, s ? s->email : NULL, 0);
    field(r, "", "contact_name", T(r, "Contact person"), NULL, k ? k->name : NULL, 0);
    field(r, "", "contact_phone", T(r, "Contact phone"), NULL, k ? k->phone : NULL, 0);
    field(r, "", "contact_email", T(r, "Contact e-mail"), NULL, k ? k->email : NULL, 0);
}

static void location_fields(struct req *r, const char *name_field)
{
    field(r, "loc-", name_field, T(r, "Name of the location"), NULL, NULL, 0);
    field(r, "loc-", "street", T(r, "Street and number"), NULL, NULL, 0);
    field(r, "loc-", "postal_code", T(r, "Postal code"), NULL, NULL, 0);
    field(r, "loc-", "city", T(r, "Place"), NULL, NULL, 0);
    field(r, "loc-", "area_code", T(r, "Area code"),
          T(r, "The buurt it lies in, such as BU99010101: then the service is found by area."),
          NULL, 0);
    field(r, "loc-", "accessibility", T(r, "Accessibility"),
          T(r, "One feature per line, such as a step-free entrance or a hearing loop."), NULL, 3);
}

void web_service_create_form(struct req *r, int64_t organisation_id)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Add a service"));
    form_begin(r,
               arena_printf(r->arena, "/organisations/%lld/services", (long long)organisation_id));
    service_fields(r, NULL);
    html_fmt(b, "<fieldset>\n<legend>%s</legend>\n", T(r, "Where it is given (optional)"));
    location_fields(r, "location_name");
    html_raw_trusted(b, "</fieldset>\n");
    form_end(r, T(r, "Add the service"));
}

static struct service_input posted_service(const struct req *r)
{
    return (struct service_input){
        .name = req_in(r, "name"),
        .description = req_in(r, "description"),
        .url = req_in(r, "url"),
        .email = req_in(r, "email"),
        .status = req_in(r, "status"),
        .languages = req_in(r, "languages"),
        .cost = req_in(r, "cost"),
        .cost_note = req_in(r, "cost_note"),
        .contact_name = req_in(r, "contact_name"),
        .contact_phone = req_in(r, "contact_phone"),
        .contact_email = req_in(r, "contact_email"),
    };
}

static struct location_input posted_location(const struct req *r, const char *name_field)
{
    return (struct location_input){
        .name = req_in(r, name_field),
        .street = req_in(r, "street"),
        .postal_code = req_in(r, "postal_code"),
        .city = req_in(r, "city"),
        .area_code = req_in(r, "area_code"),
        .latitude = req_in(r, "latitude"),
        .longitude = req_in(r, "longitude"),
        .accessibility = req_in(r, "accessibility"),
    };
}

/* A first location is wanted when any of its fields was filled in. */
static bool location_given(const struct location_input *l)
{
    const char *parts[] = {l->name, l->street, l->postal_code, l->city, l->area_code};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (parts[i] && *parts[i])
            return true;
    return false;
}

enum err web_service_create(struct req *r)
{
    struct service_input in = posted_service(r);
    struct location_input loc = posted_location(r, "location_name");
    int64_t id = 0;
    enum err e = db_begin(r->db, &r->fault);
    if (e != ERR_OK)
        return e;
    e = service_create(r->db, req_in_int(r, "id", 0), &in, &r->actor, &id, &r->fault);
    if (e == ERR_OK && location_given(&loc)) {
        e = service_add_location(r->db, id, &loc, &r->actor, NULL, &r->fault);
        if (e != ERR_OK && r->fault.field && strcmp(r->fault.field, "name") == 0)
            r->fault.field = "location_name";
    }
    if (e == ERR_OK)
        e = db_commit(r->db, &r->fault);
    else
        db_rollback(r->db);
    return e != ERR_OK
               ? e
               : see_other(r, arena_printf(r->arena, "/services/%lld?done=created", (long long)id));
}

static void schedule_form(struct req *r, const struct service_detail *d)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2>%s</h2>\n<p>%s</p>\n", T(r, "Add opening hours"),
             T(r, "Opening hours repeat weekly or monthly, as in a calendar (RFC 5545)."));
    form_begin(r, arena_printf(r->arena, "/services/%lld/schedules", (long long)d->service.id));
    field(r, "sched-", "freq", T(r, "How often (WEEKLY or MONTHLY)"), NULL, "WEEKLY", 0);
    field(r, "sched-", "interval", T(r, "Every how many weeks or months"), NULL, "1", 0);
    field(r, "sched-", "byday", T(r, "Days"),
          T(r, "MO, TU, WE, TH, FR, SA, SU; in a monthly rule 1TU is the first Tuesday and -1FR "
               "the last Friday."),
          NULL, 0);
    field(r, "sched-", "bymonthday", T(r, "Days of the month"),
          T(r, "Such as 1, 15 or -1 (the last day)."), NULL, 0);
    field(r, "sched-", "bymonth", T(r, "Only in the months"),
          T(r, "Month numbers, such as 6, 7, 8."), NULL, 0);
    field(r, "sched-", "dtstart", T(r, "From (YYYY-MM-DD)"), NULL, NULL, 0);
    field(r, "sched-", "until", T(r, "Until (YYYY-MM-DD, optional)"), NULL, NULL, 0);
    field(r, "sched-", "count", T(r, "Number of times (optional)"), NULL, NULL, 0);
    field(r, "sched-", "opens_at", T(r, "Opens at (HH:MM)"), NULL, NULL, 0);
    field(r, "sched-", "closes_at", T(r, "Closes at (HH:MM)"), NULL, NULL, 0);
    if (d->nlocations > 0) {
        html_fmt(b,
                 "<div class=\"field\">\n<label for=\"location_id\">%s</label>\n"
                 "<select id=\"location_id\" name=\"location_id\">\n<option value=\"0\">%s"
                 "</option>\n",
                 T(r, "Location"), T(r, "All locations"));
        for (int i = 0; i < d->nlocations; i++)
            html_fmt(b, "<option value=\"%lld\">%s</option>\n", (long long)d->locations[i].id,
                     d->locations[i].name);
        html_raw_trusted(b, "</select>\n</div>\n");
    }
    field(r, "sched-", "description", T(r, "Note (optional)"), NULL, NULL, 0);
    form_end(r, T(r, "Add the opening hours"));
}

enum err web_service_edit_page(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct service_detail d;
    enum err e = service_detail_get(r->db, r->arena, id, &d, &r->fault);
    struct fault who = {0};
    if (e == ERR_OK &&
        service_authorise(r->db, d.service.organisation_id, &r->actor, &who) != ERR_OK) {
        r->fault = who;
        return who.code;
    }
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = arena_printf(r->arena, "%s: %s", T(r, "Change"), d.service.name);
    struct crumb crumbs[] = {
        {T(r, "Services"), "/services"},
        {d.service.name, arena_printf(r->arena, "/services/%lld", (long long)id)},
        {T(r, "Change"), NULL}};
    layout_begin_crumbs(r, title, crumbs, 3);
    html_fmt(b, "<h1>%s</h1>\n", title);
    struct fault posted = r->fault;
    const char *path = r->path ? r->path : "";
    html_fmt(b, "<h2>%s</h2>\n", T(r, "The service"));
    r->fault = strstr(path, "/edit") ? posted : (struct fault){0};
    form_begin(r, arena_printf(r->arena, "/services/%lld/edit", (long long)id));
    service_fields(r, &d);
    form_end(r, T(r, "Save"));
    html_fmt(b, "<h2>%s</h2>\n", T(r, "Add a location"));
    r->fault = strstr(path, "/locations") ? posted : (struct fault){0};
    form_begin(r, arena_printf(r->arena, "/services/%lld/locations", (long long)id));
    location_fields(r, "name");
    form_end(r, T(r, "Add the location"));
    r->fault = strstr(path, "/schedules") ? posted : (struct fault){0};
    schedule_form(r, &d);
    r->fault = posted;
    layout_end(r);
    return ERR_OK;
}

enum err web_service_update(struct req *r)
{
    struct service_input in = posted_service(r);
    int64_t id = req_in_int(r, "id", 0);
    enum err e = service_update(r->db, id, &in, &r->actor, &r->fault);
    return e != ERR_OK
               ? e
               : see_other(r, arena_printf(r->arena, "/services/%lld?done=saved", (long long)id));
}

enum err web_service_add_location(struct req *r)
{
    struct location_input in = posted_location(r, "name");
    int64_t id = req_in_int(r, "id", 0);
    enum err e = service_add_location(r->db, id, &in, &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e
                       : see_other(r, arena_printf(r->arena, "/services/%lld?done=location",
                                                   (long long)id));
}

enum err web_service_add_schedule(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct schedule_input in = {
        .freq = req_in(r, "freq"),
        .interval = req_in(r, "interval"),
        .byday = req_in(r, "byday"),
        .bymonthday = req_in(r, "bymonthday"),
        .bymonth = req_in(r, "bymonth"),
        .dtstart = req_in(r, "dtstart"),
        .until = req_in(r, "until"),
        .count = req_in(r, "count"),
        .opens_at = req_in(r, "opens_at"),
        .closes_at = req_in(r, "closes_at"),
    };
    enum err e = service_add_schedule(r->db, id, req_in_int(r, "location_id", 0), &in,
                                      req_in(r, "description"), &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e
                       : see_other(r, arena_printf(r->arena, "/services/%lld?done=schedule",
                                                   (long long)id));
}
