/* Numbered schema migrations, built into the binary from sql/sqlite/ and
 * sql/postgres/ ("0001_areas.sql", ...). Each is applied in its own
 * transaction and recorded in the table schema_migration(version, name,
 * applied_at), so running migrate twice changes nothing. */
#ifndef WIJK_DB_MIGRATE_H
#define WIJK_DB_MIGRATE_H

#include "core/err.h"

struct db;

/* Applies every migration newer than the database's version, in order. On
 * failure the failing migration is rolled back, earlier ones stay, and f
 * names the file. *applied (may be NULL) counts the migrations applied. */
enum err migrate_up(struct db *db, int *applied, struct fault *f);

/* The highest applied version, 0 for an empty database, -1 on error. */
int migrate_version(struct db *db);

/* The highest version shipped in the binary for this database's driver. */
int migrate_latest(const struct db *db);

#endif
