/* Tests of the monitor's arithmetic (src/model/monitor_calc.c,
 * monitor_config.c) on hand-made counts: each formula of I1-I14, the
 * suppression thresholds, the phases with their reasons, the early
 * warning's signals, the quarters' windows and the configuration file.
 * The counting from real rows: monitor_test.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "model/monitor_calc.h"
#include "model/monitor_nightly.h"

/* A buurt with 1,000 inhabitants (800 aged 15+) and 10 contributors. */
static struct mon_comp base(void)
{
    return (struct mon_comp){.p = 1000, .p15 = 800, .act = 10, .contributions = 20, .top5 = 12,
                             .cbs_age = {100, 300, 250, 150}};
}

static void test_each_formula_divides_its_counts(void **state)
{
    (void)state;
    struct mon_comp c = base();
    c.active = 4, c.active_end = 3, c.owned_end = 3;
    c.started = 5, c.converted = 2, c.content = 40, c.content_pro = 10;
    c.dec_resident = 3, c.dec_external = 1, c.hours_delivered = 300, c.hours_pledged = 1200;
    c.orgs = 6, c.linked2 = 1, c.agreements = 2, c.skills_used = 3, c.skills_registered = 12;
    c.initiators = 8, c.first_initiators = 2, c.exec_cohort = 4, c.continued = 3;
    c.ended = 2, c.evaluated = 1;
    struct mon_values v;
    mon_calc_values(&c, &v);
    const double want[MON_INDICATOR_COUNT] = {
        [MON_I1_ACTIVATION] = 12.5,     [MON_I2_DENSITY] = 4.0,
        [MON_I3_CONVERSION] = 40.0,     [MON_I4_OWNERSHIP] = 100.0,
        [MON_I5_PRO_VOICE] = 25.0,      [MON_I6_AUTONOMY] = 75.0,
        [MON_I7_RELIABILITY] = 25.0,    [MON_I8_ORGANISATIONS] = 6.0,
        [MON_I8_BREADTH] = 25.0,        [MON_I9_AGREEMENTS] = 2.0,
        [MON_I10_SKILLS] = 25.0,        [MON_I11_RENEWAL] = 25.0,
        [MON_I11_CONCENTRATION] = 60.0, [MON_I12_CONTINUITY] = 75.0,
        [MON_I13_LEARNING] = 50.0,
    };
    for (int i = 0; i < MON_I14_REPRESENTATIVENESS; i++) {
        assert_int_equal(v.sup[i], MON_SHOWN);
        assert_float_equal(v.value[i], want[i], 1e-9);
    }
    assert_float_equal(v.num[MON_I6_AUTONOMY], 3, 0);
    assert_float_equal(v.den[MON_I6_AUTONOMY], 4, 0);
    /* nobody gave an age group */
    assert_int_equal(v.sup[MON_I14_REPRESENTATIVENESS], MON_NOT_AVAILABLE);
}

static void test_representativeness_is_half_the_sum_of_differences(void **state)
{
    (void)state;
    struct mon_comp c = base();
    /* contributors 2 2 2 4 of 10 (.2 .2 .2 .4) against CBS .125 .375
     * .3125 .1875: half of .075 + .175 + .1125 + .2125 = .2875 */
    double given[MON_AGE_GROUPS] = {2, 2, 2, 4};
    memcpy(c.act_age, given, sizeof given);
    struct mon_values v;
    mon_calc_values(&c, &v);
    assert_int_equal(v.sup[MON_I14_REPRESENTATIVENESS], MON_SHOWN);
    assert_float_equal(v.value[MON_I14_REPRESENTATIVENESS], 28.75, 1e-9);
    /* the same shares as CBS: no gap */
    double same[MON_AGE_GROUPS] = {1, 3, 2.5, 1.5};
    memcpy(c.act_age, same, sizeof same);
    mon_calc_values(&c, &v);
    assert_float_equal(v.value[MON_I14_REPRESENTATIVENESS], 0, 1e-9);
    /* four who gave one could be told apart: suppressed */
    double few[MON_AGE_GROUPS] = {1, 1, 1, 1};
    memcpy(c.act_age, few, sizeof few);
    mon_calc_values(&c, &v);
    assert_int_equal(v.sup[MON_I14_REPRESENTATIVENESS], MON_FEW_CONTRIBUTORS);
}

static void test_nothing_to_divide_by_gives_no_figure(void **state)
{
    (void)state;
    struct mon_comp c = base();
    c.p15 = -1; /* CBS did not give the age groups */
    struct mon_values v;
    mon_calc_values(&c, &v);
    assert_int_equal(v.sup[MON_I1_ACTIVATION], MON_NO_DENOMINATOR);
    assert_int_equal(v.sup[MON_I3_CONVERSION], MON_NO_DENOMINATOR);
    assert_int_equal(v.sup[MON_I2_DENSITY], MON_SHOWN);
    assert_float_equal(v.value[MON_I2_DENSITY], 0, 0);
}

static void test_suppression_thresholds(void **state)
{
    (void)state;
    struct mon_values v;
    struct mon_comp c = base();
    c.p = 49;
    mon_calc_values(&c, &v);
    for (int i = 0; i < MON_INDICATOR_COUNT; i++) {
        assert_int_equal(v.sup[i], MON_FEW_INHABITANTS);
        assert_true(v.num[i] == 0 && v.den[i] == 0);
    }
    c.p = -1; /* unknown counts as too few */
    mon_calc_values(&c, &v);
    assert_int_equal(v.sup[MON_I1_ACTIVATION], MON_FEW_INHABITANTS);
    c = base();
    c.p = 50;
    c.act = 4;
    mon_calc_values(&c, &v);
    assert_int_equal(v.sup[MON_I11_CONCENTRATION], MON_FEW_CONTRIBUTORS);
    c.act = 5;
    mon_calc_values(&c, &v);
    assert_int_equal(v.sup[MON_I1_ACTIVATION], MON_SHOWN);
}

static struct mon_values values_with(double i1, double i2, double i3, double i9)
{
    struct mon_comp c = base();
    c.act = i1 * 800 / 1000, c.active = i2, c.started = 100, c.converted = i3,
    c.agreements = i9;
    struct mon_values v;
    mon_calc_values(&c, &v);
    return v;
}

static bool has_line(const struct buf *b, const char *code)
{
    char key[48];
    snprintf(key, sizeof key, "\n%s|", code);
    const char *s = buf_cstr(b);
    return strncmp(s, key + 1, strlen(key + 1)) == 0 || strstr(s, key) != NULL;
}

static void test_phases_follow_the_thresholds(void **state)
{
    (void)state;
    struct monitor_config cfg;
    monitor_config_default(&cfg);
    struct buf r;
    buf_init(&r);
    struct mon_values v = values_with(10, 1, 0, 0);
    assert_int_equal(mon_calc_phase(&cfg, &v, &r), MON_PHASE_PREDEVELOPMENT);
    assert_true(has_line(&r, "below_I1"));
    assert_true(has_line(&r, "met_I2"));
    buf_reset(&r);
    v = values_with(25, 1, 0, 0);
    assert_int_equal(mon_calc_phase(&cfg, &v, &r), MON_PHASE_TAKE_OFF);
    assert_true(has_line(&r, "met_I1"));
    assert_true(has_line(&r, "below_I3"));
    buf_reset(&r);
    v = values_with(60, 2, 50, 1);
    assert_int_equal(mon_calc_phase(&cfg, &v, &r), MON_PHASE_ACCELERATION);
    /* the stabilisation thresholds without figures: I12, I13, I7 */
    assert_true(has_line(&r, "missing_I12"));
    buf_reset(&r);
    struct mon_comp c = base();
    c.act = 4;
    mon_calc_values(&c, &v);
    assert_int_equal(mon_calc_phase(&cfg, &v, &r), MON_PHASE_UNKNOWN);
    assert_true(has_line(&r, "suppressed_contributors"));
    struct arena *a = arena_new();
    struct monitor_reason *rs;
    int n;
    mon_reasons_decode(a, "met_I1|25.0|20.0|\nnonsense|x\nbelow_I3|0|40|\n", &rs, &n);
    assert_int_equal(n, 2);
    assert_string_equal(rs[0].code, "met_I1");
    assert_string_equal(rs[0].args[0], "25.0");
    assert_string_equal(rs[0].args[1], "20.0");
    assert_non_null(rs[1].msgid);
    arena_free(a);
    buf_free(&r);
}

static void test_signals_compare_with_a_year_earlier(void **state)
{
    (void)state;
    struct monitor_config cfg;
    monitor_config_default(&cfg);
    struct mon_comp c = base();
    c.content = 10, c.content_pro = 3, c.hours_pledged = 700;
    struct mon_values prev, cur;
    mon_calc_values(&c, &prev);
    c.act = 8, c.content_pro = 1, c.hours_pledged = 500; /* down 20 %, voice down */
    mon_calc_values(&c, &cur);
    struct buf s;
    buf_init(&s);
    struct mon_momentum m = {.cur = &cur, .prev = &prev, .active_end = 5, .idle_end = 2};
    /* activation 12.5 -> 10 (-20 %); hours 70 -> 50 (-29 %); 2 of 5 idle
     * is not more than 40 %; the top five give 60 % */
    assert_int_equal(mon_calc_signals(&cfg, &m, &s), 3);
    assert_true(has_line(&s, "activation_down"));
    assert_true(has_line(&s, "hours_withdrawn"));
    assert_true(has_line(&s, "concentration"));
    buf_reset(&s);
    m.idle_end = 3;
    m.prev = NULL;
    assert_int_equal(mon_calc_signals(&cfg, &m, &s), 2); /* idle, concentration */
    buf_reset(&s);
    c = base();
    c.act = 3;
    mon_calc_values(&c, &cur);
    m.cur = &cur;
    m.prev = &prev;
    assert_int_equal(mon_calc_signals(&cfg, &m, &s), 1);
    assert_true(has_line(&s, "contributors_gone"));
    buf_free(&s);
    assert_true(mon_calc_low_income(&cfg, 15, 10));
    assert_false(mon_calc_low_income(&cfg, 14.9, 10));
    assert_false(mon_calc_low_income(&cfg, -1, 10));
}

static void test_quarters_and_their_windows(void **state)
{
    (void)state;
    struct mon_window w;
    mon_window_of(2025 * 4 + 2, 0, 90, &w); /* 2025Q3 */
    assert_string_equal(w.quarter, "2025Q3");
    assert_string_equal(w.end_date, "2025-10-01");
    assert_string_equal(w.start_date, "2024-10-01");
    assert_true(w.end - w.start == 365 * 86400);
    assert_true(w.end - w.idle_from == 90 * 86400);
    mon_window_of(2025 * 4 + 3, 1767225599, 90, &w); /* 2025Q4, still running */
    assert_true(w.end == 1767225599);
    int qi;
    assert_true(mon_quarter_parse("2024Q1", &qi));
    assert_int_equal(qi, 2024 * 4);
    assert_false(mon_quarter_parse("2024Q5", &qi));
    assert_false(mon_quarter_parse("24Q1", &qi));
    assert_int_equal(mon_quarter_index(1767225599), 2025 * 4 + 3);
    /* the nightly run's first wait: to the next 02:00 UTC */
    assert_int_equal(monitor_nightly_delay(1767225600, 2), 2 * 3600); /* 00:00 */
    assert_int_equal(monitor_nightly_delay(1767225600 + 2 * 3600, 2), 86400);
    assert_int_equal(monitor_nightly_delay(1767225600 + 3 * 3600, 2), 23 * 3600);
}

static void test_the_configuration_file_overrides_the_defaults(void **state)
{
    (void)state;
    struct monitor_config cfg;
    monitor_config_default(&cfg);
    assert_float_equal(cfg.vulnerable_factor, 1.5, 0);
    assert_int_equal(cfg.idle_days, 90);
    assert_int_equal(cfg.min_signals, 2);
    struct fault f = {0};
    assert_int_equal(monitor_config_parse("# mine\ntakeoff.i1 = 30\n\nwarn.idle_days=60 # d\n",
                                          &cfg, &f),
                     ERR_OK);
    assert_float_equal(cfg.takeoff_i1, 30, 0);
    assert_int_equal(cfg.idle_days, 60);
    assert_int_equal(monitor_config_parse("takeoff.i1 = 40\nbogus = 1\n", &cfg, &f), ERR_INVALID);
    assert_float_equal(cfg.takeoff_i1, 30, 0); /* nothing taken from a bad file */
    assert_int_equal(monitor_config_parse("warn.idle_days = 1.5\n", &cfg, &f), ERR_INVALID);
    assert_string_equal(f.field, "warn.idle_days");
    assert_int_equal(monitor_config_parse("vulnerable.factor = x\n", &cfg, &f), ERR_INVALID);
    assert_int_equal(monitor_config_parse("accel.i3 = 101\n", &cfg, &f), ERR_INVALID);
}

static void test_indicator_codes_and_metadata(void **state)
{
    (void)state;
    enum monitor_indicator ind;
    assert_true(monitor_indicator_parse("i8b", &ind));
    assert_int_equal(ind, MON_I8_BREADTH);
    assert_false(monitor_indicator_parse("I15", &ind));
    assert_false(monitor_indicator_parse(NULL, &ind));
    for (int i = 0; i < MON_INDICATOR_COUNT; i++) {
        const struct monitor_meta *m = monitor_meta((enum monitor_indicator)i);
        assert_true(monitor_indicator_parse(m->code, &ind) && ind == (enum monitor_indicator)i);
        assert_non_null(m->name);
        assert_non_null(m->unit);
    }
    assert_false(monitor_meta(MON_I5_PRO_VOICE)->higher_is_better);
    assert_string_equal(monitor_phase_code(MON_PHASE_TAKE_OFF), "take_off");
    assert_non_null(monitor_suppression_msgid(MON_FEW_CONTRIBUTORS));
    assert_null(monitor_suppression_msgid(MON_SHOWN));
    assert_non_null(monitor_age_group_name("65_plus"));
    assert_null(monitor_age_group_name("0_15"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_formula_divides_its_counts),
        cmocka_unit_test(test_representativeness_is_half_the_sum_of_differences),
        cmocka_unit_test(test_nothing_to_divide_by_gives_no_figure),
        cmocka_unit_test(test_suppression_thresholds),
        cmocka_unit_test(test_phases_follow_the_thresholds),
        cmocka_unit_test(test_signals_compare_with_a_year_earlier),
        cmocka_unit_test(test_quarters_and_their_windows),
        cmocka_unit_test(test_the_configuration_file_overrides_the_defaults),
        cmocka_unit_test(test_indicator_codes_and_metadata),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
