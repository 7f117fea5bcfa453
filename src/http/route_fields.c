/* The declared inputs of the routes (http/routes.c): for each route, the
 * path, query and body fields the dispatcher validates before a handler
 * runs -- their types, bounds in characters and choices. Bounds here are
 * generous where the model gives the precise message; a field that is not
 * declared (a "role", "owner" or "person_id" in a body) never reaches a
 * handler. */
#include "http/route_fields.h"

#include <stdint.h>

const struct field in_code_path[] = {
    {.name = "code", .type = FIELD_CODE, .flags = FIELD_REQUIRED},
    {0},
};

const struct field in_static_file[] = {
    {.name = "file", .type = FIELD_LINE, .min = 1, .max = 64, .flags = FIELD_REQUIRED},
    {0},
};

/* Accounts. Bounds here are generous: the model's own checks (e-mail form,
 * password rules) give the precise messages. Passwords are FIELD_TEXT so
 * that any character counts; "role", "capacity" or "person_id" in a body is
 * not declared, so it never reaches a handler. */
const struct field in_signup_fields[] = {
    {.name = "email", .type = FIELD_LINE, .max = 320},
    {.name = "display_name", .type = FIELD_LINE, .max = 200},
    {.name = "password", .type = FIELD_TEXT, .max = 1024},
    {.name = "password2", .type = FIELD_TEXT, .max = 1024},
    {.name = "invitation", .type = FIELD_LINE, .max = 100},
    {0},
};

static const char *const languages[] = {"nl", "en", NULL};

const struct field in_signup_api_fields[] = {
    {.name = "email", .type = FIELD_LINE, .max = 320},
    {.name = "display_name", .type = FIELD_LINE, .max = 200},
    {.name = "password", .type = FIELD_TEXT, .max = 1024},
    {.name = "lang", .type = FIELD_CHOICE, .choices = languages},
    {.name = "invitation", .type = FIELD_LINE, .max = 100},
    {0},
};

const struct field in_signin_fields[] = {
    {.name = "email", .type = FIELD_LINE, .max = 320},
    {.name = "password", .type = FIELD_TEXT, .max = 1024},
    {.name = "next", .type = FIELD_LINE, .max = 2000},
    {0},
};

const struct field in_next_field[] = {
    {.name = "next", .type = FIELD_LINE, .max = 2000},
    {0},
};

static const char *const changed_choices[] = {"password", NULL};

const struct field in_account_query[] = {
    {.name = "changed", .type = FIELD_CHOICE, .choices = changed_choices},
    {0},
};

const struct field in_password_fields[] = {
    {.name = "current_password", .type = FIELD_TEXT, .max = 1024},
    {.name = "new_password", .type = FIELD_TEXT, .max = 1024},
    {.name = "new_password2", .type = FIELD_TEXT, .max = 1024},
    {0},
};

const struct field in_id_path[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {0},
};

const struct field in_reset_request_fields[] = {
    {.name = "email", .type = FIELD_LINE, .max = 320},
    {0},
};

const struct field in_reset_sent_field[] = {
    {.name = "sent", .type = FIELD_INT, .min = 1, .max = 1},
    {0},
};

const struct field in_reset_token_field[] = {
    {.name = "token", .type = FIELD_TOKEN, .max = 64},
    {0},
};

const struct field in_reset_new_fields[] = {
    {.name = "token", .type = FIELD_TOKEN, .max = 64},
    {.name = "password", .type = FIELD_TEXT, .max = 1024},
    {.name = "password2", .type = FIELD_TEXT, .max = 1024},
    {0},
};

static const char *const area_kinds[] = {"gemeente", "wijk", "buurt", NULL};

const struct field in_area_list[] = {
    {.name = "parent", .type = FIELD_CODE},
    {.name = "kind", .type = FIELD_CHOICE, .choices = area_kinds},
    {.name = "cursor", .type = FIELD_CODE},
    {.name = "limit", .type = FIELD_INT, .min = 1, .max = 500},
    {0},
};

/* capacities, privacy, audit: the inputs of their routes. */
const struct field in_buurt_field[] = {
    {.name = "buurt", .type = FIELD_CODE},
    {0},
};

const struct field in_letter_code_field[] = {
    {.name = "code", .type = FIELD_LINE, .max = 64},
    {0},
};

const struct field in_letters_fields[] = {
    {.name = "buurt", .type = FIELD_CODE},
    {.name = "addresses", .type = FIELD_TEXT, .max = 500000},
    {0},
};

const struct field in_capacity_field[] = {
    {.name = "capacity", .type = FIELD_LINE, .max = 100},
    {0},
};

const struct field in_reauth_field[] = {
    {.name = "password", .type = FIELD_TEXT, .max = 1024},
    {0},
};

const struct field in_role_fields[] = {
    {.name = "email", .type = FIELD_LINE, .max = 320},
    {.name = "role", .type = FIELD_LINE, .max = 40},
    {.name = "scope", .type = FIELD_LINE, .max = 40},
    {0},
};

const struct field in_roles_query[] = {
    {.name = "done", .type = FIELD_INT, .min = 1, .max = 1},
    {0},
};

const struct field in_area_audit_fields[] = {
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

const struct field in_posts_mine_query[] = {
    {.name = "done", .type = FIELD_CHOICE, .choices = post_done_mine},
    {0},
};

const struct field in_post_request_form[] = {
    {.name = "organisation", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "title", .type = FIELD_LINE, .max = 40},
    {0},
};

const struct field in_post_request_json[] = {
    {.name = "organisation_id", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "title", .type = FIELD_LINE, .max = 40},
    {0},
};

const struct field in_org_posts_page[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "done", .type = FIELD_CHOICE, .choices = post_done_desk},
    {0},
};

const struct field in_org_posts_query[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "status", .type = FIELD_CHOICE, .choices = post_statuses},
    {0},
};

/* moderation: the object is named by type and id as in the audit log; the
 * model gives the precise messages (unknown kind, reason length). */
const struct field in_report_query[] = {
    {.name = "type", .type = FIELD_LINE, .min = 1, .max = 64, .flags = FIELD_REQUIRED},
    {.name = "id", .type = FIELD_LINE, .min = 1, .max = 200, .flags = FIELD_REQUIRED},
    {.name = "done", .type = FIELD_INT, .min = 1, .max = 1},
    {0},
};

const struct field in_moderation_form_fields[] = {
    {.name = "type", .type = FIELD_LINE, .min = 1, .max = 64, .flags = FIELD_REQUIRED},
    {.name = "id", .type = FIELD_LINE, .min = 1, .max = 200, .flags = FIELD_REQUIRED},
    {.name = "reason", .type = FIELD_TEXT, .max = 5000},
    {0},
};

static const char *const moderation_done[] = {"hidden", "shown", NULL};

const struct field in_moderation_query[] = {
    {.name = "done", .type = FIELD_CHOICE, .choices = moderation_done},
    {0},
};

const struct field in_moderation_api_fields[] = {
    {.name = "object_type", .type = FIELD_LINE, .min = 1, .max = 64, .flags = FIELD_REQUIRED},
    {.name = "object_id", .type = FIELD_LINE, .min = 1, .max = 200, .flags = FIELD_REQUIRED},
    {.name = "reason", .type = FIELD_TEXT, .max = 5000},
    {0},
};

const struct field in_moderation_object_fields[] = {
    {.name = "object_type", .type = FIELD_LINE, .min = 1, .max = 64, .flags = FIELD_REQUIRED},
    {.name = "object_id", .type = FIELD_LINE, .min = 1, .max = 200, .flags = FIELD_REQUIRED},
    {0},
};

/* audit per object and invitations */
const struct field in_object_audit_path[] = {
    {.name = "type", .type = FIELD_TOKEN, .max = 64, .flags = FIELD_REQUIRED},
    {.name = "id", .type = FIELD_LINE, .min = 1, .max = 200, .flags = FIELD_REQUIRED},
    {.name = "before", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {0},
};

const struct field in_object_audit_query[] = {
    {.name = "object_type", .type = FIELD_TOKEN, .max = 64, .flags = FIELD_REQUIRED},
    {.name = "object_id", .type = FIELD_LINE, .min = 1, .max = 200, .flags = FIELD_REQUIRED},
    {.name = "before", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {0},
};

const struct field in_audit_before[] = {
    {.name = "before", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {0},
};

const struct field in_invitation_fields[] = {
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
    {                                                                                              \
        .name = "kvk", .type = FIELD_LINE, .max = 40                                               \
    }

const struct field in_org_search_fields[] = {
    {.name = "q", .type = FIELD_LINE, .max = 200},
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "area", .type = FIELD_CODE},
    {.name = "cursor", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "limit", .type = FIELD_INT, .min = 1, .max = 100},
    {0},
};

const struct field in_org_create_form[] = {
    ORG_PROFILE_FIELDS,
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "areas", .type = FIELD_TEXT, .max = 2000},
    {0},
};

const struct field in_org_create_json[] = {
    ORG_PROFILE_FIELDS,
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {0},
};

static const char *const org_done[] = {"created", "saved", NULL};

const struct field in_org_page_fields[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "done", .type = FIELD_CHOICE, .choices = org_done},
    {0},
};

const struct field in_org_edit_form[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    ORG_PROFILE_FIELDS,
    {.name = "areas", .type = FIELD_TEXT, .max = 2000},
    {0},
};

const struct field in_org_update_json[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    ORG_PROFILE_FIELDS,
    {0},
};

const struct field in_interests_query[] = {
    {.name = "done", .type = FIELD_INT, .min = 1, .max = 1},
    {0},
};

const struct field in_interest_form[] = {
    {.name = "organisation", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "note", .type = FIELD_TEXT, .max = 2000},
    {0},
};

const struct field in_interest_json[] = {
    {.name = "organisation_id", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "note", .type = FIELD_TEXT, .max = 2000},
    {0},
};

/* network: relations between the arena's actors and the areas' history.
 * Dates, kinds and titles are lines the models check (with the messages
 * that say what fits); "actors" is "organisation:3,organisation:5". */
const struct field in_history_query[] = {
    {.name = "code", .type = FIELD_CODE, .flags = FIELD_REQUIRED},
    {.name = "before", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "done", .type = FIELD_CHOICE, .choices = (const char *const[]){"added", NULL}},
    {0},
};

const struct field in_history_api_query[] = {
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
    {                                                                                              \
        .name = "description", .type = FIELD_TEXT, .max = 20000                                    \
    }

const struct field in_history_form[] = {
    HISTORY_EVENT_FIELDS,
    {.name = "actor", .type = FIELD_LINE, .max = 100},
    {0},
};

const struct field in_history_json[] = {
    HISTORY_EVENT_FIELDS,
    {.name = "actors", .type = FIELD_LINE, .max = 2000},
    {0},
};

const struct field in_relations_page[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "done",
     .type = FIELD_CHOICE,
     .choices = (const char *const[]){"recorded", "ended", NULL}},
    {0},
};

const struct field in_relation_form[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "to", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "start_date", .type = FIELD_LINE, .max = 40},
    {.name = "end_date", .type = FIELD_LINE, .max = 40},
    {0},
};

const struct field in_relation_json[] = {
    {.name = "from_type", .type = FIELD_LINE, .max = 40},
    {.name = "from_id", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "to_type", .type = FIELD_LINE, .max = 40},
    {.name = "to_id", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "start_date", .type = FIELD_LINE, .max = 40},
    {.name = "end_date", .type = FIELD_LINE, .max = 40},
    {0},
};

const struct field in_relation_end_form[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "organisation", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {0},
};

const struct field in_relation_end_json[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "end_date", .type = FIELD_LINE, .max = 40},
    {0},
};

/* services: bounds are generous; the model (model/service.h, schedule.h)
 * gives the precise messages. Positions are text ("52.31"): a JSON number
 * with a fraction is not a declared field's value. */
const struct field in_services_query[] = {
    {.name = "q", .type = FIELD_LINE, .max = 200},
    {.name = "area", .type = FIELD_CODE},
    {.name = "language", .type = FIELD_LINE, .max = 40},
    {.name = "limit", .type = FIELD_INT, .min = 1, .max = 100},
    {.name = "offset", .type = FIELD_INT, .min = 0, .max = 1000000},
    {0},
};

const struct field in_services_page_query[] = {
    {.name = "q", .type = FIELD_LINE, .max = 200},
    {.name = "area", .type = FIELD_CODE},
    {.name = "language", .type = FIELD_LINE, .max = 40},
    {.name = "page", .type = FIELD_INT, .min = 1, .max = 10000},
    {0},
};

#define SERVICE_FIELDS                                                                             \
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},        \
        {.name = "name", .type = FIELD_LINE, .max = 1000},                                         \
        {.name = "description", .type = FIELD_TEXT, .max = 20000},                                 \
        {.name = "url", .type = FIELD_LINE, .max = 2000},                                          \
        {.name = "email", .type = FIELD_LINE, .max = 320},                                         \
        {.name = "status", .type = FIELD_LINE, .max = 40},                                         \
        {.name = "languages", .type = FIELD_LINE, .max = 500},                                     \
        {.name = "cost", .type = FIELD_LINE, .max = 40},                                           \
        {.name = "cost_note", .type = FIELD_LINE, .max = 1000},                                    \
        {.name = "contact_name", .type = FIELD_LINE, .max = 1000},                                 \
        {.name = "contact_phone", .type = FIELD_LINE, .max = 100},                                 \
    {                                                                                              \
        .name = "contact_email", .type = FIELD_LINE, .max = 320                                    \
    }

const struct field in_service_fields[] = {SERVICE_FIELDS, {0}};

#define LOCATION_FIELDS                                                                            \
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},        \
        {.name = "name", .type = FIELD_LINE, .max = 1000},                                         \
        {.name = "description", .type = FIELD_TEXT, .max = 10000},                                 \
        {.name = "street", .type = FIELD_LINE, .max = 1000},                                       \
        {.name = "postal_code", .type = FIELD_LINE, .max = 40},                                    \
        {.name = "city", .type = FIELD_LINE, .max = 1000},                                         \
        {.name = "area_code", .type = FIELD_LINE, .max = 40},                                      \
        {.name = "latitude", .type = FIELD_LINE, .max = 40},                                       \
        {.name = "longitude", .type = FIELD_LINE, .max = 40},                                      \
    {                                                                                              \
        .name = "accessibility", .type = FIELD_TEXT, .max = 10000                                  \
    }

const struct field in_location_fields[] = {LOCATION_FIELDS, {0}};

/* A new service on the web may come with its first location. */
const struct field in_service_form_fields[] = {
    SERVICE_FIELDS,
    {.name = "location_name", .type = FIELD_LINE, .max = 1000},
    {.name = "street", .type = FIELD_LINE, .max = 1000},
    {.name = "postal_code", .type = FIELD_LINE, .max = 40},
    {.name = "city", .type = FIELD_LINE, .max = 1000},
    {.name = "area_code", .type = FIELD_LINE, .max = 40},
    {.name = "accessibility", .type = FIELD_TEXT, .max = 10000},
    {0},
};

const struct field in_schedule_fields[] = {
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

const struct field in_service_page_fields[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "done", .type = FIELD_LINE, .max = 40},
    {0},
};

const struct field in_hsds_page_query[] = {
    {.name = "search", .type = FIELD_LINE, .max = 200},
    {.name = "page", .type = FIELD_INT, .min = 1, .max = 1000000},
    {.name = "per_page", .type = FIELD_INT, .min = 1, .max = 100},
    {0},
};

const struct field in_hsds_id_path[] = {
    {.name = "id", .type = FIELD_LINE, .min = 1, .max = 64, .flags = FIELD_REQUIRED},
    {0},
};

/* collectives: kinds, rules and people are checked by the model
 * (model/collective.h), which names the field in its message; people are
 * named by account number or e-mail address. */
static const char *const collective_done[] = {"founded",  "joined", "left",
                                              "admitted", "board",  NULL};

const struct field in_collectives_query[] = {
    {.name = "area", .type = FIELD_CODE},
    {0},
};

const struct field in_collective_found_fields[] = {
    {.name = "name", .type = FIELD_LINE, .max = 200},
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "area", .type = FIELD_LINE, .max = 40},
    {.name = "voting_rule", .type = FIELD_LINE, .max = 40},
    {.name = "statutes", .type = FIELD_TEXT, .max = 20000},
    {.name = "cofounder1", .type = FIELD_LINE, .max = 320},
    {.name = "cofounder2", .type = FIELD_LINE, .max = 320},
    {0},
};

const struct field in_collective_page_fields[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "done", .type = FIELD_CHOICE, .choices = collective_done},
    {0},
};

const struct field in_collective_adviser_fields[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "person", .type = FIELD_LINE, .max = 320},
    {0},
};

const struct field in_collective_board_fields[] = {
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
    {                                                                                              \
        .name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED       \
    }
const struct field in_offers_page[] = {
    OFFER_ID,
    {.name = "done", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_offers_query[] = {
    OFFER_ID,
    {.name = "status", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_offer_form[] = {
    OFFER_ID,
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "text", .type = FIELD_TEXT, .max = 4000},
    {.name = "hours", .type = FIELD_INT, .min = -1000000, .max = 1000000},
    {.name = "organisation", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {0},
};
const struct field in_offer_json[] = {
    OFFER_ID,
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "text", .type = FIELD_TEXT, .max = 4000},
    {.name = "hours", .type = FIELD_INT, .min = -1000000, .max = 1000000},
    {.name = "organisation_id", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {0},
};
const struct field in_external_fields[] = {
    OFFER_ID,
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "date", .type = FIELD_LINE, .max = 40},
    {.name = "text", .type = FIELD_TEXT, .max = 4000},
    {0},
};
const struct field in_notifications_page[] = {
    {.name = "before", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "done", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_notifications_query[] = {
    {.name = "before", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {.name = "limit", .type = FIELD_INT, .min = 1, .max = 100},
    {0},
};
const struct field in_notification_read[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX},
    {0},
};
#undef OFFER_ID

/* initiatives: scope, needs and phases are checked by the model
 * (model/initiative.h), which names the field in its message; "areas" and
 * "needs" of a JSON body are arrays, read by api/initiative.c. */
static const char *const initiative_phase_names[] = {
    "idea", "awareness", "execution", "evaluation", "anchored", "stopped", NULL};
static const char *const initiative_done[] = {"created",   "phase",      "edited",
                                              "evaluated", "initiators", NULL};

const struct field in_initiatives_query[] = {
    {.name = "area", .type = FIELD_CODE},
    {.name = "phase", .type = FIELD_CHOICE, .choices = initiative_phase_names},
    {0},
};

const struct field in_initiative_page_fields[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "done", .type = FIELD_CHOICE, .choices = initiative_done},
    {0},
};

#define INITIATIVE_SCOPE_FIELDS                                                                    \
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX},                                 \
        {.name = "title", .type = FIELD_LINE, .max = 200},                                         \
        {.name = "aim", .type = FIELD_TEXT, .max = 5000},                                          \
        {.name = "threshold_residents", .type = FIELD_INT, .min = 0, .max = 100000},               \
    {                                                                                              \
        .name = "threshold_hours", .type = FIELD_INT, .min = 0, .max = 1000000                     \
    }

const struct field in_initiative_scope_form[] = {
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

const struct field in_initiative_scope_json[] = {
    INITIATIVE_SCOPE_FIELDS,
    {.name = "collective_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {0},
};

const struct field in_initiative_phase_fields[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "phase", .type = FIELD_LINE, .max = 40},
    {.name = "reason", .type = FIELD_TEXT, .max = 5000},
    {0},
};

const struct field in_initiative_initiator_form[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "person", .type = FIELD_LINE, .max = 320},
    {0},
};

const struct field in_initiative_initiator_json[] = {
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "person_id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {0},
};

const struct field in_initiative_evaluation_fields[] = {
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
    {                                                                                              \
        .name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED       \
    }
const struct field in_plan_page[] = {
    PLAN_ID,
    {.name = "done", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_pledge_fields[] = {
    PLAN_ID,
    {.name = "hours", .type = FIELD_LINE, .max = 20},
    {.name = "period", .type = FIELD_LINE, .max = 20},
    {.name = "skill", .type = FIELD_LINE, .max = 400},
    {.name = "role", .type = FIELD_LINE, .max = 400},
    {0},
};
const struct field in_task_fields[] = {
    PLAN_ID,
    {.name = "title", .type = FIELD_LINE, .max = 1000},
    {.name = "due_on", .type = FIELD_LINE, .max = 40},
    {.name = "responsible_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "hold", .type = FIELD_LINE, .max = 10},
    {0},
};
const struct field in_task_update_fields[] = {
    PLAN_ID,
    {.name = "status", .type = FIELD_LINE, .max = 40},
    {.name = "due_on", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_task_ask_fields[] = {
    PLAN_ID,
    {.name = "person_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {0},
};
const struct field in_task_answer_fields[] = {
    PLAN_ID,
    {.name = "answer", .type = FIELD_LINE, .max = 20},
    {0},
};
const struct field in_task_matrix_fields[] = {
    PLAN_ID,
    {.name = "matrix", .type = FIELD_LINE, .max = 2000},
    {.name = "accountable", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "responsible", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "consulted", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "informed", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {0},
};
const struct field in_question_fields[] = {
    PLAN_ID,
    {.name = "question", .type = FIELD_TEXT, .max = 8000},
    {.name = "put_to", .type = FIELD_LINE, .max = 40},
    {.name = "person_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "organisation_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "gemeente", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_answer_fields[] = {
    PLAN_ID,
    {.name = "answer", .type = FIELD_TEXT, .max = 8000},
    {0},
};
#undef PLAN_ID
