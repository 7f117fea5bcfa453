/* Tests for http/status.c: the error-to-status mapping for every error code,
 * and the headers every response carries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "core/arena.h"
#include "http/status.h"
#include "render/req.h"

static void test_status_maps_every_error_code(void **state)
{
    static const int want[ERR_COUNT] = {
        [ERR_OK] = 200,           [ERR_INVALID] = 400,     [ERR_NOT_FOUND] = 404,
        [ERR_UNAUTHORIZED] = 401, [ERR_FORBIDDEN] = 403,   [ERR_CONFLICT] = 409,
        [ERR_METHOD] = 405,       [ERR_TOO_LARGE] = 413,   [ERR_MEDIA_TYPE] = 415,
        [ERR_RATE_LIMITED] = 429, [ERR_UNAVAILABLE] = 503, [ERR_INTERNAL] = 500,
    };
    for (int e = 0; e < ERR_COUNT; e++) {
        assert_int_not_equal(want[e], 0); /* the table above names every code */
        assert_int_equal(http_status((enum err)e), want[e]);
    }
}

static void test_status_outside_the_enum_is_500(void **state)
{
    assert_int_equal(http_status(ERR_COUNT), 500);
    assert_int_equal(http_status((enum err) - 1), 500);
    assert_int_equal(http_status((enum err)9999), 500);
}

/* The value of the only header called name; fails when there are more. */
static const char *only(const struct req *r, const char *name)
{
    const char *found = NULL;
    for (size_t i = 0; i < r->resp.headers.n; i++) {
        if (strcasecmp(r->resp.headers.items[i].key, name) == 0) {
            assert_null(found);
            found = r->resp.headers.items[i].value;
        }
    }
    return found;
}

static void add_header(struct req *r, const char *name, const char *value)
{
    struct kvlist *h = &r->resp.headers;
    struct kv *items = arena_array(r->arena, h->n + 1, sizeof *items);
    if (h->n)
        memcpy(items, h->items, h->n * sizeof *items);
    items[h->n++] = (struct kv){name, value};
    h->items = items;
}

static void test_finish_headers_adds_security_headers(void **state)
{
    struct req r = {.arena = arena_new(), .request_id = "0123456789abcdef"};
    r.resp.content_type = "text/html; charset=utf-8";
    http_finish_headers(&r);
    assert_string_equal(only(&r, "Content-Type"), "text/html; charset=utf-8");
    assert_string_equal(only(&r, "Content-Security-Policy"),
                        "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    assert_string_equal(only(&r, "X-Content-Type-Options"), "nosniff");
    assert_string_equal(only(&r, "Referrer-Policy"), "same-origin");
    assert_string_equal(only(&r, "X-Frame-Options"), "DENY");
    assert_string_equal(only(&r, "Cache-Control"), "no-store");
    assert_string_equal(only(&r, "X-Request-Id"), "0123456789abcdef");
    arena_free(r.arena);
}

static void test_finish_headers_defaults_content_type_with_charset(void **state)
{
    struct req r = {.arena = arena_new()};
    http_finish_headers(&r);
    assert_string_equal(only(&r, "Content-Type"), "text/plain; charset=utf-8");
    assert_null(only(&r, "X-Request-Id"));
    arena_free(r.arena);
}

static void test_finish_headers_keeps_handler_cache_control(void **state)
{
    struct req r = {.arena = arena_new()};
    add_header(&r, "cache-control", "public, max-age=86400");
    add_header(&r, "Location", "/areas/GM0363");
    http_finish_headers(&r);
    assert_string_equal(only(&r, "Cache-Control"), "public, max-age=86400");
    assert_string_equal(only(&r, "Location"), "/areas/GM0363");
    arena_free(r.arena);
}

static void test_finish_headers_handler_cannot_override_security_headers(void **state)
{
    struct req r = {.arena = arena_new(), .request_id = "abc"};
    add_header(&r, "content-security-policy", "default-src *");
    add_header(&r, "X-Frame-Options", "ALLOWALL");
    add_header(&r, "Content-Type", "text/html");
    add_header(&r, "X-Request-Id", "forged");
    http_finish_headers(&r);
    assert_string_equal(only(&r, "X-Frame-Options"), "DENY");
    assert_string_equal(only(&r, "Content-Type"), "text/plain; charset=utf-8");
    assert_string_equal(only(&r, "X-Request-Id"), "abc");
    assert_non_null(strstr(only(&r, "Content-Security-Policy"), "default-src 'none'"));
    arena_free(r.arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_maps_every_error_code),
        cmocka_unit_test(test_status_outside_the_enum_is_500),
        cmocka_unit_test(test_finish_headers_adds_security_headers),
        cmocka_unit_test(test_finish_headers_defaults_content_type_with_charset),
        cmocka_unit_test(test_finish_headers_keeps_handler_cache_control),
        cmocka_unit_test(test_finish_headers_handler_cannot_override_security_headers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
