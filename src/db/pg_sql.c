/* Placeholder translation for the PostgreSQL driver: model code writes `?`
 * (SQLite's and ODBC's style) and libpq wants $1, $2, ... This is a pure
 * function on text, kept apart from pg.c so that it is tested without a
 * server.
 *
 * The scan knows just enough of PostgreSQL's lexical rules to leave alone a
 * `?` that is not a placeholder: inside a '...' string (also E'...' with
 * backslash escapes, and '' doubled quotes), a "..." identifier, a -- comment
 * and a nested block comment. Dollar-quoted strings and PostgreSQL's
 * jsonb operators that contain `?` are not supported in prepared statements;
 * model code has no use for either. */
#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "db/driver.h"
#include "db/pg.h"

static bool is_ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || (unsigned char)c >= 0x80;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Length of the quoted run starting at p (p[0] is the quote): up to and
 * including the closing quote, or to the end of an unterminated run (the
 * server then reports the error). A doubled quote stays inside; backslash
 * escapes count only in E'...' strings. */
static size_t quoted_len(const char *p, bool backslash)
{
    char q = p[0];
    size_t i = 1;
    for (; p[i]; i++) {
        if (backslash && p[i] == '\\' && p[i + 1]) {
            i++;
        } else if (p[i] == q) {
            if (p[i + 1] != q)
                return i + 1;
            i++;
        }
    }
    return i;
}

static size_t line_comment_len(const char *p)
{
    size_t i = 2;
    while (p[i] && p[i] != '\n')
        i++;
    return i;
}

/* PostgreSQL block comments nest. */
static size_t block_comment_len(const char *p)
{
    size_t i = 2;
    int depth = 1;
    while (p[i] && depth > 0) {
        if (p[i] == '/' && p[i + 1] == '*') {
            depth++;
            i += 2;
        } else if (p[i] == '*' && p[i + 1] == '/') {
            depth--;
            i += 2;
        } else {
            i++;
        }
    }
    return i;
}

/* An E'...' string: the E (either case) starts a token and a quote follows. */
static bool is_escape_string(const char *sql, const char *p)
{
    return (p[0] == 'E' || p[0] == 'e') && p[1] == '\'' && (p == sql || !is_ident_char(p[-1]));
}

/* The length of the token at p that can hide a `?` (a string, a quoted
 * identifier or a comment), or 0 when p starts none of these. */
static size_t opaque_len(const char *sql, const char *p)
{
    if (p[0] == '\'' || p[0] == '"')
        return quoted_len(p, false);
    if (is_escape_string(sql, p))
        return 1 + quoted_len(p + 1, true);
    if (p[0] == '-' && p[1] == '-')
        return line_comment_len(p);
    if (p[0] == '/' && p[1] == '*')
        return block_comment_len(p);
    return 0;
}

int pg_sql_translate(const char *sql, struct buf *out, bool *has_code)
{
    int n = 0;
    bool code = false;
    buf_reset(out);
    for (const char *p = sql; *p;) {
        size_t len = opaque_len(sql, p);
        bool comment = (p[0] == '-' || p[0] == '/') && len > 0;
        if (len > 0) {
            buf_append(out, p, len);
            code = code || !comment;
            p += len;
        } else if (*p == '?') {
            buf_printf(out, "$%d", ++n);
            code = true;
            p++;
        } else {
            buf_putc(out, *p);
            code = code || !is_blank(*p);
            p++;
        }
    }
    if (has_code)
        *has_code = code;
    return n;
}

/* ---- full-text search (db.h) -------------------------------------------- */

/* to_tsvector('simple', t.a || ' ' || t.b): exactly the expression of the
 * migrations' GIN index (columns qualified, which the planner ignores). */
static void pg_fts_document(const struct db_fts *ix, const char *const *columns, struct buf *sql)
{
    buf_puts(sql, "to_tsvector('simple', ");
    for (size_t i = 0; columns[i]; i++)
        buf_printf(sql, "%s%s.%s", i ? " || ' ' || " : "", ix->table, columns[i]);
    buf_puts(sql, ")");
}

void pg_fts_from(const struct db_fts *ix, struct buf *sql)
{
    buf_printf(sql, "FROM %s CROSS JOIN websearch_to_tsquery('simple', ?) AS fts_query WHERE ",
               ix->table);
    pg_fts_document(ix, ix->columns, sql);
    buf_puts(sql, " @@ fts_query");
}

void pg_fts_rank(const struct db_fts *ix, struct buf *sql)
{
    buf_puts(sql, "ts_rank(");
    pg_fts_document(ix, ix->rank_columns ? ix->rank_columns : ix->columns, sql);
    buf_puts(sql, ", fts_query) DESC");
}

void pg_fts_word(const char *word, size_t len, bool any, size_t first, struct buf *out)
{
    buf_printf(out, "%s\"%.*s\"", first == 0 ? "" : any ? " or " : " ", (int)len, word);
}
