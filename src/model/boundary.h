/* Import of area boundaries from a GeoJSON FeatureCollection (RFC 7946,
 * WGS84 lon/lat), such as CBS/PDOK "wijk- en buurtkaart" exports: each
 * feature's properties carry the area's CBS code under a configurable key,
 * its geometry is a Polygon or MultiPolygon. Geometries are checked (ranges,
 * closed rings of at least four positions) and stored compact with their
 * bounding box, for the area pages to draw. */
#ifndef WIJK_MODEL_BOUNDARY_H
#define WIJK_MODEL_BOUNDARY_H

#include <stddef.h>

#include "core/err.h"

struct arena;
struct db;

/* Files larger than this are refused before they are read. */
#define BOUNDARY_MAX_FILE (64u * 1024u * 1024u)

struct boundary_result {
    int features;               /* features in the file */
    int attached;               /* boundaries stored */
    int skipped;                /* features whose code is not a known area */
    const char **skipped_codes; /* those codes, in file order (from arena) */
    struct arena *arena;        /* owns skipped_codes and the fault's args */
};

/* Reads the GeoJSON file at path and stores the boundary of every feature
 * whose properties[code_property] (NULL: "code") is the code of an existing
 * area, replacing an earlier boundary, in one transaction (the caller holds
 * none). Features whose code is well-formed but unknown are skipped and
 * listed in res.
 *
 * Errors, after which nothing has changed: ERR_NOT_FOUND when the file cannot
 * be opened; ERR_TOO_LARGE over BOUNDARY_MAX_FILE; ERR_INVALID for text that
 * is not JSON (naming line and column), a top level that is not a
 * FeatureCollection, a bad feature ("features[%s]: %s", with the index
 * counted from 0 and the reason: no properties, a missing or malformed code,
 * a code given twice, a geometry other than Polygon/MultiPolygon, positions
 * out of range, a ring that is not closed or has fewer than 4 positions), and
 * when no feature matches a known area; the database's errors.
 *
 * *res is always initialised; free it with boundary_result_free() once f and
 * the skipped codes have been used. */
enum err boundary_import(struct db *db, const char *path, const char *code_property,
                         struct boundary_result *res, struct fault *f);

/* Frees what a result owns (its arena); the struct itself is the caller's. */
void boundary_result_free(struct boundary_result *res);

#endif
