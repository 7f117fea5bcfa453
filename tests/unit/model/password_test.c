/* Tests of the password rules and hashing (src/model/password.c). The
 * program turns on the fast hash (WIJKREGIE_FAST_HASH=1) before anything
 * else, as the test hook allows; the production cost is checked as data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/embed.h"
#include "core/log.h"
#include "model/password.h"

static const char production_hash[] =
    "$argon2id$v=19$m=262144,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo";

static void expect_invalid(const char *pw, const char *msgid)
{
    struct fault f = {0};
    assert_int_equal(password_check(pw, &f), ERR_INVALID);
    assert_string_equal(f.field, "password");
    assert_string_equal(f.msgid, msgid);
}

static void expect_ok(const char *pw)
{
    struct fault f = {0};
    assert_int_equal(password_check(pw, &f), ERR_OK);
}

/* s repeated n times, malloc'ed. */
static char *repeat(const char *s, int n)
{
    struct buf b = BUF_INIT;
    for (int i = 0; i < n; i++)
        buf_puts(&b, s);
    return buf_detach(&b, NULL);
}

static const char too_short[] = "The password must be 12 to 128 characters long.";
static const char too_common[] = "This password is too common; choose another.";

static void test_common_list_is_sorted_lower_case_unique_and_long(void **state)
{
    const struct embedded_file *e = embed_find("data/common-passwords.txt");
    assert_non_null(e);
    char *text = strndup((const char *)e->data, e->size);
    size_t n = 0;
    const char *prev = "";
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"), n++) {
        for (const char *p = line; *p; p++)
            assert_false(*p >= 'A' && *p <= 'Z');
        assert_true(strcmp(prev, line) < 0);
        prev = line;
    }
    assert_true(n >= 10000);
    assert_int_equal(password_common_count(), n);
    free(text);
}

static void test_eleven_characters_are_too_short(void **state)
{
    expect_invalid("abcdefghijk", too_short);
}

static void test_twelve_characters_are_enough(void **state)
{
    expect_ok("kq8!vroeg-ZW");
}

static void test_128_characters_are_accepted_and_129_refused(void **state)
{
    char *ok = repeat("Zq", 64), *long_one = repeat("Zq", 64);
    expect_ok(ok);
    char *over = malloc(strlen(long_one) + 2);
    sprintf(over, "%sx", long_one);
    expect_invalid(over, too_short);
    free(ok);
    free(long_one);
    free(over);
}

static void test_length_counts_characters_not_bytes(void **state)
{
    char *eleven_euros = repeat("\xe2\x82\xac", 11); /* 33 bytes, 11 characters */
    char *twelve_e = repeat("\xc3\xa9", 12);         /* 24 bytes, 12 characters */
    char *many_euros = repeat("\xe2\x82\xac", 128);  /* 384 bytes, 128 characters */
    char *too_many = repeat("\xe2\x82\xac", 129);
    expect_invalid(eleven_euros, too_short);
    expect_ok(twelve_e);
    expect_ok(many_euros);
    expect_invalid(too_many, too_short);
    free(eleven_euros);
    free(twelve_e);
    free(many_euros);
    free(too_many);
}

static void test_empty_and_null_passwords_are_too_short(void **state)
{
    expect_invalid("", too_short);
    expect_invalid(NULL, too_short);
}

static void test_invalid_utf8_is_refused(void **state)
{
    expect_invalid("abcdefghijkl\xff\xfe", "The password is not valid text.");
    expect_invalid("abcdefghijk\xc0\xaf", "The password is not valid text.");
}

static void test_common_password_is_refused(void **state)
{
    expect_invalid("1qaz2wsx3edc", too_common);
    expect_invalid("zxcvbnm123456789", too_common);
}

static void test_common_password_check_ignores_case(void **state)
{
    expect_invalid("1QAZ2WSX3EDC", too_common);
    expect_invalid("ZxcvbnM123456789", too_common);
    assert_true(password_is_common("PASSWORD"));
}

static void test_first_and_last_list_entries_are_found(void **state)
{
    const struct embedded_file *e = embed_find("data/common-passwords.txt");
    const char *data = (const char *)e->data;
    char *first = strndup(data, strcspn(data, "\n"));
    const char *end = data + e->size - 1; /* the final newline */
    const char *last = end;
    while (last > data && last[-1] != '\n')
        last--;
    char *last_copy = strndup(last, (size_t)(end - last));
    assert_true(password_is_common(first));
    assert_true(password_is_common(last_copy));
    free(first);
    free(last_copy);
}

static void test_uncommon_password_is_not_common(void **state)
{
    assert_false(password_is_common("Buurtfeest op het Mercatorplein 2026"));
    assert_false(password_is_common(""));
    assert_false(password_is_common(NULL));
    assert_false(password_is_common("1qaz2wsx3ed"));   /* a prefix of an entry */
    assert_false(password_is_common("1qaz2wsx3edcv")); /* an entry plus one */
}

static void test_hash_verifies_the_right_password(void **state)
{
    struct arena *a = arena_new();
    const char *hash;
    struct fault f = {0};
    assert_int_equal(password_hash(a, "Buurtfeest op het plein", &hash, &f), ERR_OK);
    assert_true(password_verify(hash, "Buurtfeest op het plein"));
    arena_free(a);
}

static void test_hash_refuses_a_wrong_password(void **state)
{
    struct arena *a = arena_new();
    const char *hash;
    assert_int_equal(password_hash(a, "Buurtfeest op het plein", &hash, NULL), ERR_OK);
    assert_false(password_verify(hash, "buurtfeest op het plein"));
    assert_false(password_verify(hash, ""));
    assert_false(password_verify(hash, NULL));
    arena_free(a);
}

static void test_hash_is_salted_argon2id(void **state)
{
    struct arena *a = arena_new();
    const char *h1, *h2;
    assert_int_equal(password_hash(a, "Buurtfeest op het plein", &h1, NULL), ERR_OK);
    assert_int_equal(password_hash(a, "Buurtfeest op het plein", &h2, NULL), ERR_OK);
    assert_string_not_equal(h1, h2);
    assert_memory_equal(h1, "$argon2id$v=19$", 15);
    assert_null(strstr(h1, "Buurtfeest"));
    arena_free(a);
}

static void test_missing_or_malformed_hash_never_matches(void **state)
{
    assert_false(password_verify(NULL, "anything at all"));
    assert_false(password_verify("", "anything at all"));
    assert_false(password_verify("plain text password", "plain text password"));
    assert_false(password_verify("$argon2id$v=19$garbage", "anything at all"));
}

static void test_dummy_verification_is_always_false(void **state)
{
    assert_false(password_verify_dummy("correct horse battery staple"));
    assert_false(password_verify_dummy(NULL));
}

static void test_fast_hash_needs_rehash_at_production_cost(void **state)
{
    struct arena *a = arena_new();
    const char *hash;
    assert_int_equal(password_hash(a, "Buurtfeest op het plein", &hash, NULL), ERR_OK);
    assert_true(password_needs_rehash_at(hash, &password_cost_production));
    assert_false(password_needs_rehash_at(hash, &password_cost_fast));
    assert_false(password_needs_rehash(hash)); /* the cost in use is the fast one */
    arena_free(a);
}

static void test_production_hash_is_never_downgraded(void **state)
{
    assert_false(password_needs_rehash_at(production_hash, &password_cost_production));
    assert_false(password_needs_rehash_at(production_hash, &password_cost_fast));
}

static void test_other_algorithms_and_garbage_need_rehash(void **state)
{
    assert_true(password_needs_rehash_at("$argon2i$v=19$m=262144,t=3,p=1$c2FsdA$aGFzaA",
                                         &password_cost_fast));
    assert_true(password_needs_rehash_at("$argon2id$v=16$m=262144,t=3,p=1$c2FsdA$aGFzaA",
                                         &password_cost_fast));
    assert_true(
        password_needs_rehash_at("$argon2id$v=19$m=,t=3,p=1$c2FsdA$aGFzaA", &password_cost_fast));
    assert_true(password_needs_rehash_at(NULL, &password_cost_fast));
    assert_true(password_needs_rehash_at("", &password_cost_fast));
}

static void test_only_the_value_1_selects_the_fast_cost(void **state)
{
    assert_ptr_equal(password_cost_for("1"), &password_cost_fast);
    assert_ptr_equal(password_cost_for(NULL), &password_cost_production);
    assert_ptr_equal(password_cost_for(""), &password_cost_production);
    assert_ptr_equal(password_cost_for("0"), &password_cost_production);
    assert_ptr_equal(password_cost_for("yes"), &password_cost_production);
    assert_ptr_equal(password_cost_for("11"), &password_cost_production);
}

static void test_production_cost_is_libsodium_moderate(void **state)
{
    assert_int_equal(password_cost_production.opslimit, crypto_pwhash_OPSLIMIT_MODERATE);
    assert_int_equal(password_cost_production.memlimit, crypto_pwhash_MEMLIMIT_MODERATE);
    assert_ptr_equal(password_cost(), &password_cost_fast); /* this program's hook */
}

int main(void)
{
    setenv("WIJKREGIE_FAST_HASH", "1", 1);
    log_set_level(LOG_ERROR);
    password_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_common_list_is_sorted_lower_case_unique_and_long),
        cmocka_unit_test(test_eleven_characters_are_too_short),
        cmocka_unit_test(test_twelve_characters_are_enough),
        cmocka_unit_test(test_128_characters_are_accepted_and_129_refused),
        cmocka_unit_test(test_length_counts_characters_not_bytes),
        cmocka_unit_test(test_empty_and_null_passwords_are_too_short),
        cmocka_unit_test(test_invalid_utf8_is_refused),
        cmocka_unit_test(test_common_password_is_refused),
        cmocka_unit_test(test_common_password_check_ignores_case),
        cmocka_unit_test(test_first_and_last_list_entries_are_found),
        cmocka_unit_test(test_uncommon_password_is_not_common),
        cmocka_unit_test(test_hash_verifies_the_right_password),
        cmocka_unit_test(test_hash_refuses_a_wrong_password),
        cmocka_unit_test(test_hash_is_salted_argon2id),
        cmocka_unit_test(test_missing_or_malformed_hash_never_matches),
        cmocka_unit_test(test_dummy_verification_is_always_false),
        cmocka_unit_test(test_fast_hash_needs_rehash_at_production_cost),
        cmocka_unit_test(test_production_hash_is_never_downgraded),
        cmocka_unit_test(test_other_algorithms_and_garbage_need_rehash),
        cmocka_unit_test(test_only_the_value_1_selects_the_fast_cost),
        cmocka_unit_test(test_production_cost_is_libsodium_moderate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
