/* Tests of the sociale-kaart import (src/model/socialekaart.c) on SQLite and
 * PostgreSQL (see account_testing.h): a good file registers its
 * organisations with their address and services, as the console and in the
 * audit log; the header maps columns by name in Dutch or English, in any
 * case and order; a missing required header names the column and imports
 * nothing; bad rows are reported by line and import nothing, unless
 * skip_bad, which imports the good rows only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capacity_testing.h"
#include "model/socialekaart.h"
#include "model_testing.h"

static enum err import(struct at_fx *fx, const char *csv, bool skip_bad,
                       struct socialekaart_result *res, struct fault *f)
{
    struct actor console = ct_console();
    return socialekaart_import_mem(fx->db, csv, strlen(csv), skip_bad, &console, res, f);
}

static void test_a_good_file_registers_organisations_and_services(void **state)
{
    struct at_fx *fx = at_fx(state);
    char *path = mt_source_path("tests/data/socialekaart/goed.csv");
    struct actor console = ct_console();
    struct socialekaart_result res;
    struct fault f = {0};
    assert_int_equal(socialekaart_import(fx->db, path, false, &console, &res, &f), ERR_OK);
    free(path);
    assert_int_equal(res.rows, 4);
    assert_int_equal(res.organisations, 4);
    assert_int_equal(res.services, 4);
    assert_int_equal(res.nreport, 0);
    socialekaart_result_free(&res);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation WHERE name = "
                                      "'Buurtcentrum De Kern' AND kind = 'institution' AND street "
                                      "= 'Kerkstraat 4' AND postal_code = '9901 AB' AND city = "
                                      "'Lindenhoven'"),
                     1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation WHERE name = "
                                      "'Vereniging Groen; en Buurt' AND kind = "
                                      "'formal_association'"),
                     1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM service s JOIN organisation o ON "
                                      "o.id = s.organisation_id WHERE o.name = 'Buurtcentrum De "
                                      "Kern'"),
                     2);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE capacity = 'console' "
                                      "AND action IN ('organisation.create', 'service.create')"),
                     8);
}

static void test_header_names_in_any_case_and_order(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct socialekaart_result res;
    const char *csv = "DIENSTEN,Kind,NAAM\nSpreekuur;Inloop,business,Kapper Knip\n";
    assert_int_equal(import(fx, csv, false, &res, NULL), ERR_OK);
    assert_int_equal(res.organisations, 1);
    assert_int_equal(res.services, 2);
    socialekaart_result_free(&res);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation WHERE name = 'Kapper "
                                      "Knip' AND kind = 'business'"),
                     1);
}

static void test_a_missing_header_is_named_and_nothing_imported(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct socialekaart_result res;
    struct fault f = {0};
    assert_int_equal(import(fx, "naam;adres\nDe Kern;Kerkstraat 4\n", false, &res, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "kind");
    assert_non_null(strstr(f.args[0], "\"soort\""));
    socialekaart_result_free(&res);
    assert_int_equal(import(fx, "", false, &res, &f), ERR_INVALID);
    socialekaart_result_free(&res);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation"), 0);
}

static void test_bad_rows_import_nothing_and_are_reported_by_line(void **state)
{
    struct at_fx *fx = at_fx(state);
    char *path = mt_source_path("tests/data/socialekaart/fout.csv");
    struct actor console = ct_console();
    struct socialekaart_result res;
    struct fault f = {0};
    assert_int_equal(socialekaart_import(fx->db, path, false, &console, &res, &f), ERR_INVALID);
    assert_int_equal(res.nreport, 3);
    assert_int_equal(strncmp(res.report[0], "Line 3: ", 8), 0);
    assert_int_equal(strncmp(res.report[1], "Line 4: ", 8), 0);
    assert_int_equal(strncmp(res.report[2], "Line 5: ", 8), 0);
    assert_non_null(strstr(res.report[2], "website"));
    assert_int_equal(res.organisations, 0);
    socialekaart_result_free(&res);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM service"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log"), 0);
    /* --skip-bad: the good rows (lines 2 and 6) go in, the bad ones are listed */
    assert_int_equal(socialekaart_import(fx->db, path, true, &console, &res, &f), ERR_OK);
    assert_int_equal(res.organisations, 2);
    assert_int_equal(res.services, 3);
    assert_int_equal(res.skipped, 3);
    assert_int_equal(res.nreport, 3);
    socialekaart_result_free(&res);
    free(path);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation WHERE name IN "
                                      "('Taalhuis', 'Speeltuin')"),
                     2);
}

static void test_a_missing_file_is_not_found(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct actor console = ct_console();
    struct socialekaart_result res;
    assert_int_equal(
        socialekaart_import(fx->db, "/nonexistent/kaart.csv", false, &console, &res, NULL),
        ERR_NOT_FOUND);
    socialekaart_result_free(&res);
}

static void test_only_the_console_or_an_admin_may_import(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t person = at_person(fx, "buur@example.nl", "Buur");
    struct actor someone = ct_act(person, NULL);
    struct socialekaart_result res;
    struct fault f = {0};
    const char *csv = "naam,soort\nDe Kern,institution\n";
    assert_int_equal(socialekaart_import_mem(fx->db, csv, strlen(csv), false, &someone, &res, &f),
                     ERR_FORBIDDEN);
    socialekaart_result_free(&res);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM organisation"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_a_good_file_registers_organisations_and_services),
        AT_TEST(test_header_names_in_any_case_and_order),
        AT_TEST(test_a_missing_header_is_named_and_nothing_imported),
        AT_TEST(test_bad_rows_import_nothing_and_are_reported_by_line),
        AT_TEST(test_a_missing_file_is_not_found),
        AT_TEST(test_only_the_console_or_an_admin_may_import),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
