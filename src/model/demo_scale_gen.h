/* Inside the synthetic history generator (model/demo_scale.h): the state
 * of one run shared by its files -- demo_scale.c (areas, figures,
 * organisations, the loop), demo_scale_people.c (residents, skills,
 * collectives), demo_scale_work.c (initiatives and what happens in them)
 * and demo_scale_org.c (hour pledges, agreements, external decisions).
 * Not for use outside those files. */
#ifndef WIJK_MODEL_DEMO_SCALE_GEN_H
#define WIJK_MODEL_DEMO_SCALE_GEN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/demo_scale.h"

struct db;

enum {
    DS_DAY = 86400,
    DS_YEAR = 365 * DS_DAY,
    DS_YEARS = 5,              /* of history */
    DS_DECLINE = 540 * DS_DAY, /* a declining buurt declines in the last 18 months */
    DS_ORGS = 3,               /* organisations per gemeente */
    DS_PROS = 3,               /* professionals per organisation */
    DS_FEW = 5,                /* the few a declining buurt's work falls to */
};

/* splitmix64: small, fast, and the same on every machine. */
struct ds_rng {
    uint64_t s;
};

uint64_t ds_next(struct ds_rng *r);
/* Uniform in [0, n), n > 0. */
int ds_below(struct ds_rng *r, int n);
/* True with percent % probability. */
bool ds_chance(struct ds_rng *r, int percent);
/* Uniform in [lo, hi]. */
int64_t ds_between(struct ds_rng *r, int64_t lo, int64_t hi);
/* An independent stream for (seed, a, b): each buurt draws from its own,
 * so its history does not depend on the order buurten are made in. */
struct ds_rng ds_stream(uint64_t seed, uint64_t a, uint64_t b);

/* A gemeente's organisations, their professionals and its admin. */
struct ds_gemeente {
    char code[16];
    int64_t orgs[DS_ORGS];
    int64_t pros[DS_ORGS][DS_PROS];
    int64_t admin; /* a municipality admin, who records external decisions */
};

/* One buurt's shape. */
struct ds_buurt {
    char code[24], wijk[24];
    int index; /* 0.. over the whole run */
    int64_t inhabitants;
    bool hot, vulnerable, declining, tiny;
};

/* A resident of the buurt being generated (in order of joining), a
 * collective member (since: joined) or a running initiative (since: its
 * execution began). skill: the index in skill_taxonomy() of a skill they
 * registered, -1: none. */
struct ds_resident {
    int64_t id, since;
    int skill;
};

struct ds_ctx {
    struct db *db;
    uint64_t seed;
    int64_t now, start; /* start: five years before now */
    struct demo_scale_result *res;
    const struct ds_gemeente *gm;
    const struct ds_buurt *b;
    struct ds_rng rng; /* the buurt's stream */
    char capacity[40]; /* "resident:<buurt>" */
    struct ds_resident *people;
    int n_people, cap_people;
    int64_t collective;          /* the buurt's collective, 0: none */
    struct ds_resident *members; /* its members, since: when they joined */
    int n_members;
    struct ds_resident *running; /* initiatives that reached execution */
    int n_running;
    uint32_t serial; /* people made in this run, for unique e-mail addresses */
};

/* A value to bind: DS_I(int), DS_D(double), DS_T(text or NULL), DS_N. */
struct ds_val {
    char kind; /* 'i', 'd', 't', 'n' */
    int64_t i;
    double d;
    const char *t;
};
#define DS_I(v) ((struct ds_val){.kind = 'i', .i = (int64_t)(v)})
#define DS_D(v) ((struct ds_val){.kind = 'd', .d = (double)(v)})
#define DS_T(v) ((struct ds_val){.kind = 't', .t = (v)})
#define DS_N ((struct ds_val){.kind = 'n'})

/* Runs sql (a literal) with the values bound in order; *id (when not NULL)
 * gets the first column of its first row (RETURNING id). */
enum err ds_exec(struct ds_ctx *c, int64_t *id, const char *sql, const struct ds_val *vals, int n,
                 struct fault *f);
#define DS_EXEC(c, id, f, sql, ...)                                                                \
    ds_exec((c), (id), (sql), (const struct ds_val[]){__VA_ARGS__},                                \
            (int)(sizeof((const struct ds_val[]){__VA_ARGS__}) / sizeof(struct ds_val)), (f))

/* A moment for an event of the buurt: in a growing buurt more often late
 * than early, in a declining one mostly before its decline. */
int64_t ds_when(struct ds_ctx *c);
/* A resident who had joined by t (the buurt has at least one); in a
 * declining buurt's last 18 months mostly one of the first DS_FEW. */
int64_t ds_resident_at(struct ds_ctx *c, int64_t t);
/* Up to want distinct residents who had joined by t into out (not
 * except); returns how many. In a declining buurt's last 18 months mostly
 * from the first DS_FEW. */
int ds_residents_at(struct ds_ctx *c, int64_t t, int64_t except, struct ds_resident *out, int want);

/* A person who cannot sign in (no password; an address under
 * example.invalid), created at t; *id theirs. */
enum err ds_person(struct ds_ctx *c, const char *name, int64_t t, int64_t *id, struct fault *f);

/* demo_scale_people.c: the buurt's residents (with residencies and some
 * skills) and, when there are enough, its collective. */
enum err ds_people(struct ds_ctx *c, struct fault *f);
enum err ds_collective(struct ds_ctx *c, struct fault *f);

/* demo_scale_work.c: the buurt's initiatives with their phases, pledges,
 * activities, decisions, offers and evaluations; the collective's own
 * decisions. */
enum err ds_initiatives(struct ds_ctx *c, struct fault *f);
enum err ds_collective_decisions(struct ds_ctx *c, struct fault *f);
/* A closed or open majority decision of the collective or initiative
 * (one of them 0) proposed by proposer at t, voted on by voters. */
enum err ds_decision(struct ds_ctx *c, int64_t collective, int64_t initiative, int64_t proposer,
                     int64_t t, const int64_t *voters, int n_voters, struct fault *f);

/* demo_scale_org.c: the organisations' hour pledges to the buurt with
 * their ledger, the collective's agreement, an external decision. */
enum err ds_hours(struct ds_ctx *c, struct fault *f);
enum err ds_agreement(struct ds_ctx *c, struct fault *f);
enum err ds_external(struct ds_ctx *c, int64_t initiative, int64_t t, struct fault *f);

#endif
