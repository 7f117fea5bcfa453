/* The practice library (issue 9):
 *   GET  /practices                    search (q), by theme and area
 *   GET  /practices/{id}               one practice: the lesson and whom to ask
 *   GET  /initiatives/{id}/practice    the form that publishes an initiative's lesson
 *   POST /initiatives/{id}/practice    publish it (its initiators, once evaluated)
 * The search form is a GET form, so a search is a link one can share. The
 * themes of the publish form are one checkbox each (theme_<theme>). */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/practice.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"
#include "web/match_words.h"

static void theme_select(struct req *r, const char *kept)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<div class=\"field\">\n<label for=\"search-theme\">%s</label>\n"
             "<select id=\"search-theme\" name=\"theme\">\n<option value=\"\">%s</option>\n",
             T(r, "Theme"), T(r, "All themes"));
    for (const char *const *t = practice_themes(); *t; t++)
        html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", *t,
                 kept && strcmp(kept, *t) == 0 ? " selected" : "", match_theme_label(r, *t));
    html_raw_trusted(b, "</select>\n</div>\n");
}

static void search_form(struct req *r)
{
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<form method=\"get\" action=\"/practices\" role=\"search\">\n<div class=\"field\">"
             "<label for=\"search-q\">%s</label>\n<input type=\"search\" id=\"search-q\" "
             "name=\"q\" maxlength=\"200\" value=\"%s\"",
             T(r, "Words"), req_in(r, "q") ? req_in(r, "q") : "");
    form_field_attrs(r, "search-", "q");
    html_raw_trusted(b, ">\n</div>\n");
    theme_select(r, req_in(r, "theme"));
    html_fmt(b,
             "<div class=\"field\"><label for=\"search-area\">%s</label>\n<input type=\"text\" "
             "id=\"search-area\" name=\"area\" maxlength=\"10\" value=\"%s\"></div>\n"
             "<button type=\"submit\">%s</button>\n</form>\n",
             T(r, "Area code (buurt, wijk or gemeente; optional)"),
             req_in(r, "area") ? req_in(r, "area") : "", T(r, "Search"));
}

static void results(struct req *r, const struct practice *items, int n)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"results\">%s</h2>\n", T(r, "Practices"));
    if (n == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "No practice matches this search."));
        return;
    }
    html_raw_trusted(b, "<ul class=\"practices\">\n");
    for (int i = 0; i < n; i++) {
        html_fmt(b, "<li><a href=\"/practices/%" PRId64 "\">%s</a> <span>(%s)</span></li>\n",
                 items[i].id, items[i].title,
                 items[i].buurt_name ? items[i].buurt_name : items[i].buurt_code);
    }
    html_raw_trusted(b, "</ul>\n");
}

enum err web_practices_page(struct req *r)
{
    struct practice_query q = {req_in(r, "q"), req_in(r, "theme"), req_in(r, "area")};
    struct practice *items = NULL;
    int n = 0;
    enum err e = practice_search(r->db, r->arena, &q, &items, &n, &r->fault);
    if (e != ERR_OK && e != ERR_INVALID)
        return e;
    struct buf *b = &r->resp.body;
    layout_begin(r, T(r, "Practice library"));
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "Practice library"),
             T(r, "What worked elsewhere, told by the residents who did it: the lessons of "
                  "evaluated initiatives, with someone to ask."));
    search_form(r);
    if (e == ERR_INVALID)
        html_fmt(b, "<div class=\"form-errors\" role=\"alert\"><p>%s</p></div>\n", errmsg_text(r));
    else
        results(r, items, n);
    layout_end(r);
    return ERR_OK;
}

static void section(struct req *r, const char *id, const char *title, const char *text)
{
    html_fmt(&r->resp.body, "<h2 id=\"%s\">%s</h2>\n<p class=\"prose\">%s</p>\n", id, title, text);
}

enum err web_practice_page(struct req *r)
{
    struct practice p;
    enum err e = practice_get(r->db, r->arena, req_in_int(r, "id", 0), &p, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    struct crumb crumbs[] = {{T(r, "Practice library"), "/practices"}, {p.title, NULL}};
    layout_begin_crumbs(r, p.title, crumbs, 2);
    html_fmt(b, "<h1>%s</h1>\n<p>", p.title);
    html_fill(b, T(r, "From %s."), p.buurt_name ? p.buurt_name : p.buurt_code, NULL);
    html_raw_trusted(b, " ");
    for (int i = 0; i < p.n_themes; i++)
        html_fmt(b, "%s<a href=\"/practices?theme=%s\">%s</a>", i ? ", " : "", p.themes[i],
                 match_theme_label(r, p.themes[i]));
    html_raw_trusted(b, "</p>\n");
    section(r, "aim", T(r, "Aim"), p.aim);
    section(r, "worked", T(r, "What worked"), p.worked);
    section(r, "did-not-work", T(r, "What did not work"), p.did_not_work);
    section(r, "conditions", T(r, "Conditions"), p.conditions);
    html_fmt(b, "<h2 id=\"contact\">%s</h2>\n<p>", T(r, "Whom to ask"));
    if (p.contact_id)
        html_fill(b, T(r, "%s agreed to be asked about this lesson."),
                  p.contact_name ? p.contact_name : "", NULL);
    else
        html_text(b, T(r, "Nobody agreed to be asked; the initiative's page tells who ran it."));
    html_fmt(b, "</p>\n<p><a href=\"/initiatives/%" PRId64 "\">%s</a></p>\n", p.initiative_id,
             T(r, "The initiative"));
    layout_end(r);
    return ERR_OK;
}

static void publish_form(struct req *r, int64_t id)
{
    struct buf *b = &r->resp.body;
    form_begin(r, arena_printf(r->arena, "/initiatives/%" PRId64 "/practice", id));
    html_fmt(b, "<fieldset class=\"field\"><legend>%s</legend>\n", T(r, "Themes (one to five)"));
    if (form_has_error(r, "themes"))
        html_fmt(b, "<p class=\"field-error\">%s</p>\n", errmsg_text(r));
    for (const char *const *t = practice_themes(); *t; t++) {
        const char *name = arena_printf(r->arena, "theme_%s", *t);
        html_fmt(b,
                 "<div><input type=\"checkbox\" id=\"%s\" name=\"%s\" value=\"true\"%s> "
                 "<label for=\"%s\">%s</label></div>\n",
                 name, name, form_value(r, name) ? " checked" : "", name, match_theme_label(r, *t));
    }
    html_fmt(b,
             "</fieldset>\n<div class=\"field\"><input type=\"checkbox\" id=\"contact_me\" "
             "name=\"contact_me\" value=\"true\"%s> <label for=\"contact_me\">%s</label></div>\n",
             form_value(r, "contact_me") ? " checked" : "",
             T(r, "Others may ask me about this lesson"));
    form_end(r, T(r, "Publish the lesson"));
}

enum err web_practice_publish_page(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0);
    struct initiative in;
    int64_t existing = 0;
    enum err e = initiative_get(r->db, r->arena, id, &in, &r->fault);
    if (e == ERR_OK)
        e = practice_of_initiative(r->db, id, &existing, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    const char *title = T(r, "Publish the lesson");
    const char *hub = arena_printf(r->arena, "/initiatives/%" PRId64, id);
    struct crumb crumbs[] = {{T(r, "Initiatives"), "/initiatives"}, {in.title, hub}, {title, NULL}};
    layout_begin_crumbs(r, arena_printf(r->arena, "%s: %s", title, in.title), crumbs, 3);
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "Publishing copies this initiative's evaluation -- what worked, what did "
                  "not, the conditions -- into the practice library, so that other "
                  "neighbourhoods can learn from it. Publishing again brings it up to date."));
    if (r->fault.code != ERR_OK && !form_has_error(r, "themes"))
        html_fmt(b,
                 "<div class=\"form-errors\" role=\"alert\"><p><strong>%s</strong> %s</p></div>\n",
                 T(r, "This did not work:"), errmsg_text(r));
    if (existing)
        html_fmt(b, "<p><a href=\"/practices/%" PRId64 "\">%s</a></p>\n", existing,
                 T(r, "The published lesson"));
    publish_form(r, id);
    layout_end(r);
    return ERR_OK;
}

enum err web_practice_publish(struct req *r)
{
    int64_t id = req_in_int(r, "id", 0), practice = 0;
    const char *themes[PRACTICE_THEMES_MAX + 1];
    int n = 0;
    for (const char *const *t = practice_themes(); *t && n <= PRACTICE_THEMES_MAX; t++)
        if (req_in(r, arena_printf(r->arena, "theme_%s", *t)))
            themes[n++] = *t;
    struct practice_input in = {themes, n, req_in(r, "contact_me") != NULL};
    enum err e = practice_publish(r->db, id, &in, &r->actor, &practice, &r->fault);
    if (e != ERR_OK)
        return e;
    const char *href = arena_printf(r->arena, "/practices/%" PRId64, practice);
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Publish the lesson"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}
