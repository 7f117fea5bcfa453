/* The arena as Open Referral HSDS 3 (model/hsds.h), read-only and public:
 *   GET /api/v1/hsds                       about this HSDS API
 *   GET /api/v1/hsds/organizations         a Page of organizations (?search=&page=&per_page=)
 *   GET /api/v1/hsds/organizations/{id}    one organization, by its UUID
 *   GET /api/v1/hsds/services              a Page of services, fully nested
 *   GET /api/v1/hsds/services/{id}         one service, by its UUID
 * The shapes are HSDS's own (its openapi.json); tests/hsds validates the
 * answers against the HSDS 3 schemas. */
#include "api/api.h"

#include <jansson.h>

#include "model/hsds.h"
#include "render/json.h"
#include "render/req.h"

enum err api_hsds_about(struct req *r)
{
    return json_reply(r, 200,
                      json_pack("{s:s, s:s, s:s}", "version", "3.0", "profile",
                                "https://docs.openreferral.org/en/latest/hsds/", "openapi_url",
                                "/api/v1/openapi.json"));
}

static enum err page(struct req *r, const char *kind)
{
    json_t *out = NULL;
    enum err e =
        hsds_page(r->db, r->arena, kind, req_in(r, "search"), (int)req_in_int(r, "page", 1),
                  (int)req_in_int(r, "per_page", 50), &out, &r->fault);
    return e != ERR_OK ? e : json_reply(r, 200, out);
}

enum err api_hsds_organizations(struct req *r)
{
    return page(r, "organizations");
}

enum err api_hsds_services(struct req *r)
{
    return page(r, "services");
}

enum err api_hsds_organization(struct req *r)
{
    int64_t id = 0;
    json_t *out = NULL;
    enum err e = hsds_id("organisation", req_in(r, "id"), &id, &r->fault);
    if (e == ERR_OK)
        e = hsds_organization(r->db, r->arena, id, &out, &r->fault);
    return e != ERR_OK ? e : json_reply(r, 200, out);
}

enum err api_hsds_service(struct req *r)
{
    int64_t id = 0;
    json_t *out = NULL;
    enum err e = hsds_id("service", req_in(r, "id"), &id, &r->fault);
    if (e == ERR_OK)
        e = hsds_service(r->db, r->arena, id, &out, &r->fault);
    return e != ERR_OK ? e : json_reply(r, 200, out);
}
