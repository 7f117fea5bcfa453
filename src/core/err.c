/* Expected failures: the names of the error codes, and faults (an error code
 * with a message id and up to FAULT_MAX_ARGS arguments). A fault's template
 * comes from code or from a translated catalog; it is filled by a small
 * substitution of its own, never by printf, so that a translator's or a
 * user's "%n" or "%d" can do no harm. */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/buf.h"

static const char *const err_names[ERR_COUNT] = {
    [ERR_OK] = "ok",
    [ERR_INVALID] = "invalid",
    [ERR_NOT_FOUND] = "not_found",
    [ERR_UNAUTHORIZED] = "unauthorized",
    [ERR_FORBIDDEN] = "forbidden",
    [ERR_CONFLICT] = "conflict",
    [ERR_METHOD] = "method_not_allowed",
    [ERR_TOO_LARGE] = "too_large",
    [ERR_MEDIA_TYPE] = "unsupported_media_type",
    [ERR_RATE_LIMITED] = "rate_limited",
    [ERR_UNAVAILABLE] = "unavailable",
    [ERR_INTERNAL] = "internal",
};

/* A value outside the enum is a bug somewhere, but this function runs while
 * an error is being reported; it answers "internal" rather than crash. */
const char *err_name(enum err e)
{
    if ((unsigned)e >= ERR_COUNT || !err_names[e])
        return "internal";
    return err_names[e];
}

/* The arguments are read even when f is NULL, so that passing too many is
 * caught on every path, not only on those that keep the fault. */
enum err fault_set(struct fault *f, enum err code, const char *field, const char *msgid, ...)
{
    const char *args[FAULT_MAX_ARGS] = {0};
    va_list ap;
    va_start(ap, msgid);
    int n = 0;
    for (const char *a = va_arg(ap, const char *); a; a = va_arg(ap, const char *)) {
        if (n == FAULT_MAX_ARGS) {
            fprintf(stderr, "fault_set: more than %d arguments for \"%s\"\n", FAULT_MAX_ARGS,
                    msgid ? msgid : "(null)");
            abort();
        }
        args[n++] = a;
    }
    va_end(ap);
    if (f) {
        f->code = code;
        f->field = field;
        f->msgid = msgid;
        for (int i = 0; i < FAULT_MAX_ARGS; i++)
            f->args[i] = args[i];
    }
    return code;
}

/* "%s" takes the next argument (or "" when there is none), "%%" is one '%',
 * and any other '%' is an ordinary character. */
char *fault_format(const char *msg, const struct fault *f)
{
    struct buf out = BUF_INIT;
    int next = 0;
    const char *p = msg ? msg : "";
    while (*p) {
        if (p[0] == '%' && p[1] == 's') {
            const char *arg = f && next < FAULT_MAX_ARGS ? f->args[next] : NULL;
            next++;
            buf_puts(&out, arg ? arg : "");
            p += 2;
        } else if (p[0] == '%' && p[1] == '%') {
            buf_putc(&out, '%');
            p += 2;
        } else {
            buf_putc(&out, *p++);
        }
    }
    return buf_detach(&out, NULL);
}
