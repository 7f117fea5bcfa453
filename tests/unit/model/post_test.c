/* Tests of posts at organisations (src/model/post.c) on SQLite and
 * PostgreSQL (see account_testing.h): only an admin of that organisation
 * confirms a post, and a confirmed post makes a professional; a stranger
 * is refused before the post is looked up; the lists of a person and of an
 * organisation hold only theirs, with names, filtered by status. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "capacity_testing.h"
#include "model/capacity.h"
#include "model/post.h"

static int64_t request(struct at_fx *fx, int64_t person, int64_t org, const char *title)
{
    struct actor act = ct_act(person, NULL);
    int64_t id = 0;
    assert_int_equal(post_request(fx->db, org, title, &act, &id, NULL), ERR_OK);
    return id;
}

static const char *status_of(struct at_fx *fx, int64_t post)
{
    struct post p;
    assert_int_equal(post_get(fx->db, fx->a, post, &p, NULL), ERR_OK);
    return p.status;
}

static void test_admin_of_the_organisation_confirms_a_post(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t pro = at_person(fx, "pro@example.nl", "Pro");
    int64_t admin = at_person(fx, "org@example.nl", "Org");
    ct_grant(fx, admin, CAP_ORG_ADMIN, CT_ORG1, NULL);
    int64_t post = request(fx, pro, CT_ORG1, "buurtcoordinator");
    bool may = true;
    assert_int_equal(capacity_may_act(fx->db, pro, "professional", &may, NULL), ERR_OK);
    assert_false(may);
    struct actor act = ct_act(admin, "organisation_admin:1");
    assert_int_equal(post_confirm(fx->db, post, &act, NULL), ERR_OK);
    struct post p;
    assert_int_equal(post_get(fx->db, fx->a, post, &p, NULL), ERR_OK);
    assert_string_equal(p.status, "confirmed");
    assert_int_equal(p.confirmed_by, admin);
    assert_int_equal(p.start_at, AT_NOW);
    assert_int_equal(capacity_may_act(fx->db, pro, "professional:1", &may, NULL), ERR_OK);
    assert_true(may);
    assert_int_equal(post_confirm(fx->db, post, &act, NULL), ERR_CONFLICT);
}

static void test_admin_of_another_organisation_cannot_confirm(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t pro = at_person(fx, "pro@example.nl", "Pro");
    int64_t other = at_person(fx, "org2@example.nl", "Org twee");
    ct_grant(fx, other, CAP_ORG_ADMIN, CT_ORG2, NULL);
    int64_t post = request(fx, pro, CT_ORG1, "welzijnswerker");
    struct actor act = ct_act(other, "organisation_admin");
    struct fault f = {0};
    assert_int_equal(post_confirm(fx->db, post, &act, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "organisation"));
    assert_string_equal(status_of(fx, post), "requested");
}

static void test_nobody_else_confirms_a_post(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t pro = at_person(fx, "pro@example.nl", "Pro");
    int64_t boss = at_person(fx, "pa@example.nl", "Platform");
    ct_grant(fx, boss, CAP_PLATFORM_ADMIN, 0, NULL);
    int64_t gm = at_person(fx, "gm@example.nl", "Gemeente");
    ct_grant(fx, gm, CAP_MUNI_ADMIN, 0, CT_GM1);
    int64_t post = request(fx, pro, CT_ORG1, "zorgprofessional");
    struct actor as_self = ct_act(pro, NULL);
    struct actor as_boss = ct_act(boss, "platform_admin");
    struct actor as_gm = ct_act(gm, "municipality_admin");
    assert_int_equal(post_confirm(fx->db, post, &as_self, NULL), ERR_FORBIDDEN);
    assert_int_equal(post_confirm(fx->db, post, &as_boss, NULL), ERR_FORBIDDEN);
    assert_int_equal(post_confirm(fx->db, post, &as_gm, NULL), ERR_FORBIDDEN);
    assert_string_equal(status_of(fx, post), "requested");
}

static void test_request_checks_title_organisation_and_duplicates(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t pro = at_person(fx, "pro@example.nl", "Pro");
    struct actor act = ct_act(pro, NULL);
    struct fault f = {0};
    assert_int_equal(post_request(fx->db, CT_ORG1, "director", &act, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, "title");
    assert_int_equal(post_request(fx->db, 99, "other", &act, NULL, NULL), ERR_NOT_FOUND);
    request(fx, pro, CT_ORG1, "other");
    assert_int_equal(post_request(fx->db, CT_ORG1, "huismeester", &act, NULL, NULL), ERR_CONFLICT);
    request(fx, pro, CT_ORG2, "huismeester");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM post"), 2);
}

static void test_holder_or_admin_ends_a_post(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t pro = at_person(fx, "pro@example.nl", "Pro");
    int64_t admin = at_person(fx, "org@example.nl", "Org");
    ct_grant(fx, admin, CAP_ORG_ADMIN, CT_ORG1, NULL);
    struct actor as_admin = ct_act(admin, "organisation_admin");
    int64_t p1 = request(fx, pro, CT_ORG1, "other");
    assert_int_equal(post_confirm(fx->db, p1, &as_admin, NULL), ERR_OK);
    struct actor as_pro = ct_act(pro, "professional");
    assert_int_equal(post_end(fx->db, p1, &as_pro, NULL), ERR_OK);
    assert_string_equal(status_of(fx, p1), "ended");
    bool may = true;
    assert_int_equal(capacity_may_act(fx->db, pro, "professional", &may, NULL), ERR_OK);
    assert_false(may);
    int64_t p2 = request(fx, pro, CT_ORG1, "other");
    assert_int_equal(post_end(fx->db, p2, &as_admin, NULL), ERR_OK);
    assert_int_equal(post_end(fx->db, p2, &as_admin, NULL), ERR_CONFLICT);
}

static void test_stranger_is_refused_before_the_post_is_looked_up(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t pro = at_person(fx, "pro@example.nl", "Pro");
    int64_t admin = at_person(fx, "org@example.nl", "Org");
    ct_grant(fx, admin, CAP_ORG_ADMIN, CT_ORG1, NULL);
    struct actor as_admin = ct_act(admin, "organisation_admin");
    assert_int_equal(post_confirm(fx->db, request(fx, pro, CT_ORG2, "other"), &as_admin, NULL),
                     ERR_FORBIDDEN);
    assert_int_equal(post_confirm(fx->db, request(fx, pro, CT_ORG1, "other"), &as_admin, NULL),
                     ERR_OK);
    struct actor as_pro = ct_act(pro, "professional");
    struct fault f = {0};
    assert_int_equal(post_confirm(fx->db, 999, &as_pro, &f), ERR_FORBIDDEN);
    assert_int_equal(post_confirm(fx->db, 999, &as_admin, NULL), ERR_NOT_FOUND);
    struct actor as_visitor = ct_act(0, NULL);
    assert_int_equal(post_end(fx->db, 999, &as_visitor, NULL), ERR_FORBIDDEN);
    assert_int_equal(post_end(fx->db, 999, &as_pro, NULL), ERR_NOT_FOUND);
}

static void test_requester_withdraws_a_requested_post(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t asker = at_person(fx, "asker@example.nl", "Asker");
    int64_t other = at_person(fx, "other@example.nl", "Other");
    int64_t post = request(fx, asker, CT_ORG1, "welzijnswerker");
    struct actor as_other = ct_act(other, NULL);
    assert_int_equal(post_end(fx->db, post, &as_other, NULL), ERR_FORBIDDEN);
    assert_string_equal(status_of(fx, post), "requested");
    struct actor as_asker = ct_act(asker, NULL);
    assert_int_equal(post_end(fx->db, post, &as_asker, NULL), ERR_OK);
    assert_string_equal(status_of(fx, post), "ended");
}

static void test_someone_elses_post_cannot_be_ended(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t pro = at_person(fx, "pro@example.nl", "Pro");
    int64_t other = at_person(fx, "ander@example.nl", "Ander");
    int64_t admin = at_person(fx, "org@example.nl", "Org");
    ct_grant(fx, admin, CAP_ORG_ADMIN, CT_ORG1, NULL);
    struct actor as_admin = ct_act(admin, "organisation_admin");
    assert_int_equal(post_confirm(fx->db, request(fx, other, CT_ORG1, "other"), &as_admin, NULL),
                     ERR_OK);
    int64_t theirs = request(fx, pro, CT_ORG1, "huismeester");
    struct actor as_other = ct_act(other, "professional");
    assert_int_equal(post_end(fx->db, theirs, &as_other, NULL), ERR_FORBIDDEN);
    assert_string_equal(status_of(fx, theirs), "requested");
}

static void test_a_persons_list_holds_their_posts_newest_first(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t pro = at_person(fx, "pro@example.nl", "Pro");
    int64_t other = at_person(fx, "ander@example.nl", "Ander");
    int64_t first = request(fx, pro, CT_ORG1, "welzijnswerker");
    int64_t second = request(fx, pro, CT_ORG2, "huismeester");
    request(fx, other, CT_ORG1, "other");
    struct post_row *items;
    int n;
    assert_int_equal(post_list_for_person(fx->db, fx->a, pro, NULL, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(items[0].post.id, second);
    assert_string_equal(items[0].organisation_name, "Woonstad");
    assert_int_equal(items[1].post.id, first);
    assert_string_equal(items[1].post.title, "welzijnswerker");
    assert_string_equal(items[1].person_name, "Pro");
    assert_int_equal(post_list_for_person(fx->db, fx->a, pro, "confirmed", &items, &n, NULL),
                     ERR_OK);
    assert_int_equal(n, 0);
}

static void test_an_organisations_list_has_holders_and_filters_by_status(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t pro = at_person(fx, "pro@example.nl", "Pro");
    int64_t other = at_person(fx, "ander@example.nl", "Ander");
    int64_t admin = at_person(fx, "org@example.nl", "Org");
    ct_grant(fx, admin, CAP_ORG_ADMIN, CT_ORG1, NULL);
    int64_t p1 = request(fx, pro, CT_ORG1, "buurtcoordinator");
    int64_t p2 = request(fx, other, CT_ORG1, "zorgprofessional");
    request(fx, other, CT_ORG2, "other");
    struct actor as_admin = ct_act(admin, "organisation_admin");
    assert_int_equal(post_confirm(fx->db, p2, &as_admin, NULL), ERR_OK);
    struct post_row *items;
    int n;
    assert_int_equal(post_list_for_organisation(fx->db, fx->a, CT_ORG1, NULL, &items, &n, NULL),
                     ERR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(items[0].post.id, p1);
    assert_string_equal(items[0].person_name, "Pro");
    assert_int_equal(
        post_list_for_organisation(fx->db, fx->a, CT_ORG1, "requested", &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].post.id, p1);
    assert_int_equal(
        post_list_for_organisation(fx->db, fx->a, CT_ORG1, "confirmed", &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].person_name, "Ander");
    assert_string_equal(items[0].post.status, "confirmed");
}

static void test_an_unknown_status_filter_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct post_row *items;
    int n;
    struct fault f = {0};
    assert_int_equal(post_list_for_organisation(fx->db, fx->a, 1, "open", &items, &n, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "status");
    assert_int_equal(post_list_for_person(fx->db, fx->a, 1, "", &items, &n, NULL), ERR_INVALID);
}

static void test_only_its_admins_manage_an_organisations_posts(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t admin = at_person(fx, "org@example.nl", "Org");
    int64_t pro = at_person(fx, "pro@example.nl", "Pro");
    ct_grant(fx, admin, CAP_ORG_ADMIN, CT_ORG1, NULL);
    int64_t post = request(fx, pro, CT_ORG2, "other");
    struct actor as_admin = ct_act(admin, "organisation_admin:1");
    struct actor as_person = ct_act(admin, NULL);
    struct actor as_pro = ct_act(pro, NULL);
    assert_int_equal(post_authorise_organisation(fx->db, CT_ORG1, &as_admin, NULL), ERR_OK);
    struct fault f = {0};
    assert_int_equal(post_authorise_organisation(fx->db, CT_ORG2, &as_admin, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "organisation"));
    assert_int_equal(post_authorise_organisation(fx->db, 99, &as_admin, NULL), ERR_FORBIDDEN);
    assert_int_equal(post_authorise_organisation(fx->db, CT_ORG1, &as_person, NULL), ERR_FORBIDDEN);
    assert_int_equal(post_authorise_organisation(fx->db, CT_ORG2, &as_pro, NULL), ERR_FORBIDDEN);
    assert_string_equal(status_of(fx, post), "requested");
}

static void test_titles_are_the_valid_ones(void **state)
{
    (void)state;
    int n = 0;
    for (const char *const *t = post_titles(); *t; t++, n++)
        assert_true(post_title_valid(*t));
    assert_int_equal(n, 6);
    assert_false(post_title_valid("Huismeester"));
    assert_false(post_title_valid(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_admin_of_the_organisation_confirms_a_post),
        AT_TEST(test_admin_of_another_organisation_cannot_confirm),
        AT_TEST(test_nobody_else_confirms_a_post),
        AT_TEST(test_request_checks_title_organisation_and_duplicates),
        AT_TEST(test_holder_or_admin_ends_a_post),
        AT_TEST(test_stranger_is_refused_before_the_post_is_looked_up),
        AT_TEST(test_someone_elses_post_cannot_be_ended),
        AT_TEST(test_requester_withdraws_a_requested_post),
        AT_TEST(test_a_persons_list_holds_their_posts_newest_first),
        AT_TEST(test_an_organisations_list_has_holders_and_filters_by_status),
        AT_TEST(test_an_unknown_status_filter_is_refused),
        AT_TEST(test_only_its_admins_manage_an_organisations_posts),
        cmocka_unit_test(test_titles_are_the_valid_ones),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
