/* Matching a request path against the route table. A literal segment of a
 * pattern must equal the path's segment byte for byte; a {name} segment
 * matches one non-empty segment whose percent-decoded value is valid UTF-8.
 * There is no normalisation at all: "/areas/" is not "/areas", "//" is not
 * "/", and "/are%61s" is not "/areas", so every page has exactly one address
 * and nothing reaches a handler that the table did not describe. */
#include "http/route.h"

#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "http/parse.h"

/* Allow header texts for every set of the six methods, as data: entry m
 * lists the methods whose bits are in m, each preceded by ", " (which
 * route_method_name skips). Built by the preprocessor so the table stays
 * const and exact: ALLOW(g, h, p, u, a, d) selects each name by a 0/1 flag. */
#define PICK0(s)
#define PICK1(s) s
#define ALLOW(g, h, p, u, a, d)                                                                    \
    "" PICK##g(", GET") PICK##h(", HEAD") PICK##p(", POST") PICK##u(", PUT") PICK##a(", PATCH")    \
        PICK##d(", DELETE")
#define ALLOW2(h, p, u, a, d) ALLOW(0, h, p, u, a, d), ALLOW(1, h, p, u, a, d)
#define ALLOW4(p, u, a, d) ALLOW2(0, p, u, a, d), ALLOW2(1, p, u, a, d)
#define ALLOW8(u, a, d) ALLOW4(0, u, a, d), ALLOW4(1, u, a, d)
#define ALLOW16(a, d) ALLOW8(0, a, d), ALLOW8(1, a, d)
#define ALLOW32(d) ALLOW16(0, d), ALLOW16(1, d)

static const char *const allow_texts[64] = {ALLOW32(0), ALLOW32(1)};

const char *route_method_name(unsigned method)
{
    const char *s = allow_texts[method & 63u];
    return *s ? s + 2 : s;
}

static bool is_param(const char *seg, size_t n)
{
    return n >= 3 && seg[0] == '{' && seg[n - 1] == '}';
}

/* Matches path against pattern. Each {name} segment's decoded value goes to
 * params->items[params->n++] (room for every parameter is the caller's). */
static bool match(const char *pattern, const char *path, struct arena *a, struct kvlist *params)
{
    const char *p = pattern, *s = path;
    while (*p == '/' && *s == '/') {
        p++;
        s++;
        size_t plen = strcspn(p, "/"), slen = strcspn(s, "/");
        if (is_param(p, plen)) {
            const char *value = slen ? parse_percent_decode(a, s, slen, false) : NULL;
            if (!value)
                return false;
            params->items[params->n].key = arena_strndup(a, p + 1, plen - 2);
            params->items[params->n].value = value;
            params->n++;
        } else if (plen != slen || memcmp(p, s, plen) != 0) {
            return false;
        }
        p += plen;
        s += slen;
    }
    return *p == '\0' && *s == '\0';
}

static size_t count_params(const char *pattern)
{
    size_t n = 0;
    for (const char *p = pattern; *p; p++)
        n += *p == '{';
    return n;
}

const struct route *route_match(const struct route *table, const char *path, unsigned method,
                                struct arena *a, struct kvlist *params, unsigned *allowed)
{
    unsigned allow = 0;
    if (params)
        *params = (struct kvlist){0};
    for (const struct route *rt = table; rt->pattern; rt++) {
        size_t np = count_params(rt->pattern);
        struct kvlist found = {np ? arena_array(a, np, sizeof(struct kv)) : NULL, 0};
        if (!match(rt->pattern, path, a, &found))
            continue;
        if (rt->methods & method) {
            if (params)
                *params = found;
            if (allowed)
                *allowed = 0;
            return rt;
        }
        allow |= rt->methods;
    }
    if (allowed)
        *allowed = allow;
    return NULL;
}
