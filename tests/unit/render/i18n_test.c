/* Tests of src/render/i18n.c: the .po parser (entries, continuation lines,
 * escapes, comments, contexts, plurals, and errors that name their line),
 * lookups, the built-in catalogs, and the choice of language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "render/i18n.h"

/* Parses text as lang into a fresh catalog (in *state for the teardown);
 * returns catalog_add_po's result, the fault in *f. */
static int parse(void **state, const char *text, struct fault *f)
{
    struct catalog *c = *state;
    *f = (struct fault){0};
    return catalog_add_po(c, "nl", text, strlen(text), f);
}

static const char *get(void **state, const char *msgid)
{
    return catalog_get(*state, "nl", msgid);
}

static int setup(void **state)
{
    *state = catalog_new();
    return 0;
}

static int teardown(void **state)
{
    catalog_free(*state);
    return 0;
}

/* The line number a parse error names. */
static const char *error_line(const struct fault *f)
{
    assert_int_equal(f->code, ERR_INVALID);
    assert_non_null(f->msgid);
    return f->args[0];
}

static void test_po_parses_simple_entries(void **state)
{
    struct fault f;
    assert_int_equal(parse(state,
                           "msgid \"House\"\nmsgstr \"Huis\"\n\n"
                           "msgid \"Street\"\nmsgstr \"Straat\"\n",
                           &f),
                     2);
    assert_string_equal(get(state, "House"), "Huis");
    assert_string_equal(get(state, "Street"), "Straat");
}

static void test_po_joins_continuation_strings(void **state)
{
    struct fault f;
    const char *po = "msgid \"\"\n\"Long \"\n  \"message\"\nmsgstr \"\"\n\"Lang \"\n\"bericht\"\n";
    assert_int_equal(parse(state, po, &f), 1);
    assert_string_equal(get(state, "Long message"), "Lang bericht");
}

static void test_po_decodes_c_escapes(void **state)
{
    struct fault f;
    const char *po = "msgid \"a\\\"b\\\\c\\td\\ne\"\nmsgstr \"A\\\"B\\\\C\\tD\\nE\"\n";
    assert_int_equal(parse(state, po, &f), 1);
    assert_string_equal(get(state, "a\"b\\c\td\ne"), "A\"B\\C\tD\nE");
}

static void test_po_skips_comments_and_header(void **state)
{
    struct fault f;
    const char *po = "# translator comment\n"
                     "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
                     "#. extracted\n#: src/web/home.c:12\n#, c-format\n"
                     "msgid \"Hello %s\"\nmsgstr \"Hallo %s\"\n"
                     "#~ msgid \"old\"\n#~ msgstr \"oud\"\n";
    assert_int_equal(parse(state, po, &f), 1);
    assert_string_equal(get(state, "Hello %s"), "Hallo %s");
    assert_string_equal(get(state, ""), "");
    assert_string_equal(get(state, "old"), "old");
}

static void test_po_skips_fuzzy_and_untranslated_entries(void **state)
{
    struct fault f;
    const char *po = "#, fuzzy\nmsgid \"Guess\"\nmsgstr \"Gok\"\n\n"
                     "msgid \"Empty\"\nmsgstr \"\"\n\n"
                     "msgid \"Kept\"\nmsgstr \"Bewaard\"\n";
    assert_int_equal(parse(state, po, &f), 1);
    assert_string_equal(get(state, "Guess"), "Guess");
    assert_string_equal(get(state, "Empty"), "Empty");
    assert_string_equal(get(state, "Kept"), "Bewaard");
}

static void test_po_entries_need_no_blank_line_between_them(void **state)
{
    struct fault f;
    assert_int_equal(parse(state, "msgid \"a\"\nmsgstr \"A\"\nmsgid \"b\"\nmsgstr \"B\"", &f), 2);
    assert_string_equal(get(state, "b"), "B");
}

static void test_po_accepts_crlf_line_ends(void **state)
{
    struct fault f;
    assert_int_equal(parse(state, "msgid \"a\"\r\nmsgstr \"A\"\r\n", &f), 1);
    assert_string_equal(get(state, "a"), "A");
}

static void test_po_stores_context_under_gettext_key(void **state)
{
    struct fault f;
    const char *po = "msgctxt \"menu\"\nmsgid \"Open\"\nmsgstr \"Openen\"\n\n"
                     "msgid \"Open\"\nmsgstr \"Open (bn)\"\n";
    assert_int_equal(parse(state, po, &f), 2);
    assert_string_equal(get(state, "menu\004Open"), "Openen");
    assert_string_equal(get(state, "Open"), "Open (bn)");
}

static void test_po_plural_keeps_the_singular(void **state)
{
    struct fault f;
    const char *po = "msgid \"%s house\"\nmsgid_plural \"%s houses\"\n"
                     "msgstr[0] \"%s huis\"\nmsgstr[1] \"%s huizen\"\n";
    assert_int_equal(parse(state, po, &f), 1);
    assert_string_equal(get(state, "%s house"), "%s huis");
}

static void test_po_unterminated_string_names_its_line(void **state)
{
    struct fault f;
    assert_int_equal(parse(state, "msgid \"a\"\nmsgstr \"A\"\n\nmsgid \"b\nmsgstr \"B\"\n", &f),
                     -1);
    assert_string_equal(error_line(&f), "4");
    assert_string_equal(f.args[1], "nl");
}

static void test_po_unknown_keyword_names_its_line(void **state)
{
    struct fault f;
    assert_int_equal(parse(state, "msgid \"a\"\nmsgstring \"A\"\n", &f), -1);
    assert_string_equal(error_line(&f), "2");
}

static void test_po_unknown_escape_is_an_error(void **state)
{
    struct fault f;
    assert_int_equal(parse(state, "msgid \"a\\q\"\nmsgstr \"A\"\n", &f), -1);
    assert_string_equal(error_line(&f), "1");
}

static void test_po_string_without_keyword_is_an_error(void **state)
{
    struct fault f;
    assert_int_equal(parse(state, "# comment\n\"orphan\"\n", &f), -1);
    assert_string_equal(error_line(&f), "2");
}

static void test_po_msgid_without_msgstr_is_an_error(void **state)
{
    struct fault f;
    assert_int_equal(parse(state, "msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"B\"\n", &f), -1);
    assert_string_equal(error_line(&f), "3");
    assert_int_equal(parse(state, "msgid \"a\"\n", &f), -1);
}

static void test_po_text_after_string_is_an_error(void **state)
{
    struct fault f;
    assert_int_equal(parse(state, "msgid \"a\" x\nmsgstr \"A\"\n", &f), -1);
    assert_string_equal(error_line(&f), "1");
}

static void test_po_duplicate_message_names_the_second(void **state)
{
    struct fault f;
    const char *po = "msgid \"a\"\nmsgstr \"A\"\n\nmsgid \"a\"\nmsgstr \"B\"\n";
    assert_int_equal(parse(state, po, &f), -1);
    assert_string_equal(error_line(&f), "4");
}

static void test_po_invalid_utf8_is_an_error(void **state)
{
    struct fault f;
    assert_int_equal(parse(state, "msgid \"a\"\nmsgstr \"\xc3\x28\"\n", &f), -1);
    assert_string_equal(error_line(&f), "2");
}

static void test_po_nul_byte_is_an_error(void **state)
{
    struct catalog *c = *state;
    struct fault f = {0};
    const char text[] = "msgid \"a\"\nmsgstr \"A\0\"\n";
    assert_int_equal(catalog_add_po(c, "nl", text, sizeof text - 1, &f), -1);
    assert_string_equal(error_line(&f), "2");
}

static void test_po_msgstr_index_without_plural_is_an_error(void **state)
{
    struct fault f;
    assert_int_equal(parse(state, "msgid \"a\"\nmsgstr[0] \"A\"\n", &f), -1);
    assert_string_equal(error_line(&f), "2");
}

static void test_po_empty_text_adds_nothing(void **state)
{
    struct fault f;
    assert_int_equal(parse(state, "", &f), 0);
    assert_int_equal(parse(state, "# only a comment\n\n", &f), 0);
}

static void test_catalog_get_falls_back_to_the_msgid(void **state)
{
    struct fault f;
    assert_int_equal(parse(state, "msgid \"a\"\nmsgstr \"A\"\n", &f), 1);
    assert_string_equal(catalog_get(*state, "nl", "b"), "b");
    assert_string_equal(catalog_get(*state, "fr", "a"), "a");
    assert_string_equal(catalog_get(NULL, "nl", "a"), "a");
}

static void test_catalog_keeps_languages_apart(void **state)
{
    struct catalog *c = *state;
    struct fault f = {0};
    const char *nl = "msgid \"Yes\"\nmsgstr \"Ja\"\n";
    const char *de = "msgid \"Yes\"\nmsgstr \"Jawohl\"\n";
    assert_int_equal(catalog_add_po(c, "nl", nl, strlen(nl), &f), 1);
    assert_int_equal(catalog_add_po(c, "de", de, strlen(de), &f), 1);
    assert_string_equal(catalog_get(c, "nl", "Yes"), "Ja");
    assert_string_equal(catalog_get(c, "de", "Yes"), "Jawohl");
}

static void test_catalog_holds_many_messages(void **state)
{
    struct catalog *c = *state;
    char text[64], id[16];
    struct fault f = {0};
    for (int i = 0; i < 2000; i++) {
        int n = snprintf(text, sizeof text, "msgid \"m%d\"\nmsgstr \"t%d\"\n", i, i);
        assert_int_equal(catalog_add_po(c, "nl", text, (size_t)n, &f), 1);
    }
    for (int i = 0; i < 2000; i += 7) {
        snprintf(id, sizeof id, "m%d", i);
        snprintf(text, sizeof text, "t%d", i);
        assert_string_equal(catalog_get(c, "nl", id), text);
    }
}

static void test_builtin_catalogs_load_and_translate(void **state)
{
    struct fault f = {0};
    struct catalog *c = catalog_load(&f);
    assert_non_null(c);
    assert_string_equal(catalog_get(c, "nl", "Inhabitants"), "Inwoners");
    assert_string_equal(catalog_get(c, "en", "Inhabitants"), "Inhabitants");
    assert_string_equal(catalog_get(c, "nl", "Not found"), "Niet gevonden");
    assert_string_equal(catalog_get(c, "nl", "Unknown area code %s."), "Onbekende gebiedscode %s.");
    assert_string_equal(catalog_get(c, "en", "wijk"), "district");
    catalog_free(c);
}

static void test_languages_are_nl_then_en(void **state)
{
    assert_string_equal(i18n_languages[0], "nl");
    assert_string_equal(i18n_languages[1], "en");
    assert_null(i18n_languages[2]);
}

static void test_negotiate_prefers_a_valid_cookie(void **state)
{
    assert_string_equal(i18n_negotiate("en", "nl"), "en");
    assert_string_equal(i18n_negotiate("nl", "en"), "nl");
}

static void test_negotiate_ignores_an_invalid_cookie(void **state)
{
    assert_string_equal(i18n_negotiate("fr", "en"), "en");
    assert_string_equal(i18n_negotiate("EN-x", NULL), "nl");
}

static void test_negotiate_defaults_to_dutch(void **state)
{
    assert_string_equal(i18n_negotiate(NULL, NULL), "nl");
    assert_string_equal(i18n_negotiate(NULL, ""), "nl");
    assert_string_equal(i18n_negotiate(NULL, "fr-FR, de;q=0.8"), "nl");
}

static void test_negotiate_counts_regional_variants(void **state)
{
    assert_string_equal(i18n_negotiate(NULL, "en-GB"), "en");
    assert_string_equal(i18n_negotiate(NULL, "nl-BE"), "nl");
    assert_string_equal(i18n_negotiate(NULL, "en-US,en;q=0.9"), "en");
    assert_string_equal(i18n_negotiate(NULL, "EN-us"), "en");
}

static void test_negotiate_honours_q_values(void **state)
{
    assert_string_equal(i18n_negotiate(NULL, "nl;q=0.5, en;q=0.8"), "en");
    assert_string_equal(i18n_negotiate(NULL, "fr, en;q=0.5, nl;q=0.4"), "en");
    assert_string_equal(i18n_negotiate(NULL, "en;q=0.1, nl-NL;q=0.9"), "nl");
}

static void test_negotiate_q_zero_excludes(void **state)
{
    assert_string_equal(i18n_negotiate(NULL, "nl;q=0, en;q=0.1"), "en");
    assert_string_equal(i18n_negotiate(NULL, "nl;q=0.000, *"), "en");
    assert_string_equal(i18n_negotiate(NULL, "en;q=0"), "nl");
}

static void test_negotiate_keeps_header_order_on_ties(void **state)
{
    assert_string_equal(i18n_negotiate(NULL, "en, nl"), "en");
    assert_string_equal(i18n_negotiate(NULL, "nl, en"), "nl");
}

static void test_negotiate_wildcard_ranks_after_named(void **state)
{
    assert_string_equal(i18n_negotiate(NULL, "*, en"), "en");
    assert_string_equal(i18n_negotiate(NULL, "de, *;q=0.5"), "nl");
}

static void test_negotiate_ignores_malformed_items(void **state)
{
    assert_string_equal(i18n_negotiate(NULL, "en;q=2"), "nl");
    assert_string_equal(i18n_negotiate(NULL, "en;q=abc"), "nl");
    assert_string_equal(i18n_negotiate(NULL, ",,;;, en ; q=0.7 ,"), "en");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_po_parses_simple_entries),
        T(test_po_joins_continuation_strings),
        T(test_po_decodes_c_escapes),
        T(test_po_skips_comments_and_header),
        T(test_po_skips_fuzzy_and_untranslated_entries),
        T(test_po_entries_need_no_blank_line_between_them),
        T(test_po_accepts_crlf_line_ends),
        T(test_po_stores_context_under_gettext_key),
        T(test_po_plural_keeps_the_singular),
        T(test_po_unterminated_string_names_its_line),
        T(test_po_unknown_keyword_names_its_line),
        T(test_po_unknown_escape_is_an_error),
        T(test_po_string_without_keyword_is_an_error),
        T(test_po_msgid_without_msgstr_is_an_error),
        T(test_po_text_after_string_is_an_error),
        T(test_po_duplicate_message_names_the_second),
        T(test_po_invalid_utf8_is_an_error),
        T(test_po_nul_byte_is_an_error),
        T(test_po_msgstr_index_without_plural_is_an_error),
        T(test_po_empty_text_adds_nothing),
        T(test_catalog_get_falls_back_to_the_msgid),
        T(test_catalog_keeps_languages_apart),
        T(test_catalog_holds_many_messages),
        cmocka_unit_test(test_builtin_catalogs_load_and_translate),
        cmocka_unit_test(test_languages_are_nl_then_en),
        cmocka_unit_test(test_negotiate_prefers_a_valid_cookie),
        cmocka_unit_test(test_negotiate_ignores_an_invalid_cookie),
        cmocka_unit_test(test_negotiate_defaults_to_dutch),
        cmocka_unit_test(test_negotiate_counts_regional_variants),
        cmocka_unit_test(test_negotiate_honours_q_values),
        cmocka_unit_test(test_negotiate_q_zero_excludes),
        cmocka_unit_test(test_negotiate_keeps_header_order_on_ties),
        cmocka_unit_test(test_negotiate_wildcard_ranks_after_named),
        cmocka_unit_test(test_negotiate_ignores_malformed_items),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
