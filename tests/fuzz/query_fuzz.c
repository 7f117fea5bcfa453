/* libFuzzer target for query strings through the real dispatcher
 * (dispatch_check.h): a GET or HEAD with the input as the query, to a copy
 * of any route of the table that has declared fields, keeping the route's
 * kind (an API route answers errors in JSON, a page with the HTML error
 * page). parse_urlencoded, path parameter decoding and field_validate run
 * as in the server; the checks of dispatch_check.h hold for every input:
 * never a 5xx, an accepted value always fits its declaration and is the
 * one sent (repeated and conflicting parameters included), and no page
 * shows the marker <x-m1 unescaped. */
#include <stddef.h>
#include <stdint.h>

#include "dispatch_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_send send = {.method = fuzz_dispatch_mode(data, size) & 1 ? "HEAD" : "GET",
                             .as_query = 1};
    fuzz_dispatch(data, size, &send);
    return 0;
}
