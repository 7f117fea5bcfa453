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

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_moderator_hides_with_a_reason),
        AT_TEST(test_a_reason_is_required),
        AT_TEST(test_only_a_moderator_hides),
        AT_TEST(test_moderator_shows_content_again),
        AT_TEST(test_reports_need_a_reason_and_not_ones_own),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
