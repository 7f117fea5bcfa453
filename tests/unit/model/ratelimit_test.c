/* Tests of the fixed-window rate limits (src/model/ratelimit.c) on SQLite
 * and PostgreSQL (see account_testing.h). */
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
#include "model/ratelimit.h"
#include "model_testing.h"

/* A window of 15 minutes that starts exactly at T0. */
#define WINDOW 900
#define T0 ((int64_t)1772366400 - (int64_t)1772366400 % WINDOW)

static enum err hit(struct at_fx *fx, const char *key, int64_t now, int64_t *retry, struct fault *f)
{
    return ratelimit_hit(fx->db, fx->a, key, WINDOW, 3, now, retry, f);
}

static void test_hits_up_to_the_limit_pass(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t retry = -1;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(hit(fx, "signin:ip:192.0.2.1", T0 + i, &retry, NULL), ERR_OK);
        assert_int_equal(retry, 0);
    }
}

static void test_hit_over_the_limit_is_refused_with_retry_time(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t retry = 0;
    struct fault f = {0};
    for (int i = 0; i < 3; i++)
        assert_int_equal(hit(fx, "signin:ip:192.0.2.1", T0 + 10, &retry, NULL), ERR_OK);
    assert_int_equal(hit(fx, "signin:ip:192.0.2.1", T0 + 100, &retry, &f), ERR_RATE_LIMITED);
    assert_int_equal(retry, WINDOW - 100);
    assert_string_equal(f.msgid, "Too many attempts; try again in %s minutes.");
    assert_string_equal(f.args[0], "14"); /* 800 seconds, rounded up */
    assert_int_equal(hit(fx, "signin:ip:192.0.2.1", T0 + WINDOW - 30, &retry, &f),
                     ERR_RATE_LIMITED);
    assert_int_equal(retry, 30);
    assert_string_equal(f.msgid, "Too many attempts; try again in %s seconds.");
    assert_string_equal(f.args[0], "30");
}

static void test_next_window_lets_hits_through_again(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t retry;
    for (int i = 0; i < 5; i++)
        hit(fx, "signin:acct:7", T0 + i, &retry, NULL);
    assert_int_equal(hit(fx, "signin:acct:7", T0 + WINDOW - 1, &retry, NULL), ERR_RATE_LIMITED);
    assert_int_equal(hit(fx, "signin:acct:7", T0 + WINDOW, &retry, NULL), ERR_OK);
    assert_int_equal(retry, 0);
}

static void test_keys_are_counted_apart(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t retry;
    for (int i = 0; i < 4; i++)
        hit(fx, "signin:acct:1", T0, &retry, NULL);
    assert_int_equal(hit(fx, "signin:acct:1", T0, &retry, NULL), ERR_RATE_LIMITED);
    assert_int_equal(hit(fx, "signin:acct:2", T0, &retry, NULL), ERR_OK);
}

static void test_the_count_is_one_row_per_key_and_window(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t retry;
    for (int i = 0; i < 7; i++)
        hit(fx, "signin:acct:1", T0 + i, &retry, NULL);
    char *rows = mt_dump(fx->db, "SELECT key, window_start, count FROM rate_limit");
    char want[100];
    snprintf(want, sizeof want, "signin:acct:1|%lld|7\n", (long long)T0);
    assert_string_equal(rows, want);
    free(rows);
}

static void test_old_windows_are_pruned(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t retry;
    hit(fx, "signin:acct:1", T0, &retry, NULL);
    hit(fx, "signin:acct:2", T0, &retry, NULL);
    int64_t later = T0 + 2 * RATELIMIT_MAX_WINDOW + WINDOW;
    hit(fx, "signin:acct:2", later - 10, &retry, NULL); /* a new window: prunes */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM rate_limit"), 1);
    assert_int_equal(at_count(fx->db, "SELECT window_start FROM rate_limit"),
                     later - 10 - (later - 10) % WINDOW);
}

static void test_recent_windows_are_kept(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t retry;
    hit(fx, "signin:acct:1", T0, &retry, NULL);
    hit(fx, "signin:acct:2", T0 + WINDOW, &retry, NULL);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM rate_limit"), 2);
    assert_int_equal(ratelimit_prune(fx->db, T0 + 1, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM rate_limit"), 1);
}

static void test_hashed_key_hides_the_value(void **state)
{
    struct arena *a = arena_new();
    const char *k1 = ratelimit_key_hash(a, "signin:mail:", "ann@example.nl");
    const char *k2 = ratelimit_key_hash(a, "signin:mail:", "ann@example.nl");
    const char *k3 = ratelimit_key_hash(a, "signin:mail:", "bob@example.nl");
    assert_string_equal(k1, k2);
    assert_string_not_equal(k1, k3);
    assert_null(strchr(k1, '@'));
    assert_null(strstr(k1, "ann"));
    assert_int_equal(strlen(k1), strlen("signin:mail:") + 32);
    arena_free(a);
}

struct bad_call {
    struct db *db;
    const char *key;
    int window, limit;
};

static void call_hit(void *arg)
{
    struct bad_call *c = arg;
    struct arena *a = arena_new();
    int64_t retry;
    /* The child works on a database of its own: it must not use the
     * parent's PostgreSQL connection. */
    struct db *db = c->db ? c->db : mt_open_db();
    ratelimit_hit(db, a, c->key, c->window, c->limit, T0, &retry, NULL);
}

static void test_malformed_key_or_window_aborts(void **state)
{
    struct bad_call calls[] = {
        {NULL, "signin:mail:ann example", 60, 3},
        {NULL, "", 60, 3},
        {NULL, NULL, 60, 3},
        {NULL, "k", 0, 3},
        {NULL, "k", RATELIMIT_MAX_WINDOW + 1, 3},
        {NULL, "k", 60, 0},
    };
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
        assert_true(at_dies_with_abort(call_hit, &calls[i]));
    struct bad_call good = {NULL, "k", 60, 3};
    assert_false(at_dies_with_abort(call_hit, &good));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_hits_up_to_the_limit_pass),
        AT_TEST(test_hit_over_the_limit_is_refused_with_retry_time),
        AT_TEST(test_next_window_lets_hits_through_again),
        AT_TEST(test_keys_are_counted_apart),
        AT_TEST(test_the_count_is_one_row_per_key_and_window),
        AT_TEST(test_old_windows_are_pruned),
        AT_TEST(test_recent_windows_are_kept),
        cmocka_unit_test(test_malformed_key_or_window_aborts),
        cmocka_unit_test(test_hashed_key_hides_the_value),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
