/* Tests of invitations of matched persons (src/model/match_invite.c) on
 * SQLite and PostgreSQL: consent -- accepting makes a pledge, declining
 * changes only the invitation --, one invitation per person and need,
 * answering once, and refusals with nothing changed: a paused or hidden
 * person, oneself, a closed need, an initiative outside awareness,
 * someone else's invitation, and a professional accepting; an
 * invitation's message as reportable content a moderator may hide. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "match_testing.h"
#include "model/initiative.h"
#include "model/match.h"
#include "model/match_invite.h"
#include "model/moderation.h"
#include "model/pledge.h"
#include "model/skill.h"
#include "model/task.h"
#include "model_testing.h"

struct world {
    struct pt_world w;
    int64_t need;
};

static void setup(struct at_fx *fx, struct world *x)
{
    pt_world(fx, &x->w);
    mtt_register(fx, x->w.ann, "public", 10, "carpentry", "expert", true);
    x->need = mtt_need(fx, x->w.initiator, x->w.initiative, "carpentry", 6);
}

static int64_t invite(struct at_fx *fx, const struct world *x, int64_t person)
{
    struct actor act = pt_resident(x->w.initiator);
    int64_t id = 0;
    struct fault f = {0};
    if (match_invite_send(fx->db, x->need, person, "Help je mee?", &act, &id, &f) != ERR_OK)
        fail_msg("invite: %s", f.msgid ? f.msgid : "?");
    return id;
}

static void test_accepting_makes_a_pledge_with_the_needs_skill_and_hours(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world x;
    setup(fx, &x);
    int64_t id = invite(fx, &x, x.w.ann);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification WHERE kind = "
                                      "'match_invited'"),
                     1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM pledge"), 0); /* not yet: consent */
    struct actor ann = pt_resident(x.w.ann);
    assert_int_equal(match_invite_answer(fx->db, id, true, &ann, NULL), ERR_OK);
    struct match_invite m;
    assert_int_equal(match_invite_get(fx->db, fx->a, id, &m, NULL), ERR_OK);
    assert_string_equal(m.status, "accepted");
    struct pledge p;
    bool found = false;
    assert_int_equal(pledge_active(fx->db, fx->a, x.w.initiative, x.w.ann, &p, &found, NULL),
                     ERR_OK);
    assert_true(found);
    assert_int_equal(m.pledge_id, p.id);
    assert_int_equal(p.hours_tenths, 60);
    assert_string_equal(p.period, "month");
    assert_string_equal(p.skill, "Carpentry");
    assert_int_equal(pt_audits(fx, "match.accept"), 1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification WHERE kind = "
                                      "'match_answered'"),
                     1);
    /* the matches show that ann was asked */
    struct match_candidate *c;
    int n;
    struct actor ini = pt_resident(x.w.initiator);
    assert_int_equal(match_find(fx->db, fx->a, x.need, &ini, &c, &n, NULL), ERR_OK);
    assert_string_equal(c[0].invite_status, "accepted");
    /* answering again changes nothing */
    struct fault f = {0};
    assert_int_equal(match_invite_answer(fx->db, id, false, &ann, &f), ERR_CONFLICT);
    assert_int_equal(match_invite_get(fx->db, fx->a, id, &m, NULL), ERR_OK);
    assert_string_equal(m.status, "accepted");
}

static void test_declining_owes_no_reason_and_pledges_nothing(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world x;
    setup(fx, &x);
    int64_t id = invite(fx, &x, x.w.ann);
    struct actor ann = pt_resident(x.w.ann);
    assert_int_equal(match_invite_answer(fx->db, id, false, &ann, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM pledge"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM match_invite WHERE status = "
                                      "'declined'"),
                     1);
    assert_int_equal(match_invite_answer(fx->db, id, true, &ann, NULL), ERR_CONFLICT);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM pledge"), 0);
}

static void test_one_invitation_per_person_and_need(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world x;
    setup(fx, &x);
    invite(fx, &x, x.w.ann);
    struct actor act = pt_resident(x.w.initiator);
    struct fault f = {0};
    assert_int_equal(match_invite_send(fx->db, x.need, x.w.ann, NULL, &act, NULL, &f),
                     ERR_CONFLICT);
    assert_string_equal(f.field, "person");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM match_invite"), 1);
    assert_int_equal(pt_audits(fx, "match.invite"), 1);
}

static void assert_cannot_invite(struct at_fx *fx, const struct world *x, int64_t person)
{
    struct actor act = pt_resident(x->w.initiator);
    struct fault f = {0};
    int64_t before = at_count(fx->db, "SELECT COUNT(*) FROM match_invite");
    assert_int_equal(match_invite_send(fx->db, x->need, person, NULL, &act, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, "person");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM match_invite"), before);
}

static void test_paused_hidden_unknown_and_oneself_are_not_invited(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world x;
    setup(fx, &x);
    struct actor ann = pt_resident(x.w.ann);
    assert_int_equal(skill_pause(fx->db, true, &ann, NULL), ERR_OK);
    assert_cannot_invite(fx, &x, x.w.ann);
    mtt_register(fx, x.w.bob, "allowed", 10, "carpentry", "expert", true);
    assert_cannot_invite(fx, &x, x.w.bob);
    assert_cannot_invite(fx, &x, 99999);
    assert_cannot_invite(fx, &x, x.w.far); /* no profile */
    mtt_register(fx, x.w.initiator, "public", 10, "carpentry", "expert", true);
    assert_cannot_invite(fx, &x, x.w.initiator);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification WHERE kind = "
                                      "'match_invited'"),
                     0);
}

static void test_invitations_wait_for_awareness_and_an_open_need(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world x;
    setup(fx, &x);
    struct actor act = pt_resident(x.w.initiator);
    assert_int_equal(match_need_close(fx->db, x.need, &act, NULL), ERR_OK);
    assert_int_equal(match_invite_send(fx->db, x.need, x.w.ann, NULL, &act, NULL, NULL),
                     ERR_CONFLICT);
    /* far's initiative is still an idea */
    const char *areas[] = {CT_BU2};
    struct initiative_scope s = {
        .title = "Moestuin", .aim = "Groente", .areas = areas, .n_areas = 1};
    struct actor far = pt_resident(x.w.far);
    int64_t idea = 0;
    assert_int_equal(initiative_create(fx->db, &s, 0, &far, &idea, NULL), ERR_OK);
    int64_t need = mtt_need(fx, x.w.far, idea, "carpentry", 2);
    struct fault f = {0};
    assert_int_equal(match_invite_send(fx->db, need, x.w.ann, NULL, &far, NULL, &f), ERR_CONFLICT);
    assert_string_equal(f.field, "phase");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM match_invite"), 0);
}

static void test_during_execution_accepting_means_holding_the_task(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world x;
    setup(fx, &x);
    pt_pledge(fx, &x.w, x.w.bob, 100, "month");
    pt_pledge(fx, &x.w, x.w.far, 100, "month");
    pt_pledge(fx, &x.w, x.w.initiator, 100, "month");
    pt_phase(fx, &x.w, "execution");
    struct actor ini = pt_resident(x.w.initiator);
    int64_t task = 0;
    assert_int_equal(
        task_create(fx->db, x.w.initiative, "Bankjes zagen", NULL, 0, &ini, &task, NULL), ERR_OK);
    /* a need without a task: nobody is invited during execution */
    struct fault f = {0};
    assert_int_equal(match_invite_send(fx->db, x.need, x.w.ann, NULL, &ini, NULL, &f),
                     ERR_CONFLICT);
    assert_string_equal(f.field, "phase");
    /* a task of another initiative is refused */
    struct match_need_input bad = {
        .skill_code = "carpentry", .hours_month = 4, .task_id = task + 100};
    assert_int_equal(match_need_add(fx->db, x.w.initiative, &bad, &ini, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, "task_id");
    struct match_need_input in = {.skill_code = "carpentry", .hours_month = 4, .task_id = task};
    int64_t need = 0;
    assert_int_equal(match_need_add(fx->db, x.w.initiative, &in, &ini, &need, NULL), ERR_OK);
    int64_t id = 0;
    assert_int_equal(match_invite_send(fx->db, need, x.w.ann, NULL, &ini, &id, NULL), ERR_OK);
    struct task t;
    assert_int_equal(task_get(fx->db, fx->a, task, &t, NULL), ERR_OK);
    assert_int_equal(t.responsible_id, 0); /* not without her yes */
    struct actor ann = pt_resident(x.w.ann);
    assert_int_equal(match_invite_answer(fx->db, id, true, &ann, NULL), ERR_OK);
    assert_int_equal(task_get(fx->db, fx->a, task, &t, NULL), ERR_OK);
    assert_int_equal(t.responsible_id, x.w.ann);
    assert_int_equal(pt_audits(fx, "task.take_on"), 1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM match_invite WHERE status = "
                                      "'accepted' AND pledge_id IS NULL"),
                     1);
}

static void test_only_the_invited_answer_and_not_as_professional(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world x;
    setup(fx, &x);
    int64_t id = invite(fx, &x, x.w.ann);
    struct actor bob = pt_resident(x.w.bob);
    assert_int_equal(match_invite_answer(fx->db, id, true, &bob, NULL), ERR_NOT_FOUND);
    assert_int_equal(match_invite_answer(fx->db, id, false, &bob, NULL), ERR_NOT_FOUND);
    struct actor pro = pt_professional(x.w.pro);
    struct fault f = {0};
    assert_int_equal(match_invite_answer(fx->db, id, true, &pro, &f), ERR_FORBIDDEN);
    assert_non_null(f.msgid);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM match_invite WHERE status = 'open'"),
                     1);
    /* one's own list */
    struct match_invite *items;
    int n;
    struct actor ann = pt_resident(x.w.ann);
    assert_int_equal(match_invite_mine(fx->db, fx->a, &ann, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].message, "Help je mee?");
    assert_int_equal(match_invite_mine(fx->db, fx->a, &bob, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 0);
    struct actor ini = pt_resident(x.w.initiator);
    assert_int_equal(match_invite_for_need(fx->db, fx->a, x.need, &ini, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(match_invite_for_need(fx->db, fx->a, x.need, &bob, &items, &n, NULL),
                     ERR_FORBIDDEN);
}

static void test_the_invited_report_a_message_and_a_moderator_hides_it(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world x;
    setup(fx, &x);
    int64_t id = invite(fx, &x, x.w.ann);
    char object[24];
    snprintf(object, sizeof object, "%lld", (long long)id);
    int64_t author = 0;
    const char *text = NULL;
    assert_int_equal(
        moderation_content(fx->db, fx->a, "match_invite_message", object, &author, &text, NULL),
        ERR_OK);
    assert_int_equal(author, x.w.initiator);
    assert_string_equal(text, "Help je mee?");
    assert_false(moderation_text_is_public("match_invite_message")); /* for its readers only */
    assert_true(moderation_text_is_public("activity"));
    /* the inviter does not report their own message; the invited person does */
    struct actor ini = pt_resident(x.w.initiator), ann = pt_resident(x.w.ann);
    assert_int_equal(moderation_report_content(fx->db, "match_invite_message", object,
                                               "Opdringerig", &ini, NULL, NULL),
                     ERR_FORBIDDEN);
    assert_int_equal(moderation_report_content(fx->db, "match_invite_message", object,
                                               "Opdringerig", &ann, NULL, NULL),
                     ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM content_report WHERE object_type = "
                                      "'match_invite_message' AND status = 'open'"),
                     1);
    int64_t mod = at_person(fx, "moderator@example.nl", "Moderator");
    ct_grant(fx, mod, CAP_MODERATOR, 0, NULL);
    struct actor as_mod = ct_act(mod, "moderator");
    assert_int_equal(
        moderation_hide_content(fx->db, "match_invite_message", object, "Grof", &as_mod, NULL),
        ERR_OK);
    /* the message never leaves the model; the row itself is unchanged */
    struct match_invite m;
    assert_int_equal(match_invite_get(fx->db, fx->a, id, &m, NULL), ERR_OK);
    assert_string_equal(m.message, "");
    assert_string_equal(m.message_hidden, "Grof");
    struct match_invite *mine;
    int n = 0;
    assert_int_equal(match_invite_mine(fx->db, fx->a, &ann, &mine, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(mine[0].message, "");
    assert_string_equal(mine[0].message_hidden, "Grof");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM match_invite WHERE message = "
                                      "'Help je mee?'"),
                     1);
    /* shown again, it is back */
    assert_int_equal(
        moderation_unhide_content(fx->db, "match_invite_message", object, &as_mod, NULL), ERR_OK);
    assert_int_equal(match_invite_get(fx->db, fx->a, id, &m, NULL), ERR_OK);
    assert_string_equal(m.message, "Help je mee?");
    assert_null(m.message_hidden);
}

static void test_an_invitation_without_a_message_is_no_content(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world x;
    setup(fx, &x);
    struct actor act = pt_resident(x.w.initiator);
    int64_t id = 0;
    assert_int_equal(match_invite_send(fx->db, x.need, x.w.ann, NULL, &act, &id, NULL), ERR_OK);
    char object[24];
    snprintf(object, sizeof object, "%lld", (long long)id);
    const char *bad[] = {object, "0", "-1", "+1", " 1", "abc", "", "99999"};
    int64_t author = 0;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct fault f = {0};
        assert_int_equal(
            moderation_content(fx->db, fx->a, "match_invite_message", bad[i], &author, NULL, &f),
            ERR_NOT_FOUND);
        assert_string_equal(f.field, "object_id");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_accepting_makes_a_pledge_with_the_needs_skill_and_hours),
        AT_TEST(test_declining_owes_no_reason_and_pledges_nothing),
        AT_TEST(test_one_invitation_per_person_and_need),
        AT_TEST(test_paused_hidden_unknown_and_oneself_are_not_invited),
        AT_TEST(test_invitations_wait_for_awareness_and_an_open_need),
        AT_TEST(test_during_execution_accepting_means_holding_the_task),
        AT_TEST(test_only_the_invited_answer_and_not_as_professional),
        AT_TEST(test_the_invited_report_a_message_and_a_moderator_hides_it),
        AT_TEST(test_an_invitation_without_a_message_is_no_content),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
