/* The read replica's part of a request (see readpos.h). */
#include "http/readpos.h"

#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/replica.h"
#include "render/signin.h"

static const char *cookie(const struct req *r, const char *name)
{
    for (size_t i = 0; i < r->cookies.n; i++)
        if (strcmp(r->cookies.items[i].key, name) == 0)
            return r->cookies.items[i].value;
    return NULL;
}

static void set_cookie(struct req *r, const char *pos)
{
    req_header(r, "Set-Cookie", signin_cookie(r, READPOS_COOKIE, pos, READPOS_MAX_AGE));
}

struct db *readpos_replica(struct req *r)
{
    if (!r->app || !r->app->replica || !r->db)
        return NULL;
    const char *pos = cookie(r, READPOS_COOKIE);
    if (pos && !db_wal_position_valid(pos))
        pos = NULL;
    bool behind = false;
    struct db *db = db_replica_get(r->app->replica, pos, r->actor.now, &behind);
    if (behind)
        set_cookie(r, pos);
    return db;
}

void readpos_replica_failed(struct req *r)
{
    if (r->app && r->app->replica)
        db_replica_failed(r->app->replica, r->actor.now);
}

void readpos_after_write(struct req *r)
{
    if (!r->app || !r->app->replica || !r->db)
        return;
    char pos[DB_WAL_POSITION_MAX];
    struct fault f = {0};
    if (db_wal_position(r->db, pos, &f) == ERR_OK && pos[0])
        set_cookie(r, arena_strdup(r->arena, pos));
}
