/* Tests of password reset links and the mail outbox (src/model/
 * password_reset.c, src/model/mail.c) on SQLite and PostgreSQL (see
 * account_testing.h). The token is taken from the queued mail, the only
 * place it exists outside the person's hands. */
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
#include "model/mail.h"
#include "model/password_reset.h"
#include "model/person.h"
#include "model/session.h"
#include "model/token.h"
#include "model_testing.h"

static const char prefix[] = "https://wijk.example.nl/password/reset?token=";
static const char fresh[] = "een nieuw wachtwoord voor de buurt";
static const struct session_policy pol = SESSION_POLICY_DEFAULT;

static enum err request(struct at_fx *fx, const char *email, int64_t now, struct fault *f)
{
    struct actor act = at_actor(0, now);
    return password_reset_request(fx->db, fx->a, email, NULL, prefix, &act, f);
}

static enum err redeem(struct at_fx *fx, const char *token, const char *pw, int64_t now,
                       struct fault *f)
{
    struct actor act = at_actor(0, now);
    return password_reset_redeem(fx->db, fx->a, token, pw, &act, NULL, f);
}

/* The pending mails; *n gets their number. */
static struct mail *pending(struct at_fx *fx, int *n)
{
    struct mail *m;
    assert_int_equal(mail_pending(fx->db, fx->a, 100, &m, n, NULL), ERR_OK);
    return m;
}

/* The token in the newest pending mail. */
static const char *mailed_token(struct at_fx *fx)
{
    int n;
    struct mail *m = pending(fx, &n);
    assert_true(n > 0);
    const char *link = strstr(m[n - 1].body, prefix);
    assert_non_null(link);
    const char *token = arena_strndup(fx->a, link + strlen(prefix), TOKEN_CHARS);
    assert_true(token_well_formed(token));
    return token;
}

static void test_request_queues_a_mail_with_a_link(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    assert_int_equal(request(fx, " ANN@example.nl", AT_NOW, NULL), ERR_OK);
    int n;
    struct mail *m = pending(fx, &n);
    assert_int_equal(n, 1);
    assert_int_equal(m[0].to_person_id, ann);
    assert_string_equal(m[0].to_email, "ann@example.nl");
    assert_string_equal(m[0].kind, "password_reset");
    assert_string_equal(m[0].subject, "Choose a new password for Wijkregie");
    assert_memory_equal(m[0].body, "Hello Ann,", 10);
    mailed_token(fx);
    assert_int_equal(at_count(fx->db, "SELECT expires_at - created_at FROM password_reset"), 3600);
}

/* A translator that knows one Dutch subject. */
static const char *dutch(const void *ctx, const char *lang, const char *msgid)
{
    int *calls = (int *)ctx;
    (*calls)++;
    if (strcmp(lang, "nl") == 0 && strcmp(msgid, "Choose a new password for Wijkregie") == 0)
        return "Kies een nieuw wachtwoord voor Wijkregie";
    return msgid;
}

static void test_mail_is_in_the_recipients_language(void **state)
{
    struct at_fx *fx = at_fx(state);
    at_person(fx, "ann@example.nl", "Ann"); /* lang nl, the default */
    struct person_signup in = {
        .email = "bob@example.nl", .display_name = "Bob", .password = at_password, .lang = "en"};
    struct actor act = at_actor(0, AT_NOW);
    int64_t bob;
    assert_int_equal(person_signup(fx->db, fx->a, &in, &act, &bob, NULL), ERR_OK);
    int calls = 0;
    struct mail_translator tr = {dutch, &calls};
    assert_int_equal(
        password_reset_request(fx->db, fx->a, "ann@example.nl", &tr, prefix, &act, NULL), ERR_OK);
    assert_int_equal(
        password_reset_request(fx->db, fx->a, "bob@example.nl", &tr, prefix, &act, NULL), ERR_OK);
    int n;
    struct mail *m = pending(fx, &n);
    assert_int_equal(n, 2);
    assert_string_equal(m[0].subject, "Kies een nieuw wachtwoord voor Wijkregie");
    assert_string_equal(m[1].subject, "Choose a new password for Wijkregie");
    assert_true(calls >= 4);
}

static void test_unknown_address_gets_the_same_answer_and_no_mail(void **state)
{
    struct at_fx *fx = at_fx(state);
    at_person(fx, "ann@example.nl", "Ann");
    assert_int_equal(request(fx, "nobody@example.nl", AT_NOW, NULL), ERR_OK);
    int n;
    pending(fx, &n);
    assert_int_equal(n, 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM password_reset"), 0);
    struct fault f = {0};
    assert_int_equal(request(fx, "no address", AT_NOW, &f), ERR_INVALID);
    assert_string_equal(f.field, "email");
}

static void test_only_the_token_hash_is_stored(void **state)
{
    struct at_fx *fx = at_fx(state);
    at_person(fx, "ann@example.nl", "Ann");
    request(fx, "ann@example.nl", AT_NOW, NULL);
    const char *token = mailed_token(fx);
    char *rows = mt_dump(fx->db, "SELECT * FROM password_reset");
    char *log = mt_dump(fx->db, "SELECT * FROM audit_log");
    assert_null(strstr(rows, token));
    assert_null(strstr(log, token));
    char hash[TOKEN_HASH_HEX + 1];
    token_hash(token, hash);
    assert_non_null(strstr(rows, hash));
    free(rows);
    free(log);
}

static void test_redeem_sets_the_password_and_ends_every_session(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct actor act = at_actor(0, AT_NOW);
    const char *session;
    session_create(fx->db, fx->a, ann, NULL, NULL, &pol, &act, &session, NULL, NULL);
    request(fx, "ann@example.nl", AT_NOW, NULL);
    int64_t who = 0;
    struct actor later = at_actor(0, AT_NOW + 600);
    assert_int_equal(
        password_reset_redeem(fx->db, fx->a, mailed_token(fx), fresh, &later, &who, NULL), ERR_OK);
    assert_int_equal(who, ann);
    struct session s;
    assert_int_equal(session_lookup(fx->db, fx->a, session, &pol, AT_NOW + 601, &s, NULL),
                     ERR_UNAUTHORIZED);
    int64_t id, retry;
    assert_int_equal(person_authenticate(fx->db, fx->a, "ann@example.nl", fresh, NULL, NULL,
                                         AT_NOW + 602, &id, &retry, NULL),
                     ERR_OK);
    assert_int_equal(person_authenticate(fx->db, fx->a, "ann@example.nl", at_password, NULL, NULL,
                                         AT_NOW + 602, &id, &retry, NULL),
                     ERR_UNAUTHORIZED);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log "
                                      "WHERE action = 'person.password_reset'"),
                     1);
}

static void test_link_works_once(void **state)
{
    struct at_fx *fx = at_fx(state);
    at_person(fx, "ann@example.nl", "Ann");
    request(fx, "ann@example.nl", AT_NOW, NULL);
    const char *token = mailed_token(fx);
    assert_int_equal(redeem(fx, token, fresh, AT_NOW + 60, NULL), ERR_OK);
    struct fault f = {0};
    assert_int_equal(redeem(fx, token, "en nog een ander wachtwoord", AT_NOW + 120, &f),
                     ERR_CONFLICT);
    assert_string_equal(f.msgid, "This code has already been used.");
    int64_t id, retry;
    assert_int_equal(person_authenticate(fx->db, fx->a, "ann@example.nl", fresh, NULL, NULL,
                                         AT_NOW + 130, &id, &retry, NULL),
                     ERR_OK);
}

static void test_link_expires_after_an_hour(void **state)
{
    struct at_fx *fx = at_fx(state);
    at_person(fx, "ann@example.nl", "Ann");
    request(fx, "ann@example.nl", AT_NOW, NULL);
    const char *token = mailed_token(fx);
    struct fault f = {0};
    assert_int_equal(redeem(fx, token, fresh, AT_NOW + 3600, &f), ERR_CONFLICT);
    assert_string_equal(f.msgid, "This code has expired; ask for a new one.");
    assert_int_equal(redeem(fx, token, fresh, AT_NOW + 3599, NULL), ERR_OK);
}

static void test_unknown_or_malformed_token_is_not_valid(void **state)
{
    struct at_fx *fx = at_fx(state);
    at_person(fx, "ann@example.nl", "Ann");
    request(fx, "ann@example.nl", AT_NOW, NULL);
    const char *bad[] = {token_new(fx->a), "", NULL, "abc", "a b c"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct fault f = {0};
        assert_int_equal(redeem(fx, bad[i], fresh, AT_NOW, &f), ERR_NOT_FOUND);
        assert_string_equal(f.msgid, "This code is not valid.");
        assert_string_equal(f.field, "token");
    }
}

static void test_weak_new_password_leaves_the_link_usable(void **state)
{
    struct at_fx *fx = at_fx(state);
    at_person(fx, "ann@example.nl", "Ann");
    request(fx, "ann@example.nl", AT_NOW, NULL);
    const char *token = mailed_token(fx);
    struct fault f = {0};
    assert_int_equal(redeem(fx, token, "1qaz2wsx3edc", AT_NOW + 5, &f), ERR_INVALID);
    assert_string_equal(f.field, "password");
    assert_int_equal(redeem(fx, token, fresh, AT_NOW + 6, NULL), ERR_OK);
}

static void test_redeeming_one_link_spends_the_others(void **state)
{
    struct at_fx *fx = at_fx(state);
    at_person(fx, "ann@example.nl", "Ann");
    request(fx, "ann@example.nl", AT_NOW, NULL);
    const char *first = mailed_token(fx);
    request(fx, "ann@example.nl", AT_NOW + 1, NULL);
    const char *second = mailed_token(fx);
    assert_string_not_equal(first, second);
    assert_int_equal(redeem(fx, second, fresh, AT_NOW + 2, NULL), ERR_OK);
    assert_int_equal(redeem(fx, first, "en nog een ander wachtwoord", AT_NOW + 3, NULL),
                     ERR_CONFLICT);
}

static void test_password_change_spends_open_links(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    request(fx, "ann@example.nl", AT_NOW, NULL);
    const char *token = mailed_token(fx);
    struct actor me = at_actor(ann, AT_NOW + 1);
    assert_int_equal(person_change_password(fx->db, fx->a, ann, at_password, fresh, 0, &me, NULL),
                     ERR_OK);
    assert_int_equal(redeem(fx, token, "en nog een ander wachtwoord", AT_NOW + 2, NULL),
                     ERR_CONFLICT);
}

static void test_at_most_three_mails_an_hour(void **state)
{
    struct at_fx *fx = at_fx(state);
    at_person(fx, "ann@example.nl", "Ann");
    for (int i = 0; i < 5; i++)
        assert_int_equal(request(fx, "ann@example.nl", AT_NOW + i, NULL), ERR_OK);
    int n;
    pending(fx, &n);
    assert_int_equal(n, PASSWORD_RESET_PER_HOUR);
    int64_t next_hour = AT_NOW - AT_NOW % 3600 + 3600;
    assert_int_equal(request(fx, "ann@example.nl", next_hour, NULL), ERR_OK);
    pending(fx, &n);
    assert_int_equal(n, PASSWORD_RESET_PER_HOUR + 1);
}

static void test_sent_mail_leaves_the_queue_and_its_body(void **state)
{
    struct at_fx *fx = at_fx(state);
    at_person(fx, "ann@example.nl", "Ann");
    request(fx, "ann@example.nl", AT_NOW, NULL);
    const char *token = mailed_token(fx);
    int n;
    struct mail *m = pending(fx, &n);
    assert_int_equal(mail_mark_sent(fx->db, m[0].id, AT_NOW + 5, NULL), ERR_OK);
    pending(fx, &n);
    assert_int_equal(n, 0);
    char *rows = mt_dump(fx->db, "SELECT * FROM mail_outbox");
    assert_null(strstr(rows, token));
    free(rows);
    struct fault f = {0};
    assert_int_equal(mail_mark_sent(fx->db, m[0].id, AT_NOW + 6, &f), ERR_NOT_FOUND);
    /* The link still works: it went out. */
    assert_int_equal(redeem(fx, token, fresh, AT_NOW + 7, NULL), ERR_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_request_queues_a_mail_with_a_link),
        AT_TEST(test_mail_is_in_the_recipients_language),
        AT_TEST(test_unknown_address_gets_the_same_answer_and_no_mail),
        AT_TEST(test_only_the_token_hash_is_stored),
        AT_TEST(test_redeem_sets_the_password_and_ends_every_session),
        AT_TEST(test_link_works_once),
        AT_TEST(test_link_expires_after_an_hour),
        AT_TEST(test_unknown_or_malformed_token_is_not_valid),
        AT_TEST(test_weak_new_password_leaves_the_link_usable),
        AT_TEST(test_redeeming_one_link_spends_the_others),
        AT_TEST(test_password_change_spends_open_links),
        AT_TEST(test_at_most_three_mails_an_hour),
        AT_TEST(test_sent_mail_leaves_the_queue_and_its_body),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
