/* HTML page handlers, one file per concept (web/home.c, web/area.c, ...).
 * Each is a route_handler: it gets a validated request and writes a page
 * through render/ (layout_begin ... layout_end). */
#ifndef WIJK_WEB_WEB_H
#define WIJK_WEB_WEB_H

#include "core/err.h"

struct req;

enum err web_home(struct req *r);          /* GET /                          */
enum err web_area_find(struct req *r);     /* GET /areas?code= -> 303 to /areas/{code} */
enum err web_area(struct req *r);          /* GET /areas/{code}              */
enum err web_static(struct req *r);        /* GET /static/{file}             */

#endif
