/* HSDS 3 JSON (see hsds.h): derived UUIDs, one organization or service as
 * HSDS nests them, the paged lists, and the export of everything. Optional
 * HSDS fields are left out when Wijkregie has nothing for them (never
 * null: the schemas type them as strings and numbers). */
#include "model/hsds.h"

#include <errno.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "model/organisation.h"
#include "model/service.h"

#define N_(msgid) (msgid) /* marks a message id for xgettext */

/* ---- identifiers --------------------------------------------------------------- */

static void uuid_bytes(const char *table, int64_t id, unsigned char u[16])
{
    static const char domain[] = "wijkregie-hsds:";
    crypto_generichash_state s;
    unsigned char h[16];
    crypto_generichash_init(&s, NULL, 0, sizeof h);
    crypto_generichash_update(&s, (const unsigned char *)domain, sizeof domain - 1);
    crypto_generichash_update(&s, (const unsigned char *)table, strlen(table));
    crypto_generichash_final(&s, h, sizeof h);
    memcpy(u, h, 8);
    u[6] = (unsigned char)(0x80 | (u[6] & 0x0f)); /* version 8 */
    uint64_t v = (uint64_t)id;
    u[8] = (unsigned char)(0x80 | ((v >> 56) & 0x3f)); /* variant 10 */
    for (int i = 9; i < 16; i++)
        u[i] = (unsigned char)(v >> (8 * (15 - i)));
}

void hsds_uuid(const char *table, int64_t id, char out[static HSDS_UUID_LEN + 1])
{
    unsigned char u[16];
    uuid_bytes(table, id, u);
    char *p = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        p += sprintf(p, "%02x", u[i]);
    }
}

enum err hsds_id(const char *table, const char *uuid, int64_t *id, struct fault *f)
{
    unsigned char want[16], got[16];
    size_t n = 0;
    for (const char *p = uuid ? uuid : ""; *p && n < 16; p++) {
        if (*p == '-' && (p - uuid == 8 || p - uuid == 13 || p - uuid == 18 || p - uuid == 23))
            continue;
        unsigned v;
        if (sscanf(p, "%2x", &v) != 1 || !strchr("0123456789abcdefABCDEF", p[1] ? p[1] : 'x') ||
            !strchr("0123456789abcdefABCDEF", p[0]))
            break;
        got[n++] = (unsigned char)v;
        p++;
    }
    if (n == 16 && strlen(uuid) == HSDS_UUID_LEN) {
        uint64_t v = got[8] & 0x3f;
        for (int i = 9; i < 16; i++)
            v = v << 8 | got[i];
        uuid_bytes(table, (int64_t)v, want);
        if (memcmp(want, got, 16) == 0 && v > 0) {
            *id = (int64_t)v;
            return ERR_OK;
        }
    }
    return fault_set(f, ERR_NOT_FOUND, "id", N_("There is nothing with that id."), NULL);
}

static json_t *uuid_json(const char *table, int64_t id)
{
    char u[HSDS_UUID_LEN + 1];
    hsds_uuid(table, id, u);
    return json_string(u);
}

/* Sets key to s when s is given. */
static void set_text(json_t *o, const char *key, const char *s)
{
    if (s && *s)
        json_object_set_new(o, key, json_string(s));
}

/* ---- locations and schedules ------------------------------------------------------ */

static json_t *address_json(const struct location *l)
{
    json_t *o = json_pack(
        "{s:o, s:o, s:s, s:s, s:s, s:s, s:s, s:s}", "id", uuid_json("location_address", l->id),
        "location_id", uuid_json("location", l->id), "address_1", l->street ? l->street : "",
        "city", l->city ? l->city : "", "state_province", "", "postal_code",
        l->postal_code ? l->postal_code : "", "country", "NL", "address_type", "physical");
    return o;
}

static json_t *location_json(const struct location *l)
{
    json_t *o = json_pack("{s:o, s:s, s:o, s:s}", "id", uuid_json("location", l->id),
                          "location_type", "physical", "organization_id",
                          uuid_json("organisation", l->organisation_id), "name", l->name);
    set_text(o, "description", l->description);
    if (l->has_position) {
        json_object_set_new(o, "latitude", json_real(l->latitude));
        json_object_set_new(o, "longitude", json_real(l->longitude));
    }
    if (l->area_code) {
        set_text(o, "external_identifier", l->area_code);
        set_text(o, "external_identifier_type", "CBS area code");
    }
    json_t *addresses = json_array();
    if (l->street || l->city || l->postal_code)
        json_array_append_new(addresses, address_json(l));
    json_object_set_new(o, "addresses", addresses);
    json_t *access = json_array();
    for (int i = 0; i < l->naccessibility; i++)
        json_array_append_new(
            access, json_pack("{s:o, s:o, s:s}", "id",
                              uuid_json("location_accessibility", l->id * 1000 + i), "location_id",
                              uuid_json("location", l->id), "description", l->accessibility[i]));
    json_object_set_new(o, "accessibility", access);
    return o;
}

static const char *day_or_null(struct arena *a, int64_t day)
{
    if (day < 0)
        return NULL;
    char t[11];
    schedule_day_text(day, t);
    return arena_strdup(a, t);
}

static json_t *schedule_json(struct arena *a, const struct service_schedule *s, int64_t service_id)
{
    const struct schedule_rule *r = &s->rule;
    char opens[6], closes[6];
    schedule_time_text(r->opens, opens);
    schedule_time_text(r->closes, closes);
    json_t *o = json_pack("{s:o, s:s, s:i, s:s, s:s, s:s, s:s}", "id", uuid_json("schedule", s->id),
                          "freq", r->freq == SCHEDULE_WEEKLY ? "WEEKLY" : "MONTHLY", "interval",
                          r->interval, "wkst", "MO", "dtstart", day_or_null(a, r->dtstart),
                          "opens_at", opens, "closes_at", closes);
    if (s->service_at_location_id)
        json_object_set_new(o, "service_at_location_id",
                            uuid_json("service_at_location", s->service_at_location_id));
    else
        json_object_set_new(o, "service_id", uuid_json("service", service_id));
    struct buf b = BUF_INIT;
    schedule_byday_text(r, &b);
    set_text(o, "byday", buf_cstr(&b));
    buf_reset(&b);
    schedule_bymonthday_text(r, &b);
    set_text(o, "bymonthday", buf_cstr(&b));
    buf_reset(&b);
    schedule_rrule_text(r, &b);
    set_text(o, "notes", arena_printf(a, "RRULE:%s", buf_cstr(&b)));
    buf_free(&b);
    set_text(o, "until", day_or_null(a, r->until));
    if (r->count)
        json_object_set_new(o, "count", json_integer(r->count));
    set_text(o, "valid_from", day_or_null(a, r->valid_from));
    set_text(o, "valid_to", day_or_null(a, r->valid_to));
    set_text(o, "description", s->description);
    return o;
}

/* ---- services ------------------------------------------------------------------- */

static const char *language_name(const char *code)
{
    static const char *const names[][2] = {
        {"nl", "Dutch"},     {"en", "English"},     {"ar", "Arabic"},  {"tr", "Turkish"},
        {"pl", "Polish"},    {"de", "German"},      {"fr", "French"},  {"es", "Spanish"},
        {"uk", "Ukrainian"}, {"pap", "Papiamento"}, {"fy", "Frisian"}, {"ber", "Berber"},
        {"ti", "Tigrinya"},  {"so", "Somali"},      {"zh", "Chinese"}, {"ru", "Russian"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i][0], code) == 0)
            return names[i][1];
    return code;
}

static void service_parts_json(json_t *o, const struct service_detail *d)
{
    int64_t sid = d->service.id;
    json_t *langs = json_array(), *costs = json_array(), *contacts = json_array();
    for (int i = 0; i < d->nlanguages; i++)
        json_array_append_new(langs,
                              json_pack("{s:o, s:o, s:s, s:s}", "id",
                                        uuid_json("service_language", sid * 100 + i), "service_id",
                                        uuid_json("service", sid), "name",
                                        language_name(d->languages[i]), "code", d->languages[i]));
    for (int i = 0; i < d->ncosts; i++) {
        const struct service_cost *c = &d->costs[i];
        json_t *x = json_pack("{s:o, s:o, s:s}", "id", uuid_json("cost_option", c->id),
                              "service_id", uuid_json("service", sid), "currency", c->currency);
        if (c->has_amount)
            json_object_set_new(x, "amount", json_real((double)c->amount_cents / 100.0));
        set_text(x, "option", c->option);
        set_text(x, "amount_description", c->amount_description);
        json_array_append_new(costs, x);
    }
    for (int i = 0; i < d->ncontacts; i++) {
        const struct service_contact *c = &d->contacts[i];
        json_t *x = json_pack("{s:o, s:o}", "id", uuid_json("service_contact", c->id), "service_id",
                              uuid_json("service", sid));
        set_text(x, "name", c->name);
        set_text(x, "title", c->title);
        set_text(x, "email", c->email);
        if (c->phone)
            json_object_set_new(x, "phones",
                                json_pack("[{s:o, s:o, s:s}]", "id",
                                          uuid_json("service_contact_phone", c->id), "contact_id",
                                          uuid_json("service_contact", c->id), "number", c->phone));
        json_array_append_new(contacts, x);
    }
    json_object_set_new(o, "languages", langs);
    json_object_set_new(o, "cost_options", costs);
    json_object_set_new(o, "contacts", contacts);
}

static json_t *at_location_json(struct arena *a, const struct service_detail *d,
                                const struct location *l)
{
    json_t *schedules = json_array();
    for (int i = 0; i < d->nschedules; i++)
        if (d->schedules[i].service_at_location_id == l->service_at_location_id)
            json_array_append_new(schedules, schedule_json(a, &d->schedules[i], d->service.id));
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "id",
                     uuid_json("service_at_location", l->service_at_location_id), "service_id",
                     uuid_json("service", d->service.id), "location_id",
                     uuid_json("location", l->id), "location", location_json(l), "schedules",
                     schedules);
}

static json_t *service_json(struct arena *a, const struct service_detail *d, json_t *org)
{
    const struct service *s = &d->service;
    char modified[21];
    clock_iso8601(s->updated_at, modified);
    json_t *o = json_pack("{s:o, s:o, s:s, s:s, s:s}", "id", uuid_json("service", s->id),
                          "organization_id", uuid_json("organisation", s->organisation_id), "name",
                          s->name, "status", s->status, "last_modified", modified);
    set_text(o, "description", s->description);
    set_text(o, "url", s->url);
    set_text(o, "email", s->email);
    service_parts_json(o, d);
    json_t *schedules = json_array(), *sal = json_array();
    for (int i = 0; i < d->nschedules; i++)
        if (d->schedules[i].service_at_location_id == 0)
            json_array_append_new(schedules, schedule_json(a, &d->schedules[i], s->id));
    for (int i = 0; i < d->nlocations; i++)
        json_array_append_new(sal, at_location_json(a, d, &d->locations[i]));
    json_object_set_new(o, "schedules", schedules);
    json_object_set_new(o, "service_at_locations", sal);
    if (org)
        json_object_set_new(o, "organization", org);
    return o;
}

/* ---- organizations ----------------------------------------------------------------- */

static json_t *organization_base(const struct organisation *g)
{
    json_t *o = json_pack("{s:o, s:s, s:s}", "id", uuid_json("organisation", g->id), "name",
                          g->name, "description", g->description ? g->description : "");
    set_text(o, "email", g->email);
    set_text(o, "website", g->website);
    set_text(o, "legal_status", g->legal_form);
    json_t *ids = json_array(), *phones = json_array();
    if (g->kvk)
        json_array_append_new(
            ids, json_pack("{s:o, s:o, s:s, s:s, s:s}", "id", uuid_json("organisation_kvk", g->id),
                           "organization_id", uuid_json("organisation", g->id), "identifier_scheme",
                           "NL-KVK", "identifier_type", "KvK-nummer", "identifier", g->kvk));
    if (g->phone)
        json_array_append_new(phones,
                              json_pack("{s:o, s:o, s:s}", "id",
                                        uuid_json("organisation_phone", g->id), "organization_id",
                                        uuid_json("organisation", g->id), "number", g->phone));
    json_object_set_new(o, "organization_identifiers", ids);
    json_object_set_new(o, "phones", phones);
    return o;
}

enum err hsds_organization(struct db *db, struct arena *a, int64_t id, json_t **out,
                           struct fault *f)
{
    struct organisation g;
    struct location *locs = NULL;
    struct service *svc = NULL;
    int nlocs = 0, nsvc = 0;
    enum err e = organisation_get(db, a, id, &g, f);
    if (e == ERR_OK)
        e = service_locations_of(db, a, id, &locs, &nlocs, f);
    if (e == ERR_OK)
        e = service_list_for_organisation(db, a, id, &svc, &nsvc, f);
    if (e != ERR_OK)
        return e;
    json_t *o = organization_base(&g), *locations = json_array(), *services = json_array();
    for (int i = 0; i < nlocs; i++)
        json_array_append_new(locations, location_json(&locs[i]));
    for (int i = 0; i < nsvc; i++)
        json_array_append_new(services,
                              json_pack("{s:o, s:s, s:s}", "id", uuid_json("service", svc[i].id),
                                        "name", svc[i].name, "status", svc[i].status));
    json_object_set_new(o, "locations", locations);
    json_object_set_new(o, "services", services);
    *out = o;
    return ERR_OK;
}

enum err hsds_service(struct db *db, struct arena *a, int64_t id, json_t **out, struct fault *f)
{
    struct service_detail d;
    struct organisation g;
    enum err e = service_detail_get(db, a, id, &d, f);
    if (e == ERR_OK)
        e = organisation_get(db, a, d.service.organisation_id, &g, f);
    if (e == ERR_OK)
        *out = service_json(a, &d, organization_base(&g));
    return e;
}

/* ---- pages and the export ------------------------------------------------------------ */

/* The ids of one page of organisations whose name holds search. */
static enum err organisation_ids(struct db *db, struct arena *a, const char *like, int limit,
                                 int offset, int64_t **ids, int *n, int64_t *total, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM organisation WHERE CAST(? AS TEXT) "
                                        "IS NULL OR LOWER(name) LIKE ? ESCAPE '\\'");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, like);
    db_bind_text(st, 2, like);
    enum db_rc rc = db_step(st);
    *total = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    st = db_prepare(db, "SELECT id FROM organisation WHERE CAST(? AS TEXT) IS NULL OR "
                        "LOWER(name) LIKE ? ESCAPE '\\' ORDER BY name, id LIMIT ? OFFSET ?");
    if (rc == DB_ERROR || !st)
        return db_fault(db, f);
    db_bind_text(st, 1, like);
    db_bind_text(st, 2, like);
    db_bind_int(st, 3, limit);
    db_bind_int(st, 4, offset);
    *ids = arena_array(a, (size_t)limit, sizeof **ids);
    *n = 0;
    while (*n < limit && (rc = db_step(st)) == DB_ROW)
        (*ids)[(*n)++] = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* "%search%" in lower case with LIKE's own characters escaped; NULL for no
 * search. */
static const char *like_pattern(struct arena *a, const char *search)
{
    if (!search || !*search)
        return NULL;
    struct buf b = BUF_INIT;
    buf_putc(&b, '%');
    for (const char *p = search; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            buf_putc(&b, '\\');
        buf_putc(&b, (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
    }
    buf_putc(&b, '%');
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static json_t *page_json(int page, int per_page, int n, int64_t total, json_t *contents)
{
    int64_t pages = (total + per_page - 1) / per_page;
    return json_pack("{s:I, s:I, s:i, s:i, s:b, s:b, s:b, s:o}", "total_items", (json_int_t)total,
                     "total_pages", (json_int_t)pages, "page_number", page, "size", n, "first_page",
                     page == 1, "last_page", page >= pages, "empty", n == 0, "contents", contents);
}

/* The service ids of one page (through the search, by name). */
static enum err service_ids(struct db *db, struct arena *a, const char *search, int limit,
                            int offset, int64_t **ids, int *n, int64_t *total, struct fault *f)
{
    struct service_query q = {.q = search, .offset = offset, .limit = limit};
    struct service_page p;
    enum err e = service_search(db, a, &q, &p, f);
    if (e != ERR_OK)
        return e;
    *ids = arena_array(a, (size_t)limit, sizeof **ids);
    for (int i = 0; i < p.n; i++)
        (*ids)[i] = p.items[i].id;
    *n = p.n;
    *total = p.total;
    return ERR_OK;
}

enum err hsds_page(struct db *db, struct arena *a, const char *kind, const char *search, int page,
                   int per_page, json_t **out, struct fault *f)
{
    if (page < 1 || page > 1000000)
        return fault_set(f, ERR_INVALID, "page", N_("Give a page number of 1 or more."), NULL);
    if (per_page < 1 || per_page > HSDS_PER_PAGE_MAX)
        return fault_set(f, ERR_INVALID, "per_page", N_("Give per_page from 1 to 100."), NULL);
    bool orgs = strcmp(kind, "organizations") == 0;
    int64_t *ids = NULL, total = 0;
    int n = 0, offset = (page - 1) * per_page;
    enum err e = orgs ? organisation_ids(db, a, like_pattern(a, search), per_page, offset, &ids, &n,
                                         &total, f)
                      : service_ids(db, a, search, per_page, offset, &ids, &n, &total, f);
    json_t *contents = json_array();
    for (int i = 0; e == ERR_OK && i < n; i++) {
        json_t *item = NULL;
        e = orgs ? hsds_organization(db, a, ids[i], &item, f)
                 : hsds_service(db, a, ids[i], &item, f);
        if (e == ERR_OK)
            json_array_append_new(contents, item);
    }
    if (e != ERR_OK) {
        json_decref(contents);
        return e;
    }
    *out = page_json(page, per_page, n, total, contents);
    return ERR_OK;
}

/* Writes each row of sql (ids) as its JSON, separated by commas; *count
 * gets how many. One arena per row keeps the memory flat. */
static enum err write_all(struct db *db, FILE *out, const char *sql, bool orgs, int *count,
                          struct fault *f)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            int64_t *grown = realloc(ids, cap * sizeof *ids);
            if (!grown)
                abort();
            ids = grown;
        }
        ids[n++] = db_col_int(st, 0);
    }
    db_done(st);
    enum err e = rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
    for (size_t i = 0; e == ERR_OK && i < n; i++) {
        struct arena *a = arena_new();
        json_t *item = NULL;
        e = orgs ? hsds_organization(db, a, ids[i], &item, f)
                 : hsds_service(db, a, ids[i], &item, f);
        if (e == ERR_OK && (fputs(i ? ",\n" : "\n", out) < 0 ||
                            json_dumpf(item, out, JSON_COMPACT | JSON_ENSURE_ASCII) != 0))
            e = fault_set(f, ERR_INTERNAL, NULL, "The export cannot be written: %s",
                          strerror(errno), NULL);
        json_decref(item);
        arena_free(a);
    }
    free(ids);
    *count = (int)n;
    return e;
}

enum err hsds_export(struct db *db, FILE *out, int *norgs, int *nservices, struct fault *f)
{
    int orgs = 0, services = 0;
    enum err e = db_begin_read(db, f);
    if (e != ERR_OK)
        return e;
    if (fputs("{\"version\": \"3.0\", \"organizations\": [", out) < 0)
        e = fault_set(f, ERR_INTERNAL, NULL, "The export cannot be written: %s", strerror(errno),
                      NULL);
    if (e == ERR_OK)
        e = write_all(db, out, "SELECT id FROM organisation ORDER BY id", true, &orgs, f);
    if (e == ERR_OK && fputs("\n], \"services\": [", out) < 0)
        e = fault_set(f, ERR_INTERNAL, NULL, "The export cannot be written: %s", strerror(errno),
                      NULL);
    if (e == ERR_OK)
        e = write_all(db, out, "SELECT id FROM service ORDER BY id", false, &services, f);
    if (e == ERR_OK && fputs("\n]}\n", out) < 0)
        e = fault_set(f, ERR_INTERNAL, NULL, "The export cannot be written: %s", strerror(errno),
                      NULL);
    db_end_read(db);
    if (norgs)
        *norgs = orgs;
    if (nservices)
        *nservices = services;
    return e;
}
