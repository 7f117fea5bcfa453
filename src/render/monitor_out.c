/* The monitor's series as CSV and JSON (see monitor_out.h). Both walk the
 * indicators in order and ask model/monitor.h for each series; numbers are
 * written with snprintf's "%.*f", which is safe here because the server
 * never changes LC_NUMERIC from the "C" locale a program starts in. */
#include "render/monitor_out.h"

#include <stdio.h>

#include "core/clock.h"
#include "render/csvout.h"
#include "render/json.h"

const char *monitor_out_suppression(enum monitor_suppression s)
{
    switch (s) {
    case MON_FEW_INHABITANTS:
        return "few_inhabitants";
    case MON_FEW_CONTRIBUTORS:
        return "few_contributors";
    case MON_NO_DENOMINATOR:
        return "no_denominator";
    case MON_NOT_AVAILABLE:
        return "not_available";
    default:
        return NULL;
    }
}

/* v with decimals digits into out; numerators and denominators may be
 * fractional (hours), so they get up to 2. */
static const char *fixed(char out[static 40], double v, int decimals)
{
    snprintf(out, 40, "%.*f", decimals, v);
    return out;
}

static void csv_point(struct buf *out, const char *area_code, const struct monitor_meta *m,
                      const struct monitor_point *p)
{
    char start[11], end[11], at[21], v[40], num[40], den[40];
    clock_date(p->period_start, start);
    clock_date(p->period_end, end);
    clock_iso8601(p->computed_at, at);
    bool shown = p->suppressed == MON_SHOWN;
    const char *fields[] = {
        area_code,
        m->code,
        m->unit_code,
        p->quarter,
        start,
        end,
        shown ? fixed(v, p->value, m->decimals) : NULL,
        shown ? fixed(num, p->numerator, 2) : NULL,
        shown ? fixed(den, p->denominator, 2) : NULL,
        monitor_out_suppression(p->suppressed),
        at,
    };
    csvout_row(out, fields, (int)(sizeof fields / sizeof fields[0]));
}

enum err monitor_out_csv(struct db *db, struct arena *a, const char *area_code, struct buf *out,
                         struct fault *f)
{
    static const char *const head[] = {"area",         "indicator",  "unit",       "quarter",
                                       "period_start", "period_end", "value",      "numerator",
                                       "denominator",  "suppressed", "computed_at"};
    csvout_row(out, head, (int)(sizeof head / sizeof head[0]));
    for (int i = 0; i < MON_INDICATOR_COUNT; i++) {
        struct monitor_point *pts;
        int n;
        enum err e = monitor_series(db, a, area_code, (enum monitor_indicator)i, &pts, &n, f);
        if (e != ERR_OK)
            return e;
        const struct monitor_meta *m = monitor_meta((enum monitor_indicator)i);
        for (int k = 0; k < n; k++)
            csv_point(out, area_code, m, &pts[k]);
    }
    return ERR_OK;
}

static json_t *number_or_null(bool shown, double v)
{
    return shown ? json_real(v) : json_null();
}

static json_t *point_json(const struct monitor_point *p)
{
    char start[11], end[11], at[21];
    clock_date(p->period_start, start);
    clock_date(p->period_end, end);
    clock_iso8601(p->computed_at, at);
    bool shown = p->suppressed == MON_SHOWN;
    return json_pack(
        "{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s}", "quarter", p->quarter, "period_start", start,
        "period_end", end, "value", number_or_null(shown, p->value), "numerator",
        number_or_null(shown, p->numerator), "denominator", number_or_null(shown, p->denominator),
        "suppressed", json_string_or_null(monitor_out_suppression(p->suppressed)), "computed_at",
        at);
}

static enum err indicator_json(struct db *db, struct arena *a, const char *area_code,
                               enum monitor_indicator ind, json_t *list, struct fault *f)
{
    struct monitor_point *pts;
    int n;
    enum err e = monitor_series(db, a, area_code, ind, &pts, &n, f);
    if (e != ERR_OK)
        return e;
    const struct monitor_meta *m = monitor_meta(ind);
    json_t *points = json_array();
    for (int k = 0; k < n; k++)
        json_array_append_new(points, point_json(&pts[k]));
    json_array_append_new(list,
                          json_pack("{s:s, s:s, s:s, s:i, s:b, s:o}", "code", m->code, "name",
                                    m->name, "unit", m->unit_code, "decimals", m->decimals,
                                    "higher_is_better", m->higher_is_better, "points", points));
    return ERR_OK;
}

enum err monitor_out_json(struct db *db, struct arena *a, const char *area_code,
                          const enum monitor_indicator *only, json_t **out, struct fault *f)
{
    json_t *list = json_array();
    *out = NULL;
    for (int i = 0; i < MON_INDICATOR_COUNT; i++) {
        if (only && *only != (enum monitor_indicator)i)
            continue;
        enum err e = indicator_json(db, a, area_code, (enum monitor_indicator)i, list, f);
        if (e != ERR_OK) {
            json_decref(list);
            return e;
        }
    }
    *out = json_pack("{s:s, s:o}", "area", area_code, "indicators", list);
    return ERR_OK;
}
