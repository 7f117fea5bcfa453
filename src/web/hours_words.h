/* Investment hours in words, shared by their pages (web/hours.c,
 * web/hours_list.c, web/hours_csv.c): hours as a person reads them, the
 * kinds of work and of movement, the balance table, a table of pledges,
 * and the CSV export of a ledger. Not a public module: only those files
 * include it. */
#ifndef WIJK_WEB_HOURS_WORDS_H
#define WIJK_WEB_HOURS_WORDS_H

#include <stdint.h>

#include "core/err.h"
#include "model/hours.h"

struct req;

/* Tenths of an hour as a person reads them, from the arena: "2", "1,5"
 * in Dutch, "1.5" in English, "1.250" / "1,250" grouped; signed. */
const char *hours_words_tenths(struct req *r, int64_t tenths);

/* "Coaching", "Connecting", "Practical help", "Other" (translated). */
const char *hours_words_work_kind(struct req *r, const char *kind);

/* "Pledged", "Hours logged", "Correction", "Withdrawn" (translated). */
const char *hours_words_movement_kind(struct req *r, const char *kind);

/* "Buurt", "Wijk", "Gemeente" (translated). */
const char *hours_words_area_kind(struct req *r, const char *kind);

/* Writes a table of one balance (pledged, delivered, withdrawn, still
 * open), with caption, and a sentence when more was delivered than
 * pledged. */
void hours_words_balance(struct req *r, const char *caption, const struct hours_balance *b);

/* Writes a table of pledges (organisation or area, period, earmark,
 * pledged, delivered, open, status, a link to each pledge's page);
 * show_org: a column with the organisation, else one with the area. */
void hours_words_pledges(struct req *r, const char *caption, const struct hours_pledge *items,
                         int n, bool show_org);

/* Answers with the CSV export of a ledger (one row per entry, both sides
 * of each movement) as a download called filename. */
enum err hours_words_csv(struct req *r, enum hours_scope scope, int64_t id, const char *area_code,
                         const char *filename);

#endif
