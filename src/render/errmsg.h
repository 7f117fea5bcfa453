/* The message a person reads for a fault: its message id translated into the
 * request's language, then its %s slots filled with its args. Shared by the
 * HTML error page (layout.c) and the JSON error body (json.c), so that both
 * say exactly the same thing. */
#ifndef WIJK_RENDER_ERRMSG_H
#define WIJK_RENDER_ERRMSG_H

struct req;

/* The text for r->fault in r->lang, from r->arena. A fault without a message
 * id gets a general message for its code ("The page you asked for does not
 * exist." for ERR_NOT_FOUND, ...). Never NULL. */
const char *errmsg_text(const struct req *r);

#endif
