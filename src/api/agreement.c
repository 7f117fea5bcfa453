/* Cooperation agreements through the API (DESIGN.md §3), the twin of
 * web/agreement.c:
 *   GET  /api/v1/agreements                          the list (?party_kind=&party=)
 *   POST /api/v1/agreements                          draft one
 *   GET  /api/v1/agreements/{id}                     one, with its current version
 *   GET  /api/v1/agreements/{id}/versions/{version}  an earlier version
 *   POST /api/v1/agreements/{id}/versions            revise: a new version
 *   POST /api/v1/agreements/{id}/signatures          sign for a party
 *   POST /api/v1/agreements/{id}/end                 end or terminate it
 * Parties, initiatives, commitments and responsibilities are arrays of the
 * JSON body, read here; the model decides who may and what is valid.
 * Shapes: docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>
#include <string.h>

#include "core/arena.h"
#include "model/agreement.h"
#include "render/json.h"
#include "render/req.h"

static json_t *version_json(const struct agreement_version *v)
{
    const struct agreement_text *t = &v->text;
    json_t *commitments = json_array(), *duties = json_array();
    for (int i = 0; i < t->n_commitments; i++) {
        const struct agreement_commitment *c = &t->commitments[i];
        json_t *o = json_pack("{s:i, s:s, s:s}", "party", c->party, "kind", c->kind, "text",
                              c->text ? c->text : "");
        json_object_set_new(o, "amount", c->amount >= 0 ? json_integer(c->amount) : json_null());
        json_array_append_new(commitments, o);
    }
    for (int i = 0; i < t->n_duties; i++)
        json_array_append_new(duties, json_pack("{s:i, s:s}", "party", t->duties[i].party,
                                                "subject", t->duties[i].subject));
    json_t *o = json_pack("{s:i, s:s, s:s, s:s, s:s, s:o, s:o, s:I, s:I}", "version", v->version,
                          "title", t->title, "purpose", t->purpose, "term_from", t->term_from,
                          "term_to", t->term_to, "commitments", commitments, "responsibilities",
                          duties, "created_by", (json_int_t)v->created_by, "created_at",
                          (json_int_t)v->created_at);
    json_object_set_new(o, "created_capacity", json_string_or_null(v->created_capacity));
    return o;
}

static json_t *party_json(const struct agreement_party *p, int index)
{
    json_t *o = json_pack("{s:i, s:s, s:s}", "index", index, "kind", p->kind, "name", p->name);
    if (strcmp(p->kind, "collective") == 0)
        json_object_set_new(o, "id", json_integer(p->collective_id));
    else if (strcmp(p->kind, "organisation") == 0)
        json_object_set_new(o, "id", json_integer(p->organisation_id));
    else
        json_object_set_new(o, "code", json_string(p->gemeente_code));
    return o;
}

static json_t *agreement_json(struct req *r, const struct agreement *ag)
{
    json_t *parties = json_array(), *initiatives = json_array(), *signatures = json_array();
    for (int i = 0; i < ag->n_parties; i++)
        json_array_append_new(parties, party_json(&ag->parties[i], i));
    for (int i = 0; i < ag->n_initiatives; i++)
        json_array_append_new(initiatives, json_integer(ag->initiatives[i]));
    for (int i = 0; i < ag->n_signatures; i++) {
        const struct agreement_signature *s = &ag->signatures[i];
        json_t *o = json_pack("{s:i, s:i, s:I, s:s, s:I}", "version", s->version, "party",
                              s->party, "person_id", (json_int_t)s->person_id, "display_name",
                              s->person_name, "signed_at", (json_int_t)s->signed_at);
        json_object_set_new(o, "capacity", json_string_or_null(s->capacity));
        json_array_append_new(signatures, o);
    }
    const char *today = agreement_today(r->arena, r->actor.now);
    json_t *o = json_pack("{s:I, s:s, s:i, s:o, s:o, s:o, s:o, s:I, s:I}", "id",
                          (json_int_t)ag->id, "status", agreement_state(ag, today), "version",
                          ag->version, "parties", parties, "initiatives", initiatives, "current",
                          version_json(&ag->current), "signatures", signatures, "created_at",
                          (json_int_t)ag->created_at, "updated_at", (json_int_t)ag->updated_at);
    json_object_set_new(o, "end_reason", json_string_or_null(ag->end_reason));
    return o;
}

static enum err reply_one(struct req *r, int status, int64_t id)
{
    struct agreement ag;
    enum err e = agreement_get(r->db, r->arena, id, &ag, &r->fault);
    return e != ERR_OK ? e : json_reply(r, status, agreement_json(r, &ag));
}

enum err api_agreements_list(struct req *r)
{
    struct agreement_row *items = NULL;
    int n = 0;
    const char *today = agreement_today(r->arena, r->actor.now);
    enum err e = agreement_list(r->db, r->arena, req_in(r, "party_kind"), req_in(r, "party"),
                                today, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(
            list, json_pack("{s:I, s:s, s:s, s:i, s:s, s:s, s:s}", "id", (json_int_t)items[i].id,
                            "title", items[i].title, "status", items[i].status, "version",
                            items[i].version, "term_from", items[i].term_from, "term_to",
                            items[i].term_to, "parties", items[i].parties));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

static const char *str_of(json_t *o, const char *key, struct arena *a)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? arena_strdup(a, s) : NULL;
}

/* An array of the body: absent (n 0), or at most max elements. */
static enum err array_of(struct req *r, const char *key, size_t max, json_t **arr, size_t *n)
{
    json_t *v = r->json ? json_object_get(r->json, key) : NULL;
    *arr = v;
    *n = 0;
    if (!v || json_is_null(v))
        return ERR_OK;
    if (!json_is_array(v) || json_array_size(v) > max)
        return req_fail(r, ERR_INVALID, key, N_("Give this as a list, and not too long: see the API description."));
    *n = json_array_size(v);
    return ERR_OK;
}

static enum err read_items(struct req *r, struct agreement_text *t)
{
    json_t *arr;
    size_t n;
    enum err e = array_of(r, "commitments", AGREEMENT_ITEMS_MAX, &arr, &n);
    struct agreement_commitment *c = arena_array(r->arena, n + 1, sizeof *c);
    for (size_t i = 0; e == ERR_OK && i < n; i++) {
        json_t *o = json_array_get(arr, i), *amount = json_object_get(o, "amount");
        if (!json_is_object(o) || !json_is_integer(json_object_get(o, "party")) ||
            (amount && !json_is_null(amount) && !json_is_integer(amount)))
            return req_fail(r, ERR_INVALID, "commitments",
                            N_("Give each commitment as a party (its index), a kind, an "
                               "optional whole amount and a text."));
        c[i] = (struct agreement_commitment){
            .party = (int)json_integer_value(json_object_get(o, "party")),
            .kind = str_of(o, "kind", r->arena),
            .amount = json_is_integer(amount) ? (int64_t)json_integer_value(amount) : -1,
            .text = str_of(o, "text", r->arena)};
    }
    t->commitments = c;
    t->n_commitments = (int)n;
    if (e == ERR_OK)
        e = array_of(r, "responsibilities", AGREEMENT_ITEMS_MAX, &arr, &n);
    struct agreement_duty *d = arena_array(r->arena, n + 1, sizeof *d);
    for (size_t i = 0; e == ERR_OK && i < n; i++) {
        json_t *o = json_array_get(arr, i);
        if (!json_is_object(o) || !json_is_integer(json_object_get(o, "party")))
            return req_fail(r, ERR_INVALID, "responsibilities",
                            N_("Give each responsibility as a party (its index) and a subject."));
        d[i] = (struct agreement_duty){.party = (int)json_integer_value(json_object_get(o, "party")),
                                       .subject = str_of(o, "subject", r->arena)};
    }
    t->duties = d;
    t->n_duties = e == ERR_OK ? (int)n : 0;
    return e;
}

static enum err read_text(struct req *r, struct agreement_text *t)
{
    *t = (struct agreement_text){.title = req_in(r, "title"),
                                 .purpose = req_in(r, "purpose"),
                                 .term_from = req_in(r, "term_from"),
                                 .term_to = req_in(r, "term_to")};
    return read_items(r, t);
}

static enum err read_parties(struct req *r, struct agreement_party **out, int *n_out)
{
    json_t *arr;
    size_t n;
    enum err e = array_of(r, "parties", AGREEMENT_PARTIES_MAX, &arr, &n);
    struct agreement_party *p = arena_array(r->arena, n + 1, sizeof *p);
    for (size_t i = 0; e == ERR_OK && i < n; i++) {
        json_t *o = json_array_get(arr, i);
        const char *kind = json_is_object(o) ? str_of(o, "kind", r->arena) : NULL;
        json_int_t id = json_integer_value(json_object_get(o, "id"));
        if (!kind)
            return req_fail(r, ERR_INVALID, "parties",
                            N_("Give each party as a kind (collective, organisation or gemeente) "
                               "with its id or code."));
        p[i] = (struct agreement_party){.kind = kind};
        if (strcmp(kind, "collective") == 0)
            p[i].collective_id = id;
        else if (strcmp(kind, "organisation") == 0)
            p[i].organisation_id = id;
        else
            p[i].gemeente_code = str_of(o, "code", r->arena);
    }
    *out = p;
    *n_out = (int)n;
    return e;
}

static enum err read_initiatives(struct req *r, int64_t **out, int *n_out)
{
    json_t *arr;
    size_t n;
    enum err e = array_of(r, "initiatives", AGREEMENT_INITIATIVES_MAX, &arr, &n);
    int64_t *v = arena_array(r->arena, n + 1, sizeof *v);
    for (size_t i = 0; e == ERR_OK && i < n; i++) {
        json_t *x = json_array_get(arr, i);
        if (!json_is_integer(x))
            return req_fail(r, ERR_INVALID, "initiatives",
                            N_("Give initiatives as a list of their numbers."));
        v[i] = json_integer_value(x);
    }
    *out = v;
    *n_out = (int)n;
    return e;
}

enum err api_agreement_draft(struct req *r)
{
    struct agreement_party *parties = NULL;
    int64_t *initiatives = NULL;
    int np = 0, ni = 0;
    struct agreement_text t;
    int64_t id = 0;
    enum err e = read_parties(r, &parties, &np);
    if (e == ERR_OK)
        e = read_initiatives(r, &initiatives, &ni);
    if (e == ERR_OK)
        e = read_text(r, &t);
    if (e == ERR_OK)
        e = agreement_draft(r->db, parties, np, initiatives, ni, &t, &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 201, id);
}

enum err api_agreement_get(struct req *r)
{
    return reply_one(r, 200, req_in_int(r, "id", 0));
}

enum err api_agreement_version(struct req *r)
{
    struct agreement_version v;
    enum err e = agreement_version_get(r->db, r->arena, req_in_int(r, "id", 0),
                                       (int)req_in_int(r, "version", 0), &v, &r->fault);
    return e != ERR_OK ? e : json_reply(r, 200, version_json(&v));
}

enum err api_agreement_revise(struct req *r)
{
    struct agreement_text t;
    int64_t id = req_in_int(r, "id", 0);
    enum err e = read_text(r, &t);
    if (e == ERR_OK)
        e = agreement_revise(r->db, id, (int)req_in_int(r, "expected_version", 0), &t, &r->actor,
                             NULL, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 201, id);
}

enum err api_agreement_sign(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = agreement_sign(r->db, id, (int)req_in_int(r, "version", 0),
                                (int)req_in_int(r, "party", -1), &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 201, id);
}

enum err api_agreement_end(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = agreement_end(r->db, id, req_in(r, "reason"), &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_one(r, 200, id);
}
