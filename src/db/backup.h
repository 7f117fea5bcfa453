/* Backups of a live database. A SQLite database is copied with SQLite's
 * online backup API, consistent while the server goes on writing, into a
 * temporary file that is renamed into place only when it is complete, so a
 * backup file is never half-written. A PostgreSQL database is backed up with
 * PostgreSQL's own pg_dump; db_backup_pg_command says how. */
#ifndef WIJK_DB_BACKUP_H
#define WIJK_DB_BACKUP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct buf;
struct db;

/* Progress of a long copy: done out of total units (pages for a backup). */
typedef void (*db_progress_fn)(void *ctx, int64_t done, int64_t total);

/* Writes a consistent copy of the SQLite database db to path: first to
 * path + ".tmp" (a leftover of an earlier attempt is removed), created
 * readable by its owner only (mode 0600: a backup holds password hashes and
 * keys), then moved to path, and the directory synced. The copy is one self-contained file in
 * rollback-journal mode, with every committed transaction up to the moment
 * the copy started (in WAL mode; without WAL the copy restarts when another
 * connection writes during it). progress (may be NULL) is called after each
 * step. db must be outside a transaction (a programming error otherwise:
 * aborts).
 *
 * Errors, after which path is as it was and no temporary file is left:
 * ERR_CONFLICT "%s exists already." when path exists and replace is false
 * (also when it appeared during the copy); ERR_INVALID for a PostgreSQL
 * connection; ERR_INTERNAL "The backup to %s failed: %s" with SQLite's or
 * the system's reason. The fault's args are path and static strings. */
enum err db_backup_to(struct db *db, const char *path, bool replace, db_progress_fn progress,
                      void *ctx, struct fault *f);

/* When url names a PostgreSQL database (postgresql:// or postgres://), puts
 * into out (reset first) the pg_dump command that backs it up to file in
 * pg_dump's custom format, and returns true: host, port, user and database
 * come from the URL, each shell-quoted when needed; a password in the URL is
 * left out (pg_dump asks for it, or takes it from ~/.pgpass or PGPASSWORD).
 * Returns false, out untouched, for any other url. */
bool db_backup_pg_command(const char *url, const char *file, struct buf *out);

#endif
