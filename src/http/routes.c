/* The route table: every address Wijkregie answers, with its methods, its
 * handler, its flags and the inputs it declares. The dispatcher validates
 * the declared fields before a handler runs; undeclared query or form
 * parameters never reach a handler. Order matters only between patterns that
 * match the same path: the first route with the request's method wins. */
#include "http/route.h"

#include "api/api.h"
#include "web/web.h"

#define GET_HEAD (HTTP_GET | HTTP_HEAD)

static const struct field code_path[] = {
    {.name = "code", .type = FIELD_CODE, .flags = FIELD_REQUIRED},
    {0},
};

static const struct field static_file[] = {
    {.name = "file", .type = FIELD_LINE, .min = 1, .max = 64, .flags = FIELD_REQUIRED},
    {0},
};

static const char *const area_kinds[] = {"gemeente", "wijk", "buurt", NULL};

static const struct field area_list[] = {
    {.name = "parent", .type = FIELD_CODE},
    {.name = "kind", .type = FIELD_CHOICE, .choices = area_kinds},
    {.name = "cursor", .type = FIELD_CODE},
    {.name = "limit", .type = FIELD_INT, .min = 1, .max = 500},
    {0},
};

const struct route routes[] = {
    {GET_HEAD, "/", web_home, 0, NULL, 0},
    {GET_HEAD, "/areas", web_area_find, 0, code_path, 0},
    {GET_HEAD, "/areas/{code}", web_area, 0, code_path, 0},
    {GET_HEAD, "/static/{file}", web_static, ROUTE_NO_DB, static_file, 0},
    {GET_HEAD, "/healthz", api_health, ROUTE_JSON, NULL, 0},
    {GET_HEAD, "/api/v1/openapi.json", api_openapi, ROUTE_JSON | ROUTE_NO_DB, NULL, 0},
    {GET_HEAD, "/api/v1/areas", api_areas_list, ROUTE_JSON, area_list, 0},
    {GET_HEAD, "/api/v1/areas/{code}", api_area_get, ROUTE_JSON, code_path, 0},
    {0},
};
