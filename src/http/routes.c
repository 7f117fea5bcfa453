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

/* organisations: the profile's fields with generous bounds (the model's
 * checks give the messages that say what fits). "kind" is no field of an
 * edit, so a kind sent there never reaches a handler; "areas" is a text of
 * codes on the pages and a JSON array in the API (read by the handler). */
#define ORG_PROFILE_FIELDS                                                                         \
    {.name = "name", .type = FIELD_LINE, .max = 1000},                                             \
        {.name = "description", .type = FIELD_TEXT, .max = 10000},                                 \
        {.name = "website", .type = FIELD_LINE, .max = 2000},                                      \
        {.name = "email", .type = FIELD_LINE, .max = 320},                                         \
        {.name = "phone", .type = FIELD_LINE, .max = 100},                                         \
        {.name = "street", .type = FIELD_LINE, .max = 1000},                                       \
        {.name = "postal_code", .type = FIELD_LINE, .max = 40},                                    \
        {.name = "city", .type = FIELD_LINE, .max = 1000},                                         \
        {.name = "legal_form", .type = FIELD_LINE, .max = 40},                                     \
        {.name = "kvk", .type = FIELD_LINE, .max = 40}

static const struct field org_search_fields[] = {
    {.name = "q", .type = FIELD_LINE, .max = 200},
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "area", .type = FIELD_CODE},
    {.name = "cursor", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "limit", .type = FIELD_INT, .min = 1, .max = 100},
    {0},
};

static const struct field org_create_form[] = {
    ORG_PROFILE_FIELDS,
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "areas", .type = FIELD_TEXT, .max = 2000},
    {0},
};

static const struct field org_create_json[] = {
    ORG_PROFILE_FIELDS,
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {0},
};

static const char *const org_done[] = {"created", "saved", NULL};

static const struct field org_page_fields[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "done", .type = FIELD_CHOICE, .choices = org_done},
    {0},
};

static const struct field org_edit_form[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    ORG_PROFILE_FIELDS,
    {.name = "areas", .type = FIELD_TEXT, .max = 2000},
    {0},
};

static const struct field org_update_json[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    ORG_PROFILE_FIELDS,
    {0},
};

static const struct field interests_query[] = {
    {.name = "done", .type = FIELD_INT, .min = 1, .max = 1},
    {0},
};

static const struct field interest_form[] = {
    {.name = "organisation", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "note", .type = FIELD_TEXT, .max = 2000},
    {0},
};

static const struct field interest_json[] = {
    {.name = "organisation_id", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "note", .type = FIELD_TEXT, .max = 2000},
    {0},
};

/* network: relations between the arena's actors and the areas' history.
 * Dates, kinds and titles are lines the models check (with the messages
 * that say what fits); "actors" is "organisation:3,organisation:5". */
static const struct field history_query[] = {
    {.name = "code", .type = FIELD_CODE, .flags = FIELD_REQUIRED},
    {.name = "before", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "done", .type = FIELD_CHOICE, .choices = (const char *const[]){"added", NULL}},
    {0},
};

static const struct field history_api_query[] = {
    {.name = "code", .type = FIELD_CODE, .flags = FIELD_REQUIRED},
    {.name = "before", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "limit", .type = FIELD_INT, .min = 1, .max = 100},
    {0},
};

#define HISTORY_EVENT_FIELDS                                                                       \
    {.name = "code", .type = FIELD_CODE, .flags = FIELD_REQUIRED},                                 \
        {.name = "date", .type = FIELD_LINE, .max = 40},                                           \
        {.name = "kind", .type = FIELD_LINE, .max = 40},                                           \
        {.name = "title", .type = FIELD_LINE, .max = 1000},                                        \
        {.name = "description", .type = FIELD_TEXT, .max = 20000}

static const struct field history_form[] = {
    HISTORY_EVENT_FIELDS,
    {.name = "actor", .type = FIELD_LINE, .max = 100},
    {0},
};

static const struct field history_json[] = {
    HISTORY_EVENT_FIELDS,
    {.name = "actors", .type = FIELD_LINE, .max = 2000},
    {0},
};

static const struct field relations_page[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "done", .type = FIELD_CHOICE,
     .choices = (const char *const[]){"recorded", "ended", NULL}},
    {0},
};

static const struct field relation_form[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "to", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "start_date", .type = FIELD_LINE, .max = 40},
    {.name = "end_date", .type = FIELD_LINE, .max = 40},
    {0},
};

static const struct field relation_json[] = {
    {.name = "from_type", .type = FIELD_LINE, .max = 40},
    {.name = "from_id", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "to_type", .type = FIELD_LINE, .max = 40},
    {.name = "to_id", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "start_date", .type = FIELD_LINE, .max = 40},
    {.name = "end_date", .type = FIELD_LINE, .max = 40},
    {0},
};

static const struct field relation_end_form[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "organisation", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {0},
};

static const struct field relation_end_json[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "end_date", .type = FIELD_LINE, .max = 40},
    {0},
};

/* services: bounds are generous; the model (model/service.h, schedule.h)
 * gives the precise messages. Positions are text ("52.31"): a JSON number
 * with a fraction is not a declared field's value. */
static const struct field services_query[] = {
    {.name = "q", .type = FIELD_LINE, .max = 200},
    {.name = "area", .type = FIELD_CODE},
    {.name = "language", .type = FIELD_LINE, .max = 40},
    {.name = "limit", .type = FIELD_INT, .min = 1, .max = 100},
    {.name = "offset", .type = FIELD_INT, .min = 0, .max = 1000000},
    {0},
};

static const struct field services_page_query[] = {
    {.name = "q", .type = FIELD_LINE, .max = 200},
    {.name = "area", .type = FIELD_CODE},
    {.name = "language", .type = FIELD_LINE, .max = 40},
    {.name = "page", .type = FIELD_INT, .min = 1, .max = 10000},
    {0},
};

#define SERVICE_FIELDS                                                                            \
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},      \
        {.name = "name", .type = FIELD_LINE, .max = 1000},                                        \
        {.name = "description", .type = FIELD_TEXT, .max = 20000},                                \
        {.name = "url", .type = FIELD_LINE, .max = 2000},                                         \
        {.name = "email", .type = FIELD_LINE, .max = 320},                                        \
        {.name = "status", .type = FIELD_LINE, .max = 40},                                        \
        {.name = "languages", .type = FIELD_LINE, .max = 500},                                    \
        {.name = "cost", .type = FIELD_LINE, .max = 40},                                          \
        {.name = "cost_note", .type = FIELD_LINE, .max = 1000},                                   \
        {.name = "contact_name", .type = FIELD_LINE, .max = 1000},                                \
        {.name = "contact_phone", .type = FIELD_LINE, .max = 100},                                \
        {.name = "contact_email", .type = FIELD_LINE, .max = 320}

static const struct field service_fields[] = {SERVICE_FIELDS, {0}};

#define LOCATION_FIELDS                                                                           \
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},      \
        {.name = "name", .type = FIELD_LINE, .max = 1000},                                        \
        {.name = "description", .type = FIELD_TEXT, .max = 10000},                                \
        {.name = "street", .type = FIELD_LINE, .max = 1000},                                      \
        {.name = "postal_code", .type = FIELD_LINE, .max = 40},                                   \
        {.name = "city", .type = FIELD_LINE, .max = 1000},                                        \
        {.name = "area_code", .type = FIELD_LINE, .max = 40},                                     \
        {.name = "latitude", .type = FIELD_LINE, .max = 40},                                      \
        {.name = "longitude", .type = FIELD_LINE, .max = 40},                                     \
        {.name = "accessibility", .type = FIELD_TEXT, .max = 10000}

static const struct field location_fields[] = {LOCATION_FIELDS, {0}};

/* A new service on the web may come with its first location. */
static const struct field service_form_fields[] = {
    SERVICE_FIELDS,
    {.name = "location_name", .type = FIELD_LINE, .max = 1000},
    {.name = "street", .type = FIELD_LINE, .max = 1000},
    {.name = "postal_code", .type = FIELD_LINE, .max = 40},
    {.name = "city", .type = FIELD_LINE, .max = 1000},
    {.name = "area_code", .type = FIELD_LINE, .max = 40},
    {.name = "accessibility", .type = FIELD_TEXT, .max = 10000},
    {0},
};

static const struct field schedule_fields[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "location_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "rrule", .type = FIELD_LINE, .max = 500},
    {.name = "freq", .type = FIELD_LINE, .max = 40},
    {.name = "interval", .type = FIELD_LINE, .max = 40},
    {.name = "byday", .type = FIELD_LINE, .max = 200},
    {.name = "bymonthday", .type = FIELD_LINE, .max = 200},
    {.name = "bymonth", .type = FIELD_LINE, .max = 100},
    {.name = "dtstart", .type = FIELD_LINE, .max = 40},
    {.name = "until", .type = FIELD_LINE, .max = 40},
    {.name = "count", .type = FIELD_LINE, .max = 40},
    {.name = "opens_at", .type = FIELD_LINE, .max = 40},
    {.name = "closes_at", .type = FIELD_LINE, .max = 40},
    {.name = "valid_from", .type = FIELD_LINE, .max = 40},
    {.name = "valid_to", .type = FIELD_LINE, .max = 40},
    {.name = "description", .type = FIELD_LINE, .max = 2000},
    {0},
};

static const struct field service_page_fields[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "done", .type = FIELD_LINE, .max = 40},
    {0},
};

static const struct field hsds_page_query[] = {
    {.name = "search", .type = FIELD_LINE, .max = 200},
    {.name = "page", .type = FIELD_INT, .min = 1, .max = 1000000},
    {.name = "per_page", .type = FIELD_INT, .min = 1, .max = 100},
    {0},
};

static const struct field hsds_id_path[] = {
    {.name = "id", .type = FIELD_LINE, .min = 1, .max = 64, .flags = FIELD_REQUIRED},
    {0},
};

/* collectives: kinds, rules and people are checked by the model
 * (model/collective.h), which names the field in its message; people are
 * named by account number or e-mail address. */
static const char *const collective_done[] = {"founded", "joined", "left", "admitted", "board",
                                              NULL};

static const struct field collectives_query[] = {
    {.name = "area", .type = FIELD_CODE},
    {0},
};

static const struct field collective_found_fields[] = {
    {.name = "name", .type = FIELD_LINE, .max = 200},
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "area", .type = FIELD_LINE, .max = 40},
    {.name = "voting_rule", .type = FIELD_LINE, .max = 40},
    {.name = "statutes", .type = FIELD_TEXT, .max = 20000},
    {.name = "cofounder1", .type = FIELD_LINE, .max = 320},
    {.name = "cofounder2", .type = FIELD_LINE, .max = 320},
    {0},
};

static const struct field collective_page_fields[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "done", .type = FIELD_CHOICE, .choices = collective_done},
    {0},
};

static const struct field collective_adviser_fields[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "person", .type = FIELD_LINE, .max = 320},
    {0},
};

static const struct field collective_board_fields[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "chair", .type = FIELD_LINE, .max = 320},
    {.name = "secretary", .type = FIELD_LINE, .max = 320},
    {.name = "treasurer", .type = FIELD_LINE, .max = 320},
    {0},
};

/* offers, external events, notifications: bounds are generous; the model
 * (model/offer.h, external.h, notification.h) gives the precise messages.
 * The offer's maker and organisation come from the session's capacity,
 * the decider of an external event from the recorder's: neither is a
 * declared field. */
#define OFFER_ID                                                                                   \
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED}
static const struct field offers_page[] = {
    OFFER_ID,
    {.name = "done", .type = FIELD_LINE, .max = 40},
    {0},
};
static const struct field offers_query[] = {
    OFFER_ID,
    {.name = "status", .type = FIELD_LINE, .max = 40},
    {0},
};
static const struct field offer_form[] = {
    OFFER_ID,
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "text", .type = FIELD_TEXT, .max = 4000},
    {.name = "hours", .type = FIELD_INT, .min = -1000000, .max = 1000000},
    {.name = "organisation", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {0},
};
static const struct field offer_json[] = {
    OFFER_ID,
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "text", .type = FIELD_TEXT, .max = 4000},
    {.name = "hours", .type = FIELD_INT, .min = -1000000, .max = 1000000},
    {.name = "organisation_id", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {0},
};
static const struct field external_fields[] = {
    OFFER_ID,
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "date", .type = FIELD_LINE, .max = 40},
    {.name = "text", .type = FIELD_TEXT, .max = 4000},
    {0},
};
static const struct field notifications_page[] = {
    {.name = "before", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "done", .type = FIELD_LINE, .max = 40},
    {0},
};
static const struct field notifications_query[] = {
    {.name = "before", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "limit", .type = FIELD_INT, .min = 1, .max = 100},
    {0},
};
static const struct field notification_read[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {0},
};
#undef OFFER_ID

/* initiatives: scope, needs and phases are checked by the model
 * (model/initiative.h), which names the field in its message; "areas" and
 * "needs" of a JSON body are arrays, read by api/initiative.c. */
static const char *const initiative_phase_names[] = {"idea",     "awareness", "execution",
                                                     "evaluation", "anchored", "stopped", NULL};
static const char *const initiative_done[] = {"created", "phase", "edited", "evaluated",
                                              "initiators", NULL};

static const struct field initiatives_query[] = {
    {.name = "area", .type = FIELD_CODE},
    {.name = "phase", .type = FIELD_CHOICE, .choices = initiative_phase_names},
    {0},
};

static const struct field initiative_page_fields[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "done", .type = FIELD_CHOICE, .choices = initiative_done},
    {0},
};

#define INITIATIVE_SCOPE_FIELDS                                                                    \
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX},                                 \
        {.name = "title", .type = FIELD_LINE, .max = 200},                                         \
        {.name = "aim", .type = FIELD_TEXT, .max = 5000},                                          \
        {.name = "threshold_residents", .type = FIELD_INT, .min = 0, .max = 100000},               \
        {.name = "threshold_hours", .type = FIELD_INT, .min = 0, .max = 1000000}

static const struct field initiative_scope_form[] = {
    INITIATIVE_SCOPE_FIELDS,
    {.name = "collective", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "areas", .type = FIELD_LINE, .max = 400},
    {.name = "need_skills", .type = FIELD_LINE, .max = 500},
    {.name = "need_hours", .type = FIELD_LINE, .max = 500},
    {.name = "need_hours_amount", .type = FIELD_INT, .min = 0, .max = 100000000},
    {.name = "need_money", .type = FIELD_LINE, .max = 500},
    {.name = "need_money_amount", .type = FIELD_INT, .min = 0, .max = 100000000},
    {.name = "need_space", .type = FIELD_LINE, .max = 500},
    {0},
};

static const struct field initiative_scope_json[] = {
    INITIATIVE_SCOPE_FIELDS,
    {.name = "collective_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {0},
};

static const struct field initiative_phase_fields[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "phase", .type = FIELD_LINE, .max = 40},
    {.name = "reason", .type = FIELD_TEXT, .max = 5000},
    {0},
};

static const struct field initiative_initiator_form[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "person", .type = FIELD_LINE, .max = 320},
    {0},
};

static const struct field initiative_initiator_json[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "person_id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {0},
};

static const struct field initiative_evaluation_fields[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "results", .type = FIELD_TEXT, .max = 5000},
    {.name = "worked", .type = FIELD_TEXT, .max = 5000},
    {.name = "did_not_work", .type = FIELD_TEXT, .max = 5000},
    {.name = "conditions", .type = FIELD_TEXT, .max = 5000},
    {0},
};

/* pledges and the plan: bounds are generous; the model (model/pledge.h,
 * task.h, responsibility.h) gives the precise messages. The pledger, the
 * asker and the answerer are the signed-in person: never a field. */
#define PLAN_ID                                                                                    \
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED}
static const struct field plan_page[] = {
    PLAN_ID,
    {.name = "done", .type = FIELD_LINE, .max = 40},
    {0},
};
static const struct field pledge_fields[] = {
    PLAN_ID,
    {.name = "hours", .type = FIELD_LINE, .max = 20},
    {.name = "period", .type = FIELD_LINE, .max = 20},
    {.name = "skill", .type = FIELD_LINE, .max = 400},
    {.name = "role", .type = FIELD_LINE, .max = 400},
    {0},
};
static const struct field task_fields[] = {
    PLAN_ID,
    {.name = "title", .type = FIELD_LINE, .max = 1000},
    {.name = "due_on", .type = FIELD_LINE, .max = 40},
    {.name = "responsible_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "hold", .type = FIELD_LINE, .max = 10},
    {0},
};
static const struct field task_update_fields[] = {
    PLAN_ID,
    {.name = "status", .type = FIELD_LINE, .max = 40},
    {.name = "due_on", .type = FIELD_LINE, .max = 40},
    {0},
};
static const struct field task_ask_fields[] = {
    PLAN_ID,
    {.name = "person_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {0},
};
static const struct field task_answer_fields[] = {
    PLAN_ID,
    {.name = "answer", .type = FIELD_LINE, .max = 20},
    {0},
};
static const struct field task_matrix_fields[] = {
    PLAN_ID,
    {.name = "matrix", .type = FIELD_LINE, .max = 2000},
    {.name = "accountable", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "responsible", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "consulted", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "informed", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {0},
};
static const struct field question_fields[] = {
    PLAN_ID,
    {.name = "question", .type = FIELD_TEXT, .max = 8000},
    {.name = "put_to", .type = FIELD_LINE, .max = 40},
    {.name = "person_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "organisation_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "gemeente", .type = FIELD_LINE, .max = 40},
    {0},
};
static const struct field answer_fields[] = {
    PLAN_ID,
    {.name = "answer", .type = FIELD_TEXT, .max = 8000},
    {0},
};
#undef PLAN_ID

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
    {GET_HEAD, "/api/v1/organisations", api_organisations_list, ROUTE_JSON, org_search_fields, 0,
     ACT_ORGANISATION_VIEW},
    {HTTP_POST, "/api/v1/organisations", api_organisation_create, JSON_WRITE | ROUTE_NEED_LOGIN,
     org_create_json, 0, ACT_ORGANISATION_CREATE},
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
    /* organisations */
    {GET_HEAD, "/organisations", web_organisations, 0, org_search_fields, 0,
     ACT_ORGANISATION_VIEW},
    {GET_HEAD, "/organisations/new", web_organisation_new_page, ROUTE_NEED_LOGIN, NULL, 0,
     ACT_ORGANISATION_CREATE},
    {HTTP_POST, "/organisations/new", web_organisation_create, FORM_WRITE | ROUTE_NEED_LOGIN,
     org_create_form, 0, ACT_ORGANISATION_CREATE},
    {GET_HEAD, "/organisations/{id}", web_organisation, 0, org_page_fields, 0,
     ACT_ORGANISATION_VIEW},
    {GET_HEAD, "/organisations/{id}/edit", web_organisation_edit_page, ROUTE_NEED_LOGIN, id_path,
     0, ACT_ORGANISATION_EDIT_PROFILE},
    {HTTP_POST, "/organisations/{id}/edit", web_organisation_edit, FORM_WRITE | ROUTE_NEED_LOGIN,
     org_edit_form, 0, ACT_ORGANISATION_EDIT_PROFILE},
    {GET_HEAD, "/api/v1/organisations/{id}", api_organisation_get, ROUTE_JSON, id_path, 0,
     ACT_ORGANISATION_VIEW},
    {HTTP_PUT, "/api/v1/organisations/{id}", api_organisation_update,
     JSON_WRITE | ROUTE_NEED_LOGIN, org_update_json, 0, ACT_ORGANISATION_EDIT_PROFILE},
    {GET_HEAD, "/account/interests", web_interests_page, ROUTE_NEED_LOGIN, interests_query, 0,
     ACTION_UNKNOWN},
    {HTTP_POST, "/account/interests", web_interest_declare, FORM_WRITE | ROUTE_NEED_LOGIN,
     interest_form, 0, ACT_INTEREST_DECLARE},
    {GET_HEAD, "/api/v1/me/interests", api_my_interests, ROUTE_JSON | ROUTE_NEED_LOGIN, NULL, 0,
     ACTION_UNKNOWN},
    {HTTP_POST, "/api/v1/me/interests", api_interest_declare, JSON_WRITE | ROUTE_NEED_LOGIN,
     interest_json, 0, ACT_INTEREST_DECLARE},
    /* network */
    {GET_HEAD, "/areas/{code}/arena", web_area_arena, 0, code_path, 0, ACT_ORGANISATION_VIEW},
    {GET_HEAD, "/areas/{code}/history", web_area_history, 0, history_query, 0, ACT_HISTORY_VIEW},
    {HTTP_POST, "/areas/{code}/history", web_area_history_add, FORM_WRITE | ROUTE_NEED_LOGIN,
     history_form, 0, ACT_HISTORY_ADD_EVENT},
    {GET_HEAD, "/organisations/{id}/relations", web_organisation_relations, 0, relations_page, 0,
     ACT_ORGANISATION_VIEW},
    {HTTP_POST, "/organisations/{id}/relations", web_relation_create,
     FORM_WRITE | ROUTE_NEED_LOGIN, relation_form, 0, ACT_ORGANISATION_RELATE},
    {HTTP_POST, "/relations/{id}/end", web_relation_end, FORM_WRITE | ROUTE_NEED_LOGIN,
     relation_end_form, 0, ACT_ORGANISATION_RELATE},
    {GET_HEAD, "/api/v1/areas/{code}/arena", api_area_arena, ROUTE_JSON, code_path, 0,
     ACT_ORGANISATION_VIEW},
    {GET_HEAD, "/api/v1/areas/{code}/history", api_area_history, ROUTE_JSON, history_api_query, 0,
     ACT_HISTORY_VIEW},
    {HTTP_POST, "/api/v1/areas/{code}/history", api_area_history_add,
     JSON_WRITE | ROUTE_NEED_LOGIN, history_json, 0, ACT_HISTORY_ADD_EVENT},
    {GET_HEAD, "/api/v1/organisations/{id}/relations", api_organisation_relations, ROUTE_JSON,
     id_path, 0, ACT_ORGANISATION_VIEW},
    {HTTP_POST, "/api/v1/relations", api_relation_create, JSON_WRITE | ROUTE_NEED_LOGIN,
     relation_json, 0, ACT_ORGANISATION_RELATE},
    {HTTP_POST, "/api/v1/relations/{id}/end", api_relation_end, JSON_WRITE | ROUTE_NEED_LOGIN,
     relation_end_json, 0, ACT_ORGANISATION_RELATE},
    /* services */
    {GET_HEAD, "/services", web_services_search, 0, services_page_query, 0,
     ACT_ORGANISATION_VIEW},
    {GET_HEAD, "/services/{id}", web_service, 0, service_page_fields, 0, ACT_ORGANISATION_VIEW},
    {GET_HEAD, "/services/{id}/edit", web_service_edit_page, ROUTE_NEED_LOGIN,
     service_page_fields, 0, ACT_ORGANISATION_MANAGE_SERVICES},
    {GET_HEAD, "/services/{id}/locations", web_service_edit_page, ROUTE_NEED_LOGIN,
     service_page_fields, 0, ACT_ORGANISATION_MANAGE_SERVICES},
    {GET_HEAD, "/services/{id}/schedules", web_service_edit_page, ROUTE_NEED_LOGIN,
     service_page_fields, 0, ACT_ORGANISATION_MANAGE_SERVICES},
    {HTTP_POST, "/services/{id}/edit", web_service_update, FORM_WRITE | ROUTE_NEED_LOGIN,
     service_fields, 0, ACT_ORGANISATION_MANAGE_SERVICES},
    {HTTP_POST, "/services/{id}/locations", web_service_add_location,
     FORM_WRITE | ROUTE_NEED_LOGIN, location_fields, 0, ACT_ORGANISATION_MANAGE_SERVICES},
    {HTTP_POST, "/services/{id}/schedules", web_service_add_schedule,
     FORM_WRITE | ROUTE_NEED_LOGIN, schedule_fields, 0, ACT_ORGANISATION_MANAGE_SERVICES},
    {GET_HEAD, "/organisations/{id}/services", web_organisation_services, 0, service_page_fields,
     0, ACT_ORGANISATION_VIEW},
    {HTTP_POST, "/organisations/{id}/services", web_service_create,
     FORM_WRITE | ROUTE_NEED_LOGIN, service_form_fields, 0, ACT_ORGANISATION_MANAGE_SERVICES},
    {GET_HEAD, "/api/v1/services", api_services_search, ROUTE_JSON, services_query, 0,
     ACT_ORGANISATION_VIEW},
    {GET_HEAD, "/api/v1/services/{id}", api_service_get, ROUTE_JSON, id_path, 0,
     ACT_ORGANISATION_VIEW},
    {HTTP_PUT, "/api/v1/services/{id}", api_service_update, JSON_WRITE | ROUTE_NEED_LOGIN,
     service_fields, 0, ACT_ORGANISATION_MANAGE_SERVICES},
    {HTTP_POST, "/api/v1/organisations/{id}/services", api_service_create,
     JSON_WRITE | ROUTE_NEED_LOGIN, service_fields, 0, ACT_ORGANISATION_MANAGE_SERVICES},
    {HTTP_POST, "/api/v1/services/{id}/locations", api_service_add_location,
     JSON_WRITE | ROUTE_NEED_LOGIN, location_fields, 0, ACT_ORGANISATION_MANAGE_SERVICES},
    {HTTP_POST, "/api/v1/services/{id}/schedules", api_service_add_schedule,
     JSON_WRITE | ROUTE_NEED_LOGIN, schedule_fields, 0, ACT_ORGANISATION_MANAGE_SERVICES},
    {GET_HEAD, "/api/v1/hsds", api_hsds_about, ROUTE_JSON | ROUTE_NO_DB, NULL, 0,
     ACT_ORGANISATION_VIEW},
    {GET_HEAD, "/api/v1/hsds/organizations", api_hsds_organizations, ROUTE_JSON,
     hsds_page_query, 0, ACT_ORGANISATION_VIEW},
    {GET_HEAD, "/api/v1/hsds/organizations/{id}", api_hsds_organization, ROUTE_JSON,
     hsds_id_path, 0, ACT_ORGANISATION_VIEW},
    {GET_HEAD, "/api/v1/hsds/services", api_hsds_services, ROUTE_JSON, hsds_page_query, 0,
     ACT_ORGANISATION_VIEW},
    {GET_HEAD, "/api/v1/hsds/services/{id}", api_hsds_service, ROUTE_JSON, hsds_id_path, 0,
     ACT_ORGANISATION_VIEW},
    /* offers, external events, notifications */
    {GET_HEAD, "/initiatives/{id}/offers", web_offers_page, 0, offers_page, 0, ACT_OFFER_VIEW},
    {HTTP_POST, "/initiatives/{id}/offers", web_offer_make, FORM_WRITE | ROUTE_NEED_LOGIN,
     offer_form, 0, ACT_OFFER_MAKE},
    {HTTP_POST, "/offers/{id}/accept", web_offer_accept, FORM_WRITE | ROUTE_NEED_LOGIN, id_path,
     0, ACT_OFFER_ACCEPT},
    {HTTP_POST, "/offers/{id}/decline", web_offer_decline, FORM_WRITE | ROUTE_NEED_LOGIN, id_path,
     0, ACT_OFFER_DECLINE},
    {HTTP_POST, "/offers/{id}/withdraw", web_offer_withdraw, FORM_WRITE | ROUTE_NEED_LOGIN,
     id_path, 0, ACT_OFFER_WITHDRAW},
    {HTTP_POST, "/initiatives/{id}/external-events", web_external_record,
     FORM_WRITE | ROUTE_NEED_LOGIN, external_fields, 0, ACT_EXTERNAL_RECORD},
    {GET_HEAD, "/notifications", web_notifications_page, ROUTE_NEED_LOGIN, notifications_page, 0,
     ACTION_UNKNOWN},
    {HTTP_POST, "/notifications/read", web_notifications_read, FORM_WRITE | ROUTE_NEED_LOGIN,
     notification_read, 0, ACTION_UNKNOWN},
    {GET_HEAD, "/api/v1/initiatives/{id}/offers", api_offers_list, ROUTE_JSON, offers_query, 0,
     ACT_OFFER_VIEW},
    {HTTP_POST, "/api/v1/initiatives/{id}/offers", api_offer_make, JSON_WRITE | ROUTE_NEED_LOGIN,
     offer_json, 0, ACT_OFFER_MAKE},
    {HTTP_POST, "/api/v1/offers/{id}/accept", api_offer_accept, JSON_WRITE | ROUTE_NEED_LOGIN,
     id_path, 0, ACT_OFFER_ACCEPT},
    {HTTP_POST, "/api/v1/offers/{id}/decline", api_offer_decline, JSON_WRITE | ROUTE_NEED_LOGIN,
     id_path, 0, ACT_OFFER_DECLINE},
    {HTTP_POST, "/api/v1/offers/{id}/withdraw", api_offer_withdraw,
     JSON_WRITE | ROUTE_NEED_LOGIN, id_path, 0, ACT_OFFER_WITHDRAW},
    {GET_HEAD, "/api/v1/initiatives/{id}/external-events", api_external_list, ROUTE_JSON, id_path,
     0, ACT_EXTERNAL_VIEW},
    {HTTP_POST, "/api/v1/initiatives/{id}/external-events", api_external_record,
     JSON_WRITE | ROUTE_NEED_LOGIN, external_fields, 0, ACT_EXTERNAL_RECORD},
    {GET_HEAD, "/api/v1/me/notifications", api_my_notifications, ROUTE_JSON | ROUTE_NEED_LOGIN,
     notifications_query, 0, ACTION_UNKNOWN},
    {HTTP_POST, "/api/v1/me/notifications/read", api_notifications_read,
     JSON_WRITE | ROUTE_NEED_LOGIN, notification_read, 0, ACTION_UNKNOWN},
    /* collectives */
    {GET_HEAD, "/collectives", web_collectives, 0, collectives_query, 0, ACT_COLLECTIVE_VIEW},
    {GET_HEAD, "/collectives/new", web_collective_new_page, ROUTE_NEED_LOGIN, NULL, 0,
     ACT_COLLECTIVE_CREATE},
    {HTTP_POST, "/collectives/new", web_collective_create, FORM_WRITE | ROUTE_NEED_LOGIN,
     collective_found_fields, 0, ACT_COLLECTIVE_CREATE},
    {GET_HEAD, "/collectives/{id}", web_collective, 0, collective_page_fields, 0,
     ACT_COLLECTIVE_VIEW},
    {GET_HEAD, "/collectives/{id}/join", web_collective, 0, collective_page_fields, 0,
     ACT_COLLECTIVE_VIEW},
    {GET_HEAD, "/collectives/{id}/leave", web_collective, 0, collective_page_fields, 0,
     ACT_COLLECTIVE_VIEW},
    {GET_HEAD, "/collectives/{id}/advisers", web_collective, 0, collective_page_fields, 0,
     ACT_COLLECTIVE_VIEW},
    {GET_HEAD, "/collectives/{id}/board", web_collective, 0, collective_page_fields, 0,
     ACT_COLLECTIVE_VIEW},
    {HTTP_POST, "/collectives/{id}/join", web_collective_join, FORM_WRITE | ROUTE_NEED_LOGIN,
     id_path, 0, ACT_COLLECTIVE_JOIN},
    {HTTP_POST, "/collectives/{id}/leave", web_collective_leave, FORM_WRITE | ROUTE_NEED_LOGIN,
     id_path, 0, ACT_COLLECTIVE_LEAVE},
    {HTTP_POST, "/collectives/{id}/advisers", web_collective_admit, FORM_WRITE | ROUTE_NEED_LOGIN,
     collective_adviser_fields, 0, ACT_COLLECTIVE_MANAGE_MEMBERS},
    {HTTP_POST, "/collectives/{id}/board", web_collective_board, FORM_WRITE | ROUTE_NEED_LOGIN,
     collective_board_fields, 0, ACT_COLLECTIVE_EDIT},
    {GET_HEAD, "/api/v1/collectives", api_collectives_list, ROUTE_JSON, collectives_query, 0,
     ACT_COLLECTIVE_VIEW},
    {HTTP_POST, "/api/v1/collectives", api_collective_create, JSON_WRITE | ROUTE_NEED_LOGIN,
     collective_found_fields, 0, ACT_COLLECTIVE_CREATE},
    {GET_HEAD, "/api/v1/collectives/{id}", api_collective_get, ROUTE_JSON, id_path, 0,
     ACT_COLLECTIVE_VIEW},
    {HTTP_POST, "/api/v1/collectives/{id}/members", api_collective_join,
     JSON_WRITE | ROUTE_NEED_LOGIN, id_path, 0, ACT_COLLECTIVE_JOIN},
    {HTTP_POST | HTTP_DELETE, "/api/v1/collectives/{id}/leave", api_collective_leave,
     JSON_WRITE | ROUTE_NEED_LOGIN, id_path, 0, ACT_COLLECTIVE_LEAVE},
    {HTTP_POST, "/api/v1/collectives/{id}/advisers", api_collective_admit_adviser,
     JSON_WRITE | ROUTE_NEED_LOGIN, collective_adviser_fields, 0, ACT_COLLECTIVE_MANAGE_MEMBERS},
    {HTTP_PUT, "/api/v1/collectives/{id}/board", api_collective_set_board,
     JSON_WRITE | ROUTE_NEED_LOGIN, collective_board_fields, 0, ACT_COLLECTIVE_EDIT},
    /* initiatives */
    {GET_HEAD, "/initiatives", web_initiatives, 0, initiatives_query, 0, ACT_INITIATIVE_VIEW},
    {GET_HEAD, "/initiatives/new", web_initiative_new_page, ROUTE_NEED_LOGIN, NULL, 0,
     ACT_INITIATIVE_CREATE},
    {HTTP_POST, "/initiatives/new", web_initiative_create, FORM_WRITE | ROUTE_NEED_LOGIN,
     initiative_scope_form, 0, ACT_INITIATIVE_CREATE},
    {GET_HEAD, "/initiatives/{id}", web_initiative, 0, initiative_page_fields, 0,
     ACT_INITIATIVE_VIEW},
    {GET_HEAD, "/initiatives/{id}/phase", web_initiative, 0, initiative_page_fields, 0,
     ACT_INITIATIVE_VIEW},
    {HTTP_POST, "/initiatives/{id}/phase", web_initiative_phase, FORM_WRITE | ROUTE_NEED_LOGIN,
     initiative_phase_fields, 0, ACT_INITIATIVE_CHANGE_PHASE},
    {GET_HEAD, "/initiatives/{id}/initiators", web_initiative, 0, initiative_page_fields, 0,
     ACT_INITIATIVE_VIEW},
    {HTTP_POST, "/initiatives/{id}/initiators", web_initiative_add_initiator,
     FORM_WRITE | ROUTE_NEED_LOGIN, initiative_initiator_form, 0, ACT_INITIATIVE_ADD_INITIATOR},
    {HTTP_POST, "/initiatives/{id}/initiators/{person_id}/remove", web_initiative_remove_initiator,
     FORM_WRITE | ROUTE_NEED_LOGIN, initiative_initiator_json, 0, ACT_INITIATIVE_REMOVE_INITIATOR},
    {GET_HEAD, "/initiatives/{id}/edit", web_initiative_edit_page, ROUTE_NEED_LOGIN, id_path, 0,
     ACT_INITIATIVE_CHANGE_SCOPE},
    {HTTP_POST, "/initiatives/{id}/edit", web_initiative_edit, FORM_WRITE | ROUTE_NEED_LOGIN,
     initiative_scope_form, 0, ACT_INITIATIVE_CHANGE_SCOPE},
    {GET_HEAD, "/initiatives/{id}/evaluation", web_initiative_evaluation_page, ROUTE_NEED_LOGIN,
     id_path, 0, ACT_INITIATIVE_CHANGE_SCOPE},
    {HTTP_POST, "/initiatives/{id}/evaluation", web_initiative_evaluate,
     FORM_WRITE | ROUTE_NEED_LOGIN, initiative_evaluation_fields, 0, ACT_INITIATIVE_CHANGE_SCOPE},
    {GET_HEAD, "/api/v1/initiatives", api_initiatives_list, ROUTE_JSON, initiatives_query, 0,
     ACT_INITIATIVE_VIEW},
    {HTTP_POST, "/api/v1/initiatives", api_initiative_create, JSON_WRITE | ROUTE_NEED_LOGIN,
     initiative_scope_json, 0, ACT_INITIATIVE_CREATE},
    {GET_HEAD, "/api/v1/initiatives/{id}", api_initiative_get, ROUTE_JSON, id_path, 0,
     ACT_INITIATIVE_VIEW},
    {HTTP_PUT, "/api/v1/initiatives/{id}", api_initiative_update, JSON_WRITE | ROUTE_NEED_LOGIN,
     initiative_scope_json, 0, ACT_INITIATIVE_CHANGE_SCOPE},
    {HTTP_POST, "/api/v1/initiatives/{id}/phase", api_initiative_phase,
     JSON_WRITE | ROUTE_NEED_LOGIN, initiative_phase_fields, 0, ACT_INITIATIVE_CHANGE_PHASE},
    {HTTP_POST, "/api/v1/initiatives/{id}/initiators", api_initiative_add_initiator,
     JSON_WRITE | ROUTE_NEED_LOGIN, initiative_initiator_json, 0, ACT_INITIATIVE_ADD_INITIATOR},
    {HTTP_DELETE, "/api/v1/initiatives/{id}/initiators/{person_id}",
     api_initiative_remove_initiator, JSON_WRITE | ROUTE_NEED_LOGIN, initiative_initiator_json, 0,
     ACT_INITIATIVE_REMOVE_INITIATOR},
    {HTTP_PUT, "/api/v1/initiatives/{id}/evaluation", api_initiative_evaluate,
     JSON_WRITE | ROUTE_NEED_LOGIN, initiative_evaluation_fields, 0, ACT_INITIATIVE_CHANGE_SCOPE},
    /* pledges and the plan */
    {GET_HEAD, "/api/v1/initiatives/{id}/pledges", api_pledges_list, ROUTE_JSON | ROUTE_NEED_LOGIN,
     id_path, 0, ACT_PLEDGE_VIEW},
    {GET_HEAD, "/api/v1/initiatives/{id}/pledges/totals", api_pledge_totals, ROUTE_JSON, id_path,
     0, ACT_INITIATIVE_VIEW},
    {HTTP_POST, "/api/v1/initiatives/{id}/pledges", api_pledge_make,
     JSON_WRITE | ROUTE_NEED_LOGIN, pledge_fields, 0, ACT_PLEDGE_MAKE},
    {HTTP_PUT, "/api/v1/initiatives/{id}/pledges", api_pledge_change,
     JSON_WRITE | ROUTE_NEED_LOGIN, pledge_fields, 0, ACT_PLEDGE_CHANGE},
    {HTTP_DELETE, "/api/v1/initiatives/{id}/pledges", api_pledge_withdraw,
     JSON_WRITE | ROUTE_NEED_LOGIN, id_path, 0, ACT_PLEDGE_WITHDRAW},
    {GET_HEAD, "/api/v1/me/pledges", api_my_pledges, ROUTE_JSON | ROUTE_NEED_LOGIN, NULL, 0,
     ACT_PLEDGE_VIEW},
    {GET_HEAD, "/api/v1/initiatives/{id}/tasks", api_tasks_list, ROUTE_JSON, id_path, 0,
     ACT_TASK_VIEW},
    {HTTP_POST, "/api/v1/initiatives/{id}/tasks", api_task_create, JSON_WRITE | ROUTE_NEED_LOGIN,
     task_fields, 0, ACT_TASK_CREATE},
    {GET_HEAD, "/api/v1/tasks/{id}", api_task_get, ROUTE_JSON, id_path, 0, ACT_TASK_VIEW},
    {HTTP_PUT, "/api/v1/tasks/{id}", api_task_update, JSON_WRITE | ROUTE_NEED_LOGIN,
     task_update_fields, 0, ACT_TASK_UPDATE},
    {HTTP_POST, "/api/v1/tasks/{id}/consent", api_task_ask, JSON_WRITE | ROUTE_NEED_LOGIN,
     task_ask_fields, 0, ACT_TASK_ASSIGN},
    {HTTP_PUT, "/api/v1/tasks/{id}/consent", api_task_answer, JSON_WRITE | ROUTE_NEED_LOGIN,
     task_answer_fields, 0, ACT_TASK_TAKE_ON},
    {HTTP_POST, "/api/v1/tasks/{id}/take-on", api_task_take_on, JSON_WRITE | ROUTE_NEED_LOGIN,
     id_path, 0, ACT_TASK_TAKE_ON},
    {HTTP_PUT, "/api/v1/tasks/{id}/matrix", api_task_matrix, JSON_WRITE | ROUTE_NEED_LOGIN,
     task_matrix_fields, 0, ACT_RESPONSIBILITY_SET_MATRIX},
    {GET_HEAD, "/api/v1/initiatives/{id}/questions", api_questions_list, ROUTE_JSON, id_path, 0,
     ACT_INITIATIVE_VIEW},
    {HTTP_POST, "/api/v1/initiatives/{id}/questions", api_question_ask,
     JSON_WRITE | ROUTE_NEED_LOGIN, question_fields, 0, ACT_RESPONSIBILITY_ASK},
    {HTTP_POST, "/api/v1/questions/{id}/answer", api_question_answer,
     JSON_WRITE | ROUTE_NEED_LOGIN, answer_fields, 0, ACT_RESPONSIBILITY_ANSWER},
    {GET_HEAD, "/initiatives/{id}/pledges", web_pledges_page, 0, plan_page, 0,
     ACT_INITIATIVE_VIEW},
    {GET_HEAD, "/initiatives/{id}/pledges/withdraw", web_pledges_page, 0, plan_page, 0,
     ACT_INITIATIVE_VIEW},
    {HTTP_POST, "/initiatives/{id}/pledges", web_pledge_save, FORM_WRITE | ROUTE_NEED_LOGIN,
     pledge_fields, 0, ACT_PLEDGE_MAKE},
    {HTTP_POST, "/initiatives/{id}/pledges/withdraw", web_pledge_withdraw,
     FORM_WRITE | ROUTE_NEED_LOGIN, id_path, 0, ACT_PLEDGE_WITHDRAW},
    {GET_HEAD, "/initiatives/{id}/plan", web_plan_page, 0, plan_page, 0, ACT_TASK_VIEW},
    {GET_HEAD, "/initiatives/{id}/questions", web_plan_page, 0, plan_page, 0, ACT_TASK_VIEW},
    {HTTP_POST, "/initiatives/{id}/plan", web_task_create, FORM_WRITE | ROUTE_NEED_LOGIN,
     task_fields, 0, ACT_TASK_CREATE},
    {HTTP_POST, "/initiatives/{id}/questions", web_question_ask, FORM_WRITE | ROUTE_NEED_LOGIN,
     question_fields, 0, ACT_RESPONSIBILITY_ASK},
    {GET_HEAD, "/questions/{id}/answer", web_question_page, 0, id_path, 0, ACT_TASK_VIEW},
    {HTTP_POST, "/questions/{id}/answer", web_question_answer, FORM_WRITE | ROUTE_NEED_LOGIN,
     answer_fields, 0, ACT_RESPONSIBILITY_ANSWER},
    {GET_HEAD, "/tasks/{id}", web_task_page, 0, plan_page, 0, ACT_TASK_VIEW},
    {GET_HEAD, "/tasks/{id}/ask", web_task_page, 0, plan_page, 0, ACT_TASK_VIEW},
    {GET_HEAD, "/tasks/{id}/consent", web_task_page, 0, plan_page, 0, ACT_TASK_VIEW},
    {GET_HEAD, "/tasks/{id}/take-on", web_task_page, 0, plan_page, 0, ACT_TASK_VIEW},
    {GET_HEAD, "/tasks/{id}/status", web_task_page, 0, plan_page, 0, ACT_TASK_VIEW},
    {GET_HEAD, "/tasks/{id}/matrix", web_task_page, 0, plan_page, 0, ACT_TASK_VIEW},
    {HTTP_POST, "/tasks/{id}/ask", web_task_ask, FORM_WRITE | ROUTE_NEED_LOGIN, task_ask_fields,
     0, ACT_TASK_ASSIGN},
    {HTTP_POST, "/tasks/{id}/consent", web_task_consent, FORM_WRITE | ROUTE_NEED_LOGIN,
     task_answer_fields, 0, ACT_TASK_TAKE_ON},
    {HTTP_POST, "/tasks/{id}/take-on", web_task_take_on, FORM_WRITE | ROUTE_NEED_LOGIN, id_path,
     0, ACT_TASK_TAKE_ON},
    {HTTP_POST, "/tasks/{id}/status", web_task_status, FORM_WRITE | ROUTE_NEED_LOGIN,
     task_update_fields, 0, ACT_TASK_UPDATE},
    {HTTP_POST, "/tasks/{id}/matrix", web_task_matrix, FORM_WRITE | ROUTE_NEED_LOGIN,
     task_matrix_fields, 0, ACT_RESPONSIBILITY_SET_MATRIX},
    {0},
};
