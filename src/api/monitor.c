/* The transition monitor in the JSON API (DESIGN.md §5):
 *   GET  /api/v1/areas/{code}/monitor          the latest quarter: every
 *        indicator's figure, the phase with its reasons, the early warning
 *        with its signals
 *   GET  /api/v1/areas/{code}/monitor/series   every series (or ?indicator=)
 *   GET  /api/v1/areas/{code}/monitor/compare  the buurten of a wijk
 *   POST /api/v1/areas/{code}/monitor/flag     {"flagged", "reason"}: the
 *        vulnerable flag, for the buurt's municipality admins
 * Reasons and signals come as a stable code, the English message and its
 * arguments; a suppressed figure has no value, only the reason. Shapes:
 * docs/openapi.json. */
#include "api/api.h"

#include <jansson.h>
#include <string.h>

#include "core/clock.h"
#include "model/monitor.h"
#include "render/json.h"
#include "render/monitor_out.h"
#include "render/req.h"

static json_t *figure_json(enum monitor_indicator ind, const struct monitor_point *p)
{
    const struct monitor_meta *m = monitor_meta(ind);
    bool shown = p->suppressed == MON_SHOWN;
    return json_pack("{s:s, s:s, s:s, s:o, s:o}", "code", m->code, "name", m->name, "unit",
                     m->unit_code, "value", shown ? json_real(p->value) : json_null(), "suppressed",
                     json_string_or_null(monitor_out_suppression(p->suppressed)));
}

static json_t *figures_json(const struct monitor_point latest[MON_INDICATOR_COUNT])
{
    json_t *list = json_array();
    for (int i = 0; i < MON_INDICATOR_COUNT; i++)
        json_array_append_new(list, figure_json((enum monitor_indicator)i, &latest[i]));
    return list;
}

/* A reason or signal: {"code", "message", "args"}; the message is the
 * English template with its args filled in by the client. */
static json_t *reasons_json(const struct monitor_reason *x, int n)
{
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        json_t *args = json_array();
        for (int k = 0; k < 3 && x[i].args[k]; k++)
            json_array_append_new(args, json_string(x[i].args[k]));
        json_array_append_new(list, json_pack("{s:s, s:s, s:o}", "code", x[i].code, "message",
                                              x[i].msgid, "args", args));
    }
    return list;
}

static json_t *share_or_null(double v)
{
    return v < 0 ? json_null() : json_real(v);
}

static json_t *warning_json(const struct monitor_warning *w)
{
    return json_pack(
        "{s:b, s:b, s:b, s:b, s:o, s:o, s:o, s:o, s:o}", "raised", w->raised, "vulnerable",
        w->vulnerable, "low_income", w->low_income, "flagged", w->flagged, "flag_reason",
        json_string_or_null(w->flag_reason), "low_income_share", share_or_null(w->low_income_share),
        "national_share", share_or_null(w->national_share), "signals",
        reasons_json(w->signals, w->nsignals), "quarter", json_string_or_null(w->quarter));
}

static json_t *time_or_null(int64_t t)
{
    if (!t)
        return json_null();
    char at[21];
    clock_iso8601(t, at);
    return json_string(at);
}

enum err api_monitor_summary(struct req *r)
{
    struct monitor_summary s;
    enum err e = monitor_area_summary(r->db, r->arena, req_in(r, "code"), &s, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *o = json_pack(
        "{s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:o, s:o, s:i}", "area", s.area_code, "name",
        s.area_name, "kind", s.area_kind, "quarter", json_string_or_null(s.quarter), "computed_at",
        time_or_null(s.computed_at), "figures", figures_json(s.latest), "phase",
        monitor_phase_code(s.phase), "reasons", reasons_json(s.reasons, s.nreasons), "warning",
        warning_json(&s.warning), "buurten_warned", s.buurten_warned);
    return json_reply(r, 200, o);
}

enum err api_monitor_series(struct req *r)
{
    const char *text = req_in(r, "indicator");
    enum monitor_indicator ind;
    if (text && !monitor_indicator_parse(text, &ind))
        return req_fail(r, ERR_INVALID, "indicator",
                        N_("Give an indicator code from I1 to I14, such as I1 or I8a."));
    json_t *doc;
    enum err e =
        monitor_out_json(r->db, r->arena, req_in(r, "code"), text ? &ind : NULL, &doc, &r->fault);
    return e != ERR_OK ? e : json_reply(r, 200, doc);
}

static json_t *compare_row_json(const struct monitor_compare_row *row)
{
    return json_pack("{s:s, s:s, s:o, s:s, s:b, s:b, s:o}", "code", row->code, "name", row->name,
                     "quarter", json_string_or_null(row->quarter), "phase",
                     monitor_phase_code(row->phase), "warning_raised", row->warning_raised,
                     "vulnerable", row->vulnerable, "figures", figures_json(row->latest));
}

enum err api_monitor_compare(struct req *r)
{
    struct monitor_compare_row *rows;
    int n;
    enum err e = monitor_compare(r->db, r->arena, req_in(r, "code"), &rows, &n, &r->fault);
    if (e != ERR_OK)
        return e;
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, compare_row_json(&rows[i]));
    return json_reply(r, 200, json_pack("{s:s, s:o}", "wijk", req_in(r, "code"), "buurten", list));
}

enum err api_monitor_flag(struct req *r)
{
    const char *code = req_in(r, "code"), *flag = req_in(r, "flagged");
    bool flagged = strcmp(flag, "true") == 0 || strcmp(flag, "yes") == 0;
    struct monitor_warning w;
    enum err e =
        monitor_flag_vulnerable(r->db, &r->actor, code, flagged, req_in(r, "reason"), &r->fault);
    if (e == ERR_OK)
        e = monitor_warning_get(r->db, r->arena, code, &w, &r->fault);
    return e != ERR_OK ? e : json_reply(r, 200, warning_json(&w));
}
