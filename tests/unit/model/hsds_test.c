/* Tests of the HSDS 3 JSON (src/model/hsds.c) on SQLite and PostgreSQL (see
 * account_testing.h): derived UUIDs (version 8, stable, one per table and
 * id, leading back to the id), a service fully nested (languages, costs,
 * contacts, schedules with their RRULE, service at locations with their
 * location and address), an organization with its locations and services,
 * Page objects, and the export of everything as one JSON document. The
 * schemas themselves are checked with ajv in tests/hsds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "capacity_testing.h"
#include "model/hsds.h"
#include "model/service.h"
#include "model_testing.h"

/* A service of organisation 1 with a location in CT_BU1 and two schedules. */
static int64_t service_with_everything(struct at_fx *fx)
{
    ct_world(fx);
    struct actor console = ct_console();
    struct service_input in = {.name = "Koffieochtend",
                               .description = "Koffie.",
                               .url = "https://example.nl/koffie",
                               .languages = "nl,ar",
                               .cost = "1,50",
                               .contact_name = "Fatma",
                               .contact_phone = "020 123 4567"};
    int64_t id = 0, loc = 0;
    assert_int_equal(service_create(fx->db, CT_ORG1, &in, &console, &id, NULL), ERR_OK);
    struct location_input where = {.name = "Buurthuis",
                                   .street = "Plein 1",
                                   .postal_code = "1234 AB",
                                   .city = "Stad",
                                   .area_code = CT_BU1,
                                   .accessibility = "Drempelvrij"};
    assert_int_equal(service_add_location(fx->db, id, &where, &console, &loc, NULL), ERR_OK);
    struct schedule_input weekly = {.freq = "WEEKLY",
                                    .byday = "TU",
                                    .dtstart = "2025-01-07",
                                    .opens_at = "09:30",
                                    .closes_at = "11:30"};
    struct schedule_input summer = {.freq = "MONTHLY",
                                    .bymonthday = "1",
                                    .bymonth = "7,8",
                                    .dtstart = "2025-01-01",
                                    .opens_at = "10:00",
                                    .closes_at = "12:00"};
    assert_int_equal(service_add_schedule(fx->db, id, 0, &weekly, NULL, &console, NULL, NULL),
                     ERR_OK);
    assert_int_equal(service_add_schedule(fx->db, id, loc, &summer, NULL, &console, NULL, NULL),
                     ERR_OK);
    return id;
}

static void test_uuids_are_version_8_stable_and_lead_back(void **state)
{
    (void)state;
    char a[HSDS_UUID_LEN + 1], b[HSDS_UUID_LEN + 1], c[HSDS_UUID_LEN + 1];
    hsds_uuid("service", 42, a);
    hsds_uuid("service", 42, b);
    hsds_uuid("organisation", 42, c);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_int_equal(strlen(a), 36);
    assert_int_equal(a[8], '-');
    assert_int_equal(a[14], '8');
    assert_non_null(strchr("89ab", a[19]));
    int64_t id = 0;
    assert_int_equal(hsds_id("service", a, &id, NULL), ERR_OK);
    assert_int_equal(id, 42);
    struct fault f = {0};
    assert_int_equal(hsds_id("organisation", a, &id, &f), ERR_NOT_FOUND);
    assert_string_equal(f.field, "id");
    assert_int_equal(hsds_id("service", "42", &id, NULL), ERR_NOT_FOUND);
    a[35] = a[35] == '0' ? '1' : '0'; /* another id still leads back */
    assert_int_equal(hsds_id("service", a, &id, NULL), ERR_OK);
    a[0] = a[0] == '0' ? '1' : '0'; /* a changed table part does not */
    assert_int_equal(hsds_id("service", a, &id, NULL), ERR_NOT_FOUND);
}

static void test_service_is_fully_nested(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t id = service_with_everything(fx);
    json_t *s = NULL;
    assert_int_equal(hsds_service(fx->db, fx->a, id, &s, NULL), ERR_OK);
    char uuid[HSDS_UUID_LEN + 1];
    hsds_uuid("service", id, uuid);
    assert_string_equal(json_string_value(json_object_get(s, "id")), uuid);
    assert_string_equal(json_string_value(json_object_get(s, "status")), "active");
    assert_int_equal(json_array_size(json_object_get(s, "languages")), 2);
    json_t *cost = json_array_get(json_object_get(s, "cost_options"), 0);
    assert_true(json_real_value(json_object_get(cost, "amount")) == 1.5);
    assert_string_equal(json_string_value(json_object_get(cost, "currency")), "EUR");
    json_t *phone = json_array_get(
        json_object_get(json_array_get(json_object_get(s, "contacts"), 0), "phones"), 0);
    assert_string_equal(json_string_value(json_object_get(phone, "number")), "020 123 4567");
    json_t *own = json_array_get(json_object_get(s, "schedules"), 0);
    assert_string_equal(json_string_value(json_object_get(own, "freq")), "WEEKLY");
    assert_string_equal(json_string_value(json_object_get(own, "byday")), "TU");
    assert_string_equal(json_string_value(json_object_get(own, "opens_at")), "09:30");
    json_t *sal = json_array_get(json_object_get(s, "service_at_locations"), 0);
    json_t *loc = json_object_get(sal, "location");
    assert_string_equal(json_string_value(json_object_get(loc, "external_identifier")), CT_BU1);
    json_t *addr = json_array_get(json_object_get(loc, "addresses"), 0);
    assert_string_equal(json_string_value(json_object_get(addr, "postal_code")), "1234 AB");
    assert_string_equal(json_string_value(json_object_get(addr, "country")), "NL");
    json_t *summer = json_array_get(json_object_get(sal, "schedules"), 0);
    assert_string_equal(json_string_value(json_object_get(summer, "notes")),
                        "RRULE:FREQ=MONTHLY;BYMONTHDAY=1;BYMONTH=7,8");
    assert_non_null(json_object_get(json_object_get(s, "organization"), "name"));
    assert_null(json_object_get(s, "email")); /* optional fields are left out, never null */
    json_decref(s);
    assert_int_equal(hsds_service(fx->db, fx->a, 999, &s, NULL), ERR_NOT_FOUND);
}

static void test_organization_lists_locations_and_services(void **state)
{
    struct at_fx *fx = at_fx(state);
    service_with_everything(fx);
    json_t *o = NULL;
    assert_int_equal(hsds_organization(fx->db, fx->a, CT_ORG1, &o, NULL), ERR_OK);
    assert_string_equal(json_string_value(json_object_get(o, "description")), "");
    assert_int_equal(json_array_size(json_object_get(o, "locations")), 1);
    assert_int_equal(json_array_size(json_object_get(o, "services")), 1);
    json_decref(o);
    assert_int_equal(hsds_organization(fx->db, fx->a, CT_ORG2, &o, NULL), ERR_OK);
    assert_int_equal(json_array_size(json_object_get(o, "services")), 0);
    json_decref(o);
}

static void test_pages_count_and_cut(void **state)
{
    struct at_fx *fx = at_fx(state);
    service_with_everything(fx);
    json_t *p = NULL;
    assert_int_equal(hsds_page(fx->db, fx->a, "organizations", NULL, 1, 1, &p, NULL), ERR_OK);
    assert_int_equal(json_integer_value(json_object_get(p, "total_items")), 2);
    assert_int_equal(json_integer_value(json_object_get(p, "total_pages")), 2);
    assert_true(json_is_true(json_object_get(p, "first_page")));
    assert_true(json_is_false(json_object_get(p, "last_page")));
    json_decref(p);
    assert_int_equal(hsds_page(fx->db, fx->a, "services", "KOFFIE", 1, 10, &p, NULL), ERR_OK);
    assert_int_equal(json_integer_value(json_object_get(p, "size")), 1);
    json_decref(p);
    assert_int_equal(hsds_page(fx->db, fx->a, "services", "thee", 1, 10, &p, NULL), ERR_OK);
    assert_true(json_is_true(json_object_get(p, "empty")));
    json_decref(p);
    struct fault f = {0};
    assert_int_equal(hsds_page(fx->db, fx->a, "services", NULL, 0, 10, &p, &f), ERR_INVALID);
    assert_string_equal(f.field, "page");
    assert_int_equal(hsds_page(fx->db, fx->a, "services", NULL, 1, 101, &p, &f), ERR_INVALID);
    assert_string_equal(f.field, "per_page");
}

static void test_export_writes_everything_as_one_document(void **state)
{
    struct at_fx *fx = at_fx(state);
    service_with_everything(fx);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    int norgs = 0, nservices = 0;
    assert_int_equal(hsds_export(fx->db, out, &norgs, &nservices, NULL), ERR_OK);
    fclose(out);
    assert_int_equal(norgs, 2);
    assert_int_equal(nservices, 1);
    json_error_t err;
    json_t *doc = json_loads(buf, 0, &err);
    if (!doc)
        fail_msg("not JSON: %s", err.text);
    assert_string_equal(json_string_value(json_object_get(doc, "version")), "3.0");
    assert_int_equal(json_array_size(json_object_get(doc, "organizations")), 2);
    assert_int_equal(json_array_size(json_object_get(doc, "services")), 1);
    json_decref(doc);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uuids_are_version_8_stable_and_lead_back),
        AT_TEST(test_service_is_fully_nested),
        AT_TEST(test_organization_lists_locations_and_services),
        AT_TEST(test_pages_count_and_cut),
        AT_TEST(test_export_writes_everything_as_one_document),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
