/* Tests of collectives (src/model/collective.c, collective_write.c) on
 * SQLite and PostgreSQL: founding by three verified residents of the area
 * (the founder and two named co-founders who consent by joining), what is
 * refused on founding; a professional cannot found, join as a voting member
 * or sit on the board, and is told why in words of the facilitating role;
 * the board admits advisers and sets its roles; the two-thirds-resident
 * rule after each membership change and after a residency ends; the lists
 * by area. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "capacity_testing.h"
#include "model/collective.h"
#include "model/residency.h"
#include "model_testing.h"

/* Three verified residents of CT_BU1 and an actor for each. */
struct trio {
    int64_t p[3];
    int64_t res[3]; /* their residencies */
    struct actor act[3];
};

static struct trio trio(struct at_fx *fx)
{
    static const char *const emails[] = {"a@example.nl", "b@example.nl", "c@example.nl"};
    static const char *const names[] = {"Anna", "Bram", "Cas"};
    struct trio t;
    for (int i = 0; i < 3; i++) {
        t.p[i] = at_person(fx, emails[i], names[i]);
        t.res[i] = ct_resident(fx, t.p[i], CT_BU1);
        t.act[i] = ct_act(t.p[i], "resident");
    }
    return t;
}

static struct collective draft(const char *area)
{
    return (struct collective){.name = "Buurttrust De Hoek",
                               .kind = "trust",
                               .area_code = area,
                               .voting_rule = "majority",
                               .statutes = "Artikel 1. De trust beheert het buurthuis."};
}

/* Founds a collective as t's first with the other two as co-founders. */
static int64_t found(struct at_fx *fx, struct trio *t, const char *area)
{
    struct collective in = draft(area);
    int64_t co[2] = {t->p[1], t->p[2]}, id = 0;
    struct fault f = {0};
    assert_int_equal(collective_found(fx->db, &in, co, &t->act[0], &id, &f), ERR_OK);
    return id;
}

/* A collective t founded and both co-founders joined. */
static int64_t active(struct at_fx *fx, struct trio *t)
{
    int64_t id = found(fx, t, CT_BU1);
    assert_int_equal(collective_join(fx->db, id, &t->act[1], NULL), ERR_OK);
    assert_int_equal(collective_join(fx->db, id, &t->act[2], NULL), ERR_OK);
    return id;
}

/* Gives person p a confirmed post at CT_ORG1. */
static void confirm_post(struct at_fx *fx, int64_t p)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO post (person_id, organisation_id, title, status, requested_at, "
             "start_at) VALUES (%lld, %d, 'welzijnswerker', 'confirmed', 1, 1)",
             (long long)p, CT_ORG1);
    mt_exec(fx->db, sql);
}

/* A professional: a person with a confirmed post at CT_ORG1. */
static int64_t professional(struct at_fx *fx, const char *email)
{
    int64_t p = at_person(fx, email, "Welzijn");
    confirm_post(fx, p);
    return p;
}

static void assert_sound(struct at_fx *fx, int64_t id, bool want, int voting, int residents)
{
    struct collective_soundness s;
    assert_int_equal(collective_soundness(fx->db, id, &s, NULL), ERR_OK);
    assert_int_equal(s.sound, want);
    assert_int_equal(s.voting, voting);
    assert_int_equal(s.residents, residents);
    bool sound = !want;
    const char *why = "x";
    assert_int_equal(collective_is_sound(fx->db, id, &sound, &why, NULL), ERR_OK);
    assert_int_equal(sound, want);
    if (want)
        assert_null(why);
    else
        assert_non_null(why);
}

static void test_three_verified_residents_found_a_collective(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct trio t = trio(fx);
    int64_t id = found(fx, &t, CT_BU1);
    struct collective c;
    assert_int_equal(collective_get(fx->db, fx->a, id, &c, NULL), ERR_OK);
    assert_string_equal(c.status, "founding");
    assert_string_equal(c.kind, "trust");
    assert_string_equal(c.statutes, "Artikel 1. De trust beheert het buurthuis.");
    assert_sound(fx, id, false, 1, 1);

    assert_int_equal(collective_join(fx->db, id, &t.act[1], NULL), ERR_OK);
    assert_int_equal(collective_get(fx->db, fx->a, id, &c, NULL), ERR_OK);
    assert_string_equal(c.status, "founding");
    assert_int_equal(collective_join(fx->db, id, &t.act[2], NULL), ERR_OK);
    assert_int_equal(collective_get(fx->db, fx->a, id, &c, NULL), ERR_OK);
    assert_string_equal(c.status, "active");
    assert_int_equal(c.activated_at, AT_NOW);
    assert_sound(fx, id, true, 3, 3);

    struct collective_member *m = NULL;
    int n = 0;
    assert_int_equal(collective_members(fx->db, fx->a, id, &m, &n, NULL), ERR_OK);
    assert_int_equal(n, 3);
    assert_string_equal(m[0].board_role, "chair");
    assert_int_equal(m[0].person_id, t.p[0]);
    assert_string_equal(m[1].board_role, "secretary");
    assert_string_equal(m[2].board_role, "treasurer");
    assert_string_equal(m[2].capacity, "resident:" CT_BU1);
    bool is = false;
    assert_int_equal(collective_is_board_member(fx->db, id, t.p[2], &is, NULL), ERR_OK);
    assert_true(is);
    assert_int_equal(collective_is_voting_member(fx->db, id, t.p[1], &is, NULL), ERR_OK);
    assert_true(is);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE object_type = "
                                      "'collective' AND action IN ('collective.create', "
                                      "'collective.join') AND public = 1"),
                     3);
}

static void test_founding_needs_three_verified_residents(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct trio t = trio(fx);
    int64_t elsewhere = at_person(fx, "d@example.nl", "Dirk");
    ct_resident(fx, elsewhere, CT_BU2);
    int64_t nobody = at_person(fx, "e@example.nl", "Eva");
    struct collective in = draft(CT_BU1);
    const struct {
        int64_t co[2];
        const char *field;
    } bad[] = {{{t.p[1], 0}, "cofounder2"},      {{t.p[1], t.p[1]}, "cofounder2"},
               {{t.p[0], t.p[1]}, "cofounder1"}, {{t.p[1], elsewhere}, "cofounder2"},
               {{nobody, t.p[2]}, "cofounder1"}, {{t.p[1], 999}, "cofounder2"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct fault f = {0};
        assert_int_equal(collective_found(fx->db, &in, bad[i].co, &t.act[0], NULL, &f),
                         ERR_INVALID);
        assert_string_equal(f.field, bad[i].field);
    }
    /* the founder must live in the area too */
    int64_t co[2] = {t.p[1], t.p[2]};
    struct actor away = ct_act(elsewhere, "resident");
    assert_int_equal(collective_found(fx->db, &in, co, &away, NULL, NULL), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM collective"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM collective_member"), 0);
}

static void test_bad_fields_are_refused_with_the_field(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct trio t = trio(fx);
    int64_t co[2] = {t.p[1], t.p[2]};
    struct collective in = draft(CT_BU1);
    const char *field[] = {"name", "kind", "voting_rule", "area", "area"};
    enum err want[] = {ERR_INVALID, ERR_INVALID, ERR_INVALID, ERR_INVALID, ERR_NOT_FOUND};
    for (int i = 0; i < 5; i++) {
        struct collective x = in;
        if (i == 0)
            x.name = "twee\nregels";
        if (i == 1)
            x.kind = "club";
        if (i == 2)
            x.voting_rule = "loting";
        if (i == 3)
            x.area_code = CT_GM1;
        if (i == 4)
            x.area_code = "BU99999999";
        struct fault f = {0};
        assert_int_equal(collective_found(fx->db, &x, co, &t.act[0], NULL, &f), want[i]);
        assert_string_equal(f.field, field[i]);
    }
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM collective"), 0);
}

static void assert_facilitates(enum err e, const struct fault *f)
{
    assert_int_equal(e, ERR_FORBIDDEN);
    assert_non_null(f->msgid);
    assert_non_null(strstr(f->msgid, "Professionals facilitate"));
}

static void test_a_professional_cannot_found_a_collective(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct trio t = trio(fx);
    /* a resident who is also a professional, acting as professional */
    confirm_post(fx, t.p[0]);
    struct actor pro = ct_act(t.p[0], "professional");
    struct collective in = draft(CT_BU1);
    int64_t co[2] = {t.p[1], t.p[2]};
    struct fault f = {0};
    assert_facilitates(collective_found(fx->db, &in, co, &pro, NULL, &f), &f);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM collective"), 0);
}

static void test_a_professional_cannot_join_as_a_voting_member(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct trio t = trio(fx);
    int64_t id = active(fx, &t);
    int64_t pro = professional(fx, "pro@example.nl");
    struct actor act = ct_act(pro, "professional");
    struct fault f = {0};
    assert_facilitates(collective_join(fx->db, id, &act, &f), &f);
    /* and a person without a residency in the area is refused as well */
    struct actor bare = ct_act(pro, NULL);
    assert_int_equal(collective_join(fx->db, id, &bare, NULL), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM collective_member"), 3);
}

static void test_while_founding_only_named_cofounders_join(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct trio t = trio(fx);
    int64_t id = found(fx, &t, CT_BU1);
    int64_t d = at_person(fx, "d@example.nl", "Dirk");
    ct_resident(fx, d, CT_BU1);
    struct actor dirk = ct_act(d, "resident");
    assert_int_equal(collective_join(fx->db, id, &dirk, NULL), ERR_FORBIDDEN);
    /* the founder is a member already */
    assert_int_equal(collective_join(fx->db, id, &t.act[0], NULL), ERR_CONFLICT);
    /* a co-founder who leaves before joining declines: the founding waits */
    assert_int_equal(collective_leave(fx->db, id, &t.act[2], NULL), ERR_OK);
    assert_int_equal(collective_join(fx->db, id, &t.act[1], NULL), ERR_OK);
    struct collective c;
    assert_int_equal(collective_get(fx->db, fx->a, id, &c, NULL), ERR_OK);
    assert_string_equal(c.status, "active");
    /* with two founders left it is active, but the rule counts 2 of 2 */
    assert_sound(fx, id, true, 2, 2);
}

static void test_a_resident_joins_and_leaves(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct trio t = trio(fx);
    int64_t id = active(fx, &t);
    int64_t d = at_person(fx, "d@example.nl", "Dirk");
    ct_resident(fx, d, CT_BU1);
    struct actor dirk = ct_act(d, "resident:" CT_BU1);
    assert_int_equal(collective_join(fx->db, id, &dirk, NULL), ERR_OK);
    struct fault f = {0};
    assert_int_equal(collective_join(fx->db, id, &dirk, &f), ERR_CONFLICT);
    assert_sound(fx, id, true, 4, 4);
    assert_int_equal(collective_leave(fx->db, id, &dirk, NULL), ERR_OK);
    assert_int_equal(collective_leave(fx->db, id, &dirk, NULL), ERR_FORBIDDEN);
    assert_sound(fx, id, true, 3, 3);
    /* a board member leaving gives up the role */
    assert_int_equal(collective_leave(fx->db, id, &t.act[0], NULL), ERR_OK);
    bool is = true;
    assert_int_equal(collective_is_board_member(fx->db, id, t.p[0], &is, NULL), ERR_OK);
    assert_false(is);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'collective.leave'"),
                     2);
}

static void test_the_board_admits_advisers_who_never_vote(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct trio t = trio(fx);
    int64_t id = active(fx, &t);
    int64_t pro = professional(fx, "pro@example.nl");
    int64_t d = at_person(fx, "d@example.nl", "Dirk");
    ct_resident(fx, d, CT_BU1);
    struct actor dirk = ct_act(d, "resident");
    assert_int_equal(collective_join(fx->db, id, &dirk, NULL), ERR_OK);
    /* a member who is not on the board may not admit */
    assert_int_equal(collective_admit_adviser(fx->db, id, pro, &dirk, NULL), ERR_FORBIDDEN);
    /* a resident is no adviser */
    struct fault f = {0};
    int64_t e = at_person(fx, "e@example.nl", "Eva");
    assert_int_equal(collective_admit_adviser(fx->db, id, e, &t.act[0], &f), ERR_INVALID);
    assert_string_equal(f.field, "person");
    assert_int_equal(collective_admit_adviser(fx->db, id, pro, &t.act[0], NULL), ERR_OK);
    assert_int_equal(collective_admit_adviser(fx->db, id, pro, &t.act[0], NULL), ERR_CONFLICT);
    bool is = true;
    assert_int_equal(collective_is_voting_member(fx->db, id, pro, &is, NULL), ERR_OK);
    assert_false(is);
    assert_sound(fx, id, true, 4, 4);
    struct collective_member *m = NULL;
    int n = 0;
    assert_int_equal(collective_members(fx->db, fx->a, id, &m, &n, NULL), ERR_OK);
    assert_int_equal(n, 5);
    assert_string_equal(m[4].role, "adviser");
    assert_string_equal(m[4].capacity, "professional:1");
}

static void test_a_professional_never_sits_on_the_board(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct trio t = trio(fx);
    int64_t id = active(fx, &t);
    int64_t pro = professional(fx, "pro@example.nl");
    assert_int_equal(collective_admit_adviser(fx->db, id, pro, &t.act[0], NULL), ERR_OK);
    int64_t h[3] = {t.p[0], pro, t.p[2]};
    struct fault f = {0};
    assert_facilitates(collective_set_board(fx->db, id, h, &t.act[0], &f), &f);
    assert_string_equal(f.field, "secretary");
    /* nor sets it, acting as a professional */
    struct actor as_pro = ct_act(pro, "professional");
    int64_t h2[3] = {t.p[0], t.p[1], t.p[2]};
    f = (struct fault){0};
    assert_facilitates(collective_set_board(fx->db, id, h2, &as_pro, &f), &f);
    f = (struct fault){0};
    assert_facilitates(collective_admit_adviser(fx->db, id, pro, &as_pro, &f), &f);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM collective_member WHERE "
                                      "board_role = 'secretary' AND role = 'member'"),
                     1);
}

static void test_the_board_sets_its_roles(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct trio t = trio(fx);
    int64_t id = active(fx, &t);
    int64_t d = at_person(fx, "d@example.nl", "Dirk");
    ct_resident(fx, d, CT_BU1);
    struct actor dirk = ct_act(d, "resident");
    assert_int_equal(collective_join(fx->db, id, &dirk, NULL), ERR_OK);
    int64_t outsider = at_person(fx, "e@example.nl", "Eva");
    const int64_t bad[][3] = {{0, 0, 0}, {d, d, 0}, {outsider, 0, 0}};
    const char *field[] = {"chair", "secretary", "chair"};
    for (int i = 0; i < 3; i++) {
        struct fault f = {0};
        assert_int_equal(collective_set_board(fx->db, id, bad[i], &t.act[1], &f), ERR_INVALID);
        assert_string_equal(f.field, field[i]);
    }
    int64_t h[3] = {d, t.p[0], 0};
    assert_int_equal(collective_set_board(fx->db, id, h, &dirk, NULL), ERR_FORBIDDEN);
    assert_int_equal(collective_set_board(fx->db, id, h, &t.act[1], NULL), ERR_OK);
    bool is = true;
    assert_int_equal(collective_is_board_member(fx->db, id, t.p[1], &is, NULL), ERR_OK);
    assert_false(is);
    assert_int_equal(collective_is_board_member(fx->db, id, d, &is, NULL), ERR_OK);
    assert_true(is);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'collective.set_board'"),
                     1);
}

static void test_two_thirds_rule_after_each_change(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct trio t = trio(fx);
    int64_t id = active(fx, &t);
    int64_t q[2];
    int64_t res[2];
    struct actor qa[2];
    for (int i = 0; i < 2; i++) {
        q[i] = at_person(fx, i ? "e@example.nl" : "d@example.nl", i ? "Eva" : "Dirk");
        res[i] = ct_resident(fx, q[i], CT_BU1);
        qa[i] = ct_act(q[i], "resident");
        assert_int_equal(collective_join(fx->db, id, &qa[i], NULL), ERR_OK);
    }
    assert_sound(fx, id, true, 5, 5);
    /* a resident moves away: 4 of 5 is still two thirds */
    struct actor console = ct_console();
    assert_int_equal(residency_end(fx->db, res[0], &qa[0], NULL), ERR_OK);
    assert_sound(fx, id, true, 5, 4);
    /* a second one moves to another gemeente: 3 of 5 is not */
    assert_int_equal(residency_end(fx->db, t.res[2], &t.act[2], NULL), ERR_OK);
    assert_int_equal(residency_verify_console(fx->db, t.p[2], CT_BU2, &console, NULL, NULL),
                     ERR_OK);
    assert_sound(fx, id, false, 5, 3);
    const char *why = NULL;
    bool sound = true;
    assert_int_equal(collective_is_sound(fx->db, id, &sound, &why, NULL), ERR_OK);
    assert_non_null(strstr(why, "two thirds"));
    /* the one who moved leaves (acting as resident of their new buurt):
     * 3 of 4 restores it */
    struct actor moved = ct_act(t.p[2], "resident:" CT_BU2);
    assert_int_equal(collective_leave(fx->db, id, &moved, NULL), ERR_OK);
    assert_sound(fx, id, true, 4, 3);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'collective.leave' AND detail LIKE '%\"sound\":true%'"),
                     1);
}

static void test_a_wijk_collective_counts_residents_of_its_buurten(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct trio t = trio(fx);
    int64_t other = at_person(fx, "d@example.nl", "Dirk");
    ct_resident(fx, other, CT_BU1B);
    struct collective in = draft("WK000101");
    int64_t co[2] = {t.p[1], other}, id = 0;
    assert_int_equal(collective_found(fx->db, &in, co, &t.act[0], &id, NULL), ERR_OK);
    struct actor o = ct_act(other, "resident:" CT_BU1B);
    assert_int_equal(collective_join(fx->db, id, &o, NULL), ERR_OK);
    assert_int_equal(collective_join(fx->db, id, &t.act[1], NULL), ERR_OK);
    assert_sound(fx, id, true, 3, 3);
    /* listed on the wijk, on both buurten and on the gemeente, not elsewhere */
    const char *areas[] = {"WK000101", CT_BU1, CT_BU1B, CT_GM1, CT_BU2};
    for (int i = 0; i < 5; i++) {
        struct collective *items = NULL;
        int n = -1;
        assert_int_equal(collective_list(fx->db, fx->a, areas[i], &items, &n, NULL), ERR_OK);
        assert_int_equal(n, i < 4 ? 1 : 0);
    }
    struct collective *items = NULL;
    int n = 0;
    assert_int_equal(collective_list_board_of(fx->db, fx->a, other, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].area_code, "WK000101");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_three_verified_residents_found_a_collective),
        AT_TEST(test_founding_needs_three_verified_residents),
        AT_TEST(test_bad_fields_are_refused_with_the_field),
        AT_TEST(test_a_professional_cannot_found_a_collective),
        AT_TEST(test_a_professional_cannot_join_as_a_voting_member),
        AT_TEST(test_while_founding_only_named_cofounders_join),
        AT_TEST(test_a_resident_joins_and_leaves),
        AT_TEST(test_the_board_admits_advisers_who_never_vote),
        AT_TEST(test_a_professional_never_sits_on_the_board),
        AT_TEST(test_the_board_sets_its_roles),
        AT_TEST(test_two_thirds_rule_after_each_change),
        AT_TEST(test_a_wijk_collective_counts_residents_of_its_buurten),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
