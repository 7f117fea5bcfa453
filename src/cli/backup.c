/* `wijkregie backup FILE`: a consistent copy of a live SQLite database, made
 * while the server goes on writing, with progress on a terminal. For a
 * PostgreSQL database it prints the pg_dump command to use instead. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "core/buf.h"
#include "db/backup.h"
#include "db/db.h"

bool cli_db_missing(const char *url)
{
    const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
    if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0 ||
        strcmp(path, ":memory:") == 0)
        return false;
    struct stat sb;
    if (stat(path, &sb) == 0)
        return false;
    fprintf(stderr, "wijkregie: there is no database at %s\n", path);
    return true;
}

/* Progress on stderr, rewritten in place, only when stderr is a terminal;
 * *shown tells whether a line was started. */
static void show_progress(void *ctx, int64_t done, int64_t total)
{
    bool *shown = ctx;
    if (!isatty(STDERR_FILENO) || total <= 0)
        return;
    fprintf(stderr, "\rbackup: %3d%% (%lld of %lld pages)", (int)(done * 100 / total),
            (long long)done, (long long)total);
    fflush(stderr);
    *shown = true;
}

static int refuse_postgres(const char *url, const char *file)
{
    struct buf cmd = BUF_INIT;
    if (!db_backup_pg_command(url, file, &cmd))
        return -1;
    fprintf(stderr,
            "wijkregie: a PostgreSQL database is backed up with pg_dump, not with wijkregie:\n"
            "  %s\n",
            buf_cstr(&cmd));
    buf_free(&cmd);
    return EXIT_USAGE;
}

static int backup_exit_code(enum err e)
{
    switch (e) {
    case ERR_OK:
        return EXIT_OK;
    case ERR_UNAVAILABLE:
        return EXIT_UNAVAILABLE;
    default:
        return EXIT_CANTCREAT;
    }
}

int cmd_backup(int argc, char **argv)
{
    const char *db_arg = NULL;
    bool force = false;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {"force", OPT_FLAG, NULL, "replace FILE when it exists", NULL, &force},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie backup FILE [--force] [--db URL]",
        "Copies a SQLite database, also while `wijkregie serve` writes to it, with SQLite's\n"
        "online backup: the copy holds every transaction committed when it started. It is\n"
        "written to FILE.tmp (readable by its owner only) and renamed to FILE when complete;\n"
        "an existing FILE is kept unless --force. A PostgreSQL database is backed up with\n"
        "pg_dump instead: the command prints the pg_dump command line for it.",
        opts,
        1,
        1,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    const char *url = opts_db_url(db_arg);
    if ((rc = refuse_postgres(url, args[0])) >= 0)
        return rc;
    struct stat sb;
    if (!force && stat(args[0], &sb) == 0) {
        fprintf(stderr, "wijkregie: %s exists already; give --force to replace it\n", args[0]);
        return EXIT_CANTCREAT;
    }
    if (cli_db_missing(url))
        return EXIT_NOINPUT;
    struct db *db = cli_open_db(url, false, &rc);
    if (!db)
        return rc;
    struct fault f = {0};
    bool shown = false;
    enum err e = db_backup_to(db, args[0], force, show_progress, &shown, &f);
    if (shown)
        fputc('\n', stderr);
    if (e != ERR_OK)
        cli_print_fault(&f);
    else
        printf("backup written to %s\n", args[0]);
    db_close(db);
    return backup_exit_code(e);
}
