/* The words the agreement and zone pages (and the notifications page)
 * use for statuses, states and kinds, translated; an unknown value is
 * shown as it is. */
#include <string.h>

#include "render/req.h"
#include "web/web.h"

struct word {
    const char *value;
    const char *msgid;
};

static const char *lookup(const struct req *r, const struct word *w, const char *value)
{
    for (; value && w->value; w++)
        if (strcmp(w->value, value) == 0)
            return T(r, w->msgid);
    return value ? value : "";
}

const char *web_agreement_status_label(const struct req *r, const char *status)
{
    static const struct word words[] = {
        {"draft", N_("Draft: not signed yet")},
        {"signed", N_("Signed by some parties")},
        {"active", N_("Active: signed by all parties")},
        {"ended", N_("Ended")},
        {"terminated", N_("Terminated")},
        {"hours", N_("Hours")},
        {"money", N_("Money (euros)")},
        {"space", N_("Space")},
        {"other", N_("Other")},
        {"collective", N_("Resident collective")},
        {"organisation", N_("Organisation")},
        {"gemeente", N_("Gemeente")},
        {NULL, NULL},
    };
    return lookup(r, words, status);
}

const char *web_zone_state_label(const struct req *r, const char *state)
{
    static const struct word words[] = {
        {"requested", N_("Requested, awaiting the gemeente's decision")},
        {"refused", N_("Refused")},
        {"granted", N_("Granted, not begun yet")},
        {"active", N_("Active")},
        {"ended", N_("Ended")},
        {"collective", N_("The collective")},
        {"gemeente", N_("The gemeente")},
        {NULL, NULL},
    };
    return lookup(r, words, state);
}
