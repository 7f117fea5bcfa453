/* Tests for http/parse.c: percent-decoding, query strings and form bodies,
 * the Cookie header, JSON bodies and media types. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "http/parse.h"

static int setup(void **state)
{
    *state = arena_new();
    return 0;
}

static int teardown(void **state)
{
    arena_free(*state);
    return 0;
}

static enum err form(struct arena *a, const char *s, struct kvlist *out)
{
    return parse_urlencoded(a, s, strlen(s), out);
}

static void assert_pair(const struct kvlist *l, size_t i, const char *key, const char *value)
{
    assert_true(i < l->n);
    assert_string_equal(l->items[i].key, key);
    assert_string_equal(l->items[i].value, value);
}

static void test_form_splits_pairs_in_order(void **state)
{
    struct kvlist l;
    assert_int_equal(form(*state, "a=1&b=two&a=3", &l), ERR_OK);
    assert_int_equal(l.n, 3);
    assert_pair(&l, 0, "a", "1");
    assert_pair(&l, 1, "b", "two");
    assert_pair(&l, 2, "a", "3");
}

static void test_form_plus_is_space(void **state)
{
    struct kvlist l;
    assert_int_equal(form(*state, "q=de+Pijp+west&k+y=v", &l), ERR_OK);
    assert_pair(&l, 0, "q", "de Pijp west");
    assert_pair(&l, 1, "k y", "v");
}

static void test_form_percent_escapes_decode(void **state)
{
    struct kvlist l;
    assert_int_equal(form(*state, "name=Caf%C3%A9%20%2b%3D%26&x=%41%62", &l), ERR_OK);
    assert_pair(&l, 0, "name", "Caf\xc3\xa9 +=&");
    assert_pair(&l, 1, "x", "Ab");
}

static void test_form_invalid_escape_is_refused(void **state)
{
    struct kvlist l;
    assert_int_equal(form(*state, "a=1&b=%zz", &l), ERR_INVALID);
    assert_int_equal(l.n, 0);
    assert_int_equal(form(*state, "a=%4", &l), ERR_INVALID);
    assert_int_equal(form(*state, "a=%", &l), ERR_INVALID);
    assert_int_equal(form(*state, "%G1=x", &l), ERR_INVALID);
}

static void test_form_overlong_utf8_is_refused(void **state)
{
    struct kvlist l;
    assert_int_equal(form(*state, "path=%C0%AF", &l), ERR_INVALID);
    assert_int_equal(form(*state, "a=%ED%A0%80", &l), ERR_INVALID); /* a surrogate */
    assert_int_equal(form(*state, "a=%FF", &l), ERR_INVALID);
    assert_int_equal(form(*state, "a=\xc3", &l), ERR_INVALID);  /* raw, truncated */
    assert_int_equal(form(*state, "a=x%00y", &l), ERR_INVALID); /* NUL */
}

static void test_form_empty_values_and_keys_without_equals(void **state)
{
    struct kvlist l;
    assert_int_equal(form(*state, "a=&flag&b==x", &l), ERR_OK);
    assert_int_equal(l.n, 3);
    assert_pair(&l, 0, "a", "");
    assert_pair(&l, 1, "flag", "");
    assert_pair(&l, 2, "b", "=x");
}

static void test_form_empty_pairs_are_skipped(void **state)
{
    struct kvlist l;
    assert_int_equal(form(*state, "&&a=1&&&b=2&", &l), ERR_OK);
    assert_int_equal(l.n, 2);
    assert_pair(&l, 0, "a", "1");
    assert_pair(&l, 1, "b", "2");
    assert_int_equal(form(*state, "", &l), ERR_OK);
    assert_int_equal(l.n, 0);
}

static void test_form_respects_the_length_given(void **state)
{
    struct kvlist l;
    /* A body is not NUL-terminated: only n bytes count. */
    assert_int_equal(parse_urlencoded(*state, "a=12&b=3", 4, &l), ERR_OK);
    assert_int_equal(l.n, 1);
    assert_pair(&l, 0, "a", "12");
}

static void test_percent_decode_keeps_plus_in_paths(void **state)
{
    const char *s = parse_percent_decode(*state, "a+b%2B", 6, false);
    assert_non_null(s);
    assert_string_equal(s, "a+b+");
    assert_null(parse_percent_decode(*state, "%C0%80", 6, false));
}

static void test_cookies_parse_pairs(void **state)
{
    struct kvlist l;
    parse_cookies(*state, "lang=en; sid=abc123;theme=\"dark\"", &l);
    assert_int_equal(l.n, 3);
    assert_pair(&l, 0, "lang", "en");
    assert_pair(&l, 1, "sid", "abc123");
    assert_pair(&l, 2, "theme", "dark");
}

static void test_cookies_skip_malformed_pairs(void **state)
{
    struct kvlist l;
    parse_cookies(*state, "novalue; =anon; a b=1; ok=1; bad=has space; q=\"x; c=\\\\; last=2", &l);
    /* "q=\"x" has one quote only: '"' is no cookie-octet, so it goes too. */
    assert_int_equal(l.n, 2);
    assert_pair(&l, 0, "ok", "1");
    assert_pair(&l, 1, "last", "2");
}

static void test_cookies_allow_empty_values_and_odd_spacing(void **state)
{
    struct kvlist l;
    parse_cookies(*state, "  a=  ;\tb = 2 ;;c=\"\"", &l);
    assert_int_equal(l.n, 3);
    assert_pair(&l, 0, "a", "");
    assert_pair(&l, 1, "b", "2");
    assert_pair(&l, 2, "c", "");
}

static void test_cookies_refuse_non_ascii(void **state)
{
    struct kvlist l;
    parse_cookies(*state, "a=caf\xc3\xa9; b=\x01; c=ok", &l);
    assert_int_equal(l.n, 1);
    assert_pair(&l, 0, "c", "ok");
}

static void test_cookies_null_or_empty_header(void **state)
{
    struct kvlist l = {(struct kv *)1, 5};
    parse_cookies(*state, NULL, &l);
    assert_int_equal(l.n, 0);
    parse_cookies(*state, "", &l);
    assert_int_equal(l.n, 0);
    parse_cookies(*state, ";;;", &l);
    assert_int_equal(l.n, 0);
}

static void test_json_object_parses(void **state)
{
    const char *s = "{\"name\": \"Buurtmoestuin\", \"hours\": 4}";
    json_t *v = NULL;
    assert_int_equal(parse_json_object(s, strlen(s), &v), ERR_OK);
    assert_non_null(v);
    assert_string_equal(json_string_value(json_object_get(v, "name")), "Buurtmoestuin");
    json_decref(v);
}

static void test_json_refuses_non_objects_and_duplicates(void **state)
{
    static const char *const bad[] = {
        "[1, 2]",
        "\"text\"",
        "42",
        "null",
        "",
        "{",
        "{\"a\": 1, \"a\": 2}",
        "{\"a\": \"\xc0\xaf\"}",
        "{\"a\": \"x\\u0000y\"}",
        "{} trailing",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *v = (json_t *)1;
        assert_int_equal(parse_json_object(bad[i], strlen(bad[i]), &v), ERR_INVALID);
        assert_null(v);
    }
}

static void test_media_type_matches_with_parameters(void **state)
{
    assert_true(parse_media_type_is("application/json", "application/json"));
    assert_true(parse_media_type_is("Application/JSON; charset=UTF-8", "application/json"));
    assert_true(parse_media_type_is("application/json;charset=\"utf-8\"", "application/json"));
    assert_true(parse_media_type_is(" application/x-www-form-urlencoded ; foo=bar",
                                    "application/x-www-form-urlencoded"));
}

static void test_media_type_refuses_others(void **state)
{
    assert_false(parse_media_type_is(NULL, "application/json"));
    assert_false(parse_media_type_is("application/jsonp", "application/json"));
    assert_false(parse_media_type_is("text/plain", "application/json"));
    assert_false(parse_media_type_is("application/json; charset=latin1", "application/json"));
    assert_false(parse_media_type_is("application/json; charset", "application/json"));
    assert_false(parse_media_type_is("application/json x", "application/json"));
}

static void test_kv_find_counts_repeats(void **state)
{
    struct kvlist l;
    size_t count = 99;
    assert_int_equal(form(*state, "a=1&b=2&a=3", &l), ERR_OK);
    assert_string_equal(parse_kv_find(&l, "a", &count), "1");
    assert_int_equal(count, 2);
    assert_null(parse_kv_find(&l, "c", &count));
    assert_int_equal(count, 0);
    assert_string_equal(parse_kv_find(&l, "b", NULL), "2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_form_splits_pairs_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_form_plus_is_space, setup, teardown),
        cmocka_unit_test_setup_teardown(test_form_percent_escapes_decode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_form_invalid_escape_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_form_overlong_utf8_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_form_empty_values_and_keys_without_equals, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_form_empty_pairs_are_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_form_respects_the_length_given, setup, teardown),
        cmocka_unit_test_setup_teardown(test_percent_decode_keeps_plus_in_paths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cookies_parse_pairs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cookies_skip_malformed_pairs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cookies_allow_empty_values_and_odd_spacing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_cookies_refuse_non_ascii, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cookies_null_or_empty_header, setup, teardown),
        cmocka_unit_test(test_json_object_parses),
        cmocka_unit_test(test_json_refuses_non_objects_and_duplicates),
        cmocka_unit_test(test_media_type_matches_with_parameters),
        cmocka_unit_test(test_media_type_refuses_others),
        cmocka_unit_test_setup_teardown(test_kv_find_counts_repeats, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
