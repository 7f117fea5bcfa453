/* Tests of residency (src/model/residency.c, residency_letter.c) on SQLite
 * and PostgreSQL (see account_testing.h): requests, verification by the
 * right municipality admin only, letter codes that work once, in one buurt
 * and for 30 days, and vouching by two verified residents of the buurt. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capacity_testing.h"
#include "core/arena.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/post.h"
#include "model/residency.h"
#include "model_testing.h"

/* A person with an open request in buurt; *residency gets it. */
static int64_t requester(struct at_fx *fx, const char *email, const char *buurt, int64_t *residency)
{
    int64_t p = at_person(fx, email, "Iemand");
    struct actor act = ct_act(p, NULL);
    assert_int_equal(residency_request(fx->db, buurt, &act, residency, NULL), ERR_OK);
    return p;
}

static const char *status_of(struct at_fx *fx, int64_t residency)
{
    struct residency r;
    assert_int_equal(residency_get(fx->db, fx->a, residency, &r, NULL), ERR_OK);
    return r.status;
}

static void test_admin_of_the_gemeente_verifies_a_request(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t r;
    requester(fx, "ann@example.nl", CT_BU1, &r);
    assert_string_equal(status_of(fx, r), "requested");
    int64_t admin = at_person(fx, "gm@example.nl", "Gemeente");
    ct_grant(fx, admin, CAP_MUNI_ADMIN, 0, CT_GM1);
    struct actor act = ct_act(admin, "municipality_admin:" CT_GM1);
    assert_int_equal(residency_verify(fx->db, r, &act, NULL), ERR_OK);
    struct residency got;
    assert_int_equal(residency_get(fx->db, fx->a, r, &got, NULL), ERR_OK);
    assert_string_equal(got.status, "verified");
    assert_string_equal(got.method, "admin");
    assert_int_equal(got.verified_by, admin);
    assert_int_equal(got.start_at, AT_NOW);
    assert_int_equal(at_count(fx->db,
                              "SELECT COUNT(*) FROM audit_log WHERE action = "
                              "'residency.verify' AND capacity = 'municipality_admin:" CT_GM1 "'"),
                     1);
    struct fault f = {0};
    assert_int_equal(residency_verify(fx->db, r, &act, &f), ERR_CONFLICT);
}

static void test_professional_cannot_verify_residency(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t r;
    requester(fx, "ann@example.nl", CT_BU1, &r);
    int64_t pro = at_person(fx, "pro@example.nl", "Welzijnswerker");
    int64_t org_admin = at_person(fx, "org@example.nl", "Org");
    ct_grant(fx, org_admin, CAP_ORG_ADMIN, CT_ORG1, NULL);
    struct actor as_pro = ct_act(pro, NULL);
    int64_t post;
    assert_int_equal(post_request(fx->db, CT_ORG1, "welzijnswerker", &as_pro, &post, NULL), ERR_OK);
    struct actor as_org = ct_act(org_admin, "organisation_admin:1");
    assert_int_equal(post_confirm(fx->db, post, &as_org, NULL), ERR_OK);
    as_pro.capacity = "professional";
    struct fault f = {0};
    assert_int_equal(residency_verify(fx->db, r, &as_pro, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "gemeente"));
    assert_string_equal(status_of(fx, r), "requested");
}

static void test_admin_of_another_gemeente_cannot_verify(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t r;
    requester(fx, "ann@example.nl", CT_BU1, &r);
    int64_t other = at_person(fx, "gm2@example.nl", "Tweedorp");
    ct_grant(fx, other, CAP_MUNI_ADMIN, 0, CT_GM2);
    struct actor act = ct_act(other, "municipality_admin");
    struct fault f = {0};
    assert_int_equal(residency_verify(fx->db, r, &act, &f), ERR_FORBIDDEN);
    assert_int_equal(residency_reject(fx->db, r, &act, NULL), ERR_FORBIDDEN);
    assert_string_equal(status_of(fx, r), "requested");
}

static void test_a_capacity_not_held_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t r;
    requester(fx, "ann@example.nl", CT_BU1, &r);
    int64_t pretender = at_person(fx, "x@example.nl", "Doet alsof");
    struct actor act = ct_act(pretender, "municipality_admin:" CT_GM1);
    struct fault f = {0};
    assert_int_equal(residency_verify(fx->db, r, &act, &f), ERR_FORBIDDEN);
    assert_string_equal(f.field, "capacity");
    assert_string_equal(status_of(fx, r), "requested");
}

static void test_admin_rejects_a_request(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t r;
    int64_t ann = requester(fx, "ann@example.nl", CT_BU1, &r);
    int64_t admin = at_person(fx, "gm@example.nl", "Gemeente");
    ct_grant(fx, admin, CAP_MUNI_ADMIN, 0, CT_GM1);
    struct actor act = ct_act(admin, "municipality_admin");
    assert_int_equal(residency_reject(fx->db, r, &act, NULL), ERR_OK);
    assert_string_equal(status_of(fx, r), "rejected");
    /* A new request may follow a rejected one. */
    struct actor as_ann = ct_act(ann, NULL);
    assert_int_equal(residency_request(fx->db, CT_BU1, &as_ann, NULL, NULL), ERR_OK);
}

static void test_one_active_residency_per_buurt(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t r;
    int64_t ann = requester(fx, "ann@example.nl", CT_BU1, &r);
    struct actor act = ct_act(ann, NULL);
    struct fault f = {0};
    assert_int_equal(residency_request(fx->db, CT_BU1, &act, NULL, &f), ERR_CONFLICT);
    assert_string_equal(f.field, "buurt");
    assert_int_equal(residency_request(fx->db, CT_BU2, &act, NULL, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM residency"), 2);
}

static void test_request_for_a_bad_buurt_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    struct actor act = ct_act(ann, NULL);
    assert_int_equal(residency_request(fx->db, "BU99999999", &act, NULL, NULL), ERR_NOT_FOUND);
    assert_int_equal(residency_request(fx->db, CT_GM1, &act, NULL, NULL), ERR_INVALID);
    assert_int_equal(residency_request(fx->db, "<script>", &act, NULL, NULL), ERR_INVALID);
    struct actor visitor = ct_act(0, NULL);
    assert_int_equal(residency_request(fx->db, CT_BU1, &visitor, NULL, NULL), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM residency"), 0);
}

/* n letters for buurt, printed at the console. */
static struct residency_letter_code *letters(struct at_fx *fx, const char *buurt, int n)
{
    static const char *const addresses[] = {"Havenstraat 1", "Havenstraat 2", "Kade 3"};
    struct actor act = ct_console();
    struct residency_letter_code *codes = NULL;
    assert_int_equal(
        residency_letters_create(fx->db, fx->a, buurt, addresses, n, &act, &codes, NULL), ERR_OK);
    return codes;
}

static enum err redeem(struct at_fx *fx, int64_t person, const char *code, int64_t now,
                       struct fault *f)
{
    struct actor act = ct_act(person, NULL);
    act.now = now;
    return residency_redeem(fx->db, code, &act, NULL, f);
}

static void test_letter_code_verifies_once(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct residency_letter_code *codes = letters(fx, CT_BU1, 2);
    int64_t r1, r2;
    int64_t ann = requester(fx, "ann@example.nl", CT_BU1, &r1);
    int64_t bob = requester(fx, "bob@example.nl", CT_BU1, &r2);
    assert_int_equal(redeem(fx, ann, codes[0].code, AT_NOW + 60, NULL), ERR_OK);
    struct residency got;
    assert_int_equal(residency_get(fx->db, fx->a, r1, &got, NULL), ERR_OK);
    assert_string_equal(got.status, "verified");
    assert_string_equal(got.method, "letter");
    struct fault f = {0};
    assert_int_equal(redeem(fx, bob, codes[0].code, AT_NOW + 61, &f), ERR_CONFLICT);
    assert_string_equal(f.msgid, "This code has already been used.");
    assert_string_equal(status_of(fx, r2), "requested");
    assert_int_equal(redeem(fx, bob, codes[1].code, AT_NOW + 62, NULL), ERR_OK);
    (void)ann;
}

static void test_letter_code_expires_after_30_days(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct residency_letter_code *codes = letters(fx, CT_BU1, 2);
    int64_t r1, r2;
    int64_t ann = requester(fx, "ann@example.nl", CT_BU1, &r1);
    int64_t bob = requester(fx, "bob@example.nl", CT_BU1, &r2);
    struct fault f = {0};
    assert_int_equal(redeem(fx, ann, codes[0].code, AT_NOW + RESIDENCY_LETTER_TTL, &f),
                     ERR_CONFLICT);
    assert_string_equal(f.msgid, "This code has expired; ask for a new one.");
    assert_string_equal(status_of(fx, r1), "requested");
    assert_int_equal(redeem(fx, bob, codes[1].code, AT_NOW + RESIDENCY_LETTER_TTL - 1, NULL),
                     ERR_OK);
}

static void test_letter_code_fails_for_another_buurt(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct residency_letter_code *codes = letters(fx, CT_BU1B, 1);
    int64_t r;
    int64_t ann = requester(fx, "ann@example.nl", CT_BU1, &r);
    struct fault f = {0};
    assert_int_equal(redeem(fx, ann, codes[0].code, AT_NOW + 1, &f), ERR_CONFLICT);
    assert_string_equal(f.field, "code");
    assert_string_equal(status_of(fx, r), "requested");
    /* Nothing was used up: the letter still works for its own buurt. */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM residency_letter "
                                      "WHERE used_at IS NOT NULL"),
                     0);
}

static void test_letter_codes_are_typed_forgivingly_and_stored_as_hashes(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct residency_letter_code *codes = letters(fx, CT_BU1, 3);
    assert_string_equal(codes[2].address, "Kade 3");
    const char *code = codes[0].code;
    assert_int_equal(strlen(code), 19); /* 16 digits, 3 dashes */
    char typed[32];
    size_t j = 0;
    for (const char *p = code; *p; p++)
        if (*p != '-')
            typed[j++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    typed[j] = '\0';
    char *rows = mt_dump(fx->db, "SELECT * FROM residency_letter");
    assert_null(strstr(rows, code));
    assert_null(strstr(rows, typed));
    free(rows);
    assert_string_not_equal(codes[0].code, codes[1].code);
    int64_t r;
    int64_t ann = requester(fx, "ann@example.nl", CT_BU1, &r);
    assert_int_equal(redeem(fx, ann, "NOT-A-CODE", AT_NOW + 1, NULL), ERR_NOT_FOUND);
    assert_int_equal(redeem(fx, ann, "0000-0000-0000-0000", AT_NOW + 1, NULL), ERR_NOT_FOUND);
    assert_int_equal(redeem(fx, ann, typed, AT_NOW + 1, NULL), ERR_OK);
}

static void test_only_the_gemeentes_admin_prints_letters(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    const char *addresses[] = {"Havenstraat 1"};
    struct residency_letter_code *codes;
    int64_t other = at_person(fx, "gm2@example.nl", "Tweedorp");
    ct_grant(fx, other, CAP_MUNI_ADMIN, 0, CT_GM2);
    struct actor act = ct_act(other, "municipality_admin");
    assert_int_equal(
        residency_letters_create(fx->db, fx->a, CT_BU1, addresses, 1, &act, &codes, NULL),
        ERR_FORBIDDEN);
    assert_int_equal(
        residency_letters_create(fx->db, fx->a, CT_BU2, addresses, 1, &act, &codes, NULL), ERR_OK);
    const char *bad[] = {"Havenstraat 1", "two\nlines"};
    assert_int_equal(residency_letters_create(fx->db, fx->a, CT_BU2, bad, 2, &act, &codes, NULL),
                     ERR_INVALID);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM residency_letter"), 1);
}

/* Two verified residents of buurt: ids into v[0], v[1]. */
static void two_residents(struct at_fx *fx, const char *buurt, int64_t v[2])
{
    v[0] = at_person(fx, "v1@example.nl", "Buur Een");
    v[1] = at_person(fx, "v2@example.nl", "Buur Twee");
    ct_resident(fx, v[0], buurt);
    ct_resident(fx, v[1], buurt);
}

static enum err vouch(struct at_fx *fx, int64_t voucher, const char *capacity, int64_t r,
                      bool *verified, struct fault *f)
{
    struct actor act = ct_act(voucher, capacity);
    return residency_vouch(fx->db, r, &act, verified, f);
}

static void test_two_vouches_verify(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t v[2], r;
    two_residents(fx, CT_BU1, v);
    requester(fx, "ann@example.nl", CT_BU1, &r);
    bool verified = true;
    assert_int_equal(vouch(fx, v[0], "resident", r, &verified, NULL), ERR_OK);
    assert_false(verified);
    assert_string_equal(status_of(fx, r), "requested");
    struct fault f = {0};
    assert_int_equal(vouch(fx, v[0], "resident", r, NULL, &f), ERR_CONFLICT);
    assert_int_equal(vouch(fx, v[1], "resident:" CT_BU1, r, &verified, NULL), ERR_OK);
    assert_true(verified);
    struct residency got;
    assert_int_equal(residency_get(fx->db, fx->a, r, &got, NULL), ERR_OK);
    assert_string_equal(got.status, "verified");
    assert_string_equal(got.method, "vouch");
    assert_int_equal(got.vouches, 2);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM vouch"), 2);
}

static void test_self_vouch_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t v[2], r;
    two_residents(fx, CT_BU1, v);
    /* v[0], a resident of BU1, asks for residency in BU1B as well, where a
     * verified resident lives, and tries to vouch for that request. */
    struct actor act = ct_act(v[0], "resident");
    assert_int_equal(residency_request(fx->db, CT_BU1B, &act, &r, NULL), ERR_OK);
    ct_resident(fx, at_person(fx, "v3@example.nl", "Drie"), CT_BU1B);
    struct fault f = {0};
    assert_int_equal(vouch(fx, v[0], "resident", r, NULL, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "your own"));
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM vouch"), 0);
}

static void test_vouching_needs_a_verified_resident_of_the_same_buurt(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t elsewhere = at_person(fx, "w@example.nl", "Elders");
    ct_resident(fx, elsewhere, CT_BU1B);
    int64_t r;
    requester(fx, "ann@example.nl", CT_BU1, &r);
    assert_int_equal(vouch(fx, elsewhere, "resident", r, NULL, NULL), ERR_FORBIDDEN);
    int64_t plain = at_person(fx, "p@example.nl", "Geen bewoner");
    assert_int_equal(vouch(fx, plain, NULL, r, NULL, NULL), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM vouch"), 0);
}

static void test_professional_cannot_vouch(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t v[2], r;
    two_residents(fx, CT_BU1, v);
    requester(fx, "ann@example.nl", CT_BU1, &r);
    /* v[0] is a resident there and also holds a post; as professional the
     * vouch is refused even so. */
    int64_t org_admin = at_person(fx, "org@example.nl", "Org");
    ct_grant(fx, org_admin, CAP_ORG_ADMIN, CT_ORG1, NULL);
    struct actor as_v = ct_act(v[0], NULL);
    int64_t post;
    assert_int_equal(post_request(fx->db, CT_ORG1, "huismeester", &as_v, &post, NULL), ERR_OK);
    struct actor as_org = ct_act(org_admin, "organisation_admin");
    assert_int_equal(post_confirm(fx->db, post, &as_org, NULL), ERR_OK);
    assert_int_equal(vouch(fx, v[0], "professional", r, NULL, NULL), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM vouch"), 0);
}

static void test_console_verification_is_logged_as_the_console(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    int64_t r = ct_resident(fx, ann, CT_BU1);
    assert_string_equal(status_of(fx, r), "verified");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'residency.verify' AND capacity = 'console' "
                                      "AND person_id IS NULL"),
                     1);
    struct actor act = ct_console();
    struct fault f = {0};
    assert_int_equal(residency_verify_console(fx->db, ann, CT_BU1, &act, NULL, &f), ERR_CONFLICT);
    assert_int_equal(residency_verify_console(fx->db, 999, CT_BU1, &act, NULL, NULL),
                     ERR_NOT_FOUND);
}

static void test_resident_ends_own_residency(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t ann = at_person(fx, "ann@example.nl", "Ann");
    int64_t r = ct_resident(fx, ann, CT_BU1);
    int64_t bob = at_person(fx, "bob@example.nl", "Bob");
    ct_resident(fx, bob, CT_BU1);
    struct actor as_bob = ct_act(bob, "resident");
    assert_int_equal(residency_end(fx->db, r, &as_bob, NULL), ERR_FORBIDDEN);
    struct actor as_ann = ct_act(ann, "resident");
    assert_int_equal(residency_end(fx->db, r, &as_ann, NULL), ERR_OK);
    assert_string_equal(status_of(fx, r), "ended");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_admin_of_the_gemeente_verifies_a_request),
        AT_TEST(test_professional_cannot_verify_residency),
        AT_TEST(test_admin_of_another_gemeente_cannot_verify),
        AT_TEST(test_a_capacity_not_held_is_refused),
        AT_TEST(test_admin_rejects_a_request),
        AT_TEST(test_one_active_residency_per_buurt),
        AT_TEST(test_request_for_a_bad_buurt_is_refused),
        AT_TEST(test_letter_code_verifies_once),
        AT_TEST(test_letter_code_expires_after_30_days),
        AT_TEST(test_letter_code_fails_for_another_buurt),
        AT_TEST(test_letter_codes_are_typed_forgivingly_and_stored_as_hashes),
        AT_TEST(test_only_the_gemeentes_admin_prints_letters),
        AT_TEST(test_two_vouches_verify),
        AT_TEST(test_self_vouch_is_refused),
        AT_TEST(test_vouching_needs_a_verified_resident_of_the_same_buurt),
        AT_TEST(test_professional_cannot_vouch),
        AT_TEST(test_console_verification_is_logged_as_the_console),
        AT_TEST(test_resident_ends_own_residency),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
