/* The iCalendar writer (see ical.h). A line is built whole in a scratch
 * buffer and then copied out in pieces of at most 75 octets, each cut
 * moved back to the start of a UTF-8 character. */
#include "render/ical.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/schedule.h"

/* Copies line (without its end) to b, folded, and ends it with CRLF. */
static void fold(struct buf *b, const char *line, size_t n)
{
    size_t limit = ICAL_FOLD_OCTETS;
    while (n > limit) {
        size_t cut = limit;
        while (cut > 1 && ((unsigned char)line[cut] & 0xC0) == 0x80)
            cut--; /* never split a character */
        buf_append(b, line, cut);
        buf_puts(b, "\r\n ");
        line += cut;
        n -= cut;
        limit = ICAL_FOLD_OCTETS - 1; /* the space counts */
    }
    buf_append(b, line, n);
    buf_puts(b, "\r\n");
}

static void emit(struct buf *b, struct buf *line)
{
    fold(b, buf_cstr(line), line->len);
    buf_free(line);
}

void ical_line(struct buf *b, const char *name, const char *value)
{
    for (const char *p = value; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            abort(); /* a programming error: raw values are the writer's own */
    struct buf line;
    buf_init(&line);
    buf_printf(&line, "%s:%s", name, value);
    emit(b, &line);
}

void ical_escape(struct buf *b, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        char c = *p;
        if (c == '\\' || c == ';' || c == ',') {
            buf_putc(b, '\\');
            buf_putc(b, c);
        } else if (c == '\r' || c == '\n') {
            buf_puts(b, "\\n");
            if (c == '\r' && p[1] == '\n')
                p++;
        } else if ((unsigned char)c >= 0x20 && c != 0x7f) {
            buf_putc(b, c);
        } else if (c == '\t') {
            buf_putc(b, ' ');
        }
    }
}

void ical_text(struct buf *b, const char *name, const char *text)
{
    struct buf line;
    buf_init(&line);
    buf_printf(&line, "%s:", name);
    ical_escape(&line, text);
    emit(b, &line);
}

static void stamp(struct buf *b, int64_t day, int seconds, bool utc)
{
    int y, m, d;
    schedule_civil_from_days(day, &y, &m, &d);
    buf_printf(b, "%04d%02d%02dT%02d%02d%02d%s", y, m, d, seconds / 3600, seconds / 60 % 60,
               seconds % 60, utc ? "Z" : "");
}

void ical_utc_value(struct buf *b, int64_t t)
{
    int64_t day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    stamp(b, day, (int)(t - day * 86400), true);
}

void ical_local(struct buf *b, const char *name, int64_t t)
{
    int64_t day;
    int minute;
    schedule_local(t, &day, &minute);
    int64_t secs = t % 60;
    struct buf line;
    buf_init(&line);
    buf_printf(&line, "%s;TZID=" ICAL_TZID ":", name);
    stamp(&line, day, minute * 60 + (int)(secs < 0 ? secs + 60 : secs), false);
    emit(b, &line);
}

void ical_utc(struct buf *b, const char *name, int64_t t)
{
    struct buf line;
    buf_init(&line);
    buf_printf(&line, "%s:", name);
    ical_utc_value(&line, t);
    emit(b, &line);
}

static void vtimezone(struct buf *b)
{
    static const char *const lines[][2] = {
        {"BEGIN", "VTIMEZONE"},
        {"TZID", ICAL_TZID},
        {"BEGIN", "DAYLIGHT"},
        {"TZOFFSETFROM", "+0100"},
        {"TZOFFSETTO", "+0200"},
        {"TZNAME", "CEST"},
        {"DTSTART", "19700329T020000"},
        {"RRULE", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"},
        {"END", "DAYLIGHT"},
        {"BEGIN", "STANDARD"},
        {"TZOFFSETFROM", "+0200"},
        {"TZOFFSETTO", "+0100"},
        {"TZNAME", "CET"},
        {"DTSTART", "19701025T030000"},
        {"RRULE", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"},
        {"END", "STANDARD"},
        {"END", "VTIMEZONE"},
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        ical_line(b, lines[i][0], lines[i][1]);
}

void ical_begin(struct buf *b, const char *name)
{
    ical_line(b, "BEGIN", "VCALENDAR");
    ical_line(b, "VERSION", "2.0");
    ical_line(b, "PRODID", "-//Wijkregie//Activities//NL");
    ical_line(b, "CALSCALE", "GREGORIAN");
    ical_line(b, "METHOD", "PUBLISH");
    if (name)
        ical_text(b, "X-WR-CALNAME", name);
    ical_line(b, "X-WR-TIMEZONE", ICAL_TZID);
    vtimezone(b);
}

void ical_end(struct buf *b)
{
    ical_line(b, "END", "VCALENDAR");
}
