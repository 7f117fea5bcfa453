/* A professional trying each forbidden action, over real HTTP: the test
 * walks the route table (http/routes.c) and, for every route whose policy
 * action a professional may do in no relation, calls it as a professional
 * on a real object -- a pending residency to verify, a requested post to
 * confirm, reported content to hide, ... -- and expects 403 with the
 * policy's reason (the facilitating role) as the JSON error message or on
 * the error page, and nothing changed: the object's state and a fingerprint
 * of the tables these routes write (the audit log among them) are the same
 * before and after. A route with such an action but no case (in
 * professional_cases.c) fails the walk, so a new route cannot escape it. A
 * few routes are also tried in Dutch (Accept-Language, and the lang cookie
 * for a page).
 *
 * Handlers that answer a professional otherwise are listed in deviations[]
 * with what they answer now, each a bug for the route's owner: the walk
 * asserts that answer exactly (and that nothing changed), so a fix fails
 * here until the entry is removed. The fixture is capacity_api_test's: a
 * platform admin from `wijkregie user add --admin`, roles through the API,
 * an organisation from `wijkregie organisation add`, and the professional's
 * post requested and confirmed through the post model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/route.h"
#include "policy/policy.h"
#include "professional_cases.h"
#include "render/i18n.h"

/* What the routes walked here write, the audit log first -- except the
 * restricted "<action>.refused" entries that log a refused attempt on an
 * initiative (model/initiative.h), which a refusal must write. */
static const char fingerprint_sql[] =
    "SELECT (SELECT COUNT(*) FROM audit_log WHERE action NOT LIKE '%.refused'), "
    "(SELECT COUNT(*) FROM residency), "
    "(SELECT COUNT(*) FROM residency WHERE status <> 'requested'), "
    "(SELECT COUNT(*) FROM vouch), (SELECT COUNT(*) FROM residency_letter), "
    "(SELECT COUNT(*) FROM residency_letter WHERE used_at IS NOT NULL), "
    "(SELECT COUNT(*) FROM role_grant), (SELECT COUNT(*) FROM post WHERE status <> 'requested'), "
    "(SELECT COUNT(*) FROM organisation), (SELECT COUNT(*) FROM content_report), "
    "(SELECT COUNT(*) FROM content_report WHERE status <> 'open'), "
    "(SELECT COUNT(*) FROM content_hidden), "
    "(SELECT COUNT(*) FROM content_hidden WHERE unhidden_at IS NOT NULL), "
    "(SELECT COUNT(*) FROM invitation)";

/* Routes whose handler answers a professional otherwise than 403 with the
 * policy's reason, and what they answer now: bugs for their owners, who
 * remove the entry with the fix. Nothing may change all the same. */
struct deviation {
    unsigned method;
    const char *pattern;
    long status;
};

static const struct deviation deviations[] = {
    {0, NULL, 0},
};

static const struct deviation *deviation_for(unsigned method, const char *pattern)
{
    for (size_t i = 0; deviations[i].pattern; i++)
        if (deviations[i].method == method && strcmp(deviations[i].pattern, pattern) == 0)
            return &deviations[i];
    return NULL;
}

/* Whether a professional may do action in some relation. */
static bool professional_may(enum action action)
{
    for (int r = 0; r < RELATION_COUNT; r++)
        if (policy_check(action, CAP_PROFESSIONAL, (enum relation)r).allowed)
            return true;
    return false;
}

/* The methods of rt the walk tries: HEAD is GET's. */
static unsigned methods_of(const struct route *rt)
{
    return rt->methods & ~(unsigned)HTTP_HEAD;
}

static bool forbidden_to_professionals(const struct route *rt)
{
    return rt->action != ACTION_UNKNOWN && !professional_may(rt->action);
}

/* "POST /x, GET /y": the routes of table forbidden to professionals that
 * have no case. */
static void missing_cases(const struct route *table, struct buf *out)
{
    for (const struct route *rt = table; rt->pattern; rt++) {
        if (!forbidden_to_professionals(rt))
            continue;
        for (unsigned m = 1; m <= methods_of(rt); m <<= 1)
            if ((methods_of(rt) & m) && !route_case_for(m, rt->pattern))
                buf_printf(out, "%s%s %s", out->len ? ", " : "", route_method_name(m), rt->pattern);
    }
}

/* ---- one attempt ------------------------------------------------------------ */

static void append_escaped(struct buf *b, const char *s, bool json)
{
    for (; *s; s++) {
        if (json && (*s == '"' || *s == '\\'))
            buf_printf(b, "\\%c", *s);
        else if (!json && !isalnum((unsigned char)*s) && !strchr("-_.~", *s))
            buf_printf(b, *s == ' ' ? "+" : "%%%02X", (unsigned char)*s);
        else
            buf_printf(b, "%c", *s);
    }
}

/* The attempt's fields as a JSON object or a form; NULL for a GET. */
static char *body_of(const struct route *rt, unsigned method, const struct attempt *at)
{
    if (method == HTTP_GET)
        return NULL;
    bool json = rt->flags & ROUTE_JSON;
    struct buf b = BUF_INIT;
    buf_printf(&b, "%s", json ? "{" : "");
    for (int i = 0; i + 1 < ATTEMPT_FIELDS && at->fields[i]; i += 2) {
        buf_printf(&b, "%s", i ? (json ? ", " : "&") : "");
        buf_printf(&b, json ? "\"%s\": \"" : "%s=", at->fields[i]);
        append_escaped(&b, at->fields[i + 1], json);
        buf_printf(&b, "%s", json ? "\"" : "");
    }
    buf_printf(&b, "%s", json ? "}" : "");
    return buf_detach(&b, NULL);
}

/* text as html_text() writes it. */
static char *html_escaped(const char *text)
{
    struct buf b = BUF_INIT;
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '&':
            buf_printf(&b, "&amp;");
            break;
        case '<':
            buf_printf(&b, "&lt;");
            break;
        case '>':
            buf_printf(&b, "&gt;");
            break;
        case '"':
            buf_printf(&b, "&quot;");
            break;
        case '\'':
            buf_printf(&b, "&#39;");
            break;
        default:
            buf_printf(&b, "%c", *p);
        }
    }
    return buf_detach(&b, NULL);
}

/* Whether the answer carries message: the JSON error's message, or the
 * error page's. */
static bool shows_message(const struct route *rt, const struct http_resp *resp, const char *message)
{
    if (rt->flags & ROUTE_JSON) {
        const char *error = json_string_value(json_object_get(resp->json, "error"));
        const char *got = json_string_value(json_object_get(resp->json, "message"));
        return error && *error && got && strcmp(got, message) == 0;
    }
    /* the error page, or the form again with the error above it */
    char *escaped = html_escaped(message);
    struct buf page = BUF_INIT, form = BUF_INIT;
    buf_printf(&page, "<p class=\"error-message\">%s</p>", escaped);
    buf_printf(&form, "<div class=\"form-errors\" role=\"alert\"><p><strong>");
    const char *body = buf_cstr(&resp->body), *alert = strstr(body, buf_cstr(&form));
    buf_reset(&form);
    buf_printf(&form, "</strong> %s</p></div>", escaped);
    bool found = strstr(body, buf_cstr(&page)) || (alert && strstr(alert, buf_cstr(&form)));
    buf_free(&page);
    buf_free(&form);
    free(escaped);
    return found;
}

/* The reason a professional gets for action: the same in every relation. */
static const char *professional_reason(enum action action)
{
    const char *reason = policy_check(action, CAP_PROFESSIONAL, REL_OTHER).reason;
    for (int r = 0; r < RELATION_COUNT; r++)
        assert_string_equal(policy_check(action, CAP_PROFESSIONAL, (enum relation)r).reason,
                            reason);
    return reason;
}

/* Tries rt with method as the professional in lang (cookie_lang: the lang
 * cookie, or NULL); returns false, with the reason in *why, when the answer
 * is not the one expected or something changed. */
static bool try_route(struct fixture *fx, const struct route *rt, unsigned method, const char *lang,
                      const char *cookie_lang, struct buf *why)
{
    const struct route_case *c = route_case_for(method, rt->pattern);
    struct attempt at;
    memset(&at, 0, sizeof at);
    char before[300], after[300], object_before[200] = "", object_after[200] = "";
    /* the walk writes more than one session's quota (http/access.h) allows
     * in ten minutes, and its preparations sign in more people from one
     * address than the sign-in limit allows; no limit is what is tested
     * here: every count starts afresh before each case */
    row_read(fx->h, "DELETE FROM rate_limit", NULL, before, sizeof before);
    c->prep(fx, rt, &at);
    row_read(fx->h, "DELETE FROM rate_limit", NULL, before, sizeof before);
    row_read(fx->h, fingerprint_sql, NULL, before, sizeof before);
    if (at.object_sql)
        row_read(fx->h, at.object_sql, at.key, object_before, sizeof object_before);
    char *body = body_of(rt, method, &at);
    struct http_resp resp;
    fx->pro.lang = cookie_lang ? "en" : lang;
    fx->pro.cookie_lang = cookie_lang;
    long status = client_send(&fx->pro, route_method_name(method), at.path, body, &resp);
    fx->pro.lang = fx->pro.cookie_lang = NULL;
    const char *want =
        catalog_get(fx->cat, cookie_lang ? cookie_lang : lang, professional_reason(rt->action));
    const struct deviation *d = deviation_for(method, rt->pattern);
    bool ok = d ? status == d->status : status == 403 && shows_message(rt, &resp, want);
    if (!ok) {
        const char *got = strstr(buf_cstr(&resp.body), "error-message");
        buf_printf(why, "\n#  %s %s -> %ld, expected %ld with \"%s\": %.300s",
                   route_method_name(method), at.path, status, d ? d->status : 403L, want,
                   got ? got : buf_cstr(&resp.body));
    }
    if (d)
        printf("# KNOWN BUG: %s %s answers a professional %ld, not 403\n",
               route_method_name(method), rt->pattern, status);
    http_resp_free(&resp);
    free(body);
    row_read(fx->h, fingerprint_sql, NULL, after, sizeof after);
    if (at.object_sql)
        row_read(fx->h, at.object_sql, at.key, object_after, sizeof object_after);
    if (strcmp(before, after) != 0 || strcmp(object_before, object_after) != 0) {
        buf_printf(why, "\n#  %s %s changed something: %s -> %s, object %s -> %s",
                   route_method_name(method), at.path, before, after, object_before, object_after);
        ok = false;
    }
    return ok;
}

/* ---- fixture ---------------------------------------------------------------- */

static int group_setup(void **state)
{
    setenv("WIJKREGIE_FAST_HASH", "1", 1);
    struct fixture *fx = xcalloc(1, sizeof *fx);
    *state = fx;
    struct fault f = {0};
    fx->cat = catalog_load(&f);
    fx->h = harness_start();
    if (!fx->h || !fx->cat)
        return -1;
    fx->org = console_organisation(fx->h, "Welzijn Lindenhoven", "institution");
    fx->admin = console_platform_admin(fx->h, "beheer@example.nl");
    fx->muni = client_person(fx->h, "gemeente@example.nl", NULL);
    fx->boss = client_person(fx->h, "organisatie@example.nl", NULL);
    fx->moderator = client_person(fx->h, "moderator@example.nl", NULL);
    fx->pro = client_person(fx->h, "welzijn@example.nl", NULL);
    for (int i = 0; i < 3; i++) {
        char email[40];
        snprintf(email, sizeof email, "buur-%d@example.nl", i);
        fx->neighbours[i] = client_person(fx->h, email, NULL);
    }
    char org[32];
    snprintf(org, sizeof org, "%lld", (long long)fx->org);
    client_grant(&fx->admin, fx->muni.email, "municipality_admin", "GM9901");
    client_grant(&fx->admin, fx->boss.email, "organisation_admin", org);
    client_grant(&fx->admin, fx->moderator.email, "moderator", "");
    seed_post_confirmed(fx->h, fx->org, "welzijnswerker", fx->pro.person_id, fx->boss.person_id);
    client_act_as(&fx->muni, "municipality_admin:GM9901", 200);
    client_act_as(&fx->moderator, "moderator", 200);
    client_act_as(&fx->pro, "professional", 200);
    return 0;
}

static int group_teardown(void **state)
{
    struct fixture *fx = *state;
    bool clean = harness_stop(fx->h);
    catalog_free(fx->cat);
    free(fx);
    return clean ? 0 : -1;
}

/* ---- tests ------------------------------------------------------------------ */

static void test_every_forbidden_route_has_a_case(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    missing_cases(routes, &b);
    if (b.len)
        fail_msg("routes a professional may not use, without a case in "
                 "professional_cases.c: %s",
                 buf_cstr(&b));
    buf_free(&b);
    /* and every case is such a route (a stale one proves nothing) */
    size_t n;
    const struct route_case *cases = route_cases(&n);
    for (size_t i = 0; i < n; i++) {
        bool found = false;
        for (const struct route *rt = routes; rt->pattern && !found; rt++)
            found = (methods_of(rt) & cases[i].method) &&
                    strcmp(rt->pattern, cases[i].pattern) == 0 && forbidden_to_professionals(rt);
        if (!found)
            fail_msg("case for a route that is not forbidden to professionals: %s %s",
                     route_method_name(cases[i].method), cases[i].pattern);
    }
}

/* The completeness check itself can fail: a table with a route it lacks. */
static void test_walk_names_a_route_without_case(void **state)
{
    (void)state;
    static const struct route table[] = {
        {HTTP_POST, "/residencies/{id}/verify", NULL, ROUTE_NEED_CSRF, NULL, 0,
         ACT_RESIDENCY_VERIFY},
        {HTTP_POST, "/zones/{id}/grant", NULL, ROUTE_NEED_CSRF, NULL, 0, ACT_ZONE_GRANT},
        {HTTP_GET | HTTP_HEAD, "/offers", NULL, 0, NULL, 0, ACT_OFFER_MAKE},
        {0},
    };
    struct buf b = BUF_INIT;
    missing_cases(table, &b);
    assert_string_equal(buf_cstr(&b), "POST /zones/{id}/grant");
    buf_free(&b);
}

static void test_professional_gets_403_with_the_reason_on_every_forbidden_route(void **state)
{
    struct fixture *fx = *state;
    struct buf why = BUF_INIT;
    int tried = 0, failed = 0;
    for (const struct route *rt = routes; rt->pattern; rt++) {
        if (!forbidden_to_professionals(rt))
            continue;
        for (unsigned m = 1; m <= methods_of(rt); m <<= 1) {
            if (!(methods_of(rt) & m) || !route_case_for(m, rt->pattern))
                continue; /* the test above names it */
            tried++;
            failed += !try_route(fx, rt, m, "en", NULL, &why);
        }
    }
    printf("# %d routes tried as a professional, %d failed%s\n", tried, failed, buf_cstr(&why));
    assert_int_equal(failed, 0);
    buf_free(&why);
    assert_true(tried >= 19);
}

static const struct route *route_of(unsigned method, const char *pattern)
{
    for (const struct route *rt = routes; rt->pattern; rt++)
        if ((rt->methods & method) && strcmp(rt->pattern, pattern) == 0)
            return rt;
    fail_msg("no route %s %s", route_method_name(method), pattern);
    return NULL;
}

/* The reason in Dutch: asked for by Accept-Language on the API, by the
 * lang cookie on a page (which wins over Accept-Language: en). */
static void test_reason_is_given_in_dutch(void **state)
{
    struct fixture *fx = *state;
    const char *reason = professional_reason(ACT_RESIDENCY_VERIFY);
    assert_string_not_equal(catalog_get(fx->cat, "nl", reason), reason);
    struct buf why = BUF_INIT;
    bool ok = try_route(fx, route_of(HTTP_POST, "/api/v1/residencies/{id}/verify"), HTTP_POST, "nl",
                        NULL, &why);
    ok = try_route(fx, route_of(HTTP_POST, "/residencies/{id}/vouch"), HTTP_POST, "en", "nl",
                   &why) &&
         ok;
    ok = try_route(fx, route_of(HTTP_POST, "/letters"), HTTP_POST, "en", "nl", &why) && ok;
    ok = try_route(fx, route_of(HTTP_POST, "/api/v1/roles"), HTTP_POST, "nl", NULL, &why) && ok;
    if (!ok)
        printf("#%s\n", buf_cstr(&why));
    assert_true(ok);
    buf_free(&why);
}

/* Last: the server exits 0 on SIGTERM (a crash or a sanitizer report fails). */
static void test_server_stops_cleanly(void **state)
{
    struct fixture *fx = *state;
    assert_true(harness_stop_server(fx->h));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_forbidden_route_has_a_case),
        cmocka_unit_test(test_walk_names_a_route_without_case),
        cmocka_unit_test(test_professional_gets_403_with_the_reason_on_every_forbidden_route),
        cmocka_unit_test(test_reason_is_given_in_dutch),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
