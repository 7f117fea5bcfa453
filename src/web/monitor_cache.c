/* The dashboard's charts kept per connection (see monitor_cache.h): a few
 * slots, each the HTML of one area in one language, all dropped at once
 * when the database's data version moves on. */
#include "web/monitor_cache.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "db/db.h"

enum { SLOTS = 16, KEY_MAX = 40 };

struct slot {
    char key[KEY_MAX]; /* "BU03630101/nl"; "" for a free slot */
    char *html;
    size_t len;
    uint64_t used; /* the tick of the last hand-out: the lowest goes first */
};

struct charts_cache {
    uint64_t version;
    uint64_t tick;
    struct slot slots[SLOTS];
};

static const char cache_owner = 0;

static void drop_all(struct charts_cache *c)
{
    for (int i = 0; i < SLOTS; i++) {
        free(c->slots[i].html);
        c->slots[i] = (struct slot){0};
    }
}

static void free_cache(void *p)
{
    drop_all(p);
    free(p);
}

/* The connection's cache at the database's version, emptied when that has
 * changed; NULL when the database cannot tell its version. */
static struct charts_cache *cache_at(struct db *db)
{
    uint64_t version;
    if (!db_data_version(db, &version))
        return NULL;
    struct charts_cache *c = db_cache(db, &cache_owner);
    if (!c) {
        c = xcalloc(1, sizeof *c);
        db_cache_set(db, &cache_owner, c, free_cache);
    }
    if (c->version != version) {
        drop_all(c);
        c->version = version;
    }
    return c;
}

static bool make_key(char key[KEY_MAX], const char *code, const char *lang)
{
    int n = snprintf(key, KEY_MAX, "%s/%s", code, lang);
    return n > 0 && n < KEY_MAX;
}

const char *monitor_cache_get(struct db *db, const char *code, const char *lang, size_t *len)
{
    char key[KEY_MAX];
    struct charts_cache *c = make_key(key, code, lang) ? cache_at(db) : NULL;
    for (int i = 0; c && i < SLOTS; i++) {
        if (c->slots[i].html && strcmp(c->slots[i].key, key) == 0) {
            c->slots[i].used = ++c->tick;
            *len = c->slots[i].len;
            return c->slots[i].html;
        }
    }
    return NULL;
}

void monitor_cache_put(struct db *db, const char *code, const char *lang, const char *html,
                       size_t len)
{
    char key[KEY_MAX];
    struct charts_cache *c = make_key(key, code, lang) ? cache_at(db) : NULL;
    if (!c)
        return;
    struct slot *s = &c->slots[0];
    for (int i = 0; i < SLOTS; i++) {
        if (strcmp(c->slots[i].key, key) == 0 || !c->slots[i].html) {
            s = &c->slots[i];
            break;
        }
        if (c->slots[i].used < s->used)
            s = &c->slots[i];
    }
    free(s->html);
    s->html = xmalloc(len + 1);
    memcpy(s->html, html, len);
    s->html[len] = '\0';
    s->len = len;
    memcpy(s->key, key, KEY_MAX);
    s->used = ++c->tick;
}
