/* Heap allocation that never returns NULL: running out of memory aborts with
 * the file and line of the allocation (Redis's zmalloc rule). Everything on a
 * request path allocates from the request's arena instead (arena.h). */
#ifndef WIJK_CORE_MEM_H
#define WIJK_CORE_MEM_H

#include <stddef.h>

#define xmalloc(n) mem_malloc((n), __FILE__, __LINE__)
#define xcalloc(n, size) mem_calloc((n), (size), __FILE__, __LINE__)
#define xrealloc(p, n) mem_realloc((p), (n), __FILE__, __LINE__)
#define xstrdup(s) mem_strdup((s), __FILE__, __LINE__)

void *mem_malloc(size_t n, const char *file, int line);
void *mem_calloc(size_t n, size_t size, const char *file, int line);
void *mem_realloc(void *p, size_t n, const char *file, int line);
char *mem_strdup(const char *s, const char *file, int line);

/* Prints "out of memory at FILE:LINE" to stderr and aborts. */
_Noreturn void mem_oom(const char *file, int line);

#endif
