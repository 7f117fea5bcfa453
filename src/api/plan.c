/* An initiative's plan through the API (DESIGN.md §3), the twin of
 * web/plan.c:
 *   GET  /api/v1/initiatives/{id}/tasks      its tasks, each with its matrix
 *   POST /api/v1/initiatives/{id}/tasks      a new task {"title", "due_on", "responsible_id"}
 *   GET  /api/v1/tasks/{id}                  one task
 *   PUT  /api/v1/tasks/{id}                  its status and due date
 *   POST /api/v1/tasks/{id}/consent          ask a pledger to hold it {"person_id"}
 *   PUT  /api/v1/tasks/{id}/consent          answer that {"answer": "accept" | "decline"}
 *   POST /api/v1/tasks/{id}/take-on          hold it oneself
 *   PUT  /api/v1/tasks/{id}/matrix           its RACI matrix {"matrix": "12:A,15:R,20:C"}
 *   GET  /api/v1/initiatives/{id}/questions  the responsibility questions
 *   POST /api/v1/initiatives/{id}/questions  ask one {"question", "put_to", ...}
 *   POST /api/v1/questions/{id}/answer       answer one {"answer"}
 * The requests to hold a task are shown to the initiators and to the
 * person asked only. The model decides who may and what is valid. */
#include "api/api.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "model/initiative.h"
#include "model/responsibility.h"
#include "model/task.h"
#include "render/json.h"
#include "render/req.h"

/* What a task's JSON shows besides the task itself. */
struct plan_view {
    const struct raci_entry *matrix;
    int n_matrix;
    const struct task_consent *consents;
    int n_consents;
    enum relation rel; /* the viewer's relation to the initiative */
    int64_t viewer;
};

static json_t *task_json(const struct task *t, const struct plan_view *v)
{
    json_t *o =
        json_pack("{s:I, s:I, s:s, s:s, s:I, s:I}", "id", (json_int_t)t->id, "initiative_id",
                  (json_int_t)t->initiative_id, "title", t->title, "status", t->status,
                  "created_by", (json_int_t)t->created_by, "updated_at", (json_int_t)t->updated_at);
    json_object_set_new(o, "due_on", json_string_or_null(t->due_on));
    json_object_set_new(o, "responsible_id",
                        t->responsible_id ? json_integer(t->responsible_id) : json_null());
    json_object_set_new(o, "responsible_name", json_string_or_null(t->responsible_name));
    json_t *m = json_array(), *c = json_array();
    for (int i = 0; i < v->n_matrix; i++)
        if (v->matrix[i].task_id == t->id)
            json_array_append_new(m, json_pack("{s:I, s:s, s:s#}", "person_id",
                                               (json_int_t)v->matrix[i].person_id, "display_name",
                                               v->matrix[i].person_name, "letter",
                                               &v->matrix[i].letter, 1));
    for (int i = 0; i < v->n_consents; i++) {
        const struct task_consent *k = &v->consents[i];
        if (k->task_id == t->id && (v->rel == REL_INITIATOR || k->person_id == v->viewer))
            json_array_append_new(c, json_pack("{s:I, s:s, s:s, s:I}", "person_id",
                                               (json_int_t)k->person_id, "display_name",
                                               k->person_name, "status", k->status, "asked_at",
                                               (json_int_t)k->asked_at));
    }
    json_object_set_new(o, "matrix", m);
    json_object_set_new(o, "consents", c);
    return o;
}

/* The matrix, requests and viewer's relation of initiative_id. */
static enum err view_of(struct req *r, int64_t initiative_id, struct plan_view *v)
{
    *v = (struct plan_view){.viewer = r->actor.person_id, .rel = REL_OTHER};
    enum err e = responsibility_matrix(r->db, r->arena, initiative_id,
                                       (struct raci_entry **)&v->matrix, &v->n_matrix, &r->fault);
    if (e == ERR_OK)
        e = task_consents(r->db, r->arena, initiative_id, (struct task_consent **)&v->consents,
                          &v->n_consents, &r->fault);
    if (e == ERR_OK && r->actor.person_id)
        e = initiative_relation(r->db, initiative_id, &r->actor, &v->rel, &r->fault);
    return e;
}

static enum err reply_task(struct req *r, int status, int64_t id)
{
    struct task t;
    struct plan_view v;
    enum err e = task_get(r->db, r->arena, id, &t, &r->fault);
    if (e == ERR_OK)
        e = view_of(r, t.initiative_id, &v);
    return e != ERR_OK ? e : json_reply(r, status, task_json(&t, &v));
}

enum err api_tasks_list(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct initiative in;
    struct task *items = NULL;
    int n = 0;
    struct plan_view v;
    enum err e = initiative_get(r->db, r->arena, id, &in, &r->fault);
    if (e == ERR_OK)
        e = task_list(r->db, r->arena, id, &items, &n, &r->fault);
    if (e == ERR_OK)
        e = view_of(r, id, &v);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, task_json(&items[i], &v));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

enum err api_task_create(struct req *r)
{
    int64_t id = 0;
    enum err e = task_create(r->db, req_in_int(r, "id", 0), req_in(r, "title"), req_in(r, "due_on"),
                             req_in_int(r, "responsible_id", 0), &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_task(r, 201, id);
}

enum err api_task_get(struct req *r)
{
    return reply_task(r, 200, req_in_int(r, "id", 0));
}

enum err api_task_update(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e =
        task_update(r->db, id, req_in(r, "status"), req_in(r, "due_on"), &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_task(r, 200, id);
}

enum err api_task_ask(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = task_ask(r->db, id, req_in_int(r, "person_id", 0), &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_task(r, 201, id);
}

enum err api_task_answer(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    const char *answer = req_in(r, "answer");
    bool accept = answer && strcmp(answer, "accept") == 0;
    if (!accept && (!answer || strcmp(answer, "decline") != 0))
        return req_fail(r, ERR_INVALID, "answer", "Answer accept or decline.");
    enum err e = task_answer(r->db, id, accept, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_task(r, 200, id);
}

enum err api_task_take_on(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = task_take_on(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_task(r, 200, id);
}

/* "12:A,15:R" into entries (from the arena); ERR_INVALID, field
 * "matrix", for anything else. The letters are the model's to check. */
static enum err matrix_parse(struct req *r, const char *text, struct raci_entry **out, int *n)
{
    *n = 0;
    *out = arena_array(r->arena, RESPONSIBILITY_MATRIX_MAX, sizeof **out);
    const char *p = text ? text : "";
    while (isdigit((unsigned char)*p) && *n < RESPONSIBILITY_MATRIX_MAX) {
        char *end;
        long long person = strtoll(p, &end, 10);
        if (*end != ':' || !end[1])
            break;
        (*out)[(*n)++] = (struct raci_entry){.person_id = person, .letter = end[1]};
        p = end + 2;
        if (*p == '\0')
            return ERR_OK;
        if (*p++ != ',')
            break;
    }
    return req_fail(r, ERR_INVALID, "matrix",
                    "Write the matrix as person:letter pairs, such as 12:A,15:R,20:C.");
}

enum err api_task_matrix(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct raci_entry *m = NULL;
    int n = 0;
    enum err e = matrix_parse(r, req_in(r, "matrix"), &m, &n);
    if (e == ERR_OK)
        e = responsibility_set_matrix(r->db, id, m, n, &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_task(r, 200, id);
}

static json_t *question_json(const struct responsibility_question *q)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:I, s:I, s:s}", "id", (json_int_t)q->id,
                          "initiative_id", (json_int_t)q->initiative_id, "question", q->question,
                          "asked_by", (json_int_t)q->asked_by, "asked_at", (json_int_t)q->asked_at,
                          "put_to", q->put_to);
    json_object_set_new(o, "asked_capacity", json_string_or_null(q->asked_capacity));
    json_object_set_new(o, "put_to_person",
                        q->put_to_person ? json_integer(q->put_to_person) : json_null());
    json_object_set_new(o, "put_to_organisation",
                        q->put_to_organisation ? json_integer(q->put_to_organisation)
                                               : json_null());
    json_object_set_new(o, "put_to_gemeente", json_string_or_null(q->put_to_gemeente));
    json_object_set_new(o, "put_to_name", json_string_or_null(q->put_to_name));
    json_object_set_new(o, "answer", json_string_or_null(q->answer));
    json_object_set_new(o, "answered_by",
                        q->answered_by ? json_integer(q->answered_by) : json_null());
    json_object_set_new(o, "answered_capacity", json_string_or_null(q->answered_capacity));
    json_object_set_new(o, "answered_at",
                        q->answered_at ? json_integer(q->answered_at) : json_null());
    return o;
}

enum err api_questions_list(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct initiative in;
    struct responsibility_question *items = NULL;
    int n = 0;
    enum err e = initiative_get(r->db, r->arena, id, &in, &r->fault);
    if (e == ERR_OK)
        e = responsibility_list(r->db, r->arena, id, &items, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, question_json(&items[i]));
    return json_reply(r, 200, json_pack("{s:o}", "items", list));
}

static enum err reply_question(struct req *r, int status, int64_t id)
{
    struct responsibility_question q;
    enum err e = responsibility_get(r->db, r->arena, id, &q, &r->fault);
    return e != ERR_OK ? e : json_reply(r, status, question_json(&q));
}

enum err api_question_ask(struct req *r)
{
    struct responsibility_target t = {.put_to = req_in(r, "put_to"),
                                      .person_id = req_in_int(r, "person_id", 0),
                                      .organisation_id = req_in_int(r, "organisation_id", 0),
                                      .gemeente = req_in(r, "gemeente")};
    int64_t id = 0;
    enum err e = responsibility_ask(r->db, req_in_int(r, "id", 0), req_in(r, "question"), &t,
                                    &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : reply_question(r, 201, id);
}

enum err api_question_answer(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = responsibility_answer(r->db, id, req_in(r, "answer"), &r->actor, &r->fault);
    return e != ERR_OK ? e : reply_question(r, 200, id);
}
