/* `wijkregie serve`: runs the web server until SIGINT or SIGTERM. At start
 * it checks the schema, prepares password hashing (password_init) and loads
 * the server key that every process on the database shares. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "core/clock.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "db/replica.h"
#include "http/server.h"
#include "model/password.h"
#include "model/server_key.h"
#include "render/i18n.h"
#include "render/req.h"

struct serve_args {
    const char *db, *db_replica, *listen, *port, *port_file, *threads;
    const char *session_idle, *session_max, *signin_window, *public_url;
    bool trust_proxy, migrate, verbose;
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
        .conn_limit = 1024,
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

/* Runs the server with signals blocked in every thread but sigwait's. */
static int run(const struct config *cfg, const struct catalog *cat,
               const unsigned char key[static SERVER_KEY_BYTES])
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct app app = {.cfg = cfg,
                      .pool = db_pool_new(cfg->db_url),
                      .replica = cfg->db_replica_url ? db_replica_new(cfg->db_replica_url) : NULL,
                      .catalog = cat,
                      .secret = key,
                      .secret_len = SERVER_KEY_BYTES};
    struct fault f = {0};
    struct server *srv = server_start(&app, &f);
    if (!srv) {
        cli_print_fault(&f);
        db_replica_free(app.replica);
        db_pool_free(app.pool);
        return EXIT_UNAVAILABLE;
    }
    int port = server_port(srv);
    if (cfg->port_file && !write_port_file(cfg->port_file, port)) {
        fprintf(stderr, "wijkregie: cannot write the port file %s\n", cfg->port_file);
        server_stop(srv);
        db_replica_free(app.replica);
        db_pool_free(app.pool);
        return EXIT_CANTCREAT;
    }
    char portbuf[16];
    snprintf(portbuf, sizeof portbuf, "%d", port);
    log_event(LOG_INFO, NULL, "listening", "addr", cfg->listen_addr, "port", portbuf, NULL);
    int sig = 0;
    sigwait(&set, &sig);
    log_event(LOG_INFO, NULL, "stopping", "signal", sig == SIGINT ? "SIGINT" : "SIGTERM", NULL);
    server_stop(srv);
    db_replica_free(app.replica);
    db_pool_free(app.pool);
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
        {"migrate", OPT_FLAG, NULL, "apply pending migrations before serving", NULL, &a.migrate},
        {"verbose", OPT_FLAG, NULL, "log debug events too", NULL, &a.verbose},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie serve [--db URL] [--listen ADDR] [--port N] [options]",
        "Serves the web pages and the JSON API (/api/v1) until SIGINT or SIGTERM.\n"
        "Logs one line per request on stderr. A read replica (--db-replica) answers the\n"
        "reads of GET and HEAD requests; a client reads its own writes from the primary\n"
        "until the replica has caught up, and the primary answers when it is down.",
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
    log_set_level(a.verbose ? LOG_DEBUG : LOG_INFO);
    unsigned char key[SERVER_KEY_BYTES];
    rc = check_schema(&cfg, a.migrate, key);
    if (rc != EXIT_OK)
        return rc;
    password_init();
    struct fault f = {0};
    struct catalog *cat = catalog_load(&f);
    if (!cat) {
        cli_print_fault(&f);
        return EXIT_SOFTWARE;
    }
    rc = run(&cfg, cat, key);
    catalog_free(cat);
    return rc;
}
