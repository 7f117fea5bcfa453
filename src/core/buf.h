/* The one growable byte/string buffer (Redis's sds, Fossil's Blob). Its data
 * is always NUL-terminated, may hold NUL bytes, and lives on the heap so that
 * a response body can be handed to libmicrohttpd without a copy. */
#ifndef WIJK_CORE_BUF_H
#define WIJK_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct buf {
    char *data; /* NUL-terminated; NULL only before the first write */
    size_t len;
    size_t cap;
};

#define BUF_INIT                                                                                   \
    {                                                                                              \
        0, 0, 0                                                                                    \
    }

void buf_init(struct buf *b);
/* Frees the data and leaves an empty buffer. */
void buf_free(struct buf *b);
/* Empties the buffer, keeping its memory. */
void buf_reset(struct buf *b);
/* Makes room for n more bytes. */
void buf_reserve(struct buf *b, size_t n);

/* The growing path of buf_append; call buf_append instead. */
void buf_append_grow(struct buf *b, const void *p, size_t n);

/* Appends n bytes (p may be NULL when n is 0). Inline, because pages are
 * built from thousands of small appends and nearly all of them fit in the
 * free space: one comparison and one copy. */
static inline void buf_append(struct buf *b, const void *p, size_t n)
{
    if (b->cap - b->len > n) { /* also false before the first write: cap 0 */
        if (n)
            memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    buf_append_grow(b, p, n);
}

static inline void buf_puts(struct buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

static inline void buf_putc(struct buf *b, char c)
{
    if (b->cap - b->len > 1) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return;
    }
    buf_append_grow(b, &c, 1);
}
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* The contents as a C string; "" for an empty buffer (never NULL). */
const char *buf_cstr(const struct buf *b);

/* Hands the data (malloc'ed, NUL-terminated, never NULL) to the caller, who
 * frees it with free(); the buffer is left empty. */
char *buf_detach(struct buf *b, size_t *len);

#endif
