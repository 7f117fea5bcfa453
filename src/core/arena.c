/* Per-request memory: a chunked bump allocator. Allocations are carved from
 * the newest chunk; when it is full a new chunk twice the size of the last
 * one is added (8 KiB first, at most 1 MiB), and an allocation too big for a
 * normal chunk gets a chunk of its own, so that one large upload does not
 * waste the rest of the current chunk. Nothing is freed before arena_free().
 *
 * Every allocation is rounded up to the alignment of max_align_t, so any
 * pointer handed out is suitable for any type. Chunks come from calloc and
 * memory is never reused, so every allocation is zero-filled for free. */
#include "core/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

#define ALIGN (_Alignof(max_align_t))
#define FIRST_CHUNK ((size_t)8 * 1024)
#define MAX_CHUNK ((size_t)1024 * 1024)

/* The chunk header is padded to ALIGN so that data[] is aligned too (malloc
 * returns memory aligned for max_align_t). */
struct chunk {
    struct chunk *next;
    size_t size; /* bytes in data[] */
    size_t used;
    _Alignas(max_align_t) unsigned char data[];
};

struct arena {
    struct chunk *head; /* the chunk allocations are carved from */
    size_t next_size;   /* size of the next normal chunk */
    size_t used;        /* bytes handed out, padding included */
};

/* Sizes that cannot be represented are a caller's bug, not a lack of memory:
 * they abort with their own message. */
static _Noreturn void overflow(const char *what)
{
    fprintf(stderr, "arena: size overflow in %s\n", what);
    fflush(stderr);
    abort();
}

static struct chunk *chunk_new(size_t size)
{
    if (size > SIZE_MAX - sizeof(struct chunk))
        overflow("chunk_new");
    struct chunk *c = xcalloc(1, sizeof(struct chunk) + size);
    c->size = size;
    return c;
}

struct arena *arena_new(void)
{
    struct arena *a = xcalloc(1, sizeof *a);
    a->next_size = FIRST_CHUNK;
    return a;
}

void arena_free(struct arena *a)
{
    if (!a)
        return;
    struct chunk *c = a->head;
    while (c) {
        struct chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

/* Finds a chunk with room for size bytes (already rounded). A big request
 * gets its own chunk, linked behind the current one so that the current
 * chunk's free space stays in use; otherwise a new, larger chunk becomes the
 * current one. */
static struct chunk *chunk_with_room(struct arena *a, size_t size)
{
    struct chunk *c = a->head;
    if (c && c->size - c->used >= size)
        return c;
    if (size > a->next_size / 4) {
        struct chunk *big = chunk_new(size);
        if (c) {
            big->next = c->next;
            c->next = big;
        } else {
            a->head = big;
        }
        return big;
    }
    struct chunk *fresh = chunk_new(a->next_size);
    fresh->next = c;
    a->head = fresh;
    if (a->next_size < MAX_CHUNK)
        a->next_size *= 2;
    return fresh;
}

void *arena_alloc(struct arena *a, size_t n)
{
    if (n > SIZE_MAX - ALIGN)
        overflow("arena_alloc");
    size_t size = n ? (n + ALIGN - 1) / ALIGN * ALIGN : ALIGN;
    struct chunk *c = chunk_with_room(a, size);
    void *p = c->data + c->used;
    c->used += size;
    a->used += size;
    return p;
}

void *arena_array(struct arena *a, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        overflow("arena_array");
    return arena_alloc(a, count * size);
}

char *arena_strdup(struct arena *a, const char *s)
{
    if (!s)
        return NULL;
    return arena_strndup(a, s, strlen(s));
}

/* Copies at most n bytes and stops early at a NUL, like POSIX strndup(), so
 * that a bound larger than the string never reads past its end. */
char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    size_t len = s ? strnlen(s, n) : 0;
    if (len == SIZE_MAX)
        overflow("arena_strndup");
    char *p = arena_alloc(a, len + 1);
    if (len)
        memcpy(p, s, len);
    return p;
}

/* Formats into a small stack buffer first: most strings fit, and those
 * are formatted once; longer ones are formatted again at their size. */
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
    char small[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        fprintf(stderr, "arena_vprintf: invalid format or argument \"%s\"\n", fmt);
        abort();
    }
    char *p = arena_alloc(a, (size_t)n + 1);
    if ((size_t)n < sizeof small)
        memcpy(p, small, (size_t)n + 1);
    else
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

size_t arena_used(const struct arena *a)
{
    return a ? a->used : 0;
}
