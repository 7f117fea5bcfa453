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

/* capacities, privacy, audit: the inputs of their routes. */
static const struct field buurt_field[] = {
    {.name = "buurt", .type = FIELD_CODE},
    {0},
};

static const struct field letter_code_field[] = {
    {.name = "code", .type = FIELD_LINE, .max = 64},
    {0},
};

static const struct field letters_fields[] = {
    {.name = "buurt", .type = FIELD_CODE},
    {.name = "addresses", .type = FIELD_TEXT, .max = 500000},
    {0},
};

static const struct field capacity_field[] = {
    {.name = "capacity", .type = FIELD_LINE, .max = 100},
    {0},
};

static const struct field reauth_field[] = {
    {.name = "password", .type = FIELD_TEXT, .max = 1024},
    {0},
};

static const struct field role_fields[] = {
    {.name = "email", .type = FIELD_LINE, .max = 320},
    {.name = "role", .type = FIELD_LINE, .max = 40},
    {.name = "scope", .type = FIELD_LINE, .max = 40},
    {0},
};

static const struct field roles_query[] = {
    {.name = "done", .type = FIELD_INT, .min = 1, .max = 1},
    {0},
};

static const struct field area_audit_fields[] = {
    {.name = "code", .type = FIELD_CODE, .flags = FIELD_REQUIRED},
    {.name = "before", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
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
    /* capacities, privacy, audit */
    {GET_HEAD, "/account/capacity", web_capacity_page, ROUTE_NEED_LOGIN, NULL, 0},
    {HTTP_POST, "/account/capacity", web_capacity_choose, FORM_WRITE | ROUTE_NEED_LOGIN,
     capacity_field, 0},
    {GET_HEAD, "/account/data", web_data_page, ROUTE_NEED_LOGIN, NULL, 0},
    {HTTP_POST, "/account/data", web_data_export, FORM_WRITE | ROUTE_NEED_LOGIN, reauth_field, 0},
    {GET_HEAD, "/account/erase", web_erase_page, ROUTE_NEED_LOGIN, NULL, 0},
    {HTTP_POST, "/account/erase", web_erase, FORM_WRITE | ROUTE_NEED_LOGIN, reauth_field, 0},
    {GET_HEAD, "/account/residency", web_residency_page, ROUTE_NEED_LOGIN, NULL, 0},
    {HTTP_POST, "/account/residency", web_residency_request, FORM_WRITE | ROUTE_NEED_LOGIN,
     buurt_field, 0, ACT_RESIDENCY_REQUEST},
    {GET_HEAD, "/account/residency/code", web_residency_code_page, ROUTE_NEED_LOGIN, NULL, 0},
    {HTTP_POST, "/account/residency/code", web_residency_redeem, FORM_WRITE | ROUTE_NEED_LOGIN,
     letter_code_field, 0, ACT_RESIDENCY_REDEEM_CODE},
    {GET_HEAD, "/admin/roles", web_roles_page, ROUTE_NEED_LOGIN, roles_query, 0,
     ACT_ROLE_GRANT_MODERATOR},
    {HTTP_POST, "/admin/roles", web_roles_grant, FORM_WRITE | ROUTE_NEED_LOGIN, role_fields, 0,
     ACT_ROLE_GRANT_MODERATOR},
    {HTTP_POST, "/api/v1/letters", api_letters_create, JSON_WRITE | ROUTE_NEED_LOGIN,
     letters_fields, 0, ACT_RESIDENCY_PRINT_LETTERS},
    {HTTP_PUT, "/api/v1/me/capacity", api_capacity_choose, JSON_WRITE | ROUTE_NEED_LOGIN,
     capacity_field, 0},
    {GET_HEAD, "/api/v1/me/capacities", api_my_capacities, ROUTE_JSON | ROUTE_NEED_LOGIN, NULL, 0},
    {HTTP_POST, "/api/v1/me/data", api_me_data, JSON_WRITE | ROUTE_NEED_LOGIN, reauth_field, 0},
    {HTTP_POST, "/api/v1/me/erase", api_me_erase, JSON_WRITE | ROUTE_NEED_LOGIN, reauth_field, 0},
    {GET_HEAD, "/api/v1/me/residencies", api_my_residencies, ROUTE_JSON | ROUTE_NEED_LOGIN, NULL,
     0},
    {HTTP_POST, "/api/v1/me/residencies", api_residency_request, JSON_WRITE | ROUTE_NEED_LOGIN,
     buurt_field, 0, ACT_RESIDENCY_REQUEST},
    {HTTP_POST, "/api/v1/me/residency-code", api_residency_redeem, JSON_WRITE | ROUTE_NEED_LOGIN,
     letter_code_field, 0, ACT_RESIDENCY_REDEEM_CODE},
    {GET_HEAD, "/api/v1/residencies/queue", api_residency_queue, ROUTE_JSON | ROUTE_NEED_LOGIN,
     NULL, 0, ACT_RESIDENCY_LIST_REQUESTS},
    {GET_HEAD, "/api/v1/residencies/vouchable", api_residency_vouchable,
     ROUTE_JSON | ROUTE_NEED_LOGIN, NULL, 0, ACT_RESIDENCY_VOUCH},
    {HTTP_POST, "/api/v1/residencies/{id}/reject", api_residency_reject,
     JSON_WRITE | ROUTE_NEED_LOGIN, id_path, 0, ACT_RESIDENCY_REJECT},
    {HTTP_POST, "/api/v1/residencies/{id}/verify", api_residency_verify,
     JSON_WRITE | ROUTE_NEED_LOGIN, id_path, 0, ACT_RESIDENCY_VERIFY},
    {HTTP_POST, "/api/v1/residencies/{id}/vouch", api_residency_vouch,
     JSON_WRITE | ROUTE_NEED_LOGIN, id_path, 0, ACT_RESIDENCY_VOUCH},
    {HTTP_POST, "/api/v1/roles", api_roles_grant, JSON_WRITE | ROUTE_NEED_LOGIN, role_fields, 0,
     ACT_ROLE_GRANT_MODERATOR},
    {GET_HEAD, "/areas/{code}/audit", web_area_audit, 0, area_audit_fields, 0,
     ACT_AUDIT_VIEW_PUBLIC},
    {GET_HEAD, "/letters", web_letters_page, ROUTE_NEED_LOGIN, NULL, 0,
     ACT_RESIDENCY_PRINT_LETTERS},
    {HTTP_POST, "/letters", web_letters, FORM_WRITE | ROUTE_NEED_LOGIN, letters_fields, 0,
     ACT_RESIDENCY_PRINT_LETTERS},
    {GET_HEAD, "/residencies", web_residency_queue, ROUTE_NEED_LOGIN, NULL, 0,
     ACT_RESIDENCY_LIST_REQUESTS},
    {HTTP_POST, "/residencies/{id}/reject", web_residency_reject, FORM_WRITE | ROUTE_NEED_LOGIN,
     id_path, 0, ACT_RESIDENCY_REJECT},
    {HTTP_POST, "/residencies/{id}/verify", web_residency_verify, FORM_WRITE | ROUTE_NEED_LOGIN,
     id_path, 0, ACT_RESIDENCY_VERIFY},
    {HTTP_POST, "/residencies/{id}/vouch", web_residency_vouch, FORM_WRITE | ROUTE_NEED_LOGIN,
     id_path, 0, ACT_RESIDENCY_VOUCH},
    /* posts at organisations */
    /* moderation */
    /* audit per object and invitations */
    {0},
};
