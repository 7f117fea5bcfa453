/* Counting the monitor's quarters on several connections at once (see
 * monitor_calc.h, mon_jobs_run). Counting is read-only and every quarter
 * is counted on its own, so each counting thread takes the next quarter
 * not yet taken, on a connection of its own and into a copy of the run's
 * areas; the calling thread stores the quarters one after the other in
 * their order (a quarter's early warning reads the one a year before it)
 * and so stays the only writer. The threads take no quarter more than
 * twice their number ahead of the one being stored, which bounds the
 * memory the counts waiting to be stored take (a quarter of the whole
 * country is about 5 MB of counts). */
#include "model/monitor_calc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/mem.h"
#include "db/db.h"

enum { MAX_JOBS = 16 };

/* One quarter's counts, waiting to be stored. */
struct slot {
    bool ready;
    enum err e;
    struct fault f; /* its msgid is a literal and it has no args (db_fault's) */
    struct mon_comp *comps;
};

struct pipeline {
    const struct mon_set *proto;
    const int *qs;
    int n;
    mon_count_fn *count;
    void *ctx;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int next_take;  /* under lock: the next quarter (index in qs) to count */
    int next_store; /* under lock: the quarter being stored, or the next */
    int ahead;      /* how far past next_store a quarter may be taken */
    bool stop;      /* under lock */
    struct slot *slots;
};

struct job {
    struct pipeline *p;
    struct db *db;
    struct mon_set set;
    pthread_t thread;
};

/* The index of the next quarter for a job, -1 when there is none. */
static int take(struct pipeline *p)
{
    pthread_mutex_lock(&p->lock);
    while (!p->stop && p->next_take < p->n && p->next_take >= p->next_store + p->ahead)
        pthread_cond_wait(&p->changed, &p->lock);
    int i = p->stop || p->next_take >= p->n ? -1 : p->next_take++;
    pthread_mutex_unlock(&p->lock);
    return i;
}

static void *job_main(void *arg)
{
    struct job *j = arg;
    struct pipeline *p = j->p;
    int i;
    while ((i = take(p)) >= 0) {
        struct slot s = {.ready = true};
        s.e = p->count(p->ctx, j->db, &j->set, p->qs[i], &s.f);
        if (s.e == ERR_OK) {
            s.comps = xmalloc((size_t)(j->set.n ? j->set.n : 1) * sizeof *s.comps);
            for (int k = 0; k < j->set.n; k++)
                s.comps[k] = j->set.areas[k].comp;
        }
        pthread_mutex_lock(&p->lock);
        p->slots[i] = s;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
    }
    return NULL;
}

/* Waits for quarter i's counts; then its slot is the caller's. */
static struct slot *wait_for(struct pipeline *p, int i)
{
    pthread_mutex_lock(&p->lock);
    while (!p->slots[i].ready)
        pthread_cond_wait(&p->changed, &p->lock);
    pthread_mutex_unlock(&p->lock);
    return &p->slots[i];
}

static void advance(struct pipeline *p, int next, bool stop)
{
    pthread_mutex_lock(&p->lock);
    p->next_store = next;
    p->stop = p->stop || stop;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}

/* Opens the jobs' connections and copies of the areas; false (with every
 * opened one closed again) when a connection cannot be opened. */
static bool open_jobs(struct pipeline *p, const char *url, struct job *jobs, int n)
{
    for (int i = 0; i < n; i++) {
        struct fault f = {0};
        jobs[i] = (struct job){.p = p, .db = db_open(url, &f), .set = *p->proto};
        if (!jobs[i].db) {
            for (int k = 0; k < i; k++) {
                db_close(jobs[k].db);
                free(jobs[k].set.areas);
            }
            return false;
        }
        size_t size = (size_t)(p->proto->n ? p->proto->n : 1) * sizeof *p->proto->areas;
        jobs[i].set.areas = xmalloc(size);
        memcpy(jobs[i].set.areas, p->proto->areas, size);
    }
    return true;
}

/* Stores the quarters in order as their counts arrive; the first error. */
static enum err store_all(struct pipeline *p, mon_store_fn *store, struct fault *f)
{
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < p->n; i++) {
        struct slot *s = wait_for(p, i);
        if (s->e != ERR_OK) {
            e = s->e;
            if (f)
                *f = s->f;
        } else {
            e = store(p->ctx, p->qs[i], s->comps, f);
        }
        free(s->comps);
        s->comps = NULL;
        advance(p, i + 1, e != ERR_OK);
    }
    return e;
}

enum err mon_jobs_run(const char *url, int jobs, const struct mon_set *set, const int *qs,
                      int n, mon_count_fn *count, mon_store_fn *store, void *ctx, int *used,
                      struct fault *f)
{
    *used = 0;
    if (!url || jobs < 2 || n < 2 || (db_url_kind(url) == DB_SQLITE && db_sqlite_path(url) == NULL))
        return ERR_OK;
    jobs = jobs > MAX_JOBS ? MAX_JOBS : jobs;
    struct pipeline p = {.proto = set, .qs = qs, .n = n, .count = count, .ctx = ctx,
                         .ahead = 2 * jobs, .slots = xcalloc((size_t)n, sizeof *p.slots)};
    struct job j[MAX_JOBS];
    if (!open_jobs(&p, url, j, jobs)) {
        log_event(LOG_WARN, NULL, "monitor_jobs_unavailable", "reason",
                  "a counting connection could not be opened; counting on one", NULL);
        free(p.slots);
        return ERR_OK;
    }
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.changed, NULL);
    int started = 0;
    while (started < jobs && pthread_create(&j[started].thread, NULL, job_main, &j[started]) == 0)
        started++;
    enum err e = ERR_OK;
    if (started > 0)
        e = store_all(&p, store, f);
    else
        log_event(LOG_WARN, NULL, "monitor_jobs_unavailable", "reason",
                  "no counting thread could be started; counting on one", NULL);
    *used = started;
    advance(&p, n, true);
    for (int i = 0; i < jobs; i++) {
        if (i < started)
            pthread_join(j[i].thread, NULL);
        db_close(j[i].db);
        free(j[i].set.areas);
    }
    for (int i = 0; i < n; i++)
        free(p.slots[i].comps);
    free(p.slots);
    pthread_cond_destroy(&p.changed);
    pthread_mutex_destroy(&p.lock);
    return e;
}
