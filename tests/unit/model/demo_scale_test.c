/* Tests of the synthetic history (src/model/demo_scale*.c), tier S, on
 * SQLite and, with $WIJKREGIE_TEST_PG_URL, on PostgreSQL: the tiers parse,
 * the areas and figures have the shape promised, the generated rows keep
 * the invariants the model functions keep (residents act where they live
 * and after they moved in, collectives are sound, phases follow each
 * other, places are not overbooked, the ledger balances), a fifth of the
 * buurten carry most of the activity, the planted declining vulnerable
 * buurt declines while the growing ones do not, the same seed gives the
 * same rows and another seed others, and a second run is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "account_testing.h"
#include "db/db.h"
#include "model/collective.h"
#include "model/demo_scale.h"
#include "model_testing.h"

enum { SEED = 7 };

/* The declining vulnerable buurt every run plants (the second one). */
#define DECLINING "BU50000102"

static void generate(struct db *db, uint64_t seed, struct demo_scale_result *res)
{
    struct fault f = {0};
    if (demo_scale_generate(db, DEMO_SCALE_S, seed, AT_NOW, NULL, NULL, res, &f) != ERR_OK)
        fail_msg("generate: %s (%s)", f.msgid ? f.msgid : "?", db_errmsg(db));
}

static struct demo_scale_result generated(struct at_fx *fx)
{
    struct demo_scale_result res;
    generate(fx->db, SEED, &res);
    return res;
}

static void test_tiers_parse(void **state)
{
    (void)state;
    enum demo_scale_tier t;
    assert_true(demo_scale_parse("S", &t) && t == DEMO_SCALE_S);
    assert_true(demo_scale_parse("m", &t) && t == DEMO_SCALE_M);
    assert_true(demo_scale_parse("L", &t) && t == DEMO_SCALE_L);
    assert_false(demo_scale_parse("X", &t));
    assert_false(demo_scale_parse("", &t));
    assert_false(demo_scale_parse("SM", &t));
    assert_false(demo_scale_parse(NULL, &t));
    struct demo_scale_shape m = demo_scale_shape(DEMO_SCALE_M), l = demo_scale_shape(DEMO_SCALE_L);
    assert_int_equal(m.gemeenten * m.wijken * m.buurten, 500);
    assert_int_equal(l.gemeenten * l.wijken * l.buurten, 14800);
}

static void test_areas_and_figures_have_the_tier_shape(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct demo_scale_result res = generated(fx);
    assert_int_equal(res.gemeenten, 1);
    assert_int_equal(res.wijken, 4);
    assert_int_equal(res.buurten, 40);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM area WHERE kind = 'buurt'"), 40);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM area_figures"), 45 * 5);
    assert_true(res.hot == 7 || res.hot == 8); /* one in five, the planted buurt never */
    assert_true(res.tiny >= 1);
    assert_true(at_count(fx->db, "SELECT COUNT(*) FROM area_figures WHERE inhabitants < 50") >= 1);
    /* a wijk's figures are the sums of its buurten's */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM area_figures w JOIN area a ON "
                                      "a.code = w.area_code WHERE a.kind = 'wijk' AND "
                                      "w.inhabitants <> (SELECT SUM(b.inhabitants) FROM "
                                      "area_figures b JOIN area x ON x.code = b.area_code WHERE "
                                      "x.parent_code = a.code AND b.year = w.year)"),
                     0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM area_figures WHERE age_0_15 + "
                                      "age_15_25 + age_25_45 + age_45_65 + age_65_plus <> "
                                      "inhabitants"),
                     0);
    /* the counts reported are the rows written */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM residency"), res.residents);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative"), res.initiatives);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM pledge"), res.pledges);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM decision_vote"), res.votes);
    assert_true(res.pledges > 0 && res.activities > 0 && res.decisions > 0 && res.offers > 0);
    assert_true(res.hour_pledges > 0 && res.agreements > 0 && res.collectives > 0);
}

static void test_residents_act_where_and_after_they_live(void **state)
{
    struct at_fx *fx = at_fx(state);
    generated(fx);
    /* initiators and pledgers hold a verified residency in the
     * initiative's buurt from before they acted */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative_initiator ii WHERE NOT "
                                      "EXISTS (SELECT 1 FROM residency r JOIN initiative_area ia "
                                      "ON ia.buurt_code = r.buurt_code WHERE ia.initiative_id = "
                                      "ii.initiative_id AND r.person_id = ii.person_id AND "
                                      "r.status = 'verified' AND r.start_at <= ii.since_at)"),
                     0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM pledge p WHERE NOT EXISTS (SELECT 1 "
                                      "FROM residency r JOIN initiative_area ia ON ia.buurt_code "
                                      "= r.buurt_code WHERE ia.initiative_id = p.initiative_id "
                                      "AND r.person_id = p.person_id AND r.status = 'verified' "
                                      "AND r.start_at <= p.created_at)"),
                     0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM decision_vote v WHERE NOT EXISTS "
                                      "(SELECT 1 FROM residency r WHERE r.person_id = v.person_id "
                                      "AND r.start_at <= v.created_at)"),
                     0);
    /* an initiative has initiators exactly when no collective owns it */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative i WHERE (i.collective_id "
                                      "IS NULL) <> EXISTS (SELECT 1 FROM initiative_initiator ii "
                                      "WHERE ii.initiative_id = i.id)"),
                     0);
    /* no professional holds a residency, an initiator role or a vote */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM post p WHERE EXISTS (SELECT 1 FROM "
                                      "residency r WHERE r.person_id = p.person_id)"),
                     0);
}

static void test_collectives_are_sound_with_a_board_of_three(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct demo_scale_result res = generated(fx);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM collective_member WHERE board_role "
                                      "IS NOT NULL"),
                     3 * res.collectives);
    for (int64_t id = 1; id <= res.collectives; id++) {
        bool sound = false;
        const char *why = NULL;
        assert_int_equal(collective_is_sound(fx->db, id, &sound, &why, NULL), ERR_OK);
        assert_true(sound);
    }
}

static void test_phases_follow_each_other_in_time(void **state)
{
    struct at_fx *fx = at_fx(state);
    generated(fx);
    /* the last change leads to the phase the initiative stands in */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative i WHERE i.phase <> "
                                      "COALESCE((SELECT c.to_phase FROM initiative_phase_change c "
                                      "WHERE c.initiative_id = i.id ORDER BY c.id DESC LIMIT 1), "
                                      "'idea')"),
                     0);
    /* each change starts where the one before ended, later than it */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative_phase_change a JOIN "
                                      "initiative_phase_change b ON b.initiative_id = "
                                      "a.initiative_id AND b.id = (SELECT MIN(x.id) FROM "
                                      "initiative_phase_change x WHERE x.initiative_id = "
                                      "a.initiative_id AND x.id > a.id) WHERE b.from_phase <> "
                                      "a.to_phase OR b.at <= a.at"),
                     0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative_phase_change c JOIN "
                                      "initiative i ON i.id = c.initiative_id WHERE c.at <= "
                                      "i.created_at OR c.at >= 1772366400"),
                     0);
    assert_true(at_count(fx->db, "SELECT COUNT(*) FROM initiative WHERE phase = 'anchored'") > 0);
}

static void test_places_are_not_overbooked_and_the_ledger_balances(void **state)
{
    struct at_fx *fx = at_fx(state);
    generated(fx);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM activity a WHERE a.taken <> (SELECT "
                                      "COUNT(*) FROM activity_signup s WHERE s.activity_id = a.id "
                                      "AND s.status = 'confirmed') OR a.taken > a.capacity"),
                     0);
    assert_int_equal(at_count(fx->db,
                              "SELECT COUNT(*) FROM hours_movement m WHERE (SELECT "
                              "COUNT(*) FROM hours_entry e WHERE e.movement_id = m.id) <> 2 "
                              "OR (SELECT SUM(e.amount_tenths) FROM hours_entry e WHERE "
                              "e.movement_id = m.id) <> 0"),
                     0);
    /* hours delivered for an initiative are for one of the pledge's buurt */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM hours_movement m JOIN hour_pledge p "
                                      "ON p.id = m.pledge_id WHERE m.initiative_id IS NOT NULL "
                                      "AND NOT EXISTS (SELECT 1 FROM initiative_area ia WHERE "
                                      "ia.initiative_id = m.initiative_id AND ia.buurt_code = "
                                      "p.area_code)"),
                     0);
    /* a matched resident has the skill the need asks for */
    assert_true(at_count(fx->db, "SELECT COUNT(*) FROM match_invite") > 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM match_invite i JOIN match_need n ON "
                                      "n.id = i.need_id WHERE NOT EXISTS (SELECT 1 FROM "
                                      "person_skill s WHERE s.person_id = i.person_id AND "
                                      "s.skill_code = n.skill_code)"),
                     0);
    /* closed decisions count the votes cast */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM decision d WHERE d.status = 'closed' "
                                      "AND d.votes_count <> (SELECT COUNT(*) FROM decision_vote v "
                                      "WHERE v.decision_id = d.id)"),
                     0);
    /* an active agreement is signed by every party on its version */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM agreement a JOIN agreement_party p ON "
                                      "p.agreement_id = a.id WHERE a.status = 'active' AND NOT "
                                      "EXISTS (SELECT 1 FROM agreement_signature s JOIN "
                                      "agreement_version v ON v.id = s.version_id WHERE "
                                      "s.party_id = p.id AND v.version = a.version)"),
                     0);
}

/* Contributions (pledges, sign-ups, votes) per buurt, most first. */
static int64_t per_buurt(struct db *db, int64_t *counts, int max)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT COUNT(*) AS n FROM (SELECT r.buurt_code FROM pledge p JOIN residency r ON "
            "r.person_id = p.person_id UNION ALL SELECT r.buurt_code FROM activity_signup s JOIN "
            "residency r ON r.person_id = s.person_id UNION ALL SELECT r.buurt_code FROM "
            "decision_vote v JOIN residency r ON r.person_id = v.person_id) x GROUP BY "
            "x.buurt_code ORDER BY n DESC");
    assert_non_null(st);
    int n = 0;
    while (db_step(st) == DB_ROW && n < max)
        counts[n++] = db_col_int(st, 0);
    db_done(st);
    return n;
}

static void test_a_fifth_of_the_buurten_carry_most_activity(void **state)
{
    struct at_fx *fx = at_fx(state);
    generated(fx);
    int64_t counts[40] = {0}, top = 0, all = 0;
    int n = (int)per_buurt(fx->db, counts, 40);
    assert_true(n >= 30);
    for (int i = 0; i < n; i++) {
        all += counts[i];
        top += i < 8 ? counts[i] : 0;
    }
    assert_true(top * 2 > all);
}

/* Contributions (pledges, sign-ups, votes) of the buurt's residents
 * from..to (unix seconds). */
static int64_t contributions(struct db *db, const char *buurt, int64_t from, int64_t to)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT COUNT(*) FROM (SELECT p.person_id, p.created_at AS at FROM pledge p UNION ALL "
            "SELECT s.person_id, s.created_at FROM activity_signup s UNION ALL SELECT v.person_id, "
            "v.created_at FROM decision_vote v) x JOIN residency r ON r.person_id = x.person_id "
            "WHERE r.buurt_code = ? AND x.at >= ? AND x.at < ?");
    assert_non_null(st);
    db_bind_text(st, 1, buurt);
    db_bind_int(st, 2, from);
    db_bind_int(st, 3, to);
    assert_int_equal(db_step(st), DB_ROW);
    int64_t n = db_col_int(st, 0);
    db_done(st);
    return n;
}

enum { YEAR = 365 * 86400 };

static void test_the_planted_buurt_is_vulnerable_and_declines(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct demo_scale_result res = generated(fx);
    assert_true(res.declining >= 1 && res.vulnerable >= 1);
    /* vulnerable: its low-income share is well over 1.5 times the gemeente's */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM area_figures b JOIN area_figures g "
                                      "ON g.year = b.year AND g.area_code = 'GM5000' WHERE "
                                      "b.area_code = '" DECLINING "' AND b.low_income_share < "
                                      "1.5 * g.low_income_share"),
                     0);
    /* its last year holds clearly less than a year before its decline did,
     * from few people, but enough of them for its figures to be shown */
    int64_t before = contributions(fx->db, DECLINING, AT_NOW - 4 * YEAR, AT_NOW - 2 * YEAR) / 2;
    int64_t last = contributions(fx->db, DECLINING, AT_NOW - YEAR, AT_NOW);
    assert_true(before > 0);
    assert_true(last * 3 < before * 2);
    assert_true(at_count(fx->db, "SELECT COUNT(DISTINCT x.person_id) FROM (SELECT person_id, "
                                 "created_at AS at FROM pledge UNION ALL SELECT person_id, "
                                 "created_at FROM activity_signup UNION ALL SELECT person_id, "
                                 "created_at FROM decision_vote) x JOIN residency r ON "
                                 "r.person_id = x.person_id WHERE r.buurt_code = '" DECLINING
                                 "' AND x.at >= 1772366400 - 365 * 86400") >= 5);
    /* the organisation withdrew its hours */
    assert_true(at_count(fx->db, "SELECT COUNT(*) FROM hour_pledge WHERE area_code = '" DECLINING
                                 "' AND status = 'withdrawn'") == 1);
    assert_int_equal(at_count(fx->db,
                              "SELECT COUNT(*) FROM hour_pledge WHERE area_code = '" DECLINING
                              "' AND starts_on > (SELECT starts_on FROM hour_pledge WHERE "
                              "area_code = '" DECLINING "' AND status = 'withdrawn')"),
                     0);
    /* while the rest of the gemeente keeps growing */
    int64_t all_before = 0, all_last = 0;
    struct db_stmt *st = db_prepare(fx->db, "SELECT code FROM area WHERE kind = 'buurt' AND "
                                            "code <> '" DECLINING "' ORDER BY code");
    char codes[40][16];
    int n = 0;
    while (db_step(st) == DB_ROW && n < 40)
        snprintf(codes[n++], sizeof codes[0], "%s", db_col_text(st, 0));
    db_done(st);
    for (int i = 0; i < n; i++) {
        all_before += contributions(fx->db, codes[i], AT_NOW - 3 * YEAR, AT_NOW - 2 * YEAR);
        all_last += contributions(fx->db, codes[i], AT_NOW - YEAR, AT_NOW);
    }
    assert_true(all_last > all_before);
}

/* The rows of a generated database that do not hold a double. */
static char *dump(struct db *db)
{
    static const char *const sql[] = {
        "SELECT code, kind, name, parent_code FROM area ORDER BY code",
        "SELECT area_code, year, inhabitants, age_0_15, households FROM area_figures "
        "ORDER BY area_code, year",
        "SELECT id, email, display_name, lang, created_at FROM person ORDER BY id",
        "SELECT id, person_id, buurt_code, start_at FROM residency ORDER BY id",
        "SELECT id, title, collective_id, phase, created_by, created_at, updated_at FROM "
        "initiative ORDER BY id",
        "SELECT id, initiative_id, person_id, hours_tenths, status, created_at FROM pledge "
        "ORDER BY id",
        "SELECT id, decision_id, person_id, choice, created_at FROM decision_vote ORDER BY id",
        "SELECT id, pledge_id, kind, on_date FROM hours_movement ORDER BY id",
        "SELECT id, initiative_id, person_id, kind, status, created_at FROM offer ORDER BY id",
    };
    size_t len = 0;
    char *all = NULL;
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        char *part = mt_dump(db, sql[i]);
        size_t n = strlen(part);
        all = realloc(all, len + n + 2);
        memcpy(all + len, part, n);
        len += n;
        all[len++] = '\n';
        all[len] = '\0';
        free(part);
    }
    return all;
}

static void test_the_same_seed_gives_the_same_rows(void **state)
{
    struct at_fx *fx = at_fx(state);
    generated(fx);
    struct db *other = mt_open_db();
    struct demo_scale_result res;
    generate(other, SEED, &res);
    char *a = dump(fx->db), *b = dump(other);
    assert_string_equal(a, b);
    free(b);
    db_close(other);
    other = mt_open_db();
    generate(other, SEED + 1, &res);
    b = dump(other);
    assert_string_not_equal(a, b);
    free(a);
    free(b);
    db_close(other);
}

static void test_a_second_run_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    generated(fx);
    int64_t people = at_count(fx->db, "SELECT COUNT(*) FROM person");
    struct demo_scale_result res;
    struct fault f = {0};
    assert_int_equal(demo_scale_generate(fx->db, DEMO_SCALE_S, SEED, AT_NOW, NULL, NULL, &res, &f),
                     ERR_CONFLICT);
    assert_string_equal(f.field, "scale");
    assert_int_equal(res.buurten, 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM person"), people);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tiers_parse),
        AT_TEST(test_areas_and_figures_have_the_tier_shape),
        AT_TEST(test_residents_act_where_and_after_they_live),
        AT_TEST(test_collectives_are_sound_with_a_board_of_three),
        AT_TEST(test_phases_follow_each_other_in_time),
        AT_TEST(test_places_are_not_overbooked_and_the_ledger_balances),
        AT_TEST(test_a_fifth_of_the_buurten_carry_most_activity),
        AT_TEST(test_the_planted_buurt_is_vulnerable_and_declines),
        AT_TEST(test_the_same_seed_gives_the_same_rows),
        AT_TEST(test_a_second_run_is_refused),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
