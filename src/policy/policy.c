/* The permission table. One row per action: its dotted name, the text that
 * says who may do it (and so what "member" means for it), and its rules. A
 * rule is a set of capacities and a set of relations that it allows or
 * denies. A cell is allowed when an allow rule covers it and no deny rule
 * does; a deny rule carries its own reason, an unallowed cell gets the row's
 * who-may text. Deny rules make the invariants of DESIGN.md §2 visible: the
 * rows of the residents' own decisions say, capacity by capacity, why a
 * facilitator or an admin may not take them. A row holds at most MAX_RULES
 * rules; one more is a compile error.
 *
 * A professional is always told about the facilitating role, never only who
 * else may act. Where the role points somewhere specific (residency is the
 * municipality's, letters' or neighbours' word; posts are confirmed by the
 * organisation's admin; roles are named by platform admins; moderators
 * hide) the row carries a deny rule for professionals with its own reason.
 * Every other row that names no professionals at all -- the residents' own
 * and the admins' own tasks, and any row added later -- gets the general
 * WHY_PRO_FACILITATES from policy_check(), so that no new row can forget the
 * professional's reason. A row that allows professionals in some relation
 * keeps its who-may text for the others: there the relation is what is
 * wrong, not the role. */
#include "policy/policy.h"

#include <stddef.h>
#include <string.h>

#ifndef N_
#define N_(msgid) (msgid) /* marks a message id for xgettext */
#endif

enum effect { ALLOWS = 1, DENIES };

/* clang-format off */
/* Why a deny rule denies; the texts are below. */
enum why {
    WHY_NONE,
    WHY_UNKNOWN_ACTION, WHY_UNKNOWN_CAPACITY, WHY_UNKNOWN_RELATION,
    WHY_PRO_DECIDES_NOT, WHY_PRO_OWNS_NOT, WHY_PRO_VOTES_NOT, WHY_PRO_PLEDGES_NOT,
    WHY_PRO_ANSWERS_OFFERS_NOT, WHY_PRO_ORGANISES_NOT, WHY_PRO_IS_NO_PARTY,
    WHY_PRO_MEDIATES_WHEN_ASKED, WHY_ORG_FACILITATES, WHY_MUNI_RECORDS_EXTERNALLY,
    WHY_MODERATOR_HIDES, WHY_ADMIN_IS_NO_RESIDENT, WHY_CONFIDENTIAL, WHY_NO_SELF_VOUCH,
    WHY_NO_SELF_ROLE,
    WHY_PRO_FACILITATES, WHY_PRO_VERIFIES_NOT, WHY_PRO_VOUCHES_NOT, WHY_PRO_OWN_RESIDENCY,
    WHY_PRO_CONFIRMS_NO_POST, WHY_PRO_MANAGES_NO_ORGANISATION, WHY_PRO_NAMES_NO_ROLES,
    WHY_PRO_INVITES_NOT, WHY_PRO_MODERATES_NOT, WHY_PRO_GOVERNS_NOT,
    WHY_COUNT
};

static const char *const whys[WHY_COUNT] = {
    [WHY_NONE] = "",
    [WHY_UNKNOWN_ACTION] = N_("This action is unknown, so it is not allowed."),
    [WHY_UNKNOWN_CAPACITY] = N_("This capacity is unknown, so nothing is allowed in it."),
    [WHY_UNKNOWN_RELATION] = N_("This relation is unknown, so nothing is allowed by it."),
    [WHY_PRO_DECIDES_NOT] = N_("Professionals facilitate: residents decide about their own "
                               "initiatives and collectives. Make an offer the initiators can "
                               "accept."),
    [WHY_PRO_OWNS_NOT] = N_("Professionals facilitate and never hold the initiator role: "
                            "residents own their initiatives and collectives. Support them "
                            "with an offer."),
    [WHY_PRO_VOTES_NOT] = N_("Professionals facilitate and do not propose, vote or object: "
                             "residents decide. Share your advice in a comment."),
    [WHY_PRO_PLEDGES_NOT] = N_("Pledges are residents' commitments. Professionals facilitate: "
                               "offer coaching, a connection, hours or a room the initiators "
                               "can accept."),
    [WHY_PRO_ANSWERS_OFFERS_NOT] = N_("Professionals facilitate: the initiators accept or "
                                      "decline offers, including yours."),
    [WHY_PRO_ORGANISES_NOT] = N_("Professionals facilitate: the initiators organise their "
                                 "activities and tasks. Offer your help, and they can accept "
                                 "it."),
    [WHY_PRO_IS_NO_PARTY] = N_("Professionals facilitate: the parties draft and sign "
                               "agreements, and your organisation's admin signs for it."),
    [WHY_PRO_MEDIATES_WHEN_ASKED] = N_("Professionals facilitate: a professional mediates "
                                       "only when the parties ask."),
    [WHY_ORG_FACILITATES] = N_("Organisations facilitate: they support residents with offers, "
                               "hours and agreements, and do not decide for them."),
    [WHY_MUNI_RECORDS_EXTERNALLY] = N_("The municipality facilitates: its decisions are "
                                       "recorded as external events and do not change an "
                                       "initiative by themselves."),
    [WHY_MODERATOR_HIDES] = N_("Moderators hide reported content with a reason; they never "
                               "edit it or take part in decisions."),
    [WHY_ADMIN_IS_NO_RESIDENT] = N_("Platform admins get no resident powers by being admins: "
                                    "act as a resident to take part."),
    [WHY_CONFIDENTIAL] = N_("Conflict cases are confidential to their parties and the "
                            "mediator they asked."),
    [WHY_NO_SELF_VOUCH] = N_("You cannot vouch for your own residency: two other verified "
                             "residents of your buurt can."),
    [WHY_NO_SELF_ROLE] = N_("Platform admins do not grant or take away their own roles: "
                            "another platform admin does."),
    [WHY_PRO_FACILITATES] = N_("Professionals facilitate: this is for residents or admins to "
                               "do, not for a professional. Offer your help, connect people or "
                               "give advice instead."),
    [WHY_PRO_VERIFIES_NOT] = N_("Professionals facilitate and do not confirm residency. Only "
                                "admins of the gemeente a buurt lies in verify it; a letter "
                                "code or two verified residents of the buurt can confirm it "
                                "too."),
    [WHY_PRO_VOUCHES_NOT] = N_("Professionals facilitate and do not vouch for residency: two "
                               "verified residents of the same buurt, acting as residents, "
                               "vouch for a neighbour."),
    [WHY_PRO_OWN_RESIDENCY] = N_("Professionals facilitate, and residency is not part of that "
                                 "role: act as a person or as a resident to request, confirm "
                                 "or end your own residency."),
    [WHY_PRO_CONFIRMS_NO_POST] = N_("Professionals facilitate and do not confirm posts: the "
                                    "admin of the organisation concerned confirms the posts "
                                    "at it."),
    [WHY_PRO_MANAGES_NO_ORGANISATION] = N_("Professionals facilitate: the admins of an "
                                           "organisation manage its profile, services, "
                                           "relations and investment hours. Ask your "
                                           "organisation's admin."),
    [WHY_PRO_NAMES_NO_ROLES] = N_("Professionals facilitate and do not name roles or see the "
                                  "list of accounts: platform admins do."),
    [WHY_PRO_INVITES_NOT] = N_("Professionals facilitate and do not invite people onto the "
                               "platform: admins of organisations and gemeenten do. To connect "
                               "someone with an initiative, invite a match."),
    [WHY_PRO_MODERATES_NOT] = N_("Professionals facilitate and do not moderate: moderators "
                                 "hide reported content. Report what worries you."),
    [WHY_PRO_GOVERNS_NOT] = N_("Professionals facilitate: the municipality's admins manage "
                               "its areas, organisations, rule-free zones and external "
                               "decisions."),
};

/* Sets of capacities and of relations, as bit masks. */
enum {
    AS_VISITOR = 1u << CAP_VISITOR,
    AS_PERSON = 1u << CAP_PERSON,
    AS_RESIDENT = 1u << CAP_RESIDENT,
    AS_PROFESSIONAL = 1u << CAP_PROFESSIONAL,
    AS_ORG_ADMIN = 1u << CAP_ORG_ADMIN,
    AS_MUNI_ADMIN = 1u << CAP_MUNI_ADMIN,
    AS_MODERATOR = 1u << CAP_MODERATOR,
    AS_PLATFORM_ADMIN = 1u << CAP_PLATFORM_ADMIN,
    AS_ANYONE = (1u << CAPACITY_COUNT) - 1,
    AS_SIGNED_IN = AS_ANYONE & ~AS_VISITOR,
    /* who writes content in a verified capacity of their own */
    AS_CONTRIBUTOR = AS_RESIDENT | AS_PROFESSIONAL | AS_ORG_ADMIN | AS_MUNI_ADMIN,
};
enum {
    ON_OTHER = 1u << REL_OTHER,
    ON_OWN = 1u << REL_OWN,
    ON_MEMBER = 1u << REL_MEMBER,
    ON_INITIATOR = 1u << REL_INITIATOR,
    ON_ANY = (1u << RELATION_COUNT) - 1,
    ON_NOT_OWN = ON_ANY & ~ON_OWN,
};

struct rule {
    unsigned capacities;   /* 0 ends a row's rules */
    unsigned relations;
    enum effect effect;
    enum why why;          /* for DENIES */
};

#define MAX_RULES 8

struct row {
    const char *name;
    const char *who;       /* who may do it: the allow reason, and the default deny reason */
    struct rule rules[MAX_RULES];
};

#define ALLOW(caps, rels) {(caps), (rels), ALLOWS, WHY_NONE}
#define DENY(caps, why) {(caps), ON_ANY, DENIES, (why)}
#define DENY_ON(caps, rels, why) {(caps), (rels), DENIES, (why)}
#define PUBLIC {ALLOW(AS_ANYONE, ON_ANY)}
/* The residents' own powers: each facilitating capacity and each admin is
 * told why not, the professional in words of the facilitating role. */
#define RESIDENTS_ONLY(pro_why)                                                                    \
    DENY(AS_PROFESSIONAL, pro_why), DENY(AS_ORG_ADMIN, WHY_ORG_FACILITATES),                       \
        DENY(AS_MUNI_ADMIN, WHY_MUNI_RECORDS_EXTERNALLY), DENY(AS_MODERATOR, WHY_MODERATOR_HIDES), \
        DENY(AS_PLATFORM_ADMIN, WHY_ADMIN_IS_NO_RESIDENT)
#define INITIATORS(pro_why) {RESIDENTS_ONLY(pro_why), ALLOW(AS_RESIDENT, ON_INITIATOR)}
#define ROLE_GRANT                                                                                 \
    {DENY(AS_PROFESSIONAL, WHY_PRO_NAMES_NO_ROLES),                                                \
     DENY_ON(AS_PLATFORM_ADMIN, ON_OWN, WHY_NO_SELF_ROLE), ALLOW(AS_PLATFORM_ADMIN, ON_OTHER)}

static const struct row table[ACTION_COUNT] = {
    /* account and sessions: OWN is one's own account */
    [ACT_ACCOUNT_SIGN_UP] = {"account.sign_up",
        N_("Anyone who is not signed in may create an account."), {ALLOW(AS_VISITOR, ON_ANY)}},
    [ACT_ACCOUNT_VIEW] = {"account.view", N_("Only you see your own account."),
        {ALLOW(AS_SIGNED_IN, ON_OWN)}},
    [ACT_ACCOUNT_CHANGE] = {"account.change", N_("Only you change your own account."),
        {ALLOW(AS_SIGNED_IN, ON_OWN)}},
    [ACT_ACCOUNT_EXPORT_DATA] = {"account.export_data",
        N_("Only you download the data about you."), {ALLOW(AS_SIGNED_IN, ON_OWN)}},
    [ACT_ACCOUNT_ERASE] = {"account.erase", N_("Only you erase your own account."),
        {ALLOW(AS_SIGNED_IN, ON_OWN)}},
    [ACT_ACCOUNT_CHOOSE_CAPACITY] = {"account.choose_capacity",
        N_("Only you choose the capacity you act in."), {ALLOW(AS_SIGNED_IN, ON_OWN)}},
    [ACT_ACCOUNT_LIST] = {"account.list", N_("Only platform admins list the accounts."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_NAMES_NO_ROLES), ALLOW(AS_PLATFORM_ADMIN, ON_ANY)}},
    [ACT_ACCOUNT_INVITE] = {"account.invite",
        N_("Platform admins invite anyone; organisation admins invite people to their own "
           "organisation and municipality admins to their own gemeente."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_INVITES_NOT), ALLOW(AS_PLATFORM_ADMIN, ON_ANY),
         ALLOW(AS_ORG_ADMIN | AS_MUNI_ADMIN, ON_MEMBER)}},
    [ACT_SESSION_LIST] = {"session.list", N_("Only you see your own sessions."),
        {ALLOW(AS_SIGNED_IN, ON_OWN)}},
    [ACT_SESSION_END] = {"session.end", N_("Only you end your own sessions."),
        {ALLOW(AS_SIGNED_IN, ON_OWN)}},
    [ACT_INTEREST_DECLARE] = {"interest.declare",
        N_("You declare your own conflicts of interest, acting as resident or professional."),
        {ALLOW(AS_RESIDENT | AS_PROFESSIONAL, ON_OWN)}},

    /* residency: MEMBER is an admin of the gemeente the buurt lies in, or for
     * vouching a verified resident of the same buurt; OWN is one's own */
    [ACT_RESIDENCY_REQUEST] = {"residency.request",
        N_("You request residency for yourself, signed in as a person or as a resident."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_OWN_RESIDENCY), ALLOW(AS_PERSON | AS_RESIDENT, ON_OWN)}},
    [ACT_RESIDENCY_VERIFY] = {"residency.verify",
        N_("Only admins of the gemeente a buurt lies in verify residency there."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_VERIFIES_NOT), ALLOW(AS_MUNI_ADMIN, ON_MEMBER)}},
    [ACT_RESIDENCY_REJECT] = {"residency.reject",
        N_("Only admins of the gemeente a buurt lies in turn down residency requests there."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_VERIFIES_NOT), ALLOW(AS_MUNI_ADMIN, ON_MEMBER)}},
    [ACT_RESIDENCY_LIST_REQUESTS] = {"residency.list_requests",
        N_("Only admins of the gemeente a buurt lies in see its residency requests."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_VERIFIES_NOT), ALLOW(AS_MUNI_ADMIN, ON_MEMBER)}},
    [ACT_RESIDENCY_PRINT_LETTERS] = {"residency.print_letters",
        N_("Only admins of the gemeente a buurt lies in print its letters with residency codes."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_VERIFIES_NOT), ALLOW(AS_MUNI_ADMIN, ON_MEMBER)}},
    [ACT_RESIDENCY_REDEEM_CODE] = {"residency.redeem_code",
        N_("You redeem a letter code for your own residency request only."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_OWN_RESIDENCY), ALLOW(AS_PERSON | AS_RESIDENT, ON_OWN)}},
    [ACT_RESIDENCY_VOUCH] = {"residency.vouch",
        N_("Verified residents of the same buurt vouch for someone who asks to be verified "
           "there."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_VOUCHES_NOT),
         DENY_ON(AS_RESIDENT, ON_OWN, WHY_NO_SELF_VOUCH), ALLOW(AS_RESIDENT, ON_MEMBER)}},
    [ACT_RESIDENCY_END] = {"residency.end",
        N_("You end your own residency; admins of the gemeente a buurt lies in end residencies "
           "there."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_OWN_RESIDENCY), ALLOW(AS_RESIDENT, ON_OWN),
         ALLOW(AS_MUNI_ADMIN, ON_MEMBER)}},

    /* posts: MEMBER is an admin of the organisation concerned */
    [ACT_POST_REQUEST] = {"post.request",
        N_("You request a post at an organisation for yourself."),
        {ALLOW(AS_PERSON | AS_PROFESSIONAL, ON_OWN)}},
    [ACT_POST_CONFIRM] = {"post.confirm",
        N_("Only admins of the organisation concerned confirm posts at it."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_CONFIRMS_NO_POST), ALLOW(AS_ORG_ADMIN, ON_MEMBER)}},
    [ACT_POST_END] = {"post.end",
        N_("You end your own post, or withdraw your request for one; admins of the "
           "organisation concerned end posts at it."),
        {ALLOW(AS_PERSON | AS_PROFESSIONAL, ON_OWN), ALLOW(AS_ORG_ADMIN, ON_MEMBER)}},

    /* roles: OWN is a role of one's own, OTHER someone else's */
    [ACT_ROLE_GRANT_ORG_ADMIN] = {"role.grant_org_admin",
        N_("Only platform admins name organisation admins."), ROLE_GRANT},
    [ACT_ROLE_GRANT_MUNI_ADMIN] = {"role.grant_muni_admin",
        N_("Only platform admins name municipality admins."), ROLE_GRANT},
    [ACT_ROLE_GRANT_MODERATOR] = {"role.grant_moderator",
        N_("Only platform admins name moderators."), ROLE_GRANT},
    [ACT_ROLE_GRANT_PLATFORM_ADMIN] = {"role.grant_platform_admin",
        N_("Only platform admins name other platform admins."), ROLE_GRANT},
    [ACT_ROLE_REVOKE] = {"role.revoke", N_("Only platform admins take roles away."),
        ROLE_GRANT},

    /* areas: MEMBER is an admin of the gemeente concerned, or for history a
     * verified resident of the buurt */
    [ACT_AREA_VIEW] = {"area.view", N_("Everyone may see areas and their figures."), PUBLIC},
    [ACT_AREA_EDIT_GEOGRAPHY] = {"area.edit_geography",
        N_("Only admins of the gemeente concerned manage its geography."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_GOVERNS_NOT), ALLOW(AS_MUNI_ADMIN, ON_MEMBER)}},
    [ACT_AREA_IMPORT_FIGURES] = {"area.import_figures",
        N_("Admins of the gemeente concerned import its key figures; platform admins import "
           "them for every gemeente."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_GOVERNS_NOT), ALLOW(AS_MUNI_ADMIN, ON_MEMBER),
         ALLOW(AS_PLATFORM_ADMIN, ON_ANY)}},
    [ACT_AREA_FLAG_VULNERABLE] = {"area.flag_vulnerable",
        N_("Only admins of the gemeente concerned flag a buurt as vulnerable."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_GOVERNS_NOT), ALLOW(AS_MUNI_ADMIN, ON_MEMBER)}},
    [ACT_HISTORY_VIEW] = {"history.view",
        N_("Everyone may see the history of a neighbourhood."), PUBLIC},
    [ACT_HISTORY_ADD_EVENT] = {"history.add_event",
        N_("Verified residents of the buurt and admins of its gemeente add events to its "
           "history."),
        {ALLOW(AS_RESIDENT | AS_MUNI_ADMIN, ON_MEMBER)}},

    /* organisations: MEMBER is an admin of the organisation concerned (of
     * either one, for a relation); for creating, an admin of the gemeente the
     * organisation works in, or a verified resident of the group's buurt */
    [ACT_ORGANISATION_VIEW] = {"organisation.view",
        N_("Everyone may see organisations and their services."), PUBLIC},
    [ACT_ORGANISATION_CREATE] = {"organisation.create",
        N_("Platform admins and admins of the gemeente an organisation works in register it."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_GOVERNS_NOT), ALLOW(AS_PLATFORM_ADMIN, ON_ANY),
         ALLOW(AS_MUNI_ADMIN, ON_MEMBER)}},
    [ACT_ORGANISATION_CREATE_INFORMAL_GROUP] = {"organisation.create_informal_group",
        N_("Verified residents of the buurt an informal group works in start it."),
        {ALLOW(AS_RESIDENT, ON_MEMBER)}},
    [ACT_ORGANISATION_EDIT_PROFILE] = {"organisation.edit_profile",
        N_("Only admins of the organisation concerned edit its profile."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_MANAGES_NO_ORGANISATION), ALLOW(AS_ORG_ADMIN, ON_MEMBER)}},
    [ACT_ORGANISATION_MANAGE_SERVICES] = {"organisation.manage_services",
        N_("Only admins of the organisation concerned manage its services."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_MANAGES_NO_ORGANISATION), ALLOW(AS_ORG_ADMIN, ON_MEMBER)}},
    [ACT_ORGANISATION_RELATE] = {"organisation.relate",
        N_("Only an admin of one of the two organisations records a relation between them."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_MANAGES_NO_ORGANISATION), ALLOW(AS_ORG_ADMIN, ON_MEMBER)}},

    /* collectives: MEMBER is a member of the collective, INITIATOR a member
     * of its board; for founding, a verified resident of its buurt */
    [ACT_COLLECTIVE_VIEW] = {"collective.view", N_("Everyone may see collectives."), PUBLIC},
    [ACT_COLLECTIVE_CREATE] = {"collective.create",
        N_("Verified residents of the buurt a collective works in found it."),
        {RESIDENTS_ONLY(WHY_PRO_OWNS_NOT), ALLOW(AS_RESIDENT, ON_MEMBER)}},
    [ACT_COLLECTIVE_JOIN] = {"collective.join",
        N_("Verified residents who are not yet members join a collective."),
        {RESIDENTS_ONLY(WHY_PRO_VOTES_NOT), ALLOW(AS_RESIDENT, ON_OTHER)}},
    [ACT_COLLECTIVE_LEAVE] = {"collective.leave",
        N_("Members of a collective leave it themselves, also an adviser acting as professional "
           "or someone who no longer lives in its area."),
        {ALLOW(AS_PERSON | AS_RESIDENT | AS_PROFESSIONAL, ON_MEMBER | ON_INITIATOR)}},
    [ACT_COLLECTIVE_EDIT] = {"collective.edit",
        N_("Only the board of a collective, acting as residents, changes its rules and "
           "statutes."),
        INITIATORS(WHY_PRO_DECIDES_NOT)},
    [ACT_COLLECTIVE_MANAGE_MEMBERS] = {"collective.manage_members",
        N_("Only the board of a collective, acting as residents, admits and removes members."),
        INITIATORS(WHY_PRO_DECIDES_NOT)},

    /* initiatives: INITIATOR is an initiator or a board member of the owning
     * collective; MEMBER is a verified resident of the initiative's buurt;
     * OWN is one's own comment */
    [ACT_INITIATIVE_VIEW] = {"initiative.view", N_("Everyone may see initiatives."), PUBLIC},
    [ACT_INITIATIVE_CREATE] = {"initiative.create",
        N_("Verified residents of a buurt start initiatives there, and the board of a "
           "collective starts them for it."),
        {RESIDENTS_ONLY(WHY_PRO_OWNS_NOT), ALLOW(AS_RESIDENT, ON_MEMBER | ON_INITIATOR)}},
    [ACT_INITIATIVE_COMMENT] = {"initiative.comment",
        N_("Residents, professionals and admins of organisations and gemeenten comment on "
           "initiatives."),
        {ALLOW(AS_CONTRIBUTOR, ON_NOT_OWN)}},
    [ACT_INITIATIVE_CHANGE_SCOPE] = {"initiative.change_scope",
        N_("Only the initiators of an initiative, acting as residents, change its scope."),
        INITIATORS(WHY_PRO_DECIDES_NOT)},
    [ACT_INITIATIVE_CHANGE_PHASE] = {"initiative.change_phase",
        N_("Only the initiators of an initiative, acting as residents, change its phase."),
        INITIATORS(WHY_PRO_DECIDES_NOT)},
    [ACT_INITIATIVE_CHANGE_PLAN] = {"initiative.change_plan",
        N_("Only the initiators of an initiative, acting as residents, change its plan."),
        INITIATORS(WHY_PRO_DECIDES_NOT)},
    [ACT_INITIATIVE_CHANGE_BUDGET] = {"initiative.change_budget",
        N_("Only the initiators of an initiative, acting as residents, change its budget."),
        INITIATORS(WHY_PRO_DECIDES_NOT)},
    [ACT_INITIATIVE_CHANGE_DECISIONS] = {"initiative.change_decisions",
        N_("Only the initiators of an initiative, acting as residents, change its decisions."),
        INITIATORS(WHY_PRO_DECIDES_NOT)},
    [ACT_INITIATIVE_CHANGE_NEEDS] = {"initiative.change_needs",
        N_("Only the initiators of an initiative, acting as residents, change its needs."),
        INITIATORS(WHY_PRO_DECIDES_NOT)},
    [ACT_INITIATIVE_ADD_INITIATOR] = {"initiative.add_initiator",
        N_("Only the initiators of an initiative, acting as residents, add initiators."),
        INITIATORS(WHY_PRO_DECIDES_NOT)},
    [ACT_INITIATIVE_BE_INITIATOR] = {"initiative.be_initiator",
        N_("Only verified residents of an initiative's buurt hold its initiator role."),
        {RESIDENTS_ONLY(WHY_PRO_OWNS_NOT), ALLOW(AS_RESIDENT, ON_MEMBER | ON_INITIATOR)}},
    [ACT_INITIATIVE_REMOVE_INITIATOR] = {"initiative.remove_initiator",
        N_("Only the initiators of an initiative, acting as residents, remove an initiator "
           "or step down."),
        INITIATORS(WHY_PRO_DECIDES_NOT)},
    [ACT_COMMENT_EDIT] = {"comment.edit", N_("Only its author edits a comment."),
        {DENY(AS_MODERATOR, WHY_MODERATOR_HIDES), ALLOW(AS_CONTRIBUTOR, ON_OWN)}},
    [ACT_COMMENT_WITHDRAW] = {"comment.withdraw",
        N_("Only its author withdraws a comment; moderators hide it instead."),
        {ALLOW(AS_CONTRIBUTOR, ON_OWN)}},

    /* offers: INITIATOR as for initiatives; MEMBER is an admin of the
     * organisation the offer is made for; OWN is one's own offer */
    [ACT_OFFER_VIEW] = {"offer.view",
        N_("Everyone may see facilitation offers and who made them."), PUBLIC},
    [ACT_OFFER_MAKE] = {"offer.make",
        N_("Professionals make facilitation offers, and organisation admins make them for "
           "their own organisation."),
        {ALLOW(AS_PROFESSIONAL, ON_OTHER | ON_MEMBER), ALLOW(AS_ORG_ADMIN, ON_MEMBER)}},
    [ACT_OFFER_WITHDRAW] = {"offer.withdraw",
        N_("Whoever made a facilitation offer withdraws it, or an admin of the organisation "
           "it was made for."),
        {ALLOW(AS_PROFESSIONAL, ON_OWN), ALLOW(AS_ORG_ADMIN, ON_OWN | ON_MEMBER)}},
    [ACT_OFFER_ACCEPT] = {"offer.accept",
        N_("Only the initiators of an initiative, acting as residents, accept an offer."),
        INITIATORS(WHY_PRO_ANSWERS_OFFERS_NOT)},
    [ACT_OFFER_DECLINE] = {"offer.decline",
        N_("Only the initiators of an initiative, acting as residents, decline an offer."),
        INITIATORS(WHY_PRO_ANSWERS_OFFERS_NOT)},

    /* pledges: OWN is one's own pledge; INITIATOR as for initiatives;
     * MEMBER is a verified resident of the initiative's buurt */
    [ACT_PLEDGE_VIEW] = {"pledge.view",
        N_("You see your own pledges, and the initiators see the pledges to their initiative."),
        {ALLOW(AS_RESIDENT, ON_OWN | ON_INITIATOR)}},
    [ACT_PLEDGE_MAKE] = {"pledge.make",
        N_("Verified residents pledge their time and skills to initiatives."),
        {RESIDENTS_ONLY(WHY_PRO_PLEDGES_NOT), ALLOW(AS_RESIDENT, ON_NOT_OWN)}},
    [ACT_PLEDGE_CHANGE] = {"pledge.change", N_("Only you change your own pledge."),
        {ALLOW(AS_RESIDENT, ON_OWN)}},
    [ACT_PLEDGE_WITHDRAW] = {"pledge.withdraw", N_("Only you withdraw your own pledge."),
        {ALLOW(AS_RESIDENT, ON_OWN)}},

    /* tasks and responsibility: INITIATOR as for initiatives; OWN is a task
     * one is responsible for, or a question put to oneself; MEMBER is an
     * admin of the organisation or gemeente the question is put to */
    [ACT_TASK_VIEW] = {"task.view", N_("Everyone may see an initiative's tasks."), PUBLIC},
    [ACT_TASK_CREATE] = {"task.create",
        N_("Only the initiators of an initiative, acting as residents, create its tasks."),
        INITIATORS(WHY_PRO_ORGANISES_NOT)},
    [ACT_TASK_ASSIGN] = {"task.assign",
        N_("Only the initiators of an initiative, acting as residents, assign its tasks."),
        INITIATORS(WHY_PRO_ORGANISES_NOT)},
    [ACT_TASK_TAKE_ON] = {"task.take_on",
        N_("Verified residents take on tasks of initiatives."),
        {ALLOW(AS_RESIDENT, ON_NOT_OWN)}},
    [ACT_TASK_UPDATE] = {"task.update",
        N_("The resident responsible for a task and the initiators update it."),
        {ALLOW(AS_RESIDENT, ON_OWN | ON_INITIATOR)}},
    [ACT_RESPONSIBILITY_ASK] = {"responsibility.ask",
        N_("Residents, professionals and admins of organisations and gemeenten ask "
           "responsibility questions."),
        {ALLOW(AS_CONTRIBUTOR, ON_NOT_OWN)}},
    [ACT_RESPONSIBILITY_ANSWER] = {"responsibility.answer",
        N_("The initiators answer a responsibility question, or whoever it is put to: a "
           "professional, or an admin of the organisation or gemeente."),
        {ALLOW(AS_RESIDENT, ON_INITIATOR), ALLOW(AS_PROFESSIONAL, ON_OWN),
         ALLOW(AS_ORG_ADMIN | AS_MUNI_ADMIN, ON_MEMBER)}},
    [ACT_RESPONSIBILITY_SET_MATRIX] = {"responsibility.set_matrix",
        N_("Only the initiators of an initiative, acting as residents, set who is responsible, "
           "accountable, consulted and informed."),
        INITIATORS(WHY_PRO_ORGANISES_NOT)},

    /* activities: INITIATOR is an initiator of the initiative or a board
     * member of the collective holding it; OWN is one's own sign-up */
    [ACT_ACTIVITY_VIEW] = {"activity.view", N_("Everyone may see activities."), PUBLIC},
    [ACT_ACTIVITY_CREATE] = {"activity.create",
        N_("Only the initiators or the collective's board, acting as residents, create its "
           "activities."),
        INITIATORS(WHY_PRO_ORGANISES_NOT)},
    [ACT_ACTIVITY_EDIT] = {"activity.edit",
        N_("Only the initiators or the collective's board, acting as residents, change its "
           "activities."),
        INITIATORS(WHY_PRO_ORGANISES_NOT)},
    [ACT_ACTIVITY_CANCEL] = {"activity.cancel",
        N_("Only the initiators or the collective's board, acting as residents, cancel its "
           "activities."),
        INITIATORS(WHY_PRO_ORGANISES_NOT)},
    [ACT_ACTIVITY_SIGN_UP] = {"activity.sign_up",
        N_("Anyone signed in signs up for activities, though not as moderator or platform "
           "admin."),
        {ALLOW(AS_PERSON | AS_CONTRIBUTOR, ON_NOT_OWN)}},
    [ACT_ACTIVITY_CANCEL_SIGN_UP] = {"activity.cancel_sign_up",
        N_("Only you cancel your own sign-up."), {ALLOW(AS_PERSON | AS_CONTRIBUTOR, ON_OWN)}},
    [ACT_ACTIVITY_VOLUNTEER] = {"activity.volunteer",
        N_("Verified residents volunteer at activities."), {ALLOW(AS_RESIDENT, ON_NOT_OWN)}},
    [ACT_ACTIVITY_VIEW_SIGN_UPS] = {"activity.view_sign_ups",
        N_("Only the organisers of an activity see who signed up."),
        {ALLOW(AS_RESIDENT, ON_INITIATOR)}},

    /* decisions: MEMBER is a resident eligible for the decision (a member of
     * the collective, or a resident the decision names); INITIATOR as for
     * initiatives and collectives. External ones: MEMBER is an admin of the
     * gemeente or the funding organisation concerned */
    [ACT_DECISION_VIEW] = {"decision.view",
        N_("Everyone may see decisions and their outcome."), PUBLIC},
    [ACT_DECISION_PROPOSE] = {"decision.propose",
        N_("Only residents eligible in the collective or initiative concerned make proposals."),
        {RESIDENTS_ONLY(WHY_PRO_VOTES_NOT), ALLOW(AS_RESIDENT, ON_MEMBER | ON_INITIATOR)}},
    [ACT_DECISION_VOTE] = {"decision.vote",
        N_("Only residents eligible for a decision vote: the collective's members, the "
           "initiators or the residents the decision names."),
        {RESIDENTS_ONLY(WHY_PRO_VOTES_NOT), ALLOW(AS_RESIDENT, ON_MEMBER | ON_INITIATOR)}},
    [ACT_DECISION_OBJECT] = {"decision.object",
        N_("Only residents eligible for a decision raise a reasoned objection."),
        {RESIDENTS_ONLY(WHY_PRO_VOTES_NOT), ALLOW(AS_RESIDENT, ON_MEMBER | ON_INITIATOR)}},
    [ACT_DECISION_CLOSE] = {"decision.close",
        N_("Only the initiators or the collective's board, acting as residents, close a "
           "decision."),
        INITIATORS(WHY_PRO_DECIDES_NOT)},
    [ACT_EXTERNAL_VIEW] = {"external.view",
        N_("Everyone may see the decisions of the municipality and funders."), PUBLIC},
    [ACT_EXTERNAL_RECORD] = {"external.record",
        N_("Admins of the gemeente or funding organisation concerned record its decisions as "
           "external events."),
        {ALLOW(AS_MUNI_ADMIN | AS_ORG_ADMIN, ON_MEMBER)}},

    /* conflict cases: OWN is a party to the case; MEMBER is the mediator
     * the parties asked */
    [ACT_CONFLICT_RAISE] = {"conflict.raise",
        N_("Residents and professionals raise a conflict case."),
        {ALLOW(AS_RESIDENT | AS_PROFESSIONAL, ON_NOT_OWN)}},
    [ACT_CONFLICT_VIEW] = {"conflict.view",
        N_("Only the parties to a conflict case and the mediator they asked see it."),
        {DENY(AS_ORG_ADMIN | AS_MUNI_ADMIN | AS_MODERATOR | AS_PLATFORM_ADMIN, WHY_CONFIDENTIAL),
         ALLOW(AS_RESIDENT | AS_PROFESSIONAL, ON_OWN | ON_MEMBER)}},
    [ACT_CONFLICT_ASK_MEDIATOR] = {"conflict.ask_mediator",
        N_("Only the parties to a conflict case ask someone to mediate."),
        {ALLOW(AS_RESIDENT | AS_PROFESSIONAL, ON_OWN)}},
    [ACT_CONFLICT_MEDIATE] = {"conflict.mediate",
        N_("Only the person the parties asked mediates in a conflict case."),
        {DENY_ON(AS_PROFESSIONAL, ON_OTHER | ON_INITIATOR, WHY_PRO_MEDIATES_WHEN_ASKED),
         ALLOW(AS_RESIDENT | AS_PROFESSIONAL, ON_MEMBER)}},
    [ACT_CONFLICT_ADVANCE] = {"conflict.advance",
        N_("The parties and their mediator take a conflict case to its next step."),
        {ALLOW(AS_RESIDENT | AS_PROFESSIONAL, ON_OWN | ON_MEMBER)}},

    /* investment hours: MEMBER is an admin of, or for a professional a post
     * at, the organisation that pledged them */
    [ACT_HOURS_VIEW_LEDGER] = {"hours.view_ledger",
        N_("Everyone may see pledged and delivered investment hours."), PUBLIC},
    [ACT_HOURS_PLEDGE] = {"hours.pledge",
        N_("Only admins of the organisation concerned commit its investment hours."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_MANAGES_NO_ORGANISATION), ALLOW(AS_ORG_ADMIN, ON_MEMBER)}},
    [ACT_HOURS_WITHDRAW_PLEDGE] = {"hours.withdraw_pledge",
        N_("Only admins of the organisation concerned withdraw its pledge of hours."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_MANAGES_NO_ORGANISATION), ALLOW(AS_ORG_ADMIN, ON_MEMBER)}},
    [ACT_HOURS_LOG] = {"hours.log",
        N_("Professionals with a post at the organisation, and its admins, log hours against "
           "its pledge."),
        {ALLOW(AS_PROFESSIONAL | AS_ORG_ADMIN, ON_MEMBER)}},

    /* agreements: INITIATOR is a board member of a collective that is a
     * party; MEMBER an admin of an organisation or of a gemeente that is a
     * party */
    [ACT_AGREEMENT_VIEW] = {"agreement.view",
        N_("Everyone may see cooperation agreements."), PUBLIC},
    [ACT_AGREEMENT_DRAFT] = {"agreement.draft",
        N_("The parties draft an agreement: the collective's board, acting as residents, and "
           "the admins of the organisations and the gemeente."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_IS_NO_PARTY), ALLOW(AS_RESIDENT, ON_INITIATOR),
         ALLOW(AS_ORG_ADMIN | AS_MUNI_ADMIN, ON_MEMBER)}},
    [ACT_AGREEMENT_REVISE] = {"agreement.revise",
        N_("Only the parties revise an agreement: the collective's board, acting as residents, "
           "and the admins of the organisations and the gemeente."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_IS_NO_PARTY), ALLOW(AS_RESIDENT, ON_INITIATOR),
         ALLOW(AS_ORG_ADMIN | AS_MUNI_ADMIN, ON_MEMBER)}},
    [ACT_AGREEMENT_SIGN] = {"agreement.sign",
        N_("Each party signs for itself: a collective by its board, acting as residents, an "
           "organisation by its admin, a gemeente by its admin."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_IS_NO_PARTY), ALLOW(AS_RESIDENT, ON_INITIATOR),
         ALLOW(AS_ORG_ADMIN | AS_MUNI_ADMIN, ON_MEMBER)}},
    [ACT_AGREEMENT_END] = {"agreement.end",
        N_("Only the parties end an agreement: the collective's board, acting as residents, "
           "and the admins of the organisations and the gemeente."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_IS_NO_PARTY), ALLOW(AS_RESIDENT, ON_INITIATOR),
         ALLOW(AS_ORG_ADMIN | AS_MUNI_ADMIN, ON_MEMBER)}},

    /* rule-free zones: INITIATOR as for initiatives; MEMBER is an admin of
     * the gemeente the zone lies in */
    [ACT_ZONE_VIEW] = {"zone.view", N_("Everyone may see rule-free zones."), PUBLIC},
    [ACT_ZONE_REQUEST] = {"zone.request",
        N_("The initiators of an initiative, acting as residents, request a rule-free zone "
           "for it."),
        {ALLOW(AS_RESIDENT, ON_INITIATOR)}},
    [ACT_ZONE_GRANT] = {"zone.grant",
        N_("Only admins of the gemeente an area lies in make it a rule-free zone."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_GOVERNS_NOT), ALLOW(AS_MUNI_ADMIN, ON_MEMBER)}},
    [ACT_ZONE_EVALUATE] = {"zone.evaluate",
        N_("Admins of the gemeente and the initiators of the initiatives in a rule-free zone "
           "record its evaluation."),
        {ALLOW(AS_MUNI_ADMIN, ON_MEMBER), ALLOW(AS_RESIDENT, ON_INITIATOR)}},
    [ACT_ZONE_END] = {"zone.end",
        N_("Only admins of the gemeente a rule-free zone lies in end it."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_GOVERNS_NOT), ALLOW(AS_MUNI_ADMIN, ON_MEMBER)}},

    /* moderation: OWN is one's own content; there is no action to edit */
    [ACT_MODERATION_REPORT] = {"moderation.report",
        N_("Anyone signed in reports content written by others."),
        {ALLOW(AS_SIGNED_IN, ON_NOT_OWN)}},
    [ACT_MODERATION_HIDE] = {"moderation.hide",
        N_("Only moderators hide reported content, with a reason, and not their own."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_MODERATES_NOT), ALLOW(AS_MODERATOR, ON_NOT_OWN)}},
    [ACT_MODERATION_UNHIDE] = {"moderation.unhide",
        N_("Only moderators show hidden content again, and not their own."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_MODERATES_NOT), ALLOW(AS_MODERATOR, ON_NOT_OWN)}},
    [ACT_MODERATION_VIEW_REPORTS] = {"moderation.view_reports",
        N_("Only moderators see the reports."),
        {DENY(AS_PROFESSIONAL, WHY_PRO_MODERATES_NOT), ALLOW(AS_MODERATOR, ON_ANY)}},

    /* audit: OWN is an entry about oneself */
    [ACT_AUDIT_VIEW_PUBLIC] = {"audit.view_public",
        N_("Everyone may see the audit log of public objects."), PUBLIC},
    [ACT_AUDIT_VIEW_PERSONAL] = {"audit.view_personal",
        N_("You see the personal entries about yourself; platform admins see all of them."),
        {ALLOW(AS_SIGNED_IN, ON_OWN), ALLOW(AS_PLATFORM_ADMIN, ON_ANY)}},

    /* monitor: MEMBER is a verified resident of the buurt, or an admin of
     * its gemeente */
    [ACT_MONITOR_VIEW] = {"monitor.view", N_("Everyone may see the transition monitor."),
        PUBLIC},
    [ACT_MONITOR_FLAG] = {"monitor.flag",
        N_("Verified residents of a buurt, admins of its gemeente, professionals and "
           "organisation admins raise an early warning for it."),
        {ALLOW(AS_RESIDENT | AS_MUNI_ADMIN, ON_MEMBER),
         ALLOW(AS_PROFESSIONAL | AS_ORG_ADMIN, ON_OTHER | ON_MEMBER)}},
    [ACT_MONITOR_CONFIGURE] = {"monitor.configure",
        N_("Only platform admins set the monitor's thresholds."),
        {ALLOW(AS_PLATFORM_ADMIN, ON_ANY)}},

    /* matching, skills, practices: INITIATOR as for initiatives; OWN is
     * one's own skill */
    [ACT_MATCH_VIEW] = {"match.view",
        N_("The initiators of an initiative, and professionals who connect people, see the "
           "matches for its needs."),
        {ALLOW(AS_RESIDENT, ON_INITIATOR), ALLOW(AS_PROFESSIONAL, ON_OTHER | ON_MEMBER)}},
    [ACT_MATCH_INVITE] = {"match.invite",
        N_("The initiators of an initiative, and professionals who connect people, invite a "
           "match."),
        {ALLOW(AS_RESIDENT, ON_INITIATOR), ALLOW(AS_PROFESSIONAL, ON_OTHER | ON_MEMBER)}},
    [ACT_SKILL_REGISTER] = {"skill.register",
        N_("You register your own skills, as resident or professional."),
        {ALLOW(AS_RESIDENT | AS_PROFESSIONAL, ON_OWN)}},
    [ACT_PRACTICE_VIEW] = {"practice.view", N_("Everyone may see best practices."), PUBLIC},
    [ACT_PRACTICE_PUBLISH] = {"practice.publish",
        N_("Only the initiators of an evaluated initiative, acting as residents, publish its "
           "lesson."),
        {ALLOW(AS_RESIDENT, ON_INITIATOR)}},
};
/* clang-format on */

/* The first rule of a row with this effect that covers the cell, or NULL. */
static const struct rule *covering(const struct row *row, enum effect effect,
                                   enum capacity capacity, enum relation relation)
{
    for (size_t i = 0; i < MAX_RULES && row->rules[i].capacities != 0; i++) {
        const struct rule *rule = &row->rules[i];
        if (rule->effect == effect && (rule->capacities & (1u << capacity)) &&
            (rule->relations & (1u << relation)))
            return rule;
    }
    return NULL;
}

/* Whether any rule of the row, allowing or denying, is about capacity. */
static bool names(const struct row *row, enum capacity capacity)
{
    for (size_t i = 0; i < MAX_RULES && row->rules[i].capacities != 0; i++)
        if (row->rules[i].capacities & (1u << capacity))
            return true;
    return false;
}

static struct verdict denied(const char *reason)
{
    return (struct verdict){.allowed = false, .reason = reason};
}

static bool action_known(enum action action)
{
    return (unsigned)action > ACTION_UNKNOWN && (unsigned)action < ACTION_COUNT &&
           table[action].name != NULL;
}

struct verdict policy_check(enum action action, enum capacity capacity, enum relation relation)
{
    if (!action_known(action))
        return denied(whys[WHY_UNKNOWN_ACTION]);
    if ((unsigned)capacity >= CAPACITY_COUNT)
        return denied(whys[WHY_UNKNOWN_CAPACITY]);
    if ((unsigned)relation >= RELATION_COUNT)
        return denied(whys[WHY_UNKNOWN_RELATION]);
    const struct row *row = &table[action];
    const struct rule *deny = covering(row, DENIES, capacity, relation);
    if (deny != NULL)
        return denied(whys[deny->why]);
    if (covering(row, ALLOWS, capacity, relation) == NULL)
        return denied(capacity == CAP_PROFESSIONAL && !names(row, CAP_PROFESSIONAL)
                          ? whys[WHY_PRO_FACILITATES]
                          : row->who);
    return (struct verdict){.allowed = true, .reason = row->who};
}

const char *policy_action_name(enum action action)
{
    return action_known(action) ? table[action].name : "unknown";
}

enum action policy_action_parse(const char *name)
{
    if (name == NULL)
        return ACTION_UNKNOWN;
    for (unsigned a = ACTION_UNKNOWN + 1; a < ACTION_COUNT; a++)
        if (table[a].name != NULL && strcmp(table[a].name, name) == 0)
            return (enum action)a;
    return ACTION_UNKNOWN;
}

/* clang-format off */
static const char *const capacity_names[CAPACITY_COUNT] = {
    [CAP_VISITOR] = "visitor",
    [CAP_PERSON] = "person",
    [CAP_RESIDENT] = "resident",
    [CAP_PROFESSIONAL] = "professional",
    [CAP_ORG_ADMIN] = "organisation_admin",
    [CAP_MUNI_ADMIN] = "municipality_admin",
    [CAP_MODERATOR] = "moderator",
    [CAP_PLATFORM_ADMIN] = "platform_admin",
};
/* clang-format on */

const char *policy_capacity_name(enum capacity capacity)
{
    return (unsigned)capacity < CAPACITY_COUNT ? capacity_names[capacity] : "unknown";
}

bool policy_capacity_parse(const char *name, enum capacity *capacity)
{
    for (unsigned c = 0; name != NULL && c < CAPACITY_COUNT; c++) {
        if (strcmp(capacity_names[c], name) == 0) {
            *capacity = (enum capacity)c;
            return true;
        }
    }
    return false;
}

static const char *const relation_names[RELATION_COUNT] = {
    [REL_OTHER] = "other",
    [REL_OWN] = "own",
    [REL_MEMBER] = "member",
    [REL_INITIATOR] = "initiator",
};

const char *policy_relation_name(enum relation relation)
{
    return (unsigned)relation < RELATION_COUNT ? relation_names[relation] : "unknown";
}
