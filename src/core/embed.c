/* Lookup of the files tools/embed.py built into the binary (migrations,
 * message catalogs, the stylesheet, the OpenAPI document). The table is
 * short and sorted by path, so a linear scan that stops once it has passed
 * the place where the path would be is all that is needed. */
#include "core/embed.h"

#include <string.h>

const struct embedded_file *embed_find(const char *path)
{
    if (!path)
        return NULL;
    for (const struct embedded_file *f = embedded_files; f->path; f++) {
        int cmp = strcmp(f->path, path);
        if (cmp == 0)
            return f;
        if (cmp > 0)
            break;
    }
    return NULL;
}
