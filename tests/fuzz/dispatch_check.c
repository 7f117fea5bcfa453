/* The request builder and the checks shared by json_fuzz and query_fuzz
 * (see dispatch_check.h). The checks restate the field rules of
 * render/req.h independently of http/field.c, so a value that slips through
 * the validator is caught here. */
#include "dispatch_check.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "http/dispatch.h"
#include "http/parse.h"
#include "http/route.h"
#include "model/area.h"

static void broken(const char *rule, const char *detail)
{
    fprintf(stderr, "dispatch fuzz: %s%s%s\n", rule, detail ? ": " : "", detail ? detail : "");
    abort();
}

static enum err say_ok(struct req *r)
{
    r->resp.content_type = "text/plain; charset=utf-8";
    buf_puts(&r->resp.body, "ok");
    return ERR_OK;
}

static const struct route *pick_route(const uint8_t *data, size_t size)
{
    size_t n = 0;
    for (const struct route *rt = routes; rt->pattern; rt++)
        n += rt->fields != NULL;
    size_t want = size >= 2 ? (size_t)(data[0] | data[1] << 8) % (n ? n : 1) : 0;
    for (const struct route *rt = routes; rt->pattern; rt++)
        if (rt->fields && want-- == 0)
            return rt;
    return routes;
}

static void encode_segment(struct buf *b, const char *s, size_t n)
{
    if (n == 0)
        buf_putc(b, '0'); /* a segment cannot be empty */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~')
            buf_putc(b, (char)c);
        else
            buf_printf(b, "%%%02X", c);
    }
}

/* The pattern with each {name} replaced by the next TAB-separated value. */
static const char *build_path(struct arena *a, const char *pattern, const char *params, size_t n)
{
    struct buf b = BUF_INIT;
    const char *p = pattern;
    while (*p) {
        const char *open = strchr(p, '{');
        if (!open) {
            buf_puts(&b, p);
            break;
        }
        buf_append(&b, p, (size_t)(open - p));
        const char *tab = memchr(params, '\t', n);
        size_t len = tab ? (size_t)(tab - params) : n;
        encode_segment(&b, params, len);
        params += tab ? len + 1 : len;
        n -= tab ? len + 1 : len;
        p = strchr(open, '}') + 1;
    }
    const char *path = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return path;
}

static bool to_int(const char *s, int64_t *v)
{
    char *end;
    errno = 0;
    long long x = strtoll(s, &end, 10);
    *v = x;
    return *s && !*end && errno == 0;
}

static void check_length(const struct field *fd, const char *v)
{
    int64_t chars = (int64_t)utf8_count(v, strlen(v));
    if (chars < 1 || chars < fd->min || (fd->max > 0 && chars > fd->max))
        broken("a value's length is outside its bounds", fd->name);
}

/* The value the validator accepted fits the declaration. */
static void check_accepted(const struct field *fd, const char *v)
{
    int64_t x = 0;
    char canon[32];
    if (!v || !*v || !utf8_valid(v, strlen(v)))
        broken("an accepted value is empty or not UTF-8", fd->name);
    switch (fd->type) {
    case FIELD_LINE:
    case FIELD_TEXT:
        for (const char *p = v; *p; p++)
            if (((unsigned char)*p < 0x20 || *p == 0x7f) &&
                (fd->type == FIELD_LINE || !strchr("\t\r\n", *p)))
                broken("an accepted text holds a control character", fd->name);
        check_length(fd, v);
        break;
    case FIELD_INT:
        if (!to_int(v, &x))
            broken("an accepted integer is not a number", fd->name);
        snprintf(canon, sizeof canon, "%" PRId64, x);
        if (strcmp(v, canon) != 0)
            broken("an accepted integer is not canonical", fd->name);
        if ((fd->min || fd->max) && (x < fd->min || x > fd->max))
            broken("an accepted integer is out of range", fd->name);
        break;
    case FIELD_CODE:
        if (!area_code_valid(v, NULL))
            broken("an accepted code is not a CBS code", fd->name);
        break;
    case FIELD_DATE:
        if (!clock_parse_date(v, &x) || strlen(v) != 10)
            broken("an accepted date is not YYYY-MM-DD", fd->name);
        break;
    case FIELD_CHOICE: {
        size_t i = 0;
        while (fd->choices && fd->choices[i] && strcmp(fd->choices[i], v) != 0)
            i++;
        if (!fd->choices || !fd->choices[i])
            broken("an accepted choice is not one of the choices", fd->name);
        break;
    }
    case FIELD_TOKEN:
        if (strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") !=
            strlen(v))
            broken("an accepted token holds another character", fd->name);
        check_length(fd, v);
        break;
    }
}

/* What was sent for name in the JSON body, as json_members gives it. */
static const char *json_sent(struct arena *a, json_t *o, const char *name)
{
    json_t *v = json_object_get(o, name);
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v))
        return arena_printf(a, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    if (json_is_boolean(v))
        return json_is_true(v) ? "true" : "false";
    return NULL;
}

/* The accepted value is the one sent, up to the declared canonical form. */
static void check_same(struct req *r, const struct field *fd, const char *v)
{
    const char *sent = parse_kv_find(&r->path_params, fd->name, NULL);
    if (!sent)
        sent = r->json ? json_sent(r->arena, r->json, fd->name)
                       : parse_kv_find(r->method == HTTP_POST ? &r->form : &r->query, fd->name,
                                       NULL);
    if (!sent)
        broken("an accepted value was never sent", fd->name);
    int64_t x, y;
    bool same = fd->type == FIELD_INT    ? to_int(sent, &x) && to_int(v, &y) && x == y
                : fd->type == FIELD_CODE ? strcasecmp(sent, v) == 0
                                         : strcmp(sent, v) == 0;
    if (!same)
        broken("an accepted value differs from the one sent", fd->name);
}

static void check_fields(struct req *r, const struct field *fields)
{
    for (const struct field *fd = fields; fd->name; fd++) {
        const char *v = parse_kv_find(&r->in, fd->name, NULL);
        if (!v && (fd->flags & FIELD_REQUIRED))
            broken("a required field is missing from a 200", fd->name);
        if (v) {
            check_accepted(fd, v);
            check_same(r, fd, v);
        }
    }
}

static void check_response(struct req *r, const struct route *rt)
{
    int st = r->resp.status;
    const char *type = r->resp.content_type ? r->resp.content_type : "";
    const char *body = buf_cstr(&r->resp.body);
    if (st >= 500 || (st != 200 && st < 400))
        broken("unexpected status", arena_printf(r->arena, "%d %s", st, body));
    if (st == 200) {
        if (strcmp(body, "ok") != 0)
            broken("a 200 that the handler did not write", NULL);
        check_fields(r, rt->fields);
        return;
    }
    if (strncmp(type, "application/json", 16) == 0) {
        json_t *j = json_loads(body, 0, NULL);
        if (!json_is_string(json_object_get(j, "error")))
            broken("an error answer is not a JSON object with \"error\"", body);
        json_decref(j);
    } else if (strncmp(type, "text/html", 9) == 0 && strstr(body, "<x-m1")) {
        broken("a raw marker in an HTML page", NULL);
    }
}

unsigned fuzz_dispatch_mode(const uint8_t *data, size_t size)
{
    return size > 2 ? data[2] : 0;
}

void fuzz_dispatch(const uint8_t *data, size_t size, const struct fuzz_send *send)
{
    const struct route *orig = pick_route(data, size);
    size_t skip = size > 3 ? 3 : size;
    const char *rest = (const char *)data + skip;
    size_t n = size - skip;
    const char *lf = memchr(rest, '\n', n);
    size_t plen = lf ? (size_t)(lf - rest) : 0;
    const char *payload = lf ? lf + 1 : rest;
    size_t paylen = n - (size_t)(payload - rest);

    struct config cfg = {0};
    struct app app = {.cfg = &cfg};
    struct req r = {.arena = arena_new(), .app = &app, .request_id = "0011223344556677"};
    unsigned method = dispatch_method(send->method);
    struct route table[2] = {{method, orig->pattern, say_ok,
                              ROUTE_NO_DB | ROUTE_FORM | (orig->flags & ROUTE_JSON) | send->flags,
                              orig->fields, orig->max_body, orig->action},
                             {0}};
    struct http_request hr = {.method = send->method,
                              .path = build_path(r.arena, orig->pattern, rest, plen),
                              .client_ip = "127.0.0.1"};
    struct kv header = {"Content-Type", send->content_type};
    hr.headers = (struct kvlist){&header, send->content_type != NULL};
    char *copy = arena_strndup(r.arena, payload, paylen);
    if (send->as_query) {
        hr.query = copy; /* a request target cannot hold a NUL: up to the first */
    } else {
        hr.body = paylen ? payload : NULL;
        hr.body_len = paylen;
    }
    dispatch(&r, table, &hr);
    check_response(&r, table);
    dispatch_release(&r);
    arena_free(r.arena);
}
