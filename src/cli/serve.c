/* `wijkregie serve`: runs the web server until SIGINT or SIGTERM. At start
 * it checks the schema, prepares password hashing (password_init) and loads
 * the server key that every process on the database shares. */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/privileges.h"
#include "core/clock.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "db/replica.h"
#include "http/server.h"
#include "model/erasure.h"
#include "model/monitor_nightly.h"
#include "model/password.h"
#include "model/server_key.h"
#include "render/i18n.h"
#include "render/req.h"

struct serve_args {
    const char *db, *db_replica, *listen, *port, *port_file, *threads;
    const char *session_idle, *session_max, *signin_window, *public_url, *user;
    const char *sync;
    bool trust_proxy, migrate, verbose;
    const char *monitor_config; /* the monitor's thresholds; NULL: built in */
    bool no_monitor;            /* no nightly monitor run in this process */
};

/* The read replica's URL: --db-replica, else $WIJKREGIE_DB_REPLICA, else
 * NULL (none). */
static const char *replica_url(const char *given)
{
    if (given && *given)
        return given;
    const char *env = getenv("WIJKREGIE_DB_REPLICA");
    return env && *env ? env : NULL;
}

/* A read replica is a PostgreSQL standby of a PostgreSQL primary; prints
 * why not and returns false otherwise. */
static bool replica_ok(const struct config *cfg)
{
    if (!cfg->db_replica_url)
        return true;
    if (db_url_kind(cfg->db_url) != DB_POSTGRES) {
        fprintf(stderr, "wijkregie: --db-replica (or WIJKREGIE_DB_REPLICA) needs a PostgreSQL "
                        "database; SQLite has no read replicas\n");
        return false;
    }
    if (db_url_kind(cfg->db_replica_url) != DB_POSTGRES) {
        fprintf(stderr, "wijkregie: --db-replica must be a postgresql://... URL of a standby "
                        "of the --db database\n");
        return false;
    }
    return true;
}

/* Fills cfg from the parsed options; prints why and returns false when a
 * value is out of range. */
static bool build_config(const struct serve_args *a, struct config *cfg)
{
    long port = 8080, threads = 0, idle = 30 * 60, max = 12 * 3600, window = 0;
    if (a->port && !opts_int(a->port, 0, 65535, &port)) {
        fprintf(stderr, "wijkregie: --port must be a number from 0 to 65535\n");
        return false;
    }
    if (a->threads && !opts_int(a->threads, 0, 256, &threads)) {
        fprintf(stderr, "wijkregie: --threads must be a number from 0 to 256\n");
        return false;
    }
    if (a->session_idle && !opts_int(a->session_idle, 60, 7 * 24 * 3600, &idle)) {
        fprintf(stderr, "wijkregie: --session-idle must be 60 to 604800 seconds\n");
        return false;
    }
    if (a->session_max && !opts_int(a->session_max, 60, 90 * 24 * 3600, &max)) {
        fprintf(stderr, "wijkregie: --session-max must be 60 to 7776000 seconds\n");
        return false;
    }
    if (a->signin_window && !opts_int(a->signin_window, 1, 24 * 3600, &window)) {
        fprintf(stderr, "wijkregie: --signin-window must be 1 to 86400 seconds\n");
        return false;
    }
    *cfg = (struct config){
        .db_url = opts_db_url(a->db),
        .db_replica_url = replica_url(a->db_replica),
        .listen_addr = a->listen ? a->listen : "127.0.0.1",
        .port = (int)port,
        .port_file = a->port_file,
        .threads = (unsigned)threads,
        .conn_limit = 10000, /* within RLIMIT_NOFILE (http/server.c) */
        .per_ip_limit = 256,
        .conn_timeout = 30,
        .conn_memory_limit = 64 * 1024,
        .max_body = 1024 * 1024,
        .trust_proxy = a->trust_proxy,
        .session_idle = idle,
        .session_max = max,
        .signin_window = (int)window,
        .public_url = a->public_url,
    };
    return replica_ok(cfg);
}

/* The database must exist and be at the schema this binary expects; then
 * the server key is read (made by the first process to start). */
static int check_schema(const struct config *cfg, bool migrate,
                        unsigned char key[static SERVER_KEY_BYTES])
{
    int rc;
    struct db *db = cli_open_db(cfg->db_url, migrate, &rc);
    if (!db)
        return rc;
    int have = migrate_version(db), latest = migrate_latest(db);
    if (have != latest) {
        db_close(db);
        fprintf(stderr,
                "wijkregie: the database schema is at version %d, this binary needs %d;\n"
                "run `wijkregie migrate` first (or serve with --migrate)\n",
                have, latest);
        return EXIT_UNAVAILABLE;
    }
    /* A database put back by hand from an older backup: erasures since. */
    int replayed = 0;
    rc = cli_replay_erasures(db, &replayed);
    if (rc != EXIT_OK) {
        db_close(db);
        return rc;
    }
    if (replayed > 0) {
        char n[16];
        snprintf(n, sizeof n, "%d", replayed);
        log_event(LOG_WARN, NULL, "erasures_replayed", "count", n, NULL);
    }
    struct fault f = {0};
    enum err e = server_key_load(db, clock_now(), key, &f);
    db_close(db);
    if (e != ERR_OK) {
        cli_print_fault(&f);
        return cli_exit_code(e);
    }
    return EXIT_OK;
}

static bool write_port_file(const char *path, int port)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return false;
    fprintf(f, "%d\n", port);
    if (fclose(f) != 0)
        return false;
    return rename(tmp, path) == 0;
}

/* As root: hands the database to u, opens the connection that keeps its
 * -wal and -shm files in place for the server's life (*keeper; SQLite,
 * running as root, makes them the database owner's), and gives root up.
 * Not root: nothing. False when the server must not start. */
static bool give_up_root(const struct config *cfg, const struct service_user *u, struct db **keeper)
{
    *keeper = NULL;
    if (!privileges_are_root())
        return true;
    const char *path = db_sqlite_path(cfg->db_url);
    char *journal = path ? erasure_journal_path(path) : NULL;
    /* The user could not create it in a directory it may not write. */
    int fd = journal ? open(journal, O_WRONLY | O_CREAT | O_CLOEXEC, 0600) : -1;
    if (fd >= 0)
        close(fd);
    const char *extra[] = {journal, NULL};
    bool ok = privileges_hand_over(u, path, extra);
    free(journal);
    if (!ok)
        return false;
    if (path) {
        struct fault f = {0};
        *keeper = db_open(cfg->db_url, &f);
        if (!*keeper || migrate_version(*keeper) < 0 || !privileges_hand_over(u, path, NULL))
            return false;
    }
    if (!privileges_drop(u))
        return false;
    char uid[24];
    snprintf(uid, sizeof uid, "%ld", (long)getuid());
    log_event(LOG_INFO, NULL, "privileges_dropped", "user", u->name, "uid", uid, NULL);
    return true;
}

/* Binds the port, writes the port file and gives up root; the listening
 * socket, or -1 with *rc set. */
static int prepare(const struct config *cfg, const struct service_user *u, struct db **keeper,
                   int *rc)
{
    struct fault f = {0};
    int port = 0, fd = server_listen(cfg, &port, &f);
    *rc = EXIT_OK;
    if (fd < 0) {
        cli_print_fault(&f);
        *rc = EXIT_UNAVAILABLE;
    } else if (cfg->port_file && !write_port_file(cfg->port_file, port)) {
        fprintf(stderr, "wijkregie: cannot write the port file %s\n", cfg->port_file);
        *rc = EXIT_CANTCREAT;
    } else if (!give_up_root(cfg, u, keeper)) {
        *rc = EXIT_CANTCREAT;
    }
    if (*rc != EXIT_OK && fd >= 0)
        close(fd);
    return *rc == EXIT_OK ? fd : -1;
}

/* Runs the server with signals blocked in every thread but sigwait's. */
static int run(const struct config *cfg, const struct catalog *cat,
               const unsigned char key[static SERVER_KEY_BYTES], const struct service_user *u,
               bool sync_full, const struct monitor_config *monitor)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    /* Past a file-size limit (RLIMIT_FSIZE) a write fails with EFBIG, which
     * SQLite reports like a full disk: a 503, not the end of the server. */
    signal(SIGXFSZ, SIG_IGN);

    struct db *keeper = NULL;
    int rc, fd = prepare(cfg, u, &keeper, &rc);
    if (fd < 0) {
        db_close(keeper);
        return rc;
    }
    struct app app = {.cfg = cfg,
                      .pool = db_pool_new(cfg->db_url),
                      .replica = cfg->db_replica_url ? db_replica_new(cfg->db_replica_url) : NULL,
                      .catalog = cat,
                      .secret = key,
                      .secret_len = SERVER_KEY_BYTES};
    db_pool_set_sync_full(app.pool, sync_full);
    log_event(LOG_INFO, NULL, "durability", "sync", sync_full ? "full" : "normal", NULL);
    struct fault f = {0};
    struct server *srv = server_start_on(&app, fd, &f);
    if (!srv) {
        cli_print_fault(&f);
        db_replica_free(app.replica);
        db_pool_free(app.pool);
        db_close(keeper);
        return EXIT_UNAVAILABLE;
    }
    int port = server_port(srv);
    char portbuf[16];
    snprintf(portbuf, sizeof portbuf, "%d", port);
    log_event(LOG_INFO, NULL, "listening", "addr", cfg->listen_addr, "port", portbuf, NULL);
    /* The transition monitor's recompute, nightly at 02:00 UTC. */
    struct monitor_nightly *night =
        monitor ? monitor_nightly_start(cfg->db_url, monitor,
                                        monitor_nightly_delay(clock_now(), 2), 86400, &f)
                : NULL;
    int sig = 0;
    sigwait(&set, &sig);
    log_event(LOG_INFO, NULL, "stopping", "signal", sig == SIGINT ? "SIGINT" : "SIGTERM", NULL);
    monitor_nightly_stop(night);
    server_stop(srv);
    db_replica_free(app.replica);
    db_pool_free(app.pool);
    db_close(keeper);
    return EXIT_OK;
}

int cmd_serve(int argc, char **argv)
{
    struct serve_args a = {0};
    const struct opt opts[] = {
        OPT_DB(&a.db),
        {"db-replica", OPT_VALUE, "URL",
         "read replica for GET/HEAD (postgresql://...; or $WIJKREGIE_DB_REPLICA)", &a.db_replica,
         NULL},
        {"listen", OPT_VALUE, "ADDR", "address to listen on (default 127.0.0.1; :: for IPv6)",
         &a.listen, NULL},
        {"port", OPT_VALUE, "N", "TCP port (default 8080; 0 picks a free one)", &a.port, NULL},
        {"port-file", OPT_VALUE, "FILE", "write the bound port to FILE", &a.port_file, NULL},
        {"threads", OPT_VALUE, "N", "worker threads (default: one per core)", &a.threads, NULL},
        {"trust-proxy", OPT_FLAG, NULL, "honour X-Forwarded-For/-Proto from a reverse proxy", NULL,
         &a.trust_proxy},
        {"public-url", OPT_VALUE, "URL",
         "the site's address for links in mails, e.g. https://wijk.example.nl", &a.public_url,
         NULL},
        {"session-idle", OPT_VALUE, "SECONDS",
         "end a session after this long without a request (default 1800)", &a.session_idle, NULL},
        {"session-max", OPT_VALUE, "SECONDS",
         "end a session this long after sign-in (default 43200)", &a.session_max, NULL},
        {"signin-window", OPT_VALUE, "SECONDS",
         "for tests: the sign-in rate-limit window (default 900)", &a.signin_window, NULL},
        {"user", OPT_VALUE, "NAME",
         "started as root: run as NAME (default: the database file's owner, else nobody)", &a.user,
         NULL},
        {"sync", OPT_VALUE, "full|normal",
         "SQLite commits: normal (default) survives a crash of the process or system; full "
         "also a power loss, at a cost per write",
         &a.sync, NULL},
        {"migrate", OPT_FLAG, NULL, "apply pending migrations before serving", NULL, &a.migrate},
        {"monitor-config", OPT_VALUE, "FILE",
         "the transition monitor's thresholds (default: built in; docs/monitor.md)",
         &a.monitor_config, NULL},
        {"no-monitor", OPT_FLAG, NULL,
         "no nightly monitor run here (with several servers on one database, let one run it)",
         NULL, &a.no_monitor},
        {"verbose", OPT_FLAG, NULL, "log debug events too", NULL, &a.verbose},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie serve [--db URL] [--listen ADDR] [--port N] [options]",
        "Serves the web pages and the JSON API (/api/v1) until SIGINT or SIGTERM.\n"
        "Logs one line per request on stderr. A read replica (--db-replica) answers the\n"
        "reads of GET and HEAD requests; a client reads its own writes from the primary\n"
        "until the replica has caught up, and the primary answers when it is down.\n"
        "Started as root, it hands the database file to --user and runs as that user\n"
        "(docs/operations.md, \"Running as root\").",
        opts,
        0,
        0,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    struct config cfg;
    if (!build_config(&a, &cfg))
        return EXIT_USAGE;
    if (a.sync && strcmp(a.sync, "full") != 0 && strcmp(a.sync, "normal") != 0) {
        fprintf(stderr, "wijkregie: --sync must be full or normal\n");
        return EXIT_USAGE;
    }
    log_set_level(a.verbose ? LOG_DEBUG : LOG_INFO);
    unsigned char key[SERVER_KEY_BYTES];
    rc = check_schema(&cfg, a.migrate, key);
    if (rc != EXIT_OK)
        return rc;
    struct service_user u;
    if (!privileges_choose(a.user, cfg.db_url, &u))
        return EXIT_USAGE;
    password_init();
    struct fault f = {0};
    struct catalog *cat = catalog_load(&f);
    if (!cat) {
        cli_print_fault(&f);
        privileges_free(&u);
        return EXIT_SOFTWARE;
    }
    struct monitor_config monitor;
    if (!cli_monitor_config(a.monitor_config, &monitor)) {
        catalog_free(cat);
        privileges_free(&u);
        return EXIT_DATAERR;
    }
    rc = run(&cfg, cat, key, &u, a.sync && strcmp(a.sync, "full") == 0,
             a.no_monitor ? NULL : &monitor);
    catalog_free(cat);
    privileges_free(&u);
    return rc;
}
