/* The command-line entry point: a table of subcommands, shared helpers for
 * opening the database and reporting faults with meaningful exit codes. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/random.h"
#include "db/db.h"
#include "db/migrate.h"

struct subcommand {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct subcommand subcommands[] = {
    {"init", cmd_init, "create a database and bring its schema up to date"},
    {"migrate", cmd_migrate, "apply pending schema migrations, or show the schema version"},
    {"serve", cmd_serve, "run the web server (pages, JSON API)"},
    {"import", cmd_import,
     "import CBS key figures (cbs), area boundaries (geojson), a dump (dump), a sociale kaart "
     "(sociale-kaart)"},
    {"demo", cmd_demo, "create the fictional demo gemeente Lindenhoven"},
    {"backup", cmd_backup, "copy a live SQLite database to a file"},
    {"restore", cmd_restore,
     "put a backup in the place of a stopped server's database; replay erasures"},
    {"export", cmd_export,
     "write the whole database to one portable file; the arena as HSDS (hsds)"},
    {"user", cmd_user, "add an account (the first platform admin), verify a residency, list"},
    {"organisation", cmd_organisation, "register an organisation, list them"},
    {"hours", cmd_hours, "export an investment-hours ledger as CSV, check that it balances"},
    {"zones", cmd_zones, "remind of the overdue evaluations of rule-free zones"},
    {"monitor", cmd_monitor, "compute the transition monitor; flag a buurt as vulnerable"},
    {"report", cmd_report, "print an area's monitor figures as csv, json or text"},
    {NULL, NULL, NULL},
};

static void print_usage(FILE *out)
{
    fprintf(out, "usage: wijkregie <command> [options]\n\n"
                 "Wijkregie: residents run their own neighbourhood; the municipality and\n"
                 "professional organisations facilitate.\n\ncommands:\n");
    for (const struct subcommand *c = subcommands; c->name; c++)
        fprintf(out, "  %-10s %s\n", c->name, c->summary);
    fprintf(out, "\n`wijkregie <command> --help` tells more. The database is --db URL,\n"
                 "else $WIJKREGIE_DB, else ./wijkregie.db.\n");
}

int cli_main(int argc, char **argv)
{
    random_init();
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("wijkregie %s\n", WIJK_VERSION);
        return EXIT_OK;
    }
    for (const struct subcommand *c = subcommands; c->name; c++)
        if (strcmp(argv[1], c->name) == 0)
            return c->run(argc - 1, argv + 1);
    fprintf(stderr, "wijkregie: unknown command: %s\n", argv[1]);
    print_usage(stderr);
    return EXIT_USAGE;
}

void cli_print_fault(const struct fault *f)
{
    char *msg = fault_format(f->msgid ? f->msgid : "failed", f);
    if (f->field && !strstr(msg, f->field))
        fprintf(stderr, "wijkregie: %s (%s)\n", msg, f->field);
    else
        fprintf(stderr, "wijkregie: %s\n", msg);
    free(msg);
}

int cli_exit_code(enum err e)
{
    switch (e) {
    case ERR_OK:
        return EXIT_OK;
    case ERR_INVALID:
    case ERR_CONFLICT:
    case ERR_TOO_LARGE:
        return EXIT_DATAERR;
    case ERR_NOT_FOUND:
        return EXIT_NOINPUT;
    case ERR_UNAVAILABLE:
        return EXIT_UNAVAILABLE;
    default:
        return EXIT_SOFTWARE;
    }
}

struct db *cli_open_db(const char *url, bool migrate, int *code)
{
    struct fault f = {0};
    struct db *db = db_open(url, &f);
    if (!db) {
        cli_print_fault(&f);
        *code = f.code == ERR_UNAVAILABLE ? EXIT_UNAVAILABLE : EXIT_CANTCREAT;
        return NULL;
    }
    if (!migrate)
        return db;
    int applied = 0;
    if (migrate_up(db, &applied, &f) != ERR_OK) {
        cli_print_fault(&f);
        db_close(db);
        *code = cli_exit_code(f.code);
        return NULL;
    }
    if (applied > 0)
        fprintf(stderr, "applied %d migration%s; schema version %d\n", applied,
                applied == 1 ? "" : "s", migrate_version(db));
    return db;
}
