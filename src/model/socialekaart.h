/* Import of a "sociale kaart": the list of organisations and what they
 * offer that many gemeenten keep as a spreadsheet, read as CSV (';' or ','
 * separated, see core/csv.h). The first row is a header that maps columns
 * by name, in any case and order, in Dutch or English:
 *   naam | name                   the organisation's name (required)
 *   soort | kind                  its kind (required): institution,
 *                                 formal_association, informal_group,
 *                                 existing_initiative, business, or in
 *                                 Dutch instelling, vereniging, informele
 *                                 groep, bestaand initiatief, bedrijf
 *   adres | address               "Street 1, 1234 AB Place" (street, postal
 *                                 code and place; each part optional)
 *   website                       http:// or https://
 *   diensten | services           service names separated by ';'
 * Other columns are ignored. A missing required column is refused before
 * any row is read, naming the column.
 *
 * Every row is checked first (the organisation's profile as
 * organisation_check_profile does, each service's name as service_check
 * does); each bad row gets a line in the report ("Line 7: ..."). A file
 * with a bad row imports nothing, unless skip_bad: then the good rows are
 * imported and the report lists the lines skipped. The writes are one
 * transaction, as act (the console: organisation_register and
 * service_create check nothing else), each with its audit entry. */
#ifndef WIJK_MODEL_SOCIALEKAART_H
#define WIJK_MODEL_SOCIALEKAART_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "model/audit.h"

struct db;

enum { SOCIALEKAART_ROWS_MAX = 20000 };

struct socialekaart_result {
    int rows;          /* data rows read (blank lines not counted) */
    int organisations; /* registered */
    int services;      /* added */
    int skipped;       /* bad rows left out (skip_bad) or refused */
    char **report;     /* "Line 7: ..." per bad row, in English; malloc'ed */
    int nreport;
    char *message; /* after an error: what the fault says, in full; malloc'ed */
};

/* Imports the CSV at path (see above). ERR_NOT_FOUND when the file cannot
 * be opened; ERR_INVALID for a missing header, a file that is not CSV, more
 * than SOCIALEKAART_ROWS_MAX rows, or (without skip_bad) any bad row, with
 * the first problem in f and every bad row in res->report; nothing is
 * written then. A write the database refuses rolls everything back. Free
 * res with socialekaart_result_free, also after an error. */
enum err socialekaart_import(struct db *db, const char *path, bool skip_bad,
                             const struct actor *act, struct socialekaart_result *res,
                             struct fault *f);

/* The same for data[0..len) in memory. */
enum err socialekaart_import_mem(struct db *db, const char *data, size_t len, bool skip_bad,
                                 const struct actor *act, struct socialekaart_result *res,
                                 struct fault *f);

void socialekaart_result_free(struct socialekaart_result *res);

#endif
