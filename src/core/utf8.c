/* UTF-8 validation, strict per RFC 3629 section 4. Each lead byte decides
 * the length of its sequence and the range its second byte must fall in;
 * the narrowed second-byte ranges are what exclude overlong forms (E0, F0),
 * surrogates (ED) and code points above U+10FFFF (F4). Later continuation
 * bytes are always 80..BF. C0, C1 and F5..FF can never start a sequence. */
#include "core/utf8.h"

struct lead {
    unsigned char len;    /* bytes in the sequence; 0: not a lead byte */
    unsigned char lo, hi; /* allowed range of the second byte */
};

/* The RFC 3629 grammar, one row per class of lead byte. */
static struct lead lead_of(unsigned char b)
{
    if (b >= 0x01 && b <= 0x7F)
        return (struct lead){1, 0, 0};
    if (b >= 0xC2 && b <= 0xDF)
        return (struct lead){2, 0x80, 0xBF};
    if (b == 0xE0)
        return (struct lead){3, 0xA0, 0xBF};
    if (b == 0xED)
        return (struct lead){3, 0x80, 0x9F};
    if (b >= 0xE1 && b <= 0xEF)
        return (struct lead){3, 0x80, 0xBF};
    if (b == 0xF0)
        return (struct lead){4, 0x90, 0xBF};
    if (b >= 0xF1 && b <= 0xF3)
        return (struct lead){4, 0x80, 0xBF};
    if (b == 0xF4)
        return (struct lead){4, 0x80, 0x8F};
    return (struct lead){0, 0, 0}; /* NUL, 80..C1, F5..FF */
}

/* Length of the well-formed sequence at p (with left bytes available), or 0
 * when it is malformed or truncated. */
static unsigned sequence_length(const unsigned char *p, size_t left)
{
    struct lead l = lead_of(p[0]);
    if (l.len == 0 || l.len > left)
        return 0;
    if (l.len == 1)
        return 1;
    if (p[1] < l.lo || p[1] > l.hi)
        return 0;
    for (unsigned i = 2; i < l.len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return l.len;
}

bool utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* ASCII runs are the common case; skip them a byte at a time
         * without the table. */
        if (p[i] >= 0x01 && p[i] <= 0x7F) {
            i++;
            continue;
        }
        unsigned len = sequence_length(p + i, n - i);
        if (len == 0)
            return false;
        i += len;
    }
    return true;
}

/* Every code point has exactly one byte that is not a continuation byte. */
size_t utf8_count(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            count++;
    return count;
}

/* Multi-line text (allow_newlines) may hold tab, LF and CR; a single line
 * or a name may hold no control character at all, tab included. Bytes of
 * multi-byte sequences are all >= 0x80, so a byte scan is exact. */
bool utf8_has_controls(const char *s, size_t n, bool allow_newlines)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (c == 0x7F)
            return true;
        if (c >= 0x20)
            continue;
        if (allow_newlines && (c == '\t' || c == '\n' || c == '\r'))
            continue;
        return true;
    }
    return false;
}
