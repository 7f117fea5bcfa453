/* The command line: `wijkregie <command> [options]` with the subcommands
 * init, migrate, serve, import, demo, backup, export, user (each with --help). */
#ifndef WIJK_CLI_CLI_H
#define WIJK_CLI_CLI_H

#include <stdbool.h>

#include "core/err.h"

struct db;

/* Exit codes that mean something (the numbers of sysexits.h). */
enum exit_code {
    EXIT_OK = 0,
    EXIT_FAILURE_GENERIC = 1,
    EXIT_USAGE = 64,       /* bad command line */
    EXIT_DATAERR = 65,     /* bad input file */
    EXIT_NOINPUT = 66,     /* input file missing or unreadable */
    EXIT_UNAVAILABLE = 69, /* database unreachable or port taken */
    EXIT_SOFTWARE = 70,    /* internal error */
    EXIT_CANTCREAT = 73,   /* cannot create output or database */
};

/* Runs the command line; returns the process exit code. */
int cli_main(int argc, char **argv);

/* The subcommands; argv[0] is the subcommand's name. */
int cmd_init(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_demo(int argc, char **argv);
/* demo --match-data PERSONS,PRACTICES [--match-bench RUNS] (cli/match_demo.c):
 * generates matching and practice data into db, then times RUNS matches and
 * searches when runs_text is non-NULL. Returns an exit code. */
int cli_match_demo(struct db *db, const char *counts, const char *runs_text);
/* demo --scale S|M|L [--seed N] (cli/demo_scale.c): generates the synthetic
 * history of model/demo_scale.h into the database at db_url; others: other
 * demo options were given too (a usage error). Returns an exit code. */
int cli_demo_scale(const char *db_url, const char *scale, const char *seed_text, bool others,
                   const char *usage);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);

/* Replays the erasure journal beside db's file (model/erasure.h) into db;
 * *count gets how many accounts were erased again. EXIT_OK, or the exit
 * code of the failure after printing it. Nothing for PostgreSQL. */
int cli_replay_erasures(struct db *db, int *count);
int cmd_export(int argc, char **argv);
/* `wijkregie user add|verify|list` (user.c). */
int cmd_user(int argc, char **argv);
/* `wijkregie organisation add|list` (organisation.c). */
int cmd_organisation(int argc, char **argv);
/* `wijkregie hours export|check` (hours.c). */
int cmd_hours(int argc, char **argv);
/* `wijkregie zones remind` (zones.c). */
int cmd_zones(int argc, char **argv);
/* The transition monitor (cli/monitor.c): `monitor run|flag` and
 * `report`; cli_monitor_config loads the defaults and, when path is not
 * NULL, that file over them (false, after saying why, when it is bad). */
int cmd_monitor(int argc, char **argv);
int cmd_report(int argc, char **argv);
struct monitor_config;
bool cli_monitor_config(const char *path, struct monitor_config *cfg);
/* `wijkregie import dump`, reached through cmd_import. */
int cmd_import_dump(int argc, char **argv);
/* `wijkregie export hsds` and `wijkregie import sociale-kaart` (hsds.c),
 * reached through cmd_export and cmd_import. */
int cmd_export_hsds(int argc, char **argv);
int cmd_import_socialekaart(int argc, char **argv);

/* Prints "wijkregie: <message>" for a fault to stderr (English). */
void cli_print_fault(const struct fault *f);

/* The exit code for an error. */
int cli_exit_code(enum err e);

/* Opens the database at url and, when migrate is true, applies pending
 * migrations (printing how many). On failure prints why, sets *code and
 * returns NULL. */
struct db *cli_open_db(const char *url, bool migrate, int *code);

/* True, after saying so on stderr, when url is a SQLite file that does not
 * exist (opening it would create an empty database). */
bool cli_db_missing(const char *url);

#endif
