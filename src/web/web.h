/* HTML page handlers, one file per concept (web/home.c, web/area.c, ...).
 * Each is a route_handler: it gets a validated request and writes a page
 * through render/ (layout_begin ... layout_end). */
#ifndef WIJK_WEB_WEB_H
#define WIJK_WEB_WEB_H

#include <stdint.h>

#include "core/err.h"

struct req;

enum err web_home(struct req *r);             /* GET /                          */
enum err web_area_find(struct req *r);        /* GET /areas?code= -> 303 to /areas/{code} */
enum err web_area(struct req *r);             /* GET /areas/{code}              */
enum err web_static(struct req *r);           /* GET /static/{file}             */
enum err web_signup_page(struct req *r);      /* GET /sign-up                   */
enum err web_signup(struct req *r);           /* POST /sign-up                  */
enum err web_signin_page(struct req *r);      /* GET /sign-in                   */
enum err web_signin(struct req *r);           /* POST /sign-in                  */
enum err web_signout(struct req *r);          /* POST /sign-out                 */
enum err web_account(struct req *r);          /* GET /account, /account/password */
enum err web_account_password(struct req *r); /* POST /account/password      */
enum err web_sessions(struct req *r);         /* GET /account/sessions          */
enum err web_session_end(struct req *r);      /* POST /account/sessions/{id}/end */
enum err web_reset_page(struct req *r);       /* GET /password-reset            */
enum err web_reset_request(struct req *r);    /* POST /password-reset           */
enum err web_reset_new_page(struct req *r);   /* GET /password-reset/new?token= */
enum err web_reset_new(struct req *r);        /* POST /password-reset/new       */

/* capacities, privacy, audit */
enum err web_area_audit(struct req *r);          /* GET /areas/{code}/audit        */
enum err web_capacity_page(struct req *r);       /* GET /account/capacity          */
enum err web_capacity_choose(struct req *r);     /* POST /account/capacity         */
enum err web_data_page(struct req *r);           /* GET /account/data              */
enum err web_data_export(struct req *r);         /* POST /account/data: JSON file  */
enum err web_erase_page(struct req *r);          /* GET /account/erase             */
enum err web_erase(struct req *r);               /* POST /account/erase            */
enum err web_residency_page(struct req *r);      /* GET /account/residency         */
enum err web_residency_request(struct req *r);   /* POST /account/residency        */
enum err web_residency_code_page(struct req *r); /* GET /account/residency/code  */
enum err web_residency_redeem(struct req *r);    /* POST /account/residency/code   */
enum err web_roles_page(struct req *r);          /* GET /admin/roles               */
enum err web_roles_grant(struct req *r);         /* POST /admin/roles              */
enum err web_letters_page(struct req *r);        /* GET /letters                   */
enum err web_letters(struct req *r);             /* POST /letters: letters to print */
enum err web_residency_queue(struct req *r);     /* GET /residencies               */
enum err web_residency_reject(struct req *r);    /* POST /residencies/{id}/reject  */
enum err web_residency_verify(struct req *r);    /* POST /residencies/{id}/verify  */
enum err web_residency_vouch(struct req *r);     /* POST /residencies/{id}/vouch   */

/* posts at organisations */
enum err web_posts_page(struct req *r);         /* GET /account/posts             */
enum err web_post_request(struct req *r);       /* POST /account/posts            */
enum err web_post_end_mine(struct req *r);      /* POST /account/posts/{id}/end   */
enum err web_organisation_posts(struct req *r); /* GET /organisations/{id}/posts  */
enum err web_post_confirm(struct req *r);       /* POST /posts/{id}/confirm       */
enum err web_post_end(struct req *r);           /* POST /posts/{id}/end           */

/* moderation */
enum err web_report_page(struct req *r);       /* GET /report?type=&id=          */
enum err web_report(struct req *r);            /* POST /report                   */
enum err web_moderation_page(struct req *r);   /* GET /moderation                */
enum err web_moderation_hide(struct req *r);   /* POST /moderation/hide          */
enum err web_moderation_unhide(struct req *r); /* POST /moderation/unhide        */

/* audit per object and invitations */
enum err web_object_audit(struct req *r);      /* GET /audit/{type}/{id}         */
enum err web_account_activity(struct req *r);  /* GET /account/activity          */
enum err web_invitations_page(struct req *r);  /* GET /invitations               */
enum err web_invitation_create(struct req *r); /* POST /invitations: the code, once */

/* organisations */
enum err web_organisations(struct req *r);          /* GET /organisations?q=&kind=&area= */
enum err web_organisation_new_page(struct req *r);  /* GET /organisations/new         */
enum err web_organisation_create(struct req *r);    /* POST /organisations/new        */
enum err web_organisation(struct req *r);           /* GET /organisations/{id}        */
enum err web_organisation_edit_page(struct req *r); /* GET /organisations/{id}/edit   */
enum err web_organisation_edit(struct req *r);      /* POST /organisations/{id}/edit  */
enum err web_interests_page(struct req *r);         /* GET /account/interests         */
enum err web_interest_declare(struct req *r);       /* POST /account/interests        */
/* An organisation kind ("informal_group") or legal form ("stichting") in
 * words in the request's language; an unknown one as it is. */
const char *web_organisation_kind_label(struct req *r, const char *kind);
const char *web_organisation_legal_form_label(struct req *r, const char *form);

/* network */
enum err web_area_arena(struct req *r);             /* GET /areas/{code}/arena        */
enum err web_area_history(struct req *r);           /* GET /areas/{code}/history      */
enum err web_area_history_add(struct req *r);       /* POST /areas/{code}/history     */
enum err web_organisation_relations(struct req *r); /* GET /organisations/{id}/relations */
enum err web_relation_create(struct req *r);        /* POST /organisations/{id}/relations */
enum err web_relation_end(struct req *r);           /* POST /relations/{id}/end       */

/* services */
enum err web_services_search(struct req *r);       /* GET /services?q=&area=&language= */
enum err web_service(struct req *r);               /* GET /services/{id}             */
enum err web_service_edit_page(struct req *r);     /* GET /services/{id}/edit (and the
                                                      /locations, /schedules forms)  */
enum err web_service_update(struct req *r);        /* POST /services/{id}/edit       */
enum err web_service_add_location(struct req *r);  /* POST /services/{id}/locations  */
enum err web_service_add_schedule(struct req *r);  /* POST /services/{id}/schedules  */
enum err web_organisation_services(struct req *r); /* GET /organisations/{id}/services */
enum err web_service_create(struct req *r);        /* POST /organisations/{id}/services */

/* offers, external events, notifications */
enum err web_offers_page(struct req *r);        /* GET /initiatives/{id}/offers        */
enum err web_offer_make(struct req *r);         /* POST /initiatives/{id}/offers       */
enum err web_offer_accept(struct req *r);       /* POST /offers/{id}/accept            */
enum err web_offer_decline(struct req *r);      /* POST /offers/{id}/decline           */
enum err web_offer_withdraw(struct req *r);     /* POST /offers/{id}/withdraw          */
enum err web_external_record(struct req *r);    /* POST /initiatives/{id}/external-events */
enum err web_notifications_page(struct req *r); /* GET /notifications                */
enum err web_notifications_read(struct req *r); /* POST /notifications/read          */

/* collectives */
enum err web_collectives(struct req *r);         /* GET /collectives?area=          */
enum err web_collective_new_page(struct req *r); /* GET /collectives/new            */
enum err web_collective_create(struct req *r);   /* POST /collectives/new           */
enum err web_collective(struct req *r);          /* GET /collectives/{id} (and the
                                                    pages of its forms below)       */
enum err web_collective_join(struct req *r);     /* POST /collectives/{id}/join     */
enum err web_collective_leave(struct req *r);    /* POST /collectives/{id}/leave    */
enum err web_collective_admit(struct req *r);    /* POST /collectives/{id}/advisers */
enum err web_collective_board(struct req *r);    /* POST /collectives/{id}/board    */

/* initiatives */
enum err web_initiatives(struct req *r);                 /* GET /initiatives?area=&phase=   */
enum err web_initiative_new_page(struct req *r);         /* GET /initiatives/new            */
enum err web_initiative_create(struct req *r);           /* POST /initiatives/new           */
enum err web_initiative(struct req *r);                  /* GET /initiatives/{id} (and the
                                                            pages of its forms below)       */
enum err web_initiative_phase(struct req *r);            /* POST /initiatives/{id}/phase    */
enum err web_initiative_add_initiator(struct req *r);    /* POST /initiatives/{id}/initiators */
enum err web_initiative_remove_initiator(struct req *r); /* POST .../initiators/{p}/remove */
enum err web_initiative_edit_page(struct req *r);        /* GET /initiatives/{id}/edit      */
enum err web_initiative_edit(struct req *r);             /* POST /initiatives/{id}/edit     */
enum err web_initiative_evaluation_page(struct req *r);  /* GET /initiatives/{id}/evaluation */
enum err web_initiative_evaluate(struct req *r);         /* POST /initiatives/{id}/evaluation */
/* The translated name of an initiative phase ("idea" -> "Idee"); the phase
 * itself when unknown. For the pages of pledges, plan and offers too. */
const char *web_initiative_phase_label(const struct req *r, const char *phase);
/* The buurt page's section: the initiatives working in buurt_code, by
 * phase, with a link to start one. Errors as initiative_list's. */
enum err web_initiatives_section(struct req *r, const char *buurt_code);
/* Answers 303 to /initiatives/{id}?done=done, after a successful POST. */
enum err web_initiative_see_other(struct req *r, int64_t id, const char *done);

/* pledges and the plan */
enum err web_pledges_page(struct req *r);    /* GET /initiatives/{id}/pledges (and
                                                .../pledges/withdraw)            */
enum err web_pledge_save(struct req *r);     /* POST /initiatives/{id}/pledges  */
enum err web_pledge_withdraw(struct req *r); /* POST .../{id}/pledges/withdraw  */
enum err web_plan_page(struct req *r);       /* GET /initiatives/{id}/plan (and
                                                .../questions)                   */
enum err web_task_create(struct req *r);     /* POST /initiatives/{id}/plan     */
enum err web_question_ask(struct req *r);    /* POST /initiatives/{id}/questions */
enum err web_question_page(struct req *r);   /* GET /questions/{id}/answer      */
enum err web_question_answer(struct req *r); /* POST /questions/{id}/answer     */
enum err web_task_page(struct req *r);       /* GET /tasks/{id} (and the pages of
                                                its forms below)                 */
enum err web_task_ask(struct req *r);        /* POST /tasks/{id}/ask            */
enum err web_task_consent(struct req *r);    /* POST /tasks/{id}/consent        */
enum err web_task_take_on(struct req *r);    /* POST /tasks/{id}/take-on        */
enum err web_task_status(struct req *r);     /* POST /tasks/{id}/status         */
enum err web_task_matrix(struct req *r);     /* POST /tasks/{id}/matrix         */
/* The words of a task's status ("in_progress" -> "In progress"). */
const char *web_task_status_label(const struct req *r, const char *status);

/* conflicts */
enum err web_conflicts_page(struct req *r);    /* GET /conflicts                       */
enum err web_conflict_new(struct req *r);      /* GET /conflicts/new                   */
enum err web_conflict_raise(struct req *r);    /* POST /conflicts/new                  */
enum err web_conflict_page(struct req *r);     /* GET /conflicts/{id}                  */
enum err web_conflict_mediator(struct req *r); /* POST /conflicts/{id}/mediator        */
enum err web_conflict_step(struct req *r);     /* POST /conflicts/{id}/steps           */
enum err web_conflict_draft(struct req *r);    /* POST /conflicts/{id}/agreement       */
enum err web_conflict_confirm(struct req *r);  /* POST /conflicts/{id}/confirm         */
/* The area page's section: open and closed conflict cases counted in
 * area_code, without names (counts below five are not shown). */
enum err web_conflicts_section(struct req *r, const char *area_code);

/* hours */
enum err web_hours_organisation(struct req *r); /* GET /organisations/{id}/hours       */
enum err web_hours_pledge(struct req *r);       /* POST /organisations/{id}/hours      */
enum err web_hours_org_csv(struct req *r);      /* GET /organisations/{id}/hours.csv   */
enum err web_hours_page(struct req *r);         /* GET /hours/{id} (and the pages of
                                                   its forms below)                    */
enum err web_hours_log(struct req *r);          /* POST /hours/{id}/log                */
enum err web_hours_correct_page(struct req *r); /* GET /hours/{id}/correct             */
enum err web_hours_correct(struct req *r);      /* POST /hours/{id}/correct            */
enum err web_hours_withdraw(struct req *r);     /* POST /hours/{id}/withdraw           */
enum err web_hours_pledge_csv(struct req *r);   /* GET /hours/{id}/ledger.csv          */
enum err web_hours_area(struct req *r);         /* GET /areas/{code}/hours             */
enum err web_hours_area_csv(struct req *r);     /* GET /areas/{code}/hours.csv         */

/* agreements and zones */
enum err web_agreements_page(struct req *r); /* GET /agreements                       */
enum err web_agreement_new(struct req *r);   /* GET /agreements/new                   */
enum err web_agreement_draft(struct req *r); /* POST /agreements/new                  */
enum err web_agreement_page(struct req *r);  /* GET /agreements/{id} (and sign, end)  */
enum err web_agreement_sign(struct req *r);  /* POST /agreements/{id}/sign            */
enum err web_agreement_end(struct req *r);   /* POST /agreements/{id}/end             */
enum err web_agreement_edit(struct req *r);  /* GET /agreements/{id}/revise           */
enum err web_agreement_revise(struct req *r); /* POST /agreements/{id}/revise         */
enum err web_agreement_compare(struct req *r); /* GET /agreements/{id}/compare        */
enum err web_agreement_csv(struct req *r);   /* GET /agreements/{id}/export.csv       */
enum err web_zones_page(struct req *r);      /* GET /zones (the map per gemeente)     */
enum err web_zone_new(struct req *r);        /* GET /zones/new                        */
enum err web_zone_request(struct req *r);    /* POST /zones/new                       */
enum err web_zone_page(struct req *r);       /* GET /zones/{id} (and decide, end, evaluate) */
enum err web_zone_decide(struct req *r);     /* POST /zones/{id}/decide               */
enum err web_zone_end(struct req *r);        /* POST /zones/{id}/end                  */
enum err web_zone_evaluate(struct req *r);   /* POST /zones/{id}/evaluate             */
/* The words of a status or kind, translated (web/agreement_words.c). */
const char *web_agreement_status_label(const struct req *r, const char *status);
const char *web_zone_state_label(const struct req *r, const char *state);

/* activities */
struct activity;
struct activity_occurrence;
enum err web_activity_page(struct req *r);               /* GET /activities/{id} (and its posts' paths) */
enum err web_activity_sign_up(struct req *r);            /* POST /activities/{id}/sign-up */
enum err web_activity_sign_up_cancel(struct req *r);     /* POST /activities/{id}/sign-up/cancel */
enum err web_activity_volunteer(struct req *r);          /* POST /activities/{id}/roles/{role}/volunteer */
enum err web_activity_volunteer_withdraw(struct req *r); /* POST /activities/{id}/roles/{role}/withdraw */
enum err web_activity_cancel(struct req *r);             /* POST /activities/{id}/cancel */
enum err web_activity_cancel_occurrence(struct req *r);  /* POST /activities/{id}/cancel-occurrence */
enum err web_activity_edit_page(struct req *r);          /* GET /activities/{id}/edit */
enum err web_activity_edit(struct req *r);               /* POST /activities/{id}/edit */
enum err web_activities_initiative(struct req *r);       /* GET /initiatives/{id}/activities */
enum err web_activities_collective(struct req *r);       /* GET /collectives/{id}/activities */
enum err web_activity_create_initiative(struct req *r);  /* POST /initiatives/{id}/activities */
enum err web_activity_create_collective(struct req *r);  /* POST /collectives/{id}/activities */
enum err web_activities_area(struct req *r);             /* GET /areas/{code}/activities */
enum err web_activities_print(struct req *r);            /* GET /areas/{code}/activities/print */
enum err web_calendar_page(struct req *r);               /* GET /me/calendar */
enum err web_calendar_token(struct req *r);              /* POST /me/calendar */
enum err web_calendar_revoke(struct req *r);             /* POST /me/calendar/revoke */
enum err web_activity_feed_initiative(struct req *r);    /* GET /initiatives/{id}/activities.ics */
enum err web_activity_feed_collective(struct req *r);    /* GET /collectives/{id}/activities.ics */
enum err web_activity_feed_area(struct req *r);          /* GET /areas/{code}/activities.ics */
enum err web_activity_feed_person(struct req *r);        /* GET /calendar/{token}/activities.ics */
/* The buurt or wijk page's section: this week's activities in code. */
enum err web_activities_section(struct req *r, const char *code);
/* Answers 303 to /activities/{id}?done=done, after a successful POST. */
enum err web_activity_see_other(struct req *r, int64_t id, const char *done);
/* Activities in words (web/activity_words.c; translated, from the arena):
 * "Tuesday 6 January 2026, 19:30 to 21:00"; the rule of a series or its
 * one date; "5 of 12 places taken; 2 on the waiting list." */
const char *web_activity_occurrence_words(struct req *r, const struct activity_occurrence *o);
const char *web_activity_when_words(struct req *r, const struct activity *a);
const char *web_activity_places(struct req *r, const struct activity *a);
/* The activity's title, or "Hidden by a moderator: <reason>" while a
 * moderator hides it (render/moderated.h). */
const char *web_activity_title(struct req *r, const struct activity *a);

/* decisions */
enum err web_collective_decisions(struct req *r);        /* GET /collectives/{id}/decisions  */
enum err web_initiative_decisions(struct req *r);        /* GET /initiatives/{id}/decisions  */
enum err web_collective_decision_new(struct req *r);     /* GET /collectives/{id}/decisions/new */
enum err web_initiative_decision_new(struct req *r);     /* GET /initiatives/{id}/decisions/new */
enum err web_collective_decision_propose(struct req *r); /* POST /collectives/{id}/decisions/new */
enum err web_initiative_decision_propose(struct req *r); /* POST /initiatives/{id}/decisions/new */
enum err web_decision_page(struct req *r);   /* GET /decisions/{id} (and vote, object, ...) */
enum err web_decision_vote(struct req *r);   /* POST /decisions/{id}/vote                  */
enum err web_decision_object(struct req *r); /* POST /decisions/{id}/object                */
enum err web_decision_settle(struct req *r); /* POST /decisions/{id}/settle                */
enum err web_decision_amend(struct req *r);  /* POST /decisions/{id}/amend                 */
enum err web_decision_close(struct req *r);  /* POST /decisions/{id}/close                 */
/* "consent", "majority vote", "dot vote", translated (web/decision.c). */
const char *web_decision_method_label(const struct req *r, const char *method);
/* 303 to /decisions/{id}?done=done, with a link for clients that do not
 * follow it (web/decision.c). */
enum err web_decision_see_other(struct req *r, int64_t id, const char *done);
/* The name and page of a collective (collective_id) or an initiative;
 * ERR_NOT_FOUND when there is none (web/decision_form.c). */
enum err web_decision_scope(struct req *r, int64_t collective_id, int64_t initiative_id,
                            const char **name, const char **href);

/* skills, matching and practices */
enum err web_my_skills_page(struct req *r);          /* GET /me/skills (and its posts' paths) */
enum err web_my_skills_save(struct req *r);          /* POST /me/skills                  */
enum err web_my_skill_add(struct req *r);            /* POST /me/skills/add              */
enum err web_my_skill_remove(struct req *r);         /* POST /me/skills/remove           */
enum err web_my_skills_pause(struct req *r);         /* POST /me/skills/pause            */
enum err web_initiative_matches_page(struct req *r); /* GET /initiatives/{id}/matches    */
enum err web_skill_need_add(struct req *r);          /* POST /initiatives/{id}/matches   */
enum err web_skill_need_close_page(struct req *r);   /* GET /skill-needs/{id}/close: the needs */
enum err web_skill_need_close(struct req *r);        /* POST /skill-needs/{id}/close     */
enum err web_skill_need_page(struct req *r);         /* GET /skill-needs/{id}            */
enum err web_skill_need_invite(struct req *r);       /* POST /skill-needs/{id}/invite    */
enum err web_my_invitations_page(struct req *r);     /* GET /me/invitations              */
enum err web_my_invitation_accept(struct req *r);    /* POST /me/invitations/{id}/accept */
enum err web_my_invitation_decline(struct req *r);   /* POST /me/invitations/{id}/decline */
enum err web_practices_page(struct req *r);          /* GET /practices                   */
enum err web_practice_page(struct req *r);           /* GET /practices/{id}              */
enum err web_practice_publish_page(struct req *r);   /* GET /initiatives/{id}/practice   */
enum err web_practice_publish(struct req *r);        /* POST /initiatives/{id}/practice  */

/* transition monitor dashboard */
enum err web_monitor_page(struct req *r);      /* GET /areas/{code}/monitor          */
enum err web_monitor_compare(struct req *r);   /* GET /areas/{code}/monitor/compare  */
enum err web_monitor_csv(struct req *r);       /* GET /areas/{code}/monitor.csv      */
enum err web_monitor_json(struct req *r);      /* GET /areas/{code}/monitor.json     */
enum err web_monitor_flag_page(struct req *r); /* GET /areas/{code}/monitor/flag     */
enum err web_monitor_flag(struct req *r);      /* POST /areas/{code}/monitor/flag    */
/* The early warning of area_code as a section, when it is raised; nothing
 * otherwise, nor when the area or its figures cannot be read (the
 * collective and arena pages; web/monitor_flag.c). */
void web_monitor_warning_note(struct req *r, const char *area_code);

/* transition monitor indicators */
enum err web_account_age_group(struct req *r); /* POST /account/age-group (web/account.c) */

#endif
