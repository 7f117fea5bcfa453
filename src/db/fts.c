/* Full-text search (see db.h): the part both dialects share -- cutting a
 * person's words into terms -- and the dispatch to the driver, which
 * writes its own SQL and its own query syntax (sqlite.c: FTS5 MATCH;
 * pg_sql.c: to_tsvector @@ websearch_to_tsquery). */
#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "db/driver.h"

enum { FTS_WORDS_MAX = 32 };

void db_fts_from(struct db *db, const struct db_fts *ix, struct buf *sql)
{
    db->drv->fts_from(ix, sql);
}

void db_fts_rank(struct db *db, const struct db_fts *ix, struct buf *sql)
{
    db->drv->fts_rank(ix, sql);
}

/* Letters and digits of ASCII, and every byte of a multi-byte UTF-8
 * character: a word of "café" or "Ærø" stays one word. */
static bool word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

const char *db_fts_query(struct db *db, const char *words, bool any, struct arena *a)
{
    struct buf out = BUF_INIT;
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)(words ? words : "");
    while (*p && n < FTS_WORDS_MAX) {
        while (*p && !word_byte(*p))
            p++;
        const unsigned char *start = p;
        while (*p && word_byte(*p))
            p++;
        if (p > start)
            db->drv->fts_word((const char *)start, (size_t)(p - start), any, n++, &out);
    }
    const char *q = out.len ? arena_strndup(a, buf_cstr(&out), out.len) : NULL;
    buf_free(&out);
    return q;
}
