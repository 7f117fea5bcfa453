/* Services through the API (DESIGN.md §3, the arena), the twin of
 * web/service.c:
 *   GET  /api/v1/services?q=&area=&language=&limit=&offset=   the search
 *   GET  /api/v1/services/{id}                  one, with everything about it
 *   POST /api/v1/organisations/{id}/services    add one (its admins)
 *   PUT  /api/v1/services/{id}                  change one (its admins)
 *   POST /api/v1/services/{id}/locations        add a location where it is given
 *   POST /api/v1/services/{id}/schedules        add when it is open
 * A schedule comes as its parts (freq, interval, byday, bymonthday,
 * bymonth, count, until) or as one "rrule", with dtstart, opens_at and
 * closes_at. The model decides who may (model/service.h); errors are mapped
 * by the dispatcher. Shapes: docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>

#include "core/arena.h"
#include "model/schedule.h"
#include "model/service.h"
#include "render/json.h"
#include "render/req.h"

static json_t *text_list(const char *const *items, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, json_string(items[i]));
    return a;
}

static json_t *service_summary(const struct service *s)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:o, s:s}", "id", (json_int_t)s->id,
                     "organisation_id", (json_int_t)s->organisation_id, "organisation_name",
                     s->organisation_name, "name", s->name, "description",
                     json_string_or_null(s->description), "url", json_string_or_null(s->url),
                     "email", json_string_or_null(s->email), "status", s->status);
}

static json_t *location_json(const struct location *l)
{
    json_t *o = json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)l->id,
                          "name", l->name, "description", json_string_or_null(l->description),
                          "street", json_string_or_null(l->street), "postal_code",
                          json_string_or_null(l->postal_code), "city", json_string_or_null(l->city),
                          "area_code", json_string_or_null(l->area_code), "accessibility",
                          text_list(l->accessibility, l->naccessibility));
    json_object_set_new(o, "latitude", l->has_position ? json_real(l->latitude) : json_null());
    json_object_set_new(o, "longitude", l->has_position ? json_real(l->longitude) : json_null());
    return o;
}

/* A schedule with its RRULE and the next openings from now. */
static json_t *schedule_json(struct req *r, const struct service_schedule *s, int64_t day,
                             int minute)
{
    struct buf b = BUF_INIT;
    schedule_rrule_text(&s->rule, &b);
    char start[11], opens[6], closes[6];
    schedule_day_text(s->rule.dtstart, start);
    schedule_time_text(s->rule.opens, opens);
    schedule_time_text(s->rule.closes, closes);
    json_t *o =
        json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)s->id, "location_id",
                  s->location_id ? json_integer(s->location_id) : json_null(), "rrule",
                  buf_cstr(&b), "dtstart", start, "opens_at", opens, "closes_at", closes,
                  "description", json_string_or_null(s->description));
    buf_free(&b);
    struct schedule_occurrence occ[5];
    int n = schedule_next(&s->rule, day, minute, 5, occ);
    json_t *next = json_array();
    for (int i = 0; i < n; i++) {
        char d[11];
        schedule_day_text(occ[i].day, d);
        json_array_append_new(
            next, json_pack("{s:s, s:s, s:s}", "date", d, "opens_at", opens, "closes_at", closes));
    }
    json_object_set_new(o, "next", next);
    (void)r;
    return o;
}

static json_t *detail_json(struct req *r, const struct service_detail *d)
{
    json_t *o = service_summary(&d->service);
    json_t *locations = json_array(), *schedules = json_array(), *costs = json_array(),
           *contacts = json_array();
    for (int i = 0; i < d->nlocations; i++)
        json_array_append_new(locations, location_json(&d->locations[i]));
    int64_t day;
    int minute;
    schedule_local(r->actor.now, &day, &minute);
    for (int i = 0; i < d->nschedules; i++)
        json_array_append_new(schedules, schedule_json(r, &d->schedules[i], day, minute));
    for (int i = 0; i < d->ncosts; i++)
        json_array_append_new(
            costs,
            json_pack("{s:o, s:s, s:o}", "amount_cents",
                      d->costs[i].has_amount ? json_integer(d->costs[i].amount_cents) : json_null(),
                      "currency", d->costs[i].currency, "note",
                      json_string_or_null(d->costs[i].option)));
    for (int i = 0; i < d->ncontacts; i++)
        json_array_append_new(
            contacts, json_pack("{s:o, s:o, s:o}", "name", json_string_or_null(d->contacts[i].name),
                                "phone", json_string_or_null(d->contacts[i].phone), "email",
                                json_string_or_null(d->contacts[i].email)));
    json_object_set_new(o, "languages", text_list(d->languages, d->nlanguages));
    json_object_set_new(o, "locations", locations);
    json_object_set_new(o, "schedules", schedules);
    json_object_set_new(o, "costs", costs);
    json_object_set_new(o, "contacts", contacts);
    return o;
}

static enum err reply_detail(struct req *r, int status, int64_t id)
{
    struct service_detail d;
    enum err e = service_detail_get(r->db, r->arena, id, &d, &r->fault);
    return e != ERR_OK ? e : json_reply(r, status, detail_json(r, &d));
}

enum err api_services_search(struct req *r)
{
    struct service_query q = {.q = req_in(r, "q"),
                              .area = req_in(r, "area"),
                              .language = req_in(r, "language"),
                              .offset = (int)req_in_int(r, "offset", 0),
                              .limit = (int)req_in_int(r, "limit", 50)};
    struct service_page p;
    enum err e = service_search(r->db, r->arena, &q, &p, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *items = json_array();
    for (int i = 0; i < p.n; i++)
        json_array_append_new(items, service_summary(&p.items[i]));
    return json_reply(r, 200,
                      json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)p.total));
}

enum err api_service_get(struct req *r)
{
    return reply_detail(r, 200, req_in_int(r, "id", 0));
}

static struct service_input service_fields(const struct req *r)
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

enum err api_service_create(struct req *r)
{
    struct service_input in = service_fields(r);
    int64_t id = 0;
    enum err e = service_create(r->db, req_in_int(r, "id", 0), &in, &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_detail(r, 201, id);
}

enum err api_service_update(struct req *r)
{
    struct service_input in = service_fields(r);
    int64_t id = req_in_int(r, "id", 0);
    enum err e = service_update(r->db, id, &in, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_detail(r, 200, id);
}

enum err api_service_add_location(struct req *r)
{
    struct location_input in = {
        .name = req_in(r, "name"),
        .description = req_in(r, "description"),
        .street = req_in(r, "street"),
        .postal_code = req_in(r, "postal_code"),
        .city = req_in(r, "city"),
        .area_code = req_in(r, "area_code"),
        .latitude = req_in(r, "latitude"),
        .longitude = req_in(r, "longitude"),
        .accessibility = req_in(r, "accessibility"),
    };
    int64_t id = req_in_int(r, "id", 0);
    enum err e = service_add_location(r->db, id, &in, &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : reply_detail(r, 201, id);
}

/* The schedule's parts from the request: an "rrule" fills the rule's parts. */
static enum err schedule_fields(struct req *r, struct schedule_input *in)
{
    *in = (struct schedule_input){
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
        .valid_from = req_in(r, "valid_from"),
        .valid_to = req_in(r, "valid_to"),
    };
    const char *rrule = req_in(r, "rrule");
    return rrule && *rrule ? schedule_split_rrule(r->arena, rrule, in, &r->fault) : ERR_OK;
}

enum err api_service_add_schedule(struct req *r)
{
    struct schedule_input in;
    struct service s;
    int64_t id = req_in_int(r, "id", 0);
    /* Who may comes before the rule is read: a stranger hears 403 whatever
     * they sent. */
    enum err e = service_get(r->db, r->arena, id, &s, &r->fault);
    if (e == ERR_OK)
        e = service_authorise(r->db, s.organisation_id, &r->actor, &r->fault);
    if (e == ERR_OK)
        e = schedule_fields(r, &in);
    if (e == ERR_OK)
        e = service_add_schedule(r->db, id, req_in_int(r, "location_id", 0), &in,
                                 req_in(r, "description"), &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : reply_detail(r, 201, id);
}
