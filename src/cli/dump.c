/* `wijkregie export FILE` and `wijkregie import dump FILE`: the whole
 * database as one portable file (db/dump.h), to move an installation from
 * SQLite to PostgreSQL and back. The export is written to FILE.tmp and
 * renamed when complete; the import is one transaction. Both show progress
 * on a terminal and end with the rows per table. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "core/buf.h"
#include "core/clock.h"
#include "db/db.h"
#include "db/dump.h"

static void show_progress(void *ctx, const char *table, int64_t rows)
{
    (void)ctx;
    if (!isatty(STDERR_FILENO))
        return;
    fprintf(stderr, "\r%s: %" PRId64 " rows          ", table, rows);
    fflush(stderr);
}

static void end_progress(void)
{
    if (isatty(STDERR_FILENO))
        fputs("\r                                                  \r", stderr);
}

static void print_counts(FILE *out, const char *verb, const struct dump_result *res)
{
    for (int i = 0; i < res->ntables; i++)
        fprintf(out, "  %-28s %10" PRId64 " rows\n", res->tables[i].table, res->tables[i].rows);
    fprintf(out, "%s %d tables, %" PRId64 " rows (schema version %d)\n", verb, res->ntables,
            res->rows, res->schema_version);
}

/* ---- export -------------------------------------------------------------------- */

/* Opens path for writing, emptied, readable by its owner only (mode 0600):
 * a dump holds password hashes and the server's keys. NULL on failure. */
static FILE *create_private(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return NULL;
    if (fchmod(fd, 0600) != 0) { /* an older file of that name kept its mode */
        close(fd);
        return NULL;
    }
    FILE *out = fdopen(fd, "w");
    if (!out)
        close(fd);
    return out;
}

/* Writes the dump of db to path ("-": stdout) by way of path.tmp. */
static enum err export_to(struct db *db, const char *path, struct dump_result *res, struct fault *f)
{
    if (strcmp(path, "-") == 0) {
        enum err e = dump_export(db, stdout, clock_now(), show_progress, NULL, res, f);
        if (fflush(stdout) != 0 && e == ERR_OK)
            e = fault_set(f, ERR_INTERNAL, NULL, "The dump cannot be written: %s", strerror(errno),
                          NULL);
        return e;
    }
    struct buf tmp = BUF_INIT;
    buf_printf(&tmp, "%s.tmp", path);
    FILE *out = create_private(buf_cstr(&tmp));
    enum err e;
    if (!out) {
        *res = (struct dump_result){0};
        e = fault_set(f, ERR_INTERNAL, NULL, "The dump cannot be written: %s", strerror(errno),
                      NULL);
    } else {
        e = dump_export(db, out, clock_now(), show_progress, NULL, res, f);
        bool written = fflush(out) == 0 && fsync(fileno(out)) == 0;
        written = fclose(out) == 0 && written;
        if (e == ERR_OK && (!written || rename(buf_cstr(&tmp), path) != 0))
            e = fault_set(f, ERR_INTERNAL, NULL, "The dump cannot be written: %s", strerror(errno),
                          NULL);
    }
    if (e != ERR_OK)
        unlink(buf_cstr(&tmp));
    buf_free(&tmp);
    return e;
}

int cmd_export(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "hsds") == 0)
        return cmd_export_hsds(argc - 1, argv + 1);
    const char *db_arg = NULL;
    bool force = false;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {"force", OPT_FLAG, NULL, "replace FILE when it exists", NULL, &force},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie export FILE [--force] [--db URL]",
        "Writes the whole database as one portable file (JSON Lines), to move an\n"
        "installation from SQLite to PostgreSQL or back with `wijkregie import dump`.\n"
        "The export is one consistent snapshot, also while the server writes. It holds\n"
        "everything, password hashes included, so FILE is made readable by its owner only.\n"
        "FILE - is standard output; an existing FILE is kept unless --force.",
        opts,
        1,
        1,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    struct stat sb;
    if (!force && strcmp(args[0], "-") != 0 && stat(args[0], &sb) == 0) {
        fprintf(stderr, "wijkregie: %s exists already; give --force to replace it\n", args[0]);
        return EXIT_CANTCREAT;
    }
    const char *url = opts_db_url(db_arg);
    if (cli_db_missing(url))
        return EXIT_NOINPUT;
    struct db *db = cli_open_db(url, false, &rc);
    if (!db)
        return rc;
    struct dump_result res;
    struct fault f = {0};
    enum err e = export_to(db, args[0], &res, &f);
    end_progress();
    if (e != ERR_OK)
        cli_print_fault(&f);
    else
        print_counts(strcmp(args[0], "-") == 0 ? stderr : stdout, "exported", &res);
    dump_result_free(&res);
    db_close(db);
    if (e == ERR_INTERNAL)
        return EXIT_CANTCREAT;
    return cli_exit_code(e);
}

/* ---- import dump -------------------------------------------------------------- */

int cmd_import_dump(int argc, char **argv)
{
    const char *db_arg = NULL;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {0},
    };
    const struct command_spec spec = {
        "wijkregie import dump FILE [--db URL]",
        "Loads a file written by `wijkregie export` into a new, empty database migrated to\n"
        "the dump's schema version (`wijkregie init`), in one transaction: a bad line\n"
        "imports nothing and the message names it. FILE - is standard input.",
        opts,
        1,
        1,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    const char *url = opts_db_url(db_arg);
    if (cli_db_missing(url)) {
        fprintf(stderr, "wijkregie: create it first with `wijkregie init --db %s`\n", url);
        return EXIT_NOINPUT;
    }
    bool from_stdin = strcmp(args[0], "-") == 0;
    FILE *in = from_stdin ? stdin : fopen(args[0], "r");
    if (!in) {
        fprintf(stderr, "wijkregie: cannot open %s: %s\n", args[0], strerror(errno));
        return EXIT_NOINPUT;
    }
    struct db *db = cli_open_db(url, false, &rc);
    if (!db) {
        if (!from_stdin)
            fclose(in);
        return rc;
    }
    struct dump_result res;
    struct fault f = {0};
    enum err e = dump_import(db, in, show_progress, NULL, &res, &f);
    end_progress();
    if (e != ERR_OK) {
        cli_print_fault(&f);
        fprintf(stderr, "wijkregie: nothing was imported\n");
    } else {
        print_counts(stdout, "imported", &res);
    }
    dump_result_free(&res);
    db_close(db);
    if (!from_stdin)
        fclose(in);
    return cli_exit_code(e);
}
