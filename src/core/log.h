/* Structured logging: one line per event on stderr, as key=value pairs:
 *   ts=2026-11-28T23:32:26Z level=info event=request req=4f2a... method=GET
 * Values with spaces, quotes, '=' or control characters are quoted. Values
 * of keys that name a secret (password, token, secret, cookie, session,
 * email, csrf, authorization: anywhere in the key, in any case) and any
 * value containing '@' are written as [redacted]: passwords, tokens and
 * e-mail addresses never reach a log. */
#ifndef WIJK_CORE_LOG_H
#define WIJK_CORE_LOG_H

#include <stdio.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* Messages below this level are dropped. Set once at start-up. */
void log_set_level(enum log_level min);

/* Sends log lines to f instead of stderr (tests). */
void log_set_stream(FILE *f);

/* Writes one line. reqid may be NULL. The variadic part is pairs of
 * const char * key, const char * value, terminated by a NULL key. */
void log_event(enum log_level level, const char *reqid, const char *event, ...)
    __attribute__((sentinel));

/* Formats one line (without newline) into a malloc'ed string; the caller
 * frees it. kv holds nkv key/value pairs (2 * nkv strings). Exposed for
 * tests; log_event uses it. */
char *log_format(enum log_level level, const char *reqid, const char *event, const char *const *kv,
                 int nkv);

#endif
