/* The monitor's words (see monitor_words.h). Everything here is text for a
 * page: translated through the catalogs, written escaped. */
#include "web/monitor_words.h"

#include <ctype.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "render/html.h"
#include "render/number.h"
#include "render/req.h"

const char *monitor_words_fill(struct req *r, const char *tmpl, const char *a, const char *b)
{
    struct buf out = BUF_INIT;
    const char *args[2] = {a, b};
    int next = 0;
    for (const char *p = tmpl; *p; p++) {
        if (p[0] == '%' && p[1] == 's') {
            buf_puts(&out, next < 2 ? args[next++] : "");
            p++;
        } else if (p[0] == '%' && p[1] == '%') {
            buf_putc(&out, '%');
            p++;
        } else {
            buf_putc(&out, *p);
        }
    }
    const char *s = arena_strdup(r->arena, buf_cstr(&out));
    buf_free(&out);
    return s;
}

const char *monitor_words_quarter(struct req *r, const char *quarter)
{
    if (!quarter || strlen(quarter) != 6 || quarter[4] != 'Q' ||
        !isdigit((unsigned char)quarter[5]))
        return quarter ? quarter : "";
    char year[5], q[2] = {quarter[5], 0};
    memcpy(year, quarter, 4);
    year[4] = 0;
    /* A year and a quarter: "2025 Q3"; Dutch writes "2025 K3". */
    return monitor_words_fill(r, T(r, "%s Q%s"), year, q);
}

void monitor_words_value(struct req *r, struct buf *b, enum monitor_indicator ind,
                         const struct monitor_point *p)
{
    const struct monitor_meta *m = monitor_meta(ind);
    if (p->suppressed != MON_SHOWN || !number_write(b, r->lang, p->value, m->decimals))
        html_text(b, T(r, "not shown"));
}

const char *monitor_words_unit(struct req *r, enum monitor_indicator ind)
{
    const struct monitor_meta *m = monitor_meta(ind);
    return m->unit && *m->unit ? T(r, m->unit) : "";
}

const char *monitor_words_phase(struct req *r, enum monitor_phase p)
{
    if (p == MON_PHASE_UNKNOWN)
        return T(r, "Not known yet");
    return T(r, monitor_phase_name(p));
}

void monitor_words_reason(struct req *r, struct buf *b, const struct monitor_reason *x)
{
    html_fill(b, T(r, x->msgid), x->args[0], x->args[1], x->args[2], NULL);
}

/* Why the buurt counts as vulnerable: its low-income share against the
 * country's, and a municipality admin's flag with its reason. */
static void why_vulnerable(struct req *r, const struct monitor_warning *w)
{
    struct buf *b = &r->resp.body;
    if (w->low_income) {
        struct buf own = BUF_INIT, nat = BUF_INIT;
        number_write(&own, r->lang, w->low_income_share, 1);
        number_write(&nat, r->lang, w->national_share, 1);
        html_raw_trusted(b, "<p>");
        html_fill(b,
                  T(r, "Vulnerable: %s%% of its households have a low income, against %s%% "
                       "in the whole country."),
                  buf_cstr(&own), buf_cstr(&nat), NULL);
        html_raw_trusted(b, "</p>\n");
        buf_free(&own);
        buf_free(&nat);
    }
    if (w->flagged) {
        html_raw_trusted(b, "<p>");
        html_fill(b, T(r, "Flagged as vulnerable by the municipality: %s"),
                  w->flag_reason ? w->flag_reason : "", NULL);
        html_raw_trusted(b, "</p>\n");
    }
}

static void signal_list(struct req *r, const struct monitor_warning *w)
{
    struct buf *b = &r->resp.body;
    if (w->nsignals == 0)
        return;
    html_fmt(b, "<p>%s</p>\n<ul class=\"monitor-signals\">\n", T(r, "Signals that fired:"));
    for (int i = 0; i < w->nsignals; i++) {
        html_raw_trusted(b, "<li>");
        monitor_words_reason(r, b, &w->signals[i]);
        html_raw_trusted(b, "</li>\n");
    }
    html_raw_trusted(b, "</ul>\n");
}

static void dashboard_link(struct req *r, const char *area_code, const char *area_name)
{
    struct buf *b = &r->resp.body;
    html_raw_trusted(b, "<p><a href=\"/areas/");
    url_arg(b, area_code);
    html_raw_trusted(b, "/monitor\">");
    html_fill(b, T(r, "The transition monitor of %s"), area_name, NULL);
    html_raw_trusted(b, "</a></p>\n");
}

void monitor_words_warning(struct req *r, const struct monitor_warning *w, const char *area_code,
                           const char *area_name, bool only_raised)
{
    if (only_raised && !w->raised)
        return;
    struct buf *b = &r->resp.body;
    html_fmt(b,
             "<section class=\"monitor-warning%s\" aria-labelledby=\"monitor-warning-h\">\n"
             "<h2 id=\"monitor-warning-h\">%s</h2>\n",
             w->raised ? " raised" : "", T(r, "Early warning"));
    if (w->raised) {
        html_raw_trusted(b, "<p><strong>");
        html_fill(b,
                  T(r, "%s is a vulnerable buurt whose momentum is falling. Residents and their "
                       "collectives see this first."),
                  area_name, NULL);
        html_raw_trusted(b, "</strong></p>\n");
    } else if (!w->quarter) {
        html_fmt(b, "<p>%s</p>\n", T(r, "The monitor has not been computed for this area yet."));
    } else {
        html_fmt(b, "<p>%s</p>\n", T(r, "No early warning."));
    }
    if (w->vulnerable)
        why_vulnerable(r, w);
    signal_list(r, w);
    if (only_raised)
        dashboard_link(r, area_code, area_name);
    html_raw_trusted(b, "</section>\n");
}
