/* Services, part two (see service.h): checking what a person wrote about a
 * service or a location before anything is written. Each check names the
 * field and says what fits; empty and all-space strings count as not
 * given. Pure but for the arena. */
#include "model/service.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"

#define N_(msgid) (msgid) /* marks a message id for xgettext */

static const char *const statuses[] = {"active", "inactive", "defunct", "temporarily closed", NULL};

const char *const *service_statuses(void)
{
    return statuses;
}

/* s trimmed of spaces at both ends, in the arena; NULL when nothing is left. */
static const char *trimmed(struct arena *a, const char *s)
{
    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    return n ? arena_strndup(a, s, n) : NULL;
}

/* Text of at most max characters: valid UTF-8, without control characters
 * (newlines allowed when lines is true). */
static bool text_ok(const char *s, size_t max, bool lines)
{
    size_t n = strlen(s);
    return utf8_valid(s, n) && !utf8_has_controls(s, n, lines) && utf8_count(s, n) <= max;
}

static enum err check_text(struct arena *a, const char *in, const char **out, size_t max,
                           bool lines, const char *field, const char *msg, struct fault *f)
{
    *out = trimmed(a, in);
    if (*out && !text_ok(*out, max, lines))
        return fault_set(f, ERR_INVALID, field, msg, NULL);
    return ERR_OK;
}

static bool url_ok(const char *s)
{
    return (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0) && strlen(s) <= 500 &&
           strcspn(s, " \t\r\n\"<>\\^`{|}") == strlen(s) && strlen(s) > (s[4] == 's' ? 8u : 7u);
}

static bool email_ok(const char *s)
{
    const char *at = strchr(s, '@');
    return at && at > s && !strchr(at + 1, '@') && strchr(at + 1, '.') && strlen(s) <= 254 &&
           strcspn(s, " \t\r\n,;<>\"") == strlen(s) && at[1] != '.' && s[strlen(s) - 1] != '.';
}

static bool phone_ok(const char *s)
{
    int digits = 0;
    for (const char *p = s; *p; p++) {
        if (isdigit((unsigned char)*p))
            digits++;
        else if (!strchr(" +-()", *p))
            return false;
    }
    return digits >= 6 && digits <= 20;
}

/* One BCP 47 tag: a primary subtag of 2 or 3 letters, then subtags of 1 to
 * 8 letters or digits. Written in lower case into out. */
static bool tag_ok(const char *s, size_t n, char *out)
{
    size_t i = 0, part = 0;
    for (; i < n && isalpha((unsigned char)s[i]); i++)
        out[i] = (char)tolower((unsigned char)s[i]);
    if (i < 2 || i > 3)
        return false;
    for (; i < n; i++) {
        if (s[i] == '-') {
            if (part == 0 && i > 3)
                return false;
            part = 0;
        } else if (isalnum((unsigned char)s[i]) && ++part <= 8) {
        } else {
            return false;
        }
        out[i] = (char)tolower((unsigned char)s[i]);
    }
    out[n] = '\0';
    return s[n - 1] != '-';
}

static enum err check_languages(struct arena *a, const char *in, const char **out, struct fault *f)
{
    const char *msg = N_("Write the languages as codes such as nl, en, tr or pap, separated by "
                         "commas (at most 12).");
    *out = NULL;
    if (!in)
        return ERR_OK;
    struct buf b = BUF_INIT;
    int count = 0;
    for (const char *s = in; *s;) {
        s += strspn(s, ", \t");
        size_t n = strcspn(s, ", \t");
        char tag[64];
        if (n == 0)
            break;
        if (n >= sizeof tag || !tag_ok(s, n, tag) || ++count > SERVICE_LANGUAGES_MAX) {
            buf_free(&b);
            return fault_set(f, ERR_INVALID, "languages", msg, NULL);
        }
        buf_printf(&b, "%s%s", b.len ? "," : "", tag);
        s += n;
    }
    *out = b.len ? arena_strdup(a, buf_cstr(&b)) : NULL;
    buf_free(&b);
    return ERR_OK;
}

/* "0", "2", "2,50", "2.5" euro as cents; -1 when not given. */
static enum err check_cost(const char *s, int64_t *cents, struct fault *f)
{
    *cents = -1;
    if (!s)
        return ERR_OK;
    const char *msg = N_("Write the cost in euros, such as 0 (free), 3 or 2,50.");
    size_t whole = strspn(s, "0123456789");
    int64_t v = 0;
    if (whole == 0 || whole > 7)
        return fault_set(f, ERR_INVALID, "cost", msg, NULL);
    for (size_t i = 0; i < whole; i++)
        v = v * 10 + (s[i] - '0');
    v *= 100;
    const char *rest = s + whole;
    if (*rest == ',' || *rest == '.') {
        size_t frac = strspn(rest + 1, "0123456789");
        if (frac < 1 || frac > 2 || rest[1 + frac])
            return fault_set(f, ERR_INVALID, "cost", msg, NULL);
        v += (rest[1] - '0') * 10 + (frac == 2 ? rest[2] - '0' : 0);
    } else if (*rest) {
        return fault_set(f, ERR_INVALID, "cost", msg, NULL);
    }
    *cents = v;
    return ERR_OK;
}

static bool status_ok(const char *s)
{
    for (size_t i = 0; statuses[i]; i++)
        if (strcmp(s, statuses[i]) == 0)
            return true;
    return false;
}

static enum err check_reach(struct arena *a, const struct service_input *in,
                            struct service_input *out, struct fault *f)
{
    out->url = trimmed(a, in->url);
    if (out->url && !url_ok(out->url))
        return fault_set(f, ERR_INVALID, "url",
                         N_("Give the web address in full, starting with https:// or http://."),
                         NULL);
    const char *email_msg = N_("Give an e-mail address such as info@example.nl.");
    out->email = trimmed(a, in->email);
    if (out->email && !email_ok(out->email))
        return fault_set(f, ERR_INVALID, "email", email_msg, NULL);
    out->contact_email = trimmed(a, in->contact_email);
    if (out->contact_email && !email_ok(out->contact_email))
        return fault_set(f, ERR_INVALID, "contact_email", email_msg, NULL);
    out->contact_phone = trimmed(a, in->contact_phone);
    if (out->contact_phone && !phone_ok(out->contact_phone))
        return fault_set(f, ERR_INVALID, "contact_phone",
                         N_("Give a phone number of 6 to 20 digits; spaces, +, - and brackets may "
                            "be in it."),
                         NULL);
    return check_text(a, in->contact_name, &out->contact_name, 200, false, "contact_name",
                      N_("Give the contact's name on one line, at most 200 characters."), f);
}

enum err service_check(struct arena *a, const struct service_input *in, struct service_input *out,
                       int64_t *cents, struct fault *f)
{
    *out = (struct service_input){0};
    enum err e = check_text(a, in->name, &out->name, SERVICE_NAME_MAX, false, "name",
                            N_("Give the service a name of 1 to 200 characters on one line."), f);
    if (e == ERR_OK && !out->name)
        e = fault_set(f, ERR_INVALID, "name",
                      N_("Give the service a name of 1 to 200 characters on one line."), NULL);
    if (e == ERR_OK)
        e = check_text(a, in->description, &out->description, SERVICE_DESCRIPTION_MAX, true,
                       "description", N_("Keep the description to 5000 characters."), f);
    out->status = trimmed(a, in->status);
    if (e == ERR_OK && out->status && !status_ok(out->status))
        e = fault_set(f, ERR_INVALID, "status",
                      N_("Choose the status: active, inactive, defunct or temporarily closed."),
                      NULL);
    if (!out->status)
        out->status = "active";
    if (e == ERR_OK)
        e = check_reach(a, in, out, f);
    if (e == ERR_OK)
        e = check_languages(a, trimmed(a, in->languages), &out->languages, f);
    out->cost = trimmed(a, in->cost);
    if (e == ERR_OK)
        e = check_cost(out->cost, cents, f);
    if (e == ERR_OK)
        e = check_text(a, in->cost_note, &out->cost_note, 200, false, "cost_note",
                       N_("Say what the cost is for on one line, at most 200 characters."), f);
    return e;
}

/* "1234 AB" from "1234ab", "1234 ab" ...; NULL when it is not a Dutch
 * postal code. */
static const char *postal_code(struct arena *a, const char *s)
{
    char c[8];
    size_t j = 0;
    for (size_t i = 0; s[i] && j < 6; i++)
        if (s[i] != ' ')
            c[j++] = (char)toupper((unsigned char)s[i]);
    size_t spaces = 0;
    for (size_t i = 0; s[i]; i++)
        spaces += s[i] == ' ';
    if (j != 6 || strlen(s) != 6 + spaces || spaces > 1 || c[0] == '0' ||
        strspn(c, "0123456789") != 4 || !isupper((unsigned char)c[4]) ||
        !isupper((unsigned char)c[5]))
        return NULL;
    return arena_printf(a, "%.4s %.2s", c, c + 4);
}

static enum err check_position(struct arena *a, const struct location_input *in,
                               struct location_input *out, struct fault *f)
{
    out->latitude = trimmed(a, in->latitude);
    out->longitude = trimmed(a, in->longitude);
    const char *msg = N_("Give the position as latitude and longitude in degrees (52.31 and 4.90), "
                         "both or neither.");
    if (!out->latitude != !out->longitude)
        return fault_set(f, ERR_INVALID, out->latitude ? "longitude" : "latitude", msg, NULL);
    if (!out->latitude)
        return ERR_OK;
    char *end;
    double lat = strtod(out->latitude, &end);
    if (*end || lat < -90 || lat > 90 || end == out->latitude)
        return fault_set(f, ERR_INVALID, "latitude", msg, NULL);
    double lon = strtod(out->longitude, &end);
    if (*end || lon < -180 || lon > 180 || end == out->longitude)
        return fault_set(f, ERR_INVALID, "longitude", msg, NULL);
    return ERR_OK;
}

enum err service_check_location(struct arena *a, const struct location_input *in,
                                struct location_input *out, struct fault *f)
{
    *out = (struct location_input){0};
    const char *name_msg = N_("Give the location a name of 1 to 200 characters on one line.");
    enum err e = check_text(a, in->name, &out->name, 200, false, "name", name_msg, f);
    if (e == ERR_OK && !out->name)
        e = fault_set(f, ERR_INVALID, "name", name_msg, NULL);
    if (e == ERR_OK)
        e = check_text(a, in->description, &out->description, 2000, true, "description",
                       N_("Keep the description to 2000 characters."), f);
    if (e == ERR_OK)
        e = check_text(a, in->street, &out->street, 200, false, "street",
                       N_("Give the street and number on one line, at most 200 characters."), f);
    if (e == ERR_OK)
        e = check_text(a, in->city, &out->city, 100, false, "city",
                       N_("Give the place on one line, at most 100 characters."), f);
    const char *pc = trimmed(a, in->postal_code);
    if (e == ERR_OK && pc && !(out->postal_code = postal_code(a, pc)))
        e = fault_set(f, ERR_INVALID, "postal_code",
                      N_("Give a Dutch postal code: four digits and two letters, such as 1234 AB."),
                      NULL);
    out->area_code = trimmed(a, in->area_code);
    if (e == ERR_OK)
        e = check_position(a, in, out, f);
    if (e == ERR_OK)
        e = check_text(a, in->accessibility, &out->accessibility, 2000, true, "accessibility",
                       N_("Describe the accessibility in at most 2000 characters, one feature per "
                          "line."),
                       f);
    return e;
}
