/* A small line diff, for showing two versions of a text side by side: the
 * longest common subsequence of their lines (dynamic programming, so meant
 * for short texts -- an agreement's fields, not a book), turned into rows
 * of a two-column table where each row is a line kept, removed, added, or
 * changed (one line removed and one added at the same place). */
#ifndef WIJK_CORE_LINEDIFF_H
#define WIJK_CORE_LINEDIFF_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

enum { LINEDIFF_MAX_LINES = 2000 }; /* lines per side; more are compared as one last line */

enum linediff_op {
    LINEDIFF_SAME,    /* left and right are equal */
    LINEDIFF_REMOVED, /* only left */
    LINEDIFF_ADDED,   /* only right */
    LINEDIFF_CHANGED, /* left replaced by right */
};

struct linediff_row {
    enum linediff_op op;
    const char *left;  /* NULL for ADDED */
    const char *right; /* NULL for REMOVED */
};

/* Compares left and right (NULL counts as ""), split at '\n' (a '\r'
 * before it is dropped). *rows from the arena, *n their number: in order,
 * with a removed line and an added line at the same place paired into one
 * CHANGED row. Equal texts give only SAME rows. */
void linediff(struct arena *a, const char *left, const char *right, struct linediff_row **rows,
              size_t *n);

/* Whether any row is not LINEDIFF_SAME. */
bool linediff_changed(const struct linediff_row *rows, size_t n);

#endif
