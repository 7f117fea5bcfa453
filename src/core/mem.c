/* Heap allocation that never returns NULL. Long-lived objects (buffers, the
 * arena's own chunks, configuration) come from here; running out of memory
 * is not an error a caller could handle, so it aborts with the file and line
 * of the allocation that failed, which is what a crash report needs. */
#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void mem_oom(const char *file, int line)
{
    fprintf(stderr, "out of memory at %s:%d\n", file ? file : "?", line);
    fflush(stderr);
    abort();
}

/* malloc(0) may return NULL legitimately; asking for one byte keeps "NULL
 * means out of memory" true. */
void *mem_malloc(size_t n, const char *file, int line)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        mem_oom(file, line);
    return p;
}

/* calloc checks n * size for overflow itself and then fails; that failure is
 * reported like any other out-of-memory condition. */
void *mem_calloc(size_t n, size_t size, const char *file, int line)
{
    if (n == 0 || size == 0)
        n = size = 1;
    void *p = calloc(n, size);
    if (!p)
        mem_oom(file, line);
    return p;
}

void *mem_realloc(void *p, size_t n, const char *file, int line)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        mem_oom(file, line);
    return q;
}

/* A NULL string copies to NULL, like arena_strdup(), so that optional
 * strings can be copied without a test at every call. */
char *mem_strdup(const char *s, const char *file, int line)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = mem_malloc(n, file, line);
    memcpy(p, s, n);
    return p;
}
