/* Services in words (see service_words.h). Sentences are translated
 * templates whose "%s" slots are filled in order, so a translation may
 * reword them freely; the pieces (weekdays, months, ordinals) are
 * translated one by one. Output is plain text from the arena: the pages
 * escape it when they write it. */
#include "web/service_words.h"

#include <stdarg.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "render/req.h"

static const char *const weekday_names[7] = {N_("Monday"),   N_("Tuesday"), N_("Wednesday"),
                                             N_("Thursday"), N_("Friday"),  N_("Saturday"),
                                             N_("Sunday")};

static const char *const month_names[12] = {
    N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
    N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December")};

/* tmpl (translated) with each "%s" replaced by the next argument (NULL
 * ends them), into the arena. */
static const char *fill(struct req *r, const char *tmpl, ...)
{
    va_list ap;
    va_start(ap, tmpl);
    struct buf b = BUF_INIT;
    for (const char *p = tmpl; *p; p++) {
        if (p[0] == '%' && p[1] == 's') {
            const char *arg = va_arg(ap, const char *);
            buf_puts(&b, arg ? arg : "");
            p++;
        } else {
            buf_putc(&b, *p);
        }
    }
    va_end(ap);
    const char *s = arena_strdup(r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

const char *service_status_label(struct req *r, const char *status)
{
    static const char *const keys[] = {"active", "inactive", "defunct", "temporarily closed"};
    static const char *const labels[] = {N_("Active"), N_("Inactive"), N_("Defunct"),
                                         N_("Temporarily closed")};
    for (size_t i = 0; i < 4; i++)
        if (strcmp(status, keys[i]) == 0)
            return T(r, labels[i]);
    return status;
}

const char *service_language_label(struct req *r, const char *code)
{
    static const char *const names[][2] = {
        {"nl", N_("Dutch")},       {"en", N_("English")}, {"ar", N_("Arabic")},
        {"tr", N_("Turkish")},     {"pl", N_("Polish")},  {"de", N_("German")},
        {"fr", N_("French")},      {"es", N_("Spanish")}, {"uk", N_("Ukrainian")},
        {"pap", N_("Papiamento")}, {"fy", N_("Frisian")}, {"so", N_("Somali")},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i][0], code) == 0)
            return T(r, names[i][1]);
    return code;
}

const char *service_cost_text(struct req *r, const struct service_cost *c)
{
    const char *amount = !c->has_amount         ? T(r, "See the description")
                         : c->amount_cents == 0 ? T(r, "Free")
                                                : arena_printf(r->arena, "€ %lld,%02lld",
                                                               (long long)(c->amount_cents / 100),
                                                               (long long)(c->amount_cents % 100));
    return c->option ? arena_printf(r->arena, "%s (%s)", amount, c->option) : amount;
}

/* "Tuesday", "Tuesday and Thursday", "Monday, Wednesday and Friday". */
static const char *join(struct req *r, const char *const *items, int n)
{
    struct buf b = BUF_INIT;
    for (int i = 0; i < n; i++) {
        if (i > 0)
            buf_puts(&b, i == n - 1 ? T(r, " and ") : ", ");
        buf_puts(&b, items[i]);
    }
    const char *s = arena_strdup(r->arena, b.len ? buf_cstr(&b) : "");
    buf_free(&b);
    return s;
}

static const char *ordinal(struct req *r, int n)
{
    static const char *const from_start[] = {N_("first"), N_("second"), N_("third"), N_("fourth"),
                                             N_("fifth")};
    static const char *const from_end[] = {N_("last"), N_("second to last"), N_("third to last"),
                                           N_("fourth to last"), N_("fifth to last")};
    return n > 0 ? T(r, from_start[n - 1]) : T(r, from_end[-n - 1]);
}

/* The days of the rule: "Tuesday and Thursday", "the first Tuesday", "day
 * 15 and the last day". */
static const char *days(struct req *r, const struct schedule_rule *rule)
{
    const char *items[SCHEDULE_BYDAY_MAX + SCHEDULE_MONTHDAY_MAX];
    int n = 0;
    for (int i = 0; i < rule->nbyday; i++) {
        const char *wd = T(r, weekday_names[rule->byday[i].weekday]);
        items[n++] = rule->byday[i].ordinal
                         ? fill(r, T(r, "the %s %s"), ordinal(r, rule->byday[i].ordinal), wd, NULL)
                         : wd;
    }
    for (int i = 0; i < rule->nbymonthday; i++) {
        int k = rule->bymonthday[i];
        items[n++] = k > 0     ? fill(r, T(r, "day %s"), arena_printf(r->arena, "%d", k), NULL)
                     : k == -1 ? T(r, "the last day")
                               : fill(r, T(r, "the %s day"), ordinal(r, k), NULL);
    }
    if (n == 0) {
        int y, m, d;
        schedule_civil_from_days(rule->dtstart, &y, &m, &d);
        items[n++] = rule->freq == SCHEDULE_WEEKLY
                         ? T(r, weekday_names[schedule_weekday(rule->dtstart)])
                         : fill(r, T(r, "day %s"), arena_printf(r->arena, "%d", d), NULL);
    }
    return join(r, items, n);
}

static const char *date_words(struct req *r, int64_t day)
{
    int y, m, d;
    schedule_civil_from_days(day, &y, &m, &d);
    return fill(r, T(r, "%s %s %s"), arena_printf(r->arena, "%d", d), T(r, month_names[m - 1]),
                arena_printf(r->arena, "%d", y), NULL);
}

static const char *hours(struct req *r, int opens, int closes)
{
    char a[6], b[6];
    schedule_time_text(opens, a);
    schedule_time_text(closes, b);
    return fill(r, T(r, "%s to %s"), a, b, NULL);
}

/* "Every week on Tuesday", "Every 2 weeks on Tuesday", "Every month on the
 * first Tuesday", "Every 3 months on day 15". */
static const char *every(struct req *r, const struct schedule_rule *rule)
{
    bool weekly = rule->freq == SCHEDULE_WEEKLY;
    const char *on = days(r, rule);
    if (rule->interval == 1)
        return fill(r, weekly ? T(r, "Every week on %s") : T(r, "Every month on %s"), on, NULL);
    return fill(r, weekly ? T(r, "Every %s weeks on %s") : T(r, "Every %s months on %s"),
                arena_printf(r->arena, "%d", rule->interval), on, NULL);
}

const char *service_schedule_words(struct req *r, const struct schedule_rule *rule)
{
    const char *s = every(r, rule);
    if (rule->bymonth) {
        const char *months[12];
        int n = 0;
        for (int m = 0; m < 12; m++)
            if (rule->bymonth & (1u << m))
                months[n++] = T(r, month_names[m]);
        s = fill(r, T(r, "%s, in %s"), s, join(r, months, n), NULL);
    }
    s = fill(r, "%s, %s", s, hours(r, rule->opens, rule->closes), NULL);
    s = fill(r, T(r, "%s; from %s"), s, date_words(r, rule->dtstart), NULL);
    if (rule->until >= 0)
        s = fill(r, T(r, "%s until %s"), s, date_words(r, rule->until), NULL);
    if (rule->count)
        s = fill(r, T(r, "%s, %s times"), s, arena_printf(r->arena, "%d", rule->count), NULL);
    return s;
}

const char *service_occurrence_words(struct req *r, const struct schedule_occurrence *o)
{
    return fill(r, "%s %s, %s", T(r, weekday_names[schedule_weekday(o->day)]),
                date_words(r, o->day), hours(r, o->opens, o->closes), NULL);
}
