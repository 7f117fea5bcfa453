/* API tests of the HTTP layer as a client sees it, over real HTTP against
 * `wijkregie serve` on the demo data: the OpenAPI document against the route
 * table, method and body limits, malformed framing, security headers on every
 * response, and the HTML pages' language and area pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/err.h"
#include "core/mem.h"
#include "harness.h"
#include "http/route.h"

static const unsigned method_bits[] = {HTTP_GET, HTTP_POST, HTTP_PUT, HTTP_PATCH, HTTP_DELETE};

static bool is_api_pattern(const char *pattern)
{
    return strncmp(pattern, "/api/", 5) == 0 || strcmp(pattern, "/healthz") == 0;
}

/* "get" for HTTP_GET: the OpenAPI operation key. */
static void operation_key(unsigned method, char out[static 8])
{
    const char *name = route_method_name(method);
    size_t i = 0;
    for (; name[i] && i < 7; i++)
        out[i] = (char)tolower((unsigned char)name[i]);
    out[i] = '\0';
}

/* Resolves a local "$ref" ("#/components/schemas/X") against doc; other
 * values are returned as they are. */
static json_t *deref(json_t *doc, json_t *v)
{
    const char *ref = json_string_value(json_object_get(v, "$ref"));
    if (!ref)
        return v;
    assert_memory_equal(ref, "#/", 2);
    char copy[256];
    snprintf(copy, sizeof copy, "%s", ref + 2);
    json_t *cur = doc;
    for (char *save = NULL, *tok = strtok_r(copy, "/", &save); tok;
         tok = strtok_r(NULL, "/", &save))
        cur = json_object_get(cur, tok);
    assert_non_null(cur);
    return deref(doc, cur);
}

static json_t *fetch_openapi(const struct harness *h, struct http_resp *resp)
{
    json_t *doc = harness_get_json(h, "/api/v1/openapi.json", 200, resp);
    assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.0.3");
    assert_true(json_is_object(json_object_get(doc, "paths")));
    return doc;
}

static void test_openapi_is_the_embedded_document(void **state)
{
    struct http_resp resp;
    fetch_openapi(*state, &resp);
    const struct embedded_file *file = embed_find("docs/openapi.json");
    assert_non_null(file);
    assert_int_equal(resp.body.len, file->size);
    assert_memory_equal(resp.body.data, file->data, file->size);
    http_resp_free(&resp);
}

static void test_openapi_describes_every_api_route(void **state)
{
    struct http_resp resp;
    json_t *paths = json_object_get(fetch_openapi(*state, &resp), "paths");
    for (const struct route *rt = routes; rt->pattern; rt++) {
        if (!is_api_pattern(rt->pattern))
            continue;
        json_t *item = json_object_get(paths, rt->pattern);
        if (!item)
            fail_msg("route %s is missing from docs/openapi.json", rt->pattern);
        for (size_t i = 0; i < sizeof method_bits / sizeof method_bits[0]; i++) {
            char key[8];
            operation_key(method_bits[i], key);
            if ((rt->methods & method_bits[i]) && !json_object_get(item, key))
                fail_msg("%s %s is missing from docs/openapi.json", key, rt->pattern);
        }
    }
    http_resp_free(&resp);
}

/* True when some API route has this pattern and method. */
static bool route_exists(const char *pattern, const char *op)
{
    for (const struct route *rt = routes; rt->pattern; rt++) {
        if (strcmp(rt->pattern, pattern) != 0)
            continue;
        for (size_t i = 0; i < sizeof method_bits / sizeof method_bits[0]; i++) {
            char key[8];
            operation_key(method_bits[i], key);
            if ((rt->methods & method_bits[i]) && strcmp(key, op) == 0)
                return true;
        }
    }
    return false;
}

static void test_openapi_describes_no_route_that_does_not_exist(void **state)
{
    static const char *const ops[] = {"get",     "put",  "post",  "delete",
                                      "options", "head", "patch", "trace"};
    struct http_resp resp;
    json_t *paths = json_object_get(fetch_openapi(*state, &resp), "paths");
    const char *pattern;
    json_t *item;
    json_object_foreach(paths, pattern, item)
    {
        assert_true(is_api_pattern(pattern));
        for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
            if (json_object_get(item, ops[i]) && !route_exists(pattern, ops[i]))
                fail_msg("docs/openapi.json has %s %s, the route table has not", ops[i], pattern);
    }
    http_resp_free(&resp);
}

/* The parameter called name of an operation, with its $ref resolved. */
static json_t *find_parameter(json_t *doc, json_t *op, const char *name)
{
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(op, "parameters"), i, p)
    {
        json_t *param = deref(doc, p);
        if (strcmp(json_string_value(json_object_get(param, "name")), name) == 0)
            return param;
    }
    return NULL;
}

/* Checks that a declared field's bounds are the parameter schema's. */
static void assert_schema_matches_field(json_t *doc, const struct field *fd, json_t *param)
{
    json_t *schema = deref(doc, json_object_get(param, "schema"));
    assert_non_null(schema);
    const char *in = json_string_value(json_object_get(param, "in"));
    bool required = (fd->flags & FIELD_REQUIRED) || strcmp(in, "path") == 0;
    assert_int_equal(json_is_true(json_object_get(param, "required")), required);
    if (fd->type == FIELD_INT) {
        assert_string_equal(json_string_value(json_object_get(schema, "type")), "integer");
        assert_int_equal(json_integer_value(json_object_get(schema, "minimum")), fd->min);
        assert_int_equal(json_integer_value(json_object_get(schema, "maximum")), fd->max);
    } else if (fd->type == FIELD_CHOICE) {
        json_t *values = json_object_get(schema, "enum");
        size_t n = 0;
        for (; fd->choices[n]; n++)
            assert_string_equal(json_string_value(json_array_get(values, n)), fd->choices[n]);
        assert_int_equal(json_array_size(values), n);
    } else if (fd->type == FIELD_CODE) {
        assert_non_null(json_object_get(schema, "pattern"));
    }
}

static void test_openapi_parameters_match_declared_fields(void **state)
{
    struct http_resp resp;
    json_t *doc = fetch_openapi(*state, &resp);
    json_t *paths = json_object_get(doc, "paths");
    for (const struct route *rt = routes; rt->pattern; rt++) {
        if (!is_api_pattern(rt->pattern) || !rt->fields || !(rt->methods & HTTP_GET))
            continue;
        json_t *op = json_object_get(json_object_get(paths, rt->pattern), "get");
        assert_non_null(op);
        for (const struct field *fd = rt->fields; fd->name; fd++) {
            json_t *param = find_parameter(doc, op, fd->name);
            if (!param)
                fail_msg("GET %s: field %s is not a documented parameter", rt->pattern, fd->name);
            assert_schema_matches_field(doc, fd, param);
        }
    }
    http_resp_free(&resp);
}

static void test_openapi_has_the_shared_schemas(void **state)
{
    static const char *const names[] = {"Area", "AreaFigures", "AreaPage", "Error", "Health"};
    struct http_resp resp;
    json_t *doc = fetch_openapi(*state, &resp);
    json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_non_null(json_object_get(schemas, names[i]));
    json_t *err = json_object_get(json_object_get(schemas, "Error"), "properties");
    assert_non_null(json_object_get(err, "error"));
    assert_non_null(json_object_get(err, "message"));
    assert_non_null(json_object_get(err, "field"));
    http_resp_free(&resp);
}

static void test_openapi_error_names_are_the_servers(void **state)
{
    struct http_resp resp;
    json_t *doc = fetch_openapi(*state, &resp);
    json_t *error =
        json_object_get(json_object_get(json_object_get(doc, "components"), "schemas"), "Error");
    json_t *names =
        json_object_get(json_object_get(json_object_get(error, "properties"), "error"), "enum");
    assert_int_equal(json_array_size(names), ERR_COUNT - 1);
    for (int e = ERR_OK + 1; e < ERR_COUNT; e++)
        assert_string_equal(json_string_value(json_array_get(names, (size_t)(e - 1))),
                            err_name((enum err)e));
    http_resp_free(&resp);
}

static void test_post_to_areas_is_405_with_allow(void **state)
{
    struct http_resp resp;
    assert_true(harness_request(*state, "POST", "/api/v1/areas", NULL, "", 0, &resp));
    assert_int_equal(resp.status, 405);
    const char *allow = http_resp_header(&resp, "Allow");
    assert_non_null(allow);
    assert_non_null(strstr(allow, "GET"));
    assert_null(strstr(allow, "POST"));
    assert_non_null(resp.json);
    assert_string_equal(json_string_value(json_object_get(resp.json, "error")),
                        err_name(ERR_METHOD));
    http_resp_free(&resp);
}

static void test_unknown_api_path_is_404_json(void **state)
{
    struct http_resp resp;
    json_t *body = harness_get_json(*state, "/api/v1/no-such-thing", 404, &resp);
    assert_string_equal(json_string_value(json_object_get(body, "error")), "not_found");
    http_resp_free(&resp);
}

/* The status code of a raw response ("HTTP/1.1 400 Bad Request..."). */
static int raw_status(const struct buf *b)
{
    int status = 0;
    if (sscanf(buf_cstr(b), "HTTP/1.%*d %d", &status) != 1)
        fail_msg("not an HTTP response: %.80s", buf_cstr(b));
    return status;
}

static int send_raw(const struct harness *h, const char *request)
{
    struct buf out = BUF_INIT;
    assert_true(harness_raw(h, request, strlen(request), &out));
    int status = raw_status(&out);
    buf_free(&out);
    return status;
}

static void test_oversize_body_is_413(void **state)
{
    /* 2 MiB, twice the default body limit (cli/serve.c: 1 MiB). */
    size_t n = 2u * 1024u * 1024u;
    char *body = xmalloc(n);
    memset(body, ' ', n);
    body[0] = '{';
    body[n - 1] = '}';
    static const char *const headers[] = {"Content-Type: application/json", NULL};
    struct http_resp resp;
    assert_true(harness_request(*state, "GET", "/api/v1/areas", headers, body, n, &resp));
    free(body);
    assert_int_equal(resp.status, 413);
    assert_non_null(resp.json);
    assert_string_equal(json_string_value(json_object_get(resp.json, "error")),
                        err_name(ERR_TOO_LARGE));
    http_resp_free(&resp);
}

static void test_conflicting_content_lengths_are_400(void **state)
{
    int status = send_raw(*state, "GET /api/v1/areas HTTP/1.1\r\n"
                                  "Host: 127.0.0.1\r\n"
                                  "Content-Length: 5\r\n"
                                  "Content-Length: 6\r\n"
                                  "Connection: close\r\n\r\n"
                                  "hello!");
    assert_int_equal(status, 400);
}

static void test_duplicate_content_length_is_400(void **state)
{
    int status = send_raw(*state, "GET /api/v1/areas HTTP/1.1\r\n"
                                  "Host: 127.0.0.1\r\n"
                                  "Content-Length: 0\r\n"
                                  "Content-Length: 0\r\n"
                                  "Connection: close\r\n\r\n");
    assert_int_equal(status, 400);
}

static void test_content_length_with_transfer_encoding_is_400(void **state)
{
    int status = send_raw(*state, "GET /api/v1/areas HTTP/1.1\r\n"
                                  "Host: 127.0.0.1\r\n"
                                  "Content-Length: 5\r\n"
                                  "Transfer-Encoding: chunked\r\n"
                                  "Connection: close\r\n\r\n"
                                  "0\r\n\r\n");
    assert_int_equal(status, 400);
}

static void test_well_formed_raw_request_is_200(void **state)
{
    int status = send_raw(*state, "GET /api/v1/areas?limit=1 HTTP/1.1\r\n"
                                  "Host: 127.0.0.1\r\n"
                                  "Connection: close\r\n\r\n");
    assert_int_equal(status, 200);
}

/* Asserts the headers every response must carry. */
static void assert_security_headers(const char *method, const char *path,
                                    const struct http_resp *resp)
{
    const char *csp = http_resp_header(resp, "Content-Security-Policy");
    const char *nosniff = http_resp_header(resp, "X-Content-Type-Options");
    const char *referrer = http_resp_header(resp, "Referrer-Policy");
    const char *type = http_resp_header(resp, "Content-Type");
    if (!csp || !strstr(csp, "default-src"))
        fail_msg("%s %s: no Content-Security-Policy with default-src", method, path);
    if (!nosniff || strcmp(nosniff, "nosniff") != 0)
        fail_msg("%s %s: X-Content-Type-Options is not nosniff", method, path);
    if (!referrer || !*referrer)
        fail_msg("%s %s: no Referrer-Policy", method, path);
    if (!type || !strstr(type, "charset="))
        fail_msg("%s %s: Content-Type without charset (%s)", method, path, type ? type : "none");
}

static void test_every_response_has_security_headers(void **state)
{
    static const char *const requests[][2] = {
        {"GET", "/healthz"},
        {"GET", "/api/v1/openapi.json"},
        {"GET", "/api/v1/areas"},
        {"GET", "/api/v1/areas/BU99010101"},
        {"GET", "/api/v1/areas/GM0000"},
        {"GET", "/api/v1/areas?limit=0"},
        {"GET", "/api/v1/nothing"},
        {"POST", "/api/v1/areas"},
        {"GET", "/"},
        {"GET", "/areas/BU99010101"},
        {"GET", "/areas/GM0000"},
        {"GET", "/static/style.css"},
        {"GET", "/no-such-page"},
    };
    for (size_t i = 0; i < sizeof requests / sizeof requests[0]; i++) {
        struct http_resp resp;
        const char *method = requests[i][0], *path = requests[i][1];
        bool post = strcmp(method, "POST") == 0;
        assert_true(harness_request(*state, method, path, NULL, post ? "" : NULL, 0, &resp));
        assert_security_headers(method, path, &resp);
        http_resp_free(&resp);
    }
}

/* GETs path with the extra headers, asserts status and an HTML body. */
static void get_html(const struct harness *h, const char *path, const char *const *headers,
                     long status, struct http_resp *resp)
{
    assert_true(harness_request(h, "GET", path, headers, NULL, 0, resp));
    if (resp->status != status)
        fprintf(stderr, "GET %s -> %ld\n", path, resp->status);
    assert_int_equal(resp->status, status);
    const char *type = http_resp_header(resp, "Content-Type");
    assert_non_null(type);
    assert_memory_equal(type, "text/html", 9);
}

static void assert_page_lang(const struct http_resp *resp, const char *lang)
{
    char attr[32];
    snprintf(attr, sizeof attr, "<html lang=\"%s\"", lang);
    if (!strstr(buf_cstr(&resp->body), attr))
        fail_msg("the page has no %s", attr);
}

static void test_home_is_dutch_by_default(void **state)
{
    struct http_resp resp;
    get_html(*state, "/", NULL, 200, &resp);
    assert_page_lang(&resp, "nl");
    http_resp_free(&resp);
}

static void test_accept_language_en_gives_english(void **state)
{
    static const char *const headers[] = {"Accept-Language: en", NULL};
    struct http_resp resp;
    get_html(*state, "/", headers, 200, &resp);
    assert_page_lang(&resp, "en");
    http_resp_free(&resp);
}

static void test_lang_query_sets_a_cookie_that_keeps_english(void **state)
{
    struct http_resp resp;
    assert_true(harness_get(*state, "/?lang=en", &resp));
    assert_true(resp.status == 200 || resp.status == 303);
    const char *set = http_resp_header(&resp, "Set-Cookie");
    assert_non_null(set);
    size_t pair_len = strcspn(set, ";");
    char cookie[160];
    assert_true(pair_len < sizeof cookie - 10);
    snprintf(cookie, sizeof cookie, "Cookie: %.*s", (int)pair_len, set);
    http_resp_free(&resp);

    const char *const headers[] = {cookie, "Accept-Language: nl", NULL};
    get_html(*state, "/", headers, 200, &resp);
    assert_page_lang(&resp, "en");
    http_resp_free(&resp);
}

static void test_area_page_shows_the_key_figures_table(void **state)
{
    struct http_resp api;
    json_t *area = harness_get_json(*state, "/api/v1/areas/BU99010101", 200, &api);
    const char *name = json_string_value(json_object_get(area, "name"));
    assert_non_null(json_object_get(area, "figures"));
    assert_true(json_is_object(json_object_get(area, "figures")));

    struct http_resp resp;
    get_html(*state, "/areas/BU99010101", NULL, 200, &resp);
    const char *html = buf_cstr(&resp.body);
    assert_non_null(strstr(html, "<table"));
    assert_non_null(strstr(html, "<th"));
    assert_non_null(strstr(html, name));
    assert_page_lang(&resp, "nl");
    http_resp_free(&resp);
    http_resp_free(&api);
}

static void test_area_query_redirects_to_the_area_page(void **state)
{
    struct http_resp resp;
    assert_true(harness_get(*state, "/areas?code=WK990101", &resp));
    assert_int_equal(resp.status, 303);
    const char *location = http_resp_header(&resp, "Location");
    assert_non_null(location);
    size_t n = strlen(location);
    assert_true(n >= 15);
    assert_string_equal(location + n - 15, "/areas/WK990101");
    http_resp_free(&resp);
}

static void test_unknown_area_page_is_404_html(void **state)
{
    struct http_resp resp;
    get_html(*state, "/areas/GM0000", NULL, 404, &resp);
    assert_page_lang(&resp, "nl");
    assert_null(resp.json);
    http_resp_free(&resp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_openapi_is_the_embedded_document),
        cmocka_unit_test(test_openapi_describes_every_api_route),
        cmocka_unit_test(test_openapi_describes_no_route_that_does_not_exist),
        cmocka_unit_test(test_openapi_parameters_match_declared_fields),
        cmocka_unit_test(test_openapi_has_the_shared_schemas),
        cmocka_unit_test(test_openapi_error_names_are_the_servers),
        cmocka_unit_test(test_post_to_areas_is_405_with_allow),
        cmocka_unit_test(test_unknown_api_path_is_404_json),
        cmocka_unit_test(test_oversize_body_is_413),
        cmocka_unit_test(test_conflicting_content_lengths_are_400),
        cmocka_unit_test(test_duplicate_content_length_is_400),
        cmocka_unit_test(test_content_length_with_transfer_encoding_is_400),
        cmocka_unit_test(test_well_formed_raw_request_is_200),
        cmocka_unit_test(test_every_response_has_security_headers),
        cmocka_unit_test(test_home_is_dutch_by_default),
        cmocka_unit_test(test_accept_language_en_gives_english),
        cmocka_unit_test(test_lang_query_sets_a_cookie_that_keeps_english),
        cmocka_unit_test(test_area_page_shows_the_key_figures_table),
        cmocka_unit_test(test_area_query_redirects_to_the_area_page),
        cmocka_unit_test(test_unknown_area_page_is_404_html),
        cmocka_unit_test(test_server_stops_cleanly_on_sigterm),
    };
    return cmocka_run_group_tests(tests, harness_group_setup, harness_group_teardown);
}
