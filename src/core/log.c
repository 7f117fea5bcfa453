/* Structured logging: one key=value line per event. Two rules matter more
 * than the format: a line is written whole or not at all (several worker
 * threads log at once), and no secret reaches a log. Values of keys that
 * name a secret, and any value that looks like an e-mail address (holds an
 * '@'), are replaced by [redacted] before the line is built.
 *
 * The minimum level and the stream are the only file-static state in core.
 * They are set once at start-up (or by a test) before any worker thread
 * starts, and only read afterwards. */
#include "core/log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/mem.h"
#include "core/utf8.h"

static enum log_level min_level = LOG_INFO;
static FILE *log_stream; /* NULL: stderr */

static const char *const level_names[] = {
    [LOG_DEBUG] = "debug",
    [LOG_INFO] = "info",
    [LOG_WARN] = "warn",
    [LOG_ERROR] = "error",
};

/* Key fragments that mark a value as secret; matched anywhere in the key,
 * ignoring case, so "new_password" and "X-CSRF-Token" are covered too. */
static const char *const secret_keys[] = {
    "password", "token", "secret", "cookie", "session", "email", "csrf", "authorization",
};

void log_set_level(enum log_level min)
{
    min_level = min;
}

void log_set_stream(FILE *f)
{
    log_stream = f;
}

static bool is_secret_key(const char *key)
{
    for (size_t i = 0; i < sizeof secret_keys / sizeof secret_keys[0]; i++)
        if (strcasestr(key, secret_keys[i]))
            return true;
    return false;
}

/* Keys come from code, but a key with a space, '=' or a control character
 * would break the line's structure; such bytes become '_'. */
static void put_key(struct buf *b, const char *key)
{
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
        bool plain = *p > 0x20 && *p < 0x7F && *p != '=' && *p != '"' && *p != '\\';
        buf_putc(b, plain ? (char)*p : '_');
    }
}

static bool needs_quotes(const char *v)
{
    if (!*v || !utf8_valid(v, strlen(v)))
        return true;
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p <= 0x20 || *p == 0x7F || *p == '"' || *p == '=')
            return true;
    return false;
}

/* A quoted value escapes '"' and '\\', writes \n, \r and \t as such, and any
 * other control byte, or any byte of invalid UTF-8, as \xHH; what is left
 * is printable UTF-8 that cannot end the value or the line. */
static void put_quoted(struct buf *b, const char *v)
{
    bool valid = utf8_valid(v, strlen(v));
    buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        unsigned char c = *p;
        if (c == '"' || c == '\\')
            buf_printf(b, "\\%c", c);
        else if (c == '\n')
            buf_puts(b, "\\n");
        else if (c == '\r')
            buf_puts(b, "\\r");
        else if (c == '\t')
            buf_puts(b, "\\t");
        else if (c < 0x20 || c == 0x7F || (c >= 0x80 && !valid))
            buf_printf(b, "\\x%02x", c);
        else
            buf_putc(b, (char)c);
    }
    buf_putc(b, '"');
}

/* Writes " key=value", redacting secrets. A NULL value is written as "". */
static void put_pair(struct buf *b, const char *key, const char *value)
{
    buf_putc(b, ' ');
    put_key(b, key);
    buf_putc(b, '=');
    if (!value)
        value = "";
    if (is_secret_key(key) || strchr(value, '@'))
        value = "[redacted]";
    if (needs_quotes(value))
        put_quoted(b, value);
    else
        buf_puts(b, value);
}

/* kv holds nkv pairs: kv[2i] is a key, kv[2i + 1] its value. A NULL key
 * ends the list early. */
char *log_format(enum log_level level, const char *reqid, const char *event, const char *const *kv,
                 int nkv)
{
    struct buf b = BUF_INIT;
    char ts[21];
    clock_iso8601(clock_now(), ts);
    buf_printf(&b, "ts=%s level=%s", ts,
               (unsigned)level <= LOG_ERROR ? level_names[level] : "error");
    put_pair(&b, "event", event);
    if (reqid)
        put_pair(&b, "req", reqid);
    for (int i = 0; i < nkv && kv[2 * i]; i++)
        put_pair(&b, kv[2 * i], kv[2 * i + 1]);
    return buf_detach(&b, NULL);
}

/* Counts the key/value pairs before the NULL key. */
static int count_pairs(va_list ap)
{
    int n = 0;
    while (va_arg(ap, const char *)) {
        (void)va_arg(ap, const char *);
        n++;
    }
    return n;
}

/* The line and its newline go out in one fwrite under the stream's lock,
 * so lines from different threads never interleave. Takes line. */
static void write_line(char *line)
{
    FILE *f = log_stream ? log_stream : stderr;
    size_t n = strlen(line);
    line = xrealloc(line, n + 2);
    line[n] = '\n';
    line[n + 1] = '\0';
    flockfile(f);
    fwrite(line, 1, n + 1, f);
    fflush(f);
    funlockfile(f);
    free(line);
}

void log_event(enum log_level level, const char *reqid, const char *event, ...)
{
    if (level < min_level)
        return;
    va_list ap;
    va_start(ap, event);
    va_list count;
    va_copy(count, ap);
    int n = count_pairs(count);
    va_end(count);
    const char **kv = xcalloc((size_t)n * 2 + 1, sizeof *kv);
    for (int i = 0; i < 2 * n; i++)
        kv[i] = va_arg(ap, const char *);
    va_end(ap);
    write_line(log_format(level, reqid, event, kv, n));
    free(kv);
}
