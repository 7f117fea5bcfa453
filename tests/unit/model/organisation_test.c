/* Tests of organisations (src/model/organisation.c) on SQLite and
 * PostgreSQL (see account_testing.h): only a platform admin or the console
 * registers one, the refusal comes before any complaint about the input,
 * names and kinds are checked, every registration leaves a public audit
 * entry without the name, and the list is ordered and bounded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "capacity_testing.h"
#include "core/arena.h"
#include "model/capacity.h"
#include "model/organisation.h"

static int64_t platform_admin(struct at_fx *fx)
{
    int64_t id = at_person(fx, "beheer@example.nl", "Beheer");
    ct_grant(fx, id, CAP_PLATFORM_ADMIN, 0, NULL);
    return id;
}

static int64_t create_as_console(struct at_fx *fx, const char *name, const char *kind)
{
    struct actor act = ct_console();
    int64_t id = 0;
    assert_int_equal(organisation_create(fx->db, name, kind, &act, &id, NULL), ERR_OK);
    assert_true(id > 0);
    return id;
}

static void test_platform_admin_registers_an_organisation(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t admin = platform_admin(fx);
    struct actor act = ct_act(admin, "platform_admin");
    int64_t id = 0;
    assert_int_equal(
        organisation_create(fx->db, "Welzijn Lindenhoven", "institution", &act, &id, NULL),
        ERR_OK);
    struct organisation o;
    assert_int_equal(organisation_get(fx->db, fx->a, id, &o, NULL), ERR_OK);
    assert_string_equal(o.name, "Welzijn Lindenhoven");
    assert_string_equal(o.kind, "institution");
    assert_int_equal(o.created_at, AT_NOW);
}

static void test_registration_is_a_public_audit_entry_without_the_name(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t admin = platform_admin(fx);
    struct actor act = ct_act(admin, "platform_admin");
    int64_t id = 0;
    assert_int_equal(organisation_create(fx->db, "Huurders Noord", "formal_association", &act,
                                         &id, NULL),
                     ERR_OK);
    struct audit_page page;
    char object_id[24];
    snprintf(object_id, sizeof object_id, "%lld", (long long)id);
    assert_int_equal(
        audit_list_object(fx->db, fx->a, "organisation", object_id, 0, 10, &page, NULL), ERR_OK);
    assert_int_equal(page.n, 1);
    assert_string_equal(page.items[0].action, "organisation.create");
    assert_true(page.items[0].is_public);
    assert_int_equal(page.items[0].person_id, admin);
    assert_string_equal(page.items[0].capacity, "platform_admin");
    assert_non_null(strstr(page.items[0].detail, "formal_association"));
    assert_null(strstr(page.items[0].detail, "Huurders"));
}

static void test_console_registers_an_organisation(void **state)
{
    struct at_fx *fx = at_fx(state);
    create_as_console(fx, "Buurtkamer", "existing_initiative");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'organisation.create' AND capacity = 'console' AND "
                                      "person_id IS NULL"),
                     1);
}

static void test_person_without_a_role_cannot_register(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t p = at_person(fx, "buur@example.nl", "Buur");
    struct actor act = ct_act(p, NULL);
    struct fault f = {0};
    assert_int_equal(organisation_create(fx->db, "Mijn club", "informal_group", &act, NULL, &f),
                     ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "Platform admins"));
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'organisation.create'"),
                     0);
}

static void test_municipality_admin_cannot_register_without_an_area(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t gm = at_person(fx, "gm@example.nl", "Gemeente");
    ct_grant(fx, gm, CAP_MUNI_ADMIN, 0, CT_GM1);
    struct actor act = ct_act(gm, "municipality_admin:" CT_GM1);
    assert_int_equal(organisation_create(fx->db, "Nieuw", "business", &act, NULL, NULL),
                     ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation"), 2);
}

static void test_claiming_platform_admin_one_is_not_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t p = at_person(fx, "doet-alsof@example.nl", "Doet alsof");
    struct actor act = ct_act(p, "platform_admin");
    struct fault f = {0};
    assert_int_equal(organisation_create(fx->db, "Nep", "business", &act, NULL, &f),
                     ERR_FORBIDDEN);
    assert_string_equal(f.field, "capacity");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation"), 0);
}

static void test_a_refusal_comes_before_a_complaint_about_the_input(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t p = at_person(fx, "buur@example.nl", "Buur");
    struct actor act = ct_act(p, NULL);
    assert_int_equal(organisation_create(fx->db, "", "king", &act, NULL, NULL), ERR_FORBIDDEN);
}

static void expect_bad_name(struct at_fx *fx, const char *name)
{
    struct actor act = ct_console();
    struct fault f = {0};
    assert_int_equal(organisation_create(fx->db, name, "business", &act, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, "name");
}

static void test_name_is_one_line_of_1_to_200_characters(void **state)
{
    struct at_fx *fx = at_fx(state);
    char name[400];
    expect_bad_name(fx, NULL);
    expect_bad_name(fx, "");
    expect_bad_name(fx, "   ");
    expect_bad_name(fx, "Twee\nregels");
    expect_bad_name(fx, "Tab\there");
    memset(name, 'x', 201);
    name[201] = '\0';
    expect_bad_name(fx, name);
    expect_bad_name(fx, "\xff\xfe");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation"), 0);
    name[200] = '\0';
    create_as_console(fx, name, "business");
}

static void test_two_byte_characters_count_once(void **state)
{
    struct at_fx *fx = at_fx(state);
    char *name = arena_alloc(fx->a, 2 * 200 + 1);
    for (int i = 0; i < 200; i++)
        memcpy(name + 2 * i, "\xc3\xa9", 2);
    name[400] = '\0';
    create_as_console(fx, name, "informal_group");
}

static void test_unknown_kind_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct actor act = ct_console();
    struct fault f = {0};
    assert_int_equal(organisation_create(fx->db, "Iets", "church", &act, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, "kind");
    assert_int_equal(organisation_create(fx->db, "Iets", NULL, &act, NULL, &f), ERR_INVALID);
    for (const char *const *k = organisation_kinds(); *k; k++)
        assert_true(organisation_kind_valid(*k));
    assert_false(organisation_kind_valid("Institution"));
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation"), 0);
}

static void test_unknown_organisation_is_not_found(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct organisation o;
    struct fault f = {0};
    assert_int_equal(organisation_get(fx->db, fx->a, 42, &o, &f), ERR_NOT_FOUND);
    assert_string_equal(f.field, "organisation");
}

static void test_list_is_by_name_and_bounded(void **state)
{
    struct at_fx *fx = at_fx(state);
    create_as_console(fx, "Woonstad", "business");
    create_as_console(fx, "Buurtkamer", "existing_initiative");
    create_as_console(fx, "Huurders", "formal_association");
    struct organisation *items;
    int n;
    assert_int_equal(organisation_list(fx->db, fx->a, 10, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 3);
    assert_string_equal(items[0].name, "Buurtkamer");
    assert_string_equal(items[1].name, "Huurders");
    assert_string_equal(items[2].name, "Woonstad");
    assert_int_equal(organisation_list(fx->db, fx->a, 2, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 2);
    struct fault f = {0};
    assert_int_equal(organisation_list(fx->db, fx->a, 0, &items, &n, &f), ERR_INVALID);
    assert_string_equal(f.field, "limit");
    assert_int_equal(organisation_list(fx->db, fx->a, ORGANISATION_LIST_MAX + 1, &items, &n, NULL),
                     ERR_INVALID);
}

static void test_find_by_exact_name(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t id = create_as_console(fx, "Buurtkamer", "existing_initiative");
    int64_t found = -1;
    assert_int_equal(organisation_find(fx->db, "Buurtkamer", &found, NULL), ERR_OK);
    assert_int_equal(found, id);
    assert_int_equal(organisation_find(fx->db, "buurtkamer", &found, NULL), ERR_OK);
    assert_int_equal(found, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_platform_admin_registers_an_organisation),
        AT_TEST(test_registration_is_a_public_audit_entry_without_the_name),
        AT_TEST(test_console_registers_an_organisation),
        AT_TEST(test_person_without_a_role_cannot_register),
        AT_TEST(test_municipality_admin_cannot_register_without_an_area),
        AT_TEST(test_claiming_platform_admin_one_is_not_is_refused),
        AT_TEST(test_a_refusal_comes_before_a_complaint_about_the_input),
        AT_TEST(test_name_is_one_line_of_1_to_200_characters),
        AT_TEST(test_two_byte_characters_count_once),
        AT_TEST(test_unknown_kind_is_refused),
        AT_TEST(test_unknown_organisation_is_not_found),
        AT_TEST(test_list_is_by_name_and_bounded),
        AT_TEST(test_find_by_exact_name),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
