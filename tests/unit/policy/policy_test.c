/* Tests of the permission table (src/policy/policy.c).
 *
 * The matrix test checks every action x capacity x relation cell against an
 * expectation written here independently of the code's table: per action
 * name, per capacity, the relations that are allowed, as letters (x other,
 * o own, m member, i initiator). A cell absent from it must be denied, so an
 * unexpected allow fails. The named tests then check the invariants of
 * DESIGN.md §2 and the reasons a professional is given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "policy/policy.h"

/* Relation letters, indexed by enum relation. */
static const char rel_letter[RELATION_COUNT] = {
    [REL_OTHER] = 'x', [REL_OWN] = 'o', [REL_MEMBER] = 'm', [REL_INITIATOR] = 'i'};

struct expect {
    const char *action;
    const char *allow[CAPACITY_COUNT]; /* NULL: nothing allowed in that capacity */
};

/* clang-format off */
#define V CAP_VISITOR
#define P CAP_PERSON
#define RES CAP_RESIDENT
#define PRO CAP_PROFESSIONAL
#define OA CAP_ORG_ADMIN
#define MA CAP_MUNI_ADMIN
#define MOD CAP_MODERATOR
#define PA CAP_PLATFORM_ADMIN
#define EVERYONE {"xomi", "xomi", "xomi", "xomi", "xomi", "xomi", "xomi", "xomi"}
#define SIGNED_IN(r) {[P] = r, [RES] = r, [PRO] = r, [OA] = r, [MA] = r, [MOD] = r, [PA] = r}
#define WRITERS(r) {[RES] = r, [PRO] = r, [OA] = r, [MA] = r}
#define ONLY_INITIATORS {[RES] = "i"}
#define PARTIES {[RES] = "i", [OA] = "m", [MA] = "m"}

static const struct expect expectations[] = {
    {"account.sign_up", {[V] = "xomi"}},
    {"account.view", SIGNED_IN("o")},
    {"account.change", SIGNED_IN("o")},
    {"account.export_data", SIGNED_IN("o")},
    {"account.erase", SIGNED_IN("o")},
    {"account.choose_capacity", SIGNED_IN("o")},
    {"account.list", {[PA] = "xomi"}},
    {"account.invite", {[OA] = "m", [MA] = "m", [PA] = "xomi"}},
    {"session.list", SIGNED_IN("o")},
    {"session.end", SIGNED_IN("o")},
    {"interest.declare", {[RES] = "o", [PRO] = "o"}},
    {"residency.request", {[P] = "o", [RES] = "o"}},
    {"residency.verify", {[MA] = "m"}},
    {"residency.reject", {[MA] = "m"}},
    {"residency.list_requests", {[MA] = "m"}},
    {"residency.print_letters", {[MA] = "m"}},
    {"residency.redeem_code", {[P] = "o", [RES] = "o"}},
    {"residency.vouch", {[RES] = "m"}},
    {"residency.end", {[RES] = "o", [MA] = "m"}},
    {"post.request", {[P] = "o", [PRO] = "o"}},
    {"post.confirm", {[OA] = "m"}},
    {"post.end", {[P] = "o", [PRO] = "o", [OA] = "m"}},
    {"role.grant_org_admin", {[PA] = "x"}},
    {"role.grant_muni_admin", {[PA] = "x"}},
    {"role.grant_moderator", {[PA] = "x"}},
    {"role.grant_platform_admin", {[PA] = "x"}},
    {"role.revoke", {[PA] = "x"}},
    {"area.view", EVERYONE},
    {"area.edit_geography", {[MA] = "m"}},
    {"area.import_figures", {[MA] = "m", [PA] = "xomi"}},
    {"area.flag_vulnerable", {[MA] = "m"}},
    {"history.view", EVERYONE},
    {"history.add_event", {[RES] = "m", [MA] = "m"}},
    {"organisation.view", EVERYONE},
    {"organisation.create", {[MA] = "m", [PA] = "xomi"}},
    {"organisation.create_informal_group", {[RES] = "m"}},
    {"organisation.edit_profile", {[OA] = "m"}},
    {"organisation.manage_services", {[OA] = "m"}},
    {"organisation.relate", {[OA] = "m"}},
    {"collective.view", EVERYONE},
    {"collective.create", {[RES] = "m"}},
    {"collective.join", {[RES] = "x"}},
    {"collective.leave", {[P] = "mi", [RES] = "mi", [PRO] = "mi"}},
    {"collective.edit", ONLY_INITIATORS},
    {"collective.manage_members", ONLY_INITIATORS},
    {"initiative.view", EVERYONE},
    {"initiative.create", {[RES] = "mi"}},
    {"initiative.comment", WRITERS("xmi")},
    {"initiative.change_scope", ONLY_INITIATORS},
    {"initiative.change_phase", ONLY_INITIATORS},
    {"initiative.change_plan", ONLY_INITIATORS},
    {"initiative.change_budget", ONLY_INITIATORS},
    {"initiative.change_decisions", ONLY_INITIATORS},
    {"initiative.change_needs", ONLY_INITIATORS},
    {"initiative.add_initiator", ONLY_INITIATORS},
    {"initiative.be_initiator", {[RES] = "mi"}},
    {"initiative.remove_initiator", ONLY_INITIATORS},
    {"comment.edit", WRITERS("o")},
    {"comment.withdraw", WRITERS("o")},
    {"offer.view", EVERYONE},
    {"offer.make", {[PRO] = "xm", [OA] = "m"}},
    {"offer.withdraw", {[PRO] = "o", [OA] = "om"}},
    {"offer.accept", ONLY_INITIATORS},
    {"offer.decline", ONLY_INITIATORS},
    {"pledge.view", {[RES] = "oi"}},
    {"pledge.make", {[RES] = "xmi"}},
    {"pledge.change", {[RES] = "o"}},
    {"pledge.withdraw", {[RES] = "o"}},
    {"task.view", EVERYONE},
    {"task.create", ONLY_INITIATORS},
    {"task.assign", ONLY_INITIATORS},
    {"task.take_on", {[RES] = "xmi"}},
    {"task.update", {[RES] = "oi"}},
    {"responsibility.ask", WRITERS("xmi")},
    {"responsibility.answer", {[RES] = "i", [PRO] = "o", [OA] = "m", [MA] = "m"}},
    {"responsibility.set_matrix", ONLY_INITIATORS},
    {"activity.view", EVERYONE},
    {"activity.create", ONLY_INITIATORS},
    {"activity.edit", ONLY_INITIATORS},
    {"activity.cancel", ONLY_INITIATORS},
    {"activity.sign_up", {[P] = "xmi", [RES] = "xmi", [PRO] = "xmi", [OA] = "xmi", [MA] = "xmi"}},
    {"activity.cancel_sign_up", {[P] = "o", [RES] = "o", [PRO] = "o", [OA] = "o", [MA] = "o"}},
    {"activity.volunteer", {[RES] = "xmi"}},
    {"activity.view_sign_ups", ONLY_INITIATORS},
    {"decision.view", EVERYONE},
    {"decision.propose", {[RES] = "mi"}},
    {"decision.vote", {[RES] = "mi"}},
    {"decision.object", {[RES] = "mi"}},
    {"decision.close", ONLY_INITIATORS},
    {"external.view", EVERYONE},
    {"external.record", {[OA] = "m", [MA] = "m"}},
    {"conflict.raise", {[RES] = "xmi", [PRO] = "xmi"}},
    {"conflict.view", {[RES] = "om", [PRO] = "om"}},
    {"conflict.ask_mediator", {[RES] = "o", [PRO] = "o"}},
    {"conflict.mediate", {[RES] = "m", [PRO] = "m"}},
    {"conflict.advance", {[RES] = "om", [PRO] = "om"}},
    {"hours.view_ledger", EVERYONE},
    {"hours.pledge", {[OA] = "m"}},
    {"hours.withdraw_pledge", {[OA] = "m"}},
    {"hours.log", {[PRO] = "m", [OA] = "m"}},
    {"agreement.view", EVERYONE},
    {"agreement.draft", PARTIES},
    {"agreement.revise", PARTIES},
    {"agreement.sign", PARTIES},
    {"agreement.end", PARTIES},
    {"zone.view", EVERYONE},
    {"zone.request", ONLY_INITIATORS},
    {"zone.grant", {[MA] = "m"}},
    {"zone.evaluate", {[RES] = "i", [MA] = "m"}},
    {"zone.end", {[MA] = "m"}},
    {"moderation.report", SIGNED_IN("xmi")},
    {"moderation.hide", {[MOD] = "xmi"}},
    {"moderation.unhide", {[MOD] = "xmi"}},
    {"moderation.view_reports", {[MOD] = "xomi"}},
    {"audit.view_public", EVERYONE},
    {"audit.view_personal", {[P] = "o", [RES] = "o", [PRO] = "o", [OA] = "o", [MA] = "o",
                             [MOD] = "o", [PA] = "xomi"}},
    {"monitor.view", EVERYONE},
    {"monitor.flag", {[RES] = "m", [PRO] = "xm", [OA] = "xm", [MA] = "m"}},
    {"monitor.configure", {[PA] = "xomi"}},
    {"match.view", {[RES] = "i", [PRO] = "xm"}},
    {"match.invite", {[RES] = "i", [PRO] = "xm"}},
    {"skill.register", {[RES] = "o", [PRO] = "o"}},
    {"practice.view", EVERYONE},
    {"practice.publish", ONLY_INITIATORS},
};
/* clang-format on */
#define N_EXPECTATIONS (sizeof expectations / sizeof expectations[0])

/* The residents' own powers, which no facilitator or admin holds. */
/* clang-format off */
static const enum action resident_powers[] = {
    ACT_INITIATIVE_CREATE, ACT_INITIATIVE_CHANGE_SCOPE, ACT_INITIATIVE_CHANGE_PHASE,
    ACT_INITIATIVE_CHANGE_PLAN, ACT_INITIATIVE_CHANGE_BUDGET, ACT_INITIATIVE_CHANGE_DECISIONS,
    ACT_INITIATIVE_CHANGE_NEEDS, ACT_INITIATIVE_ADD_INITIATOR, ACT_INITIATIVE_BE_INITIATOR,
    ACT_INITIATIVE_REMOVE_INITIATOR, ACT_OFFER_ACCEPT, ACT_OFFER_DECLINE, ACT_PLEDGE_MAKE,
    ACT_DECISION_PROPOSE, ACT_DECISION_VOTE, ACT_DECISION_OBJECT, ACT_DECISION_CLOSE,
    ACT_COLLECTIVE_CREATE, ACT_COLLECTIVE_JOIN, ACT_COLLECTIVE_EDIT,
    ACT_COLLECTIVE_MANAGE_MEMBERS, ACT_TASK_CREATE, ACT_TASK_ASSIGN,
    ACT_RESPONSIBILITY_SET_MATRIX, ACT_ACTIVITY_CREATE, ACT_ACTIVITY_EDIT, ACT_ACTIVITY_CANCEL,
};
/* clang-format on */
#define N_RESIDENT_POWERS (sizeof resident_powers / sizeof resident_powers[0])

static const struct expect *expectation_for(const char *action)
{
    for (size_t i = 0; i < N_EXPECTATIONS; i++)
        if (strcmp(expectations[i].action, action) == 0)
            return &expectations[i];
    return NULL;
}

static bool expected_allow(const struct expect *e, enum capacity c, enum relation r)
{
    return e != NULL && e->allow[c] != NULL && strchr(e->allow[c], rel_letter[r]) != NULL;
}

static bool denied_in_every_relation(enum action a, enum capacity c)
{
    for (int r = 0; r < RELATION_COUNT; r++)
        if (policy_check(a, c, (enum relation)r).allowed)
            return false;
    return true;
}

static void test_matrix_matches_expectations(void **state)
{
    (void)state;
    int cells = 0, wrong = 0;
    for (int a = ACTION_UNKNOWN; a < ACTION_COUNT; a++) {
        const char *name = policy_action_name((enum action)a);
        const struct expect *e = a == ACTION_UNKNOWN ? NULL : expectation_for(name);
        if (a != ACTION_UNKNOWN && e == NULL) {
            printf("# no expectation for action %s\n", name);
            wrong++;
        }
        for (int c = 0; c < CAPACITY_COUNT; c++) {
            for (int r = 0; r < RELATION_COUNT; r++) {
                struct verdict v = policy_check((enum action)a, (enum capacity)c, (enum relation)r);
                bool want = expected_allow(e, (enum capacity)c, (enum relation)r);
                cells++;
                if (v.allowed != want) {
                    printf("# %s as %s on %s: %s, expected %s\n", name,
                           policy_capacity_name((enum capacity)c),
                           policy_relation_name((enum relation)r), v.allowed ? "ALLOWED" : "denied",
                           want ? "allowed" : "denied");
                    wrong++;
                }
                if (v.reason == NULL || v.reason[0] == '\0') {
                    printf("# %s as %s on %s: no reason\n", name,
                           policy_capacity_name((enum capacity)c),
                           policy_relation_name((enum relation)r));
                    wrong++;
                }
            }
        }
    }
    printf("# policy matrix: %d cells asserted ((%d actions + unknown) x %d capacities x %d "
           "relations)\n",
           cells, ACTION_COUNT - 1, CAPACITY_COUNT, RELATION_COUNT);
    assert_int_equal(cells, ACTION_COUNT * CAPACITY_COUNT * RELATION_COUNT);
    assert_int_equal(wrong, 0);
}

/* Every expectation names a real action, once: the table cannot lose an
 * action without the expectations noticing. */
static void test_expectations_cover_every_action_once(void **state)
{
    (void)state;
    assert_int_equal(N_EXPECTATIONS, ACTION_COUNT - 1);
    for (size_t i = 0; i < N_EXPECTATIONS; i++) {
        if (policy_action_parse(expectations[i].action) == ACTION_UNKNOWN)
            fail_msg("expectation for an action the table lacks: %s", expectations[i].action);
        for (size_t j = i + 1; j < N_EXPECTATIONS; j++)
            assert_string_not_equal(expectations[i].action, expectations[j].action);
    }
}

static void test_every_action_allows_someone(void **state)
{
    (void)state;
    for (int a = ACTION_UNKNOWN + 1; a < ACTION_COUNT; a++) {
        bool someone = false;
        for (int c = 0; c < CAPACITY_COUNT; c++)
            someone = someone || !denied_in_every_relation((enum action)a, (enum capacity)c);
        if (!someone)
            fail_msg("nobody may do %s", policy_action_name((enum action)a));
    }
}

static void assert_professional_told_to_facilitate(enum action a)
{
    for (int r = 0; r < RELATION_COUNT; r++) {
        struct verdict v = policy_check(a, CAP_PROFESSIONAL, (enum relation)r);
        assert_false(v.allowed);
        if (strstr(v.reason, "facilitate") == NULL)
            fail_msg("%s: a professional is not told about facilitating: %s", policy_action_name(a),
                     v.reason);
    }
}

static void test_professional_cannot_change_initiative_phase(void **state)
{
    (void)state;
    assert_professional_told_to_facilitate(ACT_INITIATIVE_CHANGE_PHASE);
    const char *reason =
        policy_check(ACT_INITIATIVE_CHANGE_PHASE, CAP_PROFESSIONAL, REL_MEMBER).reason;
    assert_non_null(strstr(reason, "offer"));
    /* and none of the other changes either */
    assert_professional_told_to_facilitate(ACT_INITIATIVE_CHANGE_SCOPE);
    assert_professional_told_to_facilitate(ACT_INITIATIVE_CHANGE_PLAN);
    assert_professional_told_to_facilitate(ACT_INITIATIVE_CHANGE_BUDGET);
    assert_professional_told_to_facilitate(ACT_INITIATIVE_CHANGE_DECISIONS);
    /* while an initiator acting as resident may */
    assert_true(policy_check(ACT_INITIATIVE_CHANGE_PHASE, CAP_RESIDENT, REL_INITIATOR).allowed);
    assert_false(policy_check(ACT_INITIATIVE_CHANGE_PHASE, CAP_RESIDENT, REL_MEMBER).allowed);
}

static void test_professional_cannot_vote(void **state)
{
    (void)state;
    assert_professional_told_to_facilitate(ACT_DECISION_VOTE);
    assert_professional_told_to_facilitate(ACT_DECISION_PROPOSE);
    assert_professional_told_to_facilitate(ACT_DECISION_OBJECT);
    assert_professional_told_to_facilitate(ACT_DECISION_CLOSE);
    assert_professional_told_to_facilitate(ACT_COLLECTIVE_JOIN);
    assert_true(policy_check(ACT_DECISION_VOTE, CAP_RESIDENT, REL_MEMBER).allowed);
}

static void test_professional_cannot_be_initiator(void **state)
{
    (void)state;
    assert_professional_told_to_facilitate(ACT_INITIATIVE_BE_INITIATOR);
    assert_professional_told_to_facilitate(ACT_INITIATIVE_CREATE);
    assert_professional_told_to_facilitate(ACT_INITIATIVE_ADD_INITIATOR);
    assert_professional_told_to_facilitate(ACT_COLLECTIVE_CREATE);
    const char *reason =
        policy_check(ACT_INITIATIVE_BE_INITIATOR, CAP_PROFESSIONAL, REL_INITIATOR).reason;
    assert_non_null(strstr(reason, "initiator role"));
}

static void test_professional_may_make_offer(void **state)
{
    (void)state;
    assert_true(policy_check(ACT_OFFER_MAKE, CAP_PROFESSIONAL, REL_OTHER).allowed);
    assert_true(policy_check(ACT_OFFER_WITHDRAW, CAP_PROFESSIONAL, REL_OWN).allowed);
    assert_false(policy_check(ACT_OFFER_WITHDRAW, CAP_PROFESSIONAL, REL_OTHER).allowed);
    /* the initiators answer it, the professional does not */
    assert_true(policy_check(ACT_OFFER_ACCEPT, CAP_RESIDENT, REL_INITIATOR).allowed);
    assert_professional_told_to_facilitate(ACT_OFFER_ACCEPT);
    assert_professional_told_to_facilitate(ACT_OFFER_DECLINE);
    /* other facilitation a professional does */
    assert_true(policy_check(ACT_INITIATIVE_COMMENT, CAP_PROFESSIONAL, REL_OTHER).allowed);
    assert_true(policy_check(ACT_HOURS_LOG, CAP_PROFESSIONAL, REL_MEMBER).allowed);
    assert_true(policy_check(ACT_MATCH_INVITE, CAP_PROFESSIONAL, REL_OTHER).allowed);
}

static void test_professional_mediates_only_when_asked(void **state)
{
    (void)state;
    assert_true(policy_check(ACT_CONFLICT_MEDIATE, CAP_PROFESSIONAL, REL_MEMBER).allowed);
    struct verdict v = policy_check(ACT_CONFLICT_MEDIATE, CAP_PROFESSIONAL, REL_OTHER);
    assert_false(v.allowed);
    assert_non_null(strstr(v.reason, "when the parties ask"));
}

static void test_professional_deny_reasons_are_not_empty(void **state)
{
    (void)state;
    int denials = 0;
    for (int a = ACTION_UNKNOWN; a < ACTION_COUNT; a++) {
        for (int r = 0; r < RELATION_COUNT; r++) {
            struct verdict v = policy_check((enum action)a, CAP_PROFESSIONAL, (enum relation)r);
            if (v.allowed)
                continue;
            denials++;
            assert_non_null(v.reason);
            assert_true(strlen(v.reason) > 10);
        }
    }
    assert_true(denials > 300);
}

static bool professional_allowed_somewhere(enum action a)
{
    return !denied_in_every_relation(a, CAP_PROFESSIONAL);
}

/* For every action a professional may do in no relation, each of the four
 * professional cells explains the facilitating role; the allow verdicts are
 * the matrix test's, so this changes no verdict. */
static void test_professional_denied_everywhere_is_told_to_facilitate(void **state)
{
    (void)state;
    int actions = 0, wrong = 0;
    for (int a = ACTION_UNKNOWN + 1; a < ACTION_COUNT; a++) {
        if (professional_allowed_somewhere((enum action)a))
            continue;
        actions++;
        for (int r = 0; r < RELATION_COUNT; r++) {
            struct verdict v = policy_check((enum action)a, CAP_PROFESSIONAL, (enum relation)r);
            if (strstr(v.reason, "Professionals facilitate") == NULL) {
                printf("# %s on %s: %s\n", policy_action_name((enum action)a),
                       policy_relation_name((enum relation)r), v.reason);
                wrong++;
            }
        }
    }
    printf("# %d actions a professional may do in no relation\n", actions);
    assert_true(actions >= 60);
    assert_int_equal(wrong, 0);
}

static void assert_professional_reason_has(enum action a, const char *words)
{
    for (int r = 0; r < RELATION_COUNT; r++) {
        struct verdict v = policy_check(a, CAP_PROFESSIONAL, (enum relation)r);
        assert_false(v.allowed);
        if (strstr(v.reason, words) == NULL)
            fail_msg("%s: no \"%s\" in: %s", policy_action_name(a), words, v.reason);
    }
}

/* Where the role points somewhere specific, the reason says where. */
static void test_professional_is_told_who_does_it_instead(void **state)
{
    (void)state;
    assert_professional_reason_has(ACT_RESIDENCY_VERIFY, "Only admins of the gemeente");
    assert_professional_reason_has(ACT_RESIDENCY_VERIFY, "letter code");
    assert_professional_reason_has(ACT_RESIDENCY_VERIFY, "two verified residents");
    assert_professional_reason_has(ACT_RESIDENCY_REJECT, "do not confirm residency");
    assert_professional_reason_has(ACT_RESIDENCY_VOUCH, "two verified residents");
    assert_professional_reason_has(ACT_RESIDENCY_REQUEST, "act as a person or as a resident");
    assert_professional_reason_has(ACT_POST_CONFIRM, "admin of the organisation");
    assert_professional_reason_has(ACT_ROLE_GRANT_MODERATOR, "platform admins");
    assert_professional_reason_has(ACT_ROLE_REVOKE, "platform admins");
    assert_professional_reason_has(ACT_MODERATION_HIDE, "moderators hide");
    assert_professional_reason_has(ACT_MODERATION_VIEW_REPORTS, "Report what worries you");
    assert_professional_reason_has(ACT_ACCOUNT_INVITE, "invite a match");
    assert_professional_reason_has(ACT_ORGANISATION_CREATE, "municipality's admins");
    assert_professional_reason_has(ACT_HOURS_PLEDGE, "organisation's admin");
    /* the residents' own rows keep their specific reasons */
    assert_professional_reason_has(ACT_PLEDGE_MAKE, "Pledges are residents' commitments");
    /* the rest get the general one */
    assert_professional_reason_has(ACT_PLEDGE_CHANGE, "Offer your help");
    assert_professional_reason_has(ACT_ZONE_REQUEST, "Offer your help");
}

/* The professional's reasons change nothing for the other capacities, and
 * a professional denied only by the relation is told who may instead. */
static void test_other_capacities_keep_the_who_may_text(void **state)
{
    (void)state;
    const char *who = "Only admins of the gemeente a buurt lies in verify residency there.";
    assert_string_equal(policy_check(ACT_RESIDENCY_VERIFY, CAP_RESIDENT, REL_MEMBER).reason, who);
    assert_string_equal(policy_check(ACT_RESIDENCY_VERIFY, CAP_ORG_ADMIN, REL_OTHER).reason, who);
    struct verdict v = policy_check(ACT_RESIDENCY_VERIFY, CAP_MUNI_ADMIN, REL_MEMBER);
    assert_true(v.allowed);
    assert_string_equal(v.reason, who);
    assert_string_equal(policy_check(ACT_PLEDGE_CHANGE, CAP_MUNI_ADMIN, REL_OWN).reason,
                        "Only you change your own pledge.");
    v = policy_check(ACT_OFFER_WITHDRAW, CAP_PROFESSIONAL, REL_OTHER);
    assert_false(v.allowed);
    assert_null(strstr(v.reason, "Professionals facilitate"));
    assert_non_null(strstr(v.reason, "Whoever made a facilitation offer"));
}

static void test_facilitators_and_admins_hold_no_resident_power(void **state)
{
    (void)state;
    static const enum capacity others[] = {CAP_VISITOR,       CAP_PERSON,     CAP_PROFESSIONAL,
                                           CAP_ORG_ADMIN,     CAP_MUNI_ADMIN, CAP_MODERATOR,
                                           CAP_PLATFORM_ADMIN};
    for (size_t i = 0; i < N_RESIDENT_POWERS; i++) {
        bool residents_may = !denied_in_every_relation(resident_powers[i], CAP_RESIDENT);
        assert_true(residents_may);
        for (size_t c = 0; c < sizeof others / sizeof others[0]; c++)
            if (!denied_in_every_relation(resident_powers[i], others[c]))
                fail_msg("%s may %s", policy_capacity_name(others[c]),
                         policy_action_name(resident_powers[i]));
    }
}

static void test_municipality_records_external_decisions_only(void **state)
{
    (void)state;
    assert_true(policy_check(ACT_EXTERNAL_RECORD, CAP_MUNI_ADMIN, REL_MEMBER).allowed);
    assert_false(policy_check(ACT_EXTERNAL_RECORD, CAP_MUNI_ADMIN, REL_OTHER).allowed);
    struct verdict v = policy_check(ACT_INITIATIVE_CHANGE_PHASE, CAP_MUNI_ADMIN, REL_MEMBER);
    assert_false(v.allowed);
    assert_non_null(strstr(v.reason, "external events"));
    assert_false(policy_check(ACT_EXTERNAL_RECORD, CAP_RESIDENT, REL_INITIATOR).allowed);
    assert_false(policy_check(ACT_EXTERNAL_RECORD, CAP_PROFESSIONAL, REL_MEMBER).allowed);
}

static bool name_has(enum action a, const char *word)
{
    return strstr(policy_action_name(a), word) != NULL;
}

static void test_moderator_cannot_edit(void **state)
{
    (void)state;
    static const char *const edits[] = {"edit", "change", "revise", "update", "set_", "manage"};
    for (int a = ACTION_UNKNOWN + 1; a < ACTION_COUNT; a++) {
        for (size_t w = 0; w < sizeof edits / sizeof edits[0]; w++) {
            if (!name_has((enum action)a, edits[w]))
                continue;
            /* a moderator changes only their own account, like everyone */
            if (a == ACT_ACCOUNT_CHANGE)
                assert_false(policy_check(ACT_ACCOUNT_CHANGE, CAP_MODERATOR, REL_OTHER).allowed);
            else if (!denied_in_every_relation((enum action)a, CAP_MODERATOR))
                fail_msg("a moderator may %s", policy_action_name((enum action)a));
        }
    }
    assert_int_equal(policy_action_parse("moderation.edit"), ACTION_UNKNOWN);
    struct verdict v = policy_check(ACT_COMMENT_EDIT, CAP_MODERATOR, REL_OWN);
    assert_false(v.allowed);
    assert_non_null(strstr(v.reason, "never edit"));
    /* what a moderator does instead */
    assert_true(policy_check(ACT_MODERATION_HIDE, CAP_MODERATOR, REL_OTHER).allowed);
    assert_false(policy_check(ACT_MODERATION_HIDE, CAP_MODERATOR, REL_OWN).allowed);
    assert_false(policy_check(ACT_MODERATION_HIDE, CAP_PLATFORM_ADMIN, REL_OTHER).allowed);
}

static void test_platform_admin_cannot_vote(void **state)
{
    (void)state;
    static const enum action acts[] = {ACT_DECISION_VOTE, ACT_DECISION_PROPOSE,
                                       ACT_INITIATIVE_CREATE, ACT_INITIATIVE_BE_INITIATOR,
                                       ACT_PLEDGE_MAKE};
    for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++) {
        for (int r = 0; r < RELATION_COUNT; r++) {
            struct verdict v = policy_check(acts[i], CAP_PLATFORM_ADMIN, (enum relation)r);
            assert_false(v.allowed);
            assert_non_null(strstr(v.reason, "act as a resident"));
        }
    }
}

static void test_platform_admin_grants_roles_but_not_to_itself(void **state)
{
    (void)state;
    assert_true(policy_check(ACT_ROLE_GRANT_MODERATOR, CAP_PLATFORM_ADMIN, REL_OTHER).allowed);
    assert_false(policy_check(ACT_ROLE_GRANT_MODERATOR, CAP_PLATFORM_ADMIN, REL_OWN).allowed);
    for (int c = 0; c < CAP_PLATFORM_ADMIN; c++)
        assert_true(denied_in_every_relation(ACT_ROLE_GRANT_MUNI_ADMIN, (enum capacity)c));
}

static void test_no_one_vouches_for_themselves(void **state)
{
    (void)state;
    assert_true(policy_check(ACT_RESIDENCY_VOUCH, CAP_RESIDENT, REL_MEMBER).allowed);
    struct verdict v = policy_check(ACT_RESIDENCY_VOUCH, CAP_RESIDENT, REL_OWN);
    assert_false(v.allowed);
    assert_non_null(strstr(v.reason, "your own residency"));
}

static void test_conflict_case_is_confidential(void **state)
{
    (void)state;
    assert_true(policy_check(ACT_CONFLICT_VIEW, CAP_RESIDENT, REL_OWN).allowed);
    assert_false(policy_check(ACT_CONFLICT_VIEW, CAP_RESIDENT, REL_OTHER).allowed);
    assert_true(denied_in_every_relation(ACT_CONFLICT_VIEW, CAP_MODERATOR));
    assert_true(denied_in_every_relation(ACT_CONFLICT_VIEW, CAP_PLATFORM_ADMIN));
    assert_non_null(strstr(policy_check(ACT_CONFLICT_VIEW, CAP_PLATFORM_ADMIN, REL_OWN).reason,
                           "confidential"));
}

static void test_visitor_can_view_public(void **state)
{
    (void)state;
    static const enum action public_views[] = {
        ACT_AREA_VIEW,       ACT_HISTORY_VIEW,      ACT_ORGANISATION_VIEW, ACT_COLLECTIVE_VIEW,
        ACT_INITIATIVE_VIEW, ACT_OFFER_VIEW,        ACT_TASK_VIEW,         ACT_ACTIVITY_VIEW,
        ACT_DECISION_VIEW,   ACT_EXTERNAL_VIEW,     ACT_HOURS_VIEW_LEDGER, ACT_AGREEMENT_VIEW,
        ACT_ZONE_VIEW,       ACT_AUDIT_VIEW_PUBLIC, ACT_MONITOR_VIEW,      ACT_PRACTICE_VIEW};
    size_t n = sizeof public_views / sizeof public_views[0];
    for (size_t i = 0; i < n; i++)
        assert_true(policy_check(public_views[i], CAP_VISITOR, REL_OTHER).allowed);
    /* and nothing else but signing up */
    for (int a = ACTION_UNKNOWN + 1; a < ACTION_COUNT; a++) {
        bool is_public = a == ACT_ACCOUNT_SIGN_UP;
        for (size_t i = 0; i < n; i++)
            is_public = is_public || public_views[i] == (enum action)a;
        if (!is_public && !denied_in_every_relation((enum action)a, CAP_VISITOR))
            fail_msg("a visitor may %s", policy_action_name((enum action)a));
    }
}

static void test_unknown_action_is_denied(void **state)
{
    (void)state;
    static const enum action bad[] = {ACTION_UNKNOWN, ACTION_COUNT, (enum action) ~0u,
                                      (enum action)9999};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct verdict v = policy_check(bad[i], CAP_PLATFORM_ADMIN, REL_INITIATOR);
        assert_false(v.allowed);
        assert_non_null(strstr(v.reason, "unknown"));
        assert_string_equal(policy_action_name(bad[i]), "unknown");
    }
    static const char *const names[] = {
        "",           "nonsense", "initiative.change_phase ", "INITIATIVE.CHANGE_PHASE",
        "initiative", "unknown",  "moderation.edit"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_int_equal(policy_action_parse(names[i]), ACTION_UNKNOWN);
    assert_int_equal(policy_action_parse(NULL), ACTION_UNKNOWN);
}

static void test_out_of_range_capacity_is_denied(void **state)
{
    (void)state;
    static const enum capacity bad[] = {CAPACITY_COUNT, (enum capacity) ~0u, (enum capacity)100};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        /* area.view is allowed for every capacity that exists */
        struct verdict v = policy_check(ACT_AREA_VIEW, bad[i], REL_OTHER);
        assert_false(v.allowed);
        assert_non_null(strstr(v.reason, "capacity is unknown"));
        assert_string_equal(policy_capacity_name(bad[i]), "unknown");
    }
}

static void test_out_of_range_relation_is_denied(void **state)
{
    (void)state;
    static const enum relation bad[] = {RELATION_COUNT, (enum relation) ~0u, (enum relation)64};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct verdict v = policy_check(ACT_AREA_VIEW, CAP_VISITOR, bad[i]);
        assert_false(v.allowed);
        assert_non_null(strstr(v.reason, "relation is unknown"));
        assert_string_equal(policy_relation_name(bad[i]), "unknown");
    }
}

static void test_action_names_round_trip(void **state)
{
    (void)state;
    for (int a = ACTION_UNKNOWN + 1; a < ACTION_COUNT; a++) {
        const char *name = policy_action_name((enum action)a);
        assert_int_equal(policy_action_parse(name), a);
        /* group.verb: lower case, one dot, neither end */
        const char *dot = strchr(name, '.');
        assert_non_null(dot);
        assert_true(dot > name && dot[1] != '\0');
        assert_null(strchr(dot + 1, '.'));
        assert_int_equal(strspn(name, "abcdefghijklmnopqrstuvwxyz_."), strlen(name));
    }
    assert_string_equal(policy_action_name(ACTION_UNKNOWN), "unknown");
}

static void test_action_names_are_unique(void **state)
{
    (void)state;
    for (int a = ACTION_UNKNOWN + 1; a < ACTION_COUNT; a++)
        for (int b = a + 1; b < ACTION_COUNT; b++)
            assert_string_not_equal(policy_action_name((enum action)a),
                                    policy_action_name((enum action)b));
}

static void test_capacity_names_round_trip(void **state)
{
    (void)state;
    for (int c = 0; c < CAPACITY_COUNT; c++) {
        enum capacity got = CAPACITY_COUNT;
        assert_true(policy_capacity_parse(policy_capacity_name((enum capacity)c), &got));
        assert_int_equal(got, c);
    }
    enum capacity untouched = CAP_MODERATOR;
    assert_false(policy_capacity_parse("admin", &untouched));
    assert_false(policy_capacity_parse(NULL, &untouched));
    assert_false(policy_capacity_parse("unknown", &untouched));
    assert_int_equal(untouched, CAP_MODERATOR);
    assert_string_equal(policy_capacity_name(CAP_MUNI_ADMIN), "municipality_admin");
    assert_string_equal(policy_relation_name(REL_INITIATOR), "initiator");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matrix_matches_expectations),
        cmocka_unit_test(test_expectations_cover_every_action_once),
        cmocka_unit_test(test_every_action_allows_someone),
        cmocka_unit_test(test_professional_cannot_change_initiative_phase),
        cmocka_unit_test(test_professional_cannot_vote),
        cmocka_unit_test(test_professional_cannot_be_initiator),
        cmocka_unit_test(test_professional_may_make_offer),
        cmocka_unit_test(test_professional_mediates_only_when_asked),
        cmocka_unit_test(test_professional_deny_reasons_are_not_empty),
        cmocka_unit_test(test_professional_denied_everywhere_is_told_to_facilitate),
        cmocka_unit_test(test_professional_is_told_who_does_it_instead),
        cmocka_unit_test(test_other_capacities_keep_the_who_may_text),
        cmocka_unit_test(test_facilitators_and_admins_hold_no_resident_power),
        cmocka_unit_test(test_municipality_records_external_decisions_only),
        cmocka_unit_test(test_moderator_cannot_edit),
        cmocka_unit_test(test_platform_admin_cannot_vote),
        cmocka_unit_test(test_platform_admin_grants_roles_but_not_to_itself),
        cmocka_unit_test(test_no_one_vouches_for_themselves),
        cmocka_unit_test(test_conflict_case_is_confidential),
        cmocka_unit_test(test_visitor_can_view_public),
        cmocka_unit_test(test_unknown_action_is_denied),
        cmocka_unit_test(test_out_of_range_capacity_is_denied),
        cmocka_unit_test(test_out_of_range_relation_is_denied),
        cmocka_unit_test(test_action_names_round_trip),
        cmocka_unit_test(test_action_names_are_unique),
        cmocka_unit_test(test_capacity_names_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
