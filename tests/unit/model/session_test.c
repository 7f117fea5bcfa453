/* Tests of sessions (src/model/session.c) on SQLite and, when a server is
 * configured, PostgreSQL (see account_testing.h). Time is an argument
 * everywhere, so expiry is tested without sleeping. */
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
#include "model/session.h"
#include "model/token.h"
#include "model_testing.h"

static const struct session_policy pol = SESSION_POLICY_DEFAULT;
static const unsigned char secret[32] = "0123456789abcdef0123456789abcde";

struct started {
    int64_t id;
    const char *token;
};

static struct started start(struct at_fx *fx, int64_t person, int64_t now)
{
    struct actor act = at_actor(0, now);
    struct started s = {0, NULL};
    struct fault f = {0};
    assert_int_equal(session_create(fx->db, fx->a, person, "192.0.2.7", "Firefox/126.0", &pol, &act,
                                    &s.token, &s.id, &f),
                     ERR_OK);
    return s;
}

static enum err lookup(struct at_fx *fx, const char *token, int64_t now, struct session *s,
                       struct fault *f)
{
    return session_lookup(fx->db, fx->a, token, &pol, now, s, f);
}

static void test_token_is_43_url_safe_characters(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct started s = start(fx, at_person(fx, "ann@example.nl", "Ann"), AT_NOW);
    assert_int_equal(strlen(s.token), 43);
    assert_true(token_well_formed(s.token));
    assert_true(s.id > 0);
}

static void test_every_sign_in_gets_a_new_token(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct started a = start(fx, ann, AT_NOW), b = start(fx, ann, AT_NOW);
    assert_string_not_equal(a.token, b.token);
    assert_int_not_equal(a.id, b.id);
}

static void test_only_the_token_hash_is_at_rest(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct started s = start(fx, at_person(fx, "ann@example.nl", "Ann"), AT_NOW);
    char *rows = mt_dump(fx->db, "SELECT * FROM session");
    char *audit = mt_dump(fx->db, "SELECT * FROM audit_log");
    assert_null(strstr(rows, s.token));
    assert_null(strstr(audit, s.token));
    char hash[TOKEN_HASH_HEX + 1];
    token_hash(s.token, hash);
    assert_non_null(strstr(rows, hash));
    free(rows);
    free(audit);
}

static void test_lookup_finds_the_session(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct started s = start(fx, ann, AT_NOW);
    struct session got;
    assert_int_equal(lookup(fx, s.token, AT_NOW + 5, &got, NULL), ERR_OK);
    assert_int_equal(got.id, s.id);
    assert_int_equal(got.person_id, ann);
    assert_int_equal(got.expires_at, AT_NOW + 12 * 3600);
    assert_string_equal(got.ip, "192.0.2.7");
    assert_string_equal(got.user_agent, "Firefox/126.0");
    assert_null(got.capacity);
}

static void test_unknown_or_malformed_token_must_sign_in(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct started s = start(fx, at_person(fx, "ann@example.nl", "Ann"), AT_NOW);
    char other[44];
    memcpy(other, s.token, 44);
    other[0] = other[0] == 'A' ? 'B' : 'A';
    const char *bad[] = {other, "", NULL, "short", "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct session got;
        struct fault f = {0};
        assert_int_equal(lookup(fx, bad[i], AT_NOW, &got, &f), ERR_UNAUTHORIZED);
        assert_string_equal(f.msgid, "Please sign in.");
        assert_int_equal(got.id, 0);
    }
}

static void test_idle_session_expires_after_30_minutes(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct started a = start(fx, ann, AT_NOW), b = start(fx, ann, AT_NOW);
    struct session got;
    struct fault f = {0};
    assert_int_equal(lookup(fx, a.token, AT_NOW + 30 * 60 - 1, &got, NULL), ERR_OK);
    assert_int_equal(lookup(fx, b.token, AT_NOW + 30 * 60, &got, &f), ERR_UNAUTHORIZED);
    assert_string_equal(f.msgid, "Your session has expired; please sign in again.");
    /* Ended for good: coming back is a plain sign-in request. */
    assert_int_equal(lookup(fx, b.token, AT_NOW + 30 * 60 + 1, &got, &f), ERR_UNAUTHORIZED);
    assert_string_equal(f.msgid, "Please sign in.");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM session WHERE ended_at IS NULL"), 1);
}

static void test_busy_session_ends_after_12_hours(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct started s = start(fx, at_person(fx, "ann@example.nl", "Ann"), AT_NOW);
    struct session got;
    struct fault f = {0};
    int64_t t = AT_NOW;
    for (; t < AT_NOW + 12 * 3600; t += 20 * 60)
        assert_int_equal(lookup(fx, s.token, t, &got, NULL), ERR_OK);
    assert_int_equal(lookup(fx, s.token, AT_NOW + 12 * 3600, &got, &f), ERR_UNAUTHORIZED);
    assert_string_equal(f.msgid, "Your session has expired; please sign in again.");
}

static void test_expiry_follows_the_policy_passed_in(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct started s = start(fx, at_person(fx, "ann@example.nl", "Ann"), AT_NOW);
    struct session_policy short_idle = {60, 12 * 3600, 10};
    struct session_policy short_life = {30 * 60, 300, 10};
    struct session got;
    assert_int_equal(session_lookup(fx->db, fx->a, s.token, &short_idle, AT_NOW + 59, &got, NULL),
                     ERR_OK);
    assert_int_equal(session_lookup(fx->db, fx->a, s.token, &short_life, AT_NOW + 300, &got, NULL),
                     ERR_UNAUTHORIZED);
}

static int64_t last_seen(struct at_fx *fx)
{
    return at_count(fx->db, "SELECT last_seen_at FROM session");
}

static void test_last_seen_is_written_at_most_once_a_minute(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct started s = start(fx, at_person(fx, "ann@example.nl", "Ann"), AT_NOW);
    struct session got;
    assert_int_equal(lookup(fx, s.token, AT_NOW + 59, &got, NULL), ERR_OK);
    assert_int_equal(last_seen(fx), AT_NOW);
    assert_int_equal(lookup(fx, s.token, AT_NOW + 60, &got, NULL), ERR_OK);
    assert_int_equal(last_seen(fx), AT_NOW + 60);
    assert_int_equal(got.last_seen_at, AT_NOW + 60);
    /* A touched session stays alive past 30 minutes from sign-in. */
    assert_int_equal(lookup(fx, s.token, AT_NOW + 60 + 29 * 60, &got, NULL), ERR_OK);
}

static void test_list_shows_live_sessions_most_recent_first(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    int64_t bob = at_person(fx, "bob@example.nl", "Bob");
    struct started old = start(fx, ann, AT_NOW), ended = start(fx, ann, AT_NOW);
    struct started recent = start(fx, ann, AT_NOW + 100);
    start(fx, bob, AT_NOW);
    struct session got;
    assert_int_equal(lookup(fx, old.token, AT_NOW + 200, &got, NULL), ERR_OK);
    struct actor act = at_actor(ann, AT_NOW + 300);
    assert_int_equal(session_end(fx->db, ann, ended.id, &act, NULL), ERR_OK);
    struct session *items;
    int n;
    assert_int_equal(session_list(fx->db, fx->a, ann, &pol, AT_NOW + 400, &items, &n, NULL),
                     ERR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(items[0].id, old.id); /* seen at +200 */
    assert_int_equal(items[1].id, recent.id);
    /* Two hours on, all of them have gone idle. */
    assert_int_equal(session_list(fx->db, fx->a, ann, &pol, AT_NOW + 7200, &items, &n, NULL),
                     ERR_OK);
    assert_int_equal(n, 0);
}

static void test_ending_own_session_signs_it_out(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct started s = start(fx, ann, AT_NOW);
    struct actor act = at_actor(ann, AT_NOW + 10);
    assert_int_equal(session_end(fx->db, ann, s.id, &act, NULL), ERR_OK);
    struct session got;
    assert_int_equal(lookup(fx, s.token, AT_NOW + 11, &got, NULL), ERR_UNAUTHORIZED);
    struct fault f = {0};
    assert_int_equal(session_end(fx->db, ann, s.id, &act, &f), ERR_NOT_FOUND);
}

static void test_another_persons_session_is_not_found(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    int64_t bob = at_person(fx, "bob@example.nl", "Bob");
    struct started bobs = start(fx, bob, AT_NOW);
    struct actor act = at_actor(ann, AT_NOW + 10);
    struct fault f = {0};
    assert_int_equal(session_end(fx->db, ann, bobs.id, &act, &f), ERR_NOT_FOUND);
    assert_string_equal(f.msgid, "There is no such session.");
    assert_int_equal(session_end(fx->db, ann, 999999, &act, &f), ERR_NOT_FOUND);
    assert_string_equal(f.msgid, "There is no such session.");
    assert_int_equal(session_set_capacity(fx->db, ann, bobs.id, "resident", &act, &f),
                     ERR_NOT_FOUND);
    struct session got;
    assert_int_equal(lookup(fx, bobs.token, AT_NOW + 20, &got, NULL), ERR_OK);
    assert_null(got.capacity);
}

static void test_ending_others_keeps_the_current_session(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    int64_t bob = at_person(fx, "bob@example.nl", "Bob");
    struct started keep = start(fx, ann, AT_NOW), x = start(fx, ann, AT_NOW);
    struct started y = start(fx, ann, AT_NOW), bobs = start(fx, bob, AT_NOW);
    struct actor act = at_actor(ann, AT_NOW + 10);
    int ended = -1;
    assert_int_equal(session_end_others(fx->db, ann, keep.id, &act, &ended, NULL), ERR_OK);
    assert_int_equal(ended, 2);
    struct session got;
    assert_int_equal(lookup(fx, keep.token, AT_NOW + 20, &got, NULL), ERR_OK);
    assert_int_equal(lookup(fx, x.token, AT_NOW + 20, &got, NULL), ERR_UNAUTHORIZED);
    assert_int_equal(lookup(fx, y.token, AT_NOW + 20, &got, NULL), ERR_UNAUTHORIZED);
    assert_int_equal(lookup(fx, bobs.token, AT_NOW + 20, &got, NULL), ERR_OK);
}

static void test_capacity_is_set_and_read_back(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct started s = start(fx, ann, AT_NOW);
    struct actor act = at_actor(ann, AT_NOW + 1);
    assert_int_equal(session_set_capacity(fx->db, ann, s.id, "resident:BU03630101", &act, NULL),
                     ERR_OK);
    struct session got;
    assert_int_equal(lookup(fx, s.token, AT_NOW + 2, &got, NULL), ERR_OK);
    assert_string_equal(got.capacity, "resident:BU03630101");
    assert_int_equal(session_set_capacity(fx->db, ann, s.id, NULL, &act, NULL), ERR_OK);
    assert_int_equal(lookup(fx, s.token, AT_NOW + 3, &got, NULL), ERR_OK);
    assert_null(got.capacity);
}

static void test_malformed_capacity_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct started s = start(fx, ann, AT_NOW);
    struct actor act = at_actor(ann, AT_NOW + 1);
    struct fault f = {0};
    assert_int_equal(session_set_capacity(fx->db, ann, s.id, "owner", &act, &f), ERR_INVALID);
    assert_string_equal(f.field, "capacity");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM session WHERE capacity IS NULL"), 1);
}

static void test_capacity_names(void **state)
{
    const char *good[] = {
        "resident",  "professional",   "organisation_admin",  "municipality_admin",
        "moderator", "platform_admin", "resident:BU03630101", "professional:17"};
    const char *bad[] = {NULL,        "",
                         "Resident",  "admin",
                         "resident:", "resident:a b",
                         "residents", "resident:<b>",
                         ":17",       "professional:17:18"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_true(session_capacity_valid(good[i]));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(session_capacity_valid(bad[i]));
}

static void test_capacity_name_drops_the_qualifier(void **state)
{
    struct arena *a = arena_new();
    assert_string_equal(session_capacity_name(a, "resident:BU03630101"), "resident");
    assert_string_equal(session_capacity_name(a, "moderator"), "moderator");
    assert_null(session_capacity_name(a, NULL));
    arena_free(a);
}

static void test_no_session_for_unknown_person(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct actor act = at_actor(0, AT_NOW);
    const char *token = "x";
    struct fault f = {0};
    assert_int_equal(session_create(fx->db, fx->a, 4242, NULL, NULL, &pol, &act, &token, NULL, &f),
                     ERR_NOT_FOUND);
    assert_null(token);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM session"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log"), 0);
}

static void test_user_agent_is_cut_and_cleaned(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    char ua[400];
    memset(ua, 'a', sizeof ua - 1);
    ua[sizeof ua - 1] = '\0';
    ua[3] = '\n';
    const char *token;
    struct actor act = at_actor(0, AT_NOW);
    assert_int_equal(session_create(fx->db, fx->a, ann, "not an address with spaces", ua, &pol,
                                    &act, &token, NULL, NULL),
                     ERR_OK);
    assert_int_equal(session_create(fx->db, fx->a, ann, NULL, "Caf\xc3\xa9\xff/1\x01", &pol, &act,
                                    &token, NULL, NULL),
                     ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM session WHERE ip IS NULL"), 2);
    char *first = mt_text(fx->db, "SELECT user_agent FROM session ORDER BY id LIMIT 1");
    char *second = mt_text(fx->db, "SELECT user_agent FROM session ORDER BY id DESC LIMIT 1");
    assert_int_equal(strlen(first), 200);
    assert_null(strchr(first, '\n'));
    assert_string_equal(second, "Caf/1"); /* not UTF-8: printable ASCII only */
    free(first);
    free(second);
}

static void test_start_and_end_are_audited_without_the_token(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct started s = start(fx, ann, AT_NOW);
    struct actor act = at_actor(ann, AT_NOW + 5);
    assert_int_equal(session_end(fx->db, ann, s.id, &act, NULL), ERR_OK);
    char *log = mt_dump(fx->db, "SELECT person_id, action, object_type, public FROM audit_log "
                                "WHERE object_type = 'session' ORDER BY id");
    char want[200];
    snprintf(want, sizeof want, "%lld|session.start|session|0\n%lld|session.end|session|0\n",
             (long long)ann, (long long)ann);
    assert_string_equal(log, want);
    free(log);
}

static void test_csrf_token_belongs_to_its_session(void **state)
{
    struct arena *a = arena_new();
    const char *t1 = token_new(a), *t2 = token_new(a);
    const char *c1 = session_csrf_token(a, t1, secret, sizeof secret);
    assert_int_equal(strlen(c1), 64);
    assert_true(session_csrf_check(t1, secret, sizeof secret, c1));
    assert_false(session_csrf_check(t2, secret, sizeof secret, c1));
    assert_string_not_equal(c1, session_csrf_token(a, t2, secret, sizeof secret));
    assert_string_equal(c1, session_csrf_token(a, t1, secret, sizeof secret));
    assert_null(strstr(c1, t1));
    arena_free(a);
}

static void test_csrf_check_refuses_wrong_secret_and_bad_input(void **state)
{
    struct arena *a = arena_new();
    const unsigned char other[32] = "another secret of 32 bytes.....";
    const char *t = token_new(a);
    char *c = arena_strdup(a, session_csrf_token(a, t, secret, sizeof secret));
    assert_false(session_csrf_check(t, other, sizeof other, c));
    assert_false(session_csrf_check(t, secret, sizeof secret, NULL));
    assert_false(session_csrf_check(t, secret, sizeof secret, ""));
    assert_false(session_csrf_check(NULL, secret, sizeof secret, c));
    c[63] = c[63] == '0' ? '1' : '0';
    assert_false(session_csrf_check(t, secret, sizeof secret, c));
    char *longer = arena_printf(a, "%s0", session_csrf_token(a, t, secret, sizeof secret));
    assert_false(session_csrf_check(t, secret, sizeof secret, longer));
    arena_free(a);
}

static void csrf_with_short_secret(void *arg)
{
    struct arena *a = arena_new();
    session_csrf_token(a, "token", (const unsigned char *)"short", 5);
    arena_free(a);
}

static void test_csrf_secret_shorter_than_16_bytes_aborts(void **state)
{
    assert_true(at_dies_with_abort(csrf_with_short_secret, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_token_is_43_url_safe_characters),
        AT_TEST(test_every_sign_in_gets_a_new_token),
        AT_TEST(test_only_the_token_hash_is_at_rest),
        AT_TEST(test_lookup_finds_the_session),
        AT_TEST(test_unknown_or_malformed_token_must_sign_in),
        AT_TEST(test_idle_session_expires_after_30_minutes),
        AT_TEST(test_busy_session_ends_after_12_hours),
        AT_TEST(test_expiry_follows_the_policy_passed_in),
        AT_TEST(test_last_seen_is_written_at_most_once_a_minute),
        AT_TEST(test_list_shows_live_sessions_most_recent_first),
        AT_TEST(test_ending_own_session_signs_it_out),
        AT_TEST(test_another_persons_session_is_not_found),
        AT_TEST(test_ending_others_keeps_the_current_session),
        AT_TEST(test_capacity_is_set_and_read_back),
        AT_TEST(test_malformed_capacity_is_refused),
        AT_TEST(test_no_session_for_unknown_person),
        AT_TEST(test_user_agent_is_cut_and_cleaned),
        AT_TEST(test_start_and_end_are_audited_without_the_token),
        cmocka_unit_test(test_capacity_names),
        cmocka_unit_test(test_capacity_name_drops_the_qualifier),
        cmocka_unit_test(test_csrf_token_belongs_to_its_session),
        cmocka_unit_test(test_csrf_check_refuses_wrong_secret_and_bad_input),
        cmocka_unit_test(test_csrf_secret_shorter_than_16_bytes_aborts),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
