/* The libmicrohttpd adapter. The daemon runs an internal epoll thread pool
 * (one worker per core unless configured), with explicit limits on
 * connections, connections per address, idle time and buffer memory.
 *
 * libmicrohttpd calls the access handler several times per request. This
 * file answers on the SECOND call, never the first: libmicrohttpd 0.9.75
 * closes a keep-alive connection after a response queued on the first call.
 *   first call:   headers are complete; note method, headers, client
 *                 address, request id and the route's body limit; a
 *                 request refused on its headers alone is answered here
 *                 (and its connection closed);
 *   upload calls: append the body to a buffer, up to that limit (past it,
 *                 keep reading but drop the bytes, and answer 413);
 *   last call:    (*upload_data_size == 0) dispatch and queue the response.
 * The per-request state (struct exchange, in its own arena) is created by
 * the URI log callback, the only place that sees the request target exactly
 * as sent (libmicrohttpd percent-decodes its own copy, which would turn an
 * escaped '/' into a path separator), and freed by the completion callback,
 * which libmicrohttpd guarantees once the URI log callback has run. */
#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/random.h"
#include "http/dispatch.h"
#include "http/route.h"
#include "model/session.h"
#include "render/req.h"

/* Limits used when the configuration leaves them 0. */
enum {
    DEFAULT_CONN_LIMIT = 10000, /* thousands of slow clients (tests/fault/slow.py) */
    DEFAULT_PER_IP_LIMIT = 64,
    DEFAULT_CONN_TIMEOUT = 30, /* seconds */
};
#define DEFAULT_CONN_MEMORY_LIMIT ((size_t)64 * 1024)

struct server {
    struct MHD_Daemon *daemon;
    const struct app *app;
    const struct route *table;
    int port;
};

/* One request, from its request line to its completion. */
struct exchange {
    struct req req; /* req.arena owns this struct too */
    struct http_request in;
    struct buf body;
    size_t body_limit;
    int64_t start_ms;
    bool started; /* the first handler call is done */
    bool discard; /* ambiguous framing: drop the body, answer 400 */
    bool answered;
};

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
    const struct server *s = cls;
    struct arena *a = arena_new();
    struct exchange *x = arena_alloc(a, sizeof *x);
    x->req.arena = a;
    x->req.app = s->app;
    x->start_ms = clock_mono_ms();
    const char *q = strchr(uri, '?');
    x->in.path = q ? arena_strndup(a, uri, (size_t)(q - uri)) : arena_strdup(a, uri);
    x->in.query = q ? arena_strdup(a, q + 1) : NULL;
    return x;
}

static enum MHD_Result count_value(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (*(size_t *)cls)++;
    return MHD_YES;
}

static enum MHD_Result add_value(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
    struct kvlist *l = cls;
    /* libmicrohttpd keeps these strings until the request completes. */
    l->items[l->n++] = (struct kv){key, value ? value : ""};
    return MHD_YES;
}

static void collect_headers(struct MHD_Connection *con, struct arena *a, struct kvlist *out)
{
    size_t n = 0;
    MHD_get_connection_values(con, MHD_HEADER_KIND, count_value, &n);
    *out = (struct kvlist){n ? arena_array(a, n, sizeof(struct kv)) : NULL, 0};
    if (n)
        MHD_get_connection_values(con, MHD_HEADER_KIND, add_value, out);
}

/* The right-most X-Forwarded-For entry: the address our proxy saw. */
static const char *forwarded_for(struct arena *a, const char *xff)
{
    const char *last = strrchr(xff, ',');
    last = last ? last + 1 : xff;
    last += strspn(last, " \t");
    char *ip = arena_strndup(a, last, strcspn(last, " \t"));
    unsigned char scratch[sizeof(struct in6_addr)];
    if (inet_pton(AF_INET, ip, scratch) == 1 || inet_pton(AF_INET6, ip, scratch) == 1)
        return ip;
    return NULL;
}

static const char *client_ip(const struct server *s, struct MHD_Connection *con, struct arena *a,
                             const struct kvlist *headers)
{
    const char *xff = dispatch_header(headers, "X-Forwarded-For");
    const char *ip = s->app->cfg->trust_proxy && xff ? forwarded_for(a, xff) : NULL;
    if (ip)
        return ip;
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr)
        return NULL;
    const struct sockaddr *sa = ci->client_addr;
    char text[INET6_ADDRSTRLEN] = "";
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, text,
                  sizeof text);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, text,
                  sizeof text);
    return *text ? arena_strdup(a, text) : NULL;
}

/* A Content-Length value as a number; SIZE_MAX when it is not one. */
static size_t declared_length(const char *s)
{
    size_t v = 0;
    if (!*s)
        return SIZE_MAX;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (SIZE_MAX - 9) / 10)
            return SIZE_MAX;
        v = v * 10 + (size_t)(*s - '0');
    }
    return v;
}

static void start(const struct server *s, struct exchange *x, struct MHD_Connection *con,
                  const char *method)
{
    struct arena *a = x->req.arena;
    x->started = true;
    x->in.method = arena_strdup(a, method);
    x->req.request_id = random_hex(a, 8);
    collect_headers(con, a, &x->in.headers);
    x->in.client_ip = client_ip(s, con, a, &x->in.headers);
    x->discard = !dispatch_framing_ok(&x->in.headers);
    x->body_limit =
        dispatch_body_limit(s->table, s->app->cfg, x->in.path, dispatch_method(method), a);
    const char *length = dispatch_header(&x->in.headers, "Content-Length");
    if (length && declared_length(length) > x->body_limit)
        x->in.body_too_large = true;
}

static void take_upload(struct exchange *x, const char *data, size_t n)
{
    if (x->discard || x->in.body_too_large)
        return;
    if (n > x->body_limit - x->body.len) {
        x->in.body_too_large = true;
        buf_free(&x->body);
        return;
    }
    buf_append(&x->body, data, n);
}

static struct MHD_Response *make_response(struct req *r)
{
    size_t len = 0;
    char *data = buf_detach(&r->resp.body, &len);
    struct MHD_Response *resp = MHD_create_response_from_buffer_with_free_callback(len, data, free);
    if (!resp)
        mem_oom(__FILE__, __LINE__);
    for (size_t i = 0; i < r->resp.headers.n; i++) {
        const struct kv *h = &r->resp.headers.items[i];
        /* libmicrohttpd refuses CR, LF and the headers it writes itself. */
        if (MHD_add_response_header(resp, h->key, h->value) != MHD_YES)
            log_event(LOG_WARN, r->request_id, "header_refused", "name", h->key, NULL);
    }
    return resp;
}

/* The event of a request line: "signin" when the request signed a person
 * in (its actor is a person its session was not), "denied" when it was
 * refused for who asked (401, 403, 429), else "request". */
static const char *request_event(const struct req *r)
{
    int64_t before = r->session ? r->session->person_id : 0;
    if (r->actor.person_id != 0 && r->actor.person_id != before && r->resp.status < 400)
        return "signin";
    if (r->resp.status == 401 || r->resp.status == 403 || r->resp.status == 429)
        return "denied";
    return "request";
}

/* The access log line, one per request: the UTC time, request id, client
 * address, account (person id, 0 for nobody; a failed sign-in's address is
 * never logged), method, path, status and duration. Never the query string
 * (it may carry a token), never a {token} path parameter (the route's
 * pattern stands for such a path), never cookies. */
static void log_request(const struct exchange *x, const char *outcome)
{
    struct arena *a = x->req.arena;
    const struct req *r = &x->req;
    const char *ms = arena_printf(a, "%lld", (long long)(clock_mono_ms() - x->start_ms));
    const char *person = arena_printf(a, "%lld", (long long)r->actor.person_id);
    const char *event = x->answered ? request_event(r) : "request";
    log_event(strcmp(event, "denied") == 0 ? LOG_WARN : LOG_INFO, r->request_id, event, "ip",
              x->in.client_ip ? x->in.client_ip : "", "person", person, "method",
              x->in.method ? x->in.method : "", "path", r->log_path ? r->log_path : x->in.path,
              "status", outcome, "ms", ms,
              NULL);
}

static enum MHD_Result answer(const struct server *s, struct exchange *x,
                              struct MHD_Connection *con)
{
    struct req *r = &x->req;
    x->in.body = x->body.data;
    x->in.body_len = x->body.len;
    dispatch(r, s->table, &x->in);
    struct MHD_Response *resp = make_response(r);
    enum MHD_Result ok = MHD_queue_response(con, (unsigned)r->resp.status, resp);
    MHD_destroy_response(resp);
    x->answered = true;
    log_request(x, arena_printf(r->arena, "%d", r->resp.status));
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    const struct server *s = cls;
    struct exchange *x = *con_cls;
    if (!x)
        return MHD_NO; /* cannot happen: on_uri runs first for every request */
    if (!x->started) {
        start(s, x, con, method);
        /* A request refused on its headers alone (conflicting framing, a
         * declared body over the limit) is answered at once, so a client
         * cannot hold the connection by announcing a huge body; answering
         * on the first call closes the connection, which is right here. */
        if (x->discard || x->in.body_too_large)
            return answer(s, x, con);
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        take_upload(x, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    return answer(s, x, con);
}

static void on_completed(void *cls, struct MHD_Connection *con, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
    struct exchange *x = *con_cls;
    if (!x)
        return;
    if (x->started && !x->answered)
        log_request(x, "aborted");
    dispatch_release(&x->req);
    buf_free(&x->body);
    *con_cls = NULL;
    arena_free(x->req.arena); /* x lives in it: last */
}

__attribute__((format(printf, 2, 0))) static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    struct buf b = BUF_INIT;
    buf_vprintf(&b, fmt, ap);
    while (b.len && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == '\r'))
        b.data[--b.len] = '\0';
    log_event(LOG_WARN, NULL, "httpd", "message", buf_cstr(&b), NULL);
    buf_free(&b);
}

/* cfg's address and port as a socket address; false for a bad address. */
static bool bind_address(const struct config *cfg, struct sockaddr_storage *ss, bool *v6)
{
    const char *host = cfg->listen_addr ? cfg->listen_addr : "127.0.0.1";
    struct sockaddr_in *in4 = (struct sockaddr_in *)(void *)ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)(void *)ss;
    memset(ss, 0, sizeof *ss);
    *v6 = false;
    if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)cfg->port);
        return true;
    }
    if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)cfg->port);
        *v6 = true;
        return true;
    }
    return false;
}

static unsigned worker_count(const struct config *cfg)
{
    if (cfg->threads)
        return cfg->threads;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores > 0 ? (unsigned)cores : 1;
}

/* File descriptors kept apart from connections: the listening socket, the
 * epoll sets, database connections, logs. */
enum { FD_RESERVE = 256 };

/* Raises the soft RLIMIT_NOFILE towards conns + FD_RESERVE (at most the
 * hard limit) and returns how many connections then fit: conns, or fewer
 * (logged) when the hard limit is lower. Without it a few thousand slow
 * clients would run the process out of descriptors long before the limit. */
static unsigned fit_fd_limit(unsigned conns)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return conns;
    rlim_t want = (rlim_t)conns + FD_RESERVE;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
        rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= want)
        return conns;
    unsigned fit = rl.rlim_cur > 2 * FD_RESERVE ? (unsigned)(rl.rlim_cur - FD_RESERVE) : FD_RESERVE;
    char wanted[16], got[16];
    snprintf(wanted, sizeof wanted, "%u", conns);
    snprintf(got, sizeof got, "%u", fit);
    log_event(LOG_WARN, NULL, "connection_limit_lowered", "wanted", wanted, "limit", got, NULL);
    return fit;
}

/* Serves on fd when it is a socket (server_listen), else binds ss. */
static struct MHD_Daemon *start_daemon(struct server *s, const struct sockaddr_storage *ss, bool v6,
                                       int fd)
{
    const struct config *cfg = s->app->cfg;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
    if (v6)
        flags |= MHD_USE_IPv6;
    unsigned conns = fit_fd_limit(cfg->conn_limit ? cfg->conn_limit : DEFAULT_CONN_LIMIT);
    unsigned per_ip = cfg->per_ip_limit ? cfg->per_ip_limit : DEFAULT_PER_IP_LIMIT;
    unsigned timeout = cfg->conn_timeout ? cfg->conn_timeout : DEFAULT_CONN_TIMEOUT;
    size_t memory = cfg->conn_memory_limit ? cfg->conn_memory_limit : DEFAULT_CONN_MEMORY_LIMIT;
    /* libmicrohttpd warns about a pool of one thread, so a single worker
     * gets no pool option at all: the option travels in an array that is
     * empty then. */
    unsigned workers = worker_count(cfg);
    struct MHD_OptionItem pool[] = {
        {workers > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, (intptr_t)workers, NULL},
        {MHD_OPTION_END, 0, NULL},
    };
    struct MHD_OptionItem where[] = {
        fd >= 0 ? (struct MHD_OptionItem){MHD_OPTION_LISTEN_SOCKET, fd, NULL}
                : (struct MHD_OptionItem){MHD_OPTION_SOCK_ADDR, 0, (void *)ss},
        {MHD_OPTION_END, 0, NULL},
    };
    /* clang-format off */
    return MHD_start_daemon(flags, (uint16_t)cfg->port, NULL, NULL, on_request, s,
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s,
        MHD_OPTION_ARRAY, where,
        MHD_OPTION_ARRAY, pool,
        MHD_OPTION_CONNECTION_LIMIT, conns,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip,
        MHD_OPTION_CONNECTION_TIMEOUT, timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, memory,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_END);
    /* clang-format on */
}

/* cfg's address as a socket address; false with f filled when the port or
 * the address is not one. */
static bool where_to_listen(const struct config *cfg, struct sockaddr_storage *ss, bool *v6,
                            struct fault *f)
{
    if (cfg->port < 0 || cfg->port > 65535) {
        fault_set(f, ERR_INVALID, "port", "The port must be a number from 0 to 65535.", NULL);
        return false;
    }
    if (!bind_address(cfg, ss, v6)) {
        fault_set(f, ERR_INVALID, "listen", "Cannot listen on %s: not an IPv4 or IPv6 address.",
                  cfg->listen_addr, NULL);
        return false;
    }
    return true;
}

static void *port_taken(const struct config *cfg, struct fault *f)
{
    fault_set(f, ERR_UNAVAILABLE, "port",
              "Cannot listen on %s at the port asked for; is it in use?",
              cfg->listen_addr ? cfg->listen_addr : "127.0.0.1", NULL);
    return NULL;
}

int server_listen(const struct config *cfg, int *port, struct fault *f)
{
    struct sockaddr_storage ss;
    bool v6 = false;
    if (!where_to_listen(cfg, &ss, &v6, f))
        return -1;
    int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    socklen_t len = v6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        (v6 && setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) != 0) ||
        bind(fd, (const struct sockaddr *)&ss, len) != 0 || listen(fd, SOMAXCONN) != 0 ||
        getsockname(fd, (struct sockaddr *)&ss, &len) != 0) {
        if (fd >= 0)
            close(fd);
        port_taken(cfg, f);
        return -1;
    }
    *port = ntohs(v6 ? ((struct sockaddr_in6 *)(void *)&ss)->sin6_port
                     : ((struct sockaddr_in *)(void *)&ss)->sin_port);
    return fd;
}

struct server *server_start(const struct app *app, struct fault *f)
{
    return server_start_on(app, -1, f);
}

struct server *server_start_on(const struct app *app, int fd, struct fault *f)
{
    const struct config *cfg = app->cfg;
    struct sockaddr_storage ss = {0};
    bool v6 = false;
    if (fd < 0 && !where_to_listen(cfg, &ss, &v6, f))
        return NULL;
    struct server *s = xcalloc(1, sizeof *s);
    s->app = app;
    s->table = app->routes ? app->routes : routes;
    s->daemon = start_daemon(s, &ss, v6, fd);
    if (!s->daemon) {
        free(s);
        if (fd >= 0)
            close(fd);
        return port_taken(cfg, f);
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : cfg->port;
    return s;
}

int server_port(const struct server *s)
{
    return s->port;
}

void server_stop(struct server *s)
{
    if (!s)
        return;
    MHD_stop_daemon(s->daemon);
    free(s);
}
