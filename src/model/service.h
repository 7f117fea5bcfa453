/* Services (DESIGN.md §3, the arena; Open Referral HSDS 3): what an
 * organisation offers -- a name, a description, how to reach it, whether it
 * runs -- with the languages it is given in, what it costs, someone to ask,
 * the locations where it is given (with their address, the area they lie in
 * and how accessible they are) and when it is open (schedules, see
 * schedule.h).
 *
 * Reading is open to everyone (organisation.view), so the reads take no
 * actor. Every write is done by an admin of the service's organisation
 * acting as organisation admin (policy organisation.manage_services,
 * MEMBER), or by the operator at the console (person 0, CAPACITY_CONSOLE,
 * for imports and the demo). The policy is asked first: a capacity that may
 * not manage services in any relation is refused before the service is
 * looked up. Each write records its public audit entry (object type
 * "service", the id; detail: ids only, never the texts or the contact
 * details) in the same transaction, own or the caller's; a write that fails
 * changes nothing.
 *
 * The implementation is four files: service.c (services and search),
 * service_check.c (validating input), service_place.c (locations and
 * schedules), service_demo.c (the demo's services). */
#ifndef WIJK_MODEL_SERVICE_H
#define WIJK_MODEL_SERVICE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"
#include "model/schedule.h"

struct arena;
struct db;

enum {
    SERVICE_NAME_MAX = 200,         /* characters */
    SERVICE_DESCRIPTION_MAX = 5000, /* characters */
    SERVICE_LANGUAGES_MAX = 12,     /* languages of one service */
    SERVICE_PAGE_MAX = 100,         /* rows one search page gives at most */
    SERVICE_LIST_MAX = 500,         /* services of one organisation listed at most */
    SERVICE_PARTS_MAX = 200,        /* locations, schedules ... of one service loaded */
};

/* What a person writes about a service; NULL or "" is "not given". */
struct service_input {
    const char *name;          /* required, one line, 1..200 characters */
    const char *description;   /* up to 5000 characters */
    const char *url;           /* http:// or https:// */
    const char *email;         /* the service's address (never in the audit log) */
    const char *status;        /* active (default), inactive, defunct, temporarily closed */
    const char *languages;     /* BCP 47 tags separated by commas or spaces: "nl, en, tr" */
    const char *cost;          /* "0" (free), "2,50" or "2.50" euro */
    const char *cost_note;     /* what the cost is for, one line */
    const char *contact_name;  /* someone to ask, one line */
    const char *contact_phone; /* 6 to 20 digits with spaces, '+', '-' */
    const char *contact_email;
};

struct service {
    int64_t id;
    int64_t organisation_id;
    const char *organisation_name;
    const char *name;
    const char *description; /* NULL: none, as every optional string below */
    const char *url;
    const char *email;
    const char *status;
    int64_t created_at, updated_at;
};

/* What a person writes about a location. */
struct location_input {
    const char *name; /* required, one line, 1..200 characters */
    const char *description;
    const char *street;      /* street and number, one line */
    const char *postal_code; /* "1234 AB" (any case, space optional) */
    const char *city;
    const char *area_code; /* the buurt (or wijk, gemeente) it lies in; must exist */
    const char *latitude;  /* "52.31": both or neither */
    const char *longitude;
    const char *accessibility; /* one feature per line ("Step-free entrance") */
};

struct location {
    int64_t id;
    int64_t organisation_id;
    int64_t service_at_location_id; /* as part of a service; 0 otherwise */
    const char *name, *description, *street, *postal_code, *city, *area_code, *area_name;
    bool has_position;
    double latitude, longitude;
    const char **accessibility; /* descriptions, in order */
    int naccessibility;
};

struct service_schedule {
    int64_t id;
    int64_t service_at_location_id; /* 0: the whole service */
    int64_t location_id;            /* 0: the whole service */
    struct schedule_rule rule;
    const char *description;
};

struct service_cost {
    int64_t id;
    bool has_amount;
    int64_t amount_cents;
    const char *currency, *option, *amount_description;
};

struct service_contact {
    int64_t id;
    const char *name, *title, *email, *phone;
};

/* A service with everything about it. */
struct service_detail {
    struct service service;
    struct location *locations;
    int nlocations;
    struct service_schedule *schedules; /* the service's own first, then per location */
    int nschedules;
    const char **languages; /* BCP 47 tags, ordered */
    int nlanguages;
    struct service_cost *costs;
    int ncosts;
    struct service_contact *contacts;
    int ncontacts;
};

/* The statuses, NULL-terminated: active, inactive, defunct, temporarily
 * closed. Static storage. */
const char *const *service_statuses(void);

/* Checks and normalises in into *out (strings from the arena; empty or
 * all-space strings become NULL; languages in lower case, separated by
 * ","; the cost as a whole number of cents in *cents, -1 when not given).
 * ERR_INVALID with the field named ("name", "description", "url", "email",
 * "status", "languages", "cost", "cost_note", "contact_name",
 * "contact_phone", "contact_email") and a message that says what fits. */
enum err service_check(struct arena *a, const struct service_input *in, struct service_input *out,
                       int64_t *cents, struct fault *f);

/* Checks and normalises a location's input as service_check does (fields
 * "name", "description", "street", "postal_code", "city", "area_code",
 * "latitude", "longitude", "accessibility"); the area's existence is
 * checked when it is written. */
enum err service_check_location(struct arena *a, const struct location_input *in,
                                struct location_input *out, struct fault *f);

/* Whether act may manage the services of organisation_id: the console, or
 * an admin of that organisation acting as one (policy
 * organisation.manage_services, MEMBER). ERR_FORBIDDEN with the policy's
 * reason otherwise (also for an organisation that does not exist). */
enum err service_authorise(struct db *db, int64_t organisation_id, const struct actor *act,
                           struct fault *f);

/* Adds a service to organisation_id (the policy first, then the input as
 * service_check says; ERR_NOT_FOUND, field "organisation", for an unknown
 * organisation). Records "service.create". *id may be NULL. */
enum err service_create(struct db *db, int64_t organisation_id, const struct service_input *in,
                        const struct actor *act, int64_t *id, struct fault *f);

/* Replaces service id's fields, languages, cost and contact with in's.
 * ERR_NOT_FOUND for an unknown service (after the capacity is checked).
 * Records "service.update". */
enum err service_update(struct db *db, int64_t id, const struct service_input *in,
                        const struct actor *act, struct fault *f);

/* Adds a location of the service's organisation and offers the service
 * there (service_at_location). ERR_NOT_FOUND, field "area_code", for an
 * unknown area. Records "service.add_location" (with the area). *location_id
 * may be NULL. */
enum err service_add_location(struct db *db, int64_t service_id, const struct location_input *in,
                              const struct actor *act, int64_t *location_id, struct fault *f);

/* Adds a schedule to service_id: for the whole service (location_id 0) or
 * for the service at one of its locations (else ERR_NOT_FOUND, field
 * "location_id"). The rule is checked by schedule_parse (ERR_INVALID for a
 * rule that is malformed or cannot occur); description at most 500
 * characters on one line. Records "service.add_schedule". *id may be NULL. */
enum err service_add_schedule(struct db *db, int64_t service_id, int64_t location_id,
                              const struct schedule_input *in, const char *description,
                              const struct actor *act, int64_t *id, struct fault *f);

/* Loads a service (with its organisation's name). ERR_NOT_FOUND, field
 * "service", when there is none. Strings from the arena. */
enum err service_get(struct db *db, struct arena *a, int64_t id, struct service *out,
                     struct fault *f);

/* Loads a service with its locations, schedules, languages, costs and
 * contacts (each list at most SERVICE_PARTS_MAX). Errors of service_get. */
enum err service_detail_get(struct db *db, struct arena *a, int64_t id, struct service_detail *out,
                            struct fault *f);

/* The services of organisation_id by name, at most SERVICE_LIST_MAX. */
enum err service_list_for_organisation(struct db *db, struct arena *a, int64_t organisation_id,
                                       struct service **items, int *n, struct fault *f);

/* A search; every filter optional (NULL or 0). */
struct service_query {
    const char *q;        /* part of the name or description, any case (ASCII letters) */
    const char *area;     /* an area code: services at a location in it or below it */
    const char *language; /* a BCP 47 tag: services given in it */
    int64_t organisation_id;
    int offset; /* rows to skip, >= 0 */
    int limit;  /* 1..SERVICE_PAGE_MAX */
};

struct service_page {
    struct service *items;
    int n;
    int64_t total; /* matching services in all */
};

/* The services matching q, ordered by name, then id. ERR_INVALID for a
 * limit or offset out of range (fields "limit", "offset") or a language that
 * is not a BCP 47 tag (field "language"); ERR_NOT_FOUND, field "area", for
 * an unknown area. Strings from the arena. */
enum err service_search(struct db *db, struct arena *a, const struct service_query *q,
                        struct service_page *out, struct fault *f);

/* The locations of organisation_id (all, also those with no service), by
 * name, at most SERVICE_PARTS_MAX, with their accessibility. */
enum err service_locations_of(struct db *db, struct arena *a, int64_t organisation_id,
                              struct location **items, int *n, struct fault *f);

/* Loads the locations, schedules, languages, costs and contacts of
 * out->service (filled by the caller). For service_detail_get. */
enum err service_load_places(struct db *db, struct arena *a, struct service_detail *out,
                             struct fault *f);

/* Records the public audit entry action about service_id (detail: the
 * organisation's id, and extra_key: extra_id when extra_key is not NULL),
 * tied to area_code when not NULL. For the service modules. */
enum err service_record(struct db *db, const struct actor *act, const char *action,
                        int64_t service_id, int64_t organisation_id, const char *extra_key,
                        int64_t extra_id, const char *area_code, struct fault *f);

/* The demo's services (service_demo.c): for the demo organisations that
 * are there, their services with a location and opening hours, made as
 * the console; a service already there (same organisation and name) is
 * left alone. Joins the caller's transaction. */
enum err service_demo_create(struct db *db, struct fault *f);

#endif
