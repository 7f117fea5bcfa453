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

/* The entity for a character that must be escaped, or NULL. */
static const char *entity(char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    default:
        return NULL;
    }
}

/* Escapes the n bytes at s. */
static void escape_n(struct buf *b, const char *s, size_t n)
{
    const char *run = s;
    for (const char *p = s; p < s + n; p++) {
        const char *e = entity(*p);
        if (!e)
            continue;
        buf_append(b, run, (size_t)(p - run));
        buf_puts(b, e);
        run = p + 1;
    }
    buf_append(b, run, (size_t)(s + n - run));
}

static void escape(struct buf *b, const char *s)
{
    if (s)
        escape_n(b, s, strlen(s));
}

void html_text(struct buf *b, const char *s)
{
    escape(b, s);
}

void html_attr(struct buf *b, const char *s)
{
    escape(b, s);
}

static int unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~';
}

void url_arg(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!s)
        return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (unreserved(*p)) {
            buf_putc(b, (char)*p);
        } else {
            char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_append(b, enc, sizeof enc);
        }
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
        buf_printf(b, "%d", va_arg(*ap, int));
    } else if (*p == 'u') {
        buf_printf(b, "%u", va_arg(*ap, unsigned));
    } else if (p[0] == 'l' && p[1] == 'd') {
        buf_printf(b, "%ld", va_arg(*ap, long));
        p++;
    } else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'd') {
        buf_printf(b, "%lld", va_arg(*ap, long long));
        p += 2;
    } else if (p[0] == 'z' && p[1] == 'u') {
        buf_printf(b, "%zu", va_arg(*ap, size_t));
        p++;
    } else if (p[0] == '.' && p[1] >= '0' && p[1] <= '9' && p[2] == 'f') {
        buf_printf(b, "%.*f", p[1] - '0', va_arg(*ap, double));
        p += 2;
    } else {
        bad_format(fmt);
    }
    *pp = p + 1;
}

void html_fmt(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *run = fmt;
    const char *p = fmt;
    while (*p) {
        if (*p != '%') {
            p++;
            continue;
        }
        buf_append(b, run, (size_t)(p - run));
        p++;
        convert(b, fmt, &p, &ap);
        run = p;
    }
    buf_append(b, run, (size_t)(p - run));
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
