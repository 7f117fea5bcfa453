/* Files built into the binary by tools/embed.py: migrations, message
 * catalogs, the stylesheet. One binary carries all it needs. */
#ifndef WIJK_CORE_EMBED_H
#define WIJK_CORE_EMBED_H

#include <stddef.h>

struct embedded_file {
    const char *path;          /* relative to the source root, e.g. "static/style.css" */
    const unsigned char *data; /* NUL-terminated */
    size_t size;               /* without the NUL */
};

/* Sorted by path, terminated by an entry whose path is NULL. */
extern const struct embedded_file embedded_files[];

/* The file with exactly this path, or NULL. */
const struct embedded_file *embed_find(const char *path);

#endif
