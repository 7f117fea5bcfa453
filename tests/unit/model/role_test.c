/* Tests of role grants (src/model/role.c) on SQLite and PostgreSQL (see
 * account_testing.h): only a platform admin grants and revokes, never for
 * themselves, and scopes must fit the role. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "capacity_testing.h"
#include "model/capacity.h"
#include "model/role.h"

static enum err grant(struct at_fx *fx, int64_t by, const char *capacity, int64_t to,
                      enum capacity role, int64_t org, const char *gm, int64_t *id, struct fault *f)
{
    struct actor act = ct_act(by, capacity);
    struct role_scope scope = {org, gm};
    return role_grant(fx->db, to, role, &scope, &act, id, f);
}

static void test_platform_admin_grants_roles(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t boss = at_person(fx, "pa@example.nl", "Platform");
    ct_grant(fx, boss, CAP_PLATFORM_ADMIN, 0, NULL);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    int64_t id = 0;
    assert_int_equal(grant(fx, boss, "platform_admin", ann, CAP_MUNI_ADMIN, 0, CT_GM1, &id, NULL),
                     ERR_OK);
    assert_true(id > 0);
    assert_int_equal(grant(fx, boss, "platform_admin", ann, CAP_MODERATOR, 0, NULL, NULL, NULL),
                     ERR_OK);
    assert_int_equal(
        grant(fx, boss, "platform_admin", ann, CAP_ORG_ADMIN, CT_ORG2, NULL, NULL, NULL), ERR_OK);
    bool holds = false;
    struct role_scope gm1 = {0, CT_GM1}, gm2 = {0, CT_GM2};
    assert_int_equal(role_holds(fx->db, ann, CAP_MUNI_ADMIN, &gm1, &holds, NULL), ERR_OK);
    assert_true(holds);
    assert_int_equal(role_holds(fx->db, ann, CAP_MUNI_ADMIN, &gm2, &holds, NULL), ERR_OK);
    assert_false(holds);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'role.grant' "
                                      "AND public = 0"),
                     4); /* the console's grant too */
}

static void test_only_a_platform_admin_grants(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t gm = at_person(fx, "gm@example.nl", "Gemeente");
    ct_grant(fx, gm, CAP_MUNI_ADMIN, 0, CT_GM1);
    int64_t mod = at_person(fx, "mod@example.nl", "Moderator");
    ct_grant(fx, mod, CAP_MODERATOR, 0, NULL);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct fault f = {0};
    assert_int_equal(grant(fx, gm, "municipality_admin", ann, CAP_MUNI_ADMIN, 0, CT_GM1, NULL, &f),
                     ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "platform admins"));
    assert_int_equal(grant(fx, mod, "moderator", ann, CAP_MODERATOR, 0, NULL, NULL, NULL),
                     ERR_FORBIDDEN);
    assert_int_equal(grant(fx, ann, NULL, ann, CAP_PLATFORM_ADMIN, 0, NULL, NULL, NULL),
                     ERR_FORBIDDEN);
    /* Claiming the capacity without holding it does not help. */
    assert_int_equal(grant(fx, ann, "platform_admin", ann, CAP_PLATFORM_ADMIN, 0, NULL, NULL, &f),
                     ERR_FORBIDDEN);
    assert_string_equal(f.field, "capacity");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM role_grant"), 2);
}

static void test_platform_admin_does_not_grant_themselves(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t boss = at_person(fx, "pa@example.nl", "Platform");
    ct_grant(fx, boss, CAP_PLATFORM_ADMIN, 0, NULL);
    struct fault f = {0};
    assert_int_equal(grant(fx, boss, "platform_admin", boss, CAP_MODERATOR, 0, NULL, NULL, &f),
                     ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "their own roles"));
}

static void test_scope_must_fit_the_role(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t boss = at_person(fx, "pa@example.nl", "Platform");
    ct_grant(fx, boss, CAP_PLATFORM_ADMIN, 0, NULL);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct fault f = {0};
    assert_int_equal(grant(fx, boss, "platform_admin", ann, CAP_MUNI_ADMIN, 0, NULL, NULL, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "scope");
    assert_int_equal(grant(fx, boss, "platform_admin", ann, CAP_MUNI_ADMIN, 0, CT_BU1, NULL, NULL),
                     ERR_INVALID);
    assert_int_equal(
        grant(fx, boss, "platform_admin", ann, CAP_MUNI_ADMIN, 0, "GM9999", NULL, NULL),
        ERR_INVALID);
    assert_int_equal(grant(fx, boss, "platform_admin", ann, CAP_ORG_ADMIN, 42, NULL, NULL, NULL),
                     ERR_INVALID);
    assert_int_equal(
        grant(fx, boss, "platform_admin", ann, CAP_MODERATOR, CT_ORG1, NULL, NULL, NULL),
        ERR_INVALID);
    assert_int_equal(grant(fx, boss, "platform_admin", ann, CAP_RESIDENT, 0, NULL, NULL, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "role");
    assert_int_equal(grant(fx, boss, "platform_admin", 999, CAP_MODERATOR, 0, NULL, NULL, NULL),
                     ERR_NOT_FOUND);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM role_grant"), 1);
}

static void test_a_role_is_held_once_per_scope(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t boss = at_person(fx, "pa@example.nl", "Platform");
    ct_grant(fx, boss, CAP_PLATFORM_ADMIN, 0, NULL);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    assert_int_equal(grant(fx, boss, "platform_admin", ann, CAP_MODERATOR, 0, NULL, NULL, NULL),
                     ERR_OK);
    assert_int_equal(grant(fx, boss, "platform_admin", ann, CAP_MODERATOR, 0, NULL, NULL, NULL),
                     ERR_CONFLICT);
    assert_int_equal(grant(fx, boss, "platform_admin", ann, CAP_MUNI_ADMIN, 0, CT_GM1, NULL, NULL),
                     ERR_OK);
    assert_int_equal(grant(fx, boss, "platform_admin", ann, CAP_MUNI_ADMIN, 0, CT_GM1, NULL, NULL),
                     ERR_CONFLICT);
    assert_int_equal(grant(fx, boss, "platform_admin", ann, CAP_MUNI_ADMIN, 0, CT_GM2, NULL, NULL),
                     ERR_OK);
}

static void test_revoke_takes_the_role_away(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t boss = at_person(fx, "pa@example.nl", "Platform");
    int64_t own_grant = ct_grant(fx, boss, CAP_PLATFORM_ADMIN, 0, NULL);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    int64_t id;
    assert_int_equal(grant(fx, boss, "platform_admin", ann, CAP_MODERATOR, 0, NULL, &id, NULL),
                     ERR_OK);
    struct actor as_ann = ct_act(ann, "moderator");
    assert_int_equal(role_revoke(fx->db, id, &as_ann, NULL), ERR_FORBIDDEN);
    struct actor as_boss = ct_act(boss, "platform_admin");
    assert_int_equal(role_revoke(fx->db, own_grant, &as_boss, NULL), ERR_FORBIDDEN);
    assert_int_equal(role_revoke(fx->db, id, &as_boss, NULL), ERR_OK);
    assert_int_equal(role_revoke(fx->db, id, &as_boss, NULL), ERR_CONFLICT);
    assert_int_equal(role_revoke(fx->db, 999, &as_boss, NULL), ERR_NOT_FOUND);
    bool holds = true;
    assert_int_equal(role_holds(fx->db, ann, CAP_MODERATOR, NULL, &holds, NULL), ERR_OK);
    assert_false(holds);
    /* Revoked, the role can be granted again. */
    assert_int_equal(grant(fx, boss, "platform_admin", ann, CAP_MODERATOR, 0, NULL, NULL, NULL),
                     ERR_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_platform_admin_grants_roles),
        AT_TEST(test_only_a_platform_admin_grants),
        AT_TEST(test_platform_admin_does_not_grant_themselves),
        AT_TEST(test_scope_must_fit_the_role),
        AT_TEST(test_a_role_is_held_once_per_scope),
        AT_TEST(test_revoke_takes_the_role_away),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
