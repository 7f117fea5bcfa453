/* The handler's view of a request: validated inputs by name, response
 * headers, and translation into the request's language. The HTTP layer
 * fills struct req; these helpers only read it (or append to its response),
 * always allocating from the request's arena. */
#include "render/req.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "render/i18n.h"

const char *req_in(const struct req *r, const char *name)
{
    for (size_t i = 0; i < r->in.n; i++) {
        if (r->in.items[i].key && strcmp(r->in.items[i].key, name) == 0)
            return r->in.items[i].value;
    }
    return NULL;
}

int64_t req_in_int(const struct req *r, const char *name, int64_t dflt)
{
    const char *s = req_in(r, name);
    if (!s || !*s)
        return dflt;
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    /* Declared integer fields were validated; anything else is not a number. */
    if (errno != 0 || *end != '\0')
        return dflt;
    return (int64_t)v;
}

void req_header(struct req *r, const char *name, const char *value)
{
    struct kvlist *h = &r->resp.headers;
    /* Headers are few (a handful per response): copying the array on each
     * addition keeps struct kvlist free of a capacity field. */
    struct kv *items = arena_array(r->arena, h->n + 1, sizeof *items);
    if (h->n)
        memcpy(items, h->items, h->n * sizeof *items);
    items[h->n].key = arena_strdup(r->arena, name);
    items[h->n].value = arena_strdup(r->arena, value);
    h->items = items;
    h->n++;
}

const char *req_tr(const struct req *r, const char *msgid)
{
    if (!r || !r->app || !r->app->catalog || !r->lang)
        return msgid;
    return catalog_get(r->app->catalog, r->lang, msgid);
}
