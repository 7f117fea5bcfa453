/* Write-ahead log positions for read replicas, the PostgreSQL side of
 * db_wal_position and db_replica_caught_up (db.h). A server that writes
 * remembers where the primary's log ended after its write; a read that
 * must see that write may go to a streaming replica only once the replica
 * has replayed its log that far. Positions travel as text and are compared
 * as pg_lsn by the server, never in C.
 *
 * The position is pg_current_wal_insert_lsn(), not pg_current_wal_lsn():
 * with synchronous_commit off a commit returns before its log record is
 * written out, so the write position may still lie before it, while the
 * insert position never does. At the exact end of a log page the insert
 * position points past the next page's header, beyond what a replica that
 * has replayed everything reports; such a read goes to the primary until
 * more log arrives, which is slower but never stale. */
#include <string.h>

#include "db/db.h"
#include "db/driver.h"
#include "db/pg.h"

bool pg_wal_position(struct db *db, char *out)
{
    struct db_stmt *st = pg_stmt_prepare(db, "SELECT pg_current_wal_insert_lsn()");
    if (!st)
        return false;
    bool ok = pg_stmt_step(st) == DB_ROW;
    const char *pos = ok ? pg_stmt_col_text(st, 0) : NULL;
    ok = ok && pos && strlen(pos) < DB_WAL_POSITION_MAX && db_wal_position_valid(pos);
    if (ok)
        memcpy(out, pos, strlen(pos) + 1);
    else if (pos)
        pg_set_error((struct pg_db *)db, DB_ERRCLASS_OTHER,
                     "pg_current_wal_insert_lsn() gave an unexpected position");
    pg_stmt_done(st);
    return ok;
}

int pg_wal_caught_up(struct db *db, const char *pos)
{
    /* NULL, when the server is not replaying a log, counts as not caught
     * up: the caller then reads from the primary. */
    struct db_stmt *st = pg_stmt_prepare(
        db, "SELECT COALESCE(pg_last_wal_replay_lsn() >= CAST(? AS pg_lsn), false)");
    if (!st)
        return -1;
    pg_stmt_bind_text(st, 1, pos);
    enum db_rc rc = pg_stmt_step(st);
    int yes = rc == DB_ROW ? (pg_stmt_col_int(st, 0) == 1) : -1;
    pg_stmt_done(st);
    return yes;
}
