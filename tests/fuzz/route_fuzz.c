/* libFuzzer target for route matching (http/route.c) on the real route
 * table (http/routes.c). The first byte picks the method (one of the six,
 * or an unknown one), the rest up to a NUL is the path. A match must allow
 * the method and give one non-empty, valid UTF-8 value per {name} in its
 * pattern; no match must report only methods that some route has. Any
 * broken rule aborts. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "http/route.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *rule)
{
    fprintf(stderr, "route_fuzz: %s\n", rule);
    abort();
}

static size_t count_params(const char *pattern)
{
    size_t n = 0;
    for (; *pattern; pattern++)
        n += *pattern == '{';
    return n;
}

static void check_match(const struct route *rt, unsigned method, const struct kvlist *params)
{
    if (!(rt->methods & method))
        broken("matched a route that does not allow the method");
    if (params->n != count_params(rt->pattern))
        broken("parameter count differs from the pattern");
    for (size_t i = 0; i < params->n; i++) {
        const char *v = params->items[i].value;
        if (!v || !*v || !utf8_valid(v, strlen(v)))
            broken("a parameter is empty or not valid UTF-8");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned method = data[0] % 7 == 6 ? 0 : 1u << (data[0] % 7);
    struct arena *a = arena_new();
    const char *path = arena_strndup(a, (const char *)data + 1, size - 1);
    unsigned all = 0;
    for (const struct route *rt = routes; rt->pattern; rt++)
        all |= rt->methods;
    struct kvlist params;
    unsigned allowed = 0;
    const struct route *rt = route_match(routes, path, method, a, &params, &allowed);
    if (rt)
        check_match(rt, method, &params);
    else if ((allowed & ~all) || (allowed & method) || params.n != 0)
        broken("a miss reported impossible methods or parameters");
    if (!route_method_name(allowed))
        broken("no Allow text");
    arena_free(a);
    return 0;
}
