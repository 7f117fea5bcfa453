/* Running as root, `wijkregie serve` gives root up before it answers a
 * single request. The rule, so that a server started by root (systemd
 * without User=, a container, the test suite in CI) keeps working:
 *
 *   who: --user NAME; else the owner of the SQLite database file when that
 *        is not root; else `nobody`. Never root.
 *   what becomes theirs: the database file and its -wal and -shm files
 *        (and the files the caller names, such as the erasure journal)
 *        are handed to that user with mode 0600; the directory holding
 *        them gets search permission (x) for others when it lacks it, never
 *        read or write permission. The server keeps one connection open
 *        from before the switch, so SQLite never has to create its -wal
 *        and -shm files in a directory the user cannot write.
 *   when: after the listening socket is bound (so ports below 1024 work)
 *        and the port file is written, before the HTTP daemon starts.
 *
 * A process that is not root keeps its user; --user then has to name that
 * same user. */
#ifndef WIJK_CLI_PRIVILEGES_H
#define WIJK_CLI_PRIVILEGES_H

#include <stdbool.h>
#include <sys/types.h>

/* The account to run as. name is malloc'ed (privileges_free). */
struct service_user {
    char *name;
    uid_t uid;
    gid_t gid;
};

/* True when the process runs as root (effective uid 0). */
bool privileges_are_root(void);

/* Fills u with the account the server runs as, by the rule above, for the
 * database url (a SQLite file's owner counts; a PostgreSQL url has none).
 * Prints why and returns false when the user does not exist, is root, or is
 * another user than the current one while not root. */
bool privileges_choose(const char *user_opt, const char *db_url, struct service_user *u);

/* As root: hands the SQLite database file db_path (NULL: none, for
 * PostgreSQL) with its -wal and -shm files, and each existing path of the
 * NULL-terminated list extra (may be NULL), to u with mode 0600, and makes
 * the directory of db_path searchable for u. Prints why and returns false
 * on a failure, or when a parent directory stays unsearchable for u. */
bool privileges_hand_over(const struct service_user *u, const char *db_path,
                          const char *const *extra);

/* Switches the process, every thread included, to u: supplementary groups
 * dropped, group and user ids set, then checked that root cannot be taken
 * back. Prints why and returns false on failure (the caller must stop). */
bool privileges_drop(const struct service_user *u);

/* Frees what privileges_choose allocated. */
void privileges_free(struct service_user *u);

#endif
