/* The declared inputs of the routes, by name, each with the prefix in_
 * (defined in http/route_fields.c, used by the route table in
 * http/routes.c). Each is a list of fields ended by an entry with a NULL
 * name. */
#ifndef WIJK_HTTP_ROUTE_FIELDS_H
#define WIJK_HTTP_ROUTE_FIELDS_H

#include "render/req.h"

extern const struct field in_code_path[];
extern const struct field in_static_file[];
extern const struct field in_signup_fields[];
extern const struct field in_signup_api_fields[];
extern const struct field in_signin_fields[];
extern const struct field in_next_field[];
extern const struct field in_account_query[];
extern const struct field in_password_fields[];
extern const struct field in_id_path[];
extern const struct field in_reset_request_fields[];
extern const struct field in_reset_sent_field[];
extern const struct field in_reset_token_field[];
extern const struct field in_reset_new_fields[];
extern const struct field in_area_list[];
extern const struct field in_buurt_field[];
extern const struct field in_letter_code_field[];
extern const struct field in_letters_fields[];
extern const struct field in_capacity_field[];
extern const struct field in_reauth_field[];
extern const struct field in_role_fields[];
extern const struct field in_roles_query[];
extern const struct field in_area_audit_fields[];
extern const struct field in_posts_mine_query[];
extern const struct field in_post_request_form[];
extern const struct field in_post_request_json[];
extern const struct field in_org_posts_page[];
extern const struct field in_org_posts_query[];
extern const struct field in_report_query[];
extern const struct field in_moderation_form_fields[];
extern const struct field in_moderation_query[];
extern const struct field in_moderation_api_fields[];
extern const struct field in_moderation_object_fields[];
extern const struct field in_object_audit_path[];
extern const struct field in_object_audit_query[];
extern const struct field in_audit_before[];
extern const struct field in_invitation_fields[];
extern const struct field in_org_search_fields[];
extern const struct field in_org_create_form[];
extern const struct field in_org_create_json[];
extern const struct field in_org_page_fields[];
extern const struct field in_org_edit_form[];
extern const struct field in_org_update_json[];
extern const struct field in_interests_query[];
extern const struct field in_interest_form[];
extern const struct field in_interest_json[];
extern const struct field in_history_query[];
extern const struct field in_history_api_query[];
extern const struct field in_history_form[];
extern const struct field in_history_json[];
extern const struct field in_relations_page[];
extern const struct field in_relation_form[];
extern const struct field in_relation_json[];
extern const struct field in_relation_end_form[];
extern const struct field in_relation_end_json[];
extern const struct field in_services_query[];
extern const struct field in_services_page_query[];
extern const struct field in_service_fields[];
extern const struct field in_location_fields[];
extern const struct field in_service_form_fields[];
extern const struct field in_schedule_fields[];
extern const struct field in_service_page_fields[];
extern const struct field in_hsds_page_query[];
extern const struct field in_hsds_id_path[];
extern const struct field in_collectives_query[];
extern const struct field in_collective_found_fields[];
extern const struct field in_collective_page_fields[];
extern const struct field in_collective_adviser_fields[];
extern const struct field in_collective_board_fields[];
extern const struct field in_offers_page[];
extern const struct field in_offers_query[];
extern const struct field in_offer_form[];
extern const struct field in_offer_json[];
extern const struct field in_external_fields[];
extern const struct field in_notifications_page[];
extern const struct field in_notifications_query[];
extern const struct field in_notification_read[];
extern const struct field in_initiatives_query[];
extern const struct field in_initiative_page_fields[];
extern const struct field in_initiative_scope_form[];
extern const struct field in_initiative_scope_json[];
extern const struct field in_initiative_phase_fields[];
extern const struct field in_initiative_initiator_form[];
extern const struct field in_initiative_initiator_json[];
extern const struct field in_initiative_evaluation_fields[];
extern const struct field in_plan_page[];
extern const struct field in_pledge_fields[];
extern const struct field in_task_fields[];
extern const struct field in_task_update_fields[];
extern const struct field in_task_ask_fields[];
extern const struct field in_task_answer_fields[];
extern const struct field in_task_matrix_fields[];
extern const struct field in_question_fields[];
extern const struct field in_answer_fields[];

#endif
