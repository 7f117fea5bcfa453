/* `wijkregie user add|verify|list|invite`: the operator's console for
 * accounts. This is how the first platform admin comes to exist (`user add
 * --admin`), how an operator verifies a residency without a web page, and
 * how the operator hands out an invitation code (`user invite`). Everything
 * done here is recorded in the audit log with the capacity "console" and
 * no person. A password never comes from the command line, where other
 * users of the machine could read it: it is read from stdin, or asked for
 * on the terminal with echo off. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/invitation.h"
#include "model/password.h"
#include "model/person.h"
#include "model/residency.h"
#include "model/role.h"

enum { PASSWORD_READ_MAX = 1024 };

static const char db_help[] = "database: a SQLite file or postgresql://... URL";

static struct actor console_actor(void)
{
    return (struct actor){0, CAPACITY_CONSOLE, NULL, clock_now()};
}

/* One line from in into buf (without its line end); false at EOF, on an
 * error, or for a line longer than the buffer. */
static bool read_line(FILE *in, char *buf, size_t size)
{
    if (!fgets(buf, (int)size, in))
        return false;
    size_t n = strlen(buf);
    bool whole = n > 0 && buf[n - 1] == '\n';
    if (!whole && !feof(in))
        return false;
    buf[n - (whole ? 1 : 0)] = '\0';
    n = strlen(buf);
    if (n > 0 && buf[n - 1] == '\r')
        buf[n - 1] = '\0';
    return true;
}

/* Asks for the password on the terminal with echo off, twice. */
static bool ask_password(char *buf, size_t size)
{
    struct termios old, quiet;
    if (tcgetattr(STDIN_FILENO, &old) != 0)
        return false;
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    char again[PASSWORD_READ_MAX + 2];
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    fprintf(stderr, "password: ");
    bool ok = read_line(stdin, buf, size);
    fprintf(stderr, "\npassword again: ");
    ok = ok && read_line(stdin, again, sizeof again);
    fputc('\n', stderr);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    if (ok && strcmp(buf, again) != 0) {
        fprintf(stderr, "wijkregie: the two passwords differ\n");
        ok = false;
    }
    sodium_memzero(again, sizeof again);
    return ok;
}

/* The new account's password into buf: from stdin, or from the terminal. */
static int get_password(bool from_stdin, char *buf, size_t size)
{
    if (from_stdin) {
        if (read_line(stdin, buf, size))
            return EXIT_OK;
        fprintf(stderr, "wijkregie: no password on stdin (one line, at most 1024 bytes)\n");
        return EXIT_DATAERR;
    }
    if (!isatty(STDIN_FILENO)) {
        fprintf(stderr, "wijkregie: stdin is not a terminal; give the password with "
                        "--password-stdin\n");
        return EXIT_USAGE;
    }
    return ask_password(buf, size) ? EXIT_OK : EXIT_DATAERR;
}

/* The account and, with admin, the platform admin role, in one transaction. */
static enum err add_person(struct db *db, struct arena *a, const struct person_signup *in,
                           bool admin, int64_t *id, struct fault *f)
{
    struct actor act = console_actor();
    enum err e = db_begin(db, f);
    if (e != ERR_OK)
        return e;
    e = person_signup(db, a, in, &act, id, f);
    if (e == ERR_OK && admin)
        e = role_grant_console(db, *id, CAP_PLATFORM_ADMIN, NULL, &act, NULL, f);
    if (e == ERR_OK)
        return db_commit(db, f);
    db_rollback(db);
    return e;
}

static int user_add(int argc, char **argv)
{
    const char *db_arg = NULL, *name = NULL;
    bool admin = false, from_stdin = false;
    const struct opt opts[] = {
        {"db", OPT_VALUE, "URL", db_help, &db_arg, NULL},
        {"name", OPT_VALUE, "NAME", "the name shown for the person (required)", &name, NULL},
        {"admin", OPT_FLAG, NULL, "make the person a platform admin", NULL, &admin},
        {"password-stdin", OPT_FLAG, NULL, "read the password as one line from stdin", NULL,
         &from_stdin},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie user add EMAIL --name NAME [--admin] [--password-stdin] [--db URL]",
        "Creates an account. The password (12 to 128 characters, not a common one) is read\n"
        "from stdin with --password-stdin, else asked for twice on the terminal; it is never\n"
        "an argument. --admin makes the person a platform admin: the way the first one is\n"
        "made. Recorded in the audit log as done at the console.",
        opts,
        1,
        1,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    if (!name) {
        fprintf(stderr, "wijkregie: --name is required\nusage: %s\n", spec.usage);
        return EXIT_USAGE;
    }
    password_init();
    char password[PASSWORD_READ_MAX + 2];
    if ((rc = get_password(from_stdin, password, sizeof password)) != EXIT_OK)
        return rc;
    struct db *db = cli_open_db(opts_db_url(db_arg), true, &rc);
    if (!db) {
        sodium_memzero(password, sizeof password);
        return rc;
    }
    struct arena *a = arena_new();
    struct person_signup in = {.email = args[0], .display_name = name, .password = password};
    struct fault f = {0};
    int64_t id = 0;
    enum err e = add_person(db, a, &in, admin, &id, &f);
    sodium_memzero(password, sizeof password);
    if (e != ERR_OK)
        cli_print_fault(&f);
    else
        printf("added person %lld%s\n", (long long)id, admin ? " as platform admin" : "");
    arena_free(a);
    db_close(db);
    return cli_exit_code(e);
}

static int user_verify(int argc, char **argv)
{
    const char *db_arg = NULL, *buurt = NULL;
    const struct opt opts[] = {
        {"db", OPT_VALUE, "URL", db_help, &db_arg, NULL},
        {"buurt", OPT_VALUE, "CODE", "the CBS code of the buurt (required)", &buurt, NULL},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie user verify EMAIL --buurt CODE [--db URL]",
        "Makes the person with this e-mail address a verified resident of the buurt: their\n"
        "request there is verified, or one is made and verified. For an operator of the\n"
        "platform or the municipality at the console; recorded in the audit log as such.",
        opts,
        1,
        1,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    if (!buurt) {
        fprintf(stderr, "wijkregie: --buurt is required\nusage: %s\n", spec.usage);
        return EXIT_USAGE;
    }
    struct db *db = cli_open_db(opts_db_url(db_arg), true, &rc);
    if (!db)
        return rc;
    struct arena *a = arena_new();
    struct capacity_person p;
    struct actor act = console_actor();
    struct fault f = {0};
    int64_t id = 0;
    enum err e = capacity_person_find(db, a, args[0], &p, &f);
    if (e == ERR_OK)
        e = residency_verify_console(db, p.id, buurt, &act, &id, &f);
    if (e != ERR_OK)
        cli_print_fault(&f);
    else
        printf("person %lld is a verified resident of %s (residency %lld)\n", (long long)p.id,
               buurt, (long long)id);
    arena_free(a);
    db_close(db);
    return cli_exit_code(e);
}

/* One line per person: id, e-mail, name and the capacities held. */
static enum err print_people(struct db *db, struct arena *a, const char *role, struct fault *f)
{
    struct capacity_person *people;
    int n;
    enum err e = capacity_people(db, a, role, 10000, &people, &n, f);
    for (int i = 0; i < n && e == ERR_OK; i++) {
        struct capacity_held *held;
        int nheld;
        e = capacity_list(db, a, people[i].id, &held, &nheld, f);
        printf("%lld\t%s\t%s\t", (long long)people[i].id, people[i].email, people[i].display_name);
        for (int j = 0; j < nheld && e == ERR_OK; j++)
            printf("%s%s%s%s", j ? "," : "", held[j].name, held[j].qualifier ? ":" : "",
                   held[j].qualifier ? held[j].qualifier : "");
        putchar('\n');
    }
    return e;
}

static int user_list(int argc, char **argv)
{
    const char *db_arg = NULL, *role = NULL;
    const struct opt opts[] = {
        {"db", OPT_VALUE, "URL", db_help, &db_arg, NULL},
        {"role", OPT_VALUE, "ROLE",
         "only people who hold it: resident, professional, organisation_admin, "
         "municipality_admin, moderator, platform_admin",
         &role, NULL},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie user list [--role ROLE] [--db URL]",
        "Lists the accounts that are not erased, one a line: id, e-mail address, name and\n"
        "the capacities held now (tab-separated). Never shows passwords or their hashes.",
        opts,
        0,
        0,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    enum capacity cap;
    if (role && (!policy_capacity_parse(role, &cap) || cap < CAP_RESIDENT)) {
        fprintf(stderr, "wijkregie: unknown role: %s\nusage: %s\n", role, spec.usage);
        return EXIT_USAGE;
    }
    struct db *db = cli_open_db(opts_db_url(db_arg), true, &rc);
    if (!db)
        return rc;
    struct arena *a = arena_new();
    struct fault f = {0};
    enum err e = print_people(db, a, role, &f);
    if (e != ERR_OK)
        cli_print_fault(&f);
    arena_free(a);
    db_close(db);
    return cli_exit_code(e);
}

static int user_invite(int argc, char **argv)
{
    const char *db_arg = NULL, *days_arg = NULL, *note = NULL;
    const struct opt opts[] = {
        {"db", OPT_VALUE, "URL", db_help, &db_arg, NULL},
        {"days", OPT_VALUE, "N", "how many days the code is valid: 1 to 90 (default 14)", &days_arg,
         NULL},
        {"note", OPT_VALUE, "TEXT",
         "a note for yourself, such as who it is for (at most 200 "
         "characters)",
         &note, NULL},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie user invite [--days N] [--note TEXT] [--db URL]",
        "Makes an invitation code and prints it, once: it is not stored, only its hash. The\n"
        "code lets one person create an account, once, until it expires. Recorded in the\n"
        "audit log as done at the console.",
        opts,
        0,
        0,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    long days = 14;
    if (days_arg && !opts_int(days_arg, 1, 90, &days)) {
        fprintf(stderr, "wijkregie: --days must be a whole number from 1 to 90\nusage: %s\n",
                spec.usage);
        return EXIT_USAGE;
    }
    struct db *db = cli_open_db(opts_db_url(db_arg), true, &rc);
    if (!db)
        return rc;
    struct arena *a = arena_new();
    struct actor act = console_actor();
    struct fault f = {0};
    const char *code = NULL;
    int64_t id = 0;
    enum err e = invitation_create(db, a, note, (int64_t)days * 24 * 3600, &act, &code, &id, &f);
    if (e != ERR_OK)
        cli_print_fault(&f);
    else
        printf("%s\n", code);
    arena_free(a);
    db_close(db);
    return cli_exit_code(e);
}

int cmd_user(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "add") == 0)
        return user_add(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "verify") == 0)
        return user_verify(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "list") == 0)
        return user_list(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "invite") == 0)
        return user_invite(argc - 1, argv + 1);
    FILE *out = argc >= 2 && strcmp(argv[1], "--help") == 0 ? stdout : stderr;
    fprintf(out, "usage: wijkregie user add EMAIL --name NAME [--admin] [--password-stdin] "
                 "[--db URL]\n"
                 "       wijkregie user verify EMAIL --buurt CODE [--db URL]\n"
                 "       wijkregie user list [--role ROLE] [--db URL]\n"
                 "       wijkregie user invite [--days N] [--note TEXT] [--db URL]\n"
                 "`wijkregie user add --help` tells more.\n");
    return out == stdout ? EXIT_OK : EXIT_USAGE;
}
