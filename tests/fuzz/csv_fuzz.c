/* libFuzzer target for the CSV import of a sociale kaart
 * (model/socialekaart.c, through core/csv.c) into a migrated in-memory
 * SQLite database, as the console. Each input is imported twice: strictly,
 * then with skip_bad. Besides crashes and sanitizer reports (and
 * audit_record's abort on an e-mail address in an audit detail) it checks
 * what socialekaart.h promises, and aborts when a promise is broken:
 * - the result is OK or ERR_INVALID / ERR_CONFLICT, never anything else;
 * - a refused import changed nothing and says why (message), and counts
 *   no organisation or service;
 * - a strict import with a bad row is refused;
 * - an accepted import added exactly the organisations and services it
 *   counts, and with skip_bad every data row is either imported or
 *   reported;
 * - every report line reads "Line N: ...".
 * The database is opened once for the whole run (libFuzzer's usual
 * one-time set-up; migrating per input would make each run slow) and
 * grows with the accepted imports, as a real one would. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/capacity.h"
#include "model/socialekaart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
    fprintf(stderr, "csv_fuzz: broken promise: %s\n", what);
    abort();
}

static struct db *open_db(void)
{
    struct fault f = {0};
    log_set_level(LOG_WARN);
    struct db *db = db_open(":memory:", &f);
    if (!db || migrate_up(db, NULL, &f) != ERR_OK)
        broken("cannot open the database");
    return db;
}

static int64_t count(struct db *db, const char *sql)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st || db_step(st) != DB_ROW)
        broken("a count failed");
    int64_t n = db_col_int(st, 0);
    db_done(st);
    return n;
}

static void import(struct db *db, const uint8_t *data, size_t size, bool skip_bad)
{
    struct actor act = {0, CAPACITY_CONSOLE, NULL, clock_now()};
    int64_t orgs = count(db, "SELECT COUNT(*) FROM organisation");
    int64_t svcs = count(db, "SELECT COUNT(*) FROM service");
    struct socialekaart_result res;
    struct fault f = {0};
    enum err e = socialekaart_import_mem(db, (const char *)data, size, skip_bad, &act, &res, &f);
    int64_t orgs_after = count(db, "SELECT COUNT(*) FROM organisation");
    int64_t svcs_after = count(db, "SELECT COUNT(*) FROM service");
    if (e != ERR_OK && e != ERR_INVALID && e != ERR_CONFLICT)
        broken("an error other than invalid or conflict");
    if (e != ERR_OK && (orgs_after != orgs || svcs_after != svcs || res.organisations ||
                        res.services || !res.message || !f.msgid))
        broken("a refused import changed something or did not say why");
    if (e == ERR_OK && !skip_bad && res.nreport > 0)
        broken("a strict import with a bad row was accepted");
    if (e == ERR_OK && (orgs_after - orgs != res.organisations || svcs_after - svcs != res.services))
        broken("the counts differ from what was written");
    if (e == ERR_OK && skip_bad && res.organisations + res.skipped != res.rows)
        broken("a row was neither imported nor reported");
    for (int i = 0; i < res.nreport; i++)
        if (strncmp(res.report[i], "Line ", 5) != 0)
            broken("a report line does not name its line");
    socialekaart_result_free(&res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct db *db; /* one database for the run, see above */
    if (!db)
        db = open_db();
    import(db, data, size, false);
    import(db, data, size, true);
    return 0;
}
