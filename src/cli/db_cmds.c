/* `wijkregie init` and `wijkregie migrate`: create a database and keep its
 * schema up to date. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "db/db.h"
#include "db/migrate.h"

int cmd_init(int argc, char **argv)
{
    const char *db_arg = NULL;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {0},
    };
    const struct command_spec spec = {
        "wijkregie init [--db URL]",
        "Creates the database when it does not exist and applies every schema migration.\n"
        "Running it on an existing database only applies what is missing.",
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
    printf("database ready: schema version %d\n", migrate_version(db));
    db_close(db);
    return EXIT_OK;
}

int cmd_migrate(int argc, char **argv)
{
    const char *db_arg = NULL;
    bool status = false;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {"status", OPT_FLAG, NULL, "only show the schema version, change nothing", NULL, &status},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie migrate [--db URL] [--status]",
        "Applies pending schema migrations, each in its own transaction. With --status,\n"
        "shows the database's schema version and the newest one this binary ships.",
        opts,
        0,
        0,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    struct db *db = cli_open_db(opts_db_url(db_arg), !status, &rc);
    if (!db)
        return rc;
    int have = migrate_version(db), latest = migrate_latest(db);
    printf("schema version %d of %d%s\n", have, latest,
           have == latest ? " (up to date)" : " (run `wijkregie migrate`)");
    db_close(db);
    return have == latest || status ? EXIT_OK : EXIT_SOFTWARE;
}
