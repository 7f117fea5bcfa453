/* HTML output that escapes by default. Every byte of data that reaches a page
 * goes through html_text, html_attr or url_arg; html_fmt interprets its own
 * small format language so that a %s can never be written raw. */
#include "render/html.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The entity for each byte that must be escaped; NULL for the rest. */
static const char *const entities[256] = {
    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
};

/* Escapes the n bytes at s: each run of bytes that need no escape goes out
 * with one append. */
static void escape_n(struct buf *b, const char *s, size_t n)
{
    const char *end = s + n;
    while (s < end) {
        const char *p = s;
        while (p < end && !entities[(unsigned char)*p])
            p++;
        buf_append(b, s, (size_t)(p - s));
        if (p == end)
            return;
        buf_puts(b, entities[(unsigned char)*p]);
        s = p + 1;
    }
}

/* Where escape stops a run: at a byte to escape or at the NUL. */
static const bool run_end[256] = {
    [0] = true, ['&'] = true, ['<'] = true, ['>'] = true, ['"'] = true, ['\''] = true,
};

/* escape_n up to the NUL, without measuring the string first. */
static void escape(struct buf *b, const char *s)
{
    if (!s)
        return;
    for (;;) {
        const char *p = s;
        while (!run_end[(unsigned char)*p])
            p++;
        buf_append(b, s, (size_t)(p - s));
        if (!*p)
            return;
        buf_puts(b, entities[(unsigned char)*p]);
        s = p + 1;
    }
}

void html_text(struct buf *b, const char *s)
{
    escape(b, s);
}

void html_attr(struct buf *b, const char *s)
{
    escape(b, s);
}

/* RFC 3986's unreserved characters, which url_arg keeps as they are. */
static const bool unreserved[256] = {
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
    ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
    ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1,
    ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1,
    ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['-'] = 1, ['.'] = 1,
    ['_'] = 1, ['~'] = 1,
};

void url_arg(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!s)
        return;
    for (;;) {
        const unsigned char *p = (const unsigned char *)s;
        while (unreserved[*p]) /* false for the NUL */
            p++;
        buf_append(b, s, (size_t)((const char *)p - s));
        if (!*p)
            return;
        char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
        buf_append(b, enc, sizeof enc);
        s = (const char *)p + 1;
    }
}

void html_raw_trusted(struct buf *b, const char *s)
{
    if (s)
        buf_puts(b, s);
}

_Noreturn static void bad_format(const char *fmt)
{
    fprintf(stderr, "html_fmt: unsupported conversion in format \"%s\"\n", fmt);
    abort();
}

/* Decimal digits of v, without the C library's printf (which is most of the
 * cost of a small number). */
static void put_unsigned(struct buf *b, unsigned long long v)
{
    char tmp[24];
    char *p = tmp + sizeof tmp;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    buf_append(b, p, (size_t)(tmp + sizeof tmp - p));
}

static void put_signed(struct buf *b, long long v)
{
    if (v < 0) {
        buf_putc(b, '-');
        put_unsigned(b, 0ULL - (unsigned long long)v); /* also for LLONG_MIN */
        return;
    }
    put_unsigned(b, (unsigned long long)v);
}

/* Writes one conversion starting at *pp (just past the '%') and advances
 * *pp past it. Aborts on anything html.h does not list. */
static void convert(struct buf *b, const char *fmt, const char **pp, va_list *ap)
{
    const char *p = *pp;
    if (*p == '%') {
        buf_putc(b, '%');
    } else if (*p == 's') {
        html_text(b, va_arg(*ap, const char *));
    } else if (*p == 'd') {
        put_signed(b, va_arg(*ap, int));
    } else if (*p == 'u') {
        put_unsigned(b, va_arg(*ap, unsigned));
    } else if (p[0] == 'l' && p[1] == 'd') {
        put_signed(b, va_arg(*ap, long));
        p++;
    } else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'd') {
        put_signed(b, va_arg(*ap, long long));
        p += 2;
    } else if (p[0] == 'z' && p[1] == 'u') {
        put_unsigned(b, va_arg(*ap, size_t));
        p++;
    } else if (p[0] == '.' && p[1] >= '0' && p[1] <= '9' && p[2] == 'f') {
        buf_printf(b, "%.*f", p[1] - '0', va_arg(*ap, double));
        p += 2;
    } else {
        bad_format(fmt);
    }
    *pp = p + 1;
}

/* The markup between conversions goes out in one append per run. */
void html_fmt(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *p = fmt, *pct;
    while ((pct = strchr(p, '%')) != NULL) {
        buf_append(b, p, (size_t)(pct - p));
        p = pct + 1;
        convert(b, fmt, &p, &ap);
    }
    buf_puts(b, p);
    va_end(ap);
}

void html_fill(struct buf *b, const char *tmpl, ...)
{
    va_list ap;
    va_start(ap, tmpl);
    bool more = true; /* until the NULL that ends the arguments */
    const char *run = tmpl, *p = tmpl;
    for (; *p; p++) {
        if (p[0] != '%' || (p[1] != 's' && p[1] != '%'))
            continue;
        escape_n(b, run, (size_t)(p - run));
        if (p[1] == '%') {
            buf_putc(b, '%');
        } else if (more) {
            const char *arg = va_arg(ap, const char *);
            more = arg != NULL;
            escape(b, arg);
        }
        run = ++p + 1;
    }
    escape_n(b, run, (size_t)(p - run));
    va_end(ap);
}
