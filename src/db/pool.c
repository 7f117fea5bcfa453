/* One database connection per thread. libmicrohttpd runs requests on a fixed
 * set of worker threads; each opens its own connection the first time it
 * asks (a struct db is used by one thread at a time) and keeps it for its
 * life. The connection is closed when its thread exits (the thread-specific
 * key's destructor) or, for the threads still alive, by db_pool_free.
 *
 * The pool also keeps every connection on a list under a mutex, because a
 * thread-specific value can only be reached from its own thread and
 * db_pool_free must close them all. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/mem.h"
#include "db/db.h"

struct pool_conn {
    struct db *db;
    struct db_pool *pool;
    struct pool_conn *next;
};

struct db_pool {
    char *url;
    pthread_key_t key;
    pthread_mutex_t lock; /* guards conns */
    struct pool_conn *conns;
    bool sync_full; /* db_sync of every connection */
};

static void check(int rc, const char *what)
{
    if (rc != 0) {
        fprintf(stderr, "db_pool: %s failed (error %d)\n", what, rc);
        abort();
    }
}

/* Removes pc from its pool's list of connections. */
static void unlink_conn(struct pool_conn *pc)
{
    struct db_pool *p = pc->pool;
    check(pthread_mutex_lock(&p->lock), "pthread_mutex_lock");
    for (struct pool_conn **it = &p->conns; *it; it = &(*it)->next) {
        if (*it == pc) {
            *it = pc->next;
            break;
        }
    }
    check(pthread_mutex_unlock(&p->lock), "pthread_mutex_unlock");
}

/* Runs in a thread that exits while holding a connection. */
static void close_thread_conn(void *value)
{
    struct pool_conn *pc = value;
    unlink_conn(pc);
    db_close(pc->db);
    free(pc);
}

/* Creates a pool for url; no connection is opened until a thread asks.
 * Never returns NULL. */
struct db_pool *db_pool_new(const char *url)
{
    struct db_pool *p = xcalloc(1, sizeof *p);
    p->url = xstrdup(url);
    check(pthread_key_create(&p->key, close_thread_conn), "pthread_key_create");
    check(pthread_mutex_init(&p->lock, NULL), "pthread_mutex_init");
    return p;
}

/* Closes every connection, also those of threads still running: call it
 * only when no other thread will use the pool again (after the HTTP server
 * has stopped). Deleting the key first means no destructor runs later. */
void db_pool_free(struct db_pool *p)
{
    if (!p)
        return;
    check(pthread_key_delete(p->key), "pthread_key_delete");
    struct pool_conn *pc = p->conns;
    while (pc) {
        struct pool_conn *next = pc->next;
        db_close(pc->db);
        free(pc);
        pc = next;
    }
    check(pthread_mutex_destroy(&p->lock), "pthread_mutex_destroy");
    free(p->url);
    free(p);
}

struct db *db_pool_get(struct db_pool *p, struct fault *f)
{
    struct pool_conn *pc = pthread_getspecific(p->key);
    if (pc)
        return pc->db;
    struct db *db = db_open(p->url, f);
    if (db && p->sync_full && db_sync(db, true, f) != ERR_OK) {
        db_close(db);
        db = NULL;
    }
    if (!db)
        return NULL;
    pc = xcalloc(1, sizeof *pc);
    pc->db = db;
    pc->pool = p;
    check(pthread_mutex_lock(&p->lock), "pthread_mutex_lock");
    pc->next = p->conns;
    p->conns = pc;
    check(pthread_mutex_unlock(&p->lock), "pthread_mutex_unlock");
    check(pthread_setspecific(p->key, pc), "pthread_setspecific");
    return db;
}

void db_pool_set_sync_full(struct db_pool *p, bool full)
{
    p->sync_full = full;
}

const char *db_pool_url(const struct db_pool *p)
{
    return p->url;
}
