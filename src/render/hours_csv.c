/* The CSV export of a ledger (see hours_csv.h). Hours are written with a
 * decimal point ("1.5") whatever the reader's language, so a spreadsheet
 * reads them as numbers; an entry's amount goes in "hours_in" when it adds
 * to the account and in "hours_out" when it takes from it, so no field
 * starts with a minus sign (which csvout.h would mark as a formula). */
#include "render/hours_csv.h"

#include <inttypes.h>
#include <stdio.h>

#include "core/clock.h"
#include "render/csvout.h"

static const char *const header[] = {"movement", "date",      "kind",       "account",
                                     "hours_in", "hours_out", "pledge",     "organisation",
                                     "area",     "corrects",  "initiative", "work_kind",
                                     "by",       "capacity",  "booked_at",  "note"};
#define N_COLUMNS ((int)(sizeof header / sizeof header[0]))

/* Tenths as CSV hours: "2", "1.5". */
static const char *csv_hours(char out[static 32], int64_t tenths)
{
    if (tenths % 10 == 0)
        snprintf(out, 32, "%" PRId64, tenths / 10);
    else
        snprintf(out, 32, "%" PRId64 ".%" PRId64, tenths / 10, tenths % 10);
    return out;
}

static enum err write_entry(const struct hours_entry_row *row, void *ctx)
{
    struct buf *b = ctx;
    char movement[24], pledge[24], corrects[24], initiative[24], in[32], out[32], at[21];
    int64_t amount = row->amount < 0 ? -row->amount : row->amount;
    clock_iso8601(row->created_at, at);
    const char *fields[N_COLUMNS] = {
        csvout_int(movement, row->movement_id),
        row->on_date,
        row->kind,
        row->account,
        row->amount > 0 ? csv_hours(in, amount) : "",
        row->amount < 0 ? csv_hours(out, amount) : "",
        csvout_int(pledge, row->pledge_id),
        row->organisation_name,
        row->area_code,
        row->corrects_id ? csvout_int(corrects, row->corrects_id) : "",
        row->initiative_id ? csvout_int(initiative, row->initiative_id) : "",
        row->work_kind,
        row->person_name,
        row->capacity,
        at,
        row->note,
    };
    csvout_row(b, fields, N_COLUMNS);
    return ERR_OK;
}

enum err hours_csv_write(struct db *db, enum hours_scope scope, int64_t id, const char *area_code,
                         struct buf *out, struct fault *f)
{
    csvout_row(out, header, N_COLUMNS);
    return hours_entries_each(db, scope, id, area_code, write_entry, out, f);
}
