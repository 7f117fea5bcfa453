/* The declared inputs of the routes of working together (issues 7 to 10):
 * conflict cases, agreements and rule-free zones, investment hours,
 * decisions, skills and practices, activities and calendars, and the
 * transition monitor. As in http/route_fields.c, the bounds here only keep
 * absurd input out; each model gives the precise message for a value it
 * refuses. Declared in http/route_fields.h, used by http/routes.c. */
#include "http/route_fields.h"

#include <stdint.h>

/* conflicts: bounds are generous; the model (model/conflict.h) gives the
 * precise messages. Who raises, asks, steps and confirms is the signed-in
 * person: never a field. */
#define CONFLICT_ID                                                                                \
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED}
const struct field in_conflict_about[] = {
    {.name = "initiative_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "collective_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "matter", .type = FIELD_TEXT, .max = 4000},
    {.name = "parties", .type = FIELD_TEXT, .max = 4000},
    {0},
};
const struct field in_conflict_page[] = {
    CONFLICT_ID,
    {.name = "done", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_conflict_mediator[] = {
    CONFLICT_ID,
    {.name = "mediator", .type = FIELD_LINE, .max = 400},
    {.name = "capacity", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_conflict_step[] = {
    CONFLICT_ID,
    {.name = "step", .type = FIELD_LINE, .max = 40},
    {.name = "record", .type = FIELD_TEXT, .max = 2000},
    {0},
};
const struct field in_conflict_draft[] = {
    CONFLICT_ID,
    {.name = "text", .type = FIELD_TEXT, .max = 8000},
    {0},
};
const struct field in_conflict_confirm[] = {
    CONFLICT_ID,
    {.name = "version", .type = FIELD_INT, .min = 0, .max = 1000000000},
    {0},
};

/* agreements and zones: lengths are the model's to check (it says what to
 * fix); these bounds only keep absurd input out. Arrays of a JSON body
 * (parties, commitments, rules, ...) are read by api/agreement.c and
 * api/zone.c; the page forms number their rows (c1_kind, r1_subject). */
static const char *const agr_party_kinds[] = {"collective", "organisation", "gemeente",
                                              "initiative", NULL};
static const char *const agr_decisions[] = {"grant", "refuse", NULL};
#define AGR_ID {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED}
#define AGR_TEXT                                                                                  \
    {.name = "title", .type = FIELD_LINE, .max = 1000},                                           \
        {.name = "purpose", .type = FIELD_TEXT, .max = 20000},                                    \
        {.name = "term_from", .type = FIELD_LINE, .max = 40},                                     \
        {.name = "term_to", .type = FIELD_LINE, .max = 40}
#define AGR_ROW(n)                                                                                \
    {.name = "c" #n "_party", .type = FIELD_INT, .min = 0, .max = 20},                            \
        {.name = "c" #n "_kind", .type = FIELD_LINE, .max = 20},                                  \
        {.name = "c" #n "_amount", .type = FIELD_INT, .min = 0, .max = 1000000000},               \
        {.name = "c" #n "_text", .type = FIELD_TEXT, .max = 4000},                                \
        {.name = "r" #n "_party", .type = FIELD_INT, .min = 0, .max = 20},                        \
        {.name = "r" #n "_subject", .type = FIELD_TEXT, .max = 4000}
/* as many rows as a version may hold (AGREEMENT_ITEMS_MAX) */
#define AGR_ROWS                                                                                  \
    AGR_ROW(1), AGR_ROW(2), AGR_ROW(3), AGR_ROW(4), AGR_ROW(5), \
    AGR_ROW(6), AGR_ROW(7), AGR_ROW(8), AGR_ROW(9), AGR_ROW(10), \
    AGR_ROW(11), AGR_ROW(12), AGR_ROW(13), AGR_ROW(14), AGR_ROW(15), \
    AGR_ROW(16), AGR_ROW(17), AGR_ROW(18), AGR_ROW(19), AGR_ROW(20), \
    AGR_ROW(21), AGR_ROW(22), AGR_ROW(23), AGR_ROW(24), AGR_ROW(25), \
    AGR_ROW(26), AGR_ROW(27), AGR_ROW(28), AGR_ROW(29), AGR_ROW(30)
const struct field in_agreement_list[] = {
    {.name = "party_kind", .type = FIELD_CHOICE, .choices = agr_party_kinds},
    {.name = "party", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_agreement_json[] = {AGR_TEXT, {0}};
const struct field in_agreement_page[] = {
    AGR_ID, {.name = "done", .type = FIELD_LINE, .max = 20}, {0}};
const struct field in_agreement_revise_json[] = {
    AGR_ID, {.name = "expected_version", .type = FIELD_INT, .min = 1, .max = 1000000,
             .flags = FIELD_REQUIRED}, AGR_TEXT, {0}};
const struct field in_agreement_version_path[] = {
    AGR_ID, {.name = "version", .type = FIELD_INT, .min = 1, .max = 1000000,
             .flags = FIELD_REQUIRED}, {0}};
const struct field in_agreement_sign[] = {
    AGR_ID,
    {.name = "version", .type = FIELD_INT, .min = 1, .max = 1000000, .flags = FIELD_REQUIRED},
    {.name = "party", .type = FIELD_INT, .min = 0, .max = 20, .flags = FIELD_REQUIRED},
    {0},
};
const struct field in_agreement_end[] = {
    AGR_ID, {.name = "reason", .type = FIELD_TEXT, .max = 4000}, {0}};
const struct field in_agreement_form[] = {
    {.name = "collective", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "organisation1", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "organisation2", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "gemeente", .type = FIELD_LINE, .max = 20},
    {.name = "initiatives", .type = FIELD_LINE, .max = 400},
    AGR_TEXT, AGR_ROWS,
    {0},
};
const struct field in_agreement_revise_form[] = {
    AGR_ID,
    {.name = "expected_version", .type = FIELD_INT, .min = 1, .max = 1000000},
    AGR_TEXT, AGR_ROWS,
    {0},
};
const struct field in_agreement_compare[] = {
    AGR_ID,
    {.name = "from", .type = FIELD_INT, .min = 1, .max = 1000000},
    {.name = "to", .type = FIELD_INT, .min = 1, .max = 1000000},
    {0},
};
#define ZONE_TEXT                                                                                 \
    {.name = "collective_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},                     \
        {.name = "area", .type = FIELD_LINE, .max = 20},                                          \
        {.name = "title", .type = FIELD_LINE, .max = 1000},                                       \
        {.name = "reason", .type = FIELD_TEXT, .max = 20000},                                     \
        {.name = "evaluation_plan", .type = FIELD_TEXT, .max = 20000},                            \
        {.name = "valid_from", .type = FIELD_LINE, .max = 40},                                    \
        {.name = "valid_to", .type = FIELD_LINE, .max = 40}
#define ZONE_ROW(n)                                                                               \
    {.name = "rule" #n "_reference", .type = FIELD_LINE, .max = 4000},                            \
        {.name = "rule" #n "_basis", .type = FIELD_LINE, .max = 4000},                            \
        {.name = "rule" #n "_conditions", .type = FIELD_TEXT, .max = 4000},                       \
        {.name = "duty" #n "_holder", .type = FIELD_LINE, .max = 20},                             \
        {.name = "duty" #n "_subject", .type = FIELD_TEXT, .max = 4000}
const struct field in_zone_list[] = {
    {.name = "gemeente", .type = FIELD_LINE, .max = 20},
    {.name = "collective_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {0},
};
const struct field in_zone_json[] = {ZONE_TEXT, {0}};
const struct field in_zone_form[] = {
    ZONE_TEXT, {.name = "initiatives", .type = FIELD_LINE, .max = 400},
    ZONE_ROW(1), ZONE_ROW(2), ZONE_ROW(3), ZONE_ROW(4), {0}};
const struct field in_zone_decide[] = {
    AGR_ID,
    {.name = "decision", .type = FIELD_CHOICE, .choices = agr_decisions, .flags = FIELD_REQUIRED},
    {.name = "decision_ref", .type = FIELD_LINE, .max = 1000},
    {.name = "note", .type = FIELD_TEXT, .max = 20000},
    {0},
};
const struct field in_zone_note[] = {
    AGR_ID, {.name = "note", .type = FIELD_TEXT, .max = 20000}, {0}};
const struct field in_zone_evaluation[] = {
    AGR_ID, {.name = "evaluation", .type = FIELD_TEXT, .max = 20000}, {0}};

/* hours: bounds are generous; the model (model/hours.h) gives the precise
 * messages. The organisation is the path's; who acts is the session's. */
#define HOURS_ID                                                                                   \
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED}
const struct field in_hours_page[] = {
    HOURS_ID, {.name = "done", .type = FIELD_LINE, .max = 40}, {0}};
const struct field in_hours_pledge[] = {
    HOURS_ID,
    {.name = "area", .type = FIELD_LINE, .max = 20},
    {.name = "hours", .type = FIELD_LINE, .max = 20},
    {.name = "starts_on", .type = FIELD_LINE, .max = 40},
    {.name = "ends_on", .type = FIELD_LINE, .max = 40},
    {.name = "initiative", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "collective", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {0},
};
const struct field in_hours_log[] = {
    HOURS_ID,
    {.name = "on_date", .type = FIELD_LINE, .max = 40},
    {.name = "hours", .type = FIELD_LINE, .max = 20},
    {.name = "initiative", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "kind", .type = FIELD_LINE, .max = 40},
    {.name = "note", .type = FIELD_TEXT, .max = 2000},
    {0},
};
const struct field in_hours_correct[] = {
    HOURS_ID,
    {.name = "movement", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "hours", .type = FIELD_LINE, .max = 20},
    {.name = "note", .type = FIELD_TEXT, .max = 2000},
    {0},
};

/* decisions: bounds are generous; the model (model/decision.h,
 * decision_vote.h) gives the precise messages. The proposer, voter and
 * objector are the signed-in person: never a field. */
#define DECISION_ID                                                                                \
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED}
#define DECISION_DOTS(n) {.name = "dots_" #n, .type = FIELD_INT, .min = -1000, .max = 1000}
const struct field in_decision_page[] = {
    DECISION_ID, {.name = "done", .type = FIELD_LINE, .max = 40}, {0}};
const struct field in_decision_proposal[] = {
    DECISION_ID,
    {.name = "title", .type = FIELD_LINE, .max = 1000},
    {.name = "body", .type = FIELD_TEXT, .max = 20000},
    {.name = "method", .type = FIELD_LINE, .max = 40},
    {.name = "quorum", .type = FIELD_INT, .min = -1000, .max = 1000},
    {.name = "dots", .type = FIELD_INT, .min = -1000, .max = 1000},
    {.name = "hide_results", .type = FIELD_LINE, .max = 10},
    {.name = "options", .type = FIELD_TEXT, .max = 10000},
    {.name = "closes_at", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "closes_on", .type = FIELD_LINE, .max = 40},
    {.name = "closes_time", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_decision_amend[] = {
    DECISION_ID,
    {.name = "title", .type = FIELD_LINE, .max = 1000},
    {.name = "body", .type = FIELD_TEXT, .max = 20000},
    {0},
};
const struct field in_decision_vote[] = {
    DECISION_ID,       {.name = "choice", .type = FIELD_LINE, .max = 40},
    DECISION_DOTS(1),  DECISION_DOTS(2),  DECISION_DOTS(3),  DECISION_DOTS(4),  DECISION_DOTS(5),
    DECISION_DOTS(6),  DECISION_DOTS(7),  DECISION_DOTS(8),  DECISION_DOTS(9),  DECISION_DOTS(10),
    DECISION_DOTS(11), DECISION_DOTS(12), DECISION_DOTS(13), DECISION_DOTS(14), DECISION_DOTS(15),
    DECISION_DOTS(16), DECISION_DOTS(17), DECISION_DOTS(18), DECISION_DOTS(19), DECISION_DOTS(20),
    {0},
};
const struct field in_decision_objection[] = {
    DECISION_ID, {.name = "reason", .type = FIELD_TEXT, .max = 4000}, {0}};
const struct field in_decision_settle[] = {
    DECISION_ID,
    {.name = "objection", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "how", .type = FIELD_LINE, .max = 40},
    {0},
};

/* skills, matching and practices: bounds are generous; the models
 * (model/skill.h, model/match.h, model/practice.h) give the precise
 * messages. Who registers, invites and answers is the signed-in person. */
#define MATCH_ID                                                                                   \
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED}
static const char *const match_bools[] = {"true", "false", NULL};
const struct field in_skill_profile[] = {
    {.name = "hours_month", .type = FIELD_INT, .min = -1000000, .max = 1000000},
    {.name = "visibility", .type = FIELD_LINE, .max = 40},
    {.name = "paused", .type = FIELD_CHOICE, .choices = match_bools},
    {.name = "about", .type = FIELD_TEXT, .max = 4000},
    {.name = "skills", .type = FIELD_LINE, .max = 4000},
    {.name = "allowed", .type = FIELD_LINE, .max = 4000},
    {.name = "done", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_skill_one[] = {
    {.name = "skill", .type = FIELD_LINE, .max = 80},
    {.name = "level", .type = FIELD_LINE, .max = 40},
    {.name = "willing", .type = FIELD_CHOICE, .choices = match_bools},
    {0},
};
const struct field in_skill_pause[] = {
    {.name = "paused", .type = FIELD_CHOICE, .choices = match_bools, .flags = FIELD_REQUIRED},
    {0},
};
const struct field in_skill_need[] = {
    MATCH_ID,
    {.name = "skill", .type = FIELD_LINE, .max = 80},
    {.name = "hours_month", .type = FIELD_INT, .min = -1000000, .max = 1000000},
    {.name = "starts_on", .type = FIELD_LINE, .max = 40},
    {.name = "ends_on", .type = FIELD_LINE, .max = 40},
    {.name = "note", .type = FIELD_TEXT, .max = 2000},
    {.name = "task_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "done", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_match_invite[] = {
    MATCH_ID,
    {.name = "person_id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "message", .type = FIELD_TEXT, .max = 2000},
    {0},
};
const struct field in_match_page[] = {
    MATCH_ID,
    {.name = "done", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_match_mine[] = {
    {.name = "done", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_practice_search[] = {
    {.name = "q", .type = FIELD_LINE, .max = 1000},
    {.name = "theme", .type = FIELD_LINE, .max = 40},
    {.name = "area", .type = FIELD_LINE, .max = 40},
    {0},
};
#define THEME(t) {.name = "theme_" t, .type = FIELD_CHOICE, .choices = match_bools}
const struct field in_practice_publish[] = {
    MATCH_ID,
    {.name = "themes", .type = FIELD_LINE, .max = 400},
    {.name = "contact_me", .type = FIELD_CHOICE, .choices = match_bools},
    THEME("greenery"), THEME("care"), THEME("youth"), THEME("elderly"), THEME("food"),
    THEME("energy"), THEME("safety"), THEME("culture"), THEME("sport"), THEME("meeting"),
    {0},
};

/* activities: bounds are generous; the model (model/activity.h) gives the
 * precise messages. Who signs up, volunteers and organises is the
 * signed-in person: never a field. */
#define ACTIVITY_ID                                                                                \
    {.name = "id", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED}
#define ACTIVITY_FROM {.name = "from", .type = FIELD_INT, .min = 0, .max = INT64_MAX / 4}
#define ACTIVITY_TO {.name = "to", .type = FIELD_INT, .min = 0, .max = INT64_MAX / 4}
const struct field in_activity_fields[] = {
    ACTIVITY_ID,
    {.name = "title", .type = FIELD_LINE, .max = 400},
    {.name = "description", .type = FIELD_TEXT, .max = 10000},
    {.name = "buurt", .type = FIELD_CODE},
    {.name = "date", .type = FIELD_LINE, .max = 40},
    {.name = "starts", .type = FIELD_LINE, .max = 20},
    {.name = "ends", .type = FIELD_LINE, .max = 20},
    {.name = "end_date", .type = FIELD_LINE, .max = 40},
    {.name = "rrule", .type = FIELD_LINE, .max = 400},
    {.name = "freq", .type = FIELD_LINE, .max = 20},
    {.name = "interval", .type = FIELD_LINE, .max = 20},
    {.name = "byday", .type = FIELD_LINE, .max = 200},
    {.name = "until", .type = FIELD_LINE, .max = 40},
    {.name = "count", .type = FIELD_LINE, .max = 20},
    {.name = "address", .type = FIELD_LINE, .max = 400},
    {.name = "location_id", .type = FIELD_INT, .min = 0, .max = INT64_MAX},
    {.name = "capacity", .type = FIELD_INT, .min = 0, .max = 100000},
    {.name = "role_1_name", .type = FIELD_LINE, .max = 200},
    {.name = "role_1_needed", .type = FIELD_INT, .min = 0, .max = 100000},
    {.name = "role_2_name", .type = FIELD_LINE, .max = 200},
    {.name = "role_2_needed", .type = FIELD_INT, .min = 0, .max = 100000},
    {.name = "role_3_name", .type = FIELD_LINE, .max = 200},
    {.name = "role_3_needed", .type = FIELD_INT, .min = 0, .max = 100000},
    {0},
};
const struct field in_activity_page[] = {
    ACTIVITY_ID,
    {.name = "done", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_activity_role[] = {
    ACTIVITY_ID,
    {.name = "role", .type = FIELD_INT, .min = 1, .max = INT64_MAX, .flags = FIELD_REQUIRED},
    {.name = "done", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_activity_cancel[] = {
    ACTIVITY_ID,
    {.name = "reason", .type = FIELD_LINE, .max = 400},
    {.name = "starts_at", .type = FIELD_INT, .min = 0, .max = INT64_MAX / 4},
    {0},
};
const struct field in_activity_range[] = {ACTIVITY_ID, ACTIVITY_FROM, ACTIVITY_TO, {0}};
const struct field in_activity_area_range[] = {
    {.name = "code", .type = FIELD_CODE, .flags = FIELD_REQUIRED},
    ACTIVITY_FROM,
    ACTIVITY_TO,
    {0},
};
const struct field in_activity_my_range[] = {ACTIVITY_FROM, ACTIVITY_TO, {0}};
const struct field in_calendar_page[] = {
    {.name = "done", .type = FIELD_LINE, .max = 40},
    {0},
};
const struct field in_calendar_feed[] = {
    {.name = "token", .type = FIELD_TOKEN, .max = 64, .flags = FIELD_REQUIRED},
    {0},
};

/* transition monitor dashboard */
static const char *const monitor_flag_choices[] = {"yes", "no", "true", "false", NULL};
const struct field in_monitor_page[] = {
    {.name = "code", .type = FIELD_CODE, .flags = FIELD_REQUIRED},
    {.name = "done", .type = FIELD_LINE, .max = 20},
    {0},
};
const struct field in_monitor_series[] = {
    {.name = "code", .type = FIELD_CODE, .flags = FIELD_REQUIRED},
    {.name = "indicator", .type = FIELD_LINE, .max = 8},
    {0},
};
/* The indicator codes of model/monitor.h's table, in its order (a unit
 * test holds the two alike). */
const char *const in_indicator_codes[] = {"I1",   "I2",  "I3",  "I4",  "I5",  "I6",
                                          "I7",   "I8a", "I8b", "I9",  "I10", "I11a",
                                          "I11b", "I12", "I13", "I14", NULL};
const struct field in_monitor_compare[] = {
    {.name = "code", .type = FIELD_CODE, .flags = FIELD_REQUIRED},
    {.name = "indicator", .type = FIELD_CHOICE, .choices = in_indicator_codes},
    {0},
};
const struct field in_monitor_flag[] = {
    {.name = "code", .type = FIELD_CODE, .flags = FIELD_REQUIRED},
    {.name = "flagged",
     .type = FIELD_CHOICE,
     .flags = FIELD_REQUIRED,
     .choices = monitor_flag_choices},
    {.name = "reason", .type = FIELD_TEXT, .max = 2000},
    {0},
};

/* transition monitor indicators: one's voluntary age group (I14) */
const struct field in_age_group_fields[] = {
    {.name = "age_group", .type = FIELD_LINE, .max = 10},
    {0},
};
