/* The monitor's arithmetic (see monitor_calc.h): the formulas of I1-I14 on
 * one area's counts, suppression, the phase with its reasons, the early
 * warning's signals and the quarters' windows. No database here: what is
 * computed is a function of the counts alone, so the unit tests check each
 * formula on hand-made counts. */
#include "model/monitor_calc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"

#define N_(msgid) (msgid)

enum { YEAR_SECONDS = 365 * 86400 };

/* A ratio into v: num / den x scale, or MON_NO_DENOMINATOR when den is 0
 * (or unknown, < 0). */
static void ratio(struct mon_values *v, enum monitor_indicator ind, double num, double den)
{
    v->num[ind] = num;
    v->den[ind] = den > 0 ? den : 0;
    if (den > 0) {
        v->value[ind] = num / den * monitor_meta(ind)->scale;
        v->sup[ind] = MON_SHOWN;
    } else {
        v->value[ind] = 0;
        v->sup[ind] = MON_NO_DENOMINATOR;
    }
}

/* I14: half the sum over the age groups 15+ of the difference between the
 * contributors' share and the CBS share, in percentage points. */
static void representativeness(const struct mon_comp *c, struct mon_values *v)
{
    double known = 0, cbs = 0;
    bool cbs_known = true;
    for (int g = 0; g < MON_AGE_GROUPS; g++) {
        known += c->act_age[g];
        cbs_known = cbs_known && c->cbs_age[g] >= 0;
        cbs += c->cbs_age[g] >= 0 ? c->cbs_age[g] : 0;
    }
    if (known <= 0 || !cbs_known || cbs <= 0) {
        v->num[MON_I14_REPRESENTATIVENESS] = v->den[MON_I14_REPRESENTATIVENESS] = 0;
        v->value[MON_I14_REPRESENTATIVENESS] = 0;
        v->sup[MON_I14_REPRESENTATIVENESS] = MON_NOT_AVAILABLE;
        return;
    }
    double d = 0;
    for (int g = 0; g < MON_AGE_GROUPS; g++)
        d += fabs(c->act_age[g] / known - c->cbs_age[g] / cbs);
    ratio(v, MON_I14_REPRESENTATIVENESS, d / 2 * known, known);
    if (known < MONITOR_MIN_CONTRIBUTORS) {
        v->num[MON_I14_REPRESENTATIVENESS] = v->den[MON_I14_REPRESENTATIVENESS] = 0;
        v->sup[MON_I14_REPRESENTATIVENESS] = MON_FEW_CONTRIBUTORS;
    }
}

static void suppress_all(struct mon_values *v, enum monitor_suppression why)
{
    for (int i = 0; i < MON_INDICATOR_COUNT; i++) {
        v->num[i] = v->den[i] = v->value[i] = 0;
        v->sup[i] = why;
    }
}

void mon_calc_values(const struct mon_comp *c, struct mon_values *v)
{
    if (c->p < MONITOR_MIN_INHABITANTS) {
        suppress_all(v, MON_FEW_INHABITANTS);
        return;
    }
    if (c->act < MONITOR_MIN_CONTRIBUTORS) {
        suppress_all(v, MON_FEW_CONTRIBUTORS);
        return;
    }
    ratio(v, MON_I1_ACTIVATION, c->act, c->p15);
    ratio(v, MON_I2_DENSITY, c->active, c->p);
    ratio(v, MON_I3_CONVERSION, c->converted, c->started);
    ratio(v, MON_I4_OWNERSHIP, c->owned_end, c->active_end);
    ratio(v, MON_I5_PRO_VOICE, c->content_pro, c->content);
    ratio(v, MON_I6_AUTONOMY, c->dec_resident, c->dec_resident + c->dec_external);
    ratio(v, MON_I7_RELIABILITY, c->hours_delivered, c->hours_pledged);
    ratio(v, MON_I8_ORGANISATIONS, c->orgs, 1);
    ratio(v, MON_I8_BREADTH, c->linked2, c->active);
    ratio(v, MON_I9_AGREEMENTS, c->agreements, 1);
    ratio(v, MON_I10_SKILLS, c->skills_used, c->skills_registered);
    ratio(v, MON_I11_RENEWAL, c->first_initiators, c->initiators);
    ratio(v, MON_I11_CONCENTRATION, c->top5, c->contributions);
    ratio(v, MON_I12_CONTINUITY, c->continued, c->exec_cohort);
    ratio(v, MON_I13_LEARNING, c->evaluated, c->ended);
    representativeness(c, v);
}

static void line(struct buf *b, const char *code, const char *a1, const char *a2,
                 const char *a3)
{
    buf_printf(b, "%s|%s|%s|%s\n", code, a1 ? a1 : "", a2 ? a2 : "", a3 ? a3 : "");
}

static void number(char out[32], double x, int decimals)
{
    snprintf(out, 32, "%.*f", decimals, x);
}

/* One threshold of a phase: met when the indicator is shown and at least
 * min; a reason line either way. */
static bool criterion(const struct mon_values *v, enum monitor_indicator ind, double min,
                      struct buf *reasons)
{
    const struct monitor_meta *m = monitor_meta(ind);
    char val[32], thr[32], code[24];
    number(thr, min, m->decimals);
    if (v->sup[ind] != MON_SHOWN) {
        snprintf(code, sizeof code, "missing_%s", m->code);
        line(reasons, code, thr, NULL, NULL);
        return false;
    }
    bool met = v->value[ind] >= min;
    number(val, v->value[ind], m->decimals);
    snprintf(code, sizeof code, "%s_%s", met ? "met" : "below", m->code);
    line(reasons, code, val, thr, NULL);
    return met;
}

/* The thresholds of phase p (take-off and up) checked in turn; true when
 * all are met. */
static bool phase_met(const struct monitor_config *cfg, const struct mon_values *v,
                      enum monitor_phase p, struct buf *reasons)
{
    bool ok = true;
    switch (p) {
    case MON_PHASE_TAKE_OFF:
        ok &= criterion(v, MON_I1_ACTIVATION, cfg->takeoff_i1, reasons);
        ok &= criterion(v, MON_I2_DENSITY, cfg->takeoff_i2, reasons);
        break;
    case MON_PHASE_ACCELERATION:
        ok &= criterion(v, MON_I1_ACTIVATION, cfg->accel_i1, reasons);
        ok &= criterion(v, MON_I2_DENSITY, cfg->accel_i2, reasons);
        ok &= criterion(v, MON_I3_CONVERSION, cfg->accel_i3, reasons);
        ok &= criterion(v, MON_I9_AGREEMENTS, cfg->accel_i9, reasons);
        break;
    case MON_PHASE_STABILISATION:
        ok &= criterion(v, MON_I1_ACTIVATION, cfg->stab_i1, reasons);
        ok &= criterion(v, MON_I12_CONTINUITY, cfg->stab_i12, reasons);
        ok &= criterion(v, MON_I13_LEARNING, cfg->stab_i13, reasons);
        ok &= criterion(v, MON_I7_RELIABILITY, cfg->stab_i7, reasons);
        break;
    default:
        break;
    }
    return ok;
}

enum monitor_phase mon_calc_phase(const struct monitor_config *cfg, const struct mon_values *v,
                                  struct buf *reasons)
{
    enum monitor_suppression s = v->sup[MON_I1_ACTIVATION];
    if (s == MON_FEW_INHABITANTS || s == MON_FEW_CONTRIBUTORS) {
        line(reasons, s == MON_FEW_INHABITANTS ? "suppressed_inhabitants" : "suppressed_contributors",
             NULL, NULL, NULL);
        return MON_PHASE_UNKNOWN;
    }
    /* The phases build on each other: the reasons are those of every phase
     * reached and of the first one missed (what the area works towards). */
    enum monitor_phase p = MON_PHASE_PREDEVELOPMENT;
    while (p < MON_PHASE_STABILISATION) {
        struct buf tmp;
        buf_init(&tmp);
        bool met = phase_met(cfg, v, (enum monitor_phase)(p + 1), &tmp);
        buf_puts(reasons, buf_cstr(&tmp));
        buf_free(&tmp);
        if (!met)
            break;
        p++;
    }
    return p;
}

bool mon_calc_low_income(const struct monitor_config *cfg, double share, double national)
{
    return share >= 0 && national > 0 && share >= cfg->vulnerable_factor * national;
}

static bool shown(const struct mon_values *v, enum monitor_indicator ind)
{
    return v && v->sup[ind] == MON_SHOWN;
}

/* Activation, professional voice and hours against a year earlier. */
static int year_on_year(const struct monitor_config *cfg, const struct mon_momentum *m,
                        struct buf *out)
{
    int n = 0;
    char a[32], b[32];
    const struct mon_values *c = m->cur, *p = m->prev;
    if (shown(c, MON_I1_ACTIVATION) && shown(p, MON_I1_ACTIVATION) &&
        p->value[MON_I1_ACTIVATION] > 0 &&
        c->value[MON_I1_ACTIVATION] <= (1 - cfg->drop_i1) * p->value[MON_I1_ACTIVATION]) {
        number(a, p->value[MON_I1_ACTIVATION], 1);
        number(b, c->value[MON_I1_ACTIVATION], 1);
        line(out, "activation_down", a, b, NULL);
        n++;
    }
    if (p && p->den[MON_I7_RELIABILITY] > 0 && c->sup[MON_I1_ACTIVATION] == MON_SHOWN &&
        c->den[MON_I7_RELIABILITY] <= (1 - cfg->hours_withdrawn) * p->den[MON_I7_RELIABILITY]) {
        number(a, p->den[MON_I7_RELIABILITY] / 10, 0);
        number(b, c->den[MON_I7_RELIABILITY] / 10, 0);
        line(out, "hours_withdrawn", b, a, NULL);
        n++;
    }
    if (shown(c, MON_I5_PRO_VOICE) && shown(p, MON_I5_PRO_VOICE) &&
        c->value[MON_I5_PRO_VOICE] - p->value[MON_I5_PRO_VOICE] >= cfg->voice_rise) {
        number(a, p->value[MON_I5_PRO_VOICE], 1);
        number(b, c->value[MON_I5_PRO_VOICE], 1);
        line(out, "voice_rising", a, b, NULL);
        n++;
    }
    return n;
}

int mon_calc_signals(const struct monitor_config *cfg, const struct mon_momentum *m,
                     struct buf *signals)
{
    const struct mon_values *c = m->cur, *p = m->prev;
    char a[32], b[32];
    if (c->sup[MON_I1_ACTIVATION] == MON_FEW_CONTRIBUTORS) {
        /* Figures are withheld, but that contributing fell below the
         * minimum after a year above it identifies no one. */
        if (p && p->sup[MON_I1_ACTIVATION] != MON_FEW_CONTRIBUTORS &&
            p->sup[MON_I1_ACTIVATION] != MON_FEW_INHABITANTS) {
            line(signals, "contributors_gone", NULL, NULL, NULL);
            return 1;
        }
        return 0;
    }
    if (c->sup[MON_I1_ACTIVATION] == MON_FEW_INHABITANTS)
        return 0;
    int n = year_on_year(cfg, m, signals);
    if (m->active_end > 0 && m->idle_end / m->active_end > cfg->idle_share) {
        number(a, m->idle_end / m->active_end * 100, 0);
        snprintf(b, sizeof b, "%d", cfg->idle_days);
        line(signals, "idle", a, b, NULL);
        n++;
    }
    if (shown(c, MON_I11_CONCENTRATION) &&
        c->value[MON_I11_CONCENTRATION] >= cfg->concentration) {
        number(a, c->value[MON_I11_CONCENTRATION], 0);
        line(signals, "concentration", a, NULL, NULL);
        n++;
    }
    return n;
}

struct reason_text {
    const char *code;
    const char *msgid;
};

static const struct reason_text reason_texts[] = {
    {"suppressed_inhabitants", N_("Too few inhabitants to show figures or a phase.")},
    {"suppressed_contributors", N_("Fewer than 5 residents contribute: no figures or phase.")},
    {"met_I1", N_("Activation is %s per 1,000 inhabitants aged 15+, at least %s.")},
    {"below_I1", N_("Activation is %s per 1,000 inhabitants aged 15+, below %s.")},
    {"missing_I1", N_("Activation has no figure; %s per 1,000 is needed.")},
    {"met_I2", N_("Initiative density is %s per 1,000 inhabitants, at least %s.")},
    {"below_I2", N_("Initiative density is %s per 1,000 inhabitants, below %s.")},
    {"missing_I2", N_("Initiative density has no figure; %s per 1,000 is needed.")},
    {"met_I3", N_("Execution conversion is %s %%, at least %s %%.")},
    {"below_I3", N_("Execution conversion is %s %%, below %s %%.")},
    {"missing_I3", N_("Execution conversion has no figure; %s %% is needed.")},
    {"met_I7", N_("Institutional reliability is %s %%, at least %s %%.")},
    {"below_I7", N_("Institutional reliability is %s %%, below %s %%.")},
    {"missing_I7", N_("Institutional reliability has no figure; %s %% is needed.")},
    {"met_I9", N_("%s active cooperation agreements with a collective, at least %s.")},
    {"below_I9", N_("%s active cooperation agreements with a collective, fewer than %s.")},
    {"missing_I9", N_("Formalisation has no figure; %s agreements are needed.")},
    {"met_I12", N_("Continuity is %s %%, at least %s %%.")},
    {"below_I12", N_("Continuity is %s %%, below %s %%.")},
    {"missing_I12", N_("Continuity has no figure; %s %% is needed.")},
    {"met_I13", N_("Learning is %s %%, at least %s %%.")},
    {"below_I13", N_("Learning is %s %%, below %s %%.")},
    {"missing_I13", N_("Learning has no figure; %s %% is needed.")},
    {"activation_down",
     N_("Activation fell from %s to %s per 1,000 inhabitants aged 15+ in a year.")},
    {"hours_withdrawn",
     N_("Organisations pledged %s hours for the last 12 months, down from %s a year earlier.")},
    {"voice_rising", N_("The professional share of voice rose from %s %% to %s %% in a year.")},
    {"idle", N_("%s %% of the active initiatives have shown no activity for %s days.")},
    {"concentration", N_("The five most active residents give %s %% of all contributions.")},
    {"contributors_gone", N_("Fewer than 5 residents contribute now, after a year with more.")},
};

static const struct reason_text *reason_find(const char *code, size_t len)
{
    for (size_t i = 0; i < sizeof reason_texts / sizeof reason_texts[0]; i++)
        if (strlen(reason_texts[i].code) == len && memcmp(reason_texts[i].code, code, len) == 0)
            return &reason_texts[i];
    return NULL;
}

/* One line "code|a|b|c" into *r; false for an unknown code. */
static bool decode_line(struct arena *a, const char *s, size_t len, struct monitor_reason *r)
{
    const char *end = s + len, *bar = memchr(s, '|', len);
    const struct reason_text *t = reason_find(s, bar ? (size_t)(bar - s) : len);
    if (!t)
        return false;
    memset(r, 0, sizeof *r);
    r->code = t->code;
    r->msgid = t->msgid;
    for (int i = 0; i < 3 && bar && bar < end; i++) {
        const char *from = bar + 1, *next = memchr(from, '|', (size_t)(end - from));
        const char *to = next ? next : end;
        r->args[i] = arena_strndup(a, from, (size_t)(to - from));
        bar = next;
    }
    return true;
}

void mon_reasons_decode(struct arena *a, const char *text, struct monitor_reason **out, int *n)
{
    int cap = 0;
    for (const char *p = text; p && *p; p++)
        cap += *p == '\n';
    *out = arena_array(a, (size_t)(cap + 1), sizeof **out);
    *n = 0;
    for (const char *p = text; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len > 0 && *n < cap + 1 && decode_line(a, p, len, &(*out)[*n]))
            (*n)++;
        p = nl ? nl + 1 : p + len;
    }
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int mon_quarter_index(int64_t t)
{
    char date[11];
    clock_date(t, date);
    int year = atoi(date), month = atoi(date + 5);
    return year * 4 + (month - 1) / 3;
}

void mon_quarter_name(int qi, char out[static MONITOR_QUARTER_MAX])
{
    int year = qi / 4;
    out[0] = (char)('0' + year / 1000 % 10);
    out[1] = (char)('0' + year / 100 % 10);
    out[2] = (char)('0' + year / 10 % 10);
    out[3] = (char)('0' + year % 10);
    out[4] = 'Q';
    out[5] = (char)('1' + qi % 4);
    out[6] = '\0';
}

bool mon_quarter_parse(const char *q, int *qi)
{
    if (!q || strlen(q) != 6 || q[4] != 'Q' || q[5] < '1' || q[5] > '4')
        return false;
    for (int i = 0; i < 4; i++)
        if (q[i] < '0' || q[i] > '9')
            return false;
    *qi = atoi(q) * 4 + (q[5] - '1');
    return true;
}

void mon_window_of(int qi, int64_t now, int idle_days, struct mon_window *w)
{
    int year = qi / 4, q = qi % 4;
    mon_quarter_name(qi, w->quarter);
    w->year = year;
    int ny = q == 3 ? year + 1 : year, nm = q == 3 ? 1 : (q + 1) * 3 + 1;
    w->end = days_from_civil(ny, nm, 1) * 86400;
    if (now > 0 && now < w->end)
        w->end = now;
    w->start = w->end - YEAR_SECONDS;
    w->idle_from = w->end - (int64_t)idle_days * 86400;
    clock_date(w->start, w->start_date);
    clock_date(w->end, w->end_date);
}

static const char *const sup_codes[] = {
    [MON_SHOWN] = NULL,
    [MON_FEW_INHABITANTS] = "few_inhabitants",
    [MON_FEW_CONTRIBUTORS] = "few_contributors",
    [MON_NO_DENOMINATOR] = "no_denominator",
    [MON_NOT_AVAILABLE] = "not_available",
};

const char *mon_sup_code(enum monitor_suppression s)
{
    return (int)s >= 0 && (size_t)s < sizeof sup_codes / sizeof sup_codes[0] ? sup_codes[s]
                                                                               : NULL;
}

enum monitor_suppression mon_sup_parse(const char *code)
{
    for (size_t i = 1; code && i < sizeof sup_codes / sizeof sup_codes[0]; i++)
        if (strcmp(code, sup_codes[i]) == 0)
            return (enum monitor_suppression)i;
    return MON_SHOWN;
}
