/* A read replica's pool and its state (see replica.h). The state is two
 * facts under a mutex: whether the replica is left alone after a failure,
 * and until when. A thread that finds the time up claims the retry by
 * moving the time on before it asks the replica, so that only one request
 * at a time waits on a replica that may still be gone. */
#include "db/replica.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/log.h"
#include "core/mem.h"
#include "db/db.h"

struct db_replica {
    struct db_pool *pool;
    pthread_mutex_t lock; /* guards down and retry_at */
    bool down;            /* left alone after a failure */
    int64_t retry_at;     /* while down: when one thread may try again */
};

static void check(int rc, const char *what)
{
    if (rc != 0) {
        fprintf(stderr, "db_replica: %s failed (error %d)\n", what, rc);
        abort();
    }
}

struct db_replica *db_replica_new(const char *url)
{
    struct db_replica *rep = xcalloc(1, sizeof *rep);
    rep->pool = db_pool_new(url);
    check(pthread_mutex_init(&rep->lock, NULL), "pthread_mutex_init");
    return rep;
}

void db_replica_free(struct db_replica *rep)
{
    if (!rep)
        return;
    db_pool_free(rep->pool);
    check(pthread_mutex_destroy(&rep->lock), "pthread_mutex_destroy");
    free(rep);
}

/* Whether this thread may use the replica at now: it is in use, or it is
 * down and now is the time to try it again (*retry set; the next try is
 * moved on, so other threads keep to the primary meanwhile). */
static bool may_use(struct db_replica *rep, int64_t now, bool *retry)
{
    check(pthread_mutex_lock(&rep->lock), "pthread_mutex_lock");
    bool may = !rep->down || now >= rep->retry_at;
    *retry = rep->down && may;
    if (*retry)
        rep->retry_at = now + DB_REPLICA_RETRY_SECONDS;
    check(pthread_mutex_unlock(&rep->lock), "pthread_mutex_unlock");
    return may;
}

/* The replica answered a retry: in use again. */
static void mark_up(struct db_replica *rep)
{
    check(pthread_mutex_lock(&rep->lock), "pthread_mutex_lock");
    bool was_down = rep->down;
    rep->down = false;
    check(pthread_mutex_unlock(&rep->lock), "pthread_mutex_unlock");
    if (was_down)
        log_event(LOG_INFO, NULL, "replica_up", "reads", "replica", NULL);
}

void db_replica_failed(struct db_replica *rep, int64_t now)
{
    check(pthread_mutex_lock(&rep->lock), "pthread_mutex_lock");
    bool was_up = !rep->down;
    rep->down = true;
    rep->retry_at = now + DB_REPLICA_RETRY_SECONDS;
    check(pthread_mutex_unlock(&rep->lock), "pthread_mutex_unlock");
    if (was_up)
        log_event(LOG_WARN, NULL, "replica_down", "reads", "primary", NULL);
}

bool db_replica_in_use(struct db_replica *rep)
{
    check(pthread_mutex_lock(&rep->lock), "pthread_mutex_lock");
    bool up = !rep->down;
    check(pthread_mutex_unlock(&rep->lock), "pthread_mutex_unlock");
    return up;
}

/* Asks db whether it has replayed up to pos; a failure counts against the
 * replica. */
static bool ask(struct db_replica *rep, struct db *db, const char *pos, int64_t now, bool *yes)
{
    struct fault f = {0};
    if (db_replica_caught_up(db, pos, yes, &f) == ERR_OK)
        return true;
    db_replica_failed(rep, now);
    return false;
}

struct db *db_replica_get(struct db_replica *rep, const char *pos, int64_t now, bool *behind)
{
    bool retry = false, yes = false;
    if (behind)
        *behind = false;
    if (!may_use(rep, now, &retry))
        return NULL;
    struct fault f = {0};
    struct db *db = db_pool_get(rep->pool, &f);
    if (!db) {
        db_replica_failed(rep, now);
        return NULL;
    }
    /* A retry first proves that the replica answers: position 0/0 is
     * replayed by any server that is replaying a log at all. */
    if (retry) {
        if (!ask(rep, db, "0/0", now, &yes))
            return NULL;
        if (!yes) {
            db_replica_failed(rep, now);
            return NULL;
        }
        mark_up(rep);
    }
    if (!pos || !*pos)
        return db;
    if (!ask(rep, db, pos, now, &yes))
        return NULL;
    if (!yes && behind)
        *behind = true;
    return yes ? db : NULL;
}
