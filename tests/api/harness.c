/* The API test harness (see harness.h): a real wijkregie process on a
 * temporary database, and a small HTTP client on libcurl and raw sockets. */
#include "harness.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/mem.h"

extern char **environ;

enum {
    START_DEADLINE_MS = 60000, /* demo data plus start-up, generous for sanitizers */
    STOP_GRACE_MS = 15000,
    POLL_MS = 50,
    REQUEST_TIMEOUT_S = 30,
    RAW_READ_TIMEOUT_S = 10,
};

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static char *path_in(const struct harness *h, const char *name)
{
    struct buf b = BUF_INIT;
    buf_printf(&b, "%s/%s", h->dir, name);
    return buf_detach(&b, NULL);
}

/* Prints a file (the server's or demo's log) to stderr, for a failed start. */
static void dump_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    fprintf(stderr, "---- %s ----\n", path);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, n, stderr);
    fprintf(stderr, "---- end ----\n");
    fclose(f);
}

/* Starts bin with argv, its stdout and stderr appended to log_path. */
static pid_t spawn_logged(char *const argv[], const char *log_path)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, log_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        fprintf(stderr, "harness: cannot run %s: %s\n", argv[0], strerror(rc));
        return -1;
    }
    return pid;
}

/* Runs `BIN demo --db URL` to completion; true when it exits 0. */
static bool load_demo(const struct harness *h, const char *bin)
{
    char *log = path_in(h, "demo.log");
    char *argv[] = {(char *)bin, "demo", "--db", h->db_url, NULL};
    pid_t pid = spawn_logged(argv, log);
    int status = 0;
    bool ok =
        pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!ok) {
        fprintf(stderr, "harness: `%s demo --db %s` failed (status %d)\n", bin, h->db_url, status);
        dump_file(log);
    }
    free(log);
    return ok;
}

/* The port in the port file, or 0 while it is missing or incomplete. */
static int read_port(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char text[32] = {0};
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    char *end = NULL;
    long port = strtol(text, &end, 10);
    if (end == text || port < 1 || port > 65535)
        return 0;
    return (int)port;
}

static bool server_alive(struct harness *h)
{
    int status;
    if (waitpid(h->pid, &status, WNOHANG) == h->pid) {
        fprintf(stderr, "harness: the server exited early (status %d)\n", status);
        h->pid = -1;
        return false;
    }
    return true;
}

static bool health_ok(struct harness *h, int port)
{
    free(h->base_url);
    struct buf b = BUF_INIT;
    buf_printf(&b, "http://127.0.0.1:%d", port);
    h->base_url = buf_detach(&b, NULL);
    h->port = port;
    struct http_resp resp;
    bool ok = harness_get(h, "/healthz", &resp) && resp.status == 200;
    http_resp_free(&resp);
    return ok;
}

/* Waits for the port file and a 200 from /healthz. */
static bool wait_ready(struct harness *h)
{
    char *port_path = path_in(h, "port");
    long long deadline = now_ms() + START_DEADLINE_MS;
    bool ready = false;
    while (!ready && now_ms() < deadline && server_alive(h)) {
        int port = read_port(port_path);
        ready = port > 0 && health_ok(h, port);
        if (!ready)
            sleep_ms(POLL_MS);
    }
    free(port_path);
    return ready;
}

static bool start_server(struct harness *h, const char *bin, const char *const *extra)
{
    char *log = path_in(h, "server.log");
    char *port_path = path_in(h, "port");
    char *argv[32] = {(char *)bin, "serve", "--db",        h->db_url,
                      "--port",    "0",     "--port-file", port_path};
    size_t n = 8;
    for (size_t i = 0; extra && extra[i] && n < sizeof argv / sizeof argv[0] - 1; i++)
        argv[n++] = (char *)extra[i];
    argv[n] = NULL;
    h->pid = spawn_logged(argv, log);
    bool ok = h->pid > 0 && wait_ready(h);
    if (!ok) {
        fprintf(stderr, "harness: the server did not become ready\n");
        dump_file(log);
    }
    free(port_path);
    free(log);
    return ok;
}

static struct harness *harness_new(void)
{
    struct harness *h = xcalloc(1, sizeof *h);
    h->pid = -1;
    const char *tmp = getenv("TMPDIR");
    struct buf b = BUF_INIT;
    buf_printf(&b, "%s/wijkregie-api-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    h->dir = buf_detach(&b, NULL);
    if (!mkdtemp(h->dir)) {
        fprintf(stderr, "harness: mkdtemp %s: %s\n", h->dir, strerror(errno));
        free(h->dir);
        free(h);
        return NULL;
    }
    const char *url = getenv("WIJKREGIE_TEST_DB_URL");
    h->db_url = url && *url ? xstrdup(url) : path_in(h, "t.db");
    return h;
}

struct harness *harness_start(void)
{
    const char *bin = getenv("WIJKREGIE_BIN");
    if (!bin || !*bin) {
        fprintf(stderr, "harness: WIJKREGIE_BIN is not set\n");
        return NULL;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    struct harness *h = harness_new();
    if (!h)
        return NULL;
    if (!load_demo(h, bin) || !start_server(h, bin, NULL)) {
        harness_stop(h);
        return NULL;
    }
    return h;
}

struct harness *harness_start_peer(const struct harness *h, const char *const *extra_args)
{
    const char *bin = getenv("WIJKREGIE_BIN");
    curl_global_init(CURL_GLOBAL_DEFAULT);
    struct harness *peer = harness_new();
    if (!peer)
        return NULL;
    free(peer->db_url);
    peer->db_url = xstrdup(h->db_url);
    if (!bin || !start_server(peer, bin, extra_args)) {
        harness_stop(peer);
        return NULL;
    }
    return peer;
}

/* Waits up to ms for pid; true with *status filled when it exited. */
static bool wait_exit(pid_t pid, int ms, int *status)
{
    long long deadline = now_ms() + ms;
    do {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR))
            return r == pid;
        sleep_ms(POLL_MS);
    } while (now_ms() < deadline);
    return false;
}

/* Sends SIGTERM; true when the server then exits 0 by itself. */
static bool stop_server(pid_t pid)
{
    int status = 0;
    kill(pid, SIGTERM);
    if (wait_exit(pid, STOP_GRACE_MS, &status)) {
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
            return true;
        fprintf(stderr, "harness: the server ended with status %d after SIGTERM\n", status);
        return false;
    }
    fprintf(stderr, "harness: the server ignored SIGTERM; killing it\n");
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return false;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    return remove(path);
}

bool harness_stop_server(struct harness *h)
{
    if (h->pid <= 0)
        return true;
    bool clean = stop_server(h->pid);
    h->pid = -1;
    return clean;
}

/* With $WIJKREGIE_LOG_DIR set, the server's log is copied there as
 * PROGRAM-PID-DIRNAME.log, for the check that no log of the whole suite
 * holds a password, token or e-mail address (tests/fault/logs.py). */
static void keep_log(const struct harness *h)
{
    const char *dir = getenv("WIJKREGIE_LOG_DIR");
    if (!dir || !*dir)
        return;
    char *from = path_in(h, "server.log");
    const char *base = strrchr(h->dir, '/');
    struct buf to = BUF_INIT;
    buf_printf(&to, "%s/%s-%ld-%s.log", dir, program_invocation_short_name, (long)getpid(),
               base ? base + 1 : h->dir);
    FILE *in = fopen(from, "rb"), *out = in ? fopen(buf_cstr(&to), "wb") : NULL;
    char chunk[8192];
    size_t n;
    while (out && (n = fread(chunk, 1, sizeof chunk, in)) > 0)
        fwrite(chunk, 1, n, out);
    if (out)
        fclose(out);
    if (in)
        fclose(in);
    buf_free(&to);
    free(from);
}

bool harness_stop(struct harness *h)
{
    if (!h)
        return true;
    bool clean = harness_stop_server(h);
    keep_log(h);
    const char *keep = getenv("WIJKREGIE_TEST_KEEP");
    if (keep && strcmp(keep, "1") == 0)
        fprintf(stderr, "harness: kept %s\n", h->dir);
    else
        nftw(h->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    free(h->dir);
    free(h->db_url);
    free(h->base_url);
    free(h);
    curl_global_cleanup();
    return clean;
}

int harness_group_setup(void **state)
{
    *state = harness_start();
    return *state ? 0 : -1;
}

int harness_group_teardown(void **state)
{
    bool clean = harness_stop(*state);
    *state = NULL;
    return clean ? 0 : -1;
}

void test_server_stops_cleanly_on_sigterm(void **state)
{
    assert_true(harness_stop_server(*state));
}

/* ---- responses ---- */

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    buf_append(ud, p, n);
    return n;
}

static void headers_clear(struct http_resp *resp)
{
    for (size_t i = 0; i < resp->nheaders; i++) {
        free(resp->headers[i].name);
        free(resp->headers[i].value);
    }
    free(resp->headers);
    resp->headers = NULL;
    resp->nheaders = 0;
}

/* Keeps "Name: value" lines; a status line starts a new header block (after
 * a 100 Continue), so only the final response's headers remain. */
static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
    struct http_resp *resp = ud;
    size_t len = n;
    while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == '\n'))
        len--;
    if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
        headers_clear(resp);
        return n;
    }
    const char *colon = memchr(p, ':', len);
    if (!colon)
        return n;
    const char *v = colon + 1;
    while (v < p + len && (*v == ' ' || *v == '\t'))
        v++;
    resp->headers = xrealloc(resp->headers, (resp->nheaders + 1) * sizeof *resp->headers);
    struct http_header *hd = &resp->headers[resp->nheaders++];
    hd->name = strndup(p, (size_t)(colon - p));
    hd->value = strndup(v, (size_t)(p + len - v));
    if (!hd->name || !hd->value)
        mem_oom(__FILE__, __LINE__);
    return n;
}

static struct curl_slist *header_list(const char *const *headers, bool has_body)
{
    struct curl_slist *list = NULL;
    for (size_t i = 0; headers && headers[i]; i++)
        list = curl_slist_append(list, headers[i]);
    if (has_body)
        list = curl_slist_append(list, "Expect:"); /* no 100-continue round trip */
    return list;
}

static void setup_easy(CURL *c, const char *url, const char *method, bool has_body,
                       struct http_resp *out)
{
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)REQUEST_TIMEOUT_S);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &out->body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, out);
    if (strcmp(method, "HEAD") == 0)
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    else if (has_body || strcmp(method, "GET") != 0)
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method); /* a body alone would make it POST */
}

static void parse_json_body(struct http_resp *out)
{
    const char *type = http_resp_header(out, "Content-Type");
    if (type && strncasecmp(type, "application/json", 16) == 0)
        out->json = json_loadb(buf_cstr(&out->body), out->body.len, 0, NULL);
}

bool harness_request(const struct harness *h, const char *method, const char *path,
                     const char *const *headers, const char *body, size_t body_len,
                     struct http_resp *out)
{
    memset(out, 0, sizeof *out);
    struct buf url = BUF_INIT;
    buf_printf(&url, "%s%s", h->base_url, path);
    CURL *c = curl_easy_init();
    if (!c)
        mem_oom(__FILE__, __LINE__);
    setup_easy(c, buf_cstr(&url), method, body != NULL, out);
    struct curl_slist *list = header_list(headers, body != NULL);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
    }
    CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
    else
        fprintf(stderr, "harness: %s %s: %s\n", method, buf_cstr(&url), curl_easy_strerror(rc));
    curl_slist_free_all(list);
    curl_easy_cleanup(c);
    buf_free(&url);
    parse_json_body(out);
    return rc == CURLE_OK;
}

bool harness_get(const struct harness *h, const char *path, struct http_resp *out)
{
    return harness_request(h, "GET", path, NULL, NULL, 0, out);
}

const char *http_resp_header(const struct http_resp *resp, const char *name)
{
    for (size_t i = 0; i < resp->nheaders; i++)
        if (strcasecmp(resp->headers[i].name, name) == 0)
            return resp->headers[i].value;
    return NULL;
}

size_t http_resp_header_count(const struct http_resp *resp, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < resp->nheaders; i++)
        n += strcasecmp(resp->headers[i].name, name) == 0;
    return n;
}

void http_resp_free(struct http_resp *resp)
{
    headers_clear(resp);
    buf_free(&resp->body);
    json_decref(resp->json);
    resp->json = NULL;
}

json_t *harness_get_json(const struct harness *h, const char *path, long status,
                         struct http_resp *resp)
{
    assert_true(harness_get(h, path, resp));
    if (resp->status != status)
        fprintf(stderr, "GET %s -> %ld: %s\n", path, resp->status, buf_cstr(&resp->body));
    assert_int_equal(resp->status, status);
    assert_non_null(resp->json);
    return resp->json;
}

/* ---- raw requests ---- */

static int connect_local(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval tv = {RAW_READ_TIMEOUT_S, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Sends everything it can; the server may answer and close early. */
static void send_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

bool harness_raw(const struct harness *h, const char *request, size_t n, struct buf *out)
{
    int fd = connect_local(h->port);
    if (fd < 0) {
        fprintf(stderr, "harness: cannot connect to port %d: %s\n", h->port, strerror(errno));
        return false;
    }
    send_all(fd, request, n);
    char chunk[4096];
    for (;;) {
        ssize_t r = recv(fd, chunk, sizeof chunk, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        buf_append(out, chunk, (size_t)r);
    }
    close(fd);
    return out->len > 0;
}
