/* GeoJSON boundary import: load the file (bounded), check every feature and
 * its geometry, look the codes up, and only then write the boundaries in one
 * transaction. A geometry is stored as a clean, compact
 * {"type", "coordinates"} object, whatever else the feature carried. */
#include "model/boundary.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "model/area.h"

enum { READ_CHUNK = 64 * 1024 };

struct bbox {
    double min_lon, min_lat, max_lon, max_lat;
};

/* A checked feature. */
struct feature {
    const char *code;
    json_t *geometry; /* borrowed from the document */
    struct bbox box;
    bool known;
    int index;
};

static enum err too_large(struct arena *a, const char *path, struct fault *f)
{
    return fault_set(f, ERR_TOO_LARGE, "file", "The file %s is larger than the limit of %s MiB.",
                     arena_strdup(a, path), arena_printf(a, "%u", BOUNDARY_MAX_FILE >> 20), NULL);
}

/* Reads the whole file into b, refusing more than BOUNDARY_MAX_FILE bytes
 * (checked before reading for a regular file, and while reading for any). */
static enum err read_file(struct arena *a, const char *path, struct buf *b, struct fault *f)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return fault_set(f, ERR_NOT_FOUND, "file", "The file %s cannot be opened.",
                         arena_strdup(a, path), NULL);
    struct stat st;
    enum err e = ERR_OK;
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > BOUNDARY_MAX_FILE)
        e = too_large(a, path, f);
    while (e == ERR_OK) {
        buf_reserve(b, READ_CHUNK + 1);
        size_t got = fread(b->data + b->len, 1, READ_CHUNK, fp);
        b->len += got;
        b->data[b->len] = '\0';
        if (b->len > BOUNDARY_MAX_FILE)
            e = too_large(a, path, f);
        else if (got < READ_CHUNK && ferror(fp))
            e = fault_set(f, ERR_INTERNAL, "file", "The file %s could not be read.",
                          arena_strdup(a, path), NULL);
        else if (got < READ_CHUNK)
            break;
    }
    fclose(fp);
    return e;
}

static enum err load_json(struct arena *a, const char *path, json_t **root, struct fault *f)
{
    struct buf b = BUF_INIT;
    enum err e = read_file(a, path, &b, f);
    if (e == ERR_OK) {
        json_error_t jerr;
        *root = json_loadb(b.data ? b.data : "", b.len, JSON_REJECT_DUPLICATES, &jerr);
        if (!*root)
            e = fault_set(f, ERR_INVALID, "file",
                          "The file is not valid JSON: line %s, column %s: %s",
                          arena_printf(a, "%d", jerr.line), arena_printf(a, "%d", jerr.column),
                          arena_strdup(a, jerr.text), NULL);
    }
    buf_free(&b);
    return e;
}

static void bbox_add(struct bbox *b, double lon, double lat)
{
    if (lon < b->min_lon)
        b->min_lon = lon;
    if (lon > b->max_lon)
        b->max_lon = lon;
    if (lat < b->min_lat)
        b->min_lat = lat;
    if (lat > b->max_lat)
        b->max_lat = lat;
}

/* A position [lon, lat] or [lon, lat, altitude]. NULL when fine, else why. */
static const char *check_position(const json_t *pos, struct bbox *b)
{
    size_t n = json_array_size(pos);
    if (!json_is_array(pos) || n < 2 || n > 3)
        return "a position is not [longitude, latitude].";
    for (size_t i = 0; i < n; i++)
        if (!json_is_number(json_array_get(pos, i)))
            return "a position holds something other than numbers.";
    double lon = json_number_value(json_array_get(pos, 0));
    double lat = json_number_value(json_array_get(pos, 1));
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
        return "a position is outside longitude -180..180, latitude -90..90 (is it WGS84?).";
    bbox_add(b, lon, lat);
    return NULL;
}

static bool same_position(const json_t *p, const json_t *q)
{
    return json_number_value(json_array_get(p, 0)) == json_number_value(json_array_get(q, 0)) &&
           json_number_value(json_array_get(p, 1)) == json_number_value(json_array_get(q, 1));
}

/* A linear ring: at least 4 positions, the last equal to the first. */
static const char *check_ring(const json_t *ring, struct bbox *b)
{
    size_t n = json_array_size(ring);
    if (!json_is_array(ring) || n < 4)
        return "a ring has fewer than 4 positions.";
    for (size_t i = 0; i < n; i++) {
        const char *why = check_position(json_array_get(ring, i), b);
        if (why)
            return why;
    }
    if (!same_position(json_array_get(ring, 0), json_array_get(ring, n - 1)))
        return "a ring is not closed (its last position differs from its first).";
    return NULL;
}

/* A polygon: one or more rings (the outer one, then holes). */
static const char *check_polygon(const json_t *poly, struct bbox *b)
{
    if (!json_is_array(poly) || json_array_size(poly) == 0)
        return "a polygon has no rings.";
    for (size_t i = 0; i < json_array_size(poly); i++) {
        const char *why = check_ring(json_array_get(poly, i), b);
        if (why)
            return why;
    }
    return NULL;
}

static const char *check_geometry(const json_t *geom, struct bbox *b)
{
    const char *type = json_string_value(json_object_get(geom, "type"));
    const json_t *coords = json_object_get(geom, "coordinates");
    *b = (struct bbox){180, 90, -180, -90};
    if (!json_is_object(geom))
        return "the feature has no geometry.";
    if (type && strcmp(type, "Polygon") == 0)
        return check_polygon(coords, b);
    if (!type || strcmp(type, "MultiPolygon") != 0)
        return "the geometry is not a Polygon or MultiPolygon.";
    if (!json_is_array(coords) || json_array_size(coords) == 0)
        return "a MultiPolygon has no polygons.";
    for (size_t i = 0; i < json_array_size(coords); i++) {
        const char *why = check_polygon(json_array_get(coords, i), b);
        if (why)
            return why;
    }
    return NULL;
}

static enum err feature_fault(struct arena *a, int index, const char *why, struct fault *f)
{
    return fault_set(f, ERR_INVALID, "features", "features[%s]: %s", arena_printf(a, "%d", index),
                     why, NULL);
}

/* Checks one feature and fills *out (code, geometry, bounding box). */
static enum err check_feature(struct arena *a, const json_t *feat, int index, const char *prop,
                              struct feature *out, struct fault *f)
{
    const char *type = json_string_value(json_object_get(feat, "type"));
    if (!json_is_object(feat) || !type || strcmp(type, "Feature") != 0)
        return feature_fault(a, index, "it is not a Feature object.", f);
    const json_t *props = json_object_get(feat, "properties");
    if (!json_is_object(props))
        return feature_fault(a, index, "it has no properties.", f);
    const char *code = json_string_value(json_object_get(props, prop));
    if (!code)
        return feature_fault(a, index, arena_printf(a, "it has no text property %s.", prop), f);
    if (!area_code_valid(code, NULL))
        return feature_fault(
            a, index,
            arena_printf(a, "%s is not a CBS area code.", strlen(code) > 40 ? "its code" : code),
            f);
    const char *why = check_geometry(json_object_get(feat, "geometry"), &out->box);
    if (why)
        return feature_fault(a, index, why, f);
    out->code = arena_strdup(a, code);
    out->geometry = json_object_get(feat, "geometry");
    out->index = index;
    return ERR_OK;
}

static int by_code_then_index(const void *x, const void *y)
{
    const struct feature *a = x, *b = y;
    int c = strcmp(a->code, b->code);
    return c ? c : a->index - b->index;
}

/* Checks every feature; a code given twice is an error too. */
static enum err check_features(struct arena *a, const json_t *features, const char *prop,
                               struct feature *out, struct fault *f)
{
    int n = (int)json_array_size(features);
    for (int i = 0; i < n; i++) {
        enum err e = check_feature(a, json_array_get(features, i), i, prop, &out[i], f);
        if (e != ERR_OK)
            return e;
    }
    struct feature *sorted = arena_array(a, (size_t)n, sizeof *sorted);
    memcpy(sorted, out, (size_t)n * sizeof *sorted);
    qsort(sorted, (size_t)n, sizeof *sorted, by_code_then_index);
    for (int i = 1; i < n; i++)
        if (strcmp(sorted[i].code, sorted[i - 1].code) == 0)
            return feature_fault(a, sorted[i].index,
                                 arena_printf(a, "the code %s was given before, in features[%d].",
                                              sorted[i].code, sorted[i - 1].index),
                                 f);
    return ERR_OK;
}

/* Marks the features whose code is a known area; lists the others. */
static enum err look_up(struct db *db, struct boundary_result *res, struct feature *feats, int n,
                        struct fault *f)
{
    res->skipped_codes = arena_array(res->arena, (size_t)n + 1, sizeof *res->skipped_codes);
    for (int i = 0; i < n; i++) {
        struct area ar;
        enum err e = area_get(db, res->arena, feats[i].code, &ar, f);
        if (e != ERR_OK && e != ERR_NOT_FOUND)
            return e;
        feats[i].known = e == ERR_OK;
        if (!feats[i].known)
            res->skipped_codes[res->skipped++] = feats[i].code;
    }
    return ERR_OK;
}

static enum err put_one(struct db *db, const struct feature *ft, struct fault *f)
{
    json_t *clean = json_pack("{s:O,s:O}", "type", json_object_get(ft->geometry, "type"),
                              "coordinates", json_object_get(ft->geometry, "coordinates"));
    /* 15 significant digits: nanometres, but without the noise digits of
     * jansson's default 17. */
    char *text = clean ? json_dumps(clean, JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
    json_decref(clean);
    if (!text)
        return fault_set(f, ERR_INTERNAL, NULL, "The geometry could not be written.", NULL);
    enum err e = area_boundary_put(db, ft->code, text, ft->box.min_lon, ft->box.min_lat,
                                   ft->box.max_lon, ft->box.max_lat, f);
    free(text);
    return e;
}

static enum err write_all(struct db *db, struct boundary_result *res, const struct feature *feats,
                          int n, struct fault *f)
{
    enum err e = db_begin(db, f);
    for (int i = 0; e == ERR_OK && i < n; i++)
        if (feats[i].known && (e = put_one(db, &feats[i], f)) == ERR_OK)
            res->attached++;
    if (e == ERR_OK)
        e = db_commit(db, f);
    else if (db_in_transaction(db))
        db_rollback(db);
    if (e != ERR_OK)
        res->attached = 0;
    return e;
}

static enum err import_doc(struct db *db, const json_t *root, const char *prop,
                           struct boundary_result *res, struct fault *f)
{
    const char *type = json_string_value(json_object_get(root, "type"));
    const json_t *features = json_object_get(root, "features");
    if (!type || strcmp(type, "FeatureCollection") != 0 || !json_is_array(features))
        return fault_set(f, ERR_INVALID, "file",
                         "The file is not a GeoJSON FeatureCollection with features.", NULL);
    res->features = (int)json_array_size(features);
    struct feature *feats = arena_array(res->arena, (size_t)res->features, sizeof *feats);
    enum err e = check_features(res->arena, features, prop, feats, f);
    if (e == ERR_OK)
        e = look_up(db, res, feats, res->features, f);
    if (e == ERR_OK && res->skipped == res->features)
        return fault_set(f, ERR_INVALID, "file",
                         "No feature has the code of a known area in property %s.",
                         arena_strdup(res->arena, prop), NULL);
    if (e == ERR_OK)
        e = write_all(db, res, feats, res->features, f);
    return e;
}

enum err boundary_import(struct db *db, const char *path, const char *code_property,
                         struct boundary_result *res, struct fault *f)
{
    memset(res, 0, sizeof *res);
    res->arena = arena_new();
    const char *prop = code_property ? code_property : "code";
    json_t *root = NULL;
    enum err e = load_json(res->arena, path, &root, f);
    if (e == ERR_OK)
        e = import_doc(db, root, prop, res, f);
    json_decref(root);
    return e;
}

void boundary_result_free(struct boundary_result *res)
{
    if (!res)
        return;
    arena_free(res->arena);
    res->arena = NULL;
}
