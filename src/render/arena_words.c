/* The arena's codes in words (see arena_words.h): three small tables of
 * code and message id, looked up by code. */
#include "render/arena_words.h"

#include <stddef.h>
#include <string.h>

#include "render/req.h"

struct word {
    const char *code;
    const char *msgid;
};

static const struct word relations[] = {
    {"collaborates_with", N_("collaborates with")},
    {"funds", N_("funds")},
    {"houses", N_("houses")},
    {"is_part_of", N_("is part of")},
    {"succeeded", N_("succeeded")},
    {NULL, NULL},
};

static const struct word events[] = {
    {"institution_arrived", N_("An institution arrived")},
    {"institution_left", N_("An institution left")},
    {"initiative_started", N_("An initiative started")},
    {"initiative_ended", N_("An initiative ended")},
    {"decision", N_("A decision")},
    {"renovation", N_("A renovation")},
    {"other", N_("Another event")},
    {NULL, NULL},
};

static const char *lookup(const struct req *r, const struct word *table, const char *code)
{
    for (const struct word *w = table; code && w->code; w++)
        if (strcmp(w->code, code) == 0)
            return T(r, w->msgid);
    return code ? code : "";
}

const char *arena_words_relation(const struct req *r, const char *kind)
{
    return lookup(r, relations, kind);
}

const char *arena_words_event(const struct req *r, const char *kind)
{
    return lookup(r, events, kind);
}
