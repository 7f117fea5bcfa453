/* The forms of an initiative (see web/initiative.c for the hub):
 *   GET|POST /initiatives/new              start one
 *   GET|POST /initiatives/{id}/edit        its scope: title, aim, buurten,
 *                                          needs and pledge thresholds
 *   GET|POST /initiatives/{id}/evaluation  its evaluation
 * The pages ask the policy first, so a professional gets the explanation
 * instead of a form; the writes are the model's. Needs are four lines, one
 * per kind (skills, hours, money, space), hours and money with an amount;
 * buurten are CBS codes separated by commas or spaces. */
#include "web/web.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/initiative.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"

static const char *const need_fields[] = {"need_skills", "need_hours", "need_money", "need_space"};
static const char *const amount_fields[] = {NULL, "need_hours_amount", "need_money_amount", NULL};

/* ---- reading the form ------------------------------------------------------- */

/* The buurt codes in text, split at commas and white space. */
static void read_areas(struct req *r, const char *text, struct initiative_scope *s)
{
    const char **codes = arena_array(r->arena, INITIATIVE_AREAS_MAX + 1, sizeof *codes);
    int n = 0;
    const char *p = text ? text : "";
    while (*p && n <= INITIATIVE_AREAS_MAX) {
        p += strspn(p, ", \t\r\n");
        size_t len = strcspn(p, ", \t\r\n");
        if (len > 0)
            codes[n++] = arena_strndup(r->arena, p, len);
        p += len;
    }
    s->areas = codes;
    s->n_areas = n;
}

static void read_needs(struct req *r, struct initiative_scope *s)
{
    struct initiative_need *needs = arena_array(r->arena, 4, sizeof *needs);
    const char *const *kinds = initiative_need_kinds();
    int n = 0;
    for (int i = 0; i < 4; i++) {
        const char *text = req_in(r, need_fields[i]);
        if (!text || !*text)
            continue;
        const char *amount = amount_fields[i] ? req_in(r, amount_fields[i]) : NULL;
        needs[n++] = (struct initiative_need){
            .kind = kinds[i],
            .description = text,
            .amount = amount ? strtoll(amount, NULL, 10) : -1,
        };
    }
    s->needs = needs;
    s->n_needs = n;
}

static void read_scope(struct req *r, struct initiative_scope *s)
{
    *s = (struct initiative_scope){
        .title = req_in(r, "title"),
        .aim = req_in(r, "aim"),
        .threshold_residents = (int)req_in_int(r, "threshold_residents", 0),
        .threshold_hours = (int)req_in_int(r, "threshold_hours", 0),
    };
    read_areas(r, req_in(r, "areas"), s);
    read_needs(r, s);
}

/* ---- writing the form ------------------------------------------------------- */

static bool field_error(const struct req *r, const char *name)
{
    return r->fault.code != ERR_OK && r->fault.field && strcmp(r->fault.field, name) == 0;
}

/* A labelled textarea keeping the posted value, or else value. */
static void textarea(struct req *r, const char *name, const char *label, const char *value,
                     bool required)
{
    struct buf *b = &r->resp.body;
    bool error = field_error(r, name);
    const char *kept = form_value(r, name);
    html_fmt(b, "<div class=\"field\">\n<label for=\"%s\">%s</label>\n", name, label);
    if (error)
        html_fmt(b, "<p class=\"field-error\" id=\"%s-error\">%s</p>\n", name, errmsg_text(r));
    html_fmt(b, "<textarea id=\"%s\" name=\"%s\" rows=\"4\" maxlength=\"%d\"%s", name, name,
             INITIATIVE_TEXT_MAX, required ? " required" : "");
    if (error)
        html_fmt(b, " aria-describedby=\"%s-error\" aria-invalid=\"true\"", name);
    html_raw_trusted(b, ">");
    html_text(b, kept ? kept : value ? value : "");
    html_raw_trusted(b, "</textarea>\n</div>\n");
}

/* A one-line input keeping the posted value, or else value. */
static void line(struct req *r, const char *name, const char *label, const char *hint,
                 const char *value, const char *type, bool required)
{
    struct buf *b = &r->resp.body;
    bool error = field_error(r, name);
    const char *kept = form_value(r, name);
    html_fmt(b, "<div class=\"field\">\n<label for=\"%s\">%s</label>\n", name, label);
    if (hint)
        html_fmt(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", name, hint);
    if (error)
        html_fmt(b, "<p class=\"field-error\" id=\"%s-error\">%s</p>\n", name, errmsg_text(r));
    html_fmt(b, "<input type=\"%s\" id=\"%s\" name=\"%s\"%s", type, name, name,
             required ? " required" : "");
    html_raw_trusted(b, strcmp(type, "number") == 0 ? " min=\"0\"" : " maxlength=\"500\"");
    if (hint || error) {
        html_raw_trusted(b, " aria-describedby=\"");
        if (hint)
            html_fmt(b, "%s-hint", name);
        if (error)
            html_fmt(b, "%s%s-error", hint ? " " : "", name);
        html_raw_trusted(b, "\"");
    }
    if (error)
        html_raw_trusted(b, " aria-invalid=\"true\"");
    html_raw_trusted(b, " value=\"");
    html_attr(b, kept ? kept : value ? value : "");
    html_raw_trusted(b, "\">\n</div>\n");
}

static const char *number(struct req *r, int64_t v)
{
    return arena_printf(r->arena, "%lld", (long long)v);
}

/* The scope's fields, filled from it (NULL: empty, areas from default_areas). */
static void scope_fields(struct req *r, const struct initiative *it,
                         const struct initiative_need *needs, int nneeds, const char *areas)
{
    line(r, "title", T(r, "Title"), NULL, it ? it->title : NULL, "text", true);
    textarea(r, "aim", T(r, "Aim"), it ? it->aim : NULL, false);
    line(r, "areas", T(r, "Buurten"),
         T(r, "CBS buurt codes, separated by commas, such as BU03630101."), areas, "text", true);
    static const char *const labels[] = {N_("Skills needed"), N_("Hours needed"),
                                         N_("Money needed"), N_("Space needed")};
    const char *const *kinds = initiative_need_kinds();
    for (int i = 0; i < 4; i++) {
        const struct initiative_need *nd = NULL;
        for (int j = 0; j < nneeds && !nd; j++)
            nd = strcmp(needs[j].kind, kinds[i]) == 0 ? &needs[j] : NULL;
        line(r, need_fields[i], T(r, labels[i]), NULL, nd ? nd->description : NULL, "text", false);
        if (amount_fields[i])
            line(r, amount_fields[i],
                 i == 1 ? T(r, "Hours a month needed") : T(r, "Amount needed in euros"), NULL,
                 nd && nd->amount >= 0 ? number(r, nd->amount) : NULL, "number", false);
    }
    line(r, "threshold_residents", T(r, "Residents to pledge before execution"),
         T(r, "The threshold you set for moving on from awareness to execution."),
         it ? number(r, it->threshold_residents) : "0", "number", false);
    line(r, "threshold_hours", T(r, "Hours a month to pledge before execution"), NULL,
         it ? number(r, it->threshold_hours) : "0", "number", false);
}

/* ---- starting one ------------------------------------------------------------ */

/* 403 with the policy's reason unless act may start initiatives somewhere. */
static enum err may_start(struct req *r)
{
    enum capacity cap;
    enum err e = capacity_of_actor(r->db, &r->actor, &cap, &r->fault);
    if (e == ERR_OK && !policy_check(ACT_INITIATIVE_CREATE, cap, REL_INITIATOR).allowed)
        e = capacity_authorise(ACT_INITIATIVE_CREATE, cap, REL_MEMBER, &r->fault);
    return e;
}

/* The buurt of the capacity acted in ("resident:BU..."), or NULL. */
static const char *own_buurt(const struct req *r)
{
    const char *c = r->actor.capacity;
    return c && strncmp(c, "resident:", 9) == 0 ? c + 9 : NULL;
}

static void collective_select(struct req *r, const struct collective *items, int n)
{
    struct buf *b = &r->resp.body;
    if (n == 0)
        return;
    const char *kept = form_value(r, "collective");
    html_fmt(b,
             "<div class=\"field\"><label for=\"collective\">%s</label>\n<select "
             "id=\"collective\" name=\"collective\">\n<option value=\"0\">%s</option>\n",
             T(r, "Owner"), T(r, "We start it ourselves, as residents"));
    for (int i = 0; i < n; i++) {
        const char *v = number(r, items[i].id);
        html_raw_trusted(b, "<option value=\"");
        html_attr(b, v);
        html_raw_trusted(b, kept && strcmp(kept, v) == 0 ? "\" selected>" : "\">");
        html_text(b, items[i].name);
        html_raw_trusted(b, "</option>\n");
    }
    html_raw_trusted(b, "</select></div>\n");
}

enum err web_initiative_new_page(struct req *r)
{
    struct collective *boards = NULL;
    int nboards = 0;
    enum err e = may_start(r);
    if (e == ERR_OK)
        e = collective_list_board_of(r->db, r->arena, r->actor.person_id, &boards, &nboards,
                                     &r->fault);
    if (e != ERR_OK)
        return e;
    const char *title = T(r, "Start an initiative");
    struct crumb crumbs[] = {{T(r, "Initiatives"), "/initiatives"}, {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 2);
    html_fmt(&r->resp.body, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "You start an initiative as a verified resident of its buurt and become its "
                  "first initiator; the board of a collective starts one for the collective."));
    form_begin(r, "/initiatives/new");
    collective_select(r, boards, nboards);
    scope_fields(r, NULL, NULL, 0, own_buurt(r));
    form_end(r, T(r, "Start the initiative"));
    layout_end(r);
    return ERR_OK;
}

enum err web_initiative_create(struct req *r)
{
    struct initiative_scope s;
    read_scope(r, &s);
    int64_t id = 0;
    enum err e =
        initiative_create(r->db, &s, req_in_int(r, "collective", 0), &r->actor, &id, &r->fault);
    return e != ERR_OK ? e : web_initiative_see_other(r, id, "created");
}

/* ---- editing and evaluating -------------------------------------------------- */

/* 403 with the reason unless act may take action on initiative id now. */
static enum err may(struct req *r, int64_t id, enum action action)
{
    enum capacity cap;
    enum relation rel;
    enum err e = initiative_relation(r->db, id, &r->actor, &rel, &r->fault);
    if (e == ERR_OK)
        e = capacity_of_actor(r->db, &r->actor, &cap, &r->fault);
    return e == ERR_OK ? capacity_authorise(action, cap, rel, &r->fault) : e;
}

static const char *joined_areas(struct req *r, const struct initiative *it)
{
    struct buf b = BUF_INIT;
    for (int i = 0; i < it->n_areas; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", it->areas[i]);
    const char *out = arena_strdup(r->arena, buf_cstr(&b));
    buf_free(&b);
    return out;
}

static void begin(struct req *r, const struct initiative *it, const char *title)
{
    struct crumb crumbs[] = {
        {T(r, "Initiatives"), "/initiatives"},
        {it->title, arena_printf(r->arena, "/initiatives/%lld", (long long)it->id)},
        {title, NULL}};
    layout_begin_crumbs(r, title, crumbs, 3);
    html_fmt(&r->resp.body, "<h1>%s</h1>\n", title);
}

enum err web_initiative_edit_page(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct initiative it;
    struct initiative_need *needs = NULL;
    int n = 0;
    enum err e = may(r, id, ACT_INITIATIVE_CHANGE_SCOPE);
    if (e == ERR_OK)
        e = initiative_get(r->db, r->arena, id, &it, &r->fault);
    if (e == ERR_OK)
        e = initiative_needs(r->db, r->arena, id, &needs, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    begin(r, &it, T(r, "Change the initiative"));
    form_begin(r, arena_printf(r->arena, "/initiatives/%lld/edit", (long long)id));
    scope_fields(r, &it, needs, n, joined_areas(r, &it));
    form_end(r, T(r, "Save the changes"));
    layout_end(r);
    return ERR_OK;
}

enum err web_initiative_edit(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct initiative_scope s;
    read_scope(r, &s);
    enum err e = initiative_update(r->db, id, &s, &r->actor, &r->fault);
    return e != ERR_OK ? e : web_initiative_see_other(r, id, "edited");
}

enum err web_initiative_evaluation_page(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct initiative it;
    struct initiative_evaluation ev;
    enum err e = may(r, id, ACT_INITIATIVE_CHANGE_SCOPE);
    if (e == ERR_OK)
        e = initiative_get(r->db, r->arena, id, &it, &r->fault);
    if (e == ERR_OK)
        e = initiative_evaluation_get(r->db, r->arena, id, &ev, &r->fault);
    if (e != ERR_OK)
        return e;
    begin(r, &it, T(r, "Evaluation"));
    html_fmt(&r->resp.body, "<p>%s</p>\n",
             T(r, "Write down what the initiative achieved and what others can learn from it. "
                  "Then the initiative is anchored, or stopped."));
    form_begin(r, arena_printf(r->arena, "/initiatives/%lld/evaluation", (long long)id));
    textarea(r, "results", T(r, "Results"), ev.results, true);
    textarea(r, "worked", T(r, "What worked"), ev.worked, true);
    textarea(r, "did_not_work", T(r, "What did not work"), ev.did_not_work, true);
    textarea(r, "conditions", T(r, "Under which conditions"), ev.conditions, true);
    form_end(r, T(r, "Save the evaluation"));
    layout_end(r);
    return ERR_OK;
}

enum err web_initiative_evaluate(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct initiative_evaluation ev = {
        .results = req_in(r, "results"),
        .worked = req_in(r, "worked"),
        .did_not_work = req_in(r, "did_not_work"),
        .conditions = req_in(r, "conditions"),
    };
    enum err e = initiative_evaluate(r->db, id, &ev, &r->actor, &r->fault);
    return e != ERR_OK ? e : web_initiative_see_other(r, id, "evaluated");
}
