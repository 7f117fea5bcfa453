/* Checking an organisation's profile (see organisation.h,
 * organisation_check_profile): each field in turn, with a message that
 * says what fits, and the normal form that is stored -- trimmed, empty as
 * NULL, the postcode as "1234 AB", the e-mail address as the person module
 * keeps addresses. Pure but for the arena the results live in. */
#include "model/organisation.h"

#include <ctype.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "model/person.h"

enum {
    WEBSITE_MAX = 500, /* bytes */
    STREET_MAX = 200,  /* characters */
    CITY_MAX = 100,    /* characters */
    PHONE_MAX = 30,    /* bytes */
};

static const char *const legal_forms[] = {"stichting", "vereniging",  "cooperatie", "bv",    "nv",
                                          "vof",       "eenmanszaak", "maatschap",  "other", NULL};

const char *const *organisation_legal_forms(void)
{
    return legal_forms;
}

/* s without leading and trailing white space, from the arena; NULL when
 * nothing is left. */
static const char *trimmed(struct arena *a, const char *s)
{
    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t len = strlen(s);
    while (len > 0 && strchr(" \t\r\n", s[len - 1]))
        len--;
    return len ? arena_strndup(a, s, len) : NULL;
}

/* Valid UTF-8 of at most max characters, one line unless multi_line. */
static bool text_ok(const char *s, size_t max, bool multi_line)
{
    size_t len = strlen(s);
    return utf8_valid(s, len) && !utf8_has_controls(s, len, multi_line) &&
           utf8_count(s, len) <= max;
}

/* http:// or https://, then a host, no spaces or controls at all. */
static bool website_ok(const char *s)
{
    size_t len = strlen(s);
    size_t scheme = strncmp(s, "https://", 8) == 0 ? 8 : strncmp(s, "http://", 7) == 0 ? 7 : 0;
    if (!scheme || len > WEBSITE_MAX || !utf8_valid(s, len) || utf8_has_controls(s, len, false))
        return false;
    if (!isalnum((unsigned char)s[scheme]) && (unsigned char)s[scheme] < 0x80)
        return false;
    return strpbrk(s, " \"<>\\`") == NULL;
}

/* 6 to 20 digits, with spaces, '+' and '-' between them. */
static bool phone_ok(const char *s)
{
    int digits = 0;
    if (strlen(s) > PHONE_MAX)
        return false;
    for (const char *p = s; *p; p++) {
        if (isdigit((unsigned char)*p))
            digits++;
        else if (!strchr(" +-", *p))
            return false;
    }
    return digits >= 6 && digits <= 20;
}

/* "1234 AB", "1234AB" or "1234 ab" as "1234 AB"; NULL when it is none. */
static const char *postal_code_normal(struct arena *a, const char *s)
{
    size_t len = strlen(s);
    if (len != 6 && !(len == 7 && s[4] == ' '))
        return NULL;
    const char *letters = s + len - 2;
    if (s[0] == '0')
        return NULL;
    for (int i = 0; i < 4; i++)
        if (!isdigit((unsigned char)s[i]))
            return NULL;
    if (!isalpha((unsigned char)letters[0]) || !isalpha((unsigned char)letters[1]))
        return NULL;
    return arena_printf(a, "%.4s %c%c", s, toupper((unsigned char)letters[0]),
                        toupper((unsigned char)letters[1]));
}

static bool kvk_ok(const char *s)
{
    return strlen(s) == 8 && strspn(s, "0123456789") == 8;
}

static bool legal_form_ok(const char *s)
{
    for (size_t i = 0; legal_forms[i]; i++)
        if (strcmp(s, legal_forms[i]) == 0)
            return true;
    return false;
}

static enum err check_name(struct arena *a, const struct organisation *in, struct organisation *out,
                           struct fault *f)
{
    out->name = trimmed(a, in->name);
    if (!out->name || !text_ok(out->name, ORGANISATION_NAME_MAX, false))
        return fault_set(f, ERR_INVALID, "name",
                         "Give the organisation a name of 1 to 200 characters on one line.", NULL);
    out->description = trimmed(a, in->description);
    if (out->description && !text_ok(out->description, ORGANISATION_DESCRIPTION_MAX, true))
        return fault_set(f, ERR_INVALID, "description",
                         "Keep the description to at most 2000 characters.", NULL);
    return ERR_OK;
}

static enum err check_contact(struct arena *a, const struct organisation *in,
                              struct organisation *out, struct fault *f)
{
    out->website = trimmed(a, in->website);
    if (out->website && !website_ok(out->website))
        return fault_set(f, ERR_INVALID, "website",
                         "Enter the website as an address starting with https:// or http://.",
                         NULL);
    out->email = trimmed(a, in->email);
    if (out->email) {
        enum err e = person_email_normalise(a, out->email, &out->email, f);
        if (e != ERR_OK)
            return e;
    }
    out->phone = trimmed(a, in->phone);
    if (out->phone && !phone_ok(out->phone))
        return fault_set(f, ERR_INVALID, "phone",
                         "Enter a phone number of 6 to 20 digits; spaces, + and - may be used.",
                         NULL);
    return ERR_OK;
}

static enum err check_address(struct arena *a, const struct organisation *in,
                              struct organisation *out, struct fault *f)
{
    out->street = trimmed(a, in->street);
    if (out->street && !text_ok(out->street, STREET_MAX, false))
        return fault_set(f, ERR_INVALID, "street",
                         "Give the street and number on one line of at most 200 characters.", NULL);
    const char *pc = trimmed(a, in->postal_code);
    out->postal_code = pc ? postal_code_normal(a, pc) : NULL;
    if (pc && !out->postal_code)
        return fault_set(f, ERR_INVALID, "postal_code", "Enter a Dutch postcode such as 1234 AB.",
                         NULL);
    out->city = trimmed(a, in->city);
    if (out->city && !text_ok(out->city, CITY_MAX, false))
        return fault_set(f, ERR_INVALID, "city",
                         "Give the place on one line of at most 100 characters.", NULL);
    return ERR_OK;
}

static enum err check_legal(struct arena *a, const char *kind, const struct organisation *in,
                            struct organisation *out, struct fault *f)
{
    bool informal = kind && strcmp(kind, "informal_group") == 0;
    out->legal_form = trimmed(a, in->legal_form);
    out->kvk = trimmed(a, in->kvk);
    if (informal && out->legal_form)
        return fault_set(f, ERR_INVALID, "legal_form",
                         "An informal group has no legal form; leave it empty.", NULL);
    if (informal && out->kvk)
        return fault_set(f, ERR_INVALID, "kvk",
                         "An informal group has no KvK number; leave it empty.", NULL);
    if (out->legal_form && !legal_form_ok(out->legal_form))
        return fault_set(f, ERR_INVALID, "legal_form",
                         "Choose the legal form: stichting, vereniging, cooperatie, bv, nv, vof, "
                         "eenmanszaak, maatschap or other.",
                         NULL);
    if (out->kvk && !kvk_ok(out->kvk))
        return fault_set(f, ERR_INVALID, "kvk", "Enter the KvK number as exactly 8 digits.", NULL);
    return ERR_OK;
}

enum err organisation_check_profile(struct arena *a, const char *kind,
                                    const struct organisation *in, struct organisation *out,
                                    struct fault *f)
{
    *out = (struct organisation){.id = in->id, .kind = kind, .created_at = in->created_at};
    enum err e = check_name(a, in, out, f);
    if (e == ERR_OK)
        e = check_contact(a, in, out, f);
    if (e == ERR_OK)
        e = check_address(a, in, out, f);
    if (e == ERR_OK)
        e = check_legal(a, kind, in, out, f);
    return e;
}
