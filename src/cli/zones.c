/* `wijkregie zones remind`: tells the boards and the gemeente's admins of
 * every rule-free zone whose evaluation is overdue (it has ended and no
 * evaluation is recorded) and who were not told yet -- once per zone. The
 * server runs nothing in the background; an operator runs this daily from
 * cron, and the pages show an overdue evaluation whether or not it ran. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "model/agreement.h"
#include "model/area.h"
#include "model/capacity.h"
#include "model/zone.h"

static int zones_remind(int argc, char **argv)
{
    const char *db_arg = NULL, *gemeente = NULL;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {"gemeente", OPT_VALUE, "CODE", "only the zones of this gemeente", &gemeente, NULL},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie zones remind [--gemeente CODE] [--db URL]",
        "Notifies the collective's board and the gemeente's admins of every rule-free zone\n"
        "whose evaluation is overdue and who were not told yet (once per zone), and prints\n"
        "how many zones that were. Meant to run daily, e.g. from cron.",
        opts,
        0,
        0,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    enum area_kind kind = 0;
    if (gemeente && (!area_code_valid(gemeente, &kind) || kind != AREA_GEMEENTE)) {
        fprintf(stderr, "wijkregie: %s is not a gemeente code\n", gemeente);
        return EXIT_USAGE;
    }
    struct db *db = cli_open_db(opts_db_url(db_arg), true, &rc);
    if (!db)
        return rc;
    struct arena *a = arena_new();
    struct actor console = {.capacity = CAPACITY_CONSOLE, .now = clock_now()};
    struct fault f = {0};
    int told = 0;
    enum err e = zone_remind(db, gemeente, agreement_today(a, console.now), &console, &told, &f);
    if (e != ERR_OK)
        cli_print_fault(&f);
    else
        printf("%d zones reminded\n", told);
    arena_free(a);
    db_close(db);
    return cli_exit_code(e);
}

int cmd_zones(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "remind") == 0)
        return zones_remind(argc - 1, argv + 1);
    FILE *out = argc >= 2 && strcmp(argv[1], "--help") == 0 ? stdout : stderr;
    fprintf(out, "usage: wijkregie zones remind [--gemeente CODE] [--db URL]\n"
                 "`wijkregie zones remind --help` tells more.\n");
    return out == stdout ? EXIT_OK : EXIT_USAGE;
}
