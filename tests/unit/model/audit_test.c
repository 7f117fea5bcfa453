/* Tests of the audit log (src/model/audit.c) on SQLite and PostgreSQL (see
 * account_testing.h): recording, the public and personal lists, the
 * append-only triggers, the refusal of secrets in the detail, and the
 * parts of a capacity that pages show in words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "account_testing.h"
#include "capacity_testing.h"
#include "core/arena.h"
#include "db/db.h"
#include "model/audit.h"
#include "model_testing.h"

static void record(struct at_fx *fx, int64_t who, const char *action, const char *type,
                   const char *id, const char *area, bool is_public, int64_t at)
{
    struct audit_entry e = {.at = at,
                            .person_id = who,
                            .capacity = who ? "resident" : NULL,
                            .action = action,
                            .object_type = type,
                            .object_id = id,
                            .area_code = area,
                            .request_id = "req-1",
                            .is_public = is_public};
    struct fault f = {0};
    assert_int_equal(audit_record(fx->db, &e, &f), ERR_OK);
}

static void test_object_list_shows_its_public_entries_newest_first(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    record(fx, ann, "initiative.create", "initiative", "7", "BU03630101", true, AT_NOW);
    record(fx, ann, "initiative.phase", "initiative", "7", "BU03630101", true, AT_NOW + 1);
    record(fx, ann, "initiative.create", "initiative", "8", "BU03630101", true, AT_NOW + 2);
    struct audit_page p;
    assert_int_equal(audit_list_object(fx->db, fx->a, "initiative", "7", 0, 50, &p, NULL), ERR_OK);
    assert_int_equal(p.n, 2);
    assert_string_equal(p.items[0].action, "initiative.phase");
    assert_string_equal(p.items[1].action, "initiative.create");
    assert_int_equal(p.items[0].person_id, ann);
    assert_string_equal(p.items[0].capacity, "resident");
    assert_string_equal(p.items[0].request_id, "req-1");
    assert_string_equal(p.items[0].area_code, "BU03630101");
    assert_int_equal(p.items[0].at, AT_NOW + 1);
    assert_true(p.items[0].is_public);
    assert_int_equal(p.next, 0);
}

static void test_restricted_entries_stay_out_of_public_lists(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    record(fx, ann, "initiative.create", "initiative", "7", "BU03630101", true, AT_NOW);
    record(fx, ann, "initiative.contact", "initiative", "7", "BU03630101", false, AT_NOW);
    struct audit_page p;
    assert_int_equal(audit_list_object(fx->db, fx->a, "initiative", "7", 0, 50, &p, NULL), ERR_OK);
    assert_int_equal(p.n, 1);
    assert_string_equal(p.items[0].action, "initiative.create");
    assert_int_equal(audit_list_area(fx->db, fx->a, "BU03630101", 0, 50, &p, NULL), ERR_OK);
    assert_int_equal(p.n, 1);
    assert_string_equal(p.items[0].action, "initiative.create");
}

static void test_area_list_shows_only_that_area(void **state)
{
    struct at_fx *fx = at_fx(state);
    record(fx, 0, "initiative.create", "initiative", "1", "BU03630101", true, AT_NOW);
    record(fx, 0, "initiative.create", "initiative", "2", "BU03630102", true, AT_NOW);
    record(fx, 0, "initiative.create", "initiative", "3", NULL, true, AT_NOW);
    struct audit_page p;
    assert_int_equal(audit_list_area(fx->db, fx->a, "BU03630102", 0, 50, &p, NULL), ERR_OK);
    assert_int_equal(p.n, 1);
    assert_string_equal(p.items[0].object_id, "2");
    assert_int_equal(p.items[0].person_id, 0); /* nobody */
    assert_null(p.items[0].capacity);
}

static void test_person_list_shows_restricted_entries_by_or_about_them(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    int64_t bob = at_person(fx, "bob@example.nl", "Bob");
    char ann_id[24];
    snprintf(ann_id, sizeof ann_id, "%lld", (long long)ann);
    record(fx, ann, "initiative.create", "initiative", "1", NULL, true, AT_NOW);
    record(fx, ann, "person.profile", "person", ann_id, NULL, false, AT_NOW);
    record(fx, bob, "role.grant", "person", ann_id, NULL, false, AT_NOW);
    record(fx, bob, "person.profile", "person", "999", NULL, false, AT_NOW);
    record(fx, bob, "initiative.create", "initiative", "2", NULL, true, AT_NOW);
    struct audit_page p;
    assert_int_equal(audit_list_person(fx->db, fx->a, ann, 0, 50, &p, NULL), ERR_OK);
    /* bob's entry about Ann, Ann's own profile change, Ann's sign-up */
    assert_int_equal(p.n, 3);
    assert_string_equal(p.items[0].action, "role.grant");
    assert_int_equal(p.items[0].person_id, bob);
    assert_string_equal(p.items[1].action, "person.profile");
    assert_string_equal(p.items[2].action, "person.signup");
    for (int i = 0; i < p.n; i++)
        assert_false(p.items[i].is_public);
    assert_int_equal(audit_list_person(fx->db, fx->a, bob, 0, 50, &p, NULL), ERR_OK);
    assert_int_equal(p.n, 3); /* all that Bob did, and nothing Ann did */
    for (int i = 0; i < p.n; i++)
        assert_int_equal(p.items[i].person_id, bob);
}

static void test_object_list_refuses_malformed_names(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct audit_page p;
    struct fault f = {0};
    assert_int_equal(audit_list_object(fx->db, fx->a, "Initiative", "7", 0, 10, &p, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "object_type");
    assert_int_equal(audit_list_object(fx->db, fx->a, NULL, "7", 0, 10, &p, &f), ERR_INVALID);
    assert_int_equal(audit_list_object(fx->db, fx->a, "initiative", "", 0, 10, &p, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "object_id");
    assert_int_equal(audit_list_object(fx->db, fx->a, "initiative", "a\nb", 0, 10, &p, &f),
                     ERR_INVALID);
    assert_int_equal(audit_list_object(fx->db, fx->a, "initiative", "7", 0, 10, &p, &f), ERR_OK);
    assert_int_equal(p.n, 0);
}

static void test_capacity_parts_name_the_place(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct audit_capacity c;
    assert_int_equal(audit_capacity_parts(fx->db, fx->a, "professional:1", &c, NULL), ERR_OK);
    assert_string_equal(c.name, "professional");
    assert_string_equal(c.qualifier, "1");
    assert_string_equal(c.place, "Welzijn Eerstestad");
    assert_int_equal(audit_capacity_parts(fx->db, fx->a, "resident:" CT_BU1, &c, NULL), ERR_OK);
    assert_string_equal(c.place, "Oude Haven");
    assert_int_equal(audit_capacity_parts(fx->db, fx->a, "municipality_admin:GM0002", &c, NULL),
                     ERR_OK);
    assert_string_equal(c.place, "Tweedorp");
    assert_int_equal(audit_capacity_parts(fx->db, fx->a, "organisation_admin:2", &c, NULL), ERR_OK);
    assert_string_equal(c.place, "Woonstad");
}

static void test_capacity_parts_without_a_known_place(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct audit_capacity c;
    assert_int_equal(audit_capacity_parts(fx->db, fx->a, "resident", &c, NULL), ERR_OK);
    assert_string_equal(c.name, "resident");
    assert_null(c.qualifier);
    assert_null(c.place);
    assert_int_equal(audit_capacity_parts(fx->db, fx->a, "professional:77", &c, NULL), ERR_OK);
    assert_string_equal(c.qualifier, "77");
    assert_null(c.place);
    assert_int_equal(audit_capacity_parts(fx->db, fx->a, "professional:x1", &c, NULL), ERR_OK);
    assert_null(c.place);
    assert_int_equal(audit_capacity_parts(fx->db, fx->a, "console", &c, NULL), ERR_OK);
    assert_string_equal(c.name, "console");
    assert_null(c.place);
    assert_int_equal(audit_capacity_parts(fx->db, fx->a, NULL, &c, NULL), ERR_OK);
    assert_null(c.name);
}

static void test_pages_follow_the_cursor(void **state)
{
    struct at_fx *fx = at_fx(state);
    for (int i = 0; i < 5; i++)
        record(fx, 0, "initiative.comment", "initiative", "9", NULL, true, AT_NOW + i);
    struct audit_page p;
    int seen = 0;
    int64_t cursor = 0, prev_id = INT64_MAX;
    int sizes[3], pages = 0;
    do {
        assert_int_equal(audit_list_object(fx->db, fx->a, "initiative", "9", cursor, 2, &p, NULL),
                         ERR_OK);
        for (int i = 0; i < p.n; i++) {
            assert_true(p.items[i].id < prev_id);
            prev_id = p.items[i].id;
        }
        assert_true(pages < 3);
        sizes[pages++] = p.n;
        seen += p.n;
        cursor = p.next;
    } while (cursor != 0);
    assert_int_equal(seen, 5);
    assert_int_equal(pages, 3);
    assert_int_equal(sizes[0], 2);
    assert_int_equal(sizes[2], 1);
}

static void test_limit_and_cursor_are_checked(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct audit_page p;
    struct fault f = {0};
    assert_int_equal(audit_list_area(fx->db, fx->a, "BU03630101", 0, 0, &p, &f), ERR_INVALID);
    assert_string_equal(f.field, "limit");
    assert_int_equal(audit_list_area(fx->db, fx->a, "BU03630101", 0, 501, &p, &f), ERR_INVALID);
    assert_int_equal(audit_list_person(fx->db, fx->a, 1, -5, 10, &p, &f), ERR_INVALID);
    assert_string_equal(f.field, "cursor");
}

static void test_detail_is_stored_as_sorted_compact_json(void **state)
{
    struct at_fx *fx = at_fx(state);
    json_t *detail = json_pack("{s:s, s:i, s:[s, s]}", "to", "execution", "pledges", 12, "why",
                               "enough", "people");
    struct audit_entry e = {.at = AT_NOW,
                            .action = "initiative.phase",
                            .object_type = "initiative",
                            .object_id = "7",
                            .is_public = true,
                            .detail = detail};
    assert_int_equal(audit_record(fx->db, &e, NULL), ERR_OK);
    json_decref(detail);
    char *stored = mt_text(fx->db, "SELECT detail FROM audit_log");
    assert_string_equal(stored,
                        "{\"pledges\":12,\"to\":\"execution\",\"why\":[\"enough\",\"people\"]}");
    free(stored);
}

static void test_actor_is_stamped_on_a_private_entry(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct actor act = {ann, "professional:4", "req-42", AT_NOW + 9};
    assert_int_equal(audit_record_private(fx->db, &act, "person.profile", "person", ann, NULL),
                     ERR_OK);
    char *row = mt_dump(fx->db, "SELECT at, capacity, action, object_type, request_id, public, "
                                "area_code FROM audit_log WHERE action = 'person.profile'");
    char want[200];
    snprintf(want, sizeof want, "%lld|professional:4|person.profile|person|req-42|0|NULL\n",
             (long long)(AT_NOW + 9));
    assert_string_equal(row, want);
    free(row);
}

static void test_update_is_refused_by_the_database(void **state)
{
    struct at_fx *fx = at_fx(state);
    record(fx, 0, "initiative.create", "initiative", "7", NULL, true, AT_NOW);
    struct db_stmt *st = db_prepare(fx->db, "UPDATE audit_log SET action = 'initiative.hidden'");
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ERROR);
    db_done(st);
    assert_non_null(strstr(db_errmsg(fx->db), "append-only"));
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log "
                                      "WHERE action = 'initiative.create'"),
                     1);
}

static void test_delete_is_refused_by_the_database(void **state)
{
    struct at_fx *fx = at_fx(state);
    record(fx, 0, "initiative.create", "initiative", "7", NULL, true, AT_NOW);
    struct db_stmt *st = db_prepare(fx->db, "DELETE FROM audit_log");
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ERROR);
    db_done(st);
    assert_non_null(strstr(db_errmsg(fx->db), "append-only"));
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log"), 1);
}

/* Records an entry with the given detail (built from JSON text) on a
 * database of the child's own. */
static void record_detail(void *arg)
{
    struct db *db = mt_open_db();
    json_t *detail = arg ? json_loads(arg, JSON_DECODE_ANY, NULL) : NULL;
    struct audit_entry e = {.at = AT_NOW,
                            .action = "person.profile",
                            .object_type = "person",
                            .object_id = "1",
                            .detail = detail};
    audit_record(db, &e, NULL);
    json_decref(detail);
    db_close(db);
}

static void test_secrets_in_the_detail_abort(void **state)
{
    const char *bad[] = {
        "{\"password\": \"x\"}",
        "{\"new_Password\": \"x\"}",
        "{\"session_token\": 1}",
        "{\"Email\": \"x\"}",
        "{\"e-mail\": \"x\"}",
        "{\"secret\": true}",
        "{\"to\": \"ann@example.nl\"}",
        "{\"a\": {\"b\": [\"c\", \"d@e\"]}}",
        "{\"a\": [{\"cookie\": 1}]}",
        "[\"not an object\"]",
        "\"string\"",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (!at_dies_with_abort(record_detail, (void *)bad[i]))
            fail_msg("no abort for detail %s", bad[i]);
    assert_false(at_dies_with_abort(record_detail, (void *)"{\"phase\": \"execution\"}"));
    assert_false(at_dies_with_abort(record_detail, NULL));
}

static void record_named(void *arg)
{
    struct db *db = mt_open_db();
    const char *const *names = arg;
    struct audit_entry e = {
        .at = AT_NOW, .action = names[0], .object_type = names[1], .object_id = names[2]};
    audit_record(db, &e, NULL);
    db_close(db);
}

static void test_malformed_names_abort(void **state)
{
    const char *bad[][3] = {
        {"Person.Signup", "person", "1"},
        {"", "person", "1"},
        {NULL, "person", "1"},
        {"person.signup", "per son", "1"},
        {"person.signup", "person", ""},
        {"person.signup", "person", NULL},
        {"person.signup", "person", "a\nb"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_true(at_dies_with_abort(record_named, (void *)bad[i]));
    const char *good[3] = {"person.signup", "person", "1"};
    assert_false(at_dies_with_abort(record_named, (void *)good));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_object_list_shows_its_public_entries_newest_first),
        AT_TEST(test_restricted_entries_stay_out_of_public_lists),
        AT_TEST(test_area_list_shows_only_that_area),
        AT_TEST(test_person_list_shows_restricted_entries_by_or_about_them),
        AT_TEST(test_object_list_refuses_malformed_names),
        AT_TEST(test_capacity_parts_name_the_place),
        AT_TEST(test_capacity_parts_without_a_known_place),
        AT_TEST(test_pages_follow_the_cursor),
        AT_TEST(test_limit_and_cursor_are_checked),
        AT_TEST(test_detail_is_stored_as_sorted_compact_json),
        AT_TEST(test_actor_is_stamped_on_a_private_entry),
        AT_TEST(test_update_is_refused_by_the_database),
        AT_TEST(test_delete_is_refused_by_the_database),
        cmocka_unit_test(test_secrets_in_the_detail_abort),
        cmocka_unit_test(test_malformed_names_abort),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
