/* Tests for http/field.c: presence, repetition, and each field type's rule,
 * including the messages and the field named in the fault. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "http/field.h"
#include "http/parse.h"

static const char *const kinds[] = {"gemeente", "wijk", "buurt", NULL};

static const struct field fields[] = {
    {.name = "code", .type = FIELD_CODE, .flags = FIELD_REQUIRED},
    {.name = "title", .type = FIELD_LINE, .min = 2, .max = 5},
    {.name = "story", .type = FIELD_TEXT, .max = 20},
    {.name = "limit", .type = FIELD_INT, .min = 1, .max = 500},
    {.name = "offset", .type = FIELD_INT},
    {.name = "day", .type = FIELD_DATE},
    {.name = "kind", .type = FIELD_CHOICE, .choices = kinds},
    {.name = "token", .type = FIELD_TOKEN, .max = 8},
    {0},
};

struct fixture {
    struct arena *a;
    struct kvlist in;
    struct fault f;
};

static int setup(void **state)
{
    struct fixture *fx = test_calloc(1, sizeof *fx);
    fx->a = arena_new();
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    arena_free(fx->a);
    test_free(fx);
    return 0;
}

/* Validates the query string q (plus the path parameter code=GM0363 unless
 * q gives code itself) against fields. */
static enum err check(struct fixture *fx, const char *q)
{
    struct kvlist query, path = {0};
    assert_int_equal(parse_urlencoded(fx->a, q, strlen(q), &query), ERR_OK);
    if (!parse_kv_find(&query, "code", NULL))
        assert_int_equal(parse_urlencoded(fx->a, "code=GM0363", 11, &path), ERR_OK);
    const struct kvlist *sources[] = {&path, &query};
    fx->f = (struct fault){0};
    return field_validate(fields, sources, 2, fx->a, &fx->in, &fx->f);
}

static void assert_refused(struct fixture *fx, const char *q, const char *field, const char *msgid)
{
    assert_int_equal(check(fx, q), ERR_INVALID);
    assert_int_equal(fx->f.code, ERR_INVALID);
    assert_string_equal(fx->f.field, field);
    assert_string_equal(fx->f.msgid, msgid);
    assert_string_equal(fx->f.args[0], field);
}

static const char *in(const struct fixture *fx, const char *name)
{
    return parse_kv_find(&fx->in, name, NULL);
}

static void test_field_accepts_valid_values(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(check(fx, "title=Tuin&story=a%0D%0Ab%09c&limit=500&offset=-7&day=2024-02-29"
                               "&kind=buurt&token=ab_-9Z&extra=ignored"),
                     ERR_OK);
    assert_string_equal(in(fx, "code"), "GM0363");
    assert_string_equal(in(fx, "title"), "Tuin");
    assert_string_equal(in(fx, "story"), "a\r\nb\tc");
    assert_string_equal(in(fx, "limit"), "500");
    assert_string_equal(in(fx, "offset"), "-7");
    assert_string_equal(in(fx, "day"), "2024-02-29");
    assert_string_equal(in(fx, "kind"), "buurt");
    assert_string_equal(in(fx, "token"), "ab_-9Z");
    assert_null(in(fx, "extra"));
}

static void test_field_missing_required_is_refused(void **state)
{
    struct fixture *fx = *state;
    struct kvlist empty = {0};
    const struct kvlist *sources[] = {&empty};
    assert_int_equal(field_validate(fields, sources, 1, fx->a, &fx->in, &fx->f), ERR_INVALID);
    assert_string_equal(fx->f.field, "code");
    assert_string_equal(fx->f.msgid, "%s is required.");
}

static void test_field_empty_value_counts_as_absent(void **state)
{
    struct fixture *fx = *state;
    assert_refused(fx, "code=", "code", "%s is required.");
    assert_int_equal(check(fx, "title=&limit="), ERR_OK);
    assert_null(in(fx, "title"));
    assert_null(in(fx, "limit"));
}

static void test_field_given_twice_is_refused(void **state)
{
    struct fixture *fx = *state;
    assert_refused(fx, "limit=1&limit=2", "limit", "Give %s only once.");
    /* In the path and in the query counts as twice as well. */
    struct kvlist path, query;
    assert_int_equal(parse_urlencoded(fx->a, "code=GM0363", 11, &path), ERR_OK);
    assert_int_equal(parse_urlencoded(fx->a, "code=GM0599", 11, &query), ERR_OK);
    const struct kvlist *sources[] = {&path, &query};
    assert_int_equal(field_validate(fields, sources, 2, fx->a, &fx->in, &fx->f), ERR_INVALID);
    assert_string_equal(fx->f.msgid, "Give %s only once.");
}

static void test_field_int_overflow_is_refused(void **state)
{
    struct fixture *fx = *state;
    assert_refused(fx, "limit=99999999999999999999", "limit",
                   "%s must be a whole number from %s to %s.");
    assert_string_equal(fx->f.args[1], "1");
    assert_string_equal(fx->f.args[2], "500");
    assert_refused(fx, "offset=9223372036854775808", "offset", "%s must be a whole number.");
    assert_int_equal(check(fx, "offset=9223372036854775807"), ERR_OK);
    assert_int_equal(check(fx, "offset=-9223372036854775808"), ERR_OK);
    assert_string_equal(in(fx, "offset"), "-9223372036854775808");
    assert_refused(fx, "offset=-9223372036854775809", "offset", "%s must be a whole number.");
}

static void test_field_int_below_min_is_refused(void **state)
{
    struct fixture *fx = *state;
    assert_refused(fx, "limit=-1", "limit", "%s must be a whole number from %s to %s.");
    assert_refused(fx, "limit=0", "limit", "%s must be a whole number from %s to %s.");
    assert_refused(fx, "limit=501", "limit", "%s must be a whole number from %s to %s.");
}

static void test_field_int_refuses_non_digits(void **state)
{
    struct fixture *fx = *state;
    static const char *const bad[] = {"limit=1.5",  "limit=%2B5", "limit=5+",  "limit=-",
                                      "limit=0x10", "limit=1e3",  "limit=%205"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_refused(fx, bad[i], "limit", "%s must be a whole number from %s to %s.");
}

static void test_field_int_is_stored_canonically(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(check(fx, "limit=007&offset=-0"), ERR_OK);
    assert_string_equal(in(fx, "limit"), "7");
    assert_string_equal(in(fx, "offset"), "0");
}

static void test_field_choice_not_listed_is_refused(void **state)
{
    struct fixture *fx = *state;
    assert_refused(fx, "kind=provincie", "kind", "%s must be one of: %s.");
    assert_string_equal(fx->f.args[1], "gemeente, wijk, buurt");
    assert_refused(fx, "kind=Buurt", "kind", "%s must be one of: %s.");
}

static void test_field_code_malformed_is_refused(void **state)
{
    struct fixture *fx = *state;
    static const char *const bad[] = {"code=GM036", "code=XX0363", "code=BU0363010",
                                      "code=GM0363%20", "code=WK03630%C3%A9"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_refused(fx, bad[i], "code",
                       "%s must be a CBS area code such as GM0363, WK036301 or BU03630101.");
}

static void test_field_code_is_upper_cased(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(check(fx, "code=bu0363ab01"), ERR_OK);
    assert_string_equal(in(fx, "code"), "BU0363AB01");
}

static void test_field_text_too_long_counts_characters_not_bytes(void **state)
{
    struct fixture *fx = *state;
    /* Five characters, ten bytes: fits max = 5. */
    assert_int_equal(check(fx, "title=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9"), ERR_OK);
    /* Six characters: too long. */
    assert_refused(fx, "title=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9", "title",
                   "%s must be %s to %s characters long.");
    assert_string_equal(fx->f.args[1], "2");
    assert_string_equal(fx->f.args[2], "5");
    assert_refused(fx, "title=%C3%A9", "title", "%s must be %s to %s characters long.");
}

static void test_field_line_refuses_control_characters(void **state)
{
    struct fixture *fx = *state;
    assert_refused(fx, "title=a%0Ab", "title",
                   "%s must be a single line without control characters.");
    assert_refused(fx, "title=a%09b", "title",
                   "%s must be a single line without control characters.");
    assert_refused(fx, "title=a%7Fb", "title",
                   "%s must be a single line without control characters.");
}

static void test_field_text_refuses_other_control_characters(void **state)
{
    struct fixture *fx = *state;
    assert_refused(fx, "story=a%1Bb", "story", "%s must not contain control characters.");
    assert_refused(fx, "story=123456789012345678901", "story",
                   "%s must be %s to %s characters long.");
}

static void test_field_date_must_be_a_real_date(void **state)
{
    struct fixture *fx = *state;
    assert_refused(fx, "day=2023-02-29", "day", "%s must be a date written as YYYY-MM-DD.");
    assert_refused(fx, "day=29-02-2024", "day", "%s must be a date written as YYYY-MM-DD.");
}

static void test_field_token_refuses_other_characters_and_length(void **state)
{
    struct fixture *fx = *state;
    assert_refused(fx, "token=a.b", "token", "%s may contain only letters, digits, - and _.");
    assert_refused(fx, "token=abc%20d", "token", "%s may contain only letters, digits, - and _.");
    assert_refused(fx, "token=123456789", "token", "%s must be %s to %s characters long.");
}

static void test_field_null_value_is_refused(void **state)
{
    struct fixture *fx = *state;
    struct kv items[] = {{"code", NULL}};
    struct kvlist body = {items, 1};
    const struct kvlist *sources[] = {&body};
    assert_int_equal(field_validate(fields, sources, 1, fx->a, &fx->in, &fx->f), ERR_INVALID);
    assert_string_equal(fx->f.msgid, "%s must be text or a number.");
}

static void test_field_no_fields_accepts_anything(void **state)
{
    struct fixture *fx = *state;
    struct kv items[] = {{"x", "\x01"}};
    struct kvlist q = {items, 1};
    const struct kvlist *sources[] = {&q};
    assert_int_equal(field_validate(NULL, sources, 1, fx->a, &fx->in, &fx->f), ERR_OK);
    assert_int_equal(fx->in.n, 0);
}

int main(void)
{
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        TEST(test_field_accepts_valid_values),
        TEST(test_field_missing_required_is_refused),
        TEST(test_field_empty_value_counts_as_absent),
        TEST(test_field_given_twice_is_refused),
        TEST(test_field_int_overflow_is_refused),
        TEST(test_field_int_below_min_is_refused),
        TEST(test_field_int_refuses_non_digits),
        TEST(test_field_int_is_stored_canonically),
        TEST(test_field_choice_not_listed_is_refused),
        TEST(test_field_code_malformed_is_refused),
        TEST(test_field_code_is_upper_cased),
        TEST(test_field_text_too_long_counts_characters_not_bytes),
        TEST(test_field_line_refuses_control_characters),
        TEST(test_field_text_refuses_other_control_characters),
        TEST(test_field_date_must_be_a_real_date),
        TEST(test_field_token_refuses_other_characters_and_length),
        TEST(test_field_null_value_is_refused),
        TEST(test_field_no_fields_accepts_anything),
    };
#undef TEST
    return cmocka_run_group_tests(tests, NULL, NULL);
}
