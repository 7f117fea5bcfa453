/* Moderation through the API (DESIGN.md §2), the twin of web/moderation.c:
 *   POST /api/v1/reports               report {"object_type", "object_id",
 *                                      "reason"}
 *   GET  /api/v1/moderation/reports    a moderator's open reports per object
 *                                      and the standing hides
 *   POST /api/v1/moderation/hide       hide {"object_type", "object_id",
 *                                      "reason"}
 *   POST /api/v1/moderation/unhide     show again {"object_type", "object_id"}
 *   GET  /api/v1/moderation/hidden     public: whether an object is hidden,
 *                                      why, and what readers see of it
 * The model decides who may; errors are mapped by the dispatcher. Shapes:
 * docs/openapi.json. */
#include "api/api.h"

#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "model/moderation.h"
#include "render/json.h"
#include "render/req.h"

/* What the public sees of an object: a person's name through
 * moderation_person_name (erasure and hides included), other content as
 * written unless hidden. NULL when hidden, and for text written for a few
 * readers (moderation_text_is_public). */
static enum err public_text(struct req *r, const char *type, const char *id, bool hidden,
                            const char **text)
{
    int64_t author = 0;
    *text = NULL;
    if (strcmp(type, "person") == 0) {
        const char *why = NULL;
        int64_t pid = 0;
        enum err e = moderation_content(r->db, NULL, type, id, &pid, NULL, &r->fault);
        return e == ERR_OK ? moderation_person_name(r->db, r->arena, pid, text, &why, &r->fault)
                           : e;
    }
    if (hidden || !moderation_text_is_public(type))
        return moderation_content(r->db, NULL, type, id, &author, NULL, &r->fault);
    return moderation_content(r->db, r->arena, type, id, &author, text, &r->fault);
}

/* {object_type, object_id, hidden, reason, content}: the public view. */
static enum err reply_state(struct req *r, int status, const char *type, const char *id)
{
    bool hidden = false;
    const char *reason = NULL, *text = NULL;
    int64_t author = 0;
    enum err e = moderation_content(r->db, NULL, type, id, &author, NULL, &r->fault);
    if (e == ERR_OK)
        e = moderation_is_hidden(r->db, r->arena, type, id, &hidden, &reason, &r->fault);
    if (e == ERR_OK)
        e = public_text(r, type, id, hidden, &text);
    if (e != ERR_OK)
        return e;
    return json_reply(r, status,
                      json_pack("{s:s, s:s, s:b, s:o, s:o}", "object_type", type, "object_id", id,
                                "hidden", hidden, "reason", json_string_or_null(reason), "content",
                                json_string_or_null(text)));
}

enum err api_report_create(struct req *r)
{
    const char *type = req_in(r, "object_type"), *id = req_in(r, "object_id");
    int64_t report = 0;
    enum err e = moderation_report_content(r->db, type, id, req_in(r, "reason"), &r->actor, &report,
                                           &r->fault);
    if (e != ERR_OK)
        return e;
    return json_reply(r, 201,
                      json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)report, "object_type",
                                type, "object_id", id, "status", "open"));
}

static json_t *reported_json(struct req *r, const struct moderation_reported *m)
{
    int64_t author = 0;
    const char *text = NULL;
    struct fault f = {0};
    (void)moderation_content(r->db, r->arena, m->object_type, m->object_id, &author, &text, &f);
    json_t *reasons = json_array();
    for (int k = 0; k < m->n_reasons; k++)
        json_array_append_new(reasons, json_string(m->reasons[k]));
    return json_pack("{s:s, s:s, s:o, s:i, s:I, s:o}", "object_type", m->object_type, "object_id",
                     m->object_id, "content", json_string_or_null(text), "count", m->count,
                     "newest_at", (json_int_t)m->newest_at, "newest_reasons", reasons);
}

static json_t *hide_json(const struct moderation_hide_row *h)
{
    return json_pack("{s:s, s:s, s:s, s:I, s:I}", "object_type", h->object_type, "object_id",
                     h->object_id, "reason", h->reason, "hidden_by", (json_int_t)h->hidden_by,
                     "hidden_at", (json_int_t)h->hidden_at);
}

enum err api_moderation_reports(struct req *r)
{
    struct moderation_reported *reports = NULL;
    struct moderation_hide_row *hides = NULL;
    size_t nr = 0, nh = 0;
    enum err e = moderation_list_reported(r->db, r->arena, &r->actor, &reports, &nr, &r->fault);
    if (e == ERR_OK)
        e = moderation_list_hidden(r->db, r->arena, &r->actor, &hides, &nh, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *items = json_array(), *hidden = json_array();
    for (size_t i = 0; i < nr; i++)
        json_array_append_new(items, reported_json(r, &reports[i]));
    for (size_t i = 0; i < nh; i++)
        json_array_append_new(hidden, hide_json(&hides[i]));
    return json_reply(r, 200, json_pack("{s:o, s:o}", "items", items, "hidden", hidden));
}

enum err api_moderation_hide(struct req *r)
{
    const char *type = req_in(r, "object_type"), *id = req_in(r, "object_id");
    enum err e =
        moderation_hide_content(r->db, type, id, req_in(r, "reason"), &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_state(r, 200, type, id);
}

enum err api_moderation_unhide(struct req *r)
{
    const char *type = req_in(r, "object_type"), *id = req_in(r, "object_id");
    enum err e = moderation_unhide_content(r->db, type, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_state(r, 200, type, id);
}

enum err api_moderation_hidden(struct req *r)
{
    return reply_state(r, 200, req_in(r, "object_type"), req_in(r, "object_id"));
}
