/* Expected failures: a small enum returned upward, and a fault that carries
 * the message a person can act on. The HTTP layer maps the enum to a status
 * in one place (http/status.c); the CLI maps it to an exit code.
 *
 * A fault's message is an untranslated message id (English, the msgid of
 * locale/<lang>.po) with up to three "%s" slots filled by args; the render layer
 * translates the id and then fills the slots, so messages reach Dutch and
 * English users alike without the model knowing the language. */
#ifndef WIJK_CORE_ERR_H
#define WIJK_CORE_ERR_H

enum err {
    ERR_OK = 0,
    ERR_INVALID,      /* input breaks a rule: 400 / 422 */
    ERR_NOT_FOUND,    /* 404 */
    ERR_UNAUTHORIZED, /* not signed in: 401 */
    ERR_FORBIDDEN,    /* signed in, not allowed: 403 */
    ERR_CONFLICT,     /* state does not allow it: 409 */
    ERR_METHOD,       /* 405 */
    ERR_TOO_LARGE,    /* 413 */
    ERR_MEDIA_TYPE,   /* 415 */
    ERR_RATE_LIMITED, /* 429 */
    ERR_UNAVAILABLE,  /* temporary: database gone, shutting down: 503 */
    ERR_INTERNAL,     /* a bug or an I/O failure: 500 */
    ERR_COUNT
};

#define FAULT_MAX_ARGS 3

struct fault {
    enum err code;
    const char *field;                /* the input field at fault, or NULL */
    const char *msgid;                /* untranslated message with %s slots, or NULL */
    const char *args[FAULT_MAX_ARGS]; /* borrowed: must outlive the fault */
};

/* Stable lower-case name of an error ("invalid", "not_found", ...), used as
 * the "error" member of JSON error bodies. */
const char *err_name(enum err e);

/* Fills f (when f is not NULL) and returns code, so that a function can say
 * `return fault_set(f, ERR_INVALID, "code", "Unknown area code %s.", code, NULL);`
 * The variadic args are const char *, NULL-terminated, at most
 * FAULT_MAX_ARGS of them (more is a bug and aborts); they are borrowed, not
 * copied. */
enum err fault_set(struct fault *f, enum err code, const char *field, const char *msgid, ...)
    __attribute__((sentinel));

/* Formats msg (a template with %s slots) with the fault's args into a fresh
 * malloc'ed string (caller frees). Slots without an arg become "". Other %
 * sequences are copied as they are, so a template is never a format string. */
char *fault_format(const char *msg, const struct fault *f);

#endif
