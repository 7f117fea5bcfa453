/* The transition monitor's series as data files: every indicator of one
 * area, every quarter computed, as CSV (RFC 4180, via render/csvout.h) and
 * as JSON. The web exports (/areas/{code}/monitor.csv and .json) and the
 * API (/api/v1/areas/{code}/monitor/series) write the same thing through
 * this one module. A suppressed figure has no value, numerator or
 * denominator in either form, only the reason (model/monitor.h): the
 * exports never hold what the pages hide. */
#ifndef WIJK_RENDER_MONITOR_OUT_H
#define WIJK_RENDER_MONITOR_OUT_H

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"
#include "model/monitor.h"

struct arena;
struct db;

/* The stable word for a suppression reason: "few_inhabitants",
 * "few_contributors", "no_denominator", "not_available"; NULL for
 * MON_SHOWN. */
const char *monitor_out_suppression(enum monitor_suppression s);

/* Appends the CSV of every indicator series of area_code to out: a header
 * row (area, indicator, unit, quarter, period_start, period_end, value,
 * numerator, denominator, suppressed, computed_at), then one row per
 * indicator and quarter, indicators in the order of enum
 * monitor_indicator, quarters oldest first. Dates are YYYY-MM-DD (the
 * period's end exclusive), computed_at ISO 8601 UTC; values are written
 * with the indicator's decimals and a '.' whatever the language.
 * Errors: monitor_series's (ERR_NOT_FOUND, field "area"). */
enum err monitor_out_csv(struct db *db, struct arena *a, const char *area_code, struct buf *out,
                         struct fault *f);

/* The same as a new JSON object (the caller owns it):
 * {"area": code, "indicators": [{"code", "name", "unit", "decimals",
 *   "higher_is_better", "points": [{"quarter", "period_start",
 *   "period_end", "value", "numerator", "denominator", "suppressed",
 *   "computed_at"}]}]}
 * with "value", "numerator" and "denominator" null and "suppressed" the
 * reason's word when suppressed, else "suppressed" null; dates as in the
 * CSV. only: just that indicator, or every one when NULL. Errors:
 * monitor_series's. *out is NULL on error. */
enum err monitor_out_json(struct db *db, struct arena *a, const char *area_code,
                          const enum monitor_indicator *only, json_t **out, struct fault *f);

#endif
