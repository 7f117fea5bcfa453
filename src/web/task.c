/* One task of an initiative's plan (DESIGN.md §3) and its forms:
 *   GET  /tasks/{id}            the task, its RACI matrix, and what the
 *                               viewer may do: take it on, answer a request
 *                               to hold it, update its status, and for the
 *                               initiators ask a pledger and set the matrix
 *   POST /tasks/{id}/ask        the initiators ask a pledger to hold it
 *   POST /tasks/{id}/consent    the pledger accepts or declines
 *   POST /tasks/{id}/take-on    a resident holds it themselves
 *   POST /tasks/{id}/status     its status and due date
 *   POST /tasks/{id}/matrix     who is accountable, responsible, consulted
 *                               and informed
 * The GET of each form's path is the task's page, so that a refused form
 * is shown again there by the dispatcher with the message next to its
 * field. Who may is the model's word (model/task.h, responsibility.h). */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/pledge.h"
#include "model/responsibility.h"
#include "model/task.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

static enum err see_other(struct req *r, int64_t task_id, const char *done)
{
    const char *href = arena_printf(r->arena, "/tasks/%" PRId64 "?done=%s", task_id, done);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Task"));
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
    static const char *const notes[][2] = {
        {"asked", N_("The request has been sent; the task is theirs once they agree.")},
        {"accepted", N_("You hold this task now. Thank you.")},
        {"declined", N_("You declined to hold this task.")},
        {"taken", N_("You hold this task now. Thank you.")},
        {"updated", N_("The task has been updated.")},
        {"matrix", N_("The responsibility matrix has been set.")},
    };
    const char *done = req_in(r, "done");
    for (size_t i = 0; done && !r->fault.code && i < sizeof notes / sizeof notes[0]; i++)
        if (strcmp(done, notes[i][0]) == 0)
            html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n",
                     T(r, notes[i][1]));
}

static bool may(struct req *r, int64_t initiative_id, enum action action)
{
    enum relation rel = REL_OTHER;
    return r->actor.person_id &&
           initiative_relation(r->db, initiative_id, &r->actor, &rel, NULL) == ERR_OK &&
           capacity_check(r->db, &r->actor, action, rel, NULL) == ERR_OK;
}

/* A person to choose in a form. */
struct person_choice {
    int64_t id;
    const char *name;
};

static void select_people(struct req *r, const char *name, const char *label,
                          const struct person_choice *people, int n, bool none)
{
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, name);
    html_fmt(b, "<div class=\"field\">\n<label for=\"%s\">%s</label>\n", name, label);
    if (form_has_error(r, name))
        html_fmt(b, "<p class=\"field-error\" id=\"%s-error\">%s</p>\n", name, errmsg_text(r));
    html_fmt(b, "<select id=\"%s\" name=\"%s\"%s>\n", name, name,
             form_has_error(r, name) ? " aria-invalid=\"true\"" : "");
    if (none)
        html_fmt(b, "<option value=\"0\">%s</option>\n", T(r, "nobody"));
    for (int i = 0; i < n; i++) {
        const char *v = arena_printf(r->arena, "%" PRId64, people[i].id);
        html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", v,
                 kept && strcmp(kept, v) == 0 ? " selected" : "", people[i].name);
    }
    html_raw_trusted(b, "</select>\n</div>\n");
}

/* The initiators and the pledgers, each once: whom a matrix names. With
 * pledgers_only, the pledgers alone: whom a task can be asked of. */
static int people_of(struct req *r, int64_t initiative_id, bool pledgers_only,
                     struct person_choice **out)
{
    struct initiative_initiator *ini = NULL;
    struct pledge_row *pl = NULL;
    int ni = 0, np = 0, n = 0;
    if (!pledgers_only)
        (void)initiative_initiators(r->db, r->arena, initiative_id, &ini, &ni, NULL);
    (void)pledge_list(r->db, r->arena, initiative_id, &r->actor, &pl, &np, NULL);
    *out = arena_array(r->arena, (size_t)(ni + np + 1), sizeof **out);
    for (int i = 0; i < ni; i++)
        (*out)[n++] = (struct person_choice){ini[i].person_id, ini[i].display_name};
    for (int i = 0; i < np; i++) {
        bool dup = false;
        for (int j = 0; j < n && !dup; j++)
            dup = (*out)[j].id == pl[i].pledge.person_id;
        if (!dup)
            (*out)[n++] = (struct person_choice){pl[i].pledge.person_id, pl[i].person_name};
    }
    return n;
}

static void matrix_table(struct req *r, const struct task *t)
{
    struct raci_entry *m = NULL;
    int n = 0, shown = 0;
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"matrix\">%s</h2>\n", T(r, "Responsibility matrix"));
    if (responsibility_matrix(r->db, r->arena, t->initiative_id, &m, &n, NULL) != ERR_OK)
        n = 0;
    for (int i = 0; i < n; i++) {
        if (m[i].task_id != t->id)
            continue;
        if (!shown++)
            html_fmt(b,
                     "<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                     "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                     T(r, "Who is responsible, accountable, consulted and informed"), T(r, "Name"),
                     T(r, "Part"));
        html_fmt(b, "<tr><td>%s</td><td>%s</td></tr>\n", m[i].person_name,
                 m[i].letter == 'A'   ? T(r, "accountable")
                 : m[i].letter == 'R' ? T(r, "responsible")
                 : m[i].letter == 'C' ? T(r, "consulted")
                                      : T(r, "informed"));
    }
    if (shown)
        html_raw_trusted(b, "</tbody>\n</table>\n");
    else
        html_fmt(b, "<p>%s</p>\n", T(r, "No matrix has been set for this task yet."));
}

/* The request to hold t made of the viewer and not yet answered. */
static bool asked_of_viewer(struct req *r, const struct task *t)
{
    struct task_consent *c = NULL;
    int n = 0;
    if (!r->actor.person_id ||
        task_consents(r->db, r->arena, t->initiative_id, &c, &n, NULL) != ERR_OK)
        return false;
    for (int i = 0; i < n; i++)
        if (c[i].task_id == t->id && c[i].person_id == r->actor.person_id &&
            strcmp(c[i].status, "asked") == 0)
            return true;
    return false;
}

static void consent_forms(struct req *r, const struct task *t)
{
    struct buf *b = &r->resp.body;
    const char *action = arena_printf(r->arena, "/tasks/%" PRId64 "/consent", t->id);
    html_fmt(b, "<h2 id=\"consent\">%s</h2>\n<p>%s</p>\n", T(r, "You were asked to hold this task"),
             T(r, "The task becomes yours only if you agree."));
    form_begin(r, action);
    form_hidden(r, "answer", "accept");
    form_end(r, T(r, "I agree to hold this task"));
    form_begin(r, action);
    form_hidden(r, "answer", "decline");
    form_end(r, T(r, "I decline"));
}

static void status_form(struct req *r, const struct task *t)
{
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, "status");
    kept = kept ? kept : t->status;
    html_fmt(b, "<h2 id=\"update\">%s</h2>\n", T(r, "Update the task"));
    form_begin(r, arena_printf(r->arena, "/tasks/%" PRId64 "/status", t->id));
    html_fmt(b, "<div class=\"field\">\n<label for=\"status\">%s</label>\n", T(r, "Status"));
    if (form_has_error(r, "status"))
        html_fmt(b, "<p class=\"field-error\" id=\"status-error\">%s</p>\n", errmsg_text(r));
    html_raw_trusted(b, "<select id=\"status\" name=\"status\">\n");
    for (const char *const *s = task_statuses(); *s; s++)
        html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", *s,
                 strcmp(*s, kept) == 0 ? " selected" : "", web_task_status_label(r, *s));
    html_raw_trusted(b, "</select>\n</div>\n");
    if (!form_value(r, "due_on") && t->due_on) {
        r->form.items = arena_array(r->arena, 1, sizeof *r->form.items);
        r->form.items[0] = (struct kv){"due_on", t->due_on};
        r->form.n = 1;
    }
    form_input(r,
               &(struct form_input){.name = "due_on", .label = T(r, "Due date"), .type = "date"});
    form_end(r, T(r, "Update the task"));
}

static void initiator_forms(struct req *r, const struct task *t)
{
    struct person_choice *people = NULL;
    int n = people_of(r, t->initiative_id, true, &people);
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"ask\">%s</h2>\n", T(r, "Ask a pledger to hold this task"));
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "Nobody has pledged yet."));
    } else {
        form_begin(r, arena_printf(r->arena, "/tasks/%" PRId64 "/ask", t->id));
        select_people(r, "person_id", T(r, "Pledger"), people, n, false);
        form_end(r, T(r, "Ask to hold the task"));
    }
    n = people_of(r, t->initiative_id, false, &people);
    html_fmt(b, "<h2 id=\"set-matrix\">%s</h2>\n<p>%s</p>\n", T(r, "Set the matrix"),
             T(r, "Exactly one person is accountable. Residents are responsible and "
                  "accountable."));
    form_begin(r, arena_printf(r->arena, "/tasks/%" PRId64 "/matrix", t->id));
    select_people(r, "accountable", T(r, "Accountable (A)"), people, n, false);
    select_people(r, "responsible", T(r, "Responsible (R)"), people, n, true);
    select_people(r, "consulted", T(r, "Consulted (C)"), people, n, true);
    select_people(r, "informed", T(r, "Informed (I)"), people, n, true);
    form_end(r, T(r, "Set the matrix"));
}

enum err web_task_page(struct req *r)
{
    struct task t;
    struct initiative in;
    enum err e = task_get(r->db, r->arena, req_in_int(r, "id", 0), &t, &r->fault);
    if (e == ERR_OK)
        e = initiative_get(r->db, r->arena, t.initiative_id, &in, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *plan = arena_printf(r->arena, "/initiatives/%" PRId64 "/plan", in.id);
    struct crumb crumbs[] = {{in.title, plan}, {t.title, NULL}};
    layout_begin_crumbs(r, t.title, crumbs, 2);
    html_fmt(b,
             "<h1>%s</h1>\n<dl>\n<dt>%s</dt><dd><a href=\"%s\">%s</a></dd>\n"
             "<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n</dl>\n",
             t.title, T(r, "Initiative"), plan, in.title, T(r, "Status"),
             web_task_status_label(r, t.status), T(r, "Due"), t.due_on ? t.due_on : "-",
             T(r, "Held by"), t.responsible_name ? t.responsible_name : T(r, "nobody yet"));
    error_summary(r, (const char *const[]){"person_id", "status", "due_on", NULL});
    done_note(r);
    matrix_table(r, &t);
    bool open = strcmp(in.phase, "execution") == 0 && strcmp(t.status, "done") != 0 &&
                strcmp(t.status, "dropped") != 0;
    if (open && asked_of_viewer(r, &t))
        consent_forms(r, &t);
    if (open && !t.responsible_id && may(r, in.id, ACT_TASK_TAKE_ON)) {
        html_fmt(b, "<h2 id=\"take-on\">%s</h2>\n", T(r, "Nobody holds this task yet"));
        form_button(r, arena_printf(r->arena, "/tasks/%" PRId64 "/take-on", t.id),
                    T(r, "I take on this task"), "inline");
    }
    bool initiator = may(r, in.id, ACT_TASK_ASSIGN);
    if (strcmp(in.phase, "execution") == 0 &&
        (initiator || (t.responsible_id && t.responsible_id == r->actor.person_id)))
        status_form(r, &t);
    if (open && initiator)
        initiator_forms(r, &t);
    layout_end(r);
    return ERR_OK;
}

enum err web_task_ask(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = task_ask(r->db, id, req_in_int(r, "person_id", 0), &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "asked");
}

enum err web_task_consent(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    const char *answer = req_in(r, "answer");
    bool accept = answer && strcmp(answer, "accept") == 0;
    if (!accept && (!answer || strcmp(answer, "decline") != 0))
        return req_fail(r, ERR_INVALID, "answer", "Answer accept or decline.");
    enum err e = task_answer(r->db, id, accept, &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, accept ? "accepted" : "declined");
}

enum err web_task_take_on(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    enum err e = task_take_on(r->db, id, &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "taken");
}

enum err web_task_status(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    const char *due = req_in(r, "due_on");
    enum err e = task_update(r->db, id, req_in(r, "status"), due ? due : "", &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "updated");
}

enum err web_task_matrix(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    static const struct {
        const char *field;
        char letter;
    } parts[] = {{"accountable", 'A'}, {"responsible", 'R'}, {"consulted", 'C'}, {"informed", 'I'}};
    struct raci_entry m[4];
    int n = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        int64_t person = req_in_int(r, parts[i].field, 0);
        if (person > 0)
            m[n++] = (struct raci_entry){.person_id = person, .letter = parts[i].letter};
    }
    enum err e = responsibility_set_matrix(r->db, id, m, n, &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, id, "matrix");
}
