/* The "hidden by a moderator" label and the public name of a person (see
 * moderated.h). */
#include "render/moderated.h"

#include <string.h>

#include "core/arena.h"
#include "model/moderation.h"
#include "model/person.h"
#include "render/html.h"
#include "render/req.h"

const char *moderated_label(struct req *r, const char *reason)
{
    if (!reason)
        return T(r, "Hidden by a moderator");
    /* The template is translated; the reason is data, put in its slot. */
    const char *tmpl = T(r, "Hidden by a moderator: %s");
    const char *slot = strstr(tmpl, "%s");
    if (!slot)
        return arena_printf(r->arena, "%s: %s", T(r, "Hidden by a moderator"), reason);
    return arena_printf(r->arena, "%.*s%s%s", (int)(slot - tmpl), tmpl, reason, slot + 2);
}

void moderated_note(struct req *r, struct buf *b, const char *reason)
{
    html_fmt(b, "<em class=\"moderated\">%s</em>", moderated_label(r, reason));
}

enum err moderated_person_name(struct req *r, struct buf *b, int64_t person_id)
{
    const char *name = NULL, *reason = NULL;
    enum err e = moderation_person_name(r->db, r->arena, person_id, &name, &reason, &r->fault);
    if (e != ERR_OK)
        return e;
    if (name && strcmp(name, PERSON_ERASED_NAME) == 0)
        html_text(b, T(r, PERSON_ERASED_NAME)); /* the platform's words, translated */
    else if (name)
        html_text(b, name); /* a person's own words: never through the catalog */
    else
        moderated_note(r, b, reason);
    return ERR_OK;
}
