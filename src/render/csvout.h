/* Writing CSV (RFC 4180) for the exports: fields separated by commas,
 * records ended by CRLF, a field quoted when it holds a comma, a quote, a
 * CR or an LF (quotes doubled). A field that a spreadsheet would read as a
 * formula (starting with =, +, -, @, a tab or a CR) gets a leading
 * apostrophe, so an export opened in a spreadsheet runs nothing. */
#ifndef WIJK_RENDER_CSVOUT_H
#define WIJK_RENDER_CSVOUT_H

#include <stdint.h>

#include "core/buf.h"

/* Appends one record: the n fields (NULL is written as empty) and CRLF. */
void csvout_row(struct buf *b, const char *const *fields, int n);

/* A decimal integer as a field's text, into out (24 bytes). */
const char *csvout_int(char out[static 24], int64_t v);

#endif
