/* The "hidden by a moderator" label (see moderated.h). */
#include "render/moderated.h"

#include <string.h>

#include "core/arena.h"
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
