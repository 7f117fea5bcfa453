/* Offers, external decisions and notifications in words, shared by their
 * pages (web/offer.c, web/external.c, web/notification.c): the kinds and
 * statuses in the request's language, and the section of external
 * decisions on the offers page. Not a public module: only those files
 * include it. */
#ifndef WIJK_WEB_OFFER_WORDS_H
#define WIJK_WEB_OFFER_WORDS_H

#include <stdint.h>

#include "core/err.h"

struct req;

/* "Coaching", "A connection to another organisation", "Hours", "A room"
 * (translated); an unknown kind as it is. */
const char *offer_kind_label(struct req *r, const char *kind);

/* "Open", "Accepted", "Declined", "Withdrawn" (translated); an unknown one
 * as it is. */
const char *offer_status_label(struct req *r, const char *status);

/* "Subsidy granted", ..., "Other decision" (translated); else as it is. */
const char *external_kind_label(struct req *r, const char *kind);

/* The sentence for a notification of kind about an initiative titled title
 * ("New offer to %s", filled by the caller with html_fill; translated). An
 * unknown kind gives a general sentence. */
const char *notification_sentence(struct req *r, const char *kind);

/* Writes the section of external decisions about initiative_id: the list,
 * newest first, with who decided and who recorded it, and the form for
 * those allowed to record one (web/external.c). Errors as the model's. */
enum err web_external_section(struct req *r, int64_t initiative_id);

#endif
