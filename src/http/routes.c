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

/* posts at organisations: the inputs of their routes. The post is always
 * the signed-in person's own: "person_id" or "status" in a body is not
 * declared, so it never reaches a handler. Names and kinds are checked by
 * the model (after the policy), with the messages that say what fits. */
static const char *const post_done_mine[] = {"requested", "ended", NULL};
static const char *const post_done_desk[] = {"confirmed", "ended", NULL};
static const char *const post_statuses[] = {"requested", "confirmed", "ended", NULL};

static const struct field posts_mine_query[] = {
    {.name = "done", .type = FIELD_CHOICE, .choices = post_done_mine},
    {0},
};

static const struct field post_request_form[] = {
    {.name = "organisation", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "title", .type = FIELD_LINE, .max = 40},
    {0},
};

static const struct field post_request_json[] = {
    {.name = "organisation_id", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "title", .type = FIELD_LINE, .max = 40},
    {0},
};

static const struct field org_posts_page[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "done", .type = FIELD_CHOICE, .choices = post_done_desk},
    {0},
};

static const struct field org_posts_query[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "status", .type = FIELD_CHOICE, .choices = post_statuses},
    {0},
};

static const struct field organisation_fields[] = {
    {.name = "name", .type = FIELD_LINE, .max = 1000},
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {0},
};

/* moderation: the object is named by type and id as in the audit log; the
 * model gives the precise messages (unknown kind, reason length). */
static const struct field report_query[] = {
    {.name = "type", .type = FIELD_LINE, .min = 1, .max = 64, .flags = FIELD_REQUIRED},
    {.name = "id", .type = FIELD_LINE, .min = 1, .max = 200, .flags = FIELD_REQUIRED},
    {.name = "done", .type = FIELD_INT, .min = 1, .max = 1},
    {0},
};

static const struct field moderation_form_fields[] = {
    {.name = "type", .type = FIELD_LINE, .min = 1, .max = 64, .flags = FIELD_REQUIRED},
    {.name = "id", .type = FIELD_LINE, .min = 1, .max = 200, .flags = FIELD_REQUIRED},
    {.name = "reason", .type = FIELD_TEXT, .max = 5000},
    {0},
};

static const char *const moderation_done[] = {"hidden", "shown", NULL};

static const struct field moderation_query[] = {
    {.name = "done", .type = FIELD_CHOICE, .choices = moderation_done},
    {0},
};

static const struct field moderation_api_fields[] = {
    {.name = "object_type", .type = FIELD_LINE, .min = 1, .max = 64, .flags = FIELD_REQUIRED},
    {.name = "object_id", .type = FIELD_LINE, .min = 1, .max = 200, .flags = FIELD_REQUIRED},
    {.name = "reason", .type = FIELD_TEXT, .max = 5000},
    {0},
};

static const struct field moderation_object_fields[] = {
    {.name = "object_type", .type = FIELD_LINE, .min = 1, .max = 64, .flags = FIELD_REQUIRED},
    {.name = "object_id", .type = FIELD_LINE, .min = 1, .max = 200, .flags = FIELD_REQUIRED},
    {0},
};

/* audit per object and invitations */
static const struct field object_audit_path[] = {
    {.name = "type", .type = FIELD_TOKEN, .max = 64, .flags = FIELD_REQUIRED},
    {.name = "id", .type = FIELD_LINE, .min = 1, .max = 200, .flags = FIELD_REQUIRED},
    {.name = "before", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {0},
};

static const struct field object_audit_query[] = {
    {.name = "object_type", .type = FIELD_TOKEN, .max = 64, .flags = FIELD_REQUIRED},
    {.name = "object_id", .type = FIELD_LINE, .min = 1, .max = 200, .flags = FIELD_REQUIRED},
    {.name = "before", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {0},
};

static const struct field audit_before[] = {
    {.name = "before", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {0},
};

static const struct field invitation_fields[] = {
    {.name = "days", .type = FIELD_INT, .min = 1, .max = 90, .flags = FIELD_REQUIRED},
    {.name = "note", .type = FIELD_LINE, .max = 200},
    {0},
};

const struct route routes[] = {
    {GET_HEAD, "/", web_home, 0, NULL, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/areas", web_area_find, 0, code_path, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/areas/{code}", web_area, 0, code_path, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/static/{file}", web_static, ROUTE_NO_DB, static_file, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/healthz", api_health, ROUTE_JSON, NULL, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/api/v1/openapi.json", api_openapi, ROUTE_JSON | ROUTE_NO_DB, NULL, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/api/v1/areas", api_areas_list, ROUTE_JSON, area_list, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/api/v1/areas/{code}", api_area_get, ROUTE_JSON, code_path, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/sign-up", web_signup_page, 0, NULL, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/sign-up", web_signup, FORM_WRITE, signup_fields, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/sign-in", web_signin_page, 0, next_field, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/sign-in", web_signin, FORM_WRITE, signin_fields, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/sign-out", web_signout, FORM_WRITE, NULL, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/account", web_account, ROUTE_NEED_LOGIN, account_query, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/account/password", web_account, ROUTE_NEED_LOGIN, account_query, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/account/password", web_account_password, FORM_WRITE | ROUTE_NEED_LOGIN,
     password_fields, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/account/sessions", web_sessions, ROUTE_NEED_LOGIN, NULL, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/account/sessions/{id}/end", web_session_end, FORM_WRITE | ROUTE_NEED_LOGIN,
     id_path, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/password-reset", web_reset_page, 0, reset_sent_field, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/password-reset", web_reset_request, FORM_WRITE, reset_request_fields, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/password-reset/new", web_reset_new_page, 0, reset_token_field, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/password-reset/new", web_reset_new, FORM_WRITE, reset_new_fields, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/api/v1/session", api_session_get, ROUTE_JSON, NULL, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/api/v1/session", api_session_create, JSON_WRITE, signin_fields, 0, ACTION_UNKNOWN},
    {HTTP_DELETE, "/api/v1/session", api_session_delete, JSON_WRITE | ROUTE_NEED_LOGIN, NULL, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/api/v1/people", api_people_create, JSON_WRITE, signup_api_fields, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/api/v1/me", api_me, ROUTE_JSON | ROUTE_NEED_LOGIN, NULL, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/api/v1/me/sessions", api_me_sessions, ROUTE_JSON | ROUTE_NEED_LOGIN, NULL, 0, ACTION_UNKNOWN},
    {HTTP_DELETE, "/api/v1/me/sessions/{id}", api_me_session_end, JSON_WRITE | ROUTE_NEED_LOGIN,
     id_path, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/api/v1/me/password", api_me_password, JSON_WRITE | ROUTE_NEED_LOGIN,
     password_fields, 0, ACTION_UNKNOWN},
    /* capacities, privacy, audit */
    {GET_HEAD, "/account/capacity", web_capacity_page, ROUTE_NEED_LOGIN, NULL, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/account/capacity", web_capacity_choose, FORM_WRITE | ROUTE_NEED_LOGIN,
     capacity_field, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/account/data", web_data_page, ROUTE_NEED_LOGIN, NULL, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/account/data", web_data_export, FORM_WRITE | ROUTE_NEED_LOGIN, reauth_field, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/account/erase", web_erase_page, ROUTE_NEED_LOGIN, NULL, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/account/erase", web_erase, FORM_WRITE | ROUTE_NEED_LOGIN, reauth_field, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/account/residency", web_residency_page, ROUTE_NEED_LOGIN, NULL, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/account/residency", web_residency_request, FORM_WRITE | ROUTE_NEED_LOGIN,
     buurt_field, 0, ACT_RESIDENCY_REQUEST},
    {GET_HEAD, "/account/residency/code", web_residency_code_page, ROUTE_NEED_LOGIN, NULL, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/account/residency/code", web_residency_redeem, FORM_WRITE | ROUTE_NEED_LOGIN,
     letter_code_field, 0, ACT_RESIDENCY_REDEEM_CODE},
    {GET_HEAD, "/admin/roles", web_roles_page, ROUTE_NEED_LOGIN, roles_query, 0,
     ACT_ROLE_GRANT_MODERATOR},
    {HTTP_POST, "/admin/roles", web_roles_grant, FORM_WRITE | ROUTE_NEED_LOGIN, role_fields, 0,
     ACT_ROLE_GRANT_MODERATOR},
    {HTTP_POST, "/api/v1/letters", api_letters_create, JSON_WRITE | ROUTE_NEED_LOGIN,
     letters_fields, 0, ACT_RESIDENCY_PRINT_LETTERS},
    {HTTP_PUT, "/api/v1/me/capacity", api_capacity_choose, JSON_WRITE | ROUTE_NEED_LOGIN,
     capacity_field, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/api/v1/me/capacities", api_my_capacities, ROUTE_JSON | ROUTE_NEED_LOGIN, NULL, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/api/v1/me/data", api_me_data, JSON_WRITE | ROUTE_NEED_LOGIN, reauth_field, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/api/v1/me/erase", api_me_erase, JSON_WRITE | ROUTE_NEED_LOGIN, reauth_field, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/api/v1/me/residencies", api_my_residencies, ROUTE_JSON | ROUTE_NEED_LOGIN, NULL,
     0, ACTION_UNKNOWN},
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
    {GET_HEAD, "/account/posts", web_posts_page, ROUTE_NEED_LOGIN, posts_mine_query, 0,
     ACTION_UNKNOWN},
    {HTTP_POST, "/account/posts", web_post_request, FORM_WRITE | ROUTE_NEED_LOGIN,
     post_request_form, 0, ACT_POST_REQUEST},
    {HTTP_POST, "/account/posts/{id}/end", web_post_end_mine, FORM_WRITE | ROUTE_NEED_LOGIN,
     id_path, 0, ACT_POST_END},
    {GET_HEAD, "/organisations/{id}/posts", web_organisation_posts, ROUTE_NEED_LOGIN,
     org_posts_page, 0, ACT_POST_CONFIRM},
    {HTTP_POST, "/posts/{id}/confirm", web_post_confirm, FORM_WRITE | ROUTE_NEED_LOGIN, id_path,
     0, ACT_POST_CONFIRM},
    {HTTP_POST, "/posts/{id}/end", web_post_end, FORM_WRITE | ROUTE_NEED_LOGIN, id_path, 0,
     ACT_POST_END},
    {GET_HEAD, "/api/v1/organisations", api_organisations_list, ROUTE_JSON, NULL, 0,
     ACT_ORGANISATION_VIEW},
    {HTTP_POST, "/api/v1/organisations", api_organisation_create, JSON_WRITE | ROUTE_NEED_LOGIN,
     organisation_fields, 0, ACT_ORGANISATION_CREATE},
    {GET_HEAD, "/api/v1/me/posts", api_my_posts, ROUTE_JSON | ROUTE_NEED_LOGIN, NULL, 0,
     ACTION_UNKNOWN},
    {HTTP_POST, "/api/v1/me/posts", api_post_request, JSON_WRITE | ROUTE_NEED_LOGIN,
     post_request_json, 0, ACT_POST_REQUEST},
    {GET_HEAD, "/api/v1/organisations/{id}/posts", api_organisation_posts,
     ROUTE_JSON | ROUTE_NEED_LOGIN, org_posts_query, 0, ACT_POST_CONFIRM},
    {HTTP_POST, "/api/v1/posts/{id}/confirm", api_post_confirm, JSON_WRITE | ROUTE_NEED_LOGIN,
     id_path, 0, ACT_POST_CONFIRM},
    {HTTP_POST, "/api/v1/posts/{id}/end", api_post_end, JSON_WRITE | ROUTE_NEED_LOGIN, id_path, 0,
     ACT_POST_END},
    /* moderation */
    {GET_HEAD, "/report", web_report_page, ROUTE_NEED_LOGIN, report_query, 0,
     ACT_MODERATION_REPORT},
    {HTTP_POST, "/report", web_report, FORM_WRITE | ROUTE_NEED_LOGIN, moderation_form_fields, 0,
     ACT_MODERATION_REPORT},
    {GET_HEAD, "/moderation", web_moderation_page, ROUTE_NEED_LOGIN, moderation_query, 0,
     ACT_MODERATION_VIEW_REPORTS},
    {HTTP_POST, "/moderation/hide", web_moderation_hide, FORM_WRITE | ROUTE_NEED_LOGIN,
     moderation_form_fields, 0, ACT_MODERATION_HIDE},
    {HTTP_POST, "/moderation/unhide", web_moderation_unhide, FORM_WRITE | ROUTE_NEED_LOGIN,
     moderation_form_fields, 0, ACT_MODERATION_UNHIDE},
    {HTTP_POST, "/api/v1/reports", api_report_create, JSON_WRITE | ROUTE_NEED_LOGIN,
     moderation_api_fields, 0, ACT_MODERATION_REPORT},
    {GET_HEAD, "/api/v1/moderation/reports", api_moderation_reports,
     ROUTE_JSON | ROUTE_NEED_LOGIN, NULL, 0, ACT_MODERATION_VIEW_REPORTS},
    {HTTP_POST, "/api/v1/moderation/hide", api_moderation_hide, JSON_WRITE | ROUTE_NEED_LOGIN,
     moderation_api_fields, 0, ACT_MODERATION_HIDE},
    {HTTP_POST, "/api/v1/moderation/unhide", api_moderation_unhide,
     JSON_WRITE | ROUTE_NEED_LOGIN, moderation_object_fields, 0, ACT_MODERATION_UNHIDE},
    /* public: whether content is hidden, and why (no policy action: anyone) */
    {GET_HEAD, "/api/v1/moderation/hidden", api_moderation_hidden, ROUTE_JSON,
     moderation_object_fields, 0, ACTION_UNKNOWN},
    /* audit per object and invitations */
    {GET_HEAD, "/audit/{type}/{id}", web_object_audit, 0, object_audit_path, 0,
     ACT_AUDIT_VIEW_PUBLIC},
    {GET_HEAD, "/account/activity", web_account_activity, ROUTE_NEED_LOGIN, audit_before, 0,
     ACT_AUDIT_VIEW_PERSONAL},
    {GET_HEAD, "/invitations", web_invitations_page, ROUTE_NEED_LOGIN, NULL, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/invitations", web_invitation_create, FORM_WRITE | ROUTE_NEED_LOGIN,
     invitation_fields, 0, ACT_ACCOUNT_INVITE},
    {GET_HEAD, "/api/v1/audit", api_audit_object, ROUTE_JSON, object_audit_query, 0,
     ACT_AUDIT_VIEW_PUBLIC},
    {GET_HEAD, "/api/v1/areas/{code}/audit", api_area_audit, ROUTE_JSON, area_audit_fields, 0,
     ACT_AUDIT_VIEW_PUBLIC},
    {GET_HEAD, "/api/v1/me/audit", api_me_audit, ROUTE_JSON | ROUTE_NEED_LOGIN, audit_before, 0,
     ACT_AUDIT_VIEW_PERSONAL},
    {GET_HEAD, "/api/v1/invitations", api_invitations_list, ROUTE_JSON | ROUTE_NEED_LOGIN, NULL,
     0, ACTION_UNKNOWN},
    {HTTP_POST, "/api/v1/invitations", api_invitation_create, JSON_WRITE | ROUTE_NEED_LOGIN,
     invitation_fields, 0, ACT_ACCOUNT_INVITE},
    {0},
};
