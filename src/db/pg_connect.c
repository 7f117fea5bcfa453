/* What a failed connection to PostgreSQL tells a person. libpq's message
 * ("connection to server at "127.0.0.1", port 1 failed: Connection refused
 * ...") goes to the log, with any password from the URL blanked out; the
 * fault gets a short fixed reason from a table, so that it needs no storage
 * that outlives the failed connection and can never carry a secret. The
 * table matches libpq's English messages: the process never calls
 * setlocale, so libpq does not translate them. */
#include <stdbool.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "db/driver.h"
#include "db/pg.h"

struct reason {
    const char *needle; /* a piece of libpq's message */
    const char *text;   /* what the fault says, after "Cannot connect to the database: " */
};

/* First match wins. */
static const struct reason reasons[] = {
    {"Connection refused",
     "nothing accepts connections at that host and port; is PostgreSQL running?"},
    {"No such file or directory",
     "nothing accepts connections at that socket; is PostgreSQL running?"},
    {"could not translate host name", "the host name is unknown."},
    {"timeout expired", "the server did not answer in time."},
    {"Network is unreachable", "the network to the server is unreachable."},
    {"No route to host", "the network to the server is unreachable."},
    {"password authentication failed", "the user name or password was refused."},
    {"no password supplied", "the server asks for a password and none was given."},
    {"authentication failed", "the server refused the credentials."},
    {"no pg_hba.conf entry", "the server does not accept this user, database or host."},
    {"does not exist", "the database or the user does not exist."},
    {"too many", "the server has no free connections left."},
    {"starting up", "the server is starting up; try again in a moment."},
    {"shutting down", "the server is shutting down."},
    {"recovery mode", "the server is in recovery; try again in a moment."},
    {"invalid", "the database URL is not valid."},
    {"missing", "the database URL is not valid."},
    {"unexpected", "the database URL is not valid."},
};

static const char fallback[] = "see the log for the server's answer.";

const char *pg_connect_reason(const char *msg)
{
    for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
        if (msg && strstr(msg, reasons[i].needle))
            return reasons[i].text;
    return fallback;
}

/* Copies s[0..n) into out with every occurrence of the secret (when it is
 * not empty) replaced by ***. */
static void blank_out(const char *s, const char *secret, size_t secret_len, struct buf *out)
{
    buf_reset(out);
    const char *p = s;
    const char *hit;
    while (secret_len > 0 && (hit = strstr(p, secret)) != NULL) {
        buf_append(out, p, (size_t)(hit - p));
        buf_puts(out, "***");
        p = hit + secret_len;
    }
    buf_puts(out, p);
}

/* The password of a postgresql:// URL: the user info's part after ':'
 * (before the last '@' of the authority), else a password= query
 * parameter. Sets *len to 0 when there is none. */
static const char *url_password(const char *url, size_t *len)
{
    *len = 0;
    const char *auth = strstr(url, "://");
    if (!auth)
        return NULL;
    auth += 3;
    size_t auth_len = strcspn(auth, "/?#");
    const char *at = NULL;
    for (size_t i = 0; i < auth_len; i++)
        if (auth[i] == '@')
            at = auth + i;
    const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    if (colon) {
        *len = (size_t)(at - colon - 1);
        return colon + 1;
    }
    const char *q = strstr(auth + auth_len, "password=");
    if (!q || (q[-1] != '?' && q[-1] != '&'))
        return NULL;
    q += strlen("password=");
    *len = strcspn(q, "&#");
    return q;
}

void pg_connect_scrub(const char *url, const char *msg, struct buf *out)
{
    size_t len;
    const char *pw = url_password(url, &len);
    struct buf secret = BUF_INIT;
    if (pw)
        buf_append(&secret, pw, len);
    blank_out(msg ? msg : "", buf_cstr(&secret), secret.len, out);
    buf_free(&secret);
    while (out->len > 0 && (out->data[out->len - 1] == '\n' || out->data[out->len - 1] == ' '))
        out->data[--out->len] = '\0';
}

enum err pg_connect_fault(const char *url, const char *msg, struct fault *f)
{
    struct buf clean = BUF_INIT;
    pg_connect_scrub(url, msg, &clean);
    log_event(LOG_ERROR, NULL, "db_connect_failed", "driver", "postgresql", "message",
              buf_cstr(&clean), NULL);
    buf_free(&clean);
    return fault_set(f, ERR_UNAVAILABLE, NULL, "Cannot connect to the database: %s",
                     pg_connect_reason(msg), NULL);
}
