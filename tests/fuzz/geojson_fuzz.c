/* libFuzzer target for the GeoJSON boundary import (model/boundary.c) into
 * a migrated in-memory SQLite database that knows three areas (GM0363,
 * WK036301, BU03630101). Each input is written to a scratch file and
 * imported with the property "code". Besides crashes and sanitizer reports
 * it checks what boundary.h promises, and aborts when a promise is broken:
 * - the result is OK or ERR_INVALID / ERR_TOO_LARGE, never anything else,
 *   and a refusal carries a message;
 * - a refused import left every stored boundary as it was;
 * - an accepted import stored at least one boundary, and every feature was
 *   either stored or listed as skipped;
 * - every stored boundary is a Polygon or MultiPolygon of closed rings of
 *   at least 4 WGS84 positions, inside its stored bounding box.
 * The database and the scratch file are set up once for the whole run
 * (libFuzzer's usual one-time set-up). */
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/area.h"
#include "model/boundary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fixture {
    struct db *db;
    char path[64];
};

static void broken(const char *what)
{
    fprintf(stderr, "geojson_fuzz: broken promise: %s\n", what);
    abort();
}

static void set_up(struct fixture *fx)
{
    struct fault f = {0};
    log_set_level(LOG_WARN);
    fx->db = db_open(":memory:", &f);
    if (!fx->db || migrate_up(fx->db, NULL, &f) != ERR_OK)
        broken("cannot open the database");
    const struct area areas[] = {
        {"GM0363", AREA_GEMEENTE, "Amsterdam", NULL},
        {"WK036301", AREA_WIJK, "Burgwallen-Oude Zijde", "GM0363"},
        {"BU03630101", AREA_BUURT, "Kop Zeedijk", "WK036301"},
    };
    for (size_t i = 0; i < 3; i++)
        if (area_upsert(fx->db, &areas[i], &f) != ERR_OK)
            broken("cannot add the areas");
    const char *tmp = getenv("TMPDIR");
    snprintf(fx->path, sizeof fx->path, "%s/geojson_fuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(fx->path);
    if (fd < 0)
        broken("cannot make the scratch file");
    close(fd);
}

/* Every stored boundary, one per line, for comparing before and after. */
static char *snapshot(struct db *db)
{
    struct buf b = BUF_INIT;
    struct db_stmt *st = db_prepare(db, "SELECT area_code, geojson, min_lon, min_lat, max_lon, "
                                        "max_lat FROM area_boundary ORDER BY area_code");
    while (st && db_step(st) == DB_ROW)
        buf_printf(&b, "%s %s %.17g %.17g %.17g %.17g\n", db_col_text(st, 0), db_col_text(st, 1),
                   db_col_double(st, 2), db_col_double(st, 3), db_col_double(st, 4),
                   db_col_double(st, 5));
    db_done(st);
    return buf_detach(&b, NULL);
}

static void check_ring(const json_t *ring, const double box[4])
{
    size_t n = json_array_size(ring);
    if (n < 4)
        broken("a stored ring has fewer than 4 positions");
    double eps = 1e-9; /* stored with 15 significant digits, the box exactly */
    for (size_t i = 0; i < n; i++) {
        double lon = json_number_value(json_array_get(json_array_get(ring, i), 0));
        double lat = json_number_value(json_array_get(json_array_get(ring, i), 1));
        if (!(lon >= box[0] - eps && lat >= box[1] - eps && lon <= box[2] + eps &&
              lat <= box[3] + eps) ||
            lon < -180 || lon > 180 || lat < -90 || lat > 90)
            broken("a stored position is outside WGS84 or its bounding box");
    }
    const json_t *first = json_array_get(ring, 0), *last = json_array_get(ring, n - 1);
    for (size_t k = 0; k < 2; k++)
        if (json_number_value(json_array_get(first, k)) != json_number_value(json_array_get(last, k)))
            broken("a stored ring is not closed");
}

static void check_polygon(const json_t *poly, const double box[4])
{
    if (json_array_size(poly) == 0)
        broken("a stored polygon has no rings");
    for (size_t i = 0; i < json_array_size(poly); i++)
        check_ring(json_array_get(poly, i), box);
}

static void check_stored(struct db *db)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT geojson, min_lon, min_lat, max_lon, max_lat FROM area_boundary");
    while (st && db_step(st) == DB_ROW) {
        double box[4] = {db_col_double(st, 1), db_col_double(st, 2), db_col_double(st, 3),
                         db_col_double(st, 4)};
        json_t *g = json_loads(db_col_text(st, 0), 0, NULL);
        const char *type = json_string_value(json_object_get(g, "type"));
        const json_t *coords = json_object_get(g, "coordinates");
        if (type && strcmp(type, "Polygon") == 0)
            check_polygon(coords, box);
        else if (type && strcmp(type, "MultiPolygon") == 0 && json_array_size(coords) > 0)
            for (size_t i = 0; i < json_array_size(coords); i++)
                check_polygon(json_array_get(coords, i), box);
        else
            broken("a stored boundary is not a Polygon or MultiPolygon");
        json_decref(g);
    }
    db_done(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct fixture fx; /* one database for the run, see above */
    if (!fx.db)
        set_up(&fx);
    FILE *fp = fopen(fx.path, "wb");
    if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
        broken("cannot write the scratch file");
    char *before = snapshot(fx.db);
    struct boundary_result res;
    struct fault f = {0};
    enum err e = boundary_import(fx.db, fx.path, NULL, &res, &f);
    char *after = snapshot(fx.db);
    if (e != ERR_OK && (e != ERR_INVALID && e != ERR_TOO_LARGE))
        broken("an error other than invalid or too large");
    if (e != ERR_OK && (!f.msgid || strcmp(before, after) != 0 || res.attached != 0))
        broken("a refused import changed a boundary or did not say why");
    if (e == ERR_OK && (res.attached < 1 || res.attached + res.skipped != res.features))
        broken("a feature was neither stored nor skipped");
    if (e == ERR_OK)
        check_stored(fx.db);
    boundary_result_free(&res);
    free(before);
    free(after);
    return 0;
}
