/* The personal-data registry, "download my data" and erasure (see the end
 * of person.h). The registry below names every (table, column) that points
 * to person(id), the columns each export shows and the statement that
 * erases; tests/unit/model/person_data_test.c compares it with the schema,
 * so a new table that refers to a person cannot be forgotten: add it here
 * with its columns (or list them as withheld) and say how erasure treats
 * it. */
#include "model/erasure.h"
#include "model/person.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/tx.h"

/* Marks a message id for the catalogs (xgettext's N_, as in render/req.h). */
#define N_(msgid) (msgid)

static const char *const erased_name = N_("Former participant"); /* PERSON_ERASED_NAME */

#define I(name)                                                                                    \
    {                                                                                              \
        name, PERSON_DATA_INT                                                                      \
    }
#define T(name)                                                                                    \
    {                                                                                              \
        name, PERSON_DATA_TEXT                                                                     \
    }

static const struct person_data_column person_cols[] = {
    I("id"), T("email"), T("display_name"), T("lang"), I("created_at"), I("erased_at"), {NULL}};
static const char *const person_withheld[] = {"password_hash", NULL};

static const struct person_data_column session_cols[] = {
    I("id"),         I("person_id"), T("capacity"),   I("created_at"), I("last_seen_at"),
    I("expires_at"), T("ip"),        T("user_agent"), I("ended_at"),   {NULL}};
static const char *const token_withheld[] = {"token_hash", NULL};

static const struct person_data_column invitation_cols[] = {
    I("id"),      I("created_by"), I("created_at"), I("expires_at"),
    I("used_by"), I("used_at"),    T("note"),       {NULL}};
static const char *const invitation_withheld[] = {"code_hash", NULL};

static const struct person_data_column reset_cols[] = {
    I("id"), I("person_id"), I("created_at"), I("expires_at"), I("used_at"), {NULL}};

static const struct person_data_column audit_cols[] = {
    I("id"),        I("at"),        I("person_id"),  T("capacity"), T("action"), T("object_type"),
    T("object_id"), T("area_code"), T("request_id"), I("public"),   T("detail"), {NULL}};
static const char *const none_withheld[] = {NULL};

static const struct person_data_column mail_cols[] = {
    I("id"), I("to_person_id"), T("kind"), T("subject"), I("created_at"), I("sent_at"), {NULL}};
/* An unsent mail's body may hold a live reset link; sent ones keep none. */
static const char *const mail_withheld[] = {"body", NULL};

/* Capacities (0003_capacities.sql). */
static const struct person_data_column residency_cols[] = {
    I("id"),           I("person_id"),   T("buurt_code"),  T("status"),
    T("method"),       I("verified_by"), I("verified_at"), I("vouches"),
    I("requested_at"), I("start_at"),    I("end_at"),      {NULL}};
static const struct person_data_column letter_cols[] = {
    I("id"),         T("buurt_code"), T("address"), I("created_by"), I("created_at"),
    I("expires_at"), I("used_by"),    I("used_at"), {NULL}};
/* Letters an admin printed: the addresses are other people's. */
static const struct person_data_column letter_made_cols[] = {
    I("id"),         T("buurt_code"), I("created_by"), I("created_at"),
    I("expires_at"), I("used_by"),    I("used_at"),    {NULL}};
static const char *const letter_made_withheld[] = {"code_hash", "address", NULL};
static const struct person_data_column vouch_cols[] = {
    I("id"), I("residency_id"), I("voucher_id"), I("created_at"), {NULL}};
static const struct person_data_column post_cols[] = {
    I("id"),           I("person_id"),    I("organisation_id"), T("title"),  T("status"),
    I("confirmed_by"), I("requested_at"), I("start_at"),        I("end_at"), {NULL}};
static const struct person_data_column role_cols[] = {
    I("id"),         I("person_id"),  T("role"),       I("organisation_id"), T("gemeente_code"),
    I("granted_by"), I("granted_at"), I("revoked_by"), I("revoked_at"),      {NULL}};
static const struct person_data_column interest_cols[] = {
    I("id"), I("person_id"), I("organisation_id"), T("note"), I("declared_at"), {NULL}};
static const struct person_data_column report_cols[] = {
    I("id"),     I("reporter_id"), T("object_type"), T("object_id"),
    T("reason"), I("created_at"),  T("status"),      {NULL}};
static const struct person_data_column hidden_cols[] = {
    I("id"),        T("object_type"), T("object_id"),   I("hidden_by"), T("reason"),
    I("hidden_at"), I("unhidden_by"), I("unhidden_at"), {NULL}};
/* The arena (0007_arena.sql): relations recorded or ended, history added. */
static const struct person_data_column relation_cols[] = {
    I("id"),       T("from_type"),  I("from_id"),  T("to_type"),     I("to_id"),
    T("kind"),     T("start_date"), T("end_date"), I("recorded_by"), I("recorded_at"),
    I("ended_by"), I("ended_at"),   {NULL}};
static const struct person_data_column history_cols[] = {
    I("id"),          T("area_code"), T("event_date"), T("kind"),       T("title"),
    T("description"), I("author_id"), T("capacity"),   I("created_at"), {NULL}};
/* Collectives (0008_collectives.sql). */
static const struct person_data_column collective_cols[] = {
    I("id"),     T("name"),       T("kind"),       T("area_code"),    T("voting_rule"),
    T("status"), I("founded_by"), I("created_at"), I("activated_at"), {NULL}};
static const struct person_data_column collective_member_cols[] = {
    I("id"),         I("collective_id"), I("person_id"), T("role"),
    T("board_role"), T("status"),        T("capacity"),  I("added_by"),
    I("created_at"), I("joined_at"),     I("left_at"),   {NULL}};
static const char *const collective_withheld[] = {"statutes", NULL};
/* Initiatives (0009_initiatives.sql). */
static const struct person_data_column initiative_cols[] = {I("id"),
                                                            T("title"),
                                                            T("aim"),
                                                            I("collective_id"),
                                                            T("phase"),
                                                            T("frozen_reason"),
                                                            I("threshold_residents"),
                                                            I("threshold_hours"),
                                                            I("created_by"),
                                                            I("created_at"),
                                                            I("updated_at"),
                                                            {NULL}};
static const struct person_data_column initiator_cols[] = {
    I("id"),       I("initiative_id"), I("person_id"), I("added_by"),
    I("since_at"), I("until_at"),      {NULL}};
static const struct person_data_column phase_change_cols[] = {
    I("id"),       I("initiative_id"), T("from_phase"), T("to_phase"), I("person_id"),
    T("capacity"), T("reason"),        I("at"),         {NULL}};
static const struct person_data_column evaluation_cols[] = {
    I("initiative_id"), T("results"),    T("worked"),     T("did_not_work"),
    T("conditions"),    I("updated_by"), I("updated_at"), {NULL}};
/* Offers, external decisions, notifications (0011_offers_notifications.sql). */
static const struct person_data_column offer_cols[] = {I("id"),
                                                       I("initiative_id"),
                                                       I("person_id"),
                                                       I("organisation_id"),
                                                       T("capacity"),
                                                       T("kind"),
                                                       T("body"),
                                                       I("hours"),
                                                       I("connect_organisation_id"),
                                                       T("status"),
                                                       I("created_at"),
                                                       I("answered_by"),
                                                       I("answered_at"),
                                                       {NULL}};
static const struct person_data_column external_cols[] = {I("id"),
                                                          I("initiative_id"),
                                                          T("kind"),
                                                          I("decided_by_organisation_id"),
                                                          T("decided_by_gemeente"),
                                                          T("decided_on"),
                                                          T("body"),
                                                          I("recorded_by"),
                                                          T("capacity"),
                                                          I("recorded_at"),
                                                          {NULL}};
static const struct person_data_column notification_cols[] = {
    I("id"),     I("person_id"),  T("kind"),    I("initiative_id"),
    T("detail"), I("created_at"), I("read_at"), T("path"), {NULL}};
/* Activities (0013_activities.sql). */
static const struct person_data_column activity_cols[] = {
    I("id"),          I("initiative_id"), I("collective_id"), T("buurt_code"), T("title"),
    T("description"), I("starts_at"),     I("ends_at"),       T("rrule"),      T("address"),
    I("location_id"), I("capacity"),      I("taken"),         T("status"),     T("cancel_reason"),
    I("sequence"),    I("created_by"),    I("created_at"),    I("updated_at"), I("cancelled_at"),
    {NULL}};
static const struct person_data_column activity_exception_cols[] = {
    I("activity_id"), I("starts_at"), T("reason"), I("created_by"), I("created_at"), {NULL}};
static const struct person_data_column activity_signup_cols[] = {
    I("id"),         I("activity_id"), I("person_id"),    T("status"),
    I("created_at"), I("updated_at"),  I("cancelled_at"), {NULL}};
static const struct person_data_column activity_volunteer_cols[] = {
    I("id"),         I("role_id"),      I("person_id"), T("status"),
    I("created_at"), I("withdrawn_at"), {NULL}};
static const struct person_data_column activity_feed_cols[] = {
    I("person_id"), I("created_at"), {NULL}};
/* Pledges and the plan (0010_pledges_plan.sql). */
static const struct person_data_column pledge_cols[] = {
    I("id"),         I("initiative_id"), I("person_id"),    I("hours_tenths"),
    T("period"),     T("skill"),         T("role"),         T("status"),
    I("created_at"), I("updated_at"),    I("withdrawn_at"), {NULL}};
static const struct person_data_column task_cols[] = {
    I("id"),     I("initiative_id"), T("title"),      T("due_on"),     I("responsible_id"),
    T("status"), I("created_by"),    I("created_at"), I("updated_at"), {NULL}};
static const struct person_data_column task_consent_cols[] = {
    I("id"),     I("task_id"),  I("person_id"),   I("asked_by"),
    T("status"), I("asked_at"), I("answered_at"), {NULL}};
static const struct person_data_column task_raci_cols[] = {
    I("task_id"), I("person_id"), T("letter"), {NULL}};
static const struct person_data_column question_cols[] = {I("id"),
                                                          I("initiative_id"),
                                                          T("question"),
                                                          I("asked_by"),
                                                          T("asked_capacity"),
                                                          I("asked_at"),
                                                          T("put_to"),
                                                          I("put_to_person"),
                                                          I("put_to_organisation"),
                                                          T("put_to_gemeente"),
                                                          T("answer"),
                                                          I("answered_by"),
                                                          T("answered_capacity"),
                                                          I("answered_at"),
                                                          {NULL}};

/* Decisions (0014_decisions.sql): public records of a collective or an
 * initiative, kept on erasure, pointing to an anonymous person. */
static const struct person_data_column decision_cols[] = {
    I("id"),          I("collective_id"),  I("initiative_id"),   T("title"),
    T("body"),        T("method"),         I("quorum_percent"),  I("dots"),
    I("hide_results"), I("version"),       I("proposed_by"),     I("created_at"),
    I("updated_at"),  I("closes_at"),      T("status"),          I("closed_at"),
    I("closed_by"),   T("outcome"),        I("eligible_count"),  I("votes_count"),
    I("for_count"),   I("against_count"),  I("abstain_count"),   I("objection_count"),
    {NULL}};
static const struct person_data_column decision_version_cols[] = {
    I("id"),         I("decision_id"), I("version"), T("title"), T("body"),
    I("created_by"), I("created_at"),  {NULL}};
static const struct person_data_column decision_vote_cols[] = {
    I("id"),       I("decision_id"), I("person_id"),  I("version"), T("choice"),
    T("capacity"), I("created_at"),  I("updated_at"), {NULL}};
static const struct person_data_column decision_objection_cols[] = {
    I("id"),     I("decision_id"), I("version"),    I("person_id"), T("reason"),
    T("status"), I("created_at"),  I("settled_at"), I("settled_by"), {NULL}};
/* Agreements and rule-free zones (0017_agreements_zones.sql): public
 * records, kept on erasure, pointing to an anonymous person. */
static const struct person_data_column agreement_cols[] = {
    I("id"),         I("version"),  T("status"),   I("created_by"), I("created_at"),
    I("updated_at"), I("ended_by"), I("ended_at"), T("end_reason"), {NULL}};
static const struct person_data_column agreement_version_cols[] = {
    I("id"),         T("title"),            T("purpose"),    T("term_from"), T("term_to"),
    I("created_by"), T("created_capacity"), I("created_at"), I("version"),   I("agreement_id"),
    {NULL}};
static const struct person_data_column agreement_signature_cols[] = {
    I("id"), I("version_id"), I("party_id"), I("person_id"), T("capacity"), I("signed_at"), {NULL}};
static const struct person_data_column zone_cols[] = {
    I("id"),           I("collective_id"),      T("gemeente_code"),    T("area_code"),
    T("title"),        T("reason"),             T("evaluation_plan"),  T("valid_from"),
    T("valid_to"),     T("status"),             I("requested_by"),     T("requested_capacity"),
    I("requested_at"), I("decided_by"),         T("decided_capacity"), I("decided_at"),
    T("decision_ref"), T("decision_note"),      I("ended_by"),         I("ended_at"),
    T("evaluation"),   I("evaluated_by"),       T("evaluated_capacity"), I("evaluated_at"),
    I("reminded_at"),  {NULL}};
/* Investment hours (0016_hours.sql). */
static const struct person_data_column hour_pledge_cols[] = {
    I("id"),            I("organisation_id"), T("area_code"),  I("hours_tenths"),
    T("starts_on"),     T("ends_on"),         I("initiative_id"), I("collective_id"),
    T("status"),        I("created_by"),      I("created_at"), I("withdrawn_by"),
    I("withdrawn_at"),  {NULL}};
static const struct person_data_column hours_movement_cols[] = {
    I("id"),        I("pledge_id"), T("kind"),     I("corrects_id"), T("on_date"),
    I("initiative_id"), T("work_kind"), T("note"), I("person_id"),   T("capacity"),
    I("created_at"), {NULL}};

/* Skills, matching and practices (0018_skills_practices.sql). */
static const struct person_data_column skill_profile_cols[] = {
    I("person_id"), I("hours_month"), T("visibility"), I("paused"), T("about"), I("updated_at"),
    {NULL}};
static const struct person_data_column person_skill_cols[] = {
    I("person_id"), T("skill_code"), T("level"), I("willing"), {NULL}};
static const struct person_data_column skill_allowed_cols[] = {
    I("person_id"), I("allowed_id"), {NULL}};
static const struct person_data_column match_need_cols[] = {
    I("id"),   I("initiative_id"), T("skill_code"), I("hours_month"), T("starts_on"), T("ends_on"),
    T("note"), I("created_by"),    I("created_at"), I("closed_at"),   I("task_id"), {NULL}};
static const struct person_data_column match_invite_cols[] = {
    I("id"),     I("need_id"),    I("person_id"),   I("invited_by"), T("invited_capacity"),
    T("message"), T("status"),    I("created_at"),  I("answered_at"), I("pledge_id"), {NULL}};
static const struct person_data_column practice_cols[] = {
    I("id"),           I("initiative_id"), T("title"),      T("aim"),          T("worked"),
    T("did_not_work"), T("conditions"),    T("buurt_code"), T("wijk_code"),    T("gemeente_code"),
    I("contact_id"),   I("published_by"),  I("published_at"), {NULL}};

/* The transition monitor (0019_monitor.sql). */
static const struct person_data_column vulnerable_flag_cols[] = {
    T("area_code"), T("reason"), I("flagged_by"), I("flagged_at"), {NULL}};
static const struct person_data_column age_group_cols[] = {
    I("person_id"), T("age_group"), I("updated_at"), {NULL}};

/* Conflict cases (0015_conflicts.sql): the shared record of every party.
 * Erasing one person closes each open case they are a party to or mediate
 * without agreement (an agreement needs every party's confirmation and the
 * mediator's draft, which they can no longer give); the matter they raised
 * and the step records they wrote become "" (their words, often about the
 * others, go with them); a mediator choice naming them is cleared. The
 * party rows, the steps (who did what when, shown as from a former
 * participant) and an agreement text all parties confirmed stay: they are
 * the other parties' record too. A mediator's download leaves out the
 * matter (the raiser's words). */
static const struct person_data_column conflict_case_cols[] = {
    I("id"), I("initiative_id"), T("area_code"), T("step"), I("collective_id"), I("raised_by"),
    T("raised_capacity"), I("mediator_id"), T("mediator_capacity"), T("agreement_text"),
    I("agreement_version"), I("created_at"), I("updated_at"), I("closed_at"), T("matter"),
    {NULL}};
static const struct person_data_column conflict_mediated_cols[] = {
    I("id"), I("initiative_id"), T("area_code"), T("step"), I("collective_id"), I("raised_by"),
    T("raised_capacity"), I("mediator_id"), T("mediator_capacity"), T("agreement_text"),
    I("agreement_version"), I("created_at"), I("updated_at"), I("closed_at"), {NULL}};
static const char *const conflict_mediated_withheld[] = {"matter", NULL};
static const struct person_data_column conflict_party_cols[] = {
    I("case_id"),           I("person_id"), I("choice_id"), T("choice_capacity"),
    I("confirmed_version"), I("added_at"),  {NULL}};
static const struct person_data_column conflict_step_cols[] = {
    I("id"), I("case_id"), T("kind"), T("record"), I("person_id"), T("capacity"), I("at"), {NULL}};

#undef I
#undef T

static const struct person_data_table registry[] = {
    /* The person row is anonymised by person_erase itself. */
    {"person", "id", person_cols, person_withheld,
     "SELECT id, email, display_name, lang, created_at, erased_at FROM person WHERE id = ?", NULL},
    {"session", "person_id", session_cols, token_withheld,
     "SELECT id, person_id, capacity, created_at, last_seen_at, expires_at, ip, user_agent, "
     "ended_at FROM session WHERE person_id = ? ORDER BY id",
     "DELETE FROM session WHERE person_id = ?"},
    /* The fact of an invitation stays; its note (free text that may name
     * someone) goes, and the person's unused codes stop working. */
    {"invitation", "created_by", invitation_cols, invitation_withheld,
     "SELECT id, created_by, created_at, expires_at, used_by, used_at, note FROM invitation "
     "WHERE created_by = ? ORDER BY id",
     "UPDATE invitation SET note = NULL, expires_at = CASE WHEN used_at IS NULL "
     "THEN created_at ELSE expires_at END WHERE created_by = ?"},
    {"invitation", "used_by", invitation_cols, invitation_withheld,
     "SELECT id, created_by, created_at, expires_at, used_by, used_at, note FROM invitation "
     "WHERE used_by = ? ORDER BY id",
     "UPDATE invitation SET note = NULL WHERE used_by = ?"},
    {"password_reset", "person_id", reset_cols, token_withheld,
     "SELECT id, person_id, created_at, expires_at, used_at FROM password_reset "
     "WHERE person_id = ? ORDER BY id",
     "DELETE FROM password_reset WHERE person_id = ?"},
    /* Append-only, and without personal text by construction (audit.c
     * refuses it): the rows stay, now pointing to an anonymous person. */
    {"audit_log", "person_id", audit_cols, none_withheld,
     "SELECT id, at, person_id, capacity, action, object_type, object_id, area_code, "
     "request_id, public, detail FROM audit_log WHERE person_id = ? ORDER BY id",
     NULL},
    {"mail_outbox", "to_person_id", mail_cols, mail_withheld,
     "SELECT id, to_person_id, kind, subject, created_at, sent_at FROM mail_outbox "
     "WHERE to_person_id = ? ORDER BY id",
     "DELETE FROM mail_outbox WHERE to_person_id = ?"},
    /* Capacities. A residency or post of an erased person ends (at the
     * erasure: person_erase anonymises the person row first) and stays as
     * history, as do their roles (revoked), vouches and what they did as
     * an admin or moderator; their own address on a used letter, the notes
     * of their declarations and the text of their reports go. */
    {"residency", "person_id", residency_cols, none_withheld,
     "SELECT id, person_id, buurt_code, status, method, verified_by, verified_at, vouches, "
     "requested_at, start_at, end_at FROM residency WHERE person_id = ? ORDER BY id",
     "UPDATE residency SET status = 'ended', end_at = (SELECT erased_at FROM person p "
     "WHERE p.id = residency.person_id) WHERE person_id = ? "
     "AND status IN ('requested', 'verified')"},
    {"residency", "verified_by", residency_cols, none_withheld,
     "SELECT id, person_id, buurt_code, status, method, verified_by, verified_at, vouches, "
     "requested_at, start_at, end_at FROM residency WHERE verified_by = ? ORDER BY id",
     NULL},
    {"residency_letter", "created_by", letter_made_cols, letter_made_withheld,
     "SELECT id, buurt_code, created_by, created_at, expires_at, used_by, used_at "
     "FROM residency_letter WHERE created_by = ? ORDER BY id",
     NULL},
    {"residency_letter", "used_by", letter_cols, invitation_withheld,
     "SELECT id, buurt_code, address, created_by, created_at, expires_at, used_by, used_at "
     "FROM residency_letter WHERE used_by = ? ORDER BY id",
     "UPDATE residency_letter SET address = '' WHERE used_by = ?"},
    {"vouch", "voucher_id", vouch_cols, none_withheld,
     "SELECT id, residency_id, voucher_id, created_at FROM vouch WHERE voucher_id = ? "
     "ORDER BY id",
     NULL},
    {"post", "person_id", post_cols, none_withheld,
     "SELECT id, person_id, organisation_id, title, status, confirmed_by, requested_at, "
     "start_at, end_at FROM post WHERE person_id = ? ORDER BY id",
     "UPDATE post SET status = 'ended', end_at = (SELECT erased_at FROM person p "
     "WHERE p.id = post.person_id) WHERE person_id = ? AND status IN ('requested', 'confirmed')"},
    {"post", "confirmed_by", post_cols, none_withheld,
     "SELECT id, person_id, organisation_id, title, status, confirmed_by, requested_at, "
     "start_at, end_at FROM post WHERE confirmed_by = ? ORDER BY id",
     NULL},
    {"role_grant", "person_id", role_cols, none_withheld,
     "SELECT id, person_id, role, organisation_id, gemeente_code, granted_by, granted_at, "
     "revoked_by, revoked_at FROM role_grant WHERE person_id = ? ORDER BY id",
     "UPDATE role_grant SET revoked_at = (SELECT erased_at FROM person p "
     "WHERE p.id = role_grant.person_id) WHERE person_id = ? AND revoked_at IS NULL"},
    {"role_grant", "granted_by", role_cols, none_withheld,
     "SELECT id, person_id, role, organisation_id, gemeente_code, granted_by, granted_at, "
     "revoked_by, revoked_at FROM role_grant WHERE granted_by = ? ORDER BY id",
     NULL},
    {"role_grant", "revoked_by", role_cols, none_withheld,
     "SELECT id, person_id, role, organisation_id, gemeente_code, granted_by, granted_at, "
     "revoked_by, revoked_at FROM role_grant WHERE revoked_by = ? ORDER BY id",
     NULL},
    {"interest_declaration", "person_id", interest_cols, none_withheld,
     "SELECT id, person_id, organisation_id, note, declared_at FROM interest_declaration "
     "WHERE person_id = ? ORDER BY id",
     "UPDATE interest_declaration SET note = NULL WHERE person_id = ?"},
    {"content_report", "reporter_id", report_cols, none_withheld,
     "SELECT id, reporter_id, object_type, object_id, reason, created_at, status "
     "FROM content_report WHERE reporter_id = ? ORDER BY id",
     "UPDATE content_report SET reason = '' WHERE reporter_id = ?"},
    {"content_hidden", "hidden_by", hidden_cols, none_withheld,
     "SELECT id, object_type, object_id, hidden_by, reason, hidden_at, unhidden_by, "
     "unhidden_at FROM content_hidden WHERE hidden_by = ? ORDER BY id",
     NULL},
    {"content_hidden", "unhidden_by", hidden_cols, none_withheld,
     "SELECT id, object_type, object_id, hidden_by, reason, hidden_at, unhidden_by, "
     "unhidden_at FROM content_hidden WHERE unhidden_by = ? ORDER BY id",
     NULL},
    /* The arena: relations and history events are public records of the
     * neighbourhood and stay, pointing to an anonymous person. */
    {"relation", "recorded_by", relation_cols, none_withheld,
     "SELECT id, from_type, from_id, to_type, to_id, kind, start_date, end_date, recorded_by, "
     "recorded_at, ended_by, ended_at FROM relation WHERE recorded_by = ? ORDER BY id",
     NULL},
    {"relation", "ended_by", relation_cols, none_withheld,
     "SELECT id, from_type, from_id, to_type, to_id, kind, start_date, end_date, recorded_by, "
     "recorded_at, ended_by, ended_at FROM relation WHERE ended_by = ? ORDER BY id",
     NULL},
    {"history_event", "author_id", history_cols, none_withheld,
     "SELECT id, area_code, event_date, kind, title, description, author_id, capacity, "
     "created_at FROM history_event WHERE author_id = ? ORDER BY id",
     NULL},
    /* Collectives are public records and stay; an erased person's
     * memberships end (at the erasure), giving up any board role. */
    {"collective", "founded_by", collective_cols, collective_withheld,
     "SELECT id, name, kind, area_code, voting_rule, status, founded_by, created_at, "
     "activated_at FROM collective WHERE founded_by = ? ORDER BY id",
     NULL},
    {"collective_member", "person_id", collective_member_cols, none_withheld,
     "SELECT id, collective_id, person_id, role, board_role, status, capacity, added_by, "
     "created_at, joined_at, left_at FROM collective_member WHERE person_id = ? ORDER BY id",
     "UPDATE collective_member SET status = 'left', board_role = NULL, left_at = (SELECT "
     "erased_at FROM person p WHERE p.id = collective_member.person_id) WHERE person_id = ? "
     "AND status IN ('named', 'joined')"},
    {"collective_member", "added_by", collective_member_cols, none_withheld,
     "SELECT id, collective_id, person_id, role, board_role, status, capacity, added_by, "
     "created_at, joined_at, left_at FROM collective_member WHERE added_by = ? ORDER BY id",
     NULL},
    /* Initiatives are public records of the neighbourhood and stay; an
     * erased person stops being an initiator (at the erasure), which
     * freezes an initiative they were the last one of. */
    {"initiative", "created_by", initiative_cols, none_withheld,
     "SELECT id, title, aim, collective_id, phase, frozen_reason, threshold_residents, "
     "threshold_hours, created_by, created_at, updated_at FROM initiative WHERE created_by = ? "
     "ORDER BY id",
     NULL},
    {"initiative_initiator", "person_id", initiator_cols, none_withheld,
     "SELECT id, initiative_id, person_id, added_by, since_at, until_at FROM initiative_initiator "
     "WHERE person_id = ? ORDER BY id",
     "UPDATE initiative_initiator SET until_at = (SELECT erased_at FROM person p "
     "WHERE p.id = initiative_initiator.person_id) WHERE person_id = ? AND until_at IS NULL"},
    {"initiative_initiator", "added_by", initiator_cols, none_withheld,
     "SELECT id, initiative_id, person_id, added_by, since_at, until_at FROM initiative_initiator "
     "WHERE added_by = ? ORDER BY id",
     NULL},
    {"initiative_phase_change", "person_id", phase_change_cols, none_withheld,
     "SELECT id, initiative_id, from_phase, to_phase, person_id, capacity, reason, at "
     "FROM initiative_phase_change WHERE person_id = ? ORDER BY id",
     NULL},
    {"initiative_evaluation", "updated_by", evaluation_cols, none_withheld,
     "SELECT initiative_id, results, worked, did_not_work, conditions, updated_by, updated_at "
     "FROM initiative_evaluation WHERE updated_by = ? ORDER BY initiative_id",
     NULL},
    /* Offers and external decisions are public records of an initiative
     * and stay, pointing to an anonymous person; notifications are one's
     * own and go. */
    {"offer", "person_id", offer_cols, none_withheld,
     "SELECT id, initiative_id, person_id, organisation_id, capacity, kind, body, hours, "
     "connect_organisation_id, status, created_at, answered_by, answered_at FROM offer "
     "WHERE person_id = ? ORDER BY id",
     NULL},
    {"offer", "answered_by", offer_cols, none_withheld,
     "SELECT id, initiative_id, person_id, organisation_id, capacity, kind, body, hours, "
     "connect_organisation_id, status, created_at, answered_by, answered_at FROM offer "
     "WHERE answered_by = ? ORDER BY id",
     NULL},
    {"external_event", "recorded_by", external_cols, none_withheld,
     "SELECT id, initiative_id, kind, decided_by_organisation_id, decided_by_gemeente, "
     "decided_on, body, recorded_by, capacity, recorded_at FROM external_event "
     "WHERE recorded_by = ? ORDER BY id",
     NULL},
    {"notification", "person_id", notification_cols, none_withheld,
     "SELECT id, person_id, kind, initiative_id, detail, created_at, read_at, path "
     "FROM notification "
     "WHERE person_id = ? ORDER BY id",
     "DELETE FROM notification WHERE person_id = ?"},
    /* Pledges are one's own commitment: an erased person's active ones are
     * withdrawn (at the erasure) and their open requests to hold a task
     * declined. Tasks, matrices and responsibility questions are public
     * records of an initiative's plan and stay, pointing to an anonymous
     * person. */
    {"pledge", "person_id", pledge_cols, none_withheld,
     "SELECT id, initiative_id, person_id, hours_tenths, period, skill, role, status, "
     "created_at, updated_at, withdrawn_at FROM pledge WHERE person_id = ? ORDER BY id",
     "UPDATE pledge SET status = 'withdrawn', withdrawn_at = (SELECT erased_at FROM person p "
     "WHERE p.id = pledge.person_id) WHERE person_id = ? AND status = 'active'"},
    {"task", "responsible_id", task_cols, none_withheld,
     "SELECT id, initiative_id, title, due_on, responsible_id, status, created_by, created_at, "
     "updated_at FROM task WHERE responsible_id = ? ORDER BY id",
     NULL},
    {"task", "created_by", task_cols, none_withheld,
     "SELECT id, initiative_id, title, due_on, responsible_id, status, created_by, created_at, "
     "updated_at FROM task WHERE created_by = ? ORDER BY id",
     NULL},
    {"task_consent", "person_id", task_consent_cols, none_withheld,
     "SELECT id, task_id, person_id, asked_by, status, asked_at, answered_at FROM task_consent "
     "WHERE person_id = ? ORDER BY id",
     "UPDATE task_consent SET status = 'declined', answered_at = (SELECT erased_at FROM person p "
     "WHERE p.id = task_consent.person_id) WHERE person_id = ? AND status = 'asked'"},
    {"task_consent", "asked_by", task_consent_cols, none_withheld,
     "SELECT id, task_id, person_id, asked_by, status, asked_at, answered_at FROM task_consent "
     "WHERE asked_by = ? ORDER BY id",
     NULL},
    {"task_raci", "person_id", task_raci_cols, none_withheld,
     "SELECT task_id, person_id, letter FROM task_raci WHERE person_id = ? ORDER BY task_id", NULL},
    {"responsibility_question", "asked_by", question_cols, none_withheld,
     "SELECT id, initiative_id, question, asked_by, asked_capacity, asked_at, put_to, "
     "put_to_person, put_to_organisation, put_to_gemeente, answer, answered_by, "
     "answered_capacity, answered_at FROM responsibility_question "
     "WHERE asked_by = ? ORDER BY id",
     NULL},
    {"responsibility_question", "put_to_person", question_cols, none_withheld,
     "SELECT id, initiative_id, question, asked_by, asked_capacity, asked_at, put_to, "
     "put_to_person, put_to_organisation, put_to_gemeente, answer, answered_by, "
     "answered_capacity, answered_at FROM responsibility_question "
     "WHERE put_to_person = ? ORDER BY id",
     NULL},
    {"responsibility_question", "answered_by", question_cols, none_withheld,
     "SELECT id, initiative_id, question, asked_by, asked_capacity, asked_at, put_to, "
     "put_to_person, put_to_organisation, put_to_gemeente, answer, answered_by, "
     "answered_capacity, answered_at FROM responsibility_question "
     "WHERE answered_by = ? ORDER BY id",
     NULL},
    /* Activities are the public record of their initiative or collective
     * and stay; so do an erased person's sign-ups and volunteering, which
     * hold counted places (activity.taken): they point to an anonymous
     * person, whom the organisers see as such. Their feed goes. */
    {"activity", "created_by", activity_cols, none_withheld,
     "SELECT id, initiative_id, collective_id, buurt_code, title, description, starts_at, "
     "ends_at, rrule, address, location_id, capacity, taken, status, cancel_reason, sequence, "
     "created_by, created_at, updated_at, cancelled_at FROM activity WHERE created_by = ? "
     "ORDER BY id",
     NULL},
    {"activity_exception", "created_by", activity_exception_cols, none_withheld,
     "SELECT activity_id, starts_at, reason, created_by, created_at FROM activity_exception "
     "WHERE created_by = ? ORDER BY activity_id, starts_at",
     NULL},
    {"activity_signup", "person_id", activity_signup_cols, none_withheld,
     "SELECT id, activity_id, person_id, status, created_at, updated_at, cancelled_at "
     "FROM activity_signup WHERE person_id = ? ORDER BY id",
     NULL},
    {"activity_volunteer", "person_id", activity_volunteer_cols, none_withheld,
     "SELECT id, role_id, person_id, status, created_at, withdrawn_at FROM activity_volunteer "
     "WHERE person_id = ? ORDER BY id",
     NULL},
    {"activity_feed_token", "person_id", activity_feed_cols, token_withheld,
     "SELECT person_id, created_at FROM activity_feed_token WHERE person_id = ?",
     "DELETE FROM activity_feed_token WHERE person_id = ?"},
    /* Decisions, votes and objections are public records of a collective
     * or an initiative: they stay, pointing to an anonymous person, and an
     * erased person's vote keeps counting. */
    {"decision", "proposed_by", decision_cols, none_withheld,
     "SELECT id, collective_id, initiative_id, title, body, method, quorum_percent, dots, "
     "hide_results, version, proposed_by, created_at, updated_at, closes_at, status, "
     "closed_at, closed_by, outcome, eligible_count, votes_count, for_count, against_count, "
     "abstain_count, objection_count FROM decision WHERE proposed_by = ? ORDER BY id",
     NULL},
    {"decision", "closed_by", decision_cols, none_withheld,
     "SELECT id, collective_id, initiative_id, title, body, method, quorum_percent, dots, "
     "hide_results, version, proposed_by, created_at, updated_at, closes_at, status, "
     "closed_at, closed_by, outcome, eligible_count, votes_count, for_count, against_count, "
     "abstain_count, objection_count FROM decision WHERE closed_by = ? ORDER BY id",
     NULL},
    {"decision_version", "created_by", decision_version_cols, none_withheld,
     "SELECT id, decision_id, version, title, body, created_by, created_at FROM decision_version "
     "WHERE created_by = ? ORDER BY id",
     NULL},
    {"decision_vote", "person_id", decision_vote_cols, none_withheld,
     "SELECT id, decision_id, person_id, version, choice, capacity, created_at, updated_at "
     "FROM decision_vote WHERE person_id = ? ORDER BY id",
     NULL},
    {"decision_objection", "person_id", decision_objection_cols, none_withheld,
     "SELECT id, decision_id, version, person_id, reason, status, created_at, settled_at, "
     "settled_by FROM decision_objection WHERE person_id = ? ORDER BY id",
     NULL},
    {"decision_objection", "settled_by", decision_objection_cols, none_withheld,
     "SELECT id, decision_id, version, person_id, reason, status, created_at, settled_at, "
     "settled_by FROM decision_objection WHERE settled_by = ? ORDER BY id",
     NULL},
    /* Agreements and rule-free zones are public records of the parties and
     * the gemeente: they stay, pointing to an anonymous person. */
    {"agreement", "created_by", agreement_cols, none_withheld,
     "SELECT id, version, status, created_by, created_at, updated_at, ended_by, ended_at, "
     "end_reason FROM agreement WHERE created_by = ? ORDER BY id",
     NULL},
    {"agreement", "ended_by", agreement_cols, none_withheld,
     "SELECT id, version, status, created_by, created_at, updated_at, ended_by, ended_at, "
     "end_reason FROM agreement WHERE ended_by = ? ORDER BY id",
     NULL},
    {"agreement_version", "created_by", agreement_version_cols, none_withheld,
     "SELECT id, title, purpose, term_from, term_to, created_by, created_capacity, created_at, "
     "version, agreement_id FROM agreement_version WHERE created_by = ? ORDER BY id",
     NULL},
    {"agreement_signature", "person_id", agreement_signature_cols, none_withheld,
     "SELECT id, version_id, party_id, person_id, capacity, signed_at FROM agreement_signature "
     "WHERE person_id = ? ORDER BY id",
     NULL},
    {"zone", "requested_by", zone_cols, none_withheld,
     "SELECT id, collective_id, gemeente_code, area_code, title, reason, evaluation_plan, "
     "valid_from, valid_to, status, requested_by, requested_capacity, requested_at, "
     "decided_by, decided_capacity, decided_at, decision_ref, decision_note, ended_by, "
     "ended_at, evaluation, evaluated_by, evaluated_capacity, evaluated_at, reminded_at "
     "FROM zone "
     "WHERE requested_by = ? ORDER BY id",
     NULL},
    {"zone", "decided_by", zone_cols, none_withheld,
     "SELECT id, collective_id, gemeente_code, area_code, title, reason, evaluation_plan, "
     "valid_from, valid_to, status, requested_by, requested_capacity, requested_at, "
     "decided_by, decided_capacity, decided_at, decision_ref, decision_note, ended_by, "
     "ended_at, evaluation, evaluated_by, evaluated_capacity, evaluated_at, reminded_at "
     "FROM zone "
     "WHERE decided_by = ? ORDER BY id",
     NULL},
    {"zone", "ended_by", zone_cols, none_withheld,
     "SELECT id, collective_id, gemeente_code, area_code, title, reason, evaluation_plan, "
     "valid_from, valid_to, status, requested_by, requested_capacity, requested_at, "
     "decided_by, decided_capacity, decided_at, decision_ref, decision_note, ended_by, "
     "ended_at, evaluation, evaluated_by, evaluated_capacity, evaluated_at, reminded_at "
     "FROM zone "
     "WHERE ended_by = ? ORDER BY id",
     NULL},
    {"zone", "evaluated_by", zone_cols, none_withheld,
     "SELECT id, collective_id, gemeente_code, area_code, title, reason, evaluation_plan, "
     "valid_from, valid_to, status, requested_by, requested_capacity, requested_at, "
     "decided_by, decided_capacity, decided_at, decision_ref, decision_note, ended_by, "
     "ended_at, evaluation, evaluated_by, evaluated_capacity, evaluated_at, reminded_at "
     "FROM zone "
     "WHERE evaluated_by = ? ORDER BY id",
     NULL},
    /* Skills and the matching profile are one's own inventory: erased with
     * the person (the skills before the profile they hang on), as are the
     * permissions others gave them to find them. Open invitations to an
     * erased person are declined; needs, invitations sent and practices
     * published are records of an initiative and stay. A practice's
     * contact who is erased can no longer be asked: the contact goes. */
    {"person_skill", "person_id", person_skill_cols, none_withheld,
     "SELECT person_id, skill_code, level, willing FROM person_skill WHERE person_id = ? "
     "ORDER BY skill_code",
     "DELETE FROM person_skill WHERE person_id = ?"},
    {"skill_allowed", "person_id", skill_allowed_cols, none_withheld,
     "SELECT person_id, allowed_id FROM skill_allowed WHERE person_id = ? ORDER BY allowed_id",
     "DELETE FROM skill_allowed WHERE person_id = ?"},
    {"skill_allowed", "allowed_id", skill_allowed_cols, none_withheld,
     "SELECT person_id, allowed_id FROM skill_allowed WHERE allowed_id = ? ORDER BY person_id",
     "DELETE FROM skill_allowed WHERE allowed_id = ?"},
    {"skill_profile", "person_id", skill_profile_cols, none_withheld,
     "SELECT person_id, hours_month, visibility, paused, about, updated_at FROM skill_profile "
     "WHERE person_id = ?",
     "DELETE FROM skill_profile WHERE person_id = ?"},
    {"match_need", "created_by", match_need_cols, none_withheld,
     "SELECT id, initiative_id, skill_code, hours_month, starts_on, ends_on, note, created_by, "
     "created_at, closed_at, task_id FROM match_need WHERE created_by = ? ORDER BY id",
     NULL},
    {"match_invite", "person_id", match_invite_cols, none_withheld,
     "SELECT id, need_id, person_id, invited_by, invited_capacity, message, status, created_at, "
     "answered_at, pledge_id FROM match_invite WHERE person_id = ? ORDER BY id",
     "UPDATE match_invite SET status = 'declined', answered_at = (SELECT erased_at FROM person p "
     "WHERE p.id = match_invite.person_id) WHERE person_id = ? AND status = 'open'"},
    {"match_invite", "invited_by", match_invite_cols, none_withheld,
     "SELECT id, need_id, person_id, invited_by, invited_capacity, message, status, created_at, "
     "answered_at, pledge_id FROM match_invite WHERE invited_by = ? ORDER BY id",
     NULL},
    {"practice", "contact_id", practice_cols, none_withheld,
     "SELECT id, initiative_id, title, aim, worked, did_not_work, conditions, buurt_code, "
     "wijk_code, gemeente_code, contact_id, published_by, published_at FROM practice "
     "WHERE contact_id = ? ORDER BY id",
     "UPDATE practice SET contact_id = NULL WHERE contact_id = ?"},
    {"practice", "published_by", practice_cols, none_withheld,
     "SELECT id, initiative_id, title, aim, worked, did_not_work, conditions, buurt_code, "
     "wijk_code, gemeente_code, contact_id, published_by, published_at FROM practice "
     "WHERE published_by = ? ORDER BY id",
     NULL},
    {"conflict_case", "raised_by", conflict_case_cols, none_withheld,
     "SELECT id, initiative_id, area_code, step, collective_id, raised_by, raised_capacity, "
     "mediator_id, mediator_capacity, agreement_text, agreement_version, created_at, updated_at, "
     "closed_at, matter FROM conflict_case WHERE raised_by = ? ORDER BY id",
     "UPDATE conflict_case SET matter = '' WHERE raised_by = ?"},
    {"conflict_case", "mediator_id", conflict_mediated_cols, conflict_mediated_withheld,
     "SELECT id, initiative_id, area_code, step, collective_id, raised_by, raised_capacity, "
     "mediator_id, mediator_capacity, agreement_text, agreement_version, created_at, updated_at, "
     "closed_at FROM conflict_case WHERE mediator_id = ? ORDER BY id",
     "UPDATE conflict_case SET step = 'closed', closed_at = (SELECT erased_at FROM person p "
     "WHERE p.id = conflict_case.mediator_id) WHERE mediator_id = ? AND closed_at IS NULL"},
    {"conflict_party", "person_id", conflict_party_cols, none_withheld,
     "SELECT case_id, person_id, choice_id, choice_capacity, confirmed_version, added_at "
     "FROM conflict_party WHERE person_id = ? ORDER BY case_id",
     "UPDATE conflict_case SET step = 'closed', closed_at = (SELECT MAX(p.erased_at) FROM "
     "conflict_party cp JOIN person p ON p.id = cp.person_id WHERE cp.case_id = "
     "conflict_case.id) WHERE closed_at IS NULL AND id IN (SELECT case_id FROM conflict_party "
     "WHERE person_id = ?)"},
    {"conflict_party", "choice_id", conflict_party_cols, none_withheld,
     "SELECT case_id, person_id, choice_id, choice_capacity, confirmed_version, added_at "
     "FROM conflict_party WHERE choice_id = ? ORDER BY case_id",
     "UPDATE conflict_party SET choice_id = NULL, choice_capacity = NULL WHERE choice_id = ?"},
    {"conflict_step", "person_id", conflict_step_cols, none_withheld,
     "SELECT id, case_id, kind, record, person_id, capacity, at FROM conflict_step "
     "WHERE person_id = ? ORDER BY id",
     "UPDATE conflict_step SET record = '' WHERE person_id = ?"},
    /* Investment hours are a public, append-only ledger (triggers refuse
     * any change to a movement): pledges and movements stay, pointing to
     * an anonymous person, as offers do. */
    {"hour_pledge", "created_by", hour_pledge_cols, none_withheld,
     "SELECT id, organisation_id, area_code, hours_tenths, starts_on, ends_on, initiative_id, "
     "collective_id, status, created_by, created_at, withdrawn_by, withdrawn_at "
     "FROM hour_pledge WHERE created_by = ? ORDER BY id",
     NULL},
    {"hour_pledge", "withdrawn_by", hour_pledge_cols, none_withheld,
     "SELECT id, organisation_id, area_code, hours_tenths, starts_on, ends_on, initiative_id, "
     "collective_id, status, created_by, created_at, withdrawn_by, withdrawn_at "
     "FROM hour_pledge WHERE withdrawn_by = ? ORDER BY id",
     NULL},
    {"hours_movement", "person_id", hours_movement_cols, none_withheld,
     "SELECT id, pledge_id, kind, corrects_id, on_date, initiative_id, work_kind, note, "
     "person_id, capacity, created_at FROM hours_movement WHERE person_id = ? ORDER BY id",
     NULL},
    /* A vulnerable flag is a municipality's act and stays; the age group
     * is the person's own and goes. */
    {"area_vulnerable_flag", "flagged_by", vulnerable_flag_cols, none_withheld,
     "SELECT area_code, reason, flagged_by, flagged_at FROM area_vulnerable_flag "
     "WHERE flagged_by = ? ORDER BY area_code",
     NULL},
    {"person_age_group", "person_id", age_group_cols, none_withheld,
     "SELECT person_id, age_group, updated_at FROM person_age_group WHERE person_id = ?",
     "DELETE FROM person_age_group WHERE person_id = ?"},
};

const struct person_data_table *person_data_registry(size_t *n)
{
    *n = sizeof registry / sizeof registry[0];
    return registry;
}

static size_t column_count(const struct person_data_table *t)
{
    size_t n = 0;
    while (t->columns[n].name)
        n++;
    return n;
}

static json_t *cell(struct db_stmt *st, int col, enum person_data_kind kind)
{
    if (db_col_is_null(st, col))
        return json_null();
    if (kind == PERSON_DATA_INT)
        return json_integer(db_col_int(st, col));
    json_t *s = json_string(db_col_text(st, col));
    return s ? s : json_null();
}

/* The rows of one registry table about person_id, as a JSON array. */
static enum err export_table(struct db *db, const struct person_data_table *t, int64_t person_id,
                             json_t *rows, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, t->export_sql);
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    size_t ncols = column_count(t);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if ((size_t)db_col_count(st) != ncols) {
            fprintf(stderr, "person_data: %s lists the wrong columns (a programming error)\n",
                    t->table);
            abort();
        }
        json_t *row = json_object();
        for (size_t i = 0; i < ncols; i++)
            json_object_set_new(row, t->columns[i].name, cell(st, (int)i, t->columns[i].kind));
        json_array_append_new(rows, row);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err person_state(struct db *db, int64_t person_id, bool *exists, bool *erased,
                             struct fault *f)
{
    *exists = *erased = false;
    struct db_stmt *st = db_prepare(db, "SELECT erased_at FROM person WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *exists = true;
        *erased = !db_col_is_null(st, 0);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err export_all(struct db *db, int64_t person_id, json_t *tables, struct fault *f)
{
    enum err e = ERR_OK;
    for (size_t i = 0; i < sizeof registry / sizeof registry[0] && e == ERR_OK; i++) {
        json_t *rows = json_array();
        e = export_table(db, &registry[i], person_id, rows, f);
        json_array_append_new(tables, json_pack("{s:s, s:s, s:o}", "table", registry[i].table,
                                                "column", registry[i].person_column, "rows", rows));
    }
    return e;
}

enum err person_export_json(struct db *db, struct arena *a, int64_t person_id, int64_t now,
                            const char **json, struct fault *f)
{
    *json = NULL;
    bool exists, erased;
    enum err e = person_state(db, person_id, &exists, &erased, f);
    if (e == ERR_OK && !exists)
        e = fault_set(f, ERR_NOT_FOUND, NULL, "There is no such person.", NULL);
    if (e != ERR_OK)
        return e;
    json_t *tables = json_array();
    json_t *doc =
        json_pack("{s:s, s:I, s:I, s:o}", "format", "wijkregie-personal-data/1", "person_id",
                  (json_int_t)person_id, "exported_at", (json_int_t)now, "tables", tables);
    e = export_all(db, person_id, tables, f);
    if (e == ERR_OK) {
        char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        if (!text)
            abort(); /* jansson is out of memory */
        *json = arena_strdup(a, text);
        free(text);
    }
    json_decref(doc);
    return e;
}

static enum err run_erase(struct db *db, const char *sql, int64_t person_id, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err anonymise(struct db *db, int64_t person_id, int64_t now, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "UPDATE person SET email = NULL, display_name = ?, password_hash = NULL, "
                       "erased_at = ? WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, erased_name);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, person_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err erase_all(struct db *db, int64_t person_id, const struct actor *act,
                          struct fault *f)
{
    bool exists, erased;
    enum err e = person_state(db, person_id, &exists, &erased, f);
    if (e == ERR_OK && !exists)
        e = fault_set(f, ERR_NOT_FOUND, NULL, "There is no such person.", NULL);
    if (e == ERR_OK && erased)
        e = fault_set(f, ERR_CONFLICT, NULL, "This account has already been erased.", NULL);
    /* The person row first: erase statements read its erased_at. */
    if (e == ERR_OK)
        e = anonymise(db, person_id, act->now, f);
    for (size_t i = 0; i < sizeof registry / sizeof registry[0] && e == ERR_OK; i++)
        if (registry[i].erase_sql)
            e = run_erase(db, registry[i].erase_sql, person_id, f);
    if (e == ERR_OK)
        e = audit_record_private(db, act, "person.erase", "person", person_id, f);
    /* Last, before the commit: a committed erasure is always journaled. */
    if (e == ERR_OK)
        e = erasure_journal_note(db, person_id, act->now, f);
    return e;
}

enum err person_erase(struct db *db, int64_t person_id, const struct actor *act, struct fault *f)
{
    bool own;
    enum err e = tx_begin(db, &own, f);
    if (e != ERR_OK)
        return e;
    return tx_end(db, own, erase_all(db, person_id, act, f), f);
}
