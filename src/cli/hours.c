/* `wijkregie hours export|check`: the investment-hours ledger at the
 * console. `export` writes the ledger of one pledge, one organisation or
 * one area (with the areas within it) as CSV to standard output, as the
 * pages' download does; `check` tells whether the books balance -- every
 * movement two entries summing to zero -- for an operator who wants to be
 * sure after a restore or a migration. Both only read. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "core/buf.h"
#include "db/db.h"
#include "model/area.h"
#include "model/hours.h"
#include "render/hours_csv.h"

/* Which ledger the options name: exactly one of them. */
static int export_scope(const char *pledge, const char *org, const char *area,
                        enum hours_scope *scope, long *id)
{
    int given = (pledge != NULL) + (org != NULL) + (area != NULL);
    if (given != 1) {
        fprintf(stderr, "wijkregie: give one of --pledge, --organisation and --area\n");
        return EXIT_USAGE;
    }
    if (area) {
        *scope = HOURS_SCOPE_AREA;
        if (area_code_valid(area, NULL))
            return EXIT_OK;
        fprintf(stderr, "wijkregie: %s is not a buurt, wijk or gemeente code\n", area);
        return EXIT_USAGE;
    }
    *scope = pledge ? HOURS_SCOPE_PLEDGE : HOURS_SCOPE_ORGANISATION;
    if (opts_int(pledge ? pledge : org, 1, 2147483647L, id))
        return EXIT_OK;
    fprintf(stderr, "wijkregie: --%s takes a number\n", pledge ? "pledge" : "organisation");
    return EXIT_USAGE;
}

static int hours_export(int argc, char **argv)
{
    const char *db_arg = NULL, *pledge = NULL, *org = NULL, *area = NULL;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {"pledge", OPT_VALUE, "ID", "the ledger of one pledge of hours", &pledge, NULL},
        {"organisation", OPT_VALUE, "ID", "the ledger of all of an organisation's pledges", &org,
         NULL},
        {"area", OPT_VALUE, "CODE",
         "the ledger of the pledges for a buurt, wijk or gemeente and the areas within it", &area,
         NULL},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie hours export (--pledge ID | --organisation ID | --area CODE) [--db URL]",
        "Writes an investment-hours ledger as CSV to standard output: one record per entry,\n"
        "both sides of every movement (pledged, logged, corrected, withdrawn), the hours in\n"
        "or out of the entry's account, and who booked it in which capacity. A buurt's\n"
        "hours count towards its wijk and gemeente.",
        opts,
        0,
        0,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    enum hours_scope scope;
    long id = 0;
    if ((rc = export_scope(pledge, org, area, &scope, &id)) != EXIT_OK)
        return rc;
    struct db *db = cli_open_db(opts_db_url(db_arg), true, &rc);
    if (!db)
        return rc;
    struct buf out = BUF_INIT;
    struct fault f = {0};
    enum err e = hours_csv_write(db, scope, id, area, &out, &f);
    if (e != ERR_OK)
        cli_print_fault(&f);
    else if (out.len && fwrite(out.data, 1, out.len, stdout) != out.len)
        e = ERR_INTERNAL;
    buf_free(&out);
    db_close(db);
    return cli_exit_code(e);
}

static int hours_check(int argc, char **argv)
{
    const char *db_arg = NULL;
    const struct opt opts[] = {OPT_DB(&db_arg), {0}};
    const struct command_spec spec = {
        "wijkregie hours check [--db URL]",
        "Checks that the investment-hours ledger balances: every movement is two entries\n"
        "that sum to zero. Prints the number of movements; exits 0 when it balances and 65\n"
        "(naming what does not) when it does not.",
        opts,
        0,
        0,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    struct db *db = cli_open_db(opts_db_url(db_arg), true, &rc);
    if (!db)
        return rc;
    int64_t sum = 0, unbalanced = 0, movements = 0;
    struct fault f = {0};
    enum err e = hours_ledger_check(db, &sum, &unbalanced, &movements, &f);
    db_close(db);
    if (e != ERR_OK) {
        cli_print_fault(&f);
        return cli_exit_code(e);
    }
    if (sum != 0 || unbalanced != 0) {
        fprintf(stderr,
                "wijkregie: the hours ledger does not balance: %lld movements, %lld "
                "of them unbalanced, entries summing to %lld tenths\n",
                (long long)movements, (long long)unbalanced, (long long)sum);
        return EXIT_DATAERR;
    }
    printf("%lld movements, balanced\n", (long long)movements);
    return EXIT_OK;
}

int cmd_hours(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "export") == 0)
        return hours_export(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "check") == 0)
        return hours_check(argc - 1, argv + 1);
    FILE *out = argc >= 2 && strcmp(argv[1], "--help") == 0 ? stdout : stderr;
    fprintf(out, "usage: wijkregie hours export (--pledge ID | --organisation ID | --area CODE) "
                 "[--db URL]\n"
                 "       wijkregie hours check [--db URL]\n"
                 "`wijkregie hours export --help` tells more.\n");
    return out == stdout ? EXIT_OK : EXIT_USAGE;
}
