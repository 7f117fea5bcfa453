/* Tests of services (src/model/service*.c) on SQLite and PostgreSQL (see
 * account_testing.h): an organisation's admin adds and changes a service
 * with its languages, cost and contact, a location and schedules; nobody
 * else may (another organisation's admin, a professional, a resident), and
 * a refused or bad write changes nothing; every write is in the audit log
 * without contact details; the search finds services by name, by area (a
 * buurt, its wijk, its gemeente) and by language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "capacity_testing.h"
#include "db/db.h"
#include "model/service.h"
#include "model_testing.h"

struct world {
    int64_t admin; /* organisation admin of CT_ORG1 */
    struct actor act;
};

static struct world world(struct at_fx *fx)
{
    ct_world(fx);
    struct world w = {.admin = at_person(fx, "beheer@example.nl", "Beheer")};
    ct_grant(fx, w.admin, CAP_ORG_ADMIN, CT_ORG1, NULL);
    w.act = ct_act(w.admin, "organisation_admin:1");
    return w;
}

static const struct service_input koffie = {
    .name = "Koffieochtend",
    .description = "Elke week koffie en een praatje.",
    .url = "https://welzijn.example.nl/koffie",
    .email = "koffie@example.nl",
    .languages = "nl, EN,tr",
    .cost = "1,50",
    .cost_note = "per kopje",
    .contact_name = "Fatma",
    .contact_phone = "020 123 4567",
};

static int64_t add_service(struct at_fx *fx, const struct actor *act,
                           const struct service_input *in)
{
    int64_t id = 0;
    struct fault f = {0};
    if (service_create(fx->db, CT_ORG1, in, act, &id, &f) != ERR_OK)
        fail_msg("service_create: %s (%s)", f.msgid, f.field);
    return id;
}

static int64_t add_location(struct at_fx *fx, const struct actor *act, int64_t service,
                            const char *area)
{
    struct location_input loc = {.name = "Buurthuis",
                                 .street = "Lindeplein 1",
                                 .postal_code = "1234ab",
                                 .city = "Lindenhoven",
                                 .area_code = area,
                                 .accessibility = "Drempelvrij\nRinglijn"};
    int64_t id = 0;
    struct fault f = {0};
    if (service_add_location(fx->db, service, &loc, act, &id, &f) != ERR_OK)
        fail_msg("service_add_location: %s (%s)", f.msgid, f.field);
    return id;
}

static void test_admin_adds_a_service_with_its_parts(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w = world(fx);
    int64_t id = add_service(fx, &w.act, &koffie);
    struct service_detail d;
    assert_int_equal(service_detail_get(fx->db, fx->a, id, &d, NULL), ERR_OK);
    assert_string_equal(d.service.name, "Koffieochtend");
    assert_string_equal(d.service.status, "active");
    assert_int_equal(d.service.organisation_id, CT_ORG1);
    assert_int_equal(d.nlanguages, 3);
    assert_string_equal(d.languages[0], "en");
    assert_int_equal(d.ncosts, 1);
    assert_int_equal(d.costs[0].amount_cents, 150);
    assert_int_equal(d.ncontacts, 1);
    assert_string_equal(d.contacts[0].phone, "020 123 4567");
    assert_int_equal(at_count(fx->db,
                              "SELECT COUNT(*) FROM audit_log WHERE action = "
                              "'service.create' AND object_type = 'service' AND public = 1"),
                     1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%@%'"), 0);
}

static void test_others_may_not_add_a_service(void **state)
{
    struct at_fx *fx = at_fx(state);
    world(fx);
    int64_t other = at_person(fx, "ander@example.nl", "Ander");
    ct_grant(fx, other, CAP_ORG_ADMIN, CT_ORG2, NULL);
    int64_t resident = at_person(fx, "buur@example.nl", "Buur");
    ct_resident(fx, resident, CT_BU1);
    struct actor as_other = ct_act(other, "organisation_admin"),
                 as_resident = ct_act(resident, "resident"), nobody = ct_act(0, NULL);
    struct fault f = {0};
    assert_int_equal(service_create(fx->db, CT_ORG1, &koffie, &as_other, NULL, &f), ERR_FORBIDDEN);
    assert_int_equal(service_create(fx->db, CT_ORG1, &koffie, &as_resident, NULL, &f),
                     ERR_FORBIDDEN);
    assert_int_equal(service_create(fx->db, CT_ORG1, &koffie, &nobody, NULL, &f), ERR_FORBIDDEN);
    /* Forbidden comes before a bad input is looked at. */
    struct service_input bad = {.name = ""};
    assert_int_equal(service_create(fx->db, CT_ORG1, &bad, &as_other, NULL, &f), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM service"), 0);
}

static void test_a_professional_is_told_they_facilitate(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w = world(fx);
    int64_t id = add_service(fx, &w.act, &koffie);
    int64_t pro = at_person(fx, "pro@example.nl", "Pro");
    char sql[300];
    snprintf(sql, sizeof sql,
             "INSERT INTO post (person_id, organisation_id, title, status, requested_at, "
             "start_at) VALUES (%lld, 1, 'welzijnswerker', 'confirmed', 1, 1)",
             (long long)pro);
    mt_exec(fx->db, sql);
    struct actor as_pro = ct_act(pro, "professional:1");
    struct fault f = {0};
    assert_int_equal(service_update(fx->db, id, &koffie, &as_pro, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "Professionals facilitate"));
    assert_int_equal(service_create(fx->db, CT_ORG1, &koffie, &as_pro, NULL, &f), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM service"), 1);
}

static void test_bad_input_names_its_field_and_changes_nothing(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w = world(fx);
    static const struct {
        struct service_input in;
        const char *field;
    } cases[] = {
        {{.name = "   "}, "name"},
        {{.name = "A", .url = "welzijn.nl"}, "url"},
        {{.name = "A", .email = "geen-adres"}, "email"},
        {{.name = "A", .status = "open"}, "status"},
        {{.name = "A", .languages = "nederlands"}, "languages"},
        {{.name = "A", .cost = "gratis"}, "cost"},
        {{.name = "A", .cost = "2,505"}, "cost"},
        {{.name = "A", .contact_phone = "12"}, "contact_phone"},
        {{.name = "A\nB"}, "name"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fault f = {0};
        assert_int_equal(service_create(fx->db, CT_ORG1, &cases[i].in, &w.act, NULL, &f),
                         ERR_INVALID);
        assert_string_equal(f.field, cases[i].field);
    }
    assert_int_equal(service_create(fx->db, 99, &koffie, &w.act, NULL, NULL), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM service"), 0);
    assert_int_equal(
        at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'service.%'"), 0);
}

static void test_update_replaces_fields_and_parts(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w = world(fx);
    int64_t id = add_service(fx, &w.act, &koffie);
    struct service_input changed = {
        .name = "Koffie op vrijdag", .status = "temporarily closed", .languages = "ar"};
    assert_int_equal(service_update(fx->db, id, &changed, &w.act, NULL), ERR_OK);
    struct service_detail d;
    assert_int_equal(service_detail_get(fx->db, fx->a, id, &d, NULL), ERR_OK);
    assert_string_equal(d.service.name, "Koffie op vrijdag");
    assert_string_equal(d.service.status, "temporarily closed");
    assert_null(d.service.url);
    assert_int_equal(d.nlanguages, 1);
    assert_int_equal(d.ncosts, 0);
    assert_int_equal(d.ncontacts, 0);
    struct fault f = {0};
    assert_int_equal(service_update(fx->db, 999, &changed, &w.act, &f), ERR_NOT_FOUND);
    struct service_input bad = {.name = "X", .url = "ftp://x"};
    assert_int_equal(service_update(fx->db, id, &bad, &w.act, &f), ERR_INVALID);
    assert_int_equal(service_get(fx->db, fx->a, id, &d.service, NULL), ERR_OK);
    assert_string_equal(d.service.name, "Koffie op vrijdag");
}

static void test_location_and_its_accessibility(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w = world(fx);
    int64_t id = add_service(fx, &w.act, &koffie);
    int64_t loc = add_location(fx, &w.act, id, CT_BU1);
    struct service_detail d;
    assert_int_equal(service_detail_get(fx->db, fx->a, id, &d, NULL), ERR_OK);
    assert_int_equal(d.nlocations, 1);
    assert_int_equal(d.locations[0].id, loc);
    assert_string_equal(d.locations[0].postal_code, "1234 AB");
    assert_string_equal(d.locations[0].area_code, CT_BU1);
    assert_int_equal(d.locations[0].naccessibility, 2);
    assert_string_equal(d.locations[0].accessibility[1], "Ringlijn");
    struct location_input nowhere = {.name = "Elders", .area_code = "BU99999999"};
    struct fault f = {0};
    assert_int_equal(service_add_location(fx->db, id, &nowhere, &w.act, NULL, &f), ERR_NOT_FOUND);
    assert_string_equal(f.field, "area_code");
    struct location_input half = {.name = "Elders", .latitude = "52.3"};
    assert_int_equal(service_add_location(fx->db, id, &half, &w.act, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, "longitude");
    struct location_input postcode = {.name = "Elders", .postal_code = "123 AB"};
    assert_int_equal(service_add_location(fx->db, id, &postcode, &w.act, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, "postal_code");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM location"), 1);
}

static void test_schedules_for_the_service_and_a_location(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w = world(fx);
    int64_t id = add_service(fx, &w.act, &koffie);
    int64_t loc = add_location(fx, &w.act, id, CT_BU1);
    struct schedule_input weekly = {.freq = "WEEKLY",
                                    .byday = "TU,TH",
                                    .dtstart = "2026-01-06",
                                    .opens_at = "09:30",
                                    .closes_at = "11:30"};
    struct schedule_input monthly = {.freq = "MONTHLY",
                                     .byday = "-1FR",
                                     .dtstart = "2026-01-01",
                                     .opens_at = "19:00",
                                     .closes_at = "21:00"};
    assert_int_equal(service_add_schedule(fx->db, id, 0, &weekly, "Koffie", &w.act, NULL, NULL),
                     ERR_OK);
    assert_int_equal(service_add_schedule(fx->db, id, loc, &monthly, NULL, &w.act, NULL, NULL),
                     ERR_OK);
    struct service_detail d;
    assert_int_equal(service_detail_get(fx->db, fx->a, id, &d, NULL), ERR_OK);
    assert_int_equal(d.nschedules, 2);
    assert_int_equal(d.schedules[0].location_id, 0);
    assert_int_equal(d.schedules[0].rule.nbyday, 2);
    assert_string_equal(d.schedules[0].description, "Koffie");
    assert_int_equal(d.schedules[1].location_id, loc);
    assert_int_equal(d.schedules[1].rule.byday[0].ordinal, -1);
    struct fault f = {0};
    assert_int_equal(service_add_schedule(fx->db, id, 12345, &weekly, NULL, &w.act, NULL, &f),
                     ERR_NOT_FOUND);
    assert_string_equal(f.field, "location_id");
}

static void test_a_schedule_that_cannot_occur_changes_nothing(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w = world(fx);
    int64_t id = add_service(fx, &w.act, &koffie);
    struct schedule_input never = {.freq = "MONTHLY",
                                   .bymonthday = "31",
                                   .bymonth = "2",
                                   .dtstart = "2026-01-01",
                                   .opens_at = "10:00",
                                   .closes_at = "12:00"};
    struct fault f = {0};
    assert_int_equal(service_add_schedule(fx->db, id, 0, &never, NULL, &w.act, NULL, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "bymonthday");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM schedule"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'service.add_schedule'"),
                     0);
    struct actor as_nobody = ct_act(0, NULL);
    struct schedule_input fine = {
        .freq = "WEEKLY", .dtstart = "2026-01-01", .opens_at = "10:00", .closes_at = "12:00"};
    assert_int_equal(service_add_schedule(fx->db, id, 0, &fine, NULL, &as_nobody, NULL, NULL),
                     ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM schedule"), 0);
}

static void test_console_manages_any_organisations_services(void **state)
{
    struct at_fx *fx = at_fx(state);
    world(fx);
    struct actor console = ct_console();
    int64_t id = 0;
    assert_int_equal(service_create(fx->db, CT_ORG2, &koffie, &console, &id, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE capacity = 'console' "
                                      "AND action = 'service.create'"),
                     1);
    assert_int_equal(service_create(fx->db, 77, &koffie, &console, NULL, NULL), ERR_NOT_FOUND);
}

static int64_t search(struct at_fx *fx, struct service_query q, struct service_page *p)
{
    if (!q.limit)
        q.limit = 10;
    struct fault f = {0};
    if (service_search(fx->db, fx->a, &q, p, &f) != ERR_OK)
        fail_msg("service_search: %s (%s)", f.msgid, f.field);
    return p->total;
}

static void test_search_by_name_area_and_language(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w = world(fx);
    int64_t a = add_service(fx, &w.act, &koffie);
    struct service_input taal = {.name = "Taalcafé 100%", .languages = "nl,ar"};
    int64_t b = add_service(fx, &w.act, &taal);
    add_location(fx, &w.act, a, CT_BU1);
    add_location(fx, &w.act, b, CT_BU2);
    struct service_page p;
    assert_int_equal(search(fx, (struct service_query){.q = "KOFFIE"}, &p), 1);
    assert_int_equal(p.items[0].id, a);
    assert_int_equal(search(fx, (struct service_query){.q = "praatje"}, &p), 1);
    assert_int_equal(search(fx, (struct service_query){.q = "100%"}, &p), 1);
    assert_int_equal(search(fx, (struct service_query){.q = "%"}, &p), 1);
    assert_int_equal(search(fx, (struct service_query){.area = CT_BU1}, &p), 1);
    assert_int_equal(search(fx, (struct service_query){.area = "WK000101"}, &p), 1);
    assert_int_equal(search(fx, (struct service_query){.area = CT_GM1}, &p), 1);
    assert_int_equal(p.items[0].id, a);
    assert_int_equal(search(fx, (struct service_query){.area = CT_GM2}, &p), 1);
    assert_int_equal(p.items[0].id, b);
    assert_int_equal(search(fx, (struct service_query){.language = "ar"}, &p), 1);
    assert_int_equal(search(fx, (struct service_query){.language = "nl"}, &p), 2);
    assert_string_equal(p.items[0].name, "Koffieochtend");
    assert_int_equal(
        search(fx, (struct service_query){.language = "nl", .limit = 1, .offset = 1}, &p), 2);
    assert_int_equal(p.n, 1);
    assert_int_equal(p.items[0].id, b);
    struct fault f = {0};
    struct service_query unknown = {.area = "BU99999999", .limit = 10};
    assert_int_equal(service_search(fx->db, fx->a, &unknown, &p, &f), ERR_NOT_FOUND);
    struct service_query badlang = {.language = "Nederlands", .limit = 10};
    assert_int_equal(service_search(fx->db, fx->a, &badlang, &p, &f), ERR_INVALID);
    assert_string_equal(f.field, "language");
    struct service_query badlimit = {.limit = 101};
    assert_int_equal(service_search(fx->db, fx->a, &badlimit, &p, &f), ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_admin_adds_a_service_with_its_parts),
        AT_TEST(test_others_may_not_add_a_service),
        AT_TEST(test_a_professional_is_told_they_facilitate),
        AT_TEST(test_bad_input_names_its_field_and_changes_nothing),
        AT_TEST(test_update_replaces_fields_and_parts),
        AT_TEST(test_location_and_its_accessibility),
        AT_TEST(test_schedules_for_the_service_and_a_location),
        AT_TEST(test_a_schedule_that_cannot_occur_changes_nothing),
        AT_TEST(test_console_manages_any_organisations_services),
        AT_TEST(test_search_by_name_area_and_language),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
