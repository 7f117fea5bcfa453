/* Tests of the personal-data registry, "download my data" and erasure
 * (src/model/person_data.c) on SQLite and PostgreSQL (see
 * account_testing.h). The first two tests compare the registry with the
 * schema itself, so that the export is complete by construction: a table
 * that points to person(id) and is missing from the registry fails here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "account_testing.h"
#include "core/arena.h"
#include "db/db.h"
#include "model/invitation.h"
#include "model/mail.h"
#include "model/password_reset.h"
#include "model/person.h"
#include "model/role.h"
#include "model/session.h"
#include "model_testing.h"

static const struct session_policy pol = SESSION_POLICY_DEFAULT;

/* Every (table, column) with a foreign key to person, as "table.column". */
static const char sqlite_refs_sql[] =
    "SELECT m.name || '.' || f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f"
    " WHERE m.type = 'table' AND f.\"table\" = 'person' ORDER BY 1";
static const char pg_refs_sql[] =
    "SELECT c.conrelid::regclass::text || '.' || a.attname FROM pg_catalog.pg_constraint c"
    " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)"
    " WHERE c.contype = 'f' AND c.confrelid = 'person'::regclass ORDER BY 1";

static const char sqlite_columns_sql[] = "SELECT name FROM pragma_table_info(?) ORDER BY cid";
static const char pg_columns_sql[] =
    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
    " AND table_name = ? ORDER BY ordinal_position";

static bool registered(const char *table_dot_column)
{
    size_t n;
    const struct person_data_table *reg = person_data_registry(&n);
    for (size_t i = 0; i < n; i++) {
        char name[200];
        snprintf(name, sizeof name, "%s.%s", reg[i].table, reg[i].person_column);
        if (strcmp(name, table_dot_column) == 0)
            return true;
    }
    return false;
}

static void test_registry_covers_every_reference_to_person(void **state)
{
    struct at_fx *fx = at_fx(state);
    bool pg = db_kind(fx->db) == DB_POSTGRES;
    struct db_stmt *st = db_prepare(fx->db, pg ? pg_refs_sql : sqlite_refs_sql);
    assert_non_null(st);
    int refs = 0;
    while (db_step(st) == DB_ROW) {
        refs++;
        if (!registered(db_col_text(st, 0)))
            fail_msg("%s points to person(id) but is not in the personal-data registry "
                     "(src/model/person_data.c)",
                     db_col_text(st, 0));
    }
    db_done(st);
    assert_true(refs >= 6);
    assert_true(registered("person.id"));
}

/* Whether name is among the registry entry's exported or withheld columns;
 * counts the hit. */
static bool listed(const struct person_data_table *t, const char *name)
{
    for (size_t i = 0; t->columns[i].name; i++)
        if (strcmp(t->columns[i].name, name) == 0)
            return true;
    for (size_t i = 0; t->withheld[i]; i++)
        if (strcmp(t->withheld[i], name) == 0)
            return true;
    return false;
}

static void test_registry_accounts_for_every_column(void **state)
{
    struct at_fx *fx = at_fx(state);
    bool pg = db_kind(fx->db) == DB_POSTGRES;
    size_t n;
    const struct person_data_table *reg = person_data_registry(&n);
    for (size_t i = 0; i < n; i++) {
        size_t listed_n = 0, in_table = 0;
        while (reg[i].columns[listed_n].name)
            listed_n++;
        for (size_t j = 0; reg[i].withheld[j]; j++)
            listed_n++;
        struct db_stmt *st = db_prepare(fx->db, pg ? pg_columns_sql : sqlite_columns_sql);
        db_bind_text(st, 1, reg[i].table);
        while (db_step(st) == DB_ROW) {
            in_table++;
            if (!listed(&reg[i], db_col_text(st, 0)))
                fail_msg("column %s.%s is neither exported nor withheld", reg[i].table,
                         db_col_text(st, 0));
        }
        db_done(st);
        if (in_table != listed_n)
            fail_msg("%s: the registry lists %zu columns, the table has %zu", reg[i].table,
                     listed_n, in_table);
    }
}

/* Ann with something in every registry table; Bob with a little. */
struct world {
    int64_t ann, bob;
    const char *ann_session;
};

static struct world populate(struct at_fx *fx)
{
    struct world w;
    w.ann = at_person(fx, "ann@example.nl", "Ann Jansen");
    w.bob = at_person(fx, "bob@example.nl", "Bob Bakker");
    struct actor act = at_actor(0, AT_NOW);
    assert_int_equal(session_create(fx->db, fx->a, w.ann, "192.0.2.44", "AnnBrowser/1.0", &pol,
                                    &act, &w.ann_session, NULL, NULL),
                     ERR_OK);
    const char *bob_session;
    session_create(fx->db, fx->a, w.bob, "192.0.2.55", "BobBrowser/2.0", &pol, &act, &bob_session,
                   NULL, NULL);
    struct actor by_ann = at_actor(w.ann, AT_NOW), console = {0, "console", NULL, AT_NOW};
    by_ann.capacity = "platform_admin"; /* who may invite (policy account.invite) */
    role_grant_console(fx->db, w.ann, CAP_PLATFORM_ADMIN, NULL, &console, NULL, NULL);
    role_grant_console(fx->db, w.bob, CAP_PLATFORM_ADMIN, NULL, &console, NULL, NULL);
    const char *code;
    invitation_create(fx->db, fx->a, "for Carla Smit", 86400, &by_ann, &code, NULL, NULL);
    invitation_create(fx->db, fx->a, "an unused one", 86400, &by_ann, &code, NULL, NULL);
    struct actor by_bob = at_actor(w.bob, AT_NOW);
    by_bob.capacity = "platform_admin";
    const char *for_ann;
    invitation_create(fx->db, fx->a, "for Ann Jansen", 86400, &by_bob, &for_ann, NULL, NULL);
    assert_int_equal(invitation_use(fx->db, for_ann, w.ann, &by_ann, NULL), ERR_OK);
    assert_int_equal(
        password_reset_request(fx->db, fx->a, "ann@example.nl", NULL, "https://x/r?t=", &act, NULL),
        ERR_OK);
    return w;
}

/* The export of person_id, parsed; fails the test on any error. */
static json_t *export_of(struct at_fx *fx, int64_t person_id)
{
    const char *text;
    assert_int_equal(person_export_json(fx->db, fx->a, person_id, AT_NOW + 100, &text, NULL),
                     ERR_OK);
    json_error_t err;
    json_t *doc = json_loads(text, 0, &err);
    if (!doc)
        fail_msg("export is not JSON: %s", err.text);
    return doc;
}

/* The rows of table/column in an export. */
static json_t *rows_of(json_t *doc, const char *table, const char *column)
{
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(doc, "tables"), i,
                       t) if (strcmp(json_string_value(json_object_get(t, "table")), table) == 0 &&
                              strcmp(json_string_value(json_object_get(t, "column")), column) ==
                                  0) return json_object_get(t, "rows");
    fail_msg("no %s.%s in the export", table, column);
    return NULL;
}

static void test_export_holds_every_row_about_the_person(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w = populate(fx);
    json_t *doc = export_of(fx, w.ann);
    assert_string_equal(json_string_value(json_object_get(doc, "format")),
                        "wijkregie-personal-data/1");
    assert_int_equal(json_integer_value(json_object_get(doc, "person_id")), w.ann);
    size_t n;
    person_data_registry(&n);
    assert_int_equal(json_array_size(json_object_get(doc, "tables")), n);
    json_t *person = json_array_get(rows_of(doc, "person", "id"), 0);
    assert_string_equal(json_string_value(json_object_get(person, "email")), "ann@example.nl");
    assert_string_equal(json_string_value(json_object_get(person, "display_name")), "Ann Jansen");
    assert_true(json_is_null(json_object_get(person, "erased_at")));
    json_t *sessions = rows_of(doc, "session", "person_id");
    assert_int_equal(json_array_size(sessions), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(sessions, 0), "ip")),
                        "192.0.2.44");
    assert_int_equal(json_array_size(rows_of(doc, "invitation", "created_by")), 2);
    assert_int_equal(json_array_size(rows_of(doc, "invitation", "used_by")), 1);
    assert_int_equal(json_array_size(rows_of(doc, "password_reset", "person_id")), 1);
    assert_int_equal(json_array_size(rows_of(doc, "mail_outbox", "to_person_id")), 1);
    json_t *audit = rows_of(doc, "audit_log", "person_id");
    assert_true(json_array_size(audit) >= 4); /* sign-up, session, invitations */
    size_t i;
    json_t *row;
    json_array_foreach(audit, i, row)
        assert_int_equal(json_integer_value(json_object_get(row, "person_id")), w.ann);
    json_decref(doc);
}

static void test_export_leaves_out_hashes_and_other_people(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w = populate(fx);
    const char *text;
    assert_int_equal(person_export_json(fx->db, fx->a, w.ann, AT_NOW, &text, NULL), ERR_OK);
    const char *absent[] = {"$argon2",    "password_hash", "token_hash",
                            "code_hash",  w.ann_session,   "bob@example.nl",
                            "BobBrowser", "192.0.2.55",    "\"body\""};
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
        if (strstr(text, absent[i]))
            fail_msg("the export holds %s", absent[i]);
    assert_non_null(strstr(text, "AnnBrowser/1.0"));
}

static void test_export_of_unknown_person_is_not_found(void **state)
{
    struct at_fx *fx = at_fx(state);
    const char *text = "x";
    struct fault f = {0};
    assert_int_equal(person_export_json(fx->db, fx->a, 4242, AT_NOW, &text, &f), ERR_NOT_FOUND);
    assert_null(text);
}

static enum err erase(struct at_fx *fx, int64_t id, struct fault *f)
{
    struct actor act = at_actor(id, AT_NOW + 200);
    return person_erase(fx->db, id, &act, f);
}

static void test_erasure_anonymises_and_ends_sessions(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w = populate(fx);
    assert_int_equal(erase(fx, w.ann, NULL), ERR_OK);
    struct person p;
    assert_int_equal(person_get(fx->db, fx->a, w.ann, &p, NULL), ERR_OK);
    assert_null(p.email);
    assert_string_equal(p.display_name, PERSON_ERASED_NAME);
    assert_false(p.has_password);
    assert_int_equal(p.erased_at, AT_NOW + 200);
    struct session s;
    assert_int_equal(session_lookup(fx->db, fx->a, w.ann_session, &pol, AT_NOW + 201, &s, NULL),
                     ERR_UNAUTHORIZED);
    int64_t id, retry;
    assert_int_equal(person_authenticate(fx->db, fx->a, "ann@example.nl", at_password, NULL, NULL,
                                         AT_NOW + 202, &id, &retry, NULL),
                     ERR_UNAUTHORIZED);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log "
                                      "WHERE action = 'person.erase'"),
                     1);
}

static void test_export_after_erasure_finds_no_personal_data(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w = populate(fx);
    assert_int_equal(erase(fx, w.ann, NULL), ERR_OK);
    const char *text;
    assert_int_equal(person_export_json(fx->db, fx->a, w.ann, AT_NOW + 300, &text, NULL), ERR_OK);
    const char *absent[] = {"ann@example.nl", "Ann Jansen", "192.0.2.44",    "AnnBrowser",
                            "Carla",          "for Ann",    "an unused one", "@"};
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
        if (strstr(text, absent[i]))
            fail_msg("after erasure the export still holds %s", absent[i]);
    json_t *doc = export_of(fx, w.ann);
    assert_int_equal(json_array_size(rows_of(doc, "session", "person_id")), 0);
    assert_int_equal(json_array_size(rows_of(doc, "password_reset", "person_id")), 0);
    assert_int_equal(json_array_size(rows_of(doc, "mail_outbox", "to_person_id")), 0);
    json_decref(doc);
    /* Nor is any of it left elsewhere in the tables. */
    char *all = mt_dump(fx->db, "SELECT * FROM person");
    char *sessions = mt_dump(fx->db, "SELECT * FROM session");
    char *invitations = mt_dump(fx->db, "SELECT * FROM invitation");
    assert_null(strstr(all, "ann@example.nl"));
    assert_null(strstr(sessions, "AnnBrowser"));
    assert_null(strstr(invitations, "Carla"));
    assert_null(strstr(invitations, "for Ann"));
    free(all);
    free(sessions);
    free(invitations);
}

static void test_erasure_leaves_other_people_and_the_log(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w = populate(fx);
    int64_t log_before = at_count(fx->db, "SELECT COUNT(*) FROM audit_log");
    assert_int_equal(erase(fx, w.ann, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log"), log_before + 1);
    struct person bob;
    assert_int_equal(person_get(fx->db, fx->a, w.bob, &bob, NULL), ERR_OK);
    assert_string_equal(bob.email, "bob@example.nl");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM session WHERE ended_at IS NULL"), 1);
    int64_t id, retry;
    assert_int_equal(person_authenticate(fx->db, fx->a, "bob@example.nl", at_password, NULL, NULL,
                                         AT_NOW + 202, &id, &retry, NULL),
                     ERR_OK);
}

static void test_erased_persons_unused_invitations_stop_working(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct actor by_ann = at_actor(ann, AT_NOW), console = {0, "console", NULL, AT_NOW};
    by_ann.capacity = "platform_admin"; /* who may invite (policy account.invite) */
    role_grant_console(fx->db, ann, CAP_PLATFORM_ADMIN, NULL, &console, NULL, NULL);
    const char *code;
    invitation_create(fx->db, fx->a, NULL, 86400, &by_ann, &code, NULL, NULL);
    assert_int_equal(erase(fx, ann, NULL), ERR_OK);
    struct fault f = {0};
    assert_int_equal(invitation_check(fx->db, code, AT_NOW + 300, &f), ERR_CONFLICT);
}

static void test_erasing_twice_or_nobody_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct fault f = {0};
    assert_int_equal(erase(fx, 4242, &f), ERR_NOT_FOUND);
    assert_int_equal(erase(fx, ann, NULL), ERR_OK);
    assert_int_equal(erase(fx, ann, &f), ERR_CONFLICT);
    assert_string_equal(f.msgid, "This account has already been erased.");
}

static void test_erased_address_can_make_a_new_account(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    assert_int_equal(erase(fx, ann, NULL), ERR_OK);
    int64_t again = at_person(fx, "ann@example.nl", "Ann again");
    assert_int_not_equal(again, ann);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_registry_covers_every_reference_to_person),
        AT_TEST(test_registry_accounts_for_every_column),
        AT_TEST(test_export_holds_every_row_about_the_person),
        AT_TEST(test_export_leaves_out_hashes_and_other_people),
        AT_TEST(test_export_of_unknown_person_is_not_found),
        AT_TEST(test_erasure_anonymises_and_ends_sessions),
        AT_TEST(test_export_after_erasure_finds_no_personal_data),
        AT_TEST(test_erasure_leaves_other_people_and_the_log),
        AT_TEST(test_erased_persons_unused_invitations_stop_working),
        AT_TEST(test_erasing_twice_or_nobody_is_refused),
        AT_TEST(test_erased_address_can_make_a_new_account),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
