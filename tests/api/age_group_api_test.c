/* API test of the voluntary age group on one's account page (the
 * transition monitor's I14, docs/monitor.md) over real HTTP, on SQLite and
 * (with WIJKREGIE_TEST_DB_URL) PostgreSQL: a signed-in person chooses an
 * age group with the form on /account (303 back to it, the choice shown
 * selected, stored once), changes it, takes it back by choosing "rather
 * not say"; a group that is none of the four is refused with the message
 * next to the field and changes nothing; a stranger's post stores nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "harness.h"

struct fixture {
    struct harness *h;
    struct client ann;
};

static int setup(void **state)
{
    setenv("WIJKREGIE_FAST_HASH", "1", 1);
    struct fixture *fx = calloc(1, sizeof *fx);
    *state = fx;
    if (!fx || !(fx->h = harness_start()))
        return -1;
    fx->ann = client_person(fx->h, "leeftijd@example.nl", "Ann");
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    bool clean = harness_stop(fx->h);
    free(fx);
    return clean ? 0 : -1;
}

static int64_t stored(struct fixture *fx, const char *group)
{
    if (!group)
        return query_count(fx->h, "SELECT COUNT(*) FROM person_age_group WHERE person_id = ?",
                           fx->ann.person_id);
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM person_age_group WHERE person_id = ? AND age_group = '%s'",
             group);
    return query_count(fx->h, sql, fx->ann.person_id);
}

static void test_the_account_page_asks_for_it_voluntarily(void **state)
{
    struct fixture *fx = *state;
    struct http_resp resp;
    assert_int_equal(client_send(&fx->ann, "GET", "/account", NULL, &resp), 200);
    const char *body = buf_cstr(&resp.body);
    assert_non_null(strstr(body, "<label for=\"account-age_group\""));
    assert_non_null(strstr(body, "<option value=\"\" selected>"));
    http_resp_free(&resp);
}

static void test_a_person_chooses_changes_and_withdraws_it(void **state)
{
    struct fixture *fx = *state;
    client_expect(&fx->ann, "POST", "/account/age-group", "age_group=45_65", 303);
    assert_int_equal(stored(fx, "45_65"), 1);
    struct http_resp resp;
    assert_int_equal(client_send(&fx->ann, "GET", "/account", NULL, &resp), 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "<option value=\"45_65\" selected>"));
    http_resp_free(&resp);
    client_expect(&fx->ann, "POST", "/account/age-group", "age_group=25_45", 303);
    assert_int_equal(stored(fx, NULL), 1);
    assert_int_equal(stored(fx, "25_45"), 1);
    client_expect(&fx->ann, "POST", "/account/age-group", "age_group=", 303);
    assert_int_equal(stored(fx, NULL), 0);
}

static void test_a_group_that_is_none_of_the_four_is_refused(void **state)
{
    struct fixture *fx = *state;
    client_expect(&fx->ann, "POST", "/account/age-group", "age_group=65_plus", 303);
    struct http_resp resp;
    long status = client_send(&fx->ann, "POST", "/account/age-group", "age_group=0_15", &resp);
    assert_true(status == 400 || status == 422);
    const char *body = buf_cstr(&resp.body);
    assert_non_null(strstr(body, "Choose one of the age groups."));
    assert_non_null(strstr(body, "id=\"account-age_group-error\""));
    http_resp_free(&resp);
    assert_int_equal(stored(fx, "65_plus"), 1);
    /* a stranger is sent to sign in; nothing is stored */
    struct client nobody = client_new(fx->h);
    client_send(&nobody, "POST", "/account/age-group", "age_group=15_25", &resp);
    http_resp_free(&resp);
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM person_age_group", 0), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_account_page_asks_for_it_voluntarily),
        cmocka_unit_test(test_a_person_chooses_changes_and_withdraws_it),
        cmocka_unit_test(test_a_group_that_is_none_of_the_four_is_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
