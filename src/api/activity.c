/* Activities through the API (DESIGN.md §3, issue 7), the twin of
 * web/activity.c:
 *   POST   /api/v1/initiatives/{id}/activities      create (the initiators)
 *   POST   /api/v1/collectives/{id}/activities      create (the board)
 *   GET    /api/v1/initiatives/{id}/activities      occurrences from..to
 *   GET    /api/v1/collectives/{id}/activities      occurrences from..to
 *   GET    /api/v1/areas/{code}/activities          occurrences in a buurt or wijk
 *   GET    /api/v1/me/activities                    occurrences of one's sign-ups
 *   GET    /api/v1/activities/{id}                  one, with roles and one's status
 *   PUT    /api/v1/activities/{id}                  change
 *   POST   /api/v1/activities/{id}/cancel           cancel it all
 *   POST   /api/v1/activities/{id}/occurrences/cancel  cancel one occurrence
 *   GET    /api/v1/activities/{id}/occurrences      its occurrences from..to
 *   POST   /api/v1/activities/{id}/sign-up          sign up (or join the waiting list)
 *   DELETE /api/v1/activities/{id}/sign-up          cancel one's sign-up
 *   GET    /api/v1/activities/{id}/sign-ups         the organisers' list
 *   POST   /api/v1/activity-roles/{id}/volunteer    volunteer in a role
 *   DELETE /api/v1/activity-roles/{id}/volunteer    withdraw
 *   POST   /api/v1/me/calendar                      a new private feed link
 *   DELETE /api/v1/me/calendar                      revoke it
 * The scalar members are declared fields (http/routes.c); "roles" (an
 * array of {"name", "needed"}) is read from the body here. from and to are
 * unix seconds (default: now and 31 days later; at most 400 days apart).
 * Shapes: docs/openapi.json. */
#include "api/api.h"

#include <inttypes.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "model/activity.h"
#include "render/json.h"
#include "render/req.h"

enum { RANGE_DEFAULT = 31 * 86400, RANGE_MAX = 400 * 86400 };

static json_t *activity_json(const struct activity *a)
{
    json_t *o =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:i, s:i, s:s, s:i, s:I, s:I}", "id",
                  (json_int_t)a->id, "title", a->title, "description", a->description, "buurt_code",
                  a->buurt_code, "buurt_name", a->buurt_name, "starts_at", (json_int_t)a->starts_at,
                  "ends_at", (json_int_t)a->ends_at, "taken", a->taken, "waiting", a->waiting,
                  "status", a->status, "sequence", a->sequence, "created_at",
                  (json_int_t)a->created_at, "updated_at", (json_int_t)a->updated_at);
    json_object_set_new(o, "initiative_id",
                        a->initiative_id ? json_integer(a->initiative_id) : json_null());
    json_object_set_new(o, "collective_id",
                        a->collective_id ? json_integer(a->collective_id) : json_null());
    json_object_set_new(o, "owner_name", json_string_or_null(a->owner_name));
    json_object_set_new(o, "rrule", json_string_or_null(a->rrule));
    json_object_set_new(o, "address", json_string_or_null(a->address));
    json_object_set_new(o, "location_id",
                        a->location_id ? json_integer(a->location_id) : json_null());
    json_object_set_new(o, "location_name", json_string_or_null(a->location_name));
    json_object_set_new(o, "capacity", a->capacity ? json_integer(a->capacity) : json_null());
    json_object_set_new(o, "cancel_reason", json_string_or_null(a->cancel_reason));
    json_object_set_new(o, "hidden", json_string_or_null(a->hidden));
    return o;
}

static json_t *occurrence_json(const struct activity_occurrence *o)
{
    return json_pack("{s:I, s:I, s:b}", "starts_at", (json_int_t)o->starts_at, "ends_at",
                     (json_int_t)o->ends_at, "cancelled", o->cancelled);
}

/* The request's from and to, checked. */
static enum err range_of(struct req *r, int64_t *from, int64_t *to)
{
    *from = req_in_int(r, "from", r->actor.now);
    *to = req_in_int(r, "to", *from + RANGE_DEFAULT);
    if (*to <= *from || *to - *from > RANGE_MAX)
        return req_fail(r, ERR_INVALID, "to",
                        "Give a period (from, to) of at most 400 days, ending after it starts.");
    return ERR_OK;
}

/* "roles" of the body: absent, or an array of {"name", "needed"}. */
static enum err read_roles(struct req *r, struct activity_input *in)
{
    json_t *roles = r->json ? json_object_get(r->json, "roles") : NULL;
    const char *msg = N_("Give the roles as a list of at most 10 objects with a name and how "
                         "many are needed.");
    if (!roles || json_is_null(roles))
        return ERR_OK;
    size_t n = json_is_array(roles) ? json_array_size(roles) : 0;
    if (!json_is_array(roles) || n > ACTIVITY_ROLES_MAX)
        return req_fail(r, ERR_INVALID, "roles", msg);
    struct activity_role_input *out = arena_array(r->arena, n ? n : 1, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        json_t *item = json_array_get(roles, i);
        json_t *name = json_object_get(item, "name"), *needed = json_object_get(item, "needed");
        if (!json_is_string(name) || !json_is_integer(needed) ||
            json_integer_value(needed) > ACTIVITY_ROLE_NEEDED_MAX)
            return req_fail(r, ERR_INVALID, "roles", msg);
        out[i] = (struct activity_role_input){arena_strdup(r->arena, json_string_value(name)),
                                              (int)json_integer_value(needed)};
        if (json_integer_value(needed) < 1)
            out[i].needed = 0; /* the model names the bounds */
    }
    in->roles = out;
    in->n_roles = (int)n;
    return ERR_OK;
}

static struct activity_input input_of(const struct req *r)
{
    return (struct activity_input){
        .title = req_in(r, "title"),
        .description = req_in(r, "description"),
        .buurt = req_in(r, "buurt"),
        .date = req_in(r, "date"),
        .starts = req_in(r, "starts"),
        .ends = req_in(r, "ends"),
        .end_date = req_in(r, "end_date"),
        .rrule = req_in(r, "rrule"),
        .address = req_in(r, "address"),
        .location_id = req_in_int(r, "location_id", 0),
        .capacity = (int)req_in_int(r, "capacity", 0),
    };
}

static enum err reply_one(struct req *r, int status, int64_t id)
{
    struct activity a;
    struct activity_role *roles;
    int nroles = 0;
    const char *mine = NULL;
    int position = 0;
    enum err e = activity_get(r->db, r->arena, id, &a, &r->fault);
    if (e == ERR_OK)
        e = activity_roles(r->db, r->arena, id, &roles, &nroles, &r->fault);
    if (e == ERR_OK && r->actor.person_id)
        e = activity_my_status(r->db, id, r->actor.person_id, &mine, &position, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *o = activity_json(&a), *list = json_array();
    for (int i = 0; i < nroles; i++)
        json_array_append_new(list, json_pack("{s:I, s:s, s:i, s:i}", "id", (json_int_t)roles[i].id,
                                              "name", roles[i].name, "needed", roles[i].needed,
                                              "taken", roles[i].taken));
    json_object_set_new(o, "roles", list);
    json_object_set_new(o, "my_status", json_string_or_null(mine));
    json_object_set_new(o, "waiting_position", position ? json_integer(position) : json_null());
    return json_reply(r, status, o);
}

static enum err create(struct req *r, int64_t initiative_id, int64_t collective_id)
{
    struct activity_input in = input_of(r);
    int64_t id = 0;
    enum err e = read_roles(r, &in);
    if (e == ERR_OK)
        e = activity_create(r->db, initiative_id, collective_id, &in, &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 201, id);
}

enum err api_activity_create_initiative(struct req *r)
{
    return create(r, req_in_int(r, "id", 0), 0);
}

enum err api_activity_create_collective(struct req *r)
{
    return create(r, 0, req_in_int(r, "id", 0));
}

enum err api_activity_get(struct req *r)
{
    return reply_one(r, 200, req_in_int(r, "id", 0));
}

enum err api_activity_update(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct activity_input in = input_of(r);
    enum err e = activity_update(r->db, id, &in, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

enum err api_activity_cancel(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = activity_cancel(r->db, id, req_in(r, "reason"), &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

enum err api_activity_cancel_occurrence(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = activity_cancel_occurrence(r->db, id, req_in_int(r, "starts_at", 0),
                                            req_in(r, "reason"), &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

enum err api_activity_occurrences(struct req *r)
{
    struct activity a;
    struct activity_occurrence *occ;
    int n = 0;
    int64_t from, to;
    enum err e = range_of(r, &from, &to);
    if (e == ERR_OK)
        e = activity_get(r->db, r->arena, req_in_int(r, "id", 0), &a, &r->fault);
    if (e == ERR_OK)
        e = activity_occurrences(r->db, r->arena, &a, from, to, ACTIVITY_OCCURRENCES_MAX, &occ, &n,
                                 &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, occurrence_json(&occ[i]));
    return json_reply(r, 200,
                      json_pack("{s:I, s:I, s:o}", "from", (json_int_t)from, "to", (json_int_t)to,
                                "items", items));
}

/* The agenda of a scope as {"from", "to", "items": [{activity_id, title,
 * starts_at, ends_at, cancelled}]}, cancelled occurrences included. */
static enum err agenda(struct req *r, enum activity_scope scope, int64_t key, const char *code)
{
    struct activity_dated *items;
    int n = 0;
    int64_t from, to;
    enum err e = range_of(r, &from, &to);
    if (e == ERR_OK)
        e = activity_agenda(r->db, r->arena, scope, key, code, from, to, true, &items, &n,
                            &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = occurrence_json(&items[i].occurrence);
        json_object_set_new(o, "activity_id", json_integer(items[i].activity->id));
        json_object_set_new(o, "title", json_string(items[i].activity->title));
        json_object_set_new(o, "buurt_code", json_string(items[i].activity->buurt_code));
        json_array_append_new(list, o);
    }
    return json_reply(r, 200,
                      json_pack("{s:I, s:I, s:o}", "from", (json_int_t)from, "to", (json_int_t)to,
                                "items", list));
}

enum err api_activities_initiative(struct req *r)
{
    return agenda(r, ACTIVITY_OF_INITIATIVE, req_in_int(r, "id", 0), NULL);
}

enum err api_activities_collective(struct req *r)
{
    return agenda(r, ACTIVITY_OF_COLLECTIVE, req_in_int(r, "id", 0), NULL);
}

enum err api_activities_area(struct req *r)
{
    return agenda(r, ACTIVITY_IN_AREA, 0, req_in(r, "code"));
}

enum err api_activities_mine(struct req *r)
{
    return agenda(r, ACTIVITY_OF_PERSON, r->actor.person_id, NULL);
}

enum err api_activity_sign_up(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    const char *status = NULL;
    bool again = false;
    enum err e = activity_sign_up(r->db, id, &r->actor, &status, &again, &r->fault);
    return e != ERR_OK ? e : reply_one(r, again ? 200 : 201, id);
}

enum err api_activity_sign_up_cancel(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = activity_sign_up_cancel(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

enum err api_activity_sign_ups(struct req *r)
{
    struct activity_signup *items;
    int n = 0;
    enum err e =
        activity_signups(r->db, r->arena, req_in_int(r, "id", 0), &r->actor, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list,
                              json_pack("{s:I, s:I, s:s, s:s, s:I}", "id", (json_int_t)items[i].id,
                                        "person_id", (json_int_t)items[i].person_id, "display_name",
                                        items[i].person_name, "status", items[i].status,
                                        "created_at", (json_int_t)items[i].created_at));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

enum err api_activity_volunteer(struct req *r)
{
    bool again = false;
    enum err e = activity_volunteer(r->db, req_in_int(r, "id", 0), &r->actor, &again, &r->fault);
    return e != ERR_OK ? e : json_reply(r, again ? 200 : 201, json_pack("{s:b}", "volunteer", 1));
}

enum err api_activity_volunteer_withdraw(struct req *r)
{
    enum err e = activity_volunteer_withdraw(r->db, req_in_int(r, "id", 0), &r->actor, &r->fault);
    return e != ERR_OK ? e : json_reply(r, 200, json_pack("{s:b}", "volunteer", 0));
}

enum err api_calendar_token(struct req *r)
{
    const char *token = NULL;
    enum err e = activity_feed_token_new(r->db, r->arena, &r->actor, &token, &r->fault);
    if (e != ERR_OK)
        return e;
    const char *path = arena_printf(r->arena, "/calendar/%s/activities.ics", token);
    return json_reply(r, 201, json_pack("{s:s, s:s}", "token", token, "path", path));
}

enum err api_calendar_revoke(struct req *r)
{
    enum err e = activity_feed_token_revoke(r->db, &r->actor, &r->fault);
    return e != ERR_OK ? e : json_reply(r, 200, json_pack("{s:b}", "revoked", 1));
}
