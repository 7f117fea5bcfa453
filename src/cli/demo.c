/* `wijkregie demo`: the fictional demo gemeente Lindenhoven, for trying
 * Wijkregie out and for the tests. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "db/db.h"
#include "model/demo.h"

int cmd_demo(int argc, char **argv)
{
    const char *db_arg = NULL;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {0},
    };
    const struct command_spec spec = {
        "wijkregie demo [--db URL]",
        "Creates (or refreshes) the fictional gemeente Lindenhoven (" DEMO_GEMEENTE ") with its\n"
        "wijken and buurten, plausible key figures and boundaries. Creates the database\n"
        "when needed; running it again changes nothing else.",
        opts, 0, 0,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    struct db *db = cli_open_db(opts_db_url(db_arg), true, &rc);
    if (!db)
        return rc;
    struct demo_result res = {0};
    struct fault f = {0};
    enum err e = demo_create(db, &res, &f);
    if (e != ERR_OK)
        cli_print_fault(&f);
    else
        printf("demo ready: %d gemeente, %d wijken, %d buurten with figures for %d\n",
               res.gemeenten, res.wijken, res.buurten, res.year);
    db_close(db);
    return cli_exit_code(e);
}
