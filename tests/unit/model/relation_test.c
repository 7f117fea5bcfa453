/* Tests of relations between the arena's actors (src/model/relation.c) on
 * SQLite and PostgreSQL (see account_testing.h): an admin of either
 * organisation records one, others are refused and nothing is written;
 * an end before the start, a relation with itself, an unknown kind or a
 * missing actor are refused with the field named; a lasting duplicate is a
 * conflict (also reversed, for collaborates_with); ending once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "capacity_testing.h"
#include "model/relation.h"
#include "model_testing.h"

static struct relationship rel(int64_t from, const char *kind, int64_t to, const char *start,
                               const char *end)
{
    return (struct relationship){.from = {.type = "organisation", .id = from},
                                 .to = {.type = "organisation", .id = to},
                                 .kind = kind,
                                 .start_date = start,
                                 .end_date = end};
}

static int64_t admin_of(struct at_fx *fx, int64_t org)
{
    int64_t p = at_person(fx, org == CT_ORG1 ? "a1@example.nl" : "a2@example.nl", "Admin");
    ct_grant(fx, p, CAP_ORG_ADMIN, org, NULL);
    return p;
}

static void test_admin_of_either_organisation_records_a_relation(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor act = ct_act(admin_of(fx, CT_ORG2), "organisation_admin:2");
    struct relationship in = rel(CT_ORG1, "funds", CT_ORG2, "2024-01-01", NULL);
    int64_t id = 0;
    assert_int_equal(relation_create(fx->db, fx->a, &in, &act, &id, NULL), ERR_OK);
    struct relationship got;
    assert_int_equal(relation_get(fx->db, fx->a, id, &got, NULL), ERR_OK);
    assert_string_equal(got.from.name, "Welzijn Eerstestad");
    assert_string_equal(got.to.name, "Woonstad");
    assert_string_equal(got.kind, "funds");
    assert_null(got.end_date);
    assert_int_equal(got.recorded_by, act.person_id);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'relation.create' AND object_type = 'relation'"),
                     1);
}

static void test_others_are_refused_and_nothing_is_written(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t resident = at_person(fx, "r@example.nl", "Bewoner");
    ct_resident(fx, resident, CT_BU1);
    int64_t admin2 = admin_of(fx, CT_ORG2);
    struct actor as_resident = ct_act(resident, "resident");
    struct actor as_person = ct_act(admin2, NULL);
    struct actor wrong_org = ct_act(admin2, "organisation_admin:1"); /* not held */
    struct relationship in = rel(CT_ORG1, "funds", CT_ORG2, "2024-01-01", NULL);
    struct fault f = {0};
    assert_int_equal(relation_create(fx->db, fx->a, &in, &as_resident, NULL, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "admin"));
    assert_int_equal(relation_create(fx->db, fx->a, &in, &as_person, NULL, NULL), ERR_FORBIDDEN);
    assert_int_equal(relation_create(fx->db, fx->a, &in, &wrong_org, NULL, NULL), ERR_FORBIDDEN);
    struct relationship bad = rel(CT_ORG1, "funds", CT_ORG2, "nonsense", NULL);
    assert_int_equal(relation_create(fx->db, fx->a, &bad, &as_resident, NULL, NULL),
                     ERR_FORBIDDEN); /* the policy before the input */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM relation"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action LIKE "
                                      "'relation.%'"),
                     0);
}

static void test_bad_input_names_its_field(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor act = ct_act(admin_of(fx, CT_ORG1), "organisation_admin:1");
    const struct {
        struct relationship in;
        enum err code;
        const char *field;
    } cases[] = {
        {rel(CT_ORG1, "funds", CT_ORG2, "2024-05-01", "2024-04-30"), ERR_INVALID, "end_date"},
        {rel(CT_ORG1, "funds", CT_ORG1, "2024-05-01", NULL), ERR_INVALID, "to"},
        {rel(CT_ORG1, "owns", CT_ORG2, "2024-05-01", NULL), ERR_INVALID, "kind"},
        {rel(CT_ORG1, "funds", CT_ORG2, "2024-02-30", NULL), ERR_INVALID, "start_date"},
        {rel(CT_ORG1, "funds", CT_ORG2, "2024-02-01", "later"), ERR_INVALID, "end_date"},
        {rel(CT_ORG1, "funds", 99, "2024-05-01", NULL), ERR_NOT_FOUND, "to"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fault f = {0};
        assert_int_equal(relation_create(fx->db, fx->a, &cases[i].in, &act, NULL, &f),
                         cases[i].code);
        assert_string_equal(f.field, cases[i].field);
    }
    struct fault f = {0};
    struct relationship missing = rel(CT_ORG1, "funds", 99, "2024-05-01", NULL);
    relation_create(fx->db, fx->a, &missing, &act, NULL, &f);
    assert_string_equal(f.args[0], "99"); /* the message names it */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM relation"), 0);
}

static void test_a_lasting_duplicate_is_a_conflict(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor act = ct_act(admin_of(fx, CT_ORG1), "organisation_admin");
    struct relationship a = rel(CT_ORG1, "collaborates_with", CT_ORG2, "2020-01-01", NULL);
    struct relationship b = rel(CT_ORG2, "collaborates_with", CT_ORG1, "2021-01-01", NULL);
    struct relationship c = rel(CT_ORG1, "houses", CT_ORG2, "2020-01-01", NULL);
    assert_int_equal(relation_create(fx->db, fx->a, &a, &act, NULL, NULL), ERR_OK);
    assert_int_equal(relation_create(fx->db, fx->a, &b, &act, NULL, NULL), ERR_CONFLICT);
    assert_int_equal(relation_create(fx->db, fx->a, &a, &act, NULL, NULL), ERR_CONFLICT);
    assert_int_equal(relation_create(fx->db, fx->a, &c, &act, NULL, NULL), ERR_OK);
    struct relationship old = rel(CT_ORG1, "houses", CT_ORG2, "2010-01-01", "2012-01-01");
    assert_int_equal(relation_create(fx->db, fx->a, &old, &act, NULL, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM relation"), 3);
}

static void test_ending_a_relation_once(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor act = ct_act(admin_of(fx, CT_ORG2), "organisation_admin:2");
    struct relationship in = rel(CT_ORG1, "funds", CT_ORG2, "2024-01-01", NULL);
    int64_t id = 0;
    assert_int_equal(relation_create(fx->db, fx->a, &in, &act, &id, NULL), ERR_OK);
    struct fault f = {0};
    assert_int_equal(relation_end(fx->db, fx->a, id, "2023-12-31", &act, &f), ERR_INVALID);
    assert_string_equal(f.field, "end_date");
    struct actor stranger = ct_act(at_person(fx, "s@example.nl", "S"), NULL);
    assert_int_equal(relation_end(fx->db, fx->a, id, NULL, &stranger, NULL), ERR_FORBIDDEN);
    assert_int_equal(relation_end(fx->db, fx->a, 999, NULL, &act, NULL), ERR_NOT_FOUND);
    assert_int_equal(relation_end(fx->db, fx->a, id, NULL, &act, NULL), ERR_OK);
    struct relationship got;
    assert_int_equal(relation_get(fx->db, fx->a, id, &got, NULL), ERR_OK);
    assert_string_equal(got.end_date, "2026-03-01"); /* the day of AT_NOW */
    assert_int_equal(got.ended_by, act.person_id);
    assert_int_equal(relation_end(fx->db, fx->a, id, NULL, &act, NULL), ERR_CONFLICT);
    /* ended, a new one of the same kind may start */
    struct relationship again = rel(CT_ORG1, "funds", CT_ORG2, "2026-06-01", NULL);
    assert_int_equal(relation_create(fx->db, fx->a, &again, &act, NULL, NULL), ERR_OK);
}

static void test_an_actors_list_holds_both_directions(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    mt_exec(fx->db, "INSERT INTO organisation (name, kind, created_at) VALUES ('Derde', "
                    "'business', 0)");
    struct actor console = ct_console();
    struct relationship a = rel(CT_ORG1, "funds", CT_ORG2, "2020-01-01", "2021-01-01");
    struct relationship b = rel(3, "houses", CT_ORG1, "2022-01-01", NULL);
    struct relationship c = rel(3, "houses", CT_ORG2, "2022-01-01", NULL);
    assert_int_equal(relation_create(fx->db, fx->a, &a, &console, NULL, NULL), ERR_OK);
    assert_int_equal(relation_create(fx->db, fx->a, &b, &console, NULL, NULL), ERR_OK);
    assert_int_equal(relation_create(fx->db, fx->a, &c, &console, NULL, NULL), ERR_OK);
    struct relationship *items;
    int n;
    assert_int_equal(relation_list_for(fx->db, fx->a, "organisation", CT_ORG1, &items, &n, NULL),
                     ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(items[0].kind, "houses"); /* lasting first */
    assert_string_equal(items[0].from.name, "Derde");
    assert_string_equal(items[1].end_date, "2021-01-01");
    assert_int_equal(relation_list_for(fx->db, fx->a, "club", 1, &items, &n, NULL), ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_admin_of_either_organisation_records_a_relation),
        AT_TEST(test_others_are_refused_and_nothing_is_written),
        AT_TEST(test_bad_input_names_its_field),
        AT_TEST(test_a_lasting_duplicate_is_a_conflict),
        AT_TEST(test_ending_a_relation_once),
        AT_TEST(test_an_actors_list_holds_both_directions),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
