/* The demo gemeente's arena (see arena.h, arena_demo_create): relations
 * among the demo organisations (model/demo.c makes them) and a few events
 * in the history of its buurten, all fictional like Lindenhoven itself.
 * Recorded through relation_create and history_add as the console, so the
 * audit log says who made them; a relation already there (ERR_CONFLICT)
 * and an event whose area already has one with its title are skipped, so
 * running the demo twice changes nothing. */
#include "model/arena.h"

#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/history.h"
#include "model/organisation.h"
#include "model/relation.h"

#define WELZIJN "Stichting Welzijn Lindenhoven"
#define HUURDERS "Huurdersvereniging Lindenhof"
#define BUURTKAMER "Buurtkamer De Weiden"
#define KOOKCLUB "Vrijdagkookclub Bloemenbuurt"

static const struct {
    const char *from, *kind, *to, *start, *end;
} relations[] = {
    {WELZIJN, "collaborates_with", HUURDERS, "2018-01-15", NULL},
    {WELZIJN, "funds", KOOKCLUB, "2023-03-01", NULL},
    {HUURDERS, "houses", KOOKCLUB, "2022-09-01", NULL},
    {WELZIJN, "funds", BUURTKAMER, "2019-09-01", "2024-12-31"},
    {BUURTKAMER, "collaborates_with", HUURDERS, "2021-05-01", NULL},
};

static const struct {
    const char *area, *date, *kind, *title, *description, *actors[2];
} events[] = {
    {"BU99010202",
     "2016-05-01",
     "renovation",
     "Renovatie van de flats aan de Bloemenstraat",
     "Nieuwe kozijnen, isolatie en liften; de huurdersvereniging onderhandelde mee.",
     {HUURDERS, NULL}},
    {"BU99010202",
     "2022-09-01",
     "initiative_started",
     "De Vrijdagkookclub kookt voor het eerst",
     "Zes buurvrouwen koken in de ontmoetingsruimte van de huurdersvereniging.",
     {KOOKCLUB, HUURDERS}},
    {"WK990102",
     "2014-06-30",
     "institution_left",
     "De bibliotheek in de Lindenhof sluit",
     NULL,
     {NULL, NULL}},
    {"BU99010301",
     "2019-09-01",
     "initiative_started",
     "Buurtkamer De Weiden gaat open",
     "Bewoners openen een huiskamer voor de wijk, eerst met steun van het welzijnswerk.",
     {BUURTKAMER, WELZIJN}},
};

static enum err org_id(struct db *db, const char *name, int64_t *id, struct fault *f)
{
    enum err e = organisation_find(db, name, id, f);
    return e == ERR_OK && *id == 0
               ? fault_set(f, ERR_NOT_FOUND, NULL, "The demo organisations are missing.", NULL)
               : e;
}

static enum err put_relations(struct db *db, struct arena *a, const struct actor *console,
                              struct fault *f)
{
    enum err e = ERR_OK;
    for (size_t i = 0; e == ERR_OK && i < sizeof relations / sizeof relations[0]; i++) {
        struct relationship r = {.from = {.type = "organisation"},
                                 .to = {.type = "organisation"},
                                 .kind = relations[i].kind,
                                 .start_date = relations[i].start,
                                 .end_date = relations[i].end};
        e = org_id(db, relations[i].from, &r.from.id, f);
        if (e == ERR_OK)
            e = org_id(db, relations[i].to, &r.to.id, f);
        if (e == ERR_OK && relation_create(db, a, &r, console, NULL, f) == ERR_CONFLICT)
            *f = (struct fault){0};
        else if (e == ERR_OK)
            e = f->code;
    }
    return e;
}

static enum err event_there(struct db *db, const char *area, const char *title, bool *there,
                            struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT COUNT(*) FROM history_event WHERE area_code = ? AND title = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, area);
    db_bind_text(st, 2, title);
    enum db_rc rc = db_step(st);
    *there = rc == DB_ROW && db_col_int(st, 0) > 0;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err put_events(struct db *db, struct arena *a, const struct actor *console,
                           struct fault *f)
{
    enum err e = ERR_OK;
    for (size_t i = 0; e == ERR_OK && i < sizeof events / sizeof events[0]; i++) {
        struct arena_actor actors[2];
        struct history_event ev = {.area_code = events[i].area,
                                   .date = events[i].date,
                                   .kind = events[i].kind,
                                   .title = events[i].title,
                                   .description = events[i].description,
                                   .actors = actors};
        bool there = false;
        e = event_there(db, ev.area_code, ev.title, &there, f);
        for (int k = 0; e == ERR_OK && k < 2 && events[i].actors[k]; k++) {
            actors[k] = (struct arena_actor){.type = "organisation"};
            e = org_id(db, events[i].actors[k], &actors[k].id, f);
            ev.nactors++;
        }
        if (e == ERR_OK && !there)
            e = history_add(db, a, &ev, console, NULL, f);
    }
    return e;
}

enum err arena_demo_create(struct db *db, struct fault *f)
{
    struct actor console = {0, CAPACITY_CONSOLE, NULL, clock_now()};
    struct arena *a = arena_new();
    struct fault local = {0};
    enum err e = put_relations(db, a, &console, &local);
    if (e == ERR_OK)
        e = put_events(db, a, &console, &local);
    arena_free(a);
    /* The demo's faults name no argument that lived in a. */
    if (e != ERR_OK && f)
        *f = (struct fault){.code = e, .field = local.field, .msgid = local.msgid};
    return e;
}
