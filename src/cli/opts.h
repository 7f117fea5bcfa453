/* Option parsing shared by the subcommands: a table of options per command,
 * each long form (--db) with an optional short form, and a help text built
 * from the same table, so that --help always tells the truth. */
#ifndef WIJK_CLI_OPTS_H
#define WIJK_CLI_OPTS_H

#include <stdbool.h>

enum opt_kind { OPT_FLAG, OPT_VALUE };

struct opt {
    const char *name; /* "db" for --db */
    enum opt_kind kind;
    const char *arg_name; /* "URL" in the help text */
    const char *help;
    const char **value; /* OPT_VALUE: where the value goes */
    bool *flag;         /* OPT_FLAG: set to true when given */
};

/* The --db option every database command takes. */
#define OPT_DB(var)                                                                                \
    {                                                                                              \
        "db", OPT_VALUE, "URL", "database: a SQLite file or postgresql://... URL", (var), NULL     \
    }

struct command_spec {
    const char *usage;      /* "wijkregie import cbs FILE [options]" */
    const char *summary;    /* one paragraph */
    const struct opt *opts; /* {NULL}-terminated */
    int min_args, max_args; /* positional arguments */
};

/* Parses argv (argv[0] is the subcommand name) against spec. Positional
 * arguments are collected into args (at most max_args). Prints the help and
 * returns 0 for --help; prints a clear error and the usage line and returns
 * EXIT_USAGE (64) for anything wrong; returns -1 when the command should run.
 * *nargs gets the number of positional arguments. */
int opts_parse(const struct command_spec *spec, int argc, char **argv, const char **args,
               int *nargs);

/* Prints the help text of spec to stdout. */
void opts_help(const struct command_spec *spec);

/* The database URL: the --db value, else $WIJKREGIE_DB, else "wijkregie.db". */
const char *opts_db_url(const char *given);

/* Parses a whole decimal number within [min, max]; false otherwise. */
bool opts_int(const char *s, long min, long max, long *out);

#endif
