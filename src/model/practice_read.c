/* Reading the practice library (see practice.h): one practice, the search
 * with its filters, and the similar initiatives. Everything here is public
 * (policy practice.view). */
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/area.h"
#include "model/practice.h"

static const char *const practice_columns[] = {"title",        "aim",        "worked",
                                               "did_not_work", "conditions", NULL};
/* ranked by title and aim: a practice that names the words there comes
 * first (and PostgreSQL parses less for each match) */
static const char *const practice_rank_columns[] = {"title", "aim", NULL};
static const struct db_fts practice_index = {"practice", practice_columns, practice_rank_columns};
static const char *const initiative_columns[] = {"title", "aim", NULL};
static const struct db_fts initiative_index = {"initiative", initiative_columns, NULL};

enum { SIMILAR_WORD_MIN = 4 }; /* bytes: shorter words are mostly "de", "the", "and" */

#define COLUMNS                                                                                    \
    "practice.id, practice.initiative_id, practice.title, practice.aim, practice.worked, "         \
    "practice.did_not_work, practice.conditions, practice.buurt_code, practice.wijk_code, "        \
    "practice.gemeente_code, practice.contact_id, practice.published_by, practice.published_at, "  \
    "(SELECT name FROM area WHERE code = practice.buurt_code), (SELECT display_name FROM person "  \
    "WHERE id = practice.contact_id) "

static struct practice practice_of(struct db_stmt *st, struct arena *a)
{
    return (struct practice){
        .id = db_col_int(st, 0),
        .initiative_id = db_col_int(st, 1),
        .title = arena_strdup(a, db_col_text(st, 2)),
        .aim = arena_strdup(a, db_col_text(st, 3)),
        .worked = arena_strdup(a, db_col_text(st, 4)),
        .did_not_work = arena_strdup(a, db_col_text(st, 5)),
        .conditions = arena_strdup(a, db_col_text(st, 6)),
        .buurt_code = arena_strdup(a, db_col_text(st, 7)),
        .wijk_code = arena_strdup(a, db_col_text(st, 8)),
        .gemeente_code = arena_strdup(a, db_col_text(st, 9)),
        .contact_id = db_col_int(st, 10),
        .published_by = db_col_int(st, 11),
        .published_at = db_col_int(st, 12),
        .buurt_name = db_col_text_dup(st, 13, a),
        .contact_name = db_col_text_dup(st, 14, a),
    };
}

static enum err load_themes(struct db *db, struct arena *a, struct practice *p, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT theme FROM practice_theme WHERE practice_id = ? "
                                        "ORDER BY theme");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, p->id);
    p->themes = arena_array(a, PRACTICE_THEMES_MAX, sizeof *p->themes);
    p->n_themes = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && p->n_themes < PRACTICE_THEMES_MAX)
        p->themes[p->n_themes++] = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err practice_get(struct db *db, struct arena *a, int64_t id, struct practice *out,
                      struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT " COLUMNS "FROM practice WHERE practice.id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *out = practice_of(st, a);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc != DB_ROW)
        return fault_set(f, ERR_NOT_FOUND, NULL, "There is no such practice.", NULL);
    return load_themes(db, a, out, f);
}

enum err practice_of_initiative(struct db *db, int64_t initiative_id, int64_t *id, struct fault *f)
{
    *id = 0;
    struct db_stmt *st = db_prepare(db, "SELECT id FROM practice WHERE initiative_id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static bool blank(const char *s)
{
    return !s || !*s;
}

static enum err query_check(struct db *db, const struct practice_query *q, struct fault *f)
{
    const char *w = q->words ? q->words : "";
    size_t len = strlen(w);
    if (!utf8_valid(w, len) || utf8_count(w, len) > PRACTICE_QUERY_MAX)
        return fault_set(f, ERR_INVALID, "q", "Search with at most 200 characters.", NULL);
    if (!blank(q->theme) && !practice_theme_valid(q->theme))
        return fault_set(f, ERR_INVALID, "theme", "Choose themes from the list.", NULL);
    if (blank(q->area))
        return ERR_OK;
    struct arena *a = arena_new();
    struct area ar;
    enum err e = area_get(db, a, q->area, &ar, f);
    arena_free(a);
    if (e == ERR_NOT_FOUND || e == ERR_INVALID)
        e = fault_set(f, ERR_INVALID, "area", "There is no area with this code.", NULL);
    return e;
}

/* The filters, after the search's own parameter (if any): theme, area. */
static const char filters[] =
    " AND (CAST(? AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM practice_theme t WHERE "
    "t.practice_id = practice.id AND t.theme = ?)) AND (CAST(? AS TEXT) IS NULL OR "
    "practice.buurt_code = ? OR practice.wijk_code = ? OR practice.gemeente_code = ?)";

static void bind_filters(struct db_stmt *st, int i, const struct practice_query *q)
{
    const char *theme = blank(q->theme) ? NULL : q->theme;
    const char *area = blank(q->area) ? NULL : q->area;
    db_bind_text(st, i, theme);
    db_bind_text(st, i + 1, theme);
    for (int k = 0; k < 4; k++)
        db_bind_text(st, i + 2 + k, area);
}

enum err practice_search(struct db *db, struct arena *a, const struct practice_query *q,
                         struct practice **items, int *n, struct fault *f)
{
    *items = arena_array(a, PRACTICE_LIST_MAX, sizeof **items);
    *n = 0;
    enum err e = query_check(db, q, f);
    if (e != ERR_OK)
        return e;
    const char *fts = db_fts_query(db, q->words, false, a);
    struct buf sql = BUF_INIT;
    buf_puts(&sql, "SELECT " COLUMNS);
    if (fts)
        db_fts_from(db, &practice_index, &sql);
    else
        buf_puts(&sql, "FROM practice WHERE 1 = 1");
    buf_puts(&sql, filters);
    buf_puts(&sql, " ORDER BY ");
    if (fts) {
        db_fts_rank(db, &practice_index, &sql);
        buf_puts(&sql, ", ");
    }
    buf_puts(&sql, "practice.id DESC LIMIT 50");
    struct db_stmt *st = db_prepare(db, buf_cstr(&sql));
    buf_free(&sql);
    if (!st)
        return db_fault(db, f);
    if (fts)
        db_bind_text(st, 1, fts);
    bind_filters(st, fts ? 2 : 1, q);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && *n < PRACTICE_LIST_MAX)
        (*items)[(*n)++] = practice_of(st, a);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* The words of text of at least SIMILAR_WORD_MIN bytes, space-separated. */
static const char *long_words(struct arena *a, const char *text)
{
    struct buf out = BUF_INIT;
    const char *p = text;
    while (*p) {
        size_t len = strcspn(p, " \t\r\n.,;:!?()\"'-/");
        if (len >= SIMILAR_WORD_MIN)
            buf_printf(&out, "%.*s ", (int)len, p);
        p += len + (p[len] != '\0');
    }
    const char *s = arena_strdup(a, buf_cstr(&out));
    buf_free(&out);
    return s;
}

static enum err own_text(struct db *db, struct arena *a, int64_t initiative_id, const char **text,
                         struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT title || ' ' || aim FROM initiative WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    enum db_rc rc = db_step(st);
    *text = rc == DB_ROW ? arena_strdup(a, db_col_text(st, 0)) : NULL;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return *text ? ERR_OK : fault_set(f, ERR_NOT_FOUND, NULL, "There is no such initiative.", NULL);
}

enum err practice_similar(struct db *db, struct arena *a, int64_t initiative_id,
                          struct practice_similar **items, int *n, struct fault *f)
{
    *items = arena_array(a, PRACTICE_SIMILAR_MAX, sizeof **items);
    *n = 0;
    const char *text;
    enum err e = own_text(db, a, initiative_id, &text, f);
    const char *fts = e == ERR_OK ? db_fts_query(db, long_words(a, text), true, a) : NULL;
    if (!fts)
        return e;
    struct buf sql = BUF_INIT;
    buf_puts(&sql, "SELECT initiative.id, initiative.title, initiative.phase, (SELECT p.id FROM "
                   "practice p WHERE p.initiative_id = initiative.id) ");
    db_fts_from(db, &initiative_index, &sql);
    buf_puts(&sql, " AND initiative.id <> ? ORDER BY ");
    db_fts_rank(db, &initiative_index, &sql);
    buf_puts(&sql, ", initiative.id DESC LIMIT 5");
    struct db_stmt *st = db_prepare(db, buf_cstr(&sql));
    buf_free(&sql);
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, fts);
    db_bind_int(st, 2, initiative_id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && *n < PRACTICE_SIMILAR_MAX)
        (*items)[(*n)++] = (struct practice_similar){
            .initiative_id = db_col_int(st, 0),
            .title = arena_strdup(a, db_col_text(st, 1)),
            .phase = arena_strdup(a, db_col_text(st, 2)),
            .practice_id = db_col_int(st, 3),
        };
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}
