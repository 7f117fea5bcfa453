/* Where the reads of a GET or HEAD request go when the server has a read
 * replica (serve --db-replica, db/replica.h), and how a client reads its
 * own writes although the replica lags.
 *
 * After a state-changing request that succeeded, the response sets the
 * cookie wr_lsn to the primary's log position after the write
 * (db_wal_position): HttpOnly, SameSite=Lax, READPOS_MAX_AGE seconds. It
 * is no secret (a client that forges it only sends its own reads to the
 * primary, or to a replica that is behind, as a client without it does),
 * and a value that is not a position in the strict form of
 * db_wal_position_valid is ignored. A GET carrying it reads from the
 * replica only when the replica has replayed the log that far, else from
 * the primary; then the cookie is sent again, so it lasts as long as the
 * replica is behind. Requests without it read from the replica. Since
 * every process of a scale-out sees the same primary and the cookie goes
 * with the client, this holds across processes too.
 *
 * Sessions, CSRF checks and write quotas are looked up on the primary
 * before the handler runs (http/access.c); only the handler's reads move
 * to the replica. */
#ifndef WIJK_HTTP_READPOS_H
#define WIJK_HTTP_READPOS_H

#include "render/req.h"

#define READPOS_COOKIE "wr_lsn"

/* Long enough for any lag a replica should have; renewed while it lasts. */
enum { READPOS_MAX_AGE = 60 };

/* The replica connection for r's reads (a GET or HEAD with a database
 * connection), or NULL when they go to the primary, r->db: the server has
 * no replica, the replica is down (db_replica_get), or the client's wr_lsn
 * cookie names a write the replica has not yet replayed (the cookie is
 * then renewed on r's response). */
struct db *readpos_replica(struct req *r);

/* Tells the replica that a read on it failed with ERR_UNAVAILABLE; the
 * caller then reads from the primary. */
void readpos_replica_failed(struct req *r);

/* After a state-changing request whose handler succeeded, on a server with
 * a replica: sets the wr_lsn cookie to the primary's log position now.
 * When the position cannot be read (the primary just went away) the
 * request keeps its answer and no cookie is set; the failure is logged by
 * db_fault. Nothing happens without a replica or a connection. */
void readpos_after_write(struct req *r);

#endif
