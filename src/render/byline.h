/* Bylines: who wrote or did something, and in which capacity, in words a
 * reader understands ("Ann Jansen, as professional at Welzijn Lindenhoven";
 * "the platform" when nobody did). DESIGN.md §2: a person with two
 * capacities acts in one at a time, and everything they write shows which.
 *
 * Names come from moderation_person_name() (model/moderation.h): a name a
 * moderator hid shows as render/moderated.h's "Hidden by a moderator:
 * <reason>"; an
 * erased account as the former-participant name. Everything is written
 * escaped, through render/html.h. */
#ifndef WIJK_RENDER_BYLINE_H
#define WIJK_RENDER_BYLINE_H

#include <stdint.h>

struct req;

/* The capacity as stored with a write ("resident", "professional:17",
 * "municipality_admin:GM0363", "console", ...) in words in the request's
 * language, from the arena: "as resident of Oude Haven", "als professional
 * bij Welzijn Eerstestad", "at the console". NULL for a NULL capacity. A
 * qualifier whose organisation or area is unknown is left out ("as
 * professional"); a capacity this program does not know is shown as
 * stored. Never fails: a database error gives the words without the
 * place. */
const char *byline_capacity(struct req *r, const char *capacity);

/* The name shown for person_id, from the arena: the display name, the
 * (translated) former-participant name, or "Hidden by a moderator"
 * (with *hidden_reason set to the moderator's reason; else NULL). For
 * person_id 0: "the console" when capacity is the console's, else "the
 * platform". hidden_reason may be NULL. */
const char *byline_name(struct req *r, int64_t person_id, const char *capacity,
                        const char **hidden_reason);

/* Writes the byline into the response body: the name (with the
 * moderator's reason after a hidden one), then, for a signed-in viewer and
 * a person who is not the viewer, a small "report" link to
 * /report?type=person&id=<person_id>, then ", " and the capacity in words
 * when there is one. */
void byline_write(struct req *r, int64_t person_id, const char *capacity);

#endif
