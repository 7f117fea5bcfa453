/* The nightly recompute (see monitor_nightly.h): a thread that waits on a
 * condition variable with a deadline, so that a stop wakes it at once, and
 * asks monitor_run through its progress callback to stop between
 * quarters. The waiting uses CLOCK_MONOTONIC, so that a clock set back or
 * forward neither skips nor repeats a night. */
#include "model/monitor_nightly.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/mem.h"
#include "db/db.h"

struct monitor_nightly {
    char *db_url;
    struct monitor_config cfg;
    int64_t first_delay, interval;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stopping; /* under lock */
    int runs;      /* under lock */
};

static bool stopping(struct monitor_nightly *n)
{
    pthread_mutex_lock(&n->lock);
    bool s = n->stopping;
    pthread_mutex_unlock(&n->lock);
    return s;
}

static bool keep_going(void *ctx, int done, int total)
{
    (void)done;
    (void)total;
    return !stopping(ctx);
}

static void run_once(struct monitor_nightly *n)
{
    struct fault f = {0};
    struct db *db = db_open(n->db_url, &f);
    struct monitor_run_result res = {0};
    enum err e = db ? monitor_run(db, &n->cfg, NULL, false, clock_now(), keep_going, n, &res, &f)
                    : f.code ? f.code : ERR_UNAVAILABLE;
    db_close(db);
    char values[24], quarters[24];
    snprintf(values, sizeof values, "%d", res.values);
    snprintf(quarters, sizeof quarters, "%d", res.quarters);
    if (e == ERR_OK)
        log_event(LOG_INFO, NULL, "monitor_run", "quarters", quarters, "values", values, NULL);
    else
        log_event(LOG_ERROR, NULL, "monitor_run_failed", "error", err_name(e), "message",
                  f.msgid ? f.msgid : "", NULL);
    pthread_mutex_lock(&n->lock);
    n->runs++;
    pthread_mutex_unlock(&n->lock);
}

/* Waits until the deadline or a stop; true when stopping. */
static bool wait_until(struct monitor_nightly *n, const struct timespec *deadline)
{
    pthread_mutex_lock(&n->lock);
    while (!n->stopping && pthread_cond_timedwait(&n->wake, &n->lock, deadline) == 0)
        ;
    bool s = n->stopping;
    pthread_mutex_unlock(&n->lock);
    return s;
}

static void *loop(void *arg)
{
    struct monitor_nightly *n = arg;
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    next.tv_sec += (time_t)n->first_delay;
    while (!wait_until(n, &next)) {
        run_once(n);
        next.tv_sec += (time_t)n->interval;
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (next.tv_sec <= now.tv_sec) /* a run longer than the interval */
            next.tv_sec = now.tv_sec + (time_t)n->interval;
    }
    return NULL;
}

struct monitor_nightly *monitor_nightly_start(const char *db_url, const struct monitor_config *cfg,
                                              int64_t first_delay, int64_t interval,
                                              struct fault *f)
{
    struct monitor_nightly *n = xcalloc(1, sizeof *n);
    n->db_url = xstrdup(db_url);
    n->cfg = *cfg;
    n->first_delay = first_delay < 1 ? 1 : first_delay;
    n->interval = interval < 1 ? 1 : interval;
    pthread_mutex_init(&n->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&n->wake, &attr);
    pthread_condattr_destroy(&attr);
    if (pthread_create(&n->thread, NULL, loop, n) != 0) {
        pthread_cond_destroy(&n->wake);
        pthread_mutex_destroy(&n->lock);
        free(n->db_url);
        free(n);
        fault_set(f, ERR_INTERNAL, NULL, "Cannot start the monitor's nightly run.", NULL);
        return NULL;
    }
    return n;
}

void monitor_nightly_stop(struct monitor_nightly *n)
{
    if (!n)
        return;
    pthread_mutex_lock(&n->lock);
    n->stopping = true;
    pthread_cond_signal(&n->wake);
    pthread_mutex_unlock(&n->lock);
    pthread_join(n->thread, NULL);
    pthread_cond_destroy(&n->wake);
    pthread_mutex_destroy(&n->lock);
    free(n->db_url);
    free(n);
}

int monitor_nightly_runs(struct monitor_nightly *n)
{
    pthread_mutex_lock(&n->lock);
    int r = n->runs;
    pthread_mutex_unlock(&n->lock);
    return r;
}

int64_t monitor_nightly_delay(int64_t now, int hour_utc)
{
    int64_t day = 86400, at = (int64_t)hour_utc * 3600;
    int64_t into = ((now % day) + day) % day;
    int64_t d = at - into;
    return d > 0 ? d : d + day;
}
