/* libFuzzer target for the Cookie header parser (http/parse.c). The header
 * is the input up to its first NUL (a header line cannot hold one). Each
 * cookie kept must have a non-empty token name and a value of RFC 6265
 * cookie-octets, there can be no more cookies than ';'-separated parts, and
 * the cookies written back as "name=value; ..." must parse to the same list.
 * Any broken rule aborts. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "http/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *rule)
{
    fprintf(stderr, "cookie_fuzz: %s\n", rule);
    abort();
}

static bool is_token(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              strchr("!#$%&'*+-.^_`|~", *s)))
            return false;
    return true;
}

static bool is_cookie_value(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x21 || *p > 0x7E || *p == '"' || *p == ',' || *p == ';' || *p == '\\')
            return false;
    return true;
}

static void check_round_trip(struct arena *a, const struct kvlist *l)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < l->n; i++)
        buf_printf(&b, "%s%s=%s", i ? "; " : "", l->items[i].key, l->items[i].value);
    struct kvlist again;
    parse_cookies(a, buf_cstr(&b), &again);
    if (again.n != l->n)
        broken("written-back cookies gave another count");
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(again.items[i].key, l->items[i].key) != 0 ||
            strcmp(again.items[i].value, l->items[i].value) != 0)
            broken("written-back cookies differ");
    buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena *a = arena_new();
    char *header = arena_strndup(a, (const char *)data, size); /* stops at a NUL */
    size_t parts = 1;
    for (const char *p = header; *p; p++)
        parts += *p == ';';
    struct kvlist l;
    parse_cookies(a, header, &l);
    if (l.n > parts)
        broken("more cookies than parts");
    for (size_t i = 0; i < l.n; i++) {
        if (!is_token(l.items[i].key))
            broken("a cookie name is not a token");
        if (!is_cookie_value(l.items[i].value))
            broken("a cookie value holds a character RFC 6265 forbids");
    }
    check_round_trip(a, &l);
    arena_free(a);
    return 0;
}
