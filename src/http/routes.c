/* The route table: every address Wijkregie answers, with its methods, its
 * handler, its flags and the inputs it declares. The dispatcher validates
 * the declared fields before a handler runs; undeclared query or form
 * parameters never reach a handler. Order matters only between patterns that
 * match the same path: the first route with the request's method wins. */
#include "http/route.h"

#include <stdint.h>

#include "api/api.h"
#include "web/web.h"

#define GET_HEAD (HTTP_GET | HTTP_HEAD)
/* Every state-changing route checks the CSRF token and the Origin
 * (tests/unit/http/csrf_routes_test.c proves none is left out). */
#define FORM_WRITE (ROUTE_FORM | ROUTE_NEED_CSRF)
#define JSON_WRITE (ROUTE_JSON | ROUTE_NEED_CSRF)

static const struct field code_path[] = {
    {.name = "code", .type = FIELD_CODE, .flags = FIELD_REQUIRED},
    {0},
};

static const struct field static_file[] = {
    {.name = "file", .type = FIELD_LINE, .min = 1, .max = 64, .flags = FIELD_REQUIRED},
    {0},
};

/* Accounts. Bounds here are generous: the model's own checks (e-mail form,
 * password rules) give the precise messages. Passwords are FIELD_TEXT so
 * that any character counts; "role", "capacity" or "person_id" in a body is
 * not declared, so it never reaches a handler. */
static const struct field signup_fields[] = {
    {.name = "email", .type = FIELD_LINE, .max = 320},
    {.name = "display_name", .type = FIELD_LINE, .max = 200},
    {.name = "password", .type = FIELD_TEXT, .max = 1024},
    {.name = "password2", .type = FIELD_TEXT, .max = 1024},
    {.name = "invitation", .type = FIELD_LINE, .max = 100},
    {0},
};

static const char *const languages[] = {"nl", "en", NULL};

static const struct field signup_api_fields[] = {
    {.name = "email", .type = FIELD_LINE, .max = 320},
    {.name = "display_name", .type = FIELD_LINE, .max = 200},
    {.name = "password", .type = FIELD_TEXT, .max = 1024},
    {.name = "lang", .type = FIELD_CHOICE, .choices = languages},
    {.name = "invitation", .type = FIELD_LINE, .max = 100},
    {0},
};

static const struct field signin_fields[] = {
    {.name = "email", .type = FIELD_LINE, .max = 320},
    {.name = "password", .type = FIELD_TEXT, .max = 1024},
    {.name = "next", .type = FIELD_LINE, .max = 2000},
    {0},
};

static const struct field next_field[] = {
    {.name = "next", .type = FIELD_LINE, .max = 2000},
    {0},
};

static const char *const changed_choices[] = {"password", NULL};

static const struct field account_query[] = {
    {.name = "changed", .type = FIELD_CHOICE, .choices = changed_choices},
    {0},
};

static const struct field password_fields[] = {
    {.name = "current_password", .type = FIELD_TEXT, .max = 1024},
    {.name = "new_password", .type = FIELD_TEXT, .max = 1024},
    {.name = "new_password2", .type = FIELD_TEXT, .max = 1024},
    {0},
};

static const struct field id_path[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {0},
};

static const struct field reset_request_fields[] = {
    {.name = "email", .type = FIELD_LINE, .max = 320},
    {0},
};

static const struct field reset_sent_field[] = {
    {.name = "sent", .type = FIELD_INT, .min = 1, .max = 1},
    {0},
};

static const struct field reset_token_field[] = {
    {.name = "token", .type = FIELD_TOKEN, .max = 64},
    {0},
};

static const struct field reset_new_fields[] = {
    {.name = "token", .type = FIELD_TOKEN, .max = 64},
    {.name = "password", .type = FIELD_TEXT, .max = 1024},
    {.name = "password2", .type = FIELD_TEXT, .max = 1024},
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
    {GET_HEAD, "/sign-up", web_signup_page, 0, NULL, 0},
    {HTTP_POST, "/sign-up", web_signup, FORM_WRITE, signup_fields, 0},
    {GET_HEAD, "/sign-in", web_signin_page, 0, next_field, 0},
    {HTTP_POST, "/sign-in", web_signin, FORM_WRITE, signin_fields, 0},
    {HTTP_POST, "/sign-out", web_signout, FORM_WRITE, NULL, 0},
    {GET_HEAD, "/account", web_account, ROUTE_NEED_LOGIN, account_query, 0},
    {GET_HEAD, "/account/password", web_account, ROUTE_NEED_LOGIN, account_query, 0},
    {HTTP_POST, "/account/password", web_account_password, FORM_WRITE | ROUTE_NEED_LOGIN,
     password_fields, 0},
    {GET_HEAD, "/account/sessions", web_sessions, ROUTE_NEED_LOGIN, NULL, 0},
    {HTTP_POST, "/account/sessions/{id}/end", web_session_end, FORM_WRITE | ROUTE_NEED_LOGIN,
     id_path, 0},
    {GET_HEAD, "/password-reset", web_reset_page, 0, reset_sent_field, 0},
    {HTTP_POST, "/password-reset", web_reset_request, FORM_WRITE, reset_request_fields, 0},
    {GET_HEAD, "/password-reset/new", web_reset_new_page, 0, reset_token_field, 0},
    {HTTP_POST, "/password-reset/new", web_reset_new, FORM_WRITE, reset_new_fields, 0},
    {GET_HEAD, "/api/v1/session", api_session_get, ROUTE_JSON, NULL, 0},
    {HTTP_POST, "/api/v1/session", api_session_create, JSON_WRITE, signin_fields, 0},
    {HTTP_DELETE, "/api/v1/session", api_session_delete, JSON_WRITE | ROUTE_NEED_LOGIN, NULL, 0},
    {HTTP_POST, "/api/v1/people", api_people_create, JSON_WRITE, signup_api_fields, 0},
    {GET_HEAD, "/api/v1/me", api_me, ROUTE_JSON | ROUTE_NEED_LOGIN, NULL, 0},
    {GET_HEAD, "/api/v1/me/sessions", api_me_sessions, ROUTE_JSON | ROUTE_NEED_LOGIN, NULL, 0},
    {HTTP_DELETE, "/api/v1/me/sessions/{id}", api_me_session_end, JSON_WRITE | ROUTE_NEED_LOGIN,
     id_path, 0},
    {HTTP_POST, "/api/v1/me/password", api_me_password, JSON_WRITE | ROUTE_NEED_LOGIN,
     password_fields, 0},
    {0},
};
