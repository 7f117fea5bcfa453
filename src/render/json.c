/* JSON responses: a jansson value serialised into the response body, and the
 * one shape of an error body that every API error uses. */
#include "render/json.h"

#include "core/buf.h"
#include "render/errmsg.h"
#include "render/req.h"

void json_append_safe(struct buf *b, const char *data, size_t size)
{
    size_t start = 0;
    for (size_t i = 0; i < size; i++) {
        const char *esc = data[i] == '<'   ? "\\u003c"
                          : data[i] == '>' ? "\\u003e"
                          : data[i] == '&' ? "\\u0026"
                                           : NULL;
        if (!esc)
            continue;
        buf_append(b, data + start, i - start);
        buf_puts(b, esc);
        start = i + 1;
    }
    buf_append(b, data + start, size - start);
}

static int to_buf(const char *data, size_t size, void *ctx)
{
    json_append_safe(ctx, data, size);
    return 0;
}

enum err json_reply(struct req *r, int status, json_t *v)
{
    if (!v)
        v = json_null();
    buf_reset(&r->resp.body);
    /* Key order as inserted; UTF-8 as it is (the charset says so). */
    json_dump_callback(v, to_buf, &r->resp.body,
                       JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY |
                           JSON_REAL_PRECISION(15));
    json_decref(v);
    r->resp.status = status;
    r->resp.content_type = "application/json; charset=utf-8";
    return ERR_OK;
}

json_t *json_error_body(const struct req *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "error", json_string(err_name(r->fault.code)));
    json_object_set_new(o, "message", json_string_or_null(errmsg_text(r)));
    json_object_set_new(o, "field", json_string_or_null(r->fault.field));
    return o;
}

json_t *json_string_or_null(const char *s)
{
    if (!s)
        return json_null();
    json_t *v = json_string(s);
    /* json_string refuses invalid UTF-8; such text never reaches here (all
     * input is validated), but null is better than a crash if it did. */
    return v ? v : json_null();
}
