/* The demo's services (see service.h, service_demo_create): what the
 * fictional organisations of Lindenhoven offer, where and when, so that the
 * service pages, the search and the HSDS export have something real to
 * show. Written as the console, through the same functions as any admin,
 * so each service is in the audit log; a service is made only when its
 * organisation has none of that name (the demo runs again safely). */
#include "model/service.h"

#include <string.h>

#include "core/clock.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/organisation.h"

struct demo_schedule {
    const char *freq, *byday, *bymonthday, *opens, *closes, *description;
};

struct demo_service {
    const char *organisation;
    struct service_input in;
    struct location_input where;
    struct demo_schedule when[2];
};

static const struct demo_service services[] = {
    {"Stichting Welzijn Lindenhoven",
     {.name = "Koffieochtend Lindeplein",
      .description = "Elke dinsdag en donderdag koffie, thee en een praatje. Iedereen is welkom; "
                     "de buurtcoach schuift aan.",
      .url = "https://welzijn-lindenhoven.example.nl/koffie",
      .languages = "nl, tr, ar",
      .cost = "0",
      .contact_name = "Buurtcoach Lindenhof",
      .contact_phone = "0299 123 456"},
     {.name = "Buurthuis Lindeplein",
      .street = "Lindeplein 1",
      .postal_code = "9901 AA",
      .city = "Lindenhoven",
      .area_code = "BU99010201",
      .latitude = "52.3250",
      .longitude = "4.9300",
      .accessibility = "Drempelvrije ingang\nInvalidentoilet\nRinglijn"},
     {{"WEEKLY", "TU,TH", NULL, "09:30", "11:30", NULL}}},
    {"Stichting Welzijn Lindenhoven",
     {.name = "Formulierenhulp",
      .description = "Hulp bij brieven, toeslagen en formulieren van de gemeente, door "
                     "vrijwilligers. Neem uw post mee.",
      .languages = "nl, en, pl",
      .cost = "0",
      .email = "formulieren@welzijn-lindenhoven.example.nl"},
     {.name = "Wijkcentrum De Weiden",
      .street = "Weideweg 10",
      .postal_code = "9901 DG",
      .city = "Lindenhoven",
      .area_code = "BU99010301",
      .accessibility = "Lift naar de eerste verdieping"},
     {{"MONTHLY", "1TU,3TU", NULL, "13:30", "15:30", "Inloopspreekuur"},
      {"WEEKLY", "FR", NULL, "10:00", "12:00", "Op afspraak"}}},
    {"Huurdersvereniging Lindenhof",
     {.name = "Spreekuur voor huurders",
      .description = "Vragen over onderhoud, huur of de renovatie? Het bestuur luistert en "
                     "neemt het mee naar de corporatie.",
      .languages = "nl",
      .cost = "0"},
     {.name = "Kantoor Huurdersvereniging",
      .street = "Bloemenstraat 12",
      .postal_code = "9901 BC",
      .city = "Lindenhoven",
      .area_code = "BU99010202"},
     {{"MONTHLY", "-1TH", NULL, "19:00", "21:00", NULL}}},
    {"Buurtkamer De Weiden",
     {.name = "Open tafel",
      .description = "Samen eten op woensdag, gekookt door buurtbewoners.",
      .languages = "nl, pap",
      .cost = "3,50",
      .cost_note = "per maaltijd"},
     {.name = "Buurtkamer De Weiden",
      .street = "Weideweg 3",
      .postal_code = "9901 DE",
      .city = "Lindenhoven",
      .area_code = "BU99010301",
      .accessibility = "Drempelvrije ingang"},
     {{"WEEKLY", "WE", NULL, "17:30", "19:30", NULL}}},
};

static enum err exists(struct db *db, int64_t org, const char *name, bool *yes, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT COUNT(*) FROM service WHERE organisation_id = ? AND name = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, org);
    db_bind_text(st, 2, name);
    enum db_rc rc = db_step(st);
    *yes = rc == DB_ROW && db_col_int(st, 0) > 0;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err put_one(struct db *db, const struct demo_service *d, const struct actor *console,
                        struct fault *f)
{
    int64_t org = 0, id = 0, loc = 0;
    bool there = false;
    enum err e = organisation_find(db, d->organisation, &org, f);
    if (e == ERR_OK && org)
        e = exists(db, org, d->in.name, &there, f);
    if (e != ERR_OK || org == 0 || there)
        return e;
    e = service_create(db, org, &d->in, console, &id, f);
    if (e == ERR_OK)
        e = service_add_location(db, id, &d->where, console, &loc, f);
    for (int i = 0; e == ERR_OK && i < 2 && d->when[i].freq; i++) {
        struct schedule_input in = {.freq = d->when[i].freq,
                                    .byday = d->when[i].byday,
                                    .bymonthday = d->when[i].bymonthday,
                                    .dtstart = "2024-01-01",
                                    .opens_at = d->when[i].opens,
                                    .closes_at = d->when[i].closes};
        e = service_add_schedule(db, id, i == 0 ? 0 : loc, &in, d->when[i].description, console,
                                 NULL, f);
    }
    return e;
}

enum err service_demo_create(struct db *db, struct fault *f)
{
    struct actor console = {0, CAPACITY_CONSOLE, NULL, clock_now()};
    enum err e = ERR_OK;
    for (size_t i = 0; e == ERR_OK && i < sizeof services / sizeof services[0]; i++)
        e = put_one(db, &services[i], &console, f);
    return e;
}
