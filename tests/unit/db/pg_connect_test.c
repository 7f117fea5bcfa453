/* Tests of src/db/pg_connect.c: what a failed connection to PostgreSQL
 * tells a person and the log, and that no password gets into either. They
 * connect only to a closed port, so they need no server. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/log.h"
#include "db/db.h"
#include "db/pg.h"
#include "db_testing.h"

static const char connect_msgid[] = "Cannot connect to the database: %s";

/* Opens url (which must fail) with the log going to a temporary file; the
 * fault goes to *f and the log text (malloc'ed) is returned. */
static char *open_failing(const char *url, struct fault *f)
{
    FILE *log = tmpfile();
    assert_non_null(log);
    log_set_stream(log);
    assert_null(db_open(url, f));
    fflush(log);
    long size = ftell(log);
    rewind(log);
    char *text = calloc(1, (size_t)size + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)size, log), (size_t)size);
    testing_silence_log(NULL);
    fclose(log);
    return text;
}

static void test_open_closed_port_fails_unavailable(void **state)
{
    struct fault f = {0};
    char *log = open_failing("postgresql://127.0.0.1:1/wijk", &f);
    assert_int_equal(f.code, ERR_UNAVAILABLE);
    assert_string_equal(f.msgid, connect_msgid);
    assert_string_equal(
        f.args[0], "nothing accepts connections at that host and port; is PostgreSQL running?");
    assert_non_null(strstr(log, "event=db_connect_failed"));
    assert_non_null(strstr(log, "Connection refused"));
    free(log);
}

static void test_open_postgres_scheme_uses_same_driver(void **state)
{
    struct fault f = {0};
    char *log = open_failing("postgres://127.0.0.1:1/wijk", &f);
    assert_int_equal(f.code, ERR_UNAVAILABLE);
    assert_string_equal(f.msgid, connect_msgid);
    free(log);
}

static void test_open_keeps_password_out_of_fault_and_log(void **state)
{
    /* A bad percent escape makes libpq quote the password in its message. */
    struct fault f = {0};
    char *log = open_failing("postgresql://wijk:geheim%zzwoord@127.0.0.1:1/wijk", &f);
    assert_int_equal(f.code, ERR_UNAVAILABLE);
    assert_string_equal(f.args[0], "the database URL is not valid.");
    assert_non_null(strstr(log, "percent-encoded"));
    assert_null(strstr(log, "geheim"));
    assert_null(strstr(f.args[0], "geheim"));
    free(log);
}

static void test_open_invalid_url_option_fails_unavailable(void **state)
{
    struct fault f = {0};
    char *log = open_failing("postgresql://127.0.0.1:1/wijk?no_such_option=1", &f);
    assert_int_equal(f.code, ERR_UNAVAILABLE);
    assert_string_equal(f.args[0], "the database URL is not valid.");
    free(log);
}

static void test_reason_names_each_known_failure(void **state)
{
    assert_string_equal(pg_connect_reason("could not translate host name \"db.x\" to address"),
                        "the host name is unknown.");
    assert_string_equal(pg_connect_reason("FATAL:  password authentication failed for user \"a\""),
                        "the user name or password was refused.");
    assert_string_equal(pg_connect_reason("FATAL:  database \"wijk\" does not exist"),
                        "the database or the user does not exist.");
    assert_string_equal(pg_connect_reason("FATAL:  sorry, too many clients already"),
                        "the server has no free connections left.");
    assert_string_equal(pg_connect_reason("FATAL:  the database system is starting up"),
                        "the server is starting up; try again in a moment.");
    assert_string_equal(pg_connect_reason("timeout expired"), "the server did not answer in time.");
}

static void test_reason_of_unknown_message_points_to_log(void **state)
{
    assert_string_equal(pg_connect_reason("something new"), "see the log for the server's answer.");
    assert_string_equal(pg_connect_reason(NULL), "see the log for the server's answer.");
}

static void scrubbed(const char *url, const char *msg, const char *want)
{
    struct buf out = BUF_INIT;
    pg_connect_scrub(url, msg, &out);
    assert_string_equal(buf_cstr(&out), want);
    buf_free(&out);
}

static void test_scrub_blanks_user_info_password(void **state)
{
    scrubbed("postgresql://wijk:s3cr3t@db.example:5432/wijk", "bad token \"s3cr3t\", s3cr3t\n",
             "bad token \"***\", ***");
}

static void test_scrub_blanks_query_password(void **state)
{
    scrubbed("postgresql://db.example/wijk?user=wijk&password=s3cr3t&sslmode=require",
             "token s3cr3t", "token ***");
}

static void test_scrub_without_password_keeps_message(void **state)
{
    scrubbed("postgresql://wijk@db.example/wijk", "role \"wijk\" does not exist\n",
             "role \"wijk\" does not exist");
    scrubbed("postgresql://db.example/wijk?passwordless=1", "x=1", "x=1");
}

static void test_scrub_at_sign_in_password_uses_last_at(void **state)
{
    scrubbed("postgresql://wijk:p@ss@db.example/wijk", "saw p@ss", "saw ***");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_closed_port_fails_unavailable),
        cmocka_unit_test(test_open_postgres_scheme_uses_same_driver),
        cmocka_unit_test(test_open_keeps_password_out_of_fault_and_log),
        cmocka_unit_test(test_open_invalid_url_option_fails_unavailable),
        cmocka_unit_test(test_reason_names_each_known_failure),
        cmocka_unit_test(test_reason_of_unknown_message_points_to_log),
        cmocka_unit_test(test_scrub_blanks_user_info_password),
        cmocka_unit_test(test_scrub_blanks_query_password),
        cmocka_unit_test(test_scrub_without_password_keeps_message),
        cmocka_unit_test(test_scrub_at_sign_in_password_uses_last_at),
    };
    return cmocka_run_group_tests(tests, testing_silence_log, NULL);
}
