/* CSV writing (see csvout.h). */
#include "render/csvout.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static void field(struct buf *b, const char *s)
{
    if (!s)
        s = "";
    bool formula = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
    bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        buf_putc(b, '"');
    if (formula)
        buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    if (quote)
        buf_putc(b, '"');
}

void csvout_row(struct buf *b, const char *const *fields, int n)
{
    for (int i = 0; i < n; i++) {
        if (i)
            buf_putc(b, ',');
        field(b, fields[i]);
    }
    buf_puts(b, "\r\n");
}

const char *csvout_int(char out[static 24], int64_t v)
{
    snprintf(out, 24, "%" PRId64, v);
    return out;
}
