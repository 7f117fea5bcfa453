/* Tests of capacities (src/model/capacity.c) on SQLite and PostgreSQL (see
 * account_testing.h): the list follows verifications, confirmations and
 * revocations; claims are believed only when held; conflicts of interest;
 * and the personal-data export and erasure of the new tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "capacity_testing.h"
#include "core/arena.h"
#include "core/buf.h"
#include "model/capacity.h"
#include "model/moderation.h"
#include "model/person.h"
#include "model/post.h"
#include "model/residency.h"
#include "model/role.h"
#include "model_testing.h"

/* The capacities of person as "name:qualifier" lines, from the arena. */
static const char *held(struct at_fx *fx, int64_t person)
{
    struct capacity_held *items;
    int n;
    assert_int_equal(capacity_list(fx->db, fx->a, person, &items, &n, NULL), ERR_OK);
    struct buf b = BUF_INIT;
    for (int i = 0; i < n; i++)
        buf_printf(&b, "%s:%s\n", items[i].name, items[i].qualifier ? items[i].qualifier : "-");
    const char *out = arena_strdup(fx->a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

/* A post of person at org, confirmed by a new admin of org. */
static int64_t confirmed_post(struct at_fx *fx, int64_t person, int64_t org)
{
    int64_t admin = at_person(fx, "admin@example.nl", "Admin");
    ct_grant(fx, admin, CAP_ORG_ADMIN, org, NULL);
    struct actor as_person = ct_act(person, NULL);
    struct actor as_admin = ct_act(admin, "organisation_admin");
    int64_t post;
    assert_int_equal(post_request(fx->db, org, "welzijnswerker", &as_person, &post, NULL), ERR_OK);
    assert_int_equal(post_confirm(fx->db, post, &as_admin, NULL), ERR_OK);
    return post;
}

static void test_list_follows_verifications_and_revocations(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    assert_string_equal(held(fx, ann), "");
    struct actor as_ann = ct_act(ann, NULL);
    assert_int_equal(residency_request(fx->db, CT_BU1, &as_ann, NULL, NULL), ERR_OK);
    assert_string_equal(held(fx, ann), ""); /* a request is no residency */
    ct_resident(fx, ann, CT_BU1);
    int64_t grant = ct_grant(fx, ann, CAP_MODERATOR, 0, NULL);
    ct_grant(fx, ann, CAP_MUNI_ADMIN, 0, CT_GM2);
    confirmed_post(fx, ann, CT_ORG2);
    assert_string_equal(held(fx, ann), "moderator:-\nmunicipality_admin:GM0002\n"
                                       "professional:2\nresident:BU00010101\n");
    int64_t boss = at_person(fx, "pa@example.nl", "Platform");
    ct_grant(fx, boss, CAP_PLATFORM_ADMIN, 0, NULL);
    struct actor as_boss = ct_act(boss, "platform_admin");
    assert_int_equal(role_revoke(fx->db, grant, &as_boss, NULL), ERR_OK);
    assert_string_equal(held(fx, ann),
                        "municipality_admin:GM0002\nprofessional:2\nresident:BU00010101\n");
}

static void test_may_act_only_in_a_capacity_held(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    ct_resident(fx, ann, CT_BU1);
    bool may = false;
    assert_int_equal(capacity_may_act(fx->db, ann, "resident", &may, NULL), ERR_OK);
    assert_true(may);
    assert_int_equal(capacity_may_act(fx->db, ann, "resident:" CT_BU1, &may, NULL), ERR_OK);
    assert_true(may);
    assert_int_equal(capacity_may_act(fx->db, ann, "resident:" CT_BU2, &may, NULL), ERR_OK);
    assert_false(may);
    assert_int_equal(capacity_may_act(fx->db, ann, "professional", &may, NULL), ERR_OK);
    assert_false(may);
    assert_int_equal(capacity_may_act(fx->db, ann, "console", &may, NULL), ERR_OK);
    assert_false(may);
    enum capacity cap;
    struct actor act = ct_act(ann, "resident:" CT_BU1);
    assert_int_equal(capacity_of_actor(fx->db, &act, &cap, NULL), ERR_OK);
    assert_int_equal(cap, CAP_RESIDENT);
    act.capacity = NULL;
    assert_int_equal(capacity_of_actor(fx->db, &act, &cap, NULL), ERR_OK);
    assert_int_equal(cap, CAP_PERSON);
    act.capacity = "platform_admin";
    assert_int_equal(capacity_of_actor(fx->db, &act, &cap, NULL), ERR_FORBIDDEN);
    act.capacity = CAPACITY_CONSOLE; /* no request can pass for the console */
    assert_int_equal(capacity_of_actor(fx->db, &act, &cap, NULL), ERR_FORBIDDEN);
}

static void test_conflict_of_interest_follows_a_confirmed_post(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    ct_resident(fx, ann, CT_BU1);
    bool conflict = true;
    assert_int_equal(capacity_conflict(fx->db, ann, CT_ORG1, &conflict, NULL), ERR_OK);
    assert_false(conflict);
    confirmed_post(fx, ann, CT_ORG1);
    assert_int_equal(capacity_conflict(fx->db, ann, CT_ORG1, &conflict, NULL), ERR_OK);
    assert_true(conflict);
    assert_int_equal(capacity_conflict(fx->db, ann, CT_ORG2, &conflict, NULL), ERR_OK);
    assert_false(conflict);
}

static void test_declaring_an_interest(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct actor act = ct_act(ann, NULL);
    /* Signed in without a verified capacity there is nothing to declare. */
    assert_int_equal(capacity_declare_interest(fx->db, CT_ORG1, NULL, &act, NULL, NULL),
                     ERR_FORBIDDEN);
    ct_resident(fx, ann, CT_BU1);
    act.capacity = "resident";
    struct fault f = {0};
    assert_int_equal(capacity_declare_interest(fx->db, 77, NULL, &act, NULL, &f), ERR_NOT_FOUND);
    char *long_note = calloc(1, 600);
    memset(long_note, 'x', 501);
    assert_int_equal(capacity_declare_interest(fx->db, CT_ORG1, long_note, &act, NULL, &f),
                     ERR_INVALID);
    free(long_note);
    bool declared = true;
    assert_int_equal(capacity_declared(fx->db, ann, CT_ORG1, &declared, NULL), ERR_OK);
    assert_false(declared);
    assert_int_equal(capacity_declare_interest(fx->db, CT_ORG1, "Ik werk bij de woningcorporatie",
                                               &act, NULL, NULL),
                     ERR_OK);
    assert_int_equal(capacity_declared(fx->db, ann, CT_ORG1, &declared, NULL), ERR_OK);
    assert_true(declared);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log "
                                      "WHERE action = 'interest.declare'"),
                     1);
}

static void test_people_are_listed_by_capacity(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    int64_t bob = at_person(fx, "bob@example.nl", "Bob");
    ct_resident(fx, ann, CT_BU1);
    ct_grant(fx, bob, CAP_PLATFORM_ADMIN, 0, NULL);
    struct capacity_person *items;
    int n;
    assert_int_equal(capacity_people(fx->db, fx->a, NULL, 100, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(capacity_people(fx->db, fx->a, "platform_admin", 100, &items, &n, NULL),
                     ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].email, "bob@example.nl");
    assert_int_equal(capacity_people(fx->db, fx->a, "resident", 100, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].id, ann);
    assert_int_equal(capacity_people(fx->db, fx->a, "moderator", 100, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 0);
    assert_int_equal(capacity_people(fx->db, fx->a, "king", 100, &items, &n, NULL), ERR_INVALID);
}

/* Ann with a row in each new table; returns her id. */
static int64_t busy_ann(struct at_fx *fx, int64_t *bob)
{
    int64_t ann = at_person(fx, "ann@example.nl", "Ann Jansen");
    *bob = at_person(fx, "bob@example.nl", "Bob");
    struct actor console = ct_console();
    const char *addresses[] = {"Havenstraat 12"};
    struct residency_letter_code *codes;
    assert_int_equal(
        residency_letters_create(fx->db, fx->a, CT_BU1, addresses, 1, &console, &codes, NULL),
        ERR_OK);
    struct actor as_ann = ct_act(ann, NULL);
    assert_int_equal(residency_request(fx->db, CT_BU1, &as_ann, NULL, NULL), ERR_OK);
    assert_int_equal(residency_redeem(fx->db, codes[0].code, &as_ann, NULL, NULL), ERR_OK);
    confirmed_post(fx, ann, CT_ORG1);
    ct_grant(fx, ann, CAP_MODERATOR, 0, NULL);
    as_ann.capacity = "resident";
    assert_int_equal(
        capacity_declare_interest(fx->db, CT_ORG1, "Mijn werkgever", &as_ann, NULL, NULL), ERR_OK);
    assert_int_equal(
        moderation_report(fx->db, "comment", "7", *bob, "Scheldwoorden", &as_ann, NULL, NULL),
        ERR_OK);
    return ann;
}

static size_t rows_in(json_t *doc, const char *table, const char *column)
{
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(doc, "tables"), i, t)
    {
        if (strcmp(json_string_value(json_object_get(t, "table")), table) == 0 &&
            strcmp(json_string_value(json_object_get(t, "column")), column) == 0)
            return json_array_size(json_object_get(t, "rows"));
    }
    fail_msg("no %s.%s in the export", table, column);
    return 0;
}

static json_t *export_of(struct at_fx *fx, int64_t person)
{
    const char *text;
    assert_int_equal(person_export_json(fx->db, fx->a, person, AT_NOW, &text, NULL), ERR_OK);
    json_t *doc = json_loads(text, 0, NULL);
    assert_non_null(doc);
    return doc;
}

static void test_export_holds_the_capacity_rows(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t bob;
    int64_t ann = busy_ann(fx, &bob);
    json_t *doc = export_of(fx, ann);
    assert_int_equal(rows_in(doc, "residency", "person_id"), 1);
    assert_int_equal(rows_in(doc, "residency_letter", "used_by"), 1);
    assert_int_equal(rows_in(doc, "post", "person_id"), 1);
    assert_int_equal(rows_in(doc, "role_grant", "person_id"), 1);
    assert_int_equal(rows_in(doc, "interest_declaration", "person_id"), 1);
    assert_int_equal(rows_in(doc, "content_report", "reporter_id"), 1);
    char *text = json_dumps(doc, 0);
    assert_non_null(strstr(text, "Havenstraat 12"));
    assert_null(strstr(text, "code_hash"));
    free(text);
    json_decref(doc);
}

static void test_erasure_ends_capacities_and_clears_texts(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t bob;
    int64_t ann = busy_ann(fx, &bob);
    struct actor act = at_actor(ann, AT_NOW + 500);
    assert_int_equal(person_erase(fx->db, ann, &act, NULL), ERR_OK);
    assert_string_equal(held(fx, ann), "");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM residency WHERE status = 'ended' "
                                      "AND end_at = 1772366900"),
                     1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM post WHERE status = 'ended'"), 1);
    char *dump = mt_dump(fx->db, "SELECT * FROM residency_letter");
    char *notes = mt_dump(fx->db, "SELECT * FROM interest_declaration");
    char *reports = mt_dump(fx->db, "SELECT * FROM content_report");
    assert_null(strstr(dump, "Havenstraat"));
    assert_null(strstr(notes, "werkgever"));
    assert_null(strstr(reports, "Scheld"));
    free(dump);
    free(notes);
    free(reports);
    /* The rows stay, as history. */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM content_report"), 1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM role_grant WHERE revoked_at IS NULL "
                                      "AND role = 'moderator'"),
                     0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_list_follows_verifications_and_revocations),
        AT_TEST(test_may_act_only_in_a_capacity_held),
        AT_TEST(test_conflict_of_interest_follows_a_confirmed_post),
        AT_TEST(test_declaring_an_interest),
        AT_TEST(test_people_are_listed_by_capacity),
        AT_TEST(test_export_holds_the_capacity_rows),
        AT_TEST(test_erasure_ends_capacities_and_clears_texts),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
