/* A streaming CSV reader (RFC 4180 and what spreadsheets and CBS StatLine
 * actually write): records of fields, quoted fields with "" escapes and
 * embedded separators and newlines, CRLF or LF line ends, a separator that
 * is given or detected from the header line (';' or ','), a UTF-8 byte order
 * mark stripped at the start. Every field must be valid UTF-8; fields and
 * records have size bounds, so a hostile file cannot exhaust memory.
 *
 * Input comes from a FILE * (read in blocks, never whole) or a memory
 * buffer. The reader owns its memory; the fields of a record stay valid until
 * the next csv_next() or csv_free(). Errors are faults with the msgid
 * "Line %s, column %s: %s": the physical line where the record starts, the
 * 1-based field number, and the reason in English. */
#ifndef WIJK_CORE_CSV_H
#define WIJK_CORE_CSV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"

#define CSV_MAX_FIELD_DEFAULT (64u * 1024u)         /* bytes in one field */
#define CSV_MAX_FIELDS_DEFAULT 4096u                /* fields in one record */
#define CSV_MAX_RECORD_DEFAULT (4u * 1024u * 1024u) /* bytes in one record */

struct csv_options {
    char sep;          /* ';', ',', '\t'...; 0: detect ';' or ',' from the first line */
    size_t max_field;  /* 0: CSV_MAX_FIELD_DEFAULT */
    size_t max_fields; /* 0: CSV_MAX_FIELDS_DEFAULT */
    size_t max_record; /* 0: CSV_MAX_RECORD_DEFAULT */
};

struct csv_record {
    char **fields; /* n NUL-terminated fields, owned by the reader */
    size_t *lens;  /* their lengths in bytes */
    size_t n;      /* at least 1: an empty line is one empty field */
    long line;     /* physical line (from 1) on which the record starts */
};

enum csv_rc { CSV_RECORD, CSV_END, CSV_ERROR };

struct csv_reader;

/* A reader over an open stream, which the caller keeps open and closes after
 * csv_free(). opt may be NULL (detect the separator, default bounds). Never
 * returns NULL. */
struct csv_reader *csv_open_file(FILE *fp, const struct csv_options *opt);

/* A reader over data[0..len), which must outlive the reader (it is not
 * copied). opt as for csv_open_file. */
struct csv_reader *csv_open_mem(const char *data, size_t len, const struct csv_options *opt);

/* Frees the reader and every record it returned. NULL is fine. */
void csv_free(struct csv_reader *r);

/* Reads the next record into *rec. CSV_END at the end of the input (a final
 * line end does not make an extra record). CSV_ERROR with f filled
 * (ERR_INVALID) for invalid UTF-8, a quote inside an unquoted field, text
 * after a closing quote, an unterminated quoted field, a field or record over
 * the bounds; ERR_INTERNAL for a read error. After an error every further
 * call returns CSV_ERROR again. The fault's args point into the reader: use
 * the fault before csv_free(). */
enum csv_rc csv_next(struct csv_reader *r, struct csv_record *rec, struct fault *f);

/* The separator in use: the given one, the detected one once the first
 * record has been read, or ',' before that when detecting. */
char csv_separator(const struct csv_reader *r);

/* Input bytes consumed so far, including a byte order mark (for progress). */
uint64_t csv_offset(const struct csv_reader *r);

#endif
