/* A read replica: a PostgreSQL hot standby, fed by streaming replication
 * from the primary, that answers the reads of GET and HEAD requests so that
 * the primary is left with the writes. It has its own pool (one connection
 * per worker thread, like the primary's) and a memory of whether it works.
 *
 * A replica that cannot be reached, loses its connection or fails a query
 * is left alone for DB_REPLICA_RETRY_SECONDS: reads go to the primary
 * meanwhile (logged once, as replica_down), then one request tries it
 * again and, if it answers, the replica is back (replica_up). A replica
 * never makes a request fail that the primary could answer.
 *
 * A replica lags: a read that must see a given write asks it first whether
 * it has replayed the primary's log up to that write's position
 * (db_wal_position, db_replica_caught_up in db.h). The pool is safe to share
 * between threads. */
#ifndef WIJK_DB_REPLICA_H
#define WIJK_DB_REPLICA_H

#include <stdbool.h>
#include <stdint.h>

struct db;
struct db_replica;

enum { DB_REPLICA_RETRY_SECONDS = 5 };

/* A replica at url (a postgresql:// URL; the caller has checked that); no
 * connection is opened until a thread asks. Never returns NULL. Free it
 * with db_replica_free once no thread uses it (after the HTTP server has
 * stopped); that closes every connection. NULL is fine there. */
struct db_replica *db_replica_new(const char *url);
void db_replica_free(struct db_replica *rep);

/* The calling thread's replica connection for a read at time now (seconds)
 * that must see the primary's log up to pos (NULL or "": any state will
 * do), or NULL when the read should go to the primary instead:
 *   - the replica failed less than DB_REPLICA_RETRY_SECONDS ago (another
 *     thread may be trying it again right now);
 *   - its connection cannot be opened, or asking it fails: then it counts
 *     as failed at now (see db_replica_failed);
 *   - it has not yet replayed up to pos: *behind (may be NULL) is set, and
 *     the replica stays in use for other reads.
 * A connection is handed out again for a retry only after it has answered
 * a question. Nothing is written to the database. */
struct db *db_replica_get(struct db_replica *rep, const char *pos, int64_t now, bool *behind);

/* Reports that a read on the replica failed at now (its connection was
 * lost, a query was cancelled by the replay of the log, ...): the replica
 * is left alone until now + DB_REPLICA_RETRY_SECONDS. Logs replica_down
 * when it was in use until now. */
void db_replica_failed(struct db_replica *rep, int64_t now);

/* Whether the replica is in use (not left alone after a failure). */
bool db_replica_in_use(struct db_replica *rep);

#endif
