/* GET /static/{file}: the stylesheet and icons built into the binary. Only a
 * name from the embedded list is served, looked up exactly as
 * "static/<file>", so no path can leave that folder; the content type comes
 * from the extension, and browsers may keep the file for a day. */
#include "web/web.h"

#include <string.h>

#include "core/buf.h"
#include "core/embed.h"
#include "render/req.h"

static const struct {
    const char *ext;
    const char *type;
} content_types[] = {
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
};

/* The content type for a file name, or NULL for an extension not served. */
static const char *content_type(const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof content_types / sizeof content_types[0]; i++) {
        size_t e = strlen(content_types[i].ext);
        if (n > e && strcmp(name + n - e, content_types[i].ext) == 0)
            return content_types[i].type;
    }
    return NULL;
}

/* A plain file name: no separator, no "..", not hidden. */
static bool plain_name(const char *name)
{
    return name[0] != '\0' && name[0] != '.' && !strchr(name, '/') && !strchr(name, '\\') &&
           !strstr(name, "..");
}

enum err web_static(struct req *r)
{
    const char *name = req_in(r, "file");
    const char *type = name && plain_name(name) ? content_type(name) : NULL;
    struct buf path = BUF_INIT;
    buf_puts(&path, "static/");
    buf_puts(&path, type ? name : "");
    const struct embedded_file *file = type ? embed_find(buf_cstr(&path)) : NULL;
    buf_free(&path);
    if (!file)
        return req_fail(r, ERR_NOT_FOUND, "file", N_("There is no file %s."), name ? name : "");
    r->resp.status = 200;
    r->resp.content_type = type;
    buf_reset(&r->resp.body);
    buf_append(&r->resp.body, file->data, file->size);
    req_header(r, "Cache-Control", "public, max-age=86400");
    return ERR_OK;
}
