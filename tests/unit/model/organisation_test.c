/* Tests of organisations (src/model/organisation.c) on SQLite and
 * PostgreSQL (see account_testing.h): only a platform admin or the console
 * registers one, the refusal comes before any complaint about the input,
 * names and kinds are checked, every registration leaves a public audit
 * entry without the name, and the list is ordered and bounded. Then the
 * profile: who registers what (municipality admins for their gemeente,
 * residents an informal group of their buurt), each field's check, areas
 * that must exist, the unique KvK number, and editing by the
 * organisation's own admin only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capacity_testing.h"
#include "core/arena.h"
#include "model/capacity.h"
#include "model/organisation.h"
#include "model_testing.h"

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
        organisation_create(fx->db, "Welzijn Lindenhoven", "institution", &act, &id, NULL), ERR_OK);
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
    assert_int_equal(
        organisation_create(fx->db, "Huurders Noord", "formal_association", &act, &id, NULL),
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
    assert_int_equal(organisation_create(fx->db, "Nep", "business", &act, NULL, &f), ERR_FORBIDDEN);
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

/* ---- profiles, areas served and who registers what ----------------------- */

static const char *const gm1_areas[] = {CT_GM1};
static const char *const bu1_areas[] = {CT_BU1};
static const char *const bu2_areas[] = {CT_BU2};

/* A full profile serving areas[0..n). */
static struct organisation profile(const char *name, const char *kind, const char *const *areas,
                                   int n)
{
    return (struct organisation){.name = name,
                                 .kind = kind,
                                 .description = "Welzijnswerk\nvoor de wijk",
                                 .website = "https://welzijn.example.nl/",
                                 .email = "Info@Welzijn.Example.nl",
                                 .phone = "+31 20-123 4567",
                                 .street = "Lindeplein 1",
                                 .postal_code = "1234ab",
                                 .city = "Lindenhoven",
                                 .legal_form = "stichting",
                                 .kvk = "12345678",
                                 .areas = (const char **)areas,
                                 .n_areas = n};
}

static void test_platform_admin_registers_a_full_profile(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor act = ct_act(platform_admin(fx), "platform_admin");
    struct organisation in = profile("Welzijn Noord", "institution", gm1_areas, 1), o;
    int64_t id = 0;
    assert_int_equal(organisation_register(fx->db, &in, &act, &id, NULL), ERR_OK);
    assert_int_equal(organisation_get(fx->db, fx->a, id, &o, NULL), ERR_OK);
    assert_string_equal(o.description, "Welzijnswerk\nvoor de wijk");
    assert_string_equal(o.website, "https://welzijn.example.nl/");
    assert_string_equal(o.email, "info@welzijn.example.nl");
    assert_string_equal(o.phone, "+31 20-123 4567");
    assert_string_equal(o.postal_code, "1234 AB");
    assert_string_equal(o.legal_form, "stichting");
    assert_string_equal(o.kvk, "12345678");
    assert_int_equal(o.n_areas, 1);
    assert_string_equal(o.areas[0], CT_GM1);
}

static void test_empty_profile_fields_are_stored_as_null(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct actor act = ct_console();
    struct organisation in = {.name = "  Buurtkamer  ",
                              .kind = "existing_initiative",
                              .website = "",
                              .city = "   "},
                        o;
    int64_t id = 0;
    assert_int_equal(organisation_register(fx->db, &in, &act, &id, NULL), ERR_OK);
    assert_int_equal(organisation_get(fx->db, fx->a, id, &o, NULL), ERR_OK);
    assert_string_equal(o.name, "Buurtkamer");
    assert_null(o.website);
    assert_null(o.city);
    assert_int_equal(o.n_areas, 0);
}

static void test_audit_detail_names_kind_and_areas_but_no_contact(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor act = ct_act(platform_admin(fx), "platform_admin");
    struct organisation in = profile("Welzijn Noord", "institution", gm1_areas, 1);
    assert_int_equal(organisation_register(fx->db, &in, &act, NULL, NULL), ERR_OK);
    char *detail = mt_text(fx->db, "SELECT detail FROM audit_log WHERE action = "
                                   "'organisation.create' ORDER BY id DESC LIMIT 1");
    assert_non_null(strstr(detail, CT_GM1));
    assert_null(strchr(detail, '@'));
    assert_null(strstr(detail, "Lindeplein"));
    free(detail);
}

static void test_municipality_admin_registers_for_their_gemeente(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t gm = at_person(fx, "gm@example.nl", "Gemeente");
    ct_grant(fx, gm, CAP_MUNI_ADMIN, 0, CT_GM1);
    struct actor act = ct_act(gm, "municipality_admin:" CT_GM1);
    struct organisation in = profile("Sportclub", "formal_association", bu1_areas, 1);
    assert_int_equal(organisation_register(fx->db, &in, &act, NULL, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation"), 3);
}

static void test_municipality_admin_cannot_register_for_another_gemeente(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t gm = at_person(fx, "gm@example.nl", "Gemeente");
    ct_grant(fx, gm, CAP_MUNI_ADMIN, 0, CT_GM1);
    struct actor act = ct_act(gm, "municipality_admin");
    struct organisation in = profile("Elders", "business", bu2_areas, 1);
    struct fault f = {0};
    assert_int_equal(organisation_register(fx->db, &in, &act, NULL, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "gemeente"));
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation"), 2);
}

static void test_resident_registers_an_informal_group_of_their_buurt(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t p = at_person(fx, "buur@example.nl", "Buur");
    ct_resident(fx, p, CT_BU1);
    struct actor act = ct_act(p, "resident:" CT_BU1);
    struct organisation in = {.name = "Vrijdagkookclub",
                              .kind = "informal_group",
                              .areas = (const char **)bu1_areas,
                              .n_areas = 1};
    int64_t id = 0;
    assert_int_equal(organisation_register(fx->db, &in, &act, &id, NULL), ERR_OK);
    assert_true(id > 0);
}

static void test_resident_cannot_register_a_group_of_another_buurt(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t p = at_person(fx, "buur@example.nl", "Buur");
    ct_resident(fx, p, CT_BU1);
    struct actor act = ct_act(p, "resident");
    struct organisation in = {.name = "Elders",
                              .kind = "informal_group",
                              .areas = (const char **)bu2_areas,
                              .n_areas = 1};
    struct fault f = {0};
    assert_int_equal(organisation_register(fx->db, &in, &act, NULL, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "informal group"));
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation"), 2);
}

static void test_resident_cannot_register_another_kind(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t p = at_person(fx, "buur@example.nl", "Buur");
    ct_resident(fx, p, CT_BU1);
    struct actor act = ct_act(p, "resident:" CT_BU1);
    struct organisation in = {.name = "Mijn bedrijf",
                              .kind = "business",
                              .areas = (const char **)bu1_areas,
                              .n_areas = 1};
    assert_int_equal(organisation_register(fx->db, &in, &act, NULL, NULL), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation"), 2);
}

static void expect_bad(struct at_fx *fx, struct organisation in, const char *field)
{
    struct actor act = ct_console();
    struct fault f = {0};
    assert_int_equal(organisation_register(fx->db, &in, &act, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, field);
}

static void test_informal_group_has_no_legal_form_or_kvk(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct organisation in = {.name = "Kookclub", .kind = "informal_group", .kvk = "12345678"};
    expect_bad(fx, in, "kvk");
    in = (struct organisation){
        .name = "Kookclub", .kind = "informal_group", .legal_form = "vereniging"};
    expect_bad(fx, in, "legal_form");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation"), 0);
}

static void test_profile_fields_are_checked_one_by_one(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct organisation base = {.name = "Club", .kind = "business"}, in;
    char long_text[2100];
    memset(long_text, 'x', 2001);
    long_text[2001] = '\0';
    in = base, in.description = long_text, expect_bad(fx, in, "description");
    in = base, in.website = "ftp://example.nl", expect_bad(fx, in, "website");
    in = base, in.website = "https://exa mple.nl", expect_bad(fx, in, "website");
    in = base, in.email = "geen-adres", expect_bad(fx, in, "email");
    in = base, in.phone = "12345", expect_bad(fx, in, "phone");
    in = base, in.phone = "020 (123)", expect_bad(fx, in, "phone");
    in = base, in.postal_code = "0123 AB", expect_bad(fx, in, "postal_code");
    in = base, in.postal_code = "1234 A", expect_bad(fx, in, "postal_code");
    in = base, in.city = "Twee\nregels", expect_bad(fx, in, "city");
    in = base, in.legal_form = "gmbh", expect_bad(fx, in, "legal_form");
    in = base, in.kvk = "1234567", expect_bad(fx, in, "kvk");
    in = base, in.kvk = "1234567a", expect_bad(fx, in, "kvk");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation"), 0);
}

static void test_unknown_area_is_named_and_changes_nothing(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor act = ct_console();
    const char *const areas[] = {CT_BU1, "BU99999999"};
    struct organisation in = {
        .name = "Club", .kind = "business", .areas = (const char **)areas, .n_areas = 2};
    struct fault f = {0};
    assert_int_equal(organisation_register(fx->db, &in, &act, NULL, &f), ERR_NOT_FOUND);
    assert_string_equal(f.field, "areas");
    assert_string_equal(f.args[0], "BU99999999");
    const char *const bad[] = {"XX12"};
    in.areas = (const char **)bad, in.n_areas = 1;
    assert_int_equal(organisation_register(fx->db, &in, &act, NULL, &f), ERR_INVALID);
    assert_string_equal(f.args[0], "XX12");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation_area"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation"), 2);
}

static void test_repeated_areas_count_once(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor act = ct_console();
    const char *const areas[] = {CT_BU1, "bu00010101", CT_GM1};
    struct organisation in = {.name = "Club",
                              .kind = "business",
                              .areas = (const char **)areas,
                              .n_areas = 3},
                        o;
    int64_t id = 0;
    assert_int_equal(organisation_register(fx->db, &in, &act, &id, NULL), ERR_OK);
    assert_int_equal(organisation_get(fx->db, fx->a, id, &o, NULL), ERR_OK);
    assert_int_equal(o.n_areas, 2);
}

static void test_duplicate_kvk_is_a_conflict_and_changes_nothing(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct actor act = ct_console();
    struct organisation in = {.name = "Eerste", .kind = "business", .kvk = "87654321"};
    assert_int_equal(organisation_register(fx->db, &in, &act, NULL, NULL), ERR_OK);
    int64_t audit = at_count(fx->db, "SELECT COUNT(*) FROM audit_log");
    in.name = "Tweede";
    struct fault f = {0};
    assert_int_equal(organisation_register(fx->db, &in, &act, NULL, &f), ERR_CONFLICT);
    assert_string_equal(f.field, "kvk");
    assert_string_equal(f.msgid, "Another organisation already has this KvK number.");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation"), 1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log"), audit);
}

/* ---- editing the profile -------------------------------------------------- */

static struct actor org_admin(struct at_fx *fx, const char *email, int64_t org)
{
    int64_t p = at_person(fx, email, "Beheerder");
    ct_grant(fx, p, CAP_ORG_ADMIN, org, NULL);
    return ct_act(p, "organisation_admin");
}

static void test_admin_edits_the_profile_and_the_audit_names_the_fields(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor act = org_admin(fx, "admin@example.nl", CT_ORG1);
    struct organisation in = {.name = "Welzijn Vernieuwd",
                              .email = "nieuw@example.nl",
                              .areas = (const char **)bu1_areas,
                              .n_areas = 1},
                        o;
    assert_int_equal(organisation_update_profile(fx->db, CT_ORG1, &in, &act, NULL), ERR_OK);
    assert_int_equal(organisation_get(fx->db, fx->a, CT_ORG1, &o, NULL), ERR_OK);
    assert_string_equal(o.name, "Welzijn Vernieuwd");
    assert_string_equal(o.email, "nieuw@example.nl");
    assert_string_equal(o.kind, "institution");
    assert_int_equal(o.n_areas, 1);
    char *detail = mt_text(fx->db, "SELECT detail FROM audit_log WHERE action = "
                                   "'organisation.edit_profile'");
    assert_non_null(strstr(detail, "\"name\""));
    assert_non_null(strstr(detail, "\"areas\""));
    assert_null(strchr(detail, '@'));
    free(detail);
}

static void test_edit_without_areas_keeps_them(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor act = org_admin(fx, "admin@example.nl", CT_ORG1);
    struct organisation in = {.name = "Welzijn", .areas = (const char **)bu1_areas, .n_areas = 1};
    assert_int_equal(organisation_update_profile(fx->db, CT_ORG1, &in, &act, NULL), ERR_OK);
    in = (struct organisation){.name = "Welzijn", .city = "Lindenhoven"};
    assert_int_equal(organisation_update_profile(fx->db, CT_ORG1, &in, &act, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation_area"), 1);
}

static void test_only_its_own_admin_edits_the_profile(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor other = org_admin(fx, "ander@example.nl", CT_ORG2);
    struct actor admin = ct_act(platform_admin(fx), "platform_admin");
    struct organisation in = {.name = "Overgenomen"};
    struct fault f = {0};
    assert_int_equal(organisation_update_profile(fx->db, CT_ORG1, &in, &other, &f), ERR_FORBIDDEN);
    assert_int_equal(organisation_update_profile(fx->db, CT_ORG1, &in, &admin, &f), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation WHERE name = "
                                      "'Overgenomen'"),
                     0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'organisation.edit_profile'"),
                     0);
}

static void test_edit_to_a_kvk_another_has_is_a_conflict(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    mt_exec(fx->db, "UPDATE organisation SET kvk = '11112222' WHERE id = 2");
    struct actor act = org_admin(fx, "admin@example.nl", CT_ORG1);
    struct organisation in = {.name = "Welzijn", .kvk = "11112222"};
    struct fault f = {0};
    assert_int_equal(organisation_update_profile(fx->db, CT_ORG1, &in, &act, &f), ERR_CONFLICT);
    assert_string_equal(f.field, "kvk");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation WHERE kvk IS NOT NULL"),
                     1);
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
        AT_TEST(test_platform_admin_registers_a_full_profile),
        AT_TEST(test_empty_profile_fields_are_stored_as_null),
        AT_TEST(test_audit_detail_names_kind_and_areas_but_no_contact),
        AT_TEST(test_municipality_admin_registers_for_their_gemeente),
        AT_TEST(test_municipality_admin_cannot_register_for_another_gemeente),
        AT_TEST(test_resident_registers_an_informal_group_of_their_buurt),
        AT_TEST(test_resident_cannot_register_a_group_of_another_buurt),
        AT_TEST(test_resident_cannot_register_another_kind),
        AT_TEST(test_informal_group_has_no_legal_form_or_kvk),
        AT_TEST(test_profile_fields_are_checked_one_by_one),
        AT_TEST(test_unknown_area_is_named_and_changes_nothing),
        AT_TEST(test_repeated_areas_count_once),
        AT_TEST(test_duplicate_kvk_is_a_conflict_and_changes_nothing),
        AT_TEST(test_admin_edits_the_profile_and_the_audit_names_the_fields),
        AT_TEST(test_edit_without_areas_keeps_them),
        AT_TEST(test_only_its_own_admin_edits_the_profile),
        AT_TEST(test_edit_to_a_kvk_another_has_is_a_conflict),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
