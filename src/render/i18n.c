/* Message catalogs: a small .po parser, an immutable hash table of
 * (language, message id) -> translation built once at start-up, and the
 * choice of a request's language. Lookups are pure reads of that table, so
 * every worker thread translates into its own request's language without a
 * process-wide locale (no setlocale, no gettext domain state).
 *
 * The parser reads the PO format as GNU gettext writes it: comments (#...),
 * msgctxt, msgid, msgid_plural, msgstr and msgstr[N], each followed by a
 * quoted C string that may continue on the next lines as further quoted
 * strings. Fuzzy entries, untranslated entries and the header entry
 * (msgid "") are not added, as msgfmt does. A message with a context is
 * stored under "context\004msgid" (gettext's convention); of a plural
 * message only the singular form (msgstr[0]) is kept. */
#include "render/i18n.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/embed.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/utf8.h"

#define MAX_LANGS 8

const char *const i18n_languages[] = {"nl", "en", NULL};

struct entry {
    char *key; /* NULL: empty slot */
    char *msgstr;
    uint32_t hash;
    int lang; /* index into catalog.langs */
};

struct catalog {
    struct entry *slots;
    size_t cap; /* a power of two */
    size_t n;
    char *langs[MAX_LANGS];
    int nlangs;
    char err_line[24]; /* the line of the last parse error, for its fault */
};

/* ---- the table ---------------------------------------------------------- */

static uint32_t hash_key(int lang, const char *key)
{
    uint32_t h = 2166136261u ^ (uint32_t)lang;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h;
}

static struct entry *probe(const struct catalog *c, int lang, const char *key, uint32_t h)
{
    size_t mask = c->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct entry *e = &c->slots[i];
        if (!e->key || (e->hash == h && e->lang == lang && strcmp(e->key, key) == 0))
            return e;
    }
}

static void grow(struct catalog *c)
{
    struct entry *old = c->slots;
    size_t oldcap = c->cap;
    c->cap = oldcap ? oldcap * 2 : 256;
    c->slots = xcalloc(c->cap, sizeof *c->slots);
    for (size_t i = 0; i < oldcap; i++) {
        if (old[i].key)
            *probe(c, old[i].lang, old[i].key, old[i].hash) = old[i];
    }
    free(old);
}

/* Adds key -> msgstr (both copied); false when the key is already there. */
static bool table_put(struct catalog *c, int lang, const char *key, const char *msgstr)
{
    if ((c->n + 1) * 4 > c->cap * 3)
        grow(c);
    uint32_t h = hash_key(lang, key);
    struct entry *e = probe(c, lang, key, h);
    if (e->key)
        return false;
    *e = (struct entry){xstrdup(key), xstrdup(msgstr), h, lang};
    c->n++;
    return true;
}

static int lang_index(const struct catalog *c, const char *lang)
{
    for (int i = 0; i < c->nlangs; i++) {
        if (strcmp(c->langs[i], lang) == 0)
            return i;
    }
    return -1;
}

struct catalog *catalog_new(void)
{
    struct catalog *c = xcalloc(1, sizeof *c);
    grow(c);
    return c;
}

void catalog_free(struct catalog *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->cap; i++) {
        free(c->slots[i].key);
        free(c->slots[i].msgstr);
    }
    for (int i = 0; i < c->nlangs; i++)
        free(c->langs[i]);
    free(c->slots);
    free(c);
}

const char *catalog_get(const struct catalog *c, const char *lang, const char *msgid)
{
    if (!c || !lang || !msgid)
        return msgid;
    int li = lang_index(c, lang);
    if (li < 0)
        return msgid;
    const struct entry *e = probe(c, li, msgid, hash_key(li, msgid));
    return e->key ? e->msgstr : msgid;
}

/* ---- the parser --------------------------------------------------------- */

enum part { HAVE_CTXT = 1, HAVE_ID = 2, HAVE_PLURAL = 4, HAVE_STR = 8 };

struct po {
    struct catalog *c;
    int lang;
    int line;       /* of the line being read */
    int entry_line; /* of the current entry's msgid */
    unsigned have;  /* enum part bits of the current entry */
    bool fuzzy;
    struct buf ctxt, id, str, ignored;
    struct buf *target; /* where continuation strings go */
    const char *error;  /* reason of the first error, or NULL */
    int added;
};

static bool fail(struct po *po, const char *reason)
{
    if (!po->error)
        po->error = reason;
    return false;
}

static struct buf *fail_null(struct po *po, const char *reason)
{
    fail(po, reason);
    return NULL;
}

static void entry_clear(struct po *po)
{
    buf_reset(&po->ignored);
    buf_reset(&po->ctxt);
    buf_reset(&po->id);
    buf_reset(&po->str);
    po->have = 0;
    po->fuzzy = false;
    po->target = NULL;
}

/* Adds the finished entry, unless it is the header, fuzzy or untranslated. */
static bool entry_flush(struct po *po)
{
    if (!po->have)
        return true;
    if (!(po->have & HAVE_STR))
        return fail(po, po->have & HAVE_ID ? "msgid without msgstr" : "msgctxt without msgid");
    bool keep = po->id.len > 0 && po->str.len > 0 && !po->fuzzy;
    /* Octal escapes could form bytes that are not UTF-8. */
    if (keep && !(utf8_valid(po->id.data, po->id.len) && utf8_valid(po->str.data, po->str.len) &&
                  (!po->ctxt.len || utf8_valid(po->ctxt.data, po->ctxt.len))))
        return fail(po, "escapes form invalid UTF-8");
    if (keep) {
        struct buf key = BUF_INIT;
        if (po->have & HAVE_CTXT) {
            buf_append(&key, po->ctxt.data, po->ctxt.len);
            buf_putc(&key, '\004');
        }
        buf_append(&key, po->id.data, po->id.len);
        bool fresh = table_put(po->c, po->lang, buf_cstr(&key), buf_cstr(&po->str));
        buf_free(&key);
        if (!fresh) {
            po->line = po->entry_line;
            return fail(po, "duplicate message definition");
        }
        po->added++;
    }
    entry_clear(po);
    return true;
}

/* One escape after a backslash at *pp; advances *pp. */
static bool unescape(struct po *po, const char **pp, const char *end, struct buf *out)
{
    static const char from[] = "ntr\\\"abfv'?";
    static const char to[] = "\n\t\r\\\"\a\b\f\v'?";
    const char *p = *pp;
    if (p >= end)
        return fail(po, "unterminated string");
    const char *hit = memchr(from, *p, sizeof from - 1);
    if (hit) {
        buf_putc(out, to[hit - from]);
        *pp = p + 1;
        return true;
    }
    if (*p < '0' || *p > '7')
        return fail(po, "unknown escape sequence");
    int v = 0;
    for (int i = 0; i < 3 && p < end && *p >= '0' && *p <= '7'; i++, p++)
        v = v * 8 + (*p - '0');
    if (v == 0 || v > 255)
        return fail(po, "bad octal escape");
    buf_putc(out, (char)v);
    *pp = p;
    return true;
}

/* Parses the quoted string at p (up to the end of its line) into out. */
static bool parse_string(struct po *po, const char *p, const char *end, struct buf *out)
{
    if (p >= end || *p != '"')
        return fail(po, "expected a quoted string");
    for (p++; p < end && *p != '"';) {
        if ((unsigned char)*p < 0x20 && *p != '\t')
            return fail(po, "control character in string");
        if (*p == '\\') {
            p++;
            if (!unescape(po, &p, end, out))
                return false;
        } else {
            buf_putc(out, *p++);
        }
    }
    if (p >= end)
        return fail(po, "unterminated string");
    for (p++; p < end && (*p == ' ' || *p == '\t'); p++)
        ;
    if (p < end)
        return fail(po, "unexpected text after string");
    return true;
}

/* The buffer a keyword writes to, after checking that it may come here. */
static struct buf *keyword_target(struct po *po, const char *kw, size_t n)
{
    bool starts_entry =
        (n == 7 && memcmp(kw, "msgctxt", 7) == 0) || (n == 5 && memcmp(kw, "msgid", 5) == 0);
    if (starts_entry && (po->have & HAVE_STR) && !entry_flush(po))
        return NULL;
    if (n == 7 && memcmp(kw, "msgctxt", 7) == 0) {
        if (po->have)
            return fail_null(po, "msgctxt out of place");
        po->have |= HAVE_CTXT;
        return &po->ctxt;
    }
    if (n == 5 && memcmp(kw, "msgid", 5) == 0) {
        if (po->have & HAVE_ID)
            return fail_null(po, "msgid without msgstr");
        po->have |= HAVE_ID;
        po->entry_line = po->line;
        return &po->id;
    }
    if (n == 12 && memcmp(kw, "msgid_plural", 12) == 0) {
        if ((po->have & (HAVE_ID | HAVE_PLURAL | HAVE_STR)) != HAVE_ID)
            return fail_null(po, "msgid_plural out of place");
        po->have |= HAVE_PLURAL;
        return &po->ignored;
    }
    if (n == 6 && memcmp(kw, "msgstr", 6) == 0) {
        if ((po->have & (HAVE_ID | HAVE_PLURAL | HAVE_STR)) != HAVE_ID)
            return fail_null(po, "msgstr out of place");
        po->have |= HAVE_STR;
        return &po->str;
    }
    if (n > 8 && memcmp(kw, "msgstr[", 7) == 0 && kw[n - 1] == ']') {
        if (!(po->have & HAVE_PLURAL))
            return fail_null(po, "msgstr[] without msgid_plural");
        if (n - 8 > 3)
            return fail_null(po, "bad plural index");
        for (size_t i = 7; i < n - 1; i++) {
            if (kw[i] < '0' || kw[i] > '9')
                return fail_null(po, "bad plural index");
        }
        po->have |= HAVE_STR;
        /* Only the singular form is kept. */
        return (n == 9 && kw[7] == '0') ? &po->str : &po->ignored;
    }
    return fail_null(po, "unknown keyword");
}

static bool parse_keyword_line(struct po *po, const char *p, const char *end)
{
    const char *kw = p;
    while (p < end && *p != ' ' && *p != '\t' && *p != '"')
        p++;
    struct buf *target = keyword_target(po, kw, (size_t)(p - kw));
    if (!target)
        return false;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    po->target = target;
    return parse_string(po, p, end, target);
}

static bool parse_line(struct po *po, const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (end > p && end[-1] == '\r')
        end--;
    if (p == end)
        return true;
    if (*p == '#') {
        /* A comment after a complete entry belongs to the next one. */
        if ((po->have & HAVE_STR) && !entry_flush(po))
            return false;
        if (end - p >= 2 && p[1] == ',' && memmem(p, (size_t)(end - p), "fuzzy", 5))
            po->fuzzy = true;
        return true;
    }
    if (*p == '"') {
        if (!po->target)
            return fail(po, "string without a keyword");
        return parse_string(po, p, end, po->target);
    }
    return parse_keyword_line(po, p, end);
}

static bool parse_text(struct po *po, const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    while (p < end) {
        po->line++;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        /* '\n' is never part of a multi-byte sequence: lines check alone. */
        if (!utf8_valid(p, (size_t)(eol - p)))
            return fail(po, "not valid UTF-8 (or a NUL byte)");
        if (!parse_line(po, p, eol))
            return false;
        p = nl ? nl + 1 : end;
    }
    return entry_flush(po);
}

int catalog_add_po(struct catalog *c, const char *lang, const char *text, size_t len,
                   struct fault *f)
{
    struct po po = {.c = c};
    int li = lang_index(c, lang);
    if (li < 0 && c->nlangs == MAX_LANGS) {
        fault_set(f, ERR_INVALID, NULL, "Too many languages in one message catalog.", NULL);
        return -1;
    }
    if (li < 0) {
        li = c->nlangs++;
        c->langs[li] = xstrdup(lang);
    }
    po.lang = li;
    bool ok = parse_text(&po, text, len);
    buf_free(&po.ctxt);
    buf_free(&po.id);
    buf_free(&po.str);
    buf_free(&po.ignored);
    if (ok)
        return po.added;
    snprintf(c->err_line, sizeof c->err_line, "%d", po.line);
    fault_set(f, ERR_INVALID, NULL, "Line %s of the %s catalog: %s.", c->err_line, lang, po.error,
              NULL);
    return -1;
}

/* ---- loading the built-in catalogs -------------------------------------- */

static const char *const catalog_paths[] = {"locale/nl.po", "locale/en.po", NULL};

struct catalog *catalog_load(struct fault *f)
{
    struct catalog *c = catalog_new();
    for (int i = 0; i18n_languages[i]; i++) {
        const char *path = catalog_paths[i];
        const struct embedded_file *file = embed_find(path);
        if (!file) {
            fault_set(f, ERR_INTERNAL, NULL, "The message catalog %s is missing.", path, NULL);
            catalog_free(c);
            return NULL;
        }
        struct fault pf = {0};
        if (catalog_add_po(c, i18n_languages[i], (const char *)file->data, file->size, &pf) < 0) {
            /* pf's args live in c, which is about to go: the log keeps the
             * line and reason, the fault names the file (a static string). */
            log_event(LOG_ERROR, NULL, "catalog_invalid", "file", path, "line", pf.args[0],
                      "reason", pf.args[2], (const char *)NULL);
            fault_set(f, ERR_INTERNAL, NULL, "The message catalog %s is malformed; see the log.",
                      path, NULL);
            catalog_free(c);
            return NULL;
        }
    }
    return c;
}

/* ---- choosing the language ---------------------------------------------- */

/* The index in i18n_languages of a language range such as "nl", "nl-BE",
 * "EN_gb"; -1 for anything else ("*" is handled by the caller). */
static int supported(const char *tag, size_t n)
{
    size_t primary = 0;
    while (primary < n && tag[primary] != '-' && tag[primary] != '_')
        primary++;
    for (int i = 0; i18n_languages[i]; i++) {
        if (primary == strlen(i18n_languages[i]) &&
            strncasecmp(tag, i18n_languages[i], primary) == 0)
            return i;
    }
    return -1;
}

/* Parses the q parameter of one item ("q=0.5") into thousandths: 0..1000,
 * or -1 when it is malformed (the item is then ignored). */
static int qvalue(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (end - p < 3 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=')
        return -1;
    p += 2;
    if (*p != '0' && *p != '1')
        return -1;
    int q = (*p++ - '0') * 1000;
    if (p < end && *p == '.') {
        p++;
        for (int scale = 100; p < end && *p >= '0' && *p <= '9' && scale > 0; scale /= 10)
            q += (*p++ - '0') * scale;
    }
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return (p == end && q <= 1000) ? q : -1;
}

struct choice {
    int q[MAX_LANGS];   /* per language: best q seen, -1 not mentioned */
    int pos[MAX_LANGS]; /* per language: its item's place in the header */
    int wildcard;       /* q of "*", -1 when absent */
    int items;          /* items read so far */
};

static void accept_item(struct choice *ch, const char *p, size_t n)
{
    const char *end = p + n;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    const char *semi = p;
    while (semi < end && *semi != ';')
        semi++;
    if (semi == end)
        semi = NULL;
    const char *tag_end = semi ? semi : end;
    while (tag_end > p && (tag_end[-1] == ' ' || tag_end[-1] == '\t'))
        tag_end--;
    int q = semi ? qvalue(semi + 1, end) : 1000;
    int pos = ch->items++;
    if (q < 0 || tag_end == p)
        return;
    if (tag_end - p == 1 && *p == '*') {
        ch->wildcard = q > ch->wildcard ? q : ch->wildcard;
        return;
    }
    int li = supported(p, (size_t)(tag_end - p));
    /* "nl-BE;q=0" excludes nl only when no other nl range allows it. */
    if (li >= 0 && q > ch->q[li]) {
        ch->q[li] = q;
        ch->pos[li] = pos;
    }
}

const char *i18n_negotiate(const char *cookie, const char *accept_language)
{
    for (int i = 0; cookie && i18n_languages[i]; i++) {
        if (strcmp(cookie, i18n_languages[i]) == 0)
            return i18n_languages[i];
    }
    if (!accept_language)
        return i18n_languages[0];
    struct choice ch = {.wildcard = -1};
    for (int i = 0; i < MAX_LANGS; i++)
        ch.q[i] = -1;
    for (const char *p = accept_language; *p;) {
        const char *comma = strchr(p, ',');
        const char *end = comma ? comma : p + strlen(p);
        accept_item(&ch, p, (size_t)(end - p));
        p = comma ? comma + 1 : end;
    }
    /* Highest q wins; on a tie, the range the browser listed first. A
     * language only covered by "*" ranks after every named one. */
    int best = -1, best_q = 0, best_pos = 0;
    for (int i = 0; i18n_languages[i]; i++) {
        bool named = ch.q[i] >= 0;
        int q = named ? ch.q[i] : ch.wildcard;
        int pos = named ? ch.pos[i] : ch.items + i;
        if (q > best_q || (q == best_q && q > 0 && pos < best_pos)) {
            best = i;
            best_q = q;
            best_pos = pos;
        }
    }
    return i18n_languages[best >= 0 ? best : 0];
}
