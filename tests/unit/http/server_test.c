/* Tests for http/server.c over real sockets: the server on 127.0.0.1 with a
 * free port and a fake route table, driven by libcurl (and by hand-written
 * requests where curl would refuse to send them). Checks what only a live
 * libmicrohttpd shows: keep-alive survives a request, ambiguous framing and
 * oversized bodies are refused, headers arrive, HEAD has no body, and the
 * access log never carries the query string. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/random.h"
#include "http/route.h"
#include "http/server.h"
#include "render/req.h"

static enum err echo(struct req *r)
{
    r->resp.content_type = "text/plain; charset=utf-8";
    buf_puts(&r->resp.body, "hello");
    for (size_t i = 0; i < r->in.n; i++)
        buf_printf(&r->resp.body, " %s=%s", r->in.items[i].key, r->in.items[i].value);
    return ERR_OK;
}

static const struct field echo_fields[] = {
    {.name = "name", .type = FIELD_LINE, .max = 100},
    {0},
};

static const struct field item_fields[] = {
    {.name = "id", .type = FIELD_LINE, .max = 100, .flags = FIELD_REQUIRED},
    {0},
};

static const struct route table[] = {
    {HTTP_GET | HTTP_HEAD, "/echo", echo, ROUTE_NO_DB, echo_fields, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/echo", echo, ROUTE_FORM | ROUTE_NO_DB, echo_fields, 16, ACTION_UNKNOWN},
    {HTTP_GET, "/items/{id}", echo, ROUTE_NO_DB, item_fields, 0, ACTION_UNKNOWN},
    {0},
};

struct fixture {
    struct config cfg;
    struct app app;
    struct server *server;
    char base[64];
    char log_path[64];
    FILE *log;
};

static int group_setup(void **state)
{
    random_init();
    curl_global_init(CURL_GLOBAL_DEFAULT);
    struct fixture *fx = calloc(1, sizeof *fx);
    fx->cfg = (struct config){.listen_addr = "127.0.0.1", .port = 0, .threads = 2};
    fx->app = (struct app){.cfg = &fx->cfg, .routes = table};
    strcpy(fx->log_path, "/tmp/wijk-server-test-XXXXXX");
    int fd = mkstemp(fx->log_path);
    if (fd < 0)
        return -1;
    fx->log = fdopen(fd, "w");
    log_set_stream(fx->log);
    struct fault f = {0};
    fx->server = server_start(&fx->app, &f);
    if (!fx->server)
        return -1;
    snprintf(fx->base, sizeof fx->base, "http://127.0.0.1:%d", server_port(fx->server));
    *state = fx;
    return 0;
}

static int group_teardown(void **state)
{
    struct fixture *fx = *state;
    server_stop(fx->server);
    log_set_stream(NULL);
    fclose(fx->log);
    unlink(fx->log_path);
    free(fx);
    curl_global_cleanup();
    return 0;
}

/* What came back from one curl request. */
struct reply {
    long status;
    struct buf headers; /* raw header lines */
    struct buf body;
};

static size_t collect(char *p, size_t size, size_t n, void *b)
{
    buf_append(b, p, size * n);
    return size * n;
}

static CURL *new_handle(struct reply *out)
{
    CURL *c = curl_easy_init();
    *out = (struct reply){0, BUF_INIT, BUF_INIT};
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &out->body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &out->headers);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    return c;
}

static void perform(CURL *c, const struct fixture *fx, const char *path, struct reply *out)
{
    char url[256];
    snprintf(url, sizeof url, "%s%s", fx->base, path);
    buf_reset(&out->headers);
    buf_reset(&out->body);
    curl_easy_setopt(c, CURLOPT_URL, url);
    assert_int_equal(curl_easy_perform(c), CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
}

static void reply_free(struct reply *r)
{
    buf_free(&r->headers);
    buf_free(&r->body);
}

/* The value of a header line "Name: value" in raw header text, or NULL. */
static char *header_value(const char *raw, const char *name)
{
    size_t n = strlen(name);
    for (const char *line = raw; line && *line;
         line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncasecmp(line, name, n) == 0 && line[n] == ':') {
            const char *v = line + n + 1 + strspn(line + n + 1, " ");
            return strndup(v, strcspn(v, "\r\n"));
        }
    }
    return NULL;
}

static void assert_header(const struct reply *r, const char *name, const char *want)
{
    char *v = header_value(buf_cstr(&r->headers), name);
    if (!v)
        fail_msg("no %s header in:\n%s", name, buf_cstr(&r->headers));
    assert_string_equal(v, want);
    free(v);
}

/* Sends a hand-made request on a fresh connection and reads until the
 * server closes it (or 5 s pass). */
static char *raw_request(const struct fixture *fx, const char *request)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET,
                             .sin_port = htons((uint16_t)server_port(fx->server))};
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    struct timeval tv = {5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    assert_int_equal(write(fd, request, strlen(request)), (ssize_t)strlen(request));
    struct buf in = BUF_INIT;
    char chunk[4096];
    ssize_t got;
    while ((got = read(fd, chunk, sizeof chunk)) > 0)
        buf_append(&in, chunk, (size_t)got);
    close(fd);
    return buf_detach(&in, NULL);
}

static void test_server_listens_on_a_free_port(void **state)
{
    struct fixture *fx = *state;
    assert_true(server_port(fx->server) > 0);
    assert_true(server_port(fx->server) <= 65535);
}

static void test_server_keeps_the_connection_alive(void **state)
{
    struct fixture *fx = *state;
    struct reply r;
    CURL *c = new_handle(&r);
    perform(c, fx, "/echo?name=een", &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(buf_cstr(&r.body), "hello name=een");
    long connects = -1;
    curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &connects);
    assert_int_equal(connects, 1);
    perform(c, fx, "/echo?name=twee", &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(buf_cstr(&r.body), "hello name=twee");
    curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &connects);
    assert_int_equal(connects, 0); /* the second request reused the connection */
    curl_easy_cleanup(c);
    reply_free(&r);
}

static void test_server_sends_security_headers(void **state)
{
    struct fixture *fx = *state;
    struct reply r;
    CURL *c = new_handle(&r);
    perform(c, fx, "/echo", &r);
    assert_header(&r, "Content-Type", "text/plain; charset=utf-8");
    assert_header(&r, "Content-Security-Policy",
                  "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    assert_header(&r, "X-Content-Type-Options", "nosniff");
    assert_header(&r, "Referrer-Policy", "same-origin");
    assert_header(&r, "X-Frame-Options", "DENY");
    assert_header(&r, "Cache-Control", "no-store");
    char *id = header_value(buf_cstr(&r.headers), "X-Request-Id");
    assert_non_null(id);
    assert_int_equal(strlen(id), 16);
    assert_int_equal(strspn(id, "0123456789abcdef"), 16);
    free(id);
    curl_easy_cleanup(c);
    reply_free(&r);
}

static void test_server_error_responses_have_headers_too(void **state)
{
    struct fixture *fx = *state;
    struct reply r;
    CURL *c = new_handle(&r);
    perform(c, fx, "/nowhere", &r);
    assert_int_equal(r.status, 404);
    assert_header(&r, "X-Frame-Options", "DENY");
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "DELETE");
    perform(c, fx, "/echo", &r);
    assert_int_equal(r.status, 405);
    assert_header(&r, "Allow", "GET, HEAD, POST");
    curl_easy_cleanup(c);
    reply_free(&r);
}

static void test_server_decodes_path_parameters_itself(void **state)
{
    struct fixture *fx = *state;
    struct reply r;
    CURL *c = new_handle(&r);
    /* An escaped '/' stays inside its segment: the route still matches. */
    perform(c, fx, "/items/a%2Fb%20c", &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(buf_cstr(&r.body), "hello id=a/b c");
    perform(c, fx, "/items/%C0%AF", &r);
    assert_int_equal(r.status, 404);
    curl_easy_cleanup(c);
    reply_free(&r);
}

static void test_server_duplicate_content_length_is_400(void **state)
{
    struct fixture *fx = *state;
    char *resp = raw_request(fx, "POST /echo HTTP/1.1\r\nHost: t\r\n"
                                 "Content-Type: application/x-www-form-urlencoded\r\n"
                                 "Content-Length: 6\r\nContent-Length: 6\r\n\r\nname=x");
    assert_int_equal(strncmp(resp, "HTTP/1.1 400 ", 13), 0);
    free(resp);
}

static void test_server_content_length_with_transfer_encoding_is_400(void **state)
{
    struct fixture *fx = *state;
    char *resp = raw_request(fx, "POST /echo HTTP/1.1\r\nHost: t\r\n"
                                 "Content-Type: application/x-www-form-urlencoded\r\n"
                                 "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "6\r\nname=x\r\n0\r\n\r\n");
    assert_int_equal(strncmp(resp, "HTTP/1.1 400 ", 13), 0);
    free(resp);
}

static void test_server_accepts_a_small_form_body(void **state)
{
    struct fixture *fx = *state;
    struct reply r;
    CURL *c = new_handle(&r);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, "name=Anne");
    perform(c, fx, "/echo", &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(buf_cstr(&r.body), "hello name=Anne");
    curl_easy_cleanup(c);
    reply_free(&r);
}

static void test_server_oversized_body_is_413(void **state)
{
    struct fixture *fx = *state;
    struct reply r;
    CURL *c = new_handle(&r);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, "name=0123456789012345678901234567890123456789");
    perform(c, fx, "/echo", &r);
    assert_int_equal(r.status, 413);
    assert_non_null(strstr(buf_cstr(&r.body), "limit 16 bytes"));
    curl_easy_cleanup(c);
    reply_free(&r);
}

static void test_server_oversized_chunked_body_is_413(void **state)
{
    struct fixture *fx = *state;
    /* No Content-Length: the limit is found while the body arrives. */
    char *resp = raw_request(fx, "POST /echo HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
                                 "Content-Type: application/x-www-form-urlencoded\r\n"
                                 "Transfer-Encoding: chunked\r\n\r\n"
                                 "a\r\nname=01234\r\na\r\n5678901234\r\n0\r\n\r\n");
    assert_int_equal(strncmp(resp, "HTTP/1.1 413 ", 13), 0);
    free(resp);
}

static void test_server_head_sends_no_body(void **state)
{
    struct fixture *fx = *state;
    struct reply r;
    CURL *c = new_handle(&r);
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    perform(c, fx, "/echo", &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.body.len, 0);
    assert_header(&r, "Content-Length", "5"); /* "hello", as GET would send */
    curl_easy_cleanup(c);
    reply_free(&r);
}

/* Waits up to 5 s for the log file to contain needle; returns its text. */
static char *wait_for_log(const struct fixture *fx, const char *needle)
{
    for (int i = 0; i < 100; i++) {
        FILE *f = fopen(fx->log_path, "r");
        struct buf b = BUF_INIT;
        char chunk[4096];
        size_t got;
        while (f && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
            buf_append(&b, chunk, got);
        if (f)
            fclose(f);
        if (strstr(buf_cstr(&b), needle))
            return buf_detach(&b, NULL);
        buf_free(&b);
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
    }
    fail_msg("the log never showed %s", needle);
    return NULL;
}

static void test_server_logs_requests_without_query_or_cookies(void **state)
{
    struct fixture *fx = *state;
    struct reply r;
    CURL *c = new_handle(&r);
    curl_easy_setopt(c, CURLOPT_COOKIE, "sid=cookievalue42");
    perform(c, fx, "/echo?name=querysecret42", &r);
    assert_int_equal(r.status, 200);
    char *log = wait_for_log(fx, "path=/echo status=200");
    assert_non_null(strstr(log, "event=request"));
    assert_non_null(strstr(log, "method=GET"));
    assert_non_null(strstr(log, " ms="));
    assert_null(strstr(log, "querysecret42"));
    assert_null(strstr(log, "cookievalue42"));
    free(log);
    curl_easy_cleanup(c);
    reply_free(&r);
}

static void test_server_refuses_a_bad_listen_address(void **state)
{
    struct config cfg = {.listen_addr = "localhost.invalid", .port = 0};
    struct app app = {.cfg = &cfg, .routes = table};
    struct fault f = {0};
    assert_null(server_start(&app, &f));
    assert_int_equal(f.code, ERR_INVALID);
    cfg = (struct config){.listen_addr = "127.0.0.1", .port = 70000};
    assert_null(server_start(&app, &f));
    assert_int_equal(f.code, ERR_INVALID);
}

static void test_server_refuses_a_port_in_use(void **state)
{
    struct fixture *fx = *state;
    struct config cfg = {.listen_addr = "127.0.0.1", .port = server_port(fx->server), .threads = 1};
    struct app app = {.cfg = &cfg, .routes = table};
    struct fault f = {0};
    assert_null(server_start(&app, &f));
    assert_int_equal(f.code, ERR_UNAVAILABLE);
}

static void test_server_listens_on_ipv6(void **state)
{
    struct config cfg = {.listen_addr = "::1", .port = 0, .threads = 1};
    struct app app = {.cfg = &cfg, .routes = table};
    struct fault f = {0};
    struct server *s = server_start(&app, &f);
    if (!s)
        skip(); /* no IPv6 loopback on this machine */
    char url[64];
    snprintf(url, sizeof url, "http://[::1]:%d/echo", server_port(s));
    struct reply r;
    CURL *c = new_handle(&r);
    curl_easy_setopt(c, CURLOPT_URL, url);
    assert_int_equal(curl_easy_perform(c), CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    assert_int_equal(r.status, 200);
    curl_easy_cleanup(c);
    reply_free(&r);
    server_stop(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_server_listens_on_a_free_port),
        cmocka_unit_test(test_server_keeps_the_connection_alive),
        cmocka_unit_test(test_server_sends_security_headers),
        cmocka_unit_test(test_server_error_responses_have_headers_too),
        cmocka_unit_test(test_server_decodes_path_parameters_itself),
        cmocka_unit_test(test_server_duplicate_content_length_is_400),
        cmocka_unit_test(test_server_content_length_with_transfer_encoding_is_400),
        cmocka_unit_test(test_server_accepts_a_small_form_body),
        cmocka_unit_test(test_server_oversized_body_is_413),
        cmocka_unit_test(test_server_oversized_chunked_body_is_413),
        cmocka_unit_test(test_server_head_sends_no_body),
        cmocka_unit_test(test_server_logs_requests_without_query_or_cookies),
        cmocka_unit_test(test_server_refuses_a_bad_listen_address),
        cmocka_unit_test(test_server_refuses_a_port_in_use),
        cmocka_unit_test(test_server_listens_on_ipv6),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
