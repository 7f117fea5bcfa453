/* Offers, external decisions and notifications through the API, the twins
 * of web/offer.c, web/external.c and web/notification.c:
 *   GET/POST /api/v1/initiatives/{id}/offers           list, make {"kind",
 *                                                      "text", "hours", "organisation_id"}
 *   POST     /api/v1/offers/{id}/accept|decline|withdraw
 *   GET/POST /api/v1/initiatives/{id}/external-events  list, record {"kind",
 *                                                      "date", "text"}
 *   GET      /api/v1/me/notifications                  one's own (?before, ?limit)
 *   POST     /api/v1/me/notifications/read             {"id"} or all
 * The model decides who may (model/offer.h, external.h, notification.h);
 * errors are mapped by the dispatcher. Shapes: docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>

#include "model/external.h"
#include "model/notification.h"
#include "model/offer.h"
#include "model/session.h"
#include "render/json.h"
#include "render/req.h"

static json_t *id_or_null(int64_t id)
{
    return id > 0 ? json_integer(id) : json_null();
}

static json_t *offer_json(const struct offer *o)
{
    json_t *v = json_pack(
        "{s:I, s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)o->id, "initiative_id",
        (json_int_t)o->initiative_id, "person_id", (json_int_t)o->person_id, "organisation_id",
        (json_int_t)o->organisation_id, "capacity", o->capacity, "kind", o->kind, "text", o->text,
        "status", o->status, "created_at", (json_int_t)o->created_at);
    json_object_set_new(v, "hours", o->hours > 0 ? json_integer(o->hours) : json_null());
    json_object_set_new(v, "connect_organisation_id", id_or_null(o->connect_organisation_id));
    json_object_set_new(v, "answered_by", id_or_null(o->answered_by));
    json_object_set_new(v, "answered_at", id_or_null(o->answered_at));
    return v;
}

static enum err reply_offer(struct req *r, int status, int64_t id)
{
    struct offer o;
    enum err e = offer_get(r->db, r->arena, id, &o, &r->fault);
    return e != ERR_OK ? e : json_reply(r, status, offer_json(&o));
}

enum err api_offers_list(struct req *r)
{
    struct offer_row *items = NULL;
    int n = 0;
    enum err e = offer_list(r->db, r->arena, req_in_int(r, "id", 0), req_in(r, "status"), &items,
                            &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        json_t *v = offer_json(&items[i].offer);
        json_object_set_new(v, "display_name", json_string(items[i].person_name));
        json_object_set_new(v, "organisation_name", json_string(items[i].organisation_name));
        json_object_set_new(v, "connect_organisation_name",
                            json_string_or_null(items[i].connect_name));
        json_array_append_new(list, v);
    }
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

enum err api_offer_make(struct req *r)
{
    int64_t id = 0;
    struct offer_input in = {
        .kind = req_in(r, "kind"),
        .text = req_in(r, "text"),
        .hours = (int)req_in_int(r, "hours", 0),
        .connect_organisation_id = req_in_int(r, "organisation_id", 0),
    };
    enum err e =
        offer_make(r->db, r->arena, req_in_int(r, "id", 0), &in, &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_offer(r, 201, id);
}

static enum err settle(struct req *r,
                       enum err (*fn)(struct db *, int64_t, const struct actor *, struct fault *))
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = fn(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_offer(r, 200, id);
}

enum err api_offer_accept(struct req *r)
{
    return settle(r, offer_accept);
}

enum err api_offer_decline(struct req *r)
{
    return settle(r, offer_decline);
}

enum err api_offer_withdraw(struct req *r)
{
    return settle(r, offer_withdraw);
}

static json_t *event_json(const struct external_event *ev)
{
    json_t *by = ev->gemeente_code
                     ? json_pack("{s:s, s:s, s:s}", "type", "gemeente", "code", ev->gemeente_code,
                                 "name", ev->decider_name)
                     : json_pack("{s:s, s:I, s:s}", "type", "organisation", "id",
                                 (json_int_t)ev->organisation_id, "name", ev->decider_name);
    return json_pack("{s:I, s:I, s:s, s:o, s:s, s:s, s:I, s:s, s:I}", "id", (json_int_t)ev->id,
                     "initiative_id", (json_int_t)ev->initiative_id, "kind", ev->kind, "decided_by",
                     by, "date", ev->decided_on, "text", ev->text, "recorded_by",
                     (json_int_t)ev->recorded_by, "capacity", ev->capacity, "recorded_at",
                     (json_int_t)ev->recorded_at);
}

/* The events of initiative id; with only the one whose id is want when
 * want is not 0 (after recording it). */
static enum err reply_events(struct req *r, int64_t initiative_id, int64_t want)
{
    struct external_event *items = NULL;
    int n = 0;
    enum err e = external_list(r->db, r->arena, initiative_id, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        if (want && items[i].id == want) {
            json_decref(list);
            return json_reply(r, 201, event_json(&items[i]));
        }
        json_array_append_new(list, event_json(&items[i]));
    }
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

enum err api_external_list(struct req *r)
{
    return reply_events(r, req_in_int(r, "id", 0), 0);
}

enum err api_external_record(struct req *r)
{
    int64_t initiative_id = req_in_int(r, "id", 0), id = 0;
    struct external_input in = {
        .kind = req_in(r, "kind"),
        .decided_on = req_in(r, "date"),
        .text = req_in(r, "text"),
    };
    enum err e = external_record(r->db, initiative_id, &in, &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_events(r, initiative_id, id);
}

static json_t *notification_json(const struct notification *n)
{
    json_t *v = json_pack("{s:I, s:s, s:I}", "id", (json_int_t)n->id, "kind", n->kind, "created_at",
                          (json_int_t)n->created_at);
    json_object_set_new(v, "initiative_id", id_or_null(n->initiative_id));
    json_object_set_new(v, "initiative_title", json_string_or_null(n->initiative_title));
    json_object_set_new(v, "detail", json_string_or_null(n->detail));
    json_object_set_new(v, "read_at", id_or_null(n->read_at));
    json_object_set_new(v, "path", json_string_or_null(n->path));
    return v;
}

enum err api_my_notifications(struct req *r)
{
    struct notification *items = NULL;
    int n = 0;
    int64_t next = 0, unread = 0, person = r->session->person_id;
    enum err e = notification_list(r->db, r->arena, person, req_in_int(r, "before", 0),
                                   (int)req_in_int(r, "limit", 50), &items, &n, &next, &r->fault);
    if (e == ERR_OK)
        e = notification_unread_count(r->db, person, &unread, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, notification_json(&items[i]));
    return json_reply(r, 200,
                      json_pack("{s:o, s:I, s:o}", "items", list, "unread", (json_int_t)unread,
                                "next", id_or_null(next)));
}

enum err api_notifications_read(struct req *r)
{
    int64_t marked = 0, unread = 0;
    enum err e =
        notification_mark_read(r->db, req_in_int(r, "id", 0), &r->actor, &marked, &r->fault);
    if (e == ERR_OK)
        e = notification_unread_count(r->db, r->actor.person_id, &unread, &r->fault);
    return e != ERR_OK ? e
                       : json_reply(r, 200,
                                    json_pack("{s:I, s:I}", "marked", (json_int_t)marked, "unread",
                                              (json_int_t)unread));
}
