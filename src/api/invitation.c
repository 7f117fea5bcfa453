/* Invitations through the API (model/invitation.h), the twin of
 * web/invitation.c:
 *   GET  /api/v1/invitations   the invitations one made, never their codes
 *   POST /api/v1/invitations   {"days": 1..90, "note"} -> 201 {id, code,
 *                              expires_at}: the code, this once
 * Who may invite is the model's word (policy account.invite). */
#include "api/api.h"

#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/invitation.h"
#include "model/session.h"
#include "render/json.h"
#include "render/req.h"

enum { DAY_SECONDS = 24 * 3600 };

static json_t *iso_or_null(int64_t t)
{
    char iso[21];
    if (t <= 0)
        return json_null();
    clock_iso8601(t, iso);
    return json_string(iso);
}

static json_t *invitation_json(const struct invitation *v)
{
    return json_pack("{s:I, s:o, s:o, s:b, s:o, s:o}", "id", (json_int_t)v->id, "created_at",
                     iso_or_null(v->created_at), "expires_at", iso_or_null(v->expires_at), "used",
                     v->used_at > 0, "used_at", iso_or_null(v->used_at), "note",
                     json_string_or_null(v->note));
}

enum err api_invitations_list(struct req *r)
{
    struct invitation *items = NULL;
    int n = 0;
    enum err e = invitation_list(r->db, r->arena, r->session->person_id, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, invitation_json(&items[i]));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

enum err api_invitation_create(struct req *r)
{
    const char *code = NULL;
    int64_t days = req_in_int(r, "days", 0), id = 0;
    enum err e = invitation_create(r->db, r->arena, req_in(r, "note"), days * DAY_SECONDS,
                                   &r->actor, &code, &id, &r->fault);
    if (e != ERR_OK) {
        if (r->fault.field && strcmp(r->fault.field, "ttl") == 0) /* the days asked for */
            r->fault.field = "days";
        return e;
    }
    req_header(r, "Cache-Control", "no-store");
    return json_reply(r, 201,
                      json_pack("{s:I, s:s, s:o}", "id", (json_int_t)id, "code", code, "expires_at",
                                iso_or_null(r->actor.now + days * DAY_SECONDS)));
}
