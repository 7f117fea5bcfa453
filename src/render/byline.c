/* Bylines (see byline.h). The words for a capacity are a table keyed by
 * the capacity's name: one message without a place and one with it, so
 * that each language can put the place where its grammar wants it. */
#include "render/byline.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "model/audit.h"
#include "model/capacity.h"
#include "model/moderation.h"
#include "model/person.h"
#include "model/session.h"
#include "render/html.h"
#include "render/moderated.h"
#include "render/req.h"

struct words {
    const char *name;   /* as stored, before any ':' */
    const char *plain;  /* without a place */
    const char *placed; /* with the place as %s */
};

static const struct words capacity_words[] = {
    {"resident", N_("as resident"), N_("as resident of %s")},
    {"professional", N_("as professional"), N_("as professional at %s")},
    {"organisation_admin", N_("as organisation admin"), N_("as admin of %s")},
    {"municipality_admin", N_("as municipality admin"), N_("as municipality admin of %s")},
    {"moderator", N_("as moderator"), NULL},
    {"platform_admin", N_("as platform admin"), NULL},
    {"person", N_("without a chosen capacity"), NULL},
    {CAPACITY_CONSOLE, N_("at the console"), NULL},
};

static const struct words *words_for(const char *name)
{
    for (size_t i = 0; i < sizeof capacity_words / sizeof capacity_words[0]; i++)
        if (strcmp(capacity_words[i].name, name) == 0)
            return &capacity_words[i];
    return NULL;
}

/* tmpl with its one %s replaced by arg, from the arena. */
static const char *fill(struct req *r, const char *tmpl, const char *arg)
{
    const char *slot = strstr(tmpl, "%s");
    if (!slot)
        return tmpl;
    return arena_printf(r->arena, "%.*s%s%s", (int)(slot - tmpl), tmpl, arg, slot + 2);
}

const char *byline_capacity(struct req *r, const char *capacity)
{
    if (!capacity)
        return NULL;
    struct audit_capacity parts;
    struct fault f = {0};
    if (audit_capacity_parts(r->db, r->arena, capacity, &parts, &f) != ERR_OK)
        parts.place = NULL;
    const struct words *w = words_for(parts.name);
    if (!w)
        return capacity;
    if (parts.place && w->placed)
        return fill(r, T(r, w->placed), parts.place);
    return T(r, w->plain);
}

const char *byline_name(struct req *r, int64_t person_id, const char *capacity,
                        const char **hidden_reason)
{
    const char *reason = NULL, *name = NULL;
    if (hidden_reason)
        *hidden_reason = NULL;
    if (person_id <= 0)
        return capacity && strcmp(capacity, CAPACITY_CONSOLE) == 0 ? T(r, "the console")
                                                                   : T(r, "the platform");
    struct fault f = {0};
    if (moderation_person_name(r->db, r->arena, person_id, &name, &reason, &f) != ERR_OK)
        return T(r, PERSON_ERASED_NAME);
    if (name)
        return strcmp(name, PERSON_ERASED_NAME) == 0 ? T(r, PERSON_ERASED_NAME) : name;
    if (hidden_reason)
        *hidden_reason = reason;
    return moderated_label(r, NULL);
}

void byline_write(struct req *r, int64_t person_id, const char *capacity)
{
    struct buf *b = &r->resp.body;
    const char *reason = NULL;
    const char *name = byline_name(r, person_id, capacity, &reason);
    html_raw_trusted(b, "<span class=\"byline\">");
    if (reason)
        moderated_note(r, b, reason);
    else
        html_text(b, name);
    bool viewer = r->session && r->session->person_id > 0;
    if (viewer && person_id > 0 && person_id != r->session->person_id && !reason) {
        html_raw_trusted(b, " <a class=\"report\" href=\"");
        html_attr(b, arena_printf(r->arena, "/report?type=person&id=%lld", (long long)person_id));
        html_raw_trusted(b, "\">");
        html_fill(b, T(r, "Report %s"), name, NULL);
        html_raw_trusted(b, "</a>");
    }
    const char *words = byline_capacity(r, capacity);
    if (words)
        html_fmt(b, ", %s", words);
    html_raw_trusted(b, "</span>");
}
