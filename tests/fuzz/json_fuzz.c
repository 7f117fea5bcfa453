/* libFuzzer target for JSON request bodies through the real dispatcher
 * (dispatch_check.h): a POST to a copy of any route of the table that has
 * declared fields, with the body sent as application/json (most inputs),
 * with a charset, with a charset other than UTF-8, as a form, or without a
 * Content-Type. parse_json_object, the body limit, json_members and
 * field_validate run as in the server; the checks of dispatch_check.h hold
 * for every input: never a 5xx, an accepted value always fits its
 * declaration and is the one sent, an error is a JSON object. */
#include <stddef.h>
#include <stdint.h>

#include "dispatch_check.h"
#include "http/route.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const types[8] = {
        "application/json", "application/json", "application/json", "Application/JSON",
        "application/json; charset=utf-8", "application/json; charset=latin1",
        "application/x-www-form-urlencoded", NULL};
    struct fuzz_send send = {.method = "POST",
                             .content_type = types[fuzz_dispatch_mode(data, size) % 8],
                             .flags = ROUTE_JSON};
    fuzz_dispatch(data, size, &send);
    return 0;
}
