/* The CSV export of an investment-hours ledger (DESIGN.md §6: registers as
 * CSV), shared by the pages (web/hours_words.c) and the command line
 * (`wijkregie hours export`): one record per entry, so both sides of every
 * movement, with the hours "in" and "out" of the entry's account -- both
 * positive, as a ledger writes them -- and what the movement was. */
#ifndef WIJK_RENDER_HOURS_CSV_H
#define WIJK_RENDER_HOURS_CSV_H

#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "model/hours.h"

struct db;

/* Appends the header record and then every entry of the ledger of one
 * pledge (id), an organisation (id) or an area and the areas within it
 * (area_code) to out, in movement order (render/csvout.h's quoting).
 * Errors: the model's (hours_entries_each). */
enum err hours_csv_write(struct db *db, enum hours_scope scope, int64_t id, const char *area_code,
                         struct buf *out, struct fault *f);

#endif
