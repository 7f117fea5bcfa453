/* Generated data for matching and the practice library (see
 * match_demo.h). Every insert is a prepared statement the driver caches,
 * run once per row inside one transaction. */
#include "model/match_demo.h"

#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/demo.h"
#include "model/practice.h"
#include "model/skill.h"
#include "model/tx.h"

enum { BUURTEN_MAX = 64 };

struct rng {
    uint32_t s;
};

static uint32_t rng_next(struct rng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 17;
    r->s ^= r->s << 5;
    return r->s;
}

static int rng_below(struct rng *r, int n)
{
    return (int)(rng_next(r) % (uint32_t)n);
}

struct gen {
    struct db *db;
    struct rng rng;
    int64_t now;
    char buurten[BUURTEN_MAX][16];
    int n_buurten;
    int64_t initiator;
    unsigned seq; /* people made in this run */
};

/* Runs st (prepared, bound) to its end; *id the first column of a row. */
static enum err run(struct gen *g, struct db_stmt *st, int64_t *id, struct fault *f)
{
    if (!st)
        return db_fault(g->db, f);
    enum db_rc rc = db_step(st);
    if (id)
        *id = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    return rc == DB_ERROR ? db_fault(g->db, f) : ERR_OK;
}

static enum err load_buurten(struct gen *g, struct fault *f)
{
    struct db_stmt *st = db_prepare(g->db, "SELECT b.code FROM area b JOIN area w ON w.code = "
                                           "b.parent_code WHERE w.parent_code = ? ORDER BY b.code");
    if (!st)
        return db_fault(g->db, f);
    db_bind_text(st, 1, DEMO_GEMEENTE);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && g->n_buurten < BUURTEN_MAX)
        snprintf(g->buurten[g->n_buurten++], sizeof g->buurten[0], "%s", db_col_text(st, 0));
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(g->db, f);
    return g->n_buurten
               ? ERR_OK
               : fault_set(f, ERR_NOT_FOUND, NULL, "Create the demo gemeente first.", NULL);
}

/* A person with a verified residency in buurt; *id theirs. */
static enum err person(struct gen *g, const char *name, const char *buurt, int64_t *id,
                       struct fault *f)
{
    struct db_stmt *st = db_prepare(g->db, "INSERT INTO person (email, display_name, lang, "
                                           "created_at) VALUES (?, ?, 'nl', ?) RETURNING id");
    char email[96];
    snprintf(email, sizeof email, "match-%u-%u-%u@example.invalid", (unsigned)g->now,
             rng_next(&g->rng), g->seq++);
    if (st) {
        db_bind_text(st, 1, email);
        db_bind_text(st, 2, name);
        db_bind_int(st, 3, g->now);
    }
    enum err e = run(g, st, id, f);
    if (e != ERR_OK)
        return e;
    st = db_prepare(g->db, "INSERT INTO residency (person_id, buurt_code, status, method, "
                           "verified_at, requested_at, start_at) VALUES (?, ?, 'verified', "
                           "'admin', ?, ?, ?)");
    if (st) {
        db_bind_int(st, 1, *id);
        db_bind_text(st, 2, buurt);
        for (int i = 3; i <= 5; i++)
            db_bind_int(st, i, g->now);
    }
    return run(g, st, NULL, f);
}

static const char *const first_names[] = {"Anna", "Bram",  "Chaima", "Daan", "Eva",  "Fatma",
                                          "Gijs", "Hanna", "Ilias",  "Joke", "Kees", "Lotte"};
static const char *const visibilities[] = {"public", "public", "public", "public", "public",
                                           "public", "public", "wijk",   "wijk",   "allowed"};

static enum err profile(struct gen *g, int64_t id, const char *vis, struct fault *f)
{
    struct db_stmt *st = db_prepare(g->db, "INSERT INTO skill_profile (person_id, hours_month, "
                                           "visibility, paused, about, updated_at) VALUES "
                                           "(?, ?, ?, ?, '', ?)");
    if (st) {
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, rng_below(&g->rng, 41));
        db_bind_text(st, 3, vis);
        db_bind_int(st, 4, rng_below(&g->rng, 20) == 0);
        db_bind_int(st, 5, g->now);
    }
    return run(g, st, NULL, f);
}

/* One to three distinct skills of the taxonomy. */
static enum err skills(struct gen *g, int64_t id, struct fault *f)
{
    int n_tax, n = 1 + rng_below(&g->rng, 3), picked[3];
    const struct skill *tax = skill_taxonomy(&n_tax);
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < n; i++) {
        picked[i] = rng_below(&g->rng, n_tax);
        bool again = false;
        for (int j = 0; j < i; j++)
            again = again || picked[j] == picked[i];
        if (again)
            continue;
        struct db_stmt *st = db_prepare(g->db, "INSERT INTO person_skill (person_id, "
                                               "skill_code, level, willing) VALUES (?, ?, ?, ?)");
        if (st) {
            db_bind_int(st, 1, id);
            db_bind_text(st, 2, tax[picked[i]].code);
            db_bind_text(st, 3, skill_levels()[rng_below(&g->rng, 3)]);
            db_bind_int(st, 4, rng_below(&g->rng, 10) != 0);
        }
        e = run(g, st, NULL, f);
    }
    return e;
}

static enum err one_person(struct gen *g, int i, struct fault *f)
{
    char name[64];
    snprintf(name, sizeof name, "%s %d", first_names[i % 12], i + 1);
    int64_t id = 0;
    const char *vis = visibilities[rng_below(&g->rng, 10)];
    enum err e = person(g, name, g->buurten[rng_below(&g->rng, g->n_buurten)], &id, f);
    if (e == ERR_OK)
        e = profile(g, id, vis, f);
    if (e == ERR_OK)
        e = skills(g, id, f);
    if (e == ERR_OK && strcmp(vis, "allowed") == 0 && i % 2 == 0) {
        struct db_stmt *st = db_prepare(g->db, "INSERT INTO skill_allowed (person_id, "
                                               "allowed_id) VALUES (?, ?)");
        if (st) {
            db_bind_int(st, 1, id);
            db_bind_int(st, 2, g->initiator);
        }
        e = run(g, st, NULL, f);
    }
    return e;
}

/* An initiative of g->initiator in buurt, in phase; *id its. */
static enum err initiative(struct gen *g, const char *title, const char *aim, const char *phase,
                           const char *buurt, int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        g->db, "INSERT INTO initiative (title, aim, phase, created_by, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
    if (st) {
        db_bind_text(st, 1, title);
        db_bind_text(st, 2, aim);
        db_bind_text(st, 3, phase);
        db_bind_int(st, 4, g->initiator);
        db_bind_int(st, 5, g->now);
        db_bind_int(st, 6, g->now);
    }
    enum err e = run(g, st, id, f);
    for (int k = 0; e == ERR_OK && k < 2; k++) {
        st = db_prepare(g->db, k == 0 ? "INSERT INTO initiative_area (initiative_id, buurt_code) "
                                        "VALUES (?, ?)"
                                      : "INSERT INTO initiative_initiator (initiative_id, "
                                        "person_id, since_at) VALUES (?, ?, ?)");
        if (st) {
            db_bind_int(st, 1, *id);
            if (k == 0) {
                db_bind_text(st, 2, buurt);
            } else {
                db_bind_int(st, 2, g->initiator);
                db_bind_int(st, 3, g->now);
            }
        }
        e = run(g, st, NULL, f);
    }
    return e;
}

static enum err need(struct gen *g, struct match_demo_result *res, struct fault *f)
{
    enum err e = initiative(g, "Bankjes voor het plein", "Houten bankjes bouwen voor het plein",
                            "awareness", g->buurten[0], &res->initiative_id, f);
    struct db_stmt *st = e == ERR_OK ? db_prepare(g->db, "INSERT INTO match_need (initiative_id, "
                                                         "skill_code, hours_month, note, "
                                                         "created_by, created_at) VALUES "
                                                         "(?, 'carpentry', 8, '', ?, ?) "
                                                         "RETURNING id")
                                     : NULL;
    if (e != ERR_OK)
        return e;
    if (st) {
        db_bind_int(st, 1, res->initiative_id);
        db_bind_int(st, 2, g->initiator);
        db_bind_int(st, 3, g->now);
    }
    return run(g, st, &res->need_id, f);
}

static const char *const subjects[] = {"moestuin",     "speeltuin",  "repair cafe", "buurtkeuken",
                                       "zonnepanelen", "boekenkast", "jeugdclub",   "wandelgroep",
                                       "geveltuinen",  "taalcafe",   "buurtbus",    "klusdag"};
static const char *const lessons[] = {"samen beginnen met een kleine groep vaste vrijwilligers",
                                      "een vaste dag in de week maakt het makkelijk om mee te doen",
                                      "de woningcorporatie leende gereedschap en een ruimte",
                                      "kinderen brachten hun ouders mee naar de eerste bijeenkomst",
                                      "een subsidie van het wijkfonds betaalde het materiaal",
                                      "flyers in drie talen bereikten nieuwe buren"};

static enum err practice_texts(struct gen *g, int64_t id, int i, struct fault *f)
{
    char worked[200], not_worked[200];
    snprintf(worked, sizeof worked, "Wat werkte: %s.", lessons[i % 6]);
    snprintf(not_worked, sizeof not_worked, "Minder goed: %s.", lessons[(i + 3) % 6]);
    struct db_stmt *st = db_prepare(g->db, "INSERT INTO initiative_evaluation (initiative_id, "
                                           "results, worked, did_not_work, conditions, "
                                           "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (st) {
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, "Het liep");
        db_bind_text(st, 3, worked);
        db_bind_text(st, 4, not_worked);
        db_bind_text(st, 5, "Een vaste trekker");
        db_bind_int(st, 6, g->initiator);
        db_bind_int(st, 7, g->now);
    }
    enum err e = run(g, st, NULL, f);
    st = e == ERR_OK ? db_prepare(g->db, "INSERT INTO practice (initiative_id, title, aim, worked, "
                                         "did_not_work, conditions, buurt_code, wijk_code, "
                                         "gemeente_code, contact_id, published_by, published_at) "
                                         "SELECT i.id, i.title, i.aim, ?, ?, 'Een vaste trekker', "
                                         "b.code, b.parent_code, ?, ?, ?, ? FROM initiative i "
                                         "JOIN initiative_area ia ON ia.initiative_id = i.id "
                                         "JOIN area b ON b.code = ia.buurt_code WHERE i.id = ? "
                                         "RETURNING id")
                     : NULL;
    if (e != ERR_OK)
        return e;
    if (st) {
        db_bind_text(st, 1, worked);
        db_bind_text(st, 2, not_worked);
        db_bind_text(st, 3, DEMO_GEMEENTE);
        db_bind_int(st, 4, g->initiator);
        db_bind_int(st, 5, g->initiator);
        db_bind_int(st, 6, g->now);
        db_bind_int(st, 7, id);
    }
    int64_t pid = 0;
    e = run(g, st, &pid, f);
    st = e == ERR_OK ? db_prepare(g->db, "INSERT INTO practice_theme (practice_id, theme) "
                                         "VALUES (?, ?)")
                     : NULL;
    if (e != ERR_OK)
        return e;
    if (st) {
        db_bind_int(st, 1, pid);
        db_bind_text(st, 2, practice_themes()[i % 10]);
    }
    return run(g, st, NULL, f);
}

static enum err one_practice(struct gen *g, int i, struct fault *f)
{
    char title[120], aim[200];
    const char *subject = subjects[rng_below(&g->rng, 12)];
    snprintf(title, sizeof title, "De %s van straat %d", subject, i + 1);
    snprintf(aim, sizeof aim, "Een %s voor en door de buren, om elkaar beter te leren kennen",
             subject);
    int64_t id = 0;
    enum err e = initiative(g, title, aim, "evaluation",
                            g->buurten[rng_below(&g->rng, g->n_buurten)], &id, f);
    return e == ERR_OK ? practice_texts(g, id, i, f) : e;
}

static enum err generate(struct gen *g, int persons, int practices, struct match_demo_result *res,
                         struct fault *f)
{
    enum err e = person(g, "Initiatiefnemer bankjes", g->buurten[0], &g->initiator, f);
    res->initiator_id = g->initiator;
    if (e == ERR_OK)
        e = need(g, res, f);
    for (int i = 0; e == ERR_OK && i < persons; i++, res->persons++)
        e = one_person(g, i, f);
    for (int i = 0; e == ERR_OK && i < practices; i++, res->practices++)
        e = one_practice(g, i, f);
    return e;
}

enum err match_demo_generate(struct db *db, int persons, int practices, int64_t now,
                             struct match_demo_result *res, struct fault *f)
{
    *res = (struct match_demo_result){0};
    if (persons < 0 || persons > MATCH_DEMO_MAX || practices < 0 || practices > MATCH_DEMO_MAX)
        return fault_set(f, ERR_INVALID, "match-data",
                         "Give between 0 and 1000000 persons and practices.", NULL);
    struct gen g = {.db = db, .rng = {2463534242u}, .now = now};
    enum err e = load_buurten(&g, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = generate(&g, persons, practices, res, f);
    return tx_end(db, own, e, f);
}
