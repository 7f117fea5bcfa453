/* Skills, matching and invitations through the API (issue 9), the twin of
 * web/skill.c and web/match.c:
 *   GET  /api/v1/skills                          the taxonomy (public)
 *   GET  /api/v1/me/skills                       one's profile and skills
 *   PUT  /api/v1/me/skills                       save them
 *   PUT  /api/v1/me/skills/pause                 pause or resume being asked
 *   GET  /api/v1/initiatives/{id}/skill-needs    an initiative's open skill needs
 *   POST /api/v1/initiatives/{id}/skill-needs    add one (its initiators)
 *   POST /api/v1/skill-needs/{id}/close          close one (its initiators)
 *   GET  /api/v1/skill-needs/{id}/matches        the ranked matches, explained
 *   GET  /api/v1/skill-needs/{id}/invitations    the invitations sent for it
 *   POST /api/v1/skill-needs/{id}/invitations    invite a match
 *   GET  /api/v1/me/match-invitations            one's invitations
 *   POST /api/v1/match-invitations/{id}/accept   accept: pledge
 *   POST /api/v1/match-invitations/{id}/decline  decline, no reason owed
 * Explanations come as structured parts ({"kind": "related", "skill":
 * "joinery"}, {"kind": "hours", "free": 6, "needed": 8}) for the client to
 * word. Shapes: docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>
#include <string.h>

#include "core/arena.h"
#include "model/capacity.h"
#include "model/match.h"
#include "model/match_invite.h"
#include "model/skill.h"
#include "render/json.h"
#include "render/req.h"

static json_t *skill_json(const struct skill *s, const char *lang)
{
    json_t *related = json_array();
    for (int i = 0; s->related[i]; i++)
        json_array_append_new(related, json_string(s->related[i]));
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "code", s->code, "family", s->family, "name",
                     skill_name(s->code, lang), "name_nl", s->name_nl, "name_en", s->name_en,
                     "related", related);
}

enum err api_skills_taxonomy(struct req *r)
{
    int n;
    const struct skill *all = skill_taxonomy(&n);
    json_t *items = json_array(), *families = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, skill_json(&all[i], r->lang));
    for (const char *const *f = skill_families(); *f; f++)
        json_array_append_new(families, json_string(*f));
    return json_reply(r, 200, json_pack("{s:o, s:o}", "families", families, "items", items));
}

static json_t *profile_json(const struct skill_profile *p)
{
    json_t *skills = json_array(), *allowed = json_array();
    for (int i = 0; i < p->n_skills; i++)
        json_array_append_new(skills,
                              json_pack("{s:s, s:s, s:b}", "code", p->skills[i].code, "level",
                                        p->skills[i].level, "willing", p->skills[i].willing));
    for (int i = 0; i < p->n_allowed; i++)
        json_array_append_new(allowed, json_integer(p->allowed[i]));
    return json_pack("{s:I, s:b, s:i, s:s, s:b, s:s, s:o, s:o, s:o}", "person_id",
                     (json_int_t)p->person_id, "registered", p->exists, "hours_month",
                     p->hours_month, "visibility", p->visibility, "paused", p->paused, "about",
                     p->about, "about_hidden", json_string_or_null(p->about_hidden), "skills",
                     skills, "allowed", allowed);
}

static enum err reply_profile(struct req *r)
{
    struct skill_profile p;
    enum err e = skill_profile_get(r->db, r->arena, r->actor.person_id, &p, &r->fault);
    return e != ERR_OK ? e : json_reply(r, 200, profile_json(&p));
}

enum err api_my_skills(struct req *r)
{
    enum err e = capacity_check(r->db, &r->actor, ACT_SKILL_REGISTER, REL_OWN, &r->fault);
    return e != ERR_OK ? e : reply_profile(r);
}

enum err api_my_skills_save(struct req *r)
{
    enum err e = capacity_check(r->db, &r->actor, ACT_SKILL_REGISTER, REL_OWN, &r->fault);
    struct skill_profile p = {
        .hours_month = (int)req_in_int(r, "hours_month", 0),
        .visibility = req_in(r, "visibility") ? req_in(r, "visibility") : "wijk",
        .paused = req_in(r, "paused") && strcmp(req_in(r, "paused"), "true") == 0,
        .about = req_in(r, "about") ? req_in(r, "about") : "",
    };
    if (e == ERR_OK)
        e = skill_parse_list(r->arena, req_in(r, "skills"), &p.skills, &p.n_skills, &r->fault);
    if (e == ERR_OK)
        e = skill_parse_ids(r->arena, req_in(r, "allowed"), &p.allowed, &p.n_allowed, &r->fault);
    if (e == ERR_OK)
        e = skill_save(r->db, &p, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_profile(r);
}

enum err api_my_skills_pause(struct req *r)
{
    const char *paused = req_in(r, "paused");
    enum err e = skill_pause(r->db, paused && strcmp(paused, "true") == 0, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_profile(r);
}

static json_t *need_json(const struct match_need *nd)
{
    json_t *o =
        json_pack("{s:I, s:I, s:s, s:i, s:o, s:o, s:s, s:I}", "id", (json_int_t)nd->id,
                  "initiative_id", (json_int_t)nd->initiative_id, "skill", nd->skill_code,
                  "hours_month", nd->hours_month, "starts_on", json_string_or_null(nd->starts_on),
                  "ends_on", json_string_or_null(nd->ends_on), "note", nd->note, "created_at",
                  (json_int_t)nd->created_at);
    json_object_set_new(o, "task_id", nd->task_id ? json_integer(nd->task_id) : json_null());
    json_object_set_new(o, "closed_at", nd->closed_at ? json_integer(nd->closed_at) : json_null());
    return o;
}

enum err api_skill_needs(struct req *r)
{
    struct match_need *items;
    int n;
    enum err e = match_needs(r->db, r->arena, req_in_int(r, "id", 0), &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, need_json(&items[i]));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

enum err api_skill_need_add(struct req *r)
{
    struct match_need_input in = {.skill_code = req_in(r, "skill"),
                                  .hours_month = (int)req_in_int(r, "hours_month", 0),
                                  .starts_on = req_in(r, "starts_on"),
                                  .ends_on = req_in(r, "ends_on"),
                                  .note = req_in(r, "note"),
                                  .task_id = req_in_int(r, "task_id", 0)};
    int64_t id = 0;
    struct match_need nd;
    enum err e = match_need_add(r->db, req_in_int(r, "id", 0), &in, &r->actor, &id, &r->fault);
    if (e == ERR_OK)
        e = match_need_get(r->db, r->arena, id, &nd, &r->fault);
    return e != ERR_OK ? e : json_reply(r, 201, need_json(&nd));
}

enum err api_skill_need_close(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct match_need nd;
    enum err e = match_need_close(r->db, id, &r->actor, &r->fault);
    if (e == ERR_OK)
        e = match_need_get(r->db, r->arena, id, &nd, &r->fault);
    return e != ERR_OK ? e : json_reply(r, 200, need_json(&nd));
}

static json_t *reason_json(const struct match_reason *m)
{
    static const char *const kinds[] = {
        [MATCH_EXACT] = "skill",
        [MATCH_RELATED] = "related",
        [MATCH_BUURT] = "same_buurt",
        [MATCH_WIJK] = "same_wijk",
        [MATCH_GEMEENTE] = "same_gemeente",
        [MATCH_HOURS] = "hours",
        [MATCH_LOAD] = "load",
    };
    json_t *o = json_pack("{s:s}", "kind", kinds[m->kind]);
    if (m->kind == MATCH_EXACT || m->kind == MATCH_RELATED)
        json_object_set_new(o, "skill", json_string(m->skill));
    if (m->kind == MATCH_HOURS) {
        json_object_set_new(o, "free", json_integer(m->a));
        json_object_set_new(o, "needed", json_integer(m->b));
    }
    if (m->kind == MATCH_LOAD)
        json_object_set_new(o, "asked", json_integer(m->a));
    return o;
}

static json_t *candidate_json(const struct match_candidate *c)
{
    json_t *reasons = json_array();
    for (int i = 0; i < c->n_reasons; i++)
        json_array_append_new(reasons, reason_json(&c->reasons[i]));
    return json_pack("{s:I, s:s, s:s, s:s, s:i, s:i, s:i, s:o, s:o}", "person_id",
                     (json_int_t)c->person_id, "display_name", c->display_name, "skill",
                     c->skill_code, "level", c->level, "score", c->score, "free_hours",
                     c->free_hours, "load", c->load, "invitation",
                     json_string_or_null(c->invite_status), "explanation", reasons);
}

enum err api_skill_need_matches(struct req *r)
{
    struct match_candidate *items;
    int n;
    enum err e =
        match_find(r->db, r->arena, req_in_int(r, "id", 0), &r->actor, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, candidate_json(&items[i]));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

static json_t *invite_json(const struct match_invite *m)
{
    json_t *o = json_pack("{s:I, s:I, s:I, s:s, s:s, s:i, s:I, s:s, s:I, s:s, s:s, s:s, s:I}", "id",
                          (json_int_t)m->id, "need_id", (json_int_t)m->need_id, "initiative_id",
                          (json_int_t)m->initiative_id, "initiative_title", m->initiative_title,
                          "skill", m->skill_code, "hours_month", m->hours_month, "person_id",
                          (json_int_t)m->person_id, "display_name", m->person_name, "invited_by",
                          (json_int_t)m->invited_by, "inviter_name", m->inviter_name, "message",
                          m->message, "status", m->status, "created_at", (json_int_t)m->created_at);
    json_object_set_new(o, "answered_at",
                        m->answered_at ? json_integer(m->answered_at) : json_null());
    json_object_set_new(o, "pledge_id", m->pledge_id ? json_integer(m->pledge_id) : json_null());
    json_object_set_new(o, "message_hidden", json_string_or_null(m->message_hidden));
    return o;
}

static enum err reply_invites(struct req *r, const struct match_invite *items, int n)
{
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, invite_json(&items[i]));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

static enum err reply_invite(struct req *r, int status, int64_t id)
{
    struct match_invite m;
    enum err e = match_invite_get(r->db, r->arena, id, &m, &r->fault);
    return e != ERR_OK ? e : json_reply(r, status, invite_json(&m));
}

enum err api_match_invitations_for_need(struct req *r)
{
    struct match_invite *items;
    int n;
    enum err e = match_invite_for_need(r->db, r->arena, req_in_int(r, "id", 0), &r->actor, &items,
                                       &n, &r->fault);
    return e != ERR_OK ? e : reply_invites(r, items, n);
}

enum err api_match_invite(struct req *r)
{
    int64_t id = 0;
    enum err e = match_invite_send(r->db, req_in_int(r, "id", 0), req_in_int(r, "person_id", 0),
                                   req_in(r, "message"), &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_invite(r, 201, id);
}

enum err api_my_match_invitations(struct req *r)
{
    struct match_invite *items;
    int n;
    enum err e = match_invite_mine(r->db, r->arena, &r->actor, &items, &n, &r->fault);
    return e != ERR_OK ? e : reply_invites(r, items, n);
}

enum err api_match_accept(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = match_invite_answer(r->db, id, true, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_invite(r, 200, id);
}

enum err api_match_decline(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = match_invite_answer(r->db, id, false, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_invite(r, 200, id);
}
