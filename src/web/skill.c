/* One's own capacity inventory and invitations (issue 9):
 *   GET  /me/skills                      one's skills, profile and pause
 *   POST /me/skills                      save the profile (hours, who may find one, about)
 *   POST /me/skills/add                  add or change one skill
 *   POST /me/skills/remove               remove one skill
 *   POST /me/skills/pause                pause or resume being asked
 *   GET  /me/invitations                 the invitations one received
 *   POST /me/invitations/{id}/accept     accept: pledge to the initiative
 *   POST /me/invitations/{id}/decline    decline, no reason owed
 * Every POST answers 303; a refused form is shown again by the dispatcher
 * (the GET of the same path) with the message next to its field. The
 * model (model/skill.h, model/match_invite.h) decides who may and what is
 * valid. */
#include "web/web.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "model/match_invite.h"
#include "model/skill.h"
#include "render/errmsg.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/moderated.h"
#include "render/req.h"
#include "web/match_words.h"

static enum err see_other(struct req *r, const char *href)
{
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "My skills"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

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
    const char *text = strcmp(done, "accepted") == 0
                           ? T(r, "Thank you for your yes: the initiators have been told.")
                       : strcmp(done, "declined") == 0 ? T(r, "You declined the invitation.")
                       : strcmp(done, "paused") == 0   ? T(r, "Nobody will ask you for now.")
                       : strcmp(done, "resumed") == 0  ? T(r, "Initiatives may ask you again.")
                                                       : T(r, "Your skills have been saved.");
    html_fmt(&r->resp.body, "<p class=\"note\" role=\"status\">%s</p>\n", text);
}

static void skills_table(struct req *r, const struct skill_profile *p)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"skills\">%s</h2>\n", T(r, "Your skills"));
    if (p->n_skills == 0) {
        html_fmt(b, "<p>%s</p>\n", T(r, "You have registered no skills yet."));
        return;
    }
    html_fmt(b,
             "<div class=\"table-scroll\"><table>\n<caption>%s</caption>\n<thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "The skills you registered"), T(r, "Skill"), T(r, "Family"), T(r, "Level"),
             T(r, "Willing to share"), T(r, "Remove"));
    for (int i = 0; i < p->n_skills; i++) {
        const struct skill *s = skill_find(p->skills[i].code);
        html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
                 match_skill_label(r, p->skills[i].code), s ? match_family_label(r, s->family) : "",
                 match_level_label(r, p->skills[i].level),
                 p->skills[i].willing ? T(r, "yes") : T(r, "no"));
        form_begin(r, "/me/skills/remove");
        form_hidden(r, "skill", p->skills[i].code);
        form_end(r, arena_printf(r->arena, "%s %s", T(r, "Remove"),
                                 match_skill_label(r, p->skills[i].code)));
        html_raw_trusted(b, "</td></tr>\n");
    }
    html_raw_trusted(b, "</tbody>\n</table></div>\n");
}

static void level_select(struct req *r)
{
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, "level");
    form_field_begin(r, "add-", "level", T(r, "Level"));
    html_raw_trusted(b, "<select id=\"add-level\" name=\"level\"");
    form_field_attrs(r, "add-", "level");
    html_raw_trusted(b, ">\n");
    for (const char *const *l = skill_levels(); *l; l++)
        html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", *l,
                 (kept ? strcmp(kept, *l) == 0 : strcmp(*l, "capable") == 0) ? " selected" : "",
                 match_level_label(r, *l));
    html_raw_trusted(b, "</select>\n</div>\n");
}

static void add_form(struct req *r)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<h2 id=\"add\">%s</h2>\n", T(r, "Add a skill"));
    form_begin(r, "/me/skills/add");
    form_field_begin(r, "add-", "skill", T(r, "Skill"));
    match_skill_select(r, "add-", "skill", form_value(r, "skill"));
    html_raw_trusted(b, "</div>\n");
    level_select(r);
    html_fmt(b,
             "<div class=\"field\"><input type=\"checkbox\" id=\"add-willing\" name=\"willing\" "
             "value=\"true\" checked> <label for=\"add-willing\">%s</label></div>\n",
             T(r, "I am willing to share this skill with initiatives"));
    form_end(r, T(r, "Add this skill"));
}

static void visibility_radios(struct req *r, const char *kept)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<fieldset class=\"field\"><legend>%s</legend>\n", T(r, "Who may find you"));
    if (form_has_error(r, "visibility"))
        html_fmt(b, "<p class=\"field-error\">%s</p>\n", errmsg_text(r));
    for (const char *const *v = skill_visibilities(); *v; v++)
        html_fmt(b,
                 "<div><input type=\"radio\" id=\"visibility-%s\" name=\"visibility\" "
                 "value=\"%s\"%s> <label for=\"visibility-%s\">%s</label></div>\n",
                 *v, *v, strcmp(kept, *v) == 0 ? " checked" : "", *v,
                 match_visibility_label(r, *v));
    html_raw_trusted(b, "</fieldset>\n");
}

/* The profile form, filled from p unless a failed post is shown again. */
static void profile_form(struct req *r, const struct skill_profile *p)
{
    struct buf *b = &r->resp.body;
    if (r->fault.code == ERR_OK) {
        struct buf ids = BUF_INIT;
        for (int i = 0; i < p->n_allowed; i++)
            buf_printf(&ids, "%s%" PRId64, i ? ", " : "", p->allowed[i]);
        r->form.items = arena_array(r->arena, 3, sizeof *r->form.items);
        r->form.items[0] = (struct kv){"hours_month", arena_printf(r->arena, "%d", p->hours_month)};
        r->form.items[1] = (struct kv){"about", p->about};
        r->form.items[2] = (struct kv){"allowed", arena_strdup(r->arena, buf_cstr(&ids))};
        r->form.n = 3;
        buf_free(&ids);
    }
    const char *vis = form_value(r, "visibility") ? form_value(r, "visibility") : p->visibility;
    html_fmt(b, "<h2 id=\"profile\">%s</h2>\n", T(r, "Your availability"));
    form_begin(r, "/me/skills");
    form_input(r, &(struct form_input){.name = "hours_month",
                                       .label = T(r, "Hours a month you could give"),
                                       .type = "text",
                                       .hint = T(r, "Between 0 and 744."),
                                       .maxlength = 6});
    visibility_radios(r, vis);
    form_input(r, &(struct form_input){
                      .name = "allowed",
                      .label = T(r, "Initiators you allow"),
                      .type = "text",
                      .hint = T(r, "Only with the last choice: their numbers, such as 12, 15."),
                      .maxlength = 1000});
    form_field_begin(r, "profile-", "about", T(r, "About you and your skills"));
    if (p->about_hidden) {
        html_raw_trusted(b, "<p class=\"hint\">");
        moderated_note(r, b, p->about_hidden);
        html_fmt(b, " %s</p>\n",
                 T(r, "What you write here instead stays hidden until a "
                      "moderator shows it again."));
    }
    html_raw_trusted(b, "<textarea id=\"profile-about\" name=\"about\" rows=\"4\"");
    form_field_attrs(r, "profile-", "about");
    html_raw_trusted(b, ">");
    html_text(b, form_value(r, "about") ? form_value(r, "about") : "");
    html_raw_trusted(b, "</textarea>\n</div>\n");
    form_end(r, T(r, "Save"));
}

static void pause_section(struct req *r, const struct skill_profile *p)
{
    struct buf *b = &r->resp.body;
    if (!p->exists)
        return;
    html_fmt(b, "<h2 id=\"pause\">%s</h2>\n<p>%s</p>\n", T(r, "Being asked"),
             p->paused ? T(r, "You paused being asked: nobody finds you as a match now.")
                       : T(r, "Initiatives may find you as a match and invite you."));
    form_begin(r, "/me/skills/pause");
    form_hidden(r, "paused", p->paused ? "false" : "true");
    form_end(r, p->paused ? T(r, "Resume being asked") : T(r, "Pause being asked"));
}

enum err web_my_skills_page(struct req *r)
{
    struct skill_profile p;
    enum err e = skill_profile_get(r->db, r->arena, r->actor.person_id, &p, &r->fault);
    if (e != ERR_OK)
        return e;
    struct buf *b = &r->resp.body;
    layout_begin(r, T(r, "My skills"));
    html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "My skills"),
             T(r, "List what you can and like to do. Initiators who look for someone with "
                  "your skills may invite you; you decide, and nobody is assigned without "
                  "your yes."));
    error_summary(r, (const char *const[]){"hours_month", "visibility", "about", "allowed", "skill",
                                           "level", NULL});
    done_note(r);
    skills_table(r, &p);
    add_form(r);
    profile_form(r, &p);
    pause_section(r, &p);
    html_fmt(b, "<p><a href=\"/me/invitations\">%s</a></p>\n", T(r, "Your invitations"));
    layout_end(r);
    return ERR_OK;
}

/* Saves p after a change; 303 back to the page. */
static enum err save(struct req *r, struct skill_profile *p)
{
    enum err e = skill_save(r->db, p, &r->actor, &r->fault);
    return e != ERR_OK ? e : see_other(r, "/me/skills?done=saved");
}

enum err web_my_skills_save(struct req *r)
{
    struct skill_profile p;
    enum err e = skill_profile_get(r->db, r->arena, r->actor.person_id, &p, &r->fault);
    if (e != ERR_OK)
        return e;
    p.hours_month = (int)req_in_int(r, "hours_month", 0);
    p.visibility = req_in(r, "visibility") ? req_in(r, "visibility") : "";
    p.about = req_in(r, "about") ? req_in(r, "about") : "";
    e = skill_parse_ids(r->arena, req_in(r, "allowed"), &p.allowed, &p.n_allowed, &r->fault);
    return e != ERR_OK ? e : save(r, &p);
}

enum err web_my_skill_add(struct req *r)
{
    struct skill_profile p;
    enum err e = skill_profile_get(r->db, r->arena, r->actor.person_id, &p, &r->fault);
    if (e != ERR_OK)
        return e;
    const char *code = req_in(r, "skill");
    struct skill_entry entry = {.code = code ? code : "",
                                .level = req_in(r, "level") ? req_in(r, "level") : "",
                                .willing = req_in(r, "willing") != NULL};
    int i = 0;
    while (i < p.n_skills && strcmp(p.skills[i].code, entry.code) != 0)
        i++;
    if (i == SKILL_PERSON_MAX)
        return req_fail(r, ERR_INVALID, "skill", "Register at most 30 skills.");
    p.skills[i] = entry;
    p.n_skills += i == p.n_skills;
    return save(r, &p);
}

enum err web_my_skill_remove(struct req *r)
{
    struct skill_profile p;
    enum err e = skill_profile_get(r->db, r->arena, r->actor.person_id, &p, &r->fault);
    if (e != ERR_OK)
        return e;
    const char *code = req_in(r, "skill");
    int kept = 0;
    for (int i = 0; i < p.n_skills; i++)
        if (!code || strcmp(p.skills[i].code, code) != 0)
            p.skills[kept++] = p.skills[i];
    p.n_skills = kept;
    return save(r, &p);
}

enum err web_my_skills_pause(struct req *r)
{
    const char *paused = req_in(r, "paused");
    bool pause = paused && strcmp(paused, "true") == 0;
    enum err e = skill_pause(r->db, pause, &r->actor, &r->fault);
    return e != ERR_OK ? e
                       : see_other(r, pause ? "/me/skills?done=paused" : "/me/skills?done=resumed");
}
