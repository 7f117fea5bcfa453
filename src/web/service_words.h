/* Services in words, shared by the service pages (web/service.c and
 * web/service_form.c): statuses, languages, costs, opening hours and
 * openings in the request's language, and the form to add a service. Not a
 * public module: only web/service*.c include it. */
#ifndef WIJK_WEB_SERVICE_WORDS_H
#define WIJK_WEB_SERVICE_WORDS_H

#include <stdint.h>

#include "model/schedule.h"
#include "model/service.h"

struct req;

/* "Active", "Temporarily closed", ... (translated); an unknown one as it is. */
const char *service_status_label(struct req *r, const char *status);

/* "Dutch", "Turkish", ... for a BCP 47 tag (translated); else the tag. */
const char *service_language_label(struct req *r, const char *code);

/* "Free", "€ 2,50 per cup", "See the description" (translated; arena). */
const char *service_cost_text(struct req *r, const struct service_cost *c);

/* The rule in words: "Every week on Tuesday and Thursday, 09:30 to 11:30"
 * with its start, end or count (translated; arena). */
const char *service_schedule_words(struct req *r, const struct schedule_rule *rule);

/* "Tuesday 6 January 2026, 09:30 to 11:30" (translated; arena). */
const char *service_occurrence_words(struct req *r, const struct schedule_occurrence *o);

/* The form that adds a service to organisation_id (with an optional first
 * location), written for its admins. */
void web_service_create_form(struct req *r, int64_t organisation_id);

#endif
