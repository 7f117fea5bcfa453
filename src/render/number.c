/* Locale-free number formatting (see number.h). The digits come from exact
 * integer arithmetic on the rounded value, so no printf conversion, and thus
 * no process-wide locale, is involved. */
#include "render/number.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "render/req.h"

static const uint64_t pow10_table[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

/* Decimal digits of v into out (backwards-filled), returning their start. */
static char *digits(uint64_t v, char *end)
{
    char *p = end;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return p;
}

/* The digits of whole with sep between groups of three, built backwards in
 * a local array and written with one append. */
static void write_grouped(struct buf *b, uint64_t whole, char sep)
{
    char tmp[32]; /* 20 digits and 6 separators at most */
    char *p = tmp + sizeof tmp;
    int in_group = 0;
    do {
        if (in_group++ == 3) {
            *--p = sep;
            in_group = 1;
        }
        *--p = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole);
    buf_append(b, p, (size_t)(tmp + sizeof tmp - p));
}

bool number_write(struct buf *b, const char *lang, double v, int decimals)
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    if (!isfinite(v))
        return false;
    bool dutch = lang && strcmp(lang, "nl") == 0;
    uint64_t scale = pow10_table[decimals];
    double scaled = round(fabs(v) * (double)scale);
    if (scaled >= 1e18)
        return false;
    uint64_t units = (uint64_t)scaled;
    if (v < 0 && units > 0)
        buf_putc(b, '-');
    write_grouped(b, units / scale, dutch ? '.' : ',');
    if (decimals > 0) {
        char tmp[24];
        char *end = tmp + sizeof tmp;
        char *p = digits(units % scale + scale, end); /* leading 1 keeps the zeros */
        buf_putc(b, dutch ? ',' : '.');
        buf_append(b, p + 1, (size_t)(end - p - 1));
    }
    return true;
}

void number_figure(struct buf *b, const struct req *r, struct figure fig, int decimals)
{
    if (!fig.known || !number_write(b, r->lang, fig.value, decimals))
        buf_puts(b, T(r, "unknown"));
}

void number_share(struct buf *b, const struct req *r, struct figure part, struct figure whole)
{
    if (!part.known || !whole.known || !(whole.value > 0) ||
        !number_write(b, r->lang, part.value / whole.value * 100.0, 1)) {
        buf_puts(b, T(r, "unknown"));
        return;
    }
    buf_putc(b, '%');
}
