/* Demo data. Lindenhoven is FICTIONAL: no real gemeente is called that, and
 * the code GM9901 is unused by CBS (real codes end well below 9900), so the
 * demo can live next to real imported data without clashing.
 *
 * The figures come from a fixed pseudo-random sequence (xorshift32 with a
 * fixed seed), so every run gives the same data. Buurt figures are drawn;
 * wijk and gemeente figures are computed from them (counts are sums, averages
 * are weighted), so everything adds up. One buurt is made vulnerable on
 * purpose: its share of low-income households is about twice the national
 * ~8 %, so the transition monitor's early warning has something to show.
 *
 * Boundaries are rectangles on a grid of micro-degrees around lon 4.9, lat
 * 52.3: the gemeente is split into four wijken, each wijk into rows of buurten,
 * so buurten tile their wijk and wijken tile the gemeente exactly.
 *
 * Three fictional organisations come with it, registered as at the console
 * (and so in the audit log) the first time only: found by name afterwards.
 * There are no demo accounts, so no organisation admins or posts. */
#include "model/demo.h"

#include <math.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/clock.h"
#include "db/db.h"
#include "model/area.h"
#include "model/arena.h"
#include "model/capacity.h"
#include "model/hours.h"
#include "model/organisation.h"
#include "model/service.h"

enum { SEED = 20240101, NWIJK = 4, MAXBUURT = 6 };

/* Codes are literals (not formatted) so that a fault naming one stays valid
 * after demo_create returns. */
struct buurt_def {
    const char *code, *name;
};

struct wijk_def {
    const char *code, *name;
    int nbuurt;
    struct buurt_def buurten[MAXBUURT];
};

static const struct wijk_def wijken[NWIJK] = {
    {"WK990101",
     "Centrum",
     4,
     {{"BU99010101", "Marktkwartier"},
      {"BU99010102", "Kerkbuurt"},
      {"BU99010103", "Havenkwartier"},
      {"BU99010104", "Stationsbuurt"}}},
    {"WK990102",
     "Lindenhof",
     5,
     {{"BU99010201", "Lindeplein"},
      {"BU99010202", "Bloemenbuurt"},
      {"BU99010203", "Vogelbuurt"},
      {"BU99010204", "Schildersbuurt"},
      {"BU99010205", "Rozenhof"}}},
    {"WK990103",
     "De Weiden",
     3,
     {{"BU99010301", "Weidebuurt"}, {"BU99010302", "Molenwijk"}, {"BU99010303", "Polderzicht"}}},
    {"WK990104",
     "Oosterpark",
     6,
     {{"BU99010401", "Parkbuurt"},
      {"BU99010402", "Bomenbuurt"},
      {"BU99010403", "Sportpark"},
      {"BU99010404", "Kanaalzone"},
      {"BU99010405", "Oostereiland"},
      {"BU99010406", "Dijkzicht"}}},
};

/* The deliberately vulnerable buurt: Kanaalzone (BU99010404) in Oosterpark. */
enum { VULNERABLE_WIJK = 3, VULNERABLE_BUURT = 3 };

/* The gemeente's rectangle in micro-degrees, and where it splits into
 * wijken (west/east at SPLIT_LON, south/north at SPLIT_LAT). */
enum {
    MIN_LON = 4860000,
    MAX_LON = 4960000,
    MIN_LAT = 52280000,
    MAX_LAT = 52340000,
    SPLIT_LON = 4904000,
    SPLIT_LAT = 52313000,
};

struct rect {
    int32_t w, s, e, n; /* micro-degrees */
};

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

/* Uniform in [lo, hi]. */
static int rng_range(struct rng *r, int lo, int hi)
{
    return lo + (int)(rng_next(r) % (uint32_t)(hi - lo + 1));
}

static struct figure known(double v)
{
    return (struct figure){true, v};
}

static double round1(double v)
{
    return round(v * 10) / 10;
}

/* Draws a buurt's figures. Age groups are shares of the inhabitants, the
 * remainder of rounding going to 25-45, so they sum exactly. */
static void draw_buurt(struct rng *r, bool vulnerable, struct area_figures *fig)
{
    int people = rng_range(r, 900, 3800);
    int weight[5] = {rng_range(r, 11, 19), rng_range(r, 8, 15), rng_range(r, 19, 31),
                     rng_range(r, 22, 32), rng_range(r, 14, 26)};
    int total = 0, given = 0, count[5];
    for (int i = 0; i < 5; i++)
        total += weight[i];
    for (int i = 0; i < 5; i++)
        given += count[i] = people * weight[i] / total;
    count[2] += people - given;
    int households = (int)lround(people / (rng_range(r, 17, 27) / 10.0));
    *fig = (struct area_figures){
        .year = DEMO_YEAR,
        .inhabitants = known(people),
        .age_0_15 = known(count[0]),
        .age_15_25 = known(count[1]),
        .age_25_45 = known(count[2]),
        .age_45_65 = known(count[3]),
        .age_65_plus = known(count[4]),
        .households = known(households),
        .avg_household_size = known(round1((double)people / households)),
        .income_per_inhabitant = known(rng_range(r, 270, 400) / 10.0),
        .low_income_share = known(rng_range(r, 50, 105) / 10.0),
    };
    if (vulnerable) {
        fig->income_per_inhabitant = known(25.4);
        fig->low_income_share = known(17.6);
    }
}

/* Adds a child's figures to a parent's running sums: counts add up, income
 * is weighted by inhabitants and low income by households (finished by
 * finish_sum). */
static void add_to_sum(struct area_figures *sum, const struct area_figures *c)
{
    struct figure *dst[] = {&sum->inhabitants, &sum->age_0_15,    &sum->age_15_25, &sum->age_25_45,
                            &sum->age_45_65,   &sum->age_65_plus, &sum->households};
    const struct figure *src[] = {&c->inhabitants, &c->age_0_15,    &c->age_15_25, &c->age_25_45,
                                  &c->age_45_65,   &c->age_65_plus, &c->households};
    for (int i = 0; i < 7; i++)
        *dst[i] = known(dst[i]->value + src[i]->value);
    sum->income_per_inhabitant.value += c->income_per_inhabitant.value * c->inhabitants.value;
    sum->low_income_share.value += c->low_income_share.value * c->households.value;
}

static void finish_sum(struct area_figures *sum)
{
    sum->year = DEMO_YEAR;
    sum->avg_household_size = known(round1(sum->inhabitants.value / sum->households.value));
    sum->income_per_inhabitant =
        known(round1(sum->income_per_inhabitant.value / sum->inhabitants.value));
    sum->low_income_share = known(round1(sum->low_income_share.value / sum->households.value));
}

/* The wijk rectangles: 1 north-west, 2 north-east, 3 south-west, 4
 * south-east. */
static struct rect wijk_rect(int w)
{
    bool west = w % 2 == 0, north = w < 2;
    return (struct rect){west ? MIN_LON : SPLIT_LON, north ? SPLIT_LAT : MIN_LAT,
                         west ? SPLIT_LON : MAX_LON, north ? MAX_LAT : SPLIT_LAT};
}

/* Buurt b of n in its wijk: one row for up to 3 buurten, else two rows (the
 * northern one gets the odd one out); cells are equal within a row. */
static struct rect buurt_rect(struct rect wr, int b, int n)
{
    int rows = n <= 3 ? 1 : 2;
    int top = (n + 1) / 2, row = rows == 2 && b >= top ? 1 : 0;
    int cols = rows == 1 ? n : row == 0 ? top : n - top;
    int col = row == 0 ? b : b - top;
    int32_t height = (wr.n - wr.s) / rows, width = wr.e - wr.w;
    int32_t north = row == 0 ? wr.n : wr.n - height;
    int32_t south = row == rows - 1 ? wr.s : north - height;
    return (struct rect){wr.w + (int32_t)((int64_t)width * col / cols), south,
                         wr.w + (int32_t)((int64_t)width * (col + 1) / cols), north};
}

static enum err put_rect(struct db *db, const char *code, struct rect r, struct fault *f)
{
    struct buf b = BUF_INIT;
    double w = r.w / 1e6, s = r.s / 1e6, e = r.e / 1e6, n = r.n / 1e6;
    buf_printf(&b,
               "{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],"
               "[%.6f,%.6f],[%.6f,%.6f]]]}",
               w, s, e, s, e, n, w, n, w, s);
    enum err err = area_boundary_put(db, code, buf_cstr(&b), w, s, e, n, f);
    buf_free(&b);
    return err;
}

static enum err put_area(struct db *db, const char *code, enum area_kind kind, const char *name,
                         const struct area_figures *fig, struct rect r, struct fault *f)
{
    struct area ar = {code, kind, name, NULL};
    enum err e = area_upsert(db, &ar, f);
    if (e == ERR_OK)
        e = area_figures_put(db, code, fig, f);
    if (e == ERR_OK)
        e = put_rect(db, code, r, f);
    return e;
}

/* Writes one wijk and its buurten; adds the wijk's figures to *gem. */
static enum err put_wijk(struct db *db, struct rng *r, int w, struct area_figures *gem,
                         struct demo_result *res, struct fault *f)
{
    const struct wijk_def *def = &wijken[w];
    struct area_figures sum = {0}, fig[MAXBUURT];
    for (int b = 0; b < def->nbuurt; b++) {
        draw_buurt(r, w == VULNERABLE_WIJK && b == VULNERABLE_BUURT, &fig[b]);
        add_to_sum(&sum, &fig[b]);
    }
    finish_sum(&sum);
    enum err e = put_area(db, def->code, AREA_WIJK, def->name, &sum, wijk_rect(w), f);
    for (int b = 0; e == ERR_OK && b < def->nbuurt; b++) {
        struct rect br = buurt_rect(wijk_rect(w), b, def->nbuurt);
        e = put_area(db, def->buurten[b].code, AREA_BUURT, def->buurten[b].name, &fig[b], br, f);
        res->buurten++;
    }
    res->wijken++;
    add_to_sum(gem, &sum);
    return e;
}

static enum err put_all(struct db *db, struct demo_result *res, struct fault *f)
{
    struct rng r = {SEED};
    struct area gemeente = {DEMO_GEMEENTE, AREA_GEMEENTE, "Lindenhoven", NULL};
    /* The gemeente row goes first (its wijken refer to it); its figures,
     * the sums of its wijken, follow once those are known. */
    enum err e = area_upsert(db, &gemeente, f);
    struct area_figures gem = {0};
    for (int w = 0; e == ERR_OK && w < NWIJK; w++)
        e = put_wijk(db, &r, w, &gem, res, f);
    if (e != ERR_OK)
        return e;
    finish_sum(&gem);
    res->gemeenten = 1;
    return put_area(db, DEMO_GEMEENTE, AREA_GEMEENTE, gemeente.name, &gem,
                    (struct rect){MIN_LON, MIN_LAT, MAX_LON, MAX_LAT}, f);
}

/* The demo's organisations (fictional, like Lindenhoven): a welfare
 * institution, a tenants' association, a neighbourhood living room that
 * residents started earlier and an informal group of neighbours who cook
 * on Fridays, each with its profile and the areas it serves. */
static const char *const welzijn_areas[] = {DEMO_GEMEENTE};
static const char *const huurders_areas[] = {"WK990102"};
static const char *const buurtkamer_areas[] = {"WK990103", "BU99010301"};
static const char *const kookclub_areas[] = {"BU99010202"};

static const struct organisation organisations[] = {
    {.name = "Stichting Welzijn Lindenhoven",
     .kind = "institution",
     .description = "Welzijnswerk voor heel Lindenhoven: buurtcoaches, ouderenwerk, "
                    "jongerenwerk en hulp bij geldzaken.",
     .website = "https://welzijn-lindenhoven.example.nl",
     .email = "info@welzijn-lindenhoven.example.nl",
     .phone = "0299 123 456",
     .street = "Lindeplein 1",
     .postal_code = "9901 AA",
     .city = "Lindenhoven",
     .legal_form = "stichting",
     .kvk = "90000001",
     .areas = (const char **)welzijn_areas,
     .n_areas = 1},
    {.name = "Huurdersvereniging Lindenhof",
     .kind = "formal_association",
     .description = "De huurders van de Lindenhof samen: overleg met de corporatie over "
                    "onderhoud, renovatie en huur.",
     .email = "bestuur@huurders-lindenhof.example.nl",
     .street = "Bloemenstraat 12",
     .postal_code = "9901 BC",
     .city = "Lindenhoven",
     .legal_form = "vereniging",
     .kvk = "90000002",
     .areas = (const char **)huurders_areas,
     .n_areas = 1},
    {.name = "Buurtkamer De Weiden",
     .kind = "existing_initiative",
     .description = "Een huiskamer voor de wijk, door bewoners gerund: koffie, spelletjes en "
                    "een open tafel op woensdag.",
     .phone = "0299 654 321",
     .street = "Weideweg 3",
     .postal_code = "9901 DE",
     .city = "Lindenhoven",
     .areas = (const char **)buurtkamer_areas,
     .n_areas = 2},
    {.name = "Vrijdagkookclub Bloemenbuurt",
     .kind = "informal_group",
     .description = "Buurvrouwen die elke vrijdag samen koken en eten; wie wil, schuift aan.",
     .areas = (const char **)kookclub_areas,
     .n_areas = 1},
};

/* Registers each demo organisation that is not there yet, with its
 * profile, as the console, so that the audit log says who made it. */
static enum err put_organisations(struct db *db, struct demo_result *res, struct fault *f)
{
    struct actor console = {0, CAPACITY_CONSOLE, NULL, clock_now()};
    enum err e = ERR_OK;
    for (size_t i = 0; e == ERR_OK && i < sizeof organisations / sizeof organisations[0]; i++) {
        int64_t id = 0;
        e = organisation_find(db, organisations[i].name, &id, f);
        if (e == ERR_OK && id == 0)
            e = organisation_register(db, &organisations[i], &console, &id, f);
        res->organisations += e == ERR_OK;
    }
    return e;
}

enum err demo_create(struct db *db, struct demo_result *res, struct fault *f)
{
    struct demo_result local;
    if (!res)
        res = &local;
    *res = (struct demo_result){.year = DEMO_YEAR};
    enum err e = db_begin(db, f);
    if (e != ERR_OK)
        return e;
    e = put_all(db, res, f);
    if (e == ERR_OK)
        e = put_organisations(db, res, f);
    if (e == ERR_OK)
        e = arena_demo_create(db, f); /* model/arena.h: relations and history */
    if (e == ERR_OK)
        e = service_demo_create(db, f); /* model/service.h: services, places, hours */
    if (e == ERR_OK)
        e = hours_demo_create(db, f); /* model/hours.h: a pledge of investment hours */
    if (e == ERR_OK)
        e = db_commit(db, f);
    else
        db_rollback(db);
    if (e != ERR_OK)
        *res = (struct demo_result){.year = DEMO_YEAR};
    return e;
}
