/* `wijkregie restore BACKUP`: puts a backup made by `wijkregie backup` in
 * the place of a stopped server's SQLite database, and replays the erasure
 * journal (model/erasure.h) so that nobody erased since the backup comes
 * back. The backup is checked on a copy beside the database (integrity,
 * schema, migrations) before anything is replaced; the database it replaces
 * is kept under another name. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/audit.h"
#include "model/erasure.h"

static const char *const companions[] = {"", "-wal", "-shm", "-journal"};

int cli_replay_erasures(struct db *db, int *count)
{
    *count = 0;
    const char *file = db_file(db);
    if (!file)
        return EXIT_OK;
    char *path = erasure_journal_path(file);
    struct actor act = {.now = clock_now()};
    struct fault f = {0};
    enum err e = erasure_journal_replay(db, path, &act, count, &f);
    if (e != ERR_OK)
        cli_print_fault(&f);
    free(path);
    return cli_exit_code(e);
}

/* True when a process has the SQLite database at path open in WAL mode:
 * every connection holds a read lock on byte 128 of its -shm file (SQLite's
 * "DMS" lock) for as long as it is open. */
static bool in_use(const char *path)
{
    struct buf shm = BUF_INIT;
    buf_printf(&shm, "%s-shm", path);
    int fd = open(buf_cstr(&shm), O_RDONLY | O_CLOEXEC);
    buf_free(&shm);
    if (fd < 0)
        return false;
    struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 128, .l_len = 1};
    bool busy = fcntl(fd, F_GETLK, &lk) == 0 && lk.l_type != F_UNLCK;
    close(fd);
    return busy;
}

/* Copies the file from to a new file to (mode 0600), synced. NULL on
 * success, else the system's reason. */
static const char *copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return strerror(errno);
    int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0) {
        close(in);
        return strerror(errno);
    }
    char chunk[65536];
    ssize_t n;
    const char *why = NULL;
    while (!why && (n = read(in, chunk, sizeof chunk)) != 0) {
        if (n < 0 || write(out, chunk, (size_t)n) != n)
            why = strerror(n < 0 || errno ? errno : ENOSPC);
    }
    if (!why && fsync(out) != 0)
        why = strerror(errno);
    close(in);
    if (close(out) != 0 && !why)
        why = strerror(errno);
    return why;
}

/* Renames base+suffix to to+suffix for each companion file that exists. */
static bool move_with_companions(const char *base, const char *to)
{
    struct buf a = BUF_INIT, b = BUF_INIT;
    bool ok = true;
    for (size_t i = 0; ok && i < sizeof companions / sizeof companions[0]; i++) {
        buf_reset(&a);
        buf_reset(&b);
        buf_printf(&a, "%s%s", base, companions[i]);
        buf_printf(&b, "%s%s", to, companions[i]);
        if (rename(buf_cstr(&a), buf_cstr(&b)) != 0 && errno != ENOENT) {
            fprintf(stderr, "wijkregie: cannot move %s: %s\n", buf_cstr(&a), strerror(errno));
            ok = false;
        }
    }
    buf_free(&a);
    buf_free(&b);
    return ok;
}

static void remove_with_companions(const char *base)
{
    struct buf a = BUF_INIT;
    for (size_t i = 0; i < sizeof companions / sizeof companions[0]; i++) {
        buf_reset(&a);
        buf_printf(&a, "%s%s", base, companions[i]);
        unlink(buf_cstr(&a));
    }
    buf_free(&a);
}

/* Opens the copy, checks it is a whole Wijkregie database and brings its
 * schema up to date; closing it folds its WAL back in. */
static int check_copy(const char *copy, const char *backup)
{
    struct fault f = {0};
    struct db *db = db_open(copy, &f);
    struct db_stmt *st = db ? db_prepare(db, "PRAGMA integrity_check") : NULL;
    bool whole = st && db_step(st) == DB_ROW && strcmp(db_col_text(st, 0), "ok") == 0;
    if (st)
        db_done(st);
    if (!whole || migrate_version(db) <= 0) {
        fprintf(stderr,
                "wijkregie: %s is not a whole Wijkregie database (it cannot be opened, "
                "fails the integrity check or has no schema); nothing was changed\n",
                backup);
        db_close(db);
        return EXIT_DATAERR;
    }
    int applied = 0, rc = EXIT_OK;
    if (migrate_up(db, &applied, &f) != ERR_OK) {
        cli_print_fault(&f);
        rc = cli_exit_code(f.code);
    }
    db_close(db);
    return rc;
}

/* Moves the live database aside (if there is one) and the checked copy
 * into its place; *aside gets the name it was moved to, or "". */
static int swap_in(const char *copy, const char *live, struct buf *aside)
{
    struct stat sb;
    buf_reset(aside);
    if (stat(live, &sb) == 0) {
        buf_printf(aside, "%s.before-restore-%" PRId64, live, clock_now());
        if (!move_with_companions(live, buf_cstr(aside)))
            return EXIT_CANTCREAT;
    }
    if (rename(copy, live) != 0) {
        fprintf(stderr, "wijkregie: cannot move the restored copy into place: %s\n",
                strerror(errno));
        return EXIT_CANTCREAT;
    }
    /* The new name must survive a crash: sync the directory. */
    struct buf d = BUF_INIT;
    const char *slash = strrchr(live, '/');
    if (slash)
        buf_append(&d, live, slash == live ? 1 : (size_t)(slash - live));
    else
        buf_puts(&d, ".");
    int dir = open(buf_cstr(&d), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        fsync(dir);
        close(dir);
    }
    buf_free(&d);
    return EXIT_OK;
}

/* Replays the journal into the database now at live. */
static int replay(const char *live, int *count)
{
    int rc;
    struct db *db = cli_open_db(live, false, &rc);
    if (!db)
        return rc;
    rc = cli_replay_erasures(db, count);
    db_close(db);
    return rc;
}

static int restore(const char *backup, const char *live)
{
    struct buf copy = BUF_INIT, aside = BUF_INIT;
    buf_printf(&copy, "%s.restore-tmp", live);
    remove_with_companions(buf_cstr(&copy));
    const char *why = copy_file(backup, buf_cstr(&copy));
    int rc = EXIT_OK, count = 0;
    if (why) {
        fprintf(stderr, "wijkregie: cannot copy %s: %s; nothing was changed\n", backup, why);
        rc = EXIT_CANTCREAT;
    }
    if (rc == EXIT_OK)
        rc = check_copy(buf_cstr(&copy), backup);
    if (rc == EXIT_OK)
        rc = swap_in(buf_cstr(&copy), live, &aside);
    remove_with_companions(buf_cstr(&copy));
    if (rc == EXIT_OK)
        rc = replay(live, &count);
    if (rc == EXIT_OK) {
        printf("restored %s to %s; %d erasure%s replayed from the erasure journal\n", backup, live,
               count, count == 1 ? "" : "s");
        if (aside.len)
            printf("the database it replaced is kept as %s\n", buf_cstr(&aside));
    }
    buf_free(&copy);
    buf_free(&aside);
    return rc;
}

int cmd_restore(int argc, char **argv)
{
    const char *db_arg = NULL;
    const struct opt opts[] = {OPT_DB(&db_arg), {0}};
    const struct command_spec spec = {
        "wijkregie restore BACKUP [--db URL]",
        "Puts BACKUP (a file made by `wijkregie backup`) in the place of the SQLite\n"
        "database, with the server stopped. BACKUP is checked on a copy first (integrity,\n"
        "schema; pending migrations are applied); the database it replaces is kept as\n"
        "DB.before-restore-TIME. Then the erasure journal (DB-erasures) is replayed:\n"
        "every account erased since the backup was made is erased again. A PostgreSQL\n"
        "database is restored with pg_restore (docs/operations.md).",
        opts,
        1,
        1,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    const char *url = opts_db_url(db_arg);
    const char *live = db_sqlite_path(url);
    if (!live) {
        fprintf(stderr, "wijkregie: restore puts back a SQLite database; a PostgreSQL database "
                        "is restored with pg_restore (see docs/operations.md, Backups)\n");
        return EXIT_USAGE;
    }
    struct stat sb;
    if (stat(args[0], &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fprintf(stderr, "wijkregie: there is no backup file at %s\n", args[0]);
        return EXIT_NOINPUT;
    }
    if (in_use(live)) {
        fprintf(stderr, "wijkregie: %s is in use (a server is running on it); stop it first\n",
                live);
        return EXIT_UNAVAILABLE;
    }
    return restore(args[0], live);
}
