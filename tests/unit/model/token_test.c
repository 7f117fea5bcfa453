/* Tests for model/token.c: typed codes (invitations, residency letters). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/random.h"
#include "model/token.h"

static void test_code_has_groups_of_four_crockford_digits(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    const char *c = token_code_new(a, 16);
    assert_int_equal(strlen(c), 19);
    for (int i = 0; i < 19; i++) {
        if (i % 5 == 4)
            assert_int_equal(c[i], '-');
        else
            assert_non_null(strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", c[i]));
    }
    assert_string_not_equal(c, token_code_new(a, 16));
    arena_free(a);
}

static void test_code_hash_forgives_case_dashes_and_lookalikes(void **state)
{
    (void)state;
    char h1[TOKEN_HASH_HEX + 1], h2[TOKEN_HASH_HEX + 1];
    assert_true(token_code_hash("01AB-CD1E-FG0H-JK1M", 16, h1));
    assert_true(token_code_hash("oiab cdle fgoh jk1m", 16, h2));
    assert_string_equal(h1, h2);
}

static void test_code_hash_refuses_wrong_length_and_letters(void **state)
{
    (void)state;
    char h[TOKEN_HASH_HEX + 1];
    assert_false(token_code_hash("01AB-CD1E-FG0H-JK1", 16, h));
    assert_false(token_code_hash("01AB-CD1E-FG0H-JK1MM", 16, h));
    assert_false(token_code_hash("01AB-CD1E-FG0H-JK1U", 16, h)); /* U is not Crockford */
    assert_false(token_code_hash(NULL, 16, h));
    assert_true(token_code_hash("01AB-CD1E-FG0H-JK1M", 16, h));
    assert_false(token_code_hash("01AB-CD1E-FG0H-JK1M", 32, h));
}

int main(void)
{
    random_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code_has_groups_of_four_crockford_digits),
        cmocka_unit_test(test_code_hash_forgives_case_dashes_and_lookalikes),
        cmocka_unit_test(test_code_hash_refuses_wrong_length_and_letters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
