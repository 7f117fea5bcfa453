/* The checks behind field_validate, one small function per field type. The
 * messages name the field and, where it helps, the allowed values, so that a
 * person can correct the input without reading documentation. */
#include "http/field.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "http/parse.h"
#include "model/area.h"

/* The value of one field with the field being checked; checks may replace
 * value with a canonical form. */
struct check {
    const struct field *fd;
    const char *value;
    struct arena *a;
    struct fault *f;
};

static enum err refuse(struct check *c, const char *msgid, const char *arg1, const char *arg2)
{
    return fault_set(c->f, ERR_INVALID, c->fd->name, msgid, c->fd->name, arg1, arg2, NULL);
}

static const char *num(struct arena *a, int64_t v)
{
    return arena_printf(a, "%" PRId64, v);
}

/* min..max characters for LINE, TEXT and TOKEN. */
static enum err check_length(struct check *c)
{
    const struct field *fd = c->fd;
    size_t chars = utf8_count(c->value, strlen(c->value));
    int64_t min = fd->min > 1 ? fd->min : 1;
    if (fd->max > 0 && ((int64_t)chars < min || (int64_t)chars > fd->max))
        return refuse(c, N_("%s must be %s to %s characters long."), num(c->a, min),
                      num(c->a, fd->max));
    if ((int64_t)chars < min)
        return refuse(c, N_("%s must be at least %s characters long."), num(c->a, min), NULL);
    return ERR_OK;
}

static enum err check_text(struct check *c)
{
    bool multiline = c->fd->type == FIELD_TEXT;
    if (utf8_has_controls(c->value, strlen(c->value), multiline))
        return refuse(c,
                      multiline ? N_("%s must not contain control characters.")
                                : N_("%s must be a single line without control characters."),
                      NULL, NULL);
    return check_length(c);
}

/* Decimal digits with an optional '-', without overflowing int64_t. */
static bool parse_int(const char *s, int64_t *out)
{
    bool negative = *s == '-';
    const char *p = s + negative;
    uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    uint64_t v = 0;
    if (!*p)
        return false;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        unsigned d = (unsigned)(*p - '0');
        if (v > (limit - d) / 10)
            return false;
        v = v * 10 + d;
    }
    /* -(v - 1) - 1 stays in range when v is 2^63. */
    *out = negative ? (v == 0 ? 0 : -(int64_t)(v - 1) - 1) : (int64_t)v;
    return true;
}

static enum err check_int(struct check *c)
{
    const struct field *fd = c->fd;
    bool bounded = fd->min != 0 || fd->max != 0;
    int64_t v = 0;
    if (!parse_int(c->value, &v) || (bounded && (v < fd->min || v > fd->max))) {
        if (!bounded)
            return refuse(c, N_("%s must be a whole number."), NULL, NULL);
        return refuse(c, N_("%s must be a whole number from %s to %s."), num(c->a, fd->min),
                      num(c->a, fd->max));
    }
    c->value = num(c->a, v);
    return ERR_OK;
}

static enum err check_code(struct check *c)
{
    char *upper = arena_strdup(c->a, c->value);
    for (char *p = upper; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    if (!area_code_valid(upper, NULL))
        return refuse(c, N_("%s must be a CBS area code such as GM0363, WK036301 or BU03630101."),
                      NULL, NULL);
    c->value = upper;
    return ERR_OK;
}

static enum err check_date(struct check *c)
{
    int64_t t;
    if (!clock_parse_date(c->value, &t))
        return refuse(c, N_("%s must be a date written as YYYY-MM-DD."), NULL, NULL);
    return ERR_OK;
}

static enum err check_choice(struct check *c)
{
    const char *const *choices = c->fd->choices;
    for (size_t i = 0; choices && choices[i]; i++)
        if (strcmp(c->value, choices[i]) == 0)
            return ERR_OK;
    struct buf list = BUF_INIT;
    for (size_t i = 0; choices && choices[i]; i++)
        buf_printf(&list, "%s%s", i ? ", " : "", choices[i]);
    const char *text = arena_strdup(c->a, buf_cstr(&list));
    buf_free(&list);
    return refuse(c, N_("%s must be one of: %s."), text, NULL);
}

static enum err check_token(struct check *c)
{
    size_t n = strlen(c->value);
    if (strspn(c->value, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") != n)
        return refuse(c, N_("%s may contain only letters, digits, - and _."), NULL, NULL);
    return check_length(c);
}

static enum err check_value(struct check *c)
{
    if (!utf8_valid(c->value, strlen(c->value)))
        return refuse(c, N_("%s must be valid UTF-8 text."), NULL, NULL);
    switch (c->fd->type) {
    case FIELD_TEXT:
    case FIELD_LINE:
        return check_text(c);
    case FIELD_INT:
        return check_int(c);
    case FIELD_CODE:
        return check_code(c);
    case FIELD_DATE:
        return check_date(c);
    case FIELD_CHOICE:
        return check_choice(c);
    case FIELD_TOKEN:
        return check_token(c);
    }
    return refuse(c, N_("%s must be text or a number."), NULL, NULL);
}

/* The one value of fd across the sources: *found says whether it was given
 * at all. ERR_INVALID when it was given more than once. */
static enum err find_value(struct check *c, const struct kvlist *const *sources, size_t nsources,
                           bool *found)
{
    size_t total = 0;
    for (size_t i = 0; i < nsources; i++) {
        size_t count = 0;
        for (size_t j = 0; j < sources[i]->n; j++) {
            const struct kv *kv = &sources[i]->items[j];
            if (kv->key && strcmp(kv->key, c->fd->name) == 0) {
                c->value = kv->value;
                count++;
            }
        }
        total += count;
    }
    *found = total > 0;
    if (total > 1)
        return refuse(c, N_("Give %s only once."), NULL, NULL);
    return ERR_OK;
}

enum err field_validate(const struct field *fields, const struct kvlist *const *sources,
                        size_t nsources, struct arena *a, struct kvlist *in, struct fault *f)
{
    size_t n = 0;
    while (fields && fields[n].name)
        n++;
    *in = (struct kvlist){n ? arena_array(a, n, sizeof(struct kv)) : NULL, 0};
    for (size_t i = 0; i < n; i++) {
        struct check c = {&fields[i], NULL, a, f};
        bool found = false;
        enum err e = find_value(&c, sources, nsources, &found);
        if (e != ERR_OK)
            return e;
        if (found && !c.value)
            return refuse(&c, N_("%s must be text or a number."), NULL, NULL);
        if (!found || !*c.value) {
            if (fields[i].flags & FIELD_REQUIRED)
                return refuse(&c, N_("%s is required."), NULL, NULL);
            continue;
        }
        if ((e = check_value(&c)) != ERR_OK)
            return e;
        in->items[in->n].key = fields[i].name;
        in->items[in->n].value = c.value;
        in->n++;
    }
    return ERR_OK;
}
