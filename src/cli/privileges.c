/* Giving up root (see privileges.h). The files the server writes are handed
 * over by name before the switch; afterwards the process could not. */
#include "cli/privileges.h"

#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/mem.h"
#include "db/db.h"

bool privileges_are_root(void)
{
    return geteuid() == 0;
}

static bool fill_user(const struct passwd *pw, struct service_user *u)
{
    *u = (struct service_user){xstrdup(pw->pw_name), pw->pw_uid, pw->pw_gid};
    return true;
}

/* The default account of a root process: the database file's owner when
 * that is not root, else nobody. */
static const struct passwd *default_user(const char *db_url)
{
    const char *path = db_sqlite_path(db_url);
    struct stat sb;
    if (path && stat(path, &sb) == 0 && sb.st_uid != 0) {
        const struct passwd *pw = getpwuid(sb.st_uid);
        if (pw)
            return pw;
    }
    return getpwnam("nobody");
}

bool privileges_choose(const char *user_opt, const char *db_url, struct service_user *u)
{
    *u = (struct service_user){0};
    const struct passwd *pw = user_opt ? getpwnam(user_opt) : NULL;
    if (!privileges_are_root()) {
        if (user_opt && (!pw || pw->pw_uid != geteuid())) {
            fprintf(stderr, "wijkregie: --user %s needs the server to be started as root\n",
                    user_opt);
            return false;
        }
        const struct passwd *me = getpwuid(geteuid());
        *u = (struct service_user){xstrdup(me ? me->pw_name : "?"), geteuid(), getegid()};
        return true;
    }
    if (user_opt && !pw) {
        fprintf(stderr, "wijkregie: --user %s: there is no such user on this system\n", user_opt);
        return false;
    }
    if (!pw)
        pw = default_user(db_url);
    if (!pw) {
        fprintf(stderr, "wijkregie: started as root, but there is no user `nobody` to run as; "
                        "name one with --user\n");
        return false;
    }
    if (pw->pw_uid == 0) {
        fprintf(stderr, "wijkregie: the server does not run as root; name another user with "
                        "--user\n");
        return false;
    }
    return fill_user(pw, u);
}

/* Whether u may enter the directory sb describes (supplementary groups are
 * dropped with root, so only the primary group counts). */
static bool can_search(const struct stat *sb, const struct service_user *u)
{
    if (sb->st_uid == u->uid)
        return sb->st_mode & S_IXUSR;
    if (sb->st_gid == u->gid)
        return sb->st_mode & S_IXGRP;
    return sb->st_mode & S_IXOTH;
}

/* Every directory from / down to dir must be searchable for u; dir itself
 * is made so when it is not. */
static bool open_path(const struct service_user *u, const char *dir)
{
    struct buf prefix = BUF_INIT;
    bool ok = true;
    for (const char *p = dir; ok && *p;) {
        const char *next = strchr(p + 1, '/');
        size_t n = next ? (size_t)(next - dir) : strlen(dir);
        buf_reset(&prefix);
        buf_append(&prefix, dir, n ? n : 1);
        struct stat sb;
        if (stat(buf_cstr(&prefix), &sb) != 0 || !S_ISDIR(sb.st_mode))
            ok = false;
        else if (!can_search(&sb, u) && !next)
            ok = chmod(buf_cstr(&prefix), (sb.st_mode & 07777) | S_IXOTH) == 0;
        else if (!can_search(&sb, u))
            ok = false;
        if (!ok)
            fprintf(stderr,
                    "wijkregie: the user %s cannot reach the database: %s is not "
                    "searchable for it\n",
                    u->name, buf_cstr(&prefix));
        p = next ? next : dir + strlen(dir);
    }
    buf_free(&prefix);
    return ok;
}

/* Hands one file to u (mode 0600); a file that does not exist is fine. */
static bool give(const struct service_user *u, const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return errno == ENOENT;
    if (!S_ISREG(sb.st_mode) || chown(path, u->uid, u->gid) != 0 || chmod(path, 0600) != 0) {
        fprintf(stderr, "wijkregie: cannot hand %s over to the user %s: %s\n", path, u->name,
                S_ISREG(sb.st_mode) ? strerror(errno) : "not a regular file");
        return false;
    }
    return true;
}

static bool give_database(const struct service_user *u, const char *db_path)
{
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    struct buf p = BUF_INIT;
    bool ok = true;
    for (size_t i = 0; ok && i < sizeof suffixes / sizeof suffixes[0]; i++) {
        buf_reset(&p);
        buf_printf(&p, "%s%s", db_path, suffixes[i]);
        ok = give(u, buf_cstr(&p));
    }
    buf_free(&p);
    return ok;
}

bool privileges_hand_over(const struct service_user *u, const char *db_path,
                          const char *const *extra)
{
    for (size_t i = 0; extra && extra[i]; i++)
        if (!give(u, extra[i]))
            return false;
    if (!db_path)
        return true;
    char *real = realpath(db_path, NULL);
    if (!real) {
        fprintf(stderr, "wijkregie: %s: %s\n", db_path, strerror(errno));
        return false;
    }
    char *slash = strrchr(real, '/');
    *slash = '\0';
    bool ok = open_path(u, *real ? real : "/");
    free(real);
    return ok && give_database(u, db_path);
}

bool privileges_drop(const struct service_user *u)
{
    if (!privileges_are_root())
        return true;
    if (setgroups(0, NULL) != 0 || setgid(u->gid) != 0 || setuid(u->uid) != 0) {
        fprintf(stderr, "wijkregie: cannot switch to the user %s: %s\n", u->name, strerror(errno));
        return false;
    }
    if (setuid(0) == 0 || geteuid() == 0 || getegid() == 0) {
        fprintf(stderr, "wijkregie: root could be taken back after switching to %s\n", u->name);
        return false;
    }
    return true;
}

void privileges_free(struct service_user *u)
{
    free(u->name);
    *u = (struct service_user){0};
}
