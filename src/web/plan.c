/* An initiative's plan (DESIGN.md §3), during its execution phase:
 *   GET  /initiatives/{id}/plan        its tasks with holder, status and
 *                                      RACI matrix, the requests to hold a
 *                                      task (the initiators and the person
 *                                      asked see them), the form for a new
 *                                      task (initiators), and the register
 *                                      of responsibility questions
 *   POST /initiatives/{id}/plan        a new task
 *   POST /initiatives/{id}/questions   ask a responsibility question
 *   GET|POST /questions/{id}/answer    answer one
 * The task's own page and its forms are web/task.c. Every POST answers 303;
 * a refused form is shown again by the dispatcher with the message next to
 * its field. Who may is the model's word (model/task.h, responsibility.h);
 * the pages ask the policy only to choose which forms to show. */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/organisation.h"
#include "model/responsibility.h"
#include "model/task.h"
#include "render/byline.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

static const char *const status_names[] = {N_("Open"), N_("In progress"), N_("Done"),
                                           N_("Dropped")};

const char *web_task_status_label(const struct req *r, const char *status)
{
    const char *const *statuses = task_statuses();
    for (size_t i = 0; statuses[i] && i < sizeof status_names / sizeof status_names[0]; i++)
        if (status && strcmp(statuses[i], status) == 0)
            return T(r, status_names[i]);
    return status ? status : "";
}

static enum err see_other(struct req *r, const char *href)
{
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Plan"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

/* The error of a refused post at the top of the page, unless it belongs
 * next to one of the page's inputs (fields, NULL-terminated): a refusal
 * (403) or a state that does not allow it (409) is said even when the page
 * shows no form for it. */
static void error_summary(struct req *r, const char *const *fields)
{
    if (r->fault.code == ERR_OK)
        return;
    for (size_t i = 0; r->fault.field && fields[i]; i++)
        if (strcmp(r->fault.field, fields[i]) == 0)
            return;
    html_fmt(&r->resp.body,
             "<div class=\"form-errors\" role=\"alert\"><p><strong>%s</strong> %s</p></div>\n",
             T(r, "This did not work:"), errmsg_text(r));
}

static void done_note(struct req *r)
{
    const char *done = req_in(r, "done");
    if (!done || r->fault.code != ERR_OK)
        return;
    const char *text = strcmp(done, "task") == 0    ? T(r, "The task has been added to the plan.")
                       : strcmp(done, "asked") == 0 ? T(r, "Your question has been recorded.")
                                                    : T(r, "Your answer has been recorded.");
    html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n", text);
}

/* Whether act may take action on the initiative (the policy's word for
 * choosing what to show; the model decides on the write). */
static bool may(struct req *r, int64_t initiative_id, enum action action)
{
    enum relation rel = REL_OTHER;
    return r->actor.person_id &&
           initiative_relation(r->db, initiative_id, &r->actor, &rel, NULL) == ERR_OK &&
           capacity_check(r->db, &r->actor, action, rel, NULL) == ERR_OK;
}

/* "A: Ann; R: Bob, Cor" for one task. */
static void matrix_cell(struct req *r, int64_t task_id, const struct raci_entry *m, int n)
{
    struct buf *b = &r->resp.body;
    char last = 0;
    for (int i = 0; i < n; i++) {
        if (m[i].task_id != task_id)
            continue;
        if (m[i].letter != last)
            html_fmt(b, "%s<abbr title=\"%s\">%s</abbr>: ", last ? "; " : "",
                     m[i].letter == 'A'   ? T(r, "accountable")
                     : m[i].letter == 'R' ? T(r, "responsible")
                     : m[i].letter == 'C' ? T(r, "consulted")
                                          : T(r, "informed"),
                     (char[]){m[i].letter, '\0'});
        else
            html_raw_trusted(b, ", ");
        html_text(b, m[i].person_name);
        last = m[i].letter;
    }
}

static void task_table(struct req *r, const struct task *items, int n, const struct raci_entry *m,
                       int nm)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"tasks\">%s</h2>\n", T(r, "Tasks"));
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "There are no tasks yet."));
        return;
    }
    html_fmt(b,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "The tasks of the plan, with who is responsible (R), accountable (A), "
                  "consulted (C) and informed (I)"),
             T(r, "Task"), T(r, "Due"), T(r, "Held by"), T(r, "Status"), T(r, "Matrix"));
    for (int i = 0; i < n; i++) {
        const struct task *t = &items[i];
        html_fmt(b,
                 "<tr><td><a href=\"/tasks/%lld\">%s</a></td><td>%s</td><td>%s</td>"
                 "<td>%s</td><td>",
                 (long long)t->id, t->title, t->due_on ? t->due_on : "",
                 t->responsible_name ? t->responsible_name : T(r, "nobody yet"),
                 web_task_status_label(r, t->status));
        matrix_cell(r, t->id, m, nm);
        html_raw_trusted(b, "</td></tr>\n");
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

/* The requests to hold a task that the viewer may see: all of them for
 * the initiators, one's own for the person asked. */
static void consent_list(struct req *r, int64_t initiative_id, const struct task *tasks, int nt)
{
    struct task_consent *c = NULL;
    int n = 0;
    bool all = may(r, initiative_id, ACT_TASK_ASSIGN);
    if (!r->actor.person_id ||
        task_consents(r->db, r->arena, initiative_id, &c, &n, NULL) != ERR_OK)
        return;
    struct buf *b = &r->resp.body;
    bool any = false;
    for (int i = 0; i < n; i++) {
        if (!all && c[i].person_id != r->actor.person_id)
            continue;
        if (!any)
            html_fmt(b, "<h2 id=\"consents\">%s</h2>\n<ul>\n", T(r, "Requests to hold a task"));
        any = true;
        const char *title = "";
        for (int j = 0; j < nt; j++)
            if (tasks[j].id == c[i].task_id)
                title = tasks[j].title;
        html_fmt(b, "<li><a href=\"/tasks/%lld\">%s</a>: ", (long long)c[i].task_id, title);
        html_fill(b,
                  strcmp(c[i].status, "asked") == 0      ? T(r, "%s was asked to hold it.")
                  : strcmp(c[i].status, "accepted") == 0 ? T(r, "%s agreed to hold it.")
                                                         : T(r, "%s declined."),
                  c[i].person_name, NULL);
        html_raw_trusted(b, "</li>\n");
    }
    if (any)
        html_raw_trusted(b, "</ul>\n");
}

static void task_form(struct req *r, int64_t initiative_id)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"new-task\">%s</h2>\n", T(r, "Add a task"));
    form_begin(r, arena_printf(r->arena, "/initiatives/%" PRId64 "/plan", initiative_id));
    form_input(r, &(struct form_input){.name = "title",
                                       .label = T(r, "Task"),
                                       .type = "text",
                                       .maxlength = TASK_TITLE_MAX,
                                       .required = true});
    form_input(r, &(struct form_input){.name = "due_on",
                                       .label = T(r, "Due date"),
                                       .type = "date",
                                       .hint = T(r, "Optional.")});
    const char *hold = form_value(r, "hold");
    html_fmt(b,
             "<div class=\"field\">\n<input type=\"checkbox\" id=\"hold\" name=\"hold\" "
             "value=\"yes\"%s>\n<label for=\"hold\">%s</label>\n</div>\n",
             hold && *hold ? " checked" : "", T(r, "I hold this task myself"));
    html_fmt(b, "<p>%s</p>\n",
             T(r, "Someone else holds a task only after agreeing to it: add the task, then ask "
                  "a pledger on the task's page."));
    form_end(r, T(r, "Add the task"));
}

/* The register of responsibility questions. */
static void question_list(struct req *r, int64_t initiative_id)
{
    struct responsibility_question *q = NULL;
    int n = 0;
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"questions\">%s</h2>\n", T(r, "Questions of responsibility"));
    if (responsibility_list(r->db, r->arena, initiative_id, &q, &n, NULL) != ERR_OK || n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No questions have been asked yet."));
        return;
    }
    html_raw_trusted(b, "<ul class=\"questions\">\n");
    for (int i = 0; i < n; i++) {
        html_fmt(b, "<li><p><strong>%s</strong></p>\n<p>", q[i].question);
        html_fmt(b, "%s ", T(r, "Asked by"));
        byline_write(r, q[i].asked_by, q[i].asked_capacity);
        html_raw_trusted(b, "; ");
        html_fill(b, T(r, "put to %s."),
                  strcmp(q[i].put_to, "initiators") == 0
                      ? T(r, "the initiators")
                      : (q[i].put_to_name ? q[i].put_to_name : ""),
                  NULL);
        html_raw_trusted(b, "</p>\n");
        if (q[i].answer) {
            html_fmt(b, "<p>%s</p>\n<p>", q[i].answer);
            html_fmt(b, "%s ", T(r, "Answered by"));
            byline_write(r, q[i].answered_by, q[i].answered_capacity);
            html_raw_trusted(b, "</p>\n");
        } else if (r->actor.person_id) {
            html_fmt(b, "<p><a href=\"/questions/%lld/answer\">%s</a></p>\n", (long long)q[i].id,
                     T(r, "Answer this question"));
        }
        html_raw_trusted(b, "</li>\n");
    }
    html_raw_trusted(b, "</ul>\n");
}

static void option(struct req *r, const char *value, const char *label, const char *kept)
{
    struct buf *b = &r->resp.body;
    html_raw_trusted(b, "<option value=\"");
    html_attr(b, value);
    html_raw_trusted(b, kept && strcmp(kept, value) == 0 ? "\" selected>" : "\">");
    html_text(b, label);
    html_raw_trusted(b, "</option>\n");
}

/* Opens a labelled <select> with its error; the caller writes the options
 * and "</select></div>". */
static void select_begin(struct req *r, const char *name, const char *label)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<div class=\"field\">\n<label for=\"%s\">%s</label>\n", name, label);
    if (form_has_error(r, name))
        html_fmt(b, "<p class=\"field-error\" id=\"%s-error\">%s</p>\n", name, errmsg_text(r));
    html_fmt(b, "<select id=\"%s\" name=\"%s\"", name, name);
    if (form_has_error(r, name))
        html_fmt(b, " aria-describedby=\"%s-error\" aria-invalid=\"true\"", name);
    html_raw_trusted(b, ">\n");
}

static const char *id_text(struct req *r, int64_t id)
{
    return arena_printf(r->arena, "%" PRId64, id);
}

/* Whom a question can be put to: the initiators, a professional, an
 * organisation, the gemeente of one of the initiative's buurten. */
static void put_to_fields(struct req *r, const struct initiative *in)
{
    struct buf *b = &r->resp.body;
    struct capacity_person *pros = NULL;
    struct organisation *orgs = NULL;
    int npros = 0, norgs = 0;
    select_begin(r, "put_to", T(r, "Put the question to"));
    const char *kept = form_value(r, "put_to");
    option(r, "initiators", T(r, "the initiators"), kept);
    option(r, "professional", T(r, "a professional"), kept);
    option(r, "organisation", T(r, "an organisation"), kept);
    option(r, "gemeente", T(r, "the gemeente"), kept);
    html_raw_trusted(b, "</select>\n</div>\n");
    (void)capacity_people(r->db, r->arena, "professional", 200, &pros, &npros, NULL);
    select_begin(r, "person_id", T(r, "The professional (when put to a professional)"));
    kept = form_value(r, "person_id");
    option(r, "0", "-", kept);
    for (int i = 0; i < npros; i++)
        option(r, id_text(r, pros[i].id), pros[i].display_name, kept);
    html_raw_trusted(b, "</select>\n</div>\n");
    (void)organisation_list(r->db, r->arena, ORGANISATION_LIST_MAX, &orgs, &norgs, NULL);
    select_begin(r, "organisation_id", T(r, "The organisation (when put to an organisation)"));
    kept = form_value(r, "organisation_id");
    option(r, "0", "-", kept);
    for (int i = 0; i < norgs; i++)
        option(r, id_text(r, orgs[i].id), orgs[i].name, kept);
    html_raw_trusted(b, "</select>\n</div>\n");
    select_begin(r, "gemeente", T(r, "The gemeente (when put to the gemeente)"));
    kept = form_value(r, "gemeente");
    const char *seen[INITIATIVE_AREAS_MAX];
    int nseen = 0;
    for (int i = 0; i < in->n_areas && nseen < INITIATIVE_AREAS_MAX; i++) {
        const char *gm = NULL;
        bool dup = capacity_buurt_gemeente(r->db, r->arena, in->areas[i], &gm, NULL) != ERR_OK;
        for (int j = 0; !dup && j < nseen; j++)
            dup = strcmp(seen[j], gm) == 0;
        if (!dup)
            option(r, seen[nseen++] = gm, gm, kept);
    }
    html_raw_trusted(b, "</select>\n</div>\n");
}

static void question_form(struct req *r, const struct initiative *in)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h3 id=\"ask\">%s</h3>\n", T(r, "Ask a question of responsibility"));
    form_begin(r, arena_printf(r->arena, "/initiatives/%" PRId64 "/questions", in->id));
    html_fmt(b, "<div class=\"field\">\n<label for=\"question\">%s</label>\n", T(r, "Question"));
    if (form_has_error(r, "question"))
        html_fmt(b, "<p class=\"field-error\" id=\"question-error\">%s</p>\n", errmsg_text(r));
    html_fmt(b, "<p class=\"hint\" id=\"question-hint\">%s</p>\n",
             T(r, "For example: who is liable for the playground we built? Who holds the key?"));
    html_raw_trusted(b, "<textarea id=\"question\" name=\"question\" rows=\"3\" "
                        "aria-describedby=\"question-hint\">");
    html_text(b, form_value(r, "question"));
    html_raw_trusted(b, "</textarea>\n</div>\n");
    put_to_fields(r, in);
    form_end(r, T(r, "Ask the question"));
}

enum err web_plan_page(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct initiative in;
    struct task *tasks = NULL;
    struct raci_entry *m = NULL;
    int n = 0, nm = 0;
    enum err e = initiative_get(r->db, r->arena, id, &in, &r->fault);
    if (e == ERR_OK)
        e = task_list(r->db, r->arena, id, &tasks, &n, &r->fault);
    if (e == ERR_OK)
        e = responsibility_matrix(r->db, r->arena, id, &m, &nm, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Plan");
    const char *hub = arena_printf(r->arena, "/initiatives/%" PRId64, id);
    struct crumb crumbs[] = {{T(r, "Initiatives"), "/initiatives"}, {in.title, hub}, {title, NULL}};
    layout_begin_crumbs(r, arena_printf(r->arena, "%s: %s", title, in.title), crumbs, 3);
    html_raw_trusted(b, "<h1>");
    html_fill(b, T(r, "The plan of %s"), in.title, NULL);
    html_raw_trusted(b, "</h1>\n<p>");
    html_fill(b, T(r, "Phase: %s"), web_initiative_phase_label(r, in.phase), NULL);
    html_raw_trusted(b, "</p>\n");
    error_summary(r, (const char *const[]){"title", "due_on", "question", "put_to", "person_id",
                                           "organisation_id", "gemeente", NULL});
    done_note(r);
    if (strcmp(in.phase, "execution") != 0)
        html_fmt(b, "<p>%s</p>\n",
                 T(r, "Tasks are planned while an initiative is in its "
                      "execution phase."));
    task_table(r, tasks, n, m, nm);
    consent_list(r, id, tasks, n);
    if (strcmp(in.phase, "execution") == 0 && may(r, id, ACT_TASK_CREATE))
        task_form(r, id);
    question_list(r, id);
    if (may(r, id, ACT_RESPONSIBILITY_ASK))
        question_form(r, &in);
    layout_end(r);
    return ERR_OK;
}

enum err web_task_create(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    const char *hold = req_in(r, "hold");
    const char *due = req_in(r, "due_on");
    enum err e = task_create(r->db, id, req_in(r, "title"), due && *due ? due : NULL,
                             hold && *hold ? r->actor.person_id : 0, &r->actor, NULL, &r->fault);
    return e != ERR_OK ? e
                       : see_other(r, arena_printf(r->arena,
                                                   "/initiatives/%" PRId64 "/plan?done=task", id));
}

enum err web_question_ask(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct responsibility_target t = {.put_to = req_in(r, "put_to"),
                                      .person_id = req_in_int(r, "person_id", 0),
                                      .organisation_id = req_in_int(r, "organisation_id", 0),
                                      .gemeente = req_in(r, "gemeente")};
    enum err e =
        responsibility_ask(r->db, id, req_in(r, "question"), &t, &r->actor, NULL, &r->fault);
    return e != ERR_OK
               ? e
               : see_other(r,
                           arena_printf(r->arena,
                                        "/initiatives/%" PRId64 "/plan?done=asked#questions", id));
}

enum err web_question_page(struct req *r)
{
    struct responsibility_question q;
    struct initiative in;
    enum err e = responsibility_get(r->db, r->arena, req_in_int(r, "id", 0), &q, &r->fault);
    if (e == ERR_OK)
        e = initiative_get(r->db, r->arena, q.initiative_id, &in, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Answer a question of responsibility");
    const char *plan = arena_printf(r->arena, "/initiatives/%" PRId64 "/plan", in.id);
    struct crumb crumbs[] = {{in.title, plan}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(b, "<h1>%s</h1>\n<p><strong>%s</strong></p>\n", title, q.question);
    error_summary(r, (const char *const[]){"answer", NULL});
    if (q.answer)
        html_fmt(b, "<p>%s %s</p>\n", T(r, "The answer so far:"), q.answer);
    form_begin(r, arena_printf(r->arena, "/questions/%" PRId64 "/answer", q.id));
    html_fmt(b, "<div class=\"field\">\n<label for=\"answer\">%s</label>\n", T(r, "Answer"));
    if (form_has_error(r, "answer"))
        html_fmt(b, "<p class=\"field-error\" id=\"answer-error\">%s</p>\n", errmsg_text(r));
    html_raw_trusted(b, "<textarea id=\"answer\" name=\"answer\" rows=\"4\">");
    html_text(b, form_value(r, "answer"));
    html_raw_trusted(b, "</textarea>\n</div>\n");
    form_end(r, T(r, "Give the answer"));
    layout_end(r);
    return ERR_OK;
}

enum err web_question_answer(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct responsibility_question q;
    enum err e = responsibility_answer(r->db, id, req_in(r, "answer"), &r->actor, &r->fault);
    if (e == ERR_OK)
        e = responsibility_get(r->db, r->arena, id, &q, &r->fault);
    return e != ERR_OK
               ? e
               : see_other(r, arena_printf(r->arena,
                                           "/initiatives/%" PRId64 "/plan?done=answered#questions",
                                           q.initiative_id));
}
