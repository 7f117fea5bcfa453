/* `wijkregie organisation add|list`: the operator's console for
 * organisations, so that the first organisations (and with them the
 * organisation admins a platform admin names, and the posts people ask for)
 * can exist before anyone signs in. What is added here is recorded in the
 * audit log with the capacity "console" and no person, as `wijkregie user`
 * does. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/organisation.h"

static int organisation_add(int argc, char **argv)
{
    const char *db_arg = NULL, *kind = NULL;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {"kind", OPT_VALUE, "KIND",
         "institution, formal_association, informal_group, existing_initiative or business "
         "(required)",
         &kind, NULL},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie organisation add --kind KIND NAME [--db URL]",
        "Registers an organisation called NAME (1 to 200 characters, one line) and prints\n"
        "its number: the scope a platform admin gives an organisation admin. Recorded in\n"
        "the audit log as done at the console.",
        opts,
        1,
        1,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    if (!kind) {
        fprintf(stderr, "wijkregie: --kind is required\nusage: %s\n", spec.usage);
        return EXIT_USAGE;
    }
    struct db *db = cli_open_db(opts_db_url(db_arg), true, &rc);
    if (!db)
        return rc;
    struct actor act = {0, CAPACITY_CONSOLE, NULL, clock_now()};
    struct fault f = {0};
    int64_t id = 0;
    enum err e = organisation_create(db, args[0], kind, &act, &id, &f);
    if (e != ERR_OK)
        cli_print_fault(&f);
    else
        printf("%lld\n", (long long)id);
    db_close(db);
    return cli_exit_code(e);
}

static int organisation_list_cmd(int argc, char **argv)
{
    const char *db_arg = NULL;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {0},
    };
    const struct command_spec spec = {
        "wijkregie organisation list [--db URL]",
        "Lists the organisations by name, one a line: number, kind and name\n"
        "(tab-separated), at most 1000.",
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
    struct arena *a = arena_new();
    struct organisation *items = NULL;
    int n = 0;
    struct fault f = {0};
    enum err e = organisation_list(db, a, ORGANISATION_LIST_MAX, &items, &n, &f);
    if (e != ERR_OK)
        cli_print_fault(&f);
    for (int i = 0; i < n; i++)
        printf("%lld\t%s\t%s\n", (long long)items[i].id, items[i].kind, items[i].name);
    arena_free(a);
    db_close(db);
    return cli_exit_code(e);
}

int cmd_organisation(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "add") == 0)
        return organisation_add(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "list") == 0)
        return organisation_list_cmd(argc - 1, argv + 1);
    FILE *out = argc >= 2 && strcmp(argv[1], "--help") == 0 ? stdout : stderr;
    fprintf(out, "usage: wijkregie organisation add --kind KIND NAME [--db URL]\n"
                 "       wijkregie organisation list [--db URL]\n"
                 "`wijkregie organisation add --help` tells more.\n");
    return out == stdout ? EXIT_OK : EXIT_USAGE;
}
