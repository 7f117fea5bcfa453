/* "Visible as hidden" (DESIGN.md §2, moderation): wherever a page would show
 * content that a moderator hid, it shows "Hidden by a moderator: <reason>"
 * in its place, so that readers see that something was there and why it is
 * not shown. Pages call these helpers rather than writing the phrase
 * themselves; the content itself never reaches the page. */
#ifndef WIJK_RENDER_MODERATED_H
#define WIJK_RENDER_MODERATED_H

#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

struct req;

/* "Hidden by a moderator: <reason>" in the request's language, as plain
 * text from the arena (for html_fmt's %s, which escapes it, or for text
 * outputs). A NULL reason gives the phrase without one. */
const char *moderated_label(struct req *r, const char *reason);

/* Writes the label to b as <em class="moderated">...</em>, escaped. */
void moderated_note(struct req *r, struct buf *b, const char *reason);

#endif
