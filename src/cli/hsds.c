/* The arena's open data at the command line:
 *   wijkregie export hsds [--out FILE] [--db URL]
 *       every organization and service as one HSDS 3 JSON document
 *       (model/hsds.h), to stdout or to FILE (by way of FILE.tmp);
 *   wijkregie import sociale-kaart FILE [--skip-bad] [--db URL]
 *       a "sociale kaart" CSV (model/socialekaart.h), all or nothing unless
 *       --skip-bad, with a report per line.
 * Reached through `wijkregie export` and `wijkregie import` (dump.c,
 * import.c). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "core/buf.h"
#include "core/clock.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/hsds.h"
#include "model/socialekaart.h"

static enum err export_to(struct db *db, const char *path, int *norgs, int *nservices,
                          struct fault *f)
{
    if (!path || strcmp(path, "-") == 0) {
        enum err e = hsds_export(db, stdout, norgs, nservices, f);
        if (fflush(stdout) != 0 && e == ERR_OK)
            e = fault_set(f, ERR_INTERNAL, NULL, "The export cannot be written: %s",
                          strerror(errno), NULL);
        return e;
    }
    struct buf tmp = BUF_INIT;
    buf_printf(&tmp, "%s.tmp", path);
    FILE *out = fopen(buf_cstr(&tmp), "w");
    enum err e;
    if (!out) {
        e = fault_set(f, ERR_INTERNAL, NULL, "The export cannot be written: %s", strerror(errno),
                      NULL);
    } else {
        e = hsds_export(db, out, norgs, nservices, f);
        bool written = fclose(out) == 0;
        if (e == ERR_OK && (!written || rename(buf_cstr(&tmp), path) != 0))
            e = fault_set(f, ERR_INTERNAL, NULL, "The export cannot be written: %s",
                          strerror(errno), NULL);
    }
    if (e != ERR_OK)
        unlink(buf_cstr(&tmp));
    buf_free(&tmp);
    return e;
}

int cmd_export_hsds(int argc, char **argv)
{
    const char *db_arg = NULL, *out_arg = NULL;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {"out", OPT_VALUE, "FILE", "write to FILE instead of standard output", &out_arg, NULL},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie export hsds [--out FILE] [--db URL]",
        "Writes the arena -- every organisation with its locations and every service with\n"
        "its languages, costs, contacts, locations and opening hours -- as one Open Referral\n"
        "HSDS 3 JSON document: {\"version\": \"3.0\", \"organizations\": [...], \"services\":\n"
        "[...]}. Identifiers are UUIDs derived from Wijkregie's ids (docs/operations.md).\n"
        "The data is public; FILE is written by way of FILE.tmp.",
        opts,
        0,
        0,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    const char *url = opts_db_url(db_arg);
    if (cli_db_missing(url))
        return EXIT_NOINPUT;
    struct db *db = cli_open_db(url, false, &rc);
    if (!db)
        return rc;
    int norgs = 0, nservices = 0;
    struct fault f = {0};
    enum err e = export_to(db, out_arg, &norgs, &nservices, &f);
    if (e != ERR_OK)
        cli_print_fault(&f);
    else
        fprintf(out_arg && strcmp(out_arg, "-") != 0 ? stdout : stderr,
                "exported %d organizations and %d services as HSDS 3\n", norgs, nservices);
    db_close(db);
    return e == ERR_INTERNAL ? EXIT_CANTCREAT : cli_exit_code(e);
}

/* Prints the report lines (bad rows) to stderr; "skipped: " in front when
 * the good rows were imported without them. */
static void print_report(const struct socialekaart_result *res, bool skipped)
{
    for (int i = 0; i < res->nreport; i++)
        fprintf(stderr, "wijkregie: %s%s\n", skipped ? "skipped: " : "", res->report[i]);
}

int cmd_import_socialekaart(int argc, char **argv)
{
    const char *db_arg = NULL;
    bool skip_bad = false;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {"skip-bad", OPT_FLAG, NULL, "import the good rows and list the bad ones", NULL, &skip_bad},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie import sociale-kaart FILE [--skip-bad] [--db URL]",
        "Imports a \"sociale kaart\" CSV: a header row names the columns (naam/name,\n"
        "soort/kind, adres/address, website, diensten/services; any case, any order);\n"
        "each row is an organisation and the services it offers (separated by ';').\n"
        "Every row is checked first and every bad row reported by its line. A file with\n"
        "a bad row imports nothing, unless --skip-bad: then the good rows are imported\n"
        "in one transaction and the skipped lines listed. Logged with capacity console.",
        opts,
        1,
        1,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    struct db *db = cli_open_db(opts_db_url(db_arg), true, &rc);
    if (!db)
        return rc;
    struct actor console = {0, CAPACITY_CONSOLE, NULL, clock_now()};
    struct socialekaart_result res;
    struct fault f = {0};
    enum err e = socialekaart_import(db, args[0], skip_bad, &console, &res, &f);
    print_report(&res, e == ERR_OK);
    if (e != ERR_OK) {
        cli_print_fault(&f);
        fprintf(stderr, "wijkregie: nothing was imported\n");
    } else {
        printf("imported %d organisations with %d services from %d rows", res.organisations,
               res.services, res.rows);
        if (res.skipped > 0)
            printf("; skipped %d bad rows (listed above)", res.skipped);
        printf("\n");
    }
    socialekaart_result_free(&res);
    db_close(db);
    return cli_exit_code(e);
}
