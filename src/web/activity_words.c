/* Activities in words, shared by the activity pages: when an occurrence
 * is, when a series repeats, and how many places there are. Dates and
 * rules are put in words by the services' wording (web/service_words.h),
 * so that opening hours and activities read alike. Plain text from the
 * arena: the pages escape it when they write it. */
#include "web/web.h"

#include <stdarg.h>

#include "core/arena.h"
#include "core/buf.h"
#include "model/activity.h"
#include "render/moderated.h"
#include "render/req.h"
#include "web/service_words.h"

/* tmpl (translated) with each "%s" replaced by the next argument (NULL
 * ends them), into the arena: a catalog's text is never a printf format. */
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

const char *web_activity_occurrence_words(struct req *r, const struct activity_occurrence *o)
{
    int64_t day, end_day;
    int start, end;
    schedule_local(o->starts_at, &day, &start);
    schedule_local(o->ends_at, &end_day, &end);
    if (end_day == day || (end_day == day + 1 && end == 0)) {
        struct schedule_occurrence so = {day, start, end_day == day ? end : 1440};
        return service_occurrence_words(r, &so);
    }
    struct schedule_occurrence first = {day, start, 1440}, last = {end_day, 0, end};
    return arena_printf(r->arena, "%s – %s", service_occurrence_words(r, &first),
                        service_occurrence_words(r, &last));
}

const char *web_activity_when_words(struct req *r, const struct activity *a)
{
    struct activity_when w;
    struct activity_occurrence first = {a->starts_at, a->ends_at, false};
    if (!a->rrule || activity_when_of(r->arena, a, &w, NULL) != ERR_OK)
        return web_activity_occurrence_words(r, &first);
    w.rule.opens = w.start_minute;
    w.rule.closes = w.span_days == 0 ? w.end_minute : 1440;
    return service_schedule_words(r, &w.rule);
}

const char *web_activity_places(struct req *r, const struct activity *a)
{
    const char *taken = arena_printf(r->arena, "%d", a->taken);
    const char *waiting = arena_printf(r->arena, "%d", a->waiting);
    if (a->capacity == 0)
        return fill(r, T(r, "No limit; %s signed up."), taken, NULL);
    const char *cap = arena_printf(r->arena, "%d", a->capacity);
    return a->waiting ? fill(r, T(r, "%s of %s places taken; %s on the waiting list."), taken, cap,
                             waiting, NULL)
                      : fill(r, T(r, "%s of %s places taken."), taken, cap, NULL);
}

const char *web_activity_title(struct req *r, const struct activity *a)
{
    return a->hidden ? moderated_label(r, a->hidden) : a->title;
}
