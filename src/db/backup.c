/* Backups (see backup.h). The page copy itself is the SQLite driver's
 * (sqlite_backup_file in sqlite.c, which holds the raw handle); this file
 * owns what is the same for any copy: the temporary file, moving it into
 * place without ever overwriting what must not be overwritten, and syncing
 * the directory so that the new name survives a crash. */
#include "db/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "db/db.h"
#include "db/driver.h"

static const char failed_msgid[] = "The backup to %s failed: %s";

static bool exists(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0;
}

/* Removes tmp and the journal files SQLite may have left beside it: a stale
 * "-journal" next to a new file would be rolled back into it. */
static void remove_tmp(const char *tmp)
{
    static const char *const suffixes[] = {"", "-journal", "-wal", "-shm"};
    struct buf p = BUF_INIT;
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        buf_reset(&p);
        buf_printf(&p, "%s%s", tmp, suffixes[i]);
        unlink(buf_cstr(&p));
    }
    buf_free(&p);
}

/* Creates path empty, readable by its owner only: a backup holds password
 * hashes and the server's keys. SQLite takes an empty file for an empty
 * database and keeps its mode. NULL on success, else the system's reason. */
static const char *create_private(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return strerror(errno);
    close(fd);
    return NULL;
}

/* Syncs the directory holding path, so that a rename into it is durable. */
static void sync_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    struct buf dir = BUF_INIT;
    if (!slash)
        buf_puts(&dir, ".");
    else if (slash == path)
        buf_puts(&dir, "/");
    else
        buf_append(&dir, path, (size_t)(slash - path));
    int fd = open(buf_cstr(&dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    buf_free(&dir);
}

/* Moves the finished copy tmp to path. Without replace, link() makes the
 * name only when it is free, so a file that appeared meanwhile is kept. */
static enum err put_in_place(const char *tmp, const char *path, bool replace, struct fault *f)
{
    if (replace) {
        if (rename(tmp, path) != 0)
            return fault_set(f, ERR_INTERNAL, NULL, failed_msgid, path, strerror(errno), NULL);
    } else {
        if (link(tmp, path) != 0) {
            if (errno == EEXIST)
                return fault_set(f, ERR_CONFLICT, NULL, "%s exists already.", path, NULL);
            return fault_set(f, ERR_INTERNAL, NULL, failed_msgid, path, strerror(errno), NULL);
        }
        unlink(tmp);
    }
    sync_dir_of(path);
    return ERR_OK;
}

enum err db_backup_to(struct db *db, const char *path, bool replace, db_progress_fn progress,
                      void *ctx, struct fault *f)
{
    if (db_kind(db) != DB_SQLITE)
        return fault_set(f, ERR_INVALID, NULL,
                         "A PostgreSQL database is backed up with pg_dump, not with wijkregie.",
                         NULL);
    if (db_in_transaction(db)) {
        fputs("db_backup_to: called inside a transaction (a programming error)\n", stderr);
        abort();
    }
    if (!replace && exists(path))
        return fault_set(f, ERR_CONFLICT, NULL, "%s exists already.", path, NULL);
    struct buf tmp = BUF_INIT;
    buf_printf(&tmp, "%s.tmp", path);
    remove_tmp(buf_cstr(&tmp));
    enum err e = ERR_OK;
    const char *why = create_private(buf_cstr(&tmp));
    if (!why)
        why = sqlite_backup_file(db, buf_cstr(&tmp), progress, ctx);
    if (why)
        e = fault_set(f, ERR_INTERNAL, NULL, failed_msgid, path, why, NULL);
    else
        e = put_in_place(buf_cstr(&tmp), path, replace, f);
    remove_tmp(buf_cstr(&tmp));
    buf_free(&tmp);
    return e;
}

/* ---- PostgreSQL: the pg_dump command ------------------------------------- */

/* Appends s as one shell word: as it is when it holds only characters no
 * shell treats specially, else in single quotes. */
static void put_shell_word(struct buf *out, const char *s)
{
    static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                "0123456789_-.,/:@%+=";
    if (*s && strspn(s, plain) == strlen(s)) {
        buf_puts(out, s);
        return;
    }
    buf_putc(out, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'')
            buf_puts(out, "'\\''");
        else
            buf_putc(out, *p);
    }
    buf_putc(out, '\'');
}

static bool is_pg_url(const char *url)
{
    return url && (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0);
}

bool db_backup_pg_command(const char *url, const char *file, struct buf *out)
{
    /* pg_dump's options for libpq's keywords; the database comes last. */
    static const char *const flags[][2] = {
        {"host", "--host="}, {"port", "--port="}, {"user", "--username="}, {"dbname", ""}};
    if (!is_pg_url(url))
        return false;
    buf_reset(out);
    buf_puts(out, "pg_dump --format=custom --file=");
    put_shell_word(out, file);
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(url, &err);
    PQfreemem(err);
    for (size_t i = 0; opts && i < sizeof flags / sizeof flags[0]; i++) {
        for (PQconninfoOption *o = opts; o->keyword; o++) {
            if (strcmp(o->keyword, flags[i][0]) != 0 || !o->val || !*o->val)
                continue;
            buf_printf(out, " %s", flags[i][1]);
            put_shell_word(out, o->val);
        }
    }
    PQconninfoFree(opts);
    return true;
}
