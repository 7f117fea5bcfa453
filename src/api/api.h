/* JSON API handlers under /api/v1, one file per concept. Every route here is
 * described in docs/openapi.json (served at /api/v1/openapi.json). */
#ifndef WIJK_API_API_H
#define WIJK_API_API_H

#include "core/err.h"

struct req;

enum err api_health(struct req *r);         /* GET /healthz                   */
enum err api_openapi(struct req *r);        /* GET /api/v1/openapi.json       */
enum err api_areas_list(struct req *r);     /* GET /api/v1/areas              */
enum err api_area_get(struct req *r);       /* GET /api/v1/areas/{code}       */
enum err api_session_get(struct req *r);    /* GET /api/v1/session            */
enum err api_session_create(struct req *r); /* POST /api/v1/session           */
enum err api_session_delete(struct req *r); /* DELETE /api/v1/session         */
enum err api_people_create(struct req *r);  /* POST /api/v1/people            */
enum err api_me(struct req *r);             /* GET /api/v1/me                 */
enum err api_me_sessions(struct req *r);    /* GET /api/v1/me/sessions        */
enum err api_me_session_end(struct req *r); /* DELETE /api/v1/me/sessions/{id} */
enum err api_me_password(struct req *r);    /* POST /api/v1/me/password       */

/* capacities, privacy, audit */
enum err api_letters_create(struct req *r);      /* POST /api/v1/letters           */
enum err api_my_capacities(struct req *r);       /* GET /api/v1/me/capacities      */
enum err api_capacity_choose(struct req *r);     /* PUT /api/v1/me/capacity        */
enum err api_me_data(struct req *r);             /* POST /api/v1/me/data           */
enum err api_me_erase(struct req *r);            /* POST /api/v1/me/erase          */
enum err api_my_residencies(struct req *r);      /* GET /api/v1/me/residencies     */
enum err api_residency_request(struct req *r);   /* POST /api/v1/me/residencies    */
enum err api_residency_redeem(struct req *r);    /* POST /api/v1/me/residency-code */
enum err api_residency_queue(struct req *r);     /* GET /api/v1/residencies/queue  */
enum err api_residency_vouchable(struct req *r); /* GET /api/v1/residencies/vouchable */
enum err api_residency_reject(struct req *r);    /* POST /api/v1/residencies/{id}/reject */
enum err api_residency_verify(struct req *r);    /* POST /api/v1/residencies/{id}/verify */
enum err api_residency_vouch(struct req *r);     /* POST /api/v1/residencies/{id}/vouch */
enum err api_roles_grant(struct req *r);         /* POST /api/v1/roles             */

/* posts at organisations */
enum err api_organisations_list(struct req *r);  /* GET /api/v1/organisations      */
enum err api_organisation_create(struct req *r); /* POST /api/v1/organisations     */
enum err api_my_posts(struct req *r);            /* GET /api/v1/me/posts           */
enum err api_post_request(struct req *r);        /* POST /api/v1/me/posts          */
enum err api_organisation_posts(struct req *r);  /* GET /api/v1/organisations/{id}/posts */
enum err api_post_confirm(struct req *r);        /* POST /api/v1/posts/{id}/confirm */
enum err api_post_end(struct req *r);            /* POST /api/v1/posts/{id}/end    */

/* moderation */
enum err api_report_create(struct req *r);      /* POST /api/v1/reports           */
enum err api_moderation_reports(struct req *r); /* GET /api/v1/moderation/reports */
enum err api_moderation_hide(struct req *r);    /* POST /api/v1/moderation/hide   */
enum err api_moderation_unhide(struct req *r);  /* POST /api/v1/moderation/unhide */
enum err api_moderation_hidden(struct req *r);  /* GET /api/v1/moderation/hidden  */

/* audit per object and invitations */
enum err api_audit_object(struct req *r);      /* GET /api/v1/audit?object_type=&object_id= */
enum err api_area_audit(struct req *r);        /* GET /api/v1/areas/{code}/audit */
enum err api_me_audit(struct req *r);          /* GET /api/v1/me/audit           */
enum err api_invitations_list(struct req *r);  /* GET /api/v1/invitations        */
enum err api_invitation_create(struct req *r); /* POST /api/v1/invitations       */

/* organisations */
enum err api_organisation_get(struct req *r);    /* GET /api/v1/organisations/{id} */
enum err api_organisation_update(struct req *r); /* PUT /api/v1/organisations/{id} */
enum err api_my_interests(struct req *r);        /* GET /api/v1/me/interests       */
enum err api_interest_declare(struct req *r);    /* POST /api/v1/me/interests      */

/* network */
enum err api_area_arena(struct req *r);             /* GET /api/v1/areas/{code}/arena */
enum err api_area_history(struct req *r);           /* GET /api/v1/areas/{code}/history */
enum err api_area_history_add(struct req *r);       /* POST /api/v1/areas/{code}/history */
enum err api_organisation_relations(struct req *r); /* GET /api/v1/organisations/{id}/relations */
enum err api_relation_create(struct req *r);        /* POST /api/v1/relations         */
enum err api_relation_end(struct req *r);           /* POST /api/v1/relations/{id}/end */

/* services */
enum err api_services_search(struct req *r);      /* GET /api/v1/services           */
enum err api_service_get(struct req *r);          /* GET /api/v1/services/{id}      */
enum err api_service_create(struct req *r);       /* POST /api/v1/organisations/{id}/services */
enum err api_service_update(struct req *r);       /* PUT /api/v1/services/{id}      */
enum err api_service_add_location(struct req *r); /* POST /api/v1/services/{id}/locations */
enum err api_service_add_schedule(struct req *r); /* POST /api/v1/services/{id}/schedules */
enum err api_hsds_about(struct req *r);           /* GET /api/v1/hsds               */
enum err api_hsds_organizations(struct req *r);   /* GET /api/v1/hsds/organizations */
enum err api_hsds_organization(struct req *r);    /* GET /api/v1/hsds/organizations/{id} */
enum err api_hsds_services(struct req *r);        /* GET /api/v1/hsds/services      */
enum err api_hsds_service(struct req *r);         /* GET /api/v1/hsds/services/{id} */

/* offers, external events, notifications */
enum err api_offers_list(struct req *r);        /* GET /api/v1/initiatives/{id}/offers */
enum err api_offer_make(struct req *r);         /* POST /api/v1/initiatives/{id}/offers */
enum err api_offer_accept(struct req *r);       /* POST /api/v1/offers/{id}/accept     */
enum err api_offer_decline(struct req *r);      /* POST /api/v1/offers/{id}/decline    */
enum err api_offer_withdraw(struct req *r);     /* POST /api/v1/offers/{id}/withdraw   */
enum err api_external_list(struct req *r);      /* GET /api/v1/initiatives/{id}/external-events */
enum err api_external_record(struct req *r);    /* POST /api/v1/initiatives/{id}/external-events */
enum err api_my_notifications(struct req *r);   /* GET /api/v1/me/notifications       */
enum err api_notifications_read(struct req *r); /* POST /api/v1/me/notifications/read */

/* collectives */
enum err api_collectives_list(struct req *r);         /* GET /api/v1/collectives        */
enum err api_collective_create(struct req *r);        /* POST /api/v1/collectives       */
enum err api_collective_get(struct req *r);           /* GET /api/v1/collectives/{id}   */
enum err api_collective_join(struct req *r);          /* POST /api/v1/collectives/{id}/members */
enum err api_collective_leave(struct req *r);         /* POST|DELETE .../{id}/leave     */
enum err api_collective_admit_adviser(struct req *r); /* POST /api/v1/collectives/{id}/advisers */
enum err api_collective_set_board(struct req *r);     /* PUT /api/v1/collectives/{id}/board */

/* initiatives */
enum err api_initiatives_list(struct req *r);            /* GET /api/v1/initiatives             */
enum err api_initiative_create(struct req *r);           /* POST /api/v1/initiatives            */
enum err api_initiative_get(struct req *r);              /* GET /api/v1/initiatives/{id}        */
enum err api_initiative_update(struct req *r);           /* PUT /api/v1/initiatives/{id}        */
enum err api_initiative_phase(struct req *r);            /* POST /api/v1/initiatives/{id}/phase */
enum err api_initiative_add_initiator(struct req *r);    /* POST .../{id}/initiators   */
enum err api_initiative_remove_initiator(struct req *r); /* DELETE .../initiators/{p}  */
enum err api_initiative_evaluate(struct req *r); /* PUT /api/v1/initiatives/{id}/evaluation */

/* pledges and the plan */
enum err api_pledges_list(struct req *r);    /* GET /api/v1/initiatives/{id}/pledges    */
enum err api_pledge_totals(struct req *r);   /* GET .../{id}/pledges/totals             */
enum err api_pledge_make(struct req *r);     /* POST /api/v1/initiatives/{id}/pledges   */
enum err api_pledge_change(struct req *r);   /* PUT /api/v1/initiatives/{id}/pledges    */
enum err api_pledge_withdraw(struct req *r); /* DELETE /api/v1/initiatives/{id}/pledges */
enum err api_my_pledges(struct req *r);      /* GET /api/v1/me/pledges                  */
enum err api_tasks_list(struct req *r);      /* GET /api/v1/initiatives/{id}/tasks      */
enum err api_task_create(struct req *r);     /* POST /api/v1/initiatives/{id}/tasks     */
enum err api_task_get(struct req *r);        /* GET /api/v1/tasks/{id}                  */
enum err api_task_update(struct req *r);     /* PUT /api/v1/tasks/{id}                  */
enum err api_task_ask(struct req *r);        /* POST /api/v1/tasks/{id}/consent         */
enum err api_task_answer(struct req *r);     /* PUT /api/v1/tasks/{id}/consent          */
enum err api_task_take_on(struct req *r);    /* POST /api/v1/tasks/{id}/take-on         */
enum err api_task_matrix(struct req *r);     /* PUT /api/v1/tasks/{id}/matrix           */
enum err api_questions_list(struct req *r);  /* GET /api/v1/initiatives/{id}/questions  */
enum err api_question_ask(struct req *r);    /* POST /api/v1/initiatives/{id}/questions */
enum err api_question_answer(struct req *r); /* POST /api/v1/questions/{id}/answer      */

/* conflicts */
enum err api_conflicts_mine(struct req *r);    /* GET /api/v1/conflicts                 */
enum err api_conflict_raise(struct req *r);    /* POST /api/v1/conflicts                */
enum err api_conflict_get(struct req *r);      /* GET /api/v1/conflicts/{id}            */
enum err api_conflict_mediator(struct req *r); /* POST /api/v1/conflicts/{id}/mediator  */
enum err api_conflict_step(struct req *r);     /* POST /api/v1/conflicts/{id}/steps     */
enum err api_conflict_draft(struct req *r);    /* POST /api/v1/conflicts/{id}/agreement */
enum err api_conflict_confirm(struct req *r);  /* POST /api/v1/conflicts/{id}/confirm   */
enum err api_area_conflicts(struct req *r);    /* GET /api/v1/areas/{code}/conflicts    */

/* hours */
enum err api_hours_organisation(struct req *r); /* GET /api/v1/organisations/{id}/hours  */
enum err api_hours_pledge(struct req *r);       /* POST /api/v1/organisations/{id}/hours */
enum err api_hours_get(struct req *r);          /* GET /api/v1/hours/{id}                */
enum err api_hours_log(struct req *r);          /* POST /api/v1/hours/{id}/log           */
enum err api_hours_correct(struct req *r);      /* POST /api/v1/hours/{id}/corrections   */
enum err api_hours_withdraw(struct req *r);     /* POST /api/v1/hours/{id}/withdraw      */
enum err api_hours_area(struct req *r);         /* GET /api/v1/areas/{code}/hours        */

/* agreements and zones */
enum err api_agreements_list(struct req *r);  /* GET /api/v1/agreements                      */
enum err api_agreement_draft(struct req *r);  /* POST /api/v1/agreements                     */
enum err api_agreement_get(struct req *r);    /* GET /api/v1/agreements/{id}                 */
enum err api_agreement_version(struct req *r); /* GET /api/v1/agreements/{id}/versions/{version} */
enum err api_agreement_revise(struct req *r); /* POST /api/v1/agreements/{id}/versions       */
enum err api_agreement_sign(struct req *r);   /* POST /api/v1/agreements/{id}/signatures     */
enum err api_agreement_end(struct req *r);    /* POST /api/v1/agreements/{id}/end            */
enum err api_zones_list(struct req *r);       /* GET /api/v1/zones                           */
enum err api_zone_request(struct req *r);     /* POST /api/v1/zones                          */
enum err api_zone_get(struct req *r);         /* GET /api/v1/zones/{id}                      */
enum err api_zone_decide(struct req *r);      /* POST /api/v1/zones/{id}/decision            */
enum err api_zone_end(struct req *r);         /* POST /api/v1/zones/{id}/end                 */
enum err api_zone_evaluate(struct req *r);    /* POST /api/v1/zones/{id}/evaluation          */

/* activities */
enum err api_activity_create_initiative(struct req *r); /* POST /api/v1/initiatives/{id}/activities */
enum err api_activity_create_collective(struct req *r); /* POST /api/v1/collectives/{id}/activities */
enum err api_activities_initiative(struct req *r);      /* GET /api/v1/initiatives/{id}/activities */
enum err api_activities_collective(struct req *r);      /* GET /api/v1/collectives/{id}/activities */
enum err api_activities_area(struct req *r);            /* GET /api/v1/areas/{code}/activities */
enum err api_activities_mine(struct req *r);            /* GET /api/v1/me/activities */
enum err api_activity_get(struct req *r);               /* GET /api/v1/activities/{id} */
enum err api_activity_update(struct req *r);            /* PUT /api/v1/activities/{id} */
enum err api_activity_cancel(struct req *r);            /* POST /api/v1/activities/{id}/cancel */
enum err api_activity_cancel_occurrence(struct req *r); /* POST .../{id}/occurrences/cancel */
enum err api_activity_occurrences(struct req *r);       /* GET /api/v1/activities/{id}/occurrences */
enum err api_activity_sign_up(struct req *r);           /* POST /api/v1/activities/{id}/sign-up */
enum err api_activity_sign_up_cancel(struct req *r);    /* DELETE /api/v1/activities/{id}/sign-up */
enum err api_activity_sign_ups(struct req *r);          /* GET /api/v1/activities/{id}/sign-ups */
enum err api_activity_volunteer(struct req *r);         /* POST /api/v1/activity-roles/{id}/volunteer */
enum err api_activity_volunteer_withdraw(struct req *r); /* DELETE .../activity-roles/{id}/volunteer */
enum err api_calendar_token(struct req *r);             /* POST /api/v1/me/calendar */
enum err api_calendar_revoke(struct req *r);            /* DELETE /api/v1/me/calendar */

/* skills, matching and practices */
enum err api_skills_taxonomy(struct req *r);            /* GET /api/v1/skills                      */
enum err api_my_skills(struct req *r);                  /* GET /api/v1/me/skills                   */
enum err api_my_skills_save(struct req *r);             /* PUT /api/v1/me/skills                   */
enum err api_my_skills_pause(struct req *r);            /* PUT /api/v1/me/skills/pause             */
enum err api_skill_needs(struct req *r);                /* GET /api/v1/initiatives/{id}/skill-needs */
enum err api_skill_need_add(struct req *r);             /* POST /api/v1/initiatives/{id}/skill-needs */
enum err api_skill_need_close(struct req *r);           /* POST /api/v1/skill-needs/{id}/close     */
enum err api_skill_need_matches(struct req *r);         /* GET /api/v1/skill-needs/{id}/matches    */
enum err api_match_invitations_for_need(struct req *r); /* GET /api/v1/skill-needs/{id}/invitations */
enum err api_match_invite(struct req *r);               /* POST /api/v1/skill-needs/{id}/invitations */
enum err api_my_match_invitations(struct req *r);       /* GET /api/v1/me/match-invitations        */
enum err api_match_accept(struct req *r);               /* POST /api/v1/match-invitations/{id}/accept */
enum err api_match_decline(struct req *r);              /* POST /api/v1/match-invitations/{id}/decline */
enum err api_practices_search(struct req *r);           /* GET /api/v1/practices                   */
enum err api_practice_get(struct req *r);               /* GET /api/v1/practices/{id}              */
enum err api_practice_publish(struct req *r);           /* POST /api/v1/initiatives/{id}/practice  */
enum err api_initiative_similar(struct req *r);         /* GET /api/v1/initiatives/{id}/similar    */

/* decisions */
enum err api_collective_decisions(struct req *r);        /* GET .../collectives/{id}/decisions */
enum err api_collective_decision_propose(struct req *r); /* POST .../collectives/{id}/decisions */
enum err api_initiative_decisions(struct req *r);        /* GET .../initiatives/{id}/decisions */
enum err api_initiative_decision_propose(struct req *r); /* POST .../initiatives/{id}/decisions */
enum err api_decision_get(struct req *r);    /* GET /api/v1/decisions/{id}             */
enum err api_decision_amend(struct req *r);  /* PUT /api/v1/decisions/{id}             */
enum err api_decision_vote(struct req *r);   /* POST /api/v1/decisions/{id}/votes      */
enum err api_decision_object(struct req *r); /* POST /api/v1/decisions/{id}/objections */
enum err api_decision_settle(struct req *r); /* POST /api/v1/decisions/{id}/settle     */
enum err api_decision_close(struct req *r);  /* POST /api/v1/decisions/{id}/close      */

/* transition monitor dashboard */
enum err api_monitor_summary(struct req *r); /* GET /api/v1/areas/{code}/monitor         */
enum err api_monitor_series(struct req *r);  /* GET /api/v1/areas/{code}/monitor/series  */
enum err api_monitor_compare(struct req *r); /* GET /api/v1/areas/{code}/monitor/compare */
enum err api_monitor_flag(struct req *r);    /* POST /api/v1/areas/{code}/monitor/flag   */

#endif
