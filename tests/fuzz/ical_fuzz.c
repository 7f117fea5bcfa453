/* libFuzzer target: a round trip through the iCalendar writer
 * (render/ical.c). The first 8 bytes are a time (kept within the years
 * 1..9999), the rest are up to three texts separated by NUL bytes (the
 * calendar's name, a SUMMARY and a DESCRIPTION; input that is not valid
 * UTF-8 is skipped, since every text the writer gets has been validated).
 * A small independent reader then checks what RFC 5545 and ical.h promise,
 * and aborts when a promise is broken:
 * - every physical line ends with CRLF, has at most 75 octets, is valid
 *   UTF-8 (a fold never splits a character) and holds no other control
 *   character; a continuation line starts with one space;
 * - unfolded and unescaped, each TEXT value is the text given, with line
 *   breaks (CR LF, LF, CR) as "\n", a tab as a space and other control
 *   characters dropped; no unescaped ',' or ';' and no unknown escape;
 * - DTSTAMP (UTC) reads back as the same second, and DTSTART
 *   (TZID=Europe/Amsterdam) as the same second at +01:00 in winter and
 *   +02:00 between the last Sundays of March and October at 01:00 UTC. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "render/ical.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MIN_T (-62135596800LL) /* 0001-01-01T00:00:00Z */
#define SPAN_T (315537897600LL - 7200) /* to 9999-12-31T21:59:59Z: local stays in 9999 */

static void broken(const char *rule)
{
    fprintf(stderr, "ical_fuzz: broken promise: %s\n", rule);
    abort();
}

/* Days since 1970-01-01 (proleptic Gregorian), H. Hinnant's algorithm. */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* 01:00 UTC on the last Sunday of month m of year y. */
static int64_t last_sunday_1utc(int64_t y, int m)
{
    int64_t day = days_from_civil(y, m + 1, 1) - 1;
    int64_t wd = ((day % 7) + 7 + 3) % 7; /* 0 = Monday; 1970-01-01 was a Thursday */
    return (day - (wd + 1) % 7) * 86400 + 3600;
}

/* "YYYYMMDDTHHMMSS" (15 characters) as seconds, taken as UTC. */
static bool read_stamp(const char *s, int64_t *t)
{
    int y, mo, d, h, mi, se;
    char tail;
    if (strlen(s) < 15 || s[8] != 'T' ||
        sscanf(s, "%4d%2d%2dT%2d%2d%2d%c", &y, &mo, &d, &h, &mi, &se, &tail) < 6)
        return false;
    *t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
    return true;
}

/* Checks the physical lines and unfolds them into out. */
static void unfold(const struct buf *b, struct buf *out)
{
    const char *p = b->data, *end = b->data + b->len;
    bool first = true;
    while (p < end) {
        const char *crlf = strstr(p, "\r\n");
        if (!crlf)
            broken("output does not end with CRLF");
        size_t n = (size_t)(crlf - p);
        if (n > ICAL_FOLD_OCTETS || !utf8_valid(p, n) || utf8_has_controls(p, n, false))
            broken("a physical line is too long, not UTF-8 or holds a control character");
        if (*p == ' ' && first)
            broken("output starts with a continuation");
        if (*p == ' ') {
            buf_append(out, p + 1, n - 1);
        } else {
            if (!first)
                buf_putc(out, '\n');
            buf_append(out, p, n);
        }
        first = false;
        p = crlf + 2;
    }
}

/* The text as the writer must give it back. */
static void expected_text(struct buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '\r' || *s == '\n') {
            buf_putc(b, '\n');
            s += *s == '\r' && s[1] == '\n';
        } else if (*s == '\t') {
            buf_putc(b, ' ');
        } else if ((unsigned char)*s >= 0x20 && *s != 0x7f) {
            buf_putc(b, *s);
        }
    }
}

static void unescape(struct buf *b, const char *v)
{
    for (; *v; v++) {
        if (*v == ',' || *v == ';')
            broken("an unescaped , or ; in a TEXT value");
        if (*v != '\\') {
            buf_putc(b, *v);
            continue;
        }
        v++;
        if (*v == 'n' || *v == 'N')
            buf_putc(b, '\n');
        else if (*v == '\\' || *v == ',' || *v == ';')
            buf_putc(b, *v);
        else
            broken("an unknown escape in a TEXT value");
    }
}

/* The value of the content line called name (params allowed), or NULL. */
static const char *find_value(const char *lines, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = lines; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, name, n) == 0 && (p[n] == ':' || p[n] == ';'))
            return strchr(p + n, ':') + 1;
    return NULL;
}

static void check_text(const char *lines, const char *name, const char *given)
{
    const char *v = find_value(lines, name);
    if (!v)
        broken("a TEXT line is missing");
    size_t len = strcspn(v, "\n");
    struct buf line = BUF_INIT, got = BUF_INIT, want = BUF_INIT;
    buf_append(&line, v, len);
    unescape(&got, buf_cstr(&line));
    expected_text(&want, given);
    if (strcmp(buf_cstr(&got), buf_cstr(&want)) != 0)
        broken("a TEXT value does not read back as given");
    buf_free(&line);
    buf_free(&got);
    buf_free(&want);
}

static void check_times(const char *lines, int64_t t)
{
    int64_t back;
    const char *utc = find_value(lines, "DTSTAMP");
    if (!utc || !read_stamp(utc, &back) || utc[15] != 'Z' || back != t)
        broken("DTSTAMP does not read back as the time given");
    const char *local = find_value(lines, "DTSTART;TZID=" ICAL_TZID);
    if (!local || !read_stamp(local, &back) || local[15] != '\n')
        broken("DTSTART is not a local time with TZID");
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t year = 1970 + days / 365;
    while (days_from_civil(year, 1, 1) > days)
        year--;
    while (days_from_civil(year + 1, 1, 1) <= days)
        year++;
    bool summer = t >= last_sunday_1utc(year, 3) && t < last_sunday_1utc(year, 10);
    if (back - t != (summer ? 7200 : 3600))
        broken("DTSTART is not the Amsterdam time of the time given");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 8 || !utf8_valid((const char *)data + 8, size - 8))
        return 0;
    uint64_t raw;
    memcpy(&raw, data, 8);
    int64_t t = MIN_T + (int64_t)(raw % (uint64_t)SPAN_T);
    /* the texts are separated by the byte 0x01 (taken out before writing) */
    /* copied, not strndup'ed: the texts are not NUL-terminated, and a
     * strict string check would read past the input's end */
    char *texts = malloc(size - 8 + 1);
    if (!texts)
        return 0;
    memcpy(texts, data + 8, size - 8);
    texts[size - 8] = '\0';
    char *name = texts, *summary = strchr(texts, '\x01');
    if (summary)
        *summary++ = '\0';
    char *desc = summary ? strchr(summary, '\x01') : NULL;
    if (desc)
        *desc++ = '\0';
    struct buf b = BUF_INIT, lines = BUF_INIT;
    ical_begin(&b, name);
    ical_line(&b, "BEGIN", "VEVENT");
    ical_text(&b, "SUMMARY", summary ? summary : "");
    ical_text(&b, "DESCRIPTION", desc ? desc : "");
    ical_utc(&b, "DTSTAMP", t);
    ical_local(&b, "DTSTART", t);
    ical_line(&b, "END", "VEVENT");
    ical_end(&b);
    unfold(&b, &lines);
    buf_putc(&lines, '\n');
    check_text(buf_cstr(&lines), "X-WR-CALNAME", name);
    check_text(buf_cstr(&lines), "SUMMARY", summary ? summary : "");
    check_text(buf_cstr(&lines), "DESCRIPTION", desc ? desc : "");
    check_times(buf_cstr(&lines), t);
    buf_free(&b);
    buf_free(&lines);
    free(texts);
    return 0;
}
