/* Tests of conflict cases (src/model/conflict.c, conflict_step.c) on SQLite
 * and PostgreSQL (see account_testing.h): who may raise a case and whom
 * they may name, the order of the steps and each step's record, the
 * mediator every party must agree on (a professional only when all ask for
 * one), the agreement every party confirms, the visibility rule (anyone
 * else gets "not found", exactly as for a case that does not exist, and
 * changes nothing), bad input, restricted audit entries without the
 * matter, the monitor's suppressed counts per area, and what erasing one
 * party does to the others' record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "model/conflict.h"
#include "model/person.h"
#include "model_testing.h"
#include "plan_testing.h"

#define MATTER "Geluidsoverlast van de speeltuin na tien uur"

/* The plan world with ann and bob pledged (so participants), and a
 * platform admin. */
struct cw {
    struct pt_world w;
    int64_t admin;
};

static void world(struct at_fx *fx, struct cw *c)
{
    pt_world(fx, &c->w);
    pt_pledge(fx, &c->w, c->w.ann, 20, "week");
    pt_pledge(fx, &c->w, c->w.bob, 20, "week");
    c->admin = at_person(fx, "admin@example.nl", "Admin");
    ct_grant(fx, c->admin, CAP_PLATFORM_ADMIN, 0, NULL);
}

static enum err raise_as(struct at_fx *fx, const struct cw *c, struct actor act,
                         const int64_t *parties, int n, int64_t *id, struct fault *f)
{
    struct conflict_input in = {
        .initiative_id = c->w.initiative, .matter = MATTER, .parties = parties, .n_parties = n};
    return conflict_raise(fx->db, fx->a, &in, &act, id, f);
}

/* A case raised by the initiator naming ann. */
static int64_t raise_case(struct at_fx *fx, const struct cw *c)
{
    int64_t id = 0;
    struct fault f = {0};
    if (raise_as(fx, c, pt_resident(c->w.initiator), &c->w.ann, 1, &id, &f) != ERR_OK)
        fail_msg("raise: %s", f.msgid ? f.msgid : "?");
    return id;
}

static enum err choose(struct at_fx *fx, int64_t id, int64_t party, int64_t mediator,
                       const char *capacity, bool *agreed, struct fault *f)
{
    struct actor act = pt_resident(party);
    return conflict_choose_mediator(fx->db, id, mediator, capacity, &act, agreed, f);
}

static enum err advance(struct at_fx *fx, int64_t id, struct actor act, const char *to,
                        struct fault *f)
{
    return conflict_advance(fx->db, id, to, "We spraken elkaar bij de koffie.", &act, f);
}

/* Takes a fresh case to mediation with pro as the residents' mediator. */
static void to_mediation(struct at_fx *fx, const struct cw *c, int64_t id)
{
    assert_int_equal(advance(fx, id, pt_resident(c->w.initiator), "conversation", NULL), ERR_OK);
    assert_int_equal(choose(fx, id, c->w.initiator, c->w.pro, "resident", NULL, NULL), ERR_OK);
    assert_int_equal(choose(fx, id, c->w.ann, c->w.pro, "resident", NULL, NULL), ERR_OK);
    assert_int_equal(advance(fx, id, pt_resident(c->w.ann), "mediation", NULL), ERR_OK);
}

static char *case_state(struct at_fx *fx)
{
    return mt_dump(fx->db,
                   "SELECT (SELECT COUNT(*) FROM conflict_case), (SELECT COUNT(*) FROM "
                   "conflict_party), (SELECT COUNT(*) FROM conflict_step), (SELECT COUNT(*) FROM "
                   "notification), (SELECT COUNT(*) FROM audit_log), (SELECT MAX(step) || "
                   "COALESCE(MAX(mediator_id), 0) || COALESCE(MAX(agreement_text), '') FROM "
                   "conflict_case), (SELECT COALESCE(SUM(choice_id), 0) FROM conflict_party)");
}

static struct conflict_case get(struct at_fx *fx, int64_t id, struct actor act)
{
    struct conflict_case cc;
    struct fault f = {0};
    if (conflict_get(fx->db, fx->a, id, &act, &cc, &f) != ERR_OK)
        fail_msg("get: %s", f.msgid ? f.msgid : "?");
    return cc;
}

static void test_a_participant_raises_a_case_naming_other_participants(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    int64_t id = raise_case(fx, &c);
    struct conflict_case cc = get(fx, id, pt_resident(c.w.ann));
    assert_string_equal(cc.step, "raised");
    assert_string_equal(cc.matter, MATTER);
    assert_string_equal(cc.area_code, CT_BU1);
    assert_string_equal(cc.about_title, "Speeltuin");
    assert_int_equal(cc.n_parties, 2);
    assert_int_equal(cc.viewer, REL_OWN);
    assert_int_equal(cc.n_steps, 1);
    assert_string_equal(cc.steps[0].kind, "raised");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification WHERE kind = "
                                      "'conflict_raised'"),
                     1);
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT person_id FROM notification WHERE kind = 'conflict_raised'");
    assert_int_equal(mt_int(fx->db, sql), c.w.ann);
    assert_int_equal(pt_audits(fx, "conflict.raise"), 1);
}

static void test_only_participants_raise_a_case(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    char *before = case_state(fx);
    struct fault f = {0};
    /* far is a resident elsewhere, pro a resident of the buurt who did not pledge */
    assert_int_equal(raise_as(fx, &c, pt_resident(c.w.far), &c.w.ann, 1, NULL, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "take part"));
    assert_int_equal(raise_as(fx, &c, pt_resident(c.w.pro), &c.w.ann, 1, NULL, &f), ERR_FORBIDDEN);
    assert_int_equal(raise_as(fx, &c, pt_professional(c.w.pro), &c.w.ann, 1, NULL, &f),
                     ERR_FORBIDDEN);
    /* an admin gets the policy's refusal, whatever else holds */
    assert_int_equal(raise_as(fx, &c, ct_act(c.admin, "platform_admin"), &c.w.ann, 1, NULL, &f),
                     ERR_FORBIDDEN);
    char *after = case_state(fx);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_the_parties_named_must_be_other_participants(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    char *before = case_state(fx);
    struct actor ini = pt_resident(c.w.initiator);
    int64_t bad[][2] = {{c.w.far, 0}, {c.w.pro, 0}, {c.w.initiator, 0}, {999999, 0}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct fault f = {0};
        assert_int_equal(raise_as(fx, &c, ini, bad[i], 1, NULL, &f), ERR_INVALID);
        assert_string_equal(f.field, "parties");
    }
    char *after = case_state(fx);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void assert_bad_input(struct at_fx *fx, const struct cw *c, struct conflict_input in,
                             enum err want, const char *field)
{
    struct actor act = pt_resident(c->w.initiator);
    struct fault f = {0};
    assert_int_equal(conflict_raise(fx->db, fx->a, &in, &act, NULL, &f), want);
    assert_string_equal(f.field, field);
    assert_non_null(f.msgid);
}

static void test_bad_input_is_refused_and_nothing_changes(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    int64_t ann = c.w.ann, i = c.w.initiative;
    int64_t eleven[11], twice[2] = {ann, ann};
    for (int k = 0; k < 11; k++)
        eleven[k] = k + 1;
    char *long_matter = calloc(1, CONFLICT_MATTER_MAX + 2);
    memset(long_matter, 'x', CONFLICT_MATTER_MAX + 1);
    assert_bad_input(fx, &c, (struct conflict_input){0, 0, MATTER, &ann, 1}, ERR_INVALID, "about");
    assert_bad_input(fx, &c, (struct conflict_input){i, 1, MATTER, &ann, 1}, ERR_INVALID, "about");
    assert_bad_input(fx, &c, (struct conflict_input){i + 99, 0, MATTER, &ann, 1}, ERR_NOT_FOUND,
                     "about");
    assert_bad_input(fx, &c, (struct conflict_input){i, 0, "", &ann, 1}, ERR_INVALID, "matter");
    assert_bad_input(fx, &c, (struct conflict_input){i, 0, " \n\t ", &ann, 1}, ERR_INVALID,
                     "matter");
    assert_bad_input(fx, &c, (struct conflict_input){i, 0, NULL, &ann, 1}, ERR_INVALID, "matter");
    assert_bad_input(fx, &c, (struct conflict_input){i, 0, "bel\astoring", &ann, 1}, ERR_INVALID,
                     "matter");
    assert_bad_input(fx, &c, (struct conflict_input){i, 0, "\xff\xfe", &ann, 1}, ERR_INVALID,
                     "matter");
    assert_bad_input(fx, &c, (struct conflict_input){i, 0, long_matter, &ann, 1}, ERR_INVALID,
                     "matter");
    assert_bad_input(fx, &c, (struct conflict_input){i, 0, MATTER, NULL, 0}, ERR_INVALID,
                     "parties");
    assert_bad_input(fx, &c, (struct conflict_input){i, 0, MATTER, eleven, 11}, ERR_INVALID,
                     "parties");
    assert_bad_input(fx, &c, (struct conflict_input){i, 0, MATTER, twice, 2}, ERR_INVALID,
                     "parties");
    long_matter[CONFLICT_MATTER_MAX] = '\0'; /* exactly the maximum is fine */
    struct actor act = pt_resident(c.w.initiator);
    struct conflict_input ok = {i, 0, long_matter, &ann, 1};
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM conflict_case"), 0);
    assert_int_equal(conflict_raise(fx->db, fx->a, &ok, &act, NULL, NULL), ERR_OK);
    free(long_matter);
}

static void test_a_collective_member_raises_a_case_about_the_collective(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    mt_exec(fx->db, "INSERT INTO collective (id, name, kind, area_code, voting_rule, statutes, "
                    "status, created_at, activated_at) VALUES (7, 'De Linde', 'trust', "
                    "'" CT_BU1 "', 'majority', 'Artikel 1.', 'active', 1, 1)");
    char sql[400];
    snprintf(sql, sizeof sql,
             "INSERT INTO collective_member (collective_id, person_id, role, status, capacity, "
             "created_at, joined_at) VALUES (7, %lld, 'member', 'joined', 'resident', 1, 1), "
             "(7, %lld, 'member', 'joined', 'resident', 1, 1)",
             (long long)c.w.far, (long long)c.w.pro);
    mt_exec(fx->db, sql);
    struct actor far = pt_resident(c.w.far);
    struct conflict_input in = {
        .collective_id = 7, .matter = MATTER, .parties = &c.w.pro, .n_parties = 1};
    int64_t id = 0;
    assert_int_equal(conflict_raise(fx->db, fx->a, &in, &far, &id, NULL), ERR_OK);
    struct conflict_case cc = get(fx, id, pt_resident(c.w.pro));
    assert_string_equal(cc.about_title, "De Linde");
    assert_int_equal(cc.collective_id, 7);
    /* ann takes part in the initiative, not in the collective */
    in.parties = &c.w.ann;
    struct fault f = {0};
    assert_int_equal(conflict_raise(fx->db, fx->a, &in, &far, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, "parties");
}

static void assert_not_found(struct at_fx *fx, int64_t id, struct actor act)
{
    struct conflict_case cc;
    struct fault f = {0};
    assert_int_equal(conflict_get(fx->db, fx->a, id, &act, &cc, &f), ERR_NOT_FOUND);
    assert_string_equal(f.msgid, "There is no such conflict case.");
}

static void test_only_the_parties_and_their_mediator_see_a_case(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    int64_t id = raise_case(fx, &c);
    assert_not_found(fx, id + 1000, pt_resident(c.w.ann)); /* no such case */
    assert_not_found(fx, id, pt_resident(c.w.bob));        /* a participant, not a party */
    assert_not_found(fx, id, pt_resident(c.w.far));
    assert_not_found(fx, id, pt_professional(c.w.pro));
    assert_not_found(fx, id, ct_act(c.admin, "platform_admin"));
    assert_not_found(fx, id, ct_act(c.w.org_admin, "organisation_admin"));
    assert_not_found(fx, id, ct_act(c.w.initiator, NULL)); /* a party without a capacity */
    assert_not_found(fx, id, ct_act(c.w.initiator, "professional")); /* not held */
    assert_not_found(fx, id, ct_console());
    struct conflict_row *rows;
    int n = -1;
    struct actor bob = pt_resident(c.w.bob);
    assert_int_equal(conflict_list_mine(fx->db, fx->a, &bob, &rows, &n, NULL), ERR_OK);
    assert_int_equal(n, 0);
    struct actor admin = ct_act(c.admin, "platform_admin");
    assert_int_equal(conflict_list_mine(fx->db, fx->a, &admin, &rows, &n, NULL), ERR_OK);
    assert_int_equal(n, 0);
    /* the agreed mediator sees it, in either capacity; a party as professional too */
    to_mediation(fx, &c, id);
    assert_int_equal(get(fx, id, pt_resident(c.w.pro)).viewer, REL_MEMBER);
    assert_int_equal(get(fx, id, pt_professional(c.w.pro)).viewer, REL_MEMBER);
    struct actor pro = pt_resident(c.w.pro);
    assert_int_equal(conflict_list_mine(fx->db, fx->a, &pro, &rows, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_true(rows[0].mediator);
}

static void test_writes_by_anyone_else_are_not_found_and_change_nothing(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    int64_t id = raise_case(fx, &c);
    to_mediation(fx, &c, id);
    struct actor pro_as_mediator = pt_resident(c.w.pro);
    int v = 0;
    assert_int_equal(
        conflict_draft(fx->db, id, "Na tien uur is het stil.", &pro_as_mediator, &v, NULL), ERR_OK);
    char *before = case_state(fx);
    struct actor others[] = {pt_resident(c.w.bob), pt_resident(c.w.far),
                             ct_act(c.admin, "platform_admin"),
                             ct_act(c.w.org_admin, "organisation_admin")};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        struct fault f = {0};
        assert_int_equal(conflict_advance(fx->db, id, "closed", "Weg ermee.", &others[i], &f),
                         ERR_NOT_FOUND);
        assert_string_equal(f.msgid, "There is no such conflict case.");
        assert_int_equal(
            conflict_choose_mediator(fx->db, id, c.w.far, "resident", &others[i], NULL, &f),
            ERR_NOT_FOUND);
        assert_int_equal(conflict_draft(fx->db, id, "Iets anders.", &others[i], NULL, &f),
                         ERR_NOT_FOUND);
        assert_int_equal(conflict_confirm(fx->db, id, v, &others[i], NULL, &f), ERR_NOT_FOUND);
    }
    char *after = case_state(fx);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_the_steps_go_in_order_each_with_a_record(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    int64_t id = raise_case(fx, &c);
    struct actor ann = pt_resident(c.w.ann);
    struct fault f = {0};
    assert_int_equal(advance(fx, id, ann, "mediation", &f), ERR_CONFLICT);
    assert_int_equal(advance(fx, id, ann, "agreement", &f), ERR_CONFLICT);
    assert_int_equal(advance(fx, id, ann, "raised", &f), ERR_CONFLICT);
    assert_int_equal(advance(fx, id, ann, "elsewhere", &f), ERR_INVALID);
    assert_string_equal(f.field, "step");
    assert_int_equal(conflict_advance(fx->db, id, "conversation", "", &ann, &f), ERR_INVALID);
    assert_string_equal(f.field, "record");
    assert_int_equal(conflict_advance(fx->db, id, "conversation", "  \n", &ann, &f), ERR_INVALID);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM conflict_step"), 1);
    assert_int_equal(advance(fx, id, ann, "conversation", NULL), ERR_OK);
    assert_int_equal(advance(fx, id, ann, "conversation", &f), ERR_CONFLICT);
    struct conflict_case cc = get(fx, id, ann);
    assert_string_equal(cc.step, "conversation");
    assert_int_equal(cc.n_steps, 2);
    assert_string_equal(cc.steps[1].kind, "conversation");
    assert_string_equal(cc.steps[1].record, "We spraken elkaar bij de koffie.");
    assert_int_equal(cc.steps[1].person_id, c.w.ann);
    /* the other party is told, the actor is not */
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM notification WHERE kind = 'conflict_step' AND person_id = %lld",
             (long long)c.w.initiator);
    assert_int_equal(mt_int(fx->db, sql), 1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification WHERE kind = "
                                      "'conflict_step'"),
                     1);
}

static void test_mediation_needs_a_mediator_every_party_asked_for(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    int64_t id = raise_case(fx, &c);
    assert_int_equal(advance(fx, id, pt_resident(c.w.ann), "conversation", NULL), ERR_OK);
    struct fault f = {0};
    bool agreed = true;
    assert_int_equal(advance(fx, id, pt_resident(c.w.ann), "mediation", &f), ERR_CONFLICT);
    assert_string_equal(f.field, "mediator");
    assert_int_equal(choose(fx, id, c.w.initiator, c.w.pro, "resident", &agreed, NULL), ERR_OK);
    assert_false(agreed);
    assert_int_equal(choose(fx, id, c.w.ann, c.w.far, "resident", &agreed, NULL), ERR_OK);
    assert_false(agreed);
    assert_int_equal(advance(fx, id, pt_resident(c.w.ann), "mediation", &f), ERR_CONFLICT);
    assert_int_equal(choose(fx, id, c.w.ann, c.w.pro, "resident", &agreed, NULL), ERR_OK);
    assert_true(agreed);
    struct conflict_case cc = get(fx, id, pt_resident(c.w.ann));
    assert_int_equal(cc.mediator_id, c.w.pro);
    assert_string_equal(cc.mediator_capacity, "resident");
    /* the mediator is told; a change of mind undoes the agreement */
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM notification WHERE kind = 'conflict_step' AND person_id = %lld",
             (long long)c.w.pro);
    assert_int_equal(mt_int(fx->db, sql), 1);
    assert_int_equal(choose(fx, id, c.w.initiator, c.w.far, "resident", &agreed, NULL), ERR_OK);
    assert_false(agreed);
    assert_int_equal(get(fx, id, pt_resident(c.w.ann)).mediator_id, 0);
    assert_not_found(fx, id, pt_resident(c.w.pro));
    assert_int_equal(choose(fx, id, c.w.initiator, c.w.pro, "resident", &agreed, NULL), ERR_OK);
    assert_int_equal(advance(fx, id, pt_resident(c.w.initiator), "mediation", NULL), ERR_OK);
    /* once mediation started, the mediator stays */
    assert_int_equal(choose(fx, id, c.w.ann, c.w.far, "resident", NULL, &f), ERR_CONFLICT);
}

static void test_a_professional_mediates_only_when_every_party_asks_for_one(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    int64_t id = raise_case(fx, &c);
    bool agreed = true;
    assert_int_equal(choose(fx, id, c.w.initiator, c.w.pro, "professional", &agreed, NULL), ERR_OK);
    assert_int_equal(choose(fx, id, c.w.ann, c.w.pro, "resident", &agreed, NULL), ERR_OK);
    assert_false(agreed); /* one party cannot bring in a professional alone */
    assert_int_equal(choose(fx, id, c.w.ann, c.w.pro, "professional", &agreed, NULL), ERR_OK);
    assert_true(agreed);
    assert_int_equal(advance(fx, id, pt_resident(c.w.ann), "conversation", NULL), ERR_OK);
    assert_int_equal(advance(fx, id, pt_resident(c.w.ann), "mediation", NULL), ERR_OK);
    /* asked as a professional, pro drafts as one, not as a resident */
    struct actor as_resident = pt_resident(c.w.pro), as_pro = pt_professional(c.w.pro);
    struct fault f = {0};
    assert_int_equal(conflict_draft(fx->db, id, "Afspraak.", &as_resident, NULL, &f),
                     ERR_FORBIDDEN);
    assert_int_equal(conflict_draft(fx->db, id, "Afspraak.", &as_pro, NULL, &f), ERR_OK);
}

static void test_a_mediator_must_qualify_and_be_no_party(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    int64_t id = raise_case(fx, &c);
    char *before = case_state(fx);
    struct fault f = {0};
    assert_int_equal(choose(fx, id, c.w.ann, c.w.initiator, "resident", NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, "mediator"); /* a party */
    assert_int_equal(choose(fx, id, c.w.ann, c.w.org_admin, "resident", NULL, &f), ERR_INVALID);
    assert_int_equal(choose(fx, id, c.w.ann, c.w.far, "professional", NULL, &f), ERR_INVALID);
    assert_int_equal(choose(fx, id, c.w.ann, 999999, "resident", NULL, &f), ERR_INVALID);
    assert_int_equal(choose(fx, id, c.w.ann, c.w.pro, "admin", NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, "capacity");
    assert_int_equal(choose(fx, id, c.w.ann, c.w.pro, NULL, NULL, &f), ERR_INVALID);
    char *after = case_state(fx);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_the_mediator_takes_no_party_steps_and_parties_do_not_draft(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    int64_t id = raise_case(fx, &c);
    assert_int_equal(advance(fx, id, pt_resident(c.w.ann), "conversation", NULL), ERR_OK);
    assert_int_equal(choose(fx, id, c.w.initiator, c.w.pro, "resident", NULL, NULL), ERR_OK);
    assert_int_equal(choose(fx, id, c.w.ann, c.w.pro, "resident", NULL, NULL), ERR_OK);
    struct actor med = pt_resident(c.w.pro);
    struct fault f = {0};
    assert_int_equal(advance(fx, id, med, "mediation", &f), ERR_FORBIDDEN);
    assert_int_equal(conflict_choose_mediator(fx->db, id, c.w.far, "resident", &med, NULL, &f),
                     ERR_FORBIDDEN);
    assert_int_equal(advance(fx, id, pt_resident(c.w.ann), "mediation", NULL), ERR_OK);
    struct actor ann = pt_resident(c.w.ann);
    assert_int_equal(conflict_draft(fx->db, id, "Wij besluiten zelf.", &ann, NULL, &f),
                     ERR_FORBIDDEN);
    assert_int_equal(conflict_draft(fx->db, id, "", &med, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, "text");
    int v = 0;
    assert_int_equal(conflict_draft(fx->db, id, "Stil na tien uur.", &med, &v, NULL), ERR_OK);
    assert_int_equal(conflict_confirm(fx->db, id, v, &med, NULL, &f), ERR_FORBIDDEN);
}

static void test_agreement_is_reached_when_every_party_confirmed_the_draft(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    int64_t id = raise_case(fx, &c);
    to_mediation(fx, &c, id);
    struct actor med = pt_resident(c.w.pro), ini = pt_resident(c.w.initiator),
                 ann = pt_resident(c.w.ann);
    struct fault f = {0};
    bool reached = true;
    assert_int_equal(conflict_confirm(fx->db, id, 1, &ann, NULL, &f), ERR_CONFLICT); /* no draft */
    int v1 = 0, v2 = 0;
    assert_int_equal(conflict_draft(fx->db, id, "Stil na tien uur.", &med, &v1, NULL), ERR_OK);
    assert_int_equal(conflict_confirm(fx->db, id, v1, &ini, &reached, NULL), ERR_OK);
    assert_false(reached);
    assert_int_equal(conflict_confirm(fx->db, id, v1, &ini, &reached, NULL), ERR_OK); /* again */
    assert_false(reached);
    assert_int_equal(conflict_draft(fx->db, id, "Stil na half elf.", &med, &v2, NULL), ERR_OK);
    assert_int_equal(v2, v1 + 1);
    assert_int_equal(conflict_confirm(fx->db, id, v1, &ann, NULL, &f), ERR_CONFLICT);
    assert_string_equal(f.field, "version");
    assert_int_equal(conflict_confirm(fx->db, id, v2, &ann, &reached, NULL), ERR_OK);
    assert_false(reached); /* the initiator confirmed the old draft only */
    assert_string_equal(get(fx, id, ann).step, "mediation");
    assert_int_equal(conflict_confirm(fx->db, id, v2, &ini, &reached, NULL), ERR_OK);
    assert_true(reached);
    struct conflict_case cc = get(fx, id, ann);
    assert_string_equal(cc.step, "agreement");
    assert_string_equal(cc.agreement_text, "Stil na half elf.");
    assert_int_equal(cc.closed_at, AT_NOW);
    assert_string_equal(cc.steps[cc.n_steps - 1].kind, "agreement");
    /* a closed case changes no more */
    assert_int_equal(conflict_confirm(fx->db, id, v2, &ann, NULL, &f), ERR_CONFLICT);
    assert_int_equal(advance(fx, id, ann, "closed", &f), ERR_CONFLICT);
    assert_int_equal(conflict_draft(fx->db, id, "Nog iets.", &med, NULL, &f), ERR_CONFLICT);
}

static void test_a_party_or_the_mediator_closes_without_agreement(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    int64_t first = raise_case(fx, &c);
    assert_int_equal(advance(fx, first, pt_resident(c.w.ann), "closed", NULL), ERR_OK);
    struct conflict_case cc = get(fx, first, pt_resident(c.w.ann));
    assert_string_equal(cc.step, "closed");
    assert_int_equal(cc.closed_at, AT_NOW);
    struct fault f = {0};
    assert_int_equal(advance(fx, first, pt_resident(c.w.ann), "conversation", &f), ERR_CONFLICT);
    int64_t second = raise_case(fx, &c);
    to_mediation(fx, &c, second);
    assert_int_equal(advance(fx, second, pt_resident(c.w.pro), "closed", NULL), ERR_OK);
    assert_string_equal(get(fx, second, pt_resident(c.w.pro)).step, "closed");
}

static void test_audit_entries_are_restricted_and_hold_no_texts(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    int64_t id = raise_case(fx, &c);
    to_mediation(fx, &c, id);
    struct actor med = pt_resident(c.w.pro);
    assert_int_equal(conflict_draft(fx->db, id, "Geheime afspraak.", &med, NULL, NULL), ERR_OK);
    assert_true(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'conflict.%'") >=
                6);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action LIKE "
                                      "'conflict.%' AND public <> 0"),
                     0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE detail LIKE "
                                      "'%speeltuin%' OR detail LIKE '%koffie%' OR detail LIKE "
                                      "'%Geheime%'"),
                     0);
    assert_int_equal(pt_audits(fx, "conflict.step"), 2);
    assert_int_equal(pt_audits(fx, "conflict.ask_mediator"), 2);
}

static void assert_counts(struct at_fx *fx, const char *area, int open, int closed)
{
    struct conflict_counts n;
    assert_int_equal(conflict_area_counts(fx->db, area, &n, NULL), ERR_OK);
    assert_int_equal(n.open, open);
    assert_int_equal(n.closed, closed);
}

static void test_area_counts_hide_numbers_below_five(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    assert_counts(fx, CT_BU1, CONFLICT_FEWER, CONFLICT_FEWER);
    for (int i = 0; i < 4; i++)
        raise_case(fx, &c);
    assert_counts(fx, CT_BU1, CONFLICT_FEWER, CONFLICT_FEWER);
    int64_t fifth = raise_case(fx, &c);
    assert_counts(fx, CT_BU1, 5, CONFLICT_FEWER);
    assert_counts(fx, "WK000101", 5, CONFLICT_FEWER);
    assert_counts(fx, CT_GM1, 5, CONFLICT_FEWER);
    assert_counts(fx, CT_GM2, CONFLICT_FEWER, CONFLICT_FEWER);
    assert_counts(fx, CT_BU1B, CONFLICT_FEWER, CONFLICT_FEWER);
    assert_int_equal(advance(fx, fifth, pt_resident(c.w.ann), "closed", NULL), ERR_OK);
    assert_counts(fx, CT_BU1, CONFLICT_FEWER, CONFLICT_FEWER);
    for (int i = 0; i < 5; i++)
        assert_int_equal(advance(fx, raise_case(fx, &c), pt_resident(c.w.ann), "closed", NULL),
                         ERR_OK);
    assert_counts(fx, CT_GM1, CONFLICT_FEWER, 6);
    struct conflict_counts n;
    struct fault f = {0};
    assert_int_equal(conflict_area_counts(fx->db, "BU99999999", &n, &f), ERR_NOT_FOUND);
}

static void test_erasing_a_party_closes_open_cases_and_keeps_the_others_record(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cw c;
    world(fx, &c);
    int64_t id = raise_case(fx, &c);
    assert_int_equal(advance(fx, id, pt_resident(c.w.ann), "conversation", NULL), ERR_OK);
    int64_t by_ann = 0;
    assert_int_equal(raise_as(fx, &c, pt_resident(c.w.ann), &c.w.bob, 1, &by_ann, NULL), ERR_OK);
    struct actor ann = ct_act(c.w.ann, NULL);
    assert_int_equal(person_erase(fx->db, c.w.ann, &ann, NULL), ERR_OK);
    struct conflict_case cc = get(fx, id, pt_resident(c.w.initiator));
    assert_string_equal(cc.step, "closed");
    assert_true(cc.closed_at > 0);
    assert_string_equal(cc.matter, MATTER); /* the initiator's words stay */
    assert_int_equal(cc.n_parties, 2);
    assert_string_equal(cc.steps[1].record, ""); /* ann's record went with her */
    assert_int_equal(cc.steps[1].person_id, c.w.ann);
    cc = get(fx, by_ann, pt_resident(c.w.bob));
    assert_string_equal(cc.matter, ""); /* ann raised it: her words went */
    assert_string_equal(cc.step, "closed");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_a_participant_raises_a_case_naming_other_participants),
        AT_TEST(test_only_participants_raise_a_case),
        AT_TEST(test_the_parties_named_must_be_other_participants),
        AT_TEST(test_bad_input_is_refused_and_nothing_changes),
        AT_TEST(test_a_collective_member_raises_a_case_about_the_collective),
        AT_TEST(test_only_the_parties_and_their_mediator_see_a_case),
        AT_TEST(test_writes_by_anyone_else_are_not_found_and_change_nothing),
        AT_TEST(test_the_steps_go_in_order_each_with_a_record),
        AT_TEST(test_mediation_needs_a_mediator_every_party_asked_for),
        AT_TEST(test_a_professional_mediates_only_when_every_party_asks_for_one),
        AT_TEST(test_a_mediator_must_qualify_and_be_no_party),
        AT_TEST(test_the_mediator_takes_no_party_steps_and_parties_do_not_draft),
        AT_TEST(test_agreement_is_reached_when_every_party_confirmed_the_draft),
        AT_TEST(test_a_party_or_the_mediator_closes_without_agreement),
        AT_TEST(test_audit_entries_are_restricted_and_hold_no_texts),
        AT_TEST(test_area_counts_hide_numbers_below_five),
        AT_TEST(test_erasing_a_party_closes_open_cases_and_keeps_the_others_record),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
