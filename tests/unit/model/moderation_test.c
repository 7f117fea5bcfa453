/* Tests of moderation (src/model/moderation.c) on SQLite and PostgreSQL
 * (see account_testing.h): reports, hiding with a required reason by a
 * moderator only, showing again, and content that is never changed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capacity_testing.h"
#include "db/db.h"
#include "model/moderation.h"
#include "model/person.h"
#include "model_testing.h"

/* A stand-in for a piece of content: an invitation's note is the only
 * free text the schema has so far, so the tests hide invitation 1 and
 * check that its row never changes. */
static int64_t content(struct at_fx *fx, int64_t author)
{
    struct fault f = {0};
    char sql[200];
    snprintf(sql, sizeof sql,
             "INSERT INTO invitation (code_hash, created_by, created_at, expires_at, note) "
             "VALUES ('h', %lld, 0, 1, 'Iets onaardigs')",
             (long long)author);
    if (db_exec_script(fx->db, sql, &f) != ERR_OK)
        fail_msg("content: %s", db_errmsg(fx->db));
    return at_count(fx->db, "SELECT MAX(id) FROM invitation");
}

struct cast {
    int64_t author, reader, mod;
};

static struct cast cast(struct at_fx *fx)
{
    ct_world(fx);
    struct cast c = {
        .author = at_person(fx, "author@example.nl", "Schrijver"),
        .reader = at_person(fx, "reader@example.nl", "Lezer"),
        .mod = at_person(fx, "mod@example.nl", "Moderator"),
    };
    ct_grant(fx, c.mod, CAP_MODERATOR, 0, NULL);
    content(fx, c.author);
    return c;
}

static enum err hide(struct at_fx *fx, int64_t by, const char *capacity, int64_t author,
                     const char *reason, struct fault *f)
{
    struct actor act = ct_act(by, capacity);
    return moderation_hide(fx->db, "invitation", "1", author, reason, &act, f);
}

static void test_moderator_hides_with_a_reason(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cast c = cast(fx);
    char *before = mt_dump(fx->db, "SELECT * FROM invitation");
    struct actor as_reader = ct_act(c.reader, NULL);
    int64_t report = 0;
    assert_int_equal(moderation_report(fx->db, "invitation", "1", c.author, "Kwetsend", &as_reader,
                                       &report, NULL),
                     ERR_OK);
    int open = 0;
    assert_int_equal(moderation_open_reports(fx->db, "invitation", "1", &open, NULL), ERR_OK);
    assert_int_equal(open, 1);
    assert_int_equal(hide(fx, c.mod, "moderator", c.author, "Beledigend voor buren", NULL), ERR_OK);
    bool hidden = false;
    const char *reason = NULL;
    assert_int_equal(moderation_is_hidden(fx->db, fx->a, "invitation", "1", &hidden, &reason, NULL),
                     ERR_OK);
    assert_true(hidden);
    assert_string_equal(reason, "Beledigend voor buren");
    assert_int_equal(moderation_open_reports(fx->db, "invitation", "1", &open, NULL), ERR_OK);
    assert_int_equal(open, 0);
    char *after = mt_dump(fx->db, "SELECT * FROM invitation");
    assert_string_equal(before, after); /* the content is never changed */
    free(before);
    free(after);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'moderation.hide' AND public = 1 AND object_type = "
                                      "'invitation' AND object_id = '1'"),
                     1);
    assert_int_equal(hide(fx, c.mod, "moderator", c.author, "Nog eens", NULL), ERR_CONFLICT);
}

static void test_a_reason_is_required(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cast c = cast(fx);
    struct fault f = {0};
    assert_int_equal(hide(fx, c.mod, "moderator", c.author, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, "reason");
    assert_int_equal(hide(fx, c.mod, "moderator", c.author, "   ", &f), ERR_INVALID);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM content_hidden"), 0);
}

static void test_only_a_moderator_hides(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cast c = cast(fx);
    int64_t boss = at_person(fx, "pa@example.nl", "Platform");
    ct_grant(fx, boss, CAP_PLATFORM_ADMIN, 0, NULL);
    struct fault f = {0};
    assert_int_equal(hide(fx, c.reader, NULL, c.author, "Weg ermee", &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "moderators"));
    assert_int_equal(hide(fx, boss, "platform_admin", c.author, "Weg ermee", NULL), ERR_FORBIDDEN);
    assert_int_equal(hide(fx, c.reader, "moderator", c.author, "Weg ermee", &f), ERR_FORBIDDEN);
    assert_string_equal(f.field, "capacity");
    /* Nor does a moderator hide their own content. */
    assert_int_equal(hide(fx, c.mod, "moderator", c.mod, "Van mij", NULL), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM content_hidden"), 0);
}

static void test_moderator_shows_content_again(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cast c = cast(fx);
    assert_int_equal(hide(fx, c.mod, "moderator", c.author, "Tijdelijk", NULL), ERR_OK);
    struct actor as_reader = ct_act(c.reader, NULL);
    struct actor as_mod = ct_act(c.mod, "moderator");
    assert_int_equal(moderation_unhide(fx->db, "invitation", "1", c.author, &as_reader, NULL),
                     ERR_FORBIDDEN);
    assert_int_equal(moderation_unhide(fx->db, "invitation", "1", c.author, &as_mod, NULL), ERR_OK);
    bool hidden = true;
    assert_int_equal(moderation_is_hidden(fx->db, fx->a, "invitation", "1", &hidden, NULL, NULL),
                     ERR_OK);
    assert_false(hidden);
    assert_int_equal(moderation_unhide(fx->db, "invitation", "1", c.author, &as_mod, NULL),
                     ERR_CONFLICT);
    /* The history stays, and it can be hidden again. */
    assert_int_equal(hide(fx, c.mod, "moderator", c.author, "Toch weer", NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM content_hidden"), 2);
}

static void test_reports_need_a_reason_and_not_ones_own(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cast c = cast(fx);
    struct actor as_author = ct_act(c.author, NULL);
    struct actor as_reader = ct_act(c.reader, NULL);
    struct actor visitor = ct_act(0, NULL);
    assert_int_equal(
        moderation_report(fx->db, "invitation", "1", c.author, "Eigen", &as_author, NULL, NULL),
        ERR_FORBIDDEN);
    assert_int_equal(
        moderation_report(fx->db, "invitation", "1", c.author, "", &as_reader, NULL, NULL),
        ERR_INVALID);
    assert_int_equal(
        moderation_report(fx->db, "Bad Type", "1", c.author, "x", &as_reader, NULL, NULL),
        ERR_INVALID);
    assert_int_equal(
        moderation_report(fx->db, "invitation", "1", c.author, "x", &visitor, NULL, NULL),
        ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM content_report"), 0);
}

static const char *id_text(int64_t id, char *buf, size_t n)
{
    snprintf(buf, n, "%lld", (long long)id);
    return buf;
}

static void test_person_name_is_the_display_name(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cast c = cast(fx);
    const char *name = NULL, *reason = "x";
    assert_int_equal(moderation_person_name(fx->db, fx->a, c.author, &name, &reason, NULL), ERR_OK);
    assert_string_equal(name, "Schrijver");
    assert_null(reason);
}

static void test_person_name_hidden_by_a_moderator_gives_the_reason(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cast c = cast(fx);
    char id[24];
    struct actor as_mod = ct_act(c.mod, "moderator");
    assert_int_equal(moderation_hide_content(fx->db, "person", id_text(c.author, id, sizeof id),
                                             "Scheldwoord", &as_mod, NULL),
                     ERR_OK);
    const char *name = "x", *reason = NULL;
    assert_int_equal(moderation_person_name(fx->db, fx->a, c.author, &name, &reason, NULL), ERR_OK);
    assert_null(name);
    assert_string_equal(reason, "Scheldwoord");
    /* Others' names are untouched, and the person row is never edited. */
    assert_int_equal(moderation_person_name(fx->db, fx->a, c.reader, &name, &reason, NULL), ERR_OK);
    assert_string_equal(name, "Lezer");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM person WHERE display_name = "
                                      "'Schrijver'"),
                     1);
    assert_int_equal(moderation_unhide_content(fx->db, "person", id, &as_mod, NULL), ERR_OK);
    assert_int_equal(moderation_person_name(fx->db, fx->a, c.author, &name, &reason, NULL), ERR_OK);
    assert_string_equal(name, "Schrijver");
    assert_null(reason);
}

static void test_person_name_after_erasure_is_former_participant(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cast c = cast(fx);
    struct actor self = ct_act(c.author, NULL);
    assert_int_equal(person_erase(fx->db, c.author, &self, NULL), ERR_OK);
    const char *name = NULL, *reason = "x";
    assert_int_equal(moderation_person_name(fx->db, fx->a, c.author, &name, &reason, NULL), ERR_OK);
    assert_string_equal(name, PERSON_ERASED_NAME);
    assert_null(reason);
}

static void test_person_name_of_unknown_person_is_not_found(void **state)
{
    struct at_fx *fx = at_fx(state);
    cast(fx);
    const char *name = "x", *reason = "x";
    assert_int_equal(moderation_person_name(fx->db, fx->a, 99999, &name, &reason, NULL),
                     ERR_NOT_FOUND);
    assert_null(name);
    assert_null(reason);
}

static void test_registry_finds_the_author_of_a_name(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cast c = cast(fx);
    char id[24];
    int64_t author = 0;
    const char *text = NULL;
    assert_int_equal(moderation_content(fx->db, fx->a, "person", id_text(c.reader, id, sizeof id),
                                        &author, &text, NULL),
                     ERR_OK);
    assert_int_equal(author, c.reader);
    assert_string_equal(text, "Lezer");
    size_t n = 0;
    const struct moderation_kind *k = moderation_kinds(&n);
    assert_true(n >= 1);
    assert_string_equal(k[0].type, "person");
}

static void test_unknown_kind_cannot_be_reported(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cast c = cast(fx);
    struct actor as_reader = ct_act(c.reader, NULL);
    struct fault f = {0};
    assert_int_equal(
        moderation_report_content(fx->db, "invitation", "1", "Gemeen", &as_reader, NULL, &f),
        ERR_INVALID);
    assert_string_equal(f.field, "object_type");
    assert_non_null(strstr(f.msgid, "cannot be reported"));
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM content_report"), 0);
}

static void test_missing_or_malformed_object_is_not_found(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cast c = cast(fx);
    struct actor as_reader = ct_act(c.reader, NULL);
    const char *bad[] = {"99999", "0", "-1", "01", "abc", "", "1234567890123456789"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(
            moderation_report_content(fx->db, "person", bad[i], "Gemeen", &as_reader, NULL, NULL),
            ERR_NOT_FOUND);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM content_report"), 0);
}

static void test_reporting_ones_own_name_is_forbidden(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cast c = cast(fx);
    char id[24];
    struct actor self = ct_act(c.author, NULL);
    assert_int_equal(moderation_report_content(fx->db, "person", id_text(c.author, id, sizeof id),
                                               "Eigen", &self, NULL, NULL),
                     ERR_FORBIDDEN);
    struct actor as_reader = ct_act(c.reader, NULL);
    assert_int_equal(
        moderation_report_content(fx->db, "person", id, "Grof", &as_reader, NULL, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM content_report"), 1);
}

static void test_moderator_cannot_hide_own_name(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cast c = cast(fx);
    char id[24];
    struct actor as_mod = ct_act(c.mod, "moderator");
    assert_int_equal(moderation_hide_content(fx->db, "person", id_text(c.mod, id, sizeof id),
                                             "Eigen naam", &as_mod, NULL),
                     ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM content_hidden"), 0);
}

static void report_as(struct at_fx *fx, int64_t who, int64_t target, const char *reason,
                      int64_t now)
{
    char id[24];
    struct actor act = ct_act(who, NULL);
    act.now = now;
    assert_int_equal(moderation_report_content(fx->db, "person", id_text(target, id, sizeof id),
                                               reason, &act, NULL, NULL),
                     ERR_OK);
}

static void test_reports_are_listed_per_object_with_newest_reasons(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cast c = cast(fx);
    int64_t other = at_person(fx, "other@example.nl", "Ander");
    report_as(fx, c.reader, c.author, "Eerste", 100);
    report_as(fx, other, c.author, "Tweede", 200);
    report_as(fx, c.reader, c.author, "Derde", 300);
    report_as(fx, c.author, c.reader, "Vierde", 400);
    report_as(fx, other, c.author, "Vijfde", 500);
    struct actor as_mod = ct_act(c.mod, "moderator");
    struct moderation_reported *items = NULL;
    size_t n = 0;
    assert_int_equal(moderation_list_reported(fx->db, fx->a, &as_mod, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 2);
    char id[24];
    assert_string_equal(items[0].object_type, "person");
    assert_string_equal(items[0].object_id, id_text(c.author, id, sizeof id));
    assert_int_equal(items[0].count, 4);
    assert_int_equal(items[0].newest_at, 500);
    assert_int_equal(items[0].n_reasons, MODERATION_NEWEST_REASONS);
    assert_string_equal(items[0].reasons[0], "Vijfde");
    assert_string_equal(items[0].reasons[2], "Tweede");
    assert_int_equal(items[1].count, 1);
    assert_string_equal(items[1].reasons[0], "Vierde");
    /* A hide resolves the reports on that object only. */
    assert_int_equal(moderation_hide_content(fx->db, "person", id, "Grof", &as_mod, NULL), ERR_OK);
    assert_int_equal(moderation_list_reported(fx->db, fx->a, &as_mod, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].reasons[0], "Vierde");
}

static void test_only_moderators_see_the_lists(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cast c = cast(fx);
    report_as(fx, c.reader, c.author, "Grof", 100);
    struct actor as_reader = ct_act(c.reader, NULL);
    struct actor claims = ct_act(c.reader, "moderator");
    struct moderation_reported *items = NULL;
    struct moderation_hide_row *hides = NULL;
    size_t n = 9;
    assert_int_equal(moderation_list_reported(fx->db, fx->a, &as_reader, &items, &n, NULL),
                     ERR_FORBIDDEN);
    assert_int_equal(n, 0);
    assert_int_equal(moderation_list_reported(fx->db, fx->a, &claims, &items, &n, NULL),
                     ERR_FORBIDDEN);
    assert_int_equal(moderation_list_hidden(fx->db, fx->a, &as_reader, &hides, &n, NULL),
                     ERR_FORBIDDEN);
}

static void test_standing_hides_are_listed_newest_first(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct cast c = cast(fx);
    char a_id[24], r_id[24];
    id_text(c.author, a_id, sizeof a_id);
    id_text(c.reader, r_id, sizeof r_id);
    struct actor as_mod = ct_act(c.mod, "moderator");
    as_mod.now = 10;
    assert_int_equal(moderation_hide_content(fx->db, "person", a_id, "Een", &as_mod, NULL), ERR_OK);
    as_mod.now = 20;
    assert_int_equal(moderation_hide_content(fx->db, "person", r_id, "Twee", &as_mod, NULL),
                     ERR_OK);
    as_mod.now = 30;
    assert_int_equal(moderation_unhide_content(fx->db, "person", r_id, &as_mod, NULL), ERR_OK);
    struct moderation_hide_row *hides = NULL;
    size_t n = 0;
    assert_int_equal(moderation_list_hidden(fx->db, fx->a, &as_mod, &hides, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(hides[0].object_id, a_id);
    assert_string_equal(hides[0].reason, "Een");
    assert_int_equal(hides[0].hidden_by, c.mod);
    assert_int_equal(hides[0].hidden_at, 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_moderator_hides_with_a_reason),
        AT_TEST(test_a_reason_is_required),
        AT_TEST(test_only_a_moderator_hides),
        AT_TEST(test_moderator_shows_content_again),
        AT_TEST(test_reports_need_a_reason_and_not_ones_own),
        AT_TEST(test_person_name_is_the_display_name),
        AT_TEST(test_person_name_hidden_by_a_moderator_gives_the_reason),
        AT_TEST(test_person_name_after_erasure_is_former_participant),
        AT_TEST(test_person_name_of_unknown_person_is_not_found),
        AT_TEST(test_registry_finds_the_author_of_a_name),
        AT_TEST(test_unknown_kind_cannot_be_reported),
        AT_TEST(test_missing_or_malformed_object_is_not_found),
        AT_TEST(test_reporting_ones_own_name_is_forbidden),
        AT_TEST(test_moderator_cannot_hide_own_name),
        AT_TEST(test_reports_are_listed_per_object_with_newest_reasons),
        AT_TEST(test_only_moderators_see_the_lists),
        AT_TEST(test_standing_hides_are_listed_newest_first),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
