/* Tests of the transition monitor's counting (src/model/monitor_run.c,
 * monitor_sql.c) on SQLite and PostgreSQL (account_testing.h): a small
 * hand-made wijk whose every row is written here, so that each indicator's
 * expected value can be worked out by hand (the comments do), plus
 * suppression, the roll-up to the wijk, the early warning for a declining
 * vulnerable buurt and none for a healthy one, the vulnerable flag and the
 * age group. The formulas on bare counts: monitor_calc_test.c.
 *
 * The world, run at NOW = 2025-12-31 23:59:59 UTC, so that the latest
 * quarter 2025Q4 covers 2025 (a second short):
 *   buurt A (1,000 inhabitants, 800 aged 15+, 20 % low income: vulnerable
 *     against a national 10 %), declining: 8 residents pledged in 2024 and
 *     withdrew; in 2025 residents p1..p6 contribute (9 contributions).
 *   buurt B (2,000 inhabitants, 1,500 aged 15+, 5 % low income, flagged by
 *     the gemeente), healthy: 12 residents pledged in 2024 and still do.
 *   buurt T (40 inhabitants): too small for figures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "account_testing.h"
#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/capacity.h"
#include "model/monitor.h"
#include "model/monitor_calc.h"
#include "model/monitor_nightly.h"
#include "model_testing.h"

#define GM "GM0001"
#define WK "WK000101"
#define BA "BU00010101"
#define BB "BU00010102"
#define BT "BU00010103"

static const int64_t NOW = 1767225599; /* 2025-12-31 23:59:59 UTC */

/* Unix seconds of a UTC date. */
static int64_t day(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return (era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468) * 86400;
}

static void ex(struct at_fx *fx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ex(struct at_fx *fx, const char *fmt, ...)
{
    char sql[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    mt_exec(fx->db, sql);
}

static int64_t person(struct at_fx *fx, const char *name)
{
    char email[64];
    snprintf(email, sizeof email, "%s@example.org", name);
    return at_person(fx, email, name);
}

/* A resident of buurt since 2024-01-01. */
static int64_t resident(struct at_fx *fx, const char *name, const char *buurt)
{
    int64_t id = person(fx, name);
    int64_t t = day(2024, 1, 1);
    ex(fx,
       "INSERT INTO residency (person_id, buurt_code, status, method, verified_at, "
       "requested_at, start_at) VALUES (%lld, '%s', 'verified', 'admin', %lld, %lld, %lld)",
       (long long)id, buurt, (long long)t, (long long)t, (long long)t);
    return id;
}

static void area(struct at_fx *fx, const char *code, const char *kind, const char *parent)
{
    ex(fx,
       "INSERT INTO area (code, kind, name, parent_code, created_at, updated_at) VALUES "
       "('%s', '%s', 'Area %s', %s%s%s, 1, 1)",
       code, kind, code, parent ? "'" : "", parent ? parent : "NULL", parent ? "'" : "");
}

static void figures(struct at_fx *fx, const char *code, const char *values)
{
    ex(fx,
       "INSERT INTO area_figures (area_code, year, inhabitants, age_0_15, age_15_25, age_25_45, "
       "age_45_65, age_65_plus, households, low_income_share, imported_at) VALUES ('%s', 2025, "
       "%s, 1)",
       code, values);
}

static int64_t initiative(struct at_fx *fx, const char *buurt, int64_t by, int64_t created,
                          const char *phase)
{
    ex(fx,
       "INSERT INTO initiative (title, aim, phase, created_by, created_at, updated_at) VALUES "
       "('Initiative', 'An aim', '%s', %lld, %lld, %lld)",
       phase, (long long)by, (long long)created, (long long)created);
    int64_t id = at_count(fx->db, "SELECT MAX(id) FROM initiative");
    ex(fx, "INSERT INTO initiative_area (initiative_id, buurt_code) VALUES (%lld, '%s')",
       (long long)id, buurt);
    return id;
}

static void initiator(struct at_fx *fx, int64_t iid, int64_t pid, int64_t since)
{
    ex(fx,
       "INSERT INTO initiative_initiator (initiative_id, person_id, since_at) VALUES (%lld, "
       "%lld, %lld)",
       (long long)iid, (long long)pid, (long long)since);
}

static void phase(struct at_fx *fx, int64_t iid, int64_t by, const char *from, const char *to,
                  int64_t at, const char *reason)
{
    ex(fx,
       "INSERT INTO initiative_phase_change (initiative_id, from_phase, to_phase, person_id, "
       "capacity, reason, at) VALUES (%lld, '%s', '%s', %lld, 'resident', %s%s%s, %lld)",
       (long long)iid, from, to, (long long)by, reason ? "'" : "", reason ? reason : "NULL",
       reason ? "'" : "", (long long)at);
}

static void pledge(struct at_fx *fx, int64_t iid, int64_t pid, int64_t created,
                   int64_t withdrawn)
{
    if (withdrawn)
        ex(fx,
           "INSERT INTO pledge (initiative_id, person_id, role, status, created_at, updated_at, "
           "withdrawn_at) VALUES (%lld, %lld, 'helper', 'withdrawn', %lld, %lld, %lld)",
           (long long)iid, (long long)pid, (long long)created, (long long)withdrawn,
           (long long)withdrawn);
    else
        ex(fx,
           "INSERT INTO pledge (initiative_id, person_id, role, status, created_at, updated_at) "
           "VALUES (%lld, %lld, 'helper', 'active', %lld, %lld)",
           (long long)iid, (long long)pid, (long long)created, (long long)created);
}

struct world {
    int64_t p[7]; /* p[1]..p[6]: residents of A who contribute in 2025 */
    int64_t pro, x, y, z, w, h;
};

static void geography(struct at_fx *fx)
{
    area(fx, GM, "gemeente", NULL);
    area(fx, WK, "wijk", GM);
    area(fx, BA, "buurt", WK);
    area(fx, BB, "buurt", WK);
    area(fx, BT, "buurt", WK);
    /* inhabitants, 0-15, 15-25, 25-45, 45-65, 65+, households, low income % */
    figures(fx, BA, "1000, 200, 100, 300, 250, 150, 500, 20");
    figures(fx, BB, "2000, 500, 300, 500, 500, 200, 1000, 5");
    figures(fx, BT, "40, NULL, NULL, NULL, NULL, NULL, NULL, NULL");
}

/* Buurt A's initiatives: X (2025, execution), Y (2024, stopped in 2025,
 * evaluated), Z (2024, stopped in 2024), W (2024, never executing, its
 * initiator no resident). */
static void initiatives_a(struct at_fx *fx, struct world *w)
{
    int64_t *p = w->p;
    w->x = initiative(fx, BA, p[1], day(2025, 2, 1), "execution");
    initiator(fx, w->x, p[1], day(2025, 2, 1));
    initiator(fx, w->x, p[3], day(2025, 2, 1));
    phase(fx, w->x, p[1], "idea", "awareness", day(2025, 2, 15), NULL);
    phase(fx, w->x, p[1], "awareness", "execution", day(2025, 4, 1), "Enough pledges");
    w->y = initiative(fx, BA, p[1], day(2024, 3, 1), "stopped");
    initiator(fx, w->y, p[1], day(2024, 3, 1));
    phase(fx, w->y, p[1], "awareness", "execution", day(2024, 4, 1), NULL);
    phase(fx, w->y, p[1], "execution", "stopped", day(2025, 6, 1), NULL);
    ex(fx,
       "INSERT INTO initiative_evaluation (initiative_id, results, worked, did_not_work, "
       "conditions, updated_by, updated_at) VALUES (%lld, 'r', 'w', 'd', 'c', %lld, %lld)",
       (long long)w->y, (long long)p[1], (long long)day(2025, 7, 1));
    w->z = initiative(fx, BA, p[1], day(2024, 2, 1), "stopped");
    phase(fx, w->z, p[1], "awareness", "execution", day(2024, 5, 1), NULL);
    phase(fx, w->z, p[1], "execution", "stopped", day(2024, 12, 1), NULL);
    w->w = initiative(fx, BA, w->pro, day(2024, 6, 1), "awareness");
    initiator(fx, w->w, w->pro, day(2024, 6, 1));
}

/* Two organisations: an institution coaching X (accepted offer), a
 * business pledging 100 hours for X in 2025 and delivering 25. */
static void organisations_a(struct at_fx *fx, struct world *w)
{
    ex(fx, "INSERT INTO organisation (id, name, kind, created_at) VALUES "
           "(1, 'Welzijn', 'institution', 1), (2, 'Bakker', 'business', 1)");
    ex(fx,
       "INSERT INTO offer (initiative_id, person_id, organisation_id, capacity, kind, body, "
       "status, created_at, answered_by, answered_at) VALUES (%lld, %lld, 1, 'professional:1', "
       "'coaching', 'Coaching', 'accepted', %lld, %lld, %lld)",
       (long long)w->x, (long long)w->pro, (long long)day(2025, 5, 1), (long long)w->p[1],
       (long long)day(2025, 5, 3));
    ex(fx,
       "INSERT INTO responsibility_question (initiative_id, question, asked_by, asked_capacity, "
       "asked_at, put_to) VALUES (%lld, 'Who?', %lld, 'resident', %lld, 'initiators')",
       (long long)w->x, (long long)w->p[2], (long long)day(2025, 5, 2));
    ex(fx,
       "INSERT INTO hour_pledge (id, organisation_id, area_code, hours_tenths, starts_on, "
       "ends_on, initiative_id, status, created_at) VALUES (1, 2, '%s', 1000, '2025-01-01', "
       "'2025-12-31', %lld, 'active', 1)",
       BA, (long long)w->x);
    ex(fx,
       "INSERT INTO hours_movement (id, pledge_id, kind, on_date, initiative_id, work_kind, "
       "created_at) VALUES (1, 1, 'delivery', '2025-06-01', %lld, 'practical', 1)",
       (long long)w->x);
    ex(fx, "INSERT INTO hours_entry (movement_id, account, amount_tenths) VALUES "
           "(1, 'delivered', 250), (1, 'pledge', -250)");
}

/* A decision of X's initiators (adopted) and a subsidy of the gemeente; an
 * agreement in force with a collective of A; p2's skills, one used. */
static void decisions_a(struct at_fx *fx, struct world *w)
{
    int64_t t = day(2025, 6, 20);
    ex(fx,
       "INSERT INTO decision (initiative_id, title, body, method, hide_results, proposed_by, "
       "created_at, updated_at, closes_at, status, closed_at, outcome, votes_count) VALUES "
       "(%lld, 'Plan', 'b', 'majority', 0, %lld, %lld, %lld, %lld, 'closed', %lld, 'adopted', 0)",
       (long long)w->x, (long long)w->p[1], (long long)t, (long long)t,
       (long long)day(2025, 7, 1), (long long)day(2025, 7, 1));
    ex(fx,
       "INSERT INTO external_event (initiative_id, kind, decided_by_gemeente, decided_on, body, "
       "recorded_by, capacity, recorded_at) VALUES (%lld, 'subsidy_granted', '%s', "
       "'2025-08-01', 'b', %lld, 'municipality_admin', 1)",
       (long long)w->x, GM, (long long)w->pro);
    ex(fx,
       "INSERT INTO collective (id, name, kind, area_code, voting_rule, statutes, status, "
       "created_at, activated_at) VALUES (1, 'Buurtkracht', 'community', '%s', 'majority', '', "
       "'active', 1, 1)",
       BA);
    ex(fx,
       "INSERT INTO agreement (id, version, status, created_by, created_at, updated_at) VALUES "
       "(1, 1, 'active', %lld, 1, 1)",
       (long long)w->p[1]);
    ex(fx, "INSERT INTO agreement_party (agreement_id, position, kind, collective_id, party_key) "
           "VALUES (1, 1, 'collective', 1, 'c1')");
    ex(fx,
       "INSERT INTO agreement_version (agreement_id, version, title, purpose, term_from, "
       "term_to, created_by, created_at) VALUES (1, 1, 'T', 'P', '2025-01-01', '2026-12-31', "
       "%lld, 1)",
       (long long)w->p[1]);
    ex(fx,
       "INSERT INTO skill_profile (person_id, hours_month, visibility, paused, about, "
       "updated_at) VALUES (%lld, 4, 'public', 0, '', 1)",
       (long long)w->p[2]);
    ex(fx,
       "INSERT INTO person_skill (person_id, skill_code, level, willing) VALUES (%lld, "
       "'cooking', 'capable', 1), (%lld, 'carpentry', 'capable', 1)",
       (long long)w->p[2], (long long)w->p[2]);
    ex(fx,
       "INSERT INTO match_need (id, initiative_id, skill_code, hours_month, note, created_by, "
       "created_at) VALUES (1, %lld, 'cooking', 4, '', %lld, 1)",
       (long long)w->x, (long long)w->p[1]);
    ex(fx,
       "INSERT INTO match_invite (need_id, person_id, invited_by, message, status, created_at, "
       "answered_at) VALUES (1, %lld, %lld, '', 'accepted', 1, %lld)",
       (long long)w->p[2], (long long)w->p[1], (long long)day(2025, 9, 1));
}

/* Contributors of A: p1 (initiator of X and Y, pledge to X: 3), p3
 * (initiator of X, pledge: 2), p2, p4, p5, p6 (a pledge each): 9 in all;
 * five gave an age group. In 2024 eight more pledged and withdrew. */
static void contributors_a(struct at_fx *fx, struct world *w)
{
    for (int i = 1; i <= 6; i++)
        pledge(fx, w->x, w->p[i], day(2025, 3, 1), 0);
    const char *groups[] = {NULL, "25_45", "25_45", "45_65", "65_plus", "15_25"};
    for (int i = 1; i <= 5; i++)
        ex(fx,
           "INSERT INTO person_age_group (person_id, age_group, updated_at) VALUES (%lld, "
           "'%s', 1)",
           (long long)w->p[i], groups[i]);
    for (int i = 0; i < 8; i++) {
        char name[16];
        snprintf(name, sizeof name, "former%d", i);
        pledge(fx, w->y, resident(fx, name, BA), day(2024, 3, 1), day(2024, 11, 1));
    }
}

/* Buurt B: 12 residents pledge to H since mid-2024; one pledged again in
 * November 2025, so H is not idle. */
static void healthy_b(struct at_fx *fx, struct world *w)
{
    int64_t first = 0;
    for (int i = 0; i < 12; i++) {
        char name[16];
        snprintf(name, sizeof name, "healthy%d", i);
        int64_t id = resident(fx, name, BB);
        if (i == 0) {
            first = id;
            w->h = initiative(fx, BB, id, day(2024, 5, 1), "awareness");
            initiator(fx, w->h, id, day(2024, 5, 1));
        }
        pledge(fx, w->h, id, i == 11 ? day(2025, 11, 15) : day(2024, 6, 1), 0);
    }
    (void)first;
}

static void build(struct at_fx *fx, struct world *w)
{
    memset(w, 0, sizeof *w);
    geography(fx);
    for (int i = 1; i <= 6; i++) {
        char name[8];
        snprintf(name, sizeof name, "p%d", i);
        w->p[i] = resident(fx, name, BA);
    }
    resident(fx, "p7", BA); /* a resident who does nothing */
    w->pro = person(fx, "pro");
    initiatives_a(fx, w);
    organisations_a(fx, w);
    decisions_a(fx, w);
    contributors_a(fx, w);
    healthy_b(fx, w);
}

static void run(struct at_fx *fx)
{
    struct monitor_run_result res;
    struct fault f = {0};
    assert_int_equal(monitor_run(fx->db, NULL, NULL, true, NOW, NULL, NULL, &res, &f), ERR_OK);
    assert_true(res.quarters >= 8);
    assert_int_equal(res.areas, 5);
}

/* The 2025Q4 point of one indicator of one area. */
static struct monitor_point at_q4(struct at_fx *fx, const char *code, enum monitor_indicator ind)
{
    struct monitor_point *pts;
    int n;
    assert_int_equal(monitor_series(fx->db, fx->a, code, ind, &pts, &n, NULL), ERR_OK);
    for (int i = 0; i < n; i++)
        if (strcmp(pts[i].quarter, "2025Q4") == 0)
            return pts[i];
    fail_msg("no 2025Q4 point of %s for %s", monitor_meta(ind)->code, code);
    return pts[0];
}

static void expect(struct at_fx *fx, const char *code, enum monitor_indicator ind, double num,
                   double den, double value)
{
    struct monitor_point p = at_q4(fx, code, ind);
    if (p.suppressed != MON_SHOWN)
        fail_msg("%s of %s is suppressed (%d)", monitor_meta(ind)->code, code, p.suppressed);
    assert_float_equal(p.numerator, num, 1e-6);
    assert_float_equal(p.denominator, den, 1e-6);
    assert_float_equal(p.value, value, 1e-6);
    assert_true(p.computed_at == NOW);
}

static void test_activation_counts_residents_with_a_contribution(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    build(fx, &w);
    run(fx);
    /* p1..p6 of 800 aged 15+; p7 did nothing, the former pledgers left in 2024 */
    expect(fx, BA, MON_I1_ACTIVATION, 6, 800, 7.5);
    expect(fx, BB, MON_I1_ACTIVATION, 12, 1500, 8.0);
}

static void test_initiative_density_and_ownership(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    build(fx, &w);
    run(fx);
    /* X, Y (stopped mid-2025) and W were active in 2025; Z stopped in 2024 */
    expect(fx, BA, MON_I2_DENSITY, 3, 1000, 3.0);
    /* at the end X and W are active; W's initiator is no resident */
    expect(fx, BA, MON_I4_OWNERSHIP, 1, 2, 50.0);
}

static void test_conversion_and_continuity_follow_their_cohorts(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    build(fx, &w);
    run(fx);
    /* started in 2024: Y and Z reached execution within a year, W not */
    expect(fx, BA, MON_I3_CONVERSION, 2, 3, 200.0 / 3);
    /* entered execution in 2024: Y still going a year on, Z stopped */
    expect(fx, BA, MON_I12_CONTINUITY, 1, 2, 50.0);
    /* ended in 2025: Y, evaluated */
    expect(fx, BA, MON_I13_LEARNING, 1, 1, 100.0);
}

static void test_voice_decisions_hours_and_organisations(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    build(fx, &w);
    run(fx);
    /* the offer (professional), the question, the phase change's reason,
     * the decision: one of four in a professional capacity */
    expect(fx, BA, MON_I5_PRO_VOICE, 1, 4, 25.0);
    /* the initiators' decision against the gemeente's subsidy */
    expect(fx, BA, MON_I6_AUTONOMY, 1, 2, 50.0);
    /* 25 of 100 pledged hours delivered (tenths) */
    expect(fx, BA, MON_I7_RELIABILITY, 250, 1000, 25.0);
    /* the institution and the business, both with X: one of three */
    expect(fx, BA, MON_I8_ORGANISATIONS, 2, 1, 2.0);
    expect(fx, BA, MON_I8_BREADTH, 1, 3, 100.0 / 3);
    expect(fx, BA, MON_I9_AGREEMENTS, 1, 1, 1.0);
    /* p2's cooking was asked for and accepted; carpentry not */
    expect(fx, BA, MON_I10_SKILLS, 1, 2, 50.0);
}

static void test_renewal_concentration_and_representativeness(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    build(fx, &w);
    run(fx);
    /* initiators in 2025: p1, p3, pro; only p3 never was one before */
    expect(fx, BA, MON_I11_RENEWAL, 1, 3, 100.0 / 3);
    /* 9 contributions; the top five (3 + 2 + 1 + 1 + 1) gave 8 */
    expect(fx, BA, MON_I11_CONCENTRATION, 8, 9, 800.0 / 9);
    /* given: 15-24 1, 25-44 2, 45-64 1, 65+ 1 (.2 .4 .2 .2) against CBS
     * 100 300 250 150 of 800: half of .075 + .025 + .1125 + .0125 */
    expect(fx, BA, MON_I14_REPRESENTATIVENESS, 0.1125 * 5, 5, 11.25);
    /* nobody in B gave an age group */
    assert_int_equal(at_q4(fx, BB, MON_I14_REPRESENTATIVENESS).suppressed, MON_NOT_AVAILABLE);
}

static void test_a_roll_up_sums_numerators_and_denominators(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    build(fx, &w);
    run(fx);
    /* (6 + 12) / (800 + 1500): not the mean of 7.5 and 8.0 */
    expect(fx, WK, MON_I1_ACTIVATION, 18, 2300, 18000.0 / 2300);
    expect(fx, GM, MON_I1_ACTIVATION, 18, 2300, 18000.0 / 2300);
    /* four initiatives over 3,040 inhabitants (T's 40 count too) */
    expect(fx, WK, MON_I2_DENSITY, 4, 3040, 4000.0 / 3040);
    expect(fx, WK, MON_I7_RELIABILITY, 250, 1000, 25.0);
}

static void test_small_areas_are_suppressed(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    build(fx, &w);
    /* two residents of T contribute: too few inhabitants anyway */
    for (int i = 0; i < 2; i++) {
        char name[8];
        snprintf(name, sizeof name, "t%d", i);
        pledge(fx, w.x, resident(fx, name, BT), day(2025, 3, 1), 0);
    }
    run(fx);
    for (int i = 0; i < MON_INDICATOR_COUNT; i++) {
        struct monitor_point p = at_q4(fx, BT, (enum monitor_indicator)i);
        assert_int_equal(p.suppressed, MON_FEW_INHABITANTS);
        assert_true(p.numerator == 0 && p.denominator == 0);
    }
    struct monitor_summary s;
    assert_int_equal(monitor_area_summary(fx->db, fx->a, BT, &s, NULL), ERR_OK);
    assert_int_equal(s.phase, MON_PHASE_UNKNOWN);
}

static void test_fewer_than_five_contributors_are_suppressed(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    build(fx, &w);
    /* p4, p5, p6 withdraw before 2025: A keeps p1, p2, p3 */
    ex(fx, "DELETE FROM pledge WHERE person_id IN (%lld, %lld, %lld)", (long long)w.p[4],
       (long long)w.p[5], (long long)w.p[6]);
    run(fx);
    struct monitor_point p = at_q4(fx, BA, MON_I1_ACTIVATION);
    assert_int_equal(p.suppressed, MON_FEW_CONTRIBUTORS);
    assert_true(p.numerator == 0 && p.value == 0);
    /* the wijk still shows, with A's three inside its count */
    expect(fx, WK, MON_I1_ACTIVATION, 15, 2300, 15000.0 / 2300);
}

static bool has_signal(const struct monitor_warning *w, const char *code)
{
    for (int i = 0; i < w->nsignals; i++)
        if (strcmp(w->signals[i].code, code) == 0)
            return true;
    return false;
}

static void test_a_declining_vulnerable_buurt_raises_the_warning(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    build(fx, &w);
    run(fx);
    struct monitor_warning wa;
    assert_int_equal(monitor_warning_get(fx->db, fx->a, BA, &wa, NULL), ERR_OK);
    assert_string_equal(wa.quarter, "2025Q4");
    assert_true(wa.low_income && wa.vulnerable && !wa.flagged);
    /* 20 % against 10 % (households-weighted: (20x500 + 5x1000) / 1500) */
    assert_float_equal(wa.low_income_share, 20, 1e-9);
    assert_float_equal(wa.national_share, 10, 1e-9);
    assert_true(wa.raised);
    assert_true(has_signal(&wa, "activation_down"));
    assert_true(has_signal(&wa, "idle"));
    assert_true(has_signal(&wa, "concentration"));
    for (int i = 0; i < wa.nsignals; i++)
        assert_non_null(wa.signals[i].msgid);
    struct monitor_summary s;
    assert_int_equal(monitor_area_summary(fx->db, fx->a, WK, &s, NULL), ERR_OK);
    assert_int_equal(s.buurten_warned, 1);
    assert_true(s.warning.raised);
}

/* A configured national share is the one the warning is judged on, and
 * the one shown with it (not a sum over the buurten's figures). */
static void test_the_shares_shown_are_those_judged_on(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    build(fx, &w);
    struct monitor_config cfg;
    monitor_config_default(&cfg);
    cfg.national_low_income = 25;
    struct monitor_run_result res;
    assert_int_equal(monitor_run(fx->db, &cfg, NULL, true, NOW, NULL, NULL, &res, NULL), ERR_OK);
    struct monitor_warning wa;
    assert_int_equal(monitor_warning_get(fx->db, fx->a, BA, &wa, NULL), ERR_OK);
    assert_float_equal(wa.low_income_share, 20, 1e-9);
    assert_float_equal(wa.national_share, 25, 1e-9);
    assert_false(wa.low_income); /* 20 % is below 1.5 x 25 % */
    assert_false(wa.raised);
    struct monitor_warning wt;
    assert_int_equal(monitor_warning_get(fx->db, fx->a, WK, &wt, NULL), ERR_OK);
    assert_true(wt.low_income_share < 0 && wt.national_share < 0); /* a wijk: none */
}

static void test_a_healthy_vulnerable_buurt_raises_none(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    build(fx, &w);
    struct actor console = {.capacity = CAPACITY_CONSOLE, .now = NOW};
    assert_int_equal(
        monitor_flag_vulnerable(fx->db, &console, BB, true, "Closing library", NULL), ERR_OK);
    run(fx);
    struct monitor_warning wb;
    assert_int_equal(monitor_warning_get(fx->db, fx->a, BB, &wb, NULL), ERR_OK);
    assert_true(wb.vulnerable && wb.flagged && !wb.low_income);
    assert_string_equal(wb.flag_reason, "Closing library");
    assert_false(wb.raised);
    assert_int_equal(wb.nsignals, 0);
}

static void test_only_the_gemeentes_admin_flags(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    build(fx, &w);
    struct actor ann = at_actor(w.p[1], NOW);
    ann.capacity = "resident:" BA;
    struct fault f = {0};
    assert_int_equal(monitor_flag_vulnerable(fx->db, &ann, BA, true, "Why", &f), ERR_FORBIDDEN);
    struct actor console = {.capacity = CAPACITY_CONSOLE, .now = NOW};
    assert_int_equal(monitor_flag_vulnerable(fx->db, &console, WK, true, "Why", &f), ERR_INVALID);
    assert_string_equal(f.field, "area");
    assert_int_equal(monitor_flag_vulnerable(fx->db, &console, BA, true, "  ", &f), ERR_INVALID);
    assert_string_equal(f.field, "reason");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM area_vulnerable_flag"), 0);
    assert_int_equal(monitor_flag_vulnerable(fx->db, &console, BA, true, "Why", NULL), ERR_OK);
    assert_int_equal(monitor_flag_vulnerable(fx->db, &console, BA, false, NULL, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM area_vulnerable_flag"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action LIKE "
                                      "'area.%flag_vulnerable'"),
                     2);
}

static void test_the_age_group_is_ones_own_and_voluntary(void **state)
{
    struct at_fx *fx = at_fx(state);
    int64_t id = person(fx, "ann");
    struct actor ann = at_actor(id, NOW);
    const char *g;
    struct fault f = {0};
    assert_int_equal(monitor_age_group_set(fx->db, &ann, "12_14", &f), ERR_INVALID);
    assert_string_equal(f.field, "age_group");
    assert_int_equal(monitor_age_group_set(fx->db, &ann, "45_65", NULL), ERR_OK);
    assert_int_equal(monitor_age_group_get(fx->db, fx->a, id, &g, NULL), ERR_OK);
    assert_string_equal(g, "45_65");
    assert_int_equal(monitor_age_group_set(fx->db, &ann, "", NULL), ERR_OK);
    assert_int_equal(monitor_age_group_get(fx->db, fx->a, id, &g, NULL), ERR_OK);
    assert_null(g);
    struct actor nobody = at_actor(0, NOW);
    assert_int_equal(monitor_age_group_set(fx->db, &nobody, "45_65", NULL), ERR_UNAUTHORIZED);
}

static void test_an_incremental_run_recomputes_only_the_latest_quarters(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    build(fx, &w);
    run(fx);
    struct monitor_run_result res;
    assert_int_equal(monitor_run(fx->db, NULL, BA, false, NOW + 60, NULL, NULL, &res, NULL),
                     ERR_OK);
    assert_int_equal(res.quarters, 2);
    assert_int_equal(res.values, 2 * 5 * MON_INDICATOR_COUNT);
    assert_int_equal(at_q4(fx, BA, MON_I1_ACTIVATION).computed_at, NOW + 60);
    struct fault f = {0};
    assert_int_equal(monitor_run(fx->db, NULL, "BU99999999", false, NOW, NULL, NULL, &res, &f),
                     ERR_NOT_FOUND);
    assert_string_equal(f.field, "area");
}

static void test_an_area_never_computed_has_no_figures(void **state)
{
    struct at_fx *fx = at_fx(state);
    geography(fx);
    struct monitor_summary s;
    assert_int_equal(monitor_area_summary(fx->db, fx->a, BA, &s, NULL), ERR_OK);
    assert_null(s.quarter);
    assert_int_equal(s.phase, MON_PHASE_UNKNOWN);
    assert_int_equal(s.latest[MON_I1_ACTIVATION].suppressed, MON_NOT_AVAILABLE);
    struct monitor_compare_row *rows;
    int n;
    assert_int_equal(monitor_compare(fx->db, fx->a, WK, &rows, &n, NULL), ERR_OK);
    assert_int_equal(n, 3);
    struct fault f = {0};
    assert_int_equal(monitor_compare(fx->db, fx->a, BA, &rows, &n, &f), ERR_INVALID);
    assert_int_equal(monitor_area_summary(fx->db, fx->a, "BU99999999", &s, &f), ERR_NOT_FOUND);
}

/* The database refuses a suppression code it does not know, on either
 * database (migration 0021 wrote the CHECKs as comparisons). */
static void test_the_database_refuses_an_unknown_suppression_code(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    build(fx, &w);
    run(fx);
    static const char *const sql[] = {
        "UPDATE monitor_value SET i1_sup = 'bogus', i1_value = NULL",
        "UPDATE monitor_value SET i14_sup = 'few', i14_value = NULL",
        "UPDATE monitor_value SET i7_sup = 'not_available', i7_value = 1",
    };
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        struct db_stmt *st = db_prepare(fx->db, sql[i]);
        assert_non_null(st);
        assert_int_equal(db_step(st), DB_ERROR);
        db_done(st);
    }
    mt_exec(fx->db, "UPDATE monitor_value SET i7_sup = 'not_available', i7_value = NULL");
}

/* Every stored value and status of a run as text, in key order, with the
 * time of the run left out. */
static void stored(struct db *db, struct buf *out)
{
    static const char *const sql[] = {
        "SELECT area_code, quarter, " MON_VALUE_COLUMNS " FROM monitor_value ORDER BY area_code, "
        "quarter",
        "SELECT area_code, quarter, phase, reasons, vulnerable, low_income, raised, signals FROM "
        "monitor_status ORDER BY area_code, quarter",
    };
    for (size_t q = 0; q < 2; q++) {
        struct db_stmt *st = db_prepare(db, sql[q]);
        assert_non_null(st);
        while (db_step(st) == DB_ROW) {
            for (int c = 0; c < db_col_count(st); c++)
                buf_printf(out, "%s|", db_col_is_null(st, c) ? "-" : db_col_text(st, c));
            buf_putc(out, '\n');
        }
        db_done(st);
    }
}

/* Counting on three connections at once stores what counting on one
 * does. On SQLite the in-memory world is copied into a file first (the
 * jobs open their own connections; in memory they could not). */
static void test_counting_in_parallel_stores_the_same(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    build(fx, &w);
    run(fx);
    struct buf one = BUF_INIT, three = BUF_INIT;
    stored(fx->db, &one);
    char *path = NULL;
    const char *url = fx->url;
    struct db *db = fx->db;
    struct fault f = {0};
    if (!url) {
        path = mt_write_temp("parallel.db", "", 0); /* empty, as VACUUM INTO wants */
        char sql[512];
        snprintf(sql, sizeof sql, "VACUUM INTO '%s'", path);
        mt_exec(fx->db, sql);
        url = path;
        db = db_open(path, &f);
        assert_non_null(db);
    }
    mt_exec(db, "DELETE FROM monitor_value");
    mt_exec(db, "DELETE FROM monitor_status");
    const struct monitor_run_opts o = {.full = true, .now = NOW, .db_url = url, .jobs = 3};
    struct monitor_run_result res;
    assert_int_equal(monitor_run_with(db, NULL, &o, &res, &f), ERR_OK);
    assert_true(res.quarters >= 8);
    assert_int_equal(res.jobs, 3);
    stored(db, &three);
    assert_true(one.len > 1000);
    assert_string_equal(buf_cstr(&one), buf_cstr(&three));
    if (path) {
        db_close(db);
        mt_remove(path);
    }
    buf_free(&one);
    buf_free(&three);
}

/* The nightly thread runs on a database of its own (a file: it opens its
 * own connection), logs its run, and stops when asked, also while it
 * waits for the next night. */
static void test_the_nightly_run_runs_and_stops(void **state)
{
    (void)state;
    char *path = mt_write_temp("nightly.db", "", 0);
    struct fault f = {0};
    struct db *db = db_open(path, &f);
    assert_non_null(db);
    int applied;
    assert_int_equal(migrate_up(db, &applied, &f), ERR_OK);
    struct monitor_config cfg;
    monitor_config_default(&cfg);
    struct monitor_nightly *n = monitor_nightly_start(path, &cfg, 1, 3600, &f);
    assert_non_null(n);
    for (int i = 0; i < 200 && monitor_nightly_runs(n) == 0; i++)
        usleep(50 * 1000);
    assert_int_equal(monitor_nightly_runs(n), 1);
    monitor_nightly_stop(n); /* waiting an hour for the next: wakes at once */
    assert_int_equal(at_count(db, "SELECT COUNT(*) FROM monitor_run WHERE finished_at IS NOT "
                                  "NULL AND full_run = 0"),
                     1);
    db_close(db);
    mt_remove(path);
    /* stopped before its first run: no run at all */
    n = monitor_nightly_start("/nonexistent/never.db", &cfg, 3600, 3600, &f);
    assert_non_null(n);
    monitor_nightly_stop(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_activation_counts_residents_with_a_contribution),
        AT_TEST(test_initiative_density_and_ownership),
        AT_TEST(test_conversion_and_continuity_follow_their_cohorts),
        AT_TEST(test_voice_decisions_hours_and_organisations),
        AT_TEST(test_renewal_concentration_and_representativeness),
        AT_TEST(test_a_roll_up_sums_numerators_and_denominators),
        AT_TEST(test_small_areas_are_suppressed),
        AT_TEST(test_fewer_than_five_contributors_are_suppressed),
        AT_TEST(test_a_declining_vulnerable_buurt_raises_the_warning),
        AT_TEST(test_a_healthy_vulnerable_buurt_raises_none),
        AT_TEST(test_the_shares_shown_are_those_judged_on),
        AT_TEST(test_only_the_gemeentes_admin_flags),
        AT_TEST(test_the_age_group_is_ones_own_and_voluntary),
        AT_TEST(test_an_incremental_run_recomputes_only_the_latest_quarters),
        AT_TEST(test_an_area_never_computed_has_no_figures),
        AT_TEST(test_the_nightly_run_runs_and_stops),
        AT_TEST(test_counting_in_parallel_stores_the_same),
        AT_TEST(test_the_database_refuses_an_unknown_suppression_code),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
