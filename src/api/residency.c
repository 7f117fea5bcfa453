/* Residency through the API (DESIGN.md §2), the twin of web/residency.c:
 *   GET  /api/v1/me/residencies            one's residencies
 *   POST /api/v1/me/residencies            ask for residency {"buurt"}
 *   POST /api/v1/me/residency-code         redeem a letter code {"code"}
 *   GET  /api/v1/residencies/queue         a municipality admin's open requests
 *   GET  /api/v1/residencies/vouchable     requests one may vouch for
 *   POST /api/v1/residencies/{id}/verify|reject|vouch
 *   POST /api/v1/letters                   a batch of letters {"buurt",
 *                                          "addresses": one per line}: the
 *                                          codes, this once
 * The model decides who may; errors are mapped by the dispatcher. Shapes:
 * docs/openapi.json. */
#include "api/api.h"

#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "model/desk.h"
#include "model/residency.h"
#include "model/session.h"
#include "render/json.h"
#include "render/req.h"

static json_t *residency_json(const struct desk_residency *d, bool name)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:i, s:I}", "id", (json_int_t)d->id,
                          "buurt_code", d->buurt_code, "buurt_name", d->buurt_name, "status",
                          d->status, "method", json_string_or_null(d->method), "vouches",
                          d->vouches, "requested_at", (json_int_t)d->requested_at);
    if (name)
        json_object_set_new(o, "display_name", json_string(d->person_name));
    return o;
}

static enum err reply_list(struct req *r, const struct desk_residency *items, int n, bool names)
{
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, residency_json(&items[i], names));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

enum err api_my_residencies(struct req *r)
{
    struct desk_residency *items = NULL;
    int n = 0;
    enum err e =
        desk_residencies_mine(r->db, r->arena, r->session->person_id, &items, &n, &r->fault);
    return e != ERR_OK ? e : reply_list(r, items, n, false);
}

/* One residency after a write, as residency_json shows it in lists. */
static enum err reply_one(struct req *r, int status, int64_t id)
{
    struct residency res;
    enum err e = residency_get(r->db, r->arena, id, &res, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *o = json_pack("{s:I, s:s, s:s, s:o, s:i}", "id", (json_int_t)res.id, "buurt_code",
                          res.buurt_code, "status", res.status, "method",
                          json_string_or_null(res.method), "vouches", res.vouches);
    return json_reply(r, status, o);
}

enum err api_residency_request(struct req *r)
{
    int64_t id = 0;
    enum err e = residency_request(r->db, req_in(r, "buurt"), &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 201, id);
}

enum err api_residency_redeem(struct req *r)
{
    int64_t id = 0;
    enum err e = desk_redeem(r->db, req_in(r, "code"), &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

enum err api_residency_queue(struct req *r)
{
    struct desk_residency *items = NULL;
    int n = 0;
    enum err e = desk_residency_queue(r->db, r->arena, &r->actor, &items, &n, &r->fault);
    return e != ERR_OK ? e : reply_list(r, items, n, true);
}

enum err api_residency_vouchable(struct req *r)
{
    struct desk_residency *items = NULL;
    int n = 0;
    enum err e = desk_vouch_queue(r->db, r->arena, &r->actor, &items, &n, &r->fault);
    return e != ERR_OK ? e : reply_list(r, items, n, true);
}

enum err api_residency_verify(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = desk_verify(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

enum err api_residency_reject(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = residency_reject(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

enum err api_residency_vouch(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = desk_vouch(r->db, id, &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

/* The non-blank lines of text, from the arena. */
static const char **lines_of(struct req *r, const char *text, int *n)
{
    size_t cap = 1;
    for (const char *p = text; *p; p++)
        cap += *p == '\n';
    const char **lines = arena_array(r->arena, cap, sizeof *lines);
    *n = 0;
    for (const char *p = text; *p;) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p), keep = len;
        while (keep > 0 && (p[keep - 1] == '\r' || p[keep - 1] == ' '))
            keep--;
        if (keep > 0)
            lines[(*n)++] = arena_strndup(r->arena, p, keep);
        p += len + (end ? 1 : 0);
    }
    return lines;
}

enum err api_letters_create(struct req *r)
{
    int n = 0;
    const char *text = req_in(r, "addresses");
    const char **lines = lines_of(r, text ? text : "", &n);
    struct residency_letter_code *codes = NULL;
    enum err e = residency_letters_create(r->db, r->arena, req_in(r, "buurt"), lines, n, &r->actor,
                                          &codes, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(
            list, json_pack("{s:s, s:s}", "address", codes[i].address, "code", codes[i].code));
    req_header(r, "Cache-Control", "no-store");
    return json_reply(r, 201, json_pack("{s:o}", "letters", list));
}
