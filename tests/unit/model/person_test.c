/* Tests of accounts (src/model/person.c): sign-up, sign-in with its rate
 * limits, password change and profile, on SQLite and PostgreSQL (see
 * account_testing.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "account_testing.h"
#include "core/arena.h"
#include "db/db.h"
#include "model/invitation.h"
#include "model/password.h"
#include "model/person.h"
#include "model/role.h"
#include "model/session.h"
#include "model_testing.h"

static const struct session_policy pol = SESSION_POLICY_DEFAULT;
static const struct signin_limits lim = SIGNIN_LIMITS_DEFAULT;

static enum err signup(struct at_fx *fx, const char *email, const char *name, const char *pw,
                       int64_t *id, struct fault *f)
{
    struct person_signup in = {.email = email, .display_name = name, .password = pw};
    struct actor act = at_actor(0, AT_NOW);
    return person_signup(fx->db, fx->a, &in, &act, id, f);
}

static enum err signin(struct at_fx *fx, const char *email, const char *pw, int64_t now,
                       int64_t *id, struct fault *f)
{
    int64_t retry;
    return person_authenticate(fx->db, fx->a, email, pw, "192.0.2.9", &lim, now, id, &retry, f);
}

static void test_signup_stores_a_normalised_address_and_a_hash(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t id = 0;
    assert_int_equal(
        signup(fx, "  Ann.de.Vries@Example.NL ", "  Ann de Vries ", at_password, &id, NULL),
        ERR_OK);
    struct person p;
    assert_int_equal(person_get(fx->db, fx->a, id, &p, NULL), ERR_OK);
    assert_string_equal(p.email, "ann.de.vries@example.nl");
    assert_string_equal(p.display_name, "Ann de Vries");
    assert_string_equal(p.lang, "nl");
    assert_int_equal(p.created_at, AT_NOW);
    assert_int_equal(p.erased_at, 0);
    assert_true(p.has_password);
    char *rows = mt_dump(fx->db, "SELECT * FROM person");
    assert_null(strstr(rows, at_password));
    assert_non_null(strstr(rows, "$argon2id$"));
    free(rows);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log "
                                      "WHERE action = 'person.signup' AND public = 0"),
                     1);
}

static void test_duplicate_address_is_a_conflict_in_any_case(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t id;
    struct fault f = {0};
    at_person(fx, "ann@example.nl", "Ann");
    assert_int_equal(signup(fx, "ANN@example.nl", "Other Ann", at_password, &id, &f), ERR_CONFLICT);
    assert_string_equal(f.field, "email");
    assert_null(strstr(f.msgid, "ann@"));
    assert_int_equal(id, 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM person"), 1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log"), 1);
}

/* 70 letters, to cut addresses of a given length from. */
#define ALPHA "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr"

static void test_malformed_addresses_are_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    char longest[300], over[300], local_65[100];
    /* 64 + 1 + 189 = 254 bytes: the longest address; one more is too long. */
    snprintf(longest, sizeof longest, "%.64s@%.62s.%.61s.%.61s.nl", ALPHA, ALPHA, ALPHA, ALPHA);
    snprintf(over, sizeof over, "%.64s@%.62s.%.62s.%.61s.nl", ALPHA, ALPHA, ALPHA, ALPHA);
    snprintf(local_65, sizeof local_65, "%.65s@example.nl", ALPHA);
    assert_int_equal(strlen(longest), 254);
    assert_int_equal(strlen(over), 255);
    const char *bad[] = {
        "",           "ann",          "ann@",         "@example.nl", "ann@nl",    "ann@@x.nl",
        "ann@x@y.nl", "ann bob@x.nl", "ann@x..nl",    "ann@.x.nl",   "ann@x.nl.", "ann\t@x.nl",
        local_65,     over,           "ann@x.nl\x01", "ann@\xff.nl", NULL};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct fault f = {0};
        int64_t id;
        if (signup(fx, bad[i], "Ann", at_password, &id, &f) != ERR_INVALID)
            fail_msg("accepted %s", bad[i] ? bad[i] : "(null)");
        assert_string_equal(f.field, "email");
        assert_string_equal(f.msgid, "Enter an e-mail address such as name@example.nl.");
    }
    const char *ok;
    assert_int_equal(person_email_normalise(fx->a, longest, &ok, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM person"), 0);
}

static void test_bad_name_language_or_password_changes_nothing(void **state)
{
    struct at_fx *fx = at_fx(state);
    char long_name[100];
    memset(long_name, 'n', 81);
    long_name[81] = '\0';
    struct {
        struct person_signup in;
        const char *field;
    } cases[] = {
        {{"a@x.nl", "", at_password, NULL, NULL, false}, "display_name"},
        {{"a@x.nl", "   ", at_password, NULL, NULL, false}, "display_name"},
        {{"a@x.nl", long_name, at_password, NULL, NULL, false}, "display_name"},
        {{"a@x.nl", "Ann\nBob", at_password, NULL, NULL, false}, "display_name"},
        {{"a@x.nl", "Ann", at_password, "de", NULL, false}, "lang"},
        {{"a@x.nl", "Ann", "short", NULL, NULL, false}, "password"},
        {{"a@x.nl", "Ann", "1qaz2wsx3edc", NULL, NULL, false}, "password"},
        {{"a@x.nl", "Ann", at_password, NULL, NULL, true}, "invitation"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct actor act = at_actor(0, AT_NOW);
        struct fault f = {0};
        int64_t id;
        assert_int_equal(person_signup(fx->db, fx->a, &cases[i].in, &act, &id, &f), ERR_INVALID);
        assert_string_equal(f.field, cases[i].field);
    }
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM person"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log"), 0);
}

static void test_eighty_character_name_in_english_is_accepted(void **state)
{
    struct at_fx *fx = at_fx(state);
    char name[200] = "";
    for (int i = 0; i < 80; i++)
        strcat(name, "\xc3\xab"); /* ë: 80 characters, 160 bytes */
    struct person_signup in = {
        .email = "e@x.nl", .display_name = name, .password = at_password, .lang = "en"};
    struct actor act = at_actor(0, AT_NOW);
    int64_t id;
    assert_int_equal(person_signup(fx->db, fx->a, &in, &act, &id, NULL), ERR_OK);
    struct person p;
    assert_int_equal(person_get(fx->db, fx->a, id, &p, NULL), ERR_OK);
    assert_string_equal(p.lang, "en");
    assert_string_equal(p.display_name, name);
}

static void test_right_password_signs_in_whatever_the_case_of_the_address(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    int64_t id = 0;
    assert_int_equal(signin(fx, " Ann@Example.nl", at_password, AT_NOW, &id, NULL), ERR_OK);
    assert_int_equal(id, ann);
}

static void test_wrong_password_and_unknown_address_fail_alike(void **state)
{
    struct at_fx *fx = at_fx(state);
    at_person(fx, "ann@example.nl", "Ann");
    struct fault wrong = {0}, unknown = {0}, malformed = {0};
    int64_t id = 99;
    assert_int_equal(signin(fx, "ann@example.nl", "not the password", AT_NOW, &id, &wrong),
                     ERR_UNAUTHORIZED);
    assert_int_equal(id, 0);
    assert_int_equal(signin(fx, "bob@example.nl", at_password, AT_NOW, &id, &unknown),
                     ERR_UNAUTHORIZED);
    assert_int_equal(signin(fx, "not an address", at_password, AT_NOW, &id, &malformed),
                     ERR_UNAUTHORIZED);
    assert_string_equal(wrong.msgid, "The e-mail address or the password is not right.");
    assert_string_equal(unknown.msgid, wrong.msgid);
    assert_string_equal(malformed.msgid, wrong.msgid);
    assert_null(wrong.field);
    assert_null(unknown.field);
}

static void test_too_many_attempts_on_an_account_wait_for_the_window(void **state)
{
    struct at_fx *fx = at_fx(state);
    at_person(fx, "ann@example.nl", "Ann");
    int64_t id, retry = 0;
    struct fault f = {0};
    for (int i = 0; i < lim.per_account; i++)
        assert_int_equal(signin(fx, "ann@example.nl", "guess number one", AT_NOW, &id, NULL),
                         ERR_UNAUTHORIZED);
    /* Even the right password waits now, from any address. */
    assert_int_equal(person_authenticate(fx->db, fx->a, "ann@example.nl", at_password,
                                         "198.51.100.1", &lim, AT_NOW + 1, &id, &retry, &f),
                     ERR_RATE_LIMITED);
    assert_true(retry > 0 && retry <= lim.window_seconds);
    assert_int_equal(id, 0);
    /* After the window the owner signs in. */
    assert_int_equal(signin(fx, "ann@example.nl", at_password, AT_NOW + 1 + retry, &id, NULL),
                     ERR_OK);
    assert_true(id > 0);
}

static void test_too_many_attempts_from_one_address_are_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct signin_limits tight = {60, 100, 3};
    int64_t id, retry;
    for (int i = 0; i < 3; i++)
        assert_int_equal(person_authenticate(fx->db, fx->a, "x@example.nl", "whatever it is",
                                             "203.0.113.5", &tight, AT_NOW, &id, &retry, NULL),
                         ERR_UNAUTHORIZED);
    assert_int_equal(person_authenticate(fx->db, fx->a, "y@example.nl", "whatever it is",
                                         "203.0.113.5", &tight, AT_NOW, &id, &retry, NULL),
                     ERR_RATE_LIMITED);
    assert_int_equal(person_authenticate(fx->db, fx->a, "y@example.nl", "whatever it is",
                                         "203.0.113.6", &tight, AT_NOW, &id, &retry, NULL),
                     ERR_UNAUTHORIZED);
}

static void test_rate_limit_keys_hold_no_address(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    int64_t id;
    signin(fx, "ann@example.nl", "wrong password!", AT_NOW, &id, NULL);
    signin(fx, "nobody@example.nl", "wrong password!", AT_NOW, &id, NULL);
    char *keys = mt_dump(fx->db, "SELECT key FROM rate_limit ORDER BY key");
    assert_null(strchr(keys, '@'));
    assert_null(strstr(keys, "nobody"));
    char want[64];
    snprintf(want, sizeof want, "signin:acct:%lld\n", (long long)ann);
    assert_non_null(strstr(keys, want));
    assert_non_null(strstr(keys, "signin:ip:192.0.2.9\n"));
    assert_non_null(strstr(keys, "signin:mail:"));
    free(keys);
}

static void test_older_hash_is_upgraded_at_sign_in(void **state)
{
    struct at_fx *fx = at_fx(state);
    at_person(fx, "ann@example.nl", "Ann");
    /* An Argon2i hash of the right password: verifiable, but not the
     * algorithm and cost in use. */
    char old[crypto_pwhash_STRBYTES];
    assert_int_equal(crypto_pwhash_argon2i_str(old, at_password, strlen(at_password),
                                               crypto_pwhash_argon2i_OPSLIMIT_MIN,
                                               crypto_pwhash_argon2i_MEMLIMIT_MIN),
                     0);
    struct db_stmt *st = db_prepare(fx->db, "UPDATE person SET password_hash = ?");
    db_bind_text(st, 1, old);
    assert_int_equal(db_step(st), DB_DONE);
    db_done(st);
    assert_true(password_needs_rehash(old));
    int64_t id;
    assert_int_equal(signin(fx, "ann@example.nl", at_password, AT_NOW, &id, NULL), ERR_OK);
    char *now = mt_text(fx->db, "SELECT password_hash FROM person");
    assert_string_not_equal(now, old);
    assert_memory_equal(now, "$argon2id$", 10);
    assert_false(password_needs_rehash(now));
    free(now);
    assert_int_equal(signin(fx, "ann@example.nl", at_password, AT_NOW, &id, NULL), ERR_OK);
}

static void test_account_without_password_cannot_sign_in(void **state)
{
    struct at_fx *fx = at_fx(state);
    at_person(fx, "ann@example.nl", "Ann");
    mt_exec(fx->db, "UPDATE person SET password_hash = NULL");
    int64_t id;
    assert_int_equal(signin(fx, "ann@example.nl", at_password, AT_NOW, &id, NULL),
                     ERR_UNAUTHORIZED);
}

static const char new_password[] = "een nieuw wachtwoord voor de buurt";

static void test_password_change_ends_every_other_session(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    int64_t bob = at_person(fx, "bob@example.nl", "Bob");
    struct actor act = at_actor(0, AT_NOW);
    const char *here, *there, *bobs;
    int64_t here_id;
    session_create(fx->db, fx->a, ann, NULL, NULL, &pol, &act, &here, &here_id, NULL);
    session_create(fx->db, fx->a, ann, NULL, NULL, &pol, &act, &there, NULL, NULL);
    session_create(fx->db, fx->a, bob, NULL, NULL, &pol, &act, &bobs, NULL, NULL);
    struct actor me = at_actor(ann, AT_NOW + 10);
    assert_int_equal(
        person_change_password(fx->db, fx->a, ann, at_password, new_password, here_id, &me, NULL),
        ERR_OK);
    struct session s;
    assert_int_equal(session_lookup(fx->db, fx->a, here, &pol, AT_NOW + 20, &s, NULL), ERR_OK);
    assert_int_equal(session_lookup(fx->db, fx->a, there, &pol, AT_NOW + 20, &s, NULL),
                     ERR_UNAUTHORIZED);
    assert_int_equal(session_lookup(fx->db, fx->a, bobs, &pol, AT_NOW + 20, &s, NULL), ERR_OK);
    int64_t id;
    assert_int_equal(signin(fx, "ann@example.nl", at_password, AT_NOW + 30, &id, NULL),
                     ERR_UNAUTHORIZED);
    assert_int_equal(signin(fx, "ann@example.nl", new_password, AT_NOW + 30, &id, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log "
                                      "WHERE action = 'person.password_change'"),
                     1);
}

static void test_password_change_needs_the_current_password(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct actor me = at_actor(ann, AT_NOW);
    struct fault f = {0};
    assert_int_equal(
        person_change_password(fx->db, fx->a, ann, "not my password", new_password, 0, &me, &f),
        ERR_INVALID);
    assert_string_equal(f.field, "current_password");
    assert_int_equal(
        person_change_password(fx->db, fx->a, ann, at_password, "too short", 0, &me, &f),
        ERR_INVALID);
    assert_string_equal(f.field, "new_password");
    int64_t id;
    assert_int_equal(signin(fx, "ann@example.nl", at_password, AT_NOW, &id, NULL), ERR_OK);
    assert_int_equal(
        person_change_password(fx->db, fx->a, 4242, at_password, new_password, 0, &me, &f),
        ERR_NOT_FOUND);
}

static void test_profile_changes_name_and_language(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct actor me = at_actor(ann, AT_NOW);
    assert_int_equal(person_update_profile(fx->db, fx->a, ann, "Ann B.", NULL, &me, NULL), ERR_OK);
    assert_int_equal(person_update_profile(fx->db, fx->a, ann, NULL, "en", &me, NULL), ERR_OK);
    struct fault f = {0};
    assert_int_equal(person_update_profile(fx->db, fx->a, ann, "", NULL, &me, &f), ERR_INVALID);
    assert_int_equal(person_update_profile(fx->db, fx->a, ann, NULL, "fr", &me, &f), ERR_INVALID);
    assert_int_equal(person_update_profile(fx->db, fx->a, 4242, "X", NULL, &me, &f), ERR_NOT_FOUND);
    struct person p;
    assert_int_equal(person_get(fx->db, fx->a, ann, &p, NULL), ERR_OK);
    assert_string_equal(p.display_name, "Ann B.");
    assert_string_equal(p.lang, "en");
}

static void test_signup_with_invitation_uses_it(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct actor console = {0, "console", NULL, AT_NOW};
    assert_int_equal(
        role_grant_console(fx->db, ann, CAP_PLATFORM_ADMIN, NULL, &console, NULL, NULL), ERR_OK);
    struct actor act = at_actor(ann, AT_NOW);
    act.capacity = "platform_admin"; /* who may invite (policy account.invite) */
    const char *code;
    int64_t inv;
    assert_int_equal(invitation_create(fx->db, fx->a, NULL, 7 * 86400, &act, &code, &inv, NULL),
                     ERR_OK);
    struct person_signup in = {.email = "bob@example.nl",
                               .display_name = "Bob",
                               .password = at_password,
                               .invitation_code = code,
                               .invitation_required = true};
    struct actor anon = at_actor(0, AT_NOW + 60);
    int64_t bob;
    assert_int_equal(person_signup(fx->db, fx->a, &in, &anon, &bob, NULL), ERR_OK);
    char want[64];
    snprintf(want, sizeof want, "%lld|%lld\n", (long long)bob, (long long)(AT_NOW + 60));
    char *used = mt_dump(fx->db, "SELECT used_by, used_at FROM invitation");
    assert_string_equal(used, want);
    free(used);
    /* The same code again: refused, and nobody is created. */
    in.email = "carol@example.nl";
    struct fault f = {0};
    int64_t carol;
    assert_int_equal(person_signup(fx->db, fx->a, &in, &anon, &carol, &f), ERR_CONFLICT);
    assert_string_equal(f.msgid, "This code has already been used.");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM person"), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_signup_stores_a_normalised_address_and_a_hash),
        AT_TEST(test_duplicate_address_is_a_conflict_in_any_case),
        AT_TEST(test_malformed_addresses_are_refused),
        AT_TEST(test_bad_name_language_or_password_changes_nothing),
        AT_TEST(test_eighty_character_name_in_english_is_accepted),
        AT_TEST(test_right_password_signs_in_whatever_the_case_of_the_address),
        AT_TEST(test_wrong_password_and_unknown_address_fail_alike),
        AT_TEST(test_too_many_attempts_on_an_account_wait_for_the_window),
        AT_TEST(test_too_many_attempts_from_one_address_are_refused),
        AT_TEST(test_rate_limit_keys_hold_no_address),
        AT_TEST(test_older_hash_is_upgraded_at_sign_in),
        AT_TEST(test_account_without_password_cannot_sign_in),
        AT_TEST(test_password_change_ends_every_other_session),
        AT_TEST(test_password_change_needs_the_current_password),
        AT_TEST(test_profile_changes_name_and_language),
        AT_TEST(test_signup_with_invitation_uses_it),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
