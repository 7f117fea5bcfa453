/* GET /api/v1/openapi.json: the OpenAPI 3 description of the JSON API. The
 * document is docs/openapi.json, written by hand and built into the binary
 * (core/embed.h), so the API a server describes is always the one it runs. */
#include "api/api.h"

#include "core/embed.h"
#include "render/req.h"

static const char document_path[] = "docs/openapi.json";

enum err api_openapi(struct req *r)
{
    const struct embedded_file *doc = embed_find(document_path);
    if (!doc)
        return req_fail(r, ERR_INTERNAL, NULL, N_("The file %s is missing from this build."),
                        document_path);

    /* The bytes are our own, checked JSON (tests/api parse them), so they go
     * out as they are rather than through a parse and re-serialisation. */
    r->resp.status = 200;
    r->resp.content_type = "application/json; charset=utf-8";
    buf_append(&r->resp.body, doc->data, doc->size);
    return ERR_OK;
}
