/* Per-request memory: many allocations, one free. A request's parsed input,
 * its rows and its temporary strings come from its arena, which is freed once
 * when libmicrohttpd reports the request complete (h2o's req->pool). */
#ifndef WIJK_CORE_ARENA_H
#define WIJK_CORE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/* A new, empty arena. Free it with arena_free(). Never returns NULL. */
struct arena *arena_new(void);

/* Frees every allocation made from the arena, and the arena. NULL is fine. */
void arena_free(struct arena *a);

/* n bytes aligned for any type, zero-filled. n == 0 gives a valid unique
 * pointer. Aborts on overflow or when out of memory. */
void *arena_alloc(struct arena *a, size_t n);

/* count * size bytes, zero-filled; aborts when the product overflows. */
void *arena_array(struct arena *a, size_t count, size_t size);

/* Copies of strings and byte ranges, always NUL-terminated. s may be NULL
 * for arena_strdup (returns NULL). */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Bytes handed out so far (for tests and memory limits). */
size_t arena_used(const struct arena *a);

#endif
