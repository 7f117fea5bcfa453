/* Tests of responsibility matrices and questions (src/model/responsibility.c)
 * on SQLite and PostgreSQL (see account_testing.h): the initiators set a
 * task's matrix with exactly one accountable resident, and a bad matrix
 * changes nothing; professionals may be consulted but not set the matrix;
 * questions are put to the initiators, a professional, an organisation or
 * a gemeente and answered only by whoever they are put to, with who
 * answered and in which capacity kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "model/responsibility.h"
#include "model/task.h"
#include "model_testing.h"
#include "plan_testing.h"

static int64_t task_in_execution(struct at_fx *fx, struct pt_world *w)
{
    pt_world(fx, w);
    pt_phase(fx, w, "execution");
    struct actor act = pt_resident(w->initiator);
    int64_t id = 0;
    assert_int_equal(task_create(fx->db, w->initiative, "Speeltoestel", NULL, 0, &act, &id, NULL),
                     ERR_OK);
    return id;
}

static int64_t raci_rows(struct at_fx *fx)
{
    return at_count(fx->db, "SELECT COUNT(*) FROM task_raci");
}

static void test_the_initiators_set_a_matrix(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    int64_t task = task_in_execution(fx, &w);
    struct raci_entry m[] = {
        {.person_id = w.initiator, .letter = 'A'},
        {.person_id = w.ann, .letter = 'R'},
        {.person_id = w.pro, .letter = 'C'},
        {.person_id = w.org_admin, .letter = 'I'},
    };
    struct actor act = pt_resident(w.initiator);
    assert_int_equal(responsibility_set_matrix(fx->db, task, m, 4, &act, NULL), ERR_OK);
    struct raci_entry *rows;
    int n = 0;
    assert_int_equal(responsibility_matrix(fx->db, fx->a, w.initiative, &rows, &n, NULL), ERR_OK);
    assert_int_equal(n, 4);
    assert_int_equal(rows[0].letter, 'A');
    assert_string_equal(rows[0].person_name, "Ini");
    assert_int_equal(rows[1].letter, 'R');
    assert_int_equal(rows[3].letter, 'I');
    /* replacing it: the old cells go */
    struct raci_entry two[] = {{.person_id = w.ann, .letter = 'A'},
                               {.person_id = w.bob, .letter = 'R'}};
    assert_int_equal(responsibility_set_matrix(fx->db, task, two, 2, &act, NULL), ERR_OK);
    assert_int_equal(raci_rows(fx), 2);
    assert_int_equal(pt_audits(fx, "responsibility.set_matrix"), 2);
}

static void assert_bad_matrix(struct at_fx *fx, const struct pt_world *w, int64_t task,
                              const struct raci_entry *m, int n, const char *field)
{
    struct actor act = pt_resident(w->initiator);
    struct fault f = {0};
    assert_int_equal(responsibility_set_matrix(fx->db, task, m, n, &act, &f), ERR_INVALID);
    assert_string_equal(f.field, field);
}

static void test_a_matrix_has_exactly_one_accountable_resident(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    int64_t task = task_in_execution(fx, &w);
    struct raci_entry none[] = {{.person_id = w.ann, .letter = 'R'}};
    assert_bad_matrix(fx, &w, task, none, 1, "matrix");
    struct raci_entry two[] = {{.person_id = w.ann, .letter = 'A'},
                               {.person_id = w.bob, .letter = 'A'}};
    assert_bad_matrix(fx, &w, task, two, 2, "matrix");
    struct raci_entry twice[] = {{.person_id = w.ann, .letter = 'A'},
                                 {.person_id = w.ann, .letter = 'C'}};
    assert_bad_matrix(fx, &w, task, twice, 2, "matrix");
    struct raci_entry letter[] = {{.person_id = w.ann, .letter = 'A'},
                                  {.person_id = w.bob, .letter = 'X'}};
    assert_bad_matrix(fx, &w, task, letter, 2, "matrix");
    struct raci_entry pro_a[] = {{.person_id = w.org_admin, .letter = 'A'}};
    assert_bad_matrix(fx, &w, task, pro_a, 1, "matrix");
    struct raci_entry nobody[] = {{.person_id = 9999, .letter = 'A'}};
    assert_bad_matrix(fx, &w, task, nobody, 1, "person");
    assert_bad_matrix(fx, &w, task, none, 0, "matrix");
    assert_int_equal(raci_rows(fx), 0);
    assert_int_equal(pt_audits(fx, "responsibility.set_matrix"), 0);
}

static void test_a_professional_cannot_set_the_matrix(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    int64_t task = task_in_execution(fx, &w);
    struct raci_entry m[] = {{.person_id = w.ann, .letter = 'A'}};
    struct actor pro = pt_professional(w.pro);
    struct fault f = {0};
    assert_int_equal(responsibility_set_matrix(fx->db, task, m, 1, &pro, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "Professionals facilitate"));
    struct actor ann = pt_resident(w.ann);
    assert_int_equal(responsibility_set_matrix(fx->db, task, m, 1, &ann, NULL), ERR_FORBIDDEN);
    assert_int_equal(responsibility_set_matrix(fx->db, 9999, m, 1, &ann, NULL), ERR_NOT_FOUND);
    assert_int_equal(raci_rows(fx), 0);
}

static int64_t ask(struct at_fx *fx, const struct pt_world *w, const struct actor *act,
                   const struct responsibility_target *t)
{
    int64_t id = 0;
    assert_int_equal(
        responsibility_ask(fx->db, w->initiative, "Wie is aansprakelijk?", t, act, &id, NULL),
        ERR_OK);
    return id;
}

static void test_a_question_put_to_the_initiators_is_answered_by_them(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct actor ann = pt_resident(w.ann);
    struct responsibility_target t = {.put_to = "initiators"};
    int64_t q = ask(fx, &w, &ann, &t);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification WHERE kind = "
                                      "'question_asked'"),
                     1);
    assert_int_equal(responsibility_answer(fx->db, q, "De gemeente.", &ann, NULL), ERR_FORBIDDEN);
    assert_int_equal(pt_audits(fx, "initiative.refused"), 1);
    struct actor ini = pt_resident(w.initiator);
    struct fault f = {0};
    assert_int_equal(responsibility_answer(fx->db, q, "", &ini, &f), ERR_INVALID);
    assert_string_equal(f.field, "answer");
    assert_int_equal(responsibility_answer(fx->db, q, "Wij, als stichting.", &ini, NULL), ERR_OK);
    struct responsibility_question r;
    assert_int_equal(responsibility_get(fx->db, fx->a, q, &r, NULL), ERR_OK);
    assert_string_equal(r.answer, "Wij, als stichting.");
    assert_int_equal(r.answered_by, w.initiator);
    assert_string_equal(r.answered_capacity, "resident");
    assert_string_equal(r.asked_capacity, "resident");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification WHERE kind = "
                                      "'question_answered'"),
                     1);
}

static void test_a_professional_answers_a_question_put_to_them(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct actor ann = pt_resident(w.ann);
    struct responsibility_target t = {.put_to = "professional", .person_id = w.pro};
    int64_t q = ask(fx, &w, &ann, &t);
    struct actor ini = pt_resident(w.initiator);
    assert_int_equal(responsibility_answer(fx->db, q, "Ik", &ini, NULL), ERR_FORBIDDEN);
    struct actor as_resident = pt_resident(w.pro);
    assert_int_equal(responsibility_answer(fx->db, q, "Ik", &as_resident, NULL), ERR_FORBIDDEN);
    struct actor pro = ct_act(w.pro, "professional:1");
    assert_int_equal(
        responsibility_answer(fx->db, q, "De huismeester heeft de sleutel.", &pro, NULL), ERR_OK);
    struct responsibility_question *items;
    int n = 0;
    assert_int_equal(responsibility_list(fx->db, fx->a, w.initiative, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].put_to_name, "Pro");
    assert_string_equal(items[0].answered_capacity, "professional:1");
}

static void test_an_organisations_admin_answers_for_it(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    /* a professional asks, as contributors may */
    struct actor pro = pt_professional(w.pro);
    struct responsibility_target t = {.put_to = "organisation", .organisation_id = CT_ORG1};
    int64_t q = ask(fx, &w, &pro, &t);
    assert_int_equal(responsibility_answer(fx->db, q, "Wij", &pro, NULL), ERR_FORBIDDEN);
    struct actor admin = ct_act(w.org_admin, "organisation_admin:1");
    assert_int_equal(responsibility_answer(fx->db, q, "De verzekering dekt het.", &admin, NULL),
                     ERR_OK);
    struct responsibility_target g = {.put_to = "gemeente", .gemeente = CT_GM1};
    int64_t q2 = ask(fx, &w, &pro, &g);
    assert_int_equal(responsibility_answer(fx->db, q2, "Wij", &admin, NULL), ERR_FORBIDDEN);
    int64_t gm = at_person(fx, "gm@example.nl", "Gemeente");
    ct_grant(fx, gm, CAP_MUNI_ADMIN, 0, CT_GM1);
    struct actor muni = ct_act(gm, "municipality_admin:" CT_GM1);
    assert_int_equal(responsibility_answer(fx->db, q2, "De gemeente.", &muni, NULL), ERR_OK);
    assert_int_equal(pt_audits(fx, "responsibility.answer"), 2);
}

static void assert_bad_question(struct at_fx *fx, const struct pt_world *w, const char *question,
                                const struct responsibility_target *t, const char *field)
{
    struct actor ann = pt_resident(w->ann);
    struct fault f = {0};
    assert_int_equal(responsibility_ask(fx->db, w->initiative, question, t, &ann, NULL, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, field);
}

static void test_bad_questions_are_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct responsibility_target ini = {.put_to = "initiators"};
    assert_bad_question(fx, &w, "", &ini, "question");
    struct responsibility_target who = {.put_to = "the mayor"};
    assert_bad_question(fx, &w, "Wie?", &who, "put_to");
    struct responsibility_target not_pro = {.put_to = "professional", .person_id = w.bob};
    assert_bad_question(fx, &w, "Wie?", &not_pro, "person");
    struct responsibility_target org = {.put_to = "organisation", .organisation_id = 99};
    assert_bad_question(fx, &w, "Wie?", &org, "organisation");
    struct responsibility_target gm = {.put_to = "gemeente", .gemeente = CT_BU1};
    assert_bad_question(fx, &w, "Wie?", &gm, "gemeente");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM responsibility_question"), 0);
    /* a person acting in no capacity is no contributor */
    struct actor person = ct_act(w.ann, NULL);
    assert_int_equal(responsibility_ask(fx->db, w.initiative, "Wie?", &ini, &person, NULL, NULL),
                     ERR_FORBIDDEN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_the_initiators_set_a_matrix),
        AT_TEST(test_a_matrix_has_exactly_one_accountable_resident),
        AT_TEST(test_a_professional_cannot_set_the_matrix),
        AT_TEST(test_a_question_put_to_the_initiators_is_answered_by_them),
        AT_TEST(test_a_professional_answers_a_question_put_to_them),
        AT_TEST(test_an_organisations_admin_answers_for_it),
        AT_TEST(test_bad_questions_are_refused),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
