/* Who may do what: the one permission table of Wijkregie (DESIGN.md §2).
 *
 * A request is judged on three things only: the action, the capacity the
 * person acts in, and the relation between that person and the object acted
 * on. The table maps every (action, capacity, relation) cell to allowed or
 * denied with a reason; a cell the table does not allow is denied, and so is
 * anything unknown or out of range. The functions are pure: no database, no
 * allocation, no state. Every handler asks policy_check() before it acts.
 *
 * The invariants are rows of the table: a professional never holds the
 * initiator role, never votes, never decides and never changes an
 * initiative's scope, phase, plan, budget or decisions -- help enters only as
 * an offer; the municipality's decisions are recorded as external events;
 * moderators hide, and there is no action by which they edit; platform admins
 * get no resident powers by being admins. */
#ifndef WIJK_POLICY_POLICY_H
#define WIJK_POLICY_POLICY_H

#include <stdbool.h>

/* clang-format off */
/* The capacity a person acts in; one at a time, chosen explicitly. */
enum capacity {
    CAP_VISITOR,        /* not signed in */
    CAP_PERSON,         /* signed in, acting in no verified capacity */
    CAP_RESIDENT,       /* verified residency in a buurt */
    CAP_PROFESSIONAL,   /* a confirmed post at an organisation */
    CAP_ORG_ADMIN,      /* admin of an organisation */
    CAP_MUNI_ADMIN,     /* admin of a gemeente */
    CAP_MODERATOR,
    CAP_PLATFORM_ADMIN,
    CAPACITY_COUNT
};

/* How the actor relates to the object acted on. The handler passes the
 * closest one it finds, in this order: OWN, INITIATOR, MEMBER, OTHER. What
 * MEMBER means depends on the action and is stated in that action's reason
 * text (policy.c): a member of the collective, a verified resident of the
 * buurt concerned, an admin of the organisation or gemeente concerned, a
 * party to a conflict case, the mediator the parties asked, ... */
enum relation {
    REL_OTHER,          /* no closer relation */
    REL_OWN,            /* the actor's own: account, pledge, comment, post, offer, case */
    REL_MEMBER,         /* per action, see above */
    REL_INITIATOR,      /* an initiator of the initiative, or a board member of the collective */
    RELATION_COUNT
};

/* Every action of the domain, grouped by concept. Each has a stable dotted
 * name ("initiative.change_phase") for logs, tests and the audit log. */
enum action {
    ACTION_UNKNOWN,     /* what policy_action_parse() gives for an unknown name */
    /* account and sessions */
    ACT_ACCOUNT_SIGN_UP, ACT_ACCOUNT_VIEW, ACT_ACCOUNT_CHANGE, ACT_ACCOUNT_EXPORT_DATA,
    ACT_ACCOUNT_ERASE, ACT_ACCOUNT_CHOOSE_CAPACITY, ACT_ACCOUNT_LIST, ACT_ACCOUNT_INVITE,
    ACT_SESSION_LIST, ACT_SESSION_END, ACT_INTEREST_DECLARE,
    /* residency and posts */
    ACT_RESIDENCY_REQUEST, ACT_RESIDENCY_VERIFY, ACT_RESIDENCY_REJECT,
    ACT_RESIDENCY_LIST_REQUESTS, ACT_RESIDENCY_PRINT_LETTERS, ACT_RESIDENCY_REDEEM_CODE,
    ACT_RESIDENCY_VOUCH, ACT_RESIDENCY_END,
    ACT_POST_REQUEST, ACT_POST_CONFIRM, ACT_POST_END,
    /* roles: the platform admin's */
    ACT_ROLE_GRANT_ORG_ADMIN, ACT_ROLE_GRANT_MUNI_ADMIN, ACT_ROLE_GRANT_MODERATOR,
    ACT_ROLE_GRANT_PLATFORM_ADMIN, ACT_ROLE_REVOKE,
    /* areas and their history */
    ACT_AREA_VIEW, ACT_AREA_EDIT_GEOGRAPHY, ACT_AREA_IMPORT_FIGURES, ACT_AREA_FLAG_VULNERABLE,
    ACT_HISTORY_VIEW, ACT_HISTORY_ADD_EVENT,
    /* organisations (arena actors) */
    ACT_ORGANISATION_VIEW, ACT_ORGANISATION_CREATE, ACT_ORGANISATION_CREATE_INFORMAL_GROUP,
    ACT_ORGANISATION_EDIT_PROFILE, ACT_ORGANISATION_MANAGE_SERVICES, ACT_ORGANISATION_RELATE,
    /* collectives */
    ACT_COLLECTIVE_VIEW, ACT_COLLECTIVE_CREATE, ACT_COLLECTIVE_JOIN, ACT_COLLECTIVE_LEAVE,
    ACT_COLLECTIVE_EDIT, ACT_COLLECTIVE_MANAGE_MEMBERS,
    /* initiatives and comments */
    ACT_INITIATIVE_VIEW, ACT_INITIATIVE_CREATE, ACT_INITIATIVE_COMMENT,
    ACT_INITIATIVE_CHANGE_SCOPE, ACT_INITIATIVE_CHANGE_PHASE, ACT_INITIATIVE_CHANGE_PLAN,
    ACT_INITIATIVE_CHANGE_BUDGET, ACT_INITIATIVE_CHANGE_DECISIONS, ACT_INITIATIVE_CHANGE_NEEDS,
    ACT_INITIATIVE_ADD_INITIATOR, ACT_INITIATIVE_BE_INITIATOR, ACT_INITIATIVE_REMOVE_INITIATOR,
    ACT_COMMENT_EDIT, ACT_COMMENT_WITHDRAW,
    /* facilitation offers and pledges */
    ACT_OFFER_VIEW, ACT_OFFER_MAKE, ACT_OFFER_WITHDRAW, ACT_OFFER_ACCEPT, ACT_OFFER_DECLINE,
    ACT_PLEDGE_VIEW, ACT_PLEDGE_MAKE, ACT_PLEDGE_CHANGE, ACT_PLEDGE_WITHDRAW,
    /* plan: tasks and responsibility */
    ACT_TASK_VIEW, ACT_TASK_CREATE, ACT_TASK_ASSIGN, ACT_TASK_TAKE_ON, ACT_TASK_UPDATE,
    ACT_RESPONSIBILITY_ASK, ACT_RESPONSIBILITY_ANSWER, ACT_RESPONSIBILITY_SET_MATRIX,
    /* activities */
    ACT_ACTIVITY_VIEW, ACT_ACTIVITY_CREATE, ACT_ACTIVITY_EDIT, ACT_ACTIVITY_CANCEL,
    ACT_ACTIVITY_SIGN_UP, ACT_ACTIVITY_CANCEL_SIGN_UP, ACT_ACTIVITY_VOLUNTEER,
    ACT_ACTIVITY_VIEW_SIGN_UPS,
    /* decisions, the residents' own and external ones */
    ACT_DECISION_VIEW, ACT_DECISION_PROPOSE, ACT_DECISION_VOTE, ACT_DECISION_OBJECT,
    ACT_DECISION_CLOSE, ACT_EXTERNAL_VIEW, ACT_EXTERNAL_RECORD,
    /* conflict cases */
    ACT_CONFLICT_RAISE, ACT_CONFLICT_VIEW, ACT_CONFLICT_ASK_MEDIATOR, ACT_CONFLICT_MEDIATE,
    ACT_CONFLICT_ADVANCE,
    /* investment hours */
    ACT_HOURS_VIEW_LEDGER, ACT_HOURS_PLEDGE, ACT_HOURS_WITHDRAW_PLEDGE, ACT_HOURS_LOG,
    /* cooperation agreements */
    ACT_AGREEMENT_VIEW, ACT_AGREEMENT_DRAFT, ACT_AGREEMENT_REVISE, ACT_AGREEMENT_SIGN,
    ACT_AGREEMENT_END,
    /* rule-free zones */
    ACT_ZONE_VIEW, ACT_ZONE_REQUEST, ACT_ZONE_GRANT, ACT_ZONE_EVALUATE, ACT_ZONE_END,
    /* moderation and audit */
    ACT_MODERATION_REPORT, ACT_MODERATION_HIDE, ACT_MODERATION_UNHIDE,
    ACT_MODERATION_VIEW_REPORTS, ACT_AUDIT_VIEW_PUBLIC, ACT_AUDIT_VIEW_PERSONAL,
    /* transition monitor */
    ACT_MONITOR_VIEW, ACT_MONITOR_FLAG, ACT_MONITOR_CONFIGURE,
    /* matching, skills and best practices */
    ACT_MATCH_VIEW, ACT_MATCH_INVITE, ACT_SKILL_REGISTER, ACT_PRACTICE_VIEW,
    ACT_PRACTICE_PUBLISH,
    ACTION_COUNT
};
/* clang-format on */

struct verdict {
    bool allowed;
    /* Never NULL: an untranslated message id (English, in locale/<lang>.po)
     * saying who may do this -- for a denial, why not and what to do
     * instead. Static storage; translate it with req_tr(). */
    const char *reason;
};

/* The verdict for acting on an object in a capacity and relation. Denied
 * when the table does not allow the cell, when a deny row of the table
 * matches (a deny always wins over an allow), and when action, capacity or
 * relation is ACTION_UNKNOWN or out of range. A denial's reason is the deny
 * rule's; else, for CAP_PROFESSIONAL on an action no rule names
 * professionals in, a general one in words of the facilitating role (every
 * reason a professional gets for an action they may do in no relation
 * contains "Professionals facilitate"); else the action's who-may text.
 * Pure; never fails. */
struct verdict policy_check(enum action action, enum capacity capacity, enum relation relation);

/* The stable dotted name of an action ("initiative.change_phase"); "unknown"
 * for ACTION_UNKNOWN and for values out of range. Static storage. */
const char *policy_action_name(enum action action);

/* The action with this exact name; ACTION_UNKNOWN for NULL, "unknown" and any
 * name that is not in the table. */
enum action policy_action_parse(const char *name);

/* "visitor", "person", "resident", "professional", "organisation_admin",
 * "municipality_admin", "moderator", "platform_admin" (as model/session.c
 * stores them); "unknown" when out of range. */
const char *policy_capacity_name(enum capacity capacity);

/* Sets *capacity to the capacity with this exact name and returns true; false
 * (and *capacity untouched) for NULL or an unknown name. */
bool policy_capacity_parse(const char *name, enum capacity *capacity);

/* "other", "own", "member", "initiator"; "unknown" when out of range. */
const char *policy_relation_name(enum relation relation);

#endif
