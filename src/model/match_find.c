/* Matching's search (see match.h): the candidates for one need and the
 * visibility rule for one person. The rule lives in SQL (VISIBLE below),
 * so rows the viewer may not see never leave the database.
 *
 * The search is built to read little: it starts from person_skill's index
 * by skill code and reads each candidate's profile and residency through
 * covering indexes (0018_skills_practices.sql). The wijk and gemeente of a
 * buurt are not joined but read off its CBS code (BU + gemeente 4 + wijk 2
 * + buurt 2; area_code_parent relies on the same), and names are read for
 * the ranked few only. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/match.h"
#include "model/skill.h"

enum {
    CODES = 8,         /* the need's skill and its related ones, padded */
    VIEWER_WIJKEN = 4, /* the viewer's wijken the 'wijk' rule looks at */
    LOAD_WINDOW = MATCH_LOAD_DAYS * 86400,
};

/* Whether the viewer may see the profile sp of person ps.person_id, who
 * lives in buurt r.buurt_code: public; a 'wijk' profile when that buurt's
 * wijk (its code's 6 characters after "BU") is one of the viewer's
 * (parameters 1..4); an 'allowed' one when it allows the viewer (5). */
#define VISIBLE                                                                                    \
    "(sp.visibility = 'public' OR (sp.visibility = 'wijk' AND substr(r.buurt_code, 3, 6) IN "      \
    "(?, ?, ?, ?)) OR (sp.visibility = 'allowed' AND EXISTS (SELECT 1 FROM skill_allowed sa "      \
    "WHERE sa.person_id = sp.person_id AND sa.allowed_id = ?)))"

#define CANDIDATES                                                                                 \
    "SELECT ps.person_id, ps.skill_code, ps.level, sp.hours_month, r.buurt_code, "                 \
    "(SELECT COALESCE(SUM(CASE pl.period WHEN 'week' THEN pl.hours_tenths * 52 ELSE "              \
    "pl.hours_tenths * 12 END), 0) FROM pledge pl WHERE pl.person_id = ps.person_id AND "          \
    "pl.status = 'active' AND pl.hours_tenths IS NOT NULL), "                                      \
    "(SELECT COUNT(*) FROM match_invite mi WHERE mi.person_id = ps.person_id AND "                 \
    "mi.created_at >= ?) + (SELECT COUNT(*) FROM pledge pc WHERE pc.person_id = ps.person_id "     \
    "AND pc.created_at >= ?), (SELECT ni.status FROM match_invite ni WHERE ni.need_id = ? AND "    \
    "ni.person_id = ps.person_id) "                                                                \
    "FROM person_skill ps JOIN skill_profile sp ON sp.person_id = ps.person_id "                   \
    "JOIN residency r ON r.person_id = ps.person_id AND r.status = 'verified' "                    \
    "WHERE " VISIBLE " AND ps.skill_code IN (?, ?, ?, ?, ?, ?, ?, ?) AND ps.willing = 1 AND "      \
    "sp.paused = 0 AND ps.person_id <> ?"

/* The passes of a search (gather_ranked), each reading fewer rows than the
 * next could add: the need's skill among residents of the initiative's
 * buurten, the need's skill anywhere, the related skills anywhere. */
enum pass { PASS_NEAR, PASS_EXACT, PASS_RELATED };

static const char *const pass_sql[] = {
    [PASS_NEAR] = CANDIDATES " AND r.buurt_code IN (SELECT buurt_code FROM initiative_area "
                             "WHERE initiative_id = ?)",
    [PASS_EXACT] = CANDIDATES,
    [PASS_RELATED] = CANDIDATES,
};

/* The codes a pass reads: the need's own, or the skills related to it;
 * the unused slots "", which no skill has (a repeated code would make
 * PostgreSQL's planner count its rows as often). */
static void codes_of(const char *code, bool related, const char *out[CODES])
{
    int n = 0, total;
    const struct skill *all = skill_taxonomy(&total);
    if (!related)
        out[n++] = code;
    for (int i = 0; related && i < total && n < CODES; i++)
        if (skill_related(code, all[i].code))
            out[n++] = all[i].code;
    while (n < CODES)
        out[n++] = "";
}

/* The wijken (6 characters after "WK") of the buurten the viewer is a
 * verified resident of, "" for the unused; from the arena. */
static enum err viewer_wijken(struct db *db, struct arena *a, int64_t viewer,
                              const char *out[VIEWER_WIJKEN], struct fault *f)
{
    for (int i = 0; i < VIEWER_WIJKEN; i++)
        out[i] = "";
    struct db_stmt *st = db_prepare(db, "SELECT DISTINCT substr(buurt_code, 3, 6) FROM "
                                        "residency WHERE person_id = ? AND status = 'verified'");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, viewer);
    enum db_rc rc;
    for (int i = 0; (rc = db_step(st)) == DB_ROW;)
        if (i < VIEWER_WIJKEN)
            out[i++] = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* The initiative's buurt codes, for proximity. */
struct places {
    const char **buurten;
    int n;
};

static enum err places_of(struct db *db, struct arena *a, int64_t initiative_id, struct places *pl,
                          struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT buurt_code FROM initiative_area WHERE initiative_id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    pl->buurten = arena_array(a, INITIATIVE_AREAS_MAX, sizeof *pl->buurten);
    pl->n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && pl->n < INITIATIVE_AREAS_MAX)
        pl->buurten[pl->n++] = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* 3 when buurt is one of the initiative's, 2 in one of their wijken (the
 * first 8 characters of a buurt code), 1 in one of their gemeenten (the
 * first 6), else 0. */
static int proximity(const struct places *pl, const char *buurt)
{
    static const size_t prefix[] = {10, 8, 6};
    for (int k = 0; k < 3; k++)
        for (int i = 0; buurt && i < pl->n; i++)
            if (strncmp(pl->buurten[i], buurt, prefix[k]) == 0)
                return 3 - k;
    return 0;
}

static const char *static_level(const char *level)
{
    for (const char *const *l = skill_levels(); *l; l++)
        if (level && strcmp(*l, level) == 0)
            return *l;
    return skill_levels()[0];
}

static const char *static_status(const char *status)
{
    static const char *const statuses[] = {"open", "accepted", "declined", NULL};
    for (int i = 0; status && statuses[i]; i++)
        if (strcmp(statuses[i], status) == 0)
            return statuses[i];
    return NULL;
}

/* The candidate of one row, scored (strings static: no copies per row). */
static struct match_candidate candidate_of(struct db_stmt *st, const struct match_need *nd,
                                           const struct places *pl)
{
    const struct skill *sk = skill_find(db_col_text(st, 1));
    struct match_candidate c = {
        .person_id = db_col_int(st, 0),
        .skill_code = sk ? sk->code : nd->skill_code,
        .level = static_level(db_col_text(st, 2)),
        .invite_status = static_status(db_col_text(st, 7)),
    };
    struct match_facts facts = {
        .exact = strcmp(c.skill_code, nd->skill_code) == 0,
        .level = c.level,
        .proximity = proximity(pl, db_col_text(st, 4)),
        .hours_month = (int)db_col_int(st, 3),
        .pledged_month = (int)(db_col_int(st, 5) / 120),
        .load = (int)db_col_int(st, 6),
    };
    match_score(&facts, nd->hours_month, &c);
    return c;
}

static int by_score(const void *x, const void *y)
{
    const struct match_candidate *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return a->person_id < b->person_id ? -1 : a->person_id > b->person_id;
}

/* By person, each person's best row first. */
static int by_person(const void *x, const void *y)
{
    const struct match_candidate *a = x, *b = y;
    if (a->person_id != b->person_id)
        return a->person_id < b->person_id ? -1 : 1;
    return by_score(x, y);
}

static void bind_candidates(struct db_stmt *st, const struct match_need *nd, enum pass pass,
                            const char *const wijken[VIEWER_WIJKEN], const struct actor *act)
{
    const char *codes[CODES];
    codes_of(nd->skill_code, pass == PASS_RELATED, codes);
    int i = 1;
    db_bind_int(st, i++, act->now - LOAD_WINDOW);
    db_bind_int(st, i++, act->now - LOAD_WINDOW);
    db_bind_int(st, i++, nd->id);
    for (int k = 0; k < VIEWER_WIJKEN; k++)
        db_bind_text(st, i++, wijken[k]);
    db_bind_int(st, i++, act->person_id);
    for (int k = 0; k < CODES; k++)
        db_bind_text(st, i++, codes[k]);
    db_bind_int(st, i++, act->person_id);
    if (pass == PASS_NEAR)
        db_bind_int(st, i, nd->initiative_id);
}

/* The candidate rows gathered so far (malloc'ed). */
struct rows {
    struct match_candidate *v;
    int n, cap;
};

/* Appends every visible candidate row of one pass, a person once per
 * fitting skill and residency. */
static enum err gather(struct db *db, const struct match_need *nd, enum pass pass,
                       const struct places *pl, const char *const wijken[VIEWER_WIJKEN],
                       const struct actor *act, struct rows *rows, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, pass_sql[pass]);
    if (!st)
        return db_fault(db, f);
    bind_candidates(st, nd, pass, wijken, act);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (rows->n == rows->cap) {
            rows->cap = rows->cap ? 2 * rows->cap : 256;
            rows->v = realloc(rows->v, (size_t)rows->cap * sizeof *rows->v);
            if (!rows->v)
                abort();
        }
        rows->v[rows->n++] = candidate_of(st, nd, pl);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* Keeps each person's best row, best first. */
static void rank(struct rows *rows)
{
    if (rows->n == 0)
        return;
    qsort(rows->v, (size_t)rows->n, sizeof *rows->v, by_person);
    int kept = 0;
    for (int i = 0; i < rows->n; i++)
        if (kept == 0 || rows->v[kept - 1].person_id != rows->v[i].person_id)
            rows->v[kept++] = rows->v[i];
    rows->n = kept;
    qsort(rows->v, (size_t)kept, sizeof *rows->v, by_score);
}

/* Whether a candidate that a later pass than the ones read could add -- at
 * best bound -- could still rank: fewer than MATCH_LIMIT read so far score
 * more. */
static bool could_rank(const struct rows *rows, int bound)
{
    return rows->n < MATCH_LIMIT || rows->v[MATCH_LIMIT - 1].score <= bound;
}

/* The passes, each read only when one of its candidates could still rank
 * (match_score_max): usually the first, residents of the initiative's
 * buurten with the skill itself, is enough. */
static enum err gather_ranked(struct db *db, const struct match_need *nd, const struct places *pl,
                              const char *const wijken[VIEWER_WIJKEN], const struct actor *act,
                              struct rows *rows, struct fault *f)
{
    static const struct {
        bool exact;
        int proximity;
    } after[] = {[PASS_NEAR] = {true, 2}, [PASS_EXACT] = {false, 3}};
    enum err e = ERR_OK;
    for (enum pass p = PASS_NEAR; e == ERR_OK && p <= PASS_RELATED; p++) {
        e = gather(db, nd, p, pl, wijken, act, rows, f);
        if (e == ERR_OK)
            rank(rows);
        if (p < PASS_RELATED &&
            !could_rank(rows, match_score_max(after[p].exact, after[p].proximity)))
            break;
    }
    return e;
}

/* The display names of the ranked few; their reasons point at their own
 * skill code. */
static enum err finish(struct db *db, struct arena *a, struct match_candidate *items, int n,
                       struct fault *f)
{
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < items[i].n_reasons; k++)
            items[i].reasons[k].skill = items[i].skill_code;
        struct db_stmt *st = db_prepare(db, "SELECT display_name FROM person WHERE id = ?");
        if (!st)
            return db_fault(db, f);
        db_bind_int(st, 1, items[i].person_id);
        enum db_rc rc = db_step(st);
        items[i].display_name = rc == DB_ROW ? arena_strdup(a, db_col_text(st, 0)) : "";
        db_done(st);
        if (rc == DB_ERROR)
            return db_fault(db, f);
    }
    return ERR_OK;
}

/* The need, loaded, after the policy's word on act seeing its matches. */
static enum err need_for(struct db *db, struct arena *a, int64_t need_id, const struct actor *act,
                         struct match_need *nd, struct fault *f)
{
    enum relation rel = REL_OTHER;
    enum err e = match_need_get(db, a, need_id, nd, f);
    if (e == ERR_OK)
        e = initiative_relation(db, nd->initiative_id, act, &rel, f);
    if (e == ERR_OK)
        e = capacity_check(db, act, ACT_MATCH_VIEW, rel, f);
    if (e == ERR_OK && nd->closed_at)
        e = fault_set(f, ERR_CONFLICT, NULL, "This need was closed.", NULL);
    return e;
}

enum err match_find(struct db *db, struct arena *a, int64_t need_id, const struct actor *act,
                    struct match_candidate **items, int *n, struct fault *f)
{
    *items = NULL;
    *n = 0;
    struct match_need nd;
    struct places pl = {0};
    const char *wijken[VIEWER_WIJKEN];
    enum err e = need_for(db, a, need_id, act, &nd, f);
    if (e == ERR_OK)
        e = places_of(db, a, nd.initiative_id, &pl, f);
    if (e == ERR_OK)
        e = viewer_wijken(db, a, act->person_id, wijken, f);
    struct rows rows = {0};
    if (e == ERR_OK)
        e = gather_ranked(db, &nd, &pl, wijken, act, &rows, f);
    if (e == ERR_OK && rows.n > 0) {
        *n = rows.n < MATCH_LIMIT ? rows.n : MATCH_LIMIT;
        *items = arena_array(a, (size_t)*n, sizeof **items);
        memcpy(*items, rows.v, (size_t)*n * sizeof **items);
        e = finish(db, a, *items, *n, f);
    }
    free(rows.v);
    return e;
}

enum err match_visible(struct db *db, int64_t person_id, int64_t viewer_id, bool *visible,
                       bool *askable, struct fault *f)
{
    *visible = *askable = false;
    struct arena *a = arena_new();
    const char *wijken[VIEWER_WIJKEN];
    enum err e = viewer_wijken(db, a, viewer_id, wijken, f);
    struct db_stmt *st = e == ERR_OK ? db_prepare(db, "SELECT MAX(CASE WHEN " VISIBLE
                                                      " THEN 1 ELSE 0 END), MIN(sp.paused) FROM "
                                                      "skill_profile sp JOIN residency r ON "
                                                      "r.person_id = sp.person_id AND r.status = "
                                                      "'verified' WHERE sp.person_id = ?")
                                     : NULL;
    if (e == ERR_OK && !st)
        e = db_fault(db, f);
    if (e == ERR_OK) {
        for (int k = 0; k < VIEWER_WIJKEN; k++)
            db_bind_text(st, k + 1, wijken[k]);
        db_bind_int(st, 5, viewer_id);
        db_bind_int(st, 6, person_id);
        enum db_rc rc = db_step(st);
        if (rc == DB_ROW && !db_col_is_null(st, 0)) {
            *visible = db_col_int(st, 0) == 1 && person_id != viewer_id;
            *askable = *visible && db_col_int(st, 1) == 0;
        }
        db_done(st);
        if (rc == DB_ERROR)
            e = db_fault(db, f);
    }
    arena_free(a);
    return e;
}
