/* Skills, matching and practices in words (see match_words.h). */
#include "web/match_words.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "model/match.h"
#include "model/practice.h"
#include "model/skill.h"
#include "render/form.h"
#include "render/html.h"
#include "render/req.h"
#include "web/web.h"

struct label {
    const char *key;
    const char *msgid;
};

static const char *lookup(struct req *r, const struct label *table, const char *key)
{
    for (int i = 0; key && table[i].key; i++)
        if (strcmp(table[i].key, key) == 0)
            return T(r, table[i].msgid);
    return key ? key : "";
}

const char *match_skill_label(struct req *r, const char *code)
{
    return skill_name(code, r->lang);
}

const char *match_level_label(struct req *r, const char *level)
{
    static const struct label t[] = {{"beginner", N_("Beginner")},
                                     {"capable", N_("Capable")},
                                     {"expert", N_("Expert")},
                                     {NULL, NULL}};
    return lookup(r, t, level);
}

const char *match_family_label(struct req *r, const char *family)
{
    static const struct label t[] = {{"social", N_("Social")},
                                     {"organisational", N_("Organisational")},
                                     {"cognitive", N_("Cognitive")},
                                     {"practical", N_("Practical")},
                                     {NULL, NULL}};
    return lookup(r, t, family);
}

const char *match_visibility_label(struct req *r, const char *visibility)
{
    static const struct label t[] = {{"public", N_("Anyone who looks for help for an initiative")},
                                     {"wijk", N_("Verified residents of my wijk")},
                                     {"allowed", N_("Only the initiators I allow")},
                                     {NULL, NULL}};
    return lookup(r, t, visibility);
}

const char *match_theme_label(struct req *r, const char *theme)
{
    static const struct label t[] = {{"greenery", N_("Greenery")},
                                     {"care", N_("Care")},
                                     {"youth", N_("Youth")},
                                     {"elderly", N_("Older people")},
                                     {"food", N_("Food")},
                                     {"energy", N_("Energy")},
                                     {"safety", N_("Safety")},
                                     {"culture", N_("Culture")},
                                     {"sport", N_("Sport")},
                                     {"meeting", N_("Meeting each other")},
                                     {NULL, NULL}};
    return lookup(r, t, theme);
}

const char *match_invite_status_label(struct req *r, const char *status)
{
    static const struct label t[] = {{"open", N_("Open")},
                                     {"accepted", N_("Accepted")},
                                     {"declined", N_("Declined")},
                                     {NULL, NULL}};
    return lookup(r, t, status);
}

static void reason_text(struct buf *b, struct req *r, const struct match_reason *m)
{
    switch (m->kind) {
    case MATCH_EXACT:
        html_fill(b, T(r, "skill: %s"), match_skill_label(r, m->skill), NULL);
        break;
    case MATCH_RELATED:
        html_fill(b, T(r, "related skill: %s"), match_skill_label(r, m->skill), NULL);
        break;
    case MATCH_BUURT:
        html_text(b, T(r, "same buurt"));
        break;
    case MATCH_WIJK:
        html_text(b, T(r, "same wijk"));
        break;
    case MATCH_GEMEENTE:
        html_text(b, T(r, "same gemeente"));
        break;
    case MATCH_HOURS:
        html_fill(b, T(r, "%s of %s hours free"), arena_printf(r->arena, "%d", m->a),
                  arena_printf(r->arena, "%d", m->b), NULL);
        break;
    case MATCH_LOAD:
        html_fill(b, T(r, "asked %s times in the last 30 days"), arena_printf(r->arena, "%d", m->a),
                  NULL);
        break;
    }
}

void match_explanation(struct buf *b, struct req *r, const struct match_candidate *c)
{
    for (int i = 0; i < c->n_reasons; i++) {
        if (i)
            html_text(b, "; ");
        reason_text(b, r, &c->reasons[i]);
    }
}

void match_skill_select(struct req *r, const char *prefix, const char *name, const char *kept)
{
    struct buf *b = &r->resp.body;
    int n;
    const struct skill *all = skill_taxonomy(&n);
    html_fmt(b, "<select id=\"%s%s\" name=\"%s\"", prefix, name, name);
    form_field_attrs(r, prefix, name);
    html_raw_trusted(b, ">\n");
    for (const char *const *fam = skill_families(); *fam; fam++) {
        html_fmt(b, "<optgroup label=\"%s\">\n", match_family_label(r, *fam));
        for (int i = 0; i < n; i++)
            if (strcmp(all[i].family, *fam) == 0)
                html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", all[i].code,
                         kept && strcmp(kept, all[i].code) == 0 ? " selected" : "",
                         match_skill_label(r, all[i].code));
        html_raw_trusted(b, "</optgroup>\n");
    }
    html_raw_trusted(b, "</select>\n");
}

void match_similar_section(struct req *r, int64_t initiative_id)
{
    struct practice_similar *items;
    int n = 0;
    if (practice_similar(r->db, r->arena, initiative_id, &items, &n, NULL) != ERR_OK || n == 0)
        return;
    struct buf *b = &r->resp.body;
    html_fmt(b, "<section aria-labelledby=\"similar\">\n<h2 id=\"similar\">%s</h2>\n<ul>\n",
             T(r, "Similar initiatives"));
    for (int i = 0; i < n; i++) {
        html_fmt(b, "<li><a href=\"/initiatives/%" PRId64 "\">%s</a> (%s)", items[i].initiative_id,
                 items[i].title, web_initiative_phase_label(r, items[i].phase));
        if (items[i].practice_id)
            html_fmt(b, " &middot; <a href=\"/practices/%" PRId64 "\">%s</a>", items[i].practice_id,
                     T(r, "its lesson"));
        html_raw_trusted(b, "</li>\n");
    }
    html_fmt(b, "</ul>\n<p><a href=\"/practices\">%s</a></p>\n</section>\n",
             T(r, "Search the practice library"));
}
