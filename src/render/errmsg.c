/* Turns a fault into the sentence shown to a person (see errmsg.h). The
 * general messages below are used only when a fault carries no message id of
 * its own; they are marked with N_ so that the catalogs translate them. */
#include "render/errmsg.h"

#include <stdlib.h>

#include "core/arena.h"
#include "core/err.h"
#include "render/req.h"

static const char *const general[ERR_COUNT] = {
    [ERR_OK] = N_("Done."),
    [ERR_INVALID] = N_("The request is not valid."),
    [ERR_NOT_FOUND] = N_("The page you asked for does not exist."),
    [ERR_UNAUTHORIZED] = N_("Please sign in first."),
    [ERR_FORBIDDEN] = N_("You are not allowed to do this."),
    [ERR_CONFLICT] = N_("This cannot be done in the current state."),
    [ERR_METHOD] = N_("This method is not allowed here."),
    [ERR_TOO_LARGE] = N_("The request is too large."),
    [ERR_MEDIA_TYPE] = N_("This type of content is not accepted here."),
    [ERR_RATE_LIMITED] = N_("Too many requests; wait a moment and try again."),
    [ERR_UNAVAILABLE] = N_("The service is temporarily unavailable; try again in a moment."),
    [ERR_INTERNAL] = N_("Something went wrong on our side. Please try again later."),
};

const char *errmsg_text(const struct req *r)
{
    const struct fault *f = &r->fault;
    const char *msgid = f->msgid;
    if (!msgid) {
        int code = (int)f->code;
        msgid = general[(code > 0 && code < ERR_COUNT) ? code : ERR_INTERNAL];
    }
    char *text = fault_format(req_tr(r, msgid), f);
    char *copy = arena_strdup(r->arena, text);
    free(text);
    return copy;
}
