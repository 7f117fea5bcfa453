/* The CSV reader: a byte window over a stream or a memory buffer, and a small
 * state machine that cuts it into fields. Runs of ordinary bytes are copied
 * in one go; only separators, quotes and line ends are looked at one by one.
 * The fields of the current record live NUL-separated in one buffer (store),
 * and the record's pointers are fixed up once the record is complete, since
 * the buffer may move while it grows. */
#include "core/csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/utf8.h"

enum { CHUNK = 64 * 1024, DETECT_LIMIT = 1024 * 1024 };

struct csv_reader {
    FILE *fp;         /* NULL for memory input */
    const char *data; /* the window: the memory input, or win.data */
    size_t len, pos;  /* bytes in the window, and the read position */
    struct buf win;   /* window of a stream */
    uint64_t dropped; /* stream bytes discarded before the window */
    bool eof, read_error, failed, started;
    char sep;
    bool detect;
    size_t max_field, max_fields, max_record;
    long line;        /* physical line of the read position */
    struct buf store; /* the current record's fields, NUL-separated */
    size_t *starts;   /* offset of each field in store */
    size_t *lens;
    char **ptrs;
    size_t nfields, cap;
    char line_s[24], col_s[24];
};

static struct csv_reader *reader_new(const struct csv_options *opt)
{
    struct csv_reader *r = xcalloc(1, sizeof *r);
    buf_init(&r->win);
    buf_init(&r->store);
    r->line = 1;
    r->sep = opt ? opt->sep : 0;
    r->detect = r->sep == 0;
    r->max_field = opt && opt->max_field ? opt->max_field : CSV_MAX_FIELD_DEFAULT;
    r->max_fields = opt && opt->max_fields ? opt->max_fields : CSV_MAX_FIELDS_DEFAULT;
    r->max_record = opt && opt->max_record ? opt->max_record : CSV_MAX_RECORD_DEFAULT;
    return r;
}

struct csv_reader *csv_open_file(FILE *fp, const struct csv_options *opt)
{
    struct csv_reader *r = reader_new(opt);
    r->fp = fp;
    r->data = "";
    return r;
}

struct csv_reader *csv_open_mem(const char *data, size_t len, const struct csv_options *opt)
{
    struct csv_reader *r = reader_new(opt);
    r->data = len ? data : "";
    r->len = len;
    r->eof = true;
    return r;
}

void csv_free(struct csv_reader *r)
{
    if (!r)
        return;
    buf_free(&r->win);
    buf_free(&r->store);
    free(r->starts);
    free(r->lens);
    free(r->ptrs);
    free(r);
}

char csv_separator(const struct csv_reader *r)
{
    return r->sep ? r->sep : ',';
}

uint64_t csv_offset(const struct csv_reader *r)
{
    return r->dropped + r->pos;
}

/* Reads one more block of the stream into the window, keeping the unread
 * bytes. Returns false at the end of the input. */
static bool fill_more(struct csv_reader *r)
{
    if (r->eof)
        return false;
    struct buf *w = &r->win;
    if (r->pos > 0) {
        memmove(w->data, w->data + r->pos, r->len - r->pos);
        r->dropped += r->pos;
        r->len -= r->pos;
        r->pos = 0;
    }
    w->len = r->len;
    buf_reserve(w, CHUNK + 1);
    size_t got = fread(w->data + r->len, 1, CHUNK, r->fp);
    if (got < CHUNK) {
        r->eof = true;
        r->read_error = ferror(r->fp) != 0;
    }
    r->len += got;
    w->len = r->len;
    w->data[r->len] = '\0';
    r->data = w->data;
    return got > 0;
}

static int next_byte(struct csv_reader *r)
{
    if (r->pos == r->len && !fill_more(r))
        return EOF;
    return (unsigned char)r->data[r->pos++];
}

/* Makes sure at least n unread bytes are in the window, if the input has
 * them. */
static void want(struct csv_reader *r, size_t n)
{
    while (r->len - r->pos < n && fill_more(r)) {
    }
}

static void skip_bom(struct csv_reader *r)
{
    want(r, 3);
    if (r->len - r->pos >= 3 && memcmp(r->data + r->pos, "\xEF\xBB\xBF", 3) == 0)
        r->pos += 3;
}

/* Picks ';' or ',' by counting both, outside quotes, on the first line. */
static void detect_separator(struct csv_reader *r)
{
    size_t i = r->pos, semi = 0, comma = 0;
    bool quoted = false;
    for (;;) {
        if (i == r->len) {
            if (i - r->pos >= DETECT_LIMIT)
                break;
            size_t off = i - r->pos;
            if (!fill_more(r))
                break;
            i = r->pos + off;
        }
        char c = r->data[i++];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ';')
            semi++;
        else if (!quoted && c == ',')
            comma++;
    }
    r->sep = semi > comma ? ';' : ',';
}

/* Records a syntax error; the reader refuses to go on after it. Returns
 * false so that callers can `return fail(...)`. */
static bool fail(struct csv_reader *r, long line, size_t col, const char *why, struct fault *f)
{
    r->failed = true;
    snprintf(r->line_s, sizeof r->line_s, "%ld", line);
    snprintf(r->col_s, sizeof r->col_s, "%zu", col);
    fault_set(f, ERR_INVALID, NULL, "Line %s, column %s: %s", r->line_s, r->col_s, why, NULL);
    return false;
}

static bool read_failed(struct csv_reader *r, struct fault *f)
{
    r->failed = true;
    fault_set(f, ERR_INTERNAL, NULL, "The file could not be read.", NULL);
    return false;
}

/* Copies the run of ordinary bytes at the read position into the field. */
static void copy_run(struct csv_reader *r, bool quoted)
{
    size_t i = r->pos;
    while (i < r->len) {
        char c = r->data[i];
        if (c == '"' || c == '\r' || c == '\n' || (!quoted && c == r->sep))
            break;
        i++;
    }
    buf_append(&r->store, r->data + r->pos, i - r->pos);
    r->pos = i;
}

/* Consumes a line end whose first byte c was just read: "\n", "\r\n" or a
 * lone "\r". */
static void eat_line_end(struct csv_reader *r, int c)
{
    if (c == '\r') {
        int d = next_byte(r);
        if (d != '\n' && d != EOF)
            r->pos--;
    }
    r->line++;
}

static void begin_field(struct csv_reader *r)
{
    if (r->nfields == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 32;
        r->starts = xrealloc(r->starts, r->cap * sizeof *r->starts);
        r->lens = xrealloc(r->lens, r->cap * sizeof *r->lens);
        r->ptrs = xrealloc(r->ptrs, (r->cap + 1) * sizeof *r->ptrs);
    }
    r->starts[r->nfields++] = r->store.len;
}

/* Closes the current field: checks its bounds and its UTF-8. */
static bool end_field(struct csv_reader *r, long line, struct fault *f)
{
    size_t k = r->nfields - 1;
    size_t n = r->store.len - r->starts[k];
    r->lens[k] = n;
    if (n > r->max_field)
        return fail(r, line, k + 1, "the field is too long.", f);
    if (n > 0 && !utf8_valid(r->store.data + r->starts[k], n))
        return fail(r, line, k + 1, "the text is not valid UTF-8.", f);
    buf_putc(&r->store, '\0');
    return true;
}

/* Reads a quoted field after its opening quote, up to the closing quote. */
static bool read_quoted(struct csv_reader *r, long line, struct fault *f)
{
    for (;;) {
        copy_run(r, true);
        if (r->store.len - r->starts[r->nfields - 1] > r->max_field)
            return fail(r, line, r->nfields, "the field is too long.", f);
        int c = next_byte(r);
        if (c == EOF)
            return fail(r, line, r->nfields, "a quoted field is not closed.", f);
        if (c == '"') {
            int d = next_byte(r);
            if (d != '"') {
                if (d != EOF)
                    r->pos--;
                return true;
            }
            buf_putc(&r->store, '"');
        } else {
            if (c == '\r')
                want(r, 1);
            if (c == '\n' || (c == '\r' && (r->pos == r->len || r->data[r->pos] != '\n')))
                r->line++;
            buf_putc(&r->store, (char)c);
        }
    }
}

/* Reads one field and the byte that ends it. *end gets that byte: the
 * separator, '\n' (for any line end) or EOF. */
static bool read_field(struct csv_reader *r, long line, int *end, struct fault *f)
{
    begin_field(r);
    bool quoted = false;
    if (r->pos < r->len || fill_more(r)) {
        if (r->data[r->pos] == '"') {
            r->pos++;
            quoted = true;
            if (!read_quoted(r, line, f))
                return false;
        }
    }
    for (;;) {
        if (!quoted)
            copy_run(r, false);
        if (r->store.len - r->starts[r->nfields - 1] > r->max_field)
            return fail(r, line, r->nfields, "the field is too long.", f);
        int c = next_byte(r);
        if (c == EOF || c == r->sep || c == '\n' || c == '\r') {
            if (c == '\n' || c == '\r') {
                eat_line_end(r, c);
                c = '\n';
            }
            *end = c;
            return end_field(r, line, f);
        }
        if (c == '"' && !quoted)
            return fail(r, line, r->nfields, "a quote inside an unquoted field.", f);
        if (quoted)
            return fail(r, line, r->nfields, "text after a closing quote.", f);
    }
}

static void finish_record(struct csv_reader *r, long line, struct csv_record *rec)
{
    for (size_t i = 0; i < r->nfields; i++)
        r->ptrs[i] = r->store.data + r->starts[i];
    r->ptrs[r->nfields] = NULL;
    rec->fields = r->ptrs;
    rec->lens = r->lens;
    rec->n = r->nfields;
    rec->line = line;
}

enum csv_rc csv_next(struct csv_reader *r, struct csv_record *rec, struct fault *f)
{
    if (r->failed) {
        fail(r, r->line, 1, "the input could not be read after an earlier error.", f);
        return CSV_ERROR;
    }
    if (!r->started) {
        r->started = true;
        skip_bom(r);
        if (r->detect)
            detect_separator(r);
    }
    buf_reset(&r->store);
    r->nfields = 0;
    if (r->pos == r->len && !fill_more(r)) {
        if (!r->read_error)
            return CSV_END;
        read_failed(r, f);
        return CSV_ERROR;
    }
    long line = r->line;
    int end = 0;
    do {
        bool ok = r->nfields < r->max_fields
                      ? read_field(r, line, &end, f)
                      : fail(r, line, r->nfields + 1, "the record has too many fields.", f);
        if (ok && r->store.len > r->max_record)
            ok = fail(r, line, r->nfields, "the record is too long.", f);
        if (!ok)
            return CSV_ERROR;
    } while (end == r->sep);
    if (r->read_error) {
        read_failed(r, f);
        return CSV_ERROR;
    }
    finish_record(r, line, rec);
    return CSV_RECORD;
}
