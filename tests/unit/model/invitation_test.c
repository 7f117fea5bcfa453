/* Tests of invitation codes (src/model/invitation.c) on SQLite and
 * PostgreSQL (see account_testing.h): the codes themselves, and who may
 * make one (the policy's account.invite, with the console besides). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "account_testing.h"
#include "capacity_testing.h"
#include "core/arena.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/invitation.h"
#include "model/token.h"
#include "model_testing.h"

/* An invitation by by: the console for 0, else by as platform admin. */
static const char *invite(struct at_fx *fx, int64_t by, int64_t ttl, int64_t *id)
{
    struct actor act = by ? ct_act(by, "platform_admin") : ct_console();
    if (by)
        ct_grant(fx, by, CAP_PLATFORM_ADMIN, 0, NULL);
    const char *code = NULL;
    assert_int_equal(
        invitation_create(fx->db, fx->a, "voor de buurvrouw", ttl, &act, &code, id, NULL), ERR_OK);
    return code;
}

static enum err use(struct at_fx *fx, const char *code, int64_t person, int64_t now,
                    struct fault *f)
{
    struct actor act = at_actor(person, now);
    return invitation_use(fx->db, code, person, &act, f);
}

static void test_code_is_160_bits_in_groups_of_four(void **state)
{
    struct at_fx *fx = at_fx(state);
    const char *code = invite(fx, 0, 86400, NULL);
    assert_int_equal(strlen(code), 39); /* 32 digits and 7 dashes */
    for (int i = 0; i < 39; i++) {
        if (i % 5 == 4)
            assert_int_equal(code[i], '-');
        else
            assert_non_null(strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", code[i]));
    }
    assert_string_not_equal(code, invite(fx, 0, 86400, NULL));
}

static void test_only_the_hash_of_the_code_is_stored(void **state)
{
    struct at_fx *fx = at_fx(state);
    const char *code = invite(fx, 0, 86400, NULL);
    char canon[40] = "";
    for (const char *p = code; *p; p++)
        if (*p != '-')
            strncat(canon, p, 1);
    char *rows = mt_dump(fx->db, "SELECT * FROM invitation");
    char *log = mt_dump(fx->db, "SELECT * FROM audit_log");
    assert_null(strstr(rows, canon));
    assert_null(strstr(rows, code));
    assert_null(strstr(log, canon));
    char hash[TOKEN_HASH_HEX + 1];
    token_hash(canon, hash);
    assert_non_null(strstr(rows, hash));
    free(rows);
    free(log);
}

static void test_code_is_used_once(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    int64_t bob = at_person(fx, "bob@example.nl", "Bob");
    const char *code = invite(fx, ann, 86400, NULL);
    assert_int_equal(invitation_check(fx->db, code, AT_NOW + 1, NULL), ERR_OK);
    assert_int_equal(use(fx, code, bob, AT_NOW + 1, NULL), ERR_OK);
    struct fault f = {0};
    assert_int_equal(use(fx, code, ann, AT_NOW + 2, &f), ERR_CONFLICT);
    assert_string_equal(f.msgid, "This code has already been used.");
    assert_string_equal(f.field, "invitation");
    assert_int_equal(invitation_check(fx->db, code, AT_NOW + 2, &f), ERR_CONFLICT);
    char want[40];
    snprintf(want, sizeof want, "%lld\n", (long long)bob);
    char *used_by = mt_dump(fx->db, "SELECT used_by FROM invitation");
    assert_string_equal(used_by, want);
    free(used_by);
}

static void test_expired_code_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t bob = at_person(fx, "bob@example.nl", "Bob");
    const char *code = invite(fx, 0, 3600, NULL);
    struct fault f = {0};
    assert_int_equal(use(fx, code, bob, AT_NOW + 3600, &f), ERR_CONFLICT);
    assert_string_equal(f.msgid, "This code has expired; ask for a new one.");
    assert_int_equal(use(fx, code, bob, AT_NOW + 3599, NULL), ERR_OK);
}

static void test_unknown_and_malformed_codes_are_not_valid(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t bob = at_person(fx, "bob@example.nl", "Bob");
    invite(fx, 0, 86400, NULL);
    const char *bad[] = {"",
                         NULL,
                         "ABCD",
                         "0000-0000-0000-0000-0000-0000-0000-0000",
                         "UUUU-0000-0000-0000-0000-0000-0000-0000", /* U is not a digit */
                         "0000-0000-0000-0000-0000-0000-0000-0000-0"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct fault f = {0};
        assert_int_equal(use(fx, bad[i], bob, AT_NOW, &f), ERR_NOT_FOUND);
        assert_string_equal(f.msgid, "This code is not valid.");
    }
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM invitation WHERE used_by IS NULL"), 1);
}

static void test_typing_the_code_is_forgiving(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t bob = at_person(fx, "bob@example.nl", "Bob");
    const char *code = invite(fx, 0, 86400, NULL);
    /* lower case, spaces for dashes, and O / I / L for 0 / 1 */
    char typed[80];
    size_t j = 0;
    for (const char *p = code; *p; p++) {
        char c = *p == '-' ? ' ' : *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
        typed[j++] = c == '0' ? 'O' : c == '1' ? 'l' : c;
    }
    typed[j] = '\0';
    assert_int_equal(use(fx, typed, bob, AT_NOW, NULL), ERR_OK);
}

static void test_lifetime_and_note_are_checked(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct actor act = ct_console();
    const char *code;
    struct fault f = {0};
    assert_int_equal(invitation_create(fx->db, fx->a, NULL, 3599, &act, &code, NULL, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "ttl");
    assert_int_equal(invitation_create(fx->db, fx->a, NULL, 90 * 86400 + 1, &act, &code, NULL, &f),
                     ERR_INVALID);
    assert_int_equal(invitation_create(fx->db, fx->a, "two\nlines", 3600, &act, &code, NULL, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "note");
    assert_null(code);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM invitation"), 0);
}

static void test_list_shows_own_invitations_newest_first(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    int64_t first, second;
    invite(fx, ann, 86400, &first);
    struct actor act = ct_act(ann, "platform_admin");
    const char *code;
    assert_int_equal(
        invitation_create(fx->db, fx->a, "voor de buurvrouw", 86400, &act, &code, &second, NULL),
        ERR_OK);
    invite(fx, 0, 86400, NULL);
    struct invitation *items;
    int n;
    assert_int_equal(invitation_list(fx->db, fx->a, ann, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(items[0].id, second);
    assert_int_equal(items[1].id, first);
    assert_string_equal(items[0].note, "voor de buurvrouw");
    assert_int_equal(items[0].expires_at, AT_NOW + 86400);
    assert_int_equal(items[0].used_by, 0);
    assert_int_equal(invitation_list(fx->db, fx->a, 0, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].created_by, 0);
}

/* Tries to invite as act; returns the error, and checks that a refusal
 * leaves no invitation behind. */
static enum err try_invite(struct at_fx *fx, const struct actor *act, struct fault *f)
{
    const char *code = NULL;
    int64_t before = at_count(fx->db, "SELECT COUNT(*) FROM invitation");
    enum err e = invitation_create(fx->db, fx->a, NULL, 86400, act, &code, NULL, f);
    if (e != ERR_OK) {
        assert_null(code);
        assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM invitation"), before);
    }
    return e;
}

static char *last_detail(struct at_fx *fx)
{
    return mt_dump(fx->db, "SELECT capacity, detail FROM audit_log WHERE action = "
                           "'invitation.create' ORDER BY id DESC LIMIT 1");
}

static void test_person_without_capacity_cannot_invite(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct actor act = at_actor(ann, AT_NOW);
    struct fault f = {0};
    assert_int_equal(try_invite(fx, &act, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "Platform admins invite anyone"));
}

static void test_professional_and_resident_cannot_invite(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    ct_resident(fx, ann, CT_BU1);
    struct actor act = ct_act(ann, "resident:" CT_BU1);
    struct fault f = {0};
    assert_int_equal(try_invite(fx, &act, &f), ERR_FORBIDDEN);
    assert_int_equal(f.code, ERR_FORBIDDEN);
    act = ct_act(ann, "professional:1"); /* holds no post */
    assert_int_equal(try_invite(fx, &act, &f), ERR_FORBIDDEN);
    assert_string_equal(f.msgid, "You do not hold the capacity you act in.");
}

static void test_platform_admin_invites(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    ct_grant(fx, ann, CAP_PLATFORM_ADMIN, 0, NULL);
    struct actor act = ct_act(ann, "platform_admin");
    assert_int_equal(try_invite(fx, &act, NULL), ERR_OK);
    char *row = last_detail(fx);
    assert_string_equal(row, "platform_admin|NULL\n");
    free(row);
}

static void test_organisation_admin_invites_for_their_organisation(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    ct_grant(fx, ann, CAP_ORG_ADMIN, CT_ORG2, NULL);
    struct actor act = ct_act(ann, "organisation_admin:2");
    assert_int_equal(try_invite(fx, &act, NULL), ERR_OK);
    char *row = last_detail(fx);
    assert_string_equal(row, "organisation_admin:2|{\"organisation_id\":2}\n");
    free(row);
    act = ct_act(ann, "organisation_admin:1"); /* not theirs */
    struct fault f = {0};
    assert_int_equal(try_invite(fx, &act, &f), ERR_FORBIDDEN);
}

static void test_municipality_admin_invites_for_their_gemeente(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    ct_grant(fx, ann, CAP_MUNI_ADMIN, 0, CT_GM1);
    struct actor act = ct_act(ann, "municipality_admin:" CT_GM1);
    assert_int_equal(try_invite(fx, &act, NULL), ERR_OK);
    char *row = last_detail(fx);
    assert_string_equal(row, "municipality_admin:GM0001|{\"gemeente\":\"GM0001\"}\n");
    free(row);
}

static void test_admin_who_names_no_organisation_cannot_invite(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    ct_grant(fx, ann, CAP_ORG_ADMIN, CT_ORG1, NULL);
    struct actor act = ct_act(ann, "organisation_admin");
    struct fault f = {0};
    assert_int_equal(try_invite(fx, &act, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "organisation admins invite people to their own"));
}

static void test_console_invites_and_is_logged_as_such(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct actor act = ct_console();
    assert_int_equal(try_invite(fx, &act, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'invitation.create' AND person_id IS NULL "
                                      "AND capacity = 'console' AND public = 0"),
                     1);
    act.capacity = NULL; /* nobody, not at the console: a visitor */
    struct fault f = {0};
    assert_int_equal(try_invite(fx, &act, &f), ERR_FORBIDDEN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_code_is_160_bits_in_groups_of_four),
        AT_TEST(test_only_the_hash_of_the_code_is_stored),
        AT_TEST(test_code_is_used_once),
        AT_TEST(test_expired_code_is_refused),
        AT_TEST(test_unknown_and_malformed_codes_are_not_valid),
        AT_TEST(test_typing_the_code_is_forgiving),
        AT_TEST(test_lifetime_and_note_are_checked),
        AT_TEST(test_list_shows_own_invitations_newest_first),
        AT_TEST(test_person_without_capacity_cannot_invite),
        AT_TEST(test_professional_and_resident_cannot_invite),
        AT_TEST(test_platform_admin_invites),
        AT_TEST(test_organisation_admin_invites_for_their_organisation),
        AT_TEST(test_municipality_admin_invites_for_their_gemeente),
        AT_TEST(test_admin_who_names_no_organisation_cannot_invite),
        AT_TEST(test_console_invites_and_is_logged_as_such),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
