/* The line diff (see linediff.h): lines split into the arena, the table of
 * longest-common-subsequence lengths filled from the end, then walked from
 * the start into rows; a run of removals followed by a run of additions is
 * paired line by line into changed rows. */
#include "core/linediff.h"

#include <string.h>

#include "core/arena.h"

struct lines {
    const char **v;
    size_t n;
};

static struct lines split(struct arena *a, const char *s)
{
    struct lines l = {0};
    if (!s)
        s = "";
    size_t cap = 1;
    for (const char *p = s; *p; p++)
        cap += *p == '\n';
    if (cap > LINEDIFF_MAX_LINES)
        cap = LINEDIFF_MAX_LINES;
    l.v = arena_array(a, cap, sizeof *l.v);
    while (l.n < cap) {
        const char *nl = l.n + 1 < cap ? strchr(s, '\n') : NULL;
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        if (len > 0 && s[len - 1] == '\r')
            len--;
        l.v[l.n++] = arena_strndup(a, s, len);
        if (!nl)
            break;
        s = nl + 1;
    }
    return l;
}

static void push(struct linediff_row *rows, size_t *n, enum linediff_op op, const char *l,
                 const char *r)
{
    rows[*n].op = op;
    rows[*n].left = l;
    rows[*n].right = r;
    (*n)++;
}

/* Pairs the removals rows[from..mid) with the additions rows[mid..*n) into
 * changed rows; additions left over move up behind them. */
static void pair(struct linediff_row *rows, size_t from, size_t mid, size_t *n)
{
    size_t removed = mid - from, added = *n - mid, k = 0;
    for (; k < removed && k < added; k++) {
        rows[from + k].op = LINEDIFF_CHANGED;
        rows[from + k].right = rows[mid + k].right;
    }
    size_t w = mid;
    for (size_t i = mid + k; i < *n; i++)
        rows[w++] = rows[i];
    *n = w;
}

void linediff(struct arena *a, const char *left, const char *right, struct linediff_row **rows,
              size_t *n)
{
    struct lines l = split(a, left), r = split(a, right);
    size_t w = r.n + 1;
    unsigned *len = arena_array(a, (l.n + 1) * w, sizeof *len);
    for (size_t i = l.n + 1; i-- > 0;)
        for (size_t j = r.n + 1; j-- > 0;) {
            unsigned *c = &len[i * w + j];
            if (i == l.n || j == r.n)
                *c = 0;
            else if (strcmp(l.v[i], r.v[j]) == 0)
                *c = len[(i + 1) * w + j + 1] + 1;
            else {
                unsigned down = len[(i + 1) * w + j], across = len[i * w + j + 1];
                *c = down >= across ? down : across;
            }
        }
    struct linediff_row *out = arena_array(a, l.n + r.n + 1, sizeof *out);
    size_t i = 0, j = 0, k = 0, run = 0, mid = 0;
    bool in_run = false;
    while (i < l.n || j < r.n) {
        bool same = i < l.n && j < r.n && strcmp(l.v[i], r.v[j]) == 0;
        if (same) {
            if (in_run)
                pair(out, run, mid, &k);
            in_run = false;
            push(out, &k, LINEDIFF_SAME, l.v[i++], r.v[j++]);
            continue;
        }
        if (!in_run)
            run = mid = k, in_run = true;
        if (j >= r.n || (i < l.n && len[(i + 1) * w + j] >= len[i * w + j + 1])) {
            /* a removal after additions of this run starts a new run */
            if (mid != k) {
                pair(out, run, mid, &k);
                run = mid = k;
            }
            push(out, &k, LINEDIFF_REMOVED, l.v[i++], NULL);
            mid = k;
        } else {
            push(out, &k, LINEDIFF_ADDED, NULL, r.v[j++]);
        }
    }
    if (in_run)
        pair(out, run, mid, &k);
    *rows = out;
    *n = k;
}

bool linediff_changed(const struct linediff_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].op != LINEDIFF_SAME)
            return true;
    return false;
}
