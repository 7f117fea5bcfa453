/* The error-to-status table and the fixed response headers. The security
 * headers forbid everything a server-rendered page without JavaScript does
 * not need: scripts, frames, plugins, foreign forms and stylesheets. */
#include "http/status.h"

#include <stdbool.h>
#include <stddef.h>
#include <strings.h>

#include "core/arena.h"
#include "render/req.h"

static const int statuses[ERR_COUNT] = {
    [ERR_OK] = 200,           [ERR_INVALID] = 400,     [ERR_NOT_FOUND] = 404,
    [ERR_UNAUTHORIZED] = 401, [ERR_FORBIDDEN] = 403,   [ERR_CONFLICT] = 409,
    [ERR_METHOD] = 405,       [ERR_TOO_LARGE] = 413,   [ERR_MEDIA_TYPE] = 415,
    [ERR_RATE_LIMITED] = 429, [ERR_UNAVAILABLE] = 503, [ERR_INTERNAL] = 500,
};

/* Sent with every response, whatever the handler did. */
static const struct kv security_headers[] = {
    {"Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "same-origin"},
    {"X-Frame-Options", "DENY"},
};

enum { N_SECURITY = sizeof security_headers / sizeof security_headers[0] };

static const char default_content_type[] = "text/plain; charset=utf-8";

int http_status(enum err e)
{
    if ((unsigned)e >= ERR_COUNT || statuses[e] == 0)
        return 500;
    return statuses[e];
}

/* True for the names only http_finish_headers may write. */
static bool is_fixed(const char *name)
{
    if (strcasecmp(name, "Content-Type") == 0 || strcasecmp(name, "X-Request-Id") == 0)
        return true;
    for (size_t i = 0; i < N_SECURITY; i++)
        if (strcasecmp(name, security_headers[i].key) == 0)
            return true;
    return false;
}

static bool has_header(const struct kvlist *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcasecmp(l->items[i].key, name) == 0)
            return true;
    return false;
}

static void add(struct kvlist *l, const char *key, const char *value)
{
    l->items[l->n].key = key;
    l->items[l->n].value = value;
    l->n++;
}

void http_finish_headers(struct req *r)
{
    const struct kvlist *own = &r->resp.headers;
    struct kvlist out = {0};
    /* Content-Type, the security headers, Cache-Control, X-Request-Id. */
    out.items = arena_array(r->arena, own->n + N_SECURITY + 3, sizeof *out.items);

    add(&out, "Content-Type", r->resp.content_type ? r->resp.content_type : default_content_type);
    for (size_t i = 0; i < N_SECURITY; i++)
        add(&out, security_headers[i].key, security_headers[i].value);
    if (!has_header(own, "Cache-Control"))
        add(&out, "Cache-Control", "no-store");
    for (size_t i = 0; i < own->n; i++)
        if (!is_fixed(own->items[i].key))
            add(&out, own->items[i].key, own->items[i].value);
    if (r->request_id)
        add(&out, "X-Request-Id", r->request_id);
    r->resp.headers = out;
}
