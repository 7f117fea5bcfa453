/* Parsers for what a client sends besides the path: query strings and form
 * bodies, cookies, JSON bodies and the Content-Type header. They are strict
 * about encoding (a bad escape or invalid UTF-8 fails the whole input, so a
 * handler never sees half a form) and lenient only where RFC 6265 asks for it
 * (a malformed cookie is skipped, since other sites' scripts set cookies). */
#include "http/parse.h"

#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/utf8.h"

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *parse_percent_decode(struct arena *a, const char *s, size_t n, bool plus_is_space)
{
    char *out = arena_alloc(a, n + 1);
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            int hi = n - i >= 3 ? hex_value((unsigned char)s[i + 1]) : -1;
            int lo = n - i >= 3 ? hex_value((unsigned char)s[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return NULL;
            out[len++] = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out[len++] = ' ';
        } else {
            out[len++] = (char)c;
        }
    }
    out[len] = '\0';
    return utf8_valid(out, len) ? out : NULL;
}

/* One "key=value" (or "key") of a form into *kv; false when it does not
 * decode. */
static bool decode_pair(struct arena *a, const char *p, size_t n, struct kv *kv)
{
    const char *eq = memchr(p, '=', n);
    size_t key_len = eq ? (size_t)(eq - p) : n;
    kv->key = parse_percent_decode(a, p, key_len, true);
    kv->value = eq ? parse_percent_decode(a, eq + 1, n - key_len - 1, true) : "";
    return kv->key && kv->value;
}

enum err parse_urlencoded(struct arena *a, const char *s, size_t n, struct kvlist *out)
{
    *out = (struct kvlist){0};
    if (n == 0)
        return ERR_OK;
    size_t max = 1;
    for (size_t i = 0; i < n; i++)
        max += s[i] == '&';
    struct kv *items = arena_array(a, max, sizeof *items);
    size_t count = 0;
    for (size_t start = 0; start <= n;) {
        const char *amp = memchr(s + start, '&', n - start);
        size_t end = amp ? (size_t)(amp - s) : n;
        if (end > start && !decode_pair(a, s + start, end - start, &items[count++]))
            return ERR_INVALID;
        start = end + 1;
    }
    out->items = items;
    out->n = count;
    return ERR_OK;
}

/* RFC 7230 tchar: the characters of a token such as a cookie name. */
static bool is_tchar(unsigned char c)
{
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* RFC 6265 cookie-octet: printable ASCII but space, '"', ',', ';', '\'. */
static bool is_cookie_octet(unsigned char c)
{
    return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) ||
           (c >= 0x3C && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* [*b, *e) without leading and trailing spaces and tabs. */
static void trim(const char **b, const char **e)
{
    while (*b < *e && is_space(**b))
        (*b)++;
    while (*e > *b && is_space((*e)[-1]))
        (*e)--;
}

static bool all_of(const char *p, const char *e, bool (*ok)(unsigned char))
{
    for (; p < e; p++)
        if (!ok((unsigned char)*p))
            return false;
    return true;
}

/* One "name=value" cookie pair [b, e) into *kv; false when malformed. */
static bool cookie_pair(struct arena *a, const char *b, const char *e, struct kv *kv)
{
    trim(&b, &e);
    const char *eq = memchr(b, '=', (size_t)(e - b));
    if (!eq)
        return false;
    const char *name_end = eq, *value = eq + 1;
    trim(&b, &name_end);
    trim(&value, &e);
    if (e - value >= 2 && value[0] == '"' && e[-1] == '"') {
        value++;
        e--;
    }
    if (b == name_end || !all_of(b, name_end, is_tchar) || !all_of(value, e, is_cookie_octet))
        return false;
    kv->key = arena_strndup(a, b, (size_t)(name_end - b));
    kv->value = arena_strndup(a, value, (size_t)(e - value));
    return true;
}

void parse_cookies(struct arena *a, const char *header, struct kvlist *out)
{
    *out = (struct kvlist){0};
    if (!header || !*header)
        return;
    size_t max = 1;
    for (const char *p = header; *p; p++)
        max += *p == ';';
    out->items = arena_array(a, max, sizeof *out->items);
    const char *p = header;
    for (;;) {
        const char *end = strchr(p, ';');
        if (!end)
            end = p + strlen(p);
        if (cookie_pair(a, p, end, &out->items[out->n]))
            out->n++;
        if (*end == '\0')
            break;
        p = end + 1;
    }
}

enum err parse_json_object(const char *s, size_t n, json_t **out)
{
    *out = NULL;
    if (n == 0)
        return ERR_INVALID;
    json_error_t error;
    json_t *v = json_loadb(s, n, JSON_REJECT_DUPLICATES, &error);
    if (!v)
        return ERR_INVALID;
    if (!json_is_object(v)) {
        json_decref(v);
        return ERR_INVALID;
    }
    *out = v;
    return ERR_OK;
}

/* One media type parameter [b, e): only charset is checked. */
static bool parameter_ok(const char *b, const char *e)
{
    trim(&b, &e);
    if (b == e)
        return true; /* an empty parameter, as in "text/plain;" */
    const char *eq = memchr(b, '=', (size_t)(e - b));
    if (!eq)
        return false;
    const char *name_end = eq, *value = eq + 1;
    trim(&b, &name_end);
    trim(&value, &e);
    if ((size_t)(name_end - b) != strlen("charset") || strncasecmp(b, "charset", 7) != 0)
        return true;
    if (e - value >= 2 && value[0] == '"' && e[-1] == '"') {
        value++;
        e--;
    }
    return e - value == 5 && strncasecmp(value, "utf-8", 5) == 0;
}

bool parse_media_type_is(const char *content_type, const char *mt)
{
    if (!content_type)
        return false;
    const char *p = content_type + strspn(content_type, " \t");
    size_t n = strlen(mt);
    if (strncasecmp(p, mt, n) != 0)
        return false;
    p += n;
    p += strspn(p, " \t");
    if (*p != '\0' && *p != ';')
        return false;
    while (*p == ';') {
        const char *next = strchr(p + 1, ';');
        const char *end = next ? next : p + strlen(p);
        if (!parameter_ok(p + 1, end))
            return false;
        p = end;
    }
    return true;
}

const char *parse_kv_find(const struct kvlist *l, const char *key, size_t *count)
{
    const char *first = NULL;
    size_t c = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (strcmp(l->items[i].key, key) == 0) {
            if (!first)
                first = l->items[i].value;
            c++;
        }
    }
    if (count)
        *count = c;
    return first;
}
