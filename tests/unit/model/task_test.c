/* Tests of tasks (src/model/task.c) on SQLite and PostgreSQL (see
 * account_testing.h): only the initiators create tasks, during execution;
 * a resident holds a task only with consent -- asked and accepted, or
 * taken on by themselves -- and a task for someone who did not consent is
 * refused with nothing changed; the holder and the initiators update it;
 * professionals are refused with the facilitating reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "model/task.h"
#include "model_testing.h"
#include "plan_testing.h"

/* The world in execution with Ann pledged, and a task without holder. */
static int64_t executing(struct at_fx *fx, struct pt_world *w)
{
    pt_world(fx, w);
    pt_pledge(fx, w, w->ann, 20, "week");
    pt_phase(fx, w, "execution");
    struct actor act = pt_resident(w->initiator);
    int64_t id = 0;
    assert_int_equal(
        task_create(fx->db, w->initiative, "Sleutel regelen", "2026-04-01", 0, &act, &id, NULL),
        ERR_OK);
    return id;
}

static struct task load(struct at_fx *fx, int64_t id)
{
    struct task t;
    assert_int_equal(task_get(fx->db, fx->a, id, &t, NULL), ERR_OK);
    return t;
}

static void test_the_initiators_create_tasks_during_execution(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    int64_t id = executing(fx, &w);
    struct task t = load(fx, id);
    assert_string_equal(t.title, "Sleutel regelen");
    assert_string_equal(t.due_on, "2026-04-01");
    assert_string_equal(t.status, "open");
    assert_int_equal(t.responsible_id, 0);
    assert_int_equal(t.created_by, w.initiator);
    assert_int_equal(pt_audits(fx, "task.create"), 1);
    /* an initiator may hold a task they create */
    struct actor act = pt_resident(w.initiator);
    int64_t mine = 0;
    assert_int_equal(
        task_create(fx->db, w.initiative, "Flyers", NULL, w.initiator, &act, &mine, NULL), ERR_OK);
    assert_int_equal(load(fx, mine).responsible_id, w.initiator);
    struct task *items;
    int n = 0;
    assert_int_equal(task_list(fx->db, fx->a, w.initiative, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(items[1].responsible_name, "Ini");
}

static void test_tasks_wait_for_the_execution_phase(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct actor act = pt_resident(w.initiator);
    struct fault f = {0};
    assert_int_equal(task_create(fx->db, w.initiative, "Te vroeg", NULL, 0, &act, NULL, &f),
                     ERR_CONFLICT);
    assert_non_null(strstr(f.msgid, "awareness phase"));
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM task"), 0);
}

static void test_bad_task_input_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    executing(fx, &w);
    struct actor act = pt_resident(w.initiator);
    struct fault f = {0};
    assert_int_equal(task_create(fx->db, w.initiative, "", NULL, 0, &act, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, "title");
    assert_int_equal(task_create(fx->db, w.initiative, "Taak", "2026-02-30", 0, &act, NULL, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "due_on");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM task"), 1);
}

static void test_a_task_for_someone_who_did_not_consent_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    executing(fx, &w);
    struct actor act = pt_resident(w.initiator);
    struct fault f = {0};
    assert_int_equal(task_create(fx->db, w.initiative, "Voor Ann", NULL, w.ann, &act, NULL, &f),
                     ERR_CONFLICT);
    assert_string_equal(f.field, "responsible");
    assert_non_null(strstr(f.msgid, "agreeing"));
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM task"), 1);
    assert_int_equal(pt_audits(fx, "task.create"), 1);
}

static void test_a_pledger_holds_a_task_after_accepting(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    int64_t id = executing(fx, &w);
    struct actor ini = pt_resident(w.initiator);
    assert_int_equal(task_ask(fx->db, id, w.ann, &ini, NULL), ERR_OK);
    assert_int_equal(load(fx, id).responsible_id, 0); /* not before she consents */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification WHERE kind = "
                                      "'task_asked'"),
                     1);
    struct fault f = {0};
    assert_int_equal(task_ask(fx->db, id, w.ann, &ini, &f), ERR_CONFLICT);
    assert_non_null(strstr(f.msgid, "asked them already"));
    struct actor ann = pt_resident(w.ann);
    assert_int_equal(task_answer(fx->db, id, true, &ann, NULL), ERR_OK);
    assert_int_equal(load(fx, id).responsible_id, w.ann);
    assert_int_equal(task_answer(fx->db, id, true, &ann, NULL), ERR_NOT_FOUND);
    struct task_consent *c;
    int n = 0;
    assert_int_equal(task_consents(fx->db, fx->a, w.initiative, &c, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(c[0].status, "accepted");
    assert_string_equal(c[0].person_name, "Ann");
    assert_int_equal(pt_audits(fx, "task.consent"), 1);
}

static void test_a_pledger_who_declines_does_not_hold_the_task(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    int64_t id = executing(fx, &w);
    struct actor ini = pt_resident(w.initiator);
    assert_int_equal(task_ask(fx->db, id, w.ann, &ini, NULL), ERR_OK);
    struct actor bob = pt_resident(w.bob);
    assert_int_equal(task_answer(fx->db, id, true, &bob, NULL), ERR_NOT_FOUND);
    struct actor ann = pt_resident(w.ann);
    assert_int_equal(task_answer(fx->db, id, false, &ann, NULL), ERR_OK);
    assert_int_equal(load(fx, id).responsible_id, 0);
    /* asked again after declining: a new request */
    assert_int_equal(task_ask(fx->db, id, w.ann, &ini, NULL), ERR_OK);
}

static void test_only_pledgers_are_asked(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    int64_t id = executing(fx, &w);
    struct actor ini = pt_resident(w.initiator);
    struct fault f = {0};
    assert_int_equal(task_ask(fx->db, id, w.bob, &ini, &f), ERR_CONFLICT);
    assert_string_equal(f.field, "person");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM task_consent"), 0);
    struct actor ann = pt_resident(w.ann);
    assert_int_equal(task_ask(fx->db, id, w.bob, &ann, NULL), ERR_FORBIDDEN);
}

static void test_a_resident_takes_on_a_task(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    int64_t id = executing(fx, &w);
    struct actor bob = pt_resident(w.bob);
    assert_int_equal(task_take_on(fx->db, id, &bob, NULL), ERR_OK);
    assert_int_equal(load(fx, id).responsible_id, w.bob);
    struct actor ann = pt_resident(w.ann);
    assert_int_equal(task_take_on(fx->db, id, &ann, NULL), ERR_CONFLICT);
    assert_int_equal(load(fx, id).responsible_id, w.bob);
    struct actor person = ct_act(w.ann, NULL);
    int64_t other = 0;
    struct actor ini = pt_resident(w.initiator);
    assert_int_equal(task_create(fx->db, w.initiative, "Nog een", NULL, 0, &ini, &other, NULL),
                     ERR_OK);
    assert_int_equal(task_take_on(fx->db, other, &person, NULL), ERR_FORBIDDEN);
}

static void test_a_professional_cannot_create_assign_or_take_on_tasks(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    int64_t id = executing(fx, &w);
    struct actor pro = pt_professional(w.pro);
    struct fault f = {0};
    assert_int_equal(task_create(fx->db, w.initiative, "Overnemen", NULL, 0, &pro, NULL, &f),
                     ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "Professionals facilitate"));
    f = (struct fault){0};
    assert_int_equal(task_ask(fx->db, id, w.ann, &pro, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "Professionals facilitate"));
    f = (struct fault){0};
    assert_int_equal(task_take_on(fx->db, id, &pro, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "Professionals facilitate"));
    assert_int_equal(task_update(fx->db, id, "done", NULL, &pro, NULL), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM task"), 1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM task_consent"), 0);
    assert_string_equal(load(fx, id).status, "open");
    assert_true(pt_audits(fx, "initiative.refused") >= 3);
}

static void test_the_holder_and_the_initiators_update_a_task(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    int64_t id = executing(fx, &w);
    struct actor bob = pt_resident(w.bob);
    assert_int_equal(task_update(fx->db, id, "in_progress", NULL, &bob, NULL), ERR_FORBIDDEN);
    assert_int_equal(task_take_on(fx->db, id, &bob, NULL), ERR_OK);
    assert_int_equal(task_update(fx->db, id, "in_progress", "2026-05-01", &bob, NULL), ERR_OK);
    struct task t = load(fx, id);
    assert_string_equal(t.status, "in_progress");
    assert_string_equal(t.due_on, "2026-05-01");
    struct fault f = {0};
    assert_int_equal(task_update(fx->db, id, "finished", NULL, &bob, &f), ERR_INVALID);
    assert_string_equal(f.field, "status");
    struct actor ini = pt_resident(w.initiator);
    assert_int_equal(task_update(fx->db, id, "done", "", &ini, NULL), ERR_OK);
    t = load(fx, id);
    assert_string_equal(t.status, "done");
    assert_null(t.due_on);
    assert_int_equal(pt_audits(fx, "task.update"), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_the_initiators_create_tasks_during_execution),
        AT_TEST(test_tasks_wait_for_the_execution_phase),
        AT_TEST(test_bad_task_input_is_refused),
        AT_TEST(test_a_task_for_someone_who_did_not_consent_is_refused),
        AT_TEST(test_a_pledger_holds_a_task_after_accepting),
        AT_TEST(test_a_pledger_who_declines_does_not_hold_the_task),
        AT_TEST(test_only_pledgers_are_asked),
        AT_TEST(test_a_resident_takes_on_a_task),
        AT_TEST(test_a_professional_cannot_create_assign_or_take_on_tasks),
        AT_TEST(test_the_holder_and_the_initiators_update_a_task),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
