/* `wijkregie demo`: the fictional demo gemeente Lindenhoven, for trying
 * Wijkregie out and for the tests; with --people also the demo people
 * (model/demo_people.h), whose sign-ins it prints. Their password is never
 * in the binary: it is read from stdin (--password-stdin) or made at
 * random and printed once. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "core/arena.h"
#include "core/random.h"
#include "db/db.h"
#include "model/demo.h"
#include "model/demo_people.h"
#include "model/password.h"

enum { PASSWORD_READ_MAX = 1024, RANDOM_PASSWORD_BYTES = 9 };

/* The demo people's password into buf: one line from stdin, or random
 * (18 hex characters). */
static int demo_password(bool from_stdin, char *buf, size_t size)
{
    if (!from_stdin) {
        struct arena *a = arena_new();
        snprintf(buf, size, "%s", random_hex(a, RANDOM_PASSWORD_BYTES));
        arena_free(a);
        return EXIT_OK;
    }
    if (!fgets(buf, (int)size, stdin) || (!strchr(buf, '\n') && !feof(stdin))) {
        fprintf(stderr, "wijkregie: no password on stdin (one line, at most 1024 bytes)\n");
        return EXIT_DATAERR;
    }
    buf[strcspn(buf, "\r\n")] = '\0';
    return EXIT_OK;
}

/* The sign-ins, and the password when accounts were made with it now. */
static void print_people(const struct demo_people_result *res, const char *password,
                         bool from_stdin)
{
    int n;
    const struct demo_person *p = demo_people(&n);
    printf("demo people: %d accounts made, %d there already; made now: %d collective%s, "
           "%d initiatives, %d pledges\n",
           res->people_made, res->people_there, res->collectives, res->collectives == 1 ? "" : "s",
           res->initiatives, res->pledges);
    printf("sign in at /sign-in as:\n");
    for (int i = 0; i < n; i++)
        printf("  %-24s %-18s %s\n", p[i].email, p[i].name, p[i].what);
    if (res->people_made == 0)
        printf("password: unchanged (the one given when these accounts were made)\n");
    else if (from_stdin)
        printf("password of the accounts made now: the one given on stdin\n");
    else
        printf("password of the accounts made now (shown once): %s\n", password);
}

static enum err run_people(struct db *db, bool from_stdin, char *password, size_t size, int *rc)
{
    password_init();
    if ((*rc = demo_password(from_stdin, password, size)) != EXIT_OK)
        return ERR_INVALID;
    struct arena *a = arena_new();
    struct demo_people_result res = {0};
    struct fault f = {0};
    enum err e = demo_people_create(db, a, password, &res, &f);
    if (e != ERR_OK)
        cli_print_fault(&f);
    else
        print_people(&res, password, from_stdin);
    arena_free(a);
    *rc = cli_exit_code(e);
    return e;
}

int cmd_demo(int argc, char **argv)
{
    const char *db_arg = NULL;
    bool with_people = false, from_stdin = false;
    const char *match_data = NULL, *match_bench = NULL, *scale = NULL, *seed = NULL;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {"people", OPT_FLAG, NULL, "also make the demo people, collective and initiatives", NULL,
         &with_people},
        {"password-stdin", OPT_FLAG, NULL,
         "with --people: read the demo people's password as one line from stdin", NULL,
         &from_stdin},
        {"match-data", OPT_VALUE, "PERSONS,PRACTICES",
         "also generate people with skills and practices (bench/match.sh; 20,5 for a handful)",
         &match_data, NULL},
        {"match-bench", OPT_VALUE, "RUNS", "with --match-data: time RUNS matches and searches",
         &match_bench, NULL},
        {"scale", OPT_VALUE, "S|M|L",
         "instead: five years of synthetic history for 40, 500 or 14,800 buurten, into a fresh "
         "database (bench/monitor_compute.sh)",
         &scale, NULL},
        {"seed", OPT_VALUE, "N", "with --scale: the random seed (default 1)", &seed, NULL},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie demo [--people [--password-stdin]] [--scale S|M|L [--seed N]] [--db URL]",
        "Creates (or refreshes) the fictional gemeente Lindenhoven (" DEMO_GEMEENTE ") with its\n"
        "wijken and buurten, plausible key figures and boundaries. Creates the database\n"
        "when needed; running it again changes nothing else.\n"
        "--people adds what is missing of the demo people (accounts @example.nl): residents\n"
        "of three buurten, a municipality admin, an organisation admin, a professional, a\n"
        "collective and initiatives in several phases, and prints their sign-ins. Accounts\n"
        "made now get the password from stdin (--password-stdin), else a random one that is\n"
        "printed once; accounts that are there already are left as they are.\n"
        "--scale generates, instead of Lindenhoven, five years of synthetic history\n"
        "(model/demo_scale.h) into a fresh database; a second run is refused.",
        opts,
        0,
        0,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    if (from_stdin && !with_people) {
        fprintf(stderr, "wijkregie: --password-stdin goes with --people\nusage: %s\n", spec.usage);
        return EXIT_USAGE;
    }
    if (scale || seed)
        return cli_demo_scale(opts_db_url(db_arg), scale, seed, with_people || match_data,
                              spec.usage);
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
    rc = cli_exit_code(e);
    if (e == ERR_OK && with_people) {
        char password[PASSWORD_READ_MAX + 2];
        run_people(db, from_stdin, password, sizeof password, &rc);
        sodium_memzero(password, sizeof password);
    }
    if (rc == EXIT_OK && match_data)
        rc = cli_match_demo(db, match_data, match_bench);
    db_close(db);
    return rc;
}
