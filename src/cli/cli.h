/* The command line: `wijkregie <command> [options]` with the subcommands
 * init, migrate, serve, import, demo (each with --help). */
#ifndef WIJK_CLI_CLI_H
#define WIJK_CLI_CLI_H

/* Exit codes that mean something (sysexits.h numbers). */
enum exit_code {
    EXIT_OK = 0,
    EXIT_FAILURE_GENERIC = 1,
    EXIT_USAGE = 64,       /* bad command line */
    EXIT_DATAERR = 65,     /* bad input file */
    EXIT_NOINPUT = 66,     /* input file missing or unreadable */
    EXIT_UNAVAILABLE = 69, /* database unreachable */
    EXIT_SOFTWARE = 70,    /* internal error */
    EXIT_CANTCREAT = 73,   /* cannot create output / database */
};

int cli_main(int argc, char **argv);

#endif
