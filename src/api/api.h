/* JSON API handlers under /api/v1, one file per concept. Every route here is
 * described in docs/openapi.json (served at /api/v1/openapi.json). */
#ifndef WIJK_API_API_H
#define WIJK_API_API_H

#include "core/err.h"

struct req;

enum err api_health(struct req *r);        /* GET /healthz                   */
enum err api_openapi(struct req *r);       /* GET /api/v1/openapi.json       */
enum err api_areas_list(struct req *r);    /* GET /api/v1/areas              */
enum err api_area_get(struct req *r);      /* GET /api/v1/areas/{code}       */

#endif
