/* Inside the demo people (model/demo_people.h): the state of one run
 * shared by its files -- demo_people.c (the people, the collective and the
 * initiatives) and demo_people_work.c (what they do once they run). Not
 * for use outside those files. */
#ifndef WIJK_MODEL_DEMO_PEOPLE_GEN_H
#define WIJK_MODEL_DEMO_PEOPLE_GEN_H

#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;
struct demo_people_result;

/* The buurten of the demo people. */
#define BLOEMEN "BU99010202"
#define KANAAL "BU99010404"
#define WEIDE "BU99010301"

enum { DAY = 86400, STEP_DAYS = 4 };

enum who { ANOUK, BRAM, CHAIMA, DAAN, ESRA, FREEK, KARIM, GERDA, HENK, ILSE, JEROEN, NPEOPLE };

struct dp_ctx {
    struct db *db;
    struct arena *a;
    const char *password;
    int64_t run; /* the time of the run */
    int64_t now; /* the demo clock; dp_tick() moves it on */
    int64_t id[NPEOPLE];
    int64_t welzijn;    /* the organisation's id */
    int64_t collective; /* 0: none */
    struct demo_people_result *res;
};

/* The initiatives the second half works in, by id. */
struct dp_initiatives {
    int64_t garden;  /* "Moestuin achter de Bloemenschool", in execution */
    int64_t facades; /* "Geveltuinen in de Kanaalzone", in awareness */
    int64_t cleanup; /* "Opruimochtend Kanaalzone", anchored */
};

/* Person w acting in capacity, STEP_DAYS after the step before. */
struct actor dp_tick(struct dp_ctx *c, enum who w, const char *capacity);

/* Makes what is missing of the second half (demo_people_work.c) in the
 * caller's transaction, once the people, the collective (c) and the
 * initiatives (in) are there. Errors: those of the model functions
 * called. */
enum err dp_work(struct dp_ctx *c, const struct dp_initiatives *in, struct fault *f);

#endif
