/* Tests for core/log.c: line format, quoting, redaction of secrets, level
 * filtering and whole-line writes from several threads. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/log.h"

/* log_format's line without its "ts=... " prefix, which changes every
 * second; checks that the prefix has the ISO 8601 shape. */
static char *format_tail(enum log_level level, const char *reqid, const char *event,
                         const char *const *kv, int nkv)
{
    char *line = log_format(level, reqid, event, kv, nkv);
    assert_int_equal(strncmp(line, "ts=", 3), 0);
    assert_true(strlen(line) > 24);
    assert_int_equal(line[22], 'Z');
    assert_int_equal(line[23], ' ');
    char *tail = strdup(line + 24);
    free(line);
    return tail;
}

static void check_line(const char *const *kv, int nkv, const char *want)
{
    char *tail = format_tail(LOG_INFO, NULL, "e", kv, nkv);
    assert_string_equal(tail, want);
    free(tail);
}

/* Reads back everything written to f. */
static char *slurp(FILE *f)
{
    fflush(f);
    long n = ftell(f);
    char *s = calloc((size_t)n + 1, 1);
    rewind(f);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    return s;
}

static int setup(void **state)
{
    log_set_level(LOG_DEBUG);
    return 0;
}

static int teardown(void **state)
{
    log_set_stream(NULL);
    log_set_level(LOG_INFO);
    return 0;
}

static void test_log_format_writes_key_value_pairs(void **state)
{
    const char *kv[] = {"method", "GET", "path", "/buurten/BU03630101", "status", "200"};
    char *tail = format_tail(LOG_INFO, "4f2a", "request", kv, 3);
    assert_string_equal(tail, "level=info event=request req=4f2a method=GET "
                              "path=/buurten/BU03630101 status=200");
    free(tail);
}

static void test_log_format_names_every_level(void **state)
{
    const char *names[] = {"debug", "info", "warn", "error"};
    enum log_level levels[] = {LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR};
    for (int i = 0; i < 4; i++) {
        char want[64];
        snprintf(want, sizeof want, "level=%s event=x", names[i]);
        char *tail = format_tail(levels[i], NULL, "x", NULL, 0);
        assert_string_equal(tail, want);
        free(tail);
    }
}

static void test_log_quotes_values_with_space_quote_or_equals(void **state)
{
    const char *kv[] = {"a", "two words", "b", "say \"hi\"", "c", "x=1", "d", "plain"};
    check_line(kv, 4, "level=info event=e a=\"two words\" b=\"say \\\"hi\\\"\" c=\"x=1\" d=plain");
}

static void test_log_escapes_control_characters(void **state)
{
    const char *kv[] = {"msg", "line1\nline2\r\tend\x01", "path", "C:\\tmp dir"};
    check_line(kv, 2,
               "level=info event=e msg=\"line1\\nline2\\r\\tend\\x01\" "
               "path=\"C:\\\\tmp dir\"");
}

static void test_log_quotes_empty_and_null_values(void **state)
{
    const char *kv[] = {"a", "", "b", NULL};
    check_line(kv, 2, "level=info event=e a=\"\" b=\"\"");
}

static void test_log_escapes_invalid_utf8_and_keeps_valid(void **state)
{
    const char *kv[] = {"name", "caf\xc3\xa9", "raw", "ab\xff\xc3"};
    check_line(kv, 2, "level=info event=e name=caf\xc3\xa9 raw=\"ab\\xff\\xc3\"");
}

static void test_log_never_writes_an_email_address(void **state)
{
    const char *kv[] = {"user", "jan.devries@example.nl", "to", "Jan <jan@buurt.nl>"};
    char *tail = format_tail(LOG_INFO, NULL, "mail_sent", kv, 2);
    assert_null(strstr(tail, "example.nl"));
    assert_null(strstr(tail, "buurt.nl"));
    assert_null(strchr(tail, '@'));
    assert_string_equal(tail, "level=info event=mail_sent user=[redacted] to=[redacted]");
    free(tail);
}

static void test_log_never_writes_a_password(void **state)
{
    const char *kv[] = {"password", "Hunter2!", "new_Password", "correct horse"};
    char *tail = format_tail(LOG_INFO, NULL, "login", kv, 2);
    assert_null(strstr(tail, "Hunter2"));
    assert_null(strstr(tail, "horse"));
    assert_string_equal(tail, "level=info event=login password=[redacted] "
                              "new_Password=[redacted]");
    free(tail);
}

static void test_log_never_writes_a_token_or_session(void **state)
{
    /* clang-format off */
    const char *kv[] = {
        "token", "tok_9f8e7d",
        "X-CSRF", "csrf123",
        "session_id", "s3ss",
        "Cookie", "sid=abc",
        "api_secret", "shh",
        "Email", "nobody",
        "Authorization", "Bearer xyz",
    };
    /* clang-format on */
    char *tail = format_tail(LOG_INFO, NULL, "auth", kv, 7);
    assert_null(strstr(tail, "tok_9f8e7d"));
    assert_null(strstr(tail, "csrf123"));
    assert_null(strstr(tail, "s3ss"));
    assert_null(strstr(tail, "sid=abc"));
    assert_null(strstr(tail, "shh"));
    assert_null(strstr(tail, "nobody"));
    assert_null(strstr(tail, "xyz"));
    free(tail);
}

static void test_log_redacts_email_in_request_id_and_event(void **state)
{
    char *tail = format_tail(LOG_WARN, "a@b.nl", "x@y.nl", NULL, 0);
    assert_null(strchr(tail, '@'));
    free(tail);
}

static void test_log_key_cannot_break_the_line(void **state)
{
    const char *kv[] = {"bad key=\n", "v"};
    check_line(kv, 1, "level=info event=e bad_key__=v");
}

static void test_log_event_writes_one_line_to_stream(void **state)
{
    FILE *f = tmpfile();
    log_set_stream(f);
    log_event(LOG_INFO, "r1", "request", "method", "POST", "password", "geheim", NULL);
    char *out = slurp(f);
    assert_non_null(strstr(out, " level=info event=request req=r1 method=POST "
                                "password=[redacted]\n"));
    assert_null(strstr(out, "geheim"));
    assert_int_equal(strchr(out, '\n') - out + 1, (long)strlen(out));
    free(out);
    fclose(f);
}

static void test_log_event_drops_lines_below_level(void **state)
{
    FILE *f = tmpfile();
    log_set_stream(f);
    log_set_level(LOG_WARN);
    log_event(LOG_DEBUG, NULL, "dropped_debug", NULL);
    log_event(LOG_INFO, NULL, "dropped_info", NULL);
    log_event(LOG_WARN, NULL, "kept_warn", NULL);
    log_event(LOG_ERROR, NULL, "kept_error", "k", "v", NULL);
    char *out = slurp(f);
    assert_null(strstr(out, "dropped"));
    assert_non_null(strstr(out, "level=warn event=kept_warn\n"));
    assert_non_null(strstr(out, "level=error event=kept_error k=v\n"));
    free(out);
    fclose(f);
}

enum { THREADS = 8, LINES = 100, VALUE_LEN = 5000 };

static void *log_many(void *arg)
{
    static _Thread_local char value[VALUE_LEN + 1];
    memset(value, 'a' + (int)(intptr_t)arg, VALUE_LEN);
    value[VALUE_LEN] = '\0';
    for (int i = 0; i < LINES; i++)
        log_event(LOG_INFO, NULL, "bulk", "v", value, NULL);
    return NULL;
}

/* Checks that a line is "... event=bulk v=" followed by one letter repeated. */
static void check_bulk_line(const char *line, size_t len)
{
    const char *v = strstr(line, " event=bulk v=");
    assert_non_null(v);
    v += strlen(" event=bulk v=");
    assert_int_equal(line + len - v, VALUE_LEN);
    for (int i = 1; i < VALUE_LEN; i++)
        if (v[i] != v[0])
            fail_msg("line mixes output of two threads");
}

static void test_log_event_lines_from_threads_do_not_interleave(void **state)
{
    FILE *f = tmpfile();
    log_set_stream(f);
    pthread_t t[THREADS];
    for (intptr_t i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, log_many, (void *)i), 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    char *out = slurp(f);
    int lines = 0;
    for (char *p = out, *nl; (nl = strchr(p, '\n')); p = nl + 1, lines++)
        check_bulk_line(p, (size_t)(nl - p));
    assert_int_equal(lines, THREADS * LINES);
    free(out);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_log_format_writes_key_value_pairs),
        cmocka_unit_test(test_log_format_names_every_level),
        cmocka_unit_test(test_log_quotes_values_with_space_quote_or_equals),
        cmocka_unit_test(test_log_escapes_control_characters),
        cmocka_unit_test(test_log_quotes_empty_and_null_values),
        cmocka_unit_test(test_log_escapes_invalid_utf8_and_keeps_valid),
        cmocka_unit_test(test_log_never_writes_an_email_address),
        cmocka_unit_test(test_log_never_writes_a_password),
        cmocka_unit_test(test_log_never_writes_a_token_or_session),
        cmocka_unit_test(test_log_redacts_email_in_request_id_and_event),
        cmocka_unit_test(test_log_key_cannot_break_the_line),
        cmocka_unit_test_setup_teardown(test_log_event_writes_one_line_to_stream, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_event_drops_lines_below_level, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_event_lines_from_threads_do_not_interleave, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
