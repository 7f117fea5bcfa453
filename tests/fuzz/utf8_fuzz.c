/* libFuzzer target for core/utf8.c. Each input is checked by utf8_valid()
 * and by a second, deliberately naive decoder written here: decode each
 * sequence by its bit pattern into a code point, then reject what RFC 3629
 * forbids (overlong forms, surrogates, values above U+10FFFF) and NUL. The
 * two are built differently, so a disagreement points at a bug in one of
 * them; the target aborts on any disagreement, also for utf8_count() and
 * utf8_has_controls() on valid input. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decodes the sequence at p into *cp; returns its length, or 0 when the
 * bytes do not form a well-formed sequence. */
static size_t ref_decode(const uint8_t *p, size_t left, uint32_t *cp)
{
    static const uint32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
    size_t len;
    if (p[0] < 0x80) {
        len = 1;
        *cp = p[0];
    } else if ((p[0] & 0xE0) == 0xC0) {
        len = 2;
        *cp = p[0] & 0x1F;
    } else if ((p[0] & 0xF0) == 0xE0) {
        len = 3;
        *cp = p[0] & 0x0F;
    } else if ((p[0] & 0xF8) == 0xF0) {
        len = 4;
        *cp = p[0] & 0x07;
    } else {
        return 0;
    }
    if (len > left)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        *cp = *cp << 6 | (p[i] & 0x3F);
    }
    if (*cp < min_for_len[len] || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF) || *cp == 0)
        return 0;
    return len;
}

struct ref_result {
    bool valid;
    size_t count;      /* code points, when valid */
    bool controls;     /* any C0 or DEL, when valid */
    bool odd_controls; /* any C0 other than tab, LF, CR, or DEL, when valid */
};

static struct ref_result ref_check(const uint8_t *data, size_t size)
{
    struct ref_result r = {true, 0, false, false};
    for (size_t i = 0; i < size;) {
        uint32_t cp;
        size_t len = ref_decode(data + i, size - i, &cp);
        if (len == 0) {
            r.valid = false;
            return r;
        }
        bool control = cp < 0x20 || cp == 0x7F;
        r.controls |= control;
        r.odd_controls |= control && cp != '\t' && cp != '\n' && cp != '\r';
        r.count++;
        i += len;
    }
    return r;
}

static void disagree(const char *what, bool got, bool want)
{
    fprintf(stderr, "utf8_fuzz: %s gave %d, reference says %d\n", what, got, want);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct ref_result want = ref_check(data, size);
    bool valid = utf8_valid(s, size);
    if (valid != want.valid)
        disagree("utf8_valid", valid, want.valid);
    if (!valid)
        return 0;
    if (utf8_count(s, size) != want.count) {
        fprintf(stderr, "utf8_fuzz: utf8_count gave %zu, reference says %zu\n", utf8_count(s, size),
                want.count);
        abort();
    }
    bool strict = utf8_has_controls(s, size, false);
    if (strict != want.controls)
        disagree("utf8_has_controls(strict)", strict, want.controls);
    bool lenient = utf8_has_controls(s, size, true);
    if (lenient != want.odd_controls)
        disagree("utf8_has_controls(allow_newlines)", lenient, want.odd_controls);
    return 0;
}
