/* Decisions through the API (DESIGN.md §3), the twin of web/decision.c:
 *   GET  /api/v1/collectives/{id}/decisions   a collective's decisions
 *   POST /api/v1/collectives/{id}/decisions   propose one there
 *   GET  /api/v1/initiatives/{id}/decisions   an initiative's decisions
 *   POST /api/v1/initiatives/{id}/decisions   propose one there
 *   GET  /api/v1/decisions/{id}               one, with options, objections
 *                                             and the caller's own vote
 *   PUT  /api/v1/decisions/{id}               amend a consent proposal
 *   POST /api/v1/decisions/{id}/votes         vote (choice, or dots_1..20)
 *   POST /api/v1/decisions/{id}/objections    object with a reason
 *   POST /api/v1/decisions/{id}/close         close it before its time
 *   POST /api/v1/decisions/{id}/settle        resolve or withdraw one's
 *                                             objection (objection, how)
 * The voter, objector and proposer are always the signed-in person; the
 * model decides who may and what is valid. Shapes: docs/openapi.json. */
#include "api/api.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "model/decision.h"
#include "model/decision_vote.h"
#include "render/json.h"
#include "render/req.h"

static json_t *id_or_null(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

static json_t *tally_json(const struct decision *d)
{
    const struct decision_tally *t = &d->tally;
    if (!t->shown)
        return json_null();
    json_t *o = json_pack("{s:i, s:i, s:i}", "eligible", t->eligible, "votes", t->votes,
                          "objections", t->objections);
    if (strcmp(d->method, "majority") == 0) {
        json_object_set_new(o, "for", json_integer(t->votes_for));
        json_object_set_new(o, "against", json_integer(t->votes_against));
        json_object_set_new(o, "abstain", json_integer(t->votes_abstain));
    }
    return o;
}

static json_t *options_json(const struct decision *d)
{
    json_t *list = json_array();
    for (int i = 0; i < d->n_options; i++) {
        const struct decision_option *o = &d->options[i];
        json_array_append_new(list, json_pack("{s:I, s:i, s:s, s:o}", "id", (json_int_t)o->id,
                                              "position", o->position, "label", o->label, "dots",
                                              o->dots < 0 ? json_null() : json_integer(o->dots)));
    }
    return list;
}

static json_t *decision_json(const struct decision *d)
{
    json_t *o = json_pack(
        "{s:I, s:o, s:o, s:s, s:s, s:s, s:i, s:b, s:i, s:I, s:s, s:I, s:I, s:b, s:b}", "id",
        (json_int_t)d->id, "collective_id", id_or_null(d->collective_id), "initiative_id",
        id_or_null(d->initiative_id), "title", d->title, "body", d->body, "method", d->method,
        "quorum_percent", d->quorum_percent, "hide_results", d->hide_results, "version", d->version,
        "proposed_by", (json_int_t)d->proposed_by, "proposer_name", d->proposer_name, "created_at",
        (json_int_t)d->created_at, "closes_at", (json_int_t)d->closes_at, "closed", d->closed,
        "recorded", d->recorded);
    json_object_set_new(o, "dots", d->dots ? json_integer(d->dots) : json_null());
    json_object_set_new(o, "scope_name", json_string_or_null(d->scope_name));
    json_object_set_new(o, "closed_at", d->closed ? json_integer(d->closed_at) : json_null());
    json_object_set_new(o, "closed_by", id_or_null(d->closed_by));
    json_object_set_new(o, "outcome", json_string_or_null(d->tally.outcome));
    json_object_set_new(o, "count", tally_json(d));
    return o;
}

static json_t *objection_json(const struct decision_objection *o)
{
    json_t *j = json_pack("{s:I, s:i, s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)o->id, "version",
                          o->version, "person_id", (json_int_t)o->person_id, "person_name",
                          o->person_name, "reason", o->reason, "status", o->status, "created_at",
                          (json_int_t)o->created_at);
    json_object_set_new(j, "settled_at", o->settled_at ? json_integer(o->settled_at) : json_null());
    return j;
}

static enum err list(struct req *r, int64_t collective_id, int64_t initiative_id)
{
    struct decision *items = NULL;
    int n = 0;
    enum err e = decision_list(r->db, r->arena, collective_id, initiative_id, r->actor.now, &items,
                               &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, decision_json(&items[i]));
    return json_reply(r, 200, json_pack("{s:o}", "items", arr));
}

enum err api_collective_decisions(struct req *r)
{
    return list(r, req_in_int(r, "id", 0), 0);
}

enum err api_initiative_decisions(struct req *r)
{
    return list(r, 0, req_in_int(r, "id", 0));
}

static struct decision_input input_of(struct req *r, int64_t collective_id, int64_t initiative_id)
{
    const char **options = NULL;
    int n = decision_split_options(r->arena, req_in(r, "options"), &options);
    const char *hide = req_in(r, "hide_results");
    return (struct decision_input){
        .collective_id = collective_id,
        .initiative_id = initiative_id,
        .title = req_in(r, "title"),
        .body = req_in(r, "body"),
        .method = req_in(r, "method"),
        .quorum_percent = (int)req_in_int(r, "quorum", 0),
        .dots = (int)req_in_int(r, "dots", 0),
        .hide_results = hide && (strcmp(hide, "true") == 0 || strcmp(hide, "1") == 0 ||
                                 strcmp(hide, "on") == 0),
        .closes_at = req_in_int(r, "closes_at", 0),
        .options = options,
        .n_options = n,
    };
}

static enum err reply_one(struct req *r, int status, int64_t id)
{
    struct decision d;
    struct decision_objection *objections = NULL;
    int n = 0;
    enum err e = decision_get(r->db, r->arena, id, r->actor.now, &d, &r->fault);
    if (e == ERR_OK)
        e = decision_objections(r->db, r->arena, id, &objections, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *o = decision_json(&d);
    json_object_set_new(o, "options", options_json(&d));
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, objection_json(&objections[i]));
    json_object_set_new(o, "objections", arr);
    struct decision_my_vote mine;
    bool found = false;
    if (r->actor.person_id &&
        decision_my_vote(r->db, r->arena, id, r->actor.person_id, &mine, &found, NULL) == ERR_OK &&
        found)
        json_object_set_new(
            o, "my_vote", json_pack("{s:s, s:i}", "choice", mine.choice, "version", mine.version));
    return json_reply(r, status, o);
}

static enum err propose(struct req *r, int64_t collective_id, int64_t initiative_id)
{
    struct decision_input in = input_of(r, collective_id, initiative_id);
    int64_t id = 0;
    enum err e = decision_propose(r->db, &in, &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 201, id);
}

enum err api_collective_decision_propose(struct req *r)
{
    return propose(r, req_in_int(r, "id", 0), 0);
}

enum err api_initiative_decision_propose(struct req *r)
{
    return propose(r, 0, req_in_int(r, "id", 0));
}

enum err api_decision_get(struct req *r)
{
    return reply_one(r, 200, req_in_int(r, "id", 0));
}

enum err api_decision_amend(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e =
        decision_amend(r->db, id, req_in(r, "title"), req_in(r, "body"), &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

/* The dots of the fields dots_1..dots_20 into dots; the number up to the
 * last one given. */
static int dots_of(struct req *r, int *dots)
{
    int n = 0;
    for (int i = 0; i < DECISION_OPTIONS_MAX; i++) {
        char name[16];
        snprintf(name, sizeof name, "dots_%d", i + 1);
        dots[i] = (int)req_in_int(r, name, 0);
        if (req_in(r, name))
            n = i + 1;
    }
    return n;
}

enum err api_decision_vote(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    int dots[DECISION_OPTIONS_MAX];
    struct decision_ballot b = {.choice = req_in(r, "choice"), .dots = dots};
    b.n_dots = dots_of(r, dots);
    enum err e = decision_vote(r->db, id, &b, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 201, id);
}

enum err api_decision_object(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = decision_object(r->db, id, req_in(r, "reason"), &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 201, id);
}

enum err api_decision_close(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = decision_close(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}

enum err api_decision_settle(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = decision_objection_settle(r->db, id, req_in_int(r, "objection", 0),
                                           req_in(r, "how"), &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}
