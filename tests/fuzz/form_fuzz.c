/* libFuzzer target for the query-string and form parser (http/parse.c).
 * Beyond "does not crash", each accepted input must give pairs that are
 * valid UTF-8 without NUL bytes, no more pairs than '&'-separated parts, and
 * must survive a round trip: the pairs, percent-encoded again and joined with
 * '&', parse back to exactly the same pairs. A refused input must leave the
 * list empty. Any broken rule aborts. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "http/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *rule)
{
    fprintf(stderr, "form_fuzz: %s\n", rule);
    abort();
}

/* Everything but unreserved characters as %XX, so nothing is special. */
static void encode(struct buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~')
            buf_putc(b, (char)*p);
        else
            buf_printf(b, "%%%02X", *p);
    }
}

static void check_text(const char *s)
{
    if (!s || !utf8_valid(s, strlen(s)))
        broken("a key or value is not valid UTF-8");
}

static void check_round_trip(struct arena *a, const struct kvlist *l)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            buf_putc(&b, '&');
        encode(&b, l->items[i].key);
        buf_putc(&b, '=');
        encode(&b, l->items[i].value);
    }
    struct kvlist again;
    if (parse_urlencoded(a, buf_cstr(&b), b.len, &again) != ERR_OK)
        broken("re-encoded pairs were refused");
    if (again.n != l->n)
        broken("re-encoded pairs gave another count");
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(again.items[i].key, l->items[i].key) != 0 ||
            strcmp(again.items[i].value, l->items[i].value) != 0)
            broken("re-encoded pairs differ");
    buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena *a = arena_new();
    const char *s = (const char *)data;
    struct kvlist l;
    size_t parts = 1;
    for (size_t i = 0; i < size; i++)
        parts += data[i] == '&';
    if (parse_urlencoded(a, s, size, &l) == ERR_OK) {
        if (l.n > parts)
            broken("more pairs than parts");
        for (size_t i = 0; i < l.n; i++) {
            check_text(l.items[i].key);
            check_text(l.items[i].value);
        }
        check_round_trip(a, &l);
    } else if (l.n != 0) {
        broken("a refused input left pairs");
    }
    const char *path = parse_percent_decode(a, s, size, false);
    if (path)
        check_text(path);
    arena_free(a);
    return 0;
}
