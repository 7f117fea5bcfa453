/* The route table's promise about the policy: every state-changing route
 * (ROUTE_NEED_CSRF) names the policy action its handler asks about, unless it
 * acts only on one's own account or session, or on nothing yet (signing in
 * and up, password resets) -- those are listed below, one by one, with why.
 * A new state-changing route without an action and without a place on that
 * list fails here with its method and pattern, so it cannot slip past the
 * walk of tests/api/professional_api_test.c, which finds routes by action.
 * Every action a route names must also be a real row of the table: its name
 * parses back to it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "http/route.h"
#include "policy/policy.h"

#define WRITE_METHODS (HTTP_POST | HTTP_PUT | HTTP_PATCH | HTTP_DELETE)

struct exempt {
    unsigned method;
    const char *pattern;
};

/* State-changing routes that name no action, and why they need none. */
static const struct exempt own_account[] = {
    /* anonymous: there is no account yet, or no session */
    {HTTP_POST, "/sign-up"},
    {HTTP_POST, "/api/v1/people"},
    {HTTP_POST, "/sign-in"},
    {HTTP_POST, "/api/v1/session"},
    {HTTP_POST, "/password-reset"},
    {HTTP_POST, "/password-reset/new"},
    /* one's own session */
    {HTTP_POST, "/sign-out"},
    {HTTP_DELETE, "/api/v1/session"},
    {HTTP_POST, "/account/sessions/{id}/end"},
    {HTTP_DELETE, "/api/v1/me/sessions/{id}"},
    /* one's own password, behind the current one */
    {HTTP_POST, "/account/password"},
    {HTTP_POST, "/api/v1/me/password"},
    /* choosing the capacity one acts in: only among those one holds */
    {HTTP_POST, "/account/capacity"},
    {HTTP_PUT, "/api/v1/me/capacity"},
    /* one's own data: export and erasure, behind the password */
    {HTTP_POST, "/account/data"},
    {HTTP_POST, "/api/v1/me/data"},
    {HTTP_POST, "/account/erase"},
    {HTTP_POST, "/api/v1/me/erase"},
    /* one's own notifications, marked read */
    {HTTP_POST, "/notifications/read"},
    {HTTP_POST, "/api/v1/me/notifications/read"},
    /* one's own private calendar link (activities) */
    {HTTP_POST, "/me/calendar"},
    {HTTP_POST, "/me/calendar/revoke"},
    {HTTP_POST, "/api/v1/me/calendar"},
    {HTTP_DELETE, "/api/v1/me/calendar"},
    /* one's own voluntary age group (the monitor's I14) */
    {HTTP_POST, "/account/age-group"},
};
#define N_EXEMPT (sizeof own_account / sizeof own_account[0])

static bool exempt(const struct route *rt)
{
    for (size_t i = 0; i < N_EXEMPT; i++)
        if ((rt->methods & own_account[i].method) &&
            strcmp(rt->pattern, own_account[i].pattern) == 0)
            return true;
    return false;
}

/* "POST /x, PUT /y": the state-changing routes of table that name no action
 * and are not exempt. */
static void without_action(const struct route *table, struct buf *out)
{
    for (const struct route *rt = table; rt->pattern; rt++) {
        if (!(rt->flags & ROUTE_NEED_CSRF) || rt->action != ACTION_UNKNOWN || exempt(rt))
            continue;
        buf_printf(out, "%s%s %s", out->len ? ", " : "",
                   route_method_name(rt->methods & WRITE_METHODS), rt->pattern);
    }
}

static void test_every_state_changing_route_names_an_action(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    without_action(routes, &b);
    if (b.len)
        fail_msg("state-changing routes without a policy action (name one in routes.c, or "
                 "list an own-account route in route_action_test.c): %s",
                 buf_cstr(&b));
    buf_free(&b);
}

/* The list stays honest: each exempt route exists, needs CSRF and names no
 * action (one that gains an action leaves the list). */
static void test_exempt_routes_exist_and_name_no_action(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_EXEMPT; i++) {
        const struct route *found = NULL;
        for (const struct route *rt = routes; rt->pattern && !found; rt++)
            if ((rt->methods & own_account[i].method) &&
                strcmp(rt->pattern, own_account[i].pattern) == 0)
                found = rt;
        if (!found)
            fail_msg("exempt route not in the table: %s %s",
                     route_method_name(own_account[i].method), own_account[i].pattern);
        assert_true(found->flags & ROUTE_NEED_CSRF);
        if (found->action != ACTION_UNKNOWN)
            fail_msg("%s names %s: take it off the exempt list", found->pattern,
                     policy_action_name(found->action));
    }
}

static void test_named_actions_parse_back(void **state)
{
    (void)state;
    int named = 0;
    for (const struct route *rt = routes; rt->pattern; rt++) {
        if (rt->action == ACTION_UNKNOWN)
            continue;
        named++;
        const char *name = policy_action_name(rt->action);
        if (strcmp(name, "unknown") == 0 || policy_action_parse(name) != rt->action)
            fail_msg("%s names an action that is not in the policy table (%d)", rt->pattern,
                     (int)rt->action);
    }
    /* without any, the walk would prove nothing */
    assert_true(named >= 10);
}

static enum err nothing(struct req *r)
{
    (void)r;
    return ERR_OK;
}

static void test_walk_names_a_write_without_action(void **state)
{
    (void)state;
    static const struct route table[] = {
        {HTTP_GET, "/read", nothing, 0, NULL, 0, ACTION_UNKNOWN},
        {HTTP_POST, "/sign-in", nothing, ROUTE_NEED_CSRF, NULL, 0, ACTION_UNKNOWN},
        {HTTP_POST, "/verify", nothing, ROUTE_NEED_CSRF, NULL, 0, ACT_RESIDENCY_VERIFY},
        {HTTP_POST, "/sign-in/elsewhere", nothing, ROUTE_NEED_CSRF, NULL, 0, ACTION_UNKNOWN},
        {HTTP_PUT, "/api/v1/me/erase", nothing, ROUTE_NEED_CSRF, NULL, 0, ACTION_UNKNOWN},
        {0},
    };
    struct buf b = BUF_INIT;
    without_action(table, &b);
    /* an exempt pattern with another method is not exempt */
    assert_string_equal(buf_cstr(&b), "POST /sign-in/elsewhere, PUT /api/v1/me/erase");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_state_changing_route_names_an_action),
        cmocka_unit_test(test_exempt_routes_exist_and_name_no_action),
        cmocka_unit_test(test_named_actions_parse_back),
        cmocka_unit_test(test_walk_names_a_write_without_action),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
