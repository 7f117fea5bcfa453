/* The one growable byte/string buffer. Its memory comes from the heap (not
 * an arena) so that a finished response body can be handed to libmicrohttpd
 * and freed by it. Invariant once data is set: len < cap and data[len] == 0,
 * so the contents are always a C string as well as a byte range. */
#include "core/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

#define MIN_CAP 64

void buf_init(struct buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void buf_free(struct buf *b)
{
    free(b->data);
    buf_init(b);
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

/* Grows geometrically so that n appends of one byte cost O(n) in total. */
void buf_reserve(struct buf *b, size_t n)
{
    if (n > SIZE_MAX - 1 - b->len) {
        fprintf(stderr, "buf_reserve: size overflow\n");
        abort();
    }
    size_t need = b->len + n + 1;
    if (b->data && need <= b->cap)
        return;
    size_t cap = b->cap > MIN_CAP ? b->cap : MIN_CAP;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
    b->data[b->len] = '\0';
}

/* buf_append's path when the free space is too small (or there is no data
 * yet); the inline part in buf.h handles the rest. */
void buf_append_grow(struct buf *b, const void *p, size_t n)
{
    buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* Tries to format into the free space first; only when that is too small is
 * the buffer grown to the exact size and the formatting done again. */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    buf_reserve(b, 0);
    va_list ap2;
    va_copy(ap2, ap);
    size_t room = b->cap - b->len;
    int n = vsnprintf(b->data + b->len, room, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        fprintf(stderr, "buf_vprintf: invalid format or argument \"%s\"\n", fmt);
        abort();
    }
    if ((size_t)n >= room) {
        buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    }
    b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

const char *buf_cstr(const struct buf *b)
{
    return b->data ? b->data : "";
}

char *buf_detach(struct buf *b, size_t *len)
{
    buf_reserve(b, 0);
    char *p = b->data;
    if (len)
        *len = b->len;
    buf_init(b);
    return p;
}
